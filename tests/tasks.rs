//! `ketluan tasks` over a three-meeting archive with
//! mixed statuses (tests/fixtures/archive), judged on a fixed day; the
//! default format on a pipe (CSV), `-o` (the file holds what stdout would,
//! replaced atomically, nothing printed), the ICS `DTSTAMP` (the meeting
//! date), and, over a generated archive, the default `--today` (today's
//! date in Vietnam, UTC+7, whatever the machine's time zone).

mod common;

use std::collections::BTreeSet;

use common::*;

const ARCHIVE: &str = "tests/fixtures/archive";
const TODAY: &str = "2021-03-01";

fn tasks(extra: &[&str]) -> String {
    let mut args = vec!["tasks", ARCHIVE, "--today", TODAY];
    args.extend_from_slice(extra);
    String::from_utf8(ketluan_ok(&args).stdout).unwrap()
}

/// The ids in a CSV listing (first column).
fn ids(csv_text: &str) -> BTreeSet<String> {
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    r.records().map(|rec| rec.unwrap()[0].to_string()).collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

const ALL: [&str; 11] = [
    "2021-01-25-hop-thang-01#I.1",
    "2021-01-25-hop-thang-01#I.2",
    "2021-01-25-hop-thang-01#I.2.1",
    "2021-01-25-hop-thang-01#I.3",
    "2021-01-25-hop-thang-01#II.1",
    "2021-02-22-hop-thang-02#I.1",
    "2021-02-22-hop-thang-02#I.2",
    "2021-02-22-hop-thang-02#I.3",
    "2021-03-01-du-thao#I.1",
    "2021-03-01-du-thao#I.1.1",
    "2021-03-01-du-thao#I.1.1.1",
];

#[test]
fn every_task_has_its_stable_id_and_csv_reads_back() {
    let out = tasks(&["--format", "csv"]);
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let headers = r.headers().unwrap().clone();
    assert_eq!(&headers[0], "Mã nhiệm vụ");
    assert_eq!(headers.len(), 9);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let listed: Vec<&str> = rows.iter().map(|r| r.get(0).unwrap()).collect();
    assert_eq!(listed, ALL, "ids, in file order, depth first");
    let row = |id: &str| rows.iter().find(|r| &r[0] == id).unwrap().clone();
    let r = row("2021-01-25-hop-thang-01#I.3");
    assert_eq!(&r[2], "25/TB-VP");
    assert_eq!(&r[3], "Sở Nội vụ", "the code SNV is expanded");
    assert_eq!(&r[4], "Sở Tài chính");
    assert_eq!(&r[5], "06/02/2021 → 15/3/2021");
    assert_eq!(&r[6], "Chưa hoàn thành trong hạn");
    let r = row("2021-01-25-hop-thang-01#I.2.1");
    assert_eq!(
        &r[8], "Bố trí kinh phí mua vật tư y tế; báo cáo, đề xuất.",
        "commas and semicolons survive quoting"
    );
    assert_eq!(&row("2021-03-01-du-thao#I.1")[2], "(dự thảo)");
    // CRLF line ends (RFC 4180) and the optional BOM.
    assert!(out.contains("\r\n"));
    let bom = tasks(&["--format", "csv", "--bom"]);
    assert!(bom.starts_with('\u{feff}'));
    assert_eq!(ids(bom.trim_start_matches('\u{feff}')), set(&ALL));
}

#[test]
fn filters() {
    let csv = |extra: &[&str]| {
        let mut a = vec!["--format", "csv"];
        a.extend_from_slice(extra);
        ids(&tasks(&a))
    };
    assert_eq!(
        csv(&["--overdue"]),
        set(&[
            "2021-01-25-hop-thang-01#I.2.1",
            "2021-02-22-hop-thang-02#I.2"
        ])
    );
    let noi_vu = set(&[
        "2021-01-25-hop-thang-01#I.1",
        "2021-01-25-hop-thang-01#I.3",
        "2021-03-01-du-thao#I.1",
        "2021-03-01-du-thao#I.1.1.1",
    ]);
    assert_eq!(csv(&["--lead", "so noi vu"]), noi_vu, "without diacritics");
    assert_eq!(csv(&["--lead", "SỞ NỘI VỤ"]), noi_vu, "any case");
    assert_eq!(csv(&["--lead", "SNV"]), noi_vu, "a department code");
    assert_eq!(
        csv(&["--status", "done"]),
        set(&[
            "2021-01-25-hop-thang-01#I.1",
            "2021-01-25-hop-thang-01#I.2",
            "2021-02-22-hop-thang-02#I.3"
        ])
    );
    assert_eq!(
        csv(&["--due-before", "2021-02-27"]),
        set(&[
            "2021-01-25-hop-thang-01#I.1",
            "2021-01-25-hop-thang-01#I.2",
            "2021-01-25-hop-thang-01#I.2.1",
            "2021-02-22-hop-thang-02#I.1",
        ])
    );
    // Another day, another verdict: by 16/3 the extension has run out too.
    let later = String::from_utf8(
        ketluan_ok(&[
            "tasks",
            ARCHIVE,
            "--today",
            "16/3/2021",
            "--overdue",
            "--format",
            "csv",
        ])
        .stdout,
    )
    .unwrap();
    assert!(ids(&later).contains("2021-01-25-hop-thang-01#I.3"));
}

#[test]
fn json_reads_back() {
    let out = tasks(&["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 11);
    let t = items
        .iter()
        .find(|t| t["id"] == "2021-01-25-hop-thang-01#I.3")
        .unwrap();
    assert_eq!(t["due"], "2021-02-06");
    assert_eq!(t["extended_to"], "2021-03-15");
    assert_eq!(t["deadline"], "2021-03-15");
    assert_eq!(t["status"], "open");
    assert_eq!(t["standing"], "open_in_time");
    assert_eq!(t["lead"][0], "Sở Nội vụ");
    assert_eq!(
        t["extension_note"],
        "Công văn số 301/UBND-TH ngày 05/02/2021"
    );
    let done = items
        .iter()
        .find(|t| t["id"] == "2021-01-25-hop-thang-01#I.1")
        .unwrap();
    assert_eq!(done["report"], "Báo cáo số 12/BC-SNV");
    assert_eq!(done["done_on"], "2021-02-05");
}

#[test]
fn by_lead_counts_the_four_categories() {
    let out = tasks(&["--by-lead", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let unit = |name: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|u| u["unit"] == name)
            .unwrap()
            .clone()
    };
    let counts = |u: &serde_json::Value| {
        [
            u["done_on_time"].as_u64().unwrap(),
            u["done_late"].as_u64().unwrap(),
            u["open_in_time"].as_u64().unwrap(),
            u["open_overdue"].as_u64().unwrap(),
            u["cancelled"].as_u64().unwrap(),
            u["total"].as_u64().unwrap(),
        ]
    };
    assert_eq!(counts(&unit("Sở Nội vụ")), [1, 0, 3, 0, 0, 4]);
    assert_eq!(counts(&unit("Sở Y tế")), [0, 1, 1, 0, 1, 3]);
    assert_eq!(counts(&unit("Sở Tài chính")), [1, 0, 1, 1, 0, 3]);
    assert_eq!(
        counts(&unit("UBND các huyện, thành phố")),
        [0, 0, 0, 1, 0, 1]
    );
    assert_eq!(
        counts(&unit("(chưa giao đơn vị chủ trì)")),
        [0, 0, 1, 0, 0, 1]
    );
    // Every unit, as an independent reading of the files counts it.
    let oracle = oracle::by_lead(
        &oracle::archive_tasks(&root().join(ARCHIVE)),
        oracle::Day::parse(TODAY),
    );
    let listed: std::collections::BTreeMap<String, [u64; 6]> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            let c = counts(u);
            (
                u["unit"].as_str().unwrap().to_string(),
                [c[0], c[1], c[2], c[3], c[4], c[5]],
            )
        })
        .collect();
    assert_eq!(listed, oracle);
    // The same in a table, aligned for a terminal.
    let table = tasks(&["--by-lead", "--format", "table"]);
    let header = table.lines().next().unwrap();
    for h in [
        "Hoàn thành đúng hạn",
        "Hoàn thành quá hạn",
        "Chưa hoàn thành trong hạn",
        "Chưa hoàn thành quá hạn",
    ] {
        assert!(header.contains(h), "{header}");
    }
    let md = tasks(&["--by-lead", "--format", "md"]);
    assert!(
        md.lines()
            .any(|l| l.starts_with("| Sở Nội vụ | 1 | 0 | 3 | 0 | 0 | 4 |")),
        "{md}"
    );
}

#[test]
fn icalendar_parses_with_one_todo_per_deadline() {
    let out = tasks(&["--format", "ics"]);
    for line in out.split("\r\n") {
        assert!(line.len() <= 75, "folded at 75 octets: {line}");
    }
    // Folded only where the next character would pass 75 octets (a
    // continuation's leading space counts), never inside a character.
    let physical: Vec<&str> = out.split("\r\n").collect();
    let mut folds = 0;
    for pair in physical.windows(2) {
        if let Some(rest) = pair[1].strip_prefix(' ') {
            let next = rest.chars().next().expect("a continuation holds text");
            assert!(
                pair[0].len() + next.len_utf8() > 75,
                "folded early: {:?} then {next:?}",
                pair[0]
            );
            folds += 1;
        }
    }
    assert!(folds >= 5, "long lines were folded: {folds}");
    assert!(!out.replace("\r\n", "").contains('\n'), "CRLF only");
    let unfolded = icalendar::parser::unfold(&out);
    let parsed = icalendar::parser::read_calendar(&unfolded).expect("a valid iCalendar");
    let todos: Vec<_> = parsed
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VTODO")
        .collect();
    assert_eq!(todos.len(), 9, "every task with a deadline, none without");
    let prop = |c: &icalendar::parser::Component, name: &str| {
        c.properties
            .iter()
            .find(|p| p.name.as_str() == name)
            .map(|p| p.val.as_str().to_string())
    };
    let todo = |uid: &str| {
        todos
            .iter()
            .find(|t| prop(t, "UID").as_deref() == Some(uid))
            .unwrap_or_else(|| panic!("{uid}"))
    };
    let t = todo("2021-01-25-hop-thang-01#I.3@ketluan");
    assert_eq!(
        prop(t, "DUE").as_deref(),
        Some("20210315"),
        "the extended deadline"
    );
    assert_eq!(prop(t, "STATUS").as_deref(), Some("NEEDS-ACTION"));
    let done = todo("2021-01-25-hop-thang-01#I.1@ketluan");
    assert_eq!(prop(done, "STATUS").as_deref(), Some("COMPLETED"));
    assert_eq!(prop(done, "COMPLETED").as_deref(), Some("20210205T000000Z"));
    let cancelled = todo("2021-02-22-hop-thang-02#I.1@ketluan");
    assert_eq!(prop(cancelled, "STATUS").as_deref(), Some("CANCELLED"));
    let sub = todo("2021-01-25-hop-thang-01#I.2.1@ketluan");
    assert!(prop(sub, "SUMMARY").unwrap().contains("Sở Tài chính"));
    // The units that work with the lead, where there are some.
    let with = prop(t, "DESCRIPTION").unwrap();
    assert!(with.contains("Phối hợp: Sở Tài chính"), "{with}");
    let alone = prop(done, "DESCRIPTION").unwrap();
    assert!(!alone.contains("Phối hợp"), "{alone}");
    assert!(
        out.replace("\r\n ", "").contains("báo cáo\\, đề xuất"),
        "commas escaped"
    );
    // The typed model reads it too, and a second export is the same bytes
    // (stable UIDs: re-importing updates instead of duplicating).
    let typed: icalendar::Calendar = parsed.into();
    assert_eq!(typed.components.len(), 9);
    assert_eq!(tasks(&["--format", "ics"]), out);
}

/// `ketluan tasks <args>` with extra environment variables.
fn tasks_with_env(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let out = ketluan_command()
        .arg("tasks")
        .args(args)
        .envs(env.iter().copied())
        .output()
        .expect("ketluan runs");
    assert!(
        out.status.success(),
        "ketluan tasks {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn the_default_format_on_a_pipe_is_csv() {
    // The test's stdout is a pipe, never a terminal.
    let piped = tasks(&[]);
    assert_eq!(piped, tasks(&["--format", "csv"]), "CSV when piped");
    let first = piped.split("\r\n").next().unwrap();
    assert_eq!(
        first,
        "Mã nhiệm vụ,Ngày họp,Số thông báo,Chủ trì,Phối hợp,Thời hạn,Tình trạng,Ngày hoàn thành,Nội dung",
        "a CSV header line ending in CRLF"
    );
    assert_eq!(ids(&piped), set(&ALL));
    // The table is another thing: aligned columns, no commas between them.
    let table = tasks(&["--format", "table"]);
    assert_ne!(table, piped);
    let header = table.lines().next().unwrap();
    assert!(
        header.starts_with("Mã nhiệm vụ ") && !header.contains(','),
        "{header}"
    );
    // The same for the per-unit counts.
    let by_lead = tasks(&["--by-lead"]);
    assert_eq!(by_lead, tasks(&["--by-lead", "--format", "csv"]));
    assert_ne!(by_lead, tasks(&["--by-lead", "--format", "table"]));
    assert!(
        by_lead.starts_with("Đơn vị chủ trì,Hoàn thành đúng hạn,"),
        "{by_lead}"
    );
}

#[test]
fn output_file_holds_what_stdout_would_and_nothing_is_printed() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [&[&str]; 8] = [
        &[],
        &["--format", "csv", "--bom"],
        &["--format", "json"],
        &["--format", "ics"],
        &["--format", "md"],
        &["--format", "table"],
        &["--by-lead", "--format", "json"],
        &["--overdue"],
    ];
    for (i, extra) in cases.iter().enumerate() {
        let expected = tasks(extra);
        assert!(!expected.is_empty());
        let file = dir.path().join(format!("nhiem-vu-{i}.txt"));
        let mut args = vec!["tasks", ARCHIVE, "--today", TODAY];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["-o", file.to_str().unwrap()]);
        let out = ketluan_ok(&args);
        assert!(
            out.stdout.is_empty(),
            "{extra:?}: nothing on stdout with -o, got {:?}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            expected,
            "{extra:?}: the file holds what stdout gives without -o"
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(file.to_str().unwrap()),
            "the file is named on stderr: {stderr}"
        );
    }
    // The long form.
    let file = dir.path().join("nhiem-vu.csv");
    let out = ketluan_ok(&[
        "tasks",
        ARCHIVE,
        "--today",
        TODAY,
        "--output",
        file.to_str().unwrap(),
    ]);
    assert!(out.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), tasks(&[]));
    assert!(String::from_utf8_lossy(&out.stderr).contains("11 nhiệm vụ"));
}

#[cfg(unix)]
#[test]
fn output_file_is_replaced_atomically() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nhiem-vu.csv");
    // A previous, longer file, with a second name (a hard link). Written in
    // place (truncate, write), the new list would show through the other
    // name too, and a reader could catch it half-written; replaced by a
    // rename, the old inode keeps the old bytes whole.
    let old = "cũ\r\n".repeat(10_000);
    std::fs::write(&file, &old).unwrap();
    let other = dir.path().join("ban-cu.csv");
    std::fs::hard_link(&file, &other).unwrap();
    let inode = std::fs::metadata(&file).unwrap().ino();
    let out = ketluan_ok(&[
        "tasks",
        ARCHIVE,
        "--today",
        TODAY,
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(out.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), tasks(&[]));
    assert_ne!(
        std::fs::metadata(&file).unwrap().ino(),
        inode,
        "a new file renamed over the old one"
    );
    assert_eq!(
        std::fs::read_to_string(&other).unwrap(),
        old,
        "the old file was not written in place"
    );
    // No temporary file is left beside it.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["ban-cu.csv", "nhiem-vu.csv"]);

    // A file that cannot be written: an error, nothing on stdout, nothing left.
    let blocked = file.join("x.csv"); // under a regular file
    let out = ketluan(&[
        "tasks",
        ARCHIVE,
        "--today",
        TODAY,
        "-o",
        blocked.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), tasks(&[]));
}

/// The meeting date of each meeting of the fixture archive (its
/// `meeting.date`, not the notice's date).
const MEETING_DATES: [(&str, &str); 3] = [
    ("2021-01-25-hop-thang-01", "20210125"),
    ("2021-02-22-hop-thang-02", "20210222"),
    ("2021-03-01-du-thao", "20210301"),
];

#[test]
fn icalendar_dtstamp_is_the_meeting_date() {
    // Judged on a day that is no meeting's date, so a DTSTAMP taken from
    // `--today` shows.
    let out = String::from_utf8(
        ketluan_ok(&["tasks", ARCHIVE, "--today", "2021-04-15", "--format", "ics"]).stdout,
    )
    .unwrap();
    let unfolded = icalendar::parser::unfold(&out);
    let parsed = icalendar::parser::read_calendar(&unfolded).unwrap();
    let prop = |c: &icalendar::parser::Component, name: &str| {
        let found: Vec<String> = c
            .properties
            .iter()
            .filter(|p| p.name.as_str() == name)
            .map(|p| p.val.as_str().to_string())
            .collect();
        assert_eq!(found.len(), 1, "one {name} per VTODO: {found:?}");
        found[0].clone()
    };
    let mut meetings = BTreeSet::new();
    let mut todos = 0;
    for todo in parsed
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VTODO")
    {
        todos += 1;
        let uid = prop(todo, "UID");
        let stem = uid.split('#').next().unwrap();
        let (_, date) = MEETING_DATES
            .iter()
            .find(|(s, _)| *s == stem)
            .unwrap_or_else(|| panic!("{uid}: a meeting of the archive"));
        assert_eq!(
            prop(todo, "DTSTAMP"),
            format!("{date}T000000Z"),
            "{uid}: DTSTAMP is its meeting's date"
        );
        meetings.insert(stem.to_string());
    }
    assert_eq!(todos, 9);
    assert_eq!(meetings.len(), 3, "tasks of every meeting: {meetings:?}");
    // No clock is read: a copy of the archive, its files touched later,
    // gives the same bytes.
    let copy = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(root().join(ARCHIVE)).unwrap() {
        let path = entry.unwrap().path();
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::copy(&path, copy.path().join(path.file_name().unwrap())).unwrap();
    }
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let again = ketluan_ok(&[
        "tasks",
        copy.path().to_str().unwrap(),
        "--today",
        "2021-04-15",
        "--format",
        "ics",
    ]);
    assert_eq!(String::from_utf8(again.stdout).unwrap(), out);
}

/// Days since 1970-01-01 of today's date in Vietnam (UTC+7), read from the
/// system clock.
fn vietnam_day_number() -> i64 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    (secs + 7 * 3600).div_euclid(86_400)
}

/// A day number as an ISO date (H. Hinnant's civil_from_days).
fn iso_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[test]
fn without_today_tasks_are_judged_on_todays_date_in_vietnam() {
    assert_eq!(iso_date(0), "1970-01-01");
    assert_eq!(iso_date(18_652), "2021-01-25");
    assert_eq!(iso_date(19_417), "2023-03-01");
    assert_eq!(iso_date(19_782), "2024-02-29");
    // A run may straddle midnight in Vietnam: then it is tried again.
    for attempt in 0.. {
        let day = vietnam_day_number();
        let dir = tempfile::tempdir().unwrap();
        let task = |lead: &str, what: &str, due: i64| {
            format!(
                "      - lead: {lead}\n        do: {what}\n        due: {}\n",
                iso_date(due)
            )
        };
        let meeting = [
            "issuer: {name: Văn phòng UBND tỉnh, code: VP, place: Lai Châu}\n".to_string(),
            "notice: {number: 5, date: 2020-01-03, summary: Kết luận tại cuộc họp thử}\n".into(),
            "meeting:\n  name: cuộc họp thử\n  date: 2020-01-02\n".into(),
            "  chair: {name: Nguyễn Văn A, title: Chánh Văn phòng}\n".into(),
            "agenda:\n  - title: Về việc thử\n    tasks:\n".into(),
            task("Sở Nội vụ", "Việc có hạn hôm qua.", day - 1),
            task("Sở Nội vụ", "Việc có hạn hôm nay.", day),
            task("Sở Tài chính", "Việc có hạn sang năm.", day + 365),
            "signer: {authority: [KT. CHÁNH VĂN PHÒNG], position: Phó Chánh Văn phòng, \
             name: Lò Thị Hương}\n"
                .into(),
        ]
        .concat();
        std::fs::write(dir.path().join("2020-01-02-hop-thu.yaml"), meeting).unwrap();
        let path = dir.path().to_str().unwrap();
        let explicit = String::from_utf8(
            tasks_with_env(&[path, "--format", "csv", "--today", &iso_date(day)], &[]).stdout,
        )
        .unwrap();
        // The machine's own time zone must not matter: Vietnam's date is
        // the day before or the day after the local one for most of the day
        // under UTC-12 and UTC+14 (POSIX TZ strings, no zone database needed).
        let mut runs = Vec::new();
        for tz in [None, Some("UTC"), Some("XXX+12"), Some("YYY-14")] {
            let env: Vec<(&str, &str)> = tz.map(|tz| ("TZ", tz)).into_iter().collect();
            let csv = tasks_with_env(&[path, "--format", "csv"], &env).stdout;
            let overdue = tasks_with_env(&[path, "--format", "csv", "--overdue"], &env).stdout;
            runs.push((
                tz,
                String::from_utf8(csv).unwrap(),
                String::from_utf8(overdue).unwrap(),
            ));
        }
        let report_dir = tempfile::tempdir().unwrap();
        let out = ketluan_command()
            .args(["report", path, "--format", "docx", "--out"])
            .arg(report_dir.path())
            .env("TZ", "XXX+12")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        if vietnam_day_number() != day {
            assert!(attempt < 3, "the date keeps changing");
            continue;
        }
        let standings = |csv_text: &str| -> Vec<(String, String)> {
            csv::Reader::from_reader(csv_text.as_bytes())
                .records()
                .map(|r| {
                    let r = r.unwrap();
                    (r[8].to_string(), r[6].to_string())
                })
                .collect()
        };
        let expected = vec![
            (
                "Việc có hạn hôm qua.".to_string(),
                "Chưa hoàn thành quá hạn".to_string(),
            ),
            (
                "Việc có hạn hôm nay.".to_string(),
                "Chưa hoàn thành trong hạn".to_string(),
            ),
            (
                "Việc có hạn sang năm.".to_string(),
                "Chưa hoàn thành trong hạn".to_string(),
            ),
        ];
        assert_eq!(
            standings(&explicit),
            expected,
            "with --today {}",
            iso_date(day)
        );
        for (tz, csv_text, overdue) in &runs {
            assert_eq!(
                standings(csv_text),
                expected,
                "without --today (TZ={tz:?}), judged on {} in Vietnam",
                iso_date(day)
            );
            assert_eq!(csv_text, &explicit, "TZ={tz:?}");
            let late: Vec<String> = standings(overdue).into_iter().map(|(w, _)| w).collect();
            assert_eq!(late, ["Việc có hạn hôm qua."], "--overdue, TZ={tz:?}");
        }
        // The report, too, is made for today in Vietnam.
        let name = format!("bao-cao-nhiem-vu-{}.docx", iso_date(day));
        assert!(
            report_dir.path().join(&name).is_file(),
            "{name} in {:?}",
            std::fs::read_dir(report_dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect::<Vec<_>>()
        );
        break;
    }
}
