//! The document builder: turns a stream of parser events (from saphyr-parser
//! or from the fast path) into a [`serde_json::Value`], a [`Positions`] table
//! and the warnings, enforcing [`Limits`].
//!
//! Nothing here recurses: open collections live on an explicit stack whose
//! height is bounded by [`Limits::max_depth`], and events arrive one at a time,
//! so a limit stops the work as soon as it is reached.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use saphyr_parser::{ScalarStyle, Tag};
use serde_json::{Map, Value};

use super::positions::{self, Entry, Pos32, Positions, Seg, NO_ENTRY};
use super::scalar::{self, TagKind};
use super::{Limits, YamlError, YamlErrorKind, YamlWarning};

/// What a successful build yields.
pub(crate) type Built = (Value, Positions, Vec<YamlWarning>);

pub(crate) fn error(kind: YamlErrorKind, message: impl Into<String>, pos: Pos32) -> YamlError {
    YamlError::new(kind, message).at_opt(pos.get())
}

fn internal(pos: Pos32) -> YamlError {
    error(
        YamlErrorKind::Internal,
        "internal error: unbalanced parser events",
        pos,
    )
}

/// A completed anchored node, ready to be copied by aliases.
struct Anchor {
    value: Value,
    /// The node's own entry (`NO_ENTRY` for an anchored key).
    entry: u32,
    /// Its descendants' entries.
    children: Range<u32>,
    /// The merge epoch when the node was completed: entries killed up to it
    /// are not part of the node.
    epoch: u32,
    /// 0 for a scalar, 1 + the children's maximum for a collection.
    height: usize,
    /// Scalar text (values and keys) in the node, in bytes.
    bytes: usize,
}

struct SeqFrame {
    items: Vec<Value>,
    entry: u32,
    anchor: usize,
    height: usize,
    bytes_start: usize,
}

struct MapFrame {
    map: Map<String, Value>,
    entry: u32,
    anchor: usize,
    height: usize,
    bytes_start: usize,
    /// The key whose value is being read.
    pending: Option<PendingKey>,
    /// The values of this mapping's `<<` keys, in document order.
    merges: Vec<MergeSource>,
    /// The entry of each key's value, kept once the mapping has a duplicate
    /// key (so that many duplicates cost linear time).
    by_key: Option<HashMap<String, u32>>,
}

struct PendingKey {
    seg: Seg,
    pos: Pos32,
    is_merge: bool,
    /// The key was already in the mapping: the value replaces the earlier one
    /// in place (a Python dict keeps the first key's place and the last value).
    duplicate: bool,
}

struct MergeSource {
    value: Value,
    /// The entry of the `<<` value and the end of its subtree's entries.
    entry: u32,
    end: u32,
}

enum Frame {
    Seq(SeqFrame),
    Map(MapFrame),
}

/// Where the next node goes.
enum Place {
    Key,
    Value { parent: u32, seg: Seg, key: Pos32 },
}

/// Room a mapping gets with its first key: Azure ML mappings mostly hold
/// several keys, and growing a map one key at a time rehashes it each time
/// it fills. Empty mappings (`{}`) allocate nothing.
const MAP_CAPACITY: usize = 4;

/// Builds a document from events; see the module documentation.
pub(crate) struct Builder<'l> {
    limits: &'l Limits,
    stack: Vec<Frame>,
    entries: Vec<Entry>,
    arena: String,
    anchors: Vec<Option<Anchor>>,
    root: Option<Value>,
    /// Incremented each time a merge kills the entries of a `<<` value.
    epoch: u32,
    aliases: usize,
    /// Scalar text materialised so far (including alias copies), in bytes.
    scalar_bytes: usize,
    /// Scalar text copied by aliases, in bytes.
    alias_bytes: usize,
    /// Scratch buffer for re-parenting copied entries.
    remap: Vec<u32>,
    max_nodes: usize,
    warnings: Vec<YamlWarning>,
}

impl<'l> Builder<'l> {
    /// A builder for a document of `text_len` bytes.
    pub(crate) fn new(limits: &'l Limits, text_len: usize) -> Self {
        // A rough guess (one node per ~12 bytes) saves re-allocations on real files.
        let guess = (text_len / 12).min(1 << 16);
        Builder {
            limits,
            stack: Vec::new(),
            entries: Vec::with_capacity(guess),
            arena: String::with_capacity(text_len / 4),
            anchors: Vec::new(),
            root: None,
            epoch: 0,
            aliases: 0,
            scalar_bytes: 0,
            alias_bytes: 0,
            remap: Vec::new(),
            // Entry indices are u32, with u32::MAX reserved.
            max_nodes: limits.max_nodes.min((u32::MAX - 1) as usize),
            warnings: Vec::new(),
        }
    }

    /// The document, once every collection is closed.
    pub(crate) fn finish(self) -> Result<Built, YamlError> {
        if !self.stack.is_empty() {
            return Err(internal(Pos32::NONE));
        }
        let value = self.root.unwrap_or(Value::Null);
        let positions = Positions::from_parts(self.arena, self.entries);
        Ok((value, positions, self.warnings))
    }

    fn place(&self) -> Place {
        match self.stack.last() {
            None => Place::Value {
                parent: NO_ENTRY,
                seg: Seg::Root,
                key: Pos32::NONE,
            },
            Some(Frame::Seq(s)) => Place::Value {
                parent: s.entry,
                seg: Seg::Index(u32::try_from(s.items.len()).unwrap_or(u32::MAX)),
                key: Pos32::NONE,
            },
            Some(Frame::Map(m)) => match &m.pending {
                None => Place::Key,
                Some(p) => Place::Value {
                    parent: m.entry,
                    seg: p.seg,
                    key: p.pos,
                },
            },
        }
    }

    fn node_limit_error(&self, pos: Pos32) -> YamlError {
        error(
            YamlErrorKind::NodeLimit,
            format!(
                "the document has more than {} nodes (after expanding aliases)",
                self.limits.max_nodes
            ),
            pos,
        )
    }

    fn push_entry(&mut self, entry: Entry) -> Result<u32, YamlError> {
        let idx = self.entries.len();
        if idx >= self.max_nodes {
            return Err(self.node_limit_error(entry.value));
        }
        self.entries.push(entry);
        u32::try_from(idx).map_err(|_| self.node_limit_error(entry.value))
    }

    /// A scalar with its style, anchor id (0 for none), tag and position.
    pub(crate) fn scalar(
        &mut self,
        text: Cow<'_, str>,
        style: ScalarStyle,
        anchor: usize,
        tag: Option<Cow<'_, Tag>>,
        pos: Pos32,
    ) -> Result<(), YamlError> {
        let tag = tag.map(|t| TagKind::classify(&t));
        let len = text.len();
        let is_merge = tag.is_none() && matches!(style, ScalarStyle::Plain) && text == "<<";
        let value =
            scalar::resolve(text, style, tag.as_ref()).map_err(|(k, m)| error(k, m, pos))?;
        let bytes_start = self.scalar_bytes;
        self.scalar_bytes = self.scalar_bytes.saturating_add(len);
        match self.place() {
            Place::Key => {
                if anchor != 0 {
                    self.store_anchor(
                        anchor,
                        Anchor {
                            value: value.clone(),
                            entry: NO_ENTRY,
                            children: 0..0,
                            epoch: self.epoch,
                            height: 0,
                            bytes: len,
                        },
                    );
                }
                self.set_key(value, is_merge, pos)
            }
            Place::Value { parent, seg, key } => {
                let entry = self.push_entry(Entry {
                    parent,
                    seg,
                    value: pos,
                    key,
                    killed: 0,
                })?;
                self.complete(value, 0, anchor, entry, bytes_start)
            }
        }
    }

    fn set_key(&mut self, value: Value, is_merge: bool, pos: Pos32) -> Result<(), YamlError> {
        let Some(key) = scalar::key_string(value) else {
            return Err(complex_key(pos));
        };
        let start = u32::try_from(self.arena.len()).ok();
        let end = u32::try_from(self.arena.len().saturating_add(key.len())).ok();
        let (Some(start), Some(end)) = (start, end) else {
            return Err(self.node_limit_error(pos));
        };
        self.arena.push_str(&key);
        let Some(Frame::Map(frame)) = self.stack.last_mut() else {
            return Err(internal(pos));
        };
        let parent = frame.entry;
        // The value's entry comes next.
        let value_entry = u32::try_from(self.entries.len()).unwrap_or(NO_ENTRY);
        // `<<` keys are not stored: their values are merged when the mapping
        // ends (all of them, as PyYAML does when there are several).
        let mut duplicate = false;
        if !is_merge {
            // Insert a placeholder now (one hash, and it detects duplicates);
            // `complete` fills it in: it is then the map's last entry.
            if frame.map.is_empty() {
                frame.map = Map::with_capacity(MAP_CAPACITY);
            }
            match frame.map.entry(key) {
                serde_json::map::Entry::Vacant(slot) => {
                    if let Some(by_key) = &mut frame.by_key {
                        by_key.insert(slot.key().clone(), value_entry);
                    }
                    slot.insert(Value::Null);
                }
                serde_json::map::Entry::Occupied(_) => duplicate = true,
            }
        }
        frame.pending = Some(PendingKey {
            seg: Seg::Key { start, end },
            pos,
            is_merge,
            duplicate,
        });
        if duplicate {
            self.replace_duplicate(parent, Seg::Key { start, end }, pos, value_entry);
        }
        Ok(())
    }

    /// A key that is already in the mapping at entry `parent`: the earlier
    /// value's positions leave the document (its entries are killed, as a
    /// merge kills a `<<` value's) and a warning names the later key.
    fn replace_duplicate(&mut self, parent: u32, seg: Seg, pos: Pos32, value_entry: u32) {
        let key = match seg {
            Seg::Key { start, end } => self.arena.get(start as usize..end as usize),
            _ => None,
        }
        .unwrap_or("")
        .to_owned();
        let index = match self.stack.last() {
            Some(Frame::Map(frame)) if frame.by_key.is_none() => {
                let merges: Vec<u32> = frame.merges.iter().map(|m| m.entry).collect();
                Some(self.keys_of(parent, &merges))
            }
            _ => None,
        };
        let Some(Frame::Map(frame)) = self.stack.last_mut() else {
            return;
        };
        let by_key = frame
            .by_key
            .get_or_insert_with(|| index.unwrap_or_default());
        let earlier = by_key.insert(key.clone(), value_entry);
        let first = earlier
            .and_then(|i| self.entries.get(i as usize))
            .map_or(Pos32::NONE, |e| e.key);
        if let Some(earlier) = earlier {
            // The earlier value's subtree: its entry and the contiguous run
            // of entries below it (children always follow their parent).
            let stop = self
                .entries
                .iter()
                .enumerate()
                .skip(earlier as usize + 1)
                .find(|(_, e)| e.parent < earlier || e.parent == NO_ENTRY)
                .map_or(self.entries.len(), |(i, _)| i);
            self.epoch = self.epoch.saturating_add(1);
            let epoch = self.epoch;
            if let Some(slice) = self.entries.get_mut(earlier as usize..stop) {
                for e in slice.iter_mut().filter(|e| e.killed == 0) {
                    e.killed = epoch;
                }
            }
        }
        let pointer = positions::pointer(&self.entries, &self.arena, parent, Some(&key));
        self.warnings
            .push(YamlWarning::duplicate_key(&key, pointer, pos, first));
    }

    /// The entries of the values of the mapping at entry `parent`, by key,
    /// leaving out the values of its `<<` keys (entries `merges`).
    fn keys_of(&self, parent: u32, merges: &[u32]) -> HashMap<String, u32> {
        let from = (parent as usize).saturating_add(1);
        let mut out = HashMap::new();
        for (i, e) in self.entries.iter().enumerate().skip(from) {
            if e.parent != parent || e.killed != 0 {
                continue;
            }
            let key = match e.seg {
                Seg::Key { start, end } => self.arena.get(start as usize..end as usize),
                _ => None,
            };
            if let (Some(key), Ok(i)) = (key, u32::try_from(i)) {
                if !merges.contains(&i) {
                    out.insert(key.to_owned(), i);
                }
            }
        }
        out
    }

    fn check_depth(&self, height: usize, pos: Pos32) -> Result<(), YamlError> {
        if self.stack.len().saturating_add(height) > self.limits.max_depth {
            return Err(error(
                YamlErrorKind::DepthLimit,
                format!(
                    "collections are nested more than {} levels deep",
                    self.limits.max_depth
                ),
                pos,
            ));
        }
        Ok(())
    }

    /// The start of a sequence (`seq`) or mapping.
    pub(crate) fn start(
        &mut self,
        seq: bool,
        anchor: usize,
        tag: Option<Cow<'_, Tag>>,
        pos: Pos32,
    ) -> Result<(), YamlError> {
        let tag = tag.map(|t| TagKind::classify(&t));
        scalar::check_collection_tag(tag.as_ref(), seq).map_err(|(k, m)| error(k, m, pos))?;
        let Place::Value { parent, seg, key } = self.place() else {
            return Err(complex_key(pos));
        };
        self.check_depth(1, pos)?;
        let entry = self.push_entry(Entry {
            parent,
            seg,
            value: pos,
            key,
            killed: 0,
        })?;
        let bytes_start = self.scalar_bytes;
        self.stack.push(if seq {
            Frame::Seq(SeqFrame {
                items: Vec::new(),
                entry,
                anchor,
                height: 1,
                bytes_start,
            })
        } else {
            Frame::Map(MapFrame {
                map: Map::new(),
                entry,
                anchor,
                height: 1,
                bytes_start,
                pending: None,
                merges: Vec::new(),
                by_key: None,
            })
        });
        Ok(())
    }

    /// The end of the innermost open collection.
    pub(crate) fn end(&mut self) -> Result<(), YamlError> {
        match self.stack.pop() {
            Some(Frame::Seq(s)) => self.complete(
                Value::Array(s.items),
                s.height,
                s.anchor,
                s.entry,
                s.bytes_start,
            ),
            Some(Frame::Map(m)) => {
                let map = if m.merges.is_empty() {
                    m.map
                } else {
                    self.merge(m.entry, m.map, m.merges)?
                };
                self.complete(
                    Value::Object(map),
                    m.height,
                    m.anchor,
                    m.entry,
                    m.bytes_start,
                )
            }
            None => Err(internal(Pos32::NONE)),
        }
    }

    /// An alias to the anchor with id `id`.
    pub(crate) fn alias(&mut self, id: usize, pos: Pos32) -> Result<(), YamlError> {
        self.aliases = self.aliases.saturating_add(1);
        if self.aliases > self.limits.max_aliases {
            return Err(error(
                YamlErrorKind::AliasLimit,
                format!(
                    "the document uses more than {} aliases",
                    self.limits.max_aliases
                ),
                pos,
            ));
        }
        let Some(anchor) = self.anchors.get(id).and_then(Option::as_ref) else {
            return Err(error(
                YamlErrorKind::Alias,
                "alias to a node that is not complete yet (recursive aliases are not supported)",
                pos,
            ));
        };
        let (a_entry, a_children, a_epoch, a_height, a_bytes) = (
            anchor.entry,
            anchor.children.clone(),
            anchor.epoch,
            anchor.height,
            anchor.bytes,
        );
        let nodes = a_children.len().saturating_add(1);
        if self.entries.len().saturating_add(nodes) > self.max_nodes {
            return Err(self.node_limit_error(pos));
        }
        self.alias_bytes = self.alias_bytes.saturating_add(a_bytes);
        if self.alias_bytes > self.limits.max_alias_bytes {
            return Err(error(
                YamlErrorKind::AliasLimit,
                format!(
                    "aliases copy more than {} bytes of text",
                    self.limits.max_alias_bytes
                ),
                pos,
            ));
        }
        self.check_depth(a_height, pos)?;
        let value = anchor.value.clone();
        let bytes_start = self.scalar_bytes;
        self.scalar_bytes = self.scalar_bytes.saturating_add(a_bytes);
        match self.place() {
            Place::Key => {
                if value.is_object() || value.is_array() {
                    return Err(complex_key(pos));
                }
                self.set_key(value, false, pos)
            }
            Place::Value { parent, seg, key } => {
                let entry = self.push_entry(Entry {
                    parent,
                    seg,
                    value: pos,
                    key,
                    killed: 0,
                })?;
                self.copy_children(a_entry, entry, a_children, a_epoch, |_| true)?;
                // The copy is a new node: an alias cannot carry an anchor.
                self.complete(value, a_height, 0, entry, bytes_start)
            }
        }
    }

    fn store_anchor(&mut self, id: usize, anchor: Anchor) {
        if self.anchors.len() <= id {
            self.anchors.resize_with(id.saturating_add(1), || None);
        }
        if let Some(slot) = self.anchors.get_mut(id) {
            *slot = Some(anchor);
        }
    }

    /// A value node is complete: remember it if anchored, then attach it to its parent.
    fn complete(
        &mut self,
        value: Value,
        height: usize,
        anchor: usize,
        entry: u32,
        bytes_start: usize,
    ) -> Result<(), YamlError> {
        let end = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
        if anchor != 0 {
            self.store_anchor(
                anchor,
                Anchor {
                    value: value.clone(),
                    entry,
                    children: entry.saturating_add(1)..end,
                    epoch: self.epoch,
                    height,
                    bytes: self.scalar_bytes.saturating_sub(bytes_start),
                },
            );
        }
        match self.stack.last_mut() {
            None => {
                self.root = Some(value);
                Ok(())
            }
            Some(Frame::Seq(s)) => {
                s.items.push(value);
                s.height = s.height.max(height.saturating_add(1));
                Ok(())
            }
            Some(Frame::Map(m)) => {
                let Some(p) = m.pending.take() else {
                    return Err(internal(Pos32::NONE));
                };
                m.height = m.height.max(height.saturating_add(1));
                if p.is_merge {
                    let ok = match &value {
                        Value::Object(_) => true,
                        Value::Array(items) => items.iter().all(Value::is_object),
                        _ => false,
                    };
                    if !ok {
                        return Err(error(
                            YamlErrorKind::Merge,
                            "the value of a merge key `<<` must be a mapping or a list of mappings",
                            p.pos,
                        ));
                    }
                    m.merges.push(MergeSource { value, entry, end });
                } else {
                    let slot = if p.duplicate {
                        let key = match p.seg {
                            Seg::Key { start, end } => self.arena.get(start as usize..end as usize),
                            _ => None,
                        };
                        key.and_then(|k| m.map.get_mut(k))
                    } else {
                        m.map.values_mut().next_back()
                    };
                    match slot {
                        Some(slot) => *slot = value,
                        None => return Err(internal(p.pos)),
                    }
                }
                Ok(())
            }
        }
    }

    /// Copies the live descendants of entry `src` found in `range` under `dst`;
    /// only children of `src` whose key satisfies `keep` (and their subtrees)
    /// are copied. Entries killed at or before `cutoff` are not live.
    fn copy_children(
        &mut self,
        src: u32,
        dst: u32,
        range: Range<u32>,
        cutoff: u32,
        mut keep: impl FnMut(&str) -> bool,
    ) -> Result<(), YamlError> {
        let base = range.start;
        let mut remap = std::mem::take(&mut self.remap);
        remap.clear();
        remap.resize(range.len(), NO_ENTRY);
        for i in range {
            let Some(&e) = self.entries.get(i as usize) else {
                break;
            };
            if e.killed != 0 && e.killed <= cutoff {
                continue;
            }
            let parent = if e.parent == src {
                let keep_it = match e.seg {
                    Seg::Key { start, end } => {
                        keep(self.arena.get(start as usize..end as usize).unwrap_or(""))
                    }
                    _ => true,
                };
                if !keep_it {
                    continue;
                }
                dst
            } else {
                match e
                    .parent
                    .checked_sub(base)
                    .and_then(|r| remap.get(r as usize))
                {
                    Some(&p) if p != NO_ENTRY => p,
                    _ => continue,
                }
            };
            let new = match self.push_entry(Entry {
                parent,
                killed: 0,
                ..e
            }) {
                Ok(n) => n,
                Err(err) => {
                    self.remap = remap;
                    return Err(err);
                }
            };
            if let Some(slot) = remap.get_mut((i - base) as usize) {
                *slot = new;
            }
        }
        self.remap = remap;
        Ok(())
    }

    /// Applies the merge keys the way PyYAML does: the mapping's own keys win
    /// over merged ones; in a list, earlier mappings win over later ones; of
    /// several `<<` keys, later ones win; merged keys come first in the result,
    /// in the order PyYAML's dict would have them.
    fn merge(
        &mut self,
        entry: u32,
        own: Map<String, Value>,
        sources: Vec<MergeSource>,
    ) -> Result<Map<String, Value>, YamlError> {
        let cutoff = self.epoch;
        // The mappings to merge, highest priority first, each with its entry
        // and the end of the entries it may own.
        let mut items: Vec<(Map<String, Value>, u32, u32)> = Vec::new();
        let mut kills: Vec<Range<usize>> = Vec::with_capacity(sources.len());
        for source in sources.into_iter().rev() {
            kills.push(source.entry as usize..source.end as usize);
            match source.value {
                Value::Object(map) => items.push((map, source.entry, source.end)),
                Value::Array(list) => {
                    let item_entries = (source.entry.saturating_add(1)..source.end).filter(|&i| {
                        self.entries.get(i as usize).is_some_and(|e| {
                            e.parent == source.entry
                                && matches!(e.seg, Seg::Index(_))
                                && (e.killed == 0 || e.killed > cutoff)
                        })
                    });
                    for (value, item_entry) in list.into_iter().zip(item_entries) {
                        let Value::Object(map) = value else {
                            return Err(internal(Pos32::NONE));
                        };
                        items.push((map, item_entry, source.end));
                    }
                }
                _ => return Err(internal(Pos32::NONE)),
            }
        }
        for (n, &(_, item_entry, end)) in items.iter().enumerate() {
            let winner = |k: &str| {
                !own.contains_key(k) && items.iter().position(|it| it.0.contains_key(k)) == Some(n)
            };
            self.copy_children(
                item_entry,
                entry,
                item_entry.saturating_add(1)..end,
                cutoff,
                winner,
            )?;
        }
        // The `<<` subtrees are no longer part of the document.
        self.epoch = self.epoch.saturating_add(1);
        let epoch = self.epoch;
        for kill in kills {
            if let Some(slice) = self.entries.get_mut(kill) {
                for e in slice.iter_mut().filter(|e| e.killed == 0) {
                    e.killed = epoch;
                }
            }
        }

        let mut out = Map::new();
        for (map, _, _) in items.into_iter().rev() {
            for (k, v) in map {
                out.insert(k, v);
            }
        }
        for (k, v) in own {
            out.insert(k, v);
        }
        Ok(out)
    }
}

fn complex_key(pos: Pos32) -> YamlError {
    error(
        YamlErrorKind::Key,
        "a mapping or a sequence cannot be used as a mapping key",
        pos,
    )
}
