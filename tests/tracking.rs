//! What the dashboard (`site`) and the report (`report`) say about tasks
//! whose deadlines were extended and tasks that fall due on the edges of the
//! dashboard's 14 days, checked against an independent reading of the
//! meeting files (`common::oracle`): days late count from `extended_to`
//! when a task was extended, the "due within 14 days" list holds the 14th
//! day and not the 15th, and every count and standing is the oracle's.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::oracle::{self, Day};
use common::*;
use scraper::{Html, Selector};

const TODAY: &str = "2021-03-01";

/// One task: lead, due, extended_to, status, done_on.
type Spec = (
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    &'static str,
    Option<&'static str>,
);

/// Tasks on both sides of every edge of the deadline rule on 01/03/2021,
/// each with a unique `do` text (`Việc số N.`).
const TASKS: &[Spec] = &[
    // Extended, still open, past the extension: 9 days late, not 23.
    ("SNV", Some("2021-02-06"), Some("2021-02-20"), "open", None),
    // Extended, done after the extension: 5 days late, not 19.
    (
        "STC",
        Some("2021-02-06"),
        Some("2021-02-20"),
        "done",
        Some("2021-02-25"),
    ),
    // Extended, done after the first deadline but before the extension:
    // on time.
    (
        "SYT",
        Some("2021-02-06"),
        Some("2021-02-28"),
        "done",
        Some("2021-02-25"),
    ),
    // Extended past today: in time, due in 9 days (not overdue by 23).
    ("SNV", Some("2021-02-06"), Some("2021-03-10"), "open", None),
    // Not extended, past: 19 days late.
    ("STC", Some("2021-02-10"), None, "open", None),
    // The deadline is today: in time, 0 days left.
    ("SYT", Some("2021-03-01"), None, "open", None),
    // Yesterday: 1 day late.
    ("SYT", Some("2021-02-28"), None, "open", None),
    // 13, 14 and 15 days ahead: the first two due soon, the third not.
    ("SNV", Some("2021-03-14"), None, "open", None),
    ("STC", Some("2021-03-15"), None, "open", None),
    ("SYT", Some("14/03/2021"), Some("2021-03-16"), "open", None),
    ("SNV", Some("2021-03-16"), None, "open", None),
    // Done on the deadline: on time; cancelled; no deadline.
    ("STC", Some("2021-02-15"), None, "done", Some("2021-02-15")),
    ("SYT", Some("2021-02-15"), None, "cancelled", None),
    ("SNV; STC", None, None, "open", None),
];

fn meeting_file() -> String {
    let mut yaml = String::from(
        "notice:\n  number: 40\n  date: 2021-02-03\n  summary: Kết luận tại cuộc họp về các hạn được gia hạn\n\
         meeting:\n  name: cuộc họp về các hạn được gia hạn\n  date: 2021-02-01\n  \
         chair: {name: Tống Thanh Hải, title: Phó Chủ tịch Thường trực UBND tỉnh}\n\
         agenda:\n  - title: Về các nhiệm vụ\n    tasks:\n",
    );
    for (i, (lead, due, extended, status, done)) in TASKS.iter().enumerate() {
        yaml.push_str(&format!(
            "      - lead: {lead}\n        do: Việc số {}.\n",
            i + 1
        ));
        if let Some(d) = due {
            yaml.push_str(&format!("        due: \"{d}\"\n"));
        }
        if let Some(d) = extended {
            yaml.push_str(&format!(
                "        extended_to: {d}\n        extension_note: Công văn số 9/UBND-TH\n"
            ));
        }
        if *status != "open" {
            yaml.push_str(&format!("        status: {status}\n"));
        }
        if let Some(d) = done {
            yaml.push_str(&format!("        done_on: {d}\n"));
        }
    }
    yaml
}

/// The archive: the fixture archive's defaults (issuer, signer,
/// departments) and one meeting of [`TASKS`].
fn archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let meetings = dir.path().join("meetings");
    std::fs::create_dir(&meetings).unwrap();
    std::fs::copy(
        root().join("tests/fixtures/archive/ketluan.yaml"),
        meetings.join("ketluan.yaml"),
    )
    .unwrap();
    std::fs::write(meetings.join("2021-02-01-han-gia-han.yaml"), meeting_file()).unwrap();
    dir
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// The rows of the `n`-th table of a page (cells' text).
fn table_rows(page: &Html, n: usize) -> Vec<Vec<String>> {
    page.select(&sel(&format!("main > table:nth-of-type({n}) tbody tr")))
        .map(|tr| {
            tr.select(&sel("td"))
                .map(|td| td.text().collect::<String>())
                .collect()
        })
        .collect()
}

/// `Việc số N.` → the oracle's task N.
fn task_of<'a>(text: &str, tasks: &'a [oracle::Task]) -> &'a oracle::Task {
    let n: usize = text
        .split("Việc số ")
        .nth(1)
        .and_then(|r| r.split('.').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a task text in {text:?}"));
    &tasks[n - 1]
}

/// `ketluan <command> <archive> --out <fresh folder> --today TODAY
/// <extra…>`; returns the folder.
fn run_on(command: &str, archive: &Path, extra: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let mut args = vec![
        command,
        archive.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--today",
        TODAY,
    ];
    args.extend_from_slice(extra);
    ketluan_ok(&args);
    out
}

/// The report of `archive` as DOCX (with `extra` arguments): its folder and
/// the rows of its Phụ lục (the last table), each cell's paragraphs joined
/// by new lines, the heading row first.
fn report_rows(archive: &Path, extra: &[&str]) -> (tempfile::TempDir, PathBuf, Vec<Vec<String>>) {
    let mut args = vec!["--format", "docx"];
    args.extend_from_slice(extra);
    let out = run_on("report", archive, &args);
    let docx = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "docx"))
        .expect("the report's DOCX");
    let xml = zip_entry(&docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let appendix = doc
        .descendants()
        .rfind(|n| n.tag_name().name() == "tbl")
        .unwrap();
    let rows = table_cells(appendix);
    (out, docx, rows)
}

#[test]
fn the_dashboard_counts_late_days_from_the_extension_and_lists_fourteen_days_ahead() {
    let dir = archive();
    let meetings = dir.path().join("meetings");
    let out = run_on("site", &meetings, &[]);
    let site = out.path();
    let tasks = oracle::archive_tasks(&meetings);
    assert_eq!(tasks.len(), TASKS.len());
    let today = Day::parse(TODAY);
    let page = Html::parse_document(&std::fs::read_to_string(site.join("nhiem-vu.html")).unwrap());

    // The counts per lead unit are the oracle's (the last cell links the
    // unit's files: tests/site_units.rs).
    let counts: BTreeMap<String, Vec<String>> = table_rows(&page, 1)
        .into_iter()
        .map(|r| (r[0].clone(), r[1..7].to_vec()))
        .collect();
    let expected: BTreeMap<String, Vec<String>> = oracle::by_lead(&tasks, today)
        .into_iter()
        .map(|(unit, c)| (unit, c.iter().map(u64::to_string).collect()))
        .collect();
    assert_eq!(counts, expected);

    // Overdue: every open task past the deadline that counts, with its
    // days late from that deadline.
    let overdue = table_rows(&page, 2);
    let mut seen: Vec<(String, i64)> = overdue
        .iter()
        .map(|r| {
            let t = task_of(&r[1], &tasks);
            let days: i64 = r[0].trim_end_matches(" ngày").parse().unwrap();
            (t.id.clone(), days)
        })
        .collect();
    let mut want: Vec<(String, i64)> = tasks
        .iter()
        .filter(|t| t.standing(today) == "open_overdue")
        .map(|t| (t.id.clone(), t.days_late(today).unwrap()))
        .collect();
    seen.sort();
    want.sort();
    assert_eq!(seen, want, "overdue: {overdue:#?}");
    assert!(
        want.iter()
            .any(|(id, days)| id.ends_with("#I.1") && *days == 9),
        "the extended task is 9 days late, not 23: {want:?}"
    );

    // Due soon: open, in time, at most 14 days left (today counts as 0).
    let soon = table_rows(&page, 3);
    let mut seen: Vec<(String, i64)> = soon
        .iter()
        .map(|r| {
            let t = task_of(&r[2], &tasks);
            let days: i64 = r[1].trim_end_matches(" ngày").parse().unwrap();
            (t.id.clone(), days)
        })
        .collect();
    let mut want: Vec<(String, i64)> = tasks
        .iter()
        .filter(|t| t.standing(today) == "open_in_time")
        .filter_map(|t| {
            let left = today.until(t.deadline()?);
            (0..=14).contains(&left).then(|| (t.id.clone(), left))
        })
        .collect();
    seen.sort();
    want.sort();
    assert_eq!(seen, want, "due soon: {soon:#?}");
    let lefts: Vec<i64> = want.iter().map(|(_, d)| *d).collect();
    for edge in [0, 9, 13, 14] {
        assert!(lefts.contains(&edge), "{edge} days left in {lefts:?}");
    }
    assert!(!lefts.contains(&15), "15 days ahead is not due soon");
}

/// The report's Phụ lục, row by row: standing and days late as the oracle
/// judges each task.
#[test]
fn the_report_counts_late_days_from_the_extension() {
    let dir = archive();
    let meetings = dir.path().join("meetings");
    let (_out, _docx, rows) = report_rows(&meetings, &[]);
    let tasks = oracle::archive_tasks(&meetings);
    let today = Day::parse(TODAY);
    assert_eq!(rows.len() - 1, tasks.len(), "one row per task");
    for row in &rows[1..] {
        let t = task_of(&row[3], &tasks);
        let label = oracle::label(t.standing(today));
        let want = match t.days_late(today) {
            Some(n) => format!("{label} {n} ngày"),
            None => label.to_string(),
        };
        assert_eq!(row[6], want, "{}: {row:?}", t.id);
        assert_eq!(row[2], t.place(), "{row:?}");
    }
    let late: Vec<&String> = rows
        .iter()
        .map(|r| &r[6])
        .filter(|s| s.ends_with(" ngày"))
        .collect();
    for days in [
        "Chưa hoàn thành quá hạn 9 ngày",
        "Hoàn thành quá hạn 5 ngày",
    ] {
        assert!(late.iter().any(|s| *s == days), "{days} in {late:?}");
    }
}

#[test]
fn the_oracle_reads_the_fixture_archive_as_the_hand_count_does() {
    // The oracle itself, against the counts made by hand in tests/tasks.rs.
    let tasks = oracle::archive_tasks(Path::new(&root().join("tests/fixtures/archive")));
    let counts = oracle::by_lead(&tasks, Day::parse(TODAY));
    assert_eq!(counts["Sở Nội vụ"], [1, 0, 3, 0, 0, 4]);
    assert_eq!(counts["Sở Y tế"], [0, 1, 1, 0, 1, 3]);
    assert_eq!(counts["Sở Tài chính"], [1, 0, 1, 1, 0, 3]);
    assert_eq!(counts["UBND các huyện, thành phố"], [0, 0, 0, 1, 0, 1]);
    assert_eq!(counts[oracle::NO_LEAD], [0, 0, 1, 0, 0, 1]);
    assert_eq!(counts.len(), 5);
}

/// How many tasks the report's Phụ lục lists over the fixture archive
/// with `extra` arguments.
fn phu_luc_rows(extra: &[&str]) -> usize {
    report_rows(&root().join("tests/fixtures/archive"), extra)
        .2
        .len()
        - 1
}

#[test]
fn from_and_to_keep_the_meetings_held_on_their_days() {
    let tasks = oracle::archive_tasks(&root().join("tests/fixtures/archive"));
    let held = |from: &str, to: &str| {
        let (from, to) = (Day::parse(from), Day::parse(to));
        tasks
            .iter()
            .filter(|t| t.held >= from && t.held <= to)
            .count()
    };
    // The February meeting was held on 22/02: a range that starts or ends
    // that day keeps it.
    for (from, to) in [
        ("2021-02-22", "2021-02-22"),
        ("2021-02-22", "2021-02-28"),
        ("2021-02-01", "2021-02-22"),
        ("2021-01-25", "2021-02-22"),
    ] {
        let want = held(from, to);
        assert!(want > 0);
        assert_eq!(
            phu_luc_rows(&["--from", from, "--to", to]),
            want,
            "{from}..{to}"
        );
    }
}

#[test]
fn a_lead_is_found_by_part_of_its_name() {
    // `noi vu` (no diacritics, part of the name) finds Sở Nội vụ's tasks.
    let tasks = oracle::archive_tasks(&root().join("tests/fixtures/archive"));
    let want: std::collections::BTreeSet<String> = tasks
        .iter()
        .filter(|t| t.leads.iter().any(|l| l == "Sở Nội vụ"))
        .map(|t| t.id.clone())
        .collect();
    assert!(!want.is_empty());
    let out = ketluan_ok(&[
        "tasks",
        "tests/fixtures/archive",
        "--today",
        TODAY,
        "--lead",
        "noi vu",
        "--format",
        "csv",
    ]);
    let csv = String::from_utf8(out.stdout).unwrap();
    let got: std::collections::BTreeSet<String> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect();
    assert_eq!(got, want);
}

#[test]
fn every_csv_row_says_what_the_meeting_file_says() {
    // Each task's row against the independent reading: the meeting's day,
    // the lead and with units (codes expanded), the deadline (`due → new`
    // when extended), the standing, the day it was done.
    let tasks = oracle::archive_tasks(&root().join("tests/fixtures/archive"));
    let today = Day::parse(TODAY);
    let out = ketluan_ok(&[
        "tasks",
        "tests/fixtures/archive",
        "--today",
        TODAY,
        "--format",
        "csv",
    ]);
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), tasks.len());
    for (row, t) in rows.iter().zip(&tasks) {
        let deadline = match (t.due, t.extended_to) {
            (Some(due), Some(ext)) => format!("{} → {}", due.short(), ext.short()),
            (None, Some(ext)) => format!("→ {}", ext.short()),
            (due, None) => due.map(Day::short).unwrap_or_default(),
        };
        let want = [
            t.id.clone(),
            t.held.short(),
            row[2].to_string(),
            t.leads.join("; "),
            t.with.join("; "),
            deadline,
            oracle::label(t.standing(today)).to_string(),
            t.done_on.map(Day::short).unwrap_or_default(),
        ];
        let got: Vec<&str> = row.iter().take(8).collect();
        assert_eq!(got, want, "{}", t.id);
    }
    assert!(
        rows.iter().any(|r| r[5].contains(" → ")),
        "an extended task"
    );
    assert!(rows.iter().any(|r| !r[7].is_empty()), "a task done");
}

#[test]
fn the_terminal_table_cuts_long_cells_with_an_ellipsis() {
    // Units longer than 30 characters, and a long `do`, in a table for a
    // terminal: each cut to its width, ending in `…`; short cells whole.
    let dir = tempfile::tempdir().unwrap();
    let long = "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông";
    let meeting = format!(
        "issuer: {{name: Văn phòng UBND tỉnh, code: VP, place: Lai Châu}}\n\
         signer: {{position: Chánh Văn phòng, name: Lò Thị Hương}}\n\
         notice:\n  number: 3\n  date: 2021-02-03\n  summary: Kết luận tại cuộc họp\n\
         meeting:\n  name: cuộc họp\n  date: 2021-02-01\n  \
         chair: {{name: Tống Thanh Hải, title: Phó Chủ tịch UBND tỉnh}}\n\
         agenda:\n  - title: Về các nhiệm vụ\n    tasks:\n\
         \x20     - lead: {long}\n        with: Sở Y tế\n        do: Việc ngắn.\n        due: 2021-03-10\n"
    );
    let file = dir.path().join("hop.yaml");
    std::fs::write(&file, meeting).unwrap();
    let out = ketluan_ok(&[
        "tasks",
        file.to_str().unwrap(),
        "--today",
        TODAY,
        "--format",
        "table",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    let row = text.lines().nth(2).unwrap_or_else(|| panic!("{text}"));
    let cut: String = long.chars().take(29).collect::<String>() + "…";
    assert!(row.contains(&cut), "{row}");
    assert!(!row.contains(long), "{row}");
    assert!(
        row.contains("Sở Y tế") && row.contains("Việc ngắn.") && row.contains("10/3/2021"),
        "{row}"
    );
}

#[test]
fn the_note_on_shared_leads_only_where_a_task_has_several() {
    let note = "Nhiệm vụ có nhiều đơn vị chủ trì được tính cho mỗi đơn vị.";
    for (lead, shared) in [(None, true), (Some("SYT"), false)] {
        let extra: Vec<&str> = lead.iter().flat_map(|l| ["--lead", l]).collect();
        let (_out, docx, _rows) = report_rows(&root().join("tests/fixtures/archive"), &extra);
        // The oracle: does a kept task have more than one lead?
        let tasks = oracle::archive_tasks(&root().join("tests/fixtures/archive"));
        let several = tasks
            .iter()
            .filter(|t| lead.is_none() || t.leads.iter().any(|l| l == "Sở Y tế"))
            .any(|t| t.leads.len() > 1);
        assert_eq!(several, shared);
        assert_eq!(
            docx_texts(&docx).iter().any(|t| t == note),
            shared,
            "--lead {lead:?}"
        );
    }
}
