//! A YAML document as a tree of nodes that remember where they came from.
//!
//! serde-saphyr parses the text; every node is read through `Spanned`, so each
//! key and value keeps its file, line and column. Working on this tree (rather
//! than deserializing straight into structs) lets the loader merge the
//! defaults file under the meeting file key by key, and report *every*
//! problem of a file at once instead of stopping at the first.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diag::{Diagnostic, FileId, Loc, SourceMap};

/// A node of the tree.
#[derive(Clone, Debug)]
pub struct Node {
    /// What the node holds.
    pub kind: NodeKind,
    /// Where it stands.
    pub loc: Loc,
}

/// The value of a node.
#[derive(Clone, Debug)]
pub enum NodeKind {
    /// An empty value (`key:` with nothing after it, or `~`).
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A whole number.
    Int(i128),
    /// A number with a fraction.
    Float(f64),
    /// Any other scalar.
    Str(String),
    /// A list.
    Seq(Vec<Node>),
    /// A mapping, keys in source order.
    Map(Vec<(Key, Node)>),
}

/// A mapping key.
#[derive(Clone, Debug)]
pub struct Key {
    /// The key's text.
    pub name: String,
    /// Where the key stands.
    pub loc: Loc,
}

impl Node {
    /// A word for the kind of value, for messages ("một danh sách").
    pub fn kind_name(&self) -> &'static str {
        match &self.kind {
            NodeKind::Null => "giá trị rỗng",
            NodeKind::Bool(_) => "giá trị đúng/sai",
            NodeKind::Int(_) | NodeKind::Float(_) => "một số",
            NodeKind::Str(_) => "một chuỗi văn bản",
            NodeKind::Seq(_) => "một danh sách",
            NodeKind::Map(_) => "một nhóm trường (mapping)",
        }
    }

    /// The entries when this is a mapping.
    pub fn as_map(&self) -> Option<&[(Key, Node)]> {
        match &self.kind {
            NodeKind::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The value under `key` when this is a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.name == key)
            .map(|(_, v)| v)
    }

    /// Lays `self` (the file that wins) over `defaults`: mappings merge key
    /// by key, recursively; anything else (lists included) replaces the
    /// default whole, except an empty value (`key:` with nothing), which
    /// counts as not given and keeps the default.
    pub fn merged_over(self, defaults: Node) -> Node {
        if matches!(self.kind, NodeKind::Null) {
            return defaults;
        }
        match (self.kind, defaults.kind) {
            (NodeKind::Map(mine), NodeKind::Map(theirs)) => {
                let mut out: Vec<(Key, Node)> = Vec::with_capacity(mine.len() + theirs.len());
                let mut mine = mine;
                for (dk, dv) in theirs {
                    if let Some(pos) = mine.iter().position(|(k, _)| k.name == dk.name) {
                        let (mk, mv) = mine.remove(pos);
                        out.push((mk, mv.merged_over(dv)));
                    } else {
                        out.push((dk, dv));
                    }
                }
                out.extend(mine);
                Node {
                    kind: NodeKind::Map(out),
                    loc: self.loc,
                }
            }
            (kind, _) => Node {
                kind,
                loc: self.loc,
            },
        }
    }
}

/// The raw tree as serde-saphyr hands it over, before locations are tied to a file.
enum Raw {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<String>, Spanned<Raw>)>),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        Raw::deserialize(d)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw::Int(v.into()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Raw, E> {
        Ok(Raw::Int(v.into()))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Raw, E> {
        Ok(Raw::Int(v))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Raw, E> {
        Ok(i128::try_from(v).map_or(Raw::Float(v as f64), Raw::Int))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw::Float(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::Str(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::Str(v))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Raw, E> {
        Ok(Raw::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Raw>>()? {
            items.push(item);
        }
        Ok(Raw::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            let value = map.next_value::<Spanned<Raw>>()?;
            entries.push((key, value));
        }
        Ok(Raw::Map(entries))
    }
}

/// Limits for untrusted input: generous for any real meeting, small enough
/// that an alias bomb or a runaway file is refused quickly.
fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_reader_input_bytes: Some(8 * 1024 * 1024),
            max_events: 2_000_000,
            max_aliases: 10_000,
            max_anchors: 10_000,
            max_depth: 64,
            max_nodes: 1_000_000,
            max_total_scalar_bytes: 16 * 1024 * 1024,
        },
    }
}

fn to_loc(sources: &SourceMap, file: FileId, l: serde_saphyr::Location) -> Loc {
    let span = l.span();
    match span.byte_offset() {
        Some(offset) => {
            sources.loc_at(file, offset as usize, span.byte_len().unwrap_or(0) as usize)
        }
        None => sources.loc_line_col(file, l.line() as u32, l.column() as u32),
    }
}

fn convert(sources: &SourceMap, file: FileId, raw: Spanned<Raw>) -> Node {
    let loc = to_loc(sources, file, raw.referenced);
    let kind = match raw.value {
        Raw::Null => NodeKind::Null,
        Raw::Bool(b) => NodeKind::Bool(b),
        Raw::Int(i) => NodeKind::Int(i),
        Raw::Float(f) => NodeKind::Float(f),
        Raw::Str(s) => NodeKind::Str(s),
        Raw::Seq(items) => NodeKind::Seq(
            items
                .into_iter()
                .map(|i| convert(sources, file, i))
                .collect(),
        ),
        Raw::Map(entries) => NodeKind::Map(
            entries
                .into_iter()
                .map(|(k, v)| {
                    let key = Key {
                        loc: to_loc(sources, file, k.referenced),
                        name: k.value,
                    };
                    (key, convert(sources, file, v))
                })
                .collect(),
        ),
    };
    Node { kind, loc }
}

/// Parses the text of a registered file into a tree. An empty file is a
/// `Null` node at 1:1. A syntax error (or a budget overrun) comes back as one
/// diagnostic at the place the parser stopped.
pub fn parse(sources: &SourceMap, file: FileId) -> Result<Node, Box<Diagnostic>> {
    let text = &sources.get(file).text;
    if text.trim().is_empty() {
        return Ok(Node {
            kind: NodeKind::Null,
            loc: sources.loc_at(file, 0, 0),
        });
    }
    match serde_saphyr::from_str_with_options::<Spanned<Raw>>(text, options()) {
        Ok(raw) => Ok(convert(sources, file, raw)),
        Err(err) => {
            let loc = err
                .location()
                .filter(|l| l.line() > 0)
                .map(|l| to_loc(sources, file, l))
                .unwrap_or_else(|| sources.loc_at(file, 0, 0));
            let (loc, better) = refine_syntax_error(sources, file, loc);
            let message = err.without_snippet().to_string();
            let message = message.lines().next().unwrap_or("").trim();
            // The place is in our own headline already.
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(message)
                .to_string();
            let message = better.unwrap_or(message);
            Err(Box::new(Diagnostic::error(
                loc,
                "",
                format!("YAML không hợp lệ: {message}"),
            )
            .with_hint("kiểm tra thụt lề (dùng dấu cách, không dùng tab), dấu `:` sau tên trường, và dấu ngoặc kép đóng mở cho đủ")))
        }
    }
}

/// Moves a syntax error from where the parser stopped to where the mistake
/// most likely is, for the two cases where they differ: a tab in the
/// indentation (point at the tab) and a flow list or mapping (`[`, `{`) left
/// open on one of the three lines before (point at its bracket).
fn refine_syntax_error(sources: &SourceMap, file: FileId, loc: Loc) -> (Loc, Option<String>) {
    let text = &sources.get(file).text;
    let line_start = text[..loc.offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = &text[line_start..];
    let indent_len = line.len() - line.trim_start_matches([' ', '\t']).len();
    if let Some(tab) = line[..indent_len].find('\t') {
        return (
            sources.loc_at(file, line_start + tab, 1),
            Some("thụt lề bằng phím tab; YAML chỉ cho phép thụt lề bằng dấu cách".to_string()),
        );
    }
    // Unclosed flow collections: scan the previous lines, outside quotes and comments.
    let window_start = text[..line_start.saturating_sub(1)]
        .match_indices('\n')
        .rev()
        .nth(2)
        .map_or(0, |(i, _)| i + 1);
    let mut open: Vec<(usize, char)> = Vec::new();
    for (line_offset, l) in
        text[window_start..line_start]
            .split_inclusive('\n')
            .scan(window_start, |pos, l| {
                let start = *pos;
                *pos += l.len();
                Some((start, l))
            })
    {
        open.clear();
        let mut quote: Option<char> = None;
        let mut prev = ' ';
        for (i, c) in l.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') if !prev.is_alphanumeric() => quote = Some(c),
                (None, '#') if prev.is_whitespace() => break,
                (None, '[' | '{') => open.push((line_offset + i, c)),
                (None, ']' | '}') => {
                    open.pop();
                }
                _ => {}
            }
            prev = c;
        }
        if let Some(&(at, bracket)) = open.first() {
            let close = if bracket == '[' { ']' } else { '}' };
            return (
                sources.loc_at(file, at, 1),
                Some(format!(
                    "`{bracket}` mở ở đây nhưng không có `{close}` đóng lại trên cùng dòng"
                )),
            );
        }
    }
    (loc, None)
}
