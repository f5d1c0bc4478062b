//! The document body model: paragraphs of styled runs and tables, as the
//! Markdown reader ([`crate::markdown`]) produces them and every backend
//! (DOCX, PDF, HTML) and the typesetter consume them. Nothing here knows
//! Markdown or any output format.

/// A run of text with its emphasis, or a line break.
#[derive(Clone, Debug, PartialEq)]
pub enum Inline {
    /// Text in one style.
    Text {
        /// The characters (NFC).
        text: String,
        /// Bold.
        bold: bool,
        /// Italic.
        italic: bool,
    },
    /// A hard line break inside the paragraph.
    LineBreak,
}

/// What a body paragraph is, which picks its named style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// An ordinary paragraph.
    Body,
    /// A section heading `I. Về …`.
    SectionHeading,
    /// A numbered task `1. Giao …`.
    Task,
    /// A dash item `- …`.
    Subtask,
    /// A heading a template wrote as a Markdown heading (`#### Kết luận
    /// của chủ trì:`): bold, kept on the page of the lines that follow.
    /// Meeting files cannot write one (headings are refused there).
    Heading,
    /// A level-1 heading a template wrote (`# Phụ lục`): it starts an
    /// appendix, printed on a new page after the signature
    /// ([`crate::document::Appendix`]).
    AppendixHeading,
}

/// How the cells of a table column are aligned: `:--`, `:-:`, `--:` in the
/// delimiter row (left when it says nothing).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CellAlign {
    /// Against the left edge.
    Left,
    /// Centred.
    Centre,
    /// Against the right edge (numbers).
    Right,
}

/// A column of a [`Table`].
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct TableColumn {
    /// Share of the text width (the shares of a table add up to 1): in
    /// proportion to the dashes of its delimiter cell (`|:---|--:|`), as
    /// pandoc reads pipe tables.
    pub share: f32,
    /// How its body cells are aligned (heading cells are centred).
    pub align: CellAlign,
}

/// One cell: runs of text with their emphasis.
pub type Cell = Vec<Inline>;

/// A bordered table a template wrote (a GitHub-style pipe table): one
/// heading row, repeated on every page, and rows that never split.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The columns.
    pub columns: Vec<TableColumn>,
    /// The heading row, one cell per column.
    pub head: Vec<Cell>,
    /// The body rows, one cell per column.
    pub rows: Vec<Vec<Cell>>,
    /// A row of the column numbers, `(1)` … `(n)`, under the heading row
    /// and repeated with it (the register's form, Decree 30, Phụ lục IV).
    pub numbered: bool,
}

impl Table {
    /// The row of column numbers, `(1)` … `(n)`, when the table has one.
    pub fn number_row(&self) -> Option<Vec<Cell>> {
        self.numbered.then(|| {
            (1..=self.columns.len())
                .map(|i| {
                    vec![Inline::Text {
                        text: format!("({i})"),
                        bold: false,
                        italic: false,
                    }]
                })
                .collect()
        })
    }
}

/// One part of a document's body, in order: a paragraph or a table.
#[derive(Clone, Debug, PartialEq)]
pub enum BodyPart {
    /// A paragraph.
    Paragraph(Block),
    /// A table (only templates write them; meeting files cannot).
    Table(Table),
}

impl BodyPart {
    /// The part's text without styling: a paragraph's (line breaks as
    /// `\n`), or a table's cells row by row, separated by tabs and line breaks.
    pub fn plain_text(&self) -> String {
        match self {
            BodyPart::Paragraph(b) => b.plain_text(),
            BodyPart::Table(t) => std::iter::once(&t.head)
                .chain(&t.rows)
                .map(|row| {
                    row.iter()
                        .map(|c| cell_text(c))
                        .collect::<Vec<_>>()
                        .join("\t")
                })
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

/// The text of a cell (or any run of inlines) without styling, line breaks
/// as `\n`.
pub fn cell_text(cell: &[Inline]) -> String {
    cell.iter()
        .map(|i| match i {
            Inline::Text { text, .. } => text.as_str(),
            Inline::LineBreak => "\n",
        })
        .collect()
}

/// One paragraph of the body.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// Its kind.
    pub kind: BlockKind,
    /// Its content.
    pub inlines: Vec<Inline>,
}

impl Block {
    /// The paragraph's text without styling (line breaks as `\n`).
    pub fn plain_text(&self) -> String {
        cell_text(&self.inlines)
    }
}
