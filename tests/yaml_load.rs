//! Loading behaviour of `azml::yaml`: values, scalar resolution, positions,
//! keys, anchors and merge keys.

use azml::yaml::{parse_str, Document, Position, YamlError, YamlErrorKind};
use serde_json::{json, Value};

fn load(text: &str) -> Document {
    match parse_str(text) {
        Ok(doc) => doc,
        Err(e) => panic!("unexpected error for {text:?}: {e}"),
    }
}

fn value(text: &str) -> Value {
    load(text).value
}

fn fail(text: &str) -> YamlError {
    match parse_str(text) {
        Ok(doc) => panic!("expected an error for {text:?}, got {}", doc.value),
        Err(e) => e,
    }
}

fn pos(line: usize, col: usize) -> Option<Position> {
    Some(Position::new(line, col))
}

/// The value of `v: <scalar>`.
fn scalar(text: &str) -> Value {
    value(&format!("v: {text}\n"))["v"].clone()
}

const JOB: &str = "\
$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
command: python train.py --lr ${{inputs.lr}}
environment: azureml:AzureML-sklearn-1.0@latest
inputs:
  lr: 0.01
  data:
    type: uri_folder
    path: ./data
outputs:
  - name: model
    mode: rw_mount
  - {name: logs, mode: upload}
tags: {a/b: 1, c~d: 2}
";

#[test]
fn loads_a_job_in_document_order() {
    let doc = load(JOB);
    let keys: Vec<&str> = doc
        .value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "$schema",
            "command",
            "environment",
            "inputs",
            "outputs",
            "tags"
        ]
    );
    assert_eq!(doc.value["inputs"]["lr"], json!(0.01));
    assert_eq!(
        doc.value["outputs"][1],
        json!({"name": "logs", "mode": "upload"})
    );
    assert_eq!(doc.value["command"], "python train.py --lr ${{inputs.lr}}");
}

#[test]
fn positions_of_nested_keys_values_and_items() {
    let doc = load(JOB);
    // Root mapping.
    assert_eq!(doc.position(""), pos(1, 1));
    assert_eq!(doc.key_position(""), None);
    // Top-level scalar.
    assert_eq!(doc.position("/environment"), pos(3, 14));
    assert_eq!(doc.key_position("/environment"), pos(3, 1));
    // Nested mapping and its entries.
    assert_eq!(doc.key_position("/inputs"), pos(4, 1));
    assert_eq!(doc.position("/inputs"), pos(5, 3));
    assert_eq!(doc.key_position("/inputs/lr"), pos(5, 3));
    assert_eq!(doc.position("/inputs/lr"), pos(5, 7));
    assert_eq!(doc.key_position("/inputs/data/path"), pos(8, 5));
    assert_eq!(doc.position("/inputs/data/path"), pos(8, 11));
    // Sequence items: a value position, no key position.
    assert_eq!(doc.position("/outputs"), pos(10, 3));
    assert_eq!(doc.position("/outputs/0"), pos(10, 5));
    assert_eq!(doc.key_position("/outputs/0"), None);
    assert_eq!(doc.key_position("/outputs/0/mode"), pos(11, 5));
    assert_eq!(doc.position("/outputs/0/mode"), pos(11, 11));
    // Flow collections.
    assert_eq!(doc.position("/outputs/1"), pos(12, 5));
    assert_eq!(doc.key_position("/outputs/1/mode"), pos(12, 18));
    assert_eq!(doc.position("/outputs/1/mode"), pos(12, 24));
}

#[test]
fn pointer_escaping() {
    let doc = load(JOB);
    assert_eq!(doc.value["tags"]["a/b"], 1);
    assert_eq!(doc.key_position("/tags/a~1b"), pos(13, 8));
    assert_eq!(doc.position("/tags/a~1b"), pos(13, 13));
    assert_eq!(doc.position("/tags/c~0d"), pos(13, 21));
    // Unescaped or wrongly escaped pointers find nothing.
    assert_eq!(doc.position("/tags/a/b"), None);
    assert_eq!(doc.position("/tags/c~d"), None);
    assert_eq!(doc.position("/tags/c~2d"), None);
    // Missing paths, bad indices, pointers without a leading slash.
    assert_eq!(doc.position("/nope"), None);
    assert_eq!(doc.position("/outputs/2"), None);
    assert_eq!(doc.position("/outputs/01"), None);
    assert_eq!(doc.position("/outputs/-"), None);
    assert_eq!(doc.position("outputs"), None);
    assert_eq!(doc.position("/environment/x"), None);
}

#[test]
fn numeric_keys_are_not_sequence_indices() {
    let doc = load("m:\n  0: zero\n  10: ten\ns: [a, b]\n\"\": empty\n");
    assert_eq!(doc.value["m"], json!({"0": "zero", "10": "ten"}));
    assert_eq!(doc.position("/m/0"), pos(2, 6));
    assert_eq!(doc.position("/m/10"), pos(3, 7));
    assert_eq!(doc.position("/s/1"), pos(4, 8));
    // The empty key is addressed by the pointer "/".
    assert_eq!(doc.position("/"), pos(5, 5));
}

#[test]
fn unicode_columns_count_characters() {
    let doc = load("name: \"héllo wörld\"\nnext: é\n");
    assert_eq!(doc.position("/next"), pos(2, 7));
    let doc = load("ключ: значение\nb: 1\n");
    assert_eq!(doc.position("/ключ"), pos(1, 7));
}

#[test]
fn error_at_names_the_value_and_falls_back_to_ancestors() {
    let doc = load(JOB);
    let e = doc.error_at("/inputs/data/path", "no such folder");
    assert_eq!(e.kind(), YamlErrorKind::Custom);
    assert_eq!(e.to_string(), "8:11: no such folder");
    let e = doc.key_error_at("/inputs/data/type", "unknown key");
    assert_eq!(e.to_string(), "7:5: unknown key");
    // A missing key falls back to the nearest existing ancestor.
    let e = doc.error_at("/inputs/data/missing/deeper", "required");
    assert_eq!(e.position(), pos(7, 5));
}

#[test]
fn null_resolution() {
    for text in ["", "~", "null", "Null", "NULL"] {
        assert_eq!(scalar(text), Value::Null, "{text:?}");
    }
    assert_eq!(value("a:\nb: 1\n"), json!({"a": null, "b": 1}));
    for text in ["nULL", "none", "None", "'null'", "\"~\""] {
        assert!(scalar(text).is_string(), "{text:?}");
    }
}

#[test]
fn bool_resolution_includes_pyyaml_yes_no_on_off() {
    for text in [
        "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON",
    ] {
        assert_eq!(scalar(text), json!(true), "{text:?}");
    }
    for text in [
        "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF",
    ] {
        assert_eq!(scalar(text), json!(false), "{text:?}");
    }
    for text in ["tRUE", "y", "n", "Y", "N", "yEs", "'true'", "\"no\""] {
        assert!(scalar(text).is_string(), "{text:?}");
    }
}

#[test]
fn int_resolution() {
    let cases: &[(&str, Value)] = &[
        ("0", json!(0)),
        ("42", json!(42)),
        ("+42", json!(42)),
        ("-42", json!(-42)),
        ("-0", json!(0)),
        ("0x2A", json!(42)),
        ("0x2a", json!(42)),
        ("-0x2A", json!(-42)),
        ("0b101010", json!(42)),
        ("1_000", json!(1000)),
        // PyYAML: a leading zero means octal.
        ("052", json!(42)),
        ("00", json!(0)),
        ("9223372036854775807", json!(i64::MAX)),
        ("-9223372036854775808", json!(i64::MIN)),
        ("18446744073709551615", json!(u64::MAX)),
    ];
    for (text, expected) in cases {
        let got = scalar(text);
        assert_eq!(&got, expected, "{text:?}");
        assert!(
            got.is_i64() || got.is_u64(),
            "{text:?} should be an integer"
        );
    }
    // Not integers: strings, as PyYAML would give for these.
    for text in [
        "08",
        "09",
        "0x",
        "0xG",
        "0o8",
        "_1",
        "1:30",
        "2024-01-01",
        "12abc",
        "+",
        "0o1_0",
    ] {
        assert_eq!(scalar(text), Value::String(text.to_owned()), "{text:?}");
    }
    // PyYAML's `[1-9][0-9_]*` takes trailing underscores.
    assert_eq!(scalar("1_"), json!(1));
}

#[test]
fn big_ints_are_errors() {
    for text in [
        "18446744073709551616",
        "-9223372036854775809",
        "0x1_0000_0000_0000_0000",
        "123456789012345678901234567890",
    ] {
        let e = fail(&format!("a: 1\nbig: {text}\n"));
        assert_eq!(e.kind(), YamlErrorKind::Scalar, "{text}");
        assert_eq!(e.position(), pos(2, 6), "{text}");
        assert!(e.message().contains("64 bits"), "{e}");
    }
    // Quoted, they are strings.
    assert_eq!(
        scalar("'18446744073709551616'"),
        json!("18446744073709551616")
    );
}

#[test]
fn float_resolution() {
    let cases: &[(&str, f64)] = &[
        ("1.5", 1.5),
        ("-1.5", -1.5),
        ("+1.5", 1.5),
        (".5", 0.5),
        ("1.", 1.0),
        ("1.0e-3", 0.001),
        ("-2.5E+2", -250.0),
        ("1_000.5", 1000.5),
        ("0.01", 0.01),
        ("1.0", 1.0),
        ("08.5", 8.5),
    ];
    for (text, expected) in cases {
        let got = scalar(text);
        assert!(got.is_f64(), "{text:?} should be a float, got {got}");
        assert_eq!(got.as_f64(), Some(*expected), "{text:?}");
    }
    // PyYAML (YAML 1.1): a float has a dot and a signed exponent, and no sign
    // before a leading dot; these are strings to PyYAML, and so here.
    for text in [
        "1.2.3", "1e", "e3", ".", "1.5x", "-.nan", ". 5", "1,5", "1e3", "1E3", "1e-3", "1.5e3",
        "-.5", "0o52",
    ] {
        assert_eq!(scalar(&format!("'{text}'")), json!(text));
        assert!(scalar(text).is_string(), "{text:?}");
    }
}

#[test]
fn infinity_and_nan_are_errors_naming_the_place() {
    for text in [
        ".inf",
        "-.inf",
        "+.inf",
        ".Inf",
        ".INF",
        ".nan",
        ".NaN",
        ".NAN",
        "1.0e+999",
        "-1.0e+999",
    ] {
        let e = fail(&format!("a:\n  b: {text}\n"));
        assert_eq!(e.kind(), YamlErrorKind::Scalar, "{text}");
        assert_eq!(e.position(), pos(2, 6), "{text}");
        assert!(e.message().contains("not a finite number"), "{e}");
    }
    assert_eq!(scalar("'.inf'"), json!(".inf"));
}

#[test]
fn quoted_and_block_scalars_are_strings() {
    let v = value("a: '1'\nb: \"true\"\nc: |\n  12\nd: >-\n  null\ne: 'null'\nf: \"\"\ng: 1\n");
    assert_eq!(
        v,
        json!({"a": "1", "b": "true", "c": "12\n", "d": "null", "e": "null", "f": "", "g": 1})
    );
    assert!(v["g"].is_number());
}

#[test]
fn standard_tags_are_honoured() {
    let v = value(
        "s: !!str 12\nb: !!str true\ni: !!int \"7\"\nf: !!float 1\ng: !!float '2.5'\nt: !!bool yes\n\
         n: !!null ''\nm: !!map {a: 1}\nq: !!seq [1]\nx: ! 12\ny: !<tag:yaml.org,2002:int> '3'\n",
    );
    assert_eq!(
        v,
        json!({"s": "12", "b": "true", "i": 7, "f": 1.0, "g": 2.5, "t": true, "n": null,
               "m": {"a": 1}, "q": [1], "x": "12", "y": 3})
    );
    assert!(v["f"].is_f64());
}

#[test]
fn standard_tags_on_wrong_values_are_errors() {
    let e = fail("a: !!int abc\n");
    assert_eq!(e.kind(), YamlErrorKind::Scalar);
    assert_eq!(e.to_string(), "1:4: `abc` is not a valid `!!int` value");
    assert_eq!(fail("a: !!bool maybe\n").kind(), YamlErrorKind::Scalar);
    assert_eq!(fail("a: !!null x\n").kind(), YamlErrorKind::Scalar);
    assert_eq!(fail("a: !!float x\n").kind(), YamlErrorKind::Scalar);
    let e = fail("a: !!map x\n");
    assert_eq!(e.kind(), YamlErrorKind::Tag);
    assert!(e.message().contains("!!map"), "{e}");
    assert_eq!(fail("a: !!seq {b: 1}\n").kind(), YamlErrorKind::Tag);
    assert_eq!(fail("a: !!str [1]\n").kind(), YamlErrorKind::Tag);
}

#[test]
fn non_string_keys_become_their_json_spelling() {
    let v = value("1: a\n1.5: b\ntrue: c\nno: d\n~: e\n0x10: f\n'2': g\n");
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["1", "1.5", "true", "false", "null", "16", "2"]);
}

#[test]
fn complex_keys_are_errors() {
    let e = fail("? [a, b]\n: c\n");
    assert_eq!(e.kind(), YamlErrorKind::Key);
    assert_eq!(e.position(), pos(1, 3));
    assert_eq!(fail("{a: 1}: x\n").kind(), YamlErrorKind::Key);
    assert_eq!(fail("x: &m {a: 1}\n? *m\n: y\n").kind(), YamlErrorKind::Key);
}

#[test]
fn anchors_and_aliases_expand() {
    let doc = load(
        "base: &base\n  image: python:3.11\n  conda: [pip, numpy]\nscalar: &s hello\n\
         copy: *base\nlist: [*s, *s]\nnested: {inner: *base}\n",
    );
    let base = json!({"image": "python:3.11", "conda": ["pip", "numpy"]});
    assert_eq!(doc.value["copy"], base);
    assert_eq!(doc.value["nested"]["inner"], base);
    assert_eq!(doc.value["list"], json!(["hello", "hello"]));
    // The alias itself is located where it is written…
    assert_eq!(doc.position("/copy"), pos(5, 7));
    assert_eq!(doc.key_position("/copy"), pos(5, 1));
    assert_eq!(doc.position("/list/1"), pos(6, 12));
    // …and what is inside it at its definition.
    assert_eq!(doc.position("/copy/image"), pos(2, 10));
    assert_eq!(doc.key_position("/copy/conda"), pos(3, 3));
    assert_eq!(doc.position("/copy/conda/1"), pos(3, 16));
    assert_eq!(doc.position("/nested/inner/conda/0"), pos(3, 11));
    // The original keeps its own positions.
    assert_eq!(doc.position("/base/image"), pos(2, 10));
}

#[test]
fn anchor_redefinition_uses_the_latest() {
    let v = value("a: &x 1\nb: *x\nc: &x 2\nd: *x\n");
    assert_eq!(v, json!({"a": 1, "b": 1, "c": 2, "d": 2}));
}

#[test]
fn aliased_scalar_keys() {
    let v = value("- &k name\n- {*k : value}\n");
    assert_eq!(v, json!(["name", {"name": "value"}]));
}

#[test]
fn recursive_aliases_are_errors() {
    let e = fail("a: &a [1, *a]\n");
    assert_eq!(e.kind(), YamlErrorKind::Alias);
    assert_eq!(e.position(), pos(1, 11));
}

#[test]
fn merge_keys_follow_pyyaml() {
    let doc = load(
        "defaults: &d\n  image: base\n  retries: 3\n  tags: {a: 1}\n\
         extra: &e\n  retries: 9\n  zone: west\n\
         job:\n  name: train\n  <<: *d\n  retries: 5\n\
         multi:\n  <<: [*e, *d]\n  own: x\n\
         inline:\n  <<: {k: v}\n",
    );
    let v = &doc.value;
    // Own keys win; merged keys come first (PyYAML dict order).
    assert_eq!(
        v["job"],
        json!({"image": "base", "retries": 5, "tags": {"a": 1}, "name": "train"})
    );
    let keys: Vec<&str> = v["job"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["image", "retries", "tags", "name"]);
    // In a list, earlier mappings win; later ones' keys come first.
    assert_eq!(
        v["multi"],
        json!({"image": "base", "retries": 9, "tags": {"a": 1}, "zone": "west", "own": "x"})
    );
    let keys: Vec<&str> = v["multi"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["image", "retries", "tags", "zone", "own"]);
    assert_eq!(v["inline"], json!({"k": "v"}));
    // Positions: own keys where written, merged keys at their definition.
    assert_eq!(doc.position("/job/retries"), pos(11, 12));
    assert_eq!(doc.position("/job/image"), pos(2, 10));
    assert_eq!(doc.key_position("/job/tags/a"), pos(4, 10));
    assert_eq!(doc.position("/multi/retries"), pos(6, 12));
    assert_eq!(doc.position("/multi/zone"), pos(7, 9));
    assert_eq!(doc.position("/multi/image"), pos(2, 10));
    assert_eq!(doc.position("/inline/k"), pos(16, 11));
    // The `<<` entry itself is gone.
    assert_eq!(doc.position("/job/<<"), None);
    assert_eq!(doc.position("/multi/<</0"), None);
}

#[test]
fn merged_mappings_can_be_aliased_again() {
    let doc = load("a: &a {x: 1}\nb: &b {<<: *a, y: 2}\nc: *b\nd: {<<: &inl {z: 3}}\ne: *inl\n");
    assert_eq!(doc.value["c"], json!({"x": 1, "y": 2}));
    assert_eq!(doc.position("/c/x"), pos(1, 11));
    assert_eq!(doc.position("/c/y"), pos(2, 19));
    assert_eq!(doc.value["e"], json!({"z": 3}));
    assert_eq!(doc.position("/e/z"), pos(4, 18));
    assert_eq!(doc.position("/d/z"), pos(4, 18));
}

#[test]
fn quoted_merge_key_is_an_ordinary_key() {
    assert_eq!(value("'<<': 1\n"), json!({"<<": 1}));
}

#[test]
fn bad_merge_values_are_errors() {
    let e = fail("a:\n  <<: 1\n");
    assert_eq!(e.kind(), YamlErrorKind::Merge);
    assert_eq!(e.position(), pos(2, 3));
    assert_eq!(fail("a:\n  <<: [{b: 1}, 2]\n").kind(), YamlErrorKind::Merge);
    let e = fail("a:\n  <<: {b: 1}\n  <<: 2\n");
    assert_eq!(e.kind(), YamlErrorKind::Merge);
    assert_eq!(e.position(), pos(3, 3));
}

#[test]
fn error_display_formats() {
    let e = fail("a: 1\nb: [\n");
    assert_eq!(e.kind(), YamlErrorKind::Syntax);
    let shown = e.to_string();
    let prefix = format!("{}:{}: ", e.line().unwrap(), e.col().unwrap());
    assert!(shown.starts_with(&prefix), "{shown}");
    assert!(e.path().is_none());
}
