//! Instances of a spec's definitions, and mutants of them, for the round-trip property
//! (`tests/roundtrip_property.rs`). The generator proposes values from a schema (its `$ref`s,
//! `allOf`, unions, enums, types, bounds, simple patterns, Swagger and OpenAPI
//! discriminators); the `jsonschema` crate is the independent oracle that keeps only the
//! proposals valid against the definition, and only the mutants it refuses.
//!
//! The oracle reads each document as its dialect means it: Swagger's `x-nullable` and
//! OpenAPI 3.0's `nullable` as a `null` alternative, `x-ms-enum.modelAsString` as any string
//! (an extensible enum), `readOnly` properties as not required (AutoRest's reading).

#![allow(dead_code)] // each test uses a different part

use super::compare::normalize;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A document's dialect, as the oracle reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Swagger 2.0.
    Swagger,
    /// OpenAPI 3.0.
    OpenApi30,
    /// OpenAPI 3.1 (JSON Schema 2020-12).
    OpenApi31,
    /// A JSON Schema document (its `$schema` names the draft).
    JsonSchema,
}

/// A schema's place: its file and JSON pointer.
type Place = (PathBuf, String);

/// The loaded documents of one spec set: raw for the generator, rewritten for the oracle.
pub struct Docs {
    raw: HashMap<PathBuf, Value>,
    oracle: Arc<HashMap<String, Value>>,
    /// The oracle's documents without keyword checks ([`KEYWORD_CHECKS`]): the shape alone.
    shape: Arc<HashMap<String, Value>>,
    /// Discriminator bases: (file, pointer) → (tag property, [(tag value, child pointer)]).
    children: HashMap<Place, (String, Vec<(String, Place)>)>,
}

/// `reference` with the characters a URI may not hold percent-encoded (vega-lite's
/// `#/definitions/MarkDef<(Gradient|null)>`); the generator reads such names as they are.
fn uri_escape(reference: &str) -> String {
    let mut out = String::new();
    for c in reference.chars() {
        if c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/?#%".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

fn uri(file: &Path) -> String {
    format!("file://{}", file.display())
}

/// The dialect of a document.
pub fn dialect(doc: &Value) -> Dialect {
    if doc.get("swagger").is_some() {
        Dialect::Swagger
    } else if let Some(v) = doc.get("openapi").and_then(Value::as_str) {
        if v.starts_with("3.0") {
            Dialect::OpenApi30
        } else {
            Dialect::OpenApi31
        }
    } else {
        Dialect::JsonSchema
    }
}

/// The oracle's reading of a Swagger or OpenAPI 3.0 schema tree (see the module docs).
fn oracle_view(v: &Value, d: Dialect) -> Value {
    match v {
        Value::Object(m) => {
            let mut out: Map<String, Value> = m
                .iter()
                .map(|(k, v)| match (k.as_str(), v) {
                    ("$ref", Value::String(r)) => (k.clone(), Value::String(uri_escape(r))),
                    _ => (k.clone(), oracle_view(v, d)),
                })
                .collect();
            if d == Dialect::JsonSchema || d == Dialect::OpenApi31 {
                return Value::Object(out);
            }
            let model_as_string = m
                .get("x-ms-enum")
                .and_then(|x| x.get("modelAsString"))
                .and_then(Value::as_bool)
                == Some(true);
            if model_as_string {
                out.remove("enum");
            }
            if out.get("type") == Some(&json!("file")) {
                out.remove("type");
            }
            if let (Some(Value::Object(props)), Some(Value::Array(req))) =
                (m.get("properties"), out.get("required").cloned())
            {
                let kept: Vec<Value> = req
                    .into_iter()
                    .filter(|r| {
                        let ro = r
                            .as_str()
                            .and_then(|r| props.get(r))
                            .and_then(|p| p.get("readOnly"))
                            .and_then(Value::as_bool);
                        ro != Some(true)
                    })
                    .collect();
                out.insert("required".into(), Value::Array(kept));
            }
            let nullable = ["x-nullable", "nullable"]
                .iter()
                .any(|k| m.get(*k).and_then(Value::as_bool) == Some(true));
            if nullable {
                out.remove("x-nullable");
                out.remove("nullable");
                return json!({"anyOf": [Value::Object(out), {"type": "null"}]});
            }
            Value::Object(out)
        }
        Value::Array(a) => Value::Array(a.iter().map(|v| oracle_view(v, d)).collect()),
        other => other.clone(),
    }
}

/// Keywords that restrict a value without changing its shape (which JSON type, which keys,
/// which enum value): the generated validator checks them, deserializing does not.
pub const KEYWORD_CHECKS: [&str; 14] = [
    "pattern",
    "format",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
];

/// `v` without keyword checks. A property named like one (`properties: {pattern: {…}}`)
/// stays: its value is a schema (an object), a keyword's is a string, number or boolean.
fn without_checks(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, v)| !KEYWORD_CHECKS.contains(&k.as_str()) || v.is_object())
                .map(|(k, v)| (k.clone(), without_checks(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_checks).collect()),
        other => other.clone(),
    }
}

/// The property names `s` (in `file`) declares, with those of its `allOf` parents.
fn declared_keys(
    raw: &HashMap<PathBuf, Value>,
    file: &Path,
    s: &Map<String, Value>,
    out: &mut Vec<String>,
    depth: usize,
) {
    if depth > 16 {
        return;
    }
    let own = s.get("properties").and_then(Value::as_object);
    out.extend(own.into_iter().flatten().map(|(k, _)| k.clone()));
    for part in s
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let (f, part) = match part.get("$ref").and_then(Value::as_str) {
            Some(r) => {
                let (f, p) = r.split_once('#').unwrap_or((r, ""));
                let f = if f.is_empty() {
                    file.to_path_buf()
                } else {
                    normalize(&file.parent().unwrap_or(Path::new("")).join(f))
                };
                let doc = raw.get(&f);
                match doc.and_then(|d| d.pointer(&percent_decode(p))) {
                    Some(t) => (f, t),
                    None => continue,
                }
            }
            None => (file.to_path_buf(), part),
        };
        if let Some(o) = part.as_object() {
            declared_keys(raw, &f, o, out, depth + 1);
        }
    }
}

/// AutoRest's reading of `additionalProperties: false` beside `allOf` (Swagger, OpenAPI 3.0):
/// the inherited properties are declared too, so they are added to `properties` (as `{}`,
/// their parents check them).
fn close_over_parents(raw: &HashMap<PathBuf, Value>, file: &Path, v: &mut Value) {
    match v {
        Value::Object(m) => {
            if m.contains_key("allOf") && m.get("additionalProperties") == Some(&Value::Bool(false))
            {
                let mut keys = Vec::new();
                declared_keys(raw, file, m, &mut keys, 0);
                let props = m
                    .entry("properties")
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Some(props) = props.as_object_mut() {
                    for k in keys {
                        props.entry(k).or_insert_with(|| json!({}));
                    }
                }
            }
            m.values_mut()
                .for_each(|c| close_over_parents(raw, file, c));
        }
        Value::Array(a) => a.iter_mut().for_each(|c| close_over_parents(raw, file, c)),
        _ => {}
    }
}

impl Docs {
    /// Loads `files` and every file their `$ref`s reach.
    pub fn load(files: &[PathBuf]) -> Docs {
        let mut raw = HashMap::new();
        let mut queue: Vec<PathBuf> = files.iter().map(|f| normalize(f)).collect();
        while let Some(f) = queue.pop() {
            if raw.contains_key(&f) {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&f) else {
                continue;
            };
            let Ok(doc) = serde_json::from_str::<Value>(&text) else {
                continue;
            };
            let mut refs = Vec::new();
            collect_refs(&doc, &mut refs);
            for r in refs {
                let file = r.split('#').next().unwrap_or("");
                if !file.is_empty() && !file.contains("://") {
                    queue.push(normalize(&f.parent().unwrap_or(Path::new("")).join(file)));
                }
            }
            raw.insert(f, doc);
        }
        let oracle: HashMap<String, Value> = raw
            .iter()
            .map(|(f, d)| {
                let mut view = oracle_view(d, dialect(d));
                if matches!(dialect(d), Dialect::Swagger | Dialect::OpenApi30) {
                    close_over_parents(&raw, f, &mut view);
                }
                (uri(f), view)
            })
            .collect();
        let shape = oracle
            .iter()
            .map(|(f, d)| (f.clone(), without_checks(d)))
            .collect();
        let mut docs = Docs {
            raw,
            oracle: Arc::new(oracle),
            shape: Arc::new(shape),
            children: HashMap::new(),
        };
        docs.find_children();
        docs
    }

    /// The discriminator bases of Swagger and OpenAPI documents and their descendants.
    fn find_children(&mut self) {
        // (child, parent, the child's tag value)
        let mut parents: Vec<(Place, Place, String)> = Vec::new();
        let mut bases = HashMap::new();
        for (f, doc) in &self.raw {
            let (container, defs) = match dialect(doc) {
                Dialect::Swagger => ("/definitions", doc.get("definitions")),
                Dialect::OpenApi30 | Dialect::OpenApi31 => (
                    "/components/schemas",
                    doc.get("components").and_then(|c| c.get("schemas")),
                ),
                Dialect::JsonSchema => continue,
            };
            for (name, s) in defs.and_then(Value::as_object).into_iter().flatten() {
                let ptr = format!("{container}/{}", name.replace('~', "~0").replace('/', "~1"));
                let tag = match s.get("discriminator") {
                    Some(Value::String(t)) => Some(t.clone()),
                    Some(d) => d
                        .get("propertyName")
                        .and_then(Value::as_str)
                        .map(String::from),
                    None => None,
                };
                if let Some(tag) = tag {
                    bases.insert((f.clone(), ptr.clone()), tag);
                }
                let value = s
                    .get("x-ms-discriminator-value")
                    .and_then(Value::as_str)
                    .unwrap_or(name)
                    .to_string();
                for part in s
                    .get("allOf")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    if let Some(r) = part.get("$ref").and_then(Value::as_str) {
                        let parent = self.resolve(f, r);
                        parents.push(((f.clone(), ptr.clone()), parent, value.clone()));
                    }
                }
            }
        }
        for (base, tag) in bases {
            // Every descendant, with its own tag value.
            let mut found = Vec::new();
            let mut frontier = vec![base.clone()];
            while let Some(p) = frontier.pop() {
                for (child, parent, value) in &parents {
                    if *parent == p && !found.iter().any(|(_, c)| c == child) {
                        // OpenAPI's `mapping` on the base names the child's tag value.
                        let mapped = self
                            .get(&base.0, &base.1)
                            .and_then(|b| b.get("discriminator"))
                            .and_then(|d| d.get("mapping"))
                            .and_then(Value::as_object)
                            .and_then(|m| {
                                m.iter().find(|(_, r)| {
                                    r.as_str().map(|r| self.resolve(&base.0, r)).as_ref()
                                        == Some(child)
                                })
                            })
                            .map(|(k, _)| k.clone());
                        found.push((mapped.unwrap_or_else(|| value.clone()), child.clone()));
                        frontier.push(child.clone());
                    }
                }
            }
            self.children.insert(base, (tag, found));
        }
    }

    /// The property names `s` declares, with those of its `allOf` parents.
    fn declared_keys(&self, file: &Path, s: &Map<String, Value>, out: &mut Vec<String>) {
        declared_keys(&self.raw, file, s, out, 0);
    }

    /// The tag property and value of a discriminated child.
    fn tag_of(&self, child: &(PathBuf, String)) -> Option<(String, String)> {
        self.children.values().find_map(|(tag, kids)| {
            kids.iter()
                .find(|(_, c)| c == child)
                .map(|(value, _)| (tag.clone(), value.clone()))
        })
    }

    /// The (file, pointer) a `$ref` found in `file` names.
    pub fn resolve(&self, file: &Path, reference: &str) -> (PathBuf, String) {
        let (f, p) = reference.split_once('#').unwrap_or((reference, ""));
        let target = if f.is_empty() {
            file.to_path_buf()
        } else {
            normalize(&file.parent().unwrap_or(Path::new("")).join(f))
        };
        (target, p.to_string())
    }

    /// The schema at (file, pointer).
    pub fn get(&self, file: &Path, pointer: &str) -> Option<&Value> {
        let doc = self.raw.get(&normalize(file))?;
        let p = percent_decode(pointer);
        if p.is_empty() {
            Some(doc)
        } else {
            doc.pointer(&p)
        }
    }

    /// The oracle for the schema at (file, pointer); with `shape_only`, for its shape alone
    /// (no keyword checks).
    pub fn oracle(
        &self,
        file: &Path,
        pointer: &str,
        shape_only: bool,
    ) -> Result<jsonschema::Validator, String> {
        let file = &normalize(file);
        let doc = self.raw.get(file).ok_or("not loaded")?;
        let draft = match dialect(doc) {
            Dialect::Swagger | Dialect::OpenApi30 => jsonschema::Draft::Draft4,
            Dialect::OpenApi31 => jsonschema::Draft::Draft202012,
            Dialect::JsonSchema => match doc.get("$schema").and_then(Value::as_str).unwrap_or("") {
                s if s.contains("draft-04") => jsonschema::Draft::Draft4,
                s if s.contains("draft-06") => jsonschema::Draft::Draft6,
                s if s.contains("2019-09") => jsonschema::Draft::Draft201909,
                s if s.contains("2020-12") => jsonschema::Draft::Draft202012,
                _ => jsonschema::Draft::Draft7,
            },
        };
        let root = json!({"$ref": format!("{}#{}", uri(file), uri_escape(pointer))});
        // Formats are annotations (2019-09 on; optional in the older drafts, in Swagger and
        // in OpenAPI): a date-time property holds any string, so the oracle does not assert them.
        jsonschema::options()
            .with_draft(draft)
            .should_validate_formats(false)
            .with_retriever(Files(if shape_only {
                self.shape.clone()
            } else {
                self.oracle.clone()
            }))
            .build(&root)
            .map_err(|e| e.to_string())
    }
}

/// The oracle's documents, by `file://` URI.
struct Files(Arc<HashMap<String, Value>>);

impl jsonschema::Retrieve for Files {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let key = uri.as_str().split('#').next().unwrap_or("");
        self.0
            .get(key)
            .cloned()
            .ok_or_else(|| format!("not loaded: {key}").into())
    }
}

fn percent_decode(p: &str) -> String {
    if !p.contains('%') {
        return p.to_string();
    }
    let bytes = p.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&p[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn collect_refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(r)) = m.get("$ref") {
                out.push(r.clone());
            }
            for (k, c) in m {
                if k != "x-ms-examples" && k != "examples" {
                    collect_refs(c, out);
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|c| collect_refs(c, out)),
        _ => {}
    }
}

/// A small deterministic random source (xorshift64*).
pub struct Rng(u64);

impl Rng {
    /// A source seeded with `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A number below `n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Proposes instances of schemas.
pub struct Gen<'a> {
    docs: &'a Docs,
    rng: Rng,
}

const MAX_DEPTH: usize = 7;

impl<'a> Gen<'a> {
    /// A generator over `docs`.
    pub fn new(docs: &'a Docs, seed: u64) -> Gen<'a> {
        Gen {
            docs,
            rng: Rng::new(seed),
        }
    }

    /// A proposal for the schema at (file, pointer).
    pub fn instance(&mut self, file: &Path, pointer: &str) -> Option<Value> {
        self.at(&normalize(file), pointer, 0)
    }

    fn at(&mut self, file: &Path, pointer: &str, depth: usize) -> Option<Value> {
        let key = (file.to_path_buf(), pointer.to_string());
        if let Some((tag, kids)) = self.docs.children.get(&key) {
            if !kids.is_empty() {
                let (value, (f, p)) = kids[self.rng.below(kids.len())].clone();
                let tag = tag.clone();
                let schema = self.docs.get(&f, &p)?;
                let mut v = self.schema(&f, schema, depth + 1)?;
                if let Some(o) = v.as_object_mut() {
                    o.insert(tag, Value::String(value));
                }
                return Some(v);
            }
        }
        let schema = self.docs.get(file, pointer)?;
        let mut v = self.schema(file, schema, depth)?;
        // A discriminated child carries its own tag value, whatever its parents proposed.
        if let (Some((tag, value)), Some(o)) = (self.docs.tag_of(&key), v.as_object_mut()) {
            o.insert(tag, Value::String(value));
        }
        Some(v)
    }

    fn schema(&mut self, file: &Path, s: &Value, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH + 4 {
            return None;
        }
        let s = match s {
            Value::Bool(true) => return Some(self.scalar()),
            Value::Object(s) => s,
            _ => return None,
        };
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            let (f, p) = self.docs.resolve(file, r);
            return self.at(&f, &p, depth + 1);
        }
        let nullable = ["x-nullable", "nullable"]
            .iter()
            .any(|k| s.get(*k).and_then(Value::as_bool) == Some(true));
        if nullable && self.rng.chance(15) {
            return Some(Value::Null);
        }
        if let Some(c) = s.get("const") {
            return Some(c.clone());
        }
        if let Some(Value::Array(e)) = s.get("enum") {
            if !e.is_empty() {
                return Some(e[self.rng.below(e.len())].clone());
            }
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(Value::Array(ms)) = s.get(key) {
                if ms.is_empty() {
                    continue;
                }
                let i = self.rng.below(ms.len());
                let mut v = self.schema(file, &ms[i], depth + 1)?;
                // OpenAPI's discriminator: the tag of the member chosen.
                if let (Some(d), Some(o)) = (s.get("discriminator"), v.as_object_mut()) {
                    if let (Some(tag), Some(r)) = (
                        d.get("propertyName").and_then(Value::as_str),
                        ms[i].get("$ref").and_then(Value::as_str),
                    ) {
                        let mapped = d
                            .get("mapping")
                            .and_then(Value::as_object)
                            .and_then(|m| m.iter().find(|(_, t)| t.as_str() == Some(r)))
                            .map(|(k, _)| k.clone());
                        let name = r.rsplit('/').next().unwrap_or(r).to_string();
                        o.insert(tag.to_string(), Value::String(mapped.unwrap_or(name)));
                    }
                }
                return Some(self.merge_siblings(file, s, v, depth));
            }
        }
        if let Some(Value::Array(parts)) = s.get("allOf") {
            let mut merged = Map::new();
            for part in parts {
                // A parent's own properties, not one of its children.
                let v = match part.get("$ref").and_then(Value::as_str) {
                    Some(r) => {
                        let (f, p) = self.docs.resolve(file, r);
                        let target = self.docs.get(&f, &p)?;
                        self.schema(&f, target, depth + 1)?
                    }
                    None => self.schema(file, part, depth + 1)?,
                };
                match v {
                    Value::Object(o) => merged.extend(o),
                    other if parts.len() == 1 => return Some(other),
                    _ => return None,
                }
            }
            let own = self.object(file, s, depth, true)?;
            if let Value::Object(o) = own {
                merged.extend(o);
            }
            // `additionalProperties: false` beside `allOf`: AutoRest reads it as closing the
            // properties inherited too; the parents' other keys go.
            if s.get("additionalProperties") == Some(&Value::Bool(false)) {
                let mut keys = Vec::new();
                self.docs.declared_keys(file, s, &mut keys);
                merged.retain(|k, _| keys.contains(k));
            }
            return Some(Value::Object(merged));
        }
        let types: Vec<&str> = match s.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            _ if s.contains_key("properties")
                || s.contains_key("additionalProperties")
                || s.contains_key("patternProperties")
                || s.contains_key("required") =>
            {
                vec!["object"]
            }
            _ if s.contains_key("items") || s.contains_key("prefixItems") => vec!["array"],
            _ => return Some(self.scalar()),
        };
        if types.is_empty() {
            return None;
        }
        let t = types[self.rng.below(types.len())];
        Some(match t {
            "null" => Value::Null,
            "boolean" => Value::Bool(self.rng.chance(50)),
            "integer" => self.integer(s),
            "number" => self.number(s),
            "string" => self.string(s),
            "array" => self.array(file, s, depth)?,
            "object" => self.object(file, s, depth, false)?,
            _ => return None,
        })
    }

    /// An object member of a union may sit beside the schema's own properties.
    fn merge_siblings(
        &mut self,
        file: &Path,
        s: &Map<String, Value>,
        v: Value,
        depth: usize,
    ) -> Value {
        match (v, s.contains_key("properties")) {
            (Value::Object(mut o), true) => {
                if let Some(Value::Object(own)) = self.object(file, s, depth, true) {
                    for (k, x) in own {
                        o.entry(k).or_insert(x);
                    }
                }
                Value::Object(o)
            }
            (v, _) => v,
        }
    }

    fn scalar(&mut self) -> Value {
        match self.rng.below(5) {
            0 => json!("text"),
            1 => json!(self.rng.below(100)),
            2 => json!(true),
            3 => json!({"k": "v"}),
            _ => json!(null),
        }
    }

    fn integer(&mut self, s: &Map<String, Value>) -> Value {
        let num = |k: &str| s.get(k).and_then(Value::as_f64);
        let mut lo = num("minimum").unwrap_or(-50.0).max(-1e9);
        let mut hi = num("maximum").unwrap_or(lo.max(0.0) + 100.0).min(1e9);
        if let Some(x) = num("exclusiveMinimum") {
            lo = lo.max(x + 1.0);
        } else if s.get("exclusiveMinimum") == Some(&json!(true)) {
            lo += 1.0;
        }
        if let Some(x) = num("exclusiveMaximum") {
            hi = hi.min(x - 1.0);
        } else if s.get("exclusiveMaximum") == Some(&json!(true)) {
            hi -= 1.0;
        }
        let (lo, hi) = (lo.ceil() as i64, hi.floor() as i64);
        let span = (hi - lo).max(0) as usize + 1;
        let mut n = lo + self.rng.below(span.min(1000)) as i64;
        if let Some(m) = num("multipleOf").filter(|m| *m >= 1.0) {
            n = (n / m as i64) * m as i64;
        }
        json!(n)
    }

    fn number(&mut self, s: &Map<String, Value>) -> Value {
        if self.rng.chance(40) {
            return self.integer(s);
        }
        let num = |k: &str| s.get(k).and_then(Value::as_f64);
        let lo = num("minimum").or(num("exclusiveMinimum")).unwrap_or(-10.0);
        let hi = num("maximum")
            .or(num("exclusiveMaximum"))
            .unwrap_or(lo.max(0.0) + 10.0);
        let x = lo + (hi - lo) * (self.rng.below(1000) as f64 / 1000.0);
        json!((x * 100.0).round() / 100.0)
    }

    fn string(&mut self, s: &Map<String, Value>) -> Value {
        if let Some(p) = s.get("pattern").and_then(Value::as_str) {
            if let Some(text) = pattern_text(p, &mut self.rng) {
                return Value::String(text);
            }
        }
        let format = s.get("format").and_then(Value::as_str).unwrap_or("");
        let text = match format {
            "date-time" => "2024-01-02T03:04:05Z".to_string(),
            "date" => "2024-01-02".to_string(),
            "time" => "03:04:05Z".to_string(),
            "uuid" => "0f8fad5b-d9cb-469f-a165-70867728950e".to_string(),
            "uri" | "url" | "uri-reference" => "https://example.com/a".to_string(),
            "email" => "a@example.com".to_string(),
            "duration" => "PT1H".to_string(),
            _ => {
                let words = ["a", "name-1", "x_y", "Hello World", "", "ünï", "42"];
                words[self.rng.below(words.len())].to_string()
            }
        };
        let min = s.get("minLength").and_then(Value::as_u64).unwrap_or(0) as usize;
        let max = s
            .get("maxLength")
            .and_then(Value::as_u64)
            .map(|m| m as usize);
        let mut text = text;
        while text.chars().count() < min {
            text.push('a');
        }
        if let Some(max) = max {
            text = text.chars().take(max).collect();
        }
        Value::String(text)
    }

    fn array(&mut self, file: &Path, s: &Map<String, Value>, depth: usize) -> Option<Value> {
        let min = s.get("minItems").and_then(Value::as_u64).unwrap_or(0) as usize;
        let max = s
            .get("maxItems")
            .and_then(Value::as_u64)
            .unwrap_or(3)
            .min(3) as usize;
        let max = max.max(min);
        let n = if depth > MAX_DEPTH {
            min
        } else {
            min + self.rng.below(max - min + 1)
        };
        let prefix = s
            .get("prefixItems")
            .or_else(|| s.get("items").filter(|i| i.is_array()))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let rest = s.get("items").filter(|i| !i.is_array()).cloned();
        let mut out = Vec::new();
        for i in 0..n.max(prefix.len().min(max)) {
            let item = match (prefix.get(i), &rest) {
                (Some(p), _) => self.schema(file, p, depth + 1)?,
                (None, Some(r)) => self.schema(file, r, depth + 1)?,
                (None, None) => self.scalar(),
            };
            out.push(item);
        }
        if s.get("uniqueItems") == Some(&json!(true)) {
            let mut seen = Vec::new();
            out.retain(|v| {
                let keep = !seen.contains(v);
                seen.push(v.clone());
                keep
            });
        }
        Some(Value::Array(out))
    }

    fn object(
        &mut self,
        file: &Path,
        s: &Map<String, Value>,
        depth: usize,
        own_only: bool,
    ) -> Option<Value> {
        let mut out = Map::new();
        let required: Vec<&str> = s
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let empty = Map::new();
        let props = s
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        for (k, p) in props {
            let req = required.contains(&k.as_str());
            let read_only = p.get("readOnly").and_then(Value::as_bool) == Some(true);
            if !req && (depth > MAX_DEPTH || !self.rng.chance(60)) {
                continue;
            }
            if read_only && !req && self.rng.chance(50) {
                continue;
            }
            match self.schema(file, p, depth + 1) {
                Some(v) => {
                    out.insert(k.clone(), v);
                }
                None if req => return None,
                None => {}
            }
        }
        for r in &required {
            if !out.contains_key(*r) && !props.contains_key(*r) {
                out.insert(r.to_string(), self.scalar());
            }
        }
        if own_only || depth > MAX_DEPTH {
            return Some(Value::Object(out));
        }
        if let Some(Value::Object(pats)) = s.get("patternProperties") {
            for (p, ps) in pats {
                if self.rng.chance(50) {
                    if let (Some(key), Some(v)) = (
                        pattern_text(p, &mut self.rng),
                        self.schema(file, ps, depth + 1),
                    ) {
                        out.entry(key).or_insert(v);
                    }
                }
            }
        }
        match s.get("additionalProperties") {
            Some(Value::Bool(false)) => {}
            Some(ap @ Value::Object(_)) => {
                if self.rng.chance(50) {
                    let v = self.schema(file, ap, depth + 1)?;
                    out.insert(format!("key{}", self.rng.below(10)), v);
                }
            }
            _ => {
                // An undeclared key, which an open object keeps.
                if self.rng.chance(40) {
                    let v = self.scalar();
                    out.insert(format!("unknown{}", self.rng.below(10)), v);
                }
            }
        }
        Some(Value::Object(out))
    }
}

/// A string matching a simple pattern (literals, classes, `\d \w \s .`, groups, alternation,
/// quantifiers), or `None` for what this small reader does not know. The oracle decides.
pub fn pattern_text(pattern: &str, rng: &mut Rng) -> Option<String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut i = 0;
    let mut out = String::new();
    alternation(&chars, &mut i, rng, &mut out, 0)?;
    Some(out)
}

fn alternation(
    c: &[char],
    i: &mut usize,
    rng: &mut Rng,
    out: &mut String,
    depth: usize,
) -> Option<()> {
    if depth > 20 {
        return None;
    }
    // Split the branches at this level, then take one.
    let start = *i;
    let mut branches = vec![start];
    let mut level = 0;
    let mut j = start;
    let mut in_class = false;
    while j < c.len() {
        match c[j] {
            '\\' => j += 1,
            '[' if !in_class => in_class = true,
            ']' if in_class => in_class = false,
            '(' if !in_class => level += 1,
            ')' if !in_class => {
                if level == 0 {
                    break;
                }
                level -= 1;
            }
            '|' if !in_class && level == 0 => branches.push(j + 1),
            _ => {}
        }
        j += 1;
    }
    let end = j;
    let pick = branches[rng.below(branches.len())];
    *i = pick;
    sequence(c, i, end, rng, out, depth)?;
    *i = end;
    Some(())
}

fn sequence(
    c: &[char],
    i: &mut usize,
    end: usize,
    rng: &mut Rng,
    out: &mut String,
    depth: usize,
) -> Option<()> {
    while *i < end && c[*i] != '|' {
        let atom_start = out.len();
        let mut atom = String::new();
        match c[*i] {
            '^' | '$' => {
                *i += 1;
                continue;
            }
            '(' => {
                *i += 1;
                if c.get(*i) == Some(&'?') {
                    // (?:…) only.
                    if c.get(*i + 1) != Some(&':') {
                        return None;
                    }
                    *i += 2;
                }
                let mut inner = String::new();
                alternation(c, i, rng, &mut inner, depth + 1)?;
                if c.get(*i) != Some(&')') {
                    return None;
                }
                *i += 1;
                atom = inner;
            }
            '[' => {
                let (set, next) = class(c, *i + 1)?;
                *i = next;
                atom.push(*set.get(rng.below(set.len()))?);
            }
            '\\' => {
                let e = *c.get(*i + 1)?;
                *i += 2;
                atom.push(match e {
                    'd' => char::from(b'0' + rng.below(10) as u8),
                    'w' => ['a', 'Z', '_', '7'][rng.below(4)],
                    's' => ' ',
                    'n' => '\n',
                    't' => '\t',
                    c if c.is_ascii_alphanumeric() => return None,
                    c => c,
                });
            }
            '.' => {
                *i += 1;
                atom.push('x');
            }
            ch => {
                *i += 1;
                atom.push(ch);
            }
        }
        let _ = atom_start;
        let (lo, hi, next) = quantifier(c, *i)?;
        *i = next;
        let n = lo + rng.below(hi - lo + 1);
        if c.get(*i) == Some(&'?') {
            *i += 1;
        }
        for _ in 0..n {
            out.push_str(&atom);
        }
    }
    Some(())
}

fn class(c: &[char], mut i: usize) -> Option<(Vec<char>, usize)> {
    let negated = c.get(i) == Some(&'^');
    if negated {
        i += 1;
    }
    let mut set = Vec::new();
    let mut first = true;
    while i < c.len() && (c[i] != ']' || first) {
        first = false;
        let ch = if c[i] == '\\' {
            i += 1;
            match *c.get(i)? {
                'd' => {
                    set.extend('0'..='9');
                    i += 1;
                    continue;
                }
                'w' => {
                    set.extend('a'..='z');
                    set.push('_');
                    i += 1;
                    continue;
                }
                's' => {
                    set.push(' ');
                    i += 1;
                    continue;
                }
                other => other,
            }
        } else {
            c[i]
        };
        if c.get(i + 1) == Some(&'-') && c.get(i + 2).is_some_and(|e| *e != ']') {
            let e = c[i + 2];
            if e >= ch {
                set.extend(ch..=e);
            }
            i += 3;
        } else {
            set.push(ch);
            i += 1;
        }
    }
    if negated {
        let banned = set;
        set = ('a'..='z')
            .chain('0'..='9')
            .filter(|x| !banned.contains(x))
            .collect();
    }
    (!set.is_empty()).then_some((set, i + 1))
}

fn quantifier(c: &[char], i: usize) -> Option<(usize, usize, usize)> {
    match c.get(i) {
        Some('?') => Some((0, 1, i + 1)),
        Some('*') => Some((0, 3, i + 1)),
        Some('+') => Some((1, 3, i + 1)),
        Some('{') => {
            let close = (i..c.len()).find(|j| c[*j] == '}')?;
            let body: String = c[i + 1..close].iter().collect();
            let (lo, hi) = match body.split_once(',') {
                Some((a, "")) => (a.trim().parse().ok()?, a.trim().parse::<usize>().ok()? + 2),
                Some((a, b)) => (a.trim().parse().ok()?, b.trim().parse().ok()?),
                None => {
                    let n = body.trim().parse().ok()?;
                    (n, n)
                }
            };
            (lo <= hi && hi <= 64).then_some((lo, hi.min(lo + 4), close + 1))
        }
        _ => Some((1, 1, i)),
    }
}

/// Mutants of a valid instance of schema `s` that break it structurally: a value of another
/// JSON type, a required key missing, a value outside an enum, an undeclared key where
/// `additionalProperties` is `false`. (The caller keeps those the oracle refuses.)
pub fn mutants(
    docs: &Docs,
    file: &Path,
    pointer: &str,
    valid: &Value,
) -> Vec<(&'static str, Value)> {
    let mut out = Vec::new();
    for other in [
        json!("mutant"),
        json!(12345),
        json!([1]),
        json!({"m": 1}),
        json!(false),
    ] {
        if std::mem::discriminant(&other) != std::mem::discriminant(valid) {
            out.push(("wrong type", other));
            break;
        }
    }
    let Some(s) = docs.get(file, pointer) else {
        return out;
    };
    // Follow a `$ref` chain to the object schema.
    let mut s = s;
    let mut file = file.to_path_buf();
    for _ in 0..8 {
        match s.get("$ref").and_then(Value::as_str) {
            Some(r) => {
                let (f, p) = docs.resolve(&file, r);
                match docs.get(&f, &p) {
                    Some(t) => {
                        s = t;
                        file = f;
                    }
                    None => return out,
                }
            }
            None => break,
        }
    }
    let Value::Object(o) = valid else {
        return out;
    };
    if let Some(req) = s.get("required").and_then(Value::as_array) {
        if let Some(k) = req
            .iter()
            .filter_map(Value::as_str)
            .find(|k| o.contains_key(*k))
        {
            let mut m = o.clone();
            m.remove(k);
            out.push(("missing required", Value::Object(m)));
        }
    }
    if let Some(props) = s.get("properties").and_then(Value::as_object) {
        for (k, p) in props {
            let enumerated = p.get("enum").is_some()
                || p.get("$ref").and_then(Value::as_str).is_some_and(|r| {
                    let (f, ptr) = docs.resolve(&file, r);
                    docs.get(&f, &ptr).is_some_and(|t| t.get("enum").is_some())
                });
            if enumerated && o.contains_key(k) {
                let mut m = o.clone();
                m.insert(k.clone(), json!("not-a-listed-value"));
                out.push(("bad enum value", Value::Object(m)));
                break;
            }
        }
        if let Some((k, v)) = o.iter().find(|(k, _)| props.contains_key(*k)) {
            let mut m = o.clone();
            let wrong = if v.is_string() {
                json!(12345)
            } else {
                json!("mutant")
            };
            m.insert(k.clone(), wrong);
            out.push(("wrong type", Value::Object(m)));
        }
    }
    if s.get("additionalProperties") == Some(&Value::Bool(false)) {
        let mut m = o.clone();
        m.insert("unknown-key-zz".into(), json!(1));
        out.push(("unknown key", Value::Object(m)));
    }
    out
}

/// Definitions of a report (`file#pointer` → Rust type) that are named in their spec.
pub fn definitions(schemas: &BTreeMap<String, String>) -> Vec<(String, String, String)> {
    schemas
        .iter()
        .filter_map(|(k, ty)| {
            let (file, ptr) = k.split_once('#')?;
            let segs: Vec<&str> = ptr.split('/').skip(1).collect();
            let named = matches!(
                segs.as_slice(),
                [] | ["definitions", _] | ["$defs", _] | ["components", "schemas", _]
            );
            named.then(|| (file.to_string(), ptr.to_string(), ty.clone()))
        })
        .collect()
}
