//! Integer fields with marshmallow's non-strict `fields.Integer` semantics,
//! alone or in a union with a data binding (`UnionField([Int, DataBindingStr])`).
//!
//! marshmallow calls Python's `int()` on the value: `1.9` loads as `1`,
//! `"60"` as `60`, `True` is refused. Python integers are unbounded; here
//! they are `i64`, and a value outside it is refused.

use std::fmt;

use serde::{Serialize, Serializer};

use super::binding::contains_binding;
use azml::Value;

/// marshmallow's message for a value that is not an integer.
pub const NOT_AN_INTEGER: &str = "Not a valid integer.";

/// Python `int(value)` for what YAML gives: an integer, a float (truncated
/// toward zero) or a numeric string (`" 60 "`, `"+1_000"`).
pub fn python_int(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64().or_else(|| {
            let f = n.as_f64()?;
            let t = f.trunc();
            // Exclusive upper bound: 2^63 itself is not an i64.
            (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0)
                .contains(&t)
                .then_some(t as i64)
        }),
        Value::String(s) => int_from_str(s),
        _ => None,
    }
}

/// Python's `int(str)`: surrounding whitespace, a sign, digits with single
/// underscores between them.
fn int_from_str(s: &str) -> Option<i64> {
    let s = s.trim();
    let (negative, digits) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
        || !digits.bytes().all(|b| b.is_ascii_digit() || b == b'_')
    {
        return None;
    }
    let clean: String = digits.chars().filter(|c| *c != '_').collect();
    let magnitude: i128 = clean.parse().ok()?;
    i64::try_from(if negative { -magnitude } else { magnitude }).ok()
}

/// An integer field that also takes a `${{...}}` binding (retry settings,
/// pipeline node thresholds).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum IntOrBinding {
    /// A number, as Python's `int()` read it.
    Int(i64),
    /// A string holding a data binding, kept verbatim.
    Binding(String),
}

impl IntOrBinding {
    /// Reads a YAML value as azure-ai-ml does, or gives the union's error.
    pub fn from_value(value: &Value) -> Result<Self, String> {
        if let Some(i) = python_int(value).filter(|_| !value.is_boolean()) {
            return Ok(IntOrBinding::Int(i));
        }
        match value {
            Value::String(s) if contains_binding(s) => Ok(IntOrBinding::Binding(s.clone())),
            Value::String(s) => Err(format!(
                "not an integer or a data binding: {s:?} (invalid literal for int(), and not a ${{{{...}}}} binding)"
            )),
            other => Err(format!(
                "{NOT_AN_INTEGER} Expected an integer or a ${{{{...}}}} binding, got {}",
                azml::validate::describe(other)
            )),
        }
    }

    /// The integer, when it is not a binding.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            IntOrBinding::Int(i) => Some(*i),
            IntOrBinding::Binding(_) => None,
        }
    }
}

impl From<i64> for IntOrBinding {
    fn from(value: i64) -> Self {
        IntOrBinding::Int(value)
    }
}

impl fmt::Display for IntOrBinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IntOrBinding::Int(i) => write!(f, "{i}"),
            IntOrBinding::Binding(s) => f.write_str(s),
        }
    }
}

impl Serialize for IntOrBinding {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            IntOrBinding::Int(i) => serializer.serialize_i64(*i),
            IntOrBinding::Binding(s) => serializer.serialize_str(s),
        }
    }
}

/// A standalone job's schema reads these fields as plain `fields.Int`: the
/// bindings a node may hold are refused there, with marshmallow's message
/// at `at/<key>` for each `(key, field)`.
pub fn refuse_bindings<'a>(
    at: &str,
    fields: impl IntoIterator<Item = (&'a str, Option<&'a IntOrBinding>)>,
    issues: &mut Vec<azml::validate::Issue>,
) {
    for (key, field) in fields {
        if let Some(IntOrBinding::Binding(_)) = field {
            issues.push(azml::validate::Issue::new(
                format!("{at}/{key}"),
                NOT_AN_INTEGER,
            ));
        }
    }
}

/// A marshmallow `fields.Integer` (non-strict): no bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct LenientInt(pub i64);

impl LenientInt {
    /// Reads a YAML value as marshmallow's `Integer` does.
    pub fn from_value(value: &Value) -> Result<Self, String> {
        match python_int(value) {
            Some(i) if !value.is_boolean() => Ok(LenientInt(i)),
            _ => Err(NOT_AN_INTEGER.to_owned()),
        }
    }
}

impl Serialize for LenientInt {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.0)
    }
}

super::value_type::read_with_from_value!(IntOrBinding);

super::value_type::read_with_from_value!(LenientInt, dict = "integer");

impl azml::DictValue for IntOrBinding {
    fn to_value(&self) -> Value {
        match self {
            IntOrBinding::Int(i) => Value::from(*i),
            IntOrBinding::Binding(s) => Value::String(s.clone()),
        }
    }
    fn from_value(value: Value) -> Result<Self, azml::ValueError> {
        IntOrBinding::from_value(&value)
            .map_err(|_| azml::ValueError::new(Self::expected(), &value))
    }
    fn expected() -> std::borrow::Cow<'static, str> {
        "integer or ${{...}} binding".into()
    }
}

impl azml::rest::RestAsDict for IntOrBinding {}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    // Python: int(1.9) == 1, int(-1.9) == -1, int(" 60 ") == 60,
    // int("1_000") == 1000; int("1.5"), int("1__0"), int("_1"), int("") raise.
    #[test]
    fn python_int_rules() {
        assert_eq!(python_int(&json!(3)), Some(3));
        assert_eq!(python_int(&json!(1.9)), Some(1));
        assert_eq!(python_int(&json!(-1.9)), Some(-1));
        assert_eq!(python_int(&json!(" 60 ")), Some(60));
        assert_eq!(python_int(&json!("+1_000")), Some(1000));
        assert_eq!(python_int(&json!("-7")), Some(-7));
        for bad in ["1.5", "1__0", "_1", "1_", "", "-", "abc", "0x10", "1e3"] {
            assert_eq!(python_int(&json!(bad)), None, "{bad}");
        }
        assert_eq!(python_int(&json!(1e300)), None);
        assert_eq!(python_int(&json!(null)), None);
    }

    #[test]
    fn int_or_binding() {
        assert_eq!(
            IntOrBinding::from_value(&json!("60")),
            Ok(IntOrBinding::Int(60))
        );
        assert_eq!(
            IntOrBinding::from_value(&json!(1.9)),
            Ok(IntOrBinding::Int(1))
        );
        assert_eq!(
            IntOrBinding::from_value(&json!("${{parent.inputs.t}}")),
            Ok(IntOrBinding::Binding("${{parent.inputs.t}}".into()))
        );
        assert!(IntOrBinding::from_value(&json!("abc")).is_err());
        assert!(IntOrBinding::from_value(&json!(true)).is_err());
        assert_eq!(
            serde_json::to_value(IntOrBinding::Int(3)).unwrap(),
            json!(3)
        );
        assert_eq!(LenientInt::from_value(&json!(1.5)), Ok(LenientInt(1)));
        assert_eq!(
            LenientInt::from_value(&json!(false)),
            Err(NOT_AN_INTEGER.into())
        );
    }
}
