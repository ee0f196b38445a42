//! Trait bounds for generic structs: a field whose type mentions a type
//! parameter gets a `where` predicate, as serde_derive infers them.

use std::collections::HashSet;

use proc_macro2::TokenStream;
use syn::visit::Visit;
use syn::{Generics, Ident, Type, WherePredicate};

/// Whether `ty` mentions any of the struct's type parameters.
pub fn mentions_type_param(generics: &Generics, ty: &Type) -> bool {
    let params: HashSet<&Ident> = generics.type_params().map(|p| &p.ident).collect();
    if params.is_empty() {
        return false;
    }
    struct Finder<'p> {
        params: &'p HashSet<&'p Ident>,
        found: bool,
    }
    impl<'ast> Visit<'ast> for Finder<'_> {
        fn visit_path(&mut self, path: &'ast syn::Path) {
            if let Some(first) = path.segments.first() {
                if path.leading_colon.is_none() && self.params.contains(&first.ident) {
                    self.found = true;
                }
            }
            syn::visit::visit_path(self, path);
        }
    }
    let mut finder = Finder {
        params: &params,
        found: false,
    };
    finder.visit_type(ty);
    finder.found
}

/// `generics` with `ty: bound` added for every `(ty, bound)` whose type
/// mentions a type parameter.
pub fn with_bounds<'t>(
    generics: &Generics,
    bounds: impl IntoIterator<Item = (&'t Type, TokenStream)>,
) -> Generics {
    let mut generics = generics.clone();
    let extra: Vec<WherePredicate> = bounds
        .into_iter()
        .filter(|(ty, _)| mentions_type_param(&generics, ty))
        .map(|(ty, bound)| syn::parse_quote!(#ty: #bound))
        .collect();
    if !extra.is_empty() {
        generics.make_where_clause().predicates.extend(extra);
    }
    generics
}
