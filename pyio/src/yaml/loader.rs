//! The general loader: saphyr-parser's event stream fed to the [`Builder`],
//! with the repair of under-indented multi-line quoted scalars (see
//! [`super::repair`]).

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span};

use super::builder::{error, Builder, Built};
use super::positions::Pos32;
use super::repair::{self, Shifts};
use super::{Limits, YamlError, YamlErrorKind};

/// `text` without a last line of spaces or tabs that no line break ends.
/// saphyr-parser reads such a line as one more empty line of a block scalar
/// that runs to the end (`a: |\n x\n ` gave `"x\n\n"`, even with clip
/// chomping); to PyYAML, and to YAML, it adds nothing at the block's
/// indentation or less, which is what real files hold (trailing spaces). Past
/// the indentation it would be content without a line break (`"x\n  "`), which
/// this drops: both readers differed from PyYAML there anyway.
fn without_blank_last_line(text: &str) -> &str {
    let start = text.rfind('\n').map_or(0, |i| i + 1);
    let last = &text[start..];
    if start > 0 && !last.is_empty() && last.bytes().all(|b| b == b' ' || b == b'\t') {
        &text[..start]
    } else {
        text
    }
}

/// Loads a single-document stream.
pub(crate) fn load(text: &str, limits: &Limits) -> Result<Built, YamlError> {
    let text = without_blank_last_line(text);
    let first = match load_once(text, limits, &Shifts::default(), &[]) {
        Err(Failure::Scan(e)) => e,
        done => return done.map_err(Failure::into_error),
    };
    // saphyr-parser wants the continuation lines of a multi-line quoted scalar
    // indented past the enclosing block; PyYAML takes them at any indentation.
    // Each such scalar is re-indented (which changes neither its value nor the
    // place of anything else) and the text parsed again, within a budget that
    // bounds the total work to a small multiple of the largest document.
    let budget = ((64usize << 20) / text.len().max(1)).clamp(1, 10_000);
    let mut repaired: Option<String> = None;
    let mut shifts = Shifts::default();
    // Lines whose tabs were made spaces: they must turn out to be inside a
    // quoted scalar, or the first error stands.
    let mut tab_lines: Vec<usize> = Vec::new();
    let mut failure = first.clone();
    for _ in 0..budget {
        let m = failure.marker();
        let current = repaired.as_deref().unwrap_or(text);
        let next = match failure.info() {
            repair::SAPHYR_QUOTED_INDENT => {
                repair::reindent_quoted(current, m.line(), m.col(), &mut shifts)
            }
            repair::SAPHYR_TAB_INDENT => {
                tab_lines.push(m.line());
                repair::untab_line(current, m.line(), m.col())
            }
            _ => None,
        };
        let Some(next) = next else {
            break;
        };
        match load_once(&next, limits, &shifts, &tab_lines) {
            Err(Failure::Scan(e)) => failure = e,
            Err(Failure::Unverified) => break,
            done => return done.map_err(Failure::into_error),
        }
        repaired = Some(next);
    }
    if tab_lines.is_empty() {
        Err(scan_error(&failure, &shifts))
    } else {
        Err(scan_error(&first, &Shifts::default()))
    }
}

/// Why one parse failed: a scanner error (perhaps repairable) or any other.
enum Failure {
    Scan(ScanError),
    Other(YamlError),
    /// A line whose tabs were made spaces is not inside a quoted scalar.
    Unverified,
}

impl Failure {
    fn into_error(self) -> YamlError {
        match self {
            Failure::Scan(e) => scan_error(&e, &Shifts::default()),
            Failure::Other(e) => e,
            Failure::Unverified => YamlError::new(
                YamlErrorKind::Internal,
                "internal error: an unverified repair",
            ),
        }
    }
}

impl From<YamlError> for Failure {
    fn from(e: YamlError) -> Self {
        Failure::Other(e)
    }
}

/// One parse of `text`, whose positions are mapped back through `shifts`;
/// each of `tab_lines` must be a continuation line of a quoted scalar.
fn load_once(
    text: &str,
    limits: &Limits,
    shifts: &Shifts,
    tab_lines: &[usize],
) -> Result<Built, Failure> {
    let mut unverified = tab_lines.len();
    let mut parser = Parser::new_from_str(text);
    let mut builder = Builder::new(limits, text.len());
    let mut documents = 0usize;
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(Failure::Scan)?;
        let pos = start_of(&span, shifts);
        match event {
            Event::StreamEnd => break,
            Event::Nothing | Event::StreamStart | Event::DocumentEnd => {}
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(Failure::Other(error(
                        YamlErrorKind::MultipleDocuments,
                        "the stream holds more than one YAML document; only a single document is supported",
                        pos,
                    )));
                }
            }
            Event::Alias(id) => builder.alias(id, pos)?,
            Event::Scalar(value, style, anchor, tag) => {
                if unverified > 0
                    && matches!(style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted)
                {
                    let lines = span.start.line() + 1..=span.end.line();
                    unverified -= tab_lines.iter().filter(|l| lines.contains(l)).count();
                }
                builder.scalar(value, style, anchor, tag, pos)?
            }
            Event::SequenceStart(anchor, tag) => builder.start(true, anchor, tag, pos)?,
            Event::MappingStart(anchor, tag) => builder.start(false, anchor, tag, pos)?,
            Event::SequenceEnd | Event::MappingEnd => builder.end()?,
        }
    }
    if unverified > 0 {
        return Err(Failure::Unverified);
    }
    Ok(builder.finish()?)
}

fn start_of(span: &Span, shifts: &Shifts) -> Pos32 {
    let (line, col) = (span.start.line(), span.start.col());
    Pos32::from_marker(line, shifts.original_col(line, col))
}

fn scan_error(e: &ScanError, shifts: &Shifts) -> YamlError {
    let m = e.marker();
    let pos = Pos32::from_marker(m.line(), shifts.original_col(m.line(), m.col()));
    if e.info() == "recursion limit exceeded" {
        // The scanner counts flow nesting in a u8 and gives up past 255 levels,
        // which it can reach before we see the collection events.
        return error(
            YamlErrorKind::DepthLimit,
            "flow collections are nested more than 255 levels deep",
            pos,
        );
    }
    error(YamlErrorKind::Syntax, e.info().to_owned(), pos)
}
