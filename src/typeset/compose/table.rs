//! The data tables (the report's list of tasks): bordered, on the full
//! text width; a row never splits, the heading row starts every page of
//! the table, and the table never starts without its first row.

use super::{Align, Composer, Rule};
use crate::body::{CellAlign, Inline, Table};
use crate::typeset::break_paragraph::{break_lines, Line};

/// A table row: each cell's lines, and the row's height.
struct LaidRow {
    lines: Vec<Vec<Line>>,
    height: f32,
}

/// A table ready to place: its grid, and its heading row and first row
/// laid out once, to measure what must share a page with a heading above
/// the table and then to draw them (the heading row on every page).
pub(super) struct LaidTable<'t> {
    table: &'t Table,
    /// The left edges of the columns.
    xs: Vec<f32>,
    widths: Vec<f32>,
    total_w: f32,
    heading: LaidRow,
    /// The row of column numbers under the heading row, when the table has one.
    numbers: Option<LaidRow>,
    first: Option<LaidRow>,
    /// Each column's alignment in the body rows.
    aligns: Vec<Align>,
}

impl LaidTable<'_> {
    /// The height of the heading row and first row: what must share a
    /// page with the heading above the table.
    pub(super) fn lead(&self) -> f32 {
        self.heading.height
            + self.numbers.as_ref().map_or(0.0, |r| r.height)
            + self.first.as_ref().map_or(0.0, |r| r.height)
    }
}

impl Composer<'_> {
    /// A table's grid, its heading row and first row laid out.
    pub(super) fn lay_table<'t>(&self, table: &'t Table) -> LaidTable<'t> {
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
        LaidTable {
            table,
            total_w: widths.iter().sum(),
            heading: self.table_row(&table.head, &widths, true),
            numbers: table
                .number_row()
                .map(|r| self.table_row(&r, &widths, false)),
            first: table
                .rows
                .first()
                .map(|r| self.table_row(r, &widths, false)),
            aligns: table
                .columns
                .iter()
                .map(|c| match c.align {
                    CellAlign::Left => Align::Left,
                    CellAlign::Centre => Align::Centre,
                    CellAlign::Right => Align::Right,
                })
                .collect(),
            xs,
            widths,
        }
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

    /// Draws a laid-out row at `y` with its borders; `aligns`: each cell's.
    fn draw_row(&mut self, row: &LaidRow, t: &LaidTable, aligns: &[Align]) {
        let l = self.l;
        let size = l.table_size_pt;
        let pad = l.table_cell_padding_pt;
        let lh = self.single(size);
        let (xs, total_w) = (&t.xs, t.total_w);
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

    /// The heading row, centred, and the column numbers under it.
    fn draw_heading(&mut self, t: &LaidTable) {
        let centred = vec![Align::Centre; t.widths.len()];
        self.draw_row(&t.heading, t, &centred);
        if let Some(numbers) = &t.numbers {
            self.draw_row(numbers, t, &centred);
        }
    }

    /// A body row, on the next page under the heading row again when it
    /// does not fit on this one.
    fn place_row(&mut self, row: &LaidRow, t: &LaidTable) {
        if self.y + row.height > self.bottom + 0.01 {
            self.new_page();
            self.draw_heading(t);
        }
        self.draw_row(row, t, &t.aligns);
    }

    /// Places a laid-out table right under what precedes it, starting a
    /// new page when its heading row and first row do not fit on this one.
    pub(super) fn table(&mut self, t: &LaidTable) {
        let at_top = (self.y - self.top).abs() < 0.01;
        if !at_top && self.y + t.lead() > self.bottom + 0.01 {
            self.new_page();
        }
        self.draw_heading(t);
        if let Some(first) = &t.first {
            self.place_row(first, t);
        }
        for cells in t.table.rows.iter().skip(1) {
            let row = self.table_row(cells, &t.widths, false);
            self.place_row(&row, t);
        }
    }
}
