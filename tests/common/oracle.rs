//! An independent reading of an archive's tasks, for the tests that check
//! what `tasks`, `report` and `site` say about them: the meeting files are
//! read here with the YAML parser straight into JSON values, walked by
//! hand, and judged with this file's own calendar arithmetic and the rule
//! of QĐ 42/2014 as docs/tracking.md states it (the deadline is `extended_to`
//! when granted, else `due`; done after it is late; open after it is
//! overdue). Nothing of ketluan's own tracking code is used, so a bug there
//! cannot hide by agreeing with itself.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// The unit under which a task without a lead is counted.
pub const NO_LEAD: &str = "(chưa giao đơn vị chủ trì)";

/// A calendar day: its number (consecutive days differ by one), then
/// year, month and day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day(pub i64, pub (i64, i64, i64));

impl Day {
    /// `2021-02-06` or `6/2/2021`.
    pub fn parse(text: &str) -> Day {
        let text = text.trim();
        let (y, m, d): (i64, i64, i64) = if text.contains('-') {
            let p: Vec<i64> = text.split('-').map(|s| s.parse().unwrap()).collect();
            (p[0], p[1], p[2])
        } else {
            let p: Vec<i64> = text.split('/').map(|s| s.parse().unwrap()).collect();
            (p[2], p[1], p[0])
        };
        // Days since a fixed epoch in the proleptic Gregorian calendar,
        // counting March as the first month so that 29 February is last.
        let (yy, mm) = if m <= 2 { (y - 1, m + 12) } else { (y, m) };
        Day(
            365 * yy + yy / 4 - yy / 100 + yy / 400 + (153 * (mm - 3) + 2) / 5 + d,
            (y, m, d),
        )
    }

    /// Days from `self` to `later`.
    pub fn until(self, later: Day) -> i64 {
        later.0 - self.0
    }

    /// `dd/mm/yyyy`.
    pub fn numeric(self) -> String {
        let (y, m, d) = self.1;
        format!("{d:02}/{m:02}/{y}")
    }

    /// As Decree 30 writes a date in figures: the day in two digits, the
    /// month in two only for January and February (`06/02/2021`,
    /// `15/3/2021`).
    pub fn short(self) -> String {
        let (y, m, d) = self.1;
        if m <= 2 {
            format!("{d:02}/{m:02}/{y}")
        } else {
            format!("{d:02}/{m}/{y}")
        }
    }
}

/// One task as the meeting file writes it.
#[derive(Clone, Debug)]
pub struct Task {
    /// `<stem>#<section in Roman>.<n>[.<n>…]`.
    pub id: String,
    /// When its meeting was held.
    pub held: Day,
    /// The lead units, codes expanded through `departments`.
    pub leads: Vec<String>,
    /// The units that work with them, expanded alike.
    pub with: Vec<String>,
    pub due: Option<Day>,
    pub extended_to: Option<Day>,
    /// `open`, `done` or `cancelled`.
    pub status: String,
    pub done_on: Option<Day>,
}

impl Task {
    /// The deadline that counts.
    pub fn deadline(&self) -> Option<Day> {
        self.extended_to.or(self.due)
    }

    /// `done_on_time`, `done_late`, `open_in_time`, `open_overdue` or
    /// `cancelled` on `today`.
    pub fn standing(&self, today: Day) -> &'static str {
        match (self.status.as_str(), self.deadline()) {
            ("cancelled", _) => "cancelled",
            ("done", Some(d)) if self.done_on.is_some_and(|done| done > d) => "done_late",
            ("done", _) => "done_on_time",
            (_, Some(d)) if today > d => "open_overdue",
            _ => "open_in_time",
        }
    }

    /// Days past the deadline: to completion for a task done late, to
    /// `today` for an open task past it.
    pub fn days_late(&self, today: Day) -> Option<i64> {
        match self.standing(today) {
            "done_late" => Some(self.deadline()?.until(self.done_on?)),
            "open_overdue" => Some(self.deadline()?.until(today)),
            _ => None,
        }
    }

    /// The place in the notice: `I.2.1`.
    pub fn place(&self) -> &str {
        self.id.rsplit_once('#').unwrap().1
    }
}

/// The counts of one lead unit: done on time, done late, open in time,
/// open overdue, cancelled, total.
pub type Counts = [u64; 6];

/// The standings in the order of [`Counts`].
pub const STANDINGS: [&str; 5] = [
    "done_on_time",
    "done_late",
    "open_in_time",
    "open_overdue",
    "cancelled",
];

/// The words the report and the pages print for a standing.
pub fn label(standing: &str) -> &'static str {
    match standing {
        "done_on_time" => "Hoàn thành đúng hạn",
        "done_late" => "Hoàn thành quá hạn",
        "open_in_time" => "Chưa hoàn thành trong hạn",
        "open_overdue" => "Chưa hoàn thành quá hạn",
        "cancelled" => "Hủy",
        other => panic!("no standing {other}"),
    }
}

/// Counts per lead unit on `today` (a task with several leads counts for
/// each; one without under [`NO_LEAD`]).
pub fn by_lead(tasks: &[Task], today: Day) -> BTreeMap<String, Counts> {
    let mut out: BTreeMap<String, Counts> = BTreeMap::new();
    for t in tasks {
        let column = STANDINGS
            .iter()
            .position(|s| *s == t.standing(today))
            .unwrap();
        let leads = if t.leads.is_empty() {
            vec![NO_LEAD.to_string()]
        } else {
            t.leads.clone()
        };
        for lead in leads {
            let c = out.entry(lead).or_default();
            c[column] += 1;
            c[5] += 1;
        }
    }
    out
}

fn yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every `.yaml` meeting file under `dir` (not `ketluan.yaml`), sorted.
pub fn meeting_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    collect_files(dir, &mut out);
    out
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "yaml")
            && p.file_name().is_some_and(|n| n != "ketluan.yaml")
        {
            out.push(p);
        }
    }
}

/// The `departments` a meeting file sees: each `ketluan.yaml` from `root`
/// down to its folder, then its own, the nearer winning.
fn departments(file: &Path, root: &Path, own: &Value) -> BTreeMap<String, String> {
    let mut folders: Vec<&Path> = file
        .ancestors()
        .skip(1)
        .take_while(|f| f.starts_with(root))
        .collect();
    folders.reverse();
    let mut out = BTreeMap::new();
    let mut add = |v: &Value| {
        if let Some(map) = v["departments"].as_object() {
            for (k, v) in map {
                out.insert(k.clone(), v.as_str().unwrap().to_string());
            }
        }
    };
    for folder in folders {
        let defaults = folder.join("ketluan.yaml");
        if defaults.is_file() {
            add(&yaml(&defaults));
        }
    }
    add(own);
    out
}

fn roman(n: usize) -> &'static str {
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][n - 1]
}

fn units(v: &Value, directory: &BTreeMap<String, String>) -> Vec<String> {
    let written: Vec<String> = match v {
        Value::Null => Vec::new(),
        Value::String(s) => s.split(';').map(|u| u.trim().to_string()).collect(),
        Value::Array(items) => items
            .iter()
            .map(|u| u.as_str().unwrap().trim().to_string())
            .collect(),
        other => panic!("units: {other}"),
    };
    written
        .into_iter()
        .filter(|u| !u.is_empty())
        .map(|u| directory.get(&u).cloned().unwrap_or(u))
        .collect()
}

fn day(v: &Value) -> Option<Day> {
    v.as_str().map(Day::parse)
}

fn walk(
    tasks: &Value,
    prefix: &str,
    held: Day,
    directory: &BTreeMap<String, String>,
    out: &mut Vec<Task>,
) {
    for (i, t) in tasks.as_array().into_iter().flatten().enumerate() {
        let id = format!("{prefix}.{}", i + 1);
        out.push(Task {
            id: id.clone(),
            held,
            leads: units(&t["lead"], directory),
            with: units(&t["with"], directory),
            due: day(&t["due"]),
            extended_to: day(&t["extended_to"]),
            status: t["status"].as_str().unwrap_or("open").to_string(),
            done_on: day(&t["done_on"]),
        });
        walk(&t["subtasks"], &id, held, directory, out);
    }
}

/// Every task of every meeting with an agenda under `root`, in file order,
/// depth first.
pub fn archive_tasks(root: &Path) -> Vec<Task> {
    let mut out = Vec::new();
    for file in meeting_files(root) {
        let meeting = yaml(&file);
        let directory = departments(&file, root, &meeting);
        let stem = file.file_stem().unwrap().to_string_lossy();
        let held = Day::parse(meeting["meeting"]["date"].as_str().unwrap());
        for (s, section) in meeting["agenda"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            walk(
                &section["tasks"],
                &format!("{stem}#{}", roman(s + 1)),
                held,
                &directory,
                &mut out,
            );
        }
    }
    out
}
