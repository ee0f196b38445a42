//! Deserialization helpers that generated code calls (`::azml::__codegen`).
//! Not a public API: it moves with the generator, which is pinned to this
//! crate's version.
//!
//! Structs without an extra-keys map deserialize through `deserialize_struct`
//! and `FromMap`: one shared visitor and key reader instead of serde's
//! per-struct field enum, visitors and per-field wrappers, which are most of
//! the build time of a large generated module.

use ::serde::de::{DeserializeSeed, Error, MapAccess, Visitor};
use ::std::fmt;
use ::std::marker::PhantomData;
use ::std::option::Option::{self, None, Some};
use ::std::result::Result::{self, Err, Ok};

/// Reads a present field as `Some`, even when it is `null`: absent, `null`
/// and a value stay three different states.
pub fn nullable<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: ::serde::Deserializer<'de>,
    T: ::serde::Deserialize<'de>,
{
    <Option<T> as ::serde::Deserialize>::deserialize(deserializer).map(Some)
}

/// A struct read from a map, one entry at a time.
pub trait FromMap: Sized {
    /// The struct's name, for error messages.
    const NAME: &'static str;
    /// The wire names of its fields, in order.
    const FIELDS: &'static [&'static str];
    /// Reads the struct from the entries of a map.
    fn from_map<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// `Deserialize::deserialize` of a [`FromMap`] struct.
pub fn deserialize_struct<'de, T: FromMap, D: ::serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_struct(T::NAME, T::FIELDS, StructVisitor(PhantomData))
}

struct StructVisitor<T>(PhantomData<T>);

impl<'de, T: FromMap> Visitor<'de> for StructVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("struct ")?;
        f.write_str(T::NAME)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::from_map(map)
    }
}

/// Reads a key as the index of a field (`usize::MAX` for any other key).
pub struct Key(pub &'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = usize;
    fn deserialize<D: ::serde::Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = usize;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }
    fn visit_u64<E: Error>(self, v: u64) -> Result<usize, E> {
        Ok(usize::try_from(v)
            .ok()
            .filter(|i| *i < self.0.len())
            .unwrap_or(usize::MAX))
    }
    fn visit_str<E: Error>(self, v: &str) -> Result<usize, E> {
        Ok(self.0.iter().position(|f| *f == v).unwrap_or(usize::MAX))
    }
    fn visit_bytes<E: Error>(self, v: &[u8]) -> Result<usize, E> {
        Ok(self
            .0
            .iter()
            .position(|f| f.as_bytes() == v)
            .unwrap_or(usize::MAX))
    }
}

/// Reads the next key: a field index, `usize::MAX` for another key, `None` at the end.
pub fn key<'de, A: MapAccess<'de>>(
    map: &mut A,
    fields: &'static [&'static str],
) -> Result<Option<usize>, A::Error> {
    map.next_key_seed(Key(fields))
}

/// Reads a field's value into its slot; a second occurrence is an error.
pub fn field<'de, A: MapAccess<'de>, T: ::serde::Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(A::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Reads an optional nullable field: present (even `null`) is `Some`.
pub fn nullable_field<'de, A: MapAccess<'de>, T: ::serde::Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<Option<Option<T>>>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(A::Error::duplicate_field(name));
    }
    *slot = Some(Some(map.next_value()?));
    Ok(())
}

/// Skips the value of a key no field has.
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<::serde::de::IgnoredAny>().map(|_| ())
}

/// A required field's value, or the missing-field error.
pub fn required<T, E: Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    match slot {
        Some(v) => Ok(v),
        None => Err(E::missing_field(name)),
    }
}
