//! Python's `repr()` of dict values, for the `__str__` form of entities.
//!
//! `DictMixin.__str__` in azure-ai-ml prints `str({k: v ...})` of the public,
//! non-`None` attributes: Python's dict repr, with single-quoted strings,
//! `True`/`False`/`None`, and floats in Python's shortest round-trip form.

use std::fmt::{self, Write};

use serde_json::Value;

/// Writes `value` as Python's `repr()` would print the equivalent object.
pub fn write_repr<W: Write>(out: &mut W, value: &Value) -> fmt::Result {
    match value {
        Value::Null => out.write_str("None"),
        Value::Bool(true) => out.write_str("True"),
        Value::Bool(false) => out.write_str("False"),
        Value::Number(n) => out.write_str(&number_repr(n)),
        Value::String(s) => write_str_repr(out, s),
        Value::Array(items) => {
            out.write_char('[')?;
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.write_str(", ")?;
                }
                write_repr(out, item)?;
            }
            out.write_char(']')
        }
        Value::Object(map) => write_dict(out, map.iter().map(|(k, v)| (k.as_str(), v))),
    }
}

/// Python's `repr()` of a JSON number: an int's digits, or a float's shortest
/// round-trip form (`json.dumps` prints numbers the same way).
pub fn number_repr(n: &serde_json::Number) -> String {
    match (n.as_i64(), n.as_u64(), n.as_f64()) {
        (Some(i), _, _) => i.to_string(),
        (None, Some(u), _) => u.to_string(),
        (None, None, Some(f)) if f.is_finite() => float_repr(f),
        (None, None, Some(f)) if f.is_nan() => "nan".to_owned(),
        (None, None, Some(f)) => if f > 0.0 { "inf" } else { "-inf" }.to_owned(),
        (None, None, None) => n.to_string(),
    }
}

/// Writes `{'k': v, ...}` for the given pairs, in order.
pub fn write_dict<'a, W: Write>(
    out: &mut W,
    pairs: impl IntoIterator<Item = (&'a str, &'a Value)>,
) -> fmt::Result {
    out.write_char('{')?;
    for (i, (key, value)) in pairs.into_iter().enumerate() {
        if i > 0 {
            out.write_str(", ")?;
        }
        write_str_repr(out, key)?;
        out.write_str(": ")?;
        write_repr(out, value)?;
    }
    out.write_char('}')
}

/// Python's `repr(value)` as a `String`.
pub fn repr(value: &Value) -> String {
    let mut out = String::new();
    // Writing into a String cannot fail.
    let _ = write_repr(&mut out, value);
    out
}

/// Python's `str(value)`: text as it is, anything else its `repr`
/// (`_to_rest_object`s send tags and properties so).
pub fn str_of(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => repr(other),
    }
}

/// Significant digits (without trailing zeros, at least one) and the decimal
/// exponent of the first one, from Rust's `{:e}` text (`-1.25e-7`).
fn split_sci(sci: &str) -> (String, i32) {
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    (digits.to_owned(), exp.parse().unwrap_or(0))
}

/// The shortest round-trip digits of a finite, non-negative `f` as Python's
/// `repr` picks them (David Gay's `dtoa` mode 0).
///
/// Rust's shortest formatting and `dtoa` agree except when the exact value
/// lies exactly halfway between two shortest candidates
/// (`647683259277186.25`): `dtoa` rounds the last digit half-to-even
/// (`…186.2`), Rust may pick the other one (`…186.3`).
fn python_shortest_digits(f: f64) -> (String, i32) {
    let (digits, exp) = split_sci(&format!("{f:e}"));
    // The exact decimal value: a double has at most 767 significant digits.
    let (exact, exact_exp) = split_sci(&format!("{f:.800e}"));
    let n = digits.len();
    if exact.len() != n + 1 || !exact.ends_with('5') {
        return (digits, exp);
    }
    let lower = &exact[..n];
    let lower_even = lower.bytes().last().is_some_and(|d| (d - b'0') % 2 == 0);
    let want: (String, i32) = if lower_even {
        (lower.to_owned(), exact_exp)
    } else {
        // lower + 1 in the last place, carrying.
        let mut bytes = lower.as_bytes().to_vec();
        let mut i = bytes.len();
        let mut e = exact_exp;
        loop {
            if i == 0 {
                bytes.insert(0, b'1');
                e += 1;
                break;
            }
            i -= 1;
            if bytes[i] == b'9' {
                bytes[i] = b'0';
            } else {
                bytes[i] += 1;
                break;
            }
        }
        let text = String::from_utf8(bytes).unwrap_or_default();
        let (d, extra) = split_sci(&format!("{text}e0"));
        (d, e + extra)
    };
    let round_trips = format!("{}e{}", want.0, want.1 - (want.0.len() as i32 - 1))
        .parse::<f64>()
        .is_ok_and(|g| g == f);
    if round_trips && want.0.len() <= n {
        want
    } else {
        (digits, exp)
    }
}

/// Python's `repr(float)` for a finite `f`: shortest round-trip digits,
/// positional when the decimal exponent is in `-4..16`, otherwise `d.ddde±XX`.
pub fn float_repr(f: f64) -> String {
    let sign = if f.is_sign_negative() { "-" } else { "" };
    let (digits, exp) = python_shortest_digits(f.abs());
    let mut out = String::from(sign);
    if (-4..16).contains(&exp) {
        if exp < 0 {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-exp - 1) as usize));
            out.push_str(&digits);
        } else {
            let int_len = exp as usize + 1;
            if digits.len() <= int_len {
                out.push_str(&digits);
                out.extend(std::iter::repeat_n('0', int_len - digits.len()));
                out.push_str(".0");
            } else {
                out.push_str(&digits[..int_len]);
                out.push('.');
                out.push_str(&digits[int_len..]);
            }
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let exp_sign = if exp < 0 { '-' } else { '+' };
        out.push_str(&format!("e{exp_sign}{:02}", exp.unsigned_abs()));
    }
    out
}

/// Python's `str.__repr__`: single quotes unless the text holds `'` and no
/// `"`; non-printable characters escaped as `\xNN`, `\uNNNN`.
fn write_str_repr<W: Write>(out: &mut W, s: &str) -> fmt::Result {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    out.write_char(quote)?;
    for c in s.chars() {
        match c {
            '\\' => out.write_str("\\\\")?,
            '\n' => out.write_str("\\n")?,
            '\r' => out.write_str("\\r")?,
            '\t' => out.write_str("\\t")?,
            c if c == quote => {
                out.write_char('\\')?;
                out.write_char(c)?;
            }
            c if !is_printable(c) => {
                let code = u32::from(c);
                if code <= 0xff {
                    write!(out, "\\x{code:02x}")?;
                } else if code <= 0xffff {
                    write!(out, "\\u{code:04x}")?;
                } else {
                    write!(out, "\\U{code:08x}")?;
                }
            }
            c => out.write_char(c)?,
        }
    }
    out.write_char(quote)
}

/// Python's `str.isprintable` for one character, covering the control,
/// format and separator characters that occur in practice (the full Unicode
/// category table is not carried).
fn is_printable(c: char) -> bool {
    !matches!(
        u32::from(c),
        0x00..=0x1f
            | 0x7f..=0xa0
            | 0xad
            | 0x600..=0x605
            | 0x61c
            | 0x6dd
            | 0x70f
            | 0x1680
            | 0x180e
            | 0x2000..=0x200f
            | 0x2028..=0x202f
            | 0x205f..=0x2064
            | 0x2066..=0x206f
            | 0x3000
            | 0xd800..=0xf8ff
            | 0xfeff
            | 0xfff9..=0xfffb
            | 0xe0001
            | 0xe0020..=0xe007f
            | 0xf0000..
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    // Expected strings are what CPython 3.11 prints for `repr(x)` of the same object.
    #[test]
    // 647683259277186.25 is exactly halfway between two shortest forms: the
    // digits matter, so the literal is written out in full.
    #[allow(clippy::excessive_precision)]
    fn floats_match_python() {
        for (f, py) in [
            (1.0, "1.0"),
            (0.1, "0.1"),
            (-2.5, "-2.5"),
            (1e16, "1e+16"),
            (1.5e-7, "1.5e-07"),
            (0.0001, "0.0001"),
            (123456789012345.6, "123456789012345.6"),
            (1e-5, "1e-05"),
            (1.2345e20, "1.2345e+20"),
            (647683259277186.25, "647683259277186.2"),
            (100.0, "100.0"),
        ] {
            assert_eq!(repr(&json!(f)), py, "{f}");
        }
    }

    #[test]
    fn strings_match_python() {
        assert_eq!(repr(&json!("a")), "'a'");
        assert_eq!(repr(&json!("it's")), "\"it's\"");
        assert_eq!(repr(&json!("'\"")), "'\\'\"'");
        assert_eq!(repr(&json!("a\nb\\\u{1}")), "'a\\nb\\\\\\x01'");
        assert_eq!(repr(&json!("é\u{a0}\u{2028}")), "'é\\xa0\\u2028'");
    }

    #[test]
    fn containers_match_python() {
        let v = json!({"type": "run_function", "n": [1, true, null], "d": {}});
        assert_eq!(
            repr(&v),
            "{'type': 'run_function', 'n': [1, True, None], 'd': {}}"
        );
    }
}
