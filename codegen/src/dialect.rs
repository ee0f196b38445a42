//! Which dialect a document is written in, and where its named schemas are.

use crate::load::{escape_segment, Loc};
use serde_json::Value;
use std::path::Path;

/// The spec dialects the generator reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Swagger 2.0: `definitions`.
    Swagger2,
    /// OpenAPI 3.0 / 3.1: `components/schemas`.
    OpenApi3,
    /// JSON Schema draft-04 to 2020-12: the root schema, `definitions` and `$defs`.
    JsonSchema,
}

/// Detects the dialect from the document's version keys.
pub fn detect(doc: &Value) -> Dialect {
    if doc.get("swagger").is_some() {
        Dialect::Swagger2
    } else if doc.get("openapi").is_some() {
        Dialect::OpenApi3
    } else {
        Dialect::JsonSchema
    }
}

/// The named schemas of a document: (location, name), in document order.
pub fn named_schemas(file: &Path, doc: &Value) -> Vec<(Loc, String)> {
    let root = Loc {
        file: file.to_path_buf(),
        pointer: String::new(),
    };
    let mut out = Vec::new();
    let add_all = |out: &mut Vec<(Loc, String)>, container: &str, parent: Option<&Value>| {
        if let Some(map) = parent.and_then(Value::as_object) {
            for name in map.keys() {
                let loc = Loc {
                    file: file.to_path_buf(),
                    pointer: format!("{container}/{}", escape_segment(name)),
                };
                out.push((loc, name.clone()));
            }
        }
    };
    match detect(doc) {
        Dialect::Swagger2 => add_all(&mut out, "/definitions", doc.get("definitions")),
        Dialect::OpenApi3 => add_all(
            &mut out,
            "/components/schemas",
            doc.get("components").and_then(|c| c.get("schemas")),
        ),
        Dialect::JsonSchema => {
            let is_schema = [
                "type",
                "properties",
                "allOf",
                "oneOf",
                "anyOf",
                "enum",
                "$ref",
                "items",
            ]
            .iter()
            .any(|k| doc.get(k).is_some());
            if is_schema {
                let name = doc
                    .get("title")
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .or_else(|| file.file_stem().map(|s| s.to_string_lossy().into_owned()))
                    .unwrap_or_else(|| "Root".to_string());
                out.push((root.clone(), name));
            }
            add_all(&mut out, "/definitions", doc.get("definitions"));
            add_all(&mut out, "/$defs", doc.get("$defs"));
        }
    }
    out
}

/// `$ref`s of the schemas that operations use (`paths/**/schema/$ref`): (where, reference).
pub fn operation_schema_refs(file: &Path, doc: &Value) -> Vec<(Loc, String)> {
    fn walk(v: &Value, loc: &Loc, out: &mut Vec<(Loc, String)>, depth: usize) {
        if depth > 32 {
            return;
        }
        match v {
            Value::Object(m) => {
                for (k, child) in m {
                    let at = loc.child(k);
                    if k == "schema" {
                        if let Some(r) = child.get("$ref").and_then(Value::as_str) {
                            out.push((at.child("$ref"), r.to_string()));
                            continue;
                        }
                    }
                    if k != "x-ms-examples" && k != "examples" {
                        walk(child, &at, out, depth + 1);
                    }
                }
            }
            Value::Array(a) => {
                for (i, child) in a.iter().enumerate() {
                    walk(child, &loc.child(&i.to_string()), out, depth + 1);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    if detect(doc) != Dialect::JsonSchema {
        if let Some(paths) = doc.get("paths") {
            let loc = Loc {
                file: file.to_path_buf(),
                pointer: "/paths".to_string(),
            };
            walk(paths, &loc, &mut out, 0);
        }
    }
    out
}
