//! The validator: the walk from a [`Node`] tree to a [`Meeting`], driven
//! by the tables of [`super::format`], reporting every problem it meets
//! (unknown fields with the nearest known name, missing and empty fields
//! with the documents that need them, wrong types, impossible dates,
//! Markdown outside the subset, unit names not in the directory).
//!
//! The walk reads each block by its table into a plain value (texts,
//! dates as ISO text, lists, nested blocks), filling in defaults; the
//! typed [`Meeting`] is then deserialized from that value (serde), so a new
//! field needs its table entry and its struct field, nothing here.
//!
//! Field paths in messages count list positions from 1, as the notice does
//! (`agenda[1].tasks[3]` is task 3 of section I).
//!
//! Here: the [`Walker`] with its entry point ([`Walker::meeting`]) and the
//! ways it reports. Its parts: `walk` (blocks by their tables: unknown and
//! missing fields, defaults, nested blocks, sections, tasks), `scalar`
//! (one value by its kind: texts, dates, numbers, booleans, statuses,
//! lists, units), `hygiene` (what a text may hold: white space, NFC,
//! control characters, glyphs the fonts lack, the Markdown subset),
//! `cross_field` (checks of one field against another: dates against the
//! meeting's, units against the directory) and `layout` (the `layout`
//! block).

mod cross_field;
mod hygiene;
mod layout;
mod scalar;
mod walk;

use serde_json::Value;

use super::format::{self, DocumentKind, Field, Need};
use super::node::{Key, Node, NodeKind};
use super::Meeting;
use crate::date::Date;
use crate::diag::{Diagnostic, Diagnostics, Loc, SourceMap};
use crate::layout::Layout;

pub(crate) use cross_field::is_proper_name;

/// The fields of one mapping, with the place to point at when one is missing.
struct Fields<'n> {
    entries: &'n [(Key, Node)],
    anchor: Loc,
    path: String,
    /// The known names that unknown keys of this mapping were taken for
    /// (`procedings` → `proceedings`): such a field is not also reported
    /// missing, the misspelling is the one mistake.
    misspelt: Vec<String>,
}

impl<'n> Fields<'n> {
    fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(k, _)| k.name == key)
            .map(|(_, v)| v)
            .filter(|v| !matches!(v.kind, NodeKind::Null))
    }

    fn key_loc(&self, key: &str) -> Option<Loc> {
        self.entries
            .iter()
            .find(|(k, _)| k.name == key)
            .map(|(k, _)| k.loc)
    }

    fn path(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }
}

/// The names of a table's fields.
fn names(table: &[Field]) -> Vec<&'static str> {
    table.iter().map(|f| f.name).collect()
}

/// The walk; owns nothing but the diagnostics it adds to.
pub(crate) struct Walker<'a> {
    sources: &'a SourceMap,
    diags: &'a mut Diagnostics,
    /// The documents the meeting file asks for.
    asked: Need,
    departments: Vec<(String, String)>,
    /// The `layout` block, once read.
    layout: Option<Layout>,
    /// The meeting's date, once read (a task due before it is warned about).
    meeting_date: Option<Date>,
    /// How deep the tasks being read are (1: the numbered ones).
    task_depth: usize,
    /// Characters already looked up in the fonts: whether they have a glyph.
    coverage: std::collections::HashMap<char, bool>,
}

impl<'a> Walker<'a> {
    /// A walk over a meeting file that asks for the documents `asked`.
    pub(crate) fn new(sources: &'a SourceMap, diags: &'a mut Diagnostics, asked: Need) -> Self {
        Walker {
            sources,
            diags,
            asked,
            departments: Vec::new(),
            layout: None,
            meeting_date: None,
            task_depth: 0,
            coverage: std::collections::HashMap::new(),
        }
    }

    /// The `numbering` block of a defaults file alone (what `register
    /// add` needs, with no meeting file), its problems reported.
    pub(crate) fn numbering(&mut self, root: &Node) -> Option<super::Numbering> {
        let f = self.fields(root, root.loc, "", None)?;
        let Some(node) = f.get("numbering") else {
            return Some(super::Numbering::default());
        };
        let field = format::ROOT.iter().find(|f| f.name == "numbering")?;
        let key = f.key_loc("numbering");
        let value = self.value(
            node,
            field,
            "numbering",
            key,
            Need::NONE,
            &serde_json::Map::new(),
        )?;
        serde_json::from_value(value).ok()
    }

    /// Walks the whole (merged) tree.
    pub(crate) fn meeting(&mut self, root: &Node) -> Option<Meeting> {
        let f = self.fields(root, root.loc, "", Some(&names(format::ROOT)))?;
        self.departments(&f);
        if self.asked == Need::NONE {
            let blocks: Vec<String> = DocumentKind::ALL
                .iter()
                .map(|k| format!("`{}` ({})", k.block(), k.label()))
                .collect();
            let or = crate::tr!("model.schema.or");
            self.error_hint(
                f.anchor,
                "",
                crate::tr!(
                    "model.schema.no_document",
                    blocks = crate::text::join_units(&blocks, ", ", &or)
                ),
                crate::tr!("model.schema.no_document_hint"),
            );
        }
        let value = self.block(&f, format::ROOT, self.asked, Need::NONE, None);
        self.date_order(&f);
        // A value that was refused is absent from the walk's result: with
        // any error, there is no meeting to build.
        let value = value.filter(|_| !self.diags.has_errors())?;
        match serde_json::from_value::<Meeting>(Value::Object(value)) {
            Ok(mut meeting) => {
                meeting.layout = self.layout.take().unwrap_or_default();
                meeting.departments = std::mem::take(&mut self.departments);
                Some(meeting)
            }
            Err(e) => {
                // The tables and the model structs disagree: a bug, not the file's.
                self.error(f.anchor, "", crate::tr!("model.schema.internal", error = e));
                None
            }
        }
    }

    fn error(&mut self, loc: Loc, field: &str, message: impl Into<String>) {
        self.diags.push(Diagnostic::error(loc, field, message));
    }

    fn error_hint(
        &mut self,
        loc: Loc,
        field: &str,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.diags
            .push(Diagnostic::error(loc, field, message).with_hint(hint));
    }

    /// Reports a value of the wrong kind; `expected` is a message of the
    /// catalog (`model.schema.expected.…`), already looked up.
    fn wrong_type(&mut self, node: &Node, field: &str, expected: &str) {
        let found = node.kind_name();
        self.error(
            node.loc,
            field,
            crate::tr!(
                "model.schema.wrong_type",
                expected = expected,
                found = found
            ),
        );
    }
}
