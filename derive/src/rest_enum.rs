//! `#[derive(RestTranslatable)]` on an enum, with a JSON model: unit
//! variants are wire strings (their `#[rest(rename)]`, else serde's name);
//! newtype variants are their field's REST form, tried in declaration order
//! when reading.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::bound::with_bounds;
use crate::internals::ast::Container;

/// The `RestTranslatable` impl of an enum.
pub fn expand(cont: &Container) -> TokenStream {
    let krate = &cont.crate_path;
    let ident = cont.ident;
    let variants = cont.variants.as_deref().unwrap_or_default();
    let value = quote!(#krate::Value);
    let rest_error = quote!(#krate::RestError);
    let result = quote!(::core::result::Result);

    let bounds: Vec<(&syn::Type, TokenStream)> = variants
        .iter()
        .filter_map(|v| v.inner.map(|ty| (ty, quote!(#krate::RestField<#value>))))
        .collect();
    let generics = with_bounds(cont.generics, bounds);
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();

    let to_arms: Vec<TokenStream> = variants
        .iter()
        .map(|v| {
            let vi = v.ident;
            match v.inner {
                None => {
                    let wire = &v.rest_name;
                    quote!(Self::#vi => #result::Ok(#value::String(::std::string::String::from(#wire))))
                }
                Some(ty) => quote_spanned! {ty.span()=>
                    Self::#vi(__inner) => <#ty as #krate::RestField<#value>>::to_rest_field(__inner)
                },
            }
        })
        .collect();
    let reads = crate::enum_read::read_variants(
        krate,
        variants,
        &syn::Ident::new("rest", proc_macro2::Span::call_site()),
        |v| &v.rest_name,
        |ty| quote!(<#ty as #krate::RestField<#value>>::from_rest_field),
    );
    let expected = format!("no variant of {ident} fits ");
    quote! {
        const _: () = {
            #[automatically_derived]
            impl #impl_generics #krate::RestTranslatable for #ident #ty_generics #where_clause {
                type Rest = #value;

                fn to_rest_object(&self) -> #result<#value, #rest_error> {
                    match self {
                        #(#to_arms,)*
                    }
                }

                fn from_rest_object(rest: #value) -> #result<Self, #rest_error> {
                    #reads
                    #result::Err(#rest_error::new(::std::format!(
                        "{}{}",
                        #expected,
                        #krate::__private::describe(&rest),
                    )))
                }
            }
        };
    }
}
