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
    /// Its tasks ([`crate::tracking::collect`]), each `what` shortened to
    /// [`RECORDED_WHAT`] characters as the site's pages show it. In the file
    /// without their meeting and meeting file, which the entry names once.
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

/// How much of a task's text a record keeps: what the site's pages show
/// ([`TrackedTask::short_what`]); the whole text is in the meeting file.
pub const RECORDED_WHAT: usize = 200;

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
    use std::borrow::Cow;

    use super::*;

    /// A task as stored: borrowed from the task when written, owned when
    /// read back.
    #[derive(Serialize, Deserialize)]
    struct Stored<'a> {
        id: Cow<'a, str>,
        line: u32,
        meeting_date: Date,
        notice: Cow<'a, Option<String>>,
        notice_date: Option<Date>,
        lead: Cow<'a, [String]>,
        with: Cow<'a, [String]>,
        due: Option<Date>,
        extended_to: Option<Date>,
        extension_note: Cow<'a, Option<String>>,
        status: Status,
        done_on: Option<Date>,
        report: Cow<'a, Option<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        extension_requested: Option<Date>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        cancel_requested: bool,
        what: Cow<'a, str>,
    }

    pub fn serialize<S: serde::Serializer>(tasks: &[TrackedTask], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(tasks.iter().map(|t| Stored {
            id: Cow::Borrowed(&t.id),
            line: t.line,
            meeting_date: t.meeting_date,
            notice: Cow::Borrowed(&t.notice),
            notice_date: t.notice_date,
            lead: Cow::Borrowed(&t.lead),
            with: Cow::Borrowed(&t.with),
            due: t.due,
            extended_to: t.extended_to,
            extension_note: Cow::Borrowed(&t.extension_note),
            status: t.status,
            done_on: t.done_on,
            report: Cow::Borrowed(&t.report),
            extension_requested: t.extension_requested,
            cancel_requested: t.cancel_requested,
            what: Cow::Borrowed(&t.what),
        }))
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<TrackedTask>, D::Error> {
        let stored = Vec::<Stored>::deserialize(d)?;
        Ok(stored
            .into_iter()
            .map(|t| TrackedTask {
                id: t.id.into_owned(),
                meeting: String::new(),
                file: PathBuf::new(),
                line: t.line,
                meeting_date: t.meeting_date,
                notice: t.notice.into_owned(),
                notice_date: t.notice_date,
                lead: t.lead.into_owned(),
                with: t.with.into_owned(),
                due: t.due,
                extended_to: t.extended_to,
                extension_note: t.extension_note.into_owned(),
                status: t.status,
                done_on: t.done_on,
                report: t.report.into_owned(),
                extension_requested: t.extension_requested,
                cancel_requested: t.cancel_requested,
                what: t.what.into_owned(),
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

impl Formatter {
    /// Opens an array or object.
    fn open<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    /// Closes an array or object, on a line of its own if it broke lines.
    fn close<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        let broken = self.broken();
        self.depth -= 1;
        if broken && self.has_value {
            self.indent(w)?;
        }
        w.write_all(bracket)
    }

    /// Starts an element or a key: after a comma, on a line of its own if
    /// its container breaks lines.
    fn item<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        if self.broken() {
            self.indent(w)?;
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for Formatter {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}
