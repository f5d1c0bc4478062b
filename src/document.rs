//! The meeting's documents (thông báo, giấy mời, biên bản): every line of
//! text in its final form (capitals, numbers, dates), the body as
//! paragraphs, ready for a backend to lay out.

use crate::body::{Block, BlockKind, BodyPart, Inline};
use crate::date::Date;
use crate::layout::Layout;
use crate::markdown;
use crate::model::{DocumentKind, Meeting, Signer};
use crate::template::{self, TemplateError, Templates};
use crate::typeset::frame::Frame;

pub use crate::layout::{MOTTO, NATIONAL_TITLE};
/// The secretary's title over their signature in the minutes.
pub const SECRETARY_TITLE: &str = "THƯ KÝ";
/// The chair's title over their signature in the minutes.
pub const CHAIR_TITLE: &str = "CHỦ TỌA";
/// Heading of the recipient list.
pub const RECIPIENTS_HEADING: &str = "Nơi nhận:";
/// The blank left for the registry to fill in a draft's number or date.
pub const BLANK: &str = "      ";
/// The least width of the number's blank in a document made for signing
/// (`render --for-signing`), points: room for a number written in by an
/// e-office.
pub const SIGNING_BLANK_PT: f32 = 28.0;

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
    /// Số ký hiệu without `Số:` (`25/TB-UBND`); `None` for a draft.
    pub reference: Option<String>,
    /// The date of issue; `None` for a draft.
    pub issued: Option<Date>,
}

/// One centred line of an appendix's heading block, styled as the
/// template wrote it: `Phụ lục` (bold), the title (bold capitals),
/// `(Kèm theo …)` (italic).
#[derive(Clone, Debug, PartialEq)]
pub struct HeadingLine {
    /// The text (capitals already applied where the template wrote them).
    pub text: String,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
}

/// A Phụ lục (Decree 30, Phụ lục I, III.1): printed after the signature,
/// from a new page, its pages numbered on their own (the first shows no
/// number); its heading lines centred over its body.
#[derive(Clone, Debug, PartialEq)]
pub struct Appendix {
    /// `Phụ lục`, the title, `(Kèm theo …)`.
    pub heading: Vec<HeadingLine>,
    /// Its paragraphs and tables.
    pub body: Vec<BodyPart>,
}

/// Splits a template's parsed output at each level-1 heading (`# Phụ
/// lục`): what comes before is the body; each heading starts an appendix
/// whose heading block is the heading and the paragraphs right after it,
/// up to its first table or other part.
pub fn split_appendices(parts: Vec<BodyPart>) -> (Vec<BodyPart>, Vec<Appendix>) {
    let mut body = Vec::new();
    let mut appendices: Vec<Appendix> = Vec::new();
    for part in parts {
        let line = |b: &Block| {
            let texts = || {
                b.inlines.iter().filter_map(|i| match i {
                    Inline::Text { bold, italic, .. } => Some((*bold, *italic)),
                    Inline::LineBreak => None,
                })
            };
            HeadingLine {
                text: b.plain_text().replace('\n', " "),
                bold: texts().all(|(bold, _)| bold),
                italic: texts().all(|(_, italic)| italic),
            }
        };
        match (&part, appendices.last_mut()) {
            (BodyPart::Paragraph(b), _) if b.kind == BlockKind::AppendixHeading => {
                appendices.push(Appendix {
                    heading: vec![line(b)],
                    body: Vec::new(),
                });
            }
            // Still in the appendix's heading block: nothing of its body yet.
            (BodyPart::Paragraph(b), Some(a)) if a.body.is_empty() && b.kind == BlockKind::Body => {
                a.heading.push(line(b));
            }
            (_, Some(a)) => a.body.push(part),
            (_, None) => body.push(part),
        }
    }
    (body, appendices)
}

/// A line of a register's cover page (Decree 30, Phụ lục IV), centred in
/// its box: the text width, or the `box_mm` from the left margin (the
/// agency's names, as over a document's left column).
#[derive(Clone, Debug, PartialEq)]
pub struct CoverLine {
    /// The text, as printed.
    pub text: String,
    /// Its size, in points.
    pub size_pt: f32,
    /// Bold.
    pub bold: bool,
    /// The space above it, in points.
    pub space_before_pt: f32,
    /// The width of its box from the left margin; `None`: the text width.
    pub box_mm: Option<f32>,
}

/// A register printed as a book (the sổ đăng ký văn bản đi, Decree 30,
/// Phụ lục IV): a cover page, then one table on the next pages, its
/// heading rows on every page.
#[derive(Clone, Debug, PartialEq)]
pub struct Book {
    /// The page (a landscape one) and type sizes.
    pub layout: Layout,
    /// The cover page's lines, top to bottom.
    pub cover: Vec<CoverLine>,
    /// The rows.
    pub table: crate::body::Table,
    /// Document properties (dated by the register, never the clock).
    pub metadata: Metadata,
}

/// One column of a two-signer block: the title over the signature, the name under it.
#[derive(Clone, Debug, PartialEq)]
pub struct SignatureColumn {
    /// `THƯ KÝ`, `CHỦ TỌA`.
    pub title: String,
    /// The person's name.
    pub name: String,
}

/// How a document is signed.
#[derive(Clone, Debug, PartialEq)]
pub enum Signature {
    /// One signer in the right column, Nơi nhận level with them on the
    /// left (the notice, the invitation, the report).
    Single {
        /// Authority lines, in capitals (`TL. CHỦ TỊCH`).
        authority: Vec<String>,
        /// The signer's position, in capitals.
        position: String,
        /// The signer's name.
        name: String,
    },
    /// Two signers of equal standing on one line (the minutes: THƯ KÝ on
    /// the left, CHỦ TỌA on the right), Nơi nhận below the left one.
    Pair {
        /// The left column.
        left: SignatureColumn,
        /// The right column.
        right: SignatureColumn,
    },
}

/// What a công văn (Decree 30, Phụ lục III, Mẫu 1.5) has in place of a
/// tên loại and a trích yếu under it: the trích yếu after `V/v` under the
/// number, in the left column (ô 5b), and `Kính gửi:` centred above the
/// body (ô 9a).
#[derive(Clone, Debug, PartialEq)]
pub struct Letter {
    /// The trích yếu as printed under the number: `V/v đôn đốc …`.
    pub subject: String,
    /// The addressee line: `Kính gửi: Sở Nội vụ.`
    pub addressee: String,
}

/// A document ready for layout: a notice, an invitation, minutes, a
/// report or a công văn, all in the same house layout.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// Tên loại: `THÔNG BÁO`, `GIẤY MỜI`, `BIÊN BẢN`, `BÁO CÁO`; a công
    /// văn prints none (its `CÔNG VĂN` names it in the metadata only).
    pub doc_type: String,
    /// Cơ quan chủ quản, in capitals.
    pub parent: Option<String>,
    /// Cơ quan ban hành, in capitals.
    pub issuer: String,
    /// `Số: 25/TB-UBND`.
    pub number_line: String,
    /// `Lai Châu, ngày 27 tháng 01 năm 2021`; `None` for minutes, whose
    /// date is in the body.
    pub date_line: Option<String>,
    /// Trích yếu.
    pub summary: String,
    /// A công văn's `V/v` and `Kính gửi:` lines, printed instead of the
    /// tên loại and the trích yếu; `None` for every other document.
    pub letter: Option<Letter>,
    /// The body: paragraphs and tables.
    pub body: Vec<BodyPart>,
    /// Phụ lục after the signature, each from a new page.
    pub appendices: Vec<Appendix>,
    /// Nơi nhận lines, `- X;` … `- Lưu: VT, TH.`
    pub recipients: Vec<String>,
    /// Who signs, and where Nơi nhận goes.
    pub signature: Signature,
    /// Document properties.
    pub metadata: Metadata,
    /// The layout to use.
    pub layout: Layout,
    /// The name its files take without the extension (`<stem>.giay-moi`),
    /// when known: a web page links its PDF and DOCX by it.
    pub file_name: Option<String>,
    /// The names of people and units that centred lines (trích yếu, issuer,
    /// signer) never break inside ([`crate::typeset::break_centred`]).
    pub names: Vec<String>,
    /// The issuer's seal's diameter, mm (`seal.diameter_mm`): where it goes
    /// when signing.
    pub seal_mm: Option<f32>,
    /// What every backend writes the same, laid out from the fields above
    /// by [`Document::laid_out`]: the header grid, the centred lines, the
    /// rule lengths.
    pub frame: Frame,
}

impl Document {
    /// The document with its [`frame`](Document::frame) laid out: the last
    /// step of making one, once for every format it is rendered to; again
    /// after a change to its layout, header, trích yếu, signature, Phụ lục
    /// or names.
    pub fn laid_out(mut self) -> Self {
        self.frame = Frame::new(&self);
        self
    }

    /// The document as made for signing elsewhere: a number left blank
    /// gets a blank of at least [`SIGNING_BLANK_PT`] (at the number's
    /// size, in Times New Roman's metrics, which the embedded font
    /// shares), where an e-office writes the number. The date's blanks
    /// stay as they are (room for two digits each). A numbered document
    /// is unchanged.
    pub fn for_signing(mut self) -> Self {
        if self.metadata.reference.is_some() {
            return self;
        }
        let space = crate::typeset::measure::FontSet::embedded().width(
            " ",
            crate::typeset::measure::FontStyle::Regular,
            self.layout.number_size_pt,
        );
        let spaces = if space > 0.0 {
            (SIGNING_BLANK_PT / space).ceil() as usize
        } else {
            BLANK.len()
        };
        let blank = " ".repeat(spaces.max(BLANK.len()));
        self.number_line =
            self.number_line
                .replacen(&format!("Số:{BLANK}/"), &format!("Số:{blank}/"), 1);
        self
    }
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

/// Nơi nhận of the notice: the listed recipients, then (when asked) every
/// proper-named unit of the tasks in order of first mention, then the
/// `Lưu:` line.
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

/// The storage line of minutes, fixed by Mẫu 1.9: `- Lưu: VT, Hồ sơ.`
pub const MINUTES_ARCHIVE: [&str; 2] = ["VT", "Hồ sơ"];

/// The số ký hiệu of a numbered document of `kind`: `25/TB-UBND`, a
/// number below 10 with a leading zero.
pub fn reference(kind: DocumentKind, number: u32, issuer_code: &str) -> String {
    format!("{number:02}/{}-{issuer_code}", kind.code())
}

/// The `Số:` line of a document of `kind`; a draft keeps a blank for the
/// number.
pub fn number_line(kind: DocumentKind, number: Option<u32>, issuer_code: &str) -> String {
    match number {
        Some(n) => format!("Số: {}", reference(kind, n, issuer_code)),
        None => format!("Số:{BLANK}/{}-{issuer_code}", kind.code()),
    }
}

/// The place and date line; a draft keeps blanks for day and month (the
/// year is the meeting's).
pub fn date_line(meeting: &Meeting, date: Option<Date>) -> String {
    match date {
        Some(d) => format!("{}, {}", meeting.issuer.place, d.long()),
        None => format!(
            "{}, ngày{BLANK}tháng{BLANK}năm {}",
            meeting.issuer.place,
            meeting.meeting.date.year()
        ),
    }
}

/// The people and units a meeting names, which no centred line breaks
/// inside: the chair, the secretary, the signers, the issuer, its parent,
/// the host, the unit directory, every unit of every task.
pub fn protected_names(meeting: &Meeting) -> Vec<String> {
    let m = &meeting.meeting;
    let mut names: Vec<String> = vec![
        m.chair.name.clone(),
        meeting.issuer.name.clone(),
        m.host.clone(),
    ];
    names.extend(m.secretary.iter().map(|s| s.name.clone()));
    names.extend(meeting.signer.iter().map(|s| s.name.clone()));
    names.extend(meeting.invitation.iter().map(|i| i.signer.name.clone()));
    names.extend(meeting.issuer.parent.clone());
    names.extend(meeting.departments.iter().map(|(_, n)| n.clone()));
    for (_, task) in meeting.all_tasks() {
        names.extend(task.lead.iter().chain(&task.with).cloned());
    }
    names.sort();
    names.dedup();
    names
}

/// The signature block of one signer: authority lines and position in capitals.
pub fn signature_of(signer: &Signer) -> Signature {
    Signature::Single {
        authority: signer.authority.iter().map(|a| caps(a)).collect(),
        position: caps(&signer.position),
        name: signer.name.clone(),
    }
}

/// Why a document could not be composed.
#[derive(Debug, thiserror::Error)]
pub enum ComposeError {
    /// Its template failed.
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// The meeting does not ask for it (its block is missing).
    #[error("{}", crate::tr!("doc.not_asked", block = .0.block(), name = .0.label()))]
    NotAsked(DocumentKind),
}

/// What the three documents share, filled in by [`compose`].
struct Parts {
    kind: DocumentKind,
    template: &'static str,
    number: Option<u32>,
    /// The date of issue, if set.
    issued: Option<Date>,
    date_line: Option<String>,
    summary: String,
    recipients: Vec<String>,
    signature: Signature,
    date: Date,
}

/// Builds one of the meeting's documents: its template writes the body as
/// Markdown, which is parsed into paragraphs; the header and signature
/// lines are set here, and laid out ([`Document::laid_out`]).
pub fn compose(
    meeting: &Meeting,
    kind: DocumentKind,
    templates: &Templates,
) -> Result<Document, ComposeError> {
    let not_asked = || ComposeError::NotAsked(kind);
    let parts = match kind {
        DocumentKind::Notice => {
            let notice = meeting.notice.as_ref().ok_or_else(not_asked)?;
            let signer = meeting.signer.as_ref().ok_or_else(not_asked)?;
            Parts {
                kind,
                template: template::BODY,
                number: notice.number,
                issued: notice.date,
                date_line: Some(date_line(meeting, notice.date)),
                summary: notice.summary.clone(),
                recipients: recipient_lines(meeting),
                signature: signature_of(signer),
                date: notice.date.unwrap_or(meeting.meeting.date),
            }
        }
        DocumentKind::Invitation => {
            let invitation = meeting.invitation.as_ref().ok_or_else(not_asked)?;
            Parts {
                kind,
                template: template::INVITATION,
                number: invitation.number,
                issued: invitation.date,
                date_line: Some(date_line(meeting, invitation.date)),
                summary: invitation.summary.clone(),
                recipients: format_recipients(&invitation.recipients, &meeting.archive),
                signature: signature_of(&invitation.signer),
                date: invitation.date.unwrap_or(meeting.meeting.date),
            }
        }
        DocumentKind::Minutes => {
            let minutes = meeting.minutes.as_ref().ok_or_else(not_asked)?;
            let secretary = meeting.meeting.secretary.as_ref().ok_or_else(not_asked)?;
            let archive = MINUTES_ARCHIVE.map(str::to_string);
            Parts {
                kind,
                template: template::MINUTES,
                number: minutes.number,
                issued: Some(meeting.meeting.date),
                date_line: None,
                summary: template::upper_first(&meeting.meeting.name),
                recipients: format_recipients(&minutes.recipients, &archive),
                signature: Signature::Pair {
                    left: SignatureColumn {
                        title: SECRETARY_TITLE.to_string(),
                        name: secretary.name.clone(),
                    },
                    right: SignatureColumn {
                        title: CHAIR_TITLE.to_string(),
                        name: meeting.meeting.chair.name.clone(),
                    },
                },
                date: meeting.meeting.date,
            }
        }
    };
    let body_markdown = templates.render(parts.template, meeting)?;
    let (body, appendices) = split_appendices(markdown::parse_body(
        &crate::text::nfc(&body_markdown),
        false,
    ));
    let number_line = number_line(parts.kind, parts.number, &meeting.issuer.code);
    let doc_type = parts.kind.doc_type();
    Ok(Document {
        doc_type: doc_type.to_string(),
        appendices,
        parent: meeting.issuer.parent.as_deref().map(caps),
        issuer: caps(&meeting.issuer.name),
        date_line: parts.date_line,
        metadata: Metadata {
            title: parts.summary.replace('\n', " "),
            author: meeting.issuer.name.clone(),
            subject: match parts.number {
                Some(_) => format!("{doc_type} {number_line}"),
                None => format!("{doc_type} (dự thảo)"),
            },
            date: parts.date,
            reference: parts
                .number
                .map(|n| reference(parts.kind, n, &meeting.issuer.code)),
            issued: parts.issued.filter(|_| parts.number.is_some()),
        },
        file_name: None,
        names: protected_names(meeting),
        summary: parts.summary,
        letter: None,
        body,
        recipients: parts.recipients,
        signature: parts.signature,
        number_line,
        layout: meeting.layout.clone(),
        seal_mm: meeting.seal.as_ref().and_then(|s| s.diameter_mm),
        frame: Frame::default(),
    }
    .laid_out())
}
