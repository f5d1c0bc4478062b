//! Where the number, the date and the signature go ([`SigningPlaces`]),
//! found on the lines as they were drawn: the text after `Số:` up to the
//! `/` (the number, or its blank), the date line with the parts between
//! `ngày` and `tháng` and between `tháng` and `năm`, and the signer's box
//! in the signing space. Rectangles are line boxes (the line's height as
//! set single) in PDF coordinates: origin at the page's bottom left.

use std::ops::Range;

use super::{Composer, DatePlace, Place, TextRun, SIGNER_BOX_MM};
use crate::layout::mm_to_pt;

/// A range of `text`, its spaces trimmed, or the whole of it when it is
/// blank (a blank left for the number or a part of the date).
fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let part = &text[range.clone()];
    if part.trim().is_empty() {
        return range;
    }
    let lead = part.len() - part.trim_start().len();
    let trail = part.len() - part.trim_end().len();
    range.start + lead..range.end - trail
}

/// The number (or its blank) on a `Số:` line: after `Số:`, before the `/`.
pub(super) fn number_range(text: &str) -> Option<Vec<Range<usize>>> {
    let start = text.find("Số:")? + "Số:".len();
    let end = start + text[start..].find('/')?;
    Some(vec![trimmed(text, start..end)])
}

/// The day and the month (or their blanks) on a date line.
pub(super) fn date_ranges(text: &str) -> Option<Vec<Range<usize>>> {
    let day = text.rfind("ngày")? + "ngày".len();
    let month_word = day + text[day..].find("tháng")?;
    let month = month_word + "tháng".len();
    let year_word = month + text[month..].find("năm")?;
    Some(vec![
        trimmed(text, day..month_word),
        trimmed(text, month..year_word),
    ])
}

impl Composer<'_> {
    /// `[llx, lly, urx, ury]` of `x0..x1` on a box from `top` down
    /// `height` (top-down coordinates), origin at the page's bottom left.
    fn pdf_rect(&self, (x0, x1): (f32, f32), top: f32, height: f32) -> [f32; 4] {
        let page = mm_to_pt(self.l.page_height_mm);
        [x0, page - (top + height), x1, page - top]
    }

    /// The x where byte `at` of a line drawn as `runs` is.
    fn x_at(&self, runs: &[TextRun], at: usize) -> f32 {
        let mut start = 0;
        for run in runs {
            let end = start + run.text.len();
            if at <= end {
                let prefix = &run.text[..at - start];
                return run.x
                    + self.width(prefix, run.style, run.size)
                    + prefix.matches(' ').count() as f32 * run.extra_per_space;
            }
            start = end;
        }
        runs.last()
            .map_or(0.0, |r| self.x_at(std::slice::from_ref(r), r.text.len()))
    }

    /// On the lines drawn on the current page since its run `from`, the
    /// first line where `find` finds its ranges: the line's place and the
    /// ranges' rectangles.
    pub(super) fn find_since(
        &self,
        from: usize,
        find: fn(&str) -> Option<Vec<Range<usize>>>,
    ) -> Option<(Place, Vec<[f32; 4]>)> {
        let page = self.pages.len() as u32;
        let runs = self.pages.last()?.texts.get(from..)?;
        runs.chunk_by(|a, b| a.baseline == b.baseline)
            .find_map(|line| {
                let text: String = line.iter().map(|r| r.text.as_str()).collect();
                let ranges = find(&text)?;
                let size = line[0].size;
                let top = line[0].baseline - self.ascender(size);
                let height = self.single(size);
                let span = |r: &Range<usize>| {
                    self.pdf_rect(
                        (self.x_at(line, r.start), self.x_at(line, r.end)),
                        top,
                        height,
                    )
                };
                let rect = span(&(0..text.len()));
                Some((
                    Place { page, rect, size },
                    ranges.iter().map(span).collect(),
                ))
            })
    }

    /// Records the number's place, from the `Số:` line drawn since run `from`.
    pub(super) fn record_number(&mut self, from: usize) {
        self.places.number = self
            .find_since(from, number_range)
            .and_then(|(line, rects)| {
                Some(Place {
                    rect: *rects.first()?,
                    ..line
                })
            });
    }

    /// Records the date line's place, drawn since run `from`.
    pub(super) fn record_date(&mut self, from: usize) {
        self.places.date =
            self.find_since(from, date_ranges)
                .and_then(|(line, rects)| match rects[..] {
                    [day, month] => Some(DatePlace { line, day, month }),
                    _ => None,
                });
    }

    /// Records the issuing signer's box: [`SIGNER_BOX_MM`] wide, centred
    /// in the column (x, w), the signing space from `top` down.
    pub(super) fn record_signer(&mut self, (x, w): (f32, f32), top: f32) {
        let (centre, half) = (x + w / 2.0, mm_to_pt(SIGNER_BOX_MM) / 2.0);
        self.places.signer = Some(Place {
            page: self.pages.len() as u32,
            rect: self.pdf_rect((centre - half, centre + half), top, self.signing_space),
            size: 0.0,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_number_and_the_dates_parts_are_found_blank_or_filled() {
        let t = "Số:      /TB-UBND";
        assert_eq!(&t[number_range(t).unwrap()[0].clone()], "      ");
        let t = "Số: 25/TB-UBND";
        assert_eq!(&t[number_range(t).unwrap()[0].clone()], "25");
        let t = "Lai Châu, ngày 05 tháng 3 năm 2021";
        let r = date_ranges(t).unwrap();
        assert_eq!((&t[r[0].clone()], &t[r[1].clone()]), ("05", "3"));
        let t = "Lai Châu, ngày      tháng      năm 2021";
        let r = date_ranges(t).unwrap();
        assert_eq!((&t[r[0].clone()], &t[r[1].clone()]), ("      ", "      "));
        assert_eq!(date_ranges("Lai Châu, ngày"), None);
        assert_eq!(number_range("Số: 25"), None);
    }
}
