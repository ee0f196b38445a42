//! Field types of jobs that azure-ai-ml reads and dumps with rules of their
//! own: the compute target, a data input's path, literal inputs.

use serde::{Serialize, Serializer};

use azml::Value;

/// `compute` (`ComputeField`, a union of the `local` target in any case and
/// an `ArmStr`): `local`, a compute stored without `azureml:` and dumped
/// with it, or a `${{...}}` binding kept as written (the node and job
/// schemas take bindings in every field).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ComputeRef {
    /// The local machine (`local`, any case).
    Local,
    /// A compute target by name or ARM id, without `azureml:`.
    Named(String),
    /// A `${{...}}` binding, as written.
    Binding(String),
}

impl Default for ComputeRef {
    fn default() -> Self {
        ComputeRef::Named(String::new())
    }
}

impl ComputeRef {
    /// Reads `local`, `azureml:<name>` or a bare name.
    pub fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::String(s) if s.to_lowercase() == "local" => Ok(ComputeRef::Local),
            Value::String(s) if super::binding::is_binding(s) => Ok(ComputeRef::Binding(s.clone())),
            Value::String(s) => Ok(ComputeRef::Named(
                s.strip_prefix("azureml:").unwrap_or(s).to_owned(),
            )),
            other => Err(format!(
                "Not a valid string: {}",
                azml::validate::describe(other)
            )),
        }
    }

    /// The compute's name as the REST form of a node gives it (`computeId`):
    /// `local`, the name without `azureml:`, or the binding.
    pub fn name(&self) -> &str {
        match self {
            ComputeRef::Local => "local",
            ComputeRef::Named(name) | ComputeRef::Binding(name) => name,
        }
    }

    /// Whether it is the local machine.
    pub fn is_local(&self) -> bool {
        matches!(self, ComputeRef::Local)
    }
}

impl Serialize for ComputeRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            ComputeRef::Local => serializer.serialize_str("local"),
            ComputeRef::Named(name) => serializer.serialize_str(&format!("azureml:{name}")),
            ComputeRef::Binding(binding) => serializer.serialize_str(binding),
        }
    }
}

super::value_type::read_with_from_value!(ComputeRef, dict = "compute name");

/// A job input's `path`, dumped as azure-ai-ml dumps it: unchanged when it
/// starts with `azureml:`, otherwise with `azureml:` in front (even a URL, a
/// local path or a binding).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct DataPath(pub String);

impl DataPath {
    /// Reads the path as written.
    pub fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::String(s) => Ok(DataPath(s.clone())),
            other => Err(format!(
                "Not a valid string: {}",
                azml::validate::describe(other)
            )),
        }
    }
}

impl Serialize for DataPath {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0.starts_with("azureml:") {
            serializer.serialize_str(&self.0)
        } else {
            serializer.serialize_str(&format!("azureml:{}", self.0))
        }
    }
}

super::value_type::read_with_from_value!(DataPath, dict = "path");

/// A literal job input. azure-ai-ml tries an integer field first, which
/// takes a boolean, so `true` is dumped as `1`.
#[derive(Debug, Clone, PartialEq)]
pub enum JobLiteral {
    /// Text, kept as written.
    Str(String),
    /// A number, kept as written.
    Number(serde_json::Number),
    /// A boolean; dumped as 1 or 0.
    Bool(bool),
}

impl Default for JobLiteral {
    fn default() -> Self {
        JobLiteral::Str(String::new())
    }
}

impl JobLiteral {
    /// Reads text, a number or a boolean.
    pub fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::String(s) => Ok(JobLiteral::Str(s.clone())),
            Value::Number(n) => Ok(JobLiteral::Number(n.clone())),
            Value::Bool(b) => Ok(JobLiteral::Bool(*b)),
            other => Err(format!(
                "Not a valid integer, number, string or boolean: {}",
                azml::validate::describe(other)
            )),
        }
    }
}

impl Serialize for JobLiteral {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            JobLiteral::Str(s) => serializer.serialize_str(s),
            JobLiteral::Number(n) => n.serialize(serializer),
            JobLiteral::Bool(b) => serializer.serialize_i64(i64::from(*b)),
        }
    }
}

super::value_type::read_with_from_value!(JobLiteral, dict = "string, number or boolean");

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    // What azure-ai-ml 1.35.2 dumped (goldens job/input_paths, job/compute_no_prefix).
    #[test]
    fn dumps_as_python() {
        let path = |s: &str| serde_json::to_value(DataPath(s.into())).unwrap();
        assert_eq!(path("./src"), json!("azureml:./src"));
        assert_eq!(
            path("azureml://datastores/ws/paths/x/"),
            json!("azureml://datastores/ws/paths/x/")
        );
        let compute = ComputeRef::from_value(&json!("cpu")).unwrap();
        assert_eq!(
            serde_json::to_value(&compute).unwrap(),
            json!("azureml:cpu")
        );
        // Golden command_job/gen_compute_local: `local` stays `local`.
        let local = ComputeRef::from_value(&json!("Local")).unwrap();
        assert_eq!(serde_json::to_value(&local).unwrap(), json!("local"));
        assert!(local.is_local());
        let lit = JobLiteral::from_value(&json!(false)).unwrap();
        assert_eq!(serde_json::to_value(lit).unwrap(), json!(0));
    }
}
