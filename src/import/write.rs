//! Writes a notice read back as a meeting file: the keys in the order of
//! `ketluan new`'s skeleton, with its Vietnamese comments, and a
//! `# kiểm tra: …` comment on each value the importer inferred.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::model::DocumentKind;

use super::notice::{Notice, Task};

/// A value to check, where the meeting file holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    /// 1-based line in the written file.
    pub line: usize,
    /// The field's path (`agenda[0].tasks[2].lead`).
    pub field: String,
    /// Why, in the user's language.
    pub why: String,
}

/// The meeting file's text and the values in it to check.
pub struct Written {
    /// The YAML text.
    pub text: String,
    /// The inferred values.
    pub checks: Vec<Check>,
}

/// The skeleton's comment for each field path (indexes left out:
/// `agenda.tasks.lead`), read from `ketluan new`'s skeleton, its
/// commented-out blocks included.
fn skeleton_comments() -> &'static HashMap<String, String> {
    static MAP: OnceLock<HashMap<String, String>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = HashMap::new();
        let mut stack: Vec<(usize, String)> = Vec::new();
        for raw in crate::template::NEW_MEETING.lines() {
            let line = raw.strip_prefix("# ").unwrap_or(raw);
            let indent = line.len() - line.trim_start().len();
            let body = line.trim_start();
            let (indent, body) = match body.strip_prefix("- ") {
                Some(b) => (indent + 2, b),
                None => (indent, body),
            };
            let Some((key, rest)) = body.split_once(':') else {
                continue;
            };
            if key.is_empty() || !key.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                continue;
            }
            while stack.last().is_some_and(|(i, _)| *i >= indent) {
                stack.pop();
            }
            let path = stack
                .iter()
                .map(|(_, k)| k.as_str())
                .chain(std::iter::once(key))
                .collect::<Vec<_>>()
                .join(".");
            if let Some((_, comment)) = rest.split_once(" # ") {
                map.entry(path.clone())
                    .or_insert_with(|| comment.trim().to_string());
            }
            stack.push((indent, key.to_string()));
        }
        map
    })
}

/// A text as a YAML scalar: plain when it reads back as the same text,
/// else double-quoted.
pub fn scalar(text: &str) -> String {
    let iso_date =
        text.len() == 10 && crate::date::Date::parse(text).is_ok_and(|d| d.iso() == text);
    let number = !text.is_empty() && text.len() < 10 && text.chars().all(|c| c.is_ascii_digit());
    if iso_date || number {
        // Read back as the date or number it is meant to be.
        return text.to_string();
    }
    let plain = !text.is_empty()
        && text.trim() == text
        && !text.contains(['\n', '\t', '"', '\\'])
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && text
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || (c.is_ascii_digit() && text.contains(' ')))
        && !matches!(
            text.to_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "null" | "on" | "off" | "y" | "n"
        );
    if plain {
        text.to_string()
    } else {
        quoted(text)
    }
}

/// A text double-quoted, with YAML's escapes.
fn quoted(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
        .replace('\t', "\\t");
    format!("\"{escaped}\"")
}

struct Out {
    text: String,
    checks: Vec<Check>,
    /// Fields whose skeleton comment is written (once per field: the first
    /// task has them, the others not).
    explained: std::collections::HashSet<String>,
}

impl Out {
    fn line(&mut self, s: &str) {
        self.text.push_str(s);
        self.text.push('\n');
    }

    /// The skeleton's comment on `path`, the first time only.
    fn explanation(&mut self, path: &str) -> String {
        match skeleton_comments().get(path) {
            Some(c) if self.explained.insert(path.to_string()) => format!("  # {c}"),
            _ => String::new(),
        }
    }

    fn lines_so_far(&self) -> usize {
        self.text.matches('\n').count()
    }

    /// `key: value` at `indent`, with the skeleton's comment for `path`
    /// (unless `check` replaces it by a `kiểm tra` comment). Multi-line
    /// text is a literal block.
    fn field(&mut self, indent: usize, path: &str, field: &str, value: &str, check: Option<&str>) {
        if value.trim().is_empty() {
            // Not in the notice: left for the defaults file (ketluan.yaml)
            // to give, or for `check` to ask for.
            return;
        }
        let key = path.rsplit('.').next().unwrap_or(path);
        let pad = " ".repeat(indent);
        let comment = match check {
            Some(why) => {
                self.checks.push(Check {
                    line: self.lines_so_far() + 1,
                    field: field.to_string(),
                    why: why.to_string(),
                });
                format!("  # {}", crate::tr!("import.check.comment", why = why))
            }
            None => self.explanation(path),
        };
        if value.contains('\n') {
            self.line(&format!("{pad}{key}: |{comment}"));
            for l in value.lines() {
                if l.is_empty() {
                    self.line("");
                } else {
                    self.line(&format!("{pad}  {l}"));
                }
            }
        } else {
            self.line(&format!("{pad}{key}: {}{comment}", scalar(value)));
        }
    }

    /// [`Out::field`] for a field of the notice whose path is its own, with
    /// the notice's check on it, if any.
    fn checked(&mut self, indent: usize, path: &str, value: &str, n: &Notice) {
        self.field(indent, path, path, value, why(n, path).as_deref());
    }

    fn list(&mut self, indent: usize, path: &str, items: &[String]) {
        let key = path.rsplit('.').next().unwrap_or(path);
        let pad = " ".repeat(indent);
        let comment = self.explanation(path);
        self.line(&format!("{pad}{key}:{comment}"));
        for i in items {
            self.line(&format!("{pad}  - {}", scalar(i)));
        }
    }
}

/// The message of a check reason (`import.check.<reason>`).
fn why(notice: &Notice, field: &str) -> Option<String> {
    notice
        .checks
        .iter()
        .find(|(f, _)| f == field)
        .map(|(_, r)| crate::i18n::text(&format!("import.check.{r}")))
}

/// The meeting file of a notice read from `source` (its name, for the
/// file's first comment).
pub fn meeting_file(notice: &Notice, source: &str, schema_line: &str) -> Written {
    let mut o = Out {
        text: String::new(),
        checks: Vec::new(),
        explained: Default::default(),
    };
    let n = notice;
    o.line(schema_line);
    o.line(&format!(
        "# {}",
        crate::tr!("import.file_comment", file = source)
    ));
    if !(n.issuer.is_empty() && n.code.is_empty() && n.place.is_empty()) {
        o.line("");
        o.line("issuer:");
        if let Some(p) = &n.parent {
            o.checked(2, "issuer.parent", p, n);
        }
        o.checked(2, "issuer.name", &n.issuer, n);
        o.checked(2, "issuer.code", &n.code, n);
        o.checked(2, "issuer.place", &n.place, n);
    }
    o.line("");
    meeting(&mut o, n);
    if !(n.signer.is_empty() && n.position.is_empty()) {
        o.line("");
        o.line("signer:");
        if !n.authority.is_empty() {
            o.line(&format!("  authority: [{}]", flow(&n.authority)));
        }
        o.checked(2, "signer.position", &n.position, n);
        o.checked(2, "signer.name", &n.signer, n);
    }
    o.line("");
    if !n.sections.is_empty() {
        agenda(&mut o, n);
        o.line("");
    }
    document_block(&mut o, n);
    o.line("");
    if let Some(c) = &n.closing {
        o.field(0, "closing", "closing", c, None);
    }
    if !n.recipients.is_empty() && n.kind.is_none_or(|k| k == DocumentKind::Notice) {
        o.list(0, "recipients", &n.recipients);
    }
    if !n.archive.is_empty() {
        o.line(&format!("archive: [{}]", flow(&n.archive)));
    }
    Written {
        text: o.text,
        checks: o.checks,
    }
}

/// Items of a flow list (`[TL. CHỦ TỊCH]`, `[VT, TH]`).
fn flow(items: &[String]) -> String {
    items
        .iter()
        .map(|a| {
            if a.contains([',', '[', ']', '{', '}']) {
                // Inside `[…]` these end or nest the list: quoted.
                quoted(a)
            } else {
                scalar(a)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The `meeting:` block.
fn meeting(o: &mut Out, n: &Notice) {
    let m = &n.meeting;
    o.line("meeting:");
    o.checked(2, "meeting.name", &m.name, n);
    let date = m.date.map(|d| d.iso()).unwrap_or_default();
    o.checked(2, "meeting.date", &date, n);
    for (path, value) in [
        ("meeting.time", &m.time),
        ("meeting.location", &m.location),
        ("meeting.host", &m.host),
    ] {
        if let Some(v) = value {
            o.checked(2, path, v, n);
        }
    }
    o.line("  chair:");
    o.checked(4, "meeting.chair.name", &m.chair_name, n);
    o.checked(4, "meeting.chair.title", &m.chair_title, n);
    if !m.attendees.is_empty() {
        o.list(2, "meeting.attendees", &m.attendees);
    }
    if let Some(e) = &m.ends {
        o.checked(2, "meeting.ends", e, n);
    }
    if let Some((name, title)) = &m.secretary {
        o.line("  secretary:");
        o.checked(4, "meeting.secretary.name", name, n);
        o.checked(4, "meeting.secretary.title", title, n);
    }
    if !m.absent.is_empty() {
        o.list(2, "meeting.absent", &m.absent);
    }
    if let Some(b) = &m.briefing {
        o.checked(2, "meeting.briefing", b, n);
    }
    if let Some(op) = &m.opening {
        o.checked(2, "meeting.opening", &block(op), n);
    }
}

/// `notice:` (or `invitation:`, `minutes:`) with number, date, trích yếu.
fn document_block(o: &mut Out, n: &Notice) {
    let key = n.kind.unwrap_or(DocumentKind::Notice).block();
    o.line(&format!("{key}:"));
    let number = n.number.map(|v| v.to_string()).unwrap_or_default();
    o.checked(2, &format!("{key}.number"), &number, n);
    if key != "minutes" {
        let date = n.date.map(|d| d.iso()).unwrap_or_default();
        o.checked(2, &format!("{key}.date"), &date, n);
        o.checked(2, &format!("{key}.summary"), &n.summary, n);
    }
    if key == "invitation" && !n.invitees.is_empty() {
        o.list(2, "invitation.invitees", &n.invitees);
    }
    if key != "notice" && !n.recipients.is_empty() {
        o.list(2, &format!("{key}.recipients"), &n.recipients);
    }
    if !n.own_text.is_empty() {
        let text = block(&n.own_text.join("\n\n"));
        let field = if key == "invitation" {
            "invitation.notes"
        } else {
            "minutes.proceedings"
        };
        o.checked(2, field, &text, n);
    }
}

/// Markdown paragraphs as a literal block's text (always multi-line).
fn block(text: &str) -> String {
    format!("{}\n", text.trim_end())
}

fn agenda(o: &mut Out, n: &Notice) {
    o.line("agenda:");
    for (s, section) in n.sections.iter().enumerate() {
        let base = format!("agenda[{s}]");
        let title_check = section
            .title_check
            .then(|| crate::tr!("import.check.section_title"));
        let title = format!("  - title: {}", scalar(&section.title));
        match title_check {
            Some(why) => {
                o.checks.push(Check {
                    line: o.lines_so_far() + 1,
                    field: format!("{base}.title"),
                    why: why.clone(),
                });
                o.line(&format!(
                    "{title}  # {}",
                    crate::tr!("import.check.comment", why = why)
                ));
            }
            None => o.line(&title),
        }
        if !section.conclusion.is_empty() {
            let text = block(&section.conclusion.join("\n\n"));
            o.field(
                4,
                "agenda.conclusion",
                &format!("{base}.conclusion"),
                &text,
                None,
            );
        }
        if !section.tasks.is_empty() {
            o.line("    tasks:");
            for (t, task) in section.tasks.iter().enumerate() {
                write_task(o, task, 6, &format!("{base}.tasks[{t}]"));
            }
        }
        if !section.after.is_empty() {
            let text = block(&section.after.join("\n\n"));
            o.field(4, "agenda.after", &format!("{base}.after"), &text, None);
        }
    }
}

fn write_task(o: &mut Out, t: &Task, indent: usize, base: &str) {
    let pad = " ".repeat(indent);
    let mut first = true;
    let mut key = |o: &mut Out, name: &str, value: &str, check: Option<String>| {
        let path = format!("agenda.tasks.{name}");
        let at = o.text.len();
        o.field(
            indent + 2,
            &path,
            &format!("{base}.{name}"),
            value,
            check.as_deref(),
        );
        if first {
            // `- ` in place of the first key's indentation.
            o.text
                .replace_range(at..at + indent + 2, &format!("{pad}- "));
            first = false;
        }
    };
    let check =
        |reason: Option<&str>| reason.map(|r| crate::i18n::text(&format!("import.check.{r}")));
    if !t.lead.is_empty() {
        key(o, "lead", &t.lead.join("; "), check(t.lead_check));
    }
    if !t.with.is_empty() {
        key(o, "with", &t.with.join("; "), None);
    }
    let text = t.text.join("\n\n");
    let text = if t.text.len() > 1 { block(&text) } else { text };
    key(o, "do", &text, None);
    if let Some(d) = t.due {
        key(o, "due", &d.iso(), check(t.due_check));
    }
    if !t.subtasks.is_empty() {
        o.line(&format!("{pad}  subtasks:"));
        for (i, s) in t.subtasks.iter().enumerate() {
            write_task(o, s, indent + 4, &format!("{base}.subtasks[{i}]"));
        }
    }
}
