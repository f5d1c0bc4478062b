//! `cargo bench --bench tasks`: listing 10,000 tasks (100 meetings of 100
//! tasks, written to a temporary folder): loading and validating every file,
//! collecting the tasks, filtering, and writing each output format.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

use ketluan::cmd::tasks::load_tasks;
use ketluan::date::Date;
use ketluan::tracking::export::{self, ListFormat};
use ketluan::tracking::{by_lead, Filter};

fn archive(dir: &std::path::Path) {
    let units = [
        "Sở Nội vụ",
        "Sở Tài chính",
        "Sở Y tế",
        "Sở Xây dựng",
        "Công an tỉnh",
    ];
    for m in 0..100 {
        let mut y = format!(
            "issuer: {{name: Ủy ban nhân dân tỉnh Lai Châu, code: UBND, place: Lai Châu}}\n\
             notice: {{number: {}, date: 2021-02-01, summary: Kết luận phiên họp số {m}}}\n\
             meeting: {{name: phiên họp số {m}, date: 2021-01-25, chair: {{name: Tống Thanh Hải, title: Phó Chủ tịch}}}}\n\
             signer: {{position: Chánh Văn phòng, name: Nguyễn Văn A}}\nagenda:\n  - title: Về các nhiệm vụ\n    tasks:\n",
            m + 1
        );
        for t in 0..100 {
            let status = ["open", "done", "open", "cancelled"][t % 4];
            y.push_str(&format!(
                "      - lead: {}\n        do: Nhiệm vụ số {t} của phiên họp {m}, thực hiện nghiêm túc, đúng tiến độ.\n        due: 2021-0{}-{:02}\n        status: {status}\n",
                units[t % units.len()],
                2 + t % 7,
                1 + t % 28
            ));
            if status == "done" {
                y.push_str("        done_on: 2021-03-10\n");
            }
        }
        std::fs::write(dir.join(format!("2021-{m:03}.yaml")), y).unwrap();
    }
}

fn time<T>(name: &str, runs: usize, mut f: impl FnMut() -> T) {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!(
        "{name:<52} {:>9.1} ms (median of {runs})",
        times[runs / 2] * 1e3
    );
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    archive(dir.path());
    let paths = vec![PathBuf::from(dir.path())];
    let today = Date::parse("2021-04-01").unwrap();
    let set = load_tasks(&paths).unwrap();
    assert_eq!(set.tasks.len(), 10_000);
    time("load + validate 100 files, collect 10,000 tasks", 9, || {
        load_tasks(&paths).unwrap().tasks.len()
    });
    let overdue = Filter {
        overdue: true,
        ..Filter::default()
    };
    time("filter --overdue over 10,000 tasks", 9, || {
        set.tasks.iter().filter(|t| overdue.keeps(t, today)).count()
    });
    let lead = Filter {
        lead: Some(vec!["so noi vu".into()]),
        ..Filter::default()
    };
    time("filter --lead \"so noi vu\" over 10,000 tasks", 9, || {
        set.tasks.iter().filter(|t| lead.keeps(t, today)).count()
    });
    for (name, format) in [
        ("table", ListFormat::Table),
        ("csv", ListFormat::Csv),
        ("json", ListFormat::Json),
        ("ics", ListFormat::Ics),
        ("md", ListFormat::Md),
    ] {
        time(&format!("write 10,000 tasks as {name}"), 9, || {
            export::tasks(&set.tasks, today, format, false).len()
        });
    }
    time("--by-lead counts over 10,000 tasks", 9, || {
        by_lead(&set.tasks, today).len()
    });
    time("whole `tasks` listing (load + filter + table)", 5, || {
        let s = load_tasks(&paths).unwrap();
        export::tasks(&s.tasks, today, ListFormat::Table, false).len()
    });
}
