//! What both derives write to read an enum back from a JSON value: a unit
//! variant by its wire string, else each newtype variant in turn (serde's
//! `untagged` order), each through the derive's own conversion.

use proc_macro2::TokenStream;
use quote::quote;

use crate::internals::ast::Variant;

/// The statements that return `Ok(variant)` for `input` (a `Value` in scope),
/// falling through when none fits. `wire` gives a unit variant's string;
/// `read` the call that converts a cloned value into a newtype's field type.
pub fn read_variants<'a>(
    krate: &syn::Path,
    variants: &'a [Variant<'a>],
    input: &syn::Ident,
    wire: impl Fn(&'a Variant<'a>) -> &'a str,
    read: impl Fn(&syn::Type) -> TokenStream,
) -> TokenStream {
    let value = quote!(#krate::Value);
    let result = quote!(::core::result::Result);
    let units: Vec<TokenStream> = variants
        .iter()
        .filter(|v| v.inner.is_none())
        .map(|v| {
            let (vi, wire) = (v.ident, wire(v));
            quote!(#wire => return #result::Ok(Self::#vi),)
        })
        .collect();
    let read_units = (!units.is_empty()).then(|| {
        quote! {
            if let #value::String(__s) = &#input {
                match __s.as_str() {
                    #(#units)*
                    _ => {}
                }
            }
        }
    });
    let newtypes = variants.iter().filter_map(|v| {
        let vi = v.ident;
        v.inner.map(|ty| {
            let read = read(ty);
            quote! {
                if let #result::Ok(__inner) = #read(::core::clone::Clone::clone(&#input)) {
                    return #result::Ok(Self::#vi(__inner));
                }
            }
        })
    });
    quote! {
        #read_units
        #(#newtypes)*
    }
}
