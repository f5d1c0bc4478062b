//! The HTML backend: a document as one standalone web page
//! (`templates/document.html`), laid out as the paper from the same
//! [`Document`] and the same [`crate::layout::Layout`] as the DOCX and the
//! PDF: the header in two columns with its rules, the title and trích yếu
//! broken into the same balanced lines (the grid, lines and rule lengths
//! of the document's [`crate::typeset::frame::Frame`]), the body justified with first-line
//! indents, Nơi nhận and the signature side by side (or below, for the
//! minutes); a print stylesheet for A4 with the house margins and page
//! numbers from page 2; a narrow-screen layout. Before the article, the
//! metadata table portals show, with the same facts as `<meta>` tags.
//!
//! No script and no request to another host; no clock is read, so the same
//! document gives the same bytes.

use std::sync::Arc;

use serde::Serialize;

use super::{Format, RenderError, Renderer};
use crate::body::{BlockKind, BodyPart, CellAlign, Inline};
use crate::document::{Document, Signature, MOTTO, NATIONAL_TITLE, RECIPIENTS_HEADING};
use crate::layout::Layout;
use crate::template::{upper_first, Templates};
use crate::typeset::frame::Columns;

/// The template of a document page.
pub const DOCUMENT_PAGE: &str = "document.html";

/// The font stack after the layout's family (Times New Roman unless the
/// house layout says otherwise, as in the DOCX): its metric clones, then
/// any serif.
const FALLBACK_FONTS: &str = "\"Liberation Serif\", Tinos, serif";

/// Writes documents as web pages.
pub struct HtmlRenderer {
    templates: Arc<Templates>,
    /// The formats written beside each page: linked as attachments.
    siblings: Vec<Format>,
}

impl HtmlRenderer {
    /// A backend with these templates; `siblings`: the other formats the run
    /// writes beside each page (its "Tài liệu đính kèm").
    pub fn new(templates: Arc<Templates>, siblings: &[Format]) -> Self {
        HtmlRenderer {
            templates,
            siblings: siblings
                .iter()
                .copied()
                .filter(|f| *f != Format::Html)
                .collect(),
        }
    }
}

/// A length for CSS: at most three decimals, no trailing zeros.
fn num(x: f32) -> String {
    let s = format!("{x:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// The layout values the stylesheet uses (the grid as laid out), formatted for CSS.
fn css(l: &Layout, columns: &Columns) -> serde_json::Map<String, serde_json::Value> {
    let mut m = serde_json::Map::new();
    let mut put = |k: &str, v: f32| {
        m.insert(k.to_string(), num(v).into());
    };
    put("page_width", l.page_width_mm);
    put("page_height", l.page_height_mm);
    put("margin_top", l.margin_top_mm);
    put("margin_bottom", l.margin_bottom_mm);
    put("margin_left", l.margin_left_mm);
    put("margin_right", l.margin_right_mm);
    put("header_distance", l.header_distance_mm);
    put("text_width", l.text_width_mm());
    put("left_column", columns.left_mm);
    put("right_column", columns.right_mm);
    put("parent_size", l.parent_size_pt);
    put("issuer_size", l.issuer_size_pt);
    put("number_size", l.number_size_pt);
    put("national_title_size", l.national_title_size_pt);
    put("motto_size", l.motto_size_pt);
    put("date_line_size", l.date_line_size_pt);
    put("doc_type_size", l.doc_type_size_pt);
    put("summary_size", l.summary_size_pt);
    put("body_size", l.body_size_pt);
    put("body_line", l.body_line_pt);
    put("body_indent", l.body_indent_mm);
    put("body_space_before", l.body_space_before_pt);
    put("doc_type_space_before", l.doc_type_space_before_pt);
    put("recipients_heading_size", l.recipients_heading_size_pt);
    put("recipients_size", l.recipients_size_pt);
    put("recipients_below_space", l.recipients_below_space_pt);
    put("signer_size", l.signer_size_pt);
    put("signature_space", l.signature_space_mm);
    put("signature_space_before", l.signature_table_space_before_pt);
    put("page_number_size", l.page_number_size_pt);
    put("table_size", l.table_size_pt);
    put("appendix_heading_size", l.appendix_heading_size_pt);
    put(
        "appendix_heading_space_after",
        l.appendix_heading_space_after_pt,
    );
    put("table_border", l.table_border_pt);
    put("table_cell_padding", l.table_cell_padding_pt);
    put("rule_thickness", l.rule_thickness_pt);
    put("rule_gap", l.rule_gap_pt);
    put("rule_space_after", l.rule_space_after_pt);
    m.insert(
        "font".into(),
        format!("\"{}\", {FALLBACK_FONTS}", l.font_family).into(),
    );
    m
}

#[derive(Serialize)]
struct Run<'a> {
    text: &'a str,
    bold: bool,
    italic: bool,
    br: bool,
}

#[derive(Serialize)]
struct Block<'a> {
    tag: &'static str,
    class: &'static str,
    runs: Vec<Run<'a>>,
}

/// A part of the body as the page template sees it: a paragraph (`tag`,
/// `class`, `runs`) or a table.
#[derive(Serialize)]
struct Part<'a> {
    tag: &'static str,
    class: &'static str,
    runs: Vec<Run<'a>>,
    table: Option<TableView<'a>>,
}

#[derive(Serialize)]
struct TableView<'a> {
    /// Column widths in % of the text width.
    widths: Vec<String>,
    /// `left`, `centre`, `right`, per column.
    aligns: Vec<&'static str>,
    head: Vec<Vec<Run<'a>>>,
    rows: Vec<Vec<Vec<Run<'a>>>>,
}

#[derive(Serialize)]
struct HeadingLineView<'a> {
    /// As laid out.
    lines: &'a [String],
    bold: bool,
    italic: bool,
}

#[derive(Serialize)]
struct AppendixView<'a> {
    heading: Vec<HeadingLineView<'a>>,
    body: Vec<Part<'a>>,
}

#[derive(Serialize)]
struct Link {
    label: String,
    href: String,
}

#[derive(Serialize)]
struct Meta {
    /// Loại văn bản: `Thông báo`.
    kind: String,
    /// Số ký hiệu: `25/TB-UBND` (none for a draft).
    reference: Option<String>,
    /// Ngày ban hành, dd/mm/yyyy (none for a draft).
    issued: Option<String>,
    /// The date for `DC.date` (ISO): of issue, or the meeting's for a draft.
    date_iso: String,
    issuer: String,
    signers: String,
    description: String,
}

#[derive(Serialize)]
struct SingleSigner<'a> {
    titles: Vec<&'a str>,
    name: &'a str,
}

#[derive(Serialize)]
struct PairSigner<'a> {
    /// As written (what templates exported before `titles` print).
    title: &'a str,
    /// As laid out.
    titles: Vec<&'a str>,
    name: &'a str,
}

#[derive(Serialize)]
struct SignatureView<'a> {
    single: Option<SingleSigner<'a>>,
    pair: Vec<PairSigner<'a>>,
}

#[derive(Serialize)]
struct Page<'a> {
    generator: String,
    css: serde_json::Map<String, serde_json::Value>,
    meta: Meta,
    attachments: Vec<Link>,
    parent: Option<&'a [String]>,
    issuer: &'a [String],
    national_title: &'static str,
    motto: &'static str,
    number_line: &'a str,
    date_line: Option<&'a str>,
    doc_type: &'a str,
    summary: &'a str,
    summary_lines: &'a [String],
    /// A công văn's `V/v …` under the number (empty for other documents).
    subject_lines: &'a [String],
    /// A công văn's `Kính gửi: …`, in place of the title (empty for
    /// other documents).
    addressee_lines: &'a [String],
    rules: serde_json::Value,
    body: Vec<Part<'a>>,
    appendices: Vec<AppendixView<'a>>,
    recipients_heading: &'static str,
    recipients: &'a [String],
    signature: SignatureView<'a>,
}

fn runs(inlines: &[Inline]) -> Vec<Run<'_>> {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text { text, bold, italic } => Run {
                text,
                bold: *bold,
                italic: *italic,
                br: false,
            },
            Inline::LineBreak => Run {
                text: "",
                bold: false,
                italic: false,
                br: true,
            },
        })
        .collect()
}

fn block(kind: BlockKind, inlines: &[Inline]) -> Block<'_> {
    let (tag, class) = match kind {
        BlockKind::SectionHeading => ("h2", ""),
        BlockKind::Heading | BlockKind::AppendixHeading => ("p", "heading"),
        BlockKind::Task => ("p", "task"),
        BlockKind::Subtask => ("p", "subtask"),
        BlockKind::Body => ("p", ""),
    };
    Block {
        tag,
        class,
        runs: runs(inlines),
    }
}

fn part(p: &BodyPart) -> Part<'_> {
    match p {
        BodyPart::Paragraph(b) => {
            let Block { tag, class, runs } = block(b.kind, &b.inlines);
            Part {
                tag,
                class,
                runs,
                table: None,
            }
        }
        BodyPart::Table(t) => Part {
            tag: "table",
            class: "",
            runs: Vec::new(),
            table: Some(TableView {
                widths: t.columns.iter().map(|c| num(c.share * 100.0)).collect(),
                aligns: t
                    .columns
                    .iter()
                    .map(|c| match c.align {
                        CellAlign::Left => "left",
                        CellAlign::Centre => "centre",
                        CellAlign::Right => "right",
                    })
                    .collect(),
                head: t.head.iter().map(|c| runs(c)).collect(),
                rows: t
                    .rows
                    .iter()
                    .map(|r| r.iter().map(|c| runs(c)).collect())
                    .collect(),
            }),
        },
    }
}

impl HtmlRenderer {
    fn page<'a>(&self, d: &'a Document) -> Page<'a> {
        let l = &d.layout;
        let m = &d.metadata;
        let kind = upper_first(&d.doc_type.to_lowercase());
        let signers = match &d.signature {
            Signature::Single { name, .. } => name.clone(),
            Signature::Pair { left, right } => format!(
                "{} ({}), {} ({})",
                left.name,
                left.title.to_lowercase(),
                right.name,
                right.title.to_lowercase()
            ),
        };
        let description = match (&m.reference, m.issued) {
            (Some(r), Some(date)) => format!(
                "{kind} số {r} ngày {} của {}: {}",
                date.numeric(),
                m.author,
                m.title
            ),
            _ => format!("{kind} (dự thảo) của {}: {}", m.author, m.title),
        };
        let frame = &d.frame;
        let rules = serde_json::json!({
            "issuer": num(frame.issuer_rule_pt),
            "motto": num(frame.motto_rule_pt),
            "summary": num(frame.summary_rule_pt),
        });
        let attachments = match &d.file_name {
            Some(base) => self
                .siblings
                .iter()
                .map(|f| Link {
                    label: f.extension().to_uppercase(),
                    href: format!("{base}.{}", f.extension()),
                })
                .collect(),
            None => Vec::new(),
        };
        let signature = match &d.signature {
            Signature::Single { name, .. } => SignatureView {
                single: Some(SingleSigner {
                    titles: frame.signer_lines(0).map(String::as_str).collect(),
                    name,
                }),
                pair: Vec::new(),
            },
            Signature::Pair { left, right } => SignatureView {
                single: None,
                pair: [left, right]
                    .into_iter()
                    .enumerate()
                    .map(|(k, s)| PairSigner {
                        title: &s.title,
                        titles: frame.signer_lines(k).map(String::as_str).collect(),
                        name: &s.name,
                    })
                    .collect(),
            },
        };
        Page {
            generator: format!("ketluan {}", env!("CARGO_PKG_VERSION")),
            css: css(l, &frame.columns),
            meta: Meta {
                kind,
                reference: m.reference.clone(),
                issued: m.issued.map(|d| d.numeric()),
                date_iso: m.date.iso(),
                issuer: m.author.clone(),
                signers,
                description,
            },
            attachments,
            parent: frame.parent_lines.as_deref(),
            issuer: &frame.issuer_lines,
            national_title: NATIONAL_TITLE,
            motto: MOTTO,
            number_line: &d.number_line,
            date_line: d.date_line.as_deref(),
            doc_type: &d.doc_type,
            summary: &m.title,
            summary_lines: &frame.summary_lines,
            subject_lines: &frame.subject_lines,
            addressee_lines: &frame.addressee_lines,
            rules,
            body: d.body.iter().map(part).collect(),
            appendices: d
                .appendices
                .iter()
                .zip(&frame.appendix_headings)
                .map(|(a, lines)| AppendixView {
                    heading: a
                        .heading
                        .iter()
                        .zip(lines)
                        .map(|(h, lines)| HeadingLineView {
                            lines,
                            bold: h.bold,
                            italic: h.italic,
                        })
                        .collect(),
                    body: a.body.iter().map(part).collect(),
                })
                .collect(),
            recipients_heading: RECIPIENTS_HEADING,
            recipients: &d.recipients,
            signature,
        }
    }
}

impl Renderer for HtmlRenderer {
    fn format(&self) -> Format {
        Format::Html
    }

    fn render(&self, document: &Document) -> Result<Vec<u8>, RenderError> {
        self.templates
            .render(DOCUMENT_PAGE, &self.page(document))
            .map(String::into_bytes)
            .map_err(|e| RenderError {
                format: Format::Html,
                message: e.to_string(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::num;

    #[test]
    fn css_numbers_are_short_and_stable() {
        assert_eq!(num(14.0), "14");
        assert_eq!(num(0.75), "0.75");
        assert_eq!(num(1.0 / 3.0), "0.333");
        assert_eq!(num(165.0), "165");
        assert_eq!(num(-0.0001), "0");
    }
}
