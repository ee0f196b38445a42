//! Stage 5, formatting: the source text, written directly in rustfmt's layout (no token
//! streams to re-parse, no rustfmt needed). Spec text reaches the output only through
//! [`lit`] (a string literal) or [`Out::doc`] (doc comments, or a `#[doc = …]` literal when a
//! line holds characters a comment should not); identifiers come from `naming`.

use std::fmt::Write;

/// Indented source text.
#[derive(Debug, Default)]
pub struct Out {
    buf: String,
    indent: usize,
}

impl Out {
    /// An empty output with room for `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Out {
        Out {
            buf: String::with_capacity(capacity),
            indent: 0,
        }
    }

    /// The text written so far.
    pub fn finish(self) -> String {
        self.buf
    }

    fn pad(&mut self) {
        for _ in 0..self.indent {
            self.buf.push_str("    ");
        }
    }

    /// One line at the current indentation.
    pub fn line(&mut self, text: &str) {
        if !text.is_empty() {
            self.pad();
        }
        self.buf.push_str(text);
        self.buf.push('\n');
    }

    /// One line from pieces (no intermediate allocation).
    pub fn parts(&mut self, parts: &[&str]) {
        self.pad();
        for p in parts {
            self.buf.push_str(p);
        }
        self.buf.push('\n');
    }

    /// `text {` and one level deeper.
    pub fn open(&mut self, text: &str) {
        self.pad();
        self.buf.push_str(text);
        self.buf.push_str(" {\n");
        self.indent += 1;
    }

    /// One level deeper, after a line that already ends with `{`.
    pub fn open_only(&mut self) {
        self.indent += 1;
    }

    /// One level shallower, then `text` (e.g. `]);`).
    pub fn dedent(&mut self, text: &str) {
        self.indent = self.indent.saturating_sub(1);
        self.line(text);
    }

    /// One level shallower and `}` + `suffix`.
    pub fn close(&mut self, suffix: &str) {
        self.indent = self.indent.saturating_sub(1);
        self.pad();
        self.buf.push('}');
        self.buf.push_str(suffix);
        self.buf.push('\n');
    }

    /// Doc comment lines for `text` (already split in lines by the caller or not): `///`
    /// comments, or `#[doc = "…"]` for a line with control or bidirectional characters.
    pub fn doc(&mut self, text: &str) {
        for l in text.lines() {
            let plain = l.bytes().all(|b| (0x20..0x7f).contains(&b));
            if !plain && l.chars().any(unsafe_in_comment) {
                let attr = format!("#[doc = {}]", lit(&format!(" {l}")));
                self.line(&attr);
            } else if l.is_empty() {
                self.line("///");
            } else {
                self.parts(&["/// ", l]);
            }
        }
    }
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

/// A Rust string literal for any text (`Debug` escaping is valid Rust literal syntax).
pub fn lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    let _ = write!(out, "{s:?}");
    out
}

#[cfg(test)]
mod tests {
    use super::{lit, Out};

    #[test]
    fn literals_are_valid_rust_for_any_text() {
        for s in [
            "plain",
            "a\"b\\c",
            "line\nbreak\r\0",
            "\u{202E}bidi",
            "é ☃ 🎉",
            "}\"); evil(); (\"",
        ] {
            let l = lit(s);
            let parsed: syn::LitStr = syn::parse_str(&l).expect("a literal");
            assert_eq!(parsed.value(), s);
        }
    }

    #[test]
    fn docs_never_leave_the_comment() {
        let mut o = Out::default();
        o.doc("a\n\nb */ \u{202E} c\n*/ fn evil() {}");
        let text = o.finish();
        assert_eq!(
            text,
            "/// a\n///\n#[doc = \" b */ \\u{202e} c\"]\n/// */ fn evil() {}\n"
        );
        let file: syn::File = syn::parse_str(&format!("{text}struct S;")).expect("parses");
        assert_eq!(file.items.len(), 1);
    }
}
