//! The *Báo cáo tình hình thực hiện nhiệm vụ*: the tasks of an archive, by
//! lead unit, as a report in the same house layout as the notices (the
//! `report.md` template writes the text, a table lists every task), drawn by
//! the existing backends.

use serde::Serialize;

use super::{by_lead, fold, Standing, TrackedTask, UnitSummary, NO_LEAD};
use crate::date::Date;
use crate::document::{
    caps, format_recipients, signature_of, split_appendices, Document, Metadata,
};
use crate::markdown;
use crate::model::Meeting;
use crate::template::{TemplateError, Templates, REPORT};

/// The tên loại of the report.
pub const REPORT_DOC_TYPE: &str = "BÁO CÁO";

/// What a report covers: the meetings of a period, the tasks of one unit.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Scope {
    /// Meetings held on or after this day.
    pub from: Option<Date>,
    /// Meetings held on or before this day.
    pub to: Option<Date>,
    /// Only the tasks this unit leads (its name as the report prints it).
    pub lead: Option<String>,
}

/// One row of the summary table: a unit (or the whole) and its counts.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct SummaryRow {
    /// The unit (empty for the whole).
    pub unit: String,
    /// Tasks.
    pub total: usize,
    /// Hoàn thành đúng hạn.
    pub done_on_time: usize,
    /// Hoàn thành quá hạn.
    pub done_late: usize,
    /// Chưa hoàn thành, còn trong hạn.
    pub open_in_time: usize,
    /// Chưa hoàn thành, đã quá hạn.
    pub open_overdue: usize,
    /// Hủy.
    pub cancelled: usize,
    /// Tỷ lệ hoàn thành đúng hạn, printed (`66,7%`; `-` when nothing is
    /// due or done yet): see [`on_time_rate`].
    pub on_time_rate: String,
}

/// The on-time rate of a row: the tasks done on time among those that can
/// be judged (done, on time or late, or open past their deadline); open
/// tasks still in time and cancelled ones are left out. One decimal, a
/// decimal comma, as Vietnamese prints it; `-` when nothing can be judged.
pub fn on_time_rate(done_on_time: usize, done_late: usize, open_overdue: usize) -> String {
    let judged = done_on_time + done_late + open_overdue;
    if judged == 0 {
        return "-".to_string();
    }
    let tenths = (done_on_time as f64 * 1000.0 / judged as f64).round() as u64;
    match tenths % 10 {
        0 => format!("{}%", tenths / 10),
        d => format!("{},{d}%", tenths / 10),
    }
}

impl SummaryRow {
    fn new(unit: String, counts: [usize; 5]) -> SummaryRow {
        let [done_on_time, done_late, open_in_time, open_overdue, cancelled] = counts;
        SummaryRow {
            unit,
            total: counts.iter().sum(),
            done_on_time,
            done_late,
            open_in_time,
            open_overdue,
            cancelled,
            on_time_rate: on_time_rate(done_on_time, done_late, open_overdue),
        }
    }

    fn of(u: &UnitSummary) -> SummaryRow {
        SummaryRow::new(
            u.unit.clone(),
            [
                u.done_on_time,
                u.done_late,
                u.open_in_time,
                u.open_overdue,
                u.cancelled,
            ],
        )
    }

    fn counts(&self) -> [usize; 5] {
        [
            self.done_on_time,
            self.done_late,
            self.open_in_time,
            self.open_overdue,
            self.cancelled,
        ]
    }
}

/// One task as the Phụ lục lists it.
#[derive(Clone, Debug, Serialize)]
struct TaskRow<'a> {
    /// `25/TB-UBND`; none for a draft notice.
    notice: Option<&'a str>,
    notice_date: Option<Date>,
    meeting_date: Date,
    /// `I.10.3`.
    place: &'a str,
    what: String,
    lead: Vec<&'a str>,
    due: Option<Date>,
    extended_to: Option<Date>,
    /// `open_overdue`, `done_late`, …
    standing: Standing,
    /// `Chưa hoàn thành quá hạn`, …
    standing_label: &'static str,
    /// Days past the deadline (done late, or open past it).
    days_late: Option<i64>,
    /// The later deadline the lead unit asked for, not answered yet.
    extension_requested: Option<Date>,
    /// The lead unit asked to drop the task, not answered yet.
    cancel_requested: bool,
}

#[derive(Serialize)]
struct Context<'a> {
    /// `title` (the trích yếu) or `body` (the text, the tables, the Phụ lục).
    part: &'static str,
    issuer: &'a crate::model::Issuer,
    today: Date,
    /// The report's số ký hiệu, its number left blank (six no-break
    /// spaces): `      /BC-UBND`.
    number: String,
    scope: &'a Scope,
    total: usize,
    meetings: usize,
    /// The whole, each task once.
    counts: SummaryRow,
    /// Per lead unit, most overdue first, then by name.
    units: Vec<SummaryRow>,
    /// The column sums of `units` (the table's total row).
    sum: SummaryRow,
    /// Some task has several lead units (it counts once for each).
    shared_tasks: bool,
    tasks: Vec<TaskRow<'a>>,
}

/// The units of the summary table in their order: most open tasks past
/// their deadline first, then by name (without diacritics, then with), the
/// tasks without a lead unit last.
pub fn summary_rows(tasks: &[TrackedTask], today: Date) -> Vec<SummaryRow> {
    let mut rows: Vec<SummaryRow> = by_lead(tasks, today).iter().map(SummaryRow::of).collect();
    rows.sort_by_cached_key(|r| {
        (
            r.unit == NO_LEAD,
            std::cmp::Reverse(r.open_overdue),
            fold(&r.unit),
            r.unit.clone(),
        )
    });
    rows
}

/// The report's trích yếu and body: `report.md` rendered once for each
/// (`part` is `title`, then `body`).
fn render(templates: &Templates, context: &mut Context) -> Result<(String, String), TemplateError> {
    context.part = "title";
    let title = templates.render(REPORT, &*context)?;
    let title = markdown::parse_blocks(&crate::text::nfc(&title))
        .iter()
        .map(|b| b.plain_text())
        .collect::<Vec<_>>()
        .join("\n");
    context.part = "body";
    let body = templates.render(REPORT, &*context)?;
    Ok((title, crate::text::nfc(&body)))
}

/// Builds the report. The issuer, signer, recipients and layout come from
/// `meeting` (the archive's first meeting, so its `ketluan.yaml`); the
/// number is left blank for the registry, the date is `today`. `tasks` are
/// those in `scope` already.
pub fn compose_report(
    tasks: &[TrackedTask],
    meetings: usize,
    meeting: &Meeting,
    today: Date,
    scope: &Scope,
    templates: &Templates,
) -> Result<Document, TemplateError> {
    let units = summary_rows(tasks, today);
    let mut whole = UnitSummary::new(String::new());
    for t in tasks {
        whole.count(t.standing(today));
    }
    let mut sums = [0usize; 5];
    for u in &units {
        for (s, c) in sums.iter_mut().zip(u.counts()) {
            *s += c;
        }
    }
    // The Phụ lục: grouped by lead unit in the table's order, each unit's
    // tasks in file order.
    let folded: Vec<String> = units.iter().map(|u| fold(&u.unit)).collect();
    let mut sorted: Vec<&TrackedTask> = tasks.iter().collect();
    sorted.sort_by_cached_key(|t| {
        let unit = fold(t.lead.first().map_or(NO_LEAD, String::as_str));
        folded.iter().position(|u| *u == unit).unwrap_or(usize::MAX)
    });
    let rows = sorted
        .iter()
        .map(|t| (t, t.standing(today)))
        .map(|(t, standing)| TaskRow {
            notice: t.notice.as_deref(),
            notice_date: t.notice_date,
            meeting_date: t.meeting_date,
            place: t.place(),
            what: t.short_what(400),
            lead: if t.lead.is_empty() {
                vec![NO_LEAD]
            } else {
                t.lead.iter().map(String::as_str).collect()
            },
            due: t.due,
            extended_to: t.extended_to,
            standing,
            standing_label: standing.label(),
            days_late: t.days_late_as(standing, today),
            extension_requested: t.pending_extension(),
            cancel_requested: t.pending_cancel(),
        })
        .collect();
    let mut context = Context {
        part: "body",
        issuer: &meeting.issuer,
        today,
        // No-break spaces: the blank stays with its `/BC-…` in a
        // centred line.
        number: format!("{}/BC-{}", "\u{a0}".repeat(6), meeting.issuer.code),
        scope,
        total: tasks.len(),
        meetings,
        counts: SummaryRow::of(&whole),
        sum: SummaryRow::new(String::new(), sums),
        shared_tasks: tasks.iter().any(|t| t.lead.len() > 1),
        units,
        tasks: rows,
    };
    let (summary, body) = render(templates, &mut context)?;
    let (body, appendices) = split_appendices(markdown::parse_body(&body, true));
    let recipients = format_recipients(&meeting.recipients, &meeting.archive);
    let signer = meeting.signer.as_ref().ok_or_else(|| TemplateError {
        name: REPORT.to_string(),
        message: crate::tr!("tracking.report_no_signer"),
    })?;
    Ok(Document {
        doc_type: REPORT_DOC_TYPE.to_string(),
        parent: meeting.issuer.parent.as_deref().map(caps),
        issuer: caps(&meeting.issuer.name),
        number_line: format!("Số:      /BC-{}", meeting.issuer.code),
        date_line: Some(format!("{}, {}", meeting.issuer.place, today.long())),
        summary: summary.clone(),
        letter: None,
        body,
        appendices,
        recipients,
        signature: signature_of(signer),
        metadata: Metadata {
            title: summary.replace('\n', " "),
            author: meeting.issuer.name.clone(),
            subject: format!("{REPORT_DOC_TYPE} (dự thảo)"),
            date: today,
            reference: None,
            issued: None,
        },
        file_name: None,
        // The date as the Phụ lục's `(Kèm theo …)` line writes it stays whole.
        names: {
            let mut names = crate::document::protected_names(meeting);
            names.push(today.long());
            names
        },
        layout: meeting.layout.clone(),
        seal_mm: meeting.seal.as_ref().and_then(|s| s.diameter_mm),
        frame: Default::default(),
    }
    .laid_out())
}

#[cfg(test)]
mod tests {
    use super::on_time_rate;

    #[test]
    fn the_on_time_rate_counts_what_can_be_judged() {
        assert_eq!(on_time_rate(0, 0, 0), "-");
        assert_eq!(on_time_rate(2, 1, 0), "66,7%");
        assert_eq!(on_time_rate(1, 0, 1), "50%");
        assert_eq!(on_time_rate(3, 0, 0), "100%");
        assert_eq!(on_time_rate(0, 2, 3), "0%");
    }
}
