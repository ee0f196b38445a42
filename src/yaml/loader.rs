//! The general loader: saphyr-parser's event stream fed to the [`Builder`].

use saphyr_parser::{Event, Parser, ScanError, Span};

use super::builder::{error, Builder, Built};
use super::positions::Pos32;
use super::{Limits, YamlError, YamlErrorKind};

/// Loads a single-document stream.
pub(crate) fn load(text: &str, limits: &Limits) -> Result<Built, YamlError> {
    load_once(text, limits, &Shifts).map_err(Failure::into_error)
}

/// Why one parse failed: a scanner error (perhaps repairable) or any other.
enum Failure {
    Scan(ScanError),
    Other(YamlError),
}

impl Failure {
    fn into_error(self) -> YamlError {
        match self {
            Failure::Scan(e) => scan_error(&e, &Shifts),
            Failure::Other(e) => e,
        }
    }
}

impl From<YamlError> for Failure {
    fn from(e: YamlError) -> Self {
        Failure::Other(e)
    }
}

/// One parse of `text`, whose positions are mapped back through `shifts`.
fn load_once(text: &str, limits: &Limits, shifts: &Shifts) -> Result<Built, Failure> {
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
                builder.scalar(value, style, anchor, tag, pos)?
            }
            Event::SequenceStart(anchor, tag) => builder.start(true, anchor, tag, pos)?,
            Event::MappingStart(anchor, tag) => builder.start(false, anchor, tag, pos)?,
            Event::SequenceEnd | Event::MappingEnd => builder.end()?,
        }
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

/// Column changes of a rewritten text (none yet).
#[derive(Default)]
struct Shifts;

impl Shifts {
    fn original_col(&self, _line: usize, col: usize) -> usize {
        col
    }
}
