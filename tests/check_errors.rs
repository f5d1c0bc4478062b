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
//! errors: every error line must carry `file:line:column`, and the summary
//! must count exactly the expected errors.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{ketluan, root, tool_available};

fn check(path: &str) -> Output {
    ketluan(&["check", path])
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
    judge(path, &expects, out.status.code(), &stderr)
}

/// A line of a diagnostic's frame: ` --> file:line:col`, `  |`, the
/// quoted source (`12 |   date: …`), `  = gợi ý: …`, or blank.
fn is_frame(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    line.is_empty() || line.starts_with(' ') || (digits > 0 && line[digits..].starts_with(" |"))
}

/// The error count of the summary line `Đã kiểm tra N tệp: E lỗi, …`.
fn summary_errors(line: &str) -> Option<usize> {
    let rest = line.strip_prefix("Đã kiểm tra ")?;
    let (_, counts) = rest.split_once(": ")?;
    counts.split_once(" lỗi")?.0.parse().ok()
}

/// What is wrong with `check <path>`'s exit `status` and `stderr` for a
/// fixture expecting `expects`: every expected error at its place, exactly
/// as many errors as expected (the summary's count too), and no line that
/// is neither a located diagnostic, its frame, nor the summary (an error
/// without `file:line:column` is one).
fn judge(path: &str, expects: &[Expect], status: Option<i32>, stderr: &str) -> Vec<String> {
    let mut problems = Vec::new();

    if expects.is_empty() {
        problems.push("no `# expect:` lines".to_string());
    }
    if status != Some(1) {
        problems.push(format!("exit status {status:?}, expected 1"));
    }
    if stderr.contains("panicked") {
        problems.push("the checker panicked".to_string());
    }

    let prefix = format!("{path}:");
    let mut headlines: Vec<&str> = Vec::new();
    let mut errors = 0;
    let mut summaries: Vec<usize> = Vec::new();
    for line in stderr.lines() {
        if is_frame(line) {
            continue;
        }
        if let Some(n) = summary_errors(line) {
            summaries.push(n);
            continue;
        }
        match line.strip_prefix(&prefix).and_then(after_location) {
            Some(message) => {
                headlines.push(line);
                if message.starts_with("lỗi:") {
                    errors += 1;
                } else if !message.starts_with("cảnh báo:") && !message.starts_with("lưu ý:") {
                    problems.push(format!("a diagnostic of no known severity: {line}"));
                }
            }
            None if line.contains("lỗi") => {
                errors += 1;
                problems.push(format!("an error without `{path}:line:column`: {line}"));
            }
            None => problems.push(format!("a line that is no diagnostic: {line}")),
        }
    }

    for e in expects {
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
            "{errors} error line(s), expected {}",
            expects.len()
        ));
    }
    match summaries[..] {
        [n] if n == expects.len() => {}
        [n] => problems.push(format!(
            "the summary counts {n} error(s), expected {}",
            expects.len()
        )),
        _ => problems.push(format!(
            "{} summary lines (`Đã kiểm tra …`), expected 1",
            summaries.len()
        )),
    }
    if !problems.is_empty() {
        problems.push(format!("stderr was:\n{stderr}"));
    }
    problems
}

/// The judge itself: a right answer passes, and an extra error (located
/// or not), a missing one, or a wrong summary count each fail it.
#[test]
fn the_judge_fails_an_extra_or_unlocated_error() {
    let path = "tests/fixtures/broken/x.yaml";
    let expects = [Expect {
        line: 6,
        column: 9,
        what: "notice.date".to_string(),
    }];
    let headline = format!("{path}:6:9: lỗi: `notice.date`: ngày 31 không có trong tháng 2");
    let frame = format!(
        " --> {path}:6:9\n  |\n6 |   date: 31/02/2021\n  |         ^^^^^^^^^^\n  = gợi ý: viết ngày …\n"
    );
    let summary = |n: usize| format!("Đã kiểm tra 1 tệp: {n} lỗi, 0 cảnh báo (1 tệp có lỗi)\n");
    let right = format!("{headline}\n{frame}{}", summary(1));
    assert_eq!(judge(path, &expects, Some(1), &right), Vec::<String>::new());
    let warned = format!(
        "{headline}\n{frame}{path}:9:3: cảnh báo: `meeting.time`: chưa có\n{}",
        summary(1)
    );
    assert_eq!(
        judge(path, &expects, Some(1), &warned),
        Vec::<String>::new()
    );

    let wrong = [
        // An error with no location at all, or only the file's name.
        format!(
            "{headline}\n{frame}ketluan: lỗi: không đọc được mẫu\n{}",
            summary(2)
        ),
        format!("{headline}\n{frame}{path}: lỗi: tệp hỏng\n{}", summary(2)),
        // An error the summary counts but no line shows.
        format!("{headline}\n{frame}{}", summary(2)),
        // A second located error.
        format!(
            "{headline}\n{frame}{path}:7:1: lỗi: `notice.number`: thiếu\n{}",
            summary(2)
        ),
        // The expected error in another place, or not at all.
        format!(
            "{}\n{frame}{}",
            headline.replace(":6:9:", ":6:3:"),
            summary(1)
        ),
        summary(0),
        // No summary.
        format!("{headline}\n{frame}"),
    ];
    for stderr in &wrong {
        assert!(
            !judge(path, &expects, Some(1), stderr).is_empty(),
            "accepted:\n{stderr}"
        );
    }
    assert!(!judge(path, &expects, Some(0), &right).is_empty());
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

/// `ketluan check` run under a pseudo-terminal made by util-linux's
/// `script`: what a secretary's terminal shows.
fn check_on_a_terminal(no_color: bool) -> String {
    let bad = root().join("tests/bad/yaml-duplicate-key.yaml");
    let line = format!(
        "'{}' check '{}'",
        env!("CARGO_BIN_EXE_ketluan"),
        bad.display()
    );
    let mut cmd = std::process::Command::new("script");
    cmd.args(["-qec", &line, "/dev/null"])
        .current_dir(root())
        .env("LC_ALL", "C.UTF-8")
        .env_remove("NO_COLOR");
    if no_color {
        cmd.env("NO_COLOR", "1");
    }
    let out = cmd.output().expect("script runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn colours_on_a_terminal_unless_no_color_and_never_in_a_pipe() {
    if !tool_available("script") {
        return;
    }
    let shown = check_on_a_terminal(false);
    assert!(shown.contains("yaml-duplicate-key.yaml:16:5"), "{shown}");
    assert!(shown.contains("\x1b["), "colours on a terminal: {shown:?}");
    let plain = check_on_a_terminal(true);
    assert!(plain.contains("yaml-duplicate-key.yaml:16:5"), "{plain}");
    assert!(!plain.contains('\x1b'), "NO_COLOR: {plain:?}");
    // Into a pipe (as an editor or CI reads it): no colours.
    let piped = std::process::Command::new(env!("CARGO_BIN_EXE_ketluan"))
        .args(["check", "tests/bad/yaml-duplicate-key.yaml"])
        .current_dir(root())
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(!piped.stderr.is_empty() && !piped.stderr.contains(&0x1b));
}
