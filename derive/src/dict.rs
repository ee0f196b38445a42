//! Expansion of `#[derive(DictMixin)]` on a struct: the `DictMixin` impl
//! (the view and `to_dict`), the `DictValue` impl (the struct as a nested
//! dict value), with `#[dict(display)]` `Display` in Python's `__str__`
//! form, and with `#[dict(serialize)]` a serde `Serialize` that writes the
//! dict. On an enum, the `DictValue` impl ([`crate::dict_enum`]).

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::DeriveInput;

use crate::bound::with_bounds;
use crate::fallback;
use crate::internals::ast::{Container, Field};
use crate::internals::check::check_dict;
use crate::internals::ctxt::Ctxt;

/// The derive's output: the impls, or the errors plus fallback impls.
pub fn expand(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let cont = Container::from_ast(&cx, input, "DictMixin");
    if let Some(cont) = &cont {
        check_dict(&cx, cont);
    }
    match (cx.check(), cont) {
        (Ok(()), Some(cont)) if cont.variants.is_some() => crate::dict_enum::expand(&cont),
        (Ok(()), Some(cont)) => expand_container(&cont),
        (Err(err), _) => fallback::dict(input, err),
        (Ok(()), None) => fallback::dict(
            input,
            syn::Error::new(input.ident.span(), "DictMixin: unsupported input"),
        ),
    }
}

/// How one field takes part in the dict view.
enum Kind {
    /// Converted through `DictValue`.
    Value,
    /// Converted through serde (`#[dict(serde)]`).
    Serde,
}

struct Keyed<'a> {
    field: &'a Field<'a>,
    kind: Kind,
}

impl Keyed<'_> {
    fn to_value(&self, krate: &syn::Path) -> TokenStream {
        let member = self.field.member;
        let ty = self.field.ty;
        match self.kind {
            Kind::Value => {
                quote_spanned!(ty.span()=> <#ty as #krate::DictValue>::to_value(&self.#member))
            }
            Kind::Serde => quote!(#krate::__private::serde_to_value::<#ty>(&self.#member)),
        }
    }

    /// The field's value in `_to_dict()`.
    fn to_dict_value(&self, krate: &syn::Path) -> TokenStream {
        let member = self.field.member;
        let ty = self.field.ty;
        match self.kind {
            Kind::Value => {
                quote_spanned!(ty.span()=> <#ty as #krate::DictValue>::to_dict_value(&self.#member))
            }
            Kind::Serde => quote!(#krate::__private::serde_to_value::<#ty>(&self.#member)),
        }
    }

    /// Converts `value` for `key` into the field type, `?`-ready `DictError`.
    fn convert(&self, krate: &syn::Path) -> TokenStream {
        let ty = self.field.ty;
        match self.kind {
            Kind::Value => {
                quote_spanned!(ty.span()=> #krate::__private::convert::<#ty>(key, value))
            }
            Kind::Serde => quote!(#krate::__private::serde_convert::<#ty>(key, value)),
        }
    }

    fn null(&self, krate: &syn::Path) -> TokenStream {
        let ty = self.field.ty;
        match self.kind {
            Kind::Value => quote!(#krate::__private::null_of::<#ty>(key)),
            Kind::Serde => quote!(#krate::__private::serde_null::<#ty>(key)),
        }
    }

    /// Converts `value` into the field type with a `ValueError` on failure.
    fn read_value(&self, krate: &syn::Path) -> TokenStream {
        let ty = self.field.ty;
        match self.kind {
            Kind::Value => quote!(<#ty as #krate::DictValue>::from_value(value)),
            Kind::Serde => quote!(#krate::__private::serde_from_value::<#ty>(value)),
        }
    }

    /// The field's value in a dict being built: given, else empty, else an error.
    fn init(&self, krate: &syn::Path, staged: &syn::Ident) -> TokenStream {
        let ty = self.field.ty;
        let name = &self.field.dict_name;
        match self.kind {
            Kind::Value => quote!(#krate::__private::field_or_null::<#ty>(#name, #staged)?),
            Kind::Serde => quote!(#krate::__private::serde_field_or_null::<#ty>(#name, #staged)?),
        }
    }

    fn bound(&self, krate: &syn::Path) -> TokenStream {
        match self.kind {
            Kind::Value => quote!(#krate::DictValue),
            Kind::Serde => quote!(
                #krate::__private::serde::Serialize + #krate::__private::serde::de::DeserializeOwned
            ),
        }
    }
}

fn expand_container(cont: &Container) -> TokenStream {
    let krate = &cont.crate_path;
    let ident = cont.ident;
    let keyed: Vec<Keyed> = cont
        .fields
        .iter()
        .filter(|f| !f.attrs.dict_skip.is_set() && !f.attrs.dict_extra.is_set())
        .map(|field| Keyed {
            field,
            kind: if field.attrs.dict_serde.is_set() {
                Kind::Serde
            } else {
                Kind::Value
            },
        })
        .collect();
    let extra = cont.fields.iter().find(|f| f.attrs.dict_extra.is_set());
    let skipped: Vec<&Field> = cont
        .fields
        .iter()
        .filter(|f| f.attrs.dict_skip.is_set())
        .collect();

    let mut bounds: Vec<(&syn::Type, TokenStream)> =
        keyed.iter().map(|k| (k.field.ty, k.bound(krate))).collect();
    if let Some(extra) = extra {
        bounds.push((extra.ty, quote!(#krate::ExtraMap)));
    }
    let generics = with_bounds(cont.generics, bounds);
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();

    let names: Vec<&str> = keyed.iter().map(|k| k.field.dict_name.as_str()).collect();
    let members: Vec<&syn::Ident> = keyed.iter().map(|k| k.field.member).collect();
    let types: Vec<&syn::Type> = keyed.iter().map(|k| k.field.ty).collect();
    let to_values: Vec<TokenStream> = keyed.iter().map(|k| k.to_value(krate)).collect();
    let converts: Vec<TokenStream> = keyed.iter().map(|k| k.convert(krate)).collect();
    let nulls: Vec<TokenStream> = keyed.iter().map(|k| k.null(krate)).collect();
    let from_values: Vec<TokenStream> = keyed.iter().map(|k| k.read_value(krate)).collect();
    let staged: Vec<syn::Ident> = (0..keyed.len())
        .map(|i| quote::format_ident!("__field{}", i))
        .collect();
    let count = keyed.len();
    let paths: Vec<String> = names.iter().map(|n| format!(".{n}")).collect();
    let inits: Vec<TokenStream> = keyed
        .iter()
        .zip(&staged)
        .map(|(k, s)| k.init(krate, s))
        .collect();

    let value = quote!(#krate::Value);
    let dict_error = quote!(#krate::DictError);
    let result = quote!(::core::result::Result);
    let option = quote!(::core::option::Option);

    let (keys_body, has_extra_key, len_extra, extend_values, extend_items) = match extra {
        Some(extra) => {
            let m = extra.member;
            (
                quote!(#krate::Keys::with_extra(KEYS, #krate::ExtraMap::extra_keys(&self.#m))),
                quote!(#krate::ExtraMap::extra_contains(&self.#m, key)),
                quote!(+ #krate::ExtraMap::extra_len(&self.#m)),
                quote! {
                    let mut __items = ::std::vec::Vec::new();
                    #krate::ExtraMap::extra_items(&self.#m, &mut __items);
                    __out.extend(__items.into_iter().map(|(_, v)| v));
                },
                quote!(#krate::ExtraMap::extra_items(&self.#m, &mut __out);),
            )
        }
        None => (
            quote!(#krate::Keys::new(KEYS)),
            quote!(false),
            quote!(),
            quote!(),
            quote!(),
        ),
    };

    let (get_other, set_other, remove_other, update_decl, update_other, update_apply) = match extra
    {
        Some(extra) => {
            let m = extra.member;
            let ty = extra.ty;
            (
                quote!(_ => #krate::ExtraMap::extra_get(&self.#m, key)),
                quote! {
                    _ => {
                        let __item = <#ty as #krate::ExtraMap>::extra_convert(value)
                            .map_err(|error| #dict_error::WrongType { key: key.to_owned(), error })?;
                        #krate::ExtraMap::extra_insert(&mut self.#m, key.to_owned(), __item);
                        #result::Ok(())
                    }
                },
                quote! {
                    _ if #krate::ExtraMap::extra_contains(&self.#m, key) => {
                        let __item = <#ty as #krate::ExtraMap>::extra_convert(#value::Null)
                            .map_err(|_| #dict_error::Required { key: key.to_owned() })?;
                        #krate::ExtraMap::extra_insert(&mut self.#m, key.to_owned(), __item);
                        #result::Ok(())
                    }
                    _ => #result::Err(#dict_error::UnknownKey { key: key.to_owned() }),
                },
                quote! {
                    let mut __extra: ::std::vec::Vec<(::std::string::String, <#ty as #krate::ExtraMap>::Item)> =
                        ::std::vec::Vec::new();
                },
                quote! {
                    _ => {
                        let __item = <#ty as #krate::ExtraMap>::extra_convert(value)
                            .map_err(|error| #dict_error::WrongType { key: key.to_owned(), error })?;
                        __extra.push((key.to_owned(), __item));
                    }
                },
                quote! {
                    for (__k, __item) in __extra {
                        #krate::ExtraMap::extra_insert(&mut self.#m, __k, __item);
                    }
                },
            )
        }
        None => (
            quote!(_ => #option::None),
            quote!(_ => #result::Err(#dict_error::UnknownKey { key: key.to_owned() })),
            quote!(_ => #result::Err(#dict_error::UnknownKey { key: key.to_owned() })),
            quote!(),
            quote!(_ => return #result::Err(#dict_error::UnknownKey { key: key.to_owned() })),
            quote!(),
        ),
    };

    // `_to_dict()`: dumped fields in order, nulls left out, then the extra
    // keys (before the fields with `#[dict(extra_first)]`); with
    // `#[dict(prune)]`, no null and no empty dict at any depth.
    let dumped: Vec<&Keyed> = keyed
        .iter()
        .filter(|k| !k.field.attrs.dict_skip_dump.is_set())
        .collect();
    let dump_names: Vec<&str> = dumped.iter().map(|k| k.field.dict_name.as_str()).collect();
    let dump_values: Vec<TokenStream> = dumped.iter().map(|k| k.to_dict_value(krate)).collect();
    let dump_count = dumped.len();
    let dump_extra = extra
        .filter(|extra| !extra.attrs.dict_skip_dump.is_set())
        .map(|extra| {
            let m = extra.member;
            quote!(#krate::ExtraMap::extra_dict(&self.#m, &mut __map);)
        });
    let dump_finish = if cont.attrs.dict_prune.is_set() {
        quote!(#krate::dict::prune_empty(#value::Object(__map)))
    } else {
        quote!(#value::Object(__map))
    };
    let extra_first = extra.is_some_and(|e| {
        e.attrs.dict_extra.get() == Some(&crate::internals::attr::ExtraPlace::First)
    });
    let (extra_before, extra_after) = if extra_first {
        (dump_extra, None)
    } else {
        (None, dump_extra)
    };
    let to_dict = quote! {
        fn to_dict(&self) -> #value {
            let mut __map = #krate::__private::serde_json::Map::with_capacity(#dump_count);
            #extra_before
            #(#krate::__private::dump_field(&mut __map, #dump_names, #dump_values);)*
            #extra_after
            #dump_finish
        }
    };

    let has_key_declared = if names.is_empty() {
        quote!(false)
    } else {
        quote!(::core::matches!(key, #(#names)|*))
    };

    let dict_mixin = quote! {
        #[automatically_derived]
        impl #impl_generics #krate::DictMixin for #ident #ty_generics #where_clause {
            #[inline]
            fn keys(&self) -> #krate::Keys<'_> {
                const KEYS: &[&str] = &[#(#names),*];
                #keys_body
            }

            fn get(&self, key: &str) -> #option<#value> {
                match key {
                    #(#names => #option::Some(#to_values),)*
                    #get_other
                }
            }

            fn has_key(&self, key: &str) -> bool {
                #has_key_declared || #has_extra_key
            }

            fn values(&self) -> ::std::vec::Vec<#value> {
                let mut __out = ::std::vec::Vec::with_capacity(#count);
                #(__out.push(#to_values);)*
                #extend_values
                __out
            }

            fn items(&self) -> ::std::vec::Vec<(&str, #value)> {
                let mut __out: ::std::vec::Vec<(&str, #value)> = ::std::vec::Vec::with_capacity(#count);
                #(__out.push((#names, #to_values));)*
                #extend_items
                __out
            }

            #[inline]
            fn len(&self) -> usize {
                #count #len_extra
            }

            #to_dict

            fn set(&mut self, key: &str, value: #value) -> #result<(), #dict_error> {
                match key {
                    #(#names => {
                        self.#members = #converts?;
                        #result::Ok(())
                    })*
                    #set_other
                }
            }

            fn remove(&mut self, key: &str) -> #result<(), #dict_error> {
                match key {
                    #(#names => {
                        self.#members = #nulls?;
                        #result::Ok(())
                    })*
                    #remove_other
                }
            }

            fn update<__I, __K, __V>(&mut self, pairs: __I) -> #result<(), #dict_error>
            where
                Self: ::core::marker::Sized,
                __I: ::core::iter::IntoIterator<Item = (__K, __V)>,
                __K: ::core::convert::AsRef<str>,
                __V: ::core::convert::Into<#value>,
            {
                #(let mut #staged: #option<#types> = #option::None;)*
                #update_decl
                for (__key, __value) in pairs {
                    let key: &str = __key.as_ref();
                    let value: #value = __value.into();
                    match key {
                        #(#names => #staged = #option::Some(#converts?),)*
                        #update_other
                    }
                }
                #(if let #option::Some(__v) = #staged { self.#members = __v; })*
                #update_apply
                #result::Ok(())
            }
        }
    };

    // The struct as a nested value: a dict of its items, built back key by key.
    let expected = format!("dict for {ident}");
    let (value_extra_decl, value_extra_arm, value_extra_init) = match extra {
        Some(extra) => {
            let m = extra.member;
            let ty = extra.ty;
            (
                quote!(let mut __extra: #ty = ::core::default::Default::default();),
                quote! {
                    _ => {
                        let __item = <#ty as #krate::ExtraMap>::extra_convert(value)
                            .map_err(|e| e.within(&::std::format!(".{}", __key)))?;
                        #krate::ExtraMap::extra_insert(&mut __extra, __key, __item);
                    }
                },
                quote!(#m: __extra,),
            )
        }
        None => (
            quote!(),
            quote! {
                _ => return #result::Err(#krate::ValueError {
                    path: ::std::format!(".{}", __key),
                    expected: ::std::string::String::from("no such key"),
                    given: ::std::string::String::from("a value"),
                }),
            },
            quote!(),
        ),
    };
    let skipped_init = skipped.iter().map(|f| {
        let m = f.member;
        quote_spanned!(f.ty.span()=> #m: ::core::default::Default::default(),)
    });
    let dict_value = quote! {
        #[automatically_derived]
        impl #impl_generics #krate::DictValue for #ident #ty_generics #where_clause {
            fn to_value(&self) -> #value {
                let mut __map = #krate::__private::serde_json::Map::new();
                for (__k, __v) in #krate::DictMixin::items(self) {
                    __map.insert(::std::string::String::from(__k), __v);
                }
                #value::Object(__map)
            }

            fn from_value(value: #value) -> #result<Self, #krate::ValueError> {
                let __map = match value {
                    #value::Object(__map) => __map,
                    __other => return #result::Err(#krate::ValueError::new(#expected, &__other)),
                };
                #(let mut #staged: #option<#types> = #option::None;)*
                #value_extra_decl
                for (__key, value) in __map {
                    match __key.as_str() {
                        #(#names => #staged = #option::Some(#from_values.map_err(|e| e.within(#paths))?),)*
                        #value_extra_arm
                    }
                }
                #result::Ok(#ident {
                    #(#members: #inits,)*
                    #(#skipped_init)*
                    #value_extra_init
                })
            }

            fn expected() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(#expected)
            }

            fn to_dict_value(&self) -> #value {
                #krate::DictMixin::to_dict(self)
            }
        }
    };

    let serialize = cont.attrs.dict_serialize.is_set().then(|| {
        let serde = quote!(#krate::__private::serde);
        quote! {
            #[automatically_derived]
            impl #impl_generics #serde::Serialize for #ident #ty_generics #where_clause {
                fn serialize<__S: #serde::Serializer>(&self, __serializer: __S) -> #result<__S::Ok, __S::Error> {
                    #serde::Serialize::serialize(&#krate::DictMixin::to_dict(self), __serializer)
                }
            }
        }
    });

    let display = cont.attrs.dict_display.is_set().then(|| {
        quote! {
            #[automatically_derived]
            impl #impl_generics ::core::fmt::Display for #ident #ty_generics #where_clause {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    let __items = #krate::DictMixin::items(self);
                    #krate::__private::write_dict(
                        f,
                        __items.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (*k, v)),
                    )
                }
            }
        }
    });

    quote! {
        const _: () = {
            #dict_mixin
            #dict_value
            #display
            #serialize
        };
    }
}
