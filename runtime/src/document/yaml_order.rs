//! The key order of azure-ai-ml's YAML dumps (`_to_ordered_dict_for_yaml_dump`):
//! a fixed list of common keys first (`$schema`, `name`, `version`, ...), then
//! the others alphabetically. Nested components, trials and pipeline nodes
//! are ordered the same way first, and, as in Python, each dict's extra keys
//! are appended to the one shared list, so a key first seen in a nested
//! dict keeps that earlier place in the dicts ordered after it.

use serde_json::Map;

use crate::Value;

/// The keys azure-ai-ml puts first, in this order.
const ORDER_KEYS: [&str; 16] = [
    "$schema",
    "name",
    "version",
    "display_name",
    "description",
    "tags",
    "type",
    "inputs",
    "outputs",
    "command",
    "environment",
    "code",
    "resources",
    "limits",
    "schedule",
    "jobs",
];

/// A dict in azure-ai-ml's YAML key order.
pub fn ordered_for_yaml(dict: Value) -> Value {
    let mut order: Vec<String> = ORDER_KEYS.iter().map(|k| (*k).to_owned()).collect();
    match dict {
        Value::Object(map) => Value::Object(sort(&mut order, map, 0)),
        other => other,
    }
}

/// Nesting stops here (components inside nodes inside pipelines is 3 deep).
const MAX_DEPTH: usize = 64;

fn sort(order: &mut Vec<String>, mut map: Map<String, Value>, depth: usize) -> Map<String, Value> {
    if depth < MAX_DEPTH {
        for nested in ["component", "trial"] {
            if let Some(Value::Object(inner)) = map.get_mut(nested) {
                let inner = std::mem::take(inner);
                map.insert(
                    nested.to_owned(),
                    Value::Object(sort(order, inner, depth + 1)),
                );
            }
        }
        if let Some(Value::Object(jobs)) = map.get_mut("jobs") {
            for node in jobs.values_mut() {
                if let Value::Object(inner) = node {
                    let inner = std::mem::take(inner);
                    *node = Value::Object(sort(order, inner, depth + 1));
                }
            }
        }
    }
    let mut extra: Vec<&String> = map.keys().filter(|k| !order.contains(k)).collect();
    extra.sort();
    let extra: Vec<String> = extra.into_iter().cloned().collect();
    order.extend(extra);
    let mut entries: Vec<(String, Value)> = map.into_iter().collect();
    entries.sort_by_key(|(k, _)| order.iter().position(|o| o == k));
    entries.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::ordered_for_yaml;
    use serde_json::json;

    #[test]
    fn common_keys_first_then_alphabetical_shared_across_nesting() {
        let dict = json!({"task": 1, "type": "parallel", "b": 2, "name": "n",
                          "component": {"zeta": 1, "alpha": 2, "name": "c"}});
        let ordered = ordered_for_yaml(dict);
        let keys: Vec<&String> = ordered.as_object().unwrap().keys().collect();
        // "alpha" and "zeta" joined the list while the component was ordered.
        assert_eq!(keys, ["name", "type", "b", "component", "task"]);
        let inner: Vec<&String> = ordered["component"].as_object().unwrap().keys().collect();
        assert_eq!(inner, ["name", "alpha", "zeta"]);
    }
}
