//! The schema of a meeting file: the walk from a [`Node`] tree to a
//! [`Meeting`], reporting every problem it meets (unknown fields with the
//! nearest known name, missing and empty fields, wrong types, impossible
//! dates, Markdown outside the subset, unit names not in the directory).
//!
//! Field paths in messages count list positions from 1, as the notice does
//! (`agenda[1].tasks[3]` is task 3 of section I).

use super::node::{Key, Node, NodeKind};
use super::{AgendaItem, Issuer, Meeting, MeetingInfo, NoticeInfo, Person, Signer, Status, Task};
use crate::date::{self, Date};
use crate::diag::{Diagnostic, Diagnostics, Loc, Severity, SourceMap};
use crate::layout::Layout;
use crate::markdown;

const ROOT_FIELDS: &[&str] = &[
    "issuer",
    "notice",
    "meeting",
    "agenda",
    "closing",
    "recipients",
    "recipients_from_tasks",
    "archive",
    "signer",
    "departments",
    "layout",
];
const ISSUER_FIELDS: &[&str] = &["parent", "name", "code", "place"];
const NOTICE_FIELDS: &[&str] = &["number", "date", "summary"];
const MEETING_FIELDS: &[&str] = &[
    "name",
    "date",
    "time",
    "location",
    "host",
    "chair",
    "attendees",
    "briefing",
    "opening",
];
const CHAIR_FIELDS: &[&str] = &["name", "title"];
const AGENDA_FIELDS: &[&str] = &["title", "conclusion", "tasks", "after"];
const TASK_FIELDS: &[&str] = &[
    "do",
    "lead",
    "with",
    "due",
    "subtasks",
    "status",
    "done_on",
    "report",
    "extended_to",
    "extension_note",
];
const SIGNER_FIELDS: &[&str] = &["authority", "position", "name"];

/// Default clause before the chair concludes.
pub const DEFAULT_BRIEFING: &str = "Sau khi nghe báo cáo và ý kiến tham gia của các đại biểu";

/// Deepest nesting accepted: task → subtask → sub-subtask (what the template prints).
const MAX_TASK_DEPTH: usize = 3;

/// The fields of one mapping, with the place to point at when one is missing.
struct Fields<'n> {
    entries: &'n [(Key, Node)],
    anchor: Loc,
    path: String,
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
    departments: Vec<(String, String)>,
    /// The meeting's date, once read (a task due before it is warned about).
    meeting_date: Option<Date>,
    /// Characters already looked up in the fonts: whether they have a glyph.
    coverage: std::collections::HashMap<char, bool>,
}

impl<'a> Walker<'a> {
    pub(crate) fn new(sources: &'a SourceMap, diags: &'a mut Diagnostics) -> Self {
        Walker {
            sources,
            diags,
            departments: Vec::new(),
            meeting_date: None,
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

    fn wrong_type(&mut self, node: &Node, field: &str, expected: &str) {
        let found = node.kind_name();
        self.error(
            node.loc,
            field,
            format!("cần {expected}, nhưng gặp {found}"),
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
                self.wrong_type(node, path, "một nhóm trường (dạng `tên: giá trị`)");
                return None;
            }
        };
        if let Some(allowed) = allowed {
            for (key, _) in entries {
                if !allowed.contains(&key.name.as_str()) {
                    let field = if path.is_empty() {
                        key.name.clone()
                    } else {
                        format!("{path}.{}", key.name)
                    };
                    let mut d =
                        Diagnostic::error(key.loc, field, "trường không có trong định dạng");
                    if self.diags.is_full() {
                        self.diags.push(d);
                        continue;
                    }
                    d = match nearest(&key.name, allowed.iter().copied()) {
                        Some(best) => d.with_hint(format!("có phải là `{best}`?")),
                        None => d.with_hint(format!(
                            "các trường được dùng ở đây: {}",
                            allowed.join(", ")
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

    fn missing(&mut self, f: &Fields, key: &str, what: &str) {
        let field = f.path(key);
        // An empty `key:` is pointed at; an absent key is reported at its parent.
        let (loc, message) = match f.key_loc(key) {
            Some(loc) => (loc, format!("chưa điền ({what})")),
            None => (f.anchor, format!("thiếu trường bắt buộc ({what})")),
        };
        self.error(loc, &field, message);
    }

    /// The value of a required field `key` of `f`, or `None` with the field
    /// reported missing.
    fn required<'n>(&mut self, f: &Fields<'n>, key: &str, what: &str) -> Option<&'n Node> {
        let node = f.get(key);
        if node.is_none() {
            self.missing(f, key, what);
        }
        node
    }

    /// Opens a required mapping `key` of `f` (its unknown keys reported), or
    /// reports it missing.
    fn block<'n>(
        &mut self,
        f: &Fields<'n>,
        key: &str,
        allowed: &[&str],
        what: &str,
    ) -> Option<Fields<'n>> {
        let n = self.required(f, key, what)?;
        let anchor = f.key_loc(key).unwrap_or(n.loc);
        self.fields(n, anchor, &f.path(key), Some(allowed))
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

    /// A one-line text (white space folded, NFC) that is not drawn (a folder,
    /// a font name): only control characters are refused.
    fn plain_text_node(&mut self, node: &Node, field: &str) -> Option<String> {
        match self.scalar_text(node) {
            Some(s) => {
                let s = one_line(&s);
                if s.chars().all(char::is_whitespace) {
                    self.error(node.loc, field, "không được để trống");
                    None
                } else if self.has_control_chars(node, field, &s) {
                    None
                } else {
                    Some(s)
                }
            }
            None => {
                self.wrong_type(node, field, "một dòng văn bản");
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
            format!(
                "có ký tự điều khiển U+{:04X}, không in được",
                c as u32
            ),
            "xóa ký tự này (thường do sao chép từ phần mềm khác); trong chuỗi có ngoặc kép, không dùng các mã như `\\x07`, `\\0`",
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
            .or_insert_with(|| crate::fonts::embedded_covers(c))
    }

    /// Replaces the characters the fonts cannot draw (emoji, symbols, other
    /// scripts) by [`MISSING_GLYPH`] (an invisible format character, such as
    /// a zero-width joiner, is dropped), with one warning per field at the
    /// first of them: a notice never shows a blank box silently.
    fn drawable(&mut self, node: &Node, field: &str, text: String) -> String {
        if text.chars().all(|c| self.covered(c)) {
            return text;
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
        let first = missing[0];
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
        let more = if missing.len() > 4 {
            format!(" và {} ký tự khác", missing.len() - 4)
        } else {
            String::new()
        };
        let loc = self.char_loc(node, first);
        self.diags.push(
            Diagnostic::warning(
                loc,
                field,
                format!(
                    "phông chữ không có ký tự {}{more}; được in thành `{MISSING_GLYPH}`",
                    shown.join(", ")
                ),
            )
            .with_hint("phông Times New Roman / Liberation Serif không có biểu tượng cảm xúc (emoji) và nhiều ký hiệu; viết bằng chữ thay cho ký tự này"),
        );
        out
    }

    fn text(&mut self, f: &Fields, key: &str) -> Option<String> {
        let node = f.get(key)?;
        self.text_node(node, &f.path(key))
    }

    fn text_req(&mut self, f: &Fields, key: &str, what: &str) -> Option<String> {
        self.required(f, key, what)?;
        self.text(f, key)
    }

    fn markdown_node(&mut self, node: &Node, field: &str) -> Option<String> {
        let raw = match &node.kind {
            NodeKind::Str(s) => s.clone(),
            _ => match self.scalar_text(node) {
                Some(s) => s,
                None => {
                    self.wrong_type(node, field, "văn bản (có thể nhiều đoạn)");
                    return None;
                }
            },
        };
        let text = nfc(raw.trim());
        if text.chars().all(char::is_whitespace) {
            self.error(node.loc, field, "không được để trống");
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

    fn markdown(&mut self, f: &Fields, key: &str) -> Option<String> {
        let node = f.get(key)?;
        self.markdown_node(node, &f.path(key))
    }

    fn date_node(&mut self, node: &Node, field: &str) -> Option<Date> {
        let Some(text) = self.scalar_text(node) else {
            self.wrong_type(node, field, "một ngày");
            return None;
        };
        match Date::parse(&text) {
            Ok(d) => Some(d),
            Err(e) => {
                self.error_hint(
                    node.loc,
                    field,
                    format!("`{}`: {e}", text.trim()),
                    format!(
                        "viết ngày theo một trong hai dạng: {}",
                        date::ACCEPTED_FORMS
                    ),
                );
                None
            }
        }
    }

    fn date(&mut self, f: &Fields, key: &str) -> Option<Date> {
        let node = f.get(key)?;
        self.date_node(node, &f.path(key))
    }

    fn bool(&mut self, f: &Fields, key: &str) -> Option<bool> {
        let node = f.get(key)?;
        match node.kind {
            NodeKind::Bool(b) => Some(b),
            _ => {
                self.wrong_type(node, &f.path(key), "`true` hoặc `false`");
                None
            }
        }
    }

    /// A list of one-line texts; a single text is read as a list of one.
    fn text_list(&mut self, f: &Fields, key: &str) -> Vec<String> {
        let Some(node) = f.get(key) else {
            return Vec::new();
        };
        let field = f.path(key);
        match &node.kind {
            NodeKind::Seq(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| self.text_node(item, &format!("{field}[{}]", i + 1)))
                .collect(),
            NodeKind::Map(_) => {
                self.wrong_type(node, &field, "một danh sách (mỗi dòng bắt đầu bằng `- `)");
                Vec::new()
            }
            _ => self.text_node(node, &field).into_iter().collect(),
        }
    }

    /// Units: a text split on `;`, or a list of texts; directory codes expanded.
    fn units(&mut self, f: &Fields, key: &str) -> Vec<String> {
        let Some(node) = f.get(key) else {
            return Vec::new();
        };
        let field = f.path(key);
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
                self.wrong_type(node, &field, "tên đơn vị, hoặc danh sách tên đơn vị");
                Vec::new()
            }
            _ => match self.text_node(node, &field) {
                Some(t) => t
                    .split(';')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| (s.to_string(), node.loc))
                    .collect(),
                None => Vec::new(),
            },
        };
        named
            .into_iter()
            .map(|(name, loc)| self.expand_unit(name, loc, &field))
            .collect()
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
                format!("đơn vị `{name}` không có trong danh mục `departments`"),
            );
            if let Some(best) = nearest(&name, candidates) {
                d = d.with_hint(format!("có phải là `{best}`?"));
            }
            self.diags.push(d);
        }
        name
    }

    fn list_items<'n>(&mut self, f: &Fields<'n>, key: &str) -> Option<&'n [Node]> {
        let node = f.get(key)?;
        match &node.kind {
            NodeKind::Seq(items) => Some(items),
            _ => {
                self.wrong_type(
                    node,
                    &f.path(key),
                    "một danh sách (mỗi mục bắt đầu bằng `- `)",
                );
                None
            }
        }
    }

    fn task(&mut self, node: &Node, path: &str, depth: usize) -> Option<Task> {
        let anchor = self.item_anchor(node);
        let f = self.fields(node, anchor, path, Some(TASK_FIELDS))?;
        let what = self
            .required(&f, "do", "nội dung công việc")
            .and_then(|n| self.markdown_node(n, &f.path("do")));
        let lead = self.units(&f, "lead");
        let with = self.units(&f, "with");
        let due = self.date(&f, "due");
        if let (Some(due), Some(held), Some(n)) = (due, self.meeting_date, f.get("due")) {
            if due < held {
                self.diags.push(
                    Diagnostic::warning(
                        n.loc,
                        f.path("due"),
                        format!(
                            "hạn hoàn thành {} trước ngày họp {}",
                            due.short(),
                            held.short()
                        ),
                    )
                    .with_hint("kiểm tra lại ngày, tháng và năm của hạn"),
                );
            }
        }
        let mut subtasks = Vec::new();
        if let Some(items) = self.list_items(&f, "subtasks") {
            if depth >= MAX_TASK_DEPTH {
                let loc = f.key_loc("subtasks").unwrap_or(node.loc);
                self.error(
                    loc,
                    &f.path("subtasks"),
                    format!("các mục con lồng quá {MAX_TASK_DEPTH} cấp"),
                );
            } else {
                for (i, item) in items.iter().enumerate() {
                    if let Some(t) = self.task(
                        item,
                        &format!("{}[{}]", f.path("subtasks"), i + 1),
                        depth + 1,
                    ) {
                        subtasks.push(t);
                    }
                }
            }
        }
        let status = match f.get("status") {
            None => Status::Open,
            Some(n) => match self.scalar_text(n).as_deref().map(str::trim) {
                Some("open") => Status::Open,
                Some("done") => Status::Done,
                Some("cancelled") => Status::Cancelled,
                _ => {
                    self.error_hint(
                        n.loc,
                        &f.path("status"),
                        "trạng thái không hợp lệ",
                        "dùng một trong: open (đang làm), done (đã xong), cancelled (hủy)",
                    );
                    Status::Open
                }
            },
        };
        let done_on = self.date(&f, "done_on");
        let report = self.text(&f, "report");
        let extended_to = self.date(&f, "extended_to");
        let extension_note = self.text(&f, "extension_note");
        if let (Some(due), Some(ext), Some(n)) = (due, extended_to, f.get("extended_to")) {
            if ext <= due {
                self.diags.push(Diagnostic::warning(
                    n.loc,
                    f.path("extended_to"),
                    format!(
                        "hạn gia hạn {} không sau hạn ban đầu {}",
                        ext.short(),
                        due.short()
                    ),
                ));
            }
        }
        Some(Task {
            what: what?,
            lead,
            with,
            due,
            subtasks,
            status,
            done_on,
            report,
            extended_to,
            extension_note,
            loc: Some(node.loc),
        })
    }

    fn agenda_item(&mut self, node: &Node, path: &str) -> Option<AgendaItem> {
        let anchor = self.item_anchor(node);
        let f = self.fields(node, anchor, path, Some(AGENDA_FIELDS))?;
        let title = self.text_req(&f, "title", "tiêu đề mục, in sau số La Mã");
        let conclusion = self.markdown(&f, "conclusion");
        let after = self.markdown(&f, "after");
        let mut tasks = Vec::new();
        if let Some(items) = self.list_items(&f, "tasks") {
            for (i, item) in items.iter().enumerate() {
                if let Some(t) = self.task(item, &format!("{}[{}]", f.path("tasks"), i + 1), 1) {
                    tasks.push(t);
                }
            }
        }
        Some(AgendaItem {
            title: title?,
            conclusion,
            tasks,
            after,
        })
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

    fn layout(&mut self, f: &Fields) -> Layout {
        let mut layout = Layout::default();
        let Some(node) = f.get("layout") else {
            return layout;
        };
        let mut allowed: Vec<&str> = Layout::FIELDS.iter().map(|(n, _)| *n).collect();
        allowed.push("font_family");
        allowed.push("font_dir");
        let anchor = f.key_loc("layout").unwrap_or(node.loc);
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
                    format!("không có thư mục {}", dir.display()),
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
                    self.wrong_type(n, &l.path(name), "một số");
                    continue;
                }
            };
            let (min, max, unit) = Layout::range(name);
            if !(value.is_finite() && value > min && value <= max) {
                self.error_hint(
                    n.loc,
                    &l.path(name),
                    format!("`{value}` nằm ngoài khoảng cho phép"),
                    format!("cần một số lớn hơn {min} và không quá {max}{unit}"),
                );
                continue;
            }
            *field(&mut layout) = value as f32;
        }
        // The margins must leave room for the text (a page with none would
        // take the layout into an endless run of empty pages).
        let checks = [
            (
                layout.text_width_mm(),
                ["page_width_mm", "margin_left_mm", "margin_right_mm"],
                "chiều ngang",
            ),
            (
                layout.page_height_mm - layout.margin_top_mm - layout.margin_bottom_mm,
                ["page_height_mm", "margin_top_mm", "margin_bottom_mm"],
                "chiều dọc",
            ),
        ];
        for (room, keys, direction) in checks {
            if room < MIN_TEXT_AREA_MM {
                let key = keys.iter().rev().find(|k| l.get(k).is_some()).copied();
                let loc = key.and_then(|k| l.get(k)).map_or(l.anchor, |n| n.loc);
                self.error_hint(
                    loc,
                    &l.path(key.unwrap_or(keys[0])),
                    format!(
                        "lề trang chỉ để lại {room:.0} mm {direction} cho nội dung"
                    ),
                    format!(
                        "khổ giấy trừ hai lề phải còn ít nhất {MIN_TEXT_AREA_MM} mm ({} = {}, {} = {}, {} = {})",
                        keys[0],
                        field_value(&mut layout, keys[0]),
                        keys[1],
                        field_value(&mut layout, keys[1]),
                        keys[2],
                        field_value(&mut layout, keys[2]),
                    ),
                );
                layout = Layout::default();
            }
        }
        layout
    }

    /// Walks the whole (merged) tree.
    pub(crate) fn meeting(&mut self, root: &Node) -> Option<Meeting> {
        let f = self.fields(root, root.loc, "", Some(ROOT_FIELDS))?;
        self.departments(&f);

        let issuer = self
            .block(
                &f,
                "issuer",
                ISSUER_FIELDS,
                "cơ quan ban hành: name, code, place",
            )
            .and_then(|i| {
                let parent = self.text(&i, "parent");
                let name = self.text_req(&i, "name", "tên cơ quan ban hành");
                let code = self.text_req(&i, "code", "chữ viết tắt trong số ký hiệu, ví dụ UBND");
                let place = self.text_req(&i, "place", "địa danh ở dòng ngày tháng");
                Some(Issuer {
                    parent,
                    name: name?,
                    code: code?,
                    place: place?,
                })
            });

        let notice = self
            .block(
                &f,
                "notice",
                NOTICE_FIELDS,
                "ít nhất `summary`, trích yếu của thông báo",
            )
            .and_then(|nf| {
                let number = nf.get("number").and_then(|num| self.notice_number(num));
                let date = self.date(&nf, "date");
                let summary = self.text_req(&nf, "summary", "trích yếu in dưới chữ THÔNG BÁO");
                Some(NoticeInfo {
                    number,
                    date,
                    summary: summary?,
                })
            });

        let meeting_info = self
            .block(&f, "meeting", MEETING_FIELDS, "cuộc họp: name, date, chair")
            .and_then(|m| {
                let name = self.text_req(&m, "name", "ví dụ: phiên họp tháng 01 năm 2021");
                let date = self
                    .required(&m, "date", "ngày họp")
                    .and_then(|d| self.date_node(d, "meeting.date"));
                self.meeting_date = date;
                let time = self.text(&m, "time");
                let location = self.text(&m, "location");
                let host = self.text(&m, "host");
                let chair = self
                    .block(&m, "chair", CHAIR_FIELDS, "người chủ trì: name, title")
                    .and_then(|cf| {
                        let name = self.text_req(&cf, "name", "họ tên người kết luận");
                        let title = self.text_req(&cf, "title", "chức vụ người kết luận");
                        Some(Person {
                            name: name?,
                            title: title?,
                        })
                    });
                let attendees = self.text_list(&m, "attendees");
                let briefing = self.text(&m, "briefing");
                let opening = self.markdown(&m, "opening");
                Some((
                    name?, date?, time, location, host, chair?, attendees, briefing, opening,
                ))
            });

        let mut agenda = Vec::new();
        match f.get("agenda") {
            None => self.missing(&f, "agenda", "ít nhất một mục kết luận"),
            Some(n) => match &n.kind {
                NodeKind::Seq(items) if items.is_empty() => {
                    self.error(n.loc, "agenda", "cần ít nhất một mục");
                }
                NodeKind::Seq(items) => {
                    for (i, item) in items.iter().enumerate() {
                        if let Some(a) = self.agenda_item(item, &format!("agenda[{}]", i + 1)) {
                            agenda.push(a);
                        }
                    }
                }
                _ => self.wrong_type(
                    n,
                    "agenda",
                    "một danh sách các mục (mỗi mục bắt đầu bằng `- title:`)",
                ),
            },
        }

        let closing = self.text(&f, "closing");
        let recipients = self.text_list(&f, "recipients");
        let recipients_from_tasks = self.bool(&f, "recipients_from_tasks").unwrap_or(true);
        let archive = self.text_list(&f, "archive");

        let signer = self
            .block(&f, "signer", SIGNER_FIELDS, "người ký: position, name")
            .and_then(|s| {
                let authority = self.text_list(&s, "authority");
                let position =
                    self.text_req(&s, "position", "chức vụ người ký, ví dụ Chánh Văn phòng");
                let name = self.text_req(&s, "name", "họ tên người ký");
                Some(Signer {
                    authority,
                    position: position?,
                    name: name?,
                })
            });

        let layout = self.layout(&f);

        let issuer = issuer?;
        let notice = notice?;
        let (name, date, time, location, host, chair, attendees, briefing, opening) = meeting_info?;
        let signer = signer?;
        if let (Some(issued), Some(n)) = (notice.date, f.get("notice").and_then(|n| n.get("date")))
        {
            if issued < date {
                self.diags.push(Diagnostic::warning(
                    n.loc,
                    "notice.date",
                    format!(
                        "ngày thông báo {} trước ngày họp {}",
                        issued.short(),
                        date.short()
                    ),
                ));
            }
        }
        let host = host.unwrap_or_else(|| issuer.name.clone());
        Some(Meeting {
            meeting: MeetingInfo {
                name,
                date,
                time,
                location,
                host,
                chair,
                attendees,
                briefing: briefing.unwrap_or_else(|| DEFAULT_BRIEFING.to_string()),
                opening,
            },
            issuer,
            notice,
            agenda,
            closing,
            recipients,
            recipients_from_tasks,
            archive,
            signer,
            departments: std::mem::take(&mut self.departments),
            layout,
        })
    }

    fn notice_number(&mut self, node: &Node) -> Option<u32> {
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
                    "notice.number",
                    "số văn bản phải là số nguyên dương",
                    "ví dụ `number: 25`; bỏ trống trường này khi văn bản chưa có số",
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

/// The known name nearest to `word`, when it is near enough to be a likely typo.
fn nearest<'c>(word: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    let lower = word.to_lowercase();
    candidates
        .map(|c| (strsim::jaro_winkler(&lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}
