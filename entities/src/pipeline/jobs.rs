//! A pipeline's `jobs` (`PipelineJobsField`): node names checked as
//! `PipelineNodeNameStr` does, each node read by the kind its `type` names
//! (`TypeSensitiveUnionField`), then each job written in place made a node
//! (`_post_load_pipeline_jobs`), dumped in the pipeline's folder.

use std::path::{Path, PathBuf};

use azml::validate::{escape_segment, Issue, Validator};
use azml::{OrderedMap, RestError, Value, ValueError};
use serde_json::Map;

use super::binding_types::{JobView, PipelineScope};
use super::node::Node;
use crate::generated::{Command, ParallelNode, PipelineComponent, PipelineNode, Sweep};

/// `CommandSchema`'s (`ParallelSchema`'s) complaint when a node names no
/// component: such a node is read as a job written in place instead, and
/// when that fails too, both schemas' errors are reported.
const NO_COMPONENT: &str = "Missing data for required field. (A node without a component is read as a job written in place, which fails; see its other problems.)";

/// The node types `PipelineJobsField` accepts (`Value 'x' passed is not in
/// set [...]` for others).
const NODE_TYPES: [&str; 8] = [
    "command",
    "import",
    "sweep",
    "parallel",
    "pipeline",
    "automl",
    "spark",
    "data_transfer",
];

/// The nodes of a pipeline, by name, in document order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Jobs {
    /// The nodes.
    pub nodes: OrderedMap<Node>,
    /// The folder of the file that holds them (set when they are read).
    pub base: PathBuf,
    /// The pipeline component file they come from, when a pipeline job
    /// runs one (`component: <file>`) instead of writing its own.
    pub component: Option<Box<PipelineComponent>>,
}

/// `_utils/utils.py::is_valid_node_name`: a Python identifier matching
/// `^[a-z_][a-z\d_]*`.
fn is_valid_node_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// The node's type as `PipelineJobsField` reads it: `command` when absent.
fn node_type(node: &Value) -> Option<String> {
    match node.get("type") {
        None | Some(Value::Null) => Some("command".to_owned()),
        Some(Value::String(t)) => Some(t.to_lowercase()),
        Some(_) => None,
    }
}

/// Issues of the node `name`, placed under `/jobs/<name>`.
fn under(name: &str, issues: Vec<Issue>) -> impl Iterator<Item = Issue> {
    let at = format!("/jobs/{}", escape_segment(name));
    issues.into_iter().map(move |i| Issue {
        pointer: format!("{at}{}", i.pointer),
        ..i
    })
}

impl Jobs {
    /// Reads each node by its kind; `base` is the pipeline file's folder and
    /// `pipeline` the whole document (a job or a pipeline component: its
    /// inputs and outputs type the bindings of a job written in place).
    /// Issues carry their pointer in the pipeline (`/jobs/<name>/...`).
    pub fn resolve(&mut self, base: &Path, pipeline: &Value) -> Vec<Issue> {
        match self.read(base) {
            Ok(written) => self.translate(base, pipeline, &written),
            Err(issues) => issues,
        }
    }

    /// The nodes' problems as the pipeline's schema finds them, for a
    /// pipeline whose own fields fail too (marshmallow reports every
    /// field's errors at once; nothing is translated then).
    pub fn schema_issues(jobs: &Value, base: &Path) -> Vec<Issue> {
        match <Self as azml::DictValue>::from_value(jobs.clone()) {
            Ok(mut jobs) => jobs.read(base).err().unwrap_or_default(),
            Err(_) => Vec::new(),
        }
    }

    /// The schema (`TypeSensitiveUnionField` per node): every node read by
    /// its kind, a job written in place (a command or parallel node naming
    /// no component) only checked; the names of those jobs.
    ///
    /// # Errors
    /// Every node's problems; a job written in place that fails also gets
    /// `CommandSchema`'s (`ParallelSchema`'s) complaint that it names no
    /// component, as Python reports both schemas' errors.
    fn read(&mut self, base: &Path) -> Result<Vec<String>, Vec<Issue>> {
        self.base = base.to_path_buf();
        let mut issues = Vec::new();
        let mut written = Vec::new();
        for (name, node) in self.nodes.iter_mut() {
            let Node::Other(raw) = node else { continue };
            let ty = node_type(raw);
            // A sweep node names its component as `trial`; it is never a job
            // written in place.
            let named = raw.get("component").is_some_and(|c| !c.is_null())
                || ty.as_deref() == Some("sweep");
            let read = match ty.as_deref() {
                Some("command") if named => Command::from_node_value(raw, base).map(|mut c| {
                    c.name = Some(name.clone());
                    Some(Node::Command(Box::new(c)))
                }),
                Some("command") => Command::check_pipeline_job(raw, base).map(|()| None),
                Some("parallel") => match ParallelNode::from_node_value(raw, base) {
                    // Its component made in place, below.
                    Ok(p) if p.component.is_none() => Ok(Some(Node::Parallel(Box::new(p)))),
                    Ok(p) => p
                        .translate(base, &PipelineScope::default())
                        .map(|p| Some(Node::Parallel(Box::new(p)))),
                    Err(issues) => Err(issues),
                },
                Some("pipeline") => PipelineNode::from_node_value(raw, base)
                    .map(|p| Some(Node::Pipeline(Box::new(p)))),
                Some("sweep") => {
                    Sweep::from_node_value(raw, base).map(|s| Some(Node::Sweep(Box::new(s))))
                }
                _ => continue,
            };
            match read {
                Ok(read) => {
                    if !named {
                        written.push(name.clone());
                    }
                    if let Some(read) = read {
                        *node = read;
                    }
                }
                Err(mut more) => {
                    if !named {
                        more.insert(0, Issue::new("/component", NO_COMPONENT));
                    }
                    issues.extend(under(name, more));
                }
            }
        }
        if issues.is_empty() {
            Ok(written)
        } else {
            Err(issues)
        }
    }

    /// `_post_load_pipeline_jobs`: in order, each job written in place
    /// becomes a node, its bindings typed by the pipeline's ports and the
    /// other jobs as they are at that moment; the first that cannot stops
    /// the load.
    fn translate(&mut self, base: &Path, pipeline: &Value, written: &[String]) -> Vec<Issue> {
        for (i, name) in written.iter().enumerate() {
            let scope = self.scope(pipeline, &written[i..]);
            let raw = &pipeline["jobs"][name.as_str()];
            let translated = match self.nodes.get(name) {
                Some(Node::Parallel(p)) => p
                    .as_ref()
                    .clone()
                    .translate(base, &scope)
                    .map(|p| Node::Parallel(Box::new(p))),
                _ => Command::from_pipeline_job(raw, base, &scope).map(|mut c| {
                    c.name = Some(name.clone());
                    Node::Command(Box::new(c))
                }),
            };
            match translated {
                Ok(node) => {
                    self.nodes.insert(name.clone(), node);
                }
                Err(more) => return under(name, more).collect(),
            }
        }
        Vec::new()
    }

    /// The pipeline's ports and its jobs as a binding sees them, the jobs in
    /// `not_yet` (written in place, not translated) as written.
    fn scope<'a>(&'a self, pipeline: &'a Value, not_yet: &[String]) -> PipelineScope<'a> {
        let views = self
            .nodes
            .iter()
            .map(|(name, node)| {
                let view = if not_yet.contains(name) {
                    JobView::Written(&pipeline["jobs"][name.as_str()])
                } else {
                    node.binding_view()
                };
                (name.clone(), view)
            })
            .collect();
        PipelineScope::new(pipeline, views)
    }

    /// The parallel nodes, by name.
    pub fn parallel(&self) -> impl Iterator<Item = (&String, &ParallelNode)> {
        self.nodes.iter().filter_map(|(name, node)| match node {
            Node::Parallel(p) => Some((name, p.as_ref())),
            _ => None,
        })
    }

    /// Each node's REST form by name, components still to be registered
    /// written `{"$component": <body>}`.
    ///
    /// # Errors
    /// A [`RestError`] naming the node that could not be translated.
    pub fn rest_forms(&self) -> Result<Map<String, Value>, RestError> {
        self.nodes
            .iter()
            .map(|(name, node)| {
                node.rest_form(name)
                    .map(|rest| (name.clone(), rest))
                    .map_err(|e| e.at(name).at("jobs"))
            })
            .collect()
    }

    /// Refuses to give a REST body while a node's component is still to be
    /// registered (azure-ai-ml's encoder raises `TypeError` on it): says
    /// which, and where it was written.
    ///
    /// # Errors
    /// A [`RestError`] naming each such component.
    pub fn refuse_pending(&self) -> Result<(), RestError> {
        let pending: Vec<String> = self
            .nodes
            .iter()
            .filter_map(|(name, node)| {
                let (origin, what) = node.pending_component()?;
                Some(format!(
                    "jobs.{name}.component {origin} would be registered as {what} first"
                ))
            })
            .collect();
        if pending.is_empty() {
            Ok(())
        } else {
            Err(RestError::new(format!(
                "{}; the body then names it by its id",
                pending.join("; ")
            )))
        }
    }

    /// Each node's `_validate()`, at `/jobs/<name>`.
    pub fn validate_nodes(&self) -> Vec<Issue> {
        self.nodes
            .iter()
            .flat_map(|(name, node)| under(name, node.validate()))
            .collect()
    }

    /// `PipelineComponent._validate_compute_is_set`: each node that runs on
    /// a compute and names none (a pipeline node's own nodes, under
    /// `jobs.<node>.jobs.`), `prefix` being the nodes' place so far.
    pub fn compute_issues(&self, prefix: &str) -> Vec<Issue> {
        let mut issues = Vec::new();
        for (name, node) in &self.nodes {
            let at = format!("{prefix}/jobs/{}", escape_segment(name));
            if let Node::Pipeline(p) = node {
                let inner = p.component.component().and_then(|c| c.jobs.as_ref());
                issues.extend(inner.into_iter().flat_map(|jobs| jobs.compute_issues(&at)));
            } else if node.lacks_compute() {
                issues.push(Issue::new(format!("{at}/compute"), "Compute not set"));
            }
        }
        issues
    }

    /// The pipeline inputs the nodes bind (`${{parent.inputs.<name>}}`
    /// anywhere in an input's value), as `_get_input_binding_dict` finds them.
    pub fn bound_inputs(&self) -> Vec<String> {
        let mut names = Vec::new();
        for node in self.nodes.values() {
            for (_, binding, _) in node.input_bindings() {
                for expression in crate::fields::binding::binding_expressions(&binding) {
                    if let Some(name) = expression.strip_prefix("parent.inputs.") {
                        if !names.iter().any(|n| n == name) {
                            names.push(name.to_owned());
                        }
                    }
                }
            }
        }
        names
    }

    /// Whether the node `name` binds no other node's port and no other node
    /// binds one of its ports (`_is_isolated_job`).
    pub fn isolated(&self, name: &str) -> bool {
        let bindings = |node: &Node| node.input_bindings().into_iter().map(|(_, b, _)| b);
        let own = self.nodes.get(name).into_iter().flat_map(bindings);
        let mut own = own;
        if own.any(|b| b.starts_with("${{parent.jobs")) {
            return false;
        }
        let prefix = format!("parent.jobs.{name}");
        !self.nodes.values().flat_map(bindings).any(|b| {
            crate::fields::binding::binding_expressions(&b)
                .iter()
                .any(|e| e.starts_with(&prefix))
        })
    }

    /// The pipeline inputs each node binds as a whole
    /// (`${{parent.inputs.<name>}}`), by name: every binding of one, and
    /// those of them a node's component requires (`node.inputs.<input>`),
    /// as `_get_input_binding_dict` and `_validate_binding_inputs` find them.
    pub fn required_bindings(&self) -> OrderedMap<Vec<String>> {
        let mut out: OrderedMap<Vec<String>> = OrderedMap::new();
        for (name, node) in &self.nodes {
            for (input, binding, required) in node.input_bindings() {
                let Some(pipeline_input) = binding
                    .strip_prefix("${{parent.inputs.")
                    .and_then(|r| r.strip_suffix("}}"))
                    .filter(|r| !r.contains("}}"))
                else {
                    continue;
                };
                let bound = out.entry(pipeline_input.to_owned()).or_default();
                if required {
                    bound.push(format!("{name}.inputs.{input}"));
                }
            }
        }
        out.retain(|_, bound| !bound.is_empty());
        out
    }
}

impl<'de> serde::Deserialize<'de> for Jobs {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let nodes = OrderedMap::<Value>::deserialize(deserializer)?;
        Ok(Jobs {
            nodes: nodes
                .into_iter()
                .map(|(k, v)| (k, Node::Other(v)))
                .collect(),
            base: PathBuf::new(),
            component: None,
        })
    }
}

/// The names and types of the nodes; each node's own fields are checked
/// when it is read ([`Jobs::resolve`]).
impl azml::validate::Validate for Jobs {
    fn validate(value: &Value, cx: &mut Validator) {
        let Some(map) = cx.expect_object(value) else {
            return;
        };
        for (name, node) in map {
            if !is_valid_node_name(name) {
                cx.key_error(
                    name,
                    "Pipeline node name should be a valid python identifier(lower letters, numbers, underscore and start with a letter or underscore). Currently got {name}.",
                );
            }
            cx.field(name, node, |node, cx| {
                let Some(object) = cx.expect_object(node) else {
                    return;
                };
                if let Some(ty) = object.get("type") {
                    cx.field("type", ty, |ty, cx| {
                        match ty.as_str().map(str::to_lowercase) {
                            Some(t) if NODE_TYPES.contains(&t.as_str()) => {}
                            _ => cx.error(format!(
                                "Value {} passed is not in set ['{}']",
                                azml_pyio::py_repr::repr(ty),
                                NODE_TYPES.join("', '")
                            )),
                        }
                    });
                }
            });
        }
    }
}

impl serde::Serialize for Jobs {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        azml::DictValue::to_dict_value(self).serialize(serializer)
    }
}

/// The view holds each node as written or read; the dump is each node as
/// the pipeline's `_to_dict()` holds it.
impl azml::DictValue for Jobs {
    fn to_value(&self) -> Value {
        self.to_dict_value()
    }
    fn from_value(value: Value) -> Result<Self, ValueError> {
        match value {
            Value::Object(map) => Ok(Jobs {
                nodes: map.into_iter().map(|(k, v)| (k, Node::Other(v))).collect(),
                base: PathBuf::new(),
                component: None,
            }),
            other => Err(ValueError::new("dict of nodes", &other)),
        }
    }
    fn expected() -> std::borrow::Cow<'static, str> {
        "dict of nodes".into()
    }
    fn to_dict_value(&self) -> Value {
        Value::Object(
            self.nodes
                .iter()
                .map(|(name, node)| (name.clone(), node.pipeline_dict(&self.base)))
                .collect(),
        )
    }
}

/// Each node's REST form under its name.
impl azml::RestTranslatable for Jobs {
    type Rest = Value;

    fn to_rest_object(&self) -> Result<Value, RestError> {
        self.rest_forms().map(Value::Object)
    }

    fn from_rest_object(_: Value) -> Result<Self, RestError> {
        Err(RestError::new(
            "a pipeline's nodes are read back one by one (ParallelNode::from_rest)",
        ))
    }
}
