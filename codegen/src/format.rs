//! Stage 5, formatting: tokens to source text with prettyplease (no rustfmt needed).

use proc_macro2::TokenStream;

/// Formats items as a Rust file. Fails only if the tokens are not a valid file (a generator bug).
pub fn format(items: TokenStream) -> Result<String, String> {
    let file: syn::File = syn::parse2(items)
        .map_err(|e| format!("internal error: generated tokens do not parse: {e}"))?;
    Ok(prettyplease::unparse(&file))
}
