//! A loaded [`Job`] made concrete for one run folder: output paths (given,
//! or `outputs/<name>` in the run folder), the entry script's arguments, the
//! data input, the file rows go to, the settings and the workers' environment.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::job::{InputValue, Job};
use crate::plan::Plan;
use crate::program_args::{self, Bindings};
use crate::settings::Settings;

/// The file `append_row_to` writes into a folder output (the service's default name).
pub const ROWS_FILE: &str = "parallel_run_step.txt";

/// A job ready to plan and run.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// The job as loaded.
    pub job: Job,
    /// The entry script's arguments (`sys.argv[1:]`).
    pub args: Vec<String>,
    /// The input split into mini-batches: name, type, path.
    pub data: (String, String, PathBuf),
    /// Each output's local path.
    pub outputs: BTreeMap<String, PathBuf>,
    /// Where `append_row_to` rows go, if anywhere.
    pub append_row_file: Option<PathBuf>,
    /// The folder output `EntryScript.output_dir` names.
    pub output_dir: PathBuf,
    /// The run's settings.
    pub settings: Settings,
    /// The workers' extra environment variables.
    pub env: Vec<(String, String)>,
}

/// Resolves `job` for `run_dir`; `workers` is `--workers`.
///
/// # Errors
/// Bindings to unknown inputs or outputs, a missing `input_data`, settings out of range.
pub fn resolve(job: &Job, run_dir: &Path, workers: Option<usize>) -> Result<Resolved, String> {
    let outputs: BTreeMap<String, PathBuf> = job
        .outputs
        .iter()
        .map(|(name, out)| {
            let path = out.path.clone().unwrap_or_else(|| {
                let dir = run_dir.join("outputs").join(name);
                if out.is_file() {
                    dir.join(ROWS_FILE)
                } else {
                    dir
                }
            });
            (name.clone(), path)
        })
        .collect();
    let input_texts: BTreeMap<String, String> = job
        .inputs
        .iter()
        .map(|(name, value)| {
            let text = match value {
                InputValue::Data { path, .. } => path.to_string_lossy().into_owned(),
                InputValue::Literal(text) => text.clone(),
            };
            (name.clone(), text)
        })
        .collect();
    let args = match &job.program_arguments {
        Some(template) => program_args::resolve(
            template,
            &Bindings {
                inputs: &input_texts,
                outputs: &outputs,
            },
        )?,
        None => Vec::new(),
    };
    let data_name = job
        .input_data
        .as_deref()
        .and_then(|d| binding_name(d, "inputs."))
        .ok_or_else(|| {
            format!(
                "input_data must name an input as ${{{{inputs.<name>}}}}; it is {}",
                job.input_data.as_deref().unwrap_or("not set")
            )
        })?;
    let data = match job.inputs.get(data_name) {
        Some(InputValue::Data { kind, path }) => (data_name.to_owned(), kind.clone(), path.clone()),
        Some(InputValue::Literal(_)) => {
            return Err(format!("input_data names {data_name}, which is not a data input"))
        }
        None => {
            return Err(format!(
                "input_data names {data_name}, which has no value: give it with --input {data_name}=PATH"
            ))
        }
    };
    let append_row_file = match job.append_row_to.as_deref() {
        None => None,
        Some(text) => {
            let name = binding_name(text, "outputs.").ok_or_else(|| {
                format!("task.append_row_to must be ${{{{outputs.<name>}}}}; it is {text}")
            })?;
            let output = job.outputs.get(name).ok_or_else(|| {
                format!("task.append_row_to names {name}, which is not an output")
            })?;
            let path = &outputs[name];
            Some(if output.is_file() {
                path.clone()
            } else {
                path.join(ROWS_FILE)
            })
        }
    };
    let output_dir = match &append_row_file {
        Some(file) => file.parent().map(Path::to_path_buf).unwrap_or_default(),
        None => run_dir.join("outputs"),
    };
    let settings = Settings::new(&job.settings, &args, workers)?;
    let mut env = job.environment_variables.clone();
    env.push((
        "AZUREML_BI_OUTPUT_PATH".into(),
        output_dir.to_string_lossy().into_owned(),
    ));
    Ok(Resolved {
        job: job.clone(),
        args,
        data,
        outputs,
        append_row_file,
        output_dir,
        settings,
        env,
    })
}

/// `x` of `${{<prefix>x}}`.
fn binding_name<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    text.trim()
        .strip_prefix("${{")?
        .strip_suffix("}}")?
        .trim()
        .strip_prefix(prefix)
}

/// What every worker is told at start (the scheduler adds each worker's own folders).
pub fn worker_config(resolved: &Resolved, plan: &Plan) -> Value {
    let job = &resolved.job;
    let module = job
        .entry_script
        .trim_start_matches("./")
        .trim_end_matches(".py")
        .replace('/', ".");
    json!({
        "entry_path": job.code_dir.join(&job.entry_script),
        "code_dir": job.code_dir,
        "module": module,
        "args": resolved.args,
        "append": resolved.append_row_file.is_some(),
        "table": plan.table,
        "dataset": resolved.data.2,
        "logging_level": resolved.settings.logging_level,
        "output_dir": resolved.output_dir,
    })
}
