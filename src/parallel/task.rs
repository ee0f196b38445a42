//! `ParallelTask` and `RunFunction`: loading a task document, and the
//! `_to_dict()` of azure-ai-ml.

use std::path::Path;

use crate::entities::{ParallelTask, RunFunction};
use crate::load::{from_document, problem, LoadError};
use crate::validate::Issue;
use crate::yaml::Document;
use crate::Value;

/// Checks the files a task names, relative to `base`, recording problems.
fn resolve_files(
    doc: &Document,
    base: &Path,
    code: Option<&mut super::CodeRef>,
    environment: &mut super::EnvironmentRef,
) -> Vec<crate::load::Problem> {
    let mut problems = Vec::new();
    if let Some(code) = code {
        if let Err(message) = code.resolve(base) {
            problems.push(problem(doc, &Issue::new("/code", message)));
        }
    }
    if let Err(message) = environment.resolve_files(base) {
        problems.push(problem(doc, &Issue::new("/environment", message)));
    }
    problems
}

macro_rules! task_api {
    ($ty:ident) => {
        impl $ty {
            /// Loads a task document; relative paths resolve against `base`
            /// (the folder of the file it came from).
            ///
            /// # Errors
            /// Every problem, each with its line, column and field path.
            pub fn from_yaml_str(text: &str, base: impl AsRef<Path>) -> Result<Self, LoadError> {
                let doc = crate::yaml::parse_str(text)?;
                Self::from_document(&doc, base.as_ref())
            }

            /// Loads a task file; relative paths resolve against its folder.
            ///
            /// # Errors
            /// Every problem, each with `file:line:col` and field path.
            pub fn from_yaml_path(path: impl AsRef<Path>) -> Result<Self, LoadError> {
                let path = path.as_ref();
                let doc = crate::yaml::parse_path(path)?;
                let base = path.parent().unwrap_or_else(|| Path::new("."));
                Self::from_document(&doc, base)
            }

            /// Loads an already parsed document.
            ///
            /// # Errors
            /// Every problem, each with its place.
            pub fn from_document(doc: &Document, base: &Path) -> Result<Self, LoadError> {
                let mut task: Self = from_document(doc)?;
                let problems = resolve_files(doc, base, task.code.as_mut(), &mut task.environment);
                if problems.is_empty() {
                    Ok(task)
                } else {
                    Err(LoadError { problems })
                }
            }

            /// azure-ai-ml's `_to_dict()`: the schema's key order, `None`
            /// fields left out, empty dicts kept (an inline environment's
            /// `tags: {}`), `azureml:` restored, local code absolute.
            pub fn to_dict(&self) -> Value {
                serde_json::to_value(self).unwrap_or(Value::Null)
            }
        }
    };
}

task_api!(ParallelTask);
task_api!(RunFunction);
