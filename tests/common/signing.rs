//! Keys, certificates and pictures for the tests of `ketluan sign`
//! (tests/sign.rs, tests/windows.rs), made per run with the openssl command
//! line as docs/signing.md shows: a test CA, two signers, an expired and a
//! non-signing certificate.

use std::path::Path;
use std::process::{Command, Output};

pub fn run(dir: &Path, program: &str, args: &[&str]) -> Output {
    Command::new(program)
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"))
}

pub fn run_ok(dir: &Path, program: &str, args: &[&str]) -> String {
    let out = run(dir, program, args);
    assert!(
        out.status.success(),
        "{program} {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Test keys: a CA; `ky` and `coquan` signers (PKCS#12, OpenSSL 3's
/// default encryption, and `ky-legacy.p12` with -legacy); `old`, expired;
/// `enc`, for encryption only.
pub fn make_keys(dir: &Path) {
    let leaf =
        "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n";
    std::fs::write(dir.join("leaf.ext"), leaf).unwrap();
    std::fs::write(
        dir.join("enc.ext"),
        "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,keyEncipherment\n",
    )
    .unwrap();
    run_ok(
        dir,
        "openssl",
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "3650",
            "-subj",
            "/CN=Test CA/C=VN",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ],
    );
    for (who, ext, days) in [
        ("ky", "leaf.ext", "365"),
        ("coquan", "leaf.ext", "365"),
        ("old", "leaf.ext", "-1"),
        ("enc", "enc.ext", "365"),
    ] {
        let subject = format!("/CN={who}/C=VN");
        run_ok(
            dir,
            "openssl",
            &[
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                &format!("{who}.key"),
                "-out",
                &format!("{who}.csr"),
                "-subj",
                &subject,
            ],
        );
        run_ok(
            dir,
            "openssl",
            &[
                "x509",
                "-req",
                "-in",
                &format!("{who}.csr"),
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-days",
                days,
                "-extfile",
                ext,
                "-out",
                &format!("{who}.pem"),
            ],
        );
        run_ok(
            dir,
            "openssl",
            &[
                "pkcs12",
                "-export",
                "-inkey",
                &format!("{who}.key"),
                "-in",
                &format!("{who}.pem"),
                "-certfile",
                "ca.pem",
                "-passout",
                "pass:test",
                "-out",
                &format!("{who}.p12"),
            ],
        );
    }
    run_ok(
        dir,
        "openssl",
        &[
            "pkcs12",
            "-export",
            "-legacy",
            "-inkey",
            "coquan.key",
            "-in",
            "coquan.pem",
            "-certfile",
            "ca.pem",
            "-passout",
            "pass:test",
            "-out",
            "coquan-legacy.p12",
        ],
    );
}

/// A blue stroke on a transparent ground (the signature, 16:10, so that it
/// is narrower than its 45 × 25 mm box and must be centred) or a red ring
/// (the seal), as PNG.
pub fn picture(path: &Path, seal: bool) {
    let (w, h) = if seal { (300u32, 300u32) } else { (320, 200) };
    let mut data = Vec::with_capacity((w * h * 4) as usize);
    for y in 0..h {
        for x in 0..w {
            let (xf, yf) = (x as f32, y as f32);
            let on = if seal {
                let r = ((xf - 150.0).powi(2) + (yf - 150.0).powi(2)).sqrt();
                (128.0..150.0).contains(&r) || r < 14.0
            } else {
                (yf - (100.0 + 60.0 * (xf / 30.0).sin())).abs() < 6.0
            };
            let colour = if seal { [220, 20, 30] } else { [20, 40, 200] };
            data.extend_from_slice(&colour);
            data.push(if on { 255 } else { 0 });
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder
        .write_header()
        .unwrap()
        .write_image_data(&data)
        .unwrap();
    std::fs::write(path, out).unwrap();
}

/// A signing time inside the test certificates' validity (they start now),
/// fixed so that a signing can be repeated byte for byte.
pub fn signing_time() -> String {
    let tomorrow = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(7)))
        .date()
        .tomorrow()
        .unwrap();
    format!("{tomorrow}T08:30:15+07:00")
}
