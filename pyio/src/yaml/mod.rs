//! A safe YAML loader with source positions.
//!
//! [`parse_str`] and [`parse_path`] load one YAML document into a
//! [`serde_json::Value`] (objects keep document order) together with the source
//! position of every node, so that an error about any value can name
//! `file:line:col`:
//!
//! ```
//! let doc = azml_pyio::yaml::parse_str("job:\n  environment: azureml:env:1\n").unwrap();
//! assert_eq!(doc.value["job"]["environment"], "azureml:env:1");
//! let pos = doc.position("/job/environment").unwrap();
//! assert_eq!((pos.line, pos.col), (2, 16));
//! let key = doc.key_position("/job/environment").unwrap();
//! assert_eq!((key.line, key.col), (2, 3));
//! ```
//!
//! # Why saphyr-parser
//!
//! The loader is built on the event API of [`saphyr_parser`]: it is maintained,
//! pure Rust, passes the YAML test suite, and reports a span for every event.
//! `serde_yaml` is archived, and the `saphyr` `Yaml` loader expands aliases
//! without any budget; working from events lets this module bound nesting
//! depth, node count and alias expansion *while* reading, stopping at the first
//! event past a limit (see [`Limits`]). Nothing recurses on the input's
//! structure, so deep input gives an error, never a stack overflow.
//!
//! # Speed
//!
//! Documents in the block-YAML subset that Azure ML files use (block
//! mappings and sequences, plain, quoted and block scalars, comments,
//! one-line flow collections of scalars) are read by a hand-written scanner
//! that feeds the same document builder; anything else (anchors, aliases,
//! tags, multi-line flow collections, any error, ...) is loaded by the
//! saphyr-parser path described below. Both give the same value, positions
//! and warnings: a differential test over generated, mutated and real
//! documents checks it.
//!
//! # Scalars
//!
//! The reference implementation is PyYAML's `safe_load` (what the Azure ML
//! Python SDK and CLI use, a YAML 1.1 resolver). Resolution follows the YAML 1.2
//! core schema and matches PyYAML where a difference would show in real files:
//!
//! | Plain scalar | Value | Notes |
//! |---|---|---|
//! | empty, `~`, `null`, `Null`, `NULL` | `null` | |
//! | `true`/`True`/`TRUE`, `false`/`False`/`FALSE` | bool | |
//! | `yes`/`Yes`/`YES`, `no`/`No`/`NO`, `on`/`On`/`ON`, `off`/`Off`/`OFF` | bool | **PyYAML compatibility**: PyYAML reads these as booleans, so a file means the same to the Python SDK and to us. Quote them to get strings. `y`/`n` stay strings (as in PyYAML). |
//! | `42`, `+42`, `-42`, `0x2A`, `0b101010` | integer | `_` separators (`1_000`) as in PyYAML; `0o52` is a string, as in PyYAML. |
//! | `052` (leading zero) | integer, **octal** (42) | PyYAML compatibility (YAML 1.2 would say 52); `08`, `09` are strings as in PyYAML. |
//! | `1.5`, `.5`, `1.`, `-2.5E-3` | float | As PyYAML: a float has a dot and a signed exponent; `1e3`, `1.5e3` and `-.5` are strings. |
//! | `.inf`, `-.inf`, `.nan`, and floats that overflow (`1.0e+999`) | **error** | JSON cannot hold them; the error names the position and suggests quoting. |
//! | integers outside `i64`/`u64` | **error** | Not silently rounded to a float; quote them to keep them as strings. |
//! | `1:30` (sexagesimal), `2024-01-01` (timestamp) | string | PyYAML would give 90 and a `date`; YAML 1.2 and JSON give strings, which is what Azure ML expects for times and dates. |
//! | anything else | string | |
//!
//! Quoted and block (`|`, `>`) scalars are always strings, so `"1"` stays
//! distinct from `1` (a JSON string versus a number).
//!
//! # Tags
//!
//! `!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!map`, `!!seq` and the
//! non-specific `!` are honoured (`!!str 12` is `"12"`, `!!float 1` is `1.0`,
//! `!!int "7"` is `7`; a value that does not fit its tag is an error). Any
//! other tag — `!!python/object/apply:os.system`, `!custom`, `!!binary`,
//! `!!timestamp` — is an error naming the tag and its position. Tags are never
//! acted on.
//!
//! # Mappings
//!
//! * Keys are strings. A non-string scalar key becomes its JSON spelling
//!   (`1`, `1.5`, `true`, `null`) — what `json.dumps` prints for the keys
//!   PyYAML produces. A mapping or sequence as a key is an error.
//! * **Duplicate keys: the later value wins**, as in PyYAML (a Python dict):
//!   the key keeps the place of its first occurrence in the mapping, the value
//!   and its positions (and [`Document::key_position`]) are the later
//!   occurrence's. Each later occurrence is reported in
//!   [`Document::warnings`] with its position and JSON pointer, since it is
//!   usually a mistake in a hand-written file.
//! * **Merge keys (`<<`) are supported**, as in PyYAML: the value is a mapping
//!   or a list of mappings (usually aliases); the mapping's own keys win over
//!   merged ones, earlier mappings in a list win over later ones, and merged
//!   keys come first in the result, in PyYAML's order. Positions of merged
//!   values point at their definition. A quoted `"<<"` is an ordinary key.
//!   Several `<<` keys in one mapping all merge, later ones winning over
//!   earlier ones, as in PyYAML (this is not a duplicate key).
//!
//! # Anchors and aliases
//!
//! Aliases are expanded into copies (JSON has no sharing), counting every copied
//! node against [`Limits::max_nodes`] and every copied byte of text against
//! [`Limits::max_alias_bytes`] *before* copying, which stops "billion laughs"
//! documents. The position of an aliased value is where the alias is written;
//! positions inside it point at the anchored definition. An alias to a node
//! that contains it (a recursive structure, which PyYAML allows) is an error.
//!
//! # Streams
//!
//! An empty stream (or only comments) is `null`; a stream with more than one
//! document is an error (Azure ML files hold one document). A leading byte
//! order mark is accepted; CRLF line ends are fine; tabs inside scalars are
//! fine, tabs used as indentation are the parser's syntax error.
//! [`parse_path`] reports invalid UTF-8 with the position of the first bad
//! byte. No input makes the loader panic.
//!
//! # Multi-line quoted scalars
//!
//! As in PyYAML, the continuation lines of a single- or double-quoted scalar
//! may have any indentation, even less than the key they belong to; they
//! are folded as usual (a line break is a space, an empty line a newline,
//! white space around line breaks is dropped, `\` at the end of a line
//! joins without a space). A continuation line that starts with a document
//! marker (`---`, `...`) is an error, as in PyYAML. Tabs may indent such a
//! line too.
//!
//! saphyr-parser is stricter here; the loader re-indents such a scalar
//! (which changes nothing else) and parses again, at most a bounded number of
//! times (ample for any real file: 10,000 for documents up to 6 KiB, fewer
//! for larger ones, so that the work stays within 64 MiB of parsing).

mod builder;
mod error;
mod fast;
mod loader;
mod positions;
mod repair;
mod scalar;
mod warning;

use std::path::{Path, PathBuf};

use serde_json::Value;

pub use error::{YamlError, YamlErrorKind};
pub use positions::{Position, Positions};
// A glob: the generator includes this module and uses neither name.
pub use warning::*;

/// Bounds on the work and memory a document may cause.
///
/// The defaults are far above any real Azure ML file and far below what would
/// hurt a process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Limits {
    /// Maximum nesting of mappings and sequences, counting the root collection
    /// as 1 and including the content of aliases. Default: 256.
    pub max_depth: usize,
    /// Maximum number of value nodes (scalars, mappings, sequences) after alias
    /// expansion; keys are not counted. Default: 1,000,000.
    pub max_nodes: usize,
    /// Maximum number of aliases (`*name`) in the document. Default: 10,000.
    pub max_aliases: usize,
    /// Maximum bytes of scalar text (keys and values) that aliases may copy in
    /// total. Default: 16 MiB.
    pub max_alias_bytes: usize,
    /// Maximum document size in bytes. Default: 16 MiB.
    pub max_bytes: usize,
}

impl Limits {
    /// The default limits (see the field documentation).
    pub const DEFAULT: Limits = Limits {
        max_depth: 256,
        max_nodes: 1_000_000,
        max_aliases: 10_000,
        max_alias_bytes: 16 << 20,
        max_bytes: 16 << 20,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// A loaded YAML document: its value and the source position of every node.
#[derive(Debug, Clone)]
pub struct Document {
    /// The document's content (`Value::Null` for an empty stream).
    pub value: Value,
    positions: Positions,
    warnings: Vec<YamlWarning>,
    path: Option<PathBuf>,
}

impl Document {
    /// The position of the value at an RFC 6901 JSON `pointer` (`""` for the
    /// root, `/task/environment`, `/inputs/0`, `~1` for `/` and `~0` for `~`
    /// in keys). For a mapping or sequence this is where it starts (a block
    /// collection starts at its first key or `-`; an anchor or tag before it
    /// counts); for a block scalar (`|`, `>`), where its content starts; for an
    /// aliased value, where the alias is written.
    pub fn position(&self, pointer: &str) -> Option<Position> {
        self.positions.get(pointer)
    }

    /// The position of the key of the mapping entry at `pointer` (what an
    /// "unknown key" error should point at). `None` for sequence items and the
    /// root.
    pub fn key_position(&self, pointer: &str) -> Option<Position> {
        self.positions.key(pointer)
    }

    /// All recorded positions.
    pub fn positions(&self) -> &Positions {
        &self.positions
    }

    /// What loaded but deserves a look, in document order: each later
    /// occurrence of a duplicate key (see [`YamlWarningKind`]).
    pub fn warnings(&self) -> &[YamlWarning] {
        &self.warnings
    }

    /// The file the document was loaded from, for [`parse_path`].
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Consumes the document, returning its value.
    pub fn into_value(self) -> Value {
        self.value
    }

    /// An error about the value at `pointer`, located at that value (or, if it
    /// has no recorded position, at its nearest ancestor that has one) and
    /// carrying the document's file path. Its kind is [`YamlErrorKind::Custom`].
    pub fn error_at(&self, pointer: &str, message: impl Into<String>) -> YamlError {
        let pos = self.nearest(pointer, |p| self.positions.get(p));
        self.located(YamlError::new(YamlErrorKind::Custom, message).at_opt(pos))
    }

    /// Like [`Document::error_at`], but located at the *key* of the mapping
    /// entry at `pointer` (falling back to the value's position), as an
    /// "unknown key" error wants.
    pub fn key_error_at(&self, pointer: &str, message: impl Into<String>) -> YamlError {
        let pos = self
            .positions
            .key(pointer)
            .or_else(|| self.nearest(pointer, |p| self.positions.get(p)));
        self.located(YamlError::new(YamlErrorKind::Custom, message).at_opt(pos))
    }

    fn nearest(&self, pointer: &str, get: impl Fn(&str) -> Option<Position>) -> Option<Position> {
        let mut p = pointer;
        loop {
            if let Some(pos) = get(p) {
                return Some(pos);
            }
            if p.is_empty() {
                return None;
            }
            p = p.rfind('/').and_then(|i| p.get(..i)).unwrap_or("");
        }
    }

    fn located(&self, err: YamlError) -> YamlError {
        match &self.path {
            Some(path) => err.with_path(path.clone()),
            None => err,
        }
    }
}

/// Loads a single YAML document from a string with the default [`Limits`].
///
/// # Errors
/// Syntax errors, multiple documents, unsupported tags, unrepresentable
/// scalars and exceeded limits; see [`YamlErrorKind`].
pub fn parse_str(text: &str) -> Result<Document, YamlError> {
    parse_str_with(text, &Limits::DEFAULT)
}

/// Loads a single YAML document from a string with the given [`Limits`].
///
/// # Errors
/// As [`parse_str`].
pub fn parse_str_with(text: &str, limits: &Limits) -> Result<Document, YamlError> {
    if text.len() > limits.max_bytes {
        return Err(YamlError::new(
            YamlErrorKind::SizeLimit,
            format!(
                "the document is {} bytes, more than the limit of {} bytes",
                text.len(),
                limits.max_bytes
            ),
        ));
    }
    // The parser is not expected to panic, but "never panic on any input" is a
    // promise of this module, so a panic in a dependency becomes an error.
    let loaded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        fast::load(text, limits).map_or_else(|| loader::load(text, limits), Ok)
    }))
    .unwrap_or_else(|_| {
        Err(YamlError::new(
            YamlErrorKind::Internal,
            "internal error: the YAML parser panicked on this input",
        ))
    })?;
    let (value, positions, warnings) = loaded;
    Ok(Document {
        value,
        positions,
        warnings,
        path: None,
    })
}

/// For the fuzz targets (`--cfg fuzzing`): loads `text` with the fast path
/// and with the general loader and panics on any difference of value, key
/// order, positions or warnings where the fast path takes the input (what
/// `src/yaml/fast/differential.rs` checks on generated inputs).
#[cfg(fuzzing)]
#[doc(hidden)]
pub fn fuzz_fast_against_general(text: &str, limits: &Limits) {
    let Some((value, positions, warnings)) = fast::load(text, limits) else {
        return;
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
    assert_eq!(positions.live(), p.live(), "positions differ for\n{text:?}");
    assert_eq!(warnings, w, "warnings differ for\n{text:?}");
}

/// Loads a single YAML document from a file with the default [`Limits`];
/// errors carry the file path.
///
/// # Errors
/// As [`parse_str`], plus I/O errors and invalid UTF-8.
pub fn parse_path(path: impl AsRef<Path>) -> Result<Document, YamlError> {
    parse_path_with(path.as_ref(), &Limits::DEFAULT)
}

/// Loads a single YAML document from a file with the given [`Limits`].
///
/// # Errors
/// As [`parse_path`].
pub fn parse_path_with(path: &Path, limits: &Limits) -> Result<Document, YamlError> {
    let io = |e: std::io::Error| {
        YamlError::new(YamlErrorKind::Io, format!("cannot read file: {e}")).with_path(path)
    };
    let file = open_for_reading(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    // A device or a pipe (`/dev/zero`, a FIFO) reports no length and may never end, or never
    // start: only regular files are read.
    if !meta.is_file() {
        return Err(YamlError::new(
            YamlErrorKind::Io,
            "cannot read file: not a regular file".to_string(),
        )
        .with_path(path));
    }
    let len = meta.len();
    if usize::try_from(len).map_or(true, |l| l > limits.max_bytes) {
        return Err(YamlError::new(
            YamlErrorKind::SizeLimit,
            format!(
                "the file is {len} bytes, more than the limit of {} bytes",
                limits.max_bytes
            ),
        )
        .with_path(path));
    }
    // The file may have grown since: read no more than the limit allows.
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    {
        use std::io::Read;
        let cap = u64::try_from(limits.max_bytes)
            .unwrap_or(u64::MAX)
            .saturating_add(1);
        file.take(cap).read_to_end(&mut bytes).map_err(io)?;
    }
    if bytes.len() > limits.max_bytes {
        return Err(YamlError::new(
            YamlErrorKind::SizeLimit,
            format!(
                "the file is more than the limit of {} bytes",
                limits.max_bytes
            ),
        )
        .with_path(path));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let bytes = e.as_bytes();
            let valid = e.utf8_error().valid_up_to();
            return Err(YamlError::new(
                YamlErrorKind::Encoding,
                format!("the file is not valid UTF-8 (invalid byte at offset {valid})"),
            )
            .at(position_of_byte(bytes, valid))
            .with_path(path));
        }
    };
    let mut doc = parse_str_with(&text, limits).map_err(|e| e.with_path(path))?;
    doc.path = Some(path.to_path_buf());
    Ok(doc)
}

/// Opens `path` for reading without waiting: a FIFO opened for reading
/// would block until a writer came (the caller refuses anything but a
/// regular file, once it has the handle's metadata).
fn open_for_reading(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// The 1-based line and column (in characters) of byte `offset`, which must
/// follow valid UTF-8.
fn position_of_byte(bytes: &[u8], offset: usize) -> Position {
    let prefix = bytes.get(..offset).unwrap_or(bytes);
    let prefix = std::str::from_utf8(prefix).unwrap_or("");
    let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
    let line = prefix.matches('\n').count() + 1;
    let col = prefix.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    Position::new(line, col)
}
