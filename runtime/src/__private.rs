//! Support for code that the derives generate. Not a public API: it changes
//! with the derive crate, which is pinned to this crate's exact version.

pub use azml_pyio::py_repr::write_dict;
pub use serde;
pub use serde_json;

use crate::{DictError, DictValue, Value, ValueError};

/// Converts `value` for field `key`, naming the key on error.
#[inline]
pub fn convert<T: DictValue>(key: &str, value: Value) -> Result<T, DictError> {
    T::from_value(value).map_err(|error| DictError::WrongType {
        key: key.to_owned(),
        error,
    })
}

/// The empty value of a field for `remove`, or the `Required` error.
#[inline]
pub fn null_of<T: DictValue>(key: &str) -> Result<T, DictError> {
    T::null().ok_or_else(|| DictError::Required {
        key: key.to_owned(),
    })
}

/// A field of a dict built from a value: given, else its empty value, else missing.
#[inline]
pub fn field_or_null<T: DictValue>(key: &str, given: Option<T>) -> Result<T, ValueError> {
    match given {
        Some(v) => Ok(v),
        None => T::null().ok_or_else(|| ValueError {
            path: format!(".{key}"),
            expected: format!("required key '{key}'"),
            given: "nothing".to_owned(),
        }),
    }
}

/// Reads a `#[dict(serde)]` field through serde.
pub fn serde_to_value<T: serde::Serialize>(field: &T) -> Value {
    serde_json::to_value(field).unwrap_or(Value::Null)
}

/// Writes a `#[dict(serde)]` field through serde.
pub fn serde_from_value<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, ValueError> {
    serde_json::from_value::<T>(value.clone()).map_err(|e| ValueError {
        path: String::new(),
        expected: format!("{} ({e})", std::any::type_name::<T>()),
        given: crate::error::describe(&value),
    })
}

/// Converts a `#[dict(serde)]` field for `key`, naming the key on error.
pub fn serde_convert<T: serde::de::DeserializeOwned>(
    key: &str,
    value: Value,
) -> Result<T, DictError> {
    serde_from_value(value).map_err(|error| DictError::WrongType {
        key: key.to_owned(),
        error,
    })
}

/// The empty value of a `#[dict(serde)]` field for `remove`: what serde reads
/// from null, or the `Required` error.
pub fn serde_null<T: serde::de::DeserializeOwned>(key: &str) -> Result<T, DictError> {
    serde_json::from_value(Value::Null).map_err(|_| DictError::Required {
        key: key.to_owned(),
    })
}

/// A `#[dict(serde)]` field of a dict built from a value.
pub fn serde_field_or_null<T: serde::de::DeserializeOwned>(
    key: &str,
    given: Option<T>,
) -> Result<T, ValueError> {
    match given {
        Some(v) => Ok(v),
        None => serde_json::from_value(Value::Null).map_err(|_| ValueError {
            path: format!(".{key}"),
            expected: format!("required key '{key}'"),
            given: "nothing".to_owned(),
        }),
    }
}

/// Names a JSON value's kind for error messages.
pub fn describe(value: &Value) -> String {
    crate::error::describe(value)
}

/// Adds a dumped field to a dict being built, unless it is `None`.
#[inline]
pub fn dump_field(map: &mut serde_json::Map<String, Value>, key: &str, value: Value) {
    if !value.is_null() {
        map.insert(key.to_owned(), value);
    }
}

/// A `#[rest(json_string)]` field's REST form: the text of Python's
/// `json.dumps(value)` when the value is truthy (not `None`, not empty),
/// the value itself otherwise (`if self.partition_keys: json.dumps(...)`).
pub fn json_string(value: Value) -> Value {
    let truthy = match &value {
        Value::Null => false,
        Value::Array(items) => !items.is_empty(),
        Value::Object(map) => !map.is_empty(),
        _ => true,
    };
    if truthy {
        Value::String(azml_pyio::python_json::dumps(&value, false))
    } else {
        value
    }
}

/// A `#[rest(json_string)]` field read back: JSON text decoded, anything
/// else as it is.
///
/// # Errors
/// When the text is not JSON.
pub fn json_unstring(value: Value) -> Result<Value, crate::RestError> {
    match value {
        Value::String(text) => {
            serde_json::from_str(&text).map_err(|e| crate::RestError::new(e.to_string()))
        }
        other => Ok(other),
    }
}

/// A value of an enum's newtype variants, tried in order as serde's
/// `untagged` tries them; the errors of every variant when none fits.
pub fn no_variant(expected: &str, value: &Value) -> ValueError {
    ValueError {
        path: String::new(),
        expected: expected.to_owned(),
        given: crate::error::describe(value),
    }
}

/// A `#[rest(dict)]` field's REST form: its dict form.
///
/// # Errors
/// Never; the signature fits the derive's conversions.
#[inline]
pub fn rest_as_dict<T: DictValue>(field: &T) -> Result<Value, crate::RestError> {
    Ok(field.to_dict_value())
}

/// A `#[rest(dict)]` field read back from its dict form.
///
/// # Errors
/// When the value does not fit the field.
#[inline]
pub fn rest_from_dict<T: DictValue>(rest: Value) -> Result<T, crate::RestError> {
    T::from_value(rest).map_err(crate::RestError::from)
}

/// A `#[rest(serde)]` field's REST form: its serde serialization.
///
/// # Errors
/// When serde fails to serialize it.
pub fn rest_via_serde<T: serde::Serialize>(field: &T) -> Result<Value, crate::RestError> {
    serde_json::to_value(field).map_err(|e| crate::RestError::new(e.to_string()))
}

/// A `#[rest(serde)]` field read back through serde.
///
/// # Errors
/// When the value does not deserialize.
pub fn rest_from_serde<T: serde::de::DeserializeOwned>(rest: Value) -> Result<T, crate::RestError> {
    serde_json::from_value(rest).map_err(|e| crate::RestError::new(e.to_string()))
}
