//! The công văn đôn đốc (`ketluan remind`) as an office sends it: one
//! letter per lead unit with open tasks past their deadline or due within
//! `--within` days (the set checked against an independent reading of the
//! meeting files, `common::oracle`), none for a unit without; every
//! element of Mẫu 1.5 in order in the DOCX XML and in the PDF text (the
//! number, `V/v` under it in the left column, `Kính gửi:`, the body, the
//! table citing each task by notice, mục, deadline and days overdue, `./.`,
//! Nơi nhận ending `- Lưu: VT, …`); a draft's blank number and date;
//! `--lead`, `--number`, `--date`, the configurable ký hiệu; the same
//! bytes twice; LibreOffice's rendering of our DOCX breaks the lines and
//! pages of our PDF.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::*;
use roxmltree::Node;

const ARCHIVE: &str = "tests/fixtures/archive";
const TODAY: &str = "2021-03-01";

/// Runs `ketluan remind <paths> --today TODAY --out <fresh folder> <extra…>`,
/// which must succeed; returns the folder and the files it printed.
fn remind(paths: &[&str], extra: &[&str]) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let out = remind_into(paths, dir.path(), extra);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(PathBuf::from)
        .collect::<Vec<_>>();
    for f in &files {
        assert!(f.is_file(), "{} was written", f.display());
    }
    (dir, files)
}

fn remind_into(paths: &[&str], out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["remind"];
    args.extend_from_slice(paths);
    args.extend_from_slice(&["--today", TODAY, "--out", out.to_str().unwrap()]);
    args.extend_from_slice(extra);
    ketluan(&args)
}

/// The stems of the files written, each once, sorted.
fn stems(files: &[PathBuf]) -> Vec<String> {
    let mut s: Vec<String> = files
        .iter()
        .map(|f| f.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    s.sort();
    s.dedup();
    s
}

/// What the letters must hold, from the oracle: per lead unit, the open
/// tasks whose deadline is past or at most `within` days away, as
/// (place, deadline, days overdue or `Còn n ngày`/`Đến hạn hôm nay`),
/// most overdue first.
fn expected(root_dir: &Path, within: i64) -> BTreeMap<String, Vec<[String; 3]>> {
    let today = oracle::Day::parse(TODAY);
    let mut out: BTreeMap<String, Vec<(oracle::Day, [String; 3])>> = BTreeMap::new();
    for t in oracle::archive_tasks(root_dir) {
        let Some(deadline) = t.deadline() else {
            continue;
        };
        if t.status != "open" || today.until(deadline) > within {
            continue;
        }
        let left = today.until(deadline);
        let days = match left {
            l if l < 0 => (-l).to_string(),
            0 => "Đến hạn hôm nay".to_string(),
            l => format!("Còn {l} ngày"),
        };
        let row = [t.place().to_string(), deadline.short(), days];
        for lead in &t.leads {
            out.entry(ketluan::tracking::remind::file_stem(lead))
                .or_default()
                .push((deadline, row.clone()));
        }
    }
    out.into_iter()
        .map(|(unit, mut rows)| {
            rows.sort_by_key(|(d, _)| *d);
            (unit, rows.into_iter().map(|(_, r)| r).collect())
        })
        .collect()
}

fn tables<'a>(doc: &'a roxmltree::Document<'a>) -> Vec<Node<'a, 'a>> {
    let body = doc
        .descendants()
        .find(|n| n.tag_name().name() == "body")
        .unwrap();
    body.children()
        .filter(|n| n.tag_name().name() == "tbl")
        .collect()
}

/// The task rows of a letter's DOCX: (place, deadline, days), the table's
/// columns 3, 5 and 6, `(gia hạn)` and line breaks left out.
fn docx_rows(docx: &Path) -> Vec<[String; 3]> {
    let xml = zip_entry(docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let t = tables(&doc);
    assert_eq!(t.len(), 3, "header, tasks, signature");
    let rows = table_cells(t[1]);
    assert_eq!(
        rows[0],
        [
            "TT",
            "Thông báo (số, ngày)",
            "Mục",
            "Nội dung",
            "Thời hạn",
            "Số ngày quá hạn"
        ]
    );
    rows[1..]
        .iter()
        .enumerate()
        .map(|(i, r)| {
            assert_eq!(r[0], (i + 1).to_string(), "numbered 1…n");
            let deadline = r[4].replace(" (gia hạn)", "");
            [r[2].clone(), deadline, r[5].replace('\n', " ")]
        })
        .collect()
}

#[test]
fn one_letter_per_lead_unit_with_tasks_overdue_or_due_within_the_window() {
    for within in [14, 0, 4, 9, 30] {
        let w = within.to_string();
        let (_dir, files) = remind(&[ARCHIVE], &["--within", &w, "--format", "docx"]);
        let want = expected(&root().join(ARCHIVE), within);
        assert_eq!(
            stems(&files),
            want.keys().cloned().collect::<Vec<_>>(),
            "--within {within}"
        );
        for (stem, rows) in &want {
            let docx = files.iter().find(|f| f.ends_with(format!("{stem}.docx")));
            assert_eq!(&docx_rows(docx.unwrap()), rows, "{stem}, --within {within}");
        }
    }
    // The fixture as the oracle reads it, so that the loop above proves
    // something: Sở Y tế has tasks, none due (done late, cancelled, no
    // deadline), and gets no letter; the window changes the set.
    let (_dir, files) = remind(&[ARCHIVE], &[]);
    assert_eq!(
        stems(&files),
        [
            "don-doc-so-noi-vu",
            "don-doc-so-tai-chinh",
            "don-doc-ubnd-cac-huyen-thanh-pho"
        ]
    );
    let (_dir, files) = remind(&[ARCHIVE], &["--within", "0"]);
    assert_eq!(
        stems(&files),
        ["don-doc-so-tai-chinh", "don-doc-ubnd-cac-huyen-thanh-pho"]
    );
}

#[test]
fn lead_chooses_one_unit_by_code_or_name_and_a_unit_unknown_is_an_error() {
    for lead in ["SNV", "so noi vu", "Sở Nội vụ"] {
        let (_dir, files) = remind(&[ARCHIVE], &["--lead", lead]);
        assert_eq!(stems(&files), ["don-doc-so-noi-vu"], "--lead {lead}");
        assert_eq!(files.len(), 2, "docx and pdf");
    }
    // A unit with tasks but none due: nothing written, not an error.
    let dir = tempfile::tempdir().unwrap();
    let out = remind_into(&[ARCHIVE], dir.path(), &["--lead", "SYT"]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("không viết công văn nào"));
    // A unit that leads nothing: an error naming it.
    let out = remind_into(&[ARCHIVE], dir.path(), &["--lead", "Sở Ngoại vụ"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`Sở Ngoại vụ`"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// The body-level parts of a DOCX in order: a paragraph's text, or a
/// table's cells (rows joined by ` | `).
fn body_parts(docx: &Path) -> Vec<(String, String)> {
    let xml = zip_entry(docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let body = doc
        .descendants()
        .find(|n| n.tag_name().name() == "body")
        .unwrap();
    body.children()
        .filter_map(|n| match n.tag_name().name() {
            "p" => Some(("p".to_string(), paragraph_text(n))),
            "tbl" => Some((
                "tbl".to_string(),
                table_cells(n)
                    .iter()
                    .map(|r| r.join(" | "))
                    .collect::<Vec<_>>()
                    .join("\n"),
            )),
            _ => None,
        })
        .collect()
}

/// The attribute `w:val` of the first `name` element under `node`.
fn val(node: Node, name: &str) -> Option<String> {
    node.descendants()
        .find(|n| n.tag_name().name() == name)
        .and_then(|n| n.attributes().find(|a| a.name() == "val"))
        .map(|a| a.value().to_string())
}

#[test]
fn the_docx_holds_every_element_of_mau_1_5_in_order() {
    let (_dir, files) = remind(&[ARCHIVE], &["--lead", "STC", "--format", "docx"]);
    let docx = &files[0];
    let parts = body_parts(docx);
    let kinds: Vec<&str> = parts.iter().map(|(k, _)| k.as_str()).collect();
    // Header table; Kính gửi; the opening; the tasks; the request; the
    // signature table (Nơi nhận, the signer).
    assert_eq!(kinds, ["tbl", "p", "p", "tbl", "p", "tbl"], "{parts:#?}");
    // The header: `Số:` with its blank, and `V/v` right under it in the
    // same (left) cell; the date line blank but for the year.
    let xml = zip_entry(docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let t = tables(&doc);
    let header = table_cells(t[0]);
    let number_cell: Vec<&str> = header[1][0].split('\n').collect();
    assert_eq!(number_cell[0], "Số:      /VP-TH");
    assert_eq!(
        number_cell[1..].join(" "),
        "V/v đôn đốc thực hiện nhiệm vụ được giao tại các cuộc họp"
    );
    assert_eq!(header[1][1], "Lai Châu, ngày      tháng      năm 2021");
    // V/v at 13 pt, upright, not bold (ô 5b), in its own paragraph
    // 6 pt (120 twips) under the number.
    let cell = t[0]
        .descendants()
        .filter(|n| n.tag_name().name() == "tc")
        .nth(2)
        .unwrap();
    let paragraphs: Vec<Node> = cell
        .children()
        .filter(|n| n.tag_name().name() == "p")
        .collect();
    assert_eq!(paragraphs.len(), 2);
    let subject = paragraphs[1];
    assert_eq!(val(subject, "sz").as_deref(), Some("26"));
    assert!(!subject
        .descendants()
        .any(|n| matches!(n.tag_name().name(), "b" | "i")));
    assert_eq!(val(subject, "jc").as_deref(), Some("center"));
    let spacing = subject
        .descendants()
        .find(|n| n.tag_name().name() == "spacing")
        .unwrap();
    assert_eq!(spacing.attribute((W, "before")), Some("120"));
    // Kính gửi (ô 9a): centred, 14 pt, upright, above the body; no tên
    // loại anywhere.
    assert_eq!(parts[1].1, "Kính gửi: Sở Tài chính.");
    let addressee = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "p")
        .find(|n| paragraph_text(*n) == parts[1].1)
        .unwrap();
    assert_eq!(val(addressee, "jc").as_deref(), Some("center"));
    assert_eq!(val(addressee, "sz").as_deref(), Some("28"));
    assert!(!addressee
        .descendants()
        .any(|n| matches!(n.tag_name().name(), "b" | "i")));
    assert!(!xml.contains("CÔNG VĂN") && !xml.contains("THÔNG BÁO"));
    // The body: the opening, the table citing each task, the request
    // ending `./.`.
    assert!(
        parts[2].1.starts_with("Theo dõi việc thực hiện"),
        "{}",
        parts[2].1
    );
    assert!(parts[2]
        .1
        .contains("Sở Tài chính còn 1 nhiệm vụ chưa hoàn thành đã quá hạn"));
    assert!(parts[3].1.contains("25/TB-VP ngày 27/01/2021 | I.2.1 | Bố trí kinh phí mua vật tư y tế; báo cáo, đề xuất. | 20/02/2021 | 9"), "{}", parts[3].1);
    assert!(parts[3].1.contains("Dự thảo (họp ngày 01/3/2021) | I.1 | Chuẩn bị báo cáo về biên chế và kinh phí. | 10/3/2021 | Còn 9 ngày"), "{}", parts[3].1);
    assert!(
        parts[4].1.contains("trước ngày 08/3/2021"),
        "7 days on: {}",
        parts[4].1
    );
    assert!(parts[4].1.ends_with("./."), "{}", parts[4].1);
    // Nơi nhận: `Như trên` (the unit of Kính gửi) first, ketluan.yaml's
    // recipients, then the Lưu line; the signer beside it.
    let texts = docx_texts(docx);
    assert_eq!(
        recipient_lines(&texts),
        [
            "- Như trên;",
            "- Chủ tịch, các PCT UBND tỉnh (b/c);",
            "- Lưu: VT, TH."
        ]
    );
    assert!(parts[5].1.contains("KT. CHÁNH VĂN PHÒNG"));
    assert!(parts[5].1.contains("Lò Thị Hương"));
    let core = zip_entry(docx, "docProps/core.xml");
    assert!(
        core.contains("<dc:subject>CÔNG VĂN (dự thảo)</dc:subject>"),
        "{core}"
    );
    assert!(
        core.contains("<dc:title>đôn đốc thực hiện nhiệm vụ được giao tại các cuộc họp</dc:title>"),
        "{core}"
    );
}

/// Where `needle` starts in `text`, which must hold it.
fn at(text: &str, needle: &str, from: usize) -> usize {
    from + text[from..]
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} after byte {from} in:\n{text}"))
}

#[test]
fn the_pdf_text_holds_every_element_in_order_v_v_under_the_number() {
    if !tool_available("pdftotext") {
        return;
    }
    let (_dir, files) = remind(&[ARCHIVE], &["--lead", "SNV", "--format", "pdf"]);
    let pdf = &files[0];
    let text = pdf_text(pdf);
    let mut from = 0;
    for needle in [
        "VĂN PHÒNG UBND TỈNH",
        "Số:",
        "/VP-TH",
        "V/v đôn đốc thực hiện nhiệm vụ",
        "Kính gửi: Sở Nội vụ.",
        "Theo dõi việc thực hiện",
        "Số ngày",
        "Tổng hợp số liệu",
        "25/TB-VP ngày",
        "Còn 14",
        "./.",
        "Nơi nhận:",
        "- Như trên;",
        "- Lưu: VT, TH.",
        "Lò Thị Hương",
    ] {
        from = at(&text, needle, from) + needle.len();
    }
    // Where they stand: V/v under the number in the left column, centred
    // on it; Kính gửi centred on the text area (30 + 165/2 mm).
    let words = word_boxes(pdf);
    let word = |t: &str| {
        words
            .iter()
            .find(|w| w.text == t)
            .unwrap_or_else(|| panic!("{t}"))
    };
    let (number_left, number_right) = (word("Số:").x_min, word("/VP-TH").x_max);
    let vv = word("V/v");
    assert!(vv.y_min > word("Số:").y_max, "V/v under the number");
    let lines = pdf_lines(pdf);
    let first = &lines[0];
    let line_of = |start: &str| first.iter().find(|l| l.text.starts_with(start)).unwrap();
    let subject = line_of("V/v");
    let centre = |a: f32, b: f32| (a + b) / 2.0;
    assert!(
        (centre(subject.x_min, subject.x_max) - centre(number_left, number_right)).abs() < 1.5,
        "V/v centred under the number: {subject:?}"
    );
    let left_column_end = (30.0 + 65.0) * 72.0 / 25.4;
    assert!(subject.x_max < left_column_end);
    let addressee = line_of("Kính gửi:");
    let text_centre = (30.0 + 165.0 / 2.0) * 72.0 / 25.4;
    assert!((centre(addressee.x_min, addressee.x_max) - text_centre).abs() < 1.5);
    assert!(addressee.y_min > subject.y_max);
    // At 13 pt: its words as tall as the number's, shorter than the body's.
    let height = |w: &WordBox| w.y_max - w.y_min;
    assert!((height(vv) - height(word("Số:"))).abs() < 0.2);
    assert!(height(vv) < height(word("Kính")) - 0.5);
}

#[test]
fn a_draft_leaves_number_and_date_blank_and_number_and_date_fill_them() {
    let (_dir, files) = remind(&[ARCHIVE], &["--lead", "SNV", "--format", "docx"]);
    let texts = docx_texts(&files[0]);
    assert!(texts.contains(&"Số:      /VP-TH".to_string()), "{texts:#?}");
    assert!(texts.contains(&"Lai Châu, ngày      tháng      năm 2021".to_string()));
    let (_dir, files) = remind(
        &[ARCHIVE],
        &[
            "--lead",
            "SNV",
            "--number",
            "7",
            "--date",
            "02/3/2021",
            "--format",
            "docx",
        ],
    );
    let texts = docx_texts(&files[0]);
    assert!(texts.contains(&"Số: 07/VP-TH".to_string()), "{texts:#?}");
    assert!(texts.contains(&"Lai Châu, ngày 02 tháng 3 năm 2021".to_string()));
    assert!(texts.iter().any(|t| t.contains("trước ngày 09/3/2021")));
    let core = zip_entry(&files[0], "docProps/core.xml");
    assert!(
        core.contains("<dc:subject>CÔNG VĂN Số: 07/VP-TH</dc:subject>"),
        "{core}"
    );
    // One number for three letters: refused, nothing written.
    let dir = tempfile::tempdir().unwrap();
    let out = remind_into(&[ARCHIVE], dir.path(), &["--number", "7"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--lead"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// The fixture archive copied, with `edit` applied to its ketluan.yaml.
fn archive_with(edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in files_under(&root().join(ARCHIVE)) {
        let target = dir.path().join(f.file_name().unwrap());
        let text = std::fs::read_to_string(&f).unwrap();
        let text = if f.ends_with("ketluan.yaml") {
            edit(text)
        } else {
            text
        };
        std::fs::write(target, text).unwrap();
    }
    dir
}

#[test]
fn the_ky_hieu_is_configurable_and_a_bad_one_is_reported_where_it_is() {
    let archive =
        archive_with(|t| t.replace("  code: VP\n", "  code: VP\n  letter_code: VPUBND-KT\n"));
    let path = archive.path().to_str().unwrap();
    let (_dir, files) = remind(&[path], &["--lead", "SNV", "--format", "docx"]);
    assert!(docx_texts(&files[0]).contains(&"Số:      /VPUBND-KT".to_string()));
    // Without it, the issuer's code and TH.
    let archive = archive_with(|t| t.replace("  code: VP\n", "  code: UBND\n"));
    let path = archive.path().to_str().unwrap();
    let (_dir, files) = remind(&[path], &["--lead", "SNV", "--format", "docx"]);
    assert!(docx_texts(&files[0]).contains(&"Số:      /UBND-TH".to_string()));
    // A list where a text goes: an error naming the file, line, column
    // and field, no panic.
    let archive =
        archive_with(|t| t.replace("  code: VP\n", "  code: VP\n  letter_code: [VP, TH]\n"));
    let path = archive.path().to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = remind_into(&[path], dir.path(), &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("ketluan.yaml:6:"), "{stderr}");
    assert!(stderr.contains("letter_code"), "{stderr}");
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    for (args, code) in [
        (vec!["--today", "31/02/2021"], 2),
        (vec!["--within", "-1"], 2),
        (vec!["--number", "0", "--lead", "SNV"], 2),
        (vec!["--report-by", "hôm nay"], 2),
    ] {
        let out = remind_into(&[ARCHIVE], dir.path(), &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    // No meeting at all: said, exit 1.
    let empty = tempfile::tempdir().unwrap();
    let out = remind_into(&[empty.path().to_str().unwrap()], dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("người ký"));
    // A broken meeting file: its problem named where it is, the letters
    // of the others written, exit 1.
    let archive = archive_with(|t| t);
    std::fs::write(
        archive.path().join("2021-04-01-hong.yaml"),
        "notice: {summary: X}\nmeeting:\n  name: họp\n  date: 2021-02-30\n",
    )
    .unwrap();
    let out = remind_into(&[archive.path().to_str().unwrap()], dir.path(), &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("2021-04-01-hong.yaml:4:"), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 6);
}

#[test]
fn the_same_archive_on_the_same_day_gives_the_same_bytes() {
    let args = ["--format", "docx,pdf,html"];
    let (_a, first) = remind(&[ARCHIVE], &args);
    let (_b, second) = remind(&[ARCHIVE], &args);
    assert_eq!(first.len(), 9);
    for (x, y) in first.iter().zip(&second) {
        assert_eq!(x.file_name(), y.file_name());
        assert!(
            std::fs::read(x).unwrap() == std::fs::read(y).unwrap(),
            "{}",
            x.display()
        );
    }
}

#[test]
fn the_web_page_has_v_v_under_the_number_and_kinh_gui_for_a_title() {
    let (_dir, files) = remind(&[ARCHIVE], &["--lead", "SNV", "--format", "html"]);
    let html = std::fs::read_to_string(&files[0]).unwrap();
    let number = html.find("<p class=\"number\">Số:").expect("the number");
    let subject = html.find("<p class=\"subject\">V/v đôn đốc").expect("V/v");
    let addressee = html
        .find("<p class=\"addressee\">Kính gửi: Sở Nội vụ.</p>")
        .expect("Kính gửi");
    let body = html.find("<section class=\"body\">").unwrap();
    assert!(number < subject && subject < html.find("</header>").unwrap());
    assert!(subject < addressee && addressee < body);
    assert!(!html.contains("<h1 class=\"title\">"));
    assert!(html.contains("./.</p>"));
}

#[test]
fn the_wording_is_the_exported_template() {
    let tpl = tempfile::tempdir().unwrap();
    ketluan_ok(&["templates", "export", tpl.path().to_str().unwrap()]);
    let path = tpl.path().join("don-doc.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text,
        std::fs::read_to_string(root().join("templates/don-doc.md")).unwrap()
    );
    let old = "khẩn trương tổ chức thực hiện";
    assert_eq!(text.matches(old).count(), 1);
    std::fs::write(&path, text.replace(old, "tập trung chỉ đạo thực hiện")).unwrap();
    let (_dir, files) = remind(
        &[ARCHIVE],
        &[
            "--lead",
            "SNV",
            "--format",
            "docx",
            "--templates",
            tpl.path().to_str().unwrap(),
        ],
    );
    let texts = docx_texts(&files[0]);
    assert!(texts
        .iter()
        .any(|t| t.contains("đề nghị Sở Nội vụ tập trung chỉ đạo thực hiện")));
    // A broken one names itself.
    std::fs::write(&path, "{% if part %}").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = remind_into(
        &[ARCHIVE],
        dir.path(),
        &["--templates", tpl.path().to_str().unwrap()],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("don-doc.md"));
}

/// An archive of the fixture's defaults and one meeting of `n` open tasks
/// led by Sở Nội vụ, all past their deadline, long enough for the table to
/// run over pages.
fn long_archive(n: usize) -> tempfile::TempDir {
    let dir = archive_with(|t| t);
    for f in files_under(dir.path()) {
        if !f.ends_with("ketluan.yaml") {
            std::fs::remove_file(f).unwrap();
        }
    }
    let mut yaml = String::from(
        "notice:\n  number: 7\n  date: 2021-02-03\n  summary: Kết luận tại cuộc họp về nhiều nhiệm vụ\n\
         meeting:\n  name: cuộc họp về nhiều nhiệm vụ\n  date: 2021-02-01\n  \
         chair: {name: Tống Thanh Hải, title: Phó Chủ tịch Thường trực UBND tỉnh}\n\
         agenda:\n  - title: Về nhiều việc\n    tasks:\n",
    );
    for k in 1..=n {
        let words = "rà soát, tổng hợp và báo cáo kết quả thực hiện ".repeat(1 + k % 4);
        yaml.push_str(&format!(
            "      - lead: SNV\n        do: khởi{k:03} {words}kết{k:03}.\n        due: 2021-02-{:02}\n",
            1 + k % 27
        ));
    }
    std::fs::write(dir.path().join("2021-02-01-nhieu-viec.yaml"), yaml).unwrap();
    dir
}

#[test]
fn libreoffice_breaks_the_lines_and_pages_of_our_pdf() {
    if !tool_available("soffice") || !tool_available("pdftotext") {
        return;
    }
    // The fixture's letters; 4 tasks put the request across the foot of
    // page 1 (it moves whole to the signature's page, as LibreOffice
    // moves a paragraph kept with the table after it); 40 run over pages.
    let (short, long) = (long_archive(4), long_archive(40));
    let (_a, fixture) = remind(&[ARCHIVE], &[]);
    let (_b, four) = remind(&[short.path().to_str().unwrap()], &[]);
    let (_c, forty) = remind(&[long.path().to_str().unwrap()], &[]);
    let mut pages = 0;
    for files in [&fixture, &four, &forty] {
        for pdf in files.iter().filter(|f| f.extension().unwrap() == "pdf") {
            let docx = pdf.with_extension("docx");
            assert_same_lines_as_libreoffice(
                &pdf.display().to_string(),
                pdf,
                &docx,
                Agreement::EXACT,
            );
            pages = pages.max(pdf_lines(pdf).len());
        }
    }
    assert!(pages >= 3, "the long letter runs over {pages} pages");
}

/// A request the unit made and the office has not answered shows beside
/// the deadline: an extension asked for (the deadline stays) and a
/// cancellation asked for.
#[test]
fn requests_not_answered_show_beside_the_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let meetings = dir.path().join("meetings");
    copy_dir(&root().join("meetings"), &meetings);
    let feb = meetings.join("2021-02-24-hop-ubnd-thang-02.yaml");
    let text = std::fs::read_to_string(&feb).unwrap();
    let due = "        due: 2021-03-10\n";
    assert!(text.contains(due));
    let asked = format!("{due}        extension_requested: 2021-04-14\n");
    std::fs::write(&feb, text.replace(due, &asked)).unwrap();
    let mar = meetings.join("van-phong/2021-03-15-hop-giao-ban-van-phong.yaml");
    let text = std::fs::read_to_string(&mar).unwrap();
    let due = "        due: 2021-03-24\n";
    assert!(text.contains(due), "II.1 of the March meeting");
    std::fs::write(
        &mar,
        text.replace(due, &format!("{due}        cancel_requested: true\n")),
    )
    .unwrap();
    let out = dir.path().join("out");
    let o = ketluan(&[
        "remind",
        meetings.to_str().unwrap(),
        "--today",
        "2021-04-01",
        "--format",
        "docx",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let deadline_cells = |stem: &str| -> Vec<String> {
        let xml = zip_entry(&out.join(format!("{stem}.docx")), "word/document.xml");
        let doc = roxmltree::Document::parse(&xml).unwrap();
        table_cells(tables(&doc)[1])[1..]
            .iter()
            .map(|r| r[4].clone())
            .collect()
    };
    assert_eq!(
        deadline_cells("don-doc-so-noi-vu"),
        ["10/3/2021; đã đề nghị gia hạn đến 14/4/2021"]
    );
    assert!(
        deadline_cells("don-doc-so-ke-hoach-va-dau-tu")
            .contains(&"24/3/2021; đã đề nghị hủy".to_string()),
        "{:?}",
        deadline_cells("don-doc-so-ke-hoach-va-dau-tu")
    );
}
