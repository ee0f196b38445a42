//! The text of PyYAML 6's `yaml.dump(data, sort_keys=...)`, byte for byte, for
//! a JSON value.
//!
//! azure-ai-ml versions an anonymous environment by hashing
//! `yaml.dump(conda_file, sort_keys=True)`, so the text has to be exactly what
//! PyYAML prints. [`dump`] is a port of the pure-Python dumper that
//! `yaml.dump` uses by default (`yaml.Dumper`, not the libyaml `CDumper`) with
//! its defaults: block style (`default_flow_style=False`), `indent=2`,
//! `width=80`, `allow_unicode=False`, `\n` line breaks, no explicit `---`.
//!
//! What is emulated, following PyYAML's source:
//!
//! * **Representer** (`representer.py`): `None` → `null`, booleans →
//!   `true`/`false`, integers → `str(int)`, floats → `repr(float).lower()`
//!   (shortest round-trip digits, ties between two shortest candidates
//!   rounded half-to-even as CPython's `dtoa` does) with `.0` inserted before
//!   a bare exponent (`1e-05` → `1.0e-05`),
//!   `.inf`/`-.inf`/`.nan` (which a JSON value cannot hold anyway); mappings
//!   sorted by key (code-point order, as Python compares `str`) when
//!   `sort_keys` is true, otherwise in insertion order.
//! * **Resolver** (`resolver.py`): the YAML 1.1 implicit resolvers (bool
//!   `yes`/`No`/`on`/…, int incl. octal/hex/binary/sexagesimal and `_`, float,
//!   null incl. `~` and the empty string, timestamp, merge `<<`, value `=`) decide
//!   whether a string may be written plain; a string that would read back as
//!   another type is quoted. Python's `$` also matching before a final `\n` is
//!   reproduced.
//! * **Serializer and emitter** (`serializer.py`, `emitter.py`): the emitter's
//!   state machine (block/flow collections, `[]`/`{}` for empty ones, indentless
//!   sequences in mappings, `? ` complex keys for empty, multi-line or long keys
//!   — a key is "simple" only below 128 characters *including* the 5
//!   characters of its prepared `!!str` tag, so keys of 123+ characters get
//!   `? `), `analyze_scalar` and `choose_scalar_style` (plain, `'single'`,
//!   `"double"`), and the scalar writers with their line folding at width 80
//!   (`write_plain`, `write_single_quoted`, `write_double_quoted` with
//!   `\`-continuations and PyYAML's escapes: `\x..`, `\u....`, `\U........`,
//!   `\N`, `\_`, `\L`, `\P`, `\e`, …). A top-level plain scalar ends with the
//!   `...` document-end marker, as PyYAML writes it.
//!
//! The emitter is driven by an explicit event list and state stack, never by
//! recursion on the value, so deeply nested input cannot overflow the stack,
//! and no input panics.
//!
//! Known limits: only what a JSON value can hold is represented (no tuples,
//! sets, bytes, dates or non-string keys; no aliases — a JSON value never shares
//! sub-objects). A number that `serde_json` holds as a float but Python would
//! parse as an `int` (an integer literal outside `i64`/`u64`) is written as a
//! float. Literal (`|`) and folded (`>`) block scalars are ported faithfully
//! only insofar as `yaml.dump` never chooses them for strings (it uses them
//! only for `bytes`), so they are not implemented.

use serde_json::Value;

const BEST_INDENT: usize = 2;
const BEST_WIDTH: usize = 80;

/// `yaml.dump(value, sort_keys=sort_keys)` as PyYAML 6 prints it with its
/// default `Dumper` and options (see the module documentation).
///
/// `sort_keys=false` keeps the value's insertion order.
///
/// ```
/// use serde_json::json;
/// let conda = json!({"name": "env", "dependencies": ["python=3.10", {"pip": ["numpy"]}]});
/// assert_eq!(
///     azml_pyio::pyyaml::dump(&conda, true),
///     "dependencies:\n- python=3.10\n- pip:\n  - numpy\nname: env\n"
/// );
/// assert_eq!(azml_pyio::pyyaml::dump(&json!("1.0"), true), "'1.0'\n");
/// assert_eq!(azml_pyio::pyyaml::dump(&json!(1.0), true), "1.0\n...\n");
/// ```
pub fn dump(value: &Value, sort_keys: bool) -> String {
    let events = serialize(value, sort_keys);
    let mut emitter = Emitter::new(&events);
    emitter.run();
    emitter.out
}

// ---------------------------------------------------------------------------
// Representer + serializer: the value as a list of events.

/// The tag a scalar node carries (`tag:yaml.org,2002:<name>`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tag {
    Str,
    Int,
    Float,
    Bool,
    Null,
    /// A tag the resolver gives but the representer never uses.
    Other,
}

impl Tag {
    /// `prepare_tag` for the `!!` handle.
    fn prepared(self) -> &'static str {
        match self {
            Tag::Str => "!!str",
            Tag::Int => "!!int",
            Tag::Float => "!!float",
            Tag::Bool => "!!bool",
            Tag::Null => "!!null",
            Tag::Other => "!",
        }
    }
}

enum Event {
    StreamStart,
    StreamEnd,
    DocumentStart,
    DocumentEnd,
    Scalar {
        value: Vec<char>,
        tag: Tag,
        /// `(node.tag == detected_tag, node.tag == default_tag)`.
        implicit: (bool, bool),
    },
    SequenceStart,
    SequenceEnd,
    MappingStart,
    MappingEnd,
}

fn scalar_event(text: String, tag: Tag) -> Event {
    let detected = resolve(&text);
    Event::Scalar {
        value: text.chars().collect(),
        tag,
        implicit: (tag == detected, tag == Tag::Str),
    }
}

fn represent_float(f: f64) -> String {
    if f.is_nan() {
        return ".nan".to_owned();
    }
    if f.is_infinite() {
        return if f > 0.0 { ".inf" } else { "-.inf" }.to_owned();
    }
    let mut value = crate::py_repr::float_repr(f);
    if !value.contains('.') && value.contains('e') {
        value = value.replacen('e', ".0e", 1);
    }
    value
}

fn represent_scalar(value: &Value) -> Option<Event> {
    Some(match value {
        Value::Null => scalar_event("null".to_owned(), Tag::Null),
        Value::Bool(b) => scalar_event(if *b { "true" } else { "false" }.to_owned(), Tag::Bool),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                scalar_event(i.to_string(), Tag::Int)
            } else if let Some(u) = n.as_u64() {
                scalar_event(u.to_string(), Tag::Int)
            } else {
                scalar_event(represent_float(n.as_f64().unwrap_or(f64::NAN)), Tag::Float)
            }
        }
        Value::String(s) => scalar_event(s.clone(), Tag::Str),
        Value::Array(_) | Value::Object(_) => return None,
    })
}

fn serialize(value: &Value, sort_keys: bool) -> Vec<Event> {
    enum Work<'a> {
        Node(&'a Value),
        Key(&'a str),
        End(Event),
    }
    let mut events = vec![Event::StreamStart, Event::DocumentStart];
    let mut stack = vec![Work::Node(value)];
    while let Some(work) = stack.pop() {
        match work {
            Work::End(event) => events.push(event),
            Work::Key(key) => events.push(scalar_event(key.to_owned(), Tag::Str)),
            Work::Node(node) => match node {
                Value::Array(items) => {
                    events.push(Event::SequenceStart);
                    stack.push(Work::End(Event::SequenceEnd));
                    stack.extend(items.iter().rev().map(Work::Node));
                }
                Value::Object(map) => {
                    events.push(Event::MappingStart);
                    stack.push(Work::End(Event::MappingEnd));
                    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
                    if sort_keys {
                        // Python compares `str` by code point; UTF-8 byte order is the same.
                        entries.sort_by(|a, b| a.0.cmp(b.0));
                    }
                    for (key, value) in entries.into_iter().rev() {
                        stack.push(Work::Node(value));
                        stack.push(Work::Key(key));
                    }
                }
                scalar => {
                    if let Some(event) = represent_scalar(scalar) {
                        events.push(event);
                    }
                }
            },
        }
    }
    events.push(Event::DocumentEnd);
    events.push(Event::StreamEnd);
    events
}

// ---------------------------------------------------------------------------
// Resolver: PyYAML's implicit resolvers (YAML 1.1), as tiny regular expressions.

/// A regular-expression element; sequences are slices of these.
enum Re {
    /// One character of a class.
    C(fn(char) -> bool),
    /// A literal string.
    L(&'static str),
    /// `(?:...)?`
    Opt(&'static [Re]),
    /// `(?:...)*`
    Star(&'static [Re]),
    /// `(?:...)+`
    Plus(&'static [Re]),
    /// `(?:a|b|...)`
    Alt(&'static [&'static [Re]]),
}

fn digit(c: char) -> bool {
    c.is_ascii_digit()
}
fn digit_(c: char) -> bool {
    c.is_ascii_digit() || c == '_'
}
fn nonzero(c: char) -> bool {
    ('1'..='9').contains(&c)
}
fn sign(c: char) -> bool {
    c == '-' || c == '+'
}
fn e(c: char) -> bool {
    c == 'e' || c == 'E'
}
fn zero_five(c: char) -> bool {
    ('0'..='5').contains(&c)
}
fn bin_(c: char) -> bool {
    c == '0' || c == '1' || c == '_'
}
fn oct_(c: char) -> bool {
    ('0'..='7').contains(&c) || c == '_'
}
fn hex_(c: char) -> bool {
    c.is_ascii_hexdigit() || c == '_'
}
fn t(c: char) -> bool {
    c == 'T' || c == 't'
}
fn blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

const OPT_SIGN: Re = Re::Opt(&[Re::C(sign)]);
const EXPONENT: Re = Re::Opt(&[Re::C(e), Re::C(sign), Re::Plus(&[Re::C(digit)])]);
const SEXAGESIMAL: Re = Re::Plus(&[Re::L(":"), Re::Opt(&[Re::C(zero_five)]), Re::C(digit)]);

static BOOL: &[Re] = &[Re::Alt(&[
    &[Re::L("yes")],
    &[Re::L("Yes")],
    &[Re::L("YES")],
    &[Re::L("no")],
    &[Re::L("No")],
    &[Re::L("NO")],
    &[Re::L("true")],
    &[Re::L("True")],
    &[Re::L("TRUE")],
    &[Re::L("false")],
    &[Re::L("False")],
    &[Re::L("FALSE")],
    &[Re::L("on")],
    &[Re::L("On")],
    &[Re::L("ON")],
    &[Re::L("off")],
    &[Re::L("Off")],
    &[Re::L("OFF")],
])];

static FLOAT: &[Re] = &[Re::Alt(&[
    &[
        OPT_SIGN,
        Re::C(digit),
        Re::Star(&[Re::C(digit_)]),
        Re::L("."),
        Re::Star(&[Re::C(digit_)]),
        EXPONENT,
    ],
    &[
        Re::L("."),
        Re::C(digit),
        Re::Star(&[Re::C(digit_)]),
        EXPONENT,
    ],
    &[
        OPT_SIGN,
        Re::C(digit),
        Re::Star(&[Re::C(digit_)]),
        SEXAGESIMAL,
        Re::L("."),
        Re::Star(&[Re::C(digit_)]),
    ],
    &[
        OPT_SIGN,
        Re::L("."),
        Re::Alt(&[&[Re::L("inf")], &[Re::L("Inf")], &[Re::L("INF")]]),
    ],
    &[
        Re::L("."),
        Re::Alt(&[&[Re::L("nan")], &[Re::L("NaN")], &[Re::L("NAN")]]),
    ],
])];

static INT: &[Re] = &[Re::Alt(&[
    &[OPT_SIGN, Re::L("0b"), Re::Plus(&[Re::C(bin_)])],
    &[OPT_SIGN, Re::L("0"), Re::Plus(&[Re::C(oct_)])],
    &[
        OPT_SIGN,
        Re::Alt(&[&[Re::L("0")], &[Re::C(nonzero), Re::Star(&[Re::C(digit_)])]]),
    ],
    &[OPT_SIGN, Re::L("0x"), Re::Plus(&[Re::C(hex_)])],
    &[
        OPT_SIGN,
        Re::C(nonzero),
        Re::Star(&[Re::C(digit_)]),
        SEXAGESIMAL,
    ],
])];

static MERGE: &[Re] = &[Re::L("<<")];

/// The words [`BOOL`] matches.
const BOOL_WORDS: [&str; 18] = [
    "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on",
    "On", "ON", "off", "Off", "OFF",
];

/// The letter words [`NULL`] matches.
const NULL_WORDS: [&str; 3] = ["null", "Null", "NULL"];

static NULL: &[Re] = &[Re::Alt(&[
    &[Re::L("~")],
    &[Re::L("null")],
    &[Re::L("Null")],
    &[Re::L("NULL")],
    &[],
])];

const D: Re = Re::C(digit);
const OPT_D: Re = Re::Opt(&[Re::C(digit)]);

static TIMESTAMP: &[Re] = &[Re::Alt(&[
    &[D, D, D, D, Re::L("-"), D, D, Re::L("-"), D, D],
    &[
        D,
        D,
        D,
        D,
        Re::L("-"),
        D,
        OPT_D,
        Re::L("-"),
        D,
        OPT_D,
        Re::Alt(&[&[Re::C(t)], &[Re::Plus(&[Re::C(blank)])]]),
        D,
        OPT_D,
        Re::L(":"),
        D,
        D,
        Re::L(":"),
        D,
        D,
        Re::Opt(&[Re::L("."), Re::Star(&[Re::C(digit)])]),
        Re::Opt(&[
            Re::Star(&[Re::C(blank)]),
            Re::Alt(&[
                &[Re::L("Z")],
                &[Re::C(sign), D, OPT_D, Re::Opt(&[Re::L(":"), D, D])],
            ]),
        ]),
    ],
])];

static VALUE: &[Re] = &[Re::L("=")];

static YAML: &[Re] = &[Re::Alt(&[&[Re::L("!")], &[Re::L("&")], &[Re::L("*")]])];

/// Adds `p` to the sorted set `set`.
fn insert(set: &mut Vec<usize>, p: usize) {
    if let Err(i) = set.binary_search(&p) {
        set.insert(i, p);
    }
}

/// All end positions reachable by matching `seq` from any of `starts`.
fn run(seq: &[Re], s: &[char], starts: Vec<usize>) -> Vec<usize> {
    let mut current = starts;
    for re in seq {
        if current.is_empty() {
            break;
        }
        current = step(re, s, current);
    }
    current
}

fn step(re: &Re, s: &[char], starts: Vec<usize>) -> Vec<usize> {
    match re {
        Re::C(class) => starts
            .into_iter()
            .filter(|&p| s.get(p).is_some_and(|&c| class(c)))
            .map(|p| p + 1)
            .collect(),
        Re::L(lit) => {
            let mut out = Vec::new();
            for p in starts {
                let mut q = p;
                let mut ok = true;
                for c in lit.chars() {
                    if s.get(q) == Some(&c) {
                        q += 1;
                    } else {
                        ok = false;
                        break;
                    }
                }
                if ok {
                    insert(&mut out, q);
                }
            }
            out
        }
        Re::Opt(inner) => {
            let mut out = run(inner, s, starts.clone());
            for p in starts {
                insert(&mut out, p);
            }
            out
        }
        Re::Star(inner) => star(inner, s, starts),
        Re::Plus(inner) => {
            let once = run(inner, s, starts);
            star(inner, s, once)
        }
        Re::Alt(alternatives) => {
            let mut out = Vec::new();
            for alt in *alternatives {
                for p in run(alt, s, starts.clone()) {
                    insert(&mut out, p);
                }
            }
            out
        }
    }
}

fn star(inner: &[Re], s: &[char], starts: Vec<usize>) -> Vec<usize> {
    let mut result = starts.clone();
    let mut frontier = starts;
    while !frontier.is_empty() {
        let mut next = Vec::new();
        for p in run(inner, s, frontier) {
            if result.binary_search(&p).is_err() {
                insert(&mut result, p);
                next.push(p);
            }
        }
        frontier = next;
    }
    result
}

/// `re.match(r'^(?:...)$', s)`: a full match, where Python's `$` also matches
/// just before a final `\n`.
fn full_match(pattern: &[Re], s: &[char]) -> bool {
    let ends = run(pattern, s, vec![0]);
    ends.contains(&s.len()) || (s.last() == Some(&'\n') && ends.contains(&(s.len() - 1)))
}

/// `Resolver.resolve(ScalarNode, value, (True, False))`: the tag a plain
/// scalar with this text would get. Resolvers are tried in PyYAML's
/// registration order among those registered for the first character.
fn resolve(text: &str) -> Tag {
    // No resolver is registered for this first character: a string, without
    // the work below (most conda entries and words start this way).
    if text
        .chars()
        .next()
        .is_some_and(|c| !"yYnNtTfFoO-+0123456789.<~=!&*".contains(c))
    {
        return Tag::Str;
    }
    // A letter: only the bool and null resolvers apply, and each accepts a
    // handful of words (`$` also matches before a final line break).
    if text.starts_with(|c: char| c.is_ascii_alphabetic()) {
        let word = text.strip_suffix('\n').unwrap_or(text);
        return if BOOL_WORDS.contains(&word) {
            Tag::Bool
        } else if NULL_WORDS.contains(&word) {
            Tag::Null
        } else {
            Tag::Str
        };
    }
    resolve_by_patterns(text)
}

/// [`resolve`] through the resolvers' patterns alone.
fn resolve_by_patterns(text: &str) -> Tag {
    let s: Vec<char> = text.chars().collect();
    let first = match s.first() {
        None => {
            return if full_match(NULL, &s) {
                Tag::Null
            } else {
                Tag::Str
            }
        }
        Some(&c) => c,
    };
    let candidates: &[(&str, &[Re], Tag)] = &[
        ("yYnNtTfFoO", BOOL, Tag::Bool),
        ("-+0123456789.", FLOAT, Tag::Float),
        ("-+0123456789", INT, Tag::Int),
        ("<", MERGE, Tag::Other),
        ("~nN", NULL, Tag::Null),
        ("0123456789", TIMESTAMP, Tag::Other),
        ("=", VALUE, Tag::Other),
        ("!&*", YAML, Tag::Other),
    ];
    for (firsts, pattern, tag) in candidates {
        if firsts.contains(first) && full_match(pattern, &s) {
            return *tag;
        }
    }
    Tag::Str
}

// ---------------------------------------------------------------------------
// Emitter.

struct Analysis {
    empty: bool,
    multiline: bool,
    allow_flow_plain: bool,
    allow_block_plain: bool,
    allow_single_quoted: bool,
}

fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn is_space_or_break_or_nul(c: char) -> bool {
    matches!(
        c,
        '\0' | ' ' | '\t' | '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// `Emitter.analyze_scalar` with `allow_unicode=False`.
fn analyze_scalar(scalar: &[char]) -> Analysis {
    if scalar.is_empty() {
        return Analysis {
            empty: true,
            multiline: false,
            allow_flow_plain: false,
            allow_block_plain: true,
            allow_single_quoted: true,
        };
    }
    let mut block_indicators = false;
    let mut flow_indicators = false;
    let mut line_breaks = false;
    let mut special_characters = false;

    let mut leading_space = false;
    let mut leading_break = false;
    let mut trailing_space = false;
    let mut trailing_break = false;
    let mut break_space = false;
    let mut space_break = false;

    if scalar.starts_with(&['-', '-', '-']) || scalar.starts_with(&['.', '.', '.']) {
        block_indicators = true;
        flow_indicators = true;
    }

    let mut preceded_by_whitespace = true;
    let mut followed_by_whitespace = scalar.len() == 1 || is_space_or_break_or_nul(scalar[1]);
    let mut previous_space = false;
    let mut previous_break = false;

    let len = scalar.len();
    for (index, &ch) in scalar.iter().enumerate() {
        if index == 0 {
            if matches!(
                ch,
                '#' | ','
                    | '['
                    | ']'
                    | '{'
                    | '}'
                    | '&'
                    | '*'
                    | '!'
                    | '|'
                    | '>'
                    | '\''
                    | '"'
                    | '%'
                    | '@'
                    | '`'
            ) {
                flow_indicators = true;
                block_indicators = true;
            }
            if ch == '?' || ch == ':' {
                flow_indicators = true;
                if followed_by_whitespace {
                    block_indicators = true;
                }
            }
            if ch == '-' && followed_by_whitespace {
                flow_indicators = true;
                block_indicators = true;
            }
        } else {
            if matches!(ch, ',' | '?' | '[' | ']' | '{' | '}') {
                flow_indicators = true;
            }
            if ch == ':' {
                flow_indicators = true;
                if followed_by_whitespace {
                    block_indicators = true;
                }
            }
            if ch == '#' && preceded_by_whitespace {
                flow_indicators = true;
                block_indicators = true;
            }
        }

        if is_break(ch) {
            line_breaks = true;
        }
        if !(ch == '\n' || ('\x20'..='\x7e').contains(&ch)) {
            // Unicode characters are special too, since allow_unicode=False.
            special_characters = true;
        }

        if ch == ' ' {
            if index == 0 {
                leading_space = true;
            }
            if index == len - 1 {
                trailing_space = true;
            }
            if previous_break {
                break_space = true;
            }
            previous_space = true;
            previous_break = false;
        } else if is_break(ch) {
            if index == 0 {
                leading_break = true;
            }
            if index == len - 1 {
                trailing_break = true;
            }
            if previous_space {
                space_break = true;
            }
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }

        preceded_by_whitespace = is_space_or_break_or_nul(ch);
        followed_by_whitespace = index + 2 >= len || is_space_or_break_or_nul(scalar[index + 2]);
    }

    let mut allow_flow_plain = true;
    let mut allow_block_plain = true;
    let mut allow_single_quoted = true;

    if leading_space || leading_break || trailing_space || trailing_break {
        allow_flow_plain = false;
        allow_block_plain = false;
    }
    if break_space {
        allow_flow_plain = false;
        allow_block_plain = false;
        allow_single_quoted = false;
    }
    if space_break || special_characters {
        allow_flow_plain = false;
        allow_block_plain = false;
        allow_single_quoted = false;
    }
    if line_breaks {
        allow_flow_plain = false;
        allow_block_plain = false;
    }
    if flow_indicators {
        allow_flow_plain = false;
    }
    if block_indicators {
        allow_block_plain = false;
    }
    Analysis {
        empty: false,
        multiline: line_breaks,
        allow_flow_plain,
        allow_block_plain,
        allow_single_quoted,
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum State {
    StreamStart,
    FirstDocumentStart,
    DocumentStart,
    DocumentEnd,
    DocumentRoot,
    Nothing,
    FirstFlowSequenceItem,
    FlowSequenceItem,
    FirstFlowMappingKey,
    FlowMappingKey,
    FlowMappingSimpleValue,
    FlowMappingValue,
    FirstBlockSequenceItem,
    BlockSequenceItem,
    FirstBlockMappingKey,
    BlockMappingKey,
    BlockMappingSimpleValue,
    BlockMappingValue,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Single,
    Double,
}

struct Emitter<'a> {
    events: &'a [Event],
    pos: usize,
    out: String,
    states: Vec<State>,
    state: State,
    indents: Vec<Option<usize>>,
    indent: Option<usize>,
    flow_level: usize,
    root_context: bool,
    mapping_context: bool,
    simple_key_context: bool,
    column: usize,
    whitespace: bool,
    indention: bool,
    open_ended: bool,
    analysis: Option<Analysis>,
    style: Option<Style>,
}

impl<'a> Emitter<'a> {
    fn new(events: &'a [Event]) -> Self {
        Emitter {
            events,
            pos: 0,
            out: String::new(),
            states: Vec::new(),
            state: State::StreamStart,
            indents: Vec::new(),
            indent: None,
            flow_level: 0,
            root_context: false,
            mapping_context: false,
            simple_key_context: false,
            column: 0,
            whitespace: true,
            indention: true,
            open_ended: false,
            analysis: None,
            style: None,
        }
    }

    fn event(&self) -> Option<&'a Event> {
        self.events.get(self.pos)
    }

    fn next_event(&self) -> Option<&'a Event> {
        self.events.get(self.pos + 1)
    }

    fn run(&mut self) {
        while self.pos < self.events.len() {
            self.step();
            self.pos += 1;
        }
    }

    fn pop_state(&mut self) -> State {
        self.states.pop().unwrap_or(State::Nothing)
    }

    fn pop_indent(&mut self) {
        self.indent = self.indents.pop().unwrap_or(None);
    }

    fn increase_indent(&mut self, flow: bool, indentless: bool) {
        self.indents.push(self.indent);
        match self.indent {
            None => self.indent = Some(if flow { BEST_INDENT } else { 0 }),
            Some(i) if !indentless => self.indent = Some(i + BEST_INDENT),
            Some(_) => {}
        }
    }

    fn step(&mut self) {
        let event = self.event();
        let is_seq_end = matches!(event, Some(Event::SequenceEnd));
        let is_map_end = matches!(event, Some(Event::MappingEnd));
        match self.state {
            State::StreamStart => self.state = State::FirstDocumentStart,
            State::FirstDocumentStart | State::DocumentStart => match event {
                Some(Event::DocumentStart) => {
                    // Implicit document start: the first document, never empty
                    // (a scalar event always carries a tag).
                    if self.state != State::FirstDocumentStart {
                        self.write_indent();
                        self.write_indicator("---", true, false, false);
                    }
                    self.state = State::DocumentRoot;
                }
                _ => {
                    if self.open_ended {
                        self.write_indicator("...", true, false, false);
                        self.write_indent();
                    }
                    self.state = State::Nothing;
                }
            },
            State::DocumentEnd => {
                self.write_indent();
                self.state = State::DocumentStart;
            }
            State::DocumentRoot => {
                self.states.push(State::DocumentEnd);
                self.expect_node(true, false, false);
            }
            State::Nothing => {}
            State::FirstFlowSequenceItem | State::FlowSequenceItem => {
                if is_seq_end {
                    self.pop_indent();
                    self.flow_level = self.flow_level.saturating_sub(1);
                    self.write_indicator("]", false, false, false);
                    self.state = self.pop_state();
                } else {
                    if self.state == State::FlowSequenceItem {
                        self.write_indicator(",", false, false, false);
                    }
                    if self.column > BEST_WIDTH {
                        self.write_indent();
                    }
                    self.states.push(State::FlowSequenceItem);
                    self.expect_node(false, false, false);
                }
            }
            State::FirstFlowMappingKey | State::FlowMappingKey => {
                if is_map_end {
                    self.pop_indent();
                    self.flow_level = self.flow_level.saturating_sub(1);
                    self.write_indicator("}", false, false, false);
                    self.state = self.pop_state();
                } else {
                    if self.state == State::FlowMappingKey {
                        self.write_indicator(",", false, false, false);
                    }
                    if self.column > BEST_WIDTH {
                        self.write_indent();
                    }
                    if self.check_simple_key() {
                        self.states.push(State::FlowMappingSimpleValue);
                        self.expect_node(false, true, true);
                    } else {
                        self.write_indicator("?", true, false, false);
                        self.states.push(State::FlowMappingValue);
                        self.expect_node(false, true, false);
                    }
                }
            }
            State::FlowMappingSimpleValue => {
                self.write_indicator(":", false, false, false);
                self.states.push(State::FlowMappingKey);
                self.expect_node(false, true, false);
            }
            State::FlowMappingValue => {
                if self.column > BEST_WIDTH {
                    self.write_indent();
                }
                self.write_indicator(":", true, false, false);
                self.states.push(State::FlowMappingKey);
                self.expect_node(false, true, false);
            }
            State::FirstBlockSequenceItem | State::BlockSequenceItem => {
                if self.state == State::BlockSequenceItem && is_seq_end {
                    self.pop_indent();
                    self.state = self.pop_state();
                } else {
                    self.write_indent();
                    self.write_indicator("-", true, false, true);
                    self.states.push(State::BlockSequenceItem);
                    self.expect_node(false, false, false);
                }
            }
            State::FirstBlockMappingKey | State::BlockMappingKey => {
                if self.state == State::BlockMappingKey && is_map_end {
                    self.pop_indent();
                    self.state = self.pop_state();
                } else {
                    self.write_indent();
                    if self.check_simple_key() {
                        self.states.push(State::BlockMappingSimpleValue);
                        self.expect_node(false, true, true);
                    } else {
                        self.write_indicator("?", true, false, true);
                        self.states.push(State::BlockMappingValue);
                        self.expect_node(false, true, false);
                    }
                }
            }
            State::BlockMappingSimpleValue => {
                self.write_indicator(":", false, false, false);
                self.states.push(State::BlockMappingKey);
                self.expect_node(false, true, false);
            }
            State::BlockMappingValue => {
                self.write_indent();
                self.write_indicator(":", true, false, true);
                self.states.push(State::BlockMappingKey);
                self.expect_node(false, true, false);
            }
        }
    }

    fn expect_node(&mut self, root: bool, mapping: bool, simple_key: bool) {
        self.root_context = root;
        self.mapping_context = mapping;
        self.simple_key_context = simple_key;
        match self.event() {
            Some(Event::Scalar { .. }) => {
                self.process_tag();
                // expect_scalar
                self.increase_indent(true, false);
                self.process_scalar();
                self.pop_indent();
                self.state = self.pop_state();
            }
            Some(Event::SequenceStart) => {
                if self.flow_level > 0 || matches!(self.next_event(), Some(Event::SequenceEnd)) {
                    self.write_indicator("[", true, true, false);
                    self.flow_level += 1;
                    self.increase_indent(true, false);
                    self.state = State::FirstFlowSequenceItem;
                } else {
                    let indentless = self.mapping_context && !self.indention;
                    self.increase_indent(false, indentless);
                    self.state = State::FirstBlockSequenceItem;
                }
            }
            Some(Event::MappingStart) => {
                if self.flow_level > 0 || matches!(self.next_event(), Some(Event::MappingEnd)) {
                    self.write_indicator("{", true, true, false);
                    self.flow_level += 1;
                    self.increase_indent(true, false);
                    self.state = State::FirstFlowMappingKey;
                } else {
                    self.increase_indent(false, false);
                    self.state = State::FirstBlockMappingKey;
                }
            }
            // The serializer only produces well-formed streams.
            _ => self.state = State::Nothing,
        }
    }

    fn check_simple_key(&mut self) -> bool {
        match self.event() {
            Some(Event::Scalar { value, tag, .. }) => {
                let analysis = self.analysis.get_or_insert_with(|| analyze_scalar(value));
                // The event's tag is always set, so its prepared form counts.
                let length = tag.prepared().chars().count() + value.len();
                length < 128 && !analysis.empty && !analysis.multiline
            }
            Some(Event::SequenceStart) => matches!(self.next_event(), Some(Event::SequenceEnd)),
            Some(Event::MappingStart) => matches!(self.next_event(), Some(Event::MappingEnd)),
            _ => false,
        }
    }

    fn process_tag(&mut self) {
        let Some(Event::Scalar { tag, implicit, .. }) = self.event() else {
            return;
        };
        let style = self.choose_scalar_style();
        self.style = Some(style);
        if (style == Style::Plain && implicit.0) || (style != Style::Plain && implicit.1) {
            return;
        }
        self.write_indicator(tag.prepared(), true, false, false);
    }

    fn choose_scalar_style(&mut self) -> Style {
        let Some(Event::Scalar {
            value, implicit, ..
        }) = self.event()
        else {
            return Style::Double;
        };
        let analysis = self.analysis.get_or_insert_with(|| analyze_scalar(value));
        if implicit.0
            && !(self.simple_key_context && (analysis.empty || analysis.multiline))
            && ((self.flow_level > 0 && analysis.allow_flow_plain)
                || (self.flow_level == 0 && analysis.allow_block_plain))
        {
            return Style::Plain;
        }
        if analysis.allow_single_quoted && !(self.simple_key_context && analysis.multiline) {
            return Style::Single;
        }
        Style::Double
    }

    fn process_scalar(&mut self) {
        let Some(Event::Scalar { value, .. }) = self.event() else {
            return;
        };
        let style = match self.style {
            Some(style) => style,
            None => self.choose_scalar_style(),
        };
        let split = !self.simple_key_context;
        match style {
            Style::Double => self.write_double_quoted(value, split),
            Style::Single => self.write_single_quoted(value, split),
            Style::Plain => self.write_plain(value, split),
        }
        self.analysis = None;
        self.style = None;
    }

    // Writers.

    fn write(&mut self, data: &[char]) {
        self.column += data.len();
        self.out.extend(data.iter());
    }

    fn write_str(&mut self, data: &str) {
        self.column += data.chars().count();
        self.out.push_str(data);
    }

    fn write_indicator(
        &mut self,
        indicator: &str,
        need_whitespace: bool,
        whitespace: bool,
        indention: bool,
    ) {
        if !self.whitespace && need_whitespace {
            self.out.push(' ');
            self.column += 1;
        }
        self.whitespace = whitespace;
        self.indention = self.indention && indention;
        self.write_str(indicator);
        self.open_ended = false;
    }

    fn write_indent(&mut self) {
        let indent = self.indent.unwrap_or(0);
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.write_line_break(None);
        }
        if self.column < indent {
            self.whitespace = true;
            for _ in self.column..indent {
                self.out.push(' ');
            }
            self.column = indent;
        }
    }

    fn write_line_break(&mut self, data: Option<char>) {
        self.whitespace = true;
        self.indention = true;
        self.column = 0;
        self.out.push(data.unwrap_or('\n'));
    }

    fn write_breaks(&mut self, breaks: &[char]) {
        for &br in breaks {
            if br == '\n' {
                self.write_line_break(None);
            } else {
                self.write_line_break(Some(br));
            }
        }
    }

    fn write_single_quoted(&mut self, text: &[char], split: bool) {
        self.write_indicator("'", true, false, false);
        let mut spaces = false;
        let mut breaks = false;
        let mut start = 0;
        let mut end = 0;
        while end <= text.len() {
            let ch = text.get(end).copied();
            if spaces {
                if ch != Some(' ') {
                    if start + 1 == end
                        && self.column > BEST_WIDTH
                        && split
                        && start != 0
                        && end != text.len()
                    {
                        self.write_indent();
                    } else {
                        self.write(&text[start..end]);
                    }
                    start = end;
                }
            } else if breaks {
                if !ch.is_some_and(is_break) {
                    if text[start] == '\n' {
                        self.write_line_break(None);
                    }
                    self.write_breaks(&text[start..end]);
                    self.write_indent();
                    start = end;
                }
            } else if (ch.is_none_or(|c| c == ' ' || is_break(c) || c == '\'')) && start < end {
                self.write(&text[start..end]);
                start = end;
            }
            if ch == Some('\'') {
                self.write_str("''");
                start = end + 1;
            }
            if let Some(c) = ch {
                spaces = c == ' ';
                breaks = is_break(c);
            }
            end += 1;
        }
        self.write_indicator("'", false, false, false);
    }

    fn write_double_quoted(&mut self, text: &[char], split: bool) {
        self.write_indicator("\"", true, false, false);
        let mut start = 0;
        let mut end = 0;
        while end <= text.len() {
            let ch = text.get(end).copied();
            let needs_escape = match ch {
                None => true,
                Some(c) => {
                    matches!(
                        c,
                        '"' | '\\' | '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}'
                    ) || !('\x20'..='\x7e').contains(&c)
                }
            };
            if needs_escape {
                if start < end {
                    self.write(&text[start..end]);
                    start = end;
                }
                if let Some(c) = ch {
                    let data = match escape_replacement(c) {
                        Some(r) => format!("\\{r}"),
                        None if (c as u32) <= 0xff => format!("\\x{:02X}", c as u32),
                        None if (c as u32) <= 0xffff => format!("\\u{:04X}", c as u32),
                        None => format!("\\U{:08X}", c as u32),
                    };
                    self.write_str(&data);
                    start = end + 1;
                }
            }
            if 0 < end
                && end + 1 < text.len()
                && (ch == Some(' ') || start >= end)
                && self.column as isize + (end as isize - start as isize) > BEST_WIDTH as isize
                && split
            {
                let slice = if start < end {
                    &text[start..end]
                } else {
                    &[][..]
                };
                self.write(slice);
                self.write_str("\\");
                if start < end {
                    start = end;
                }
                self.write_indent();
                self.whitespace = false;
                self.indention = false;
                if text.get(start) == Some(&' ') {
                    self.write_str("\\");
                }
            }
            end += 1;
        }
        self.write_indicator("\"", false, false, false);
    }

    fn write_plain(&mut self, text: &[char], split: bool) {
        if self.root_context {
            self.open_ended = true;
        }
        if text.is_empty() {
            return;
        }
        if !self.whitespace {
            self.write_str(" ");
        }
        self.whitespace = false;
        self.indention = false;
        let mut spaces = false;
        let mut breaks = false;
        let mut start = 0;
        let mut end = 0;
        while end <= text.len() {
            let ch = text.get(end).copied();
            if spaces {
                if ch != Some(' ') {
                    if start + 1 == end && self.column > BEST_WIDTH && split {
                        self.write_indent();
                        self.whitespace = false;
                        self.indention = false;
                    } else {
                        self.write(&text[start..end]);
                    }
                    start = end;
                }
            } else if breaks {
                if !ch.is_some_and(is_break) {
                    if text[start] == '\n' {
                        self.write_line_break(None);
                    }
                    self.write_breaks(&text[start..end]);
                    self.write_indent();
                    self.whitespace = false;
                    self.indention = false;
                    start = end;
                }
            } else if ch.is_none_or(|c| c == ' ' || is_break(c)) {
                self.write(&text[start..end]);
                start = end;
            }
            if let Some(c) = ch {
                spaces = c == ' ';
                breaks = is_break(c);
            }
            end += 1;
        }
    }
}

/// `Emitter.ESCAPE_REPLACEMENTS`.
fn escape_replacement(c: char) -> Option<char> {
    Some(match c {
        '\0' => '0',
        '\x07' => 'a',
        '\x08' => 'b',
        '\x09' => 't',
        '\x0a' => 'n',
        '\x0b' => 'v',
        '\x0c' => 'f',
        '\x0d' => 'r',
        '\x1b' => 'e',
        '"' => '"',
        '\\' => '\\',
        '\u{85}' => 'N',
        '\u{a0}' => '_',
        '\u{2028}' => 'L',
        '\u{2029}' => 'P',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolver() {
        for (s, tag) in [
            ("", Tag::Null),
            ("~", Tag::Null),
            ("yes", Tag::Bool),
            ("y", Tag::Str),
            ("1.5", Tag::Float),
            ("1e5", Tag::Str),
            ("1.0e-05", Tag::Float),
            ("1.0e5", Tag::Str),
            (".5", Tag::Float),
            ("1:30", Tag::Int),
            ("1:30.5", Tag::Float),
            ("09", Tag::Str),
            ("07", Tag::Int),
            ("0x1F", Tag::Int),
            ("2024-01-01", Tag::Other),
            ("2024-1-1 1:02:03.5 +01:00", Tag::Other),
            ("2024-1-1", Tag::Str),
            ("<<", Tag::Other),
            ("=", Tag::Other),
            ("12\n", Tag::Int),
            ("12\n\n", Tag::Str),
        ] {
            assert_eq!(resolve(s), tag, "{s:?}");
        }
    }

    /// The shortcuts for strings that start with a letter or with no
    /// resolver's character give what the patterns give.
    #[test]
    fn resolver_shortcuts_agree_with_patterns() {
        let mut words: Vec<String> = super::BOOL_WORDS
            .iter()
            .chain(super::NULL_WORDS.iter())
            .flat_map(|w| {
                [
                    w.to_string(),
                    format!("{w}\n"),
                    format!("{w}x"),
                    format!("x{w}"),
                ]
            })
            .collect();
        words.extend(
            [
                "yesno",
                "Nope",
                "nULL",
                "python=3.10",
                "pip",
                "name",
                "Off\n\n",
                "o",
                "n",
                "t",
                "ý",
            ]
            .map(String::from),
        );
        for w in words {
            assert_eq!(resolve(&w), resolve_by_patterns(&w), "{w:?}");
        }
    }

    #[test]
    fn float_repr() {
        for (f, text) in [
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1.0, "1.0"),
            (1e-5, "1.0e-05"),
            (1e-4, "0.0001"),
            (1e16, "1.0e+16"),
            (1e15, "1000000000000000.0"),
            (1.5e300, "1.5e+300"),
            (0.1, "0.1"),
            // Exactly …186.25, halfway between the two shortest candidates.
            (647_683_259_277_186.2, "647683259277186.2"),
            (-656_365_507_556_864.2, "-656365507556864.2"),
            (f64::INFINITY, ".inf"),
            (f64::NEG_INFINITY, "-.inf"),
            (f64::NAN, ".nan"),
        ] {
            assert_eq!(represent_float(f), text, "{f:e}");
        }
    }
}
