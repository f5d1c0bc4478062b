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
    /// A word for the kind of value, for messages, in the language of the
    /// messages ("một danh sách", "a list").
    pub fn kind_name(&self) -> String {
        match &self.kind {
            NodeKind::Null => crate::tr!("model.node.kind.null"),
            NodeKind::Bool(_) => crate::tr!("model.node.kind.bool"),
            NodeKind::Int(_) | NodeKind::Float(_) => crate::tr!("model.node.kind.number"),
            NodeKind::Str(_) => crate::tr!("model.node.kind.string"),
            NodeKind::Seq(_) => crate::tr!("model.node.kind.list"),
            NodeKind::Map(_) => crate::tr!("model.node.kind.mapping"),
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

/// Limits for untrusted input, generous for any real meeting (the real
/// example uses about 600 parser events, a 2,000-task file about 40,000) and
/// small enough that an alias bomb or a runaway file is refused in
/// milliseconds, before it can grow in memory. Documented in
/// `docs/meeting-format.md` (Limits).
pub mod limits {
    /// Largest meeting or defaults file read, in bytes.
    pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;
    /// Deepest nesting of lists and mappings (a meeting needs about 10).
    pub const MAX_DEPTH: usize = 64;
    /// Parser events (every scalar, list and mapping start and end).
    pub const MAX_EVENTS: usize = 400_000;
    /// Values (scalars, lists and mappings).
    pub const MAX_NODES: usize = 200_000;
    /// Alias uses (`*name`) in a file.
    pub const MAX_ALIASES: usize = 1_000;
    /// Anchors (`&name`) in a file.
    pub const MAX_ANCHORS: usize = 1_000;
    /// Events copied in all by alias expansion: what stops a "billion laughs".
    pub const MAX_REPLAYED_EVENTS: usize = 20_000;
    /// Total bytes of text in all values.
    pub const MAX_SCALAR_BYTES: usize = 16 * 1024 * 1024;
}

fn options() -> serde_saphyr::Options {
    use limits::*;
    let mut options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            flow_nesting_limit: MAX_DEPTH,
            max_events: MAX_EVENTS,
            max_aliases: MAX_ALIASES,
            max_anchors: MAX_ANCHORS,
            max_recorded_anchor_events: MAX_REPLAYED_EVENTS,
            max_recorded_anchor_bytes: MAX_FILE_BYTES,
            max_depth: MAX_DEPTH,
            max_nodes: MAX_NODES,
            max_total_scalar_bytes: MAX_SCALAR_BYTES,
        },
        // `.nan` and `1e999` are read as the text written, not refused.
        non_finite_float_policy: serde_saphyr::NonFiniteFloatPolicy::AsString,
    };
    options.alias_limits.max_total_replayed_events = MAX_REPLAYED_EVENTS;
    options.alias_limits.max_replay_stack_depth = MAX_DEPTH;
    options
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
            let (loc, better) = refine_syntax_error(sources, file, loc, &english(&err));
            let loc = match unwrapped(&err) {
                serde_saphyr::Error::MultipleDocuments { .. } => {
                    document_separator(sources, file, loc).unwrap_or(loc)
                }
                _ => loc,
            };
            let (message, hint) = match better {
                Some(m) => (m, None),
                None => {
                    let first = earlier_key_line(sources, file, loc);
                    describe_error(&err, first)
                }
            };
            let hint = hint.unwrap_or_else(|| crate::tr!("model.node.syntax_hint"));
            Err(Box::new(
                Diagnostic::error(
                    loc,
                    "",
                    crate::tr!("model.node.invalid_yaml", message = message),
                )
                .with_hint(hint),
            ))
        }
    }
}

/// The parser's English message, first line only, without its own "at line …".
/// The error itself, out of however many snippet wrappers (a budget
/// breached inside a block list comes wrapped twice).
fn unwrapped(mut err: &serde_saphyr::Error) -> &serde_saphyr::Error {
    while let serde_saphyr::Error::WithSnippet { error, .. } = err {
        err = error;
    }
    err
}

fn english(err: &serde_saphyr::Error) -> String {
    let message = unwrapped(err).to_string();
    let message = message.lines().next().unwrap_or("").trim();
    message
        .split(" at line ")
        .next()
        .unwrap_or(message)
        .to_string()
}

/// A parser error in the language of the messages, with a hint where one
/// helps. The limits (see [`limits`]) say which figure was passed; syntax
/// errors keep the parser's own (English) words in brackets after the
/// message, so that they can still be searched for.
fn describe_error(err: &serde_saphyr::Error, first_line: Option<u32>) -> (String, Option<String>) {
    use serde_saphyr::budget::BudgetBreach as B;
    use serde_saphyr::Error as E;
    let err = unwrapped(err);
    let too_big = |what: String| {
        (
            crate::tr!("model.node.too_big", what = what),
            Some(crate::tr!("model.node.too_big_hint")),
        )
    };
    let depth = || {
        (
            crate::tr!("model.node.too_deep", max = limits::MAX_DEPTH),
            Some(crate::tr!("model.node.too_deep_hint")),
        )
    };
    let replayed = || {
        too_big(crate::tr!(
            "model.node.limit.replayed",
            max = limits::MAX_REPLAYED_EVENTS
        ))
    };
    let multiple_documents = || {
        (
            crate::tr!("model.node.multiple_documents"),
            Some(crate::tr!("model.node.multiple_documents_hint")),
        )
    };
    match err {
        E::AliasError { error, .. } => describe_error(error, first_line),
        E::Budget { breach, .. } => match breach {
            B::Depth { .. } => depth(),
            B::Aliases { aliases } => too_big(crate::tr!(
                "model.node.limit.aliases",
                max = limits::MAX_ALIASES,
                found = aliases
            )),
            B::Anchors { anchors } => too_big(crate::tr!(
                "model.node.limit.anchors",
                max = limits::MAX_ANCHORS,
                found = anchors
            )),
            B::AliasAnchorRatio { aliases, anchors } => too_big(crate::tr!(
                "model.node.limit.alias_ratio",
                aliases = aliases,
                anchors = anchors
            )),
            B::RecordedAnchorEvents { .. } | B::RecordedAnchorBytes { .. } => replayed(),
            B::Events { .. } | B::Nodes { .. } => too_big(crate::tr!(
                "model.node.limit.values",
                max = limits::MAX_NODES
            )),
            // Text in all values, aliases replayed (16 MiB). The file's
            // own size (8 MiB) is checked before it is read, and the
            // parser counts input bytes only when it reads from a reader,
            // never from the text it is given: no `InputBytes` here.
            B::ScalarBytes { .. } => too_big(crate::tr!(
                "model.node.limit.text",
                max = limits::MAX_SCALAR_BYTES / (1024 * 1024)
            )),
            B::Documents { .. } => multiple_documents(),
            _ => too_big(english(err)),
        },
        E::AliasReplayLimitExceeded { .. } | E::AliasExpansionLimitExceeded { .. } => replayed(),
        E::AliasReplayStackDepthExceeded { .. } => depth(),
        E::DuplicateMappingKey { key, .. } => (
            match (key, first_line) {
                (Some(k), Some(l)) => {
                    crate::tr!("model.node.duplicate_key_at", key = k, line = l)
                }
                (Some(k), None) => crate::tr!("model.node.duplicate_key", key = k),
                (None, _) => crate::tr!("model.node.duplicate_unnamed"),
            },
            Some(crate::tr!("model.node.duplicate_hint")),
        ),
        E::MultipleDocuments { .. } => multiple_documents(),
        E::UnknownAnchor { .. } => (
            crate::tr!("model.node.unknown_anchor"),
            Some(crate::tr!("model.node.unknown_anchor_hint")),
        ),
        _ => {
            let message = english(err);
            if message.contains("recursion limit exceeded") {
                return depth();
            }
            // The parser's words, and what they mean.
            let meanings = [
                (
                    "unclosed quote",
                    crate::tr!("model.node.syntax.unclosed_quote"),
                ),
                (
                    "simple key expected",
                    crate::tr!("model.node.syntax.missing_colon"),
                ),
                (
                    "unclosed bracket",
                    crate::tr!("model.node.syntax.unclosed_bracket"),
                ),
                (
                    "invalid indentation",
                    crate::tr!("model.node.syntax.indentation"),
                ),
                (
                    "wrongly indented",
                    crate::tr!("model.node.syntax.indentation"),
                ),
                ("tabs disallowed", crate::tr!("model.node.syntax.tab")),
                ("tab cannot", crate::tr!("model.node.syntax.tab")),
                (
                    "mapping values are not allowed",
                    crate::tr!("model.node.syntax.colon"),
                ),
                (
                    "did not find expected",
                    crate::tr!("model.node.syntax.structure"),
                ),
                (
                    "unexpected end",
                    crate::tr!("model.node.syntax.unexpected_end"),
                ),
                (
                    "end of stream",
                    crate::tr!("model.node.syntax.unexpected_end"),
                ),
            ];
            match meanings.iter().find(|(en, _)| message.contains(en)) {
                Some((_, meaning)) => (format!("{meaning} ({message})"), None),
                None => (message, None),
            }
        }
    }
}

/// The `---` (or `...`) line that ends the first document, searched for
/// upwards from where the second one starts.
fn document_separator(sources: &SourceMap, file: FileId, at: Loc) -> Option<Loc> {
    let text = &sources.get(file).text;
    let mut end = at.offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    // Start with the line holding `at`, then go up one line at a time.
    let mut start = text[..end].rfind('\n').map_or(0, |i| i + 1);
    loop {
        let line = &text[start..];
        if line.starts_with("---") || line.starts_with("...") {
            return Some(sources.loc_at(file, start, 3));
        }
        if start == 0 {
            return None;
        }
        // `start - 1` is the `\n` that ends the line above.
        start = text[..start - 1].rfind('\n').map_or(0, |i| i + 1);
    }
}

/// For a key written twice: the line of its first writing, found by looking
/// up the lines before at the same column (block mappings, list items
/// `- key:` included), stopping at the parent (a line starting further left).
fn earlier_key_line(sources: &SourceMap, file: FileId, at: Loc) -> Option<u32> {
    let text = &sources.get(file).text;
    let start = at.offset.min(text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let key: String = text[start..]
        .chars()
        .take_while(|c| *c != ':' && *c != '\n')
        .collect();
    let key = key.trim_end();
    if key.is_empty() {
        return None;
    }
    let column = at.column.saturating_sub(1) as usize;
    let mut line_no = at.line;
    for line in text[..line_start].lines().rev() {
        line_no = line_no.saturating_sub(1);
        let indent = line.len() - line.trim_start_matches(' ').len();
        let body = line[indent..].trim_end();
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        // Columns of `- - key:` items count their dashes as indentation.
        let mut col = indent;
        let mut rest = body;
        while let Some(r) = rest.strip_prefix("- ") {
            let spaces = r.len() - r.trim_start_matches(' ').len();
            col += 2 + spaces;
            rest = &r[spaces..];
        }
        if col == column && rest.starts_with(key) && rest[key.len()..].trim_start().starts_with(':')
        {
            return Some(line_no);
        }
        if indent < column {
            return None;
        }
    }
    None
}

/// The first tab at or after `from`, within the three lines that follow:
/// its offset, and whether it stands in a line's indentation.
fn tab_after(text: &str, from: usize) -> Option<(usize, bool)> {
    let from = from.min(text.len());
    let window_end = text[from..]
        .match_indices('\n')
        .nth(3)
        .map_or(text.len(), |(i, _)| from + i);
    let at = from + text[from..window_end].find('\t')?;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let in_indent = text[line_start..at].chars().all(|c| c == ' ' || c == '\t');
    Some((at, in_indent))
}

/// Moves a syntax error from where the parser stopped to where the mistake
/// most likely is, for the cases where they differ: a tab (point at the
/// tab: in the indentation of the error's line; or, when the parser says it
/// met a tab while reading a value, the first tab after where that value
/// starts, often at the start of the next line; or in the indentation of
/// the line above, where a tab among spaces makes the parser stop only at
/// the next key) and a flow list or mapping
/// (`[`, `{`) left open on one of the three lines before (point at its
/// bracket).
fn refine_syntax_error(
    sources: &SourceMap,
    file: FileId,
    loc: Loc,
    message: &str,
) -> (Loc, Option<String>) {
    let text = &sources.get(file).text;
    let line_start = text[..loc.offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    // The line above counts too: a tab among the spaces of a key's
    // indentation can make the parser stop only at the next key.
    let above = text[..line_start.saturating_sub(1)]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let tab_in_indent = |start: usize| {
        let line = &text[start..];
        let indent_len = line.len() - line.trim_start_matches([' ', '\t']).len();
        line[..indent_len].find('\t').map(|tab| (start + tab, true))
    };
    let tab = match tab_in_indent(line_start) {
        Some(tab) => Some(tab),
        None if message.contains("tab") => tab_after(text, loc.offset),
        None if line_start > 0 => tab_in_indent(above),
        None => None,
    };
    if let Some((at, in_indent)) = tab {
        let message = if in_indent {
            crate::tr!("model.node.tab_indent")
        } else {
            crate::tr!("model.node.tab_misplaced")
        };
        return (sources.loc_at(file, at, 1), Some(message));
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
                Some(crate::tr!(
                    "model.node.unclosed_flow",
                    open = bracket,
                    close = close
                )),
            );
        }
    }
    (loc, None)
}
