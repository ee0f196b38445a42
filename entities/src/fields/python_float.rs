//! marshmallow's `fields.Float` (and `fields.Number`, which reads values
//! the same way): Python's `float()` of a number or of numeric text.

use serde::{Serialize, Serializer};

use azml::Value;

/// marshmallow's message for a value `float()` does not take.
pub const NOT_A_NUMBER: &str = "Not a valid number.";

/// A value of a `fields.Float`: a number, or text Python's `float()` reads
/// (`" 2 "`, `"1_000.5"`, `"1e-3"`); a boolean is refused, and so are NaN
/// and the infinities (`allow_nan=False`). Dumped as a float (`1` is `1.0`).
///
/// What Python stores may also be an integer that a constructor put there
/// as its default (`BanditPolicy(slack_factor=0)`): dumped as a float all
/// the same, but sent as the integer in a REST body ([`Self::stored`]).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PythonFloat {
    value: f64,
    int: bool,
}

impl PythonFloat {
    /// Reads a YAML value as the field does.
    ///
    /// # Errors
    /// marshmallow's message for what it refuses.
    pub fn from_value(value: &Value) -> Result<Self, String> {
        let parsed = match value {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => python_float(s),
            _ => None,
        };
        match parsed {
            Some(f) if f.is_finite() => Ok(PythonFloat {
                value: f,
                int: false,
            }),
            Some(_) => Err("Special numeric values (nan or infinity) are not permitted.".into()),
            None => Err(format!(
                "{NOT_A_NUMBER} Expected a number, got {}",
                azml::validate::describe(value)
            )),
        }
    }

    /// The integer a constructor stores as the field's default.
    pub fn stored_int(value: i64) -> Self {
        PythonFloat {
            value: value as f64,
            int: true,
        }
    }

    /// The value as a float.
    pub fn value(&self) -> f64 {
        self.value
    }

    /// The value as Python holds it, as a REST body sends it: the integer a
    /// constructor stored, else the float.
    pub fn stored(&self) -> Value {
        if self.int {
            Value::from(self.value as i64)
        } else {
            float(self.value)
        }
    }
}

/// A finite float as JSON.
fn float(value: f64) -> Value {
    serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number)
}

/// Python's `float(text)` for finite and special values: surrounding
/// whitespace, a sign, digits with single underscores between them, a
/// fraction, an exponent; `inf`, `infinity` and `nan` in any case.
fn python_float(text: &str) -> Option<f64> {
    let s = text.trim();
    let bytes = s.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'_' {
            let digit = |j: Option<usize>| {
                j.and_then(|j| bytes.get(j))
                    .is_some_and(|c| c.is_ascii_digit())
            };
            if !digit(i.checked_sub(1)) || !digit(Some(i + 1)) {
                return None;
            }
        }
    }
    let clean: String = s.chars().filter(|c| *c != '_').collect();
    let unsigned = clean.trim_start_matches(['+', '-']);
    let special = ["inf", "infinity", "nan"]
        .iter()
        .any(|w| unsigned.eq_ignore_ascii_case(w));
    let numeric = !unsigned.is_empty()
        && clean.len() - unsigned.len() <= 1
        && unsigned
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'));
    if special || numeric {
        clean.parse().ok()
    } else {
        None
    }
}

/// The dump: always a float.
impl Serialize for PythonFloat {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.value)
    }
}

super::value_type::read_with_from_value!(PythonFloat, dict = "number");

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    // What marshmallow's `fields.Float().deserialize` gives in azure-ai-ml
    // 1.35.2's environment for the same values.
    #[test]
    fn reads_as_marshmallow() {
        let read = |v: Value| PythonFloat::from_value(&v).map(|f| f.value());
        assert_eq!(read(json!(1)), Ok(1.0));
        assert_eq!(read(json!(0.5)), Ok(0.5));
        assert_eq!(read(json!(" 2 ")), Ok(2.0));
        assert_eq!(read(json!("1_000.5")), Ok(1000.5));
        assert_eq!(read(json!("-1e-3")), Ok(-0.001));
        assert_eq!(read(json!(".5")), Ok(0.5));
        assert!(read(json!(true)).is_err());
        assert!(read(json!("1__0")).is_err());
        assert!(read(json!("_1")).is_err());
        assert!(read(json!("0x10")).is_err());
        assert!(read(json!("e")).is_err());
        assert!(read(json!("")).is_err());
        assert!(read(json!("+-1")).is_err());
        let special = PythonFloat::from_value(&json!("NaN")).unwrap_err();
        assert!(special.starts_with("Special numeric values"));
        assert!(PythonFloat::from_value(&json!("-Infinity")).is_err());
        assert!(PythonFloat::from_value(&json!("1e400")).is_err());
    }

    #[test]
    fn dumps_a_float_and_sends_what_python_stores() {
        let read = PythonFloat::from_value(&json!(1)).unwrap();
        assert_eq!(serde_json::to_string(&read).unwrap(), "1.0");
        assert_eq!(read.stored().to_string(), "1.0");
        let default = PythonFloat::stored_int(0);
        assert_eq!(serde_json::to_string(&default).unwrap(), "0.0");
        assert_eq!(default.stored().to_string(), "0");
    }
}
