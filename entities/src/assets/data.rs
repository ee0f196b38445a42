//! `DataAsset` as a document: `load_data` (the schema, then `Data.__init__`:
//! the name/version rule, the path resolved, a `uri_folder`'s path made a
//! folder path), `Data._to_rest_object` and `_from_rest_object`.

use std::path::Path;

use azml::document::{Document, Kind};
use azml::validate::Issue;
use azml::{RestError, Value};

use crate::fields::{AssetPath, DumpOnlyDict, Version};
use crate::generated::{
    AnyDict, AutoDeleteSetting, DataAsset, DataType, DataVersionProperties, DataVersionResource,
};

impl Document for DataAsset {
    const KIND: Kind = Kind::new::<Self>(Self::KIND_SPEC);

    /// Loads a data asset held as a JSON value; a local `path` resolves
    /// against `base`.
    ///
    /// # Errors
    /// Every issue of the schema, with its JSON pointer; then a version
    /// without a name.
    fn from_value(value: &Value, base: &Path) -> Result<Self, Vec<Issue>> {
        let mut data: Self = azml::load::from_value(value)?;
        let issues = super::check_name_version(data.name.as_deref(), data.version.as_ref());
        if !issues.is_empty() {
            return Err(issues);
        }
        data.path.resolve(base);
        if data.r#type == Some(DataType::UriFolder) {
            data.path.as_folder();
        }
        Ok(data)
    }

    /// The request body of `Data._to_rest_object()`.
    ///
    /// # Errors
    /// A local `path`, which azure-ai-ml uploads first.
    fn to_rest(&self) -> Result<Value, RestError> {
        let body = DataVersionResource {
            id: None,
            properties: DataVersionProperties {
                description: self.description.clone(),
                is_anonymous: Some(super::is_anonymous(
                    self.name.as_deref(),
                    self.version.as_ref(),
                )),
                tags: self.tags.clone(),
                is_archived: Some(false),
                properties: Some(Default::default()),
                data_uri: Some(super::rest_uri(
                    &self.path,
                    "data asset",
                    "properties.dataUri",
                )?),
                data_type: self.r#type.map(|t| super::wire(&t)),
                auto_delete_setting: self.auto_delete_setting.as_ref().map(|a| {
                    let condition = a.condition.map(|c| super::wire(&c));
                    AnyDict::from_iter([
                        (
                            "condition".to_owned(),
                            condition.map_or(Value::Null, Value::String),
                        ),
                        (
                            "value".to_owned(),
                            a.value.clone().map_or(Value::Null, Value::String),
                        ),
                    ])
                }),
            },
        };
        super::to_value(&body)
    }

    /// `Data._from_rest_object` of a service response: name and version
    /// from its `id`.
    ///
    /// # Errors
    /// A body that is not a data version.
    fn from_rest(rest: &Value) -> Result<Self, RestError> {
        let body: DataVersionResource = super::read_rest(rest)?;
        let (name, version) = super::name_version(body.id.as_deref())?;
        let p = body.properties;
        let uri = p.data_uri.unwrap_or_default();
        Ok(DataAsset {
            schema: None,
            name: Some(name),
            id: None,
            creation_context: None,
            latest_version: None,
            datastore: None,
            description: p.description,
            tags: Some(p.tags.unwrap_or_default()),
            version: Some(Version(version)),
            auto_delete_setting: p
                .auto_delete_setting
                .map(|a| -> Result<AutoDeleteSetting, RestError> {
                    let text = |key: &str| a.get(key).and_then(Value::as_str).map(str::to_owned);
                    Ok(AutoDeleteSetting {
                        value: text("value"),
                        condition: text("condition")
                            .map(|c| super::from_wire(&c, "properties.autoDeleteSetting.condition"))
                            .transpose()?,
                    })
                })
                .transpose()?,
            path: AssetPath::from_value(&Value::String(uri)).map_err(RestError::new)?,
            properties: Some(DumpOnlyDict),
            r#type: p
                .data_type
                .map(|t| super::from_wire(&t, "properties.dataType"))
                .transpose()?,
        })
    }

    /// `Data.dump()` (`Asset.dump`).
    fn to_yaml(&self) -> String {
        super::dump_yaml(self)
    }
}
