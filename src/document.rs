//! The notice as a document: every line of text in its final form (capitals,
//! numbers, dates), the body as paragraphs, ready for a backend to lay out.

use crate::date::Date;
use crate::layout::Layout;
use crate::markdown::{self, Block};
use crate::model::Meeting;
use crate::template::{TemplateError, Templates};

/// The Quốc hiệu.
pub const NATIONAL_TITLE: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
/// The Tiêu ngữ.
pub const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";
/// The tên loại of a notice.
pub const DOC_TYPE: &str = "THÔNG BÁO";
/// Heading of the recipient list.
pub const RECIPIENTS_HEADING: &str = "Nơi nhận:";
/// The blank left for the registry to fill in a draft's number or date.
const BLANK: &str = "      ";

/// Document properties (DOCX core properties, PDF metadata).
#[derive(Clone, Debug, PartialEq)]
pub struct Metadata {
    /// The trích yếu.
    pub title: String,
    /// The issuer.
    pub author: String,
    /// `THÔNG BÁO` and the number.
    pub subject: String,
    /// The notice date, or the meeting date for a draft (never the wall clock).
    pub date: Date,
}

/// A column of a [`Table`].
#[derive(Clone, Debug, PartialEq)]
pub struct TableColumn {
    /// Heading.
    pub title: String,
    /// Share of the text width (the shares of a table add up to 1).
    pub share: f32,
    /// Centred cells (otherwise left-aligned).
    pub centred: bool,
}

/// A bordered table after the body (the report's list of tasks); its
/// heading row repeats on every page.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The columns.
    pub columns: Vec<TableColumn>,
    /// The rows, one text per column.
    pub rows: Vec<Vec<String>>,
}

/// A document ready for layout: a notice, or a report in the same house layout.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// Tên loại: `THÔNG BÁO`, `BÁO CÁO`.
    pub doc_type: String,
    /// Cơ quan chủ quản, in capitals.
    pub parent: Option<String>,
    /// Cơ quan ban hành, in capitals.
    pub issuer: String,
    /// `Số: 25/TB-UBND`.
    pub number_line: String,
    /// `Lai Châu, ngày 27 tháng 01 năm 2021`.
    pub date_line: String,
    /// Trích yếu.
    pub summary: String,
    /// The body paragraphs.
    pub body: Vec<Block>,
    /// A table after the body, if any.
    pub table: Option<Table>,
    /// Nơi nhận lines, `- X;` … `- Lưu: VT, TH.`
    pub recipients: Vec<String>,
    /// Authority lines, in capitals.
    pub authority: Vec<String>,
    /// The signer's position, in capitals.
    pub position: String,
    /// The signer's name.
    pub signer_name: String,
    /// Document properties.
    pub metadata: Metadata,
    /// The layout to use.
    pub layout: Layout,
}

/// Capitals, NFC.
pub fn caps(s: &str) -> String {
    crate::text::nfc(&s.to_uppercase())
}

/// A recipient's name as compared and printed: no final `;`, `.` or `,`.
fn bare_name(s: &str) -> &str {
    s.trim().trim_end_matches([';', '.', ',']).trim_end()
}

/// What two recipient names are compared by: bare, lower case.
fn unit_key(s: &str) -> String {
    bare_name(s).to_lowercase()
}

/// Nơi nhận: the listed recipients, then (when asked) every proper-named
/// unit of the tasks in order of first mention, then the `Lưu:` line.
pub fn recipient_lines(meeting: &Meeting) -> Vec<String> {
    let mut names: Vec<String> = meeting.recipients.clone();
    let mut seen: std::collections::HashSet<String> = names.iter().map(|n| unit_key(n)).collect();
    if meeting.recipients_from_tasks {
        for (_, task) in meeting.all_tasks() {
            for unit in task.lead.iter().chain(&task.with) {
                if crate::model::is_proper_name(unit) && seen.insert(unit_key(unit)) {
                    names.push(unit.clone());
                }
            }
        }
    }
    format_recipients(&names, &meeting.archive)
}

/// The printed Nơi nhận: `- X;` for each name, then `- Lưu: VT, TH.`
/// (`- Lưu: VT.` when `archive` is empty).
pub fn format_recipients(names: &[String], archive: &[String]) -> Vec<String> {
    let mut lines: Vec<String> = names
        .iter()
        .map(|n| format!("- {};", bare_name(n)))
        .collect();
    let archive = if archive.is_empty() {
        "VT".to_string()
    } else {
        archive.join(", ")
    };
    lines.push(format!("- Lưu: {}.", archive.trim_end_matches('.')));
    lines
}

/// The `Số:` line; a draft keeps a blank for the number.
pub fn number_line(meeting: &Meeting) -> String {
    match meeting.notice.number {
        Some(n) => format!("Số: {n:02}/TB-{}", meeting.issuer.code),
        None => format!("Số:{BLANK}/TB-{}", meeting.issuer.code),
    }
}

/// The place and date line; a draft keeps blanks for day and month.
pub fn date_line(meeting: &Meeting) -> String {
    match meeting.notice.date {
        Some(d) => format!("{}, {}", meeting.issuer.place, d.long()),
        None => format!(
            "{}, ngày{BLANK}tháng{BLANK}năm {}",
            meeting.issuer.place,
            meeting.meeting.date.year()
        ),
    }
}

/// Builds the notice: the template writes the body as Markdown, which is
/// parsed into paragraphs; the header and signature lines are set here.
pub fn compose(meeting: &Meeting, templates: &Templates) -> Result<Notice, TemplateError> {
    let body_markdown = templates.render_body(meeting)?;
    let body = markdown::parse_blocks(&crate::text::nfc(&body_markdown));
    let number_line = number_line(meeting);
    Ok(Notice {
        doc_type: DOC_TYPE.to_string(),
        table: None,
        parent: meeting.issuer.parent.as_deref().map(caps),
        issuer: caps(&meeting.issuer.name),
        date_line: date_line(meeting),
        summary: meeting.notice.summary.clone(),
        body,
        recipients: recipient_lines(meeting),
        authority: meeting.signer.authority.iter().map(|a| caps(a)).collect(),
        position: caps(&meeting.signer.position),
        signer_name: meeting.signer.name.clone(),
        metadata: Metadata {
            title: meeting.notice.summary.clone(),
            author: meeting.issuer.name.clone(),
            subject: match meeting.notice.number {
                Some(_) => format!("{DOC_TYPE} {number_line}"),
                None => format!("{DOC_TYPE} (dự thảo)"),
            },
            date: meeting.notice.date.unwrap_or(meeting.meeting.date),
        },
        number_line,
        layout: meeting.layout.clone(),
    })
}
