//! Helpers shared by the integration tests: run the binary, open a DOCX,
//! read its XML, find external tools; [`oracle`]: an independent reading
//! of an archive's tasks.
#![allow(dead_code)]

pub mod diff;
pub mod oracle;
pub mod pdf_structure;
pub mod signing;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The crate's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `dir`, in its subfolders too, sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The real example meeting.
pub const EXAMPLE: &str = "meetings/2021-01-25-phien-hop-ubnd-thang-01.yaml";

/// Lines of the example's header and signature blocks that every rendering
/// must hold whole (the Quốc hiệu is checked separately, on one line).
pub const HEADER_AND_SIGNER_LINES: [&str; 10] = [
    "ỦY BAN NHÂN DÂN",
    "TỈNH LAI CHÂU",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 25/TB-UBND",
    "Lai Châu, ngày 27 tháng 01 năm 2021",
    "THÔNG BÁO",
    "Nơi nhận:",
    "TL. CHỦ TỊCH",
    "CHÁNH VĂN PHÒNG",
    "Nguyễn Văn A",
];

/// The `ketluan` binary, to run in the crate root, without colours, its
/// messages in Vietnamese whatever the machine's locale (C.UTF-8 exists
/// everywhere and is not English).
pub fn ketluan_command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ketluan"));
    cmd.current_dir(root())
        .env("NO_COLOR", "1")
        .env("LC_ALL", "C.UTF-8");
    cmd
}

/// Runs `ketluan` with `args` in the crate root.
pub fn ketluan(args: &[&str]) -> Output {
    ketluan_command().args(args).output().expect("ketluan runs")
}

/// Runs `ketluan` and insists on success.
pub fn ketluan_ok(args: &[&str]) -> Output {
    let out = ketluan(args);
    assert!(
        out.status.success(),
        "ketluan {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// `ketluan render <meeting> --out <out> <extra…>`, which must succeed.
pub fn render_into(meeting: &Path, out: &Path, extra: &[&str]) {
    render_into_output(meeting, out, extra);
}

/// [`render_into`], returning what `ketluan` printed.
pub fn render_into_output(meeting: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "render",
        meeting.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    ketluan_ok(&args)
}

/// Renders one meeting file in one format into a fresh folder, with extra
/// arguments; returns (folder, output path).
pub fn render_to(meeting: &Path, format: &str, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["--format", format];
    args.extend_from_slice(extra);
    render_into(meeting, dir.path(), &args);
    let stem = meeting.file_stem().unwrap().to_string_lossy().into_owned();
    let path = dir.path().join(format!("{stem}.{format}"));
    assert!(path.is_file(), "{} was written", path.display());
    (dir, path)
}

/// Renders one meeting file to DOCX in a fresh folder; returns (folder, docx path).
pub fn render_docx(meeting: &Path) -> (tempfile::TempDir, PathBuf) {
    render_to(meeting, "docx", &[])
}

/// LibreOffice's PDF of a DOCX, in folders of its own: the DOCX is copied
/// into a fresh `in/` folder and converted into a fresh, empty `out/`
/// folder, so the conversion can never overwrite a file of the caller's
/// (`soffice --outdir` replaces a `<stem>.pdf` already there without a
/// word, and a test once compared LibreOffice's PDF with itself that way).
/// The folders live as long as this value.
pub struct LibreOfficePdf {
    _dir: tempfile::TempDir,
    /// The PDF LibreOffice wrote.
    pub pdf: PathBuf,
}

impl std::ops::Deref for LibreOfficePdf {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.pdf
    }
}

impl AsRef<Path> for LibreOfficePdf {
    fn as_ref(&self) -> &Path {
        &self.pdf
    }
}

/// Converts a DOCX to PDF with LibreOffice (a private profile), in folders
/// the returned value owns ([`LibreOfficePdf`]).
pub fn libreoffice_pdf(docx: &Path) -> LibreOfficePdf {
    let (dir, pdf) = libreoffice_convert(docx, "pdf");
    LibreOfficePdf { _dir: dir, pdf }
}

/// Converts a file with LibreOffice (`soffice --convert-to <to>`, a
/// private profile): the file is copied into a fresh `in/` folder and
/// converted into a fresh `out/` folder of the returned folder, so the
/// conversion can never write beside the caller's files.
pub fn libreoffice_convert(file: &Path, to: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (input, output) = (dir.path().join("in"), dir.path().join("out"));
    std::fs::create_dir(&input).unwrap();
    std::fs::create_dir(&output).unwrap();
    let copy = input.join(file.file_name().expect("a file name"));
    std::fs::copy(file, &copy).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let profile = dir.path().join("lo-profile");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", to, "--outdir"])
        .arg(&output)
        .arg(&copy)
        .output()
        .expect("soffice runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let extension = to.split(':').next().unwrap_or(to);
    let converted = output
        .join(copy.file_name().unwrap())
        .with_extension(extension);
    assert!(
        converted.is_file(),
        "LibreOffice wrote {}",
        converted.display()
    );
    (dir, converted)
}

/// Our PDF of a document and LibreOffice's rendering of our DOCX of it,
/// line by line ([`assert_same_lines`]); LibreOffice converts in folders
/// of its own ([`libreoffice_pdf`]), never beside our PDF.
pub fn assert_same_lines_as_libreoffice(
    name: &str,
    ours: &Path,
    docx: &Path,
    agreement: Agreement,
) -> usize {
    let theirs = libreoffice_pdf(docx);
    assert_same_lines(name, ours, &theirs, agreement)
}

/// The `host:port` of `ketluan serve`'s first line (`Bản xem trước:
/// http://127.0.0.1:4000/`).
pub fn preview_address(line: &str) -> String {
    line.trim()
        .strip_prefix("Bản xem trước: http://")
        .and_then(|a| a.strip_suffix('/'))
        .unwrap_or_else(|| panic!("the address line: {line:?}"))
        .to_string()
}

/// The text of every Word paragraph (`w:p`) of a DOCX's body, in order
/// ([`paragraph_text`]: `w:br` as a new line). The XML is parsed, so it is
/// well formed.
pub fn docx_texts(docx: &Path) -> Vec<String> {
    let xml = zip_entry(docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).expect("document.xml is well-formed XML");
    doc.descendants()
        .filter(|n| n.tag_name().name() == "p" && n.tag_name().namespace() == Some(W))
        .map(paragraph_text)
        .collect()
}

/// A DOCX table's rows (`w:tr`), each cell (`w:tc`) as its paragraphs'
/// texts ([`paragraph_text`]) joined by new lines.
pub fn table_cells(table: roxmltree::Node) -> Vec<Vec<String>> {
    fn children<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Vec<roxmltree::Node<'a, 'i>> {
        node.children()
            .filter(|n| n.tag_name().name() == name)
            .collect()
    }
    children(table, "tr")
        .into_iter()
        .map(|tr| {
            children(tr, "tc")
                .into_iter()
                .map(|tc| {
                    children(tc, "p")
                        .into_iter()
                        .map(paragraph_text)
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .collect()
        })
        .collect()
}

/// The WordprocessingML namespace.
pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// One entry of a ZIP file as text.
pub fn zip_entry(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut entry = zip
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} in {}", path.display()));
    let mut s = String::new();
    entry.read_to_string(&mut s).unwrap();
    s
}

/// The text of a `w:p`: its `w:t` texts, `w:br` as a new line.
pub fn paragraph_text(p: roxmltree::Node) -> String {
    let mut s = String::new();
    for n in p.descendants() {
        match n.tag_name().name() {
            "t" => s.push_str(n.text().unwrap_or("")),
            "br" => s.push('\n'),
            _ => {}
        }
    }
    s
}

/// Says, where it is seen, that a check of the running test did not run
/// and why: `SKIPPED <test binary>::<test>: <reason>`. Written straight to
/// the process's standard error, which libtest does not capture (it
/// captures `print!` and `eprint!` only, and hides them for a passing test).
pub fn report_skip(reason: &str) {
    use std::io::Write;
    let thread = std::thread::current();
    // libtest names each test's thread after the test; with one test
    // thread the test runs on `main`, and only the binary is known.
    let test = match thread.name() {
        Some(name) if name != "main" => format!("{}::{name}", env!("CARGO_CRATE_NAME")),
        _ => env!("CARGO_CRATE_NAME").to_string(),
    };
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {reason}");
}

/// Whether a check that needs `what` can run (`present`). Absent: skip
/// with a visible notice ([`report_skip`]), except under `CI=true`, where
/// its absence fails the test.
pub fn available(present: bool, what: &str, install: &str) -> bool {
    if !present {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("{what} is required under CI=true ({install})");
        }
        report_skip(&format!("{what} is not installed; this check did not run"));
    }
    present
}

/// Whether an external tool is on PATH. Absent: skip with a visible
/// notice, except under `CI=true`, where its absence fails the test.
pub fn tool_available(tool: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success());
    available(found, tool, "install it in .ci/run")
}

/// Whether a file a check needs (a font, a system tool at a fixed path)
/// exists; `package` is the Debian package that provides it. Absent: skip
/// with a visible notice, except under `CI=true`, where it fails the test.
pub fn file_available(path: &Path, package: &str) -> bool {
    available(
        path.is_file(),
        &path.display().to_string(),
        &format!("Debian package `{package}`, installed by .ci/run"),
    )
}

/// `pdftotext -layout` of a PDF.
pub fn pdf_text(pdf: &Path) -> String {
    poppler("pdftotext", &["-layout", "-enc", "UTF-8"], pdf)
}

/// Renders one meeting file to PDF in a fresh folder; returns (folder, pdf path).
pub fn render_pdf(meeting: &Path, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    render_to(meeting, "pdf", extra)
}

/// Runs a poppler tool and returns its standard output.
pub fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let mut cmd = Command::new(tool);
    cmd.args(args).arg(pdf);
    if tool == "pdftotext" {
        cmd.arg("-"); // to standard output
    }
    let out = cmd.output().unwrap_or_else(|e| panic!("{tool} runs: {e}"));
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A word's box from `pdftotext -bbox`: page index, xMin, yMin, xMax, yMax, text.
#[derive(Debug, Clone)]
pub struct WordBox {
    pub page: usize,
    pub x_min: f32,
    pub y_min: f32,
    pub x_max: f32,
    pub y_max: f32,
    pub text: String,
}

/// Every word of a PDF with its box (`pdftotext -bbox`).
pub fn word_boxes(pdf: &Path) -> Vec<WordBox> {
    let html = poppler("pdftotext", &["-bbox", "-enc", "UTF-8"], pdf);
    let mut out = Vec::new();
    let mut page = 0usize;
    let mut seen_page = false;
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            if seen_page {
                page += 1;
            }
            seen_page = true;
        }
        if let Some(rest) = line.strip_prefix("<word ") {
            let attr = |name: &str| -> f32 {
                let key = format!("{name}=\"");
                let start = rest.find(&key).unwrap() + key.len();
                let end = rest[start..].find('"').unwrap() + start;
                rest[start..end].parse().unwrap()
            };
            let text_start = rest.find('>').unwrap() + 1;
            let text_end = rest.rfind("</word>").unwrap();
            out.push(WordBox {
                page,
                x_min: attr("xMin"),
                y_min: attr("yMin"),
                x_max: attr("xMax"),
                y_max: attr("yMax"),
                text: rest[text_start..text_end]
                    .replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\""),
            });
        }
    }
    out
}

/// One line of a page as read back: its words, left to right, and its extent.
#[derive(Debug, Clone)]
pub struct PdfLine {
    pub text: String,
    pub x_min: f32,
    pub x_max: f32,
    pub y_min: f32,
    pub y_max: f32,
}

/// Groups words into lines, top to bottom: words whose tops are within
/// 0.5 pt of each other (one size, one baseline) form a line, left to
/// right; the columns of a table thus stay apart.
pub fn group_lines(mut words: Vec<&WordBox>) -> Vec<PdfLine> {
    words.sort_by(|a, b| a.y_min.total_cmp(&b.y_min));
    let mut groups: Vec<Vec<&WordBox>> = Vec::new();
    for w in words {
        match groups.last_mut() {
            Some(g) if (w.y_min - g[0].y_min).abs() < 0.5 => g.push(w),
            _ => groups.push(vec![w]),
        }
    }
    groups
        .into_iter()
        .map(|mut g| {
            g.sort_by(|a, b| a.x_min.total_cmp(&b.x_min));
            PdfLine {
                text: g
                    .iter()
                    .map(|w| w.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                x_min: g[0].x_min,
                x_max: g[g.len() - 1].x_max,
                y_min: g.iter().map(|w| w.y_min).fold(f32::MAX, f32::min),
                y_max: g.iter().map(|w| w.y_max).fold(f32::MIN, f32::max),
            }
        })
        .collect()
}

/// The lines of every page of a PDF ([`group_lines`] of the word boxes).
pub fn pdf_lines(pdf: &Path) -> Vec<Vec<PdfLine>> {
    let words = word_boxes(pdf);
    let pages = words.iter().map(|w| w.page + 1).max().unwrap_or(0);
    (0..pages)
        .map(|p| group_lines(words.iter().filter(|w| w.page == p).collect()))
        .collect()
}

/// The lines of each page of a PDF, as text ([`pdf_lines`]).
pub fn page_lines(pdf: &Path) -> Vec<Vec<String>> {
    pdf_lines(pdf)
        .into_iter()
        .map(|page| page.into_iter().map(|line| line.text).collect())
        .collect()
}

/// How closely our PDF must agree with LibreOffice's rendering of our DOCX
/// ([`assert_same_lines`]).
#[derive(Clone, Copy, Debug)]
pub struct Agreement {
    /// Lines whose text may differ (the pages and the number of lines on
    /// each must be the same whatever this says).
    pub differing: usize,
    /// How far apart the vertical shifts (LibreOffice's line minus ours)
    /// of two lines of one page may be. LibreOffice starts the body a
    /// little higher (measured: up to 4.4 pt), the same for every line
    /// below, and the word boxes of the two PDFs differ by a fraction of a
    /// point (their fonts' boxes, the signer's column beside the
    /// recipients): 2.1 pt at most on the notices, invitations and minutes.
    /// A line height, a space or a page's start changed in one of the two
    /// moves the lines below it apart by more.
    pub drift_pt: f32,
    /// How far a line may start left or right of LibreOffice's (0.23 pt at
    /// most measured on the documents).
    pub x_pt: f32,
}

impl Agreement {
    /// Every line the same, where LibreOffice puts it.
    pub const EXACT: Agreement = Agreement {
        differing: 0,
        drift_pt: 2.5,
        x_pt: 0.5,
    };

    /// As [`EXACT`](Self::EXACT), but `n` lines may read differently.
    pub const fn differing(n: usize) -> Agreement {
        Agreement {
            differing: n,
            ..Agreement::EXACT
        }
    }
}

/// Two renderings of one document (ours, LibreOffice's), line by line on
/// every page ([`pdf_lines`]): the same pages, the same number of lines on
/// each, at most `agreement.differing` lines not the same, and every line
/// where the other has it ([`Agreement`]). Returns the number of lines
/// compared.
pub fn assert_same_lines(name: &str, ours: &Path, theirs: &Path, agreement: Agreement) -> usize {
    let Agreement {
        differing,
        drift_pt,
        x_pt,
    } = agreement;
    // Two different files, made by two different programs: a comparison
    // of a file with itself (or with a copy of it) proves nothing.
    assert_ne!(
        std::fs::canonicalize(ours).unwrap(),
        std::fs::canonicalize(theirs).unwrap(),
        "{name}: a PDF compared with itself"
    );
    assert_ne!(
        pdf_maker(ours),
        pdf_maker(theirs),
        "{name}: both PDFs were made by the same program"
    );
    let (ours, theirs) = (pdf_lines(ours), pdf_lines(theirs));
    let texts = |pages: &[Vec<PdfLine>]| -> Vec<Vec<String>> {
        pages
            .iter()
            .map(|p| p.iter().map(|l| l.text.clone()).collect())
            .collect()
    };
    let (ours_lines, theirs_lines) = (ours, theirs);
    let (ours, theirs) = (texts(&ours_lines), texts(&theirs_lines));
    assert_eq!(
        ours.len(),
        theirs.len(),
        "{name}: pages\nours: {ours:#?}\nLibreOffice: {theirs:#?}"
    );
    let mut differ = Vec::new();
    let mut total = 0;
    for (i, (a, b)) in ours.iter().zip(&theirs).enumerate() {
        assert_eq!(
            a.len(),
            b.len(),
            "{name}: page {}: lines\nours: {a:#?}\nLibreOffice: {b:#?}",
            i + 1
        );
        total += a.len();
        for (x, y) in a.iter().zip(b) {
            if x != y {
                differ.push(format!(
                    "page {}:\n  ours:        {x}\n  LibreOffice: {y}",
                    i + 1
                ));
            }
        }
    }
    // Where the lines stand (see [`Agreement`]).
    let mut drift_worst = 0.0f32;
    let mut x_worst = 0.0f32;
    for (i, (a, b)) in ours_lines.iter().zip(&theirs_lines).enumerate() {
        let shifts: Vec<f32> = a.iter().zip(b).map(|(x, y)| y.y_min - x.y_min).collect();
        let (lo, hi) = shifts
            .iter()
            .fold((f32::MAX, f32::MIN), |(lo, hi), s| (lo.min(*s), hi.max(*s)));
        let drift = hi - lo;
        drift_worst = drift_worst.max(drift);
        for (x, y) in a.iter().zip(b) {
            let dx = (x.x_min - y.x_min).abs();
            x_worst = x_worst.max(dx);
            assert!(
                dx <= x_pt,
                "{name}: page {}: `{}` starts at {:.2} pt in ours, {:.2} pt in LibreOffice's",
                i + 1,
                x.text,
                x.x_min,
                y.x_min
            );
        }
        assert!(
            shifts.is_empty() || drift <= drift_pt,
            "{name}: page {}: the lines stand apart by up to {drift:.2} pt more than \
             elsewhere on the page (at most {drift_pt} pt):\n{}",
            i + 1,
            a.iter()
                .zip(b)
                .map(|(x, y)| format!(
                    "  ours {:7.2}  LibreOffice {:7.2}  {}",
                    x.y_min, y.y_min, x.text
                ))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    println!(
        "{name}: {} of {total} lines alike ({:.1} %), {} pages, drift {drift_worst:.2} pt, x {x_worst:.2} pt",
        total - differ.len(),
        100.0 * (total - differ.len()) as f64 / total as f64,
        ours.len()
    );
    for d in &differ {
        println!("{d}");
    }
    assert!(
        differ.len() <= differing,
        "{name}: {} lines differ (at most {differing} expected):\n{}",
        differ.len(),
        differ.join("\n")
    );
    total
}

/// The program that made a PDF: its `Creator` and `Producer`, as
/// `pdfinfo` reads them.
pub fn pdf_maker(pdf: &Path) -> String {
    poppler("pdfinfo", &[], pdf)
        .lines()
        .filter(|l| l.starts_with("Creator:") || l.starts_with("Producer:"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The lines under `Nơi nhận:` down to the `- Lưu:` line.
pub fn recipient_lines(texts: &[String]) -> Vec<String> {
    let start = texts
        .iter()
        .position(|t| t == "Nơi nhận:")
        .unwrap_or_else(|| panic!("a Nơi nhận heading in {texts:#?}"))
        + 1;
    let end = texts[start..]
        .iter()
        .position(|t| t.starts_with("- Lưu:"))
        .expect("a Lưu line")
        + start;
    texts[start..=end].to_vec()
}

/// Copies a folder and everything under it.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}
