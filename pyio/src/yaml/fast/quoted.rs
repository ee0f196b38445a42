//! Single- and double-quoted scalars, over one or more lines, folded as
//! saphyr-parser folds them; continuation lines may have any indentation
//! (the general loader accepts them too, see `repair`).

use std::borrow::Cow;

use super::cursor::Cursor;
use super::{Bail, R};

/// The quoted scalar at the cursor (on its opening quote); leaves the cursor
/// after the closing quote.
pub(super) fn scalar<'t>(c: &mut Cursor<'t>) -> R<Cow<'t, str>> {
    let text = c.text;
    let b = c.bytes();
    let single = c.peek(0) == Some(b'\'');
    let start = c.pos + 1;
    // Most quoted scalars are one line without escapes: borrow them.
    let mut i = start;
    while let Some(&ch) = b.get(i) {
        match ch {
            b'\'' if single => {
                if b.get(i + 1) == Some(&b'\'') {
                    break;
                }
                c.pos = i + 1;
                return Ok(Cow::Borrowed(text.get(start..i).ok_or(Bail)?));
            }
            b'"' if !single => {
                c.pos = i + 1;
                return Ok(Cow::Borrowed(text.get(start..i).ok_or(Bail)?));
            }
            b'\\' if !single => break,
            b'\n' | b'\r' => break,
            _ => i += 1,
        }
    }
    general(c, single).map(Cow::Owned)
}

/// The full algorithm, with escapes and line folding.
fn general(c: &mut Cursor<'_>, single: bool) -> R<String> {
    let text = c.text;
    let b = c.bytes();
    let mut out = String::new();
    c.pos += 1;
    let mut leading_break = false;
    let mut trailing_breaks = 0usize;
    loop {
        if c.pos == c.line_start && c.marker().is_some() {
            return Err(Bail);
        }
        // Non-blank characters.
        let mut leading_blanks = false;
        loop {
            let run = c.pos;
            while b.get(c.pos).is_some_and(|&ch| {
                !matches!(ch, b' ' | b'\t' | b'\n' | b'\r' | b'\'' | b'"' | b'\\')
            }) {
                c.pos += 1;
            }
            out.push_str(text.get(run..c.pos).ok_or(Bail)?);
            match c.peek(0) {
                None => return Err(Bail),
                Some(b'\'') if single => {
                    if c.peek(1) == Some(b'\'') {
                        out.push('\'');
                        c.pos += 2;
                    } else {
                        c.pos += 1;
                        return Ok(out);
                    }
                }
                Some(b'"') if !single => {
                    c.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') if !single => {
                    if matches!(c.peek(1), Some(b'\n' | b'\r')) {
                        c.pos += 1;
                        c.next_line();
                        leading_blanks = true;
                        break;
                    }
                    out.push(escape(c)?);
                }
                Some(b' ' | b'\t' | b'\n' | b'\r') => break,
                // A quote of the other kind, or `\` in single quotes.
                Some(_) => {
                    out.push_str(text.get(c.pos..c.pos + 1).ok_or(Bail)?);
                    c.pos += 1;
                }
            }
        }
        if c.peek(0) == Some(if single { b'\'' } else { b'"' }) {
            // Right after an escaped line break.
            c.pos += 1;
            return Ok(out);
        }
        // Blanks and line breaks.
        let mut ws = (c.pos, c.pos);
        loop {
            match c.peek(0) {
                Some(b' ' | b'\t') => {
                    if leading_blanks {
                        if c.peek(0) == Some(b'\t') {
                            // The general loader decides on tabs in indentation.
                            return Err(Bail);
                        }
                    } else {
                        ws.1 = c.pos + 1;
                    }
                    c.pos += 1;
                }
                Some(b'\n' | b'\r') => {
                    if leading_blanks {
                        trailing_breaks += 1;
                    } else {
                        leading_break = true;
                        leading_blanks = true;
                    }
                    c.next_line();
                }
                _ => break,
            }
        }
        if leading_blanks {
            if leading_break && trailing_breaks == 0 {
                out.push(' ');
            } else {
                out.extend(std::iter::repeat_n('\n', trailing_breaks));
            }
            trailing_breaks = 0;
            leading_break = false;
        } else {
            out.push_str(text.get(ws.0..ws.1).ok_or(Bail)?);
        }
    }
}

/// The escape sequence at the cursor (on the `\`), as saphyr-parser reads it.
fn escape(c: &mut Cursor<'_>) -> R<char> {
    let code = c.peek(1).ok_or(Bail)?;
    c.pos += 2;
    let digits = match code {
        b'0' => return Ok('\0'),
        b'a' => return Ok('\x07'),
        b'b' => return Ok('\x08'),
        b't' | b'\t' => return Ok('\t'),
        b'n' => return Ok('\n'),
        b'v' => return Ok('\x0b'),
        b'f' => return Ok('\x0c'),
        b'r' => return Ok('\r'),
        b'e' => return Ok('\x1b'),
        b' ' => return Ok(' '),
        b'"' => return Ok('"'),
        b'/' => return Ok('/'),
        b'\\' => return Ok('\\'),
        b'N' => return Ok('\u{85}'),
        b'_' => return Ok('\u{a0}'),
        b'L' => return Ok('\u{2028}'),
        b'P' => return Ok('\u{2029}'),
        b'x' => 2,
        b'u' => 4,
        b'U' => 8,
        _ => return Err(Bail),
    };
    let hex = c.bytes().get(c.pos..c.pos + digits).ok_or(Bail)?;
    let mut value = 0u32;
    for &h in hex {
        let d = char::from(h).to_digit(16).ok_or(Bail)?;
        value = (value << 4) | d;
    }
    c.pos += digits;
    char::from_u32(value).ok_or(Bail)
}
