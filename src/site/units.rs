//! The dashboard's files for each lead unit, in [`UNITS_DIR`]: the
//! workbook of its tasks (the sheet of `tasks --format xlsx`, which the unit
//! fills and sends back for `tasks apply`) and, when it has tasks past their
//! deadline or due within [`DUE_SOON_DAYS`], the draft of its reminder
//! letter (`ketluan remind`) in PDF/A and DOCX.
//!
//! They are made from the build's records, like the dashboard, so a task's
//! text is the recorded one (its first [`RECORDED_WHAT`] characters; the
//! ids, deadlines and standings are whole). Files are named after the
//! unit's name (`nv-so-noi-vu.xlsx`, `don-doc-so-noi-vu.pdf`): the records
//! do not keep the departments' codes. A unit's file is made again only
//! when what it is made from changed (its tasks, the day, the templates):
//! a digest of that per file is kept in [`DIGESTS`], and a file the current
//! archive no longer makes (a unit with nothing left to remind) is deleted.
//!
//! [`RECORDED_WHAT`]: crate::incremental::RECORDED_WHAT

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use super::{Link, DUE_SOON_DAYS};
use crate::date::Date;
use crate::incremental::{hex, Digest32};
use crate::model::Meeting;
use crate::output::{write_atomic_unsynced_folder, write_cache};
use crate::render::{renderer_for, Format, RenderOptions};
use crate::template::Templates;
use crate::tracking::remind::{self, compose_reminder, due_by_unit, Issue};
use crate::tracking::{fold, xlsx, TrackedTask};

/// The folder of the units' files, in the site.
pub const UNITS_DIR: &str = "don-vi";

/// The digests of the files made, `<file> <hex digest>` a line (a dot
/// file: `serve` does not serve it).
pub const DIGESTS: &str = ".ketluan-don-vi";

/// The formats of a reminder on the site.
const REMINDER_FORMATS: [Format; 2] = [Format::Pdf, Format::Docx];

/// A unit's files, as the dashboard links them.
#[derive(Clone, Debug, Default, Serialize)]
pub struct UnitFiles {
    /// Its workbook.
    pub workbook: Option<Link>,
    /// Its reminder letter (PDF, DOCX), none when nothing is due.
    pub reminder: Vec<Link>,
}

/// One file to have in the folder: its name, the digest of its inputs, and
/// how to make it.
struct Planned<'a> {
    name: String,
    digest: Digest32,
    make: Make<'a>,
}

enum Make<'a> {
    Workbook(xlsx::LeadBook<'a>),
    Reminder(usize, Format),
}

fn digest_of(parts: &[&[u8]]) -> Digest32 {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p);
    }
    h.finalize().into()
}

/// The tasks' fields, as the digest sees them.
fn tasks_bytes(tasks: &[&TrackedTask]) -> Vec<u8> {
    serde_json::to_vec(tasks).unwrap_or_default()
}

/// Writes the units' files into `out/don-vi/` (those whose inputs changed)
/// and gives each unit's links, by its folded name. `meeting` gives the
/// reminders their issuer, signer and layout (the archive's first meeting
/// with a signer, loaded only when a reminder is to be made); `templates`
/// and their digest are the build's. Returns the links and how many files
/// were written or deleted.
pub fn write_unit_files(
    out: &Path,
    tasks: &[TrackedTask],
    meeting: &dyn Fn() -> Option<Meeting>,
    templates: &Templates,
    templates_digest: Digest32,
    today: Date,
) -> Result<(BTreeMap<String, UnitFiles>, usize), Box<dyn std::error::Error>> {
    let dir = out.join(UNITS_DIR);
    std::fs::create_dir_all(&dir)?;
    let day = today.iso();
    let version = env!("CARGO_PKG_VERSION").as_bytes();
    let mut links: BTreeMap<String, UnitFiles> = BTreeMap::new();
    let mut planned: Vec<Planned> = Vec::new();
    for book in xlsx::split_by_lead(tasks, &[]) {
        let digest = digest_of(&[
            version,
            day.as_bytes(),
            book.unit.as_bytes(),
            &tasks_bytes(&book.tasks),
        ]);
        links.entry(fold(&book.unit)).or_default().workbook = Some(Link {
            label: "xlsx".to_string(),
            href: format!("{UNITS_DIR}/{}", book.file_name),
        });
        planned.push(Planned {
            name: book.file_name.clone(),
            digest,
            make: Make::Workbook(book),
        });
    }
    let due = due_by_unit(tasks, today, DUE_SOON_DAYS as u32);
    for (i, unit) in due.iter().enumerate() {
        let stem = remind::file_stem(&unit.unit);
        let digest = digest_of(&[
            version,
            day.as_bytes(),
            &templates_digest,
            unit.unit.as_bytes(),
            &tasks_bytes(&unit.tasks),
        ]);
        for format in REMINDER_FORMATS {
            let name = format!("{stem}.{}", format.extension());
            links
                .entry(fold(&unit.unit))
                .or_default()
                .reminder
                .push(Link {
                    label: format.extension().to_uppercase(),
                    href: format!("{UNITS_DIR}/{name}"),
                });
            planned.push(Planned {
                name,
                digest,
                make: Make::Reminder(i, format),
            });
        }
    }
    // What the folder holds and was made from.
    let kept_text = std::fs::read_to_string(dir.join(DIGESTS)).unwrap_or_default();
    let kept: BTreeMap<String, String> = kept_text
        .lines()
        .filter_map(|l| l.split_once(' '))
        .map(|(name, digest)| (name.to_string(), digest.to_string()))
        .collect();
    let is_stale =
        |p: &Planned| kept.get(&p.name) != Some(&hex(&p.digest)) || !dir.join(&p.name).is_file();
    let needs_letter = planned
        .iter()
        .any(|p| matches!(p.make, Make::Reminder(..)) && is_stale(p));
    let issuer = if needs_letter { meeting() } else { None };
    if needs_letter && issuer.is_none() {
        // No meeting with a signer: no letter to draft.
        planned.retain(|p| matches!(p.make, Make::Workbook(_)));
        for files in links.values_mut() {
            files.reminder.clear();
        }
    }
    let stale: Vec<&Planned> = planned.iter().filter(|p| is_stale(p)).collect();
    let issue = Issue {
        today,
        within: DUE_SOON_DAYS as u32,
        number: None,
        date: None,
        report_by: today
            .add_days(i64::from(remind::DEFAULT_REPORT_DAYS))
            .unwrap_or(today),
    };
    let options = RenderOptions {
        no_pdfa: false,
        font_dir: None,
        formats: REMINDER_FORMATS.to_vec(),
        templates: None,
    };
    let made: Vec<Result<bool, String>> = stale
        .par_iter()
        .map(|p| {
            let bytes = match &p.make {
                Make::Workbook(book) => xlsx::workbook(&book.tasks, Some(&book.unit), today)
                    .map_err(|e| e.to_string())?,
                Make::Reminder(i, format) => {
                    let Some(m) = &issuer else {
                        return Ok(false);
                    };
                    let letter = compose_reminder(&due[*i], &[], m, &issue, templates)
                        .map_err(|e| e.to_string())?;
                    renderer_for(*format, &options)
                        .render(&letter)
                        .map_err(|e| e.to_string())?
                }
            };
            write_atomic_unsynced_folder(&dir.join(&p.name), &bytes).map_err(|e| e.to_string())
        })
        .collect();
    let mut changed = 0;
    for m in made {
        changed += usize::from(m?);
    }
    // Files of units that have none now.
    for name in kept.keys() {
        if !planned.iter().any(|p| p.name == *name) && std::fs::remove_file(dir.join(name)).is_ok()
        {
            changed += 1;
        }
    }
    let digests: String = planned
        .iter()
        .map(|p| format!("{} {}\n", p.name, hex(&p.digest)))
        .collect();
    if digests != kept_text {
        write_cache(&dir.join(DIGESTS), digests.as_bytes())?;
    }
    if changed > 0 {
        crate::output::sync_dir(&dir);
    }
    Ok((links, changed))
}
