//! The REST forms of what jobs and nodes share beyond their inputs and
//! outputs — distribution, identity, resources, limits, queue settings,
//! services — as azure-ai-ml's entities build them (`_to_rest_object` of
//! `DistributionConfiguration`, the identity configurations,
//! `JobResourceConfiguration`, `CommandJobLimits`, `QueueSettings` and the
//! job services), in the key order their REST models write. The kind
//! markers (`distributionType`, `identityType`, `jobTier`,
//! `jobServiceType`) are the enums' `x-azml-rest` values.

use serde_json::Map;

use crate::fields::duration::iso_duration;
use crate::fields::{DockerArgs, IntOrBinding};
use crate::generated::{
    CommandJobLimits, Distribution, JobIdentity, JobPriority, JobResourceConfiguration, JobService,
    QueueSettings,
};
use azml::{OrderedMap, RestError, RestTranslatable, Value};

/// `validate_key_contains_allowed_characters` (`^[a-zA-Z_]+[a-zA-Z0-9_]*$`)
/// of an input, output or search-space name, before a job's REST body is
/// built; the error is at `at.name`.
///
/// # Errors
/// Python's message for another name.
pub fn check_key(name: &str, at: &str) -> Result<(), RestError> {
    let mut chars = name.chars();
    let ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(RestError::new(format!(
            "Key name  {name} must be composed letters, numbers, and underscore"
        ))
        .at(name)
        .at(at))
    }
}

/// `validate_inputs_for_command`: each `${{inputs.x}}` of a job's command
/// outside an optional `$[[...]]` must name an input that is `given`.
///
/// # Errors
/// Python's message for the first that is not.
pub fn check_command_inputs(command: &str, given: impl Fn(&str) -> bool) -> Result<(), RestError> {
    let (all, optional) = crate::fields::binding::command_input_refs(command);
    match all
        .into_iter()
        .find(|name| !given(name) && !optional.contains(name))
    {
        Some(name) => Err(RestError::new(format!(
            "Inputs to job does not contain '{name}' referenced in command"
        ))),
        None => Ok(()),
    }
}

/// The compute property that marks a local run (`LOCAL_COMPUTE_PROPERTY`).
pub const LOCAL_COMPUTE_PROPERTY: &str = "IsLocal";

fn put(map: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(value) = value {
        map.insert(key.to_owned(), value);
    }
}

fn int(value: Option<&crate::fields::LenientInt>) -> Option<Value> {
    value.map(|v| Value::from(v.0))
}

fn int_or_binding(value: Option<&IntOrBinding>) -> Option<Value> {
    value.map(|v| serde_json::to_value(v).unwrap_or(Value::Null))
}

/// A distribution (`MpiDistribution._to_rest_object` and the others).
///
/// # Errors
/// A [`RestError`] for a distribution of no known kind.
pub fn distribution(d: &Distribution) -> Result<Value, RestError> {
    let mut out = Map::new();
    match d {
        Distribution::MpiDistribution(m) => {
            put(
                &mut out,
                "processCountPerInstance",
                int(m.process_count_per_instance.as_ref()),
            );
            out.insert("distributionType".into(), m.r#type.to_rest_object()?);
        }
        Distribution::PyTorchDistribution(p) => {
            put(
                &mut out,
                "processCountPerInstance",
                int(p.process_count_per_instance.as_ref()),
            );
            out.insert("distributionType".into(), p.r#type.to_rest_object()?);
        }
        Distribution::TensorFlowDistribution(t) => {
            put(
                &mut out,
                "parameterServerCount",
                int(t.parameter_server_count.as_ref()),
            );
            put(&mut out, "workerCount", int(t.worker_count.as_ref()));
            out.insert("distributionType".into(), t.r#type.to_rest_object()?);
        }
        Distribution::RayDistribution(r) => {
            out.insert("distributionType".into(), r.r#type.to_rest_object()?);
            put(&mut out, "port", int(r.port.as_ref()));
            put(&mut out, "address", r.address.clone().map(Value::from));
            put(
                &mut out,
                "includeDashboard",
                r.include_dashboard.map(|b| Value::Bool(b.0)),
            );
            put(&mut out, "dashboardPort", int(r.dashboard_port.as_ref()));
            put(
                &mut out,
                "headNodeAdditionalArgs",
                r.head_node_additional_args.clone().map(Value::from),
            );
            put(
                &mut out,
                "workerNodeAdditionalArgs",
                r.worker_node_additional_args.clone().map(Value::from),
            );
        }
        Distribution::Other(value) => {
            return Err(RestError::new(format!("not a distribution: {value}")))
        }
    }
    Ok(Value::Object(out))
}

/// A job's identity (`_to_job_rest_object` of the identity configurations).
///
/// # Errors
/// A [`RestError`] for an identity of no known kind.
pub fn identity(identity: &JobIdentity) -> Result<Value, RestError> {
    let mut out = Map::new();
    match identity {
        JobIdentity::ManagedIdentity(m) => {
            put(&mut out, "clientId", m.client_id.clone().map(Value::from));
            put(&mut out, "objectId", m.object_id.clone().map(Value::from));
            put(
                &mut out,
                "resourceId",
                m.msi_resource_id.clone().map(Value::from),
            );
            out.insert("identityType".into(), m.r#type.to_rest_object()?);
        }
        JobIdentity::UserIdentity(u) => {
            out.insert("identityType".into(), u.r#type.to_rest_object()?);
        }
        JobIdentity::AmlTokenIdentity(a) => {
            out.insert("identityType".into(), a.r#type.to_rest_object()?);
        }
        JobIdentity::Other(value) => {
            return Err(RestError::new(format!("not an identity: {value}")))
        }
    }
    Ok(Value::Object(out))
}

/// Resources (`JobResourceConfiguration._to_rest_object`); a local run
/// marks its properties with `{"IsLocal": {"IsLocal": true}}`
/// (`CommandJob._to_rest_object` for `compute: local`).
pub fn resources(r: Option<&JobResourceConfiguration>, local: bool) -> Option<Value> {
    if r.is_none() && !local {
        return None;
    }
    let default = JobResourceConfiguration::default();
    let r = r.unwrap_or(&default);
    let mut properties = r.properties.clone().unwrap_or_default();
    if local {
        properties.insert(
            LOCAL_COMPUTE_PROPERTY.to_owned(),
            serde_json::json!({ LOCAL_COMPUTE_PROPERTY: true }),
        );
    }
    let mut out = Map::new();
    put(
        &mut out,
        "instanceCount",
        int_or_binding(r.instance_count.as_ref()),
    );
    put(
        &mut out,
        "instanceType",
        r.instance_type.clone().map(Value::from),
    );
    out.insert(
        "properties".into(),
        serde_json::to_value(properties).unwrap_or_default(),
    );
    match &r.docker_args {
        // A list goes to `dockerArgsList`, without locations and maximum.
        Some(list @ DockerArgs::List(_)) => {
            out.insert("dockerArgsList".into(), list.value());
            put(&mut out, "shmSize", r.shm_size.clone().map(Value::from));
        }
        text => {
            put(&mut out, "dockerArgs", text.as_ref().map(DockerArgs::value));
            put(&mut out, "shmSize", r.shm_size.clone().map(Value::from));
            put(&mut out, "locations", r.locations.clone().map(Value::from));
            put(
                &mut out,
                "maxInstanceCount",
                int_or_binding(r.max_instance_count.as_ref()),
            );
        }
    }
    Some(Value::Object(out))
}

/// A command job's limits (`CommandJobLimits._to_rest_object`): the
/// timeout as an ISO 8601 duration (a binding as written).
///
/// # Errors
/// Python's `OverflowError` for a timeout no `timedelta` holds.
pub fn command_limits(limits: &CommandJobLimits) -> Result<Value, RestError> {
    let mut out = Map::new();
    match &limits.timeout {
        Some(IntOrBinding::Int(seconds)) => {
            let text = iso_duration(*seconds).map_err(|e| RestError::new(e).at("timeout"))?;
            put(&mut out, "timeout", text.map(Value::from));
        }
        Some(binding) => put(&mut out, "timeout", int_or_binding(Some(binding))),
        None => {}
    }
    out.insert("jobLimitsType".into(), "Command".into());
    Ok(Value::Object(out))
}

/// Queue settings (`QueueSettings._to_rest_object`): the tier's REST name,
/// the priority as 1, 2 or 3.
///
/// # Errors
/// A [`RestError`] when a tier has no REST name.
pub fn queue_settings(q: &QueueSettings) -> Result<Value, RestError> {
    let mut out = Map::new();
    if let Some(tier) = &q.job_tier {
        out.insert("jobTier".into(), tier.to_rest_object()?);
    }
    if let Some(priority) = &q.priority {
        let level = match priority {
            JobPriority::Low => 1,
            JobPriority::Medium => 2,
            JobPriority::High => 3,
        };
        out.insert("priority".into(), level.into());
    }
    Ok(Value::Object(out))
}

/// Interactive services (`JobServiceBase._to_rest_job_services`): the
/// service type's REST name, `nodes: all` as `{"nodesValueType": "All"}`,
/// the port, and the properties with an SSH key or log folder added.
///
/// # Errors
/// A [`RestError`] when a service type has no REST name.
pub fn services(services: &OrderedMap<JobService>) -> Result<Value, RestError> {
    let mut out = Map::new();
    for (name, service) in services {
        let (ty, nodes, port, properties, extra) = match service {
            JobService::SshJobService(s) => (
                s.r#type.as_ref().map(|t| t.to_rest_object()).transpose()?,
                s.nodes.is_some(),
                s.port.as_ref(),
                s.properties.as_ref(),
                s.ssh_public_keys.as_ref().map(|k| ("sshPublicKeys", k)),
            ),
            JobService::TensorBoardJobService(s) => (
                s.r#type.as_ref().map(|t| t.to_rest_object()).transpose()?,
                s.nodes.is_some(),
                s.port.as_ref(),
                s.properties.as_ref(),
                s.log_dir.as_ref().map(|d| ("logDir", d)),
            ),
            JobService::VsCodeJobService(s) => (
                s.r#type.as_ref().map(|t| t.to_rest_object()).transpose()?,
                s.nodes.is_some(),
                s.port.as_ref(),
                s.properties.as_ref(),
                None,
            ),
            JobService::JupyterLabJobService(s) => (
                s.r#type.as_ref().map(|t| t.to_rest_object()).transpose()?,
                s.nodes.is_some(),
                s.port.as_ref(),
                s.properties.as_ref(),
                None,
            ),
            // `JobServiceSchema.make` drops the type: no `jobServiceType`.
            JobService::GenericJobService(s) => (
                None,
                s.nodes.is_some(),
                s.port.as_ref(),
                s.properties.as_ref(),
                None,
            ),
            JobService::Other(value) => {
                out.insert(name.clone(), value.clone());
                continue;
            }
        };
        let mut rest = Map::new();
        put(&mut rest, "jobServiceType", ty);
        if nodes {
            rest.insert("nodes".into(), serde_json::json!({"nodesValueType": "All"}));
        }
        put(&mut rest, "port", int(port));
        let mut merged = properties.cloned().unwrap_or_default();
        if let Some((key, value)) = extra {
            merged.insert(key.to_owned(), value.clone().into());
        }
        if !merged.is_empty() {
            rest.insert(
                "properties".into(),
                serde_json::to_value(merged).unwrap_or_default(),
            );
        } else if let Some(own) = properties {
            rest.insert(
                "properties".into(),
                serde_json::to_value(own).unwrap_or_default(),
            );
        }
        out.insert(name.clone(), Value::Object(rest));
    }
    Ok(Value::Object(out))
}

/// Wire keys no REST model declares: `RayDistribution._to_rest_object`
/// builds them into a plain `DistributionConfiguration`, whose attribute
/// dict keeps them as written.
const UNMODELLED_KEYS: [&str; 4] = [
    "includeDashboard",
    "dashboardPort",
    "headNodeAdditionalArgs",
    "workerNodeAdditionalArgs",
];

/// A REST model as a pipeline node's REST dict holds it
/// (`get_rest_dict_for_node_attrs`, which takes `as_attribute_dict` of the
/// model): each key the model declares in its attribute spelling
/// (`distributionType` → `distribution_type`, at any depth), a
/// `properties` map as it is; then no `None` and no empty dict
/// (`convert_ordered_dict_to_dict`).
pub fn node_form(rest: Value) -> Value {
    fn snake(value: Value) -> Value {
        match value {
            Value::Object(map) => Value::Object(
                map.into_iter()
                    .map(|(key, value)| {
                        let value = if key == "properties" {
                            value
                        } else {
                            snake(value)
                        };
                        if UNMODELLED_KEYS.contains(&key.as_str()) {
                            return (key, value);
                        }
                        let key = azml_pyio::case::camel_to_snake(&key).unwrap_or(key);
                        (key, value)
                    })
                    .collect(),
            ),
            other => other,
        }
    }
    azml::dict::prune_empty(snake(rest))
}
