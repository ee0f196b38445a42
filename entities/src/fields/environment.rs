//! `environment` of a parallel task: azure-ai-ml's `EnvironmentField`, a
//! union of an inline (anonymous) environment, a registry URI, and an
//! `azureml:` reference whose version may be left out.
//!
//! An inline environment dumps as `CliV2AnonymousEnvironment` whose version
//! is a hash of its content, computed exactly as
//! `Environment._generate_anonymous_name_version` does.

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::arm_id::{parse_versioned, with_prefix, REGISTRY_PREFIX};
use super::sha::sha256_hex;
use crate::generated::{Environment, EnvironmentCondaFile};
use azml::Value;

/// The name every inline environment is registered under.
pub const ANONYMOUS_ENV_NAME: &str = "CliV2AnonymousEnvironment";

/// A task's environment.
#[derive(Debug, Clone, PartialEq)]
pub enum EnvironmentRef {
    /// A workspace environment, stored without `azureml:` (`my-env:1`,
    /// `my-env@latest`, `my-env`, or an ARM id).
    Asset(String),
    /// An `azureml://registries/...` URI.
    Registry(String),
    /// An environment described in place.
    Inline(Box<Environment>),
}

impl Default for EnvironmentRef {
    fn default() -> Self {
        EnvironmentRef::Asset(String::new())
    }
}

impl EnvironmentRef {
    /// Reads a string reference as azure-ai-ml does.
    pub fn parse(s: &str) -> Result<Self, String> {
        if s.starts_with(REGISTRY_PREFIX) {
            Ok(EnvironmentRef::Registry(s.to_owned()))
        } else {
            parse_versioned(s, true, "environment", "environments").map(EnvironmentRef::Asset)
        }
    }

    /// Reads the files an inline environment names, relative to `base`:
    /// a `conda_file` path becomes its content, a build `path` absolute.
    pub fn resolve_files(&mut self, base: &Path) -> Result<(), String> {
        let EnvironmentRef::Inline(env) = self else {
            return Ok(());
        };
        if let Some(EnvironmentCondaFile::String(path)) = &env.conda_file {
            let map = match super::conda::read_conda_file(base, path)? {
                Value::Object(map) => map,
                _ => {
                    return Err(format!(
                        "{}: a conda file must be a mapping",
                        base.join(path).display()
                    ))
                }
            };
            env.conda_file = Some(EnvironmentCondaFile::Map(map.into_iter().collect()));
        }
        let mut context = None;
        if let Some(build) = &mut env.build {
            if let Some(path) = &build.path {
                if !path.contains("://") {
                    let joined = base.join(path);
                    let resolved = super::real_path::existing(&joined).unwrap_or(joined);
                    build.path = Some(resolved.to_string_lossy().replace('\\', "/"));
                    context = Some(resolved);
                }
            }
        }
        // As the constructor of an anonymous Environment: name and version
        // become the anonymous name and the content hash.
        let version = match (&context, &env.build) {
            (Some(folder), Some(build)) => build_version(
                &super::upload_hash::object_hash(folder)?,
                build.dockerfile_path.as_deref(),
            ),
            _ => anonymous_version(env),
        };
        env.name = Some(ANONYMOUS_ENV_NAME.to_owned());
        env.version = Some(super::Version(version));
        Ok(())
    }

    /// The id a job's REST body names it by (`environmentId`): the reference
    /// without `azureml:`, or the registry URI.
    ///
    /// # Errors
    /// For an inline environment, which azure-ai-ml registers before it can
    /// send the body (offline, encoding the body fails with "Object of type
    /// Environment is not JSON serializable"): a [`RestError`](azml::RestError)
    /// naming the environment that would be registered, at `environmentId`.
    pub fn rest_id(&self) -> Result<Value, azml::RestError> {
        match self {
            EnvironmentRef::Asset(id) => Ok(Value::String(id.clone())),
            EnvironmentRef::Registry(uri) => Ok(Value::String(uri.clone())),
            EnvironmentRef::Inline(env) => {
                let version = env.version.as_ref().map_or("", |v| v.0.as_str());
                Err(azml::RestError::new(format!(
                    "the inline environment would be registered first as the environment {ANONYMOUS_ENV_NAME}:{version}; the body then names it by its id"
                ))
                .at("environmentId"))
            }
        }
    }

    /// The dumped form: `azureml:<ref>`, the registry URI, or the anonymous
    /// environment dict (with `tags: {}`; component dumps drop empty dicts).
    pub fn dump(&self) -> Value {
        match self {
            EnvironmentRef::Asset(id) => Value::String(with_prefix(id)),
            EnvironmentRef::Registry(uri) => Value::String(uri.clone()),
            EnvironmentRef::Inline(env) => {
                serde_json::to_value(AnonymousDict(env)).unwrap_or(Value::Null)
            }
        }
    }
}

/// `AnonymousEnvironmentSchema` dump of an inline environment, written
/// from the environment's own fields (nothing is copied to serialize it).
struct AnonymousDict<'a>(&'a Environment);

impl Serialize for AnonymousDict<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let env = self.0;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("name", ANONYMOUS_ENV_NAME)?;
        if let Some(description) = &env.description {
            map.serialize_entry("description", description)?;
        }
        match &env.tags {
            Some(tags) => map.serialize_entry("tags", tags)?,
            None => map.serialize_entry("tags", &serde_json::Map::new())?,
        }
        match (&env.name, &env.version) {
            // Set when the environment was loaded (its files read).
            (Some(name), Some(version)) if name == ANONYMOUS_ENV_NAME => {
                map.serialize_entry("version", &version.0)?;
            }
            _ => map.serialize_entry("version", &anonymous_version(env))?,
        }
        if let Some(image) = &env.image {
            map.serialize_entry("image", image)?;
        }
        if let Some(conda) = &env.conda_file {
            map.serialize_entry("conda_file", conda_value(conda).as_ref())?;
        }
        if let Some(build) = &env.build {
            map.serialize_entry("build", &BuildDict(build))?;
        }
        if let Some(config) = &env.inference_config {
            map.serialize_entry("inference_config", config)?;
        }
        if let Some(os) = &env.os_type {
            map.serialize_entry("os_type", &os.to_lowercase())?;
        }
        map.end()
    }
}

/// An inline environment's `build`: `dockerfile_path`, then `path`.
struct BuildDict<'a>(&'a crate::generated::EnvironmentBuild);

impl Serialize for BuildDict<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        if let Some(dockerfile) = &self.0.dockerfile_path {
            map.serialize_entry("dockerfile_path", dockerfile)?;
        }
        if let Some(path) = &self.0.path {
            map.serialize_entry("path", path)?;
        }
        map.end()
    }
}

/// The conda file as the dump holds it: its content once read, else the path.
fn conda_value(conda: &EnvironmentCondaFile) -> std::borrow::Cow<'_, Value> {
    match conda {
        EnvironmentCondaFile::String(path) => std::borrow::Cow::Owned(Value::String(path.clone())),
        EnvironmentCondaFile::Map(map) => std::borrow::Cow::Owned(Value::Object(
            map.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        )),
        EnvironmentCondaFile::Other(value) => std::borrow::Cow::Borrowed(value),
    }
}

/// Python's `sep.join(s)` for a string `s`: its characters separated by `sep`.
fn python_join(sep: &str, s: &str) -> String {
    let mut out = String::with_capacity(s.len() * (sep.len() + 1));
    for (i, c) in s.chars().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// `Environment._generate_anonymous_name_version` for an image-based
/// environment. Its use of `str.join` interleaves the hashes character by
/// character; that is reproduced, since the result is the version the
/// service sees.
pub fn anonymous_version(env: &Environment) -> String {
    let mut hash = String::new();
    if let Some(image) = &env.image {
        hash = python_join(&hash, &sha256_hex(image));
        if let Some(config) = &env.inference_config {
            let config =
                Value::Object(config.iter().map(|(k, v)| (k.clone(), v.clone())).collect());
            let text = azml_pyio::pyyaml::dump(&config, true);
            hash = python_join(&hash, &sha256_hex(&text));
        }
        if let Some(conda) = &env.conda_file {
            let text = super::conda::conda_text(&conda_value(conda));
            hash = python_join(&hash, &sha256_hex(&text));
        }
    }
    sha256_hex(&hash)
}

/// `_generate_anonymous_name_version(source="build")`: from the context's
/// upload hash and, when given, the Dockerfile path (joined as Python's
/// `str.join` joins them).
fn build_version(upload_hash: &str, dockerfile_path: Option<&str>) -> String {
    let hash = sha256_hex(upload_hash);
    let joined = match dockerfile_path {
        Some(dockerfile) if !dockerfile.is_empty() => python_join(&hash, &sha256_hex(dockerfile)),
        _ => hash,
    };
    sha256_hex(&joined)
}

impl fmt::Display for EnvironmentRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.dump() {
            Value::String(s) => f.write_str(&s),
            other => write!(f, "{other}"),
        }
    }
}

impl Serialize for EnvironmentRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            EnvironmentRef::Asset(id) => serializer.serialize_str(&with_prefix(id)),
            EnvironmentRef::Registry(uri) => serializer.serialize_str(uri),
            EnvironmentRef::Inline(env) => AnonymousDict(env).serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for EnvironmentRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Value::deserialize(deserializer)? {
            Value::String(s) => EnvironmentRef::parse(&s).map_err(serde::de::Error::custom),
            other @ Value::Object(_) => serde_json::from_value::<Environment>(other)
                .map(|env| EnvironmentRef::Inline(Box::new(env)))
                .map_err(serde::de::Error::custom),
            other => Err(serde::de::Error::custom(format!(
                "expected an environment reference or mapping, got {}",
                azml::validate::describe(&other)
            ))),
        }
    }
}

impl azml::validate::Validate for EnvironmentRef {
    fn validate(value: &Value, cx: &mut azml::validate::Validator) {
        match value {
            Value::String(s) => {
                if let Err(message) = EnvironmentRef::parse(s) {
                    cx.error(message);
                }
            }
            Value::Object(_) => <Environment as azml::validate::Validate>::validate(value, cx),
            other => cx.error(format!(
                "expected an environment reference (azureml:<name>:<version>) or an inline environment, got {}",
                azml::validate::describe(other)
            )),
        }
    }
}

/// The stored attribute, as Python's `task["environment"]` gives it: the
/// reference without `azureml:`, the registry URI, or the inline environment
/// as a dict of its fields.
impl azml::DictValue for EnvironmentRef {
    fn to_value(&self) -> Value {
        match self {
            EnvironmentRef::Asset(id) => Value::String(id.clone()),
            EnvironmentRef::Registry(uri) => Value::String(uri.clone()),
            EnvironmentRef::Inline(env) => serde_json::to_value(env).unwrap_or(Value::Null),
        }
    }
    fn from_value(value: Value) -> Result<Self, azml::ValueError> {
        serde_json::from_value(value.clone())
            .or_else(|_| match &value {
                // A stored attribute has no prefix: `my-env:1`.
                Value::String(s) => EnvironmentRef::parse(&with_prefix(s)),
                _ => Err(String::new()),
            })
            .map_err(|_| azml::ValueError::new(Self::expected(), &value))
    }
    fn expected() -> std::borrow::Cow<'static, str> {
        "environment reference or inline environment".into()
    }
    /// The dump: a reference with `azureml:`, an inline environment as the
    /// anonymous environment azure-ai-ml makes of it.
    fn to_dict_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

impl azml::rest::RestAsDict for EnvironmentRef {}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    // Versions that azure-ai-ml 1.35.2 gave the same environments (see the
    // parity goldens task/env_inline_image and task/env_inline_conda).
    #[test]
    fn anonymous_versions_match_python() {
        let image_only: Environment = serde_json::from_value(
            json!({"image": "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04"}),
        )
        .unwrap();
        assert_eq!(
            anonymous_version(&image_only),
            "91c34d2adee6e59b6ff74d03d3938ae75e1c893c2696b67ec4dad15529c6b0e2"
        );
        let with_conda: Environment = serde_json::from_value(json!({
            "image": "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04",
            "conda_file": {"name": "parity-env", "channels": ["conda-forge"],
                           "dependencies": ["python=3.10", "pip", {"pip": ["pandas==2.1.0"]}]}
        }))
        .unwrap();
        assert_eq!(
            anonymous_version(&with_conda),
            "ea37c4c52e5595285921fee91ab7dc04c8eb1b7def3d10a2686e2e5cee4cced0"
        );
    }

    #[test]
    fn string_references() {
        assert_eq!(
            EnvironmentRef::parse("azureml:env:1"),
            Ok(EnvironmentRef::Asset("env:1".into()))
        );
        assert_eq!(
            EnvironmentRef::parse("azureml:env").unwrap().dump(),
            json!("azureml:env")
        );
        let uri = "azureml://registries/azureml/environments/sklearn/versions/3";
        assert_eq!(EnvironmentRef::parse(uri).unwrap().dump(), json!(uri));
        assert!(EnvironmentRef::parse("my-env:1").is_err());
    }
}
