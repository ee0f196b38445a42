//! The generated `Deserialize` impls (through the shared helper module) keep serde's rules
//! where the schema does not say otherwise: duplicate and missing fields refused with serde's
//! messages, and for an optional nullable field, absent, `null` and a value stay three states.
//! A required nullable field takes `null` and refuses an absent key, as its validator does.
//! What the schema says wins: unknown keys of an open object are kept (serde's `flatten`), and
//! an optional field that is not nullable refuses `null`, as its validator does.

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
    let cases: [(&str, &str); 12] = [
        (
            r#"{"must":"a","mustOrNull":null}"#,
            r#"ok Thing { must: "a", must_or_null: None, maybe: None, maybe_or_null: None, list: None, ref: None, additional_properties: {} } {"must":"a","mustOrNull":null}"#,
        ),
        // A required nullable field may be `null`, not absent.
        (
            r#"{"must":"a"}"#,
            "err missing field `mustOrNull` at line 1 column 12",
        ),
        (
            r#"{"maybeOrNull":null,"must":"a","mustOrNull":"b","list":null,"ref":{"x":1}}"#,
            r#"ok Thing { must: "a", must_or_null: Some("b"), maybe: None, maybe_or_null: Some(None), list: Some(None), ref: Some(Some(Other { x: Some(1), additional_properties: {} })), additional_properties: {} } {"must":"a","mustOrNull":"b","maybeOrNull":null,"list":null,"ref":{"x":1}}"#,
        ),
        (
            r#"{"must":"a","mustOrNull":null,"maybeOrNull":"v","unknown":[1,{"deep":true}]}"#,
            r#"ok Thing { must: "a", must_or_null: None, maybe: None, maybe_or_null: Some(Some("v")), list: None, ref: None, additional_properties: {"unknown": Array [Number(1), Object {"deep": Bool(true)}]} } {"must":"a","mustOrNull":null,"maybeOrNull":"v","unknown":[1,{"deep":true}]}"#,
        ),
        ("{}", "err missing field `must` at line 1 column 2"),
        (
            r#"{"must":"a","must":"b"}"#,
            "err duplicate field `must` at line 1 column 18",
        ),
        // `null` for an optional field that is not nullable is refused.
        (
            r#"{"must":"a","maybe":null}"#,
            "err invalid type: null, expected a string at line 1 column 24",
        ),
        // A second occurrence is refused after a `null` too (nullable slots).
        (
            r#"{"must":"a","maybe":"y","maybe":"x"}"#,
            "err duplicate field `maybe` at line 1 column 31",
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

/// The scratch binary of [`both_routes_read_as_serde_derive_does`]: per input line, the
/// result of the generated type and of its serde-derived twin (`ok <JSON>` or `err
/// <message>`), tab-separated, for `Thing` (read in place: it has a `Default`) then `Strict`
/// (read into slots: its required enum has no default).
const TWINS_MAIN_RS: &str = r#"use azml_codegen_deserialize_twins as lib;
use std::io::BufRead;

fn show<T: serde::de::DeserializeOwned + serde::Serialize>(line: &str) -> String {
    match serde_json::from_str::<T>(line) {
        Ok(t) => format!("ok {}", serde_json::to_string(&t).unwrap()),
        Err(e) => format!("err {e}"),
    }
}

fn main() {
    for line in std::io::stdin().lock().lines() {
        let line = line.unwrap();
        println!(
            "{}\t{}\t{}\t{}",
            show::<lib::Thing>(&line),
            show::<lib::twin::Thing>(&line),
            show::<lib::Strict>(&line),
            show::<lib::twin::Strict>(&line),
        );
    }
}
"#;

/// What serde's derive does with the same fields (`nullable` keeps `null` apart from absent,
/// `present` refuses `null` for an optional field, `flatten` keeps unknown keys).
const TWINS_RS: &str = r#"
/// The same names, for the same messages.
pub mod twin {
use super::{Kind, Other};

fn present<'de, D: serde::Deserializer<'de>, T: serde::Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// With `deserialize_with`, serde refuses a missing `Option` field instead of taking `None`.
fn required_option<'de, D: serde::Deserializer<'de>, T: serde::Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    <Option<T> as serde::Deserialize>::deserialize(d)
}

#[derive(serde::Serialize, serde::Deserialize)]
pub struct Thing {
    must: String,
    #[serde(rename = "mustOrNull", deserialize_with = "required_option")]
    must_or_null: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    maybe: Option<String>,
    #[serde(
        rename = "maybeOrNull",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "azml::__codegen::nullable"
    )]
    maybe_or_null: Option<Option<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "azml::__codegen::nullable"
    )]
    list: Option<Option<Vec<String>>>,
    #[serde(
        rename = "ref",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "azml::__codegen::nullable"
    )]
    reference: Option<Option<Other>>,
    #[serde(flatten)]
    extra: serde_json::Map<String, serde_json::Value>,
}

#[derive(serde::Serialize, serde::Deserialize)]
pub struct Strict {
    kind: Kind,
    must: String,
    #[serde(rename = "mustOrNull", deserialize_with = "required_option")]
    must_or_null: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    maybe: Option<String>,
    #[serde(
        rename = "maybeOrNull",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "azml::__codegen::nullable"
    )]
    maybe_or_null: Option<Option<String>>,
    #[serde(flatten)]
    extra: serde_json::Map<String, serde_json::Value>,
}
}
"#;

/// Both routes of the generated `from_map` (in place for a struct with a `Default`, slots for
/// another) give what serde's derive gives on the same input, value or error message, for
/// every field kind crossed with absent, `null`, a value, a wrong type and a duplicate (before
/// and after `null`), with unknown keys around. (Not a sequence: serde's derive also reads a
/// struct from one, by position, which the generated impls refuse, as the test above shows.)
#[test]
fn both_routes_read_as_serde_derive_does() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let out = azml_codegen::generate(&azml_codegen::Options {
        specs: vec![dir.join("x_nullable.json")],
        root: Some(dir),
        derives: Vec::new(),
    })
    .unwrap_or_else(|d| panic!("{d}"));
    let code = &out.code;
    for (ty, route) in [("Thing", "let mut v = "), ("Strict", "let mut f0 = None;")] {
        let at = code
            .find(&format!("FromMap for {ty} "))
            .unwrap_or_else(|| panic!("{ty}"));
        let end = code[at..].find("\n}\n").map_or(code.len(), |e| at + e);
        assert!(
            code[at..end].contains(route),
            "{ty} is not read by {route:?}"
        );
    }
    let lib =
        format!("#![deny(warnings)]\n//! x_nullable.json and serde twins.\n\n{code}{TWINS_RS}");
    let krate = scratch::write_crate("azml-codegen-deserialize-twins", &lib, Some(TWINS_MAIN_RS));
    scratch::build(&krate);
    let fields = [
        ("kind", r#""a""#, "7"),
        ("must", r#""m""#, "1"),
        ("mustOrNull", r#""n""#, "[]"),
        ("maybe", r#""x""#, "{}"),
        ("maybeOrNull", r#""y""#, "true"),
        ("list", r#"["l"]"#, r#""l""#),
        ("ref", r#"{"x":1}"#, r#"{"x":"no"}"#),
    ];
    let all = |skip: &str, extra: &str| {
        let mut entries: Vec<String> = fields
            .iter()
            .filter(|(k, _, _)| *k != skip)
            .map(|(k, v, _)| format!("\"{k}\":{v}"))
            .collect();
        if !extra.is_empty() {
            entries.push(extra.to_string());
        }
        format!("{{{}}}", entries.join(","))
    };
    let mut inputs = vec![
        "{}".to_string(),
        "null".to_string(),
        all("", ""),
        all("", r#""unknown":[1,{"deep":null}]"#),
    ];
    for (key, good, bad) in fields {
        inputs.push(all(key, ""));
        inputs.push(all(key, &format!("\"{key}\":null")));
        inputs.push(all(key, &format!("\"{key}\":{bad}")));
        inputs.push(all("", &format!("\"{key}\":{good}")));
        inputs.push(all(key, &format!("\"{key}\":null,\"{key}\":{good}")));
    }
    let input: String = inputs.iter().map(|i| format!("{i}\n")).collect();
    let got = scratch::run(&krate, "azml-codegen-deserialize-twins", &input);
    let lines: Vec<&str> = got.lines().collect();
    assert_eq!(lines.len(), inputs.len(), "{got}");
    let mut wrong = Vec::new();
    let mut both = [0, 0];
    for (input, line) in inputs.iter().zip(lines) {
        let parts: Vec<&str> = line.split('\t').collect();
        assert_eq!(parts.len(), 4, "{line}");
        for (i, pair) in parts.chunks(2).enumerate() {
            if pair[0] != pair[1] {
                wrong.push(format!(
                    "{input}\n  generated {}\n  serde     {}",
                    pair[0], pair[1]
                ));
            }
            if pair[0].starts_with("ok") {
                both[i] += 1;
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Both outcomes occur for both types.
    assert!(both.iter().all(|n| *n > 0 && *n < inputs.len()), "{both:?}");
}
