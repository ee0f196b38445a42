//! The JSON Schema of a hand-written type (`x-azml-type`): the spec's own schema for it
//! (`IntegerOrBinding`'s `anyOf` of a number, an integer string and a binding), which the IR
//! does not convert. Its `$ref`s become references to the file's definitions (or, for a
//! schema that is no type of the IR, that schema in place); `x-*` keys are dropped, and an
//! `x-azml-*` rule inside it, which nothing would apply, is an error. With
//! `x-azml-anonymous`, the object types it names are referenced as their anonymous variants
//! (`Anonymous<Type>`: the listed properties replaced, so any value is accepted).

use super::Keys;
use crate::diag::Diagnostics;
use crate::ir::{Ir, Kind, TypeId};
use crate::load::{Loader, Loc};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Deepest chain of references followed into schemas that are no type of the IR.
const MAX_DEPTH: usize = 32;

/// Keywords whose value is one schema.
const ONE_SCHEMA: &[&str] = &[
    "items",
    "additionalItems",
    "additionalProperties",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "propertyNames",
];
/// Keywords whose value is a list of schemas.
const SCHEMA_LIST: &[&str] = &["allOf", "anyOf", "oneOf"];
/// Keywords whose value maps names to schemas.
const SCHEMA_MAP: &[&str] = &["properties", "patternProperties", "definitions", "$defs"];

/// The schemas of the hand-written types, ready to emit.
#[derive(Debug, Default)]
pub(crate) struct RawSchemas {
    /// Each hand-written type's schema.
    pub values: BTreeMap<TypeId, Value>,
    /// The types each one references, and whether as anonymous components
    /// (`x-azml-anonymous`).
    pub refs: BTreeMap<TypeId, Vec<(TypeId, bool)>>,
}

/// Reads the schema of every hand-written type of `ir`.
pub(crate) fn collect(
    loader: &mut Loader,
    ir: &Ir,
    keys: &Keys,
    diags: &mut Diagnostics,
) -> RawSchemas {
    let mut out = RawSchemas::default();
    for (id, t) in ir.types.iter().enumerate() {
        if !matches!(t.kind, Kind::Extern(_)) {
            continue;
        }
        let Some(schema) = loader.get(&t.loc).cloned() else {
            continue;
        };
        let mut walk = Walk {
            loader: &mut *loader,
            ir,
            keys,
            diags: &mut *diags,
            anonymous: !t.ext.anonymous.is_empty(),
            refs: Vec::new(),
        };
        let value = walk.schema(&t.loc, &schema, 0, true);
        out.refs.insert(id, walk.refs);
        out.values.insert(id, value);
    }
    out
}

struct Walk<'a> {
    loader: &'a mut Loader,
    ir: &'a Ir,
    keys: &'a Keys,
    diags: &'a mut Diagnostics,
    /// The objects this type's schema names are anonymous components.
    anonymous: bool,
    refs: Vec<(TypeId, bool)>,
}

impl Walk<'_> {
    fn error(&mut self, at: &Loc, message: impl Into<String>) {
        let file = self.loader.display(&at.file);
        self.diags.error(&file, &at.pointer, message);
    }

    /// The schema at `loc`, rewritten. `depth` counts the references followed in place; `top`
    /// is true for the hand-written type's own schema.
    fn schema(&mut self, loc: &Loc, schema: &Value, depth: usize, top: bool) -> Value {
        let Value::Object(s) = schema else {
            return schema.clone();
        };
        let mut out = Map::new();
        for (key, value) in s {
            let at = loc.child(key);
            if key.starts_with("x-") {
                // The type's own `x-azml-*` keys were read with it; inside, nothing reads them.
                if key.starts_with("x-azml-") && !top {
                    self.error(
                        &at,
                        format!("`{key}` means nothing inside an `x-azml-type`'s schema"),
                    );
                }
                continue;
            }
            let rewritten = match (key.as_str(), value) {
                ("$ref", Value::String(reference)) => {
                    return self.reference(&at, reference, s, depth);
                }
                (k, Value::Object(_)) if ONE_SCHEMA.contains(&k) => {
                    self.schema(&at, value, depth, false)
                }
                ("items", Value::Array(list)) => self.list(&at, list, depth),
                (k, Value::Array(list)) if SCHEMA_LIST.contains(&k) => self.list(&at, list, depth),
                (k, Value::Object(map)) if SCHEMA_MAP.contains(&k) => Value::Object(
                    map.iter()
                        .map(|(name, v)| {
                            (name.clone(), self.schema(&at.child(name), v, depth, false))
                        })
                        .collect(),
                ),
                _ => value.clone(),
            };
            out.insert(key.clone(), rewritten);
        }
        Value::Object(out)
    }

    fn list(&mut self, at: &Loc, list: &[Value], depth: usize) -> Value {
        Value::Array(
            list.iter()
                .enumerate()
                .map(|(i, v)| self.schema(&at.child(&i.to_string()), v, depth, false))
                .collect(),
        )
    }

    /// A `$ref` at `at`: a reference to the definition of the type it names, or the schema it
    /// names in place (under `allOf`, so that the siblings keep their meaning).
    fn reference(
        &mut self,
        at: &Loc,
        reference: &str,
        siblings: &Map<String, Value>,
        depth: usize,
    ) -> Value {
        let Some(target) = self.loader.resolve(at, reference, self.diags) else {
            return Value::Object(Map::new());
        };
        let mut out = Map::new();
        match self.ir.by_loc.get(&target) {
            Some(&id) => {
                let id = self.ir.unions_of.get(&id).copied().unwrap_or(id);
                let anonymous = self.anonymous
                    && matches!(
                        self.ir.types.get(id).map(|t| &t.kind),
                        Some(Kind::Struct(_))
                    );
                self.refs.push((id, anonymous));
                let reference = if anonymous {
                    self.keys.anonymous_reference(id)
                } else {
                    self.keys.reference(id)
                };
                out.insert("$ref".into(), Value::String(reference));
            }
            None if depth >= MAX_DEPTH => {
                self.error(at, "references nested too deeply (a cycle?)");
            }
            None => {
                let schema = self.loader.get(&target).cloned().unwrap_or(Value::Null);
                let inner = self.schema(&target, &schema, depth + 1, false);
                out.insert("allOf".into(), Value::Array(vec![inner]));
            }
        }
        // Beside `$ref`, draft-07 reads annotations only.
        for key in ["description", "title", "default", "examples"] {
            if let Some(v) = siblings.get(key) {
                out.insert(key.into(), v.clone());
            }
        }
        Value::Object(out)
    }
}
