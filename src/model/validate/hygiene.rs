//! What a text may hold: white space folded (no-break spaces kept), NFC,
//! no control characters, every character drawable by the fonts (others
//! replaced, with a warning), Markdown within the subset the documents
//! print; and where in the source a character of a value stands.

use super::Walker;
use crate::diag::{Diagnostic, Loc, Severity};
use crate::markdown;
use crate::model::node::{Node, NodeKind};

/// Normalises a field's text to NFC.
pub(super) fn nfc(s: &str) -> String {
    crate::text::nfc(s)
}

/// No-break spaces are kept as written (they hold `Số` and its number, or a
/// name's parts, on one line); other white space folds.
fn is_no_break_space(c: char) -> bool {
    matches!(c, '\u{A0}' | '\u{2007}' | '\u{202F}')
}

/// One line of text: NFC, runs of white space (new lines and tabs included,
/// no-break spaces excepted) folded to one space.
pub(super) fn one_line(s: &str) -> String {
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() && !is_no_break_space(c))
        .filter(|w| !w.is_empty())
        .collect();
    nfc(&words.join(" "))
}

/// What replaces a character the fonts cannot draw (a run of them, such as
/// an emoji with its joiners, is replaced once).
pub(crate) const MISSING_GLYPH: char = '?';

/// Invisible format characters: dropped, not replaced, when the font lacks them.
fn is_format_char(c: char) -> bool {
    matches!(c as u32, 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0xFE00..=0xFE0F | 0xFEFF | 0xE0000..=0xE01EF)
}

impl Walker<'_> {
    /// Where a character of a value stands in the source: its first
    /// occurrence within the value's span, or the value itself (a character
    /// written as an escape such as `"\x07"` is not in the source as such).
    fn char_loc(&self, node: &Node, c: char) -> Loc {
        let source = &self.sources.get(node.loc.file).text;
        let from = node.loc.offset.min(source.len());
        let to = (node.loc.offset + node.loc.len).min(source.len());
        match source.get(from..to).and_then(|span| span.find(c)) {
            Some(i) => self.sources.loc_at(node.loc.file, from + i, c.len_utf8()),
            None => node.loc,
        }
    }

    /// Reports control characters (other than tab and line breaks), which
    /// no document can hold (a DOCX would not open); true when any was found.
    pub(super) fn has_control_chars(&mut self, node: &Node, field: &str, text: &str) -> bool {
        let Some(c) = text
            .chars()
            .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        else {
            return false;
        };
        let loc = self.char_loc(node, c);
        self.error_hint(
            loc,
            field,
            crate::tr!(
                "model.schema.control_char",
                code = format!("{:04X}", c as u32)
            ),
            crate::tr!("model.schema.control_char_hint"),
        );
        true
    }

    /// Whether the fonts of the PDF (the embedded Liberation Serif, all four
    /// styles) can draw `c`.
    fn covered(&mut self, c: char) -> bool {
        if c.is_ascii() && !c.is_ascii_control() {
            return true;
        }
        *self
            .coverage
            .entry(c)
            .or_insert_with(|| crate::typeset::measure::embedded_covers(c))
    }

    /// The text with the characters the fonts cannot draw replaced (see
    /// [`Self::drawable`]), and those characters.
    pub(super) fn replace_undrawable(&mut self, text: String) -> (String, Vec<char>) {
        if text.chars().all(|c| self.covered(c)) {
            return (text, Vec::new());
        }
        let mut out = String::with_capacity(text.len());
        let mut missing: Vec<char> = Vec::new();
        let mut in_run = false;
        for c in text.chars() {
            if in_run && is_format_char(c) {
                continue; // a joiner or variation selector inside an emoji
            }
            if self.covered(c) {
                out.push(c);
                in_run = false;
                continue;
            }
            if !missing.contains(&c) {
                missing.push(c);
            }
            if !in_run && !is_format_char(c) {
                out.push(MISSING_GLYPH);
                in_run = true;
            }
        }
        (out, missing)
    }

    /// Replaces the characters the fonts cannot draw (emoji, symbols, other
    /// scripts) by [`MISSING_GLYPH`] (an invisible format character, such as
    /// a zero-width joiner, is dropped), with one warning per field at the
    /// first of them: a notice never shows a blank box silently.
    pub(super) fn drawable(&mut self, node: &Node, field: &str, text: String) -> String {
        let (out, missing) = self.replace_undrawable(text);
        let Some(&first) = missing.first() else {
            return out;
        };
        let shown: Vec<String> = missing
            .iter()
            .take(4)
            .map(|c| {
                if is_format_char(*c) {
                    format!("U+{:04X}", *c as u32)
                } else {
                    format!("`{c}` (U+{:04X})", *c as u32)
                }
            })
            .collect();
        let shown = shown.join(", ");
        let message = if missing.len() > 4 {
            crate::tr!(
                "model.schema.no_glyph_more",
                chars = shown,
                more = missing.len() - 4,
                glyph = MISSING_GLYPH
            )
        } else {
            crate::tr!(
                "model.schema.no_glyph",
                chars = shown,
                glyph = MISSING_GLYPH
            )
        };
        let loc = self.char_loc(node, first);
        self.diags.push(
            Diagnostic::warning(loc, field, message)
                .with_hint(crate::tr!("model.schema.no_glyph_hint")),
        );
        out
    }

    pub(super) fn markdown_node(&mut self, node: &Node, field: &str) -> Option<String> {
        let raw = match &node.kind {
            NodeKind::Str(s) => s.clone(),
            _ => match self.scalar_text(node) {
                Some(s) => s,
                None => {
                    self.wrong_type(node, field, &crate::tr!("model.schema.expected.markdown"));
                    return None;
                }
            },
        };
        let text = nfc(raw.trim());
        if text.chars().all(char::is_whitespace) {
            self.error(node.loc, field, crate::tr!("model.schema.empty"));
            return None;
        }
        if self.has_control_chars(node, field, &text) {
            return None;
        }
        let text = self.drawable(node, field, text);
        for p in markdown::check_subset(&text) {
            let loc = self.locate_in_value(node, &text, p.range.start);
            let d = match p.severity {
                Severity::Error => Diagnostic::error(loc, field, p.message),
                Severity::Warning => Diagnostic::warning(loc, field, p.message),
            };
            self.diags.push(d);
        }
        Some(text)
    }

    /// Finds, in the source, the place of byte `at` of a scalar's value (its
    /// line is searched for after the node's start; block scalars are
    /// indented, so the value's text and the source differ).
    fn locate_in_value(&self, node: &Node, value: &str, at: usize) -> Loc {
        let line_start = value[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = value[at..].find('\n').map_or(value.len(), |i| at + i);
        let line = value[line_start..line_end].trim();
        let source = &self.sources.get(node.loc.file).text;
        let from = node.loc.offset.min(source.len());
        if !line.is_empty() {
            if let Some(pos) = source[from..].find(line) {
                let lead = value[line_start..at].trim_start().len();
                return self.sources.loc_at(
                    node.loc.file,
                    from + pos + lead,
                    line.len() - lead.min(line.len()),
                );
            }
        }
        node.loc
    }
}
