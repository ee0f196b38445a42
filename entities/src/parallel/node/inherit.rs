//! The anonymous component a node without one gets from its own settings
//! (`ParallelJob._to_component`). (What a node takes from its component is
//! declared in the spec, `x-azml-inherit`, and generated as
//! `ParallelNode::inherit_from`.)

use std::path::Path;

use serde_json::Map;

use super::binding_types::{input_of_text, output_of_text, PipelineScope};
use crate::component::anonymous;
use crate::fields::JobLiteral;
use crate::fields::NodeDataPath;
use crate::generated::{
    NodeDataInput, NodeDataOutput, NodeInput, NodeOutput, ParallelComponent, ParallelNode,
};
use azml::validate::{escape_segment, Issue};
use azml::{Document, Value};

/// The anonymous component of a node written without one: its interface
/// from the node's data inputs and outputs, its settings copied (a setting
/// that is a `${{...}}` binding is left out).
pub fn component_of_inline_job(
    node: &ParallelNode,
    base: &Path,
    scope: &PipelineScope<'_>,
) -> Result<ParallelComponent, Vec<Issue>> {
    let mut spec = Map::new();
    spec.insert("type".into(), "parallel".into());
    let mut issues = Vec::new();
    let mut inputs = Map::new();
    for (name, input) in node.inputs.iter().flatten() {
        match input.as_ref().map(|i| input_interface(i, scope)) {
            Some(Ok(Some(interface))) => {
                inputs.insert(name.clone(), interface);
            }
            Some(Err(message)) => issues.push(Issue::new(
                format!("/inputs/{}", escape_segment(name)),
                message,
            )),
            _ => {}
        }
    }
    spec.insert("inputs".into(), Value::Object(inputs));
    let mut outputs = Map::new();
    for (name, output) in node.outputs.iter().flatten() {
        let interface = match output {
            Some(NodeOutput::NodeDataOutput(NodeDataOutput {
                r#type: Some(t),
                mode,
                ..
            })) => {
                let mut interface = Map::new();
                interface.insert("type".into(), json(t));
                if let Some(mode) = mode {
                    interface.insert("mode".into(), json(mode));
                }
                Some(Value::Object(interface))
            }
            Some(NodeOutput::String(text)) => match output_of_text(text, scope) {
                Ok(interface) => interface,
                Err(message) => {
                    issues.push(Issue::new(
                        format!("/outputs/{}", escape_segment(name)),
                        message,
                    ));
                    None
                }
            },
            _ => None,
        };
        if let Some(interface) = interface {
            outputs.insert(name.clone(), interface);
        }
    }
    if !issues.is_empty() {
        return Err(issues);
    }
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
    ParallelComponent::from_value(&anonymous(Value::Object(spec)), base)
}

/// The component input a node input implies: a data input's type and
/// mode, a binding's source type, or a parameter of the literal's type with
/// the literal as default.
fn input_interface(input: &NodeInput, scope: &PipelineScope<'_>) -> Result<Option<Value>, String> {
    Ok(match input {
        // A binding, as `normalize_io` holds it.
        NodeInput::NodeDataInput(NodeDataInput {
            r#type: None,
            mode: None,
            path: Some(NodeDataPath(text)),
        }) if crate::fields::binding::is_binding(text) => Some(input_of_text(text, scope)?),
        NodeInput::NodeDataInput(NodeDataInput {
            r#type: Some(t),
            mode,
            ..
        }) => {
            let mut interface = Map::new();
            interface.insert("type".into(), json(t));
            if let Some(mode) = mode {
                interface.insert("mode".into(), json(mode));
            }
            Some(Value::Object(interface))
        }
        NodeInput::JobLiteral(literal) => {
            let (ty, default) = match literal {
                JobLiteral::Str(s) => ("string", Value::String(s.clone())),
                JobLiteral::Number(n) if n.is_f64() => ("number", Value::Number(n.clone())),
                JobLiteral::Number(n) => ("integer", Value::Number(n.clone())),
                JobLiteral::Bool(b) => ("boolean", Value::Bool(*b)),
            };
            Some(serde_json::json!({ "type": ty, "default": default }))
        }
        _ => None,
    })
}

/// A component's resources take integers only: bindings are left out.
fn without_bindings(mut resources: Value) -> Value {
    if let Some(map) = resources.as_object_mut() {
        map.retain(|_, v| !v.as_str().is_some_and(crate::fields::binding::is_binding));
    }
    resources
}

/// A field as JSON.
fn json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}
