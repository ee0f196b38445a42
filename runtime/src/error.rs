//! Error types of dict access and REST translation.

use std::fmt;

/// A value that could not be converted to a field's type.
///
/// `path` locates the offending part inside the value (`[2]`, `.name`), empty
/// when the value itself is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    /// Where inside the value the mismatch is, as `[index]` / `.key` segments.
    pub path: String,
    /// What the field's type accepts, e.g. `string or null`.
    pub expected: String,
    /// What was given, e.g. `integer 5`.
    pub given: String,
}

impl ValueError {
    /// A mismatch between what a type `expected` and the `given` value.
    pub fn new(expected: impl Into<String>, given: &serde_json::Value) -> Self {
        ValueError {
            path: String::new(),
            expected: expected.into(),
            given: describe(given),
        }
    }

    /// The same error, one level further out: `segment` is `[3]` or `.key`.
    pub fn within(mut self, segment: &str) -> Self {
        self.path.insert_str(0, segment);
        self
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected {}, got {}", self.expected, self.given)?;
        if !self.path.is_empty() {
            write!(f, " at {}", self.path)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValueError {}

/// Names a JSON value's kind, with the value itself when it is short.
pub(crate) fn describe(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("boolean {b}"),
        Value::Number(n) if n.is_f64() => format!("float {n}"),
        Value::Number(n) => format!("integer {n}"),
        Value::String(s) if s.chars().count() <= 40 => format!("string {s:?}"),
        Value::String(_) => "string".to_owned(),
        Value::Array(a) => format!("list of {} items", a.len()),
        Value::Object(o) => format!("dict of {} keys", o.len()),
    }
}

/// An error of dict access (`set`, `update`, `remove`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DictError {
    /// The struct has no such key and no extra-keys map to store it in.
    #[error("unknown key '{key}'")]
    UnknownKey {
        /// The key as given.
        key: String,
    },
    /// The value does not fit the field's type.
    #[error("key '{key}{}': expected {}, got {}", .error.path, .error.expected, .error.given)]
    WrongType {
        /// The key whose value was rejected.
        key: String,
        /// What was expected and what was given.
        error: ValueError,
    },
    /// `remove` of a field that cannot be empty.
    #[error("key '{key}' is required and cannot be removed")]
    Required {
        /// The required key.
        key: String,
    },
}

impl DictError {
    /// The key that the error is about.
    pub fn key(&self) -> &str {
        match self {
            DictError::UnknownKey { key }
            | DictError::WrongType { key, .. }
            | DictError::Required { key } => key,
        }
    }
}

/// An error of REST translation, naming the field path where it happened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", if .path.is_empty() { String::new() } else { format!("field '{}': ", .path) })]
pub struct RestError {
    /// Dotted path of the field, outermost first (`resources.instance_count`).
    pub path: String,
    /// What went wrong.
    pub message: String,
}

impl RestError {
    /// An error with no field path yet.
    pub fn new(message: impl Into<String>) -> Self {
        RestError {
            path: String::new(),
            message: message.into(),
        }
    }

    /// One error for the issues of a document read back from REST, each
    /// with its JSON pointer, separated by `; `.
    pub fn of_issues(issues: &[crate::validate::Issue]) -> Self {
        RestError::new(
            issues
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; "),
        )
    }

    /// The same error inside field `field`: prefixes the path.
    pub fn at(mut self, field: &str) -> Self {
        if self.path.is_empty() {
            self.path = field.to_owned();
        } else if self.path.starts_with('[') {
            self.path.insert_str(0, field);
        } else {
            self.path = format!("{field}.{}", self.path);
        }
        self
    }
}

impl From<ValueError> for RestError {
    fn from(error: ValueError) -> Self {
        RestError {
            path: error.path.trim_start_matches('.').to_owned(),
            message: format!("expected {}, got {}", error.expected, error.given),
        }
    }
}
