//! One meeting file, three documents: the giấy mời (Mẫu 1.7) and the biên
//! bản (Mẫu 1.9) beside the thông báo, checked element by element against
//! Decree 30's Mẫu 1.7 and 1.9 in the DOCX XML (text, order, size, bold,
//! italic, alignment, table cells) and in the PDF (`pdftotext`, word boxes),
//! and the workflow around them (which documents a file renders, drafts,
//! `--documents`, the manifest and `--prune`, `tasks`).

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// The lifecycle example: invitation, minutes and notice in one file.
const LIFECYCLE: &str = "meetings/2021-02-24-hop-ubnd-thang-02.yaml";
const STEM: &str = "2021-02-24-hop-ubnd-thang-02";

fn attr<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
    n.attribute((W, name))
}

fn child<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> Option<roxmltree::Node<'a, 'a>> {
    n.children().find(|c| c.tag_name().name() == name)
}

fn is_w(n: &roxmltree::Node, name: &str) -> bool {
    n.tag_name().name() == name && n.tag_name().namespace() == Some(W)
}

/// A paragraph as read from the XML.
#[derive(Debug, Clone)]
struct Para {
    text: String,
    style: Option<String>,
    align: Option<String>,
    /// (size in half points, bold, italic) of every run with text.
    runs: Vec<(Option<u32>, bool, bool)>,
    keep_next: bool,
    /// Where it stands: `body`, or `table N row R cell C`.
    place: String,
}

fn para(p: roxmltree::Node, place: String) -> Para {
    let ppr = child(p, "pPr");
    let runs = p
        .children()
        .filter(|r| is_w(r, "r") && r.descendants().any(|t| is_w(&t, "t")))
        .map(|r| {
            let rpr = child(r, "rPr");
            let get = |name: &str| rpr.and_then(|x| child(x, name));
            (
                get("sz")
                    .and_then(|s| attr(s, "val"))
                    .and_then(|v| v.parse().ok()),
                get("b").is_some(),
                get("i").is_some(),
            )
        })
        .collect();
    Para {
        text: paragraph_text(p),
        style: ppr
            .and_then(|x| child(x, "pStyle"))
            .and_then(|s| attr(s, "val"))
            .map(str::to_string),
        align: ppr
            .and_then(|x| child(x, "jc"))
            .and_then(|s| attr(s, "val"))
            .map(str::to_string),
        runs,
        keep_next: ppr.is_some_and(|x| child(x, "keepNext").is_some()),
        place,
    }
}

/// Every paragraph of `word/document.xml` in document order, with where it stands.
fn docx_paragraphs(docx: &Path) -> Vec<Para> {
    let xml = zip_entry(docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let body = doc.descendants().find(|n| is_w(n, "body")).unwrap();
    let mut out = Vec::new();
    let mut tables = 0;
    for node in body.children() {
        if is_w(&node, "p") {
            out.push(para(node, "body".into()));
        } else if is_w(&node, "tbl") {
            tables += 1;
            for (r, row) in node.children().filter(|n| is_w(n, "tr")).enumerate() {
                for (c, cell) in row.children().filter(|n| is_w(n, "tc")).enumerate() {
                    for p in cell.children().filter(|n| is_w(n, "p")) {
                        out.push(para(p, format!("table {tables} row {r} cell {c}")));
                    }
                }
            }
        }
    }
    out
}

/// The paragraph that reads `text` (line breaks as spaces).
fn find<'a>(paras: &'a [Para], text: &str) -> &'a Para {
    paras
        .iter()
        .find(|p| p.text.replace('\n', " ") == text)
        .unwrap_or_else(|| {
            let all: Vec<&str> = paras.iter().map(|p| p.text.as_str()).collect();
            panic!("no paragraph reads {text:?}; paragraphs: {all:#?}")
        })
}

/// Asserts each text is a paragraph, in this order.
fn in_order(paras: &[Para], texts: &[&str]) {
    let mut last = None;
    for t in texts {
        let i = paras
            .iter()
            .position(|p| p.text.replace('\n', " ") == *t)
            .unwrap_or_else(|| panic!("no paragraph reads {t:?}"));
        if let Some(l) = last {
            assert!(i > l, "{t:?} comes after the element before it");
        }
        last = Some(i);
    }
}

/// Asserts a paragraph's runs are all of this size (pt), bold and italic,
/// and its alignment (`None`: from its style).
fn looks(p: &Para, size_pt: u32, bold: bool, italic: bool, align: Option<&str>) {
    assert!(!p.runs.is_empty(), "{:?} has text runs", p.text);
    for r in &p.runs {
        assert_eq!(*r, (Some(size_pt * 2), bold, italic), "{:?}", p.text);
    }
    assert_eq!(p.align.as_deref(), align, "alignment of {:?}", p.text);
}

/// A body paragraph in the body style (justified, 14 pt, first-line indent: the style).
fn body_style(p: &Para) {
    assert_eq!(p.place, "body", "{:?}", p.text);
    assert!(
        matches!(
            p.style.as_deref(),
            Some("Body" | "Subtask" | "Task" | "SectionHeading")
        ),
        "{:?} in the body style, not {:?}",
        p.text,
        p.style
    );
    assert_eq!(
        p.align, None,
        "{:?} takes the style's justification",
        p.text
    );
    for r in &p.runs {
        assert_eq!(r.0, Some(28), "{:?} in 14 pt", p.text);
    }
}

/// Renders a meeting (all documents, both formats) into a fresh folder.
fn render_all(meeting: &Path, extra: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    render_into(meeting, dir.path(), extra);
    dir
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names
}

fn lifecycle() -> (tempfile::TempDir, PathBuf) {
    let dir = render_all(&root().join(LIFECYCLE), &[]);
    let out = dir.path().to_path_buf();
    (dir, out)
}

#[test]
fn the_lifecycle_file_renders_its_three_documents() {
    let (_d, out) = lifecycle();
    assert_eq!(
        files(&out),
        [
            format!("{STEM}.bien-ban.docx"),
            format!("{STEM}.bien-ban.pdf"),
            format!("{STEM}.docx"),
            format!("{STEM}.giay-moi.docx"),
            format!("{STEM}.giay-moi.pdf"),
            format!("{STEM}.pdf"),
        ]
    );
}

#[test]
fn giay_moi_docx_elements_in_order_with_their_format() {
    let (_d, out) = lifecycle();
    let paras = docx_paragraphs(&out.join(format!("{STEM}.giay-moi.docx")));
    // Header table: the issuer and the number on the left, the Quốc hiệu,
    // the Tiêu ngữ and the date line on the right (the sizes of Decree 30,
    // Phụ lục I).
    let issuer = find(&paras, "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU");
    looks(issuer, 13, true, false, Some("center"));
    assert!(issuer.place.starts_with("table 1 row 0 cell 0"));
    let number = find(&paras, "Số: 08/GM-UBND");
    looks(number, 13, false, false, Some("center"));
    assert_eq!(number.place, "table 1 row 1 cell 0");
    looks(
        find(&paras, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        13,
        true,
        false,
        Some("center"),
    );
    looks(
        find(&paras, "Độc lập - Tự do - Hạnh phúc"),
        14,
        true,
        false,
        Some("center"),
    );
    let date = find(&paras, "Lai Châu, ngày 18 tháng 02 năm 2021");
    looks(date, 14, false, true, Some("center"));
    assert_eq!(date.place, "table 1 row 1 cell 1", "level with Số");
    // GIẤY MỜI and the trích yếu, 14 pt bold centred, the short rule under it.
    looks(find(&paras, "GIẤY MỜI"), 14, true, false, Some("center"));
    let summary = "Họp Ủy ban nhân dân tỉnh thường kỳ tháng 02 năm 2021";
    looks(find(&paras, summary), 14, true, false, Some("center"));
    let i = paras.iter().position(|p| p.text == summary).unwrap();
    assert!(
        paras[i + 1].text.is_empty() && paras[i + 1].place == "body",
        "the rule (an empty bordered paragraph) follows the trích yếu"
    );
    // The body, in the model's order, each a paragraph in the body style.
    let body = [
        "Ủy ban nhân dân tỉnh Lai Châu trân trọng kính mời:",
        "- các đồng chí Phó Chủ tịch UBND tỉnh;",
        "- các đồng chí Ủy viên UBND tỉnh;",
        "- đại diện lãnh đạo Thường trực HĐND tỉnh, Ủy ban MTTQ Việt Nam tỉnh;",
        "- lãnh đạo Văn phòng UBND tỉnh.",
        "Tới dự phiên họp Ủy ban nhân dân tỉnh tháng 02 năm 2021.",
        "Chủ trì: đồng chí Trần Tiến Dũng, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh.",
        "Thời gian: 08 giờ 00, thứ Tư, ngày 24/02/2021.",
        "Địa điểm: Phòng họp tầng 3, trụ sở Tỉnh ủy - HĐND - UBND tỉnh.",
        "Mọi chi tiết xin liên hệ đồng chí Lê Thị Thu Hà, Chuyên viên Văn phòng UBND tỉnh, điện thoại 0213 3876 543./.",
    ];
    in_order(&paras, &body);
    for t in body {
        body_style(find(&paras, t));
    }
    assert!(
        paras
            .iter()
            .filter(|p| p.place == "body")
            .any(|p| p.text.starts_with("Nội dung: đánh giá tình hình")),
        "the notes are in the body"
    );
    assert!(
        !paras.iter().any(|p| p.text.contains("Kính gửi")),
        "no Kính gửi line (Phụ lục I keeps it for công văn)"
    );
    let last_body = paras
        .iter()
        .rev()
        .find(|p| p.place == "body" && !p.text.is_empty());
    assert!(
        last_body.unwrap().text.ends_with("./."),
        "the body ends with ./."
    );
    // Signature table: Nơi nhận level with the signer (the same row).
    let heading = find(&paras, "Nơi nhận:");
    looks(heading, 12, true, true, Some("left"));
    let authority = find(&paras, "TL. CHỦ TỊCH");
    looks(authority, 14, true, false, Some("center"));
    looks(
        find(&paras, "CHÁNH VĂN PHÒNG"),
        14,
        true,
        false,
        Some("center"),
    );
    looks(
        find(&paras, "Nguyễn Văn A"),
        14,
        true,
        false,
        Some("center"),
    );
    assert_eq!(
        heading.place.replace("cell 0", "cell 1"),
        authority.place,
        "Nơi nhận and the authority share a row"
    );
    let recipients: Vec<&Para> = paras
        .iter()
        .filter(|p| p.place == heading.place && p.text.starts_with("- "))
        .collect();
    let texts: Vec<&str> = recipients.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "- Thường trực Tỉnh ủy (b/c);",
            "- Thường trực HĐND tỉnh;",
            "- Chủ tịch, các PCT UBND tỉnh;",
            "- Các thành viên UBND tỉnh;",
            "- Ủy ban MTTQ Việt Nam tỉnh;",
            "- Lãnh đạo Văn phòng UBND tỉnh;",
            "- Lưu: VT, TH.",
        ]
    );
    for r in recipients {
        assert_eq!(r.runs, [(Some(22), false, false)], "{:?} in 11 pt", r.text);
    }
}

#[test]
fn bien_ban_docx_elements_in_order_with_their_format() {
    let (_d, out) = lifecycle();
    let paras = docx_paragraphs(&out.join(format!("{STEM}.bien-ban.docx")));
    let number = find(&paras, "Số: 03/BB-UBND");
    looks(number, 13, false, false, Some("center"));
    assert_eq!(number.place, "table 1 row 1 cell 0");
    // The right column holds the Quốc hiệu, the Tiêu ngữ and its rule, and
    // no date line: the cell level with Số is empty.
    let right: Vec<&str> = paras
        .iter()
        .filter(|p| p.place.starts_with("table 1 ") && p.place.ends_with("cell 1"))
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(
        right,
        [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "",
            ""
        ]
    );
    assert!(!paras.iter().any(|p| p.text.starts_with("Lai Châu, ngày")));
    looks(find(&paras, "BIÊN BẢN"), 14, true, false, Some("center"));
    looks(
        find(&paras, "Phiên họp Ủy ban nhân dân tỉnh tháng 02 năm 2021"),
        14,
        true,
        false,
        Some("center"),
    );
    let body = [
        "Thời gian bắt đầu: 08 giờ 00, ngày 24 tháng 02 năm 2021.",
        "Địa điểm: Phòng họp tầng 3, trụ sở Tỉnh ủy - HĐND - UBND tỉnh.",
        "Thành phần tham dự:",
        "- các đồng chí Phó Chủ tịch UBND tỉnh;",
        "- các đồng chí Ủy viên UBND tỉnh;",
        "- đại diện lãnh đạo Thường trực HĐND tỉnh, Ủy ban MTTQ Việt Nam tỉnh;",
        "- lãnh đạo Văn phòng UBND tỉnh;",
        "Vắng mặt:",
        "- đồng chí Giám đốc Sở Tư pháp (đi công tác tại Hà Nội, ủy quyền Phó Giám đốc dự họp);",
        "Chủ trì (chủ tọa): đồng chí Trần Tiến Dũng, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh.",
        "Thư ký (người ghi biên bản): Lê Thị Thu Hà, Chuyên viên Phòng Tổng hợp, Văn phòng UBND tỉnh.",
        "Nội dung (theo diễn biến cuộc họp):",
        "Đồng chí Trần Tiến Dũng, Chủ tịch UBND tỉnh khai mạc, nêu mục đích, yêu cầu của phiên họp.",
        "Kết luận của chủ trì:",
        "I. Về tình hình kinh tế - xã hội tháng 02, nhiệm vụ trọng tâm tháng 3 năm 2021",
        "II. Về công tác chuẩn bị bầu cử đại biểu Quốc hội khóa XV và đại biểu HĐND các cấp nhiệm kỳ 2021-2026",
        "Cuộc họp kết thúc vào 11 giờ 30, ngày 24 tháng 02 năm 2021./.",
    ];
    in_order(&paras, &body);
    for t in body {
        body_style(find(&paras, t));
    }
    let conclusions = find(&paras, "Kết luận của chủ trì:");
    assert!(conclusions.runs.iter().all(|r| r.1), "a bold line");
    assert!(
        conclusions.keep_next,
        "kept with the conclusions that follow"
    );

    // The signature block: THƯ KÝ left, CHỦ TỌA right, on one row; the
    // names under them; Nơi nhận below THƯ KÝ in the left cell.
    let sig: Vec<&Para> = paras
        .iter()
        .filter(|p| p.place.starts_with("table 2 "))
        .collect();
    let left: Vec<&str> = sig
        .iter()
        .filter(|p| p.place == "table 2 row 0 cell 0")
        .map(|p| p.text.as_str())
        .collect();
    let right: Vec<&str> = sig
        .iter()
        .filter(|p| p.place == "table 2 row 0 cell 1")
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(
        left,
        [
            "THƯ KÝ",
            "Lê Thị Thu Hà",
            "Nơi nhận:",
            "- Chủ tịch, các PCT UBND tỉnh;",
            "- Lãnh đạo Văn phòng UBND tỉnh;",
            "- Lưu: VT, Hồ sơ.",
        ]
    );
    assert_eq!(right, ["CHỦ TỌA", "Trần Tiến Dũng"]);
    for t in ["THƯ KÝ", "CHỦ TỌA", "Lê Thị Thu Hà", "Trần Tiến Dũng"] {
        looks(find(&paras, t), 14, true, false, Some("center"));
    }
    looks(find(&paras, "Nơi nhận:"), 12, true, true, Some("left"));
    looks(find(&paras, "- Lưu: VT, Hồ sơ."), 11, false, false, None);
    assert!(
        !paras
            .iter()
            .any(|p| p.text.starts_with("TM.") || p.text.starts_with("KT.")),
        "no authority lines in the minutes"
    );
}

#[test]
fn the_minutes_print_the_conclusions_exactly_as_the_notice() {
    let (_d, out) = lifecycle();
    let notice = docx_paragraphs(&out.join(format!("{STEM}.docx")));
    let minutes = docx_paragraphs(&out.join(format!("{STEM}.bien-ban.docx")));
    let agenda = |paras: &[Para], end: &str| -> Vec<(String, Option<String>)> {
        let start = paras
            .iter()
            .position(|p| p.text.starts_with("I. "))
            .unwrap();
        let stop = paras.iter().position(|p| p.text.starts_with(end)).unwrap();
        paras[start..stop]
            .iter()
            .map(|p| (p.text.clone(), p.style.clone()))
            .collect()
    };
    let in_notice = agenda(&notice, "Ủy ban nhân dân tỉnh Lai Châu thông báo");
    let in_minutes = agenda(&minutes, "Cuộc họp kết thúc vào");
    assert_eq!(in_notice.len(), 6, "{in_notice:?}");
    assert_eq!(in_minutes, in_notice);
    assert!(in_notice
        .iter()
        .any(|(t, _)| t
            .starts_with("1. Giao Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Sở Tài chính:")));
}

/// A word's centre line and left edge.
fn word<'a>(words: &'a [WordBox], text: &str) -> &'a WordBox {
    words
        .iter()
        .find(|w| w.text == text)
        .unwrap_or_else(|| panic!("the word {text:?}"))
}

#[test]
fn the_minutes_keep_the_chairs_conclusions_heading_with_what_follows() {
    if !tool_available("pdftotext") {
        return;
    }
    // The lifecycle meeting's minutes, and the same with one to seven more
    // paragraphs of proceedings, so that the heading `Kết luận của chủ
    // trì:` comes to every height of the first and second page's foot.
    let text = std::fs::read_to_string(root().join(LIFECYCLE)).unwrap();
    let marker = "  proceedings: |\n";
    assert!(text.contains(marker));
    let dir = tempfile::tempdir().unwrap();
    let bottom = 841.89 - 20.0 * 72.0 / 25.4;
    let mut pushed = 0;
    for extra in 0..8 {
        let paragraphs: String = (0..extra)
            .map(|i| format!("    Ý kiến thứ {}: đồng chí đại biểu phát biểu về tình hình thực hiện nhiệm vụ của ngành và đề nghị các giải pháp.\n\n", i + 1))
            .collect();
        let file = dir.path().join(format!("bb-{extra}.yaml"));
        std::fs::write(
            &file,
            text.replacen(marker, &format!("{marker}{paragraphs}"), 1),
        )
        .unwrap();
        let out = dir.path().join(format!("out-{extra}"));
        render_into(&file, &out, &["--documents", "bien-ban", "--format", "pdf"]);
        let pages = pdf_lines(&out.join(format!("bb-{extra}.bien-ban.pdf")));
        let (p, i) = pages
            .iter()
            .enumerate()
            .find_map(|(p, lines)| {
                lines
                    .iter()
                    .position(|l| l.text == "Kết luận của chủ trì:")
                    .map(|i| (p, i))
            })
            .unwrap_or_else(|| panic!("{extra}: the heading in {pages:#?}"));
        // What follows it is the first section's heading, on its page.
        let next = pages[p].get(i + 1).map(|l| l.text.as_str());
        assert!(
            next.is_some_and(|t| t.starts_with("I. Về tình hình")),
            "{extra} more paragraphs: `Kết luận của chủ trì:` ends page {} (next: {next:?})",
            p + 1
        );
        // Where it starts a page though the page before had room for it
        // (its space and line: 24 pt), the rule was at work.
        if p > 0 && i <= 1 {
            let before = pages[p - 1].last().unwrap();
            if bottom - before.y_max > 24.0 + 6.0 {
                pushed += 1;
            }
        }
    }
    assert!(
        pushed >= 1,
        "no case where the heading went to the next page with room left"
    );
}

#[test]
fn bien_ban_pdf_signatures_on_one_line_and_recipients_below() {
    if !tool_available("pdftotext") {
        return;
    }
    let (_d, out) = lifecycle();
    let pdf = out.join(format!("{STEM}.bien-ban.pdf"));
    let words = word_boxes(&pdf);
    let last_page = words.iter().map(|w| w.page).max().unwrap();
    let on_last: Vec<WordBox> = words
        .iter()
        .filter(|w| w.page == last_page)
        .cloned()
        .collect();
    let (thu, chu) = (word(&on_last, "THƯ"), word(&on_last, "CHỦ"));
    assert!(
        (thu.y_min - chu.y_min).abs() < 0.5,
        "THƯ KÝ and CHỦ TỌA on one line: {thu:?} {chu:?}"
    );
    assert!(thu.x_max < chu.x_min, "THƯ KÝ left of CHỦ TỌA");
    let (secretary, chair) = (word(&on_last, "Hà"), word(&on_last, "Dũng"));
    assert!(
        (secretary.y_min - chair.y_min).abs() < 0.5,
        "names on one line"
    );
    assert!(secretary.y_min > thu.y_max + 40.0, "a space for signing");
    let noi = word(&on_last, "Nơi");
    assert!(noi.y_min > secretary.y_max, "Nơi nhận below the signatures");
    let margin = 30.0 * 72.0 / 25.4;
    assert!(
        (noi.x_min - margin).abs() < 1.0,
        "Nơi nhận at the left margin: {noi:?}"
    );
    let text = pdf_text(&pdf);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(lines.last(), Some(&"- Lưu: VT, Hồ sơ."));
    // Page 1: no date line in the header.
    let first_page = text.split('\u{c}').next().unwrap();
    assert!(!first_page.contains("Lai Châu, ngày"), "{first_page}");
    assert!(first_page.contains("Số: 03/BB-UBND"));
}

#[test]
fn giay_moi_pdf_text_in_order_with_the_weekday() {
    if !tool_available("pdftotext") {
        return;
    }
    let (_d, out) = lifecycle();
    let text = pdf_text(&out.join(format!("{STEM}.giay-moi.pdf")));
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut at = 0;
    for part in [
        "ỦY BAN NHÂN DÂN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 08/GM-UBND Lai Châu, ngày 18 tháng 02 năm 2021",
        "GIẤY MỜI",
        "Họp Ủy ban nhân dân tỉnh thường kỳ tháng 02 năm 2021",
        "Ủy ban nhân dân tỉnh Lai Châu trân trọng kính mời:",
        "- lãnh đạo Văn phòng UBND tỉnh.",
        "Tới dự phiên họp Ủy ban nhân dân tỉnh tháng 02 năm 2021.",
        "Chủ trì: đồng chí Trần Tiến Dũng",
        "Thời gian: 08 giờ 00, thứ Tư, ngày 24/02/2021.",
        "Địa điểm: Phòng họp tầng 3",
        "điện thoại 0213 3876 543./.",
        "Nơi nhận: TL. CHỦ TỊCH",
        "- Lưu: VT, TH.",
        "Nguyễn Văn A",
    ] {
        let found = flat[at..]
            .find(part)
            .unwrap_or_else(|| panic!("{part:?} after byte {at} of:\n{flat}"));
        at += found + part.len();
    }
}

/// Whether a line of `text` holds `before`, a blank of at least two
/// spaces, then `after` (a draft's number left for the registry).
fn blank_before(text: &str, before: &str, after: &str) -> bool {
    text.lines().any(|l| {
        l.split_once(before)
            .and_then(|(_, rest)| {
                rest.strip_suffix(after)
                    .or_else(|| rest.split_once(after).map(|(b, _)| b))
            })
            .is_some_and(|gap| gap.len() >= 2 && gap.chars().all(|c| c == ' '))
    })
}

/// A meeting file written a week ahead: `meeting` and `invitation`, no agenda.
fn pre_meeting(invitees: &str, invitation_extra: &str) -> String {
    format!(
        r#"issuer:
  name: Văn phòng UBND tỉnh
  parent: UBND tỉnh Lai Châu
  code: VP
  place: Lai Châu
meeting:
  name: cuộc họp về công tác phòng cháy, chữa cháy rừng
  date: 2021-03-06
  time: 14 giờ 00
  location: Phòng họp số 2, Văn phòng UBND tỉnh
  chair:
    name: Lò Thị Hương
    title: Phó Chánh Văn phòng UBND tỉnh
signer:
  authority: [KT. CHÁNH VĂN PHÒNG]
  position: Phó Chánh Văn phòng
  name: Lò Thị Hương
invitation:
  summary: Họp về công tác phòng cháy, chữa cháy rừng mùa khô năm 2021
  invitees: {invitees}
{invitation_extra}"#
    )
}

#[test]
fn a_pre_meeting_file_renders_only_the_invitation_with_one_invitee_inline() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hop-pccc.yaml");
    std::fs::write(
        &file,
        pre_meeting(
            "[Đồng chí Giám đốc Sở Nông nghiệp và Phát triển nông thôn]",
            "",
        ),
    )
    .unwrap();
    let check = ketluan(&["check", file.to_str().unwrap()]);
    assert!(
        check.status.success()
            && String::from_utf8_lossy(&check.stderr).contains("0 lỗi, 0 cảnh báo"),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(String::from_utf8_lossy(&check.stdout).contains("hợp lệ (giấy mời)"));
    let out = render_all(&file, &[]);
    assert_eq!(
        files(out.path()),
        ["hop-pccc.giay-moi.docx", "hop-pccc.giay-moi.pdf"]
    );
    let paras = docx_paragraphs(&out.path().join("hop-pccc.giay-moi.docx"));
    // One invitee: on the line of "trân trọng kính mời:".
    body_style(find(
        &paras,
        "Văn phòng UBND tỉnh trân trọng kính mời: Đồng chí Giám đốc Sở Nông nghiệp và Phát triển nông thôn.",
    ));
    // A draft: blank number and date (the meeting's year), a Văn phòng issuer.
    find(&paras, "Số:      /GM-VP");
    find(&paras, "Lai Châu, ngày      tháng      năm 2021");
    find(&paras, "UBND TỈNH LAI CHÂU");
    // 6 March 2021 was a Saturday; no notes: the Địa điểm line closes the body.
    find(&paras, "Thời gian: 14 giờ 00, thứ Bảy, ngày 06/3/2021.");
    find(&paras, "Địa điểm: Phòng họp số 2, Văn phòng UBND tỉnh./.");
    find(&paras, "KT. CHÁNH VĂN PHÒNG");
    // Nơi nhận: the invitee, then the Lưu line.
    find(
        &paras,
        "- Đồng chí Giám đốc Sở Nông nghiệp và Phát triển nông thôn;",
    );
    find(&paras, "- Lưu: VT.");
    if tool_available("pdftotext") {
        let text = pdf_text(&out.path().join("hop-pccc.giay-moi.pdf"));
        assert!(blank_before(&text, "Số:", "/GM-VP"), "{text}");
        assert!(text.contains("thứ Bảy, ngày 06/3/2021"), "{text}");
    }
    // Nothing to track yet: `tasks` reads it without complaint.
    let tasks = ketluan(&["tasks", file.to_str().unwrap(), "--format", "csv"]);
    assert!(tasks.status.success());
    assert_eq!(
        String::from_utf8_lossy(&tasks.stdout).lines().count(),
        1,
        "the header only"
    );
}

#[test]
fn the_invitation_weekday_follows_the_date() {
    let dir = tempfile::tempdir().unwrap();
    for (date, weekday, short) in [
        ("2021-03-07", "Chủ nhật", "07/3/2021"),
        ("2021-03-08", "thứ Hai", "08/3/2021"),
        ("2024-02-29", "thứ Năm", "29/02/2024"),
    ] {
        let file = dir.path().join(format!("hop-{date}.yaml"));
        let text = pre_meeting("[Sở Nội vụ]", "").replace("2021-03-06", date);
        std::fs::write(&file, text).unwrap();
        let out = render_all(&file, &["--format", "docx"]);
        let paras = docx_paragraphs(&out.path().join(format!("hop-{date}.giay-moi.docx")));
        find(
            &paras,
            &format!("Thời gian: 14 giờ 00, {weekday}, ngày {short}."),
        );
    }
}

#[test]
fn drafts_of_the_minutes_keep_their_blanks() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hop.yaml");
    let text = pre_meeting("[Sở Nội vụ, Sở Tài chính]", "")
        + r#"minutes:
  proceedings: Các đại biểu phát biểu ý kiến.
"#;
    // The secretary and the attendees are still to be added: the minutes
    // need a secretary (an error), and print blanks for the end time and
    // the attendees (warnings).
    std::fs::write(&file, &text).unwrap();
    let check = ketluan(&["check", file.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("`meeting.secretary`: thiếu trường bắt buộc cho biên bản"),
        "{stderr}"
    );
    assert!(stderr.contains("`meeting.ends`"), "{stderr}");
    assert!(stderr.contains("`meeting.attendees`"), "{stderr}");
    let text = text.replace(
        "  chair:\n",
        "  secretary:\n    name: Vàng Văn Sử\n    title: Chuyên viên\n  chair:\n",
    );
    std::fs::write(&file, &text).unwrap();
    let out = render_all(&file, &[]);
    assert_eq!(
        files(out.path()),
        [
            "hop.bien-ban.docx",
            "hop.bien-ban.pdf",
            "hop.giay-moi.docx",
            "hop.giay-moi.pdf"
        ]
    );
    let paras = docx_paragraphs(&out.path().join("hop.bien-ban.docx"));
    find(&paras, "Số:      /BB-VP");
    find(&paras, "Thành phần tham dự: ……");
    find(
        &paras,
        "Cuộc họp kết thúc vào …… giờ ……, ngày 06 tháng 3 năm 2021./.",
    );
    assert!(
        !paras
            .iter()
            .any(|p| p.text.contains("Kết luận của chủ trì")),
        "no agenda yet: no conclusions"
    );
    // Several invitees: one `- ` line each, the last ending with a full stop.
    let invitation = docx_paragraphs(&out.path().join("hop.giay-moi.docx"));
    in_order(
        &invitation,
        &[
            "Văn phòng UBND tỉnh trân trọng kính mời:",
            "- Sở Nội vụ;",
            "- Sở Tài chính.",
            "Tới dự cuộc họp về công tác phòng cháy, chữa cháy rừng.",
        ],
    );
    if tool_available("pdftotext") {
        let text = pdf_text(&out.path().join("hop.bien-ban.pdf"));
        assert!(blank_before(&text, "Số:", "/BB-VP"), "{text}");
        assert!(text.contains("kết thúc vào …… giờ ……"), "{text}");
    }
}

#[test]
fn a_file_that_asks_for_no_document_names_the_three_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hop.yaml");
    let text = pre_meeting("[Sở Nội vụ]", "");
    let only_meeting = &text[..text.find("signer:").unwrap()];
    std::fs::write(&file, only_meeting).unwrap();
    let out = ketluan(&["check", file.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    let headline = stderr
        .lines()
        .find(|l| l.contains(": lỗi: "))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(
        headline.starts_with(&format!("{}:1:1: lỗi: ", file.display())),
        "{headline}"
    );
    for block in ["`notice`", "`invitation`", "`minutes`"] {
        assert!(headline.contains(block), "{headline}");
    }
    assert_eq!(stderr.matches(": lỗi: ").count(), 1, "{stderr}");
    let render = ketluan(&[
        "render",
        file.to_str().unwrap(),
        "--out",
        dir.path().join("out").to_str().unwrap(),
    ]);
    assert_eq!(render.status.code(), Some(1));
}

#[test]
fn documents_option_manifest_and_prune_know_the_three_documents() {
    let dir = tempfile::tempdir().unwrap();
    let meetings = dir.path().join("meetings");
    std::fs::create_dir_all(&meetings).unwrap();
    let file = meetings.join(format!("{STEM}.yaml"));
    std::fs::copy(root().join(LIFECYCLE), &file).unwrap();
    let out = dir.path().join("out");
    let run = |extra: &[&str]| {
        let mut args = vec![
            "render",
            meetings.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let o = ketluan(&args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        (
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    // Only the invitation.
    run(&["--documents", "giay-moi", "--format", "docx"]);
    assert_eq!(files(&out), [format!("{STEM}.giay-moi.docx")]);
    // Then everything: the invitation is skipped, the rest written.
    let (stdout, _) = run(&[]);
    assert_eq!(files(&out).len(), 6, "{stdout}");
    assert!(
        stdout.contains(&format!("{STEM}.giay-moi.docx (bỏ qua, không đổi)")),
        "{stdout}"
    );
    assert_eq!(stdout.matches("(bỏ qua, không đổi)").count(), 1, "{stdout}");
    // Nothing changed: all six skipped without reading the file again.
    let (stdout, _) = run(&[]);
    assert_eq!(stdout.matches("(bỏ qua, không đổi)").count(), 6, "{stdout}");
    let manifest = std::fs::read_to_string(out.join(".ketluan-manifest.json")).unwrap();
    for key in [
        "\"giay-moi.docx\"",
        "\"bien-ban.pdf\"",
        "\"docx\"",
        "\"minutes\"",
    ] {
        assert!(manifest.contains(key), "{key} in {manifest}");
    }
    // The minutes block removed: its outputs are reported, then pruned.
    let text = std::fs::read_to_string(&file).unwrap();
    let start = text.find("# Biên bản: ghi trong cuộc họp.").unwrap();
    let end = text.find("# Kết luận: viết sau cuộc họp").unwrap();
    std::fs::write(&file, format!("{}{}", &text[..start], &text[end..])).unwrap();
    let (_, stderr) = run(&[]);
    assert!(stderr.contains("dùng --prune"), "{stderr}");
    assert_eq!(files(&out).len(), 6);
    run(&["--prune"]);
    assert_eq!(
        files(&out),
        [
            format!("{STEM}.docx"),
            format!("{STEM}.giay-moi.docx"),
            format!("{STEM}.giay-moi.pdf"),
            format!("{STEM}.pdf"),
        ]
    );
    // The meeting file deleted: --prune removes every output it had.
    std::fs::remove_file(&file).unwrap();
    run(&["--prune"]);
    assert!(files(&out).is_empty(), "{:?}", files(&out));
}

#[test]
fn re_rendering_gives_the_same_bytes() {
    let a = render_all(&root().join(LIFECYCLE), &["--force"]);
    let b = render_all(&root().join(LIFECYCLE), &["--force"]);
    for name in files(a.path()) {
        assert_eq!(
            std::fs::read(a.path().join(&name)).unwrap(),
            std::fs::read(b.path().join(&name)).unwrap(),
            "{name}"
        );
    }
}

/// Our PDF and LibreOffice's rendering of our DOCX break every line alike,
/// on the same pages.
fn same_lines_as_libreoffice(meeting: &Path, stem: &str, document: &str) {
    let out = render_all(meeting, &[]);
    assert_same_lines_as_libreoffice(
        &format!("{stem}.{document}"),
        &out.path().join(format!("{stem}.{document}.pdf")),
        &out.path().join(format!("{stem}.{document}.docx")),
        Agreement::EXACT,
    );
}

#[test]
fn libreoffice_breaks_the_invitation_and_the_minutes_as_we_do() {
    if !tool_available("soffice") || !tool_available("pdftotext") {
        return;
    }
    let lifecycle = root().join(LIFECYCLE);
    same_lines_as_libreoffice(&lifecycle, STEM, "giay-moi");
    same_lines_as_libreoffice(&lifecycle, STEM, "bien-ban");
    // A draft from a Văn phòng, several invitees, blanks to fill by hand.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hop.yaml");
    let text = pre_meeting("[Sở Nội vụ, Sở Tài chính, UBND các huyện, thành phố]", "").replace(
        "  chair:\n",
        "  secretary:\n    name: Vàng Văn Sử\n    title: Chuyên viên\n  chair:\n",
    ) + "minutes:\n  proceedings: Các đại biểu phát biểu ý kiến.\n";
    std::fs::write(&file, text).unwrap();
    same_lines_as_libreoffice(&file, "hop", "giay-moi");
    same_lines_as_libreoffice(&file, "hop", "bien-ban");
}

#[test]
fn metadata_fonts_and_page_numbers_of_the_invitation_and_minutes() {
    let (_d, out) = lifecycle();
    for (document, title, subject) in [
        (
            "giay-moi",
            "Họp Ủy ban nhân dân tỉnh thường kỳ tháng 02 năm 2021",
            "GIẤY MỜI Số: 08/GM-UBND",
        ),
        (
            "bien-ban",
            "Phiên họp Ủy ban nhân dân tỉnh tháng 02 năm 2021",
            "BIÊN BẢN Số: 03/BB-UBND",
        ),
    ] {
        let core = zip_entry(
            &out.join(format!("{STEM}.{document}.docx")),
            "docProps/core.xml",
        );
        assert!(
            core.contains(&format!("<dc:title>{title}</dc:title>")),
            "{core}"
        );
        assert!(
            core.contains(&format!("<dc:subject>{subject}</dc:subject>")),
            "{core}"
        );
        if !tool_available("pdfinfo") {
            continue;
        }
        let pdf = out.join(format!("{STEM}.{document}.pdf"));
        let info = poppler("pdfinfo", &[], &pdf);
        let field = |name: &str| -> String {
            info.lines()
                .find_map(|l| l.strip_prefix(&format!("{name}:")))
                .map(|v| v.trim().to_string())
                .unwrap_or_default()
        };
        assert_eq!(field("Title"), title, "{info}");
        assert_eq!(field("Subject"), subject, "{info}");
        assert!(
            field("Page size").starts_with("595.276 x 841.89 pts"),
            "{info}"
        );
        let fonts = poppler("pdffonts", &[], &pdf);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty());
        for row in rows {
            // emb sub uni: yes yes yes
            assert!(row.contains("yes yes yes"), "{row}");
        }
    }
    if tool_available("pdftotext") {
        // The minutes' second page carries its number, centred at the top.
        let words = word_boxes(&out.join(format!("{STEM}.bien-ban.pdf")));
        let top = words
            .iter()
            .filter(|w| w.page == 1)
            .min_by(|a, b| a.y_min.total_cmp(&b.y_min))
            .unwrap();
        assert_eq!(top.text, "2");
        assert!(top.y_max < 56.7, "in the top margin: {top:?}");
        assert!(
            !words
                .iter()
                .any(|w| w.page == 0 && w.text == "1" && w.y_max < 56.7),
            "no number on page 1"
        );
    }
}
