//! The `component` of a node (command, pipeline): a registered component
//! named by reference, a component file or mapping not read yet, or the
//! component read (from a file, a mapping, or made from a job's own
//! fields), for every kind of component a node can name.

use std::path::Path;

use serde::{Serialize, Serializer};

use super::{file, pending, ComponentSource};
use azml::document::Document;
use azml::validate::{Issue, Validator};
use azml::Value;

/// What a node needs of the kind of component it names.
pub trait NodeComponentKind: Document + Clone + PartialEq + std::fmt::Debug {
    /// The component as a node's schema dumps it (`Anonymous*ComponentSchema`:
    /// without the unknown keys only `_to_dict()` adds).
    fn schema_dict(&self) -> Value;

    /// Checks a reference to a component (a kind whose file reference takes
    /// no `file:` prefix refuses it).
    fn validate_reference(_text: &str, _cx: &mut Validator) {}

    /// Checks a component written in place in a node (refused where the
    /// node's schema has no mapping branch).
    fn validate_inline(value: &Value, cx: &mut Validator);

    /// The body that registers the component anonymously before a node
    /// naming it is sent, `_source` being `source`; components it holds
    /// that are not registered yet are written `{"$component": body}`.
    ///
    /// # Errors
    /// A [`azml::RestError`] when the body cannot be built.
    fn anonymous_body(&self, source: ComponentSource) -> Result<Value, azml::RestError>;
}

/// Where a node's component was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// In a file, named as written (`./train.yml`, `file:train.yml`).
    File(String),
    /// As a mapping in the node.
    InPlace,
    /// Nowhere: made of the node's (or job's) own fields.
    Fields,
}

impl Origin {
    /// How a message names it.
    pub fn describe(&self) -> String {
        match self {
            Origin::File(file) => format!("({file})"),
            Origin::InPlace => "(written in place)".to_owned(),
            Origin::Fields => "(made of the node's own fields)".to_owned(),
        }
    }
}

/// A component read for a node, with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedComponent<T> {
    /// The component.
    pub component: T,
    /// Where it came from (`_source` of its REST body).
    pub source: ComponentSource,
    /// Where it was written.
    pub origin: Origin,
}

/// The component of a node.
#[derive(Debug, Clone, PartialEq)]
pub enum ComponentRef<T> {
    /// A registered component, as written (`azureml:name:1`, a registry URI).
    Registered(String),
    /// A component file not read yet: `file:<path>` or a path to a YAML file.
    File(String),
    /// A component written in place, not read yet.
    Inline(Value),
    /// A component read or made.
    Loaded(Box<LoadedComponent<T>>),
}

impl<T> Default for ComponentRef<T> {
    fn default() -> Self {
        ComponentRef::Registered(String::new())
    }
}

impl<T: NodeComponentKind> ComponentRef<T> {
    /// Reads the field by its form (files are read by [`ComponentRef::load`]).
    pub fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::String(s) if s.starts_with("file:") || !s.starts_with("azureml:") => {
                Ok(ComponentRef::File(s.clone()))
            }
            Value::String(s) => Ok(ComponentRef::Registered(s.clone())),
            Value::Object(_) => Ok(ComponentRef::Inline(value.clone())),
            other => Err(format!(
                "expected a component reference or mapping, got {}",
                azml::validate::describe(other)
            )),
        }
    }

    /// A component read or made, with its source and origin.
    pub fn loaded(component: T, source: ComponentSource, origin: Origin) -> Self {
        ComponentRef::Loaded(Box::new(LoadedComponent {
            component,
            source,
            origin,
        }))
    }

    /// Reads a file or mapping as the anonymous component it becomes: a
    /// file relative to `base` (`_source` YAML.COMPONENT for a path,
    /// YAML.JOB for `file:`), a mapping in place (YAML.JOB).
    ///
    /// # Errors
    /// The component's problems, under the node's `/component`.
    pub fn load(self, base: &Path) -> Result<Self, Vec<Issue>> {
        match self {
            ComponentRef::File(written) => {
                let (component, source) = file::open(&written, base)?.load::<T>()?;
                Ok(Self::loaded(component, source, Origin::File(written)))
            }
            ComponentRef::Inline(value) => Ok(Self::loaded(
                file::load_inline::<T>(value, base)?,
                ComponentSource::YamlJob,
                Origin::InPlace,
            )),
            other => Ok(other),
        }
    }

    /// The component, once read.
    pub fn component(&self) -> Option<&T> {
        match self {
            ComponentRef::Loaded(loaded) => Some(&loaded.component),
            _ => None,
        }
    }

    /// Where the component came from, as the node's `_source` says
    /// (`BaseNode.__init__`: the component's, or what its id tells).
    pub fn source(&self) -> ComponentSource {
        match self {
            ComponentRef::Loaded(loaded) => loaded.source,
            ComponentRef::Registered(id) => pending::registered_source(id),
            _ => ComponentSource::RemoteWorkspaceComponent,
        }
    }

    /// Where a component still to be registered was written.
    pub fn pending_origin(&self) -> Option<&Origin> {
        match self {
            ComponentRef::Loaded(loaded) => Some(&loaded.origin),
            _ => None,
        }
    }

    /// What a node naming this component sends as `componentId`: a
    /// registered id without `azureml:` (a registry URI as written), or
    /// the unregistered component's body, written `{"$component": body}`
    /// (it is registered before the node is sent).
    ///
    /// # Errors
    /// A [`azml::RestError`] when the component's body cannot be built.
    pub fn component_id(&self) -> Result<Value, azml::RestError> {
        Ok(match self {
            ComponentRef::Registered(id) => pending::registered_id(id).into(),
            ComponentRef::File(s) => Value::String(s.clone()),
            ComponentRef::Inline(v) => v.clone(),
            ComponentRef::Loaded(loaded) => {
                pending::pending(loaded.component.anonymous_body(loaded.source)?)
            }
        })
    }
}

/// The dict form: the reference as written, or the component as the node
/// schema dumps it.
impl<T: NodeComponentKind> Serialize for ComponentRef<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            ComponentRef::Registered(s) | ComponentRef::File(s) => serializer.serialize_str(s),
            ComponentRef::Inline(value) => value.serialize(serializer),
            ComponentRef::Loaded(loaded) => loaded.component.schema_dict().serialize(serializer),
        }
    }
}

impl<'de, T: NodeComponentKind> serde::Deserialize<'de> for ComponentRef<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = <Value as serde::Deserialize>::deserialize(deserializer)?;
        ComponentRef::from_value(&value).map_err(serde::de::Error::custom)
    }
}

/// The stored attribute and the dump: the reference as written, or the
/// component's dict.
impl<T: NodeComponentKind> azml::DictValue for ComponentRef<T> {
    fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
    fn from_value(value: Value) -> Result<Self, azml::ValueError> {
        ComponentRef::from_value(&value)
            .map_err(|_| azml::ValueError::new(Self::expected(), &value))
    }
    fn expected() -> std::borrow::Cow<'static, str> {
        "component reference or mapping".into()
    }
}

impl<T: NodeComponentKind> azml::rest::RestAsDict for ComponentRef<T> {}

/// A reference is any text; a mapping is checked as the kind says.
impl<T: NodeComponentKind> azml::validate::Validate for ComponentRef<T> {
    fn validate(value: &Value, cx: &mut Validator) {
        match value {
            Value::String(text) => T::validate_reference(text, cx),
            Value::Object(_) => T::validate_inline(value, cx),
            other => cx.error(format!(
                "expected a component reference or mapping, got {}",
                azml::validate::describe(other)
            )),
        }
    }
}
