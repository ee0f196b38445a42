//! The REST body of a flow component (`FlowComponent._to_rest_object`):
//! the component's dict plus `_source`, `code` (the uploaded code's id,
//! `null` before upload) and `flow_file_name` as its spec; registered
//! under its own name (`isAnonymous: false`) with `client_component_hash`.
//! And the spec read back into a component.

use super::{FlowComponent, FLOW_COMPONENT_TYPE};
use crate::component::ComponentSource;
use crate::generated::FlowComponentSpec;
use azml::{RestError, Value};

impl FlowComponent {
    /// The REST body of the component, as a node's `componentId` holds it.
    ///
    /// # Errors
    /// A [`RestError`] naming a field that cannot be translated.
    pub fn to_rest(&self) -> Result<Value, RestError> {
        let dict = self.to_dict();
        let hash = crate::component::hash::client_component_hash(&dict);
        let mut spec = FlowComponentSpec::rest_of_dict(dict)?;
        if let Some(map) = spec.as_object_mut() {
            map.insert("_source".into(), self.source.as_str().into());
            map.insert("code".into(), Value::Null);
            map.insert("flow_file_name".into(), self.flow_file_name.clone().into());
        }
        Ok(crate::component::registered_body::registered_body(
            hash,
            spec,
            self.spec.description.as_deref(),
            self.spec.tags.iter().flatten(),
            serde_json::Map::new(),
        ))
    }

    /// Whether a REST component spec is a flow component's.
    pub fn is_rest_spec(spec: &Value) -> bool {
        spec.get("type").and_then(Value::as_str) == Some(FLOW_COMPONENT_TYPE)
    }

    /// Reads a component spec as [`FlowComponent::to_rest`] writes it (the
    /// flow folder is unknown: `code` is only an id once uploaded).
    /// azure-ai-ml cannot read a flow component back from REST at all.
    ///
    /// # Errors
    /// A [`RestError`] naming the field of the spec that cannot be read.
    pub fn from_rest_spec(spec: &Value) -> Result<Self, RestError> {
        let map = spec
            .as_object()
            .ok_or_else(|| RestError::new("a component spec is an object"))?;
        let text = |key: &str| -> Result<Option<String>, RestError> {
            match map.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(RestError::new("expected a string").at(key)),
            }
        };
        let source = text("_source")?
            .as_deref()
            .and_then(ComponentSource::parse)
            .unwrap_or_default();
        let flow_file_name = text("flow_file_name")?.unwrap_or_default();
        // The dict: the spec without what REST adds to it.
        let dict: serde_json::Map<String, Value> = map
            .iter()
            .filter(|(k, _)| !REST_ONLY.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let spec = azml::load::from_value::<FlowComponentSpec>(&Value::Object(dict))
            .map_err(|issues| RestError::of_issues(&issues))?;
        Ok(FlowComponent {
            spec,
            flow_file_name,
            source,
            ..FlowComponent::default()
        })
    }
}

/// What the REST spec holds beyond the component's dict.
const REST_ONLY: [&str; 3] = ["_source", "code", "flow_file_name"];
