//! Batch rendering of a folder: parallel with ordered lines, incremental
//! skipping (the manifest), `--force`, `--prune`, one bad file among good ones.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::SystemTime;

use common::*;

/// A small meeting (one section, one task); `n` varies the number and summary.
fn meeting(n: u32) -> String {
    format!(
        "notice:\n  number: {n}\n  date: 2021-03-0{d}\n  summary: Kết luận tại cuộc họp số {n}\n\
         meeting:\n  name: cuộc họp số {n}\n  date: 2021-03-01\n  chair:\n    name: Nguyễn Văn A\n    title: Chủ tịch UBND tỉnh\n\
         agenda:\n  - title: Về việc số {n}\n    tasks:\n      - lead: Sở Nội vụ\n        do: Thực hiện việc số {n}.\n",
        d = 1 + n % 9
    )
}

const DEFAULTS: &str =
    "issuer:\n  name: Ủy ban nhân dân tỉnh Lai Châu\n  code: UBND\n  place: Lai Châu\n\
signer:\n  authority: [TM. ỦY BAN NHÂN DÂN]\n  position: Chủ tịch\n  name: Trần Văn B\n";

/// An archive: `meetings/ketluan.yaml` and `count` meetings `hop-NN.yaml`,
/// the even ones in a subfolder.
fn archive(count: u32) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let meetings = dir.path().join("meetings");
    std::fs::create_dir_all(meetings.join("sub")).unwrap();
    std::fs::write(meetings.join("ketluan.yaml"), DEFAULTS).unwrap();
    for n in 1..=count {
        let folder = if n % 2 == 0 {
            meetings.join("sub")
        } else {
            meetings.clone()
        };
        std::fs::write(folder.join(format!("hop-{n:02}.yaml")), meeting(n)).unwrap();
    }
    let out = dir.path().join("out");
    (dir, meetings, out)
}

fn render(meetings: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "render",
        meetings.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--format",
        "docx",
    ];
    args.extend_from_slice(extra);
    ketluan(&args)
}

/// `render`, which must succeed: exit status 0.
fn render_ok(meetings: &Path, out: &Path, extra: &[&str]) -> Output {
    let o = render(meetings, out, extra);
    assert_eq!(
        o.status.code(),
        Some(0),
        "render {} {extra:?}:\n{}",
        meetings.display(),
        stderr(&o)
    );
    o
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn mtime(p: &Path) -> SystemTime {
    std::fs::metadata(p).unwrap().modified().unwrap()
}

/// Lines of stdout that rendered (not skipped) a file.
fn rendered_lines(o: &Output) -> Vec<String> {
    stdout(o)
        .lines()
        .filter(|l| !l.contains("(bỏ qua"))
        .map(str::to_string)
        .collect()
}

#[test]
fn lines_follow_the_sorted_paths_whatever_order_the_workers_finish_in() {
    let (_dir, meetings, out) = archive(6);
    let o = render(&meetings, &out, &["--jobs", "3"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<String> = stdout(&o).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 6, "{lines:?}");
    let sources: Vec<&str> = lines
        .iter()
        .map(|l| l.split(" → ").next().unwrap())
        .collect();
    let mut sorted = sources.clone();
    sorted.sort();
    assert_eq!(sources, sorted, "per-file lines in path order");
    for l in &lines {
        assert!(l.contains(" → ") && l.ends_with(".docx"), "{l}");
    }
    let err = stderr(&o);
    assert!(
        err.contains("6 đã xuất (6 tệp), 0 bỏ qua vì không đổi, 0 lỗi"),
        "{err}"
    );
    for n in 1..=6 {
        assert!(out.join(format!("hop-{n:02}.docx")).is_file());
    }
}

#[test]
fn unchanged_meetings_are_skipped_and_changed_inputs_rendered_again() {
    let (dir, meetings, out) = archive(4);
    render_ok(&meetings, &out, &[]);
    let docx = out.join("hop-01.docx");
    let first = mtime(&docx);

    // Nothing changed: every meeting skipped, nothing rewritten.
    let o = render_ok(&meetings, &out, &[]);
    assert!(rendered_lines(&o).is_empty(), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("0 đã xuất (0 tệp), 4 bỏ qua"),
        "{}",
        stderr(&o)
    );
    assert_eq!(mtime(&docx), first);

    // One meeting edited: only it is rendered.
    std::fs::write(
        meetings.join("hop-03.yaml"),
        meeting(3).replace("Thực hiện", "Khẩn trương thực hiện"),
    )
    .unwrap();
    let o = render_ok(&meetings, &out, &[]);
    assert_eq!(
        rendered_lines(&o),
        [format!(
            "{} → {}",
            meetings.join("hop-03.yaml").display(),
            out.join("hop-03.docx").display()
        )]
    );

    // The defaults file changed: every meeting under it is rendered again.
    std::fs::write(
        meetings.join("ketluan.yaml"),
        DEFAULTS.replace("Trần Văn B", "Trần Văn C"),
    )
    .unwrap();
    let o = render_ok(&meetings, &out, &[]);
    assert_eq!(rendered_lines(&o).len(), 4, "{}", stdout(&o));
    assert!(zip_entry(&docx, "word/document.xml").contains("Trần Văn C"));

    // A template changed: everything rendered again, with the new wording.
    let tpl = dir.path().join("tpl");
    ketluan_ok(&["templates", "export", tpl.to_str().unwrap()]);
    let t = ["--templates", tpl.to_str().unwrap()];
    // The exported template is the built-in one, word for word: nothing to do.
    let o = render_ok(&meetings, &out, &t);
    assert!(rendered_lines(&o).is_empty(), "{}", stdout(&o));
    // The task wording lives in agenda.md (included by body.md).
    let body = tpl.join("agenda.md");
    let text = std::fs::read_to_string(&body).unwrap();
    std::fs::write(&body, text.replace("chủ trì", "chủ trì thực hiện")).unwrap();
    let o = render_ok(&meetings, &out, &t);
    assert_eq!(rendered_lines(&o).len(), 4, "{}", stdout(&o));
    assert!(zip_entry(&docx, "word/document.xml").contains("chủ trì thực hiện"));

    // Another format is its own output: the PDF is rendered, the DOCX skipped.
    let o = render_ok(
        &meetings,
        &out,
        &["--templates", tpl.to_str().unwrap(), "--format", "docx,pdf"],
    );
    let lines = rendered_lines(&o);
    assert_eq!(lines.len(), 4, "{}", stdout(&o));
    assert!(lines.iter().all(|l| l.ends_with(".pdf")), "{lines:?}");

    // An output deleted by hand is written again.
    std::fs::remove_file(&docx).unwrap();
    let o = render_ok(&meetings, &out, &t);
    assert_eq!(rendered_lines(&o).len(), 1, "{}", stdout(&o));
    assert!(docx.is_file());
}

#[test]
fn force_renders_everything() {
    let (_dir, meetings, out) = archive(3);
    render_ok(&meetings, &out, &[]);
    let o = render_ok(&meetings, &out, &["--force"]);
    let lines = rendered_lines(&o);
    assert_eq!(lines.len(), 3, "{}", stdout(&o));
    // Rendered again, the same bytes: the files are left as they were.
    assert!(
        lines.iter().all(|l| l.ends_with("(không đổi)")),
        "{lines:?}"
    );
    assert!(stderr(&o).contains("3 đã xuất"), "{}", stderr(&o));
}

#[test]
fn deleted_meetings_are_reported_and_pruned_on_request() {
    let (_dir, meetings, out) = archive(3);
    render_ok(&meetings, &out, &[]);
    std::fs::remove_file(meetings.join("sub/hop-02.yaml")).unwrap();
    let gone = out.join("hop-02.docx");

    let o = render_ok(&meetings, &out, &[]);
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{}: lưu ý:", gone.display())) && err.contains("--prune"),
        "{err}"
    );
    assert!(gone.is_file(), "reported, not removed");

    // Rendering one meeting with --prune removes the deleted meeting's
    // outputs and leaves those of meetings merely not named.
    let o = render_ok(&meetings.join("hop-01.yaml"), &out, &["--prune"]);
    assert!(!gone.exists(), "{}", stdout(&o));
    assert!(stdout(&o).contains("(đã xóa)"), "{}", stdout(&o));
    assert!(out.join("hop-01.docx").is_file() && out.join("hop-03.docx").is_file());
    let o = render_ok(&meetings, &out, &[]);
    assert!(!stderr(&o).contains("lưu ý"), "pruned once: {}", stderr(&o));
}

#[test]
fn one_bad_file_fails_the_run_but_not_the_others() {
    let (_dir, meetings, out) = archive(4);
    std::fs::write(
        meetings.join("hop-03.yaml"),
        meeting(3).replace("date: 2021-03-01", "date: 31/02/2021"),
    )
    .unwrap();
    let o = render(&meetings, &out, &["--jobs", "2"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("hop-03.yaml:7:9: lỗi: `meeting.date`"),
        "the error as `check` prints it: {err}"
    );
    assert!(
        err.contains("3 đã xuất (3 tệp), 0 bỏ qua vì không đổi, 1 lỗi"),
        "{err}"
    );
    for n in [1, 2, 4] {
        assert!(out.join(format!("hop-{n:02}.docx")).is_file());
    }
    assert!(!out.join("hop-03.docx").exists());

    // Fixed: the next run renders it and skips the rest.
    std::fs::write(meetings.join("hop-03.yaml"), meeting(3)).unwrap();
    let o = render_ok(&meetings, &out, &[]);
    assert_eq!(rendered_lines(&o).len(), 1, "{}", stdout(&o));
}

#[test]
fn two_meetings_with_one_name_the_first_in_path_order_wins() {
    let (_dir, meetings, out) = archive(2);
    std::fs::write(meetings.join("sub/hop-01.yaml"), meeting(5)).unwrap();
    let o = render(&meetings, &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cùng tên `hop-01`"), "{}", stderr(&o));
    assert!(zip_entry(&out.join("hop-01.docx"), "word/document.xml").contains("Về việc số 1"));
}

/// Workers reuse state from one notice to the next (one deflate compressor
/// per thread, in vendor/krilla): a batch must write exactly the bytes that
/// rendering each meeting alone writes, with one worker or several.
#[test]
fn a_batch_writes_the_same_bytes_as_each_meeting_rendered_alone() {
    let (dir, meetings, _) = archive(5);
    let example = root().join("meetings/2021-01-25-phien-hop-ubnd-thang-01.yaml");
    std::fs::copy(&example, meetings.join("hop-00.yaml")).unwrap();
    let stems: Vec<String> = (0..=5).map(|n| format!("hop-{n:02}")).collect();
    let alone = dir.path().join("alone");
    for stem in &stems {
        let folder = if stem.ends_with(['2', '4']) {
            meetings.join("sub")
        } else {
            meetings.clone()
        };
        let file = folder.join(format!("{stem}.yaml"));
        let o = render(&file, &alone, &["--format", "pdf"]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    for jobs in ["1", "2"] {
        let out = dir.path().join(format!("batch-{jobs}"));
        let o = render(&meetings, &out, &["--format", "pdf", "--jobs", jobs]);
        assert!(o.status.success(), "{}", stderr(&o));
        for stem in &stems {
            for ext in ["docx", "pdf"] {
                let name = format!("{stem}.{ext}");
                let a = std::fs::read(alone.join(&name)).unwrap();
                let b = std::fs::read(out.join(&name)).unwrap();
                assert!(
                    a == b,
                    "{name} differs between a batch of --jobs {jobs} and alone"
                );
            }
        }
    }
}
