//! Deserialization of generated structs without an extra-keys map: one shared
//! visitor, and a [`MapReader`] that turns each key into its field's index and
//! refuses duplicates, so that generated code is one match arm and one slot a
//! field. The behaviour is serde's derive's: unknown keys ignored, a duplicate
//! refused before its value is read, missing required fields refused after
//! the map, in field order.

use ::serde::de::{Deserialize, DeserializeSeed, Error, IgnoredAny, MapAccess, Visitor};
use ::std::fmt;
use ::std::marker::PhantomData;
use ::std::option::Option::{self, None, Some};
use ::std::result::Result::{self, Err, Ok};

/// Reads a present field as `Some`, even when it is `null`: absent, `null`
/// and a value stay three different states (`deserialize_with` of serde-derived
/// structs).
pub fn nullable<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: ::serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    <Option<T> as Deserialize>::deserialize(deserializer).map(Some)
}

/// A struct read from a map, one entry at a time.
pub trait FromMap: Sized {
    /// The struct's name, for error messages.
    const NAME: &'static str;
    /// The wire names of its fields, in order.
    const FIELDS: &'static [&'static str];
    /// Reads the struct from the entries of a map.
    fn from_map<'de, A: MapAccess<'de>>(r: MapReader<'de, A>) -> Result<Self, A::Error>;
}

/// `impl Deserialize for $name` of a [`FromMap`] struct, through
/// [`deserialize_struct`]: the impl is the same for every struct.
#[doc(hidden)]
#[macro_export]
macro_rules! __deserialize_from_map {
    ($name:ident) => {
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::__codegen::deserialize_struct(deserializer)
            }
        }
    };
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
        T::from_map(MapReader::new(map, T::FIELDS))
    }
}

/// Reads a key as the index of a field (`usize::MAX` for any other key, whose
/// text is kept in the second member).
struct Key<'k>(&'static [&'static str], &'k mut String);

impl<'de> DeserializeSeed<'de> for Key<'_> {
    type Value = usize;
    fn deserialize<D: ::serde::Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for Key<'_> {
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
        let found = self.0.iter().position(|f| *f == v);
        if found.is_none() {
            self.1.clear();
            self.1.push_str(v);
        }
        Ok(found.unwrap_or(usize::MAX))
    }
    fn visit_bytes<E: Error>(self, v: &[u8]) -> Result<usize, E> {
        match std::str::from_utf8(v) {
            Ok(v) => self.visit_str(v),
            Err(_) => Ok(usize::MAX),
        }
    }
}

/// The entries of a struct's map, read key by key into the fields' slots.
///
/// A struct that has a `Default` is read in place: each field's value goes
/// into the field, and [`require`](MapReader::require) then checks that the
/// required ones were present. Another struct is read into slots, one
/// `Option` a field (a required field's `Option<T>`, `None` until read, an
/// optional field's own `Option<T>`), then built. The readers return a
/// `Result` so that generated code has one `?` after its `match` on the key.
pub struct MapReader<'de, A: MapAccess<'de>> {
    map: A,
    fields: &'static [&'static str],
    /// The field index of the last key (`usize::MAX` for another key).
    index: usize,
    /// The fields read so far: bit `i` for field `i` below 128, then `more`.
    seen: u128,
    more: Vec<bool>,
    /// The last key that is no field's.
    unknown: String,
    de: PhantomData<&'de ()>,
}

impl<'de, A: MapAccess<'de>> MapReader<'de, A> {
    /// A reader of `map` for a struct whose wire names are `fields`.
    fn new(map: A, fields: &'static [&'static str]) -> Self {
        MapReader {
            map,
            fields,
            index: usize::MAX,
            seen: 0,
            more: Vec::new(),
            unknown: String::new(),
            de: PhantomData,
        }
    }

    /// Reads the next key: `false` at the end of the map. A field read before
    /// is refused (serde's `duplicate field` error).
    pub fn next_key(&mut self) -> Result<bool, A::Error> {
        let Some(index) = self
            .map
            .next_key_seed(Key(self.fields, &mut self.unknown))?
        else {
            return Ok(false);
        };
        self.index = index;
        let Some(name) = self.fields.get(index) else {
            return Ok(true);
        };
        if self.seen(index) {
            return Err(A::Error::duplicate_field(name));
        }
        if index < 128 {
            self.seen |= 1 << index;
        } else {
            let at = index - 128;
            if self.more.len() <= at {
                self.more.resize(at + 1, false);
            }
            self.more[at] = true;
        }
        Ok(true)
    }

    /// True when field `index` has been read.
    fn seen(&self, index: usize) -> bool {
        match index.checked_sub(128) {
            None => self.seen & (1 << index) != 0,
            Some(at) => self.more.get(at).copied().unwrap_or(false),
        }
    }

    /// The field index of the key just read (`usize::MAX` for another key).
    pub fn index(&self) -> usize {
        self.index
    }

    /// Reads the value into a required field, in place.
    pub fn field<T: Deserialize<'de>>(&mut self, place: &mut T) -> Result<(), A::Error> {
        *place = self.map.next_value()?;
        Ok(())
    }

    /// Reads the value into a slot that takes `Some(value)`: a required field,
    /// or an optional nullable one (`Option<Option<T>>`: present, even `null`,
    /// is `Some`).
    pub fn value<T: Deserialize<'de>>(&mut self, slot: &mut Option<T>) -> Result<(), A::Error> {
        *slot = Some(self.map.next_value()?);
        Ok(())
    }

    /// Reads the value as the field's own `Option` (`null` is `None`): an
    /// optional field, or a required nullable one.
    pub fn option<T: Deserialize<'de>>(&mut self, slot: &mut Option<T>) -> Result<(), A::Error> {
        *slot = self.map.next_value()?;
        Ok(())
    }

    /// Skips the value of a key no field has.
    pub fn skip(&mut self) -> Result<(), A::Error> {
        self.map.next_value::<IgnoredAny>().map(|_| ())
    }

    /// The key just read when it is no field's.
    pub fn key(&self) -> &str {
        &self.unknown
    }

    /// Keeps a key no field has, with its value, in an extra-keys map.
    pub fn extra<T: Deserialize<'de>>(
        &mut self,
        map: &mut impl Extend<(String, T)>,
    ) -> Result<(), A::Error> {
        let value = self.map.next_value()?;
        map.extend([(std::mem::take(&mut self.unknown), value)]);
        Ok(())
    }

    /// Refuses a key no field has (`additionalProperties: false`), or a field the schema
    /// forbids (`false`), with serde's `unknown field` error.
    pub fn deny(&mut self) -> Result<(), A::Error> {
        let key = self
            .fields
            .get(self.index)
            .copied()
            .unwrap_or(&self.unknown);
        Err(A::Error::unknown_field(key, self.fields))
    }

    /// After the map, serde's `missing field` error for the first of the
    /// fields at `indexes` (the required ones, in order) that was not read.
    pub fn require(&self, indexes: &[usize]) -> Result<(), A::Error> {
        match indexes.iter().find(|i| !self.seen(**i)) {
            Some(i) => Err(A::Error::missing_field(self.fields.get(*i).unwrap_or(&""))),
            None => Ok(()),
        }
    }

    /// A required field's value, or serde's `missing field` error.
    pub fn required<T>(&self, slot: Option<T>, name: &'static str) -> Result<T, A::Error> {
        match slot {
            Some(v) => Ok(v),
            None => Err(A::Error::missing_field(name)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::MapReader;
    use ::serde::de::value::{Error, MapDeserializer};

    /// A reader over `entries` for a struct of `n` fields `f0`, `f1`, …
    fn reader(
        n: usize,
        entries: Vec<(&'static str, i32)>,
    ) -> MapReader<'static, MapDeserializer<'static, std::vec::IntoIter<(&'static str, i32)>, Error>>
    {
        let names: Vec<&'static str> = (0..n)
            .map(|i| &*Box::leak(format!("f{i}").into_boxed_str()))
            .collect();
        MapReader::new(
            MapDeserializer::new(entries.into_iter()),
            Box::leak(names.into_boxed_slice()),
        )
    }

    #[test]
    fn fields_past_the_first_128_are_tracked_too() {
        let mut r = reader(
            300,
            vec![("f5", 1), ("f299", 2), ("x", 3), ("f130", 4), ("f299", 5)],
        );
        let mut read = Vec::new();
        let mut slot = None::<i32>;
        let end = loop {
            match r.next_key() {
                Ok(true) => {
                    read.push(r.index());
                    if r.index() == usize::MAX {
                        r.skip().unwrap();
                    } else {
                        r.value(&mut slot).unwrap();
                    }
                }
                Ok(false) => break None,
                Err(e) => break Some(e.to_string()),
            }
        };
        assert_eq!(read, [5, 299, usize::MAX, 130]);
        assert_eq!(end.as_deref(), Some("duplicate field `f299`"));
        assert!(r.require(&[5, 130, 299]).is_ok());
        let missing = r.require(&[5, 129, 200]).unwrap_err().to_string();
        assert_eq!(missing, "missing field `f129`");
    }
}
