//! `ketluan import` of a PDF (src/import/pdf/): the text of the PDFs that
//! ketluan writes, and of the same notices' DOCX printed to PDF by LibreOffice
//! when `soffice` is on PATH, agrees with `pdftotext -layout` (characters,
//! NFC, whitespace runs as one space, ≥ 99.5 %); a legacy TCVN3 (.VnTime) PDF
//! reads as Unicode; a scan, garbage, a truncated or empty file, a password,
//! a decompression bomb and 2,001 pages give their errors, never a panic.

use ketluan::import::pdf;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use unicode_normalization::UnicodeNormalization;

/// Whitespace runs → one space, NFC.
fn normalise(s: &str) -> Vec<char> {
    let s: String = s.nfc().collect();
    let mut out = Vec::new();
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars());
    }
    out
}

/// Edit distance of `a` and `b` if it is at most `k`, else None (Ukkonen's
/// band: O(len × k), so a debug build checks a five-page notice at once).
fn distance_within(a: &[char], b: &[char], k: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > k {
        return None;
    }
    let inf = usize::MAX / 2;
    let width = b.len() + 1;
    let mut prev = vec![inf; width];
    let mut cur = vec![inf; width];
    for (j, p) in prev.iter_mut().enumerate().take(k.min(b.len()) + 1) {
        *p = j;
    }
    for i in 1..=a.len() {
        let lo = i.saturating_sub(k).max(1);
        let hi = (i + k).min(b.len());
        cur.iter_mut().for_each(|c| *c = inf);
        if i <= k {
            cur[0] = i;
        }
        for j in lo..=hi {
            let sub = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    (prev[b.len()] <= k).then_some(prev[b.len()])
}

/// Character agreement of `ours` with `reference`, asserted ≥ 99.5 %.
fn assert_agrees(name: &str, reference: &str, ours: &str) -> f64 {
    let r = normalise(reference);
    let o = normalise(ours);
    assert!(
        r.len() > 200,
        "{name}: pdftotext read almost nothing ({} characters)",
        r.len()
    );
    let k = r.len() / 200; // 0.5 %
    match distance_within(&r, &o, k) {
        Some(d) => 1.0 - d as f64 / r.len() as f64,
        None => panic!(
            "{name}: more than {k} of {} characters differ from pdftotext -layout\n--- pdftotext\n{}\n--- ours\n{}",
            r.len(),
            reference,
            ours
        ),
    }
}

fn on_path(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success() || !o.stdout.is_empty() || !o.stderr.is_empty())
}

fn pdftotext_layout(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(
        out.status.success(),
        "pdftotext {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("pdftotext writes UTF-8")
}

/// The example meetings rendered by the ketluan binary (DOCX and PDF).
fn render_examples(dir: &Path) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let status = Command::new(env!("CARGO_BIN_EXE_ketluan"))
        .current_dir(root)
        .args(["render", "meetings/", "--out"])
        .arg(dir)
        .args(["--jobs", "1"])
        .output()
        .expect("ketluan render runs");
    assert!(
        status.status.success(),
        "ketluan render: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

fn with_ext(files: &[PathBuf], ext: &str) -> Vec<PathBuf> {
    files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .cloned()
        .collect()
}

fn check_against_pdftotext(pdfs: &[PathBuf]) {
    assert!(!pdfs.is_empty());
    for pdf in pdfs {
        let bytes = std::fs::read(pdf).unwrap();
        let ours = pdf::text(&bytes).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
        let name = pdf.file_name().unwrap().to_string_lossy();
        let agreement = assert_agrees(&name, &pdftotext_layout(pdf), &ours);
        println!(
            "{name}: {:.2} % of characters as pdftotext -layout",
            agreement * 100.0
        );
        // Pages separated by a form feed, as many as pdftotext finds.
        let pages = pdftotext_layout(pdf).matches('\x0c').count();
        assert_eq!(ours.matches('\x0c').count() + 1, pages, "{name}: pages");
    }
}

#[test]
fn ketluan_pdfs_read_as_pdftotext_reads_them() {
    if !on_path("pdftotext") {
        println!("note: pdftotext (poppler-utils) is not on PATH: comparison skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let files = render_examples(dir.path());
    check_against_pdftotext(&with_ext(&files, "pdf"));
}

#[test]
fn libreoffice_pdfs_of_the_same_docx_read_as_pdftotext_reads_them() {
    if !on_path("pdftotext") || !on_path("soffice") {
        println!("note: pdftotext or soffice (LibreOffice) is not on PATH: comparison skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let files = render_examples(dir.path());
    let out = dir.path().join("lo");
    let profile = dir.path().join("lo-profile");
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out)
        .args(with_ext(&files, "docx"))
        .output()
        .expect("soffice runs");
    assert!(
        status.status.success(),
        "soffice: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let pdfs: Vec<PathBuf> = with_ext(
        &std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect::<Vec<_>>(),
        "pdf",
    );
    assert_eq!(
        pdfs.len(),
        with_ext(&files, "docx").len(),
        "one PDF per DOCX"
    );
    check_against_pdftotext(&pdfs);
}

#[test]
fn header_and_signature_columns_stay_apart() {
    let dir = tempfile::tempdir().unwrap();
    let files = render_examples(dir.path());
    let notice = files
        .iter()
        .find(|p| {
            p.to_string_lossy()
                .ends_with("2021-02-24-hop-ubnd-thang-02.pdf")
        })
        .unwrap();
    let text = pdf::text(&std::fs::read(notice).unwrap()).unwrap();
    let line = |start: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(start))
            .unwrap_or_else(|| panic!("no line {start:?} in\n{text}"))
    };
    let wide = |l: &str, left: &str, right: &str| {
        let (before, _) = l
            .split_once(right)
            .unwrap_or_else(|| panic!("{right:?} not on {l:?}"));
        assert!(
            before.trim_start().starts_with(left) && before.ends_with("    "),
            "{left:?} and {right:?} apart by ≥ 4 spaces: {l:?}"
        );
    };
    wide(
        line("ỦY BAN NHÂN DÂN"),
        "ỦY BAN NHÂN DÂN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    );
    wide(
        line("Số:"),
        "Số: 45/TB-UBND",
        "Lai Châu, ngày 26 tháng 02 năm 2021",
    );
    wide(line("Nơi nhận:"), "Nơi nhận:", "TL. CHỦ TỊCH");
    // Fragments: the title is bold, on page 1, near the top, larger than body text.
    let frags = pdf::fragments(&std::fs::read(notice).unwrap()).unwrap();
    let title = frags
        .iter()
        .find(|f| f.text == "THÔNG BÁO")
        .expect("the title as one fragment");
    assert!(
        title.bold && title.page == 1 && title.y < 200.0 && title.size >= 13.0,
        "{title:?}"
    );
    let body = frags
        .iter()
        .find(|f| f.text.starts_with("Trong tháng 02"))
        .expect("a body line");
    assert!(
        !body.bold && body.x > title.x - 200.0 && body.width > 300.0,
        "{body:?}"
    );
}

// ------------------------------------------------------------ hand-made PDFs

/// A PDF of the given objects (1 is the catalog), with a correct xref table.
fn pdf_of(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        writeln!(out, "{} 0 obj", i + 1).unwrap();
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).unwrap();
    for o in offsets {
        writeln!(out, "{o:010} 00000 n ").unwrap();
    }
    write!(
        out,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    )
    .unwrap();
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut o = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    o.extend_from_slice(data);
    o.extend_from_slice(b"\nendstream");
    o
}

fn one_page(resources: &str, content: &[u8], more: &[Vec<u8>]) -> Vec<u8> {
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources {resources} /Contents 4 0 R >>").into_bytes(),
        stream("", content),
    ];
    objects.extend_from_slice(more);
    pdf_of(&objects)
}

#[test]
fn a_scan_has_no_text_layer() {
    // A page that only draws an image, as a scanner writes it.
    let image = stream("/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8", &[0, 255, 255, 0]);
    let bytes = one_page(
        "<< /XObject << /Im0 5 0 R >> >>",
        b"q 595 0 0 842 0 0 cm /Im0 Do Q",
        &[image],
    );
    let err = pdf::text(&bytes).unwrap_err();
    assert!(matches!(err, pdf::PdfError::NoTextLayer), "{err:?}");
    assert_eq!(
        err.to_string(),
        "tệp PDF không có lớp chữ (bản scan): cần nhận dạng ký tự (OCR) trước khi nhập"
    );
    // Same with an inline image.
    let bytes = one_page(
        "<< >>",
        b"q 100 0 0 100 0 0 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x00\xff\xff\x00 EI Q",
        &[],
    );
    assert!(matches!(pdf::text(&bytes), Err(pdf::PdfError::NoTextLayer)));
}

#[test]
fn text_in_a_legacy_tcvn3_font_reads_as_unicode() {
    // ".VnTime", WinAnsi declared, no ToUnicode: the bytes are TCVN3
    // ("Ủy ban nhân dân tỉnh Lai Châu"; "Thông báo kết luận" in .VnTimeH,
    // the capitals font, drawn from lower-case codes).
    let font = |name: &str| {
        format!("<< /Type /Font /Subtype /TrueType /BaseFont /{name} /FirstChar 32 /LastChar 255 /Widths [{}] /Encoding /WinAnsiEncoding >>", vec!["500"; 224].join(" ")).into_bytes()
    };
    let mut content =
        b"BT /F1 12 Tf 72 720 Td (\x9ey ban nh\xa9n d\xa9n t\xd8nh Lai Ch\xa9u) Tj ET\n".to_vec();
    content.extend_from_slice(b"BT /F2 12 Tf 72 700 Td (th\xabng b\xb8o k\xd5t lu\xcbn) Tj ET");
    let bytes = one_page(
        "<< /Font << /F1 5 0 R /F2 6 0 R >> >>",
        &content,
        &[font(".VnTime"), font("ABCDEF+.VnTimeH,Bold")],
    );
    let text = pdf::text(&bytes).unwrap();
    assert_eq!(
        normalise(&text).into_iter().collect::<String>(),
        "Ủy ban nhân dân tỉnh Lai Châu THÔNG BÁO KẾT LUẬN"
    );
}

#[test]
fn marks_drawn_as_their_own_glyphs_join_their_letters() {
    // "Việt Nam" typed decomposed (e, U+0323, U+0302) and drawn glyph by
    // glyph, each mark pulled back over its letter: one word, NFC.
    let text = "Việt Nam";
    let mut codes: Vec<char> = Vec::new();
    let mut tj = String::new();
    for c in text.nfd() {
        let code = match codes.iter().position(|&k| k == c) {
            Some(i) => i + 1,
            None => {
                codes.push(c);
                codes.len()
            }
        };
        if unicode_normalization::char::is_combining_mark(c) {
            tj.push_str(&format!(" 300 <{code:04X}> -300"));
        } else {
            tj.push_str(&format!(" <{code:04X}>"));
        }
    }
    let widths: String = codes
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            format!(
                "{} [{}] ",
                i + 1,
                if unicode_normalization::char::is_combining_mark(c) {
                    0
                } else {
                    500
                }
            )
        })
        .collect();
    let bf: String = codes
        .iter()
        .enumerate()
        .map(|(i, &c)| format!("<{:04X}> <{:04X}>\n", i + 1, c as u32))
        .collect();
    let cmap = format!("begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange\n{} beginbfchar\n{bf}endbfchar endcmap", codes.len());
    let bytes = one_page(
        "<< /Font << /F1 5 0 R >> >>",
        format!("BT /F1 12 Tf 72 720 Td [{tj}] TJ ET").as_bytes(),
        &[
            b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>".to_vec(),
            format!("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /W [{widths}] >>").into_bytes(),
            stream("", cmap.as_bytes()),
        ],
    );
    assert_eq!(pdf::text(&bytes).unwrap().trim(), "Việt Nam");
}

#[test]
fn what_is_not_a_readable_pdf_is_an_error() {
    let not_pdf = |b: &[u8]| matches!(pdf::text(b), Err(pdf::PdfError::NotPdf(_)));
    assert!(not_pdf(b""), "empty file");
    assert!(not_pdf(b"PK\x03\x04 a zip, not a PDF"), "zip");
    let garbage: Vec<u8> = (0..5000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    assert!(not_pdf(&garbage), "garbage");
    assert!(
        matches!(pdf::text(b"%PDF-1.7\n"), Err(pdf::PdfError::Damaged(_))),
        "header only"
    );

    // A real notice cut short, at every 1/16 of its length: an error or
    // some text, never a panic.
    let dir = tempfile::tempdir().unwrap();
    let files = render_examples(dir.path());
    let whole = std::fs::read(
        files
            .iter()
            .find(|p| p.to_string_lossy().ends_with("thang-02.pdf"))
            .unwrap(),
    )
    .unwrap();
    for cut in (1..16).map(|k| whole.len() * k / 16) {
        match pdf::text(&whole[..cut]) {
            Ok(_) | Err(pdf::PdfError::Damaged(_) | pdf::PdfError::NoTextLayer) => {}
            Err(e) => panic!("cut at {cut}: {e:?}"),
        }
    }
    assert!(
        matches!(
            pdf::text(&whole[..whole.len() / 2]),
            Err(pdf::PdfError::Damaged(_))
        ),
        "half a notice"
    );
    // A byte flipped at each of the first 64 offsets and at 256 offsets
    // spread over the file: no panic (the module's catch_unwind would turn
    // one into Damaged("lỗi nội bộ ..."), which is refused here too). The
    // scratch fuzzing of the module ran 12,000 mutants in a release build.
    let mut mutant = whole.clone();
    let offsets = (0..64).chain((0..256).map(|k| k * whole.len() / 256));
    for i in offsets {
        mutant[i] ^= 0x5a;
        if let Err(pdf::PdfError::Damaged(why)) = pdf::text(&mutant) {
            assert!(!why.contains("lỗi nội bộ"), "byte {i}: a panic was caught");
        }
        mutant[i] = whole[i];
    }
}

#[test]
fn a_password_protected_pdf_is_encrypted() {
    if !on_path("qpdf") {
        println!("note: qpdf is not on PATH: encryption not checked");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let files = render_examples(dir.path());
    let plain = files
        .iter()
        .find(|p| p.to_string_lossy().ends_with("thang-02.pdf"))
        .unwrap();
    let locked = dir.path().join("locked.pdf");
    let owner_only = dir.path().join("owner-only.pdf");
    for (user, out) in [("mat-khau", &locked), ("", &owner_only)] {
        let st = Command::new("qpdf")
            .args(["--encrypt", user, "chu-so-huu", "256", "--"])
            .arg(plain)
            .arg(out)
            .status()
            .unwrap();
        assert!(st.success());
    }
    let err = pdf::text(&std::fs::read(&locked).unwrap()).unwrap_err();
    assert!(matches!(err, pdf::PdfError::Encrypted), "{err:?}");
    assert!(err.to_string().contains("mật khẩu"));
    // An owner password alone (printing or copying restricted) opens as any reader opens it.
    let text = pdf::text(&std::fs::read(&owner_only).unwrap()).unwrap();
    assert!(text.contains("Kết luận của Chủ tịch UBND tỉnh"), "{text}");
}

/// A zlib stream that inflates to `len` zero bytes: one literal, then
/// length-258 copies at distance 1, in fixed-Huffman deflate (13 bits each).
fn zlib_zeros(len: usize) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        n: u32,
    }
    impl Bits {
        fn put(&mut self, value: u64, count: u32) {
            self.acc |= value << self.n;
            self.n += count;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }
        /// Huffman codes go most significant bit first.
        fn code(&mut self, code: u64, count: u32) {
            let rev = (0..count).fold(0, |r, i| r | ((code >> i) & 1) << (count - 1 - i));
            self.put(rev, count);
        }
    }
    let mut b = Bits {
        out: vec![0x78, 0x01],
        acc: 0,
        n: 0,
    };
    b.put(1, 1); // last block
    b.put(1, 2); // fixed Huffman
    b.code(0x30, 8); // literal 0
    let mut left = len - 1;
    while left >= 258 {
        b.code(0b11000101, 8); // length code 285 = 258
        b.code(0, 5); // distance code 0 = 1
        left -= 258;
    }
    for _ in 0..left {
        b.code(0x30, 8);
    }
    b.code(0, 7); // end of block (256)
    if b.n > 0 {
        b.out.push(b.acc as u8);
    }
    // Adler-32 of zeros: the sum A stays 1, B adds it once a byte.
    let adler = ((len % 65521) as u32) << 16 | 1;
    let mut out = b.out;
    out.extend_from_slice(&adler.to_be_bytes());
    out
}

#[test]
fn a_decompression_bomb_and_too_many_pages_are_too_large() {
    // 100 MB of zeros in a 0.6 MB content stream: refused at 64 MB.
    let bomb = zlib_zeros(100 << 20);
    let page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec();
    let bytes = pdf_of(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        page,
        stream("/Filter /FlateDecode", &bomb),
    ]);
    let err = pdf::text(&bytes).unwrap_err();
    assert!(matches!(err, pdf::PdfError::TooLarge(_)), "{err:?}");
    assert!(err.to_string().contains("64 MB"), "{err}");

    // 2,001 pages (sharing one content stream): refused; 2,000 are read.
    for (n, ok) in [(2001usize, false), (2000, true)] {
        let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 6 + i)).collect();
        let mut objects = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes(),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
            stream("", b"BT /F1 12 Tf 72 720 Td (Trang) Tj ET"),
            b"<< /Font << /F1 3 0 R >> >>".to_vec(),
        ];
        objects.extend((0..n).map(|_| b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources 5 0 R /Contents 4 0 R >>".to_vec()));
        let result = pdf::text(&pdf_of(&objects));
        if ok {
            let text = result.unwrap();
            assert_eq!(text.matches('\x0c').count(), n - 1);
            assert_eq!(text.matches("Trang").count(), n);
        } else {
            let err = result.unwrap_err();
            assert!(
                matches!(err, pdf::PdfError::TooLarge(_))
                    && err.to_string().contains("2.000 trang"),
                "{err:?}"
            );
        }
    }
}
