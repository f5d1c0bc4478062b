//! The DOCX backend (docx-rs), following the house layout of Decree 30 (the table of `Layout`).
//!
//! Choices: the header and signature blocks are borderless two-column tables
//! (grid 6.5 + 10 cm by default); rules are empty paragraphs with a bottom
//! border whose length is set by left and right indents; `I.`, `1.` and `- `
//! are literal text, not Word numbering; every run names its font for
//! ascii, hAnsi, cs and eastAsia (no theme fonts); body paragraphs use named
//! styles (`Body`, `SectionHeading`, `Task`, `Subtask`, `Recipients`), so a
//! style changed in Word changes all its paragraphs. Output is deterministic:
//! paragraph ids are numbered per document, the ZIP entries carry docx-rs's
//! fixed timestamp, and `docProps/core.xml` is written here with the notice
//! date.

use docx_rs::{
    AlignmentType, BorderType, BreakType, Docx, Header, LineSpacing, LineSpacingType, PageMargin,
    PageNum, PageNumType, PageOrientationType, Paragraph, ParagraphBorder, ParagraphBorderPosition,
    ParagraphBorders, Run, RunFonts, SectionProperty, SpecialIndentType, Style, StyleType, Table,
    TableCell, TableCellMargins, TableLayoutType, TableRow, VAlignType, WidthType,
};

use super::{Format, RenderError, Renderer};

mod table;
use crate::body::{BlockKind, BodyPart, Inline};
use crate::document::{
    Appendix, Book, Document, Metadata, Signature, MOTTO, NATIONAL_TITLE, RECIPIENTS_HEADING,
};
use crate::layout::{mm_to_twips, pt_to_twips, Layout};
use crate::text::xml_escape;
use crate::typeset::frame::Frame;

/// The XML docx-rs writes for the marker height of a heading row.
const HEADER_ROW_MARK: &str = r#"<w:trHeight w:val="1" w:hRule="atLeast" />"#;

/// Writes notices as Word documents.
pub struct DocxRenderer;

impl Renderer for DocxRenderer {
    fn format(&self) -> Format {
        Format::Docx
    }

    fn render(&self, notice: &Document) -> Result<Vec<u8>, RenderError> {
        let mut builder = Builder::new(&notice.layout, &notice.frame);
        let docx = builder.document(notice);
        package(docx, builder, &notice.metadata)
    }
}

/// A register as a Word document (landscape when its page is).
pub fn render_book(book: &Book) -> Result<Vec<u8>, RenderError> {
    let frame = Frame::default();
    let mut builder = Builder::new(&book.layout, &frame);
    let docx = builder.book(book);
    package(docx, builder, &book.metadata)
}

/// The package of `docx`, its data tables' rows made by `builder` as it
/// is written, its core properties those of `metadata`.
fn package(docx: Docx, builder: Builder, metadata: &Metadata) -> Result<Vec<u8>, RenderError> {
    let mut xml = docx.build();
    xml.doc_props.core = core_properties(metadata).into_bytes();
    let mut document = table::DocumentXml::new(&xml.document, builder);
    super::package::write(&xml, &mut |out| document.next_piece(out)).map_err(|e| RenderError {
        format: Format::Docx,
        message: e.to_string(),
    })
}

/// Single line spacing with `before` and `after` twips of space around.
fn single_spacing(before: u32, after: u32) -> LineSpacing {
    LineSpacing::new()
        .before(before)
        .after(after)
        .line(240)
        .line_rule(LineSpacingType::Auto)
}

/// Half-points, the unit of DOCX font sizes.
fn half_points(pt: f32) -> usize {
    (pt * 2.0).round() as usize
}

/// `docProps/core.xml`: title = trích yếu, creator = issuer, dates = the notice date.
fn core_properties(m: &Metadata) -> String {
    let date = format!("{}T00:00:00Z", m.date.iso());
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject><dc:creator>{author}</dc:creator>",
            "<cp:lastModifiedBy>{author}</cp:lastModifiedBy><cp:revision>1</cp:revision>",
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified>"#,
            "<dc:language>vi-VN</dc:language></cp:coreProperties>"
        ),
        title = xml_escape(&m.title),
        subject = xml_escape(&m.subject),
        author = xml_escape(&m.author),
        date = date,
    )
}

/// The named paragraph styles: (id, display name).
pub const STYLES: &[(&str, &str)] = &[
    ("Body", "Nội dung"),
    ("SectionHeading", "Tiêu đề mục"),
    ("Task", "Nhiệm vụ"),
    ("Subtask", "Nhiệm vụ con"),
    ("Recipients", "Nơi nhận"),
];

fn style_id(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Body => "Body",
        BlockKind::SectionHeading | BlockKind::Heading | BlockKind::AppendixHeading => {
            "SectionHeading"
        }
        BlockKind::Task => "Task",
        BlockKind::Subtask => "Subtask",
    }
}

struct Builder<'a> {
    layout: &'a Layout,
    /// The document's laid-out lines, rule lengths and grid.
    frame: &'a Frame,
    fonts: RunFonts,
    next_id: u32,
    /// The body rows of each data table, in order, to be made as the
    /// package is written ([`table::DocumentXml`]).
    data_rows: Vec<table::BodyRows<'a>>,
}

/// How one line of the header or signature block is set.
#[derive(Clone, Copy)]
struct LineStyle {
    size: f32,
    bold: bool,
    italic: bool,
    align: AlignmentType,
}

impl LineStyle {
    fn centred(size: f32, bold: bool, italic: bool) -> Self {
        LineStyle {
            size,
            bold,
            italic,
            align: AlignmentType::Center,
        }
    }
}

impl<'a> Builder<'a> {
    fn new(layout: &'a Layout, frame: &'a Frame) -> Self {
        let f = &layout.font_family;
        Builder {
            layout,
            frame,
            fonts: RunFonts::new().ascii(f).hi_ansi(f).cs(f).east_asia(f),
            next_id: 1,
            data_rows: Vec::new(),
        }
    }

    /// A paragraph with a per-document id (docx-rs's own counter is thread-global).
    fn paragraph(&mut self) -> Paragraph {
        let id = format!("{:08X}", self.next_id);
        self.next_id += 1;
        Paragraph::new().id(id)
    }

    fn run(&self, text: &str, size: f32, bold: bool, italic: bool) -> Run {
        let mut run = Run::new()
            .add_text(text)
            .fonts(self.fonts.clone())
            .size(half_points(size));
        if bold {
            run = run.bold();
        }
        if italic {
            run = run.italic();
        }
        run
    }

    /// Lines joined by line breaks in one paragraph, single spacing, no space around.
    fn lines(&mut self, lines: &[String], style: LineStyle) -> Paragraph {
        let mut p = self
            .paragraph()
            .align(style.align)
            .line_spacing(single_spacing(0, 0));
        for (i, line) in lines.iter().enumerate() {
            let mut run = self.run(line, style.size, style.bold, style.italic);
            if i + 1 < lines.len() {
                run = run.add_break(BreakType::TextWrapping);
            }
            p = p.add_run(run);
        }
        p
    }

    fn line(&mut self, text: &str, style: LineStyle) -> Paragraph {
        self.lines(&[text.to_string()], style)
    }

    /// A rule: an empty paragraph `rule_gap_pt` high whose bottom border is
    /// `length_pt` long, centred in a box `box_twips` wide.
    fn rule(&mut self, length_pt: f32, box_twips: i32, space_after_pt: f32) -> Paragraph {
        // At least a point long, never longer than its box (however
        // narrow a layout makes the box).
        let length = pt_to_twips(length_pt).max(20).min(box_twips.max(0));
        let side = (box_twips - length) / 2;
        let border = ParagraphBorder::new(ParagraphBorderPosition::Bottom)
            .val(BorderType::Single)
            .size(((self.layout.rule_thickness_pt * 8.0).round() as usize).max(2))
            .space(0)
            .color("000000");
        let mut p = self
            .paragraph()
            .indent(Some(side), None, Some(side), None)
            .line_spacing(
                LineSpacing::new()
                    .before(0)
                    .after(pt_to_twips(space_after_pt) as u32)
                    .line(pt_to_twips(self.layout.rule_gap_pt))
                    .line_rule(LineSpacingType::Exact),
            )
            .size(2);
        p.property = p
            .property
            .set_borders(ParagraphBorders::with_empty().set(border));
        p
    }

    fn cell(&self, width: i32) -> TableCell {
        TableCell::new()
            .width(width as usize, WidthType::Dxa)
            .vertical_align(VAlignType::Top)
    }

    /// A borderless two-column table on the house grid.
    fn table(&self, rows: Vec<TableRow>) -> Table {
        let (left, right) = self.frame.columns.twips();
        Table::without_borders(rows)
            .set_grid(vec![left as usize, right as usize])
            .width((left + right) as usize, WidthType::Dxa)
            .indent(0)
            .layout(TableLayoutType::Fixed)
            .margins(TableCellMargins::new().margin(0, 0, 0, 0))
    }

    fn header_table(&mut self, notice: &Document) -> Table {
        let (l, frame) = (self.layout, self.frame);
        let (left_w, right_w) = self.frame.columns.twips();
        let mut left = self.cell(left_w);
        if let Some(lines) = &frame.parent_lines {
            left = left.add_paragraph(
                self.lines(lines, LineStyle::centred(l.parent_size_pt, false, false)),
            );
        }
        left = left
            .add_paragraph(self.lines(
                &frame.issuer_lines,
                LineStyle::centred(l.issuer_size_pt, true, false),
            ))
            .add_paragraph(self.rule(frame.issuer_rule_pt, left_w, l.rule_space_after_pt));
        let right = self
            .cell(right_w)
            .add_paragraph(self.line(
                NATIONAL_TITLE,
                LineStyle::centred(l.national_title_size_pt, true, false),
            ))
            .add_paragraph(self.line(MOTTO, LineStyle::centred(l.motto_size_pt, true, false)))
            .add_paragraph(self.rule(frame.motto_rule_pt, right_w, l.rule_space_after_pt));
        let number_style = LineStyle::centred(l.number_size_pt, false, false);
        let mut number = self
            .cell(left_w)
            .add_paragraph(self.line(&notice.number_line, number_style));
        if !frame.subject_lines.is_empty() {
            // A công văn's `V/v …`, a paragraph's spacing under the number.
            let before = pt_to_twips(l.body_space_before_pt) as u32;
            number = number.add_paragraph(
                self.lines(&frame.subject_lines, number_style)
                    .line_spacing(single_spacing(before, 0)),
            );
        }
        // Minutes have no date line: an empty line of the number's size
        // keeps the row as high as the number alone, as in the PDF.
        let date = self.cell(right_w).add_paragraph(match &notice.date_line {
            Some(date_line) => self.line(
                date_line,
                LineStyle::centred(l.date_line_size_pt, false, true),
            ),
            None => self
                .lines(&[], LineStyle::centred(l.number_size_pt, false, false))
                .size(half_points(l.number_size_pt)),
        });
        self.table(vec![
            TableRow::new(vec![left, right]).cant_split(),
            TableRow::new(vec![number, date]).cant_split(),
        ])
    }

    fn title(&mut self, notice: &Document) -> Vec<Paragraph> {
        let (l, frame) = (self.layout, self.frame);
        let text_w = mm_to_twips(l.text_width_mm());
        if notice.letter.is_some() {
            // A công văn: `Kính gửi: …` in place of the title, the space
            // down to the body in its "after", as under a title's rule.
            let before = pt_to_twips(l.doc_type_space_before_pt) as u32;
            let after = pt_to_twips(l.rule_space_after_pt + l.body_space_before_pt) as u32;
            let style = LineStyle::centred(l.body_size_pt, false, false);
            let addressee = self
                .lines(&frame.addressee_lines, style)
                .line_spacing(single_spacing(before, after))
                .keep_next(true);
            return vec![addressee];
        }
        let doc_type = self
            .line(
                &notice.doc_type,
                LineStyle::centred(l.doc_type_size_pt, true, false),
            )
            .line_spacing(single_spacing(
                pt_to_twips(l.doc_type_space_before_pt) as u32,
                0,
            ))
            .keep_next(true);
        let style = LineStyle::centred(l.summary_size_pt, true, false);
        let summary = self.lines(&frame.summary_lines, style).keep_next(true);
        // The space down to the body sits all in the rule's "after" (the first
        // body paragraph has no "before"): Word adds a paragraph's after to the
        // next one's before, LibreOffice takes the larger, and this way both agree.
        let after = l.rule_space_after_pt + l.body_space_before_pt;
        let rule = self.rule(frame.summary_rule_pt, text_w, after);
        vec![doc_type, summary, rule]
    }

    fn body_paragraph(&mut self, kind: BlockKind, inlines: &[Inline]) -> Paragraph {
        let size = self.layout.body_size_pt;
        let mut p = self.paragraph().style(style_id(kind));
        if kind == BlockKind::Heading {
            p = p.keep_next(true);
        }
        self.add_inlines(p, inlines, size, false)
    }

    /// `inlines` as runs of `p` at `size`; `bold` makes every run bold.
    fn add_inlines(
        &self,
        mut p: Paragraph,
        inlines: &[Inline],
        size: f32,
        bold: bool,
    ) -> Paragraph {
        for inline in inlines {
            p = match inline {
                Inline::Text {
                    text,
                    bold: b,
                    italic,
                } => p.add_run(self.run(text, size, bold || *b, *italic)),
                Inline::LineBreak => p.add_run(Run::new().add_break(BreakType::TextWrapping)),
            };
        }
        p
    }

    /// The parts of a body in order. `first_flush`: the first paragraph
    /// has no space before (it follows the title's rule); `keep_last`: the
    /// last paragraph stays with what follows (the signature block). A
    /// table follows the paragraph before it with no space between, as in
    /// the PDF and the web page: paragraphs carry their space before them,
    /// not after, and a table has none; a paragraph's space after would
    /// show above a table in Word but not in LibreOffice, so none is the
    /// only spacing both show alike.
    fn body(
        &mut self,
        mut docx: Docx,
        parts: &'a [BodyPart],
        first_flush: bool,
        keep_last: bool,
    ) -> Docx {
        for (i, part) in parts.iter().enumerate() {
            match part {
                BodyPart::Paragraph(block) => {
                    let mut p = self.body_paragraph(block.kind, &block.inlines);
                    if i == 0 && first_flush {
                        p = p.line_spacing(LineSpacing::new().before(0));
                    }
                    if i + 1 == parts.len() && keep_last {
                        p = p.keep_next(true);
                    }
                    docx = docx.add_paragraph(p);
                }
                BodyPart::Table(table) => docx = docx.add_table(self.data_table(table)),
            }
        }
        docx
    }

    /// The heading lines of Phụ lục `k`, as laid out, centred, the last
    /// with the space under it.
    fn appendix_heading(&mut self, mut docx: Docx, appendix: &Appendix, k: usize) -> Docx {
        let (l, lines) = (self.layout, &self.frame.appendix_headings[k]);
        let count = appendix.heading.len();
        for (i, (h, lines)) in appendix.heading.iter().zip(lines).enumerate() {
            let mut p = self.lines(
                lines,
                LineStyle::centred(l.appendix_heading_size_pt, h.bold, h.italic),
            );
            if i + 1 == count {
                p = p.line_spacing(single_spacing(
                    0,
                    pt_to_twips(l.appendix_heading_space_after_pt) as u32,
                ));
            }
            docx = docx.add_paragraph(p.keep_next(true));
        }
        docx
    }

    /// The paragraph that ends a section (its properties in `section`):
    /// 1 pt high, so that it adds nothing the PDF does not have.
    fn section_break(&mut self, section: SectionProperty) -> Paragraph {
        self.point_paragraph().section_property(section)
    }

    /// An empty paragraph 1 pt high.
    fn point_paragraph(&mut self) -> Paragraph {
        self.paragraph().size(2).line_spacing(
            LineSpacing::new()
                .before(0)
                .after(0)
                .line(20)
                .line_rule(LineSpacingType::Exact),
        )
    }

    /// A single-spaced paragraph with `before_twips` of space above it.
    fn spaced_line(&mut self, text: &str, style: LineStyle, before_twips: u32) -> Paragraph {
        self.line(text, style)
            .line_spacing(single_spacing(before_twips, 0))
    }

    /// `Nơi nhận:` and its lines, added to a cell; `before`: the space above.
    fn recipients(&mut self, mut cell: TableCell, lines: &[String], before: u32) -> TableCell {
        let l = self.layout;
        let heading = LineStyle {
            size: l.recipients_heading_size_pt,
            bold: true,
            italic: true,
            align: AlignmentType::Left,
        };
        cell = cell.add_paragraph(self.spaced_line(RECIPIENTS_HEADING, heading, before));
        for line in lines {
            let p = self.paragraph().style("Recipients").add_run(self.run(
                line,
                l.recipients_size_pt,
                false,
                false,
            ));
            cell = cell.add_paragraph(p);
        }
        cell
    }

    /// A signer's column, `width` twips wide: the title lines of signer
    /// `k` as laid out (each line as written a paragraph, with explicit
    /// breaks when long; `before` twips above the first), then the space
    /// for signing, then the name.
    fn signer_column(&mut self, k: usize, width: i32, name: &str, before: u32) -> TableCell {
        let l = self.layout;
        let signer = LineStyle::centred(l.signer_size_pt, true, false);
        let mut cell = self.cell(width);
        for (i, lines) in self.frame.signer_titles[k].iter().enumerate() {
            let mut p = self.lines(lines, signer);
            if i == 0 {
                p = p.line_spacing(single_spacing(before, 0));
            }
            cell = cell.add_paragraph(p.keep_next(true));
        }
        let gap = mm_to_twips(l.signature_space_mm) as u32;
        cell.add_paragraph(self.spaced_line(name, signer, gap))
    }

    fn signature_table(&mut self, notice: &Document) -> Table {
        let l = self.layout;
        let (left_w, right_w) = self.frame.columns.twips();
        let before = pt_to_twips(l.signature_table_space_before_pt) as u32;
        let (left, right) = match &notice.signature {
            Signature::Single { name, .. } => (
                self.recipients(self.cell(left_w), &notice.recipients, before),
                self.signer_column(0, right_w, name, before),
            ),
            Signature::Pair { left, right } => {
                let left = self.signer_column(0, left_w, &left.name, before);
                let right = self.signer_column(1, right_w, &right.name, before);
                let below = pt_to_twips(l.recipients_below_space_pt) as u32;
                (self.recipients(left, &notice.recipients, below), right)
            }
        };
        self.table(vec![TableRow::new(vec![left, right]).cant_split()])
    }

    fn styles(&self, mut docx: Docx) -> Docx {
        let l = self.layout;
        let body = |id: &str, name: &str| {
            Style::new(id, StyleType::Paragraph)
                .name(name)
                .q_format(true)
                .fonts(self.fonts.clone())
                .size(half_points(l.body_size_pt))
                .align(AlignmentType::Both)
                .indent(
                    Some(0),
                    Some(SpecialIndentType::FirstLine(mm_to_twips(l.body_indent_mm))),
                    Some(0),
                    None,
                )
                .line_spacing(
                    LineSpacing::new()
                        .before(pt_to_twips(l.body_space_before_pt) as u32)
                        .after(0)
                        .line(pt_to_twips(l.body_line_pt))
                        .line_rule(LineSpacingType::Exact),
                )
        };
        for (id, name) in STYLES {
            let style = match *id {
                "Recipients" => Style::new(*id, StyleType::Paragraph)
                    .name(*name)
                    .q_format(true)
                    .fonts(self.fonts.clone())
                    .size(half_points(l.recipients_size_pt))
                    .align(AlignmentType::Left)
                    .line_spacing(single_spacing(0, 0)),
                "Body" => body(id, name),
                "SectionHeading" => {
                    // Kept with the first lines of its section, as the PDF
                    // keeps it (docx-rs's Style has no keep_next of its own).
                    let mut style = body(id, name).based_on("Body").next("Body").bold();
                    style.paragraph_property = style.paragraph_property.keep_next(true);
                    style
                }
                _ => body(id, name).based_on("Body").next("Body"),
            };
            docx = docx.add_style(style);
        }
        docx
    }

    /// The page (its size, margins, orientation), the fonts and styles,
    /// and the page numbers in the header from the second page on.
    fn page_setup(&mut self) -> Docx {
        let l = self.layout;
        let mut docx = Docx::new()
            .page_size(
                mm_to_twips(l.page_width_mm) as u32,
                mm_to_twips(l.page_height_mm) as u32,
            )
            .page_margin(
                PageMargin::new()
                    .top(mm_to_twips(l.margin_top_mm))
                    .bottom(mm_to_twips(l.margin_bottom_mm))
                    .left(mm_to_twips(l.margin_left_mm))
                    .right(mm_to_twips(l.margin_right_mm))
                    .header(mm_to_twips(l.header_distance_mm))
                    .footer(mm_to_twips(l.header_distance_mm))
                    .gutter(0),
            )
            .default_fonts(self.fonts.clone())
            .default_size(half_points(l.body_size_pt));
        docx = self.styles(docx);

        let page_number = self
            .paragraph()
            .align(AlignmentType::Center)
            .size(half_points(l.page_number_size_pt))
            .fonts(self.fonts.clone())
            .add_page_num(PageNum::new());
        let first_page_header = self.paragraph();
        docx = docx
            .header(Header::new().add_paragraph(page_number))
            .first_header(Header::new().add_paragraph(first_page_header))
            .title_pg();
        if l.page_width_mm > l.page_height_mm {
            docx = docx.page_orient(PageOrientationType::Landscape);
        }
        docx
    }

    /// A register: its cover lines, then, from the next page, its table
    /// (after a paragraph 1 pt high that carries the page break: a
    /// section break right before a table LibreOffice does not honour).
    fn book(&mut self, book: &'a Book) -> Docx {
        let mut docx = self.page_setup();
        let text_w = mm_to_twips(self.layout.text_width_mm());
        for line in &book.cover {
            let style = LineStyle::centred(line.size_pt, line.bold, false);
            let right = line.box_mm.map_or(0, |w| (text_w - mm_to_twips(w)).max(0));
            let p = self
                .spaced_line(&line.text, style, pt_to_twips(line.space_before_pt) as u32)
                .indent(Some(0), None, Some(right), None);
            docx = docx.add_paragraph(p);
        }
        let page_break = self.point_paragraph().page_break_before(true);
        docx.add_paragraph(page_break)
            .add_table(self.data_table(&book.table))
    }

    fn document(&mut self, notice: &'a Document) -> Docx {
        let mut docx = self.page_setup();
        docx = docx.add_table(self.header_table(notice));
        for p in self.title(notice) {
            docx = docx.add_paragraph(p);
        }
        // The last body paragraph stays with the signature block.
        docx = self.body(docx, &notice.body, true, true);
        docx = docx.add_table(self.signature_table(notice));
        if notice.appendices.is_empty() {
            return docx;
        }
        // Each Phụ lục is a section of its own: from a new page, numbered
        // from 1 with no number on its first page, the headers shared with
        // the document's (the last section's properties are the body's).
        let main = docx.document.section_property.clone();
        let mut appendix_section = main.clone();
        appendix_section.page_num_type = Some(PageNumType::new().start(1));
        docx = docx.add_paragraph(self.section_break(main));
        let count = notice.appendices.len();
        for (k, appendix) in notice.appendices.iter().enumerate() {
            docx = self.appendix_heading(docx, appendix, k);
            docx = self.body(docx, &appendix.body, false, false);
            if k + 1 < count {
                docx = docx.add_paragraph(self.section_break(appendix_section.clone()));
            }
        }
        docx.document.section_property = appendix_section;
        docx
    }
}
