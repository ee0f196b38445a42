//! `DictMixin` for a component's inputs and outputs, as azure-ai-ml's
//! `Input` and `Output` give it: every attribute those classes store is a
//! key, in their order, whether or not this input uses it (`path`,
//! `datastore` and the like are `None` on a component's input); defaults and
//! bounds are the typed values Python stores (`120`, `0.5`, `False`), not the
//! text the dict dump holds.
//!
//! Writes go through the same reading rules as a document: the new value is
//! checked and converted as if the input had been written so, and a write
//! that would not load changes nothing.

use serde_json::Map;

use crate::generated::{ComponentInput, ComponentOutput};
use azml::dict::{DictMixin, Keys};
use azml::validate::{validate_value, Issue, Validate};
use azml::{DictError, Value, ValueError};

/// The keys of azure-ai-ml's `Input`, in its order.
pub const INPUT_KEYS: [&str; 11] = [
    "type",
    "description",
    "path",
    "path_on_compute",
    "mode",
    "default",
    "optional",
    "min",
    "max",
    "enum",
    "datastore",
];

/// The keys of azure-ai-ml's `Output`, in its order.
pub const OUTPUT_KEYS: [&str; 8] = [
    "type",
    "name",
    "version",
    "description",
    "path",
    "path_on_compute",
    "mode",
    "early_available",
];

/// The view as one JSON object with every key.
fn view<const N: usize>(keys: &[&str; N], known: Map<String, Value>) -> Map<String, Value> {
    keys.iter()
        .map(|k| {
            (
                (*k).to_owned(),
                known.get(*k).cloned().unwrap_or(Value::Null),
            )
        })
        .collect()
}

fn input_view(input: &ComponentInput) -> Map<String, Value> {
    let mut known = match serde_json::to_value(input) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    if let ComponentInput::ParameterInput(p) = input {
        for (key, value) in [("default", &p.default), ("min", &p.min), ("max", &p.max)] {
            if let Some(v) = value {
                known.insert(key.into(), azml::DictValue::to_value(v));
            }
        }
    }
    view(&INPUT_KEYS, known)
}

fn output_view(output: &ComponentOutput) -> Map<String, Value> {
    match serde_json::to_value(output) {
        Ok(Value::Object(map)) => view(&OUTPUT_KEYS, map),
        _ => view(&OUTPUT_KEYS, Map::new()),
    }
}

/// The first problem of a rebuilt value, as a `DictError` about `key`.
fn refused(key: &str, given: &Value, issues: &[Issue]) -> DictError {
    let expected = issues
        .first()
        .map_or_else(|| "a valid value".to_owned(), ToString::to_string);
    DictError::WrongType {
        key: key.to_owned(),
        error: ValueError {
            path: String::new(),
            expected,
            given: azml::validate::describe(given),
        },
    }
}

/// Reads a view back, with `None` keys left out, as a document would be read.
fn rebuild<T: Validate + serde::de::DeserializeOwned>(
    view: Map<String, Value>,
    key: &str,
    given: &Value,
) -> Result<T, DictError> {
    let value = Value::Object(view.into_iter().filter(|(_, v)| !v.is_null()).collect());
    let issues = validate_value::<T>(&value);
    if !issues.is_empty() {
        return Err(refused(key, given, &issues));
    }
    T::deserialize(&value).map_err(|e| refused(key, given, &[Issue::new("", e.to_string())]))
}

/// The input a view describes, with its default and bounds converted to its type.
fn rebuild_input(
    view: Map<String, Value>,
    key: &str,
    given: &Value,
) -> Result<ComponentInput, DictError> {
    let mut input: ComponentInput = rebuild(view, key, given)?;
    let mut issues = Vec::new();
    match &mut input {
        ComponentInput::ParameterInput(p) => {
            super::component_inputs::convert_parameter(p, "", &mut issues)
        }
        ComponentInput::AssetInput(a) => super::component_inputs::check_port(a, "", &mut issues),
        ComponentInput::Other(_) => {}
    }
    if issues.is_empty() {
        Ok(input)
    } else {
        Err(refused(key, given, &issues))
    }
}

macro_rules! io_dict {
    ($ty:ty, $keys:expr, $view:ident, $rebuild:expr) => {
        impl DictMixin for $ty {
            fn keys(&self) -> Keys<'_> {
                Keys::new(&$keys)
            }

            fn get(&self, key: &str) -> Option<Value> {
                $view(self).get(key).cloned()
            }

            fn has_key(&self, key: &str) -> bool {
                $keys.contains(&key)
            }

            fn values(&self) -> Vec<Value> {
                $view(self).into_iter().map(|(_, v)| v).collect()
            }

            fn items(&self) -> Vec<(&str, Value)> {
                let mut view = $view(self);
                $keys
                    .iter()
                    .map(|k| (*k, view.remove(*k).unwrap_or(Value::Null)))
                    .collect()
            }

            fn len(&self) -> usize {
                $keys.len()
            }

            fn set(&mut self, key: &str, value: Value) -> Result<(), DictError> {
                self.update([(key, value)])
            }

            fn remove(&mut self, key: &str) -> Result<(), DictError> {
                if key == "type" {
                    return Err(DictError::Required {
                        key: key.to_owned(),
                    });
                }
                self.set(key, Value::Null)
            }

            fn update<I, K, V>(&mut self, pairs: I) -> Result<(), DictError>
            where
                I: IntoIterator<Item = (K, V)>,
                K: AsRef<str>,
                V: Into<Value>,
            {
                let mut view = $view(self);
                let mut last = (String::new(), Value::Null);
                for (key, value) in pairs {
                    let key = key.as_ref();
                    if !$keys.contains(&key) {
                        return Err(DictError::UnknownKey {
                            key: key.to_owned(),
                        });
                    }
                    let value = value.into();
                    view.insert(key.to_owned(), value.clone());
                    last = (key.to_owned(), value);
                }
                *self = $rebuild(view, &last.0, &last.1)?;
                Ok(())
            }
        }
    };
}

io_dict!(ComponentInput, INPUT_KEYS, input_view, rebuild_input);
io_dict!(ComponentOutput, OUTPUT_KEYS, output_view, rebuild);

/// An output as a nested value: its view as a dict, read back as a document
/// would be; its dump is its schema's (`OutputPortSchema`).
impl azml::DictValue for ComponentOutput {
    fn to_value(&self) -> Value {
        Value::Object(output_view(self))
    }
    fn from_value(value: Value) -> Result<Self, ValueError> {
        let Value::Object(view) = value else {
            return Err(ValueError::new(Self::expected(), &value));
        };
        rebuild(view, "", &Value::Null).map_err(|e| ValueError {
            path: String::new(),
            expected: e.to_string(),
            given: "output".to_owned(),
        })
    }
    fn expected() -> std::borrow::Cow<'static, str> {
        "component output".into()
    }
    fn to_dict_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn input(value: Value) -> ComponentInput {
        rebuild_input(value.as_object().unwrap().clone(), "", &Value::Null).unwrap()
    }

    // azure-ai-ml 1.35.2: list(Input(type="integer", default=1).keys()) and the stored values.
    #[test]
    fn keys_and_stored_values_are_pythons() {
        let i = input(json!({"type": "integer", "default": 120, "min": 0, "max": 1000}));
        assert_eq!(i.keys().collect::<Vec<_>>(), INPUT_KEYS);
        assert_eq!(i.get("default"), Some(json!(120)));
        assert_eq!(i.get("min"), Some(json!(0)));
        assert_eq!(i.get("path"), Some(Value::Null));
        let b = input(json!({"type": "boolean", "default": false}));
        assert_eq!(b.get("default"), Some(json!(false)));
    }

    #[test]
    fn writes_convert_like_a_document_and_fail_whole() {
        let mut i = input(json!({"type": "integer", "default": 1}));
        i.set("default", json!("7")).unwrap();
        assert_eq!(i.get("default"), Some(json!(7)));
        let before = i.clone();
        assert!(i
            .update([("description", json!("d")), ("default", json!("abc"))])
            .is_err());
        assert_eq!(i, before);
        assert!(matches!(
            i.set("nope", json!(1)),
            Err(DictError::UnknownKey { .. })
        ));
        assert!(
            i.set("path", json!("./data")).is_err(),
            "a parameter has no path"
        );
        i.remove("default").unwrap();
        assert_eq!(i.get("default"), Some(Value::Null));
        assert!(matches!(i.remove("type"), Err(DictError::Required { .. })));
    }

    #[test]
    fn outputs_have_pythons_keys() {
        let mut o: ComponentOutput = serde_json::from_value(json!({"type": "uri_folder"})).unwrap();
        assert_eq!(o.keys().collect::<Vec<_>>(), OUTPUT_KEYS);
        o.set("mode", json!("rw_mount")).unwrap();
        assert_eq!(o.get("mode"), Some(json!("rw_mount")));
        assert!(o.set("mode", json!("sideways")).is_err());
    }
}
