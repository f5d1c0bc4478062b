//! `ketluan sign`: a notice issued by `ketluan issue`, signed by the
//! leader (`NguoiKy`) then by the agency (`CoQuan`), with a PKCS#12 file
//! and with a SoftHSM2 token, checked by the offline verifiers of the
//! issuing docs: pdfsig (poppler), pyHanko, OpenSSL's CMS dump, pdffonts,
//! pdfimages, qpdf, cmp and pdfinfo; the page rendered by pdftoppm shows
//! the signature between the position and the name and the seal over its
//! left third. Bad keys, PINs, certificates and PDFs are refused with the
//! file left as it was.
//!
//! Keys and certificates are made per run with the openssl command line
//! (a test CA, two signers, an expired and a non-signing certificate), as
//! the docs show; the token is a SoftHSM2 token in the test's folder.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::signing::{make_keys, picture, run, run_ok, signing_time};
use common::*;

const DRAFT: &str = "meetings/van-phong/2021-03-15-hop-giao-ban-van-phong.yaml";
const PASSWORD: &str = "test";
const PIN: &str = "123456";

fn tools(names: &[&str]) -> bool {
    names
        .iter()
        .all(|t| available(tool_available(t), t, "see .ci/run"))
}

/// A SoftHSM2 token `ketluan-test` holding `ky` and `coquan` (key and
/// certificate under one CKA_ID each); returns the module's path and the
/// config file to point SOFTHSM2_CONF at.
fn make_token(dir: &Path) -> (PathBuf, PathBuf) {
    let tokens = dir.join("tokens");
    std::fs::create_dir_all(&tokens).unwrap();
    let conf = dir.join("softhsm2.conf");
    std::fs::write(
        &conf,
        format!("directories.tokendir = {}\n", tokens.display()),
    )
    .unwrap();
    let module = [
        "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
        "/usr/lib/softhsm/libsofthsm2.so",
        "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
    ]
    .into_iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
    .expect("libsofthsm2.so (Debian package softhsm2)");
    let with_conf = |program: &str, args: &[&str]| {
        let out = Command::new(program)
            .current_dir(dir)
            .env("SOFTHSM2_CONF", &conf)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{program}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    with_conf(
        "softhsm2-util",
        &[
            "--init-token",
            "--free",
            "--label",
            "ketluan-test",
            "--so-pin",
            "12345678",
            "--pin",
            PIN,
        ],
    );
    for (who, id) in [("ky", "01"), ("coquan", "02")] {
        run_ok(
            dir,
            "openssl",
            &[
                "pkey",
                "-in",
                &format!("{who}.key"),
                "-outform",
                "DER",
                "-out",
                &format!("{who}.key.der"),
            ],
        );
        run_ok(
            dir,
            "openssl",
            &[
                "x509",
                "-in",
                &format!("{who}.pem"),
                "-outform",
                "DER",
                "-out",
                &format!("{who}.crt.der"),
            ],
        );
        for (object, kind) in [
            (format!("{who}.key.der"), "privkey"),
            (format!("{who}.crt.der"), "cert"),
        ] {
            with_conf(
                "pkcs11-tool",
                &[
                    "--module",
                    &module.display().to_string(),
                    "--token-label",
                    "ketluan-test",
                    "--login",
                    "--pin",
                    PIN,
                    "--write-object",
                    &object,
                    "--type",
                    kind,
                    "--id",
                    id,
                    "--label",
                    who,
                ],
            );
        }
    }
    (module, conf)
}

/// Everything a signing test needs, in one temporary folder.
struct Bench {
    dir: tempfile::TempDir,
    /// The notice as issued (unsigned), and its sidecar.
    pdf: PathBuf,
}

impl Bench {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// Keys, pictures, and the Văn phòng's notice issued with a 36 mm seal.
fn bench() -> Bench {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    make_keys(d);
    picture(&d.join("chu-ky.png"), false);
    picture(&d.join("con-dau.png"), true);
    let meetings = d.join("meetings");
    std::fs::create_dir_all(&meetings).unwrap();
    let mut defaults =
        std::fs::read_to_string(root().join("meetings/van-phong/ketluan.yaml")).unwrap();
    defaults.push_str("\n# Con dấu: đường kính đo trên con dấu thật.\nseal:\n  diameter_mm: 36\n");
    std::fs::write(meetings.join("ketluan.yaml"), defaults).unwrap();
    std::fs::copy(root().join(DRAFT), meetings.join("vp.yaml")).unwrap();
    let out = ketluan_command()
        .current_dir(d)
        .args(["issue", "meetings/vp.yaml", "--date", "16/3/2021"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = d.join("output/vp.pdf");
    assert!(
        d.join("output/vp.sign.json").is_file(),
        "issue writes the sidecar"
    );
    Bench { dir, pdf }
}

/// How a signing is keyed.
#[derive(Clone, Copy)]
enum Key<'a> {
    File(&'a str),
    Token {
        module: &'a Path,
        conf: &'a Path,
        label: &'a str,
        pin: &'a str,
    },
}

fn sign(bench: &Bench, pdf: &Path, role: &str, key: Key, extra: &[&str]) -> Output {
    let mut command = ketluan_command();
    command
        .current_dir(bench.dir.path())
        .arg("sign")
        .arg(pdf)
        .args(["--as", role, "--image"])
        .arg(bench.path(if role == "co-quan" {
            "con-dau.png"
        } else {
            "chu-ky.png"
        }))
        .args(extra);
    match key {
        Key::File(name) => {
            command
                .arg("--p12")
                .arg(bench.path(name))
                .env("KETLUAN_P12_PASSWORD", PASSWORD);
        }
        Key::Token {
            module,
            conf,
            label,
            pin,
        } => {
            command
                .arg("--pkcs11-module")
                .arg(module)
                .args(["--token-label", "ketluan-test", "--key-label", label])
                .env("SOFTHSM2_CONF", conf)
                .env("KETLUAN_PIN", pin);
        }
    }
    command.output().unwrap()
}

fn sign_ok(bench: &Bench, pdf: &Path, role: &str, key: Key) {
    let out = sign(bench, pdf, role, key, &["--signing-time", &signing_time()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every check of the offline verification: `unsigned` is the issued PDF,
/// `signed` the same signed twice.
fn assert_verifies(bench: &Bench, unsigned: &Path, signed: &Path) {
    let d = bench.dir.path();
    let s = signed.to_str().unwrap();
    // pdfsig: both valid, CAdES; the last covers the whole file.
    let report = run_ok(d, "pdfsig", &["-nocert", s]);
    let blocks: Vec<&str> = report.split("Signature #").skip(1).collect();
    assert_eq!(blocks.len(), 2, "{report}");
    for (block, field) in blocks.iter().zip(["NguoiKy", "CoQuan"]) {
        assert!(
            block.contains(&format!("Signature Field Name: {field}")),
            "{block}"
        );
        assert!(
            block.contains("Signature Type: ETSI.CAdES.detached"),
            "{block}"
        );
        assert!(
            block.contains("Signature Validation: Signature is Valid."),
            "{block}"
        );
    }
    assert!(blocks[0].contains("Not total document signed"), "{report}");
    assert!(blocks[1].contains("Total document signed"), "{report}");
    // pyHanko, trusting only the test CA.
    if pyhanko_available() {
        let out = pyhanko_validate(d, s);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let lines: Vec<&str> = text.lines().collect();
        assert!(
            lines.iter().any(|l| l.starts_with("NguoiKy:")
                && l.contains(":INTACT:TRUSTED,")
                && l.ends_with("ACCEPTABLE_MODIFICATIONS")),
            "{text}"
        );
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("CoQuan:") && l.ends_with(":INTACT:TRUSTED,UNTOUCHED")),
            "{text}"
        );
    }
    // The CMS: the three signed attributes, no signing-time.
    let dumps = tempfile::tempdir().unwrap();
    let copy = dumps.path().join("out.pdf");
    std::fs::copy(signed, &copy).unwrap();
    run_ok(dumps.path(), "pdfsig", &["-nocert", "-dump", "out.pdf"]);
    for sig in ["out.pdf.sig0", "out.pdf.sig1"] {
        let printed = run_ok(
            dumps.path(),
            "openssl",
            &["cms", "-cmsout", "-print", "-inform", "DER", "-in", sig],
        );
        for attribute in [
            "id-smime-aa-signingCertificateV2",
            "messageDigest",
            "contentType",
        ] {
            assert!(
                printed.contains(&format!("object: {attribute}")),
                "{sig}: {attribute}"
            );
        }
        assert!(!printed.contains("signingTime"), "{sig} has a signing-time");
        assert_eq!(
            printed.matches("d.issuerAndSerialNumber:").count(),
            1,
            "{sig}: one SignerInfo"
        );
    }
    // Fonts all embedded; a soft mask after each image.
    let fonts = run_ok(d, "pdffonts", &[s]);
    for line in fonts.lines().skip(2) {
        let columns: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(columns[columns.len() - 5], "yes", "not embedded: {line}");
    }
    let images = run_ok(d, "pdfimages", &["-list", s]);
    let rows: Vec<Vec<&str>> = images
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().collect())
        .collect();
    let signature_images: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r[2] == "image" && (r[3] == "320" || r[3] == "300"))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(signature_images.len(), 2, "{images}");
    for i in signature_images {
        assert_eq!(rows[i + 1][2], "smask", "{images}");
    }
    // qpdf, the prefix, the XMP.
    let check = run(d, "qpdf", &["--check", s]);
    assert!(check.status.success());
    assert!(String::from_utf8_lossy(&check.stdout)
        .contains("No syntax or stream encoding errors found"));
    let before = std::fs::read(unsigned).unwrap();
    let after = std::fs::read(signed).unwrap();
    assert!(
        after.len() > before.len() && after.starts_with(&before),
        "not a prefix"
    );
    assert_eq!(
        run_ok(d, "pdfinfo", &["-meta", unsigned.to_str().unwrap()]),
        run_ok(d, "pdfinfo", &["-meta", s])
    );
    assert!(run_ok(d, "pdfinfo", &["-meta", s]).contains("<pdfaid:part>2</pdfaid:part>"));
    assert_structure(d, unsigned, signed);
}

/// What qpdf reads of the form and the trailers: two signature fields,
/// each a widget printed and locked (`/F 132`) with only a normal
/// appearance; `/SigFlags 3`; no NeedAppearances; the trailer keeps
/// `/Root`, `/Info` and `/ID` and points back with `/Prev`; the update's
/// cross-reference is a classic table.
fn assert_structure(d: &Path, unsigned: &Path, signed: &Path) {
    let s = signed.to_str().unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&run_ok(d, "qpdf", &["--json", "--json-key=acroform", s])).unwrap();
    let form = &json["acroform"];
    assert_eq!(form["needappearances"], false);
    let fields = form["fields"].as_array().unwrap();
    let names: Vec<&str> = fields
        .iter()
        .map(|f| f["fullname"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["NguoiKy", "CoQuan"]);
    for field in fields {
        assert_eq!(field["fieldtype"], "/Sig");
        assert_eq!(field["annotation"]["annotationflags"], 132);
        let id = field["object"]
            .as_str()
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .to_string();
        let widget = run_ok(d, "qpdf", &[&format!("--show-object={id}"), s]);
        let ap = &widget[widget.find("/AP << ").expect("an /AP") + 7..];
        assert!(
            ap.starts_with("/N ")
                && ap[3..]
                    .trim_start()
                    .split(">>")
                    .next()
                    .unwrap()
                    .matches('/')
                    .count()
                    == 0,
            "{widget}"
        );
        assert!(
            !widget.contains("/A ") && !widget.contains("/AA "),
            "{widget}"
        );
    }
    let trailer = |file: &str| run_ok(d, "qpdf", &["--show-object=trailer", file]);
    let (before, after) = (trailer(unsigned.to_str().unwrap()), trailer(s));
    let key = |t: &str, k: &str| {
        let at = t.find(k).unwrap_or_else(|| panic!("{k} in {t}"));
        t[at..]
            .split(" /")
            .next()
            .unwrap()
            .trim_end_matches(" >>")
            .to_string()
    };
    for k in ["/ID ", "/Info ", "/Root "] {
        assert_eq!(key(&before, k), key(&after, k), "{k}");
    }
    assert!(after.contains("/Prev "), "{after}");
    let catalog_id = key(&after, "/Root ").split(' ').nth(1).unwrap().to_string();
    let catalog = run_ok(d, "qpdf", &[&format!("--show-object={catalog_id}"), s]);
    let form_ref = key(&catalog, "/AcroForm ");
    let form_id = form_ref.split(' ').nth(1).unwrap();
    let acro_form = run_ok(d, "qpdf", &[&format!("--show-object={form_id}"), s]);
    assert!(acro_form.contains("/SigFlags 3"), "{acro_form}");
    let bytes = std::fs::read(signed).unwrap();
    let tail = String::from_utf8_lossy(&bytes[bytes.len() - 40..]).into_owned();
    let start: usize = tail
        .split("startxref")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        bytes[start..].starts_with(b"xref\n"),
        "a classic cross-reference table"
    );
}

/// The bounding box (x0, y0, x1, y1), pixels from the top left, of the
/// pixels `pick` accepts on page `page` rendered at 72 dpi (a pixel is a
/// point).
fn pixels(signed: &Path, page: u32, pick: fn([u8; 3]) -> bool) -> Option<(u32, u32, u32, u32)> {
    let dir = tempfile::tempdir().unwrap();
    let p = page.to_string();
    let prefix = dir.path().join("p");
    let status = Command::new("pdftoppm")
        .args(["-r", "72", "-png", "-f", &p, "-l", &p, "-singlefile"])
        .arg(signed)
        .arg(&prefix)
        .status()
        .unwrap();
    assert!(status.success());
    let bytes = std::fs::read(dir.path().join("p.png")).unwrap();
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut buffer).unwrap();
    let channels = frame.color_type.samples();
    let mut found: Option<(u32, u32, u32, u32)> = None;
    for y in 0..frame.height {
        for x in 0..frame.width {
            let at = y as usize * frame.line_size + x as usize * channels;
            let px = [buffer[at], buffer[at + 1], buffer[at + 2]];
            if pick(px) {
                found = Some(match found {
                    None => (x, y, x, y),
                    Some((a, b, c, e)) => (a.min(x), b.min(y), c.max(x), e.max(y)),
                });
            }
        }
    }
    found
}

fn f32_from(v: u32) -> f32 {
    v as f32
}

fn blue(px: [u8; 3]) -> bool {
    px[2] > 150 && px[0] < 90 && px[1] < 110
}

fn red(px: [u8; 3]) -> bool {
    px[0] > 170 && px[1] < 90 && px[2] < 90
}

/// The signed page as pdftoppm draws it: the blue signature between the
/// position's last line and the name, centred on them; the red seal's
/// right edge a third of the way into the signature's box.
fn assert_appearance(signed: &Path) {
    let words = word_boxes(signed);
    let page = words
        .iter()
        .find(|w| w.text == "Hương")
        .map(|w| w.page)
        .expect("the signer's name");
    let on_page: Vec<_> = words.iter().filter(|w| w.page == page).collect();
    let position = on_page
        .iter()
        .filter(|w| w.text == "PHÒNG")
        .map(|w| w.y_max)
        .fold(f32::MIN, f32::max);
    let name_top = on_page
        .iter()
        .filter(|w| w.text == "Hương" || w.text == "Lò")
        .map(|w| w.y_min)
        .fold(f32::MAX, f32::min);
    let name_centre = {
        let name: Vec<_> = on_page
            .iter()
            .filter(|w| ["Lò", "Thị", "Hương"].contains(&w.text.as_str()))
            .collect();
        (name.iter().map(|w| w.x_min).fold(f32::MAX, f32::min)
            + name.iter().map(|w| w.x_max).fold(f32::MIN, f32::max))
            / 2.0
    };
    let (bx0, by0, bx1, by1) = pixels(signed, page as u32 + 1, blue).expect("blue signature drawn");
    assert!(
        f32_from(by0) > position - 1.0 && f32_from(by1) < name_top + 1.0,
        "signature y {by0}–{by1} not between the position (bottom {position}) and the name (top {name_top})"
    );
    let centre = f32_from(bx0 + bx1) / 2.0;
    assert!(
        (centre - name_centre).abs() < 4.0,
        "signature centred at {centre}, name at {name_centre}"
    );
    let (rx0, ry0, rx1, ry1) = pixels(signed, page as u32 + 1, red).expect("red seal drawn");
    // The seal's box is [llx, llx + 36 mm]; its right edge at the
    // signature box's llx + width/3 (box 127.56 pt centred on the column).
    let signer_llx: f32 = 411.02 - 127.56 / 2.0;
    let seal_right = signer_llx + 127.56 / 3.0;
    assert!(
        (f32_from(rx1) - seal_right).abs() < 3.0,
        "seal right edge {rx1}, expected {seal_right}"
    );
    assert!(
        (f32_from(rx1 - rx0) - 36.0 * 72.0 / 25.4).abs() < 4.0,
        "seal width {}",
        rx1 - rx0
    );
    let (seal_middle, signature_box_middle) =
        (f32_from(ry0 + ry1) / 2.0, (position + name_top) / 2.0);
    assert!(
        (seal_middle - signature_box_middle).abs() < 3.0,
        "seal centre {seal_middle}, box {signature_box_middle}"
    );
    assert!(
        rx0 < bx0 && rx1 > bx0,
        "the seal covers the signature's left part"
    );
}

#[test]
fn a_key_file_signs_twice_and_every_check_passes() {
    if !tools(&[
        "openssl",
        "pdfsig",
        "qpdf",
        "pdffonts",
        "pdfimages",
        "pdftoppm",
    ]) {
        return;
    }
    let bench = bench();
    let unsigned = bench.path("in.pdf");
    std::fs::copy(&bench.pdf, &unsigned).unwrap();
    let register = bench.path("so-van-ban-di/2021.csv");
    let register_before = std::fs::read_to_string(&register).unwrap();
    sign_ok(&bench, &bench.pdf, "nguoi-ky", Key::File("ky.p12"));
    assert_eq!(std::fs::read_to_string(&register).unwrap(), register_before);
    assert!(
        !bench.path("issued").exists(),
        "the leader's signature does not issue"
    );
    // OpenSSL's -legacy file (RC2/3DES) for the agency.
    sign_ok(
        &bench,
        &bench.pdf,
        "co-quan",
        Key::File("coquan-legacy.p12"),
    );
    assert_verifies(&bench, &unsigned, &bench.pdf);
    assert_appearance(&bench.pdf);

    // The agency's signature issues: the copy under issued/<năm>/, the
    // signing time in the register's row, the rest of the register as it was.
    let issued = bench.path("issued/2021/01-TB-VP.pdf");
    assert_eq!(
        std::fs::read(&issued).unwrap(),
        std::fs::read(&bench.pdf).unwrap()
    );
    let register_after = std::fs::read_to_string(&register).unwrap();
    let (before_lines, after_lines): (Vec<&str>, Vec<&str>) = (
        register_before.lines().collect(),
        register_after.lines().collect(),
    );
    assert_eq!(before_lines.len(), after_lines.len());
    let changed: Vec<usize> = (0..before_lines.len())
        .filter(|&i| before_lines[i] != after_lines[i])
        .collect();
    assert_eq!(
        changed,
        [before_lines.len() - 1],
        "only the notice's row changes"
    );
    let rows = python_csv(&register);
    let row = rows.last().unwrap();
    assert_eq!(row["so"], "01");
    assert_eq!(row["thoi_gian_ky"], signing_time().as_str(), "{row:?}");

    // The same signing again gives the same bytes (PKCS#1 v1.5 and a fixed time).
    let again = bench.path("again.pdf");
    std::fs::copy(&unsigned, &again).unwrap();
    std::fs::copy(
        bench.path("output/vp.sign.json"),
        bench.path("again.sign.json"),
    )
    .unwrap();
    sign_ok(&bench, &again, "nguoi-ky", Key::File("ky.p12"));
    sign_ok(&bench, &again, "co-quan", Key::File("coquan-legacy.p12"));
    assert_eq!(
        std::fs::read(&again).unwrap(),
        std::fs::read(&bench.pdf).unwrap()
    );

    // A byte changed after signing: both verifiers say invalid.
    // (the line end before the first `endobj` made a space: the file
    // still parses, its signed bytes differ).
    let mut bytes = std::fs::read(&bench.pdf).unwrap();
    let at = find(&bytes, b"endobj").unwrap();
    assert_eq!(bytes[at - 1], b'\n');
    bytes[at - 1] = b' ';
    let changed = bench.path("changed.pdf");
    std::fs::write(&changed, &bytes).unwrap();
    let report = String::from_utf8_lossy(
        &run(
            bench.dir.path(),
            "pdfsig",
            &["-nocert", changed.to_str().unwrap()],
        )
        .stdout,
    )
    .into_owned();
    assert!(!report.contains("Signature is Valid."), "{report}");
    if pyhanko_available() {
        let out = pyhanko_validate(bench.dir.path(), changed.to_str().unwrap());
        assert!(
            !out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

/// `pyhanko sign validate`, trusting only the test CA (`ca.pem` in `dir`).
fn pyhanko_validate(dir: &Path, file: &str) -> Output {
    let args = [
        "-m",
        "pyhanko",
        "sign",
        "validate",
        "--trust",
        "ca.pem",
        "--trust-replace",
        file,
    ];
    run(dir, "python3", &args)
}

/// Whether pyHanko's command line runs (`python3 -m pyhanko`: no matter
/// where pip put its script).
fn pyhanko_available() -> bool {
    let runs = Command::new("python3")
        .args(["-m", "pyhanko", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    available(
        runs,
        "pyHanko",
        "pip install pyhanko==0.38.0 pyhanko-cli==0.6.0",
    )
}

/// A CSV file's rows as Python's csv module reads them.
fn python_csv(file: &Path) -> Vec<serde_json::Map<String, serde_json::Value>> {
    let out = run_ok(
        file.parent().unwrap(),
        "python3",
        &[
            "-c",
            "import csv, json, sys; print(json.dumps(list(csv.DictReader(open(sys.argv[1], encoding='utf-8')))))",
            file.to_str().unwrap(),
        ],
    );
    serde_json::from_str(&out).unwrap()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[test]
fn a_softhsm2_token_signs_twice_and_every_check_passes() {
    if !tools(&[
        "openssl",
        "pdfsig",
        "qpdf",
        "pdffonts",
        "pdfimages",
        "softhsm2-util",
        "pkcs11-tool",
    ]) {
        return;
    }
    let bench = bench();
    let (module, conf) = make_token(bench.dir.path());
    let unsigned = bench.path("in.pdf");
    std::fs::copy(&bench.pdf, &unsigned).unwrap();
    let token = |label| Key::Token {
        module: &module,
        conf: &conf,
        label,
        pin: PIN,
    };
    sign_ok(&bench, &bench.pdf, "nguoi-ky", token("ky"));
    sign_ok(&bench, &bench.pdf, "co-quan", token("coquan"));
    assert_verifies(&bench, &unsigned, &bench.pdf);
    assert_appearance(&bench.pdf);

    // A wrong PIN and a missing token: clear errors, the file unchanged.
    let before = std::fs::read(&unsigned).unwrap();
    std::fs::copy(&unsigned, &bench.pdf).unwrap();
    let bad_pin = Key::Token {
        module: &module,
        conf: &conf,
        label: "ky",
        pin: "000000",
    };
    let out = sign(&bench, &bench.pdf, "nguoi-ky", bad_pin, &[]);
    assert_refused(
        &out,
        "sai mã PIN của token ketluan-test",
        &bench.pdf,
        &before,
    );
    let mut command = ketluan_command();
    let out = command
        .current_dir(bench.dir.path())
        .env("SOFTHSM2_CONF", &conf)
        .env("KETLUAN_PIN", PIN)
        .arg("sign")
        .arg(&bench.pdf)
        .args([
            "--as",
            "nguoi-ky",
            "--image",
            "chu-ky.png",
            "--pkcs11-module",
        ])
        .arg(&module)
        .args(["--token-label", "token-khac", "--key-label", "ky"])
        .output()
        .unwrap();
    assert_refused(
        &out,
        "không thấy token có nhãn `token-khac`",
        &bench.pdf,
        &before,
    );
    let out = sign(
        &bench,
        &bench.pdf,
        "nguoi-ky",
        Key::Token {
            module: &bench.path("khong-co.so"),
            conf: &conf,
            label: "ky",
            pin: PIN,
        },
        &[],
    );
    assert_refused(&out, "khong-co.so", &bench.pdf, &before);
}

fn assert_refused(out: &Output, message: &str, file: &Path, before: &[u8]) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(message),
        "expected «{message}» in: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        std::fs::read(file).unwrap(),
        before,
        "{} changed",
        file.display()
    );
}

#[test]
fn bad_keys_and_bad_pdfs_are_refused_and_the_file_is_kept() {
    if !tools(&["openssl", "qpdf"]) {
        return;
    }
    let bench = bench();
    let pdf = &bench.pdf;
    let before = std::fs::read(pdf).unwrap();
    let refused = |out: Output, message: &str| assert_refused(&out, message, pdf, &before);

    let mut wrong = ketluan_command();
    let out = wrong
        .current_dir(bench.dir.path())
        .env("KETLUAN_P12_PASSWORD", "sai")
        .args([
            "sign",
            "output/vp.pdf",
            "--as",
            "nguoi-ky",
            "--image",
            "chu-ky.png",
            "--p12",
            "ky.p12",
        ])
        .output()
        .unwrap();
    refused(out, "sai mật khẩu của ky.p12");
    refused(
        sign(&bench, pdf, "nguoi-ky", Key::File("old.p12"), &[]),
        "hết hạn",
    );
    refused(
        sign(&bench, pdf, "nguoi-ky", Key::File("enc.p12"), &[]),
        "không dùng để ký",
    );
    refused(
        sign(&bench, pdf, "co-quan", Key::File("coquan.p12"), &[]),
        "chưa có chữ ký của người có thẩm quyền",
    );

    // A signing-places file whose signer box has no size; one that is not JSON.
    let sidecar = bench.path("output/vp.sign.json");
    let places = std::fs::read_to_string(&sidecar).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&places).unwrap();
    for rect in json["rects"].as_array_mut().unwrap() {
        if rect["role"] == "signer" {
            rect["rect"] = serde_json::json!([300.0, 300.0, 300.0, 300.0]);
        }
    }
    std::fs::write(&sidecar, json.to_string()).unwrap();
    refused(
        sign(&bench, pdf, "nguoi-ky", Key::File("ky.p12"), &[]),
        "vị trí `signer` trong tệp vị trí ký không dùng được",
    );
    std::fs::write(&sidecar, "{\n  \"version\": 1,\n  oops").unwrap();
    refused(
        sign(&bench, pdf, "nguoi-ky", Key::File("ky.p12"), &[]),
        "vp.sign.json:3:3",
    );
    std::fs::write(&sidecar, places).unwrap();

    // Signed once; the same role again is refused, the signed file kept.
    sign_ok(&bench, pdf, "nguoi-ky", Key::File("ky.p12"));
    let signed = std::fs::read(pdf).unwrap();
    assert_refused(
        &sign(&bench, pdf, "nguoi-ky", Key::File("ky.p12"), &[]),
        "đã có chữ ký NguoiKy",
        pdf,
        &signed,
    );

    // A PDF that is not ours: rendered without a sidecar; a sidecar with
    // another file's hash; not a PDF at all; an encrypted PDF.
    let other = bench.path("khac.pdf");
    let rendered = bench.path("output-render");
    render_into(&root().join(DRAFT), &rendered, &["--format", "pdf"]);
    let rendered_pdf = files_under(&rendered)
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .unwrap();
    std::fs::copy(&rendered_pdf, &other).unwrap();
    let other_bytes = std::fs::read(&other).unwrap();
    assert_refused(
        &sign(&bench, &other, "nguoi-ky", Key::File("ky.p12"), &[]),
        "không phải văn bản ketluan đã cấp số",
        &other,
        &other_bytes,
    );
    std::fs::copy(
        bench.path("output/vp.sign.json"),
        bench.path("khac.sign.json"),
    )
    .unwrap();
    assert_refused(
        &sign(&bench, &other, "nguoi-ky", Key::File("ky.p12"), &[]),
        "không phải tệp đã ghi trong tệp vị trí ký",
        &other,
        &other_bytes,
    );
    // The issued file changed after issue, its length kept.
    let mut changed = std::fs::read(pdf).unwrap();
    let at = find(&changed, b"endobj").unwrap();
    changed[at - 1] = b' ';
    std::fs::write(&other, &changed).unwrap();
    assert_refused(
        &sign(&bench, &other, "nguoi-ky", Key::File("ky.p12"), &[]),
        "không phải tệp đã ghi trong tệp vị trí ký",
        &other,
        &changed,
    );
    std::fs::write(&other, b"not a pdf").unwrap();
    assert_refused(
        &sign(&bench, &other, "nguoi-ky", Key::File("ky.p12"), &[]),
        "không phải tệp PDF",
        &other,
        b"not a pdf",
    );
    let encrypted = bench.path("khoa.pdf");
    run_ok(
        bench.dir.path(),
        "qpdf",
        &[
            "--encrypt",
            "u",
            "o",
            "256",
            "--",
            "in-unsigned.pdf",
            "khoa.pdf",
        ]
        .map(|a| {
            if a == "in-unsigned.pdf" {
                rendered_pdf.to_str().unwrap()
            } else {
                a
            }
        }),
    );
    std::fs::copy(
        bench.path("output/vp.sign.json"),
        bench.path("khoa.sign.json"),
    )
    .unwrap();
    let encrypted_bytes = std::fs::read(&encrypted).unwrap();
    assert_refused(
        &sign(&bench, &encrypted, "nguoi-ky", Key::File("ky.p12"), &[]),
        "được mã hóa",
        &encrypted,
        &encrypted_bytes,
    );
}
