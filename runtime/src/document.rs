//! The entity trait every top-level kind of Azure ML document implements
//! ([`Document`]), the description of a kind ([`Kind`]), and the registry
//! that decides which kind a YAML file is ([`Registry`]).
//!
//! A kind implements four things — how to load it from a value, its
//! `_to_dict()` (through [`DictMixin`]), its REST body, and how to read that
//! back; the YAML entry points, `_to_yaml()` and the type-erased view the
//! command line works with come from the default methods here.

mod detect;
mod registry;
mod yaml_order;

pub use detect::Markers;
pub use registry::{AnyDocument, Registry};
pub use yaml_order::ordered_for_yaml;

use std::path::Path;

use azml_pyio::yaml;

use crate::load::{located, LoadError};
use crate::validate::Issue;
use crate::{DictMixin, RestError, Value};

/// Loads a parsed document of one kind behind the type-erased view.
pub type LoadFn = fn(&yaml::Document, &Path) -> Result<Box<dyn AnyDocument>, LoadError>;

/// What a kind is called and how a document is recognised as one, as a
/// spec declares it with `x-azml-kind` (the generator emits it as the
/// type's `KIND_SPEC`).
#[derive(Debug, Clone, Copy)]
pub struct KindSpec {
    /// A short name for messages and summaries (`parallel component`).
    pub name: &'static str,
    /// The azure-ai-ml function that loads the kind (`load_component`).
    pub loader: &'static str,
    /// How a document is recognised as this kind.
    pub markers: Markers,
}

/// A kind of document: its [`KindSpec`] and how to load one.
#[derive(Debug, Clone, Copy)]
pub struct Kind {
    /// A short name for messages and summaries (`parallel component`).
    pub name: &'static str,
    /// The azure-ai-ml function that loads the kind (`load_component`).
    pub loader: &'static str,
    /// How a document is recognised as this kind.
    pub markers: Markers,
    /// Loads a document of this kind behind the type-erased view.
    pub load: LoadFn,
}

impl Kind {
    /// The kind of document type `T` described by `spec`.
    pub const fn new<T: Document>(spec: KindSpec) -> Kind {
        Kind {
            name: spec.name,
            loader: spec.loader,
            markers: spec.markers,
            load: load_boxed::<T>,
        }
    }
}

/// A top-level Azure ML document (a component, a job, an asset, …): loaded
/// from YAML as azure-ai-ml's loader does, dumped as `_to_dict()` (the
/// [`DictMixin::to_dict`] of the type), as YAML, and as its REST body.
pub trait Document: DictMixin + Sized + Send + Sync + 'static {
    /// The kind: its name, loader and markers.
    const KIND: Kind;

    /// Loads a document held as a JSON value; relative paths resolve against
    /// `base` (the folder of the file it came from).
    ///
    /// # Errors
    /// Every issue, each with its JSON pointer.
    fn from_value(value: &Value, base: &Path) -> Result<Self, Vec<Issue>>;

    /// The REST request body azure-ai-ml sends for it
    /// (`_to_rest_object()` serialized as its REST client does).
    ///
    /// # Errors
    /// A [`RestError`] naming the field that cannot be translated, or saying
    /// why the kind has no REST body of its own.
    fn to_rest(&self) -> Result<Value, RestError>;

    /// The document read back from its REST body (`_from_rest_object`).
    ///
    /// # Errors
    /// A [`RestError`] naming the field that cannot be read.
    fn from_rest(rest: &Value) -> Result<Self, RestError>;

    /// What azure-ai-ml's `_validate()` finds beyond loading; empty when
    /// the kind has no such checks.
    fn validate(&self) -> Vec<Issue> {
        Vec::new()
    }

    /// The normalized YAML: PyYAML's dump of the dict in the key order of
    /// azure-ai-ml's YAML dumps ([`ordered_for_yaml`], as `_to_yaml()` gives
    /// it where the kind has one).
    fn to_yaml(&self) -> String {
        azml_pyio::pyyaml::dump(&ordered_for_yaml(self.to_dict()), false)
    }

    /// Loads an already parsed document.
    ///
    /// # Errors
    /// Every problem, each with its place.
    fn from_document(doc: &yaml::Document, base: &Path) -> Result<Self, LoadError> {
        Self::from_value(&doc.value, base).map_err(|issues| located(doc, &issues))
    }

    /// Loads a document from YAML text; relative paths resolve against `base`.
    ///
    /// # Errors
    /// Every problem, each with its line, column and field path.
    fn from_yaml_str(text: &str, base: impl AsRef<Path>) -> Result<Self, LoadError> {
        let doc = yaml::parse_str(text)?;
        Self::from_document(&doc, base.as_ref())
    }

    /// Loads a YAML file; relative paths resolve against its folder.
    ///
    /// # Errors
    /// Every problem, each with `file:line:col` and field path.
    fn from_yaml_path(path: impl AsRef<Path>) -> Result<Self, LoadError> {
        let path = path.as_ref();
        let doc = yaml::parse_path(path)?;
        let base = path.parent().unwrap_or_else(|| Path::new("."));
        Self::from_document(&doc, base)
    }
}

/// [`Kind::load`] for a document type.
pub fn load_boxed<T: Document>(
    doc: &yaml::Document,
    base: &Path,
) -> Result<Box<dyn AnyDocument>, LoadError> {
    T::from_document(doc, base).map(|d| Box::new(d) as Box<dyn AnyDocument>)
}
