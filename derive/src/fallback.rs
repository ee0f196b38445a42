//! Impls emitted beside the errors when a derive fails, so that one bad
//! attribute does not also cause "trait not implemented" errors wherever
//! the type is used (thiserror does the same).

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

fn crate_path(input: &DeriveInput) -> TokenStream {
    // The crate path is itself an attribute that may be the broken one, so
    // read it leniently here.
    for attr in &input.attrs {
        if attr.path().is_ident("azml") {
            let mut found = None;
            let _ = attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("crate") {
                    let lit: syn::LitStr = meta.value()?.parse()?;
                    found = lit.parse::<syn::Path>().ok();
                }
                Ok(())
            });
            if let Some(path) = found {
                return quote!(#path);
            }
        }
    }
    quote!(::azml)
}

/// The errors plus `DictMixin` (for a struct) and `DictValue` impls whose
/// bodies never run.
pub fn dict(input: &DeriveInput, error: syn::Error) -> TokenStream {
    let errors = error.into_compile_error();
    let ident = &input.ident;
    let krate = crate_path(input);
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let dict_value = quote! {
        impl #impl_generics #krate::DictValue for #ident #ty_generics #where_clause {
            fn to_value(&self) -> #krate::Value { ::core::unreachable!() }
            fn from_value(_: #krate::Value) -> ::core::result::Result<Self, #krate::ValueError> { ::core::unreachable!() }
            fn expected() -> ::std::borrow::Cow<'static, str> { ::core::unreachable!() }
        }
    };
    if let syn::Data::Enum(_) = input.data {
        return quote! {
            #errors
            const _: () = { #dict_value };
        };
    }
    quote! {
        #errors
        const _: () = {
            impl #impl_generics #krate::DictMixin for #ident #ty_generics #where_clause {
                fn keys(&self) -> #krate::Keys<'_> { ::core::unreachable!() }
                fn get(&self, _: &str) -> ::core::option::Option<#krate::Value> { ::core::unreachable!() }
                fn has_key(&self, _: &str) -> bool { ::core::unreachable!() }
                fn values(&self) -> ::std::vec::Vec<#krate::Value> { ::core::unreachable!() }
                fn items(&self) -> ::std::vec::Vec<(&str, #krate::Value)> { ::core::unreachable!() }
                fn len(&self) -> usize { ::core::unreachable!() }
                fn set(&mut self, _: &str, _: #krate::Value) -> ::core::result::Result<(), #krate::DictError> { ::core::unreachable!() }
                fn remove(&mut self, _: &str) -> ::core::result::Result<(), #krate::DictError> { ::core::unreachable!() }
                fn update<__I, __K, __V>(&mut self, _: __I) -> ::core::result::Result<(), #krate::DictError>
                where
                    Self: ::core::marker::Sized,
                    __I: ::core::iter::IntoIterator<Item = (__K, __V)>,
                    __K: ::core::convert::AsRef<str>,
                    __V: ::core::convert::Into<#krate::Value>,
                { ::core::unreachable!() }
            }
            #dict_value
        };
    }
}

/// The errors plus a `RestTranslatable` impl whose bodies never run.
pub fn rest(input: &DeriveInput, error: syn::Error) -> TokenStream {
    let errors = error.into_compile_error();
    let ident = &input.ident;
    let krate = crate_path(input);
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        #errors
        const _: () = {
            impl #impl_generics #krate::RestTranslatable for #ident #ty_generics #where_clause {
                type Rest = #krate::Value;
                fn to_rest_object(&self) -> ::core::result::Result<#krate::Value, #krate::RestError> { ::core::unreachable!() }
                fn from_rest_object(_: #krate::Value) -> ::core::result::Result<Self, #krate::RestError> { ::core::unreachable!() }
            }
        };
    }
}
