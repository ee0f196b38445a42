//! PyYAML's leniency about multi-line quoted scalars, on top of saphyr-parser.
//!
//! In block context PyYAML does not check the indentation of the continuation
//! lines of a single- or double-quoted scalar at all (its scanner only looks
//! for a document marker at the start of such a line), so
//!
//! ```yaml
//! jobs:
//!   a:
//!     command: "python x.py
//!     --flag 1"
//! ```
//!
//! is `{"jobs": {"a": {"command": "python x.py --flag 1"}}}` to it, while
//! saphyr-parser (like the YAML 1.2 spec) wants those lines indented past the
//! enclosing block and stops with [`SAPHYR_QUOTED_INDENT`] at the scalar's
//! opening quote. [`reindent_quoted`] rewrites the leading white space of that
//! scalar's continuation lines: leading white space of a continuation line is
//! never part of the value in either parser, so the value is unchanged, and
//! [`Shifts`] maps the columns of the rewritten lines back to the original
//! text.

/// The message of saphyr-parser's scanner error for an under-indented
/// continuation line of a quoted scalar (located at the opening quote).
pub(crate) const SAPHYR_QUOTED_INDENT: &str = "invalid indentation in quoted scalar";

/// The message of saphyr-parser's scanner error for a tab in the
/// indentation of a line (located at the tab). Inside a quoted scalar PyYAML
/// skips tabs there like spaces.
pub(crate) const SAPHYR_TAB_INDENT: &str = "tab cannot be used as indentation";

/// Column changes made by [`reindent_quoted`], per line.
#[derive(Debug, Default)]
pub(crate) struct Shifts {
    /// `(line, new indentation, change)`: on `line` (1-based), text from
    /// column `new indentation` (0-based) on moved right by `change` columns.
    lines: Vec<(usize, usize, isize)>,
}

impl Shifts {
    /// The 0-based column in the original text of the 0-based column `col`
    /// of line `line` of the rewritten text.
    pub(crate) fn original_col(&self, line: usize, col: usize) -> usize {
        if self.lines.is_empty() {
            return col;
        }
        match self.lines.binary_search_by_key(&line, |&(l, _, _)| l) {
            Ok(i) => match self.lines.get(i) {
                Some(&(_, from, change)) if col >= from => col.saturating_add_signed(-change),
                _ => col,
            },
            Err(_) => col,
        }
    }

    fn record(&mut self, line: usize, from: usize, change: isize) {
        match self.lines.binary_search_by_key(&line, |&(l, _, _)| l) {
            // A line already rewritten: compose the changes.
            Ok(i) => {
                if let Some(slot) = self.lines.get_mut(i) {
                    *slot = (line, from, slot.2.saturating_add(change));
                }
            }
            Err(i) => self.lines.insert(i, (line, from, change)),
        }
    }
}

/// Rewrites `text` so that every continuation line of the quoted scalar
/// whose opening quote is at 1-based `line`, 0-based character column `col`
/// is indented one column past that quote, recording the change in `shifts`.
///
/// `None` when there is no quoted scalar there, it is not closed, or one of
/// its continuation lines starts with a document marker (an error to PyYAML
/// too).
pub(crate) fn reindent_quoted(
    text: &str,
    line: usize,
    col: usize,
    shifts: &mut Shifts,
) -> Option<String> {
    let start = offset_of(text, line, col)?;
    let rest = text.get(start..)?;
    let mut chars = rest.char_indices();
    let (_, quote) = chars.next()?;
    if quote != '"' && quote != '\'' {
        return None;
    }
    // Find the closing quote and the starts of the continuation lines.
    let mut line_starts: Vec<usize> = Vec::new();
    let mut end = None;
    while let Some((i, c)) = chars.next() {
        match c {
            '\n' => line_starts.push(start + i + 1),
            '\\' if quote == '"' => {
                if let Some((j, '\n')) = chars.next() {
                    line_starts.push(start + j + 1);
                }
            }
            '\'' if quote == '\'' => {
                if rest.get(i + 1..).is_some_and(|r| r.starts_with('\'')) {
                    chars.next();
                } else {
                    end = Some(start + i);
                    break;
                }
            }
            '"' if quote == '"' => {
                end = Some(start + i);
                break;
            }
            _ => {}
        }
    }
    end?;
    let target = col.saturating_add(1);
    let mut out = String::with_capacity(text.len() + line_starts.len() * target);
    let mut copied = 0;
    for (n, &ls) in line_starts.iter().enumerate() {
        let body = text.get(ls..)?;
        let lead = body.len() - body.trim_start_matches([' ', '\t']).len();
        let after = body.get(lead..)?;
        if lead == 0 && (after.starts_with("---") || after.starts_with("...")) {
            let next = after.as_bytes().get(3).copied();
            if next.is_none_or(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n')) {
                return None;
            }
        }
        out.push_str(text.get(copied..ls)?);
        copied = ls + lead;
        if after.starts_with(['\n', '\r']) {
            // An empty line: no indentation at all.
            continue;
        }
        out.extend(std::iter::repeat_n(' ', target));
        let old = body.get(..lead)?.chars().count();
        let change = isize::try_from(target).ok()? - isize::try_from(old).ok()?;
        shifts.record(line + n + 1, target, change);
    }
    out.push_str(text.get(copied..)?);
    Some(out)
}

/// Rewrites `text` with the tabs in the leading white space of 1-based
/// `line` replaced by spaces (columns do not change: a tab is one column), if
/// 0-based column `col` is in that white space.
///
/// Whether the line is a continuation line of a quoted scalar (where this
/// changes nothing for PyYAML) is for the caller to verify.
pub(crate) fn untab_line(text: &str, line: usize, col: usize) -> Option<String> {
    let start = offset_of(text, line, 0)?;
    let body = text.get(start..)?;
    let lead = body.len() - body.trim_start_matches([' ', '\t']).len();
    if col >= lead || !body.get(..lead)?.contains('\t') {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    out.push_str(text.get(..start)?);
    out.extend(std::iter::repeat_n(' ', lead));
    out.push_str(body.get(lead..)?);
    Some(out)
}

/// The byte offset of 1-based `line`, 0-based character column `col` (a
/// leading byte order mark does not count as a column, as in saphyr-parser).
fn offset_of(text: &str, line: usize, col: usize) -> Option<usize> {
    let mut start = 0;
    for _ in 1..line {
        start += text.get(start..)?.find('\n')? + 1;
    }
    if start == 0 && text.starts_with('\u{feff}') {
        start = '\u{feff}'.len_utf8();
    }
    let line_text = text.get(start..)?;
    let (i, _) = line_text.char_indices().nth(col)?;
    Some(start + i)
}
