//! What a job's REST body reads back as: the inverse of
//! [`job_rest`](super::job_rest) and [`io_rest`](super::io_rest)'s job forms
//! (`from_rest_inputs_to_dataset_literal`, `from_rest_data_outputs`,
//! `DistributionConfiguration._from_rest_object`, the identity
//! configurations', `JobResourceConfiguration._from_rest_object`,
//! `QueueSettings._from_rest_object`), each giving the part as a YAML
//! document holds it, for the generated types to read.

use serde_json::{json, Map};

use azml::{RestError, Value};

fn text<'a>(rest: &'a Value, key: &str) -> Option<&'a str> {
    rest.get(key).and_then(Value::as_str)
}

/// Copies `rest[from]` to `out[to]` when it is set.
fn copy(out: &mut Map<String, Value>, rest: &Value, from: &str, to: &str) {
    if let Some(value) = rest.get(from).filter(|v| !v.is_null()) {
        out.insert(to.to_owned(), value.clone());
    }
}

/// `INPUT_MOUNT_MAPPING_FROM_REST`.
fn input_mode(rest: &str) -> Option<&'static str> {
    Some(match rest {
        "ReadWriteMount" => "rw_mount",
        "ReadOnlyMount" => "ro_mount",
        "Download" => "download",
        "Direct" => "direct",
        "EvalMount" => "eval_mount",
        "EvalDownload" => "eval_download",
        _ => return None,
    })
}

/// `OUTPUT_MOUNT_MAPPING_FROM_REST`.
fn output_mode(rest: &str) -> Option<&'static str> {
    Some(match rest {
        "ReadWriteMount" => "rw_mount",
        "Upload" => "upload",
        "Direct" => "direct",
        _ => return None,
    })
}

/// A job input (`from_rest_inputs_to_dataset_literal`): a literal as its
/// value (text, as sent), data as its type, path and mode.
///
/// # Errors
/// An input type no job input has.
pub fn job_input(rest: &Value) -> Result<Value, RestError> {
    match text(rest, "jobInputType") {
        Some("literal") => Ok(rest.get("value").cloned().unwrap_or(Value::Null)),
        Some(ty) => {
            let mut out = Map::new();
            if let Some(mode) = text(rest, "mode").and_then(input_mode) {
                out.insert("mode".into(), mode.into());
            }
            out.insert("type".into(), ty.into());
            copy(&mut out, rest, "uri", "path");
            copy(&mut out, rest, "pathOnCompute", "path_on_compute");
            Ok(Value::Object(out))
        }
        None => Err(RestError::new(format!(
            "an input without jobInputType: {rest}"
        ))),
    }
}

/// A job output (`from_rest_data_outputs`): its asset name and version,
/// mode, type and path.
pub fn job_output(rest: &Value) -> Value {
    let mut out = Map::new();
    copy(&mut out, rest, "assetName", "name");
    copy(&mut out, rest, "assetVersion", "version");
    if let Some(mode) = text(rest, "mode").and_then(output_mode) {
        out.insert("mode".into(), mode.into());
    }
    copy(&mut out, rest, "jobOutputType", "type");
    copy(&mut out, rest, "uri", "path");
    Value::Object(out)
}

/// A distribution (`DistributionConfiguration._from_rest_object`).
///
/// # Errors
/// A distribution type of no known kind.
pub fn distribution(rest: &Value) -> Result<Value, RestError> {
    let (ty, keys): (&str, &[(&str, &str)]) = match text(rest, "distributionType") {
        Some("Mpi") => (
            "mpi",
            &[("processCountPerInstance", "process_count_per_instance")],
        ),
        Some("PyTorch") => (
            "pytorch",
            &[("processCountPerInstance", "process_count_per_instance")],
        ),
        Some("TensorFlow") => (
            "tensorflow",
            &[
                ("parameterServerCount", "parameter_server_count"),
                ("workerCount", "worker_count"),
            ],
        ),
        Some("Ray") => (
            "ray",
            &[
                ("port", "port"),
                ("address", "address"),
                ("includeDashboard", "include_dashboard"),
                ("dashboardPort", "dashboard_port"),
                ("headNodeAdditionalArgs", "head_node_additional_args"),
                ("workerNodeAdditionalArgs", "worker_node_additional_args"),
            ],
        ),
        _ => return Err(RestError::new(format!("not a distribution: {rest}"))),
    };
    let mut out = Map::new();
    out.insert("type".into(), ty.into());
    for (from, to) in keys {
        copy(&mut out, rest, from, to);
    }
    Ok(Value::Object(out))
}

/// A job's identity (`_BaseJobIdentityConfiguration._from_rest_object`).
///
/// # Errors
/// An identity type of no known kind.
pub fn identity(rest: &Value) -> Result<Value, RestError> {
    match text(rest, "identityType") {
        Some("Managed") => {
            let mut out = Map::new();
            out.insert("type".into(), "managed".into());
            copy(&mut out, rest, "clientId", "client_id");
            copy(&mut out, rest, "objectId", "object_id");
            copy(&mut out, rest, "resourceId", "msi_resource_id");
            Ok(Value::Object(out))
        }
        Some("UserIdentity") => Ok(json!({"type": "user_identity"})),
        Some("AMLToken") => Ok(json!({"type": "aml_token"})),
        _ => Err(RestError::new(format!("not an identity: {rest}"))),
    }
}

/// Resources (`JobResourceConfiguration._from_rest_object`). Read from its
/// REST model (`model`: a trial's), `dockerArgsList` is the docker
/// arguments and there is no maximum instance count; read from the untyped
/// dict a job body carries, the known camelCase keys are renamed and
/// `dockerArgsList` is lost.
pub fn resources(rest: &Value, model: bool) -> Value {
    let mut out = Map::new();
    copy(&mut out, rest, "locations", "locations");
    copy(&mut out, rest, "instanceCount", "instance_count");
    copy(&mut out, rest, "instanceType", "instance_type");
    if !model {
        copy(&mut out, rest, "maxInstanceCount", "max_instance_count");
    }
    copy(&mut out, rest, "properties", "properties");
    if model {
        copy(&mut out, rest, "dockerArgsList", "docker_args");
    }
    if !out.contains_key("docker_args") {
        copy(&mut out, rest, "dockerArgs", "docker_args");
    }
    copy(&mut out, rest, "shmSize", "shm_size");
    Value::Object(out)
}

/// Queue settings (`QueueSettings._from_rest_object`): the tier's and the
/// priority's entity names.
pub fn queue_settings(rest: &Value) -> Value {
    let mut out = Map::new();
    if let Some(tier) = text(rest, "jobTier").filter(|t| !t.is_empty()) {
        out.insert("job_tier".into(), tier.to_lowercase().into());
    }
    let priority = match rest.get("priority").and_then(Value::as_i64) {
        Some(1) => Some("low"),
        Some(2) => Some("medium"),
        Some(3) => Some("high"),
        _ => None,
    };
    if let Some(priority) = priority {
        out.insert("priority".into(), priority.into());
    }
    Value::Object(out)
}
