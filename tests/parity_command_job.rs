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

/// The `type: command` nodes of the pipeline goldens that name their
/// component (registered, a file, or written in place): the node loaded on
/// its own (`Command::from_node_value`) gives the entry Python's pipeline
/// `_to_dict()` holds for it; where Python refused the pipeline inside such
/// a node, azml refuses the node too.
#[test]
fn command_nodes_of_pipelines_match_python() {
    let root = parity::fixtures();
    let mut failures = Vec::new();
    let mut compared = 0;
    for golden in parity::goldens("pipeline_job") {
        let file = root.join(&golden.file);
        let Ok(doc) = azml::yaml::parse_path(&file) else {
            continue;
        };
        let base = file.parent().unwrap();
        let jobs = doc.value.get("jobs").and_then(|j| j.as_object());
        for (name, node) in jobs.into_iter().flatten() {
            let is_command = node.get("type").and_then(|t| t.as_str()) == Some("command");
            if !is_command || node.get("component").is_none() {
                continue;
            }
            let at = format!("jobs.{name}");
            let refused_here: Vec<String> = golden
                .error_paths()
                .into_iter()
                .map(|p| parity::marshmallow_path(&p))
                .filter(|p| *p == at || p.starts_with(&format!("{at}.")))
                .collect();
            let loaded = Command::from_node_value(node, base);
            let place = format!("{}: jobs.{name}", golden.file);
            match (golden.accepted(), loaded) {
                (true, Ok(node)) => {
                    compared += 1;
                    let expected = &golden.record["dict"]["jobs"][name];
                    let got = node.pipeline_dict();
                    if !parity::same_json(&got, expected) {
                        failures.push(format!(
                            "{place}: dict\n  python: {expected}\n  azml:   {got}"
                        ));
                    }
                }
                (true, Err(issues)) => {
                    failures.push(format!("{place}: Python accepts, azml refuses: {issues:?}"))
                }
                (false, Ok(_)) if !refused_here.is_empty() => failures.push(format!(
                    "{place}: Python refuses at {refused_here:?}, azml accepts"
                )),
                (false, Err(issues)) if refused_here.is_empty() => failures.push(format!(
                    "{place}: azml refuses, Python's errors are elsewhere: {issues:?}"
                )),
                (false, _) => compared += 1,
            }
        }
    }
    assert!(compared >= 15, "only {compared} command nodes compared");
    parity::report("command node", compared, &failures);
}
