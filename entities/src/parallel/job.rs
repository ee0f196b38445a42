//! `ParallelJob` as a document: a standalone parallel job, loaded as
//! `ParallelJob._load_from_dict` does.
//!
//! azure-ai-ml gives a standalone parallel job no REST form (its
//! `_to_rest_object()` returns `None`, and `load_job` refuses the type): it
//! is submitted as a node of a pipeline.

use std::path::Path;

use azml::document::{Document, Kind};
use azml::validate::Issue;
use azml::{RestError, Value};

use crate::fields::integer::refuse_bindings;
use crate::generated::ParallelJob;

impl Document for ParallelJob {
    const KIND: Kind = Kind::new::<Self>(Self::KIND_SPEC);

    /// Loads a job held as a JSON value; relative paths resolve against `base`.
    ///
    /// # Errors
    /// Every issue, with its JSON pointer.
    fn from_value(value: &Value, base: &Path) -> Result<Self, Vec<Issue>> {
        let mut job: Self = azml::load::from_value(value)?;
        let mut issues = Vec::new();
        // The job schema's resources take integers only; the shared
        // `JobResourceConfiguration` also takes bindings, for nodes.
        if let Some(resources) = &job.resources {
            refuse_bindings(
                "/resources",
                [
                    ("instance_count", resources.instance_count.as_ref()),
                    ("max_instance_count", resources.max_instance_count.as_ref()),
                ],
                &mut issues,
            );
        }
        if let Some(task) = job.task.as_mut() {
            issues.extend(super::task::resolve_files(
                "/task",
                base,
                task.code.as_mut(),
                &mut task.environment,
            ));
        }
        if issues.is_empty() {
            Ok(job)
        } else {
            Err(issues)
        }
    }

    /// azure-ai-ml's `ParallelJob._to_rest_object()` returns `None`.
    fn to_rest(&self) -> Result<Value, RestError> {
        Err(RestError::new(
            "a standalone parallel job has no REST body in azure-ai-ml; it is submitted as a node of a pipeline job",
        ))
    }

    /// See [`Document::to_rest`]: there is no REST form to read.
    fn from_rest(_: &Value) -> Result<Self, RestError> {
        Err(RestError::new(
            "a standalone parallel job has no REST body in azure-ai-ml; read the pipeline node instead",
        ))
    }
}
