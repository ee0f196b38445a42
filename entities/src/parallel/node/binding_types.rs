//! The type of a component port made from a node input or output that is a
//! `${{parent...}}` binding, found as azure-ai-ml's `_to_input` /
//! `_to_output` find it (`ComponentTranslatableMixin`) when a parallel job
//! written in a pipeline becomes a component: from the pipeline's inputs or
//! outputs, or from the port of another job.

use serde_json::{json, Map};

use azml::Value;

/// What a node's bindings can refer to: the pipeline's `inputs`, `outputs`
/// and `jobs` as written (empty for a node read on its own).
#[derive(Debug, Clone, Copy, Default)]
pub struct PipelineScope<'a> {
    inputs: Option<&'a Map<String, Value>>,
    outputs: Option<&'a Map<String, Value>>,
    jobs: Option<&'a Map<String, Value>>,
}

impl<'a> PipelineScope<'a> {
    /// The scope of a pipeline document.
    pub fn of(pipeline: &'a Value) -> Self {
        let part = |key: &str| pipeline.get(key).and_then(Value::as_object);
        PipelineScope {
            inputs: part("inputs"),
            outputs: part("outputs"),
            jobs: part("jobs"),
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
/// Python's message when the binding names nothing in the pipeline.
pub fn input_of_text(text: &str, scope: &PipelineScope<'_>) -> Result<Value, String> {
    if !is_input_binding(text) {
        return Ok(json!({"type": "string", "default": text}));
    }
    let (ty, mode) = source_type(text, scope, 0)?;
    Ok(port(ty, mode))
}

/// The component output of a node output written as `text`, when it is a
/// `${{parent.outputs.NAME}}` binding: the pipeline output's type and mode.
///
/// # Errors
/// Python's message when the pipeline has no such output.
pub fn output_of_text(text: &str, scope: &PipelineScope<'_>) -> Result<Option<Value>, String> {
    if !is_output_binding(text) {
        return Ok(None);
    }
    let (ty, mode) = source_type(text, scope, 0)?;
    Ok(Some(port(ty, mode)))
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
        return other_job(text, scope, depth)
            .ok_or_else(|| format!("Failed to find referenced source for input binding {text}"));
    }
    Err("Job input in a pipeline can bind only to a job output or a pipeline input".to_owned())
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
/// port of another job; its type as that job writes it (a binding there is
/// followed in turn), else `uri_folder`. `None` when there is no such job
/// or port.
fn other_job(
    text: &str,
    scope: &PipelineScope<'_>,
    depth: usize,
) -> Option<(String, Option<String>)> {
    if depth >= MAX_CHAIN {
        return None;
    }
    let inner = text.strip_prefix("${{parent.jobs.")?;
    let inner = &inner[..inner.find("}}")?];
    let mut parts = inner.splitn(3, '.');
    let (job, io, name) = (parts.next()?, parts.next()?, parts.next()?);
    if name.contains('.') {
        return None;
    }
    let job = scope.jobs?.get(job)?;
    let port = job.get(io)?.get(name)?;
    let ty = match port {
        Value::Object(map) => map
            .get("type")
            .and_then(Value::as_str)
            .map_or_else(|| "uri_folder".to_owned(), str::to_owned),
        Value::String(binding) if binding.starts_with("${{parent.") => {
            let (ty, _) = source_type(binding, scope, depth + 1).ok()?;
            ty
        }
        _ => "uri_folder".to_owned(),
    };
    Some((ty, None))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let scope = PipelineScope::of(&pipeline);
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
            Some(json!({"type": "mltable"}))
        );
        assert_eq!(
            input_of_text("${{parent.inputs.missing}}", &scope).unwrap_err(),
            "Failed to find top level definition for input binding ${{parent.inputs.missing}}."
        );
        assert!(input_of_text("${{parent.jobs.nothere.outputs.x}}", &scope).is_err());
    }

    /// A port bound to itself: azure-ai-ml recurses until it fails and
    /// reports the source as not found; this stopped with a stack overflow.
    #[test]
    fn a_binding_cycle_is_an_unfound_source() {
        let pipeline = json!({"jobs": {"a": {"type": "command",
            "inputs": {"x": "${{parent.jobs.a.inputs.x}}"}}}});
        let scope = PipelineScope::of(&pipeline);
        assert_eq!(
            input_of_text("${{parent.jobs.a.inputs.x}}", &scope).unwrap_err(),
            "Failed to find referenced source for input binding ${{parent.jobs.a.inputs.x}}"
        );
    }
}
