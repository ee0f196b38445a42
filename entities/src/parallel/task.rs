//! `ParallelTask` and `RunFunction`: loading a standalone task document, and
//! the `_to_dict()` of azure-ai-ml.

use std::path::Path;

use crate::generated::{ParallelTask, RunFunction};
use azml::validate::Issue;
use azml::Value;

/// Checks the files a task names, relative to `base`; `at` is the task's
/// JSON pointer (`""` for a task document, `/task` in a component).
pub(super) fn resolve_files(
    at: &str,
    base: &Path,
    code: Option<&mut crate::fields::CodeRef>,
    environment: &mut crate::fields::EnvironmentRef,
) -> Vec<Issue> {
    let mut issues = Vec::new();
    if let Some(code) = code {
        if let Err(message) = code.resolve(base) {
            issues.push(Issue::new(format!("{at}/code"), message));
        }
    }
    if let Err(message) = environment.resolve_files(base) {
        issues.push(Issue::new(format!("{at}/environment"), message));
    }
    issues
}

/// A standalone task document admits only the task's own keys
/// (`ParallelTaskSchema` raises "Unknown field."); inside a component the
/// same keys are dropped instead.
fn unknown_keys(value: &Value, known: &[&str]) -> Vec<Issue> {
    value
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(key, _)| !known.contains(&key.as_str()))
        .map(|(key, _)| {
            Issue::on_key(
                format!("/{}", azml::validate::escape_segment(key)),
                "Unknown field.",
            )
        })
        .collect()
}

macro_rules! task_api {
    ($ty:ident) => {
        impl $ty {
            /// Loads a task document held as a JSON value; relative paths
            /// resolve against `base`.
            ///
            /// # Errors
            /// Every issue, with its JSON pointer.
            pub fn from_value(value: &Value, base: &Path) -> Result<Self, Vec<Issue>> {
                let mut issues = unknown_keys(value, <$ty as azml::__codegen::FromMap>::FIELDS);
                let loaded = azml::load::from_value::<$ty>(value);
                let mut task = match loaded {
                    Ok(task) if issues.is_empty() => task,
                    Ok(_) => return Err(issues),
                    Err(more) => {
                        issues.extend(more);
                        return Err(issues);
                    }
                };
                let issues = resolve_files("", base, task.code.as_mut(), &mut task.environment);
                if issues.is_empty() {
                    Ok(task)
                } else {
                    Err(issues)
                }
            }

            /// The YAML of the task's dict (a task has no `_to_yaml()` of
            /// its own in azure-ai-ml; this is `yaml.dump` of `_to_dict()`).
            pub fn to_yaml(&self) -> String {
                azml_pyio::pyyaml::dump(&self.to_dict(), false)
            }

            /// azure-ai-ml's `_to_dict()`: the schema's key order, `None`
            /// fields left out, empty dicts kept (an inline environment's
            /// `tags: {}`), `azureml:` restored, local code absolute.
            pub fn to_dict(&self) -> Value {
                serde_json::to_value(self).unwrap_or(Value::Null)
            }
        }

        super::entry_points::yaml_entry_points!($ty);
    };
}

task_api!(ParallelTask);
task_api!(RunFunction);
