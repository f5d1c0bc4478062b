//! In-place editing of a YAML file: change a few values, keep every other
//! byte (comments, key order, blank lines, quoting of untouched values, CRLF
//! line endings, a UTF-8 BOM), so that `git diff` shows only the lines of
//! the values changed.
//!
//! # Approach
//!
//! The text is never re-serialized. Each edit is applied alone: the text is
//! parsed with the crate's own spanned tree ([`crate::model::node::parse`]),
//! the path is followed down the tree, and the edit becomes one or two
//! splices of the text, computed from the spans:
//!
//! - a value is seen as a *head* on the line of its key or dash (a scalar, a
//!   flow collection, or a block scalar's `|`/`>` header) and a *body* of
//!   whole lines below (a block scalar's content, a block collection). The
//!   head is replaced in place, keeping what follows it on the line (a
//!   `# comment`, at its column when the new value is not longer); the body
//!   lines are replaced by the new value's lines;
//! - a removed key or block-list item takes its lines and the comment lines
//!   directly above it at its indentation; the last child of a collection
//!   leaves `[]` or `{}`;
//! - an inserted list item, or a key added to a mapping, is written at the
//!   indentation of its siblings; a new block list under a key is indented as
//!   the file's other lists are (`- ` under the key, or indented by some
//!   spaces), a new block mapping as its other mappings;
//! - inside a flow collection (`[a, b]`, `{k: v}`), values are written in
//!   flow style, and items are removed and inserted with their commas.
//!
//! New scalars are written plain when a YAML reader gives back the same
//! text (no indicator first, no `: ` or ` #`, not something that reads as
//! a null, a boolean, YAML 1.1's `yes`/`no`/`on`/`off`/`y`/`n` included, or a
//! number; a date such as `2021-03-31` reads as text and is written plain),
//! else double-quoted with escapes. A text with line breaks is a literal
//! block (`|`, or `|-` without a final line break), indented two columns
//! more than its key, unless its first line starts with a blank, it ends
//! with several line breaks, or it holds characters a block cannot carry:
//! then it is double-quoted.
//!
//! After every edit the new text is parsed again and its tree compared with
//! the old tree changed by the edit, in memory: an edit that would not read
//! back exactly as asked is refused ([`Reason::Unverified`]), never
//! written. That parse is also the one the next edit works on, so later
//! paths refer to the document after the earlier edits. A run of edits that
//! set existing scalars to scalars on their lines (statuses, dates) leaves
//! the tree's shape alone: such a run is planned on one parse and checked
//! with one (a parse of a 20 KB file is a millisecond or two; the run costs
//! a fraction of a millisecond per edit); a run that fails the check is
//! made again edit by edit, to name the edit at fault.
//!
//! # Limits
//!
//! Refused: values carrying an anchor (`&a`) or a tag (`!t`), aliases
//! (`*a`) and mappings with merge keys (`<<: *a`), complex keys (`? k`), and
//! replacing the whole document. A key is created only as the last step of
//! a path (in a mapping, or in an empty value `key:`, which becomes a
//! mapping); it is placed after the mapping's last key. Comments inside a
//! replaced collection go with it; comment lines between a list item sharing
//! its line with its parent's dash (`- - a`, `- key: v`) and its next sibling
//! go when the item is removed. The blank lines ending a keep-chomped
//! (`|+`) block scalar count as separators, not as part of the value.

use std::cell::OnceCell;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::PathBuf;

use crate::diag::{FileId, Loc, SourceMap};
use crate::model::node::{self, Key, Node, NodeKind};

/// One step of a path into the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// A key of a mapping.
    Key(String),
    /// An item of a list, from 0.
    Index(usize),
}

/// A value to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// Text (a date is text too: `2021-03-31` is written plain).
    Text(String),
    /// A whole number.
    Int(i64),
    /// `true` / `false`.
    Bool(bool),
    /// A list.
    List(Vec<Value>),
    /// A mapping, keys in the order given.
    Map(Vec<(String, Value)>),
}

/// One change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Set the value at the path, replacing a scalar, list or mapping. When
    /// the last step is a key its mapping lacks, the key is added after the
    /// mapping's last key (an empty value `key:` on the way becomes that
    /// mapping).
    Set(Vec<Step>, Value),
    /// Remove a key (with its value and the comment lines directly above it)
    /// or a list item. The last key or item leaves `{}` or `[]`.
    Remove(Vec<Step>),
    /// Insert an item into the list at the path, before the item at the
    /// index (the index equal to the length appends). An empty value
    /// `key:` counts as an empty list.
    Insert(Vec<Step>, usize, Value),
}

impl Edit {
    /// The path the edit works at.
    pub fn path(&self) -> &[Step] {
        match self {
            Edit::Set(path, _) | Edit::Remove(path) | Edit::Insert(path, _, _) => path,
        }
    }
}

/// An edit that could not be applied: where, and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("cannot edit `{path}`: {reason}")]
pub struct EditError {
    /// The edit's path, as `agenda[0].tasks[2].due`.
    pub path: String,
    /// Why.
    pub reason: Reason,
}

/// Why an edit was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Reason {
    /// The text is not a YAML document the crate reads (syntax error, more
    /// than one document, duplicate key...).
    #[error("the document cannot be read: {0}")]
    Invalid(String),
    /// The path is empty: the whole document is not replaced.
    #[error("the path is empty")]
    EmptyPath,
    /// A mapping on the path lacks a key.
    #[error("no key `{0}`")]
    NoKey(String),
    /// A list on the path is too short.
    #[error("no item {index} (the list has {len})")]
    NoIndex {
        /// The index asked for.
        index: usize,
        /// The list's length.
        len: usize,
    },
    /// A key step meets something other than a mapping.
    #[error("`{0}` is not in a mapping")]
    NotMap(String),
    /// An index step, or an insertion, meets something other than a list.
    #[error("not a list")]
    NotList,
    /// The value is an alias (`*name`), or comes from one (merge key `<<`).
    #[error("the value is an alias (`*name`) or merged from one")]
    Alias,
    /// The value carries an anchor (`&name`).
    #[error("the value carries an anchor (`&name`)")]
    Anchor,
    /// The value carries a tag (`!name`).
    #[error("the value carries a tag (`!name`)")]
    Tag,
    /// YAML this module does not edit (complex keys, for one).
    #[error("unsupported YAML: {0}")]
    Unsupported(&'static str),
    /// The edited text would not read back as the edit asked; nothing is
    /// written.
    #[error("the edited document would not read back as intended")]
    Unverified,
}

/// Applies the edits in order (each path refers to the document after the
/// edits before it) and returns the new text. Nothing but the edited values
/// changes; see the module documentation.
pub fn apply(source: &str, edits: &[Edit]) -> Result<String, EditError> {
    let (bom, body) = source
        .strip_prefix('\u{feff}')
        .map_or(("", source), |rest| ("\u{feff}", rest));
    let nl = if body.contains("\r\n") { "\r\n" } else { "\n" };
    // A last line without a line break gets one while editing, so that
    // every line ends alike; it is taken off again at the end.
    let bare = !body.is_empty() && !body.ends_with(['\n', '\r']);
    let first = edits.first().map_or(&[][..], Edit::path);
    let mut doc = Doc::parse(format!("{body}{}", if bare { nl } else { "" }), nl)
        .map_err(|r| fail(first, r))?;
    // Scalars set in place leave the tree's shape as it was: a run of them
    // is planned on one parse and checked with one parse.
    let mut run: Vec<(&Edit, Vec<Splice>)> = Vec::new();
    for edit in edits {
        let mut planned = doc.plan(edit);
        if !run.is_empty() && !planned.as_ref().is_ok_and(|s| doc.in_run(edit, s, &run)) {
            doc = commit(doc, &std::mem::take(&mut run))?;
            planned = doc.plan(edit);
        }
        let splices = planned.map_err(|r| fail(edit.path(), r))?;
        let scalar = doc.in_run(edit, &splices, &run);
        run.push((edit, splices));
        if !scalar {
            doc = commit(doc, &std::mem::take(&mut run))?;
        }
    }
    if !run.is_empty() {
        doc = commit(doc, &run)?;
    }
    let mut out = doc.text;
    if bare && out.ends_with(nl) {
        let trimmed = &out[..out.len() - nl.len()];
        if Doc::parse(trimmed.to_owned(), nl).is_ok_and(|d| same(&d.root, &doc.root)) {
            out.truncate(trimmed.len());
        }
    }
    Ok(format!("{bom}{out}"))
}

fn fail(path: &[Step], reason: Reason) -> EditError {
    EditError {
        path: show(path),
        reason,
    }
}

/// Writes planned edits and parses the result, which must read as the old
/// tree changed by the edits; when a run of several does not, they are
/// made again one by one, to name the one at fault.
fn commit(doc: Doc, run: &[(&Edit, Vec<Splice>)]) -> Result<Doc, EditError> {
    let mut expected = doc.root.clone();
    for (edit, _) in run {
        expect(&mut expected, edit);
    }
    let splices = run.iter().flat_map(|(_, s)| s.iter().cloned()).collect();
    let next = Doc::parse(splice(&doc.text, splices), doc.nl).ok();
    match next.filter(|next| same(&expected, &next.root)) {
        Some(next) => Ok(next),
        None if run.len() > 1 => run.iter().try_fold(doc, |doc, (edit, _)| {
            let splices = doc.plan(edit).map_err(|r| fail(edit.path(), r))?;
            commit(doc, &[(*edit, splices)])
        }),
        None => Err(fail(run[0].0.path(), Reason::Unverified)),
    }
}

/// A path as `agenda[0].tasks[2].due`.
fn show(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) if out.is_empty() => out.push_str(k),
            Step::Key(k) => write!(out, ".{k}").unwrap_or(()),
            Step::Index(i) => write!(out, "[{i}]").unwrap_or(()),
        }
    }
    out
}

/// One replacement of a byte range of the text.
type Splice = (Range<usize>, String);

fn splice(text: &str, mut splices: Vec<Splice>) -> String {
    splices.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(text.len() + 256);
    let mut at = 0;
    for (range, new) in splices {
        out.push_str(&text[at..range.start]);
        out.push_str(&new);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The parsed text an edit works on.
struct Doc {
    /// The text, as it will be written (lone carriage returns kept).
    text: String,
    /// The same text with lone carriage returns made line feeds, as the
    /// parser reads it (same length): what the spans point into.
    sources: SourceMap,
    file: FileId,
    root: Node,
    nl: &'static str,
    /// Indentation of a block list under its key, and of a block mapping
    /// under its key, as the file writes them.
    style: OnceCell<(usize, usize)>,
}

/// Where a value stands in the text.
#[derive(Clone)]
struct Slot<'n> {
    node: &'n Node,
    /// Start of the key or dash that owns the value (in a flow list, the
    /// value's start).
    lead: usize,
    /// End of the indicator (`:` or `-`) the value follows.
    ie: usize,
    /// Start of the value, a block scalar's header included.
    vs: usize,
    /// End of what stands on the value's first line: a block scalar's
    /// header, else the whole value.
    head_end: usize,
    /// End of the value.
    end: usize,
    /// The value is an item of a flow collection.
    flow: bool,
    /// The value belongs to a key (not to a list dash).
    key: bool,
    /// Why the value cannot be edited (an anchor, a tag, an alias).
    refused: Option<Reason>,
}

/// What stands between an indicator and a value.
#[derive(Default)]
struct Gap {
    dash: Option<usize>,
    header: Option<Range<usize>>,
    refused: Option<Reason>,
}

/// The owner of a value being rendered, with its column.
#[derive(Clone, Copy)]
enum Owner {
    Key(usize),
    Dash(usize),
}

/// A rendered value in block context: what follows the key or dash on its
/// line, then whole lines (indented).
struct Out {
    inline: String,
    lines: Vec<String>,
}

impl Out {
    fn inline(inline: String) -> Self {
        Out {
            inline,
            lines: Vec::new(),
        }
    }

    /// The lines of a collection rendered at `col`, the first one moved up
    /// to follow a dash.
    fn raised(mut lines: Vec<String>, col: usize) -> Self {
        let first = lines.remove(0);
        Out {
            inline: first[col..].to_owned(),
            lines,
        }
    }

    /// Lines starting with `head` (`- `, `key:`) followed by this value.
    fn after(self, head: String) -> Vec<String> {
        let first = if self.inline.is_empty() {
            head
        } else {
            format!("{head} {}", self.inline)
        };
        std::iter::once(first).chain(self.lines).collect()
    }
}

impl Doc {
    fn parse(text: String, nl: &'static str) -> Result<Doc, Reason> {
        let view: String = text
            .char_indices()
            .map(|(i, c)| match c {
                '\r' if !text[i + 1..].starts_with('\n') => '\n',
                c => c,
            })
            .collect();
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

    fn view(&self) -> &str {
        &self.sources.get(self.file).text
    }

    fn byte(&self, at: usize) -> u8 {
        self.view().as_bytes().get(at).copied().unwrap_or(0)
    }

    fn line_start(&self, at: usize) -> usize {
        self.view()[..at].rfind('\n').map_or(0, |i| i + 1)
    }

    /// After the line break ending the line of `at` (or the end).
    fn next_line(&self, at: usize) -> usize {
        let view = self.view();
        view[at..].find('\n').map_or(view.len(), |i| at + i + 1)
    }

    /// Before the line break ending the line of `at`.
    fn line_end(&self, at: usize) -> usize {
        let end = self.next_line(at);
        let line = self.view()[at..end].trim_end_matches(['\n', '\r']);
        at + line.len()
    }

    /// Column in bytes (indentation and dashes are ASCII).
    fn col(&self, at: usize) -> usize {
        at - self.line_start(at)
    }

    fn first_on_line(&self, at: usize) -> bool {
        self.view()[self.line_start(at)..at]
            .bytes()
            .all(|b| b == b' ')
    }

    fn blank_line(&self, start: usize) -> bool {
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

    fn is_flow(&self, node: &Node) -> bool {
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

    fn root(&self) -> Slot<'_> {
        let start = self.line_start(self.root.loc.offset.min(self.view().len()));
        self.slot(&self.root, None, start, false)
    }

    /// The slots of a collection's children.
    fn children<'n>(&self, parent: &Slot<'n>) -> Result<Vec<Slot<'n>>, Reason> {
        let len = match &parent.node.kind {
            NodeKind::Seq(items) => items.len(),
            NodeKind::Map(entries) => entries.len(),
            _ => 0,
        };
        (0..len).map(|i| self.child(parent, i)).collect()
    }

    /// The slot of a collection's child.
    fn child<'n>(&self, parent: &Slot<'n>, index: usize) -> Result<Slot<'n>, Reason> {
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
    fn find(&self, node: &Node, step: &Step) -> Result<usize, Reason> {
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
    fn locate(&self, path: &[Step]) -> Result<Slot<'_>, Reason> {
        let mut slot = self.root();
        for step in path {
            refuse(&slot)?;
            let index = self.find(slot.node, step)?;
            slot = self.child(&slot, index)?;
        }
        refuse(&slot)?;
        Ok(slot)
    }

    fn plan(&self, edit: &Edit) -> Result<Vec<Splice>, Reason> {
        let (last, parent_path) = edit.path().split_last().ok_or(Reason::EmptyPath)?;
        match edit {
            Edit::Set(_, value) => {
                let parent = self.locate(parent_path)?;
                match (self.find(parent.node, last), &parent.node.kind, last) {
                    (Ok(index), _, _) => {
                        let child = self.child(&parent, index)?;
                        refuse(&child)?;
                        self.replace(&child, value)
                    }
                    (Err(Reason::NoKey(_)), _, Step::Key(k))
                    | (_, NodeKind::Null, Step::Key(k)) => self.add_key(&parent, k, value),
                    (Err(e), _, _) => Err(e),
                }
            }
            Edit::Remove(_) => {
                let parent = self.locate(parent_path)?;
                let index = self.find(parent.node, last)?;
                let kids = self.children(&parent)?;
                refuse(&kids[index])?;
                self.remove(&parent, &kids, index)
            }
            Edit::Insert(path, index, value) => {
                let list = self.locate(path)?;
                self.insert(&list, *index, value)
            }
        }
    }

    /// Whether an edit joins a run of scalars set in place: it sets an
    /// existing scalar to a scalar on the same line, away from the run's
    /// other changes.
    fn in_run(&self, edit: &Edit, splices: &[Splice], run: &[(&Edit, Vec<Splice>)]) -> bool {
        let one_line =
            |(r, s): &Splice| !s.contains('\n') && !self.view()[r.clone()].contains('\n');
        let apart = |(a, _): &Splice, (b, _): &Splice| a.end < b.start || b.end < a.start;
        matches!(
            edit,
            Edit::Set(_, Value::Text(_) | Value::Int(_) | Value::Bool(_))
        ) && splices.iter().all(one_line)
            && self
                .locate(edit.path())
                .is_ok_and(|s| !matches!(s.node.kind, NodeKind::Seq(_) | NodeKind::Map(_)))
            && run
                .iter()
                .flat_map(|(_, s)| s)
                .all(|done| splices.iter().all(|new| apart(done, new)))
    }

    /// Replaces the value in a slot.
    fn replace(&self, slot: &Slot, value: &Value) -> Result<Vec<Splice>, Reason> {
        let empty = slot.vs == slot.ie;
        if slot.flow {
            let text = inline(value, true);
            let text = if empty { format!(" {text}") } else { text };
            return Ok(vec![(slot.vs..slot.end, text)]);
        }
        let col = self.col(slot.lead);
        let owner = if slot.key {
            Owner::Key(col)
        } else {
            Owner::Dash(col)
        };
        let out = self.render(value, owner, self.is_flow(slot.node));
        let on_line = !self.view()[slot.ie..slot.vs].contains('\n');
        let (a, b, body) = if on_line {
            let a = if out.inline.is_empty() {
                slot.ie
            } else {
                slot.vs
            };
            let body = self.next_line(slot.head_end)..self.next_line(slot.end);
            (a, slot.head_end, body)
        } else {
            // Comment lines between the key and the value go with it: they
            // would be content of a new block scalar.
            let body = self.next_line(slot.ie)..self.next_line(slot.end);
            (slot.ie, slot.ie, body)
        };
        let head = self.head(a, b, slot.ie, out.inline);
        if body.is_empty() && out.lines.is_empty() {
            return Ok(vec![head]);
        }
        Ok(vec![head, (body, self.joined(&out.lines))])
    }

    /// Replaces `a..b` on a line with `new`, keeping a comment after it at
    /// its column when there is room, else at its distance.
    fn head(&self, a: usize, mut b: usize, ie: usize, mut new: String) -> Splice {
        let view = self.view();
        if a == ie && !new.is_empty() && a > 0 && !view[..a].ends_with('\n') {
            new.insert(0, ' ');
        }
        let rest = &view[b..self.line_end(b)];
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        if spaces > 0 && rest[spaces..].starts_with('#') {
            let chars = |from: usize, to: usize| view[from..to].chars().count();
            let old = chars(self.line_start(b), b) + spaces;
            let now = chars(self.line_start(a), a) + new.chars().count();
            new.push_str(&" ".repeat(if old > now { old - now } else { spaces }));
            b += spaces;
        }
        (a..b, new)
    }

    fn joined(&self, lines: &[String]) -> String {
        lines.iter().map(|l| format!("{l}{}", self.nl)).collect()
    }

    fn add_key(&self, parent: &Slot, key: &str, value: &Value) -> Result<Vec<Splice>, Reason> {
        let kids = self.children(parent)?;
        let entry = || Value::Map(vec![(key.to_owned(), value.clone())]);
        let Some(last) = kids.last() else {
            return self.replace(parent, &entry());
        };
        if parent.flow || self.is_flow(parent.node) {
            return Ok(vec![(
                last.end..last.end,
                format!(", {}", flow_entry(key, value)),
            )]);
        }
        let at = self.next_line(last.end);
        let lines = self.entry(key, value, self.col(kids[0].lead));
        Ok(vec![(at..at, self.joined(&lines))])
    }

    fn remove(&self, parent: &Slot, kids: &[Slot], index: usize) -> Result<Vec<Splice>, Reason> {
        let kid = &kids[index];
        if kids.len() == 1 {
            let empty = match parent.node.kind {
                NodeKind::Seq(_) => Value::List(Vec::new()),
                _ => Value::Map(Vec::new()),
            };
            return self.replace(parent, &empty);
        }
        let next = kids.get(index + 1);
        if parent.flow || self.is_flow(parent.node) {
            let range = match next {
                Some(next) => kid.lead..next.lead,
                None => kids[index - 1].end..kid.end,
            };
            return Ok(vec![(range, String::new())]);
        }
        if !self.first_on_line(kid.lead) {
            // `- key: v` or `- - a`: the next sibling moves up to the dash.
            let next = next.ok_or(Reason::Unsupported("item sharing its line"))?;
            return Ok(vec![(kid.lead..next.lead, String::new())]);
        }
        let mut from = self.attached(kid.lead);
        let mut to = self.next_line(kid.end);
        if from > 0 && self.blank_line(self.line_start(from - 1)) {
            if self.blank_line(to) {
                while self.blank_line(to) {
                    to = self.next_line(to);
                }
            } else if next.is_none() {
                while from > 0 && self.blank_line(self.line_start(from - 1)) {
                    from = self.line_start(from - 1);
                }
            }
        }
        Ok(vec![(from..to, String::new())])
    }

    /// Start of the comment lines directly above `lead` at its column, or
    /// of its line.
    fn attached(&self, lead: usize) -> usize {
        let col = self.col(lead);
        let mut start = self.line_start(lead);
        while start > 0 {
            let above = self.line_start(start - 1);
            let line = &self.view()[above..start];
            let body = line.trim_start_matches(' ');
            if !(body.starts_with('#') && line.len() - body.len() == col) {
                break;
            }
            start = above;
        }
        start
    }

    fn insert(&self, list: &Slot, index: usize, value: &Value) -> Result<Vec<Splice>, Reason> {
        let len = match &list.node.kind {
            NodeKind::Seq(items) => items.len(),
            NodeKind::Null => 0,
            _ => return Err(Reason::NotList),
        };
        if index > len {
            return Err(Reason::NoIndex { index, len });
        }
        if len == 0 {
            return self.replace(list, &Value::List(vec![value.clone()]));
        }
        let kids = self.children(list)?;
        if list.flow || self.is_flow(list.node) {
            let text = inline(value, true);
            return Ok(vec![match kids.get(index) {
                Some(kid) => (kid.lead..kid.lead, format!("{text}, ")),
                None => (kids[len - 1].end..kids[len - 1].end, format!(", {text}")),
            }]);
        }
        let col = self.col(kids[0].lead);
        let lines = self.item(value, col);
        let at = match kids.get(index) {
            None => self.next_line(kids[len - 1].end),
            Some(kid) if self.first_on_line(kid.lead) => self.attached(kid.lead),
            Some(kid) => {
                // `- - a`: the new item takes the dash's place on its line.
                let text = format!("{}{:col$}", &self.joined(&lines)[col..], "");
                return Ok(vec![(kid.lead..kid.lead, text)]);
            }
        };
        Ok(vec![(at..at, self.joined(&lines))])
    }

    /// Indentation of block lists and mappings under their keys in this
    /// file: the first of each found (2 when none is).
    fn style(&self) -> (usize, usize) {
        *self.style.get_or_init(|| {
            let mut found = (None, None);
            self.survey(&self.root(), &mut found);
            (found.0.unwrap_or(2), found.1.unwrap_or(2))
        })
    }

    fn survey(&self, slot: &Slot, found: &mut (Option<usize>, Option<usize>)) {
        if (found.0.is_some() && found.1.is_some()) || slot.flow || self.is_flow(slot.node) {
            return;
        }
        let Ok(kids) = self.children(slot) else {
            return;
        };
        for kid in &kids {
            if kid.key && !self.is_flow(kid.node) {
                let under = match &kid.node.kind {
                    NodeKind::Seq(_) => Some((&mut found.0, kid.vs)),
                    NodeKind::Map(entries) => {
                        entries.first().map(|(k, _)| (&mut found.1, k.loc.offset))
                    }
                    _ => None,
                };
                if let Some((indent, at)) = under {
                    let (child, key) = (self.col(at), self.col(kid.lead));
                    if indent.is_none() && child >= key {
                        *indent = Some(child - key);
                    }
                }
            }
            self.survey(kid, found);
        }
    }

    /// A value in block context.
    fn render(&self, value: &Value, owner: Owner, flow_ok: bool) -> Out {
        let (Owner::Key(col) | Owner::Dash(col)) = owner;
        match value {
            Value::List(items) if items.is_empty() => Out::inline("[]".into()),
            Value::Map(entries) if entries.is_empty() => Out::inline("{}".into()),
            Value::List(_) | Value::Map(_) if flow_ok && short(value) => {
                Out::inline(inline(value, true))
            }
            Value::Text(text) if literal_ok(text) => literal(text, col + 2),
            Value::List(items) => {
                let dash = match owner {
                    Owner::Key(_) => col + self.style().0,
                    Owner::Dash(_) => col + 2,
                };
                let lines = items.iter().flat_map(|i| self.item(i, dash)).collect();
                self.collection(owner, lines, dash)
            }
            Value::Map(entries) => {
                let at = match owner {
                    Owner::Key(_) => col + self.style().1,
                    Owner::Dash(_) => col + 2,
                };
                let lines = entries
                    .iter()
                    .flat_map(|(k, v)| self.entry(k, v, at))
                    .collect();
                self.collection(owner, lines, at)
            }
            _ => Out::inline(inline(value, false)),
        }
    }

    fn collection(&self, owner: Owner, lines: Vec<String>, col: usize) -> Out {
        match owner {
            Owner::Key(_) => Out {
                inline: String::new(),
                lines,
            },
            Owner::Dash(_) => Out::raised(lines, col),
        }
    }

    /// A list item with its dash at `col`.
    fn item(&self, value: &Value, col: usize) -> Vec<String> {
        self.render(value, Owner::Dash(col), false)
            .after(format!("{:col$}-", ""))
    }

    /// A mapping entry with its key at `col`.
    fn entry(&self, key: &str, value: &Value, col: usize) -> Vec<String> {
        self.render(value, Owner::Key(col), false).after(format!(
            "{:col$}{}:",
            "",
            scalar(key, false)
        ))
    }
}

fn refuse(slot: &Slot) -> Result<(), Reason> {
    slot.refused.clone().map_or(Ok(()), Err)
}

/// A value on one line: a scalar, or a flow collection.
fn inline(value: &Value, flow: bool) -> String {
    match value {
        Value::Text(text) => scalar(text, flow),
        Value::Int(i) => i.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::List(items) => {
            let items: Vec<String> = items.iter().map(|i| inline(i, true)).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Map(entries) => {
            let entries: Vec<String> = entries.iter().map(|(k, v)| flow_entry(k, v)).collect();
            format!("{{{}}}", entries.join(", "))
        }
    }
}

/// `key: value` in a flow mapping.
fn flow_entry(key: &str, value: &Value) -> String {
    format!("{}: {}", scalar(key, true), inline(value, true))
}

/// Text plain when that reads back the same, else double-quoted.
fn scalar(text: &str, flow: bool) -> String {
    if plain_ok(text, flow) {
        text.to_owned()
    } else {
        quoted(text)
    }
}

/// A collection of short plain scalars, fit for one flow line.
fn short(value: &Value) -> bool {
    let fits = |t: &str| plain_ok(t, true) && t.chars().count() <= 40;
    let scalar = |v: &Value| match v {
        Value::Text(t) => fits(t),
        Value::Int(_) | Value::Bool(_) => true,
        Value::List(_) | Value::Map(_) => false,
    };
    match value {
        Value::List(items) => items.iter().all(scalar),
        Value::Map(entries) => entries.iter().all(|(k, v)| fits(k) && scalar(v)),
        _ => false,
    }
}

/// Characters any YAML scalar style may carry as they are.
fn printable(c: char) -> bool {
    !c.is_control()
        && !matches!(
            c,
            '\u{feff}' | '\u{fffe}' | '\u{ffff}' | '\u{2028}' | '\u{2029}'
        )
}

/// Whether `text` written plain reads back as this text.
fn plain_ok(text: &str, flow: bool) -> bool {
    let (Some(first), Some(last)) = (text.chars().next(), text.chars().last()) else {
        return false;
    };
    let syntax = "-?:,[]{}#&*!|>'\"%@` \t".contains(first)
        || matches!(last, ' ' | ':')
        || text.contains(": ")
        || text.contains(" #")
        || text.chars().any(|c| !printable(c) || c == '\t')
        || (flow && text.contains([',', '[', ']', '{', '}']));
    !syntax && !typed(text)
}

/// Whether a plain scalar with this text reads as a null, a boolean or a
/// number (generously: a few harmless texts are quoted too). A date reads
/// as text.
fn typed(text: &str) -> bool {
    const WORDS: [&str; 13] = [
        "~", "null", "true", "false", "yes", "no", "y", "n", "on", "off", "inf", "infinity", "nan",
    ];
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let date = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    WORDS.iter().any(|w| unsigned.eq_ignore_ascii_case(w))
        || unsigned.starts_with('.')
        || !date
            && unsigned.starts_with(|c: char| c.is_ascii_digit())
            && unsigned
                .chars()
                .all(|c| c.is_ascii_hexdigit() || "xXoO_.+-:".contains(c))
}

fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if printable(c) => out.push(c),
            c if (c as u32) <= 0xFFFF => write!(out, "\\u{:04X}", c as u32).unwrap_or(()),
            c => write!(out, "\\U{:08X}", c as u32).unwrap_or(()),
        }
    }
    out.push('"');
    out
}

/// Whether a literal block (`|` or `|-`) carries `text` exactly.
fn literal_ok(text: &str) -> bool {
    let core = text.trim_end_matches('\n');
    text.contains('\n')
        && !core.is_empty()
        && text.len() - core.len() <= 1
        && text.chars().all(|c| c == '\n' || c == '\t' || printable(c))
        && !core
            .split('\n')
            .find(|l| !l.is_empty())
            .is_some_and(|l| l.starts_with([' ', '\t']))
}

/// A literal block scalar, its lines at `col`.
fn literal(text: &str, col: usize) -> Out {
    let core = text.trim_end_matches('\n');
    let lines = core
        .split('\n')
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{:col$}{l}", "")
            }
        })
        .collect();
    Out {
        inline: if core.len() == text.len() { "|-" } else { "|" }.into(),
        lines,
    }
}

/// Applies an edit to a tree (already checked by [`Doc::plan`]): what the
/// edited text must read as.
fn expect(root: &mut Node, edit: &Edit) {
    let Some((last, parent_path)) = edit.path().split_last() else {
        return;
    };
    let Some(node) = parent_path.iter().try_fold(root, child_mut) else {
        return;
    };
    match edit {
        Edit::Set(_, value) => {
            if matches!(node.kind, NodeKind::Null) {
                node.kind = NodeKind::Map(Vec::new());
            }
            if let Some(old) = child_mut(node, last) {
                *old = to_node(value);
            } else if let (NodeKind::Map(entries), Step::Key(k)) = (&mut node.kind, last) {
                entries.push((key(k), to_node(value)));
            }
        }
        Edit::Remove(_) => match (&mut node.kind, last) {
            (NodeKind::Map(entries), Step::Key(k)) => entries.retain(|(key, _)| key.name != *k),
            (NodeKind::Seq(items), Step::Index(i)) if *i < items.len() => {
                items.remove(*i);
            }
            _ => {}
        },
        Edit::Insert(_, index, value) => {
            let Some(list) = child_mut(node, last) else {
                return;
            };
            if matches!(list.kind, NodeKind::Null) {
                list.kind = NodeKind::Seq(Vec::new());
            }
            if let NodeKind::Seq(items) = &mut list.kind {
                items.insert((*index).min(items.len()), to_node(value));
            }
        }
    }
}

fn child_mut<'a>(node: &'a mut Node, step: &Step) -> Option<&'a mut Node> {
    match (&mut node.kind, step) {
        (NodeKind::Map(entries), Step::Key(k)) => entries
            .iter_mut()
            .find(|(key, _)| key.name == *k)
            .map(|(_, v)| v),
        (NodeKind::Seq(items), Step::Index(i)) => items.get_mut(*i),
        _ => None,
    }
}

const NOWHERE: Loc = Loc {
    file: FileId(0),
    line: 0,
    column: 0,
    offset: 0,
    len: 0,
};

fn key(name: &str) -> Key {
    Key {
        name: name.to_owned(),
        loc: NOWHERE,
    }
}

fn to_node(value: &Value) -> Node {
    let kind = match value {
        Value::Text(t) => NodeKind::Str(t.clone()),
        Value::Int(i) => NodeKind::Int((*i).into()),
        Value::Bool(b) => NodeKind::Bool(*b),
        Value::List(items) => NodeKind::Seq(items.iter().map(to_node).collect()),
        Value::Map(entries) => {
            NodeKind::Map(entries.iter().map(|(k, v)| (key(k), to_node(v))).collect())
        }
    };
    Node { kind, loc: NOWHERE }
}

/// Whether two trees hold the same values (places aside).
fn same(a: &Node, b: &Node) -> bool {
    match (&a.kind, &b.kind) {
        (NodeKind::Null, NodeKind::Null) => true,
        (NodeKind::Bool(x), NodeKind::Bool(y)) => x == y,
        (NodeKind::Int(x), NodeKind::Int(y)) => x == y,
        (NodeKind::Float(x), NodeKind::Float(y)) => x.to_bits() == y.to_bits(),
        (NodeKind::Str(x), NodeKind::Str(y)) => x == y,
        (NodeKind::Seq(x), NodeKind::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (NodeKind::Map(x), NodeKind::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((kx, vx), (ky, vy))| kx.name == ky.name && same(vx, vy))
        }
        _ => false,
    }
}
