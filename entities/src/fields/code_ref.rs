//! `code` of a parallel task: azure-ai-ml's `CodeField`, a union tried in
//! order: an existing local path, a URL, a `git+` URL, a registry URI, an
//! `azureml:` reference with a version or label.
//!
//! On dump an existing local path becomes an absolute POSIX path (resolved
//! against the document's folder), URLs and registry URIs stay as written,
//! and anything else gets the `azureml:` prefix — so a local path that no
//! longer exists dumps as `azureml:./src`, as in Python.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::arm_id::{parse_versioned, with_prefix, FEEDS_PREFIX, REGISTRY_PREFIX};

/// How a code reference was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodeKind {
    /// A local folder or file.
    Local,
    /// An `http(s)`/`ftp(s)` URL.
    Url,
    /// A `git+...` URL.
    Git,
    /// An `azureml://registries/...` URI.
    Registry,
    /// A workspace asset, stored without its `azureml:` prefix.
    Asset,
}

/// A task's `code`, holding what Python stores in the attribute (the
/// `azureml:` prefix stripped) and the folder that relative paths resolve against.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CodeRef {
    value: String,
    kind: CodeKind,
    /// For a local path resolved against its document's folder: its
    /// absolute POSIX path, or `None` when it does not exist. Unresolved
    /// (`None` here) paths are looked up against the working directory when
    /// dumped, as `ParallelTask._to_dict()` does for objects built in code.
    resolved: Option<Option<String>>,
}

impl CodeRef {
    /// Reads `written` as azure-ai-ml loads it, resolving local paths
    /// against `base` (the YAML file's folder); the error lists why no
    /// member of the union accepted it.
    pub fn load(written: &str, base: &Path) -> Result<Self, String> {
        let mut code = CodeRef::classify(written)?;
        if code.kind == CodeKind::Local {
            let found = resolve(base, written).map_err(|missing| {
                format!(
                    "Can't find directory or file in resolved absolute path: {}.",
                    posix(&missing)
                )
            })?;
            code.resolved = Some(Some(posix(&found)));
        }
        Ok(code)
    }

    /// The value assigned to the attribute in code (a component's top-level
    /// `code` shorthand): stored as given, never refused; a local path is
    /// not checked, and dumps as `azureml:<path>` when it does not exist.
    pub fn assigned(written: &str, base: &Path) -> Self {
        let mut code = CodeRef::classify(written).unwrap_or_else(|_| CodeRef {
            value: written.to_owned(),
            kind: CodeKind::Local,
            resolved: None,
        });
        if code.kind == CodeKind::Local {
            code.resolved = Some(resolve(base, written).ok().map(|found| posix(&found)));
        }
        code
    }

    /// Reads `written` by its form alone, without looking at the filesystem
    /// (what serde deserialization does; [`CodeRef::load`] also checks paths).
    pub fn classify(written: &str) -> Result<Self, String> {
        let (value, kind) = if let Some(rest) = written.strip_prefix(FEEDS_PREFIX) {
            (format!("{REGISTRY_PREFIX}{rest}"), CodeKind::Registry)
        } else if written.starts_with(REGISTRY_PREFIX) {
            (written.to_owned(), CodeKind::Registry)
        } else if written.starts_with("azureml:") {
            (
                parse_versioned(written, false, "code", "codes")?,
                CodeKind::Asset,
            )
        } else if written.starts_with("git+") {
            (written.to_owned(), CodeKind::Git)
        } else if is_url(written) {
            (written.to_owned(), CodeKind::Url)
        } else {
            (written.to_owned(), CodeKind::Local)
        };
        Ok(CodeRef {
            value,
            kind,
            resolved: None,
        })
    }

    /// Checks a local path against `base` (the YAML file's folder) and
    /// remembers `base` for the dump; other forms need no filesystem.
    pub fn resolve(&mut self, base: &Path) -> Result<(), String> {
        if self.kind == CodeKind::Local {
            *self = CodeRef::load(&self.value, base)?;
        }
        Ok(())
    }

    /// The stored value (`./src`, `my-code:1`, a URL).
    pub fn value(&self) -> &str {
        &self.value
    }

    /// How it was read.
    pub fn kind(&self) -> CodeKind {
        self.kind
    }

    /// What `CodeField` dumps for this value in a document whose folder is
    /// `base` (another than the one it was read against): a local path
    /// that exists under `base` as its absolute path, else
    /// `azureml:<value>` (`UnionField._serialize`: `LocalPathField` fails,
    /// `ArmStr` serializes); other forms as [`CodeRef::dump`].
    pub fn dump_against(&self, base: &Path) -> String {
        match self.kind {
            CodeKind::Local => resolve(base, &self.value)
                .map(|found| posix(&found))
                .unwrap_or_else(|_| with_prefix(&self.value)),
            _ => self.dump(),
        }
    }

    /// What azure-ai-ml dumps: an absolute path for an existing local path,
    /// the value itself for URLs and registry URIs, else `azureml:<value>`.
    pub fn dump(&self) -> String {
        match self.kind {
            CodeKind::Url | CodeKind::Git | CodeKind::Registry => self.value.clone(),
            CodeKind::Asset => with_prefix(&self.value),
            CodeKind::Local => {
                let found = match &self.resolved {
                    Some(found) => found.clone(),
                    None => resolve(Path::new("."), &self.value)
                        .ok()
                        .map(|found| posix(&found)),
                };
                found.unwrap_or_else(|| with_prefix(&self.value))
            }
        }
    }
}

/// `Path(base, value).resolve()`: the path with symlinks resolved when it
/// exists, else (`Err`) the absolute path that was looked for.
fn resolve(base: &Path, value: &str) -> Result<PathBuf, PathBuf> {
    let joined = base.join(value);
    super::real_path::existing(&joined)
        .ok_or_else(|| std::path::absolute(&joined).unwrap_or(joined))
}

fn posix(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// marshmallow's `fields.Url` check (absolute `http`, `https`, `ftp`,
/// `ftps` URLs with a host), in the forms that occur in Azure ML files.
fn is_url(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once("://") else {
        return false;
    };
    if !["http", "https", "ftp", "ftps"].contains(&scheme.to_ascii_lowercase().as_str()) {
        return false;
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host);
    !s.contains(char::is_whitespace)
        && (host == "localhost"
            || host.parse::<std::net::Ipv4Addr>().is_ok()
            || (host.contains('.')
                && host.split('.').all(|label| {
                    !label.is_empty()
                        && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                })))
}

impl fmt::Display for CodeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.dump())
    }
}

impl Serialize for CodeRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.dump())
    }
}

impl<'de> Deserialize<'de> for CodeRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        CodeRef::classify(&s).map_err(serde::de::Error::custom)
    }
}

impl azml::validate::Validate for CodeRef {
    fn validate(value: &azml::Value, cx: &mut azml::validate::Validator) {
        match value.as_str() {
            Some(s) => {
                if let Err(message) = CodeRef::classify(s) {
                    cx.error(message);
                }
            }
            None => cx.error(format!(
                "expected a code path or reference, got {}",
                azml::validate::describe(value)
            )),
        }
    }
}

/// The stored attribute, as Python's `task["code"]` gives it: the path as
/// written, a URL, or the reference without `azureml:`.
impl azml::DictValue for CodeRef {
    fn to_value(&self) -> azml::Value {
        azml::Value::String(self.value.clone())
    }
    fn from_value(value: azml::Value) -> Result<Self, azml::ValueError> {
        match &value {
            azml::Value::String(s) => {
                CodeRef::classify(s).map_err(|_| azml::ValueError::new(Self::expected(), &value))
            }
            _ => Err(azml::ValueError::new(Self::expected(), &value)),
        }
    }
    fn expected() -> std::borrow::Cow<'static, str> {
        "code path, URL or azureml: reference".into()
    }
    /// The dump: a local path absolute, a reference with `azureml:`.
    fn to_dict_value(&self) -> azml::Value {
        azml::Value::String(self.dump())
    }
}

impl azml::rest::RestAsDict for CodeRef {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        let c = |s: &str| CodeRef::classify(s).unwrap();
        assert_eq!(c("azureml:my-code:1").dump(), "azureml:my-code:1");
        assert_eq!(c("azureml:my-code:1").value(), "my-code:1");
        assert_eq!(c("azureml:my-code@latest").value(), "my-code@latest");
        assert!(CodeRef::classify("azureml:my-code").is_err());
        assert_eq!(
            c("azureml://feeds/r/codes/c/versions/1").dump(),
            "azureml://registries/r/codes/c/versions/1"
        );
        assert_eq!(c("https://example.com/x.zip").kind(), CodeKind::Url);
        assert_eq!(c("git+https://github.com/a/b.git").kind(), CodeKind::Git);
        assert_eq!(c("./no_such_dir").dump(), "azureml:./no_such_dir");
    }

    #[test]
    fn local_paths_resolve_against_the_base() {
        let base = std::env::temp_dir().join(format!("azml-code-{}", std::process::id()));
        std::fs::create_dir_all(base.join("src")).unwrap();
        let code = CodeRef::load("./src", &base).unwrap();
        assert_eq!(code.value(), "./src");
        let canonical = std::fs::canonicalize(base.join("src")).unwrap();
        assert_eq!(code.dump(), canonical.to_string_lossy());
        assert!(CodeRef::load("./missing", &base)
            .unwrap_err()
            .starts_with("Can't find directory or file"));
        std::fs::remove_dir_all(&base).unwrap();
    }
}
