//! From glyphs to text: glyphs that follow each other on a baseline joined
//! into runs (the [`Fragment`]s), marks drawn as their own glyphs put back
//! on their letters; then a page's fragments laid out in lines and columns
//! as `pdftotext -layout` does.

use unicode_normalization::UnicodeNormalization;

use super::{Extractor, Fragment};

/// The run being built: glyphs that follow each other on one baseline.
pub(super) struct Run {
    x: f64,
    y: f64,
    end_x: f64,
    size: f64,
    bold: bool,
    text: String,
}

impl Extractor<'_> {
    /// A glyph placed: on the run being built when it follows it, else
    /// the start of a new run (the one before ends).
    pub(super) fn glyph(
        &mut self,
        text: String,
        x: f64,
        y: f64,
        end_x: f64,
        size: f64,
        bold: bool,
    ) {
        if !x.is_finite() || !y.is_finite() || !end_x.is_finite() || !size.is_finite() {
            return;
        }
        let combining = text.chars().next().is_some_and(is_combining);
        if let Some(run) = &mut self.current {
            let em = run.size.max(size).max(0.1);
            let same_line = (run.y - y).abs() < 0.2 * em;
            let gap = x - run.end_x;
            if combining && same_line {
                // A mark drawn as its own glyph, over the letter before it.
                run.text.push_str(&text);
                run.end_x = run.end_x.max(end_x);
                return;
            }
            let same_style = (run.size - size).abs() < 0.05 * em && run.bold == bold;
            if same_line && same_style && gap > -0.3 * em && gap < 1.0 * em {
                if gap > 0.2 * em && !run.text.ends_with(' ') && !text.starts_with(' ') {
                    run.text.push(' ');
                }
                run.text.push_str(&text);
                run.end_x = end_x;
                return;
            }
            self.flush();
        }
        self.current = Some(Run {
            x,
            y,
            end_x,
            size,
            bold,
            text,
        });
    }

    /// Ends the run being built: a fragment, unless it is all blanks.
    pub(super) fn flush(&mut self) {
        if let Some(run) = self.current.take() {
            if run.text.chars().all(char::is_whitespace) {
                return;
            }
            self.out.push(Fragment {
                page: self.page,
                x: run.x as f32,
                y: run.y as f32,
                width: (run.end_x - run.x).max(0.0) as f32,
                size: run.size as f32,
                bold: run.bold,
                text: clean(&run.text),
            });
        }
    }
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// NFC, ligatures spelt out, controls dropped.
fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{00a0}' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.nfc().collect()
}

// ---------------------------------------------------------------- layout

/// The fragments of pages 1 to `pages` laid out page by page, a form feed
/// between pages.
pub(super) fn lay_out(frags: &[Fragment], pages: usize) -> String {
    let mut by_page: Vec<Vec<&Fragment>> = vec![Vec::new(); pages];
    for f in frags.iter().filter(|f| (1..=pages).contains(&f.page)) {
        by_page[f.page - 1].push(f);
    }
    let mut out = String::new();
    for (i, page) in by_page.iter().enumerate() {
        if i > 0 {
            out.push('\x0c');
        }
        layout_page(page, &mut out);
    }
    out
}

fn layout_page(frags: &[&Fragment], out: &mut String) {
    if frags.is_empty() {
        return;
    }
    let mut sorted: Vec<&Fragment> = frags.to_vec();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    // Lines: a fragment joins the nearest line whose baseline is within
    // reach and where it overlaps no fragment already there.
    struct Line<'f> {
        y: f32,
        size: f32,
        frags: Vec<&'f Fragment>,
    }
    let mut lines: Vec<Line> = Vec::new();
    'fragments: for f in sorted {
        let mut best: Option<(usize, f32)> = None;
        // The lines just above (sorted by y, so the last ones), at most 64
        // of them and 256 fragments each: a hostile page stays linear.
        for (i, line) in lines.iter().enumerate().rev().take(64) {
            if f.y - line.y > 2.0 * line.size.max(f.size) {
                break;
            }
            let dy = (f.y - line.y).abs();
            if dy > 0.5 * line.size.min(f.size) {
                continue;
            }
            // The same text drawn again a hair away (bold faked by
            // overprinting): read once, as pdftotext does.
            let twice = |g: &&Fragment| {
                g.text == f.text
                    && (g.x - f.x).abs() < 0.2 * f.size
                    && (g.y - f.y).abs() < 0.2 * f.size
            };
            if line.frags.iter().rev().take(256).any(twice) {
                continue 'fragments;
            }
            let overlaps = line.frags.iter().rev().take(256).any(|g| {
                let (a0, a1) = (g.x, g.x + g.width);
                let (b0, b1) = (f.x, f.x + f.width);
                a0.max(b0) < a1.min(b1) - 0.3 * f.size.min(g.size)
            });
            if !overlaps && best.is_none_or(|(_, d)| dy < d) {
                best = Some((i, dy));
            }
        }
        match best {
            Some((i, _)) => lines[i].frags.push(f),
            None => lines.push(Line {
                y: f.y,
                size: f.size,
                frags: vec![f],
            }),
        }
    }
    lines.sort_by(|a, b| a.y.total_cmp(&b.y));
    // One character cell: the page's average advance per character.
    let (chars, width) = frags.iter().fold((0usize, 0f32), |(c, w), f| {
        (c + f.text.chars().count(), w + f.width)
    });
    let pitch = if chars > 0 && width > 0.0 {
        (width / chars as f32).max(1.0)
    } else {
        5.0
    };
    let left = frags.iter().map(|f| f.x).fold(f32::INFINITY, f32::min);
    let mut prev_y: Option<(f32, f32)> = None;
    for line in &mut lines {
        line.frags.sort_by(|a, b| a.x.total_cmp(&b.x));
        if let Some((py, psize)) = prev_y {
            if line.y - py > 2.2 * psize.max(line.size) {
                out.push('\n');
            }
        }
        prev_y = Some((line.y, line.size));
        let mut col = 0usize;
        let mut prev_end: Option<(f32, f32)> = None;
        let start = out.len();
        for f in &line.frags {
            // Columns from the page's left edge, at most 300 (a stray
            // fragment far out does not make a line of a million spaces).
            let target = ((f.x - left) / pitch).round().clamp(0.0, 300.0) as usize;
            match prev_end {
                None => {
                    out.extend(std::iter::repeat_n(' ', target));
                    col = target;
                }
                Some((end, size)) => {
                    let gap = f.x - end;
                    let em = size.max(f.size);
                    if gap > 1.5 * em {
                        let pad = target.saturating_sub(col).max(4);
                        out.extend(std::iter::repeat_n(' ', pad));
                        col += pad;
                    } else if gap > 0.15 * em && !out.ends_with(' ') && !f.text.starts_with(' ') {
                        out.push(' ');
                        col += 1;
                    }
                }
            }
            out.push_str(&f.text);
            col += f.text.chars().count();
            prev_end = Some((f.x + f.width, f.size));
        }
        let trimmed = out[start..].trim_end().len();
        out.truncate(start + trimmed);
        out.push('\n');
    }
}
