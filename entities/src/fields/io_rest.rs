//! The REST forms of inputs and outputs, for every kind of node and job:
//! a pipeline node's (`BaseNode._to_rest_inputs`, `_to_rest_outputs`:
//! snake_case, bindings first) and a standalone job's
//! (`to_rest_dataset_literal_inputs`, `to_rest_data_outputs`: camelCase, in
//! the job's order). Bindings become literal inputs, data becomes typed
//! inputs and outputs with REST delivery modes, literals their Python `str()`.

use serde_json::{json, Map};

use crate::fields::binding::is_binding;
use crate::fields::port_slot::PortSlot;
use crate::fields::JobLiteral;
use crate::fields::NodeDataPath;
use crate::generated::{InputOutputMode, NodeDataInput, NodeDataOutput, NodeInput, NodeOutput};
use azml::{OrderedMap, Value};

/// `INPUT_MOUNT_MAPPING_TO_REST`.
pub fn input_mode(mode: InputOutputMode) -> Option<&'static str> {
    Some(match mode {
        InputOutputMode::Mount | InputOutputMode::RoMount => "ReadOnlyMount",
        InputOutputMode::RwMount => "ReadWriteMount",
        InputOutputMode::Download => "Download",
        InputOutputMode::EvalMount => "EvalMount",
        InputOutputMode::EvalDownload => "EvalDownload",
        InputOutputMode::Direct => "Direct",
        _ => return None,
    })
}

/// `OUTPUT_MOUNT_MAPPING_TO_REST`.
pub fn output_mode(mode: InputOutputMode) -> Option<&'static str> {
    Some(match mode {
        InputOutputMode::Mount | InputOutputMode::RwMount => "ReadWriteMount",
        InputOutputMode::Upload => "Upload",
        InputOutputMode::Direct => "Direct",
        _ => return None,
    })
}

fn wire<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// A literal input's REST value: Python's `str()` of it (`True`, `2.0`).
pub fn literal_text(literal: &JobLiteral) -> String {
    match literal {
        JobLiteral::Str(s) => s.clone(),
        JobLiteral::Number(n) => azml_pyio::py_repr::number_repr(n),
        JobLiteral::Bool(b) => if *b { "True" } else { "False" }.to_owned(),
    }
}

/// A node's inputs: bindings first, then data and literal inputs, each
/// group in the node's order.
pub fn node_inputs<I: PortSlot<NodeInput>>(inputs: Option<&OrderedMap<I>>) -> Map<String, Value> {
    let (mut bindings, mut others) = (Map::new(), Map::new());
    for (name, input) in inputs.into_iter().flatten() {
        let Some(input) = input.port() else { continue };
        match input {
            NodeInput::NodeDataInput(NodeDataInput { mode, r#type, path }) => match path {
                Some(p) if p.is_binding() => {
                    let mut out = json!({"value": p.0, "job_input_type": "literal"});
                    if let Some(m) = mode.and_then(input_mode) {
                        out["mode"] = m.into();
                    }
                    bindings.insert(name.clone(), out);
                }
                _ => {
                    let mut out = Map::new();
                    if let Some(NodeDataPath(uri)) = path {
                        out.insert("uri".into(), uri.clone().into());
                    }
                    if let Some(m) = mode.and_then(input_mode) {
                        out.insert("mode".into(), m.into());
                    }
                    let ty = r#type.map_or_else(|| "uri_folder".into(), |t| wire(&t));
                    out.insert("job_input_type".into(), ty);
                    others.insert(name.clone(), Value::Object(out));
                }
            },
            NodeInput::JobLiteral(literal) => {
                others.insert(
                    name.clone(),
                    json!({"value": literal_text(literal), "job_input_type": "literal"}),
                );
            }
            NodeInput::Other(value) => {
                others.insert(name.clone(), value.clone());
            }
        }
    }
    bindings.extend(others);
    bindings
}

/// A node's outputs: data outputs first, then bindings, each group in the
/// node's order.
pub fn node_outputs(outputs: Option<&OrderedMap<Option<NodeOutput>>>) -> Map<String, Value> {
    let (mut data, mut bindings) = (Map::new(), Map::new());
    for (name, output) in outputs.into_iter().flatten() {
        let Some(output) = output else { continue };
        match output {
            NodeOutput::String(binding) => {
                bindings.insert(name.clone(), json!({"value": binding, "type": "literal"}));
            }
            NodeOutput::NodeDataOutput(NodeDataOutput {
                name: asset,
                version,
                mode,
                r#type,
                path,
            }) => {
                let mut out = Map::new();
                let binding = path.as_ref().filter(|p| is_binding(p));
                if let Some(p) = binding {
                    out.insert("value".into(), p.clone().into());
                    out.insert("type".into(), "literal".into());
                } else if let Some(uri) = path {
                    out.insert("uri".into(), uri.clone().into());
                }
                if let Some(m) = mode.and_then(output_mode) {
                    out.insert("mode".into(), m.into());
                }
                if binding.is_none() {
                    let ty = r#type.map_or_else(|| "uri_folder".into(), |t| wire(&t));
                    out.insert("job_output_type".into(), ty);
                }
                if let Some(asset) = asset {
                    out.insert("name".into(), asset.clone().into());
                }
                if let Some(version) = version {
                    out.insert("version".into(), version.0.clone().into());
                }
                if binding.is_some() {
                    bindings.insert(name.clone(), Value::Object(out));
                } else {
                    data.insert(name.clone(), Value::Object(out));
                }
            }
            NodeOutput::Other(value) => {
                data.insert(name.clone(), value.clone());
            }
        }
    }
    data.extend(bindings);
    data
}

/// A standalone job's inputs (`to_rest_dataset_literal_inputs`), camelCase,
/// in the job's order: a binding or a literal as a literal input, data as
/// its typed input (uri without `azureml:`, REST mode).
pub fn job_inputs(inputs: Option<&OrderedMap<Option<NodeInput>>>) -> Map<String, Value> {
    let mut out = Map::new();
    for (name, input) in inputs.into_iter().flatten() {
        let rest = match input {
            None => json!({"jobInputType": "literal"}),
            Some(NodeInput::NodeDataInput(NodeDataInput { mode, r#type, path })) => match path {
                Some(p) if p.is_binding() => json!({"value": p.0, "jobInputType": "literal"}),
                _ => {
                    let mut rest = Map::new();
                    if let Some(NodeDataPath(uri)) = path {
                        rest.insert("uri".into(), uri.clone().into());
                    }
                    if let Some(m) = mode.and_then(input_mode) {
                        rest.insert("mode".into(), m.into());
                    }
                    let ty = r#type.map_or_else(|| "uri_folder".into(), |t| wire(&t));
                    rest.insert("jobInputType".into(), ty);
                    Value::Object(rest)
                }
            },
            Some(NodeInput::JobLiteral(literal)) => {
                json!({"value": literal_text(literal), "jobInputType": "literal"})
            }
            Some(NodeInput::Other(value)) => value.clone(),
        };
        out.insert(name.clone(), rest);
    }
    out
}

/// A standalone job's outputs (`to_rest_data_outputs`), camelCase, in the
/// job's order; a null output is a folder output.
pub fn job_outputs(outputs: Option<&OrderedMap<Option<NodeOutput>>>) -> Map<String, Value> {
    let mut out = Map::new();
    for (name, output) in outputs.into_iter().flatten() {
        let rest = match output {
            None => json!({"jobOutputType": "uri_folder"}),
            Some(NodeOutput::NodeDataOutput(NodeDataOutput {
                name: asset,
                version,
                mode,
                r#type,
                path,
            })) => {
                let mut rest = Map::new();
                if let Some(asset) = asset {
                    rest.insert("assetName".into(), asset.clone().into());
                }
                if let Some(uri) = path {
                    rest.insert("uri".into(), uri.clone().into());
                }
                if let Some(m) = mode.and_then(output_mode) {
                    rest.insert("mode".into(), m.into());
                }
                let ty = r#type.map_or_else(|| "uri_folder".into(), |t| wire(&t));
                rest.insert("jobOutputType".into(), ty);
                if let Some(version) = version {
                    rest.insert("assetVersion".into(), version.0.clone().into());
                }
                Value::Object(rest)
            }
            Some(NodeOutput::String(binding)) => {
                json!({"value": binding, "jobOutputType": "literal"})
            }
            Some(NodeOutput::Other(value)) => value.clone(),
        };
        out.insert(name.clone(), rest);
    }
    out
}
