//! The generated `Validate` impls at work: `tests/fixtures/validation.json` is generated into
//! a scratch crate whose binary validates JSON values; good values give no issue, bad ones give
//! exactly the expected issues (pointer, message, and whether the key is at fault).

#[path = "support/scratch.rs"]
mod scratch;

use serde_json::{json, Value};
use std::path::Path;

const TYPES: [&str; 5] = ["Person", "Counts", "Loose", "ShapeUnion", "StringOrList"];

/// The scratch binary: reads `[[type, value], …]`, prints `[[pointer, message, on_key], …]`
/// for each case.
fn main_rs() -> String {
    let arms: String = TYPES
        .iter()
        .map(|t| format!("            {t:?} => azml::validate::validate_value::<lib::{t}>(&v),\n"))
        .collect();
    format!(
        "use azml_codegen_validate as lib;\n\
         fn main() {{\n\
         \x20   let cases: Vec<(String, serde_json::Value)> = serde_json::from_reader(std::io::stdin()).unwrap();\n\
         \x20   let mut out = Vec::new();\n\
         \x20   for (t, v) in cases {{\n\
         \x20       let issues = match t.as_str() {{\n{arms}\
         \x20           other => panic!(\"unknown type {{other}}\"),\n\
         \x20       }};\n\
         \x20       let issues: Vec<_> = issues.into_iter().map(|i| (i.pointer, i.message, i.on_key)).collect();\n\
         \x20       out.push(issues);\n\
         \x20   }}\n\
         \x20   println!(\"{{}}\", serde_json::to_string(&out).unwrap());\n\
         }}\n"
    )
}

fn issue(pointer: &str, message: &str) -> Value {
    json!([pointer, message, false])
}

#[test]
fn generated_validators_report_every_issue_with_its_pointer() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let out = azml_codegen::generate(&azml_codegen::Options {
        specs: vec![dir.join("validation.json")],
        root: Some(dir),
        derives: Vec::new(),
    })
    .unwrap_or_else(|d| panic!("{d}"));
    let lib = format!(
        "#![deny(warnings)]\n//! validation.json, generated.\n\n{}",
        out.code
    );
    let krate = scratch::write_crate("azml-codegen-validate", &lib, Some(&main_rs()));
    scratch::build(&krate);

    let cases: Vec<(&str, Value, Vec<Value>)> = vec![
        (
            "Person",
            json!({
                "name": "bob", "age": 30, "email": null, "tags": ["ab"], "color": "Red",
                "mode": "Unknown", "nickname": "Bob", "version": "v1", "id": "x",
                "shape": {"shapeType": "square", "side": 2}, "alias": ["x"], "score": 0.5
            }),
            vec![],
        ),
        (
            "Person",
            json!({
                "name": "Bob1", "age": 200, "tags": ["a", 5], "color": "Blue", "mode": 3,
                "nickname": "bob", "version": "v2", "shape": {"shapeType": "circle", "radius": -1},
                "alias": 5, "score": 0, "extra": 1
            }),
            vec![
                issue("/name", "does not match the pattern \"^[a-z]+$\""),
                issue("/age", "expected a number <= 150, got integer 200"),
                issue("/tags/1", "expected string, got integer 5"),
                issue("/tags/0", "expected at least 2 characters, got 1"),
                issue("/color", "expected one of \"Red\", \"Green\", got \"Blue\""),
                issue("/mode", "expected string, got integer 3"),
                issue("/nickname", "does not match the pattern \"^[A-Z]\""),
                issue("/version", "expected \"v1\", got string \"v2\""),
                issue("/shape/radius", "expected a number >= 0, got integer -1"),
                issue("/alias", "expected one of [string, array], got integer 5"),
                issue("/score", "expected a number > 0, got integer 0"),
                json!(["/extra", "unknown field", true]),
            ],
        ),
        (
            "Person",
            json!({"age": 1.5, "name": "toolongname", "tags": []}),
            vec![
                issue("/age", "expected integer, got number 1.5"),
                issue("/name", "expected at most 8 characters, got 11"),
                issue("/tags", "expected at least 1 item, got 0"),
            ],
        ),
        (
            "Person",
            json!({"age": 3000000000u64, "email": 5}),
            vec![
                issue(
                    "/age",
                    "expected integer between -2147483648 and 2147483647, got integer 3000000000",
                ),
                issue("/email", "expected string, got integer 5"),
                issue("/name", "missing required field"),
            ],
        ),
        (
            "Person",
            json!([]),
            vec![issue("", "expected object, got array")],
        ),
        (
            "Counts",
            json!({"total": 1, "x": 0, "a/b~c": "z"}),
            vec![
                issue("/x", "expected a number >= 1, got integer 0"),
                issue("/a~1b~0c", "expected integer, got string \"z\""),
            ],
        ),
        ("Loose", json!({"a": true, "anything": [1]}), vec![]),
        (
            "Loose",
            json!({"a": "yes"}),
            vec![issue("/a", "expected boolean, got string \"yes\"")],
        ),
        (
            "ShapeUnion",
            json!({"shapeType": "triangle", "sides": 3}),
            vec![],
        ),
        (
            "ShapeUnion",
            json!({}),
            vec![issue("/shapeType", "missing required field")],
        ),
        (
            "ShapeUnion",
            json!({"shapeType": 3}),
            vec![issue("/shapeType", "expected string, got integer 3")],
        ),
        (
            "ShapeUnion",
            json!({"shapeType": "square", "side": "x"}),
            vec![issue("/side", "expected integer, got string \"x\"")],
        ),
        ("StringOrList", json!(["a", "b"]), vec![]),
        (
            "StringOrList",
            json!(["a", 1]),
            // Only the array member fits the shape: its problem is reported.
            vec![issue("/1", "expected string, got integer 1")],
        ),
        (
            "StringOrList",
            json!(7),
            vec![issue("", "expected one of [string, array], got integer 7")],
        ),
    ];
    let input: Vec<(&str, &Value)> = cases.iter().map(|(t, v, _)| (*t, v)).collect();
    let stdout = scratch::run(
        &krate,
        "azml-codegen-validate",
        &serde_json::to_string(&input).expect("json"),
    );
    let got: Vec<Value> = serde_json::from_str(&stdout).expect("binary output");
    assert_eq!(got.len(), cases.len());
    for ((t, v, want), got) in cases.iter().zip(&got) {
        assert_eq!(got, &Value::Array(want.clone()), "issues of {t} {v}");
    }
}
