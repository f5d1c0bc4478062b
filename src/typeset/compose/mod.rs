//! Page composition for fixed-layout backends (the PDF): the notice → pages
//! of positioned text runs and rules, following the same
//! [`crate::layout::Layout`] as the DOCX and breaking lines and pages the way
//! a word processor does.
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

use crate::body::{Block, BlockKind, BodyPart, CellAlign, Inline, Table};
use crate::document::{Appendix, Document, Signature, MOTTO, NATIONAL_TITLE, RECIPIENTS_HEADING};
use crate::layout::{mm_to_pt, Layout};
use crate::typeset::break_paragraph::{break_lines, Line};
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
}

/// A part of the body ready to place: a paragraph broken into lines, or a table.
enum Laid<'t> {
    Para(Para),
    Table(&'t Table),
}

/// A table row: each cell's lines, and the row's height.
struct LaidRow {
    lines: Vec<Vec<Line>>,
    height: f32,
}

/// A body paragraph broken into lines.
struct Para {
    lines: Vec<Line>,
    keep_next: bool,
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

    fn columns(&self) -> (f32, f32, f32) {
        let (left_mm, right_mm) = self.l.columns_mm();
        let (left_w, right_w) = (mm_to_pt(left_mm), mm_to_pt(right_mm));
        (left_w, self.left + left_w, right_w)
    }

    fn header(&mut self, notice: &Document) {
        let l = self.l;
        let (left_w, right_x, right_w) = self.columns();
        let x = self.left;
        let mut yl = self.y;
        if let Some(parent) = &notice.parent {
            let lines = l.header_left_lines(parent, false, l.parent_size_pt, &notice.names);
            yl = self.single_lines(
                &lines,
                (x, left_w),
                yl,
                (l.parent_size_pt, FontStyle::Regular, Align::Centre),
            );
        }
        let issuer_lines =
            l.header_left_lines(&notice.issuer, true, l.issuer_size_pt, &notice.names);
        yl = self.single_lines(
            &issuer_lines,
            (x, left_w),
            yl,
            (l.issuer_size_pt, FontStyle::Bold, Align::Centre),
        );
        yl = self.rule(x, left_w, yl, l.issuer_rule_pt(&issuer_lines));

        let mut yr = self.y;
        yr = self.single_lines(
            &[NATIONAL_TITLE.to_string()],
            (right_x, right_w),
            yr,
            (l.national_title_size_pt, FontStyle::Bold, Align::Centre),
        );
        yr = self.single_lines(
            &[MOTTO.to_string()],
            (right_x, right_w),
            yr,
            (l.motto_size_pt, FontStyle::Bold, Align::Centre),
        );
        yr = self.rule(right_x, right_w, yr, l.motto_rule_pt(MOTTO));

        let row2 = yl.max(yr);
        let yl = self.single_lines(
            std::slice::from_ref(&notice.number_line),
            (x, left_w),
            row2,
            (l.number_size_pt, FontStyle::Regular, Align::Centre),
        );
        let yr = self.single_lines(
            notice.date_line.as_slice(),
            (right_x, right_w),
            row2,
            (l.date_line_size_pt, FontStyle::Italic, Align::Centre),
        );
        self.y = yl.max(yr);
    }

    fn title(&mut self, notice: &Document) {
        let l = self.l;
        let (x, w) = (self.left, self.text_w);
        let mut y = self.y + l.doc_type_space_before_pt;
        y = self.single_lines(
            std::slice::from_ref(&notice.doc_type),
            (x, w),
            y,
            (l.doc_type_size_pt, FontStyle::Bold, Align::Centre),
        );
        let lines = l.summary_lines(&notice.summary, &notice.names);
        y = self.lines_in_box(
            &lines,
            (x, w),
            y,
            (l.summary_size_pt, FontStyle::Bold, Align::Centre),
            true,
        );
        // As in the DOCX: the space down to the body belongs to the rule, and
        // the first body paragraph has none before it.
        self.y = self.rule(x, w, y, l.summary_rule_pt(&lines)) + l.body_space_before_pt;
        self.skip_space_before = true;
    }

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
    /// first rows of a table); a table after a paragraph has the space of
    /// a paragraph above it.
    fn body(&mut self, parts: &[BodyPart], signature_height: f32) {
        let l = self.l;
        let lh = l.body_line_pt;
        let laid: Vec<Laid> = parts
            .iter()
            .map(|p| match p {
                BodyPart::Paragraph(b) => Laid::Para(self.paragraph(b)),
                BodyPart::Table(t) => Laid::Table(t),
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
                                // The fewest lines it can start a page's
                                // foot with: two, or all of a paragraph of
                                // three or fewer (widow and orphan control).
                                let n = next.lines.len();
                                let least = if n >= 4 { 2 } else { n };
                                l.body_space_before_pt + least as f32 * lh
                            }
                            Laid::Table(t) => self.table_lead(t),
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

    /// A Phụ lục's heading lines, centred, then the space under them.
    fn appendix_heading(&mut self, appendix: &Appendix, names: &[String]) {
        let l = self.l;
        let (x, w) = (self.left, self.text_w);
        let mut y = self.y;
        for h in &appendix.heading {
            let style = FontStyle::of(h.bold, h.italic);
            let lines = l.appendix_heading_lines(&h.text, style, names);
            y = self.single_lines(
                &lines,
                (x, w),
                y,
                (l.appendix_heading_size_pt, style, Align::Centre),
            );
        }
        self.y = y + l.appendix_heading_space_after_pt;
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
            let tail_fits =
                reserve <= 0.0 || self.y + before + n as f32 * lh + reserve <= self.bottom + 0.01;
            let mut k = if fit >= n && tail_fits {
                n
            } else if fit >= n {
                n - 1
            } else {
                fit
            };
            if k < n {
                // Widow: never one line alone at the top of the next page.
                if n >= 2 && n - k < 2 {
                    k = n.saturating_sub(2);
                }
                // Orphan: never one line alone at the bottom of this page.
                if k == 1 && n >= 2 {
                    k = 0;
                }
            }
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

    /// The widths of a table's columns and their left edges.
    fn table_grid(&self, table: &Table) -> (Vec<f32>, Vec<f32>) {
        let widths: Vec<f32> = table
            .columns
            .iter()
            .map(|c| c.share * self.text_w)
            .collect();
        let xs: Vec<f32> = widths
            .iter()
            .scan(self.left, |x, w| {
                let at = *x;
                *x += w;
                Some(at)
            })
            .collect();
        (widths, xs)
    }

    /// A row's cells broken into lines, and the row's height.
    fn table_row(&self, cells: &[Vec<Inline>], widths: &[f32], bold: bool) -> LaidRow {
        let l = self.l;
        let size = l.table_size_pt;
        let pad = l.table_cell_padding_pt;
        let lines: Vec<Vec<Line>> = cells
            .iter()
            .zip(widths)
            .map(|(cell, w)| {
                let inlines: Vec<Inline> = cell
                    .iter()
                    .map(|i| match i {
                        Inline::Text {
                            text,
                            bold: b,
                            italic,
                        } => Inline::Text {
                            text: text.clone(),
                            bold: *b || bold,
                            italic: *italic,
                        },
                        Inline::LineBreak => Inline::LineBreak,
                    })
                    .collect();
                let inner = (w - 2.0 * pad).max(1.0);
                break_lines(&inlines, self.fonts, size, inner, inner)
            })
            .collect();
        let n = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
        // A row takes its border's width too, as LibreOffice lays the
        // DOCX's rows out (measured: 0.5 pt more per row, heading included).
        let height = n as f32 * self.single(size) + 2.0 * pad + l.table_border_pt;
        LaidRow { lines, height }
    }

    /// The height of a table's heading row and first row: what must share
    /// a page with the heading above the table.
    fn table_lead(&self, table: &Table) -> f32 {
        let (widths, _) = self.table_grid(table);
        let head = self.table_row(&table.head, &widths, true).height;
        let first = table
            .rows
            .first()
            .map_or(0.0, |r| self.table_row(r, &widths, false).height);
        head + first
    }

    /// Draws a laid-out row at `y` with its borders.
    fn draw_row(&mut self, row: &LaidRow, xs: &[f32], total_w: f32, aligns: &[Align]) {
        let l = self.l;
        let size = l.table_size_pt;
        let pad = l.table_cell_padding_pt;
        let lh = self.single(size);
        let top = self.y;
        for (i, cell) in row.lines.iter().enumerate() {
            for (k, line) in cell.iter().enumerate() {
                let baseline =
                    top + l.table_border_pt / 2.0 + pad + k as f32 * lh + self.ascender(size);
                self.draw_line(line, xs[i] + pad, baseline, size, aligns[i]);
            }
        }
        let t = l.table_border_pt;
        let bottom = top + row.height;
        let page = self.page();
        for y in [top, bottom] {
            page.rules.push(Rule {
                x: xs[0],
                y,
                width: total_w,
                thickness: t,
            });
        }
        for x in xs.iter().copied().chain(std::iter::once(xs[0] + total_w)) {
            page.rules.push(Rule {
                x: x - t / 2.0,
                y: (top + bottom) / 2.0,
                width: t,
                thickness: row.height,
            });
        }
        self.y = bottom;
    }

    /// A bordered table on the full text width, right under what precedes
    /// it; a row never splits, the heading row starts every page of the
    /// table, and the table never starts without its first row.
    fn table(&mut self, table: &Table) {
        let (widths, xs) = self.table_grid(table);
        let total_w: f32 = widths.iter().sum();
        let heading = self.table_row(&table.head, &widths, true);
        let heading_aligns = vec![Align::Centre; widths.len()];
        let aligns: Vec<Align> = table
            .columns
            .iter()
            .map(|c| match c.align {
                CellAlign::Left => Align::Left,
                CellAlign::Centre => Align::Centre,
                CellAlign::Right => Align::Right,
            })
            .collect();
        let at_top = (self.y - self.top).abs() < 0.01;
        if !at_top && self.y + self.table_lead(table) > self.bottom + 0.01 {
            self.new_page();
        }
        self.draw_row(&heading, &xs, total_w, &heading_aligns);
        for cells in &table.rows {
            let row = self.table_row(cells, &widths, false);
            if self.y + row.height > self.bottom + 0.01 {
                self.new_page();
                self.draw_row(&heading, &xs, total_w, &heading_aligns);
            }
            self.draw_row(&row, &xs, total_w, &aligns);
        }
    }

    /// `Nơi nhận:` and its lines in the left column from `y`; returns the new `y`.
    fn recipients(&mut self, lines: &[String], y: f32) -> f32 {
        let l = self.l;
        let (left_w, _, _) = self.columns();
        let x = self.left;
        let flowing = self.flow_recipients;
        let y = self.lines_in_box(
            &[RECIPIENTS_HEADING.to_string()],
            (x, left_w),
            y,
            (
                l.recipients_heading_size_pt,
                FontStyle::BoldItalic,
                Align::Left,
            ),
            flowing,
        );
        self.lines_in_box(
            lines,
            (x, left_w),
            y,
            (l.recipients_size_pt, FontStyle::Regular, Align::Left),
            flowing,
        )
    }

    /// Lines in bold capitals centred in a column (x, w), then the space for
    /// signing, then the name; returns the new `y`.
    fn signer_column(&mut self, titles: &[String], name: &str, (x, w): (f32, f32), y: f32) -> f32 {
        let l = self.l;
        let style = (l.signer_size_pt, FontStyle::Bold, Align::Centre);
        let y = self.single_lines(titles, (x, w), y, style) + self.signing_space;
        self.single_lines(&[name.to_string()], (x, w), y, style)
    }

    /// Draws the signature block (on a scratch page when `dry_run`) and
    /// returns its height, and the height of its signers' columns alone.
    fn signature(&mut self, notice: &Document, dry_run: bool) -> (f32, f32) {
        let l = self.l;
        let (left_w, right_x, right_w) = self.columns();
        let x = self.left;
        let y0 = self.y + l.signature_table_space_before_pt;
        if dry_run {
            // Measure on a scratch page.
            self.pages.push(Page::default());
        }
        let (bottom, signers) = match &notice.signature {
            Signature::Single {
                authority,
                position,
                name,
            } => {
                let titles: Vec<String> = authority
                    .iter()
                    .chain(std::iter::once(position))
                    .flat_map(|t| self.l.signer_lines(t, &notice.names))
                    .collect();
                if self.flow_recipients {
                    // The signer's column first, on the block's first page.
                    let yr = self.signer_column(&titles, name, (right_x, right_w), y0);
                    let yl = self.recipients(&notice.recipients, y0);
                    (yl.max(yr), yr)
                } else {
                    let yl = self.recipients(&notice.recipients, y0);
                    let yr = self.signer_column(&titles, name, (right_x, right_w), y0);
                    (yl.max(yr), yr)
                }
            }
            Signature::Pair { left, right } => {
                let yl = self.signer_column(
                    std::slice::from_ref(&left.title),
                    &left.name,
                    (x, left_w),
                    y0,
                );
                let yr = self.signer_column(
                    std::slice::from_ref(&right.title),
                    &right.name,
                    (right_x, right_w),
                    y0,
                );
                let signers = yl.max(yr);
                let yl = self.recipients(&notice.recipients, yl + l.recipients_below_space_pt);
                (yl.max(yr), signers)
            }
        };
        if dry_run {
            self.pages.pop();
        }
        (bottom - self.y, signers - self.y)
    }

    fn page_numbers(&mut self) {
        let size = self.l.page_number_size_pt;
        let y = mm_to_pt(self.l.header_distance_mm);
        let (x, w) = (self.left, self.text_w);
        let count = self.pages.len();
        for i in 0..count {
            // Numbered from the start of its part (the document, or a Phụ
            // lục); the first page of each shows no number.
            let start = self
                .numbering_starts
                .iter()
                .copied()
                .filter(|&s| s <= i)
                .max()
                .unwrap_or(0);
            if i == start {
                continue;
            }
            let text = (i - start + 1).to_string();
            let width = self.width(&text, FontStyle::Regular, size);
            let baseline = y + self.ascender(size);
            self.pages[i].texts.push(TextRun {
                x: x + (w - width) / 2.0,
                baseline,
                size,
                style: FontStyle::Regular,
                text,
                extra_per_space: 0.0,
            });
        }
    }
}

/// Lays the notice out on pages.
pub fn compose_pages(notice: &Document, fonts: &FontSet) -> Vec<Page> {
    let l = &notice.layout;
    let mut c = Composer {
        l,
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
    };
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
    for appendix in &notice.appendices {
        c.new_page();
        c.numbering_starts.push(c.pages.len() - 1);
        c.appendix_heading(appendix, &notice.names);
        c.body(&appendix.body, 0.0);
    }
    c.page_numbers();
    c.pages
}

#[cfg(test)]
mod tests {
    //! Pagination on constructed bodies: paragraphs of a known number of
    //! lines (one word per line, hard line breaks) placed where a greedy,
    //! line-by-line fill would leave a widow, an orphan or a heading alone.

    use std::path::Path;

    use super::*;
    use crate::document::{compose, HeadingLine};
    use crate::model::{load_meeting, DocumentKind};
    use crate::template::Templates;

    /// The real example composed (its header, title and signature) with
    /// `body` as its body.
    fn notice(body: Vec<BodyPart>) -> Document {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("meetings/2021-01-25-phien-hop-ubnd-thang-01.yaml");
        let meeting = load_meeting(&path).meeting.expect("the example loads");
        let mut doc = compose(&meeting, DocumentKind::Notice, &Templates::embedded())
            .expect("the example composes");
        doc.body = body;
        doc
    }

    /// A paragraph of `lines` lines `<id>.1` … `<id>.<lines>`.
    fn para(id: &str, lines: usize, kind: BlockKind) -> BodyPart {
        let mut inlines = Vec::new();
        for l in 1..=lines {
            if l > 1 {
                inlines.push(Inline::LineBreak);
            }
            inlines.push(Inline::Text {
                text: format!("{id}.{l}"),
                bold: kind == BlockKind::SectionHeading,
                italic: false,
            });
        }
        BodyPart::Paragraph(Block { kind, inlines })
    }

    fn body(id: &str, lines: usize) -> BodyPart {
        para(id, lines, BlockKind::Body)
    }

    /// How many lines of paragraph `id` each page holds: (page, lines), in order.
    fn pieces(pages: &[Page], id: &str) -> Vec<(usize, usize)> {
        let prefix = format!("{id}.");
        pages
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let n = p
                    .texts
                    .iter()
                    .filter(|t| t.text.starts_with(&prefix))
                    .count();
                (i, n)
            })
            .filter(|&(_, n)| n > 0)
            .collect()
    }

    fn fonts() -> std::sync::Arc<FontSet> {
        FontSet::embedded()
    }

    /// The height the body has on the first page of the example: from the
    /// top of the first body line's box to the bottom margin.
    fn first_page_room() -> f32 {
        let doc = notice(vec![body("P", 1)]);
        let fonts = fonts();
        let pages = compose_pages(&doc, &fonts);
        let l = &doc.layout;
        let run = pages[0].texts.iter().find(|t| t.text == "P.1").unwrap();
        let descender = fonts.face(FontStyle::Regular).descender() * l.body_size_pt;
        let top = run.baseline - l.body_line_pt + descender;
        mm_to_pt(l.page_height_mm - l.margin_bottom_mm) - top
    }

    const LINE: f32 = 18.0;
    const BEFORE: f32 = 6.0;

    /// How many lines of a first paragraph leave between `from` and
    /// `from` + one body line of the first page's `room` for what follows.
    fn lines_leaving(room: f32, from: f32) -> usize {
        let n = ((room - from) / LINE).floor() as usize;
        let left = room - n as f32 * LINE;
        assert!(left >= from && left < from + LINE, "{left} not in {from}..");
        n
    }

    #[test]
    fn the_layout_is_the_one_these_tests_assume() {
        let l = Layout::default();
        assert_eq!((l.body_line_pt, l.body_space_before_pt), (LINE, BEFORE));
        // A whole page of A, then more: the first page holds what a greedy
        // fill puts there (no rule acts inside a long paragraph).
        let room = first_page_room();
        let fit = ((room + 0.01) / LINE).floor() as usize;
        let pages = compose_pages(&notice(vec![body("A", fit + 10)]), &fonts());
        assert_eq!(pieces(&pages, "A")[0], (0, fit));
    }

    #[test]
    fn no_widow_the_last_line_of_a_paragraph_never_starts_a_page_alone() {
        let room = first_page_room();
        let fit = ((room + 0.01) / LINE).floor() as usize;
        // The first paragraph, one line longer than the page: greedy would
        // leave its last line alone on page 2; one more line goes with it.
        let pages = compose_pages(&notice(vec![body("A", fit + 1), body("Z", 1)]), &fonts());
        assert_eq!(
            pieces(&pages, "A"),
            [(0, fit - 1), (1, 2)],
            "greedy: {fit} lines, then one alone"
        );
        // A four-line paragraph with room for three: two and two.
        let n = lines_leaving(room, BEFORE + 3.0 * LINE);
        let pages = compose_pages(
            &notice(vec![body("A", n), body("B", 4), body("Z", 1)]),
            &fonts(),
        );
        assert_eq!(pieces(&pages, "A"), [(0, n)]);
        assert_eq!(
            pieces(&pages, "B"),
            [(0, 2), (1, 2)],
            "greedy: three lines, then one alone"
        );
    }

    #[test]
    fn no_orphan_the_first_line_of_a_paragraph_never_ends_a_page_alone() {
        let room = first_page_room();
        // Room for one line of B: B starts the next page, whole.
        let n = lines_leaving(room, BEFORE + LINE);
        let pages = compose_pages(
            &notice(vec![body("A", n), body("B", 4), body("Z", 1)]),
            &fonts(),
        );
        assert_eq!(pieces(&pages, "A"), [(0, n)]);
        assert_eq!(
            pieces(&pages, "B"),
            [(1, 4)],
            "greedy: one line, then three"
        );
        // Room for two lines of a three-line paragraph: two and one would
        // leave a widow, one and two an orphan: it moves whole.
        let n = lines_leaving(room, BEFORE + 2.0 * LINE);
        let pages = compose_pages(
            &notice(vec![body("A", n), body("B", 3), body("Z", 1)]),
            &fonts(),
        );
        assert_eq!(pieces(&pages, "B"), [(1, 3)], "greedy: two lines, then one");
        // A one-line paragraph is neither: it takes the last line.
        let n = lines_leaving(room, BEFORE + LINE);
        let pages = compose_pages(
            &notice(vec![body("A", n), body("B", 1), body("C", 4)]),
            &fonts(),
        );
        assert_eq!(pieces(&pages, "B"), [(0, 1)]);
    }

    #[test]
    fn a_section_heading_shares_its_page_with_the_first_lines_of_its_section() {
        let room = first_page_room();
        let heading = |id| para(id, 1, BlockKind::SectionHeading);
        // (room left after A, lines of B, page of H and of B's first lines)
        for (from, b_lines, page) in [
            // The heading alone fits.
            (BEFORE + LINE, 4, 1),
            // The heading and one line of B fit: that line would be an orphan.
            (2.0 * (BEFORE + LINE), 4, 1),
            // The heading and two lines of a three-line B: B cannot split
            // two and one, so the heading goes with it.
            (2.0 * BEFORE + 3.0 * LINE, 3, 1),
            // The heading and two lines of a four-line B: they stay.
            (2.0 * BEFORE + 3.0 * LINE, 4, 0),
            // The heading and the whole of a three-line B: they stay.
            (2.0 * BEFORE + 4.0 * LINE, 3, 0),
        ] {
            let n = lines_leaving(room, from);
            let pages = compose_pages(
                &notice(vec![
                    body("A", n),
                    heading("H"),
                    body("B", b_lines),
                    body("Z", 1),
                ]),
                &fonts(),
            );
            let case = format!("{from} pt left, B of {b_lines} lines");
            assert_eq!(pieces(&pages, "A"), [(0, n)], "{case}");
            assert_eq!(pieces(&pages, "H"), [(page, 1)], "{case}");
            let b = pieces(&pages, "B");
            assert_eq!(b[0].0, page, "{case}: {b:?}");
            assert!(b.iter().all(|&(_, k)| k >= 2), "{case}: {b:?}");
        }
    }

    #[test]
    fn the_signature_never_splits_and_shares_its_page_with_the_last_body_line() {
        let room = first_page_room();
        let fit = ((room + 0.01) / LINE).floor() as usize;
        let fonts = fonts();
        // Every length of body from well before the signature's room runs
        // out to past the first page; with and without a one-line closing.
        let mut moved = [0, 0];
        for n in fit.saturating_sub(25)..=fit + 3 {
            for closing in [true, false] {
                let mut parts = vec![body("A", n)];
                if closing {
                    parts.push(body("Z", 1));
                }
                let doc = notice(parts);
                let pages = compose_pages(&doc, &fonts);
                let last = pages.len() - 1;
                let case = format!("{n} lines, closing {closing}");
                let Signature::Single {
                    authority,
                    position,
                    name,
                } = &doc.signature
                else {
                    panic!("the notice has one signer");
                };
                let mut signature: Vec<&str> = vec![RECIPIENTS_HEADING, position, name];
                signature.extend(authority.iter().map(String::as_str));
                signature.extend(doc.recipients.iter().map(String::as_str));
                let bottom = mm_to_pt(doc.layout.page_height_mm - doc.layout.margin_bottom_mm);
                // Each page's text in drawing order (a recipient's line
                // may wrap in its column: its parts follow one another).
                let texts: Vec<String> = pages
                    .iter()
                    .map(|p| {
                        let runs: Vec<&str> = p.texts.iter().map(|t| t.text.as_str()).collect();
                        runs.join(" ")
                    })
                    .collect();
                for s in &signature {
                    let on: Vec<usize> =
                        (0..pages.len()).filter(|&i| texts[i].contains(s)).collect();
                    assert_eq!(on, [last], "{case}: {s:?}");
                }
                for t in &pages[last].texts {
                    assert!(
                        t.baseline <= bottom,
                        "{case}: {t:?} under the bottom margin"
                    );
                }
                let a = pieces(&pages, "A");
                if closing {
                    assert_eq!(pieces(&pages, "Z"), [(last, 1)], "{case}");
                } else {
                    assert_eq!(a.last().unwrap().0, last, "{case}: {a:?}");
                }
                assert!(a.iter().all(|&(_, k)| k >= 2.min(n)), "{case}: {a:?}");
                // The body would fit on page 1, the signature does not.
                if n + 2 * usize::from(closing) <= fit && last == 1 {
                    moved[usize::from(closing)] += 1;
                }
            }
        }
        // The signature pulled body lines onto its page, in both forms.
        assert!(moved[0] >= 2 && moved[1] >= 2, "{moved:?}");
    }

    /// The page numbers drawn: (page index, text), checked for place and size.
    fn page_numbers(doc: &Document, pages: &[Page]) -> Vec<(usize, String)> {
        let l = &doc.layout;
        let fonts = fonts();
        let top = mm_to_pt(l.margin_top_mm);
        let baseline = mm_to_pt(l.header_distance_mm)
            + fonts.face(FontStyle::Regular).ascender() * l.page_number_size_pt;
        let centre = mm_to_pt(l.margin_left_mm) + mm_to_pt(l.text_width_mm()) / 2.0;
        let mut out = Vec::new();
        for (i, page) in pages.iter().enumerate() {
            for t in page.texts.iter().filter(|t| t.baseline < top) {
                assert!((t.baseline - baseline).abs() < 0.01, "{t:?}");
                assert_eq!(t.size, l.page_number_size_pt);
                let width = fonts.width(&t.text, t.style, t.size);
                assert!((t.x + width / 2.0 - centre).abs() < 0.01, "centred: {t:?}");
                out.push((i, t.text.clone()));
            }
        }
        out
    }

    #[test]
    fn pages_are_numbered_from_page_two_and_a_phu_luc_on_its_own() {
        let fonts = fonts();
        let doc = notice(vec![body("A", 100), body("Z", 1)]);
        let pages = compose_pages(&doc, &fonts);
        assert!(pages.len() >= 3);
        let want: Vec<(usize, String)> =
            (1..pages.len()).map(|i| (i, (i + 1).to_string())).collect();
        assert_eq!(page_numbers(&doc, &pages), want);
        // A Phụ lục of three pages or more after the signature: its first
        // page shows no number, the next ones 2, 3, …
        let mut doc = doc;
        doc.appendices = vec![Appendix {
            heading: vec![HeadingLine {
                text: "Phụ lục".into(),
                bold: true,
                italic: false,
            }],
            body: vec![body("P", 100)],
        }];
        let with = compose_pages(&doc, &fonts);
        let starts = pages.len();
        assert!(with.len() >= starts + 3);
        assert!(with[starts].texts.iter().any(|t| t.text == "Phụ lục"));
        let mut want = want;
        want.extend((starts + 1..with.len()).map(|i| (i, (i - starts + 1).to_string())));
        assert_eq!(page_numbers(&doc, &with), want);
    }
}
