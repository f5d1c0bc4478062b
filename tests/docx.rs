//! The DOCX of the real example, opened and checked against
//! `shared/spec/layout.md` point by point.

mod common;

use std::collections::HashMap;
use std::path::Path;

use common::*;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

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
    let texts: Vec<String> = paragraphs(&doc).into_iter().map(paragraph_text).collect();
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
    let (dir, path) = render_docx(&root().join(EXAMPLE));
    let pdf = libreoffice_pdf(&path, dir.path());
    let text = pdf_text(Path::new(&pdf));
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
