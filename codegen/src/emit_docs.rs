//! Stage 4, doc attributes: descriptions and notes become `#[doc = "…"]` attributes, one a
//! line, whose value is a string literal (printed as `///` comments). This is the only way
//! spec prose reaches the output.

use crate::syntax;
use proc_macro2::Literal;
use std::borrow::Cow;
use syn::Attribute;

/// Doc text made safe for rustdoc: normalised newlines, no indented or fenced code blocks
/// (which rustdoc would compile as doctests).
fn doc_text(s: &str) -> Cow<'_, str> {
    let clean = !s.contains(['\r', '`'])
        && s.trim().len() == s.len()
        && s.lines().all(|l| l.trim().len() == l.len());
    if clean {
        return Cow::Borrowed(s);
    }
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<String> = s.lines().map(|l| l.trim().replace("```", "'''")).collect();
    Cow::Owned(lines.join("\n").trim().to_string())
}

/// The description and notes as doc attributes (paragraphs apart).
pub(crate) fn docs(doc: Option<&str>, extra: &[String]) -> Vec<Attribute> {
    let doc = doc.map(doc_text).filter(|d| !d.is_empty());
    if extra.is_empty() {
        return doc.map(|d| lines(&d)).unwrap_or_default();
    }
    let mut text = String::new();
    for part in doc
        .iter()
        .map(|d| &**d)
        .chain(extra.iter().map(String::as_str))
    {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(part);
    }
    lines(&text)
}

/// One `#[doc = " line"]` per line of `text`. A line holding characters a comment should not
/// (controls, bidirectional overrides) keeps its literal, escaped, as `concat!(…)`: a plain
/// literal would be printed as a `///` comment holding them.
pub(crate) fn lines(text: &str) -> Vec<Attribute> {
    text.lines()
        .map(|l| {
            let value = if l.is_empty() {
                String::new()
            } else {
                format!(" {l}")
            };
            let plain = l.bytes().all(|b| (0x20..0x7f).contains(&b));
            if !plain && l.chars().any(unsafe_in_comment) {
                syntax::doc(syntax::concat(Literal::string(&value)))
            } else {
                syntax::doc(syntax::doc_str(&value))
            }
        })
        .collect()
}

/// Characters kept out of comments: controls (a bare CR is an error there) and the
/// bidirectional overrides that rustc denies in comments.
fn unsafe_in_comment(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
        )
}

#[cfg(test)]
mod tests {
    use super::lines;
    use quote::quote;

    #[test]
    fn docs_never_leave_the_comment() {
        let docs = lines("a\n\nb */ \u{202E} c\n*/ fn evil() {}");
        let file: syn::File = syn::parse2(quote!(#(#docs)* struct S;)).expect("parses");
        assert_eq!(file.items.len(), 1);
        assert_eq!(
            prettyplease::unparse(&file),
            "/// a\n///\n#[doc = concat!(\" b */ \\u{202e} c\")]\n/// */ fn evil() {}\nstruct S;\n"
        );
    }

    #[test]
    fn literals_hold_any_text() {
        for s in [
            "plain",
            "a\"b\\c",
            "line\nbreak\r\0",
            "\u{202E}bidi",
            "é ☃ 🎉",
            "}\"); evil(); (\"",
            "\u{0}1",
        ] {
            let lit = proc_macro2::Literal::string(s);
            let parsed: syn::LitStr = syn::parse2(quote!(#lit)).expect("a literal");
            assert_eq!(parsed.value(), s);
        }
    }
}
