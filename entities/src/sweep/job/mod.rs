//! A sweep job as a document: `load_job` of a `type: sweep` file
//! (`SweepJob._load_from_dict`: `SweepJobSchema`, then the constructors of
//! what it holds), its `_to_dict()` (the schema's dump: the derive), its
//! REST body and that body read back.

mod read_back;
mod rest;

use std::path::Path;

use azml::document::{Document, Kind};
use azml::validate::Issue;
use azml::{RestError, Value};

use crate::fields::integer::refuse_bindings;
use crate::generated::{Command, JobResourceConfiguration, SweepJob};

impl Document for SweepJob {
    const KIND: Kind = Kind::new::<Self>(Self::KIND_SPEC);

    /// Loads a sweep job held as a JSON value; relative paths (the trial's
    /// `code`, an inline environment's files) resolve against `base`.
    ///
    /// # Errors
    /// Every issue, with its JSON pointer: `load_job`'s dispatch on `type`
    /// (exact: `Sweep` is refused; no type makes a command job, whose
    /// problems are given), the schema's, then the files it names.
    fn from_value(value: &Value, base: &Path) -> Result<Self, Vec<Issue>> {
        match value.get("type").filter(|t| !t.is_null()) {
            // `Job._resolve_cls_and_type`: no type is a command job.
            None => {
                return Err(Command::from_value(value, base).map_or_else(
                    |issues| issues,
                    |_| {
                        vec![Issue::new(
                            "/type",
                            "load_job reads a document without `type` as a command job",
                        )]
                    },
                ))
            }
            Some(Value::String(ty)) if ty == "sweep" => {}
            Some(ty) => {
                let shown = ty.as_str().map_or_else(|| ty.to_string(), str::to_owned);
                return Err(vec![Issue::new(
                    "/type",
                    format!("Unsupported job type: {shown}."),
                )]);
            }
        }
        let mut job: SweepJob = azml::load::from_value(value)?;
        let mut issues = Vec::new();
        // The job schema reads these as plain integers; the shared shapes
        // also take the bindings a pipeline node may hold.
        let limits = &job.limits;
        refuse_bindings(
            "/limits",
            [
                (
                    "max_concurrent_trials",
                    limits.max_concurrent_trials.as_ref(),
                ),
                ("max_total_trials", Some(&limits.max_total_trials)),
                ("timeout", limits.timeout.as_ref()),
                ("trial_timeout", limits.trial_timeout.as_ref()),
            ],
            &mut issues,
        );
        refuse_resource_bindings("/resources", job.resources.as_ref(), &mut issues);
        refuse_resource_bindings(
            "/trial/resources",
            job.trial.resources.as_ref(),
            &mut issues,
        );
        if let Some(code) = job.trial.code.as_mut() {
            if let Err(message) = code.resolve(base) {
                issues.push(Issue::new("/trial/code", message));
            }
        }
        if let Err(message) = job.trial.environment.resolve_files(base) {
            issues.push(Issue::new("/trial/environment", message));
        }
        if !issues.is_empty() {
            return Err(issues);
        }
        job.limits.construct();
        if let Some(policy) = job.early_termination.as_mut() {
            policy.construct();
        }
        Ok(job)
    }

    /// The request body of `load_job(...)._to_rest_object()`, or why
    /// there is none offline.
    fn to_rest(&self) -> Result<Value, RestError> {
        rest::job_body(self)
    }

    /// `SweepJob._load_from_rest`: the job a REST body describes, a local
    /// trial `codeId` looked up against the working directory, as
    /// `_to_dict()` then does (see [`SweepJob::from_rest_against`]).
    fn from_rest(rest: &Value) -> Result<Self, RestError> {
        read_back::job(rest, Path::new("."))
    }
}

impl SweepJob {
    /// [`Document::from_rest`] with a local trial `codeId` (`./src`) looked
    /// up against `base` instead of the working directory: dumped as its
    /// absolute path when it exists there, else as `azureml:<id>`.
    ///
    /// # Errors
    /// A [`RestError`] naming the part of the body that cannot be read.
    pub fn from_rest_against(rest: &Value, base: &Path) -> Result<Self, RestError> {
        read_back::job(rest, base)
    }
}

/// The integers of a job's resources, which its schema reads as plain
/// integers.
fn refuse_resource_bindings(
    at: &str,
    resources: Option<&JobResourceConfiguration>,
    issues: &mut Vec<Issue>,
) {
    if let Some(resources) = resources {
        refuse_bindings(
            at,
            [
                ("instance_count", resources.instance_count.as_ref()),
                ("max_instance_count", resources.max_instance_count.as_ref()),
            ],
            issues,
        );
    }
}
