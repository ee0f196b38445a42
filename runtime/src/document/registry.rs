//! The registry of kinds: which kinds a program knows, which one a YAML
//! document is, and a type-erased view of a loaded document, so that a
//! command line works with every kind without naming any.

use std::any::Any;
use std::path::Path;

use azml_pyio::yaml;

use super::detect::{candidates, schema_hint, Hint};
use super::{Document, Kind};
use crate::load::LoadError;
use crate::validate::Issue;
use crate::{RestError, Value};

/// A loaded document of any kind, behind one object-safe view; documents
/// are plain data, so they can be sent and shared between threads.
pub trait AnyDocument: Any + Send + Sync {
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

/// The kinds a program knows. A document is judged by the loader that can
/// accept it (`docs/layout-rules.md` §2.4): the kind `load_component` would
/// build and the kind `load_job` would build are tried; the one that loads
/// wins. When both load, or both refuse the content, `$schema`'s last
/// segment decides (`…Component…` or `…Job…`), else the job when both load
/// and the component when the file has a `name`. Kinds of other loaders
/// are recognised by their [`Markers`](super::Markers).
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

    /// The kind a YAML value is taken for without loading it (when both a
    /// component and a job kind could judge it, the one its `$schema`
    /// names, else the job), or `None` when no known kind fits.
    pub fn detect(&self, value: &Value) -> Option<&'static Kind> {
        let c = candidates(self.kinds, value);
        match (c.component, c.job) {
            (Some(component), Some(job)) => Some(match schema_hint(value) {
                Hint::Component => component,
                _ => job,
            }),
            (Some(kind), None) | (None, Some(kind)) => Some(kind),
            (None, None) => c.other,
        }
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
        let c = candidates(self.kinds, &doc.value);
        let (component, job) = match (c.component, c.job) {
            (Some(component), Some(job)) => (component, job),
            (Some(kind), None) | (None, Some(kind)) => return Some((kind.load)(doc, base)),
            (None, None) => return c.other.map(|kind| (kind.load)(doc, base)),
        };
        let hint = schema_hint(&doc.value);
        Some(match ((component.load)(doc, base), (job.load)(doc, base)) {
            (Ok(loaded), Err(_)) | (Err(_), Ok(loaded)) => Ok(loaded),
            (Ok(as_component), Ok(as_job)) => Ok(if hint == Hint::Component {
                as_component
            } else {
                as_job
            }),
            (Err(as_component), Err(as_job)) => {
                let named = doc.value.get("name").is_some();
                Err(match hint {
                    Hint::Component => as_component,
                    Hint::Job => as_job,
                    Hint::None if named => as_component,
                    Hint::None => as_job,
                })
            }
        })
    }
}
