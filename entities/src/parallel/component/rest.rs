//! The REST form of a component: a `ComponentVersion` whose `componentSpec`
//! is the component's dict (snake_case keys), plus `_source`, with
//! `partition_keys` as a JSON string (`ParallelComponent._to_rest_object`).

use std::path::Path;

use crate::component::ComponentSource;
use crate::generated::{ComponentVersionResource, ParallelComponent};
use azml::{RestError, RestTranslatable, Value};

impl ParallelComponent {
    /// The REST body with a given `_source`.
    pub fn to_rest_with_source(&self, source: ComponentSource) -> ComponentVersionResource {
        crate::component::registered_body::registered_body(
            self.to_dict(),
            |map| {
                let keys = map.get("partition_keys").and_then(Value::as_array);
                if keys.is_some_and(|k| !k.is_empty()) {
                    let text = azml_pyio::python_json::dumps(&map["partition_keys"], false);
                    map.insert("partition_keys".into(), Value::String(text));
                }
                map.insert("_source".into(), Value::String(source.as_str().into()));
            },
            self.description.as_deref(),
            self.tags.iter().flatten(),
        )
    }
}

impl RestTranslatable for ParallelComponent {
    type Rest = ComponentVersionResource;

    /// The request body of `load_component(...)._to_rest_object()`.
    fn to_rest_object(&self) -> Result<Self::Rest, RestError> {
        Ok(self.to_rest_with_source(ComponentSource::YamlComponent))
    }

    /// `Component._from_rest_object`: the spec without `_source`, with
    /// `partition_keys` decoded, loaded as a component document.
    fn from_rest_object(rest: Self::Rest) -> Result<Self, RestError> {
        let spec_path = "properties.componentSpec";
        let mut spec = rest
            .properties
            .component_spec
            .flatten()
            .ok_or_else(|| RestError::new("missing component spec").at(spec_path))?;
        if let Some(map) = spec.as_object_mut() {
            map.shift_remove("_source");
            if let Some(Value::String(text)) = map.get("partition_keys") {
                let keys: Value = serde_json::from_str(text).map_err(|e| {
                    RestError::new(e.to_string())
                        .at("partition_keys")
                        .at(spec_path)
                })?;
                map.insert("partition_keys".into(), keys);
            }
        }
        ParallelComponent::from_value(&spec, Path::new("/"))
            .map_err(|issues| RestError::of_issues(&issues).at(spec_path))
    }
}
