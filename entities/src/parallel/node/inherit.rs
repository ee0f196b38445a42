//! The anonymous component a node without one gets from its own settings
//! (`ParallelJob._to_component`). (What a node takes from its component is
//! declared in the spec, `x-azml-inherit`, and generated as
//! `ParallelNode::inherit_from`.)

use std::path::Path;

use serde_json::Map;

use crate::component::anonymous;
use crate::fields::json_form::json;
use crate::fields::JobLiteral;
use crate::fields::NodeDataPath;
use crate::generated::{
    NodeDataInput, NodeDataOutput, NodeInput, NodeOutput, ParallelComponent, ParallelNode,
};
use crate::pipeline::job_ports::{
    component_ports, exact_integer_defaults, wire, InputValue, OutputValue,
};
use crate::pipeline::PipelineScope;
use azml::validate::Issue;
use azml::{Document, Value};

/// The anonymous component of a node written without one: its interface
/// from the node's inputs and outputs (`_to_inputs`, `_to_outputs`), its
/// settings copied (a setting that is a `${{...}}` binding is left out).
pub fn component_of_inline_job(
    node: &ParallelNode,
    base: &Path,
    scope: &PipelineScope<'_>,
) -> Result<ParallelComponent, Vec<Issue>> {
    let mut spec = Map::new();
    spec.insert("type".into(), "parallel".into());
    let inputs = node
        .inputs
        .iter()
        .flatten()
        .filter_map(|(name, input)| Some((name, input_value(input.as_ref()?)?)));
    let outputs = node
        .outputs
        .iter()
        .flatten()
        .map(|(name, output)| (name, output_value(output.as_ref())));
    let (inputs, outputs) = component_ports(inputs, outputs, scope)?;
    spec.insert("inputs".into(), Value::Object(inputs));
    spec.insert("outputs".into(), Value::Object(outputs));
    if let Some(input_data) = &node.input_data {
        spec.insert("input_data".into(), input_data.clone().into());
    }
    let mut copy = |key: &str, value: Option<Value>| {
        if let Some(v) =
            value.filter(|v| !v.as_str().is_some_and(crate::fields::binding::is_binding))
        {
            spec.insert(key.to_owned(), v);
        }
    };
    copy("logging_level", node.logging_level.as_ref().map(json));
    copy("task", node.task.as_ref().map(json));
    copy("mini_batch_size", node.mini_batch_size.as_ref().map(json));
    copy("partition_keys", node.partition_keys.as_ref().map(json));
    copy(
        "resources",
        node.resources.as_ref().map(|r| without_bindings(json(r))),
    );
    copy("retry_settings", node.retry_settings.as_ref().map(json));
    copy(
        "max_concurrency_per_instance",
        node.max_concurrency_per_instance.as_ref().map(json),
    );
    copy("error_threshold", node.error_threshold.as_ref().map(json));
    copy(
        "mini_batch_error_threshold",
        node.mini_batch_error_threshold.as_ref().map(json),
    );
    let mut component = ParallelComponent::from_value(&anonymous(Value::Object(spec)), base)?;
    exact_integer_defaults(
        component.inputs.as_mut(),
        node.inputs
            .iter()
            .flatten()
            .filter_map(|(name, input)| match input {
                Some(NodeInput::JobLiteral(literal)) => Some((name, literal)),
                _ => None,
            }),
    );
    Ok(component)
}

/// A node input as `_to_input` classes it: a binding as text, data as
/// its type and mode, a literal as itself.
fn input_value(input: &NodeInput) -> Option<InputValue<'_>> {
    Some(match input {
        NodeInput::NodeDataInput(NodeDataInput {
            r#type: None,
            mode: None,
            path: Some(NodeDataPath(text)),
        }) if crate::fields::binding::is_binding(text) => InputValue::Text(text),
        NodeInput::NodeDataInput(NodeDataInput { r#type, mode, .. }) => {
            InputValue::Data(r#type.as_ref().map(wire), mode.as_ref().map(wire))
        }
        NodeInput::JobLiteral(JobLiteral::Str(text)) => InputValue::Text(text),
        NodeInput::JobLiteral(literal) => InputValue::Literal(literal),
        NodeInput::Other(_) => return None,
    })
}

/// A node output as `_to_output` classes it.
fn output_value(output: Option<&NodeOutput>) -> OutputValue<'_> {
    match output {
        None | Some(NodeOutput::Other(_)) => OutputValue::Null,
        Some(NodeOutput::String(text)) => OutputValue::Text(text),
        Some(NodeOutput::NodeDataOutput(NodeDataOutput { r#type, mode, .. })) => {
            OutputValue::Data(r#type.as_ref().map(wire), mode.as_ref().map(wire))
        }
    }
}

/// A component's resources take integers only: bindings are left out.
fn without_bindings(mut resources: Value) -> Value {
    if let Some(map) = resources.as_object_mut() {
        map.retain(|_, v| !v.as_str().is_some_and(crate::fields::binding::is_binding));
    }
    resources
}
