//! The task dashboard's chart: per lead unit, the four counts of QĐ
//! 42/2014/QĐ-TTg as one stacked horizontal bar, written as inline SVG.
//!
//! Readable without colour: each count has its own fill pattern (solid,
//! diagonal hatching, dots, blank), shown in the legend, and the numbers
//! are written beside every bar. A small writer rather than a charting
//! crate: one kind of chart, some 150 lines, no dependency (docs/architecture.md).

use std::fmt::Write as _;

use crate::text::xml_escape;
use crate::tracking::{Standing, UnitSummary};

/// The four counts, in the order of QĐ 42/2014, with their fills (solid,
/// or one of the patterns of `<defs>`).
const SERIES: [(Standing, &str); 4] = [
    (Standing::DoneOnTime, "#222"),
    (Standing::DoneLate, "url(#p-late)"),
    (Standing::OpenInTime, "url(#p-open)"),
    (Standing::OpenOverdue, "url(#p-overdue)"),
];

const WIDTH: f32 = 780.0;
const LABEL_W: f32 = 300.0;
const BAR_W: f32 = 300.0;
const ROW_H: f32 = 26.0;
const BAR_H: f32 = 16.0;
const TOP: f32 = 40.0;

/// The four counts of a unit, in [`SERIES`] order.
fn counts(u: &UnitSummary) -> [usize; 4] {
    [u.done_on_time, u.done_late, u.open_in_time, u.open_overdue]
}

/// A unit name cut to fit the label column (about 48 characters).
fn label(name: &str) -> String {
    const MAX: usize = 46;
    if name.chars().count() <= MAX {
        return name.to_string();
    }
    let cut: String = name.chars().take(MAX - 1).collect();
    format!("{}…", cut.trim_end())
}

/// The chart as an `<svg>` element: a legend, then one row per unit.
pub fn stacked_bars(units: &[UnitSummary]) -> String {
    let max = units
        .iter()
        .map(|u| counts(u).iter().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    let height = TOP + ROW_H * units.len() as f32 + 8.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" font-family="Times New Roman, Liberation Serif, serif" font-size="13">"##
    );
    s.push_str(
        "<title>Tình hình thực hiện nhiệm vụ theo đơn vị chủ trì (QĐ 42/2014/QĐ-TTg)</title>",
    );
    s.push_str(concat!(
        "<defs>",
        r##"<pattern id="p-late" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#000" stroke-width="2"/></pattern>"##,
        r##"<pattern id="p-overdue" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#fff"/><path d="M0 0L6 6M6 0L0 6" stroke="#000" stroke-width="1.2"/></pattern>"##,
        r##"<pattern id="p-open" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#fff"/><circle cx="3" cy="3" r="1.1" fill="#000"/></pattern>"##,
        "</defs>",
    ));
    // The legend.
    let mut x = 0.0;
    for (standing, fill) in SERIES {
        let name = standing.label();
        let _ = write!(
            s,
            r##"<rect x="{x}" y="6" width="14" height="14" fill="{fill}" stroke="#000"/><text x="{}" y="18">{}</text>"##,
            x + 19.0,
            xml_escape(name)
        );
        x += 19.0 + name.chars().count() as f32 * 6.4 + 16.0;
    }
    for (row, u) in units.iter().enumerate() {
        let y = TOP + row as f32 * ROW_H;
        let _ = write!(
            s,
            r##"<text x="0" y="{}">{}</text>"##,
            y + 12.5,
            xml_escape(&label(&u.unit))
        );
        let c = counts(u);
        let mut bx = LABEL_W;
        for (n, (_, fill)) in c.iter().zip(SERIES) {
            if *n == 0 {
                continue;
            }
            let w = BAR_W * *n as f32 / max as f32;
            let _ = write!(
                s,
                r##"<rect x="{bx:.1}" y="{y}" width="{w:.1}" height="{BAR_H}" fill="{fill}" stroke="#000" stroke-width="0.8"/>"##
            );
            bx += w;
        }
        let _ = write!(
            s,
            r##"<text x="{}" y="{}">{} / {} / {} / {} (tổng {})</text>"##,
            LABEL_W + BAR_W + 10.0,
            y + 12.5,
            c[0],
            c[1],
            c[2],
            c[3],
            u.total
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(name: &str, c: [usize; 5]) -> UnitSummary {
        UnitSummary {
            unit: name.to_string(),
            done_on_time: c[0],
            done_late: c[1],
            open_in_time: c[2],
            open_overdue: c[3],
            cancelled: c[4],
            total: c.iter().sum(),
        }
    }

    #[test]
    fn bars_are_proportional_and_numbers_are_written() {
        let svg = stacked_bars(&[
            unit("Sở Nội vụ", [2, 0, 1, 1, 0]),
            unit("Sở <Tài> chính & Kế hoạch", [0, 0, 0, 2, 1]),
        ]);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("2 / 0 / 1 / 1 (tổng 4)"));
        assert!(svg.contains("0 / 0 / 0 / 2 (tổng 3)"));
        assert!(svg.contains("Sở &lt;Tài&gt; chính &amp; Kế hoạch"));
        // The longest bar (4 tasks) fills the bar width: 2 + 1 + 1 of 4.
        assert!(
            svg.contains(r##"width="150.0" height="16" fill="#222""##),
            "{svg}"
        );
        assert!(svg.contains(r#"width="75.0" height="16" fill="url(#p-open)""#));
        // Every pattern of the legend is defined.
        for (_, fill) in SERIES.iter().skip(1) {
            let id = fill.trim_start_matches("url(#").trim_end_matches(')');
            assert!(svg.contains(&format!(r#"<pattern id="{id}""#)));
        }
    }

    /// A number attribute of an SVG element.
    fn num(n: roxmltree::Node, name: &str) -> f32 {
        n.attribute(name).unwrap().parse().unwrap()
    }

    #[test]
    fn the_chart_holds_every_row_and_its_legend_reads_left_to_right() {
        let units: Vec<UnitSummary> = (0..7)
            .map(|i| unit(&format!("Đơn vị {i}"), [i, 1, 2, 3, 0]))
            .collect();
        let svg = stacked_bars(&units);
        let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
        let root = doc.root_element();
        let height = num(root, "height");
        assert_eq!(
            root.attribute("viewBox"),
            Some(format!("0 0 {WIDTH} {height}").as_str())
        );
        let rects: Vec<roxmltree::Node> =
            root.children().filter(|n| n.has_tag_name("rect")).collect();
        // Every bar inside the picture, with at least a row's gap under
        // the last one.
        let bottom = rects
            .iter()
            .map(|r| num(*r, "y") + num(*r, "height"))
            .fold(0.0, f32::max);
        assert!(height - bottom >= ROW_H - BAR_H, "{bottom} in {height}");
        assert!(
            height - bottom <= ROW_H,
            "no empty row: {bottom} in {height}"
        );
        // Each row's bar: its pieces side by side from the same left edge,
        // as long in all as the row's four counts against the longest.
        let longest = units
            .iter()
            .map(|u| counts(u).iter().sum::<usize>())
            .max()
            .unwrap();
        for (row, u) in units.iter().enumerate() {
            let y = TOP + row as f32 * ROW_H;
            let pieces: Vec<(f32, f32)> = rects
                .iter()
                .filter(|r| (num(**r, "y") - y).abs() < 0.01)
                .map(|r| (num(*r, "x"), num(*r, "width")))
                .collect();
            assert_eq!(pieces[0].0, LABEL_W, "row {row}");
            for w in pieces.windows(2) {
                assert!(
                    (w[1].0 - (w[0].0 + w[0].1)).abs() < 0.11,
                    "row {row}: {pieces:?}"
                );
            }
            let total: f32 = pieces.iter().map(|p| p.1).sum();
            let want = BAR_W * counts(u).iter().sum::<usize>() as f32 / longest as f32;
            assert!((total - want).abs() < 0.3, "row {row}: {total} for {want}");
        }
        let texts: Vec<roxmltree::Node> =
            root.children().filter(|n| n.has_tag_name("text")).collect();
        assert!(texts.iter().all(|t| num(*t, "y") < height));
        // Each unit's name, then its numbers, on its own row, in order.
        let rows: Vec<f32> = texts
            .iter()
            .filter(|t| t.text().is_some_and(|x| x.starts_with("Đơn vị")))
            .map(|t| num(*t, "y"))
            .collect();
        assert_eq!(rows.len(), 7);
        assert!(rows.windows(2).all(|w| w[1] - w[0] >= BAR_H), "{rows:?}");
        // The legend: four swatches left to right, each 8 px or more after
        // the words of the one before, all inside the width. The words'
        // widths are read from the font the chart names (Liberation
        // Serif, Times New Roman's metrics) at its 13 px.
        let label_width = |t: &str| {
            crate::typeset::measure::text_width(
                t,
                crate::typeset::measure::FontStyle::Regular,
                13.0,
            )
        };
        let legend: Vec<(f32, f32, f32)> = rects
            .iter()
            .filter(|r| num(**r, "y") < TOP - 10.0)
            .zip(texts.iter())
            .map(|(r, t)| (num(*r, "x"), num(*t, "x"), label_width(t.text().unwrap())))
            .collect();
        assert_eq!(legend.len(), 4);
        for w in legend.windows(2) {
            let (_, text_x, width) = w[0];
            assert!(w[1].0 >= text_x + width + 8.0, "{legend:?}");
        }
        let (_, x, width) = legend[3];
        assert!(x + width <= WIDTH, "{legend:?}");
    }

    #[test]
    fn a_long_unit_name_is_cut_with_an_ellipsis_a_short_one_kept() {
        let short = "Sở Nông nghiệp và Phát triển nông thôn tỉnh";
        let long = "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông và nông nghiệp";
        let svg = stacked_bars(&[unit(short, [1, 0, 0, 0, 0]), unit(long, [0, 1, 0, 0, 0])]);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let names: Vec<String> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text") && n.attribute("x") == Some("0"))
            .map(|n| n.text().unwrap().to_string())
            .collect();
        assert_eq!(names[0], short);
        assert!(
            names[1].ends_with('…') && names[1].chars().count() <= 46,
            "{names:?}"
        );
        let kept = names[1].trim_end_matches('…');
        assert!(
            long.starts_with(kept) && kept.chars().count() >= 40,
            "{names:?}"
        );
    }
}
