//! Duplicate mapping keys load as PyYAML's `safe_load` loads them (the later
//! value wins, the key keeps the place of its first occurrence) and are
//! reported as warnings. Expected values were checked against PyYAML 6.0.2.

use azml::yaml::{parse_str, Document, Position, YamlWarningKind};
use serde_json::json;

fn load(text: &str) -> Document {
    match parse_str(text) {
        Ok(doc) => doc,
        Err(e) => panic!("unexpected error for {text:?}: {e}"),
    }
}

fn pos(line: usize, col: usize) -> Option<Position> {
    Some(Position::new(line, col))
}

fn keys(v: &serde_json::Value) -> Vec<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

#[test]
fn the_later_value_wins_in_the_first_place() {
    let doc = load("name: a\njob:\n  x: 1\n  y: 2\n  x: 3\n");
    assert_eq!(doc.value, json!({"name": "a", "job": {"x": 3, "y": 2}}));
    assert_eq!(keys(&doc.value["job"]), ["x", "y"]);
    // The positions are the later occurrence's.
    assert_eq!(doc.position("/job/x"), pos(5, 6));
    assert_eq!(doc.key_position("/job/x"), pos(5, 3));
    assert_eq!(doc.position("/job/y"), pos(4, 6));
}

#[test]
fn each_later_occurrence_is_a_warning() {
    let doc = load("name: a\njob:\n  x: 1\n  y: 2\n  x: 3\n");
    let [w] = doc.warnings() else {
        panic!("{:?}", doc.warnings())
    };
    assert_eq!(w.kind(), YamlWarningKind::DuplicateKey);
    assert_eq!(w.pointer(), "/job/x");
    assert_eq!(w.position(), Position::new(5, 3));
    assert_eq!(w.other_position(), pos(3, 3));
    assert_eq!(
        w.to_string(),
        "5:3: duplicate key \"x\" (the later value is used, as PyYAML does; \
         the key was first defined at line 3, column 3)"
    );
    // Three occurrences: two warnings, each naming the one before it.
    let doc = load("a: 1\nb: 0\na: 2\na: 3\n");
    assert_eq!(doc.value, json!({"a": 3, "b": 0}));
    let found: Vec<_> = doc
        .warnings()
        .iter()
        .map(|w| (w.position(), w.other_position()))
        .collect();
    assert_eq!(
        found,
        [
            (Position::new(3, 1), pos(1, 1)),
            (Position::new(4, 1), pos(3, 1))
        ]
    );
    // No duplicates, no warnings; the same key in different mappings is fine.
    let doc = load("a: {x: 1}\nb: {x: 2}\n");
    assert_eq!(doc.value, json!({"a": {"x": 1}, "b": {"x": 2}}));
    assert!(doc.warnings().is_empty());
}

#[test]
fn nested_and_collection_valued_duplicates() {
    let doc =
        load("jobs:\n  t:\n    inputs:\n      lr: 1\n      lr: {v: 2}\n    inputs: {k: 1, k: 2}\n");
    assert_eq!(doc.value, json!({"jobs": {"t": {"inputs": {"k": 2}}}}));
    let pointers: Vec<&str> = doc.warnings().iter().map(|w| w.pointer()).collect();
    assert_eq!(
        pointers,
        ["/jobs/t/inputs/lr", "/jobs/t/inputs", "/jobs/t/inputs/k"]
    );
    // The earlier value's subtree is gone from the positions.
    assert_eq!(doc.position("/jobs/t/inputs/lr"), None);
    assert_eq!(doc.position("/jobs/t/inputs/lr/v"), None);
    assert_eq!(doc.position("/jobs/t/inputs"), pos(6, 13));
    assert_eq!(doc.position("/jobs/t/inputs/k"), pos(6, 23));

    let doc = load("s:\n  - {a: 1, a: 2, b: 3}\n  - k: 1\n    k: 2\n    k: 3\n");
    assert_eq!(doc.value, json!({"s": [{"a": 2, "b": 3}, {"k": 3}]}));
    let pointers: Vec<&str> = doc.warnings().iter().map(|w| w.pointer()).collect();
    assert_eq!(pointers, ["/s/0/a", "/s/1/k", "/s/1/k"]);
    assert_eq!(doc.position("/s/1/k"), pos(5, 8));

    // A collection replaced by a scalar, keeping its place.
    let doc = load("a: [1]\nb: 2\na: 3\n");
    assert_eq!(doc.value, json!({"a": 3, "b": 2}));
    assert_eq!(keys(&doc.value), ["a", "b"]);
    assert_eq!(doc.position("/a/0"), None);
    assert_eq!(doc.position("/a"), pos(3, 4));
}

#[test]
fn keys_equal_after_resolution_and_escaped_pointers() {
    // PyYAML keeps 1 and '1' apart, but its JSON has the key "1" twice, which
    // a JSON reader takes as the later one.
    let doc = load("{1: a, '1': b}");
    assert_eq!(doc.value, json!({"1": "b"}));
    assert_eq!(doc.warnings()[0].other_position(), pos(1, 2));
    let doc = load("a/b: 1\nc~d: 2\na/b: 3\n");
    assert_eq!(doc.value, json!({"a/b": 3, "c~d": 2}));
    assert_eq!(doc.warnings()[0].pointer(), "/a~1b");
    assert_eq!(doc.position("/a~1b"), pos(3, 6));
}

#[test]
fn duplicates_with_anchors_aliases_and_merges() {
    // A duplicate inside an anchored mapping: aliases copy the result.
    let doc = load("a: &x {p: 1, p: 2}\nb: *x\n");
    assert_eq!(doc.value, json!({"a": {"p": 2}, "b": {"p": 2}}));
    assert_eq!(doc.warnings().len(), 1);
    assert_eq!(doc.position("/b/p"), pos(1, 17));
    // An anchored earlier value can still be aliased.
    let doc = load("a: &v\n  deep: {x: 1}\na: 2\nc: *v\n");
    assert_eq!(doc.value, json!({"a": 2, "c": {"deep": {"x": 1}}}));
    assert_eq!(doc.position("/c/deep/x"), pos(2, 13));
    assert_eq!(doc.position("/a/deep"), None);
    // Several `<<` keys all merge, later ones winning: not a duplicate.
    let doc = load("x: &x {a: 1}\ny:\n  <<: *x\n  <<: {a: 2, b: 3}\n  c: 4\n");
    assert_eq!(doc.value["y"], json!({"a": 2, "b": 3, "c": 4}));
    assert_eq!(keys(&doc.value["y"]), ["a", "b", "c"]);
    assert_eq!(doc.position("/y/a"), pos(4, 11));
    assert!(doc.warnings().is_empty());
    // PyYAML's order with a list and a later single mapping.
    let doc = load(
        "p: &p {k: p, only_p: 1}\nq: &q {k: q, only_q: 1}\n\
         m:\n  <<: [*p, *q]\n  <<: {k: r}\n  own: 1\n",
    );
    assert_eq!(
        doc.value["m"],
        json!({"k": "r", "only_q": 1, "only_p": 1, "own": 1})
    );
    assert_eq!(keys(&doc.value["m"]), ["k", "only_q", "only_p", "own"]);
    assert_eq!(doc.position("/m/k"), pos(5, 11));
    assert_eq!(doc.position("/m/only_q"), pos(2, 22));
    // Own keys still win over merged ones, and own duplicates warn.
    let doc = load("b: &b {k: 1}\nm:\n  k: 2\n  <<: *b\n  k: 3\n");
    assert_eq!(doc.value["m"], json!({"k": 3}));
    assert_eq!(doc.warnings().len(), 1);
    assert_eq!(doc.position("/m/k"), pos(5, 6));
}

#[test]
fn many_duplicates_take_linear_time() {
    // Quadratic work would be over a billion steps here.
    let text = "k: 1\n".repeat(50_000);
    let start = std::time::Instant::now();
    let doc = load(&text);
    assert!(start.elapsed() < std::time::Duration::from_secs(10));
    assert_eq!(doc.value, json!({"k": 1}));
    assert_eq!(doc.warnings().len(), 49_999);
    assert_eq!(doc.position("/k"), pos(50_000, 4));
}

#[test]
fn a_quoted_merge_key_next_to_a_merge() {
    let doc = load("m:\n  <<: {a: 1}\n  '<<': x\n  '<<': y\n");
    assert_eq!(doc.value["m"], json!({"a": 1, "<<": "y"}));
    assert_eq!(doc.position("/m/a"), pos(2, 11));
    assert_eq!(doc.position("/m/<<"), pos(4, 9));
}
