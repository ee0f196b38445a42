//! `SweepJob._load_from_rest`: a sweep job read back from its REST body.
//! Python rebuilds each part from the REST model: the sampling algorithm
//! and the early termination policy as objects (a policy's absent fields
//! unset, not defaulted), literal inputs as the text sent, the trial from
//! `TrialComponent` (its code and environment ids, its environment
//! variables as text, the job's queue settings), the job's resources from
//! the untyped dict the body carries.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_json::Map;

use crate::fields::{job_from_rest, CodeRef, ComputeRef, EnvironmentRef};
use crate::generated::{
    EarlyTerminationPolicy, Goal, Objective, SamplingAlgorithm, SearchSpace, SweepJob,
    SweepJobLimits, SweepTrial, SweepType,
};
use azml::{RestError, Value};

/// A part of the body read as the generated type reads a document.
fn typed<T: DeserializeOwned>(value: Value, at: &str) -> Result<T, RestError> {
    serde_json::from_value(value).map_err(|e| RestError::new(e.to_string()).at(at))
}

fn text(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(Value::as_str).map(str::to_owned)
}

fn set(value: &Value, key: &str) -> Option<Value> {
    value.get(key).filter(|v| !v.is_null()).cloned()
}

/// The job a REST body describes; a local-looking `codeId` is looked up
/// against `base` (Python's: the working directory, `base_path="./"`).
pub(super) fn job(rest: &Value, base: &Path) -> Result<SweepJob, RestError> {
    let p = rest
        .get("properties")
        .ok_or_else(|| RestError::new("a job body holds its job under `properties`"))?;
    let search_space = p
        .get("searchSpace")
        .and_then(Value::as_object)
        .map(|spaces| {
            spaces
                .iter()
                .map(|(name, space)| {
                    SearchSpace::from_rest_form(space)
                        .map(|s| (name.clone(), s))
                        .map_err(|e| e.at(name).at("searchSpace"))
                })
                .collect::<Result<_, _>>()
        })
        .transpose()?;
    let objective = p
        .get("objective")
        .ok_or_else(|| RestError::new("missing").at("objective"))?;
    let goal: Goal = typed(
        Value::from(text(objective, "goal").unwrap_or_default().to_lowercase()),
        "objective.goal",
    )?;
    let queue_settings = set(p, "queueSettings").map(|q| job_from_rest::queue_settings(&q));
    let inputs = set(p, "inputs")
        .and_then(|v| v.as_object().cloned())
        .unwrap_or_default()
        .into_iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(name, input)| {
            let yaml = job_from_rest::job_input(&input).map_err(|e| e.at(&name))?;
            Ok((name.clone(), typed(yaml, &format!("inputs.{name}"))?))
        })
        .collect::<Result<_, RestError>>()?;
    let outputs = set(p, "outputs")
        .and_then(|v| v.as_object().cloned())
        .unwrap_or_default()
        .into_iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(name, output)| {
            let yaml = job_from_rest::job_output(&output);
            Ok((name.clone(), Some(typed(yaml, &format!("outputs.{name}"))?)))
        })
        .collect::<Result<_, RestError>>()?;
    Ok(SweepJob {
        sampling_algorithm: set(p, "samplingAlgorithm")
            .map(|s| SamplingAlgorithm::from_rest_form(&s))
            .transpose()?
            .flatten(),
        search_space,
        objective: Objective {
            goal,
            primary_metric: text(objective, "primaryMetric").unwrap_or_default(),
        },
        early_termination: set(p, "earlyTermination")
            .map(|e| EarlyTerminationPolicy::from_rest_form(&e))
            .transpose()?
            .flatten(),
        limits: SweepJobLimits::from_rest_form(p.get("limits").unwrap_or(&Value::Null))
            .map_err(|e| e.at("limits"))?,
        queue_settings: queue_settings
            .clone()
            .map(|q| typed(q, "queueSettings"))
            .transpose()?,
        resources: set(p, "resources")
            .map(|r| typed(job_from_rest::resources(&r, false), "resources"))
            .transpose()?,
        name: None,
        id: None,
        description: text(p, "description"),
        tags: set(p, "tags").map(|t| typed(t, "tags")).transpose()?,
        creation_context: None,
        services: None,
        display_name: text(p, "displayName"),
        status: None,
        experiment_name: text(p, "experimentName"),
        properties: set(p, "properties")
            .map(|t| typed(t, "properties"))
            .transpose()?,
        log_files: None,
        compute: set(p, "computeId")
            .map(|c| ComputeRef::from_value(&c).map_err(|e| RestError::new(e).at("computeId")))
            .transpose()?,
        identity: set(p, "identity")
            .map(|i| typed(job_from_rest::identity(&i)?, "identity"))
            .transpose()?,
        r#type: SweepType::Sweep,
        trial: trial(
            p.get("trial")
                .ok_or_else(|| RestError::new("missing").at("trial"))?,
            queue_settings,
            base,
        )
        .map_err(|e| e.at("trial"))?,
        inputs: Some(inputs),
        outputs: Some(outputs),
        schema: None,
    })
}

/// `ParameterizedCommand._load_from_sweep_job`: the trial, with the job's
/// queue settings.
fn trial(
    rest: &Value,
    queue_settings: Option<Value>,
    base: &Path,
) -> Result<SweepTrial, RestError> {
    let environment = match text(rest, "environmentId") {
        Some(id) if id.starts_with("azureml://") => EnvironmentRef::Registry(id),
        Some(id) => EnvironmentRef::Asset(id),
        None => return Err(RestError::new("missing").at("environmentId")),
    };
    // The REST model's environment variables are text: `str()` of others.
    let environment_variables: Map<String, Value> = set(rest, "environmentVariables")
        .and_then(|v| v.as_object().cloned())
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| {
            let v = match v {
                Value::Null | Value::String(_) => v,
                other => Value::String(azml_pyio::py_repr::repr(&other)),
            };
            (k, v)
        })
        .collect();
    Ok(SweepTrial {
        command: text(rest, "command").unwrap_or_default(),
        code: text(rest, "codeId").map(|id| CodeRef::assigned(&id, base)),
        environment,
        environment_variables: Some(environment_variables.into_iter().collect()),
        resources: set(rest, "resources")
            .map(|r| typed(job_from_rest::resources(&r, true), "resources"))
            .transpose()?,
        distribution: set(rest, "distribution")
            .map(|d| typed(job_from_rest::distribution(&d)?, "distribution"))
            .transpose()?,
        queue_settings: queue_settings
            .map(|q| typed(q, "queueSettings"))
            .transpose()?,
    })
}
