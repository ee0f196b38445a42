//! Dict-like access to entity fields, as the Python `DictMixin` gives it.
//!
//! `#[derive(DictMixin)]` implements [`DictMixin`] for a struct with named
//! fields. Keys are the fields' public (wire) names in declaration order;
//! values convert through [`DictValue`]. See the README for the full mapping
//! from the Python methods.

mod extra;
mod keys;
mod prune;
mod value;

pub use extra::ExtraMap;
pub use keys::Keys;
pub use prune::prune_empty;
pub use value::DictValue;

use crate::{DictError, Value};

/// Dict behaviour of an entity: the Rust counterpart of azure-ai-ml's `DictMixin`.
///
/// Unlike Python, writes are typed: [`set`](Self::set) and
/// [`update`](Self::update) convert each value to the field's type and refuse
/// unknown keys (unless the struct has an `#[dict(extra)]` map), and
/// [`update`](Self::update) changes nothing when any pair fails.
pub trait DictMixin {
    /// The public keys in declaration order, then the extra keys. Keys whose
    /// value is `None` are included. Allocates nothing for a struct without
    /// an extra-keys map.
    fn keys(&self) -> Keys<'_>;

    /// The value of `key`; `None` only when the key does not exist. A field
    /// holding `None` gives `Some(Value::Null)`, as Python gives `None`.
    fn get(&self, key: &str) -> Option<Value>;

    /// Whether `key` exists (also when its value is `None`).
    fn has_key(&self, key: &str) -> bool;

    /// The values, in the order of [`keys`](Self::keys).
    fn values(&self) -> Vec<Value>;

    /// `(key, value)` pairs, in the order of [`keys`](Self::keys).
    fn items(&self) -> Vec<(&str, Value)>;

    /// The number of keys, `None`-valued ones included.
    fn len(&self) -> usize;

    /// Python `obj[key] = value`: converts `value` to the field's type.
    ///
    /// # Errors
    /// [`DictError::UnknownKey`] for a key that is neither a field nor storable
    /// in the extra-keys map, [`DictError::WrongType`] when the value does not
    /// convert. On error nothing changes.
    fn set(&mut self, key: &str, value: Value) -> Result<(), DictError>;

    /// Python `del obj[key]`: sets an optional field to `None`; the key stays.
    ///
    /// # Errors
    /// [`DictError::Required`] for a field that cannot hold `None`,
    /// [`DictError::UnknownKey`] for a missing key.
    fn remove(&mut self, key: &str) -> Result<(), DictError>;

    /// Python `obj.update(pairs)`, all or nothing: every pair is converted
    /// first, and only when all succeed are they stored. Later pairs win over
    /// earlier ones with the same key.
    ///
    /// # Errors
    /// The first pair that fails, as for [`set`](Self::set); then nothing
    /// has changed.
    fn update<I, K, V>(&mut self, pairs: I) -> Result<(), DictError>
    where
        Self: Sized,
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: Into<Value>;

    /// Same as [`has_key`](Self::has_key) (Python `key in obj`).
    fn contains_key(&self, key: &str) -> bool {
        self.has_key(key)
    }

    /// Python `obj.get(key, default)`: `default` only when the key is missing;
    /// a `None` field gives `Value::Null`.
    fn get_or(&self, key: &str, default: Value) -> Value {
        self.get(key).unwrap_or(default)
    }

    /// Whether there are no keys at all.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// azure-ai-ml's `_to_dict()`: the object as its schema dumps it.
    ///
    /// The derive writes each field's dump form (`DictValue::to_dict_value`)
    /// under its key, in declaration order, following the field's
    /// `#[dict(...)]` dump rules; this default gives the items that are
    /// not `None`.
    fn to_dict(&self) -> Value {
        Value::Object(
            self.items()
                .into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::DictMixin;

    /// The derive's `::azml` paths resolve inside this crate too, as they
    /// must for the generated entities (`extern crate self as azml`).
    #[derive(crate::DictMixin, Default)]
    struct Inside {
        level: Option<String>,
    }

    #[test]
    fn derive_works_inside_the_runtime_crate() {
        let mut inside = Inside::default();
        inside.set("level", "INFO".into()).unwrap();
        assert_eq!(inside.level.as_deref(), Some("INFO"));
        assert_eq!(inside.keys().collect::<Vec<_>>(), ["level"]);
    }
}
