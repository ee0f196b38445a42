//! One macro for the hand-written field types whose reading rule is a
//! function of the YAML value (`fn from_value(&Value) -> Result<Self, String>`):
//! it derives their `Deserialize` and `Validate` from that one function, so
//! what validation reports and what deserialization accepts cannot drift
//! apart; with `dict = "…"`, also their `DictValue` (the rule to read, the
//! serde form to show and dump) and their REST form (the dict form).

/// Implements `Deserialize` and `Validate` for a type with
/// `fn from_value(&Value) -> Result<Self, String>`; with
/// `dict = "what it accepts"`, also `DictValue` and `RestAsDict`.
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
    ($ty:ty, dict = $expected:literal) => {
        crate::fields::read_with_from_value!($ty);

        /// The stored value is the dumped one; writes follow the reading rule.
        impl azml::DictValue for $ty {
            fn to_value(&self) -> azml::Value {
                serde_json::to_value(self).unwrap_or(azml::Value::Null)
            }
            fn from_value(value: azml::Value) -> Result<Self, azml::ValueError> {
                <$ty>::from_value(&value).map_err(|_| azml::ValueError::new($expected, &value))
            }
            fn expected() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed($expected)
            }
        }

        impl azml::rest::RestAsDict for $ty {}
    };
}

pub(crate) use read_with_from_value;
