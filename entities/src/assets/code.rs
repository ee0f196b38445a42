//! `CodeAsset` as a document: `load_code` (the schema, then `Code.__init__`:
//! the name/version rule, the path resolved), `Code._to_rest_object` (the
//! content hash of local code) and `_from_rest_object`.

use std::path::Path;

use azml::document::{Document, Kind};
use azml::validate::Issue;
use azml::{RestError, Value};

use crate::fields::content_hash::{content_hash, CONTENT_HASH_VERSION};
use crate::fields::{AssetPath, Version};
use crate::generated::{AnyDict, CodeAsset, CodeVersionProperties, CodeVersionResource};

impl Document for CodeAsset {
    const KIND: Kind = Kind::new::<Self>(Self::KIND_SPEC);

    /// Loads a code asset held as a JSON value; a local `path` resolves
    /// against `base` (it need not exist).
    ///
    /// # Errors
    /// Every issue of the schema, with its JSON pointer; then a version
    /// without a name.
    fn from_value(value: &Value, base: &Path) -> Result<Self, Vec<Issue>> {
        let mut code: Self = azml::load::from_value(value)?;
        let issues = super::check_name_version(code.name.as_deref(), code.version.as_ref());
        if !issues.is_empty() {
            return Err(issues);
        }
        if let Some(path) = code.path.as_mut() {
            path.resolve(base);
        }
        Ok(code)
    }

    /// The request body of `Code._to_rest_object()`: the URI, and for an
    /// absolute path the content hash (`hash_sha256`, `None` when nothing
    /// is there, and `hash_version`); no name, version, tags or description.
    ///
    /// # Errors
    /// A local relative `path`, which azure-ai-ml uploads first; a folder
    /// whose content hash azml cannot reproduce (it has an ignore file).
    fn to_rest(&self) -> Result<Value, RestError> {
        let code_uri = self
            .path
            .as_ref()
            .map(|p| super::rest_uri(p, "code asset", "properties.codeUri"))
            .transpose()?;
        let mut properties = AnyDict::default();
        if let Some(path) = self.path.as_ref().filter(|p| p.text().starts_with('/')) {
            let hash = content_hash(Path::new(path.text()))
                .map_err(|e| RestError::new(e).at("properties.properties.hash_sha256"))?;
            properties.insert(
                "hash_sha256".into(),
                hash.map_or(Value::Null, Value::String),
            );
            properties.insert("hash_version".into(), CONTENT_HASH_VERSION.into());
        }
        let body = CodeVersionResource {
            id: None,
            properties: CodeVersionProperties {
                code_uri,
                is_anonymous: Some(super::is_anonymous(
                    self.name.as_deref(),
                    self.version.as_ref(),
                )),
                properties: Some(properties),
            },
        };
        super::to_value(&body)
    }

    /// `Code._from_rest_object` of a service response: name and version
    /// from its `id`, the URI as the path.
    ///
    /// # Errors
    /// A body that is not a code version, or has no `id`.
    fn from_rest(rest: &Value) -> Result<Self, RestError> {
        let body: CodeVersionResource = super::read_rest(rest)?;
        let (name, version) = super::name_version(body.id.as_deref())?;
        Ok(CodeAsset {
            name: Some(name),
            version: Some(Version(version)),
            tags: Some(AnyDict::default()),
            path: body
                .properties
                .code_uri
                .map(|uri| AssetPath::from_value(&Value::String(uri)))
                .transpose()
                .map_err(RestError::new)?,
            ..CodeAsset::default()
        })
    }

    /// `Code.dump()` (`Asset.dump`).
    fn to_yaml(&self) -> String {
        super::dump_yaml(self)
    }
}
