//! The `DictMixin` and `RestTranslatable` derive macros of azml.
//!
//! Use them through the `azml` crate, which re-exports both under the same
//! names: `use azml::{DictMixin, RestTranslatable};`. The attribute language
//! is documented on the re-exports and in the README.

#![warn(missing_docs)]

mod bound;
mod dict;
mod dict_enum;
mod enum_read;
mod fallback;
mod internals;
mod rest;
mod rest_enum;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// Derives `azml::DictMixin` (and `azml::DictValue`) for a struct with named fields.
#[proc_macro_derive(DictMixin, attributes(dict, azml))]
pub fn derive_dict_mixin(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    dict::expand(&input).into()
}

/// Derives `azml::RestTranslatable` for a struct with named fields.
#[proc_macro_derive(RestTranslatable, attributes(rest, azml))]
pub fn derive_rest_translatable(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    rest::expand(&input).into()
}
