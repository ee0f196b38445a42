//! Input and output values: `--input` / `--output` first, then what the job
//! or node writes (a pipeline node's `${{parent.inputs.x}}` looked up in the
//! pipeline's inputs), then the component's defaults.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use azml::Value;

use super::Request;
use crate::job::{InputValue, Output};

/// Where the values of a job's inputs are written.
pub struct Values<'a> {
    /// The component's input declarations (`type`, `default`, `optional`), when there is a component.
    pub declared: Option<&'a serde_json::Map<String, Value>>,
    /// The job's or node's `inputs` as written.
    pub written: Option<&'a serde_json::Map<String, Value>>,
    /// The pipeline's `inputs` as written, for `${{parent.inputs.x}}`.
    pub parent: Option<&'a serde_json::Map<String, Value>>,
}

/// Literal parameter types; every other input type is data.
const LITERAL_TYPES: &[&str] = &["string", "integer", "number", "boolean"];

/// The inputs that have a value, and the names of the optional ones that do not.
pub fn resolve(
    at: &str,
    values: &Values<'_>,
    base: &Path,
    request: &Request,
) -> Result<(BTreeMap<String, InputValue>, Vec<String>), String> {
    let mut names: Vec<String> = Vec::new();
    for map in [values.declared, values.written].into_iter().flatten() {
        names.extend(map.keys().cloned());
    }
    for (name, _) in &request.inputs {
        if values.declared.is_some_and(|d| !d.contains_key(name)) {
            let known: Vec<&str> = values
                .declared
                .into_iter()
                .flat_map(|d| d.keys().map(String::as_str))
                .collect();
            return Err(format!(
                "--input {name}: the component has no such input (inputs: {})",
                known.join(", ")
            ));
        }
        names.push(name.clone());
    }
    names.sort();
    names.dedup();
    let mut resolved = BTreeMap::new();
    let mut absent = Vec::new();
    for name in names {
        let declaration = values.declared.and_then(|d| d.get(&name));
        let declared_type = declaration
            .and_then(|d| d.get("type"))
            .and_then(Value::as_str);
        let written = values.written.and_then(|w| w.get(&name));
        let given = request.inputs.iter().rev().find(|(n, _)| *n == name);
        let value = if let Some((_, text)) = given {
            Some(from_command_line(
                &name,
                text,
                declared_type,
                written,
                &request.cwd,
            )?)
        } else if let Some(written) = written.filter(|w| !w.is_null()) {
            from_document(at, &name, written, declared_type, base, values.parent)?
        } else {
            declaration
                .and_then(|d| d.get("default"))
                .map(|d| InputValue::Literal(python_str(d)))
        };
        match value {
            Some(value) => {
                resolved.insert(name, value);
            }
            None => {
                let optional = declaration
                    .and_then(|d| d.get("optional"))
                    .is_some_and(|o| o == &Value::Bool(true));
                if declaration.is_some() && !optional {
                    return Err(format!(
                        "{at}: input {name} is required (not optional, no default): give it with --input {name}=VALUE"
                    ));
                }
                absent.push(name);
            }
        }
    }
    Ok((resolved, absent))
}

/// `--input NAME=VALUE`: a path for a data input, a literal for the others.
fn from_command_line(
    name: &str,
    text: &str,
    declared_type: Option<&str>,
    written: Option<&Value>,
    cwd: &Path,
) -> Result<InputValue, String> {
    let data_type = match declared_type {
        Some(t) if LITERAL_TYPES.contains(&t) => None,
        Some(t) => Some(t.to_owned()),
        // A job declares nothing: data when the job writes a data input there.
        None => written.and_then(Value::as_object).map(|w| {
            w.get("type")
                .and_then(Value::as_str)
                .unwrap_or("uri_folder")
                .to_owned()
        }),
    };
    match data_type {
        Some(kind) => Ok(InputValue::Data {
            kind,
            path: local_path(name, text, cwd)?,
        }),
        None => {
            check_literal(name, text, declared_type)?;
            Ok(InputValue::Literal(text.to_owned()))
        }
    }
}

/// A literal given for a typed parameter must read as that type.
fn check_literal(name: &str, text: &str, declared_type: Option<&str>) -> Result<(), String> {
    let ok = match declared_type {
        Some("integer") => text.trim().parse::<i64>().is_ok(),
        Some("number") => text.trim().parse::<f64>().is_ok(),
        Some("boolean") => matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "1" | "0"
        ),
        _ => true,
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "--input {name}={text}: not a {} value",
            declared_type.unwrap_or("valid")
        ))
    }
}

/// A value written in the job or node.
fn from_document(
    at: &str,
    name: &str,
    written: &Value,
    declared_type: Option<&str>,
    base: &Path,
    parent: Option<&serde_json::Map<String, Value>>,
) -> Result<Option<InputValue>, String> {
    let (path, written_type) = match written {
        Value::Object(map) => (
            map.get("path").or_else(|| map.get("value")),
            map.get("type").and_then(Value::as_str),
        ),
        other => (Some(other), None),
    };
    let Some(path) = path.filter(|p| !p.is_null()) else {
        return Ok(None);
    };
    if let Some(binding) = path.as_str().and_then(binding_of) {
        return match binding.strip_prefix("parent.inputs.") {
            Some(parent_name) => {
                let Some(bound) = parent.and_then(|p| p.get(parent_name)) else {
                    return Err(format!(
                        "{at}: inputs.{name} is bound to ${{{{{binding}}}}}, which the pipeline does not define"
                    ));
                };
                let kind = declared_type.or(written_type);
                from_document(at, name, bound, kind, base, None)
            }
            None => Err(format!(
                "{at}: inputs.{name} is bound to ${{{{{binding}}}}}: give its value with --input {name}=VALUE"
            )),
        };
    }
    let data_type = declared_type
        .filter(|t| !LITERAL_TYPES.contains(t))
        .or(written_type)
        .or(written.is_object().then_some("uri_folder"));
    match data_type {
        Some(kind) if !LITERAL_TYPES.contains(&kind) => {
            let text = path
                .as_str()
                .ok_or_else(|| format!("{at}: inputs.{name}.path: {path} is not a path"))?;
            Ok(Some(InputValue::Data {
                kind: kind.to_owned(),
                path: local_path(name, text, base)
                    .map_err(|e| format!("{at}: inputs.{name}: {e}"))?,
            }))
        }
        _ => Ok(Some(InputValue::Literal(python_str(path)))),
    }
}

/// `${{x}}` → `x`.
fn binding_of(text: &str) -> Option<&str> {
    text.trim()
        .strip_prefix("${{")?
        .strip_suffix("}}")
        .map(str::trim)
}

/// A local path, absolute; cloud URIs and asset references are refused.
fn local_path(name: &str, text: &str, base: &Path) -> Result<PathBuf, String> {
    let text = text.strip_prefix("file:").unwrap_or(text);
    let lower = text.to_ascii_lowercase();
    let remote = [
        "azureml:", "http://", "https://", "wasbs://", "wasb://", "abfss://", "abfs://", "adl://",
        "s3://", "gs://",
    ];
    if remote.iter().any(|p| lower.starts_with(p)) {
        return Err(format!(
            "{text} is not a local path: give a local copy with --input {name}=PATH"
        ));
    }
    Ok(absolute(&base.join(text)))
}

/// `path` made absolute against the current folder, `.` and `..` removed.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Python's `str()` of a YAML value (`True`, `3`, `0.5`, text as is).
pub fn python_str(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Null => "None".into(),
        Value::Number(n) if n.is_f64() => {
            let f = n.as_f64().unwrap_or_default();
            if f.fract() == 0.0 && f.abs() < 1e16 {
                format!("{f:.1}")
            } else {
                n.to_string()
            }
        }
        other => other.to_string(),
    }
}

/// The outputs: declared by the component (or written by the job), paths
/// from `--output`, else from a job's local `path`, else the run folder's default.
pub fn outputs(
    at: &str,
    dict: &Value,
    layers: &[&Value],
    base: &Path,
    request: &Request,
) -> Result<BTreeMap<String, Output>, String> {
    let mut outputs = BTreeMap::new();
    // A node's component declares the types; a job writes them.
    let declared = layers
        .last()
        .and_then(|l| l.get("outputs"))
        .and_then(Value::as_object);
    let written = dict.get("outputs").and_then(Value::as_object);
    for map in [declared, written].into_iter().flatten() {
        for (name, value) in map {
            let kind = value
                .get("type")
                .and_then(Value::as_str)
                .or_else(|| outputs.get(name).map(|o: &Output| o.kind.as_str()))
                .unwrap_or("uri_folder")
                .to_owned();
            let path = value
                .get("path")
                .and_then(Value::as_str)
                .filter(|p| binding_of(p).is_none())
                .and_then(|p| local_path(name, p, base).ok());
            let previous = outputs.insert(name.clone(), Output { kind, path: None });
            let entry = outputs.get_mut(name).expect("just inserted");
            entry.path = path.or(previous.and_then(|p| p.path));
        }
    }
    for (name, path) in &request.outputs {
        let Some(output) = outputs.get_mut(name) else {
            let known: Vec<&str> = outputs.keys().map(String::as_str).collect();
            return Err(format!(
                "{at}: --output {name}: no such output (outputs: {})",
                known.join(", ")
            ));
        };
        output.path = Some(absolute(&request.cwd.join(path)));
    }
    Ok(outputs)
}
