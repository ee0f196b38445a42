//! The path of a pipeline node's data input or output, as azure-ai-ml
//! stores and dumps it (every node kind's).

use serde::{Serialize, Serializer};

use crate::fields::binding::is_binding;
use azml::Value;

/// The path of a node's data input or output, stored as azure-ai-ml stores
/// it: `azureml:<name>:<version>` without its prefix; URIs (`azureml://`,
/// `https://`), local paths and bindings as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct NodeDataPath(pub String);

impl NodeDataPath {
    /// Reads a path.
    pub fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::String(s) => Ok(NodeDataPath(match s.strip_prefix("azureml:") {
                Some(rest) if !rest.starts_with("//") => rest.to_owned(),
                _ => s.clone(),
            })),
            other => Err(format!(
                "Not a valid string: {}",
                azml::validate::describe(other)
            )),
        }
    }

    /// Whether the path is a `${{...}}` binding.
    pub fn is_binding(&self) -> bool {
        is_binding(&self.0)
    }
}

/// The dict form: a binding or an `azureml:` URI as stored, anything else
/// with `azureml:` in front.
impl Serialize for NodeDataPath {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.is_binding() || self.0.starts_with("azureml:") {
            serializer.serialize_str(&self.0)
        } else {
            serializer.serialize_str(&format!("azureml:{}", self.0))
        }
    }
}

crate::fields::read_with_from_value!(NodeDataPath, dict = "path");
