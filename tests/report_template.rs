//! The report's wording is `templates/report.md`, exported and overridden
//! like the notice's: `ketluan report --templates DIR` takes DIR/report.md,
//! rendered once with `part = "title"` (the trích yếu) and once with
//! `part = "body"`; a broken report.md is an error that names it, and the
//! report written before stays as it was.

mod common;

use std::path::{Path, PathBuf};

use common::*;

const ARCHIVE: &str = "tests/fixtures/archive";
const TODAY: &str = "2021-03-01";

/// The built-in wording this test changes, as templates/report.md has it.
const TITLE_OLD: &str = "Tình hình thực hiện nhiệm vụ {% if scope.lead %}";
const TITLE_NEW: &str = "Kết quả thực hiện nhiệm vụ {% if scope.lead %}";
const TITLE_DAY_OLD: &str = "(tính đến ngày {{ today | date_short }})";
const TITLE_DAY_NEW: &str = "(số liệu đến ngày {{ today | date_short }})";
const BODY_OLD: &str =
    "Thực hiện chế độ theo dõi, đôn đốc việc thực hiện nhiệm vụ được giao tại các cuộc họp, ";
const BODY_NEW: &str = "Theo yêu cầu của lãnh đạo, ";
const END_OLD: &str =
    "Trên đây là báo cáo tình hình thực hiện nhiệm vụ; chi tiết từng nhiệm vụ tại Phụ lục kèm theo./.";
const END_NEW: &str =
    "Trên đây là báo cáo của Văn phòng; danh mục nhiệm vụ tại Phụ lục kèm theo./.";
const APPENDIX_OLD: &str = "**DANH MỤC NHIỆM VỤ VÀ TÌNH HÌNH THỰC HIỆN**";
const APPENDIX_NEW: &str = "**DANH MỤC CÁC NHIỆM VỤ ĐƯỢC GIAO**";

/// Exports the templates into `dir`/tpl; returns the folder and the text
/// of its report.md.
fn export(dir: &Path) -> (PathBuf, String) {
    let tpl = dir.join("tpl");
    ketluan_ok(&["templates", "export", tpl.to_str().unwrap()]);
    let text = std::fs::read_to_string(tpl.join("report.md")).unwrap();
    assert_eq!(
        text,
        std::fs::read_to_string(root().join("templates/report.md")).unwrap(),
        "the exported report.md is the built-in one"
    );
    (tpl, text)
}

/// Replaces `old` (which must be there exactly once) by `new`.
fn reword(text: &str, old: &str, new: &str) -> String {
    assert_eq!(text.matches(old).count(), 1, "{old:?} once in report.md");
    text.replace(old, new)
}

/// `ketluan report ARCHIVE --today TODAY --out <out> <extra…>`.
fn report(out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "report",
        ARCHIVE,
        "--today",
        TODAY,
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    ketluan(&args)
}

/// The text of every paragraph of the DOCX, line breaks as spaces.
fn paragraphs(docx: &Path) -> Vec<String> {
    docx_texts(docx)
        .into_iter()
        .map(|p| p.replace('\n', " "))
        .collect()
}

/// The trích yếu: the paragraph after `BÁO CÁO`.
fn summary(paragraphs: &[String]) -> String {
    let i = paragraphs
        .iter()
        .position(|p| p == "BÁO CÁO")
        .unwrap_or_else(|| panic!("BÁO CÁO in {paragraphs:?}"));
    paragraphs[i + 1].clone()
}

/// `<dc:title>` of docProps/core.xml (the trích yếu too).
fn core_title(docx: &Path) -> String {
    let xml = zip_entry(docx, "docProps/core.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    doc.descendants()
        .find(|n| n.tag_name().name() == "title")
        .and_then(|n| n.text())
        .unwrap_or_default()
        .to_string()
}

fn count(paragraphs: &[String], words: &str) -> usize {
    paragraphs.iter().filter(|p| p.contains(words)).count()
}

#[test]
fn an_exported_report_template_rewords_the_title_and_the_body() {
    let dir = tempfile::tempdir().unwrap();
    let (tpl, text) = export(dir.path());
    let docx_name = format!("bao-cao-nhiem-vu-{TODAY}.docx");

    // The built-in wording first, to know what changes.
    let plain = dir.path().join("plain");
    assert!(report(&plain, &["--format", "docx"]).status.success());
    let before = paragraphs(&plain.join(&docx_name));
    assert_eq!(
        summary(&before),
        "Tình hình thực hiện nhiệm vụ được giao tại các cuộc họp (tính đến ngày 01/3/2021)"
    );
    let opening_old = "Thực hiện chế độ theo dõi, đôn đốc việc thực hiện nhiệm vụ được giao tại \
        các cuộc họp, Văn phòng UBND tỉnh báo cáo tình hình thực hiện 11 nhiệm vụ được giao tại \
        3 cuộc họp, tính đến ngày 01 tháng 3 năm 2021, như sau:";
    assert!(before.iter().any(|p| p == opening_old), "{before:?}");

    // The title part and the body part reworded.
    let edited = reword(&text, TITLE_OLD, TITLE_NEW);
    let edited = reword(&edited, TITLE_DAY_OLD, TITLE_DAY_NEW);
    let edited = reword(&edited, BODY_OLD, BODY_NEW);
    let edited = reword(&edited, END_OLD, END_NEW);
    let edited = reword(&edited, APPENDIX_OLD, APPENDIX_NEW);
    std::fs::write(tpl.join("report.md"), edited).unwrap();

    let out = dir.path().join("out");
    let res = report(
        &out,
        &["--format", "docx", "--templates", tpl.to_str().unwrap()],
    );
    assert!(
        res.status.success(),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
    let docx = out.join(&docx_name);
    let after = paragraphs(&docx);
    // The trích yếu: the title part, with the new words, its values filled in.
    let title =
        "Kết quả thực hiện nhiệm vụ được giao tại các cuộc họp (số liệu đến ngày 01/3/2021)";
    assert_eq!(summary(&after), title);
    assert_eq!(core_title(&docx), title, "the document's title property");
    // The body: the body part, with the new words, and only there.
    let opening_new = "Theo yêu cầu của lãnh đạo, Văn phòng UBND tỉnh báo cáo tình hình thực \
        hiện 11 nhiệm vụ được giao tại 3 cuộc họp, tính đến ngày 01 tháng 3 năm 2021, như sau:";
    assert!(after.iter().any(|p| p == opening_new), "{after:?}");
    assert!(after.iter().any(|p| p == END_NEW), "{after:?}");
    assert!(
        after.iter().any(|p| p == "DANH MỤC CÁC NHIỆM VỤ ĐƯỢC GIAO"),
        "the Phụ lục's title: {after:?}"
    );
    for old in [
        "Tình hình thực hiện nhiệm vụ được giao",
        "Thực hiện chế độ theo dõi",
        "chi tiết từng nhiệm vụ",
        "DANH MỤC NHIỆM VỤ VÀ TÌNH HÌNH THỰC HIỆN",
    ] {
        assert_eq!(count(&after, old), 0, "{old:?} is gone: {after:?}");
    }
    // Each part where it belongs: the title's words once (the trích yếu),
    // the body's once (its first paragraph).
    assert_eq!(count(&after, "số liệu đến ngày"), 1, "{after:?}");
    assert_eq!(count(&after, "Theo yêu cầu của lãnh đạo"), 1, "{after:?}");
    // Nothing else changed: the same paragraphs but the four reworded.
    let unchanged = |ps: &[String]| -> Vec<String> {
        ps.iter()
            .filter(|p| {
                !p.contains("Tình hình thực hiện nhiệm vụ được giao")
                    && !p.contains("Kết quả thực hiện nhiệm vụ")
                    && !p.contains("Thực hiện chế độ theo dõi")
                    && !p.contains("Theo yêu cầu của lãnh đạo")
                    && !p.starts_with("Trên đây là báo cáo")
                    && !p.starts_with("DANH MỤC")
            })
            .cloned()
            .collect()
    };
    assert_eq!(unchanged(&after), unchanged(&before));
    assert_eq!(after.len(), before.len());

    // The title part still gets the scope: `--lead` and `--from` in it.
    let out = dir.path().join("lead");
    let res = report(
        &out,
        &[
            "--format",
            "docx",
            "--templates",
            tpl.to_str().unwrap(),
            "--lead",
            "SNV",
            "--from",
            "2021-02-01",
        ],
    );
    assert!(
        res.status.success(),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
    let lead = paragraphs(&out.join(&docx_name));
    assert_eq!(
        summary(&lead),
        "Kết quả thực hiện nhiệm vụ do Sở Nội vụ chủ trì được giao tại các cuộc họp từ ngày \
         01/02/2021 (số liệu đến ngày 01/3/2021)"
    );
    assert!(
        lead.iter().any(|p| p.starts_with(
            "Theo yêu cầu của lãnh đạo, Văn phòng UBND tỉnh báo cáo tình hình thực hiện 2 \
             nhiệm vụ do Sở Nội vụ chủ trì được giao tại 1 cuộc họp từ ngày 01/02/2021, "
        )),
        "{lead:?}"
    );
}

/// The files of a folder, by name, with their bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    all.sort();
    all
}

#[test]
fn a_broken_report_template_is_an_error_naming_it_and_the_previous_report_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (tpl, text) = export(dir.path());
    let templates = ["--templates", tpl.to_str().unwrap()];
    let out = dir.path().join("out");
    let res = report(&out, &templates);
    assert!(res.status.success());
    let good = files(&out);
    let names: Vec<&str> = good.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            format!("bao-cao-nhiem-vu-{TODAY}.docx"),
            format!("bao-cao-nhiem-vu-{TODAY}.pdf")
        ]
    );

    let last_endif = text.rfind("{%- endif %}").unwrap();
    let cases = [
        // Does not parse: the `if part == "title"` is never closed.
        ("unclosed block", format!("{}\n", &text[..last_endif])),
        // Parses, but fails while the title part is rendered.
        (
            "bad date in the title part",
            reword(
                &text,
                "(tính đến ngày {{ today | date_short }})",
                "(tính đến ngày {{ \"31/02/2021\" | date_short }})",
            ),
        ),
        // Parses, the title renders, the body part fails.
        (
            "bad date in the body part",
            reword(
                &text,
                "tính đến {{ today | date_long }}, như sau:",
                "tính đến {{ \"31/02/2021\" | date_long }}, như sau:",
            ),
        ),
    ];
    for (what, broken) in cases {
        std::fs::write(tpl.join("report.md"), &broken).unwrap();
        // Over the previous report: an error, and the files as they were.
        let res = report(&out, &templates);
        let stderr = String::from_utf8_lossy(&res.stderr);
        assert!(!res.status.success(), "{what}: the report fails");
        assert!(
            stderr.contains("mẫu report.md"),
            "{what}: the error names the template: {stderr}"
        );
        assert!(
            res.stdout.is_empty(),
            "{what}: no file reported written: {}",
            String::from_utf8_lossy(&res.stdout)
        );
        assert!(
            files(&out) == good,
            "{what}: the previous report is kept, nothing else is left"
        );
        // Into a new folder: nothing is written.
        let fresh = dir.path().join("fresh");
        let res = report(&fresh, &templates);
        assert!(!res.status.success(), "{what}");
        assert!(
            !fresh.exists() || files(&fresh).is_empty(),
            "{what}: no output"
        );
    }
    // Mended, the report is written again.
    std::fs::write(tpl.join("report.md"), &text).unwrap();
    assert!(report(&out, &templates).status.success());
    assert!(files(&out) == good, "the same bytes as before");
}
