//! The corpus comparison: real Azure ML files (../shared/corpus, not part
//! of this repository) against what azure-ai-ml 1.35.2 did with them on the
//! spot. `cargo xtask parity --corpus DIR` records Python's results and then
//! runs this test with `AZML_PARITY_CORPUS_DIR` (the files) and
//! `AZML_PARITY_CORPUS_RECORDS` (Python's records) set; without them the
//! test has nothing to compare and says so.

#[path = "support/asset_parity.rs"]
mod asset_parity;
#[path = "support/parity.rs"]
mod parity;
#[path = "support/pipeline_parity.rs"]
mod pipeline_parity;

use std::path::{Path, PathBuf};

use azml::entities::{
    Command, CommandComponent, ParallelComponent, ParallelJob, ParallelTask, SweepJob,
};
use azml::entities::{PipelineComponent, PipelineJob};
use azml::{DictMixin, Document};
use serde_json::Value;

fn records(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Compares one component or task file with Python's record.
fn compare(file: &Path, kind: &str, record: &Value) -> Result<(), String> {
    let accepted = record["accepted"] == Value::Bool(true);
    let loaded: Result<(Value, Option<Value>), String> = match kind {
        "component" => ParallelComponent::from_yaml_path(file)
            .map(|c| {
                let rest = c.to_rest().unwrap();
                (c.to_dict(), Some(rest))
            })
            .map_err(|e| e.to_string()),
        "job" => ParallelJob::from_yaml_path(file)
            .map(|j| (j.to_dict(), None))
            .map_err(|e| e.to_string()),
        "pipeline" => PipelineJob::from_yaml_path(file)
            .map(|p| {
                let rest = serde_json::to_value(p.parallel_nodes_rest().unwrap()).unwrap();
                (p.to_dict(), Some(rest))
            })
            .map_err(|e| e.to_string()),
        "task" => ParallelTask::from_yaml_path(file)
            .map(|t| (t.to_dict(), None))
            .map_err(|e| e.to_string()),
        "command_component" => CommandComponent::from_yaml_path(file)
            .map(|c| (c.to_dict(), Some(rest_or_error(c.to_rest()))))
            .map_err(|e| e.to_string()),
        "command_job" => Command::from_yaml_path(file)
            .map(|j| (j.to_dict(), Some(rest_or_error(j.to_rest()))))
            .map_err(|e| e.to_string()),
        "sweep_job" => SweepJob::from_yaml_path(file)
            .map(|j| (j.to_dict(), Some(rest_or_error(j.to_rest()))))
            .map_err(|e| e.to_string()),
        _ => unreachable!(),
    };
    if kind == "pipeline" {
        return compare_pipeline(accepted, loaded, record);
    }
    match (accepted, loaded) {
        (true, Ok((dict, rest))) => {
            if !parity::same_json(&dict, &record["dict"]) {
                return Err(format!(
                    "dict\n  python: {}\n  azml:   {dict}",
                    record["dict"]
                ));
            }
            // Where Python could not build a body offline, azml must not either.
            if !record["rest_error"].is_null() {
                return match rest {
                    Some(rest) if rest.get("$rest_error").is_some() => Ok(()),
                    _ => Err(format!(
                        "Python could not build the REST body ({}), azml did",
                        record["rest_error"]
                    )),
                };
            }
            if let Some(rest) = rest {
                if !parity::same_json(&rest, &record["rest"]) {
                    return Err(format!(
                        "REST body\n  python: {}\n  azml:   {rest}",
                        record["rest"]
                    ));
                }
            }
            Ok(())
        }
        (false, Err(_)) => Ok(()),
        (true, Err(e)) => Err(format!("Python accepts, azml rejects:\n{e}")),
        (false, Ok(_)) => Err(format!(
            "Python rejects ({}), azml accepts",
            record["errors"]
        )),
    }
}

/// A REST body, or the reason there is none as `{"$rest_error": ...}`.
fn rest_or_error(rest: Result<Value, azml::RestError>) -> Value {
    rest.unwrap_or_else(|e| serde_json::json!({ "$rest_error": e.to_string() }))
}

/// A pipeline of parallel nodes (the parallel kinds' records): Python's
/// decision, its whole dict, and each parallel node's REST form.
fn compare_pipeline(
    accepted: bool,
    loaded: Result<(Value, Option<Value>), String>,
    record: &Value,
) -> Result<(), String> {
    match (accepted, loaded) {
        (true, Ok((dict, rest))) => {
            if !parity::same_json(&dict, &record["dict"]) {
                return Err(format!(
                    "dict\n  python: {}\n  azml:   {dict}",
                    record["dict"]
                ));
            }
            let rest = &rest.unwrap_or_default();
            let names: Vec<&String> = rest
                .as_object()
                .map(|m| m.keys().collect())
                .unwrap_or_default();
            let python = record["parallel_nodes"].as_object().map_or(0, |m| m.len());
            if names.len() != python {
                return Err(format!(
                    "{python} parallel nodes in Python, {} in azml",
                    names.len()
                ));
            }
            for name in names {
                let expected = parity::unwrap_component(record["parallel_nodes"][name].clone());
                if !parity::same_json(&rest[name], &expected) {
                    return Err(format!(
                        "jobs.{name} REST\n  python: {expected}\n  azml:   {}",
                        rest[name]
                    ));
                }
            }
            Ok(())
        }
        (true, Err(e)) => Err(format!("Python accepts, azml rejects:\n{e}")),
        (false, Ok(_)) => Err(format!(
            "Python rejects ({}), azml accepts",
            record["errors"]
        )),
        (false, Err(_)) => Ok(()),
    }
}

/// A whole pipeline job or pipeline component, compared as the fixtures
/// are (`tests/support/pipeline_parity.rs`).
fn compare_whole_pipeline(
    file: &Path,
    rel: &str,
    kind: &str,
    record: &Value,
) -> Result<(), String> {
    let golden = parity::Golden {
        file: rel.to_owned(),
        record: record.clone(),
    };
    let validate = |issues: Vec<azml::validate::Issue>| {
        issues
            .iter()
            .map(|i| azml::load::dotted(&i.pointer))
            .collect()
    };
    let (loaded, jobs_at): (_, fn(&Value) -> &Value) = if kind == "pipeline_component" {
        (
            PipelineComponent::from_yaml_path(file).map(|c| pipeline_parity::Loaded {
                dict: c.to_dict(),
                rest: c.to_rest(),
                pending_body: c.rest_with_pending_components(),
                validate: validate(c.validate()),
            }),
            |rest| &rest["properties"]["componentSpec"]["jobs"],
        )
    } else {
        (
            PipelineJob::from_yaml_path(file).map(|p| pipeline_parity::Loaded {
                dict: p.to_dict(),
                rest: p.to_rest(),
                pending_body: p.rest_with_pending_components(),
                validate: validate(p.validate()),
            }),
            |rest| &rest["properties"]["jobs"],
        )
    };
    let outcome = pipeline_parity::compare(&golden, loaded, jobs_at);
    if outcome.failures.is_empty() {
        Ok(())
    } else {
        Err(outcome.failures.join("\n"))
    }
}

#[test]
fn corpus_matches_python() {
    let (Some(files), Some(recorded)) = (
        std::env::var_os("AZML_PARITY_CORPUS_DIR"),
        std::env::var_os("AZML_PARITY_CORPUS_RECORDS"),
    ) else {
        println!("no corpus records: run `cargo xtask parity --corpus DIR`");
        return;
    };
    let (files, recorded) = (PathBuf::from(files), PathBuf::from(recorded));
    let mut failures = Vec::new();
    let mut compared = 0;
    // Per kind: files compared, files that match.
    let mut by_kind = std::collections::BTreeMap::<String, (usize, usize)>::new();
    let mut not_yet = std::collections::BTreeMap::<String, usize>::new();
    for path in records(&recorded) {
        let record: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let rel = record["file"].as_str().unwrap();
        let kind = record["kind"].as_str().unwrap_or("other");
        if matches!(kind, "pipeline_job" | "pipeline_component") {
            compared += 1;
            let counts = by_kind.entry(kind.to_owned()).or_default();
            counts.0 += 1;
            match compare_whole_pipeline(&files.join(rel), rel, kind, &record) {
                Ok(()) => counts.1 += 1,
                Err(why) => failures.push(format!("{rel}: {why}")),
            }
            continue;
        }
        if matches!(kind, "environment" | "model" | "data" | "code") {
            compared += 1;
            let counts = by_kind.entry(kind.to_owned()).or_default();
            counts.0 += 1;
            match asset_parity::compare_file(kind, &files.join(rel), &record) {
                Ok(()) => counts.1 += 1,
                Err(why) => failures.push(format!("{rel}: {why}")),
            }
            continue;
        }
        if !matches!(
            kind,
            "component"
                | "job"
                | "pipeline"
                | "task"
                | "command_component"
                | "command_job"
                | "sweep_job"
        ) {
            *not_yet.entry(kind.to_owned()).or_default() += 1;
            continue;
        }
        compared += 1;
        let counts = by_kind.entry(kind.to_owned()).or_default();
        counts.0 += 1;
        match compare(&files.join(rel), kind, &record) {
            Ok(()) => counts.1 += 1,
            Err(why) => failures.push(format!("{rel}: {why}")),
        }
    }
    let per_kind: Vec<String> = by_kind
        .iter()
        .map(|(kind, (n, ok))| format!("{kind} {ok} of {n}"))
        .collect();
    println!(
        "corpus parity: {} of {compared} files match ({}); not compared: {not_yet:?}",
        compared - failures.len(),
        per_kind.join(", ")
    );
    assert!(
        compared > 0,
        "no component, job or task records in {}",
        recorded.display()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
