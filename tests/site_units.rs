//! The site's dashboard links each lead unit to its files in `don-vi/`: the
//! workbook of its tasks and, when it has tasks overdue or due within 14
//! days, its draft reminder letter (PDF, DOCX). Checked on a copy of the
//! example archive: the links (scraper) point at files that exist; each
//! workbook holds (calamine) the ids `tasks --format json` gives the unit;
//! a reminder exactly for the units with an open task due by the day plus
//! 14, its PDF text (pdftotext) addressed to the unit; a second build
//! rewrites nothing; a task done makes its unit's reminder go and changes
//! only that unit's files.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::*;
use scraper::{Html, Selector};
use serde_json::Value;

const TODAY: &str = "2021-04-01";
/// The last deadline a reminder takes: TODAY plus 14 days.
const DUE_BY: &str = "2021-04-15";
const NO_LEAD: &str = "(chưa giao đơn vị chủ trì)";

fn site(meetings: &Path, out: &Path) -> String {
    let mut cmd = ketluan_command();
    cmd.arg("site")
        .arg(meetings)
        .args(["--today", TODAY, "--out"])
        .arg(out);
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The units table of the dashboard: unit → the hrefs of its last cell.
fn unit_links(site: &Path) -> BTreeMap<String, Vec<String>> {
    let page = Html::parse_document(&std::fs::read_to_string(site.join("nhiem-vu.html")).unwrap());
    let tr = Selector::parse("tr").unwrap();
    let td = Selector::parse("td").unwrap();
    let a = Selector::parse("a[href]").unwrap();
    page.select(&tr)
        .filter_map(|row| {
            let cells: Vec<_> = row.select(&td).collect();
            let last = cells.last()?;
            (cells.len() == 8 && last.value().attr("data-label") == Some("Gửi đơn vị")).then(|| {
                let unit = cells[0].text().collect::<String>().trim().to_string();
                let hrefs = last
                    .select(&a)
                    .map(|l| l.value().attr("href").unwrap().to_string())
                    .collect();
                (unit, hrefs)
            })
        })
        .collect()
}

/// The task ids in column A of a workbook, below its heading row.
fn workbook_ids(path: &Path) -> BTreeSet<String> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let range = book.worksheet_range("Nhiem vu").unwrap();
    range
        .rows()
        .skip_while(|r| r.first() != Some(&Data::String("Mã nhiệm vụ".into())))
        .skip(1)
        .filter_map(|r| match r.first() {
            Some(Data::String(s)) => Some(s.clone()),
            _ => None,
        })
        .collect()
}

/// Every task of the archive as `tasks --format json` gives it.
fn tasks(meetings: &Path) -> Vec<Value> {
    let mut cmd = ketluan_command();
    cmd.arg("tasks")
        .arg(meetings)
        .args(["--today", TODAY, "--format", "json"]);
    serde_json::from_slice(&cmd.output().unwrap().stdout).unwrap()
}

fn leads(t: &Value) -> Vec<String> {
    let lead: Vec<String> = t["lead"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap().to_string())
        .collect();
    if lead.is_empty() {
        vec![NO_LEAD.to_string()]
    } else {
        lead
    }
}

/// Each file of a folder with a hash of its bytes and its modification time.
fn files(dir: &Path) -> BTreeMap<PathBuf, (u64, std::time::SystemTime)> {
    use std::hash::{Hash, Hasher};
    files_under(dir)
        .into_iter()
        .map(|f| {
            let meta = std::fs::metadata(&f).unwrap();
            let mut h = std::collections::hash_map::DefaultHasher::new();
            std::fs::read(&f).unwrap().hash(&mut h);
            (f, (h.finish(), meta.modified().unwrap()))
        })
        .collect()
}

#[test]
fn the_dashboard_links_each_unit_to_its_workbook_and_reminder() {
    let dir = tempfile::tempdir().unwrap();
    let meetings = dir.path().join("meetings");
    copy_dir(&root().join("meetings"), &meetings);
    let out = dir.path().join("site");
    site(&meetings, &out);
    let links = unit_links(&out);
    let all = tasks(&meetings);
    let units: BTreeSet<String> = all.iter().flat_map(leads).collect();
    assert_eq!(links.keys().cloned().collect::<BTreeSet<_>>(), units);
    let mut reminded = BTreeSet::new();
    for (unit, hrefs) in &links {
        let theirs: Vec<&Value> = all.iter().filter(|t| leads(t).contains(unit)).collect();
        let workbook = hrefs
            .iter()
            .find(|h| h.ends_with(".xlsx"))
            .unwrap_or_else(|| panic!("{unit}: no workbook"));
        assert!(workbook.starts_with("don-vi/nv-"), "{workbook}");
        let ids: BTreeSet<String> = theirs
            .iter()
            .map(|t| t["id"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(workbook_ids(&out.join(workbook)), ids, "{unit}");
        let due = theirs
            .iter()
            .any(|t| t["status"] == "open" && t["deadline"].as_str().is_some_and(|d| d <= DUE_BY));
        let letters: Vec<&String> = hrefs.iter().filter(|h| !h.ends_with(".xlsx")).collect();
        if !due || unit == NO_LEAD {
            assert!(letters.is_empty(), "{unit}: {letters:?}");
            continue;
        }
        reminded.insert(unit.clone());
        let pdf = letters.iter().find(|h| h.ends_with(".pdf")).unwrap();
        let docx = letters.iter().find(|h| h.ends_with(".docx")).unwrap();
        assert!(out.join(docx).is_file());
        if tool_available("pdftotext") {
            let text = pdf_text(&out.join(pdf))
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            assert!(
                text.contains(&format!("Kính gửi: {unit}")),
                "{unit}: {text}"
            );
        }
    }
    assert!(reminded.contains("Sở Nội vụ"), "{reminded:?}");
    assert!(reminded.len() >= 3, "{reminded:?}");

    // A second build makes nothing again.
    let before = files(&out.join("don-vi"));
    std::thread::sleep(std::time::Duration::from_millis(20));
    site(&meetings, &out);
    assert_eq!(files(&out.join("don-vi")), before);

    // Sở Nội vụ's only task due (II.1 of the February meeting) done: its
    // reminder goes, its workbook changes, no other unit's file does.
    let feb = meetings.join("2021-02-24-hop-ubnd-thang-02.yaml");
    let text = std::fs::read_to_string(&feb).unwrap();
    let due = "        due: 2021-03-10\n";
    assert!(text.contains(due));
    std::fs::write(
        &feb,
        text.replace(
            due,
            &format!("{due}        status: done\n        done_on: 2021-03-09\n"),
        ),
    )
    .unwrap();
    site(&meetings, &out);
    let after = files(&out.join("don-vi"));
    let links = unit_links(&out);
    let snv = &links["Sở Nội vụ"];
    assert_eq!(snv.len(), 1, "the workbook alone: {snv:?}");
    let changed: BTreeSet<String> = before
        .keys()
        .chain(after.keys())
        .filter(|f| before.get(*f) != after.get(*f))
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let expected: BTreeSet<String> = [
        ".ketluan-don-vi",
        "nv-so-noi-vu.xlsx",
        "don-doc-so-noi-vu.pdf",
        "don-doc-so-noi-vu.docx",
    ]
    .map(String::from)
    .into();
    assert_eq!(changed, expected);
    assert!(!out.join("don-vi/don-doc-so-noi-vu.pdf").exists());
}
