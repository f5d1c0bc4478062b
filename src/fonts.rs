//! The fonts embedded in the binary and text measurement with their real
//! glyph advances.
//!
//! Liberation Serif 2.1.5 (SIL OFL, vendored from Debian's
//! `fonts-liberation2`, licence in `fonts/`) has the metrics of Times New
//! Roman, so widths measured here hold for the DOCX (set in Times New Roman)
//! and for the PDF (which embeds Liberation Serif). Text is measured in NFC,
//! where each Vietnamese letter is one precomposed glyph.

use std::sync::OnceLock;

/// Regular, bold, italic or bold italic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FontStyle {
    /// Upright, normal weight.
    Regular,
    /// Upright, bold.
    Bold,
    /// Italic, normal weight.
    Italic,
    /// Italic, bold.
    BoldItalic,
}

impl FontStyle {
    /// The style for a combination of bold and italic.
    pub fn of(bold: bool, italic: bool) -> FontStyle {
        match (bold, italic) {
            (false, false) => FontStyle::Regular,
            (true, false) => FontStyle::Bold,
            (false, true) => FontStyle::Italic,
            (true, true) => FontStyle::BoldItalic,
        }
    }
}

/// The embedded font files.
pub mod data {
    /// Liberation Serif Regular.
    pub static REGULAR: &[u8] = include_bytes!("../fonts/LiberationSerif-Regular.ttf");
    /// Liberation Serif Bold.
    pub static BOLD: &[u8] = include_bytes!("../fonts/LiberationSerif-Bold.ttf");
    /// Liberation Serif Italic.
    pub static ITALIC: &[u8] = include_bytes!("../fonts/LiberationSerif-Italic.ttf");
    /// Liberation Serif Bold Italic.
    pub static BOLD_ITALIC: &[u8] = include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf");
}

/// The bytes of the embedded font for a style.
pub fn font_data(style: FontStyle) -> &'static [u8] {
    match style {
        FontStyle::Regular => data::REGULAR,
        FontStyle::Bold => data::BOLD,
        FontStyle::Italic => data::ITALIC,
        FontStyle::BoldItalic => data::BOLD_ITALIC,
    }
}

struct Metrics {
    units_per_em: f32,
    /// Advances of the characters U+0000–U+24FF (Latin, Vietnamese, punctuation), in font units.
    table: Vec<u16>,
    face: ttf_parser::Face<'static>,
}

impl Metrics {
    fn load(style: FontStyle) -> Metrics {
        let face = ttf_parser::Face::parse(font_data(style), 0).expect("embedded font parses");
        let advance = |c: char| {
            face.glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .unwrap_or(0)
        };
        let table = (0u32..0x2500)
            .map(|u| char::from_u32(u).map_or(0, advance))
            .collect();
        Metrics {
            units_per_em: f32::from(face.units_per_em()),
            table,
            face,
        }
    }

    fn advance(&self, c: char) -> f32 {
        let units = match self.table.get(c as usize) {
            Some(&w) => w,
            None => self
                .face
                .glyph_index(c)
                .and_then(|g| self.face.glyph_hor_advance(g))
                .unwrap_or(0),
        };
        f32::from(units) / self.units_per_em
    }
}

fn metrics(style: FontStyle) -> &'static Metrics {
    static CELLS: [OnceLock<Metrics>; 4] = [
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
    ];
    let i = style as usize;
    CELLS[i].get_or_init(|| Metrics::load(style))
}

/// Width of `text` set in `style` at `size_pt`, in points.
pub fn text_width(text: &str, style: FontStyle, size_pt: f32) -> f32 {
    let m = metrics(style);
    text.chars().map(|c| m.advance(c)).sum::<f32>() * size_pt
}

/// Breaks `text` on spaces into as few lines as fit in `max_width_pt`, then
/// evens them out: the lines are as equal in width as the words allow
/// (a short last line under a long first line is what offices avoid in a
/// trích yếu).
pub fn balanced_lines(
    text: &str,
    style: FontStyle,
    size_pt: f32,
    max_width_pt: f32,
) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return Vec::new();
    }
    let space = text_width(" ", style, size_pt);
    let widths: Vec<f32> = words
        .iter()
        .map(|w| text_width(w, style, size_pt))
        .collect();
    let line_width = |from: usize, to: usize| -> f32 {
        widths[from..to].iter().sum::<f32>() + space * (to - from - 1) as f32
    };
    // Greedy count of lines needed.
    let mut lines_needed = 1;
    let mut start = 0;
    for i in 1..=words.len() {
        if i < words.len() && line_width(start, i + 1) > max_width_pt {
            lines_needed += 1;
            start = i;
        }
    }
    // Smallest width limit that still gives `lines_needed` lines (binary search).
    let fits = |limit: f32| -> Option<Vec<(usize, usize)>> {
        let mut out = Vec::new();
        let mut start = 0;
        for i in 1..=words.len() {
            if i == words.len() || line_width(start, i + 1) > limit {
                if line_width(start, i) > limit && i - start > 1 {
                    return None;
                }
                out.push((start, i));
                start = i;
            }
        }
        (out.len() <= lines_needed).then_some(out)
    };
    let (mut lo, mut hi) = (0.0f32, max_width_pt.max(line_width(0, words.len())));
    let mut best = fits(hi).unwrap_or_else(|| vec![(0, words.len())]);
    for _ in 0..30 {
        let mid = (lo + hi) / 2.0;
        match fits(mid) {
            Some(lines) => {
                best = lines;
                hi = mid;
            }
            None => lo = mid,
        }
    }
    best.into_iter()
        .map(|(a, b)| words[a..b].join(" "))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoc_hieu_width_matches_decree_measurement() {
        // decree30.md (MEAS): 9.57 cm at 13 pt bold; the motto 6.05 cm at 14 pt bold.
        let cm = |pt: f32| pt / 72.0 * 2.54;
        let w = cm(text_width(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            FontStyle::Bold,
            13.0,
        ));
        assert!((w - 9.57).abs() < 0.05, "{w}");
        let w = cm(text_width(
            "Độc lập - Tự do - Hạnh phúc",
            FontStyle::Bold,
            14.0,
        ));
        assert!((w - 6.05).abs() < 0.05, "{w}");
    }

    #[test]
    fn vietnamese_letters_have_glyphs() {
        for c in "ầẫậơườữĐỘ".chars() {
            assert!(
                text_width(&c.to_string(), FontStyle::Regular, 10.0) > 0.0,
                "{c}"
            );
        }
    }

    #[test]
    fn balanced_lines_are_even() {
        let text = "Kết luận của Phó Chủ tịch Thường trực UBND tỉnh tại phiên họp UBND tỉnh tháng 01 năm 2021";
        let lines = balanced_lines(text, FontStyle::Bold, 14.0, 467.7);
        assert_eq!(lines.len(), 2);
        let w: Vec<f32> = lines
            .iter()
            .map(|l| text_width(l, FontStyle::Bold, 14.0))
            .collect();
        assert!((w[0] - w[1]).abs() < 60.0, "{lines:?} {w:?}");
        assert_eq!(lines.join(" "), text);
    }
}
