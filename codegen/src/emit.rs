//! Stage 4, tokens: Rust items for the named IR, built with `quote`. Every name went through
//! `naming`; every text from the spec (descriptions, wire names, values) is a string literal.

use crate::ir::{EnumDef, Field, Ir, Kind, StructDef, Ty, TypeDef, TypeId, UnionDef};
use crate::naming::{Names, OTHER};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// The helper module emitted when a field is optional and nullable.
const HELPER: &str = "__azml_codegen";

/// An identifier; names come from `naming`, so the fallback never shows in practice.
fn ident(name: &str) -> Ident {
    let (raw, bare) = match name.strip_prefix("r#") {
        Some(b) => (true, b),
        None => (false, name),
    };
    let valid = bare
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && bare.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && bare != "_";
    if !valid {
        return Ident::new("invalid_name", Span::call_site());
    }
    if raw {
        Ident::new_raw(bare, Span::call_site())
    } else {
        Ident::new(bare, Span::call_site())
    }
}

/// Doc text made safe for rustdoc: normalised newlines, no indented or fenced code blocks
/// (which rustdoc would compile as doctests).
fn doc_text(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<String> = s.lines().map(|l| l.trim().replace("```", "'''")).collect();
    lines.join("\n").trim().to_string()
}

fn doc_attrs(doc: Option<&str>, extra: &[String]) -> TokenStream {
    let mut parts: Vec<String> = Vec::new();
    if let Some(d) = doc {
        let d = doc_text(d);
        if !d.is_empty() {
            parts.push(d);
        }
    }
    parts.extend(extra.iter().cloned());
    if parts.is_empty() {
        return quote!();
    }
    let text = parts.join("\n\n");
    let lines = text.lines().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    quote!(#(#[doc = #lines])*)
}

/// Emits every type, sorted by name, plus helpers.
pub struct Emitter<'a> {
    ir: &'a Ir,
    names: &'a Names,
    defaultable: Vec<bool>,
    /// Set when a field needs the nullable helper.
    pub needs_helper: bool,
}

impl<'a> Emitter<'a> {
    /// An emitter over named IR.
    pub fn new(ir: &'a Ir, names: &'a Names) -> Self {
        let defaultable = defaultable(ir);
        Emitter {
            ir,
            names,
            defaultable,
            needs_helper: false,
        }
    }

    fn name(&self, id: TypeId) -> Ident {
        ident(
            self.names
                .types
                .get(id)
                .map(String::as_str)
                .unwrap_or("Unnamed"),
        )
    }

    fn ty(&self, ty: &Ty) -> TokenStream {
        match ty {
            Ty::String => quote!(::std::string::String),
            Ty::Bool => quote!(bool),
            Ty::I32 => quote!(i32),
            Ty::I64 => quote!(i64),
            Ty::F32 => quote!(f32),
            Ty::F64 => quote!(f64),
            Ty::Value => quote!(::serde_json::Value),
            Ty::Array(t) => {
                let t = self.ty(t);
                quote!(::std::vec::Vec<#t>)
            }
            Ty::Map(t) => {
                let t = self.ty(t);
                quote!(::std::collections::BTreeMap<::std::string::String, #t>)
            }
            Ty::Named(id) => {
                let n = self.name(*id);
                quote!(#n)
            }
        }
    }

    /// True when the type holds a generated enum or union somewhere (DictMixin needs `serde`).
    fn enum_like(&self, ty: &Ty) -> bool {
        match ty {
            Ty::Array(t) | Ty::Map(t) => self.enum_like(t),
            Ty::Named(id) => match self.ir.types.get(*id).map(|t| &t.kind) {
                Some(Kind::Enum(_)) | Some(Kind::Union(_)) | Some(Kind::Untagged(_)) => true,
                Some(Kind::Alias(t)) => self.enum_like(t),
                _ => false,
            },
            _ => false,
        }
    }

    /// All items, sorted by type name.
    pub fn items(&mut self) -> Vec<TokenStream> {
        let mut ids: Vec<TypeId> = (0..self.ir.types.len()).collect();
        ids.sort_by(|a, b| self.names.types.get(*a).cmp(&self.names.types.get(*b)));
        let mut out = Vec::new();
        for id in ids {
            if let Some(t) = self.ir.types.get(id) {
                out.push(self.item(id, t));
            }
        }
        if self.needs_helper {
            let h = ident(HELPER);
            out.push(quote! {
                #[doc(hidden)]
                mod #h {
                    /// Reads a present field as `Some`, even when it is `null`: absent, `null`
                    /// and a value stay three different states.
                    pub fn nullable<'de, D, T>(deserializer: D) -> ::std::result::Result<::std::option::Option<::std::option::Option<T>>, D::Error>
                    where
                        D: ::serde::Deserializer<'de>,
                        T: ::serde::Deserialize<'de>,
                    {
                        <::std::option::Option<T> as ::serde::Deserialize>::deserialize(deserializer).map(::std::option::Option::Some)
                    }
                }
            });
        }
        out
    }

    fn item(&mut self, id: TypeId, t: &TypeDef) -> TokenStream {
        let name = self.name(id);
        match &t.kind {
            Kind::Struct(sd) => self.struct_item(id, t, sd),
            Kind::Enum(e) => self.enum_item(id, t, e),
            Kind::Union(u) => self.union_item(id, t, u),
            Kind::Untagged(ms) => {
                let docs = doc_attrs(t.doc.as_deref(), &[]);
                let vnames = self.names.variants.get(id).cloned().unwrap_or_default();
                let vs = ms.iter().zip(&vnames).map(|(m, n)| {
                    let n = ident(n);
                    let ty = self.ty(&m.ty);
                    if m.boxed {
                        quote!(#n(::std::boxed::Box<#ty>),)
                    } else {
                        quote!(#n(#ty),)
                    }
                });
                let other = ident(OTHER);
                quote! {
                    #docs
                    #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
                    #[serde(untagged)]
                    #[allow(clippy::large_enum_variant)]
                    pub enum #name {
                        #(#vs)*
                        /// Any other JSON value, kept as is.
                        #other(::serde_json::Value),
                    }
                }
            }
            Kind::Alias(ty) => {
                let docs = doc_attrs(t.doc.as_deref(), &[]);
                let ty = self.ty(ty);
                quote! {
                    #docs
                    pub type #name = #ty;
                }
            }
            Kind::Pending => quote!(),
        }
    }

    fn struct_item(&mut self, id: TypeId, t: &TypeDef, sd: &StructDef) -> TokenStream {
        let name = self.name(id);
        let docs = doc_attrs(t.doc.as_deref(), &[]);
        let fnames = self.names.fields.get(id).cloned().unwrap_or_default();
        let dict = t.derives.iter().any(|d| d == "DictMixin");
        let mut fields = Vec::new();
        for (f, n) in sd.fields.iter().zip(&fnames) {
            fields.push(self.field(f, n, dict));
        }
        if let (Some(extra), Some(n)) = (&sd.extra, fnames.get(sd.fields.len())) {
            let n = ident(n);
            let ty = match extra {
                Ty::Value => quote!(::serde_json::Map<::std::string::String, ::serde_json::Value>),
                other => {
                    let v = self.ty(other);
                    quote!(::std::collections::BTreeMap<::std::string::String, #v>)
                }
            };
            let dict_attr = if dict {
                quote!(#[dict(extra)])
            } else {
                quote!()
            };
            fields.push(quote! {
                /// Properties not declared above (`additionalProperties`).
                #[serde(flatten)]
                #dict_attr
                pub #n: #ty,
            });
        }
        let default = if self.defaultable.get(id).copied().unwrap_or(false) {
            quote!(Default,)
        } else {
            quote!()
        };
        let extra_derives = t.derives.iter().filter_map(|d| match d.as_str() {
            "DictMixin" => Some(quote!(::azml::DictMixin,)),
            "RestTranslatable" => Some(quote!(::azml::RestTranslatable,)),
            _ => None,
        });
        quote! {
            #docs
            #[derive(Debug, Clone, PartialEq, #default ::serde::Serialize, ::serde::Deserialize, #(#extra_derives)*)]
            pub struct #name {
                #(#fields)*
            }
        }
    }

    fn field(&mut self, f: &Field, n: &str, dict: bool) -> TokenStream {
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
        let docs = doc_attrs(f.doc.as_deref(), &notes);
        let id = ident(n);
        let inner = self.ty(&f.ty);
        let inner = if f.boxed {
            quote!(::std::boxed::Box<#inner>)
        } else {
            inner
        };
        let rename = if crate::naming::unraw(n) != f.wire {
            let w = &f.wire;
            quote!(rename = #w,)
        } else {
            quote!()
        };
        let dict_attr = if dict && self.enum_like(&f.ty) {
            quote!(#[dict(serde)])
        } else {
            quote!()
        };
        let required = f.required && !f.read_only;
        let (ty, attrs) = match (required, f.nullable) {
            (true, false) => (inner, quote!()),
            (true, true) => (quote!(::std::option::Option<#inner>), quote!()),
            (false, false) => (
                quote!(::std::option::Option<#inner>),
                quote!(
                    default,
                    skip_serializing_if = "::std::option::Option::is_none",
                ),
            ),
            (false, true) => {
                self.needs_helper = true;
                let with = format!("{HELPER}::nullable");
                (
                    quote!(::std::option::Option<::std::option::Option<#inner>>),
                    quote!(default, skip_serializing_if = "::std::option::Option::is_none", deserialize_with = #with,),
                )
            }
        };
        let serde_attr = if rename.is_empty() && attrs.is_empty() {
            quote!()
        } else {
            quote!(#[serde(#rename #attrs)])
        };
        quote! {
            #docs
            #serde_attr
            #dict_attr
            pub #id: #ty,
        }
    }

    fn enum_item(&self, id: TypeId, t: &TypeDef, e: &EnumDef) -> TokenStream {
        let name = self.name(id);
        let docs = doc_attrs(t.doc.as_deref(), &[]);
        let vnames = self.names.variants.get(id).cloned().unwrap_or_default();
        if e.open {
            let vs = e.values.iter().zip(&vnames).map(|(v, n)| {
                let d = doc_attrs(v.doc.as_deref(), &[]);
                let n = ident(n);
                let w = &v.wire;
                quote!(#d #n = #w,)
            });
            quote! {
                ::azml::open_enum! {
                    #docs
                    pub enum #name {
                        #(#vs)*
                    }
                }
            }
        } else {
            let vs = e.values.iter().zip(&vnames).map(|(v, n)| {
                let d = doc_attrs(v.doc.as_deref(), &[]);
                let rename = if n != &v.wire {
                    let w = &v.wire;
                    quote!(#[serde(rename = #w)])
                } else {
                    quote!()
                };
                let n = ident(n);
                quote!(#d #rename #n,)
            });
            quote! {
                #docs
                #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize)]
                #[allow(clippy::enum_variant_names)]
                pub enum #name {
                    #(#vs)*
                }
            }
        }
    }

    fn union_item(&self, id: TypeId, t: &TypeDef, u: &UnionDef) -> TokenStream {
        let name = self.name(id);
        let docs = doc_attrs(
            t.doc.as_deref(),
            &[format!(
                "Tagged by `{}`; an unknown tag is kept in `Other` as raw JSON.",
                u.tag.replace('`', "'")
            )],
        );
        let vnames: Vec<Ident> = self
            .names
            .variants
            .get(id)
            .cloned()
            .unwrap_or_default()
            .iter()
            .map(|n| ident(n))
            .collect();
        let other = ident(OTHER);
        let tag = &u.tag;
        let mut defs = Vec::new();
        let mut sers = Vec::new();
        let mut des = Vec::new();
        let mut tags = Vec::new();
        for (v, n) in u.variants.iter().zip(&vnames) {
            let ty = self.name(v.ty);
            let value = &v.tag_value;
            let d = format!(
                " `{}` = `{}`.",
                u.tag.replace('`', "'"),
                value.replace('`', "'")
            );
            if v.boxed {
                defs.push(quote!(#[doc = #d] #n(::std::boxed::Box<#ty>),));
                des.push(quote!(::std::option::Option::Some(#value) => ::serde_json::from_value(value).map(|v| Self::#n(::std::boxed::Box::new(v))).map_err(::serde::de::Error::custom),));
            } else {
                defs.push(quote!(#[doc = #d] #n(#ty),));
                des.push(quote!(::std::option::Option::Some(#value) => ::serde_json::from_value(value).map(Self::#n).map_err(::serde::de::Error::custom),));
            }
            sers.push(quote!(Self::#n(v) => ::serde::Serialize::serialize(v, serializer),));
            tags.push(quote!(Self::#n(_) => ::std::option::Option::Some(#value),));
        }
        quote! {
            #docs
            #[derive(Debug, Clone, PartialEq)]
            #[allow(clippy::large_enum_variant)]
            pub enum #name {
                #(#defs)*
                /// A tag this version of the spec does not know: the JSON object as received.
                #other(::serde_json::Value),
            }

            impl #name {
                /// The tag value on the wire.
                pub fn tag(&self) -> ::std::option::Option<&str> {
                    match self {
                        #(#tags)*
                        Self::#other(v) => v.get(#tag).and_then(::serde_json::Value::as_str),
                    }
                }
            }

            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    match self {
                        #(#sers)*
                        Self::#other(v) => ::serde::Serialize::serialize(v, serializer),
                    }
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                    let tag = value.get(#tag).and_then(::serde_json::Value::as_str).map(::std::string::ToString::to_string);
                    match tag.as_deref() {
                        #(#des)*
                        _ => ::std::result::Result::Ok(Self::#other(value)),
                    }
                }
            }
        }
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
