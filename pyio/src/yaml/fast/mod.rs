//! The fast path: a hand-written scanner for the block-YAML subset that real
//! Azure ML files use, feeding the same [`Builder`](super::builder::Builder) as the general loader.
//!
//! It understands block mappings and sequences (including a sequence at the
//! indentation of its key and compact mappings after `- `), plain scalars
//! (also over several lines), single- and double-quoted scalars (also over
//! several lines, at any indentation, as PyYAML reads them), literal and
//! folded block scalars with chomping and indentation indicators, comments,
//! one-line flow sequences and mappings of scalars, and the `---` / `...`
//! markers of a single document. It gives up ([`Bail`]) on anything else:
//! anchors, aliases, tags, directives, explicit or complex keys, nested or
//! multi-line flow collections, tabs outside scalar text and comments,
//! unusual characters, an empty document, a root scalar, and every error,
//! including a limit reached in the builder. The caller then loads the text
//! with the general loader, so the result never depends on the fast path
//! guessing: it either yields exactly what the general loader yields (value,
//! positions and warnings; a differential test checks this) or nothing.
//!
//! Like the rest of the module it does not recurse (open collections are an
//! explicit stack, bounded by the builder's depth limit), reads bytes only
//! through checked accessors, and cuts text only at ASCII bytes.

mod block;
mod block_scalar;
mod cursor;
mod flow;
mod plain;
mod quoted;

use super::builder::Built;
use super::Limits;

/// The fast path gives up on this input (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Bail;

type R<T> = Result<T, Bail>;

impl From<super::YamlError> for Bail {
    fn from(_: super::YamlError) -> Self {
        Bail
    }
}

/// Loads `text` if it is within the fast path's subset.
pub(crate) fn load(text: &str, limits: &Limits) -> Option<Built> {
    if !plain_characters(text) {
        return None;
    }
    block::load(text, limits).ok()
}

/// Whether `text` holds only characters the fast path treats like the
/// general loader: no control characters but tab and line breaks, `\r` only
/// before `\n`, no C1 controls, Unicode line or paragraph separators,
/// non-characters, or byte order marks after the start.
fn plain_characters(text: &str) -> bool {
    let b = text.as_bytes();
    // Without an early exit, so that the compiler can vectorize the loop.
    let odd = b.iter().fold(false, |odd, &c| {
        odd | ((c < 0x20 && c != b'\t' && c != b'\n' && c != b'\r') || c == 0x7f)
    });
    if odd {
        return false;
    }
    let lone_cr = b.contains(&b'\r')
        && b.iter()
            .enumerate()
            .any(|(i, &c)| c == b'\r' && b.get(i + 1) != Some(&b'\n'));
    if lone_cr {
        return false;
    }
    text.is_ascii()
        || text.char_indices().all(|(i, c)| {
            !matches!(
                c,
                '\u{80}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{fffe}' | '\u{ffff}'
            ) && (c != '\u{feff}' || i == 0)
        })
}

#[cfg(test)]
mod differential;
