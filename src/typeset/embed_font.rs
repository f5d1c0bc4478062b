//! A TrueType font without its hinting, for embedding in a PDF.
//!
//! Hinting (the `fpgm`, `prep` and `cvt ` programs and each glyph's
//! instructions) fits outlines to the pixel grid of a screen at small sizes;
//! PDF viewers and printers rasterise at their own resolutions and most
//! ignore it. In Liberation Serif it is about two thirds of every glyph's
//! bytes: a subset of the 141 glyphs of the example's regular face is
//! 28.0 KB with hinting and 9.8 KB without. The outlines, advances and
//! every other table stay byte for byte; only the embedded copy changes
//! (the font file itself is left untouched, so its Reserved Font Name is
//! not at stake: this is the same kind of change as subsetting it for a
//! document).

/// Tables dropped whole: those that exist only for hinting (or for device
/// metrics computed with it), and the layout and signature tables a PDF
/// does not read (its glyphs are placed already; a subset drops them too).
const DROPPED_TABLES: [&[u8; 4]; 16] = [
    b"fpgm", b"prep", b"cvt ", b"hdmx", b"LTSH", b"VDMX", b"gasp", b"GDEF", b"GPOS", b"GSUB",
    b"kern", b"JSTF", b"BASE", b"MATH", b"DSIG", b"FFTM",
];

// The flags of a composite glyph's component record.
const ARGS_ARE_WORDS: u16 = 0x0001;
const HAS_SCALE: u16 = 0x0008;
const MORE_COMPONENTS: u16 = 0x0020;
const HAS_X_AND_Y_SCALE: u16 = 0x0040;
const HAS_TWO_BY_TWO: u16 = 0x0080;
const HAS_INSTRUCTIONS: u16 = 0x0100;

/// The length of a component record with these flags: flags, glyph id,
/// two arguments, then the scale if any.
fn component_size(flags: u16) -> usize {
    let arguments = if flags & ARGS_ARE_WORDS != 0 { 4 } else { 2 };
    let scale = if flags & HAS_SCALE != 0 {
        2
    } else if flags & HAS_X_AND_Y_SCALE != 0 {
        4
    } else if flags & HAS_TWO_BY_TWO != 0 {
        8
    } else {
        0
    };
    4 + arguments + scale
}

/// The glyphs a composite glyph is made of (none for a simple glyph).
fn components(glyph: &[u8]) -> Vec<u16> {
    let mut out = Vec::new();
    if glyph.len() < 10 || (u16_at(glyph, 0).unwrap_or(0) as i16) >= 0 {
        return out;
    }
    let mut at = 10;
    while let (Some(flags), Some(id)) = (u16_at(glyph, at), u16_at(glyph, at + 2)) {
        out.push(id);
        at += component_size(flags);
        if flags & MORE_COMPONENTS == 0 {
            break;
        }
    }
    out
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

/// The OpenType checksum of a table (big-endian u32 words, zero-padded).
fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// One glyph without its instructions; `None` when it does not parse.
fn glyph_without_instructions(glyph: &[u8]) -> Option<Vec<u8>> {
    if glyph.is_empty() {
        return Some(Vec::new());
    }
    let contours = u16_at(glyph, 0)? as i16;
    if contours >= 0 {
        // Header (10 bytes), the contours' end points, the instructions'
        // length and bytes, then flags and coordinates.
        let at = 10 + 2 * contours as usize;
        let length = usize::from(u16_at(glyph, at)?);
        let rest = glyph.get(at + 2 + length..)?;
        let mut out = Vec::with_capacity(at + 2 + rest.len());
        out.extend_from_slice(glyph.get(..at)?);
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(rest);
        return Some(out);
    }
    // A composite: its components, each flagged; the instructions (if the
    // flag says so) follow the last one.
    let mut out = glyph.get(..10)?.to_vec();
    let mut at = 10;
    loop {
        let flags = u16_at(glyph, at)?;
        let size = component_size(flags);
        let component = glyph.get(at..at + size)?;
        out.extend_from_slice(&(flags & !HAS_INSTRUCTIONS).to_be_bytes());
        out.extend_from_slice(&component[2..]);
        at += size;
        if flags & MORE_COMPONENTS == 0 {
            break;
        }
    }
    Some(out)
}

/// The whole font without its hinting ([`for_embedding`] keeping every
/// glyph): what the tests check the hinting removal on.
#[cfg(test)]
fn without_hinting(font: &[u8]) -> Option<Vec<u8>> {
    for_embedding(font, None)
}

/// `font` (a TrueType font with `glyf` outlines) without its hinting: the
/// hinting tables dropped, every glyph's instructions emptied, `loca` in
/// the long format, `maxp`'s hinting limits zeroed, checksums recomputed.
/// `None` for a font this does not handle (CFF outlines, a collection, a
/// damaged table): embed it as it is. With `glyphs`, only the outlines of
/// those glyphs are kept (and of the glyphs they are composed of, and
/// `.notdef`): every other glyph is empty, with its number and advance
/// kept. What a document embeds is a subset of
/// these anyway, and reading only the glyphs it draws (not the whole
/// `glyf` table of each style) is most of the cost of embedding a font for
/// one notice. The glyph numbers, advances and character map are those of
/// the font.
pub fn for_embedding(font: &[u8], glyphs: Option<&[u16]>) -> Option<Vec<u8>> {
    let version = u32_at(font, 0)?;
    if version != 0x0001_0000 && &font[..4] != b"true" {
        return None;
    }
    let count = usize::from(u16_at(font, 4)?);
    let mut tables: Vec<([u8; 4], &[u8])> = Vec::with_capacity(count);
    for i in 0..count {
        let record = 12 + 16 * i;
        let tag: [u8; 4] = font.get(record..record + 4)?.try_into().ok()?;
        let offset = u32_at(font, record + 8)? as usize;
        let length = u32_at(font, record + 12)? as usize;
        tables.push((tag, font.get(offset..offset.checked_add(length)?)?));
    }
    let table = |tag: &[u8; 4]| tables.iter().find(|(t, _)| t == tag).map(|(_, d)| *d);
    let head = table(b"head")?;
    let maxp = table(b"maxp")?;
    let loca = table(b"loca")?;
    let glyf = table(b"glyf")?;
    let long_loca = u16_at(head, 50)? == 1;
    let count_glyphs = usize::from(u16_at(maxp, 4)?);
    let offset = |i: usize| -> Option<usize> {
        if long_loca {
            u32_at(loca, 4 * i).map(|o| o as usize)
        } else {
            u16_at(loca, 2 * i).map(|o| 2 * usize::from(o))
        }
    };
    let glyph_data = |i: usize| -> Option<&[u8]> { glyf.get(offset(i)?..offset(i + 1)?) };
    // The glyphs whose outlines are kept: all, or the asked ones with
    // their components (a component may itself be composite).
    let keep: Option<Vec<bool>> = match glyphs {
        None => None,
        Some(asked) => {
            let mut keep = vec![false; count_glyphs];
            let mut todo: Vec<u16> = asked.iter().copied().chain([0]).collect();
            while let Some(g) = todo.pop() {
                let i = usize::from(g);
                if i < count_glyphs && !keep[i] {
                    keep[i] = true;
                    todo.extend(components(glyph_data(i)?));
                }
            }
            Some(keep)
        }
    };
    let mut new_glyf = Vec::with_capacity(match &glyphs {
        Some(k) => 256 * (k.len() + 1),
        None => glyf.len() / 2,
    });
    let mut new_loca = Vec::with_capacity(4 * (count_glyphs + 1));
    for i in 0..count_glyphs {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        if keep.as_ref().is_some_and(|k| !k[i]) {
            continue;
        }
        new_glyf.extend(glyph_without_instructions(glyph_data(i)?)?);
        if new_glyf.len() % 2 == 1 {
            new_glyf.push(0);
        }
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
    let mut new_head = head.to_vec();
    new_head.get_mut(8..12)?.copy_from_slice(&[0; 4]);
    new_head
        .get_mut(50..52)?
        .copy_from_slice(&1u16.to_be_bytes());
    let mut new_maxp = maxp.to_vec();
    if u32_at(maxp, 0)? == 0x0001_0000 && maxp.len() >= 32 {
        // maxZones 1; twilight points, storage, function and instruction
        // definitions, stack elements, instruction size: none.
        new_maxp[14..16].copy_from_slice(&1u16.to_be_bytes());
        new_maxp[16..28].fill(0);
    }
    // `post` without glyph names (format 3: its 32-byte header, italic
    // angle and underline kept): a PDF finds a glyph by number and its text
    // by the ToUnicode map, never by name. Liberation Serif's names are 26 KB.
    let new_post = table(b"post").and_then(|p| {
        let mut header = p.get(..32)?.to_vec();
        header[..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());
        Some(header)
    });
    let (mut new_head, mut new_maxp, mut new_loca, mut new_glyf, mut new_post) = (
        Some(new_head),
        Some(new_maxp),
        Some(new_loca),
        Some(new_glyf),
        new_post,
    );
    let mut out_tables: Vec<([u8; 4], std::borrow::Cow<[u8]>)> = tables
        .iter()
        .filter(|(tag, _)| !DROPPED_TABLES.contains(&tag))
        .map(|(tag, data)| {
            let new = match tag {
                b"head" => new_head.take(),
                b"maxp" => new_maxp.take(),
                b"loca" => new_loca.take(),
                b"glyf" => new_glyf.take(),
                b"post" => new_post.take(),
                _ => None,
            };
            let data = new.map_or(std::borrow::Cow::Borrowed(*data), std::borrow::Cow::Owned);
            (*tag, data)
        })
        .collect();
    out_tables.sort_by_key(|t| t.0);
    // The table directory, then each table on a 4-byte boundary.
    let n = out_tables.len() as u16;
    let power = 1u16 << (15 - n.leading_zeros().min(15));
    let search_range = power * 16;
    let entry_selector = power.trailing_zeros() as u16;
    let mut out = Vec::with_capacity(font.len() / 2);
    out.extend_from_slice(&version.to_be_bytes());
    for v in [n, search_range, entry_selector, n * 16 - search_range] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut at = 12 + 16 * out_tables.len();
    let mut head_at = None;
    for (tag, data) in &out_tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(at as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        if tag == b"head" {
            head_at = Some(at);
        }
        at += data.len().div_ceil(4) * 4;
    }
    for (_, data) in &out_tables {
        out.extend_from_slice(data);
        out.resize(out.len().div_ceil(4) * 4, 0);
    }
    let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
    let head_at = head_at?;
    out[head_at + 8..head_at + 12].copy_from_slice(&adjustment.to_be_bytes());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A glyph's outline as the list of drawing commands ttf-parser reads.
    #[derive(Default)]
    struct Outline(Vec<String>);

    impl ttf_parser::OutlineBuilder for Outline {
        fn move_to(&mut self, x: f32, y: f32) {
            self.0.push(format!("M{x},{y}"));
        }
        fn line_to(&mut self, x: f32, y: f32) {
            self.0.push(format!("L{x},{y}"));
        }
        fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
            self.0.push(format!("Q{x1},{y1},{x},{y}"));
        }
        fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
            self.0.push(format!("C{x1},{y1},{x2},{y2},{x},{y}"));
        }
        fn close(&mut self) {
            self.0.push("Z".into());
        }
    }

    #[test]
    fn every_glyph_keeps_its_outline_and_advance_and_the_hinting_is_gone() {
        for data in [
            crate::typeset::measure::data::REGULAR,
            crate::typeset::measure::data::BOLD,
            crate::typeset::measure::data::ITALIC,
            crate::typeset::measure::data::BOLD_ITALIC,
        ] {
            let stripped = without_hinting(data).expect("Liberation Serif is handled");
            assert!(
                stripped.len() * 10 < data.len() * 8,
                "{} → {} bytes",
                data.len(),
                stripped.len()
            );
            let (a, b) = (
                ttf_parser::Face::parse(data, 0).unwrap(),
                ttf_parser::Face::parse(&stripped, 0).unwrap(),
            );
            assert_eq!(a.number_of_glyphs(), b.number_of_glyphs());
            for g in 0..a.number_of_glyphs() {
                let id = ttf_parser::GlyphId(g);
                let (mut oa, mut ob) = (Outline::default(), Outline::default());
                assert_eq!(
                    a.outline_glyph(id, &mut oa),
                    b.outline_glyph(id, &mut ob),
                    "glyph {g}"
                );
                assert_eq!(oa.0, ob.0, "glyph {g}");
                assert_eq!(a.glyph_hor_advance(id), b.glyph_hor_advance(id));
            }
            for tag in [b"fpgm", b"prep", b"cvt "] {
                let tag = ttf_parser::Tag::from_bytes(tag);
                assert!(b.raw_face().table(tag).is_none());
            }
            // The checksums hold: the whole file sums to the magic number.
            assert_eq!(checksum(&stripped), 0xB1B0_AFBA);
            // Characters map to the same glyphs.
            for c in "Aaăâđêôơư ẠầẫậờữĐ.,;:".chars() {
                assert_eq!(a.glyph_index(c), b.glyph_index(c));
            }
        }
    }

    #[test]
    fn only_the_asked_glyphs_and_their_components_keep_an_outline() {
        let data = crate::typeset::measure::data::REGULAR;
        let face = ttf_parser::Face::parse(data, 0).unwrap();
        // `ầ` is a composite in Liberation Serif: its parts must come along.
        let asked: Vec<u16> = "Aầ"
            .chars()
            .map(|c| face.glyph_index(c).unwrap().0)
            .collect();
        let small = for_embedding(data, Some(&asked)).unwrap();
        assert!(small.len() * 4 < data.len(), "{} bytes", small.len());
        let reduced = ttf_parser::Face::parse(&small, 0).unwrap();
        assert_eq!(reduced.number_of_glyphs(), face.number_of_glyphs());
        let outline = |f: &ttf_parser::Face, g: u16| {
            let mut o = Outline::default();
            f.outline_glyph(ttf_parser::GlyphId(g), &mut o);
            o.0
        };
        for &g in &asked {
            assert!(!outline(&reduced, g).is_empty());
            assert_eq!(outline(&reduced, g), outline(&face, g), "glyph {g}");
        }
        let other = face.glyph_index('Z').unwrap().0;
        assert!(outline(&reduced, other).is_empty());
        assert_eq!(
            reduced.glyph_hor_advance(ttf_parser::GlyphId(other)),
            face.glyph_hor_advance(ttf_parser::GlyphId(other))
        );
        assert_eq!(reduced.glyph_index('Z'), face.glyph_index('Z'));
        assert_eq!(checksum(&small), 0xB1B0_AFBA);
    }

    #[test]
    fn a_font_it_cannot_read_is_left_alone() {
        assert!(without_hinting(b"").is_none());
        assert!(without_hinting(b"OTTO\0\0\0\0\0\0\0\0").is_none());
        let mut truncated = crate::typeset::measure::data::REGULAR.to_vec();
        truncated.truncate(2000);
        assert!(without_hinting(&truncated).is_none());
    }
}
