//! The house layout of a notice: one value per element, shared by every
//! backend (Decree 30/2020/NĐ-CP, Phụ lục I, as the layout table of docs/meeting-format.md reads it). Each value can be changed in the
//! `layout:` block of `ketluan.yaml`; names and units are in the table
//! [`Layout::FIELDS`]. The header grid, the centred lines and the rule
//! lengths it rules are worked out once per document into its
//! [`crate::typeset::frame::Frame`], which the backends write.

use crate::typeset::measure::{text_width, FontStyle};

/// `text` broken into centred lines measured in the embedded fonts.
fn centred(
    text: &str,
    style: FontStyle,
    size_pt: f32,
    width_pt: f32,
    names: &[String],
) -> Vec<String> {
    crate::typeset::break_centred::centred_lines(
        text,
        &|s: &str| text_width(s, style, size_pt),
        width_pt,
        names,
    )
}

/// The Quốc hiệu, on one line at the head of the right column.
pub const NATIONAL_TITLE: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
/// The Tiêu ngữ, under it.
pub const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";

/// Millimetres to points.
pub fn mm_to_pt(mm: f32) -> f32 {
    mm * 72.0 / 25.4
}

/// Points to twentieths of a point (DOCX "twips").
pub fn pt_to_twips(pt: f32) -> i32 {
    (pt * 20.0).round() as i32
}

/// Millimetres to twips.
pub fn mm_to_twips(mm: f32) -> i32 {
    pt_to_twips(mm_to_pt(mm))
}

/// Sizes, spacings and fonts of the notice. Lengths in millimetres (`_mm`),
/// font sizes and spacings in points (`_pt`).
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Paper width (A4: 210).
    pub page_width_mm: f32,
    /// Paper height (A4: 297).
    pub page_height_mm: f32,
    /// Top margin.
    pub margin_top_mm: f32,
    /// Bottom margin.
    pub margin_bottom_mm: f32,
    /// Left margin.
    pub margin_left_mm: f32,
    /// Right margin.
    pub margin_right_mm: f32,
    /// Distance from the page top to the page number (DOCX header distance).
    pub header_distance_mm: f32,
    /// The font family named in the DOCX.
    pub font_family: String,
    /// A folder with the user's own Times New Roman files for the PDF
    /// (`times.ttf`, `timesbd.ttf`, `timesi.ttf`, `timesbi.ttf`); `None`:
    /// the embedded Liberation Serif.
    pub font_dir: Option<std::path::PathBuf>,
    /// Width of the left column of the header and signature tables (6.5 cm).
    pub left_column_mm: f32,
    /// Width of the right column (10.0 cm).
    pub right_column_mm: f32,
    /// Cơ quan chủ quản.
    pub parent_size_pt: f32,
    /// Cơ quan ban hành.
    pub issuer_size_pt: f32,
    /// `Số: …`.
    pub number_size_pt: f32,
    /// Quốc hiệu.
    pub national_title_size_pt: f32,
    /// Tiêu ngữ.
    pub motto_size_pt: f32,
    /// Địa danh, ngày tháng.
    pub date_line_size_pt: f32,
    /// `THÔNG BÁO`.
    pub doc_type_size_pt: f32,
    /// Trích yếu.
    pub summary_size_pt: f32,
    /// Body paragraphs.
    pub body_size_pt: f32,
    /// `Nơi nhận:`.
    pub recipients_heading_size_pt: f32,
    /// Recipient lines.
    pub recipients_size_pt: f32,
    /// Authority, position and name of the signer.
    pub signer_size_pt: f32,
    /// Page numbers.
    pub page_number_size_pt: f32,
    /// Text in tables (the report's list of tasks).
    pub table_size_pt: f32,
    /// Space between a table cell's border and its text, on each side.
    pub table_cell_padding_pt: f32,
    /// Thickness of a table's borders.
    pub table_border_pt: f32,
    /// The heading lines of a Phụ lục (`Phụ lục`, its title, `(Kèm theo …)`).
    pub appendix_heading_size_pt: f32,
    /// Space between a Phụ lục's heading lines and what follows them.
    pub appendix_heading_space_after_pt: f32,
    /// First-line indent of body paragraphs.
    pub body_indent_mm: f32,
    /// Space before each body paragraph.
    pub body_space_before_pt: f32,
    /// Exact line pitch of body paragraphs.
    pub body_line_pt: f32,
    /// Space between the header table and `THÔNG BÁO`.
    pub doc_type_space_before_pt: f32,
    /// Space between the body and the signature table.
    pub signature_table_space_before_pt: f32,
    /// Space left for the signature and seal.
    pub signature_space_mm: f32,
    /// Space between the signatures and a Nơi nhận printed below them (the minutes).
    pub recipients_below_space_pt: f32,
    /// Thickness of the three rules.
    pub rule_thickness_pt: f32,
    /// Gap between the text above a rule and the rule.
    pub rule_gap_pt: f32,
    /// Space below a rule.
    pub rule_space_after_pt: f32,
    /// Rule under the issuer's name, as a share of that name's width.
    pub issuer_rule_ratio: f32,
    /// Rule under the trích yếu, as a share of its longest line.
    pub summary_rule_ratio: f32,
    /// Widest line of the trích yếu, as a share of the text width (it is
    /// wrapped into balanced lines within it).
    pub summary_max_width_ratio: f32,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            page_width_mm: 210.0,
            page_height_mm: 297.0,
            margin_top_mm: 20.0,
            margin_bottom_mm: 20.0,
            margin_left_mm: 30.0,
            margin_right_mm: 15.0,
            header_distance_mm: 10.0,
            font_family: "Times New Roman".to_string(),
            font_dir: None,
            left_column_mm: 65.0,
            right_column_mm: 100.0,
            parent_size_pt: 13.0,
            issuer_size_pt: 13.0,
            number_size_pt: 13.0,
            national_title_size_pt: 13.0,
            motto_size_pt: 14.0,
            date_line_size_pt: 14.0,
            doc_type_size_pt: 14.0,
            summary_size_pt: 14.0,
            body_size_pt: 14.0,
            recipients_heading_size_pt: 12.0,
            recipients_size_pt: 11.0,
            signer_size_pt: 14.0,
            page_number_size_pt: 14.0,
            table_size_pt: 12.0,
            table_cell_padding_pt: 3.0,
            table_border_pt: 0.5,
            appendix_heading_size_pt: 14.0,
            appendix_heading_space_after_pt: 12.0,
            body_indent_mm: 10.0,
            body_space_before_pt: 6.0,
            body_line_pt: 18.0,
            doc_type_space_before_pt: 12.0,
            signature_table_space_before_pt: 6.0,
            signature_space_mm: 25.0,
            recipients_below_space_pt: 12.0,
            rule_thickness_pt: 0.75,
            rule_gap_pt: 5.0,
            rule_space_after_pt: 6.0,
            issuer_rule_ratio: 1.0 / 3.0,
            summary_rule_ratio: 1.0 / 3.0,
            summary_max_width_ratio: 0.75,
        }
    }
}

/// Accessor for one numeric field of [`Layout`].
pub type FieldRef = fn(&mut Layout) -> &mut f32;

impl Layout {
    /// The numeric fields a `layout:` block may set, with their names there.
    pub const FIELDS: &'static [(&'static str, FieldRef)] = &[
        ("page_width_mm", |l| &mut l.page_width_mm),
        ("page_height_mm", |l| &mut l.page_height_mm),
        ("margin_top_mm", |l| &mut l.margin_top_mm),
        ("margin_bottom_mm", |l| &mut l.margin_bottom_mm),
        ("margin_left_mm", |l| &mut l.margin_left_mm),
        ("margin_right_mm", |l| &mut l.margin_right_mm),
        ("header_distance_mm", |l| &mut l.header_distance_mm),
        ("left_column_mm", |l| &mut l.left_column_mm),
        ("right_column_mm", |l| &mut l.right_column_mm),
        ("parent_size_pt", |l| &mut l.parent_size_pt),
        ("issuer_size_pt", |l| &mut l.issuer_size_pt),
        ("number_size_pt", |l| &mut l.number_size_pt),
        ("national_title_size_pt", |l| &mut l.national_title_size_pt),
        ("motto_size_pt", |l| &mut l.motto_size_pt),
        ("date_line_size_pt", |l| &mut l.date_line_size_pt),
        ("doc_type_size_pt", |l| &mut l.doc_type_size_pt),
        ("summary_size_pt", |l| &mut l.summary_size_pt),
        ("body_size_pt", |l| &mut l.body_size_pt),
        ("recipients_heading_size_pt", |l| {
            &mut l.recipients_heading_size_pt
        }),
        ("recipients_size_pt", |l| &mut l.recipients_size_pt),
        ("signer_size_pt", |l| &mut l.signer_size_pt),
        ("page_number_size_pt", |l| &mut l.page_number_size_pt),
        ("table_size_pt", |l| &mut l.table_size_pt),
        ("table_cell_padding_pt", |l| &mut l.table_cell_padding_pt),
        ("table_border_pt", |l| &mut l.table_border_pt),
        ("appendix_heading_size_pt", |l| {
            &mut l.appendix_heading_size_pt
        }),
        ("appendix_heading_space_after_pt", |l| {
            &mut l.appendix_heading_space_after_pt
        }),
        ("body_indent_mm", |l| &mut l.body_indent_mm),
        ("body_space_before_pt", |l| &mut l.body_space_before_pt),
        ("body_line_pt", |l| &mut l.body_line_pt),
        ("doc_type_space_before_pt", |l| {
            &mut l.doc_type_space_before_pt
        }),
        ("signature_table_space_before_pt", |l| {
            &mut l.signature_table_space_before_pt
        }),
        ("signature_space_mm", |l| &mut l.signature_space_mm),
        ("recipients_below_space_pt", |l| {
            &mut l.recipients_below_space_pt
        }),
        ("rule_thickness_pt", |l| &mut l.rule_thickness_pt),
        ("rule_gap_pt", |l| &mut l.rule_gap_pt),
        ("rule_space_after_pt", |l| &mut l.rule_space_after_pt),
        ("issuer_rule_ratio", |l| &mut l.issuer_rule_ratio),
        ("summary_rule_ratio", |l| &mut l.summary_rule_ratio),
        ("summary_max_width_ratio", |l| {
            &mut l.summary_max_width_ratio
        }),
    ];

    /// The range a numeric field accepts (exclusive minimum, inclusive
    /// maximum) and its unit, by the name's suffix: wide enough for any real
    /// paper and type, tight enough that no value takes the layout to an
    /// absurd number of pages. The validator and the JSON Schema both use it.
    pub fn range(name: &str) -> (f64, f64, &'static str) {
        if name.ends_with("_ratio") {
            (0.0, 1.0, "")
        } else if name.ends_with("_size_pt") {
            (3.0, 72.0, " pt")
        } else if name.ends_with("_pt") {
            (0.0, 144.0, " pt")
        } else if name.starts_with("page_") {
            (50.0, 1500.0, " mm")
        } else {
            (0.0, 500.0, " mm")
        }
    }

    /// Width of the text area (page less the side margins), in mm.
    pub fn text_width_mm(&self) -> f32 {
        self.page_width_mm - self.margin_left_mm - self.margin_right_mm
    }

    /// Widths of the left and right columns of the header and signature
    /// tables, in mm: as set, or, when together they are wider than the
    /// text area, narrowed to fill it. Decree 30 allows a left margin of
    /// 35 mm and a right one of 20 mm, which leave 155 mm for the house
    /// 65 + 100 (Word would stretch the wider table into the right
    /// margin). Both give way in proportion, but the right column keeps
    /// room for the Quốc hiệu on one line (Decree 30) as long as the left
    /// keeps a quarter of the text area: the left column's names break
    /// onto more lines instead (35/20: 58.4 + 96.6 mm).
    pub fn columns_mm(&self) -> (f32, f32) {
        let (left, right) = (self.left_column_mm, self.right_column_mm);
        let text = self.text_width_mm();
        if left + right <= text + 0.01 || text <= 0.0 {
            return (left, right);
        }
        let title_mm =
            text_width(NATIONAL_TITLE, FontStyle::Bold, self.national_title_size_pt) * 25.4 / 72.0
                + 1.0;
        let right = (right * text / (left + right))
            .max(title_mm)
            .min(right)
            .min(text * 0.75);
        (text - right, right)
    }

    /// Lines of the issuer's name (and of the parent above it) as set in the
    /// left header column: centred lines ([`crate::typeset::break_centred`]), never wider
    /// than the column, never breaking the `names`.
    pub fn header_left_lines(
        &self,
        text: &str,
        bold: bool,
        size_pt: f32,
        names: &[String],
    ) -> Vec<String> {
        centred(
            text,
            FontStyle::of(bold, false),
            size_pt,
            mm_to_pt(self.columns_mm().0),
            names,
        )
    }

    /// Lines of the trích yếu: centred lines within `summary_max_width_ratio`
    /// of the text width, typed breaks kept, never breaking the `names`.
    pub fn summary_lines(&self, summary: &str, names: &[String]) -> Vec<String> {
        centred(
            summary,
            FontStyle::Bold,
            self.summary_size_pt,
            mm_to_pt(self.text_width_mm() * self.summary_max_width_ratio),
            names,
        )
    }

    /// Lines of a công văn's `V/v …` under the number (Decree 30, Phụ
    /// lục I, ô 5b: 12–13 pt, upright, centred under the number): at the
    /// number's size, centred lines within the left header column.
    pub fn subject_lines(&self, subject: &str, names: &[String]) -> Vec<String> {
        self.header_left_lines(subject, false, self.number_size_pt, names)
    }

    /// Lines of a công văn's `Kính gửi: …` (ô 9a: 14 pt, upright): at the
    /// body's size, centred lines within `summary_max_width_ratio` of the
    /// text width.
    pub fn addressee_lines(&self, addressee: &str, names: &[String]) -> Vec<String> {
        centred(
            addressee,
            FontStyle::Regular,
            self.body_size_pt,
            mm_to_pt(self.text_width_mm() * self.summary_max_width_ratio),
            names,
        )
    }

    /// Lines of one title line of the signature block (an authority line
    /// or the position, in capitals, bold): centred lines within its
    /// column, `column_pt` wide.
    pub fn signer_lines(&self, text: &str, column_pt: f32, names: &[String]) -> Vec<String> {
        centred(text, FontStyle::Bold, self.signer_size_pt, column_pt, names)
    }

    /// Lines of one heading line of a Phụ lục: centred lines within
    /// `summary_max_width_ratio` of the text width, never breaking the `names`.
    pub fn appendix_heading_lines(
        &self,
        text: &str,
        style: FontStyle,
        names: &[String],
    ) -> Vec<String> {
        centred(
            text,
            style,
            self.appendix_heading_size_pt,
            mm_to_pt(self.text_width_mm() * self.summary_max_width_ratio),
            names,
        )
    }

    /// Length of the rule under the issuer's name, in points.
    pub fn issuer_rule_pt(&self, issuer_lines: &[String]) -> f32 {
        widest(issuer_lines, FontStyle::Bold, self.issuer_size_pt) * self.issuer_rule_ratio
    }

    /// Length of the rule under the motto: exactly the motto's width, in points.
    pub fn motto_rule_pt(&self, motto: &str) -> f32 {
        text_width(motto, FontStyle::Bold, self.motto_size_pt)
    }

    /// Length of the rule under the trích yếu, in points.
    pub fn summary_rule_pt(&self, summary_lines: &[String]) -> f32 {
        widest(summary_lines, FontStyle::Bold, self.summary_size_pt) * self.summary_rule_ratio
    }
}

fn widest(lines: &[String], style: FontStyle, size_pt: f32) -> f32 {
    lines
        .iter()
        .map(|l| text_width(l, style, size_pt))
        .fold(0.0, f32::max)
}
