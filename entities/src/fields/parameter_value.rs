//! The `default`, `min` and `max` of a component's parameter input.
//!
//! azure-ai-ml reads them with marshmallow (`UnionField([Str, Number, Bool])`
//! for a default, `[Str, Number]` for a bound: a YAML number always arrives as
//! a Python `float`), then `Input` converts them to the input's type
//! (`Input._update_default`, `Input._normalize_self_properties`), and the
//! component's dict holds Python's `str()` of the result: `false` becomes
//! `"False"`, an integer input's `1.5` becomes `"1"`, a number input's `1`
//! becomes `"1.0"`, a string input's `5` becomes `"5.0"`.

use serde::{Serialize, Serializer};

use crate::generated::ParameterType;
use azml::Value;
use azml_pyio::py_repr::float_repr;

/// A parameter value as Python holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum ParameterValue {
    /// A `str`.
    Str(String),
    /// An `int` (Python's are unbounded; here 128 bits).
    Int(i128),
    /// A `float`.
    Float(f64),
    /// A `bool`.
    Bool(bool),
}

impl Default for ParameterValue {
    fn default() -> Self {
        ParameterValue::Str(String::new())
    }
}

impl ParameterValue {
    /// Reads a YAML value as marshmallow's union does: text stays text, a
    /// boolean stays a boolean, any number becomes a float.
    pub fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::String(s) => Ok(ParameterValue::Str(s.clone())),
            Value::Bool(b) => Ok(ParameterValue::Bool(*b)),
            Value::Number(n) => n
                .as_f64()
                .map(ParameterValue::Float)
                .ok_or_else(|| "Not a valid number.".to_owned()),
            other => Err(format!(
                "Not a valid string, number or boolean: {}",
                azml::validate::describe(other)
            )),
        }
    }

    /// Python's `str()` of the value.
    pub fn python_str(&self) -> String {
        match self {
            ParameterValue::Str(s) => s.clone(),
            ParameterValue::Int(i) => i.to_string(),
            ParameterValue::Float(f) => float_repr(*f),
            ParameterValue::Bool(b) => if *b { "True" } else { "False" }.to_owned(),
        }
    }

    /// `Input._update_default`: the default converted to the input's type.
    ///
    /// # Errors
    /// Python's message when the value cannot be converted.
    pub fn to_default_of(&self, ty: ParameterType) -> Result<Self, String> {
        use ParameterValue::*;
        let cannot = || {
            let (text, class) = match self {
                Str(s) => (s.clone(), "str"),
                Int(_) => (self.python_str(), "int"),
                Float(_) => (self.python_str(), "float"),
                Bool(_) => (self.python_str(), "bool"),
            };
            format!(
                "Default value of Input cannot be parsed, got '{text}', type = <class '{class}'>."
            )
        };
        match (ty, self) {
            // isinstance(True, int) holds in Python: a boolean default of an
            // integer input is kept.
            (ParameterType::Integer, Int(_) | Bool(_)) => Ok(self.clone()),
            (ParameterType::Integer, _) => self.to_int().map(Int).ok_or_else(cannot),
            (ParameterType::Number, Float(_)) => Ok(self.clone()),
            (ParameterType::Number, _) => self.to_float().map(Float).ok_or_else(cannot),
            (ParameterType::Boolean, Bool(_)) => Ok(self.clone()),
            (ParameterType::Boolean, _) => match self.python_str().to_lowercase().as_str() {
                "true" => Ok(Bool(true)),
                "false" => Ok(Bool(false)),
                _ => Err(format!(
                    "Boolean parameter 'None' only accept True/False, got {}.",
                    self.python_str()
                )),
            },
            (ParameterType::String, Str(_)) => Ok(self.clone()),
            (ParameterType::String, _) => Ok(Str(self.python_str())),
        }
    }

    /// `Input._normalize_self_properties` for `min` and `max`.
    ///
    /// # Errors
    /// Python's message when the value cannot be converted.
    pub fn to_bound_of(&self, ty: ParameterType) -> Result<Self, String> {
        let failed = || format!("could not convert to a number: '{}'", self.python_str());
        match ty {
            ParameterType::Integer => self.to_int().map(ParameterValue::Int).ok_or_else(failed),
            ParameterType::Number => self
                .to_float()
                .map(ParameterValue::Float)
                .ok_or_else(failed),
            ParameterType::Boolean => Ok(ParameterValue::Bool(
                self.python_str().to_lowercase() == "true",
            )),
            ParameterType::String => Ok(self.clone()),
        }
    }

    /// Python `float(value)`.
    fn to_float(&self) -> Option<f64> {
        match self {
            ParameterValue::Str(s) => python_float(s),
            ParameterValue::Int(i) => Some(*i as f64),
            ParameterValue::Float(f) => Some(*f),
            ParameterValue::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
        }
    }

    /// Python `int(float(value))`: `OverflowError`/`ValueError` for
    /// infinities and NaN.
    fn to_int(&self) -> Option<i128> {
        if let ParameterValue::Int(i) = self {
            return Some(*i);
        }
        let f = self.to_float()?.trunc();
        // 2^127 is the first float outside i128.
        (f.is_finite() && f.abs() < 1.701_411_834_604_692_3e38).then_some(f as i128)
    }
}

/// Python's `float(str)`: surrounding whitespace, `_` between digits,
/// `inf`/`nan` in any case.
pub fn python_float(text: &str) -> Option<f64> {
    let s = text.trim();
    if s.contains('_') {
        let bytes = s.as_bytes();
        let ok = bytes.iter().enumerate().all(|(i, b)| {
            *b != b'_'
                || (i > 0
                    && i + 1 < bytes.len()
                    && bytes[i - 1].is_ascii_digit()
                    && bytes[i + 1].is_ascii_digit())
        });
        if !ok {
            return None;
        }
        return s.replace('_', "").parse().ok();
    }
    s.parse().ok()
}

/// Dumped as Python's `str()` of the value, as azure-ai-ml's component dict holds it.
impl Serialize for ParameterValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.python_str())
    }
}

super::value_type::read_with_from_value!(ParameterValue);

/// The stored attribute is the typed value Python holds (`120`, `0.5`,
/// `False`); the dump is its `str()`.
impl azml::DictValue for ParameterValue {
    fn to_value(&self) -> Value {
        match self {
            ParameterValue::Str(s) => Value::String(s.clone()),
            ParameterValue::Int(i) => {
                i64::try_from(*i).map_or_else(|_| Value::String(i.to_string()), Value::from)
            }
            ParameterValue::Float(f) => {
                serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number)
            }
            ParameterValue::Bool(b) => Value::Bool(*b),
        }
    }
    fn from_value(value: Value) -> Result<Self, azml::ValueError> {
        ParameterValue::from_value(&value)
            .map_err(|_| azml::ValueError::new(Self::expected(), &value))
    }
    fn expected() -> std::borrow::Cow<'static, str> {
        "string, number or boolean".into()
    }
    fn to_dict_value(&self) -> Value {
        Value::String(self.python_str())
    }
}

impl azml::rest::RestAsDict for ParameterValue {}

#[cfg(test)]
mod tests {
    use super::{python_float, ParameterValue as P};
    use crate::generated::ParameterType as T;

    // Each case is what azure-ai-ml 1.35.2 dumps for a component input
    // (goldens component/inputs_all_types, input_default_coercions, input_number_big).
    #[test]
    fn defaults_convert_as_python_does() {
        let dump = |v: P, t| v.to_default_of(t).unwrap().python_str();
        assert_eq!(dump(P::Float(1.5), T::Integer), "1");
        assert_eq!(dump(P::Str("7".into()), T::Integer), "7");
        assert_eq!(dump(P::Float(1.0), T::Number), "1.0");
        assert_eq!(dump(P::Float(1e-7), T::Number), "1e-07");
        assert_eq!(dump(P::Float(5.0), T::String), "5.0");
        assert_eq!(dump(P::Str("true".into()), T::Boolean), "True");
        assert_eq!(dump(P::Bool(false), T::Boolean), "False");
        assert_eq!(dump(P::Bool(true), T::Integer), "True");
        assert!(P::Float(1.0).to_default_of(T::Boolean).is_err());
        assert!(P::Str("abc".into()).to_default_of(T::Integer).is_err());
        assert!(P::Str("inf".into()).to_default_of(T::Integer).is_err());
    }

    #[test]
    fn bounds_convert_as_python_does() {
        let dump = |v: P, t| v.to_bound_of(t).unwrap().python_str();
        assert_eq!(dump(P::Float(0.5), T::Integer), "0");
        assert_eq!(dump(P::Str("10".into()), T::Integer), "10");
        assert_eq!(dump(P::Float(0.0), T::Number), "0.0");
        assert_eq!(
            dump(P::Float(12345678901234567890.0), T::Number),
            "1.2345678901234567e+19"
        );
        assert_eq!(dump(P::Str("2.5".into()), T::Number), "2.5");
    }

    #[test]
    fn python_float_text() {
        assert_eq!(python_float(" 1_000.5 "), Some(1000.5));
        assert_eq!(python_float("1e3"), Some(1000.0));
        assert_eq!(python_float("1__0"), None);
        assert_eq!(python_float("_1"), None);
        assert!(python_float("NaN").unwrap().is_nan());
        assert_eq!(python_float("abc"), None);
    }
}
