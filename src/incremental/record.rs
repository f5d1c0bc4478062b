//! What the site keeps of each meeting in the manifest ([`MeetingRecord`]),
//! and the manifest's JSON layout: one entry per meeting laid out for people
//! to read, what is inside a record on one line (a record holds every task
//! of the meeting; set out line by line, the manifest of a 1,000-meeting
//! archive was 14 MB).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::model::{DocumentKind, Status};
use crate::tracking::TrackedTask;

/// What the site's index, meeting page and dashboard need of one meeting,
/// kept in the manifest so that a site rebuild reads and composes only the
/// meetings that changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingRecord {
    /// Its documents, in the order it asks for them.
    pub documents: Vec<DocumentRecord>,
    /// Its tasks ([`crate::tracking::collect`]). In the file without their
    /// meeting and meeting file, which the entry names (see
    /// [`MeetingRecord::place`]).
    #[serde(with = "stored_tasks")]
    pub tasks: Vec<TrackedTask>,
}

impl MeetingRecord {
    /// Gives the tasks read back from a manifest their meeting (`stem`) and
    /// meeting file (`source`), which the file holds once, in the entry.
    pub(super) fn place(&mut self, stem: &str, source: &Path) {
        for t in &mut self.tasks {
            t.meeting = stem.to_string();
            t.file = source.to_path_buf();
        }
    }
}

/// One composed document as the index lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRecord {
    /// Which document.
    pub kind: DocumentKind,
    /// Its printed type (`THÔNG BÁO`).
    pub doc_type: String,
    /// Its trích yếu.
    pub title: String,
    /// The notice date, or the meeting's for a draft.
    pub date: Date,
    /// Số ký hiệu (`25/TB-UBND`), none for a draft.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The date of issue, none for a draft.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<Date>,
}

impl DocumentRecord {
    /// The record of a composed document.
    pub fn of(kind: DocumentKind, document: &crate::document::Document) -> DocumentRecord {
        let m = &document.metadata;
        DocumentRecord {
            kind,
            doc_type: document.doc_type.clone(),
            title: m.title.clone(),
            date: m.date,
            reference: m.reference.clone(),
            issued: m.issued,
        }
    }
}

/// The tasks of a record as the manifest holds them: every field of
/// [`TrackedTask`] but the meeting and its file.
mod stored_tasks {
    use super::*;

    /// A task as stored, borrowed for writing.
    #[derive(Serialize)]
    struct TaskRef<'a> {
        id: &'a str,
        line: u32,
        meeting_date: Date,
        notice: &'a Option<String>,
        notice_date: Option<Date>,
        lead: &'a [String],
        with: &'a [String],
        due: Option<Date>,
        extended_to: Option<Date>,
        extension_note: &'a Option<String>,
        status: Status,
        done_on: Option<Date>,
        report: &'a Option<String>,
        what: &'a str,
    }

    /// A task as stored, read back.
    #[derive(Deserialize)]
    struct Stored {
        id: String,
        line: u32,
        meeting_date: Date,
        notice: Option<String>,
        notice_date: Option<Date>,
        lead: Vec<String>,
        with: Vec<String>,
        due: Option<Date>,
        extended_to: Option<Date>,
        extension_note: Option<String>,
        status: Status,
        done_on: Option<Date>,
        report: Option<String>,
        what: String,
    }

    pub fn serialize<S: serde::Serializer>(tasks: &[TrackedTask], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(tasks.iter().map(|t| TaskRef {
            id: &t.id,
            line: t.line,
            meeting_date: t.meeting_date,
            notice: &t.notice,
            notice_date: t.notice_date,
            lead: &t.lead,
            with: &t.with,
            due: t.due,
            extended_to: t.extended_to,
            extension_note: &t.extension_note,
            status: t.status,
            done_on: t.done_on,
            report: &t.report,
            what: &t.what,
        }))
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<TrackedTask>, D::Error> {
        let stored = Vec::<Stored>::deserialize(d)?;
        Ok(stored
            .into_iter()
            .map(|t| TrackedTask {
                id: t.id,
                meeting: String::new(),
                file: PathBuf::new(),
                line: t.line,
                meeting_date: t.meeting_date,
                notice: t.notice,
                notice_date: t.notice_date,
                lead: t.lead,
                with: t.with,
                due: t.due,
                extended_to: t.extended_to,
                extension_note: t.extension_note,
                status: t.status,
                done_on: t.done_on,
                report: t.report,
                what: t.what,
            })
            .collect())
    }
}

/// The manifest's JSON layout: indented as `serde_json`'s pretty printer
/// does down to an entry's fields, and without line breaks below them.
pub(super) struct Formatter {
    depth: usize,
    /// Whether the container being closed had any element.
    has_value: bool,
}

/// How deep the layout breaks lines: the manifest (1), `entries` (2), an
/// entry (3).
const BROKEN_DEPTH: usize = 3;

impl Formatter {
    /// A formatter at the top of the document.
    pub(super) fn new() -> Formatter {
        Formatter {
            depth: 0,
            has_value: false,
        }
    }

    fn broken(&self) -> bool {
        self.depth <= BROKEN_DEPTH
    }

    fn indent<W: ?Sized + std::io::Write>(&self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b"\n")?;
        for _ in 0..self.depth {
            w.write_all(b"  ")?;
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for Formatter {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        let broken = self.broken();
        self.depth -= 1;
        if broken && self.has_value {
            self.indent(w)?;
        }
        w.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        if self.broken() {
            self.indent(w)?;
        }
        Ok(())
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        let broken = self.broken();
        self.depth -= 1;
        if broken && self.has_value {
            self.indent(w)?;
        }
        w.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        if self.broken() {
            self.indent(w)?;
        }
        Ok(())
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}
