//! A field's JSON form, for the REST forms and inheritance that work on
//! JSON values.

use azml::Value;

/// `value` as JSON (`null` for the rare value serde cannot write, such as
/// a map with non-string keys, which no generated field holds).
pub fn json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}
