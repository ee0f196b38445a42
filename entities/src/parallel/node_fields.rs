//! Field types of a pipeline's parallel node: its mini-batch size (a size
//! or a binding) and the component it runs.

use serde::{Serialize, Serializer};

use super::MiniBatchSize;
use crate::component::anonymous;
use crate::fields::binding::is_binding;
use crate::generated::ParallelComponent;
use azml::{DictMixin, Value};

/// A node's `mini_batch_size`: units converted as for a component, or a
/// `${{...}}` binding kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum NodeMiniBatchSize {
    /// A size (items, or bytes with a unit).
    Size(MiniBatchSize),
    /// A binding.
    Binding(String),
}

impl Default for NodeMiniBatchSize {
    fn default() -> Self {
        NodeMiniBatchSize::Size(MiniBatchSize(0))
    }
}

impl NodeMiniBatchSize {
    /// Reads a string: a binding, or a size as `MiniBatchSize` reads it.
    pub fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::String(s) if is_binding(s) => Ok(NodeMiniBatchSize::Binding(s.clone())),
            Value::String(s) => MiniBatchSize::parse(s).map(NodeMiniBatchSize::Size),
            other => Err(format!(
                "Not a valid string (write the size in quotes): {}",
                azml::validate::describe(other)
            )),
        }
    }

    /// The REST form: the size as an integer, a binding as its text.
    pub fn rest_value(&self) -> Value {
        match self {
            NodeMiniBatchSize::Size(size) => Value::from(size.0),
            NodeMiniBatchSize::Binding(b) => Value::String(b.clone()),
        }
    }
}

/// The dict form: the size's digits, or the binding.
impl Serialize for NodeMiniBatchSize {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            NodeMiniBatchSize::Size(size) => size.serialize(serializer),
            NodeMiniBatchSize::Binding(b) => serializer.serialize_str(b),
        }
    }
}

crate::fields::read_with_from_value!(NodeMiniBatchSize);

/// The stored attribute: the size as an integer (what Python's `or` tests),
/// or the binding; the dump is the size's digits.
impl azml::DictValue for NodeMiniBatchSize {
    fn to_value(&self) -> Value {
        self.rest_value()
    }
    fn from_value(value: Value) -> Result<Self, azml::ValueError> {
        match &value {
            Value::Number(n) => n
                .as_u64()
                .map(|n| NodeMiniBatchSize::Size(MiniBatchSize(n))),
            _ => NodeMiniBatchSize::from_value(&value).ok(),
        }
        .ok_or_else(|| azml::ValueError::new(Self::expected(), &value))
    }
    fn expected() -> std::borrow::Cow<'static, str> {
        "mini-batch size or ${{...}} binding".into()
    }
    fn to_dict_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

impl azml::rest::RestAsDict for NodeMiniBatchSize {}

/// The component of a parallel node.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeComponent {
    /// A registered component, as written (`azureml:name:1`, a registry URI).
    Registered(String),
    /// A component file not read yet: `file:<path>` or a path to a YAML file.
    File(String),
    /// A component written in place, not read yet.
    Inline(Value),
    /// A component read from a file or from the node, with where it came from.
    Loaded(Box<ParallelComponent>, crate::component::ComponentSource),
    /// A prompt flow read from a flow file or a flow run
    /// (a `promptflow_parallel` component).
    Flow(Box<super::FlowComponent>),
}

impl Default for NodeComponent {
    fn default() -> Self {
        NodeComponent::Registered(String::new())
    }
}

impl NodeComponent {
    /// Reads the field by its form (files are read by the node's loader).
    pub fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::String(s) if s.starts_with("file:") || !s.starts_with("azureml:") => {
                Ok(NodeComponent::File(s.clone()))
            }
            Value::String(s) => Ok(NodeComponent::Registered(s.clone())),
            Value::Object(_) => Ok(NodeComponent::Inline(value.clone())),
            other => Err(format!(
                "expected a component reference or mapping, got {}",
                azml::validate::describe(other)
            )),
        }
    }

    /// The loaded component, if any.
    pub fn component(&self) -> Option<&ParallelComponent> {
        match self {
            NodeComponent::Loaded(component, _) => Some(component),
            _ => None,
        }
    }
}

/// The dict form: the reference as written, or the component's dict.
impl Serialize for NodeComponent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            NodeComponent::Registered(s) | NodeComponent::File(s) => serializer.serialize_str(s),
            NodeComponent::Inline(value) => value.serialize(serializer),
            NodeComponent::Loaded(component, _) => component.to_dict().serialize(serializer),
            NodeComponent::Flow(flow) => flow.to_dict().serialize(serializer),
        }
    }
}

impl<'de> serde::Deserialize<'de> for NodeComponent {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = <Value as serde::Deserialize>::deserialize(deserializer)?;
        NodeComponent::from_value(&value).map_err(serde::de::Error::custom)
    }
}

/// The stored attribute and the dump: the reference as written, or the
/// component's dict.
impl azml::DictValue for NodeComponent {
    fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
    fn from_value(value: Value) -> Result<Self, azml::ValueError> {
        NodeComponent::from_value(&value)
            .map_err(|_| azml::ValueError::new(Self::expected(), &value))
    }
    fn expected() -> std::borrow::Cow<'static, str> {
        "component reference or mapping".into()
    }
}

impl azml::rest::RestAsDict for NodeComponent {}

/// An inline component is checked as the anonymous component it becomes.
impl azml::validate::Validate for NodeComponent {
    fn validate(value: &Value, cx: &mut azml::validate::Validator) {
        match value {
            Value::String(_) => {}
            Value::Object(_) => {
                <ParallelComponent as azml::validate::Validate>::validate(
                    &anonymous(value.clone()),
                    cx,
                );
            }
            other => cx.error(format!(
                "expected a component reference or mapping, got {}",
                azml::validate::describe(other)
            )),
        }
    }
}
