//! The laid-out frame of a document: what every backend writes the same
//! and none should work out again. The header grid (in millimetres for
//! the web page, points for the PDF, the DOCX's twips), the centred lines
//! of the parent, the issuer, the trích yếu, the signers' titles and the
//! Phụ lục headings, and the lengths of the three rules, all from the
//! document's [`Layout`] and texts. Computed once per document, where it
//! is made ([`Document::laid_out`]); the DOCX, the PDF composer
//! ([`super::compose`]) and the web page only write it.

use crate::document::{Document, Signature, MOTTO};
use crate::layout::{mm_to_pt, mm_to_twips, Layout};
use crate::typeset::measure::FontStyle;

/// Lines of one centred paragraph, as broken ([`super::break_centred`]).
pub type Lines = Vec<String>;

/// The two columns of the header and signature tables.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Columns {
    /// The left column (the issuer, Nơi nhận), in mm ([`Layout::columns_mm`]).
    pub left_mm: f32,
    /// The right column (the Quốc hiệu, the signer), in mm.
    pub right_mm: f32,
    /// The left column in points.
    pub left_pt: f32,
    /// The right column in points.
    pub right_pt: f32,
    /// The left column of the DOCX's grid, in twips.
    pub left_twips: i32,
    /// The right column of the DOCX's grid, in twips: when the two
    /// columns fill the text width (as by default), exactly what the left
    /// leaves of the text width, so that rounding gives the house grid
    /// 3685 + 5670 = 9355.
    pub right_twips: i32,
}

impl Columns {
    /// The columns of `l`.
    pub fn new(l: &Layout) -> Self {
        let (left_mm, right_mm) = l.columns_mm();
        let left_twips = mm_to_twips(left_mm);
        let text_twips = mm_to_twips(l.page_width_mm)
            - mm_to_twips(l.margin_left_mm)
            - mm_to_twips(l.margin_right_mm);
        let right_twips = if (left_mm + right_mm - l.text_width_mm()).abs() < 0.5 {
            text_twips - left_twips
        } else {
            mm_to_twips(right_mm)
        };
        Columns {
            left_mm,
            right_mm,
            left_pt: mm_to_pt(left_mm),
            right_pt: mm_to_pt(right_mm),
            left_twips,
            right_twips,
        }
    }

    /// The left and right widths in points.
    pub fn pt(&self) -> (f32, f32) {
        (self.left_pt, self.right_pt)
    }

    /// The left and right widths of the DOCX's grid, in twips.
    pub fn twips(&self) -> (i32, i32) {
        (self.left_twips, self.right_twips)
    }
}

/// A document's laid-out values (see the module's doc). `Default`: empty,
/// the frame of a document not yet laid out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Frame {
    /// The header and signature grid.
    pub columns: Columns,
    /// The cơ quan chủ quản in the left column, if any.
    pub parent_lines: Option<Lines>,
    /// The cơ quan ban hành in the left column.
    pub issuer_lines: Lines,
    /// The rule under the issuer: `issuer_rule_ratio` of its widest line, in points.
    pub issuer_rule_pt: f32,
    /// The rule under the Tiêu ngữ: exactly its width, in points.
    pub motto_rule_pt: f32,
    /// The trích yếu.
    pub summary_lines: Lines,
    /// The rule under the trích yếu: `summary_rule_ratio` of its widest
    /// line, in points.
    pub summary_rule_pt: f32,
    /// A công văn's `V/v …` under the number, in the left column (none
    /// for other documents).
    pub subject_lines: Lines,
    /// A công văn's `Kính gửi: …`, centred above the body (none for
    /// other documents).
    pub addressee_lines: Lines,
    /// The title lines over each signer's signing space, one entry per
    /// signer in the order of [`Signature`] (one signer: its authority
    /// lines and its position, in the right column; two: each one's
    /// title, in its own column), each line as written broken into the
    /// lines set.
    pub signer_titles: Vec<Vec<Lines>>,
    /// The heading lines of each Phụ lục, in order, each as written
    /// broken into the lines set.
    pub appendix_headings: Vec<Vec<Lines>>,
}

impl Frame {
    /// Lays out `d`'s header, title, signature and Phụ lục headings.
    pub fn new(d: &Document) -> Self {
        let l = &d.layout;
        let names = &d.names;
        let columns = Columns::new(l);
        let issuer_lines = l.header_left_lines(&d.issuer, true, l.issuer_size_pt, names);
        // A công văn has its `V/v` under the number and `Kính gửi:` where
        // other documents have their title.
        let (summary_lines, subject_lines, addressee_lines) = match &d.letter {
            None => (l.summary_lines(&d.summary, names), Vec::new(), Vec::new()),
            Some(letter) => (
                Vec::new(),
                l.subject_lines(&letter.subject, names),
                l.addressee_lines(&letter.addressee, names),
            ),
        };
        let signer_titles = match &d.signature {
            Signature::Single {
                authority,
                position,
                ..
            } => vec![authority
                .iter()
                .chain(std::iter::once(position))
                .map(|t| l.signer_lines(t, columns.right_pt, names))
                .collect()],
            Signature::Pair { left, right } => [
                (&left.title, columns.left_pt),
                (&right.title, columns.right_pt),
            ]
            .into_iter()
            .map(|(title, width)| vec![l.signer_lines(title, width, names)])
            .collect(),
        };
        Frame {
            parent_lines: d
                .parent
                .as_ref()
                .map(|p| l.header_left_lines(p, false, l.parent_size_pt, names)),
            issuer_rule_pt: l.issuer_rule_pt(&issuer_lines),
            issuer_lines,
            motto_rule_pt: l.motto_rule_pt(MOTTO),
            summary_rule_pt: l.summary_rule_pt(&summary_lines),
            summary_lines,
            subject_lines,
            addressee_lines,
            signer_titles,
            appendix_headings: d
                .appendices
                .iter()
                .map(|a| {
                    a.heading
                        .iter()
                        .map(|h| {
                            let style = FontStyle::of(h.bold, h.italic);
                            l.appendix_heading_lines(&h.text, style, names)
                        })
                        .collect()
                })
                .collect(),
            columns,
        }
    }

    /// The title lines over signer `i`'s signing space, one after another.
    pub fn signer_lines(&self, i: usize) -> impl Iterator<Item = &String> {
        self.signer_titles.get(i).into_iter().flatten().flatten()
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::document::compose;
    use crate::model::{load_meeting, DocumentKind};
    use crate::template::Templates;

    fn example(file: &str, kind: DocumentKind) -> Document {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("meetings")
            .join(file);
        let meeting = load_meeting(&path).meeting.expect("the example loads");
        compose(&meeting, kind, &Templates::embedded()).expect("the example composes")
    }

    #[test]
    fn the_house_grid_is_65_and_100_mm_and_3685_and_5670_twips() {
        let c = Columns::new(&Layout::default());
        assert_eq!((c.left_mm, c.right_mm), (65.0, 100.0));
        assert!((c.left_pt - 184.252).abs() < 0.01, "{c:?}");
        assert!((c.right_pt - 283.465).abs() < 0.01, "{c:?}");
        assert_eq!((c.left_twips, c.right_twips), (3685, 5670));
        // Columns narrower than the text area keep their own rounding.
        let l = Layout {
            left_column_mm: 60.0,
            right_column_mm: 90.0,
            ..Layout::default()
        };
        let c = Columns::new(&l);
        assert_eq!((c.left_twips, c.right_twips), (3402, 5102));
    }

    #[test]
    fn a_composed_document_carries_its_frame() {
        let d = example(
            "2021-01-25-phien-hop-ubnd-thang-01.yaml",
            DocumentKind::Notice,
        );
        let f = &d.frame;
        assert_eq!(*f, Frame::new(&d));
        assert_eq!(f.columns, Columns::new(&d.layout));
        assert_eq!(f.issuer_lines.join(" "), d.issuer);
        assert_eq!(f.summary_lines.len(), 2, "{:?}", f.summary_lines);
        let widest = |lines: &[String], size| {
            lines
                .iter()
                .map(|s| crate::typeset::measure::text_width(s, FontStyle::Bold, size))
                .fold(0.0, f32::max)
        };
        let l = &d.layout;
        let third = |x: f32| x / 3.0;
        assert!((f.issuer_rule_pt - third(widest(&f.issuer_lines, l.issuer_size_pt))).abs() < 1e-3);
        assert!(
            (f.summary_rule_pt - third(widest(&f.summary_lines, l.summary_size_pt))).abs() < 1e-3
        );
        assert!((f.motto_rule_pt - widest(&[MOTTO.to_string()], l.motto_size_pt)).abs() < 1e-3);
        // One signer: every authority line and the position, in order.
        let Signature::Single {
            authority,
            position,
            ..
        } = &d.signature
        else {
            panic!("the notice has one signer");
        };
        assert_eq!(f.signer_titles.len(), 1);
        assert_eq!(f.signer_titles[0].len(), authority.len() + 1);
        let joined: Vec<String> = f.signer_titles[0].iter().map(|t| t.join(" ")).collect();
        assert_eq!(joined.last(), Some(position));
        assert_eq!(f.signer_lines(0).count(), f.signer_titles[0].concat().len());
        assert_eq!(f.signer_lines(1).count(), 0);
    }

    #[test]
    fn the_minutes_frame_has_a_title_for_each_signer() {
        let d = example("2021-02-24-hop-ubnd-thang-02.yaml", DocumentKind::Minutes);
        let titles: Vec<Vec<Lines>> = d.frame.signer_titles.clone();
        assert_eq!(
            titles,
            [
                vec![vec![crate::document::SECRETARY_TITLE.to_string()]],
                vec![vec![crate::document::CHAIR_TITLE.to_string()]],
            ]
        );
        assert!(d.frame.appendix_headings.is_empty());
    }
}
