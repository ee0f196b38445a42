//! [`OrderedMap`]: the string-keyed map of generated code, in document order.
//!
//! Azure ML YAML (`inputs`, `outputs`, `tags`) keeps the order its author wrote, and a round
//! trip must give the keys back in wire order; a `BTreeMap` would sort them. This module gives
//! the map the runtime's traits: [`Validate`], [`DictValue`], [`ExtraMap`](crate::ExtraMap) and [`RestField`].

use std::borrow::Cow;
use std::hash::BuildHasher;

use indexmap::IndexMap;

use crate::validate::{Validate, Validator};
use crate::{DictValue, RestError, RestField, Value, ValueError};

/// A string-keyed map that keeps insertion (document) order.
pub type OrderedMap<V> = IndexMap<String, V>;

impl<T: Validate, S> Validate for IndexMap<String, T, S> {
    fn validate(value: &Value, cx: &mut Validator) {
        if let Some(map) = cx.expect_object(value) {
            for (k, v) in map {
                cx.field(k, v, T::validate);
            }
        }
    }
}

impl<T: DictValue, S: BuildHasher + Default> DictValue for IndexMap<String, T, S> {
    fn to_value(&self) -> Value {
        Value::Object(
            self.iter()
                .map(|(k, v)| (k.clone(), v.to_value()))
                .collect(),
        )
    }
    fn from_value(value: Value) -> Result<Self, ValueError> {
        match value {
            Value::Object(entries) => entries
                .into_iter()
                .map(|(k, v)| match T::from_value(v) {
                    Ok(v) => Ok((k, v)),
                    Err(e) => Err(e.within(&format!(".{k}"))),
                })
                .collect(),
            other => Err(ValueError::new(Self::expected(), &other)),
        }
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

impl<T: RestField<R>, R, S: BuildHasher + Default> RestField<IndexMap<String, R, S>>
    for IndexMap<String, T, S>
{
    fn to_rest_field(&self) -> Result<IndexMap<String, R, S>, RestError> {
        self.iter()
            .map(|(k, v)| Ok((k.clone(), v.to_rest_field().map_err(|e| e.at(k))?)))
            .collect()
    }
    fn from_rest_field(rest: IndexMap<String, R, S>) -> Result<Self, RestError> {
        rest.into_iter()
            .map(|(k, r)| match T::from_rest_field(r) {
                Ok(v) => Ok((k, v)),
                Err(e) => Err(e.at(&k)),
            })
            .collect()
    }
}

impl<T: RestField<Value>, S: BuildHasher + Default> RestField<Value> for IndexMap<String, T, S> {
    fn to_rest_field(&self) -> Result<Value, RestError> {
        self.iter()
            .map(|(k, v)| Ok((k.clone(), v.to_rest_field().map_err(|e| e.at(k))?)))
            .collect::<Result<_, RestError>>()
            .map(Value::Object)
    }
    fn from_rest_field(rest: Value) -> Result<Self, RestError> {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_document_order_through_serde_and_dict_values() {
        let text = r#"{"zeta":1,"alpha":2,"mid":3}"#;
        let m: OrderedMap<i64> = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&m).unwrap(), text);
        let v = m.to_value();
        let back = OrderedMap::<i64>::from_value(v).unwrap();
        assert_eq!(back.keys().collect::<Vec<_>>(), ["zeta", "alpha", "mid"]);
        let issues = crate::validate::validate_value::<OrderedMap<i64>>(
            &serde_json::json!({"a": 1, "b": "x"}),
        );
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(issues[0].pointer, "/b");
    }
}
