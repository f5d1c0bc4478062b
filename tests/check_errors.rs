//! `ketluan check` on deliberately broken meeting files.
//!
//! Each file in `tests/fixtures/broken/` starts with one comment line per
//! diagnostic it must produce:
//!
//! ```text
//! # expect: <LINE>:<COL> <field.path>
//! # expect: <LINE>:<COL> YAML
//! ```
//!
//! The locations were derived by hand from the location rules (a bad value →
//! its first character; an unknown field → the key; a missing field → the key
//! of the mapping that should hold it; markdown → the construct's line inside
//! the block scalar). Every file must fail with exit code 1, never panic,
//! report an error headline at every expected location, and report no other
//! errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn check(path: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ketluan"))
        .args(["check", path])
        .current_dir(root())
        .env("NO_COLOR", "1")
        // Messages in Vietnamese whatever the machine\'s locale (C.UTF-8
        // exists everywhere and is not English).
        .env("LC_ALL", "C.UTF-8")
        .output()
        .expect("ketluan runs")
}

/// One `# expect:` line: where, and which field (or `YAML`).
struct Expect {
    line: u32,
    column: u32,
    what: String,
}

fn expectations(file: &Path) -> Vec<Expect> {
    let text = std::fs::read_to_string(file).expect("fixture is readable");
    text.lines()
        .filter_map(|l| l.strip_prefix("# expect:"))
        .map(|rest| {
            let mut parts = rest.split_whitespace();
            let location = parts.next().expect("`# expect:` has a location");
            let what = parts.next().expect("`# expect:` has a field path");
            let (line, column) = location.split_once(':').expect("location is LINE:COL");
            Expect {
                line: line.parse().expect("LINE is a number"),
                column: column.parse().expect("COL is a number"),
                what: what.to_string(),
            }
        })
        .collect()
}

/// `rest` (a headline with `<path>:` already removed) starts with
/// `<digits>:<digits>: `; returns what follows.
fn after_location(rest: &str) -> Option<&str> {
    let (line, rest) = rest.split_once(':')?;
    let (column, rest) = rest.split_once(':')?;
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if all_digits(line) && all_digits(column) {
        rest.strip_prefix(' ')
    } else {
        None
    }
}

fn fixtures() -> Vec<PathBuf> {
    let dir = root().join("tests/fixtures/broken");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/broken exists")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

/// Everything wrong with the checker's answer for one fixture.
fn mismatches(file: &Path) -> Vec<String> {
    let path = file.to_str().expect("UTF-8 path");
    let expects = expectations(file);
    let out = check(path);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut problems = Vec::new();

    if expects.is_empty() {
        problems.push("no `# expect:` lines".to_string());
    }
    if out.status.code() != Some(1) {
        problems.push(format!("exit status {:?}, expected 1", out.status.code()));
    }
    if stderr.contains("panicked") {
        problems.push("the checker panicked".to_string());
    }

    let prefix = format!("{path}:");
    let headlines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.strip_prefix(&prefix).and_then(after_location).is_some())
        .collect();
    let errors = headlines
        .iter()
        .filter(|l| {
            l.strip_prefix(&prefix)
                .and_then(after_location)
                .is_some_and(|m| m.starts_with("lỗi:"))
        })
        .count();

    for e in &expects {
        let at = format!("{path}:{}:{}: ", e.line, e.column);
        let needle = if e.what == "YAML" {
            "YAML không hợp lệ".to_string()
        } else {
            format!("`{}`", e.what)
        };
        let found = headlines
            .iter()
            .any(|h| h.starts_with(&at) && h.contains(&needle));
        if !found {
            let elsewhere: Vec<&str> = headlines
                .iter()
                .filter(|h| h.contains(&needle))
                .map(|h| h.strip_prefix(&prefix).unwrap_or(h))
                .collect();
            problems.push(format!(
                "expected {}:{} {} — not reported there{}",
                e.line,
                e.column,
                e.what,
                if elsewhere.is_empty() {
                    " (nor anywhere)".to_string()
                } else {
                    format!("; reported at {}", elsewhere.join(" | "))
                }
            ));
        }
    }
    if errors != expects.len() {
        problems.push(format!(
            "{errors} error headline(s), expected {}",
            expects.len()
        ));
    }
    if !problems.is_empty() {
        problems.push(format!("stderr was:\n{stderr}"));
    }
    problems
}

#[test]
fn every_broken_fixture_reports_each_expected_error_where_expected() {
    let files = fixtures();
    assert!(
        files.len() >= 18,
        "only {} fixtures in tests/fixtures/broken",
        files.len()
    );
    let mut report = String::new();
    let mut failed = 0;
    for file in &files {
        let problems = mismatches(file);
        if !problems.is_empty() {
            failed += 1;
            let name = file.file_name().unwrap().to_string_lossy();
            report.push_str(&format!("\n=== {name}\n"));
            for p in problems {
                report.push_str(&format!("  - {p}\n"));
            }
        }
    }
    assert!(
        report.is_empty(),
        "{failed} of {} fixtures disagree with the checker:\n{report}",
        files.len()
    );
}

#[test]
fn the_real_example_meeting_checks_clean() {
    let file = root().join("meetings/2021-01-25-phien-hop-ubnd-thang-01.yaml");
    let out = check(file.to_str().expect("UTF-8 path"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
