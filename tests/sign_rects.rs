//! The signing rectangles (`<stem>.sign.json`) of `render --for-signing`
//! and of `issue`, checked against the words `pdftotext -bbox` finds in
//! the PDF: the number's rectangle is the blank between `Số:` and `/TB-…`
//! (at least 28 pt) or holds the number; the date's parts are the blanks
//! after `ngày` and `tháng` or hold the day and the month; the signer's
//! box lies between the position's last line and the name, centred on
//! both; the seal's square covers the box's left third. The example
//! meetings: a three-page draft, a notice signed on page 2, an invitation
//! on one page, minutes signed by two (the right column's box).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;
use ketluan::issuing::sidecar::{self, Sidecar, SignRect};

/// A word as `pdftotext -bbox` gives it, turned to PDF coordinates
/// (origin bottom left): `[llx, lly, urx, ury]`.
#[derive(Clone, Debug)]
struct Word {
    text: String,
    rect: [f32; 4],
}

/// The words of each page (index 0 is page 1).
fn words(pdf: &Path) -> Vec<Vec<Word>> {
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let attr = |line: &str, name: &str| -> f32 {
        let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        let end = start + line[start..].find('"').unwrap();
        line[start..end].parse().unwrap()
    };
    let mut pages: Vec<Vec<Word>> = Vec::new();
    let mut height = 0.0;
    for line in text.lines().map(str::trim) {
        if line.starts_with("<page ") {
            height = attr(line, "height");
            pages.push(Vec::new());
        } else if line.starts_with("<word ") {
            let start = line.find('>').unwrap() + 1;
            let end = line.rfind("</word>").unwrap();
            let word = Word {
                text: line[start..end].replace("&amp;", "&"),
                rect: [
                    attr(line, "xMin"),
                    height - attr(line, "yMax"),
                    attr(line, "xMax"),
                    height - attr(line, "yMin"),
                ],
            };
            pages.last_mut().unwrap().push(word);
        }
    }
    pages
}

/// The words of `page` (1-based) on the line of `rect` (their middle
/// inside its height).
fn on_line(pages: &[Vec<Word>], page: u32, rect: [f32; 4]) -> Vec<&Word> {
    pages[page as usize - 1]
        .iter()
        .filter(|w| {
            let middle = (w.rect[1] + w.rect[3]) / 2.0;
            middle > rect[1] && middle < rect[3]
        })
        .collect()
}

/// Whether `inner` lies in `outer`, give or take `slack` points.
fn inside(inner: [f32; 4], outer: [f32; 4], slack: f32) -> bool {
    inner[0] >= outer[0] - slack
        && inner[1] >= outer[1] - slack
        && inner[2] <= outer[2] + slack
        && inner[3] <= outer[3] + slack
}

/// The box of the words of a line that read `text` (consecutive words,
/// one space apart), on `page`.
fn line_box(pages: &[Vec<Word>], page: u32, text: &str) -> [f32; 4] {
    let words = &pages[page as usize - 1];
    let n = text.split(' ').count();
    for start in 0..words.len().saturating_sub(n - 1) {
        let run = &words[start..start + n];
        let same_line = run.iter().all(|w| (w.rect[1] - run[0].rect[1]).abs() < 0.5);
        let joined: Vec<&str> = run.iter().map(|w| w.text.as_str()).collect();
        if same_line && joined.join(" ") == text {
            return [
                run[0].rect[0],
                run.iter().map(|w| w.rect[1]).fold(f32::MAX, f32::min),
                run[n - 1].rect[2],
                run.iter().map(|w| w.rect[3]).fold(f32::MIN, f32::max),
            ];
        }
    }
    panic!("no line `{text}` on page {page}");
}

/// The rectangle of `role`, on a page the PDF has (of `pages`).
fn role<'s>(s: &'s Sidecar, role: &str, pages: usize) -> &'s SignRect {
    let r = s
        .rect(role)
        .unwrap_or_else(|| panic!("no `{role}` in {}", s.file));
    assert!(
        (1..=pages).contains(&(r.page as usize)),
        "{r:?}: the PDF has {pages} pages"
    );
    r
}

/// The sidecar beside `pdf`, checked against its bytes.
fn sidecar_of(pdf: &Path) -> Sidecar {
    let s = sidecar::read(&sidecar::path_for(pdf)).unwrap();
    let bytes = std::fs::read(pdf).unwrap();
    assert_eq!(s.file, pdf.file_name().unwrap().to_string_lossy());
    assert_eq!(s.size, Some(bytes.len() as u64));
    let sum = Command::new("sha256sum").arg(pdf).output().unwrap();
    assert!(String::from_utf8_lossy(&sum.stdout).starts_with(&s.sha256));
    assert_eq!(s.page_size, [595.28, 841.89]);
    s
}

/// The number's rectangle: the blank between `Số:` and `/…` of at least
/// 28 pt, or exactly the number (its digits, half an em each).
fn check_number(s: &Sidecar, pages: &[Vec<Word>]) {
    let r = role(s, "number", pages.len());
    let line = on_line(pages, r.page, r.rect);
    let so = line
        .iter()
        .position(|w| w.text == "Số:")
        .expect("Số: on the number's line");
    let after = line[so + 1];
    let size = r.font_size.unwrap();
    assert!(
        inside(line[so].rect, [0.0, r.rect[1], 600.0, r.rect[3]], 0.01),
        "{r:?}"
    );
    match &s.document.number {
        None => {
            assert_eq!(after.text, format!("/{}", s.document.notation));
            assert!((r.rect[0] - line[so].rect[2]).abs() < 0.5, "{r:?} {line:?}");
            assert!((r.rect[2] - after.rect[0]).abs() < 0.5, "{r:?} {line:?}");
            assert!(r.rect[2] - r.rect[0] >= 28.0, "{r:?}");
        }
        Some(n) => {
            assert_eq!(after.text, format!("{n}/{}", s.document.notation));
            assert!((r.rect[0] - after.rect[0]).abs() < 0.5, "{r:?} {after:?}");
            let digits = n.len() as f32 * 0.5 * size;
            assert!((r.rect[2] - r.rect[0] - digits).abs() < 0.5, "{r:?}");
        }
    }
    assert!(inside(
        [r.rect[0], after.rect[1], r.rect[2], after.rect[3]],
        r.rect,
        0.01
    ));
}

/// The date line's rectangle holds its words; its parts are the blanks
/// after `ngày` and `tháng`, or hold the day and the month.
fn check_date(s: &Sidecar, pages: &[Vec<Word>]) {
    let r = role(s, "date", pages.len());
    assert_eq!(r.italic, Some(true));
    // The words of the header's right column (from x 269.29: the left
    // margin and the left column), on the date's row.
    let mut line = on_line(pages, r.page, r.rect);
    line.retain(|w| w.rect[0] > 269.29);
    assert!(line.len() >= 6, "{line:?}");
    for w in &line {
        assert!(inside(w.rect, r.rect, 0.5), "{w:?} outside {r:?}");
    }
    let at = |text: &str| {
        line.iter()
            .position(|w| w.text == text)
            .unwrap_or_else(|| panic!("no `{text}` in {line:?}"))
    };
    let parts = r.parts.as_ref().unwrap();
    let (ngay, thang) = (at("ngày"), at("tháng"));
    match &s.document.date {
        None => {
            let nam = at("năm");
            for (part, (before, after)) in [(parts.day, (ngay, thang)), (parts.month, (thang, nam))]
            {
                assert!(
                    (part[0] - line[before].rect[2]).abs() < 0.5,
                    "{part:?} {line:?}"
                );
                assert!(
                    (part[2] - line[after].rect[0]).abs() < 0.5,
                    "{part:?} {line:?}"
                );
                assert!(part[2] - part[0] >= 14.0, "{part:?}");
            }
        }
        Some(date) => {
            let (_, month, day) = (&date[..4], &date[5..7], &date[8..]);
            let month = if month > "02" {
                month.trim_start_matches('0')
            } else {
                month
            };
            for (part, word, text) in [(parts.day, ngay + 1, day), (parts.month, thang + 1, month)]
            {
                assert_eq!(line[word].text, text);
                let w = line[word].rect;
                assert!(
                    (part[0] - w[0]).abs() < 0.5 && (part[2] - w[2]).abs() < 0.5,
                    "{part:?} {w:?}"
                );
                assert!(inside(w, part, 0.01), "{part:?} {w:?}");
            }
        }
    }
}

/// The signer's box: 45 mm wide, strictly between the position's last
/// line and the name, centred on both within 1 pt; the seal (when the
/// sidecar has one) a square of its diameter whose right edge is a third
/// into the box, centred on it vertically.
fn check_signer(s: &Sidecar, pages: &[Vec<Word>], position: &str, name: &str) {
    let r = role(s, "signer", pages.len());
    let [llx, lly, urx, ury] = r.rect;
    assert!((urx - llx - 127.56).abs() < 0.02, "{r:?}");
    let above = line_box(pages, r.page, position);
    let below = line_box(pages, r.page, name);
    assert!(above[1] > ury, "position {above:?} not above {r:?}");
    assert!(below[3] < lly, "name {below:?} not below {r:?}");
    let middle = (llx + urx) / 2.0;
    for b in [above, below] {
        assert!(
            ((b[0] + b[2]) / 2.0 - middle).abs() <= 1.0,
            "{b:?} vs {r:?}"
        );
    }
    // Nothing is printed in the box.
    for w in &pages[r.page as usize - 1] {
        let crosses = w.rect[0] < urx && w.rect[2] > llx && w.rect[1] < ury && w.rect[3] > lly;
        assert!(!crosses, "{w:?} in {r:?}");
    }
    if let Some(seal) = s.rect("seal") {
        let side = seal.diameter_mm.unwrap() * 72.0 / 25.4;
        let [sl, sb, sr, st] = seal.rect;
        assert_eq!(seal.page, r.page);
        assert!((sr - (llx + (urx - llx) / 3.0)).abs() < 0.02, "{seal:?}");
        assert!((sr - sl - side).abs() < 0.02 && (st - sb - side).abs() < 0.02);
        assert!(
            ((sb + st) / 2.0 - (lly + ury) / 2.0).abs() < 0.02,
            "{seal:?}"
        );
        assert!(sl < llx, "the seal is on the signature's left");
    }
}

/// The example meetings copied into `dir` (with the Văn phòng's defaults,
/// and a seal of 36 mm added to them).
fn examples(dir: &Path) -> Vec<PathBuf> {
    let vp = dir.join("meetings/van-phong");
    std::fs::create_dir_all(&vp).unwrap();
    let mut files = Vec::new();
    for f in [
        "meetings/2021-01-25-phien-hop-ubnd-thang-01.yaml",
        "meetings/2021-02-24-hop-ubnd-thang-02.yaml",
        "meetings/van-phong/2021-03-15-hop-giao-ban-van-phong.yaml",
    ] {
        let to = dir.join(f);
        std::fs::copy(root().join(f), &to).unwrap();
        files.push(to);
    }
    let defaults = std::fs::read_to_string(root().join("meetings/van-phong/ketluan.yaml")).unwrap();
    std::fs::write(
        vp.join("ketluan.yaml"),
        defaults + "\nseal:\n  diameter_mm: 36\n",
    )
    .unwrap();
    files
}

/// `ketluan ARGS` run in `dir` (documents into `dir/output`).
fn run(dir: &Path, args: &[&str]) -> Output {
    ketluan_command()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

/// [`run`], insisting on success.
fn run_ok(dir: &Path, args: &[&str]) {
    let out = run(dir, args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?}: {err}");
}

/// (PDF, the last line over the signing space, the name under it).
const SIGNERS: &[(&str, &str, &str)] = &[
    (
        "2021-01-25-phien-hop-ubnd-thang-01.pdf",
        "CHÁNH VĂN PHÒNG",
        "Nguyễn Văn A",
    ),
    (
        "2021-02-24-hop-ubnd-thang-02.pdf",
        "CHÁNH VĂN PHÒNG",
        "Nguyễn Văn A",
    ),
    (
        "2021-02-24-hop-ubnd-thang-02.giay-moi.pdf",
        "CHÁNH VĂN PHÒNG",
        "Nguyễn Văn A",
    ),
    (
        "2021-02-24-hop-ubnd-thang-02.bien-ban.pdf",
        "CHỦ TỌA",
        "Trần Tiến Dũng",
    ),
    (
        "2021-03-15-hop-giao-ban-van-phong.pdf",
        "PHÓ CHÁNH VĂN PHÒNG",
        "Lò Thị Hương",
    ),
];

#[test]
fn for_signing_the_rects_name_the_blanks_and_the_signing_space() {
    if !tool_available("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    examples(dir.path());
    run_ok(
        dir.path(),
        &["render", "meetings", "--for-signing", "-f", "docx"],
    );
    let mut signer_pages = Vec::new();
    for (file, position, name) in SIGNERS {
        let pdf = dir.path().join("output").join(file);
        let s = sidecar_of(&pdf);
        let pages = words(&pdf);
        check_number(&s, &pages);
        if !file.contains("bien-ban") {
            check_date(&s, &pages);
        }
        check_signer(&s, &pages, position, name);
        // Only the Văn phòng has a seal (its ketluan.yaml).
        assert_eq!(
            s.rect("seal").is_some(),
            file.contains("van-phong"),
            "{file}"
        );
        signer_pages.push((s.rect("signer").unwrap().page, pages.len()));
    }
    // Signed on page 5 of 5, 2 of 2 (a notice of two pages), 1 of 1, 2 of 2, 3 of 3.
    assert_eq!(signer_pages, [(5, 5), (2, 2), (1, 1), (2, 2), (3, 3)]);
    let draft = sidecar::read(
        &dir.path()
            .join("output/2021-03-15-hop-giao-ban-van-phong.sign.json"),
    )
    .unwrap();
    assert_eq!((draft.document.number, draft.document.date), (None, None));
}

#[test]
fn issuing_fills_the_rects_with_the_number_and_the_date() {
    if !tool_available("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let files = examples(dir.path());
    let file = files[2].to_string_lossy();
    run_ok(dir.path(), &["issue", &file, "--date", "16/3/2021"]);
    let pdf = dir
        .path()
        .join("output/2021-03-15-hop-giao-ban-van-phong.pdf");
    let s = sidecar_of(&pdf);
    assert_eq!(s.document.number.as_deref(), Some("01"));
    assert_eq!(s.document.date.as_deref(), Some("2021-03-16"));
    let pages = words(&pdf);
    check_number(&s, &pages);
    check_date(&s, &pages);
    check_signer(&s, &pages, "PHÓ CHÁNH VĂN PHÒNG", "Lò Thị Hương");
    assert_eq!(s.rect("seal").unwrap().diameter_mm, Some(36.0));
}

#[test]
fn a_bad_seal_diameter_is_named_by_file_line_column_and_field() {
    let dir = tempfile::tempdir().unwrap();
    examples(dir.path());
    let defaults = dir.path().join("meetings/van-phong/ketluan.yaml");
    let text = std::fs::read_to_string(&defaults).unwrap();
    let line = text.lines().count();
    for (value, says) in [
        ("0", "`0` nằm ngoài khoảng cho phép"),
        ("tròn", "cần một số"),
        ("101", "`101`"),
    ] {
        std::fs::write(
            &defaults,
            text.replace("diameter_mm: 36", &format!("diameter_mm: {value}")),
        )
        .unwrap();
        let out = run(
            dir.path(),
            &["render", "meetings/van-phong", "--for-signing"],
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{value}");
        let at = format!("ketluan.yaml:{line}:16: lỗi: `seal.diameter_mm`: ");
        assert!(err.contains(&at) && err.contains(says), "{value}: {err}");
    }
}
