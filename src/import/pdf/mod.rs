//! Reading the text of a PDF notice (`ketluan import TỆP.pdf`).
//!
//! lopdf parses the file (cross-reference repair, object streams, RC4/AES
//! decryption with the empty user password, bounded inflate); this module
//! walks each page's content stream itself: text state and matrices, fonts'
//! ToUnicode maps and encodings, glyph widths, form XObjects, and lays the
//! runs out in lines as `pdftotext -layout` does.
//!
//! # Why not a crate's own text extraction (measured December 2026)
//!
//! Corpus: the 5 PDFs `ketluan render meetings/` writes (krilla: Type0
//! Identity-H subsets with ToUnicode, PDF/A-2b; 13 pages), the same 5 DOCX
//! printed by LibreOffice 7.4 (simple TrueType subsets with ToUnicode), a
//! LibreOffice PDF of the notice typed in NFD, a hand-made PDF drawing NFD
//! marks as their own glyphs pulled back over their letters, and two
//! hand-made TCVN3 (.VnTime) PDFs, WinAnsi declared, one with a ToUnicode that
//! maps to the Windows characters. Character accuracy = 1 − Levenshtein /
//! length after NFC and whitespace runs → one space, against `pdftotext
//! -layout` (L) and plain `pdftotext` (R); "words" = reference words found in
//! any order; release build, best of 10, ms per page, parsing included
//! (pdftotext: about 6 ms of CPU a page, process start included).
//!
//! | crate (version, release)               | ketluan L / R / words | LibreOffice L / R / words | NFD marks | TCVN3 vs true text | ms/page |
//! |----------------------------------------|-----------------------|---------------------------|-----------|--------------------|---------|
//! | this module on lopdf 0.47.0 (2026-11-04) | 100 / 95.1 / 100    | 100 / 94.9 / 100          | 100       | 100                | 0.7     |
//! | lopdf 0.47.0 `extract_text`            | 96.4 / 98.2 / 99.97   | 96.3 / 97.9 / 99.97       | 65.9      | 80.2               | 0.7     |
//! | pdf-extract 0.12.1 (2026-09-16)        | 96.1 / 97.9 / 97.1    | 96.3 / 97.9 / 100         | 85.8      | 80.2               | 2.8     |
//! | pdf_oxide 0.3.78 (2026-09-08)          | 96.2 / 93.1 / 99.94   | 95.9 / 93.1 / 99.93       | 71.3      | 80.1               | 2.8     |
//! | hayro-interpret 0.9.0 (2026-11-02) + this module's layout | 100 / 95.1 / 100 | 100 / 94.9 / 100 | 55.3 | 80.2         | 1.0     |
//! | `pdftotext` (poppler 22)               | reference             | reference                 | 100       | 80.2               | —       |
//!
//! (Against plain `pdftotext`, which prints the header's columns one after
//! the other, any reader that keeps them side by side loses about 5 %: the
//! same words in another order. LibreOffice's PDF of the notice typed in
//! NFD, each letter one glyph: 100 % for all, pdf_oxide 99.95.) Every crate
//! decodes the Vietnamese letters right where ToUnicode is present; what
//! breaks is elsewhere:
//! - lopdf's `extract_text`: content-stream order (the header's columns one
//!   after the other), a space wherever a TJ array is split ("xã ."), a
//!   mark drawn as its own glyph cut off its letter ("Ủ Y", "CỌ ̂NG");
//! - pdf-extract: lines of the Nơi nhận list joined ("nhận:-", "tỉnh;-"),
//!   words joined across lines ("nôngthôn", "đồngchí"), marks as above;
//! - pdf_oxide: the two header columns run together ("DÂNTỈNH"), the title
//!   after its subtitle ("Kết luận ... THÔNG BÁO"), marks as above; a
//!   large crate (401 files; without default features it still builds
//!   image, chrono, taffy and an Office reader);
//! - hayro-interpret: glyphs without advances (widths must be guessed), so
//!   marks are placed as letters; a renderer's dependencies (skrifa, kurbo);
//! - all of them, pdftotext too: text typed in a TCVN3 font reads as
//!   mojibake ("Sè: 45/TB-UBND", "§éc lËp"): this module reads ".Vn*" fonts
//!   (".VnTimeH": capitals) through the TCVN 5712 table.
//!
//! Maintenance (crates.io index): lopdf 57 releases since 2016, four in the
//! last five months, bounded decompression and strict/lenient loading added
//! in 2026; pdf-extract 45 releases, depends on lopdf 0.42; pdf_oxide 83
//! releases since 2025-11 (very active, very large); hayro 9 releases since
//! 2025-07 (young, by krilla's author).
//!
//! Cost of lopdf (measured on a copy of ketluan with this module wired into
//! `import`): 27 more crates (lopdf and 26 under it: nom, aes, cbc, md-5,
//! sha2 0.11, rand, brotli-decompressor, stringprep, ...), about 90 s of CPU
//! to build them once; the release binary (fat LTO) 12.39 → 13.98 MB
//! (+1.59 MB: lopdf 0.69 MB of it, 0.44 MB of that its glyph-name table;
//! brotli 0.17, encoding_rs tables 0.15, this module 0.08); its link about
//! 15 s longer.
//!
//! # Limits
//!
//! [`MAX_PAGES`] pages and [`MAX_DECOMPRESSED`] bytes inflated over the whole
//! file (lopdf's own object and cross-reference streams included, see
//! [`LOAD_SHARE`]; each decoding costs at least 256 bytes of it), at most
//! 1 million content-stream operations a page and 10 million a file (forms
//! drawing forms a thousand times over, nested: refused in 0.9 s), 400,000
//! fragments. Line building looks back at most 64 lines and 256 fragments,
//! so a hostile page stays linear, and indents at most 300 columns. A panic inside lopdf is caught as the last defence
//! ([`std::panic::catch_unwind`]) and reported as [`PdfError::Damaged`]; none
//! was seen in 12,000 mutants of four corpus files.
//!
//! Not read: VNI fonts (VNI-Times: letters and marks as separate bytes),
//! vertical writing, form field values and annotations, `/ActualText`.
//! Invisible text (render mode 3, the OCR layer of a scan) is read, as
//! pdftotext reads it; glyphs outside the page box are not.
//!
//! # Files
//!
//! This file loads the document and keeps the limits; `content` walks the
//! content streams, `fonts`, `cmap` and `tcvn3` turn codes into text and
//! advances, `lines` joins glyphs into fragments and lays them out in lines.

mod cmap;
mod content;
mod fonts;
mod lines;
mod tcvn3;

use std::collections::HashMap;

use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};
use memchr::memmem;

use content::{FontKey, PageBox};
use fonts::Font;
use lines::{lay_out, Run};

/// A PDF that decompresses past this many bytes is refused ([`PdfError::TooLarge`]).
pub const MAX_DECOMPRESSED: usize = 64 * 1024 * 1024;
/// A PDF with more pages than this is refused ([`PdfError::TooLarge`]).
pub const MAX_PAGES: usize = 2_000;
/// Of [`MAX_DECOMPRESSED`], what lopdf may spend while loading (object and
/// cross-reference streams, decoded eagerly); the rest is for page content,
/// forms and ToUnicode maps, which this module decodes itself.
pub const LOAD_SHARE: usize = 24 * 1024 * 1024;
/// Content-stream operations on one page (forms drawn included) and in the
/// whole file: past either, the file is refused. A page of ketluan's notice
/// has 275 to 460; a form drawing a form a thousand times over, nested,
/// would otherwise keep the walk busy for minutes (0.9 s to refuse now).
const MAX_PAGE_OPERATIONS: usize = 1_000_000;
const MAX_OPERATIONS: usize = 10_000_000;
/// Form XObjects inside form XObjects: deeper than this is ignored.
const MAX_FORM_DEPTH: usize = 12;
/// Fragments over the whole document: more is refused as too large (a page of a
/// notice has about 60).
const MAX_FRAGMENTS: usize = 400_000;

/// Why a PDF's text could not be read. The messages are for the user, in Vietnamese.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The PDF needs a password to open (an owner password alone is no obstacle).
    #[error(
        "tệp PDF được mã hóa bằng mật khẩu: hãy mở tệp bằng trình đọc PDF, in ra PDF mới \
         (hoặc bỏ mật khẩu) rồi nhập lại"
    )]
    Encrypted,
    /// The bytes do not start like a PDF (empty file, another format).
    #[error("tệp không phải PDF (không có phần đầu \"%PDF-\"){0}")]
    NotPdf(String),
    /// A PDF that cannot be read: truncated, cross-reference or page tree broken.
    #[error("tệp PDF bị hỏng, không đọc được: {0}")]
    Damaged(String),
    /// Pages without a single character (a scan, or text drawn as images or
    /// paths), or text whose glyphs mostly have no Unicode (fonts without
    /// ToUnicode): either way only OCR can read it.
    #[error("tệp PDF không có lớp chữ (bản scan): cần nhận dạng ký tự (OCR) trước khi nhập")]
    NoTextLayer,
    /// Over [`MAX_PAGES`] pages or [`MAX_DECOMPRESSED`] bytes once decompressed.
    #[error("tệp PDF quá lớn để nhập: {0}")]
    TooLarge(String),
}

/// A run of text on a PDF page with its position (points, y from the page's top).
#[derive(Debug, Clone, PartialEq)]
pub struct Fragment {
    /// Page number, from 1.
    pub page: usize,
    /// Left end of the run's baseline, from the page's left edge.
    pub x: f32,
    /// The baseline, from the page's top edge.
    pub y: f32,
    /// Advance of the whole run.
    pub width: f32,
    /// Font size as drawn (points, text and page matrices applied).
    pub size: f32,
    /// Bold font (by name, weight or ForceBold flag) or drawn filled and stroked.
    pub bold: bool,
    /// The text, NFC.
    pub text: String,
}

/// The fragments of every page, in content-stream order per page.
pub fn fragments(bytes: &[u8]) -> Result<Vec<Fragment>, PdfError> {
    guarded(bytes).map(|(frags, _)| frags)
}

/// The text as lines: fragments on one baseline joined, a wide gap (a second column, as in the notice's two-column header and its signature block with Nơi nhận on the left and the signer on the right) kept as a run of at least four spaces; pages separated by a form feed. Like `pdftotext -layout`'s output in spirit.
pub fn text(bytes: &[u8]) -> Result<String, PdfError> {
    let (frags, pages) = guarded(bytes)?;
    Ok(lay_out(&frags, pages))
}

/// Lays fragments out as [`text`] does, for callers that filter or mend
/// fragments first (pages after the last one with a fragment are not shown).
pub fn layout(frags: &[Fragment]) -> String {
    let pages = frags
        .iter()
        .map(|f| f.page)
        .max()
        .unwrap_or(0)
        .min(MAX_PAGES);
    lay_out(frags, pages)
}

/// The extraction returns errors for every problem it knows of; a panic in
/// lopdf on some input nobody foresaw is caught here, as the last defence, and
/// reported as a damaged file.
fn guarded(bytes: &[u8]) -> Result<(Vec<Fragment>, usize), PdfError> {
    match std::panic::catch_unwind(|| fragments_inner(bytes)) {
        Ok(result) => result,
        Err(_) => Err(PdfError::Damaged("lỗi nội bộ khi phân tích tệp".into())),
    }
}

// ---------------------------------------------------------------- loading

fn fragments_inner(bytes: &[u8]) -> Result<(Vec<Fragment>, usize), PdfError> {
    let head = &bytes[..bytes.len().min(1024)];
    if bytes.is_empty() {
        return Err(PdfError::NotPdf(": tệp rỗng".into()));
    }
    if memmem::find(head, b"%PDF-").is_none() {
        return Err(PdfError::NotPdf(String::new()));
    }
    // lopdf decodes object and cross-reference streams while loading, each up
    // to the limit given: share LOAD_SHARE among as many as the file could hold.
    // (Neither word can overlap itself: counted apart as found.)
    let count = |needle: &[u8]| memmem::find_iter(bytes, needle).count();
    let streams = count(b"/ObjStm") + count(b"/XRef");
    let options = LoadOptions {
        max_decompressed_size: Some(LOAD_SHARE / streams.max(1)),
        ..LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(bytes, options).map_err(load_error)?;
    if doc.trailer.has(b"Encrypt") && doc.encryption_state.is_none() {
        return Err(PdfError::Encrypted);
    }
    let mut budget = Budget {
        left: MAX_DECOMPRESSED - LOAD_SHARE,
    };
    let pages: Vec<ObjectId> = doc.page_iter().take(MAX_PAGES + 1).collect();
    if pages.len() > MAX_PAGES {
        return Err(PdfError::TooLarge(format!(
            "hơn {} trang",
            fmt_thousands(MAX_PAGES)
        )));
    }
    if pages.is_empty() {
        return Err(PdfError::Damaged("không tìm thấy trang nào".into()));
    }
    let mut ex = Extractor {
        doc: &doc,
        fonts: HashMap::new(),
        out: Vec::new(),
        shows: 0,
        images: 0,
        broken: 0,
        ops: 0,
        page_ops: 0,
        forms_read: HashMap::new(),
        page: 0,
        page_box: PageBox::default(),
        current: None,
        budget: &mut budget,
    };
    for (i, &page_id) in pages.iter().enumerate() {
        ex.page = i + 1;
        match ex.walk_page(page_id) {
            Ok(()) => {}
            Err(Stop::Limit(why)) => return Err(PdfError::TooLarge(why)),
            Err(Stop::Broken) => ex.broken += 1,
        }
        ex.flush();
        if ex.out.len() > MAX_FRAGMENTS {
            return Err(PdfError::TooLarge("quá nhiều đoạn chữ".into()));
        }
    }
    let (chars, unknown) = ex
        .out
        .iter()
        .flat_map(|f| f.text.chars())
        .fold((0, 0), |(n, u), c| {
            (
                n + !c.is_whitespace() as usize,
                u + (c == '\u{fffd}') as usize,
            )
        });
    if chars == 0 {
        // Strings drawn and nothing read (fonts missing), or pages that
        // could not be read: a damaged file. Images and no text: a scan.
        if ex.shows > 0 {
            return Err(PdfError::Damaged(
                "có chữ nhưng không đọc được phông chữ của nó".into(),
            ));
        }
        if ex.broken > 0 && ex.images == 0 {
            return Err(PdfError::Damaged(
                "nội dung trang hỏng, không đọc được".into(),
            ));
        }
        return Err(PdfError::NoTextLayer);
    }
    if unknown * 2 > chars {
        // Glyphs with no Unicode (fonts without ToUnicode, Identity-H):
        // the text is in the file only as pictures of letters.
        return Err(PdfError::NoTextLayer);
    }
    Ok((ex.out, pages.len()))
}

fn load_error(e: lopdf::Error) -> PdfError {
    use lopdf::Error as E;
    let why = match e {
        E::Decryption(_) | E::InvalidPassword | E::AlreadyEncrypted => return PdfError::Encrypted,
        E::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
            return PdfError::TooLarge(format!(
                "nội dung giải nén vượt {} MB",
                MAX_DECOMPRESSED >> 20
            ))
        }
        E::Xref(_) | E::MissingXrefEntry | E::InvalidOffset(_) => {
            "bảng tham chiếu (xref) hỏng, có thể tệp bị cắt cụt khi tải về hoặc sao chép"
        }
        E::Decompress(_) => "một luồng nén không giải nén được",
        E::ObjectNotFound(_) | E::DictKey(_) => {
            "thiếu đối tượng cần thiết (danh mục hoặc cây trang)"
        }
        E::ReferenceCycle(_) | E::ReferenceLimit | E::RecursionLimit => {
            "các tham chiếu lặp vòng hoặc lồng quá sâu"
        }
        _ => "cấu trúc PDF sai",
    };
    PdfError::Damaged(format!("{why} ({e})"))
}

fn fmt_thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

struct Budget {
    left: usize,
}

/// Why a page's walk stopped early.
enum Stop {
    /// A limit is passed (the message says which): the whole document is refused.
    Limit(String),
    /// This page's content could not be read.
    Broken,
}

/// The walk through a document's pages: fonts read, fragments found, what
/// was met on the way and what is left of the budget.
struct Extractor<'a> {
    doc: &'a Document,
    fonts: HashMap<FontKey, Option<Font>>,
    out: Vec<Fragment>,
    /// Text-showing operators met, and images drawn: a page with images and
    /// no text is a scan.
    shows: usize,
    images: usize,
    /// Content streams that could not be decoded or parsed (to the end).
    broken: usize,
    /// Content-stream operations run, in the document and on this page.
    ops: usize,
    page_ops: usize,
    /// Forms decoded once, drawn as often as the page says.
    forms_read: HashMap<ObjectId, std::rc::Rc<Vec<u8>>>,
    page: usize,
    page_box: PageBox,
    current: Option<Run>,
    budget: &'a mut Budget,
}

// ---------------------------------------------------------------- objects

fn num(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(&Object::Null)
}

fn get<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> &'a Object {
    match d.get(key) {
        Ok(o) => deref(doc, o),
        Err(_) => &Object::Null,
    }
}

fn inflated_too_much() -> Stop {
    Stop::Limit(format!(
        "nội dung giải nén vượt {} MB",
        MAX_DECOMPRESSED >> 20
    ))
}

fn decode_stream(stream: &lopdf::Stream, budget: &mut Budget) -> Result<Vec<u8>, Stop> {
    match stream.get_plain_content_with_limit(budget.left) {
        // A compressed stream that inflates to nothing is a broken one.
        Ok(data)
            if data.is_empty()
                && (!stream.content.is_empty()
                    || stream.dict.has(b"Filter")
                    || stream
                        .dict
                        .get(b"Length")
                        .ok()
                        .and_then(num)
                        .is_some_and(|l| l > 0.0)) =>
        {
            Err(Stop::Broken)
        }
        Ok(data) => {
            // Each decoding costs at least 256 bytes of the budget.
            let cost = data.len().max(256);
            if cost > budget.left {
                return Err(inflated_too_much());
            }
            budget.left -= cost;
            Ok(data)
        }
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
            Err(inflated_too_much())
        }
        Err(_) => Err(Stop::Broken),
    }
}
