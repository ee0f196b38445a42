//! A pipeline's `settings.default_compute`: `serverless`, or an existing
//! compute written with `azureml:` (`PipelineJobSettingsSchema`: a
//! `StringTransformedEnum(["serverless"])` or an `ArmStr`). Stored as those
//! read it (lower-cased `serverless`; a compute without `azureml:`, in the
//! case written) and sent so; dumped by the same union, whose enum takes
//! any stored `serverless` (`azureml:Serverless` dumps `serverless`).

use serde::{Serialize, Serializer};

use azml::Value;

/// A pipeline's default compute, as stored (without `azureml:`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DefaultCompute(pub String);

/// The rest of Python's message after the refused value (`ArmStr`'s).
const HOW_TO: &str = "In order to specify an existing computes, please provide either of the following prefixed with 'azureml:':\n1. The full ARM ID for the resource, e.g.azureml:/subscriptions/<subscription_id>/resourceGroups/<resource_group>/providers/Microsoft.MachineLearningServices/workspaces/<workspace_name>/computes\n2. The short-hand name of the resource registered in the workspace, eg: azureml:<short-hand-name>:<version-if applicable>. For example, version 1 of the environment registered as 'my-env' in the workspace can be referenced as 'azureml:my-env:1'";

impl DefaultCompute {
    /// Reads `serverless` (any case) or `azureml:<compute>`.
    pub fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::String(s) if s.eq_ignore_ascii_case("serverless") => {
                Ok(DefaultCompute("serverless".to_owned()))
            }
            Value::String(s) if s.starts_with("azureml:") => {
                Ok(DefaultCompute(s["azureml:".len()..].to_owned()))
            }
            other => Err(format!(
                "Value {} passed is not in set ['serverless']; {HOW_TO}",
                azml_pyio::py_repr::repr(other)
            )),
        }
    }

    /// The REST form: the compute as stored.
    pub fn rest_value(&self) -> &str {
        &self.0
    }
}

/// Dumped by the union: `serverless` in any case as the enum's value, any
/// other compute with `azureml:`.
impl Serialize for DefaultCompute {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0.eq_ignore_ascii_case("serverless") {
            serializer.serialize_str("serverless")
        } else {
            serializer.serialize_str(&format!("azureml:{}", self.0))
        }
    }
}

crate::fields::read_with_from_value!(DefaultCompute, dict = "serverless or azureml:<compute>");
