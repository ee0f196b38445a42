//! A whole pipeline job as a document (`load_job`, `PipelineJob`): its own
//! fields come from the spec (`specs/pipeline.schema.json`); its nodes are
//! read by the kinds their `type` names ([`Jobs`]), once the pipeline is
//! known; a pipeline component it runs from a file lends it its nodes,
//! inputs, outputs and descriptions (`PipelineJob.__init__`).

use std::path::Path;

use serde_json::Map;

use azml::document::{Document, Kind};
use azml::validate::{escape_segment, Issue};
use azml::{OrderedMap, RestError, Value};

use super::{Jobs, PipelineComponentRef};
use crate::component::ComponentSource;
use crate::fields::binding::is_binding;
use crate::fields::job_io::{node_input, node_output};
use crate::fields::{io_rest, job_rest, JobLiteral};
use crate::generated::{
    Command, JobInput, JobOutput, JobOutputType, ParallelNode, PipelineComponent, PipelineJob,
};

impl Document for PipelineJob {
    const KIND: Kind = Kind::new::<Self>(Self::KIND_SPEC);

    /// Loads a pipeline held as a JSON value; relative paths resolve
    /// against `base`, the pipeline file's folder.
    ///
    /// # Errors
    /// Every issue of the pipeline and of its nodes, with its JSON pointer.
    fn from_value(value: &Value, base: &Path) -> Result<Self, Vec<Issue>> {
        if value.get("type").is_none_or(Value::is_null) {
            // `load_job` reads a file without `type` as a command job.
            return Err(match <Command as Document>::from_value(value, base) {
                Err(issues) => issues,
                Ok(_) => vec![Issue::new(
                    "/type",
                    "load_job reads a job without type as a command job",
                )],
            });
        }
        let mut job: Self = azml::load::from_value(value).map_err(|mut issues| {
            if let Some(jobs) = value.get("jobs") {
                issues.extend(Jobs::schema_issues(jobs, base));
            }
            issues
        })?;
        // `PipelineJob._build_inputs_dict`: a binding given as an input is
        // the input bound to it (dumped `{path: ...}`, sent as a literal).
        for input in job.inputs.iter_mut().flat_map(|m| m.values_mut()) {
            if let JobInput::JobLiteral(JobLiteral::Str(text)) = input {
                if is_binding(text) {
                    *input = JobInput::Other(serde_json::json!({ "path": text }));
                }
            }
        }
        // `Output.__init__`: an output's type is a folder unless given.
        for output in job
            .outputs
            .iter_mut()
            .flat_map(|m| m.values_mut())
            .flatten()
        {
            output.r#type.get_or_insert(JobOutputType::UriFolder);
        }
        let issues = match job.component.take() {
            Some(component @ PipelineComponentRef::File(_)) => match component.load(base) {
                Ok(PipelineComponentRef::Loaded(loaded)) => {
                    job.adopt(loaded.component);
                    Vec::new()
                }
                Ok(other) => {
                    job.component = Some(other);
                    Vec::new()
                }
                Err(issues) => issues,
            },
            other => {
                job.component = other;
                match job.jobs.as_mut() {
                    Some(jobs) => jobs.resolve(base, value),
                    None => Vec::new(),
                }
            }
        };
        if issues.is_empty() {
            Ok(job)
        } else {
            Err(issues)
        }
    }

    /// The request body of `load_job(...)._to_rest_object()` (`JobBase`
    /// with a `PipelineJob`), or why there is none offline: a node's
    /// component would be registered first.
    fn to_rest(&self) -> Result<Value, RestError> {
        if let Some(jobs) = &self.jobs {
            jobs.refuse_pending()?;
        }
        self.rest_with_pending_components()
    }

    /// A pipeline is not read back from REST yet.
    fn from_rest(_: &Value) -> Result<Self, RestError> {
        Err(RestError::new(
            "azml reads a pipeline's parallel nodes back from REST one by one (ParallelNode::from_rest), not a whole pipeline",
        ))
    }

    /// `PipelineJob._validate()`: its nodes' own checks, a compute for
    /// every node when the pipeline names none, and the inputs a pipeline
    /// component it runs requires.
    fn validate(&self) -> Vec<Issue> {
        let Some(jobs) = &self.jobs else {
            return Vec::new();
        };
        let mut issues = match &jobs.component {
            Some(component) => component.validate_structure(),
            None => jobs.validate_nodes(),
        };
        let default_compute = self
            .settings
            .as_ref()
            .is_some_and(|s| s.default_compute.is_some());
        if self.compute.is_none() && !default_compute {
            issues.extend(jobs.compute_issues(""));
        }
        issues.extend(self.missing_inputs());
        issues.extend(self.init_finalize_issues(jobs));
        issues
    }
}

impl PipelineJob {
    /// The parallel nodes, by name, in document order.
    pub fn parallel_nodes(&self) -> impl Iterator<Item = (&String, &ParallelNode)> {
        self.jobs.iter().flat_map(Jobs::parallel)
    }

    /// The REST form of each parallel node, by name: what a pipeline job's
    /// REST body holds under `jobs.<name>`.
    ///
    /// # Errors
    /// A [`RestError`] naming the node that could not be translated.
    pub fn parallel_nodes_rest(&self) -> Result<OrderedMap<Value>, RestError> {
        self.parallel_nodes()
            .map(|(name, node)| {
                node.to_rest(name)
                    .map(|rest| (name.clone(), rest))
                    .map_err(|e| e.at(name).at("jobs"))
            })
            .collect()
    }

    /// The REST body of `_to_rest_object()`, each node's component that is
    /// not registered yet written `{"$component": <its body>}` (what
    /// azure-ai-ml registers before it sends the job): the job's fields in
    /// `RestPipelineJob`'s order, its inputs and outputs in their job REST
    /// form, its settings with `_source`.
    ///
    /// # Errors
    /// A [`RestError`] naming the node or field that could not be translated.
    pub fn rest_with_pending_components(&self) -> Result<Value, RestError> {
        let mut p = Map::new();
        let mut put = |key: &str, value: Option<Value>| {
            if let Some(value) = value {
                p.insert(key.to_owned(), value);
            }
        };
        put("computeId", self.compute.as_ref().map(|c| c.name().into()));
        put(
            "componentId",
            match &self.component {
                Some(component) => Some(component.component_id()?),
                None => None,
            },
        );
        put("displayName", self.display_name.clone().map(Value::from));
        put("tags", Some(json_or_empty(self.tags.as_ref())));
        put("description", self.description.clone().map(Value::from));
        put("properties", Some(json_or_empty(self.properties.as_ref())));
        put(
            "experimentName",
            self.experiment_name.clone().map(Value::from),
        );
        let jobs = match &self.jobs {
            Some(jobs) => jobs.rest_forms()?,
            None => Map::new(),
        };
        put("jobs", Some(Value::Object(jobs)));
        put("isArchived", Some(false.into()));
        put("inputs", Some(Value::Object(self.rest_inputs())));
        put("outputs", Some(Value::Object(self.rest_outputs())));
        put("settings", Some(self.rest_settings()));
        put(
            "services",
            self.services
                .as_ref()
                .filter(|s| !s.is_empty())
                .map(job_rest::services)
                .transpose()
                .map_err(|e| e.at("services"))?,
        );
        put(
            "identity",
            self.identity
                .as_ref()
                .map(job_rest::identity)
                .transpose()
                .map_err(|e| e.at("identity"))?,
        );
        put("jobType", Some("Pipeline".into()));
        Ok(serde_json::json!({ "properties": p }))
    }

    /// Takes a pipeline component's nodes, inputs, outputs, description
    /// and display name as `PipelineJob.__init__` does: the job's inputs
    /// fitted to the component's (an unset one left out), the component's
    /// outputs with the job's over them.
    fn adopt(&mut self, component: PipelineComponent) {
        // `_build_inputs_dict` with the component's inputs: each in its
        // order, given or defaulted (an unset one is removed).
        let mut given = self.inputs.take().unwrap_or_default();
        let inputs: OrderedMap<JobInput> = component
            .inputs
            .iter()
            .flatten()
            .filter_map(|(name, input)| {
                let value = given.shift_remove(name).or_else(|| default_input(input))?;
                Some((name.clone(), value))
            })
            .collect();
        self.inputs = (!inputs.is_empty()).then_some(inputs);
        let mut outputs: OrderedMap<Option<JobOutput>> = component
            .outputs
            .iter()
            .flatten()
            .filter_map(|(name, port)| {
                let dict = serde_json::to_value(port).ok()?;
                Some((name.clone(), serde_json::from_value(dict).ok()?))
            })
            .collect();
        outputs.extend(self.outputs.take().into_iter().flatten());
        self.outputs = (!outputs.is_empty()).then_some(outputs);
        self.description = self
            .description
            .take()
            .or_else(|| component.description.clone());
        self.display_name = self
            .display_name
            .take()
            .or_else(|| component.display_name.clone());
        let mut jobs = component.jobs.clone().unwrap_or_default();
        jobs.component = Some(Box::new(component));
        self.jobs = Some(jobs);
    }

    /// `_to_rest_object`'s inputs: each as its job REST form; a literal
    /// empty text is not sent (`v != ""`).
    fn rest_inputs(&self) -> Map<String, Value> {
        let inputs: OrderedMap<_> = self
            .inputs
            .iter()
            .flatten()
            .filter(|(_, input)| !matches!(input, JobInput::JobLiteral(JobLiteral::Str(s)) if s.is_empty()))
            .map(|(name, input)| {
                let bound = match input {
                    JobInput::Other(v) => v.get("path").and_then(Value::as_str),
                    _ => None,
                };
                let input = match bound {
                    Some(binding) => JobInput::JobLiteral(JobLiteral::Str(binding.to_owned())),
                    None => input.clone(),
                };
                (name.clone(), Some(node_input(&input)))
            })
            .collect();
        io_rest::job_inputs(Some(&inputs))
    }

    /// `_to_rest_object`'s outputs, in their job REST form.
    fn rest_outputs(&self) -> Map<String, Value> {
        let outputs: OrderedMap<_> = self
            .outputs
            .iter()
            .flatten()
            .map(|(name, output)| (name.clone(), node_output(output.as_ref())))
            .collect();
        io_rest::job_outputs(Some(&outputs))
    }

    /// `PipelineJobSettings._to_dict()` with `_source`: its known settings
    /// (computes and datastores without `azureml:`), then the others as
    /// written; `_source` is `YAML.JOB`, or the pipeline component's.
    fn rest_settings(&self) -> Value {
        let mut out = Map::new();
        if let Some(s) = &self.settings {
            let mut put = |key: &str, value: Option<Value>| {
                if let Some(value) = value {
                    out.insert(key.to_owned(), value);
                }
            };
            put(
                "default_compute",
                s.default_compute.as_ref().map(|c| c.rest_value().into()),
            );
            put(
                "default_datastore",
                s.default_datastore
                    .as_ref()
                    .map(|d| d.strip_prefix("azureml:").unwrap_or(d).into()),
            );
            put(
                "continue_on_step_failure",
                s.continue_on_step_failure.map(|b| b.0.into()),
            );
            put("force_rerun", s.force_rerun.map(|b| b.0.into()));
            // Set first by the constructor, then among the other keys.
            for key in ["on_init", "on_finalize"] {
                put(key, s.additional_properties.get(key).cloned());
            }
            for (key, value) in &s.additional_properties {
                if !value.is_null() {
                    out.insert(key.clone(), value.clone());
                }
            }
            out.retain(|_, v| !v.is_null());
        }
        let source = match &self.component {
            Some(PipelineComponentRef::Registered(_)) => "REMOTE.WORKSPACE.JOB",
            _ if self.jobs.as_ref().is_some_and(|j| j.component.is_some()) => {
                ComponentSource::YamlComponent.as_str()
            }
            _ => ComponentSource::YamlJob.as_str(),
        };
        out.entry("_source").or_insert_with(|| source.into());
        Value::Object(out)
    }

    /// `PipelineJob._validate_init_finalize_job`: the `on_init` and
    /// `on_finalize` settings (kept as unknown settings: the schema declares
    /// them only in private preview) name two other, isolated nodes of the
    /// pipeline; a pipeline node takes neither.
    fn init_finalize_issues(&self, jobs: &Jobs) -> Vec<Issue> {
        let mut issues = Vec::new();
        for (name, node) in &jobs.nodes {
            let super::Node::Pipeline(p) = node else {
                continue;
            };
            for (key, what) in [("on_init", "On_init"), ("on_finalize", "On_finalize")] {
                if p.settings
                    .as_ref()
                    .and_then(|s| s.get(key))
                    .is_some_and(|v| !v.is_null())
                {
                    issues.push(Issue::new(
                        format!("/jobs/{}/settings/{key}", escape_segment(name)),
                        format!("{what} is not supported for pipeline component."),
                    ));
                }
            }
        }
        let setting = |key: &str| {
            self.settings
                .as_ref()
                .and_then(|s| s.additional_properties.get(key))
                .filter(|v| !v.is_null())
        };
        let (init, finalize) = (setting("on_init"), setting("on_finalize"));
        if init.is_none() && finalize.is_none() {
            return issues;
        }
        let text =
            |v: Option<&Value>| v.map_or_else(|| "None".to_owned(), azml_pyio::py_repr::str_of);
        if init == finalize {
            issues.push(Issue::new(
                "/settings/on_init",
                format!(
                    "Invalid on_init job {}, it should be different from on_finalize.",
                    text(init)
                ),
            ));
            issues.push(Issue::new(
                "/settings/on_finalize",
                format!(
                    "Invalid on_finalize job {}, it should be different from on_init.",
                    text(finalize)
                ),
            ));
        }
        let named = |v: Option<&Value>, name: &str| v.and_then(Value::as_str) == Some(name);
        if jobs
            .nodes
            .keys()
            .all(|n| named(init, n) || named(finalize, n))
        {
            issues.push(Issue::new(
                "/jobs",
                "No other job except for on_init/on_finalize job.",
            ));
        }
        for (key, what, value) in [
            ("on_init", "On_init", init),
            ("on_finalize", "On_finalize", finalize),
        ] {
            let Some(value) = value else { continue };
            let at = format!("/settings/{key}");
            match value.as_str().filter(|n| jobs.nodes.contains_key(*n)) {
                None => issues.push(Issue::new(
                    at,
                    format!("{what} job name {} not exists in jobs.", text(Some(value))),
                )),
                Some(name) if !jobs.isolated(name) => issues.push(Issue::new(
                    at,
                    format!("{what} job should not have connection to other execution node."),
                )),
                Some(_) => {}
            }
        }
        issues
    }

    /// `PipelineJob._validate_input`: an input of the pipeline component
    /// it runs that a node binds, required, without default, and not given.
    fn missing_inputs(&self) -> Vec<Issue> {
        let Some(component) = self.jobs.as_ref().and_then(|j| j.component.as_ref()) else {
            return Vec::new();
        };
        let used = component
            .jobs
            .as_ref()
            .map(Jobs::bound_inputs)
            .unwrap_or_default();
        let name = self
            .name
            .as_ref()
            .or(self.display_name.as_ref())
            .map_or_else(String::new, |n| format!("'{n}' "));
        component
            .inputs
            .iter()
            .flatten()
            .filter(|(key, input)| {
                used.contains(key)
                    && !self
                        .inputs
                        .as_ref()
                        .is_some_and(|m| m.contains_key(key.as_str()))
                    && !crate::fields::component_inputs::is_optional_or_defaulted(input)
            })
            .map(|(key, _)| {
                Issue::new(
                    format!("/inputs/{}", escape_segment(key)),
                    format!("Required input '{key}' for pipeline {name}not provided."),
                )
            })
            .collect()
    }
}

/// A component input's default as the job input it gives (a literal).
fn default_input(input: &crate::generated::ComponentInput) -> Option<JobInput> {
    let crate::generated::ComponentInput::ParameterInput(p) = input else {
        return None;
    };
    let value = azml::DictValue::to_value(p.default.as_ref()?);
    JobLiteral::from_value(&value)
        .ok()
        .map(JobInput::JobLiteral)
}

/// A map as its JSON, `{}` when absent.
fn json_or_empty<T: serde::Serialize>(value: Option<&T>) -> Value {
    value
        .and_then(|v| serde_json::to_value(v).ok())
        .unwrap_or_else(|| Value::Object(Map::new()))
}
