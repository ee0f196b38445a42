//! Multi-line quoted scalars whose continuation lines are not indented past
//! the enclosing block: PyYAML accepts them, and so does `azml::yaml`, with
//! the same value. Every expected value here was checked against PyYAML 6.0.2
//! (`json.dumps(yaml.safe_load(text))`).

use azml::yaml::{parse_str, Document, Position, YamlErrorKind};
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

fn pos(line: usize, col: usize) -> Option<Position> {
    Some(Position::new(line, col))
}

#[test]
fn continuation_at_the_key_indentation() {
    let doc = load("jobs:\n  a:\n    command: \"python x.py\n    --flag 1\"\n    next: 1\n");
    assert_eq!(
        doc.value,
        json!({"jobs": {"a": {"command": "python x.py --flag 1", "next": 1}}})
    );
    assert_eq!(doc.position("/jobs/a/command"), pos(3, 14));
    assert_eq!(doc.position("/jobs/a/next"), pos(5, 11));
}

#[test]
fn any_indentation_even_column_one() {
    for text in [
        "a:\n  b: \"x\n  y\"\n",
        "a:\n  b: \"x\n   y\"\n",
        "a:\n  b: \"x\n y\"\n",
        "a:\n  b: \"x\ny\"\n",
        "a:\n  b: 'x\ny'\n",
    ] {
        assert_eq!(value(text), json!({"a": {"b": "x y"}}), "{text:?}");
    }
    assert_eq!(value("b: \"x\ny\"\n"), json!({"b": "x y"}));
    assert_eq!(value("a:\n  - \"x\n y\"\n"), json!({"a": ["x y"]}));
    assert_eq!(value("a:\n  b: \"x\n\ty\"\n"), json!({"a": {"b": "x y"}}));
}

#[test]
fn tabs_indent_continuation_lines_only() {
    assert_eq!(
        value("a:\n  b: \"x\n \t y\"\n  c: \"p\n\tq\n\tr\"\n"),
        json!({"a": {"b": "x y", "c": "p q r"}})
    );
    // Elsewhere a tab in the indentation is still an error (also to PyYAML).
    for text in ["a: 'x'\n\tb: 1\n", "a:\n  b: x\n\t  y\n"] {
        let e = parse_str(text).unwrap_err();
        assert_eq!(e.kind(), YamlErrorKind::Syntax, "{text:?}");
    }
}

#[test]
fn escaped_line_breaks_as_in_the_corpus() {
    let doc = load(
        "jobs:\n  a:\n    prefix: \"\\n\\nYou are given a problem. \\\n    There are examples.\\n\\nHuman:\"\n    \
         pattern: \"Q: {{q}}\\n\\\n    A:\\n\\n\"\n    next: 1\n",
    );
    assert_eq!(
        doc.value,
        json!({"jobs": {"a": {
            "prefix": "\n\nYou are given a problem. There are examples.\n\nHuman:",
            "pattern": "Q: {{q}}\nA:\n\n",
            "next": 1
        }}})
    );
    assert_eq!(doc.position("/jobs/a/next"), pos(7, 11));
    // An escaped line break followed by an empty line keeps one newline.
    assert_eq!(
        value("a:\n  b: \"x\\\n\n y\"\n"),
        json!({"a": {"b": "x\ny"}})
    );
}

#[test]
fn folding_of_empty_lines_and_white_space() {
    assert_eq!(
        value("a:\n  b: 'it''s\n  one\n\n  two\n    three'\n"),
        json!({"a": {"b": "it's one\ntwo three"}})
    );
    assert_eq!(
        value("a:\n  - \"x\n\n\n y\"\n  - 'p\nq'\nb: [\"one\n two\", 'three\nfour', 5]\n"),
        json!({"a": ["x\n\ny", "p q"], "b": ["one two", "three four", 5]})
    );
    assert_eq!(
        value("a:\n  b: \"tail   \n   head\"\n"),
        json!({"a": {"b": "tail head"}})
    );
    assert_eq!(
        value("a:\n  b: \"x\r\n y\"\r\n  c: 1\r\n"),
        json!({"a": {"b": "x y", "c": 1}})
    );
}

#[test]
fn what_follows_the_scalar_keeps_its_position() {
    let doc = load("a:\n  b: [\"x\ny\", z]  # c\n  c: 2\n");
    assert_eq!(doc.value, json!({"a": {"b": ["x y", "z"], "c": 2}}));
    assert_eq!(doc.position("/a/b/1"), pos(3, 5));
    let doc = load("a:\n  b: {k: 'x\n      y', m: n}\n");
    assert_eq!(doc.value, json!({"a": {"b": {"k": "x y", "m": "n"}}}));
    assert_eq!(doc.key_position("/a/b/m"), pos(3, 11));
    assert_eq!(doc.position("/a/b/m"), pos(3, 14));
    // A comment after the closing quote, then the mapping goes on.
    assert_eq!(
        value("a:\n  b: \"x\n y\" # c\n  c: 2\n"),
        json!({"a": {"b": "x y", "c": 2}})
    );
}

#[test]
fn document_markers_and_bad_endings_are_still_errors() {
    // PyYAML: "found unexpected document separator".
    for text in ["k: \"x\n--- y\"\n", "k: 'x\n... y'\n", "k: \"x\n---\n"] {
        let e = parse_str(text).unwrap_err();
        assert_eq!(e.kind(), YamlErrorKind::Syntax, "{text:?}");
    }
    // Not a marker: `---` followed by other text, or indented.
    assert_eq!(value("k: \"x\n---\"\n"), json!({"k": "x ---"}));
    assert_eq!(value("k: \"x\n ---\"\n"), json!({"k": "x ---"}));
    // Unclosed, content after the closing quote, a multi-line implicit key.
    for text in [
        "a:\n  b: \"x\n y\n",
        "a:\n  b: \"x\n y\" junk\n",
        "\"k\n x\": 1\n",
    ] {
        let e = parse_str(text).unwrap_err();
        assert_eq!(e.kind(), YamlErrorKind::Syntax, "{text:?}");
    }
}

#[test]
fn many_such_scalars_in_one_document() {
    let mut text = String::from("jobs:\n");
    for i in 0..300 {
        text.push_str(&format!("  j{i}:\n    cmd: \"run {i}\n    --x\"\n"));
    }
    let doc = load(&text);
    assert_eq!(doc.value["jobs"]["j299"]["cmd"], "run 299 --x");
    assert_eq!(doc.position("/jobs/j7/cmd"), pos(2 + 7 * 3 + 1, 10));
}
