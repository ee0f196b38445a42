//! Conversion of field types to and from the dynamic [`Value`].

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;
use std::path::PathBuf;

use crate::{Value, ValueError};

/// A type that a dict view can read as a [`Value`] and write from one.
///
/// Implemented for scalars, `String`, `Option`, `Vec`, `Box`, string-keyed
/// maps, [`Value`] itself, and every struct that derives `DictMixin` (as a
/// dict of its items). For other types (an enum, a foreign type), mark the
/// field `#[dict(serde)]` to convert it through serde instead, or implement
/// this trait.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be read and written as a dict value",
    label = "field type without a `DictValue` conversion",
    note = "mark the field `#[dict(serde)]` to convert it through serde, derive `DictMixin` on it, or implement `azml::DictValue`"
)]
pub trait DictValue: Sized {
    /// The value as the dict view shows it.
    fn to_value(&self) -> Value;

    /// Builds the field from a value given to `set` or `update`.
    ///
    /// # Errors
    /// A [`ValueError`] naming what was expected and what was given.
    fn from_value(value: Value) -> Result<Self, ValueError>;

    /// What this type accepts, for error messages (`string`, `list of integer`).
    fn expected() -> Cow<'static, str>;

    /// The empty value that `remove` stores, or `None` when the type has no
    /// empty value (the field is required).
    fn null() -> Option<Self> {
        None
    }

    /// The value as the object's `_to_dict()` dumps it, where that differs
    /// from what the view shows: a nested entity's dict, a local path
    /// resolved, a default as Python's `str()`. The view's value unless a
    /// type says otherwise.
    fn to_dict_value(&self) -> Value {
        self.to_value()
    }
}

fn wrong<T: DictValue>(value: &Value) -> ValueError {
    ValueError::new(T::expected(), value)
}

impl DictValue for Value {
    fn to_value(&self) -> Value {
        self.clone()
    }
    fn from_value(value: Value) -> Result<Self, ValueError> {
        Ok(value)
    }
    fn expected() -> Cow<'static, str> {
        Cow::Borrowed("any value")
    }
    fn null() -> Option<Self> {
        Some(Value::Null)
    }
}

impl DictValue for String {
    fn to_value(&self) -> Value {
        Value::String(self.clone())
    }
    fn from_value(value: Value) -> Result<Self, ValueError> {
        match value {
            Value::String(s) => Ok(s),
            other => Err(wrong::<Self>(&other)),
        }
    }
    fn expected() -> Cow<'static, str> {
        Cow::Borrowed("string")
    }
}

impl DictValue for Cow<'_, str> {
    fn to_value(&self) -> Value {
        Value::String(self.as_ref().to_owned())
    }
    fn from_value(value: Value) -> Result<Self, ValueError> {
        String::from_value(value).map(Cow::Owned)
    }
    fn expected() -> Cow<'static, str> {
        String::expected()
    }
}

impl DictValue for PathBuf {
    fn to_value(&self) -> Value {
        Value::String(self.to_string_lossy().into_owned())
    }
    fn from_value(value: Value) -> Result<Self, ValueError> {
        String::from_value(value).map(PathBuf::from)
    }
    fn expected() -> Cow<'static, str> {
        Cow::Borrowed("path string")
    }
}

impl DictValue for char {
    fn to_value(&self) -> Value {
        Value::String(self.to_string())
    }
    fn from_value(value: Value) -> Result<Self, ValueError> {
        if let Value::String(s) = &value {
            let mut chars = s.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                return Ok(c);
            }
        }
        Err(wrong::<Self>(&value))
    }
    fn expected() -> Cow<'static, str> {
        Cow::Borrowed("single-character string")
    }
}

impl DictValue for bool {
    fn to_value(&self) -> Value {
        Value::Bool(*self)
    }
    fn from_value(value: Value) -> Result<Self, ValueError> {
        match value {
            Value::Bool(b) => Ok(b),
            other => Err(wrong::<Self>(&other)),
        }
    }
    fn expected() -> Cow<'static, str> {
        Cow::Borrowed("boolean")
    }
}

/// Reads an integer of any width: whole numbers, including floats with no
/// fractional part (`2.0`), inside the target type's range.
macro_rules! int_value {
    ($($ty:ty),*) => {$(
        impl DictValue for $ty {
            fn to_value(&self) -> Value {
                Value::from(*self)
            }
            fn from_value(value: Value) -> Result<Self, ValueError> {
                let n = match &value {
                    Value::Number(n) => n,
                    _ => return Err(wrong::<Self>(&value)),
                };
                let fits = if let Some(i) = n.as_i64() {
                    <$ty>::try_from(i).ok()
                } else if let Some(u) = n.as_u64() {
                    <$ty>::try_from(u).ok()
                } else {
                    n.as_f64()
                        .filter(|f| f.fract() == 0.0 && f.is_finite())
                        .and_then(|f| {
                            // `MAX as f64` rounds up for 64-bit types (to 2^63,
                            // 2^64), where `as` would saturate: compare against
                            // the first value past the range instead.
                            if f >= <$ty>::MIN as f64 && f < <$ty>::MAX as f64 + 1.0 {
                                Some(f as $ty)
                            } else {
                                None
                            }
                        })
                };
                fits.ok_or_else(|| wrong::<Self>(&value))
            }
            fn expected() -> Cow<'static, str> {
                Cow::Borrowed(concat!("integer (", stringify!($ty), ")"))
            }
        }
    )*};
}
int_value!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

macro_rules! float_value {
    ($($ty:ty),*) => {$(
        impl DictValue for $ty {
            fn to_value(&self) -> Value {
                Value::from(*self)
            }
            #[allow(clippy::cast_possible_truncation)]
            fn from_value(value: Value) -> Result<Self, ValueError> {
                match &value {
                    // A finite number too large for the type (1e39 for an
                    // `f32`) is refused, not stored as an infinity that reads
                    // back as null.
                    Value::Number(n) => n
                        .as_f64()
                        .map(|f| f as $ty)
                        .filter(|f| f.is_finite())
                        .ok_or_else(|| wrong::<Self>(&value)),
                    _ => Err(wrong::<Self>(&value)),
                }
            }
            fn expected() -> Cow<'static, str> {
                Cow::Borrowed("number")
            }
        }
    )*};
}
float_value!(f32, f64);

impl<T: DictValue> DictValue for Option<T> {
    fn to_value(&self) -> Value {
        match self {
            Some(v) => v.to_value(),
            None => Value::Null,
        }
    }
    fn from_value(value: Value) -> Result<Self, ValueError> {
        match value {
            Value::Null => Ok(None),
            other => T::from_value(other).map(Some).map_err(|mut e| {
                if e.path.is_empty() {
                    e.expected = Self::expected().into_owned();
                }
                e
            }),
        }
    }
    fn expected() -> Cow<'static, str> {
        Cow::Owned(format!("{} or null", T::expected()))
    }
    fn null() -> Option<Self> {
        Some(None)
    }
    fn to_dict_value(&self) -> Value {
        self.as_ref().map_or(Value::Null, T::to_dict_value)
    }
}

impl<T: DictValue> DictValue for Box<T> {
    fn to_value(&self) -> Value {
        (**self).to_value()
    }
    fn from_value(value: Value) -> Result<Self, ValueError> {
        T::from_value(value).map(Box::new)
    }
    fn expected() -> Cow<'static, str> {
        T::expected()
    }
    fn null() -> Option<Self> {
        T::null().map(Box::new)
    }
    fn to_dict_value(&self) -> Value {
        (**self).to_dict_value()
    }
}

impl<T: DictValue> DictValue for Vec<T> {
    fn to_value(&self) -> Value {
        Value::Array(self.iter().map(DictValue::to_value).collect())
    }
    fn from_value(value: Value) -> Result<Self, ValueError> {
        match value {
            Value::Array(items) => items
                .into_iter()
                .enumerate()
                .map(|(i, item)| T::from_value(item).map_err(|e| e.within(&format!("[{i}]"))))
                .collect(),
            other => Err(wrong::<Self>(&other)),
        }
    }
    fn expected() -> Cow<'static, str> {
        Cow::Owned(format!("list of {}", T::expected()))
    }
    fn to_dict_value(&self) -> Value {
        Value::Array(self.iter().map(DictValue::to_dict_value).collect())
    }
}

fn map_from_value<T: DictValue, M: FromIterator<(String, T)>>(
    value: Value,
    expected: impl FnOnce() -> Cow<'static, str>,
) -> Result<M, ValueError> {
    match value {
        Value::Object(entries) => entries
            .into_iter()
            .map(|(k, v)| match T::from_value(v) {
                Ok(v) => Ok((k, v)),
                Err(e) => Err(e.within(&format!(".{k}"))),
            })
            .collect(),
        other => Err(ValueError::new(expected(), &other)),
    }
}

/// `DictValue` for a string-keyed map type: a dict of its values.
macro_rules! map_value {
    ($($map:ty => [$($bound:tt)*]),* $(,)?) => {$(
        impl<T: DictValue, $($bound)*> DictValue for $map {
            fn to_value(&self) -> Value {
                Value::Object(self.iter().map(|(k, v)| (k.clone(), v.to_value())).collect())
            }
            fn from_value(value: Value) -> Result<Self, ValueError> {
                map_from_value(value, Self::expected)
            }
            fn expected() -> Cow<'static, str> {
                Cow::Owned(format!("dict of {}", T::expected()))
            }
            fn to_dict_value(&self) -> Value {
                Value::Object(
                    self.iter()
                        .map(|(k, v)| (k.clone(), v.to_dict_value()))
                        .collect(),
                )
            }
        }
    )*};
}
map_value!(
    BTreeMap<String, T> => [],
    HashMap<String, T, S> => [S: BuildHasher + Default],
    indexmap::IndexMap<String, T, S> => [S: BuildHasher + Default],
);

impl DictValue for serde_json::Map<String, Value> {
    fn to_value(&self) -> Value {
        Value::Object(self.clone())
    }
    fn from_value(value: Value) -> Result<Self, ValueError> {
        match value {
            Value::Object(map) => Ok(map),
            other => Err(wrong::<Self>(&other)),
        }
    }
    fn expected() -> Cow<'static, str> {
        Cow::Borrowed("dict")
    }
}
