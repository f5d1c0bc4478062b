//! Tracking assigned tasks across meetings: stable ids, where each task
//! stands on a given day, filters, and the per-unit summary.
//!
//! The deadline rule (docs/tracking.md): the deadline that counts is
//! `extended_to` when an extension was granted, otherwise `due`. A task done
//! on or before that deadline is *hoàn thành đúng hạn*, after it *hoàn thành
//! quá hạn*; an open task is *chưa hoàn thành quá hạn* once the day after the
//! deadline has come, otherwise *chưa hoàn thành trong hạn*. A task without a
//! deadline is never late; a task marked done without `done_on` counts as on
//! time. This follows QĐ 42/2014/QĐ-TTg (as amended), where an extension
//! approved by the assigning authority moves the deadline.

pub mod apply;
pub mod archive;
pub mod export;
pub mod remind;
pub mod report;
pub mod xlsx;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::model::{DocumentKind, Meeting, Status, Task};
use crate::text::roman;

/// A path as text with `/` between its parts, as on Linux, also on Windows
/// (which takes `/` too): a listing of the same archive is the same bytes
/// whoever made it.
fn portable_path<S: serde::Serializer>(path: &Path, s: S) -> Result<S::Ok, S::Error> {
    let text = path.to_string_lossy();
    if cfg!(windows) {
        s.serialize_str(&text.replace('\\', "/"))
    } else {
        s.serialize_str(&text)
    }
}

/// One task of one meeting, as the tracker sees it (also kept in the site's
/// manifest, [`crate::incremental::MeetingRecord`], and read back from it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackedTask {
    /// `<meeting stem>#<section>.<task>[.<subtask>…]`, e.g. `2021-01-25-phien-hop#I.10.3`.
    pub id: String,
    /// The meeting file's stem.
    pub meeting: String,
    /// The meeting file (in JSON with `/` between its parts on every system).
    #[serde(serialize_with = "portable_path")]
    pub file: PathBuf,
    /// Line of the task in the file.
    pub line: u32,
    /// When the meeting was held.
    pub meeting_date: Date,
    /// The notice's number and symbol (`25/TB-UBND`), none for a draft.
    pub notice: Option<String>,
    /// The notice's date of issue, if set.
    pub notice_date: Option<Date>,
    /// Đơn vị chủ trì.
    pub lead: Vec<String>,
    /// Đơn vị phối hợp.
    pub with: Vec<String>,
    /// The original deadline.
    pub due: Option<Date>,
    /// A later deadline granted after the notice.
    pub extended_to: Option<Date>,
    /// Who granted the extension, by which document.
    pub extension_note: Option<String>,
    /// Tracking state.
    pub status: Status,
    /// When it was completed.
    pub done_on: Option<Date>,
    /// The report that closed it.
    pub report: Option<String>,
    /// The deadline the lead unit asked to move to, not granted yet (left
    /// out of JSON when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension_requested: Option<Date>,
    /// The lead unit asked to drop the task (left out of JSON when not).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cancel_requested: bool,
    /// What is to be done, as plain text.
    pub what: String,
}

/// Where a task stands on a given day (the four counts of QĐ 42/2014, plus cancelled).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Hoàn thành đúng hạn.
    DoneOnTime,
    /// Hoàn thành quá hạn.
    DoneLate,
    /// Chưa hoàn thành, còn trong hạn.
    OpenInTime,
    /// Chưa hoàn thành, đã quá hạn.
    OpenOverdue,
    /// Hủy.
    Cancelled,
}

impl Standing {
    /// All, in report order.
    pub const ALL: [Standing; 5] = [
        Standing::DoneOnTime,
        Standing::DoneLate,
        Standing::OpenInTime,
        Standing::OpenOverdue,
        Standing::Cancelled,
    ];

    /// The Vietnamese name used in reports.
    pub fn label(self) -> &'static str {
        match self {
            Standing::DoneOnTime => "Hoàn thành đúng hạn",
            Standing::DoneLate => "Hoàn thành quá hạn",
            Standing::OpenInTime => "Chưa hoàn thành trong hạn",
            Standing::OpenOverdue => "Chưa hoàn thành quá hạn",
            Standing::Cancelled => "Hủy",
        }
    }
}

impl TrackedTask {
    /// The deadline that counts: the extension if granted, else `due`.
    pub fn deadline(&self) -> Option<Date> {
        self.extended_to.or(self.due)
    }

    /// Where the task stands on `today`.
    pub fn standing(&self, today: Date) -> Standing {
        match (self.status, self.deadline()) {
            (Status::Cancelled, _) => Standing::Cancelled,
            (Status::Done, Some(deadline)) => match self.done_on {
                Some(done) if done > deadline => Standing::DoneLate,
                _ => Standing::DoneOnTime,
            },
            (Status::Done, None) => Standing::DoneOnTime,
            (Status::Open, Some(deadline)) if today > deadline => Standing::OpenOverdue,
            (Status::Open, _) => Standing::OpenInTime,
        }
    }

    /// The deadline the lead unit asked for and still waits on: the request
    /// of an open task, when later than the deadline in force (a grant sets
    /// `extended_to` to it; a request for less than that was answered).
    pub fn pending_extension(&self) -> Option<Date> {
        let asked = self.extension_requested?;
        let open = self.status == Status::Open;
        (open && self.deadline().is_none_or(|d| asked > d)).then_some(asked)
    }

    /// Whether the lead unit's request to drop the task waits on an
    /// answer (a grant is `status: cancelled`; a task done has none).
    pub fn pending_cancel(&self) -> bool {
        self.cancel_requested && self.status == Status::Open
    }

    /// Where it stands in its notice: `I.10.3` (mục I, nhiệm vụ 10.3).
    pub fn place(&self) -> &str {
        self.id
            .rsplit_once('#')
            .map_or(self.id.as_str(), |(_, p)| p)
    }

    /// Days past the deadline, for a task that stands so on `today` (the
    /// caller has its [`standing`](Self::standing)): for a task done late,
    /// from the deadline to its completion; for an open task past its
    /// deadline, to `today`; else none.
    pub fn days_late_as(&self, standing: Standing, today: Date) -> Option<i64> {
        let deadline = self.deadline()?;
        match standing {
            Standing::DoneLate => self.done_on.map(|d| deadline.days_until(d)),
            Standing::OpenOverdue => Some(deadline.days_until(today)),
            _ => None,
        }
    }

    /// The first words of `do` (at most `max` characters, cut at a space).
    pub fn short_what(&self, max: usize) -> String {
        if self.what.chars().count() <= max {
            return self.what.clone();
        }
        let cut: String = self.what.chars().take(max).collect();
        let cut = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
        format!("{}…", cut.trim_end_matches([',', ';', ':']))
    }
}

/// Markdown → one line of plain text (emphasis dropped, paragraphs joined).
fn plain(markdown: &str) -> String {
    crate::markdown::parse_blocks(markdown)
        .iter()
        .map(|b| b.plain_text().replace('\n', " "))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every task and subtask of a meeting, depth first, with its id.
pub fn collect(meeting: &Meeting, file: &Path) -> Vec<TrackedTask> {
    let stem = crate::model::stem_of(file);
    let notice = meeting
        .notice
        .as_ref()
        .and_then(|n| n.number)
        .map(|n| crate::document::reference(DocumentKind::Notice, n, &meeting.issuer.code));
    let notice_date = meeting.notice.as_ref().and_then(|n| n.date);
    let mut out = Vec::new();
    fn walk(
        tasks: &[Task],
        prefix: &str,
        ctx: &(String, PathBuf, Date, Option<String>, Option<Date>),
        out: &mut Vec<TrackedTask>,
    ) {
        for (i, t) in tasks.iter().enumerate() {
            let id = format!("{prefix}.{}", i + 1);
            out.push(TrackedTask {
                id: id.clone(),
                meeting: ctx.0.clone(),
                file: ctx.1.clone(),
                line: t.loc.map_or(0, |l| l.line),
                meeting_date: ctx.2,
                notice: ctx.3.clone(),
                notice_date: ctx.4,
                lead: t.lead.clone(),
                with: t.with.clone(),
                due: t.due,
                extended_to: t.extended_to,
                extension_note: t.extension_note.clone(),
                status: t.status,
                done_on: t.done_on,
                report: t.report.clone(),
                extension_requested: t.extension_requested,
                cancel_requested: t.cancel_requested,
                what: plain(&t.what),
            });
            walk(&t.subtasks, &id, ctx, out);
        }
    }
    let ctx = (
        stem.clone(),
        file.to_path_buf(),
        meeting.meeting.date,
        notice,
        notice_date,
    );
    for (s, item) in meeting.agenda.iter().enumerate() {
        let prefix = format!("{stem}#{}", roman(s as u32 + 1));
        walk(&item.tasks, &prefix, &ctx, &mut out);
    }
    out
}

/// The words of `text` folded ([`fold`]) to ASCII letters and digits, for
/// a file name: `Sở KH&ĐT` → `so`, `kh`, `dt`.
pub fn slug_words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether a unit is one `--lead` asks for: one of `wanted` (a name, or the
/// name a department code stands for) is the unit's name or a part of it,
/// in any case, with or without diacritics (`so noi vu` finds `Sở Nội vụ`).
pub fn unit_matches(unit: &str, wanted: &[String]) -> bool {
    let unit = fold(unit);
    wanted.iter().any(|w| unit.contains(&fold(w)))
}

/// Folds Vietnamese text for matching: NFD, combining marks dropped, `đ` → `d`,
/// lower case, runs of spaces folded. `Sở Nội vụ` and `so noi vu` fold alike.
pub fn fold(text: &str) -> String {
    // Letter by letter (what NFD then dropping the marks gives, without
    // building the decomposed text): a composed letter's base letters.
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        let mut push = |d: char| {
            if ('\u{300}'..='\u{36f}').contains(&d) {
                return;
            }
            if space {
                out.push(' ');
                space = false;
            }
            match d {
                'đ' | 'Đ' => out.push('d'),
                d if d.is_ascii() => out.push(d.to_ascii_lowercase()),
                d => out.extend(d.to_lowercase()),
            }
        };
        if c.is_ascii() {
            push(c);
        } else {
            unicode_normalization::char::decompose_canonical(c, &mut push);
        }
    }
    out
}

/// What `ketluan tasks` and `ketluan report` keep.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Tasks of meetings held on or after this day (`report --from`).
    pub held_from: Option<Date>,
    /// Tasks of meetings held on or before this day (`report --to`).
    pub held_to: Option<Date>,
    /// Lead unit: a name (folded, matched as a part of the unit's name) or a
    /// department code of the task's meeting (already expanded by the caller).
    pub lead: Option<Vec<String>>,
    /// Only this status.
    pub status: Option<Status>,
    /// Deadline (the one that counts) before this day.
    pub due_before: Option<Date>,
    /// Open and past the deadline on `today`.
    pub overdue: bool,
}

impl Filter {
    /// Whether a task passes, on `today`.
    pub fn keeps(&self, task: &TrackedTask, today: Date) -> bool {
        if self.held_from.is_some_and(|d| task.meeting_date < d)
            || self.held_to.is_some_and(|d| task.meeting_date > d)
        {
            return false;
        }
        if let Some(wanted) = &self.lead {
            if !task.lead.iter().any(|l| unit_matches(l, wanted)) {
                return false;
            }
        }
        if self.status.is_some_and(|s| s != task.status) {
            return false;
        }
        if let Some(before) = self.due_before {
            if task.deadline().is_none_or(|d| d >= before) {
                return false;
            }
        }
        if self.overdue && task.standing(today) != Standing::OpenOverdue {
            return false;
        }
        true
    }
}

/// The per-unit counts of `--by-lead`.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct UnitSummary {
    /// The lead unit (`(chưa giao đơn vị chủ trì)` for tasks without one).
    pub unit: String,
    /// Hoàn thành đúng hạn.
    pub done_on_time: usize,
    /// Hoàn thành quá hạn.
    pub done_late: usize,
    /// Chưa hoàn thành trong hạn.
    pub open_in_time: usize,
    /// Chưa hoàn thành quá hạn.
    pub open_overdue: usize,
    /// Hủy.
    pub cancelled: usize,
    /// All of the unit's tasks.
    pub total: usize,
}

impl UnitSummary {
    /// A unit with nothing counted yet.
    pub fn new(unit: String) -> UnitSummary {
        UnitSummary {
            unit,
            done_on_time: 0,
            done_late: 0,
            open_in_time: 0,
            open_overdue: 0,
            cancelled: 0,
            total: 0,
        }
    }

    /// Counts one task that stands so.
    pub fn count(&mut self, standing: Standing) {
        self.total += 1;
        match standing {
            Standing::DoneOnTime => self.done_on_time += 1,
            Standing::DoneLate => self.done_late += 1,
            Standing::OpenInTime => self.open_in_time += 1,
            Standing::OpenOverdue => self.open_overdue += 1,
            Standing::Cancelled => self.cancelled += 1,
        }
    }
}

/// Name under which tasks without a lead unit are counted.
pub const NO_LEAD: &str = "(chưa giao đơn vị chủ trì)";

/// Counts per lead unit (a task with several lead units counts for each), in
/// order of first appearance.
pub fn by_lead<'a>(
    tasks: impl IntoIterator<Item = &'a TrackedTask>,
    today: Date,
) -> Vec<UnitSummary> {
    let mut out: Vec<UnitSummary> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for t in tasks {
        let standing = t.standing(today);
        let no_lead = [NO_LEAD.to_string()];
        let units: &[String] = if t.lead.is_empty() { &no_lead } else { &t.lead };
        for unit in units {
            let pos = *index.entry(fold(unit)).or_insert_with(|| {
                out.push(UnitSummary::new(unit.clone()));
                out.len() - 1
            });
            out[pos].count(standing);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(
        status: Status,
        due: Option<&str>,
        ext: Option<&str>,
        done: Option<&str>,
    ) -> TrackedTask {
        let d = |s: Option<&str>| s.map(|s| Date::parse(s).unwrap());
        TrackedTask {
            id: "m#I.1".into(),
            meeting: "m".into(),
            file: "m.yaml".into(),
            line: 1,
            meeting_date: Date::parse("2021-01-25").unwrap(),
            notice: None,
            notice_date: None,
            lead: vec!["Sở Nội vụ".into()],
            with: vec![],
            due: d(due),
            extended_to: d(ext),
            extension_note: None,
            status,
            done_on: d(done),
            report: None,
            extension_requested: None,
            cancel_requested: false,
            what: "Làm".into(),
        }
    }

    #[test]
    fn standings_follow_the_deadline_rule() {
        let today = Date::parse("2021-03-01").unwrap();
        use Standing::*;
        assert_eq!(
            task(Status::Done, Some("2021-02-06"), None, Some("2021-02-06")).standing(today),
            DoneOnTime
        );
        assert_eq!(
            task(Status::Done, Some("2021-02-06"), None, Some("2021-02-07")).standing(today),
            DoneLate
        );
        // Done after the original deadline but within the extension: on time.
        assert_eq!(
            task(
                Status::Done,
                Some("2021-02-06"),
                Some("2021-02-20"),
                Some("2021-02-10")
            )
            .standing(today),
            DoneOnTime
        );
        assert_eq!(
            task(Status::Open, Some("2021-02-06"), None, None).standing(today),
            OpenOverdue
        );
        assert_eq!(
            task(Status::Open, Some("2021-03-01"), None, None).standing(today),
            OpenInTime
        );
        assert_eq!(
            task(Status::Open, Some("2021-02-06"), Some("2021-03-15"), None).standing(today),
            OpenInTime
        );
        assert_eq!(
            task(Status::Open, None, None, None).standing(today),
            OpenInTime
        );
        assert_eq!(
            task(Status::Done, Some("2021-02-06"), None, None).standing(today),
            DoneOnTime
        );
        assert_eq!(
            task(Status::Cancelled, Some("2021-02-06"), None, None).standing(today),
            Cancelled
        );
    }

    #[test]
    fn folding_letter_by_letter_is_folding_the_decomposed_text() {
        use unicode_normalization::UnicodeNormalization;
        // The plain way: decompose the whole text, drop the marks.
        let reference = |text: &str| -> String {
            let stripped: String = text
                .nfd()
                .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
                .map(|c| match c {
                    'đ' | 'Đ' => 'd',
                    c => c,
                })
                .collect::<String>()
                .to_lowercase();
            stripped.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let samples = [
            "Sở Nội vụ",
            "  ỦY BAN NHÂN DÂN  TỈNH LAI CHÂU ",
            "Đắk Lắk, Đ đ",
            "No\u{302}\u{323}i vu\u{323} (decomposed)",
            "İstanbul ÅÉÎ ß ǅ ﬁ \t\n x",
            "Sở KH&ĐT; NN&PTNT, TT&TT – “Điểm nóng” 25/01/2021",
            "",
            "   ",
        ];
        for s in samples {
            assert_eq!(fold(s), reference(s), "{s:?}");
        }
        // And every Vietnamese letter, both cases.
        let letters = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ";
        let all: String = letters
            .chars()
            .flat_map(|c| [c, c.to_uppercase().next().unwrap(), ' '])
            .collect();
        assert_eq!(fold(&all), reference(&all));
    }

    #[test]
    fn folding_ignores_case_and_diacritics() {
        assert_eq!(fold("Sở Nội vụ"), "so noi vu");
        assert_eq!(fold("  SỞ  NỘI VỤ "), "so noi vu");
        assert_eq!(fold("Đắk Lắk"), "dak lak");
        let f = Filter {
            lead: Some(vec!["so noi vu".into()]),
            ..Filter::default()
        };
        assert!(f.keeps(
            &task(Status::Open, None, None, None),
            Date::parse("2021-01-01").unwrap()
        ));
    }
}
