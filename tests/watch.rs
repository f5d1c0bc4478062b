//! `ketluan watch`: edits to a meeting and to its defaults file are rendered
//! again; a broken edit is reported as `check` reports it and the last good
//! output is kept. Every wait is bounded.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Stdio};
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
        let mut child = Command::new(env!("CARGO_BIN_EXE_ketluan"))
            .args(["watch", meetings.to_str().unwrap(), "--out"])
            .arg(out)
            .args(["--format", "docx", "--debounce", "100"])
            .env("NO_COLOR", "1")
            // Messages in Vietnamese whatever the machine\'s locale (C.UTF-8
            // exists everywhere and is not English).
            .env("LC_ALL", "C.UTF-8")
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

#[test]
fn edits_are_rendered_again_and_a_broken_edit_keeps_the_last_good_output() {
    let dir = tempfile::tempdir().unwrap();
    let meetings = dir.path().join("meetings");
    std::fs::create_dir_all(&meetings).unwrap();
    std::fs::write(meetings.join("ketluan.yaml"), DEFAULTS).unwrap();
    let file = meetings.join("hop.yaml");
    std::fs::write(&file, MEETING).unwrap();
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
