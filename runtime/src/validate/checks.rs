//! JSON Schema keywords checked beside the type: `pattern`, `minimum`/`maximum` (and their
//! exclusive forms), `minLength`/`maxLength`, `minItems`/`maxItems`, `const`.
//!
//! Generated code declares them as `static`s ([`Checks`] and [`Pattern`] are built in const
//! context), so a pattern is compiled once, on first use.

use super::describe::describe;
use super::literal::Required;
use super::simple_pattern::SimplePattern;
use super::{Validate, Validator};
use serde_json::Value;
use std::sync::OnceLock;

/// A regular expression (`regex-lite` syntax), compiled on first use. JSON Schema patterns
/// are not anchored: a match anywhere in the string is enough.
#[derive(Debug)]
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Result<Compiled, String>>,
}

/// A compiled pattern and the literal text its matches need.
#[derive(Debug)]
struct Compiled {
    regex: regex_lite::Regex,
    required: Required,
    simple: Option<SimplePattern>,
}

impl Pattern {
    /// A pattern from its source text.
    pub const fn new(source: &'static str) -> Pattern {
        Pattern {
            source,
            compiled: OnceLock::new(),
        }
    }

    /// The source text.
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// Whether `s` matches; `Err` with the reason when the pattern does not compile.
    pub fn is_match(&self, s: &str) -> Result<bool, &str> {
        let compiled = self.compiled.get_or_init(|| {
            regex_lite::Regex::new(self.source)
                .map(|regex| Compiled {
                    regex,
                    required: Required::of(self.source),
                    simple: SimplePattern::parse(self.source),
                })
                .map_err(|e| e.to_string())
        });
        match compiled {
            Ok(c) => Ok(c.required.decide(s).unwrap_or_else(|| match &c.simple {
                Some(simple) => simple.is_match(s),
                None => c.regex.is_match(s),
            })),
            Err(e) => Err(e),
        }
    }
}

/// Why `source` is not a pattern the validator can use, or `None` when it is (for the
/// generator, which checks spec patterns before emitting them).
pub fn pattern_error(source: &str) -> Option<String> {
    regex_lite::Regex::new(source).err().map(|e| e.to_string())
}

/// The keyword checks of one schema; `None`/`false` fields check nothing. Checks only apply
/// to values of their JSON kind (`pattern` to strings, `minimum` to numbers, …), so a value of
/// the wrong kind gets one issue, from its type.
#[derive(Debug, Clone, Copy)]
pub struct Checks {
    /// `pattern`.
    pub pattern: Option<&'static Pattern>,
    /// `minLength`, in characters.
    pub min_length: Option<u64>,
    /// `maxLength`, in characters.
    pub max_length: Option<u64>,
    /// `minimum` (or the draft-06 `exclusiveMinimum` number, with `exclusive_minimum`).
    pub minimum: Option<f64>,
    /// The minimum itself is not allowed.
    pub exclusive_minimum: bool,
    /// `maximum` (or the draft-06 `exclusiveMaximum` number, with `exclusive_maximum`).
    pub maximum: Option<f64>,
    /// The maximum itself is not allowed.
    pub exclusive_maximum: bool,
    /// `minItems`.
    pub min_items: Option<u64>,
    /// `maxItems`.
    pub max_items: Option<u64>,
    /// `const`, as JSON text.
    pub constant: Option<&'static str>,
    /// Checks for every item of an array.
    pub items: Option<&'static Checks>,
    /// Checks for every member value of an object.
    pub values: Option<&'static Checks>,
}

impl Checks {
    /// No checks; the base of generated `Checks { pattern: …, ..Checks::NONE }`.
    pub const NONE: Checks = Checks {
        pattern: None,
        min_length: None,
        max_length: None,
        minimum: None,
        exclusive_minimum: false,
        maximum: None,
        exclusive_maximum: false,
        min_items: None,
        max_items: None,
        constant: None,
        items: None,
        values: None,
    };

    /// Checks `value`, recording issues in `cx`.
    pub fn apply(&self, value: &Value, cx: &mut Validator) {
        if let Some(c) = self.constant {
            check_const(value, c, cx);
        }
        match value {
            Value::String(s) => self.string(s, cx),
            Value::Number(n) => {
                if let Some(x) = n.as_f64() {
                    self.number(x, value, cx);
                }
            }
            Value::Array(items) => {
                count("item", items.len(), self.min_items, self.max_items, cx);
                if let Some(each) = self.items {
                    for (i, item) in items.iter().enumerate() {
                        cx.index(i, item, |v, cx| each.apply(v, cx));
                    }
                }
            }
            Value::Object(map) => {
                if let Some(each) = self.values {
                    for (k, v) in map {
                        cx.field(k, v, |v, cx| each.apply(v, cx));
                    }
                }
            }
            _ => {}
        }
    }

    fn string(&self, s: &str, cx: &mut Validator) {
        if self.min_length.is_some() || self.max_length.is_some() {
            let n = s.chars().count();
            count("character", n, self.min_length, self.max_length, cx);
        }
        if let Some(p) = self.pattern {
            match p.is_match(s) {
                Ok(true) => {}
                Ok(false) => cx.error(format!(
                    "does not match the pattern {}",
                    serde_json::Value::from(p.source())
                )),
                Err(e) => cx.error(format!("the schema's pattern does not compile: {e}")),
            }
        }
    }

    fn number(&self, x: f64, value: &Value, cx: &mut Validator) {
        if let Some(min) = self.minimum {
            let (bad, op) = if self.exclusive_minimum {
                (x <= min, ">")
            } else {
                (x < min, ">=")
            };
            if bad {
                cx.error(format!(
                    "expected a number {op} {}, got {}",
                    Num(min),
                    describe(value)
                ));
            }
        }
        if let Some(max) = self.maximum {
            let (bad, op) = if self.exclusive_maximum {
                (x >= max, "<")
            } else {
                (x > max, "<=")
            };
            if bad {
                cx.error(format!(
                    "expected a number {op} {}, got {}",
                    Num(max),
                    describe(value)
                ));
            }
        }
    }
}

/// Validates `value` as a `T`, then applies `checks`, unless the value itself already has an
/// issue (an integer out of `i32` range is not also reported as above a `maximum`). Issues
/// deeper down (one bad array item) do not stop the checks.
pub fn checked<T: Validate>(value: &Value, cx: &mut Validator, checks: &[&Checks]) {
    let before = cx.issues().len();
    T::validate(value, cx);
    let here = cx.pointer();
    if cx.issues().iter().skip(before).any(|i| i.pointer == here) {
        return;
    }
    for c in checks {
        c.apply(value, cx);
    }
}

/// A bound shown without a useless `.0`.
struct Num(f64);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.fract() == 0.0 && self.0.abs() < 1e15 {
            write!(f, "{}", self.0 as i64)
        } else {
            write!(f, "{}", self.0)
        }
    }
}

/// Checks a count of `what`s (characters, items) against its bounds.
fn count(what: &str, n: usize, min: Option<u64>, max: Option<u64>, cx: &mut Validator) {
    let n = n as u64;
    let plural = |k: u64| if k == 1 { "" } else { "s" };
    if let Some(min) = min.filter(|m| n < *m) {
        cx.error(format!(
            "expected at least {min} {what}{}, got {n}",
            plural(min)
        ));
    }
    if let Some(max) = max.filter(|m| n > *m) {
        cx.error(format!(
            "expected at most {max} {what}{}, got {n}",
            plural(max)
        ));
    }
}

/// Checks that `value` equals the JSON text `constant` (numbers compare by value).
fn check_const(value: &Value, constant: &str, cx: &mut Validator) {
    let Ok(want) = serde_json::from_str::<Value>(constant) else {
        cx.error("the schema's const is not valid JSON");
        return;
    };
    let same = match (&want, value) {
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        (a, b) => a == b,
    };
    if !same {
        cx.error(format!("expected {constant}, got {}", describe(value)));
    }
}
