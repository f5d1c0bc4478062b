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
use sha2::{Digest, Sha256};

use crate::document::Document;
use crate::layout::mm_to_pt;
use crate::typeset::compose::{Place, SigningPlaces};

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

/// A rectangle rounded to hundredths of a point (what the file keeps).
fn rounded(rect: [f32; 4]) -> [f32; 4] {
    rect.map(|v| (v * 100.0).round() / 100.0)
}

/// The seal's square: side `diameter_mm`, its right edge a third of the
/// way into the signer's box, centred on it vertically (Decree 30, Phụ
/// lục I: the seal covers about a third of the signature, on its left).
pub fn seal_rect(signer: [f32; 4], diameter_mm: f32) -> [f32; 4] {
    let [llx, lly, urx, ury] = signer;
    let side = mm_to_pt(diameter_mm);
    let right = llx + (urx - llx) / 3.0;
    let middle = (lly + ury) / 2.0;
    [
        right - side,
        middle - side / 2.0,
        right,
        middle + side / 2.0,
    ]
}

impl Sidecar {
    /// The sidecar of the PDF `pdf` (its bytes as written, named `file`)
    /// made of `document`, from where its pages left the number, the date
    /// and the signature; the seal's square when the document knows the
    /// seal's diameter.
    pub fn of(file: &str, pdf: &[u8], document: &Document, places: &SigningPlaces) -> Sidecar {
        let l = &document.layout;
        let text_rect = |role: &str, p: &Place, italic: bool| SignRect {
            role: role.to_string(),
            file: None,
            page: p.page,
            rect: rounded(p.rect),
            font_size: Some(p.size),
            italic: Some(italic),
            parts: None,
            diameter_mm: None,
        };
        let mut rects = Vec::new();
        if let Some(p) = &places.number {
            rects.push(text_rect("number", p, false));
        }
        if let Some(d) = &places.date {
            rects.push(SignRect {
                parts: Some(DateParts {
                    day: rounded(d.day),
                    month: rounded(d.month),
                }),
                ..text_rect("date", &d.line, true)
            });
        }
        if let Some(p) = &places.signer {
            let plain = |role: &str, rect| SignRect {
                font_size: None,
                italic: None,
                rect: rounded(rect),
                ..text_rect(role, p, false)
            };
            rects.push(plain("signer", p.rect));
            if let Some(mm) = document.seal_mm {
                rects.push(SignRect {
                    diameter_mm: Some(mm),
                    ..plain("seal", seal_rect(p.rect, mm))
                });
            }
        }
        let notation = document
            .number_line
            .rsplit_once('/')
            .map_or_else(String::new, |(_, n)| n.trim().to_string());
        let reference = document.metadata.reference.as_deref();
        Sidecar {
            version: VERSION,
            file: file.to_string(),
            sha256: crate::incremental::hex(&Sha256::digest(pdf)),
            size: Some(pdf.len() as u64),
            page_size: [mm_to_pt(l.page_width_mm), mm_to_pt(l.page_height_mm)]
                .map(|v| (v * 100.0).round() / 100.0),
            document: SidecarDocument {
                notation,
                number: reference
                    .and_then(|r| r.split_once('/'))
                    .map(|(n, _)| n.to_string()),
                date: document.metadata.issued.map(|d| d.iso()),
            },
            rects,
        }
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
    fn the_seal_covers_a_third_of_the_signature_on_its_left() {
        // The box of the house layout: 45 mm centred at x 411.02, the
        // signing space from y 370.87 down to 300.
        let centre = mm_to_pt(30.0 + 65.0 + 50.0);
        let half = mm_to_pt(22.5);
        let signer = [centre - half, 300.0, centre + half, 300.0 + mm_to_pt(25.0)];
        assert_eq!(rounded(signer), [347.24, 300.0, 474.8, 370.87]);
        let seal = rounded(seal_rect(signer, 36.0));
        assert_eq!(seal, [287.72, 284.41, 389.76, 386.46]);
    }

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
