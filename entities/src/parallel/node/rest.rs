//! The REST form of a parallel node (`Parallel._to_rest_object`): a plain
//! dict, not a generated model. Settings picked from the node's dict, then
//! the node's identity, inputs and outputs in REST form, then the component
//! id (or the unregistered component's own REST body) and the run settings
//! in their REST spelling (`mini_batch_size` an integer, `partition_keys` a
//! JSON string).

use serde_json::Map;

use crate::fields::io_rest;
use crate::generated::{JobIdentity, ParallelNode};
use crate::parallel::NodeComponent;
use azml::{RestError, Value};

/// The keys `_picked_fields_from_dict_to_rest_object` takes from the dict.
const PICKED: [&str; 8] = [
    "type",
    "resources",
    "error_threshold",
    "mini_batch_error_threshold",
    "environment_variables",
    "max_concurrency_per_instance",
    "task",
    "input_data",
];

impl ParallelNode {
    /// The node's REST form, as the body of a pipeline job sends it under
    /// `jobs.<name>`.
    ///
    /// # Errors
    /// A [`RestError`] when the node's component cannot be translated.
    pub fn to_rest(&self, name: &str) -> Result<Value, RestError> {
        let dict = azml::DictMixin::to_dict(self);
        let mut rest = Map::new();
        for key in PICKED {
            if let Some(v) = dict.get(key) {
                rest.insert(key.to_owned(), v.clone());
            }
        }
        let mut put = |key: &str, value: Option<Value>| {
            rest.insert(key.to_owned(), value.unwrap_or(Value::Null));
        };
        put("name", Some(name.into()));
        put("type", dict.get("type").cloned());
        put("display_name", self.display_name.clone().map(Value::from));
        put("tags", self.tags.as_ref().map(json));
        put("computeId", self.compute.as_ref().map(|c| c.name().into()));
        put(
            "inputs",
            Some(Value::Object(io_rest::node_inputs(self.inputs.as_ref()))),
        );
        put(
            "outputs",
            Some(Value::Object(io_rest::node_outputs(self.outputs.as_ref()))),
        );
        put("properties", self.properties.as_ref().map(json));
        put("_source", Some(self.source().as_str().into()));
        for (key, value) in &self.additional_properties {
            put(key, Some(value.clone()));
        }
        if let Some(comment) = &self.comment {
            put("comment", Some(comment.clone().into()));
        }
        // A placeholder keeps the key's place: the component's own body is
        // an object in Python when the dict is pruned, and is not pruned.
        put("componentId", Some(Value::Bool(true)));
        put("retry_settings", self.retry_settings.as_ref().map(json));
        put("logging_level", self.logging_level.as_ref().map(json));
        put(
            "mini_batch_size",
            self.mini_batch_size.as_ref().map(|m| m.rest_value()),
        );
        put(
            "partition_keys",
            self.partition_keys
                .as_ref()
                .map(|keys| Value::String(azml_pyio::python_json::dumps(&json(keys), false))),
        );
        put("identity", self.identity.as_ref().map(identity));
        put("resources", dict.get("resources").cloned());
        let mut rest = azml::dict::prune_empty(Value::Object(rest));
        match self.component_id()? {
            Some(id) => rest["componentId"] = id,
            None => {
                if let Some(map) = rest.as_object_mut() {
                    map.shift_remove("componentId");
                }
            }
        }
        Ok(rest)
    }

    /// `componentId`: a registered component's id without `azureml:`, or
    /// an unregistered component's REST body (it is registered on submit):
    /// anonymous for a parallel component, under its own name for a flow.
    fn component_id(&self) -> Result<Option<Value>, RestError> {
        Ok(match &self.component {
            Some(NodeComponent::Registered(id)) if id.starts_with("azureml://") => {
                Some(Value::String(id.clone()))
            }
            Some(NodeComponent::Registered(id)) => Some(Value::String(
                id.strip_prefix("azureml:").unwrap_or(id).to_owned(),
            )),
            Some(NodeComponent::Loaded(component, source)) => {
                let mut body = component.registration_body(*source)?;
                if let Some(properties) = body.get_mut("properties").and_then(Value::as_object_mut)
                {
                    properties.insert("isAnonymous".into(), true.into());
                    properties.insert("properties".into(), Value::Object(Map::new()));
                }
                Some(body)
            }
            Some(NodeComponent::Flow(flow)) => Some(flow.to_rest()?),
            Some(NodeComponent::File(written)) => Some(Value::String(written.clone())),
            Some(NodeComponent::Inline(value)) => Some(value.clone()),
            None => None,
        })
    }
}

fn json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// An identity in its REST spelling.
fn identity(identity: &JobIdentity) -> Value {
    let mut out = Map::new();
    match identity {
        JobIdentity::ManagedIdentity(m) => {
            out.insert("identity_type".into(), "Managed".into());
            for (key, value) in [
                ("client_id", &m.client_id),
                ("object_id", &m.object_id),
                ("resource_id", &m.msi_resource_id),
            ] {
                if let Some(v) = value {
                    out.insert(key.into(), v.clone().into());
                }
            }
        }
        JobIdentity::UserIdentity(_) => {
            out.insert("identity_type".into(), "UserIdentity".into());
        }
        JobIdentity::AmlTokenIdentity(_) => {
            out.insert("identity_type".into(), "AMLToken".into());
        }
        JobIdentity::Other(value) => return value.clone(),
    }
    Value::Object(out)
}
