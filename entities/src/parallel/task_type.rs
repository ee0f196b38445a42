//! `task.type` of a parallel task: `StringTransformedEnum` in azure-ai-ml,
//! matched case-insensitively and stored lower-cased.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What a parallel task runs (`ParallelTaskType` in azure-ai-ml).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum TaskType {
    /// `run_function`: an entry script with `init()` and `run(mini_batch)`.
    #[default]
    RunFunction,
    /// `model`.
    Model,
    /// `function`.
    Function,
}

impl TaskType {
    /// Every type, in azure-ai-ml's order.
    pub const ALL: [TaskType; 3] = [TaskType::RunFunction, TaskType::Model, TaskType::Function];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            TaskType::RunFunction => "run_function",
            TaskType::Model => "model",
            TaskType::Function => "function",
        }
    }
}

impl fmt::Display for TaskType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for TaskType {
    type Err = String;

    /// Case-insensitive, as azure-ai-ml: `Run_Function` is `run_function`.
    fn from_str(s: &str) -> Result<Self, String> {
        let lower = s.to_lowercase();
        TaskType::ALL
            .into_iter()
            .find(|t| t.as_str() == lower)
            .ok_or_else(|| {
                format!("Value '{s}' passed is not in set ['run_function', 'model', 'function']")
            })
    }
}

impl Serialize for TaskType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for TaskType {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl azml::validate::Validate for TaskType {
    fn validate(value: &azml::Value, cx: &mut azml::validate::Validator) {
        match value.as_str() {
            Some(s) => {
                if let Err(message) = s.parse::<TaskType>() {
                    cx.error(message);
                }
            }
            None => cx.error(format!(
                "Not a valid string: {}",
                azml::validate::describe(value)
            )),
        }
    }
}

/// The stored attribute: the lower-cased name.
impl azml::DictValue for TaskType {
    fn to_value(&self) -> azml::Value {
        azml::Value::String(self.as_str().to_owned())
    }
    fn from_value(value: azml::Value) -> Result<Self, azml::ValueError> {
        match &value {
            azml::Value::String(s) => s
                .parse()
                .map_err(|_| azml::ValueError::new(Self::expected(), &value)),
            _ => Err(azml::ValueError::new(Self::expected(), &value)),
        }
    }
    fn expected() -> std::borrow::Cow<'static, str> {
        "one of 'run_function', 'model', 'function'".into()
    }
}

impl azml::rest::RestAsDict for TaskType {}
