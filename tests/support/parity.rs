//! Shared by the parity tests: the fixtures at their fixed home and the
//! goldens that azure-ai-ml 1.35.2 produced for them (`cargo xtask parity`).

#![allow(dead_code)] // each test binary uses a different part

use std::path::{Path, PathBuf};
use std::sync::Once;

use serde_json::Value;

/// Where `cargo xtask parity` placed the fixtures when it made the goldens;
/// absolute code paths in the goldens point here.
pub const FIXTURE_HOME: &str = "/tmp/azml-parity/fixtures";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Brings [`FIXTURE_HOME`] up to date with the fixtures once per test
/// binary. Files already equal are left alone and nothing is removed, so
/// test runs of two checkouts at once do not pull files from under each
/// other.
pub fn fixtures() -> &'static Path {
    static COPY: Once = Once::new();
    COPY.call_once(|| {
        copy_dir(
            &repo().join("tests/parity/fixtures"),
            Path::new(FIXTURE_HOME),
        )
    });
    Path::new(FIXTURE_HOME)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            let content = std::fs::read(entry.path()).unwrap();
            if std::fs::read(&target).ok().as_ref() != Some(&content) {
                std::fs::write(&target, content).unwrap();
            }
        }
    }
}

/// One golden record.
pub struct Golden {
    /// The fixture, relative to the fixture root (`task/minimal.yml`).
    pub file: String,
    /// The record as the harness wrote it.
    pub record: Value,
}

impl Golden {
    /// Whether azure-ai-ml accepted the document.
    pub fn accepted(&self) -> bool {
        self.record["accepted"] == Value::Bool(true)
    }

    /// The field paths of Python's errors (`""` for the document).
    pub fn error_paths(&self) -> Vec<String> {
        self.record["errors"]
            .as_array()
            .map(|errors| {
                errors
                    .iter()
                    .map(|e| e["path"].as_str().unwrap_or("").to_owned())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Every golden of one kind (`task`, `component`, ...), sorted by file.
pub fn goldens(kind: &str) -> Vec<Golden> {
    let dir = repo().join("tests/parity/golden").join(kind);
    let mut out: Vec<Golden> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let record: Value =
                serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            Golden {
                file: record["file"].as_str().unwrap().to_owned(),
                record,
            }
        })
        .collect();
    out.sort_by(|a, b| a.file.cmp(&b.file));
    out
}

/// Same JSON, same key order.
pub fn same_json(a: &Value, b: &Value) -> bool {
    serde_json::to_string(a).unwrap() == serde_json::to_string(b).unwrap()
}

/// Whether one of `ours` (dotted field paths) reports Python's error at
/// `path`: the same field or one inside it. Python's `""` (an error raised
/// by a constructor, with no field), marshmallow's `_schema` (a schema's
/// own check of the whole document) and `load_job`'s `*` (its wrapper
/// around a job schema's whole-document error) are matched by any error.
pub fn path_reported(ours: &[&str], path: &str) -> bool {
    if path.is_empty() || path == "_schema" || path == "*" {
        return !ours.is_empty();
    }
    let path = marshmallow_path(path);
    ours.iter()
        .any(|p| *p == path || p.starts_with(&format!("{path}.")))
}

/// A marshmallow error path as a field path: a dict entry's errors are
/// filed under `<field>.<key>.value` (`outputs.o.value.mode` is
/// `outputs.o.mode`), and a nested schema's own under `._schema`.
pub fn marshmallow_path(path: &str) -> String {
    let mut parts: Vec<&str> = path.split('.').collect();
    if parts.len() >= 3 && parts[2] == "value" {
        parts.remove(2);
    }
    if parts.len() > 1 && parts.last() == Some(&"_schema") {
        parts.pop();
    }
    parts.join(".")
}

/// The harness writes an unregistered component object (a node's
/// `componentId`) as `{"$component": <its REST body>}`; this gives the body.
pub fn unwrap_component(mut rest: Value) -> Value {
    if let Some(component) = rest
        .get_mut("componentId")
        .and_then(|c| c.get_mut("$component"))
    {
        let body = component.take();
        rest["componentId"] = body;
    }
    rest
}

/// What is wrong with azml's decision on a document Python decided on:
/// accepting what Python rejects, rejecting what it accepts, or rejecting
/// without an error at one of Python's error fields. Empty when both
/// accept (the caller compares what was loaded) or both reject alike.
pub fn decision_failures<T>(
    golden: &Golden,
    loaded: &Result<T, azml::load::LoadError>,
) -> Vec<String> {
    match (golden.accepted(), loaded) {
        (true, Ok(_)) => Vec::new(),
        (false, Err(error)) => {
            let ours: Vec<&str> = error.problems.iter().map(|p| p.path.as_str()).collect();
            golden
                .error_paths()
                .into_iter()
                .filter(|path| !path_reported(&ours, path))
                .map(|path| {
                    format!(
                        "{}: Python's error at `{path}` not found in:\n{error}",
                        golden.file
                    )
                })
                .collect()
        }
        (true, Err(error)) => vec![format!(
            "{}: Python accepts, azml rejects:\n{error}",
            golden.file
        )],
        (false, Ok(_)) => vec![format!("{}: Python rejects, azml accepts", golden.file)],
    }
}

/// Prints how many of the `total` documents of `kind` match, and fails with
/// every failure when some do not.
pub fn report(kind: &str, total: usize, failures: &[String]) {
    println!(
        "{kind} parity: {} of {total} documents match",
        total - failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
