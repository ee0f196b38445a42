//! The Python interpreter and the driver shipped in the binary: where the
//! interpreter is, where the driver is written, and the one-shot probes about
//! tabular data (pandas/pyarrow present, parquet row groups, partition key values).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{json, Value};

use crate::plan::{Batch, TableFormat};

/// The driver's source, shipped inside the binary.
pub const DRIVER: &str = include_str!("driver.py");

/// An interpreter and the driver file it runs.
#[derive(Debug, Clone)]
pub struct Python {
    /// The interpreter.
    pub exe: PathBuf,
    /// The driver, written into the run folder.
    pub driver: PathBuf,
}

impl Python {
    /// Finds the interpreter (`given`, else `python3` then `python` on PATH)
    /// and writes the driver to `driver`.
    ///
    /// # Errors
    /// No interpreter found, or the driver cannot be written.
    pub fn new(given: Option<&Path>, driver: PathBuf) -> Result<Self, String> {
        let exe = match given {
            Some(path) => path.to_path_buf(),
            None => ["python3", "python"]
                .iter()
                .find_map(|name| on_path(name))
                .ok_or("no python3 or python on PATH: install Python 3.8 or newer, or give --python PATH")?,
        };
        std::fs::write(&driver, DRIVER).map_err(|e| format!("{}: {e}", driver.display()))?;
        Ok(Python { exe, driver })
    }

    /// One probe: `request` on stdin, a JSON answer on stdout.
    fn probe(&self, request: &Value) -> Result<Value, String> {
        let mut child = Command::new(&self.exe)
            .arg(&self.driver)
            .arg("probe")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", self.exe.display()))?;
        if let Some(mut stdin) = child.stdin.take() {
            stdin
                .write_all(request.to_string().as_bytes())
                .map_err(|e| format!("{}: {e}", self.exe.display()))?;
        }
        let output = child
            .wait_with_output()
            .map_err(|e| format!("{}: {e}", self.exe.display()))?;
        let answer: Value = serde_json::from_slice(&output.stdout).map_err(|_| {
            format!(
                "{} could not run azml's driver: {}",
                self.exe.display(),
                String::from_utf8_lossy(&output.stderr).trim()
            )
        })?;
        match answer.get("error").and_then(Value::as_str) {
            Some(error) => Err(error.to_owned()),
            None => Ok(answer),
        }
    }

    /// Checks that pandas (and pyarrow for parquet) can be imported.
    ///
    /// # Errors
    /// The message names the missing package.
    pub fn check_tabular(&self, format: &TableFormat) -> Result<(), String> {
        self.probe(&json!({"op": "check", "table": format}))
            .map(|_| ())
    }

    /// (rows, bytes) of each row group of each parquet file.
    ///
    /// # Errors
    /// An unreadable file.
    pub fn row_groups(&self, files: &[PathBuf]) -> Result<Vec<Vec<(u64, u64)>>, String> {
        let answer = self.probe(&json!({
            "op": "row_groups",
            "table": TableFormat::Parquet,
            "files": files,
        }))?;
        let groups = answer.get("files").cloned().unwrap_or(Value::Null);
        serde_json::from_value(groups).map_err(|e| format!("row group probe: {e}"))
    }

    /// One mini-batch per distinct combination of `keys`' values.
    ///
    /// # Errors
    /// A key missing from a file, an unreadable file.
    pub fn partitions(
        &self,
        files: &[PathBuf],
        format: &TableFormat,
        keys: &[String],
    ) -> Result<Vec<Batch>, String> {
        let answer = self.probe(&json!({
            "op": "partitions",
            "table": format,
            "files": files,
            "keys": keys,
        }))?;
        let partitions = answer
            .get("partitions")
            .and_then(Value::as_array)
            .ok_or("partition probe: no answer")?;
        partitions
            .iter()
            .map(|p| {
                let values = p
                    .get("values")
                    .and_then(Value::as_array)
                    .ok_or("partition probe: no values")?;
                let key_values = keys.iter().cloned().zip(values.iter().cloned()).collect();
                let files = p
                    .get("files")
                    .and_then(Value::as_array)
                    .ok_or("partition probe: no files")?
                    .iter()
                    .filter_map(Value::as_u64)
                    .filter_map(|i| files.get(i as usize))
                    .map(|f| f.to_string_lossy().into_owned())
                    .collect();
                let rows = p.get("rows").and_then(Value::as_u64).unwrap_or(0);
                Ok(Batch::Partition {
                    files,
                    key_values,
                    rows,
                })
            })
            .collect()
    }
}

/// The first executable `name` in PATH.
fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}
