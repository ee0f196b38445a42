//! What every node's REST form shares (`BaseNode._to_rest_object`): the
//! fields the kind picks from its dict, then the node's own fields (name,
//! type, display name, tags, compute, inputs and outputs in their node
//! REST form, properties, `_source`, its unknown keys, comment), with no
//! `None` and no empty dict; the kind then adds what it sends in its REST
//! spelling, and `componentId`.

use serde_json::Map;

use crate::component::ComponentSource;
use azml::Value;

/// The node's own fields, in the order `BaseNode._to_rest_object` writes them.
#[derive(Debug)]
pub struct BaseFields<'a> {
    /// The node's name (its key in `jobs`).
    pub name: &'a str,
    /// Its `type`.
    pub r#type: &'a str,
    /// `display_name`.
    pub display_name: Option<&'a str>,
    /// `tags`.
    pub tags: Option<Value>,
    /// `computeId`.
    pub compute: Option<Value>,
    /// Inputs in their node REST form.
    pub inputs: Map<String, Value>,
    /// Outputs in their node REST form.
    pub outputs: Map<String, Value>,
    /// `properties`.
    pub properties: Option<Value>,
    /// Where its component came from.
    pub source: ComponentSource,
    /// Keys the node schema does not have (`_get_attrs()`).
    pub extra: &'a Map<String, Value>,
    /// `comment`, sent only when set.
    pub comment: Option<&'a str>,
}

/// The REST form so far: the `picked` keys of the node's `dict` (those it
/// has, in this order), then `fields`; `componentId` is added by
/// [`with_component_id`].
pub fn base(dict: &Value, picked: &[&str], fields: BaseFields<'_>) -> Map<String, Value> {
    let mut rest = Map::new();
    for key in picked {
        if let Some(value) = dict.get(*key) {
            rest.insert((*key).to_owned(), value.clone());
        }
    }
    let mut put = |key: &str, value: Option<Value>| {
        rest.insert(key.to_owned(), value.unwrap_or(Value::Null));
    };
    put("name", Some(fields.name.into()));
    put("type", Some(fields.r#type.into()));
    put("display_name", fields.display_name.map(Value::from));
    put("tags", fields.tags);
    put("computeId", fields.compute);
    put("inputs", Some(Value::Object(fields.inputs)));
    put("outputs", Some(Value::Object(fields.outputs)));
    put("properties", fields.properties);
    put("_source", Some(fields.source.as_str().into()));
    for (key, value) in fields.extra {
        put(key, Some(value.clone()));
    }
    if let Some(comment) = fields.comment {
        put("comment", Some(comment.into()));
    }
    rest
}

/// The finished form: `componentId` added after the node's fields (before
/// what the kind adds in `after`; none for a node without a component),
/// then no `None` and no empty dict anywhere but in the component's own body.
pub fn with_component_id(
    mut rest: Map<String, Value>,
    component_id: Option<Value>,
    after: impl IntoIterator<Item = (&'static str, Option<Value>)>,
) -> Value {
    // A placeholder keeps the key's place through pruning.
    rest.insert("componentId".into(), Value::Bool(true));
    for (key, value) in after {
        if let Some(value) = value {
            rest.insert(key.to_owned(), value);
        }
    }
    let mut rest = azml::dict::prune_empty(Value::Object(rest));
    match (component_id, rest.as_object_mut()) {
        (Some(id), Some(map)) => {
            map.insert("componentId".into(), id);
        }
        (None, Some(map)) => {
            map.shift_remove("componentId");
        }
        _ => {}
    }
    rest
}
