//! Stage 2's output: one intermediate representation for every dialect.
//!
//! Types live in a vector and refer to each other by [`TypeId`]; names are not decided here
//! (see `naming`), only hints taken from the spec.

use crate::load::Loc;
use serde_json::Value;
use std::collections::BTreeMap;

/// Index of a type in [`Ir::types`].
pub type TypeId = usize;

/// All types found in the specs.
#[derive(Debug, Default)]
pub struct Ir {
    /// The types, in discovery order.
    pub types: Vec<TypeDef>,
    /// The type converted from each schema location.
    pub by_loc: BTreeMap<Loc, TypeId>,
    /// Discriminator bases whose references were replaced by their union: base → union.
    pub unions_of: BTreeMap<TypeId, TypeId>,
}

/// One type to emit.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// Where the schema is.
    pub loc: Loc,
    /// The file as shown in diagnostics.
    pub file: String,
    /// Name hint (definition name, `x-ms-enum` name, or parent + property).
    pub hint: String,
    /// `x-ms-client-name` (or `title`) when it overrides the hint.
    pub client_name: Option<String>,
    /// True for definitions named in the spec; false for inline schemas given a name.
    pub named_in_spec: bool,
    /// Description.
    pub doc: Option<String>,
    /// Extra derives asked for by `x-azml-derive` or the generator options.
    pub derives: Vec<String>,
    /// The shape.
    pub kind: Kind,
    /// Keyword checks of an alias's schema (`pattern`, `minimum`, …), applied wherever the
    /// alias is used.
    pub checks: Option<Box<Checks>>,
    /// The `x-azml-*` rules declared on the schema.
    pub ext: Box<crate::azml_ext::TypeExt>,
    /// The schema itself allows `null` (`type: [object, null]`, a `null` member): every use
    /// of the type is nullable.
    pub nullable: bool,
}

/// The shape of a type.
#[derive(Debug, Clone)]
pub enum Kind {
    /// Not converted yet (only during conversion).
    Pending,
    /// A struct with named fields.
    Struct(StructDef),
    /// A string enum.
    Enum(EnumDef),
    /// An internally tagged union with a catch-all variant.
    Union(UnionDef),
    /// An untagged union (`oneOf`/`anyOf` without a tag), plus a catch-all.
    Untagged(Vec<Member>),
    /// A type alias.
    Alias(Ty),
    /// A hand-written Rust type (`x-azml-type`): its checked path. Nothing is emitted for it;
    /// uses name the path.
    Extern(crate::extern_type::ExternType),
}

/// A struct: its own and inherited fields.
#[derive(Debug, Clone, Default)]
pub struct StructDef {
    /// Fields, parents' first (after inheritance).
    pub fields: Vec<Field>,
    /// `additionalProperties` value type, kept beside the fields in a flattened map.
    pub extra: Option<Ty>,
    /// Named `allOf` parents.
    pub parents: Vec<TypeId>,
    /// Names made required by this schema's `required` but declared in a parent.
    pub required_extra: Vec<String>,
    /// Keyword checks of the `additionalProperties` schema.
    pub extra_checks: Option<Box<Checks>>,
    /// `additionalProperties: false`: undeclared keys are refused.
    pub closed: bool,
    /// Neither `additionalProperties` nor `x-azml-unknown-keys` decides: undeclared keys are
    /// kept in an extra map (after inheritance, when no parent gives one).
    pub open_default: bool,
    /// `patternProperties`: keys matching each pattern, kept in a map of their own.
    pub patterns: Vec<PatternProp>,
    /// Properties whose schema is `false`: no value is allowed.
    pub forbidden: Vec<String>,
    /// Discriminator property when this is a polymorphic base.
    pub discriminator: Option<String>,
    /// OpenAPI discriminator mapping: tag value → schema location.
    pub mapping: Vec<(String, Loc)>,
    /// `x-ms-discriminator-value` (or the value a parent's mapping gives).
    pub discriminator_value: Option<String>,
}

/// One `patternProperties` entry.
#[derive(Debug, Clone)]
pub struct PatternProp {
    /// The key pattern (known to compile with the runtime's regex engine).
    pub pattern: String,
    /// The value type.
    pub ty: Ty,
    /// Keyword checks of the value schema.
    pub checks: Option<Box<Checks>>,
}

/// One field of a struct.
#[derive(Debug, Clone)]
pub struct Field {
    /// The JSON key.
    pub wire: String,
    /// `x-ms-client-name`.
    pub client_name: Option<String>,
    /// The value type.
    pub ty: Ty,
    /// Listed in `required`.
    pub required: bool,
    /// May be JSON `null`.
    pub nullable: bool,
    /// `readOnly`: set by the service; always optional in Rust.
    pub read_only: bool,
    /// Description.
    pub doc: Option<String>,
    /// `default`.
    pub default: Option<Value>,
    /// Boxed to break a containment cycle (set by `cycles`).
    pub boxed: bool,
    /// `x-ms-client-flatten` was set (kept nested: the wire shape wins).
    pub client_flatten: bool,
    /// Where the property schema is (for diagnostics).
    pub pointer: String,
    /// Keyword checks of the property schema.
    pub checks: Option<Box<Checks>>,
    /// The `x-azml-*` rules declared on the property.
    pub ext: crate::azml_ext::FieldExt,
}

/// JSON Schema keywords checked by the validators beside the type.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Checks {
    /// `pattern` (known to compile with the runtime's regex engine).
    pub pattern: Option<String>,
    /// `minLength`.
    pub min_length: Option<u64>,
    /// `maxLength`.
    pub max_length: Option<u64>,
    /// `minimum`, or a numeric `exclusiveMinimum`.
    pub minimum: Option<f64>,
    /// The minimum is exclusive.
    pub exclusive_minimum: bool,
    /// `maximum`, or a numeric `exclusiveMaximum`.
    pub maximum: Option<f64>,
    /// The maximum is exclusive.
    pub exclusive_maximum: bool,
    /// `minItems`.
    pub min_items: Option<u64>,
    /// `maxItems`.
    pub max_items: Option<u64>,
    /// `const`.
    pub constant: Option<Value>,
    /// Checks of every array item (inline `items`).
    pub items: Option<Box<Checks>>,
    /// Checks of every map value (inline `additionalProperties`).
    pub values: Option<Box<Checks>>,
}

/// A string enum.
#[derive(Debug, Clone)]
pub struct EnumDef {
    /// The values in spec order.
    pub values: Vec<EnumValue>,
    /// Unknown values are kept (`modelAsString: true`, or not an `x-ms-enum`... see convert).
    pub open: bool,
}

/// One enum value.
#[derive(Debug, Clone)]
pub struct EnumValue {
    /// The wire string (for a value of another JSON type, its JSON text).
    pub wire: String,
    /// A value that is not a string (`null`, `700`, `true`): the enum reads and writes JSON
    /// values, not strings.
    pub json: Option<Value>,
    /// `x-ms-enum.values[].name`.
    pub name: Option<String>,
    /// `x-ms-enum.values[].description`.
    pub doc: Option<String>,
}

/// A tagged union.
#[derive(Debug, Clone)]
pub struct UnionDef {
    /// The tag property.
    pub tag: String,
    /// Tag value → variant type, in a deterministic order.
    pub variants: Vec<Variant>,
    /// The base struct it was built from, if any.
    pub base: Option<TypeId>,
    /// Unknown tags are kept (a discriminator: the service may add subtypes); a union of
    /// members with a constant property knows all its tags.
    pub open: bool,
}

/// One union variant.
#[derive(Debug, Clone)]
pub struct Variant {
    /// The tag value on the wire.
    pub tag_value: String,
    /// The variant's struct.
    pub ty: TypeId,
    /// Boxed to break a containment cycle.
    pub boxed: bool,
}

/// One member of an untagged union.
#[derive(Debug, Clone)]
pub struct Member {
    /// Its type.
    pub ty: Ty,
    /// Boxed to break a containment cycle.
    pub boxed: bool,
    /// Keyword checks of the member's schema (`{type: string, pattern: …}`): the validator
    /// takes the member only when they pass.
    pub checks: Option<Box<Checks>>,
}

/// A value type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Ty {
    /// `String`.
    String,
    /// `bool`.
    Bool,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `f64`.
    F64,
    /// `serde_json::Value` (untyped).
    Value,
    /// `Vec<T>`.
    Array(Box<Ty>),
    /// `BTreeMap<String, T>`.
    Map(Box<Ty>),
    /// `Option<T>`: a nullable array item or map value (`type: [T, "null"]`).
    Nullable(Box<Ty>),
    /// A generated type.
    Named(TypeId),
}

impl Ty {
    /// Replaces every `Named(from)` by `Named(to)`.
    pub fn replace(&mut self, from: TypeId, to: TypeId) {
        match self {
            Ty::Named(id) if *id == from => *id = to,
            Ty::Array(t) | Ty::Map(t) | Ty::Nullable(t) => t.replace(from, to),
            _ => {}
        }
    }
}
