//! Stage 4, structs: the struct item (a syntax tree), its serde impls ([`crate::emit_serde`])
//! and the items of the rule extensions.

use crate::emit::{option, Writer};
use crate::emit_docs::{docs, lines};
use crate::ir::{Field, Kind, StructDef, Ty, TypeDef, TypeId};
use crate::naming::Name;
use crate::syntax::{attr_list, generic, path, pub_field, trailing};
use proc_macro2::TokenStream;
use quote::quote;
use syn::{Item, Type};

/// How a struct field is read: `Option` wrappers and the missing-field rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldKind {
    /// `T`: an error when missing.
    Required,
    /// `Option<T>`, required but nullable: `None` for `null`, an error when missing.
    RequiredNullable,
    /// `Option<T>`: `None` when missing or `null`.
    Optional,
    /// `Option<Option<T>>`: missing, `null` and a value are three states.
    OptionalNullable,
    /// `Option<T>` of a type that holds `null` itself (an untyped value, an enum with
    /// `null`): `None` when missing, `Some` of whatever is present.
    OptionalAny,
}

impl FieldKind {
    /// The kind of `f`; `null_ok` when its type holds `null` itself.
    pub(crate) fn of(f: &Field, null_ok: bool) -> FieldKind {
        match (f.required && !f.read_only, f.nullable) {
            (true, false) => FieldKind::Required,
            (true, true) => FieldKind::RequiredNullable,
            (false, false) if null_ok => FieldKind::OptionalAny,
            (false, false) => FieldKind::Optional,
            (false, true) => FieldKind::OptionalNullable,
        }
    }

    pub(crate) fn optional(self) -> bool {
        matches!(
            self,
            FieldKind::Optional | FieldKind::OptionalNullable | FieldKind::OptionalAny
        )
    }
}

/// Which attributes a struct's fields carry, from the struct's derives.
#[derive(Debug, Clone, Copy)]
struct FieldAttrs {
    /// `#[derive(DictMixin)]`: `#[dict(...)]`.
    dict: bool,
    /// `#[derive(RestTranslatable)]`: `#[rest(...)]`.
    rest: bool,
}

impl Writer<'_> {
    /// The struct, and its serde impls unless serde's derives handle it. A struct deriving
    /// `DictMixin` serializes as its dict (`#[dict(serialize)]`): one route to its JSON form.
    pub(crate) fn struct_items(&self, id: TypeId, t: &TypeDef, sd: &StructDef) -> Vec<Item> {
        let mut attrs = docs(t.doc.as_deref(), &[]);
        let dict = t.derives.iter().any(|d| d == "DictMixin") && !t.ext.dict_by_hand;
        let rest = t.derives.iter().any(|d| d == "RestTranslatable");
        let mut derives = vec![quote!(Debug), quote!(Clone), quote!(PartialEq)];
        if self.defaultable(id) {
            derives.push(quote!(Default));
        }
        // Structs serialize and deserialize through the shared helpers in `::azml::__codegen`.
        derives.extend(self.azml_derives(t));
        attrs.push(attr_list(path(false, &["derive"]), quote!(#(#derives),*)));
        if dict {
            attrs.push(attr_list(path(false, &["dict"]), quote!(serialize)));
            if t.ext.dict_prune {
                attrs.push(attr_list(path(false, &["dict"]), quote!(prune)));
            }
        }
        if rest && t.ext.rest_prune {
            attrs.push(attr_list(path(false, &["rest"]), quote!(prune)));
        }
        if rest && t.ext.rest_from_dict {
            attrs.push(attr_list(path(false, &["rest"]), quote!(from_dict)));
        }
        let fnames = self.fields(id);
        let field_attrs = FieldAttrs { dict, rest };
        let mut fields: Vec<syn::Field> = sd
            .fields
            .iter()
            .zip(fnames)
            .map(|(f, n)| self.field(f, n, field_attrs))
            .collect();
        for (p, n) in sd.patterns.iter().zip(fnames.iter().skip(sd.fields.len())) {
            let ty = generic(path(true, &["azml", "OrderedMap"]), [self.ty(&p.ty)]);
            let shown = p.pattern.replace('`', "'");
            let attrs = lines(&format!(
                "Properties whose keys match `{shown}` (`patternProperties`)."
            ));
            fields.push(pub_field(attrs, n, ty));
        }
        let extra_at = sd.fields.len() + sd.patterns.len();
        if let (Some(extra), Some(n)) = (&sd.extra, fnames.get(extra_at)) {
            let ty = match extra {
                Ty::Value => generic(
                    path(true, &["serde_json", "Map"]),
                    [self.ty(&Ty::String), self.ty(&Ty::Value)],
                ),
                other => generic(path(true, &["azml", "OrderedMap"]), [self.ty(other)]),
            };
            let mut attrs = lines("Properties not declared above (`additionalProperties`).");
            if dict {
                let extra = match t.ext.unknown_keys {
                    Some(crate::azml_ext::UnknownKeys::KeepRest) => quote!(extra, skip_dump),
                    Some(crate::azml_ext::UnknownKeys::KeepFirst) => quote!(extra_first),
                    _ => quote!(extra),
                };
                attrs.push(attr_list(path(false, &["dict"]), extra));
            }
            if rest {
                attrs.push(attr_list(path(false, &["rest"]), quote!(flatten)));
            }
            fields.push(pub_field(attrs, n, ty));
        }
        let name = self.name(id);
        let mut out = vec![Item::Struct(syn::ItemStruct {
            attrs,
            vis: syn::Visibility::Public(Default::default()),
            struct_token: Default::default(),
            ident: name.ident(),
            generics: Default::default(),
            fields: syn::Fields::Named(syn::FieldsNamed {
                brace_token: Default::default(),
                named: trailing(fields),
            }),
            semi_token: None,
        })];
        if !dict {
            out.push(self.serialize_impl(id, sd, fnames));
        }
        out.extend(self.deserialize_impls(id, sd, fnames));
        out
    }

    /// A field's Rust type.
    fn field_ty(&self, f: &Field) -> Type {
        let mut ty = self.ty(&f.ty);
        if f.boxed {
            ty = generic(path(true, &["std", "boxed", "Box"]), [ty]);
        }
        match self.field_kind(f) {
            FieldKind::Required => ty,
            FieldKind::OptionalNullable => option(option(ty)),
            FieldKind::Optional | FieldKind::RequiredNullable | FieldKind::OptionalAny => {
                option(ty)
            }
        }
    }

    /// How a field is read and written.
    pub(crate) fn field_kind(&self, f: &Field) -> FieldKind {
        FieldKind::of(f, self.null_ok(&f.ty, 0))
    }

    /// True when a value of `ty` may be `null` itself (so that an optional field tells a
    /// `null` from an absent key): an untyped value, a nullable member or item, an enum that
    /// lists `null`, an untagged union with a nullable member, an alias of one.
    pub(crate) fn null_ok(&self, ty: &Ty, depth: usize) -> bool {
        match ty {
            Ty::Value | Ty::Nullable(_) => true,
            Ty::Named(id) if depth < 8 => match self.ir.types.get(*id).map(|t| &t.kind) {
                Some(Kind::Alias(inner)) => self.null_ok(inner, depth + 1),
                Some(Kind::Enum(e)) => e
                    .values
                    .iter()
                    .any(|v| v.json == Some(serde_json::Value::Null)),
                Some(Kind::Untagged(ms)) => ms.iter().any(|m| self.null_ok(&m.ty, depth + 1)),
                _ => false,
            },
            _ => false,
        }
    }

    /// One field with its docs and attributes.
    fn field(&self, f: &Field, n: &Name, attrs: FieldAttrs) -> syn::Field {
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
        let wire = f.wire.as_str();
        let renamed = n.unraw() != wire;
        let dict = || path(false, &["dict"]);
        let rest = || path(false, &["rest"]);
        if renamed {
            // No serde derive reads the wire name here, so the other derives get it.
            if attrs.dict {
                out.push(attr_list(dict(), quote!(rename = #wire)));
            }
            if attrs.rest && f.ext.rest_name.is_none() && !f.ext.rest_skip {
                out.push(attr_list(rest(), quote!(rename = #wire)));
            }
        }
        if attrs.dict {
            if f.ext.dict_skip {
                out.push(attr_list(dict(), quote!(skip_dump)));
            }
            if self.without_azml_derive(&f.ty, "DictMixin") {
                out.push(attr_list(dict(), quote!(serde)));
            }
        }
        if attrs.rest {
            if f.ext.rest_skip {
                out.push(attr_list(rest(), quote!(skip)));
            } else {
                if let Some(name) = &f.ext.rest_name {
                    out.push(attr_list(rest(), quote!(rename = #name)));
                }
                if f.ext.rest_json_string {
                    out.push(attr_list(rest(), quote!(json_string)));
                }
                if self.without_azml_derive(&f.ty, "RestTranslatable") {
                    out.push(attr_list(rest(), quote!(serde)));
                }
            }
        }
        pub_field(out, n, self.field_ty(f))
    }
}

impl Writer<'_> {
    /// The items the rule extensions add to a struct: its `KIND_SPEC` (`x-azml-kind`) and its
    /// `inherit_from` (`x-azml-inherit`).
    pub(crate) fn rule_items(&self, id: TypeId, t: &TypeDef) -> TokenStream {
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
