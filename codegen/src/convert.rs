//! Stage 2, IR: converts schemas (any dialect) into [`Ir`] types.
//!
//! Named definitions are registered first; every `$ref` and every inline schema that needs a
//! type of its own (object, enum, union) registers one more, and a work queue converts them
//! all. Inheritance, polymorphism and cycles are later passes (`inherit`, `poly`, `cycles`).

use crate::azml_ext;
use crate::checks;
use crate::diag::Diagnostics;
use crate::extern_type;
use crate::ir::{
    Checks, EnumDef, EnumValue, Field, Ir, Kind, Member, PatternProp, StructDef, Ty, TypeDef,
    TypeId, UnionDef, Variant,
};
use crate::load::{unescape_segment, Loader, Loc};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Nesting guard for inline `allOf` chains.
const MAX_DEPTH: usize = 64;

/// The converter's state.
pub struct Converter<'a> {
    loader: &'a mut Loader,
    diags: &'a mut Diagnostics,
    /// The IR being built.
    pub ir: Ir,
    next: usize,
    enum_names: BTreeMap<String, (Vec<String>, TypeId)>,
    /// The shared union of each plain `type` list, and the one `Null` type, by name.
    type_lists: BTreeMap<String, TypeId>,
    default_derives: Vec<String>,
    /// Schemas that fell back to `serde_json::Value` (file, pointer, reason).
    pub untyped: Vec<(String, String, String)>,
}

/// The value at a JSON pointer (`""` is the document).
fn pointer<'v>(doc: &'v Value, ptr: &str) -> Option<&'v Value> {
    if ptr.is_empty() {
        Some(doc)
    } else {
        doc.pointer(ptr)
    }
}

/// An array item or map value that may be `null` is an `Option` (an untyped
/// value holds `null` already).
fn nullable_if(ty: Ty, nullable: bool) -> Ty {
    if nullable && ty != Ty::Value {
        Ty::Nullable(Box::new(ty))
    } else {
        ty
    }
}

fn is_nullable(s: &Map<String, Value>) -> bool {
    let flag = |k: &str| s.get(k).and_then(Value::as_bool) == Some(true);
    if flag("x-nullable") || flag("nullable") {
        return true;
    }
    if let Some(Value::Array(types)) = s.get("type") {
        if types.iter().any(|t| t == "null") {
            return true;
        }
    }
    false
}

/// The schema allows `null` itself: a nullable flag or type, or a `null` member of its
/// `oneOf`/`anyOf` (an enum holds its own `null`).
fn allows_null(s: &Map<String, Value>) -> bool {
    is_nullable(s)
        || ["oneOf", "anyOf"].iter().any(|k| {
            s.get(*k)
                .and_then(Value::as_array)
                .is_some_and(|ms| ms.iter().any(is_null_schema))
        })
}

fn doc_of(s: &Map<String, Value>) -> Option<String> {
    s.get("description")
        .or_else(|| s.get("title"))
        .and_then(Value::as_str)
        .map(bounded_doc)
}

/// Longest description kept in a doc comment, in bytes.
pub const MAX_DOC: usize = 64 << 10;

/// A description as kept for the doc comment: at most [`MAX_DOC`] bytes (cut at a character
/// boundary, with a note), so that a huge description cannot make the output huge.
fn bounded_doc(text: &str) -> String {
    if text.len() <= MAX_DOC {
        return text.to_string();
    }
    let mut cut = MAX_DOC;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    format!(
        "{}…\n\n(The description is {} bytes long; its first {cut} are shown.)",
        &text[..cut],
        text.len()
    )
}

fn str_of<'v>(s: &'v Map<String, Value>, k: &str) -> Option<&'v str> {
    s.get(k).and_then(Value::as_str)
}

/// The non-null `type` of a schema (first one when a list).
fn type_of(s: &Map<String, Value>) -> Option<String> {
    match s.get("type")? {
        Value::String(t) => Some(t.clone()),
        Value::Array(ts) => {
            let non_null: Vec<&str> = ts
                .iter()
                .filter_map(Value::as_str)
                .filter(|t| *t != "null")
                .collect();
            if non_null.len() == 1 {
                non_null.first().map(|t| t.to_string())
            } else {
                None
            }
        }
        _ => None,
    }
}

fn is_null_schema(v: &Value) -> bool {
    match v.as_object() {
        Some(o) => {
            o.get("type") == Some(&Value::String("null".into()))
                || o.get("enum") == Some(&Value::Array(vec![Value::Null]))
        }
        None => false,
    }
}

/// Words for a name hint from a pointer: the segments after the container, without keywords.
pub fn hint_from_loc(loc: &Loc) -> String {
    let segs: Vec<String> = loc
        .pointer
        .split('/')
        .skip(1)
        .map(unescape_segment)
        .collect();
    let start = segs
        .iter()
        .position(|s| s == "definitions" || s == "$defs" || s == "schemas")
        .map(|i| i + 1)
        .unwrap_or(0);
    let words: Vec<&str> = segs
        .iter()
        .skip(start)
        .map(String::as_str)
        .filter(|s| {
            !matches!(
                *s,
                "properties" | "items" | "additionalProperties" | "allOf" | "oneOf" | "anyOf"
            )
        })
        .filter(|s| s.parse::<u64>().is_err())
        .collect();
    if words.is_empty() {
        loc.file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Root".into())
    } else {
        words.join(" ")
    }
}

impl<'a> Converter<'a> {
    /// A converter over loaded files.
    pub fn new(
        loader: &'a mut Loader,
        diags: &'a mut Diagnostics,
        default_derives: Vec<String>,
    ) -> Self {
        Converter {
            loader,
            diags,
            ir: Ir::default(),
            next: 0,
            enum_names: BTreeMap::new(),
            type_lists: BTreeMap::new(),
            default_derives,
            untyped: Vec::new(),
        }
    }

    fn file(&self, loc: &Loc) -> String {
        self.loader.display(&loc.file)
    }

    fn warn(&mut self, loc: &Loc, msg: impl Into<String>) {
        let f = self.file(loc);
        self.diags.warn(&f, &loc.pointer, msg);
    }

    fn error(&mut self, loc: &Loc, msg: impl Into<String>) {
        let f = self.file(loc);
        self.diags.error(&f, &loc.pointer, msg);
    }

    /// Records a fallback to `serde_json::Value` and why.
    fn untyped(&mut self, loc: &Loc, reason: &str) {
        let f = self.file(loc);
        self.untyped
            .push((f, loc.pointer.clone(), reason.to_string()));
    }

    /// Registers a schema location as a type (once) and queues it for conversion.
    pub fn register(&mut self, loc: Loc, hint: String, named_in_spec: bool) -> TypeId {
        if let Some(id) = self.ir.by_loc.get(&loc) {
            return *id;
        }
        let doc = self.loader.doc_shared(&loc.file);
        let schema = doc
            .as_deref()
            .and_then(|d| pointer(d, &loc.pointer))
            .and_then(Value::as_object);
        // x-ms-enum names are shared: an inline enum with the same name and values is the same type.
        if let Some(s) = schema.filter(|s| !s.contains_key(extern_type::KEY)) {
            if let Some((name, values)) = enum_key(s) {
                if let Some((known, id)) = self.enum_names.get(&name) {
                    if *known == values {
                        let id = *id;
                        self.ir.by_loc.insert(loc, id);
                        return id;
                    }
                }
            }
        }
        let id = self.ir.types.len();
        let client_name = schema.and_then(|s| {
            let enum_name = if named_in_spec {
                None
            } else {
                enum_key(s).map(|(n, _)| n)
            };
            let title = (!named_in_spec)
                .then(|| str_of(s, "title"))
                .flatten()
                .map(str::to_string);
            str_of(s, "x-ms-client-name")
                .map(str::to_string)
                .or(enum_name)
                .or(title)
        });
        let mut derives = self.default_derives.clone();
        if let Some(Value::Array(ds)) = schema.and_then(|s| s.get("x-azml-derive")) {
            for d in ds.iter().filter_map(Value::as_str) {
                if !derives.iter().any(|x| x == d) {
                    derives.push(d.to_string());
                }
            }
        }
        if let Some(s) = schema {
            if let Some((name, values)) = enum_key(s) {
                self.enum_names.entry(name).or_insert((values, id));
            }
        }
        let mut problems = Vec::new();
        let ext = schema
            .map(|s| azml_ext::type_ext(s, &mut problems))
            .unwrap_or_default();
        self.ext_problems(&loc, problems);
        let file = self.file(&loc);
        self.ir.types.push(TypeDef {
            loc: loc.clone(),
            file,
            hint,
            client_name,
            named_in_spec,
            doc: schema.and_then(doc_of),
            derives,
            kind: Kind::Pending,
            checks: None,
            ext: Box::new(ext),
            nullable: schema.is_some_and(allows_null),
        });
        self.ir.by_loc.insert(loc, id);
        id
    }

    /// True when `ty` names a type whose schema allows `null` itself.
    fn named_nullable(&self, ty: &Ty) -> bool {
        matches!(ty, Ty::Named(id) if self.ir.types.get(*id).is_some_and(|t| t.nullable))
    }

    /// Reports problems of `x-azml-*` values found under `loc`.
    fn ext_problems(&mut self, loc: &Loc, problems: azml_ext::Problems) {
        for (pointer, message) in problems {
            let at = Loc {
                pointer: format!("{}{pointer}", loc.pointer),
                file: loc.file.clone(),
            };
            self.error(&at, message);
        }
    }

    /// Converts every queued type.
    pub fn run(&mut self) {
        while self.next < self.ir.types.len() {
            let id = self.next;
            self.next += 1;
            let loc = self.ir.types[id].loc.clone();
            let hint = self.ir.types[id].hint.clone();
            // The document is shared, so the schema is read in place while more files load.
            let doc = self.loader.doc_shared(&loc.file);
            let schema = doc.as_deref().and_then(|d| pointer(d, &loc.pointer));
            let kind = match schema {
                Some(Value::Object(s)) => self.kind_of(&loc, s, &hint),
                // An object member of a `type` list (`…/type/<i>`): the schema as that type.
                Some(Value::String(t)) if type_member(&loc).is_some() => {
                    let parent = type_member(&loc).unwrap_or_else(|| loc.clone());
                    match doc.as_deref().and_then(|d| pointer(d, &parent.pointer)) {
                        Some(Value::Object(p)) => {
                            let mut one = p.clone();
                            one.insert("type".into(), Value::String(t.clone()));
                            self.kind_of(&parent, &one, &hint)
                        }
                        _ => Kind::Alias(Ty::Value),
                    }
                }
                Some(Value::Bool(true)) => {
                    self.untyped(&loc, "`true`: any value");
                    Kind::Alias(Ty::Value)
                }
                Some(_) => {
                    self.error(&loc, "schema is not an object");
                    Kind::Alias(Ty::Value)
                }
                None => {
                    self.error(&loc, "schema not found");
                    Kind::Alias(Ty::Value)
                }
            };
            let checks = match (&kind, schema) {
                (Kind::Alias(_), Some(Value::Object(s))) => self.checks(&loc, s),
                _ => None,
            };
            // `x-azml-catch-all` at the file's root: every untagged union of the file.
            let catch_all = matches!(kind, Kind::Untagged(_))
                && doc
                    .as_deref()
                    .and_then(|d| d.get("x-azml-catch-all"))
                    .and_then(Value::as_bool)
                    == Some(true);
            if let Some(t) = self.ir.types.get_mut(id) {
                t.kind = kind;
                t.checks = checks;
                t.ext.catch_all |= catch_all;
            }
        }
    }

    fn kind_of(&mut self, loc: &Loc, s: &Map<String, Value>, hint: &str) -> Kind {
        if let Some(v) = s.get(extern_type::KEY) {
            return self.extern_kind(loc, v);
        }
        if let Some(r) = str_of(s, "$ref") {
            let r = r.to_string();
            return Kind::Alias(self.ref_ty(&loc.child("$ref"), &r));
        }
        if several_types(s) && s.get("enum").is_none() {
            return self.type_list_kind(loc, s, hint);
        }
        if is_struct_schema(s) {
            let mut sd = self.build_struct(loc, s, hint);
            self.struct_ext(loc, s, &mut sd);
            return Kind::Struct(sd);
        }
        if s.get("enum").is_some() {
            return self.enum_kind(loc, s);
        }
        if s.get("oneOf").is_some() || s.get("anyOf").is_some() {
            return self.union_kind(loc, s, hint);
        }
        if type_of(s).as_deref() == Some("null") {
            return self.enum_kind(loc, &only_null());
        }
        if let Some(c) = s.get("const") {
            // A type of its own that holds one value is an enum of it: deserializing refuses
            // any other, so a union of constants picks the member that matches.
            let mut one = s.clone();
            one.insert("enum".into(), Value::Array(vec![c.clone()]));
            return self.enum_kind(loc, &one);
        }
        let (ty, _) = self.scalar_ty(loc, s, hint);
        Kind::Alias(ty)
    }

    /// The struct-shaping extensions: `x-azml-unknown-keys` sets what `additionalProperties`
    /// would, and `x-azml-inherit`'s `from` is resolved to its type.
    fn struct_ext(&mut self, loc: &Loc, s: &Map<String, Value>, sd: &mut StructDef) {
        let own = s.get("x-azml-unknown-keys").and_then(Value::as_str);
        if own.is_some() {
            sd.open_default = false;
        } else if sd.open_default {
            // The file's default (`x-azml-unknown-keys` at its root) for schemas that say nothing.
            match self.file_unknown_keys(loc).as_deref() {
                Some("drop") => sd.open_default = false,
                Some("deny") => {
                    sd.open_default = false;
                    sd.closed = true;
                }
                _ => {}
            }
        }
        match own {
            Some("deny") => {
                sd.closed = true;
                sd.extra = None;
            }
            Some("drop") => {
                sd.closed = false;
                sd.extra = None;
            }
            Some("keep" | "keep-rest" | "keep-first") if sd.extra.is_none() => {
                sd.closed = false;
                sd.extra = Some(Ty::Value);
            }
            _ => {}
        }
        let from = s
            .get("x-azml-inherit")
            .and_then(|i| i.get("from"))
            .and_then(|f| f.get("$ref"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        if let Some(reference) = from {
            let at = loc.child("x-azml-inherit").child("from");
            let ty = self.ref_ty(&at, &reference);
            let id = self.ir.by_loc.get(loc).copied();
            if let (Ty::Named(from_id), Some(id)) = (ty, id) {
                if let Some(inherit) = self
                    .ir
                    .types
                    .get_mut(id)
                    .and_then(|t| t.ext.inherit.as_mut())
                {
                    inherit.from_ty = Some(from_id);
                }
            }
        }
    }

    /// `x-azml-unknown-keys` at the root of a schema's file: the default of its object
    /// schemas (`drop`, `deny` or `keep`); another value is an error there.
    fn file_unknown_keys(&mut self, loc: &Loc) -> Option<String> {
        let doc = self.loader.doc_shared(&loc.file)?;
        let value = doc.get("x-azml-unknown-keys")?;
        match value.as_str() {
            Some(v @ ("drop" | "deny" | "keep")) => Some(v.to_string()),
            _ => {
                let at = Loc {
                    file: loc.file.clone(),
                    pointer: "/x-azml-unknown-keys".into(),
                };
                self.error(
                    &at,
                    "`x-azml-unknown-keys` at a file's root must be \"drop\", \"deny\" or \"keep\"",
                );
                None
            }
        }
    }

    /// A hand-written type (`x-azml-type`), or an error when its value is not a plain path.
    fn extern_kind(&mut self, loc: &Loc, v: &Value) -> Kind {
        let at = loc.child(extern_type::KEY);
        let parsed = match v {
            Value::String(text) => extern_type::parse(text),
            _ => Err(format!("`{}` must be a string", extern_type::KEY)),
        };
        match parsed {
            Ok(path) => Kind::Extern(path),
            Err(e) => {
                self.error(&at, e);
                Kind::Alias(Ty::Value)
            }
        }
    }

    /// The type of a property/items/value schema, registering a named type when it needs one.
    /// Returns the type and whether the schema allows `null`.
    pub fn ty_of(&mut self, loc: &Loc, schema: &Value, hint: &str) -> (Ty, bool) {
        let s = match schema {
            Value::Object(s) => s,
            Value::Bool(true) => {
                self.untyped(loc, "`true`: any value");
                return (Ty::Value, false);
            }
            _ => {
                self.warn(loc, "schema is not an object; using an untyped JSON value");
                self.untyped(loc, "not a schema");
                return (Ty::Value, false);
            }
        };
        let nullable = is_nullable(s);
        if s.contains_key(extern_type::KEY) {
            let id = self.register(loc.clone(), hint.to_string(), false);
            return (Ty::Named(id), nullable);
        }
        if let Some(r) = str_of(s, "$ref") {
            let r = r.to_string();
            let ty = self.ref_ty(&loc.child("$ref"), &r);
            let nullable = nullable || self.named_nullable(&ty);
            return (ty, nullable);
        }
        // `allOf: [{$ref}]` alone is only a wrapper for siblings such as a description;
        // `allOf: [{$ref}, {type: null}]` is OpenAPI 3.1's usual nullable reference.
        if let Some(Value::Array(all)) = s.get("allOf") {
            let (nulls, refs): (Vec<Indexed>, Vec<Indexed>) =
                all.iter().enumerate().partition(|(_, a)| is_null_schema(a));
            if let ([(i, only)], None) = (refs.as_slice(), s.get("properties")) {
                if let Some(r) = only.get("$ref").and_then(Value::as_str) {
                    let r = r.to_string();
                    let at = loc.child("allOf").child(&i.to_string()).child("$ref");
                    let ty = self.ref_ty(&at, &r);
                    let nullable = nullable || !nulls.is_empty() || self.named_nullable(&ty);
                    return (ty, nullable);
                }
            }
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(Value::Array(vs)) = s.get(key) {
                let non_null: Vec<(usize, &Value)> = vs
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| !is_null_schema(v))
                    .collect();
                if non_null.len() < vs.len() && non_null.len() == 1 && s.get("properties").is_none()
                {
                    if let Some((i, v)) = non_null.first() {
                        let (t, _) = self.ty_of(&loc.child(key).child(&i.to_string()), v, hint);
                        return (t, true);
                    }
                }
            }
        }
        let needs_type = is_struct_schema(s)
            || s.get("oneOf").is_some()
            || s.get("anyOf").is_some()
            || s.get("enum")
                .and_then(Value::as_array)
                .is_some_and(|e| !e.is_empty())
            || several_types(s);
        if let Some(name) = several_types(s).then(|| plain_type_list(s)).flatten() {
            // One union per list of types, shared by every use (`null` is each use's own).
            if let Some(id) = self.type_lists.get(&name).copied() {
                self.ir.by_loc.insert(loc.clone(), id);
                return (Ty::Named(id), nullable);
            }
            let id = self.register(loc.clone(), name.clone(), false);
            if let Some(t) = self.ir.types.get_mut(id) {
                t.nullable = false;
                t.client_name = None;
            }
            self.type_lists.insert(name, id);
            return (Ty::Named(id), nullable);
        }
        if needs_type {
            let id = self.register(loc.clone(), hint.to_string(), false);
            let nullable = nullable || self.named_nullable(&Ty::Named(id));
            return (Ty::Named(id), nullable);
        }
        if s.get("const").is_some() {
            return (const_ty(s), nullable);
        }
        let (t, n) = self.scalar_ty(loc, s, hint);
        (t, nullable || n)
    }

    /// Types that need no name of their own: primitives, arrays, maps, untyped.
    fn scalar_ty(&mut self, loc: &Loc, s: &Map<String, Value>, hint: &str) -> (Ty, bool) {
        let format = str_of(s, "format").unwrap_or("");
        let t = type_of(s);
        let ty = match t.as_deref() {
            Some("string") => Ty::String,
            Some("boolean") => Ty::Bool,
            Some("integer") => match format {
                "int32" => Ty::I32,
                _ => Ty::I64,
            },
            // Whatever its format (`float`, `int32`, `integer`…), a JSON number may have a
            // fraction and more digits than single precision keeps: `f64` holds it back.
            Some("number") => Ty::F64,
            Some("array") => match s.get("items") {
                Some(items @ Value::Object(_)) | Some(items @ Value::Bool(_)) => {
                    let (inner, nullable) =
                        self.ty_of(&loc.child("items"), items, &format!("{hint} item"));
                    Ty::Array(Box::new(nullable_if(inner, nullable)))
                }
                Some(Value::Array(_)) => {
                    self.warn(
                        loc,
                        "tuple `items` are not supported; using a list of untyped JSON values",
                    );
                    Ty::Array(Box::new(Ty::Value))
                }
                _ => Ty::Array(Box::new(Ty::Value)),
            },
            Some("object") | None => match s.get("additionalProperties") {
                Some(ap @ Value::Object(o)) if !o.is_empty() => {
                    let (inner, nullable) = self.ty_of(
                        &loc.child("additionalProperties"),
                        ap,
                        &format!("{hint} value"),
                    );
                    Ty::Map(Box::new(nullable_if(inner, nullable)))
                }
                Some(Value::Object(_)) | Some(Value::Bool(true)) => Ty::Map(Box::new(Ty::Value)),
                _ if t.is_some() => Ty::Map(Box::new(Ty::Value)),
                _ => {
                    self.untyped(loc, "no type: any value");
                    Ty::Value
                }
            },
            // One type that holds only `null` (an enum of it), shared by every use.
            Some("null") => match self.type_lists.get("Null").copied() {
                Some(id) => {
                    self.ir.by_loc.insert(loc.clone(), id);
                    Ty::Named(id)
                }
                None => {
                    let id = self.register(loc.clone(), "Null".into(), false);
                    self.type_lists.insert("Null".into(), id);
                    Ty::Named(id)
                }
            },
            Some("file") => Ty::String,
            Some(other) => {
                self.warn(
                    loc,
                    format!("unknown type \"{other}\"; using an untyped JSON value"),
                );
                self.untyped(loc, "unknown type");
                Ty::Value
            }
        };
        (ty, false)
    }

    /// Registers the target of a `$ref` found at `at` (e.g. an operation's body schema).
    pub fn register_ref(&mut self, at: &Loc, reference: &str) {
        self.ref_ty(at, reference);
    }

    fn ref_ty(&mut self, at: &Loc, reference: &str) -> Ty {
        match self.loader.resolve(at, reference, self.diags) {
            Some(target) => {
                let hint = hint_from_loc(&target);
                let named = is_definition(&target);
                Ty::Named(self.register(target, hint, named))
            }
            None => Ty::Value,
        }
    }

    fn enum_kind(&mut self, loc: &Loc, s: &Map<String, Value>) -> Kind {
        let raw = s
            .get("enum")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        if raw.is_empty() {
            self.warn(loc, "enum without values; using an untyped JSON value");
            self.untyped(loc, "an empty enum");
            return Kind::Alias(Ty::Value);
        }
        // A value of another JSON type than string makes the enum one of JSON values.
        let json = raw.iter().any(|v| !v.is_string());
        let xms = s.get("x-ms-enum").and_then(Value::as_object);
        let open = !json
            && xms
                .and_then(|x| x.get("modelAsString"))
                .and_then(Value::as_bool)
                .unwrap_or(false);
        let mut meta: BTreeMap<String, (Option<String>, Option<String>)> = BTreeMap::new();
        if let Some(Value::Array(vs)) = xms.and_then(|x| x.get("values")) {
            for v in vs.iter().filter_map(Value::as_object) {
                if let Some(w) = v.get("value").and_then(Value::as_str) {
                    meta.insert(
                        w.to_string(),
                        (
                            str_of(v, "name").map(str::to_string),
                            str_of(v, "description").map(bounded_doc),
                        ),
                    );
                }
            }
        }
        let mut seen: Vec<&Value> = Vec::new();
        let mut values = Vec::new();
        for v in &raw {
            if seen.iter().any(|s| same_json(s, v)) {
                self.warn(loc, format!("enum value {v} is listed twice"));
                continue;
            }
            seen.push(v);
            let (wire, value) = match v {
                Value::String(w) if !json => (w.clone(), None),
                other => (other.to_string(), Some(other.clone())),
            };
            let key = v.as_str().map_or_else(|| wire.clone(), str::to_string);
            let (name, doc) = meta.get(&key).cloned().unwrap_or((None, None));
            let name = name.or_else(|| v.as_str().map(str::to_string));
            values.push(EnumValue {
                wire,
                json: value,
                name,
                doc,
            });
        }
        Kind::Enum(EnumDef { values, open })
    }

    /// A `type` list of several types (`[boolean, number]`): an untagged union of one member
    /// a type, named after them (`BoolOrNumber`) and shared between uses when its members are
    /// plain values; an object member with properties is a struct (at `…/type/<i>`).
    fn type_list_kind(&mut self, loc: &Loc, s: &Map<String, Value>, hint: &str) -> Kind {
        let types: Vec<(usize, &str)> = s
            .get("type")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
            .filter_map(|(i, t)| t.as_str().map(|t| (i, t)))
            .filter(|(_, t)| *t != "null")
            .collect();
        let mut members = Vec::new();
        for (i, t) in types {
            let ty = match t {
                "object" if is_struct_schema(s) || s.contains_key("additionalProperties") => {
                    let at = loc.child("type").child(&i.to_string());
                    Ty::Named(self.register(at, format!("{hint} object"), false))
                }
                other => {
                    let mut one = s.clone();
                    one.insert("type".into(), Value::String(other.to_string()));
                    one.remove("enum");
                    let (ty, _) = self.scalar_ty(loc, &one, hint);
                    ty
                }
            };
            members.push(Member {
                ty,
                boxed: false,
                checks: None,
            });
        }
        // Integers before numbers, so that `5` stays an integer.
        members.sort_by_key(|m| member_rank(&m.ty));
        Kind::Untagged(members)
    }
    fn build_struct(&mut self, loc: &Loc, s: &Map<String, Value>, hint: &str) -> StructDef {
        let mut sd = StructDef {
            open_default: true,
            ..StructDef::default()
        };
        let mut fields: Vec<Field> = Vec::new();
        let mut required: Vec<String> = Vec::new();
        self.collect(loc, s, hint, &mut sd, &mut fields, &mut required, 0);
        for f in &mut fields {
            if required.contains(&f.wire) {
                f.required = true;
            }
        }
        sd.required_extra = required
            .into_iter()
            .filter(|r| !fields.iter().any(|f| &f.wire == r))
            .collect();
        if sd.parents.is_empty() {
            // Required keys no property declares: any value, but present.
            for wire in std::mem::take(&mut sd.required_extra) {
                fields.push(Field {
                    wire,
                    client_name: None,
                    ty: Ty::Value,
                    required: true,
                    nullable: false,
                    read_only: false,
                    doc: None,
                    default: None,
                    boxed: false,
                    client_flatten: false,
                    pointer: loc.child("required").pointer,
                    checks: None,
                    ext: Default::default(),
                });
            }
        }
        sd.fields = fields;
        sd
    }

    #[allow(clippy::too_many_arguments)]
    fn collect(
        &mut self,
        loc: &Loc,
        s: &Map<String, Value>,
        hint: &str,
        sd: &mut StructDef,
        fields: &mut Vec<Field>,
        required: &mut Vec<String>,
        depth: usize,
    ) {
        if depth > MAX_DEPTH {
            self.error(loc, "inline allOf nested too deeply");
            return;
        }
        if let Some(all) = s.get("allOf") {
            match all {
                Value::Array(all) => {
                    for (i, part) in all.iter().enumerate() {
                        let at = loc.child("allOf").child(&i.to_string());
                        match part {
                            Value::Object(p) => {
                                if let Some(r) = str_of(p, "$ref") {
                                    let r = r.to_string();
                                    if let Ty::Named(id) = self.ref_ty(&at.child("$ref"), &r) {
                                        if !sd.parents.contains(&id) {
                                            sd.parents.push(id);
                                        }
                                    }
                                } else {
                                    let p = p.clone();
                                    self.collect(&at, &p, hint, sd, fields, required, depth + 1);
                                }
                            }
                            Value::Bool(true) => {}
                            _ => self.warn(&at, "allOf entry is not a schema; ignored"),
                        }
                    }
                }
                _ => self.warn(&loc.child("allOf"), "allOf is not a list; ignored"),
            }
        }
        if let Some(req) = s.get("required") {
            match req.as_array() {
                Some(rs) => {
                    for r in rs.iter().filter_map(Value::as_str) {
                        if !required.iter().any(|x| x == r) {
                            required.push(r.to_string());
                        }
                    }
                }
                None => self.warn(&loc.child("required"), "required is not a list; ignored"),
            }
        }
        if let Some(props) = s.get("properties") {
            match props.as_object() {
                Some(props) => {
                    for (name, p) in props {
                        if p == &Value::Bool(false) {
                            // Forbidden: no value is allowed.
                            if !sd.forbidden.contains(name) {
                                sd.forbidden.push(name.clone());
                            }
                            continue;
                        }
                        let at = loc.child("properties").child(name);
                        let f = self.field(&at, name, p, hint);
                        if let Some(old) = fields.iter_mut().find(|f| f.wire == *name) {
                            *old = f;
                        } else {
                            fields.push(f);
                        }
                    }
                }
                None => self.warn(
                    &loc.child("properties"),
                    "properties is not an object; ignored",
                ),
            }
        }
        if let Some(Value::Object(patterns)) = s.get("patternProperties") {
            for (pattern, p) in patterns {
                let at = loc.child("patternProperties").child(pattern);
                if let Err(e) = regex_lite::Regex::new(pattern) {
                    self.warn(&at, format!("pattern not supported by the validator; its keys are kept as other keys: {e}"));
                    continue;
                }
                let ty = match p {
                    Value::Object(o) if o.is_empty() => Ty::Value,
                    _ => {
                        let (t, n) = self.ty_of(&at, p, &format!("{hint} pattern value"));
                        nullable_if(t, n)
                    }
                };
                let checks = p.as_object().and_then(|o| self.checks(&at, o));
                sd.patterns.push(PatternProp {
                    pattern: pattern.clone(),
                    ty,
                    checks,
                });
            }
        }
        if s.contains_key("additionalProperties") {
            sd.open_default = false;
        }
        match s.get("additionalProperties") {
            None => {}
            Some(Value::Bool(false)) => sd.closed = true,
            Some(Value::Bool(true)) => sd.extra = Some(Ty::Value),
            Some(ap @ Value::Object(o)) => {
                sd.extra_checks = self.checks(&loc.child("additionalProperties"), o);
                sd.extra = Some(if o.is_empty() {
                    Ty::Value
                } else {
                    self.ty_of(
                        &loc.child("additionalProperties"),
                        ap,
                        &format!("{hint} value"),
                    )
                    .0
                })
            }
            Some(_) => self.warn(
                &loc.child("additionalProperties"),
                "additionalProperties is not a schema; ignored",
            ),
        }
        match s.get("discriminator") {
            None => {}
            Some(Value::String(d)) => sd.discriminator = Some(d.clone()),
            Some(Value::Object(d)) => {
                sd.discriminator = str_of(d, "propertyName").map(str::to_string);
                if sd.discriminator.is_none() {
                    self.warn(
                        &loc.child("discriminator"),
                        "discriminator without propertyName; ignored",
                    );
                }
                if let Some(Value::Object(m)) = d.get("mapping") {
                    for (value, r) in m {
                        if let Some(r) = r.as_str() {
                            let at = loc.child("discriminator").child("mapping").child(value);
                            // Mapping values may be bare schema names.
                            let r = if r.contains('#') || r.contains('/') {
                                r.to_string()
                            } else {
                                format!("#/components/schemas/{r}")
                            };
                            if let Some(target) = self.loader.resolve(&at, &r, self.diags) {
                                sd.mapping.push((value.clone(), target));
                            }
                        }
                    }
                }
            }
            Some(_) => self.warn(
                &loc.child("discriminator"),
                "discriminator is neither a name nor an object; ignored",
            ),
        }
        if let Some(v) = str_of(s, "x-ms-discriminator-value") {
            sd.discriminator_value = Some(v.to_string());
        }
    }

    fn field(&mut self, at: &Loc, name: &str, p: &Value, hint: &str) -> Field {
        let (ty, nullable) = self.ty_of(at, p, &format!("{hint} {name}"));
        let o = p.as_object();
        let get = |k: &str| o.and_then(|o| o.get(k));
        let default = get("default").cloned();
        if let Some(Value::String(d)) = &default {
            let structured = !matches!(ty, Ty::String | Ty::Named(_))
                || matches!(ty, Ty::Named(id) if self.is_object_like(id));
            if structured && (d.starts_with('{') || d.starts_with('[')) {
                self.warn(at, format!("string-encoded default {d:?} for a structured value; kept in the docs only"));
            }
        }
        let mut problems = Vec::new();
        let ext = o
            .map(|o| azml_ext::field_ext(o, &mut problems))
            .unwrap_or_default();
        self.ext_problems(at, problems);
        Field {
            wire: name.to_string(),
            client_name: get("x-ms-client-name")
                .and_then(Value::as_str)
                .map(str::to_string),
            ty,
            required: false,
            nullable,
            read_only: get("readOnly").and_then(Value::as_bool) == Some(true),
            doc: o.and_then(doc_of),
            default,
            boxed: false,
            client_flatten: get("x-ms-client-flatten").and_then(Value::as_bool) == Some(true),
            pointer: at.pointer.clone(),
            checks: o.and_then(|o| self.checks(at, o)),
            ext,
        }
    }

    /// The keyword checks of a schema, with pattern problems reported as warnings.
    fn checks(&mut self, loc: &Loc, s: &Map<String, Value>) -> Option<Box<Checks>> {
        let mut problems = Vec::new();
        let c = checks::of(loc, s, &mut problems);
        for (at, msg) in problems {
            self.warn(&at, msg);
        }
        c
    }

    fn is_object_like(&self, id: TypeId) -> bool {
        let loc = match self.ir.types.get(id) {
            Some(t) => &t.loc,
            None => return false,
        };
        match self.loader.get(loc).and_then(Value::as_object) {
            Some(s) => {
                s.get("properties").is_some()
                    || s.get("allOf").is_some()
                    || type_of(s).as_deref() == Some("object")
            }
            None => false,
        }
    }

    fn union_kind(&mut self, loc: &Loc, s: &Map<String, Value>, hint: &str) -> Kind {
        let key = if s.get("oneOf").is_some() {
            "oneOf"
        } else {
            "anyOf"
        };
        let all = s
            .get(key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let members: Vec<(Loc, Value)> = all
            .iter()
            .enumerate()
            .filter(|(_, v)| !is_null_schema(v))
            .map(|(i, v)| (loc.child(key).child(&i.to_string()), v.clone()))
            .collect();
        if members.is_empty() {
            return self.enum_kind(loc, &only_null());
        }
        if members.len() == 1 {
            if let Some((at, v)) = members.first() {
                return Kind::Alias(self.ty_of(at, v, hint).0);
            }
        }
        // The tag: an OpenAPI discriminator, or a property with a constant value in every member.
        let disc = s.get("discriminator");
        let mut tag = disc
            .and_then(|d| d.get("propertyName"))
            .and_then(Value::as_str)
            .map(str::to_string);
        let mut mapping: Vec<(String, Loc)> = Vec::new();
        if let Some(Value::Object(m)) = disc.and_then(|d| d.get("mapping")) {
            for (value, r) in m {
                if let Some(r) = r.as_str() {
                    let at = loc.child("discriminator").child("mapping").child(value);
                    let r = if r.contains('#') || r.contains('/') {
                        r.to_string()
                    } else {
                        format!("#/components/schemas/{r}")
                    };
                    if let Some(target) = self.loader.resolve(&at, &r, self.diags) {
                        mapping.push((value.clone(), target));
                    }
                }
            }
        }
        let mut consts: Vec<BTreeMap<String, String>> = Vec::new();
        let mut targets: Vec<Option<Loc>> = Vec::new();
        for (at, v) in &members {
            let (target, schema) = match v.get("$ref").and_then(Value::as_str) {
                Some(r) => match self.loader.resolve(&at.child("$ref"), r, self.diags) {
                    Some(t) => {
                        let sch = self.loader.get(&t).cloned().unwrap_or(Value::Null);
                        (Some(t), sch)
                    }
                    None => (None, Value::Null),
                },
                None => (None, v.clone()),
            };
            consts.push(const_props(&schema));
            targets.push(target);
        }
        if tag.is_none() {
            if let Some(first) = consts.first() {
                tag = first
                    .keys()
                    .find(|k| consts.iter().all(|c| c.contains_key(*k)))
                    .cloned();
            }
        }
        match tag {
            Some(tag) => {
                let mut variants = Vec::new();
                let mut seen = BTreeSet::new();
                for (i, (at, _)) in members.iter().enumerate() {
                    let target = targets.get(i).cloned().flatten();
                    let value = target
                        .as_ref()
                        .and_then(|t| mapping.iter().find(|(_, l)| l == t).map(|(v, _)| v.clone()))
                        .or_else(|| consts.get(i).and_then(|c| c.get(&tag)).cloned())
                        .or_else(|| target.as_ref().map(hint_from_loc));
                    let value = match value {
                        Some(v) => v,
                        None => {
                            self.warn(at, format!("union member has no value for tag \"{tag}\"; it is left to the catch-all"));
                            continue;
                        }
                    };
                    if !seen.insert(value.clone()) {
                        self.warn(
                            at,
                            format!("tag value \"{value}\" is used twice; the first member wins"),
                        );
                        continue;
                    }
                    let ty = match &target {
                        Some(t) => {
                            let h = hint_from_loc(t);
                            self.register(t.clone(), h, is_definition(t))
                        }
                        None => self.register(at.clone(), format!("{hint} {value}"), false),
                    };
                    variants.push(Variant {
                        tag_value: value,
                        ty,
                        boxed: false,
                    });
                }
                Kind::Union(UnionDef {
                    tag,
                    variants,
                    base: None,
                    open: disc.is_some(),
                })
            }
            None => {
                let mut out = Vec::new();
                for (i, (at, v)) in members.iter().enumerate() {
                    let (t, nullable) = match v.get("const").filter(|_| v.get("$ref").is_none()) {
                        // A constant member is a type of its own (an enum of one value).
                        Some(c) => {
                            let name = c.as_str().map_or_else(
                                || format!("{hint} variant {i}"),
                                |c| format!("{hint} {c}"),
                            );
                            (Ty::Named(self.register(at.clone(), name, false)), false)
                        }
                        None => self.ty_of(at, v, &format!("{hint} variant {i}")),
                    };
                    let checks = match (&t, v.as_object()) {
                        // A named member checks its own keywords.
                        (Ty::Named(_), _) | (_, None) => None,
                        (_, Some(o)) => self.checks(at, o),
                    };
                    out.push(Member {
                        ty: nullable_if(t, nullable),
                        boxed: false,
                        checks,
                    });
                }
                Kind::Untagged(out)
            }
        }
    }
}

/// A schema that becomes a struct: declared, pattern or forbidden properties, required keys
/// of an object, `allOf`, a discriminator without `oneOf`, or an object that admits only `{}`.
fn is_struct_schema(s: &Map<String, Value>) -> bool {
    let object = matches!(type_of(s).as_deref(), Some("object") | None);
    s.get("properties").is_some()
        || s.get("allOf").is_some()
        || s.get("discriminator").is_some() && s.get("oneOf").is_none()
        || object && s.get("patternProperties").is_some()
        || object
            && s.get("required")
                .and_then(Value::as_array)
                .is_some_and(|r| !r.is_empty())
            && s.get("oneOf").is_none()
            && s.get("anyOf").is_none()
        || type_of(s).as_deref() == Some("object")
            && s.get("additionalProperties") == Some(&Value::Bool(false))
}

/// A `type` list with more than one type besides `null`.
fn several_types(s: &Map<String, Value>) -> bool {
    s.get("type")
        .and_then(Value::as_array)
        .is_some_and(|ts| ts.iter().filter(|t| *t != "null").count() > 1)
}

/// The schema of a `type` list's member location (`…/type/<i>` → `…`).
fn type_member(loc: &Loc) -> Option<Loc> {
    let (rest, index) = loc.pointer.rsplit_once('/')?;
    index.parse::<usize>().ok()?;
    let parent = rest.strip_suffix("/type")?;
    Some(Loc {
        file: loc.file.clone(),
        pointer: parent.to_string(),
    })
}

/// The plain types of a `type` list (`boolean`, `integer`, `number`, `string`, besides
/// `null`) as the words of its shared union's name (`Bool or Number`), when it has no other
/// type and no keyword that shapes a value further.
fn plain_type_list(s: &Map<String, Value>) -> Option<String> {
    if [
        "enum",
        "const",
        "items",
        "properties",
        "additionalProperties",
        "patternProperties",
    ]
    .iter()
    .any(|k| s.contains_key(*k))
    {
        return None;
    }
    let mut words = Vec::new();
    for t in s.get("type")?.as_array()?.iter().filter_map(Value::as_str) {
        let rank = match t {
            "boolean" => (0, "Bool"),
            "integer" => (1, "Integer"),
            "number" => (2, "Number"),
            "string" => (3, "String"),
            "null" => continue,
            _ => return None,
        };
        words.push(rank);
    }
    words.sort();
    words.dedup();
    let words: Vec<&str> = words.into_iter().map(|(_, w)| w).collect();
    Some(words.join(" or "))
}

/// JSON Schema's equality of two values: numbers by value.
pub fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_json(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

/// The order of a type list's members: the narrower JSON type first.
fn member_rank(ty: &Ty) -> u8 {
    match ty {
        Ty::Bool => 0,
        Ty::I32 | Ty::I64 => 1,
        Ty::F64 => 2,
        Ty::String => 3,
        Ty::Array(_) => 4,
        _ => 5,
    }
}

/// Properties with a single constant value (`const`, or a one-value `enum`).
/// A member of a list of schemas, with its index.
type Indexed<'a> = (usize, &'a Value);

/// `{"enum": [null]}`: the schema of a type that holds only `null`.
fn only_null() -> Map<String, Value> {
    let mut s = Map::new();
    s.insert("enum".into(), Value::Array(vec![Value::Null]));
    s
}

fn const_props(schema: &Value) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        // Only a required constant tells the members apart: an optional one may be absent.
        for (k, p) in props.iter().filter(|(k, _)| required.contains(&k.as_str())) {
            let c = p
                .get("const")
                .and_then(Value::as_str)
                .map(str::to_string)
                .or_else(|| {
                    p.get("enum")
                        .and_then(Value::as_array)
                        .filter(|e| e.len() == 1)
                        .and_then(|e| e.first())
                        .and_then(Value::as_str)
                        .map(str::to_string)
                });
            if let Some(c) = c {
                out.insert(k.clone(), c);
            }
        }
    }
    out
}

fn const_ty(s: &Map<String, Value>) -> Ty {
    match s.get("const") {
        Some(Value::String(_)) => Ty::String,
        Some(Value::Bool(_)) => Ty::Bool,
        Some(Value::Number(n)) if n.is_i64() || n.is_u64() => Ty::I64,
        Some(Value::Number(_)) => Ty::F64,
        _ => Ty::Value,
    }
}

/// The (name, values) key of an `x-ms-enum` with a name.
fn enum_key(s: &Map<String, Value>) -> Option<(String, Vec<String>)> {
    let name = s.get("x-ms-enum")?.get("name")?.as_str()?.to_string();
    let values = s
        .get("enum")?
        .as_array()?
        .iter()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect();
    Some((name, values))
}

/// True for `#/definitions/X`, `#/$defs/X`, `#/components/schemas/X` and a document root.
fn is_definition(loc: &Loc) -> bool {
    let segs: Vec<&str> = loc.pointer.split('/').skip(1).collect();
    matches!(
        segs.as_slice(),
        [] | ["definitions", _] | ["$defs", _] | ["components", "schemas", _]
    )
}
