//! The error type of the YAML loader.

use std::fmt;
use std::path::{Path, PathBuf};

use super::Position;

/// What went wrong while loading a YAML document.
///
/// The variants are coarse on purpose: they let a caller (or a test) tell a
/// safety limit from a syntax error from a policy decision such as duplicate
/// keys, while [`YamlError::message`] carries the details.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum YamlErrorKind {
    /// The text is not well-formed YAML (reported by the parser).
    Syntax,
    /// The file could not be read.
    Io,
    /// The file is not valid UTF-8.
    Encoding,
    /// The document is larger than [`Limits::max_bytes`](super::Limits::max_bytes).
    SizeLimit,
    /// Collections are nested deeper than [`Limits::max_depth`](super::Limits::max_depth).
    DepthLimit,
    /// The document (after alias expansion) has more nodes than
    /// [`Limits::max_nodes`](super::Limits::max_nodes).
    NodeLimit,
    /// Too many aliases, or aliases that would copy too much text
    /// ([`Limits::max_aliases`](super::Limits::max_aliases),
    /// [`Limits::max_alias_bytes`](super::Limits::max_alias_bytes)).
    AliasLimit,
    /// An alias that cannot be expanded (it refers to a node that contains it).
    Alias,
    /// A tag other than the standard `!!str`, `!!int`, `!!float`, `!!bool`,
    /// `!!null`, `!!map`, `!!seq`, or a standard tag on the wrong kind of node.
    Tag,
    /// A scalar that cannot be represented: `.inf`/`.nan`, an integer out of
    /// the 64-bit range, or a value that does not match its explicit tag.
    Scalar,
    /// A mapping key that is a mapping or a sequence.
    Key,
    /// The same key appears twice in one mapping. No longer produced:
    /// duplicate keys load as in PyYAML and are reported as warnings
    /// ([`Document::warnings`](super::Document::warnings)).
    DuplicateKey,
    /// A merge key (`<<`) whose value is not a mapping or a list of mappings.
    Merge,
    /// The stream holds more than one document.
    MultipleDocuments,
    /// An error raised by a caller about a value of a loaded document
    /// (see [`Document::error_at`](super::Document::error_at)).
    Custom,
    /// An internal invariant of the loader or the parser was broken.
    Internal,
}

/// An error from the YAML loader, located in the source where possible.
///
/// Displays as `path:line:col: message`, dropping the parts that are unknown
/// (`line:col: message` for [`parse_str`](super::parse_str),
/// `path: message` for an unreadable file).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.render())]
pub struct YamlError {
    kind: YamlErrorKind,
    message: String,
    path: Option<PathBuf>,
    position: Option<Position>,
    other_position: Option<Position>,
}

impl YamlError {
    /// Creates an error without a location.
    pub fn new(kind: YamlErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            path: None,
            position: None,
            other_position: None,
        }
    }

    /// Sets the source position the error refers to.
    #[must_use]
    pub fn at(mut self, position: Position) -> Self {
        self.position = Some(position);
        self
    }

    /// Sets the source position the error refers to, if known.
    #[must_use]
    pub fn at_opt(mut self, position: Option<Position>) -> Self {
        self.position = position;
        self
    }

    /// Sets a second, related position.
    #[must_use]
    pub fn with_other_position(mut self, position: Position) -> Self {
        self.other_position = Some(position);
        self
    }

    /// Sets the file the error refers to.
    #[must_use]
    pub fn with_path(mut self, path: impl Into<PathBuf>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// The category of the error.
    pub fn kind(&self) -> YamlErrorKind {
        self.kind
    }

    /// The message, without the location prefix.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The file the error refers to, if the document came from a file.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The 1-based position the error refers to, if known.
    pub fn position(&self) -> Option<Position> {
        self.position
    }

    /// The 1-based line the error refers to, if known.
    pub fn line(&self) -> Option<usize> {
        self.position.map(|p| p.line)
    }

    /// The 1-based column (in characters) the error refers to, if known.
    pub fn col(&self) -> Option<usize> {
        self.position.map(|p| p.col)
    }

    /// A second position related to the error, if any.
    pub fn other_position(&self) -> Option<Position> {
        self.other_position
    }

    fn render(&self) -> Rendered<'_> {
        Rendered(self)
    }
}

/// Lazily formats a [`YamlError`] without building an intermediate string.
struct Rendered<'a>(&'a YamlError);

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = self.0;
        match (&e.path, e.position) {
            (Some(path), Some(pos)) => write!(f, "{}:{pos}: ", path.display())?,
            (Some(path), None) => write!(f, "{}: ", path.display())?,
            (None, Some(pos)) => write!(f, "{pos}: ")?,
            (None, None) => {}
        }
        f.write_str(&e.message)
    }
}
