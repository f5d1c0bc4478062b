//! The *công văn đôn đốc* (`ketluan remind`): one letter per lead unit that
//! has open tasks past their deadline or due within some days, in the
//! layout of a công văn (Decree 30/2020/NĐ-CP, Phụ lục III, Mẫu 1.5): the
//! trích yếu after `V/v` under the number, `Kính gửi:` above the body, the
//! unit's tasks in a table cited as the report's Phụ lục cites them. The
//! `don-doc.md` template writes the words; the existing backends draw it.

use serde::Serialize;

use super::{fold, Standing, TrackedTask};
use crate::date::Date;
use crate::document::{
    caps, format_recipients, signature_of, split_appendices, Document, Letter, Metadata, BLANK,
};
use crate::markdown;
use crate::model::{Issuer, Meeting};
use crate::template::{TemplateError, Templates, REMINDER};

/// What a công văn is called in its metadata (it prints no tên loại).
pub const LETTER_DOC_TYPE: &str = "CÔNG VĂN";

/// The drafting unit of the ký hiệu when `issuer.letter_code` is not set:
/// Tổng hợp, so that the Văn phòng (`VP`) writes `…/VP-TH`.
pub const DEFAULT_DRAFTING_UNIT: &str = "TH";

/// Days ahead `--within` looks by default.
pub const DEFAULT_WITHIN: u32 = 14;

/// Days after the letter's date (or the day judged on) the unit is asked
/// to report by, when `--report-by` is not given.
pub const DEFAULT_REPORT_DAYS: u32 = 7;

/// What every reminder's file name starts with.
pub const FILE_PREFIX: &str = "don-doc-";

/// The ký hiệu of the issuer's công văn: `issuer.letter_code`, else its
/// code and [`DEFAULT_DRAFTING_UNIT`] (`VP-TH`).
pub fn letter_code(issuer: &Issuer) -> String {
    match issuer.letter_code.as_deref().map(str::trim) {
        Some(code) if !code.is_empty() => code.to_string(),
        _ => format!("{}-{DEFAULT_DRAFTING_UNIT}", issuer.code),
    }
}

/// The name of a unit's reminder without its extension, from the unit's
/// name alone (so that a page can link to it knowing only the unit):
/// `don-doc-` and the name's words without diacritics, `Sở Nội vụ` →
/// `don-doc-so-noi-vu`. Names that differ only in case, diacritics or
/// punctuation are one unit and get one name; a name longer than 64
/// letters is cut and ends with 8 hex digits of a SHA-256 of the folded
/// name, so that two long names never share a file.
pub fn file_stem(unit: &str) -> String {
    use sha2::Digest;
    let slug = super::slug_words(unit).join("-");
    let slug = if slug.is_empty() {
        "don-vi".to_string()
    } else if slug.len() > 64 {
        let digest = sha2::Sha256::digest(fold(unit).as_bytes());
        let hex: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
        format!("{}-{hex}", slug[..56].trim_end_matches('-'))
    } else {
        slug
    };
    format!("{FILE_PREFIX}{slug}")
}

/// Whether a task goes into a reminder judged on `today`: open, with a
/// deadline (the one that counts) already past or at most `within` days
/// away. Done, cancelled and undated tasks never do.
pub fn is_due(task: &TrackedTask, today: Date, within: u32) -> bool {
    let open = matches!(
        task.standing(today),
        Standing::OpenOverdue | Standing::OpenInTime
    );
    open && task
        .deadline()
        .is_some_and(|d| today.days_until(d) <= i64::from(within))
}

/// One lead unit and the tasks its reminder lists.
#[derive(Clone, Debug)]
pub struct UnitTasks<'a> {
    /// The unit as the tasks name it (its first spelling).
    pub unit: String,
    /// Its tasks, by deadline (the most overdue first), then in file order.
    pub tasks: Vec<&'a TrackedTask>,
}

/// The units that get a reminder on `today`, by name (without diacritics,
/// then with): each lead unit with a task that [`is_due`]; a task with
/// several lead units goes to each, a task without one to none (there is
/// nobody to address).
pub fn due_by_unit(tasks: &[TrackedTask], today: Date, within: u32) -> Vec<UnitTasks<'_>> {
    let mut units: Vec<(String, UnitTasks)> = Vec::new();
    for t in tasks.iter().filter(|t| is_due(t, today, within)) {
        for lead in &t.lead {
            let key = fold(lead);
            match units.iter_mut().find(|(k, _)| *k == key) {
                Some((_, u)) if !u.tasks.iter().any(|x| std::ptr::eq(*x, t)) => u.tasks.push(t),
                Some(_) => {}
                None => units.push((
                    key,
                    UnitTasks {
                        unit: lead.clone(),
                        tasks: vec![t],
                    },
                )),
            }
        }
    }
    units.sort_by(|(a, x), (b, y)| a.cmp(b).then_with(|| x.unit.cmp(&y.unit)));
    units
        .into_iter()
        .map(|(_, mut u)| {
            u.tasks.sort_by_key(|t| t.deadline());
            u
        })
        .collect()
}

/// How the letters are issued.
#[derive(Clone, Debug)]
pub struct Issue {
    /// The day deadlines are judged on.
    pub today: Date,
    /// Days ahead a deadline counts as near.
    pub within: u32,
    /// The registry number; `None` for a draft (the number left blank).
    pub number: Option<u32>,
    /// The date of issue; `None` for a draft (day and month left blank).
    pub date: Option<Date>,
    /// The day the unit is asked to report by.
    pub report_by: Date,
}

/// One task as the letter's table lists it.
#[derive(Serialize)]
struct Row<'a> {
    notice: Option<&'a str>,
    notice_date: Option<Date>,
    meeting_date: Date,
    place: &'a str,
    what: String,
    due: Option<Date>,
    extended_to: Option<Date>,
    deadline: Option<Date>,
    overdue: bool,
    days_late: Option<i64>,
    days_left: Option<i64>,
    with: &'a [String],
    /// The later deadline the unit asked for, not answered yet.
    extension_requested: Option<Date>,
    /// The unit asked to drop the task, not answered yet.
    cancel_requested: bool,
}

#[derive(Serialize)]
struct Context<'a> {
    part: &'static str,
    issuer: &'a Issuer,
    unit: &'a str,
    unit_code: Option<&'a str>,
    today: Date,
    within: u32,
    number: String,
    date: Option<Date>,
    report_by: Date,
    total: usize,
    overdue: usize,
    upcoming: usize,
    tasks: Vec<Row<'a>>,
}

/// One line of plain text of a part the template writes as Markdown.
fn one_line(templates: &Templates, context: &Context) -> Result<String, TemplateError> {
    let text = templates.render(REMINDER, context)?;
    Ok(markdown::parse_blocks(&crate::text::nfc(&text))
        .iter()
        .map(|b| b.plain_text().replace('\n', " "))
        .collect::<Vec<_>>()
        .join(" "))
}

/// Builds the reminder of one unit. The issuer, signer, recipients and
/// layout come from `meeting` (the archive's first meeting with a signer,
/// so its `ketluan.yaml`); Nơi nhận is `- Như trên;` (the unit of `Kính
/// gửi:`), the `recipients`, then the `Lưu:` line of `archive`.
pub fn compose_reminder(
    unit: &UnitTasks,
    departments: &[(String, String)],
    meeting: &Meeting,
    issue: &Issue,
    templates: &Templates,
) -> Result<Document, TemplateError> {
    let today = issue.today;
    let rows: Vec<Row> = unit
        .tasks
        .iter()
        .map(|t| {
            let standing = t.standing(today);
            let overdue = standing == Standing::OpenOverdue;
            Row {
                notice: t.notice.as_deref(),
                notice_date: t.notice_date,
                meeting_date: t.meeting_date,
                place: t.place(),
                what: t.short_what(400),
                due: t.due,
                extended_to: t.extended_to,
                deadline: t.deadline(),
                overdue,
                days_late: t.days_late_as(standing, today),
                days_left: t
                    .deadline()
                    .filter(|_| !overdue)
                    .map(|d| today.days_until(d)),
                with: &t.with,
                extension_requested: t.pending_extension(),
                cancel_requested: t.pending_cancel(),
            }
        })
        .collect();
    let code = letter_code(&meeting.issuer);
    let overdue = rows.iter().filter(|r| r.overdue).count();
    let mut context = Context {
        part: "subject",
        issuer: &meeting.issuer,
        unit: &unit.unit,
        unit_code: departments
            .iter()
            .find(|(_, name)| fold(name) == fold(&unit.unit))
            .map(|(c, _)| c.as_str()),
        today,
        within: issue.within,
        number: match issue.number {
            Some(n) => format!("{n:02}/{code}"),
            // No-break spaces: the blank stays with its `/VP-TH`.
            None => format!("{}/{code}", "\u{a0}".repeat(6)),
        },
        date: issue.date,
        report_by: issue.report_by,
        total: rows.len(),
        overdue,
        upcoming: rows.len() - overdue,
        tasks: rows,
    };
    let subject = one_line(templates, &context)?;
    context.part = "addressee";
    let addressee = one_line(templates, &context)?;
    context.part = "body";
    let body = crate::text::nfc(&templates.render(REMINDER, &context)?);
    let (body, appendices) = split_appendices(markdown::parse_body(&body, true));
    let signer = meeting.signer.as_ref().ok_or_else(|| TemplateError {
        name: REMINDER.to_string(),
        message: crate::tr!("tracking.report_no_signer"),
    })?;
    let mut names = vec!["Như trên".to_string()];
    names.extend(meeting.recipients.iter().cloned());
    let reference = issue.number.map(|n| format!("{n:02}/{code}"));
    let number_line = match &reference {
        Some(r) => format!("Số: {r}"),
        None => format!("Số:{BLANK}/{code}"),
    };
    let place = &meeting.issuer.place;
    let date_line = match issue.date {
        Some(d) => format!("{place}, {}", d.long()),
        None => format!("{place}, ngày{BLANK}tháng{BLANK}năm {}", today.year()),
    };
    let title = subject
        .strip_prefix("V/v ")
        .unwrap_or(&subject)
        .trim()
        .to_string();
    let mut protected = crate::document::protected_names(meeting);
    protected.push(unit.unit.clone());
    Ok(Document {
        doc_type: LETTER_DOC_TYPE.to_string(),
        parent: meeting.issuer.parent.as_deref().map(caps),
        issuer: caps(&meeting.issuer.name),
        metadata: Metadata {
            title,
            author: meeting.issuer.name.clone(),
            subject: match &reference {
                Some(_) => format!("{LETTER_DOC_TYPE} {number_line}"),
                None => format!("{LETTER_DOC_TYPE} (dự thảo)"),
            },
            date: issue.date.unwrap_or(today),
            issued: issue.date.filter(|_| reference.is_some()),
            reference,
        },
        number_line,
        date_line: Some(date_line),
        summary: subject.clone(),
        letter: Some(Letter { subject, addressee }),
        body,
        appendices,
        recipients: format_recipients(&names, &meeting.archive),
        signature: signature_of(signer),
        file_name: Some(file_stem(&unit.unit)),
        names: protected,
        layout: meeting.layout.clone(),
        seal_mm: meeting.seal.as_ref().and_then(|s| s.diameter_mm),
        frame: Default::default(),
    }
    .laid_out())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems_are_ascii_and_one_per_unit() {
        assert_eq!(file_stem("Sở Nội vụ"), "don-doc-so-noi-vu");
        assert_eq!(file_stem("SỞ NỘI VỤ"), file_stem("Sở Nội vụ"));
        assert_eq!(file_stem("Sở KH&ĐT"), "don-doc-so-kh-dt");
        assert_eq!(file_stem(" — "), "don-doc-don-vi");
        let long = |end: &str| format!("{} {end}", "Ban quản lý dự án ".repeat(5));
        let (a, b) = (file_stem(&long("A")), file_stem(&long("B")));
        assert_ne!(a, b);
        assert!(a.len() <= FILE_PREFIX.len() + 65, "{a}");
    }
}
