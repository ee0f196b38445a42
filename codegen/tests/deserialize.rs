//! The generated `Deserialize` impls (through the shared helper module) keep serde's rules:
//! unknown keys ignored, duplicate and missing fields refused with serde's messages, and for
//! an optional nullable field, absent, `null` and a value stay three states.

#[path = "support/scratch.rs"]
mod scratch;

use std::path::Path;

/// The scratch binary: reads JSON texts, one per line; prints, per line, `ok <Debug> <JSON>`
/// or `err <message>`.
const MAIN_RS: &str = r#"use azml_codegen_deserialize as lib;
use std::io::BufRead;
fn main() {
    for line in std::io::stdin().lock().lines() {
        let line = line.unwrap();
        match serde_json::from_str::<lib::Thing>(&line) {
            Ok(t) => println!("ok {t:?} {}", serde_json::to_string(&t).unwrap()),
            Err(e) => println!("err {e}"),
        }
    }
}
"#;

#[test]
fn generated_deserializers_follow_serde_rules() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let out = azml_codegen::generate(&azml_codegen::Options {
        specs: vec![dir.join("x_nullable.json")],
        root: Some(dir),
        derives: Vec::new(),
    })
    .unwrap_or_else(|d| panic!("{d}"));
    let lib = format!(
        "#![deny(warnings)]\n//! x_nullable.json, generated.\n\n{}",
        out.code
    );
    let krate = scratch::write_crate("azml-codegen-deserialize", &lib, Some(MAIN_RS));
    scratch::build(&krate);
    let cases: [(&str, &str); 11] = [
        (
            r#"{"must":"a","mustOrNull":null}"#,
            r#"ok Thing { must: "a", must_or_null: None, maybe: None, maybe_or_null: None, list: None, ref: None } {"must":"a","mustOrNull":null}"#,
        ),
        (
            r#"{"must":"a"}"#,
            r#"ok Thing { must: "a", must_or_null: None, maybe: None, maybe_or_null: None, list: None, ref: None } {"must":"a","mustOrNull":null}"#,
        ),
        (
            r#"{"maybeOrNull":null,"must":"a","mustOrNull":"b","list":null,"ref":{"x":1}}"#,
            r#"ok Thing { must: "a", must_or_null: Some("b"), maybe: None, maybe_or_null: Some(None), list: Some(None), ref: Some(Some(Other { x: Some(1) })) } {"must":"a","mustOrNull":"b","maybeOrNull":null,"list":null,"ref":{"x":1}}"#,
        ),
        (
            r#"{"must":"a","maybeOrNull":"v","unknown":[1,{"deep":true}]}"#,
            r#"ok Thing { must: "a", must_or_null: None, maybe: None, maybe_or_null: Some(Some("v")), list: None, ref: None } {"must":"a","mustOrNull":null,"maybeOrNull":"v"}"#,
        ),
        ("{}", "err missing field `must` at line 1 column 2"),
        (
            r#"{"must":"a","must":"b"}"#,
            "err duplicate field `must` at line 1 column 18",
        ),
        // A second occurrence is refused after a `null` too (optional and nullable slots).
        (
            r#"{"must":"a","maybe":null,"maybe":"x"}"#,
            "err duplicate field `maybe` at line 1 column 32",
        ),
        (
            r#"{"must":"a","maybeOrNull":null,"maybeOrNull":1}"#,
            "err duplicate field `maybeOrNull` at line 1 column 44",
        ),
        (
            r#"{"must":1}"#,
            "err invalid type: integer `1`, expected a string at line 1 column 9",
        ),
        (
            r#"{"must":"a","ref":{"x":"no"}}"#,
            "err invalid type: string \"no\", expected i64 at line 1 column 27",
        ),
        (
            "[\"a\"]",
            "err invalid type: sequence, expected struct Thing at line 1 column 1",
        ),
    ];
    let input: String = cases.iter().map(|(i, _)| format!("{i}\n")).collect();
    let got = scratch::run(&krate, "azml-codegen-deserialize", &input);
    let got: Vec<&str> = got.lines().collect();
    assert_eq!(got.len(), cases.len(), "{got:#?}");
    let wrong: Vec<String> = cases
        .iter()
        .zip(got)
        .filter(|((_, want), got)| got != want)
        .map(|((input, want), got)| format!("{input}\n  want {want}\n  got  {got}"))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
