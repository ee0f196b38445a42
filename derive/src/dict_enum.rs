//! `#[derive(DictMixin)]` on an enum: a `DictValue` impl, so the enum can be
//! a field of a derived struct. Unit variants are wire strings (their
//! `#[dict(rename)]`, else serde's name); newtype variants hold a value of
//! their field's type, tried in declaration order when reading, as serde's
//! `untagged` tries them.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::bound::with_bounds;
use crate::internals::ast::Container;

/// The `DictValue` impl of an enum.
pub fn expand(cont: &Container) -> TokenStream {
    let krate = &cont.crate_path;
    let ident = cont.ident;
    let variants = cont.variants.as_deref().unwrap_or_default();
    let value = quote!(#krate::Value);
    let result = quote!(::core::result::Result);

    let bounds: Vec<(&syn::Type, TokenStream)> = variants
        .iter()
        .filter_map(|v| v.inner.map(|ty| (ty, quote!(#krate::DictValue))))
        .collect();
    let generics = with_bounds(cont.generics, bounds);
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();

    let arms = |method: &str| -> Vec<TokenStream> {
        let method = syn::Ident::new(method, proc_macro2::Span::call_site());
        variants
            .iter()
            .map(|v| {
                let vi = v.ident;
                match v.inner {
                    None => {
                        let wire = &v.dict_name;
                        quote!(Self::#vi => #value::String(::std::string::String::from(#wire)))
                    }
                    Some(ty) => quote_spanned! {ty.span()=>
                        Self::#vi(__inner) => <#ty as #krate::DictValue>::#method(__inner)
                    },
                }
            })
            .collect()
    };
    let to_value = arms("to_value");
    let to_dict_value = arms("to_dict_value");

    let reads = crate::enum_read::read_variants(
        krate,
        variants,
        &syn::Ident::new("value", proc_macro2::Span::call_site()),
        |v| &v.dict_name,
        |ty| quote!(<#ty as #krate::DictValue>::from_value),
    );

    let expected = expected(cont);
    quote! {
        const _: () = {
            #[automatically_derived]
            impl #impl_generics #krate::DictValue for #ident #ty_generics #where_clause {
                fn to_value(&self) -> #value {
                    match self {
                        #(#to_value,)*
                    }
                }

                fn to_dict_value(&self) -> #value {
                    match self {
                        #(#to_dict_value,)*
                    }
                }

                fn from_value(value: #value) -> #result<Self, #krate::ValueError> {
                    #reads
                    #result::Err(#krate::__private::no_variant(&Self::expected(), &value))
                }

                fn expected() -> ::std::borrow::Cow<'static, str> {
                    #expected
                }
            }
        };
    }
}

/// What the enum accepts, for messages: `one of 'a', 'b'`, then the newtype
/// variants' own descriptions.
fn expected(cont: &Container) -> TokenStream {
    let krate = &cont.crate_path;
    let variants = cont.variants.as_deref().unwrap_or_default();
    let strings: Vec<String> = variants
        .iter()
        .filter(|v| v.inner.is_none())
        .map(|v| format!("'{}'", v.dict_name))
        .collect();
    let mut parts = Vec::new();
    if !strings.is_empty() {
        let text = format!("one of {}", strings.join(", "));
        parts.push(quote!(::std::string::String::from(#text)));
    }
    for v in variants {
        if let Some(ty) = v.inner {
            parts.push(quote!(<#ty as #krate::DictValue>::expected().into_owned()));
        }
    }
    quote! {
        ::std::borrow::Cow::Owned([#(#parts),*].join(" or "))
    }
}
