//! Stage 4, enums and unions: open enums (through `::azml::open_enum!`), closed enums,
//! tagged unions with a catch-all and their serde impls, untagged unions.

use crate::emit::Writer;
use crate::emit_docs::{docs, lines};
use crate::ir::{EnumDef, Member, TypeDef, TypeId, UnionDef};
use proc_macro2::TokenStream;
use quote::quote;

impl Writer<'_> {
    /// An open enum (unknown values kept) or a closed one.
    pub(crate) fn enum_item(&self, id: TypeId, t: &TypeDef, e: &EnumDef) -> TokenStream {
        let name = self.name(id);
        let doc_attrs = docs(t.doc.as_deref(), &[]);
        let vnames = self.variants(id);
        if e.open {
            let variants = e.values.iter().zip(vnames).map(|(v, n)| {
                let vdocs = docs(v.doc.as_deref(), &[]);
                let wire = v.wire.as_str();
                quote!(#vdocs #n = #wire,)
            });
            quote! {
                ::azml::open_enum! {
                    #doc_attrs
                    pub enum #name {
                        #(#variants)*
                    }
                }
            }
        } else {
            let rest_derived = t.derives.iter().any(|d| d == "RestTranslatable");
            let variants = e.values.iter().zip(vnames).map(|(v, n)| {
                let vdocs = docs(v.doc.as_deref(), &[]);
                let wire = v.wire.as_str();
                let rename = (n.as_str() != wire).then(|| quote!(#[serde(rename = #wire)]));
                // `x-azml-rest.values`: the REST spelling, for `RestTranslatable`.
                let rest = t
                    .ext
                    .rest_values
                    .iter()
                    .find(|(value, _)| value == wire && rest_derived)
                    .map(|(_, rest)| quote!(#[rest(rename = #rest)]));
                quote!(#vdocs #rename #rest #n,)
            });
            let lowered = t.ext.lower_case || t.ext.snake_case || !t.ext.aliases.is_empty();
            let mut derives = vec![
                quote!(Debug),
                quote!(Clone),
                quote!(Copy),
                quote!(PartialEq),
                quote!(Eq),
                quote!(Hash),
                quote!(PartialOrd),
                quote!(Ord),
                quote!(::serde::Serialize),
            ];
            if !lowered {
                derives.push(quote!(::serde::Deserialize));
            }
            derives.extend(self.azml_derives(t));
            let read = lowered.then(|| self.lowered_deserialize(id, t, e));
            quote! {
                #doc_attrs
                #[derive(#(#derives),*)]
                #[allow(clippy::enum_variant_names)]
                pub enum #name {
                    #(#variants)*
                }
                #read
            }
        }
    }

    /// `Deserialize` of an `x-azml-enum-case` / `x-azml-enum-aliases` enum: the text
    /// lower-cased or put through `camel_to_snake` (an alias as its value), then matched;
    /// Python's message otherwise.
    fn lowered_deserialize(&self, id: TypeId, t: &TypeDef, e: &EnumDef) -> TokenStream {
        let name = self.name(id);
        let values = e.values.iter().map(|v| v.wire.as_str());
        let aliases = t.ext.aliases.iter().map(|(a, v)| quote!((#a, #v)));
        let read = if t.ext.snake_case {
            quote!(::azml::__codegen::snake_enum)
        } else {
            quote!(::azml::__codegen::lower_enum)
        };
        let arms = self.variants(id).iter().enumerate().map(|(i, n)| {
            let i = proc_macro2::Literal::usize_unsuffixed(i);
            quote!(::std::result::Result::Ok(#i) => ::std::result::Result::Ok(Self::#n),)
        });
        quote! {
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> ::std::result::Result<Self, D::Error> {
                    let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                    match #read(&value, &[#(#values),*], &[#(#aliases),*]) {
                        #(#arms)*
                        ::std::result::Result::Ok(_) => ::std::unreachable!(),
                        ::std::result::Result::Err(message) => ::std::result::Result::Err(<D::Error as ::serde::de::Error>::custom(message)),
                    }
                }
            }
        }
    }

    /// The azml derives a type asks for: `DictMixin` (unless written by hand) and
    /// `RestTranslatable`.
    pub(crate) fn azml_derives(&self, t: &TypeDef) -> Vec<TokenStream> {
        let mut out = Vec::new();
        for d in &t.derives {
            match d.as_str() {
                "DictMixin" if !t.ext.dict_by_hand => out.push(quote!(::azml::DictMixin)),
                "RestTranslatable" => out.push(quote!(::azml::RestTranslatable)),
                _ => {}
            }
        }
        out
    }

    /// An untagged union: one variant a member, then the catch-all.
    pub(crate) fn untagged_item(&self, id: TypeId, t: &TypeDef, ms: &[Member]) -> TokenStream {
        let name = self.name(id);
        let doc_attrs = docs(t.doc.as_deref(), &[]);
        let variants = ms.iter().zip(self.variants(id)).map(|(m, n)| {
            let ty = self.ty(&m.ty);
            if m.boxed {
                quote!(#n(::std::boxed::Box<#ty>),)
            } else {
                quote!(#n(#ty),)
            }
        });
        let derives = self.azml_derives(t);
        quote! {
            #doc_attrs
            #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize #(, #derives)*)]
            #[serde(untagged)]
            #[allow(clippy::large_enum_variant)]
            pub enum #name {
                #(#variants)*
                /// Any other JSON value, kept as is.
                Other(::serde_json::Value),
            }
        }
    }

    /// A tagged union, its `tag()` and its serde impls.
    pub(crate) fn union_item(&self, id: TypeId, t: &TypeDef, u: &UnionDef) -> TokenStream {
        let name = self.name(id);
        let shown_tag = u.tag.replace('`', "'");
        let doc_attrs = docs(
            t.doc.as_deref(),
            &[format!(
                "Tagged by `{shown_tag}`; an unknown tag is kept in `Other` as raw JSON."
            )],
        );
        let tag = u.tag.as_str();
        let vnames = self.variants(id);
        let mut variants = Vec::with_capacity(u.variants.len());
        let mut tags = Vec::with_capacity(u.variants.len());
        let mut sers = Vec::with_capacity(u.variants.len());
        let mut des = Vec::with_capacity(u.variants.len());
        for (v, n) in u.variants.iter().zip(vnames) {
            let value = v.tag_value.as_str();
            let vdocs = lines(&format!("`{shown_tag}` = `{}`.", value.replace('`', "'")));
            let ty = self.named_ty(v.ty);
            variants.push(if v.boxed {
                quote!(#vdocs #n(::std::boxed::Box<#ty>),)
            } else {
                quote!(#vdocs #n(#ty),)
            });
            tags.push(quote!(Self::#n(_) => ::std::option::Option::Some(#value),));
            sers.push(quote!(Self::#n(v) => ::serde::Serialize::serialize(v, serializer),));
            let map = if v.boxed {
                quote!(|v| Self::#n(::std::boxed::Box::new(v)))
            } else {
                quote!(Self::#n)
            };
            des.push(quote! {
                ::std::option::Option::Some(#value) => ::serde_json::from_value(value).map(#map).map_err(::serde::de::Error::custom),
            });
        }
        quote! {
            #doc_attrs
            #[derive(Debug, Clone, PartialEq)]
            #[allow(clippy::large_enum_variant)]
            pub enum #name {
                #(#variants)*
                /// A tag this version of the spec does not know: the JSON object as received.
                Other(::serde_json::Value),
            }
            impl #name {
                /// The tag value on the wire.
                pub fn tag(&self) -> ::std::option::Option<&str> {
                    match self {
                        #(#tags)*
                        Self::Other(v) => v.get(#tag).and_then(::serde_json::Value::as_str),
                    }
                }
            }
            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(
                    &self,
                    serializer: S,
                ) -> ::std::result::Result<S::Ok, S::Error> {
                    match self {
                        #(#sers)*
                        Self::Other(v) => ::serde::Serialize::serialize(v, serializer),
                    }
                }
            }
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> ::std::result::Result<Self, D::Error> {
                    let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                    let tag = value.get(#tag).and_then(::serde_json::Value::as_str).map(::std::string::ToString::to_string);
                    match tag.as_deref() {
                        #(#des)*
                        _ => ::std::result::Result::Ok(Self::Other(value)),
                    }
                }
            }
        }
    }
}
