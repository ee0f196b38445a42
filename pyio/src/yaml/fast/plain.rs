//! Plain scalars in block context, over one or more lines.

use std::borrow::Cow;

use super::cursor::Cursor;
use super::{Bail, R};

/// How the plain text of one line ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stop {
    /// At the end of the line.
    Eol,
    /// At a comment (` #`).
    Comment,
    /// At a `:` followed by white space or the end of the line: a key.
    Colon(usize),
}

/// Scans plain text from `from` on the current line: returns where the text
/// ends (trailing spaces excluded) and what ends it. Tabs are left to the
/// general loader.
pub(super) fn line(c: &Cursor<'_>, from: usize) -> R<(usize, Stop)> {
    let b = c.bytes();
    let mut i = from;
    loop {
        while b
            .get(i)
            .is_some_and(|&ch| !matches!(ch, b'\n' | b'\r' | b'\t' | b':' | b'#'))
        {
            i += 1;
        }
        match b.get(i).copied() {
            None | Some(b'\n' | b'\r') => return Ok((trim_end(b, from, i), Stop::Eol)),
            Some(b'\t') => return Err(Bail),
            Some(b':') if matches!(b.get(i + 1), None | Some(b' ' | b'\n' | b'\r')) => {
                return Ok((trim_end(b, from, i), Stop::Colon(i)))
            }
            Some(b'#') if i > from && b.get(i - 1) == Some(&b' ') => {
                return Ok((trim_end(b, from, i), Stop::Comment))
            }
            _ => i += 1,
        }
    }
}

/// `end` moved back over the spaces before it (not before `from`).
fn trim_end(b: &[u8], from: usize, mut end: usize) -> usize {
    while end > from && b.get(end - 1) == Some(&b' ') {
        end -= 1;
    }
    end
}

/// A plain scalar value starting at the cursor, whose continuation lines
/// must be indented more than `parent`. Leaves the cursor after its last
/// character.
pub(super) fn scalar<'t>(c: &mut Cursor<'t>, parent: usize) -> R<Cow<'t, str>> {
    let first = line(c, c.pos)?;
    scalar_from(c, parent, first)
}

/// As [`scalar`], with the first line already scanned by [`line()`].
pub(super) fn scalar_from<'t>(
    c: &mut Cursor<'t>,
    parent: usize,
    (end, stop): (usize, Stop),
) -> R<Cow<'t, str>> {
    let text = c.text;
    let start = c.pos;
    if matches!(stop, Stop::Colon(_)) {
        return Err(Bail);
    }
    c.pos = end;
    let first = text.get(start..end).ok_or(Bail)?;
    if stop == Stop::Comment {
        return Ok(Cow::Borrowed(first));
    }
    let mut out: Option<String> = None;
    // Look ahead line by line; commit the cursor only to continuation lines.
    let mut probe = Cursor {
        text,
        pos: c.pos,
        line: c.line,
        line_start: c.line_start,
    };
    let mut breaks = 0usize;
    loop {
        probe.skip_spaces();
        if !probe.at_eol() || !probe.next_line() {
            break;
        }
        let indent = probe.skip_spaces();
        match probe.peek(0) {
            None => break,
            Some(b'\n' | b'\r') => {
                breaks += 1;
                continue;
            }
            Some(b'\t') => return Err(Bail),
            Some(b'#') => break,
            Some(_) if indent <= parent => break,
            Some(_) => {}
        }
        let from = probe.pos;
        let (end, stop) = line(&probe, from)?;
        if matches!(stop, Stop::Colon(_)) {
            return Err(Bail);
        }
        let s = out.get_or_insert_with(|| first.to_owned());
        if breaks == 0 {
            s.push(' ');
        } else {
            s.extend(std::iter::repeat_n('\n', breaks));
        }
        s.push_str(text.get(from..end).ok_or(Bail)?);
        breaks = 0;
        probe.pos = end;
        c.pos = probe.pos;
        c.line = probe.line;
        c.line_start = probe.line_start;
        if stop == Stop::Comment {
            break;
        }
    }
    Ok(out.map_or(Cow::Borrowed(first), Cow::Owned))
}
