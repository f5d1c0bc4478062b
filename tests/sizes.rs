//! Lean files (issue 15): the size budgets of the real example, asserted
//! (the bytes are deterministic, so a size is a fact, not a measurement):
//! DOCX ≤ 16,000 bytes, PDF/A-2b ≤ 60 KiB; the same bytes on a second
//! render; the PDF's text and fonts exactly as before the size work; the
//! DOCX package holding only the parts a notice uses, every one deflated,
//! and opening in LibreOffice.

mod common;

use std::io::Read;
use std::path::Path;

use common::*;
use sha2::{Digest, Sha256};

const DOCX_BUDGET: u64 = 16_000;
const PDF_BUDGET: u64 = 60 * 1024;

fn size(path: &Path) -> u64 {
    std::fs::metadata(path).unwrap().len()
}

fn stem() -> String {
    Path::new(EXAMPLE)
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

#[test]
fn the_example_fits_its_budgets_and_renders_the_same_bytes_twice() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    render_into(&root().join(EXAMPLE), a.path(), &[]);
    render_into(&root().join(EXAMPLE), b.path(), &[]);
    for ext in ["docx", "pdf"] {
        let name = format!("{}.{ext}", stem());
        let (x, y) = (a.path().join(&name), b.path().join(&name));
        assert_eq!(
            std::fs::read(&x).unwrap(),
            std::fs::read(&y).unwrap(),
            "{name}"
        );
    }
    let docx = size(&a.path().join(format!("{}.docx", stem())));
    let pdf = size(&a.path().join(format!("{}.pdf", stem())));
    println!("the example: DOCX {docx} B, PDF/A {pdf} B");
    assert!(docx <= DOCX_BUDGET, "DOCX {docx} B > {DOCX_BUDGET} B");
    assert!(pdf <= PDF_BUDGET, "PDF/A {pdf} B > {PDF_BUDGET} B");
    // Every example is lean, the others smaller than the 5-page one.
    for meeting in [
        "meetings/2021-02-24-hop-ubnd-thang-02.yaml",
        "meetings/van-phong/2021-03-15-hop-giao-ban-van-phong.yaml",
    ] {
        let dir = tempfile::tempdir().unwrap();
        render_into(&root().join(meeting), dir.path(), &[]);
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            let path = entry.unwrap().path();
            let budget = match path.extension().and_then(|e| e.to_str()) {
                Some("docx") => DOCX_BUDGET,
                Some("pdf") => PDF_BUDGET,
                _ => continue,
            };
            assert!(
                size(&path) <= budget,
                "{}: {} B",
                path.display(),
                size(&path)
            );
        }
    }
}

#[test]
fn the_docx_package_holds_only_what_a_notice_uses_each_part_deflated() {
    let (_dir, docx) = render_docx(&root().join(EXAMPLE));
    let file = std::fs::File::open(&docx).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut names: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().to_string())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/core.xml",
            "word/_rels/document.xml.rels",
            "word/document.xml",
            "word/header1.xml",
            "word/header2.xml",
            "word/settings.xml",
            "word/styles.xml",
        ]
    );
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        assert_eq!(
            entry.compression(),
            zip::CompressionMethod::Deflated,
            "{}",
            entry.name()
        );
        let mut text = String::new();
        entry.read_to_string(&mut text).unwrap();
        assert!(
            roxmltree::Document::parse(&text).is_ok(),
            "{}",
            entry.name()
        );
    }
    // Every part is declared and every relationship points at a part.
    let types = zip_entry(&docx, "[Content_Types].xml");
    for part in names
        .iter()
        .filter(|n| !n.ends_with(".rels") && n.as_str() != "[Content_Types].xml")
    {
        assert!(types.contains(&format!("PartName=\"/{part}\"")), "{part}");
    }
    let rels = zip_entry(&docx, "word/_rels/document.xml.rels");
    for target in rels.split("Target=\"").skip(1) {
        let target = target.split('"').next().unwrap();
        assert!(names.contains(&format!("word/{target}")), "{target}");
    }
    // The headers the sections name are there.
    let document = zip_entry(&docx, "word/document.xml");
    for id in document.split("r:id=\"").skip(1) {
        let id = id.split('"').next().unwrap();
        assert!(rels.contains(&format!("Id=\"{id}\"")), "{id}");
    }
    // LibreOffice opens it and reads the notice.
    if tool_available("soffice") && tool_available("pdftotext") {
        let pdf = libreoffice_pdf(&docx);
        let text = pdf_text(&pdf);
        for line in HEADER_AND_SIGNER_LINES {
            assert!(text.contains(line), "{line}");
        }
    }
}

/// `pdftotext -layout` of the example, as it was before the size work
/// (commit fd33cd8, poppler of Debian 12): the text and where it stands.
const TEXT_SHA256: &str = "0e7459d1be2c8127100fa25a53642ecaa60b5a43e59ae11bc83b344cb329c1ce";

#[test]
fn the_pdf_text_and_fonts_are_as_before() {
    if !tool_available("pdftotext") || !tool_available("pdffonts") {
        return;
    }
    let (_dir, pdf) = render_pdf(&root().join(EXAMPLE), &[]);
    let text = pdf_text(&pdf);
    let digest: String = Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        digest, TEXT_SHA256,
        "the text or its layout changed:\n{text}"
    );
    let fonts = poppler("pdffonts", &[], &pdf);
    let mut rows: Vec<Vec<String>> = fonts
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().map(str::to_string).collect())
        .collect();
    rows.sort();
    let mut names: Vec<&str> = rows
        .iter()
        .map(|r| r[0].split_once('+').map_or(r[0].as_str(), |(_, n)| n))
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "LiberationSerif",
            "LiberationSerif-Bold",
            "LiberationSerif-BoldItalic",
            "LiberationSerif-Italic"
        ],
        "{fonts}"
    );
    for r in &rows {
        // name, "CID", "TrueType", encoding, emb, sub, uni, object, generation
        assert_eq!(
            &r[1..7],
            ["CID", "TrueType", "Identity-H", "yes", "yes", "yes"],
            "{fonts}"
        );
    }
}
