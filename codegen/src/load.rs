//! Stage 1, load: reads spec files, follows `$ref`s to other files and resolves JSON pointers.
//!
//! Files are keyed by their lexically normalised absolute path. A `$ref` is resolved
//! relative to the file that contains it; `http(s)` (any URL scheme) and paths that leave the
//! root folder are refused with an error.

use crate::diag::Diagnostics;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// A location inside the loaded spec files: a file and a JSON pointer into it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Loc {
    /// Normalised absolute path of the file.
    pub file: PathBuf,
    /// JSON pointer (RFC 6901, already percent-decoded) into the file.
    pub pointer: String,
}

impl Loc {
    /// The location of `segment` under this location.
    pub fn child(&self, segment: &str) -> Loc {
        Loc {
            file: self.file.clone(),
            pointer: format!("{}/{}", self.pointer, escape_segment(segment)),
        }
    }
}

/// Escapes one JSON pointer segment (`~` → `~0`, `/` → `~1`).
pub fn escape_segment(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// Unescapes one JSON pointer segment.
pub fn unescape_segment(s: &str) -> String {
    s.replace("~1", "/").replace("~0", "~")
}

/// The loaded files and the root folder that `$ref`s may not leave.
#[derive(Debug)]
pub struct Loader {
    root: PathBuf,
    docs: BTreeMap<PathBuf, Value>,
    failed: BTreeMap<PathBuf, ()>,
}

impl Loader {
    /// A loader whose `$ref`s must stay under `root`.
    pub fn new(root: &Path) -> Loader {
        Loader {
            root: normalize(root),
            docs: BTreeMap::new(),
            failed: BTreeMap::new(),
        }
    }

    /// Lexically normalised absolute path.
    pub fn normalize(path: &Path) -> PathBuf {
        normalize(path)
    }

    /// The path shown in diagnostics: relative to the root when inside it.
    pub fn display(&self, file: &Path) -> String {
        let shown = file.strip_prefix(&self.root).unwrap_or(file);
        let parts: Vec<String> = shown
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        parts.join("/")
    }

    /// Loads one file (once). Returns its key, or `None` after recording an error.
    pub fn load(&mut self, path: &Path, diags: &mut Diagnostics) -> Option<PathBuf> {
        let key = normalize(path);
        if self.docs.contains_key(&key) {
            return Some(key);
        }
        if self.failed.contains_key(&key) {
            return None;
        }
        let shown = self.display(&key);
        match std::fs::read_to_string(&key) {
            Err(e) => {
                diags.error(&shown, "", format!("cannot read file: {e}"));
                self.failed.insert(key, ());
                None
            }
            Ok(text) => match parse(&key, &text) {
                Ok(v) => {
                    self.docs.insert(key.clone(), v);
                    Some(key)
                }
                Err(e) => {
                    diags.error(&shown, "", e);
                    self.failed.insert(key, ());
                    None
                }
            },
        }
    }

    /// Adds an in-memory document (for tests and tools that already hold the text).
    pub fn insert(&mut self, path: &Path, value: Value) -> PathBuf {
        let key = normalize(path);
        self.docs.insert(key.clone(), value);
        key
    }

    /// The whole document of a loaded file.
    pub fn doc(&self, file: &Path) -> Option<&Value> {
        self.docs.get(file)
    }

    /// The value at a location, if the file is loaded and the pointer exists.
    pub fn get(&self, loc: &Loc) -> Option<&Value> {
        let doc = self.docs.get(&loc.file)?;
        if loc.pointer.is_empty() {
            Some(doc)
        } else {
            doc.pointer(&loc.pointer)
        }
    }

    /// Resolves `reference` (the text of a `$ref`) found at `at`, loading the target file
    /// when needed. Records an error and returns `None` when it cannot be resolved.
    pub fn resolve(&mut self, at: &Loc, reference: &str, diags: &mut Diagnostics) -> Option<Loc> {
        let shown = self.display(&at.file);
        let (file_part, fragment) = match reference.split_once('#') {
            Some((f, p)) => (f, p),
            None => (reference, ""),
        };
        if let Some(scheme_end) = file_part.find("://") {
            let scheme = &file_part[..scheme_end];
            diags.error(
                &shown,
                &at.pointer,
                format!("`$ref` \"{reference}\" uses the {scheme} scheme: only relative file references are allowed"),
            );
            return None;
        }
        let fragment = match percent_decode(fragment) {
            Some(f) => f,
            None => {
                diags.error(
                    &shown,
                    &at.pointer,
                    format!("`$ref` \"{reference}\" has a bad percent-escape"),
                );
                return None;
            }
        };
        if !fragment.is_empty() && !fragment.starts_with('/') {
            diags.error(
                &shown,
                &at.pointer,
                format!(
                    "`$ref` \"{reference}\": anchors are not supported, use a JSON pointer (#/...)"
                ),
            );
            return None;
        }
        let file = if file_part.is_empty() {
            at.file.clone()
        } else {
            let decoded = match percent_decode(file_part) {
                Some(f) => f,
                None => {
                    diags.error(
                        &shown,
                        &at.pointer,
                        format!("`$ref` \"{reference}\" has a bad percent-escape"),
                    );
                    return None;
                }
            };
            let base = at.file.parent().unwrap_or(Path::new("/"));
            let target = normalize(&base.join(decoded));
            if !target.starts_with(&self.root) {
                diags.error(
                    &shown,
                    &at.pointer,
                    format!(
                        "`$ref` \"{reference}\" leaves the spec root folder {}; widen the root to allow it",
                        self.root.display()
                    ),
                );
                return None;
            }
            self.load(&target, diags)?
        };
        let loc = Loc {
            file,
            pointer: fragment,
        };
        if self.get(&loc).is_none() {
            diags.error(
                &shown,
                &at.pointer,
                format!("`$ref` \"{reference}\" points to nothing"),
            );
            return None;
        }
        Some(loc)
    }
}

/// Parses a spec file's text: JSON, or YAML for `.yaml`/`.yml` files.
fn parse(path: &Path, text: &str) -> Result<Value, String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if ext == "yaml" || ext == "yml" {
        return crate::yaml::parse(text);
    }
    serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))
}

/// Lexical normalisation: absolute, with `.` and `..` removed (no symlink resolution).
fn normalize(path: &Path) -> PathBuf {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Decodes `%XX` escapes; `None` on a malformed escape or invalid UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    if !s.contains('%') {
        return Some(s.to_string());
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}
