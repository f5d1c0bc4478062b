//! The PDF of the real example and of a generated long meeting, read back
//! with poppler (pdfinfo, pdffonts, pdftotext) and compared with what
//! LibreOffice makes of the DOCX.

mod common;

use std::path::Path;

use common::*;
use ketluan::document::compose;
use ketluan::model::{load_meeting, DocumentKind};
use ketluan::template::Templates;

/// Top, bottom, left, right margins of the house layout, in points.
const MARGIN_TOP: f32 = 20.0 * 72.0 / 25.4;
const MARGIN_BOTTOM: f32 = 20.0 * 72.0 / 25.4;
const MARGIN_LEFT: f32 = 30.0 * 72.0 / 25.4;
const MARGIN_RIGHT: f32 = 15.0 * 72.0 / 25.4;
const PAGE_W: f32 = 595.276;
const PAGE_H: f32 = 841.89;

fn poppler_present() -> bool {
    tool_available("pdftotext") && tool_available("pdfinfo") && tool_available("pdffonts")
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn page_size_fonts_and_metadata() {
    if !poppler_present() {
        return;
    }
    let (_d, pdf) = render_pdf(&root().join(EXAMPLE), &[]);
    let info = poppler("pdfinfo", &[], &pdf);
    assert!(
        info.contains("Page size:       595.276 x 841.89 pts (A4)"),
        "{info}"
    );
    assert!(info.contains("Title:           Kết luận của Phó Chủ tịch Thường trực UBND tỉnh tại phiên họp UBND tỉnh tháng 01 năm 2021"));
    assert!(info.contains("Author:          Ủy ban nhân dân tỉnh Lai Châu"));
    assert!(info.contains("Subject:         THÔNG BÁO Số: 25/TB-UBND"));
    // The notice date (27/01/2021, Vietnam time), not the clock.
    assert!(
        info.contains("CreationDate:    Tue Jan 26 17:00:00 2021 UTC"),
        "{info}"
    );
    let fonts = poppler("pdffonts", &[], &pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 4, "regular, bold, italic, bold italic: {fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert!(cols[0].contains('+'), "subset prefix: {row}");
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            ["yes", "yes", "yes"],
            "embedded, subset, ToUnicode: {row}"
        );
    }
}

#[test]
fn every_sentence_comes_back_as_text() {
    if !poppler_present() {
        return;
    }
    let (_d, pdf) = render_pdf(&root().join(EXAMPLE), &[]);
    let text = poppler("pdftotext", &["-layout", "-enc", "UTF-8"], &pdf);
    // Page numbers stand on lines of their own; a sentence may run across them.
    let without_page_numbers: String = text
        .lines()
        .filter(|l| {
            let t = l.trim();
            t.is_empty() || !t.chars().all(|c| c.is_ascii_digit())
        })
        .collect::<Vec<_>>()
        .join("\n");
    // A word broken after its hyphen (`Covid-` / `19`, as Word and
    // LibreOffice break it) is one word again.
    let mut joined = String::new();
    for line in without_page_numbers.lines() {
        let t = line.trim();
        joined.push_str(if joined.ends_with('-') { t } else { line });
        let hyphen_end = t.len() > 1
            && t.ends_with('-')
            && t[..t.len() - 1]
                .chars()
                .last()
                .is_some_and(char::is_alphanumeric);
        if !hyphen_end {
            joined.push('\n');
        }
    }
    let flat = collapse(&joined);
    let meeting = load_meeting(&root().join(EXAMPLE)).meeting.unwrap();
    let notice = compose(&meeting, DocumentKind::Notice, &Templates::embedded()).unwrap();
    let mut missing = Vec::new();
    for block in &notice.body {
        for sentence in block.plain_text().split_inclusive(". ") {
            let s = collapse(sentence);
            if !s.is_empty() && !flat.contains(&s) {
                missing.push(s);
            }
        }
    }
    assert!(
        missing.is_empty(),
        "sentences not found in the PDF text: {missing:#?}"
    );
    for c in ["ầ", "ẫ", "ậ", "ơ", "ư", "ờ", "ữ", "Đ"] {
        assert!(flat.contains(c), "{c}");
    }
    for needle in HEADER_AND_SIGNER_LINES
        .iter()
        .chain(&["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    {
        assert!(flat.contains(needle), "{needle}");
    }
    assert!(
        text.lines()
            .any(|l| l.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")),
        "the Quốc hiệu is on one line"
    );
    for line in &notice.recipients {
        assert!(flat.contains(line.as_str()), "{line}");
    }
    // Tasks 1 to 10 of section I start their lines.
    let starts: Vec<String> = text.lines().map(|l| l.trim_start().to_string()).collect();
    for n in 1..=10 {
        assert!(
            starts.iter().any(|l| l.starts_with(&format!("{n}. "))),
            "task {n}"
        );
    }
    // NFC throughout: nothing decomposed.
    use unicode_normalization::UnicodeNormalization;
    assert_eq!(text.nfc().collect::<String>(), text);
}

#[test]
fn page_numbers_from_page_two_in_the_top_margin() {
    if !poppler_present() {
        return;
    }
    let (_d, pdf) = render_pdf(&root().join(EXAMPLE), &[]);
    let words = word_boxes(&pdf);
    let pages = words.iter().map(|w| w.page).max().unwrap() + 1;
    assert!(pages >= 2);
    let in_margin = |p: usize| -> Vec<&WordBox> {
        words
            .iter()
            .filter(|w| w.page == p && w.y_max < MARGIN_TOP)
            .collect()
    };
    assert!(in_margin(0).is_empty(), "page 1 shows no number");
    for p in 1..pages {
        let m = in_margin(p);
        assert_eq!(m.len(), 1, "page {}: {m:?}", p + 1);
        assert_eq!(m[0].text, (p + 1).to_string());
        let centre = (m[0].x_min + m[0].x_max) / 2.0;
        let text_centre = MARGIN_LEFT + (PAGE_W - MARGIN_LEFT - MARGIN_RIGHT) / 2.0;
        assert!(
            (centre - text_centre).abs() < 1.0,
            "centred: {centre} vs {text_centre}"
        );
    }
}

#[test]
fn same_input_same_bytes() {
    let (_a, first) = render_pdf(&root().join(EXAMPLE), &[]);
    let (_b, second) = render_pdf(&root().join(EXAMPLE), &[]);
    assert_eq!(
        std::fs::read(first).unwrap(),
        std::fs::read(second).unwrap()
    );
}

#[test]
fn pdfa_2b_for_every_example_and_plain_pdf_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    // krilla's PDF/A-2b validator runs on export: a violation fails the render.
    ketluan_ok(&["render", "meetings", "--out", out, "--format", "pdf"]);
    let pdfs: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    assert!(pdfs.len() >= 2);
    for pdf in &pdfs {
        let bytes = std::fs::read(pdf).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            text.contains("<pdfaid:part>2</pdfaid:part>"),
            "{}",
            pdf.display()
        );
        assert!(
            text.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
            "{}",
            pdf.display()
        );
        assert!(
            text.contains("OutputIntent"),
            "an sRGB output intent: {}",
            pdf.display()
        );
    }
    let (_d, plain) = render_pdf(&root().join(EXAMPLE), &["--no-pdfa"]);
    let bytes = std::fs::read(plain).unwrap();
    assert!(!String::from_utf8_lossy(&bytes).contains("pdfaid:part"));
}

#[test]
fn font_dir_loads_the_users_fonts_or_says_what_is_missing() {
    let fonts = root().join("fonts");
    let (_a, with_dir) = render_pdf(
        &root().join(EXAMPLE),
        &["--font-dir", fonts.to_str().unwrap()],
    );
    let (_b, embedded) = render_pdf(&root().join(EXAMPLE), &[]);
    // The same font files, so the same document.
    assert_eq!(
        std::fs::read(with_dir).unwrap(),
        std::fs::read(embedded).unwrap()
    );
    let empty = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let res = ketluan(&[
        "render",
        EXAMPLE,
        "--format",
        "pdf",
        "--out",
        out.path().to_str().unwrap(),
        "--font-dir",
        empty.path().to_str().unwrap(),
    ]);
    assert!(!res.status.success());
    assert!(String::from_utf8_lossy(&res.stderr).contains("times.ttf"));
}

/// A meeting of 120 numbered tasks with several paragraphs, subtasks and deadlines.
fn long_meeting(dir: &Path) -> std::path::PathBuf {
    let mut y = String::from(
        "issuer: {name: Ủy ban nhân dân tỉnh Lai Châu, code: UBND, place: Lai Châu}\n\
         notice: {number: 7, date: 2021-03-02, summary: Kết luận của Chủ tịch UBND tỉnh tại hội nghị tổng kết công tác năm 2020 và triển khai nhiệm vụ năm 2021 của toàn tỉnh}\n\
         meeting:\n  name: hội nghị tổng kết\n  date: 2021-03-01\n  chair: {name: Trần Tiến Dũng, title: Chủ tịch UBND tỉnh}\n  attendees: [các đồng chí Ủy viên UBND tỉnh, lãnh đạo các sở, ban, ngành]\n\
         agenda:\n",
    );
    for section in 0..3 {
        y.push_str(&format!(
            "  - title: Về nhóm nhiệm vụ số {} của năm 2021 trên địa bàn toàn tỉnh\n    conclusion: |\n      Đoạn mở đầu của mục, đủ dài để chiếm vài dòng: các cấp, các ngành cần tập trung chỉ đạo quyết liệt, đồng bộ các giải pháp phát triển kinh tế - xã hội, bảo đảm quốc phòng - an ninh.\n\n      Đoạn thứ hai với **chữ đậm** và *chữ nghiêng* để thử các kiểu chữ trong một dòng.\n    tasks:\n",
            section + 1
        ));
        for t in 0..40 {
            y.push_str(&format!(
                "      - lead: Sở Kế hoạch và Đầu tư\n        with: [Sở Tài chính, \"UBND các huyện, thành phố\"]\n        due: 2021-0{}-{:02}\n        do: |\n          Nhiệm vụ {t}: rà soát, tổng hợp và tham mưu UBND tỉnh các giải pháp tháo gỡ khó khăn, vướng mắc trong giải ngân vốn đầu tư công, bảo đảm tiến độ các công trình trọng điểm, Đồngthờikiểmtrađánhgiáchitiếttừngdựánmộtcáchcụthểvàrõràngnhấtcóthểđồngthờikiểmtrađánhgiáchitiếttừngdựánmộtcáchcụthểvàrõràng.\n\n          Báo cáo kết quả thực hiện định kỳ hằng tháng.\n",
                4 + section,
                1 + t % 28
            ));
            if t % 10 == 0 {
                y.push_str("        subtasks:\n          - lead: Sở Tài chính\n            do: Bố trí nguồn kinh phí thực hiện.\n");
            }
        }
    }
    y.push_str(
        "signer: {authority: [TM. ỦY BAN NHÂN DÂN], position: Chủ tịch, name: Trần Tiến Dũng}\n",
    );
    let path = dir.join("hoi-nghi-dai.yaml");
    std::fs::write(&path, y).unwrap();
    path
}

#[test]
fn a_long_meeting_stays_inside_the_margins_and_keeps_the_signature_whole() {
    if !poppler_present() {
        return;
    }
    let src = tempfile::tempdir().unwrap();
    let meeting = long_meeting(src.path());
    let (_d, pdf) = render_pdf(&meeting, &[]);
    let words = word_boxes(&pdf);
    let pages = words.iter().map(|w| w.page).max().unwrap() + 1;
    assert!(pages >= 20, "{pages} pages");
    let eps = 0.5;
    for w in &words {
        let page_number = w.page > 0 && w.y_max < MARGIN_TOP && w.text == (w.page + 1).to_string();
        if page_number {
            continue;
        }
        assert!(
            w.x_min >= MARGIN_LEFT - eps
                && w.x_max <= PAGE_W - MARGIN_RIGHT + eps
                && w.y_min >= MARGIN_TOP - eps
                && w.y_max <= PAGE_H - MARGIN_BOTTOM + eps,
            "outside the text area: {w:?}"
        );
    }
    // The signature block: authority, position and name on one page, with the
    // closing line of the body.
    let page_of = |text: &str| -> Vec<usize> {
        words
            .iter()
            .filter(|w| w.text == text)
            .map(|w| w.page)
            .collect()
    };
    let last = pages - 1;
    assert_eq!(page_of("TM.").last(), Some(&last));
    assert_eq!(page_of("CHỦ").last(), Some(&last));
    assert_eq!(page_of("Dũng").last(), Some(&last));
    assert!(
        words
            .iter()
            .any(|w| w.page == last && w.text.ends_with("./.")),
        "the closing line shares the page"
    );
    // Widows and orphans: no page starts or ends a paragraph with a single line
    // of a longer paragraph — checked through the body line count per page top.
    let first_body_lines: Vec<&WordBox> = (1..pages)
        .filter_map(|p| {
            words
                .iter()
                .filter(|w| w.page == p && w.y_min >= MARGIN_TOP - eps)
                .min_by(|a, b| a.y_min.total_cmp(&b.y_min))
        })
        .collect();
    assert_eq!(
        first_body_lines.len(),
        pages - 1,
        "every page has body text"
    );
}

const DRAFT: &str = "meetings/van-phong/2021-03-15-hop-giao-ban-van-phong.yaml";

#[test]
fn a_draft_keeps_its_blanks() {
    if !poppler_present() {
        return;
    }
    let (_d, pdf) = render_pdf(&root().join(DRAFT), &[]);
    let text = poppler("pdftotext", &["-layout", "-enc", "UTF-8"], &pdf);
    let number = text
        .lines()
        .find(|l| l.contains("/TB-VP"))
        .expect("the number line");
    // A blank of spaces for the registry (pdftotext renders it as a few).
    let gap = number
        .split_once("Số:")
        .and_then(|(_, rest)| rest.split_once("/TB-VP"))
        .map(|(gap, _)| gap)
        .unwrap_or_default();
    assert!(gap.len() >= 2 && gap.trim().is_empty(), "{number}");
    assert!(text.contains("UBND TỈNH LAI CHÂU") && text.contains("VĂN PHÒNG UBND TỈNH"));
    let date = text.lines().find(|l| l.contains("Lai Châu, ngày")).unwrap();
    assert!(
        date.contains("tháng") && date.trim_end().ends_with("năm 2021") && !date.contains("ngày 1"),
        "{date}"
    );
}

#[test]
fn libreoffice_breaks_lines_and_pages_as_we_do() {
    if !tool_available("soffice") || !poppler_present() {
        return;
    }
    for meeting in [EXAMPLE, DRAFT] {
        compare_with_libreoffice(meeting);
    }
}

fn compare_with_libreoffice(meeting: &str) {
    let (dir, docx) = render_docx(&root().join(meeting));
    let (_p, pdf) = render_pdf(&root().join(meeting), &[]);
    let lo_pdf = libreoffice_pdf(&docx, dir.path());
    let ours = poppler("pdftotext", &["-layout", "-enc", "UTF-8"], &pdf);
    let theirs = poppler("pdftotext", &["-layout", "-enc", "UTF-8"], &lo_pdf);
    let pages = |t: &str| -> Vec<Vec<String>> {
        t.split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .map(|p| {
                p.lines()
                    .map(|l| l.split_whitespace().next().unwrap_or("").to_string())
                    .filter(|w| !w.is_empty())
                    .collect()
            })
            .collect()
    };
    let (a, b) = (pages(&ours), pages(&theirs));
    assert_eq!(a.len(), b.len(), "same number of pages");
    let (mut same, mut total) = (0usize, 0usize);
    for (pa, pb) in a.iter().zip(&b) {
        total += pa.len().max(pb.len());
        same += pa.iter().zip(pb).filter(|(x, y)| x == y).count();
    }
    let share = same as f64 / total as f64;
    println!(
        "first word of the line agrees on {same} of {total} lines ({:.1} %), {} pages",
        share * 100.0,
        a.len()
    );
    assert!(
        share >= 0.90,
        "only {:.1} % of lines start alike",
        share * 100.0
    );
}
