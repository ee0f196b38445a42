//! azure-ai-ml's `convert_ordered_dict_to_dict`: a component's dict holds no
//! `None` and no empty dict, at any depth (lists included); empty lists stay.

use crate::Value;

/// Removes nulls and empty objects, children first, so an object that only
/// held such values goes too.
pub fn prune_empty(mut value: Value) -> Value {
    prune_in_place(&mut value);
    value
}

/// [`prune_empty`] without moving the value: maps keep their storage.
fn prune_in_place(value: &mut Value) {
    match value {
        Value::Object(map) => map.retain(|_, v| {
            prune_in_place(v);
            !is_empty_target(v)
        }),
        Value::Array(items) => items.retain_mut(|v| {
            prune_in_place(v);
            !is_empty_target(v)
        }),
        _ => {}
    }
}

/// `None` or `{}`.
fn is_empty_target(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Object(map) => map.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::prune_empty;
    use serde_json::json;

    #[test]
    fn removes_none_and_empty_dicts_recursively() {
        let pruned = prune_empty(json!({
            "a": null, "b": {}, "c": {"d": {"e": null}}, "f": [], "g": [null, {}, 1, {"h": {}}],
            "i": 0, "j": ""
        }));
        assert_eq!(pruned, json!({"f": [], "g": [1], "i": 0, "j": ""}));
    }
}
