//! marshmallow's `fields.Bool`: besides booleans it reads 0 and 1 and a set
//! of strings (`"true"`, `"False"`, `"yes"`, `"off"`, `"1"`, ...).

use serde::{Serialize, Serializer};

use azml::Value;

/// The strings marshmallow 3 reads as true.
const TRUTHY: [&str; 14] = [
    "t", "T", "true", "True", "TRUE", "on", "On", "ON", "y", "Y", "yes", "Yes", "YES", "1",
];
/// The strings marshmallow 3 reads as false.
const FALSY: [&str; 14] = [
    "f", "F", "false", "False", "FALSE", "off", "Off", "OFF", "n", "N", "no", "No", "NO", "0",
];

/// A boolean read as marshmallow reads one; dumped as a JSON boolean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct PythonBool(pub bool);

impl PythonBool {
    /// Reads a YAML value as `fields.Bool` does (`1.0` counts as 1, as in Python).
    pub fn from_value(value: &Value) -> Result<Self, String> {
        let read = match value {
            Value::Bool(b) => Some(*b),
            Value::Number(n) => {
                let f = n.as_f64().unwrap_or(f64::NAN);
                (f == 1.0 || f == 0.0).then_some(f == 1.0)
            }
            Value::String(s) if TRUTHY.contains(&s.as_str()) => Some(true),
            Value::String(s) if FALSY.contains(&s.as_str()) => Some(false),
            _ => None,
        };
        read.map(PythonBool)
            .ok_or_else(|| "Not a valid boolean.".to_owned())
    }
}

impl From<bool> for PythonBool {
    fn from(b: bool) -> Self {
        PythonBool(b)
    }
}

impl Serialize for PythonBool {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bool(self.0)
    }
}

super::value_type::read_with_from_value!(PythonBool, dict = "boolean");

#[cfg(test)]
mod tests {
    use super::PythonBool;
    use serde_json::json;

    #[test]
    fn reads_what_marshmallow_reads() {
        let read = |v| PythonBool::from_value(&v).map(|b| b.0);
        assert_eq!(read(json!(true)), Ok(true));
        assert_eq!(read(json!("false")), Ok(false));
        assert_eq!(read(json!("Yes")), Ok(true));
        assert_eq!(read(json!(1)), Ok(true));
        assert_eq!(read(json!(0.0)), Ok(false));
        assert!(read(json!(2)).is_err());
        assert!(read(json!("yES")).is_err());
        assert!(read(json!(null)).is_err());
    }
}
