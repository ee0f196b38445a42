//! `CommandComponent` as a document: loaded as `load_component` does
//! (schema, then `CommandComponent.__init__`, then the files it names), its
//! `_validate()`, `_to_yaml()` and its registration body.

mod checks;
pub(crate) mod init;
mod rest;

use std::path::Path;

use azml::document::{Document, Kind};
use azml::validate::Issue;
use azml::{DictMixin, RestError, Value};

use crate::generated::CommandComponent;

impl Document for CommandComponent {
    const KIND: Kind = Kind::new::<Self>(Self::KIND_SPEC);

    /// Loads a component held as a JSON value; relative paths (`code`, an
    /// inline environment's files, `additional_includes`) resolve against
    /// `base`.
    ///
    /// # Errors
    /// Every issue, with its JSON pointer: the schema's first, then those of
    /// the constructor (input defaults) and of the files it names.
    fn from_value(value: &Value, base: &Path) -> Result<Self, Vec<Issue>> {
        let mut component: Self = azml::load::from_value(value)?;
        // The component schema excludes `environment_variables`; the
        // constructor pops it as an unknown key, so a file's never shows.
        component.environment_variables = None;
        let issues = init::construct(&mut component, base);
        if issues.is_empty() {
            Ok(component)
        } else {
            Err(issues)
        }
    }

    /// The request body of `load_component(...)._to_rest_object()`.
    fn to_rest(&self) -> Result<Value, RestError> {
        Ok(self.registration_body(crate::component::ComponentSource::YamlComponent))
    }

    /// `Component._from_rest_object`: the spec of a registration body.
    fn from_rest(rest: &Value) -> Result<Self, RestError> {
        Self::from_registration_body(rest)
    }

    /// `_validate()`: input and output names, the command's bindings,
    /// additional includes, a git `code`.
    fn validate(&self) -> Vec<Issue> {
        checks::validate(self)
    }

    /// azure-ai-ml's `_to_yaml()` (and `str(component)`): the dict in the
    /// YAML dump's key order, with `code` as written rather than resolved
    /// (`CommandComponent._to_ordered_dict_for_yaml_dump`).
    fn to_yaml(&self) -> String {
        let mut dict = self.to_dict();
        if let (Some(code), Some(map)) = (&self.code, dict.as_object_mut()) {
            map.insert("code".into(), Value::String(code.value().to_owned()));
        }
        azml_pyio::pyyaml::dump(&azml::document::ordered_for_yaml(dict), false)
    }
}

/// A node's command component: dumped by `AnonymousCommandComponentSchema`,
/// written in place as an anonymous component, registered anonymously.
impl crate::component::NodeComponentKind for CommandComponent {
    fn schema_dict(&self) -> Value {
        CommandComponent::schema_dict(self)
    }

    fn validate_inline(value: &Value, cx: &mut azml::validate::Validator) {
        <Self as azml::validate::Validate>::validate(
            &crate::component::anonymous(value.clone()),
            cx,
        );
    }

    fn anonymous_body(
        &self,
        source: crate::component::ComponentSource,
    ) -> Result<Value, RestError> {
        Ok(crate::component::pending::anonymize(
            self.registration_body(source),
        ))
    }
}

impl CommandComponent {
    /// The `client_component_hash` azure-ai-ml sends with the component.
    pub fn client_component_hash(&self) -> String {
        crate::component::hash::client_component_hash(&self.to_dict())
    }

    /// The component as a node's schema dumps it
    /// (`AnonymousCommandComponentSchema`): its dict without the unknown
    /// keys, which only `_to_dict()` adds.
    pub fn schema_dict(&self) -> Value {
        let mut dict = self.to_dict();
        if let Some(map) = dict.as_object_mut() {
            for key in self.additional_properties.keys() {
                map.shift_remove(key);
            }
        }
        dict
    }
}
