//! `ketluan register print` without `--format`: the paper register of
//! Decree 30/2020/NĐ-CP, Phụ lục IV, Mục I (cover and ten columns), PDF/A
//! and DOCX, A4 landscape. Read back by poppler (`pdfinfo`, `pdftotext`)
//! and the DOCX's XML (the `zip` crate, roxmltree); page counts checked
//! against the page's geometry, worked out here from the font's own
//! metrics.

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// The register's columns, ketluan's CSV header.
const HEADER: &str = "so,ky_hieu,ngay,ten_loai,co_quan,trich_yeu,ngon_ngu,nguoi_ky,chuc_vu,noi_nhan,ban_luu,so_ban,ngay_chuyen,ghi_chu,so_trang,do_khan,han_tra_loi,chuoi,nguon,tep,sha256,thoi_gian_ky";

/// The ten headings of the form.
const HEADINGS: [&str; 10] = [
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Người ký",
    "Nơi nhận văn bản",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
];

/// A register row: short cells, one line each in their columns.
fn row(n: usize, voided: bool) -> String {
    let day = 1 + (n - 1) % 28;
    let month = 1 + ((n - 1) / 28) % 12;
    let date = format!("2021-{month:02}-{day:02}");
    let (nguon, ghi_chu) = if voided {
        ("huy", "Hủy số: nhầm")
    } else {
        ("ketluan", "")
    };
    format!(
        "{n:02},TB-VP,{date},Thông báo,Văn phòng UBND tỉnh,Họp số {n},Tiếng Việt,,,Sở Nội vụ,VT,2,{date},{ghi_chu},1,,,VP,{nguon},,,"
    )
}

/// A folder with the Văn phòng's ketluan.yaml and a 2021 register of
/// `n` rows (numbers 01…n), plus a voiding row of `voided` after its row.
fn register(n: usize, voided: Option<usize>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("meetings")).unwrap();
    std::fs::copy(
        root().join("meetings/van-phong/ketluan.yaml"),
        d.join("meetings/ketluan.yaml"),
    )
    .unwrap();
    std::fs::create_dir_all(d.join("so-van-ban-di")).unwrap();
    let mut text = format!("{HEADER}\n");
    for i in 1..=n {
        text.push_str(&row(i, false));
        text.push('\n');
        if voided == Some(i) {
            text.push_str(&row(i, true));
            text.push('\n');
        }
    }
    std::fs::write(d.join("so-van-ban-di/2021.csv"), text).unwrap();
    dir
}

/// `ketluan register print --year 2021 <extra…>` in `dir`; the PDF and
/// DOCX it wrote.
fn print(dir: &Path, extra: &[&str]) -> (PathBuf, PathBuf) {
    let out = ketluan_command()
        .current_dir(dir)
        .args(["register", "print", "--year", "2021"])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed: Vec<PathBuf> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| dir.join(l))
        .collect();
    assert_eq!(printed.len(), 2, "the PDF and the DOCX named");
    (printed[0].clone(), printed[1].clone())
}

/// Each page's text (`pdftotext -layout`, pages split at form feeds).
fn pages(pdf: &Path) -> Vec<String> {
    let text = pdf_text(pdf);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Each page's size, in points (`pdfinfo -f 1 -l N`).
fn page_sizes(pdf: &Path) -> Vec<(f32, f32)> {
    let info = poppler("pdfinfo", &["-f", "1", "-l", "100000"], pdf);
    info.lines()
        .filter(|l| l.starts_with("Page") && l.contains(" size:"))
        .map(|l| {
            let words: Vec<&str> = l.split_whitespace().collect();
            let at = words.iter().position(|w| *w == "size:").unwrap();
            (
                words[at + 1].parse().unwrap(),
                words[at + 3].parse().unwrap(),
            )
        })
        .collect()
}

/// The row numbers (`07/TB-VP` → 7) at the start of a page's lines.
fn numbers_on(page: &str) -> Vec<usize> {
    page.lines()
        .filter_map(|l| {
            let first = l.split_whitespace().next()?;
            first.strip_suffix("/TB-VP")?.parse().ok()
        })
        .collect()
}

/// How many one-line rows a table page holds, from the geometry: A4
/// landscape (595.28 pt high), margins 20 mm at top and bottom, the
/// table 1 pt under the top margin; rows of 11 pt type set single
/// (Liberation Serif's ascender + descender + line gap, read from the
/// font file), 3 pt of padding above and below, 0.5 pt of border; the
/// heading row as tall as its tallest heading (`heading_lines` lines),
/// the column numbers' row one line.
fn rows_per_page(heading_lines: usize) -> usize {
    let font = std::fs::read(root().join("fonts/LiberationSerif-Regular.ttf")).unwrap();
    let face = ttf_parser::Face::parse(&font, 0).unwrap();
    let em = (f32::from(face.ascender()) - f32::from(face.descender())
        + f32::from(face.line_gap()))
        / f32::from(face.units_per_em());
    let line = em * 11.0;
    let row = |lines: usize| lines as f32 * line + 2.0 * 3.0 + 0.5;
    let mm = 72.0 / 25.4;
    let room = 595.28 - 2.0 * 20.0 * mm - 1.0;
    ((room - row(heading_lines) - row(1)) / row(1)).floor() as usize
}

/// The lines of a table page's heading row in `pdftotext -layout`: those
/// between the page number and the column numbers' line.
fn heading_lines(page: &str) -> usize {
    let lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
    let numbers = lines
        .iter()
        .position(|l| l.contains("(1)") && l.contains("(10)"))
        .expect("the column numbers' row");
    numbers - 1
}

#[test]
fn the_paper_register_is_a_landscape_book_with_cover_and_ten_columns() {
    let dir = register(40, Some(5));
    let (pdf, docx) = print(dir.path(), &[]);
    assert_eq!(pdf, dir.path().join("output/so-van-ban-di-2021.pdf"));
    assert_eq!(docx, dir.path().join("output/so-van-ban-di-2021.docx"));
    // PDF/A-2b, every page A4 landscape.
    let meta = poppler("pdfinfo", &["-meta"], &pdf);
    assert!(
        meta.contains("<pdfaid:part>2</pdfaid:part>") || meta.contains("pdfaid:part=\"2\""),
        "PDF/A-2: {meta}"
    );
    let sizes = page_sizes(&pdf);
    let pages = pages(&pdf);
    assert_eq!(sizes.len(), pages.len());
    for (w, h) in &sizes {
        assert!(
            (w - 841.89).abs() < 0.01 && (h - 595.28).abs() < 0.01,
            "{w} × {h}"
        );
    }
    // The cover: the form's lines, from the register and ketluan.yaml.
    let cover: Vec<String> = pages[0]
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(
        cover,
        [
            "UBND TỈNH LAI CHÂU",
            "VĂN PHÒNG UBND TỈNH",
            "SỔ ĐĂNG KÝ VĂN BẢN ĐI",
            "Năm: 2021",
            "Từ ngày 01/01/2021 đến ngày 12/02/2021",
            "Từ số 01 đến số 40",
            "Quyển số: 01",
        ]
    );
    // Every table page: the ten headings (their words, in reading order),
    // the column numbers (1)…(10) on one line under them.
    for (i, page) in pages.iter().enumerate().skip(1) {
        let words: Vec<&str> = page.split_whitespace().collect();
        for heading in HEADINGS {
            for word in heading.split_whitespace() {
                assert!(words.contains(&word), "page {}: {word} of {heading}", i + 1);
            }
        }
        let numbers_line = page
            .lines()
            .find(|l| l.contains("(1)"))
            .unwrap_or_else(|| panic!("page {}: the column numbers", i + 1));
        let expected: Vec<String> = (1..=10).map(|k| format!("({k})")).collect();
        let found: Vec<&str> = numbers_line.split_whitespace().collect();
        assert_eq!(found, expected, "page {}", i + 1);
        assert!(page.contains(&format!("{}", i + 1)), "page number");
    }
    // Every row, in order, the voided number twice, its Ghi chú printed.
    let all: Vec<usize> = pages.iter().flat_map(|p| numbers_on(p)).collect();
    let mut expected: Vec<usize> = (1..=40).collect();
    expected.insert(5, 5);
    assert_eq!(all, expected);
    let voiding = pages
        .iter()
        .flat_map(|p| p.lines())
        .filter(|l| l.trim_start().starts_with("05/TB-VP"))
        .nth(1)
        .expect("the voiding row");
    assert!(voiding.contains("Hủy số:"), "{voiding}");
    assert!(voiding.contains("Họp số 5"), "{voiding}");

    // The DOCX: landscape A4, ten grid columns, two heading rows repeated.
    let xml = zip_entry(&docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let w = |n: roxmltree::Node, name: &str| n.tag_name().name() == name;
    let sect = doc.descendants().rfind(|n| w(*n, "sectPr")).unwrap();
    let size = sect.children().find(|n| w(*n, "pgSz")).unwrap();
    let attr = |n: roxmltree::Node, name: &str| {
        n.attributes()
            .find(|a| a.name() == name)
            .map(|a| a.value().to_string())
    };
    assert_eq!(attr(size, "w").as_deref(), Some("16838"));
    assert_eq!(attr(size, "h").as_deref(), Some("11906"));
    assert_eq!(attr(size, "orient").as_deref(), Some("landscape"));
    let tables: Vec<_> = doc.descendants().filter(|n| w(*n, "tbl")).collect();
    assert_eq!(tables.len(), 1);
    let grid = tables[0].children().find(|n| w(*n, "tblGrid")).unwrap();
    assert_eq!(grid.children().filter(|n| w(*n, "gridCol")).count(), 10);
    let rows: Vec<_> = tables[0].children().filter(|n| w(*n, "tr")).collect();
    assert_eq!(rows.len(), 2 + 41);
    let is_header = |r: &roxmltree::Node| r.descendants().any(|n| w(n, "tblHeader"));
    assert!(is_header(&rows[0]) && is_header(&rows[1]));
    assert!(!rows[2..].iter().any(is_header));
    let cells = table_cells(tables[0]);
    assert_eq!(cells[0], HEADINGS.map(String::from));
    assert_eq!(
        cells[1],
        (1..=10).map(|k| format!("({k})")).collect::<Vec<_>>()
    );
    assert_eq!(cells[2][0], "01/TB-VP");
    assert_eq!(cells[7][0], "05/TB-VP");
    assert_eq!(cells[7][9], "Hủy số: nhầm");
    let texts = docx_texts(&docx);
    for line in &cover {
        assert!(texts.contains(line), "{line} in the DOCX's cover");
    }

    // The same register, the same bytes.
    let (pdf2, docx2) = print(dir.path(), &["-o", "again/so"]);
    assert_eq!(pdf2, dir.path().join("again/so.pdf"));
    assert_eq!(std::fs::read(&pdf).unwrap(), std::fs::read(&pdf2).unwrap());
    assert_eq!(
        std::fs::read(&docx).unwrap(),
        std::fs::read(&docx2).unwrap()
    );
}

/// 1, 40 and 200 rows: a cover page, then as many table pages as the
/// rows need at the rows a page holds (worked out from the geometry), each
/// full but the last.
#[test]
fn the_register_takes_as_many_pages_as_its_rows_need() {
    for n in [1, 40, 200] {
        let dir = register(n, None);
        let (pdf, _) = print(dir.path(), &[]);
        let pages = pages(&pdf);
        let per_page = rows_per_page(heading_lines(&pages[1]));
        assert_eq!(heading_lines(&pages[1]), 4, "the tallest heading, 4 lines");
        let expected = 1 + n.div_ceil(per_page);
        assert_eq!(
            pages.len(),
            expected,
            "{n} rows at {per_page} a page: {expected} pages"
        );
        let pdfinfo = poppler("pdfinfo", &[], &pdf);
        assert!(
            pdfinfo.contains(&format!("Pages:           {expected}\n")),
            "{pdfinfo}"
        );
        let counts: Vec<usize> = pages[1..].iter().map(|p| numbers_on(p).len()).collect();
        let (last, full) = counts.split_last().unwrap();
        assert!(full.iter().all(|c| *c == per_page), "{counts:?}");
        assert_eq!(*last, n - per_page * full.len(), "{counts:?}");
    }
}

#[test]
fn an_empty_register_prints_nothing() {
    let dir = register(0, None);
    let out = ketluan_command()
        .current_dir(dir.path())
        .args(["register", "print", "--year", "2021"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(!dir.path().join("output").exists());
}
