//! A position in the text with its line and column, and the moves over white
//! space, comments and line breaks that every part of the fast path shares.

use super::super::positions::Pos32;
use super::{Bail, R};

/// Where the scanner is: a byte offset, its 1-based line, and where that
/// line starts.
pub(super) struct Cursor<'t> {
    pub(super) text: &'t str,
    pub(super) pos: usize,
    pub(super) line: usize,
    pub(super) line_start: usize,
}

impl<'t> Cursor<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        // A leading byte order mark is not a column (as in saphyr-parser).
        let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
        Cursor {
            text,
            pos: start,
            line: 1,
            line_start: start,
        }
    }

    pub(super) fn bytes(&self) -> &'t [u8] {
        self.text.as_bytes()
    }

    /// The byte at `pos + n`.
    pub(super) fn peek(&self, n: usize) -> Option<u8> {
        self.bytes().get(self.pos.wrapping_add(n)).copied()
    }

    /// The 0-based column (in characters) of byte offset `at` on the current line.
    pub(super) fn col_of(&self, at: usize) -> usize {
        let b = self.bytes().get(self.line_start..at).unwrap_or(&[]);
        // Characters are the bytes that are not UTF-8 continuation bytes.
        b.iter().filter(|&&c| c & 0xC0 != 0x80).count()
    }

    /// The position of byte offset `at` on the current line.
    pub(super) fn pos_of(&self, at: usize) -> Pos32 {
        Pos32::from_marker(self.line, self.col_of(at))
    }

    pub(super) fn here(&self) -> Pos32 {
        self.pos_of(self.pos)
    }

    /// Skips spaces (not tabs); returns how many.
    pub(super) fn skip_spaces(&mut self) -> usize {
        let start = self.pos;
        while self.peek(0) == Some(b' ') {
            self.pos += 1;
        }
        self.pos - start
    }

    /// At a line break (`\n` or `\r\n`) or the end of the text.
    pub(super) fn at_eol(&self) -> bool {
        matches!(self.peek(0), None | Some(b'\n' | b'\r'))
    }

    /// Skips spaces, then a comment if one starts there (after white space,
    /// or at the start of the line); true if the line then ends.
    pub(super) fn rest_is_blank(&mut self) -> bool {
        self.skip_spaces();
        let after_blank = self.pos == self.line_start
            || matches!(self.bytes().get(self.pos - 1), Some(b' ' | b'\t'));
        if self.peek(0) == Some(b'#') && after_blank {
            self.skip_to_eol();
        }
        self.at_eol()
    }

    /// Moves to the end of the line (before its break).
    pub(super) fn skip_to_eol(&mut self) {
        let rest = self.bytes().get(self.pos..).unwrap_or(&[]);
        self.pos += rest
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .unwrap_or(rest.len());
    }

    /// Consumes the line break at `pos` (the text was checked: `\r` is always
    /// followed by `\n`); false at the end of the text.
    pub(super) fn next_line(&mut self) -> bool {
        match self.peek(0) {
            Some(b'\r') => self.pos += 2,
            Some(b'\n') => self.pos += 1,
            _ => return false,
        }
        self.line += 1;
        self.line_start = self.pos;
        true
    }

    /// From anywhere on a line whose rest is blank or a comment: moves to the
    /// first content character of the next line that has content, returning
    /// its column, or `None` at the end of the document (the end of the text,
    /// or a `...` marker followed only by blank lines and comments).
    pub(super) fn next_content(&mut self) -> R<Option<usize>> {
        if !self.rest_is_blank() {
            return Err(Bail);
        }
        loop {
            if !self.next_line() {
                return Ok(None);
            }
            let indent = self.skip_spaces();
            match self.peek(0) {
                None => return Ok(None),
                Some(b'\n' | b'\r') => continue,
                Some(b'#') => self.skip_to_eol(),
                Some(b'\t') => return Err(Bail),
                Some(b'-' | b'.') if indent == 0 && self.marker().is_some() => {
                    if self.marker() == Some(b'.') {
                        return self.after_document_end();
                    }
                    // A second document: the general loader reports it.
                    return Err(Bail);
                }
                Some(_) => return Ok(Some(indent)),
            }
        }
    }

    /// `b'-'` or `b'.'` if a document marker (`---`, `...` followed by white
    /// space or the end of the line) starts at `pos`.
    pub(super) fn marker(&self) -> Option<u8> {
        let rest = self.bytes().get(self.pos..)?;
        let m = *rest.first()?;
        let is = (m == b'-' || m == b'.')
            && rest.get(1) == Some(&m)
            && rest.get(2) == Some(&m)
            && matches!(rest.get(3), None | Some(b' ' | b'\t' | b'\n' | b'\r'));
        is.then_some(m)
    }

    /// After `...`: only blank lines and comments may follow.
    fn after_document_end(&mut self) -> R<Option<usize>> {
        self.pos += 3;
        loop {
            if !self.rest_is_blank() {
                return Err(Bail);
            }
            if !self.next_line() {
                return Ok(None);
            }
        }
    }
}
