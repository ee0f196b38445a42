//! Safety and stream-level behaviour of `azml::yaml`: limits, bombs, tags,
//! documents, encodings and files.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use azml::yaml::{
    parse_path, parse_str, parse_str_with, Limits, Position, YamlError, YamlErrorKind,
};
use serde_json::{json, Value};

fn fail(text: &str) -> YamlError {
    match parse_str(text) {
        Ok(doc) => panic!("expected an error for {text:?}, got {}", doc.value),
        Err(e) => e,
    }
}

fn pos(line: usize, col: usize) -> Option<Position> {
    Some(Position::new(line, col))
}

/// Debug builds are slow; "quickly" still means well under this.
const QUICK: Duration = Duration::from_secs(3);

#[test]
fn defaults() {
    let l = Limits::default();
    assert_eq!(l, Limits::DEFAULT);
    assert_eq!(l.max_depth, 256);
    assert_eq!(l.max_nodes, 1_000_000);
    assert_eq!(l.max_aliases, 10_000);
    assert_eq!(l.max_alias_bytes, 16 << 20);
    assert_eq!(l.max_bytes, 16 << 20);
}

#[test]
fn depth_bomb_of_flow_sequences_is_an_error_quickly() {
    let text = "[".repeat(10_000);
    let start = Instant::now();
    let e = fail(&text);
    assert!(start.elapsed() < QUICK, "took {:?}", start.elapsed());
    assert_eq!(e.kind(), YamlErrorKind::DepthLimit);
    // The parser's scanner gives up on flow nesting past 255 levels, before
    // the loader's own limit of 256; either way it is a depth error there.
    assert_eq!(e.position(), pos(1, 256));
}

#[test]
fn depth_bomb_with_closing_brackets_and_block_nesting() {
    let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let start = Instant::now();
    assert_eq!(fail(&text).kind(), YamlErrorKind::DepthLimit);
    assert!(start.elapsed() < QUICK);

    let mut block = String::new();
    for i in 0..300 {
        block.push_str(&" ".repeat(i));
        block.push_str("k:\n");
    }
    assert_eq!(fail(&block).kind(), YamlErrorKind::DepthLimit);
}

#[test]
fn depth_limit_is_exact_and_configurable() {
    let limits = Limits {
        max_depth: 3,
        ..Limits::default()
    };
    assert!(parse_str_with("[[[1]]]", &limits).is_ok());
    let e = parse_str_with("[[[[1]]]]", &limits).unwrap_err();
    assert_eq!(e.kind(), YamlErrorKind::DepthLimit);
    assert_eq!(e.position(), pos(1, 4));
    // Aliases count with the depth of what they copy.
    let e = parse_str_with("a: &a [[1]]\nb: [*a]\n", &limits).unwrap_err();
    assert_eq!(e.kind(), YamlErrorKind::DepthLimit);
    assert_eq!(e.position(), pos(2, 5));
}

const BILLION_LAUGHS: &str = r#"
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"#;

#[test]
fn billion_laughs_is_an_error_quickly() {
    let start = Instant::now();
    let e = fail(BILLION_LAUGHS);
    assert!(start.elapsed() < QUICK, "took {:?}", start.elapsed());
    assert_eq!(e.kind(), YamlErrorKind::NodeLimit);
    // It stops at the first alias of `g` (9^6 = 531441 nodes per `*f`).
    assert_eq!(e.line(), Some(8));
}

#[test]
fn billion_laughs_with_a_small_budget_stops_early() {
    let limits = Limits {
        max_nodes: 1000,
        ..Limits::default()
    };
    let e = parse_str_with(BILLION_LAUGHS, &limits).unwrap_err();
    assert_eq!(e.kind(), YamlErrorKind::NodeLimit);
    assert_eq!(e.line(), Some(5));
}

#[test]
fn alias_count_and_alias_bytes_are_limited() {
    let limits = Limits {
        max_aliases: 3,
        ..Limits::default()
    };
    assert!(parse_str_with("a: &a 1\nb: [*a, *a, *a]\n", &limits).is_ok());
    let e = parse_str_with("a: &a 1\nb: [*a, *a, *a, *a]\n", &limits).unwrap_err();
    assert_eq!(e.kind(), YamlErrorKind::AliasLimit);
    assert_eq!(e.position(), pos(2, 17));

    // A long string copied many times: few nodes, many bytes.
    let big = "x".repeat(100_000);
    let text = format!("a: &a {big}\nb: [{}]\n", vec!["*a"; 200].join(", "));
    let start = Instant::now();
    let e = fail(&text);
    assert!(start.elapsed() < QUICK);
    assert_eq!(e.kind(), YamlErrorKind::AliasLimit);
    assert!(e.message().contains("bytes"), "{e}");
}

#[test]
fn document_size_is_limited() {
    let limits = Limits {
        max_bytes: 10,
        ..Limits::default()
    };
    assert!(parse_str_with("a: 1", &limits).is_ok());
    let e = parse_str_with("a: 12345678", &limits).unwrap_err();
    assert_eq!(e.kind(), YamlErrorKind::SizeLimit);
    assert_eq!(e.position(), None);
}

#[test]
fn node_limit_counts_plain_nodes() {
    let limits = Limits {
        max_nodes: 4,
        ..Limits::default()
    };
    assert!(parse_str_with("[1, 2, 3]", &limits).is_ok());
    let e = parse_str_with("[1, 2, 3, 4]", &limits).unwrap_err();
    assert_eq!(e.kind(), YamlErrorKind::NodeLimit);
    assert_eq!(e.position(), pos(1, 11));
}

#[test]
fn custom_tags_are_rejected() {
    let e = fail("a: 1\nb: !custom value\n");
    assert_eq!(e.kind(), YamlErrorKind::Tag);
    assert_eq!(e.position(), pos(2, 4));
    assert!(e.message().contains("`!custom`"), "{e}");
    for text in [
        "!custom {a: 1}",
        "!custom [1]",
        "!!binary aGk=",
        "!!timestamp 2001-12-14",
        "!<tag:example.com:x> 1",
        "!!set {a}",
        "!!omap []",
    ] {
        assert_eq!(fail(text).kind(), YamlErrorKind::Tag, "{text}");
    }
    // Tags on keys too.
    assert_eq!(fail("!custom k: v").kind(), YamlErrorKind::Tag);
}

#[test]
fn python_object_tags_are_rejected_not_acted_on() {
    let e = fail("job: !!python/object/apply:os.system [\"echo hi\"]\n");
    assert_eq!(e.kind(), YamlErrorKind::Tag);
    assert_eq!(e.position(), pos(1, 6));
    assert_eq!(
        e.to_string(),
        "1:6: unsupported tag `!!python/object/apply:os.system` \
         (only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are supported)"
    );
    for text in [
        "!!python/object:__main__.Foo {a: 1}",
        "!!python/name:os.system ''",
        "- !!python/object/new:subprocess.Popen [[ls]]",
    ] {
        assert_eq!(fail(text).kind(), YamlErrorKind::Tag, "{text}");
    }
}

#[test]
fn byte_order_mark_is_accepted() {
    let doc = parse_str("\u{feff}name: x\nv: 1\n").unwrap();
    assert_eq!(doc.value, json!({"name": "x", "v": 1}));
    assert_eq!(doc.key_position("/name"), pos(1, 1));
    assert_eq!(doc.position("/v"), pos(2, 4));
}

#[test]
fn crlf_line_ends() {
    let doc = parse_str("a: 1\r\nb:\r\n  - x\r\n  - 'y'\r\nc: |\r\n  l1\r\n  l2\r\n").unwrap();
    assert_eq!(doc.value, json!({"a": 1, "b": ["x", "y"], "c": "l1\nl2\n"}));
    assert_eq!(doc.position("/b/1"), pos(4, 5));
    // A block scalar's position is where its content starts.
    assert_eq!(doc.position("/c"), pos(6, 3));
    assert_eq!(doc.key_position("/c"), pos(5, 1));
}

#[test]
fn tabs_in_scalars_are_fine_but_not_as_indentation() {
    let doc = parse_str("a: \"x\\ty\"\nb: 'x\ty'\nc: x\ty\n").unwrap();
    assert_eq!(doc.value, json!({"a": "x\ty", "b": "x\ty", "c": "x\ty"}));
    let e = fail("a:\n\tb: 1\n");
    assert_eq!(e.kind(), YamlErrorKind::Syntax);
    assert_eq!(e.line(), Some(2));
}

#[test]
fn empty_streams_are_null() {
    for text in ["", "\n", "# only a comment\n", "\u{feff}", "   \n\n"] {
        let doc = parse_str(text).unwrap();
        assert_eq!(doc.value, Value::Null, "{text:?}");
        assert_eq!(doc.position(""), None);
    }
    // An explicit empty document is null too (one document).
    let doc = parse_str("---\n").unwrap();
    assert_eq!(doc.value, Value::Null);
    assert_eq!(parse_str("--- # c\n...\n").unwrap().value, Value::Null);
}

#[test]
fn multiple_documents_are_an_error() {
    let e = fail("a: 1\n---\nb: 2\n");
    assert_eq!(e.kind(), YamlErrorKind::MultipleDocuments);
    assert_eq!(e.position(), pos(2, 1));
    assert_eq!(
        fail("--- 1\n--- 2\n").kind(),
        YamlErrorKind::MultipleDocuments
    );
    assert_eq!(
        fail("a: 1\n...\n---\n").kind(),
        YamlErrorKind::MultipleDocuments
    );
    // One explicit document, with or without an end marker, is fine.
    assert_eq!(
        parse_str("---\na: 1\n...\n").unwrap().value,
        json!({"a": 1})
    );
}

#[test]
fn syntax_errors_are_located() {
    let e = fail("a: 1\nb: [1, 2\n");
    assert_eq!(e.kind(), YamlErrorKind::Syntax);
    assert!(e.position().is_some());
    let e = fail("a: *undefined\n");
    assert_eq!(e.kind(), YamlErrorKind::Syntax);
    assert_eq!(e.position(), pos(1, 4));
}

struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, bytes: &[u8]) -> Self {
        let path = std::env::temp_dir().join(format!("azml-yaml-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        TempFile(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn parse_path_puts_the_path_in_errors_and_documents() {
    let ok = TempFile::new("ok.yml", b"a:\n  b: [1, 2]\n");
    let doc = parse_path(&ok.0).unwrap();
    assert_eq!(doc.value, json!({"a": {"b": [1, 2]}}));
    assert_eq!(doc.path(), Some(ok.0.as_path()));
    let e = doc.error_at("/a/b/1", "must be a string");
    assert_eq!(
        e.to_string(),
        format!("{}:2:10: must be a string", ok.0.display())
    );

    let bad = TempFile::new("bad.yml", b"a: 1\nb: [\n");
    let e = parse_path(&bad.0).unwrap_err();
    assert_eq!(e.kind(), YamlErrorKind::Syntax);
    assert_eq!(e.path(), Some(bad.0.as_path()));
    assert!(
        e.to_string().starts_with(&format!("{}:", bad.0.display())),
        "{e}"
    );

    let dup = TempFile::new("dup.yml", b"a: 1\na: 2\n");
    let doc = parse_path(&dup.0).unwrap();
    assert_eq!(doc.value, json!({"a": 2}));
    assert_eq!(doc.warnings().len(), 1);
}

#[test]
fn parse_path_rejects_invalid_utf8_clearly() {
    let f = TempFile::new("latin1.yml", b"name: ok\ncity: M\xfcnchen\n");
    let e = parse_path(&f.0).unwrap_err();
    assert_eq!(e.kind(), YamlErrorKind::Encoding);
    assert_eq!(e.position(), pos(2, 8));
    assert!(e.message().contains("not valid UTF-8"), "{e}");
    assert!(
        e.to_string()
            .starts_with(&format!("{}:2:8: ", f.0.display())),
        "{e}"
    );
}

#[test]
fn parse_path_reports_missing_files() {
    let path = std::env::temp_dir().join("azml-yaml-definitely-missing.yml");
    let e = parse_path(&path).unwrap_err();
    assert_eq!(e.kind(), YamlErrorKind::Io);
    assert_eq!(e.position(), None);
    assert!(
        e.to_string()
            .starts_with(&format!("{}: cannot read file", path.display())),
        "{e}"
    );
}

#[test]
fn parse_path_with_bom_and_crlf() {
    let f = TempFile::new("bom.yml", b"\xef\xbb\xbfa: 1\r\nb: two\r\n");
    let doc = parse_path(&f.0).unwrap();
    assert_eq!(doc.value, json!({"a": 1, "b": "two"}));
    assert_eq!(doc.position("/b"), pos(2, 4));
}

#[test]
fn hostile_inputs_never_panic() {
    // A grab bag of malformed and odd inputs: each must give Ok or Err.
    let inputs = [
        "]",
        "}",
        "[",
        "{",
        ":",
        "? ",
        "- - - -",
        "&a",
        "*a",
        "&a &b x",
        "!",
        "!!",
        "! !",
        "%YAML 1.2\n---\na",
        "%TAG ! tag:x,2000:\n--- !a b",
        "a: &x\n  <<: *x",
        "<<: *",
        "<<:",
        "'unterminated",
        "\"\\u12\"",
        "a: b: c",
        "- a\nb: c",
        "\t",
        "\u{0}",
        "a:\u{85}b",
        "{a: 1, a: 2}",
        "[&a 1, *a, *a]",
        "<<: [*a]",
        "? : : :",
        "--- |\n  x\n ",
        "...",
        "&a [*a]",
        "a: !!int",
        "a: !!float",
        "- !!null",
        "? !!str\n: x",
    ];
    for text in inputs {
        let _ = parse_str(text);
    }
    // All prefixes of a realistic document.
    let doc = "a: &x {b: [1, 'two', \"three\"], c: !!str 4}\nd:\n  <<: *x\n  e: |\n    text\n";
    for (i, _) in doc.char_indices() {
        let _ = parse_str(&doc[..i]);
    }
}
