//! The readers of one value by its kind: one-line texts and titles,
//! dates, registry numbers, booleans, task statuses, lists of texts and
//! units; each reports a value of the wrong type or out of its range.

use super::hygiene::one_line;
use super::walk::nearest;
use serde_json::{Map, Value};

use super::Walker;
use crate::date::{self, Date};
use crate::diag::Loc;
use crate::model::format;
use crate::model::node::{Node, NodeKind};

impl Walker<'_> {
    /// The text of a scalar as written (numbers and booleans keep their source spelling).
    pub(super) fn scalar_text(&self, node: &Node) -> Option<String> {
        match &node.kind {
            NodeKind::Str(s) => Some(s.clone()),
            NodeKind::Int(_) | NodeKind::Float(_) | NodeKind::Bool(_) => {
                let text = &self.sources.get(node.loc.file).text;
                let slice = text.get(node.loc.offset..node.loc.offset + node.loc.len);
                Some(match (slice, &node.kind) {
                    (Some(s), _) if !s.is_empty() => s.to_string(),
                    (_, NodeKind::Int(i)) => i.to_string(),
                    (_, NodeKind::Float(x)) => x.to_string(),
                    (_, NodeKind::Bool(b)) => b.to_string(),
                    _ => unreachable!("scalar kinds only"),
                })
            }
            _ => None,
        }
    }

    /// A one-line text that is printed: as [`Self::plain_text_node`], and
    /// every character the fonts cannot draw is replaced (with a warning).
    pub(super) fn text_node(&mut self, node: &Node, field: &str) -> Option<String> {
        let text = self.plain_text_node(node, field)?;
        Some(self.drawable(node, field, text))
    }

    /// A title: each typed line as a one-line text, the lines kept apart
    /// (empty ones dropped).
    pub(super) fn title_node(&mut self, node: &Node, field: &str) -> Option<String> {
        let text = self.text_node(node, field)?;
        let NodeKind::Str(raw) = &node.kind else {
            return Some(text);
        };
        if !raw.trim().contains('\n') {
            return Some(text);
        }
        // Folded line by line; the characters the fonts lack were already
        // reported (and replaced) by `text_node`.
        let lines: Vec<String> = raw
            .lines()
            .map(one_line)
            .filter(|l| !l.is_empty())
            .map(|l| self.replace_undrawable(l).0)
            .collect();
        Some(lines.join("\n"))
    }

    /// A one-line text (white space folded, NFC) that is not drawn (a folder,
    /// a font name): only control characters are refused.
    pub(super) fn plain_text_node(&mut self, node: &Node, field: &str) -> Option<String> {
        match self.scalar_text(node) {
            Some(s) => {
                let s = one_line(&s);
                if s.chars().all(char::is_whitespace) {
                    self.error(node.loc, field, crate::tr!("model.schema.empty"));
                    None
                } else if self.has_control_chars(node, field, &s) {
                    None
                } else {
                    Some(s)
                }
            }
            None => {
                self.wrong_type(node, field, &crate::tr!("model.schema.expected.line"));
                None
            }
        }
    }

    pub(super) fn date_node(&mut self, node: &Node, field: &str) -> Option<Date> {
        let Some(text) = self.scalar_text(node) else {
            self.wrong_type(node, field, &crate::tr!("model.schema.expected.date"));
            return None;
        };
        match Date::parse(&text) {
            Ok(d) => Some(d),
            Err(e) => {
                self.error_hint(
                    node.loc,
                    field,
                    format!("`{}`: {e}", text.trim()),
                    crate::tr!("model.schema.date_hint", forms = date::accepted_forms()),
                );
                None
            }
        }
    }

    pub(super) fn number_node(&mut self, node: &Node, field: &str) -> Option<u32> {
        let parsed = match &node.kind {
            NodeKind::Int(i) => u32::try_from(*i).ok(),
            NodeKind::Str(s) => s.trim().parse::<u32>().ok(),
            _ => None,
        };
        match parsed {
            Some(n) if (1..=999_999).contains(&n) => Some(n),
            _ => {
                self.error_hint(
                    node.loc,
                    field,
                    crate::tr!("model.schema.bad_number"),
                    crate::tr!("model.schema.bad_number_hint"),
                );
                None
            }
        }
    }

    /// A length in millimetres within `(min, max]`.
    pub(super) fn millimetres_node(
        &mut self,
        node: &Node,
        field: &str,
        (min, max): (f64, f64),
    ) -> Option<f64> {
        let value = match node.kind {
            NodeKind::Int(i) => i as f64,
            NodeKind::Float(x) => x,
            _ => {
                self.wrong_type(node, field, &crate::tr!("model.schema.expected.number"));
                return None;
            }
        };
        if value.is_finite() && value > min && value <= max {
            return Some(value);
        }
        self.error_hint(
            node.loc,
            field,
            crate::tr!("model.schema.out_of_range", value = value),
            crate::tr!(
                "model.schema.range_hint",
                min = min,
                max = max,
                unit = " mm"
            ),
        );
        None
    }

    pub(super) fn bool_node(&mut self, node: &Node, field: &str) -> Option<bool> {
        match node.kind {
            NodeKind::Bool(b) => Some(b),
            _ => {
                self.wrong_type(node, field, &crate::tr!("model.schema.expected.bool"));
                None
            }
        }
    }

    pub(super) fn status_node(&mut self, node: &Node, field: &str) -> Option<&'static str> {
        const STATUSES: [&str; 3] = ["open", "done", "cancelled"];
        let text = self.scalar_text(node);
        let text = text.as_deref().map(str::trim);
        if let Some(s) = STATUSES.iter().find(|s| Some(**s) == text) {
            return Some(s);
        }
        let hint = match text.and_then(|t| nearest(t, STATUSES.iter().copied())) {
            Some(guess) => crate::tr!("model.schema.status_hint_guess", guess = guess),
            None => crate::tr!("model.schema.status_hint"),
        };
        self.error_hint(node.loc, field, crate::tr!("model.schema.bad_status"), hint);
        None
    }

    /// `numbering.series`: series key → the document types it numbers;
    /// a type not in [`format::DOCUMENT_TYPES`], or in two series, is an
    /// error at its place.
    pub(super) fn series_node(&mut self, node: &Node, field: &str) -> Option<Value> {
        let NodeKind::Map(entries) = &node.kind else {
            if !matches!(node.kind, NodeKind::Null) {
                self.wrong_type(node, field, &crate::tr!("model.schema.expected.mapping"));
            }
            return None;
        };
        let mut out = Map::new();
        let mut seen: Vec<(String, String)> = Vec::new();
        for (key, value) in entries {
            let path = format!("{field}.{}", key.name);
            let items: Vec<&Node> = match &value.kind {
                NodeKind::Seq(items) => items.iter().collect(),
                _ => vec![value],
            };
            let mut types = Vec::new();
            for item in items {
                let Some(name) = self.text_node(item, &path) else {
                    continue;
                };
                if !format::DOCUMENT_TYPES.contains(&name.as_str()) {
                    let hint = match nearest(&name, format::DOCUMENT_TYPES.iter().copied()) {
                        Some(guess) => crate::tr!("model.schema.type_hint_guess", guess = guess),
                        None => crate::tr!(
                            "model.schema.type_hint",
                            types = format::DOCUMENT_TYPES.join(", ")
                        ),
                    };
                    self.error_hint(
                        item.loc,
                        &path,
                        crate::tr!("model.schema.unknown_type", name = name),
                        hint,
                    );
                } else if let Some((_, other)) = seen.iter().find(|(t, _)| *t == name) {
                    self.error(
                        item.loc,
                        &path,
                        crate::tr!(
                            "model.schema.type_in_two_series",
                            name = name,
                            other = other
                        ),
                    );
                } else {
                    seen.push((name.clone(), key.name.clone()));
                    types.push(Value::String(name));
                }
            }
            out.insert(key.name.clone(), Value::Array(types));
        }
        Some(Value::Object(out))
    }

    /// A list of one-line texts; a single text is read as a list of one.
    pub(super) fn text_list_node(&mut self, node: &Node, field: &str) -> Option<Vec<String>> {
        match &node.kind {
            NodeKind::Seq(items) => Some(
                items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, item)| self.text_node(item, &format!("{field}[{}]", i + 1)))
                    .collect(),
            ),
            NodeKind::Map(_) => {
                self.wrong_type(node, field, &crate::tr!("model.schema.expected.text_list"));
                None
            }
            _ => Some(self.text_node(node, field).into_iter().collect()),
        }
    }

    /// Units: a text split on `;`, or a list of texts; directory codes expanded.
    pub(super) fn units_node(&mut self, node: &Node, field: &str) -> Option<Vec<String>> {
        let named: Vec<(String, Loc)> = match &node.kind {
            NodeKind::Seq(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| {
                    self.text_node(item, &format!("{field}[{}]", i + 1))
                        .map(|t| (t, item.loc))
                })
                .collect(),
            NodeKind::Map(_) => {
                self.wrong_type(node, field, &crate::tr!("model.schema.expected.units"));
                return None;
            }
            _ => match self.text_node(node, field) {
                Some(t) => t
                    .split(';')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| (s.to_string(), node.loc))
                    .collect(),
                None => Vec::new(),
            },
        };
        Some(
            named
                .into_iter()
                .map(|(name, loc)| self.expand_unit(name, loc, field))
                .collect(),
        )
    }
}
