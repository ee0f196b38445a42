//! Validation of JSON values against the generated types, collecting every problem with its
//! location, before deserializing.
//!
//! Each generated type implements [`Validate`]; so do the standard types it is built from
//! (strings, booleans, integers, floats, [`Value`], `Option`, `Box`, `Vec` and string-keyed
//! maps). A [`Validator`] walks the value, tracks the JSON pointer (RFC 6901) of the node being
//! checked, and collects [`Issue`]s: nothing stops at the first problem.
//!
//! ```
//! use azml::validate::{validate_value, Issue};
//! use serde_json::json;
//!
//! let issues = validate_value::<Vec<i32>>(&json!([1, "two", 3.5]));
//! assert_eq!(
//!     issues,
//!     [
//!         Issue::new("/1", "expected integer, got string \"two\""),
//!         Issue::new("/2", "expected integer, got number 3.5"),
//!     ]
//! );
//! ```

mod checks;
mod describe;
mod impls;
mod literal;
mod shapes;
mod simple_pattern;
mod validator;

pub use checks::{checked, pattern_error, Checks, Pattern};
pub use describe::describe;
pub use shapes::ValidateFn;
pub use validator::Validator;

use serde_json::Value;

/// A type that can check a JSON value before it is deserialized into it.
pub trait Validate {
    /// Checks `value`, recording every problem in `cx` at its location.
    fn validate(value: &Value, cx: &mut Validator);
}

/// One problem found in a value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Issue {
    /// JSON pointer (RFC 6901) of the value at fault; `""` is the whole value.
    pub pointer: String,
    /// What is wrong, in a few words (`expected string, got integer 5`).
    pub message: String,
    /// The problem is the key itself (an unknown field): positions point at the key, not
    /// at its value.
    pub on_key: bool,
    /// Where the problem is when it is in another file than the document's
    /// (a component file a pipeline node names): that file and position.
    pub place: Option<Box<Place>>,
}

/// A position in a file other than the document's.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Place {
    /// The file.
    pub file: std::path::PathBuf,
    /// 1-based line, 0 when unknown.
    pub line: usize,
    /// 1-based column, 0 when unknown.
    pub col: usize,
}

impl Issue {
    /// An issue about the value at `pointer`.
    pub fn new(pointer: impl Into<String>, message: impl Into<String>) -> Issue {
        Issue {
            pointer: pointer.into(),
            message: message.into(),
            on_key: false,
            place: None,
        }
    }

    /// An issue about the key at `pointer` (its last segment).
    pub fn on_key(pointer: impl Into<String>, message: impl Into<String>) -> Issue {
        Issue {
            pointer: pointer.into(),
            message: message.into(),
            on_key: true,
            place: None,
        }
    }
}

impl std::fmt::Display for Issue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at = if self.pointer.is_empty() {
            "(root)"
        } else {
            &self.pointer
        };
        write!(f, "{at}: {}", self.message)
    }
}

/// Validates `value` as a `T` and returns every issue, in document order.
pub fn validate_value<T: Validate>(value: &Value) -> Vec<Issue> {
    let mut cx = Validator::new();
    T::validate(value, &mut cx);
    cx.into_issues()
}

/// Escapes one JSON pointer segment (`~` → `~0`, `/` → `~1`).
pub fn escape_segment(segment: &str) -> std::borrow::Cow<'_, str> {
    if segment.contains(['~', '/']) {
        std::borrow::Cow::Owned(segment.replace('~', "~0").replace('/', "~1"))
    } else {
        std::borrow::Cow::Borrowed(segment)
    }
}

#[cfg(test)]
mod tests;
