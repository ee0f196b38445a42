//! Keys azure-ai-ml's schemas mark `dump_only`: `PathAwareSchema.trim_dump_only`
//! drops them from the document before it is read when their value is not
//! `None`; a `null` one stays and marshmallow, which loads no dump-only
//! field, calls it an unknown field.

use serde::{Serialize, Serializer};

use azml::Value;

/// The reading rule both types share: anything but `null`.
fn read(value: &Value) -> Result<(), String> {
    if value.is_null() {
        Err("Unknown field.".to_owned())
    } else {
        Ok(())
    }
}

/// A dump-only key of a document (`$schema`, `id`, `creation_context`, …):
/// accepted and forgotten. Specs keep it out of the dict and the REST form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DumpOnly;

impl DumpOnly {
    /// Reads a value as `trim_dump_only` treats it.
    pub fn from_value(value: &Value) -> Result<Self, String> {
        read(value).map(|()| DumpOnly)
    }
}

/// Nothing is kept: the stored attribute is `None`.
impl Serialize for DumpOnly {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_none()
    }
}

super::value_type::read_with_from_value!(DumpOnly, dict = "any value but null");

/// A dump-only dict attribute (`fields.Dict(dump_only=True)`, as data's
/// `properties`): what the file holds is dropped, and the entity holds the
/// empty dict `Resource.__init__` gives it, which the dict shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DumpOnlyDict;

impl DumpOnlyDict {
    /// Reads a value as `trim_dump_only` treats it.
    pub fn from_value(value: &Value) -> Result<Self, String> {
        read(value).map(|()| DumpOnlyDict)
    }
}

/// The attribute: an empty dict.
impl Serialize for DumpOnlyDict {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(std::iter::empty::<((), ())>())
    }
}

super::value_type::read_with_from_value!(DumpOnlyDict, dict = "any value but null");

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn null_is_refused_anything_else_forgotten() {
        for value in [json!("x"), json!(5), json!({"a": 1}), json!([])] {
            assert_eq!(DumpOnly::from_value(&value), Ok(DumpOnly));
            assert_eq!(DumpOnlyDict::from_value(&value), Ok(DumpOnlyDict));
        }
        assert_eq!(
            DumpOnly::from_value(&Value::Null),
            Err("Unknown field.".to_owned())
        );
        assert_eq!(serde_json::to_value(DumpOnly).unwrap(), Value::Null);
        assert_eq!(serde_json::to_value(DumpOnlyDict).unwrap(), json!({}));
    }
}
