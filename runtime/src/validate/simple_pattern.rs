//! Patterns that are a sequence of single-character atoms (`^[a-z][a-z\d_]*$`,
//! `^\d+[kKmMgG][bB]$`), matched by a bit-parallel automaton: one step per
//! character, no allocation. regex-lite's general engine takes several
//! hundred instructions per character on them; anything else (groups,
//! alternation, counted repetition, flags) is left to it.

/// A pattern this module can match, read from its source.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SimplePattern {
    atoms: Vec<(Atom, Repeat)>,
    anchored_start: bool,
    anchored_end: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Repeat {
    One,
    ZeroOrOne,
    ZeroOrMore,
}

#[derive(Debug, Clone, PartialEq)]
enum Atom {
    Char(char),
    /// `.`: anything but a line feed.
    Any,
    Class(Class),
}

/// A character class: ranges and Perl classes, possibly negated.
#[derive(Debug, Clone, PartialEq, Default)]
struct Class {
    negated: bool,
    ranges: Vec<(char, char)>,
}

/// The most atoms the automaton's state (one bit per atom, plus one) holds.
const MAX_ATOMS: usize = 63;

impl SimplePattern {
    /// The pattern, when `source` (regex-lite syntax) is one this module
    /// matches exactly as regex-lite does.
    pub(crate) fn parse(source: &str) -> Option<SimplePattern> {
        let (anchored_start, body) = match source.strip_prefix('^') {
            Some(body) => (true, body),
            None => (false, source),
        };
        let (anchored_end, body) = match body.strip_suffix('$') {
            Some(rest) if !rest.ends_with('\\') => (true, rest),
            _ => (false, body),
        };
        let mut atoms = Vec::new();
        let mut chars = body.chars().peekable();
        while let Some(c) = chars.next() {
            let atom = match c {
                '\\' => escape(chars.next()?)?,
                '.' => Atom::Any,
                '[' => Atom::Class(class(&mut chars)?),
                '(' | ')' | '|' | '*' | '+' | '?' | '{' | '}' | '^' | '$' | ']' => return None,
                c => Atom::Char(c),
            };
            let repeat = match chars.peek() {
                Some('*') => Some(Repeat::ZeroOrMore),
                Some('?') => Some(Repeat::ZeroOrOne),
                Some('+') => None,
                _ => {
                    atoms.push((atom, Repeat::One));
                    continue;
                }
            };
            chars.next();
            // A lazy quantifier (`*?`) matches the same strings.
            if chars.peek() == Some(&'?') {
                chars.next();
            }
            match repeat {
                Some(repeat) => atoms.push((atom, repeat)),
                // `x+` is `x` then `x*`.
                None => {
                    atoms.push((atom.clone(), Repeat::One));
                    atoms.push((atom, Repeat::ZeroOrMore));
                }
            }
            if matches!(chars.peek(), Some('*' | '+' | '?' | '{')) {
                return None;
            }
        }
        (atoms.len() <= MAX_ATOMS).then_some(SimplePattern {
            atoms,
            anchored_start,
            anchored_end,
        })
    }

    /// Whether the pattern matches somewhere in `s` (everywhere, when anchored
    /// at both ends).
    pub(crate) fn is_match(&self, s: &str) -> bool {
        let accept = 1u64 << self.atoms.len();
        let mut states = self.closure(1);
        if !self.anchored_end && states & accept != 0 {
            return true;
        }
        for c in s.chars() {
            let mut next = 0u64;
            for (i, (atom, repeat)) in self.atoms.iter().enumerate() {
                if states & (1 << i) != 0 && atom.matches(c) {
                    next |= match repeat {
                        Repeat::ZeroOrMore => 1 << i,
                        Repeat::One | Repeat::ZeroOrOne => 1 << (i + 1),
                    };
                }
            }
            if !self.anchored_start {
                next |= 1;
            }
            states = self.closure(next);
            if !self.anchored_end && states & accept != 0 {
                return true;
            }
            if states == 0 {
                return false;
            }
        }
        states & accept != 0
    }

    /// The states reachable without reading: past optional atoms.
    fn closure(&self, mut states: u64) -> u64 {
        for (i, (_, repeat)) in self.atoms.iter().enumerate() {
            if states & (1 << i) != 0 && *repeat != Repeat::One {
                states |= 1 << (i + 1);
            }
        }
        states
    }
}

impl Atom {
    fn matches(&self, c: char) -> bool {
        match self {
            Atom::Char(x) => *x == c,
            Atom::Any => c != '\n',
            Atom::Class(class) => class.matches(c),
        }
    }
}

impl Class {
    fn matches(&self, c: char) -> bool {
        self.ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) != self.negated
    }
}

/// regex-lite's Perl classes are ASCII only.
fn perl_class(c: char) -> Option<Class> {
    let (ranges, negated): (&[(char, char)], bool) = match c {
        'd' => (&[('0', '9')], false),
        'D' => (&[('0', '9')], true),
        'w' => (&[('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')], false),
        'W' => (&[('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')], true),
        's' => (&[('\t', '\r'), (' ', ' ')], false),
        'S' => (&[('\t', '\r'), (' ', ' ')], true),
        _ => return None,
    };
    Some(Class {
        negated,
        ranges: ranges.to_vec(),
    })
}

/// The atom after a backslash: a Perl class or an escaped punctuation character.
fn escape(c: char) -> Option<Atom> {
    if let Some(class) = perl_class(c) {
        return Some(Atom::Class(class));
    }
    c.is_ascii_punctuation().then_some(Atom::Char(c))
}

/// A bracketed class after its `[`: plain characters, ranges, escaped
/// punctuation and un-negated Perl classes; anything else is not simple.
fn class(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<Class> {
    let mut out = Class::default();
    if chars.peek() == Some(&'^') {
        chars.next();
        out.negated = true;
    }
    let mut first = true;
    loop {
        let c = chars.next()?;
        let lo = match c {
            ']' if !first => return Some(out),
            '[' | ']' | '&' | '~' => return None,
            '\\' => {
                let e = chars.next()?;
                if let Some(perl) = perl_class(e) {
                    if perl.negated {
                        return None;
                    }
                    out.ranges.extend(perl.ranges);
                    first = false;
                    continue;
                }
                if !e.is_ascii_punctuation() {
                    return None;
                }
                e
            }
            c => c,
        };
        first = false;
        // A range `lo-hi`, unless the `-` ends the class.
        let mut ahead = chars.clone();
        if ahead.next() == Some('-') && ahead.peek().is_some_and(|&n| n != ']') {
            chars.next();
            let hi = match chars.next()? {
                '\\' => chars.next().filter(char::is_ascii_punctuation)?,
                '[' | '&' | '~' => return None,
                hi => hi,
            };
            if hi < lo {
                return None;
            }
            out.ranges.push((lo, hi));
        } else {
            out.ranges.push((lo, lo));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SimplePattern;

    /// Patterns of Azure ML specs and the shapes the matcher handles.
    const SIMPLE: [&str; 8] = [
        r"^[a-z][a-z\d_]*$",
        r"\d+[bkmg]",
        r"^\d+[kKmMgG][bB]$",
        "^azureml:",
        r"^\s*[-+]?\d+\s*$",
        r"a.b\.c",
        "[^a-c]x",
        "",
    ];

    #[test]
    fn reads_only_what_it_can_match() {
        for simple in SIMPLE {
            assert!(SimplePattern::parse(simple).is_some(), "{simple}");
        }
        for general in [
            r"^\d+([kKmMgG][bB])*$",
            "a|b",
            "a{2}",
            "(?i)abc",
            r"\bword",
            "a**",
            "[[:alpha:]]",
            r"[\D]",
        ] {
            assert!(SimplePattern::parse(general).is_none(), "{general}");
        }
    }

    /// Every answer is regex-lite's, over patterns and strings built from
    /// the characters that make the cases differ.
    #[test]
    fn agrees_with_regex_lite() {
        let more = [
            "^$",
            "a*a",
            "^a?a?aa$",
            "x*?y",
            "^[-a]+$",
            "[a-]b",
            r"\w\W\s\S\D",
            "é.ü",
            "^.*$",
        ];
        let alphabet = [
            'a', 'b', 'x', 'y', '1', '_', ' ', '-', '.', 'k', 'B', '\n', 'é', 'ü', 'm',
        ];
        let mut seed = 0x9e37_79b9_u32;
        let mut strings: Vec<String> = vec![
            String::new(),
            "azureml:x".into(),
            "10kb".into(),
            "a.b.c".into(),
        ];
        for _ in 0..400 {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            let len = (seed % 7) as usize;
            let s: String = (0..len)
                .map(|i| alphabet[((seed >> (i * 4)) as usize + i) % alphabet.len()])
                .collect();
            strings.push(s);
        }
        for p in SIMPLE.into_iter().chain(more) {
            let simple = SimplePattern::parse(p).unwrap_or_else(|| panic!("{p} is simple"));
            let re = regex_lite::Regex::new(p).unwrap();
            for s in &strings {
                assert_eq!(simple.is_match(s), re.is_match(s), "pattern {p:?} on {s:?}");
            }
        }
    }
}
