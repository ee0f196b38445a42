//! The [`Validator`]: the current JSON pointer and the issues collected so far.

use super::describe::describe;
use super::{escape_segment, Issue};
use serde_json::{Map, Value};

/// Walks a value: tracks the JSON pointer of the node being checked and collects issues.
#[derive(Debug, Default, Clone)]
pub struct Validator {
    pointer: String,
    issues: Vec<Issue>,
    /// Only whether the value passes matters (a union trying its members):
    /// issues are recorded without their text or place.
    quiet: bool,
}

impl Validator {
    /// A validator at the root (`""`) with no issues.
    pub fn new() -> Validator {
        Validator {
            // Room for the pointers of typical documents, allocated once.
            pointer: String::with_capacity(64),
            ..Validator::default()
        }
    }

    /// The JSON pointer of the node being checked.
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// The issues collected so far.
    pub fn issues(&self) -> &[Issue] {
        &self.issues
    }

    /// True while no issue has been recorded.
    pub fn is_clean(&self) -> bool {
        self.issues.is_empty()
    }

    /// The issues, in the order they were found.
    pub fn into_issues(self) -> Vec<Issue> {
        self.issues
    }

    /// Runs `f` on the member `key` of the current object, with the pointer moved to it.
    pub fn field(&mut self, key: &str, value: &Value, f: impl FnOnce(&Value, &mut Validator)) {
        if self.quiet {
            // No place is recorded: the pointer is not kept.
            return f(value, self);
        }
        let len = self.push(key);
        f(value, self);
        self.pointer.truncate(len);
    }

    /// Runs `f` on item `index` of the current array, with the pointer moved to it.
    pub fn index(&mut self, index: usize, value: &Value, f: impl FnOnce(&Value, &mut Validator)) {
        use std::fmt::Write;
        if self.quiet {
            return f(value, self);
        }
        let len = self.pointer.len();
        let _ = write!(self.pointer, "/{index}");
        f(value, self);
        self.pointer.truncate(len);
    }

    /// Records a problem with the current value.
    pub fn error(&mut self, message: impl Into<String>) {
        if self.quiet {
            self.issues.push(Issue::new(String::new(), String::new()));
        } else {
            self.issues.push(Issue::new(self.pointer.clone(), message));
        }
    }

    /// True while only pass or fail matters ([`Validator::passes`]): a check
    /// may then skip writing its message and call [`Validator::error`] with
    /// an empty one.
    pub fn is_quiet(&self) -> bool {
        self.quiet
    }

    /// Records a problem with the key `key` of the current object (e.g. `unknown field`).
    pub fn key_error(&mut self, key: &str, message: impl Into<String>) {
        if self.quiet {
            return self.error(String::new());
        }
        let len = self.push(key);
        self.issues
            .push(Issue::on_key(self.pointer.clone(), message.into()));
        self.pointer.truncate(len);
    }

    /// Records that the current object lacks the required member `key`. The issue's pointer
    /// names the missing member, so its field path says which one; a document position falls
    /// back to the object that lacks it.
    pub fn missing(&mut self, key: &str) {
        if self.quiet {
            return self.error(String::new());
        }
        let len = self.push(key);
        self.issues
            .push(Issue::new(self.pointer.clone(), "missing required field"));
        self.pointer.truncate(len);
    }

    /// Records `expected <what>, got <the value>`.
    pub fn expected(&mut self, what: &str, got: &Value) {
        if self.quiet {
            return self.error(String::new());
        }
        self.error(format!("expected {what}, got {}", describe(got)));
    }

    /// The current value as an object, or `None` after recording `expected object, …`.
    pub fn expect_object<'v>(&mut self, value: &'v Value) -> Option<&'v Map<String, Value>> {
        match value {
            Value::Object(m) => Some(m),
            other => {
                self.expected("object", other);
                None
            }
        }
    }

    /// The current value as a string, or `None` after recording `expected string, …`.
    pub fn expect_str<'v>(&mut self, value: &'v Value) -> Option<&'v str> {
        match value {
            Value::String(s) => Some(s),
            other => {
                self.expected("string", other);
                None
            }
        }
    }

    /// Runs `f` on a scratch validator at the same pointer and returns its issues, without
    /// recording them here (for unions that try each member).
    pub fn trial(&self, value: &Value, f: impl FnOnce(&Value, &mut Validator)) -> Vec<Issue> {
        let mut scratch = Validator {
            pointer: self.pointer.clone(),
            issues: Vec::new(),
            quiet: self.quiet,
        };
        f(value, &mut scratch);
        scratch.issues
    }

    /// Whether `f` finds no issue in `value`, found without writing any
    /// message (the cheap first pass of a union over its members).
    pub fn passes(&self, value: &Value, f: impl FnOnce(&Value, &mut Validator)) -> bool {
        let mut scratch = Validator {
            pointer: String::new(),
            issues: Vec::new(),
            quiet: true,
        };
        f(value, &mut scratch);
        scratch.issues.is_empty()
    }

    /// Records issues found elsewhere (e.g. by [`Validator::trial`]).
    pub fn extend(&mut self, issues: impl IntoIterator<Item = Issue>) {
        self.issues.extend(issues);
    }

    fn push(&mut self, key: &str) -> usize {
        let len = self.pointer.len();
        self.pointer.push('/');
        self.pointer.push_str(&escape_segment(key));
        len
    }
}
