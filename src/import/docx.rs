//! Reads a DOCX as Word or LibreOffice wrote it into [`Block`]s, with `zip`
//! and `roxmltree` rather than docx-rs's reader (docs/import.md: its
//! reader keeps deleted text and field codes, and fails on some files
//! Word writes).
//!
//! Bounded: a part larger than [`MAX_PART_BYTES`] once decompressed is
//! refused (a zip bomb stops there), and XML with a DTD is refused by
//! roxmltree (no entity expansion).

use std::collections::HashMap;
use std::io::Read;

use roxmltree::{Document, Node};

use super::blocks::{clean, escape, Align, Block, Cell};
use super::ImportError;

/// The largest part read, decompressed.
pub const MAX_PART_BYTES: u64 = 32 * 1024 * 1024;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The paragraphs of a DOCX, tables' cells in row order.
pub fn read(bytes: &[u8]) -> Result<Vec<Block>, ImportError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| ImportError::Damaged(format!("zip: {e}")))?;
    let document = part(&mut zip, "word/document.xml")?.ok_or(ImportError::NotDocx)?;
    let numbering = part(&mut zip, "word/numbering.xml")?;
    let styles = part(&mut zip, "word/styles.xml")?;
    let doc = parse(&document, "word/document.xml")?;
    let numbering = match &numbering {
        Some(xml) => Numbering::read(&parse(xml, "word/numbering.xml")?),
        None => Numbering::default(),
    };
    let styles = match &styles {
        Some(xml) => Styles::read(&parse(xml, "word/styles.xml")?),
        None => Styles::default(),
    };
    let body = doc
        .root_element()
        .children()
        .find(|n| is(n, "body"))
        .ok_or(ImportError::NotDocx)?;
    let mut reader = Reader {
        numbering,
        styles,
        counters: HashMap::new(),
        tables: 0,
        blocks: Vec::new(),
        last_number: None,
    };
    reader.container(body, None);
    Ok(reader.blocks)
}

/// A part's text, at most [`MAX_PART_BYTES`]; `None` when absent.
fn part(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, ImportError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(ImportError::Damaged(format!("{name}: {e}"))),
    };
    let mut bytes = Vec::new();
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ImportError::Damaged(format!("{name}: {e}")))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(ImportError::TooLarge(format!(
            "{name} > {} MB",
            MAX_PART_BYTES / 1024 / 1024
        )));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| ImportError::Damaged(format!("{name}: not UTF-8")))
}

fn parse<'a>(xml: &'a str, name: &str) -> Result<Document<'a>, ImportError> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: 4_000_000,
    };
    Document::parse_with_options(xml, options)
        .map_err(|e| ImportError::Damaged(format!("{name}: {e}")))
}

/// Whether `n` is the WordprocessingML element `name`.
fn is(n: &Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(W)
}

/// The `w:val` (or another `w:` attribute) of a node.
fn attr<'a>(n: &Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attribute((W, name))
}

fn child<'a, 'i>(n: &Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| is(c, name))
}

/// A property that is on unless `w:val` says `false`/`0`/`off`.
fn on(n: &Node) -> bool {
    !matches!(attr(n, "val"), Some("false" | "0" | "off" | "none"))
}

/// One level of a numbering definition.
#[derive(Clone, Debug, Default)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// `word/numbering.xml`: each `w:num` as its levels, and the list whose
/// counters it moves on: lists of one abstract definition count on
/// together (as Word and LibreOffice number them) unless a list restarts
/// with a `w:lvlOverride`.
#[derive(Default)]
struct Numbering {
    lists: HashMap<String, (String, Vec<Level>)>,
}

impl Numbering {
    fn read(doc: &Document) -> Numbering {
        let root = doc.root_element();
        let mut abstracts: HashMap<&str, Vec<Level>> = HashMap::new();
        for a in root.children().filter(|n| is(n, "abstractNum")) {
            let id = attr(&a, "abstractNumId").unwrap_or("");
            abstracts.insert(id, levels(a));
        }
        let mut lists = HashMap::new();
        for num in root.children().filter(|n| is(n, "num")) {
            let id = attr(&num, "numId").unwrap_or("").to_string();
            let abs = child(&num, "abstractNumId")
                .and_then(|n| attr(&n, "val"))
                .unwrap_or("");
            let mut lvls = abstracts.get(abs).cloned().unwrap_or_default();
            let counted_as = if num.children().any(|n| is(&n, "lvlOverride")) {
                format!("num {id}")
            } else {
                format!("abstract {abs}")
            };
            for o in num.children().filter(|n| is(n, "lvlOverride")) {
                let i: usize = attr(&o, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                if let Some(l) = child(&o, "lvl") {
                    if let Some(level) = levels_of(l) {
                        if i < lvls.len() {
                            lvls[i] = level;
                        }
                    }
                }
                if let Some(s) = child(&o, "startOverride").and_then(|n| attr(&n, "val")) {
                    if let (Some(level), Ok(s)) = (lvls.get_mut(i), s.parse()) {
                        level.start = s;
                    }
                }
            }
            lists.insert(id, (counted_as, lvls));
        }
        Numbering { lists }
    }
}

fn levels(a: Node) -> Vec<Level> {
    let mut out = vec![Level::default(); 9];
    for l in a.children().filter(|n| is(n, "lvl")) {
        let i: usize = attr(&l, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
        if let (Some(slot), Some(level)) = (out.get_mut(i), levels_of(l)) {
            *slot = level;
        }
    }
    out
}

fn levels_of(l: Node) -> Option<Level> {
    let val = |name: &str| child(&l, name).and_then(|n| attr(&n, "val"));
    Some(Level {
        format: val("numFmt").unwrap_or("decimal").to_string(),
        text: val("lvlText").unwrap_or("").to_string(),
        start: val("start").and_then(|v| v.parse().ok()).unwrap_or(1),
    })
}

/// `word/styles.xml`: what a paragraph style gives a paragraph.
#[derive(Default)]
struct Styles {
    /// Style id → (numbering id, level), from the style or its parents.
    numbering: HashMap<String, (String, usize)>,
    /// Style id → alignment.
    align: HashMap<String, Align>,
    /// Style ids whose runs are bold.
    bold: Vec<String>,
}

impl Styles {
    fn read(doc: &Document) -> Styles {
        let mut styles = Styles::default();
        let mut based: HashMap<String, String> = HashMap::new();
        for s in doc.root_element().children().filter(|n| is(n, "style")) {
            let Some(id) = attr(&s, "styleId") else {
                continue;
            };
            if let Some(b) = child(&s, "basedOn").and_then(|n| attr(&n, "val")) {
                based.insert(id.to_string(), b.to_string());
            }
            if let Some(ppr) = child(&s, "pPr") {
                if let Some(np) = child(&ppr, "numPr") {
                    let id_val = child(&np, "numId").and_then(|n| attr(&n, "val"));
                    let lvl = child(&np, "ilvl")
                        .and_then(|n| attr(&n, "val"))
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0);
                    if let Some(num) = id_val {
                        styles
                            .numbering
                            .insert(id.to_string(), (num.to_string(), lvl));
                    }
                }
                if let Some(a) = child(&ppr, "jc").and_then(|n| attr(&n, "val")) {
                    styles.align.insert(id.to_string(), alignment(a));
                }
            }
            if child(&s, "rPr")
                .and_then(|r| child(&r, "b"))
                .is_some_and(|b| on(&b))
            {
                styles.bold.push(id.to_string());
            }
        }
        // What a style inherits from the styles it is based on (a few levels).
        for _ in 0..4 {
            for (id, parent) in &based {
                if !styles.numbering.contains_key(id) {
                    if let Some(n) = styles.numbering.get(parent).cloned() {
                        styles.numbering.insert(id.clone(), n);
                    }
                }
                if !styles.align.contains_key(id) {
                    if let Some(a) = styles.align.get(parent).copied() {
                        styles.align.insert(id.clone(), a);
                    }
                }
            }
        }
        styles
    }
}

fn alignment(val: &str) -> Align {
    match val {
        "center" => Align::Centre,
        "right" | "end" => Align::Right,
        "both" | "distribute" => Align::Justify,
        _ => Align::Left,
    }
}

struct Reader {
    numbering: Numbering,
    styles: Styles,
    /// The counters of each list (`w:numId`), one per level.
    counters: HashMap<String, Vec<u32>>,
    tables: usize,
    blocks: Vec<Block>,
    /// The number of the paragraph being read, if numbered.
    last_number: Option<String>,
}

impl Reader {
    /// Paragraphs and tables of a body, a cell or a content control.
    fn container(&mut self, node: Node, cell: Option<Cell>) {
        for n in node.children().filter(|n| n.is_element()) {
            if is(&n, "p") {
                self.paragraph(n, cell);
            } else if is(&n, "tbl") {
                self.table(n, cell);
            } else if is(&n, "sdt") {
                if let Some(content) = child(&n, "sdtContent") {
                    self.container(content, cell);
                }
            } else if is(&n, "customXml") || is(&n, "ins") || is(&n, "smartTag") {
                self.container(n, cell);
            }
        }
    }

    fn table(&mut self, tbl: Node, outer: Option<Cell>) {
        let table = self.tables;
        self.tables += 1;
        let rows = tbl
            .descendants()
            .filter(|n| is(n, "tr") && n.ancestors().find(|a| is(a, "tbl")) == Some(tbl));
        for (row, tr) in rows.enumerate() {
            let cells = tr
                .descendants()
                .filter(|n| is(n, "tc") && n.ancestors().find(|a| is(a, "tr")) == Some(tr));
            for (column, tc) in cells.enumerate() {
                // A nested table stays in its outer cell.
                let cell = outer.or(Some(Cell { table, row, column }));
                self.container(tc, cell);
            }
        }
    }

    fn paragraph(&mut self, p: Node, cell: Option<Cell>) {
        let ppr = child(&p, "pPr");
        let style = ppr
            .and_then(|n| child(&n, "pStyle"))
            .and_then(|n| attr(&n, "val"))
            .map(str::to_string);
        let mut align = style
            .as_ref()
            .and_then(|s| self.styles.align.get(s).copied())
            .unwrap_or(Align::Left);
        if let Some(a) = ppr
            .and_then(|n| child(&n, "jc"))
            .and_then(|n| attr(&n, "val"))
        {
            align = alignment(a);
        }
        let style_bold = style.as_ref().is_some_and(|s| self.styles.bold.contains(s));
        let mut runs = Runs::default();
        runs.walk(p, style_bold);
        let number = self.number(ppr, style.as_deref());
        let mut text = runs.text.clone();
        if let Some(n) = number {
            text = format!("{n} {}", text.trim_start());
            self.last_number = Some(n);
        }
        let text = clean(&text);
        if text.is_empty() {
            return;
        }
        let bold = runs.letters > 0 && runs.bold_letters == runs.letters;
        let italic = runs.letters > 0 && runs.italic_letters == runs.letters;
        let mut marked = runs.marked(bold, italic);
        if let Some(n) = self.last_number.take() {
            marked = format!("{} {}", escape(&n), marked.trim_start());
        }
        self.blocks.push(Block {
            parts: super::blocks::tab_parts(&runs.text),
            marked: clean(&marked),
            text,
            align,
            bold,
            italic,
            cell,
        });
    }

    /// The printed number of a numbered paragraph (`1.`, `a)`, `-`), its
    /// list's counters moved on.
    fn number(&mut self, ppr: Option<Node>, style: Option<&str>) -> Option<String> {
        let direct = ppr.and_then(|n| child(&n, "numPr")).map(|np| {
            let id = child(&np, "numId").and_then(|n| attr(&n, "val"));
            let lvl = child(&np, "ilvl")
                .and_then(|n| attr(&n, "val"))
                .and_then(|v| v.parse().ok());
            (id.map(str::to_string), lvl)
        });
        let from_style = style.and_then(|s| self.styles.numbering.get(s).cloned());
        let (id, level) = match (direct, from_style) {
            (Some((Some(id), lvl)), s) => (id, lvl.or(s.map(|s| s.1)).unwrap_or(0)),
            (Some((None, lvl)), Some((id, l))) => (id, lvl.unwrap_or(l)),
            (None, Some((id, l))) => (id, l),
            _ => return None,
        };
        if id == "0" {
            return None;
        }
        let (counted_as, levels) = self.numbering.lists.get(&id)?.clone();
        let level = level.min(8);
        let counters = self
            .counters
            .entry(counted_as)
            .or_insert_with(|| levels.iter().map(|l| l.start.saturating_sub(1)).collect());
        counters.resize(9, 0);
        counters[level] += 1;
        for (deeper, c) in counters.iter_mut().enumerate().skip(level + 1) {
            *c = levels.get(deeper).map_or(0, |l| l.start.saturating_sub(1));
        }
        let this = levels.get(level)?;
        if this.format == "bullet" {
            return Some(bullet(&this.text));
        }
        if this.format == "none" {
            return None;
        }
        let mut out = this.text.clone();
        for (i, l) in levels.iter().enumerate().take(level + 1) {
            let value = counters[i].max(l.start.min(counters[i]));
            out = out.replace(&format!("%{}", i + 1), &format_number(value, &l.format));
        }
        Some(out)
    }
}

/// A bullet's character as typed: `-` for a dash, en dash or a symbol-font
/// bullet Word draws as a dot or a dash.
fn bullet(text: &str) -> String {
    if text.trim() == "+" {
        "+".to_string()
    } else {
        "-".to_string()
    }
}

fn format_number(n: u32, format: &str) -> String {
    match format {
        "lowerLetter" => letter(n).to_lowercase(),
        "upperLetter" => letter(n),
        "lowerRoman" => crate::text::roman(n).to_lowercase(),
        "upperRoman" => crate::text::roman(n),
        "decimalZero" => format!("{n:02}"),
        _ => n.to_string(),
    }
}

/// 1 → A, 26 → Z, 27 → AA (Word's letters repeat).
fn letter(n: u32) -> String {
    let n = n.max(1) - 1;
    let c = char::from(b'A' + (n % 26) as u8);
    c.to_string().repeat(n as usize / 26 + 1)
}

/// The text of a paragraph's runs and how much of it is bold.
#[derive(Default)]
struct Runs {
    text: String,
    letters: usize,
    bold_letters: usize,
    italic_letters: usize,
    /// Inside a complex field's instructions (between `begin` and `separate`).
    in_instructions: bool,
    /// The text in pieces of one look: (text, bold, italic).
    pieces: Vec<(String, bool, bool)>,
}

impl Runs {
    /// The text as Markdown: bold and italic pieces marked unless the
    /// whole paragraph is so; spaces kept outside the marks.
    fn marked(&self, all_bold: bool, all_italic: bool) -> String {
        let mut merged: Vec<(String, bool, bool)> = Vec::new();
        for (t, b, i) in &self.pieces {
            let (b, i) = (*b && !all_bold, *i && !all_italic);
            // Spaces take the look of what they touch.
            match merged.last_mut() {
                Some(last) if (last.1, last.2) == (b, i) || t.trim().is_empty() => {
                    last.0.push_str(t)
                }
                _ => merged.push((t.clone(), b, i)),
            }
        }
        let mut out = String::new();
        for (t, b, i) in merged {
            let mark = match (b, i) {
                (true, true) => "***",
                (true, false) => "**",
                (false, true) => "*",
                (false, false) => "",
            };
            let core = t.trim();
            if mark.is_empty() || core.is_empty() {
                out.push_str(&escape(&t));
                continue;
            }
            let lead = &t[..t.len() - t.trim_start().len()];
            let trail = &t[t.trim_end().len()..];
            out.push_str(lead);
            out.push_str(mark);
            out.push_str(&escape(core));
            out.push_str(mark);
            out.push_str(trail);
        }
        out
    }

    fn walk(&mut self, node: Node, style_bold: bool) {
        for n in node.children().filter(|n| n.is_element()) {
            let name = n.tag_name().name();
            if n.tag_name().namespace() != Some(W) {
                // mc:AlternateContent: the first choice only.
                if name == "AlternateContent" {
                    if let Some(choice) = n.children().find(|c| c.tag_name().name() == "Choice") {
                        self.walk(choice, style_bold);
                    }
                }
                continue;
            }
            match name {
                "r" => self.run(n, style_bold),
                "del" | "pPr" | "moveFrom" | "proofErr" | "rPr" => {}
                "fldSimple" | "hyperlink" | "ins" | "smartTag" | "sdt" | "sdtContent"
                | "customXml" | "moveTo" => self.walk(n, style_bold),
                _ => {}
            }
        }
    }

    /// Text of no particular look (a tab, a break).
    fn push(&mut self, t: &str) {
        self.text.push_str(t);
        self.pieces.push((t.to_string(), false, false));
    }

    fn run(&mut self, r: Node, style_bold: bool) {
        let rpr = child(&r, "rPr");
        let prop = |name: &str| rpr.and_then(|p| child(&p, name)).map(|n| on(&n));
        let bold = prop("b").unwrap_or(style_bold);
        let italic = prop("i").unwrap_or(false);
        let caps = prop("caps").unwrap_or(false);
        if prop("vanish") == Some(true) {
            return;
        }
        for n in r.children().filter(|n| n.is_element()) {
            match n.tag_name().name() {
                "fldChar" => match attr(&n, "fldCharType") {
                    Some("begin") => self.in_instructions = true,
                    Some("separate") | Some("end") => self.in_instructions = false,
                    _ => {}
                },
                _ if self.in_instructions => {}
                "t" => {
                    let t = n.text().unwrap_or("");
                    let t = if caps {
                        t.to_uppercase()
                    } else {
                        t.to_string()
                    };
                    let letters = t.chars().filter(|c| c.is_alphanumeric()).count();
                    self.letters += letters;
                    if bold {
                        self.bold_letters += letters;
                    }
                    if italic {
                        self.italic_letters += letters;
                    }
                    self.text.push_str(&t);
                    self.pieces.push((t, bold, italic));
                }
                "tab" | "ptab" => self.push("\t"),
                "br" | "cr" if attr(&n, "type").is_none_or(|t| t == "textWrapping") => {
                    self.push("\n")
                }
                "noBreakHyphen" => self.push("-"),
                "sym" => {
                    let c = attr(&n, "char")
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .and_then(char::from_u32);
                    if let Some(c) = c {
                        // Symbol-font private-use characters: a dash.
                        let c = if ('\u{f000}'..='\u{f0ff}').contains(&c) {
                            '-'
                        } else {
                            c
                        };
                        self.push(&c.to_string());
                    }
                }
                _ => {}
            }
        }
    }
}
