//! Backends: a [`Notice`] → the bytes of a file. Every backend takes its
//! sizes from the notice's [`crate::layout::Layout`].

pub mod docx;

use std::fmt;
use std::str::FromStr;

use crate::document::Notice;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// Word document.
    Docx,
    /// PDF (not available yet).
    Pdf,
}

impl Format {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
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
            other => Err(format!("định dạng `{other}` không có; dùng docx hoặc pdf")),
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
    /// The whole file for a notice.
    fn render(&self, notice: &Notice) -> Result<Vec<u8>, RenderError>;
}

/// The backend for a format, or why there is none.
pub fn renderer_for(format: Format) -> Result<Box<dyn Renderer>, String> {
    match format {
        Format::Docx => Ok(Box::new(docx::DocxRenderer)),
        Format::Pdf => Err(
            "định dạng PDF chưa có trong phiên bản này; hãy dùng --format docx (PDF sẽ có trong bản sau)"
                .to_string(),
        ),
    }
}
