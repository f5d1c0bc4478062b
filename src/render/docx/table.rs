//! The bordered data tables a template writes (the report's Phụ lục), and
//! the document part with their rows made as the package is written.
//!
//! docx-rs keeps a document as values until it writes them all: a table of
//! thousands of rows (the Phụ lục of 14,000 tasks) took 2.4 KB a cell,
//! 530 MB, then its XML 45 MB more. Here docx-rs gets each table with its
//! heading row only; the body rows are made one by one while the package is
//! deflated ([`DocumentXml`]), with the paragraph ids they would have had,
//! so the bytes are those of the whole table written by docx-rs.

use memchr::memmem;

use docx_rs::{
    AlignmentType, BuildXML, Table, TableBorder, TableBorderPosition, TableBorders, TableCell,
    TableCellMargins, TableLayoutType, TableRow, WidthType,
};

use super::{single_spacing, Builder, HEADER_ROW_MARK};
use crate::body::{Cell, CellAlign, Inline, Table as DataTable};
use crate::layout::{mm_to_twips, pt_to_twips};

/// The body rows of one data table, made when the package is written.
pub(super) struct BodyRows<'a> {
    table: &'a DataTable,
    widths: Vec<i32>,
    /// The paragraph id of the first body cell.
    first_id: u32,
}

impl<'a> Builder<'a> {
    /// A bordered data table on the full text width; the heading row is
    /// bold, centred and repeats on every page; a row never splits; body
    /// cells aligned as their column says. Returned with its heading row
    /// only: the body rows are kept in `data_rows`, their paragraph ids
    /// reserved.
    pub(super) fn data_table(&mut self, table: &'a DataTable) -> Table {
        let l = self.layout;
        let text_w = mm_to_twips(l.text_width_mm());
        let widths: Vec<i32> = table
            .columns
            .iter()
            .map(|c| (c.share * text_w as f32).round() as i32)
            .collect();
        let pad = pt_to_twips(l.table_cell_padding_pt);
        let heading: Vec<TableCell> = table
            .head
            .iter()
            .zip(&widths)
            .map(|(c, w)| self.data_cell(c, true, AlignmentType::Center, *w))
            .collect();
        let numbers: Option<Vec<TableCell>> = table.number_row().map(|row| {
            row.iter()
                .zip(&widths)
                .map(|(c, w)| self.data_cell(c, false, AlignmentType::Center, *w))
                .collect()
        });
        // Each row the marker height, swapped for `tblHeader`: repeated on every page.
        let rows = std::iter::once(heading)
            .chain(numbers)
            .map(|cells| {
                TableRow::new(cells)
                    .row_height(1.0)
                    .height_rule(docx_rs::HeightRule::AtLeast)
                    .cant_split()
            })
            .collect();
        let first_id = self.next_id;
        let cells: usize = table
            .rows
            .iter()
            .map(|r| r.len().min(table.columns.len()).min(widths.len()))
            .sum();
        self.next_id += cells as u32;
        let border_size = ((l.table_border_pt * 8.0).round() as usize).max(2);
        let borders = [
            TableBorderPosition::Top,
            TableBorderPosition::Left,
            TableBorderPosition::Bottom,
            TableBorderPosition::Right,
            TableBorderPosition::InsideH,
            TableBorderPosition::InsideV,
        ]
        .into_iter()
        .fold(TableBorders::with_empty(), |b, pos| {
            b.set(TableBorder::new(pos).size(border_size))
        });
        let grid = widths.iter().map(|w| *w as usize).collect();
        self.data_rows.push(BodyRows {
            table,
            widths,
            first_id,
        });
        Table::new(rows)
            .set_borders(borders)
            .set_grid(grid)
            .width(text_w as usize, WidthType::Dxa)
            .indent(0)
            .layout(TableLayoutType::Fixed)
            .margins(TableCellMargins::new().margin(0, pad as usize, 0, pad as usize))
    }

    /// One cell of a data table: a paragraph of the table's size.
    fn data_cell(
        &mut self,
        inlines: &[Inline],
        bold: bool,
        align: AlignmentType,
        width: i32,
    ) -> TableCell {
        let l = self.layout;
        let pad = pt_to_twips(l.table_cell_padding_pt);
        let p = self
            .paragraph()
            .align(align)
            .line_spacing(single_spacing(pad as u32, pad as u32));
        let p = self.add_inlines(p, inlines, l.table_size_pt, bold);
        TableCell::new()
            .width(width as usize, WidthType::Dxa)
            .add_paragraph(p)
    }

    /// One body row of a data table, as XML.
    fn body_row(&mut self, rows: &BodyRows, row: &[Cell]) -> Vec<u8> {
        let cells: Vec<TableCell> = row
            .iter()
            .zip(&rows.table.columns)
            .zip(&rows.widths)
            .map(|((text, c), w)| {
                let align = match c.align {
                    CellAlign::Left => AlignmentType::Left,
                    CellAlign::Centre => AlignmentType::Center,
                    CellAlign::Right => AlignmentType::Right,
                };
                self.data_cell(text, false, align, *w)
            })
            .collect();
        TableRow::new(cells).cant_split().build()
    }
}

/// The document part, given piece by piece: docx-rs's XML with each data
/// table's body rows made and put before the table's end, and the marker
/// height of each heading row swapped for `tblHeader` (docx-rs has none).
/// The data tables are the tables whose heading row carries the marker, in
/// order; their cells hold paragraphs only, so the first `</w:tbl>` after a
/// marker closes its table.
pub(super) struct DocumentXml<'x, 'a> {
    /// docx-rs's XML not given yet.
    rest: &'x [u8],
    /// Makes the rows (its `data_rows` are the tables still to come).
    builder: Builder<'a>,
    /// The table whose rows are being given, and its next row.
    rows: Option<(BodyRows<'a>, usize)>,
}

impl<'x, 'a> DocumentXml<'x, 'a> {
    /// The document part of docx-rs's `xml`, with the rows `builder` kept.
    pub(super) fn new(xml: &'x [u8], mut builder: Builder<'a>) -> DocumentXml<'x, 'a> {
        builder.data_rows.reverse();
        DocumentXml {
            rest: xml,
            builder,
            rows: None,
        }
    }

    /// Appends the next piece to `out`; false when there is none left.
    pub(super) fn next_piece(&mut self, out: &mut Vec<u8>) -> bool {
        const END: &[u8] = b"</w:tbl>";
        if let Some((rows, next)) = self.rows.take() {
            if let Some(row) = rows.table.rows.get(next) {
                if next == 0 {
                    self.builder.next_id = rows.first_id;
                }
                out.extend_from_slice(&self.builder.body_row(&rows, row));
                self.rows = Some((rows, next + 1));
                return true;
            }
        }
        if self.rest.is_empty() {
            return false;
        }
        let Some(at) = memmem::find(self.rest, HEADER_ROW_MARK.as_bytes()) else {
            out.extend_from_slice(self.rest);
            self.rest = &[];
            return true;
        };
        out.extend_from_slice(&self.rest[..at]);
        out.extend_from_slice(b"<w:tblHeader />");
        self.rest = &self.rest[at + HEADER_ROW_MARK.len()..];
        if let Some(end) = memmem::find(self.rest, END) {
            // The table's other heading rows (its column numbers).
            let mut head = &self.rest[..end];
            while let Some(at) = memmem::find(head, HEADER_ROW_MARK.as_bytes()) {
                out.extend_from_slice(&head[..at]);
                out.extend_from_slice(b"<w:tblHeader />");
                head = &head[at + HEADER_ROW_MARK.len()..];
            }
            out.extend_from_slice(head);
            self.rest = &self.rest[end..];
            self.rows = self.builder.data_rows.pop().map(|t| (t, 0));
        }
        true
    }
}
