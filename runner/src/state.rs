//! The run folder's state (`.azml/`): the job's fingerprint, the plan and
//! the journal. A new run writes them (the plan last: a folder with a plan
//! holds a run); `--resume` reads them back, refusing a job that changed.

use std::path::Path;

use serde_json::{json, Value};

use crate::journal::Journal;
use crate::plan::{self, DataInput, Plan};
use crate::python::Python;
use crate::resolve::Resolved;
use crate::Options;

/// What a run starts from.
pub struct Prepared {
    /// The mini-batches.
    pub plan: Plan,
    /// The journal, with the mini-batches already committed (on resume).
    pub journal: Journal,
    /// The interpreter and driver.
    pub python: Python,
}

/// Prepares `run_dir` for a new run, or reopens it for `--resume`.
///
/// # Errors
/// A folder that holds a run (without `--resume`) or none (with it), a job
/// that differs from the one being resumed, planning and I/O errors.
pub fn prepare(resolved: &Resolved, run_dir: &Path, options: &Options) -> Result<Prepared, String> {
    let state = run_dir.join(".azml");
    let plan_path = state.join("plan.json");
    let job_path = state.join("job.json");
    let journal_path = state.join("journal");
    let fingerprint = fingerprint(resolved, options.ordered);
    let io = |p: &Path, e: std::io::Error| format!("{}: {e}", p.display());
    let prepared = if options.resume {
        if !plan_path.is_file() {
            return Err(format!(
                "--resume: {} holds no run to resume (no .azml/plan.json)",
                run_dir.display()
            ));
        }
        let stored: Value = read_json(&job_path)?;
        if stored != fingerprint {
            return Err(format!(
                "--resume: the job differs from the run in {} ({}); start a new run instead",
                run_dir.display(),
                differences(&stored, &fingerprint).join(", ")
            ));
        }
        let python = Python::new(options.python.as_deref(), state.join("driver.py"))?;
        let plan: Plan = read_json(&plan_path)?;
        let journal = Journal::resume(&journal_path, resolved.append_row_file.as_deref())?;
        Prepared {
            plan,
            journal,
            python,
        }
    } else {
        if plan_path.exists() {
            return Err(format!(
                "{} holds a run already: continue it with --resume, or choose another --run-dir",
                run_dir.display()
            ));
        }
        std::fs::create_dir_all(&state).map_err(|e| io(&state, e))?;
        // Leftovers of a start that failed before its plan was written.
        let _ = std::fs::remove_file(&journal_path);
        let journal = Journal::create(&journal_path, resolved.append_row_file.as_deref())?;
        let python = Python::new(options.python.as_deref(), state.join("driver.py"))?;
        let (name, kind, path) = &resolved.data;
        let plan = plan::build(&DataInput { name, kind, path }, &resolved.settings, &python)?;
        write_json(&job_path, &fingerprint)?;
        write_json(&plan_path, &plan)?;
        Prepared {
            plan,
            journal,
            python,
        }
    };
    for (name, path) in &resolved.outputs {
        let is_file = resolved.job.outputs.get(name).is_some_and(|o| o.is_file());
        let dir = if is_file {
            path.parent().unwrap_or(path)
        } else {
            path
        };
        std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    }
    Ok(prepared)
}

/// What must not change between a run and its resumption.
fn fingerprint(resolved: &Resolved, ordered: bool) -> Value {
    let job = &resolved.job;
    json!({
        "code_dir": job.code_dir,
        "entry_script": job.entry_script,
        "args": resolved.args,
        "input_data": resolved.data,
        "append_row_file": resolved.append_row_file,
        "mini_batch_size": resolved.settings.mini_batch_size,
        "partition_keys": resolved.settings.partition_keys,
        "ordered": ordered,
    })
}

fn differences(a: &Value, b: &Value) -> Vec<String> {
    let keys = a
        .as_object()
        .into_iter()
        .chain(b.as_object())
        .flat_map(|m| m.keys());
    let mut out: Vec<String> = keys
        .filter(|k| a.get(k.as_str()) != b.get(k.as_str()))
        .cloned()
        .collect();
    out.dedup();
    out
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, String> {
    let text = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_slice(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Writes through a temporary file and a rename, so a reader sees all or nothing.
fn write_json<T: serde::Serialize>(path: &Path, value: &T) -> Result<(), String> {
    let tmp = path.with_extension("tmp");
    let text = serde_json::to_vec(value).map_err(|e| e.to_string())?;
    std::fs::write(&tmp, text)
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| format!("{}: {e}", path.display()))
}
