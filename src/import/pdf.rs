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

use std::collections::HashMap;

use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};
use unicode_normalization::UnicodeNormalization;

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

fn lay_out(frags: &[Fragment], pages: usize) -> String {
    let mut by_page: Vec<Vec<&Fragment>> = vec![Vec::new(); pages];
    for f in frags.iter().filter(|f| (1..=pages).contains(&f.page)) {
        by_page[f.page - 1].push(f);
    }
    let mut out = String::new();
    for (i, page) in by_page.iter().enumerate() {
        if i > 0 {
            out.push('\x0c');
        }
        layout_page(page, &mut out);
    }
    out
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
    if find(head, b"%PDF-").is_none() {
        return Err(PdfError::NotPdf(String::new()));
    }
    // lopdf decodes object and cross-reference streams while loading, each up
    // to the limit given: share LOAD_SHARE among as many as the file could hold.
    let streams = count(bytes, b"/ObjStm") + count(bytes, b"/XRef");
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

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
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

// ---------------------------------------------------------------- fonts

/// What a font says about its codes: their length, text and advance.
struct Font {
    /// Codes are two bytes (Type0 with Identity or another two-byte CMap).
    two_byte: bool,
    /// ToUnicode, code → text.
    to_unicode: HashMap<u32, String>,
    /// ToUnicode ranges too long to spread out: (first, last, first text).
    to_unicode_ranges: Vec<(u32, u32, Vec<u16>)>,
    /// For a simple font without (or with an incomplete) ToUnicode: its encoding.
    simple: Option<Vec<Option<String>>>,
    /// Advance per code, in thousandths of the font size (glyph space × 1000).
    widths: HashMap<u32, f32>,
    width_ranges: Vec<(u32, u32, f32)>,
    default_width: f32,
    /// Type3 font matrix scale (1 / units per em), 0.001 for other fonts.
    scale: f32,
    bold: bool,
    /// A pre-Unicode Vietnamese font: its text is mojibake to be read again.
    legacy: Option<Legacy>,
}

impl Font {
    fn text(&self, code: u32) -> Option<String> {
        match self.legacy {
            // ToUnicode, if any, says which Windows character the code was
            // typed as; without it the code itself is the TCVN3 byte (the
            // declared encoding, WinAnsi, would turn the codes WinAnsi lacks
            // into bullets).
            Some(legacy) if !self.two_byte => Some(legacy_text(
                legacy,
                code,
                self.to_unicode.get(&code).map(String::as_str),
            )),
            _ => self.said(code),
        }
    }

    /// What the PDF says a code is: ToUnicode, else the font's encoding.
    fn said(&self, code: u32) -> Option<String> {
        if let Some(t) = self.to_unicode.get(&code) {
            return Some(t.clone());
        }
        for (lo, hi, first) in &self.to_unicode_ranges {
            if (*lo..=*hi).contains(&code) {
                let mut units = first.clone();
                if let Some(last) = units.last_mut() {
                    *last = last.wrapping_add((code - lo) as u16);
                }
                return Some(String::from_utf16_lossy(&units));
            }
        }
        if let Some(simple) = &self.simple {
            if let Some(Some(t)) = simple.get(code as usize) {
                return Some(t.clone());
            }
        }
        None
    }

    fn width(&self, code: u32) -> f32 {
        if let Some(w) = self.widths.get(&code) {
            return *w;
        }
        for (lo, hi, w) in &self.width_ranges {
            if (*lo..=*hi).contains(&code) {
                return *w;
            }
        }
        self.default_width
    }
}

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

fn load_font(doc: &Document, dict: &Dictionary, budget: &mut Budget) -> Result<Font, Stop> {
    let subtype = get(doc, dict, b"Subtype").as_name().unwrap_or(b"");
    let base = get(doc, dict, b"BaseFont").as_name().unwrap_or(b"");
    let mut font = Font {
        two_byte: false,
        to_unicode: HashMap::new(),
        to_unicode_ranges: Vec::new(),
        simple: None,
        widths: HashMap::new(),
        width_ranges: Vec::new(),
        default_width: 500.0,
        scale: 0.001,
        bold: false,
        legacy: legacy_font(base),
    };
    let mut descriptor = get(doc, dict, b"FontDescriptor").as_dict().ok();
    if subtype == b"Type0" {
        font.two_byte = true;
        font.default_width = 1000.0;
        if let Ok(desc) = get(doc, dict, b"DescendantFonts").as_array() {
            if let Some(Ok(cid)) = desc.first().map(|o| deref(doc, o).as_dict()) {
                descriptor = get(doc, cid, b"FontDescriptor").as_dict().ok();
                if let Some(dw) = num(get(doc, cid, b"DW")) {
                    font.default_width = dw;
                }
                if let Ok(w) = get(doc, cid, b"W").as_array() {
                    read_cid_widths(doc, w, &mut font);
                }
            }
        }
    } else {
        if subtype == b"Type3" {
            if let Ok(m) = get(doc, dict, b"FontMatrix").as_array() {
                if let Some(a) = m.first().and_then(num) {
                    font.scale = a;
                }
            }
        }
        let first = num(get(doc, dict, b"FirstChar")).unwrap_or(0.0).max(0.0) as u32;
        if let Ok(ws) = get(doc, dict, b"Widths").as_array() {
            for (i, w) in ws.iter().take(256).enumerate() {
                if let Some(w) = num(deref(doc, w)) {
                    font.widths.insert(first + i as u32, w);
                }
            }
        }
        if let Some(mw) = descriptor.and_then(|d| num(get(doc, d, b"MissingWidth"))) {
            font.default_width = mw;
        }
        // The font's own encoding (lopdf: standard encodings, Differences with
        // glyph names), for codes that ToUnicode leaves out.
        let mut without_tounicode = dict.clone();
        without_tounicode.remove(b"ToUnicode");
        if let Ok(enc) = without_tounicode.get_font_encoding_with_limit(doc, budget.left) {
            let table = (0u8..=255)
                .map(|b| {
                    enc.bytes_to_string(&[b])
                        .ok()
                        .filter(|s| !s.is_empty() && s != "\u{fffd}")
                })
                .collect();
            font.simple = Some(table);
        }
    }
    if let Ok(stream) = get(doc, dict, b"ToUnicode").as_stream() {
        let data = decode_stream(stream, budget)?;
        let cmap = parse_cmap(&data);
        for (code, text) in cmap.chars {
            font.to_unicode.insert(code, text);
        }
        font.to_unicode_ranges = cmap.ranges;
    }
    let name = String::from_utf8_lossy(base).to_ascii_lowercase();
    let weight = descriptor
        .and_then(|d| num(get(doc, d, b"FontWeight")))
        .unwrap_or(0.0);
    let flags = descriptor
        .and_then(|d| num(get(doc, d, b"Flags")))
        .unwrap_or(0.0) as u32;
    font.bold = ["bold", "black", "heavy", "semibold", "demi"]
        .iter()
        .any(|w| name.contains(w))
        || weight >= 600.0
        || flags & (1 << 18) != 0;
    Ok(font)
}

fn read_cid_widths(doc: &Document, w: &[Object], font: &mut Font) {
    let mut i = 0;
    let mut spread = 0usize;
    while i < w.len() {
        let Some(first) = num(deref(doc, &w[i])) else {
            break;
        };
        let first = first.max(0.0) as u32;
        match w.get(i + 1).map(|o| deref(doc, o)) {
            Some(Object::Array(ws)) => {
                for (k, wv) in ws.iter().enumerate() {
                    if let Some(v) = num(deref(doc, wv)) {
                        if spread < 1 << 20 {
                            font.widths.insert(first.saturating_add(k as u32), v);
                            spread += 1;
                        }
                    }
                }
                i += 2;
            }
            Some(o) => {
                let last = num(o).unwrap_or(0.0).max(0.0) as u32;
                let v = w
                    .get(i + 2)
                    .and_then(|o| num(deref(doc, o)))
                    .unwrap_or(font.default_width);
                if last >= first && last - first < 4096 && spread < 1 << 20 {
                    for c in first..=last {
                        font.widths.insert(c, v);
                    }
                    spread += (last - first + 1) as usize;
                } else if font.width_ranges.len() < 256 {
                    // Looked up one by one: only a few, however many the file lists.
                    font.width_ranges.push((first, last, v));
                }
                i += 3;
            }
            None => break,
        }
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

struct CMap {
    chars: Vec<(u32, String)>,
    ranges: Vec<(u32, u32, Vec<u16>)>,
}

#[derive(Debug)]
enum Tok<'a> {
    Hex(Vec<u8>),
    Word(&'a [u8]),
    Open,
    Close,
}

fn cmap_tokens(data: &[u8]) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        match c {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let mut digits = Vec::new();
                i += 1;
                while i < data.len() && data[i] != b'>' {
                    if let Some(d) = (data[i] as char).to_digit(16) {
                        digits.push(d as u8);
                    }
                    i += 1;
                }
                i += 1;
                if digits.len() % 2 == 1 {
                    digits.push(0);
                }
                toks.push(Tok::Hex(
                    digits.chunks(2).map(|p| p[0] << 4 | p[1]).collect(),
                ));
            }
            b'[' => {
                toks.push(Tok::Open);
                i += 1;
            }
            b']' => {
                toks.push(Tok::Close);
                i += 1;
            }
            b'(' => {
                // A literal string (CMapName and the like): skipped.
                let mut depth = 0;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                i += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
            c if c.is_ascii_whitespace() || c == 0 => i += 1,
            _ => {
                let start = i;
                while i < data.len()
                    && !data[i].is_ascii_whitespace()
                    && !b"<>[]()%/".contains(&data[i])
                {
                    i += 1;
                }
                if i == start {
                    i += 1; // a lone '/' before a name
                    continue;
                }
                toks.push(Tok::Word(&data[start..i]));
            }
        }
    }
    toks
}

fn code(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |acc, b| acc << 8 | *b as u32)
}

fn utf16(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|p| {
            if p.len() == 2 {
                (p[0] as u16) << 8 | p[1] as u16
            } else {
                p[0] as u16
            }
        })
        .collect()
}

fn parse_cmap(data: &[u8]) -> CMap {
    let toks = cmap_tokens(data);
    let mut cmap = CMap {
        chars: Vec::new(),
        ranges: Vec::new(),
    };
    let mut spread = 0usize;
    let mut i = 0;
    let mut mode = 0; // 1 bfchar, 2 bfrange
    while i < toks.len() {
        match &toks[i] {
            Tok::Word(b"beginbfchar") => {
                mode = 1;
                i += 1;
                continue;
            }
            Tok::Word(b"beginbfrange") => {
                mode = 2;
                i += 1;
                continue;
            }
            Tok::Word(w) if w.starts_with(b"end") => {
                mode = 0;
                i += 1;
                continue;
            }
            _ => {}
        }
        match mode {
            1 => {
                if let (Tok::Hex(src), Some(Tok::Hex(dst))) = (&toks[i], toks.get(i + 1)) {
                    cmap.chars
                        .push((code(src), String::from_utf16_lossy(&utf16(dst))));
                    i += 2;
                } else {
                    i += 1;
                }
            }
            2 => {
                let (Tok::Hex(lo), Some(Tok::Hex(hi))) = (&toks[i], toks.get(i + 1)) else {
                    i += 1;
                    continue;
                };
                let (lo, hi) = (code(lo), code(hi));
                match toks.get(i + 2) {
                    Some(Tok::Hex(dst)) => {
                        let units = utf16(dst);
                        if hi >= lo && hi - lo < 4096 && spread < 1 << 20 {
                            for c in lo..=hi {
                                let mut u = units.clone();
                                if let Some(last) = u.last_mut() {
                                    *last = last.wrapping_add((c - lo) as u16);
                                }
                                cmap.chars.push((c, String::from_utf16_lossy(&u)));
                            }
                            spread += (hi - lo + 1) as usize;
                        } else if hi >= lo && cmap.ranges.len() < 256 {
                            // Looked up one by one: only a few.
                            cmap.ranges.push((lo, hi, units));
                        }
                        i += 3;
                    }
                    Some(Tok::Open) => {
                        let mut j = i + 3;
                        let mut c = lo;
                        while let Some(Tok::Hex(dst)) = toks.get(j) {
                            if c <= hi && spread < 1 << 20 {
                                cmap.chars.push((c, String::from_utf16_lossy(&utf16(dst))));
                                spread += 1;
                            }
                            c = c.saturating_add(1);
                            j += 1;
                        }
                        i = j + 1;
                    }
                    _ => i += 2,
                }
            }
            _ => i += 1,
        }
    }
    cmap
}

// ---------------------------------------------------------------- legacy Vietnamese fonts

/// TCVN 5712:1993 (the ".Vn" fonts of the ABC set: .VnTime, .VnArial, ...),
/// bytes 0x80–0xFF. Derived from glibc's TCVN5712-1 charmap (`iconv`); its
/// VN3 subset is what .VnTime documents use. 0xB0–0xB4 are combining tones.
const TCVN3_HIGH: [char; 128] = [
    '\u{00c0}', '\u{1ea2}', '\u{00c3}', '\u{00c1}', '\u{1ea0}', '\u{1eb6}', '\u{1eac}', '\u{00c8}',
    '\u{1eba}', '\u{1ebc}', '\u{00c9}', '\u{1eb8}', '\u{1ec6}', '\u{00cc}', '\u{1ec8}', '\u{0128}',
    '\u{00cd}', '\u{1eca}', '\u{00d2}', '\u{1ece}', '\u{00d5}', '\u{00d3}', '\u{1ecc}', '\u{1ed8}',
    '\u{1edc}', '\u{1ede}', '\u{1ee0}', '\u{1eda}', '\u{1ee2}', '\u{00d9}', '\u{1ee6}', '\u{0168}',
    '\u{00a0}', '\u{0102}', '\u{00c2}', '\u{00ca}', '\u{00d4}', '\u{01a0}', '\u{01af}', '\u{0110}',
    '\u{0103}', '\u{00e2}', '\u{00ea}', '\u{00f4}', '\u{01a1}', '\u{01b0}', '\u{0111}', '\u{1eb0}',
    '\u{0300}', '\u{0309}', '\u{0303}', '\u{0301}', '\u{0323}', '\u{00e0}', '\u{1ea3}', '\u{00e3}',
    '\u{00e1}', '\u{1ea1}', '\u{1eb2}', '\u{1eb1}', '\u{1eb3}', '\u{1eb5}', '\u{1eaf}', '\u{1eb4}',
    '\u{1eae}', '\u{1ea6}', '\u{1ea8}', '\u{1eaa}', '\u{1ea4}', '\u{1ec0}', '\u{1eb7}', '\u{1ea7}',
    '\u{1ea9}', '\u{1eab}', '\u{1ea5}', '\u{1ead}', '\u{00e8}', '\u{1ec2}', '\u{1ebb}', '\u{1ebd}',
    '\u{00e9}', '\u{1eb9}', '\u{1ec1}', '\u{1ec3}', '\u{1ec5}', '\u{1ebf}', '\u{1ec7}', '\u{00ec}',
    '\u{1ec9}', '\u{1ec4}', '\u{1ebe}', '\u{1ed2}', '\u{0129}', '\u{00ed}', '\u{1ecb}', '\u{00f2}',
    '\u{1ed4}', '\u{1ecf}', '\u{00f5}', '\u{00f3}', '\u{1ecd}', '\u{1ed3}', '\u{1ed5}', '\u{1ed7}',
    '\u{1ed1}', '\u{1ed9}', '\u{1edd}', '\u{1edf}', '\u{1ee1}', '\u{1edb}', '\u{1ee3}', '\u{00f9}',
    '\u{1ed6}', '\u{1ee7}', '\u{0169}', '\u{00fa}', '\u{1ee5}', '\u{1eeb}', '\u{1eed}', '\u{1eef}',
    '\u{1ee9}', '\u{1ef1}', '\u{1ef3}', '\u{1ef7}', '\u{1ef9}', '\u{00fd}', '\u{1ef5}', '\u{1ed0}',
];

fn tcvn3(byte: u8) -> char {
    match byte {
        0x01 => '\u{00da}',
        0x02 => '\u{1ee4}',
        0x04 => '\u{1eea}',
        0x05 => '\u{1eec}',
        0x06 => '\u{1eee}',
        0x11 => '\u{1ee8}',
        0x12 => '\u{1ef0}',
        0x13 => '\u{1ef2}',
        0x14 => '\u{1ef6}',
        0x15 => '\u{1ef8}',
        0x16 => '\u{00dd}',
        0x17 => '\u{1ef4}',
        0x80..=0xff => TCVN3_HIGH[byte as usize - 0x80],
        b => b as char,
    }
}

/// The byte a Windows-1252 (WinAnsi) or Latin-1 character stands for.
fn cp1252_byte(c: char) -> Option<u8> {
    let b = match c as u32 {
        u @ 0..=0xff => u as u8,
        0x20ac => 0x80,
        0x201a => 0x82,
        0x0192 => 0x83,
        0x201e => 0x84,
        0x2026 => 0x85,
        0x2020 => 0x86,
        0x2021 => 0x87,
        0x02c6 => 0x88,
        0x2030 => 0x89,
        0x0160 => 0x8a,
        0x2039 => 0x8b,
        0x0152 => 0x8c,
        0x017d => 0x8e,
        0x2018 => 0x91,
        0x2019 => 0x92,
        0x201c => 0x93,
        0x201d => 0x94,
        0x2022 => 0x95,
        0x2013 => 0x96,
        0x2014 => 0x97,
        0x02dc => 0x98,
        0x2122 => 0x99,
        0x0161 => 0x9a,
        0x203a => 0x9b,
        0x0153 => 0x9c,
        0x017e => 0x9e,
        0x0178 => 0x9f,
        _ => return None,
    };
    Some(b)
}

/// A font of the pre-Unicode Vietnamese sets, by its name.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Legacy {
    /// ".VnTime" and the rest of the ABC (TCVN3) set; `upper` for the "H"
    /// fonts (.VnTimeH), which draw capitals at the lower-case codes.
    Tcvn3 { upper: bool },
}

fn legacy_font(base_font: &[u8]) -> Option<Legacy> {
    let name = String::from_utf8_lossy(base_font);
    // "ABCDEF+" subset tag, then ",Bold" or "-Bold" style suffixes.
    let name = match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 => rest,
        _ => &name,
    };
    let family = name
        .split([',', '-'])
        .next()
        .unwrap_or("")
        .replace("#20", " ");
    let family = family.trim();
    if family.len() > 3
        && family
            .get(..3)
            .is_some_and(|p| p.eq_ignore_ascii_case(".vn"))
    {
        return Some(Legacy::Tcvn3 {
            upper: family.ends_with('H'),
        });
    }
    None
}

/// The text of one code of a legacy font: what the PDF says it is (a WinAnsi
/// or Latin-1 character, mojibake) taken back to its byte, read as TCVN3.
fn legacy_text(legacy: Legacy, code: u32, said: Option<&str>) -> String {
    let byte = said
        .and_then(|t| {
            let mut cs = t.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) if c != '\u{fffd}' => cp1252_byte(c),
                _ => None,
            }
        })
        .unwrap_or(code as u8);
    let c = tcvn3(byte);
    match legacy {
        Legacy::Tcvn3 { upper: true } => c.to_uppercase().collect(),
        Legacy::Tcvn3 { upper: false } => c.to_string(),
    }
}

// ---------------------------------------------------------------- content walk

type Matrix = [f64; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a` then `b` (row vectors: p × a × b).
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

fn matrix(ops: &[Object]) -> Option<Matrix> {
    if ops.len() < 6 {
        return None;
    }
    let mut m = [0.0; 6];
    for (k, o) in ops[ops.len() - 6..].iter().enumerate() {
        m[k] = num(o)? as f64;
    }
    m.iter().all(|v| v.is_finite()).then_some(m)
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<FontKey>,
    font_size: f64,
    char_spacing: f64,
    word_spacing: f64,
    h_scale: f64,
    leading: f64,
    rise: f64,
    render: i64,
}

impl Default for GState {
    fn default() -> Self {
        GState {
            ctm: IDENTITY,
            font: None,
            font_size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            h_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
            render: 0,
        }
    }
}

/// The visible page and how to turn user space into "points from the top left".
#[derive(Default, Clone, Copy)]
struct PageBox {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    rotate: i64,
}

impl PageBox {
    /// Width and height as shown (after /Rotate).
    fn shown_size(&self) -> (f64, f64) {
        let (w, h) = (self.x1 - self.x0, self.y1 - self.y0);
        if self.rotate == 90 || self.rotate == 270 {
            (h, w)
        } else {
            (w, h)
        }
    }

    fn page_point(&self, x: f64, y: f64) -> (f64, f64) {
        match self.rotate {
            90 => (y - self.y0, x - self.x0),
            180 => (self.x1 - x, y - self.y0),
            270 => (self.y1 - y, self.x1 - x),
            _ => (x - self.x0, self.y1 - y),
        }
    }
}

/// The run being built: glyphs that follow each other on one baseline.
struct Run {
    x: f64,
    y: f64,
    end_x: f64,
    size: f64,
    bold: bool,
    text: String,
}

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

/// A font: an indirect object, or a dictionary written into the resources
/// (keyed by its address, stable while the document lives).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum FontKey {
    Ref(ObjectId),
    Inline(usize),
}

impl<'a> Extractor<'a> {
    fn walk_page(&mut self, page_id: ObjectId) -> Result<(), Stop> {
        let doc = self.doc;
        self.page_ops = 0;
        let page = doc.get_dictionary(page_id).map_err(|_| Stop::Broken)?;
        let inherited = |key: &[u8]| -> Option<&'a Object> {
            let mut node = page;
            for _ in 0..32 {
                if let Ok(o) = node.get(key) {
                    return Some(deref(doc, o));
                }
                node = get(doc, node, b"Parent").as_dict().ok()?;
            }
            None
        };
        let rect = |o: Option<&Object>| -> Option<[f64; 4]> {
            let a = o?.as_array().ok()?;
            let v: Vec<f64> = a
                .iter()
                .filter_map(|o| num(deref(doc, o)))
                .map(f64::from)
                .collect();
            (v.len() == 4).then(|| {
                [
                    v[0].min(v[2]),
                    v[1].min(v[3]),
                    v[0].max(v[2]),
                    v[1].max(v[3]),
                ]
            })
        };
        let b = rect(inherited(b"CropBox"))
            .or_else(|| rect(inherited(b"MediaBox")))
            .unwrap_or([0.0, 0.0, 595.0, 842.0]);
        let rotate = inherited(b"Rotate").and_then(num).unwrap_or(0.0) as i64;
        self.page_box = PageBox {
            x0: b[0],
            y0: b[1],
            x1: b[2],
            y1: b[3],
            rotate: rotate.rem_euclid(360),
        };
        let resources = inherited(b"Resources").and_then(|o| o.as_dict().ok());
        let mut content = Vec::new();
        match page.get(b"Contents").map(|o| deref(doc, o)) {
            Ok(Object::Stream(s)) => content = decode_stream(s, self.budget)?,
            Ok(Object::Array(parts)) => {
                for part in parts {
                    match deref(doc, part).as_stream() {
                        Ok(s) => {
                            content.extend(decode_stream(s, self.budget)?);
                            content.push(b'\n');
                        }
                        Err(_) => self.broken += 1,
                    }
                }
            }
            Err(_) => return Ok(()), // an empty page
            // Contents that are no stream (lost to a broken object).
            Ok(_) => return Err(Stop::Broken),
        }
        let mut gs = GState::default();
        let mut forms = Vec::new();
        self.run(&content, resources, &mut gs, &mut forms)
    }

    fn font(
        &mut self,
        resources: Option<&'a Dictionary>,
        name: &[u8],
    ) -> Result<Option<FontKey>, Stop> {
        let doc = self.doc;
        let Some(fonts) = resources.and_then(|r| get(doc, r, b"Font").as_dict().ok()) else {
            return Ok(None);
        };
        let Ok(entry) = fonts.get(name) else {
            return Ok(None);
        };
        let (id, dict) = match entry {
            Object::Reference(id) => (FontKey::Ref(*id), doc.get_dictionary(*id).ok()),
            Object::Dictionary(d) => (FontKey::Inline(d as *const Dictionary as usize), Some(d)),
            _ => return Ok(None),
        };
        if !self.fonts.contains_key(&id) {
            // A font that cannot be read leaves its text unread, not the page.
            let font = match dict.map(|d| load_font(doc, d, self.budget)) {
                Some(Ok(font)) => Some(font),
                Some(Err(limit @ Stop::Limit(_))) => return Err(limit),
                Some(Err(Stop::Broken)) | None => None,
            };
            self.fonts.insert(id, font);
        }
        Ok(Some(id))
    }

    fn run(
        &mut self,
        content: &[u8],
        resources: Option<&'a Dictionary>,
        gs: &mut GState,
        forms: &mut Vec<ObjectId>,
    ) -> Result<(), Stop> {
        let doc = self.doc;
        let mut stack: Vec<GState> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        for op in lopdf::content::Content::decode_iter(content) {
            let Ok(op) = op else {
                // Keep what was read before the damage, as viewers do.
                self.broken += 1;
                return Ok(());
            };
            self.ops += 1;
            self.page_ops += 1;
            if self.page_ops > MAX_PAGE_OPERATIONS || self.ops > MAX_OPERATIONS {
                return Err(Stop::Limit(format!(
                    "quá nhiều lệnh vẽ (hơn {} triệu trên một trang hoặc {} triệu cả tệp)",
                    MAX_PAGE_OPERATIONS / 1_000_000,
                    MAX_OPERATIONS / 1_000_000
                )));
            }
            let args = &op.operands;
            let n = |i: usize| {
                args.get(i)
                    .and_then(num)
                    .map(f64::from)
                    .filter(|v| v.is_finite())
            };
            match op.operator.as_str() {
                "q" if stack.len() < 256 => stack.push(gs.clone()),
                "Q" => {
                    if let Some(saved) = stack.pop() {
                        *gs = saved;
                    }
                }
                "cm" => {
                    if let Some(m) = matrix(args) {
                        gs.ctm = mul(&m, &gs.ctm);
                    }
                }
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "ET" => self.flush(),
                "Tf" => {
                    if let (Some(Object::Name(name)), Some(size)) = (args.first(), n(1)) {
                        gs.font = self.font(resources, name)?;
                        gs.font_size = size;
                    }
                }
                "Tc" => gs.char_spacing = n(0).unwrap_or(0.0),
                "Tw" => gs.word_spacing = n(0).unwrap_or(0.0),
                "Tz" => gs.h_scale = n(0).unwrap_or(100.0) / 100.0,
                "TL" => gs.leading = n(0).unwrap_or(0.0),
                "Ts" => gs.rise = n(0).unwrap_or(0.0),
                "Tr" => gs.render = n(0).unwrap_or(0.0) as i64,
                "Td" | "TD" => {
                    if let (Some(tx), Some(ty)) = (n(0), n(1)) {
                        if op.operator == "TD" {
                            gs.leading = -ty;
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &tlm);
                        tm = tlm;
                    }
                }
                "Tm" => {
                    if let Some(m) = matrix(args) {
                        tlm = m;
                        tm = m;
                    }
                }
                "T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" | "TJ" => {
                    if op.operator == "\"" {
                        gs.word_spacing = n(0).unwrap_or(gs.word_spacing);
                        gs.char_spacing = n(1).unwrap_or(gs.char_spacing);
                    }
                    if op.operator == "'" || op.operator == "\"" {
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                        tm = tlm;
                    }
                    let items: &[Object] = match (op.operator.as_str(), args.last()) {
                        ("TJ", Some(Object::Array(a))) => a,
                        (_, Some(s @ Object::String(..))) => std::slice::from_ref(s),
                        _ => continue,
                    };
                    let drawn = items
                        .iter()
                        .any(|o| matches!(o, Object::String(b, _) if !b.is_empty()));
                    self.shows += drawn as usize;
                    let Some(font_id) = gs.font else { continue };
                    for item in items {
                        match item {
                            Object::String(bytes, _) => self.show(font_id, bytes, gs, &mut tm),
                            o => {
                                if let Some(adj) = num(o) {
                                    let tx = -(adj as f64) / 1000.0 * gs.font_size * gs.h_scale;
                                    tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                }
                            }
                        }
                    }
                }
                "BI" => self.images += 1,
                "Do" => {
                    let Some(Object::Name(name)) = args.first() else {
                        continue;
                    };
                    let Some(xobjects) =
                        resources.and_then(|r| get(doc, r, b"XObject").as_dict().ok())
                    else {
                        continue;
                    };
                    let Ok(Object::Reference(id)) = xobjects.get(name) else {
                        continue;
                    };
                    if forms.len() >= MAX_FORM_DEPTH || forms.contains(id) {
                        continue;
                    }
                    let Ok(stream) = doc.get_object(*id).and_then(Object::as_stream) else {
                        continue;
                    };
                    match get(doc, &stream.dict, b"Subtype").as_name() {
                        Ok(b"Form") => {}
                        Ok(b"Image") => {
                            self.images += 1;
                            continue;
                        }
                        _ => continue,
                    }
                    let data = match self.forms_read.get(id) {
                        Some(data) => data.clone(),
                        None => match decode_stream(stream, self.budget) {
                            Ok(d) => {
                                let d = std::rc::Rc::new(d);
                                self.forms_read.insert(*id, d.clone());
                                d
                            }
                            Err(limit @ Stop::Limit(_)) => return Err(limit),
                            Err(Stop::Broken) => continue,
                        },
                    };
                    let form_resources = get(doc, &stream.dict, b"Resources")
                        .as_dict()
                        .ok()
                        .or(resources);
                    let mut inner = gs.clone();
                    if let Ok(m) = get(doc, &stream.dict, b"Matrix").as_array() {
                        let m: Vec<Object> = m.iter().map(|o| deref(doc, o).clone()).collect();
                        if let Some(m) = matrix(&m) {
                            inner.ctm = mul(&m, &inner.ctm);
                        }
                    }
                    forms.push(*id);
                    let result = self.run(&data, form_resources, &mut inner, forms);
                    forms.pop();
                    if let Err(limit @ Stop::Limit(_)) = result {
                        return Err(limit);
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Shows the codes of one string: each glyph's text and advance.
    fn show(&mut self, font_id: FontKey, bytes: &[u8], gs: &GState, tm: &mut Matrix) {
        let Some(Some(font)) = self.fonts.get(&font_id) else {
            return;
        };
        let step = if font.two_byte { 2 } else { 1 };
        let bold = font.bold || gs.render == 2;
        let mut glyphs: Vec<(String, f64, f64, f64, f64, bool)> = Vec::new();
        for chunk in bytes.chunks(step) {
            let code = code(chunk);
            let w0 = font.width(code) as f64 * font.scale as f64;
            let text = font.text(code).unwrap_or_else(|| "\u{fffd}".into());
            let is_space = chunk.len() == 1 && chunk[0] == 32;
            let trm = mul(
                &[
                    gs.font_size * gs.h_scale,
                    0.0,
                    0.0,
                    gs.font_size,
                    0.0,
                    gs.rise,
                ],
                &mul(tm, &gs.ctm),
            );
            let (ox, oy) = apply(&trm, 0.0, 0.0);
            let (x, y) = self.page_box.page_point(ox, oy);
            let size = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
            let tx = (w0 * gs.font_size
                + gs.char_spacing
                + if is_space { gs.word_spacing } else { 0.0 })
                * gs.h_scale;
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
            let (ex, ey) = apply(&mul(tm, &gs.ctm), 0.0, gs.rise);
            let (end_x, _) = self.page_box.page_point(ex, ey);
            glyphs.push((text, x, y, end_x, size, bold));
        }
        // Glyphs drawn off the page are not shown, and not read (as pdftotext).
        let (w, h) = self.page_box.shown_size();
        for (text, x, y, end_x, size, bold) in glyphs {
            if (-1.0..=w + 1.0).contains(&x) && (-1.0..=h + 1.0).contains(&y) {
                self.glyph(text, x, y, end_x, size, bold);
            }
        }
    }

    fn glyph(&mut self, text: String, x: f64, y: f64, end_x: f64, size: f64, bold: bool) {
        if !x.is_finite() || !y.is_finite() || !end_x.is_finite() || !size.is_finite() {
            return;
        }
        let combining = text.chars().next().is_some_and(is_combining);
        if let Some(run) = &mut self.current {
            let em = run.size.max(size).max(0.1);
            let same_line = (run.y - y).abs() < 0.2 * em;
            let gap = x - run.end_x;
            if combining && same_line {
                // A mark drawn as its own glyph, over the letter before it.
                run.text.push_str(&text);
                run.end_x = run.end_x.max(end_x);
                return;
            }
            let same_style = (run.size - size).abs() < 0.05 * em && run.bold == bold;
            if same_line && same_style && gap > -0.3 * em && gap < 1.0 * em {
                if gap > 0.2 * em && !run.text.ends_with(' ') && !text.starts_with(' ') {
                    run.text.push(' ');
                }
                run.text.push_str(&text);
                run.end_x = end_x;
                return;
            }
            self.flush();
        }
        self.current = Some(Run {
            x,
            y,
            end_x,
            size,
            bold,
            text,
        });
    }

    fn flush(&mut self) {
        if let Some(run) = self.current.take() {
            if run.text.chars().all(char::is_whitespace) {
                return;
            }
            self.out.push(Fragment {
                page: self.page,
                x: run.x as f32,
                y: run.y as f32,
                width: (run.end_x - run.x).max(0.0) as f32,
                size: run.size as f32,
                bold: run.bold,
                text: clean(&run.text),
            });
        }
    }
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// NFC, ligatures spelt out, controls dropped.
fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{00a0}' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.nfc().collect()
}

// ---------------------------------------------------------------- layout

fn layout_page(frags: &[&Fragment], out: &mut String) {
    if frags.is_empty() {
        return;
    }
    let mut sorted: Vec<&Fragment> = frags.to_vec();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    // Lines: a fragment joins the nearest line whose baseline is within
    // reach and where it overlaps no fragment already there.
    struct Line<'f> {
        y: f32,
        size: f32,
        frags: Vec<&'f Fragment>,
    }
    let mut lines: Vec<Line> = Vec::new();
    'fragments: for f in sorted {
        let mut best: Option<(usize, f32)> = None;
        // The lines just above (sorted by y, so the last ones), at most 64
        // of them and 256 fragments each: a hostile page stays linear.
        for (i, line) in lines.iter().enumerate().rev().take(64) {
            if f.y - line.y > 2.0 * line.size.max(f.size) {
                break;
            }
            let dy = (f.y - line.y).abs();
            if dy > 0.5 * line.size.min(f.size) {
                continue;
            }
            // The same text drawn again a hair away (bold faked by
            // overprinting): read once, as pdftotext does.
            let twice = |g: &&Fragment| {
                g.text == f.text
                    && (g.x - f.x).abs() < 0.2 * f.size
                    && (g.y - f.y).abs() < 0.2 * f.size
            };
            if line.frags.iter().rev().take(256).any(twice) {
                continue 'fragments;
            }
            let overlaps = line.frags.iter().rev().take(256).any(|g| {
                let (a0, a1) = (g.x, g.x + g.width);
                let (b0, b1) = (f.x, f.x + f.width);
                a0.max(b0) < a1.min(b1) - 0.3 * f.size.min(g.size)
            });
            if !overlaps && best.is_none_or(|(_, d)| dy < d) {
                best = Some((i, dy));
            }
        }
        match best {
            Some((i, _)) => lines[i].frags.push(f),
            None => lines.push(Line {
                y: f.y,
                size: f.size,
                frags: vec![f],
            }),
        }
    }
    lines.sort_by(|a, b| a.y.total_cmp(&b.y));
    // One character cell: the page's average advance per character.
    let (chars, width) = frags.iter().fold((0usize, 0f32), |(c, w), f| {
        (c + f.text.chars().count(), w + f.width)
    });
    let pitch = if chars > 0 && width > 0.0 {
        (width / chars as f32).max(1.0)
    } else {
        5.0
    };
    let left = frags.iter().map(|f| f.x).fold(f32::INFINITY, f32::min);
    let mut prev_y: Option<(f32, f32)> = None;
    for line in &mut lines {
        line.frags.sort_by(|a, b| a.x.total_cmp(&b.x));
        if let Some((py, psize)) = prev_y {
            if line.y - py > 2.2 * psize.max(line.size) {
                out.push('\n');
            }
        }
        prev_y = Some((line.y, line.size));
        let mut col = 0usize;
        let mut prev_end: Option<(f32, f32)> = None;
        let start = out.len();
        for f in &line.frags {
            // Columns from the page's left edge, at most 300 (a stray
            // fragment far out does not make a line of a million spaces).
            let target = ((f.x - left) / pitch).round().clamp(0.0, 300.0) as usize;
            match prev_end {
                None => {
                    out.extend(std::iter::repeat_n(' ', target));
                    col = target;
                }
                Some((end, size)) => {
                    let gap = f.x - end;
                    let em = size.max(f.size);
                    if gap > 1.5 * em {
                        let pad = target.saturating_sub(col).max(4);
                        out.extend(std::iter::repeat_n(' ', pad));
                        col += pad;
                    } else if gap > 0.15 * em && !out.ends_with(' ') && !f.text.starts_with(' ') {
                        out.push(' ');
                        col += 1;
                    }
                }
            }
            out.push_str(&f.text);
            col += f.text.chars().count();
            prev_end = Some((f.x + f.width, f.size));
        }
        let trimmed = out[start..].trim_end().len();
        out.truncate(start + trimmed);
        out.push('\n');
    }
}
