//! Reading a node's REST form back (`Parallel._from_rest_object`): the
//! inverse of [`ParallelNode::to_rest`], so that a node survives the round
//! trip. A flow component's spec is read back as a flow component
//! (azure-ai-ml refuses to read one). azure-ai-ml passes `partition_keys`
//! through `json.dumps` here instead of `json.loads`, encoding it a second
//! time; azml decodes it (both listed in docs/parity.md).

use std::path::Path;

use serde_json::{json, Map};

use crate::component::ComponentSource;
use crate::generated::ParallelNode;
use crate::parallel::{FlowComponent, NodeComponent};
use azml::{RestError, Value};

/// REST delivery modes back to YAML modes (`INPUT_MOUNT_MAPPING_FROM_REST`
/// and the output one).
fn yaml_mode(mode: &str) -> Option<&'static str> {
    Some(match mode {
        "ReadOnlyMount" => "ro_mount",
        "ReadWriteMount" => "rw_mount",
        "Download" => "download",
        "EvalMount" => "eval_mount",
        "EvalDownload" => "eval_download",
        "Direct" => "direct",
        "Upload" => "upload",
        _ => return None,
    })
}

fn with_mode(mut out: Map<String, Value>, rest: &Value) -> Value {
    if let Some(mode) = rest.get("mode").and_then(Value::as_str).and_then(yaml_mode) {
        out.insert("mode".into(), mode.into());
    }
    Value::Object(out)
}

/// An input's REST form back to its YAML form.
fn input(rest: &Value) -> Value {
    let ty = rest.get("job_input_type").and_then(Value::as_str);
    match (ty, rest.get("value"), rest.get("uri")) {
        (Some("literal"), Some(value), _) => {
            let binding = value
                .as_str()
                .is_some_and(crate::fields::binding::is_binding);
            if binding && rest.get("mode").is_some() {
                with_mode(Map::from_iter([("path".to_owned(), value.clone())]), rest)
            } else {
                value.clone()
            }
        }
        (Some(ty), _, uri) => {
            let mut out = Map::new();
            out.insert("type".into(), ty.into());
            if let Some(uri) = uri.and_then(Value::as_str) {
                out.insert("path".into(), with_asset_prefix(uri).into());
            }
            with_mode(out, rest)
        }
        _ => rest.clone(),
    }
}

/// An output's REST form back to its YAML form.
fn output(rest: &Value) -> Value {
    if rest.get("type").and_then(Value::as_str) == Some("literal") {
        let value = rest.get("value").cloned().unwrap_or(Value::Null);
        if rest.get("mode").is_none() {
            return value;
        }
        return with_mode(Map::from_iter([("path".to_owned(), value)]), rest);
    }
    let mut out = Map::new();
    for key in ["name", "version"] {
        if let Some(v) = rest.get(key) {
            out.insert(key.into(), v.clone());
        }
    }
    if let Some(ty) = rest.get("job_output_type") {
        out.insert("type".into(), ty.clone());
    }
    // An output's path is sent as written.
    if let Some(uri) = rest.get("uri") {
        out.insert("path".into(), uri.clone());
    }
    with_mode(out, rest)
}

/// A stored asset path (`my-data:1`) gets its `azureml:` prefix back;
/// URIs, local paths and bindings are read back unchanged by the node.
fn with_asset_prefix(uri: &str) -> String {
    let is_asset = !uri.contains("://")
        && !uri.starts_with('.')
        && !uri.starts_with('/')
        && !crate::fields::binding::is_binding(uri);
    if is_asset && uri.contains([':', '@']) {
        format!("azureml:{uri}")
    } else {
        uri.to_owned()
    }
}

/// A node's identity back from its REST spelling.
fn identity(rest: &Value) -> Value {
    let ty = match rest.get("identity_type").and_then(Value::as_str) {
        Some("Managed") => "managed",
        Some("UserIdentity") => "user_identity",
        Some("AMLToken") => "aml_token",
        _ => return rest.clone(),
    };
    let mut out = Map::from_iter([("type".to_owned(), Value::from(ty))]);
    for (from, to) in [
        ("client_id", "client_id"),
        ("object_id", "object_id"),
        ("resource_id", "msi_resource_id"),
    ] {
        if let Some(v) = rest.get(from) {
            out.insert(to.into(), v.clone());
        }
    }
    Value::Object(out)
}

/// The component a node's `componentId` names: a registered id gets its
/// `azureml:` prefix back; an unregistered component's body becomes its spec.
fn component(rest: &Value) -> Result<Value, RestError> {
    match rest {
        Value::String(id) if id.starts_with("azureml:") => Ok(rest.clone()),
        Value::String(id) => Ok(Value::String(format!("azureml:{id}"))),
        Value::Object(_) => {
            let mut spec = rest
                .pointer("/properties/componentSpec")
                .cloned()
                .ok_or_else(|| {
                    RestError::new("missing properties.componentSpec").at("componentId")
                })?;
            if let Some(map) = spec.as_object_mut() {
                map.shift_remove("_source");
                if let Some(Value::String(text)) = map.get("partition_keys") {
                    let keys: Value = serde_json::from_str(text).map_err(|e| {
                        RestError::new(e.to_string())
                            .at("partition_keys")
                            .at("componentId")
                    })?;
                    map.insert("partition_keys".into(), keys);
                }
            }
            Ok(spec)
        }
        other => Ok(other.clone()),
    }
}

impl ParallelNode {
    /// Reads a node's REST form (as [`ParallelNode::to_rest`] writes it)
    /// back into a node; local paths resolve against `base`.
    ///
    /// # Errors
    /// A [`RestError`] naming the field that cannot be read back.
    pub fn from_rest(rest: &Value, base: &Path) -> Result<Self, RestError> {
        let map = rest
            .as_object()
            .ok_or_else(|| RestError::new("a node's REST form is an object"))?;
        let mut node = Map::new();
        let mut flow = None;
        let source = map
            .get("componentId")
            .and_then(|c| c.pointer("/properties/componentSpec/_source"))
            .and_then(Value::as_str)
            .and_then(ComponentSource::parse);
        for (key, value) in map {
            let value = match key.as_str() {
                "name" | "_source" => continue,
                "computeId" => {
                    node.insert("compute".into(), value.clone());
                    continue;
                }
                "componentId" => {
                    match value.pointer("/properties/componentSpec") {
                        Some(spec) if FlowComponent::is_rest_spec(spec) => {
                            flow = Some(FlowComponent::from_rest_spec(spec).map_err(|e| {
                                e.at("componentSpec").at("properties").at("componentId")
                            })?);
                        }
                        _ => {
                            node.insert("component".into(), component(value)?);
                        }
                    }
                    continue;
                }
                "inputs" => json!(value.as_object().map(|m| m
                    .iter()
                    .map(|(k, v)| (k.clone(), input(v)))
                    .collect::<Map<_, _>>())),
                "outputs" => json!(value.as_object().map(|m| m
                    .iter()
                    .map(|(k, v)| (k.clone(), output(v)))
                    .collect::<Map<_, _>>())),
                "identity" => identity(value),
                "mini_batch_size" => match value {
                    Value::Number(n) => Value::String(n.to_string()),
                    other => other.clone(),
                },
                "partition_keys" => match value {
                    Value::String(text) => serde_json::from_str(text)
                        .map_err(|e| RestError::new(e.to_string()).at("partition_keys"))?,
                    other => other.clone(),
                },
                _ => value.clone(),
            };
            node.insert(key.clone(), value);
        }
        let flow = flow.map(|f| NodeComponent::Flow(Box::new(f)));
        let mut node = ParallelNode::load(&Value::Object(node), base, flow)
            .and_then(|node| node.translate(base, &Default::default()))
            .map_err(|issues| RestError::of_issues(&issues))?;
        if let (Some(NodeComponent::Loaded(_, loaded_source)), Some(source)) =
            (node.component.as_mut(), source)
        {
            *loaded_source = source;
        }
        Ok(node)
    }
}
