//! `ketluan watch`: edits to a meeting, to its defaults file (also one
//! above the watched folder) and to a template of `--templates DIR` are
//! rendered again; a broken edit is reported as `check` reports it and the
//! last good output is kept. Every wait is bounded.

mod common;

use std::ffi::OsStr;
use std::io::Read;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;

const MEETING: &str = "notice:\n  number: 7\n  date: 2021-03-02\n  summary: Kết luận tại cuộc họp thử\n\
meeting:\n  name: cuộc họp thử\n  date: 2021-03-01\n  chair:\n    name: Nguyễn Văn A\n    title: Chủ tịch UBND tỉnh\n\
agenda:\n  - title: Về việc thử\n    tasks:\n      - lead: Sở Nội vụ\n        do: Thực hiện việc thử.\n";

const DEFAULTS: &str =
    "issuer:\n  name: Ủy ban nhân dân tỉnh Lai Châu\n  code: UBND\n  place: Lai Châu\n\
signer:\n  authority: [TM. ỦY BAN NHÂN DÂN]\n  position: Chủ tịch\n  name: Trần Văn B\n";

const TIMEOUT: Duration = Duration::from_secs(30);

/// The watcher, killed when the test ends (even by a failed assertion).
struct Watch {
    child: Child,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Watch {
    fn start(meetings: &Path, out: &Path) -> Watch {
        Watch::start_in(&common::root(), &[meetings.as_os_str()], out, &[])
    }

    /// `ketluan watch <paths> --out <out> --format docx --debounce 100 <extra…>`
    /// run in `cwd` (paths may be relative to it); `extra` may set its own
    /// `--debounce`.
    fn start_in(cwd: &Path, paths: &[&OsStr], out: &Path, extra: &[&OsStr]) -> Watch {
        let mut child = ketluan_command()
            .arg("watch")
            .args(paths)
            .arg("--out")
            .arg(out)
            .args(["--format", "docx"])
            .args(if extra.contains(&OsStr::new("--debounce")) {
                &[][..]
            } else {
                &["--debounce", "100"][..]
            })
            .args(extra)
            .current_dir(cwd)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("ketluan watch starts");
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut pipe = child.stderr.take().unwrap();
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Watch { child, stderr }
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits until `ready` holds, failing after [`TIMEOUT`].
    fn wait_for(&mut self, what: &str, mut ready: impl FnMut(&Watch) -> bool) {
        let start = Instant::now();
        while !ready(self) {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "watch stopped ({status}) waiting for {what}:\n{}",
                    self.stderr()
                );
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {what}:\n{}",
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn document_text(docx: &Path) -> String {
    if !docx.is_file() {
        return String::new();
    }
    zip_entry(docx, "word/document.xml")
}

/// A fresh folder with `meetings/ketluan.yaml` ([`DEFAULTS`]) and
/// `meetings/hop.yaml` ([`MEETING`]): (folder, meetings, the meeting file).
fn workspace() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let meetings = dir.path().join("meetings");
    std::fs::create_dir_all(&meetings).unwrap();
    std::fs::write(meetings.join("ketluan.yaml"), DEFAULTS).unwrap();
    let file = meetings.join("hop.yaml");
    std::fs::write(&file, MEETING).unwrap();
    (dir, meetings, file)
}

#[test]
fn edits_are_rendered_again_and_a_broken_edit_keeps_the_last_good_output() {
    let (dir, meetings, file) = workspace();
    let out = dir.path().join("out");
    let docx = out.join("hop.docx");

    let mut w = Watch::start(&meetings, &out);
    w.wait_for("the first render", |_| {
        document_text(&docx).contains("Thực hiện việc thử")
    });
    // Let the watcher settle on its own writes before editing.
    w.wait_for("the first summary", |w| w.stderr().contains("1 đã xuất"));

    std::fs::write(&file, MEETING.replace("Thực hiện", "Khẩn trương thực hiện")).unwrap();
    w.wait_for("the edited meeting", |_| {
        document_text(&docx).contains("Khẩn trương thực hiện việc thử")
    });

    std::fs::write(
        meetings.join("ketluan.yaml"),
        DEFAULTS.replace("Trần Văn B", "Trần Văn C"),
    )
    .unwrap();
    w.wait_for("the edited defaults", |_| {
        document_text(&docx).contains("Trần Văn C")
    });

    std::fs::write(
        &file,
        MEETING.replace("date: 2021-03-01", "date: 31/02/2021"),
    )
    .unwrap();
    w.wait_for("the error, as check prints it", |w| {
        w.stderr().contains("hop.yaml:7:9: lỗi: `meeting.date`")
    });
    let text = document_text(&docx);
    assert!(
        text.contains("Trần Văn C") && !text.is_empty(),
        "the last good notice is kept"
    );
}

/// The text of every paragraph of a DOCX (none while the file is not there).
fn paragraphs(docx: &Path) -> Vec<String> {
    if !docx.is_file() {
        return Vec::new();
    }
    docx_texts(docx)
}

fn has_paragraph(docx: &Path, text: &str) -> bool {
    paragraphs(docx).iter().any(|p| p == text)
}

/// Writes `text` to `path` as editors save: a new file beside it, renamed
/// over it (the old file's inode goes away).
fn save_by_rename(path: &Path, text: &str) {
    let tmp = path.with_file_name(format!(
        ".{}.swp",
        path.file_name().unwrap().to_string_lossy()
    ));
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

/// The closing sentence of body.md, as the template words it.
const CLOSING: &str = "thông báo để các cơ quan, đơn vị biết, thực hiện";

#[test]
fn an_edit_to_a_template_of_the_templates_folder_renders_the_meeting_again_with_its_wording() {
    let dir = tempfile::tempdir().unwrap();
    let meetings = dir.path().join("meetings");
    std::fs::create_dir_all(&meetings).unwrap();
    std::fs::write(meetings.join("ketluan.yaml"), DEFAULTS).unwrap();
    std::fs::write(meetings.join("hop.yaml"), MEETING).unwrap();
    let tpl = dir.path().join("tpl");
    ketluan_ok(&["templates", "export", tpl.to_str().unwrap()]);
    let body = tpl.join("body.md");
    let original = std::fs::read_to_string(&body).unwrap();
    assert!(original.contains(CLOSING), "body.md words the closing");
    std::fs::write(
        &body,
        original.replace(
            CLOSING,
            "thông báo để các cơ quan, đơn vị phối hợp thực hiện",
        ),
    )
    .unwrap();
    let out = dir.path().join("out");
    let docx = out.join("hop.docx");

    let mut w = Watch::start_in(
        &common::root(),
        &[meetings.as_os_str()],
        &out,
        &[OsStr::new("--templates"), tpl.as_os_str()],
    );
    // The folder's template, not the built-in one, from the first round.
    let first =
        "Ủy ban nhân dân tỉnh Lai Châu thông báo để các cơ quan, đơn vị phối hợp thực hiện./.";
    w.wait_for("the first render, with the folder's body.md", |_| {
        has_paragraph(&docx, first)
    });
    w.wait_for("the first summary", |w| w.stderr().contains("1 đã xuất"));

    // body.md edited in place: the meeting (which did not change) is
    // rendered again with the new closing sentence.
    std::fs::write(
        &body,
        original.replace(
            CLOSING,
            "đề nghị các cơ quan, đơn vị khẩn trương triển khai thực hiện",
        ),
    )
    .unwrap();
    let second = "Ủy ban nhân dân tỉnh Lai Châu đề nghị các cơ quan, đơn vị khẩn trương triển khai thực hiện./.";
    w.wait_for("the meeting rendered with the edited body.md", |_| {
        has_paragraph(&docx, second)
    });
    assert!(
        !has_paragraph(&docx, first),
        "the previous wording is gone: {:?}",
        paragraphs(&docx)
    );

    // agenda.md (included by body.md) saved as editors save it, by a
    // rename over the file: the task sentence takes the new wording.
    let agenda = tpl.join("agenda.md");
    let text = std::fs::read_to_string(&agenda).unwrap();
    assert!(text.contains("chủ trì"), "agenda.md words the tasks");
    assert!(has_paragraph(
        &docx,
        "1. Giao Sở Nội vụ chủ trì: Thực hiện việc thử."
    ));
    save_by_rename(&agenda, &text.replace("chủ trì", "chủ trì thực hiện"));
    w.wait_for("the meeting rendered with the edited agenda.md", |_| {
        has_paragraph(
            &docx,
            "1. Giao Sở Nội vụ chủ trì thực hiện: Thực hiện việc thử.",
        )
    });
    assert!(
        has_paragraph(&docx, second),
        "the edited body.md is still used: {:?}",
        paragraphs(&docx)
    );
}

#[test]
fn an_edit_to_the_defaults_file_above_the_watched_folder_renders_the_meeting_again() {
    // archive/ketluan.yaml holds the defaults; only archive/sub/ is
    // watched, given as a relative path (as `ketluan watch meetings/x`).
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    let sub = archive.join("sub");
    std::fs::create_dir_all(&sub).unwrap();
    let defaults = archive.join("ketluan.yaml");
    std::fs::write(&defaults, DEFAULTS).unwrap();
    std::fs::write(sub.join("hop.yaml"), MEETING).unwrap();
    let docx = dir.path().join("out").join("hop.docx");

    let mut w = Watch::start_in(
        dir.path(),
        &[OsStr::new("archive/sub")],
        Path::new("out"),
        &[],
    );
    // The signer comes from the defaults above the watched folder.
    w.wait_for("the first render, with the defaults above", |_| {
        has_paragraph(&docx, "Trần Văn B")
    });
    w.wait_for("the first summary", |w| w.stderr().contains("1 đã xuất"));
    // The folder above is watched once the first round has found the
    // defaults file; give the watcher a moment to set that up.
    std::thread::sleep(Duration::from_millis(500));

    // Edited in place.
    std::fs::write(&defaults, DEFAULTS.replace("Trần Văn B", "Trần Văn C")).unwrap();
    w.wait_for("the meeting rendered with the edited defaults", |_| {
        has_paragraph(&docx, "Trần Văn C")
    });
    assert!(
        !has_paragraph(&docx, "Trần Văn B"),
        "{:?}",
        paragraphs(&docx)
    );

    // Replaced by a rename, as editors save: the new file is seen too.
    save_by_rename(
        &defaults,
        &DEFAULTS
            .replace("Trần Văn B", "Trần Văn C")
            .replace("place: Lai Châu", "place: Phong Thổ"),
    );
    w.wait_for("the meeting rendered with the replaced defaults", |_| {
        has_paragraph(&docx, "Phong Thổ, ngày 02 tháng 3 năm 2021")
    });
    assert!(has_paragraph(&docx, "Trần Văn C"));

    // And the file that replaced it is watched in turn (a watch on the old
    // file itself would have gone with it).
    std::fs::write(
        &defaults,
        DEFAULTS
            .replace("Trần Văn B", "Trần Văn D")
            .replace("place: Lai Châu", "place: Phong Thổ"),
    )
    .unwrap();
    w.wait_for(
        "the meeting rendered with the defaults edited again",
        |_| has_paragraph(&docx, "Trần Văn D"),
    );
}

/// How many builds the watcher has finished (its summary lines).
fn builds(w: &Watch) -> usize {
    w.stderr().matches("Xong ").count()
}

#[test]
fn a_burst_of_saves_is_built_once_and_saves_apart_each_once() {
    let (dir, meetings, file) = workspace();
    let out = dir.path().join("out");
    let docx = out.join("hop.docx");
    // A second of quiet before a build.
    let mut w = Watch::start_in(
        &common::root(),
        &[meetings.as_os_str()],
        &out,
        &[OsStr::new("--debounce"), OsStr::new("1000")],
    );
    w.wait_for("the first build", |w| builds(w) == 1);
    // Six saves 100 ms apart: one build, of the last.
    for i in 1..=6 {
        std::fs::write(
            &file,
            MEETING.replace("việc thử.", &format!("việc thử lần {i}.")),
        )
        .unwrap();
        std::thread::sleep(Duration::from_millis(100));
    }
    w.wait_for("the burst built", |_| {
        document_text(&docx).contains("việc thử lần 6.")
    });
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(builds(&w), 2, "one build for the burst:\n{}", w.stderr());
    // Two saves two seconds apart: a build each.
    for i in 7..=8 {
        std::fs::write(
            &file,
            MEETING.replace("việc thử.", &format!("việc thử lần {i}.")),
        )
        .unwrap();
        w.wait_for("the save built", |_| {
            document_text(&docx).contains(&format!("việc thử lần {i}."))
        });
        std::thread::sleep(Duration::from_millis(1500));
    }
    assert_eq!(builds(&w), 4, "a build for each save:\n{}", w.stderr());
}
