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
//!
//! # Files
//!
//! This file holds the edits, the loop that applies them and the check of
//! what they read back as; `lookup` finds where a path's value stands in
//! the text, `splice` plans an edit as splices of the text, `write` writes
//! new values in block or flow style.

mod lookup;
mod splice;
mod write;

use std::cell::OnceCell;
use std::fmt::Write as _;

use crate::diag::{FileId, Loc, SourceMap};
use crate::model::node::{Key, Node, NodeKind};

use splice::{splice, Splice};

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
