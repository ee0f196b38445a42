//! Helpers that generated code calls (`::azml::__codegen`): serialization,
//! deserialization and validation of generated structs. Not a public API: it
//! moves with the generator, which is pinned to this crate's version.
//!
//! Everything here exists to keep the generated module cheap to compile:
//!
//! - Structs without an extra-keys map deserialize through `deserialize_struct`
//!   and `FromMap`: one shared visitor and key reader instead of serde's
//!   per-struct field enum, visitors and per-field wrappers.
//! - They serialize through [`StructWriter`]: one statement per field instead of
//!   serde's length expression and a branch with two error exits per field.
//! - Their `Validate` impls are one call to [`object`] with a `static` table of
//!   [`Field`]s whose [`Shape`]s are data, instead of a `Validate` impl
//!   instantiated per field type (`Vec<T>`, `Option<T>`, maps) and a closure per
//!   checked field.

mod rules;

pub use rules::{check_enum, default_value, exclusive, inherited, lower_enum, snake_enum, truthy};

use crate::validate::{Checks, Validate, Validator};
use ::serde::de::{DeserializeSeed, Error, MapAccess, Visitor};
use ::serde::ser::{SerializeStruct, Serializer};
use ::serde_json::Value;
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
///
/// The field helpers return a `Result` so that generated code has one `?` after
/// its `match` on the key rather than one per field.
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

/// Reads an optional field (or a required nullable one) into its slot, the
/// field's own `Option` (`null` is `None`); `seen` marks it present, so that a
/// second occurrence is an error even after a `null`.
pub fn optional<'de, A: MapAccess<'de>, T: ::serde::Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    seen: &mut bool,
    name: &'static str,
) -> Result<(), A::Error> {
    if *seen {
        return Err(A::Error::duplicate_field(name));
    }
    *seen = true;
    *slot = map.next_value()?;
    Ok(())
}

/// Reads an optional nullable field into its slot: present (even `null`) is
/// `Some`, so absent, `null` and a value stay three states.
pub fn maybe_null<'de, A: MapAccess<'de>, T: ::serde::Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<Option<T>>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(A::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
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

/// Serializes a struct field by field, as serde's derive does (same calls, same
/// length, `skip_field` for skipped fields), keeping the first error for
/// [`end`](StructWriter::end), so that generated code is one statement a field.
pub struct StructWriter<S: Serializer> {
    state: Result<S::SerializeStruct, S::Error>,
}

impl<S: Serializer> StructWriter<S> {
    /// Starts the struct `name`: `required` fields always written, plus one for
    /// each `true` in `present` (the optional fields that are `Some`).
    pub fn new(serializer: S, name: &'static str, required: usize, present: &[bool]) -> Self {
        let len = required + present.iter().filter(|p| **p).count();
        StructWriter {
            state: serializer.serialize_struct(name, len),
        }
    }

    /// Writes a field.
    pub fn field<T: ?Sized + ::serde::Serialize>(&mut self, key: &'static str, value: &T) {
        if let Ok(state) = &mut self.state {
            if let Err(e) = state.serialize_field(key, value) {
                self.state = Err(e);
            }
        }
    }

    /// Writes an optional field when it is `Some` (`skip_serializing_if = "Option::is_none"`).
    pub fn optional<T: ::serde::Serialize>(&mut self, key: &'static str, value: &Option<T>) {
        if let Ok(state) = &mut self.state {
            let done = match value {
                Some(_) => state.serialize_field(key, value),
                None => state.skip_field(key),
            };
            if let Err(e) = done {
                self.state = Err(e);
            }
        }
    }

    /// Ends the struct, or returns the first error.
    pub fn end(self) -> Result<S::Ok, S::Error> {
        self.state.and_then(SerializeStruct::end)
    }
}

/// A validation function: `<T as Validate>::validate` for a generated or leaf type.
pub type Check = fn(&Value, &mut Validator);

/// What a JSON value must be, as static data: the generic `Validate` impls of
/// `Option`, `Vec` and maps, and keyword checks, without an instance per type.
#[derive(Clone, Copy)]
pub enum Shape {
    /// A type's own `validate`.
    Is(Check),
    /// `null`, or the inner shape (`Option<T>`).
    Nullable(&'static Shape),
    /// An array of the inner shape (`Vec<T>`).
    Array(&'static Shape),
    /// An object whose every member is of the inner shape (`OrderedMap<T>`).
    Map(&'static Shape),
    /// The inner shape, then keyword checks, unless the value itself already has
    /// an issue (as `azml::validate::checked`).
    Checked(&'static Shape, &'static [&'static Checks]),
}

impl Shape {
    /// Checks `value`, recording issues in `cx`.
    pub fn check(&self, value: &Value, cx: &mut Validator) {
        match self {
            Shape::Is(f) => f(value, cx),
            Shape::Nullable(inner) => {
                if !value.is_null() {
                    inner.check(value, cx);
                }
            }
            Shape::Array(inner) => match value {
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        cx.index(i, item, |v, cx| inner.check(v, cx));
                    }
                }
                other => cx.expected("array", other),
            },
            Shape::Map(inner) => {
                if let Some(map) = cx.expect_object(value) {
                    for (k, v) in map {
                        cx.field(k, v, |v, cx| inner.check(v, cx));
                    }
                }
            }
            Shape::Checked(inner, checks) => {
                let before = cx.issues().len();
                inner.check(value, cx);
                let here = cx.pointer();
                if cx.issues().iter().skip(before).any(|i| i.pointer == here) {
                    return;
                }
                for c in *checks {
                    c.apply(value, cx);
                }
            }
        }
    }
}

/// A string.
pub const STRING: Shape = Shape::Is(<::std::string::String as Validate>::validate);
/// A boolean.
pub const BOOL: Shape = Shape::Is(<bool as Validate>::validate);
/// An `i32`.
pub const I32: Shape = Shape::Is(<i32 as Validate>::validate);
/// An `i64`.
pub const I64: Shape = Shape::Is(<i64 as Validate>::validate);
/// An `f32`.
pub const F32: Shape = Shape::Is(<f32 as Validate>::validate);
/// An `f64`.
pub const F64: Shape = Shape::Is(<f64 as Validate>::validate);
/// Any JSON value.
pub const ANY: Shape = Shape::Is(<Value as Validate>::validate);

/// One declared field of a generated struct.
#[derive(Clone, Copy)]
pub struct Field {
    /// The JSON key.
    pub key: &'static str,
    /// Must be present.
    pub required: bool,
    /// What its value must be.
    pub shape: Shape,
}

impl Field {
    /// A field that must be present.
    pub const fn required(key: &'static str, shape: Shape) -> Field {
        Field {
            key,
            required: true,
            shape,
        }
    }

    /// A field that may be absent.
    pub const fn optional(key: &'static str, shape: Shape) -> Field {
        Field {
            key,
            required: false,
            shape,
        }
    }
}

/// What to do with members that are not declared fields.
#[derive(Clone, Copy)]
pub enum Extra {
    /// Accept them unchecked.
    Allow,
    /// Each one is an `unknown field` issue on its key (`additionalProperties: false`).
    Deny,
    /// Check each one's value (a typed `additionalProperties`).
    Check(Shape),
}

/// Checks an object: its declared fields, the required ones, and the others
/// (`Validator::object` over [`Field`]s).
pub fn object(cx: &mut Validator, value: &Value, fields: &[Field], extra: Extra) {
    let Some(map) = cx.expect_object(value) else {
        return;
    };
    for (key, v) in map {
        match fields.iter().find(|f| f.key == key) {
            Some(f) => cx.field(key, v, |v, cx| f.shape.check(v, cx)),
            None => match extra {
                Extra::Allow => {}
                Extra::Deny => cx.key_error(key, "unknown field"),
                Extra::Check(shape) => cx.field(key, v, |v, cx| shape.check(v, cx)),
            },
        }
    }
    for f in fields.iter().filter(|f| f.required) {
        if !map.contains_key(f.key) {
            cx.missing(f.key);
        }
    }
}

/// Checks an untagged union: accepted when one member validates cleanly; otherwise
/// as [`Validator::union_failed`] reports it (`Validator::any_of` over [`Shape`]s).
pub fn any_of(cx: &mut Validator, value: &Value, members: &[(&str, Shape)]) {
    if members
        .iter()
        .any(|(_, shape)| cx.passes(value, |v, cx| shape.check(v, cx)))
    {
        return;
    }
    if cx.is_quiet() {
        return cx.error(String::new());
    }
    // Every member failed: again, with the messages the report needs.
    let trials = members
        .iter()
        .map(|(_, shape)| cx.trial(value, |v, cx| shape.check(v, cx)))
        .collect();
    let names: Vec<&str> = members.iter().map(|(n, _)| *n).collect();
    cx.union_failed(value, &names, trials);
}

#[cfg(test)]
mod tests {
    use super::{Extra, Field, Shape, StructWriter, I32, STRING};
    use crate::validate::{validate_value, Checks, Issue, Validate, Validator};
    use ::serde_json::json;
    use ::std::collections::BTreeMap;

    /// What generated code writes, beside serde's derive of the same struct.
    struct Thing {
        a: String,
        b: Option<i32>,
        c: Option<Option<String>>,
        d: Option<BTreeMap<Vec<u8>, i32>>,
    }

    #[derive(::serde::Serialize)]
    struct Derived {
        a: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        b: Option<i32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        c: Option<Option<String>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        d: Option<BTreeMap<Vec<u8>, i32>>,
    }

    impl ::serde::Serialize for Thing {
        fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut s = StructWriter::new(
                serializer,
                "Thing",
                1,
                &[self.b.is_some(), self.c.is_some(), self.d.is_some()],
            );
            s.field("a", &self.a);
            s.optional("b", &self.b);
            s.optional("c", &self.c);
            s.optional("d", &self.d);
            s.end()
        }
    }

    struct Empty {}

    impl ::serde::Serialize for Empty {
        fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let s = StructWriter::new(serializer, "Empty", 0, &[]);
            s.end()
        }
    }

    fn both(a: &str, b: Option<i32>, c: Option<Option<&str>>, d: Option<Vec<(Vec<u8>, i32)>>) {
        let c = c.map(|c| c.map(str::to_string));
        let d: Option<BTreeMap<Vec<u8>, i32>> = d.map(|d| d.into_iter().collect());
        let ours = Thing {
            a: a.into(),
            b,
            c: c.clone(),
            d: d.clone(),
        };
        let theirs = Derived {
            a: a.into(),
            b,
            c,
            d,
        };
        let ours = ::serde_json::to_string(&ours).map_err(|e| e.to_string());
        let theirs = ::serde_json::to_string(&theirs).map_err(|e| e.to_string());
        assert_eq!(ours, theirs);
    }

    #[test]
    fn struct_writer_writes_what_serde_derive_writes() {
        both("x", None, None, None);
        both("x", Some(1), Some(None), None);
        both("x", Some(1), Some(Some("y")), Some(vec![]));
        // A field that fails: the first error is the one returned.
        both("x", None, Some(Some("y")), Some(vec![(vec![1], 2)]));
        assert_eq!(::serde_json::to_string(&Empty {}).unwrap(), "{}");
    }

    fn issues(shape: Shape, value: ::serde_json::Value) -> Vec<Issue> {
        let mut cx = Validator::new();
        shape.check(&value, &mut cx);
        cx.into_issues()
    }

    static MIN_1: Checks = Checks {
        minimum: Some(1.0),
        min_items: Some(3),
        ..Checks::NONE
    };
    static CHECKED: Shape = Shape::Checked(&Shape::Array(&I32), &[&MIN_1]);

    #[test]
    fn shapes_check_what_the_generic_impls_check() {
        let values = [
            json!([1, null, "two", 3.5]),
            json!({"a": 1, "b": null, "c": "x"}),
            json!(null),
            json!("s"),
            json!([[1], [0, "z"]]),
        ];
        for v in values {
            assert_eq!(
                issues(Shape::Array(&Shape::Nullable(&I32)), v.clone()),
                validate_value::<Vec<Option<i32>>>(&v)
            );
            assert_eq!(
                issues(Shape::Map(&Shape::Nullable(&I32)), v.clone()),
                validate_value::<crate::OrderedMap<Option<i32>>>(&v)
            );
            assert_eq!(
                issues(Shape::Array(&Shape::Array(&I32)), v.clone()),
                validate_value::<Vec<Vec<i32>>>(&v)
            );
            assert_eq!(
                issues(Shape::Nullable(&STRING), v.clone()),
                validate_value::<Option<String>>(&v)
            );
            let mut cx = Validator::new();
            crate::validate::checked::<Vec<i32>>(&v, &mut cx, &[&MIN_1]);
            assert_eq!(issues(CHECKED, v.clone()), cx.into_issues());
        }
    }

    struct Obj;

    impl Validate for Obj {
        fn validate(value: &::serde_json::Value, cx: &mut Validator) {
            static FIELDS: &[Field] = &[
                Field::required("a", I32),
                Field::optional("b", Shape::Array(&STRING)),
            ];
            super::object(cx, value, FIELDS, Extra::Deny);
        }
    }

    #[test]
    fn object_reports_fields_missing_and_unknown() {
        let got = validate_value::<Obj>(&json!({"b": ["x", 1], "z": 0}));
        assert_eq!(
            got,
            [
                Issue::new("/b/1", "expected string, got integer 1"),
                Issue::on_key("/z", "unknown field"),
                Issue::new("/a", "missing required field"),
            ]
        );
    }
}
