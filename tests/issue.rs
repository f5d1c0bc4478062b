//! `ketluan issue`: the number from the register, written into the meeting
//! file in place, the final PDF/A, and the register's row. Checked on
//! archives made from the Văn phòng's draft notice: `git diff --no-index`
//! of the meeting file, the register read by Python's csv module, the PDF
//! read by pdftotext, pdfinfo and sha256sum; numbers in the order of
//! issue; every refusal leaves the files as they were; two clones
//! numbering at once meet in a git merge conflict.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;

const DRAFT: &str = "meetings/van-phong/2021-03-15-hop-giao-ban-van-phong.yaml";

/// An archive of `n` copies of the draft notice (`vp-01.yaml`…), each with
/// its own summary, and the Văn phòng's ketluan.yaml.
fn archive(dir: &Path, n: usize) -> Vec<PathBuf> {
    let folder = dir.join("meetings");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::copy(
        root().join("meetings/van-phong/ketluan.yaml"),
        folder.join("ketluan.yaml"),
    )
    .unwrap();
    let draft = std::fs::read_to_string(root().join(DRAFT)).unwrap();
    (1..=n)
        .map(|i| {
            let file = folder.join(format!("vp-{i:02}.yaml"));
            let text = draft.replace("tuần 11 năm 2021", &format!("tuần 11 năm 2021 (số {i})"));
            std::fs::write(&file, text).unwrap();
            file
        })
        .collect()
}

/// `ketluan issue <file> <extra…>` run in `dir`.
fn issue(dir: &Path, file: &Path, extra: &[&str]) -> Output {
    ketluan_command()
        .current_dir(dir)
        .arg("issue")
        .arg(file)
        .args(extra)
        .output()
        .unwrap()
}

fn issue_ok(dir: &Path, file: &Path, extra: &[&str]) {
    let out = issue(dir, file, extra);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The register's rows as Python's csv module reads them.
fn register_rows(file: &Path) -> Vec<serde_json::Value> {
    let out = Command::new("python3")
        .args([
            "-c",
            "import csv, json, sys; print(json.dumps(list(csv.DictReader(open(sys.argv[1], encoding='utf-8')))))",
        ])
        .arg(file)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `ketluan check meetings` run in `dir`.
fn check_in(dir: &Path) -> Output {
    ketluan_command()
        .current_dir(dir)
        .args(["check", "meetings"])
        .output()
        .unwrap()
}

/// A check that found nothing wrong.
fn assert_clean(out: &Output) {
    assert!(out.status.success(), "{}", stderr(out));
    assert!(!stderr(out).contains("lỗi:"), "{}", stderr(out));
}

#[test]
fn issuing_numbers_the_notice_in_place_and_enters_it_in_the_register() {
    let dir = tempfile::tempdir().unwrap();
    let files = archive(dir.path(), 1);
    let before = dir.path().join("before.yaml");
    std::fs::copy(&files[0], &before).unwrap();
    issue_ok(dir.path(), &files[0], &["--date", "16/3/2021"]);

    // Only the number and the date are added to the meeting file.
    if tool_available("git") {
        let diff = Command::new("git")
            .args(["diff", "--no-index", "--unified=0", "--no-color"])
            .arg(&before)
            .arg(&files[0])
            .output()
            .unwrap();
        let changed: Vec<String> = String::from_utf8_lossy(&diff.stdout)
            .lines()
            .filter(|l| {
                (l.starts_with('+') || l.starts_with('-'))
                    && !l.starts_with("+++")
                    && !l.starts_with("---")
            })
            .map(str::to_string)
            .collect();
        assert_eq!(changed, ["+  number: 1", "+  date: 2021-03-16"]);
    }

    let rows = register_rows(&dir.path().join("so-van-ban-di/2021.csv"));
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(row["so"], "01");
    assert_eq!(row["ky_hieu"], "TB-VP");
    assert_eq!(row["ngay"], "2021-03-16");
    assert_eq!(row["ten_loai"], "Thông báo");
    assert_eq!(row["co_quan"], "Văn phòng UBND tỉnh");
    assert_eq!(
        row["trich_yeu"],
        "Kết luận của Phó Chủ tịch UBND tỉnh Đặng Quang Minh tại cuộc họp giao ban công tác tuần 11 năm 2021 (số 1)"
    );
    assert_eq!(row["nguoi_ky"], "Lò Thị Hương");
    assert_eq!(row["ban_luu"], "Lưu: VT, TH");
    assert_eq!(row["chuoi"], "VP");
    assert_eq!(row["tep"], "meetings/vp-01.yaml");

    // The PDF/A made is the one entered: its digest, its pages, its number.
    let pdf = dir.path().join("output/vp-01.pdf");
    if tool_available("sha256sum") {
        let sum = Command::new("sha256sum").arg(&pdf).output().unwrap();
        let sum = String::from_utf8_lossy(&sum.stdout);
        assert_eq!(row["sha256"], sum.split_whitespace().next().unwrap());
    }
    if tool_available("pdftotext") {
        let info = poppler("pdfinfo", &[], &pdf);
        let pages = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .unwrap()
            .trim();
        assert_eq!(row["so_trang"], pages);
        let text = pdf_text(&pdf);
        assert!(text.contains("Số: 01/TB-VP"), "{text}");
        assert!(text.contains("ngày 16 tháng 3 năm 2021"), "{text}");
    }
    // The documents are those `render` makes of the numbered file.
    let again = d_render(dir.path(), &files[0]);
    for ext in ["pdf", "docx"] {
        assert!(
            std::fs::read(dir.path().join(format!("output/vp-01.{ext}"))).unwrap()
                == std::fs::read(again.join(format!("vp-01.{ext}"))).unwrap(),
            "{ext}"
        );
    }
}

/// `ketluan render <file> --out <dir>/again`, run in `dir`.
fn d_render(dir: &Path, file: &Path) -> PathBuf {
    let out = dir.join("again");
    let o = ketluan_command()
        .current_dir(dir)
        .arg("render")
        .arg(file)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    out
}

#[test]
fn numbers_follow_the_order_of_issue_and_a_refusal_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let files = archive(d, 12);
    let register = d.join("so-van-ban-di/2021.csv");
    // Ten documents over five days, two a day.
    for (i, file) in files[..10].iter().enumerate() {
        let date = format!("2021-03-{:02}", 16 + i / 2);
        issue_ok(d, file, &["--date", &date]);
    }
    let rows = register_rows(&register);
    let numbers: Vec<&str> = rows.iter().map(|r| r["so"].as_str().unwrap()).collect();
    assert_eq!(
        numbers,
        ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10"]
    );
    let dates: Vec<&str> = rows.iter().map(|r| r["ngay"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");

    let snapshot = || {
        (
            std::fs::read(&register).unwrap(),
            std::fs::read(&files[10]).unwrap(),
            std::fs::read(&files[0]).unwrap(),
        )
    };
    let before = snapshot();
    let refusals: [(&Path, &[&str], &str); 3] = [
        (&files[0], &["--date", "2021-03-25"], "đã có số 01/TB-VP"),
        (
            &files[10],
            &["--date", "2021-03-19"],
            "trước ngày văn bản cấp số gần nhất",
        ),
        (
            &files[10],
            &["--date", "2021-03-25", "--number", "7"],
            "số 07 đã có trong sổ",
        ),
    ];
    for (file, extra, message) in refusals {
        let out = issue(d, file, extra);
        assert_eq!(out.status.code(), Some(1), "{extra:?}");
        assert!(
            stderr(&out).contains(message),
            "{extra:?}: {}",
            stderr(&out)
        );
        assert!(!stderr(&out).contains("panicked"));
        assert!(snapshot() == before, "{extra:?}: nothing written");
    }
    // A meeting file with an error is not numbered.
    let text = std::fs::read_to_string(&files[11]).unwrap();
    std::fs::write(&files[11], text.replace("summary:", "summary: [")).unwrap();
    let broken = std::fs::read(&files[11]).unwrap();
    let out = issue(d, &files[11], &["--date", "2021-03-25"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("có lỗi"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&files[11]).unwrap(), broken);
    assert!(snapshot() == before);

    // A number given by an e-office is taken, and the series goes on from it.
    issue_ok(d, &files[10], &["--date", "2021-03-25", "--number", "40"]);
    std::fs::write(&files[11], text).unwrap();
    issue_ok(d, &files[11], &["--date", "2021-03-25"]);
    let rows = register_rows(&register);
    let last: Vec<&str> = rows[10..]
        .iter()
        .map(|r| r["so"].as_str().unwrap())
        .collect();
    assert_eq!(last, ["40", "41"]);
}

fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=Văn thư",
            "-c",
            "user.email=vt@example.invalid",
        ])
        .args(args)
        .output()
        .expect("git runs")
}

fn git_ok(dir: &Path, args: &[&str]) {
    let out = git(dir, args);
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
}

/// Two clones each issue a notice on the same day: the second to bring
/// the other's work in meets a merge conflict in the register, not a
/// silent second 01.
#[test]
fn two_clones_numbering_at_once_meet_in_a_merge_conflict() {
    if !tool_available("git") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let origin = dir.path().join("origin");
    let files = archive(&origin, 3);
    issue_ok(&origin, &files[0], &["--date", "2021-03-16"]);
    git_ok(&origin, &["init", "-q", "-b", "main"]);
    git_ok(&origin, &["add", "meetings", "so-van-ban-di"]);
    git_ok(&origin, &["commit", "-q", "-m", "sổ"]);
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for clone in [&a, &b] {
        git_ok(
            dir.path(),
            &[
                "clone",
                "-q",
                origin.to_str().unwrap(),
                clone.to_str().unwrap(),
            ],
        );
    }
    // Each clone numbers a different document: both get 02.
    for (clone, file) in [(&a, "meetings/vp-02.yaml"), (&b, "meetings/vp-03.yaml")] {
        issue_ok(clone, Path::new(file), &["--date", "2021-03-17"]);
        git_ok(clone, &["commit", "-q", "-am", "cấp số"]);
    }
    git_ok(&a, &["push", "-q", "origin", "main:incoming"]);
    git_ok(&b, &["fetch", "-q", "origin", "incoming"]);
    let merge = git(&b, &["merge", "--no-edit", "FETCH_HEAD"]);
    let said = String::from_utf8_lossy(&merge.stdout).into_owned() + &stderr(&merge);
    assert!(
        !merge.status.success(),
        "the merge must not succeed: {said}"
    );
    assert!(
        said.contains("CONFLICT") && said.contains("so-van-ban-di/2021.csv"),
        "{said}"
    );
    // The register is the only file in conflict.
    let unmerged = git(&b, &["diff", "--name-only", "--diff-filter=U"]);
    assert_eq!(
        String::from_utf8_lossy(&unmerged.stdout).trim(),
        "so-van-ban-di/2021.csv"
    );
}

/// `check` reads the numbers of the meeting files and the register: a
/// number planted twice in meeting files, rows given one number twice,
/// dates out of the numbers' order (errors), and gaps (a warning).
#[test]
fn check_finds_numbers_given_twice_out_of_order_and_missing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let files = archive(d, 3);
    issue_ok(d, &files[0], &["--date", "2021-03-16"]);
    issue_ok(d, &files[1], &["--date", "2021-03-17"]);
    let check = || check_in(d);
    assert_clean(&check());

    // Number 01 planted in a third meeting file by hand.
    let text = std::fs::read_to_string(&files[2]).unwrap();
    let summary = text.lines().find(|l| l.starts_with("  summary:")).unwrap();
    let line = text.lines().position(|l| l == summary).unwrap() + 2;
    std::fs::write(
        &files[2],
        text.replacen(
            summary,
            &format!("{summary}\n  number: 1\n  date: 2021-03-18"),
            1,
        ),
    )
    .unwrap();
    let out = check();
    let said = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains(&format!(
            "meetings/vp-03.yaml:{line}:3: lỗi: số 01 năm 2021 đã dùng cho meetings/vp-01.yaml"
        )),
        "{said}"
    );
    assert!(
        said.contains("lỗi: sổ ghi số 01 cho meetings/vp-01.yaml"),
        "{said}"
    );
    std::fs::write(&files[2], text).unwrap();

    // Rows added to the register by hand: 02 again, and 05 dated before 02.
    let register = d.join("so-van-ban-di/2021.csv");
    let mut csv = std::fs::read_to_string(&register).unwrap();
    csv.push_str(
        "02,CV-VP,2021-03-17,Công văn,Văn phòng UBND tỉnh,Một công văn,,,,,,,,,,,,VP,ngoai,,,\n",
    );
    csv.push_str("05,CV-VP,2021-03-10,Công văn,Văn phòng UBND tỉnh,Một công văn khác,,,,,,,,,,,,VP,ngoai,,,\n");
    std::fs::write(&register, csv).unwrap();
    let out = check();
    let said = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{said}");
    let at = "so-van-ban-di/2021.csv";
    assert!(
        said.contains(&format!("{at}:4: lỗi: số 02 đã vào sổ ở dòng 3")),
        "{said}"
    );
    assert!(
        said.contains(&format!(
            "{at}:5: lỗi: số 05 mang ngày 10/3/2021, trước ngày 17/3/2021 của số 02"
        )),
        "{said}"
    );
    assert!(
        said.contains(&format!("{at}: cảnh báo: chuỗi số VP thiếu số 03–04")),
        "{said}"
    );
}

/// A document issued outside ketluan takes the next number of the series,
/// and the one after it goes on from there; a voided number keeps its
/// place: never given again, not a duplicate for `check`.
#[test]
fn register_add_takes_the_next_number_and_void_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let files = archive(d, 2);
    let register = |args: &[&str]| {
        ketluan_command()
            .current_dir(d)
            .arg("register")
            .args(args)
            .output()
            .unwrap()
    };
    // No row yet and no ketluan.yaml to give issuer.code: the series must be said.
    let defaults = d.join("meetings/ketluan.yaml");
    std::fs::rename(&defaults, d.join("ketluan.yaml.bak")).unwrap();
    let out = register(&[
        "add",
        "--type",
        "Công văn",
        "--code",
        "VP-TH",
        "--summary",
        "V/v a",
        "--date",
        "2021-03-15",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--series"), "{}", stderr(&out));
    std::fs::rename(d.join("ketluan.yaml.bak"), &defaults).unwrap();
    issue_ok(d, &files[0], &["--date", "2021-03-16"]);
    let out = register(&[
        "add",
        "--type",
        "Công văn",
        "--code",
        "VP-TH",
        "--summary",
        "V/v đôn đốc",
        "--date",
        "2021-03-17",
        "--signer",
        "Lò Thị Hương",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    issue_ok(d, &files[1], &["--date", "2021-03-18"]);
    let out = register(&["void", "2", "--year", "2021", "--reason", "ký nhầm"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Twice is refused, as is a number not given.
    assert_eq!(
        register(&["void", "2", "--year", "2021", "--reason", "x"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        register(&["void", "9", "--year", "2021", "--reason", "x"])
            .status
            .code(),
        Some(1)
    );
    let rows = register_rows(&d.join("so-van-ban-di/2021.csv"));
    let cells: Vec<[&str; 4]> = rows
        .iter()
        .map(|r| {
            [
                r["so"].as_str().unwrap(),
                r["ky_hieu"].as_str().unwrap(),
                r["nguon"].as_str().unwrap(),
                r["ghi_chu"].as_str().unwrap(),
            ]
        })
        .collect();
    assert_eq!(
        cells,
        [
            ["01", "TB-VP", "ketluan", ""],
            ["02", "VP-TH", "ngoai", ""],
            ["03", "TB-VP", "ketluan", ""],
            ["02", "VP-TH", "huy", "Hủy số: ký nhầm"],
        ]
    );
    assert_eq!(rows[1]["nguoi_ky"], "Lò Thị Hương");
    let check = ketluan_command()
        .current_dir(d)
        .args(["check", "meetings"])
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(!stderr(&check).contains("lỗi:"), "{}", stderr(&check));
}

/// `register print --format csv|xlsx`: every row with the fields of Phụ
/// lục VI, read back by Python's csv module and by calamine; the same
/// register gives the same bytes.
#[test]
fn register_print_writes_the_electronic_form() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let files = archive(d, 2);
    issue_ok(d, &files[0], &["--date", "2021-03-16"]);
    issue_ok(d, &files[1], &["--date", "2021-03-18"]);
    let print = |format: &str, out: &str| {
        let o = ketluan_command()
            .current_dir(d)
            .args([
                "register", "print", "--year", "2021", "--format", format, "-o", out,
            ])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        std::fs::read(d.join(out)).unwrap()
    };
    let csv = print("csv", "so.csv");
    assert!(
        csv.starts_with(b"\xEF\xBB\xBF"),
        "a byte order mark for Excel"
    );
    let rows = register_rows(&d.join("so.csv"));
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1]["Số của văn bản (CodeNumber)"], "02");
    assert_eq!(rows[1]["Ký hiệu của văn bản (CodeNotation)"], "TB-VP");
    assert_eq!(
        rows[1]["Ngày, tháng, năm văn bản (IssuedDate)"],
        "2021-03-18"
    );
    assert_eq!(rows[1]["Họ tên người ký (FullName)"], "Lò Thị Hương");
    let xlsx = print("xlsx", "so.xlsx");
    assert_eq!(print("xlsx", "so-2.xlsx"), xlsx, "the same bytes");
    let mut book: Xlsx<_> = open_workbook(d.join("so.xlsx")).unwrap();
    let range = book.worksheet_range("So van ban di 2021").unwrap();
    let header: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header.len(), 15);
    assert_eq!(header[0], "Tên loại văn bản (TypeName)");
    let second = range.rows().nth(2).unwrap();
    assert_eq!(second[1], Data::Float(2.0));
    match &second[3] {
        Data::DateTime(t) => {
            let (y, m, day, ..) = t.to_ymd_hms_milli();
            assert_eq!((y, m, day), (2021, 3, 18));
        }
        other => panic!("a date cell: {other:?}"),
    }
}

/// `numbering.series` in ketluan.yaml splits the office's one series:
/// notices numbered in `TB`, công văn in `CV`, each from 01, any other
/// type in the office's series (`VP`); the register's `chuoi` holds the
/// key, and `check` counts each series on its own (01 in three series is
/// no duplicate, 02 twice in `TB` is). A type the decree does not list is
/// an error at its place in ketluan.yaml, for `check` and `register add`.
#[test]
fn numbering_series_number_each_series_on_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let files = archive(d, 2);
    let defaults = d.join("meetings/ketluan.yaml");
    let base = std::fs::read_to_string(&defaults).unwrap();
    std::fs::write(
        &defaults,
        format!("{base}\nnumbering:\n  series:\n    TB: [thong-bao]\n    CV: [cong-van]\n"),
    )
    .unwrap();
    issue_ok(d, &files[0], &["--date", "2021-03-16"]);
    let add = |kind: &str, code: &str, date: &str| {
        let out = ketluan_command()
            .current_dir(d)
            .args(["register", "add", "--type", kind, "--code", code])
            .args(["--summary", "Một văn bản", "--date", date])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    };
    add("Công văn", "VP-TH", "2021-03-17");
    add("Tờ trình", "TTr-VP", "2021-03-17");
    add("Công văn", "VP-TH", "2021-03-18");
    issue_ok(d, &files[1], &["--date", "2021-03-19"]);
    let rows = register_rows(&d.join("so-van-ban-di/2021.csv"));
    let numbered: Vec<(String, String, String)> = rows
        .iter()
        .map(|r| {
            (
                r["so"].as_str().unwrap().to_string(),
                r["ky_hieu"].as_str().unwrap().to_string(),
                r["chuoi"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let row = |so: &str, ky_hieu: &str, chuoi: &str| (so.into(), ky_hieu.into(), chuoi.into());
    assert_eq!(
        numbered,
        [
            row("01", "TB-VP", "TB"),
            row("01", "VP-TH", "CV"),
            row("01", "TTr-VP", "VP"),
            row("02", "VP-TH", "CV"),
            row("02", "TB-VP", "TB"),
        ]
    );
    let text = std::fs::read_to_string(&files[1]).unwrap();
    assert!(text.contains("  number: 2\n"), "{text}");
    let check = || check_in(d);
    let clean = check();
    assert_clean(&clean);
    // Each meeting file's number found in its series of the register.
    assert!(!stderr(&clean).contains("cảnh báo:"), "{}", stderr(&clean));
    // 02 of TB entered again by hand: a duplicate in its series.
    let register = d.join("so-van-ban-di/2021.csv");
    let mut csv = std::fs::read_to_string(&register).unwrap();
    csv.push_str(
        "02,TB-VP,2021-03-19,Thông báo,Văn phòng UBND tỉnh,Lần nữa,,,,,,,,,,,,TB,ngoai,,,\n",
    );
    std::fs::write(&register, csv).unwrap();
    let said = stderr(&check());
    assert!(
        said.contains("so-van-ban-di/2021.csv:7: lỗi: số 02 đã vào sổ ở dòng 6"),
        "{said}"
    );

    // An unknown type: an error at its line and column.
    let line = base.lines().count() + 5;
    std::fs::write(
        &defaults,
        format!(
            "{base}\nnumbering:\n  series:\n    TB: [thong-bao]\n    CV: [cong-van, thong-bo]\n"
        ),
    )
    .unwrap();
    let out = check();
    let said = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{said}");
    let at = format!("meetings/ketluan.yaml:{line}:20: lỗi: `numbering.series.CV`");
    assert!(said.contains(&at), "{at} in {said}");
    assert!(
        said.contains("thong-bo") && said.contains("thong-bao"),
        "{said}"
    );
    let out = ketluan_command()
        .current_dir(d)
        .args(["register", "add", "--type", "Công văn", "--code", "VP-TH"])
        .args(["--summary", "Một văn bản", "--date", "2021-03-20"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains(&at), "{}", stderr(&out));
    assert_eq!(
        register_rows(&register).len(),
        6,
        "nothing added with a broken ketluan.yaml"
    );
}
