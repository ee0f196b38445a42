//! Warnings: things in a document that load but deserve a look.

use std::fmt;

use super::positions::Pos32;
use super::Position;

/// What a [`YamlWarning`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum YamlWarningKind {
    /// A key appears more than once in one mapping. The later value is used
    /// and the key keeps the place of its first occurrence, as PyYAML's
    /// `safe_load` (a Python dict) does.
    DuplicateKey,
}

/// A warning about a loaded document, located at the node it is about.
///
/// Displays as `line:col: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlWarning {
    kind: YamlWarningKind,
    message: String,
    pointer: String,
    position: Position,
    other_position: Option<Position>,
}

impl YamlWarning {
    /// A duplicate key `key` at `pos`, whose earlier occurrence is at `earlier`;
    /// `pointer` addresses the entry.
    pub(crate) fn duplicate_key(key: &str, pointer: String, pos: Pos32, earlier: Pos32) -> Self {
        let shown: String = if key.chars().count() > 60 {
            key.chars().take(60).chain(std::iter::once('…')).collect()
        } else {
            key.to_owned()
        };
        let other_position = earlier.get();
        let message = match other_position {
            Some(p) => format!(
                "duplicate key {shown:?} (the later value is used, as PyYAML does; \
                 the key was first defined at line {}, column {})",
                p.line, p.col
            ),
            None => format!("duplicate key {shown:?} (the later value is used, as PyYAML does)"),
        };
        YamlWarning {
            kind: YamlWarningKind::DuplicateKey,
            message,
            pointer,
            position: pos.get().unwrap_or(Position::new(1, 1)),
            other_position,
        }
    }

    /// The category of the warning.
    pub fn kind(&self) -> YamlWarningKind {
        self.kind
    }

    /// The message, without the location prefix.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The RFC 6901 JSON pointer of the node the warning is about (for a
    /// duplicate key, the mapping entry: `/jobs/train/inputs`).
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// Where the warning points (for a duplicate key, the later occurrence
    /// of the key).
    pub fn position(&self) -> Position {
        self.position
    }

    /// A second, related position: for a duplicate key, the occurrence
    /// before this one.
    pub fn other_position(&self) -> Option<Position> {
        self.other_position
    }
}

impl fmt::Display for YamlWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.position, self.message)
    }
}
