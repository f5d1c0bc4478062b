//! The error corpus: every file in `tests/bad/` against its row in
//! `tests/bad/EXPECTED.md` (place, kind, field, words), through the real
//! binary (`ketluan check`), one process per file.

mod common;

use std::path::Path;

use common::*;

/// One row of the table.
#[derive(Debug)]
struct Row {
    file: String,
    line: u32,
    column: u32,
    kind: String,
    field: Option<String>,
    words: Vec<String>,
}

fn table() -> Vec<Row> {
    let text = std::fs::read_to_string(root().join("tests/bad/EXPECTED.md")).unwrap();
    text.lines()
        .filter(|l| l.starts_with("| ") && l.contains(".yaml"))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split(" | ").map(str::trim).collect();
            assert_eq!(cells.len(), 5, "five cells in {l}");
            let (line, column) = cells[1].split_once(':').expect("LINE:COL");
            Row {
                file: cells[0].to_string(),
                line: line.parse().unwrap(),
                column: column.parse().unwrap(),
                kind: cells[2].to_string(),
                field: (cells[3] != "-").then(|| cells[3].to_string()),
                words: cells[4].split("; ").map(str::to_string).collect(),
            }
        })
        .collect()
}

/// `<path>:<line>:<col>: ` or `<path>: ` starts a diagnostic's headline.
fn is_headline(line: &str, path: &str) -> bool {
    line.strip_prefix(path)
        .and_then(|r| r.strip_prefix(':'))
        .is_some_and(|r| {
            r.contains(": lỗi: ") || r.contains(": cảnh báo: ") || r.starts_with(" lỗi: ")
        })
}

fn mismatches(row: &Row) -> Vec<String> {
    let path = format!("tests/bad/{}", row.file);
    let out = ketluan(&["check", &path]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let mut problems = Vec::new();
    if stderr.contains("panicked") || out.status.code().is_none() {
        problems.push("the checker crashed".to_string());
    }
    let expected_status = if row.kind == "lỗi" { 1 } else { 0 };
    if out.status.code() != Some(expected_status) {
        problems.push(format!(
            "exit status {:?}, expected {expected_status}",
            out.status.code()
        ));
    }
    let headlines: Vec<&str> = stderr.lines().filter(|l| is_headline(l, &path)).collect();
    if headlines.len() != 1 {
        problems.push(format!(
            "{} diagnostics, expected exactly one",
            headlines.len()
        ));
    }
    let at = format!("{path}:{}:{}: {}: ", row.line, row.column, row.kind);
    match headlines.iter().find(|h| h.starts_with(&at)) {
        None => problems.push(format!("nothing reported at `{at}`")),
        Some(h) => {
            if let Some(field) = &row.field {
                let needle = format!("{at}`{field}`: ");
                if !h.starts_with(&needle) {
                    problems.push(format!("the headline does not name `{field}`"));
                }
            }
        }
    }
    // The report of that one diagnostic: everything before the summary line.
    let report: String = stderr
        .lines()
        .take_while(|l| !l.starts_with("Đã kiểm tra"))
        .collect::<Vec<_>>()
        .join("\n");
    for w in &row.words {
        if !report.contains(w.as_str()) {
            problems.push(format!("the report lacks the words `{w}`"));
        }
    }
    if !problems.is_empty() {
        problems.push(format!("stderr was:\n{stderr}"));
    }
    problems
}

#[test]
fn every_bad_file_is_reported_where_and_as_the_table_says() {
    let rows = table();
    assert!(rows.len() >= 40, "{} rows", rows.len());
    let mut listed: Vec<&str> = rows.iter().map(|r| r.file.as_str()).collect();
    listed.sort();
    let mut on_disk: Vec<String> = std::fs::read_dir(root().join("tests/bad"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    on_disk.sort();
    assert_eq!(listed, on_disk, "every file has a row and every row a file");

    let mut report = String::new();
    let mut failed = 0;
    for row in &rows {
        let problems = mismatches(row);
        if !problems.is_empty() {
            failed += 1;
            report.push_str(&format!("\n=== {}\n", row.file));
            for p in problems {
                report.push_str(&format!("  - {p}\n"));
            }
        }
    }
    assert!(
        report.is_empty(),
        "{failed} of {} bad files disagree with tests/bad/EXPECTED.md:\n{report}",
        rows.len()
    );
}

#[test]
fn each_bad_file_states_its_defect_on_its_first_line() {
    for row in table() {
        let bytes = std::fs::read(root().join("tests/bad").join(&row.file)).unwrap();
        if bytes.is_empty() || bytes.starts_with(b"\xFF\xFE") {
            continue; // the empty file; the UTF-16 file says it in UTF-16
        }
        let first = bytes.split(|&b| b == b'\n').next().unwrap();
        assert!(
            first.starts_with(b"# "),
            "{}: the first line describes the defect",
            row.file
        );
    }
    assert!(Path::new(&root().join("tests/bad/EXPECTED.md")).is_file());
}
