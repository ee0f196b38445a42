//! Reading a flow definition (`FlowSchema`) or a flow run (`RunSchema`) as
//! azure-ai-ml's `Component._load` does when a parallel node names one:
//! the fields it knows are checked (strings, string mappings, the name's
//! pattern, paths that must exist, the `azureml` overrides), the others are
//! ignored; then the flow folder and file are found as `FlowComponent`
//! finds them and a run's flow file lends its environment variables.

use std::path::{Path, PathBuf};

use super::text::{is_component_name, pathlib_name, python_str};
use super::{FlowComponent, FLOW_COMPONENT_TYPE};
use crate::component::ComponentSource;
use crate::fields::{EnvironmentRef, PythonBool};
use azml::validate::{escape_segment, Issue};
use azml::{OrderedMap, Value};

/// `$schema` of a flow definition (`flow.dag.yaml`).
pub const FLOW_SCHEMA: &str =
    "https://azuremlschemas.azureedge.net/promptflow/latest/Flow.schema.json";
/// `$schema` of a flow run.
pub const RUN_SCHEMA: &str =
    "https://azuremlschemas.azureedge.net/promptflow/latest/Run.schema.json";
/// The flow file a flow folder holds.
const FLOW_FILE: &str = "flow.dag.yaml";

/// Whether a component document is a prompt flow (`Component._is_flow`):
/// its `$schema` is exactly the flow's or the run's, and its `type` is
/// absent or `promptflow_parallel`.
pub fn is_flow_document(value: &Value) -> bool {
    let Some(map) = value.as_object() else {
        return false;
    };
    let schema = map.get("$schema").and_then(Value::as_str);
    let ty = map.get("type").filter(|t| !t.is_null());
    matches!(schema, Some(FLOW_SCHEMA | RUN_SCHEMA))
        && ty.is_none_or(|t| t.as_str() == Some(FLOW_COMPONENT_TYPE))
}

/// Collects the issues of one document while its fields are read.
struct Fields<'a> {
    map: &'a serde_json::Map<String, Value>,
    base: &'a Path,
    issues: Vec<Issue>,
}

impl Fields<'_> {
    fn issue(&mut self, pointer: String, message: impl Into<String>) {
        self.issues.push(Issue::new(pointer, message));
    }

    /// A `fields.Str()`.
    fn string(&mut self, key: &str) -> Option<String> {
        match self.map.get(key)? {
            Value::String(s) => Some(s.clone()),
            Value::Null => {
                self.issue(pointer(&[key]), "Field may not be null.");
                None
            }
            other => {
                let message = not_a_string(other);
                self.issue(pointer(&[key]), message);
                None
            }
        }
    }

    /// A `fields.Dict(keys=Str, values=Str)`.
    fn strings(&mut self, key: &str) -> OrderedMap<String> {
        let value = self.map.get(key);
        let mut issues = Vec::new();
        let out = value.map_or_else(OrderedMap::default, |v| {
            string_map(v, &pointer(&[key]), &mut issues)
        });
        self.issues.extend(issues);
        out
    }

    /// A `LocalPathField()`: the path must name a file or folder.
    fn local_path(&mut self, at: String, value: &Value) -> Option<String> {
        let Value::String(path) = value else {
            self.issue(at, not_a_string(value));
            return None;
        };
        if self.base.join(path).exists() {
            Some(path.clone())
        } else {
            self.issue(
                at,
                format!(
                    "Can't find file or folder in resolved absolute path: {}.",
                    self.base.join(path).display()
                ),
            );
            None
        }
    }
}

fn not_a_string(value: &Value) -> String {
    if value.is_null() {
        "Field may not be null.".to_owned()
    } else {
        format!("Not a valid string: {}.", azml::validate::describe(value))
    }
}

fn pointer(segments: &[&str]) -> String {
    segments
        .iter()
        .map(|s| format!("/{}", escape_segment(s)))
        .collect()
}

/// A mapping whose values are strings (`fields.Dict(Str, Str)`).
fn string_map(value: &Value, at: &str, issues: &mut Vec<Issue>) -> OrderedMap<String> {
    let mut out = OrderedMap::default();
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                match v {
                    Value::String(s) => {
                        out.insert(k.clone(), s.clone());
                    }
                    other => issues.push(Issue::new(
                        format!("{at}/{}", escape_segment(k)),
                        not_a_string(other),
                    )),
                }
            }
        }
        Value::Null => issues.push(Issue::new(at, "Field may not be null.")),
        other => issues.push(Issue::new(
            at,
            format!(
                "Not a valid mapping type: {}.",
                azml::validate::describe(other)
            ),
        )),
    }
    out
}

impl FlowComponent {
    /// Loads a flow document read from `file` (a flow definition or a flow
    /// run, as [`is_flow_document`] tells); relative paths resolve against
    /// the file's folder.
    ///
    /// # Errors
    /// Every issue, with its JSON pointer in the document; a problem with
    /// the flow a run names is filed under `/flow`.
    pub fn from_value(value: &Value, file: &Path) -> Result<Self, Vec<Issue>> {
        let Some(map) = value.as_object() else {
            return Err(vec![Issue::new("", "expected a flow mapping")]);
        };
        // Component._load makes the base path absolute (without resolving `..`).
        let file = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let base = file.parent().unwrap_or(Path::new("/")).to_path_buf();
        let is_run = map.get("$schema").and_then(Value::as_str) == Some(RUN_SCHEMA);
        let mut f = Fields {
            map,
            base: &base,
            issues: Vec::new(),
        };
        let name = f.string("name");
        if let Some(name) = &name {
            if !is_component_name(name) {
                f.issue(
                    pointer(&["name"]),
                    format!(
                        "Component name should only contain lower letter, number, underscore and start with a lower letter. Currently got {name}."
                    ),
                );
            }
        }
        let version = f.string("version");
        let display_name = f.string("display_name");
        let description = f.string("description");
        let tags = f.strings("tags");
        let environment_variables = f.strings("environment_variables");
        let (is_deterministic, environment) = overrides(&mut f);
        let mut component = FlowComponent {
            source: ComponentSource::YamlComponent,
            ..FlowComponent::default()
        };
        let spec = &mut component.spec;
        spec.version = version
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| "1".to_owned());
        spec.display_name = display_name;
        spec.description = description;
        spec.tags = Some(tags);
        spec.is_deterministic = is_deterministic.unwrap_or(true);
        spec.environment = environment;
        spec.environment_variables = Some(environment_variables);
        let flow_dir = if is_run {
            component.spec.variant = f.string("variant");
            component.column_mappings = f.strings("column_mappings");
            component.spec.connections = Some(connections(&mut f));
            run_flow(&mut f, &file, &mut component)
        } else {
            component.additional_includes = additional_includes(&mut f);
            component.flow_file_name = file_name(&file);
            Some(base.clone())
        };
        if !f.issues.is_empty() {
            return Err(f.issues);
        }
        let flow_dir = flow_dir.unwrap_or(base);
        component.spec.name = match name.filter(|n| !n.is_empty()) {
            Some(name) => name,
            None => pathlib_name(&flow_dir).replace('-', "_"),
        };
        component.flow_dir = Some(flow_dir);
        Ok(component)
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `azureml: {is_deterministic, environment}`; other keys are errors.
fn overrides(f: &mut Fields<'_>) -> (Option<bool>, Option<Value>) {
    let Some(value) = f.map.get("azureml") else {
        return (None, None);
    };
    let Value::Object(map) = value else {
        let message = if value.is_null() {
            "Field may not be null.".to_owned()
        } else {
            format!("Invalid input type: {}.", azml::validate::describe(value))
        };
        f.issue(pointer(&["azureml"]), message);
        return (None, None);
    };
    let mut is_deterministic = None;
    let mut environment = None;
    for (key, value) in map {
        let at = pointer(&["azureml", key]);
        match key.as_str() {
            "is_deterministic" => match PythonBool::from_value(value) {
                Ok(b) => is_deterministic = Some(b.0),
                Err(message) => f.issue(at, message),
            },
            "environment" => match azml::load::from_value::<EnvironmentRef>(value) {
                Ok(mut env) => match env.resolve_files(f.base) {
                    Ok(()) => environment = Some(env.dump()),
                    Err(message) => f.issue(at, message),
                },
                Err(issues) => f.issues.extend(issues.into_iter().map(|i| Issue {
                    pointer: format!("{at}{}", i.pointer),
                    ..i
                })),
            },
            _ => f.issues.push(Issue::on_key(at, "Unknown field.")),
        }
    }
    (is_deterministic, environment)
}

/// A run's `connections`: node name to a mapping of strings.
fn connections(f: &mut Fields<'_>) -> OrderedMap<OrderedMap<String>> {
    let mut out = OrderedMap::default();
    let Some(value) = f.map.get("connections") else {
        return out;
    };
    let Value::Object(nodes) = value else {
        f.issue(
            pointer(&["connections"]),
            format!(
                "Not a valid mapping type: {}.",
                azml::validate::describe(value)
            ),
        );
        return out;
    };
    for (node, settings) in nodes {
        let mut issues = Vec::new();
        let settings = string_map(settings, &pointer(&["connections", node]), &mut issues);
        f.issues.extend(issues);
        out.insert(node.clone(), settings);
    }
    out
}

/// A flow definition's `additional_includes`: paths that must exist.
fn additional_includes(f: &mut Fields<'_>) -> Vec<String> {
    match f.map.get("additional_includes") {
        None => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                f.local_path(pointer(&["additional_includes", &i.to_string()]), item)
            })
            .collect(),
        Some(other) => {
            let message = if other.is_null() {
                "Field may not be null.".to_owned()
            } else {
                format!("Not a valid list: {}.", azml::validate::describe(other))
            };
            f.issue(pointer(&["additional_includes"]), message);
            Vec::new()
        }
    }
}

/// A run's flow: its folder and file (`_get_flow_definition`), and what
/// the flow file lends the run (its `additional_includes`, and its
/// environment variables under the run's own). Without `flow`, the run
/// file itself is taken as the flow file, as azure-ai-ml does.
fn run_flow(f: &mut Fields<'_>, run_file: &Path, component: &mut FlowComponent) -> Option<PathBuf> {
    let Some(value) = f.map.get("flow") else {
        component.flow_file_name = file_name(run_file);
        return Some(f.base.to_path_buf());
    };
    let at = pointer(&["flow"]);
    let written = f.local_path(at.clone(), value)?;
    let flow_path = f.base.join(&written);
    let (flow_dir, flow_file) = if flow_path.is_dir() && flow_path.join(FLOW_FILE).is_file() {
        (flow_path.clone(), FLOW_FILE.to_owned())
    } else if flow_path.is_file() {
        (
            flow_path.parent().unwrap_or(f.base).to_path_buf(),
            file_name(&flow_path),
        )
    } else {
        f.issue(
            at,
            format!(
                "Flow path must be a directory containing flow.dag.yaml or a file, but got {}",
                flow_path.display()
            ),
        );
        return None;
    };
    let content = match azml_pyio::yaml::parse_path(flow_dir.join(&flow_file)) {
        Ok(doc) => doc.into_value(),
        Err(e) => {
            f.issue(at, e.to_string());
            return None;
        }
    };
    let Value::Object(content) = content else {
        f.issue(at, format!("{flow_file}: a flow file must be a mapping"));
        return None;
    };
    if let Some(Value::Array(items)) = content.get("additional_includes") {
        component.additional_includes = items.iter().filter_map(python_str).collect();
    }
    // A null value keeps its key's place (the run may set it); the dump
    // leaves it out.
    let mut merged: OrderedMap<Option<String>> = OrderedMap::default();
    match content.get("environment_variables") {
        None => {}
        Some(Value::Object(vars)) => {
            for (k, v) in vars {
                merged.insert(k.clone(), python_str(v));
            }
        }
        Some(other) => {
            f.issue(
                at,
                format!(
                    "{flow_file}: environment_variables must be a mapping, got {}",
                    azml::validate::describe(other)
                ),
            );
            return None;
        }
    }
    for (k, v) in component
        .spec
        .environment_variables
        .take()
        .unwrap_or_default()
    {
        merged.insert(k, Some(v));
    }
    component.spec.environment_variables = Some(
        merged
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k, v)))
            .collect(),
    );
    component.flow_file_name = flow_file;
    Some(flow_dir)
}
