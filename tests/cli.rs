//! The subcommands other than the DOCX layout: `new`, `templates export`
//! with `render --templates`, `--format pdf`, exit codes, atomic output.

mod common;

use common::*;

/// The files of an output folder, sorted, without ketluan's manifest.
fn notices(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != ".ketluan-manifest.json")
        .collect();
    names.sort();
    names
}

#[test]
fn new_writes_a_skeleton_that_check_accepts_once_filled() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cuoc-hop.yaml");
    let path = file.to_str().unwrap();
    ketluan_ok(&["new", path]);
    let skeleton = std::fs::read_to_string(&file).unwrap();
    assert!(
        skeleton.contains("# tên cơ quan ban hành"),
        "fields are explained in Vietnamese"
    );

    // Unfilled, every blank is an error.
    let out = ketluan(&["check", path]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("`issuer.name`: chưa điền"), "{stderr}");

    // A second `new` never overwrites.
    let out = ketluan(&["new", path]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), skeleton);

    // Fill each blank the way a secretary would.
    let fill = |key: &str| -> Option<&str> {
        Some(match key {
            "name" => "Nguyễn Văn A",
            "code" => "UBND",
            "place" => "Lai Châu",
            "summary" => "Kết luận tại cuộc họp",
            "date" => "2021-01-25",
            "title" => "Về việc thử",
            "lead" => "Sở Nội vụ",
            "with" => "các đơn vị liên quan",
            "do" => "Thực hiện.",
            "due" => "\"06/02/2021\"",
            "position" => "Chánh Văn phòng",
            "location" => "Phòng họp số 2",
            _ => return None,
        })
    };
    let filled: String = skeleton
        .lines()
        .map(|line| {
            let code = line.split(" #").next().unwrap().trim_end();
            let trimmed = code.trim_start();
            if let Some(key) = trimmed.strip_suffix(':') {
                if !trimmed.starts_with('#') && !trimmed.starts_with('-') {
                    if let Some(v) = fill(key.trim_start_matches("- ")) {
                        return format!("{code} {v}\n");
                    }
                }
            }
            if let Some(key) = trimmed.strip_prefix("- ").and_then(|k| k.strip_suffix(':')) {
                if let Some(v) = fill(key) {
                    return format!("{code} {v}\n");
                }
            }
            format!("{line}\n")
        })
        .collect();
    std::fs::write(&file, &filled).unwrap();
    let out = ketluan(&["check", path]);
    assert!(
        out.status.success(),
        "{}\n{filled}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The skeleton starts at the invitation stage: the giấy mời alone.
    let out_dir = dir.path().join("out");
    ketluan_ok(&["render", path, "--out", out_dir.to_str().unwrap()]);
    assert_eq!(
        notices(&out_dir),
        ["cuoc-hop.giay-moi.docx", "cuoc-hop.giay-moi.pdf"]
    );
}

#[test]
fn exported_templates_reword_the_notice() {
    let dir = tempfile::tempdir().unwrap();
    let tpl = dir.path().join("tpl");
    ketluan_ok(&["templates", "export", tpl.to_str().unwrap()]);
    // The sections and tasks are worded in agenda.md, which body.md includes.
    let body = tpl.join("agenda.md");
    let text = std::fs::read_to_string(&body).unwrap();
    assert!(text.contains("Thời hạn hoàn thành"));
    std::fs::write(
        &body,
        text.replace("Thời hạn hoàn thành: trước ngày", "Hoàn thành trước ngày"),
    )
    .unwrap();
    let out = dir.path().join("out");
    ketluan_ok(&[
        "render",
        EXAMPLE,
        "--out",
        out.to_str().unwrap(),
        "--templates",
        tpl.to_str().unwrap(),
    ]);
    let xml = zip_entry(
        &out.join("2021-01-25-phien-hop-ubnd-thang-01.docx"),
        "word/document.xml",
    );
    assert!(xml.contains("Hoàn thành trước ngày 06/02/2021."));
    assert!(!xml.contains("Thời hạn hoàn thành"));

    // A broken template is an error that names it, and nothing is written.
    std::fs::write(&body, "{% for x in %}").unwrap();
    let out2 = dir.path().join("out2");
    let res = ketluan(&[
        "render",
        EXAMPLE,
        "--out",
        out2.to_str().unwrap(),
        "--templates",
        tpl.to_str().unwrap(),
    ]);
    assert!(!res.status.success());
    assert!(String::from_utf8_lossy(&res.stderr).contains("agenda.md"));
    assert!(!out2.exists());
}

#[test]
fn formats_are_chosen_with_format_and_default_to_both() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("pdf-only");
    ketluan_ok(&[
        "render",
        EXAMPLE,
        "--out",
        d.to_str().unwrap(),
        "--format",
        "pdf",
    ]);
    assert_eq!(notices(&d), ["2021-01-25-phien-hop-ubnd-thang-01.pdf"]);
    let d = dir.path().join("both");
    ketluan_ok(&["render", EXAMPLE, "--out", d.to_str().unwrap()]);
    assert_eq!(
        notices(&d),
        [
            "2021-01-25-phien-hop-ubnd-thang-01.docx",
            "2021-01-25-phien-hop-ubnd-thang-01.pdf"
        ]
    );
    let bad = ketluan(&[
        "render",
        EXAMPLE,
        "--out",
        d.to_str().unwrap(),
        "--format",
        "odt",
    ]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("odt"));
}

#[test]
fn a_bad_file_fails_the_run_and_keeps_the_previous_output() {
    let dir = tempfile::tempdir().unwrap();
    let meeting = dir.path().join("hop.yaml");
    let example = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    std::fs::write(&meeting, &example).unwrap();
    let out = dir.path().join("out");
    let m = meeting.to_str().unwrap();
    let o = out.to_str().unwrap();
    ketluan_ok(&["render", m, "--out", o]);
    let before = std::fs::read(out.join("hop.docx")).unwrap();
    let before_pdf = std::fs::read(out.join("hop.pdf")).unwrap();
    std::fs::write(
        &meeting,
        example.replace("date: 2021-01-25", "date: 31/02/2021"),
    )
    .unwrap();
    let res = ketluan(&["render", m, "--out", o]);
    assert_eq!(res.status.code(), Some(1));
    assert_eq!(
        std::fs::read(out.join("hop.docx")).unwrap(),
        before,
        "the old notice is untouched"
    );
    let leftovers = notices(&out);
    assert_eq!(std::fs::read(out.join("hop.pdf")).unwrap(), before_pdf);
    assert_eq!(
        leftovers.len(),
        2,
        "the DOCX and PDF, no temporary file: {leftovers:?}"
    );
}

#[test]
fn help_explains_the_commands() {
    let out = ketluan_ok(&["--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    for cmd in ["render", "check", "new", "templates"] {
        assert!(help.contains(cmd), "{help}");
    }
}
