//! Issue 15's eight classes of values that the generated types used to lose, one fixture each
//! (`tests/fixtures/roundtrip_*.json`, snapshots beside them): every value the schema allows
//! passes the generated validator, deserializes and serializes back to an equal JSON value;
//! every value it refuses fails the validator and does not deserialize either.

#[path = "support/compare.rs"]
mod compare;
#[path = "support/roundtrip.rs"]
mod roundtrip;
#[path = "support/scratch.rs"]
mod scratch;

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const KRATE: &str = "azml-codegen-roundtrip-classes";
const FIXTURES: [&str; 8] = [
    "mixed_enum",
    "nullable_named",
    "pattern_properties",
    "open_objects",
    "untagged_closed",
    "strict_enum",
    "null_vs_absent",
    "type_lists",
];

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The scratch crate, built once for every test of this file.
fn krate() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let mut modules = Vec::new();
        let mut types = Vec::new();
        for name in FIXTURES {
            let spec = fixtures_dir().join(format!("roundtrip_{name}.json"));
            let out = azml_codegen::generate(&azml_codegen::Options {
                specs: vec![spec],
                root: Some(fixtures_dir()),
                derives: Vec::new(),
            })
            .unwrap_or_else(|d| panic!("{name}: {d}"));
            for rust in out.report.schemas.values() {
                let path = match rust.strip_prefix("Option<") {
                    Some(inner) => format!("Option<{name}::{inner}"),
                    None => format!("{name}::{rust}"),
                };
                types.push((format!("{name}::{rust}"), path));
            }
            modules.push((name.to_string(), out.code));
        }
        types.sort();
        types.dedup();
        roundtrip::build(KRATE, &modules, &types)
    })
}

/// Checks that each `keep` value of `ty` is valid and comes back equal, and that each
/// `refuse` value is invalid and does not deserialize.
fn check(ty: &str, keep: &[Value], refuse: &[Value]) {
    let cases: Vec<(String, Value)> = keep
        .iter()
        .chain(refuse)
        .map(|v| (ty.to_string(), v.clone()))
        .collect();
    let got = roundtrip::run(krate(), KRATE, &cases);
    assert_eq!(got.len(), cases.len());
    let mut wrong = Vec::new();
    for (i, ((_, v), o)) in cases.iter().zip(&got).enumerate() {
        if i < keep.len() {
            match &o.back {
                Ok(b) if o.valid() => {
                    if let Some(d) = roundtrip::first_difference(v, b, "") {
                        wrong.push(format!("{ty} {v}: came back as {b} (at {d})"));
                    }
                }
                _ => wrong.push(format!("{ty} {v}: refused: {o:?}")),
            }
        } else if o.valid() || o.back.is_ok() {
            wrong.push(format!("{ty} {v}: accepted: {o:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn enums_keep_values_of_every_json_type() {
    check(
        "mixed_enum::FontWeight",
        &[json!("bold"), json!(700), json!(1.5), json!(true)],
        &[
            json!("700"),
            json!(false),
            json!(null),
            json!({"bold": null}),
        ],
    );
    check(
        "mixed_enum::Text",
        &[json!({"weight": 700, "level": 2}), json!({})],
        &[json!({"level": 4}), json!({"weight": "normal"})],
    );
}

#[test]
fn null_in_a_definition_is_kept() {
    check(
        "nullable_named::Option<MaybeObject>",
        &[json!(null), json!({"a": "x"})],
        &[json!(1), json!({"b": 1})],
    );
    check(
        "nullable_named::Option<MaybeBool>",
        &[json!(null), json!(true)],
        &[json!("yes")],
    );
    check(
        "nullable_named::StartOrNull",
        &[json!(null), json!("start")],
        &[json!("stop")],
    );
    check(
        "nullable_named::Option<NullOrString>",
        &[json!(null), json!("x")],
        &[json!(1)],
    );
    check(
        "nullable_named::Holder",
        &[
            json!({"object": null, "flag": null, "start": null, "text": null, "items": [null, "a", 1.5]}),
            json!({"object": {"a": "b"}, "flag": false, "start": "start", "text": "t", "items": []}),
            json!({}),
        ],
        &[json!({"items": [true]}), json!({"flag": "no"})],
    );
}

#[test]
fn pattern_properties_are_typed_maps() {
    check(
        "pattern_properties::Extensible",
        &[json!({"a": "x", "x-a": 1, "x-b": {"deep": [null]}})],
        &[json!({"y": 1}), json!({"a": 1})],
    );
    check(
        "pattern_properties::Counters",
        &[json!({"n_a": 1, "other": "kept"})],
        &[json!({"n_a": "one"})],
    );
}

#[test]
fn open_objects_keep_unknown_keys() {
    check(
        "open_objects::Open",
        &[json!({"b": 1}), json!({"a": "x", "b": [1, {"c": null}]})],
        &[json!({"a": 1}), json!([])],
    );
    check(
        "open_objects::Outer",
        &[json!({"inner": {"z": true}, "extra": "kept"})],
        &[json!({})],
    );
}

#[test]
fn untagged_unions_choose_the_member_that_fits() {
    check(
        "untagged_closed::ValueOrExpr",
        &[json!({"expr": "x"}), json!({"a": 1.5}), json!({})],
        &[json!({"expr": "x", "a": 1}), json!({"b": 1}), json!("s")],
    );
}

#[test]
fn string_enums_read_only_strings() {
    check(
        "strict_enum::Trigger",
        &[
            json!("push"),
            json!({"push": null}),
            json!({"push": {"x": 1}}),
        ],
        &[json!("merge"), json!({"merge": null}), json!(1)],
    );
}

#[test]
fn null_and_absent_stay_apart() {
    check(
        "null_vs_absent::Doc",
        &[
            json!({"d": null}),
            json!({}),
            json!({"d": [1]}),
            json!({"n": 1}),
        ],
        &[json!({"n": null}), json!({"e": 1})],
    );
}

#[test]
fn type_lists_false_schemas_nullable_references_and_titles() {
    check(
        "type_lists::Mixed",
        &[
            json!({"flag_or_number": true, "maybe": null, "words": "w", "object_or_name": {"k": 1}, "base": null}),
            json!({"flag_or_number": 2.5, "maybe": 3, "words": ["a", "b"], "object_or_name": "n", "base": {"id": 1}}),
        ],
        &[
            json!({"removed": 1}),
            json!({"flag_or_number": "x"}),
            json!({"words": [1]}),
            json!({"object_or_name": {"k": "x"}}),
        ],
    );
    check(
        "type_lists::Shape",
        &[json!({"r": 1.0}), json!({"side": 2.0})],
        &[json!({"r": "x"}), json!({})],
    );
    // Inline members with a title are named by it.
    check(
        "type_lists::Circle",
        &[json!({"r": 1})],
        &[json!({"side": 1})],
    );
}
