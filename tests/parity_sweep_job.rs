//! Sweep job documents: azml against what azure-ai-ml 1.35.2 did with the
//! same files (`load_job` accepting or rejecting, and the field of each
//! error; `SweepJob._to_dict()`; the REST body of `_to_rest_object()`, or
//! the reason Python could not build it offline; that body read back with
//! `SweepJob._load_from_rest`).

#[path = "support/parity.rs"]
mod parity;

use azml::entities::{Sweep, SweepJob};
use azml::{DictMixin, Document};

#[test]
fn sweep_jobs_match_python() {
    let root = parity::fixtures();
    let goldens = parity::goldens("sweep_job");
    assert!(
        goldens.len() >= 160,
        "only {} sweep job goldens",
        goldens.len()
    );
    let read_backs = goldens
        .iter()
        .filter(|g| !g.record["rest_read_back"].is_null())
        .count();
    assert!(read_backs >= 100, "only {read_backs} bodies read back");
    let mut failures = Vec::new();
    for golden in &goldens {
        let result = SweepJob::from_yaml_path(root.join(&golden.file));
        failures.extend(parity::decision_failures(golden, &result));
        let (true, Ok(job)) = (golden.accepted(), result) else {
            continue;
        };
        failures.extend(golden.dict_failure(&job.to_dict()));
        failures.extend(rest_failures(golden, job.to_rest()));
    }
    parity::report("sweep job", goldens.len(), &failures);
}

/// The REST body where Python built one, and that body read back; where it
/// could not, azml must not invent one: a validation error carries
/// Python's message, and an inline environment (a TypeError in Python: the
/// `Environment` would be registered first) says so, naming the
/// environment Python writes out.
fn rest_failures(
    golden: &parity::Golden,
    rest: Result<serde_json::Value, azml::RestError>,
) -> Vec<String> {
    let file = &golden.file;
    let record = &golden.record;
    match (&record["rest_error"], rest) {
        (serde_json::Value::Null, Ok(got)) if parity::same_json(&got, &record["rest"]) => {
            read_back_failures(golden, &got)
        }
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
                let unresolved = record["rest"]["properties"]["trial"]["environmentId"]
                    .get("$environment")
                    .is_some();
                let version = record["dict"]["trial"]["environment"]["version"]
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

/// `SweepJob._load_from_rest(body)._to_dict()` where the golden records it
/// (Python could not read back a body with a queue priority: it dumps the
/// REST model's integer). The harness ran in the document's folder, which
/// a local `codeId` is resolved against.
fn read_back_failures(golden: &parity::Golden, body: &serde_json::Value) -> Vec<String> {
    let file = &golden.file;
    let record = &golden.record;
    let folder = parity::fixtures().join(file);
    let folder = folder.parent().unwrap();
    match (
        &record["rest_read_back"],
        SweepJob::from_rest_against(body, folder),
    ) {
        (serde_json::Value::Null, _) => vec![],
        (expected, Ok(back)) if parity::same_json(&back.to_dict(), expected) => vec![],
        (expected, Ok(back)) => vec![format!(
            "{file}: read back from REST\n  python: {expected}\n  azml:   {}",
            back.to_dict()
        )],
        (_, Err(e)) => vec![format!("{file}: read back from REST: {e}")],
    }
}

/// The `type: sweep` nodes of the pipeline goldens: the node loaded on its
/// own (`Sweep::from_node_value`) gives the entry Python's pipeline
/// `_to_dict()` holds for it; where Python refused the pipeline at such a
/// node, azml refuses the node at the same field.
#[test]
fn sweep_nodes_of_pipelines_match_python() {
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
            let ty = node.get("type").and_then(|t| t.as_str());
            if !ty.is_some_and(|t| t.eq_ignore_ascii_case("sweep")) {
                continue;
            }
            let at = format!("jobs.{name}");
            let refused_here: Vec<String> = golden
                .error_paths()
                .into_iter()
                .filter_map(|p| {
                    p.strip_prefix(&at)
                        .filter(|rest| rest.is_empty() || rest.starts_with('.'))
                        .map(|rest| rest.trim_start_matches('.').to_owned())
                })
                .collect();
            let loaded = Sweep::from_node_value(node, base);
            let place = format!("{}: jobs.{name}", golden.file);
            compared += 1;
            match (golden.accepted(), loaded) {
                (true, Ok(node)) => {
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
                (false, Ok(_)) => {}
                (false, Err(issues)) => {
                    let ours: Vec<String> = issues
                        .iter()
                        .map(|i| azml::load::dotted(&i.pointer))
                        .collect();
                    let ours: Vec<&str> = ours.iter().map(String::as_str).collect();
                    let missed: Vec<&String> = refused_here
                        .iter()
                        .filter(|p| !parity::path_reported(&ours, p))
                        .collect();
                    if refused_here.is_empty() || !missed.is_empty() {
                        failures.push(format!(
                            "{place}: azml refuses at {ours:?}, Python at {refused_here:?}"
                        ));
                    }
                }
            }
        }
    }
    assert!(compared >= 15, "only {compared} sweep nodes compared");
    parity::report("sweep node", compared, &failures);
}
