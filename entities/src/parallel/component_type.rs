//! A parallel component's `type`: `StringTransformedEnum(["parallel"])`,
//! matched case-insensitively and stored lower-cased.

use serde::{Serialize, Serializer};

use azml::Value;

/// The type of a parallel component; `Parallel` is written `parallel`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum ComponentType {
    /// `parallel`.
    #[default]
    Parallel,
}

impl ComponentType {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        "parallel"
    }

    /// Reads `parallel` in any case.
    pub fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::String(s) if s.to_lowercase() == "parallel" => Ok(ComponentType::Parallel),
            Value::String(s) => Err(format!("Value '{s}' passed is not in set ['parallel']")),
            other => Err(format!(
                "Not a valid string: {}",
                azml::validate::describe(other)
            )),
        }
    }
}

impl Serialize for ComponentType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

crate::fields::read_with_from_value!(ComponentType, dict = "one of 'parallel'");
