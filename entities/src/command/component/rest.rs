//! The registration body of a command component
//! (`Component._to_rest_object`): a `ComponentVersion` whose
//! `componentSpec` is the component's `_to_dict()` plus `_source`, whose
//! properties are the component's, each as Python's `str()`, with the
//! `client_component_hash`; and that body read back.

use std::path::Path;

use azml::{DictMixin, RestError, Value};
use serde_json::Map;

use crate::component::registered_body::{registered_body, registered_spec, SPEC_PATH};
use crate::component::ComponentSource;
use crate::generated::CommandComponent;

impl CommandComponent {
    /// The registration body with a given `_source`.
    pub fn registration_body(&self, source: ComponentSource) -> Value {
        let mut spec = self.to_dict();
        let hash = crate::component::hash::client_component_hash(&spec);
        if let Some(map) = spec.as_object_mut() {
            map.insert("_source".into(), source.as_str().into());
        }
        let properties: Map<String, Value> = self
            .properties
            .iter()
            .flatten()
            .map(|(k, v)| {
                (
                    k.clone(),
                    Value::String(azml_pyio::py_repr::str_of(&azml::DictValue::to_value(v))),
                )
            })
            .collect();
        registered_body(
            hash,
            spec,
            self.description.as_deref(),
            self.tags.iter().flatten(),
            properties,
        )
    }

    /// `Component._from_rest_object`: the component a registration body's
    /// spec holds (`_source` dropped), read as a component file would be,
    /// with paths resolved against the working directory.
    ///
    /// # Errors
    /// A [`RestError`] naming the field that cannot be read.
    pub fn from_registration_body(rest: &Value) -> Result<Self, RestError> {
        let spec = registered_spec(rest)?;
        <Self as azml::Document>::from_value(&spec, Path::new(".")).map_err(|issues| {
            let first = issues.first();
            RestError::new(first.map_or_else(String::new, |i| i.message.clone()))
                .at(&azml::load::dotted(
                    first.map_or("", |i| i.pointer.as_str()),
                ))
                .at(SPEC_PATH)
        })
    }
}
