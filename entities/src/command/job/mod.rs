//! A command job as a document: `load_job` returns the `Command` node the
//! job is (`Command._load_from_dict`: the job schema, then
//! `command_func.command`), whose `_to_dict()` is the node's and whose REST
//! body is `_to_job()._to_rest_object()`.

mod build;
mod rest;

use std::path::Path;

use azml::document::{Document, Kind};
use azml::validate::Issue;
use azml::{RestError, Value};

use crate::fields::integer::refuse_bindings;
use crate::generated::{Command, CommandJob};

impl Document for Command {
    const KIND: Kind = Kind::new::<Self>(CommandJob::KIND_SPEC);

    /// Loads a command job held as a JSON value; relative paths (`code`,
    /// an inline environment's files) resolve against `base`.
    ///
    /// # Errors
    /// Every issue, with its JSON pointer: `load_job`'s dispatch on `type`
    /// (exact: only `command`, or none), the job schema's, then the files
    /// it names.
    fn from_value(value: &Value, base: &Path) -> Result<Self, Vec<Issue>> {
        let typed = value.get("type").filter(|t| !t.is_null());
        if let Some(ty) = typed.filter(|t| t.as_str() != Some("command")) {
            // `Job._resolve_cls_and_type` compares the type as written.
            let shown = ty.as_str().map_or_else(|| ty.to_string(), str::to_owned);
            return Err(vec![Issue::new(
                "/type",
                format!("Unsupported job type: {shown}."),
            )]);
        }
        load_job(value, base).map(build::command)
    }

    /// The request body of `load_job(...)._to_job()._to_rest_object()`, or
    /// why there is none offline (an inline environment would be registered
    /// first).
    fn to_rest(&self) -> Result<Value, RestError> {
        rest::job_body(self)
    }

    /// A command job is not read back from its REST body yet.
    fn from_rest(_: &Value) -> Result<Self, RestError> {
        Err(RestError::new(
            "azml does not read a command job back from its REST body yet",
        ))
    }

    /// `_validate()` of the node: every required input of its component is
    /// given (`BaseNode._validate_inputs`).
    fn validate(&self) -> Vec<Issue> {
        self.missing_inputs()
    }
}

/// A command job's fields as `CommandJobSchema` reads them (its resources
/// and limits take integers only, where the shared shapes also take
/// bindings, for pipeline nodes), with the files it names resolved
/// against `base`.
///
/// # Errors
/// Every issue, with its JSON pointer.
pub(crate) fn load_job(value: &Value, base: &Path) -> Result<CommandJob, Vec<Issue>> {
    let mut job: CommandJob = azml::load::from_value(value)?;
    let mut issues = Vec::new();
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
    if let Some(limits) = &job.limits {
        refuse_bindings(
            "/limits",
            [("timeout", limits.timeout.as_ref())],
            &mut issues,
        );
    }
    if let Some(code) = job.code.as_mut() {
        if let Err(message) = code.resolve(base) {
            issues.push(Issue::new("/code", message));
        }
    }
    if let Err(message) = job.environment.resolve_files(base) {
        issues.push(Issue::new("/environment", message));
    }
    if issues.is_empty() {
        Ok(job)
    } else {
        Err(issues)
    }
}

impl Command {
    /// `BaseNode._validate_inputs`: a component input that is not optional
    /// and has no default must be given a value.
    pub fn missing_inputs(&self) -> Vec<Issue> {
        let Some(component) = self.component.as_ref().and_then(|c| c.component()) else {
            return Vec::new();
        };
        let given = |name: &str| {
            self.inputs
                .as_ref()
                .and_then(|m| m.get(name))
                .is_some_and(Option::is_some)
        };
        let node_name = self
            .name
            .as_deref()
            .map_or_else(|| "None".to_owned(), |n| format!("'{n}'"));
        component
            .inputs
            .iter()
            .flatten()
            .filter(|(name, input)| {
                !given(name) && !crate::fields::component_inputs::is_optional_or_defaulted(input)
            })
            .map(|(name, _)| {
                Issue::new(
                    format!("/inputs/{}", azml::validate::escape_segment(name)),
                    format!("Required input '{name}' for component {node_name} not provided."),
                )
            })
            .collect()
    }
}
