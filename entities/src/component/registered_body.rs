//! The body azure-ai-ml sends to register a component
//! (`Component._to_rest_object`): a `ComponentVersion` whose spec is the
//! component's REST form (with what the kind adds: `_source`, …),
//! `client_component_hash` of the dict itself, not anonymous, not archived;
//! and the spec read back.

use azml::{RestError, Value};
use serde_json::Map;

/// Where a registration body holds the component's spec.
pub const SPEC_PATH: &str = "properties.componentSpec";

/// The registration body of a component whose `client_component_hash` is
/// `hash` and whose spec (its REST form with the kind's additions) is `spec`;
/// `own_properties` are the component's `properties` as the body sends them
/// (`str()` of each value), before the hash.
pub(crate) fn registered_body<'a>(
    hash: String,
    spec: Value,
    description: Option<&str>,
    tags: impl Iterator<Item = (&'a String, &'a String)>,
    mut own_properties: Map<String, Value>,
) -> Value {
    own_properties.insert("client_component_hash".into(), Value::String(hash));
    let mut properties = Map::new();
    properties.insert("componentSpec".into(), spec);
    if let Some(description) = description {
        properties.insert("description".into(), description.into());
    }
    properties.insert("isAnonymous".into(), false.into());
    properties.insert("isArchived".into(), false.into());
    properties.insert("properties".into(), Value::Object(own_properties));
    properties.insert(
        "tags".into(),
        Value::Object(tags.map(|(k, v)| (k.clone(), v.clone().into())).collect()),
    );
    // Built in place: `json!` would copy the spec through serde.
    let mut body = Map::new();
    body.insert("properties".into(), Value::Object(properties));
    Value::Object(body)
}

/// The spec of a registration body, without `_source`.
///
/// # Errors
/// When the body holds no spec object.
pub(crate) fn registered_spec(rest: &Value) -> Result<Value, RestError> {
    let mut spec = rest
        .get("properties")
        .and_then(|p| p.get("componentSpec"))
        .filter(|s| s.is_object())
        .cloned()
        .ok_or_else(|| RestError::new("missing component spec").at(SPEC_PATH))?;
    if let Some(map) = spec.as_object_mut() {
        map.shift_remove("_source");
    }
    Ok(spec)
}
