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

use crate::document::{Document, Signature, Table, MOTTO, NATIONAL_TITLE, RECIPIENTS_HEADING};
use crate::fonts::{FontSet, FontStyle};
use crate::layout::{mm_to_pt, Layout};
use crate::markdown::{BlockKind, Inline};
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
        let y = y + self.l.rule_gap_pt;
        let length = length.min(w);
        let rule = Rule {
            x: x + (w - length) / 2.0,
            y,
            width: length,
            thickness: self.l.rule_thickness_pt,
        };
        self.page().rules.push(rule);
        y + self.l.rule_space_after_pt
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

    fn paragraphs(&self, notice: &Document) -> Vec<Para> {
        let size = self.l.body_size_pt;
        let indent = mm_to_pt(self.l.body_indent_mm);
        notice
            .body
            .iter()
            .map(|b| Para {
                lines: break_lines(
                    &b.inlines,
                    self.fonts,
                    size,
                    self.text_w - indent,
                    self.text_w,
                ),
                keep_next: matches!(b.kind, BlockKind::SectionHeading | BlockKind::Heading),
            })
            .collect()
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
            let before = if first && !at_top {
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

    /// A bordered table on the full text width, row by row; a row never
    /// splits, and the heading row is drawn again at the top of each page.
    fn table(&mut self, table: &Table) {
        let l = self.l;
        let size = l.table_size_pt;
        let pad = l.table_cell_padding_pt;
        let lh = self.single(size);
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
        let lay = |c: &Composer, cells: &[String], bold: bool| -> (Vec<Vec<Line>>, f32) {
            let lines: Vec<Vec<Line>> = cells
                .iter()
                .zip(&widths)
                .map(|(text, w)| {
                    let inl = [Inline::Text {
                        text: text.clone(),
                        bold,
                        italic: false,
                    }];
                    let inner = (w - 2.0 * pad).max(1.0);
                    break_lines(&inl, c.fonts, size, inner, inner)
                })
                .collect();
            let n = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
            (lines, n as f32 * lh + 2.0 * pad)
        };
        let titles: Vec<String> = table.columns.iter().map(|c| c.title.clone()).collect();
        let heading = lay(self, &titles, true);
        let centred_heading = vec![true; titles.len()];
        let centred: Vec<bool> = table.columns.iter().map(|c| c.centred).collect();
        let total_w: f32 = widths.iter().sum();
        let draw_row = |c: &mut Composer, row: &(Vec<Vec<Line>>, f32), centred: &[bool]| {
            let top = c.y;
            for (i, cell) in row.0.iter().enumerate() {
                for (k, line) in cell.iter().enumerate() {
                    let baseline = top + pad + k as f32 * lh + c.ascender(size);
                    let align = if centred[i] {
                        Align::Centre
                    } else {
                        Align::Left
                    };
                    c.draw_line(line, xs[i] + pad, baseline, size, align);
                }
            }
            let t = l.table_border_pt;
            let bottom = top + row.1;
            let page = c.page();
            page.rules.push(Rule {
                x: xs[0],
                y: top,
                width: total_w,
                thickness: t,
            });
            page.rules.push(Rule {
                x: xs[0],
                y: bottom,
                width: total_w,
                thickness: t,
            });
            for x in xs.iter().copied().chain(std::iter::once(xs[0] + total_w)) {
                page.rules.push(Rule {
                    x: x - t / 2.0,
                    y: (top + bottom) / 2.0,
                    width: t,
                    thickness: row.1,
                });
            }
            c.y = bottom;
        };
        if self.y + heading.1 * 2.0 > self.bottom {
            self.new_page();
        }
        draw_row(self, &heading, &centred_heading);
        for cells in &table.rows {
            let row = lay(self, cells, false);
            if self.y + row.1 > self.bottom + 0.01 {
                self.new_page();
                draw_row(self, &heading, &centred_heading);
            }
            draw_row(self, &row, &centred);
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
        for i in 1..count {
            let text = (i + 1).to_string();
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
    };
    c.header(notice);
    c.title(notice);
    let paras = c.paragraphs(notice);
    let signature_height = c.signature(notice, true);
    let table_follows = notice.table.is_some();
    let lh = l.body_line_pt;
    for (i, para) in paras.iter().enumerate() {
        let last = i + 1 == paras.len();
        if para.keep_next && !last {
            // The heading and the first two lines of what follows share a page.
            let next = &paras[i + 1];
            let at_top = (c.y - c.top).abs() < 0.01;
            let before = if at_top { 0.0 } else { l.body_space_before_pt };
            let need = before
                + para.lines.len() as f32 * lh
                + l.body_space_before_pt
                + next.lines.len().min(2) as f32 * lh;
            if !at_top && c.y + need > c.bottom + 0.01 {
                c.new_page();
            }
        }
        let reserve = if last && !table_follows {
            signature_height
        } else {
            0.0
        };
        c.place(para, reserve);
    }
    if let Some(table) = &notice.table {
        c.table(table);
        if c.y + signature_height > c.bottom + 0.01 {
            c.new_page();
        }
    }
    if paras.is_empty() && c.y + signature_height > c.bottom {
        c.new_page();
    }
    c.signature(notice, false);
    c.page_numbers();
    c.pages
}
