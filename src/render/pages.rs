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

use crate::document::{Appendix, Document, Signature, MOTTO, NATIONAL_TITLE, RECIPIENTS_HEADING};
use crate::fonts::{FontSet, FontStyle};
use crate::layout::{mm_to_pt, Layout};
use crate::markdown::{Block, BlockKind, BodyPart, CellAlign, Inline, Table};
use crate::textlayout::{break_lines, Line};

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
        mut y: f32,
        (size, style, align): (f32, FontStyle, Align),
    ) -> f32 {
        for text in lines {
            let inl = [Inline::Text {
                text: text.clone(),
                bold: matches!(style, FontStyle::Bold | FontStyle::BoldItalic),
                italic: matches!(style, FontStyle::Italic | FontStyle::BoldItalic),
            }];
            for line in break_lines(&inl, self.fonts, size, w, w) {
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
        let left_w = mm_to_pt(self.l.left_column_mm);
        let right_w = mm_to_pt(self.l.right_column_mm);
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
        y = self.single_lines(
            &lines,
            (x, w),
            y,
            (l.summary_size_pt, FontStyle::Bold, Align::Centre),
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
                                l.body_space_before_pt + next.lines.len().min(2) as f32 * lh
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
        let y = self.single_lines(
            &[RECIPIENTS_HEADING.to_string()],
            (x, left_w),
            y,
            (
                l.recipients_heading_size_pt,
                FontStyle::BoldItalic,
                Align::Left,
            ),
        );
        self.single_lines(
            lines,
            (x, left_w),
            y,
            (l.recipients_size_pt, FontStyle::Regular, Align::Left),
        )
    }

    /// Lines in bold capitals centred in a column (x, w), then the space for
    /// signing, then the name; returns the new `y`.
    fn signer_column(&mut self, titles: &[String], name: &str, (x, w): (f32, f32), y: f32) -> f32 {
        let l = self.l;
        let style = (l.signer_size_pt, FontStyle::Bold, Align::Centre);
        let y = self.single_lines(titles, (x, w), y, style) + mm_to_pt(l.signature_space_mm);
        self.single_lines(&[name.to_string()], (x, w), y, style)
    }

    /// Draws the signature block (on a scratch page when `dry_run`) and
    /// returns its height.
    fn signature(&mut self, notice: &Document, dry_run: bool) -> f32 {
        let l = self.l;
        let (left_w, right_x, right_w) = self.columns();
        let x = self.left;
        let y0 = self.y + l.signature_table_space_before_pt;
        if dry_run {
            // Measure on a scratch page.
            self.pages.push(Page::default());
        }
        let bottom = match &notice.signature {
            Signature::Single {
                authority,
                position,
                name,
            } => {
                let yl = self.recipients(&notice.recipients, y0);
                let titles: Vec<String> = authority
                    .iter()
                    .chain(std::iter::once(position))
                    .flat_map(|t| self.l.signer_lines(t, &notice.names))
                    .collect();
                let yr = self.signer_column(&titles, name, (right_x, right_w), y0);
                yl.max(yr)
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
                let yl = self.recipients(&notice.recipients, yl + l.recipients_below_space_pt);
                yl.max(yr)
            }
        };
        if dry_run {
            self.pages.pop();
        }
        bottom - self.y
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
    };
    c.header(notice);
    c.title(notice);
    let signature_height = c.signature(notice, true);
    c.body(&notice.body, signature_height);
    if notice.body.is_empty() && c.y + signature_height > c.bottom {
        c.new_page();
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
