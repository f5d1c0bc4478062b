//! Span lookup: the text parsed, its lines and columns, and the *slot* of
//! a value (where its owner, indicator, head and body stand) found by
//! following a path down the tree.

use std::cell::OnceCell;
use std::ops::Range;
use std::path::PathBuf;

use crate::diag::SourceMap;
use crate::model::node::{self, Node, NodeKind};

use super::{Doc, Reason, Slot, Step};

/// What stands between an indicator and a value.
#[derive(Default)]
struct Gap {
    dash: Option<usize>,
    header: Option<Range<usize>>,
    refused: Option<Reason>,
}

impl Doc {
    /// Parses `text`, whose lines end in `nl`.
    pub(super) fn parse(text: String, nl: &'static str) -> Result<Doc, Reason> {
        // A lone CR ends a line for the parser; the text's length is kept.
        let view: String = if text.contains('\r') {
            text.char_indices()
                .map(|(i, c)| match c {
                    '\r' if !text[i + 1..].starts_with('\n') => '\n',
                    c => c,
                })
                .collect()
        } else {
            text.clone()
        };
        let mut sources = SourceMap::default();
        let file = sources.add(PathBuf::from("<yaml_edit>"), view);
        let root = node::parse(&sources, file).map_err(|d| {
            let at = d.loc.map_or(String::new(), |l| {
                format!("line {}, column {}: ", l.line, l.column)
            });
            Reason::Invalid(format!("{at}{}", d.message))
        })?;
        Ok(Doc {
            text,
            sources,
            file,
            root,
            nl,
            style: OnceCell::new(),
        })
    }

    /// The text as the parser reads it (what the spans point into).
    pub(super) fn view(&self) -> &str {
        &self.sources.get(self.file).text
    }

    fn byte(&self, at: usize) -> u8 {
        self.view().as_bytes().get(at).copied().unwrap_or(0)
    }

    /// Start of the line of `at`.
    pub(super) fn line_start(&self, at: usize) -> usize {
        self.view()[..at].rfind('\n').map_or(0, |i| i + 1)
    }

    /// After the line break ending the line of `at` (or the end).
    pub(super) fn next_line(&self, at: usize) -> usize {
        let view = self.view();
        view[at..].find('\n').map_or(view.len(), |i| at + i + 1)
    }

    /// Before the line break ending the line of `at`.
    pub(super) fn line_end(&self, at: usize) -> usize {
        let end = self.next_line(at);
        let line = self.view()[at..end].trim_end_matches(['\n', '\r']);
        at + line.len()
    }

    /// Column in bytes (indentation and dashes are ASCII).
    pub(super) fn col(&self, at: usize) -> usize {
        at - self.line_start(at)
    }

    /// Whether only blanks stand before `at` on its line.
    pub(super) fn first_on_line(&self, at: usize) -> bool {
        self.view()[self.line_start(at)..at]
            .bytes()
            .all(|b| b == b' ')
    }

    /// Whether the line starting at `start` is blank.
    pub(super) fn blank_line(&self, start: usize) -> bool {
        start < self.view().len() && self.view()[start..self.line_end(start)].trim().is_empty()
    }

    /// Past blanks, line breaks, comments (and commas in flow).
    fn skip(&self, mut at: usize, flow: bool) -> usize {
        loop {
            match self.byte(at) {
                b' ' | b'\t' | b'\r' | b'\n' => at += 1,
                b',' if flow => at += 1,
                b'#' => at = self.line_end(at),
                _ => return at,
            }
        }
    }

    /// Whether a collection is written in flow style (`[…]`, `{…}`).
    pub(super) fn is_flow(&self, node: &Node) -> bool {
        let first = match &node.kind {
            NodeKind::Seq(items) => items.first().map(|i| i.loc.offset),
            NodeKind::Map(entries) => entries.first().map(|(k, _)| k.loc.offset),
            _ => return false,
        };
        matches!(self.byte(node.loc.offset), b'[' | b'{') && first != Some(node.loc.offset)
    }

    /// End of a value's text.
    fn end(&self, node: &Node) -> usize {
        let loc = node.loc;
        let last = match &node.kind {
            NodeKind::Seq(items) => items.last(),
            NodeKind::Map(entries) => entries.last().map(|(_, v)| v),
            // An empty value stands at its key's colon.
            NodeKind::Null if loc.len == 0 => {
                return loc.offset + usize::from(self.byte(loc.offset) == b':')
            }
            _ => {
                let span = self.view().get(loc.offset..loc.offset + loc.len);
                return loc.offset + span.unwrap_or("").trim_end().len();
            }
        };
        let after = last.map(|l| self.end(l));
        if !self.is_flow(node) {
            return after.unwrap_or(loc.offset);
        }
        let at = self.skip(after.unwrap_or(loc.offset + 1), true);
        at + usize::from(matches!(self.byte(at), b']' | b'}'))
    }

    /// The tokens between an indicator and the value at `to`.
    fn gap(&self, from: usize, to: usize, flow: bool) -> Gap {
        let mut gap = Gap::default();
        let mut at = from;
        loop {
            at = self.skip(at, flow);
            if at >= to {
                return gap;
            }
            let rest = &self.view()[at..to];
            let token = at + rest.find([' ', '\t', '\r', '\n']).unwrap_or(rest.len());
            match self.byte(at) {
                b'|' | b'>' => gap.header = Some(at..token),
                b'-' if token == at + 1 => gap.dash = gap.dash.or(Some(at)),
                b'&' => gap.refused = Some(Reason::Anchor),
                b'!' => gap.refused = Some(Reason::Tag),
                _ => gap.refused = Some(Reason::Unsupported("text before a value")),
            }
            at = token;
        }
    }

    fn slot<'n>(&self, node: &'n Node, lead: Option<usize>, ie: usize, flow: bool) -> Slot<'n> {
        let empty = matches!(node.kind, NodeKind::Null) && node.loc.len == 0;
        let at = if empty { ie } else { node.loc.offset };
        let mut gap = self.gap(ie, at, flow);
        if at < ie || self.byte(at) == b'*' {
            gap.refused = Some(Reason::Alias);
        }
        let vs = match (&gap.header, gap.dash) {
            (Some(h), _) => h.start,
            (None, Some(dash)) => dash,
            (None, None) => at,
        };
        let end = if empty { ie } else { self.end(node) };
        let head_end = gap.header.map_or(end, |h| h.end);
        Slot {
            node,
            lead: lead.unwrap_or(vs),
            ie,
            vs,
            head_end,
            end: end.max(head_end),
            flow,
            key: lead.is_some() && matches!(self.byte(ie - 1), b':'),
            refused: gap.refused,
        }
    }

    /// The slot of the whole document.
    pub(super) fn root(&self) -> Slot<'_> {
        let start = self.line_start(self.root.loc.offset.min(self.view().len()));
        self.slot(&self.root, None, start, false)
    }

    /// The slots of a collection's children.
    pub(super) fn children<'n>(&self, parent: &Slot<'n>) -> Result<Vec<Slot<'n>>, Reason> {
        let len = match &parent.node.kind {
            NodeKind::Seq(items) => items.len(),
            NodeKind::Map(entries) => entries.len(),
            _ => 0,
        };
        (0..len).map(|i| self.child(parent, i)).collect()
    }

    /// The slot of a collection's child.
    pub(super) fn child<'n>(&self, parent: &Slot<'n>, index: usize) -> Result<Slot<'n>, Reason> {
        let flow = parent.flow || self.is_flow(parent.node);
        match &parent.node.kind {
            NodeKind::Map(entries) => {
                if entries.iter().any(|(k, _)| self.byte(k.loc.offset) == b'*') {
                    return Err(Reason::Alias);
                }
                let (k, v) = &entries[index];
                let key_end = k.loc.offset + k.loc.len;
                let after = &self.view()[key_end..];
                let colon = key_end + after.len() - after.trim_start_matches([' ', '\t']).len();
                if self.byte(colon) != b':' {
                    return Err(Reason::Unsupported("complex key"));
                }
                Ok(self.slot(v, Some(k.loc.offset), colon + 1, flow))
            }
            NodeKind::Seq(items) => {
                // An item starts after the one before it.
                let from = match index.checked_sub(1) {
                    Some(before) => self.end(&items[before]),
                    None => parent.vs + usize::from(flow),
                };
                if flow {
                    return Ok(self.slot(&items[index], None, from, true));
                }
                let dash = self.skip(from, false);
                if self.byte(dash) != b'-' {
                    return Err(Reason::Unsupported("list item without a dash"));
                }
                Ok(self.slot(&items[index], Some(dash), dash + 1, false))
            }
            _ => Err(Reason::NotList),
        }
    }

    /// The index of a step's child in a collection.
    pub(super) fn find(&self, node: &Node, step: &Step) -> Result<usize, Reason> {
        match (step, &node.kind) {
            (Step::Key(k), NodeKind::Map(entries)) => entries
                .iter()
                .position(|(key, _)| key.name == *k)
                .ok_or_else(|| Reason::NoKey(k.clone())),
            (Step::Index(i), NodeKind::Seq(items)) if *i < items.len() => Ok(*i),
            (Step::Index(i), NodeKind::Seq(items)) => Err(Reason::NoIndex {
                index: *i,
                len: items.len(),
            }),
            (Step::Key(k), _) => Err(Reason::NotMap(k.clone())),
            (Step::Index(_), _) => Err(Reason::NotList),
        }
    }

    /// The slot at the end of a path, its siblings, and its index among them.
    pub(super) fn locate(&self, path: &[Step]) -> Result<Slot<'_>, Reason> {
        let mut slot = self.root();
        for step in path {
            refuse(&slot)?;
            let index = self.find(slot.node, step)?;
            slot = self.child(&slot, index)?;
        }
        refuse(&slot)?;
        Ok(slot)
    }
}

/// The reason a slot cannot be edited, if any.
pub(super) fn refuse(slot: &Slot) -> Result<(), Reason> {
    slot.refused.clone().map_or(Ok(()), Err)
}
