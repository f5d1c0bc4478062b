//! Pagination on constructed bodies: paragraphs of a known number of
//! lines (one word per line, hard line breaks) placed where a greedy,
//! line-by-line fill would leave a widow, an orphan or a heading alone.

use std::path::Path;

use super::{compose_pages, compose_with_places, Page};
use crate::body::{Block, BlockKind, BodyPart, Inline};
use crate::document::{compose, Appendix, Document, HeadingLine, Signature, RECIPIENTS_HEADING};
use crate::layout::{mm_to_pt, Layout};
use crate::model::{load_meeting, DocumentKind};
use crate::template::Templates;
use crate::typeset::measure::{FontSet, FontStyle};

/// The real example composed (its header, title and signature) with
/// `body` as its body.
fn notice(body: Vec<BodyPart>) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("meetings/2021-01-25-phien-hop-ubnd-thang-01.yaml");
    let meeting = load_meeting(&path).meeting.expect("the example loads");
    let mut doc = compose(&meeting, DocumentKind::Notice, &Templates::embedded())
        .expect("the example composes");
    doc.body = body;
    doc
}

/// A paragraph of `lines` lines `<id>.1` … `<id>.<lines>`.
fn para(id: &str, lines: usize, kind: BlockKind) -> BodyPart {
    let mut inlines = Vec::new();
    for l in 1..=lines {
        if l > 1 {
            inlines.push(Inline::LineBreak);
        }
        inlines.push(Inline::Text {
            text: format!("{id}.{l}"),
            bold: kind == BlockKind::SectionHeading,
            italic: false,
        });
    }
    BodyPart::Paragraph(Block { kind, inlines })
}

fn body(id: &str, lines: usize) -> BodyPart {
    para(id, lines, BlockKind::Body)
}

/// How many lines of paragraph `id` each page holds: (page, lines), in order.
fn pieces(pages: &[Page], id: &str) -> Vec<(usize, usize)> {
    let prefix = format!("{id}.");
    pages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let n = p
                .texts
                .iter()
                .filter(|t| t.text.starts_with(&prefix))
                .count();
            (i, n)
        })
        .filter(|&(_, n)| n > 0)
        .collect()
}

fn fonts() -> std::sync::Arc<FontSet> {
    FontSet::embedded()
}

/// The pages of the example with `parts` as its body.
fn pages_of(parts: Vec<BodyPart>) -> Vec<Page> {
    compose_pages(&notice(parts), &fonts())
}

/// The height the body has on the first page of the example: from the
/// top of the first body line's box to the bottom margin.
fn first_page_room() -> f32 {
    let doc = notice(vec![body("P", 1)]);
    let fonts = fonts();
    let pages = compose_pages(&doc, &fonts);
    let l = &doc.layout;
    let run = pages[0].texts.iter().find(|t| t.text == "P.1").unwrap();
    let descender = fonts.face(FontStyle::Regular).descender() * l.body_size_pt;
    let top = run.baseline - l.body_line_pt + descender;
    mm_to_pt(l.page_height_mm - l.margin_bottom_mm) - top
}

const LINE: f32 = 18.0;
const BEFORE: f32 = 6.0;

/// How many lines of a first paragraph leave between `from` and
/// `from` + one body line of the first page's `room` for what follows.
fn lines_leaving(room: f32, from: f32) -> usize {
    let n = ((room - from) / LINE).floor() as usize;
    let left = room - n as f32 * LINE;
    assert!(left >= from && left < from + LINE, "{left} not in {from}..");
    n
}

#[test]
fn the_layout_is_the_one_these_tests_assume() {
    let l = Layout::default();
    assert_eq!((l.body_line_pt, l.body_space_before_pt), (LINE, BEFORE));
    // A whole page of A, then more: the first page holds what a greedy
    // fill puts there (no rule acts inside a long paragraph).
    let room = first_page_room();
    let fit = ((room + 0.01) / LINE).floor() as usize;
    let pages = pages_of(vec![body("A", fit + 10)]);
    assert_eq!(pieces(&pages, "A")[0], (0, fit));
}

#[test]
fn no_widow_the_last_line_of_a_paragraph_never_starts_a_page_alone() {
    let room = first_page_room();
    let fit = ((room + 0.01) / LINE).floor() as usize;
    // The first paragraph, one line longer than the page: greedy would
    // leave its last line alone on page 2; one more line goes with it.
    let pages = pages_of(vec![body("A", fit + 1), body("Z", 1)]);
    assert_eq!(
        pieces(&pages, "A"),
        [(0, fit - 1), (1, 2)],
        "greedy: {fit} lines, then one alone"
    );
    // A four-line paragraph with room for three: two and two.
    let n = lines_leaving(room, BEFORE + 3.0 * LINE);
    let pages = pages_of(vec![body("A", n), body("B", 4), body("Z", 1)]);
    assert_eq!(pieces(&pages, "A"), [(0, n)]);
    assert_eq!(
        pieces(&pages, "B"),
        [(0, 2), (1, 2)],
        "greedy: three lines, then one alone"
    );
}

#[test]
fn no_orphan_the_first_line_of_a_paragraph_never_ends_a_page_alone() {
    let room = first_page_room();
    // Room for one line of B: B starts the next page, whole.
    let n = lines_leaving(room, BEFORE + LINE);
    let pages = pages_of(vec![body("A", n), body("B", 4), body("Z", 1)]);
    assert_eq!(pieces(&pages, "A"), [(0, n)]);
    assert_eq!(
        pieces(&pages, "B"),
        [(1, 4)],
        "greedy: one line, then three"
    );
    // Room for two lines of a three-line paragraph: two and one would
    // leave a widow, one and two an orphan: it moves whole.
    let n = lines_leaving(room, BEFORE + 2.0 * LINE);
    let pages = pages_of(vec![body("A", n), body("B", 3), body("Z", 1)]);
    assert_eq!(pieces(&pages, "B"), [(1, 3)], "greedy: two lines, then one");
    // A one-line paragraph is neither: it takes the last line.
    let n = lines_leaving(room, BEFORE + LINE);
    let pages = pages_of(vec![body("A", n), body("B", 1), body("C", 4)]);
    assert_eq!(pieces(&pages, "B"), [(0, 1)]);
}

#[test]
fn a_section_heading_shares_its_page_with_the_first_lines_of_its_section() {
    let room = first_page_room();
    let heading = |id| para(id, 1, BlockKind::SectionHeading);
    // (room left after A, lines of B, page of H and of B's first lines)
    for (from, b_lines, page) in [
        // The heading alone fits.
        (BEFORE + LINE, 4, 1),
        // The heading and one line of B fit: that line would be an orphan.
        (2.0 * (BEFORE + LINE), 4, 1),
        // The heading and two lines of a three-line B: B cannot split
        // two and one, so the heading goes with it.
        (2.0 * BEFORE + 3.0 * LINE, 3, 1),
        // The heading and two lines of a four-line B: they stay.
        (2.0 * BEFORE + 3.0 * LINE, 4, 0),
        // The heading and the whole of a three-line B: they stay.
        (2.0 * BEFORE + 4.0 * LINE, 3, 0),
    ] {
        let n = lines_leaving(room, from);
        let pages = pages_of(vec![
            body("A", n),
            heading("H"),
            body("B", b_lines),
            body("Z", 1),
        ]);
        let case = format!("{from} pt left, B of {b_lines} lines");
        assert_eq!(pieces(&pages, "A"), [(0, n)], "{case}");
        assert_eq!(pieces(&pages, "H"), [(page, 1)], "{case}");
        let b = pieces(&pages, "B");
        assert_eq!(b[0].0, page, "{case}: {b:?}");
        assert!(b.iter().all(|&(_, k)| k >= 2), "{case}: {b:?}");
    }
}

#[test]
fn the_signature_never_splits_and_shares_its_page_with_the_last_body_line() {
    let room = first_page_room();
    let fit = ((room + 0.01) / LINE).floor() as usize;
    let fonts = fonts();
    // Every length of body from well before the signature's room runs
    // out to past the first page; with and without a one-line closing.
    let mut moved = [0, 0];
    for n in fit.saturating_sub(25)..=fit + 3 {
        for closing in [true, false] {
            let mut parts = vec![body("A", n)];
            if closing {
                parts.push(body("Z", 1));
            }
            let doc = notice(parts);
            let pages = compose_pages(&doc, &fonts);
            let last = pages.len() - 1;
            let case = format!("{n} lines, closing {closing}");
            let Signature::Single {
                authority,
                position,
                name,
            } = &doc.signature
            else {
                panic!("the notice has one signer");
            };
            let mut signature: Vec<&str> = vec![RECIPIENTS_HEADING, position, name];
            signature.extend(authority.iter().map(String::as_str));
            signature.extend(doc.recipients.iter().map(String::as_str));
            let bottom = mm_to_pt(doc.layout.page_height_mm - doc.layout.margin_bottom_mm);
            // Each page's text in drawing order (a recipient's line
            // may wrap in its column: its parts follow one another).
            let texts: Vec<String> = pages
                .iter()
                .map(|p| {
                    let runs: Vec<&str> = p.texts.iter().map(|t| t.text.as_str()).collect();
                    runs.join(" ")
                })
                .collect();
            for s in &signature {
                let on: Vec<usize> = (0..pages.len()).filter(|&i| texts[i].contains(s)).collect();
                assert_eq!(on, [last], "{case}: {s:?}");
            }
            for t in &pages[last].texts {
                assert!(
                    t.baseline <= bottom,
                    "{case}: {t:?} under the bottom margin"
                );
            }
            let a = pieces(&pages, "A");
            if closing {
                assert_eq!(pieces(&pages, "Z"), [(last, 1)], "{case}");
            } else {
                assert_eq!(a.last().unwrap().0, last, "{case}: {a:?}");
            }
            assert!(a.iter().all(|&(_, k)| k >= 2.min(n)), "{case}: {a:?}");
            // The body would fit on page 1, the signature does not.
            if n + 2 * usize::from(closing) <= fit && last == 1 {
                moved[usize::from(closing)] += 1;
            }
        }
    }
    // The signature pulled body lines onto its page, in both forms.
    assert!(moved[0] >= 2 && moved[1] >= 2, "{moved:?}");
}

/// The page numbers drawn: (page index, text), checked for place and size.
fn page_numbers(doc: &Document, pages: &[Page]) -> Vec<(usize, String)> {
    let l = &doc.layout;
    let fonts = fonts();
    let top = mm_to_pt(l.margin_top_mm);
    let baseline = mm_to_pt(l.header_distance_mm)
        + fonts.face(FontStyle::Regular).ascender() * l.page_number_size_pt;
    let centre = mm_to_pt(l.margin_left_mm) + mm_to_pt(l.text_width_mm()) / 2.0;
    let mut out = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        for t in page.texts.iter().filter(|t| t.baseline < top) {
            assert!((t.baseline - baseline).abs() < 0.01, "{t:?}");
            assert_eq!(t.size, l.page_number_size_pt);
            let width = fonts.width(&t.text, t.style, t.size);
            assert!((t.x + width / 2.0 - centre).abs() < 0.01, "centred: {t:?}");
            out.push((i, t.text.clone()));
        }
    }
    out
}

#[test]
fn pages_are_numbered_from_page_two_and_a_phu_luc_on_its_own() {
    let fonts = fonts();
    let doc = notice(vec![body("A", 100), body("Z", 1)]);
    let pages = compose_pages(&doc, &fonts);
    assert!(pages.len() >= 3);
    let want: Vec<(usize, String)> = (1..pages.len()).map(|i| (i, (i + 1).to_string())).collect();
    assert_eq!(page_numbers(&doc, &pages), want);
    // A Phụ lục of three pages or more after the signature: its first
    // page shows no number, the next ones 2, 3, …
    let mut doc = doc;
    doc.appendices = vec![Appendix {
        heading: vec![HeadingLine {
            text: "Phụ lục".into(),
            bold: true,
            italic: false,
        }],
        body: vec![body("P", 100)],
    }];
    let doc = doc.laid_out();
    let with = compose_pages(&doc, &fonts);
    let starts = pages.len();
    assert!(with.len() >= starts + 3);
    assert!(with[starts].texts.iter().any(|t| t.text == "Phụ lục"));
    let mut want = want;
    want.extend((starts + 1..with.len()).map(|i| (i, (i - starts + 1).to_string())));
    assert_eq!(page_numbers(&doc, &with), want);
}

#[test]
fn the_signers_box_is_45_mm_centred_in_the_right_column_under_the_position() {
    // A body of 30 lines: the signature on page 2, its box recorded there
    // (not on the scratch page of the block's measuring).
    for (lines, page) in [(3, 1), (30, 2)] {
        let doc = notice(vec![body("P", lines)]);
        let (pages, places) = compose_with_places(&doc, &fonts());
        assert_eq!(pages, compose_pages(&doc, &fonts()));
        let signer = places.signer.expect("a signer's box");
        assert_eq!((signer.page, pages.len() as u32), (page, page));
        let [llx, lly, urx, ury] = signer.rect;
        assert!(
            (llx - 347.24).abs() < 0.01 && (urx - 474.80).abs() < 0.01,
            "{signer:?}"
        );
        assert!((ury - lly - mm_to_pt(25.0)).abs() < 0.01, "{signer:?}");
        // The position's baseline is above the box, the name's below it.
        let height = mm_to_pt(doc.layout.page_height_mm);
        let baseline = |text: &str| {
            pages[page as usize - 1]
                .texts
                .iter()
                .find(|t| t.text == text)
                .map(|t| height - t.baseline)
                .expect(text)
        };
        assert!(baseline("CHÁNH VĂN PHÒNG") > ury && baseline("Nguyễn Văn A") < lly);
        let number = places.number.expect("the number's place");
        assert_eq!(number.page, 1);
        assert!(places.date.is_some());
    }
}
