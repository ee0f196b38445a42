//! The `component` of a command node: a registered component named by
//! reference, a component file or mapping not read yet, or the component
//! read (from a file, a mapping, or made from a job's own fields).

use serde::{Serialize, Serializer};

use crate::component::{anonymous, ComponentSource};
use crate::generated::CommandComponent;
use azml::Value;

/// The component of a command node.
#[derive(Debug, Clone, PartialEq)]
pub enum CommandComponentRef {
    /// A registered component, as written (`azureml:name:1`, a registry URI).
    Registered(String),
    /// A component file not read yet: `file:<path>` or a path to a YAML file.
    File(String),
    /// A component written in place, not read yet.
    Inline(Value),
    /// A component read or made, with where it came from.
    Loaded(Box<CommandComponent>, ComponentSource),
}

impl Default for CommandComponentRef {
    fn default() -> Self {
        CommandComponentRef::Registered(String::new())
    }
}

impl CommandComponentRef {
    /// Reads the field by its form (files are read by the node's loader).
    pub fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::String(s) if s.starts_with("file:") || !s.starts_with("azureml:") => {
                Ok(CommandComponentRef::File(s.clone()))
            }
            Value::String(s) => Ok(CommandComponentRef::Registered(s.clone())),
            Value::Object(_) => Ok(CommandComponentRef::Inline(value.clone())),
            other => Err(format!(
                "expected a component reference or mapping, got {}",
                azml::validate::describe(other)
            )),
        }
    }

    /// The component, once read.
    pub fn component(&self) -> Option<&CommandComponent> {
        match self {
            CommandComponentRef::Loaded(component, _) => Some(component),
            _ => None,
        }
    }
}

/// The dict form: the reference as written, or the component as the node
/// schema dumps it (`AnonymousCommandComponentSchema`: its unknown keys are
/// not part of it).
impl Serialize for CommandComponentRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            CommandComponentRef::Registered(s) | CommandComponentRef::File(s) => {
                serializer.serialize_str(s)
            }
            CommandComponentRef::Inline(value) => value.serialize(serializer),
            CommandComponentRef::Loaded(component, _) => {
                component.schema_dict().serialize(serializer)
            }
        }
    }
}

impl<'de> serde::Deserialize<'de> for CommandComponentRef {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = <Value as serde::Deserialize>::deserialize(deserializer)?;
        CommandComponentRef::from_value(&value).map_err(serde::de::Error::custom)
    }
}

/// The stored attribute and the dump: the reference as written, or the
/// component's dict.
impl azml::DictValue for CommandComponentRef {
    fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
    fn from_value(value: Value) -> Result<Self, azml::ValueError> {
        CommandComponentRef::from_value(&value)
            .map_err(|_| azml::ValueError::new(Self::expected(), &value))
    }
    fn expected() -> std::borrow::Cow<'static, str> {
        "component reference or mapping".into()
    }
}

impl azml::rest::RestAsDict for CommandComponentRef {}

/// An inline component is checked as the anonymous component it becomes.
impl azml::validate::Validate for CommandComponentRef {
    fn validate(value: &Value, cx: &mut azml::validate::Validator) {
        match value {
            Value::String(_) => {}
            Value::Object(_) => {
                <CommandComponent as azml::validate::Validate>::validate(
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
