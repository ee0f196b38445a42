//! Conversion of one entity field to and from one REST model field.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;

use indexmap::IndexMap;

use super::RestTranslatable;
use crate::{DictValue, RestError, Value};

/// Converts an entity field of type `Self` to a REST model field of type `R`.
///
/// Implemented for: identical scalar types (`String` to `String`, …); scalars
/// to [`Value`] (the default JSON model); every [`RestTranslatable`] entity to
/// its model; and `Option`, `Vec` and string-keyed maps of those. Anything else
/// takes a `#[rest(with = "module")]` conversion.
#[diagnostic::on_unimplemented(
    message = "no REST conversion from `{Self}` to `{R}`",
    label = "field type without a REST conversion",
    note = "derive `RestTranslatable` on the field's type, or add `#[rest(with = \"module\")]` with `module::to_rest` and `module::from_rest`"
)]
pub trait RestField<R>: Sized {
    /// The REST form of the field.
    ///
    /// # Errors
    /// When the field cannot be expressed in the model.
    fn to_rest_field(&self) -> Result<R, RestError>;

    /// The field read back from its REST form.
    ///
    /// # Errors
    /// When the REST value does not fit the field.
    fn from_rest_field(rest: R) -> Result<Self, RestError>;
}

impl<T: RestTranslatable> RestField<T::Rest> for T {
    fn to_rest_field(&self) -> Result<T::Rest, RestError> {
        self.to_rest_object()
    }
    fn from_rest_field(rest: T::Rest) -> Result<Self, RestError> {
        T::from_rest_object(rest)
    }
}

/// Same type on both sides (a clone), and the scalar to JSON conversion.
macro_rules! scalar_rest {
    ($($ty:ty),*) => {$(
        impl RestField<$ty> for $ty {
            fn to_rest_field(&self) -> Result<$ty, RestError> {
                Ok(self.clone())
            }
            fn from_rest_field(rest: $ty) -> Result<Self, RestError> {
                Ok(rest)
            }
        }
        impl RestField<Value> for $ty {
            fn to_rest_field(&self) -> Result<Value, RestError> {
                Ok(DictValue::to_value(self))
            }
            fn from_rest_field(rest: Value) -> Result<Self, RestError> {
                <$ty as DictValue>::from_value(rest).map_err(RestError::from)
            }
        }
    )*};
}
scalar_rest!(
    String,
    bool,
    char,
    i8,
    i16,
    i32,
    i64,
    isize,
    u8,
    u16,
    u32,
    u64,
    usize,
    f32,
    f64,
    std::path::PathBuf,
    serde_json::Map<String, Value>
);

impl RestField<Value> for Value {
    fn to_rest_field(&self) -> Result<Value, RestError> {
        Ok(self.clone())
    }
    fn from_rest_field(rest: Value) -> Result<Self, RestError> {
        Ok(rest)
    }
}

impl RestField<String> for Cow<'_, str> {
    fn to_rest_field(&self) -> Result<String, RestError> {
        Ok(self.as_ref().to_owned())
    }
    fn from_rest_field(rest: String) -> Result<Self, RestError> {
        Ok(Cow::Owned(rest))
    }
}

impl RestField<Value> for Cow<'_, str> {
    fn to_rest_field(&self) -> Result<Value, RestError> {
        Ok(Value::String(self.as_ref().to_owned()))
    }
    fn from_rest_field(rest: Value) -> Result<Self, RestError> {
        <Cow<'_, str> as DictValue>::from_value(rest).map_err(RestError::from)
    }
}

impl<T: RestField<R>, R> RestField<Option<R>> for Option<T> {
    fn to_rest_field(&self) -> Result<Option<R>, RestError> {
        self.as_ref().map(T::to_rest_field).transpose()
    }
    fn from_rest_field(rest: Option<R>) -> Result<Self, RestError> {
        rest.map(T::from_rest_field).transpose()
    }
}

impl<T: RestField<Value>> RestField<Value> for Option<T> {
    fn to_rest_field(&self) -> Result<Value, RestError> {
        match self {
            Some(v) => v.to_rest_field(),
            None => Ok(Value::Null),
        }
    }
    fn from_rest_field(rest: Value) -> Result<Self, RestError> {
        match rest {
            Value::Null => Ok(None),
            other => T::from_rest_field(other).map(Some),
        }
    }
}

fn index_error(i: usize) -> impl Fn(RestError) -> RestError {
    move |e| e.at(&format!("[{i}]"))
}

impl<T: RestField<R>, R> RestField<Vec<R>> for Vec<T> {
    fn to_rest_field(&self) -> Result<Vec<R>, RestError> {
        self.iter()
            .enumerate()
            .map(|(i, v)| v.to_rest_field().map_err(index_error(i)))
            .collect()
    }
    fn from_rest_field(rest: Vec<R>) -> Result<Self, RestError> {
        rest.into_iter()
            .enumerate()
            .map(|(i, r)| T::from_rest_field(r).map_err(index_error(i)))
            .collect()
    }
}

impl<T: RestField<Value>> RestField<Value> for Vec<T> {
    fn to_rest_field(&self) -> Result<Value, RestError> {
        self.iter()
            .enumerate()
            .map(|(i, v)| v.to_rest_field().map_err(index_error(i)))
            .collect::<Result<_, _>>()
            .map(Value::Array)
    }
    fn from_rest_field(rest: Value) -> Result<Self, RestError> {
        match rest {
            Value::Array(items) => items
                .into_iter()
                .enumerate()
                .map(|(i, r)| T::from_rest_field(r).map_err(index_error(i)))
                .collect(),
            other => Err(RestError::new(format!(
                "expected list, got {}",
                crate::error::describe(&other)
            ))),
        }
    }
}

fn object_to_rest<'a, T: RestField<Value> + 'a>(
    entries: impl Iterator<Item = (&'a String, &'a T)>,
) -> Result<Value, RestError> {
    entries
        .map(|(k, v)| Ok((k.clone(), v.to_rest_field().map_err(|e| e.at(k))?)))
        .collect::<Result<_, RestError>>()
        .map(Value::Object)
}

fn object_from_rest<T: RestField<Value>, M: FromIterator<(String, T)>>(
    rest: Value,
) -> Result<M, RestError> {
    match rest {
        Value::Object(entries) => entries
            .into_iter()
            .map(|(k, r)| match T::from_rest_field(r) {
                Ok(v) => Ok((k, v)),
                Err(e) => Err(e.at(&k)),
            })
            .collect(),
        other => Err(RestError::new(format!(
            "expected dict, got {}",
            crate::error::describe(&other)
        ))),
    }
}

/// `RestField` for a string-keyed map type: into a map of the same kind of
/// REST values, or into a JSON object.
macro_rules! map_rest {
    ($($map:ident => [$($bound:tt)*] [$($extra:ident),*]),* $(,)?) => {$(
        impl<T: RestField<R>, R, $($bound)*> RestField<$map<String, R $(, $extra)*>>
            for $map<String, T $(, $extra)*>
        {
            fn to_rest_field(&self) -> Result<$map<String, R $(, $extra)*>, RestError> {
                self.iter()
                    .map(|(k, v)| Ok((k.clone(), v.to_rest_field().map_err(|e| e.at(k))?)))
                    .collect()
            }
            fn from_rest_field(rest: $map<String, R $(, $extra)*>) -> Result<Self, RestError> {
                rest.into_iter()
                    .map(|(k, r)| match T::from_rest_field(r) {
                        Ok(v) => Ok((k, v)),
                        Err(e) => Err(e.at(&k)),
                    })
                    .collect()
            }
        }

        impl<T: RestField<Value>, $($bound)*> RestField<Value> for $map<String, T $(, $extra)*> {
            fn to_rest_field(&self) -> Result<Value, RestError> {
                object_to_rest(self.iter())
            }
            fn from_rest_field(rest: Value) -> Result<Self, RestError> {
                object_from_rest(rest)
            }
        }
    )*};
}
map_rest!(
    BTreeMap => [] [],
    HashMap => [S: BuildHasher + Default] [S],
    IndexMap => [S: BuildHasher + Default] [S],
);
