//! The fast path against the general loader: on every input the fast path
//! accepts, both must give the same value (with key order), positions and
//! warnings. Inputs come from a grammar of the constructs the fast path
//! handles, from mutations of realistic documents, and from the corpus.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

use super::super::{loader, Limits};

/// Whether the fast path took the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Took {
    Fast,
    General,
}

/// Loads `text` both ways and panics on any difference.
fn check_with(text: &str, limits: &Limits) -> Took {
    let Some((value, positions, warnings)) = super::load(text, limits) else {
        return Took::General;
    };
    let (v, p, w) = match loader::load(text, limits) {
        Ok(built) => built,
        Err(e) => panic!("the fast path accepts what the general loader rejects ({e}):\n{text:?}"),
    };
    assert_eq!(
        value.to_string(),
        v.to_string(),
        "values differ for\n{text:?}"
    );
    let (fast, general) = (positions.live(), p.live());
    if let Some((a, b)) = fast.iter().zip(&general).find(|(a, b)| a != b) {
        panic!("positions differ for\n{text:?}\nfast:    {a:?}\ngeneral: {b:?}");
    }
    assert_eq!(fast.len(), general.len(), "positions differ for\n{text:?}");
    assert_eq!(warnings, w, "warnings differ for\n{text:?}");
    Took::Fast
}

fn check(text: &str) -> Took {
    let small = Limits {
        max_depth: 3,
        max_nodes: 12,
        ..Limits::DEFAULT
    };
    check_with(text, &small);
    check_with(text, &Limits::DEFAULT)
}

/// Runs `strategy` for `cases` deterministic cases; returns the share the
/// fast path took.
fn run(strategy: impl Strategy<Value = String>, cases: usize) -> f64 {
    let mut runner = TestRunner::deterministic();
    let mut fast = 0usize;
    for _ in 0..cases {
        let text = strategy
            .new_tree(&mut runner)
            .map(|t| t.current())
            .unwrap_or_default();
        if check(&text) == Took::Fast {
            fast += 1;
        }
    }
    fast as f64 / cases as f64
}

// ---- the grammar ----

const WORDS: &[&str] = &[
    "a",
    "name",
    "x y",
    "yes",
    "No",
    "on",
    "1",
    "-2",
    "0x1F",
    "0o7",
    "017",
    "1.5",
    "1e3",
    "-.5",
    ".inf",
    "1_000",
    "null",
    "~",
    "true",
    "2024-01-01",
    "1:30",
    "x:y",
    "a#b",
    "http://h/p?q=1",
    "${{inputs.x}}",
    "azureml:env:1",
    "é",
    "日本",
    "<<",
    "-x",
    "a,b",
    "[x]",
    "{y}",
    "--- no",
    "a - b",
    "'q'",
    "\"d\"",
    "12345678901234567890",
];

const QUOTED: &[&str] = &[
    "",
    "x",
    "it''s",
    "two words",
    "a\\nb",
    "tab\\there",
    "q\\\"q",
    "\\x41\\u00e9\\U0001F600",
    "back\\\\slash",
    "\\N\\_\\L\\P",
    "\\e\\0",
    "bad\\q",
    "\\uD800",
    "# not a comment",
    "x: y",
];

#[derive(Debug, Clone)]
enum Node {
    Scalar(Scalar),
    Map(Vec<(String, Node)>),
    Seq(Vec<Node>),
}

#[derive(Debug, Clone)]
enum Scalar {
    Plain(Vec<&'static str>, usize),
    Single(Vec<&'static str>, usize),
    Double(Vec<&'static str>, usize, bool),
    Block(bool, u8, u8, Vec<(usize, &'static str)>),
    FlowSeq(Vec<String>),
    FlowMap(Vec<(String, String)>),
    Empty,
}

fn word() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(WORDS)
}

fn flow_item() -> impl Strategy<Value = String> {
    prop_oneof![
        word().prop_map(str::to_owned),
        proptest::sample::select(QUOTED).prop_map(|q| format!("\"{q}\"")),
        proptest::sample::select(QUOTED).prop_map(|q| format!("'{q}'")),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(&["a", "b", "name", "type", "inputs", "x"][..]).prop_map(str::to_owned),
        1 => word().prop_map(str::to_owned),
        1 => proptest::sample::select(QUOTED).prop_map(|q| format!("\"{q}\"")),
        1 => proptest::sample::select(QUOTED).prop_map(|q| format!("'{q}'")),
        1 => Just("a b ".to_owned()),
    ]
}

fn scalar() -> impl Strategy<Value = Scalar> {
    let lines = || proptest::collection::vec(word(), 1..4);
    let quoted = || proptest::collection::vec(proptest::sample::select(QUOTED), 1..4);
    prop_oneof![
        4 => (lines(), 0usize..4).prop_map(|(w, i)| Scalar::Plain(w, i)),
        2 => (quoted(), 0usize..6).prop_map(|(w, i)| Scalar::Single(w, i)),
        2 => (quoted(), 0usize..6, any::<bool>()).prop_map(|(w, i, e)| Scalar::Double(w, i, e)),
        2 => (
            any::<bool>(),
            0u8..3,
            0u8..4,
            proptest::collection::vec((0usize..3, prop_oneof![word(), Just("")]), 1..5)
        )
            .prop_map(|(l, c, i, v)| Scalar::Block(l, c, i, v)),
        1 => proptest::collection::vec(flow_item(), 0..4).prop_map(Scalar::FlowSeq),
        1 => proptest::collection::vec((key(), flow_item()), 0..3).prop_map(Scalar::FlowMap),
        1 => Just(Scalar::Empty),
    ]
}

fn node() -> impl Strategy<Value = Node> {
    scalar()
        .prop_map(Node::Scalar)
        .prop_recursive(5, 40, 5, |inner| {
            prop_oneof![
                proptest::collection::vec((key(), inner.clone()), 1..5).prop_map(Node::Map),
                proptest::collection::vec(inner, 1..4).prop_map(Node::Seq),
            ]
        })
}

/// How a document is written out.
#[derive(Debug, Clone)]
struct Style {
    step: usize,
    seq_at_key: bool,
    comments: bool,
    crlf: bool,
    markers: bool,
    bom: bool,
}

fn style() -> impl Strategy<Value = Style> {
    (
        1usize..5,
        any::<bool>(),
        any::<bool>(),
        prop::bool::weighted(0.1),
        any::<bool>(),
        prop::bool::weighted(0.05),
    )
        .prop_map(|(step, seq_at_key, comments, crlf, markers, bom)| Style {
            step,
            seq_at_key,
            comments,
            crlf,
            markers,
            bom,
        })
}

struct Writer<'s> {
    out: String,
    style: &'s Style,
    n: usize,
}

impl Writer<'_> {
    fn comment(&mut self) {
        self.n += 1;
        if self.style.comments && self.n % 3 == 0 {
            self.out.push_str("  # note");
        }
    }

    fn newline(&mut self) {
        self.out.push('\n');
        self.n += 1;
        if self.style.comments && self.n % 7 == 0 {
            self.out.push_str("\n# a comment line\n");
        }
    }

    /// Writes the scalar after `key: ` or `- ` (the line is open).
    fn scalar(&mut self, s: &Scalar, indent: usize) {
        match s {
            Scalar::Empty => {}
            Scalar::Plain(words, extra) => {
                for (i, w) in words.iter().enumerate() {
                    if i > 0 {
                        self.newline();
                        self.out.push_str(&" ".repeat(indent + 1 + extra));
                    }
                    self.out.push_str(w);
                }
            }
            Scalar::Single(parts, ind) | Scalar::Double(parts, ind, _) => {
                let q = if matches!(s, Scalar::Single(..)) {
                    '\''
                } else {
                    '"'
                };
                let escaped_breaks = matches!(s, Scalar::Double(_, _, true));
                self.out.push(q);
                for (i, p) in parts.iter().enumerate() {
                    if i > 0 {
                        if escaped_breaks && i % 2 == 1 {
                            self.out.push('\\');
                        }
                        self.out.push('\n');
                        if i % 3 == 2 {
                            self.out.push('\n');
                        }
                        self.out.push_str(&" ".repeat(*ind));
                    }
                    let p = if q == '\'' {
                        p.replace('\\', "")
                    } else {
                        p.replace("''", "'")
                    };
                    self.out.push_str(&p);
                }
                self.out.push(q);
            }
            Scalar::Block(literal, chomp, ind, lines) => {
                self.out.push(if *literal { '|' } else { '>' });
                let header = match chomp {
                    1 => "-",
                    2 => "+",
                    _ => "",
                };
                self.out.push_str(header);
                if *ind > 0 {
                    self.out.push_str(&ind.to_string());
                }
                let base = indent
                    + if *ind > 0 {
                        *ind as usize
                    } else {
                        self.style.step
                    };
                for (extra, l) in lines {
                    self.out.push('\n');
                    if !l.is_empty() {
                        self.out.push_str(&" ".repeat(base + extra));
                        self.out.push_str(l);
                    }
                }
            }
            Scalar::FlowSeq(items) => {
                self.out.push('[');
                self.out.push_str(&items.join(", "));
                self.out.push(']');
            }
            Scalar::FlowMap(pairs) => {
                self.out.push('{');
                let pairs: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}: {v}")).collect();
                self.out.push_str(&pairs.join(", "));
                self.out.push('}');
            }
        }
        self.comment();
    }

    /// Writes `node` as the content of a collection entry at `indent`.
    fn node(&mut self, node: &Node, indent: usize) {
        // Recursion is fine here: generated trees are at most 5 deep.
        match node {
            Node::Scalar(_) => unreachable!("scalars are written by entries"),
            Node::Map(entries) => {
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        self.newline();
                    }
                    if i > 0 || !self.out.ends_with("- ") {
                        self.out.push_str(&" ".repeat(indent));
                    }
                    self.out.push_str(k);
                    self.out.push(':');
                    self.child(v, indent, true);
                }
            }
            Node::Seq(items) => {
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        self.newline();
                    }
                    if i > 0 || !self.out.ends_with("- ") {
                        self.out.push_str(&" ".repeat(indent));
                    }
                    self.out.push('-');
                    self.child(v, indent, false);
                }
            }
        }
    }

    fn child(&mut self, v: &Node, indent: usize, in_map: bool) {
        match v {
            Node::Scalar(s) => {
                self.out.push(' ');
                self.scalar(s, indent);
            }
            Node::Seq(_) if in_map => {
                self.comment();
                self.newline();
                let at = if self.style.seq_at_key {
                    indent
                } else {
                    indent + self.style.step
                };
                self.node(v, at);
            }
            Node::Map(_) if !in_map && self.n % 2 == 0 => {
                // A compact mapping after `- `.
                self.out.push(' ');
                self.compact(v, indent + 2);
            }
            _ => {
                self.comment();
                self.newline();
                self.node(v, indent + self.style.step);
            }
        }
    }

    fn compact(&mut self, v: &Node, at: usize) {
        if let Node::Map(entries) = v {
            for (i, (k, val)) in entries.iter().enumerate() {
                if i > 0 {
                    self.newline();
                    self.out.push_str(&" ".repeat(at));
                }
                self.out.push_str(k);
                self.out.push(':');
                self.child(val, at, true);
            }
        }
    }
}

fn document() -> impl Strategy<Value = String> {
    (node(), style()).prop_map(|(root, style)| {
        let root = match root {
            Node::Scalar(s) => Node::Map(vec![("root".to_owned(), Node::Scalar(s))]),
            other => other,
        };
        let mut w = Writer {
            out: String::new(),
            style: &style,
            n: 0,
        };
        if style.bom {
            w.out.push('\u{feff}');
        }
        if style.markers {
            w.out.push_str("--- # start\n");
        }
        w.node(&root, 0);
        w.out.push('\n');
        if style.markers {
            w.out.push_str("...\n");
        }
        if style.crlf {
            w.out = w.out.replace('\n', "\r\n");
        }
        w.out
    })
}

// ---- realistic documents and their mutations ----

/// The documents of the YAML bench (`benches/yaml.rs`), read from its source.
fn bench_documents() -> Vec<String> {
    const BENCH: &str = include_str!("../../../benches/yaml.rs");
    BENCH
        .split("r####\"")
        .skip(1)
        .filter_map(|part| part.split("\"####").next())
        .map(str::to_owned)
        .collect()
}

fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("AZML_CORPUS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus"),
        PathBuf::from,
    );
    dir.is_dir().then_some(dir)
}

fn corpus_files() -> Vec<(PathBuf, String)> {
    let Some(dir) = corpus_dir() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut todo = vec![dir];
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yml" | "yaml")
            ) {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    out.push((path, text));
                }
            }
        }
    }
    out.sort();
    out
}

const ALPHABET: &[&str] = &[
    " ", "  ", "\n", "\r\n", "-", "- ", ":", ": ", "#", " #", "\"", "'", "|", ">", "[", "]", "{",
    "}", ",", "a", "1", "\t", "\\", "é", "&a", "*a", "!", "?", "%", "---", "...", "<<: ",
];

#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, &'static str),
    Delete(usize, usize),
    DuplicateLine(usize),
    Indent(usize, bool),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (any::<usize>(), proptest::sample::select(ALPHABET)).prop_map(|(a, s)| Edit::Insert(a, s)),
        2 => (any::<usize>(), 1usize..8).prop_map(|(a, n)| Edit::Delete(a, n)),
        1 => any::<usize>().prop_map(Edit::DuplicateLine),
        2 => (any::<usize>(), any::<bool>()).prop_map(|(a, more)| Edit::Indent(a, more)),
    ]
}

/// Applies `edits` to `text`, at character boundaries.
fn mutate(text: &str, edits: &[Edit]) -> String {
    let mut s = text.to_owned();
    for e in edits {
        let bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
        let at = |n: usize| bounds.get(n % bounds.len()).copied().unwrap_or(0);
        match *e {
            Edit::Insert(a, piece) => s.insert_str(at(a), piece),
            Edit::Delete(a, n) => {
                let from = at(a);
                let to = bounds
                    .iter()
                    .copied()
                    .find(|&b| b >= from + n)
                    .unwrap_or(s.len());
                s.replace_range(from..to, "");
            }
            Edit::DuplicateLine(a) => {
                let from = s
                    .get(..at(a))
                    .and_then(|p| p.rfind('\n'))
                    .map_or(0, |i| i + 1);
                let to = s
                    .get(from..)
                    .and_then(|r| r.find('\n'))
                    .map_or(s.len(), |i| from + i + 1);
                let line = s.get(from..to).unwrap_or("").to_owned();
                s.insert_str(from, &line);
            }
            Edit::Indent(a, more) => {
                let from = s
                    .get(..at(a))
                    .and_then(|p| p.rfind('\n'))
                    .map_or(0, |i| i + 1);
                if more {
                    s.insert(from, ' ');
                } else if s.get(from..).is_some_and(|r| r.starts_with(' ')) {
                    s.remove(from);
                }
            }
        }
    }
    s
}

fn mutated(bases: Vec<String>) -> impl Strategy<Value = String> {
    (
        proptest::sample::select(bases),
        proptest::collection::vec(edit(), 1..4),
    )
        .prop_map(|(base, edits)| mutate(&base, &edits))
}

// ---- the tests ----

#[test]
fn generated_documents() {
    let share = run(document(), 3000);
    eprintln!("the fast path took {share:.2} of the generated documents");
    // The grammar is of the fast path's subset, with some oddities mixed in.
    assert!(
        share > 0.5,
        "the fast path took only {share:.2} of the documents"
    );
}

#[test]
fn mutated_bench_documents() {
    let docs = bench_documents();
    assert_eq!(docs.len(), 3);
    for doc in &docs {
        assert_eq!(check(doc), Took::Fast, "the fast path does not take\n{doc}");
    }
    let share = run(mutated(docs), 3000);
    eprintln!("the fast path took {share:.2} of the mutated bench documents");
}

#[test]
fn corpus_files_and_their_mutations() {
    let files = corpus_files();
    if files.is_empty() {
        eprintln!("no corpus folder: nothing checked");
        return;
    }
    let general: Vec<&Path> = files
        .iter()
        .filter(|(_, text)| check(text) == Took::General)
        .map(|(path, _)| path.as_path())
        .collect();
    eprintln!(
        "{} corpus files: {} through the fast path, {} through the general loader: {general:#?}",
        files.len(),
        files.len() - general.len(),
        general.len()
    );
    let share = run(mutated(files.into_iter().map(|(_, t)| t).collect()), 2000);
    eprintln!("the fast path took {share:.2} of the mutated corpus files");
}

#[test]
fn hand_picked_edge_cases() {
    let cases = [
        "a:\nb: 1\n",
        "a:   # c\n\nb: 1\n",
        "x:\n  a:\n",
        "a:",
        "- \n- x\n",
        "-\n- x\n",
        "k:\n  -   # c\n  - x\n",
        "a: |\n\n  x\n",
        "a: >\n   \n  x\n",
        "a: |2\n   x\n",
        "- |1\n  x\n",
        "- a: |1\n    x\n",
        "a:\n b: |1\n   x\n",
        "a: |\n  x",
        "a: |+\n  x\n\n",
        // A block scalar ending the text with a line of spaces deeper than
        // its indentation, and no line break (found by the yaml_entities fuzz target).
        "atyp 2f: >-\n parallel   ftiolded\n  ",
        "a: >\n x\n  ",
        "a: >\n  x\n  y\n\n  z\n   w\n  v\n",
        "a: x\n  y\n",
        "- x\n  - y\n",
        "a: x # c\n  y\n",
        "a: x\n\n  y\n",
        "a: x\n  y: z\n",
        "a : x\n",
        "---\na: 1\n...\n",
        "a: 1\n---\nb: 2\n",
        "a:\n- x\n- y\nb: 2\n",
        "- a: 1\n  b: [x, 'y', \"z\"]\n- {k: v}\n",
        "a: \"x\n y\"\nb: 'p\n\n q'\n",
        "a:\n  b: \"x \\\n  y\"\n",
        "a: 1\na: 2\n",
        "m:\n  <<: {a: 1}\n  b: 2\n",
        "\u{feff}a: 1\r\nb: |\r\n  x\r\n",
        "a: é\nb: 'ü' # ö\n",
        "a: .inf\n",
        "a: 99999999999999999999\n",
    ];
    for text in cases {
        check(text);
    }
}
