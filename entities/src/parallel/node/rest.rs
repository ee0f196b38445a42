//! The REST form of a parallel node (`Parallel._to_rest_object`): a plain
//! dict, not a generated model. Settings picked from the node's dict, then
//! the node's identity, inputs and outputs in REST form, then the component
//! id (or the unregistered component's own REST body) and the run settings
//! in their REST spelling (`mini_batch_size` an integer, `partition_keys` a
//! JSON string).

use crate::fields::json_form::json;
use crate::fields::{io_rest, job_rest};
use crate::generated::ParallelNode;
use crate::parallel::NodeComponent;
use crate::pipeline::node_rest::{self, BaseFields};
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
        let fields = BaseFields {
            name,
            r#type: dict
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("parallel"),
            display_name: self.display_name.as_deref(),
            tags: self.tags.as_ref().map(json),
            compute: self.compute.as_ref().map(|c| c.name().into()),
            inputs: io_rest::node_inputs(self.inputs.as_ref()),
            outputs: io_rest::node_outputs(self.outputs.as_ref()),
            properties: self.properties.as_ref().map(json),
            source: self.source(),
            extra: &self.additional_properties,
            comment: self.comment.as_deref(),
        };
        let rest = node_rest::base(&dict, &PICKED, fields);
        let after = [
            ("retry_settings", self.retry_settings.as_ref().map(json)),
            ("logging_level", self.logging_level.as_ref().map(json)),
            (
                "mini_batch_size",
                self.mini_batch_size.as_ref().map(|m| m.rest_value()),
            ),
            (
                "partition_keys",
                self.partition_keys
                    .as_ref()
                    .map(|keys| Value::String(azml_pyio::python_json::dumps(&json(keys), false))),
            ),
            (
                "identity",
                self.identity
                    .as_ref()
                    .map(job_rest::identity)
                    .transpose()?
                    .map(job_rest::node_form),
            ),
            (
                "resources",
                job_rest::resources(self.resources.as_ref(), false).map(job_rest::node_form),
            ),
        ];
        Ok(node_rest::with_component_id(
            rest,
            self.component_id()?,
            after,
        ))
    }

    /// `componentId`: a registered component's id without `azureml:`, or
    /// an unregistered component's REST body (it is registered on submit):
    /// anonymous for a parallel component, under its own name for a flow.
    fn component_id(&self) -> Result<Option<Value>, RestError> {
        Ok(match &self.component {
            Some(NodeComponent::Registered(id)) => {
                Some(crate::component::pending::registered_id(id).into())
            }
            Some(NodeComponent::Loaded(component, source)) => Some(
                crate::component::pending::anonymize(component.registration_body(*source)?),
            ),
            Some(NodeComponent::Flow(flow)) => Some(flow.to_rest()?),
            Some(NodeComponent::File(written)) => Some(Value::String(written.clone())),
            Some(NodeComponent::Inline(value)) => Some(value.clone()),
            None => None,
        })
    }
}
