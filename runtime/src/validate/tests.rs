//! The runtime on its own: standard impls, pointers, keyword checks, shapes.

use super::*;
use serde_json::json;
use std::collections::{BTreeMap, HashMap};

fn issues<T: Validate>(v: serde_json::Value) -> Vec<(String, String)> {
    validate_value::<T>(&v)
        .into_iter()
        .map(|i| (i.pointer, i.message))
        .collect()
}

fn one(pointer: &str, message: &str) -> Vec<(String, String)> {
    vec![(pointer.to_string(), message.to_string())]
}

#[test]
fn scalars() {
    assert!(issues::<String>(json!("x")).is_empty());
    assert_eq!(
        issues::<String>(json!(5)),
        one("", "expected string, got integer 5")
    );
    assert_eq!(
        issues::<bool>(json!(null)),
        one("", "expected boolean, got null")
    );
    assert!(issues::<f32>(json!(1.5)).is_empty());
    assert_eq!(
        issues::<f64>(json!("1")),
        one("", "expected number, got string \"1\"")
    );
    assert!(issues::<serde_json::Value>(json!({"any": [1]})).is_empty());
}

#[test]
fn integers_are_whole_and_in_range() {
    assert!(issues::<u8>(json!(255)).is_empty());
    // serde refuses a float for an integer field, so validation does too.
    assert_eq!(
        issues::<i64>(json!(3.0)),
        one("", "expected integer, got number 3.0")
    );
    assert_eq!(
        issues::<u8>(json!(256)),
        one("", "expected integer between 0 and 255, got integer 256")
    );
    assert_eq!(
        issues::<u64>(json!(-1)),
        one(
            "",
            "expected integer between 0 and 18446744073709551615, got integer -1"
        )
    );
    assert_eq!(
        issues::<i32>(json!(2.5)),
        one("", "expected integer, got number 2.5")
    );
    assert_eq!(
        issues::<i16>(json!(true)),
        one("", "expected integer, got boolean true")
    );
}

#[test]
fn containers_and_pointer_escaping() {
    assert!(issues::<Option<String>>(json!(null)).is_empty());
    assert!(issues::<Box<i8>>(json!(1)).is_empty());
    assert_eq!(
        issues::<BTreeMap<String, Vec<i32>>>(json!({"a/b": [1, "x"], "c~d": 2})),
        vec![
            (
                "/a~1b/1".to_string(),
                "expected integer, got string \"x\"".to_string()
            ),
            (
                "/c~0d".to_string(),
                "expected array, got integer 2".to_string()
            ),
        ]
    );
    assert_eq!(
        issues::<HashMap<String, bool>>(json!([])),
        one("", "expected object, got array")
    );
    assert_eq!(
        issues::<serde_json::Map<String, serde_json::Value>>(json!("s")),
        one("", "expected object, got string \"s\"")
    );
}

#[test]
fn long_strings_are_cut_in_messages() {
    let long = "x".repeat(100);
    let msg = &issues::<i32>(json!(long))[0].1;
    assert_eq!(
        msg,
        &format!("expected integer, got string \"{}…\"", "x".repeat(40))
    );
}

static WORD: Pattern = Pattern::new("^[a-z]+$");
static ITEM: Checks = Checks {
    min_length: Some(2),
    ..Checks::NONE
};
static LIST: Checks = Checks {
    min_items: Some(1),
    max_items: Some(2),
    items: Some(&ITEM),
    ..Checks::NONE
};

#[test]
fn keyword_checks() {
    let word = Checks {
        pattern: Some(&WORD),
        max_length: Some(3),
        ..Checks::NONE
    };
    let mut cx = Validator::new();
    word.apply(&json!("Abcd"), &mut cx);
    word.apply(&json!(5), &mut cx);
    let got: Vec<String> = cx.into_issues().into_iter().map(|i| i.message).collect();
    assert_eq!(
        got,
        [
            "expected at most 3 characters, got 4",
            "does not match the pattern \"^[a-z]+$\""
        ]
    );

    let mut cx = Validator::new();
    LIST.apply(&json!(["a", "bb", "c"]), &mut cx);
    let got: Vec<(String, String)> = cx
        .into_issues()
        .into_iter()
        .map(|i| (i.pointer, i.message))
        .collect();
    assert_eq!(
        got,
        [
            (
                "".to_string(),
                "expected at most 2 items, got 3".to_string()
            ),
            (
                "/0".to_string(),
                "expected at least 2 characters, got 1".to_string()
            ),
            (
                "/2".to_string(),
                "expected at least 2 characters, got 1".to_string()
            ),
        ]
    );

    let range = Checks {
        minimum: Some(0.0),
        exclusive_minimum: true,
        maximum: Some(1.5),
        constant: None,
        ..Checks::NONE
    };
    let mut cx = Validator::new();
    range.apply(&json!(0), &mut cx);
    range.apply(&json!(2), &mut cx);
    range.apply(&json!(1.5), &mut cx);
    let got: Vec<String> = cx.into_issues().into_iter().map(|i| i.message).collect();
    assert_eq!(
        got,
        [
            "expected a number > 0, got integer 0",
            "expected a number <= 1.5, got integer 2"
        ]
    );

    let constant = Checks {
        constant: Some("1"),
        ..Checks::NONE
    };
    let mut cx = Validator::new();
    constant.apply(&json!(1.0), &mut cx);
    constant.apply(&json!("1"), &mut cx);
    let got: Vec<String> = cx.into_issues().into_iter().map(|i| i.message).collect();
    assert_eq!(got, ["expected 1, got string \"1\""]);
}

#[test]
fn checks_wait_for_the_type() {
    static MAX: Checks = Checks {
        maximum: Some(10.0),
        ..Checks::NONE
    };
    let mut cx = Validator::new();
    checked::<u8>(&json!(300), &mut cx, &[&MAX]);
    assert_eq!(cx.issues().len(), 1, "{:?}", cx.issues());
    let mut cx = Validator::new();
    checked::<u8>(&json!(11), &mut cx, &[&MAX]);
    assert_eq!(
        cx.issues()[0].message,
        "expected a number <= 10, got integer 11"
    );
}

#[test]
fn shapes() {
    let mut cx = Validator::new();
    cx.one_of(&json!("c"), &["a", "b"]);
    assert_eq!(
        cx.into_issues(),
        [Issue::new("", "expected one of \"a\", \"b\", got \"c\"")]
    );

    let variants: [(&str, ValidateFn); 1] = [("a", |v, cx| {
        crate::__codegen::object(
            cx,
            v,
            &[crate::__codegen::Field::required(
                "x",
                crate::__codegen::BOOL,
            )],
            crate::__codegen::Extra::Allow,
        )
    })];
    let mut cx = Validator::new();
    cx.tagged(&json!({"kind": "a"}), "kind", &variants);
    cx.tagged(&json!({"kind": "new"}), "kind", &variants);
    cx.tagged(&json!({"kind": 1}), "kind", &variants);
    assert_eq!(
        cx.into_issues(),
        [
            Issue::new("/x", "missing required field"),
            Issue::new("/kind", "expected string, got integer 1"),
        ]
    );
}
