//! Which dialect a document is written in, and where its named schemas are.

use crate::load::{escape_segment, push_escaped, Loc};
use serde_json::Value;
use std::path::Path;
use std::sync::Arc;

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
pub fn named_schemas(file: &Arc<Path>, doc: &Value) -> Vec<(Loc, String)> {
    let root = Loc {
        file: file.clone(),
        pointer: String::new(),
    };
    let mut out = Vec::new();
    let add_all = |out: &mut Vec<(Loc, String)>, container: &str, parent: Option<&Value>| {
        if let Some(map) = parent.and_then(Value::as_object) {
            for name in map.keys() {
                let loc = Loc {
                    file: file.clone(),
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
pub fn operation_schema_refs(file: &Arc<Path>, doc: &Value) -> Vec<(Loc, String)> {
    /// Walks with one pointer buffer; a [`Loc`] is made only for a found `$ref`.
    fn walk(
        v: &Value,
        pointer: &mut String,
        file: &Arc<Path>,
        out: &mut Vec<(Loc, String)>,
        depth: usize,
    ) {
        if depth > 32 {
            return;
        }
        let len = pointer.len();
        match v {
            Value::Object(m) => {
                for (k, child) in m {
                    if k == "x-ms-examples" || k == "examples" {
                        continue;
                    }
                    pointer.push('/');
                    push_escaped(pointer, k);
                    let reference = if k == "schema" {
                        child.get("$ref").and_then(Value::as_str)
                    } else {
                        None
                    };
                    match reference {
                        Some(r) => {
                            pointer.push_str("/$ref");
                            out.push((
                                Loc {
                                    pointer: pointer.clone(),
                                    file: file.clone(),
                                },
                                r.to_string(),
                            ));
                        }
                        None if child.is_object() || child.is_array() => {
                            walk(child, pointer, file, out, depth + 1)
                        }
                        None => {}
                    }
                    pointer.truncate(len);
                }
            }
            Value::Array(a) => {
                for (i, child) in a.iter().enumerate() {
                    if child.is_object() || child.is_array() {
                        pointer.push('/');
                        pointer.push_str(&i.to_string());
                        walk(child, pointer, file, out, depth + 1);
                        pointer.truncate(len);
                    }
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    if detect(doc) != Dialect::JsonSchema {
        if let Some(paths) = doc.get("paths") {
            let mut pointer = String::from("/paths");
            walk(paths, &mut pointer, file, &mut out, 0);
        }
    }
    out
}
