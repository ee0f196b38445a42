//! The shapes generated code checks through one call each: objects with declared fields,
//! closed enums, tagged and untagged unions.

use super::describe::quoted;
use super::{Issue, Validator};
use serde_json::Value;

/// A validation function, as generated code passes them: `<T as Validate>::validate` or a
/// closure without captures.
pub type ValidateFn = fn(&Value, &mut Validator);

/// One declared field of an object.
#[derive(Clone, Copy)]
pub struct FieldSpec {
    /// The JSON key.
    pub key: &'static str,
    /// Must be present.
    pub required: bool,
    /// Checks the member's value.
    pub check: ValidateFn,
}

impl FieldSpec {
    /// A field that must be present.
    pub const fn required(key: &'static str, check: ValidateFn) -> FieldSpec {
        FieldSpec {
            key,
            required: true,
            check,
        }
    }

    /// A field that may be absent.
    pub const fn optional(key: &'static str, check: ValidateFn) -> FieldSpec {
        FieldSpec {
            key,
            required: false,
            check,
        }
    }
}

/// What to do with members that are not declared fields.
#[derive(Clone, Copy)]
pub enum Unknown {
    /// Accept them unchecked.
    Allow,
    /// Each one is an `unknown field` issue on its key (`additionalProperties: false`).
    Deny,
    /// Check each one's value (a typed `additionalProperties`).
    Check(ValidateFn),
}

impl Validator {
    /// Checks an object: its declared fields, the required ones, and the others.
    pub fn object(&mut self, value: &Value, fields: &[FieldSpec], unknown: Unknown) {
        let Some(map) = self.expect_object(value) else {
            return;
        };
        for (key, v) in map {
            match fields.iter().find(|f| f.key == key) {
                Some(f) => self.field(key, v, f.check),
                None => match unknown {
                    Unknown::Allow => {}
                    Unknown::Deny => self.key_error(key, "unknown field"),
                    Unknown::Check(check) => self.field(key, v, check),
                },
            }
        }
        for f in fields.iter().filter(|f| f.required) {
            if !map.contains_key(f.key) {
                self.missing(f.key);
            }
        }
    }

    /// Checks a closed string enum: one of `allowed`.
    pub fn one_of(&mut self, value: &Value, allowed: &[&str]) {
        let Some(s) = self.expect_str(value) else {
            return;
        };
        if !allowed.contains(&s) && self.is_quiet() {
            self.error(String::new());
        } else if !allowed.contains(&s) {
            let list: Vec<String> = allowed.iter().map(|a| quoted(a)).collect();
            self.error(format!(
                "expected one of {}, got {}",
                list.join(", "),
                quoted(s)
            ));
        }
    }

    /// Checks a tagged union: an object whose string member `tag` picks the variant. An
    /// unknown tag is accepted, as the union keeps it in its catch-all variant.
    pub fn tagged(&mut self, value: &Value, tag: &str, variants: &[(&str, ValidateFn)]) {
        let Some(map) = self.expect_object(value) else {
            return;
        };
        let Some(t) = map.get(tag) else {
            self.missing(tag);
            return;
        };
        let Value::String(t) = t else {
            self.field(tag, t, |t, cx| cx.expected("string", t));
            return;
        };
        if let Some((_, check)) = variants.iter().find(|(v, _)| v == t) {
            check(value, self);
        }
    }

    /// Checks an untagged union: accepted when one member validates cleanly; otherwise one
    /// issue listing what was expected (`members`: a short name and a check for each).
    pub fn any_of(&mut self, value: &Value, members: &[(&str, ValidateFn)]) {
        if members.iter().any(|(_, check)| self.passes(value, *check)) {
            return;
        }
        if self.is_quiet() {
            return self.error(String::new());
        }
        // Every member failed: again, with the messages the report needs.
        let trials = members
            .iter()
            .map(|(_, check)| self.trial(value, *check))
            .collect();
        let names: Vec<&str> = members.iter().map(|(n, _)| *n).collect();
        self.union_failed(value, &names, trials);
    }

    /// Reports an untagged union that no member accepted, given each member's
    /// issues (in member order): when the value has the shape of exactly one
    /// member best (its problems all lie inside the value, and it has the
    /// fewest), that member's problems say more than "expected one of".
    pub fn union_failed(&mut self, value: &Value, names: &[&str], trials: Vec<Vec<Issue>>) {
        let inside = format!("{}/", self.pointer());
        let mut fitting: Vec<&Vec<Issue>> = trials
            .iter()
            .filter(|issues| issues.iter().all(|i| i.pointer.starts_with(&inside)))
            .collect();
        fitting.sort_by_key(|issues| issues.len());
        let best = match fitting.as_slice() {
            [best] => Some(*best),
            [best, next, ..] if best.len() < next.len() => Some(*best),
            _ => None,
        };
        match best {
            Some(best) => self.extend(best.iter().cloned()),
            None => self.expected(&format!("one of [{}]", names.join(", ")), value),
        }
    }
}
