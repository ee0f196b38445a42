//! Bad and hostile specs: every problem is reported with file and JSON pointer, all at once,
//! and nothing panics.

use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/errors")
}

fn errors_of(file: &str) -> Vec<String> {
    let opts = azml_codegen::Options {
        specs: vec![dir().join(file)],
        root: Some(dir()),
        derives: Vec::new(),
    };
    match azml_codegen::generate(&opts) {
        Ok(_) => panic!("{file} should fail"),
        Err(d) => d
            .errors()
            .map(|e| format!("{}#{}: {}", e.file, e.pointer, e.message))
            .collect(),
    }
}

#[test]
fn bad_refs_are_all_reported_with_pointers() {
    let errs = errors_of("bad_refs.json");
    let expect = [
        ("/definitions/Remote/properties/a/$ref", "https scheme"),
        (
            "/definitions/Escape/properties/b/$ref",
            "leaves the spec root folder",
        ),
        (
            "/definitions/Missing/properties/c/$ref",
            "points to nothing",
        ),
        (
            "/definitions/Anchor/properties/e/$ref",
            "anchors are not supported",
        ),
        (
            "/definitions/BadEscape/properties/f/$ref",
            "bad percent-escape",
        ),
    ];
    for (ptr, msg) in expect {
        assert!(
            errs.iter()
                .any(|e| e.starts_with(&format!("bad_refs.json#{ptr}: ")) && e.contains(msg)),
            "missing error {ptr} {msg} in {errs:#?}"
        );
    }
    assert!(
        errs.iter()
            .any(|e| e.starts_with("nofile.json#: cannot read file")),
        "{errs:#?}"
    );
}

#[test]
fn absolute_refs_through_the_id_are_local_only() {
    let errs = errors_of("bad_ids.json");
    let expect = [
        ("/definitions/Missing/properties/a/$ref", "does not exist"),
        (
            "/definitions/Escape/properties/b/$ref",
            "outside the spec root folder",
        ),
        ("/definitions/Other/properties/c/$ref", "https scheme"),
        ("/definitions/Scheme/properties/d/$ref", "http scheme"),
        (
            "/definitions/Nothing/properties/e/$ref",
            "points to nothing",
        ),
    ];
    for (ptr, msg) in expect {
        assert!(
            errs.iter()
                .any(|e| e.starts_with(&format!("bad_ids.json#{ptr}: ")) && e.contains(msg)),
            "missing error {ptr} {msg} in {errs:#?}"
        );
    }
    assert_eq!(errs.len(), expect.len(), "{errs:#?}");
}

#[test]
fn invalid_json_is_an_error_not_a_panic() {
    let errs = errors_of("truncated.json");
    assert!(errs.iter().any(|e| e.contains("invalid JSON")), "{errs:#?}");
}

#[test]
fn missing_spec_file_is_an_error() {
    let errs = errors_of("does-not-exist.json");
    assert_eq!(errs.len(), 1, "{errs:#?}");
}

fn arb_json() -> impl Strategy<Value = serde_json::Value> {
    let key = prop_oneof![
        Just("type".to_string()),
        Just("properties".to_string()),
        Just("allOf".to_string()),
        Just("oneOf".to_string()),
        Just("enum".to_string()),
        Just("$ref".to_string()),
        Just("items".to_string()),
        Just("additionalProperties".to_string()),
        Just("discriminator".to_string()),
        Just("required".to_string()),
        Just("x-ms-enum".to_string()),
        "[a-zA-Z$\"{}#/~ ]{0,8}",
    ];
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        prop_oneof![
            Just("object".to_string()),
            Just("string".to_string()),
            Just("#/definitions/A".to_string()),
            Just("#/definitions/B".to_string()),
            "[a-z#/\"{}~%]{0,8}",
        ]
        .prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            prop::collection::btree_map(key.clone(), inner, 0..5)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]
    /// Any JSON under `definitions` either generates code that parses or returns diagnostics.
    #[test]
    fn never_panics(a in arb_json(), b in arb_json()) {
        let tmp = Path::new(env!("CARGO_TARGET_TMPDIR")).join("proptest-spec");
        std::fs::create_dir_all(&tmp).unwrap();
        let file = tmp.join(format!("spec-{}.json", std::process::id()));
        let doc = serde_json::json!({"swagger": "2.0", "definitions": {"A": a, "B": b}});
        std::fs::write(&file, doc.to_string()).unwrap();
        let opts = azml_codegen::Options { specs: vec![file], root: Some(tmp), derives: Vec::new() };
        let out = azml_codegen::generate(&opts);
        if let Err(d) = &out {
            prop_assert!(d.errors().all(|e| !e.message.contains("panicked")), "{d}");
        }
        if let Ok(o) = out {
            prop_assert!(syn::parse_file(&o.code).is_ok());
        }
    }
}

#[test]
fn hostile_extern_types_are_errors_with_pointers() {
    let errs = errors_of("hostile_extern_type.json");
    for ptr in [
        "/definitions/Inject/x-azml-type",
        "/definitions/Macro/x-azml-type",
        "/definitions/QSelf/x-azml-type",
        "/definitions/ConstArg/x-azml-type",
        "/definitions/NotString/x-azml-type",
        "/definitions/Holder/properties/p/x-azml-type",
    ] {
        assert!(
            errs.iter()
                .any(|e| e.starts_with(&format!("hostile_extern_type.json#{ptr}: "))),
            "missing error at {ptr} in {errs:#?}"
        );
    }
    assert_eq!(errs.len(), 6, "{errs:#?}");
}
