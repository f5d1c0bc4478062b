//! Page composition for fixed-layout backends (the PDF): the notice → pages
//! of positioned text runs and rules, following the same
//! [`crate::layout::Layout`] as the DOCX and breaking lines and pages the way
//! a word processor does. The header grid, the centred lines and the rule
//! lengths come laid out in the document's [`crate::typeset::frame::Frame`].
//!
//! Vertical metrics mirror the DOCX: lines set "single" take the font's line
//! height (ascender + descender + line gap, 1.15 em for Times New Roman and
//! Liberation Serif); body lines take exactly `body_line_pt`; a rule is
//! drawn `rule_gap_pt` under its text with `rule_space_after_pt` below it.
//! Pagination: space before a paragraph is dropped at the top of a page;
//! widow and orphan control keep at least two lines of a split paragraph on
//! each page; a section heading stays with the first lines of its section;
//! the signature block never splits and always shares its page with at least
//! the last line of the body.
//!
//! Here: the page model, the drawing of lines and rules, and the entry
//! [`compose_pages`]; in `blocks.rs` the header, title, signature and Phụ
//! lục heading blocks and the page numbers; in `flow.rs` the body's
//! paragraphs and their pagination; in `table.rs` the data tables; in
//! `places.rs` where the number, the date and the signature went
//! ([`SigningPlaces`], for signing).

mod blocks;
mod flow;
mod places;
mod table;
#[cfg(test)]
mod tests;

use crate::body::Inline;
use crate::document::{Book, Document};
use crate::layout::{mm_to_pt, Layout};
use crate::typeset::break_paragraph::{break_lines, Line};
use crate::typeset::frame::Frame;
use crate::typeset::measure::{FontSet, FontStyle};

/// A run of text in one font and size, at its baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct TextRun {
    /// Left edge, in points from the page's left edge.
    pub x: f32,
    /// Baseline, in points from the page's top edge.
    pub baseline: f32,
    /// Font size.
    pub size: f32,
    /// Bold/italic.
    pub style: FontStyle,
    /// The characters.
    pub text: String,
    /// Width added to every space (justification).
    pub extra_per_space: f32,
}

/// A horizontal rule (a filled rectangle).
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    /// Left edge.
    pub x: f32,
    /// Vertical centre, from the top.
    pub y: f32,
    /// Length.
    pub width: f32,
    /// Thickness.
    pub thickness: f32,
}

/// The signer's box, 45 mm wide (the height is the signing space).
pub const SIGNER_BOX_MM: f32 = 45.0;

/// A rectangle on a page for signing: 1-based page, `[llx, lly, urx,
/// ury]` in points with the origin at the page's bottom left (PDF's).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Place {
    /// The page, from 1.
    pub page: u32,
    /// `[llx, lly, urx, ury]`, points, origin bottom left.
    pub rect: [f32; 4],
    /// The size of the text set there (0 for the signer's box).
    pub size: f32,
}

/// The date line's place and its day's and month's parts (their blanks,
/// or their numbers once dated).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DatePlace {
    /// The whole line.
    pub line: Place,
    /// The day's blank or number.
    pub day: [f32; 4],
    /// The month's blank or number.
    pub month: [f32; 4],
}

/// Where the pages laid out leave the number, the date and the
/// signature: the number's blank (or number) after `Số:`, the date line,
/// and the signing space of the issuing signer (the only one, or the right
/// column of two), a [`SIGNER_BOX_MM`]-wide box centred in its column.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SigningPlaces {
    /// The number after `Số:`.
    pub number: Option<Place>,
    /// The date line (none in the minutes).
    pub date: Option<DatePlace>,
    /// The issuing signer's signing space.
    pub signer: Option<Place>,
    /// How many pages the document has.
    pub pages: usize,
}

/// One page: its number (from 1) and what is drawn on it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    /// Text runs.
    pub texts: Vec<TextRun>,
    /// Rules.
    pub rules: Vec<Rule>,
}

#[derive(Clone, Copy, PartialEq)]
enum Align {
    Left,
    Centre,
    Right,
    Justify,
}

struct Composer<'a> {
    l: &'a Layout,
    /// The document's laid-out lines, rule lengths and grid.
    frame: &'a Frame,
    fonts: &'a FontSet,
    pages: Vec<Page>,
    y: f32,
    top: f32,
    bottom: f32,
    left: f32,
    text_w: f32,
    /// The next paragraph takes no space before (it follows the title's rule).
    skip_space_before: bool,
    /// The pages (indexes) where a numbering starts: the first page, and
    /// the first page of each Phụ lục (numbered on its own).
    numbering_starts: Vec<usize>,
    /// The space left for signing, in points: `signature_space_mm`, or
    /// less when the signature block would not fit on a page.
    signing_space: f32,
    /// The Nơi nhận list runs on to the next pages: the signature block is
    /// taller than a page even without its signing space (a long list in
    /// a narrow column), so it flows as Word splits a row taller than a
    /// page, after the signer's column is drawn.
    flow_recipients: bool,
    /// Where the number, date and signature went.
    places: SigningPlaces,
}

impl<'a> Composer<'a> {
    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a page is open")
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.top;
    }

    fn single(&self, size: f32) -> f32 {
        self.fonts.face(FontStyle::Regular).line_height() * size
    }

    fn ascender(&self, size: f32) -> f32 {
        self.fonts.face(FontStyle::Regular).ascender() * size
    }

    fn width(&self, text: &str, style: FontStyle, size: f32) -> f32 {
        self.fonts.width(text, style, size)
    }

    /// Draws a laid-out line with its left edge at `x` and its top at `top`.
    fn draw_line(&mut self, line: &Line, x: f32, baseline: f32, size: f32, align: Align) {
        let extra = if align == Align::Justify {
            line.justify_extra()
        } else {
            0.0
        };
        let x0 = match align {
            Align::Centre => x + (line.available - line.width) / 2.0,
            Align::Right => x + line.available - line.width,
            _ => x,
        };
        let mut spaces_before = 0usize;
        let runs: Vec<TextRun> = line
            .segments
            .iter()
            .map(|seg| {
                let run = TextRun {
                    x: x0 + seg.x + spaces_before as f32 * extra,
                    baseline,
                    size,
                    style: seg.style,
                    text: seg.text.clone(),
                    extra_per_space: extra,
                };
                spaces_before += seg.text.matches(' ').count();
                run
            })
            .collect();
        self.page().texts.extend(runs);
    }

    /// Lines set single, one under the other, from `y`; returns the new `y`.
    fn single_lines(
        &mut self,
        lines: &[String],
        (x, w): (f32, f32),
        y: f32,
        (size, style, align): (f32, FontStyle, Align),
    ) -> f32 {
        self.lines_in_box(lines, (x, w), y, (size, style, align), false)
    }

    /// Lines set one under another in the box (x, w), each broken to its
    /// width; `flowing`: a line that would cross the page's foot starts a
    /// new page (the title of a layout whose trích yếu is too large for
    /// one page), else the box is drawn where it is (a header column, the
    /// signature block, measured beforehand).
    fn lines_in_box(
        &mut self,
        lines: &[String],
        (x, w): (f32, f32),
        mut y: f32,
        (size, style, align): (f32, FontStyle, Align),
        flowing: bool,
    ) -> f32 {
        for text in lines {
            let inl = [Inline::Text {
                text: text.clone(),
                bold: matches!(style, FontStyle::Bold | FontStyle::BoldItalic),
                italic: matches!(style, FontStyle::Italic | FontStyle::BoldItalic),
            }];
            for line in break_lines(&inl, self.fonts, size, w, w) {
                if flowing && y + self.single(size) > self.bottom + 0.01 && y > self.top + 0.01 {
                    self.new_page();
                    y = self.y;
                }
                let baseline = y + self.ascender(size);
                self.draw_line(&line, x, baseline, size, align);
                y += self.single(size);
            }
        }
        y
    }

    /// A rule `length` long centred in the box (x, w) under `y`; returns the new `y`.
    fn rule(&mut self, x: f32, w: f32, y: f32, length: f32) -> f32 {
        // As a paragraph's bottom border in the DOCX: under the paragraph's
        // `rule_gap_pt`, taking its own thickness, then the space after.
        let t = self.l.rule_thickness_pt;
        let y = y + self.l.rule_gap_pt;
        let length = length.min(w);
        let rule = Rule {
            x: x + (w - length) / 2.0,
            y: y + t / 2.0,
            width: length,
            thickness: t,
        };
        self.page().rules.push(rule);
        y + t + self.l.rule_space_after_pt
    }
}

impl<'a> Composer<'a> {
    /// A composer at the top of the first page of `l`.
    fn start(l: &'a Layout, frame: &'a Frame, fonts: &'a FontSet) -> Self {
        Composer {
            l,
            frame,
            fonts,
            pages: vec![Page::default()],
            y: mm_to_pt(l.margin_top_mm),
            top: mm_to_pt(l.margin_top_mm),
            bottom: mm_to_pt(l.page_height_mm - l.margin_bottom_mm),
            left: mm_to_pt(l.margin_left_mm),
            text_w: mm_to_pt(l.text_width_mm()),
            skip_space_before: false,
            numbering_starts: vec![0],
            signing_space: mm_to_pt(l.signature_space_mm),
            flow_recipients: false,
            places: SigningPlaces::default(),
        }
    }
}

/// Lays a register out on pages: its cover, then its table from the
/// second page, the heading rows on every page; pages numbered from the
/// cover, which shows no number.
pub fn compose_book(book: &Book, fonts: &FontSet) -> Vec<Page> {
    let frame = Frame::default();
    let mut c = Composer::start(&book.layout, &frame, fonts);
    let mut y = c.y;
    for line in &book.cover {
        let style = if line.bold {
            FontStyle::Bold
        } else {
            FontStyle::Regular
        };
        let w = line.box_mm.map_or(c.text_w, mm_to_pt);
        y = c.lines_in_box(
            std::slice::from_ref(&line.text),
            (c.left, w),
            y + line.space_before_pt,
            (line.size_pt, style, Align::Centre),
            true,
        );
    }
    c.new_page();
    // Under the DOCX's paragraph 1 pt high that carries the page break.
    c.y += 1.0;
    let table = c.lay_table(&book.table);
    c.table(&table);
    c.page_numbers();
    c.pages
}

/// Lays the notice out on pages.
pub fn compose_pages(notice: &Document, fonts: &FontSet) -> Vec<Page> {
    compose_with_places(notice, fonts).0
}

/// Lays the notice out on pages, and says where on them the number, the
/// date and the signature go ([`SigningPlaces`]).
pub fn compose_with_places(notice: &Document, fonts: &FontSet) -> (Vec<Page>, SigningPlaces) {
    let mut c = Composer::start(&notice.layout, &notice.frame, fonts);
    c.header(notice);
    c.title(notice);
    let (mut signature_height, signers_height) = c.signature(notice, true);
    let room = c.bottom - c.top;
    if signers_height > room {
        // Signers' columns taller than a page (a layout whose signing
        // space is longer than the page allows) would run off the page's
        // foot: the signing space, the only blank in them, gives way.
        c.signing_space = (c.signing_space - (signers_height - room)).max(0.0);
        signature_height = c.signature(notice, true).0;
    }
    if signature_height > room + 0.01 {
        // The Nơi nhận list makes the block taller than a page: the block
        // starts on a page of its own and the list runs on.
        c.flow_recipients = true;
        c.body(&notice.body, 0.0);
        if c.y > c.top + 0.01 {
            c.new_page();
        }
    } else {
        c.body(&notice.body, signature_height);
        // The body keeps its last lines with the block where a page holds
        // both; where not even a page holds the block and the two lines
        // widow control asks for (or the body is empty), the block starts
        // the next page.
        if c.y + signature_height > c.bottom + 0.01 {
            c.new_page();
        }
    }
    c.signature(notice, false);
    for (k, appendix) in notice.appendices.iter().enumerate() {
        c.new_page();
        c.numbering_starts.push(c.pages.len() - 1);
        c.appendix_heading(appendix, &notice.frame.appendix_headings[k]);
        c.body(&appendix.body, 0.0);
    }
    c.page_numbers();
    c.places.pages = c.pages.len();
    (c.pages, c.places)
}
