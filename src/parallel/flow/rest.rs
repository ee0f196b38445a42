//! The REST body of a flow component (`FlowComponent._to_rest_object`):
//! the component's dict plus `_source`, `code` (the uploaded code's id,
//! `null` before upload) and `flow_file_name` as its spec; registered
//! under its own name (`isAnonymous: false`) with `client_component_hash`.
//! And the spec read back into a component.

use super::{FlowComponent, FLOW_COMPONENT_TYPE};
use crate::entities::ComponentVersionResource;
use crate::parallel::ComponentSource;
use crate::{OrderedMap, RestError, Value};

impl FlowComponent {
    /// The REST body of the component, as a node's `componentId` holds it.
    pub fn to_rest(&self) -> ComponentVersionResource {
        crate::parallel::registered_body::registered_body(
            self.to_dict(),
            |map| {
                map.insert("_source".into(), self.source.as_str().into());
                map.insert("code".into(), Value::Null);
                map.insert("flow_file_name".into(), self.flow_file_name.clone().into());
            },
            self.description.as_deref(),
            self.tags.iter(),
        )
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
        let strings = |value: Option<&Value>, at: &str| -> Result<OrderedMap<String>, RestError> {
            strings_of(value).map_err(|e| e.at(at))
        };
        let mut connections = OrderedMap::default();
        if let Some(Value::Object(nodes)) = map.get("connections") {
            for (node, settings) in nodes {
                connections.insert(
                    node.clone(),
                    strings(Some(settings), node).map_err(|e| e.at("connections"))?,
                );
            }
        }
        let source = text("_source")?
            .as_deref()
            .and_then(ComponentSource::parse)
            .unwrap_or_default();
        Ok(FlowComponent {
            name: text("name")?.unwrap_or_default(),
            version: text("version")?.unwrap_or_else(|| "1".to_owned()),
            display_name: text("display_name")?,
            description: text("description")?,
            tags: strings(map.get("tags"), "tags")?,
            is_deterministic: map
                .get("is_deterministic")
                .and_then(Value::as_bool)
                .unwrap_or(true),
            environment: map.get("environment").filter(|v| !v.is_null()).cloned(),
            variant: text("variant")?,
            column_mappings: OrderedMap::default(),
            connections,
            environment_variables: strings(
                map.get("environment_variables"),
                "environment_variables",
            )?,
            additional_includes: Vec::new(),
            flow_dir: None,
            flow_file_name: text("flow_file_name")?.unwrap_or_default(),
            source,
        })
    }
}

/// A mapping of strings, absent or null as empty.
fn strings_of(value: Option<&Value>) -> Result<OrderedMap<String>, RestError> {
    match value {
        None | Some(Value::Null) => Ok(OrderedMap::default()),
        Some(Value::Object(map)) => map
            .iter()
            .map(|(k, v)| match v {
                Value::String(s) => Ok((k.clone(), s.clone())),
                _ => Err(RestError::new("expected a string").at(k)),
            })
            .collect(),
        Some(_) => Err(RestError::new("expected a mapping of strings")),
    }
}
