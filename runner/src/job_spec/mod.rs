//! The one place that uses azml's entity types: a parallel component, a
//! standalone parallel job or a pipeline's parallel node is loaded through
//! azml (with `--set` applied to the YAML first, so overrides get the same
//! validation), read from azure-ai-ml's `_to_dict()` form, and turned into
//! the runner's own [`Job`].
//!
//! Settings come from the dict, where azml has done what azure-ai-ml does
//! (unit conversion of `mini_batch_size`, lenient integers, `task.code`
//! resolved against the file's folder, a node's settings inherited from its
//! component). Input values come from the document as written, since the
//! dict turns a local path that it cannot find into an `azureml:` asset name.

mod inputs;
mod set;

pub use inputs::absolute;

use std::path::{Path, PathBuf};

use azml::entities::parallel::MiniBatchSize;
use azml::entities::{ParallelComponent, ParallelJob, PipelineJob, REGISTRY};
use azml::prelude::*;
use azml::Value;

use crate::job::{Job, JobSettings};

/// The kinds `azml run` takes, as the registry recognises them.
enum Runnable {
    Component,
    Job,
    Pipeline,
}

impl Runnable {
    /// The kind of a document, or what it is instead (`parallel task`,
    /// `` `command` document``).
    fn of(value: &Value) -> Result<Runnable, String> {
        let Some(kind) = REGISTRY.detect(value) else {
            return Err(azml::entities::describe_unknown(value));
        };
        // azure-ai-ml reads any `type: parallel` file as a component; a
        // file with a job's keys is run as the standalone job it describes.
        if kind.name == ParallelComponent::KIND.name && is_standalone_job(value) {
            return Ok(Runnable::Job);
        }
        [
            (ParallelComponent::KIND.name, Runnable::Component),
            (ParallelJob::KIND.name, Runnable::Job),
            (PipelineJob::KIND.name, Runnable::Pipeline),
        ]
        .into_iter()
        .find(|(name, _)| *name == kind.name)
        .map(|(_, runnable)| runnable)
        .ok_or_else(|| kind.name.to_owned())
    }

    fn name(&self) -> &'static str {
        match self {
            Runnable::Component => ParallelComponent::KIND.name,
            Runnable::Job => ParallelJob::KIND.name,
            Runnable::Pipeline => PipelineJob::KIND.name,
        }
    }
}

/// Whether a `type: parallel` file describes a job rather than a component:
/// a `$schema` naming a job, or a compute or component to run.
fn is_standalone_job(value: &Value) -> bool {
    let schema = value
        .get("$schema")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_ascii_lowercase();
    schema.rsplit('/').next().is_some_and(|s| s.contains("job"))
        || value.get("compute").is_some()
        || value.get("component").is_some()
}

/// What the command line says about the job to load.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The YAML file.
    pub file: PathBuf,
    /// The parallel node, for a pipeline.
    pub node: Option<String>,
    /// `--set KEY=VALUE`, in order.
    pub sets: Vec<(String, String)>,
    /// `--input NAME=VALUE`.
    pub inputs: Vec<(String, String)>,
    /// `--output NAME=PATH`.
    pub outputs: Vec<(String, PathBuf)>,
    /// The folder relative `--input` and `--output` paths resolve against.
    pub cwd: PathBuf,
}

/// Loads the job `request` names.
///
/// # Errors
/// A message naming the file and place (`file:line:col: field: problem`),
/// the input or the setting that is wrong.
pub fn load(request: &Request) -> Result<Job, String> {
    let mut doc = azml::yaml::parse_path(&request.file).map_err(|e| e.to_string())?;
    let base = request
        .file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let kind = Runnable::of(&doc.value);
    let pointer = match (&kind, &request.node) {
        (Ok(Runnable::Pipeline), Some(node)) => {
            format!("/jobs/{}", node.replace('~', "~0").replace('/', "~1"))
        }
        (Ok(Runnable::Pipeline), None) => {
            return Err(format!(
                "{} is a pipeline: name its parallel node with --node ({})",
                request.file.display(),
                parallel_node_names(&doc.value).join(", ")
            ))
        }
        (Ok(Runnable::Component | Runnable::Job), None) => String::new(),
        (Ok(kind @ (Runnable::Component | Runnable::Job)), Some(_)) => {
            return Err(format!(
                "--node applies to pipelines; {} is a {}",
                request.file.display(),
                kind.name()
            ))
        }
        (Err(other), _) => {
            return Err(format!(
                "{} is a {other}: azml run takes a parallel component, a parallel job or a pipeline with a parallel node",
                request.file.display()
            ))
        }
    };
    for (key, value) in &request.sets {
        set::apply(&mut doc.value, &pointer, key, value)?;
    }
    let file = request.file.display().to_string();
    match kind {
        Ok(Runnable::Component) => {
            let component =
                ParallelComponent::from_document(&doc, &base).map_err(|e| e.to_string())?;
            let dict = component.to_dict();
            let declared = dict.get("inputs").cloned().unwrap_or(Value::Null);
            let values = inputs::Values {
                declared: declared.as_object(),
                written: None,
                parent: None,
            };
            build(&file, &dict, &[&dict], &values, &base, request, None)
        }
        Ok(Runnable::Job) => {
            let job = ParallelJob::from_document(&doc, &base).map_err(|e| e.to_string())?;
            let dict = job.to_dict();
            let values = inputs::Values {
                declared: None,
                written: doc.value.get("inputs").and_then(Value::as_object),
                parent: None,
            };
            let name = dict.get("name").and_then(Value::as_str).map(str::to_owned);
            build(&file, &dict, &[&dict], &values, &base, request, name)
        }
        _ => {
            let node = request.node.as_deref().unwrap_or_default();
            let pipeline = PipelineJob::from_document(&doc, &base).map_err(|e| e.to_string())?;
            let Some((_, parallel)) = pipeline.parallel_nodes().find(|(n, _)| *n == node) else {
                return Err(format!(
                    "{file}: no parallel node {node:?} in jobs (parallel nodes: {})",
                    parallel_node_names(&doc.value).join(", ")
                ));
            };
            // The task as it runs: its code in the component's folder (the node's
            // REST form), not as the pipeline's dump writes it.
            let dict = parallel.to_dict();
            let component = match dict.get("component") {
                Some(c @ Value::Object(_)) => c.clone(),
                Some(other) => {
                    return Err(format!(
                        "{file}: jobs.{node}.component: {} is not a local component; azml run needs its YAML",
                        other.as_str().unwrap_or("the reference")
                    ))
                }
                None => Value::Null,
            };
            let raw_node = doc.value.pointer(&pointer);
            let values = inputs::Values {
                declared: component.get("inputs").and_then(Value::as_object),
                written: raw_node
                    .and_then(|n| n.get("inputs"))
                    .and_then(Value::as_object),
                parent: doc.value.get("inputs").and_then(Value::as_object),
            };
            build(
                &format!("{file}: jobs.{node}"),
                &dict,
                &[&dict, &component],
                &values,
                &base,
                request,
                Some(node.to_owned()),
            )
        }
    }
}

/// The names of a pipeline's `type: parallel` nodes.
fn parallel_node_names(doc: &Value) -> Vec<String> {
    doc.get("jobs")
        .and_then(Value::as_object)
        .map(|jobs| {
            jobs.iter()
                .filter(|(_, j)| {
                    j.get("type")
                        .and_then(Value::as_str)
                        .is_some_and(|t| t.eq_ignore_ascii_case("parallel"))
                })
                .map(|(n, _)| n.clone())
                .collect()
        })
        .unwrap_or_default()
}

/// The runner's job from the loaded dict; `layers` are where settings are
/// looked up, first found wins (a node, then its component).
fn build(
    at: &str,
    dict: &Value,
    layers: &[&Value],
    values: &inputs::Values<'_>,
    base: &Path,
    request: &Request,
    name: Option<String>,
) -> Result<Job, String> {
    let task = dict
        .get("task")
        .ok_or_else(|| format!("{at}: task is not set"))?;
    let task_type = task.get("type").and_then(Value::as_str).unwrap_or_default();
    if task_type != "run_function" {
        return Err(format!(
            "{at}: task.type is {task_type:?}; azml run runs run_function tasks (an entry script with init() and run())"
        ));
    }
    let code_dir = match task.get("code").and_then(Value::as_str) {
        Some(code) if Path::new(code).is_dir() => PathBuf::from(code),
        Some(code) => {
            return Err(format!(
                "{at}: task.code {code:?} is not a local folder (azml run needs the folder holding the entry script)"
            ))
        }
        None => {
            return Err(format!(
                "{at}: task.code is not set (azml run needs the folder holding the entry script)"
            ))
        }
    };
    let entry_script = task
        .get("entry_script")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("{at}: task.entry_script is not set"))?
        .to_owned();
    let text = |key: &str| task.get(key).and_then(Value::as_str).map(str::to_owned);
    let (inputs, absent_inputs) = inputs::resolve(at, values, base, request)?;
    let outputs = inputs::outputs(at, dict, layers, base, request)?;
    let settings = settings(at, layers)?;
    let environment_variables = dict
        .get("environment_variables")
        .and_then(Value::as_object)
        .map(|vars| {
            vars.iter()
                .map(|(k, v)| (k.clone(), inputs::python_str(v)))
                .collect()
        })
        .unwrap_or_default();
    let name = name
        .or_else(|| dict.get("name").and_then(Value::as_str).map(str::to_owned))
        .or_else(|| {
            request
                .file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "job".to_owned());
    Ok(Job {
        name,
        code_dir,
        entry_script,
        program_arguments: text("program_arguments"),
        inputs,
        absent_inputs,
        outputs,
        input_data: setting(layers, "input_data")
            .and_then(Value::as_str)
            .map(str::to_owned),
        append_row_to: text("append_row_to"),
        settings,
        environment_variables,
    })
}

/// The first layer's value of a (possibly dotted) setting.
fn setting<'a>(layers: &[&'a Value], dotted: &str) -> Option<&'a Value> {
    layers.iter().find_map(|layer| {
        dotted
            .split('.')
            .try_fold(*layer, |v, key| v.get(key))
            .filter(|v| !v.is_null())
    })
}

/// The settings the runner uses, read from the loaded dict.
fn settings(at: &str, layers: &[&Value]) -> Result<JobSettings, String> {
    let int = |key: &str| -> Result<Option<i64>, String> {
        match setting(layers, key) {
            None => Ok(None),
            Some(Value::Number(n)) => n
                .as_i64()
                .map(Some)
                .ok_or_else(|| format!("{at}: {key}: {n} is not an integer")),
            Some(Value::String(s)) => s.trim().parse().map(Some).map_err(|_| {
                format!("{at}: {key}: {s:?} is not a number (azml run does not resolve bindings in settings; use --set {key}=N)")
            }),
            Some(other) => Err(format!("{at}: {key}: {other} is not an integer")),
        }
    };
    let mini_batch_size = match setting(layers, "mini_batch_size") {
        None => None,
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => Some(
            MiniBatchSize::parse(s)
                .map_err(|e| format!("{at}: mini_batch_size: {e}"))?
                .0,
        ),
        Some(other) => return Err(format!("{at}: mini_batch_size: {other} is not a size")),
    };
    let partition_keys = setting(layers, "partition_keys")
        .and_then(Value::as_array)
        .map(|keys| {
            keys.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    Ok(JobSettings {
        mini_batch_size,
        partition_keys,
        max_retries: int("retry_settings.max_retries")?,
        timeout: int("retry_settings.timeout")?,
        error_threshold: int("error_threshold")?,
        mini_batch_error_threshold: int("mini_batch_error_threshold")?,
        logging_level: setting(layers, "logging_level")
            .and_then(Value::as_str)
            .map(str::to_owned),
        max_concurrency_per_instance: int("max_concurrency_per_instance")?,
        instance_count: int("resources.instance_count")?,
    })
}
