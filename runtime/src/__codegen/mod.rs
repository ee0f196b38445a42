//! Helpers that generated code calls (`::azml::__codegen`): serialization,
//! deserialization and validation of generated structs. Not a public API: it
//! moves with the generator, which is pinned to this crate's version.
//!
//! Everything here exists to keep the generated module cheap to compile:
//!
//! - Structs without an extra-keys map deserialize through `deserialize_struct`
//!   and `FromMap`: one shared visitor and [`MapReader`] instead of serde's
//!   per-struct field enum, visitors and per-field wrappers; generated code is
//!   one match arm and one slot a field.
//! - They serialize through [`StructWriter`]: one statement per field instead of
//!   serde's length expression and a branch with two error exits per field.
//! - Their `Validate` impls are one call to [`object`] with a `static` table of
//!   [`Field`]s whose [`Shape`]s are data, instead of a `Validate` impl
//!   instantiated per field type (`Vec<T>`, `Option<T>`, maps) and a closure per
//!   checked field.

mod read;
mod rules;
mod values;

pub use crate::__deserialize_from_map as deserialize_from_map;
pub use read::{deserialize_struct, nullable, FromMap, MapReader};
pub use rules::{check_enum, default_into, exclusive, inherited, lower_enum, snake_enum, truthy};
pub use values::{check_json_enum, closed_enum, json_enum, json_literal, NEVER};

use crate::validate::{Checks, Pattern, Validate, Validator};
use ::serde::ser::{SerializeMap, Serializer};
use ::serde_json::Value;
use ::std::option::Option::{self, None, Some};
use ::std::result::Result::{self, Err, Ok};

/// Serializes a struct field by field as a map (serde's derive writes the
/// same JSON: optional fields left out when `None`), keeping the first error
/// for [`end`](StructWriter::end), so that generated code is one statement a
/// field. A map, not a struct, so that an extra-keys map's entries follow.
pub struct StructWriter<S: Serializer> {
    state: Result<S::SerializeMap, S::Error>,
}

impl<S: Serializer> StructWriter<S> {
    /// Starts the struct: `required` entries always written (the extra map's
    /// included), plus one for each `true` in `present` (the optional fields that are `Some`).
    pub fn new(serializer: S, required: usize, present: &[bool]) -> Self {
        let len = required + present.iter().filter(|p| **p).count();
        StructWriter {
            state: serializer.serialize_map(Some(len)),
        }
    }

    /// Writes a field.
    pub fn field<T: ?Sized + ::serde::Serialize>(&mut self, key: &str, value: &T) {
        if let Ok(state) = &mut self.state {
            if let Err(e) = state.serialize_entry(key, value) {
                self.state = Err(e);
            }
        }
    }

    /// Writes an optional field when it is `Some` (`skip_serializing_if = "Option::is_none"`).
    pub fn optional<T: ::serde::Serialize>(&mut self, key: &str, value: &Option<T>) {
        if value.is_some() {
            self.field(key, value);
        }
    }

    /// Writes the entries of an extra-keys map (`#[serde(flatten)]`).
    pub fn extra<'m, T: ::serde::Serialize + 'm>(
        &mut self,
        map: impl IntoIterator<Item = (&'m String, &'m T)>,
    ) {
        for (key, value) in map {
            self.field(key, value);
        }
    }

    /// Ends the struct, or returns the first error.
    pub fn end(self) -> Result<S::Ok, S::Error> {
        self.state.and_then(SerializeMap::end)
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

    /// A field that may be absent or `null`.
    pub const fn nullable(key: &'static str, shape: &'static Shape) -> Field {
        Field::optional(key, Shape::Nullable(shape))
    }
}

/// The shape of a type that has its own `validate`, for tables:
/// `<T as Shaped>::SHAPE` is `Shape::Is(<T as Validate>::validate)`.
pub trait Shaped {
    /// `Shape::Is` of the type's `validate`.
    const SHAPE: Shape;
}

impl<T: Validate> Shaped for T {
    const SHAPE: Shape = Shape::Is(T::validate);
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
    /// `patternProperties`: a key matching patterns is checked by each one's shape; the
    /// others by the inner rule.
    Patterns(&'static [(&'static Pattern, Shape)], &'static Extra),
}

impl Extra {
    fn check(&self, cx: &mut Validator, key: &str, v: &Value) {
        match self {
            Extra::Allow => {}
            Extra::Deny => cx.key_error(key, "unknown field"),
            Extra::Check(shape) => cx.field(key, v, |v, cx| shape.check(v, cx)),
            Extra::Patterns(patterns, rest) => {
                let mut matched = false;
                for (pattern, shape) in *patterns {
                    if pattern.is_match(key) == Ok(true) {
                        matched = true;
                        cx.field(key, v, |v, cx| shape.check(v, cx));
                    }
                }
                if !matched {
                    rest.check(cx, key, v);
                }
            }
        }
    }
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
            None => extra.check(cx, key, v),
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
            let s = StructWriter::new(serializer, 0, &[]);
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
