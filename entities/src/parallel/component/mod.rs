//! `ParallelComponent`: loading a component document as `load_component`
//! does, its `_to_dict()`, and its REST body.

mod checks;
pub(crate) mod init;
mod rest;

use std::path::Path;

use crate::generated::ParallelComponent;
use azml::validate::Issue;
use azml::Value;

impl ParallelComponent {
    /// Loads a component held as a JSON value; relative paths (`task.code`,
    /// an inline environment's files) resolve against `base`.
    ///
    /// # Errors
    /// Every issue, with its JSON pointer: the schema's first, then those of
    /// the constructor (input defaults, `instance_count` with `resources`)
    /// and of the files the task names.
    pub fn from_value(value: &Value, base: &Path) -> Result<Self, Vec<Issue>> {
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

    /// azure-ai-ml's `_to_dict()`: the schema's key order, no `None` and no
    /// empty dict at any depth, `resources.properties` left out, `azureml:`
    /// restored, local code absolute, input defaults as Python's `str()`.
    pub fn to_dict(&self) -> Value {
        let mut dict = serde_json::to_value(self).unwrap_or(Value::Null);
        if let Some(resources) = dict.get_mut("resources").and_then(Value::as_object_mut) {
            resources.shift_remove("properties");
        }
        azml::dict::prune_empty(dict)
    }

    /// azure-ai-ml's `_to_yaml()` (and `str(component)`): the dict in the
    /// YAML dump's key order, with `task.code` as the attribute holds it
    /// (as written, `azureml:` stripped) rather than resolved.
    pub fn to_yaml(&self) -> String {
        let mut dict = self.to_dict();
        let code = self.task.as_ref().and_then(|t| t.code.as_ref());
        if let (Some(code), Some(task)) =
            (code, dict.get_mut("task").and_then(Value::as_object_mut))
        {
            task.insert("code".into(), Value::String(code.value().to_owned()));
        }
        azml_pyio::pyyaml::dump(&crate::dump::yaml_order::ordered_for_yaml(dict), false)
    }

    /// The `client_component_hash` azure-ai-ml sends with the component.
    pub fn client_component_hash(&self) -> String {
        crate::component::hash::client_component_hash(&self.to_dict())
    }
}

super::entry_points::yaml_entry_points!(ParallelComponent);
