//! Stage 1, load: reads spec files, follows `$ref`s to other files and resolves JSON pointers.
//!
//! Files are keyed by their lexically normalised absolute path. A `$ref` is resolved
//! relative to the file that contains it. An absolute URI (`https://…`) is resolved through
//! the base URI of the schema resource that contains it (`id`/`$id`, as JSON Schema does):
//! the document itself or one of its embedded resources when it names one, otherwise the
//! local file at the same relative location as the target is from that base, when both have
//! the same scheme and authority. Nothing is ever fetched: other URIs, paths that leave the
//! root folder and files that do not exist are refused with an error.

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
    /// Schema resources of a file (same key), found when it first has an absolute `$ref`.
    resources: HashMap<usize, Vec<(String, String)>>,
}

impl Loader {
    /// A loader whose `$ref`s must stay under `root`.
    pub fn new(root: &Path) -> Loader {
        Loader {
            root: normalize(root),
            docs: Vec::new(),
            failed: BTreeMap::new(),
            targets: HashMap::new(),
            resources: HashMap::new(),
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

    /// Why the file `target` (lexically inside the root) may not be loaded: a folder, or a
    /// symbolic link (of the file or of a folder on its way) that leads out of the root.
    fn unfit_target(&self, target: &Path) -> Option<String> {
        if target.is_dir() {
            return Some("names a folder, not a spec file".into());
        }
        let real = target.canonicalize().ok()?;
        let root = self
            .root
            .canonicalize()
            .unwrap_or_else(|_| self.root.clone());
        if real.starts_with(&root) {
            None
        } else {
            Some(format!(
                "leaves the spec root folder {} through a symbolic link (to {}); widen the root to allow it",
                self.root.display(),
                real.display()
            ))
        }
    }

    /// Resolves `reference` (the text of a `$ref`) found at `at`, loading the target file
    /// when needed. Records an error and returns `None` when it cannot be resolved.
    pub fn resolve(&mut self, at: &Loc, reference: &str, diags: &mut Diagnostics) -> Option<Loc> {
        let (file_part, fragment) = match reference.split_once('#') {
            Some((f, p)) => (f, p),
            None => (reference, ""),
        };
        // An absolute URI: the document itself, or a file beside it under the same base URI.
        let mut by_uri: Option<(String, PathBuf)> = None;
        let mut own_pointer: Option<String> = None;
        if let Some(scheme_end) = file_part.find("://") {
            let scheme = &file_part[..scheme_end];
            let from = Arc::as_ptr(&at.file) as *const u8 as usize;
            if !self.resources.contains_key(&from) {
                let found = self.doc(&at.file).map(resources).unwrap_or_default();
                self.resources.insert(from, found);
            }
            let all = self.resources.get(&from).map(Vec::as_slice).unwrap_or(&[]);
            match map_absolute(all, &at.pointer, file_part) {
                Some(Mapped::Resource(pointer)) => own_pointer = Some(pointer),
                Some(Mapped::Relative(rel)) => {
                    let base = at.file.parent().unwrap_or(Path::new("/"));
                    by_uri = Some((file_part.to_string(), normalize(&base.join(rel))));
                }
                None => {
                    diags.error(
                        &self.display(&at.file),
                        &at.pointer,
                        format!("`$ref` \"{reference}\" uses the {scheme} scheme: only relative file references, or absolute ones under the document's own `id`/`$id`, are allowed (nothing is fetched)"),
                    );
                    return None;
                }
            }
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
        let file: Arc<Path> = if file_part.is_empty() || own_pointer.is_some() {
            at.file.clone()
        } else if let Some(known) = cached.filter(|_| by_uri.is_none()) {
            known
        } else if let Some((uri, target)) = by_uri {
            if !target.starts_with(&self.root) {
                diags.error(
                    &self.display(&at.file),
                    &at.pointer,
                    format!(
                        "`$ref` \"{reference}\" maps (through the document's `id`) to a file outside the spec root folder {}; widen the root to allow it",
                        self.root.display()
                    ),
                );
                return None;
            }
            if !target.is_file() {
                diags.error(
                    &self.display(&at.file),
                    &at.pointer,
                    format!(
                        "`$ref` \"{uri}\" maps (through the document's `id`) to the local file {}, which does not exist; nothing is fetched",
                        self.display_uncached(&target)
                    ),
                );
                return None;
            }
            if let Some(problem) = self.unfit_target(&target) {
                diags.error(
                    &self.display(&at.file),
                    &at.pointer,
                    format!("`$ref` \"{uri}\" {problem}"),
                );
                return None;
            }
            self.load(&target, diags)?
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
            if let Some(problem) = self.unfit_target(&target) {
                diags.error(
                    &self.display(&at.file),
                    &at.pointer,
                    format!("`$ref` \"{reference}\" {problem}"),
                );
                return None;
            }
            let Some(loaded) = self.load(&target, diags) else {
                // The file's own error says why; this one says where it was referred to.
                diags.error(
                    &self.display(&at.file),
                    &at.pointer,
                    format!(
                        "`$ref` \"{reference}\": cannot read or parse {}",
                        self.display_uncached(&target)
                    ),
                );
                return None;
            };
            self.targets
                .entry(from)
                .or_default()
                .insert(file_part.to_string(), loaded.clone());
            loaded
        };
        let pointer = match own_pointer {
            Some(mut p) => {
                p.push_str(&fragment);
                p
            }
            None => fragment,
        };
        let loc = Loc { pointer, file };
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

/// Where an absolute `$ref` URI leads: a schema resource of the referring document (its
/// pointer), or a file at this path relative to the referring file's folder.
#[derive(Debug, PartialEq)]
enum Mapped {
    Resource(String),
    Relative(PathBuf),
}

/// Keywords whose values are data, not schemas: an `id` in them names nothing.
const DATA_KEYWORDS: [&str; 6] = [
    "default",
    "example",
    "examples",
    "enum",
    "const",
    "x-ms-examples",
];

/// The schema resources of a document: each `id`/`$id` (made absolute against the enclosing
/// one, fragment removed) with the pointer of its schema, outermost first.
fn resources(doc: &Value) -> Vec<(String, String)> {
    fn walk(v: &Value, here: &mut String, base: Option<&str>, out: &mut Vec<(String, String)>) {
        let mut own = None;
        if let Value::Object(m) = v {
            for key in ["$id", "id"] {
                if let Some(id) = m.get(key).and_then(Value::as_str) {
                    if let Some(abs) = join_uri(base, id.split('#').next().unwrap_or("")) {
                        out.push((here.clone(), abs.clone()));
                        own = Some(abs);
                        break;
                    }
                }
            }
        }
        let base = own.as_deref().or(base);
        let len = here.len();
        match v {
            Value::Object(m) => {
                for (k, child) in m {
                    if child.is_object() || child.is_array() {
                        if DATA_KEYWORDS.contains(&k.as_str()) {
                            continue;
                        }
                        here.push('/');
                        push_escaped(here, k);
                        walk(child, here, base, out);
                        here.truncate(len);
                    }
                }
            }
            Value::Array(a) => {
                for (i, child) in a.iter().enumerate() {
                    if child.is_object() || child.is_array() {
                        here.push('/');
                        here.push_str(&i.to_string());
                        walk(child, here, base, out);
                        here.truncate(len);
                    }
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(doc, &mut String::new(), None, &mut out);
    out
}

/// True when `pointer` is `prefix` or below it.
fn is_under(pointer: &str, prefix: &str) -> bool {
    pointer
        .strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Splits an absolute URI (no fragment) into `scheme://authority` and its path; `None` when
/// it is not absolute, has no authority, or has a query.
fn split_uri(uri: &str) -> Option<(&str, &str)> {
    let scheme_end = uri.find("://")?;
    let scheme = &uri[..scheme_end];
    if scheme.is_empty()
        || !scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        || uri.contains('?')
    {
        return None;
    }
    let rest = &uri[scheme_end + 3..];
    let path_start = rest.find('/').unwrap_or(rest.len());
    Some(uri.split_at(scheme_end + 3 + path_start))
}

/// `reference` resolved against `base` (RFC 3986, for the forms ids use): absolute URIs as
/// they are, absolute paths and relative paths joined to the base's origin and folder.
fn join_uri(base: Option<&str>, reference: &str) -> Option<String> {
    if reference.contains("://") {
        let (origin, path) = split_uri(reference)?;
        return Some(format!("{origin}{}", remove_dots(path)));
    }
    let (origin, base_path) = split_uri(base?)?;
    if reference.is_empty() {
        return Some(format!("{origin}{base_path}"));
    }
    let path = if reference.starts_with('/') {
        reference.to_string()
    } else {
        let dir = &base_path[..base_path.rfind('/').map_or(0, |i| i + 1)];
        let dir = if dir.is_empty() { "/" } else { dir };
        format!("{dir}{reference}")
    };
    Some(format!("{origin}{}", remove_dots(&path)))
}

/// Removes `.` and `..` segments from a URI path (never above its root).
fn remove_dots(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segs: Vec<&str> = path.split('/').skip(1).collect();
    let last = segs.len().saturating_sub(1);
    for (i, seg) in segs.iter().enumerate() {
        match *seg {
            "." => {
                if i == last {
                    out.push("");
                }
            }
            ".." => {
                out.pop();
                if i == last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let mut s = String::with_capacity(path.len());
    for seg in out {
        s.push('/');
        s.push_str(seg);
    }
    if s.is_empty() {
        s.push('/');
    }
    s
}

/// Maps an absolute `$ref` URI (no fragment) found at pointer `at`: the document's resource it
/// names, or its path relative to the innermost enclosing base with the same scheme and
/// authority.
fn map_absolute(resources: &[(String, String)], at: &str, target: &str) -> Option<Mapped> {
    let (origin, path) = split_uri(target)?;
    let target = format!("{origin}{}", remove_dots(path));
    if let Some((pointer, _)) = resources.iter().find(|(_, b)| *b == target) {
        return Some(Mapped::Resource(pointer.clone()));
    }
    let (_, base) = resources.iter().rev().find(|(p, b)| {
        is_under(at, p) && split_uri(b).is_some_and(|(o, _)| o.eq_ignore_ascii_case(origin))
    })?;
    let (_, base_path) = split_uri(base)?;
    let target_path = percent_decode(&remove_dots(path))?;
    let base_path = percent_decode(base_path)?;
    let from: Vec<&str> = base_path.split('/').skip(1).collect();
    let from = &from[..from.len().saturating_sub(1)];
    let to: Vec<&str> = target_path.split('/').skip(1).collect();
    let (file, to_dirs) = to.split_last()?;
    if file.is_empty()
        || to_dirs
            .iter()
            .chain(std::iter::once(file))
            .any(|s| s.contains('\\'))
    {
        return None;
    }
    let common = from.iter().zip(to_dirs).take_while(|(a, b)| a == b).count();
    let mut rel = PathBuf::new();
    for _ in common..from.len() {
        rel.push("..");
    }
    for seg in &to_dirs[common..] {
        rel.push(seg);
    }
    rel.push(file);
    Some(Mapped::Relative(rel))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_refs_map_through_the_base() {
        let res = vec![(
            String::new(),
            "https://h.example/schemas/2026/A.json".to_string(),
        )];
        let map = |t| map_absolute(&res, "/definitions/X", t);
        assert_eq!(
            map("https://h.example/schemas/common/d.json"),
            Some(Mapped::Relative(PathBuf::from("../common/d.json")))
        );
        assert_eq!(
            map("https://h.example/schemas/2026/A.json"),
            Some(Mapped::Resource(String::new()))
        );
        assert_eq!(
            map("https://H.example/schemas/2026/./x/../B.json"),
            Some(Mapped::Relative(PathBuf::from("B.json")))
        );
        assert_eq!(map("https://other.example/a.json"), None);
        assert_eq!(map("http://h.example/schemas/a.json"), None);
        assert_eq!(map("https://h.example/a.json?x=1"), None);
        assert_eq!(map_absolute(&[], "", "https://h.example/a.json"), None);
    }

    #[test]
    fn nested_ids_resolve_against_their_parent() {
        let doc = serde_json::json!({
            "id": "https://h.example/s/root.json#",
            "definitions": {"A": {"$id": "sub/a.json", "properties": {"id": {"type": "string"}},
                "default": {"id": "data.json"}}}
        });
        let res = resources(&doc);
        assert_eq!(
            res,
            vec![
                (String::new(), "https://h.example/s/root.json".to_string()),
                (
                    "/definitions/A".to_string(),
                    "https://h.example/s/sub/a.json".to_string()
                )
            ]
        );
        assert_eq!(
            map_absolute(&res, "/definitions/B", "https://h.example/s/sub/a.json"),
            Some(Mapped::Resource("/definitions/A".to_string()))
        );
        assert_eq!(
            map_absolute(&res, "/definitions/A/x", "https://h.example/s/sub/c.json"),
            Some(Mapped::Relative(PathBuf::from("c.json")))
        );
    }
}
