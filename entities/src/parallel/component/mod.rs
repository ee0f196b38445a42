//! `ParallelComponent` as a document: loaded as `load_component` does
//! (schema, then `ParallelComponent.__init__`, then the files its task
//! names), its `_validate()`, `_to_yaml()` and its registration body.

mod checks;
pub(crate) mod init;
mod rest;

use std::path::Path;

use azml::document::{Document, Kind};
use azml::validate::Issue;
use azml::{DictMixin, RestError, Value};

use crate::generated::ParallelComponent;

impl Document for ParallelComponent {
    const KIND: Kind = Kind::new::<Self>(Self::KIND_SPEC);

    /// Loads a component held as a JSON value; relative paths (`task.code`,
    /// an inline environment's files) resolve against `base`.
    ///
    /// # Errors
    /// Every issue, with its JSON pointer: the schema's first, then those of
    /// the constructor (input defaults) and of the files the task names.
    fn from_value(value: &Value, base: &Path) -> Result<Self, Vec<Issue>> {
        let mut component: Self = azml::load::from_value(value)?;
        let mut issues = init::construct(&mut component);
        if let Some(task) = component.task.as_mut() {
            issues.extend(super::task::resolve_files(
                "/task",
                base,
                task.code.as_mut(),
                &mut task.environment,
            ));
        }
        // After the task's own files: the shorthand is not checked.
        init::promote_code(&mut component, base);
        if issues.is_empty() {
            Ok(component)
        } else {
            Err(issues)
        }
    }

    /// The request body of `load_component(...)._to_rest_object()`.
    fn to_rest(&self) -> Result<Value, RestError> {
        self.registration_body(crate::component::ComponentSource::YamlComponent)
    }

    /// `Component._from_rest_object`: the spec of a registration body.
    fn from_rest(rest: &Value) -> Result<Self, RestError> {
        Self::from_registration_body(rest)
    }

    /// `_validate()`: input and output names, a git `code`.
    fn validate(&self) -> Vec<Issue> {
        checks::validate(self)
    }

    /// azure-ai-ml's `_to_yaml()` (and `str(component)`): the dict in the
    /// YAML dump's key order, with `task.code` as the attribute holds it
    /// (as written, `azureml:` stripped) rather than resolved.
    fn to_yaml(&self) -> String {
        let mut dict = self.to_dict();
        let code = self.task.as_ref().and_then(|t| t.code.as_ref());
        if let (Some(code), Some(task)) =
            (code, dict.get_mut("task").and_then(Value::as_object_mut))
        {
            task.insert("code".into(), Value::String(code.value().to_owned()));
        }
        azml_pyio::pyyaml::dump(&azml::document::ordered_for_yaml(dict), false)
    }
}

impl ParallelComponent {
    /// The `client_component_hash` azure-ai-ml sends with the component.
    pub fn client_component_hash(&self) -> String {
        crate::component::hash::client_component_hash(&self.to_dict())
    }
}
