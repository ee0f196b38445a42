//! Stage 1, load: reads spec files, follows `$ref`s to other files and resolves JSON pointers.
//!
//! Files are keyed by their lexically normalised absolute path. A `$ref` is resolved
//! relative to the file that contains it; `http(s)` (any URL scheme) and paths that leave the
//! root folder are refused with an error.

use crate::diag::Diagnostics;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// A location inside the loaded spec files: a JSON pointer into a file. Ordered by pointer
/// first (cheap to compare), then file (the same shared path compares equal at once).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Loc {
    /// JSON pointer (RFC 6901, already percent-decoded) into the file.
    pub pointer: String,
    /// Normalised absolute path of the file (shared by every location in it).
    pub file: Arc<Path>,
}

impl Ord for Loc {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.pointer.cmp(&other.pointer).then_with(|| {
            if Arc::ptr_eq(&self.file, &other.file) {
                std::cmp::Ordering::Equal
            } else {
                self.file.cmp(&other.file)
            }
        })
    }
}

impl PartialOrd for Loc {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Loc {
    /// The location of `segment` under this location.
    pub fn child(&self, segment: &str) -> Loc {
        let mut pointer = String::with_capacity(self.pointer.len() + segment.len() + 1);
        pointer.push_str(&self.pointer);
        pointer.push('/');
        push_escaped(&mut pointer, segment);
        Loc {
            pointer,
            file: self.file.clone(),
        }
    }
}

/// Escapes one JSON pointer segment (`~` → `~0`, `/` → `~1`).
pub fn escape_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped(&mut out, s);
    out
}

/// Appends an escaped JSON pointer segment.
pub fn push_escaped(out: &mut String, s: &str) {
    if !s.contains(['~', '/']) {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

/// Unescapes one JSON pointer segment.
pub fn unescape_segment(s: &str) -> String {
    s.replace("~1", "/").replace("~0", "~")
}

/// One loaded file: its path, its document (shared, so it can be read while more files
/// load) and the path as shown in diagnostics.
#[derive(Debug)]
struct Doc {
    path: Arc<Path>,
    value: Arc<Value>,
    shown: String,
}

/// The loaded files and the root folder that `$ref`s may not leave.
#[derive(Debug)]
pub struct Loader {
    root: PathBuf,
    /// Loaded files: few, so a list searched by address first (every [`Loc`] shares its
    /// file's path) beats a map keyed by path.
    docs: Vec<Doc>,
    failed: BTreeMap<PathBuf, ()>,
    /// Files already reached: referring file (its shared path's address, alive as long as the
    /// loader) → file part of a `$ref` → loaded file.
    targets: HashMap<usize, HashMap<String, Arc<Path>>>,
}

impl Loader {
    /// A loader whose `$ref`s must stay under `root`.
    pub fn new(root: &Path) -> Loader {
        Loader {
            root: normalize(root),
            docs: Vec::new(),
            failed: BTreeMap::new(),
            targets: HashMap::new(),
        }
    }

    /// Lexically normalised absolute path.
    pub fn normalize(path: &Path) -> PathBuf {
        normalize(path)
    }

    /// The path shown in diagnostics: relative to the root when inside it.
    pub fn display(&self, file: &Path) -> String {
        match self.entry(file) {
            Some(d) => d.shown.clone(),
            None => self.display_uncached(file),
        }
    }

    fn display_uncached(&self, file: &Path) -> String {
        let shown = file.strip_prefix(&self.root).unwrap_or(file);
        let parts: Vec<String> = shown
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        parts.join("/")
    }

    /// Loads one file (once). Returns its key, or `None` after recording an error.
    pub fn load(&mut self, path: &Path, diags: &mut Diagnostics) -> Option<Arc<Path>> {
        let key = normalize(path);
        if let Some(d) = self.entry(&key) {
            return Some(d.path.clone());
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
                Ok(v) => Some(self.insert(&key, v)),
                Err(e) => {
                    diags.error(&shown, "", e);
                    self.failed.insert(key, ());
                    None
                }
            },
        }
    }

    /// Loads several files, reading and parsing them on parallel threads; returns the keys
    /// of those that loaded, in order (errors are recorded in order too).
    pub fn load_all(&mut self, paths: &[PathBuf], diags: &mut Diagnostics) -> Vec<Arc<Path>> {
        let keys: Vec<PathBuf> = paths.iter().map(|p| normalize(p)).collect();
        let parsed: Vec<Option<Result<Value, String>>> = std::thread::scope(|s| {
            let handles: Vec<_> = keys
                .iter()
                .map(|key| {
                    if self.entry(key).is_some() {
                        return None;
                    }
                    Some(s.spawn(move || {
                        let text = std::fs::read_to_string(key)
                            .map_err(|e| format!("cannot read file: {e}"))?;
                        parse(key, &text)
                    }))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.map(|h| {
                        h.join()
                            .unwrap_or_else(|_| Err("internal error: the loader panicked".into()))
                    })
                })
                .collect()
        });
        let mut out = Vec::new();
        for (key, result) in keys.iter().zip(parsed) {
            match result {
                // Loaded before, or twice in the list: `load` finds it.
                None => out.extend(self.load(key, diags)),
                Some(Ok(v)) => {
                    if self.entry(key).is_none() {
                        out.push(self.insert(key, v));
                    } else {
                        out.extend(self.load(key, diags));
                    }
                }
                Some(Err(e)) => {
                    if !self.failed.contains_key(key) {
                        let shown = self.display_uncached(key);
                        diags.error(&shown, "", e);
                        self.failed.insert(key.clone(), ());
                    }
                }
            }
        }
        out
    }

    /// Adds an in-memory document (for tests and tools that already hold the text).
    pub fn insert(&mut self, path: &Path, value: Value) -> Arc<Path> {
        let key = normalize(path);
        if let Some(d) = self.docs.iter_mut().find(|d| *d.path == *key) {
            d.value = Arc::new(value);
            return d.path.clone();
        }
        let key: Arc<Path> = Arc::from(key);
        let shown = self.display_uncached(&key);
        self.docs.push(Doc {
            path: key.clone(),
            value: Arc::new(value),
            shown,
        });
        key
    }

    fn entry(&self, file: &Path) -> Option<&Doc> {
        self.docs
            .iter()
            .find(|d| std::ptr::eq(&*d.path, file))
            .or_else(|| self.docs.iter().find(|d| &*d.path == file))
    }

    /// The whole document of a loaded file.
    pub fn doc(&self, file: &Path) -> Option<&Value> {
        self.entry(file).map(|d| &*d.value)
    }

    /// The whole document of a loaded file, shared (to read it while the loader loads more).
    pub fn doc_shared(&self, file: &Path) -> Option<Arc<Value>> {
        self.entry(file).map(|d| d.value.clone())
    }

    /// The value at a location, if the file is loaded and the pointer exists.
    pub fn get(&self, loc: &Loc) -> Option<&Value> {
        let doc = self.doc(&loc.file)?;
        if loc.pointer.is_empty() {
            Some(doc)
        } else {
            doc.pointer(&loc.pointer)
        }
    }

    /// Resolves `reference` (the text of a `$ref`) found at `at`, loading the target file
    /// when needed. Records an error and returns `None` when it cannot be resolved.
    pub fn resolve(&mut self, at: &Loc, reference: &str, diags: &mut Diagnostics) -> Option<Loc> {
        let (file_part, fragment) = match reference.split_once('#') {
            Some((f, p)) => (f, p),
            None => (reference, ""),
        };
        if let Some(scheme_end) = file_part.find("://") {
            let scheme = &file_part[..scheme_end];
            diags.error(
                &self.display(&at.file),
                &at.pointer,
                format!("`$ref` \"{reference}\" uses the {scheme} scheme: only relative file references are allowed"),
            );
            return None;
        }
        let fragment = match percent_decode(fragment) {
            Some(f) => f,
            None => {
                diags.error(
                    &self.display(&at.file),
                    &at.pointer,
                    format!("`$ref` \"{reference}\" has a bad percent-escape"),
                );
                return None;
            }
        };
        if !fragment.is_empty() && !fragment.starts_with('/') {
            diags.error(
                &self.display(&at.file),
                &at.pointer,
                format!(
                    "`$ref` \"{reference}\": anchors are not supported, use a JSON pointer (#/...)"
                ),
            );
            return None;
        }
        let from = Arc::as_ptr(&at.file) as *const u8 as usize;
        let cached = self
            .targets
            .get(&from)
            .and_then(|m| m.get(file_part))
            .cloned();
        let file: Arc<Path> = if file_part.is_empty() {
            at.file.clone()
        } else if let Some(known) = cached {
            known
        } else {
            let decoded = match percent_decode(file_part) {
                Some(f) => f,
                None => {
                    diags.error(
                        &self.display(&at.file),
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
                    &self.display(&at.file),
                    &at.pointer,
                    format!(
                        "`$ref` \"{reference}\" leaves the spec root folder {}; widen the root to allow it",
                        self.root.display()
                    ),
                );
                return None;
            }
            let loaded = self.load(&target, diags)?;
            self.targets
                .entry(from)
                .or_default()
                .insert(file_part.to_string(), loaded.clone());
            loaded
        };
        let loc = Loc {
            pointer: fragment,
            file,
        };
        if self.get(&loc).is_none() {
            diags.error(
                &self.display(&at.file),
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
