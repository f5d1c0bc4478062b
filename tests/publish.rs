//! Publishing: `render --format html`, `ketluan site` and `ketluan serve`,
//! checked on their real output: every page read by an HTML parser
//! (scraper, html5ever), its text and metadata against the meeting file,
//! its links resolved on disk; the page printed to PDF by a real browser
//! (Debian's headless Chromium) and measured with `pdftotext -bbox`; the
//! preview server driven over loopback (raw requests for the path checks,
//! a real browser through chromium-driver for the live reload).

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use scraper::{Html, Selector};

const LIFECYCLE: &str = "meetings/2021-02-24-hop-ubnd-thang-02.yaml";

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// Parses a page; the parser must meet no error, and the page is in Vietnamese.
fn parse(path: &Path) -> Html {
    let text = std::fs::read_to_string(path).unwrap();
    let doc = Html::parse_document(&text);
    assert!(
        doc.errors.is_empty(),
        "{}: {:?}",
        path.display(),
        doc.errors
    );
    assert_eq!(
        doc.select(&sel("html"))
            .next()
            .unwrap()
            .value()
            .attr("lang"),
        Some("vi")
    );
    doc
}

/// The text of the first element matching `selector`, white space folded.
fn text_of(doc: &Html, selector: &str) -> String {
    doc.select(&sel(selector))
        .next()
        .unwrap_or_else(|| panic!("{selector}"))
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every text value of the meeting file that the notice prints as it is
/// written (conclusions, tasks, after-paragraphs), split into sentences,
/// Markdown emphasis removed.
fn sentences_of(meeting: &Path) -> Vec<String> {
    let value: serde_json::Value =
        serde_saphyr::from_str(&std::fs::read_to_string(meeting).unwrap()).unwrap();
    fn walk(v: &serde_json::Value, key: &str, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    walk(v, k, out);
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, key, out)),
            serde_json::Value::String(s) if ["conclusion", "do", "after"].contains(&key) => {
                let flat = s.replace("**", "").replace('*', "");
                for sentence in flat.split(". ") {
                    let t = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
                    if t.len() > 12 {
                        out.push(t.trim_end_matches('.').to_string());
                    }
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&value, "", &mut out);
    out
}

fn render_html(meeting: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    render_into(
        &root().join(meeting),
        dir.path(),
        &["--format", "html,pdf,docx"],
    );
    let stem = Path::new(meeting)
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let page = dir.path().join(format!("{stem}.html"));
    (dir, page)
}

#[test]
fn the_notice_as_a_web_page() {
    let (dir, page) = render_html(EXAMPLE);
    let html = std::fs::read_to_string(&page).unwrap();
    let doc = parse(&page);
    assert!(html.contains("<meta charset=\"utf-8\">"));
    // No script, nothing from another host.
    assert_eq!(doc.select(&sel("script")).count(), 0);
    for element in doc.select(&sel("[src], [href]")) {
        for attr in ["src", "href"] {
            if let Some(url) = element.value().attr(attr) {
                assert!(
                    !url.contains("//") && !url.starts_with('/') && !url.contains(':'),
                    "{url} is relative"
                );
            }
        }
    }
    assert!(!html.contains("url(") && !html.contains("@import"));
    // Every sentence of the meeting file is in the article.
    let article = text_of(&doc, "article");
    let sentences = sentences_of(&root().join(EXAMPLE));
    assert!(sentences.len() >= 30, "{}", sentences.len());
    for s in &sentences {
        assert!(
            article.contains(s.as_str()),
            "missing from the article: {s}"
        );
    }
    for line in HEADER_AND_SIGNER_LINES {
        assert!(article.contains(line), "{line}");
    }
    // Semantic markup: the type and trích yếu in a heading, paragraphs,
    // Nơi nhận as a list.
    let h1 = text_of(&doc, "article h1");
    assert!(
        h1.starts_with("THÔNG BÁO Kết luận của Phó Chủ tịch Thường trực UBND"),
        "{h1}"
    );
    assert!(doc.select(&sel("article .body p")).count() > 20);
    let recipients: Vec<String> = doc
        .select(&sel("article ul.recipients li"))
        .map(|li| li.text().collect())
        .collect();
    assert_eq!(
        recipients.first().map(String::as_str),
        Some("- Thường trực Tỉnh ủy (b/c);")
    );
    assert_eq!(
        recipients.last().map(String::as_str),
        Some("- Lưu: VT, TH.")
    );
    // The metadata table, outside the article, with the portals' labels.
    let rows: Vec<(String, String)> = doc
        .select(&sel("table.metadata tr"))
        .map(|tr| {
            let th: String = tr.select(&sel("th")).flat_map(|t| t.text()).collect();
            let td: String = tr.select(&sel("td")).flat_map(|t| t.text()).collect();
            (th, td)
        })
        .collect();
    let expected = [
        ("Số ký hiệu", "25/TB-UBND"),
        ("Ngày ban hành", "27/01/2021"),
        ("Loại văn bản", "Thông báo"),
        ("Cơ quan ban hành", "Ủy ban nhân dân tỉnh Lai Châu"),
        ("Người ký", "Nguyễn Văn A"),
        (
            "Trích yếu",
            "Kết luận của Phó Chủ tịch Thường trực UBND tỉnh tại phiên họp UBND tỉnh tháng 01 năm 2021",
        ),
        ("Tài liệu đính kèm", "DOCX, PDF"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(rows, expected);
    for a in doc.select(&sel("table.metadata a")) {
        let href = a.value().attr("href").unwrap();
        assert!(dir.path().join(href).is_file(), "{href} is beside the page");
    }
    let meta = |name: &str| -> String {
        doc.select(&sel(&format!("meta[name=\"{name}\"]")))
            .next()
            .and_then(|m| m.value().attr("content"))
            .unwrap_or_else(|| panic!("meta {name}"))
            .to_string()
    };
    assert_eq!(meta("DC.identifier"), "25/TB-UBND");
    assert_eq!(meta("DC.date"), "2021-01-27");
    assert_eq!(meta("DC.creator"), "Ủy ban nhân dân tỉnh Lai Châu");
    assert_eq!(meta("DC.type"), "Thông báo");
    assert!(meta("DC.title").starts_with("Kết luận của Phó Chủ tịch"));
    assert!(meta("description").starts_with("Thông báo số 25/TB-UBND ngày 27/01/2021"));
    // The layout values, from the same layout as the DOCX and PDF.
    assert!(html.contains("margin: 20mm 15mm 20mm 30mm;"));
    assert!(html.contains("grid-template-columns: 65mm 100mm;"));
    assert!(html.contains("line-height: 18pt;"));
    assert!(html.contains("@media screen and (max-width: 600px)"));
    // Deterministic.
    let (_d2, again) = render_html(EXAMPLE);
    assert_eq!(html, std::fs::read_to_string(again).unwrap());
}

#[test]
fn the_invitation_and_minutes_get_pages_too() {
    let dir = tempfile::tempdir().unwrap();
    render_into(&root().join(LIFECYCLE), dir.path(), &["--format", "html"]);
    let stem = "2021-02-24-hop-ubnd-thang-02";
    let gm = parse(&dir.path().join(format!("{stem}.giay-moi.html")));
    assert!(text_of(&gm, "article").contains("Thời gian: 08 giờ 00, thứ Tư, ngày 24/02/2021."));
    assert_eq!(
        text_of(&gm, "table.metadata tr:first-child td"),
        "08/GM-UBND"
    );
    let bb = parse(&dir.path().join(format!("{stem}.bien-ban.html")));
    let signers: Vec<String> = bb
        .select(&sel("footer .signer p:first-child"))
        .map(|p| p.text().collect())
        .collect();
    assert_eq!(signers, ["THƯ KÝ", "CHỦ TỌA"]);
    assert!(text_of(&bb, "footer .below").ends_with("- Lưu: VT, Hồ sơ."));
    // Only HTML was asked for: nothing to attach.
    assert_eq!(
        text_of(&bb, "table.metadata tr:last-child td"),
        "(không có)"
    );
}

fn chromium_args() -> Vec<String> {
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

#[test]
fn chromium_prints_the_page_as_the_paper() {
    if !tool_available("chromium") || !tool_available("pdftotext") {
        return;
    }
    let (dir, page) = render_html(EXAMPLE);
    let pdf = dir.path().join("printed.pdf");
    let profile = dir.path().join("profile");
    let out = Command::new("chromium")
        .args(chromium_args())
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--no-pdf-header-footer")
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(pdf.is_file(), "{}", String::from_utf8_lossy(&out.stderr));
    let info = poppler("pdfinfo", &[], &pdf);
    let size = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .unwrap()
        .trim()
        .to_string();
    // A4 is 595.28 × 841.89 pt; Chromium rounds to whole pixels.
    let (w, h): (f32, f32) = {
        let mut it = size.split_whitespace();
        let w = it.next().unwrap().parse().unwrap();
        it.next();
        (w, it.next().unwrap().parse().unwrap())
    };
    assert!(
        (w - 595.28).abs() < 1.0 && (h - 841.89).abs() < 1.0,
        "{size}"
    );
    let words = word_boxes(&pdf);
    let first = |text: &str| {
        words
            .iter()
            .find(|w| w.page == 0 && w.text == text)
            .unwrap_or_else(|| panic!("{text}"))
            .clone()
    };
    // The Quốc hiệu stands right of the issuer, on the same band.
    let issuer = first("ỦY");
    let national = first("CỘNG");
    assert!(
        national.x_min > issuer.x_max + 20.0,
        "{issuer:?} {national:?}"
    );
    assert!(
        (national.y_min - issuer.y_min).abs() < 4.0,
        "{issuer:?} {national:?}"
    );
    // Body lines start at the left margin (30 mm), the first line indented 1 cm.
    let margin = 30.0 * 72.0 / 25.4;
    let body_left = words
        .iter()
        .filter(|w| w.page == 1)
        .map(|w| w.x_min)
        .fold(f32::MAX, f32::min);
    assert!((body_left - margin).abs() < 1.5, "{body_left} vs {margin}");
    let ngay = first("Ngày");
    assert!(
        (ngay.x_min - (margin + 10.0 * 72.0 / 25.4)).abs() < 1.5,
        "first-line indent: {ngay:?}"
    );
    // The page number from page 2, none on page 1.
    let text = pdf_text(&pdf);
    let pages: Vec<&str> = text.split('\u{c}').collect();
    assert!(pages.len() >= 4, "{} pages", pages.len());
    assert_eq!(pages[1].split_whitespace().next(), Some("2"));
}

/// `ketluan site` over `meetings` on `today`, which must succeed; what it printed.
fn build_site(meetings: &Path, out: &Path, today: &str) -> std::process::Output {
    ketluan_ok(&[
        "site",
        meetings.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--today",
        today,
    ])
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    v.sort();
    v
}

#[test]
fn the_site_links_resolve_and_its_dashboard_counts_what_tasks_counts() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    build_site(&root().join("meetings"), &site, "2021-03-01");
    let pages = html_files(&site);
    assert!(pages.iter().any(|p| p.ends_with("index.html")));
    assert!(pages.iter().any(|p| p.ends_with("nhiem-vu.html")));
    assert!(pages
        .iter()
        .any(|p| p.ends_with("2021-02-24-hop-ubnd-thang-02.cuoc-hop.html")));
    let mut links = 0;
    for page in &pages {
        let doc = parse(page);
        for a in doc.select(&sel("a[href]")) {
            let href = a.value().attr("href").unwrap();
            assert!(!href.contains(':') && !href.starts_with('/'), "{href}");
            let target = href.split('#').next().unwrap();
            assert!(site.join(target).is_file(), "{}: {href}", page.display());
            links += 1;
        }
    }
    assert!(links > 40, "{links} links");
    // Every document of the archive is in the index, newest first.
    let index = parse(&site.join("index.html"));
    let dates: Vec<String> = index
        .select(&sel("tr[data-search] td.n"))
        .map(|td| td.text().collect())
        .collect();
    assert_eq!(dates.len(), 5, "{dates:?}");
    let iso = |d: &String| format!("{}{}{}", &d[6..], &d[3..5], &d[..2]);
    assert!(
        dates.windows(2).all(|w| iso(&w[0]) >= iso(&w[1])),
        "{dates:?}"
    );
    // The dashboard's counts are those of an independent reading of the
    // meeting files on the same day (common::oracle), unit by unit.
    let tasks = oracle::archive_tasks(&root().join("meetings"));
    let by_lead = oracle::by_lead(&tasks, oracle::Day::parse("2021-03-01"));
    let dashboard = parse(&site.join("nhiem-vu.html"));
    let rows: BTreeMap<String, Vec<String>> = dashboard
        .select(&sel("main > table:first-of-type tbody tr"))
        .map(|tr| {
            let cells: Vec<String> = tr
                .select(&sel("td"))
                .map(|td| td.text().collect())
                .collect();
            // The counts; the last cell links the unit's files
            // (tests/site_units.rs).
            (cells[0].clone(), cells[1..7].to_vec())
        })
        .collect();
    let expected: BTreeMap<String, Vec<String>> = by_lead
        .into_iter()
        .map(|(unit, c)| (unit, c.iter().map(u64::to_string).collect()))
        .collect();
    assert_eq!(rows, expected);
    let chart = dashboard
        .select(&sel("svg.chart"))
        .next()
        .expect("the chart");
    assert_eq!(
        chart.select(&sel("pattern")).count(),
        3,
        "fill patterns, not colours"
    );
    let overdue = text_of(&dashboard, "main > table:nth-of-type(2)");
    assert!(overdue.contains("29 ngày"), "{overdue}");
    // Two builds of the same archive on the same day: the same bytes.
    let again = dir.path().join("again");
    build_site(&root().join("meetings"), &again, "2021-03-01");
    // Every file, the units' folder (don-vi/) included; not the dot files
    // (the manifest names its folder).
    let names: Vec<PathBuf> = files_under(&site)
        .into_iter()
        .map(|f| f.strip_prefix(&site).unwrap().to_path_buf())
        .filter(|f| !f.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    assert!(names.iter().any(|n| n.starts_with("don-vi")), "{names:?}");
    for name in &names {
        assert!(
            std::fs::read(site.join(name)).unwrap() == std::fs::read(again.join(name)).unwrap(),
            "{}",
            name.display()
        );
    }
}

/// The cells of a table row: text (white space folded) and the links.
fn row_cells(tr: scraper::ElementRef) -> Vec<(String, Vec<String>)> {
    tr.select(&sel("td"))
        .map(|td| {
            let text = td
                .text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let links = td
                .select(&sel("a[href]"))
                .map(|a| a.value().attr("href").unwrap().to_string())
                .collect();
            (text, links)
        })
        .collect()
}

/// The metadata table of a document's page: label → value.
fn page_metadata(page: &Path) -> BTreeMap<String, String> {
    let doc = parse(page);
    doc.select(&sel("tr"))
        .filter_map(|tr| {
            let th = tr.select(&sel("th[scope=row]")).next()?;
            let td = tr.select(&sel("td")).next()?;
            Some((th.text().collect(), td.text().collect()))
        })
        .collect()
}

/// What a PDF's metadata says (pdfinfo): field → value.
fn pdf_info(pdf: &Path) -> BTreeMap<String, String> {
    poppler("pdfinfo", &[], pdf)
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.to_string(), v.trim().to_string()))
        .collect()
}

#[test]
fn each_index_row_links_its_own_documents_and_meeting() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    build_site(&root().join("meetings"), &site, "2021-03-01");
    let index = parse(&site.join("index.html"));
    let rows: Vec<_> = index
        .select(&sel("tr[data-search]"))
        .map(row_cells)
        .collect();
    assert_eq!(rows.len(), 5);
    let kinds: Vec<&str> = rows.iter().map(|r| r[2].0.as_str()).collect();
    for kind in ["Thông báo", "Giấy mời", "Biên bản"] {
        assert!(kinds.contains(&kind), "a {kind} row in {kinds:?}");
    }
    let poppler = tool_available("pdfinfo") && tool_available("pdftotext");
    for row in &rows {
        let (number, kind) = (&row[0].0, &row[2].0);
        let summary = row[3].0.trim_end_matches(" (cuộc họp)").to_string();
        let files = &row[4].1;
        assert_eq!(files.len(), 3, "HTML, PDF, DOCX: {row:?}");
        let numbered = number != "(dự thảo)";
        // The page's metadata names this document.
        let html = files.iter().find(|f| f.ends_with(".html")).unwrap();
        let meta = page_metadata(&site.join(html));
        assert_eq!(meta["Loại văn bản"], *kind, "{html}");
        assert_eq!(meta["Trích yếu"], summary, "{html}");
        if numbered {
            assert_eq!(meta["Số ký hiệu"], *number, "{html}");
        }
        // So does the DOCX's text.
        let docx = files.iter().find(|f| f.ends_with(".docx")).unwrap();
        let texts = docx_texts(&site.join(docx));
        assert!(texts.contains(&kind.to_uppercase()), "{docx}: {kind}");
        if numbered {
            assert!(
                texts.iter().any(|t| *t == format!("Số: {number}")),
                "{docx}: {number}"
            );
        }
        // And the PDF's, with its metadata.
        let pdf = files.iter().find(|f| f.ends_with(".pdf")).unwrap();
        if poppler {
            let info = pdf_info(&site.join(pdf));
            assert_eq!(info["Title"], summary, "{pdf}");
            assert!(
                info["Subject"].starts_with(&kind.to_uppercase()),
                "{pdf}: {info:?}"
            );
            let text = pdf_text(&site.join(pdf));
            assert!(text.contains(&kind.to_uppercase()), "{pdf}");
            if numbered {
                assert!(text.contains(&format!("Số: {number}")), "{pdf}: {number}");
            }
        }
        // The meeting's page lists the same document with the same files.
        let meeting = &row[3].1;
        assert_eq!(meeting.len(), 1, "{row:?}");
        let page = parse(&site.join(&meeting[0]));
        let listed: Vec<_> = page
            .select(&sel("main > table:first-of-type tbody tr"))
            .map(row_cells)
            .collect();
        assert!(
            listed.iter().any(|r| r[0].0 == *kind
                && r[1].0 == *number
                && r[3].0 == summary
                && r[4].1 == *files),
            "{} lists {kind} {number}: {listed:?}",
            meeting[0]
        );
    }
}

#[test]
fn each_meeting_page_shows_its_meeting_and_every_task_as_the_files_say() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    build_site(&root().join("meetings"), &site, "2021-03-01");
    let today = oracle::Day::parse("2021-03-01");
    let tasks = oracle::archive_tasks(&root().join("meetings"));
    let files = oracle::meeting_files(&root().join("meetings"));
    assert!(files.len() >= 3);
    for file in files {
        let yaml: serde_json::Value =
            serde_saphyr::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
        let page = parse(&site.join(format!("{stem}.cuoc-hop.html")));
        let m = &yaml["meeting"];
        // The heading is the meeting's name, its first letter a capital.
        let name = m["name"].as_str().unwrap();
        let mut heading = name.chars();
        let first = heading.next().unwrap().to_uppercase().to_string();
        assert_eq!(text_of(&page, "h1"), format!("{first}{}", heading.as_str()));
        let intro = text_of(&page, "main > p");
        let date = m["date"].as_str().unwrap();
        let ddmmyyyy = format!("{}/{}/{}", &date[8..10], &date[5..7], &date[..4]);
        for part in [
            ddmmyyyy.as_str(),
            m["chair"]["name"].as_str().unwrap(),
            m["chair"]["title"].as_str().unwrap(),
        ] {
            assert!(intro.contains(part), "{stem}: {part} in {intro}");
        }
        // Its tasks, in order: place, lead, deadline, standing with the
        // days late of an overdue one.
        let mine: Vec<&oracle::Task> = tasks
            .iter()
            .filter(|t| t.id.starts_with(&format!("{stem}#")))
            .collect();
        let rows: Vec<Vec<String>> = page
            .select(&sel("main > table:nth-of-type(2) tbody tr"))
            .map(|tr| row_cells(tr).into_iter().map(|(t, _)| t).collect())
            .collect();
        assert_eq!(rows.len(), mine.len(), "{stem}: {rows:#?}");
        assert!(
            text_of(&page, "main > h2:nth-of-type(2)").ends_with(&format!("({})", mine.len())),
            "{stem}"
        );
        for (row, t) in rows.iter().zip(&mine) {
            assert_eq!(row[0], t.place(), "{stem}");
            let lead = if t.leads.is_empty() {
                String::new()
            } else {
                t.leads.join("; ")
            };
            assert_eq!(row[2], lead, "{stem} {}", t.id);
            let deadline = t.deadline().map(oracle::Day::numeric).unwrap_or_default();
            assert_eq!(row[3], deadline, "{stem} {}", t.id);
            let standing = t.standing(today);
            let want = match t.days_late(today).filter(|_| standing == "open_overdue") {
                Some(n) => format!("{} ({n} ngày)", oracle::label(standing)),
                None => oracle::label(standing).to_string(),
            };
            assert_eq!(row[4], want, "{stem} {}", t.id);
        }
    }
}

/// A fresh folder with a `meetings/` copy of two examples (the January
/// notice and the February meeting with its three documents).
fn two_examples() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let meetings = dir.path().join("meetings");
    std::fs::create_dir_all(&meetings).unwrap();
    for name in [
        "2021-01-25-phien-hop-ubnd-thang-01.yaml",
        "2021-02-24-hop-ubnd-thang-02.yaml",
    ] {
        std::fs::copy(root().join("meetings").join(name), meetings.join(name)).unwrap();
    }
    (dir, meetings)
}

/// `ketluan site` over `meetings` on `today`: how many pages it says it
/// wrote (`…, N trang cập nhật`).
fn pages_written(meetings: &Path, out: &Path, today: &str) -> usize {
    let o = build_site(meetings, out, today);
    let text =
        String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    text.split(" trang cập nhật")
        .next()
        .and_then(|head| head.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("the pages written in {text}"))
}

#[test]
fn the_site_says_how_many_pages_changed() {
    let (dir, meetings) = two_examples();
    let site = dir.path().join("site");
    // First: every page (index, dashboard, a page per meeting).
    let first = pages_written(&meetings, &site, "2021-03-01");
    let pages = html_files(&site)
        .iter()
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name == "index.html" || name == "nhiem-vu.html" || name.ends_with(".cuoc-hop.html")
        })
        .count();
    assert_eq!((first, pages), (4, 4));
    // Again, nothing changed: none.
    assert_eq!(pages_written(&meetings, &site, "2021-03-01"), 0);
    // One task done: its meeting's page and the dashboard.
    let file = meetings.join("2021-02-24-hop-ubnd-thang-02.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = text.replacen(
        "        due: 2021-03-10\n",
        "        due: 2021-03-10\n        status: done\n        done_on: 2021-02-28\n",
        1,
    );
    assert_ne!(edited, text);
    std::fs::write(&file, edited).unwrap();
    assert_eq!(pages_written(&meetings, &site, "2021-03-01"), 2);
}

/// Every file under `dir` (relative path → bytes).
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    files_under(dir)
        .into_iter()
        .map(|p| {
            let name = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect()
}

/// The names of the files that differ between two trees (or are in one only).
fn differing(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    a.keys()
        .chain(b.keys())
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// The site's own pages of a tree: the index, the dashboard, the meeting pages.
fn site_pages(t: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    t.iter()
        .filter(|(k, _)| {
            k == &"index.html" || k == &"nhiem-vu.html" || k.ends_with(".cuoc-hop.html")
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

#[test]
fn a_site_brought_up_to_date_is_the_site_built_afresh() {
    // The site keeps in its manifest what its pages need of each meeting and
    // reads again only the meetings that changed; after every kind of change
    // its folder must hold the bytes a build into an empty folder gives.
    let (dir, meetings) = two_examples();
    std::fs::create_dir(meetings.join("van-phong")).unwrap();
    for name in ["ketluan.yaml", "2021-03-15-hop-giao-ban-van-phong.yaml"] {
        let from = root().join("meetings/van-phong").join(name);
        std::fs::copy(from, meetings.join("van-phong").join(name)).unwrap();
    }
    let site = dir.path().join("site");
    let afresh = |name: &str, today: &str| {
        let out = dir.path().join(name);
        build_site(&meetings, &out, today);
        tree(&out)
    };
    build_site(&meetings, &site, "2021-03-01");
    assert!(differing(&tree(&site), &afresh("a", "2021-03-01")).is_empty());

    // A task done in one meeting.
    let file = meetings.join("2021-02-24-hop-ubnd-thang-02.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = text.replacen(
        "        due: 2021-03-10\n",
        "        due: 2021-03-10\n        status: done\n        done_on: 2021-02-28\n",
        1,
    );
    assert_ne!(edited, text);
    std::fs::write(&file, edited).unwrap();
    build_site(&meetings, &site, "2021-03-01");
    assert_eq!(
        differing(&tree(&site), &afresh("b", "2021-03-01")),
        Vec::<String>::new()
    );

    // Another day: every task stands differently, no meeting changed.
    build_site(&meetings, &site, "2021-04-15");
    assert_eq!(
        differing(&tree(&site), &afresh("c", "2021-04-15")),
        Vec::<String>::new()
    );

    // The documents rendered by `render` into the site's folder: a manifest
    // without the site's records, which are then made from the meetings.
    ketluan_ok(&[
        "render",
        meetings.to_str().unwrap(),
        "--out",
        site.to_str().unwrap(),
        "--format",
        "docx,pdf,html",
        "--force",
    ]);
    build_site(&meetings, &site, "2021-04-15");
    assert_eq!(
        differing(&tree(&site), &afresh("d", "2021-04-15")),
        Vec::<String>::new()
    );

    // A meeting broken, then one deleted: the pages leave them out as a
    // site built afresh does (their old documents stay until `--prune`).
    let broken = meetings.join("2021-01-25-phien-hop-ubnd-thang-01.yaml");
    let good = std::fs::read_to_string(&broken).unwrap();
    std::fs::write(&broken, good.replacen("notice:", "notice: [", 1)).unwrap();
    // A site with a broken meeting fails (the build reports it).
    let site_failing = |out: &Path| {
        let o = ketluan(&[
            "site",
            meetings.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--today",
            "2021-04-15",
        ]);
        assert!(!o.status.success());
    };
    site_failing(&site);
    let fresh = dir.path().join("e");
    site_failing(&fresh);
    let (now, fresh) = (site_pages(&tree(&site)), site_pages(&tree(&fresh)));
    let stale_page = "2021-01-25-phien-hop-ubnd-thang-01.cuoc-hop.html".to_string();
    assert_eq!(differing(&now, &fresh), vec![stale_page.clone()]);
    std::fs::remove_file(&broken).unwrap();
    build_site(&meetings, &site, "2021-04-15");
    let fresh = site_pages(&afresh("f", "2021-04-15"));
    assert_eq!(
        differing(&site_pages(&tree(&site)), &fresh),
        vec![stale_page]
    );
}

/// A running `ketluan serve` over a copy of the examples, stopped on drop.
struct Server {
    child: Child,
    address: String,
    meetings: PathBuf,
    _dir: tempfile::TempDir,
}

impl Server {
    fn start() -> Server {
        Server::start_with(&[])
    }

    /// `ketluan serve --port 0 … <extra…>` over a copy of two examples.
    fn start_with(extra: &[&str]) -> Server {
        let (dir, meetings) = two_examples();
        let mut child = ketluan_command()
            .args([
                "serve",
                "--port",
                "0",
                "--debounce",
                "50",
                "--today",
                "2021-03-01",
            ])
            .args(extra)
            .arg(&meetings)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let address = preview_address(&line);
        Server {
            child,
            address,
            meetings,
            _dir: dir,
        }
    }

    /// A raw `GET` of `path` as written (no client normalises it): (status, body).
    fn get(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.address
        )
        .unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let response = String::from_utf8_lossy(&response).into_owned();
        let status = response
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = response
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (status, body)
    }

    /// Polls `path` until `done` holds for its body (at most 10 s).
    fn wait_for(&self, path: &str, done: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let (status, body) = self.get(path);
            if status == 200 && done(&body) {
                return body;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "timed out on {path}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends SIGINT; returns how long the server took to exit.
    fn interrupt(&mut self) -> Duration {
        let start = Instant::now();
        let ok = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok);
        loop {
            if self.child.try_wait().unwrap().is_some() {
                return start.elapsed();
            }
            assert!(
                start.elapsed() < Duration::from_secs(5),
                "still running after SIGINT"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const GM_PAGE: &str = "/2021-02-24-hop-ubnd-thang-02.giay-moi.html";

#[test]
fn serve_makes_the_dashboard_again_when_a_task_changes_and_only_the_page_when_not() {
    // The preview keeps what its lists were made from; an edit that changes
    // no task (the location) shows on the meeting's pages, and the next
    // one, a task done, must still reach the dashboard.
    let server = Server::start();
    // A served page ends with the preview's reload script, which carries the
    // build's number: pages are compared without it.
    let page = |body: &str| match body.split_once("<script>") {
        Some((head, rest)) => head.to_string() + rest.split_once("</script>").map_or("", |r| r.1),
        None => body.to_string(),
    };
    let dashboard = page(&server.wait_for("/nhiem-vu.html", |_| true));
    let file = server.meetings.join("2021-02-24-hop-ubnd-thang-02.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let moved = text.replace("Phòng họp tầng 3", "Hội trường tầng 1");
    std::fs::write(&file, &moved).unwrap();
    server.wait_for(GM_PAGE, |b| b.contains("Hội trường tầng 1"));
    assert!(
        page(&server.get("/nhiem-vu.html").1) == dashboard,
        "the dashboard changed"
    );
    let done = moved.replacen(
        "        due: 2021-03-10\n",
        "        due: 2021-03-10\n        status: done\n        done_on: 2021-02-28\n",
        1,
    );
    assert_ne!(done, moved);
    std::fs::write(&file, done).unwrap();
    let after = page(&server.wait_for("/nhiem-vu.html", |b| page(b) != dashboard));
    // As a site built afresh from the same files shows it.
    let fresh = tempfile::tempdir().unwrap();
    build_site(&server.meetings, fresh.path(), "2021-03-01");
    let expected = page(&std::fs::read_to_string(fresh.path().join("nhiem-vu.html")).unwrap());
    assert!(
        after == expected,
        "the dashboard is not the one built afresh"
    );
    // A meeting deleted: no record changed, the meetings on the site did.
    let january = server
        .meetings
        .join("2021-01-25-phien-hop-ubnd-thang-01.yaml");
    std::fs::remove_file(january).unwrap();
    let fewer = page(&server.wait_for("/nhiem-vu.html", |b| page(b) != after));
    let fresh = tempfile::tempdir().unwrap();
    build_site(&server.meetings, fresh.path(), "2021-03-01");
    let expected = page(&std::fs::read_to_string(fresh.path().join("nhiem-vu.html")).unwrap());
    assert!(
        fewer == expected,
        "the dashboard still counts the deleted meeting"
    );
}

#[test]
fn serve_answers_only_the_site_shows_errors_and_stops_on_sigint() {
    let mut server = Server::start();
    assert!(
        server.address.starts_with("127.0.0.1:"),
        "{}",
        server.address
    );
    let (status, index) = server.get("/");
    assert_eq!(status, 200);
    assert!(index.contains("Văn bản đã ban hành"));
    assert!(index.contains("EventSource('/__ketluan/events')"));
    let (status, page) = server.get(GM_PAGE);
    assert_eq!(status, 200);
    assert!(page.contains("trân trọng kính mời"));
    for bad in [
        "/../Cargo.toml",
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/..%2f..%2f..%2fetc%2fpasswd",
        "/%252e%252e/etc/passwd",
        "/..%5c..%5cetc%5cpasswd",
        "//etc/passwd",
        "/etc/passwd",
        "/.ketluan-manifest.json",
        "/index.html%00.pdf",
    ] {
        let (status, body) = server.get(bad);
        assert_eq!(status, 404, "{bad}");
        assert!(!body.contains("root:"), "{bad}");
    }
    // A broken save: the page shows where, and keeps the last good document.
    let file = server.meetings.join("2021-02-24-hop-ubnd-thang-02.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let line = text.lines().position(|l| l.starts_with("  time:")).unwrap() + 1;
    std::fs::write(
        &file,
        text.replace("  time: 08 giờ 00", "  time: 08 giờ 00\n    x: [không đóng"),
    )
    .unwrap();
    let page = server.wait_for(GM_PAGE, |b| b.contains("ketluan-problems"));
    let place = format!("2021-02-24-hop-ubnd-thang-02.yaml:{}:", line + 1);
    assert!(page.contains(&place), "{place} in the page");
    assert!(
        page.contains("trân trọng kính mời"),
        "the last good document stays"
    );
    // Mended: the banner goes.
    std::fs::write(&file, &text).unwrap();
    server.wait_for(GM_PAGE, |b| !b.contains("ketluan-problems"));
    let took = server.interrupt();
    println!("stopped {took:?} after SIGINT");
    assert!(took < Duration::from_secs(2), "{took:?}");
}

/// A free port on loopback.
/// Whether anything answers a TCP connection at `address` (within 2 s).
fn answers(address: &str) -> bool {
    let address: std::net::SocketAddr = address.parse().unwrap();
    TcpStream::connect_timeout(&address, Duration::from_secs(2)).is_ok()
}

#[test]
fn serve_listens_on_the_loopback_address_it_is_given_and_only_there() {
    // By default 127.0.0.1 only; with --host another address (here another
    // loopback address, 127.0.0.2), that one only.
    let server = Server::start();
    let port = server.address.rsplit_once(':').unwrap().1.to_string();
    assert_eq!(server.address, format!("127.0.0.1:{port}"));
    assert_eq!(server.get("/").0, 200);
    assert!(
        !answers(&format!("127.0.0.2:{port}")),
        "127.0.0.2 is not served by default"
    );
    drop(server);
    let server = Server::start_with(&["--host", "127.0.0.2"]);
    let port = server.address.rsplit_once(':').unwrap().1.to_string();
    assert_eq!(
        server.address,
        format!("127.0.0.2:{port}"),
        "the address it says"
    );
    assert_eq!(server.get("/").0, 200, "it answers there");
    assert!(
        !answers(&format!("127.0.0.1:{port}")),
        "and not on 127.0.0.1"
    );
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn a_browser_shows_the_new_text_without_a_reload() {
    if !tool_available("chromium") || !tool_available("chromedriver") {
        return;
    }
    let server = Server::start();
    let port = free_port();
    let mut driver = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into();
    let start = Instant::now();
    while agent.get(&format!("{base}/status")).call().is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let profile = tempfile::tempdir().unwrap();
    let mut args = chromium_args();
    args.push(format!("--user-data-dir={}", profile.path().display()));
    let session: serde_json::Value = agent
        .post(&format!("{base}/session"))
        .send_json(serde_json::json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": args}
        }}}))
        .unwrap()
        .body_mut()
        .read_json()
        .unwrap();
    let id = session["value"]["sessionId"].as_str().unwrap().to_string();
    let session = format!("{base}/session/{id}");
    agent
        .post(&format!("{session}/url"))
        .send_json(serde_json::json!({"url": format!("http://{}{GM_PAGE}", server.address)}))
        .unwrap();
    // The page's text; empty while the browser is between two pages (a
    // script cannot run during the reload).
    let body_text = || -> String {
        agent
            .post(&format!("{session}/execute/sync"))
            .send_json(serde_json::json!({"script": "return document.body.innerText", "args": []}))
            .ok()
            .and_then(|mut r| r.body_mut().read_json::<serde_json::Value>().ok())
            .and_then(|v| v["value"].as_str().map(str::to_string))
            .unwrap_or_default()
    };
    assert!(body_text().contains("Phòng họp tầng 3"));
    // The page knows the build it came from: any later build reloads it.
    let file = server.meetings.join("2021-02-24-hop-ubnd-thang-02.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let saved = Instant::now();
    std::fs::write(&file, text.replace("Phòng họp tầng 3", "Hội trường tầng 1")).unwrap();
    let mut shown = None;
    while saved.elapsed() < Duration::from_secs(15) {
        if body_text().contains("Hội trường tầng 1") {
            shown = Some(saved.elapsed());
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let _ = agent.delete(&session).call();
    let _ = driver.kill();
    let _ = driver.wait();
    let shown = shown.expect("the browser showed the new text by itself");
    println!("saved → shown in the browser: {shown:?}");
}
