//! Stage 5, printing: the emitter's tokens are parsed as Rust items (a failure is reported on
//! the type that produced them, never a panic) and laid out by `prettyplease`. A brace macro
//! call whose body is one item (`::azml::open_enum! { pub enum … }`) gets its body laid out as
//! that item, which prettyplease leaves as a flat run of tokens.

use proc_macro2::TokenStream;
use syn::{File, Item, ItemMacro, MacroDelimiter};

/// The items of one type's tokens, or syn's error.
pub fn parse(tokens: TokenStream) -> Result<Vec<Item>, String> {
    syn::parse2::<File>(tokens)
        .map(|f| f.items)
        .map_err(|e| e.to_string())
}

/// The items as formatted source text.
pub fn unparse(items: Vec<Item>) -> String {
    let mut out = String::new();
    let mut run = Vec::new();
    for item in items {
        match item_in_macro(&item) {
            Some((path, inner)) => {
                flush(&mut run, &mut out);
                out.push_str(&path);
                out.push_str("! {\n");
                for line in file(vec![inner]).lines() {
                    if !line.is_empty() {
                        out.push_str("    ");
                    }
                    out.push_str(line);
                    out.push('\n');
                }
                out.push_str("}\n");
            }
            None => run.push(item),
        }
    }
    flush(&mut run, &mut out);
    out
}

fn file(items: Vec<Item>) -> String {
    prettyplease::unparse(&File {
        shebang: None,
        attrs: Vec::new(),
        items,
    })
}

fn flush(run: &mut Vec<Item>, out: &mut String) {
    if !run.is_empty() {
        out.push_str(&file(std::mem::take(run)));
    }
}

/// A `path! { item }` call without attributes: its path as text (identifiers and `::` only)
/// and the item.
fn item_in_macro(item: &Item) -> Option<(String, Item)> {
    let Item::Macro(ItemMacro {
        attrs, ident, mac, ..
    }) = item
    else {
        return None;
    };
    if !attrs.is_empty() || ident.is_some() || !matches!(mac.delimiter, MacroDelimiter::Brace(_)) {
        return None;
    }
    let mut path = String::new();
    if mac.path.leading_colon.is_some() {
        path.push_str("::");
    }
    for (i, seg) in mac.path.segments.iter().enumerate() {
        if !seg.arguments.is_none() {
            return None;
        }
        if i > 0 {
            path.push_str("::");
        }
        path.push_str(&seg.ident.to_string());
    }
    let inner: Item = syn::parse2(mac.tokens.clone()).ok()?;
    Some((path, inner))
}

#[cfg(test)]
mod tests {
    use super::{parse, unparse};
    use quote::quote;

    #[test]
    fn tokens_that_do_not_parse_are_an_error() {
        let broken = quote!(pub struct { x: u8 });
        let Err(e) = parse(broken) else {
            panic!("parsed")
        };
        assert!(e.contains("expected identifier"), "{e}");
    }

    #[test]
    fn an_item_in_a_brace_macro_is_laid_out() {
        let items = parse(quote! {
            pub struct A;
            ::azml::open_enum! {
                #[doc = " Doc."]
                pub enum E { A = "a", B = "b", }
            }
            m!(x y);
        })
        .expect("parses");
        assert_eq!(
            unparse(items),
            "pub struct A;\n::azml::open_enum! {\n    /// Doc.\n    pub enum E {\n        A = \"a\",\n        B = \"b\",\n    }\n}\nm!(x y);\n"
        );
    }
}
