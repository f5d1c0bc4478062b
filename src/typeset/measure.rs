//! The fonts: the four styles of one family, their glyphs and real advances.
//!
//! By default Liberation Serif 2.1.5 (SIL OFL, vendored from Debian's
//! `fonts-liberation2`, licence in `fonts/`) is embedded in the binary: it has
//! the metrics of Times New Roman, so widths measured here hold for the DOCX
//! (set in Times New Roman) and for the PDF (which embeds these fonts). A user
//! who has Times New Roman itself can load it with [`FontSet::from_dir`].
//! Text is measured in NFC, where each Vietnamese letter is one precomposed
//! glyph.

use std::path::Path;
use std::sync::{Arc, OnceLock};

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

    /// All four, in index order.
    pub const ALL: [FontStyle; 4] = [
        FontStyle::Regular,
        FontStyle::Bold,
        FontStyle::Italic,
        FontStyle::BoldItalic,
    ];
}

/// The embedded font files.
pub mod data {
    /// Liberation Serif Regular.
    pub static REGULAR: &[u8] = include_bytes!("../../fonts/LiberationSerif-Regular.ttf");
    /// Liberation Serif Bold.
    pub static BOLD: &[u8] = include_bytes!("../../fonts/LiberationSerif-Bold.ttf");
    /// Liberation Serif Italic.
    pub static ITALIC: &[u8] = include_bytes!("../../fonts/LiberationSerif-Italic.ttf");
    /// Liberation Serif Bold Italic.
    pub static BOLD_ITALIC: &[u8] = include_bytes!("../../fonts/LiberationSerif-BoldItalic.ttf");
}

/// Characters whose glyph and advance are tabulated up front (Latin,
/// Vietnamese, general punctuation); others are looked up in the font.
const TABLE_END: u32 = 0x2500;

/// The bytes of a font file: the embedded fonts are used where they lie in
/// the binary (no copy), a user's are read into memory.
pub type FontBytes = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// Characters per block of the glyph and advance tables.
const BLOCK: usize = 256;

/// One block of the tables: (glyph, advance in font units) per character.
type Block = Box<[(u16, u16); BLOCK]>;

/// One font file with its metrics, looked up once per character: the
/// table of glyphs and advances below U+2500 is built a block of 256
/// characters at a time, when a character of the block is first measured
/// (a notice uses five or six blocks of a face: ASCII, Latin-1, Latin
/// Extended-A and -B, the Vietnamese letters, punctuation).
pub struct Face {
    data: FontBytes,
    units_per_em: f32,
    ascender: f32,
    descender: f32,
    line_height: f32,
    blocks: Vec<OnceLock<Block>>,
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face")
            .field("bytes", &self.bytes().len())
            .finish()
    }
}

/// The glyph of `c` in `face` and its advance in font units; (0, 0) when
/// the font has none.
fn glyph_and_advance(face: &ttf_parser::Face, c: char) -> (u16, u16) {
    let g = face.glyph_index(c);
    (
        g.map_or(0, |g| g.0),
        g.and_then(|g| face.glyph_hor_advance(g)).unwrap_or(0),
    )
}

impl Face {
    /// Reads a TrueType/OpenType font; `None` when it does not parse.
    pub fn parse(data: FontBytes) -> Option<Face> {
        let face = ttf_parser::Face::parse((*data).as_ref(), 0).ok()?;
        let units_per_em = f32::from(face.units_per_em());
        let (ascender, descender) = (f32::from(face.ascender()), f32::from(face.descender()));
        let line_height = (ascender - descender + f32::from(face.line_gap())) / units_per_em;
        Some(Face {
            units_per_em,
            ascender: ascender / units_per_em,
            descender: -descender / units_per_em,
            line_height,
            blocks: (0..(TABLE_END as usize).div_ceil(BLOCK))
                .map(|_| OnceLock::new())
                .collect(),
            data,
        })
    }

    /// The font file's bytes.
    pub fn bytes(&self) -> &[u8] {
        (*self.data).as_ref()
    }

    /// The font file's bytes, shared.
    pub fn data(&self) -> FontBytes {
        self.data.clone()
    }

    /// Ascender, in ems.
    pub fn ascender(&self) -> f32 {
        self.ascender
    }

    /// Descender (positive), in ems.
    pub fn descender(&self) -> f32 {
        self.descender
    }

    /// Single line spacing (ascender + descender + line gap), in ems: what a
    /// word processor gives a line set "single".
    pub fn line_height(&self) -> f32 {
        self.line_height
    }

    /// (glyph, advance) of `c`: from its block of the table (built on first
    /// use), or looked up directly above the table.
    fn entry(&self, c: char) -> (u16, u16) {
        let u = c as usize;
        let Some(block) = self.blocks.get(u / BLOCK) else {
            return match ttf_parser::Face::parse(self.bytes(), 0) {
                Ok(face) => glyph_and_advance(&face, c),
                Err(_) => (0, 0),
            };
        };
        block.get_or_init(|| {
            let mut table = Box::new([(0u16, 0u16); BLOCK]);
            if let Ok(face) = ttf_parser::Face::parse(self.bytes(), 0) {
                let first = u / BLOCK * BLOCK;
                for (k, entry) in table.iter_mut().enumerate() {
                    if let Some(c) = char::from_u32((first + k) as u32) {
                        *entry = glyph_and_advance(&face, c);
                    }
                }
            }
            table
        })[u % BLOCK]
    }

    /// The glyph of a character (0, `.notdef`, when the font has none).
    pub fn glyph(&self, c: char) -> u16 {
        self.entry(c).0
    }

    /// The advance of a character, in ems.
    pub fn advance(&self, c: char) -> f32 {
        f32::from(self.entry(c).1) / self.units_per_em
    }
}

/// The four styles of a family.
#[derive(Debug)]
pub struct FontSet {
    faces: [Face; 4],
}

/// File names tried for each style in a user's font folder (Windows and
/// common Linux names of Times New Roman, then Liberation Serif).
const FILE_NAMES: [&[&str]; 4] = [
    &[
        "times.ttf",
        "Times New Roman.ttf",
        "TimesNewRoman.ttf",
        "Times_New_Roman.ttf",
        "LiberationSerif-Regular.ttf",
    ],
    &[
        "timesbd.ttf",
        "Times New Roman Bold.ttf",
        "TimesNewRoman-Bold.ttf",
        "Times_New_Roman_Bold.ttf",
        "LiberationSerif-Bold.ttf",
    ],
    &[
        "timesi.ttf",
        "Times New Roman Italic.ttf",
        "TimesNewRoman-Italic.ttf",
        "Times_New_Roman_Italic.ttf",
        "LiberationSerif-Italic.ttf",
    ],
    &[
        "timesbi.ttf",
        "Times New Roman Bold Italic.ttf",
        "TimesNewRoman-BoldItalic.ttf",
        "Times_New_Roman_Bold_Italic.ttf",
        "LiberationSerif-BoldItalic.ttf",
    ],
];

impl FontSet {
    /// The embedded Liberation Serif, loaded once per process.
    pub fn embedded() -> Arc<FontSet> {
        static SET: OnceLock<Arc<FontSet>> = OnceLock::new();
        SET.get_or_init(|| {
            let face = |d: &'static [u8]| Face::parse(Arc::new(d)).expect("embedded font parses");
            Arc::new(FontSet {
                faces: [
                    face(data::REGULAR),
                    face(data::BOLD),
                    face(data::ITALIC),
                    face(data::BOLD_ITALIC),
                ],
            })
        })
        .clone()
    }

    /// The four styles from a folder (`times.ttf`, `timesbd.ttf`, `timesi.ttf`,
    /// `timesbi.ttf`, or the other usual names). Case of the names is ignored.
    pub fn from_dir(dir: &Path) -> Result<FontSet, String> {
        let unreadable = |e: std::io::Error| {
            crate::tr!("fonts.unreadable_folder", folder = dir.display(), error = e)
        };
        let entries: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
            .map_err(unreadable)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        let find = |names: &[&str]| {
            entries.iter().find(|p| {
                p.file_name()
                    .map(|f| f.to_string_lossy().to_lowercase())
                    .is_some_and(|f| names.iter().any(|n| n.to_lowercase() == f))
            })
        };
        let mut faces = Vec::new();
        for (i, names) in FILE_NAMES.iter().enumerate() {
            let path = find(names).ok_or_else(|| {
                crate::tr!(
                    "fonts.missing_file",
                    folder = dir.display(),
                    style = format!("{:?}", FontStyle::ALL[i]),
                    names = names.join(", ")
                )
            })?;
            let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let face = Face::parse(Arc::new(bytes) as FontBytes)
                .ok_or_else(|| crate::tr!("fonts.not_a_font", file = path.display()))?;
            for c in "ầẫậơườữĐ".chars() {
                if face.glyph(c) == 0 {
                    return Err(crate::tr!(
                        "fonts.no_vietnamese",
                        file = path.display(),
                        letter = c
                    ));
                }
            }
            faces.push(face);
        }
        let faces: [Face; 4] = faces
            .try_into()
            .map_err(|_| crate::tr!("fonts.four_styles"))?;
        Ok(FontSet { faces })
    }

    /// The face of a style.
    pub fn face(&self, style: FontStyle) -> &Face {
        &self.faces[style as usize]
    }

    /// Whether every style has a glyph for `c` (line breaks and tabs count
    /// as covered: they are never drawn as glyphs).
    pub fn covers(&self, c: char) -> bool {
        matches!(c, '\n' | '\r' | '\t') || self.faces.iter().all(|f| f.glyph(c) != 0)
    }

    /// Width of `text` in `style` at `size_pt`, in points.
    pub fn width(&self, text: &str, style: FontStyle, size_pt: f32) -> f32 {
        let face = self.face(style);
        text.chars().map(|c| face.advance(c)).sum::<f32>() * size_pt
    }
}

/// Whether the embedded fonts (all four styles) have a glyph for `c`, as
/// [`FontSet::covers`], without building the tables of [`FontSet::embedded`]
/// (a plain look-up in each font's character map: what `ketluan check`
/// needs, in a fraction of the time).
pub fn embedded_covers(c: char) -> bool {
    static FACES: OnceLock<Vec<ttf_parser::Face<'static>>> = OnceLock::new();
    let faces = FACES.get_or_init(|| {
        [data::REGULAR, data::BOLD, data::ITALIC, data::BOLD_ITALIC]
            .iter()
            .map(|d| ttf_parser::Face::parse(d, 0).expect("embedded font parses"))
            .collect()
    });
    matches!(c, '\n' | '\r' | '\t')
        || faces
            .iter()
            .all(|f| f.glyph_index(c).is_some_and(|g| g.0 != 0))
}

/// Width of `text` set in `style` at `size_pt` in the embedded fonts, in points.
pub fn text_width(text: &str, style: FontStyle, size_pt: f32) -> f32 {
    FontSet::embedded().width(text, style, size_pt)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_hold_what_the_fonts_character_maps_say() {
        let set = FontSet::embedded();
        for style in FontStyle::ALL {
            let face = set.face(style);
            let direct = ttf_parser::Face::parse(face.bytes(), 0).unwrap();
            for u in 0..TABLE_END + 300 {
                let Some(c) = char::from_u32(u) else { continue };
                let g = direct.glyph_index(c);
                assert_eq!(face.glyph(c), g.map_or(0, |g| g.0), "{style:?} U+{u:04X}");
                let advance = g.and_then(|g| direct.glyph_hor_advance(g)).unwrap_or(0);
                assert_eq!(
                    face.advance(c),
                    f32::from(advance) / f32::from(direct.units_per_em()),
                    "{style:?} U+{u:04X}"
                );
            }
        }
    }

    #[test]
    fn quoc_hieu_width_matches_decree_measurement() {
        // Measured on a notice printed in the layout of Decree 30/2020/NĐ-CP, Phụ
        // lục I: 9.57 cm at 13 pt bold; the motto 6.05 cm at 14 pt bold.
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
        let set = FontSet::embedded();
        for style in FontStyle::ALL {
            for c in "ầẫậơườữĐỘ".chars() {
                assert_ne!(set.face(style).glyph(c), 0, "{c} in {style:?}");
                assert!(set.width(&c.to_string(), style, 10.0) > 0.0, "{c}");
            }
        }
    }

    #[test]
    fn coverage_of_the_embedded_fonts() {
        let set = FontSet::embedded();
        for c in "Đồng chí “Hải” – — … ‘x’ & < > ( ) \\ ]]> €".chars() {
            assert!(set.covers(c), "{c:?} U+{:04X}", c as u32);
        }
        assert!(set.covers('\u{A0}'), "no-break space");
        for c in ['😀', '\u{1F44D}', '\u{E000}', '\u{FFFF}', '\u{FFFD}', '中'] {
            assert!(!set.covers(c), "{c:?}");
            assert!(!embedded_covers(c), "{c:?}");
        }
        for c in "Đồng chí “Hải” – — … ‘x’ & < > ( ) \\ ]]> €\u{A0}\n".chars()
        {
            assert!(embedded_covers(c), "{c:?}");
        }
    }

    #[test]
    fn from_dir_reads_a_folder_of_fonts() {
        let set = FontSet::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts")).unwrap();
        let w = set.width("Đồng", FontStyle::Bold, 14.0);
        assert!((w - text_width("Đồng", FontStyle::Bold, 14.0)).abs() < 1e-3);
        assert!(FontSet::from_dir(Path::new("/nonexistent")).is_err());
    }

    #[test]
    fn the_summary_breaks_evenly_before_a_phrase_word() {
        let text = "Kết luận của Phó Chủ tịch Thường trực UBND tỉnh tại phiên họp UBND tỉnh tháng 01 năm 2021";
        let lines = crate::layout::Layout::default().summary_lines(text, &[]);
        assert_eq!(
            lines,
            [
                "Kết luận của Phó Chủ tịch Thường trực UBND tỉnh",
                "tại phiên họp UBND tỉnh tháng 01 năm 2021"
            ]
        );
        let w: Vec<f32> = lines
            .iter()
            .map(|l| text_width(l, FontStyle::Bold, 14.0))
            .collect();
        assert!((w[0] - w[1]).abs() < 60.0, "{lines:?} {w:?}");
    }
}
