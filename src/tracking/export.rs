//! Writing task lists and per-unit summaries: aligned table, CSV (RFC 4180),
//! JSON, iCalendar (RFC 5545 VTODO) and Markdown.

use std::fmt::Write as _;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::{Standing, TrackedTask, UnitSummary};
use crate::date::Date;
use crate::model::Status;

/// Output formats of `ketluan tasks`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// Aligned columns for a terminal.
    Table,
    /// RFC 4180 CSV, UTF-8 (add `--bom` for Excel).
    Csv,
    /// A JSON array.
    Json,
    /// iCalendar: one VTODO per task with a deadline.
    Ics,
    /// A Markdown table.
    Md,
}

fn date_text(d: Option<Date>) -> String {
    d.map(|d| d.short()).unwrap_or_default()
}

/// The deadline as printed: `06/02/2021`, or `06/02/2021 → 20/02/2021` when extended.
fn deadline_text(t: &TrackedTask) -> String {
    match (t.due, t.extended_to) {
        (Some(due), Some(ext)) => format!("{} → {}", due.short(), ext.short()),
        (None, Some(ext)) => format!("→ {}", ext.short()),
        (due, None) => date_text(due),
    }
}

const TASK_HEADERS: [&str; 9] = [
    "Mã nhiệm vụ",
    "Ngày họp",
    "Số thông báo",
    "Chủ trì",
    "Phối hợp",
    "Thời hạn",
    "Tình trạng",
    "Ngày hoàn thành",
    "Nội dung",
];

/// Cuts a cell to `max` characters with an ellipsis (0: no limit).
fn clip(s: String, max: usize) -> String {
    if max == 0 || s.chars().count() <= max {
        s
    } else {
        let mut c: String = s.chars().take(max - 1).collect();
        c.push('…');
        c
    }
}

/// A task's cells; `what_chars` > 0 clips the long cells for a terminal.
fn task_row(t: &TrackedTask, today: Date, what_chars: usize) -> [String; 9] {
    let units = what_chars.min(30);
    [
        t.id.clone(),
        t.meeting_date.short(),
        t.notice.clone().unwrap_or_else(|| "(dự thảo)".to_string()),
        clip(t.lead.join("; "), units),
        clip(t.with.join("; "), units),
        deadline_text(t),
        t.standing(today).label().to_string(),
        date_text(t.done_on),
        if what_chars == 0 {
            t.what.clone()
        } else {
            t.short_what(what_chars)
        },
    ]
}

const SUMMARY_HEADERS: [&str; 7] = [
    "Đơn vị chủ trì",
    "Hoàn thành đúng hạn",
    "Hoàn thành quá hạn",
    "Chưa hoàn thành trong hạn",
    "Chưa hoàn thành quá hạn",
    "Hủy",
    "Tổng số",
];

fn summary_row(u: &UnitSummary) -> [String; 7] {
    [
        u.unit.clone(),
        u.done_on_time.to_string(),
        u.done_late.to_string(),
        u.open_in_time.to_string(),
        u.open_overdue.to_string(),
        u.cancelled.to_string(),
        u.total.to_string(),
    ]
}

/// Columns padded to the widest cell by display width (Vietnamese letters in
/// NFC are one column each; combining marks none), numbers right-aligned.
fn aligned(headers: &[&str], rows: &[Vec<String>]) -> String {
    let n = headers.len();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.width());
        }
    }
    let numeric: Vec<bool> = (0..n)
        .map(|i| {
            !rows.is_empty()
                && rows
                    .iter()
                    .all(|r| !r[i].is_empty() && r[i].bytes().all(|b| b.is_ascii_digit()))
        })
        .collect();
    let mut out = String::new();
    let line = |cells: &[String], out: &mut String| {
        let mut l = String::new();
        for (i, c) in cells.iter().enumerate() {
            let pad = " ".repeat(widths[i] - c.width());
            // The padding after the last cell is trimmed with the line.
            if numeric[i] {
                l.push_str(&pad);
                l.push_str(c);
            } else {
                l.push_str(c);
                l.push_str(&pad);
            }
            l.push_str("  ");
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(
        &headers.iter().map(|h| h.to_string()).collect::<Vec<_>>(),
        &mut out,
    );
    line(
        &widths.iter().map(|w| "─".repeat(*w)).collect::<Vec<_>>(),
        &mut out,
    );
    for r in rows {
        line(r, &mut out);
    }
    out
}

fn csv_text(headers: &[&str], rows: &[Vec<String>], bom: bool) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = w.write_record(headers);
    for r in rows {
        let _ = w.write_record(r);
    }
    let bytes = w.into_inner().unwrap_or_default();
    let text = String::from_utf8(bytes).unwrap_or_default();
    if bom {
        format!("\u{feff}{text}")
    } else {
        text
    }
}

fn md_cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', " ")
}

fn md_text(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "| {} |", headers.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(headers.len()));
    for r in rows {
        let cells: Vec<String> = r.iter().map(|c| md_cell(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out
}

/// A task as written to JSON.
#[derive(Serialize)]
struct TaskJson<'a> {
    #[serde(flatten)]
    task: &'a TrackedTask,
    deadline: Option<Date>,
    standing: Standing,
    standing_label: &'static str,
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn ics_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a UTF-8 character
/// (RFC 5545 §3.1), lines ended by CRLF.
fn ics_line(out: &mut String, line: &str) {
    let mut used = 0;
    let mut first = true;
    for c in line.chars() {
        let len = c.len_utf8();
        let limit = if first { 75 } else { 74 };
        if used + len > limit {
            out.push_str("\r\n ");
            used = 0;
            first = false;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
}

fn ics_date(d: Date) -> String {
    d.iso().replace('-', "")
}

/// iCalendar with one VTODO per task that has a deadline. UIDs come from the
/// task ids, so importing again updates instead of duplicating; DTSTAMP is
/// the meeting date (no clock is read, so the same archive gives the same file).
pub fn tasks_ics(tasks: &[TrackedTask], today: Date) -> String {
    let mut out = String::new();
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//ketluan//Theo dõi nhiệm vụ//VI",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Nhiệm vụ được giao",
    ] {
        ics_line(&mut out, l);
    }
    for t in tasks {
        let Some(deadline) = t.deadline() else {
            continue;
        };
        ics_line(&mut out, "BEGIN:VTODO");
        ics_line(&mut out, &format!("UID:{}@ketluan", ics_escape(&t.id)));
        ics_line(
            &mut out,
            &format!("DTSTAMP:{}T000000Z", ics_date(t.meeting_date)),
        );
        ics_line(
            &mut out,
            &format!("DTSTART;VALUE=DATE:{}", ics_date(t.meeting_date)),
        );
        ics_line(&mut out, &format!("DUE;VALUE=DATE:{}", ics_date(deadline)));
        let lead = if t.lead.is_empty() {
            String::new()
        } else {
            format!("[{}] ", t.lead.join("; "))
        };
        ics_line(
            &mut out,
            &format!(
                "SUMMARY:{}",
                ics_escape(&format!("{lead}{}", t.short_what(80)))
            ),
        );
        let mut desc = t.what.clone();
        if !t.with.is_empty() {
            desc.push_str(&format!("\nPhối hợp: {}", t.with.join("; ")));
        }
        if let Some(n) = &t.notice {
            desc.push_str(&format!("\nThông báo số {n}"));
        }
        if let Some(note) = &t.extension_note {
            desc.push_str(&format!("\nGia hạn: {note}"));
        }
        desc.push_str(&format!("\nMã: {}", t.id));
        ics_line(&mut out, &format!("DESCRIPTION:{}", ics_escape(&desc)));
        let status = match t.status {
            Status::Open => "NEEDS-ACTION",
            Status::Done => "COMPLETED",
            Status::Cancelled => "CANCELLED",
        };
        ics_line(&mut out, &format!("STATUS:{status}"));
        if t.status == Status::Done {
            ics_line(&mut out, "PERCENT-COMPLETE:100");
            if let Some(done) = t.done_on {
                ics_line(&mut out, &format!("COMPLETED:{}T000000Z", ics_date(done)));
            }
        }
        ics_line(
            &mut out,
            &format!("CATEGORIES:{}", ics_escape(t.standing(today).label())),
        );
        ics_line(&mut out, "END:VTODO");
    }
    ics_line(&mut out, "END:VCALENDAR");
    out
}

/// The task list in a format.
pub fn tasks(tasks: &[TrackedTask], today: Date, format: ListFormat, bom: bool) -> String {
    match format {
        ListFormat::Ics => tasks_ics(tasks, today),
        ListFormat::Json => {
            let items: Vec<TaskJson> = tasks
                .iter()
                .map(|t| TaskJson {
                    task: t,
                    deadline: t.deadline(),
                    standing: t.standing(today),
                    standing_label: t.standing(today).label(),
                })
                .collect();
            serde_json::to_string_pretty(&items).unwrap_or_default() + "\n"
        }
        ListFormat::Table => {
            let rows: Vec<Vec<String>> = tasks
                .iter()
                .map(|t| task_row(t, today, 40).to_vec())
                .collect();
            aligned(&TASK_HEADERS, &rows)
        }
        ListFormat::Csv => {
            let rows: Vec<Vec<String>> = tasks
                .iter()
                .map(|t| task_row(t, today, 0).to_vec())
                .collect();
            csv_text(&TASK_HEADERS, &rows, bom)
        }
        ListFormat::Md => {
            let rows: Vec<Vec<String>> = tasks
                .iter()
                .map(|t| task_row(t, today, 0).to_vec())
                .collect();
            md_text(&TASK_HEADERS, &rows)
        }
    }
}

/// The per-unit summary in a format (`ics` has no meaning here: `None`).
pub fn summary(units: &[UnitSummary], format: ListFormat, bom: bool) -> Option<String> {
    let rows: Vec<Vec<String>> = units.iter().map(|u| summary_row(u).to_vec()).collect();
    Some(match format {
        ListFormat::Ics => return None,
        ListFormat::Json => serde_json::to_string_pretty(units).unwrap_or_default() + "\n",
        ListFormat::Table => aligned(&SUMMARY_HEADERS, &rows),
        ListFormat::Csv => csv_text(&SUMMARY_HEADERS, &rows, bom),
        ListFormat::Md => md_text(&SUMMARY_HEADERS, &rows),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ics_lines_fold_at_75_octets_on_character_boundaries() {
        let mut out = String::new();
        let long = format!("SUMMARY:{}", "Thực hiện nghiêm túc các chỉ đạo ".repeat(8));
        ics_line(&mut out, &long);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = out.replace("\r\n ", "").replace("\r\n", "");
        assert_eq!(unfolded, long);
    }

    #[test]
    fn ics_escapes_text() {
        assert_eq!(ics_escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn aligned_uses_display_width() {
        let t = aligned(
            &["Đơn vị", "Số"],
            &[
                vec!["Sở Nội vụ".into(), "3".into()],
                vec!["UBND".into(), "12".into()],
            ],
        );
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[2], "Sở Nội vụ   3");
        assert_eq!(lines[3], "UBND       12");
    }
}
