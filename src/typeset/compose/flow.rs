//! The body's flow: paragraphs broken into lines and placed page after
//! page as a word processor places them, with widow and orphan control
//! ([`lines_before_break`]), headings kept with what follows them, and
//! the signature block's room kept after the last part.

use super::table::LaidTable;
use super::{Align, Composer};
use crate::body::{Block, BlockKind, BodyPart};
use crate::layout::mm_to_pt;
use crate::typeset::break_paragraph::{break_lines, Line};
use crate::typeset::measure::FontStyle;

/// Widow and orphan control: a paragraph split across pages keeps at
/// least this many lines on each page.
const KEEP_LINES: usize = 2;

/// How many of a paragraph's `n` lines go on this page when `room` of them
/// fit there: all when they fit, else as many as fit while the split
/// leaves at least [`KEEP_LINES`] on each page, else none.
fn lines_before_break(n: usize, room: usize) -> usize {
    if room >= n {
        return n;
    }
    let k = room.min(n.saturating_sub(KEEP_LINES));
    if k < KEEP_LINES {
        0
    } else {
        k
    }
}

/// The fewest lines of a paragraph of `n` lines that can end a page (two,
/// or the whole of a paragraph too short to split): the room at a page's
/// foot that [`lines_before_break`] starts it in.
fn fewest_at_foot(n: usize) -> usize {
    (1..=n)
        .find(|&room| lines_before_break(n, room) > 0)
        .unwrap_or(n)
}

/// A part of the body ready to place: a paragraph broken into lines, or a
/// table with its heading row laid out.
enum Laid<'t> {
    Para(Para),
    Table(LaidTable<'t>),
}

/// A body paragraph broken into lines.
struct Para {
    lines: Vec<Line>,
    keep_next: bool,
}

impl Composer<'_> {
    fn body_baseline(&self, top: f32) -> f32 {
        // The line box is exactly `body_line_pt`; the glyphs sit with their
        // descender at its bottom, as LibreOffice and Word place them.
        let size = self.l.body_size_pt;
        top + self.l.body_line_pt - self.fonts.face(FontStyle::Regular).descender() * size
    }

    fn paragraph(&self, b: &Block) -> Para {
        let size = self.l.body_size_pt;
        let indent = mm_to_pt(self.l.body_indent_mm);
        Para {
            lines: break_lines(
                &b.inlines,
                self.fonts,
                size,
                self.text_w - indent,
                self.text_w,
            ),
            keep_next: matches!(b.kind, BlockKind::SectionHeading | BlockKind::Heading),
        }
    }

    /// Places the parts of a body in order. `signature_height`: what must
    /// follow the last part on its page (the signature block; 0 in a Phụ
    /// lục). A heading stays with the first lines of what follows (the
    /// first rows of a table); a table follows the paragraph before it
    /// with no space between, as in the DOCX (see `render::docx`).
    pub(super) fn body(&mut self, parts: &[BodyPart], signature_height: f32) {
        let l = self.l;
        let lh = l.body_line_pt;
        let laid: Vec<Laid> = parts
            .iter()
            .map(|p| match p {
                BodyPart::Paragraph(b) => Laid::Para(self.paragraph(b)),
                BodyPart::Table(t) => Laid::Table(self.lay_table(t)),
            })
            .collect();
        for (i, part) in laid.iter().enumerate() {
            let last = i + 1 == laid.len();
            match part {
                Laid::Para(para) => {
                    if para.keep_next && !last {
                        let at_top = (self.y - self.top).abs() < 0.01;
                        let before = if at_top { 0.0 } else { l.body_space_before_pt };
                        let follows = match &laid[i + 1] {
                            Laid::Para(next) => {
                                let least = fewest_at_foot(next.lines.len());
                                l.body_space_before_pt + least as f32 * lh
                            }
                            Laid::Table(t) => t.lead(),
                        };
                        let need = before + para.lines.len() as f32 * lh + follows;
                        if !at_top && self.y + need > self.bottom + 0.01 {
                            self.new_page();
                        }
                    }
                    let reserve = if last { signature_height } else { 0.0 };
                    self.place(para, reserve);
                }
                Laid::Table(t) => {
                    self.table(t);
                    if last && self.y + signature_height > self.bottom + 0.01 {
                        self.new_page();
                    }
                }
            }
        }
    }

    /// How many body lines fit from `y` to the bottom (after the space before).
    fn lines_fitting(&self, space_before: f32) -> usize {
        let room = self.bottom - self.y - space_before;
        if room < 0.0 {
            0
        } else {
            ((room + 0.01) / self.l.body_line_pt).floor() as usize
        }
    }

    /// Places a paragraph's lines, breaking pages as Word does. `reserve`:
    /// height that must follow the last line on its page (the signature).
    fn place(&mut self, para: &Para, reserve: f32) {
        let indent = mm_to_pt(self.l.body_indent_mm);
        let lh = self.l.body_line_pt;
        let size = self.l.body_size_pt;
        let mut rest: &[Line] = &para.lines;
        let mut first = true;
        while !rest.is_empty() {
            let at_top = (self.y - self.top).abs() < 0.01;
            // The first paragraph after the title has its space in the
            // rule's (as in the DOCX, where it has none before).
            let before = if first && !at_top && !self.skip_space_before {
                self.l.body_space_before_pt
            } else {
                0.0
            };
            let fit = self.lines_fitting(before);
            let n = rest.len();
            // The last paragraph, kept with the signature block, moves
            // whole to the next page when the two do not fit here but
            // fit on a page, as LibreOffice moves it (it does not split a
            // paragraph kept with a table that follows).
            let whole = n as f32 * lh + reserve;
            if reserve > 0.0
                && first
                && !at_top
                && self.y + before + whole > self.bottom + 0.01
                && whole <= self.bottom - self.top + 0.01
            {
                self.new_page();
                continue;
            }
            let tail_fits =
                reserve <= 0.0 || self.y + before + n as f32 * lh + reserve <= self.bottom + 0.01;
            // The last line goes on with the signature when the two do not
            // both fit.
            let room = if tail_fits { fit } else { fit.min(n - 1) };
            let mut k = lines_before_break(n, room);
            if k == 0 && at_top {
                // Not even an empty page holds it with its constraints: place what fits.
                k = fit.max(1).min(n);
            }
            if k == 0 {
                self.new_page();
                continue;
            }
            self.y += before;
            for (i, line) in rest[..k].iter().enumerate() {
                let x = self.left + if first && i == 0 { indent } else { 0.0 };
                let baseline = self.body_baseline(self.y);
                self.draw_line(line, x, baseline, size, Align::Justify);
                self.y += lh;
            }
            rest = &rest[k..];
            first = false;
            self.skip_space_before = false;
            if !rest.is_empty() {
                self.new_page();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{fewest_at_foot, lines_before_break};

    #[test]
    fn a_split_leaves_two_lines_on_each_page() {
        // (lines, room) → lines on this page.
        for (n, room, k) in [
            (1, 0, 0),
            (1, 1, 1),
            (2, 1, 0),
            (3, 2, 0),
            (4, 1, 0),
            (4, 3, 2),
            (5, 3, 3),
            (5, 4, 3),
            (9, 9, 9),
            (9, 20, 9),
        ] {
            assert_eq!(lines_before_break(n, room), k, "{n} lines, room for {room}");
        }
        let least: Vec<usize> = (0..7).map(fewest_at_foot).collect();
        assert_eq!(least, [0, 1, 2, 3, 2, 2, 2]);
    }
}
