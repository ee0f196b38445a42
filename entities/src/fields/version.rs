//! A component's `version`: azure-ai-ml's `VersionField` keeps a string and
//! turns a YAML number into its Python `str()` (`1` -> `"1"`, `1.5` ->
//! `"1.5"`, and, since a Python bool is an int, `true` -> `"True"`).

use serde::{Serialize, Serializer};

use azml::Value;

/// An asset version, always text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Version(pub String);

impl Version {
    /// Reads a YAML value as `VersionField` does.
    pub fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::String(s) => Ok(Version(s.clone())),
            Value::Bool(b) => Ok(Version(if *b { "True" } else { "False" }.to_owned())),
            Value::Number(n) => Ok(Version(match (n.as_i64(), n.as_u64(), n.as_f64()) {
                (Some(i), _, _) => i.to_string(),
                (None, Some(u), _) => u.to_string(),
                (None, None, Some(f)) => azml_pyio::py_repr::float_repr(f),
                _ => n.to_string(),
            })),
            other => Err(format!(
                "Type {} is not supported for version.",
                azml::validate::describe(other)
            )),
        }
    }
}

impl Serialize for Version {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

super::value_type::read_with_from_value!(Version, dict = "version");

#[cfg(test)]
mod tests {
    use super::Version;
    use serde_json::json;

    // Python: str(1) == "1", str(1.5) == "1.5", str(1.0) == "1.0", str(True) == "True".
    #[test]
    fn numbers_become_python_text() {
        let v = |j| Version::from_value(&j).unwrap().0;
        assert_eq!(v(json!("1.0.0")), "1.0.0");
        assert_eq!(v(json!(1)), "1");
        assert_eq!(v(json!(1.5)), "1.5");
        assert_eq!(v(json!(1.0)), "1.0");
        assert_eq!(v(json!(true)), "True");
        assert!(Version::from_value(&json!([1])).is_err());
    }
}
