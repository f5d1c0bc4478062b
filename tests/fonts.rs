//! The fonts of the PDF come from the user's folder when one is given
//! (`render --font-dir`, or `layout.font_dir` in a meeting or a
//! `ketluan.yaml`), and a folder whose fonts lack Vietnamese letters is
//! refused.
//!
//! The folder holds a font other than the built-in Liberation Serif:
//! Tinos (Debian's `fonts-croscore`, a Times New Roman metric clone with
//! every Vietnamese letter), copied under Windows' names `times.ttf`,
//! `timesbd.ttf`, `timesi.ttf`, `timesbi.ttf`. A run that ignored the
//! folder would embed Liberation Serif, which `pdffonts` tells apart. The
//! font without Vietnamese is DejaVu Sans Mono (`fonts-dejavu-core`),
//! which has `ơ` and `ư` but not `ầ` or `ẫ`; Arimo (`fonts-croscore`)
//! serves as a third font where two folders compete.

mod common;

use std::path::{Path, PathBuf};

use common::*;

const CROSCORE: &str = "/usr/share/fonts/truetype/croscore";
const DEJAVU: &str = "/usr/share/fonts/truetype/dejavu";

/// Regular, bold, italic and bold italic, under the names ketluan looks for.
const TIMES: [&str; 4] = ["times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"];

/// The four files of a croscore family (`Tinos`, `Arimo`), regular to bold italic.
fn croscore(family: &str) -> [PathBuf; 4] {
    ["Regular", "Bold", "Italic", "BoldItalic"]
        .map(|s| Path::new(CROSCORE).join(format!("{family}-{s}.ttf")))
}

fn tinos() -> [PathBuf; 4] {
    croscore("Tinos")
}

/// DejaVu Sans Mono as four styles: `fonts-dejavu-core` has its regular
/// and bold only, so the regular stands for the italics too.
fn dejavu_mono() -> [PathBuf; 4] {
    let regular = Path::new(DEJAVU).join("DejaVuSansMono.ttf");
    let bold = Path::new(DEJAVU).join("DejaVuSansMono-Bold.ttf");
    [regular.clone(), bold.clone(), regular, bold]
}

/// Whether every file is there (a visible SKIPPED line when not; required
/// under `CI=true`).
fn fonts_available(files: &[PathBuf], package: &str) -> bool {
    files.iter().all(|f| file_available(f, package))
}

/// Copies `files` (regular to bold italic) into `dir` as times*.ttf.
fn font_folder(dir: &Path, files: &[PathBuf; 4]) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    for (file, name) in files.iter().zip(TIMES) {
        std::fs::copy(file, dir.join(name)).unwrap();
    }
    dir.to_path_buf()
}

/// The built-in Liberation Serif as a font folder (a decoy: were it used,
/// the PDF would name Liberation Serif).
fn liberation_folder(dir: &Path) -> PathBuf {
    let fonts = root().join("fonts");
    let files = ["Regular", "Bold", "Italic", "BoldItalic"]
        .map(|s| fonts.join(format!("LiberationSerif-{s}.ttf")));
    font_folder(dir, &files)
}

/// The fonts `pdffonts` lists, their subset prefix (`ABCDEF+`) removed,
/// sorted; each must be embedded, subset and have a ToUnicode map.
fn embedded_fonts(pdf: &Path) -> Vec<String> {
    let listing = poppler("pdffonts", &[], pdf);
    let mut names: Vec<String> = listing
        .lines()
        .skip(2)
        .map(|row| {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            assert!(n >= 7, "a pdffonts row: {row}");
            assert_eq!(
                &cols[n - 5..n - 2],
                ["yes", "yes", "yes"],
                "embedded, subset, ToUnicode: {row}"
            );
            let (prefix, name) = cols[0].split_once('+').unwrap_or(("", cols[0]));
            assert_eq!(prefix.len(), 6, "a subset prefix: {row}");
            name.to_string()
        })
        .collect();
    names.sort();
    names
}

const TINOS: [&str; 4] = ["Tinos", "Tinos-Bold", "Tinos-BoldItalic", "Tinos-Italic"];
const ARIMO: [&str; 4] = ["Arimo", "Arimo-Bold", "Arimo-BoldItalic", "Arimo-Italic"];
const LIBERATION: [&str; 4] = [
    "LiberationSerif",
    "LiberationSerif-Bold",
    "LiberationSerif-BoldItalic",
    "LiberationSerif-Italic",
];

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn poppler_present() -> bool {
    tool_available("pdffonts") && tool_available("pdftotext")
}

#[test]
fn font_dir_embeds_the_users_font_instead_of_liberation_serif() {
    if !poppler_present() || !fonts_available(&tinos(), "fonts-croscore") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let fonts = font_folder(&dir.path().join("phong"), &tinos());
    let (_a, pdf) = render_pdf(
        &root().join(EXAMPLE),
        &["--font-dir", fonts.to_str().unwrap()],
    );
    assert_eq!(
        embedded_fonts(&pdf),
        TINOS,
        "the four styles of the folder's font, each from its own file"
    );

    // Without the option, the built-in font: the check above tells them apart.
    let (_b, built_in) = render_pdf(&root().join(EXAMPLE), &[]);
    assert_eq!(embedded_fonts(&built_in), LIBERATION);

    // The text reads back whole, Vietnamese letters included, and word for
    // word as with the built-in font (Tinos has the same metrics).
    let text = pdf_text(&pdf);
    for line in HEADER_AND_SIGNER_LINES {
        assert!(text.contains(line), "`{line}` in:\n{text}");
    }
    assert!(
        text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        "{text}"
    );
    assert_eq!(words(&text), words(&pdf_text(&built_in)));
}

#[test]
fn layout_font_dir_is_relative_to_the_file_that_sets_it() {
    let fonts = [tinos(), croscore("Arimo")].concat();
    if !poppler_present() || !fonts_available(&fonts, "fonts-croscore") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let example = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    assert!(!example.contains("layout:"), "the example sets no layout");

    // In a ketluan.yaml: relative to it, not to the meeting's folder (where
    // a folder of the same name holds Liberation Serif) nor to the working
    // folder (the crate's root).
    let archive = dir.path().join("kho");
    std::fs::create_dir_all(archive.join("phong-ban")).unwrap();
    std::fs::write(
        archive.join("ketluan.yaml"),
        "layout:\n  font_dir: phong-chu\n",
    )
    .unwrap();
    font_folder(&archive.join("phong-chu"), &tinos());
    liberation_folder(&archive.join("phong-ban/phong-chu"));
    let meeting = archive.join("phong-ban/hop.yaml");
    std::fs::write(&meeting, &example).unwrap();
    let (_a, pdf) = render_pdf(&meeting, &[]);
    assert_eq!(
        embedded_fonts(&pdf),
        TINOS,
        "ketluan.yaml's layout.font_dir"
    );
    assert!(
        words(&pdf_text(&pdf)).contains("Độc lập - Tự do - Hạnh phúc"),
        "the text reads back"
    );

    // `--font-dir` overrides it.
    let fonts = root().join("fonts");
    let (_b, pdf) = render_pdf(&meeting, &["--font-dir", fonts.to_str().unwrap()]);
    assert_eq!(embedded_fonts(&pdf), LIBERATION, "--font-dir wins");

    // In the meeting's own `layout:` block: relative to the meeting file,
    // and it wins over the ketluan.yaml above it (which names Tinos here);
    // the meeting beside it without a layout gets the ketluan.yaml's.
    let other = dir.path().join("khac");
    std::fs::create_dir_all(other.join("hop")).unwrap();
    std::fs::write(other.join("ketluan.yaml"), "layout:\n  font_dir: chung\n").unwrap();
    font_folder(&other.join("chung"), &tinos());
    font_folder(&other.join("hop/rieng"), &croscore("Arimo"));
    liberation_folder(&other.join("rieng"));
    let meeting = other.join("hop/hop.yaml");
    std::fs::write(&meeting, format!("{example}\nlayout:\n  font_dir: rieng\n")).unwrap();
    let (_c, pdf) = render_pdf(&meeting, &[]);
    assert_eq!(embedded_fonts(&pdf), ARIMO, "the meeting's layout.font_dir");
    let plain = other.join("hop/khong-dat.yaml");
    std::fs::write(&plain, &example).unwrap();
    let (_d, pdf) = render_pdf(&plain, &[]);
    assert_eq!(
        embedded_fonts(&pdf),
        TINOS,
        "the ketluan.yaml's layout.font_dir"
    );
}

/// `render --format pdf --font-dir <fonts>` of the example into a fresh
/// folder: the run must fail with exit code 1, write no PDF, and say why;
/// returns its standard error.
fn refused(fonts: &Path) -> String {
    let out = tempfile::tempdir().unwrap();
    let res = ketluan(&[
        "render",
        EXAMPLE,
        "--format",
        "pdf",
        "--out",
        out.path().to_str().unwrap(),
        "--font-dir",
        fonts.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&res.stderr).into_owned();
    assert_eq!(res.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let pdfs: Vec<String> = std::fs::read_dir(out.path())
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".pdf") || n.ends_with(".tmp"))
                .collect()
        })
        .unwrap_or_default();
    assert!(pdfs.is_empty(), "nothing written: {pdfs:?}");
    stderr
}

#[test]
fn an_empty_font_dir_is_refused_naming_the_missing_file() {
    let empty = tempfile::tempdir().unwrap();
    let stderr = refused(empty.path());
    assert!(stderr.contains("times.ttf"), "{stderr}");
}

#[test]
fn a_font_without_vietnamese_letters_is_refused_naming_the_file() {
    if !fonts_available(&dejavu_mono(), "fonts-dejavu-core")
        || !fonts_available(&tinos(), "fonts-croscore")
    {
        return;
    }
    let dir = tempfile::tempdir().unwrap();

    // All four styles lack `ầ`: the first file tried, the regular, is named.
    let mono = font_folder(&dir.path().join("mono"), &dejavu_mono());
    let stderr = refused(&mono);
    let expected = format!(
        "{}: phông thiếu chữ tiếng Việt `ầ`",
        mono.join("times.ttf").display()
    );
    assert!(stderr.contains(&expected), "`{expected}` in:\n{stderr}");

    // Only the bold lacks them: the bold file is named, no other.
    let mut files = tinos();
    files[1] = dejavu_mono()[1].clone();
    let mixed = font_folder(&dir.path().join("mixed"), &files);
    let stderr = refused(&mixed);
    let expected = format!(
        "{}: phông thiếu chữ tiếng Việt `ầ`",
        mixed.join("timesbd.ttf").display()
    );
    assert!(stderr.contains(&expected), "`{expected}` in:\n{stderr}");
    for other in ["times.ttf", "timesi.ttf", "timesbi.ttf"] {
        assert!(
            !stderr.contains(&mixed.join(other).display().to_string()),
            "{other} is not blamed:\n{stderr}"
        );
    }
}

/// The lines `render` prints for one meeting: (output file name, skipped).
fn rendered(meeting: &Path, out: &Path, extra: &[&str]) -> Vec<(String, bool)> {
    let o = render_into_output(meeting, out, extra);
    let text = String::from_utf8(o.stdout).unwrap() + &String::from_utf8(o.stderr).unwrap();
    text.lines()
        .filter_map(|l| {
            let (_, target) = l.split_once(" → ")?;
            let skipped = target.ends_with("(bỏ qua, không đổi)");
            let file = target.split(' ').next()?;
            Some((
                Path::new(file).file_name()?.to_string_lossy().into_owned(),
                skipped,
            ))
        })
        .collect()
}

#[test]
fn the_font_folder_is_part_of_what_decides_a_rerender() {
    // The PDF depends on the font files: another folder, or another file
    // in the same folder, renders the PDF again; the same fonts skip it.
    // The DOCX names the family only, so it is kept either way.
    if !fonts_available(&tinos(), "fonts-croscore") || !poppler_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (liberation, tinos_dir) = (
        liberation_folder(&dir.path().join("liberation")),
        font_folder(&dir.path().join("tinos"), &tinos()),
    );
    let meeting = root().join(EXAMPLE);
    let out = dir.path().join("out");
    let pdf = out.join("2021-01-25-phien-hop-ubnd-thang-01.pdf");
    let with = |folder: &Path| {
        vec![
            "--font-dir".to_string(),
            folder.to_str().unwrap().to_string(),
        ]
    };
    let run = |folder: &Path| {
        let args = with(folder);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        rendered(&meeting, &out, &args)
    };
    let skipped = |lines: &[(String, bool)], ext: &str| {
        lines
            .iter()
            .find(|(f, _)| f.ends_with(ext))
            .unwrap_or_else(|| panic!("a {ext} line in {lines:?}"))
            .1
    };
    let first = run(&liberation);
    assert!(!skipped(&first, ".pdf"), "{first:?}");
    let again = run(&liberation);
    assert!(
        skipped(&again, ".pdf") && skipped(&again, ".docx"),
        "{again:?}"
    );
    // Another folder with other fonts: the PDF again, now in Tinos.
    let other = run(&tinos_dir);
    assert!(!skipped(&other, ".pdf"), "{other:?}");
    assert!(skipped(&other, ".docx"), "{other:?}");
    assert_eq!(embedded_fonts(&pdf), TINOS);
    assert!(skipped(&run(&tinos_dir), ".pdf"));
    // The same folder, one file changed (Arimo's regular for Tinos's).
    std::fs::copy(&croscore("Arimo")[0], tinos_dir.join(TIMES[0])).unwrap();
    let changed = run(&tinos_dir);
    assert!(!skipped(&changed, ".pdf"), "{changed:?}");
    assert!(embedded_fonts(&pdf).contains(&"Arimo".to_string()));
    // Back to the built-in fonts: rendered again.
    let built_in = rendered(&meeting, &out, &[]);
    assert!(!skipped(&built_in, ".pdf"), "{built_in:?}");
    assert_eq!(embedded_fonts(&pdf), LIBERATION);
}
