//! Shared helpers of the runner's integration tests: a job folder with an
//! entry script and a component, run through the library as `azml run` does.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use azml_runner::job_spec::Request;
use azml_runner::{Options, Outcome, ProgressMode};

/// The interpreter for tests that need pandas and pyarrow: `AZML_RUNNER_PYTHON`
/// (`.ci/run` points it at target/runner-venv). Under CI a missing or
/// incomplete interpreter fails the test; locally the test says why it is skipped.
pub fn tabular_python() -> Option<PathBuf> {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let python = std::env::var_os("AZML_RUNNER_PYTHON").map(PathBuf::from);
    let usable = python.as_ref().is_some_and(|p| {
        std::process::Command::new(p)
            .args(["-c", "import pandas, pyarrow"])
            .status()
            .is_ok_and(|s| s.success())
    });
    if usable {
        return python;
    }
    let why = "AZML_RUNNER_PYTHON must name a Python with pandas and pyarrow (runner/requirements.txt; .ci/run makes target/runner-venv)";
    assert!(!ci, "{why}");
    eprintln!("skipped: {why}");
    None
}

/// A job folder: `src/` for the entry script, `data/` for inputs.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("src")).unwrap();
        std::fs::create_dir_all(dir.path().join("data")).unwrap();
        Fixture { dir }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) -> PathBuf {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    /// `n` files `data/fNNN.txt` holding `item NNN`.
    pub fn files(&self, n: usize) {
        for i in 0..n {
            self.write(&format!("data/f{i:03}.txt"), &format!("item {i:03}\n"));
        }
    }

    /// A component reading `data` (a uri_folder by default), appending rows to `out`.
    pub fn component(&self, settings: &str, program_arguments: &str) -> PathBuf {
        self.component_with_input("uri_folder", settings, program_arguments)
    }

    pub fn component_with_input(
        &self,
        kind: &str,
        settings: &str,
        program_arguments: &str,
    ) -> PathBuf {
        self.write(
            "component.yml",
            &format!(
                "name: test_job
type: parallel
inputs:
  data: {{type: {kind}}}
  tag: {{type: string, default: t}}
  extra: {{type: string, optional: true}}
outputs:
  out: {{type: uri_folder}}
input_data: ${{{{inputs.data}}}}
{settings}
task:
  type: run_function
  code: ./src
  entry_script: score.py
  program_arguments: >-
    --task_overhead_timeout 0 {program_arguments}
  append_row_to: ${{{{outputs.out}}}}
  environment: azureml:env:1
"
            ),
        )
    }

    pub fn script(&self, text: &str) {
        self.write("src/score.py", text);
    }

    pub fn options(&self, file: &Path) -> Options {
        Options {
            request: Request {
                file: file.to_path_buf(),
                node: None,
                sets: Vec::new(),
                inputs: vec![("data".into(), self.path("data").display().to_string())],
                outputs: Vec::new(),
                cwd: self.dir.path().to_path_buf(),
            },
            python: None,
            workers: Some(2),
            run_dir: Some(self.path("run")),
            resume: false,
            ordered: false,
            progress: ProgressMode::Quiet,
            handle_signals: false,
        }
    }

    pub fn run(&self, options: &Options) -> Outcome {
        azml_runner::run(options).unwrap_or_else(|e| panic!("azml run: {e}"))
    }

    /// The rows file, as lines.
    pub fn rows(&self) -> Vec<String> {
        let text = std::fs::read_to_string(self.path("run/outputs/out/parallel_run_step.txt"))
            .unwrap_or_default();
        text.lines().map(str::to_owned).collect()
    }

    /// The report's rows (header left out), as fields.
    pub fn report(&self) -> Vec<Vec<String>> {
        let text = std::fs::read_to_string(
            self.path("run/logs/sys/job_report/processed_mini-batches.csv"),
        )
        .unwrap();
        text.lines()
            .skip(1)
            .map(|l| l.split(',').map(str::to_owned).collect())
            .collect()
    }
}

/// The sorted copy of `v`.
pub fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}
