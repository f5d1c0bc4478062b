//! The archive as a static website (`ketluan site`, and what `serve`
//! serves): every document as a web page beside its PDF and DOCX (through
//! the build engine, so unchanged meetings are skipped), `index.html` (every
//! document, newest first, by year, with a filter box), one page per meeting
//! (`<stem>.cuoc-hop.html`: its documents and its tasks), and `nhiem-vu.html`
//! (the task dashboard on a given day). Every link is relative, so the
//! folder opens from disk or from any web server; the same archive and day
//! give the same bytes, and a page whose bytes did not change is not
//! rewritten.

pub mod chart;
pub mod units;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::build::{Engine, KeptManifest, Options, Recorded, Report, Summary};
use crate::date::Date;
use crate::incremental::{Digest32, MeetingRecord, RECORDED_WHAT};
use crate::model::{load_meeting, Meeting};
use crate::output::{sync_dir, write_atomic_unsynced_folder};
use crate::render::Format;
use crate::template::{upper_first, Templates};
use crate::tracking::{by_lead, Standing, TrackedTask};

/// The index page.
pub const INDEX: &str = "index.html";
/// The task dashboard.
pub const DASHBOARD: &str = "nhiem-vu.html";
/// What follows a meeting's stem in the name of its page.
pub const MEETING_PAGE_SUFFIX: &str = ".cuoc-hop.html";
/// How many days ahead the dashboard lists deadlines.
pub const DUE_SOON_DAYS: i64 = 14;

/// The formats a site holds for every document.
pub const SITE_FORMATS: [Format; 3] = [Format::Html, Format::Pdf, Format::Docx];

/// A link to a file of the site.
#[derive(Clone, Debug, Serialize)]
pub struct Link {
    /// The text shown.
    pub label: String,
    /// The relative address.
    pub href: String,
}

/// One document in the index.
#[derive(Clone, Debug, Serialize)]
pub struct IndexEntry {
    /// Số ký hiệu (`25/TB-UBND`), none for a draft.
    pub reference: Option<String>,
    /// Ngày ban hành or the meeting's date, `dd/mm/yyyy`.
    pub date: String,
    /// For sorting: ISO date.
    pub sort_date: String,
    /// Loại văn bản.
    pub kind: String,
    /// Trích yếu.
    pub summary: String,
    /// The document's files (HTML, PDF, DOCX).
    pub files: Vec<Link>,
    /// The meeting's page.
    pub meeting: Link,
    /// The text the filter box searches.
    pub search: String,
}

/// A year of the index.
#[derive(Clone, Debug, Serialize)]
pub struct Year {
    /// The year.
    pub year: i32,
    /// Its documents, newest first.
    pub entries: Vec<IndexEntry>,
}

/// A task as the pages show it.
#[derive(Clone, Debug, Serialize)]
pub struct TaskRow {
    /// Its place in its meeting: `I.3.1`.
    pub number: String,
    /// The meeting's page.
    pub meeting: Link,
    /// What is to be done (shortened).
    pub what: String,
    /// Đơn vị chủ trì.
    pub lead: String,
    /// The deadline that counts, `dd/mm/yyyy`, or empty.
    pub deadline: String,
    /// Where it stands on the day.
    pub standing: String,
    /// Days past the deadline (overdue tasks), or days left (due soon).
    pub days: i64,
}

/// The pages' shared context.
#[derive(Serialize)]
struct Common {
    generator: String,
    today: String,
}

/// What a site build did.
#[derive(Debug, Default)]
pub struct SiteSummary {
    /// The documents' build.
    pub build: Summary,
    /// Site pages written (those whose bytes changed).
    pub pages_written: usize,
    /// Meetings on the site.
    pub meetings: usize,
}

fn meeting_link(stem: &str) -> Link {
    Link {
        label: stem.to_string(),
        href: format!("{stem}{MEETING_PAGE_SUFFIX}"),
    }
}

fn file_links(base: &str) -> Vec<Link> {
    SITE_FORMATS
        .iter()
        .map(|f| Link {
            label: f.extension().to_uppercase(),
            href: format!("{base}.{}", f.extension()),
        })
        .collect()
}

/// The index entries of one meeting: one per document it asks for, from
/// the record the build kept of it.
fn entries(record: &MeetingRecord, stem: &str) -> Vec<IndexEntry> {
    record
        .documents
        .iter()
        .map(|d| {
            let date = d.issued.unwrap_or(d.date);
            let kind_name = upper_first(&d.doc_type.to_lowercase());
            let search = format!(
                "{} {} {} {}",
                d.reference.as_deref().unwrap_or(""),
                kind_name,
                d.title,
                date.numeric()
            );
            IndexEntry {
                reference: d.reference.clone(),
                date: date.numeric(),
                sort_date: date.iso(),
                kind: kind_name,
                summary: d.title.clone(),
                files: file_links(&format!("{stem}{}", d.kind.file_suffix())),
                meeting: meeting_link(stem),
                search,
            }
        })
        .collect()
}

/// A task as the pages show it, with where it stands and its `days`.
fn task_row(t: &TrackedTask, standing: Standing, days: i64) -> TaskRow {
    TaskRow {
        number: t.place().to_string(),
        meeting: meeting_link(&t.meeting),
        what: t.short_what(RECORDED_WHAT),
        lead: t.lead.join("; "),
        deadline: t.deadline().map(|d| d.numeric()).unwrap_or_default(),
        standing: standing.label().to_string(),
        days,
    }
}

/// Days past the deadline of an open task past it, else 0 (a task done
/// late shows no count on the pages).
fn days_overdue(t: &TrackedTask, standing: Standing, today: Date) -> i64 {
    match standing {
        Standing::OpenOverdue => t.days_late_as(standing, today).unwrap_or(0),
        _ => 0,
    }
}

/// Renders the page of one meeting (`m`, recorded as `r`, its index
/// entries `documents`) and writes it unsynced; whether its bytes changed.
fn meeting_page(
    out: &Path,
    r: &Recorded,
    m: &Meeting,
    documents: &[IndexEntry],
    common: &Common,
    templates: &Templates,
    today: Date,
) -> Result<bool, Box<dyn std::error::Error + Send + Sync>> {
    #[derive(Serialize)]
    struct MeetingPage<'a> {
        common: &'a Common,
        title: String,
        date: String,
        weekday: &'static str,
        meeting: &'a Meeting,
        documents: &'a [IndexEntry],
        tasks: Vec<TaskRow>,
    }
    let page = MeetingPage {
        common,
        title: upper_first(&m.meeting.name),
        date: m.meeting.date.numeric(),
        weekday: m.meeting.date.weekday(),
        meeting: m,
        documents,
        tasks: r
            .record
            .tasks
            .iter()
            .map(|t| {
                let standing = t.standing(today);
                task_row(t, standing, days_overdue(t, standing, today))
            })
            .collect(),
    };
    let text = templates
        .render("site-meeting.html", &page)
        .map_err(|e| e.to_string())?;
    let name = format!("{}{MEETING_PAGE_SUFFIX}", r.stem);
    Ok(write_atomic_unsynced_folder(
        &out.join(name),
        text.as_bytes(),
    )?)
}

/// The index: every document, newest first, grouped by year.
fn index_page(
    per_meeting: &[Vec<IndexEntry>],
    common: &Common,
    templates: &Templates,
) -> Result<String, Box<dyn std::error::Error>> {
    let mut all: Vec<IndexEntry> = per_meeting.iter().flatten().cloned().collect();
    all.sort_by(|a, b| {
        b.sort_date
            .cmp(&a.sort_date)
            .then_with(|| a.meeting.href.cmp(&b.meeting.href))
            .then_with(|| a.kind.cmp(&b.kind))
    });
    let mut years: BTreeMap<std::cmp::Reverse<i32>, Vec<IndexEntry>> = BTreeMap::new();
    for e in all {
        let year = e.sort_date[..4].parse().unwrap_or(0);
        years.entry(std::cmp::Reverse(year)).or_default().push(e);
    }
    let years: Vec<Year> = years
        .into_iter()
        .map(|(y, entries)| Year { year: y.0, entries })
        .collect();
    #[derive(Serialize)]
    struct IndexPage<'a> {
        common: &'a Common,
        years: Vec<Year>,
        documents: usize,
    }
    let documents = years.iter().map(|y| y.entries.len()).sum();
    let page = IndexPage {
        common,
        years,
        documents,
    };
    Ok(templates.render("site-index.html", &page)?)
}

/// The task dashboard on `today`, over every task of the site.
fn dashboard_page(
    recorded: &[Recorded],
    files: &BTreeMap<String, units::UnitFiles>,
    common: &Common,
    templates: &Templates,
    today: Date,
) -> Result<String, Box<dyn std::error::Error>> {
    let tasks: Vec<&TrackedTask> = recorded.iter().flat_map(|r| &r.record.tasks).collect();
    let units = by_lead(tasks.iter().copied(), today);
    let mut overdue: Vec<TaskRow> = tasks
        .iter()
        .filter(|t| t.standing(today) == Standing::OpenOverdue)
        .map(|t| {
            let standing = Standing::OpenOverdue;
            task_row(t, standing, days_overdue(t, standing, today))
        })
        .collect();
    overdue.sort_by(|a, b| b.days.cmp(&a.days).then_with(|| a.number.cmp(&b.number)));
    let mut soon: Vec<(Date, TaskRow)> = tasks
        .iter()
        .filter(|t| t.standing(today) == Standing::OpenInTime)
        .filter_map(|t| {
            let d = t.deadline()?;
            let left = today.days_until(d);
            (0..=DUE_SOON_DAYS)
                .contains(&left)
                .then(|| (d, task_row(t, Standing::OpenInTime, left)))
        })
        .collect();
    soon.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.number.cmp(&b.1.number)));
    /// A unit's counts and the links to its files.
    #[derive(Serialize)]
    struct UnitRow<'a> {
        #[serde(flatten)]
        summary: &'a crate::tracking::UnitSummary,
        files: Option<&'a units::UnitFiles>,
    }
    let rows: Vec<UnitRow> = units
        .iter()
        .map(|u| UnitRow {
            summary: u,
            files: files.get(&crate::tracking::fold(&u.unit)),
        })
        .collect();
    #[derive(Serialize)]
    struct Dashboard<'a> {
        common: &'a Common,
        chart: String,
        units: Vec<UnitRow<'a>>,
        total: usize,
        overdue: Vec<TaskRow>,
        soon: Vec<TaskRow>,
        soon_days: i64,
    }
    let page = Dashboard {
        common,
        chart: chart::stacked_bars(&units),
        units: rows,
        total: tasks.len(),
        overdue,
        soon: soon.into_iter().map(|(_, r)| r).collect(),
        soon_days: DUE_SOON_DAYS,
    };
    Ok(templates.render("site-tasks.html", &page)?)
}

/// Renders the site's pages into `out` from what the build recorded of each
/// meeting: a meeting's own page only when it is stale (the meeting changed,
/// the day changed, or the page is missing); the index and the dashboard
/// unless `lists_fresh` (made from these very records, day and templates).
/// Returns how many files changed.
fn write_pages(
    out: &Path,
    recorded: &[Recorded],
    templates: &Templates,
    today: Date,
    lists_fresh: bool,
    templates_digest: Digest32,
) -> Result<usize, Box<dyn std::error::Error>> {
    let common = Common {
        generator: format!("ketluan {}", env!("CARGO_PKG_VERSION")),
        today: today.numeric(),
    };
    // Every page is written unsynced; the folder is synced once at the end.
    let write = |name: &str, text: String| -> std::io::Result<usize> {
        write_atomic_unsynced_folder(&out.join(name), text.as_bytes()).map(usize::from)
    };
    // Each meeting's index entries, for the index and its page.
    let per_meeting: Vec<Vec<IndexEntry>> = recorded
        .iter()
        .map(|r| entries(&r.record, &r.stem))
        .collect();
    let mut written = 0;
    if !lists_fresh {
        written += write(INDEX, index_page(&per_meeting, &common, templates)?)?;
        let tasks: Vec<TrackedTask> = recorded
            .iter()
            .flat_map(|r| r.record.tasks.iter().cloned())
            .collect();
        // The reminders' issuer and signer: the first meeting with a signer.
        let first_signed = || {
            recorded.iter().find_map(|r| {
                let m = match &r.meeting {
                    Some(m) => m.clone(),
                    None => load_meeting(&r.file).meeting?,
                };
                m.signer.is_some().then_some(m)
            })
        };
        // The units' files are not pages: they are not counted.
        let (files, _) = units::write_unit_files(
            out,
            &tasks,
            &first_signed,
            templates,
            templates_digest,
            today,
        )?;
        written += write(
            DASHBOARD,
            dashboard_page(recorded, &files, &common, templates, today)?,
        )?;
    }
    // One page per meeting whose page is stale, side by side; the meetings
    // not loaded by the build are read here (a new day: every page changes).
    let pages: Vec<Result<bool, Box<dyn std::error::Error + Send + Sync>>> = recorded
        .par_iter()
        .zip(&per_meeting)
        .filter(|(r, _)| {
            r.page_stale
                || !out
                    .join(format!("{}{MEETING_PAGE_SUFFIX}", r.stem))
                    .is_file()
        })
        .filter_map(|(r, documents)| {
            let loaded;
            let m = match &r.meeting {
                Some(m) => m,
                None => {
                    loaded = load_meeting(&r.file).meeting?;
                    &loaded
                }
            };
            Some(meeting_page(
                out, r, m, documents, &common, templates, today,
            ))
        })
        .collect();
    for page in pages {
        if page.map_err(|e| e as Box<dyn std::error::Error>)? {
            written += 1;
        }
    }
    if written > 0 {
        sync_dir(out);
    }
    Ok(written)
}

/// A digest of what the index and the dashboard depend on besides the
/// records: the day, the templates, the meetings on the site.
fn lists_inputs(recorded: &[Recorded], templates: Digest32, today: Date) -> Digest32 {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(today.iso());
    h.update(templates);
    for r in recorded {
        h.update((r.stem.len() as u64).to_le_bytes());
        h.update(&r.stem);
    }
    h.finalize().into()
}

/// Builds the site into `options.out`: the documents of `files` in HTML,
/// PDF and DOCX (incremental), then the index, the meeting pages and the
/// dashboard on `today`. Meetings with errors are reported by the build and
/// left out of the pages. What the pages need of each meeting comes from
/// the build ([`Engine::run_recording`]): a meeting that did not change is
/// neither read nor composed again.
///
/// `kept`: the manifest a long-lived caller (`serve`) keeps between builds.
pub fn build(
    files: &[PathBuf],
    options: &Options,
    today: Date,
    report: Report,
    kept: &mut KeptManifest,
) -> Result<SiteSummary, Box<dyn std::error::Error>> {
    let options = Options {
        formats: SITE_FORMATS.to_vec(),
        ..options.clone()
    };
    std::fs::create_dir_all(&options.out)?;
    let engine = Engine::new(&options)?;
    let (build, recorded) = engine.run_recording(files, report, today, kept);
    let meetings = recorded.len();
    // A long-lived caller need not make the index and the dashboard again
    // when no record changed and neither did the day, the templates or the
    // meetings on the site.
    let inputs = lists_inputs(&recorded, engine.templates_digest(), today);
    let lists_fresh = kept.pages_made_from(inputs)
        && !recorded.iter().any(|r| r.record_changed)
        && [INDEX, DASHBOARD]
            .iter()
            .all(|p| options.out.join(p).is_file())
        && options
            .out
            .join(units::UNITS_DIR)
            .join(units::DIGESTS)
            .is_file();
    let pages = write_pages(
        &options.out,
        &recorded,
        engine.templates(),
        today,
        lists_fresh,
        engine.templates_digest(),
    );
    if pages.is_err() {
        kept.forget_pages();
    }
    let pages_written = pages?;
    Ok(SiteSummary {
        build,
        pages_written,
        meetings,
    })
}
