//! Block structure: mappings and sequences by indentation, on an explicit
//! stack, with each scalar handed to its scanner.

use std::borrow::Cow;

use saphyr_parser::ScalarStyle;

use super::super::builder::{Builder, Built};
use super::super::positions::Pos32;
use super::super::Limits;
use super::cursor::Cursor;
use super::plain::{self, Stop};
use super::{block_scalar, flow, quoted, Bail, R};

/// An open block collection and its indentation.
#[derive(Clone, Copy)]
enum Open {
    Map(usize),
    Seq(usize),
}

/// What introduced a value written on the same line.
#[derive(Clone, Copy)]
enum After {
    /// `key:`, with the offset of the colon.
    Key(usize),
    /// `- `.
    Dash,
}

/// What a line holds at the cursor, as far as mappings are concerned.
enum Head<'t> {
    /// `key:`; the cursor is after the colon.
    Key(Key<'t>),
    /// Plain text that is not a key, its first line scanned by [`plain::line()`].
    Plain((usize, Stop)),
    /// Anything else.
    Other,
}

/// A mapping key found at the cursor.
struct Key<'t> {
    text: Cow<'t, str>,
    style: ScalarStyle,
    pos: Pos32,
    /// The offsets of the key and of the `:` after it.
    start: usize,
    colon: usize,
}

struct Block<'t, 'l> {
    c: Cursor<'t>,
    b: Builder<'l>,
    stack: Vec<Open>,
}

/// Loads `text`, or gives up.
pub(super) fn load(text: &str, limits: &Limits) -> R<Built> {
    let mut p = Block {
        c: Cursor::new(text),
        b: Builder::new(limits, text.len()),
        stack: Vec::new(),
    };
    let first = p.first_content()?;
    // The root is a block collection (a root scalar is left to the general loader).
    let mut next = p.collection_or_bail(first)?;
    loop {
        let Some(&open) = p.stack.last() else {
            if next.is_some() {
                return Err(Bail);
            }
            break;
        };
        next = match (open, next) {
            (Open::Map(n), Some(i)) if i == n && !p.dash_here()? => {
                let key = p.key_here()?.ok_or(Bail)?;
                p.entry(key, n)?
            }
            (Open::Seq(n), Some(i)) if i == n && p.dash_here()? => p.item(n)?,
            (Open::Seq(n), Some(i)) if i == n => p.close(next)?,
            (Open::Map(n) | Open::Seq(n), Some(i)) if i < n => p.close(next)?,
            (_, None) => p.close(next)?,
            _ => return Err(Bail),
        };
    }
    Ok(p.b.finish()?)
}

impl<'t> Block<'t, '_> {
    /// Moves to the first content line, past blank lines, comments and one
    /// `---`; returns its indentation.
    fn first_content(&mut self) -> R<usize> {
        let mut started = false;
        loop {
            let indent = self.c.skip_spaces();
            match self.c.peek(0) {
                None => return Err(Bail),
                Some(b'\n' | b'\r') => {}
                Some(b'#') => self.c.skip_to_eol(),
                Some(b'-') if indent == 0 && !started && self.c.marker().is_some() => {
                    started = true;
                    self.c.pos += 3;
                    if !self.c.rest_is_blank() {
                        return Err(Bail);
                    }
                }
                Some(b'%' | b'\t') => return Err(Bail),
                Some(_) if indent == 0 && self.c.marker().is_some() => return Err(Bail),
                Some(_) => return Ok(indent),
            }
            if !self.c.next_line() {
                return Err(Bail);
            }
        }
    }

    /// Ends the innermost collection.
    fn close(&mut self, next: Option<usize>) -> R<Option<usize>> {
        self.stack.pop();
        self.b.end()?;
        Ok(next)
    }

    /// `-` followed by a space or the end of the line.
    fn dash_here(&self) -> R<bool> {
        if self.c.peek(0) != Some(b'-') {
            return Ok(false);
        }
        match self.c.peek(1) {
            None | Some(b' ' | b'\n' | b'\r') => Ok(true),
            Some(b'\t') => Err(Bail),
            Some(_) => Ok(false),
        }
    }

    /// A block mapping or sequence starting at the cursor (column `col`).
    fn collection(&mut self, col: usize) -> R<Option<Option<usize>>> {
        if self.dash_here()? {
            self.stack.push(Open::Seq(col));
            self.b.start(true, 0, None, self.c.here())?;
            return self.item(col).map(Some);
        }
        if let Some(key) = self.key_here()? {
            self.stack.push(Open::Map(col));
            self.b.start(false, 0, None, key.pos)?;
            return self.entry(key, col).map(Some);
        }
        Ok(None)
    }

    fn collection_or_bail(&mut self, col: usize) -> R<Option<usize>> {
        self.collection(col)?.ok_or(Bail)
    }

    /// The key at the cursor, if the line holds `key:` there; the cursor
    /// moves past the colon only if it does.
    fn key_here(&mut self) -> R<Option<Key<'t>>> {
        Ok(match self.head()? {
            Head::Key(key) => Some(key),
            Head::Plain(_) | Head::Other => None,
        })
    }

    /// What the line holds at the cursor; see [`Head`].
    fn head(&mut self) -> R<Head<'t>> {
        let start = self.c.pos;
        let pos = self.c.here();
        let (text, style, colon) = match self.c.peek(0).ok_or(Bail)? {
            q @ (b'"' | b'\'') => {
                let saved = (self.c.pos, self.c.line, self.c.line_start);
                let text = quoted::scalar(&mut self.c)?;
                if self.c.line != saved.1 {
                    // A multi-line quoted value (a key is on one line).
                    (self.c.pos, self.c.line, self.c.line_start) = saved;
                    return Ok(Head::Other);
                }
                self.c.skip_spaces();
                if self.c.peek(0) != Some(b':')
                    || !matches!(self.c.peek(1), None | Some(b' ' | b'\n' | b'\r'))
                {
                    self.c.pos = start;
                    return Ok(Head::Other);
                }
                let style = if q == b'"' {
                    ScalarStyle::DoubleQuoted
                } else {
                    ScalarStyle::SingleQuoted
                };
                (text, style, self.c.pos)
            }
            b'?' | b':' | b'\t' => return Err(Bail),
            b'[' | b'{' | b'&' | b'*' | b'!' | b'|' | b'>' | b'%' | b'@' | b'`' | b'#' | b','
            | b']' | b'}' => return Ok(Head::Other),
            _ => match plain::line(&self.c, start)? {
                (end, Stop::Colon(colon)) => {
                    let text = self.c.text.get(start..end).ok_or(Bail)?;
                    (Cow::Borrowed(text), ScalarStyle::Plain, colon)
                }
                first => return Ok(Head::Plain(first)),
            },
        };
        // saphyr-parser allows simple keys of up to 1024 characters.
        if colon - start > 1000 {
            return Err(Bail);
        }
        self.c.pos = colon + 1;
        Ok(Head::Key(Key {
            text,
            style,
            pos,
            start,
            colon,
        }))
    }

    /// A mapping entry of the mapping indented `n`, whose key was just read.
    fn entry(&mut self, key: Key<'t>, n: usize) -> R<Option<usize>> {
        self.b.scalar(key.text, key.style, 0, None, key.pos)?;
        self.value(After::Key(key.colon), n)
    }

    /// A sequence item of the sequence indented `n`, at its `-`.
    fn item(&mut self, n: usize) -> R<Option<usize>> {
        self.c.pos += 1;
        self.value(After::Dash, n)
    }

    /// The value after `key:` or `- ` in a collection indented `n`; returns
    /// the indentation of the next content line.
    fn value(&mut self, after: After, n: usize) -> R<Option<usize>> {
        let spaces = self.c.skip_spaces();
        let comment = spaces > 0 && self.c.peek(0) == Some(b'#');
        if !self.c.at_eol() && !comment {
            return self.inline(after, n);
        }
        // The value is on the following lines, or empty.
        self.c.rest_is_blank();
        let empty_at = match after {
            After::Key(colon) => self.c.pos_of(colon),
            After::Dash => self.c.here(),
        };
        let next = self.c.next_content()?;
        match next {
            Some(i) if i > n => self.own_line(i, n),
            Some(i) if i == n && matches!(after, After::Key(_)) && self.dash_here()? => {
                self.stack.push(Open::Seq(n));
                let pos = self.indentless_start();
                self.b.start(true, 0, None, pos)?;
                self.item(n)
            }
            _ => {
                self.b
                    .scalar(Cow::Borrowed(""), ScalarStyle::Plain, 0, None, empty_at)?;
                Ok(next)
            }
        }
    }

    /// Where saphyr-parser puts a sequence written at its key's indentation:
    /// after the first `- ` and its spaces, or at the end of that line if
    /// nothing else is on it.
    fn indentless_start(&mut self) -> Pos32 {
        let dash = self.c.pos;
        self.c.pos += 1;
        self.c.rest_is_blank();
        let pos = self.c.here();
        self.c.pos = dash;
        pos
    }

    /// A value that starts a line (indented `col`, in a collection indented `n`).
    fn own_line(&mut self, col: usize, n: usize) -> R<Option<usize>> {
        if let Some(next) = self.collection(col)? {
            return Ok(next);
        }
        if matches!(self.c.peek(0), Some(b'|' | b'>')) {
            return Err(Bail);
        }
        self.scalar(n)
    }

    /// A value on the line of its `key:` or `- `.
    fn inline(&mut self, after: After, n: usize) -> R<Option<usize>> {
        if self.dash_here()? {
            return Err(Bail);
        }
        match self.head()? {
            // A compact mapping: `- key: value`.
            Head::Key(key) => match after {
                After::Dash => {
                    let col = self.c.col_of(key.start);
                    self.stack.push(Open::Map(col));
                    self.b.start(false, 0, None, key.pos)?;
                    self.entry(key, col)
                }
                After::Key(_) => Err(Bail),
            },
            Head::Plain(first) => {
                let pos = self.c.here();
                let text = plain::scalar_from(&mut self.c, n, first)?;
                self.b.scalar(text, ScalarStyle::Plain, 0, None, pos)?;
                self.c.next_content()
            }
            Head::Other => self.scalar(n),
        }
    }

    /// A scalar or flow collection at the cursor, in a collection indented
    /// `n`; then the next content line.
    fn scalar(&mut self, n: usize) -> R<Option<usize>> {
        let pos = self.c.here();
        match self.c.peek(0).ok_or(Bail)? {
            b'"' | b'\'' => {
                let style = if self.c.peek(0) == Some(b'"') {
                    ScalarStyle::DoubleQuoted
                } else {
                    ScalarStyle::SingleQuoted
                };
                let text = quoted::scalar(&mut self.c)?;
                self.b.scalar(text, style, 0, None, pos)?;
            }
            b'[' | b'{' => flow::collection(&mut self.c, &mut self.b)?,
            q @ (b'|' | b'>') => {
                let (text, pos) = block_scalar::scalar(&mut self.c, n)?;
                let style = if q == b'|' {
                    ScalarStyle::Literal
                } else {
                    ScalarStyle::Folded
                };
                self.b.scalar(Cow::Owned(text), style, 0, None, pos)?;
            }
            b'&' | b'*' | b'!' | b'%' | b'@' | b'`' | b'?' | b':' | b',' | b']' | b'}' | b'#'
            | b'\t' => return Err(Bail),
            _ => {
                let text = plain::scalar(&mut self.c, n)?;
                self.b.scalar(text, ScalarStyle::Plain, 0, None, pos)?;
            }
        }
        self.c.next_content()
    }
}
