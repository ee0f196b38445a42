//! The REST body of a sweep job (`SweepJob._to_rest_object`):
//! `JobBase{properties: SweepJob}` in the key order its REST model is
//! built in, with the checks Python makes on the way.

use serde_json::Map;

use crate::fields::binding::map_single_brackets;
use crate::fields::io_rest;
use crate::fields::job_io::{node_input, node_output};
use crate::fields::job_rest::{self, check_command_inputs, check_key};
use crate::generated::{SweepJob, SweepTrial};
use azml::{RestError, Value};

/// What azure-ai-ml raises for a sweep without a search space: the body
/// reads its converted search space before anything assigned it.
const NO_SEARCH_SPACE: &str =
    "cannot access local variable 'search_space' where it is not associated with a value";

fn json<T: serde::Serialize>(value: &Option<T>) -> Value {
    value
        .as_ref()
        .and_then(|v| serde_json::to_value(v).ok())
        .unwrap_or_else(|| Value::Object(Map::new()))
}

/// The body, or why azure-ai-ml cannot build it offline.
pub(super) fn job_body(job: &SweepJob) -> Result<Value, RestError> {
    let command = map_single_brackets(&job.trial.command);
    let mut search_space = Map::new();
    for (name, space) in job.search_space.iter().flatten() {
        let rest = space
            .rest_form()
            .map_err(|e| e.at(name).at("searchSpace"))?;
        search_space.insert(name.clone(), rest);
    }
    check_command_inputs(&command, |name| {
        job.inputs.as_ref().is_some_and(|m| m.contains_key(name))
    })?;
    if job.search_space.is_none() {
        return Err(RestError::new(format!(
            "a sweep job without search_space has no REST body: azure-ai-ml fails building it (UnboundLocalError: {NO_SEARCH_SPACE})"
        ))
        .at("searchSpace"));
    }
    for name in search_space.keys() {
        check_key(name, "searchSpace")?;
    }
    let trial = trial_body(&job.trial, &command)?;
    let mut p = Map::new();
    let mut put = |key: &str, value: Option<Value>| {
        if let Some(value) = value {
            p.insert(key.to_owned(), value);
        }
    };
    put("displayName", job.display_name.clone().map(Value::from));
    put("description", job.description.clone().map(Value::from));
    put(
        "experimentName",
        job.experiment_name.clone().map(Value::from),
    );
    put("isArchived", Some(Value::Bool(false)));
    put("searchSpace", Some(Value::Object(search_space)));
    put(
        "samplingAlgorithm",
        job.sampling_algorithm
            .as_ref()
            .map(|s| s.rest_form().map_err(|e| e.at("samplingAlgorithm")))
            .transpose()?,
    );
    put(
        "limits",
        Some(job.limits.rest_form().map_err(|e| e.at("limits"))?),
    );
    put(
        "earlyTermination",
        job.early_termination
            .as_ref()
            .map(|e| e.rest_form().map_err(|e| e.at("earlyTermination")))
            .transpose()?,
    );
    put("properties", Some(json(&job.properties)));
    put(
        "computeId",
        job.compute.as_ref().map(|c| Value::from(c.name())),
    );
    put(
        "objective",
        Some(serde_json::json!({
            "goal": azml::DictValue::to_dict_value(&job.objective.goal),
            "primaryMetric": job.objective.primary_metric,
        })),
    );
    let (trial, environment) = trial;
    put("trial", Some(trial));
    put("tags", Some(json(&job.tags)));
    for name in job.inputs.iter().flat_map(|m| m.keys()) {
        check_key(name, "inputs")?;
    }
    let inputs = job.inputs.as_ref().map(|inputs| {
        inputs
            .iter()
            .map(|(name, input)| (name.clone(), Some(node_input(input))))
            .collect()
    });
    put(
        "inputs",
        Some(Value::Object(io_rest::job_inputs(inputs.as_ref()))),
    );
    for name in job.outputs.iter().flat_map(|m| m.keys()) {
        check_key(name, "outputs")?;
    }
    let outputs = job.outputs.as_ref().map(|outputs| {
        outputs
            .iter()
            .map(|(name, output)| (name.clone(), node_output(output.as_ref())))
            .collect()
    });
    put(
        "outputs",
        Some(Value::Object(io_rest::job_outputs(outputs.as_ref()))),
    );
    put(
        "identity",
        job.identity
            .as_ref()
            .map(job_rest::identity)
            .transpose()
            .map_err(|e| e.at("identity"))?,
    );
    put(
        "queueSettings",
        job.queue_settings
            .as_ref()
            .map(job_rest::queue_settings)
            .transpose()
            .map_err(|e| e.at("queueSettings"))?,
    );
    put("jobType", Some(Value::from("Sweep")));
    // The job's resources, else the trial's.
    let resources = job_rest::resources(job.resources.as_ref(), false)
        .or_else(|| job_rest::resources(job.trial.resources.as_ref(), false));
    put("resources", resources);
    // Only encoding the body finds an inline environment (a TypeError):
    // every other problem comes first.
    environment.map_err(|e| e.at("trial"))?;
    Ok(serde_json::json!({ "properties": p }))
}

/// The trial (`TrialComponent`), and its environment's id or why there is
/// none yet.
fn trial_body(
    trial: &SweepTrial,
    command: &str,
) -> Result<(Value, Result<(), RestError>), RestError> {
    let mut out = Map::new();
    if let Some(code) = &trial.code {
        out.insert("codeId".into(), Value::from(code.value()));
    }
    if let Some(distribution) = &trial.distribution {
        out.insert(
            "distribution".into(),
            job_rest::distribution(distribution).map_err(|e| e.at("distribution").at("trial"))?,
        );
    }
    let environment = match trial.environment.rest_id() {
        Ok(id) => {
            out.insert("environmentId".into(), id);
            Ok(())
        }
        Err(e) => Err(e),
    };
    out.insert("command".into(), Value::from(command));
    out.insert(
        "environmentVariables".into(),
        json(&trial.environment_variables),
    );
    if let Some(resources) = job_rest::resources(trial.resources.as_ref(), false) {
        out.insert("resources".into(), resources);
    }
    Ok((Value::Object(out), environment))
}
