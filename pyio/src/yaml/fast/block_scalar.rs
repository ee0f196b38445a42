//! Literal (`|`) and folded (`>`) block scalars, with chomping and
//! indentation indicators, following saphyr-parser's algorithm.

use super::super::positions::Pos32;
use super::cursor::Cursor;
use super::{Bail, R};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Chomp {
    Strip,
    Clip,
    Keep,
}

/// The block scalar whose header is at the cursor, in a collection indented
/// `parent` columns. Returns its text and position (the first content line,
/// at the content indentation), and leaves the cursor at the end of its last
/// content line.
pub(super) fn scalar(c: &mut Cursor<'_>, parent: usize) -> R<(String, Pos32)> {
    let literal = c.peek(0) == Some(b'|');
    c.pos += 1;
    let mut chomp = Chomp::Clip;
    let mut increment = 0usize;
    for _ in 0..2 {
        match c.peek(0) {
            Some(b'+') if chomp == Chomp::Clip => chomp = Chomp::Keep,
            Some(b'-') if chomp == Chomp::Clip => chomp = Chomp::Strip,
            Some(d @ b'1'..=b'9') if increment == 0 => increment = usize::from(d - b'0'),
            _ => break,
        }
        c.pos += 1;
    }
    if !c.rest_is_blank() || !c.next_line() {
        return Err(Bail);
    }
    let mut trailing_breaks = 0usize;
    let indent = if increment > 0 {
        let indent = parent + increment;
        skip_indent(c, indent, &mut trailing_breaks);
        indent
    } else {
        // The first content line sets the indentation; leading empty lines
        // may not be indented more.
        let mut max = 0;
        loop {
            let spaces = c.skip_spaces();
            max = max.max(spaces);
            if !c.at_eol() {
                break;
            }
            if !c.next_line() {
                return Err(Bail);
            }
            trailing_breaks += 1;
        }
        max.max(parent + 1)
    };
    let col = c.pos - c.line_start;
    // No content (the scalar is empty), a tab, or a badly indented line.
    if col != indent || c.peek(0) == Some(b'\t') || c.at_eol() {
        return Err(Bail);
    }
    let pos = c.here();
    let mut out = String::new();
    let mut leading_break = false;
    let mut leading_blank = false;
    let mut end = (c.pos, c.line, c.line_start);
    while c.pos - c.line_start == indent && !c.at_eol() {
        let trailing_blank = matches!(c.peek(0), Some(b' ' | b'\t'));
        if !literal && leading_break && !leading_blank && !trailing_blank {
            if trailing_breaks == 0 {
                out.push(' ');
            }
        } else if leading_break {
            out.push('\n');
        }
        out.extend(std::iter::repeat_n('\n', trailing_breaks));
        trailing_breaks = 0;
        leading_blank = trailing_blank;
        let from = c.pos;
        c.skip_to_eol();
        out.push_str(c.text.get(from..c.pos).ok_or(Bail)?);
        end = (c.pos, c.line, c.line_start);
        // A content line that ends the text without a line break: saphyr-parser
        // reads it as one with a break, PyYAML without, and a last line of
        // spaces deeper than the indentation differently again; the general
        // loader decides, so both paths always agree.
        if !c.next_line() {
            return Err(Bail);
        }
        leading_break = true;
        skip_indent(c, indent, &mut trailing_breaks);
    }
    if chomp != Chomp::Strip && leading_break {
        out.push('\n');
    }
    if chomp == Chomp::Keep {
        out.extend(std::iter::repeat_n('\n', trailing_breaks));
    }
    (c.pos, c.line, c.line_start) = end;
    Ok((out, pos))
}

/// Skips the indentation (up to `indent` spaces) and the empty lines before
/// the next content line, counting the line breaks.
fn skip_indent(c: &mut Cursor<'_>, indent: usize, breaks: &mut usize) {
    loop {
        while c.pos - c.line_start < indent && c.peek(0) == Some(b' ') {
            c.pos += 1;
        }
        if matches!(c.peek(0), Some(b'\n' | b'\r')) {
            *breaks += 1;
            c.next_line();
        } else {
            return;
        }
    }
}
