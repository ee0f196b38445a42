//! Resolution of scalars to JSON values (see the module documentation of
//! [`crate::yaml`] for the rules and how they relate to PyYAML).

use saphyr_parser::{ScalarStyle, Tag};
use serde_json::{Number, Value};

use super::YamlErrorKind;

/// The YAML core-schema tag prefix (`!!` in the default tag handles).
const CORE: &str = "tag:yaml.org,2002:";

/// A tag as far as the loader cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TagKind {
    /// The non-specific tag `!`: "a string" for scalars, no-op for collections.
    NonSpecific,
    /// `!!str`, `!!int`, …, with the suffix after `tag:yaml.org,2002:`.
    Core(String),
    /// Anything else, as written (for the error message).
    Other(String),
}

impl TagKind {
    pub(crate) fn classify(tag: &Tag) -> TagKind {
        if tag.handle == CORE {
            return TagKind::Core(tag.suffix.clone());
        }
        if tag.handle.is_empty() {
            // Verbatim tags (`!<...>`) and the lone `!` come with an empty handle.
            if tag.suffix == "!" {
                return TagKind::NonSpecific;
            }
            if let Some(rest) = tag.suffix.strip_prefix(CORE) {
                return TagKind::Core(rest.to_owned());
            }
            if tag.suffix.starts_with('!') {
                return TagKind::Other(tag.suffix.clone());
            }
            return TagKind::Other(format!("!<{}>", tag.suffix));
        }
        if tag.handle == "!" && tag.suffix.is_empty() {
            return TagKind::NonSpecific;
        }
        TagKind::Other(format!("{}{}", tag.handle, tag.suffix))
    }

    /// The tag as a user would write it.
    pub(crate) fn display(&self) -> String {
        match self {
            TagKind::NonSpecific => "!".to_owned(),
            TagKind::Core(s) => format!("!!{s}"),
            TagKind::Other(s) => s.clone(),
        }
    }
}

/// An error from scalar resolution: its kind and message (the caller adds the position).
pub(crate) type ScalarError = (YamlErrorKind, String);

const ALLOWED: &str = "only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are supported";

/// Checks the tag of a mapping (`seq == false`) or sequence (`seq == true`).
pub(crate) fn check_collection_tag(tag: Option<&TagKind>, seq: bool) -> Result<(), ScalarError> {
    let what = if seq { "sequence" } else { "mapping" };
    match tag {
        None | Some(TagKind::NonSpecific) => Ok(()),
        Some(TagKind::Core(s)) if (seq && s == "seq") || (!seq && s == "map") => Ok(()),
        Some(t @ TagKind::Core(s)) if is_known_core(s) => Err((
            YamlErrorKind::Tag,
            format!("tag `{}` cannot be applied to a {what}", t.display()),
        )),
        Some(t) => Err(unsupported(t)),
    }
}

fn is_known_core(s: &str) -> bool {
    matches!(s, "str" | "int" | "float" | "bool" | "null" | "map" | "seq")
}

fn unsupported(t: &TagKind) -> ScalarError {
    (
        YamlErrorKind::Tag,
        format!("unsupported tag `{}` ({ALLOWED})", t.display()),
    )
}

/// Resolves a scalar to a JSON value.
///
/// Takes the parser's text by value so that strings (most scalars) are moved,
/// not copied.
pub(crate) fn resolve(
    owned: Cow<'_>,
    style: ScalarStyle,
    tag: Option<&TagKind>,
) -> Result<Value, ScalarError> {
    let text: &str = &owned;
    match tag {
        None if matches!(style, ScalarStyle::Plain) => match resolve_plain(text)? {
            Some(v) => Ok(v),
            None => Ok(Value::String(owned.into_owned())),
        },
        None | Some(TagKind::NonSpecific) => Ok(Value::String(owned.into_owned())),
        Some(t @ TagKind::Core(s)) => match s.as_str() {
            "str" => Ok(Value::String(owned.into_owned())),
            "null" => {
                if is_null(text) {
                    Ok(Value::Null)
                } else {
                    Err(mismatch(t, text))
                }
            }
            "bool" => parse_bool(text)
                .map(Value::Bool)
                .ok_or_else(|| mismatch(t, text)),
            "int" => parse_int(text).unwrap_or_else(|| Err(mismatch(t, text))),
            "float" => match parse_float(text) {
                Some(r) => r,
                None => match parse_int(text) {
                    Some(Ok(Value::Number(n))) => n
                        .as_f64()
                        .and_then(Number::from_f64)
                        .map(Value::Number)
                        .ok_or_else(|| mismatch(t, text)),
                    Some(Err(_)) => parse_float_digits(text),
                    _ => Err(mismatch(t, text)),
                },
            },
            "map" | "seq" => Err((
                YamlErrorKind::Tag,
                format!("tag `{}` cannot be applied to a scalar", t.display()),
            )),
            _ => Err(unsupported(t)),
        },
        Some(t) => Err(unsupported(t)),
    }
}

fn mismatch(t: &TagKind, text: &str) -> ScalarError {
    (
        YamlErrorKind::Scalar,
        format!("`{}` is not a valid `{}` value", shorten(text), t.display()),
    )
}

/// Shortens long scalar text for error messages.
fn shorten(text: &str) -> Cow<'_> {
    const MAX: usize = 40;
    match text.char_indices().nth(MAX) {
        Some((i, _)) => Cow::Owned(format!("{}…", text.get(..i).unwrap_or(""))),
        None => Cow::Borrowed(text),
    }
}

type Cow<'a> = std::borrow::Cow<'a, str>;

/// Implicit resolution of a plain scalar: null, bool, int, float, or `None`
/// for a string.
fn resolve_plain(text: &str) -> Result<Option<Value>, ScalarError> {
    // Fast path: most plain scalars in real files are words.
    let first = text.as_bytes().first().copied();
    let could_be_special = match first {
        None => true,
        Some(b) => {
            b.is_ascii_digit()
                || matches!(
                    b,
                    b'-' | b'+'
                        | b'.'
                        | b'~'
                        | b'n'
                        | b'N'
                        | b't'
                        | b'T'
                        | b'f'
                        | b'F'
                        | b'y'
                        | b'Y'
                        | b'o'
                        | b'O'
                )
        }
    };
    if !could_be_special {
        return Ok(None);
    }
    if is_null(text) {
        return Ok(Some(Value::Null));
    }
    if let Some(b) = parse_bool(text) {
        return Ok(Some(Value::Bool(b)));
    }
    if let Some(r) = parse_int(text) {
        return r.map(Some);
    }
    if let Some(r) = parse_float(text) {
        return r.map(Some);
    }
    Ok(None)
}

fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// YAML 1.2 core booleans plus PyYAML's (YAML 1.1) yes/no/on/off.
fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" => Some(true),
        "false" | "False" | "FALSE" | "no" | "No" | "NO" | "off" | "Off" | "OFF" => Some(false),
        _ => None,
    }
}

fn split_sign(text: &str) -> (bool, &str) {
    if let Some(rest) = text.strip_prefix('-') {
        (true, rest)
    } else if let Some(rest) = text.strip_prefix('+') {
        (false, rest)
    } else {
        (false, text)
    }
}

/// Integer syntax, PyYAML's (YAML 1.1): `[-+]?` then `0x` hex, `0b` binary, `0`
/// followed by octal digits, `0`, or a decimal without a leading zero, with `_`
/// separators. (`0o17` is a string to PyYAML, and so here.)
///
/// `None` if the text is not an integer; `Some(Err)` if it is one but does not
/// fit in 64 bits.
fn parse_int(text: &str) -> Option<Result<Value, ScalarError>> {
    let (neg, body) = split_sign(text);
    let (radix, digits, underscores): (u32, &str, bool) = if let Some(r) = body.strip_prefix("0x") {
        (16, r, true)
    } else if let Some(r) = body.strip_prefix("0b") {
        (2, r, true)
    } else if body.len() > 1 && body.starts_with('0') {
        (8, body.get(1..)?, true)
    } else {
        // Decimal: `0` or `[1-9][0-9_]*`.
        if !body.as_bytes().first()?.is_ascii_digit() {
            return None;
        }
        (10, body, true)
    };
    let mut seen_digit = false;
    let mut acc: u128 = 0;
    let mut overflow = false;
    for c in digits.chars() {
        if c == '_' && underscores {
            continue;
        }
        let d = c.to_digit(radix)?;
        seen_digit = true;
        match acc
            .checked_mul(u128::from(radix))
            .and_then(|a| a.checked_add(u128::from(d)))
        {
            Some(a) => acc = a,
            None => overflow = true,
        }
    }
    if !seen_digit {
        // `0x`, `0b_`: PyYAML-style syntax without digits is a string.
        return if radix == 8 && digits.chars().all(|c| c == '_') && !digits.is_empty() {
            Some(Ok(Value::from(0)))
        } else {
            None
        };
    }
    let out_of_range = || {
        Err((
            YamlErrorKind::Scalar,
            format!(
                "integer `{}` does not fit in 64 bits (quote it to keep it as a string)",
                shorten(text)
            ),
        ))
    };
    if overflow {
        return Some(out_of_range());
    }
    Some(if neg {
        if acc <= u128::from(i64::MAX.unsigned_abs()) + 1 {
            // -(2^63) fits; compute in i128 to avoid overflow.
            i64::try_from(-(acc as i128))
                .map(Value::from)
                .or_else(|_| out_of_range())
        } else {
            out_of_range()
        }
    } else {
        u64::try_from(acc)
            .map(Value::from)
            .or_else(|_| out_of_range())
    })
}

/// Float syntax, PyYAML's (YAML 1.1): `[-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)?`
/// or `\.[0-9][0-9_]*([eE][-+][0-9]+)?` (no sign), so a float always has a dot and an
/// exponent always has a sign (`1e3`, `1.5e3` and `-.5` are strings), plus
/// `[-+]?.inf` and `.nan` in the usual three spellings.
/// Infinities and NaN (including overflow such as `1e999`) are errors because
/// JSON cannot hold them.
fn parse_float(text: &str) -> Option<Result<Value, ScalarError>> {
    let (_, body) = split_sign(text);
    if matches!(body, ".inf" | ".Inf" | ".INF") || matches!(text, ".nan" | ".NaN" | ".NAN") {
        return Some(Err(non_finite(text)));
    }
    let b = body.as_bytes();
    let mut i = 0;
    let mut mantissa_digits = 0;
    let mut dot = false;
    // Integer part.
    if b.first().is_some_and(u8::is_ascii_digit) {
        while let Some(&c) = b.get(i) {
            if c.is_ascii_digit() {
                mantissa_digits += 1;
            } else if c != b'_' {
                break;
            }
            i += 1;
        }
    }
    // Fraction; PyYAML takes no sign before a leading dot.
    if b.get(i) == Some(&b'.') {
        if mantissa_digits == 0 && body.len() != text.len() {
            return None;
        }
        dot = true;
        i += 1;
        if mantissa_digits == 0 && !b.get(i).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        while let Some(&c) = b.get(i) {
            if c.is_ascii_digit() {
                mantissa_digits += 1;
            } else if c != b'_' {
                break;
            }
            i += 1;
        }
    }
    if mantissa_digits == 0 {
        return None;
    }
    // Exponent.
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        } else {
            return None;
        }
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    if i != b.len() || !dot {
        return None;
    }
    Some(parse_float_digits(text))
}

/// Parses text already known to be float syntax (or an over-long integer for `!!float`).
fn parse_float_digits(text: &str) -> Result<Value, ScalarError> {
    let cleaned: String = text.chars().filter(|&c| c != '_').collect();
    let f: f64 = cleaned.parse().map_err(|_| {
        (
            YamlErrorKind::Scalar,
            format!("`{}` is not a valid number", shorten(text)),
        )
    })?;
    Number::from_f64(f)
        .map(Value::Number)
        .ok_or_else(|| non_finite(text))
}

fn non_finite(text: &str) -> ScalarError {
    (
        YamlErrorKind::Scalar,
        format!(
            "`{}` is not a finite number; JSON cannot represent infinity or NaN (quote it to keep it as a string)",
            shorten(text)
        ),
    )
}

/// The key a scalar becomes: strings as they are; other scalars in their JSON
/// spelling (`1`, `1.5`, `true`, `null`), as `json.dumps` prints Python's keys.
pub(crate) fn key_string(value: Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s),
        Value::Null => Some("null".to_owned()),
        Value::Bool(b) => Some(if b { "true" } else { "false" }.to_owned()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(_) | Value::Object(_) => None,
    }
}
