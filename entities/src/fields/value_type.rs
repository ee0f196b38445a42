//! One macro for the hand-written field types whose reading rule is a
//! function of the YAML value (`fn from_value(&Value) -> Result<Self, String>`):
//! it derives their `Deserialize` and `Validate` from that one function, so
//! what validation reports and what deserialization accepts cannot drift apart.

/// Implements `Deserialize` and `Validate` for a type with
/// `fn from_value(&Value) -> Result<Self, String>`.
macro_rules! read_with_from_value {
    ($ty:ty) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <azml::Value as serde::Deserialize>::deserialize(deserializer)?;
                <$ty>::from_value(&value).map_err(serde::de::Error::custom)
            }
        }

        impl azml::validate::Validate for $ty {
            fn validate(value: &azml::Value, cx: &mut azml::validate::Validator) {
                if let Err(message) = <$ty>::from_value(value) {
                    cx.error(message);
                }
            }
        }
    };
}

pub(crate) use read_with_from_value;
