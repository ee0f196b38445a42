//! `ModelAsset` as a document: `load_model` (the schema, then
//! `Model.__init__`: the path resolved, empty flavors and templates
//! dropped), `Model._to_rest_object` and `_from_rest_object`.

use std::path::Path;

use azml::document::{Document, Kind};
use azml::validate::Issue;
use azml::{OrderedMap, RestError, Value};

use crate::fields::{AssetPath, Version};
use crate::generated::{
    AnyDict, DeploymentTemplateReference, FlavorData, ModelAsset, ModelVersionProperties,
    ModelVersionResource, RestDeploymentTemplateReference,
};

impl Document for ModelAsset {
    const KIND: Kind = Kind::new::<Self>(Self::KIND_SPEC);

    /// Loads a model held as a JSON value; a local `path` resolves against
    /// `base`.
    ///
    /// # Errors
    /// Every issue of the schema, with its JSON pointer.
    fn from_value(value: &Value, base: &Path) -> Result<Self, Vec<Issue>> {
        let mut model: Self = azml::load::from_value(value)?;
        if let Some(path) = model.path.as_mut() {
            path.resolve(base);
        }
        // `dict(flavors) if flavors else None`, and the same for the list.
        model.flavors = model.flavors.take().filter(|f| !f.is_empty());
        model.allowed_deployment_templates = model
            .allowed_deployment_templates
            .take()
            .filter(|t| !t.is_empty());
        Ok(model)
    }

    /// The request body of `Model._to_rest_object()`: tags and properties
    /// as `str()` of each value that is not `None`, each flavor under
    /// `data`, no `stage` beside a deployment template.
    ///
    /// # Errors
    /// A local `path` (uploaded first), or a flavor that is not a mapping.
    fn to_rest(&self) -> Result<Value, RestError> {
        let has_template = self.default_deployment_template.is_some()
            || self.allowed_deployment_templates.is_some();
        let flavors = match &self.flavors {
            Some(flavors) => Some(
                flavors
                    .iter()
                    .map(|(name, flavor)| match flavor {
                        Value::Object(data) => Ok((
                            name.clone(),
                            FlavorData {
                                data: Some(
                                    data.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
                                ),
                            },
                        )),
                        other => Err(RestError::new(not_a_mapping(other))
                            .at(&format!("properties.flavors.{name}"))),
                    })
                    .collect::<Result<OrderedMap<FlavorData>, RestError>>()?,
            ),
            None => None,
        };
        let template = |t: &DeploymentTemplateReference| RestDeploymentTemplateReference {
            asset_id: t.asset_id.clone(),
        };
        let body = ModelVersionResource {
            id: None,
            properties: ModelVersionProperties {
                description: self.description.clone(),
                tags: self.tags.as_ref().map(strings),
                properties: self.properties.as_ref().map(strings),
                flavors,
                model_type: self.r#type.map(|t| super::wire(&t)),
                model_uri: self
                    .path
                    .as_ref()
                    .map(|p| super::rest_uri(p, "model", "properties.modelUri"))
                    .transpose()?,
                stage: self.stage.clone().filter(|_| !has_template),
                is_anonymous: Some(false),
                is_archived: Some(false),
                default_deployment_template: self
                    .default_deployment_template
                    .as_ref()
                    .map(template),
                allowed_deployment_templates: self
                    .allowed_deployment_templates
                    .as_ref()
                    .map(|l| l.iter().map(template).collect()),
            },
        };
        super::to_value(&body)
    }

    /// `Model._from_rest_object` of a service response: name and version
    /// from its `id`, the flavors' `data` unwrapped.
    ///
    /// # Errors
    /// A body that is not a model version, or has no `id`.
    fn from_rest(rest: &Value) -> Result<Self, RestError> {
        let body: ModelVersionResource = super::read_rest(rest)?;
        let (name, version) = super::name_version(body.id.as_deref())?;
        let p = body.properties;
        let texts = |m: Option<OrderedMap<String>>| -> AnyDict {
            m.unwrap_or_default()
                .into_iter()
                .map(|(k, v)| (k, Value::String(v)))
                .collect()
        };
        let back = |t: RestDeploymentTemplateReference| DeploymentTemplateReference {
            asset_id: t.asset_id,
        };
        Ok(ModelAsset {
            name,
            r#type: p
                .model_type
                .map(|t| super::from_wire(&t, "properties.modelType"))
                .transpose()?,
            path: p
                .model_uri
                .map(|uri| AssetPath::from_value(&Value::String(uri)))
                .transpose()
                .map_err(RestError::new)?,
            version: Some(Version(version)),
            description: p.description,
            properties: Some(texts(p.properties)),
            tags: Some(texts(p.tags)),
            stage: p.stage,
            flavors: p.flavors.map(|f| {
                f.into_iter()
                    .map(|(k, flavor)| {
                        let data = flavor.data.unwrap_or_default();
                        (k, Value::Object(data.into_iter().collect()))
                    })
                    .collect()
            }),
            default_deployment_template: p.default_deployment_template.map(back),
            allowed_deployment_templates: p
                .allowed_deployment_templates
                .map(|l| l.into_iter().map(back).collect()),
            ..ModelAsset::default()
        })
    }

    /// `Model.dump()` (`Asset.dump`).
    fn to_yaml(&self) -> String {
        super::dump_yaml(self)
    }
}

/// Why Python's `dict(value)` fails for a flavor that is not a mapping.
fn not_a_mapping(value: &Value) -> String {
    let scalar = match value {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => {
            return "dictionary update sequence element #0 has length 1; 2 is required".into()
        }
        _ => return "cannot convert dictionary update sequence element #0 to a sequence".into(),
    };
    format!("'{scalar}' object is not iterable")
}

/// `{k: str(v) for k, v in d.items() if v is not None}`.
fn strings(dict: &AnyDict) -> OrderedMap<String> {
    dict.iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| (k.clone(), azml_pyio::py_repr::str_of(v)))
        .collect()
}
