//! The second back end: the IR (after the passes) → one JSON Schema (draft-07, what
//! yaml-language-server and check-jsonschema read) per document kind, for editors.
//!
//! A type with `x-azml-kind` is a kind; its file is named by `x-azml-kind.schema_file` or
//! its name in camelCase (`parallelComponent.schema.json`, as Microsoft names its own). The
//! file is `{"$ref": "#/definitions/<Kind>", "definitions": {…}}` with every type the kind
//! reaches: spec definitions and types used more than once as definitions, the other inline
//! schemas in place. `x-azml-kind.unknown_keys: deny` closes the root to the type's keys;
//! `x-azml-anonymous` adds `Anonymous<Type>` variants (see the `raw` module). The module
//! `types` writes a type, `raw` a hand-written type's spec schema, `case` the lower-cased enums.

mod case;
mod raw;
mod types;

use crate::diag::Diagnostics;
use crate::ir::{Ir, Kind, Ty, TypeId};
use crate::load::Loader;
use crate::naming::{self, Names};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// The draft the schemas follow.
pub const DRAFT: &str = "http://json-schema.org/draft-07/schema#";

/// One kind's JSON Schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaFile {
    /// The kind's name (`x-azml-kind.name`, the registry's).
    pub kind: String,
    /// The file name (`parallelComponent.schema.json`).
    pub file_name: String,
    /// The schema as pretty-printed JSON, ending with a newline.
    pub text: String,
}

/// The definition name of every type: the naming stage's, or for a hand-written type (which
/// has none) its spec name; unique in the whole IR, so the same in every file.
#[derive(Debug, Default)]
pub(crate) struct Keys(Vec<String>);

impl Keys {
    fn new(ir: &Ir, names: &Names) -> Keys {
        let mut used = BTreeSet::new();
        let mut keys = vec![String::new(); ir.types.len()];
        // Generated names first: they are unique already.
        for (id, name) in names.types.iter().enumerate() {
            if let (Some(name), Some(key)) = (name, keys.get_mut(id)) {
                *key = name.unraw().to_owned();
                used.insert(key.clone());
            }
        }
        for (id, t) in ir.types.iter().enumerate() {
            if keys.get(id).is_some_and(|k| !k.is_empty()) {
                continue;
            }
            let want = naming::pascal(t.client_name.as_deref().unwrap_or(&t.hint), "Unnamed");
            let mut key = want.unraw().to_owned();
            let mut n = 2;
            while !used.insert(key.clone()) {
                key = format!("{}{n}", want.unraw());
                n += 1;
            }
            if let Some(slot) = keys.get_mut(id) {
                *slot = key;
            }
        }
        Keys(keys)
    }

    fn key(&self, id: TypeId) -> &str {
        self.0.get(id).map(String::as_str).unwrap_or("Unnamed")
    }

    /// The definition name of a type's anonymous variant (`AnonymousParallelComponent`, as
    /// azure-ai-ml names the schema of a component written in place).
    fn anonymous_key(&self, id: TypeId) -> String {
        format!("Anonymous{}", self.key(id))
    }

    /// The `$ref` text of a definition.
    pub(crate) fn reference(&self, id: TypeId) -> String {
        let mut out = String::from("#/definitions/");
        crate::load::push_escaped(&mut out, self.key(id));
        out
    }

    /// The `$ref` text of a type's anonymous variant.
    pub(crate) fn anonymous_reference(&self, id: TypeId) -> String {
        let mut out = String::from("#/definitions/");
        crate::load::push_escaped(&mut out, &self.anonymous_key(id));
        out
    }
}

/// Every type a type's schema uses, once per use, and whether as an anonymous component.
fn uses(ir: &Ir, raw: &raw::RawSchemas, id: TypeId) -> Vec<(TypeId, bool)> {
    fn named(ty: &Ty, out: &mut Vec<(TypeId, bool)>) {
        match ty {
            Ty::Named(id) => out.push((*id, false)),
            Ty::Array(t) | Ty::Map(t) | Ty::Nullable(t) => named(t, out),
            _ => {}
        }
    }
    let mut out = Vec::new();
    match ir.types.get(id).map(|t| &t.kind) {
        Some(Kind::Struct(sd)) => {
            for f in &sd.fields {
                named(&f.ty, &mut out);
            }
            if let Some(extra) = &sd.extra {
                named(extra, &mut out);
            }
        }
        Some(Kind::Union(u)) => out.extend(u.variants.iter().map(|v| (v.ty, false))),
        Some(Kind::Untagged(members)) => {
            for m in members {
                named(&m.ty, &mut out);
            }
        }
        Some(Kind::Alias(ty)) => named(ty, &mut out),
        Some(Kind::Extern(_)) => out.extend(raw.refs.get(&id).into_iter().flatten()),
        Some(Kind::Enum(_) | Kind::Pending) | None => {}
    }
    out
}

/// The root of a kind's file: its type, and with `unknown_keys: deny` only its keys.
fn root_schema(ir: &Ir, keys: &Keys, root: TypeId, deny_unknown: bool) -> Map<String, Value> {
    let reference = json!({ "$ref": keys.reference(root) });
    let fields = match ir.types.get(root).map(|t| &t.kind) {
        Some(Kind::Struct(sd)) if deny_unknown => &sd.fields,
        _ => return object_of(reference),
    };
    let names: Map<String, Value> = fields
        .iter()
        .map(|f| (f.wire.clone(), Value::Bool(true)))
        .collect();
    object_of(json!({
        "allOf": [reference],
        "properties": names,
        "additionalProperties": false,
    }))
}

fn object_of(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// The JSON Schema of one kind, rooted at type `root`.
fn file(ir: &Ir, keys: &Keys, raw: &raw::RawSchemas, root: TypeId, deny_unknown: bool) -> Value {
    // Every type the kind reaches, how many times each is used, and how.
    let mut count: BTreeMap<TypeId, usize> = BTreeMap::from([(root, 1)]);
    let mut plain = BTreeSet::from([root]);
    let mut anonymous = BTreeSet::new();
    let mut queue = VecDeque::from([root]);
    let mut seen = BTreeSet::from([root]);
    while let Some(id) = queue.pop_front() {
        for (used, as_anonymous) in uses(ir, raw, id) {
            *count.entry(used).or_default() += 1;
            if as_anonymous {
                anonymous.insert(used);
            } else {
                plain.insert(used);
            }
            if seen.insert(used) {
                queue.push_back(used);
            }
        }
    }
    // A `$ref` in a hand-written type's schema needs a definition to point to.
    let referenced_raw: BTreeSet<TypeId> = raw.refs.values().flatten().map(|(id, _)| *id).collect();
    let inline: BTreeSet<TypeId> = count
        .iter()
        .filter(|(id, n)| {
            **n == 1
                && **id != root
                && !referenced_raw.contains(id)
                && ir.types.get(**id).is_some_and(|t| !t.named_in_spec)
        })
        .map(|(id, _)| *id)
        .collect();
    let writer = types::Writer {
        ir,
        keys,
        raw,
        inline: &inline,
    };
    let mut definitions: Vec<(String, Value)> = plain
        .iter()
        .filter(|id| !inline.contains(id))
        .map(|id| (keys.key(*id).to_owned(), writer.type_schema(*id)))
        .chain(anonymous.iter().map(|id| {
            let replaced = anonymous_properties(ir, raw, *id);
            (
                keys.anonymous_key(*id),
                writer.anonymous_schema(*id, &replaced),
            )
        }))
        .collect();
    definitions.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = object_of(json!({
        "$schema": DRAFT,
        "$comment": "Generated by azml from its specs (cargo xtask codegen); do not edit. Rules no JSON Schema can express (files that must exist, cross-field and cross-file rules, Python's conversions) are checked by `azml validate`.",
    }));
    out.extend(root_schema(ir, keys, root, deny_unknown));
    out.insert(
        "definitions".into(),
        Value::Object(definitions.into_iter().collect()),
    );
    Value::Object(out)
}

/// The properties replaced in the anonymous variant of `id`: those every hand-written type
/// naming it anonymously lists.
fn anonymous_properties(ir: &Ir, raw: &raw::RawSchemas, id: TypeId) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (owner, refs) in &raw.refs {
        if refs.contains(&(id, true)) {
            for p in ir
                .types
                .get(*owner)
                .map(|t| &t.ext.anonymous)
                .into_iter()
                .flatten()
            {
                if !out.contains(p) {
                    out.push(p.clone());
                }
            }
        }
    }
    out
}

/// The JSON Schema of every kind in `ir`, by file name. Problems (a hand-written type's
/// schema that cannot be read) are added to `diags`.
pub(crate) fn write(
    loader: &mut Loader,
    ir: &Ir,
    names: &Names,
    diags: &mut Diagnostics,
) -> Vec<SchemaFile> {
    let keys = Keys::new(ir, names);
    let raw = raw::collect(loader, ir, &keys, diags);
    let mut files: Vec<SchemaFile> = ir
        .types
        .iter()
        .enumerate()
        .filter_map(|(id, t)| {
            let kind = t.ext.kind.as_ref()?;
            let schema = file(ir, &keys, &raw, id, kind.deny_unknown);
            let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
            text.push('\n');
            Some(SchemaFile {
                kind: kind.name.clone(),
                file_name: kind.schema_file(),
                text,
            })
        })
        .collect();
    files.sort_by(|a, b| a.file_name.cmp(&b.file_name));
    files
}
