//! `path` of a model, data or code asset: `fields.Str`, then the
//! `Artifact.path` setter (`entities/_assets/_artifacts/artifact.py`). A URL
//! (`urlparse` finds a scheme and a host), an absolute path or an mlflow
//! `runs:` URI is kept as written; anything else, `azureml:name:1` included,
//! becomes a `pathlib.Path` resolved against the document's folder — which
//! the REST client cannot serialize, since azure-ai-ml uploads it first.

use std::path::{Component, Path, PathBuf};

use serde::{Serialize, Serializer};

use azml::Value;

/// An asset's `path`: the text of the attribute and whether Python holds it
/// as a local `Path`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AssetPath {
    text: String,
    local: bool,
}

impl AssetPath {
    /// Reads a value as `fields.Str` does.
    pub fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::String(text) => Ok(AssetPath {
                text: text.clone(),
                local: false,
            }),
            _ => Err("Not a valid string.".to_owned()),
        }
    }

    /// The `Artifact.path` setter: a local path resolved against `base`.
    pub fn resolve(&mut self, base: &Path) {
        let kept = self.text.is_empty()
            || is_url(&self.text)
            || self.text.starts_with('/')
            || url_scheme(&self.text).is_some_and(|s| s == "runs");
        if !kept {
            self.text = posix(&python_resolve(base, &self.text));
            self.local = true;
        }
    }

    /// `Data.path` of a `uri_folder`: anything but a URL becomes
    /// `Path(os.path.join(path, ""))`.
    pub fn as_folder(&mut self) {
        if !is_url(&self.text) {
            if !self.text.is_empty() && !self.text.ends_with('/') {
                self.text.push('/');
            }
            self.text = pure_posix(&self.text);
            self.local = true;
        }
    }

    /// The attribute's text (`str()` of it).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether Python holds a local `Path` (uploaded before any REST call).
    pub fn is_local(&self) -> bool {
        self.local
    }
}

/// Python's `urlparse(value).scheme` when there is one (lower-cased).
fn url_scheme(value: &str) -> Option<String> {
    let value = value.trim_start_matches(|c: char| c <= ' ');
    let (scheme, _) = value.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    let valid = first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// azure-ai-ml's `is_url`: `urlparse` finds both a scheme and a host.
pub fn is_url(value: &str) -> bool {
    let cleaned: String = value
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\r' | '\n'))
        .collect();
    let Some(scheme) = url_scheme(&cleaned) else {
        return false;
    };
    let rest = &cleaned[scheme.len() + 1..];
    rest.strip_prefix("//")
        .is_some_and(|r| !r.split(['/', '?', '#']).next().unwrap_or("").is_empty())
}

/// `Path(base, value).resolve()`: absolute, with the symbolic links of the
/// part that exists resolved and `.`/`..` applied (`os.path.realpath`
/// without `strict`).
pub fn python_resolve(base: &Path, value: &str) -> PathBuf {
    let joined = base.join(value);
    if let Some(found) = super::real_path::existing(&joined) {
        return found;
    }
    let absolute = std::path::absolute(&joined).unwrap_or(joined);
    let mut out = PathBuf::from("/");
    for part in absolute.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(name) => {
                out.push(name);
                if let Some(found) = super::real_path::existing(&out) {
                    out = found;
                }
            }
            Component::Prefix(_) | Component::RootDir | Component::CurDir => {}
        }
    }
    out
}

/// `str(PurePosixPath(text))`: repeated and trailing slashes and `.` parts
/// dropped (a leading `//`, and only that, kept); `.` when nothing is left.
fn pure_posix(text: &str) -> String {
    let root = if text.starts_with("//") && !text.starts_with("///") {
        "//"
    } else if text.starts_with('/') {
        "/"
    } else {
        ""
    };
    let parts: Vec<&str> = text
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    match (root, parts.is_empty()) {
        ("", true) => ".".to_owned(),
        _ => format!("{root}{}", parts.join("/")),
    }
}

fn posix(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The attribute's text, as the dump writes it.
impl Serialize for AssetPath {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

super::value_type::read_with_from_value!(AssetPath, dict = "string");

#[cfg(test)]
mod tests {
    use super::*;

    // `urlparse` as azure-ai-ml's `is_url` uses it.
    #[test]
    fn urls_as_urlparse_splits_them() {
        for url in [
            "https://example.com/a.csv",
            "azureml://datastores/ws/paths/x",
            "wasbs://c@a.blob.core.windows.net/p",
            "git+https://github.com/o/r.git",
            " http://host",
        ] {
            assert!(is_url(url), "{url}");
        }
        for not in [
            "azureml:my-data:1",
            "my-data:1",
            "./data",
            "/abs",
            "runs:/run/model",
            "http:/x",
            "https://",
            "C:/x",
            "",
        ] {
            assert!(!is_url(not), "{not}");
        }
        assert_eq!(url_scheme("runs:/x").as_deref(), Some("runs"));
        assert_eq!(url_scheme("1a:/x"), None);
    }

    #[test]
    fn pure_posix_paths() {
        assert_eq!(pure_posix("/a/b/"), "/a/b");
        assert_eq!(pure_posix("a//./b/"), "a/b");
        assert_eq!(pure_posix("//a/"), "//a");
        assert_eq!(pure_posix("///a"), "/a");
        assert_eq!(pure_posix("/"), "/");
        assert_eq!(pure_posix("/./"), "/");
        assert_eq!(pure_posix("./"), ".");
    }

    #[test]
    fn local_paths_resolve_others_stay() {
        let dir = std::env::temp_dir().join(format!("azml-asset-path-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("data")).unwrap();
        let resolve = |text: &str| {
            let mut path = AssetPath::from_value(&Value::String(text.into())).unwrap();
            path.resolve(&dir);
            (path.text().to_owned(), path.is_local())
        };
        let real = std::fs::canonicalize(&dir).unwrap();
        let real = real.to_string_lossy();
        assert_eq!(resolve("./data"), (format!("{real}/data"), true));
        assert_eq!(resolve("data/../x/./y"), (format!("{real}/x/y"), true));
        assert_eq!(
            resolve("azureml:d:1"),
            (format!("{real}/azureml:d:1"), true)
        );
        assert_eq!(resolve("/abs/p/"), ("/abs/p/".to_owned(), false));
        assert_eq!(resolve("runs:/r/m"), ("runs:/r/m".to_owned(), false));
        assert_eq!(resolve(""), (String::new(), false));
        let mut folder = AssetPath::from_value(&Value::String("/abs/p/".into())).unwrap();
        folder.as_folder();
        assert_eq!((folder.text(), folder.is_local()), ("/abs/p", true));
        let mut empty = AssetPath::default();
        empty.as_folder();
        assert_eq!((empty.text(), empty.is_local()), (".", true));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
