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

use serde_json::{Map, Value};

use super::format::{self, Default, DocumentKind, Field, Kind, Need, MAX_TASK_DEPTH, TASK};
use super::node::{Key, Node, NodeKind};
use super::Meeting;
use crate::date::{self, Date};
use crate::diag::{Diagnostic, Diagnostics, Loc, Severity, SourceMap};
use crate::layout::Layout;
use crate::markdown;

/// Where the meeting's date is read (tasks due before it are warned about).
const MEETING_DATE: &str = "meeting.date";

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
/// Normalises a field's text to NFC.
fn nfc(s: &str) -> String {
    crate::text::nfc(s)
}

/// No-break spaces are kept as written (they hold `Số` and its number, or a
/// name's parts, on one line); other white space folds.
fn is_no_break_space(c: char) -> bool {
    matches!(c, '\u{A0}' | '\u{2007}' | '\u{202F}')
}

/// One line of text: NFC, runs of white space (new lines and tabs included,
/// no-break spaces excepted) folded to one space.
fn one_line(s: &str) -> String {
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() && !is_no_break_space(c))
        .filter(|w| !w.is_empty())
        .collect();
    nfc(&words.join(" "))
}

/// What replaces a character the fonts cannot draw (a run of them, such as
/// an emoji with its joiners, is replaced once).
pub(crate) const MISSING_GLYPH: char = '?';

/// Invisible format characters: dropped, not replaced, when the font lacks them.
fn is_format_char(c: char) -> bool {
    matches!(c as u32, 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0xFE00..=0xFE0F | 0xFEFF | 0xE0000..=0xE01EF)
}

/// True when a unit name is a proper name (starts with a capital letter).
pub(crate) fn is_proper_name(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_uppercase)
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

    /// Opens a mapping and reports its unknown keys. A null value reads as an
    /// empty mapping, so that its required fields are reported as missing.
    fn fields<'n>(
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

    /// The text of a scalar as written (numbers and booleans keep their source spelling).
    fn scalar_text(&self, node: &Node) -> Option<String> {
        match &node.kind {
            NodeKind::Str(s) => Some(s.clone()),
            NodeKind::Int(_) | NodeKind::Float(_) | NodeKind::Bool(_) => {
                let text = &self.sources.get(node.loc.file).text;
                let slice = text.get(node.loc.offset..node.loc.offset + node.loc.len);
                Some(match (slice, &node.kind) {
                    (Some(s), _) if !s.is_empty() => s.to_string(),
                    (_, NodeKind::Int(i)) => i.to_string(),
                    (_, NodeKind::Float(x)) => x.to_string(),
                    (_, NodeKind::Bool(b)) => b.to_string(),
                    _ => unreachable!("scalar kinds only"),
                })
            }
            _ => None,
        }
    }

    /// A one-line text that is printed: as [`Self::plain_text_node`], and
    /// every character the fonts cannot draw is replaced (with a warning).
    fn text_node(&mut self, node: &Node, field: &str) -> Option<String> {
        let text = self.plain_text_node(node, field)?;
        Some(self.drawable(node, field, text))
    }

    /// A title: each typed line as a one-line text, the lines kept apart
    /// (empty ones dropped).
    fn title_node(&mut self, node: &Node, field: &str) -> Option<String> {
        let text = self.text_node(node, field)?;
        let NodeKind::Str(raw) = &node.kind else {
            return Some(text);
        };
        if !raw.trim().contains('\n') {
            return Some(text);
        }
        // Folded line by line; the characters the fonts lack were already
        // reported (and replaced) by `text_node`.
        let lines: Vec<String> = raw
            .lines()
            .map(one_line)
            .filter(|l| !l.is_empty())
            .map(|l| self.replace_undrawable(l).0)
            .collect();
        Some(lines.join("\n"))
    }

    /// A one-line text (white space folded, NFC) that is not drawn (a folder,
    /// a font name): only control characters are refused.
    fn plain_text_node(&mut self, node: &Node, field: &str) -> Option<String> {
        match self.scalar_text(node) {
            Some(s) => {
                let s = one_line(&s);
                if s.chars().all(char::is_whitespace) {
                    self.error(node.loc, field, crate::tr!("model.schema.empty"));
                    None
                } else if self.has_control_chars(node, field, &s) {
                    None
                } else {
                    Some(s)
                }
            }
            None => {
                self.wrong_type(node, field, &crate::tr!("model.schema.expected.line"));
                None
            }
        }
    }

    /// Where a character of a value stands in the source: its first
    /// occurrence within the value's span, or the value itself (a character
    /// written as an escape such as `"\x07"` is not in the source as such).
    fn char_loc(&self, node: &Node, c: char) -> Loc {
        let source = &self.sources.get(node.loc.file).text;
        let from = node.loc.offset.min(source.len());
        let to = (node.loc.offset + node.loc.len).min(source.len());
        match source.get(from..to).and_then(|span| span.find(c)) {
            Some(i) => self.sources.loc_at(node.loc.file, from + i, c.len_utf8()),
            None => node.loc,
        }
    }

    /// Reports control characters (other than tab and line breaks), which
    /// no document can hold (a DOCX would not open); true when any was found.
    fn has_control_chars(&mut self, node: &Node, field: &str, text: &str) -> bool {
        let Some(c) = text
            .chars()
            .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        else {
            return false;
        };
        let loc = self.char_loc(node, c);
        self.error_hint(
            loc,
            field,
            crate::tr!(
                "model.schema.control_char",
                code = format!("{:04X}", c as u32)
            ),
            crate::tr!("model.schema.control_char_hint"),
        );
        true
    }

    /// Whether the fonts of the PDF (the embedded Liberation Serif, all four
    /// styles) can draw `c`.
    fn covered(&mut self, c: char) -> bool {
        if c.is_ascii() && !c.is_ascii_control() {
            return true;
        }
        *self
            .coverage
            .entry(c)
            .or_insert_with(|| crate::typeset::measure::embedded_covers(c))
    }

    /// The text with the characters the fonts cannot draw replaced (see
    /// [`Self::drawable`]), and those characters.
    fn replace_undrawable(&mut self, text: String) -> (String, Vec<char>) {
        if text.chars().all(|c| self.covered(c)) {
            return (text, Vec::new());
        }
        let mut out = String::with_capacity(text.len());
        let mut missing: Vec<char> = Vec::new();
        let mut in_run = false;
        for c in text.chars() {
            if in_run && is_format_char(c) {
                continue; // a joiner or variation selector inside an emoji
            }
            if self.covered(c) {
                out.push(c);
                in_run = false;
                continue;
            }
            if !missing.contains(&c) {
                missing.push(c);
            }
            if !in_run && !is_format_char(c) {
                out.push(MISSING_GLYPH);
                in_run = true;
            }
        }
        (out, missing)
    }

    /// Replaces the characters the fonts cannot draw (emoji, symbols, other
    /// scripts) by [`MISSING_GLYPH`] (an invisible format character, such as
    /// a zero-width joiner, is dropped), with one warning per field at the
    /// first of them: a notice never shows a blank box silently.
    fn drawable(&mut self, node: &Node, field: &str, text: String) -> String {
        let (out, missing) = self.replace_undrawable(text);
        let Some(&first) = missing.first() else {
            return out;
        };
        let shown: Vec<String> = missing
            .iter()
            .take(4)
            .map(|c| {
                if is_format_char(*c) {
                    format!("U+{:04X}", *c as u32)
                } else {
                    format!("`{c}` (U+{:04X})", *c as u32)
                }
            })
            .collect();
        let shown = shown.join(", ");
        let message = if missing.len() > 4 {
            crate::tr!(
                "model.schema.no_glyph_more",
                chars = shown,
                more = missing.len() - 4,
                glyph = MISSING_GLYPH
            )
        } else {
            crate::tr!(
                "model.schema.no_glyph",
                chars = shown,
                glyph = MISSING_GLYPH
            )
        };
        let loc = self.char_loc(node, first);
        self.diags.push(
            Diagnostic::warning(loc, field, message)
                .with_hint(crate::tr!("model.schema.no_glyph_hint")),
        );
        out
    }

    fn markdown_node(&mut self, node: &Node, field: &str) -> Option<String> {
        let raw = match &node.kind {
            NodeKind::Str(s) => s.clone(),
            _ => match self.scalar_text(node) {
                Some(s) => s,
                None => {
                    self.wrong_type(node, field, &crate::tr!("model.schema.expected.markdown"));
                    return None;
                }
            },
        };
        let text = nfc(raw.trim());
        if text.chars().all(char::is_whitespace) {
            self.error(node.loc, field, crate::tr!("model.schema.empty"));
            return None;
        }
        if self.has_control_chars(node, field, &text) {
            return None;
        }
        let text = self.drawable(node, field, text);
        for p in markdown::check_subset(&text) {
            let loc = self.locate_in_value(node, &text, p.range.start);
            let d = match p.severity {
                Severity::Error => Diagnostic::error(loc, field, p.message),
                Severity::Warning => Diagnostic::warning(loc, field, p.message),
            };
            self.diags.push(d);
        }
        Some(text)
    }

    /// Finds, in the source, the place of byte `at` of a scalar's value (its
    /// line is searched for after the node's start; block scalars are
    /// indented, so the value's text and the source differ).
    fn locate_in_value(&self, node: &Node, value: &str, at: usize) -> Loc {
        let line_start = value[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = value[at..].find('\n').map_or(value.len(), |i| at + i);
        let line = value[line_start..line_end].trim();
        let source = &self.sources.get(node.loc.file).text;
        let from = node.loc.offset.min(source.len());
        if !line.is_empty() {
            if let Some(pos) = source[from..].find(line) {
                let lead = value[line_start..at].trim_start().len();
                return self.sources.loc_at(
                    node.loc.file,
                    from + pos + lead,
                    line.len() - lead.min(line.len()),
                );
            }
        }
        node.loc
    }

    fn date_node(&mut self, node: &Node, field: &str) -> Option<Date> {
        let Some(text) = self.scalar_text(node) else {
            self.wrong_type(node, field, &crate::tr!("model.schema.expected.date"));
            return None;
        };
        match Date::parse(&text) {
            Ok(d) => Some(d),
            Err(e) => {
                self.error_hint(
                    node.loc,
                    field,
                    format!("`{}`: {e}", text.trim()),
                    crate::tr!("model.schema.date_hint", forms = date::accepted_forms()),
                );
                None
            }
        }
    }

    fn bool_node(&mut self, node: &Node, field: &str) -> Option<bool> {
        match node.kind {
            NodeKind::Bool(b) => Some(b),
            _ => {
                self.wrong_type(node, field, &crate::tr!("model.schema.expected.bool"));
                None
            }
        }
    }

    fn status_node(&mut self, node: &Node, field: &str) -> Option<&'static str> {
        const STATUSES: [&str; 3] = ["open", "done", "cancelled"];
        let text = self.scalar_text(node);
        let text = text.as_deref().map(str::trim);
        if let Some(s) = STATUSES.iter().find(|s| Some(**s) == text) {
            return Some(s);
        }
        let hint = match text.and_then(|t| nearest(t, STATUSES.iter().copied())) {
            Some(guess) => crate::tr!("model.schema.status_hint_guess", guess = guess),
            None => crate::tr!("model.schema.status_hint"),
        };
        self.error_hint(node.loc, field, crate::tr!("model.schema.bad_status"), hint);
        None
    }

    /// A list of one-line texts; a single text is read as a list of one.
    fn text_list_node(&mut self, node: &Node, field: &str) -> Option<Vec<String>> {
        match &node.kind {
            NodeKind::Seq(items) => Some(
                items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, item)| self.text_node(item, &format!("{field}[{}]", i + 1)))
                    .collect(),
            ),
            NodeKind::Map(_) => {
                self.wrong_type(node, field, &crate::tr!("model.schema.expected.text_list"));
                None
            }
            _ => Some(self.text_node(node, field).into_iter().collect()),
        }
    }

    /// Units: a text split on `;`, or a list of texts; directory codes expanded.
    fn units_node(&mut self, node: &Node, field: &str) -> Option<Vec<String>> {
        let named: Vec<(String, Loc)> = match &node.kind {
            NodeKind::Seq(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| {
                    self.text_node(item, &format!("{field}[{}]", i + 1))
                        .map(|t| (t, item.loc))
                })
                .collect(),
            NodeKind::Map(_) => {
                self.wrong_type(node, field, &crate::tr!("model.schema.expected.units"));
                return None;
            }
            _ => match self.text_node(node, field) {
                Some(t) => t
                    .split(';')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| (s.to_string(), node.loc))
                    .collect(),
                None => Vec::new(),
            },
        };
        Some(
            named
                .into_iter()
                .map(|(name, loc)| self.expand_unit(name, loc, field))
                .collect(),
        )
    }

    fn expand_unit(&mut self, name: String, loc: Loc, field: &str) -> String {
        if self.departments.is_empty() {
            return name;
        }
        if let Some((_, full)) = self.departments.iter().find(|(code, _)| *code == name) {
            return full.clone();
        }
        let known = self.departments.iter().any(|(_, full)| *full == name);
        if !known && is_proper_name(&name) {
            let candidates = self
                .departments
                .iter()
                .flat_map(|(c, n)| [c.as_str(), n.as_str()]);
            let mut d = Diagnostic::warning(
                loc,
                field,
                crate::tr!("model.schema.unknown_unit", name = name),
            );
            if let Some(best) = nearest(&name, candidates) {
                d = d.with_hint(crate::tr!("model.schema.did_you_mean", name = best));
            }
            self.diags.push(d);
        }
        name
    }

    /// Reads a block by its table into a value. Every field given is read
    /// by its kind; a field not given takes its default, or is reported
    /// missing when a document in `context` needs it (or warned about when
    /// one prints a blank for it). `scope`: the documents whose fields the
    /// block's model cannot do without. `None` when the block lacks such a
    /// field (a problem reported, or a document not asked for). `root`: the
    /// top-level value read so far (`None` while reading the top level
    /// itself), for defaults taken from other fields.
    fn block(
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
    fn value(
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

    /// A date of a block's value, as read (ISO text).
    fn date_in(block: &Map<String, Value>, key: &str) -> Option<Date> {
        block
            .get(key)
            .and_then(Value::as_str)
            .and_then(|s| Date::parse(s).ok())
    }

    /// Warnings on a task's dates: due before the meeting, an extension
    /// not after the first deadline.
    fn task_checks(&mut self, f: &Fields, task: &Map<String, Value>) {
        let due = Self::date_in(task, "due");
        if let (Some(due), Some(held), Some(n)) = (due, self.meeting_date, f.get("due")) {
            if due < held {
                self.diags.push(
                    Diagnostic::warning(
                        n.loc,
                        f.path("due"),
                        crate::tr!(
                            "model.schema.due_before_meeting",
                            due = due.short(),
                            held = held.short()
                        ),
                    )
                    .with_hint(crate::tr!("model.schema.due_hint")),
                );
            }
        }
        let extended = Self::date_in(task, "extended_to");
        if let (Some(due), Some(ext), Some(n)) = (due, extended, f.get("extended_to")) {
            if ext <= due {
                self.diags.push(Diagnostic::warning(
                    n.loc,
                    f.path("extended_to"),
                    crate::tr!(
                        "model.schema.extension_not_after",
                        extended = ext.short(),
                        due = due.short()
                    ),
                ));
            }
        }
    }

    fn departments(&mut self, f: &Fields) {
        let Some(node) = f.get("departments") else {
            return;
        };
        let anchor = f.key_loc("departments").unwrap_or(node.loc);
        let Some(d) = self.fields(node, anchor, "departments", None) else {
            return;
        };
        let mut out = Vec::new();
        for (key, value) in d.entries {
            let field = format!("departments.{}", key.name);
            if let Some(name) = self.text_node(value, &field) {
                out.push((nfc(key.name.trim()), name));
            }
        }
        self.departments = out;
    }

    fn layout_node(&mut self, node: &Node, anchor: Loc) -> Layout {
        let mut layout = Layout::default();
        let mut allowed: Vec<&str> = Layout::FIELDS.iter().map(|(n, _)| *n).collect();
        allowed.push("font_family");
        allowed.push("font_dir");
        let Some(l) = self.fields(node, anchor, "layout", Some(&allowed)) else {
            return layout;
        };
        if let Some(n) = l.get("font_family") {
            if let Some(family) = self.plain_text_node(n, &l.path("font_family")) {
                layout.font_family = family;
            }
        }
        let font_dir = l
            .get("font_dir")
            .and_then(|n| Some((self.plain_text_node(n, &l.path("font_dir"))?, n)));
        if let Some((dir, n)) = font_dir {
            // Relative to the file that names it.
            let base = self
                .sources
                .get(n.loc.file)
                .path
                .parent()
                .map(std::path::Path::to_path_buf);
            let dir = std::path::PathBuf::from(dir);
            let dir = match base {
                Some(b) if dir.is_relative() => b.join(dir),
                _ => dir,
            };
            if !dir.is_dir() {
                self.error(
                    n.loc,
                    &l.path("font_dir"),
                    crate::tr!("model.schema.no_folder", dir = dir.display()),
                );
            }
            layout.font_dir = Some(dir);
        }
        for (name, field) in Layout::FIELDS {
            let Some(n) = l.get(name) else { continue };
            let value = match n.kind {
                NodeKind::Int(i) => i as f64,
                NodeKind::Float(x) => x,
                _ => {
                    self.wrong_type(
                        n,
                        &l.path(name),
                        &crate::tr!("model.schema.expected.number"),
                    );
                    continue;
                }
            };
            let (min, max, unit) = Layout::range(name);
            if !(value.is_finite() && value > min && value <= max) {
                self.error_hint(
                    n.loc,
                    &l.path(name),
                    crate::tr!("model.schema.out_of_range", value = value),
                    crate::tr!("model.schema.range_hint", min = min, max = max, unit = unit),
                );
                continue;
            }
            *field(&mut layout) = value as f32;
        }
        // The margins must leave room for the text (a page with none would
        // take the layout into an endless run of empty pages): the room
        // left, the fields that decide it, and whether it is across the page.
        let checks = [
            (
                layout.text_width_mm(),
                ["page_width_mm", "margin_left_mm", "margin_right_mm"],
                true,
            ),
            (
                layout.page_height_mm - layout.margin_top_mm - layout.margin_bottom_mm,
                ["page_height_mm", "margin_top_mm", "margin_bottom_mm"],
                false,
            ),
        ];
        for (room, keys, across) in checks {
            if room < MIN_TEXT_AREA_MM {
                let key = keys.iter().rev().find(|k| l.get(k).is_some()).copied();
                let loc = key.and_then(|k| l.get(k)).map_or(l.anchor, |n| n.loc);
                self.error_hint(
                    loc,
                    &l.path(key.unwrap_or(keys[0])),
                    if across {
                        crate::tr!("model.schema.margins_width", room = format!("{room:.0}"))
                    } else {
                        crate::tr!("model.schema.margins_height", room = format!("{room:.0}"))
                    },
                    crate::tr!(
                        "model.schema.margins_hint",
                        min = MIN_TEXT_AREA_MM,
                        key1 = keys[0],
                        value1 = field_value(&mut layout, keys[0]),
                        key2 = keys[1],
                        value2 = field_value(&mut layout, keys[1]),
                        key3 = keys[2],
                        value3 = field_value(&mut layout, keys[2]),
                    ),
                );
                layout = Layout::default();
            }
        }
        layout
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

    /// Warnings on the documents' dates against the meeting's: a notice
    /// dated before the meeting, an invitation dated after it.
    fn date_order(&mut self, f: &Fields) {
        let Some(held) = self.meeting_date else {
            return;
        };
        for (block, after) in [("notice", false), ("invitation", true)] {
            let Some(node) = f.get(block).and_then(|b| b.get("date")) else {
                continue;
            };
            let Some(issued) = self.scalar_text(node).and_then(|t| Date::parse(&t).ok()) else {
                continue;
            };
            let field = format!("{block}.date");
            if !after && issued < held {
                self.diags.push(Diagnostic::warning(
                    node.loc,
                    field,
                    crate::tr!(
                        "model.schema.notice_before_meeting",
                        issued = issued.short(),
                        held = held.short()
                    ),
                ));
            } else if after && issued > held {
                self.diags.push(Diagnostic::warning(
                    node.loc,
                    field,
                    crate::tr!(
                        "model.schema.invitation_after_meeting",
                        issued = issued.short(),
                        held = held.short()
                    ),
                ));
            }
        }
    }
    fn number_node(&mut self, node: &Node, field: &str) -> Option<u32> {
        let parsed = match &node.kind {
            NodeKind::Int(i) => u32::try_from(*i).ok(),
            NodeKind::Str(s) => s.trim().parse::<u32>().ok(),
            _ => None,
        };
        match parsed {
            Some(n) if (1..=999_999).contains(&n) => Some(n),
            _ => {
                self.error_hint(
                    node.loc,
                    field,
                    crate::tr!("model.schema.bad_number"),
                    crate::tr!("model.schema.bad_number_hint"),
                );
                None
            }
        }
    }
}

/// Smallest text area left by the margins, in millimetres.
const MIN_TEXT_AREA_MM: f32 = 20.0;

fn field_value(layout: &mut Layout, name: &str) -> f32 {
    Layout::FIELDS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(0.0, |(_, f)| *f(layout))
}

/// The known name nearest to `word`, when it is near enough to be a likely
/// typo: the fewest edits, where swapping two neighbouring letters counts
/// as one (optimal string alignment: `SVN` → `SNV`, `titel` → `title`),
/// within 1 edit for names up to 4 letters, 2 up to 8, 3 beyond; failing
/// that, the most similar by Jaro–Winkler (≥ 0.8), which forgives a
/// missing ending (`recipient` → `recipients`).
fn nearest<'c>(word: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
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
