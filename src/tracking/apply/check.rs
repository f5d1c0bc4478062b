//! One returned row against the task it names: what the unit answered,
//! whether the office can take it, and the field edits that record it.
//!
//! The rules (docs/tracking.md, "Applying returned sheets"):
//!
//! - `đã hoàn thành` needs a completion day, not after today nor before
//!   the meeting; it sets `status: done` and `done_on`. A task already done
//!   on another day is refused (the file is right until the office says
//!   otherwise); the same day changes nothing.
//! - `đề nghị gia hạn` needs the day asked for, after the deadline in
//!   force; it sets `extension_requested` (a request: `extended_to` is the
//!   office's grant). `đề nghị hủy` sets `cancel_requested: true`.
//! - `đang thực hiện` (or a standing `tasks` prints, as a CSV round trip
//!   brings them back) changes nothing but the report.
//! - a task done or cancelled in the file is not reopened, cancelled or
//!   extended from a sheet; `hủy` is the office's decision, not a unit's.
//! - a day in a column the answer does not use is refused rather than
//!   guessed at (a completion day beside `đang thực hiện`).
//! - `Văn bản báo cáo`, when filled, sets `report`; `Ghi chú` is shown,
//!   not written.

use super::read::{Cell, Column, Row, Value};
use crate::date::Date;
use crate::model::Status;
use crate::tracking::xlsx::STATUSES;
use crate::tracking::{fold, Standing, TrackedTask};
use crate::yaml_edit::Value as YamlValue;

/// What a unit answered in `Tình trạng`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Still being done.
    InProgress,
    /// Done.
    Done,
    /// Asks for a later deadline.
    ExtensionAsked,
    /// Asks to drop the task.
    CancelAsked,
    /// `Hủy`: the standing of a cancelled task, as `tasks` prints it.
    Cancelled,
}

/// The words read as each answer: the workbook's four, and the standings
/// `tasks` prints (a CSV comes back with them).
fn words() -> Vec<(&'static str, Answer)> {
    let mut words = vec![
        (STATUSES[0], Answer::InProgress),
        (STATUSES[1], Answer::Done),
        (STATUSES[2], Answer::ExtensionAsked),
        (STATUSES[3], Answer::CancelAsked),
        ("hoàn thành", Answer::Done),
        ("chưa hoàn thành", Answer::InProgress),
    ];
    words.extend(Standing::ALL.iter().map(|s| {
        let answer = match s {
            Standing::DoneOnTime | Standing::DoneLate => Answer::Done,
            Standing::OpenInTime | Standing::OpenOverdue => Answer::InProgress,
            Standing::Cancelled => Answer::Cancelled,
        };
        (s.label(), answer)
    }));
    words
}

/// Reads an answer, with or without accents, in any case. Unknown: the
/// nearest of the workbook's four, when near enough to be a typing slip.
pub fn answer_of(text: &str) -> Result<Answer, Option<&'static str>> {
    let folded = fold(text.trim_end_matches(['.', ' ']));
    if let Some((_, answer)) = words().into_iter().find(|(w, _)| fold(w) == folded) {
        return Ok(answer);
    }
    let (distance, nearest) = STATUSES
        .iter()
        .map(|w| (strsim::levenshtein(&fold(w), &folded), *w))
        .min()
        .unwrap_or((usize::MAX, STATUSES[0]));
    Err((distance <= 1 + folded.chars().count() / 4).then_some(nearest))
}

/// A day read from a cell: a date cell, an Excel serial number (typed or
/// through a CSV), `dd/mm/yyyy` (also with `-` or `.`), or `yyyy-mm-dd`;
/// a time after the day is ignored.
pub fn day_of(value: &Value) -> Option<Date> {
    match value {
        Value::Date(d) => Some(*d),
        Value::Number(n) => from_serial(*n),
        Value::Text(text) => {
            let day = text.split([' ', 'T']).next().unwrap_or("");
            if !day.is_empty() && day.bytes().all(|b| b.is_ascii_digit()) {
                return day.parse::<f64>().ok().and_then(from_serial);
            }
            let iso = day.len() == 10 && day.as_bytes()[4] == b'-';
            let day = if iso {
                day.to_string()
            } else {
                day.replace(['-', '.'], "/")
            };
            Date::parse(&day).ok()
        }
        Value::Empty | Value::Formula(_) => None,
    }
}

/// Excel's serial day (1900 system; 1 March 1900 is 61): whole days
/// from 30 December 1899, kept to 1901–2100.
fn from_serial(serial: f64) -> Option<Date> {
    const FIRST: f64 = 367.0; // 1 January 1901
    const LAST: f64 = 73_415.0; // 31 December 2100
    if !(FIRST..=LAST).contains(&serial) {
        return None;
    }
    Date::new(1899, 12, 30)?.add_days(serial.floor() as i64)
}

/// A field to change in a task: its key, the value it had and gets (as
/// printed), and the value written.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldChange {
    /// `status`, `done_on`, `report`, `extension_requested`, `cancel_requested`.
    pub field: &'static str,
    /// Before (none: absent).
    pub old: Option<String>,
    /// After.
    pub new: String,
    /// What is written.
    pub value: YamlValue,
}

/// A problem with a cell of a row.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// The cell (as `file!sheet!G7`).
    pub at: String,
    /// What is wrong, in the user's language.
    pub message: String,
}

/// What a row asks of its task: the changes, or why it cannot be taken.
pub type Outcome = Result<Vec<FieldChange>, Vec<Problem>>;

fn problem(cell: &Cell, message: String) -> Problem {
    Problem {
        at: cell.at.to_string(),
        message,
    }
}

/// A day from a date column, or the problem with it; none when empty.
fn day_in(row: &Row, column: Column, problems: &mut Vec<Problem>) -> Option<(Date, Cell)> {
    let cell = row.filled(column)?;
    if let Value::Formula(f) = &cell.value {
        problems.push(problem(cell, crate::tr!("apply.formula", formula = f)));
        return None;
    }
    match day_of(&cell.value) {
        Some(d) => Some((d, cell.clone())),
        None => {
            problems.push(problem(
                cell,
                crate::tr!("apply.not_a_day", value = shown(&cell.value)),
            ));
            None
        }
    }
}

/// A value as the user typed it, for a message.
fn shown(value: &Value) -> String {
    match value {
        Value::Empty => String::new(),
        Value::Text(t) | Value::Formula(t) => t.clone(),
        Value::Number(n) => n.to_string(),
        Value::Date(d) => d.short(),
    }
}

/// A text cell's text (a number as typed); a formula is a problem.
fn text_in(row: &Row, column: Column, problems: &mut Vec<Problem>) -> Option<String> {
    let cell = row.filled(column)?;
    match &cell.value {
        Value::Formula(f) => {
            problems.push(problem(cell, crate::tr!("apply.formula", formula = f)));
            None
        }
        Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(format!("{}", *n as i64)),
        other => Some(shown(other)),
    }
}

/// Checks a row against its task on `today` and gives the changes it
/// makes (empty: nothing new), or every problem found.
pub fn check_row(row: &Row, task: &TrackedTask, today: Date) -> Outcome {
    let mut problems = Vec::new();
    let mut understood = true;
    let answer = match row.filled(Column::Status) {
        None => None,
        Some(cell) => match &cell.value {
            Value::Formula(f) => {
                problems.push(problem(cell, crate::tr!("apply.formula", formula = f)));
                understood = false;
                None
            }
            value => match answer_of(&shown(value)) {
                Ok(a) => Some((a, cell)),
                Err(nearest) => {
                    let mut message = crate::tr!(
                        "apply.unknown_status",
                        value = shown(value),
                        words = STATUSES.join("; ")
                    );
                    if let Some(n) = nearest {
                        message =
                            format!("{message}; {}", crate::tr!("apply.did_you_mean", word = n));
                    }
                    problems.push(problem(cell, message));
                    understood = false;
                    None
                }
            },
        },
    };
    let done_on = day_in(row, Column::DoneOn, &mut problems);
    let asked = day_in(row, Column::Extension, &mut problems);
    let report = text_in(row, Column::Report, &mut problems);
    let mut changes = Vec::new();
    let answer_kind = answer.map(|(a, _)| a);
    // A day in a column the answer does not use (when the answer was read).
    if let Some((_, cell)) = done_on.as_ref().filter(|_| understood) {
        if answer_kind != Some(Answer::Done) {
            problems.push(problem(cell, crate::tr!("apply.day_without_done")));
        }
    }
    if let Some((_, cell)) = asked.as_ref().filter(|_| understood) {
        if answer_kind != Some(Answer::ExtensionAsked) {
            problems.push(problem(cell, crate::tr!("apply.day_without_extension")));
        }
    }
    if let Some((answer, cell)) = answer {
        let reply = Reply {
            answer,
            cell,
            row,
            done_on,
            asked,
        };
        reply.changes(task, today, &mut changes, &mut problems);
    }
    if let Some(report) = report {
        if task.report.as_deref() != Some(report.as_str()) {
            changes.push(FieldChange {
                field: "report",
                old: task.report.clone(),
                new: report.clone(),
                value: YamlValue::Text(report),
            });
        }
    }
    if problems.is_empty() {
        Ok(changes)
    } else {
        Err(problems)
    }
}

/// A day read from a row, with its cell.
type Dated = Option<(Date, Cell)>;

/// A row's answer, read: the status, its cell, and the days given.
struct Reply<'a> {
    answer: Answer,
    cell: &'a Cell,
    row: &'a Row,
    done_on: Dated,
    asked: Dated,
}

impl Reply<'_> {
    /// The changes (or problems) of the answer, given the task's state.
    fn changes(
        self,
        task: &TrackedTask,
        today: Date,
        changes: &mut Vec<FieldChange>,
        problems: &mut Vec<Problem>,
    ) {
        let Reply {
            answer,
            cell,
            row,
            done_on,
            asked,
        } = self;
        let date_change = |field, old: Option<Date>, new: Date| FieldChange {
            field,
            old: old.map(|d| d.iso()),
            new: new.iso(),
            value: YamlValue::Text(new.iso()),
        };
        match (task.status, answer) {
            (Status::Cancelled, Answer::Cancelled) => {}
            (Status::Cancelled, _) => {
                problems.push(problem(cell, crate::tr!("apply.was_cancelled")))
            }
            (_, Answer::Cancelled) => {
                problems.push(problem(cell, crate::tr!("apply.cancel_is_office")))
            }
            (Status::Done, Answer::Done) => match (done_on, task.done_on) {
                (Some((day, at)), Some(was)) if day != was => problems.push(problem(
                    &at,
                    crate::tr!("apply.done_other_day", was = was.short(), day = day.short()),
                )),
                (Some((day, _)), None) => changes.push(date_change("done_on", None, day)),
                _ => {}
            },
            (Status::Done, _) => problems.push(problem(
                cell,
                crate::tr!(
                    "apply.already_done",
                    day = task.done_on.map(|d| d.short()).unwrap_or_default()
                ),
            )),
            (Status::Open, Answer::InProgress) => {}
            (Status::Open, Answer::Done) => match done_on {
                None => {
                    let at = row.cell(Column::DoneOn).unwrap_or(cell);
                    problems.push(problem(at, crate::tr!("apply.done_needs_day")));
                }
                Some((day, at)) if day > today => problems.push(problem(
                    &at,
                    crate::tr!(
                        "apply.done_in_future",
                        day = day.short(),
                        today = today.short()
                    ),
                )),
                Some((day, at)) if day < task.meeting_date => problems.push(problem(
                    &at,
                    crate::tr!(
                        "apply.done_before_meeting",
                        day = day.short(),
                        held = task.meeting_date.short()
                    ),
                )),
                Some((day, _)) => {
                    changes.push(FieldChange {
                        field: "status",
                        old: Some("open".into()),
                        new: "done".into(),
                        value: YamlValue::Text("done".into()),
                    });
                    changes.push(date_change("done_on", task.done_on, day));
                }
            },
            (Status::Open, Answer::ExtensionAsked) => match (asked, task.deadline()) {
                (None, _) => {
                    let at = row.cell(Column::Extension).unwrap_or(cell);
                    problems.push(problem(at, crate::tr!("apply.extension_needs_day")));
                }
                (Some((day, at)), Some(deadline)) if day <= deadline => problems.push(problem(
                    &at,
                    crate::tr!(
                        "apply.extension_not_later",
                        day = day.short(),
                        deadline = deadline.short()
                    ),
                )),
                (Some((day, _)), _) if task.extension_requested == Some(day) => {}
                (Some((day, _)), _) => changes.push(date_change(
                    "extension_requested",
                    task.extension_requested,
                    day,
                )),
            },
            (Status::Open, Answer::CancelAsked) if task.cancel_requested => {}
            (Status::Open, Answer::CancelAsked) => changes.push(FieldChange {
                field: "cancel_requested",
                old: None,
                new: "true".into(),
                value: YamlValue::Bool(true),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_read_with_or_without_accents() {
        assert_eq!(answer_of("đã hoàn thành"), Ok(Answer::Done));
        assert_eq!(answer_of("Da hoan thanh"), Ok(Answer::Done));
        assert_eq!(answer_of("DE NGHI GIA HAN"), Ok(Answer::ExtensionAsked));
        assert_eq!(answer_of("đề nghị hủy"), Ok(Answer::CancelAsked));
        assert_eq!(answer_of("Chưa hoàn thành quá hạn"), Ok(Answer::InProgress));
        assert_eq!(answer_of("Hoàn thành đúng hạn"), Ok(Answer::Done));
        assert_eq!(answer_of("Hủy"), Ok(Answer::Cancelled));
        assert_eq!(answer_of("da hoan thnah"), Err(Some("đã hoàn thành")));
        assert_eq!(answer_of("xong rồi"), Err(None));
    }

    #[test]
    fn days_are_read_in_every_form_a_sheet_gives() {
        let day = Date::parse("2021-03-05").unwrap();
        assert_eq!(day_of(&Value::Number(44260.0)), Some(day));
        assert_eq!(day_of(&Value::Text("44260".into())), Some(day));
        assert_eq!(day_of(&Value::Text("05/03/2021".into())), Some(day));
        assert_eq!(day_of(&Value::Text("5/3/2021".into())), Some(day));
        assert_eq!(day_of(&Value::Text("05-03-2021".into())), Some(day));
        assert_eq!(day_of(&Value::Text("05.03.2021".into())), Some(day));
        assert_eq!(day_of(&Value::Text("2021-03-05".into())), Some(day));
        assert_eq!(
            day_of(&Value::Text("05/03/2021 00:00:00".into())),
            Some(day)
        );
        assert_eq!(day_of(&Value::Text("31/02/2021".into())), None);
        assert_eq!(day_of(&Value::Text("sắp xong".into())), None);
        assert_eq!(day_of(&Value::Number(12.0)), None);
        assert_eq!(
            day_of(&Value::Number(367.0)),
            Date::parse("1901-01-01").ok()
        );
        assert_eq!(
            day_of(&Value::Number(73_415.0)),
            Date::parse("2100-12-31").ok()
        );
    }
}
