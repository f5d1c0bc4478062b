//! Finds the parts of a notice in its paragraphs (docs/import.md): the
//! header (issuer, number and ký hiệu, place and date), the type line and
//! trích yếu, the opening paragraph, sections and tasks, the closing
//! sentence, Nơi nhận and the signer.

use crate::date::Date;
use crate::model::DocumentKind;

use super::blocks::{Align, Block};
use super::phrases::{self, Directory};

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

const NATIONAL: &[&str] = &[
    "cong hoa xa hoi chu nghia viet nam",
    "doc lap tu do hanh phuc",
];

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

/// The document kind a type line names.
fn type_line(text: &str) -> Option<DocumentKind> {
    let f: String = folded(text).replace(' ', "");
    match f.as_str() {
        "thongbao" => Some(DocumentKind::Notice),
        "giaymoi" => Some(DocumentKind::Invitation),
        "bienban" => Some(DocumentKind::Minutes),
        _ => None,
    }
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

/// Issuer, parent, number, place and date from the lines above the type line.
fn header(blocks: &[Block], n: &mut Notice) {
    // The issuer's lines: the left column's, but the national title, the
    // number and the date line.
    let mut lines: Vec<(String, bool)> = Vec::new();
    for b in blocks {
        for (line, column) in pieces(b) {
            let f = folded(&line);
            if NATIONAL.iter().any(|x| f.starts_with(x)) || is_rule(&line) {
                continue;
            }
            if let Some(rest) = line.strip_prefix("Số") {
                number(rest, n);
            } else if let Some((place, date)) = date_line(&line) {
                n.place = place;
                n.date = date;
            } else if column == 0 {
                lines.push((line, b.bold));
            }
        }
    }
    let any_bold = lines.iter().any(|(_, b)| *b);
    let (parent, name): (Vec<_>, Vec<_>) = if any_bold {
        lines.iter().partition(|(_, b)| !*b)
    } else if lines.len() >= 2 && !continues_name(&lines[1].0) {
        let (p, rest) = lines.split_at(1);
        (p.iter().collect(), rest.iter().collect())
    } else {
        (Vec::new(), lines.iter().collect())
    };
    let join = |v: Vec<&(String, bool)>| {
        v.iter()
            .map(|(l, _)| l.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let name = join(name);
    let parent = join(parent);
    n.issuer = sentence_case(&name);
    if n.issuer != name {
        n.checks.push(("issuer.name".into(), "case"));
    }
    if n.place.is_empty() {
        // No date line (a biên bản): the place in the issuer's name.
        let lower = phrases::lower(&n.issuer);
        let at = [
            "thành phố ",
            "thị xã ",
            "thị trấn ",
            "tỉnh ",
            "huyện ",
            "quận ",
            "phường ",
            "xã ",
        ]
        .iter()
        .filter_map(|l| lower.rfind(l).map(|i| i + l.len()))
        .max();
        if let Some(at) = at {
            n.place = n.issuer[at..].trim().to_string();
            n.checks.push(("issuer.place".into(), "place_from_name"));
        }
    }
    if !parent.is_empty() {
        let p = sentence_case(&parent);
        if p != parent {
            n.checks.push(("issuer.parent".into(), "case"));
        }
        n.parent = Some(p);
    }
}

/// Whether a header line goes on with the issuer's name above it (`TỈNH
/// LAI CHÂU` under `ỦY BAN NHÂN DÂN`) rather than naming the issuer under
/// its parent.
fn continues_name(line: &str) -> bool {
    let f = folded(line);
    [
        "tinh ",
        "huyen ",
        "xa ",
        "thanh pho ",
        "quan ",
        "thi xa ",
        "phuong ",
        "thi tran ",
    ]
    .iter()
    .any(|p| f.starts_with(p))
}

/// `: 25/TB-UBND` → number 25, kind TB, code UBND.
fn number(rest: &str, n: &mut Notice) {
    let rest = rest.trim_start_matches([':', ' ']);
    let Some((num, sign)) = rest.split_once('/') else {
        return;
    };
    n.number = num.trim().parse().ok();
    let sign = sign.trim();
    if let Some((kind, code)) = sign.split_once('-') {
        n.code = code.trim().to_string();
        let k = match kind.trim() {
            "TB" => Some(DocumentKind::Notice),
            "GM" => Some(DocumentKind::Invitation),
            "BB" => Some(DocumentKind::Minutes),
            _ => None,
        };
        n.kind = n.kind.or(k);
    }
}

/// `Lai Châu, ngày 27 tháng 01 năm 2021` → place and date (no date when
/// its day is left blank).
fn date_line(line: &str) -> Option<(String, Option<Date>)> {
    let (place, rest) = line.split_once(", ngày")?;
    let words: Vec<&str> = rest.split_whitespace().collect();
    let num = |i: usize| words.get(i).and_then(|w| w.parse::<u32>().ok());
    let date = match words.as_slice() {
        [_, "tháng", _, "năm", _] => Date::new(num(4)? as i32, num(2)?, num(0)?),
        _ => None,
    };
    words
        .contains(&"năm")
        .then(|| (place.trim().to_string(), date))
}

/// Capitals as a sentence writes them: `ỦY BAN NHÂN DÂN TỈNH LAI CHÂU` →
/// `Ủy ban nhân dân tỉnh Lai Châu`: the first word, the words after an
/// administrative level (a place's name), and the known proper words
/// capitalised; abbreviations (UBND) kept.
pub fn sentence_case(text: &str) -> String {
    if text.chars().any(char::is_lowercase) {
        return text.to_string();
    }
    const LEVELS: &[&str] = &[
        "tỉnh",
        "huyện",
        "xã",
        "phường",
        "quận",
        "thị",
        "trấn",
        "phố",
        "thành",
    ];
    const PROPER: &[&str] = &["Chính", "Việt", "Nam", "Quốc", "Hội", "Đảng", "Nhà"];
    const ABBR: &[&str] = &["UBND", "HĐND", "VPCP", "TP", "MTTQ"];
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out: Vec<String> = Vec::new();
    let mut in_place = false;
    for (i, w) in words.iter().enumerate() {
        if ABBR.contains(w) {
            out.push(w.to_string());
            continue;
        }
        let lower = w.to_lowercase();
        let cap = crate::text::upper_first(&lower);
        let proper_pair = i > 0
            && matches!(
                (words[i - 1].to_lowercase().as_str(), lower.as_str()),
                ("chính", "phủ") | ("việt", "nam") | ("quốc", "hội")
            );
        if i == 0 || in_place || PROPER.contains(&cap.as_str()) && !LEVELS.contains(&lower.as_str())
        {
            out.push(if proper_pair { lower.clone() } else { cap });
        } else {
            out.push(lower.clone());
        }
        if LEVELS.contains(&lower.as_str()) && !matches!(lower.as_str(), "thành" | "thị") {
            in_place = true;
        }
    }
    out.join(" ")
}

/// Opening, sections, tasks and closing from the body's paragraphs.
fn body_parts(body: &[Block], dir: &Directory, year: Option<i32>, n: &mut Notice) {
    let body: Vec<&Block> = body.iter().filter(|b| !is_rule(&b.text)).collect();
    // The closing: the last paragraph ending in `./.` (or `./`).
    let mut end = body.len();
    if let Some(last) = body.last() {
        let t = last.text.trim_end();
        if t.ends_with("./.") || t.ends_with("./") {
            n.closing = Some(
                t.trim_end_matches("./.")
                    .trim_end_matches("./")
                    .trim()
                    .to_string(),
            );
            end -= 1;
        }
    }
    let body = &body[..end];
    let first_structure = body
        .iter()
        .position(|b| section_heading(b).is_some() || item_number(&b.text).is_some())
        .unwrap_or(body.len());
    // The opening: paragraphs before the first section or numbered item,
    // when a sentence of it ends with `:` (`… kết luận như sau:`), or the
    // first paragraph.
    // A paragraph ending `…như sau:` before it ends the opening.
    let opening_end = body[..first_structure]
        .iter()
        .position(|b| b.text.trim_end().ends_with(':'))
        .map_or(first_structure, |p| p + 1);
    let opening_end = if opening_end == body.len() {
        body.iter()
            .position(|b| b.text.trim_end().ends_with(':'))
            .map_or(1.min(body.len()), |p| p + 1)
    } else {
        opening_end
    };
    let opening: Vec<&Block> = body[..opening_end].to_vec();
    opening_meeting(&opening, n);
    let strict = n.meeting.opening.is_none() && !foreign_forms(&body[opening_end..], dir);
    let mut sections: Vec<Section> = Vec::new();
    for b in &body[opening_end..] {
        if let Some(title) = section_heading(b) {
            sections.push(Section {
                title,
                ..Section::default()
            });
            continue;
        }
        if sections.is_empty() {
            sections.push(Section {
                title: "Kết luận".into(),
                title_check: true,
                ..Section::default()
            });
        }
        let section = sections.last_mut().expect("a section");
        let text = b.text.trim();
        let marked = b.marked.trim();
        let numbered = item_number(text);
        let dashed = text.strip_prefix(['-', '+', '•', '–']);
        if numbered.is_some() || dashed.is_some() {
            // Paragraphs since the last task went on with it.
            let pending = std::mem::take(&mut section.after);
            if let Some(last) = section.tasks.last_mut() {
                last.text.extend(pending);
            }
        }
        if let Some((_, rest_at)) = numbered {
            let rest_marked = strip_number(marked);
            section
                .tasks
                .push(task(&text[rest_at..], rest_marked, dir, year, strict));
        } else if let Some(body_text) = dashed {
            let rest_marked = marked
                .trim_start_matches(['-', '+', '•', '–', '\\'])
                .trim_start();
            match section.tasks.last_mut() {
                Some(t) => t
                    .subtasks
                    .push(task(body_text.trim(), rest_marked, dir, year, strict)),
                None => section.conclusion.push(format!("- {rest_marked}")),
            }
        } else if section.tasks.is_empty() {
            match unnumbered_assignment(text, dir, strict) {
                Some(_) if section_has_numbers_later(b, body) => {
                    section.conclusion.push(marked.to_string())
                }
                Some(_) => section.tasks.push(task(text, marked, dir, year, strict)),
                None => section.conclusion.push(marked.to_string()),
            }
        } else if unnumbered_assignment(text, dir, strict).is_some() && !strict {
            let pending = std::mem::take(&mut section.after);
            if let Some(last) = section.tasks.last_mut() {
                last.text.extend(pending);
            }
            section.tasks.push(task(text, marked, dir, year, strict));
        } else {
            // After a task: its next paragraph, or the section's closing
            // paragraphs when no task follows (settled above).
            section.after.push(marked.to_string());
        }
    }
    for section in &mut sections {
        for t in &mut section.tasks {
            fold_bare_items(t);
            give_text(t);
        }
    }
    n.sections = sections;
}

/// A task with nothing after its clause (`Giao Sở Y tế:` and items that
/// name units) keeps its paragraph as written as its text.
fn give_text(t: &mut Task) {
    if t.text.iter().all(|p| p.trim().is_empty()) {
        t.text = vec![t.written.clone()];
    }
    t.subtasks.iter_mut().for_each(give_text);
}

/// `Sở X:` with nothing after it but `- ` items that assign nobody: the
/// items are what the unit is to do (its `do`, as `- ` lines), the latest
/// of their deadlines the task's.
fn fold_bare_items(t: &mut Task) {
    let empty = t.text.iter().all(|p| p.trim().is_empty());
    if !empty || t.lead.is_empty() || t.subtasks.is_empty() {
        return;
    }
    if t.subtasks
        .iter()
        .any(|s| !s.lead.is_empty() || !s.subtasks.is_empty())
    {
        return;
    }
    let items = std::mem::take(&mut t.subtasks);
    t.text = vec![items
        .iter()
        .map(|s| format!("- {}", s.text.join(" ")))
        .collect::<Vec<_>>()
        .join("\n")];
    if let Some(latest) = items
        .iter()
        .filter(|s| s.due.is_some())
        .max_by_key(|s| s.due)
    {
        t.due = latest.due;
        t.due_check = latest.due_check;
    }
}

/// Whether any task or subtask assigns a unit in words ketluan's
/// template never writes (`Giao X: …`, `X chủ trì …` as a numbered task,
/// `X: …`): then the notice was typed by hand, though its opening reads
/// like the template's, and requests (`Đề nghị X …`) name leads.
fn foreign_forms(body: &[&Block], dir: &Directory) -> bool {
    body.iter().any(|b| {
        let text = b.text.trim();
        let (rest, wanted) = if let Some((_, at)) = item_number(text) {
            (&text[at..], phrases::Given::Giao)
        } else if let Some(rest) = text.strip_prefix(['-', '+', '•', '–']) {
            (rest.trim_start(), phrases::Given::Subject)
        } else {
            return false;
        };
        phrases::assignment(rest, dir, false)
            .is_some_and(|a| a.inferred.is_none() && a.template_form != Some(wanted))
    })
}

/// An assignment that makes an unnumbered paragraph a task: not one read
/// from a sentence's subject (`Chủ tịch UBND tỉnh ghi nhận, đánh giá …`
/// is a statement; only an item of a list is an order by its subject).
fn unnumbered_assignment(text: &str, dir: &Directory, strict: bool) -> Option<phrases::Assignment> {
    phrases::assignment(text, dir, strict).filter(|a| a.inferred != Some("lead_from_subject"))
}

/// Whether numbered items follow `b` in its section: then its unnumbered
/// paragraphs before them are the conclusion.
fn section_has_numbers_later(b: &Block, body: &[&Block]) -> bool {
    let Some(at) = body.iter().position(|x| std::ptr::eq(*x, b)) else {
        return false;
    };
    body[at + 1..]
        .iter()
        .take_while(|x| section_heading(x).is_none())
        .any(|x| item_number(&x.text).is_some())
}

/// The title of a section heading `I. …` (bold, or any `I.` in text).
fn section_heading(b: &Block) -> Option<String> {
    let t = b.text.trim();
    let head: String = t.chars().take_while(|c| "IVXLC".contains(*c)).collect();
    if head.is_empty() {
        return None;
    }
    let rest = t[head.len()..].strip_prefix(['.', ')'])?;
    let rest = rest.trim();
    (!rest.is_empty()).then(|| rest.to_string())
}

/// A numbered item's number and where its text starts: `1.`, `1)`, `a)`.
fn item_number(text: &str) -> Option<(String, usize)> {
    let head: String = text.chars().take_while(|c| c.is_alphanumeric()).collect();
    let numbered = !head.is_empty()
        && (head.chars().all(|c| c.is_ascii_digit()) && head.len() <= 3
            || head.chars().count() == 1 && head.chars().all(|c| c.is_lowercase()));
    if !numbered {
        return None;
    }
    let after = &text[head.len()..];
    let rest = after
        .strip_prefix('.')
        .or_else(|| after.strip_prefix(')'))?;
    if !rest.starts_with(' ') {
        return None;
    }
    let is_letter = !head.chars().all(|c| c.is_ascii_digit());
    if is_letter && after.starts_with('.') {
        return None;
    }
    Some((head, text.len() - rest.trim_start().len()))
}

/// A Markdown text without its item number (`1\. `, `a) `).
fn strip_number(marked: &str) -> &str {
    let digits = marked
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(marked.len());
    let rest = &marked[digits..];
    let rest = rest
        .strip_prefix("\\.")
        .or_else(|| rest.strip_prefix("\\)"))
        .or_else(|| rest.strip_prefix('.'))
        .or_else(|| rest.strip_prefix(')'))
        .unwrap_or(rest);
    rest.trim_start()
}

/// A task from its text (number taken off): the assignment clause read,
/// a closing deadline sentence taken out.
fn task(text: &str, marked: &str, dir: &Directory, year: Option<i32>, strict: bool) -> Task {
    let mut t = Task::default();
    let mut body = marked.to_string();
    if let Some(a) = phrases::assignment(text, dir, strict) {
        t.lead = a.lead.iter().map(|u| phrases::as_filed(u, dir)).collect();
        t.with = a.with.iter().map(|u| phrases::as_filed(u, dir)).collect();
        t.lead_check = a.inferred;
        // The same clause off the Markdown text: it holds as many
        // characters before the rest, give or take escapes.
        let rest_plain = a.rest.as_str();
        body = rest_of_marked(marked, text, rest_plain);
    }
    if let Some(d) = phrases::deadline(&body, year) {
        t.due = Some(d.due);
        t.due_check = d.inferred;
        if let Some((start, _)) = d.sentence {
            body = body[..start].trim_end().to_string();
            if body.is_empty() {
                body = marked.to_string();
            }
        }
    }
    t.written = marked.to_string();
    t.text = if body.trim().is_empty() {
        Vec::new()
    } else {
        vec![body]
    };
    t
}

/// The Markdown text's part that reads as `rest` (the text after an
/// assignment clause, first letter raised).
fn rest_of_marked(marked: &str, text: &str, rest: &str) -> String {
    let skipped = text.len().saturating_sub(rest.len());
    // Walk the Markdown text skipping as many plain characters.
    let plain_chars = text[..skipped.min(text.len())].chars().count();
    let mut seen = 0;
    let mut at = marked.len();
    let mut chars = marked.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if seen == plain_chars {
            at = i;
            break;
        }
        if c == '\\' {
            if let Some((_, _)) = chars.next() {
                seen += 1;
            }
            continue;
        }
        if c == '*' {
            continue;
        }
        seen += 1;
    }
    let out = marked[at..].trim_start_matches([':', ',', ' ']);
    crate::text::upper_first(out)
}

/// The meeting from the opening paragraph: the generated sentence read
/// field by field, else the paragraph kept whole (`opening`) and what it
/// says picked out to fill the required fields, each to be checked.
fn opening_meeting(opening: &[&Block], n: &mut Notice) {
    let text = opening
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    if let Some(m) = generated_opening(&text) {
        n.meeting = m;
        return;
    }
    let marked = opening
        .iter()
        .map(|b| b.marked.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let m = &mut n.meeting;
    m.opening = Some(marked);
    m.date = first_date(&text);
    if m.date.is_none() {
        m.date = n.date;
        n.checks.push(("meeting.date".into(), "meeting_date"));
    }
    let (name, title) = chair(&text);
    m.chair_name = name.unwrap_or_default();
    m.chair_title = title.unwrap_or_default();
    n.checks.push(("meeting.chair.name".into(), "chair"));
    n.checks.push(("meeting.chair.title".into(), "chair"));
    m.time = time_of(&text);
    m.attendees = attendees_of(&text);
    // The meeting's name: what was held (`… tổ chức <tên>.`), else from
    // the summary (`… tại cuộc họp …`).
    let held = text.find(" tổ chức ").map(|i| {
        let rest = &text[i + " tổ chức ".len()..];
        rest[..rest.find(['.', ',', ';', ':']).unwrap_or(rest.len())]
            .trim()
            .to_string()
    });
    let summary = n.summary.clone();
    let lower_s = phrases::lower(&summary);
    let from_summary = ["tại ", "buổi ", "cuộc họp", "phiên họp", "hội nghị"]
        .iter()
        .filter_map(|w| lower_s.find(w).map(|i| (i, *w)))
        .min()
        .map(|(i, w)| {
            let s = if w == "tại " || w == "buổi " {
                &summary[i + w.len()..]
            } else {
                &summary[i..]
            };
            lower_first(s.trim())
        });
    m.name = held
        .filter(|h| !h.is_empty() && h.chars().count() < 200)
        .or(from_summary)
        .unwrap_or_else(|| lower_first(&summary));
    n.checks.push(("meeting.name".into(), "meeting_name"));
}

/// The chair's name and titles in an opening, in the order tried:
/// `… chủ trì của đồng chí X, <title>`; `đồng chí X, <title> chủ trì`;
/// `<title> <Name> (đã) chủ trì` (`Phó Thủ tướng Trần Đức Long đã chủ
/// trì`: the capitalised words before `chủ trì` are the name); the last
/// `đồng chí X - <title>` before `kết luận`.
fn chair(text: &str) -> (Option<String>, Option<String>) {
    let lower = phrases::lower(text);
    let marker = "đồng chí ";
    let presides = lower.find(" chủ trì");
    // `chủ trì của đồng chí X`, `Chủ trì cuộc họp: đồng chí X`.
    let after_presides = lower.find("chủ trì").and_then(|p| {
        let mut end = lower.len().min(p + 40);
        while !lower.is_char_boundary(end) {
            end -= 1;
        }
        let window = &lower[p..end];
        window.find(marker).map(|i| p + i)
    });
    let comrade = after_presides
        .or_else(|| presides.and_then(|p| lower[..p].rfind(marker)))
        .filter(|&at| {
            // Not `các đồng chí …` (attendees).
            !lower[..at].ends_with("các ")
        });
    if let Some(at) = comrade {
        return named(&text[at + marker.len()..]);
    }
    if let Some(p) = presides {
        let clause_start = text[..p].rfind([',', '.']).map_or(0, |i| i + 1);
        let clause = text[clause_start..p].trim();
        let clause = clause.strip_suffix(" đã").unwrap_or(clause);
        let words: Vec<&str> = clause.split_whitespace().collect();
        let capitalised = words
            .iter()
            .rev()
            .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count()
            .min(4);
        if (2..words.len()).contains(&capitalised) {
            let split = words.len() - capitalised;
            let short = |s: String| (s.chars().count() <= 160).then_some(s);
            return (
                short(words[split..].join(" ")),
                short(words[..split].join(" ")),
            );
        }
    }
    let until = lower.rfind("kết luận").unwrap_or(lower.len());
    match lower[..until].rfind(marker) {
        Some(at) => named(&text[at + marker.len()..]),
        None => (None, None),
    }
}

/// `X, <title> …` or `X - <title> …` after `đồng chí`: the name up to the
/// first comma or dash, the title up to `kết luận`, `chủ trì`, `;` or the
/// sentence's end.
pub(super) fn named(after: &str) -> (Option<String>, Option<String>) {
    let name_end = [", ", " - ", " – ", " ("]
        .iter()
        .filter_map(|w| after.find(w))
        .min()
        .unwrap_or(after.len());
    let name = after[..name_end].trim().to_string();
    let rest = after[name_end..].trim_start_matches([',', '-', '–', '(', ' ']);
    let title_end = [" kết luận", " chủ trì", ";", ". ", ")", " đã ", " cùng "]
        .iter()
        .filter_map(|w| rest.find(w))
        .min()
        .unwrap_or(rest.len());
    let title = rest[..title_end]
        .trim()
        .trim_end_matches([',', '.'])
        .to_string();
    let short = |s: String| (!s.is_empty() && s.chars().count() <= 160).then_some(s);
    (short(name), short(title))
}

/// The meeting's time as printed (`08 giờ 00`, `14 giờ`), if the opening
/// gives one.
pub(super) fn time_of(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().take(40).collect();
    let at = words.iter().position(|w| *w == "giờ")?;
    let hour = words.get(at.checked_sub(1)?)?;
    if !hour.chars().all(|c| c.is_ascii_digit()) || hour.len() > 2 {
        return None;
    }
    let minutes = words
        .get(at + 1)
        .map(|m| m.trim_end_matches([',', '.']))
        .filter(|m| m.len() == 2 && m.chars().all(|c| c.is_ascii_digit()));
    Some(match minutes {
        Some(m) => format!("{hour} giờ {m}"),
        None => format!("{hour} giờ"),
    })
}

/// Who attended, as the opening lists them (`Dự họp có a; b; c.`).
fn attendees_of(text: &str) -> Vec<String> {
    let lower = phrases::lower(text);
    let markers = [
        "dự họp có ",
        "dự phiên họp có ",
        "tham dự có ",
        "tham dự cuộc họp có ",
        "tham dự hội nghị có ",
        "cùng dự có ",
        "cùng dự họp có ",
    ];
    let Some((at, len)) = markers
        .iter()
        .filter_map(|m| lower.find(m).map(|i| (i, m.len())))
        .min()
    else {
        return Vec::new();
    };
    let rest = &text[at + len..];
    let end = rest.find(". ").unwrap_or(rest.len());
    rest[..end]
        .trim_end_matches('.')
        .split("; ")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f)
            if c.clone().next().is_some_and(char::is_lowercase) || c.clone().next().is_none() =>
        {
            f.to_lowercase().chain(c).collect()
        }
        Some(f) => std::iter::once(f).chain(c).collect(),
        None => String::new(),
    }
}

/// The first date of a text (`dd/mm/yyyy` or `ngày d tháng m năm y`).
pub(super) fn first_date(text: &str) -> Option<Date> {
    let lower = phrases::lower(text);
    for (i, _) in lower.match_indices("ngày ") {
        if let Some(d) = phrases::deadline(&format!("trước {}", &lower[i..]), None) {
            return Some(d.due);
        }
    }
    text.split(|c: char| c.is_whitespace() || c == ',')
        .find_map(|w| Date::parse(w.trim_end_matches(['.', ')'])).ok())
}

/// The opening sentence as `body.md` writes it: `[<time> ngày|Ngày]
/// <date>[, tại <location>], <host> tổ chức <name>.[ Dự họp có <a; b>.]
/// <briefing>, đồng chí <chair>, <title> kết luận như sau:`.
fn generated_opening(text: &str) -> Option<Meeting> {
    let mut m = Meeting::default();
    let (head, rest) = text.split_once(' ')?;
    let rest = if head == "Ngày" {
        rest
    } else {
        let (time, r) = text.split_once(" ngày ")?;
        m.time = Some(lower_first(time));
        r
    };
    let (date, rest) = rest.split_once(", ")?;
    m.date = Some(Date::parse(date).ok()?);
    let (before, rest) = rest.split_once(" tổ chức ")?;
    if let Some(loc) = before.strip_prefix("tại ") {
        let (location, host) = loc.rsplit_once(", ")?;
        m.location = Some(location.to_string());
        m.host = Some(host.to_string());
    } else {
        m.host = Some(before.to_string());
    }
    let (name, rest) = rest.split_once(". ")?;
    m.name = name.to_string();
    let rest = if let Some(r) = rest.strip_prefix("Dự họp có ") {
        let (att, r) = r.split_once(". ")?;
        m.attendees = att.split("; ").map(str::to_string).collect();
        r
    } else {
        rest
    };
    let (briefing, rest) = rest.split_once(", đồng chí ")?;
    m.briefing = Some(briefing.to_string());
    let rest = rest.strip_suffix(" kết luận như sau:")?;
    let (name, title) = rest.split_once(", ")?;
    m.chair_name = name.to_string();
    m.chair_title = title.to_string();
    Some(m)
}

/// Nơi nhận, archive and signer from the blocks from `Nơi nhận` on: the
/// left column (of a table, of tab-separated parts, or the left-aligned
/// paragraphs) lists the recipients, the right column is the signer; in
/// plain paragraphs the lines after the list are the signer's.
fn signature(blocks: &[Block], n: &mut Notice) {
    let mut right: Vec<(String, bool)> = Vec::new();
    let mut left: Vec<(String, bool)> = Vec::new();
    for b in blocks {
        let aligned_right = b.cell.is_none()
            && b.parts.is_empty()
            && matches!(b.align, Align::Centre | Align::Right);
        for (line, column) in pieces(b) {
            if is_rule(&line) {
                continue;
            }
            if column > 0 || aligned_right {
                right.push((line, b.bold));
            } else {
                left.push((line, b.bold));
            }
        }
    }
    let mut listed = false;
    for (line, bold) in left {
        if folded(&line).starts_with("noi nhan") {
            continue;
        }
        let Some(item) = line.strip_prefix(['-', '+', '•', '–']) else {
            if listed || !line.starts_with(['-', '+']) {
                // After the list (or with no list): the signer's lines.
                right.push((line, bold));
            }
            continue;
        };
        listed = true;
        let item = item.trim().trim_end_matches(['.', ';', ',']).trim();
        if let Some(archive) = item.strip_prefix("Lưu") {
            n.archive = archive
                .trim_start_matches([':', ' '])
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
        } else if !item.is_empty() {
            n.recipients.push(item.to_string());
        }
    }
    let lines: Vec<(String, bool)> = right
        .into_iter()
        .filter(|(l, _)| !l.is_empty() && !l.starts_with('(') && !l.starts_with('['))
        .collect();
    let Some(((name, _), titles)) = lines.split_last() else {
        return;
    };
    n.signer = name.clone();
    let mut titles: Vec<String> = titles.iter().map(|(l, _)| l.clone()).collect();
    let position = titles.pop().unwrap_or_default();
    n.position = sentence_case(&position);
    if n.position != position {
        n.checks.push(("signer.position".into(), "case"));
    }
    n.authority = titles;
}
