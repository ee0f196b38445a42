//! The runner's own description of a parallel job, in plain types: what
//! [`crate::job_spec`] makes of a component, a standalone job or a
//! pipeline's parallel node, before the run folder is known. Nothing here
//! depends on azml's entity types.

use std::collections::BTreeMap;
use std::path::PathBuf;

/// A parallel job as the YAML and the command line give it, bindings not yet resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    /// The component's, job's or node's name (the default run folder's prefix).
    pub name: String,
    /// The local folder holding the entry script (`task.code`).
    pub code_dir: PathBuf,
    /// The entry script, relative to `code_dir` (`task.entry_script`).
    pub entry_script: String,
    /// `task.program_arguments` as written, `${{...}}` and `$[[...]]` unresolved.
    pub program_arguments: Option<String>,
    /// The inputs that have a value (given, bound or defaulted), by name.
    pub inputs: BTreeMap<String, InputValue>,
    /// Inputs that are declared but have no value (optional ones).
    pub absent_inputs: Vec<String>,
    /// The outputs, by name.
    pub outputs: BTreeMap<String, Output>,
    /// `input_data` as written (`${{inputs.x}}`).
    pub input_data: Option<String>,
    /// `task.append_row_to` as written (`${{outputs.y}}`).
    pub append_row_to: Option<String>,
    /// The run settings as the YAML (and `--set`) give them.
    pub settings: JobSettings,
    /// `environment_variables`, set in every worker.
    pub environment_variables: Vec<(String, String)>,
}

/// The value of an input.
#[derive(Debug, Clone, PartialEq)]
pub enum InputValue {
    /// A data input: its type (`uri_folder`, `uri_file`, `mltable`, ...) and local path.
    Data {
        /// The input's type.
        kind: String,
        /// An absolute local path.
        path: PathBuf,
    },
    /// A literal, as text (what `${{inputs.x}}` becomes).
    Literal(String),
}

/// An output: its type and, when given, its local path.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// `uri_folder`, `uri_file`, `mltable`, ...
    pub kind: String,
    /// An absolute local path (`--output`), or `None` for the run folder's default.
    pub path: Option<PathBuf>,
}

impl Output {
    /// Whether the output names one file rather than a folder.
    pub fn is_file(&self) -> bool {
        self.kind == "uri_file"
    }
}

/// The settings of a parallel job that the runner uses, each `None` when not written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JobSettings {
    /// `mini_batch_size` in items or bytes (units converted); `None` or 0 when not set.
    pub mini_batch_size: Option<u64>,
    /// `partition_keys`.
    pub partition_keys: Vec<String>,
    /// `retry_settings.max_retries`.
    pub max_retries: Option<i64>,
    /// `retry_settings.timeout`, seconds.
    pub timeout: Option<i64>,
    /// `error_threshold`.
    pub error_threshold: Option<i64>,
    /// `mini_batch_error_threshold`.
    pub mini_batch_error_threshold: Option<i64>,
    /// `logging_level` (`DEBUG`, `INFO`, `WARNING`).
    pub logging_level: Option<String>,
    /// `max_concurrency_per_instance`.
    pub max_concurrency_per_instance: Option<i64>,
    /// `resources.instance_count`.
    pub instance_count: Option<i64>,
}
