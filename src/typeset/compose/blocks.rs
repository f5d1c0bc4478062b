//! The blocks around the body: the header (issuer and Quốc hiệu, number
//! and date; a công văn's `V/v`), the title (`THÔNG BÁO` and the trích
//! yếu; a công văn's `Kính gửi:`), a Phụ lục's
//! heading, the signature block with Nơi nhận, and the page numbers; their
//! lines and rule lengths as the document's frame laid them out.

use super::{Align, Composer, Page, TextRun};
use crate::document::{Appendix, Document, Signature, MOTTO, NATIONAL_TITLE, RECIPIENTS_HEADING};
use crate::layout::mm_to_pt;
use crate::typeset::frame::Lines;
use crate::typeset::measure::FontStyle;

impl Composer<'_> {
    pub(super) fn header(&mut self, notice: &Document) {
        let (l, frame) = (self.l, self.frame);
        let (left_w, right_w) = frame.columns.pt();
        let (x, right_x) = (self.left, self.left + left_w);
        let mut yl = self.y;
        if let Some(lines) = &frame.parent_lines {
            yl = self.single_lines(
                lines,
                (x, left_w),
                yl,
                (l.parent_size_pt, FontStyle::Regular, Align::Centre),
            );
        }
        yl = self.single_lines(
            &frame.issuer_lines,
            (x, left_w),
            yl,
            (l.issuer_size_pt, FontStyle::Bold, Align::Centre),
        );
        yl = self.rule(x, left_w, yl, frame.issuer_rule_pt);

        let mut yr = self.y;
        yr = self.single_lines(
            &[NATIONAL_TITLE.to_string()],
            (right_x, right_w),
            yr,
            (l.national_title_size_pt, FontStyle::Bold, Align::Centre),
        );
        yr = self.single_lines(
            &[MOTTO.to_string()],
            (right_x, right_w),
            yr,
            (l.motto_size_pt, FontStyle::Bold, Align::Centre),
        );
        yr = self.rule(right_x, right_w, yr, frame.motto_rule_pt);

        let row2 = yl.max(yr);
        let from = self.page().texts.len();
        let mut yl = self.single_lines(
            std::slice::from_ref(&notice.number_line),
            (x, left_w),
            row2,
            (l.number_size_pt, FontStyle::Regular, Align::Centre),
        );
        self.record_number(from);
        if !frame.subject_lines.is_empty() {
            // A công văn's `V/v …`, a paragraph's spacing under the number.
            yl = self.single_lines(
                &frame.subject_lines,
                (x, left_w),
                yl + l.body_space_before_pt,
                (l.number_size_pt, FontStyle::Regular, Align::Centre),
            );
        }
        let from = self.page().texts.len();
        let yr = self.single_lines(
            notice.date_line.as_slice(),
            (right_x, right_w),
            row2,
            (l.date_line_size_pt, FontStyle::Italic, Align::Centre),
        );
        self.record_date(from);
        self.y = yl.max(yr);
    }

    pub(super) fn title(&mut self, notice: &Document) {
        let (l, frame) = (self.l, self.frame);
        let (x, w) = (self.left, self.text_w);
        let mut y = self.y + l.doc_type_space_before_pt;
        if notice.letter.is_some() {
            // A công văn: `Kính gửi: …` in place of the title, with the
            // space under a title's rule under it (in the DOCX, in its
            // paragraph's "after").
            y = self.lines_in_box(
                &frame.addressee_lines,
                (x, w),
                y,
                (l.body_size_pt, FontStyle::Regular, Align::Centre),
                true,
            );
            self.y = y + l.rule_space_after_pt + l.body_space_before_pt;
            self.skip_space_before = true;
            return;
        }
        y = self.single_lines(
            std::slice::from_ref(&notice.doc_type),
            (x, w),
            y,
            (l.doc_type_size_pt, FontStyle::Bold, Align::Centre),
        );
        y = self.lines_in_box(
            &frame.summary_lines,
            (x, w),
            y,
            (l.summary_size_pt, FontStyle::Bold, Align::Centre),
            true,
        );
        // As in the DOCX: the space down to the body belongs to the rule, and
        // the first body paragraph has none before it.
        self.y = self.rule(x, w, y, frame.summary_rule_pt) + l.body_space_before_pt;
        self.skip_space_before = true;
    }

    /// A Phụ lục's heading lines (`lines`, as laid out), centred, then the
    /// space under them.
    pub(super) fn appendix_heading(&mut self, appendix: &Appendix, lines: &[Lines]) {
        let l = self.l;
        let (x, w) = (self.left, self.text_w);
        let mut y = self.y;
        for (h, lines) in appendix.heading.iter().zip(lines) {
            let style = FontStyle::of(h.bold, h.italic);
            y = self.single_lines(
                lines,
                (x, w),
                y,
                (l.appendix_heading_size_pt, style, Align::Centre),
            );
        }
        self.y = y + l.appendix_heading_space_after_pt;
    }

    /// `Nơi nhận:` and its lines in the left column from `y`; returns the new `y`.
    fn recipients(&mut self, lines: &[String], y: f32) -> f32 {
        let l = self.l;
        let left_w = self.frame.columns.left_pt;
        let x = self.left;
        let flowing = self.flow_recipients;
        let y = self.lines_in_box(
            &[RECIPIENTS_HEADING.to_string()],
            (x, left_w),
            y,
            (
                l.recipients_heading_size_pt,
                FontStyle::BoldItalic,
                Align::Left,
            ),
            flowing,
        );
        self.lines_in_box(
            lines,
            (x, left_w),
            y,
            (l.recipients_size_pt, FontStyle::Regular, Align::Left),
            flowing,
        )
    }

    /// Signer `k`'s title lines as laid out, in bold capitals centred in
    /// a column (x, w), then the space for signing, then the name; returns
    /// the new `y`. `issuing`: the signer whose box is recorded.
    fn signer_column(
        &mut self,
        k: usize,
        name: &str,
        (x, w): (f32, f32),
        mut y: f32,
        issuing: bool,
    ) -> f32 {
        let (l, frame) = (self.l, self.frame);
        let style = (l.signer_size_pt, FontStyle::Bold, Align::Centre);
        for lines in &frame.signer_titles[k] {
            y = self.single_lines(lines, (x, w), y, style);
        }
        if issuing {
            self.record_signer((x, w), y);
        }
        y += self.signing_space;
        self.single_lines(&[name.to_string()], (x, w), y, style)
    }

    /// Draws the signature block (on a scratch page when `dry_run`) and
    /// returns its height, and the height of its signers' columns alone.
    pub(super) fn signature(&mut self, notice: &Document, dry_run: bool) -> (f32, f32) {
        let l = self.l;
        let (left_w, right_w) = self.frame.columns.pt();
        let (x, right_x) = (self.left, self.left + left_w);
        let y0 = self.y + l.signature_table_space_before_pt;
        if dry_run {
            // Measure on a scratch page.
            self.pages.push(Page::default());
        }
        let (bottom, signers) = match &notice.signature {
            Signature::Single { name, .. } => {
                if self.flow_recipients {
                    // The signer's column first, on the block's first page.
                    let yr = self.signer_column(0, name, (right_x, right_w), y0, !dry_run);
                    let yl = self.recipients(&notice.recipients, y0);
                    (yl.max(yr), yr)
                } else {
                    let yl = self.recipients(&notice.recipients, y0);
                    let yr = self.signer_column(0, name, (right_x, right_w), y0, !dry_run);
                    (yl.max(yr), yr)
                }
            }
            Signature::Pair { left, right } => {
                // The right column signs for the body (the minutes' chair).
                let yl = self.signer_column(0, &left.name, (x, left_w), y0, false);
                let yr = self.signer_column(1, &right.name, (right_x, right_w), y0, !dry_run);
                let signers = yl.max(yr);
                let yl = self.recipients(&notice.recipients, yl + l.recipients_below_space_pt);
                (yl.max(yr), signers)
            }
        };
        if dry_run {
            self.pages.pop();
        }
        (bottom - self.y, signers - self.y)
    }

    pub(super) fn page_numbers(&mut self) {
        let size = self.l.page_number_size_pt;
        let y = mm_to_pt(self.l.header_distance_mm);
        let (x, w) = (self.left, self.text_w);
        let count = self.pages.len();
        for i in 0..count {
            // Numbered from the start of its part (the document, or a Phụ
            // lục); the first page of each shows no number.
            let start = self
                .numbering_starts
                .iter()
                .copied()
                .filter(|&s| s <= i)
                .max()
                .unwrap_or(0);
            if i == start {
                continue;
            }
            let text = (i - start + 1).to_string();
            let width = self.width(&text, FontStyle::Regular, size);
            let baseline = y + self.ascender(size);
            self.pages[i].texts.push(TextRun {
                x: x + (w - width) / 2.0,
                baseline,
                size,
                style: FontStyle::Regular,
                text,
                extra_per_space: 0.0,
            });
        }
    }
}
