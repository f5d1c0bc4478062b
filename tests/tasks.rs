//! `ketluan tasks` over a three-meeting archive with
//! mixed statuses (tests/fixtures/archive), judged on a fixed day.

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
