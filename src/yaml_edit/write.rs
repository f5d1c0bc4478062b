//! Writing values: in block context after a key or a dash (literal blocks,
//! nested lists and mappings indented as the file indents its own), or on
//! one line (plain when that reads back the same, else double-quoted, and
//! flow collections).

use std::fmt::Write as _;

use crate::model::node::NodeKind;

use super::{Doc, Slot, Value};

/// The owner of a value being rendered, with its column.
#[derive(Clone, Copy)]
pub(super) enum Owner {
    Key(usize),
    Dash(usize),
}

/// A rendered value in block context: what follows the key or dash on its
/// line, then whole lines (indented).
pub(super) struct Out {
    pub(super) inline: String,
    pub(super) lines: Vec<String>,
}

impl Out {
    fn inline(inline: String) -> Self {
        Out {
            inline,
            lines: Vec::new(),
        }
    }

    /// The lines of a collection rendered at `col`, the first one moved up
    /// to follow a dash.
    fn raised(mut lines: Vec<String>, col: usize) -> Self {
        let first = lines.remove(0);
        Out {
            inline: first[col..].to_owned(),
            lines,
        }
    }

    /// Lines starting with `head` (`- `, `key:`) followed by this value.
    fn after(self, head: String) -> Vec<String> {
        let first = if self.inline.is_empty() {
            head
        } else {
            format!("{head} {}", self.inline)
        };
        std::iter::once(first).chain(self.lines).collect()
    }
}

impl Doc {
    /// Indentation of block lists and mappings under their keys in this
    /// file: the first of each found (2 when none is).
    fn style(&self) -> (usize, usize) {
        *self.style.get_or_init(|| {
            let mut found = (None, None);
            self.survey(&self.root(), &mut found);
            (found.0.unwrap_or(2), found.1.unwrap_or(2))
        })
    }

    fn survey(&self, slot: &Slot, found: &mut (Option<usize>, Option<usize>)) {
        if (found.0.is_some() && found.1.is_some()) || slot.flow || self.is_flow(slot.node) {
            return;
        }
        let Ok(kids) = self.children(slot) else {
            return;
        };
        for kid in &kids {
            if kid.key && !self.is_flow(kid.node) {
                let under = match &kid.node.kind {
                    NodeKind::Seq(_) => Some((&mut found.0, kid.vs)),
                    NodeKind::Map(entries) => {
                        entries.first().map(|(k, _)| (&mut found.1, k.loc.offset))
                    }
                    _ => None,
                };
                if let Some((indent, at)) = under {
                    let (child, key) = (self.col(at), self.col(kid.lead));
                    if indent.is_none() && child >= key {
                        *indent = Some(child - key);
                    }
                }
            }
            self.survey(kid, found);
        }
    }

    /// A value in block context.
    pub(super) fn render(&self, value: &Value, owner: Owner, flow_ok: bool) -> Out {
        let (Owner::Key(col) | Owner::Dash(col)) = owner;
        match value {
            Value::List(items) if items.is_empty() => Out::inline("[]".into()),
            Value::Map(entries) if entries.is_empty() => Out::inline("{}".into()),
            Value::List(_) | Value::Map(_) if flow_ok && short(value) => {
                Out::inline(inline(value, true))
            }
            Value::Text(text) if literal_ok(text) => literal(text, col + 2),
            Value::List(items) => {
                let dash = match owner {
                    Owner::Key(_) => col + self.style().0,
                    Owner::Dash(_) => col + 2,
                };
                let lines = items.iter().flat_map(|i| self.item(i, dash)).collect();
                self.collection(owner, lines, dash)
            }
            Value::Map(entries) => {
                let at = match owner {
                    Owner::Key(_) => col + self.style().1,
                    Owner::Dash(_) => col + 2,
                };
                let lines = entries
                    .iter()
                    .flat_map(|(k, v)| self.entry(k, v, at))
                    .collect();
                self.collection(owner, lines, at)
            }
            _ => Out::inline(inline(value, false)),
        }
    }

    fn collection(&self, owner: Owner, lines: Vec<String>, col: usize) -> Out {
        match owner {
            Owner::Key(_) => Out {
                inline: String::new(),
                lines,
            },
            Owner::Dash(_) => Out::raised(lines, col),
        }
    }

    /// A list item with its dash at `col`.
    pub(super) fn item(&self, value: &Value, col: usize) -> Vec<String> {
        self.render(value, Owner::Dash(col), false)
            .after(format!("{:col$}-", ""))
    }

    /// A mapping entry with its key at `col`.
    pub(super) fn entry(&self, key: &str, value: &Value, col: usize) -> Vec<String> {
        self.render(value, Owner::Key(col), false).after(format!(
            "{:col$}{}:",
            "",
            scalar(key, false)
        ))
    }
}

/// A value on one line: a scalar, or a flow collection.
pub(super) fn inline(value: &Value, flow: bool) -> String {
    match value {
        Value::Text(text) => scalar(text, flow),
        Value::Int(i) => i.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::List(items) => {
            let items: Vec<String> = items.iter().map(|i| inline(i, true)).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Map(entries) => {
            let entries: Vec<String> = entries.iter().map(|(k, v)| flow_entry(k, v)).collect();
            format!("{{{}}}", entries.join(", "))
        }
    }
}

/// `key: value` in a flow mapping.
pub(super) fn flow_entry(key: &str, value: &Value) -> String {
    format!("{}: {}", scalar(key, true), inline(value, true))
}

/// Text plain when that reads back the same, else double-quoted.
fn scalar(text: &str, flow: bool) -> String {
    if plain_ok(text, flow) {
        text.to_owned()
    } else {
        quoted(text)
    }
}

/// A collection of short plain scalars, fit for one flow line.
fn short(value: &Value) -> bool {
    let fits = |t: &str| plain_ok(t, true) && t.chars().count() <= 40;
    let scalar = |v: &Value| match v {
        Value::Text(t) => fits(t),
        Value::Int(_) | Value::Bool(_) => true,
        Value::List(_) | Value::Map(_) => false,
    };
    match value {
        Value::List(items) => items.iter().all(scalar),
        Value::Map(entries) => entries.iter().all(|(k, v)| fits(k) && scalar(v)),
        _ => false,
    }
}

/// Characters any YAML scalar style may carry as they are.
fn printable(c: char) -> bool {
    !c.is_control()
        && !matches!(
            c,
            '\u{feff}' | '\u{fffe}' | '\u{ffff}' | '\u{2028}' | '\u{2029}'
        )
}

/// Whether `text` written plain reads back as this text.
fn plain_ok(text: &str, flow: bool) -> bool {
    let (Some(first), Some(last)) = (text.chars().next(), text.chars().last()) else {
        return false;
    };
    let syntax = "-?:,[]{}#&*!|>'\"%@` \t".contains(first)
        || matches!(last, ' ' | ':')
        || text.contains(": ")
        || text.contains(" #")
        || text.chars().any(|c| !printable(c) || c == '\t')
        || (flow && text.contains([',', '[', ']', '{', '}']));
    !syntax && !typed(text)
}

/// Whether a plain scalar with this text reads as a null, a boolean or a
/// number (generously: a few harmless texts are quoted too). A date reads
/// as text.
fn typed(text: &str) -> bool {
    const WORDS: [&str; 13] = [
        "~", "null", "true", "false", "yes", "no", "y", "n", "on", "off", "inf", "infinity", "nan",
    ];
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let date = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    WORDS.iter().any(|w| unsigned.eq_ignore_ascii_case(w))
        || unsigned.starts_with('.')
        || !date
            && unsigned.starts_with(|c: char| c.is_ascii_digit())
            && unsigned
                .chars()
                .all(|c| c.is_ascii_hexdigit() || "xXoO_.+-:".contains(c))
}

fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if printable(c) => out.push(c),
            c if (c as u32) <= 0xFFFF => write!(out, "\\u{:04X}", c as u32).unwrap_or(()),
            c => write!(out, "\\U{:08X}", c as u32).unwrap_or(()),
        }
    }
    out.push('"');
    out
}

/// Whether a literal block (`|` or `|-`) carries `text` exactly.
fn literal_ok(text: &str) -> bool {
    let core = text.trim_end_matches('\n');
    text.contains('\n')
        && !core.is_empty()
        && text.len() - core.len() <= 1
        && text.chars().all(|c| c == '\n' || c == '\t' || printable(c))
        && !core
            .split('\n')
            .find(|l| !l.is_empty())
            .is_some_and(|l| l.starts_with([' ', '\t']))
}

/// A literal block scalar, its lines at `col`.
fn literal(text: &str, col: usize) -> Out {
    let core = text.trim_end_matches('\n');
    let lines = core
        .split('\n')
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{:col$}{l}", "")
            }
        })
        .collect();
    Out {
        inline: if core.len() == text.len() { "|-" } else { "|" }.into(),
        lines,
    }
}
