//! A pipeline's `jobs` (`PipelineJobsField`): node names checked as
//! `PipelineNodeNameStr` does, each node read by the kind its `type` names
//! once the whole pipeline is known (its inputs and outputs type the
//! bindings of a node written in place), dumped in the pipeline's folder.

use std::path::{Path, PathBuf};

use azml::validate::{escape_segment, Issue, Validator};
use azml::{OrderedMap, RestError, Value, ValueError};

use super::node::Node;
use crate::generated::ParallelNode;

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

impl Jobs {
    /// Reads each node by its kind; `base` is the pipeline file's folder and
    /// `pipeline` the whole document (for bindings to its inputs/outputs).
    /// Issues carry their pointer in the pipeline (`/jobs/<name>/...`).
    pub fn resolve(&mut self, base: &Path, pipeline: &Value) -> Vec<Issue> {
        self.base = base.to_path_buf();
        let mut issues = Vec::new();
        for (name, node) in self.nodes.iter_mut() {
            let Node::Other(raw) = node else { continue };
            if node_type(raw).as_deref() != Some("parallel") {
                continue;
            }
            match ParallelNode::from_pipeline_value(raw, base, pipeline) {
                Ok(parallel) => *node = Node::Parallel(Box::new(parallel)),
                Err(more) => {
                    let at = format!("/jobs/{}", escape_segment(name));
                    issues.extend(more.into_iter().map(|i| Issue {
                        pointer: format!("{at}{}", i.pointer),
                        ..i
                    }));
                }
            }
        }
        issues
    }

    /// The parallel nodes, by name.
    pub fn parallel(&self) -> impl Iterator<Item = (&String, &ParallelNode)> {
        self.nodes.iter().filter_map(|(name, node)| match node {
            Node::Parallel(p) => Some((name, p.as_ref())),
            Node::Other(_) => None,
        })
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
        self.nodes
            .iter()
            .map(|(name, node)| {
                node.to_rest(name)
                    .map(|rest| (name.clone(), rest))
                    .map_err(|e| e.at(name))
            })
            .collect::<Result<_, _>>()
            .map(Value::Object)
    }

    fn from_rest_object(_: Value) -> Result<Self, RestError> {
        Err(RestError::new(
            "a pipeline's nodes are read back one by one (ParallelNode::from_rest)",
        ))
    }
}
