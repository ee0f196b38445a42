//! A job's inputs and outputs as the node it becomes holds them, and the
//! component ports they define (`command_func._parse_input`,
//! `_parse_output`): data stays data (a binding path loses its type), a
//! literal defines a parameter of its Python type with itself as default,
//! an output defines a port of its type (a folder when it has none).

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::fields::binding::is_binding;
use crate::fields::port_slot::PortSlot;
use crate::fields::{DataPath, JobLiteral, NodeDataPath, ParameterValue};
use crate::generated::{
    AssetInput, AssetType, ComponentInput, ComponentOutput, InputOutputMode, JobInput, JobOutput,
    NodeDataInput, NodeDataOutput, NodeInput, NodeOutput, ParameterInput, ParameterType,
};
use azml::{OrderedMap, Value};

/// One enum as another through their shared wire text (`ro_mount`,
/// `uri_folder`).
fn recast<A: Serialize, B: DeserializeOwned>(value: &A) -> Option<B> {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| serde_json::from_value(v).ok())
}

/// A data input's parts: mode, type and path as written.
fn data_parts(
    input: &JobInput,
) -> Option<(
    Option<InputOutputMode>,
    Option<AssetType>,
    Option<&DataPath>,
)> {
    Some(match input {
        JobInput::JobDataInput(d) => (
            d.mode.as_ref().and_then(recast),
            d.r#type.as_ref().and_then(recast),
            d.path.as_ref(),
        ),
        JobInput::JobModelInput(m) => (
            m.mode.as_ref().and_then(recast),
            recast(&m.r#type),
            m.path.as_ref(),
        ),
        JobInput::JobMltableInput(t) => (
            t.mode.as_ref().and_then(recast),
            recast(&t.r#type),
            t.path.as_ref(),
        ),
        JobInput::JobLiteral(_) | JobInput::Other(_) => return None,
    })
}

/// The node's input: data as its mode, type and path (stored without
/// `azureml:`), a binding as a path with no type, a literal as itself.
pub fn node_input(input: &JobInput) -> NodeInput {
    if let Some((mode, r#type, path)) = data_parts(input) {
        let path =
            path.map(|p| NodeDataPath::from_value(&Value::String(p.0.clone())).unwrap_or_default());
        let binding = path.as_ref().is_some_and(NodeDataPath::is_binding);
        return NodeInput::NodeDataInput(NodeDataInput {
            mode,
            r#type: if binding { None } else { r#type },
            path,
        });
    }
    match input {
        JobInput::JobLiteral(JobLiteral::Str(s)) if is_binding(s) => {
            NodeInput::NodeDataInput(NodeDataInput {
                path: Some(NodeDataPath(s.clone())),
                ..NodeDataInput::default()
            })
        }
        JobInput::JobLiteral(literal) => NodeInput::JobLiteral(literal.clone()),
        other => NodeInput::Other(serde_json::to_value(other).unwrap_or_default()),
    }
}

/// The component input a job input defines: a port of the data's type
/// and mode, or a parameter of the literal's Python type
/// (`_to_input_builder_function`: bool, int, float, str) defaulting to it.
pub fn component_input(input: &JobInput) -> Option<ComponentInput> {
    if let Some((mode, r#type, _)) = data_parts(input) {
        return Some(ComponentInput::AssetInput(AssetInput {
            r#type: r#type.unwrap_or(AssetType::UriFolder),
            description: None,
            optional: None,
            default: None,
            mode,
        }));
    }
    let JobInput::JobLiteral(literal) = input else {
        return None;
    };
    let (r#type, default) = match literal {
        JobLiteral::Bool(b) => (ParameterType::Boolean, ParameterValue::Bool(*b)),
        JobLiteral::Number(n) => match n
            .as_i64()
            .map(i128::from)
            .or_else(|| n.as_u64().map(i128::from))
        {
            Some(i) => (ParameterType::Integer, ParameterValue::Int(i)),
            None => (
                ParameterType::Number,
                ParameterValue::Float(n.as_f64().unwrap_or_default()),
            ),
        },
        JobLiteral::Str(s) => (ParameterType::String, ParameterValue::Str(s.clone())),
    };
    Some(ComponentInput::ParameterInput(ParameterInput {
        r#type,
        optional: None,
        default: Some(default),
        description: None,
        max: None,
        min: None,
        r#enum: None,
    }))
}

/// The node's output: as written, a folder when it has no type; `None`
/// for a null output.
pub fn node_output(output: Option<&JobOutput>) -> Option<NodeOutput> {
    let output = output?;
    Some(NodeOutput::NodeDataOutput(NodeDataOutput {
        name: output.name.clone(),
        version: output.version.clone(),
        mode: output.mode.as_ref().and_then(recast),
        r#type: Some(
            output
                .r#type
                .as_ref()
                .and_then(recast)
                .unwrap_or(AssetType::UriFolder),
        ),
        path: output.path.clone(),
    }))
}

/// The component output a job output defines: its type (a folder when it
/// has none, or when the output is null) and mode.
pub fn component_output(output: Option<&JobOutput>) -> ComponentOutput {
    ComponentOutput {
        r#type: output
            .and_then(|o| o.r#type.as_ref())
            .and_then(recast)
            .unwrap_or(AssetType::UriFolder),
        description: None,
        mode: output.and_then(|o| o.mode.as_ref()).and_then(recast),
    }
}

/// `ComponentJobConstants.OUTPUT_PATTERN`: `${{parent.outputs.<name>}}`.
fn is_output_binding(text: &str) -> bool {
    text.strip_prefix("${{parent.outputs.")
        .is_some_and(|rest| rest.ends_with("}}"))
}

/// A node's inputs and outputs as the node holds them (`BaseNode.__init__`
/// building `NodeInput`s and `NodeOutput`s): a binding given as an input's
/// value is an input whose path is that binding; data given without a type
/// is a folder (`Input`'s default); an output written as a mapping holding
/// only a `${{parent.outputs...}}` path (and a type) is that binding
/// (`OutputBindingStr._deserialize`); an output's type defaults to uri_folder.
pub fn normalize_node_io<I: PortSlot<NodeInput>>(
    inputs: Option<&mut OrderedMap<I>>,
    outputs: Option<&mut OrderedMap<Option<NodeOutput>>>,
) {
    let inputs = inputs.into_iter().flat_map(|m| m.values_mut());
    for input in inputs.filter_map(PortSlot::port_mut) {
        match input {
            NodeInput::JobLiteral(JobLiteral::Str(s)) if is_binding(s) => {
                *input = NodeInput::NodeDataInput(NodeDataInput {
                    path: Some(NodeDataPath(s.clone())),
                    ..NodeDataInput::default()
                });
            }
            NodeInput::NodeDataInput(NodeDataInput { r#type, path, .. })
                if !path.as_ref().is_some_and(NodeDataPath::is_binding) =>
            {
                r#type.get_or_insert(AssetType::UriFolder);
            }
            _ => {}
        }
    }
    for output in outputs.into_iter().flat_map(|m| m.values_mut()).flatten() {
        if let NodeOutput::NodeDataOutput(NodeDataOutput {
            name: None,
            version: None,
            mode: None,
            path: Some(path),
            ..
        }) = output
        {
            if is_output_binding(path) {
                *output = NodeOutput::String(path.clone());
                continue;
            }
        }
        if let NodeOutput::NodeDataOutput(NodeDataOutput { r#type, .. }) = output {
            r#type.get_or_insert(AssetType::UriFolder);
        }
    }
}

/// A node's dict as a pipeline's `_to_dict()` holds it: an input bound to
/// another's data is dumped without its type (`_delete_type_for_binding`,
/// which the node schema's `pre_dump` applies), and an output whose path is
/// a `${{parent.outputs...}}` binding, with no mode, as that binding
/// (`OutputBindingStr._serialize`).
pub fn without_binding_types(mut dict: Value) -> Value {
    let outputs = dict
        .get_mut("outputs")
        .and_then(Value::as_object_mut)
        .into_iter()
        .flat_map(|outputs| outputs.values_mut());
    for output in outputs {
        let bound = output.get("mode").is_none()
            && output
                .get("path")
                .and_then(Value::as_str)
                .is_some_and(is_output_binding);
        if bound {
            *output = output["path"].clone();
        }
    }
    let inputs = dict
        .get_mut("inputs")
        .and_then(Value::as_object_mut)
        .into_iter()
        .flat_map(|inputs| inputs.values_mut());
    for input in inputs.filter_map(Value::as_object_mut) {
        if input
            .get("path")
            .and_then(Value::as_str)
            .is_some_and(is_binding)
        {
            input.shift_remove("type");
        }
    }
    dict
}

/// A node's ports fitted to those its component declares
/// (`_build_inputs_dict` / `_build_outputs_dict` with the component's
/// definitions): in the component's order, one it does not declare dropped.
pub fn fit_ports<'a, T>(
    ports: &mut Option<OrderedMap<T>>,
    declared: impl Iterator<Item = &'a String>,
) {
    if let Some(mut given) = ports.take() {
        *ports = Some(
            declared
                .filter_map(|name| given.shift_remove_entry(name.as_str()))
                .collect(),
        );
    }
}
