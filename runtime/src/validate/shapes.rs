//! The shapes generated code checks through one call each: closed enums, tagged unions, and
//! the report of an untagged union no member accepted.

use super::describe::quoted;
use super::{Issue, Validator};
use serde_json::Value;

/// A validation function, as generated code passes them: `<T as Validate>::validate` or a
/// closure without captures.
pub type ValidateFn = fn(&Value, &mut Validator);

impl Validator {
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
