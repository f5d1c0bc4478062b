//! Backends: a [`Document`] → the bytes of a file (DOCX, PDF, HTML). Every backend takes its
//! sizes from the notice's [`crate::layout::Layout`], and what all three write the same (the
//! header grid, the centred lines, the rule lengths) from its frame
//! ([`crate::typeset::frame::Frame`]), laid out once when the document was made: rendering
//! one document to three formats lays it out once.

pub mod docx;
pub mod html;
pub mod package;
pub mod pdf;

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use crate::document::Document;
use crate::template::Templates;
use crate::typeset::compose::SigningPlaces;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// Word document.
    Docx,
    /// PDF (PDF/A-2b by default).
    Pdf,
    /// A standalone web page.
    Html,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 3] = [Format::Docx, Format::Pdf, Format::Html];

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Html => "html",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "docx" => Ok(Format::Docx),
            "pdf" => Ok(Format::Pdf),
            "html" => Ok(Format::Html),
            other => Err(crate::tr!("format.unknown", name = other)),
        }
    }
}

/// A backend failed to produce its file.
#[derive(Debug, thiserror::Error)]
#[error("{format}: {message}")]
pub struct RenderError {
    /// Which backend.
    pub format: Format,
    /// What went wrong.
    pub message: String,
}

/// A backend.
pub trait Renderer {
    /// The format it writes.
    fn format(&self) -> Format;
    /// The whole file for a document.
    fn render(&self, document: &Document) -> Result<Vec<u8>, RenderError>;
    /// The file, and where its pages leave the number, the date and the
    /// signature (`None` from a backend without fixed pages).
    fn render_for_signing(
        &self,
        document: &Document,
    ) -> Result<(Vec<u8>, Option<SigningPlaces>), RenderError> {
        Ok((self.render(document)?, None))
    }
}

/// Options that pick how backends write.
#[derive(Clone, Default)]
pub struct RenderOptions {
    /// Write plain PDF instead of PDF/A-2b.
    pub no_pdfa: bool,
    /// The user's own font files for the PDF.
    pub font_dir: Option<std::path::PathBuf>,
    /// Every format written together (a web page links the others).
    pub formats: Vec<Format>,
    /// The templates of the web pages (`None`: the built-in ones).
    pub templates: Option<Arc<Templates>>,
}

/// The backend for a format.
pub fn renderer_for(format: Format, options: &RenderOptions) -> Box<dyn Renderer + Sync> {
    match format {
        Format::Docx => Box::new(docx::DocxRenderer),
        Format::Pdf => Box::new(pdf::PdfRenderer::new(
            !options.no_pdfa,
            options.font_dir.clone(),
        )),
        Format::Html => Box::new(html::HtmlRenderer::new(
            options
                .templates
                .clone()
                .unwrap_or_else(|| Arc::new(Templates::embedded())),
            &options.formats,
        )),
    }
}
