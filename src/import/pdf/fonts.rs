//! Fonts: what a font dictionary says about its codes (their length, the
//! text of each through ToUnicode or the font's encoding, a pre-Unicode
//! Vietnamese font's mojibake read again) and their advances.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

use super::cmap::parse_cmap;
use super::tcvn3::{legacy_font, legacy_text, Legacy};
use super::{decode_stream, deref, get, num, Budget, Stop};

/// What a font says about its codes: their length, text and advance.
pub(super) struct Font {
    /// Codes are two bytes (Type0 with Identity or another two-byte CMap).
    pub(super) two_byte: bool,
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
    pub(super) scale: f32,
    pub(super) bold: bool,
    /// A pre-Unicode Vietnamese font: its text is mojibake to be read again.
    legacy: Option<Legacy>,
}

impl Font {
    /// The text of a code: a legacy font's read again, else what the PDF says.
    pub(super) fn text(&self, code: u32) -> Option<String> {
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

    /// A code's advance, in thousandths of the font size.
    pub(super) fn width(&self, code: u32) -> f32 {
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

/// A font from its dictionary (ToUnicode decoded within the budget).
pub(super) fn load_font(
    doc: &Document,
    dict: &Dictionary,
    budget: &mut Budget,
) -> Result<Font, Stop> {
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
