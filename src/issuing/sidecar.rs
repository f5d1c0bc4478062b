//! The signing-rectangles file `<stem>.sign.json` written beside a PDF by
//! `render --for-signing` and by `issue`: where the number, the date, the
//! signer's signature image, the agency's seal and an appendix's corner
//! text go, so `ketluan sign` and other signing tools (an e-office's
//! plug-in, pyHanko's `--field PAGE/llx,lly,urx,ury/NAME`) place them.
//!
//! Pages are 1-based; a rectangle is `[llx, lly, urx, ury]` in points,
//! origin bottom-left. Fields absent from a file read as `None`.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The version written in `version`.
pub const VERSION: u32 = 1;

/// The whole `.sign.json` file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sidecar {
    /// Format version (1).
    pub version: u32,
    /// The PDF's file name, without folder.
    pub file: String,
    /// SHA-256 (lowercase hex) of the PDF as written, before any signature.
    pub sha256: String,
    /// The PDF's length in bytes as written, before any signature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    /// Width and height of page 1, points.
    pub page_size: [f32; 2],
    /// The document's number and date (null until issued).
    pub document: SidecarDocument,
    /// The rectangles.
    pub rects: Vec<SignRect>,
}

/// Which document: its ký hiệu, and its number and date once issued.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SidecarDocument {
    /// The ký hiệu, `TB-UBND`.
    pub notation: String,
    /// The number as printed (`01`), null when blank.
    pub number: Option<String>,
    /// The date, ISO `2026-02-05`, null when blank.
    pub date: Option<String>,
}

/// One rectangle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SignRect {
    /// `number`, `date`, `signer`, `seal` or `appendix_corner`.
    pub role: String,
    /// Another file's name (an appendix in its own file); absent: this PDF.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// 1-based page.
    pub page: u32,
    /// `[llx, lly, urx, ury]`, points.
    pub rect: [f32; 4],
    /// The text's size (number, date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub font_size: Option<f32>,
    /// Whether the text there is italic (number, date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub italic: Option<bool>,
    /// Rectangles of the date's blank day and month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parts: Option<DateParts>,
    /// The seal's diameter (seal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diameter_mm: Option<f32>,
}

/// The day's and month's blanks of a date line left blank.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DateParts {
    /// Where the day goes.
    pub day: [f32; 4],
    /// Where the month goes.
    pub month: [f32; 4],
}

impl Sidecar {
    /// The first rectangle of `role` on this file (not another file's).
    pub fn rect(&self, role: &str) -> Option<&SignRect> {
        self.rects
            .iter()
            .find(|r| r.role == role && r.file.is_none())
    }

    /// The JSON text written (pretty, a final newline).
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a sidecar serializes");
        text.push('\n');
        text
    }
}

/// The sidecar's path for a PDF: `x.pdf` → `x.sign.json`.
pub fn path_for(pdf: &Path) -> PathBuf {
    pdf.with_extension("sign.json")
}

/// Reads a sidecar file; the error names the file (and line and column
/// for bad JSON).
pub fn read(path: &Path) -> Result<Sidecar, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text)
        .map_err(|e| format!("{}:{}:{}: {e}", path.display(), e.line(), e.column()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_example() {
        let text = r#"{"version": 1, "file": "a.pdf", "sha256": "ab", "page_size": [595.28, 841.89],
 "document": {"notation": "TB-UBND", "number": null, "date": null},
 "rects": [
  {"role": "number", "page": 1, "rect": [150.1, 717.2, 178.1, 732.0], "font_size": 13, "italic": false},
  {"role": "date", "page": 1, "rect": [365.0, 716.9, 545.3, 732.8], "font_size": 14, "italic": true,
   "parts": {"day": [395.2, 716.9, 415.2, 732.8], "month": [455.0, 716.9, 470.0, 732.8]}},
  {"role": "signer", "page": 2, "rect": [347.24, 300.0, 474.8, 370.87]},
  {"role": "seal", "page": 2, "rect": [287.72, 284.41, 389.76, 386.46], "diameter_mm": 36},
  {"role": "appendix_corner", "file": "a.phu-luc-1.pdf", "page": 1,
   "rect": [334.78, 794.55, 552.76, 819.21]}]}"#;
        let s: Sidecar = serde_json::from_str(text).unwrap();
        assert_eq!(s.rect("signer").unwrap().page, 2);
        assert_eq!(s.rect("seal").unwrap().diameter_mm, Some(36.0));
        assert!(s.rect("appendix_corner").is_none());
        let again: Sidecar = serde_json::from_str(&s.to_json()).unwrap();
        assert_eq!(again, s);
    }
}
