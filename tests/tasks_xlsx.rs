//! `ketluan tasks --format xlsx`: the workbook a unit fills to report its
//! progress, over the example archive (`meetings/`) and the test archive
//! (tests/fixtures/archive). Read back by calamine (a reader independent of
//! the writer) against `tasks --format json` of the same filters; converted
//! to CSV by LibreOffice; its sheet XML read for what a reader does not
//! show (drop-down list, date checks, frozen pane, protection, page setup,
//! print titles); the same input giving the same bytes; one workbook per
//! lead unit with `--split-by-lead`; a terminal refused.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Cursor;
use std::path::Path;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use common::*;
use serde_json::Value;

const ARCHIVES: [&str; 2] = ["meetings", "tests/fixtures/archive"];
const TODAY: &str = "2021-03-01";
const HEADINGS: [&str; 11] = [
    "Mã nhiệm vụ",
    "Thông báo",
    "Mục",
    "Nội dung",
    "Thời hạn",
    "Tình trạng hiện tại",
    "Tình trạng",
    "Ngày hoàn thành",
    "Văn bản báo cáo",
    "Đề nghị gia hạn đến",
    "Ghi chú",
];
const STATUSES: &str = "đang thực hiện,đã hoàn thành,đề nghị gia hạn,đề nghị hủy";
/// Every filter of `tasks`, alone and together.
const FILTERS: [&[&str]; 7] = [
    &[],
    &["--lead", "SNV"],
    &["--lead", "so noi vu"],
    &["--status", "open"],
    &["--due-before", "2021-03-01"],
    &["--overdue"],
    &["--status", "done", "--lead", "Sở Y tế"],
];

/// `tasks <archive> --today 2021-03-01 <extra…>` (`--today` in `extra`
/// instead, if there).
fn args<'a>(archive: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut a = vec!["tasks", archive];
    if !extra.contains(&"--today") {
        a.extend(["--today", TODAY]);
    }
    a.extend_from_slice(extra);
    a
}

/// The tasks `tasks --format json` lists.
fn listed(archive: &str, extra: &[&str]) -> Vec<Value> {
    let mut a = args(archive, extra);
    a.extend(["--format", "json"]);
    let out = ketluan_ok(&a).stdout;
    match serde_json::from_slice(&out).unwrap() {
        Value::Array(items) => items,
        other => panic!("not an array: {other}"),
    }
}

/// The workbook of `tasks --format xlsx` (to a pipe: its bytes on stdout).
fn workbook(archive: &str, extra: &[&str]) -> Vec<u8> {
    let mut a = args(archive, extra);
    a.extend(["--format", "xlsx"]);
    let bytes = ketluan_ok(&a).stdout;
    assert!(bytes.starts_with(b"PK"), "a ZIP");
    bytes
}

/// A cell as text; a date as `dd/mm/yyyy`, and only a real date cell is one.
fn cell(d: Option<&Data>) -> String {
    match d {
        None | Some(Data::Empty) => String::new(),
        Some(Data::String(s)) => s.clone(),
        Some(Data::DateTime(x)) => {
            let (y, m, d, ..) = x.to_ymd_hms_milli();
            format!("{d:02}/{m:02}/{y}")
        }
        Some(other) => panic!("unexpected cell {other:?}"),
    }
}

/// The sheet `Nhiem vu`, cell by cell (rows from 0 = row 1).
fn sheet(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    assert_eq!(book.sheet_names(), ["Nhiem vu"]);
    let range = book.worksheet_range("Nhiem vu").unwrap();
    let (rows, _) = range.end().map_or((0, 0), |(r, c)| (r + 1, c + 1));
    (0..rows)
        .map(|r| (0..11).map(|c| cell(range.get_value((r, c)))).collect())
        .collect()
}

/// Whether column E of the task rows holds real date cells (not text).
fn deadlines_are_dates(bytes: &[u8]) -> bool {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let range = book.worksheet_range("Nhiem vu").unwrap();
    let end = range.end().map_or(0, |(r, _)| r);
    (4..=end).all(|r| {
        matches!(
            range.get_value((r, 4)),
            None | Some(Data::Empty | Data::DateTime(_))
        )
    })
}

fn date(v: &Value) -> Option<jiff::civil::Date> {
    v.as_str().map(|s| s.parse().unwrap())
}

/// `06/02/2021`, `15/03/2021`: as the cells are formatted.
fn numeric(d: jiff::civil::Date) -> String {
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
}

/// `06/02/2021`, `15/3/2021`: as a date is written in a sentence (NĐ 30/2020).
fn short(d: jiff::civil::Date) -> String {
    let month = if d.month() <= 2 {
        format!("{:02}", d.month())
    } else {
        d.month().to_string()
    };
    format!("{:02}/{month}/{}", d.day(), d.year())
}

/// Columns A–F of a task as the workbook must show them, from its JSON.
fn expected_row(t: &Value) -> Vec<String> {
    let today: jiff::civil::Date = TODAY.parse().unwrap();
    let id = t["id"].as_str().unwrap().to_string();
    let notice = match (t["notice"].as_str(), date(&t["notice_date"])) {
        (Some(n), Some(d)) => format!("{n} ngày {}", short(d)),
        (Some(n), None) => n.to_string(),
        (None, _) => "Dự thảo".to_string(),
    };
    let place = id.rsplit_once('#').unwrap().1.to_string();
    let deadline = date(&t["deadline"]);
    let mut standing = t["standing_label"].as_str().unwrap().to_string();
    let days = |from: jiff::civil::Date, to: jiff::civil::Date| from.until(to).unwrap().get_days();
    match (
        t["standing"].as_str().unwrap(),
        deadline,
        date(&t["done_on"]),
    ) {
        ("open_overdue", Some(d), _) => standing += &format!(" {} ngày", days(d, today)),
        ("done_late", Some(d), Some(done)) => {
            standing += &format!(" {} ngày ({})", days(d, done), short(done))
        }
        ("done_on_time", _, Some(done)) => standing += &format!(" ({})", short(done)),
        _ => {}
    }
    vec![
        id,
        notice,
        place,
        t["what"].as_str().unwrap().to_string(),
        deadline.map(numeric).unwrap_or_default(),
        standing,
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    ]
}

/// Rows 1–4 and the task rows, checked against the listing; `unit` is row 1.
fn assert_sheet(bytes: &[u8], tasks: &[Value], unit: &str, what: &str) {
    let rows = sheet(bytes);
    assert_eq!(rows[0][0], unit, "{what}: row 1");
    assert_eq!(
        rows[1][0], "Danh sách nhiệm vụ được giao, tính đến ngày 01/03/2021",
        "{what}: row 2"
    );
    assert!(rows[2].iter().all(String::is_empty), "{what}: row 3 empty");
    assert_eq!(rows[3], HEADINGS, "{what}: the headings, in order");
    let expected: Vec<Vec<String>> = tasks.iter().map(expected_row).collect();
    assert_eq!(rows[4..], expected[..], "{what}: one row per task");
    assert!(
        deadlines_are_dates(bytes),
        "{what}: deadlines are date cells"
    );
}

#[test]
fn the_workbook_reads_back_as_the_json_listing_under_every_filter() {
    for archive in ARCHIVES {
        for filter in FILTERS {
            let what = format!("{archive} {filter:?}");
            let tasks = listed(archive, filter);
            // The unit's name, also for its code.
            let unit = match filter {
                [.., "--lead", "Sở Y tế"] => "Đơn vị: Sở Y tế",
                [.., "--lead", _] => "Đơn vị: Sở Nội vụ",
                _ => "Tất cả đơn vị",
            };
            assert_sheet(&workbook(archive, filter), &tasks, unit, &what);
        }
    }
    // The tasks are there, with deadlines, extensions and every standing.
    let fixture = sheet(&workbook("tests/fixtures/archive", &[]));
    let row = |id: &str| fixture.iter().find(|r| r[0].ends_with(id)).unwrap().clone();
    let r = row("hop-thang-01#I.3");
    assert_eq!(
        r[1..6],
        [
            "25/TB-VP ngày 27/01/2021",
            "I.3",
            "Rà soát, sắp xếp tổ chức bộ máy các đơn vị sự nghiệp.",
            "15/03/2021",
            "Chưa hoàn thành trong hạn"
        ],
        "the extended deadline counts"
    );
    assert_eq!(
        row("hop-thang-01#I.2")[5],
        "Hoàn thành quá hạn 4 ngày (10/02/2021)"
    );
    assert_eq!(
        row("hop-thang-01#I.2.1")[5],
        "Chưa hoàn thành quá hạn 9 ngày"
    );
    assert_eq!(row("hop-thang-02#I.1")[5], "Hủy");
    assert_eq!(
        row("du-thao#I.1.1")[1..5],
        ["Dự thảo", "I.1.1", "Cung cấp số liệu y tế cơ sở.", ""]
    );
}

/// The workbooks of `--split-by-lead`, by file name.
fn split(archive: &str, extra: &[&str]) -> BTreeMap<String, Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("don-vi");
    let mut a = args(archive, extra);
    a.extend([
        "--format",
        "xlsx",
        "--split-by-lead",
        "--out",
        out.to_str().unwrap(),
    ]);
    ketluan_ok(&a);
    std::fs::read_dir(&out)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().into_string().unwrap(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn split_by_lead_gives_each_unit_exactly_its_tasks() {
    for (archive, names) in [
        (
            "tests/fixtures/archive",
            &[
                "nv-chua-giao.xlsx",
                "nv-snv.xlsx",
                "nv-stc.xlsx",
                "nv-syt.xlsx",
                "nv-ubndhtp.xlsx",
            ][..],
        ),
        (
            "meetings",
            &["nv-chua-giao.xlsx", "nv-snv.xlsx", "nv-skhdt.xlsx"][..],
        ),
    ] {
        let books = split(archive, &[]);
        for name in names {
            assert!(
                books.contains_key(*name),
                "{archive}: {name} in {:?}",
                books.keys()
            );
        }
        let tasks = listed(archive, &[]);
        let mut seen = BTreeSet::new();
        for (name, bytes) in &books {
            let unit_line = sheet(bytes)[0][0].clone();
            let unit = unit_line
                .strip_prefix("Đơn vị: ")
                .unwrap_or_else(|| panic!("{name}: {unit_line}"));
            let mine: Vec<Value> = tasks
                .iter()
                .filter(|t| {
                    let lead: Vec<&str> = t["lead"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|l| l.as_str().unwrap())
                        .collect();
                    lead.contains(&unit)
                        || (lead.is_empty() && unit == "(chưa giao đơn vị chủ trì)")
                })
                .cloned()
                .collect();
            assert!(!mine.is_empty(), "{name}");
            assert_sheet(bytes, &mine, &unit_line, &format!("{archive} {name}"));
            seen.extend(mine.iter().map(|t| t["id"].as_str().unwrap().to_string()));
        }
        assert_eq!(seen.len(), tasks.len(), "{archive}: every task in a book");
    }
    // With --lead, only that unit's book.
    let books = split("tests/fixtures/archive", &["--lead", "SNV"]);
    assert_eq!(books.keys().collect::<Vec<_>>(), ["nv-snv.xlsx"]);

    // A unit the departments directory does not list: named by a slug of
    // its name, without diacritics.
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(root().join("tests/fixtures/archive")).unwrap() {
        let e = e.unwrap();
        let text = std::fs::read_to_string(e.path()).unwrap().replace(
            "lead: UBND các huyện, thành phố",
            "lead: Sở Khoa học và Công nghệ",
        );
        std::fs::write(dir.path().join(e.file_name()), text).unwrap();
    }
    let books = split(dir.path().to_str().unwrap(), &[]);
    let book = &books["nv-so-khoa-hoc-va-cong-nghe.xlsx"];
    let rows = sheet(book);
    assert_eq!(rows[0][0], "Đơn vị: Sở Khoa học và Công nghệ");
    assert_eq!(rows.len(), 5, "its one task");
    assert!(rows[4][0].ends_with("hop-thang-02#I.2"));
}

/// Where LibreOffice's Calc filters live (Debian: libreoffice-calc-nogui).
const CALC: &str = "/usr/lib/libreoffice/program/libsclo.so";

#[test]
fn libreoffice_reads_the_same_values() {
    if !tool_available("soffice") || !file_available(Path::new(CALC), "libreoffice-calc-nogui") {
        return;
    }
    for archive in ARCHIVES {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("nhiem-vu.xlsx");
        let mut a = args(archive, &["--format", "xlsx", "-o"]);
        a.push(file.to_str().unwrap());
        ketluan_ok(&a);
        // UTF-8, comma, cells as shown (the dates as formatted).
        let (_lo, csv_file) = libreoffice_convert(
            &file,
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true",
        );
        let text = std::fs::read_to_string(&csv_file).unwrap();
        let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| {
                r.unwrap()
                    .iter()
                    .map(|c| normalise_date(c.trim()))
                    .collect()
            })
            .collect();
        let ours = sheet(&std::fs::read(&file).unwrap());
        assert_eq!(rows.len(), ours.len(), "{archive}: rows");
        for (theirs, ours) in rows.iter().zip(&ours) {
            let theirs: Vec<&str> = theirs
                .iter()
                .map(String::as_str)
                .chain(std::iter::repeat(""))
                .take(11)
                .collect();
            assert_eq!(theirs, *ours, "{archive}");
        }
        assert_eq!(rows[3][..11], HEADINGS);
        // And what the listing says, row by row.
        let expected: Vec<Vec<String>> = listed(archive, &[]).iter().map(expected_row).collect();
        let theirs: Vec<&[String]> = rows[4..].iter().map(|r| &r[..6]).collect();
        let wanted: Vec<&[String]> = expected.iter().map(|r| &r[..6]).collect();
        assert_eq!(theirs, wanted, "{archive}: A–F as LibreOffice reads them");
    }
}

/// A date as LibreOffice may print it (`6/2/2021`, `2021-02-06`) → `06/02/2021`.
fn normalise_date(s: &str) -> String {
    let parts: Vec<&str> = s.split(['/', '-']).collect();
    let all_digits = parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if !all_digits {
        return s.to_string();
    }
    let n: Vec<u32> = parts.iter().map(|p| p.parse().unwrap()).collect();
    let (d, m, y) = if parts[0].len() == 4 {
        (n[2], n[1], n[0])
    } else {
        (n[0], n[1], n[2])
    };
    format!("{d:02}/{m:02}/{y}")
}

fn attr<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> &'a str {
    node.attribute(name)
        .unwrap_or_else(|| panic!("{name} on {node:?}"))
}

#[test]
fn the_sheet_has_its_list_date_checks_frozen_headings_protection_and_page_setup() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nhiem-vu.xlsx");
    std::fs::write(&file, workbook("tests/fixtures/archive", &[])).unwrap();
    let last = 4 + listed("tests/fixtures/archive", &[]).len();
    let xml = zip_entry(&file, "xl/worksheets/sheet1.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let all = |name: &'static str| doc.descendants().filter(move |n| n.has_tag_name(name));
    let one = |name: &'static str| all(name).next().unwrap_or_else(|| panic!("<{name}>"));

    let validations: BTreeMap<&str, roxmltree::Node> = all("dataValidation")
        .map(|v| (attr(v, "sqref"), v))
        .collect();
    let list = validations[format!("G5:G{last}").as_str()];
    assert_eq!(attr(list, "type"), "list");
    let formula = list
        .children()
        .find(|n| n.has_tag_name("formula1"))
        .unwrap()
        .text()
        .unwrap();
    assert_eq!(formula, format!("\"{STATUSES}\""), "the four statuses");
    for col in ["H", "J"] {
        let v = validations[format!("{col}5:{col}{last}").as_str()];
        assert_eq!(attr(v, "type"), "date", "{col}");
        assert!(v.attribute("operator").is_none_or(|o| o == "between"));
    }
    assert_eq!(validations.len(), 3);

    let pane = one("pane");
    assert_eq!((attr(pane, "ySplit"), attr(pane, "state")), ("4", "frozen"));
    assert!(pane.attribute("xSplit").is_none());

    let protection = one("sheetProtection");
    assert_eq!(attr(protection, "sheet"), "1");
    assert!(
        protection.attribute("password").is_none() && protection.attribute("hashValue").is_none(),
        "no password"
    );

    let setup = one("pageSetup");
    assert_eq!(
        (attr(setup, "orientation"), attr(setup, "paperSize")),
        ("landscape", "9"),
        "A4 landscape"
    );
    assert_eq!(attr(setup, "fitToHeight"), "0", "pages as long as needed");
    assert!(
        setup.attribute("fitToWidth").is_none_or(|w| w == "1"),
        "one page wide"
    );
    assert_eq!(attr(one("pageSetUpPr"), "fitToPage"), "1");

    // Styles: A–F locked, G–K unlocked; dates formatted dd/mm/yyyy; Times New Roman.
    let styles_xml = zip_entry(&file, "xl/styles.xml");
    let styles = roxmltree::Document::parse(&styles_xml).unwrap();
    let xfs: Vec<roxmltree::Node> = styles
        .descendants()
        .find(|n| n.has_tag_name("cellXfs"))
        .unwrap()
        .children()
        .filter(|n| n.is_element())
        .collect();
    let formats: BTreeMap<&str, &str> = styles
        .descendants()
        .filter(|n| n.has_tag_name("numFmt"))
        .map(|n| (attr(n, "numFmtId"), attr(n, "formatCode")))
        .collect();
    let fonts: Vec<&str> = styles
        .descendants()
        .filter(|n| n.has_tag_name("font"))
        .filter_map(|f| f.children().find(|n| n.has_tag_name("name")))
        .map(|n| attr(n, "val"))
        .collect();
    let cells: BTreeMap<&str, roxmltree::Node> = all("c").map(|c| (attr(c, "r"), c)).collect();
    for row in 5..=last {
        for col in 'A'..='K' {
            let c = cells[format!("{col}{row}").as_str()];
            let xf = xfs[c.attribute("s").unwrap_or("0").parse::<usize>().unwrap()];
            let unlocked = xf
                .children()
                .any(|n| n.has_tag_name("protection") && n.attribute("locked") == Some("0"));
            assert_eq!(unlocked, col >= 'G', "{col}{row}: locked A–F, unlocked G–K");
            let font = fonts[attr(xf, "fontId").parse::<usize>().unwrap()];
            assert_eq!(font, "Times New Roman", "{col}{row}");
            if matches!(col, 'E' | 'H' | 'J') {
                assert_eq!(
                    formats.get(attr(xf, "numFmtId")),
                    Some(&"dd/mm/yyyy"),
                    "{col}{row}"
                );
            }
        }
    }

    let book_xml = zip_entry(&file, "xl/workbook.xml");
    let book = roxmltree::Document::parse(&book_xml).unwrap();
    let sheet = book
        .descendants()
        .find(|n| n.has_tag_name("sheet"))
        .unwrap();
    assert_eq!(attr(sheet, "name"), "Nhiem vu");
    let titles = book
        .descendants()
        .find(|n| {
            n.has_tag_name("definedName") && n.attribute("name") == Some("_xlnm.Print_Titles")
        })
        .expect("print titles");
    assert!(
        ["'Nhiem vu'!$4:$4", "'Nhiem vu'!$1:$4"].contains(&titles.text().unwrap()),
        "{:?}",
        titles.text()
    );
}

#[test]
fn the_same_archive_and_day_give_the_same_bytes() {
    for archive in ARCHIVES {
        let first = workbook(archive, &[]);
        assert_eq!(first, workbook(archive, &[]), "{archive}: two runs");
        assert_ne!(
            first,
            workbook(archive, &["--today", "2021-03-02"]),
            "{archive}: another day"
        );
        assert_eq!(
            split(archive, &[]),
            split(archive, &[]),
            "{archive}: split, two runs"
        );
    }
    // The creation date is the day judged on, not the clock.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.xlsx");
    std::fs::write(&file, workbook("tests/fixtures/archive", &[])).unwrap();
    let core = zip_entry(&file, "docProps/core.xml");
    assert!(core.contains(">2021-03-01T00:00:00Z<"), "{core}");
}

#[test]
fn written_atomically_to_a_file_and_refused_where_it_cannot_go() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nv.xlsx");
    std::fs::write(&file, "old").unwrap();
    let mut a = args("tests/fixtures/archive", &["--format", "xlsx", "-o"]);
    a.push(file.to_str().unwrap());
    let out = ketluan_ok(&a);
    assert!(out.stdout.is_empty());
    assert_eq!(
        std::fs::read(&file).unwrap(),
        workbook("tests/fixtures/archive", &[])
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["nv.xlsx"], "no temporary file left");

    let refused = |extra: &[&str], message: &str| {
        let out = ketluan(&args("tests/fixtures/archive", extra));
        assert!(!out.status.success(), "{extra:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(message), "{extra:?}: {err}");
    };
    refused(
        &["--format", "xlsx", "--by-lead"],
        "--by-lead không xuất được dạng xlsx",
    );
    refused(
        &["--format", "csv", "--split-by-lead", "--out", "x"],
        "--split-by-lead chỉ ghi bảng tính",
    );
    refused(&["--split-by-lead"], "--out");

    // On a terminal (a pseudo-terminal made by util-linux's `script`).
    if !tool_available("script") {
        return;
    }
    let line = format!(
        "'{}' tasks tests/fixtures/archive --format xlsx",
        env!("CARGO_BIN_EXE_ketluan")
    );
    let out = std::process::Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .current_dir(root())
        .env("LC_ALL", "C.UTF-8")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{shown}");
    assert!(
        shown.contains("không in bảng tính xlsx ra màn hình"),
        "{shown}"
    );
    assert!(!shown.contains("PK"), "no workbook bytes: {shown}");
}
