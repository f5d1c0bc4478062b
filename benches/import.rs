//! `cargo bench --bench import`: `ketluan import` on 1,000 DOCX (the
//! three example notices rendered in turn with their own numbers, written
//! to a temporary folder), as one process run, best of 3; and reading one
//! DOCX in process (blocks, notice, meeting file), median of 15 batches;
//! then every imported file is rendered again and must give the paragraphs
//! of the DOCX it was read from (the round trip on a 1,000-meeting archive).

use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use ketluan::document::compose;
use ketluan::import::phrases::Directory;
use ketluan::model::{load_meeting, DocumentKind};
use ketluan::render::{docx::DocxRenderer, Renderer};
use ketluan::template::Templates;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let templates = Templates::embedded();
    let examples = [
        "meetings/2021-01-25-phien-hop-ubnd-thang-01.yaml",
        "meetings/2021-02-24-hop-ubnd-thang-02.yaml",
        "meetings/van-phong/2021-03-15-hop-giao-ban-van-phong.yaml",
    ];
    let meetings: Vec<_> = examples
        .iter()
        .map(|e| {
            load_meeting(&root.join(e))
                .meeting
                .expect("the example loads")
        })
        .collect();
    let work = tempfile::tempdir().unwrap();
    let input = work.path().join("docx");
    std::fs::create_dir_all(&input).unwrap();
    let n = 1000;
    for i in 0..n {
        let mut m = meetings[i % meetings.len()].clone();
        m.meeting.name = format!("{} lần {}", m.meeting.name, i + 1);
        if let Some(notice) = m.notice.as_mut() {
            notice.number = Some(i as u32 + 1);
            notice.summary = format!("{} (số {})", notice.summary, i + 1);
        }
        let doc = compose(&m, DocumentKind::Notice, &templates).unwrap();
        let bytes = DocxRenderer.render(&doc).unwrap();
        std::fs::write(input.join(format!("tb-{i:04}.docx")), bytes).unwrap();
    }
    let one = std::fs::read(input.join("tb-0000.docx")).unwrap();
    let dir = Directory::new(&[]);
    let mut per: Vec<f64> = (0..15)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..20 {
                black_box(
                    ketluan::import::import_bytes(Path::new("tb.docx"), &one, &dir, "#").unwrap(),
                );
            }
            t.elapsed().as_secs_f64() / 20.0
        })
        .collect();
    per.sort_by(f64::total_cmp);
    println!(
        "{:<44} {:>10.2} ms",
        "one DOCX → meeting file (in process)",
        per[7] * 1e3
    );
    let bin = root.join("target/release/ketluan");
    if !bin.is_file() {
        println!("(build the release binary for the whole-process row: cargo build --release)");
        return;
    }
    let mut best = Duration::MAX;
    for _ in 0..3 {
        let out = work.path().join("meetings");
        let _ = std::fs::remove_dir_all(&out);
        let t = Instant::now();
        let status = Command::new(&bin)
            .args([
                "import",
                input.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        best = best.min(t.elapsed());
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
        let written = std::fs::read_dir(&out).unwrap().count();
        assert_eq!(written, n, "one meeting file per notice");
    }
    println!(
        "{:<44} {:>10.2} s",
        format!("ketluan import, {n} DOCX (best of 3)"),
        best.as_secs_f64()
    );
    // The round trip on the whole archive: every imported file renders
    // the paragraphs of the DOCX it came from, and holds its tasks.
    let out = work.path().join("meetings");
    let mut same = 0;
    for entry in std::fs::read_dir(&out).unwrap().flatten() {
        let path = entry.path();
        let m = load_meeting(&path)
            .meeting
            .expect("the imported file checks");
        let doc = compose(&m, DocumentKind::Notice, &templates).unwrap();
        let again = paragraphs(&DocxRenderer.render(&doc).unwrap());
        let number = m.notice.as_ref().and_then(|x| x.number).unwrap();
        let original = std::fs::read(input.join(format!("tb-{:04}.docx", number - 1))).unwrap();
        if again == paragraphs(&original) {
            same += 1;
        } else {
            println!("round trip differs: {}", path.display());
        }
    }
    println!("round trip: {same} of {n} imported notices render the same paragraphs");
    assert_eq!(same, n);
}

/// The text of every `w:p` of a DOCX (its `w:t`, `w:br` as a new line).
fn paragraphs(docx: &[u8]) -> Vec<String> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    doc.descendants()
        .filter(|n| n.tag_name().name() == "p")
        .map(|p| {
            p.descendants()
                .map(|n| match n.tag_name().name() {
                    "t" => n.text().unwrap_or("").to_string(),
                    "br" => "\n".to_string(),
                    _ => String::new(),
                })
                .collect()
        })
        .collect()
}
