//! The JSON Schema keywords that validators check beside the type: `pattern`,
//! `minimum`/`maximum` (draft-04 boolean and draft-06 numeric exclusive forms),
//! `minLength`/`maxLength`, `minItems`/`maxItems`, `const`, and the same inside inline
//! `items` and `additionalProperties`. Patterns are compiled here with `regex-lite`, the
//! runtime's engine, so the generated code only holds patterns that compile.

use crate::ir::Checks;
use crate::load::Loc;
use serde_json::{Map, Value};

/// Deepest `items`/`additionalProperties` nesting followed.
const MAX_DEPTH: usize = 16;

/// The checks of schema `s` at `loc`, or `None` when it has none. Problems (a pattern the
/// runtime cannot compile, a bound of the wrong type) are pushed to `problems` and the
/// keyword is skipped.
pub fn of(
    loc: &Loc,
    s: &Map<String, Value>,
    problems: &mut Vec<(Loc, String)>,
) -> Option<Box<Checks>> {
    of_depth(loc, s, problems, 0)
}

fn of_depth(
    loc: &Loc,
    s: &Map<String, Value>,
    problems: &mut Vec<(Loc, String)>,
    depth: usize,
) -> Option<Box<Checks>> {
    if depth > MAX_DEPTH || s.contains_key("$ref") {
        return None;
    }
    let mut c = Checks::default();
    if let Some(p) = s.get("pattern") {
        match p.as_str() {
            Some(p) => match regex_lite::Regex::new(p).err() {
                None => c.pattern = Some(p.to_string()),
                Some(e) => problems.push((
                    loc.child("pattern"),
                    format!("pattern not supported by the validator, not checked: {e}"),
                )),
            },
            None => problems.push((
                loc.child("pattern"),
                "pattern is not a string; ignored".into(),
            )),
        }
    }
    let mut count = |key: &str| match s.get(key) {
        None => None,
        Some(v) => {
            let n = v.as_u64().or_else(|| {
                v.as_f64()
                    .filter(|f| *f >= 0.0 && f.fract() == 0.0)
                    .map(|f| f as u64)
            });
            if n.is_none() {
                problems.push((loc.child(key), format!("{key} is not a count; ignored")));
            }
            n
        }
    };
    c.min_length = count("minLength");
    c.max_length = count("maxLength");
    c.min_items = count("minItems");
    c.max_items = count("maxItems");
    let mut bound = |key: &str| match s.get(key) {
        None => None,
        Some(v) => {
            let n = v.as_f64().filter(|f| f.is_finite());
            if n.is_none() && !v.is_boolean() {
                problems.push((loc.child(key), format!("{key} is not a number; ignored")));
            }
            n
        }
    };
    c.minimum = bound("minimum");
    c.maximum = bound("maximum");
    // Draft-04: `exclusiveMinimum: true` modifies `minimum`; draft-06+: it is the bound.
    match s.get("exclusiveMinimum") {
        Some(Value::Bool(b)) => c.exclusive_minimum = *b && c.minimum.is_some(),
        Some(_) => {
            if let Some(x) = bound("exclusiveMinimum") {
                c.minimum = Some(c.minimum.map_or(x, |m| m.max(x)));
                c.exclusive_minimum = c.minimum == Some(x);
            }
        }
        None => {}
    }
    match s.get("exclusiveMaximum") {
        Some(Value::Bool(b)) => c.exclusive_maximum = *b && c.maximum.is_some(),
        Some(_) => {
            if let Some(x) = bound("exclusiveMaximum") {
                c.maximum = Some(c.maximum.map_or(x, |m| m.min(x)));
                c.exclusive_maximum = c.maximum == Some(x);
            }
        }
        None => {}
    }
    c.constant = s.get("const").cloned();
    if let Some(Value::Object(items)) = s.get("items") {
        c.items = of_depth(&loc.child("items"), items, problems, depth + 1);
    }
    if let Some(Value::Object(values)) = s.get("additionalProperties") {
        c.values = of_depth(
            &loc.child("additionalProperties"),
            values,
            problems,
            depth + 1,
        );
    }
    (c != Checks::default()).then(|| Box::new(c))
}
