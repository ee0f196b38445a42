//! `ParallelJob`: a standalone parallel job document, loaded as
//! `ParallelJob._load_from_dict` does, and its `_to_dict()`.
//!
//! azure-ai-ml gives a standalone parallel job no REST form (its
//! `_to_rest_object()` returns `None`, and `load_job` refuses the type): it
//! is submitted as a node of a pipeline.

use std::path::Path;

use crate::fields::IntOrBinding;
use crate::generated::ParallelJob;
use azml::validate::Issue;
use azml::Value;

impl ParallelJob {
    /// Loads a job held as a JSON value; relative paths resolve against `base`.
    ///
    /// # Errors
    /// Every issue, with its JSON pointer.
    pub fn from_value(value: &Value, base: &Path) -> Result<Self, Vec<Issue>> {
        let mut job: Self = azml::load::from_value(value)?;
        let mut issues = Vec::new();
        // The job schema's resources take integers only; the shared
        // `JobResourceConfiguration` also takes bindings, for nodes.
        if let Some(resources) = &job.resources {
            for (key, field) in [
                ("instance_count", &resources.instance_count),
                ("max_instance_count", &resources.max_instance_count),
            ] {
                if let Some(IntOrBinding::Binding(_)) = field {
                    issues.push(Issue::new(
                        format!("/resources/{key}"),
                        crate::fields::integer::NOT_AN_INTEGER,
                    ));
                }
            }
        }
        if let Some(task) = job.task.as_mut() {
            issues.extend(super::task::resolve_files(
                "/task",
                base,
                task.code.as_mut(),
                &mut task.environment,
            ));
        }
        // What the constructor and the schema's dump always give.
        job.tags.get_or_insert_default();
        job.properties.get_or_insert_default();
        job.environment_variables.get_or_insert_default();
        job.inputs.get_or_insert_default();
        job.outputs.get_or_insert_default();
        if let Some(resources) = job.resources.as_mut() {
            resources.properties.get_or_insert_default();
        }
        if issues.is_empty() {
            Ok(job)
        } else {
            Err(issues)
        }
    }

    /// The dict as YAML, in the key order of azure-ai-ml's YAML dumps
    /// (`ParallelJob` itself has no `_to_yaml()` in azure-ai-ml).
    pub fn to_yaml(&self) -> String {
        azml_pyio::pyyaml::dump(
            &crate::dump::yaml_order::ordered_for_yaml(self.to_dict()),
            false,
        )
    }

    /// azure-ai-ml's `_to_dict()`: the schema's key order, `None` fields
    /// left out but empty dicts kept (`tags: {}`, `properties: {}`),
    /// `compute` as `azureml:<name>`, `mini_batch_size` as written, no `$schema`.
    pub fn to_dict(&self) -> Value {
        let mut dict = serde_json::to_value(self).unwrap_or(Value::Null);
        if let Some(map) = dict.as_object_mut() {
            map.shift_remove("$schema");
        }
        dict
    }
}

super::entry_points::yaml_entry_points!(ParallelJob);
