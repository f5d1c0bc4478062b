//! `ketluan tasks apply`: the workbooks of the example archive exported,
//! filled with openpyxl as five units would (tests/fixtures/apply/fill.py:
//! tasks and a subtask done with a date cell and with typed text, an Excel
//! serial number, an extension and a cancellation asked for, a misspelt
//! status, an unknown id, a date in the future, a task done on another day,
//! a row of another unit's task, a date beside "in progress", an extension
//! not after the deadline), and applied to a copy of the archive. Checked with
//! independent readers: `git diff --no-index` of the meeting files shows
//! exactly the intended field lines, `tasks --format json`, the report's
//! DOCX XML and the site's dashboard (scraper) count the new statuses.
//! The CSV of `tasks --format csv` after Excel (BOM, `;`, serial and
//! dd/mm/yyyy dates, statuses without accents, the Windows code page) is
//! read alike. Bad sheets (not a zip, no id column, 100,000 rows, a
//! formula, merged cells, a password) are refused with the file, sheet and
//! cell, and nothing is written.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;
use serde_json::Value;

const TODAY: &str = "2021-04-01";
const JAN: &str = "2021-01-25-phien-hop-ubnd-thang-01";
const FEB: &str = "2021-02-24-hop-ubnd-thang-02";
const MAR: &str = "2021-03-15-hop-giao-ban-van-phong";

/// Whether python3 can import `module` (skip, or fail under CI=true).
fn python_module(module: &str) -> bool {
    let found = Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    available(
        found,
        &format!("the Python module {module}"),
        "pip install, by .ci/run",
    )
}

/// Runs a Python script given as text, with arguments; it must succeed.
fn python(script: &str, args: &[&Path]) {
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "python3 failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A copy of the example archive in a fresh folder: (folder, its meetings/).
fn archive_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let meetings = dir.path().join("meetings");
    copy_dir(&root().join("meetings"), &meetings);
    (dir, meetings)
}

/// Every file under a folder with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    files_under(dir)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(&f).unwrap();
            (f, bytes)
        })
        .collect()
}

/// `tasks apply <files…> -m <meetings> --today TODAY <extra…>`, run in `dir`
/// so that messages name the files as given.
fn apply(dir: &Path, files: &[&str], meetings: &Path, extra: &[&str]) -> Output {
    let mut cmd = ketluan_command();
    cmd.current_dir(dir)
        .args(["tasks", "apply"])
        .args(files)
        .arg("-m")
        .arg(meetings)
        .args(["--today", TODAY])
        .args(extra);
    cmd.output().expect("ketluan runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The cells `tasks apply` refused, from its stderr lines `<cell>: lỗi: …`.
fn refused_cells(stderr: &str) -> BTreeSet<String> {
    stderr
        .lines()
        .filter_map(|l| l.split_once(": lỗi: ").map(|(at, _)| at.to_string()))
        .collect()
}

/// The lines `git diff --no-index` adds and removes between two folders:
/// (`+` or `-`, file name, line).
fn git_diff(before: &Path, after: &Path) -> BTreeSet<(char, String, String)> {
    let out = Command::new("git")
        .args(["diff", "--no-index", "--unified=0", "--no-color"])
        .arg(before)
        .arg(after)
        .output()
        .expect("git runs");
    let mut file = String::new();
    let mut lines = BTreeSet::new();
    for line in text(&out.stdout).lines() {
        if let Some(name) = line.strip_prefix("+++ ") {
            file = name.rsplit('/').next().unwrap().to_string();
        } else if line.starts_with("--- ") || line.starts_with("@@") {
        } else if let Some(added) = line.strip_prefix('+') {
            lines.insert(('+', file.clone(), added.to_string()));
        } else if let Some(removed) = line.strip_prefix('-') {
            lines.insert(('-', file.clone(), removed.to_string()));
        }
    }
    lines
}

/// The tasks of an archive as `tasks --format json` lists them.
fn listed(meetings: &Path, extra: &[&str]) -> Vec<Value> {
    let mut cmd = ketluan_command();
    cmd.args(["tasks"])
        .arg(meetings)
        .args(["--today", TODAY, "--format", "json"])
        .args(extra);
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    match serde_json::from_slice(&out.stdout).unwrap() {
        Value::Array(items) => items,
        other => panic!("not an array: {other}"),
    }
}

fn task<'a>(tasks: &'a [Value], id: &str) -> &'a Value {
    tasks
        .iter()
        .find(|t| t["id"] == id)
        .unwrap_or_else(|| panic!("no task {id}"))
}

/// The example archive's workbooks, one per lead unit, filled by
/// fill.py: (folder, meetings/, returned/).
fn filled() -> Option<(tempfile::TempDir, PathBuf, PathBuf)> {
    if !(python_module("openpyxl") && tool_available("git")) {
        return None;
    }
    let (dir, meetings) = archive_copy();
    let workbooks = dir.path().join("workbooks");
    let mut cmd = ketluan_command();
    cmd.arg("tasks")
        .arg(&meetings)
        .args(["--today", TODAY, "--split-by-lead", "--out"])
        .arg(&workbooks);
    assert!(cmd.output().unwrap().status.success());
    let returned = dir.path().join("returned");
    let script = std::fs::read_to_string(root().join("tests/fixtures/apply/fill.py")).unwrap();
    python(&script, &[&workbooks, &returned]);
    Some((dir, meetings, returned))
}

#[test]
fn units_workbooks_round_trip_into_the_meeting_files() {
    let Some((dir, meetings, _)) = filled() else {
        return;
    };
    let files = [
        "returned/nv-snv.xlsx",
        "returned/nv-skhdt.xlsx",
        "returned/nv-sldtbxh.xlsx",
        "returned/nv-snnptnt.xlsx",
        "returned/nv-syt.xlsx",
    ];
    let before = snapshot(&meetings);
    let original = dir.path().join("original");
    copy_dir(&meetings, &original);

    // Every refused row named by its file, sheet and cell.
    let expected_refused: BTreeSet<String> = [
        // `đã hòan thàn`.
        "returned/nv-skhdt.xlsx!Nhiem vu!G6",
        // 01/05/2021, after today.
        "returned/nv-skhdt.xlsx!Nhiem vu!H7",
        // …#I.9: no such task.
        "returned/nv-skhdt.xlsx!Nhiem vu!A8",
        // Done on 19/3/2021 in the file, 22/3/2021 in the sheet.
        "returned/nv-snv.xlsx!Nhiem vu!H7",
        // Sở Nội vụ reporting a task of Sở Kế hoạch và Đầu tư.
        "returned/nv-snv.xlsx!Nhiem vu!A8",
        // A completion date beside `đang thực hiện`.
        "returned/nv-snnptnt.xlsx!Nhiem vu!H5",
        // An extension to 30/3/2021 of a deadline of 31/3/2021.
        "returned/nv-snnptnt.xlsx!Nhiem vu!J6",
    ]
    .map(String::from)
    .into();
    let dry = apply(dir.path(), &files, &meetings, &[]);
    let stderr = text(&dry.stderr);
    assert_eq!(dry.status.code(), Some(1), "{stderr}");
    assert_eq!(refused_cells(&stderr), expected_refused, "{stderr}");
    assert!(
        stderr.contains(&format!("có phải `{FEB}#I.1`?")),
        "the nearest id: {stderr}"
    );
    assert!(stderr.contains("có phải `đã hoàn thành`?"), "{stderr}");
    let listing = text(&dry.stdout);
    assert!(
        listing.contains("2021-01-25-phien-hop-ubnd-thang-01.yaml\n"),
        "{listing}"
    );
    assert!(
        listing.contains("I.3  status: open → done, done_on: ∅ → 2021-03-20"),
        "{listing}"
    );
    assert_eq!(snapshot(&meetings), before, "a dry run writes nothing");

    // All or nothing: rows refused, nothing written.
    let all = apply(dir.path(), &files, &meetings, &["--write"]);
    assert_eq!(all.status.code(), Some(1));
    assert_eq!(snapshot(&meetings), before, "nothing written");

    // --partial: the rows that pass, exactly their field lines.
    let partial = apply(dir.path(), &files, &meetings, &["--write", "--partial"]);
    assert_eq!(partial.status.code(), Some(1), "rows were refused");
    let jan = format!("{JAN}.yaml");
    let feb = format!("{FEB}.yaml");
    let expected: BTreeSet<(char, String, String)> = [
        (&jan, "        status: done"),
        (&jan, "        done_on: 2021-03-20"),
        (&jan, "        report: Báo cáo số 45/BC-SNV"),
        (&jan, "        status: done"),
        (&jan, "        done_on: 2021-03-25"),
        (&jan, "        cancel_requested: true"),
        (&jan, "            status: done"),
        (&jan, "            done_on: 2021-02-05"),
        (&feb, "        extension_requested: 2021-04-14"),
    ]
    .iter()
    .map(|(f, l)| ('+', f.to_string(), l.to_string()))
    .collect();
    assert_eq!(git_diff(&original, &meetings), expected);
    // Two tasks got `status: done` at one depth: the set above holds the
    // line once.
    let jan_text = std::fs::read_to_string(meetings.join(&jan)).unwrap();
    let jan_before = std::fs::read_to_string(original.join(&jan)).unwrap();
    assert_eq!(
        jan_text.lines().count(),
        jan_before.lines().count() + 8,
        "eight lines added to {jan}"
    );
    let mar_path = files_under(&meetings)
        .into_iter()
        .find(|f| f.ends_with(format!("{MAR}.yaml")))
        .unwrap();
    let mar_before = files_under(&original)
        .into_iter()
        .find(|f| f.ends_with(format!("{MAR}.yaml")))
        .unwrap();
    assert_eq!(
        std::fs::read(mar_path).unwrap(),
        std::fs::read(mar_before).unwrap()
    );

    // The tracker reads the new statuses.
    let tasks = listed(&meetings, &[]);
    let i3 = task(&tasks, &format!("{JAN}#I.3"));
    assert_eq!(i3["status"], "done");
    assert_eq!(i3["done_on"], "2021-03-20");
    assert_eq!(i3["report"], "Báo cáo số 45/BC-SNV");
    assert_eq!(task(&tasks, &format!("{JAN}#I.4"))["done_on"], "2021-03-25");
    assert_eq!(
        task(&tasks, &format!("{JAN}#I.6"))["cancel_requested"],
        true
    );
    let ii1 = task(&tasks, &format!("{FEB}#II.1"));
    assert_eq!(ii1["extension_requested"], "2021-04-14");
    assert_eq!(ii1["status"], "open", "asked, not granted");
    assert_eq!(ii1["deadline"], "2021-03-10", "the deadline stays");
    let by_lead = listed(&meetings, &["--by-lead"]);
    let snv = by_lead.iter().find(|u| u["unit"] == "Sở Nội vụ").unwrap();
    assert_eq!(
        (&snv["done_on_time"], &snv["open_overdue"]),
        (&Value::from(2), &Value::from(1))
    );

    // The report prints the requests in its Phụ lục.
    let report = dir.path().join("report");
    let mut cmd = ketluan_command();
    cmd.arg("report")
        .arg(&meetings)
        .args(["--today", TODAY, "--format", "docx", "--out"])
        .arg(&report);
    assert!(cmd.output().unwrap().status.success());
    let docx = report.join(format!("bao-cao-nhiem-vu-{TODAY}.docx"));
    let texts = docx_texts(&docx).join("\n");
    assert!(
        texts.contains("Chưa hoàn thành quá hạn 22 ngày; đề nghị gia hạn đến 14/4/2021"),
        "{texts}"
    );
    assert!(
        texts.contains("Chưa hoàn thành trong hạn; đề nghị hủy"),
        "{texts}"
    );

    // The dashboard counts them.
    let site = dir.path().join("site");
    let mut cmd = ketluan_command();
    cmd.arg("site")
        .arg(&meetings)
        .args(["--today", TODAY, "--out"])
        .arg(&site);
    assert!(cmd.output().unwrap().status.success());
    let page = scraper::Html::parse_document(
        &std::fs::read_to_string(site.join("nhiem-vu.html")).unwrap(),
    );
    let row = scraper::Selector::parse("tr").unwrap();
    let cell = scraper::Selector::parse("td").unwrap();
    let snv_row: Vec<String> = page
        .select(&row)
        .map(|tr| {
            tr.select(&cell)
                .map(|td| td.text().collect::<String>().trim().to_string())
                .collect::<Vec<_>>()
        })
        .find(|cells| cells.first().is_some_and(|c| c == "Sở Nội vụ") && cells.len() == 8)
        .expect("a summary row for Sở Nội vụ");
    assert_eq!(snv_row[1..7], ["2", "0", "0", "1", "0", "3"]);

    // Applied again, the rows taken change nothing more.
    let again = apply(dir.path(), &files, &meetings, &["--write", "--partial"]);
    let after = snapshot(&meetings);
    assert!(
        text(&again.stderr).contains("0 nhiệm vụ thay đổi"),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(snapshot(&meetings), after);
}

/// The CSV of `tasks --format csv --lead SNV`, edited as Excel saves it:
/// `;` between cells, with a byte order mark or in the Windows code page,
/// a date as a serial number and as dd/mm/yyyy, statuses without accents.
#[test]
fn a_csv_back_from_excel_is_read() {
    if !tool_available("git") {
        return;
    }
    for encoding in ["utf-8-sig", "cp1258"] {
        let (dir, meetings) = archive_copy();
        let original = dir.path().join("original");
        copy_dir(&meetings, &original);
        let mut cmd = ketluan_command();
        cmd.arg("tasks")
            .arg(&meetings)
            .args(["--today", TODAY, "--lead", "SNV", "--format", "csv"]);
        let csv = cmd.output().unwrap().stdout;
        let edited = dir.path().join("tra-loi.csv");
        // Python's csv module as the spreadsheet: `;`, its dates typed.
        let script = r#"
import csv, io, sys, unicodedata
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
for r in rows[1:]:
    if r[0] == "2021-01-25-phien-hop-ubnd-thang-01#I.3":
        r[6], r[7] = "Da hoan thanh", "44275"
    if r[0] == "2021-02-24-hop-ubnd-thang-02#II.1":
        r[6] = "chua hoan thanh qua han"
out = io.StringIO()
csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
text = out.getvalue()
if sys.argv[3] == "cp1258":
    # Windows-1258 has the letters with circumflex, breve and horn, and
    # the five tone marks as combining characters.
    tones = "\u0300\u0301\u0303\u0309\u0323"
    def letter(ch):
        d = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
        return base + "".join(c for c in d if c in tones)
    text = "".join(letter(ch) for ch in text)
open(sys.argv[2], "w", encoding=sys.argv[3], newline="").write(text)
"#;
        let raw = dir.path().join("raw.csv");
        std::fs::write(&raw, &csv).unwrap();
        python(script, &[&raw, &edited, Path::new(encoding)]);
        // A CSV names no unit: `--lead` does, by a code of the files'
        // directories. Another unit's code refuses the row of I.3.
        let other = apply(dir.path(), &["tra-loi.csv"], &meetings, &["--lead", "STC"]);
        assert_eq!(other.status.code(), Some(1), "{encoding}");
        assert!(
            text(&other.stderr)
                .contains("Sở Tài chính không chủ trì nhiệm vụ này (chủ trì: Sở Nội vụ)"),
            "{encoding}: {}",
            text(&other.stderr)
        );
        let out = apply(
            dir.path(),
            &["tra-loi.csv"],
            &meetings,
            &["--lead", "SNV", "--write"],
        );
        assert!(out.status.success(), "{encoding}: {}", text(&out.stderr));
        let jan = format!("{JAN}.yaml");
        let expected: BTreeSet<(char, String, String)> = [
            "        status: done",
            // 44275 is 20/03/2021.
            "        done_on: 2021-03-20",
        ]
        .iter()
        .map(|l| ('+', jan.clone(), l.to_string()))
        .collect();
        assert_eq!(git_diff(&original, &meetings), expected, "{encoding}");
    }
}

/// A sheet in the shape of `tasks --format xlsx`, written by Python:
/// `extra` is run with `book`, `sheet` and the first task row `first`.
fn workbook_with(dir: &Path, name: &str, extra: &str) -> PathBuf {
    let path = dir.join(name);
    let script = format!(
        r#"
import sys
from openpyxl import Workbook
book = Workbook()
sheet = book.active
sheet.title = "Sheet1"
sheet["A1"] = "Đơn vị: Sở Nội vụ"
headings = ["Mã nhiệm vụ", "Thông báo", "Mục", "Nội dung", "Thời hạn", "Tình trạng hiện tại",
            "Tình trạng", "Ngày hoàn thành", "Văn bản báo cáo", "Đề nghị gia hạn đến", "Ghi chú"]
for i, h in enumerate(headings):
    sheet.cell(row=4, column=i + 1, value=h)
sheet["A5"] = "{JAN}#I.3"
sheet["G5"] = "đã hoàn thành"
sheet["H5"] = "20/03/2021"
first = 5
{extra}
book.save(sys.argv[1])
"#
    );
    python(&script, &[&path]);
    path
}

#[test]
fn bad_spreadsheets_are_refused_and_nothing_is_written() {
    if !(python_module("openpyxl") && python_module("msoffcrypto")) {
        return;
    }
    let (dir, meetings) = archive_copy();
    let before = snapshot(&meetings);
    let d = dir.path();
    std::fs::write(d.join("not-a-zip.xlsx"), "Mã nhiệm vụ;Tình trạng\n").unwrap();
    workbook_with(d, "good.xlsx", "");
    workbook_with(d, "no-id.xlsx", r#"sheet["A4"] = "Số thứ tự""#);
    workbook_with(d, "formula.xlsx", r#"sheet["H5"] = "=TODAY()""#);
    workbook_with(d, "merged.xlsx", r#"sheet.merge_cells("G5:H5")"#);
    workbook_with(
        d,
        "huge.xlsx",
        r#"
for row in range(6, 100_006):
    sheet.cell(row=row, column=1, value="x")
"#,
    );
    let out = Command::new("python3")
        .args(["-m", "msoffcrypto", "-e", "-p", "matkhau"])
        .arg(d.join("good.xlsx"))
        .arg(d.join("password.xlsx"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let cases: [(&str, &str, &str); 6] = [
        (
            "not-a-zip.xlsx",
            "not-a-zip.xlsx",
            "không phải bảng tính Excel",
        ),
        ("no-id.xlsx", "no-id.xlsx", "không có cột \"Mã nhiệm vụ\""),
        (
            "formula.xlsx",
            "formula.xlsx!Sheet1!H5",
            "công thức `=TODAY()`",
        ),
        (
            "merged.xlsx",
            "merged.xlsx!Sheet1!G5",
            "ô gộp merged.xlsx!Sheet1!G5:H5",
        ),
        ("huge.xlsx", "huge.xlsx!Sheet1", "100001 dòng, quá 50000"),
        ("password.xlsx", "password.xlsx", "mật khẩu"),
    ];
    for (file, at, message) in cases {
        // Each beside a good sheet: all or nothing.
        let out = apply(d, &["good.xlsx", file], &meetings, &["--write"]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{file}: {stderr}");
        assert!(
            stderr.contains(&format!("{at}: lỗi: ")) && stderr.contains(message),
            "{file}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert_eq!(snapshot(&meetings), before, "{file}: nothing written");
    }
    // A completion day before the meeting (25/01/2021).
    workbook_with(d, "early.xlsx", r#"sheet["H5"] = "20/01/2021""#);
    let out = apply(d, &["early.xlsx"], &meetings, &["--write"]);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(
            "early.xlsx!Sheet1!H5: lỗi: ngày hoàn thành 20/01/2021 trước ngày họp 25/01/2021"
        ),
        "{stderr}"
    );
    // The same task changed by two rows: the second is refused.
    let out = apply(d, &["good.xlsx", "good.xlsx"], &meetings, &["--write"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("good.xlsx!Sheet1!A5: lỗi: nhiệm vụ này đã được báo ở good.xlsx!Sheet1!A5"),
        "{stderr}"
    );
    assert_eq!(snapshot(&meetings), before, "nothing written");
    // The good sheet alone is taken.
    let out = apply(d, &["good.xlsx"], &meetings, &["--write"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_ne!(snapshot(&meetings), before);
}

/// An extension asked for that is not after the deadline in force is a
/// warning of `check`, at its line and column, naming the field.
#[test]
fn a_request_not_after_the_deadline_is_a_warning() {
    let (_dir, meetings) = archive_copy();
    let file = meetings.join(format!("{FEB}.yaml"));
    let text_before = std::fs::read_to_string(&file).unwrap();
    let due = "        due: 2021-03-10\n";
    assert!(text_before.contains(due));
    let line = text_before[..text_before.find(due).unwrap()]
        .lines()
        .count()
        + 2;
    let edited = text_before.replace(
        due,
        &format!("{due}        extension_requested: 2021-03-10\n"),
    );
    std::fs::write(&file, edited).unwrap();
    let mut cmd = ketluan_command();
    let out = cmd.arg("check").arg(&file).output().unwrap();
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "a warning, not an error: {stderr}");
    assert!(
        stderr.contains(&format!("{FEB}.yaml:{line}:"))
            && stderr.contains("extension_requested")
            && stderr
                .contains("hạn đề nghị gia hạn 10/3/2021 không sau hạn đang áp dụng 10/3/2021"),
        "{stderr}"
    );
}
