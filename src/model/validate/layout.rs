//! The `layout` block: page and type sizes within their ranges, the font
//! family and folder, and margins that leave room for the text.

use super::Walker;
use crate::diag::Loc;
use crate::layout::Layout;
use crate::model::node::{Node, NodeKind};

/// Smallest text area left by the margins, in millimetres.
const MIN_TEXT_AREA_MM: f32 = 20.0;

fn field_value(layout: &mut Layout, name: &str) -> f32 {
    Layout::FIELDS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(0.0, |(_, f)| *f(layout))
}

impl Walker<'_> {
    pub(super) fn layout_node(&mut self, node: &Node, anchor: Loc) -> Layout {
        let mut layout = Layout::default();
        let mut allowed: Vec<&str> = Layout::FIELDS.iter().map(|(n, _)| *n).collect();
        allowed.push("font_family");
        allowed.push("font_dir");
        let Some(l) = self.fields(node, anchor, "layout", Some(&allowed)) else {
            return layout;
        };
        if let Some(n) = l.get("font_family") {
            if let Some(family) = self.plain_text_node(n, &l.path("font_family")) {
                layout.font_family = family;
            }
        }
        let font_dir = l
            .get("font_dir")
            .and_then(|n| Some((self.plain_text_node(n, &l.path("font_dir"))?, n)));
        if let Some((dir, n)) = font_dir {
            // Relative to the file that names it.
            let base = self
                .sources
                .get(n.loc.file)
                .path
                .parent()
                .map(std::path::Path::to_path_buf);
            let dir = std::path::PathBuf::from(dir);
            let dir = match base {
                Some(b) if dir.is_relative() => b.join(dir),
                _ => dir,
            };
            if !dir.is_dir() {
                self.error(
                    n.loc,
                    &l.path("font_dir"),
                    crate::tr!("model.schema.no_folder", dir = dir.display()),
                );
            }
            layout.font_dir = Some(dir);
        }
        for (name, field) in Layout::FIELDS {
            let Some(n) = l.get(name) else { continue };
            let value = match n.kind {
                NodeKind::Int(i) => i as f64,
                NodeKind::Float(x) => x,
                _ => {
                    self.wrong_type(
                        n,
                        &l.path(name),
                        &crate::tr!("model.schema.expected.number"),
                    );
                    continue;
                }
            };
            let (min, max, unit) = Layout::range(name);
            if !(value.is_finite() && value > min && value <= max) {
                self.error_hint(
                    n.loc,
                    &l.path(name),
                    crate::tr!("model.schema.out_of_range", value = value),
                    crate::tr!("model.schema.range_hint", min = min, max = max, unit = unit),
                );
                continue;
            }
            *field(&mut layout) = value as f32;
        }
        // The margins must leave room for the text (a page with none would
        // take the layout into an endless run of empty pages): the room
        // left, the fields that decide it, and whether it is across the page.
        let checks = [
            (
                layout.text_width_mm(),
                ["page_width_mm", "margin_left_mm", "margin_right_mm"],
                true,
            ),
            (
                layout.page_height_mm - layout.margin_top_mm - layout.margin_bottom_mm,
                ["page_height_mm", "margin_top_mm", "margin_bottom_mm"],
                false,
            ),
        ];
        for (room, keys, across) in checks {
            if room < MIN_TEXT_AREA_MM {
                let key = keys.iter().rev().find(|k| l.get(k).is_some()).copied();
                let loc = key.and_then(|k| l.get(k)).map_or(l.anchor, |n| n.loc);
                self.error_hint(
                    loc,
                    &l.path(key.unwrap_or(keys[0])),
                    if across {
                        crate::tr!("model.schema.margins_width", room = format!("{room:.0}"))
                    } else {
                        crate::tr!("model.schema.margins_height", room = format!("{room:.0}"))
                    },
                    crate::tr!(
                        "model.schema.margins_hint",
                        min = MIN_TEXT_AREA_MM,
                        key1 = keys[0],
                        value1 = field_value(&mut layout, keys[0]),
                        key2 = keys[1],
                        value2 = field_value(&mut layout, keys[1]),
                        key3 = keys[2],
                        value3 = field_value(&mut layout, keys[2]),
                    ),
                );
                layout = Layout::default();
            }
        }
        layout
    }
}
