//! Delimited files cut into mini-batches of about `size` bytes at record
//! boundaries (a quoted field may hold line breaks), never across files; a
//! file no bigger than `size` is one mini-batch, and a file with no data
//! rows gives none (an empty DataFrame is not passed to `run()`).

use std::path::Path;

/// A byte range of a file holding whole records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// Where the header line ends (0 without a header): it is read before the chunk.
    pub header_end: u64,
    /// First byte of the chunk.
    pub start: u64,
    /// One past its last byte.
    pub end: u64,
    /// Records in the chunk.
    pub rows: u64,
}

/// The chunks of the delimited file at `path`.
///
/// # Errors
/// An unreadable file.
pub fn chunks(path: &Path, header: bool, size: u64) -> Result<Vec<Chunk>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(split(&bytes, header, size.max(1)))
}

fn split(bytes: &[u8], header: bool, size: u64) -> Vec<Chunk> {
    let mut records = RecordEnds::new(bytes);
    let header_end = if header {
        match records.next() {
            Some(end) => end as u64,
            None => return Vec::new(),
        }
    } else {
        0
    };
    let mut out = Vec::new();
    let mut start = header_end;
    let mut rows = 0;
    for end in records {
        let end = end as u64;
        rows += 1;
        if end - start >= size {
            out.push(Chunk {
                header_end,
                start,
                end,
                rows,
            });
            start = end;
            rows = 0;
        }
    }
    if rows > 0 && !is_blank(&bytes[start as usize..]) {
        out.push(Chunk {
            header_end,
            start,
            end: bytes.len() as u64,
            rows,
        });
    }
    out
}

fn is_blank(bytes: &[u8]) -> bool {
    bytes.iter().all(u8::is_ascii_whitespace)
}

/// The end offsets (after the line break) of each record.
struct RecordEnds<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> RecordEnds<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        RecordEnds { bytes, at: 0 }
    }
}

impl Iterator for RecordEnds<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if self.at >= self.bytes.len() {
            return None;
        }
        let mut quoted = false;
        for (i, &b) in self.bytes[self.at..].iter().enumerate() {
            match b {
                b'"' => quoted = !quoted,
                b'\n' if !quoted => {
                    self.at += i + 1;
                    return Some(self.at);
                }
                _ => {}
            }
        }
        self.at = self.bytes.len();
        Some(self.at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_at_records_and_keeps_quoted_line_breaks() {
        let text = b"a,b\n1,\"x\ny\"\n2,z\n3,w\n";
        let chunks = split(text, true, 8);
        assert_eq!(
            chunks,
            [
                Chunk {
                    header_end: 4,
                    start: 4,
                    end: 12,
                    rows: 1
                },
                Chunk {
                    header_end: 4,
                    start: 12,
                    end: 20,
                    rows: 2
                },
            ]
        );
        // Small files are one chunk; a header alone gives none.
        assert_eq!(split(text, true, 1 << 20).len(), 1);
        assert!(split(b"a,b\n", true, 10).is_empty());
        assert!(split(b"", false, 10).is_empty());
        let no_header = split(b"1\n2\n3", false, 1 << 20);
        assert_eq!(
            no_header,
            [Chunk {
                header_end: 0,
                start: 0,
                end: 5,
                rows: 3
            }]
        );
    }
}
