//! Stage 5, printing: the emitter's items are laid out by `prettyplease` (tokens are first
//! parsed as Rust items; a failure is reported on the type that produced them, never a
//! panic). An item that is the body of a brace macro call (`::azml::open_enum! { pub enum …
//! }`) is laid out as that item inside the call, which prettyplease would leave as a flat run
//! of tokens.

use proc_macro2::TokenStream;
use syn::{File, Item};

/// An item to print.
pub enum Printed {
    /// An item.
    Item(Item),
    /// `path! { item }`: the body of a brace macro call (`path` is the generator's own text,
    /// such as `::azml::open_enum`).
    InMacro(&'static str, Item),
}

/// The items of one type's tokens, or syn's error.
pub fn parse(tokens: TokenStream) -> Result<Vec<Item>, String> {
    syn::parse2::<File>(tokens)
        .map(|f| f.items)
        .map_err(|e| e.to_string())
}

/// The items as formatted source text.
pub fn unparse(items: Vec<Printed>) -> String {
    let mut out = String::new();
    let mut run = Vec::new();
    for item in items {
        match item {
            Printed::InMacro(path, inner) => {
                flush(&mut run, &mut out);
                out.push_str(path);
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
            Printed::Item(item) => run.push(item),
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
    if run.is_empty() {
        return;
    }
    let text = file(std::mem::take(run));
    if out.is_empty() {
        *out = text;
    } else {
        out.push_str(&text);
    }
}

#[cfg(test)]
mod tests {
    use super::{parse, unparse, Printed};
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
        let mut items = parse(quote! {
            pub struct A;
            #[doc = " Doc."]
            pub enum E { A = "a", B = "b", }
            m!(x y);
        })
        .expect("parses")
        .into_iter();
        let printed = vec![
            Printed::Item(items.next().expect("A")),
            Printed::InMacro("::azml::open_enum", items.next().expect("E")),
            Printed::Item(items.next().expect("m!")),
        ];
        assert_eq!(
            unparse(printed),
            "pub struct A;\n::azml::open_enum! {\n    /// Doc.\n    pub enum E {\n        A = \"a\",\n        B = \"b\",\n    }\n}\nm!(x y);\n"
        );
    }
}
