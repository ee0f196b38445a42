//! `azureml:` asset references, read as azure-ai-ml's `ArmVersionedStr`
//! reads them (`_schema/core/fields.py`, `_utils/_arm_id_utils.py`).

/// The prefix of a workspace asset reference.
pub const ARM_PREFIX: &str = "azureml:";
/// The prefix of a registry asset URI.
pub const REGISTRY_PREFIX: &str = "azureml://registries/";
/// The legacy registry prefix, rewritten to [`REGISTRY_PREFIX`] on load.
pub const FEEDS_PREFIX: &str = "azureml://feeds/";

/// `ArmVersionedStr._deserialize` for field `field` of assets of type
/// `resource_type` (`codes`, `environments`): strips `azureml:` and checks the
/// rest is a versioned ARM id, `name:version`, `name@label`, or (when
/// `allow_default_version`) a bare `name`. Returns the stored value.
pub fn parse_versioned(
    value: &str,
    allow_default_version: bool,
    field: &str,
    resource_type: &str,
) -> Result<String, String> {
    let asset = field;
    let Some(arm_id) = value.strip_prefix(ARM_PREFIX) else {
        return Err(format!(
            "In order to specify an existing {asset}, please provide either of the following prefixed with 'azureml:': \
             the full ARM ID for the resource, or the short-hand name of the resource registered in the workspace, \
             e.g. azureml:<name>:<version>"
        ));
    };
    // An empty id passes `AMLVersionedArmId("")` unchecked, as in Python.
    if arm_id.is_empty() || is_versioned_arm_id(arm_id) {
        return Ok(arm_id.to_owned());
    }
    if is_arm_id_for_resource(arm_id, resource_type) {
        return Err(format!("id for {asset} is invalid"));
    }
    let unparsable = |name: &str| {
        format!("Could not parse {name}. If providing an ARM id, it should start with a '/'.")
    };
    if arm_id.contains('/') && !arm_id.starts_with('/') {
        return Err(unparsable(arm_id));
    }
    // parse_name_label: rpartition on '@'.
    let (mut name, label) = match arm_id.rfind('@') {
        Some(at) => (&arm_id[..at], &arm_id[at + 1..]),
        None => (arm_id, ""),
    };
    let mut version = "";
    if label.is_empty() {
        // parse_name_version on the whole id: the first ':' splits.
        match arm_id.split_once(':') {
            Some((n, v)) => {
                name = n;
                version = v;
            }
            None => name = arm_id,
        }
    }
    if label.is_empty() && version.is_empty() {
        return if allow_default_version {
            Ok(name.to_owned())
        } else {
            Err(format!(
                "Either version or label is not provided for {asset} or the id is not valid."
            ))
        };
    }
    if !version.is_empty() {
        Ok(format!("{name}:{version}"))
    } else {
        Ok(format!("{name}@{label}"))
    }
}

/// `ArmStr._serialize`: adds `azureml:` unless it is there.
pub fn with_prefix(value: &str) -> String {
    if value.starts_with(ARM_PREFIX) {
        value.to_owned()
    } else {
        format!("{ARM_PREFIX}{value}")
    }
}

/// `AMLVersionedArmId.REGEX_PATTERN`:
/// `^/?subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft.MachineLearningServices/workspaces/[^/]+/[^/]+/[^/]+/versions/[^/]+`
/// (anchored at the start only; the `.` before MachineLearningServices matches any character).
fn is_versioned_arm_id(id: &str) -> bool {
    let id = id.strip_prefix('/').unwrap_or(id);
    let parts: Vec<&str> = id.split('/').collect();
    parts.len() >= 11
        && parts[0] == "subscriptions"
        && !parts[1].is_empty()
        && parts[2] == "resourceGroups"
        && !parts[3].is_empty()
        && parts[4] == "providers"
        && is_ml_provider(parts[5])
        && parts[6] == "workspaces"
        && parts[7..=9].iter().all(|p| !p.is_empty())
        && parts[10] == "versions"
        && parts.get(11).is_some_and(|v| !v.is_empty())
}

fn is_ml_provider(segment: &str) -> bool {
    segment.len() == "Microsoft.MachineLearningServices".len()
        && segment.starts_with("Microsoft")
        && segment.ends_with("MachineLearningServices")
}

/// `is_ARM_id_for_resource(name, resource_type)`: `re.match`, ignoring case, of
/// `/subscriptions/.*/resourceGroups/.*/providers/Microsoft.MachineLearningServices/workspaces/.*/<type>/.*`,
/// which holds exactly when those literal parts occur in that order.
fn is_arm_id_for_resource(id: &str, resource_type: &str) -> bool {
    let lower = id.to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("/subscriptions/") else {
        return false;
    };
    let Some(at) = rest.find("/resourcegroups/") else {
        return false;
    };
    let rest = &rest[at + "/resourcegroups/".len()..];
    // `/providers/Microsoft.MachineLearningServices/workspaces/`: the `.`
    // matches any one character; any occurrence may be the one that matches.
    let head = "/providers/microsoft";
    let tail = "machinelearningservices/workspaces/";
    let after_provider = rest.match_indices(head).find_map(|(at, _)| {
        let mut chars = rest[at + head.len()..].chars();
        chars.next()?;
        chars.as_str().strip_prefix(tail)
    });
    let Some(rest) = after_provider else {
        return false;
    };
    rest.contains(&format!("/{}/", resource_type.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values: what ArmVersionedStr._deserialize returns (or raises) in
    // azure-ai-ml 1.35.2 for the same strings.
    #[test]
    fn versioned_references() {
        let ok =
            |s: &str, default: bool| parse_versioned(s, default, "environment", "environments");
        assert_eq!(ok("azureml:env:1", false).unwrap(), "env:1");
        assert_eq!(ok("azureml:env@latest", false).unwrap(), "env@latest");
        assert_eq!(ok("azureml:env", true).unwrap(), "env");
        assert!(ok("azureml:env", false).is_err());
        assert_eq!(ok("azureml:env:1:2", false).unwrap(), "env:1:2");
        assert_eq!(ok("azureml:env:", true).unwrap(), "env");
        assert!(ok("azureml:a/b:1", true).is_err());
        assert!(ok("env:1", true).is_err());
        assert_eq!(ok("azureml:", true).unwrap(), "");
        let arm = "/subscriptions/s/resourceGroups/r/providers/Microsoft.MachineLearningServices/workspaces/w/environments/e/versions/3";
        assert_eq!(ok(&format!("azureml:{arm}"), false).unwrap(), arm);
        let unversioned = "/subscriptions/s/resourceGroups/r/providers/Microsoft.MachineLearningServices/workspaces/w/environments/e";
        assert_eq!(
            ok(&format!("azureml:{unversioned}"), true).unwrap_err(),
            "id for environment is invalid"
        );
        let code_id = unversioned.replace("environments", "codes");
        assert_eq!(ok(&format!("azureml:{code_id}"), true).unwrap(), code_id);
        assert_eq!(with_prefix("env:1"), "azureml:env:1");
        assert_eq!(with_prefix("azureml:env:1"), "azureml:env:1");
    }
}
