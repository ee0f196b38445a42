//! Which kind of Azure ML document a YAML value is, decided from its content
//! as the CLI and the SDK's loaders decide it.

use std::fmt;

use azml::Value;

/// The kinds of documents azml knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentKind {
    /// A standalone parallel task (`type: run_function|model|function`, `entry_script`, ...).
    ParallelTask,
    /// A parallel component (`type: parallel` with a task and no job keys).
    ParallelComponent,
    /// A standalone parallel job (`type: parallel` with `compute` or `component`).
    ParallelJob,
    /// A pipeline job or pipeline component (`jobs:`).
    Pipeline,
    /// Anything else; the `type` if there is one.
    Other(Option<String>),
}

/// Keys only a task has.
const TASK_MARKERS: &[&str] = &[
    "entry_script",
    "environment",
    "code",
    "program_arguments",
    "append_row_to",
];
/// Keys a task never has.
const NOT_TASK_KEYS: &[&str] = &[
    "$schema",
    "name",
    "endpoint_name",
    "inputs",
    "outputs",
    "compute",
    "settings",
    "code_configuration",
];

/// A `type: parallel` document is a component or a job: its `$schema` says
/// which when it has one; otherwise keys only one of them has decide
/// (`component` and `compute` belong to jobs, `version` and
/// `is_deterministic` to components, and a component may carry unknown keys).
fn parallel_kind(map: &serde_json::Map<String, Value>) -> DocumentKind {
    let schema = map
        .get("$schema")
        .and_then(Value::as_str)
        .map(str::to_lowercase)
        .unwrap_or_default();
    if schema.contains("component") {
        return DocumentKind::ParallelComponent;
    }
    if schema.contains("job") || map.contains_key("component") {
        return DocumentKind::ParallelJob;
    }
    if map.contains_key("version") || map.contains_key("is_deterministic") {
        return DocumentKind::ParallelComponent;
    }
    if map.contains_key("compute") {
        return DocumentKind::ParallelJob;
    }
    DocumentKind::ParallelComponent
}

impl DocumentKind {
    /// Decides the kind of a loaded document.
    pub fn detect(value: &Value) -> DocumentKind {
        let Some(map) = value.as_object() else {
            return DocumentKind::Other(None);
        };
        let ty = map.get("type").and_then(Value::as_str);
        if map.get("jobs").is_some_and(Value::is_object) || ty == Some("pipeline") {
            return DocumentKind::Pipeline;
        }
        match ty.map(str::to_lowercase).as_deref() {
            Some("parallel") => parallel_kind(map),
            // A task names what to run and has no identity or interface of
            // its own (a batch deployment also says `type: model`).
            Some("run_function" | "model" | "function")
                if TASK_MARKERS.iter().any(|k| map.contains_key(*k))
                    && !NOT_TASK_KEYS.iter().any(|k| map.contains_key(*k)) =>
            {
                DocumentKind::ParallelTask
            }
            _ => DocumentKind::Other(ty.map(str::to_owned)),
        }
    }

    /// A short name: `parallel task`, `parallel component`, ...
    pub fn name(&self) -> String {
        match self {
            DocumentKind::ParallelTask => "parallel task".into(),
            DocumentKind::ParallelComponent => "parallel component".into(),
            DocumentKind::ParallelJob => "parallel job".into(),
            DocumentKind::Pipeline => "pipeline".into(),
            DocumentKind::Other(Some(ty)) => format!("`{ty}` document"),
            DocumentKind::Other(None) => "document without a type".into(),
        }
    }
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::DocumentKind::*;
    use super::*;
    use serde_json::json;

    #[test]
    fn kinds() {
        assert_eq!(
            DocumentKind::detect(&json!({"type": "Run_Function", "entry_script": "a.py"})),
            ParallelTask
        );
        assert_eq!(
            DocumentKind::detect(&json!({"type": "parallel", "task": {}})),
            ParallelComponent
        );
        assert_eq!(
            DocumentKind::detect(&json!({"type": "parallel", "compute": "c"})),
            ParallelJob
        );
        assert_eq!(DocumentKind::detect(&json!({"jobs": {}})), Pipeline);
        let deployment = json!({"name": "d", "endpoint_name": "e", "type": "model", "environment": "azureml:e:1"});
        assert_eq!(
            DocumentKind::detect(&deployment),
            Other(Some("model".into()))
        );
        assert_eq!(
            DocumentKind::detect(&json!({"type": "command"})),
            Other(Some("command".into()))
        );
        assert_eq!(DocumentKind::detect(&json!([1])), Other(None));
    }
}
