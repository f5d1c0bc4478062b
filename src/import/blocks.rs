//! What every reader hands the notice parser: the document's paragraphs in
//! reading order, each with the little of its look that tells the parts of
//! a notice apart (centred, bold, in which cell of a table).

/// How a paragraph is aligned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Left, or not said.
    Left,
    /// Centred.
    Centre,
    /// Right.
    Right,
    /// Justified (the body of a notice).
    Justify,
}

/// Where a paragraph stands in a table: which table of the document, which
/// row and which column (tables nested in a cell count as their cell).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cell {
    /// The table, counted from 0 in the document.
    pub table: usize,
    /// The row.
    pub row: usize,
    /// The column.
    pub column: usize,
}

/// A paragraph as printed: numbering resolved to its text (`1. `, `a) `,
/// `- `), tabs as spaces, manual line breaks as `\n`, no-break spaces as
/// spaces, soft hyphens and deleted text dropped, a field's result kept.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// The text, trimmed.
    pub text: String,
    /// Its alignment.
    pub align: Align,
    /// Every letter in it bold.
    pub bold: bool,
    /// Every letter in it italic.
    pub italic: bool,
    /// Its table cell, if any.
    pub cell: Option<Cell>,
    /// The text's parts between tabs (a header or signature typed as two
    /// columns with tabs on one line), cleaned; empty without a tab.
    pub parts: Vec<String>,
    /// The text as Markdown: bold and italic runs of a paragraph that is
    /// not bold (italic) throughout marked `**…**` (`*…*`), Markdown's
    /// own characters escaped. The same as `text` for plain text.
    pub marked: String,
}

impl Block {
    /// A left-aligned plain paragraph outside tables.
    pub fn plain(text: &str) -> Block {
        Block {
            text: text.to_string(),
            align: Align::Left,
            bold: false,
            italic: false,
            cell: None,
            parts: Vec::new(),
            marked: escape(text),
        }
    }
}

/// Escapes what Markdown would read as markup: `\`, `*`, `_`, `` ` ``,
/// `[`, `<`, and a number that starts a line followed by `.` or `)`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("\\\n");
        }
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        for (j, c) in line.chars().enumerate() {
            if matches!(c, '\\' | '*' | '_' | '`' | '[' | '<')
                || (j == digits && digits > 0 && matches!(c, '.' | ')'))
                || (j == 0 && matches!(c, '#' | '>' | '+'))
            {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// Cleans a paragraph's text as it reads on paper: no-break spaces and
/// tabs as spaces, soft hyphens and zero-width characters dropped, runs of
/// spaces folded (line breaks kept), composed (NFC).
pub fn clean(text: &str) -> String {
    let mapped: String = text
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}'
            )
        })
        .map(|c| match c {
            '\u{a0}' | '\t' | '\u{2007}' | '\u{202f}' | '\u{2002}' | '\u{2003}' => ' ',
            '\r' => '\n',
            c => c,
        })
        .collect();
    let lines: Vec<String> = mapped
        .split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    crate::text::nfc(lines.join("\n").trim())
}

/// Splits plain text (a notice copied from a web page, or `pdftotext`'s
/// output) into blocks: a line with a wide gap (four spaces or more, as
/// `pdftotext -layout` sets two columns) becomes two cells of a row; lines
/// of one paragraph broken by a PDF are joined (see [`joins`]); a blank
/// line ends a paragraph.
pub fn from_text(text: &str) -> Vec<Block> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let wrap = wrap_width(text);
    let layout = laid_out(text);
    let mut last_len = 0;
    let mut blocks: Vec<Block> = Vec::new();
    let mut open = false;
    let mut table = 0;
    let mut row = 0;
    let mut in_columns = false;
    for raw in text.split(['\n', '\u{c}']) {
        let raw = raw.trim_end_matches('\r');
        let line = raw.trim();
        if line.is_empty() {
            open = false;
            continue;
        }
        let parts = columns(raw);
        if parts.len() >= 2 {
            if !in_columns {
                table += 1;
                row = 0;
                in_columns = true;
            } else {
                row += 1;
            }
            for (column, part) in parts.iter().enumerate().take(2) {
                blocks.push(Block {
                    cell: Some(Cell {
                        table: table - 1,
                        row,
                        column,
                    }),
                    ..Block::plain(&clean(part))
                });
            }
            open = false;
            continue;
        }
        let indent = raw.len() - raw.trim_start().len();
        let align = if indent >= 8 {
            Align::Centre
        } else {
            Align::Left
        };
        if layout && indent >= 8 && line.chars().all(|c| c.is_ascii_digit()) {
            // A page's number.
            continue;
        }
        let line = clean(line);
        let len = line.chars().count();
        // In a PDF's laid-out text a paragraph starts indented and goes on
        // flush left; elsewhere a line goes on a paragraph whose sentence
        // it finishes.
        let goes_on = if layout {
            indent < 3 && !starts_item(&line)
        } else {
            joins(
                &blocks.last().map_or(String::new(), |b| b.text.clone()),
                &line,
            )
        };
        match blocks.last_mut() {
            Some(last) if open && last.cell.is_none() && wrapped(last_len, wrap) && goes_on => {
                // A line broken after a word's hyphen (`Covid-` / `19`)
                // joins without a space.
                let mut tail = last.text.chars().rev();
                let hyphenated =
                    tail.next() == Some('-') && tail.next().is_some_and(char::is_alphanumeric);
                if !hyphenated {
                    last.text.push(' ');
                }
                last.text.push_str(&line);
            }
            _ => {
                in_columns = false;
                blocks.push(Block {
                    align,
                    ..Block::plain(&line)
                });
            }
        }
        open = true;
        last_len = len;
    }
    for b in &mut blocks {
        b.marked = escape(&b.text);
    }
    blocks
}

/// Whether a text is laid out as `pdftotext -layout` writes a page: at
/// least a tenth of its lines indented by two to seven spaces (first
/// lines of paragraphs), the rest flush left.
fn laid_out(text: &str) -> bool {
    let (mut lines, mut indented) = (0, 0);
    for l in text.lines().filter(|l| !l.trim().is_empty()) {
        lines += 1;
        let indent = l.len() - l.trim_start_matches(' ').len();
        if (2..=7).contains(&indent) {
            indented += 1;
        }
    }
    lines > 0 && indented * 10 >= lines
}

/// The width text was wrapped at, in characters: the 90th percentile of
/// its lines' lengths (a PDF's text has most lines full; a web page's text
/// a paragraph per line, of any length).
fn wrap_width(text: &str) -> usize {
    let mut lengths: Vec<usize> = text
        .lines()
        .map(|l| l.trim().chars().count())
        .filter(|&n| n > 0)
        .collect();
    lengths.sort_unstable();
    lengths.get(lengths.len() * 9 / 10).copied().unwrap_or(0)
}

/// Whether a line of `len` characters filled the width text was wrapped
/// at (so the next line goes on with its paragraph).
fn wrapped(len: usize, wrap: usize) -> bool {
    len * 10 >= wrap * 6
}

/// The parts of a paragraph's raw text between tabs, when it has a tab
/// between two pieces of text.
pub fn tab_parts(raw: &str) -> Vec<String> {
    let parts: Vec<String> = raw
        .split('\t')
        .map(clean)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() >= 2 {
        parts
    } else {
        Vec::new()
    }
}

/// A line's parts split at wide gaps (four spaces or more); one part when
/// there is no gap.
fn columns(line: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut spaces = 0;
    let mut current = String::new();
    for c in line.chars() {
        if c == ' ' {
            spaces += 1;
            continue;
        }
        if spaces >= 4 && !current.is_empty() {
            parts.push(std::mem::take(&mut current));
        } else if spaces > 0 && !current.is_empty() {
            current.push(' ');
        }
        spaces = 0;
        current.push(c);
    }
    if !current.is_empty() {
        parts.push(current);
    }
    parts
}

/// Whether `line` continues the paragraph that ends with `previous`: the
/// previous line does not end a sentence or a heading (`.`, `:`, `;`,
/// `!`, `?`) and this one does not start a numbered or dashed item, a
/// section or `Nơi nhận`.
pub fn joins(previous: &str, line: &str) -> bool {
    let ended = previous
        .trim_end()
        .ends_with(['.', ':', ';', '!', '?', '”', '"']);
    !ended && !starts_item(line)
}

/// Whether a line starts an item: `1.`, `1)`, `a)`, `I.`, `-`, `+`, `•`,
/// `*`, or is `Nơi nhận:`.
pub fn starts_item(line: &str) -> bool {
    let line = line.trim_start();
    if line.starts_with(['-', '+', '•', '*', '–']) || line.starts_with("Nơi nhận") {
        return true;
    }
    let head: String = line.chars().take_while(|c| c.is_alphanumeric()).collect();
    let after = line[head.len()..].chars().next();
    let numbered = !head.is_empty()
        && (head.chars().all(|c| c.is_ascii_digit())
            || head.chars().all(|c| "IVXLC".contains(c))
            || (head.chars().count() == 1 && head.chars().all(|c| c.is_lowercase())));
    numbered && matches!(after, Some('.') | Some(')'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_lines_of_a_pdf_join_into_paragraphs() {
        let text = "1. Giao Sở Y tế chủ trì, phối hợp với\ncác đơn vị liên quan: rà soát.\n2. Tiếp\n\nNơi nhận:\n";
        let blocks = from_text(text);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "1. Giao Sở Y tế chủ trì, phối hợp với các đơn vị liên quan: rà soát.",
                "2. Tiếp",
                "Nơi nhận:"
            ]
        );
    }

    #[test]
    fn two_columns_become_cells() {
        let blocks =
            from_text("ỦY BAN NHÂN DÂN        CỘNG HÒA XÃ HỘI\n  TỈNH LAI CHÂU         Độc lập\n");
        assert_eq!(blocks.len(), 4);
        assert_eq!(blocks[2].text, "TỈNH LAI CHÂU");
        assert_eq!(
            blocks[3].cell,
            Some(Cell {
                table: 0,
                row: 1,
                column: 1
            })
        );
    }

    #[test]
    fn cleaning_folds_what_word_hides() {
        assert_eq!(clean("a\u{a0}b\tc\u{ad}d  e\r f"), "a b cd e\nf");
    }
}
