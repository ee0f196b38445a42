//! One-line flow sequences and mappings of scalars: `[a, "b", 3]`,
//! `{name: x, mode: 'rw'}`, `[]`, `{}`.

use std::borrow::Cow;

use saphyr_parser::ScalarStyle;

use super::super::builder::Builder;
use super::cursor::Cursor;
use super::quoted;
use super::{Bail, R};

/// The flow collection at the cursor (on `[` or `{`), fed to `b`; leaves the
/// cursor after the closing bracket.
pub(super) fn collection(c: &mut Cursor<'_>, b: &mut Builder<'_>) -> R<()> {
    let map = c.peek(0) == Some(b'{');
    let close = if map { b'}' } else { b']' };
    b.start(!map, 0, None, c.here())?;
    c.pos += 1;
    c.skip_spaces();
    if c.peek(0) == Some(close) {
        c.pos += 1;
        b.end()?;
        return Ok(());
    }
    loop {
        item(c, b)?;
        c.skip_spaces();
        if map {
            if c.peek(0) != Some(b':') || c.peek(1) != Some(b' ') {
                return Err(Bail);
            }
            c.pos += 1;
            c.skip_spaces();
            item(c, b)?;
            c.skip_spaces();
        }
        match c.peek(0) {
            Some(b',') => {
                c.pos += 1;
                c.skip_spaces();
                // A trailing comma is left to the general loader.
                if c.peek(0) == Some(close) {
                    return Err(Bail);
                }
            }
            Some(ch) if ch == close => {
                c.pos += 1;
                b.end()?;
                return Ok(());
            }
            _ => return Err(Bail),
        }
    }
}

/// One scalar of a flow collection, on the current line.
fn item(c: &mut Cursor<'_>, b: &mut Builder<'_>) -> R<()> {
    let pos = c.here();
    let line = c.line;
    let (text, style) = match c.peek(0).ok_or(Bail)? {
        b'"' | b'\'' => {
            let style = if c.peek(0) == Some(b'"') {
                ScalarStyle::DoubleQuoted
            } else {
                ScalarStyle::SingleQuoted
            };
            (quoted::scalar(c)?, style)
        }
        b'-' if !matches!(
            c.peek(1),
            None | Some(b' ' | b'\t' | b'\n' | b'\r' | b',' | b']' | b'}')
        ) =>
        {
            (plain(c)?, ScalarStyle::Plain)
        }
        b'-' | b'[' | b'{' | b']' | b'}' | b',' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>'
        | b'%' | b'@' | b'`' | b'?' | b':' | b' ' | b'\t' | b'\n' | b'\r' => return Err(Bail),
        _ => (plain(c)?, ScalarStyle::Plain),
    };
    if c.line != line {
        return Err(Bail);
    }
    b.scalar(text, style, 0, None, pos)?;
    Ok(())
}

/// A plain scalar in flow context: up to a flow indicator or `: `; anything
/// less simple (a `:` inside, a comment, a line break) is left to the general
/// loader.
fn plain<'t>(c: &mut Cursor<'t>) -> R<Cow<'t, str>> {
    let start = c.pos;
    let mut end = start;
    loop {
        match c.peek(0) {
            Some(b',' | b']' | b'}') => break,
            Some(b':') if c.peek(1) == Some(b' ') => break,
            Some(b'[' | b'{' | b':' | b'#' | b'\t' | b'\n' | b'\r') | None => return Err(Bail),
            Some(b' ') => {}
            Some(_) => end = c.pos + 1,
        }
        c.pos += 1;
    }
    c.pos = end;
    Ok(Cow::Borrowed(c.text.get(start..end).ok_or(Bail)?))
}
