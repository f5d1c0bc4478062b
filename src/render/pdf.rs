//! The PDF backend (krilla): the pages of [`crate::typeset::compose`] (laid
//! out from the document's frame, as the DOCX and the web page) drawn with
//! the embedded fonts (subset, with a ToUnicode map, so the text extracts
//! as NFC Vietnamese), metadata from the notice, and the PDF/A-2b archive
//! profile checked by krilla's validator (on unless `--no-pdfa`).
//!
//! Determinism: no clock is read. The creation date is the notice date (the
//! meeting date for a draft), the document id is derived from the notice's
//! number, date and a hash of its text, and krilla derives the instance id
//! from the file's content.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use krilla::configure::{Archival, ConfigurationBuilder, PdfVersion};
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Document as PdfDocument, SerializeSettings};

use super::{Format, RenderError, Renderer};
use crate::document::{Book, Document};
use crate::layout::{mm_to_pt, Layout};
use crate::typeset::compose::{compose_book, compose_with_places, Page, SigningPlaces, TextRun};
use crate::typeset::measure::{FontSet, FontStyle};

/// Writes notices as PDF.
pub struct PdfRenderer {
    /// Write PDF/A-2b (validated) rather than plain PDF 1.7.
    pub archival: bool,
    /// Fonts from this folder for every notice (`--font-dir`); otherwise
    /// `layout.font_dir`, otherwise the embedded Liberation Serif.
    pub font_dir: Option<PathBuf>,
    cache: Mutex<HashMap<PathBuf, Arc<FontSet>>>,
}

impl PdfRenderer {
    /// A PDF backend; `archival` turns PDF/A-2b on.
    pub fn new(archival: bool, font_dir: Option<PathBuf>) -> Self {
        PdfRenderer {
            archival,
            font_dir,
            cache: Mutex::new(HashMap::new()),
        }
    }

    fn fonts(&self, layout: &Layout) -> Result<Arc<FontSet>, RenderError> {
        let Some(dir) = self.font_dir.clone().or_else(|| layout.font_dir.clone()) else {
            return Ok(FontSet::embedded());
        };
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(set) = cache.get(&dir) {
            return Ok(set.clone());
        }
        let set = Arc::new(FontSet::from_dir(&dir).map_err(|message| RenderError {
            format: Format::Pdf,
            message,
        })?);
        cache.insert(dir, set.clone());
        Ok(set)
    }
}

/// FNV-1a, 64 bit: a stable hash (std's hasher may change between releases).
fn fnv64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn document_id(notice: &Document) -> String {
    let mut text = String::new();
    text.push_str(&notice.number_line);
    text.push_str(notice.date_line.as_deref().unwrap_or_default());
    text.push_str(&notice.summary);
    for b in &notice.body {
        text.push_str(&b.plain_text());
    }
    format!(
        "{}/{}/{:016x}",
        notice.metadata.author,
        notice.metadata.date.iso(),
        fnv64(text.as_bytes())
    )
}

/// The PDF's metadata but its keywords and id: title, author, subject,
/// language, creator, and the date (midnight, Vietnam time).
fn base_metadata(m: &crate::document::Metadata) -> Metadata {
    let d = m.date;
    let date = DateTime::new(d.year() as u16)
        .month(d.month() as u8)
        .day(d.day() as u8)
        .hour(0)
        .minute(0)
        .second(0)
        .utc_offset_hour(7)
        .utc_offset_minute(0);
    Metadata::new()
        .title(m.title.clone())
        .authors(vec![m.author.clone()])
        .description(m.subject.clone())
        .language("vi-VN".to_string())
        .creator(format!("ketluan {}", env!("CARGO_PKG_VERSION")))
        .creation_date(date)
}

fn metadata(notice: &Document) -> Metadata {
    let mut keywords = vec![notice.doc_type.clone(), notice.number_line.clone()];
    keywords.extend(notice.date_line.clone());
    keywords.dedup();
    base_metadata(&notice.metadata)
        .keywords(keywords)
        .document_id(document_id(notice))
}

/// A register's metadata; its id from the issuer, the date and a hash of
/// its cells.
fn book_metadata(book: &Book) -> Metadata {
    let m = &book.metadata;
    let text = crate::body::BodyPart::Table(book.table.clone()).plain_text();
    base_metadata(m)
        .keywords(vec![m.subject.clone()])
        .document_id(format!(
            "{}/{}/{:016x}",
            m.author,
            m.date.iso(),
            fnv64(text.as_bytes())
        ))
}

fn draw_run(
    surface: &mut krilla::surface::Surface,
    fonts: &FontSet,
    pdf_fonts: &[Option<Font>; 4],
    run: &TextRun,
) {
    let Some(font) = pdf_fonts[run.style as usize].clone() else {
        return;
    };
    let face = fonts.face(run.style);
    let extra = if run.size > 0.0 {
        run.extra_per_space / run.size
    } else {
        0.0
    };
    let glyphs: Vec<KrillaGlyph> = run
        .text
        .char_indices()
        .map(|(i, c)| {
            let advance = face.advance(c) + if c == ' ' { extra } else { 0.0 };
            KrillaGlyph::new(
                GlyphId::new(u32::from(face.glyph(c))),
                advance,
                0.0,
                0.0,
                0.0,
                i..i + c.len_utf8(),
                None,
            )
        })
        .collect();
    surface.draw_glyphs(
        Point::from_xy(run.x, run.baseline),
        &glyphs,
        font,
        &run.text,
        run.size,
        false,
    );
}

fn draw_page(
    document: &mut PdfDocument,
    size: (f32, f32),
    page: &Page,
    fonts: &FontSet,
    pdf_fonts: &[Option<Font>; 4],
) -> Result<(), String> {
    let settings = PageSettings::from_wh(size.0, size.1)
        .ok_or_else(|| crate::tr!("render.pdf.bad_page_size"))?;
    let mut p = document.start_page_with(settings);
    let mut surface = p.surface();
    for rule in &page.rules {
        let rect = Rect::from_xywh(
            rule.x,
            rule.y - rule.thickness / 2.0,
            rule.width.max(0.1),
            rule.thickness.max(0.1),
        )
        .ok_or_else(|| crate::tr!("render.pdf.bad_rule"))?;
        let mut pb = PathBuilder::new();
        pb.push_rect(rect);
        let path = pb
            .finish()
            .ok_or_else(|| crate::tr!("render.pdf.bad_rule"))?;
        surface.draw_path(&path);
    }
    for run in &page.texts {
        draw_run(&mut surface, fonts, pdf_fonts, run);
    }
    surface.finish();
    p.finish();
    Ok(())
}

impl Renderer for PdfRenderer {
    fn format(&self) -> Format {
        Format::Pdf
    }

    fn render(&self, notice: &Document) -> Result<Vec<u8>, RenderError> {
        self.render_placed(notice).map(|(bytes, _)| bytes)
    }

    fn render_for_signing(
        &self,
        notice: &Document,
    ) -> Result<(Vec<u8>, Option<SigningPlaces>), RenderError> {
        self.render_placed(notice)
            .map(|(bytes, places)| (bytes, Some(places)))
    }
}

impl PdfRenderer {
    /// The PDF, and where on its pages the number, the date and the
    /// signature went.
    pub fn render_placed(
        &self,
        notice: &Document,
    ) -> Result<(Vec<u8>, SigningPlaces), RenderError> {
        let fonts = self.fonts(&notice.layout)?;
        let (pages, places) = compose_with_places(notice, &fonts);
        let bytes = self.write(&notice.layout, &pages, &fonts, metadata(notice))?;
        Ok((bytes, places))
    }

    /// A register as a PDF: its cover, then its table ([`compose_book`]).
    pub fn render_book(&self, book: &Book) -> Result<Vec<u8>, RenderError> {
        let fonts = self.fonts(&book.layout)?;
        let pages = compose_book(book, &fonts);
        self.write(&book.layout, &pages, &fonts, book_metadata(book))
    }

    /// The file of laid-out pages: the fonts embedded (the glyphs drawn),
    /// PDF/A-2b when archival.
    fn write(
        &self,
        layout: &Layout,
        pages: &[Page],
        fonts: &FontSet,
        metadata: Metadata,
    ) -> Result<Vec<u8>, RenderError> {
        let err = |message: String| RenderError {
            format: Format::Pdf,
            message,
        };
        // Each style the pages draw, embedded from a copy of its font that
        // holds the outlines of the glyphs drawn and no hinting
        // (`truetype::for_embedding`): krilla subsets that copy.
        // The glyphs drawn in each style: a bit per glyph number (most
        // characters repeat; a set of 65,536 bits beats a tree of them).
        let mut used: [Vec<u64>; 4] = Default::default();
        for run in pages.iter().flat_map(|p| &p.texts) {
            let face = fonts.face(run.style);
            let bits = &mut used[run.style as usize];
            if bits.is_empty() {
                bits.resize(1024, 0);
            }
            for c in run.text.chars() {
                let g = usize::from(face.glyph(c));
                bits[g / 64] |= 1 << (g % 64);
            }
        }
        let mut pdf_fonts: [Option<Font>; 4] = Default::default();
        for style in FontStyle::ALL {
            let glyphs: Vec<u16> = used[style as usize]
                .iter()
                .enumerate()
                .flat_map(|(w, &bits)| {
                    (0..64)
                        .filter(move |b| bits & (1 << b) != 0)
                        .map(move |b| (w * 64 + b) as u16)
                })
                .collect();
            if glyphs.is_empty() {
                continue;
            }
            let face = fonts.face(style);
            let data = match crate::typeset::embed_font::for_embedding(face.bytes(), Some(&glyphs))
            {
                Some(bytes) => krilla::Data::from(bytes),
                None => krilla::Data::from(face.data()),
            };
            let font = Font::new(data, 0).ok_or_else(|| {
                err(crate::tr!(
                    "render.pdf.font_unusable",
                    style = format!("{style:?}")
                ))
            })?;
            pdf_fonts[style as usize] = Some(font);
        }
        let configuration = if self.archival {
            ConfigurationBuilder::new()
                .with_archival_validator(Archival::A2_B)
                .with_version(PdfVersion::Pdf17)
                .finish()
        } else {
            ConfigurationBuilder::new()
                .with_version(PdfVersion::Pdf17)
                .finish()
        }
        .map_err(|e| err(format!("{e:?}")))?;
        let settings = SerializeSettings {
            configuration,
            ..SerializeSettings::default()
        };
        let mut document = PdfDocument::new_with(settings);
        document.set_metadata(metadata);
        let size = (
            mm_to_pt(layout.page_width_mm),
            mm_to_pt(layout.page_height_mm),
        );
        for page in pages {
            draw_page(&mut document, size, page, fonts, &pdf_fonts)
                .map_err(|e| err(e.to_string()))?;
        }
        document.finish().map_err(|e| err(format!("krilla: {e:?}")))
    }
}
