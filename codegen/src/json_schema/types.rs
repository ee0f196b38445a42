//! One IR type as a JSON Schema (draft-07): structs as objects (`required`,
//! `additionalProperties: false` where unknown keys are refused, `x-azml-exclusive` as a
//! `not`), enums (open ones as `anyOf` of the known values and a string, lower-cased ones in
//! any case), tagged unions as `oneOf` keyed on the tag, untagged ones as `anyOf`, keyword
//! checks, descriptions and defaults (`x-azml-default` included).

use super::case;
use super::raw::RawSchemas;
use super::Keys;
use crate::ir::{Checks, EnumDef, Field, Ir, Kind, StructDef, Ty, TypeDef, TypeId, UnionDef};
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

/// Writes the schemas of one file: types in `inline` are written where they are used, the
/// others referenced as definitions.
pub(crate) struct Writer<'a> {
    pub ir: &'a Ir,
    pub keys: &'a Keys,
    pub raw: &'a RawSchemas,
    pub inline: &'a BTreeSet<TypeId>,
}

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// Puts the description first, as a reader expects it; `doc` wins over the schema's own.
fn annotated(doc: Option<&str>, schema: Map<String, Value>) -> Map<String, Value> {
    let Some(doc) = doc else {
        return schema;
    };
    let mut out = Map::new();
    out.insert("description".into(), Value::String(doc.to_owned()));
    out.extend(schema.into_iter().filter(|(k, _)| k != "description"));
    out
}

/// `schema` with the keyword checks; a `$ref` goes under `allOf` first, since draft-07
/// ignores the keywords beside it.
fn with_checks(schema: Map<String, Value>, checks: Option<&Checks>) -> Map<String, Value> {
    let Some(c) = checks else {
        return schema;
    };
    let mut s = if schema.contains_key("$ref") {
        let mut wrapped = Map::new();
        wrapped.insert("allOf".into(), Value::Array(vec![Value::Object(schema)]));
        wrapped
    } else {
        schema
    };
    let mut put = |key: &str, value: Option<Value>| {
        if let Some(v) = value {
            s.insert(key.into(), v);
        }
    };
    put("pattern", c.pattern.clone().map(Value::String));
    put("minLength", c.min_length.map(Value::from));
    put("maxLength", c.max_length.map(Value::from));
    let bound = |v: f64| json!(v);
    match (c.minimum, c.exclusive_minimum) {
        (Some(m), true) => put("exclusiveMinimum", Some(bound(m))),
        (Some(m), false) => put("minimum", Some(bound(m))),
        _ => {}
    }
    match (c.maximum, c.exclusive_maximum) {
        (Some(m), true) => put("exclusiveMaximum", Some(bound(m))),
        (Some(m), false) => put("maximum", Some(bound(m))),
        _ => {}
    }
    put("minItems", c.min_items.map(Value::from));
    put("maxItems", c.max_items.map(Value::from));
    put("const", c.constant.clone());
    for (key, inner) in [("items", &c.items), ("additionalProperties", &c.values)] {
        if let Some(inner) = inner {
            let nested = match s.remove(key) {
                Some(Value::Object(m)) => m,
                _ => Map::new(),
            };
            s.insert(key.into(), Value::Object(with_checks(nested, Some(inner))));
        }
    }
    s
}

impl Writer<'_> {
    /// The schema of type `id` where it is defined (or inlined).
    pub fn type_schema(&self, id: TypeId) -> Value {
        let Some(t) = self.ir.types.get(id) else {
            return json!({});
        };
        let doc = t.doc.as_deref();
        let schema = match &t.kind {
            Kind::Struct(sd) => annotated(doc, self.struct_schema(t, sd)),
            Kind::Enum(e) => annotated(doc, self.enum_schema(t, e)),
            Kind::Union(u) => annotated(doc, self.union_schema(u)),
            Kind::Untagged(members) => {
                let any: Vec<Value> = members.iter().map(|m| self.ty(&m.ty)).collect();
                annotated(doc, object(json!({ "anyOf": any })))
            }
            Kind::Alias(ty) => {
                annotated(doc, with_checks(object(self.ty(ty)), t.checks.as_deref()))
            }
            // The spec's schema carries its own description.
            Kind::Extern(_) => object(self.raw.values.get(&id).cloned().unwrap_or(json!({}))),
            Kind::Pending => Map::new(),
        };
        Value::Object(schema)
    }

    /// The anonymous variant of struct `id`: the `replaced` properties take any value and
    /// are not required.
    pub fn anonymous_schema(&self, id: TypeId, replaced: &[String]) -> Value {
        let mut schema = self.type_schema(id);
        if let Some(props) = schema.get_mut("properties").and_then(Value::as_object_mut) {
            for p in replaced {
                if let Some(slot) = props.get_mut(p) {
                    *slot = json!({"description": "Replaced by the anonymous component's own; any value is accepted."});
                }
            }
        }
        if let Some(required) = schema.get_mut("required").and_then(Value::as_array_mut) {
            required.retain(|r| !r.as_str().is_some_and(|r| replaced.iter().any(|p| p == r)));
            if required.is_empty() {
                if let Some(map) = schema.as_object_mut() {
                    map.remove("required");
                }
            }
        }
        schema
    }

    /// The schema of a use of a type.
    pub fn ty(&self, ty: &Ty) -> Value {
        match ty {
            Ty::String => json!({"type": "string"}),
            Ty::Bool => json!({"type": "boolean"}),
            Ty::I32 | Ty::I64 => json!({"type": "integer"}),
            Ty::F64 => json!({"type": "number"}),
            Ty::Value => json!({}),
            Ty::Array(item) => match self.ty(item) {
                Value::Object(m) if m.is_empty() => json!({"type": "array"}),
                items => json!({"type": "array", "items": items}),
            },
            Ty::Map(value) => match self.ty(value) {
                Value::Object(m) if m.is_empty() => json!({"type": "object"}),
                values => json!({"type": "object", "additionalProperties": values}),
            },
            Ty::Nullable(inner) => json!({"anyOf": [self.ty(inner), {"type": "null"}]}),
            Ty::Named(id) if self.inline.contains(id) => self.type_schema(*id),
            Ty::Named(id) => json!({ "$ref": self.keys.reference(*id) }),
        }
    }

    fn struct_schema(&self, t: &TypeDef, sd: &StructDef) -> Map<String, Value> {
        let mut s = Map::new();
        s.insert("type".into(), json!("object"));
        let properties: Map<String, Value> = sd
            .fields
            .iter()
            .map(|f| (f.wire.clone(), self.field(f)))
            .collect();
        if !properties.is_empty() {
            s.insert("properties".into(), Value::Object(properties));
        }
        let required: Vec<&str> = sd
            .fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.wire.as_str())
            .collect();
        if !required.is_empty() {
            s.insert("required".into(), json!(required));
        }
        if sd.closed {
            s.insert("additionalProperties".into(), json!(false));
        } else if let Some(extra) = &sd.extra {
            let extra = with_checks(object(self.ty(extra)), sd.extra_checks.as_deref());
            if !extra.is_empty() {
                s.insert("additionalProperties".into(), Value::Object(extra));
            }
        }
        // Both given, neither null: what the constructors refuse.
        let exclusive: Vec<Value> = t
            .ext
            .exclusive
            .iter()
            .map(|(a, b)| {
                let given = json!({"not": {"type": "null"}});
                json!({"not": {
                    "required": [a, b],
                    "properties": {a.as_str(): given.clone(), b.as_str(): given}
                }})
            })
            .collect();
        match exclusive.len() {
            0 => {}
            1 => s.extend(exclusive.into_iter().flat_map(object)),
            _ => {
                s.insert("allOf".into(), Value::Array(exclusive));
            }
        }
        s
    }

    fn field(&self, f: &Field) -> Value {
        let mut s = with_checks(object(self.ty(&f.ty)), f.checks.as_deref());
        if f.nullable {
            s = object(json!({"anyOf": [Value::Object(s), {"type": "null"}]}));
        }
        // Annotations may sit beside a `$ref`.
        let mut out = annotated(f.doc.as_deref(), s);
        if let Some(default) = f.ext.default.as_ref().or(f.default.as_ref()) {
            out.insert("default".into(), default.clone());
        }
        if f.read_only {
            out.insert("readOnly".into(), json!(true));
        }
        Value::Object(out)
    }

    fn enum_schema(&self, t: &TypeDef, e: &EnumDef) -> Map<String, Value> {
        let values: Vec<&str> = e.values.iter().map(|v| v.wire.as_str()).collect();
        if t.ext.lower_case || t.ext.snake_case || !t.ext.aliases.is_empty() {
            let aliases: Vec<&str> = t.ext.aliases.iter().map(|(a, _)| a.as_str()).collect();
            return object(case::lower_enum(&values, &aliases, t.ext.snake_case));
        }
        let closed = json!({"type": "string", "enum": values});
        if e.open {
            object(json!({"anyOf": [closed, {"type": "string"}]}))
        } else {
            object(closed)
        }
    }

    /// `oneOf` keyed on the tag: one branch per variant, and one for the tag values no
    /// variant has (a tagged union keeps them, as the validator does).
    fn union_schema(&self, u: &UnionDef) -> Map<String, Value> {
        let tag = u.tag.as_str();
        let mut branches: Vec<Value> = u
            .variants
            .iter()
            .map(|v| {
                json!({
                    "allOf": [self.ty(&Ty::Named(v.ty))],
                    "properties": {tag: {"const": v.tag_value}},
                    "required": [tag]
                })
            })
            .collect();
        let known: Vec<&str> = u.variants.iter().map(|v| v.tag_value.as_str()).collect();
        branches.push(json!({"properties": {tag: {"not": {"enum": known}}}}));
        object(json!({
            "type": "object",
            "properties": {tag: {"type": "string"}},
            "required": [tag],
            "oneOf": branches
        }))
    }
}
