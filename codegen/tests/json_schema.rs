//! The JSON Schema back end (`azml_codegen::json_schemas`) on
//! `tests/fixtures/json_schema/kinds.json`: each kind's file is a valid
//! draft-07 schema, and a real validator (the `jsonschema` crate) accepts and
//! refuses what the rules say: tagged unions with their catch-all, open and
//! lower-cased enums with aliases, exclusive pairs (null counts as absent),
//! nullable fields, keyword checks, hand-written types' own schemas, anonymous
//! components, and a kind that admits only its type's keys. Spec errors of the
//! back end are located diagnostics.

use azml_codegen::json_schema::SchemaFile;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/json_schema/kinds.json")
}

fn schemas(spec: &Path) -> Result<Vec<SchemaFile>, azml_codegen::Diagnostics> {
    azml_codegen::json_schemas(&azml_codegen::Options {
        specs: vec![spec.to_path_buf()],
        ..Default::default()
    })
}

fn validator(files: &[SchemaFile], name: &str) -> (Value, jsonschema::Validator) {
    let file = files
        .iter()
        .find(|f| f.file_name == name)
        .unwrap_or_else(|| panic!("no {name}"));
    let schema: Value = serde_json::from_str(&file.text).expect("JSON");
    jsonschema::draft7::meta::validate(&schema).expect("a valid draft-07 schema");
    let v = jsonschema::draft7::new(&schema).expect("compiles");
    (schema, v)
}

#[test]
fn one_file_per_kind_named_by_schema_file_or_the_camel_case_name() {
    let files = schemas(&fixture()).expect("no errors");
    let names: Vec<(&str, &str)> = files
        .iter()
        .map(|f| (f.kind.as_str(), f.file_name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("drawing", "drawing.schema.json"),
            ("sheet", "mySheet.schema.json")
        ]
    );
    // Generation is deterministic.
    assert_eq!(files, schemas(&fixture()).expect("no errors"));
}

#[test]
fn the_validator_accepts_and_refuses_what_the_rules_say() {
    let files = schemas(&fixture()).expect("no errors");
    let (schema, drawing) = validator(&files, "drawing.schema.json");
    let base = json!({"shape": {"kind": "circle", "r": 1.5}});
    let with = |key: &str, value: Value| {
        let mut doc = base.clone();
        doc[key] = value;
        doc
    };
    let valid = [
        base.clone(),
        json!({"shape": {"kind": "triangle", "corners": 3}}),
        with("color", json!("blue")),
        with("mode", json!("FAST")),
        with("mode", json!("Quick")),
        json!({"shape": {"kind": "square"}, "a": 1, "b": null}),
        with("note", Value::Null),
        with("part", json!("by-name")),
        with("part", json!({"size": "12"})),
        with("part", json!({"name": 5, "size": 3})),
        with("tags", json!({"x": "abc"})),
        with("level", json!(2)),
    ];
    for doc in &valid {
        let errors: Vec<String> = drawing.iter_errors(doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{doc} should be valid: {errors:?}");
    }
    let invalid = [
        json!({}),
        json!({"shape": {"r": 1}}),
        json!({"shape": {"kind": "circle", "side": 1}}),
        json!({"shape": {"kind": 5}}),
        with("color", json!(5)),
        with("mode", json!("slowly")),
        json!({"shape": {"kind": "square"}, "a": 1, "b": 2}),
        with("part", json!({"size": "twelve"})),
        with("part", json!({"other": 1})),
        with("tags", json!({"x": "abcd"})),
        with("level", json!(0)),
        with("zzz", json!(1)),
    ];
    for doc in &invalid {
        assert!(!drawing.is_valid(doc), "{doc} should be invalid");
    }
    let level = &schema["definitions"]["Drawing"]["properties"]["level"];
    assert_eq!(level["default"], json!(1));
    // A component written in place gets the anonymous variant.
    assert!(schema["definitions"]["AnonymousPart"].is_object());
    assert!(schema["definitions"].get("Part").is_none());

    let (_, sheet) = validator(&files, "mySheet.schema.json");
    assert!(sheet.is_valid(&json!({"title": "t"})));
    assert!(!sheet.is_valid(&json!({"title": "t", "x": 1})));
}

fn errors_of(spec: Value) -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("azml-json-schema");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("{:x}.json", fxhash(&spec.to_string())));
    std::fs::write(&path, spec.to_string()).expect("write spec");
    let result = schemas(&path);
    let _ = std::fs::remove_file(&path);
    match result {
        Ok(_) => Vec::new(),
        Err(d) => d
            .errors()
            .map(|e| format!("{}: {}", e.pointer, e.message))
            .collect(),
    }
}

/// A file name per spec (tests run in parallel).
fn fxhash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

#[test]
fn back_end_rules_are_located_errors() {
    let kind = |name: &str, file: &str| json!({"name": name, "loader": "l", "schema_file": file});
    let errors = errors_of(json!({"definitions": {
        "A": {"type": "object", "properties": {"x": {"type": "string"}}, "x-azml-kind": kind("a", "same.schema.json")},
        "B": {"type": "object", "properties": {"y": {"type": "string"}}, "x-azml-kind": kind("b", "same.schema.json")}
    }}));
    assert!(
        errors
            .iter()
            .any(|e| e.contains("x-azml-kind") && e.contains("same.schema.json")),
        "{errors:?}"
    );
    let errors = errors_of(json!({"definitions": {
        "H": {"anyOf": [{"type": "string", "x-azml-default": "x"}], "x-azml-type": "crate::H"}
    }}));
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("/definitions/H/anyOf/0/x-azml-default")),
        "{errors:?}"
    );
    let errors = errors_of(json!({"definitions": {
        "S": {"type": "object", "properties": {"h": {"type": "string"}}, "x-azml-anonymous": ["h"]}
    }}));
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("/definitions/S/x-azml-anonymous")),
        "{errors:?}"
    );
}
