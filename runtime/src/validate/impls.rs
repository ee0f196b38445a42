//! [`Validate`] for the standard types the generated ones are made of.

use super::describe::describe;
use super::{Validate, Validator};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};

impl Validate for String {
    fn validate(value: &Value, cx: &mut Validator) {
        if !value.is_string() {
            cx.expected("string", value);
        }
    }
}

impl Validate for bool {
    fn validate(value: &Value, cx: &mut Validator) {
        if !value.is_boolean() {
            cx.expected("boolean", value);
        }
    }
}

/// The integer a JSON number stands for. A float (`3.0`) is not one: serde
/// refuses it for integer fields, and validation must accept exactly what
/// deserialization accepts.
fn integer_of(value: &Value) -> Option<i128> {
    let n = match value {
        Value::Number(n) => n,
        _ => return None,
    };
    if let Some(i) = n.as_i64() {
        return Some(i128::from(i));
    }
    n.as_u64().map(i128::from)
}

/// Checks that `value` is an integer within `min..=max`.
fn check_integer(value: &Value, cx: &mut Validator, min: i128, max: i128) {
    match integer_of(value) {
        None => cx.expected("integer", value),
        Some(i) if i < min || i > max => cx.error(format!(
            "expected integer between {min} and {max}, got {}",
            describe(value)
        )),
        Some(_) => {}
    }
}

macro_rules! integers {
    ($($t:ty),*) => {$(
        impl Validate for $t {
            fn validate(value: &Value, cx: &mut Validator) {
                check_integer(value, cx, i128::from(<$t>::MIN), i128::from(<$t>::MAX));
            }
        }
    )*};
}

integers!(i8, i16, i32, i64, u8, u16, u32, u64);

macro_rules! floats {
    ($($t:ty),*) => {$(
        impl Validate for $t {
            fn validate(value: &Value, cx: &mut Validator) {
                if !value.is_number() {
                    cx.expected("number", value);
                }
            }
        }
    )*};
}

floats!(f32, f64);

/// Any JSON value is accepted.
impl Validate for Value {
    fn validate(_: &Value, _: &mut Validator) {}
}

/// `null`, or a valid `T`.
impl<T: Validate> Validate for Option<T> {
    fn validate(value: &Value, cx: &mut Validator) {
        if !value.is_null() {
            T::validate(value, cx);
        }
    }
}

impl<T: Validate> Validate for Box<T> {
    fn validate(value: &Value, cx: &mut Validator) {
        T::validate(value, cx);
    }
}

/// An array whose every item is a valid `T`.
impl<T: Validate> Validate for Vec<T> {
    fn validate(value: &Value, cx: &mut Validator) {
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    cx.index(i, item, T::validate);
                }
            }
            other => cx.expected("array", other),
        }
    }
}

/// An object whose every member is a valid `T`.
fn check_map<T: Validate>(value: &Value, cx: &mut Validator) {
    if let Some(map) = cx.expect_object(value) {
        for (k, v) in map {
            cx.field(k, v, T::validate);
        }
    }
}

impl<T: Validate> Validate for BTreeMap<String, T> {
    fn validate(value: &Value, cx: &mut Validator) {
        check_map::<T>(value, cx);
    }
}

impl<T: Validate, S> Validate for HashMap<String, T, S> {
    fn validate(value: &Value, cx: &mut Validator) {
        check_map::<T>(value, cx);
    }
}

impl Validate for Map<String, Value> {
    fn validate(value: &Value, cx: &mut Validator) {
        cx.expect_object(value);
    }
}
