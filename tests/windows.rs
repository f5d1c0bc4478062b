//! The Windows build (`x86_64-pc-windows-gnu`, cross-compiled with mingw)
//! run under Wine, beside the Linux build: every output of the examples
//! and of a generated archive of 100 meetings is the same bytes on both
//! (documents, web pages, the manifest, the task lists, the report, the
//! site); `check` locates an error in a file under `C:\Users\…`; `new`
//! writes the same file; a Notepad file (BOM, CRLF) gives the bytes of its
//! LF twin and a file saved as "ANSI" or UTF-16 is refused with the way to
//! save it; fonts from `C:\Windows\Fonts`, a folder on another drive and
//! names with Vietnamese letters work; `serve` answers on loopback; a
//! notice issued and signed twice with key files is the same bytes, the
//! register and the issued copy too.
//!
//! The test builds `ketluan.exe` itself (debug profile, the same target
//! folder) and a stand-in `bcryptprimitives.dll` (tests/wine/: Wine 8
//! lacks a function Rust's standard library calls; never shipped), in a
//! fresh Wine prefix of its own. Needs `wine` and mingw
//! (`gcc-mingw-w64-x86-64`) and the Rust target (`rustup target add
//! x86_64-pc-windows-gnu`), installed by .ci/run; skipped with a notice
//! without them, except under `CI=true`. On a Unix host only (Wine).
#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::*;

const TARGET: &str = "x86_64-pc-windows-gnu";

/// `ketluan.exe` and the Wine prefix it runs in.
struct Windows {
    /// Holds `bin/` (the program and the stand-in DLL) and `prefix/`.
    dir: tempfile::TempDir,
}

impl Windows {
    fn exe(&self) -> PathBuf {
        self.dir.path().join("bin").join("ketluan.exe")
    }

    fn prefix(&self) -> PathBuf {
        self.dir.path().join("prefix")
    }

    /// `C:\` of the prefix, as a Linux path.
    fn drive_c(&self) -> PathBuf {
        self.prefix().join("drive_c")
    }

    /// `wine ketluan.exe <args>` in `cwd` (a Linux path; Wine gives the
    /// program its `Z:\…` form), with the environment of the Linux runs.
    fn command(&self, cwd: &Path, args: &[&str]) -> Command {
        let mut cmd = Command::new("wine");
        cmd.arg(self.exe())
            .args(args)
            .current_dir(cwd)
            .env("WINEPREFIX", self.prefix())
            .env("WINEDEBUG", "-all")
            // The stand-in first; no Mono or Gecko to install.
            .env("WINEDLLOVERRIDES", "bcryptprimitives=n,b;mscoree,mshtml=")
            .env("NO_COLOR", "1")
            .env("LC_ALL", "C.UTF-8");
        cmd
    }

    fn run(&self, cwd: &Path, args: &[&str]) -> Output {
        self.command(cwd, args).output().expect("wine runs")
    }

    /// [`Windows::run`], which must succeed.
    fn run_ok(&self, cwd: &Path, args: &[&str]) -> Output {
        let out = self.run(cwd, args);
        assert!(
            out.status.success(),
            "ketluan.exe {args:?} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }
}

static WINDOWS: OnceLock<Option<Windows>> = OnceLock::new();

/// The Windows build under Wine, set up once for the whole binary; `None`
/// (after a notice) where the tools are missing and `CI` is not `true`.
fn windows() -> Option<&'static Windows> {
    WINDOWS.get_or_init(set_up).as_ref()
}

fn set_up() -> Option<Windows> {
    if !tool_available("wine") || !tool_available("x86_64-w64-mingw32-gcc") {
        return None;
    }
    let target_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let build = Command::new(cargo)
        .current_dir(root())
        .args(["build", "--locked", "--bin", "ketluan", "--target", TARGET])
        .env("CARGO_TARGET_DIR", target_dir)
        .output()
        .expect("cargo runs");
    if !build.status.success() {
        let err = String::from_utf8_lossy(&build.stderr);
        let installed = !err.contains("target may not be installed");
        if !available(
            installed,
            "the Rust target x86_64-pc-windows-gnu",
            "rustup target add x86_64-pc-windows-gnu, in .ci/run",
        ) {
            return None;
        }
        panic!("the Windows build failed:\n{err}");
    }
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let built = target_dir.join(TARGET).join("debug").join("ketluan.exe");
    std::fs::copy(&built, bin.join("ketluan.exe")).unwrap();
    let shim = Command::new("x86_64-w64-mingw32-gcc")
        .args(["-O2", "-shared", "-o"])
        .arg(bin.join("bcryptprimitives.dll"))
        .arg(root().join("tests/wine/bcryptprimitives.c"))
        .arg("-ladvapi32")
        .output()
        .unwrap();
    assert!(
        shim.status.success(),
        "{}",
        String::from_utf8_lossy(&shim.stderr)
    );
    let windows = Windows { dir };
    // The first run makes the prefix (half a minute).
    let out = windows.run(windows.dir.path(), &["--version"]);
    assert!(
        out.status.success(),
        "ketluan.exe --version under Wine: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("ketluan {}", env!("CARGO_PKG_VERSION"))
    );
    Some(windows)
}

/// Every file under `dir`, by its path relative to `dir` (with `/`).
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let name = path.strip_prefix(base).unwrap().to_string_lossy();
                out.insert(name.replace('\\', "/"), std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The files of `ours` (Linux) and `theirs` (Windows): the same names and
/// the same bytes, or a list of what differs.
fn assert_same_files(ours: &Path, theirs: &Path) -> usize {
    let (a, b) = (files(ours), files(theirs));
    let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&a), names(&b), "the same files");
    let differ: Vec<&String> = a.keys().filter(|k| a[*k] != b[*k]).collect();
    assert!(
        differ.is_empty(),
        "{} of {} files differ between the Linux and the Windows build: {differ:?}",
        differ.len(),
        a.len()
    );
    a.len()
}

/// The examples, then 100 meetings made from them (each with its own
/// number and summary), one of them under a name with Vietnamese letters in
/// a folder with a space.
fn archive(dir: &Path) {
    copy_dir(&root().join("meetings"), dir);
    let examples = [
        "2021-01-25-phien-hop-ubnd-thang-01.yaml",
        "2021-02-24-hop-ubnd-thang-02.yaml",
        "van-phong/2021-03-15-hop-giao-ban-van-phong.yaml",
    ];
    for i in 1..=100 {
        let example = examples[i % examples.len()];
        let text = std::fs::read_to_string(root().join("meetings").join(example)).unwrap();
        let text = text
            .replace("\n  number: ", &format!("\n  number: {i}0"))
            .replace("năm 2021\n", &format!("năm 2021 (số {i})\n"));
        let (folder, name) = example.rsplit_once('/').unwrap_or(("", example));
        let name = if i == 100 {
            "họp-giao-ban-đặc-biệt.yaml".to_string()
        } else {
            name.replace(".yaml", &format!("-{i:03}.yaml"))
        };
        let folder = if i == 100 {
            dir.join("cuộc họp")
        } else {
            dir.join(folder)
        };
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join(name), text).unwrap();
    }
}

/// The commands both builds run over the archive, `{}` standing for the
/// build's name (`linux`, `windows`) in output names.
const COMMANDS: [&[&str]; 6] = [
    &[
        "render",
        "archive",
        "--out",
        "{}/output",
        "--format",
        "docx,pdf,html",
    ],
    &[
        "site",
        "archive",
        "--out",
        "{}/site",
        "--today",
        "2021-03-20",
    ],
    &[
        "report",
        "archive",
        "--out",
        "{}/report",
        "--today",
        "2021-03-20",
        "--format",
        "docx,pdf,html",
    ],
    &[
        "tasks",
        "archive",
        "--today",
        "2021-03-20",
        "--format",
        "csv",
        "--bom",
        "-o",
        "{}/tasks/nhiem-vu.csv",
    ],
    &[
        "tasks",
        "archive",
        "--today",
        "2021-03-20",
        "--format",
        "ics",
        "-o",
        "{}/tasks/nhiem-vu.ics",
    ],
    &[
        "tasks",
        "archive",
        "--today",
        "2021-03-20",
        "--format",
        "json",
        "-o",
        "{}/tasks/nhiem-vu.json",
    ],
];

#[test]
fn every_output_of_an_archive_is_the_same_bytes_on_windows_as_on_linux() {
    let Some(win) = windows() else { return };
    let dir = tempfile::tempdir().unwrap();
    archive(&dir.path().join("archive"));
    for side in ["linux", "windows"] {
        std::fs::create_dir_all(dir.path().join(side).join("tasks")).unwrap();
        for command in COMMANDS {
            let args: Vec<String> = command.iter().map(|a| a.replace("{}", side)).collect();
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = if side == "linux" {
                ketluan_command()
                    .current_dir(dir.path())
                    .args(&args)
                    .output()
                    .unwrap()
            } else {
                win.run(dir.path(), &args)
            };
            assert!(
                out.status.success(),
                "{side}: ketluan {args:?}\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    let n = assert_same_files(&dir.path().join("linux"), &dir.path().join("windows"));
    // 103 meetings: 103 notices, 34 invitations and minutes, in three
    // formats, and the site, the report and the lists besides.
    assert!(n > 103 * 3, "{n} files compared");
    // The name with Vietnamese letters came through as itself.
    assert!(dir
        .path()
        .join("windows/output/họp-giao-ban-đặc-biệt.pdf")
        .is_file());
}

/// `issue`, then `sign` by the leader and by the agency with PKCS#12
/// files (the key file decrypted, the CMS made and the PDF updated by the
/// Windows build): the signed PDF, the issued copy, the register with its
/// signing time, the meeting file and the sidecar are the Linux build's
/// bytes (PKCS#1 v1.5 signatures are deterministic; the time is given).
#[test]
fn issue_and_sign_give_the_same_bytes_on_windows() {
    let Some(win) = windows() else { return };
    if !available(tool_available("openssl"), "openssl", "openssl") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let keys = dir.path().join("keys");
    std::fs::create_dir_all(&keys).unwrap();
    common::signing::make_keys(&keys);
    common::signing::picture(&keys.join("chu-ky.png"), false);
    common::signing::picture(&keys.join("con-dau.png"), true);
    let time = common::signing::signing_time();
    let commands: [Vec<&str>; 3] = [
        vec!["issue", "meetings/vp.yaml", "--date", "16/3/2021"],
        vec![
            "sign",
            "output/vp.pdf",
            "--as",
            "nguoi-ky",
            "--image",
            "../keys/chu-ky.png",
            "--p12",
            "../keys/ky.p12",
            "--signing-time",
            &time,
        ],
        vec![
            "sign",
            "output/vp.pdf",
            "--as",
            "co-quan",
            "--image",
            "../keys/con-dau.png",
            "--p12",
            "../keys/coquan-legacy.p12",
            "--signing-time",
            &time,
        ],
    ];
    for side in ["linux", "windows"] {
        let folder = dir.path().join(side);
        std::fs::create_dir_all(folder.join("meetings")).unwrap();
        let mut defaults =
            std::fs::read_to_string(root().join("meetings/van-phong/ketluan.yaml")).unwrap();
        defaults.push_str("\nseal:\n  diameter_mm: 36\n");
        std::fs::write(folder.join("meetings/ketluan.yaml"), defaults).unwrap();
        std::fs::copy(
            root().join("meetings/van-phong/2021-03-15-hop-giao-ban-van-phong.yaml"),
            folder.join("meetings/vp.yaml"),
        )
        .unwrap();
        for args in &commands {
            let out = if side == "linux" {
                ketluan_command()
                    .current_dir(&folder)
                    .env("KETLUAN_P12_PASSWORD", "test")
                    .args(args)
                    .output()
                    .unwrap()
            } else {
                win.command(&folder, args)
                    .env("KETLUAN_P12_PASSWORD", "test")
                    .output()
                    .expect("wine runs")
            };
            assert!(
                out.status.success(),
                "{side}: ketluan {args:?}\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    let n = assert_same_files(&dir.path().join("linux"), &dir.path().join("windows"));
    let signed = dir.path().join("windows/issued/2021/01-TB-VP.pdf");
    let report = poppler("pdfsig", &["-nocert"], &signed);
    assert_eq!(report.matches("Signature is Valid.").count(), 2, "{report}");
    // The meeting files, the register, the notice in DOCX and PDF, its
    // sidecar and the issued copy.
    assert!(n >= 7, "{n} files compared");
}

/// A broken meeting file under `C:\Users\thu-ky\meetings` (in the prefix).
fn broken_meeting(win: &Windows) -> (PathBuf, &'static str) {
    let folder = win.drive_c().join("users/thu-ky/meetings");
    std::fs::create_dir_all(&folder).unwrap();
    let text = std::fs::read_to_string(root().join(EXAMPLE))
        .unwrap()
        .replace("  number: 25\n", "  number: hai mươi lăm\n");
    let file = folder.join("hop-thang-01.yaml");
    std::fs::write(&file, text).unwrap();
    (file, r"C:\Users\thu-ky\meetings\hop-thang-01.yaml")
}

#[test]
fn check_locates_an_error_in_a_file_under_c_users_with_its_windows_path() {
    let Some(win) = windows() else { return };
    let (file, windows_path) = broken_meeting(win);
    let linux = ketluan(&["check", file.to_str().unwrap()]);
    for arg in [windows_path, r"C:\Users\thu-ky\meetings"] {
        let out = win.run(win.dir.path(), &["check", arg]);
        assert_eq!(out.status.code(), Some(1), "exit code of check {arg}");
        let err = String::from_utf8(out.stderr).unwrap();
        let first = err.lines().next().unwrap_or_default();
        // `C:\Users\thu-ky\meetings\hop-thang-01.yaml:14:11: lỗi: …`, the
        // place and message the Linux build gives for the same file.
        let linux_err = String::from_utf8(linux.stderr.clone()).unwrap();
        let linux_first = linux_err.lines().next().unwrap();
        let after_path = linux_first.strip_prefix(file.to_str().unwrap()).unwrap();
        assert!(
            after_path.starts_with(":14:") && after_path.contains("number"),
            "{linux_first}"
        );
        assert_eq!(first, format!("{windows_path}{after_path}"), "{err}");
        assert!(err.contains(&format!("--> {windows_path}:14:")), "{err}");
    }
}

#[test]
fn new_writes_the_same_file_as_on_linux() {
    let Some(win) = windows() else { return };
    let folder = win.drive_c().join("users/thu-ky/new");
    std::fs::create_dir_all(&folder).unwrap();
    win.run_ok(
        win.dir.path(),
        &["new", r"C:\Users\thu-ky\new\2021-04-01-hop-moi.yaml"],
    );
    let linux = tempfile::tempdir().unwrap();
    let file = linux.path().join("2021-04-01-hop-moi.yaml");
    ketluan_ok(&["new", file.to_str().unwrap()]);
    let ours = std::fs::read(&file).unwrap();
    assert_eq!(
        std::fs::read(folder.join("2021-04-01-hop-moi.yaml")).unwrap(),
        ours
    );
    // As on Linux: LF line ends, no BOM (the file is kept in git).
    assert!(!ours.contains(&b'\r') && !ours.starts_with(b"\xEF\xBB\xBF"));
}

#[test]
fn a_notepad_file_gives_the_bytes_of_its_lf_twin_and_other_encodings_are_refused() {
    let Some(win) = windows() else { return };
    let dir = tempfile::tempdir().unwrap();
    let lf = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    assert!(!lf.contains('\r'));
    let notepad = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    for (folder, text) in [("lf", &lf), ("notepad", &notepad)] {
        std::fs::create_dir_all(dir.path().join(folder)).unwrap();
        std::fs::write(dir.path().join(folder).join("hop.yaml"), text).unwrap();
    }
    for folder in ["lf", "notepad"] {
        win.run_ok(
            dir.path(),
            &[
                "render",
                &format!(r"{folder}\hop.yaml"),
                "--out",
                &format!(r"out\{folder}"),
                "--format",
                "docx,pdf,html",
            ],
        );
    }
    ketluan_ok(&[
        "render",
        dir.path().join("lf/hop.yaml").to_str().unwrap(),
        "--out",
        dir.path().join("out/linux").to_str().unwrap(),
        "--format",
        "docx,pdf,html",
    ]);
    let documents = |side: &str| {
        let mut f = files(&dir.path().join("out").join(side));
        f.retain(|name, _| !name.starts_with(".ketluan"));
        f
    };
    let (lf_out, notepad_out, linux_out) =
        (documents("lf"), documents("notepad"), documents("linux"));
    assert_eq!(lf_out.len(), 3, "{:?}", lf_out.keys());
    assert!(
        notepad_out == lf_out,
        "the Notepad file renders as its twin"
    );
    assert!(linux_out == lf_out, "and as the Linux build does");

    // "ANSI" (Windows-1258) and UTF-16, as Notepad saves them: refused,
    // with where and how to save the file again.
    for (file, what) in [
        ("file-not-utf8.yaml", "Windows-1258"),
        ("file-utf16.yaml", "UTF-16"),
    ] {
        std::fs::copy(root().join("tests/bad").join(file), dir.path().join(file)).unwrap();
        let out = win.run(dir.path(), &["check", file]);
        assert_eq!(out.status.code(), Some(1), "{file}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.starts_with(&format!("{file}:")) && err.contains(what),
            "{err}"
        );
        assert!(err.contains("UTF-8") && err.contains("Notepad"), "{err}");
    }
}

#[test]
fn fonts_from_c_windows_fonts_and_meetings_on_another_drive() {
    let Some(win) = windows() else { return };
    let croscore = Path::new("/usr/share/fonts/truetype/croscore");
    if !file_available(&croscore.join("Tinos-Regular.ttf"), "fonts-croscore") {
        return;
    }
    // Tinos (metric-compatible with Times New Roman) under the file names
    // of Windows' Times New Roman, in C:\Windows\Fonts and in a Linux folder.
    let dir = tempfile::tempdir().unwrap();
    let linux_fonts = dir.path().join("fonts");
    std::fs::create_dir(&linux_fonts).unwrap();
    let windows_fonts = win.drive_c().join("windows/Fonts");
    for (from, to) in [
        ("Tinos-Regular.ttf", "times.ttf"),
        ("Tinos-Bold.ttf", "timesbd.ttf"),
        ("Tinos-Italic.ttf", "timesi.ttf"),
        ("Tinos-BoldItalic.ttf", "timesbi.ttf"),
    ] {
        std::fs::copy(croscore.join(from), linux_fonts.join(to)).unwrap();
        std::fs::copy(croscore.join(from), windows_fonts.join(to)).unwrap();
    }
    // Drive D: is a folder of this test's.
    let d = dir.path().join("d");
    std::fs::create_dir_all(d.join("Cuộc họp")).unwrap();
    // The fonts named by the meeting's own `layout.font_dir`, on drive C:.
    let example = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    std::fs::write(
        d.join("Cuộc họp/hop.yaml"),
        format!("{example}layout:\n  font_dir: 'C:\\Windows\\Fonts'\n"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("lf")).unwrap();
    std::fs::copy(root().join(EXAMPLE), dir.path().join("lf/hop.yaml")).unwrap();
    let link = win.prefix().join("dosdevices/d:");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(&d, &link).unwrap();
    let out = win.run_ok(
        win.dir.path(),
        &["render", r"D:\Cuộc họp", "--out", r"D:\Văn bản"],
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains(r"D:\Cuộc họp\hop.yaml → D:\Văn bản\hop.pdf"),
        "{stdout}"
    );
    let linux = dir.path().join("linux");
    ketluan_ok(&[
        "render",
        dir.path().join("lf/hop.yaml").to_str().unwrap(),
        "--out",
        linux.to_str().unwrap(),
        "--font-dir",
        linux_fonts.to_str().unwrap(),
    ]);
    for name in ["hop.pdf", "hop.docx"] {
        assert!(
            std::fs::read(d.join("Văn bản").join(name)).unwrap()
                == std::fs::read(linux.join(name)).unwrap(),
            "{name}: the same bytes"
        );
    }
    // The manifest on D: names the meeting relative to it, and the fonts on
    // C: as they are (no relative path leads from one drive to the other);
    // read back, it lets the next run skip the unchanged meeting.
    let manifest = std::fs::read_to_string(d.join("Văn bản/.ketluan-manifest.json")).unwrap();
    assert!(
        manifest.contains(r#""source": "../Cuộc họp/hop.yaml""#)
            && manifest.contains(r#""font_dir": "C:\\Windows\\Fonts""#),
        "{manifest}"
    );
    let again = win.run_ok(
        win.dir.path(),
        &["render", r"D:\Cuộc họp", "--out", r"D:\Văn bản"],
    );
    let summary = String::from_utf8(again.stdout).unwrap();
    assert_eq!(
        summary.matches("(bỏ qua, không đổi)").count(),
        2,
        "{summary}"
    );
    // The PDF embeds Tinos, the font of C:\Windows\Fonts.
    let fonts = poppler("pdffonts", &[], &d.join("Văn bản/hop.pdf"));
    assert!(fonts.contains("Tinos"), "{fonts}");
}

#[test]
fn serve_answers_on_loopback() {
    let Some(win) = windows() else { return };
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("meetings"), &dir.path().join("meetings"));
    let mut child = win
        .command(
            dir.path(),
            &["serve", "meetings", "--port", "0", "--today", "2021-03-01"],
        )
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // The address line, read on a thread so that a silent server cannot
    // hang the test.
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx.recv_timeout(Duration::from_secs(120));
    let result = std::panic::catch_unwind(|| {
        let line = line.expect("serve printed its address within 120 s");
        let address = preview_address(&line);
        assert!(address.starts_with("127.0.0.1:"), "{address}");
        let start = Instant::now();
        loop {
            let mut stream = TcpStream::connect(&address).unwrap();
            stream
                .set_read_timeout(Some(Duration::from_secs(30)))
                .unwrap();
            write!(
                stream,
                "GET / HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
            )
            .unwrap();
            let mut response = String::new();
            let _ = stream.read_to_string(&mut response);
            if response.starts_with("HTTP/1.1 200") && response.contains("25/TB-UBND") {
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "the index within 60 s: {response}"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    });
    let _ = child.kill();
    let _ = child.wait();
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}

#[test]
fn help_and_a_mistake_on_the_command_line_read_as_on_linux() {
    let Some(win) = windows() else { return };
    for args in [
        &["--help"][..],
        &["render", "--help"],
        &["tasks", "--fromat", "csv"],
    ] {
        let ours = ketluan(args);
        let theirs = win.run(win.dir.path(), args);
        assert_eq!(theirs.status.code(), ours.status.code(), "{args:?}");
        // The same text, `Cách dùng: ketluan …` (not `ketluan.exe`).
        assert_eq!(
            String::from_utf8_lossy(&theirs.stdout),
            String::from_utf8_lossy(&ours.stdout),
            "{args:?}"
        );
        assert_eq!(
            String::from_utf8_lossy(&theirs.stderr),
            String::from_utf8_lossy(&ours.stderr),
            "{args:?}"
        );
    }
}
