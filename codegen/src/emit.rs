//! Stage 4, code: the Rust items of the named IR, written as text in rustfmt's layout (see
//! [`crate::format`]). Build time of the output is a goal: structs get small hand-written
//! `Serialize`/`Deserialize` impls over the helpers in `::azml::__codegen` rather than serde's
//! derives (kept only where `flatten` is needed), since the derives' expansion is most of
//! what a large generated module costs to compile. Every name went through `naming` and is
//! checked again here; every text from the spec (descriptions, wire names, values) is a string
//! literal or a doc comment.

use crate::format::{lit, Out};
use crate::ir::{EnumDef, Field, Ir, Kind, StructDef, Ty, TypeDef, TypeId, UnionDef};
use crate::naming::{Names, OTHER};
use std::borrow::Cow;

/// Fewest types for which writing on two threads pays off.
const PARALLEL_MIN: usize = 200;

/// The runtime module that generated structs serialize, deserialize and validate through
/// (shared, non-generic where it can be, so that the generated crate stays cheap to build);
/// see `src/__codegen.rs` in the azml crate.
const HELPER: &str = "::azml::__codegen";

/// How a struct field is read: `Option` wrappers and the missing-field rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FieldKind {
    /// `T`: an error when missing.
    Required,
    /// `Option<T>`, required but nullable: `None` when missing, as serde does.
    RequiredNullable,
    /// `Option<T>`: `None` when missing or `null`.
    Optional,
    /// `Option<Option<T>>`: missing, `null` and a value are three states.
    OptionalNullable,
}

/// Which attributes a struct's fields carry, from the struct's derives.
#[derive(Debug, Clone, Copy)]
struct FieldAttrs {
    /// `#[derive(DictMixin)]`: `#[dict(...)]`.
    dict: bool,
    /// `#[derive(RestTranslatable)]`: `#[rest(...)]`.
    rest: bool,
    /// serde's derives (structs with an extra-keys map): `#[serde(...)]`.
    serde: bool,
}

/// An identifier; names come from `naming`, so the fallback never shows in practice.
pub(crate) fn ident(name: &str) -> &str {
    let bare = name.strip_prefix("r#").unwrap_or(name);
    let valid = bare
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && bare.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && bare != "_";
    if valid {
        name
    } else {
        "invalid_name"
    }
}

/// Doc text made safe for rustdoc: normalised newlines, no indented or fenced code blocks
/// (which rustdoc would compile as doctests).
fn doc_text(s: &str) -> Cow<'_, str> {
    let clean = !s.contains(['\r', '`'])
        && s.trim().len() == s.len()
        && s.lines().all(|l| l.trim().len() == l.len());
    if clean {
        return Cow::Borrowed(s);
    }
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<String> = s.lines().map(|l| l.trim().replace("```", "'''")).collect();
    Cow::Owned(lines.join("\n").trim().to_string())
}

/// Writes the description and notes as doc comments (paragraphs apart).
pub(crate) fn docs(out: &mut Out, doc: Option<&str>, extra: &[String]) {
    let doc = doc.map(doc_text).filter(|d| !d.is_empty());
    if extra.is_empty() {
        if let Some(d) = doc {
            out.doc(&d);
        }
        return;
    }
    let mut text = String::new();
    for part in doc
        .iter()
        .map(|d| &**d)
        .chain(extra.iter().map(String::as_str))
    {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(part);
    }
    out.doc(&text);
}

/// Emits every type, sorted by name, plus helpers.
pub struct Emitter<'a> {
    pub(crate) ir: &'a Ir,
    pub(crate) names: &'a Names,
    defaultable: Vec<bool>,
}

impl<'a> Emitter<'a> {
    /// An emitter over named IR.
    pub fn new(ir: &'a Ir, names: &'a Names) -> Self {
        let defaultable = defaultable(ir);
        Emitter {
            ir,
            names,
            defaultable,
        }
    }

    /// A type's identifier.
    pub(crate) fn name(&self, id: TypeId) -> &'a str {
        ident(
            self.names
                .types
                .get(id)
                .map(String::as_str)
                .unwrap_or("Unnamed"),
        )
    }

    /// The Rust type of a value type.
    pub(crate) fn ty(&self, ty: &Ty) -> String {
        let mut s = String::new();
        self.ty_into(ty, &mut s);
        s
    }

    fn ty_into(&self, ty: &Ty, s: &mut String) {
        match ty {
            Ty::String => s.push_str("::std::string::String"),
            Ty::Bool => s.push_str("bool"),
            Ty::I32 => s.push_str("i32"),
            Ty::I64 => s.push_str("i64"),
            Ty::F32 => s.push_str("f32"),
            Ty::F64 => s.push_str("f64"),
            Ty::Value => s.push_str("::serde_json::Value"),
            Ty::Array(t) => {
                s.push_str("::std::vec::Vec<");
                self.ty_into(t, s);
                s.push('>');
            }
            Ty::Map(t) => {
                s.push_str("::azml::OrderedMap<");
                self.ty_into(t, s);
                s.push('>');
            }
            Ty::Nullable(t) => {
                s.push_str("::std::option::Option<");
                self.ty_into(t, s);
                s.push('>');
            }
            Ty::Named(id) => s.push_str(self.named_ty(*id)),
        }
    }

    /// A generated type's name, or a hand-written type's path (`x-azml-type`).
    pub(crate) fn named_ty(&self, id: TypeId) -> &'a str {
        if let Some(Kind::Extern(path)) = self.ir.types.get(id).map(|t| &t.kind) {
            // Printed by `extern_type` from a checked path; checked again here.
            return if crate::extern_type::is_printed_path(path) {
                path
            } else {
                "::serde_json::Value"
            };
        }
        self.name(id)
    }

    /// True when the type holds a generated enum or union somewhere (DictMixin needs `serde`).
    /// Hand-written `x-azml-type` types implement `DictValue` themselves, with the stored
    /// value that Python's dict view shows, so they need nothing.
    fn enum_like(&self, ty: &Ty) -> bool {
        match ty {
            Ty::Array(t) | Ty::Map(t) | Ty::Nullable(t) => self.enum_like(t),
            Ty::Named(id) => match self.ir.types.get(*id).map(|t| &t.kind) {
                Some(Kind::Enum(_)) | Some(Kind::Union(_)) | Some(Kind::Untagged(_)) => true,
                Some(Kind::Alias(t)) => self.enum_like(t),
                _ => false,
            },
            _ => false,
        }
    }

    /// The whole module, sorted by type name. Big modules are written in two halves on two
    /// threads (when there are two cores), then joined: the text is the same either way.
    pub fn code(&self) -> String {
        let mut ids: Vec<TypeId> = (0..self.ir.types.len()).collect();
        ids.sort_by(|a, b| self.names.types.get(*a).cmp(&self.names.types.get(*b)));
        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        if threads > 1 && ids.len() >= PARALLEL_MIN {
            let (first, second) = ids.split_at(ids.len() / 2);
            std::thread::scope(|s| {
                let other = s.spawn(|| self.chunk(second));
                let mut text = self.chunk(first);
                match other.join() {
                    Ok(rest) => text.push_str(&rest),
                    // Never expected; the same text, written here instead.
                    Err(_) => text.push_str(&self.chunk(second)),
                }
                text
            })
        } else {
            self.chunk(&ids)
        }
    }

    fn chunk(&self, ids: &[TypeId]) -> String {
        let mut out = Out::with_capacity(ids.len() * 2048);
        for id in ids {
            if let Some(t) = self.ir.types.get(*id) {
                self.item(&mut out, *id, t);
            }
        }
        out.finish()
    }

    fn item(&self, out: &mut Out, id: TypeId, t: &TypeDef) {
        match &t.kind {
            Kind::Struct(sd) => self.struct_item(out, id, t, sd),
            Kind::Enum(e) => self.enum_item(out, id, t, e),
            Kind::Union(u) => self.union_item(out, id, t, u),
            Kind::Untagged(ms) => {
                docs(out, t.doc.as_deref(), &[]);
                out.line(
                    "#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]",
                );
                out.line("#[serde(untagged)]");
                out.line("#[allow(clippy::large_enum_variant)]");
                out.open(&format!("pub enum {}", self.name(id)));
                let vnames = self
                    .names
                    .variants
                    .get(id)
                    .map(Vec::as_slice)
                    .unwrap_or(&[]);
                for (m, n) in ms.iter().zip(vnames) {
                    let ty = self.ty(&m.ty);
                    if m.boxed {
                        out.parts(&[ident(n), "(::std::boxed::Box<", &ty, ">),"]);
                    } else {
                        out.parts(&[ident(n), "(", &ty, "),"]);
                    }
                }
                out.line("/// Any other JSON value, kept as is.");
                out.parts(&[OTHER, "(::serde_json::Value),"]);
                out.close("");
            }
            Kind::Alias(ty) => {
                docs(out, t.doc.as_deref(), &[]);
                let ty = self.ty(ty);
                out.parts(&["pub type ", self.name(id), " = ", &ty, ";"]);
            }
            Kind::Pending | Kind::Extern(_) => return,
        }
        self.validate_impl(out, id, t);
    }

    fn struct_item(&self, out: &mut Out, id: TypeId, t: &TypeDef, sd: &StructDef) {
        docs(out, t.doc.as_deref(), &[]);
        let dict = t.derives.iter().any(|d| d == "DictMixin");
        let mut derive = String::from("#[derive(Debug, Clone, PartialEq, ");
        if self.defaultable.get(id).copied().unwrap_or(false) {
            derive.push_str("Default, ");
        }
        // Structs with an extra-keys map keep serde's derives (they handle `flatten`); the
        // others serialize and deserialize through the shared helpers in `::azml::__codegen`.
        let own_serde = sd.extra.is_none();
        if !own_serde {
            derive.push_str("::serde::Serialize, ::serde::Deserialize, ");
        }
        for d in &t.derives {
            match d.as_str() {
                "DictMixin" => derive.push_str("::azml::DictMixin, "),
                "RestTranslatable" => derive.push_str("::azml::RestTranslatable, "),
                _ => {}
            }
        }
        let derive = format!("{})]", derive.trim_end_matches(", "));
        out.line(&derive);
        out.open(&format!("pub struct {}", self.name(id)));
        let fnames = self.names.fields.get(id).map(Vec::as_slice).unwrap_or(&[]);
        let attrs = FieldAttrs {
            dict,
            rest: t.derives.iter().any(|d| d == "RestTranslatable"),
            serde: !own_serde,
        };
        for (f, n) in sd.fields.iter().zip(fnames) {
            self.field(out, f, n, attrs);
        }
        if let (Some(extra), Some(n)) = (&sd.extra, fnames.get(sd.fields.len())) {
            let ty = match extra {
                Ty::Value => {
                    "::serde_json::Map<::std::string::String, ::serde_json::Value>".to_string()
                }
                other => format!("::azml::OrderedMap<{}>", self.ty(other)),
            };
            out.line("/// Properties not declared above (`additionalProperties`).");
            out.line("#[serde(flatten)]");
            if dict {
                out.line("#[dict(extra)]");
            }
            out.parts(&["pub ", ident(n), ": ", &ty, ","]);
        }
        out.close("");
        if own_serde {
            self.serialize_impl(out, id, sd, fnames);
            self.deserialize_impl(out, id, sd, fnames);
        }
    }

    /// `Serialize` of a struct without an extra-keys map, through the helper module: what
    /// serde's derive does (optional fields skipped when `None`), one statement a field.
    fn serialize_impl(&self, out: &mut Out, id: TypeId, sd: &StructDef, fnames: &[String]) {
        let name = self.name(id);
        out.open(&format!("impl ::serde::Serialize for {name}"));
        out.line("fn serialize<S: ::serde::Serializer>(");
        out.line("    &self,");
        out.line("    serializer: S,");
        out.open(") -> ::std::result::Result<S::Ok, S::Error>");
        let optional = |f: &Field| {
            matches!(
                self.field_ty(f).1,
                FieldKind::Optional | FieldKind::OptionalNullable
            )
        };
        let required = sd.fields.iter().filter(|f| !optional(f)).count();
        let present: Vec<String> = sd
            .fields
            .iter()
            .zip(fnames)
            .filter(|(f, _)| optional(f))
            .map(|(_, n)| format!("self.{}.is_some()", ident(n)))
            .collect();
        let head = format!(
            "let{} s = {HELPER}::StructWriter::new(serializer, {}, {required}, &[",
            if sd.fields.is_empty() { "" } else { " mut" },
            lit(name)
        );
        if present.is_empty() {
            out.parts(&[&head, "]);"]);
        } else {
            out.line(&head);
            out.open_only();
            for p in &present {
                out.parts(&[p, ","]);
            }
            out.dedent("]);");
        }
        for (f, n) in sd.fields.iter().zip(fnames) {
            let method = if optional(f) { "optional" } else { "field" };
            out.parts(&["s.", method, "(", &lit(&f.wire), ", &self.", ident(n), ");"]);
        }
        out.line("s.end()");
        out.close("");
        out.close("");
    }

    /// `Deserialize` of a struct without an extra-keys map, through the helper module:
    /// serde's behaviour for maps (unknown keys ignored, duplicate and missing fields
    /// refused, `null` for an optional nullable field kept as `Some(None)`).
    fn deserialize_impl(&self, out: &mut Out, id: TypeId, sd: &StructDef, fnames: &[String]) {
        let name = self.name(id);
        out.open(&format!("impl<'de> ::serde::Deserialize<'de> for {name}"));
        out.line("fn deserialize<D: ::serde::Deserializer<'de>>(");
        out.line("    deserializer: D,");
        out.open(") -> ::std::result::Result<Self, D::Error>");
        out.parts(&[HELPER, "::deserialize_struct(deserializer)"]);
        out.close("");
        out.close("");
        out.open(&format!("impl {HELPER}::FromMap for {name}"));
        out.parts(&["const NAME: &'static str = ", &lit(name), ";"]);
        let mut fields = String::new();
        for (i, f) in sd.fields.iter().enumerate() {
            if i > 0 {
                fields.push_str(", ");
            }
            fields.push_str(&lit(&f.wire));
        }
        out.parts(&["const FIELDS: &'static [&'static str] = &[", &fields, "];"]);
        // The body names the field types: a spec type called `A` would be shadowed by the
        // generic parameter, so it then takes a name no spec type can have.
        let a = if self.names.types.iter().any(|n| n == "A") {
            "__A"
        } else {
            "A"
        };
        out.parts(&["fn from_map<'de, ", a, ": ::serde::de::MapAccess<'de>>("]);
        out.parts(&["    mut map: ", a, ","]);
        out.open(&format!(") -> ::std::result::Result<Self, {a}::Error>"));
        // Slots: `Option<T>` for a required field (`None` until read), the field's own
        // `Option` for the others, moved into the struct at the end. An optional field read
        // as `null` stays `None`, so a flag `s<i>` marks it present (serde refuses a second
        // occurrence); an optional nullable field's `Some(None)` says so itself.
        let mut arms = Vec::with_capacity(sd.fields.len());
        for (i, f) in sd.fields.iter().enumerate() {
            let (ty, kind) = self.field_ty(f);
            let i = i.to_string();
            let slot_ty = if kind == FieldKind::Required {
                format!("::std::option::Option<{ty}>")
            } else {
                ty
            };
            out.parts(&[
                "let mut f",
                &i,
                ": ",
                &slot_ty,
                " = ::std::option::Option::None;",
            ]);
            let wire = lit(&f.wire);
            let arm = match kind {
                FieldKind::Required => format!("field(&mut map, &mut f{i}, {wire})"),
                FieldKind::OptionalNullable => {
                    format!("maybe_null(&mut map, &mut f{i}, {wire})")
                }
                FieldKind::Optional | FieldKind::RequiredNullable => {
                    out.parts(&["let mut s", &i, " = false;"]);
                    format!("optional(&mut map, &mut f{i}, &mut s{i}, {wire})")
                }
            };
            arms.push(format!("{i} => {HELPER}::{arm},"));
        }
        if sd.fields.is_empty() {
            out.parts(&[
                "while ",
                HELPER,
                "::key(&mut map, Self::FIELDS)?.is_some() {",
            ]);
            out.open_only();
            out.parts(&[HELPER, "::skip(&mut map)?;"]);
        } else {
            out.parts(&[
                "while let ::std::option::Option::Some(key) = ",
                HELPER,
                "::key(&mut map, Self::FIELDS)? {",
            ]);
            out.open_only();
            out.open("match key");
            for a in &arms {
                out.line(a);
            }
            out.parts(&["_ => ", HELPER, "::skip(&mut map),"]);
            out.close("?;");
        }
        out.dedent("}");
        if sd.fields.is_empty() {
            out.line("::std::result::Result::Ok(Self {})");
        } else {
            out.open("::std::result::Result::Ok(Self");
            for (i, (f, n)) in sd.fields.iter().zip(fnames).enumerate() {
                if self.field_ty(f).1 == FieldKind::Required {
                    // The error type named: nothing left for inference to find through `?`.
                    let value = format!(
                        "{HELPER}::required::<_, {a}::Error>(f{i}, {})?",
                        lit(&f.wire)
                    );
                    out.parts(&[ident(n), ": ", &value, ","]);
                } else {
                    out.parts(&[ident(n), ": f", &i.to_string(), ","]);
                }
            }
            out.close(")");
        }
        out.close("");
        out.close("");
    }

    /// A field's Rust type and how it is read.
    fn field_ty(&self, f: &Field) -> (String, FieldKind) {
        let mut inner = self.ty(&f.ty);
        if f.boxed {
            inner = format!("::std::boxed::Box<{inner}>");
        }
        let required = f.required && !f.read_only;
        match (required, f.nullable) {
            (true, false) => (inner, FieldKind::Required),
            (true, true) => (
                format!("::std::option::Option<{inner}>"),
                FieldKind::RequiredNullable,
            ),
            (false, false) => (
                format!("::std::option::Option<{inner}>"),
                FieldKind::Optional,
            ),
            (false, true) => (
                format!("::std::option::Option<::std::option::Option<{inner}>>"),
                FieldKind::OptionalNullable,
            ),
        }
    }

    fn field(&self, out: &mut Out, f: &Field, n: &str, attrs: FieldAttrs) {
        let mut notes = Vec::new();
        if f.read_only {
            notes.push("Read-only: set by the service.".to_string());
        }
        if let Some(d) = &f.default {
            notes.push(format!("Default: `{}`.", d.to_string().replace('`', "'")));
        }
        if f.client_flatten {
            notes.push("`x-ms-client-flatten`: kept nested, as on the wire.".to_string());
        }
        docs(out, f.doc.as_deref(), &notes);
        let (ty, kind) = self.field_ty(f);
        let renamed = crate::naming::unraw(n) != f.wire;
        if attrs.serde {
            let mut serde: Vec<String> = Vec::new();
            if renamed {
                serde.push(format!("rename = {}", lit(&f.wire)));
            }
            match kind {
                FieldKind::Required | FieldKind::RequiredNullable => {}
                FieldKind::Optional | FieldKind::OptionalNullable => {
                    serde.push("default".into());
                    serde.push("skip_serializing_if = \"::std::option::Option::is_none\"".into());
                    if kind == FieldKind::OptionalNullable {
                        serde.push(format!("deserialize_with = \"{HELPER}::nullable\""));
                    }
                }
            }
            if !serde.is_empty() {
                out.parts(&["#[serde(", &serde.join(", "), ")]"]);
            }
        } else if renamed {
            // No serde derive reads the wire name here, so the other derives get it.
            let key = lit(&f.wire);
            if attrs.dict {
                out.parts(&["#[dict(rename = ", &key, ")]"]);
            }
            if attrs.rest {
                out.parts(&["#[rest(rename = ", &key, ")]"]);
            }
        }
        if attrs.dict && self.enum_like(&f.ty) {
            out.line("#[dict(serde)]");
        }
        out.parts(&["pub ", ident(n), ": ", &ty, ","]);
    }

    fn enum_item(&self, out: &mut Out, id: TypeId, t: &TypeDef, e: &EnumDef) {
        let vnames = self
            .names
            .variants
            .get(id)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        if e.open {
            out.open("::azml::open_enum!");
            docs(out, t.doc.as_deref(), &[]);
            out.open(&format!("pub enum {}", self.name(id)));
            for (v, n) in e.values.iter().zip(vnames) {
                docs(out, v.doc.as_deref(), &[]);
                out.parts(&[ident(n), " = ", &lit(&v.wire), ","]);
            }
            out.close("");
            out.close("");
        } else {
            docs(out, t.doc.as_deref(), &[]);
            out.line("#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize)]");
            out.line("#[allow(clippy::enum_variant_names)]");
            out.open(&format!("pub enum {}", self.name(id)));
            for (v, n) in e.values.iter().zip(vnames) {
                docs(out, v.doc.as_deref(), &[]);
                if n != &v.wire {
                    out.parts(&["#[serde(rename = ", &lit(&v.wire), ")]"]);
                }
                out.parts(&[ident(n), ","]);
            }
            out.close("");
        }
    }

    fn union_item(&self, out: &mut Out, id: TypeId, t: &TypeDef, u: &UnionDef) {
        let name = self.name(id);
        docs(
            out,
            t.doc.as_deref(),
            &[format!(
                "Tagged by `{}`; an unknown tag is kept in `Other` as raw JSON.",
                u.tag.replace('`', "'")
            )],
        );
        let vnames: Vec<&str> = self
            .names
            .variants
            .get(id)
            .map(|v| v.iter().map(|n| ident(n)).collect())
            .unwrap_or_default();
        let tag = lit(&u.tag);
        let variants: Vec<(&str, String, &str, bool)> = u
            .variants
            .iter()
            .zip(&vnames)
            .map(|(v, n)| (*n, lit(&v.tag_value), v.tag_value.as_str(), v.boxed))
            .collect();
        out.line("#[derive(Debug, Clone, PartialEq)]");
        out.line("#[allow(clippy::large_enum_variant)]");
        out.open(&format!("pub enum {name}"));
        for ((n, _, value, boxed), v) in variants.iter().zip(&u.variants) {
            out.doc(&format!(
                "`{}` = `{}`.",
                u.tag.replace('`', "'"),
                value.replace('`', "'")
            ));
            let ty = self.named_ty(v.ty);
            if *boxed {
                out.parts(&[n, "(::std::boxed::Box<", ty, ">),"]);
            } else {
                out.parts(&[n, "(", ty, "),"]);
            }
        }
        out.line("/// A tag this version of the spec does not know: the JSON object as received.");
        out.parts(&[OTHER, "(::serde_json::Value),"]);
        out.close("");

        out.open(&format!("impl {name}"));
        out.line("/// The tag value on the wire.");
        out.open("pub fn tag(&self) -> ::std::option::Option<&str>");
        out.open("match self");
        for (n, value, _, _) in &variants {
            out.parts(&[
                "Self::",
                n,
                "(_) => ::std::option::Option::Some(",
                value,
                "),",
            ]);
        }
        out.parts(&[
            "Self::Other(v) => v.get(",
            &tag,
            ").and_then(::serde_json::Value::as_str),",
        ]);
        out.close("");
        out.close("");
        out.close("");

        out.open(&format!("impl ::serde::Serialize for {name}"));
        out.line("fn serialize<S: ::serde::Serializer>(");
        out.line("    &self,");
        out.line("    serializer: S,");
        out.open(") -> ::std::result::Result<S::Ok, S::Error>");
        out.open("match self");
        for (n, _, _, _) in &variants {
            out.parts(&[
                "Self::",
                n,
                "(v) => ::serde::Serialize::serialize(v, serializer),",
            ]);
        }
        out.line("Self::Other(v) => ::serde::Serialize::serialize(v, serializer),");
        out.close("");
        out.close("");
        out.close("");

        out.open(&format!("impl<'de> ::serde::Deserialize<'de> for {name}"));
        out.line("fn deserialize<D: ::serde::Deserializer<'de>>(");
        out.line("    deserializer: D,");
        out.open(") -> ::std::result::Result<Self, D::Error>");
        out.line("let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;");
        out.parts(&[
            "let tag = value.get(",
            &tag,
            ").and_then(::serde_json::Value::as_str).map(::std::string::ToString::to_string);",
        ]);
        out.open("match tag.as_deref()");
        for (n, value, _, boxed) in &variants {
            let map = if *boxed {
                format!("|v| Self::{n}(::std::boxed::Box::new(v))")
            } else {
                format!("Self::{n}")
            };
            out.parts(&[
                "::std::option::Option::Some(",
                value,
                ") => ::serde_json::from_value(value).map(",
                &map,
                ").map_err(::serde::de::Error::custom),",
            ]);
        }
        out.line("_ => ::std::result::Result::Ok(Self::Other(value)),");
        out.close("");
        out.close("");
        out.close("");
    }
}

/// Which structs can derive `Default`: every field optional or of a defaultable type.
fn defaultable(ir: &Ir) -> Vec<bool> {
    let n = ir.types.len();
    let mut ok: Vec<bool> = ir
        .types
        .iter()
        .map(|t| matches!(t.kind, Kind::Struct(_) | Kind::Alias(_)))
        .collect();
    loop {
        let mut changed = false;
        for id in 0..n {
            if !ok[id] {
                continue;
            }
            let good = match &ir.types[id].kind {
                Kind::Struct(sd) => sd
                    .fields
                    .iter()
                    .all(|f| !f.required || f.read_only || f.nullable || ty_default(&f.ty, &ok)),
                Kind::Alias(t) => ty_default(t, &ok),
                _ => false,
            };
            if !good {
                ok[id] = false;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    ok.iter()
        .enumerate()
        .map(|(i, b)| *b && matches!(ir.types[i].kind, Kind::Struct(_)))
        .collect()
}

fn ty_default(ty: &Ty, ok: &[bool]) -> bool {
    match ty {
        Ty::Named(id) => ok.get(*id).copied().unwrap_or(false),
        _ => true,
    }
}
