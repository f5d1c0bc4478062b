//! ToUnicode CMaps: their tokens, and the `bfchar` and `bfrange` entries
//! read into code → text pairs (ranges too long to spread out kept as
//! ranges).

/// A ToUnicode map read: code → text, and ranges kept as ranges.
pub(super) struct CMap {
    pub(super) chars: Vec<(u32, String)>,
    pub(super) ranges: Vec<(u32, u32, Vec<u16>)>,
}

#[derive(Debug)]
enum Tok<'a> {
    Hex(Vec<u8>),
    Word(&'a [u8]),
    Open,
    Close,
}

fn cmap_tokens(data: &[u8]) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        match c {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let mut digits = Vec::new();
                i += 1;
                while i < data.len() && data[i] != b'>' {
                    if let Some(d) = (data[i] as char).to_digit(16) {
                        digits.push(d as u8);
                    }
                    i += 1;
                }
                i += 1;
                if digits.len() % 2 == 1 {
                    digits.push(0);
                }
                toks.push(Tok::Hex(
                    digits.chunks(2).map(|p| p[0] << 4 | p[1]).collect(),
                ));
            }
            b'[' => {
                toks.push(Tok::Open);
                i += 1;
            }
            b']' => {
                toks.push(Tok::Close);
                i += 1;
            }
            b'(' => {
                // A literal string (CMapName and the like): skipped.
                let mut depth = 0;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                i += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
            c if c.is_ascii_whitespace() || c == 0 => i += 1,
            _ => {
                let start = i;
                while i < data.len()
                    && !data[i].is_ascii_whitespace()
                    && !b"<>[]()%/".contains(&data[i])
                {
                    i += 1;
                }
                if i == start {
                    i += 1; // a lone '/' before a name
                    continue;
                }
                toks.push(Tok::Word(&data[start..i]));
            }
        }
    }
    toks
}

/// A code from its bytes, big-endian (at most four).
pub(super) fn code(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |acc, b| acc << 8 | *b as u32)
}

fn utf16(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|p| {
            if p.len() == 2 {
                (p[0] as u16) << 8 | p[1] as u16
            } else {
                p[0] as u16
            }
        })
        .collect()
}

/// The `bfchar` and `bfrange` entries of a ToUnicode CMap.
pub(super) fn parse_cmap(data: &[u8]) -> CMap {
    let toks = cmap_tokens(data);
    let mut cmap = CMap {
        chars: Vec::new(),
        ranges: Vec::new(),
    };
    let mut spread = 0usize;
    let mut i = 0;
    let mut mode = 0; // 1 bfchar, 2 bfrange
    while i < toks.len() {
        match &toks[i] {
            Tok::Word(b"beginbfchar") => {
                mode = 1;
                i += 1;
                continue;
            }
            Tok::Word(b"beginbfrange") => {
                mode = 2;
                i += 1;
                continue;
            }
            Tok::Word(w) if w.starts_with(b"end") => {
                mode = 0;
                i += 1;
                continue;
            }
            _ => {}
        }
        match mode {
            1 => {
                if let (Tok::Hex(src), Some(Tok::Hex(dst))) = (&toks[i], toks.get(i + 1)) {
                    cmap.chars
                        .push((code(src), String::from_utf16_lossy(&utf16(dst))));
                    i += 2;
                } else {
                    i += 1;
                }
            }
            2 => {
                let (Tok::Hex(lo), Some(Tok::Hex(hi))) = (&toks[i], toks.get(i + 1)) else {
                    i += 1;
                    continue;
                };
                let (lo, hi) = (code(lo), code(hi));
                match toks.get(i + 2) {
                    Some(Tok::Hex(dst)) => {
                        let units = utf16(dst);
                        if hi >= lo && hi - lo < 4096 && spread < 1 << 20 {
                            for c in lo..=hi {
                                let mut u = units.clone();
                                if let Some(last) = u.last_mut() {
                                    *last = last.wrapping_add((c - lo) as u16);
                                }
                                cmap.chars.push((c, String::from_utf16_lossy(&u)));
                            }
                            spread += (hi - lo + 1) as usize;
                        } else if hi >= lo && cmap.ranges.len() < 256 {
                            // Looked up one by one: only a few.
                            cmap.ranges.push((lo, hi, units));
                        }
                        i += 3;
                    }
                    Some(Tok::Open) => {
                        let mut j = i + 3;
                        let mut c = lo;
                        while let Some(Tok::Hex(dst)) = toks.get(j) {
                            if c <= hi && spread < 1 << 20 {
                                cmap.chars.push((c, String::from_utf16_lossy(&utf16(dst))));
                                spread += 1;
                            }
                            c = c.saturating_add(1);
                            j += 1;
                        }
                        i = j + 1;
                    }
                    _ => i += 2,
                }
            }
            _ => i += 1,
        }
    }
    cmap
}
