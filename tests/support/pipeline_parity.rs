//! Shared by the pipeline parity tests (pipeline jobs and pipeline
//! components): one golden compared whole — accept or reject and Python's
//! error fields, the dict with its key order, the REST body or the reason
//! there is none (the components that would be registered first) and the
//! body with those components written out, `_validate()`.

#![allow(dead_code)] // each test binary uses a different part

use std::collections::BTreeSet;

use serde_json::Value;

use super::parity::{self, Golden};

/// What was compared for one golden.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Failures, each with the file.
    pub failures: Vec<String>,
    /// Whether the REST body with its pending components was compared.
    pub placeholder_body: bool,
}

/// The dotted paths `_validate()` reported.
pub fn validate_paths(golden: &Golden) -> BTreeSet<String> {
    golden.record["validate"]["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| e["path"].as_str().unwrap_or("").to_owned())
        .collect()
}

/// The nodes whose `componentId` the golden body writes out as a
/// component still to be registered (`{"$component": ...}`).
pub fn pending_nodes(jobs: &Value) -> Vec<String> {
    jobs.as_object()
        .into_iter()
        .flatten()
        .filter(|(_, node)| node["componentId"].get("$component").is_some())
        .map(|(name, _)| name.clone())
        .collect()
}

/// Compares what azml did with one document (`loaded`: its dict, its
/// `to_rest()`, the body with pending components, its `validate()` paths)
/// with the golden; `jobs_at` finds the nodes in a REST body.
pub fn compare(
    golden: &Golden,
    loaded: Result<Loaded, azml::load::LoadError>,
    jobs_at: fn(&Value) -> &Value,
) -> Outcome {
    let mut out = Outcome::default();
    let file = &golden.file;
    let record = &golden.record;
    let decision = parity::decision_failures(golden, &loaded);
    if !decision.is_empty() {
        out.failures.extend(decision);
        return out;
    }
    let Ok(loaded) = loaded else { return out };
    let expected = &record["dict"];
    let got = loaded.dict;
    if !parity::same_json(&got, expected) {
        out.failures.push(format!(
            "{file}: dict\n  python: {expected}\n  azml:   {got}"
        ));
    }
    let ours = loaded.validate;
    let python = validate_paths(golden);
    if ours != python {
        out.failures
            .push(format!("{file}: validate() {ours:?}, Python {python:?}"));
    }
    match (&record["rest_error"], loaded.rest) {
        (Value::Null, Ok(got)) if parity::same_json(&got, &record["rest"]) => {}
        (Value::Null, Ok(got)) => out.failures.push(format!(
            "{file}: REST body\n  python: {}\n  azml:   {got}",
            record["rest"]
        )),
        (Value::Null, Err(e)) => out.failures.push(format!("{file}: REST body: {e}")),
        (error, Ok(got)) => out.failures.push(format!(
            "{file}: Python could not build the body ({error}), azml did: {got}"
        )),
        (error, Err(e)) => {
            let message = e.to_string();
            let pending = pending_nodes(jobs_at(&record["rest"]));
            let named = pending
                .iter()
                .all(|n| message.contains(&format!("jobs.{n}.component ")));
            if error["error_type"] != "TypeError" || pending.is_empty() || !named {
                out.failures.push(format!(
                    "{file}: REST error {message:?}, Python {error}, components to register {pending:?}"
                ));
            }
        }
    }
    match loaded.pending_body {
        Ok(body) if parity::same_json(&body, &record["rest"]) => out.placeholder_body = true,
        Ok(body) => out.failures.push(format!(
            "{file}: body with pending components\n  python: {}\n  azml:   {body}",
            record["rest"]
        )),
        Err(e) => out
            .failures
            .push(format!("{file}: body with pending components: {e}")),
    }
    out
}

/// What azml gives for a loaded document.
pub struct Loaded {
    /// `to_dict()`.
    pub dict: Value,
    /// `to_rest()`.
    pub rest: Result<Value, azml::RestError>,
    /// The body with pending components written out.
    pub pending_body: Result<Value, azml::RestError>,
    /// The dotted paths of `validate()`.
    pub validate: BTreeSet<String>,
}
