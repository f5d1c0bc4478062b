//! Markdown → document blocks (pulldown-cmark), and the check of the
//! Markdown subset allowed in the text fields of a meeting file.
//!
//! The subset: paragraphs, `**bold**`, `*italic*`, `- ` dash items (printed as
//! paragraphs that start with `- `), hard line breaks. A numbered list
//! (`1. …`) is accepted with a warning and printed as paragraphs that start
//! with their number, as offices type them. Headings, tables, images, HTML,
//! code blocks, quotes and rules are errors: they have no place in a notice,
//! and they are never dropped silently.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::body::{Block, BlockKind, BodyPart, Cell, CellAlign, Inline, Table, TableColumn};
use crate::diag::Severity;

/// A construct outside the allowed subset, found by [`check_subset`].
#[derive(Clone, Debug, PartialEq)]
pub struct SubsetProblem {
    /// Error or warning.
    pub severity: Severity,
    /// Byte range in the checked text.
    pub range: Range<usize>,
    /// What it is.
    pub message: String,
}

/// The parser for a template's output and for the subset check; `tables`:
/// pipe tables are read as tables (the report's template), otherwise as
/// text, as the subset wants. Strikethrough and the rest stay off: the
/// subset needs none of them.
fn body_parser(text: &str, tables: bool) -> pulldown_cmark::OffsetIter<'_> {
    let options = if tables {
        Options::ENABLE_TABLES
    } else {
        Options::empty()
    };
    Parser::new_ext(text, options).into_offset_iter()
}

/// The shares of a table's columns from its delimiter row (the second line
/// of its source): in proportion to the dashes of each cell; equal shares
/// when the row cannot be read.
fn column_shares(source: &str, columns: usize) -> Vec<f32> {
    let dashes: Vec<usize> = source
        .lines()
        .nth(1)
        .map(|row| {
            let row = row.trim();
            let row = row.strip_prefix('|').unwrap_or(row);
            let row = row.strip_suffix('|').unwrap_or(row);
            row.split('|').map(|c| c.matches('-').count()).collect()
        })
        .unwrap_or_default();
    let total: usize = dashes.iter().sum();
    if dashes.len() != columns || total == 0 {
        return vec![1.0 / columns.max(1) as f32; columns];
    }
    dashes.iter().map(|&d| d as f32 / total as f32).collect()
}

/// Checks that a field's Markdown stays inside the subset.
pub fn check_subset(text: &str) -> Vec<SubsetProblem> {
    let mut out = Vec::new();
    let mut push = |severity, range: Range<usize>, message: &str| {
        out.push(SubsetProblem {
            severity,
            range,
            message: message.to_string(),
        })
    };
    let mut in_ordered = 0usize;
    for (event, range) in body_parser(text, false) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => push(
                Severity::Error,
                range,
                &crate::tr!("markdown.heading", marks = "#".repeat(heading_depth(level))),
            ),
            Event::Start(Tag::Image { .. }) => {
                push(Severity::Error, range, &crate::tr!("markdown.image"))
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                push(Severity::Error, range, &crate::tr!("markdown.html"))
            }
            Event::Start(Tag::CodeBlock(_)) => {
                push(Severity::Error, range, &crate::tr!("markdown.code_block"))
            }
            Event::Start(Tag::BlockQuote(_)) => {
                push(Severity::Error, range, &crate::tr!("markdown.quote"))
            }
            Event::Rule => push(Severity::Error, range, &crate::tr!("markdown.rule")),
            Event::Start(Tag::Link { .. }) => {
                push(Severity::Error, range, &crate::tr!("markdown.link"))
            }
            Event::Start(Tag::List(Some(_))) => {
                in_ordered += 1;
                push(
                    Severity::Warning,
                    range,
                    &crate::tr!("markdown.numbered_list"),
                )
            }
            Event::End(TagEnd::List(true)) => in_ordered = in_ordered.saturating_sub(1),
            _ => {}
        }
    }
    let _ = in_ordered;
    out.extend(tables(text));
    out.sort_by_key(|p| p.range.start);
    out
}

/// A table's delimiter row: `|---|:--:|`, `--- | ---`.
fn is_delimiter_row(line: &str) -> bool {
    let t = line.trim();
    t.contains('|')
        && t.contains('-')
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// A line that looks like a table row: `| a | b |`.
fn is_pipe_row(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 2 && t.starts_with('|') && t.ends_with('|')
}

/// Tables (GitHub style), found line by line: Markdown tables are off in the
/// parser, so they would otherwise print as lines of `|` text. Each table is
/// reported once, at its first line.
fn tables(text: &str) -> Vec<SubsetProblem> {
    let mut out = Vec::new();
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        lines.push((offset, line.trim_end_matches(['\n', '\r'])));
        offset += line.len();
    }
    let mut in_table = false;
    for (i, &(start, line)) in lines.iter().enumerate() {
        let header = lines
            .get(i + 1)
            .is_some_and(|(_, next)| line.contains('|') && is_delimiter_row(next));
        let row = header || is_pipe_row(line) || (in_table && line.contains('|'));
        if row && !in_table {
            out.push(SubsetProblem {
                severity: Severity::Error,
                range: start..start + line.len(),
                message: crate::tr!("markdown.table"),
            });
        }
        in_table = row;
    }
    out
}

fn heading_depth(level: HeadingLevel) -> usize {
    level as usize
}

/// A table being read: its columns, the rows so far, the row open now.
struct TableBuilder {
    columns: Vec<TableColumn>,
    head: Vec<Cell>,
    rows: Vec<Vec<Cell>>,
    row: Vec<Cell>,
}

#[derive(Default)]
struct BlockBuilder {
    parts: Vec<BodyPart>,
    current: Option<Block>,
    table: Option<TableBuilder>,
    /// The open block is a level-1 heading.
    appendix_heading: bool,
    bold: usize,
    italic: usize,
    /// Open lists: `None` for dash lists, `Some(next number)` for numbered ones.
    lists: Vec<Option<u64>>,
    /// A list item has opened and its first paragraph has not started yet.
    pending_item: Option<(BlockKind, String)>,
    /// The open block is a Markdown heading.
    heading: bool,
}

impl BlockBuilder {
    fn start_block(&mut self) {
        self.finish_block();
        let mut block = Block {
            kind: BlockKind::Body,
            inlines: Vec::new(),
        };
        if let Some((kind, marker)) = self.pending_item.take() {
            block.kind = kind;
            block.inlines.push(Inline::Text {
                text: marker,
                bold: false,
                italic: false,
            });
        }
        self.current = Some(block);
    }

    fn finish_block(&mut self) {
        if let Some(mut block) = self.current.take() {
            trim_block(&mut block);
            if block.inlines.is_empty() {
                return;
            }
            if std::mem::take(&mut self.appendix_heading) {
                self.heading = false;
                block.kind = BlockKind::AppendixHeading;
            } else if std::mem::take(&mut self.heading) {
                block.kind = BlockKind::Heading;
            } else if block.kind == BlockKind::Body {
                block.kind = classify(&block);
            }
            self.parts.push(BodyPart::Paragraph(block));
        }
    }

    fn start_table(&mut self, source: &str, aligns: &[pulldown_cmark::Alignment]) {
        use pulldown_cmark::Alignment;
        self.finish_block();
        let shares = column_shares(source, aligns.len());
        let columns = aligns
            .iter()
            .zip(shares)
            .map(|(a, share)| TableColumn {
                share,
                align: match a {
                    Alignment::Center => CellAlign::Centre,
                    Alignment::Right => CellAlign::Right,
                    Alignment::Left | Alignment::None => CellAlign::Left,
                },
            })
            .collect();
        self.table = Some(TableBuilder {
            columns,
            head: Vec::new(),
            rows: Vec::new(),
            row: Vec::new(),
        });
    }

    fn finish_cell(&mut self) {
        let mut cell = self.current.take().map(|mut b| {
            trim_block(&mut b);
            b.inlines
        });
        if let Some(t) = self.table.as_mut() {
            t.row.push(cell.take().unwrap_or_default());
        }
    }

    fn finish_row(&mut self, head: bool) {
        if let Some(t) = self.table.as_mut() {
            let mut row = std::mem::take(&mut t.row);
            row.resize(t.columns.len(), Vec::new());
            if head {
                t.head = row;
            } else {
                t.rows.push(row);
            }
        }
    }

    fn finish_table(&mut self) {
        if let Some(t) = self.table.take() {
            self.parts.push(BodyPart::Table(Table {
                columns: t.columns,
                head: t.head,
                rows: t.rows,
                numbered: false,
            }));
        }
    }

    fn text(&mut self, text: &str) {
        if self.current.is_none() {
            self.start_block();
        }
        let (bold, italic) = (self.bold > 0, self.italic > 0);
        let block = self.current.as_mut().expect("a block is open");
        if let Some(Inline::Text {
            text: last,
            bold: b,
            italic: i,
        }) = block.inlines.last_mut()
        {
            if *b == bold && *i == italic {
                last.push_str(text);
                return;
            }
        }
        block.inlines.push(Inline::Text {
            text: text.to_string(),
            bold,
            italic,
        });
    }

    fn line_break(&mut self) {
        if let Some(block) = self.current.as_mut() {
            // The space before a break would hang at the end of the line.
            if let Some(Inline::Text { text, .. }) = block.inlines.last_mut() {
                let trimmed = text.trim_end_matches(' ').len();
                text.truncate(trimmed);
            }
            block.inlines.push(Inline::LineBreak);
        }
    }
}

fn trim_block(block: &mut Block) {
    while matches!(block.inlines.last(), Some(Inline::LineBreak)) {
        block.inlines.pop();
    }
    if let Some(Inline::Text { text, .. }) = block.inlines.last_mut() {
        let trimmed = text.trim_end().len();
        text.truncate(trimmed);
    }
    block
        .inlines
        .retain(|i| !matches!(i, Inline::Text { text, .. } if text.is_empty()));
}

fn is_roman_numeral(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
}

/// Picks the kind of a paragraph from its start: `I. ` in bold is a section
/// heading, `12. ` a numbered task, `- ` a dash item.
fn classify(block: &Block) -> BlockKind {
    let Some(Inline::Text { text, bold, .. }) = block.inlines.first() else {
        return BlockKind::Body;
    };
    if let Some((head, _)) = text.split_once(". ") {
        if *bold && is_roman_numeral(head) {
            return BlockKind::SectionHeading;
        }
        if !head.is_empty() && head.len() <= 5 && head.bytes().all(|b| b.is_ascii_digit()) {
            return BlockKind::Task;
        }
    }
    if text.starts_with("- ") {
        return BlockKind::Subtask;
    }
    BlockKind::Body
}

/// Parses a Markdown body into paragraphs. Lenient: anything outside the
/// subset is kept as plain text (user fields were checked before, by
/// [`check_subset`]; this only meets the template's own Markdown).
pub fn parse_blocks(text: &str) -> Vec<Block> {
    parse_body(text, false)
        .into_iter()
        .filter_map(|p| match p {
            BodyPart::Paragraph(b) => Some(b),
            BodyPart::Table(_) => None,
        })
        .collect()
}

/// Parses a template's Markdown output into paragraphs and, when `tables`,
/// tables (pipe tables; see [`TableColumn`] for their widths). Lenient as
/// [`parse_blocks`]. The meeting's documents take no tables (their text
/// holds the meeting file's, where a table is refused); the report's
/// template writes two.
pub fn parse_body(text: &str, tables: bool) -> Vec<BodyPart> {
    let mut b = BlockBuilder::default();
    let mut coverage = std::collections::HashMap::new();
    for (event, range) in body_parser(text, tables) {
        match event {
            Event::Start(Tag::Table(aligns)) => b.start_table(&text[range], &aligns),
            Event::End(TagEnd::Table) => b.finish_table(),
            Event::Start(Tag::TableHead | Tag::TableRow) => {}
            Event::End(TagEnd::TableHead) => b.finish_row(true),
            Event::End(TagEnd::TableRow) => b.finish_row(false),
            Event::Start(Tag::TableCell) => b.start_block(),
            Event::End(TagEnd::TableCell) => b.finish_cell(),
            Event::Start(Tag::Heading { level, .. }) => {
                b.start_block();
                b.bold += 1;
                b.heading = true;
                b.appendix_heading = level == HeadingLevel::H1;
            }
            Event::End(TagEnd::Heading(_)) => {
                b.bold = b.bold.saturating_sub(1);
                b.finish_block();
            }
            Event::Start(Tag::Paragraph | Tag::CodeBlock(_)) => b.start_block(),
            Event::End(TagEnd::Paragraph | TagEnd::CodeBlock) => b.finish_block(),
            Event::Start(Tag::List(first)) => {
                b.finish_block();
                b.lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                b.finish_block();
                b.lists.pop();
            }
            Event::Start(Tag::Item) => {
                b.finish_block();
                let marker = match b.lists.last_mut() {
                    Some(Some(n)) => {
                        let m = (BlockKind::Task, format!("{n}. "));
                        *n += 1;
                        m
                    }
                    _ => (BlockKind::Subtask, "- ".to_string()),
                };
                b.pending_item = Some(marker);
            }
            Event::End(TagEnd::Item) => b.finish_block(),
            Event::Start(Tag::Strong) => b.bold += 1,
            Event::End(TagEnd::Strong) => b.bold = b.bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => b.italic += 1,
            Event::End(TagEnd::Emphasis) => b.italic = b.italic.saturating_sub(1),
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                b.text(&printable(&t, &mut coverage))
            }
            Event::SoftBreak => b.text(" "),
            Event::HardBreak => b.line_break(),
            _ => {}
        }
    }
    b.finish_block();
    b.parts
}

/// Text as a notice can hold it, whatever a template wrote: a tab is a space
/// (Word would jump to a tab stop, the PDF has no glyph for it), other
/// control characters are dropped (a DOCX holding them does not open), and a
/// character the embedded fonts cannot draw becomes `?` rather than a blank
/// box. The meeting's own fields were cleaned (with warnings) when
/// validated; this only meets a template's literal text.
fn printable<'t>(
    text: &'t str,
    coverage: &mut std::collections::HashMap<char, bool>,
) -> std::borrow::Cow<'t, str> {
    let mut ok = |c: char| {
        (c.is_ascii() && !c.is_ascii_control())
            || *coverage
                .entry(c)
                .or_insert_with(|| !c.is_control() && crate::typeset::measure::embedded_covers(c))
    };
    if text.chars().all(&mut ok) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if ok(c) {
            out.push(c);
        } else if c == '\t' {
            out.push(' ');
        } else if !c.is_control() {
            out.push('?');
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Escapes text so that Markdown reads it back literally (used for the
/// plain-text fields the template inserts).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '`' | '&' | '!' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str, bold: bool, italic: bool) -> Inline {
        Inline::Text {
            text: s.into(),
            bold,
            italic,
        }
    }

    #[test]
    fn paragraphs_runs_and_kinds() {
        let blocks = parse_blocks(
            "**I. Về việc**\n\n1\\. Giao **Sở** *Y tế*: làm.\n\n- Một\n- Hai  \nba\n\nĐoạn.",
        );
        assert_eq!(blocks.len(), 5);
        assert_eq!(blocks[0].kind, BlockKind::SectionHeading);
        assert_eq!(blocks[1].kind, BlockKind::Task);
        assert_eq!(
            blocks[1].inlines,
            vec![
                text("1. Giao ", false, false),
                text("Sở", true, false),
                text(" ", false, false),
                text("Y tế", false, true),
                text(": làm.", false, false)
            ]
        );
        assert_eq!(blocks[2].kind, BlockKind::Subtask);
        assert_eq!(blocks[2].plain_text(), "- Một");
        assert_eq!(blocks[3].plain_text(), "- Hai\nba");
        assert_eq!(blocks[4].kind, BlockKind::Body);
    }

    #[test]
    fn numbered_list_keeps_its_numbers() {
        let blocks = parse_blocks("1. Một\n2. Hai");
        assert_eq!(blocks[0].plain_text(), "1. Một");
        assert_eq!(blocks[1].plain_text(), "2. Hai");
        assert_eq!(blocks[1].kind, BlockKind::Task);
    }

    #[test]
    fn subset_check_flags_what_is_not_allowed() {
        let p = check_subset("# Tiêu đề\n\nđoạn <b>x</b>\n\n![a](b.png)\n\n> q\n");
        let errors = p.iter().filter(|p| p.severity == Severity::Error).count();
        assert_eq!(errors, 5, "{p:?}"); // heading, two HTML tags, image, quote
        assert!(check_subset("**đậm** và *nghiêng*\n\n- gạch\n").is_empty());
        let w = check_subset("1. một\n2. hai\n");
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].severity, Severity::Warning);
    }

    #[test]
    fn tables_are_found_once_each() {
        let p = check_subset("Đoạn.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nx | y\n--|--\n1 | 2\n");
        let tables: Vec<_> = p.iter().filter(|p| p.message.starts_with("bảng")).collect();
        assert_eq!(tables.len(), 2, "{p:?}");
        assert_eq!(tables[0].range.start, "Đoạn.\n\n".len());
        assert!(check_subset("a | b là hai lựa chọn").is_empty());
    }

    #[test]
    fn tabs_inside_text_are_spaces() {
        let blocks = parse_blocks("một\thai");
        assert_eq!(blocks[0].plain_text(), "một hai");
    }

    #[test]
    fn what_no_font_can_draw_never_reaches_a_backend() {
        let blocks = parse_blocks("a\u{7}b 😀 c\u{0}d “đ”");
        assert_eq!(blocks[0].plain_text(), "ab ? cd “đ”");
    }

    #[test]
    fn escape_round_trips() {
        let s = "a*b_c [d] <e> #f `g` & h!";
        let blocks = parse_blocks(&escape(s));
        assert_eq!(blocks[0].plain_text(), s);
    }
}
