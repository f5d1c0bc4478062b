//! Awkward but valid input must render, and its text must come back out of
//! both files: the DOCX (the `w:t` text of `word/document.xml`) and the PDF
//! (`pdftotext`). Byte order mark, CRLF, NFD Vietnamese, XML and PDF
//! specials, typographic punctuation, no-break spaces, tabs, emoji (replaced,
//! with a warning), very long words and addresses, a 200 KB paragraph and
//! 2,000 tasks.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use unicode_normalization::UnicodeNormalization;

/// A valid meeting; the `{…}` slots are filled by each test.
const TEMPLATE: &str = "issuer:
  name: Ủy ban nhân dân tỉnh Lai Châu
  code: UBND
  place: Lai Châu
notice:
  number: 25
  date: 2021-01-27
  summary: {summary}
meeting:
  name: phiên họp tháng 01 năm 2021
  date: 2021-01-25
  chair:
    name: Tống Thanh Hải
    title: Phó Chủ tịch UBND tỉnh
  attendees:
    - {attendee}
agenda:
  - title: {title}
    conclusion: |
{conclusion}
    tasks:
{tasks}
signer:
  position: Chánh Văn phòng
  name: Nguyễn Văn A
";

struct Slots<'a> {
    summary: &'a str,
    attendee: &'a str,
    title: &'a str,
    /// Lines of the conclusion, already indented by 6 spaces.
    conclusion: &'a str,
    /// The task list items, already indented.
    tasks: &'a str,
}

impl Default for Slots<'_> {
    fn default() -> Self {
        Slots {
            summary: "Kết luận tại phiên họp UBND tỉnh tháng 01 năm 2021",
            attendee: "các đồng chí Ủy viên UBND tỉnh",
            title: "Về tình hình kinh tế - xã hội",
            conclusion: "      Các cấp, các ngành đã triển khai quyết liệt các nhiệm vụ.",
            tasks:
                "      - lead: Sở Nội vụ\n        do: Tổng hợp báo cáo.\n        due: 2021-02-06",
        }
    }
}

fn meeting_text(s: &Slots) -> String {
    TEMPLATE
        .replace("{summary}", s.summary)
        .replace("{attendee}", s.attendee)
        .replace("{title}", s.title)
        .replace("{conclusion}", s.conclusion)
        .replace("{tasks}", s.tasks)
}

/// Writes a meeting file (as bytes) into a fresh folder.
fn write_meeting(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

/// The text of a PDF, by `pdftotext`, without the page numbers (lines that
/// are only digits), which would otherwise sit inside a paragraph that runs
/// over a page break.
fn pdf_plain(pdf: &Path) -> String {
    poppler("pdftotext", &["-enc", "UTF-8"], pdf)
        .lines()
        .filter(|l| {
            let l = l.trim();
            l.is_empty() || !l.bytes().all(|b| b.is_ascii_digit())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text with every kind of white space (and `-`) removed, to compare across
/// line breaks: `pdftotext` joins a line that ends with `-` to the next one,
/// dropping the `-`, as if it were a hyphenated word.
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect()
}

/// Text with runs of white space (no-break spaces included) as one space.
fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Renders both formats; returns the DOCX paragraphs and, when poppler is
/// installed, the PDF's text.
fn render_both(meeting: &Path) -> (Vec<String>, Option<String>) {
    let (_d, docx) = render_to(meeting, "docx", &[]);
    let paragraphs = docx_texts(&docx);
    let pdf = tool_available("pdftotext").then(|| {
        let (_p, pdf) = render_to(meeting, "pdf", &[]);
        pdf_plain(&pdf)
    });
    (paragraphs, pdf)
}

fn has_paragraph(paragraphs: &[String], text: &str) -> bool {
    paragraphs.iter().any(|p| p == text)
}

#[test]
fn byte_order_mark_and_crlf_line_endings() {
    let text = meeting_text(&Slots {
        conclusion:
            "      Đoạn thứ nhất của kết luận.\n\n      Đoạn thứ hai, \\\n      có ngắt dòng.",
        ..Slots::default()
    });
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(text.replace('\n', "\r\n").into_bytes());
    let (_dir, path) = write_meeting("bom-crlf.yaml", &bytes);
    let out = ketluan(&["check", path.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let (paragraphs, pdf) = render_both(&path);
    assert!(
        has_paragraph(&paragraphs, "Đoạn thứ nhất của kết luận."),
        "{paragraphs:#?}"
    );
    assert!(
        has_paragraph(&paragraphs, "Đoạn thứ hai,\ncó ngắt dòng."),
        "{paragraphs:#?}"
    );
    assert!(has_paragraph(
        &paragraphs,
        "1. Giao Sở Nội vụ chủ trì: Tổng hợp báo cáo. Thời hạn hoàn thành: trước ngày 06/02/2021."
    ));
    assert!(paragraphs
        .iter()
        .all(|p| !p.contains('\r') && !p.contains('\u{FEFF}')));
    if let Some(pdf) = pdf {
        assert!(words(&pdf).contains("Đoạn thứ nhất của kết luận."), "{pdf}");
        assert!(!pdf.contains('\u{FEFF}'));
    }
}

#[test]
fn crlf_and_bom_do_not_shift_error_locations() {
    let text = meeting_text(&Slots::default()).replace("date: 2021-01-25", "date: 31/02/2021");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(text.replace('\n', "\r\n").into_bytes());
    let (_dir, path) = write_meeting("bom-crlf-broken.yaml", &bytes);
    let p = path.to_str().unwrap();
    let out = ketluan(&["check", p]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains(&format!("{p}:11:9: lỗi: `meeting.date`")),
        "{stderr}"
    );
    assert!(
        !stderr.contains('␍') && !stderr.contains('\r'),
        "no carriage return shown: {stderr}"
    );
}

#[test]
fn nfd_vietnamese_comes_out_nfc() {
    let nfc = meeting_text(&Slots {
        conclusion: "      Quyết liệt triển khai nhiệm vụ **trọng tâm** của tỉnh.",
        ..Slots::default()
    });
    let nfd: String = nfc.nfd().collect();
    assert_ne!(nfd, nfc, "the input really is decomposed");
    let (_dir, path) = write_meeting("nfd.yaml", nfd.as_bytes());
    let (paragraphs, pdf) = render_both(&path);
    let combining = |s: &str| s.chars().any(|c| ('\u{300}'..='\u{36F}').contains(&c));
    for p in &paragraphs {
        assert!(!combining(p), "combining marks left in {p:?}");
        assert_eq!(*p, p.nfc().collect::<String>());
    }
    assert!(
        has_paragraph(&paragraphs, "ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU"),
        "{paragraphs:#?}"
    );
    assert!(has_paragraph(
        &paragraphs,
        "Quyết liệt triển khai nhiệm vụ trọng tâm của tỉnh."
    ));
    assert!(has_paragraph(
        &paragraphs,
        "Kết luận tại phiên họp UBND tỉnh tháng 01 năm 2021"
    ));
    if let Some(pdf) = pdf {
        assert!(!combining(&pdf), "combining marks in the PDF text");
        assert!(words(&pdf).contains("Quyết liệt triển khai nhiệm vụ trọng tâm của tỉnh."));
        assert!(pdf.contains("Tống Thanh Hải"));
    }
}

/// XML and PDF specials, typographic punctuation, no-break spaces, tabs.
#[test]
fn specials_and_typography_round_trip() {
    let special = r"<w:p> & ]]> \ ( ) “ngoặc kép” ‘đơn’ — gạch dài – ngắn";
    let nbsp = "Số\u{A0}25/TB-UBND";
    let text = meeting_text(&Slots {
        summary: &format!("'Kết luận {special}'"),
        attendee: &format!("'đại diện Công ty A&B (Hà Nội) {nbsp}'"),
        title: "\"Về\\tviệc <b>xử lý</b> & kiểm tra\"",
        conclusion: "      Chuỗi <w:p> & ]]> và đường dẫn C:\\thư mục (bản sao) — “ngay”.\n\n      Trước\ttab, sau no-break: Điều\u{A0}5.",
        tasks: "      - lead: 'Sở Tài chính (STC) & Kho bạc <Nhà nước>'\n        do: 'Ghi nhận ]]> và \\ cùng ( ) trong văn bản.'",
    });
    let (_dir, path) = write_meeting("specials.yaml", text.as_bytes());
    let out = ketluan(&["check", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        !stderr.contains(": cảnh báo: "),
        "no warning for drawable text: {stderr}"
    );

    let (paragraphs, pdf) = render_both(&path);
    let expected = [
        format!("Kết luận {special}"),
        "I. Về việc <b>xử lý</b> & kiểm tra".to_string(),
        "Chuỗi <w:p> & ]]> và đường dẫn C:\\thư mục (bản sao) — “ngay”.".to_string(),
        "Trước tab, sau no-break: Điều\u{A0}5.".to_string(),
        "1. Giao Sở Tài chính (STC) & Kho bạc <Nhà nước> chủ trì: Ghi nhận ]]> và \\ cùng ( ) trong văn bản.".to_string(),
    ];
    let summary_lines: String = paragraphs
        .iter()
        .find(|p| p.starts_with("Kết luận"))
        .map(|p| p.replace('\n', " "))
        .unwrap_or_default();
    assert_eq!(summary_lines, expected[0], "the trích yếu");
    for e in &expected[1..] {
        assert!(
            has_paragraph(&paragraphs, e),
            "{e:?} not in {paragraphs:#?}"
        );
    }
    assert!(
        paragraphs
            .iter()
            .any(|p| p.contains(&format!("đại diện Công ty A&B (Hà Nội) {nbsp}"))),
        "the no-break space is kept"
    );
    if let Some(pdf) = pdf {
        let pdf = words(&pdf);
        for e in &expected {
            assert!(pdf.contains(&words(e)), "{e:?} not in the PDF text:\n{pdf}");
        }
    }
}

#[test]
fn emoji_are_replaced_with_a_warning_never_a_blank_box() {
    let text = meeting_text(&Slots {
        tasks: "      - lead: Sở Nội vụ\n        do: Hoàn thành trước Tết 🎉👨‍👩‍👧, báo cáo 👍.",
        ..Slots::default()
    });
    let (_dir, path) = write_meeting("emoji.yaml", text.as_bytes());
    let p = path.to_str().unwrap();
    let out = ketluan(&["check", p]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(0),
        "a warning, not an error: {stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "{p}:23:34: cảnh báo: `agenda[1].tasks[1].do`: phông chữ không có ký tự `🎉` (U+1F389)"
        )),
        "{stderr}"
    );
    let (paragraphs, pdf) = render_both(&path);
    let task = "1. Giao Sở Nội vụ chủ trì: Hoàn thành trước Tết ?, báo cáo ?.";
    assert!(has_paragraph(&paragraphs, task), "{paragraphs:#?}");
    if let Some(pdf) = pdf {
        assert!(words(&pdf).contains(task), "{pdf}");
    }
}

#[test]
fn very_long_words_and_addresses_wrap_inside_the_margins() {
    let url = format!(
        "https://laichau.gov.vn/{}?ma-van-ban={}",
        "thu-muc-con/".repeat(25),
        "x".repeat(150)
    );
    let word = "Chủtịch".repeat(60);
    let text = meeting_text(&Slots {
        conclusion: &format!("      Xem tại {url} và {word}."),
        ..Slots::default()
    });
    let (_dir, path) = write_meeting("long-words.yaml", text.as_bytes());
    let (paragraphs, _) = render_both(&path);
    assert!(has_paragraph(
        &paragraphs,
        &format!("Xem tại {url} và {word}.")
    ));
    if tool_available("pdftotext") {
        let (_p, pdf) = render_to(&path, "pdf", &[]);
        let text = pdf_plain(&pdf);
        assert!(squeeze(&text).contains(&squeeze(&format!("Xem tại {url} và {word}."))));
        // Every word box stays inside the page's text area (A4, margins 30/15 mm).
        let right = (210.0 - 15.0) / 25.4 * 72.0 + 1.0;
        for w in word_boxes(&pdf) {
            assert!(w.x_max <= right, "{w:?} passes the right margin");
        }
    }
}

#[test]
fn a_200_kb_paragraph() {
    let vocabulary = [
        "các", "cấp", "ngành", "đã", "triển", "khai", "quyết", "liệt", "nhiệm", "vụ", "phát",
        "triển", "kinh", "tế", "xã", "hội", "bảo", "đảm", "an", "ninh",
    ];
    let mut paragraph = String::new();
    let mut i = 0usize;
    while paragraph.len() < 200 * 1024 {
        if !paragraph.is_empty() {
            paragraph.push(' ');
        }
        paragraph.push_str(vocabulary[(i * 7 + i / 3) % vocabulary.len()]);
        i += 1;
    }
    paragraph.push('.');
    let text = meeting_text(&Slots {
        conclusion: &format!("      {paragraph}"),
        ..Slots::default()
    });
    let (_dir, path) = write_meeting("long-paragraph.yaml", text.as_bytes());
    let started = std::time::Instant::now();
    let (paragraphs, pdf) = render_both(&path);
    eprintln!(
        "a {} KB paragraph rendered to DOCX and PDF in {:.1?}",
        paragraph.len() / 1024,
        started.elapsed()
    );
    assert!(
        has_paragraph(&paragraphs, &paragraph),
        "the paragraph is whole in the DOCX"
    );
    if let Some(pdf) = pdf {
        assert!(
            squeeze(&pdf).contains(&squeeze(&paragraph)),
            "the paragraph is whole in the PDF"
        );
    }
}

#[test]
fn two_thousand_tasks() {
    let tasks: String = (1..=2000)
        .map(|i| {
            format!(
                "      - lead: Sở Nội vụ\n        do: Nhiệm vụ số {i} về tổng hợp báo cáo.\n        due: 2021-02-06\n"
            )
        })
        .collect();
    let text = meeting_text(&Slots {
        tasks: tasks.trim_end(),
        ..Slots::default()
    });
    let (_dir, path) = write_meeting("tasks-2000.yaml", text.as_bytes());
    let started = std::time::Instant::now();
    let (paragraphs, pdf) = render_both(&path);
    eprintln!(
        "2,000 tasks rendered to DOCX and PDF in {:.1?}",
        started.elapsed()
    );
    let numbered: Vec<&String> = paragraphs
        .iter()
        .filter(|p| p.contains("Giao Sở Nội vụ chủ trì: Nhiệm vụ số"))
        .collect();
    assert_eq!(numbered.len(), 2000);
    for (i, p) in numbered.iter().enumerate() {
        let n = i + 1;
        assert!(
            p.starts_with(&format!("{n}. Giao Sở Nội vụ chủ trì: Nhiệm vụ số {n} về")),
            "{p}"
        );
    }
    assert!(
        has_paragraph(&paragraphs, "Nguyễn Văn A"),
        "the signature follows"
    );
    if let Some(pdf) = pdf {
        let pdf = words(&pdf);
        for n in [1, 999, 1000, 2000] {
            let task = format!("{n}. Giao Sở Nội vụ chủ trì: Nhiệm vụ số {n} về tổng hợp báo cáo.");
            assert!(pdf.contains(&task), "{task}");
        }
        assert!(pdf.contains("Nguyễn Văn A"));
    }
}

/// The example notice with a `layout:` block appended, rendered to DOCX and
/// PDF in a fresh folder: (folder, docx, pdf).
fn example_with_layout(layout: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    let file = dir.path().join("tb.yaml");
    std::fs::write(&file, format!("{text}\nlayout:\n{layout}")).unwrap();
    let out = dir.path().join("out");
    render_into(&file, &out, &[]);
    (dir, out.join("tb.docx"), out.join("tb.pdf"))
}

#[test]
fn the_widest_margins_decree_30_allows_keep_every_table_inside_them() {
    // Left 35 mm and right 20 mm (Decree 30's upper bounds) leave 155 mm
    // for the header and signature tables' 65 + 100: they are narrowed
    // (the left column more, so the Quốc hiệu keeps one line), in the
    // DOCX's grid and in the PDF alike.
    let (_d, docx, pdf) = example_with_layout("  margin_left_mm: 35\n  margin_right_mm: 20\n");
    let xml = zip_entry(&docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let text_twips = ((210.0 - 35.0 - 20.0) * 72.0 / 25.4 * 20.0_f32).round() as i64;
    let grids: Vec<i64> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "tblGrid")
        .map(|g| {
            g.children()
                .filter(|c| c.tag_name().name() == "gridCol")
                .map(|c| {
                    c.attributes()
                        .find(|a| a.name() == "w")
                        .unwrap()
                        .value()
                        .parse::<i64>()
                        .unwrap()
                })
                .sum()
        })
        .collect();
    assert!(grids.len() >= 2, "header and signature tables: {grids:?}");
    for sum in &grids {
        assert!(
            (sum - text_twips).abs() <= 2,
            "a table {sum} twips wide, the text {text_twips}"
        );
    }
    if !tool_available("pdftotext") {
        return;
    }
    let (left, right) = (35.0 * 72.0 / 25.4, (210.0 - 20.0) * 72.0 / 25.4);
    for w in word_boxes(&pdf) {
        assert!(
            w.x_min >= left - 0.5 && w.x_max <= right + 0.5,
            "{w:?} outside the margins {left}..{right}"
        );
    }
    // The Quốc hiệu still on one line (the left column gave way).
    let first = &page_lines(&pdf)[0];
    assert!(
        first
            .iter()
            .any(|l| l.ends_with("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")),
        "{first:#?}"
    );
    // And LibreOffice sets the DOCX's narrowed tables as we do.
    if tool_available("soffice") {
        assert_same_lines_as_libreoffice("35/20 mm", &pdf, &docx, Agreement::EXACT);
    }
}

#[test]
fn layouts_at_the_edges_of_their_ranges_lose_no_text() {
    // Found by fuzzing: a left column of a thousandth of a millimetre made
    // the DOCX's rule panic; a 71 pt trích yếu ran off the first page's
    // foot; a signing space longer than the page took the signer's name
    // off the page.
    for (layout, needle) in [
        ("  left_column_mm: 0.001\n", "Nguyễn Văn A"),
        (
            "  summary_size_pt: 71\n",
            "Kết luận của Phó Chủ tịch Thường trực UBND tỉnh tại phiên họp UBND tỉnh tháng 01 năm 2021",
        ),
        ("  signature_space_mm: 431\n", "Nguyễn Văn A"),
    ] {
        let (_d, docx, pdf) = example_with_layout(layout);
        assert!(docx.is_file(), "{layout}");
        if tool_available("pdftotext") {
            let letters = |t: &str| t.split_whitespace().collect::<String>();
            // Page numbers (a number alone on its line) left out.
            let text: String = pdf_text(&pdf)
                .lines()
                .filter(|l| !l.trim().chars().all(|c| c.is_ascii_digit()))
                .collect::<Vec<_>>()
                .join(" ");
            assert!(letters(&text).contains(&letters(needle)), "{layout}: {needle}");
            for w in word_boxes(&pdf) {
                assert!(w.y_max <= 841.9 && w.y_min >= 0.0, "{layout}: {w:?} off the page");
            }
        }
    }
}
