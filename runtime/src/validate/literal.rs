//! The literal text every match of a pattern must contain, read off the
//! pattern's source, so that most strings are decided without running the
//! regular expression (`\$\{\{…` bindings, `^azureml:` prefixes: the
//! patterns of Azure ML specs mostly start with one).

/// What a match must contain.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Required {
    /// The pattern starts with `^`: matches start the string with the text.
    anchored: bool,
    /// Text every match contains (starts with, when anchored); may be empty.
    text: String,
    /// The pattern is that text alone (after `^`): it decides on its own.
    whole: bool,
}

impl Required {
    /// Reads the leading literal of `source` (regex-lite syntax). Anything
    /// it does not understand ends the literal, so the text is always a
    /// necessary part of a match; an alternation anywhere gives no text.
    pub(crate) fn of(source: &str) -> Required {
        let (anchored, body) = match source.strip_prefix('^') {
            Some(body) => (true, body),
            None => (false, source),
        };
        let mut required = Required {
            anchored,
            ..Required::default()
        };
        if body.contains('|') {
            return required;
        }
        let mut chars = body.chars().peekable();
        loop {
            let Some(c) = chars.next() else {
                required.whole = true;
                break;
            };
            let literal = match c {
                // `\$`, `\{`: an escaped punctuation character is itself;
                // `\d`, `\s`, `\b`… are classes or assertions.
                '\\' => match chars.next() {
                    Some(e) if e.is_ascii_punctuation() => e,
                    _ => break,
                },
                '.' | '[' | ']' | '(' | ')' | '*' | '+' | '?' | '{' | '}' | '^' | '$' => break,
                c if c.is_whitespace() || c == '#' => break,
                c => c,
            };
            match chars.peek() {
                // Optional or repeated from zero: not required.
                Some('*' | '?' | '{') => break,
                // At least once: required, but nothing after it is known.
                Some('+') => {
                    required.text.push(literal);
                    break;
                }
                _ => required.text.push(literal),
            }
        }
        required
    }

    /// `Some(answer)` when the text alone decides whether `s` matches.
    pub(crate) fn decide(&self, s: &str) -> Option<bool> {
        if self.text.is_empty() && !self.whole {
            return None;
        }
        let found = if self.anchored {
            s.starts_with(&self.text)
        } else {
            s.contains(&self.text)
        };
        if !found {
            Some(false)
        } else if self.whole {
            Some(true)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Required;

    #[test]
    fn reads_leading_literals() {
        let cases = [
            (r"\$\{\{\s*(\S*?)\s*\}\}", false, "${{", false),
            ("^azureml:", true, "azureml:", true),
            (r"^\d+([kKmMgG][bB])*$", true, "", false),
            ("ab*c", false, "a", false),
            ("ab+c", false, "ab", false),
            ("a|b", false, "", false),
            ("(?i)abc", false, "", false),
            ("abc", false, "abc", true),
            ("", false, "", true),
        ];
        for (source, anchored, text, whole) in cases {
            let r = Required::of(source);
            assert_eq!(
                (r.anchored, r.text.as_str(), r.whole),
                (anchored, text, whole),
                "{source}"
            );
        }
    }

    /// The prefilter never disagrees with the regular expression.
    #[test]
    fn agrees_with_the_regex() {
        let patterns = [
            r"\$\{\{\s*(\S*?)\s*\}\}",
            "^azureml:",
            r"^\s*[-+]?\d+(_\d+)*\s*$",
            r"\d+[bkmg]",
            r"^[a-z][a-z\d_]*$",
            "ab*c",
            "ab+c",
            "x?yz",
            r"a\.b",
            "a{2}b",
            "abc",
            "",
            "^$",
            "a|b",
            "é+",
        ];
        let strings = [
            "",
            "${{inputs.x}}",
            "x ${{ a }} y",
            "${{",
            "azureml:x",
            " azureml:x",
            "azureml",
            "12",
            " -3_000 ",
            "10kb",
            "name_1",
            "Name",
            "ac",
            "abbbc",
            "abc",
            "yz",
            "xyz",
            "a.b",
            "axb",
            "aab",
            "ab",
            "é",
            "aé",
            "\n",
        ];
        for p in patterns {
            let re = regex_lite::Regex::new(p).unwrap();
            let required = Required::of(p);
            for s in strings {
                if let Some(answer) = required.decide(s) {
                    assert_eq!(answer, re.is_match(s), "pattern {p:?} on {s:?}");
                }
            }
        }
    }
}
