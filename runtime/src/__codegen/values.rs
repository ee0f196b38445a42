//! Enums as the schema lists them: strings read only as strings (never serde's
//! `{"variant": null}` map form), and values of any JSON type (`[null, "a", 700]`)
//! compared as JSON Schema compares them; a property that no value may have.

use super::Shape;
use crate::validate::Validator;
use ::serde::de::{Deserializer, Error, Unexpected, Visitor};
use ::serde_json::Value;
use ::std::fmt;

/// The value of a closed string enum: its wire string's index in `wire` picks
/// it from `values`; anything but a string is refused.
pub fn closed_enum<'de, D: Deserializer<'de>, T: Copy>(
    d: D,
    wire: &'static [&'static str],
    values: &[T],
) -> Result<T, D::Error> {
    struct Wire(&'static [&'static str]);
    impl Visitor<'_> for Wire {
        type Value = usize;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "one of {:?}", self.0)
        }
        fn visit_str<E: Error>(self, s: &str) -> Result<usize, E> {
            let found = self.0.iter().position(|w| *w == s);
            found.ok_or_else(|| E::unknown_variant(s, self.0))
        }
    }
    let i = d.deserialize_str(Wire(wire))?;
    values
        .get(i)
        .copied()
        .ok_or_else(|| D::Error::custom("enum"))
}

/// JSON Schema's equality: numbers by value (`700` is `700.0`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// The index of `value` among the JSON texts `texts`.
fn position(value: &Value, texts: &[&str]) -> Option<usize> {
    texts
        .iter()
        .position(|t| serde_json::from_str::<Value>(t).is_ok_and(|v| same(&v, value)))
}

/// The value of an enum of JSON values (given as JSON texts): the one equal to the input.
pub fn json_enum<'de, D: Deserializer<'de>, T: Copy>(
    d: D,
    texts: &[&str],
    values: &[T],
) -> Result<T, D::Error> {
    let value = <Value as ::serde::Deserialize>::deserialize(d)?;
    match position(&value, texts).and_then(|i| values.get(i)) {
        Some(v) => Ok(*v),
        None => Err(D::Error::invalid_value(
            Unexpected::Other(&value.to_string()),
            &texts.join(", ").as_str(),
        )),
    }
}

/// Writes a JSON text as the value it stands for (an enum value of any JSON type).
pub fn json_literal<S: ::serde::Serializer>(s: S, text: &str) -> Result<S::Ok, S::Error> {
    let value: Value = serde_json::from_str(text).map_err(::serde::ser::Error::custom)?;
    ::serde::Serialize::serialize(&value, s)
}

/// The validator of an enum of JSON values.
pub fn check_json_enum(cx: &mut Validator, value: &Value, texts: &[&str]) {
    if position(value, texts).is_none() {
        let list = texts.join(", ");
        cx.error(format!("expected one of {list}, got {value}"));
    }
}

/// A property the schema forbids (`false`): any value is refused.
pub const NEVER: Shape = Shape::Is(|_, cx| cx.error("not allowed here"));
