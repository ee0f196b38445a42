//! Command job documents: azml against what azure-ai-ml 1.35.2 did with
//! the same files (`load_job` accepting or rejecting, and the field of each
//! error; the `Command` node's `_to_dict()`; the REST body of
//! `_to_job()._to_rest_object()`, or the reason Python could not build it
//! offline; `_validate()`).

#[path = "support/parity.rs"]
mod parity;

use std::collections::BTreeSet;

use azml::entities::Command;
use azml::{DictMixin, Document};

#[test]
fn command_jobs_match_python() {
    let root = parity::fixtures();
    let goldens = parity::goldens("command_job");
    assert!(
        goldens.len() >= 150,
        "only {} command job goldens",
        goldens.len()
    );
    let mut failures = Vec::new();
    for golden in &goldens {
        let result = Command::from_yaml_path(root.join(&golden.file));
        failures.extend(parity::decision_failures(golden, &result));
        let (true, Ok(job)) = (golden.accepted(), result) else {
            continue;
        };
        let expected = &golden.record["dict"];
        let got = job.to_dict();
        if !parity::same_json(&got, expected) {
            failures.push(format!(
                "{}: dict\n  python: {expected}\n  azml:   {got}",
                golden.file
            ));
        }
        failures.extend(rest_failures(golden, job.to_rest()));
        let ours: BTreeSet<String> = job
            .validate()
            .iter()
            .map(|i| azml::load::dotted(&i.pointer))
            .collect();
        let python: BTreeSet<String> = golden.record["validate"]["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| e["path"].as_str().unwrap_or("").to_owned())
            .collect();
        if ours != python {
            failures.push(format!(
                "{}: validate() {ours:?}, Python {python:?}",
                golden.file
            ));
        }
    }
    parity::report("command job", goldens.len(), &failures);
}

/// The REST body where Python built one; where it could not, azml must not
/// invent one: a validation error carries Python's message, and an inline
/// environment (a TypeError in Python: the `Environment` would be
/// registered first) says so, naming the environment Python writes out.
fn rest_failures(
    golden: &parity::Golden,
    rest: Result<serde_json::Value, azml::RestError>,
) -> Vec<String> {
    let file = &golden.file;
    let record = &golden.record;
    match (&record["rest_error"], rest) {
        (serde_json::Value::Null, Ok(got)) if parity::same_json(&got, &record["rest"]) => vec![],
        (serde_json::Value::Null, Ok(got)) => vec![format!(
            "{file}: REST body\n  python: {}\n  azml:   {got}",
            record["rest"]
        )],
        (serde_json::Value::Null, Err(e)) => vec![format!("{file}: REST body: {e}")],
        (error, Ok(got)) => vec![format!(
            "{file}: Python could not build the body ({error}), azml did: {got}"
        )],
        (error, Err(e)) => {
            let message = e.to_string();
            let explained = if error["error_type"] == "TypeError" {
                // The environment the body holds, as the harness writes it out.
                let unresolved = record["rest"]["properties"]["environmentId"]
                    .get("$environment")
                    .is_some();
                let version = record["dict"]["environment"]["version"]
                    .as_str()
                    .unwrap_or("?");
                unresolved
                    && message.contains("inline environment would be registered first")
                    && message.contains(version)
            } else {
                message.contains(error["message"].as_str().unwrap_or("?"))
            };
            if explained {
                vec![]
            } else {
                vec![format!("{file}: REST error {message:?}, Python {error}")]
            }
        }
    }
}
