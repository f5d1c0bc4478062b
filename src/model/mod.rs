//! The meeting: its types, and loading them from YAML with validation.
//!
//! [`load`] reads a meeting file and the nearest `ketluan.yaml`, merges them
//! ([`node::Node::merged_over`]), and [`schema`] turns the tree into a
//! [`Meeting`], collecting every problem on the way.

pub mod load;
pub mod node;
mod schema;

use serde::Serialize;

use crate::date::Date;
use crate::diag::Loc;
use crate::layout::Layout;

pub use load::{find_defaults, load_meeting, Loaded, DEFAULTS_FILE_NAME};
pub(crate) use schema::is_proper_name;

/// The agency that issues the notice.
#[derive(Clone, Debug, Serialize)]
pub struct Issuer {
    /// Cơ quan chủ quản (the line above the issuer's name), if any.
    pub parent: Option<String>,
    /// Cơ quan ban hành.
    pub name: String,
    /// Abbreviation in the number (`UBND` in `25/TB-UBND`).
    pub code: String,
    /// Địa danh of the date line.
    pub place: String,
}

/// The notice's own data.
#[derive(Clone, Debug, Serialize)]
pub struct NoticeInfo {
    /// The registry number; `None` for a draft.
    pub number: Option<u32>,
    /// The date of issue; `None` for a draft.
    pub date: Option<Date>,
    /// Trích yếu.
    pub summary: String,
}

/// A person with their titles.
#[derive(Clone, Debug, Serialize)]
pub struct Person {
    /// Full name.
    pub name: String,
    /// Titles, comma separated.
    pub title: String,
}

/// The meeting itself.
#[derive(Clone, Debug, Serialize)]
pub struct MeetingInfo {
    /// `phiên họp tháng 01 năm 2021`.
    pub name: String,
    /// When it was held.
    pub date: Date,
    /// Time of day, as written.
    pub time: Option<String>,
    /// Where.
    pub location: Option<String>,
    /// Who held it (defaults to the issuer's name).
    pub host: String,
    /// Who concluded.
    pub chair: Person,
    /// Who attended.
    pub attendees: Vec<String>,
    /// The clause before the chair concludes.
    pub briefing: String,
    /// Markdown replacing the whole opening paragraph.
    pub opening: Option<String>,
}

/// Tracking state of a task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Not finished.
    Open,
    /// Finished.
    Done,
    /// Dropped.
    Cancelled,
}

/// An assigned task.
#[derive(Clone, Debug, Serialize)]
pub struct Task {
    /// What is to be done (Markdown).
    #[serde(rename = "do")]
    pub what: String,
    /// Đơn vị chủ trì, directory codes expanded.
    pub lead: Vec<String>,
    /// Đơn vị phối hợp.
    pub with: Vec<String>,
    /// Deadline.
    pub due: Option<Date>,
    /// `- ` items under the task.
    pub subtasks: Vec<Task>,
    /// Tracking state (never printed).
    pub status: Status,
    /// Completion date.
    pub done_on: Option<Date>,
    /// The report that closed it.
    pub report: Option<String>,
    /// A later deadline granted after the notice.
    pub extended_to: Option<Date>,
    /// Who granted the extension, by which document.
    pub extension_note: Option<String>,
    /// Where the task stands in its file.
    #[serde(skip)]
    pub loc: Option<Loc>,
}

/// One section of the notice.
#[derive(Clone, Debug, Serialize)]
pub struct AgendaItem {
    /// Heading after the Roman numeral.
    pub title: String,
    /// Paragraphs before the tasks (Markdown).
    pub conclusion: Option<String>,
    /// Numbered tasks.
    pub tasks: Vec<Task>,
    /// Paragraphs after the tasks (Markdown).
    pub after: Option<String>,
}

/// Who signs.
#[derive(Clone, Debug, Serialize)]
pub struct Signer {
    /// Lines above the position (`TL. CHỦ TỊCH`).
    pub authority: Vec<String>,
    /// The position.
    pub position: String,
    /// The name.
    pub name: String,
}

/// A meeting file, loaded, merged with its defaults and validated.
#[derive(Clone, Debug, Serialize)]
pub struct Meeting {
    /// The issuing agency.
    pub issuer: Issuer,
    /// Number, date, trích yếu.
    pub notice: NoticeInfo,
    /// The meeting.
    pub meeting: MeetingInfo,
    /// Sections.
    pub agenda: Vec<AgendaItem>,
    /// The closing sentence, if set (without the final `./.`).
    pub closing: Option<String>,
    /// Nơi nhận, as listed.
    pub recipients: Vec<String>,
    /// Whether units named in tasks join Nơi nhận.
    pub recipients_from_tasks: bool,
    /// The `Lưu:` line's parts.
    pub archive: Vec<String>,
    /// The signer.
    pub signer: Signer,
    /// Unit directory: code → full name, in file order.
    pub departments: Vec<(String, String)>,
    /// Layout with the file's overrides.
    #[serde(skip)]
    pub layout: Layout,
}

impl Meeting {
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
