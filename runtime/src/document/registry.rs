//! The registry of kinds: which kinds a program knows, which one a YAML
//! document is, and a type-erased view of a loaded document, so that a
//! command line works with every kind without naming any.

use std::any::Any;
use std::path::Path;

use azml_pyio::yaml;

use super::{Document, Kind};
use crate::load::LoadError;
use crate::validate::Issue;
use crate::{RestError, Value};

/// A loaded document of any kind, behind one object-safe view.
pub trait AnyDocument: Any {
    /// Its kind.
    fn kind(&self) -> Kind;
    /// azure-ai-ml's `_to_dict()`.
    fn to_dict(&self) -> Value;
    /// The normalized YAML.
    fn to_yaml(&self) -> String;
    /// The REST request body, or why there is none.
    ///
    /// # Errors
    /// See [`Document::to_rest`].
    fn to_rest(&self) -> Result<Value, RestError>;
    /// What `_validate()` finds beyond loading.
    fn validate(&self) -> Vec<Issue>;
    /// The concrete document, for downcasting.
    fn as_any(&self) -> &dyn Any;
}

impl<T: Document> AnyDocument for T {
    fn kind(&self) -> Kind {
        T::KIND
    }
    fn to_dict(&self) -> Value {
        crate::DictMixin::to_dict(self)
    }
    fn to_yaml(&self) -> String {
        Document::to_yaml(self)
    }
    fn to_rest(&self) -> Result<Value, RestError> {
        Document::to_rest(self)
    }
    fn validate(&self) -> Vec<Issue> {
        Document::validate(self)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The kinds a program knows, in order of precedence (see
/// [`Markers`](super::Markers) for how one is chosen).
#[derive(Debug, Clone, Copy)]
pub struct Registry {
    kinds: &'static [Kind],
}

impl Registry {
    /// A registry of `kinds`.
    pub const fn new(kinds: &'static [Kind]) -> Registry {
        Registry { kinds }
    }

    /// Every kind, in order of precedence.
    pub fn kinds(&self) -> &'static [Kind] {
        self.kinds
    }

    /// The kind of a loaded YAML value, or `None` when no known kind fits.
    pub fn detect(&self, value: &Value) -> Option<&'static Kind> {
        super::detect::detect(self.kinds, value)
    }

    /// The kind named `name` (`parallel component`).
    pub fn by_name(&self, name: &str) -> Option<&'static Kind> {
        self.kinds.iter().find(|k| k.name == name)
    }

    /// Loads `doc` as the kind it is; `None` when no known kind fits.
    pub fn load(
        &self,
        doc: &yaml::Document,
        base: &Path,
    ) -> Option<Result<Box<dyn AnyDocument>, LoadError>> {
        self.detect(&doc.value).map(|kind| (kind.load)(doc, base))
    }
}

/// What a document of no known kind is, for summaries: `` `command`
/// document ``, `document without a type`, `not a mapping`.
pub fn describe_unknown(value: &Value) -> String {
    match value.as_object().map(|m| m.get("type")) {
        None => "not a mapping".to_owned(),
        Some(Some(Value::String(ty))) => format!("`{ty}` document"),
        Some(Some(other)) => format!("document with a {} type", crate::validate::describe(other)),
        Some(None) => "document without a type".to_owned(),
    }
}
