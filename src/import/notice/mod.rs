//! Finds the parts of a notice in its paragraphs (docs/import.md): the
//! header (issuer, number and ký hiệu, place and date), the type line and
//! trích yếu, the opening paragraph, sections and tasks, the closing
//! sentence, Nơi nhận and the signer.
//!
//! This file holds what a notice is read into and the order of the
//! reading; `header` reads the lines above the body, `opening` the
//! opening paragraph's meeting, `body` the sections and tasks, and
//! `signature` Nơi nhận and the signer.

mod body;
mod header;
mod opening;
mod signature;

use crate::date::Date;
use crate::model::DocumentKind;

use super::blocks::{Align, Block};
use super::phrases::Directory;

use body::{body_parts, give_text, item_number, strip_number, task};
use header::{header, type_line};
use opening::lower_first;
use signature::signature;

pub use header::sentence_case;
pub(super) use opening::{first_date, named, time_of};

/// A task read from a notice.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Task {
    /// Đơn vị chủ trì, as the meeting file names them.
    pub lead: Vec<String>,
    /// Đơn vị phối hợp.
    pub with: Vec<String>,
    /// What is to be done, Markdown paragraphs.
    pub text: Vec<String>,
    /// The deadline.
    pub due: Option<Date>,
    /// `- ` items under it.
    pub subtasks: Vec<Task>,
    /// Why the lead is to be checked.
    pub lead_check: Option<&'static str>,
    /// Why the deadline is to be checked.
    pub due_check: Option<&'static str>,
    /// The paragraph as written (Markdown): the text of a task that has
    /// nothing after its assignment clause.
    pub written: String,
}

/// A section (`I.`, `II.`…), or the whole body when there is none.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Section {
    /// The heading after its numeral.
    pub title: String,
    /// Paragraphs before the first task (Markdown).
    pub conclusion: Vec<String>,
    /// The tasks.
    pub tasks: Vec<Task>,
    /// Paragraphs after the last task (Markdown).
    pub after: Vec<String>,
    /// Whether the title was made up (a notice without sections).
    pub title_check: bool,
}

/// The meeting as the opening paragraph tells it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meeting {
    /// Its name, lower case first.
    pub name: String,
    /// The day it was held.
    pub date: Option<Date>,
    /// Its time, as printed (`08 giờ 00`).
    pub time: Option<String>,
    /// Where.
    pub location: Option<String>,
    /// Who held it.
    pub host: Option<String>,
    /// The chair's name.
    pub chair_name: String,
    /// The chair's titles.
    pub chair_title: String,
    /// Who attended.
    pub attendees: Vec<String>,
    /// The clause before the chair concludes.
    pub briefing: Option<String>,
    /// The opening paragraph(s) as written, when they are not in the
    /// generated sentence's shape.
    pub opening: Option<String>,
    /// When it ended (a biên bản).
    pub ends: Option<String>,
    /// The secretary's name and title (a biên bản).
    pub secretary: Option<(String, String)>,
    /// Who was absent, and why (a biên bản).
    pub absent: Vec<String>,
}

/// A notice read back.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Notice {
    /// TB, GM or BB.
    pub kind: Option<DocumentKind>,
    /// Cơ quan chủ quản.
    pub parent: Option<String>,
    /// Cơ quan ban hành.
    pub issuer: String,
    /// The issuer's code in the number.
    pub code: String,
    /// Địa danh.
    pub place: String,
    /// The number.
    pub number: Option<u32>,
    /// The date of issue.
    pub date: Option<Date>,
    /// Trích yếu.
    pub summary: String,
    /// The meeting.
    pub meeting: Meeting,
    /// The sections.
    pub sections: Vec<Section>,
    /// The closing sentence without `./.`.
    pub closing: Option<String>,
    /// Nơi nhận, without `- ` and the final `;`.
    pub recipients: Vec<String>,
    /// The `Lưu:` line's parts.
    pub archive: Vec<String>,
    /// TM., KT., TL. lines.
    pub authority: Vec<String>,
    /// The signer's position.
    pub position: String,
    /// The signer's name.
    pub signer: String,
    /// Who a giấy mời invites.
    pub invitees: Vec<String>,
    /// A giấy mời's notes or a biên bản's proceedings (Markdown paragraphs).
    pub own_text: Vec<String>,
    /// Values inferred rather than read: (field path, why), the reasons
    /// as message keys of `import.check.*`.
    pub checks: Vec<(String, &'static str)>,
}

/// The start of a text (its first 120 characters: every use looks at how
/// a paragraph starts) folded for matching: accents, case and
/// punctuation aside.
pub(super) fn folded(s: &str) -> String {
    let head: String = s.chars().take(120).collect();
    crate::tracking::fold(&head)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a paragraph is only a rule (`-----`, `___`, `***`).
fn is_rule(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| "-_–—=*.| ".contains(c))
}

/// Reads a notice from its paragraphs; `Err` with a reason when no type
/// line (`THÔNG BÁO`) or no body is found.
pub fn parse(blocks: &[Block], dir: &Directory) -> Result<Notice, String> {
    let joined = join_broken(blocks);
    let blocks = joined.as_slice();
    let mut n = Notice::default();
    let Some(type_at) = blocks.iter().position(|b| type_line(&b.text).is_some()) else {
        return without_type_line(blocks, dir, n);
    };
    n.kind = type_line(&blocks[type_at].text);
    header(&blocks[..type_at], &mut n);
    // Trích yếu: the centred or bold lines under the type line.
    let mut i = type_at + 1;
    let mut summary = Vec::new();
    while i < blocks.len() {
        let b = &blocks[i];
        if is_rule(&b.text) {
            i += 1;
            if !summary.is_empty() {
                break;
            }
            continue;
        }
        let looks = b.align == Align::Centre || b.bold;
        let plain_text = blocks.iter().all(|b| !b.bold && b.align != Align::Justify);
        if summary.len() < 4
            && (looks || (plain_text && summary.is_empty()))
            && !b.text.ends_with(':')
        {
            summary.push(b.text.replace('\n', " "));
            i += 1;
            if plain_text && !looks {
                break;
            }
        } else {
            break;
        }
    }
    n.summary = summary.join(" ");
    // The signature block: from `Nơi nhận` (or its table) to the end.
    let end = blocks[i..]
        .iter()
        .position(|b| folded(&b.text).starts_with("noi nhan"))
        .map_or(blocks.len(), |p| i + p);
    finish(blocks, i, end, dir, n)
}

/// Paragraphs broken where a line of a PDF ended (text pasted from a PDF
/// into Word): a paragraph outside tables that does not end a sentence
/// (`.`, `:`, `;`, `!`, `?`) is joined by the next one of the same
/// alignment when that starts in lower case or with a digit and is no
/// numbered item.
fn join_broken(blocks: &[Block]) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for b in blocks {
        if let Some(last) = out.last_mut() {
            let first = b.text.chars().next();
            let continues = last.cell.is_none()
                && b.cell.is_none()
                && last.align == b.align
                && !last.text.trim_end().ends_with(['.', ':', ';', '!', '?'])
                && first.is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
                && item_number(&b.text).is_none()
                && !is_rule(&last.text);
            if continues {
                last.text.push(' ');
                last.text.push_str(&b.text);
                last.marked.push(' ');
                last.marked.push_str(&b.marked);
                last.bold &= b.bold;
                last.parts.clear();
                continue;
            }
        }
        out.push(b.clone());
    }
    out
}

/// Body and signature from `blocks[start..end]` and `blocks[end..]`.
fn finish(
    blocks: &[Block],
    start: usize,
    end: usize,
    dir: &Directory,
    mut n: Notice,
) -> Result<Notice, String> {
    let year = n.date.map(|d| d.year());
    if matches!(
        n.kind,
        Some(DocumentKind::Invitation) | Some(DocumentKind::Minutes)
    ) {
        let body: Vec<&Block> = blocks[start..end]
            .iter()
            .filter(|b| !is_rule(&b.text))
            .collect();
        let conclusions = super::forms::read(&body, &mut n);
        if n.meeting.name.is_empty() {
            n.meeting.name = lower_first(&n.summary);
            n.checks.push(("meeting.name".into(), "meeting_name"));
        }
        if n.meeting.date.is_none() {
            n.meeting.date = n.date;
            n.checks.push(("meeting.date".into(), "meeting_date"));
        }
        if !conclusions.is_empty() {
            let mut section = Section {
                title: "Kết luận".into(),
                title_check: true,
                ..Section::default()
            };
            for b in conclusions {
                let text = b.text.trim();
                match item_number(text) {
                    Some((_, at)) => section.tasks.push(task(
                        &text[at..],
                        strip_number(b.marked.trim()),
                        dir,
                        year,
                        false,
                    )),
                    None => section.conclusion.push(b.marked.trim().to_string()),
                }
            }
            section.tasks.iter_mut().for_each(give_text);
            n.sections.push(section);
        }
        signature(&blocks[end..], &mut n);
        return Ok(n);
    }
    body_parts(&blocks[start..end], dir, year, &mut n);
    signature(&blocks[end..], &mut n);
    if n.sections.is_empty() {
        return Err("không thấy phần nội dung sau trích yếu".into());
    }
    Ok(n)
}

/// Words an opening paragraph starts with (`Ngày 25/01/2021, …`).
const OPENING_WORDS: &[&str] = &[
    "ngay",
    "sang",
    "chieu",
    "toi",
    "vao",
    "hom",
    "thuc hien",
    "chieu ngay",
    "sang ngay",
];

/// A notice as a portal page shows it: no header and no type line, a
/// title (`Kết luận của …`, `Thông báo kết luận …`) above the opening
/// paragraph. The page's own lines above the opening (date, menus, a
/// lead-in) are left out; the header's values stay for the defaults
/// file (ketluan.yaml) to give.
fn without_type_line(blocks: &[Block], dir: &Directory, mut n: Notice) -> Result<Notice, String> {
    let opening = blocks
        .iter()
        .position(|b| {
            let f = folded(&b.text);
            OPENING_WORDS.iter().any(|w| f.starts_with(&format!("{w} ")))
                && (f.contains("to chuc") || f.contains("hop") || f.contains("chu tri"))
        })
        .ok_or("không thấy dòng tên loại văn bản (THÔNG BÁO) hay đoạn mở đầu (Ngày …, … tổ chức họp …)")?;
    let title = blocks[..opening].iter().rev().find(|b| {
        let f = folded(&b.text);
        ["ket luan", "thong bao", "y kien"]
            .iter()
            .any(|w| f.starts_with(w))
    });
    n.kind = Some(DocumentKind::Notice);
    n.summary = title.map(|b| b.text.replace('\n', " ")).unwrap_or_default();
    if n.summary.is_empty() {
        n.checks.push(("notice.summary".into(), "no_summary"));
    }
    let end = blocks[opening..]
        .iter()
        .position(|b| folded(&b.text).starts_with("noi nhan"))
        .map_or(blocks.len(), |p| opening + p);
    finish(blocks, opening, end, dir, n)
}

/// The pieces of a paragraph with their column: its tab-separated parts
/// (the first in column 0), else its lines in its table cell's column.
fn pieces(b: &Block) -> Vec<(String, usize)> {
    if b.parts.is_empty() {
        let column = b.cell.map_or(0, |c| c.column);
        b.text
            .split('\n')
            .map(|l| (l.trim().to_string(), column))
            .filter(|(l, _)| !l.is_empty())
            .collect()
    } else {
        b.parts
            .iter()
            .enumerate()
            .map(|(i, p)| (p.clone(), usize::from(i > 0)))
            .collect()
    }
}
