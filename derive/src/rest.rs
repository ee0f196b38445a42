//! Expansion of `#[derive(RestTranslatable)]`, for the default JSON model
//! (a `Value` object keyed by wire names) or a typed `#[rest(model = Path)]`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::DeriveInput;

use crate::bound::with_bounds;
use crate::fallback;
use crate::internals::ast::{Container, Field};
use crate::internals::attr::RestDefault;
use crate::internals::check::check_rest;
use crate::internals::ctxt::Ctxt;

/// The derive's output: the impl, or the errors plus a fallback impl.
pub fn expand(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let cont = Container::from_ast(&cx, input, "RestTranslatable");
    if let Some(cont) = &cont {
        check_rest(&cx, cont);
    }
    match (cx.check(), cont) {
        (Ok(()), Some(cont)) if cont.variants.is_some() => crate::rest_enum::expand(&cont),
        (Ok(()), Some(cont)) => match cont.attrs.rest_model.get() {
            Some(model) => expand_typed(&cont, model),
            None => expand_json(&cont),
        },
        (Err(err), _) => fallback::rest(input, err),
        (Ok(()), None) => fallback::rest(
            input,
            syn::Error::new(input.ident.span(), "RestTranslatable: unsupported input"),
        ),
    }
}

fn default_expr(default: &RestDefault) -> TokenStream {
    match default {
        RestDefault::Trait => quote!(::core::default::Default::default()),
        RestDefault::Path(path) => quote!(#path()),
    }
}

/// `to_rest` / `from_rest` of one field against REST type `rest_ty`.
fn conversions(
    krate: &syn::Path,
    field: &Field,
    rest_ty: &TokenStream,
) -> (TokenStream, TokenStream) {
    let ty = field.ty;
    if field.attrs.rest_dict.is_set() {
        return (
            quote_spanned!(ty.span()=> #krate::__private::rest_as_dict::<#ty>),
            quote_spanned!(ty.span()=> #krate::__private::rest_from_dict::<#ty>),
        );
    }
    if field.attrs.rest_serde.is_set() {
        return (
            quote_spanned!(ty.span()=> #krate::__private::rest_via_serde::<#ty>),
            quote_spanned!(ty.span()=> #krate::__private::rest_from_serde::<#ty>),
        );
    }
    match field.attrs.rest_with.get() {
        Some(module) => (quote!(#module::to_rest), quote!(#module::from_rest)),
        None => (
            quote_spanned!(ty.span()=> <#ty as #krate::RestField<#rest_ty>>::to_rest_field),
            quote_spanned!(ty.span()=> <#ty as #krate::RestField<#rest_ty>>::from_rest_field),
        ),
    }
}

fn expand_json(cont: &Container) -> TokenStream {
    let krate = &cont.crate_path;
    let ident = cont.ident;
    let value = quote!(#krate::Value);
    let rest_error = quote!(#krate::RestError);
    let result = quote!(::core::result::Result);

    let mut bounds = Vec::new();
    let mut to_parts = Vec::new();
    let mut from_parts = Vec::new();
    let mut flatten_parts = Vec::new();
    let mut inits = Vec::new();
    for (i, field) in cont.fields.iter().enumerate() {
        let member = field.member;
        let ty = field.ty;
        let local = format_ident!("__field{}", i);
        let a = &field.attrs;
        if a.rest_skip.is_set() {
            bounds.push((ty, quote!(::core::default::Default)));
            inits.push(quote_spanned!(ty.span()=> #member: ::core::default::Default::default()));
            continue;
        }
        if a.rest_dict.is_set() {
            bounds.push((ty, quote!(#krate::DictValue)));
        } else if a.rest_serde.is_set() {
            bounds.push((
                ty,
                quote!(#krate::__private::serde::Serialize + #krate::__private::serde::de::DeserializeOwned),
            ));
        } else if a.rest_with.get().is_none() {
            bounds.push((ty, quote!(#krate::RestField<#value>)));
        }
        let (to, from) = conversions(krate, field, &value);
        let name = &field.rest_name;
        inits.push(quote!(#member: #local));
        if a.rest_flatten.is_set() {
            to_parts.push(quote! {
                match #to(&self.#member).map_err(|e| e.at(::core::stringify!(#member)))? {
                    #value::Object(__inner) => __map.extend(__inner),
                    #value::Null => {}
                    _ => return #result::Err(#rest_error::new(
                        "a flattened field must convert to a JSON object",
                    ).at(::core::stringify!(#member))),
                }
            });
            flatten_parts.push(quote! {
                let #local: #ty = #from(#value::Object(__map.clone()))
                    .map_err(|e| e.at(::core::stringify!(#member)))?;
            });
            continue;
        }
        let (encode, decode) = if a.rest_json_string.is_set() {
            (
                quote!(let __v = #krate::__private::json_string(__v);),
                quote!(let __v = #krate::__private::json_unstring(__v).map_err(|e| e.at(#name))?;),
            )
        } else {
            (quote!(), quote!())
        };
        to_parts.push(quote! {
            let __v: #value = #to(&self.#member).map_err(|e| e.at(#name))?;
            #encode
            if !__v.is_null() {
                __map.insert(::std::string::String::from(#name), __v);
            }
        });
        from_parts.push(match a.rest_default.get() {
            Some(default) => {
                let default = default_expr(default);
                quote! {
                    let #local: #ty = match __map.remove(#name) {
                        ::core::option::Option::None
                        | ::core::option::Option::Some(#value::Null) => #default,
                        ::core::option::Option::Some(__v) => {
                            #decode
                            #from(__v).map_err(|e| e.at(#name))?
                        }
                    };
                }
            }
            None => quote! {
                let __v = __map.remove(#name).unwrap_or(#value::Null);
                #decode
                let #local: #ty = #from(__v).map_err(|e| e.at(#name))?;
            },
        });
    }
    let generics = with_bounds(cont.generics, bounds);
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let expected = format!("expected a JSON object for {ident}, got ");
    let finish = if cont.attrs.rest_prune.is_set() {
        quote!(#krate::dict::prune_empty(#value::Object(__map)))
    } else {
        quote!(#value::Object(__map))
    };
    let (to_rest, rest_of_dict) = if cont.attrs.rest_from_dict.is_set() {
        from_dict(cont, &finish)
    } else {
        (
            quote! {
                let mut __map = #krate::__private::serde_json::Map::new();
                #(#to_parts)*
                #result::Ok(#finish)
            },
            quote!(),
        )
    };
    quote! {
        const _: () = {
            #rest_of_dict

            #[automatically_derived]
            impl #impl_generics #krate::RestTranslatable for #ident #ty_generics #where_clause {
                type Rest = #value;

                fn to_rest_object(&self) -> #result<#value, #rest_error> {
                    #to_rest
                }

                fn from_rest_object(rest: #value) -> #result<Self, #rest_error> {
                    #[allow(unused_mut)]
                    let mut __map = match rest {
                        #value::Object(__map) => __map,
                        __other => return #result::Err(#rest_error::new(
                            ::std::format!("{}{}", #expected, #krate::__private::describe(&__other)),
                        )),
                    };
                    #(#from_parts)*
                    #(#flatten_parts)*
                    #result::Ok(#ident { #(#inits,)* })
                }
            }
        };
    }
}

/// `#[rest(from_dict)]`: the REST form is the dict with the fields' REST
/// encodings and skips, written as an inherent `rest_of_dict` (so a caller
/// that already holds the dict, to hash it, converts it without a second
/// walk) and a `to_rest_object` over it.
fn from_dict(cont: &Container, finish: &TokenStream) -> (TokenStream, TokenStream) {
    let krate = &cont.crate_path;
    let ident = cont.ident;
    let value = quote!(#krate::Value);
    let rest_error = quote!(#krate::RestError);
    let result = quote!(::core::result::Result);
    let steps = cont.fields.iter().filter_map(|field| {
        let name = &field.dict_name;
        let a = &field.attrs;
        if a.rest_skip.is_set() {
            Some(quote!(__map.shift_remove(#name);))
        } else if a.rest_json_string.is_set() {
            Some(quote! {
                if let ::core::option::Option::Some(__v) = __map.get_mut(#name) {
                    *__v = #krate::__private::json_string(::core::mem::take(__v));
                }
            })
        } else {
            None
        }
    });
    let (impl_generics, ty_generics, where_clause) = cont.generics.split_for_impl();
    (
        quote!(Self::rest_of_dict(#krate::DictMixin::to_dict(self))),
        quote! {
            #[automatically_derived]
            impl #impl_generics #ident #ty_generics #where_clause {
                /// The REST form of this type's dict (`to_dict()`): its fields'
                /// REST encodings applied (`#[rest(from_dict)]`).
                ///
                /// # Errors
                /// When the dict is not an object.
                pub fn rest_of_dict(dict: #value) -> #result<#value, #rest_error> {
                    let mut __map = match dict {
                        #value::Object(__map) => __map,
                        __other => return #result::Err(#rest_error::new(
                            ::std::format!("expected a dict, got {}", #krate::__private::describe(&__other)),
                        )),
                    };
                    #(#steps)*
                    #result::Ok(#finish)
                }
            }
        },
    )
}

fn expand_typed(cont: &Container, model: &syn::Path) -> TokenStream {
    let krate = &cont.crate_path;
    let ident = cont.ident;
    let rest_error = quote!(#krate::RestError);
    let result = quote!(::core::result::Result);

    let mut bounds = Vec::new();
    let mut model_fields = Vec::new();
    let mut inits = Vec::new();
    for field in &cont.fields {
        let member = field.member;
        let ty = field.ty;
        let a = &field.attrs;
        if a.rest_skip.is_set() {
            bounds.push((ty, quote!(::core::default::Default)));
            inits.push(quote_spanned!(ty.span()=> #member: ::core::default::Default::default()));
            continue;
        }
        let rest_member = match a.rest_rename.get() {
            Some(lit) => match lit.parse::<syn::Ident>() {
                Ok(id) => id,
                Err(e) => return e.into_compile_error(),
            },
            None => member.clone(),
        };
        let infer = quote!(_);
        let (to, from) = match a.rest_with.get() {
            Some(module) => (quote!(#module::to_rest), quote!(#module::from_rest)),
            None => (
                quote_spanned!(ty.span()=> #krate::RestField::to_rest_field),
                quote_spanned!(ty.span()=> <#ty as #krate::RestField<#infer>>::from_rest_field),
            ),
        };
        let label = member.to_string();
        match a.rest_default.get() {
            Some(default) => {
                let default = default_expr(default);
                model_fields.push(quote! {
                    #rest_member: ::core::option::Option::Some(
                        #to(&self.#member).map_err(|e| e.at(#label))?,
                    )
                });
                inits.push(quote! {
                    #member: match rest.#rest_member {
                        ::core::option::Option::Some(__r) => #from(__r).map_err(|e| e.at(#label))?,
                        ::core::option::Option::None => #default,
                    }
                });
            }
            None => {
                model_fields.push(quote! {
                    #rest_member: #to(&self.#member).map_err(|e| e.at(#label))?
                });
                inits.push(quote! {
                    #member: #from(rest.#rest_member).map_err(|e| e.at(#label))?
                });
            }
        }
    }
    let generics = with_bounds(cont.generics, bounds);
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let fill = cont
        .attrs
        .rest_partial
        .is_set()
        .then(|| quote!(..::core::default::Default::default()));
    quote! {
        const _: () = {
            #[automatically_derived]
            impl #impl_generics #krate::RestTranslatable for #ident #ty_generics #where_clause {
                type Rest = #model;

                fn to_rest_object(&self) -> #result<#model, #rest_error> {
                    #result::Ok(#model {
                        #(#model_fields,)*
                        #fill
                    })
                }

                fn from_rest_object(rest: #model) -> #result<Self, #rest_error> {
                    #result::Ok(#ident { #(#inits,)* })
                }
            }
        };
    }
}
