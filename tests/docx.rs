//! The DOCX of the real example, opened and checked against
//! the house layout of Decree 30 (`Layout`) point by point: page, grid, fonts, text; the
//! three rules (under the issuer, the Tiêu ngữ and the trích yếu) measured
//! against the font file with ttf-parser; keep-with-next; the number's
//! leading zero; a draft's metadata dates; Nơi nhận with and without the
//! task units.

mod common;

use std::collections::HashMap;
use std::path::Path;

use common::*;

struct Docx {
    document: String,
    styles: String,
}

fn example() -> (tempfile::TempDir, std::path::PathBuf, Docx) {
    let (dir, path) = render_docx(&root().join(EXAMPLE));
    let docx = Docx {
        document: zip_entry(&path, "word/document.xml"),
        styles: zip_entry(&path, "word/styles.xml"),
    };
    (dir, path, docx)
}

fn attr<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
    n.attribute((W, name))
}

fn child<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> Option<roxmltree::Node<'a, 'a>> {
    n.children().find(|c| c.tag_name().name() == name)
}

fn descendant<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> Option<roxmltree::Node<'a, 'a>> {
    n.descendants().find(|c| c.tag_name().name() == name)
}

/// What a run looks like: (size in half points, bold, italic, fonts all Times New Roman).
#[derive(Debug, PartialEq)]
struct RunLook {
    size: Option<u32>,
    bold: bool,
    italic: bool,
    fonts_ok: bool,
}

fn run_looks(p: roxmltree::Node) -> Vec<RunLook> {
    p.children()
        .filter(|c| c.tag_name().name() == "r")
        .filter(|r| descendant(*r, "t").is_some())
        .map(|r| {
            let rpr = child(r, "rPr");
            let get = |name: &str| rpr.and_then(|x| child(x, name));
            let fonts_ok = get("rFonts").is_some_and(|f| {
                ["ascii", "hAnsi", "cs", "eastAsia"]
                    .iter()
                    .all(|a| attr(f, a) == Some("Times New Roman"))
            });
            RunLook {
                size: get("sz")
                    .and_then(|s| attr(s, "val"))
                    .and_then(|v| v.parse().ok()),
                bold: get("b").is_some(),
                italic: get("i").is_some(),
                fonts_ok,
            }
        })
        .collect()
}

fn paragraphs<'a>(doc: &'a roxmltree::Document<'a>) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.tag_name().name() == "p" && n.tag_name().namespace() == Some(W))
        .collect()
}

fn find_paragraph<'a>(doc: &'a roxmltree::Document<'a>, text: &str) -> roxmltree::Node<'a, 'a> {
    paragraphs(doc)
        .into_iter()
        .find(|p| paragraph_text(*p) == text)
        .unwrap_or_else(|| panic!("no paragraph reads {text:?}"))
}

fn style_of(p: roxmltree::Node) -> Option<String> {
    child(p, "pPr")
        .and_then(|ppr| child(ppr, "pStyle"))
        .and_then(|s| attr(s, "val"))
        .map(str::to_string)
}

#[test]
fn page_size_margins_and_page_numbers() {
    let (_d, path, docx) = example();
    let doc = roxmltree::Document::parse(&docx.document).unwrap();
    let sect = descendant(doc.root(), "sectPr").expect("sectPr");
    let size = child(sect, "pgSz").unwrap();
    assert_eq!(attr(size, "w"), Some("11906"));
    assert_eq!(attr(size, "h"), Some("16838"));
    let mar = child(sect, "pgMar").unwrap();
    assert_eq!(attr(mar, "top"), Some("1134"));
    assert_eq!(attr(mar, "bottom"), Some("1134"));
    assert_eq!(attr(mar, "left"), Some("1701"));
    assert_eq!(attr(mar, "right"), Some("850"));
    assert!(
        child(sect, "titlePg").is_some(),
        "page 1 has its own (empty) header"
    );
    let refs: HashMap<&str, &str> = sect
        .children()
        .filter(|c| c.tag_name().name() == "headerReference")
        .map(|c| {
            (
                attr(c, "type").unwrap(),
                c.attribute((
                    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                    "id",
                ))
                .unwrap(),
            )
        })
        .collect();
    assert!(
        refs.contains_key("default") && refs.contains_key("first"),
        "{refs:?}"
    );
    // One header holds a PAGE field at 14 pt, centred; the other is empty.
    let headers: Vec<String> = (1..=2)
        .map(|i| zip_entry(&path, &format!("word/header{i}.xml")))
        .collect();
    let with_page: Vec<&String> = headers.iter().filter(|h| h.contains("PAGE")).collect();
    assert_eq!(with_page.len(), 1, "exactly one header has the page number");
    let h = roxmltree::Document::parse(with_page[0]).unwrap();
    let p = descendant(h.root(), "p").unwrap();
    let jc = descendant(p, "jc").unwrap();
    assert_eq!(attr(jc, "val"), Some("center"));
    let sz = descendant(p, "sz").unwrap();
    assert_eq!(attr(sz, "val"), Some("28"));
    let empty = headers.iter().find(|h| !h.contains("PAGE")).unwrap();
    let e = roxmltree::Document::parse(empty).unwrap();
    assert!(
        e.descendants().all(|n| n.tag_name().name() != "t"),
        "first-page header is empty"
    );
}

#[test]
fn header_and_signature_tables_on_the_house_grid() {
    let (_d, _p, docx) = example();
    let doc = roxmltree::Document::parse(&docx.document).unwrap();
    let body = descendant(doc.root(), "body").unwrap();
    let tables: Vec<_> = body
        .children()
        .filter(|c| c.tag_name().name() == "tbl")
        .collect();
    assert_eq!(tables.len(), 2, "header table and signature table");
    for t in &tables {
        let grid: Vec<&str> = descendant(*t, "tblGrid")
            .unwrap()
            .children()
            .filter(|c| c.tag_name().name() == "gridCol")
            .map(|c| attr(c, "w").unwrap())
            .collect();
        assert_eq!(grid, ["3685", "5670"]);
        let ind = descendant(*t, "tblInd").unwrap();
        assert_eq!(attr(ind, "w"), Some("0"));
        let borders = descendant(*t, "tblBorders").unwrap();
        assert!(
            borders
                .children()
                .all(|b| matches!(attr(b, "val"), None | Some("none") | Some("nil"))),
            "borderless"
        );
    }
    // The header table is the first thing in the body, the signature table the last.
    assert_eq!(
        body.children()
            .find(|c| c.is_element())
            .unwrap()
            .tag_name()
            .name(),
        "tbl"
    );
    let last = body
        .children()
        .rfind(|c| c.is_element() && c.tag_name().name() != "sectPr")
        .unwrap();
    assert_eq!(last.tag_name().name(), "tbl");
    assert!(
        descendant(tables[1], "cantSplit").is_some(),
        "the signature row never splits"
    );
}

#[test]
fn every_element_in_its_font_size_and_style() {
    let (_d, _p, docx) = example();
    let doc = roxmltree::Document::parse(&docx.document).unwrap();
    let look = |text: &str| -> Vec<RunLook> { run_looks(find_paragraph(&doc, text)) };
    let expect = |text: &str, size: u32, bold: bool, italic: bool| {
        let runs = look(text);
        assert!(!runs.is_empty(), "{text}");
        for r in &runs {
            assert_eq!(
                (r.size, r.bold, r.italic, r.fonts_ok),
                (Some(size), bold, italic, true),
                "{text:?}"
            );
        }
    };
    expect("ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU", 26, true, false);
    expect("Số: 25/TB-UBND", 26, false, false);
    expect("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 26, true, false);
    expect("Độc lập - Tự do - Hạnh phúc", 28, true, false);
    expect("Lai Châu, ngày 27 tháng 01 năm 2021", 28, false, true);
    expect("THÔNG BÁO", 28, true, false);
    expect("Nơi nhận:", 24, true, true);
    expect("- Lưu: VT, TH.", 22, false, false);
    expect("TL. CHỦ TỊCH", 28, true, false);
    expect("CHÁNH VĂN PHÒNG", 28, true, false);
    expect("Nguyễn Văn A", 28, true, false);

    // The trích yếu: bold 14, centred, in balanced lines that read back as the summary.
    let summary =
        "Kết luận của Phó Chủ tịch Thường trực UBND tỉnh tại phiên họp UBND tỉnh tháng 01 năm 2021";
    let p = paragraphs(&doc)
        .into_iter()
        .find(|p| paragraph_text(*p).replace('\n', " ") == summary)
        .expect("the trích yếu");
    assert!(
        paragraph_text(p).contains('\n'),
        "a long trích yếu is broken into lines"
    );
    for r in run_looks(p) {
        assert_eq!(
            (r.size, r.bold, r.italic, r.fonts_ok),
            (Some(28), true, false, true)
        );
    }

    // Body paragraphs: the named styles carry the body format.
    let styles = roxmltree::Document::parse(&docx.styles).unwrap();
    let body = styles
        .descendants()
        .find(|n| n.tag_name().name() == "style" && attr(*n, "styleId") == Some("Body"))
        .expect("a Body style");
    let ppr = child(body, "pPr").unwrap();
    assert_eq!(attr(child(ppr, "jc").unwrap(), "val"), Some("both"));
    assert_eq!(attr(child(ppr, "ind").unwrap(), "firstLine"), Some("567"));
    let spacing = child(ppr, "spacing").unwrap();
    assert_eq!(attr(spacing, "before"), Some("120"));
    assert_eq!(attr(spacing, "line"), Some("360"));
    assert_eq!(attr(spacing, "lineRule"), Some("exact"));
    let rpr = child(body, "rPr").unwrap();
    assert_eq!(attr(child(rpr, "sz").unwrap(), "val"), Some("28"));
    let fonts = child(rpr, "rFonts").unwrap();
    for a in ["ascii", "hAnsi", "cs", "eastAsia"] {
        assert_eq!(attr(fonts, a), Some("Times New Roman"), "{a}");
    }
    for id in ["SectionHeading", "Task", "Subtask", "Recipients"] {
        assert!(
            styles
                .descendants()
                .any(|n| n.tag_name().name() == "style" && attr(n, "styleId") == Some(id)),
            "style {id}"
        );
    }
    // No theme fonts anywhere.
    assert!(!docx.document.contains("Theme=\"") && !docx.styles.contains("asciiTheme"));
}

#[test]
fn the_text_of_the_notice() {
    let (_d, _p, docx) = example();
    let doc = roxmltree::Document::parse(&docx.document).unwrap();
    let paras: Vec<(Option<String>, String)> = paragraphs(&doc)
        .into_iter()
        .map(|p| (style_of(p), paragraph_text(p)))
        .collect();
    let texts: Vec<&str> = paras.iter().map(|(_, t)| t.as_str()).collect();
    let find = |prefix: &str| {
        texts
            .iter()
            .position(|t| t.starts_with(prefix))
            .unwrap_or_else(|| panic!("no paragraph starts with {prefix:?}"))
    };
    let i = find("I. Về báo cáo công tác chỉ đạo");
    let ii = find("II. Về các nội dung khác");
    assert!(i < ii);
    assert_eq!(paras[i].0.as_deref(), Some("SectionHeading"));
    let tasks: Vec<&str> = paras[i..ii]
        .iter()
        .filter(|(s, _)| s.as_deref() == Some("Task"))
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(tasks.len(), 10, "{tasks:#?}");
    for (n, t) in tasks.iter().enumerate() {
        assert!(t.starts_with(&format!("{}. ", n + 1)), "{t}");
    }
    assert!(tasks[2].starts_with(
        "3. Giao Sở Nội vụ chủ trì, phối hợp với các đơn vị liên quan và UBND các huyện, thành phố: Tập trung"
    ));
    let subtasks: Vec<&str> = paras[i..ii]
        .iter()
        .filter(|(s, _)| s.as_deref() == Some("Subtask"))
        .map(|(_, t)| t.as_str())
        .collect();
    assert!(subtasks.iter().all(|t| t.starts_with("- ")));
    assert!(subtasks
        .iter()
        .any(|t| t.ends_with("Thời hạn hoàn thành: trước ngày 06/02/2021.")));
    let opening =
        &texts[find("Ngày 25/01/2021, Ủy ban nhân dân tỉnh tổ chức phiên họp tháng 01 năm 2021.")];
    assert!(opening.ends_with("đồng chí Tống Thanh Hải, Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch Thường trực UBND tỉnh kết luận như sau:"));
    let closing = find("Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện");
    assert!(texts[closing].ends_with("./."));
    assert_eq!(paras[closing].0.as_deref(), Some("Body"));
    let nhan = find("Nơi nhận:");
    assert_eq!(
        closing + 1,
        nhan,
        "the closing sentence is the last body paragraph"
    );
    let expected = [
        "- Thường trực Tỉnh ủy (b/c);",
        "- Thường trực HĐND tỉnh (b/c);",
        "- Chủ tịch, các PCT UBND tỉnh;",
        "- Thành viên UBND tỉnh;",
        "- UBND các huyện, thành phố;",
        "- Sở Lao động, Thương binh và Xã hội;",
        "- Sở Nội vụ;",
        "- Sở Kế hoạch và Đầu tư;",
        "- Sở Nông nghiệp và Phát triển nông thôn;",
        "- Sở Y tế;",
        "- Sở Giáo dục và Đào tạo;",
        "- Sở Thông tin và Truyền thông;",
        "- Thanh tra tỉnh;",
        "- Sở Công Thương;",
        "- Sở Văn hóa, Thể thao và Du lịch;",
        "- Sở Giao thông vận tải;",
        "- Công an tỉnh;",
        "- Bộ Chỉ huy Quân sự tỉnh;",
        "- Bộ Chỉ huy Bộ đội Biên phòng tỉnh;",
        "- Lưu: VT, TH.",
    ];
    assert_eq!(&texts[nhan + 1..nhan + 1 + expected.len()], &expected[..]);
    // The signer block follows in the right column.
    let tail = &texts[nhan + 1 + expected.len()..];
    assert_eq!(
        tail.iter()
            .filter(|t| !t.is_empty())
            .copied()
            .collect::<Vec<_>>(),
        ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Nguyễn Văn A"]
    );
}

#[test]
fn core_properties_carry_the_notice() {
    let (_d, path, _) = example();
    let core = zip_entry(&path, "docProps/core.xml");
    let doc = roxmltree::Document::parse(&core).unwrap();
    let get = |name: &str| {
        doc.descendants()
            .find(|n| n.tag_name().name() == name)
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(
        get("title"),
        "Kết luận của Phó Chủ tịch Thường trực UBND tỉnh tại phiên họp UBND tỉnh tháng 01 năm 2021"
    );
    assert_eq!(get("creator"), "Ủy ban nhân dân tỉnh Lai Châu");
    assert_eq!(get("created"), "2021-01-27T00:00:00Z");
    assert_eq!(get("modified"), "2021-01-27T00:00:00Z");
}

#[test]
fn same_input_same_bytes_and_no_wall_clock_in_the_zip() {
    let (_a, first) = render_docx(&root().join(EXAMPLE));
    let (_b, second) = render_docx(&root().join(EXAMPLE));
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap()
    );
    // If any crate in the build turned on zip's `time` feature, entries would
    // carry today's date; they must carry the fixed 1980-01-01 DOS epoch.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&first).unwrap()).unwrap();
    for i in 0..zip.len() {
        let entry = zip.by_index(i).unwrap();
        let t = entry.last_modified().expect("a timestamp");
        assert_eq!(
            (t.year(), t.month(), t.day(), t.hour(), t.minute()),
            (1980, 1, 1, 0, 0),
            "{}",
            entry.name()
        );
    }
}

#[test]
fn a_draft_from_defaults_with_department_codes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ketluan.yaml"),
        "issuer:\n  parent: UBND tỉnh Lai Châu\n  name: Văn phòng UBND tỉnh\n  code: VP\n  place: Lai Châu\nsigner:\n  authority: [KT. CHÁNH VĂN PHÒNG]\n  position: Phó Chánh Văn phòng\n  name: Trần Thị B\nrecipients: [Lãnh đạo Văn phòng]\narchive: [VT, HCTC]\ndepartments:\n  SNV: Sở Nội vụ\n  STC: Sở Tài chính\n",
    )
    .unwrap();
    let sub = dir.path().join("2021");
    std::fs::create_dir(&sub).unwrap();
    let meeting = sub.join("du-thao.yaml");
    std::fs::write(
        &meeting,
        "notice:\n  summary: Kết luận của Chánh Văn phòng tại cuộc họp giao ban tháng 3 năm 2021\nmeeting:\n  name: cuộc họp giao ban\n  date: 15/3/2021\n  chair: {name: Lê Văn C, title: Chánh Văn phòng UBND tỉnh}\nagenda:\n  - title: Về cải cách hành chính\n    tasks:\n      - lead: SNV\n        with: STC\n        do: Rà soát thủ tục.\n        due: 2021-03-20\n",
    )
    .unwrap();
    let (_out, path) = render_docx(&meeting);
    let xml = zip_entry(&path, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let texts = docx_texts(&path);
    let has = |t: &str| texts.iter().any(|x| x == t);
    assert!(has("UBND TỈNH LAI CHÂU"), "{texts:#?}");
    assert!(has("VĂN PHÒNG UBND TỈNH"));
    assert!(has("Số:      /TB-VP"), "a draft leaves the number blank");
    assert!(has("Lai Châu, ngày      tháng      năm 2021"));
    assert!(has("1. Giao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính: Rà soát thủ tục. Thời hạn hoàn thành: trước ngày 20/3/2021."));
    assert!(has("KT. CHÁNH VĂN PHÒNG") && has("PHÓ CHÁNH VĂN PHÒNG") && has("Trần Thị B"));
    assert!(
        has("- Lãnh đạo Văn phòng;")
            && has("- Sở Nội vụ;")
            && has("- Sở Tài chính;")
            && has("- Lưu: VT, HCTC.")
    );
    // The parent line is regular, the issuer bold.
    let parent = paragraphs(&doc)
        .into_iter()
        .find(|p| paragraph_text(*p) == "UBND TỈNH LAI CHÂU")
        .unwrap();
    assert!(run_looks(parent)
        .iter()
        .all(|r| !r.bold && r.size == Some(26)));
}

#[test]
fn libreoffice_reads_it_as_laid_out() {
    if !tool_available("soffice") || !tool_available("pdftotext") {
        return;
    }
    let (_dir, path) = render_docx(&root().join(EXAMPLE));
    let pdf = libreoffice_pdf(&path);
    let text = pdf_text(&pdf);
    assert!(
        text.lines()
            .any(|l| l.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")),
        "the Quốc hiệu stays on one line:\n{text}"
    );
    for needle in HEADER_AND_SIGNER_LINES {
        assert!(text.contains(needle), "{needle:?} in the LibreOffice PDF");
    }
    // Page 1 shows no page number; page 2 starts with "2".
    let pages: Vec<&str> = text.split('\u{c}').collect();
    assert!(pages.len() >= 2);
    let first_line = |page: &str| {
        page.lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .map(str::to_string)
    };
    let top = first_line(pages[0]).unwrap();
    assert!(
        !top.chars().all(|c| c.is_ascii_digit()),
        "page 1 has no number: {top}"
    );
    assert_eq!(first_line(pages[1]).as_deref(), Some("2"));
}

// ---------------------------------------------------------------------------
// The three rules, keep-with-next, the number, a draft's dates, Nơi nhận.

/// Width of `text` set in Liberation Serif Bold (the embedded font, whose
/// advances are Times New Roman's) at `size_pt`, in points: the advances of
/// its characters read with ttf-parser straight from the font file, apart
/// from the crate's own measuring.
fn bold_width(text: &str, size_pt: f32) -> f32 {
    let data = std::fs::read(root().join("fonts/LiberationSerif-Bold.ttf")).unwrap();
    let face = ttf_parser::Face::parse(&data, 0).unwrap();
    let units: u32 = text
        .chars()
        .map(|c| {
            let glyph = face
                .glyph_index(c)
                .unwrap_or_else(|| panic!("the font has {c:?}"));
            u32::from(face.glyph_hor_advance(glyph).unwrap())
        })
        .sum();
    units as f32 / f32::from(face.units_per_em()) * size_pt
}

fn twips(n: roxmltree::Node, name: &str) -> i32 {
    attr(n, name)
        .unwrap_or_else(|| panic!("w:{name} on {:?}", n.tag_name()))
        .parse()
        .unwrap()
}

/// The font size of a paragraph's runs, in points (they must all agree).
fn run_size_pt(p: roxmltree::Node) -> f32 {
    let sizes: Vec<u32> = run_looks(p).iter().map(|r| r.size.unwrap()).collect();
    assert!(
        !sizes.is_empty() && sizes.iter().all(|s| *s == sizes[0]),
        "{:?}: {sizes:?}",
        paragraph_text(p)
    );
    sizes[0] as f32 / 2.0
}

/// A rule as `fn rule` writes it: an empty paragraph with a single bottom
/// border and no other border; returns its (left, right) indents in twips.
fn rule_indents(p: roxmltree::Node) -> (i32, i32) {
    assert_eq!(p.tag_name().name(), "p", "a rule is a paragraph");
    assert!(
        p.descendants().all(|n| n.tag_name().name() != "t"),
        "a rule has no text: {:?}",
        paragraph_text(p)
    );
    let ppr = child(p, "pPr").expect("the rule's pPr");
    let borders = child(ppr, "pBdr").expect("a rule has a paragraph border");
    let sides: Vec<&str> = borders
        .children()
        .filter(|c| c.is_element())
        .map(|c| c.tag_name().name())
        .collect();
    assert_eq!(sides, ["bottom"], "only the bottom border is drawn");
    assert_eq!(
        attr(child(borders, "bottom").unwrap(), "val"),
        Some("single")
    );
    let ind = child(ppr, "ind").expect("the rule's length is set by indents");
    (twips(ind, "left"), twips(ind, "right"))
}

/// The next element after `p` among its siblings.
fn next_element<'a>(p: roxmltree::Node<'a, 'a>) -> roxmltree::Node<'a, 'a> {
    p.next_sibling_element().expect("an element follows")
}

/// The width of the table cell holding `p`, in twips.
fn cell_width(p: roxmltree::Node) -> i32 {
    let tc = p
        .ancestors()
        .find(|n| n.tag_name().name() == "tc")
        .expect("in a table cell");
    twips(descendant(child(tc, "tcPr").unwrap(), "tcW").unwrap(), "w")
}

/// The text width of the page (page width less the side margins), in twips.
fn text_width(doc: &roxmltree::Document) -> i32 {
    let sect = descendant(doc.root(), "sectPr").unwrap();
    let size = child(sect, "pgSz").unwrap();
    let mar = child(sect, "pgMar").unwrap();
    twips(size, "w") - twips(mar, "left") - twips(mar, "right")
}

/// Checks the rule after paragraph `p`: centred in a box `box_twips` wide
/// and `ratio` of the widest line of `p` long.
fn check_rule_under(p: roxmltree::Node, box_twips: i32, ratio: f32, what: &str) {
    let text = paragraph_text(p);
    let size = run_size_pt(p);
    let widest = text
        .split('\n')
        .map(|l| bold_width(l, size))
        .fold(0.0f32, f32::max);
    let expected = widest * ratio * 20.0;
    let (left, right) = rule_indents(next_element(p));
    let length = box_twips - left - right;
    assert!(
        left >= 0 && right >= 0 && (left - right).abs() <= 1,
        "{what}: the rule is centred in its box of {box_twips} twips (indents {left}, {right})"
    );
    // Rounding to whole twips on each side: at most 2 twips (0.1 pt) off.
    assert!(
        (length as f32 - expected).abs() <= 2.0,
        "{what}: the rule is {length} twips long, expected {expected:.1} \
         ({ratio} of {widest:.2} pt, the widest line of {text:?} at {size} pt bold)"
    );
}

fn check_three_rules(meeting: &Path, issuer: &str, summary: &str) {
    let (_d, path) = render_docx(meeting);
    let xml = zip_entry(&path, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let paras = paragraphs(&doc);
    let by_text = |wanted: &str| {
        paras
            .iter()
            .copied()
            .find(|p| paragraph_text(*p).replace('\n', " ") == wanted)
            .unwrap_or_else(|| panic!("no paragraph reads {wanted:?}"))
    };
    let rules = paras
        .iter()
        .filter(|p| descendant(**p, "pBdr").is_some())
        .count();
    assert_eq!(rules, 3, "three rules in {}", meeting.display());

    // Under the issuer's name: a third of its widest line, centred in the left column.
    let issuer_p = by_text(issuer);
    let left_column = cell_width(issuer_p);
    assert_eq!(left_column, 3685, "the left column");
    check_rule_under(issuer_p, left_column, 1.0 / 3.0, "issuer");
    // Under the Tiêu ngữ: exactly its width, centred in the right column.
    let motto = by_text("Độc lập - Tự do - Hạnh phúc");
    let right_column = cell_width(motto);
    assert_eq!(right_column, 5670, "the right column");
    check_rule_under(motto, right_column, 1.0, "motto");
    // Under the trích yếu: a third of its widest line, centred on the text width.
    let summary_p = by_text(summary);
    assert!(
        summary_p.ancestors().all(|n| n.tag_name().name() != "tbl"),
        "the trích yếu is outside the tables"
    );
    check_rule_under(summary_p, text_width(&doc), 1.0 / 3.0, "trích yếu");
}

#[test]
fn the_three_rules_have_their_lengths_and_are_centred() {
    // The issuer's name and the trích yếu both on two lines: the rules go
    // by the widest line, not by the whole text.
    check_three_rules(
        &root().join(EXAMPLE),
        "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU",
        "Kết luận của Phó Chủ tịch Thường trực UBND tỉnh tại phiên họp UBND tỉnh tháng 01 năm 2021",
    );
    // With a parent agency above the issuer: the rule is the issuer's, not the parent's.
    check_three_rules(
        &root().join("meetings/van-phong/2021-03-15-hop-giao-ban-van-phong.yaml"),
        "VĂN PHÒNG UBND TỈNH",
        "Kết luận của Phó Chủ tịch UBND tỉnh Đặng Quang Minh tại cuộc họp giao ban công tác tuần 11 năm 2021",
    );
}

/// Whether a `w:keepNext` (or another on/off property) is on: present and
/// not `w:val="0"`/`"false"`/`"off"`.
fn on(n: Option<roxmltree::Node>) -> bool {
    n.is_some_and(|n| !matches!(attr(n, "val"), Some("0" | "false" | "off")))
}

/// Whether paragraph `p` is kept with the next one: `w:keepNext` set on it
/// directly, or in its style or a style that one is based on.
fn keeps_with_next(p: roxmltree::Node, styles: &roxmltree::Document) -> bool {
    let direct = child(p, "pPr").and_then(|ppr| child(ppr, "keepNext"));
    if direct.is_some() {
        return on(direct);
    }
    let mut style = style_of(p);
    let mut hops = 0;
    while let Some(id) = style {
        let s = styles
            .descendants()
            .find(|n| n.tag_name().name() == "style" && attr(*n, "styleId") == Some(id.as_str()))
            .unwrap_or_else(|| panic!("style {id} is defined"));
        let keep = child(s, "pPr").and_then(|ppr| child(ppr, "keepNext"));
        if keep.is_some() {
            return on(keep);
        }
        style = child(s, "basedOn")
            .and_then(|b| attr(b, "val"))
            .map(str::to_string);
        hops += 1;
        assert!(hops < 20, "a loop of basedOn styles");
    }
    false
}

#[test]
fn the_last_body_paragraph_is_kept_with_the_signature() {
    let (_d, _p, docx) = example();
    let doc = roxmltree::Document::parse(&docx.document).unwrap();
    let styles = roxmltree::Document::parse(&docx.styles).unwrap();
    let body = descendant(doc.root(), "body").unwrap();
    let signature = body
        .children()
        .rfind(|c| c.tag_name().name() == "tbl")
        .expect("the signature table");
    let last = signature
        .prev_sibling_element()
        .expect("a paragraph before the signature table");
    assert_eq!(last.tag_name().name(), "p");
    assert!(
        paragraph_text(last).ends_with("thực hiện./."),
        "the closing sentence is the last body paragraph: {:?}",
        paragraph_text(last)
    );
    assert!(
        keeps_with_next(last, &styles),
        "the last body paragraph has w:keepNext (kept with the signature table)"
    );
    // Only the last: body paragraphs in general flow freely from page to
    // page (were they all kept with the next, the body would be one block
    // and the signature could never share a page with the end of a long
    // notice).
    let free = paragraphs(&doc)
        .into_iter()
        .filter(|p| matches!(style_of(*p).as_deref(), Some("Body" | "Task" | "Subtask")))
        .filter(|p| *p != last)
        .filter(|p| !keeps_with_next(*p, &styles))
        .count();
    assert!(
        free >= 20,
        "the other body paragraphs are not kept with the next ({free} are free)"
    );
}

/// Section headings (`I. Về …`) are kept with their first paragraph, in
/// the DOCX as in the PDF (`render::pages` keeps a heading with its first
/// lines), so that no page ends with a heading (through the style
/// `SectionHeading`, which this test found without it).
#[test]
fn section_headings_are_kept_with_the_next_paragraph() {
    let (_d, _p, docx) = example();
    let doc = roxmltree::Document::parse(&docx.document).unwrap();
    let styles = roxmltree::Document::parse(&docx.styles).unwrap();
    let headings: Vec<_> = paragraphs(&doc)
        .into_iter()
        .filter(|p| style_of(*p).as_deref() == Some("SectionHeading"))
        .collect();
    let texts: Vec<String> = headings.iter().map(|p| paragraph_text(*p)).collect();
    assert_eq!(headings.len(), 2, "sections I and II: {texts:?}");
    assert!(texts[0].starts_with("I. ") && texts[1].starts_with("II. "));
    for (p, text) in headings.iter().zip(&texts) {
        assert!(keeps_with_next(*p, &styles), "{text:?} has no w:keepNext");
    }
}

/// A small meeting file in a fresh folder: `notice` holds the lines of the
/// `notice` block after `summary`, `top` more top-level fields.
fn small_meeting(notice: &str, top: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hop.yaml");
    std::fs::write(
        &path,
        format!(
            "issuer: {{name: Ủy ban nhân dân tỉnh Lai Châu, code: UBND, place: Lai Châu}}\n\
             notice:\n  summary: Kết luận của Chủ tịch UBND tỉnh tại phiên họp tháng 01 năm 2021\n{notice}\
             meeting:\n  name: phiên họp tháng 01 năm 2021\n  date: 2021-01-25\n  \
             chair: {{name: Nguyễn Văn A, title: Chủ tịch UBND tỉnh}}\n\
             agenda:\n  - title: Về tình hình kinh tế - xã hội\n    tasks:\n      \
             - lead: Sở Nội vụ\n        with: Sở Tài chính; các đơn vị liên quan\n        \
             do: Tập trung triển khai.\n      \
             - lead: [Công an tỉnh, Sở Nội vụ]\n        do: Bảo đảm an ninh.\n\
             signer: {{authority: [TM. ỦY BAN NHÂN DÂN], position: Chủ tịch, name: Nguyễn Văn A}}\n\
             {top}"
        ),
    )
    .unwrap();
    (dir, path)
}

#[test]
fn the_number_has_two_digits_at_least() {
    for (number, line) in [
        (1, "Số: 01/TB-UBND"),
        (7, "Số: 07/TB-UBND"),
        (10, "Số: 10/TB-UBND"),
        (25, "Số: 25/TB-UBND"),
        (125, "Số: 125/TB-UBND"),
    ] {
        let (_m, meeting) = small_meeting(&format!("  number: {number}\n  date: 2021-01-27\n"), "");
        let (_d, docx) = render_docx(&meeting);
        let texts = docx_texts(&docx);
        let numbers: Vec<&String> = texts.iter().filter(|t| t.starts_with("Số:")).collect();
        assert_eq!(numbers, [line], "number {number}");
    }
}

#[test]
fn a_drafts_metadata_carry_the_meeting_date_not_today() {
    // No number and no date; and a number without a date: both drafts,
    // dated by the meeting (25 January 2021), never by the clock.
    for notice in ["", "  number: 7\n"] {
        let (_m, meeting) = small_meeting(notice, "");
        let (_d, docx) = render_docx(&meeting);
        let texts = docx_texts(&docx);
        assert!(
            texts
                .iter()
                .any(|t| t == "Lai Châu, ngày      tháng      năm 2021"),
            "a draft's date line: {texts:#?}"
        );
        let core = zip_entry(&docx, "docProps/core.xml");
        let doc = roxmltree::Document::parse(&core).unwrap();
        for name in ["created", "modified"] {
            let value = doc
                .descendants()
                .find(|n| n.tag_name().name() == name)
                .and_then(|n| n.text())
                .unwrap_or_else(|| panic!("dcterms:{name} in {core}"));
            assert_eq!(value, "2021-01-25T00:00:00Z", "dcterms:{name} ({notice:?})");
        }
        if tool_available("pdfinfo") {
            let (_p, pdf) = render_pdf(&meeting, &[]);
            let info = poppler("pdfinfo", &["-isodates"], &pdf);
            for key in ["CreationDate:", "ModDate:"] {
                let value = info
                    .lines()
                    .find_map(|l| l.strip_prefix(key))
                    .unwrap_or_else(|| panic!("{key} in\n{info}"))
                    .trim();
                assert_eq!(value, "2021-01-25T00:00:00+07", "{key} ({notice:?})");
            }
        }
    }
}

#[test]
fn recipients_from_tasks_adds_the_task_units_or_not() {
    let recipients =
        "recipients:\n  - Thường trực Tỉnh ủy (b/c)\n  - Chủ tịch, các PCT UBND tỉnh\n";
    // Default (true): the listed recipients, then the units of the tasks
    // with a proper name, each once, in order of first mention (lead before
    // with; `các đơn vị liên quan` is no unit), then Lưu.
    for top in [
        recipients.to_string(),
        format!("{recipients}recipients_from_tasks: true\n"),
    ] {
        let (_m, meeting) = small_meeting("  number: 3\n  date: 2021-01-27\n", &top);
        let (_d, docx) = render_docx(&meeting);
        assert_eq!(
            recipient_lines(&docx_texts(&docx)),
            [
                "- Thường trực Tỉnh ủy (b/c);",
                "- Chủ tịch, các PCT UBND tỉnh;",
                "- Sở Nội vụ;",
                "- Sở Tài chính;",
                "- Công an tỉnh;",
                "- Lưu: VT.",
            ],
            "{top}"
        );
    }
    // false: the listed recipients and Lưu only, none of the task units.
    let (_m, meeting) = small_meeting(
        "  number: 3\n  date: 2021-01-27\n",
        &format!("{recipients}recipients_from_tasks: false\n"),
    );
    let (_d, docx) = render_docx(&meeting);
    let texts = docx_texts(&docx);
    assert_eq!(
        recipient_lines(&texts),
        [
            "- Thường trực Tỉnh ủy (b/c);",
            "- Chủ tịch, các PCT UBND tỉnh;",
            "- Lưu: VT.",
        ]
    );
    // The tasks still name their units; only Nơi nhận leaves them out.
    assert!(texts
        .iter()
        .any(|t| t.starts_with("1. Giao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính")));
}
