//! The ports of the component a job written in a pipeline becomes
//! (`ComponentTranslatableMixin._to_inputs` / `_to_outputs`, used by
//! `CommandJob._to_component` and `ParallelJob._to_component`): a binding
//! takes its source's type ([`super::binding_types`]), data its own type
//! and mode, a literal a parameter of its Python type with itself as
//! default, any other text a string.

use serde_json::{json, Map};

use super::binding_types::{input_of_text, output_of_text, PipelineScope};
use crate::fields::{JobLiteral, ParameterValue};
use crate::generated::ComponentInput;
use azml::validate::{escape_segment, Issue};
use azml::Value;

/// A job's input as `_to_input` classes it.
#[derive(Debug, Clone)]
pub enum InputValue<'a> {
    /// Text: a `${{parent...}}` binding, else a string literal.
    Text(&'a str),
    /// A literal of another type.
    Literal(&'a JobLiteral),
    /// Data (an `Input`): its type (`uri_folder` when absent) and mode.
    Data(Option<String>, Option<String>),
}

/// A job's output as `_to_output` classes it.
#[derive(Debug, Clone)]
pub enum OutputValue<'a> {
    /// None: a folder.
    Null,
    /// Text: a `${{parent.outputs...}}` binding, else a string output.
    Text(&'a str),
    /// Data (an `Output`): its type (`uri_folder` when absent) and mode.
    Data(Option<String>, Option<String>),
}

fn data_port(ty: Option<String>, mode: Option<String>) -> Value {
    let mut port = Map::new();
    port.insert(
        "type".into(),
        ty.unwrap_or_else(|| "uri_folder".into()).into(),
    );
    if let Some(mode) = mode {
        port.insert("mode".into(), mode.into());
    }
    Value::Object(port)
}

/// A component's inputs and outputs, as a component file writes them.
pub type Ports = (Map<String, Value>, Map<String, Value>);

/// The component inputs and outputs (as a component file would write
/// them) that a job's inputs and outputs define, in the job's order.
///
/// # Errors
/// Python's message for a binding that names nothing it can type, at the
/// job's `inputs.<name>` or `outputs.<name>`.
pub fn component_ports<'a>(
    inputs: impl Iterator<Item = (&'a String, InputValue<'a>)>,
    outputs: impl Iterator<Item = (&'a String, OutputValue<'a>)>,
    scope: &PipelineScope<'_>,
) -> Result<Ports, Vec<Issue>> {
    let mut issues = Vec::new();
    let mut at = |io: &str, name: &str, message: String| {
        issues.push(Issue::new(
            format!("/{io}/{}", escape_segment(name)),
            message,
        ));
    };
    let mut ins = Map::new();
    for (name, input) in inputs {
        let port = match input {
            InputValue::Text(text) => input_of_text(text, scope),
            InputValue::Literal(literal) => Ok(literal_port(literal)),
            InputValue::Data(ty, mode) => Ok(data_port(ty, mode)),
        };
        match port {
            Ok(port) => {
                ins.insert(name.clone(), port);
            }
            Err(message) => at("inputs", name, message),
        }
    }
    let mut outs = Map::new();
    for (name, output) in outputs {
        let port = match output {
            OutputValue::Null => Ok(data_port(None, None)),
            OutputValue::Text(text) => output_of_text(text, scope),
            OutputValue::Data(ty, mode) => Ok(data_port(ty, mode)),
        };
        match port {
            Ok(port) => {
                outs.insert(name.clone(), port);
            }
            Err(message) => at("outputs", name, message),
        }
    }
    if issues.is_empty() {
        Ok((ins, outs))
    } else {
        Err(issues)
    }
}

/// An enum's wire text (`uri_folder`, `ro_mount`).
pub fn wire<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// A literal's parameter: its Python type (`bool`, `int`, `float`, `str`)
/// with itself as default.
fn literal_port(literal: &JobLiteral) -> Value {
    let (ty, default) = match literal {
        JobLiteral::Str(s) => ("string", Value::String(s.clone())),
        JobLiteral::Number(n) if n.is_f64() => ("number", Value::Number(n.clone())),
        JobLiteral::Number(n) => ("integer", Value::Number(n.clone())),
        JobLiteral::Bool(b) => ("boolean", Value::Bool(*b)),
    };
    json!({ "type": ty, "default": default })
}

/// A component made from a job holds an integer literal's default as the
/// Python `int` itself, not through a float as a component file's number:
/// the defaults of the inputs such literals define, set exactly.
pub fn exact_integer_defaults<'a>(
    inputs: Option<&mut azml::OrderedMap<ComponentInput>>,
    literals: impl Iterator<Item = (&'a String, &'a JobLiteral)>,
) {
    let Some(inputs) = inputs else { return };
    for (name, literal) in literals {
        let JobLiteral::Number(n) = literal else {
            continue;
        };
        let exact = n
            .as_i64()
            .map(i128::from)
            .or_else(|| n.as_u64().map(i128::from));
        if let (Some(i), Some(ComponentInput::ParameterInput(p))) = (exact, inputs.get_mut(name)) {
            p.default = Some(ParameterValue::Int(i));
        }
    }
}
