//! The Báo cáo tình hình thực hiện nhiệm vụ as an office files it: Section
//! II as a table whose counts are those of `tasks --by-lead` and whose total
//! row adds up; the list of tasks as a Phụ lục after the signature, from a
//! new page with its own numbering, its three heading lines, every task
//! once by notice number and place with its overdue days, rows never split
//! (a generated archive long enough for three pages of Phụ lục); the same
//! pages in LibreOffice's rendering of our DOCX; `--from`, `--to` and
//! `--lead` in the title.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::pdf_structure::*;
use common::*;
use roxmltree::Node;

const ARCHIVE: &str = "tests/fixtures/archive";
const TODAY: &str = "2021-03-01";

/// Renders the report of `paths` (with `extra` options) into a fresh folder.
fn report(paths: &[&str], extra: &[&str]) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["report"];
    args.extend_from_slice(paths);
    args.extend_from_slice(&["--today", TODAY, "--out", dir.path().to_str().unwrap()]);
    args.extend_from_slice(extra);
    ketluan_ok(&args);
    let docx = dir.path().join(format!("bao-cao-nhiem-vu-{TODAY}.docx"));
    let pdf = dir.path().join(format!("bao-cao-nhiem-vu-{TODAY}.pdf"));
    assert!(docx.is_file() && pdf.is_file());
    (dir, docx, pdf)
}

fn w<'a>(node: Node<'a, 'a>, name: &str) -> Vec<Node<'a, 'a>> {
    node.children()
        .filter(|n| n.tag_name().name() == name)
        .collect()
}

/// The `w:jc` of a cell's first paragraph.
fn alignment(tc: Node) -> String {
    tc.descendants()
        .find(|n| n.tag_name().name() == "jc")
        .and_then(|n| {
            n.attributes()
                .find(|a| a.name() == "val")
                .map(|a| a.value().to_string())
        })
        .unwrap_or_default()
}

/// `tasks … --format json` as JSON.
fn tasks_json(paths: &[&str], extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["tasks"];
    args.extend_from_slice(paths);
    args.extend_from_slice(&["--today", TODAY, "--format", "json"]);
    args.extend_from_slice(extra);
    serde_json::from_slice(&ketluan_ok(&args).stdout).unwrap()
}

fn body_tables<'a>(doc: &'a roxmltree::Document<'a>) -> Vec<Node<'a, 'a>> {
    let body = doc
        .descendants()
        .find(|n| n.tag_name().name() == "body")
        .unwrap();
    w(body, "tbl")
}

#[test]
fn the_summary_table_has_the_counts_of_tasks_by_lead_and_a_total_row_that_adds_up() {
    let (_dir, docx, _pdf) = report(&[ARCHIVE], &[]);
    let xml = zip_entry(&docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let tables = body_tables(&doc);
    assert_eq!(
        tables.len(),
        4,
        "header, summary, signature, Phụ lục: {}",
        tables.len()
    );
    let rows = table_cells(tables[1]);
    assert_eq!(
        rows[0],
        [
            "TT",
            "Đơn vị chủ trì",
            "Tổng số",
            "Hoàn thành đúng hạn",
            "Hoàn thành quá hạn",
            "Chưa hoàn thành, trong hạn",
            "Chưa hoàn thành, quá hạn",
            "Hủy",
            "Tỷ lệ hoàn thành đúng hạn"
        ]
    );
    let first_row = w(tables[1], "tr")[0];
    assert!(
        first_row
            .descendants()
            .any(|n| n.tag_name().name() == "tblHeader"),
        "the heading row repeats on every page"
    );
    // Every unit with the counts of an independent reading of the meeting
    // files (common::oracle), in the table's column order: total, then
    // the four standings and Hủy.
    let oracle_tasks = oracle::archive_tasks(&root().join(ARCHIVE));
    let today = oracle::Day::parse(TODAY);
    let expected: BTreeMap<String, Vec<String>> = oracle::by_lead(&oracle_tasks, today)
        .into_iter()
        .map(|(unit, c)| {
            let mut v = vec![c[5].to_string()];
            v.extend(c[..5].iter().map(u64::to_string));
            (unit, v)
        })
        .collect();
    let units = &rows[1..rows.len() - 1];
    let found: BTreeMap<String, Vec<String>> = units
        .iter()
        .map(|r| (r[1].clone(), r[2..8].to_vec()))
        .collect();
    assert_eq!(found, expected);
    // Numbered 1…n, most overdue first, then by name.
    let numbers: Vec<String> = units.iter().map(|r| r[0].clone()).collect();
    assert_eq!(
        numbers,
        (1..=units.len()).map(|n| n.to_string()).collect::<Vec<_>>()
    );
    let overdue: Vec<u64> = units.iter().map(|r| r[6].parse().unwrap()).collect();
    assert!(overdue.windows(2).all(|p| p[0] >= p[1]), "{overdue:?}");
    // The total row: the sum of each column.
    let total = rows.last().unwrap();
    assert_eq!(total[1], "Tổng cộng");
    for col in 2..8 {
        let sum: u64 = units.iter().map(|r| r[col].parse::<u64>().unwrap()).sum();
        assert_eq!(total[col], sum.to_string(), "column {col}");
    }
    // The rate: done on time among those done or overdue, per unit.
    for r in units.iter().chain(std::iter::once(total)) {
        let n = |c: usize| r[c].parse::<u64>().unwrap();
        let judged = n(3) + n(4) + n(6);
        let want = if judged == 0 {
            "-".to_string()
        } else {
            let tenths = (n(3) as f64 * 1000.0 / judged as f64).round() as u64;
            if tenths.is_multiple_of(10) {
                format!("{}%", tenths / 10)
            } else {
                format!("{},{}%", tenths / 10, tenths % 10)
            }
        };
        assert_eq!(r[8], want, "{r:?}");
    }
    // Numbers against the right edge of their cells, the unit at the left.
    let a_row = w(tables[1], "tr")[1];
    let tcs = w(a_row, "tc");
    assert_eq!(alignment(tcs[0]), "center");
    assert_eq!(alignment(tcs[1]), "left");
    for tc in &tcs[2..] {
        assert_eq!(alignment(*tc), "right");
    }
    // Section I counts each task once.
    let texts = docx_texts(&docx);
    let overdue = oracle_tasks
        .iter()
        .filter(|t| t.standing(today) == "open_overdue")
        .count();
    assert!(overdue > 0, "the archive has an overdue task");
    assert!(texts
        .iter()
        .any(|t| *t == format!("- Chưa hoàn thành, đã quá hạn: {overdue} nhiệm vụ;")));
}

/// The `(số, ngày)` cell of a task as the Phụ lục prints it.
fn notice_cell(task: &serde_json::Value) -> String {
    let short = |iso: &str| oracle::Day::parse(iso).short();
    match task["notice"].as_str() {
        Some(n) => match task["notice_date"].as_str() {
            Some(date) => format!("{n} ngày {}", short(date)),
            None => n.to_string(),
        },
        None => format!(
            "Dự thảo (họp ngày {})",
            short(task["meeting_date"].as_str().unwrap())
        ),
    }
}

#[test]
fn the_phu_luc_lists_every_task_once_after_the_signature_from_a_new_page() {
    let (dir, docx, pdf) = report(&[ARCHIVE], &[]);
    let xml = zip_entry(&docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let body = doc
        .descendants()
        .find(|n| n.tag_name().name() == "body")
        .unwrap();
    let children: Vec<Node> = body.children().filter(|n| n.is_element()).collect();
    // The signature table, then the paragraph that ends the first section,
    // then the Phụ lục's three heading lines and its table.
    let tables = body_tables(&doc);
    let signature = children.iter().position(|n| *n == tables[2]).unwrap();
    let section_break = children[signature + 1];
    assert!(
        section_break
            .descendants()
            .any(|n| n.tag_name().name() == "sectPr"),
        "a section ends after the signature"
    );
    let heading: Vec<String> = children[signature + 2..signature + 5]
        .iter()
        .map(|p| paragraph_text(*p).replace('\n', " "))
        .collect();
    assert_eq!(heading[0], "Phụ lục");
    assert_eq!(heading[1], "DANH MỤC NHIỆM VỤ VÀ TÌNH HÌNH THỰC HIỆN");
    assert_eq!(
        heading[2],
        "(Kèm theo Báo cáo số \u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}/BC-VP ngày 01 tháng 3 năm 2021 của Văn phòng UBND tỉnh)"
    );
    let styled = |p: Node, tag: &str| p.descendants().any(|n| n.tag_name().name() == tag);
    assert!(styled(children[signature + 2], "b") && styled(children[signature + 3], "b"));
    assert!(styled(children[signature + 4], "i") && !styled(children[signature + 4], "b"));
    assert_eq!(children[signature + 5], tables[3]);
    // The last section (the Phụ lục) numbers its pages from 1, the first
    // without a number.
    let last = w(body, "sectPr")[0];
    let start = last
        .descendants()
        .find(|n| n.tag_name().name() == "pgNumType")
        .and_then(|n| n.attributes().find(|a| a.name() == "start"))
        .map(|a| a.value().to_string());
    assert_eq!(start.as_deref(), Some("1"));
    assert!(last.descendants().any(|n| n.tag_name().name() == "titlePg"));

    // Every task once, with its notice, place, deadline and standing.
    let rows = table_cells(tables[3]);
    assert_eq!(
        rows[0],
        [
            "TT",
            "Thông báo (số, ngày)",
            "Mục",
            "Nội dung",
            "Đơn vị chủ trì",
            "Thời hạn",
            "Tình trạng"
        ]
    );
    let all = tasks_json(&[ARCHIVE], &[]);
    let all = all.as_array().unwrap();
    let oracle_tasks = oracle::archive_tasks(&root().join(ARCHIVE));
    assert_eq!(rows.len() - 1, all.len(), "one row per task");
    assert_eq!(all.len(), oracle_tasks.len());
    for task in all {
        let id = task["id"].as_str().unwrap();
        let place = id.rsplit_once('#').unwrap().1;
        let what = task["what"].as_str().unwrap();
        let matching: Vec<&Vec<String>> = rows[1..]
            .iter()
            .filter(|r| r[1] == notice_cell(task) && r[2] == place && r[3] == what)
            .collect();
        assert_eq!(matching.len(), 1, "{id} once: {rows:#?}");
        let row = matching[0];
        // Standing and days late as the oracle judges the task.
        let judged = oracle_tasks.iter().find(|t| t.id == id).unwrap();
        let today = oracle::Day::parse(TODAY);
        let label = oracle::label(judged.standing(today));
        let late = judged.days_late(today);
        let want = match late {
            Some(n) => format!("{label} {n} ngày"),
            None => label.to_string(),
        };
        assert_eq!(row[6], want, "{id}");
        assert!(
            !row[1].contains('#'),
            "tasks are cited by notice, not by file id"
        );
    }
    assert!(
        rows.iter()
            .any(|r| r[6].contains("quá hạn") && r[6].ends_with(" ngày")),
        "the archive has an overdue task"
    );

    // In the PDF: the Phụ lục starts a page after the signer's name, with
    // its three lines at the top and no page number; its next page is 2.
    if !tool_available("pdftotext") {
        return;
    }
    let pages = page_lines(&pdf);
    let signer = pages
        .iter()
        .position(|p| p.iter().any(|l| l.contains("Lò Thị Hương")))
        .unwrap();
    let appendix = pages
        .iter()
        .position(|p| p.first().is_some_and(|l| l == "Phụ lục"))
        .unwrap_or_else(|| panic!("a page starting with Phụ lục: {pages:#?}"));
    assert_eq!(appendix, signer + 1, "the page after the signature");
    assert_eq!(
        pages[appendix][1],
        "DANH MỤC NHIỆM VỤ VÀ TÌNH HÌNH THỰC HIỆN"
    );
    assert!(pages[appendix][2].starts_with("(Kèm theo Báo cáo số"));
    assert!(pages[appendix]
        .iter()
        .take(5)
        .any(|l| l.ends_with("của Văn phòng UBND tỉnh)")));
    let _ = dir;
}

/// A meeting file with `n` tasks: unique first and last words (`khởi017`,
/// `kết017`), long enough to take several lines, varied units, deadlines
/// and statuses.
fn long_meeting(n: usize) -> String {
    let units = ["SNV", "STC", "SYT", "UBNDHTP"];
    let mut yaml = String::from(
        "notice:\n  number: 7\n  date: 2021-02-03\n  summary: Kết luận tại cuộc họp về nhiều nhiệm vụ\n\
         meeting:\n  name: cuộc họp về nhiều nhiệm vụ\n  date: 2021-02-01\n  \
         chair: {name: Tống Thanh Hải, title: Phó Chủ tịch Thường trực UBND tỉnh}\n\
         agenda:\n",
    );
    for section in 0..3 {
        yaml.push_str(&format!(
            "  - title: Về nhóm việc thứ {}\n    tasks:\n",
            section + 1
        ));
        for i in (0..n).filter(|i| i % 3 == section) {
            let k = i + 1;
            let status = match i % 5 {
                0 => "\n        status: done\n        done_on: 2021-02-20",
                1 => "\n        status: done\n        done_on: 2021-03-05",
                2 => "\n        status: cancelled",
                _ => "",
            };
            let words = "rà soát, tổng hợp và báo cáo kết quả thực hiện ".repeat(1 + k % 3);
            yaml.push_str(&format!(
                "      - lead: {unit}\n        do: khởi{k:03} {words}kết{k:03}.\n        due: 2021-02-{day:02}{status}\n",
                unit = units[i % units.len()],
                day = 10 + (k % 18),
            ));
        }
    }
    yaml
}

/// An archive of one generated meeting beside the fixture's defaults.
fn long_archive(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join(ARCHIVE).join("ketluan.yaml"),
        dir.path().join("ketluan.yaml"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("2021-02-01-nhieu-viec.yaml"),
        long_meeting(n),
    )
    .unwrap();
    dir
}

fn page_text(pdf: &Path, page: usize) -> String {
    let p = page.to_string();
    poppler("pdftotext", &["-f", &p, "-l", &p, "-enc", "UTF-8"], pdf)
}

#[test]
fn a_long_phu_luc_repeats_its_heading_row_and_never_splits_a_row() {
    const N: usize = 60;
    let archive = long_archive(N);
    let (_dir, docx, pdf) = report(&[archive.path().to_str().unwrap()], &[]);
    // DOCX: one row per task, none may split, the heading row repeats.
    let xml = zip_entry(&docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let tables = body_tables(&doc);
    let rows = w(tables[3], "tr");
    assert_eq!(rows.len(), N + 1);
    assert!(rows[0]
        .descendants()
        .any(|n| n.tag_name().name() == "tblHeader"));
    for row in &rows {
        assert!(row
            .descendants()
            .any(|n| n.tag_name().name() == "cantSplit"));
    }
    if !tool_available("pdftotext") {
        return;
    }
    // PDF: the Phụ lục takes three pages or more; each task's first and
    // last words are on one page, each once; every page of the Phụ lục
    // after its first starts with the heading row.
    let count: usize = poppler("pdfinfo", &[], &pdf)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let texts: Vec<String> = (1..=count).map(|p| page_text(&pdf, p)).collect();
    let first = texts
        .iter()
        .position(|t| t.trim_start().starts_with("Phụ lục"))
        .expect("a page starting with Phụ lục");
    assert!(count - first >= 3, "{} pages of Phụ lục", count - first);
    for k in 1..=N {
        let (start, end) = (format!("khởi{k:03}"), format!("kết{k:03}"));
        let pages_of = |word: &str| -> Vec<usize> {
            texts
                .iter()
                .enumerate()
                .filter(|(_, t)| {
                    t.split_whitespace()
                        .any(|w| w.trim_end_matches('.') == word)
                })
                .map(|(i, _)| i)
                .collect()
        };
        let (a, b) = (pages_of(&start), pages_of(&end));
        assert_eq!(a.len(), 1, "{start} once: {a:?}");
        assert_eq!(a, b, "task {k} is split across pages");
    }
    let pages = page_lines(&pdf);
    for (i, page) in pages.iter().enumerate().skip(first + 1) {
        assert_eq!(page[0], (i - first + 1).to_string(), "page number");
        assert!(
            page[1].starts_with("TT Thông báo Mục Nội dung"),
            "page {}: {:?}",
            i + 1,
            &page[..3]
        );
    }
}

/// How closely the report agrees with LibreOffice's rendering of its DOCX:
/// every line the same, but two known differences, measured: LibreOffice
/// puts a table 1.9 pt lower under the paragraph above it (the backends
/// disagree on the space above a table), so the lines of a page drift
/// apart by up to 3.4 pt; and it draws the no-break spaces of the blank in
/// the Phụ lục heading's `số      /BC-VP` wider, so that centred line
/// starts 4.35 pt further left.
const REPORT_AGREEMENT: Agreement = Agreement {
    differing: 0,
    drift_pt: 3.6,
    x_pt: 4.5,
};

#[test]
fn the_counts_stand_at_the_right_of_their_cells_in_the_pdf() {
    if !tool_available("pdftotext") {
        return;
    }
    let (_dir, _docx, pdf) = report(&[ARCHIVE], &[]);
    // The words of Section II's table, from its heading to the total row.
    let words = word_boxes(&pdf);
    let mut table: Vec<&WordBox> = Vec::new();
    let pages = words.iter().map(|w| w.page + 1).max().unwrap_or(0);
    let (mut inside, mut done) = (false, false);
    for page in 0..pages {
        let on_page: Vec<&WordBox> = words.iter().filter(|w| w.page == page).collect();
        for line in group_lines(on_page.clone()) {
            if done {
                break;
            }
            if line.text.contains("theo đơn vị chủ trì") {
                inside = true;
                continue;
            }
            if !inside {
                continue;
            }
            table.extend(
                on_page
                    .iter()
                    .filter(|w| (w.y_min - line.y_min).abs() < 0.5 && w.x_min <= line.x_max),
            );
            done = line.text.contains("Tổng cộng");
        }
    }
    assert!(done, "the total row was read");
    // The counts and rates, not the TT column (centred, at the left).
    let left = table.iter().map(|w| w.x_min).fold(f32::MAX, f32::min);
    let numbers: Vec<&&WordBox> = table
        .iter()
        .filter(|w| w.x_min > left + 30.0)
        .filter(|w| {
            let t = w.text.trim_end_matches('%');
            !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == ',')
        })
        .collect();
    // Right-aligned: the numbers of a column share their right edge, so
    // the right edges fall into at most the seven columns of counts.
    let mut edges: Vec<f32> = numbers.iter().map(|w| w.x_max).collect();
    edges.sort_by(f32::total_cmp);
    edges.dedup_by(|a, b| (*a - *b).abs() < 0.3);
    assert!(
        edges.len() <= 7,
        "right edges of the counts: {edges:?}\n{numbers:#?}"
    );
    // And the test means it: numbers of several widths in one column.
    let mut starts: Vec<f32> = numbers.iter().map(|w| w.x_min).collect();
    starts.sort_by(f32::total_cmp);
    starts.dedup_by(|a, b| (*a - *b).abs() < 0.3);
    assert!(
        numbers.len() >= 20 && starts.len() > edges.len(),
        "{} numbers, left edges {starts:?}, right edges {edges:?}",
        numbers.len()
    );
}

/// The height from the Phụ lục's last heading line to its table's heading
/// row, in the PDF, with `appendix_heading_space_after_pt` set (or not)
/// in a copy of the test archive's `ketluan.yaml`.
fn phu_luc_gap(space_after: Option<f32>) -> f32 {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    std::fs::create_dir(&archive).unwrap();
    for entry in std::fs::read_dir(root().join(ARCHIVE)).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, archive.join(path.file_name().unwrap())).unwrap();
    }
    if let Some(pt) = space_after {
        let config = archive.join("ketluan.yaml");
        let text = std::fs::read_to_string(&config).unwrap();
        std::fs::write(
            &config,
            format!("{text}\nlayout:\n  appendix_heading_space_after_pt: {pt}\n"),
        )
        .unwrap();
    }
    let (_out, _docx, pdf) = report(&[archive.to_str().unwrap()], &[]);
    for page in pdf_lines(&pdf) {
        if let Some(i) = page
            .iter()
            .position(|l| l.text.starts_with("(Kèm theo Báo cáo"))
        {
            let row = page[i + 1..]
                .iter()
                .find(|l| l.text.starts_with("TT"))
                .expect("the table's heading row under the Phụ lục's heading");
            return row.y_min - page[i].y_max;
        }
    }
    panic!("no Phụ lục heading in {}", pdf.display());
}

#[test]
fn the_space_under_the_phu_luc_heading_is_the_layouts() {
    if !tool_available("pdftotext") {
        return;
    }
    let (default, wide) = (phu_luc_gap(None), phu_luc_gap(Some(30.0)));
    assert!(
        (wide - default - 18.0).abs() < 0.1,
        "12 pt by default, 30 pt set: the table moves {} pt",
        wide - default
    );
}

#[test]
fn libreoffice_shows_the_report_as_our_pdf_does() {
    if !tool_available("soffice") || !tool_available("pdftotext") {
        return;
    }
    let archive = long_archive(60);
    for paths in [
        vec![ARCHIVE],
        vec!["meetings"],
        vec![archive.path().to_str().unwrap()],
    ] {
        let (_dir, docx, pdf) = report(&paths, &[]);
        assert_same_lines_as_libreoffice(&format!("{paths:?}"), &pdf, &docx, REPORT_AGREEMENT);
    }
}

#[test]
fn from_to_and_lead_limit_the_report_and_its_title_says_so() {
    let (_dir, docx, _pdf) = report(
        &[ARCHIVE],
        &[
            "--from",
            "2021-02-01",
            "--to",
            "2021-02-28",
            "--lead",
            "SNV",
        ],
    );
    let xml = zip_entry(&docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let texts: Vec<String> = docx_texts(&docx)
        .into_iter()
        .map(|p| p.replace('\n', " "))
        .collect();
    let title = "Tình hình thực hiện nhiệm vụ do Sở Nội vụ chủ trì được giao tại các cuộc họp từ ngày 01/02/2021 đến ngày 28/02/2021 (tính đến ngày 01/3/2021)";
    assert!(texts.iter().any(|t| t == title), "{texts:#?}");
    // Only the February meeting's tasks that Sở Nội vụ leads.
    let all = tasks_json(&[ARCHIVE], &["--lead", "SNV"]);
    let want: Vec<&serde_json::Value> = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| {
            let d = t["meeting_date"].as_str().unwrap();
            ("2021-02-01".."2021-02-29").contains(&d)
        })
        .collect();
    let tables = body_tables(&doc);
    let rows = table_cells(tables[3]);
    assert_eq!(rows.len() - 1, want.len(), "{rows:#?}");
    for t in want {
        assert!(rows[1..]
            .iter()
            .any(|r| r[3] == t["what"].as_str().unwrap()));
    }
    let core = zip_entry(&docx, "docProps/core.xml");
    assert!(core.contains(title), "the title is the document's title");
}

/// The report's rows of `w:tbl` in the DOCX (paragraph spacing before and
/// after in each cell, border width, text size) and the font's single line
/// (its `hhea` ascender, descender and line gap, read here from the font
/// file) make each row's height, as Word and LibreOffice lay it out: every
/// row of every table of the PDF, from one border to the next, is that
/// tall for the lines it holds (one to five here).
#[test]
fn every_table_row_of_the_pdf_is_as_tall_as_the_docx_makes_it() {
    if !tool_available("pdftotext") || !tool_available("qpdf") {
        return;
    }
    let (_dir, docx, pdf) = report(&[ARCHIVE], &[]);
    // What the DOCX says: the same for every cell of both tables.
    let xml = zip_entry(&docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let attr = |n: Node, name: &str| -> f32 {
        n.attributes()
            .find(|a| a.name() == name)
            .unwrap_or_else(|| panic!("{name} on {n:?}"))
            .value()
            .parse()
            .unwrap()
    };
    let mut spacing = Vec::new();
    let mut sizes = Vec::new();
    let mut borders = Vec::new();
    let tables = data_tables(&doc);
    assert_eq!(tables.len(), 2);
    for table in tables {
        for d in table.descendants() {
            match d.tag_name().name() {
                "spacing" => spacing.push((attr(d, "before"), attr(d, "after"))),
                "sz" if d.parent().unwrap().tag_name().name() == "rPr" => {
                    sizes.push(attr(d, "val"))
                }
                "top" | "bottom" | "insideH"
                    if d.parent().unwrap().tag_name().name() == "tblBorders" =>
                {
                    borders.push(attr(d, "sz"))
                }
                _ => {}
            }
        }
    }
    let one = |v: &[f32]| -> f32 {
        assert!(!v.is_empty() && v.iter().all(|x| *x == v[0]), "{v:?}");
        v[0]
    };
    let (before, after) = (
        one(&spacing.iter().map(|s| s.0).collect::<Vec<_>>()) / 20.0,
        one(&spacing.iter().map(|s| s.1).collect::<Vec<_>>()) / 20.0,
    );
    let size = one(&sizes) / 2.0;
    let border = one(&borders) / 8.0;
    let font = std::fs::read(root().join("fonts/LiberationSerif-Regular.ttf")).unwrap();
    let face = ttf_parser::Face::parse(&font, 0).unwrap();
    let single = f32::from(face.ascender() - face.descender() + face.line_gap())
        / f32::from(face.units_per_em())
        * size;

    // The column edges of each table, from its `w:tblGrid` (twips), from
    // the left margin (30 mm).
    let grids: Vec<Vec<f32>> = data_tables_grid(&doc);
    let ascender = f32::from(face.ascender()) / f32::from(face.units_per_em()) * size;
    let q = Qpdf::read(&pdf);
    let declared = ["LiberationSerif", "LiberationSerif-Bold"].map(|name| {
        q.dictionaries()
            .find(|d| {
                d["/Type"] == "/FontDescriptor"
                    && d["/FontName"]
                        .as_str()
                        .is_some_and(|n| n.ends_with(&format!("+{name}")))
            })
            .and_then(|d| d["/Ascent"].as_f64())
            .unwrap_or_else(|| panic!("the /Ascent of {name}")) as f32
            / 1000.0
            * size
    });
    let words = word_boxes(&pdf);
    let mut heights = BTreeMap::new();
    for (page, content) in q.page_contents().iter().enumerate() {
        let rects = filled_rects(content, 841.89);
        let vertical: Vec<_> = rects.iter().filter(|r| r.y1 - r.y0 > 2.0).collect();
        let mut ys: Vec<f32> = rects
            .iter()
            .filter(|r| r.width() > 50.0 && r.y1 - r.y0 < 2.0)
            .map(|r| (r.y0 + r.y1) / 2.0)
            .collect();
        ys.sort_by(f32::total_cmp);
        ys.dedup_by(|a, b| (*a - *b).abs() < 0.01);
        for pair in ys.windows(2) {
            let (top, bottom) = (pair[0], pair[1]);
            // A row: a cell border runs from the one to the other.
            if !vertical
                .iter()
                .any(|v| v.y0 <= top + 0.5 && v.y1 >= bottom - 0.5)
            {
                continue;
            }
            let in_row: Vec<&WordBox> = words
                .iter()
                .filter(|w| w.page == page && (w.y_min + w.y_max) / 2.0 > top)
                .filter(|w| (w.y_min + w.y_max) / 2.0 < bottom)
                .collect();
            let mut lines: Vec<f32> = in_row.iter().map(|w| w.y_min).collect();
            lines.sort_by(f32::total_cmp);
            lines.dedup_by(|a, b| (*a - *b).abs() < 1.0);
            let n = lines.len();
            let expected = n as f32 * single + before + after + border;
            assert!(
                (bottom - top - expected).abs() < 0.05,
                "page {}: a row of {n} lines from {top} to {bottom}: {} pt, the DOCX \
                 makes it {expected} pt ({single} pt a line, {before} + {after} pt \
                 spacing, {border} pt border)",
                page + 1,
                bottom - top
            );
            // Each line of text where the DOCX puts it: under the border
            // and the spacing before, one single line after another (a
            // word's box starts at its baseline less the font's ascender).
            // (poppler takes the ascender the PDF declares, regular or bold:
            // the heading row, `TT` first, is bold).
            let heading = in_row.iter().any(|w| w.text == "TT");
            for (k, y) in lines.iter().enumerate() {
                let baseline = top + border / 2.0 + before + k as f32 * single + ascender;
                let at = if heading {
                    vec![baseline - declared[1]]
                } else {
                    declared.map(|a| baseline - a).to_vec()
                };
                assert!(
                    at.iter().any(|at| (y - at).abs() < 0.05),
                    "page {}: line {k} of a row at {top} begins at {y}, not at {at:?}",
                    page + 1
                );
            }
            // The cell borders: one at each edge of the grid's columns,
            // from the row's top border to its bottom one.
            let mut edges: Vec<f32> = vertical
                .iter()
                .filter(|v| (v.y0 - top).abs() < 0.01 && (v.y1 - bottom).abs() < 0.01)
                .map(|v| v.centre())
                .collect();
            edges.sort_by(f32::total_cmp);
            let grid = grids
                .iter()
                .find(|g| g.len() == edges.len())
                .unwrap_or_else(|| panic!("page {}: borders at {edges:?}", page + 1));
            for (e, g) in edges.iter().zip(grid) {
                // (the grid rounded to twips: up to 0.08 pt apart at the right)
                assert!((e - g).abs() < 0.15, "borders {edges:?}, grid {grid:?}");
            }
            // Every word inside its cell, within the cell's margins (the
            // spacing the DOCX gives above and below, at the sides too).
            for w in &in_row {
                let centre = (w.x_min + w.x_max) / 2.0;
                let cell = edges.windows(2).find(|c| c[0] < centre && centre < c[1]);
                let cell = cell.unwrap_or_else(|| panic!("{w:?} outside {edges:?}"));
                assert!(
                    w.x_min > cell[0] + before - 0.1 && w.x_max < cell[1] - after + 0.1,
                    "page {}: {w:?} outside the margins of its cell {cell:?}",
                    page + 1
                );
            }
            *heights.entry(n).or_insert(0) += 1;
        }
    }
    // Both tables, rows of one line to five (the heading row).
    assert!(
        heights.values().sum::<usize>() >= 15 && heights.contains_key(&1),
        "{heights:?}"
    );
    assert!(heights.keys().any(|&n| n >= 3), "{heights:?}");
}

/// A heading before a table shares its page with the table's heading row
/// and first row, and the signature after a table that ends the body is
/// never split or pushed under the margin: the report's template with the
/// body ending at the table of Section II, and 0 to 44 one-line paragraphs
/// before its heading, so that heading and table end fall at every height
/// of the page.
#[test]
fn a_table_keeps_its_heading_and_the_signature_after_it_wherever_it_falls() {
    if !tool_available("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let tpl = dir.path().join("tpl");
    ketluan_ok(&["templates", "export", tpl.to_str().unwrap()]);
    let original = std::fs::read_to_string(tpl.join("report.md")).unwrap();
    // The body ends with the table: what follows it, to the Phụ lục, goes.
    let (from, to) = (
        original.find("{%- if shared_tasks %}").unwrap(),
        original.find("\n# Phụ lục").unwrap(),
    );
    let ending_in_table = format!("{}\n{}", &original[..from], &original[to..]);
    let bottom_margin = 20.0 * 72.0 / 25.4;
    let mut heading_at_foot = 0;
    let mut signature_with_table = 0;
    // 0 to 44 paragraphs before the heading, then as many between the
    // heading and the table (a table after a plain paragraph).
    for case in 0..90 {
        let (between, k) = (case >= 45, case % 45);
        let filler: String = (1..=k).map(|i| format!("Đoạn đệm số {i}.\n\n")).collect();
        let text = if between {
            ending_in_table.replacen(
                "\n| TT | Đơn vị chủ trì",
                &format!("\n{filler}| TT | Đơn vị chủ trì"),
                1,
            )
        } else {
            ending_in_table.replacen("**II\\.", &format!("{filler}**II\\."), 1)
        };
        assert!(
            k == 0 || text != ending_in_table,
            "{case}: the filler went in"
        );
        std::fs::write(tpl.join("report.md"), text).unwrap();
        let out = dir.path().join(format!("out-{case}"));
        ketluan_ok(&[
            "report",
            ARCHIVE,
            "--today",
            TODAY,
            "--format",
            "pdf",
            "--templates",
            tpl.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        let pdf = out.join(format!("bao-cao-nhiem-vu-{TODAY}.pdf"));
        let pages = pdf_lines(&pdf);
        let find = |start: &str| -> (usize, usize) {
            pages
                .iter()
                .enumerate()
                .find_map(|(p, lines)| {
                    lines
                        .iter()
                        .position(|l| l.text.contains(start))
                        .map(|i| (p, i))
                })
                .unwrap_or_else(|| panic!("{k} paragraphs before: no {start:?}"))
        };
        // The table's heading row and first row share a page.
        let (tt, _) = find("TT Đơn vị chủ trì");
        let (first, _) = find("1 Sở");
        assert_eq!(tt, first, "case {case}: the table's heading row alone");
        let (page, at) = find("II. Tình hình thực hiện");
        let rest: Vec<&str> = pages[page][at + 1..]
            .iter()
            .map(|l| l.text.as_str())
            .collect();
        let heading_row = rest.iter().position(|t| t.starts_with("TT"));
        let first_row = rest.iter().position(|t| t.starts_with("1 Sở"));
        assert!(
            between || matches!((heading_row, first_row), (Some(h), Some(f)) if h < f),
            "{k} paragraphs before: Section II's heading without its table's \
             heading and first row on page {}: {rest:?}",
            page + 1
        );
        if at + 12 > pages[page].len() {
            heading_at_foot += 1;
        }
        // The signature: one page, above the bottom margin.
        let signer = ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Lò Thị Hương"];
        let on: Vec<usize> = signer.iter().map(|s| find(s).0).collect();
        if on[0] == find("Tổng cộng").0 {
            signature_with_table += 1;
        }
        assert!(
            on.iter().all(|&p| p == on[0]),
            "{k} paragraphs before: the signature split over pages {on:?}"
        );
        for (p, lines) in pages.iter().enumerate() {
            for l in lines {
                assert!(
                    l.y_max < 841.89 - bottom_margin + 1.0,
                    "{k} paragraphs before: page {}: {:?} under the margin",
                    p + 1,
                    l.text
                );
            }
        }
    }
    // The sweep put Section II's heading in a page's last lines, and the
    // signature after the table on the table's last page when it fits, on
    // the next page when it does not.
    assert!(heading_at_foot > 0);
    assert!(
        signature_with_table > 0 && signature_with_table < 90,
        "{signature_with_table} of 90"
    );
}

/// The report's data tables (first cell `TT`), not the layout tables of
/// its header and signature.
fn data_tables<'a>(doc: &'a roxmltree::Document<'a>) -> Vec<Node<'a, 'a>> {
    body_tables(doc)
        .into_iter()
        .filter(|t| table_cells(*t)[0][0] == "TT")
        .collect()
}

/// The x of each column edge of the report's data tables (first cell
/// `TT`), from their `w:gridCol` widths, the first at the left margin.
fn data_tables_grid(doc: &roxmltree::Document) -> Vec<Vec<f32>> {
    data_tables(doc)
        .into_iter()
        .map(|t| {
            let mut x = 30.0 * 72.0 / 25.4;
            let mut edges = vec![x];
            for col in t.descendants().filter(|d| d.tag_name().name() == "gridCol") {
                let w: f32 = col
                    .attributes()
                    .find(|a| a.name() == "w")
                    .unwrap()
                    .value()
                    .parse()
                    .unwrap();
                x += w / 20.0;
                edges.push(x);
            }
            edges
        })
        .collect()
}
