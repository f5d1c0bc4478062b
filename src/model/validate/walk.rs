//! The walk over a meeting file: each block read by its table of
//! [`crate::model::format`] (unknown keys with the nearest known name, missing
//! fields with the documents that need them, defaults filled in), down
//! through nested blocks, sections and tasks, each value handed to its
//! reader by its [`Kind`].

use serde_json::{Map, Value};

use super::cross_field::MEETING_DATE;
use super::{names, Fields, Walker};
use crate::diag::{Diagnostic, Loc};
use crate::model::format::{Default, Field, Kind, Need, MAX_TASK_DEPTH, TASK};
use crate::model::node::{Key, Node, NodeKind};

/// The value at a dotted path inside a block's value.
fn lookup<'v>(block: &'v Map<String, Value>, path: &str) -> Option<&'v Value> {
    match path.split_once('.') {
        None => block.get(path),
        Some((first, rest)) => lookup(block.get(first)?.as_object()?, rest),
    }
}

/// Whether a value holds nothing (an empty list).
fn is_empty_value(v: &Value) -> bool {
    matches!(v, Value::Array(a) if a.is_empty())
}

/// The known name nearest to `word`, when it is near enough to be a likely
/// typo: the fewest edits, where swapping two neighbouring letters counts
/// as one (optimal string alignment: `SVN` → `SNV`, `titel` → `title`),
/// within 1 edit for names up to 4 letters, 2 up to 8, 3 beyond; failing
/// that, the most similar by Jaro–Winkler (≥ 0.8), which forgives a
/// missing ending (`recipient` → `recipients`).
pub(super) fn nearest<'c>(
    word: &str,
    candidates: impl Iterator<Item = &'c str>,
) -> Option<&'c str> {
    let lower = word.to_lowercase();
    let candidates: Vec<(&'c str, String)> = candidates.map(|c| (c, c.to_lowercase())).collect();
    let allowed = match lower.chars().count() {
        0..=4 => 1,
        5..=8 => 2,
        _ => 3,
    };
    let by_edits = candidates
        .iter()
        .map(|(c, l)| (strsim::osa_distance(&lower, l), *c))
        .filter(|(d, _)| *d <= allowed)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c);
    by_edits.or_else(|| {
        candidates
            .iter()
            .map(|(c, l)| (strsim::jaro_winkler(&lower, l), *c))
            .filter(|(score, _)| *score >= 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, c)| c)
    })
}

impl Walker<'_> {
    /// Opens a mapping and reports its unknown keys. A null value reads as an
    /// empty mapping, so that its required fields are reported as missing.
    pub(super) fn fields<'n>(
        &mut self,
        node: &'n Node,
        anchor: Loc,
        path: &str,
        allowed: Option<&[&str]>,
    ) -> Option<Fields<'n>> {
        let entries: &'n [(Key, Node)] = match &node.kind {
            NodeKind::Map(entries) => entries,
            NodeKind::Null => &[],
            _ => {
                self.wrong_type(node, path, &crate::tr!("model.schema.expected.mapping"));
                return None;
            }
        };
        let mut misspelt = Vec::new();
        if let Some(allowed) = allowed {
            for (key, _) in entries {
                if !allowed.contains(&key.name.as_str()) {
                    let field = if path.is_empty() {
                        key.name.clone()
                    } else {
                        format!("{path}.{}", key.name)
                    };
                    let mut d =
                        Diagnostic::error(key.loc, field, crate::tr!("model.schema.unknown_field"));
                    if self.diags.is_full() {
                        self.diags.push(d);
                        continue;
                    }
                    d = match nearest(&key.name, allowed.iter().copied()) {
                        Some(best) => {
                            misspelt.push(best.to_string());
                            d.with_hint(crate::tr!("model.schema.did_you_mean", name = best))
                        }
                        None => d.with_hint(crate::tr!(
                            "model.schema.fields_here",
                            fields = allowed.join(", ")
                        )),
                    };
                    self.diags.push(d);
                }
            }
        }
        Some(Fields {
            entries,
            anchor,
            path: path.to_string(),
            misspelt,
        })
    }

    /// Where to report a list item's missing fields: the item itself, or,
    /// for an empty item (a `-` with nothing after it), its dash.
    fn item_anchor(&self, node: &Node) -> Loc {
        if !matches!(node.kind, NodeKind::Null) {
            return node.loc;
        }
        let text = &self.sources.get(node.loc.file).text;
        let end = node.loc.offset.min(text.len());
        let before = text[..end].trim_end_matches([' ', '\t']);
        match before.strip_suffix('-') {
            Some(rest) if rest.is_empty() || rest.ends_with([' ', '\n']) => {
                self.sources.loc_at(node.loc.file, rest.len(), 1)
            }
            _ => node.loc,
        }
    }

    /// Reports a field missing: an empty `key:` is pointed at, an absent
    /// key is reported at its block; the message names the documents that
    /// need it and the field it would otherwise be taken from.
    fn missing(&mut self, f: &Fields, field: &Field, fallback: Option<&str>) {
        if f.misspelt.iter().any(|m| m == field.name) {
            return;
        }
        let path = f.path(field.name);
        let doc = field.doc;
        let docs = field.need.labels();
        let always = field.need == Need::ALWAYS;
        let key_loc = f.key_loc(field.name);
        // Written empty (`key:`) or absent; needed by every document or by
        // some; with or without a field it is taken from by default.
        let message = match (key_loc.is_some(), always, fallback) {
            (true, true, None) => crate::tr!("model.schema.missing.empty", doc = doc),
            (true, false, None) => {
                crate::tr!("model.schema.missing.empty_for", docs = docs, doc = doc)
            }
            (true, true, Some(source)) => crate::tr!(
                "model.schema.missing.empty_default",
                doc = doc,
                source = source
            ),
            (true, false, Some(source)) => crate::tr!(
                "model.schema.missing.empty_for_default",
                docs = docs,
                doc = doc,
                source = source
            ),
            (false, true, None) => crate::tr!("model.schema.missing.absent", doc = doc),
            (false, false, None) => {
                crate::tr!("model.schema.missing.absent_for", docs = docs, doc = doc)
            }
            (false, true, Some(source)) => crate::tr!(
                "model.schema.missing.absent_default",
                doc = doc,
                source = source
            ),
            (false, false, Some(source)) => crate::tr!(
                "model.schema.missing.absent_for_default",
                docs = docs,
                doc = doc,
                source = source
            ),
        };
        self.error(key_loc.unwrap_or(f.anchor), &path, message);
    }

    /// Warns that a field some documents print is missing: they print a
    /// blank to fill by hand.
    fn blank(&mut self, f: &Fields, field: &Field, context: Need) {
        if f.misspelt.iter().any(|m| m == field.name) {
            return;
        }
        let path = f.path(field.name);
        let docs = Need::of_all(
            field
                .recommended
                .kinds()
                .into_iter()
                .filter(|k| Need::of(*k).applies(context)),
        );
        let loc = f.key_loc(field.name).unwrap_or(f.anchor);
        self.diags.push(
            Diagnostic::warning(
                loc,
                path.clone(),
                crate::tr!(
                    "model.schema.blank",
                    path = path,
                    doc = field.doc,
                    docs = docs.labels()
                ),
            )
            .with_hint(crate::tr!("model.schema.blank_hint", field = field.name)),
        );
    }

    /// Reads a block by its table into a value. Every field given is read
    /// by its kind; a field not given takes its default, or is reported
    /// missing when a document in `context` needs it (or warned about when
    /// one prints a blank for it). `scope`: the documents whose fields the
    /// block's model cannot do without. `None` when the block lacks such a
    /// field (a problem reported, or a document not asked for). `root`: the
    /// top-level value read so far (`None` while reading the top level
    /// itself), for defaults taken from other fields.
    pub(super) fn block(
        &mut self,
        f: &Fields,
        table: &'static [Field],
        context: Need,
        scope: Need,
        root: Option<&Map<String, Value>>,
    ) -> Option<Map<String, Value>> {
        let mut out = Map::new();
        let mut complete = true;
        for field in table {
            let path = f.path(field.name);
            let value = match f.get(field.name) {
                Some(node) => {
                    let read = self.value(
                        node,
                        field,
                        &path,
                        f.key_loc(field.name),
                        context,
                        root.unwrap_or(&out),
                    );
                    match read {
                        Some(v) if is_empty_value(&v) && field.need.applies(context) => {
                            self.error(node.loc, &path, crate::tr!("model.schema.at_least_one"));
                            None
                        }
                        v => v,
                    }
                }
                None => self.default_value(f, field, context, &out, root),
            };
            match value {
                Some(Value::Null) => {}
                Some(v) => {
                    out.insert(field.name.to_string(), v);
                }
                None if field.need.applies(scope) => complete = false,
                None => {}
            }
        }
        complete.then_some(out)
    }

    /// The value of a field not given: its default, or `None` with the
    /// field reported (missing when a document in `context` needs it, a
    /// blank when one prints it). `own`: the block read so far.
    fn default_value(
        &mut self,
        f: &Fields,
        field: &Field,
        context: Need,
        own: &Map<String, Value>,
        root: Option<&Map<String, Value>>,
    ) -> Option<Value> {
        let fallback = match field.default {
            Default::Bool(b) => return Some(Value::Bool(b)),
            Default::Text(t) => return Some(Value::String(t.to_string())),
            Default::From(source) => {
                let in_block = source
                    .strip_prefix(f.path.as_str())
                    .and_then(|rest| rest.strip_prefix('.'))
                    .filter(|_| !f.path.is_empty());
                let found = match (in_block, root) {
                    (Some(rest), _) => lookup(own, rest),
                    (None, Some(root)) => lookup(root, source),
                    (None, None) => lookup(own, source),
                };
                if let Some(v) = found.filter(|v| !is_empty_value(v)) {
                    return Some(v.clone());
                }
                Some(source)
            }
            Default::None | Default::Described(_) => None,
        };
        if field.need.applies(context) {
            self.missing(f, field, fallback);
        } else if field.recommended.applies(context) {
            self.blank(f, field, context);
        }
        None
    }

    /// Reads one value by its field's kind (`None` after a reported problem).
    pub(super) fn value(
        &mut self,
        node: &Node,
        field: &Field,
        path: &str,
        key: Option<Loc>,
        context: Need,
        root: &Map<String, Value>,
    ) -> Option<Value> {
        let anchor = key.unwrap_or(node.loc);
        match field.kind {
            Kind::Text => self.text_node(node, path).map(Value::String),
            Kind::Title => self.title_node(node, path).map(Value::String),
            Kind::Markdown => self.markdown_node(node, path).map(Value::String),
            Kind::Date => {
                let d = self.date_node(node, path)?;
                if path == MEETING_DATE {
                    self.meeting_date = Some(d);
                }
                Some(Value::String(d.iso()))
            }
            Kind::Number => self.number_node(node, path).map(Value::from),
            Kind::Millimetres(min, max) => self
                .millimetres_node(node, path, (min, max))
                .map(Value::from),
            Kind::Bool => self.bool_node(node, path).map(Value::Bool),
            Kind::Status => self.status_node(node, path).map(Value::from),
            Kind::TextList => self.text_list_node(node, path).map(Value::from),
            Kind::Units => self.units_node(node, path).map(Value::from),
            Kind::Group(table) => {
                let g = self.fields(node, anchor, path, Some(&names(table)))?;
                let context = field.need.narrow(context);
                self.block(&g, table, context, Need::NONE, Some(root))
                    .map(Value::Object)
            }
            Kind::Document(kind, table) => {
                let g = self.fields(node, anchor, path, Some(&names(table)))?;
                // A block merged in from ketluan.yaml alone asks for nothing:
                // it is checked for what it holds, and left out.
                let asked = Need::of(kind).narrow(self.asked);
                let value = self.block(&g, table, asked, Need::of(kind), Some(root));
                Some(match value {
                    Some(v) if asked != Need::NONE => Value::Object(v),
                    _ => Value::Null,
                })
            }
            Kind::Sections(table) => {
                let items =
                    self.list_node(node, path, &crate::tr!("model.schema.expected.sections"))?;
                if items.is_empty() {
                    // Written but empty: a mistake whatever the file asks for.
                    self.error(node.loc, path, crate::tr!("model.schema.at_least_one"));
                    return None;
                }
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let item_path = format!("{path}[{}]", i + 1);
                    let anchor = self.item_anchor(item);
                    let Some(g) = self.fields(item, anchor, &item_path, Some(&names(table))) else {
                        continue;
                    };
                    if let Some(v) = self.block(&g, table, context, Need::NONE, Some(root)) {
                        out.push(Value::Object(v));
                    }
                }
                Some(Value::Array(out))
            }
            Kind::Tasks => self.tasks(node, path, key, context, root),
            Kind::Departments => None,
            Kind::Series => self.series_node(node, path),
            Kind::Layout => {
                let layout = self.layout_node(node, anchor);
                self.layout = Some(layout);
                None
            }
        }
    }

    /// A list's items, or `None` with a wrong type reported.
    fn list_node<'n>(&mut self, node: &'n Node, path: &str, expected: &str) -> Option<&'n [Node]> {
        match &node.kind {
            NodeKind::Seq(items) => Some(items),
            _ => {
                self.wrong_type(node, path, expected);
                None
            }
        }
    }

    /// Tasks at `depth` (1: the numbered ones): each a [`TASK`] block, with
    /// its place in the file, checked against the meeting's date and its
    /// own deadline. Their `subtasks` are read one level deeper.
    fn tasks(
        &mut self,
        node: &Node,
        path: &str,
        key: Option<Loc>,
        context: Need,
        root: &Map<String, Value>,
    ) -> Option<Value> {
        let items = self.list_node(node, path, &crate::tr!("model.schema.expected.tasks"))?;
        let depth = self.task_depth + 1;
        if depth > MAX_TASK_DEPTH {
            self.error(
                key.unwrap_or(node.loc),
                path,
                crate::tr!("model.schema.tasks_too_deep", max = MAX_TASK_DEPTH),
            );
            return None;
        }
        let outer = std::mem::replace(&mut self.task_depth, depth);
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let item_path = format!("{path}[{}]", i + 1);
            let anchor = self.item_anchor(item);
            let Some(f) = self.fields(item, anchor, &item_path, Some(&names(TASK))) else {
                continue;
            };
            let Some(mut task) = self.block(&f, TASK, context, Need::NONE, Some(root)) else {
                continue;
            };
            self.task_checks(&f, &task);
            if let Ok(loc) = serde_json::to_value(item.loc) {
                task.insert("loc".into(), loc);
            }
            out.push(Value::Object(task));
        }
        self.task_depth = outer;
        Some(Value::Array(out))
    }
}
