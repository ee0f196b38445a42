//! The environment, model, data and code assets as documents: what their
//! loaders (`load_environment`, `load_model`, `load_data`, `load_code`) do
//! beyond the schema (the constructors: files read, paths resolved, the
//! name/version rule), their REST bodies (`_to_rest_object()`, hand-written
//! in Python too) and reading those back (`_from_rest_object`). The YAML
//! and REST shapes are in `specs/assets.schema.json`.

mod code;
mod data;
mod environment;
mod model;

use azml::validate::Issue;
use azml::{RestError, Value};

use crate::fields::AssetPath;

/// `Asset.__init__`: a version without a name is refused (path `""`, as the
/// constructor's exception has no field). Without both, azure-ai-ml names
/// the asset with a random GUID and registers it anonymously; azml leaves
/// the name out ([`is_anonymous`]).
fn check_name_version(name: Option<&str>, version: Option<&crate::fields::Version>) -> Vec<Issue> {
    if version.is_some() && name.is_none_or(str::is_empty) {
        vec![Issue::new(
            "",
            "If version is specified, name must be specified also.",
        )]
    } else {
        Vec::new()
    }
}

/// Whether `Asset.__init__` makes the asset anonymous: no name, no version.
fn is_anonymous(name: Option<&str>, version: Option<&crate::fields::Version>) -> bool {
    name.is_none_or(str::is_empty) && version.is_none()
}

/// The URI the REST body takes for `path` (`field`, e.g. `properties.codeUri`),
/// or why there is none offline: a local path azure-ai-ml uploads first.
fn rest_uri(path: &AssetPath, what: &str, field: &str) -> Result<String, RestError> {
    if !path.is_local() {
        return Ok(path.text().to_owned());
    }
    let local = std::path::Path::new(path.text());
    let form = if local.is_dir() {
        "folder"
    } else if local.is_file() {
        "file"
    } else {
        "path (which does not exist)"
    };
    Err(RestError::new(format!(
        "the local {form} {} would be uploaded as the {what}'s content first; \
         the request body takes the datastore URI of the upload, which needs a workspace",
        path.text()
    ))
    .at(field))
}

/// The name and version in the `id` of a service response
/// (`AMLVersionedArmId`: a workspace ARM id or a registry URI of a version).
///
/// # Errors
/// No `id` (a request body names no asset), or one of another form.
fn name_version(id: Option<&str>) -> Result<(String, String), RestError> {
    let id = id.ok_or_else(|| {
        RestError::new(
            "no `id`: a request body does not name its asset; a service response does \
             (.../<assets>/<name>/versions/<version>)",
        )
        .at("id")
    })?;
    let parts: Vec<&str> = id.trim_start_matches('/').split('/').collect();
    let found = match parts.as_slice() {
        ["subscriptions", _, "resourceGroups", _, "providers", _, "workspaces", _, _, name, "versions", version, ..]
            if id.trim_start_matches('/').starts_with("subscriptions/") =>
        {
            Some((name, version))
        }
        ["azureml:", "", "registries", _, _, name, "versions", version, ..] => {
            Some((name, version))
        }
        _ => None,
    };
    match found {
        Some((name, version)) if !name.is_empty() && !version.is_empty() => {
            Ok(((*name).to_owned(), (*version).to_owned()))
        }
        _ => Err(RestError::new(format!("Invalid AzureML ARM versioned Id {id}")).at("id")),
    }
}

/// `Asset.dump()`: `yaml.dump` of the dict with its keys sorted (not the
/// `_to_ordered_dict_for_yaml_dump` order of components and jobs).
fn dump_yaml<T: azml::DictMixin>(asset: &T) -> String {
    azml_pyio::pyyaml::dump(&asset.to_dict(), true)
}

/// An enum's wire text (`linux`, `custom_model`).
fn wire<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}

/// An enum read from its wire text in a REST body's `field`.
fn from_wire<T: serde::de::DeserializeOwned>(text: &str, field: &str) -> Result<T, RestError> {
    serde_json::from_value(Value::String(text.to_owned()))
        .map_err(|e| RestError::new(e.to_string()).at(field))
}

/// A REST body as JSON (the REST types serialize as their dicts: `None` left out).
fn to_value<T: serde::Serialize>(body: &T) -> Result<Value, RestError> {
    serde_json::to_value(body).map_err(|e| RestError::new(e.to_string()))
}

/// A REST body read as its type, every problem reported.
fn read_rest<T: serde::de::DeserializeOwned + azml::validate::Validate>(
    rest: &Value,
) -> Result<T, RestError> {
    azml::load::from_value(rest).map_err(|issues| RestError::of_issues(&issues))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_versions_from_ids() {
        let arm = "/subscriptions/s/resourceGroups/r/providers/Microsoft.MachineLearningServices/workspaces/w/environments/my-env/versions/3";
        assert_eq!(name_version(Some(arm)), Ok(("my-env".into(), "3".into())));
        let registry = "azureml://registries/reg/models/m/versions/1";
        assert_eq!(name_version(Some(registry)), Ok(("m".into(), "1".into())));
        assert!(name_version(Some("my-env:1")).is_err());
        assert!(name_version(None).is_err());
    }
}
