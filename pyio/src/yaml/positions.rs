//! Source positions of the nodes of a loaded document, addressed by JSON pointer.
//!
//! Positions are stored as a tree rather than as one pointer string per node:
//! each entry names its parent entry and its own segment (a sequence index, or a
//! range of a shared arena holding the key text). Loading therefore never builds
//! pointer strings, alias expansion copies entries without copying key text, and
//! memory stays linear in the number of nodes. The lookup index (entries sorted
//! by parent and segment) is built on the first lookup, so documents that are
//! loaded without an error pay nothing for it.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::sync::OnceLock;

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column number, in characters.
    pub col: usize,
}

impl Position {
    /// Creates a position from a 1-based line and column.
    pub fn new(line: usize, col: usize) -> Self {
        Self { line, col }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// "No entry" marker for parent indices.
pub(crate) const NO_ENTRY: u32 = u32::MAX;

/// A compact position; `line == 0` means "absent".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Pos32 {
    line: u32,
    col: u32,
}

impl Pos32 {
    pub(crate) const NONE: Pos32 = Pos32 { line: 0, col: 0 };

    /// From the parser's marker: 1-based line, 0-based column.
    pub(crate) fn from_marker(line: usize, col0: usize) -> Self {
        Pos32 {
            line: u32::try_from(line.max(1)).unwrap_or(u32::MAX),
            col: u32::try_from(col0.saturating_add(1)).unwrap_or(u32::MAX),
        }
    }

    pub(crate) fn get(self) -> Option<Position> {
        (self.line != 0).then(|| Position::new(self.line as usize, self.col as usize))
    }
}

/// The segment that leads from an entry's parent to the entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Seg {
    /// The document root.
    Root,
    /// An item of a sequence.
    Index(u32),
    /// A value of a mapping; the key text is `arena[start..end]`.
    Key { start: u32, end: u32 },
}

/// One node of the document.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry {
    pub(crate) parent: u32,
    pub(crate) seg: Seg,
    pub(crate) value: Pos32,
    pub(crate) key: Pos32,
    /// 0 while the entry is part of the document; otherwise the merge
    /// "epoch" at which it was replaced (entries of a `<<` value are
    /// re-parented into the merging mapping).
    pub(crate) killed: u32,
}

/// The positions of every node of a [`Document`](super::Document).
///
/// Look-ups take RFC 6901 JSON pointers (`""` is the root, `/a/0/b~1c`
/// addresses key `b/c` of the first item of `a`).
#[derive(Debug, Clone, Default)]
pub struct Positions {
    pub(crate) arena: String,
    pub(crate) entries: Vec<Entry>,
    index: OnceLock<Vec<u32>>,
}

/// What a lookup searches for among the children of an entry.
#[derive(Clone, Copy)]
enum Probe<'a> {
    Root,
    Index(u32),
    Key(&'a str),
}

impl Positions {
    pub(crate) fn from_parts(arena: String, entries: Vec<Entry>) -> Self {
        Positions {
            arena,
            entries,
            index: OnceLock::new(),
        }
    }

    /// The position of the value at `pointer`: where the scalar, or the
    /// mapping/sequence, starts (for an alias: where the alias is written).
    pub fn get(&self, pointer: &str) -> Option<Position> {
        self.lookup(pointer).and_then(|e| e.value.get())
    }

    /// The position of the key of the mapping entry at `pointer`; `None` for
    /// sequence items and the root.
    pub fn key(&self, pointer: &str) -> Option<Position> {
        self.lookup(pointer).and_then(|e| e.key.get())
    }

    /// The number of nodes with a recorded position.
    pub fn len(&self) -> usize {
        self.index().len()
    }

    /// Whether no node has a recorded position (only for an empty document).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub(crate) fn key_text(&self, seg: Seg) -> Option<&str> {
        match seg {
            Seg::Key { start, end } => self.arena.get(start as usize..end as usize),
            _ => None,
        }
    }

    fn index(&self) -> &[u32] {
        self.index.get_or_init(|| {
            let mut idx: Vec<u32> = (0..self.entries.len())
                .filter(|&i| self.entries.get(i).is_some_and(|e| e.killed == 0))
                .filter_map(|i| u32::try_from(i).ok())
                .collect();
            idx.sort_unstable_by(|&a, &b| match (self.entry(a), self.entry(b)) {
                (Some(a), Some(b)) => self.cmp_entries(a, b),
                _ => Ordering::Equal,
            });
            idx
        })
    }

    fn entry(&self, i: u32) -> Option<&Entry> {
        self.entries.get(i as usize)
    }

    fn cmp_entries(&self, a: &Entry, b: &Entry) -> Ordering {
        a.parent.cmp(&b.parent).then_with(|| match (a.seg, b.seg) {
            (Seg::Root, Seg::Root) => Ordering::Equal,
            (Seg::Root, _) => Ordering::Less,
            (_, Seg::Root) => Ordering::Greater,
            (Seg::Index(x), Seg::Index(y)) => x.cmp(&y),
            (Seg::Index(_), Seg::Key { .. }) => Ordering::Less,
            (Seg::Key { .. }, Seg::Index(_)) => Ordering::Greater,
            (Seg::Key { .. }, Seg::Key { .. }) => self.key_text(a.seg).cmp(&self.key_text(b.seg)),
        })
    }

    fn cmp_probe(&self, e: &Entry, parent: u32, probe: Probe<'_>) -> Ordering {
        e.parent.cmp(&parent).then_with(|| match (e.seg, probe) {
            (Seg::Root, Probe::Root) => Ordering::Equal,
            (Seg::Root, _) => Ordering::Less,
            (_, Probe::Root) => Ordering::Greater,
            (Seg::Index(x), Probe::Index(y)) => x.cmp(&y),
            (Seg::Index(_), Probe::Key(_)) => Ordering::Less,
            (Seg::Key { .. }, Probe::Index(_)) => Ordering::Greater,
            (Seg::Key { .. }, Probe::Key(k)) => self.key_text(e.seg).unwrap_or("").cmp(k),
        })
    }

    fn find(&self, parent: u32, probe: Probe<'_>) -> Option<u32> {
        let index = self.index();
        let pos = index
            .binary_search_by(|&i| match self.entry(i) {
                Some(e) => self.cmp_probe(e, parent, probe),
                None => Ordering::Less,
            })
            .ok()?;
        index.get(pos).copied()
    }

    fn lookup(&self, pointer: &str) -> Option<&Entry> {
        let mut cur = self.find(NO_ENTRY, Probe::Root)?;
        if !pointer.is_empty() {
            let rest = pointer.strip_prefix('/')?;
            for raw in rest.split('/') {
                let seg = unescape(raw)?;
                let by_index = canonical_index(&seg).and_then(|i| self.find(cur, Probe::Index(i)));
                cur = match by_index {
                    Some(found) => found,
                    None => self.find(cur, Probe::Key(&seg))?,
                };
            }
        }
        self.entry(cur)
    }
}

/// Decodes `~1` to `/` and `~0` to `~`; `None` for any other use of `~`.
fn unescape(raw: &str) -> Option<Cow<'_, str>> {
    if !raw.contains('~') {
        return Some(Cow::Borrowed(raw));
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '~' {
            match chars.next() {
                Some('0') => out.push('~'),
                Some('1') => out.push('/'),
                _ => return None,
            }
        } else {
            out.push(c);
        }
    }
    Some(Cow::Owned(out))
}

/// A pointer segment that names an array index (`0`, or digits without a leading zero).
fn canonical_index(seg: &str) -> Option<u32> {
    let b = seg.as_bytes();
    if b.is_empty()
        || !b.iter().all(u8::is_ascii_digit)
        || (b.len() > 1 && b.first() == Some(&b'0'))
    {
        return None;
    }
    seg.parse().ok()
}

/// The JSON pointer of entry `entry` (`NO_ENTRY` or the root: `""`), followed
/// by `/key` when `key` is given.
pub(crate) fn pointer(entries: &[Entry], arena: &str, entry: u32, key: Option<&str>) -> String {
    let mut segments: Vec<Cow<'_, str>> = Vec::new();
    if let Some(key) = key {
        segments.push(Cow::Borrowed(key));
    }
    let mut cur = entry;
    // Parents always come before their children, so this walk ends.
    while let Some(e) = entries.get(cur as usize) {
        match e.seg {
            Seg::Root => break,
            Seg::Index(i) => segments.push(Cow::Owned(i.to_string())),
            Seg::Key { start, end } => segments.push(Cow::Borrowed(
                arena.get(start as usize..end as usize).unwrap_or(""),
            )),
        }
        if e.parent >= cur {
            break;
        }
        cur = e.parent;
    }
    let mut out = String::new();
    for seg in segments.iter().rev() {
        out.push('/');
        for c in seg.chars() {
            match c {
                '~' => out.push_str("~0"),
                '/' => out.push_str("~1"),
                c => out.push(c),
            }
        }
    }
    out
}

#[cfg(any(test, fuzzing))]
impl Positions {
    /// Every node of the document: its pointer, value and key positions, sorted.
    pub(crate) fn live(&self) -> Vec<(String, Option<Position>, Option<Position>)> {
        let mut out: Vec<_> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.killed == 0)
            .map(|(i, e)| {
                let i = u32::try_from(i).unwrap_or(NO_ENTRY);
                (
                    pointer(&self.entries, &self.arena, i, None),
                    e.value.get(),
                    e.key.get(),
                )
            })
            .collect();
        out.sort();
        out
    }
}
