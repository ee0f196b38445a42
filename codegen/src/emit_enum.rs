//! Stage 4, enums and unions, as syntax trees: open enums (through `::azml::open_enum!`),
//! closed enums, tagged unions with a catch-all and their serde impls, untagged unions.

use crate::emit::Writer;
use crate::emit_docs::{docs, lines};
use crate::ir::{EnumDef, Member, TypeDef, TypeId, UnionDef};
use crate::naming::Name;
use crate::pretty::Printed;
use crate::syntax::{
    arm, attr_list, call, generic, ident, impl_fn, impl_from, let_, list, lit_str, match_on,
    method, path, path_expr, qualified, tail, trailing, try_, ty, var,
};
use proc_macro2::TokenStream;
use quote::quote;
use syn::{Attribute, Expr, Item, Pat, Path, Type};

impl Writer<'_> {
    /// An open enum (unknown values kept) or a closed one.
    pub(crate) fn enum_items(&mut self, id: TypeId, t: &TypeDef, e: &EnumDef) -> Vec<Printed> {
        let mut attrs = docs(t.doc.as_deref(), &[]);
        let vnames = self.variants(id);
        if e.open {
            let variants = e.values.iter().zip(vnames).map(|(v, n)| {
                let wire = (Default::default(), lit_str(&v.wire));
                variant(
                    docs(v.doc.as_deref(), &[]),
                    n,
                    syn::Fields::Unit,
                    Some(wire),
                )
            });
            let item = enum_item(attrs, self.name(id), variants);
            return vec![Printed::InMacro("::azml::open_enum", item)];
        }
        if e.values.iter().any(|v| v.json.is_some()) {
            return self.json_enum_items(id, t, e, attrs);
        }
        let rest_derived = t.derives.iter().any(|d| d == "RestTranslatable");
        let variants = e.values.iter().zip(vnames).map(|(v, n)| {
            let mut attrs = docs(v.doc.as_deref(), &[]);
            let wire = v.wire.as_str();
            if n.as_str() != wire {
                attrs.push(attr_list(path(false, &["serde"]), quote!(rename = #wire)));
            }
            // `x-azml-rest.values`: the REST spelling, for `RestTranslatable`.
            if let Some((_, rest)) = t
                .ext
                .rest_values
                .iter()
                .find(|(value, _)| value == wire && rest_derived)
            {
                attrs.push(attr_list(path(false, &["rest"]), quote!(rename = #rest)));
            }
            variant(attrs, n, syn::Fields::Unit, None)
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
        derives.extend(self.azml_derives(t));
        attrs.push(attr_list(path(false, &["derive"]), quote!(#(#derives),*)));
        attrs.push(allow("enum_variant_names"));
        let mut out = vec![Printed::Item(enum_item(attrs, self.name(id), variants))];
        let read = if lowered {
            self.lowered_deserialize(id, t, e)
        } else {
            self.strict_deserialize(id, e)
        };
        out.extend(self.parsed(id, t, read).into_iter().map(Printed::Item));
        out
    }

    /// `Deserialize` of a closed string enum: a string of its values, nothing else (not
    /// serde's `{"variant": null}` map form).
    fn strict_deserialize(&self, id: TypeId, e: &EnumDef) -> TokenStream {
        let name = self.name(id);
        let wire = e.values.iter().map(|v| v.wire.as_str());
        let vnames = self.variants(id);
        quote! {
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> ::std::result::Result<Self, D::Error> {
                    ::azml::__codegen::closed_enum(deserializer, &[#(#wire),*], &[#(Self::#vnames),*])
                }
            }
        }
    }

    /// An enum of JSON values of any type (`[null, "bold", 700]`): unit variants written as
    /// their values and read by JSON Schema's equality.
    fn json_enum_items(
        &mut self,
        id: TypeId,
        t: &TypeDef,
        e: &EnumDef,
        mut attrs: Vec<Attribute>,
    ) -> Vec<Printed> {
        let vnames = self.variants(id);
        let variants = e.values.iter().zip(vnames).map(|(v, n)| {
            let shown = format!("`{}`", v.wire.replace('`', "'"));
            let mut docs = docs(v.doc.as_deref(), &[]);
            docs.extend(lines(&shown));
            variant(docs, n, syn::Fields::Unit, None)
        });
        attrs.push(attr_list(
            path(false, &["derive"]),
            quote!(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord),
        ));
        attrs.push(allow("enum_variant_names"));
        let name = self.name(id);
        let texts: Vec<&str> = e.values.iter().map(|v| v.wire.as_str()).collect();
        let impls = quote! {
            impl #name {
                /// The values as JSON texts, in the order of the variants.
                pub const VALUES: &'static [&'static str] = &[#(#texts),*];
            }
            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    ::azml::__codegen::json_literal(serializer, Self::VALUES[*self as usize])
                }
            }
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> ::std::result::Result<Self, D::Error> {
                    ::azml::__codegen::json_enum(deserializer, Self::VALUES, &[#(Self::#vnames),*])
                }
            }
        };
        let mut out = vec![Printed::Item(enum_item(attrs, name, variants))];
        out.extend(self.parsed(id, t, impls).into_iter().map(Printed::Item));
        out
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
    pub(crate) fn untagged_item(&self, id: TypeId, t: &TypeDef, ms: &[Member]) -> Item {
        let mut attrs = docs(t.doc.as_deref(), &[]);
        let mut variants: Vec<syn::Variant> = ms
            .iter()
            .zip(self.variants(id))
            .map(|(m, n)| {
                let ty = boxed(self.ty(&m.ty), m.boxed);
                variant(Vec::new(), n, one_field(ty), None)
            })
            .collect();
        if t.ext.catch_all {
            variants.push(other("Any other JSON value, kept as is."));
        }
        let derives = self.azml_derives(t);
        let derives = quote!(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize #(, #derives)*);
        attrs.push(attr_list(path(false, &["derive"]), derives));
        attrs.push(attr_list(path(false, &["serde"]), quote!(untagged)));
        attrs.push(allow("large_enum_variant"));
        enum_item(attrs, self.name(id), variants)
    }

    /// A tagged union, its `tag()` and its serde impls.
    pub(crate) fn union_items(&self, id: TypeId, t: &TypeDef, u: &UnionDef) -> [Item; 4] {
        let shown_tag = u.tag.replace('`', "'");
        let mut attrs = docs(
            t.doc.as_deref(),
            &[if u.open {
                format!("Tagged by `{shown_tag}`; an unknown tag is kept in `Other` as raw JSON.")
            } else {
                format!("Tagged by `{shown_tag}`.")
            }],
        );
        attrs.push(attr_list(
            path(false, &["derive"]),
            quote!(Debug, Clone, PartialEq),
        ));
        attrs.push(allow("large_enum_variant"));
        let vnames = self.variants(id);
        let n = u.variants.len() + 1;
        let (mut variants, mut tags, mut sers, mut des) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        let ser = || path_expr(path(true, &["serde", "Serialize", "serialize"]));
        let some = |value: &str| variant_pat(std_some(), Pat::Lit(lit_pat(value)));
        for (v, n) in u.variants.iter().zip(vnames) {
            let value = v.tag_value.as_str();
            let vdocs = lines(&format!("`{shown_tag}` = `{}`.", value.replace('`', "'")));
            let ty = boxed(self.named_ty(v.ty), v.boxed);
            variants.push(variant(vdocs, n, one_field(ty), None));
            tags.push(arm(
                variant_pat(self_variant(n), Pat::Wild(wild())),
                call(path_expr(std_some()), [lit_str(value)]),
            ));
            sers.push(arm(
                variant_pat(self_variant(n), bind("v")),
                call(ser(), [var("v"), var("serializer")]),
            ));
            let map = if v.boxed {
                let boxed = call(
                    path_expr(path(true, &["std", "boxed", "Box", "new"])),
                    [var("v")],
                );
                closure("v", call(path_expr(self_variant(n)), [boxed]))
            } else {
                path_expr(self_variant(n))
            };
            let from = call(
                path_expr(path(true, &["serde_json", "from_value"])),
                [var("value")],
            );
            let custom = path_expr(path(true, &["serde", "de", "Error", "custom"]));
            let read = method(method(from, "map", [map]), "map_err", [custom]);
            des.push(arm(some(value), read));
        }
        let tag = u.tag.as_str();
        if u.open {
            variants.push(other(
                "A tag this version of the spec does not know: the JSON object as received.",
            ));
            let other_pat = || variant_pat(self_variant_named("Other"), bind("v"));
            let as_str = || path_expr(path(true, &["serde_json", "Value", "as_str"]));
            tags.push(arm(
                other_pat(),
                method(
                    method(var("v"), "get", [lit_str(tag)]),
                    "and_then",
                    [as_str()],
                ),
            ));
            sers.push(arm(other_pat(), call(ser(), [var("v"), var("serializer")])));
            des.push(syn::parse_quote!(
                ::std::option::Option::Some(_) => ::std::result::Result::Ok(Self::Other(value)),
            ));
            des.push(syn::parse_quote!(
                ::std::option::Option::None => ::std::result::Result::Err(<D::Error as ::serde::de::Error>::missing_field(#tag)),
            ));
        } else {
            let known: Vec<&str> = u.variants.iter().map(|v| v.tag_value.as_str()).collect();
            des.push(syn::parse_quote!(
                _ => ::std::result::Result::Err(<D::Error as ::serde::de::Error>::custom(::std::format!("`{}` is none of {:?}", #tag, [#(#known),*]))),
            ));
        }
        let fixed = &self.fixed;
        let this = self.named_ty(id);
        let tag_fn = {
            let mut f = impl_fn(&fixed.tag_fn, vec![tail(match_on(var("self"), tags))]);
            if let syn::ImplItem::Fn(f) = &mut f {
                f.attrs = lines("The tag value on the wire.");
                f.vis = syn::Visibility::Public(Default::default());
            }
            f
        };
        let inherent = Item::Impl(syn::ItemImpl {
            attrs: Vec::new(),
            defaultness: None,
            unsafety: None,
            impl_token: Default::default(),
            generics: Default::default(),
            trait_: None,
            self_ty: Box::new(this.clone()),
            brace_token: Default::default(),
            items: vec![tag_fn],
        });
        let serialize = impl_from(
            &fixed.serialize,
            this.clone(),
            vec![impl_fn(
                &fixed.serialize_fn,
                vec![tail(match_on(var("self"), sers))],
            )],
        );
        let read_value = call(
            qualified(
                ty(path(true, &["serde_json", "Value"])),
                true,
                &["serde", "Deserialize"],
                "deserialize",
            ),
            [var("deserializer")],
        );
        let to_string = path_expr(path(true, &["std", "string", "ToString", "to_string"]));
        let as_str = path_expr(path(true, &["serde_json", "Value", "as_str"]));
        let tag = method(
            method(
                method(var("value"), "get", [lit_str(tag)]),
                "and_then",
                [as_str],
            ),
            "map",
            [to_string],
        );
        let body = vec![
            let_(false, ident("value"), try_(read_value)),
            let_(false, ident("tag"), tag),
            tail(match_on(method(var("tag"), "as_deref", []), des)),
        ];
        let deserialize = impl_from(
            &fixed.deserialize,
            this,
            vec![impl_fn(&fixed.deserialize_fn, body)],
        );
        [
            enum_item(attrs, self.name(id), variants),
            inherent,
            serialize,
            deserialize,
        ]
    }
}

/// `pub enum name { variants }` with its attributes.
fn enum_item(
    attrs: Vec<Attribute>,
    name: &Name,
    variants: impl IntoIterator<Item = syn::Variant>,
) -> Item {
    Item::Enum(syn::ItemEnum {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        enum_token: Default::default(),
        ident: name.ident(),
        generics: Default::default(),
        brace_token: Default::default(),
        variants: trailing(variants),
    })
}

/// A variant with its attributes, fields and discriminant (`= "wire"` in `open_enum!`).
fn variant(
    attrs: Vec<Attribute>,
    name: &Name,
    fields: syn::Fields,
    discriminant: Option<(syn::Token![=], Expr)>,
) -> syn::Variant {
    syn::Variant {
        attrs,
        ident: name.ident(),
        fields,
        discriminant,
    }
}

/// `(ty)`: a variant's one field.
fn one_field(ty: Type) -> syn::Fields {
    syn::Fields::Unnamed(syn::FieldsUnnamed {
        paren_token: Default::default(),
        unnamed: list([syn::Field {
            attrs: Vec::new(),
            vis: syn::Visibility::Inherited,
            mutability: syn::FieldMutability::None,
            ident: None,
            colon_token: None,
            ty,
        }]),
    })
}

/// The catch-all `Other(::serde_json::Value)`, with its doc.
fn other(doc: &str) -> syn::Variant {
    syn::Variant {
        attrs: lines(doc),
        ident: ident("Other"),
        fields: one_field(ty(path(true, &["serde_json", "Value"]))),
        discriminant: None,
    }
}

/// `::std::boxed::Box<ty>` when `boxed`.
fn boxed(ty: Type, boxed: bool) -> Type {
    if boxed {
        generic(path(true, &["std", "boxed", "Box"]), [ty])
    } else {
        ty
    }
}

/// `#[allow(clippy::lint)]`.
fn allow(lint: &str) -> Attribute {
    let lint = ident(lint);
    attr_list(path(false, &["allow"]), quote!(clippy::#lint))
}

/// `Self::name`.
fn self_variant(name: &Name) -> Path {
    let mut p = path(false, &["Self"]);
    p.segments.push(syn::PathSegment::from(name.ident()));
    p
}

/// `Self::name` for the generator's own variant names.
fn self_variant_named(name: &str) -> Path {
    path(false, &["Self", name])
}

/// `::std::option::Option::Some`.
fn std_some() -> Path {
    path(true, &["std", "option", "Option", "Some"])
}

/// `path(inner)` as a pattern.
fn variant_pat(path: Path, inner: Pat) -> Pat {
    Pat::TupleStruct(syn::PatTupleStruct {
        attrs: Vec::new(),
        qself: None,
        path,
        paren_token: Default::default(),
        elems: list([inner]),
    })
}

/// `_`.
fn wild() -> syn::PatWild {
    syn::PatWild {
        attrs: Vec::new(),
        underscore_token: Default::default(),
    }
}

/// A binding pattern.
fn bind(name: &str) -> Pat {
    Pat::Ident(syn::PatIdent {
        attrs: Vec::new(),
        by_ref: None,
        mutability: None,
        ident: ident(name),
        subpat: None,
    })
}

/// A string literal pattern.
fn lit_pat(text: &str) -> syn::PatLit {
    syn::ExprLit {
        attrs: Vec::new(),
        lit: syn::Lit::Verbatim(proc_macro2::Literal::string(text)),
    }
}

/// `|param| body`.
fn closure(param: &str, body: Expr) -> Expr {
    Expr::Closure(syn::ExprClosure {
        attrs: Vec::new(),
        lifetimes: None,
        constness: None,
        movability: None,
        asyncness: None,
        capture: None,
        or1_token: Default::default(),
        inputs: list([bind(param)]),
        or2_token: Default::default(),
        output: syn::ReturnType::Default,
        body: Box::new(body),
    })
}
