//! Breaking a paragraph into lines with the fonts' real advances, the way a
//! word processor does: first fit on spaces, a word longer than the line is
//! cut between characters, justified lines stretch their spaces, and the last
//! line of a paragraph (or one ended by a hard break) keeps its natural width.

use crate::body::Inline;
use crate::typeset::measure::{FontSet, FontStyle};

/// A run of text in one style within a line, at its natural position.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    /// The characters (spaces included).
    pub text: String,
    /// Bold/italic.
    pub style: FontStyle,
    /// Natural offset from the line's start, in points.
    pub x: f32,
    /// Natural width, in points.
    pub width: f32,
}

/// One laid-out line.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Its segments, left to right (no leading or trailing space).
    pub segments: Vec<Segment>,
    /// Natural width, in points.
    pub width: f32,
    /// The width it was broken for.
    pub available: f32,
    /// Number of spaces between words (the ones justification stretches).
    pub spaces: usize,
    /// Last line of the paragraph or ended by a hard break: not stretched.
    pub last: bool,
}

impl Line {
    /// Extra width given to each space when the line is justified.
    pub fn justify_extra(&self) -> f32 {
        if self.last || self.spaces == 0 {
            0.0
        } else {
            ((self.available - self.width) / self.spaces as f32).max(0.0)
        }
    }

    /// The line's text.
    pub fn text(&self) -> String {
        self.segments.iter().map(|s| s.text.as_str()).collect()
    }
}

/// A word is a range of [`Atoms::parts`] (its runs of one style each), so
/// that breaking a paragraph allocates per paragraph, not per word. Two
/// words with no space between them are the two sides of a hyphen between
/// letters or digits (`2020-2021`, `Covid-19`, `TB-UBND`): the second goes
/// on the same line if it fits, else starts the next one, as Word and
/// LibreOffice break there.
#[derive(Clone, Debug)]
enum Atom {
    Word(std::ops::Range<usize>),
    Space(FontStyle),
    Break,
}

/// `part` cut after each hyphen that stands between two letters or digits.
fn hyphen_pieces(part: &str) -> Vec<&str> {
    if !part.contains('-') {
        return vec![part];
    }
    let mut pieces = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = part.char_indices().collect();
    for k in 1..chars.len().saturating_sub(1) {
        let (at, c) = chars[k];
        if c == '-' && chars[k - 1].1.is_alphanumeric() && chars[k + 1].1.is_alphanumeric() {
            pieces.push(&part[start..at + 1]);
            start = at + 1;
        }
    }
    pieces.push(&part[start..]);
    pieces
}

/// A paragraph's atoms and the styled runs its words are made of.
struct Atoms<'a> {
    atoms: Vec<Atom>,
    parts: Vec<(&'a str, FontStyle)>,
}

fn atoms(inlines: &[Inline]) -> Atoms<'_> {
    let mut out: Vec<Atom> = Vec::new();
    let mut parts: Vec<(&str, FontStyle)> = Vec::new();
    for inline in inlines {
        match inline {
            Inline::LineBreak => out.push(Atom::Break),
            Inline::Text { text, bold, italic } => {
                let style = FontStyle::of(*bold, *italic);
                for (i, part) in text.split(' ').enumerate() {
                    // Every space counts (a draft's blanks are runs of spaces),
                    // except at the start of a line.
                    if i > 0 && !matches!(out.last(), Some(Atom::Break) | None) {
                        out.push(Atom::Space(style));
                    }
                    if part.is_empty() {
                        continue;
                    }
                    for (k, piece) in hyphen_pieces(part).into_iter().enumerate() {
                        parts.push((piece, style));
                        match out.last_mut() {
                            Some(Atom::Word(range)) if i == 0 && k == 0 => range.end = parts.len(),
                            _ => out.push(Atom::Word(parts.len() - 1..parts.len())),
                        }
                    }
                }
            }
        }
    }
    while matches!(out.last(), Some(Atom::Space(_))) {
        out.pop();
    }
    Atoms { atoms: out, parts }
}

/// How far a line may run past its width and still hold a word, in points
/// (one twip): LibreOffice fits a word that overflows by a fraction of a
/// twip (measured: 0.36 twip in a 12 pt table cell), and rounding to the
/// DOCX's twips must not decide a break the other way.
pub const FIT_TOLERANCE_PT: f32 = 0.05;

struct LineBuilder<'f> {
    fonts: &'f FontSet,
    size: f32,
    lines: Vec<Line>,
    segments: Vec<Segment>,
    x: f32,
    spaces: usize,
    pending_spaces: Vec<FontStyle>,
}

impl<'f> LineBuilder<'f> {
    fn push_text(&mut self, text: &str, style: FontStyle) {
        let width = self.fonts.width(text, style, self.size);
        match self.segments.last_mut() {
            Some(s) if s.style == style => {
                s.text.push_str(text);
                s.width += width;
            }
            _ => self.segments.push(Segment {
                text: text.to_string(),
                style,
                x: self.x,
                width,
            }),
        }
        self.x += width;
    }

    fn finish_line(&mut self, available: f32, last: bool) {
        self.lines.push(Line {
            segments: std::mem::take(&mut self.segments),
            width: self.x,
            available,
            spaces: self.spaces,
            last,
        });
        self.x = 0.0;
        self.spaces = 0;
        self.pending_spaces.clear();
    }
}

/// Lays out a paragraph: `first_width` for its first line (the text width less
/// the first-line indent), `width` for the others.
pub fn break_lines(
    inlines: &[Inline],
    fonts: &FontSet,
    size: f32,
    first_width: f32,
    width: f32,
) -> Vec<Line> {
    let mut b = LineBuilder {
        fonts,
        size,
        lines: Vec::new(),
        segments: Vec::new(),
        x: 0.0,
        spaces: 0,
        pending_spaces: Vec::new(),
    };
    let available = |b: &LineBuilder| {
        if b.lines.is_empty() {
            first_width
        } else {
            width
        }
    };
    let Atoms { atoms, parts } = atoms(inlines);
    for atom in atoms {
        match atom {
            Atom::Break => {
                let a = available(&b);
                b.finish_line(a, true);
            }
            Atom::Space(style) => {
                if !b.segments.is_empty() {
                    b.pending_spaces.push(style);
                }
            }
            Atom::Word(range) => {
                let parts = &parts[range];
                let word_width: f32 = parts.iter().map(|(t, s)| fonts.width(t, *s, size)).sum();
                let space_width: f32 = b
                    .pending_spaces
                    .iter()
                    .map(|s| fonts.width(" ", *s, size))
                    .sum();
                let avail = available(&b);
                if !b.segments.is_empty()
                    && b.x + space_width + word_width > avail + FIT_TOLERANCE_PT
                {
                    b.finish_line(avail, false);
                }
                for style in std::mem::take(&mut b.pending_spaces) {
                    b.push_text(" ", style);
                    b.spaces += 1;
                }
                // A word that fits goes in whole (the common case).
                if word_width <= available(&b) {
                    for &(text, style) in parts {
                        b.push_text(text, style);
                    }
                    continue;
                }
                // A word longer than a whole line is cut between characters.
                for &(text, style) in parts {
                    for c in text.chars() {
                        let cw = fonts.width(c.encode_utf8(&mut [0; 4]), style, size);
                        let avail = available(&b);
                        if b.x + cw > avail + FIT_TOLERANCE_PT && b.x > 0.0 && word_width > avail {
                            b.finish_line(avail, false);
                        }
                        b.push_text(c.encode_utf8(&mut [0; 4]), style);
                    }
                }
            }
        }
    }
    let a = available(&b);
    if !b.segments.is_empty() || b.lines.is_empty() {
        b.finish_line(a, true);
    } else if let Some(l) = b.lines.last_mut() {
        l.last = true;
    }
    b.lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> Vec<Inline> {
        vec![Inline::Text {
            text: s.into(),
            bold: false,
            italic: false,
        }]
    }

    #[test]
    fn first_fit_and_justification() {
        let fonts = &*FontSet::embedded();
        let text = "Năm 2021 có ý nghĩa đặc biệt quan trọng, là năm tổ chức bầu cử Quốc hội khóa XV, bầu cử Hội đồng nhân dân các cấp";
        let lines = break_lines(&plain(text), fonts, 14.0, 200.0, 230.0);
        assert!(lines.len() > 2);
        let rejoined: Vec<String> = lines.iter().map(Line::text).collect();
        assert_eq!(rejoined.join(" "), text);
        for l in &lines {
            assert!(l.width <= l.available + FIT_TOLERANCE_PT, "{l:?}");
        }
        assert!(lines[0].available == 200.0 && lines[1].available == 230.0);
        // Each line is full: the next word would not have fit.
        for pair in lines.windows(2) {
            let next_word = pair[1].text().split(' ').next().unwrap().to_string();
            let w = fonts.width(&format!(" {next_word}"), FontStyle::Regular, 14.0);
            assert!(pair[0].width + w > pair[0].available, "{pair:?}");
        }
        assert!(lines.last().unwrap().last);
        assert_eq!(lines.last().unwrap().justify_extra(), 0.0);
        assert!(lines[0].justify_extra() > 0.0);
    }

    #[test]
    fn styles_split_segments_and_long_words_are_cut() {
        let fonts = &*FontSet::embedded();
        let inlines = vec![
            Inline::Text {
                text: "Giao ".into(),
                bold: false,
                italic: false,
            },
            Inline::Text {
                text: "Sở".into(),
                bold: true,
                italic: false,
            },
            Inline::Text {
                text: ": làm".into(),
                bold: false,
                italic: false,
            },
        ];
        let lines = break_lines(&inlines, fonts, 14.0, 400.0, 400.0);
        assert_eq!(lines.len(), 1);
        let styles: Vec<FontStyle> = lines[0].segments.iter().map(|s| s.style).collect();
        assert_eq!(
            styles,
            [FontStyle::Regular, FontStyle::Bold, FontStyle::Regular]
        );
        assert_eq!(lines[0].text(), "Giao Sở: làm");

        let long = "x".repeat(200);
        let lines = break_lines(&plain(&long), fonts, 14.0, 100.0, 100.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.width <= 100.0 + FIT_TOLERANCE_PT));
        assert_eq!(lines.iter().map(Line::text).collect::<String>(), long);
    }

    #[test]
    fn runs_of_spaces_are_kept_inside_a_line() {
        let fonts = &*FontSet::embedded();
        let lines = break_lines(&plain("Số:      /TB-VP"), fonts, 13.0, 400.0, 400.0);
        assert_eq!(lines[0].text(), "Số:      /TB-VP");
        assert_eq!(lines[0].spaces, 6);
    }

    #[test]
    fn hard_breaks_end_lines_unstretched() {
        let fonts = &*FontSet::embedded();
        let inlines = vec![
            Inline::Text {
                text: "một hai".into(),
                bold: false,
                italic: false,
            },
            Inline::LineBreak,
            Inline::Text {
                text: "ba".into(),
                bold: false,
                italic: false,
            },
        ];
        let lines = break_lines(&inlines, fonts, 14.0, 400.0, 400.0);
        assert_eq!(lines.len(), 2);
        assert!(lines[0].last && lines[1].last);
    }
}
