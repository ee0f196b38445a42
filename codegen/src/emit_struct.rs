//! Stage 4, structs: the struct item, and (without an extra-keys map) its `Serialize` and
//! `Deserialize` impls over the helpers in `::azml::__codegen` (see `src/__codegen.rs` in the
//! azml crate): serde's behaviour, one statement a field, no generic code per struct.

use crate::emit::{moved, Writer};
use crate::emit_docs::docs;
use crate::ir::{Field, Kind, StructDef, Ty, TypeDef, TypeId};
use crate::naming::Name;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

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

impl FieldKind {
    fn of(f: &Field) -> FieldKind {
        match (f.required && !f.read_only, f.nullable) {
            (true, false) => FieldKind::Required,
            (true, true) => FieldKind::RequiredNullable,
            (false, false) => FieldKind::Optional,
            (false, true) => FieldKind::OptionalNullable,
        }
    }

    fn optional(self) -> bool {
        matches!(self, FieldKind::Optional | FieldKind::OptionalNullable)
    }
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

impl Writer<'_> {
    /// The struct, and its serde impls unless serde's derives handle it. A struct deriving
    /// `DictMixin` serializes as its dict (`#[dict(serialize)]`): one route to its JSON form.
    pub(crate) fn struct_item(&self, id: TypeId, t: &TypeDef, sd: &StructDef) -> TokenStream {
        let doc_attrs = docs(t.doc.as_deref(), &[]);
        let azml_derives = self.azml_derives(t);
        let dict = t.derives.iter().any(|d| d == "DictMixin") && !t.ext.dict_by_hand;
        let rest = t.derives.iter().any(|d| d == "RestTranslatable");
        let mut derives = vec![quote!(Debug), quote!(Clone), quote!(PartialEq)];
        if self.defaultable(id) {
            derives.push(quote!(Default));
        }
        // Structs with an extra-keys map keep serde's derives (they handle `flatten`); the
        // others serialize and deserialize through the shared helpers in `::azml::__codegen`.
        let own_serde = sd.extra.is_none();
        if !own_serde {
            if !dict {
                derives.push(quote!(::serde::Serialize));
            }
            derives.push(quote!(::serde::Deserialize));
        }
        derives.extend(azml_derives);
        let mut container = TokenStream::new();
        if dict {
            container.extend(quote!(#[dict(serialize)]));
            if t.ext.dict_prune {
                container.extend(quote!(#[dict(prune)]));
            }
        }
        if rest && t.ext.rest_prune {
            container.extend(quote!(#[rest(prune)]));
        }
        let fnames = self.fields(id);
        let attrs = FieldAttrs {
            dict,
            rest,
            serde: !own_serde,
        };
        let mut fields: Vec<TokenStream> = sd
            .fields
            .iter()
            .zip(fnames)
            .map(|(f, n)| self.field(f, n, attrs, id))
            .collect();
        if let (Some(extra), Some(n)) = (&sd.extra, fnames.get(sd.fields.len())) {
            let ty = match extra {
                Ty::Value => quote!(::serde_json::Map<::std::string::String, ::serde_json::Value>),
                other => {
                    let t = moved(self.ty(other));
                    quote!(::azml::OrderedMap<#t>)
                }
            };
            let dict_extra = dict.then(|| {
                if t.ext.unknown_keys == Some(crate::azml_ext::UnknownKeys::KeepFirst) {
                    quote!(#[dict(extra_first)])
                } else {
                    quote!(#[dict(extra)])
                }
            });
            let rest_extra = rest.then(|| quote!(#[rest(flatten)]));
            let ty = moved(ty);
            fields.push(quote! {
                /// Properties not declared above (`additionalProperties`).
                #[serde(flatten)]
                #dict_extra
                #rest_extra
                pub #n: #ty
            });
        }
        let name = self.name(id);
        let fields: TokenStream = fields.into_iter().flat_map(|f| [f, quote!(,)]).collect();
        let (doc_attrs, fields, container) = (moved(doc_attrs), moved(fields), moved(container));
        let mut out = quote! {
            #doc_attrs
            #[derive(#(#derives),*)]
            #container
            pub struct #name {
                #fields
            }
        };
        if own_serde {
            if !dict {
                out.extend(self.serialize_impl(id, sd, fnames));
            }
            out.extend(self.deserialize_impl(id, sd, fnames));
        } else {
            out.extend(self.serde_defaults(id, sd, fnames));
        }
        out.extend(self.rule_items(id, t));
        out
    }

    /// `Serialize` of a struct without an extra-keys map, through the helper module: what
    /// serde's derive does (optional fields skipped when `None`), one statement a field.
    fn serialize_impl(&self, id: TypeId, sd: &StructDef, fnames: &[Name]) -> TokenStream {
        let name = self.name(id);
        let name_text = name.as_str();
        let kinds: Vec<FieldKind> = sd.fields.iter().map(FieldKind::of).collect();
        let required = Literal::usize_unsuffixed(kinds.iter().filter(|k| !k.optional()).count());
        let present = fnames
            .iter()
            .zip(&kinds)
            .filter(|(_, k)| k.optional())
            .map(|(n, _)| quote!(self.#n.is_some()));
        let mutable = (!sd.fields.is_empty()).then(|| quote!(mut));
        let writes = sd.fields.iter().zip(fnames).zip(&kinds).map(|((f, n), k)| {
            let wire = f.wire.as_str();
            if k.optional() {
                quote!(s.optional(#wire, &self.#n);)
            } else {
                quote!(s.field(#wire, &self.#n);)
            }
        });
        quote! {
            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(
                    &self,
                    serializer: S,
                ) -> ::std::result::Result<S::Ok, S::Error> {
                    let #mutable s = ::azml::__codegen::StructWriter::new(
                        serializer,
                        #name_text,
                        #required,
                        &[#(#present),*],
                    );
                    #(#writes)*
                    s.end()
                }
            }
        }
    }

    /// `Deserialize` of a struct without an extra-keys map, through the helper module:
    /// serde's behaviour for maps (unknown keys ignored, duplicate and missing fields
    /// refused, `null` for an optional nullable field kept as `Some(None)`).
    fn deserialize_impl(&self, id: TypeId, sd: &StructDef, fnames: &[Name]) -> TokenStream {
        let name = self.name(id);
        let name_text = name.as_str();
        let wires = sd.fields.iter().map(|f| f.wire.as_str());
        let a = self.map_param();
        // Slots: `Option<T>` for a required field (`None` until read), the field's own
        // `Option` for the others, moved into the struct at the end. An optional field read
        // as `null` stays `None`, so a flag `s<i>` marks it present (serde refuses a second
        // occurrence); an optional nullable field's `Some(None)` says so itself.
        let mut slots = TokenStream::new();
        let mut arms = Vec::with_capacity(sd.fields.len());
        let mut values = Vec::with_capacity(sd.fields.len());
        for (i, (f, n)) in sd.fields.iter().zip(fnames).enumerate() {
            let (ty, kind) = self.field_ty(f);
            let slot = format_ident!("f{}", i);
            let seen = format_ident!("s{}", i);
            let wire = f.wire.as_str();
            let slot_ty = moved(if kind == FieldKind::Required {
                let ty = moved(ty);
                quote!(::std::option::Option<#ty>)
            } else {
                ty
            });
            slots.extend(quote!(let mut #slot: #slot_ty = ::std::option::Option::None;));
            let read = match kind {
                FieldKind::Required => quote!(field(&mut map, &mut #slot, #wire)),
                FieldKind::OptionalNullable => quote!(maybe_null(&mut map, &mut #slot, #wire)),
                FieldKind::Optional | FieldKind::RequiredNullable => {
                    slots.extend(quote!(let mut #seen = false;));
                    quote!(optional(&mut map, &mut #slot, &mut #seen, #wire))
                }
            };
            let index = Literal::usize_unsuffixed(i);
            arms.push(quote!(#index => ::azml::__codegen::#read,));
            values.push(match (kind, &f.ext.default) {
                // The error type named: nothing left for inference to find through `?`.
                (FieldKind::Required, _) => {
                    quote!(#n: ::azml::__codegen::required::<_, #a::Error>(#slot, #wire)?,)
                }
                // `x-azml-default`: the constructor's value, read from its JSON text.
                (FieldKind::Optional, Some(default)) => {
                    let json = default.to_string();
                    quote!(#n: #slot.or_else(|| ::azml::__codegen::default_value(#json)),)
                }
                // On a nullable property, only when absent: a `null` stays `None`.
                (FieldKind::OptionalNullable, Some(default)) => {
                    let json = default.to_string();
                    quote!(#n: #slot.or_else(|| ::azml::__codegen::default_value(#json).map(::std::option::Option::Some)),)
                }
                _ => quote!(#n: #slot,),
            });
        }
        let body = if sd.fields.is_empty() {
            quote! {
                while ::azml::__codegen::key(&mut map, Self::FIELDS)?.is_some() {
                    ::azml::__codegen::skip(&mut map)?;
                }
                ::std::result::Result::Ok(Self {})
            }
        } else {
            quote! {
                while let ::std::option::Option::Some(key) = ::azml::__codegen::key(&mut map, Self::FIELDS)? {
                    match key {
                        #(#arms)*
                        _ => ::azml::__codegen::skip(&mut map),
                    }?;
                }
                ::std::result::Result::Ok(Self {
                    #(#values)*
                })
            }
        };
        let (slots, body) = (moved(slots), moved(body));
        quote! {
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> ::std::result::Result<Self, D::Error> {
                    ::azml::__codegen::deserialize_struct(deserializer)
                }
            }
            impl ::azml::__codegen::FromMap for #name {
                const NAME: &'static str = #name_text;
                const FIELDS: &'static [&'static str] = &[#(#wires),*];
                fn from_map<'de, #a: ::serde::de::MapAccess<'de>>(
                    mut map: #a,
                ) -> ::std::result::Result<Self, #a::Error> {
                    #slots
                    #body
                }
            }
        }
    }

    /// A field's Rust type and how it is read.
    fn field_ty(&self, f: &Field) -> (TokenStream, FieldKind) {
        let mut inner = self.ty(&f.ty);
        if f.boxed {
            let boxed = moved(inner);
            inner = quote!(::std::boxed::Box<#boxed>);
        }
        let kind = FieldKind::of(f);
        if kind == FieldKind::Required {
            return (inner, kind);
        }
        let inner = moved(inner);
        let ty = if kind == FieldKind::OptionalNullable {
            quote!(::std::option::Option<::std::option::Option<#inner>>)
        } else {
            quote!(::std::option::Option<#inner>)
        };
        (ty, kind)
    }

    /// `x-azml-default` for a struct that keeps serde's derives (it has an extra-keys map):
    /// one hidden function a defaulted field, which the field's `#[serde(default = ...)]`
    /// names.
    fn serde_defaults(&self, id: TypeId, sd: &StructDef, fnames: &[Name]) -> TokenStream {
        let name = self.name(id);
        let fns: Vec<TokenStream> = sd
            .fields
            .iter()
            .zip(fnames)
            .filter_map(|(f, n)| {
                let default = f.ext.default.as_ref()?;
                let json = default.to_string();
                let (ty, kind) = self.field_ty(f);
                let value = match kind {
                    FieldKind::Optional => quote!(::azml::__codegen::default_value(#json)),
                    FieldKind::OptionalNullable => quote!(
                        ::azml::__codegen::default_value(#json).map(::std::option::Option::Some)
                    ),
                    _ => return None,
                };
                let function = format_ident!("__default_{}", n.unraw());
                let ty = moved(ty);
                Some(quote! {
                    #[doc(hidden)]
                    pub fn #function() -> #ty {
                        #value
                    }
                })
            })
            .collect();
        if fns.is_empty() {
            return TokenStream::new();
        }
        quote! {
            impl #name {
                #(#fns)*
            }
        }
    }

    /// One field with its docs and attributes (no trailing comma); `owner` is its struct.
    fn field(&self, f: &Field, n: &Name, attrs: FieldAttrs, owner: TypeId) -> TokenStream {
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
        let mut out = docs(f.doc.as_deref(), &notes);
        let (ty, kind) = self.field_ty(f);
        let wire = f.wire.as_str();
        let renamed = n.unraw() != wire;
        if attrs.serde {
            let mut serde: Vec<TokenStream> = Vec::new();
            if renamed {
                serde.push(quote!(rename = #wire));
            }
            if kind.optional() && f.ext.default.is_some() {
                // `x-azml-default`: the function `serde_defaults` writes.
                let path = format!("{}::__default_{}", self.name(owner).as_str(), n.unraw());
                serde.push(quote!(default = #path));
                serde.push(quote!(
                    skip_serializing_if = "::std::option::Option::is_none"
                ));
                if kind == FieldKind::OptionalNullable {
                    serde.push(quote!(deserialize_with = "::azml::__codegen::nullable"));
                }
            } else if kind.optional() {
                serde.push(quote!(default));
                serde.push(quote!(
                    skip_serializing_if = "::std::option::Option::is_none"
                ));
                if kind == FieldKind::OptionalNullable {
                    serde.push(quote!(deserialize_with = "::azml::__codegen::nullable"));
                }
            }
            if !serde.is_empty() {
                out.extend(quote!(#[serde(#(#serde),*)]));
            }
        } else if renamed {
            // No serde derive reads the wire name here, so the other derives get it.
            if attrs.dict {
                out.extend(quote!(#[dict(rename = #wire)]));
            }
            if attrs.rest && f.ext.rest_name.is_none() {
                out.extend(quote!(#[rest(rename = #wire)]));
            }
        }
        if attrs.dict {
            if f.ext.dict_skip {
                out.extend(quote!(#[dict(skip_dump)]));
            }
            if self.without_azml_derive(&f.ty, "DictMixin") {
                out.extend(quote!(#[dict(serde)]));
            }
        }
        if attrs.rest {
            if f.ext.rest_skip {
                out.extend(quote!(#[rest(skip)]));
            } else {
                if let Some(name) = &f.ext.rest_name {
                    out.extend(quote!(#[rest(rename = #name)]));
                }
                if f.ext.rest_json_string {
                    out.extend(quote!(#[rest(json_string)]));
                }
                if self.without_azml_derive(&f.ty, "RestTranslatable") {
                    out.extend(quote!(#[rest(serde)]));
                }
            }
        }
        let ty = moved(ty);
        out.extend(quote!(pub #n: #ty));
        out
    }
}

impl Writer<'_> {
    /// The items the rule extensions add to a struct: its `KIND_SPEC` (`x-azml-kind`) and its
    /// `inherit_from` (`x-azml-inherit`).
    fn rule_items(&self, id: TypeId, t: &TypeDef) -> TokenStream {
        let mut items = TokenStream::new();
        if let Some(kind) = &t.ext.kind {
            let (name, loader) = (kind.name.as_str(), kind.loader.as_str());
            let list = |l: &[String]| {
                let l = l.iter().map(String::as_str);
                quote!(&[#(#l),*])
            };
            let types = list(&kind.types);
            let any_type_with = list(&kind.any_type_with);
            let schemas = list(&kind.schemas);
            let keys = list(&kind.keys);
            let requires_any = list(&kind.requires_any);
            let excludes = list(&kind.excludes);
            items.extend(quote! {
                /// This kind of document as its spec declares it (`x-azml-kind`).
                pub const KIND_SPEC: ::azml::document::KindSpec = ::azml::document::KindSpec {
                    name: #name,
                    loader: #loader,
                    markers: ::azml::document::Markers {
                        types: #types,
                        any_type_with: #any_type_with,
                        schemas: #schemas,
                        keys: #keys,
                        requires_any: #requires_any,
                        excludes: #excludes,
                    },
                };
            });
        }
        if let Some(inherit) = &t.ext.inherit {
            if let Some(from) = inherit.from_ty {
                let from_name = self.named_ty(from);
                let field = |owner: TypeId, wire: &str| -> Option<&Name> {
                    let Some(Kind::Struct(sd)) = self.ir.types.get(owner).map(|t| &t.kind) else {
                        return None;
                    };
                    let i = sd.fields.iter().position(|f| f.wire == wire)?;
                    self.fields(owner).get(i)
                };
                let steps = inherit.fields.iter().filter_map(|wire| {
                    let (mine, theirs) = (field(id, wire)?, field(from, wire)?);
                    Some(quote! {
                        if !::azml::__codegen::truthy(&self.#mine) {
                            self.#mine = ::azml::__codegen::inherited(&from.#theirs).unwrap_or_default();
                        }
                    })
                });
                items.extend(quote! {
                    /// Python's `value or other.value` for the fields this type takes from
                    /// another (`x-azml-inherit`), each converted through its dict form.
                    pub fn inherit_from(&mut self, from: &#from_name) {
                        #(#steps)*
                    }
                });
            }
        }
        if items.is_empty() {
            return items;
        }
        let name = self.name(id);
        quote! {
            impl #name {
                #items
            }
        }
    }

    /// True when the type holds a generated enum or union that does not derive `derive` (a
    /// tagged union never does): the field then converts through serde.
    fn without_azml_derive(&self, ty: &Ty, derive: &str) -> bool {
        match ty {
            Ty::Array(t) | Ty::Map(t) | Ty::Nullable(t) => self.without_azml_derive(t, derive),
            Ty::Named(id) => match self.ir.types.get(*id) {
                Some(t) => match &t.kind {
                    Kind::Enum(e) if e.open => false,
                    Kind::Enum(_) | Kind::Untagged(_) => {
                        !t.derives.iter().any(|d| d == derive)
                            || (derive == "DictMixin" && t.ext.dict_by_hand)
                    }
                    Kind::Union(_) => true,
                    Kind::Alias(inner) => self.without_azml_derive(inner, derive),
                    _ => false,
                },
                None => false,
            },
            _ => false,
        }
    }
}
