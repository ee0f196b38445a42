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
