//! A node of a pipeline, of whichever kind its `type` names; each kind's
//! dict, REST form and validation are its own type's.

use std::path::Path;

use azml::validate::Issue;
use azml::{OrderedMap, RestError, Value};

use super::binding_types::{self, JobView};
use crate::component::pending;
use crate::fields::port_slot::PortSlot;
use crate::generated::{Command, NodeDataInput, NodeInput, ParallelNode, PipelineNode, Sweep};
use crate::parallel::NodeComponent;

/// One node of a pipeline's `jobs`.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A `type: command` node (or one without `type`).
    Command(Box<Command>),
    /// A `type: parallel` node.
    Parallel(Box<ParallelNode>),
    /// A `type: pipeline` node: a pipeline component run as a step.
    Pipeline(Box<PipelineNode>),
    /// A `type: sweep` node: its trial run over a search space.
    Sweep(Box<Sweep>),
    /// A node of a kind azml does not model yet (automl, spark,
    /// import, data transfer), or not read yet, kept as written.
    Other(Value),
}

impl Node {
    /// The node as its pipeline's `_to_dict()` holds it; `base` is the
    /// pipeline file's folder.
    pub fn pipeline_dict(&self, base: &Path) -> Value {
        match self {
            Node::Command(node) => node.pipeline_dict(),
            Node::Parallel(node) => node.pipeline_dict(base),
            Node::Pipeline(node) => node.pipeline_dict(),
            Node::Sweep(node) => node.pipeline_dict(),
            Node::Other(value) => value.clone(),
        }
    }

    /// The node's REST form under the name `name` (`_to_rest_object()`),
    /// a component still to be registered written `{"$component": body}`.
    ///
    /// # Errors
    /// A [`RestError`] when the node cannot be translated, or is of a kind
    /// azml does not model yet.
    pub fn rest_form(&self, name: &str) -> Result<Value, RestError> {
        match self {
            Node::Command(node) => node.node_rest(name),
            Node::Parallel(node) => {
                let mut rest = node.to_rest(name)?;
                let unregistered = matches!(
                    node.component,
                    Some(NodeComponent::Loaded(..) | NodeComponent::Flow(_))
                );
                if let (true, Some(id)) = (unregistered, rest.get_mut("componentId")) {
                    *id = pending::pending(id.take());
                }
                Ok(rest)
            }
            Node::Pipeline(node) => node.node_rest(name),
            Node::Sweep(node) => node.node_rest(name),
            Node::Other(value) => Err(RestError::new(format!(
                "azml does not model {} nodes yet, so it cannot build their REST form",
                value.get("type").and_then(Value::as_str).unwrap_or("these")
            ))),
        }
    }

    /// What must be registered before the node can be sent, as `(where it
    /// was written, what it becomes)`: a component read from a file,
    /// written in place or made of the node's fields.
    pub fn pending_component(&self) -> Option<(String, &'static str)> {
        const COMMAND: &str = "an anonymous command component";
        match self {
            Node::Command(node) => node
                .component
                .as_ref()
                .and_then(|c| c.pending_origin())
                .map(|o| (o.describe(), COMMAND)),
            Node::Pipeline(node) => node
                .component
                .pending_origin()
                .map(|o| (o.describe(), "an anonymous pipeline component")),
            Node::Parallel(node) => match &node.component {
                Some(NodeComponent::Loaded(_, source)) => Some((
                    match source {
                        crate::component::ComponentSource::YamlComponent => "(a component file)",
                        _ => "(named with file:, written in place or made of the node's own settings)",
                    }
                    .to_owned(),
                    "an anonymous parallel component",
                )),
                Some(NodeComponent::Flow(flow)) => Some((
                    flow.flow_dir
                        .as_ref()
                        .map_or_else(String::new, |d| format!("({})", d.display())),
                    "the component of its prompt flow",
                )),
                _ => None,
            },
            // A sweep node sends its trial's body in place.
            Node::Sweep(_) | Node::Other(_) => None,
        }
    }

    /// The node's ports as a binding to them sees them.
    pub fn binding_view(&self) -> JobView<'_> {
        match self {
            Node::Command(node) => node.binding_view(),
            Node::Parallel(node) => match &node.component {
                Some(NodeComponent::Loaded(c, _)) => {
                    binding_types::declared_ports(c.inputs.as_ref(), c.outputs.as_ref())
                }
                _ => binding_types::given_ports(node.inputs.as_ref(), node.outputs.as_ref()),
            },
            Node::Pipeline(node) => node.binding_view(),
            Node::Sweep(node) => node.binding_view(),
            Node::Other(value) => JobView::Written(value),
        }
    }

    /// `node._validate()` as a pipeline's `_validate()` merges it, with
    /// pointers relative to the node.
    pub fn validate(&self) -> Vec<Issue> {
        match self {
            Node::Command(node) => node.missing_inputs(),
            Node::Pipeline(node) => node.validate_nested(),
            Node::Parallel(_) | Node::Sweep(_) | Node::Other(_) => Vec::new(),
        }
    }

    /// Each input bound to a `${{parent...}}` expression as a whole: its
    /// name, the binding, and whether the node's component (when read)
    /// requires it (`_get_input_binding_dict`, `_validate_binding_inputs`).
    pub fn input_bindings(&self) -> Vec<(String, String, bool)> {
        let (inputs, declared) = match self {
            Node::Command(n) => (
                given(n.inputs.as_ref()),
                n.component
                    .as_ref()
                    .and_then(|c| c.component())
                    .and_then(|c| c.inputs.as_ref()),
            ),
            Node::Parallel(n) => (
                given(n.inputs.as_ref()),
                n.component
                    .as_ref()
                    .and_then(NodeComponent::component)
                    .and_then(|c| c.inputs.as_ref()),
            ),
            Node::Pipeline(n) => (
                given(n.inputs.as_ref()),
                n.component.component().and_then(|c| c.inputs.as_ref()),
            ),
            Node::Sweep(n) => (
                given(n.inputs.as_ref()),
                n.trial.component().and_then(|c| c.inputs.as_ref()),
            ),
            Node::Other(_) => return Vec::new(),
        };
        let required = |name: &str| {
            declared
                .and_then(|d| d.get(name))
                .is_some_and(|i| !crate::fields::component_inputs::is_optional(i))
        };
        inputs
            .into_iter()
            .filter_map(|(name, input)| match input {
                NodeInput::NodeDataInput(NodeDataInput {
                    path: Some(path), ..
                }) if path.is_binding() => Some((name.clone(), path.0.clone(), required(name))),
                _ => None,
            })
            .collect()
    }

    /// Whether `_validate_compute_is_set` requires the node to name a
    /// compute (a pipeline node's sub-graph is checked instead), and
    /// whether it does.
    pub fn lacks_compute(&self) -> bool {
        match self {
            Node::Command(node) => node.compute.is_none(),
            Node::Parallel(node) => node.compute.is_none(),
            Node::Sweep(node) => node.compute.is_none(),
            Node::Pipeline(_) => false,
            Node::Other(value) => value.get("compute").is_none_or(Value::is_null),
        }
    }
}

/// The inputs a node's map holds, whether its values may be null or not.
fn given<I: PortSlot<NodeInput>>(inputs: Option<&OrderedMap<I>>) -> Vec<(&String, &NodeInput)> {
    let inputs = inputs.into_iter().flatten();
    inputs
        .filter_map(|(name, i)| Some((name, i.port()?)))
        .collect()
}
