//! Maps that can hold the keys a struct does not declare (`#[dict(extra)]`).

use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;

use super::DictValue;
use crate::{Value, ValueError};

/// A string-keyed map usable as a struct's `#[dict(extra)]` field.
///
/// Its keys come after the declared fields in `keys()`, and `set`/`update`
/// of an unknown key stores into it. Use `serde_json::Map` (insertion order,
/// like Python's `__dict__`) or `BTreeMap` (sorted).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot hold extra keys",
    label = "`#[dict(extra)]` needs a string-keyed map",
    note = "use `serde_json::Map<String, Value>`, `BTreeMap<String, T>` or `HashMap<String, T>`"
)]
pub trait ExtraMap {
    /// The map's value type, converted before anything is stored.
    type Item;

    /// The keys, in the map's iteration order.
    fn extra_keys(&self) -> Box<dyn Iterator<Item = &str> + '_>;
    /// The number of entries.
    fn extra_len(&self) -> usize;
    /// The value of `key` as a dict value.
    fn extra_get(&self, key: &str) -> Option<Value>;
    /// Whether `key` is in the map.
    fn extra_contains(&self, key: &str) -> bool;
    /// Appends the entries as `(key, value)` pairs.
    fn extra_items<'a>(&'a self, out: &mut Vec<(&'a str, Value)>);
    /// Converts a value for storage, without storing it.
    ///
    /// # Errors
    /// When the value does not fit the map's value type.
    fn extra_convert(value: Value) -> Result<Self::Item, ValueError>;
    /// Stores an already converted value.
    fn extra_insert(&mut self, key: String, item: Self::Item);
    /// Adds the entries, in their dict form, to a dict being dumped.
    fn extra_dict(&self, out: &mut serde_json::Map<String, Value>);
}

/// The body of [`ExtraMap`] for a map whose values convert through [`DictValue`].
macro_rules! extra_map_body {
    () => {
        type Item = T;
        fn extra_keys(&self) -> Box<dyn Iterator<Item = &str> + '_> {
            Box::new(self.keys().map(String::as_str))
        }
        fn extra_len(&self) -> usize {
            self.len()
        }
        fn extra_get(&self, key: &str) -> Option<Value> {
            self.get(key).map(DictValue::to_value)
        }
        fn extra_contains(&self, key: &str) -> bool {
            self.contains_key(key)
        }
        fn extra_items<'a>(&'a self, out: &mut Vec<(&'a str, Value)>) {
            out.extend(self.iter().map(|(k, v)| (k.as_str(), v.to_value())));
        }
        fn extra_convert(value: Value) -> Result<T, ValueError> {
            T::from_value(value)
        }
        fn extra_insert(&mut self, key: String, item: T) {
            self.insert(key, item);
        }
        fn extra_dict(&self, out: &mut serde_json::Map<String, Value>) {
            out.extend(self.iter().map(|(k, v)| (k.clone(), v.to_dict_value())));
        }
    };
}

impl<T: DictValue> ExtraMap for BTreeMap<String, T> {
    extra_map_body!();
}

impl<T: DictValue, S: BuildHasher> ExtraMap for HashMap<String, T, S> {
    extra_map_body!();
}

impl<T: DictValue, S: BuildHasher> ExtraMap for indexmap::IndexMap<String, T, S> {
    extra_map_body!();
}

impl ExtraMap for serde_json::Map<String, Value> {
    type Item = Value;
    fn extra_keys(&self) -> Box<dyn Iterator<Item = &str> + '_> {
        Box::new(self.keys().map(String::as_str))
    }
    fn extra_len(&self) -> usize {
        self.len()
    }
    fn extra_get(&self, key: &str) -> Option<Value> {
        self.get(key).cloned()
    }
    fn extra_contains(&self, key: &str) -> bool {
        self.contains_key(key)
    }
    fn extra_items<'a>(&'a self, out: &mut Vec<(&'a str, Value)>) {
        out.extend(self.iter().map(|(k, v)| (k.as_str(), v.clone())));
    }
    fn extra_convert(value: Value) -> Result<Value, ValueError> {
        Ok(value)
    }
    fn extra_insert(&mut self, key: String, item: Value) {
        self.insert(key, item);
    }
    fn extra_dict(&self, out: &mut serde_json::Map<String, Value>) {
        out.extend(self.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
}
