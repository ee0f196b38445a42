//! The registration body of a parallel component
//! (`ParallelComponent._to_rest_object`): a `ComponentVersion` whose
//! `componentSpec` is the component's REST form — its dict with
//! `partition_keys` as a JSON string, from the derive — plus `_source`.

use azml::{DictMixin, RestError, RestTranslatable, Value};

use crate::component::registered_body::{registered_body, registered_spec, SPEC_PATH};
use crate::component::ComponentSource;
use crate::generated::ParallelComponent;

impl ParallelComponent {
    /// The registration body with a given `_source`.
    ///
    /// # Errors
    /// A [`RestError`] naming a field that cannot be translated.
    pub fn registration_body(&self, source: ComponentSource) -> Result<Value, RestError> {
        let dict = self.to_dict();
        let hash = crate::component::hash::client_component_hash(&dict);
        // The REST form of the same dict (the derive's `#[rest(from_dict)]`).
        let mut spec = Self::rest_of_dict(dict)?;
        if let Some(map) = spec.as_object_mut() {
            map.insert("_source".into(), source.as_str().into());
        }
        Ok(registered_body(
            hash,
            spec,
            self.description.as_deref(),
            self.tags.iter().flatten(),
            serde_json::Map::new(),
        ))
    }

    /// `Component._from_rest_object`: the component a registration body's
    /// spec holds (`_source` dropped, `partition_keys` decoded).
    ///
    /// # Errors
    /// A [`RestError`] naming the field that cannot be read.
    pub fn from_registration_body(rest: &Value) -> Result<Self, RestError> {
        let spec = registered_spec(rest)?;
        Self::from_rest_object(spec).map_err(|e| e.at(SPEC_PATH))
    }
}
