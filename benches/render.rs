//! `cargo bench`: how long each stage takes on the real example, and the
//! whole render of one meeting to DOCX. Plain timing loops (no extra
//! dependency): each stage runs for about a second and reports the median
//! of 15 batches.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use ketluan::document::compose;
use ketluan::model::{load_meeting, DocumentKind};
use ketluan::render::{docx::DocxRenderer, pdf::PdfRenderer, Renderer};
use ketluan::template::Templates;

fn measure(name: &str, mut f: impl FnMut()) {
    // Calibrate a batch to about 1/15 s.
    let mut batch = 1u32;
    loop {
        let t = Instant::now();
        for _ in 0..batch {
            f();
        }
        if t.elapsed() > Duration::from_millis(60) || batch > 1 << 20 {
            break;
        }
        batch *= 2;
    }
    let mut per_iter: Vec<f64> = (0..15)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..batch {
                f();
            }
            t.elapsed().as_secs_f64() / f64::from(batch)
        })
        .collect();
    per_iter.sort_by(f64::total_cmp);
    let median = per_iter[per_iter.len() / 2];
    println!("{name:<40} {:>10.1} µs/iter", median * 1e6);
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let example = root.join("meetings/2021-01-25-phien-hop-ubnd-thang-01.yaml");
    let templates = Templates::embedded();
    let meeting = load_meeting(&example).meeting.expect("the example loads");
    let notice = compose(&meeting, DocumentKind::Notice, &templates).unwrap();

    measure("load + validate (YAML → Meeting)", || {
        black_box(load_meeting(black_box(&example)));
    });
    measure("template + markdown (Meeting → Notice)", || {
        black_box(compose(black_box(&meeting), DocumentKind::Notice, &templates).unwrap());
    });
    measure("docx backend (Notice → bytes)", || {
        black_box(DocxRenderer.render(black_box(&notice)).unwrap());
    });
    let pdfa = PdfRenderer::new(true, None);
    let plain = PdfRenderer::new(false, None);
    measure("pdf backend, PDF/A-2b (Notice → bytes)", || {
        black_box(pdfa.render(black_box(&notice)).unwrap());
    });
    measure("pdf backend, plain PDF (Notice → bytes)", || {
        black_box(plain.render(black_box(&notice)).unwrap());
    });
    measure("whole meeting → DOCX + PDF/A bytes", || {
        let m = load_meeting(&example).meeting.unwrap();
        let n = compose(&m, DocumentKind::Notice, &templates).unwrap();
        black_box(DocxRenderer.render(&n).unwrap());
        black_box(pdfa.render(&n).unwrap());
    });
    measure("whole meeting → DOCX bytes", || {
        let m = load_meeting(&example).meeting.unwrap();
        let n = compose(&m, DocumentKind::Notice, &templates).unwrap();
        black_box(DocxRenderer.render(&n).unwrap());
    });
    // One meeting file, three documents (giấy mời, biên bản, thông báo).
    let lifecycle = root.join("meetings/2021-02-24-hop-ubnd-thang-02.yaml");
    let m = load_meeting(&lifecycle)
        .meeting
        .expect("the lifecycle example loads");
    for kind in [DocumentKind::Invitation, DocumentKind::Minutes] {
        let d = compose(&m, kind, &templates).unwrap();
        measure(&format!("{} → DOCX + PDF/A bytes", kind.name()), || {
            black_box(DocxRenderer.render(&d).unwrap());
            black_box(pdfa.render(&d).unwrap());
        });
    }
    measure("lifecycle meeting → 3 documents, DOCX + PDF/A", || {
        let m = load_meeting(&lifecycle).meeting.unwrap();
        for kind in m.documents() {
            let d = compose(&m, kind, &templates).unwrap();
            black_box(DocxRenderer.render(&d).unwrap());
            black_box(pdfa.render(&d).unwrap());
        }
    });
}
