//! A `type: pipeline` node (azure-ai-ml `Pipeline`, `PipelineSchema`): a
//! pipeline component, registered or read from a file, run as one step.

use std::path::Path;

use azml::validate::Issue;
use azml::{RestError, Value};

use super::binding_types::{self, JobView};
use super::node_rest::{self, BaseFields};
use crate::fields::io_rest;
use crate::fields::job_io::{fit_ports, normalize_node_io, without_binding_types};
use crate::fields::json_form::json;
use crate::generated::PipelineNode;

impl PipelineNode {
    /// Loads a pipeline node held as a JSON value (`jobs.<name>` of a
    /// pipeline); its component file resolves against `base`, the
    /// pipeline file's folder, and its ports follow the component's.
    ///
    /// # Errors
    /// Every issue, with its JSON pointer relative to the node; a component
    /// file's own problems are placed in that file.
    pub fn from_node_value(value: &Value, base: &Path) -> Result<Self, Vec<Issue>> {
        let mut node: Self = azml::load::from_value(value)?;
        normalize_node_io(node.inputs.as_mut(), node.outputs.as_mut());
        node.component = std::mem::take(&mut node.component).load(base)?;
        if let Some(component) = node.component.component() {
            let (inputs, outputs) = (component.inputs.clone(), component.outputs.clone());
            fit_ports(&mut node.inputs, inputs.iter().flat_map(|m| m.keys()));
            fit_ports(&mut node.outputs, outputs.iter().flat_map(|m| m.keys()));
        }
        Ok(node)
    }

    /// The node as a pipeline's `_to_dict()` holds it: its dict, an input
    /// bound to another's data without its type.
    pub fn pipeline_dict(&self) -> Value {
        without_binding_types(azml::DictMixin::to_dict(self))
    }

    /// The node's REST form under the name `name` (`Pipeline._to_rest_object`):
    /// the node's own fields (its compute as written), then `componentId`.
    ///
    /// # Errors
    /// A [`RestError`] when its component's body cannot be built.
    pub fn node_rest(&self, name: &str) -> Result<Value, RestError> {
        let dict = self.pipeline_dict();
        let fields = BaseFields {
            name,
            r#type: "pipeline",
            display_name: self.display_name.as_deref(),
            tags: self.tags.as_ref().map(json),
            compute: self.compute.clone().map(Value::from),
            inputs: io_rest::node_inputs(self.inputs.as_ref()),
            outputs: io_rest::node_outputs(self.outputs.as_ref()),
            properties: self.properties.as_ref().map(json),
            source: self.component.source(),
            extra: &self.additional_properties,
            comment: self.comment.as_deref(),
        };
        let rest = node_rest::base(&dict, &[], fields);
        Ok(node_rest::with_component_id(
            rest,
            Some(self.component.component_id()?),
            [],
        ))
    }

    /// The node's ports as a binding to them sees them.
    pub fn binding_view(&self) -> JobView<'static> {
        match self.component.component() {
            Some(c) => binding_types::declared_ports(c.inputs.as_ref(), c.outputs.as_ref()),
            None => binding_types::given_ports(self.inputs.as_ref(), self.outputs.as_ref()),
        }
    }

    /// `Pipeline._customized_validate`: the inputs its component requires,
    /// and its component's own nodes (`PipelineComponent._customized_validate`).
    pub fn validate_nested(&self) -> Vec<Issue> {
        match self.component.component() {
            Some(component) => component.validate_structure(),
            None => Vec::new(),
        }
    }
}
