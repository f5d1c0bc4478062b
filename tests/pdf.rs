//! The PDF of the real examples and of generated meetings, read back with
//! poppler (pdfinfo, pdffonts, pdftotext) and qpdf, and compared with what
//! LibreOffice makes of the DOCX: the text against the meeting file, the
//! dates, the three rules, PDF/A-2b, and the page breaks (widow and orphan
//! control, headings kept with their section, the signature block whole).

mod common;

use std::path::{Path, PathBuf};

use common::pdf_structure::*;
use common::*;
use ttf_parser as ketluan_ttf;

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
    // The notice date (27/01/2021, Vietnam time), not the clock: see
    // `the_dates_are_the_notice_date_whatever_the_time_zone_and_locale`.
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
    let text = pdf_text(&pdf);
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
    // What to look for comes from the meeting file itself, read as plain
    // YAML, not from the code under test: every sentence of the text
    // fields the notice prints, Markdown emphasis removed.
    let file = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    let yaml: serde_json::Value = serde_saphyr::from_str(&file).unwrap();
    let texts = printed_texts(&yaml);
    assert!(texts.len() >= 30, "{texts:#?}");
    let mut missing = Vec::new();
    let mut checked = 0;
    for text in &texts {
        for sentence in unmarkdown(text).split_inclusive(". ") {
            let s = collapse(sentence);
            if s.is_empty() {
                continue;
            }
            checked += 1;
            if !flat.contains(&s) {
                missing.push(s);
            }
        }
    }
    assert!(checked >= 50, "{checked} sentences");
    assert!(
        missing.is_empty(),
        "sentences of the meeting file not found in the PDF text: {missing:#?}"
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
    // Nơi nhận: each recipient of the file, and the archive line.
    for r in yaml["recipients"].as_array().unwrap() {
        let r = r.as_str().unwrap();
        assert!(flat.contains(&format!("- {r};")), "{r}");
    }
    assert!(flat.contains("- Lưu: VT, TH."));
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

/// The texts of a meeting file (read as plain YAML) that the notice prints
/// as written: the trích yếu, the meeting's name, host, chair, attendees
/// and briefing, each section's title, conclusion and closing text, every
/// task's and subtask's `do`, the closing line and the signer.
fn printed_texts(yaml: &serde_json::Value) -> Vec<String> {
    fn text(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(items) => items.iter().for_each(|i| text(i, out)),
            _ => {}
        }
    }
    fn tasks(v: &serde_json::Value, out: &mut Vec<String>) {
        for task in v.as_array().into_iter().flatten() {
            text(&task["do"], out);
            tasks(&task["subtasks"], out);
        }
    }
    let mut out = Vec::new();
    text(&yaml["notice"]["summary"], &mut out);
    let m = &yaml["meeting"];
    for v in [
        &m["name"],
        &m["host"],
        &m["chair"]["name"],
        &m["chair"]["title"],
        &m["attendees"],
        &m["briefing"],
    ] {
        text(v, &mut out);
    }
    for item in yaml["agenda"].as_array().unwrap() {
        text(&item["title"], &mut out);
        text(&item["conclusion"], &mut out);
        tasks(&item["tasks"], &mut out);
        text(&item["after"], &mut out);
    }
    text(&yaml["closing"], &mut out);
    text(&yaml["signer"]["authority"], &mut out);
    text(&yaml["signer"]["name"], &mut out);
    out
}

/// A Markdown field's text as printed: its paragraphs (blank lines and
/// `- ` items start one) one after the other, emphasis markers removed.
fn unmarkdown(md: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut open = false;
    for line in md.lines() {
        let line = line.trim();
        if line.is_empty() {
            open = false;
            continue;
        }
        match paragraphs.last_mut() {
            Some(p) if open && !line.starts_with("- ") => {
                p.push(' ');
                p.push_str(line);
            }
            _ => paragraphs.push(line.to_string()),
        }
        open = true;
    }
    paragraphs
        .iter()
        .map(|p| p.replace("**", "").replace('*', ""))
        .collect::<Vec<_>>()
        .join(" ")
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

/// A meeting of 120 numbered tasks with several paragraphs, subtasks and deadlines.
fn long_meeting(dir: &Path) -> PathBuf {
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
    // Widows, orphans and headings, read from the lines' positions.
    let seen = check_page_breaks(&pdf);
    println!("{seen:?}");
    assert_eq!(seen.pages, pages);
    // Measured: 2 page breaks where a greedy fill leaves a widow, 10 an orphan.
    assert!(seen.widow >= 1 && seen.orphan >= 1, "{seen:?}");
}

/// Space between body lines, before a paragraph, and the first-line indent.
const BODY_LINE: f32 = 18.0;
const SPACE_BEFORE: f32 = 6.0;
const INDENT: f32 = 10.0 * 72.0 / 25.4;
/// Where the body's last line box may end.
const BODY_BOTTOM: f32 = PAGE_H - MARGIN_BOTTOM;

/// A line of a notice's body: whether it starts a paragraph (it is
/// indented), whether that paragraph is a section heading (`II. …`).
#[derive(Debug, Clone)]
struct BodyLine {
    text: String,
    starts_paragraph: bool,
    heading: bool,
    y_max: f32,
    x_max: f32,
}

fn is_section_heading(text: &str) -> bool {
    let first = text.split(' ').next().unwrap_or("");
    first
        .strip_suffix('.')
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| matches!(c, 'I' | 'V' | 'X')))
}

/// The body lines of a notice, page by page: on page 1 from the first
/// indented line under `THÔNG BÁO`, down to the line that closes with
/// `./.`. Every line in between must start at the left margin (a
/// paragraph's next line) or one indent in (its first line), and the
/// lines must stand one body line apart within a paragraph and a body
/// line and the space before a paragraph apart between paragraphs: so
/// the paragraphs are read right.
fn body_lines(pages: &[Vec<PdfLine>]) -> Vec<Vec<BodyLine>> {
    let near = |a: f32, b: f32| (a - b).abs() < 0.3;
    let mut started = false;
    let mut seen_title = false;
    let mut ended = false;
    let mut out = Vec::new();
    for (p, lines) in pages.iter().enumerate() {
        let mut body: Vec<BodyLine> = Vec::new();
        for line in lines {
            if ended || line.y_max < MARGIN_TOP {
                continue; // after the body, or the page number
            }
            if !started {
                seen_title |= line.text == "THÔNG BÁO";
                if !(seen_title && near(line.x_min, MARGIN_LEFT + INDENT)) {
                    continue;
                }
                started = true;
            }
            let starts_paragraph = near(line.x_min, MARGIN_LEFT + INDENT);
            assert!(
                starts_paragraph || near(line.x_min, MARGIN_LEFT),
                "page {}: a body line neither at the margin nor indented: {line:?}",
                p + 1
            );
            if let Some(prev) = body.last() {
                let want = if starts_paragraph {
                    BODY_LINE + SPACE_BEFORE
                } else {
                    BODY_LINE
                };
                // Bottoms, not tops: bold and regular glyphs have one
                // descent but not one ascent.
                let gap = line.y_max - prev.y_max;
                assert!(
                    (gap - want).abs() < 0.3,
                    "page {}: {gap} pt from {:?} to {:?}",
                    p + 1,
                    prev.text,
                    line.text
                );
            }
            body.push(BodyLine {
                text: line.text.clone(),
                starts_paragraph,
                heading: starts_paragraph && is_section_heading(&line.text),
                y_max: line.y_max,
                x_max: line.x_max,
            });
            ended = line.text.ends_with("./.");
        }
        out.push(body);
    }
    assert!(ended, "the body closes with ./.");
    out
}

/// A body paragraph: its first line, and how many of its lines each page
/// holds, in order.
#[derive(Debug)]
struct BodyPara {
    first_line: String,
    heading: bool,
    pieces: Vec<(usize, usize)>,
}

impl BodyPara {
    fn lines(&self) -> usize {
        self.pieces.iter().map(|&(_, n)| n).sum()
    }
    fn on_page(&self, page: usize) -> usize {
        self.pieces
            .iter()
            .filter(|&&(p, _)| p == page)
            .map(|&(_, n)| n)
            .sum()
    }
    fn before_page(&self, page: usize) -> usize {
        self.pieces
            .iter()
            .filter(|&&(p, _)| p < page)
            .map(|&(_, n)| n)
            .sum()
    }
}

fn body_paragraphs(body: &[Vec<BodyLine>]) -> Vec<BodyPara> {
    let mut paras: Vec<BodyPara> = Vec::new();
    for (p, lines) in body.iter().enumerate() {
        for line in lines {
            if line.starts_paragraph {
                paras.push(BodyPara {
                    first_line: line.text.clone(),
                    heading: line.heading,
                    pieces: vec![(p, 1)],
                });
                continue;
            }
            let para = paras.last_mut().expect("the body starts with a paragraph");
            match para.pieces.last_mut() {
                Some((page, n)) if *page == p => *n += 1,
                _ => para.pieces.push((p, 1)),
            }
        }
    }
    paras
}

/// What [`check_page_breaks`] saw: the pages, and at how many page breaks
/// filling each page greedily, line by line, would have left one line of a
/// paragraph alone at the top of the next page (widow) or at the bottom of
/// this one (orphan), or a section heading as the last line of the page.
#[derive(Debug, Default, Clone, Copy)]
struct PageBreaks {
    /// From the bottom of the first line's word box on page 2 and after to
    /// the top margin plus one body line (the same on every page).
    top_offset: f32,
    pages: usize,
    widow: usize,
    orphan: usize,
    heading: usize,
}

/// Checks a notice's page breaks, as read from its PDF: a paragraph split
/// over pages has at least two lines on each (no widow, no orphan); a
/// section heading is never split, never the last thing on its page, and
/// the first lines of its section share its page. Returns the page breaks
/// where a greedy fill would have broken one of these rules (so that a test
/// knows its rules were put to work).
fn check_page_breaks(pdf: &Path) -> PageBreaks {
    let pages = pdf_lines(pdf);
    let body = body_lines(&pages);
    let paras = body_paragraphs(&body);
    let name = pdf.file_name().unwrap().to_string_lossy();
    for para in &paras {
        if para.pieces.len() > 1 {
            let (first_page, first) = para.pieces[0];
            let (last_page, last) = para.pieces[para.pieces.len() - 1];
            assert!(
                first >= 2,
                "{name}: orphan: page {} ends with one line of the {}-line paragraph {:?}",
                first_page + 1,
                para.lines(),
                para.first_line
            );
            assert!(
                last >= 2,
                "{name}: widow: page {} starts with the last line alone of the {}-line paragraph {:?}",
                last_page + 1,
                para.lines(),
                para.first_line
            );
        }
    }
    for (i, para) in paras.iter().enumerate().filter(|(_, p)| p.heading) {
        assert_eq!(para.pieces.len(), 1, "{name}: heading split: {para:?}");
        let next = paras.get(i + 1).expect("a section has lines");
        assert_eq!(
            next.pieces[0].0,
            para.pieces[0].0,
            "{name}: the heading {:?} ends page {}, its section starts on the next",
            para.first_line,
            para.pieces[0].0 + 1
        );
    }
    // Where a line box ends under the bottom of a word box: calibrated on
    // the first line of page 2 and after, whose box starts at the top margin.
    let offsets: Vec<f32> = body
        .iter()
        .skip(1)
        .filter_map(|lines| lines.first())
        .map(|l| MARGIN_TOP + BODY_LINE - l.y_max)
        .collect();
    let offset = offsets.first().copied().unwrap_or(0.0);
    assert!(
        offsets.iter().all(|o| (o - offset).abs() < 0.01),
        "{offsets:?}"
    );
    let mut seen = PageBreaks {
        top_offset: offset,
        pages: pages.len(),
        ..PageBreaks::default()
    };
    for p in 0..body.len().saturating_sub(1) {
        let (Some(last), Some(next_first)) = (body[p].last(), body[p + 1].first()) else {
            continue;
        };
        let room = BODY_BOTTOM - (last.y_max + offset);
        // The paragraph of the next page's first line, and how many of its
        // lines a greedy fill would have put on this page.
        let para = paras.iter().find(|q| q.on_page(p + 1) > 0).unwrap();
        assert_eq!(
            para.first_line == next_first.text,
            next_first.starts_paragraph,
            "{name}: page {} starts {next_first:?}",
            p + 2
        );
        let (on_p, before, total) = (para.on_page(p), para.before_page(p), para.lines());
        let space = if on_p > 0 { 0.0 } else { SPACE_BEFORE };
        let more = ((room - space + 0.05) / BODY_LINE).floor().max(0.0) as usize;
        let greedy = (on_p + more).min(total - before);
        let left = total - before - greedy;
        if para.heading {
            if on_p == 0 && left == 0 {
                seen.heading += 1;
            }
        } else if total >= 2 {
            if before == 0 && greedy == 1 {
                seen.orphan += 1;
            }
            if greedy >= 1 && left == 1 {
                seen.widow += 1;
            }
        }
    }
    seen
}

/// A notice whose body is made of paragraphs of a known number of lines
/// (hard line breaks, each line short): section I opens with a paragraph
/// of `lead` lines, then each of `sections` sections (those in
/// `long_headings` under a heading of two lines) has `rounds` times three
/// paragraphs, of three, four and five lines. Each extra line of
/// `lead` moves what follows one body line down, so that over a few
/// values of `lead` the page breaks fall at every line of a paragraph and
/// around the headings.
fn paragraphs_meeting(
    dir: &Path,
    lead: usize,
    sections: usize,
    rounds: usize,
    long_headings: &[usize],
) -> PathBuf {
    let para = |id: String, lines: usize| -> String {
        (1..=lines)
            .map(|l| format!("      Đoạn {id}, dòng {l}: các cấp, các ngành tập trung thực hiện"))
            .collect::<Vec<_>>()
            .join("\\\n")
    };
    let mut y = String::from(
        "issuer: {name: Ủy ban nhân dân tỉnh Lai Châu, code: UBND, place: Lai Châu}\n\
         notice: {number: 9, date: 2021-03-02, summary: Kết luận của Chủ tịch UBND tỉnh tại phiên họp tháng 02 năm 2021}\n\
         meeting:\n  name: phiên họp tháng 02 năm 2021\n  date: 2021-03-01\n  chair: {name: Trần Tiến Dũng, title: Chủ tịch UBND tỉnh}\n  attendees: [các đồng chí Ủy viên UBND tỉnh]\n\
         agenda:\n",
    );
    for section in 1..=sections {
        let title = if long_headings.contains(&section) {
            format!("Về nhóm việc thứ {section}, gồm các nhiệm vụ về cải cách hành chính, chuyển đổi số và thu hút đầu tư của tỉnh")
        } else {
            format!("Về nhóm việc thứ {section}")
        };
        y.push_str(&format!("  - title: {title}\n    conclusion: |\n"));
        let mut paras = Vec::new();
        if section == 1 {
            paras.push(para("mở đầu".to_string(), lead));
        }
        for round in 1..=rounds {
            for lines in 3..=5 {
                // `Đoạn <section>.<lines>.<round>, dòng <line>: …`
                paras.push(para(format!("{section}.{lines}.{round}"), lines));
            }
        }
        y.push_str(&paras.join("\n\n"));
        y.push('\n');
    }
    y.push_str(
        "signer: {authority: [TM. ỦY BAN NHÂN DÂN], position: Chủ tịch, name: Trần Tiến Dũng}\n",
    );
    let path = dir.join(format!("doan-{sections}-{lead:02}.yaml"));
    std::fs::write(&path, y).unwrap();
    path
}

/// Renders [`paragraphs_meeting`] for each of `leads` into one folder;
/// returns the folder and the PDFs.
fn paragraphs_pdfs(
    leads: std::ops::RangeInclusive<usize>,
    sections: usize,
    rounds: usize,
    long_headings: &[usize],
) -> (tempfile::TempDir, Vec<(usize, PathBuf)>) {
    let src = tempfile::tempdir().unwrap();
    let out = src.path().join("out");
    let yaml: Vec<(usize, PathBuf)> = leads
        .map(|lead| {
            (
                lead,
                paragraphs_meeting(src.path(), lead, sections, rounds, long_headings),
            )
        })
        .collect();
    render_into(src.path(), &out, &["--format", "pdf"]);
    let pdfs = yaml
        .into_iter()
        .map(|(lead, y)| (lead, out.join(y.file_name().unwrap()).with_extension("pdf")))
        .collect();
    (src, pdfs)
}

/// Checks [`paragraphs_meeting`]'s PDF: its paragraphs have the lines they
/// were written with, and its page breaks obey the rules.
fn check_paragraphs_pdf(pdf: &Path, lead: usize) -> PageBreaks {
    let seen = check_page_breaks(pdf);
    // The closing line shares its page with the signer's name.
    let words = word_boxes(pdf);
    let page_of =
        |pick: &dyn Fn(&WordBox) -> bool| words.iter().filter(|w| pick(w)).map(|w| w.page).last();
    assert_eq!(
        page_of(&|w| w.text.ends_with("./.")),
        page_of(&|w| w.text == "Dũng"),
        "{}: the closing line and the signature on one page",
        pdf.display()
    );
    let body = body_lines(&pdf_lines(pdf));
    let mut counted = 0;
    for para in body_paragraphs(&body) {
        if para.first_line.starts_with("Đoạn mở đầu") {
            assert_eq!(para.lines(), lead, "{para:?}");
        } else if let Some(id) = para.first_line.strip_prefix("Đoạn ") {
            let lines = id.split(['.', ',']).nth(1).unwrap();
            assert_eq!(para.lines().to_string(), lines, "{para:?}");
            counted += 1;
        }
    }
    assert!(counted >= 24, "{counted} paragraphs");
    seen
}

#[test]
fn no_widow_no_orphan_no_heading_alone_where_a_greedy_fill_would_leave_one() {
    if !poppler_present() {
        return;
    }
    let (_dir, pdfs) = paragraphs_pdfs(1..=10, 8, 1, &[]);
    let mut total = PageBreaks::default();
    let mut top_offsets = Vec::new();
    for (lead, pdf) in &pdfs {
        let seen = check_paragraphs_pdf(pdf, *lead);
        println!("lead {lead}: {seen:?}");
        assert!(seen.pages >= 3, "{seen:?}");
        top_offsets.push(seen.top_offset);
        total.widow += seen.widow;
        total.orphan += seen.orphan;
        total.heading += seen.heading;
    }
    // Every page's body starts at one height, whether it starts with a
    // paragraph, a heading or the rest of a paragraph.
    assert!(
        top_offsets
            .iter()
            .all(|o| (o - top_offsets[0]).abs() < 0.01),
        "{top_offsets:?}"
    );
    // The rules were put to work, each more than once.
    assert!(
        total.widow >= 2 && total.orphan >= 2 && total.heading >= 2,
        "{total:?}"
    );
}

#[test]
fn a_heading_of_two_lines_is_kept_with_what_follows_by_its_whole_height() {
    if !poppler_present() {
        return;
    }
    // Sections whose headings run to two lines, landing (as `lead` grows)
    // at every height of a page's foot.
    let (_dir, pdfs) = paragraphs_pdfs(1..=10, 8, 1, &[2, 3, 7]);
    let mut moved = 0;
    for (lead, pdf) in &pdfs {
        moved += check_paragraphs_pdf(pdf, *lead).heading;
    }
    assert!(moved >= 3, "{moved} headings moved on");
}

#[test]
fn the_examples_break_their_pages_by_the_rules() {
    if !poppler_present() {
        return;
    }
    for meeting in [EXAMPLE, DRAFT] {
        let (_d, pdf) = render_pdf(&root().join(meeting), &[]);
        let seen = check_page_breaks(&pdf);
        assert!(seen.pages >= 3, "{meeting}: {seen:?}");
    }
}

#[test]
fn body_lines_are_justified_to_both_margins() {
    if !poppler_present() {
        return;
    }
    let right = PAGE_W - MARGIN_RIGHT;
    for meeting in [EXAMPLE, DRAFT] {
        let (_d, pdf) = render_pdf(&root().join(meeting), &[]);
        let body: Vec<BodyLine> = body_lines(&pdf_lines(&pdf)).into_iter().flatten().collect();
        let mut justified = 0;
        for pair in body.windows(2) {
            let (line, next) = (&pair[0], &pair[1]);
            if next.starts_paragraph {
                // A paragraph's last line ends where its words end.
                continue;
            }
            assert!(
                (line.x_max - right).abs() < 0.5,
                "{meeting}: a line inside a paragraph ends at {} pt, not at the right margin ({right} pt): {:?}",
                line.x_max,
                line.text
            );
            justified += 1;
        }
        let short_last_lines = body
            .windows(2)
            .filter(|p| p[1].starts_paragraph && p[0].x_max < right - 20.0)
            .count();
        assert!(
            justified >= 10 && short_last_lines >= 3,
            "{meeting}: {justified} lines inside paragraphs, {short_last_lines} short last lines"
        );
    }
}

#[test]
fn a_trich_yeu_taller_than_the_first_page_flows_onto_the_next() {
    if !poppler_present() {
        return;
    }
    // At 71 pt the example's trích yếu needs more lines than the first
    // page has room for under the header: its lines go on at the top of
    // page 2, none crosses the foot of page 1.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    let file = dir.path().join("tb.yaml");
    std::fs::write(&file, format!("{text}\nlayout:\n  summary_size_pt: 71\n")).unwrap();
    let out = dir.path().join("out");
    render_into(&file, &out, &["--format", "pdf"]);
    let pdf = out.join("tb.pdf");
    let summary =
        "Kết luận của Phó Chủ tịch Thường trực UBND tỉnh tại phiên họp UBND tỉnh tháng 01 năm 2021";
    let big: Vec<WordBox> = word_boxes(&pdf)
        .into_iter()
        .filter(|w| w.y_max - w.y_min > 50.0)
        .collect();
    let words: Vec<&str> = big.iter().map(|w| w.text.as_str()).collect();
    assert_eq!(
        words.join(" "),
        summary,
        "the trích yếu, whole and in order"
    );
    for w in &big {
        assert!(
            w.y_max <= PAGE_H - MARGIN_BOTTOM + 0.5 && w.y_min >= MARGIN_TOP - 0.5,
            "{w:?} outside the text area"
        );
    }
    let on_page_2: Vec<&WordBox> = big.iter().filter(|w| w.page == 1).collect();
    assert!(!on_page_2.is_empty(), "the trích yếu goes on to page 2");
    let top = on_page_2.iter().map(|w| w.y_min).fold(f32::MAX, f32::min);
    assert!(
        top < MARGIN_TOP + 20.0,
        "page 2 starts with the trích yếu at its top margin: {top} pt"
    );
    let first_page_bottom = big
        .iter()
        .filter(|w| w.page == 0)
        .map(|w| w.y_max)
        .fold(0.0, f32::max);
    assert!(
        first_page_bottom > PAGE_H - MARGIN_BOTTOM - 100.0,
        "page 1 is filled before the trích yếu moves on: its last line ends at {first_page_bottom} pt"
    );
}

#[test]
fn libreoffice_keeps_widows_orphans_and_headings_as_we_do() {
    if !tool_available("soffice") || !poppler_present() {
        return;
    }
    // Page breaks in paragraphs only (one section of 24 paragraphs), and
    // around headings (eight sections of three): each rule at work, and
    // every line of every page the same in LibreOffice's rendering of the
    // DOCX (whose section headings keep with next, and whose paragraphs
    // have widow and orphan control).
    let mut total = PageBreaks::default();
    for (sections, rounds, leads) in [(1, 8, 1..=2), (8, 1, 2..=3)] {
        let (dir, pdfs) = paragraphs_pdfs(leads, sections, rounds, &[]);
        for (lead, pdf) in &pdfs {
            let seen = check_paragraphs_pdf(pdf, *lead);
            println!("{sections} sections, lead {lead}: {seen:?}");
            total.widow += seen.widow;
            total.orphan += seen.orphan;
            total.heading += seen.heading;
            let yaml = format!("doan-{sections}-{lead:02}.yaml");
            compare_with_libreoffice(&dir.path().join(yaml), 0);
        }
    }
    assert!(
        total.widow >= 1 && total.orphan >= 1 && total.heading >= 1,
        "{total:?}"
    );
}

const DRAFT: &str = "meetings/van-phong/2021-03-15-hop-giao-ban-van-phong.yaml";

#[test]
fn a_draft_keeps_its_blanks() {
    if !poppler_present() {
        return;
    }
    let (_d, pdf) = render_pdf(&root().join(DRAFT), &[]);
    let text = pdf_text(&pdf);
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
    // Lines that differ, measured: none in the real example; in the draft
    // the second line of the opening paragraph ends with `đồng` in our PDF
    // (0.03 pt over the text width, within textlayout's FIT_TOLERANCE_PT)
    // where LibreOffice carries it over, so that paragraph's next two lines
    // differ too (77 of 80 lines alike, 96.2 %).
    for (meeting, differing) in [(root().join(EXAMPLE), 0), (root().join(DRAFT), 3)] {
        compare_with_libreoffice(&meeting, differing);
    }
}

/// Our PDF and LibreOffice's rendering of our DOCX, line by line on every
/// page ([`assert_same_lines`]): the same pages, the same number of lines
/// on each, and at most `differing` lines not the same.
fn compare_with_libreoffice(meeting: &Path, differing: usize) {
    let (_d, docx) = render_docx(meeting);
    let (_p, pdf) = render_pdf(meeting, &[]);
    let name = meeting.file_name().unwrap().to_string_lossy();
    assert_same_lines_as_libreoffice(&name, &pdf, &docx, Agreement::differing(differing));
}

/// Seconds from 1970-01-01T00:00:00Z to a civil date and time at an offset
/// from UTC (in minutes east).
fn unix_seconds([y, mo, d, h, mi, s]: [i64; 6], offset_min: i64) -> i64 {
    // Days from civil (H. Hinnant's algorithm).
    let y = if mo <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((mo + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days * 86_400 + h * 3_600 + mi * 60 + s - offset_min * 60
}

/// An offset from UTC as written after a time: `Z`, `+07`, `+07:00`,
/// `+0700`, `+07'00` or `+07'00'`; in minutes east.
fn offset_minutes(s: &str) -> i64 {
    if s == "Z" {
        return 0;
    }
    let sign = match &s[..1] {
        "+" => 1,
        "-" => -1,
        _ => panic!("an offset: {s:?}"),
    };
    let digits: String = s[1..].chars().filter(char::is_ascii_digit).collect();
    let h: i64 = digits[..2].parse().unwrap();
    let m: i64 = if digits.len() >= 4 {
        digits[2..4].parse().unwrap()
    } else {
        0
    };
    sign * (h * 60 + m)
}

/// An ISO 8601 date and time with its offset (`2021-01-27T00:00:00+07:00`),
/// as Unix seconds.
fn iso_instant(s: &str) -> i64 {
    let s = s.trim();
    let n = |r: std::ops::Range<usize>| -> i64 { s[r].parse().unwrap_or_else(|_| panic!("{s:?}")) };
    assert_eq!((&s[4..5], &s[7..8], &s[10..11]), ("-", "-", "T"), "{s:?}");
    unix_seconds(
        [n(0..4), n(5..7), n(8..10), n(11..13), n(14..16), n(17..19)],
        offset_minutes(&s[19..]),
    )
}

/// A PDF date string (`D:20210127000000+07'00`), as Unix seconds.
fn pdf_date_instant(s: &str) -> i64 {
    let s = s.strip_prefix("D:").unwrap_or_else(|| panic!("{s:?}"));
    let n = |r: std::ops::Range<usize>| -> i64 { s[r].parse().unwrap_or_else(|_| panic!("{s:?}")) };
    unix_seconds(
        [n(0..4), n(4..6), n(6..8), n(8..10), n(10..12), n(12..14)],
        offset_minutes(&s[14..]),
    )
}

/// The text between `start` and the next `end` in `hay`.
fn between<'h>(hay: &'h str, start: &str, end: &str) -> &'h str {
    let from = hay
        .find(start)
        .unwrap_or_else(|| panic!("{start} in the file"))
        + start.len();
    let to = hay[from..].find(end).unwrap() + from;
    &hay[from..to]
}

#[test]
fn the_dates_are_the_notice_date_whatever_the_time_zone_and_locale() {
    if !poppler_present() {
        return;
    }
    // The arithmetic itself, against `date -u -d 2021-01-26T17:00:00Z +%s`.
    assert_eq!(unix_seconds([2021, 1, 26, 17, 0, 0], 0), 1_611_680_400);
    assert_eq!(iso_instant("2021-01-27T00:00:00+07"), 1_611_680_400);
    assert_eq!(pdf_date_instant("D:20210315000000+07'00'"), 1_615_741_200);
    // The notice's date at 00:00 in Vietnam (UTC+7); a draft's, the meeting's.
    for (meeting, [y, m, d]) in [(EXAMPLE, [2021, 1, 27]), (DRAFT, [2021, 3, 15])] {
        let want = unix_seconds([y, m, d, 0, 0, 0], 7 * 60);
        let (_d, pdf) = render_pdf(&root().join(meeting), &[]);
        // As pdfinfo reads them, in ISO form (the offset written in the
        // file, not the reader's zone), whatever the zone and locale.
        for (tz, locale) in [
            ("UTC", "C"),
            ("Asia/Ho_Chi_Minh", "vi_VN.UTF-8"),
            ("America/Los_Angeles", "en_US.UTF-8"),
        ] {
            let out = std::process::Command::new("pdfinfo")
                .arg("-isodates")
                .arg(&pdf)
                .env("TZ", tz)
                .env("LC_ALL", locale)
                .output()
                .expect("pdfinfo runs");
            assert!(out.status.success());
            let info = String::from_utf8(out.stdout).unwrap();
            for key in ["CreationDate:", "ModDate:"] {
                let line = info
                    .lines()
                    .find_map(|l| l.strip_prefix(key))
                    .unwrap_or_else(|| panic!("{key} in {info}"));
                assert_eq!(
                    iso_instant(line),
                    want,
                    "{meeting}: {key}{line} (TZ={tz}, LC_ALL={locale})"
                );
            }
        }
        // As the file writes them: the Info dictionary and the XMP.
        let bytes = std::fs::read(&pdf).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for key in ["/CreationDate(", "/ModDate("] {
            let date = between(&text, key, ")");
            assert_eq!(pdf_date_instant(date), want, "{meeting}: {key}{date})");
        }
        for key in ["xmp:CreateDate", "xmp:ModifyDate"] {
            let date = between(&text, &format!("<{key}>"), "<");
            assert_eq!(iso_instant(date), want, "{meeting}: {key} {date}");
        }
    }
}

/// Every example meeting's documents rendered, DOCX and PDF, into one
/// fresh folder; returns it with the PDFs, sorted (at least the five
/// documents of meetings/: notices, giấy mời, biên bản).
fn render_examples() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    ketluan_ok(&["render", "meetings", "--out", dir.path().to_str().unwrap()]);
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    pdfs.sort();
    assert!(pdfs.len() >= 5, "{pdfs:?}");
    (dir, pdfs)
}

/// A field of the PDF's Info dictionary as pdfinfo reads it.
fn info_field(pdf: &Path, field: &str) -> String {
    poppler("pdfinfo", &[], pdf)
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")))
        .unwrap_or_else(|| panic!("{field} in pdfinfo of {}", pdf.display()))
        .trim()
        .to_string()
}

#[test]
fn the_keywords_hold_the_document_type_its_number_and_its_date() {
    if !poppler_present() || !tool_available("qpdf") {
        return;
    }
    let (_dir, pdfs) = render_examples();
    let mut dated = 0;
    for pdf in &pdfs {
        let name = pdf.file_name().unwrap().to_string_lossy();
        // What the document prints, read from its DOCX twin: the type line
        // (`THÔNG BÁO`), the `Số:` line and the place-and-date line.
        let texts = docx_texts(&pdf.with_extension("docx"));
        let doc_type = texts
            .iter()
            .find(|t| ["THÔNG BÁO", "GIẤY MỜI", "BIÊN BẢN"].contains(&t.as_str()))
            .unwrap_or_else(|| panic!("{name}: a document type in {texts:?}"));
        let number = texts.iter().find(|t| t.starts_with("Số:")).unwrap();
        let date = texts.iter().find(|t| t.starts_with("Lai Châu, ngày"));
        let mut want = vec![doc_type.clone(), number.clone()];
        want.extend(date.cloned());
        dated += usize::from(date.is_some());
        let keywords = info_field(pdf, "Keywords");
        assert_eq!(keywords, want.join(", "), "{name}");
        // The XMP says the same (PDF/A requires them to agree).
        let q = Qpdf::read(pdf);
        let meta = q.catalog()["/Metadata"].as_str().unwrap();
        let xmp = String::from_utf8(q.data(meta)).unwrap();
        assert_eq!(
            xmp_value(&xmp, "http://ns.adobe.com/pdf/1.3/", "Keywords").as_deref(),
            Some(keywords.as_str()),
            "{name}"
        );
    }
    assert!(dated >= 3, "documents with a date line: {dated}");
    // The example notice, spelt out.
    let notice = pdfs
        .iter()
        .find(|p| p.ends_with("2021-01-25-phien-hop-ubnd-thang-01.pdf"))
        .unwrap();
    assert_eq!(
        info_field(notice, "Keywords"),
        "THÔNG BÁO, Số: 25/TB-UBND, Lai Châu, ngày 27 tháng 01 năm 2021"
    );
}

/// The trailer's `/ID` pair and the XMP's DocumentID and InstanceID.
fn ids(pdf: &Path) -> ([String; 2], [String; 2]) {
    let q = Qpdf::read(pdf);
    let id = &q.objects()["trailer"]["value"]["/ID"];
    let pair = [0, 1].map(|i| id[i].as_str().unwrap().to_string());
    let meta = q.catalog()["/Metadata"].as_str().unwrap();
    let xmp = String::from_utf8(q.data(meta)).unwrap();
    let mm = "http://ns.adobe.com/xap/1.0/mm/";
    let xmp_ids = ["DocumentID", "InstanceID"].map(|k| xmp_value(&xmp, mm, k).unwrap());
    (pair, xmp_ids)
}

/// Whether the trailer's id (as qpdf writes a text string: `u:<text>`)
/// is the XMP's.
fn same_id(trailer: &str, xmp: &str) -> bool {
    trailer.strip_prefix("u:") == Some(xmp)
}

#[test]
fn the_document_id_names_the_document_and_the_instance_its_bytes() {
    if !tool_available("qpdf") {
        return;
    }
    // Each document of the examples has its own id, the same in the
    // trailer and the XMP, and the same on every rendering.
    let (_a, first) = render_examples();
    let (_b, again) = render_examples();
    let mut documents = std::collections::BTreeSet::new();
    for (pdf, twin) in first.iter().zip(&again) {
        let name = pdf.file_name().unwrap().to_string_lossy();
        let (pair, xmp) = ids(pdf);
        assert!(same_id(&pair[0], &xmp[0]), "{name}: {pair:?} {xmp:?}");
        assert!(same_id(&pair[1], &xmp[1]), "{name}: {pair:?} {xmp:?}");
        assert_eq!(ids(twin), (pair.clone(), xmp), "{name}: the same ids twice");
        assert!(documents.insert(pair[0].clone()), "{name}: its own id");
    }
    // Another conclusion: another document, another instance. Another
    // margin only: the same document, another instance.
    let meeting = root().join(EXAMPLE);
    let text = std::fs::read_to_string(&meeting).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let edited = dir.path().join("edited.yaml");
    std::fs::write(
        &edited,
        text.replacen(
            "có ý nghĩa đặc biệt quan trọng",
            "có ý nghĩa rất quan trọng",
            1,
        ),
    )
    .unwrap();
    assert_ne!(
        std::fs::read_to_string(&edited).unwrap(),
        text,
        "the edit took"
    );
    let margin = dir.path().join("margin");
    std::fs::create_dir(&margin).unwrap();
    std::fs::write(
        margin.join("margin.yaml"),
        format!("{text}\nlayout:\n  margin_right_mm: 20\n"),
    )
    .unwrap();
    let (_o, original) = render_pdf(&meeting, &[]);
    let (_e, edited) = render_pdf(&edited, &[]);
    let (_m, margin) = render_pdf(&margin.join("margin.yaml"), &[]);
    let (original, edited, margin) = (ids(&original).0, ids(&edited).0, ids(&margin).0);
    assert_ne!(edited[0], original[0], "another text, another document");
    assert_ne!(edited[1], original[1]);
    assert_eq!(margin[0], original[0], "the same text in another layout");
    assert_ne!(margin[1], original[1], "another rendition");
}

/// The code points of a ToUnicode CMap: CID → text (`bfchar` and
/// `bfrange` entries).
fn to_unicode(cmap: &str) -> std::collections::BTreeMap<u16, String> {
    let hex = |h: &str| u32::from_str_radix(h.trim_matches(['<', '>']), 16).unwrap();
    let text = |h: &str| -> String {
        let h = h.trim_matches(['<', '>']);
        let units: Vec<u16> = (0..h.len())
            .step_by(4)
            .map(|i| u16::from_str_radix(&h[i..i + 4], 16).unwrap())
            .collect();
        String::from_utf16(&units).unwrap()
    };
    let mut map = std::collections::BTreeMap::new();
    let mut section = "";
    for line in cmap.lines() {
        let line = line.trim();
        if line.ends_with("beginbfchar") || line.ends_with("beginbfrange") {
            section = if line.ends_with("beginbfchar") {
                "char"
            } else {
                "range"
            };
            continue;
        }
        if line.starts_with("endbf") {
            section = "";
            continue;
        }
        let parts: Vec<&str> = line.split_whitespace().collect();
        match (section, parts.as_slice()) {
            ("char", [cid, dst]) => {
                map.insert(hex(cid) as u16, text(dst));
            }
            ("range", [lo, hi, dst]) if dst.starts_with('<') => {
                let first = text(dst).chars().next().unwrap() as u32;
                for (i, cid) in (hex(lo)..=hex(hi)).enumerate() {
                    let c = char::from_u32(first + i as u32).unwrap();
                    map.insert(cid as u16, c.to_string());
                }
            }
            _ => {}
        }
    }
    map
}

/// The glyph ids a content stream shows with each font resource
/// (`/f0 13 Tf … [<0001…>] TJ`, `<…> Tj`): two bytes a glyph
/// (Identity-H). A small tokenizer: names, hex strings, dictionaries
/// (`<<`, `>>`) and other tokens, split at white space and delimiters.
fn glyphs_shown(
    content: &str,
) -> std::collections::BTreeMap<String, std::collections::BTreeSet<u16>> {
    let mut out: std::collections::BTreeMap<String, std::collections::BTreeSet<u16>> =
        Default::default();
    let b = content.as_bytes();
    let mut tokens: Vec<String> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            c if c.is_ascii_whitespace() || c == b'[' || c == b']' => i += 1,
            b'<' if b.get(i + 1) == Some(&b'<') => {
                tokens.push("<<".into());
                i += 2;
            }
            b'>' if b.get(i + 1) == Some(&b'>') => {
                tokens.push(">>".into());
                i += 2;
            }
            b'<' => {
                let end = i + content[i..].find('>').unwrap();
                tokens.push(content[i..=end].to_string());
                i = end + 1;
            }
            b'(' => {
                // A literal string: its bytes, escapes resolved, as hex.
                let mut bytes = Vec::new();
                let mut depth = 0;
                i += 1;
                loop {
                    match b[i] {
                        b'\\' => {
                            i += 1;
                            let escaped = match b[i] {
                                b'n' => b'\n',
                                b'r' => b'\r',
                                b't' => b'\t',
                                b'b' => 8,
                                b'f' => 12,
                                d @ b'0'..=b'7' => {
                                    let mut v = u32::from(d - b'0');
                                    for _ in 0..2 {
                                        if matches!(b.get(i + 1), Some(b'0'..=b'7')) {
                                            i += 1;
                                            v = v * 8 + u32::from(b[i] - b'0');
                                        }
                                    }
                                    v as u8
                                }
                                other => other,
                            };
                            bytes.push(escaped);
                        }
                        b'(' => {
                            depth += 1;
                            bytes.push(b'(');
                        }
                        b')' if depth == 0 => break,
                        b')' => {
                            depth -= 1;
                            bytes.push(b')');
                        }
                        other => bytes.push(other),
                    }
                    i += 1;
                }
                i += 1;
                let hex: String = bytes.iter().map(|x| format!("{x:02X}")).collect();
                tokens.push(format!("<{hex}>"));
            }
            _ => {
                let start = i;
                i += 1;
                while i < b.len() && !b" \t\r\n[]<>/(".contains(&b[i]) {
                    i += 1;
                }
                tokens.push(content[start..i].to_string());
            }
        }
    }
    let mut font = String::new();
    for (k, t) in tokens.iter().enumerate() {
        if t == "Tf" && k >= 2 {
            font = tokens[k - 2].trim_start_matches('/').to_string();
        } else if t.starts_with('<') && t.len() > 2 && t != "<<" {
            let h: String = t.trim_matches(['<', '>']).split_whitespace().collect();
            let set = out.entry(font.clone()).or_default();
            for j in (0..h.len()).step_by(4) {
                set.insert(u16::from_str_radix(&h[j..j + 4], 16).unwrap());
            }
        }
    }
    out
}

/// An outline as a list of drawing commands, to compare two glyphs.
#[derive(Default, PartialEq, Debug)]
struct Outline(Vec<String>);

impl ketluan_ttf::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.push(format!("M{x} {y}"));
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.push(format!("L{x} {y}"));
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.push(format!("Q{x1} {y1} {x} {y}"));
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.push(format!("C{x1} {y1} {x2} {y2} {x} {y}"));
    }
    fn close(&mut self) {
        self.0.push("Z".into());
    }
}

fn outline(face: &ketluan_ttf::Face, glyph: ketluan_ttf::GlyphId) -> Outline {
    let mut o = Outline::default();
    face.outline_glyph(glyph, &mut o);
    o
}

#[test]
fn every_glyph_drawn_is_its_characters_glyph_in_the_font() {
    // A subset that lost a glyph's outline prints a blank letter while
    // pdftotext, reading the ToUnicode map, still finds the text; one
    // that renumbered glyphs wrongly prints other letters. So: every glyph
    // shown on every page of every example document, read from the PDF
    // by qpdf, has in the embedded font the very outline its character
    // has in the Liberation Serif file it was cut from.
    if !tool_available("qpdf") {
        return;
    }
    let (_dir, pdfs) = render_examples();
    let originals: Vec<(&str, Vec<u8>)> = ["Regular", "Bold", "Italic", "BoldItalic"]
        .iter()
        .map(|style| {
            let path = root().join(format!("fonts/LiberationSerif-{style}.ttf"));
            (*style, std::fs::read(path).unwrap())
        })
        .collect();
    let mut checked = 0;
    for pdf in &pdfs {
        let name = pdf.file_name().unwrap().to_string_lossy();
        let q = Qpdf::read(pdf);
        for (p, page) in q.json["pages"].as_array().unwrap().iter().enumerate() {
            let page_dict = q.get(page["object"].as_str().unwrap());
            let fonts = q.resolve(&q.resolve(&page_dict["/Resources"])["/Font"]);
            let content: String = page["contents"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| String::from_utf8_lossy(&q.data(c.as_str().unwrap())).into_owned())
                .collect::<Vec<_>>()
                .join("\n");
            for (resource, cids) in glyphs_shown(&content) {
                let font_ref = fonts[format!("/{resource}")].as_str().unwrap();
                let font = q.get(font_ref);
                assert_eq!(font["/Encoding"], "/Identity-H", "{name}");
                let base = font["/BaseFont"].as_str().unwrap();
                let style = base.rsplit_once('-').map_or("Regular", |(_, s)| s);
                let descendant = q.resolve(&font["/DescendantFonts"][0]);
                assert_eq!(descendant["/CIDToGIDMap"], "/Identity", "{name} {base}");
                let descriptor = q.resolve(&descendant["/FontDescriptor"]);
                let file = q.data(descriptor["/FontFile2"].as_str().unwrap());
                let subset = ketluan_ttf::Face::parse(&file, 0)
                    .unwrap_or_else(|e| panic!("{name} {base}: the embedded font reads: {e}"));
                let unicode = to_unicode(&String::from_utf8_lossy(
                    &q.data(font["/ToUnicode"].as_str().unwrap()),
                ));
                let original = &originals.iter().find(|(s, _)| *s == style).unwrap().1;
                let original = ketluan_ttf::Face::parse(original, 0).unwrap();
                for cid in cids {
                    let text = unicode.get(&cid).unwrap_or_else(|| {
                        panic!("{name} p{}: {base} glyph {cid} has no character", p + 1)
                    });
                    let mut chars = text.chars();
                    let (Some(c), None) = (chars.next(), chars.next()) else {
                        continue;
                    };
                    let ours = outline(&subset, ketluan_ttf::GlyphId(cid));
                    let theirs = outline(&original, original.glyph_index(c).unwrap());
                    if !c.is_whitespace() {
                        assert!(
                            !ours.0.is_empty(),
                            "{name} p{}: {base} `{c}` drawn blank",
                            p + 1
                        );
                    }
                    assert_eq!(
                        ours,
                        theirs,
                        "{name} p{}: {base} `{c}` is not its glyph",
                        p + 1
                    );
                    assert_eq!(
                        subset.glyph_hor_advance(ketluan_ttf::GlyphId(cid)),
                        original.glyph_hor_advance(original.glyph_index(c).unwrap()),
                        "{name}: {base} `{c}` advance"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 500, "{checked} glyphs checked");
    println!("{checked} glyphs drawn checked against Liberation Serif");
}

/// A value of the XMP packet: an element or an attribute `name` in the
/// namespace `ns`, wherever it stands.
fn xmp_value(xmp: &str, ns: &str, name: &str) -> Option<String> {
    let doc = roxmltree::Document::parse(xmp).expect("the XMP is well-formed XML");
    doc.descendants().find_map(|n| {
        if n.tag_name().namespace() == Some(ns) && n.tag_name().name() == name {
            return Some(n.text().unwrap_or("").trim().to_string());
        }
        n.attributes()
            .find(|a| a.namespace() == Some(ns) && a.name() == name)
            .map(|a| a.value().to_string())
    })
}

const PDFAID: &str = "http://www.aiim.org/pdfa/ns/id/";

#[test]
fn pdfa_2b_as_an_independent_reader_sees_it() {
    if !tool_available("qpdf") {
        return;
    }
    // The notices, the giấy mời and the biên bản of meetings/.
    let (_dir, pdfs) = render_examples();
    for pdf in &pdfs {
        let name = pdf.file_name().unwrap().to_string_lossy();
        let q = Qpdf::read(pdf);
        let catalog = q.catalog();
        // The XMP metadata stream of the catalog says PDF/A-2b.
        let meta = catalog["/Metadata"].as_str().expect("/Metadata");
        assert_eq!(q.get(meta)["/Subtype"], "/XML", "{name}");
        assert_eq!(q.get(meta)["/Type"], "/Metadata", "{name}");
        let xmp = String::from_utf8(q.data(meta)).unwrap();
        assert_eq!(
            xmp_value(&xmp, PDFAID, "part").as_deref(),
            Some("2"),
            "{name}"
        );
        assert_eq!(
            xmp_value(&xmp, PDFAID, "conformance").as_deref(),
            Some("B"),
            "{name}"
        );
        // An output intent GTS_PDFA1 with an RGB ICC profile.
        let intents = q
            .resolve(&catalog["/OutputIntents"])
            .as_array()
            .expect("/OutputIntents");
        let intent = intents
            .iter()
            .map(|i| q.resolve(i))
            .find(|i| i["/S"] == "/GTS_PDFA1")
            .unwrap_or_else(|| panic!("{name}: an output intent /GTS_PDFA1"));
        let profile = intent["/DestOutputProfile"].as_str().expect("a profile");
        assert_eq!(q.get(profile)["/N"], 3, "{name}: three components");
        let icc = q.data(profile);
        assert!(icc.len() > 128, "{name}: an ICC profile");
        assert_eq!(&icc[36..40], b"acsp", "{name}: the ICC signature");
        assert_eq!(&icc[16..20], b"RGB ", "{name}: an RGB profile");
        // Every font embedded: each descriptor has its font file.
        let mut fonts = 0;
        for font in q.dictionaries().filter(|d| d["/Type"] == "/Font") {
            assert_ne!(font["/Subtype"], "/Type3", "{name}");
            let descendants: Vec<&serde_json::Value> = if font["/Subtype"] == "/Type0" {
                q.resolve(&font["/DescendantFonts"])
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|d| q.resolve(d))
                    .collect()
            } else {
                vec![font]
            };
            for f in descendants {
                let descriptor = q.resolve(&f["/FontDescriptor"]);
                let file = ["/FontFile2", "/FontFile3", "/FontFile"]
                    .iter()
                    .find_map(|k| descriptor[*k].as_str())
                    .unwrap_or_else(|| panic!("{name}: {f} is not embedded"));
                let data = q.data(file);
                assert!(
                    data.starts_with(&[0, 1, 0, 0])
                        || data.starts_with(b"true")
                        || data.starts_with(b"OTTO"),
                    "{name}: a font program in {file}"
                );
                fonts += 1;
            }
        }
        assert!(fonts >= 2, "{name}: {fonts} fonts");
        for d in q.dictionaries().filter(|d| d["/Type"] == "/FontDescriptor") {
            assert!(
                ["/FontFile2", "/FontFile3", "/FontFile"]
                    .iter()
                    .any(|k| d[*k].is_string()),
                "{name}: {d}"
            );
        }
    }
    // Plain PDF on request: no PDF/A identification.
    let (_d, plain) = render_pdf(&root().join(EXAMPLE), &["--no-pdfa"]);
    let q = Qpdf::read(&plain);
    if let Some(meta) = q.catalog()["/Metadata"].as_str() {
        let xmp = String::from_utf8(q.data(meta)).unwrap();
        assert_eq!(xmp_value(&xmp, PDFAID, "part"), None);
        assert_eq!(xmp_value(&xmp, PDFAID, "conformance"), None);
    }
    let intents = q.resolve(&q.catalog()["/OutputIntents"]);
    assert!(
        !intents
            .as_array()
            .into_iter()
            .flatten()
            .any(|i| q.resolve(i)["/S"] == "/GTS_PDFA1"),
        "{intents}"
    );
}

/// A filled rectangle, in points from the page's top-left corner.
/// One example, and the bold lines of its issuer's name.
struct Header<'a> {
    meeting: &'a str,
    issuer: &'a [&'a str],
}

#[test]
fn the_three_rules_are_as_long_as_decree_30_says_and_where_it_says() {
    if !tool_available("qpdf") || !poppler_present() {
        return;
    }
    const LEFT_COLUMN: f32 = 65.0 * 72.0 / 25.4;
    const THICKNESS: f32 = 0.75;
    let tol = 0.05;
    for h in [
        Header {
            meeting: EXAMPLE,
            issuer: &["ỦY BAN NHÂN DÂN", "TỈNH LAI CHÂU"],
        },
        Header {
            meeting: DRAFT,
            issuer: &["VĂN PHÒNG UBND TỈNH"],
        },
    ] {
        let (_d, pdf) = render_pdf(&root().join(h.meeting), &[]);
        let q = Qpdf::read(&pdf);
        let pages: Vec<Vec<FilledRect>> = q
            .page_contents()
            .iter()
            .map(|c| filled_rects(c, PAGE_H))
            .collect();
        // Three rules on the first page, nothing filled on the others.
        assert_eq!(pages[0].len(), 3, "{}: {:?}", h.meeting, pages[0]);
        assert!(pages[1..].iter().all(Vec::is_empty), "{pages:?}");
        for r in &pages[0] {
            assert!((r.y1 - r.y0 - THICKNESS).abs() < 0.01, "{r:?}");
        }
        let words = word_boxes(&pdf);
        let first: Vec<&WordBox> = words.iter().filter(|w| w.page == 0).collect();
        let split = MARGIN_LEFT + LEFT_COLUMN;
        let left = group_lines(first.iter().copied().filter(|w| w.x_max <= split).collect());
        let right = group_lines(first.iter().copied().filter(|w| w.x_min >= split).collect());
        let all = group_lines(first.clone());
        let find = |lines: &[PdfLine], text: &str| -> PdfLine {
            lines
                .iter()
                .find(|l| l.text == text)
                .unwrap_or_else(|| panic!("{}: {text:?} in {lines:#?}", h.meeting))
                .clone()
        };
        let in_left: Vec<&FilledRect> = pages[0].iter().filter(|r| r.x1 <= split).collect();
        let in_right: Vec<&FilledRect> = pages[0].iter().filter(|r| r.x0 >= split).collect();
        assert_eq!((in_left.len(), in_right.len()), (1, 1), "{:?}", pages[0]);

        // Under the issuer's name: a third of its widest line, centred
        // under it, between the name and the number.
        let rule = in_left[0];
        let issuer: Vec<PdfLine> = h.issuer.iter().map(|t| find(&left, t)).collect();
        let widest = issuer
            .iter()
            .max_by(|a, b| (a.x_max - a.x_min).total_cmp(&(b.x_max - b.x_min)))
            .unwrap();
        let width = widest.x_max - widest.x_min;
        assert!(
            (rule.width() - width / 3.0).abs() < tol,
            "{}: issuer rule {} pt, name {width} pt",
            h.meeting,
            rule.width()
        );
        for line in &issuer {
            let centre = (line.x_min + line.x_max) / 2.0;
            assert!(
                (rule.centre() - centre).abs() < tol,
                "{}: {line:?} {rule:?}",
                h.meeting
            );
        }
        let number = left.iter().find(|l| l.text.starts_with("Số:")).unwrap();
        let last = issuer.last().unwrap();
        assert!(
            rule.y0 > last.y_max && rule.y1 < number.y_min,
            "{}: {rule:?} between {last:?} and {number:?}",
            h.meeting
        );

        // Under the motto: exactly its width, under it, above the date line.
        let rule = in_right[0];
        let motto = find(&right, "Độc lập - Tự do - Hạnh phúc");
        assert!(
            (rule.x0 - motto.x_min).abs() < tol && (rule.x1 - motto.x_max).abs() < tol,
            "{}: motto rule {rule:?}, motto {motto:?}",
            h.meeting
        );
        let date = right.iter().find(|l| l.text.contains("ngày")).unwrap();
        assert!(
            rule.y0 > motto.y_max && rule.y1 < date.y_min,
            "{}",
            h.meeting
        );

        // Under the trích yếu: a third of its widest line, centred on the
        // text width, between the trích yếu and the body.
        let rule = pages[0]
            .iter()
            .max_by(|a, b| a.y0.total_cmp(&b.y0))
            .unwrap();
        let title = find(&all, "THÔNG BÁO");
        let summary: Vec<&PdfLine> = all
            .iter()
            .filter(|l| l.y_min > title.y_max && l.y_max < rule.y0)
            .collect();
        assert!(!summary.is_empty(), "{}", h.meeting);
        let width = summary
            .iter()
            .map(|l| l.x_max - l.x_min)
            .fold(0.0, f32::max);
        assert!(
            (rule.width() - width / 3.0).abs() < tol,
            "{}: trích yếu rule {} pt, widest line {width} pt",
            h.meeting,
            rule.width()
        );
        let text_centre = MARGIN_LEFT + (PAGE_W - MARGIN_LEFT - MARGIN_RIGHT) / 2.0;
        assert!(
            (rule.centre() - text_centre).abs() < tol,
            "{}: {rule:?}",
            h.meeting
        );
        for line in &summary {
            assert!(
                ((line.x_min + line.x_max) / 2.0 - text_centre).abs() < tol,
                "{line:?}"
            );
        }
        let body = all.iter().find(|l| l.y_min > rule.y1).unwrap();
        assert!(
            body.x_min > MARGIN_LEFT + 1.0,
            "the body's first line, indented: {body:?}"
        );
    }
}

/// Where the rules sit in height is a matter of the DOCX's paragraph borders
/// (an empty paragraph `rule_gap_pt` high, its border under it): LibreOffice,
/// an independent typesetter, strokes the three rules of our DOCX within a
/// fifth of a point of where our PDF fills them, on both examples (measured:
/// 0.01–0.04 pt apart; a rule moved by its own thickness is 0.75 pt off).
#[test]
fn libreoffice_draws_the_three_rules_where_our_pdf_does() {
    if !tool_available("soffice") || !tool_available("qpdf") {
        return;
    }
    let tol = 0.2;
    for meeting in [EXAMPLE, DRAFT] {
        let path = root().join(meeting);
        let (_p, pdf) = render_pdf(&path, &[]);
        let (_d, docx) = render_docx(&path);
        let theirs = libreoffice_pdf(&docx);
        let rules = |pdf: &Path, stroked: bool| {
            let first = &Qpdf::read(pdf).page_contents()[0];
            let (filled, strokes) = painted_rects(first, PAGE_H);
            let mut rules = if stroked { strokes } else { filled };
            rules.sort_by(|a, b| (a.y0, a.x0).partial_cmp(&(b.y0, b.x0)).unwrap());
            // LibreOffice strokes each border twice, in the same place.
            rules.dedup_by(|a, b| {
                [a.x0 - b.x0, a.x1 - b.x1, a.y0 - b.y0, a.y1 - b.y1]
                    .iter()
                    .all(|d| d.abs() < 1e-3)
            });
            rules
        };
        let ours = rules(&pdf, false);
        let lo = rules(&theirs, true);
        assert_eq!((ours.len(), lo.len()), (3, 3), "{meeting}: {ours:?} {lo:?}");
        for (a, b) in ours.iter().zip(&lo) {
            let middle = |r: &FilledRect| (r.y0 + r.y1) / 2.0;
            assert!(
                (a.x0 - b.x0).abs() < tol
                    && (a.x1 - b.x1).abs() < tol
                    && (middle(a) - middle(b)).abs() < tol
                    && ((a.y1 - a.y0) - (b.y1 - b.y0)).abs() < 0.01,
                "{meeting}: ours {a:?}, LibreOffice's {b:?}"
            );
        }
    }
}
