//! The REST body of a command job (`Command._to_job()._to_rest_object()`,
//! `CommandJob._to_rest_object`): `JobBase{properties: CommandJob}` in the
//! key order of its REST model, after `CommandJob._validate()`.

use serde_json::Map;

use crate::command::CommandComponentRef;
use crate::fields::binding::map_single_brackets;
use crate::fields::job_rest::{check_command_inputs, check_key};
use crate::fields::{io_rest, job_rest, EnvironmentRef};
use crate::generated::Command;
use azml::{RestError, Value};

/// The property the service sets on local runs, dropped from the body.
const COMPUTE_TARGET_TYPE: &str = "_azureml.ComputeTargetType";

/// `CommandJob._validate()` and what makes a body impossible offline.
fn validated<'a>(
    node: &'a Command,
    command: Option<&str>,
) -> Result<&'a EnvironmentRef, RestError> {
    let Some(command) = command else {
        return Err(RestError::new("command is required"));
    };
    let Some(environment) = node.environment.as_ref() else {
        return Err(RestError::new("environment is required for non-local runs"));
    };
    check_command_inputs(command, |name| {
        node.inputs
            .as_ref()
            .and_then(|m| m.get(name))
            .is_some_and(Option::is_some)
    })?;
    Ok(environment)
}

/// The REST body, or why azure-ai-ml cannot build it offline.
pub(super) fn job_body(node: &Command) -> Result<Value, RestError> {
    let component = node
        .component
        .as_ref()
        .and_then(CommandComponentRef::component);
    let command = component.map(|c| c.command.as_str());
    let environment = validated(node, command)?;
    let environment_id = environment.rest_id()?;
    let local = node.compute.as_ref().is_some_and(|c| c.is_local());
    let mut p = Map::new();
    let mut put = |key: &str, value: Option<Value>| {
        if let Some(value) = value {
            p.insert(key.to_owned(), value);
        }
    };
    put("displayName", node.display_name.clone().map(Value::from));
    put("description", node.description.clone().map(Value::from));
    put(
        "command",
        command.map(|c| Value::from(map_single_brackets(c))),
    );
    put(
        "codeId",
        component
            .and_then(|c| c.code.as_ref())
            .map(|code| Value::from(code.value())),
    );
    put(
        "computeId",
        node.compute
            .as_ref()
            .filter(|c| !c.is_local())
            .map(|c| Value::from(c.name())),
    );
    let mut properties = json(&node.properties).unwrap_or_else(|| Value::Object(Map::new()));
    if let Some(map) = properties.as_object_mut() {
        map.shift_remove(COMPUTE_TARGET_TYPE);
    }
    put("properties", Some(properties));
    put(
        "experimentName",
        node.experiment_name.clone().map(Value::from),
    );
    put("isArchived", Some(Value::Bool(false)));
    for name in node.inputs.iter().flat_map(|m| m.keys()) {
        check_key(name, "inputs")?;
    }
    for name in node.outputs.iter().flat_map(|m| m.keys()) {
        check_key(name, "outputs")?;
    }
    put(
        "inputs",
        Some(Value::Object(io_rest::job_inputs(node.inputs.as_ref()))),
    );
    put(
        "outputs",
        Some(Value::Object(io_rest::job_outputs(node.outputs.as_ref()))),
    );
    put("environmentId", Some(environment_id));
    put(
        "distribution",
        node.distribution
            .as_ref()
            .map(job_rest::distribution)
            .transpose()
            .map_err(|e| e.at("distribution"))?,
    );
    put(
        "tags",
        Some(json(&node.tags).unwrap_or_else(|| Value::Object(Map::new()))),
    );
    put(
        "identity",
        node.identity
            .as_ref()
            .map(job_rest::identity)
            .transpose()
            .map_err(|e| e.at("identity"))?,
    );
    put(
        "environmentVariables",
        Some(json(&node.environment_variables).unwrap_or_else(|| Value::Object(Map::new()))),
    );
    put(
        "resources",
        job_rest::resources(node.resources.as_ref(), local),
    );
    put(
        "limits",
        node.limits
            .as_ref()
            .map(job_rest::command_limits)
            .transpose()
            .map_err(|e| e.at("limits"))?,
    );
    put(
        "services",
        node.services
            .as_ref()
            .map(job_rest::services)
            .transpose()
            .map_err(|e| e.at("services"))?,
    );
    put(
        "queueSettings",
        node.queue_settings
            .as_ref()
            .map(job_rest::queue_settings)
            .transpose()
            .map_err(|e| e.at("queueSettings"))?,
    );
    put("jobType", Some(Value::from("Command")));
    put(
        "parentJobName",
        node.parent_job_name.clone().map(Value::from),
    );
    Ok(serde_json::json!({ "properties": p }))
}

fn json<T: serde::Serialize>(value: &Option<T>) -> Option<Value> {
    value.as_ref().and_then(|v| serde_json::to_value(v).ok())
}
