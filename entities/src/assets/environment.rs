//! `EnvironmentAsset` as a document: `load_environment` (the schema, then
//! `Environment.__init__`: the conda file read, the build context checked),
//! `Environment._to_rest_object` (after its `validate()`) and
//! `_from_rest_object`.

use std::path::Path;

use azml::document::{Document, Kind};
use azml::validate::Issue;
use azml::{RestError, Value};

use crate::fields::{CodeKind, CodeRef, CondaFile, Version};
use crate::generated::{
    BuildContext, EnvironmentAsset, EnvironmentVersionProperties, EnvironmentVersionResource,
    InferenceConfig, InferenceContainerProperties, RestBuildContext, RestRoute, Route,
};

/// `CREATE_ENVIRONMENT_ERROR_MESSAGE` with the environment's YAML reference.
const CONDA_FILE_GIVEN: &str = "It looks like you are trying to specify a conda file for the \
    --file/-f argument. --file/-f is reserved for the Azure ML Environment definition (see schema \
    here: https://aka.ms/ml-cli-v2-environment-yaml-reference). To specify a conda file via \
    command-line argument, please use --conda-file/-c argument.";

impl Document for EnvironmentAsset {
    const KIND: Kind = Kind::new::<Self>(Self::KIND_SPEC);

    /// Loads an environment held as a JSON value; its conda file and build
    /// context resolve against `base`.
    ///
    /// # Errors
    /// Every issue, with its JSON pointer: the schema's, then a conda file
    /// that cannot be read and a build context that is not there.
    fn from_value(value: &Value, base: &Path) -> Result<Self, Vec<Issue>> {
        // `_BaseEnvironmentSchema.pre_load`: a conda file given for the
        // environment file is refused before anything else.
        if ["channels", "dependencies"]
            .iter()
            .any(|k| value.get(k).is_some())
        {
            return Err(vec![Issue::new("", CONDA_FILE_GIVEN)]);
        }
        let mut env: Self = azml::load::from_value(value)?;
        let mut issues = Vec::new();
        if let Some(conda) = env.conda_file.as_mut() {
            if let Err(message) = conda.resolve(base) {
                issues.push(Issue::new("/conda_file", message));
            }
        }
        // An empty conda file holds `None`, which the dump leaves out.
        if env.conda_file.as_ref().is_some_and(|c| c.0.is_null()) {
            env.conda_file = None;
        }
        if let Some(path) = env.build.as_mut().and_then(|b| b.path.as_mut()) {
            if let Err(message) = build_context(path, base) {
                issues.push(Issue::new("/build/path", message));
            }
        }
        if issues.is_empty() {
            Ok(env)
        } else {
            Err(issues)
        }
    }

    /// The request body of `Environment._to_rest_object()`: the conda
    /// specification as YAML text, the build context as written.
    ///
    /// # Errors
    /// What `Environment.validate()` raises first: neither an image nor a
    /// build context, or both.
    fn to_rest(&self) -> Result<Value, RestError> {
        let image = self.image.clone().filter(|i| !i.is_empty());
        if self.image.is_none() && self.build.is_none() {
            return Err(RestError::new(
                "Docker image or Dockerfile is required for environments",
            ));
        }
        if image.is_some() && self.build.is_some() {
            return Err(RestError::new(
                "Docker image or Dockerfile should be provided not both",
            ));
        }
        let config = self.inference_config.as_ref();
        let body = EnvironmentVersionResource {
            id: None,
            properties: EnvironmentVersionProperties {
                conda_file: self.conda_file.as_ref().and_then(CondaFile::text),
                image,
                build: self.build.as_ref().map(|b| RestBuildContext {
                    context_uri: b.path.as_ref().map(|p| p.value().to_owned()),
                    dockerfile_path: b.dockerfile_path.clone(),
                }),
                os_type: self.os_type.map(|os| super::wire(&os)),
                tags: self.tags.clone().filter(|t| !t.is_empty()),
                is_anonymous: Some(false),
                is_archived: Some(false),
                inference_config: config.map(|c| InferenceContainerProperties {
                    liveness_route: Some(rest_route(&c.liveness_route)),
                    scoring_route: Some(rest_route(&c.scoring_route)),
                    readiness_route: Some(rest_route(&c.readiness_route)),
                }),
                description: self.description.clone().filter(|d| !d.is_empty()),
                properties: None,
            },
        };
        super::to_value(&body)
    }

    /// `Environment._from_rest_object` of a service response: name and
    /// version from its `id`, the conda text read back as YAML.
    ///
    /// # Errors
    /// A body that is not an environment version, or has no `id`.
    fn from_rest(rest: &Value) -> Result<Self, RestError> {
        let body: EnvironmentVersionResource = super::read_rest(rest)?;
        let (name, version) = super::name_version(body.id.as_deref())?;
        let p = body.properties;
        let conda_file = match p.conda_file {
            Some(text) => Some(CondaFile(
                azml_pyio::yaml::parse_str(&text)
                    .map_err(|e| RestError::new(e.to_string()).at("properties.condaFile"))?
                    .into_value(),
            )),
            None => None,
        };
        let build = match p.build {
            Some(b) => Some(BuildContext {
                dockerfile_path: b.dockerfile_path,
                path: b
                    .context_uri
                    .map(|uri| CodeRef::classify(&uri))
                    .transpose()
                    .map_err(|e| RestError::new(e).at("properties.build.contextUri"))?,
            }),
            None => None,
        };
        let inference_config = match p.inference_config {
            Some(c) => Some(InferenceConfig {
                liveness_route: route(c.liveness_route, "livenessRoute")?,
                scoring_route: route(c.scoring_route, "scoringRoute")?,
                readiness_route: route(c.readiness_route, "readinessRoute")?,
            }),
            None => None,
        };
        Ok(EnvironmentAsset {
            name,
            version: Some(Version(version)),
            description: p.description,
            tags: Some(p.tags.unwrap_or_default()),
            build,
            image: p.image,
            conda_file,
            inference_config,
            os_type: p
                .os_type
                .map(|os| super::from_wire(&os, "properties.osType"))
                .transpose()?,
            ..EnvironmentAsset::default()
        })
    }

    /// `Environment.dump()` (`Asset.dump`).
    fn to_yaml(&self) -> String {
        super::dump_yaml(self)
    }
}

/// `BuildContextSchema.path` (`UnionField([LocalPathField(), fields.URL()])`):
/// an existing local folder or file, or an http(s)/ftp URL.
fn build_context(path: &mut CodeRef, base: &Path) -> Result<(), String> {
    match path.kind() {
        CodeKind::Local => path.resolve(base),
        CodeKind::Url => Ok(()),
        _ => Err("Not a valid URL.".to_owned()),
    }
}

fn rest_route(route: &Route) -> RestRoute {
    RestRoute {
        port: route.port.0,
        path: route.path.clone(),
    }
}

fn route(rest: Option<RestRoute>, name: &str) -> Result<Route, RestError> {
    let rest = rest.ok_or_else(|| {
        RestError::new("missing route").at(&format!("properties.inferenceConfig.{name}"))
    })?;
    Ok(Route {
        port: crate::fields::LenientInt(rest.port),
        path: rest.path,
    })
}
