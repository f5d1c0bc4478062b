//! Pre-Unicode Vietnamese fonts: the ".Vn" fonts of the TCVN3 (ABC) set,
//! known by their names, whose codes are TCVN 5712 bytes drawn through a
//! Windows encoding.

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
pub(super) enum Legacy {
    /// ".VnTime" and the rest of the ABC (TCVN3) set; `upper` for the "H"
    /// fonts (.VnTimeH), which draw capitals at the lower-case codes.
    Tcvn3 { upper: bool },
}

/// The legacy set a font's `BaseFont` name says it is in, if any.
pub(super) fn legacy_font(base_font: &[u8]) -> Option<Legacy> {
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
pub(super) fn legacy_text(legacy: Legacy, code: u32, said: Option<&str>) -> String {
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
