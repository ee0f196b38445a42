//! The type of a component port made from a node input or output that is a
//! `${{parent...}}` binding, found as azure-ai-ml's `_to_input` /
//! `_to_output` find it (`ComponentTranslatableMixin`) when a job written in
//! a pipeline (a command or parallel node without a component) becomes a
//! component: from the pipeline's inputs or outputs, or from a port of
//! another job as that job is at that moment — a node (its component's
//! port, or what the node gives the port when its component is only
//! referenced), or a job written in place not translated yet (its port as
//! written).

use serde_json::{json, Map};

use azml::{OrderedMap, Value};

/// A port of a node, as a binding to it sees it
/// (`_find_source_from_other_jobs` on a `BaseNode`).
#[derive(Debug, Clone, PartialEq)]
pub enum PortView {
    /// A port of this type: declared by the node's component, or data the
    /// node gives an output of a referenced component.
    Typed(String),
    /// A port the node binds in turn: followed.
    Binding(String),
    /// A literal or data input of a node whose component is only
    /// referenced: no binding may name it.
    Unbindable,
}

/// A job of the pipeline, as a binding sees it.
#[derive(Debug, Clone)]
pub enum JobView<'a> {
    /// A job written in place that is not a node yet: its ports as written.
    Written(&'a Value),
    /// A node: its ports by `inputs` / `outputs` and name.
    Node {
        /// The inputs.
        inputs: OrderedMap<PortView>,
        /// The outputs.
        outputs: OrderedMap<PortView>,
    },
}

/// What a node's bindings can refer to: the pipeline's `inputs` and
/// `outputs` as written, and its jobs (empty for a node read on its own).
#[derive(Debug, Clone, Default)]
pub struct PipelineScope<'a> {
    inputs: Option<&'a Map<String, Value>>,
    outputs: Option<&'a Map<String, Value>>,
    jobs: OrderedMap<JobView<'a>>,
}

impl<'a> PipelineScope<'a> {
    /// The scope of a pipeline document (a job or a pipeline component)
    /// whose jobs are seen as `jobs`.
    pub fn new(pipeline: &'a Value, jobs: OrderedMap<JobView<'a>>) -> Self {
        let part = |key: &str| pipeline.get(key).and_then(Value::as_object);
        PipelineScope {
            inputs: part("inputs"),
            outputs: part("outputs"),
            jobs,
        }
    }
}

/// `ComponentJobConstants.INPUT_PATTERN`: `${{parent.inputs.…}}` or
/// `${{parent.jobs.…}}`, written without spaces.
fn is_input_binding(text: &str) -> bool {
    text.strip_prefix("${{parent.")
        .and_then(|rest| rest.strip_suffix("}}"))
        .is_some_and(|inner| inner.starts_with("inputs.") || inner.starts_with("jobs."))
}

/// `ComponentJobConstants.OUTPUT_PATTERN`: `${{parent.outputs.…}}`.
fn is_output_binding(text: &str) -> bool {
    text.strip_prefix("${{parent.outputs.")
        .is_some_and(|rest| rest.ends_with("}}"))
}

/// The name Python reads from `${{parent.inputs.NAME}}`:
/// `text.split(".")[2][:-2]` (so `x.y` gives an empty name, as in Python).
fn python_name(text: &str) -> String {
    let third = text.split('.').nth(2).unwrap_or("");
    let chars: Vec<char> = third.chars().collect();
    chars[..chars.len().saturating_sub(2)].iter().collect()
}

/// The component input of a node input written as `text`: a binding's
/// source type (and mode), or a string parameter defaulting to the text.
///
/// # Errors
/// Python's message when the binding names nothing it can type.
pub fn input_of_text(text: &str, scope: &PipelineScope<'_>) -> Result<Value, String> {
    if !is_input_binding(text) {
        return Ok(json!({"type": "string", "default": text}));
    }
    let (ty, mode) = source_type(text, scope, 0)?;
    Ok(port(ty, mode))
}

/// The component output of a node output written as `text`: a
/// `${{parent.outputs.NAME}}` binding gives the pipeline output's type and
/// mode, other text a string output (`_to_output`).
///
/// # Errors
/// Python's message when the pipeline has no such output.
pub fn output_of_text(text: &str, scope: &PipelineScope<'_>) -> Result<Value, String> {
    if !is_output_binding(text) {
        return Ok(json!({"type": "string"}));
    }
    let (ty, mode) = source_type(text, scope, 0)?;
    Ok(port(ty, mode))
}

fn port(ty: String, mode: Option<String>) -> Value {
    let mut out = Map::new();
    out.insert("type".into(), ty.into());
    if let Some(mode) = mode {
        out.insert("mode".into(), mode.into());
    }
    Value::Object(out)
}

/// How many bindings of other jobs' ports are followed before giving up: a
/// chain that binds back to itself makes Python recurse until it fails,
/// which it reports as an unfound source.
const MAX_CHAIN: usize = 64;

/// The message for a binding that is neither a pipeline's port nor another job's.
const ONLY_JOB_OR_PIPELINE: &str =
    "Job input in a pipeline can bind only to a job output or a pipeline input";

/// `_find_source_input_output_type`: type and mode of what a binding names,
/// `depth` bindings down a chain of other jobs' ports.
fn source_type(
    text: &str,
    scope: &PipelineScope<'_>,
    depth: usize,
) -> Result<(String, Option<String>), String> {
    for (prefix, declared_in, kind) in [
        ("${{parent.inputs.", scope.inputs, "input"),
        ("${{parent.outputs.", scope.outputs, "output"),
    ] {
        if text.starts_with(prefix) {
            return declared_in
                .and_then(|m| m.get(&python_name(text)))
                .map(declared)
                .ok_or_else(|| {
                    format!("Failed to find top level definition for {kind} binding {text}.")
                });
        }
    }
    if text.starts_with("${{parent.jobs.") {
        return other_job(text, scope, depth);
    }
    Err(ONLY_JOB_OR_PIPELINE.to_owned())
}

/// The type and mode of a pipeline input or output as written: a literal
/// gives its Python type's name; a mapping its `type` (`uri_folder` when
/// absent) and `mode`.
fn declared(source: &Value) -> (String, Option<String>) {
    let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_owned);
    match source {
        Value::Bool(_) => ("boolean".to_owned(), None),
        Value::Number(n) if n.is_f64() => ("number".to_owned(), None),
        Value::Number(_) => ("integer".to_owned(), None),
        Value::String(_) => ("string".to_owned(), None),
        Value::Object(map) => (
            text(map.get("type")).unwrap_or_else(|| "uri_folder".to_owned()),
            text(map.get("mode")),
        ),
        _ => ("uri_folder".to_owned(), None),
    }
}

/// `_find_source_from_other_jobs`: `${{parent.jobs.JOB.IO.NAME}}` names a
/// port of another job (its mode is never taken).
fn other_job(
    text: &str,
    scope: &PipelineScope<'_>,
    depth: usize,
) -> Result<(String, Option<String>), String> {
    let unfound = || format!("Failed to find referenced source for input binding {text}");
    if depth >= MAX_CHAIN {
        return Err(unfound());
    }
    let (job, io, name) = job_port(text)
        .ok_or_else(|| format!("Failed to find top level definition for job binding {text}."))?;
    let ty = match scope.jobs.get(job).ok_or_else(unfound)? {
        JobView::Node { inputs, outputs } => {
            let ports = match io {
                "inputs" => inputs,
                "outputs" => outputs,
                _ => return Err(unfound()),
            };
            match ports.get(name).ok_or_else(unfound)? {
                PortView::Typed(ty) => ty.clone(),
                PortView::Binding(binding) => source_type(binding, scope, depth + 1)?.0,
                PortView::Unbindable => return Err(ONLY_JOB_OR_PIPELINE.to_owned()),
            }
        }
        // A job not translated yet: `pydash.get(job, "IO.NAME")`.
        JobView::Written(job) => match job.get(io).and_then(|p| p.get(name)) {
            Some(Value::String(text)) => source_type(text, scope, depth + 1)?.0,
            Some(Value::Object(map)) => map
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("uri_folder")
                .to_owned(),
            _ => "uri_folder".to_owned(),
        },
    };
    Ok((ty, None))
}

/// The three parts of `${{parent.jobs.JOB.IO.NAME}}`
/// (`re.match(r"\${{parent.jobs.([^.]+).([^.]+).([^.]+)}}", text)`).
fn job_port(text: &str) -> Option<(&str, &str, &str)> {
    let inner = text.strip_prefix("${{parent.jobs.")?;
    let mut parts = inner.splitn(3, '.');
    let (job, io, rest) = (parts.next()?, parts.next()?, parts.next()?);
    let name = &rest[..rest.find("}}")?];
    (!job.is_empty() && !io.is_empty() && !name.is_empty() && !name.contains('.'))
        .then_some((job, io, name))
}

/// The ports of a node whose component declares them: each of the
/// component's inputs and outputs, of its declared type.
pub fn declared_ports<I: serde::Serialize, O: serde::Serialize>(
    inputs: Option<&OrderedMap<I>>,
    outputs: Option<&OrderedMap<O>>,
) -> JobView<'static> {
    fn typed<T: serde::Serialize>(ports: Option<&OrderedMap<T>>) -> OrderedMap<PortView> {
        let ports = ports.into_iter().flatten();
        ports
            .map(|(name, port)| (name.clone(), PortView::Typed(port_type(port))))
            .collect()
    }
    JobView::Node {
        inputs: typed(inputs),
        outputs: typed(outputs),
    }
}

/// The ports of a node whose component is only referenced: those the
/// node gives, each as `_find_source_from_other_jobs` sees it (data an
/// output carries gives its type; a binding is followed; a literal or data
/// input cannot be named by a binding; an unset port is a folder).
pub fn given_ports<I: crate::fields::port_slot::PortSlot<crate::generated::NodeInput>>(
    inputs: Option<&OrderedMap<I>>,
    outputs: Option<&OrderedMap<Option<crate::generated::NodeOutput>>>,
) -> JobView<'static> {
    use crate::generated::{NodeDataInput, NodeDataOutput, NodeInput, NodeOutput};
    let folder = || PortView::Typed("uri_folder".to_owned());
    let inputs = inputs
        .into_iter()
        .flatten()
        .map(|(name, input)| {
            let view = match input.port() {
                None => folder(),
                Some(NodeInput::NodeDataInput(NodeDataInput {
                    r#type: None,
                    mode: None,
                    path: Some(path),
                })) if path.is_binding() => PortView::Binding(path.0.clone()),
                Some(_) => PortView::Unbindable,
            };
            (name.clone(), view)
        })
        .collect();
    let outputs = outputs
        .into_iter()
        .flatten()
        .map(|(name, output)| {
            let view = match output {
                Some(NodeOutput::String(binding)) => PortView::Binding(binding.clone()),
                Some(NodeOutput::NodeDataOutput(NodeDataOutput {
                    r#type: Some(ty), ..
                })) => PortView::Typed(super::job_ports::wire(ty)),
                _ => folder(),
            };
            (name.clone(), view)
        })
        .collect();
    JobView::Node { inputs, outputs }
}

/// The `type` a port definition (any serializable port) declares.
fn port_type<T: serde::Serialize>(port: &T) -> String {
    serde_json::to_value(port)
        .ok()
        .and_then(|v| v.get("type").and_then(Value::as_str).map(str::to_owned))
        .unwrap_or_else(|| "uri_folder".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(pipeline: &Value) -> PipelineScope<'_> {
        let jobs = pipeline
            .get("jobs")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(|(k, v)| (k.clone(), JobView::Written(v)))
            .collect();
        PipelineScope::new(pipeline, jobs)
    }

    /// What azure-ai-ml 1.35.2 gave the component of a parallel job written
    /// in a pipeline (tests/parity/fixtures/pipeline/node_inline_bindings.yml
    /// holds the same pipeline; its golden is the full check).
    #[test]
    fn types_as_python_finds_them() {
        let pipeline = json!({
            "inputs": {"x": {"type": "uri_file", "path": "./src", "mode": "download"}, "n": 5, "s": "hello"},
            "outputs": {"o": {"type": "mltable"}},
            "jobs": {"prep": {"type": "command", "outputs": {"out": {"type": "uri_file"}}}}
        });
        let scope = written(&pipeline);
        let input = |t: &str| input_of_text(t, &scope).unwrap();
        assert_eq!(
            input("${{parent.inputs.x}}"),
            json!({"type": "uri_file", "mode": "download"})
        );
        assert_eq!(input("${{parent.inputs.n}}"), json!({"type": "integer"}));
        assert_eq!(input("${{parent.inputs.s}}"), json!({"type": "string"}));
        assert_eq!(
            input("${{parent.jobs.prep.outputs.out}}"),
            json!({"type": "uri_file"})
        );
        assert_eq!(
            input("${{parent.outputs.o}}"),
            json!({"type": "string", "default": "${{parent.outputs.o}}"})
        );
        assert_eq!(
            input("${{ parent.inputs.x }}"),
            json!({"type": "string", "default": "${{ parent.inputs.x }}"})
        );
        assert_eq!(
            output_of_text("${{parent.outputs.o}}", &scope).unwrap(),
            json!({"type": "mltable"})
        );
        assert_eq!(
            input_of_text("${{parent.inputs.missing}}", &scope).unwrap_err(),
            "Failed to find top level definition for input binding ${{parent.inputs.missing}}."
        );
        assert!(input_of_text("${{parent.jobs.nothere.outputs.x}}", &scope).is_err());
    }

    /// A node's ports as azure-ai-ml 1.35.2 typed bindings to them
    /// (a registered component's node: data, a binding, a literal input).
    #[test]
    fn node_ports_as_python_sees_them() {
        let pipeline = json!({"inputs": {"pi": {"type": "mltable"}}});
        let mut jobs = OrderedMap::new();
        jobs.insert(
            "c".to_owned(),
            JobView::Node {
                inputs: [
                    ("lit".to_owned(), PortView::Unbindable),
                    (
                        "b".to_owned(),
                        PortView::Binding("${{parent.inputs.pi}}".into()),
                    ),
                ]
                .into_iter()
                .collect(),
                outputs: [("o".to_owned(), PortView::Typed("mltable".into()))]
                    .into_iter()
                    .collect(),
            },
        );
        let scope = PipelineScope::new(&pipeline, jobs);
        let input = |t: &str| input_of_text(t, &scope);
        assert_eq!(
            input("${{parent.jobs.c.inputs.b}}"),
            Ok(json!({"type": "mltable"}))
        );
        assert_eq!(
            input("${{parent.jobs.c.outputs.o}}"),
            Ok(json!({"type": "mltable"}))
        );
        assert_eq!(
            input("${{parent.jobs.c.inputs.lit}}"),
            Err(ONLY_JOB_OR_PIPELINE.to_owned())
        );
        assert_eq!(
            input("${{parent.jobs.c.inputs.nothere}}"),
            Err("Failed to find referenced source for input binding ${{parent.jobs.c.inputs.nothere}}".to_owned())
        );
    }

    /// A port bound to itself: azure-ai-ml recurses until it fails and
    /// reports the source as not found; this stopped with a stack overflow.
    #[test]
    fn a_binding_cycle_is_an_unfound_source() {
        let pipeline = json!({"jobs": {"a": {"type": "command",
            "inputs": {"x": "${{parent.jobs.a.inputs.x}}"}}}});
        let scope = written(&pipeline);
        assert_eq!(
            input_of_text("${{parent.jobs.a.inputs.x}}", &scope).unwrap_err(),
            "Failed to find referenced source for input binding ${{parent.jobs.a.inputs.x}}"
        );
    }
}
