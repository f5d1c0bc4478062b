//! The DOCX package (the ZIP around the XML parts) written by ketluan, not by
//! docx-rs: docx-rs stores its parts uncompressed and adds parts a notice
//! does not use (comments, comment extensions, numbering, footnotes, custom
//! and app properties, a font table, empty relationship files of the
//! headers). Here only the parts Word and LibreOffice need are written
//! (the document, its styles and settings, the page-number headers, the core
//! properties), each deflated, with their own content types and
//! relationships: the real example's DOCX goes from 60.8 KB to 12.9 KB.
//!
//! Deterministic: fixed order, fixed timestamps (1980-01-01, the ZIP epoch),
//! fixed permissions and compression level, and the same "made by" system
//! (Unix, mode 0644) on every host: left to the `zip` crate, a Windows build
//! records MS-DOS there and in the external attributes, and the same meeting
//! gives a DOCX of other bytes on Windows than on Linux.

use std::io::{Cursor, Write};

use docx_rs::XMLDocx;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, System, ZipWriter};

/// The deflate level: 1, the fastest. The example's DOCX is 12.9 KB at
/// level 1 and 9.7 KB at level 9 (the budget is 16,000 bytes), and level 9
/// took 0.5 ms more of each notice's 1 ms DOCX backend.
const LEVEL: i64 = 1;

const RELATIONSHIPS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const OFFICE_RELATIONSHIPS: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WORDPROCESSING: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";

/// `[Content_Types].xml` for the parts written here.
fn content_types(headers: usize) -> String {
    let mut s = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
        r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
        r#"<Default Extension="xml" ContentType="application/xml"/>"#,
    ));
    let mut part = |name: &str, kind: &str| {
        s.push_str(&format!(
            r#"<Override PartName="{name}" ContentType="{kind}"/>"#
        ));
    };
    part(
        "/word/document.xml",
        &format!("{WORDPROCESSING}.document.main+xml"),
    );
    part("/word/styles.xml", &format!("{WORDPROCESSING}.styles+xml"));
    part(
        "/word/settings.xml",
        &format!("{WORDPROCESSING}.settings+xml"),
    );
    for i in 1..=headers {
        part(
            &format!("/word/header{i}.xml"),
            &format!("{WORDPROCESSING}.header+xml"),
        );
    }
    part(
        "/docProps/core.xml",
        "application/vnd.openxmlformats-package.core-properties+xml",
    );
    s.push_str("</Types>");
    s
}

/// `_rels/.rels`: the document and its core properties.
fn package_relationships() -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<Relationships xmlns="{rels}">"#,
            r#"<Relationship Id="rId1" Type="{office}/officeDocument" Target="word/document.xml"/>"#,
            r#"<Relationship Id="rId2" Type="{rels}/metadata/core-properties" Target="docProps/core.xml"/>"#,
            "</Relationships>"
        ),
        rels = RELATIONSHIPS,
        office = OFFICE_RELATIONSHIPS,
    )
}

/// `word/_rels/document.xml.rels`: styles, settings and the headers, with
/// the ids docx-rs wrote into the section properties (`rIdHeader1`, …).
fn document_relationships(headers: usize) -> String {
    let mut s = format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<Relationships xmlns="{rels}">"#,
            r#"<Relationship Id="rId1" Type="{office}/styles" Target="styles.xml"/>"#,
            r#"<Relationship Id="rId3" Type="{office}/settings" Target="settings.xml"/>"#,
        ),
        rels = RELATIONSHIPS,
        office = OFFICE_RELATIONSHIPS,
    );
    for i in 1..=headers {
        s.push_str(&format!(
            r#"<Relationship Id="rIdHeader{i}" Type="{OFFICE_RELATIONSHIPS}/header" Target="header{i}.xml"/>"#
        ));
    }
    s.push_str("</Relationships>");
    s
}

/// The package being written.
type Zip = ZipWriter<Cursor<Vec<u8>>>;

/// How much of a part's bytes the deflater is offered at a time when the
/// part comes in pieces: far more than one call of it consumes (it stops
/// when its 32 KB output buffer is full: some hundreds of KB of XML).
const WINDOW: usize = 4 << 20;

/// Writes the pieces that `next` appends (it returns false when there are
/// no more) as one `write_all` of their concatenation would, without making
/// it: the deflater's output depends on where each of its `write` calls
/// starts, so each call is offered a window of the bytes that follow (at
/// least [`WINDOW`] of them, or all that are left), as it would be offered
/// the rest of one buffer. (Should a call ever consume a whole window, the
/// bytes would still be the same for the same input, only not those of one
/// `write_all`.)
fn write_pieces(
    out: &mut impl Write,
    next: &mut dyn FnMut(&mut Vec<u8>) -> bool,
) -> std::io::Result<()> {
    let mut window: Vec<u8> = Vec::new();
    let mut start = 0;
    let mut more = true;
    loop {
        while more && window.len() - start < WINDOW {
            more = next(&mut window);
        }
        if start == window.len() {
            return Ok(());
        }
        match out.write(&window[start..]) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(n) => start += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
        if start >= WINDOW {
            window.drain(..start);
            start = 0;
        }
    }
}

/// Writes the parts of `xml` that a notice uses as a deflated DOCX package;
/// the document part is what `document` appends, piece by piece, until it
/// returns false (`xml.document` is not read): the rows of a long table are
/// made as they are deflated.
pub fn write(
    xml: &XMLDocx,
    document: &mut dyn FnMut(&mut Vec<u8>) -> bool,
) -> zip::result::ZipResult<Vec<u8>> {
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(LEVEL))
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644)
        .system(System::Unix);
    let headers = xml.headers.len();
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(16 * 1024)));
    let part = |zip: &mut Zip, name: &str, bytes: &[u8]| -> zip::result::ZipResult<()> {
        zip.start_file(name, options)?;
        zip.write_all(bytes)?;
        Ok(())
    };
    part(
        &mut zip,
        "[Content_Types].xml",
        content_types(headers).as_bytes(),
    )?;
    part(&mut zip, "_rels/.rels", package_relationships().as_bytes())?;
    part(&mut zip, "docProps/core.xml", &xml.doc_props.core)?;
    let relationships = document_relationships(headers);
    part(
        &mut zip,
        "word/_rels/document.xml.rels",
        relationships.as_bytes(),
    )?;
    zip.start_file("word/document.xml", options)?;
    write_pieces(&mut zip, document)?;
    part(&mut zip, "word/styles.xml", &xml.styles)?;
    part(&mut zip, "word/settings.xml", &xml.settings)?;
    for (i, header) in xml.headers.iter().enumerate() {
        part(&mut zip, &format!("word/header{}.xml", i + 1), header)?;
    }
    Ok(zip.finish()?.into_inner())
}
