//! The REST form of a node's inputs and outputs (`_to_rest_inputs`,
//! `_to_rest_outputs`): bindings become literal inputs, data becomes typed
//! job inputs and outputs with REST delivery modes.

use serde_json::{json, Map};

use crate::fields::JobLiteral;
use crate::fields::NodeDataPath;
use crate::generated::{InputOutputMode, NodeDataInput, NodeDataOutput, NodeInput, NodeOutput};
use azml::{OrderedMap, Value};

/// `INPUT_MOUNT_MAPPING_TO_REST`.
fn input_mode(mode: InputOutputMode) -> Option<&'static str> {
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
fn output_mode(mode: InputOutputMode) -> Option<&'static str> {
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

/// The inputs: bindings first, then data and literal inputs, each group in
/// the node's order.
pub fn inputs(inputs: Option<&OrderedMap<Option<NodeInput>>>) -> Map<String, Value> {
    let (mut bindings, mut others) = (Map::new(), Map::new());
    for (name, input) in inputs.into_iter().flatten() {
        let Some(input) = input else { continue };
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
                let text = match literal {
                    JobLiteral::Str(s) => s.clone(),
                    JobLiteral::Number(n) => azml_pyio::py_repr::number_repr(n),
                    JobLiteral::Bool(b) => if *b { "True" } else { "False" }.to_owned(),
                };
                others.insert(
                    name.clone(),
                    json!({"value": text, "job_input_type": "literal"}),
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

/// The outputs: data outputs first, then bindings, each group in the node's order.
pub fn outputs(outputs: Option<&OrderedMap<Option<NodeOutput>>>) -> Map<String, Value> {
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
                let binding = path.as_ref().filter(|p| p.is_binding());
                if let Some(p) = binding {
                    out.insert("value".into(), p.0.clone().into());
                    out.insert("type".into(), "literal".into());
                } else if let Some(NodeDataPath(uri)) = path {
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
