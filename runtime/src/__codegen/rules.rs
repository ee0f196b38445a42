//! Support for the code the generator writes from the `x-azml-*` rule extensions
//! (`docs/spec-extensions.md`): lower-cased and `camel_to_snake` enums, constructor defaults,
//! mutually exclusive fields, `or` inheritance.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::validate::Validator;
use crate::DictValue;

/// An enum's aliases: other spellings, each with the value it stands for.
pub type Aliases<'a> = &'a [(&'a str, &'a str)];

/// `StringTransformedEnum` with its default `casing_transform`: the index
/// in `values` of `value` lower-cased (an alias counts as the value it
/// names), or Python's message.
///
/// # Errors
/// `Value {repr} passed is not in set [...]`, with the aliases and values
/// in the order Python's `allowed_values` holds them.
pub fn lower_enum(value: &Value, values: &[&str], aliases: Aliases) -> Result<usize, String> {
    cased_enum(value, values, aliases, |s| Some(s.to_lowercase()))
}

/// `StringTransformedEnum(casing_transform=camel_to_snake)`: as
/// [`lower_enum`], the text put through azure-ai-ml's `camel_to_snake`
/// ([`azml_pyio::case::camel_to_snake`]).
///
/// # Errors
/// As [`lower_enum`].
pub fn snake_enum(value: &Value, values: &[&str], aliases: Aliases) -> Result<usize, String> {
    cased_enum(value, values, aliases, azml_pyio::case::camel_to_snake)
}

fn cased_enum(
    value: &Value,
    values: &[&str],
    aliases: Aliases,
    transform: fn(&str) -> Option<String>,
) -> Result<usize, String> {
    if let Some(cased) = value.as_str().and_then(transform) {
        let canonical = aliases
            .iter()
            .find(|(alias, _)| *alias == cased)
            .map_or(cased.as_str(), |(_, v)| *v);
        if let Some(i) = values.iter().position(|v| *v == canonical) {
            return Ok(i);
        }
    }
    let unaliased = values
        .iter()
        .filter(|v| !aliases.iter().any(|(a, _)| a == *v));
    let allowed: Vec<String> = (aliases.iter().map(|(a, _)| a).chain(unaliased))
        .map(|v| azml_pyio::py_repr::repr(&Value::String((*v).to_owned())))
        .collect();
    Err(format!(
        "Value {} passed is not in set [{}]",
        azml_pyio::py_repr::repr(value),
        allowed.join(", ")
    ))
}

/// The validator of an enum read by [`lower_enum`] or [`snake_enum`]: its refusal.
pub fn check_enum(cx: &mut Validator, read: Result<usize, String>) {
    if let Err(message) = read {
        cx.error(message);
    }
}

/// A constructor default (`x-azml-default`) for a field left `None`, read from
/// its JSON text by the field's own deserializer; the field stays `None` when
/// the text does not fit the type (which the generator's tests rule out for
/// the specs in this project).
pub fn default_into<T: DeserializeOwned>(field: &mut Option<T>, json: &str) {
    if field.is_none() {
        *field = serde_json::from_str(json).ok();
    }
}

/// `x-azml-exclusive`: for each pair given together, Python's
/// `"{a} and {b} are mutually exclusive"` on the first key.
pub fn exclusive(cx: &mut Validator, value: &Value, pairs: &[(&str, &str)]) {
    let Some(map) = value.as_object() else {
        return;
    };
    for (a, b) in pairs {
        let given = |k: &str| map.get(k).is_some_and(|v| !v.is_null());
        if given(a) && given(b) {
            cx.key_error(a, format!("{a} and {b} are mutually exclusive"));
        }
    }
}

/// Python's truthiness of a stored attribute: `None`, `False`, `0`, `""`,
/// `[]` and `{}` are false; every object is true.
pub fn truthy<T: DictValue>(field: &T) -> bool {
    match field.to_value() {
        Value::Null | Value::Bool(false) => false,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(items) => !items.is_empty(),
        Value::Object(map) => !map.is_empty(),
        Value::Bool(true) => true,
    }
}

/// `x-azml-inherit`: another type's field as this one's type — a copy when
/// the types are the same (Python's `copy.deepcopy` of the same object, a
/// resolved local path included), else its stored value read by this
/// field's reader, else its dumped form.
pub fn inherited<A: DictValue + 'static, B: DictValue + Clone + 'static>(from: &A) -> Option<B> {
    if let Some(same) = (from as &dyn std::any::Any).downcast_ref::<B>() {
        return Some(same.clone());
    }
    B::from_value(from.to_value())
        .or_else(|_| B::from_value(from.to_dict_value()))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn snake_enums_read_and_refuse_as_python() {
        let values = ["managed_identity"];
        let aliases = [("managed", "managed_identity")];
        assert_eq!(
            snake_enum(&json!("ManagedIdentity"), &values, &aliases),
            Ok(0)
        );
        assert_eq!(snake_enum(&json!("MANAGED"), &values, &aliases), Ok(0));
        assert_eq!(
            snake_enum(&json!("service_principal"), &values, &aliases),
            Err(
                "Value 'service_principal' passed is not in set ['managed', 'managed_identity']"
                    .into()
            )
        );
        assert!(lower_enum(&json!("ManagedIdentity"), &values, &aliases).is_err());
    }
}
