//! `docker_args` of a job's or node's resources: text or a list of texts
//! (`UnionField([fields.Str(), fields.List(fields.Str())])`). The union
//! dumps with its first member, `Str`, which takes anything: a list is
//! dumped as Python's `str()` of it (`"['--ipc=host']"`), while the REST
//! form sends it as `dockerArgsList`.

use serde::{Serialize, Serializer};

use azml::Value;

/// Extra `docker run` arguments.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DockerArgs {
    /// One string.
    Text(String),
    /// A list of strings.
    List(Vec<String>),
}

impl Default for DockerArgs {
    fn default() -> Self {
        DockerArgs::Text(String::new())
    }
}

impl DockerArgs {
    /// Reads a string or a list of strings.
    pub fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::String(s) => Ok(DockerArgs::Text(s.clone())),
            Value::Array(items) => items
                .iter()
                .map(|item| item.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
                .map(DockerArgs::List)
                .ok_or_else(|| "Not a valid string.".to_owned()),
            other => Err(format!(
                "Not a valid string or list of strings: {}",
                azml::validate::describe(other)
            )),
        }
    }

    /// The value as written (the REST form's `dockerArgs` or `dockerArgsList`).
    pub fn value(&self) -> Value {
        match self {
            DockerArgs::Text(s) => Value::String(s.clone()),
            DockerArgs::List(items) => Value::from(items.clone()),
        }
    }
}

/// The dump: the text, or Python's `str()` of the list.
impl Serialize for DockerArgs {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            DockerArgs::Text(s) => serializer.serialize_str(s),
            DockerArgs::List(_) => {
                serializer.serialize_str(&azml_pyio::py_repr::repr(&self.value()))
            }
        }
    }
}

super::value_type::read_with_from_value!(DockerArgs);

/// The stored attribute is the value as written; the dump is the union's.
impl azml::DictValue for DockerArgs {
    fn to_value(&self) -> Value {
        self.value()
    }
    fn from_value(value: Value) -> Result<Self, azml::ValueError> {
        DockerArgs::from_value(&value).map_err(|_| azml::ValueError::new(Self::expected(), &value))
    }
    fn expected() -> std::borrow::Cow<'static, str> {
        "string or list of strings".into()
    }
    fn to_dict_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

impl azml::rest::RestAsDict for DockerArgs {}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    // Golden command_job/resources_docker_args_list: the dict holds the list's repr.
    #[test]
    fn a_list_dumps_as_its_python_str() {
        let args = DockerArgs::from_value(&json!(["--ipc=host", "--shm-size=2g"])).unwrap();
        assert_eq!(
            serde_json::to_value(&args).unwrap(),
            json!("['--ipc=host', '--shm-size=2g']")
        );
        assert_eq!(args.value(), json!(["--ipc=host", "--shm-size=2g"]));
        assert!(DockerArgs::from_value(&json!([1])).is_err());
    }
}
