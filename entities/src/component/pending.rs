//! How a node names its component in REST (`BaseNode._get_component_id`):
//! a registered component by its id, an unregistered one by its own body,
//! which azure-ai-ml registers (anonymously) before it sends the node; an
//! unregistered body is written `{"$component": <body>}`, as the parity
//! harness writes the object Python's encoder cannot serialize.

use azml::Value;
use serde_json::Map;

/// The key that marks a component still to be registered.
pub const PENDING_KEY: &str = "$component";

/// A registered component's id as `componentId` sends it: without
/// `azureml:` (`ArmVersionedStr`), a registry URI (`azureml://...`) as written.
pub fn registered_id(written: &str) -> &str {
    if written.starts_with("azureml://") {
        written
    } else {
        written.strip_prefix("azureml:").unwrap_or(written)
    }
}

/// The `_source` of a node naming a registered component
/// (`Component._resolve_component_source_from_id`).
pub fn registered_source(id: &str) -> super::ComponentSource {
    if id.starts_with("azureml://registries/") {
        super::ComponentSource::RemoteRegistry
    } else {
        super::ComponentSource::RemoteWorkspaceComponent
    }
}

/// An unregistered component's body, marked as such.
pub fn pending(body: Value) -> Value {
    let mut map = Map::new();
    map.insert(PENDING_KEY.into(), body);
    Value::Object(map)
}

/// A registration body made anonymous (`Component._to_rest_object` with
/// `_is_anonymous`): `isAnonymous` true and no `client_component_hash`.
pub fn anonymize(mut body: Value) -> Value {
    if let Some(properties) = body.get_mut("properties").and_then(Value::as_object_mut) {
        properties.insert("isAnonymous".into(), true.into());
        if let Some(own) = properties
            .get_mut("properties")
            .and_then(Value::as_object_mut)
        {
            own.shift_remove("client_component_hash");
        }
    }
    body
}
