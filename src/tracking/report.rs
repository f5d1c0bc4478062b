//! The *Báo cáo tình hình thực hiện nhiệm vụ*: the tasks of an archive, by
//! lead unit, as a report in the same house layout as the notices (the
//! `report.md` template writes the text, a table lists every task), drawn by
//! the existing backends.

use serde::Serialize;

use super::{by_lead, TrackedTask, UnitSummary, NO_LEAD};
use crate::date::Date;
use crate::document::{
    caps, format_recipients, signature_of, Document, Metadata, Table, TableColumn,
};
use crate::markdown;
use crate::model::Meeting;
use crate::template::{TemplateError, Templates, REPORT};

/// The tên loại of the report.
pub const REPORT_DOC_TYPE: &str = "BÁO CÁO";

#[derive(Serialize)]
struct Context<'a> {
    issuer: &'a crate::model::Issuer,
    today: Date,
    total: usize,
    meetings: usize,
    counts: UnitSummary,
    units: Vec<UnitSummary>,
}

/// The report's trích yếu.
pub fn report_summary(today: Date) -> String {
    format!(
        "Tình hình thực hiện nhiệm vụ được giao tại các cuộc họp (tính đến ngày {})",
        today.short()
    )
}

fn table(tasks: &[TrackedTask], units: &[UnitSummary], today: Date) -> Table {
    let column = |title: &str, share: f32, centred: bool| TableColumn {
        title: title.to_string(),
        share,
        centred,
    };
    let unit_of = |t: &TrackedTask| {
        t.lead
            .first()
            .cloned()
            .unwrap_or_else(|| NO_LEAD.to_string())
    };
    let order = |t: &TrackedTask| {
        let u = super::fold(&unit_of(t));
        units
            .iter()
            .position(|s| super::fold(&s.unit) == u)
            .unwrap_or(usize::MAX)
    };
    let mut sorted: Vec<&TrackedTask> = tasks.iter().collect();
    sorted.sort_by_key(|t| order(t));
    let rows = sorted
        .iter()
        .enumerate()
        .map(|(i, t)| {
            vec![
                (i + 1).to_string(),
                t.id.clone(),
                t.short_what(160),
                if t.lead.is_empty() {
                    NO_LEAD.to_string()
                } else {
                    t.lead.join("; ")
                },
                t.deadline().map(|d| d.short()).unwrap_or_default(),
                t.standing(today).label().to_string(),
            ]
        })
        .collect();
    Table {
        columns: vec![
            column("TT", 0.06, true),
            column("Mã nhiệm vụ", 0.20, false),
            column("Nội dung", 0.30, false),
            column("Đơn vị chủ trì", 0.18, false),
            column("Thời hạn", 0.13, true),
            column("Tình trạng", 0.13, true),
        ],
        rows,
    }
}

/// Builds the report. The issuer, signer, recipients and layout come from
/// `meeting` (the archive's first meeting, so its `ketluan.yaml`); the
/// number is left blank for the registry, the date is `today`.
pub fn compose_report(
    tasks: &[TrackedTask],
    meetings: usize,
    meeting: &Meeting,
    today: Date,
    templates: &Templates,
) -> Result<Document, TemplateError> {
    let units = by_lead(tasks, today);
    let mut counts = UnitSummary {
        unit: String::new(),
        done_on_time: 0,
        done_late: 0,
        open_in_time: 0,
        open_overdue: 0,
        cancelled: 0,
        total: tasks.len(),
    };
    for t in tasks {
        match t.standing(today) {
            super::Standing::DoneOnTime => counts.done_on_time += 1,
            super::Standing::DoneLate => counts.done_late += 1,
            super::Standing::OpenInTime => counts.open_in_time += 1,
            super::Standing::OpenOverdue => counts.open_overdue += 1,
            super::Standing::Cancelled => counts.cancelled += 1,
        }
    }
    let context = Context {
        issuer: &meeting.issuer,
        today,
        total: tasks.len(),
        meetings,
        counts,
        units: units.clone(),
    };
    let body = templates.render(REPORT, &context)?;
    let summary = report_summary(today);
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
        body: markdown::parse_blocks(&crate::text::nfc(&body)),
        table: Some(table(tasks, &units, today)),
        recipients,
        signature: signature_of(signer),
        metadata: Metadata {
            title: summary,
            author: meeting.issuer.name.clone(),
            subject: format!("{REPORT_DOC_TYPE} (dự thảo)"),
            date: today,
            reference: None,
            issued: None,
        },
        file_name: None,
        names: crate::document::protected_names(meeting),
        layout: meeting.layout.clone(),
    })
}
