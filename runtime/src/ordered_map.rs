//! [`OrderedMap`]: the string-keyed map of generated code, in document order.
//!
//! Azure ML YAML (`inputs`, `outputs`, `tags`) keeps the order its author wrote, and a round
//! trip must give the keys back in wire order; a `BTreeMap` would sort them. This module gives
//! the map the runtime's traits: [`Validate`] here, and `DictValue`, `ExtraMap` and `RestField`
//! beside the other maps' impls.

use indexmap::IndexMap;

use crate::validate::{Validate, Validator};
use crate::Value;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DictValue;

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
