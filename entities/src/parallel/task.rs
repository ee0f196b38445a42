//! `ParallelTask` as a document: a standalone task file, loaded as
//! `ParallelTask._load` does; and the files a task names, checked for the
//! task of a component, job or node too.

use std::path::Path;

use azml::__codegen::FromMap;
use azml::document::{Document, Kind};
use azml::validate::Issue;
use azml::{DictMixin, RestError, Value};

use crate::generated::ParallelTask;

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

impl Document for ParallelTask {
    const KIND: Kind = Kind::new::<Self>(Self::KIND_SPEC);

    /// Loads a task document held as a JSON value; relative paths resolve
    /// against `base`. A standalone task admits only the task's own keys
    /// (`ParallelTaskSchema` raises "Unknown field."); inside a component
    /// the same keys are dropped instead.
    ///
    /// # Errors
    /// Every issue, with its JSON pointer.
    fn from_value(value: &Value, base: &Path) -> Result<Self, Vec<Issue>> {
        let mut issues = azml::load::unknown_fields(value, <Self as FromMap>::FIELDS);
        let mut task = match azml::load::from_value::<Self>(value) {
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

    /// A task has no REST form of its own in azure-ai-ml (its
    /// `_to_rest_object()` is the mixin's no-op): it travels as its dict
    /// inside a component spec or a node.
    fn to_rest(&self) -> Result<Value, RestError> {
        Err(RestError::new(
            "a parallel task has no REST body of its own; it travels as its dict inside a component or node",
        ))
    }

    /// See [`Document::to_rest`]: there is no REST form to read.
    fn from_rest(_: &Value) -> Result<Self, RestError> {
        Err(RestError::new(
            "a parallel task has no REST body of its own; read the component or node that holds it",
        ))
    }

    /// The YAML of the task's dict (a task has no `_to_yaml()` of its own
    /// in azure-ai-ml; this is `yaml.dump` of `_to_dict()`).
    fn to_yaml(&self) -> String {
        azml_pyio::pyyaml::dump(&self.to_dict(), false)
    }
}
