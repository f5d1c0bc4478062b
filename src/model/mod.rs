//! The meeting: its types, and loading them from YAML with validation.
//!
//! [`load`] reads a meeting file and the nearest `ketluan.yaml`, merges them
//! ([`node::Node::merged_over`]), and `validate` walks the tree by the
//! tables of [`format`](mod@format) into a [`Meeting`], collecting every
//! problem on the way. The structs here are deserialized from what that
//! walk produced: their field names are the format's.

pub mod format;
pub mod load;
pub mod node;
mod validate;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::diag::Loc;
use crate::layout::Layout;

pub use format::DocumentKind;
pub use load::{find_defaults, load_meeting, stem_of, Loaded, DEFAULTS_FILE_NAME};
pub(crate) use validate::is_proper_name;

/// Default clause before the chair concludes (`meeting.briefing`).
pub const DEFAULT_BRIEFING: &str = "Sau khi nghe báo cáo và ý kiến tham gia của các đại biểu";

/// The agency that issues the notice.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Issuer {
    /// Cơ quan chủ quản (the line above the issuer's name), if any.
    pub parent: Option<String>,
    /// Cơ quan ban hành.
    pub name: String,
    /// Abbreviation in the number (`UBND` in `25/TB-UBND`).
    pub code: String,
    /// Địa danh of the date line.
    pub place: String,
    /// Ký hiệu of a công văn, agency and drafting unit (`VP-TH` in
    /// `12/VP-TH`); `None`: `<code>-TH`.
    #[serde(default)]
    pub letter_code: Option<String>,
}

/// The notice's own data (block `notice`).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct NoticeInfo {
    /// The registry number; `None` for a draft.
    pub number: Option<u32>,
    /// The date of issue; `None` for a draft.
    pub date: Option<Date>,
    /// Trích yếu.
    pub summary: String,
}

/// The invitation's own data (block `invitation`).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Invitation {
    /// The registry number; `None` for a draft.
    pub number: Option<u32>,
    /// The date of signing; `None` for a draft.
    pub date: Option<Date>,
    /// Trích yếu: the subject of the meeting.
    pub summary: String,
    /// Who is invited (default: `meeting.attendees`).
    pub invitees: Vec<String>,
    /// The points to note (Markdown).
    pub notes: Option<String>,
    /// Who signs (default: the top-level `signer`).
    pub signer: Signer,
    /// Nơi nhận (default: the invitees).
    #[serde(default)]
    pub recipients: Vec<String>,
}

/// The minutes' own data (block `minutes`).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Minutes {
    /// The registry number; `None` for a draft.
    pub number: Option<u32>,
    /// What was reported and said, in order (Markdown).
    pub proceedings: String,
    /// Whether the chair's conclusions (the `agenda`) close the content.
    pub conclusions: bool,
    /// Nơi nhận, before the fixed `Lưu: VT, Hồ sơ.`
    #[serde(default)]
    pub recipients: Vec<String>,
}

/// A person with their titles.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Person {
    /// Full name.
    pub name: String,
    /// Titles, comma separated.
    pub title: String,
}

/// The meeting itself.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MeetingInfo {
    /// `phiên họp tháng 01 năm 2021`.
    pub name: String,
    /// When it was held.
    pub date: Date,
    /// Time of day it starts, as written.
    pub time: Option<String>,
    /// Time of day it ended, as written.
    pub ends: Option<String>,
    /// Where.
    pub location: Option<String>,
    /// Who held it (defaults to the issuer's name).
    pub host: String,
    /// Who chaired and concluded.
    pub chair: Person,
    /// Who kept the minutes.
    pub secretary: Option<Person>,
    /// Who attended.
    #[serde(default)]
    pub attendees: Vec<String>,
    /// Who was absent, each with the reason as written.
    #[serde(default)]
    pub absent: Vec<String>,
    /// The clause before the chair concludes.
    pub briefing: String,
    /// Markdown replacing the whole opening paragraph.
    pub opening: Option<String>,
}

/// Tracking state of a task.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Not finished.
    #[default]
    Open,
    /// Finished.
    Done,
    /// Dropped.
    Cancelled,
}

/// An assigned task.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Task {
    /// What is to be done (Markdown).
    #[serde(rename = "do")]
    pub what: String,
    /// Đơn vị chủ trì, directory codes expanded.
    #[serde(default)]
    pub lead: Vec<String>,
    /// Đơn vị phối hợp.
    #[serde(default)]
    pub with: Vec<String>,
    /// Deadline.
    pub due: Option<Date>,
    /// `- ` items under the task.
    #[serde(default)]
    pub subtasks: Vec<Task>,
    /// Tracking state (never printed).
    #[serde(default)]
    pub status: Status,
    /// Completion date.
    pub done_on: Option<Date>,
    /// The report that closed it.
    pub report: Option<String>,
    /// A later deadline granted after the notice.
    pub extended_to: Option<Date>,
    /// Who granted the extension, by which document.
    pub extension_note: Option<String>,
    /// The deadline the lead unit asked to move to, not granted yet (a
    /// grant is `extended_to`).
    pub extension_requested: Option<Date>,
    /// The lead unit asked to drop the task, not granted yet (a grant is
    /// `status: cancelled`).
    #[serde(default)]
    pub cancel_requested: bool,
    /// Where the task stands in its file.
    #[serde(skip_serializing, default)]
    pub loc: Option<Loc>,
}

/// One section of the notice.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AgendaItem {
    /// Heading after the Roman numeral.
    pub title: String,
    /// Paragraphs before the tasks (Markdown).
    pub conclusion: Option<String>,
    /// Numbered tasks.
    #[serde(default)]
    pub tasks: Vec<Task>,
    /// Paragraphs after the tasks (Markdown).
    pub after: Option<String>,
}

/// Who signs.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Signer {
    /// Lines above the position (`TL. CHỦ TỊCH`).
    #[serde(default)]
    pub authority: Vec<String>,
    /// The position.
    pub position: String,
    /// The name.
    pub name: String,
}

/// A meeting file, loaded, merged with its defaults and validated. A
/// document's block is `Some` exactly when the file asks for it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Meeting {
    /// The issuing agency.
    pub issuer: Issuer,
    /// The meeting.
    pub meeting: MeetingInfo,
    /// Who signs the notice (required by it).
    pub signer: Option<Signer>,
    /// The invitation: number, date, trích yếu, invitees.
    pub invitation: Option<Invitation>,
    /// The minutes: number, proceedings.
    pub minutes: Option<Minutes>,
    /// The notice: number, date, trích yếu.
    pub notice: Option<NoticeInfo>,
    /// Sections (required by the notice; printed in the minutes too).
    #[serde(default)]
    pub agenda: Vec<AgendaItem>,
    /// The closing sentence, if set (without the final `./.`).
    pub closing: Option<String>,
    /// Nơi nhận of the notice, as listed.
    #[serde(default)]
    pub recipients: Vec<String>,
    /// Whether units named in tasks join Nơi nhận.
    pub recipients_from_tasks: bool,
    /// The `Lưu:` line's parts.
    #[serde(default)]
    pub archive: Vec<String>,
    /// Unit directory: code → full name, in file order.
    #[serde(default)]
    pub departments: Vec<(String, String)>,
    /// The issuer's seal, for placing it when signing.
    #[serde(default)]
    pub seal: Option<Seal>,
    /// How numbers are given: the series.
    #[serde(default)]
    pub numbering: Numbering,
    /// Layout with the file's overrides.
    #[serde(skip)]
    pub layout: Layout,
}

/// The issuer's seal (`seal`).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Seal {
    /// Its diameter, mm (none: no place for it is written).
    pub diameter_mm: Option<f32>,
}

/// How the office numbers its documents (`numbering`, usually in
/// ketluan.yaml): one series for every type (keyed by `issuer.code`)
/// unless `series` splits them (Decree 30/2020/NĐ-CP, Điều 15.1c;
/// `issuing::series_for`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Numbering {
    /// Series key → the document types it numbers
    /// ([`format::DOCUMENT_TYPES`]: `thong-bao`, `giay-moi`, …).
    #[serde(default)]
    pub series: std::collections::BTreeMap<String, Vec<String>>,
}

impl Meeting {
    /// The documents the file asks for, in [`DocumentKind::ALL`] order.
    pub fn documents(&self) -> Vec<DocumentKind> {
        DocumentKind::ALL
            .into_iter()
            .filter(|k| match k {
                DocumentKind::Notice => self.notice.is_some(),
                DocumentKind::Invitation => self.invitation.is_some(),
                DocumentKind::Minutes => self.minutes.is_some(),
            })
            .collect()
    }

    /// Every task, depth first (a task before its subtasks), with its section index.
    pub fn all_tasks(&self) -> Vec<(usize, &Task)> {
        fn walk<'a>(section: usize, tasks: &'a [Task], out: &mut Vec<(usize, &'a Task)>) {
            for t in tasks {
                out.push((section, t));
                walk(section, &t.subtasks, out);
            }
        }
        let mut out = Vec::new();
        for (i, item) in self.agenda.iter().enumerate() {
            walk(i, &item.tasks, &mut out);
        }
        out
    }
}
