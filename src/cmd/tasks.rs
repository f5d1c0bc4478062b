//! `ketluan tasks`: every assigned task of every meeting, filtered, in a
//! table, CSV, JSON, iCalendar or Markdown; `--by-lead` counts per unit;
//! `--format xlsx` the workbook a unit fills to report its progress
//! (src/tracking/xlsx.rs), one per lead unit with `--split-by-lead`.

use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;

use clap::builder::PossibleValue;

use super::{print_diagnostics, CmdResult};
use crate::date::Date;
use crate::model::Status;
pub use crate::tracking::archive::{lead_names, TaskSet};
use crate::tracking::export::{self, ListFormat};
use crate::tracking::{archive, by_lead, fold, unit_matches, xlsx, Filter, TrackedTask};

/// The formats of `tasks`: the text ones of [`ListFormat`], and the workbook.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A text format.
    List(ListFormat),
    /// The task-progress workbook ([`xlsx`]).
    Xlsx,
}

impl clap::ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        static ALL: OnceLock<Vec<Format>> = OnceLock::new();
        ALL.get_or_init(|| {
            let lists = ListFormat::value_variants()
                .iter()
                .map(|f| Format::List(*f));
            lists.chain([Format::Xlsx]).collect()
        })
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        match self {
            Format::List(f) => f.to_possible_value(),
            Format::Xlsx => Some(PossibleValue::new("xlsx")),
        }
    }
}

/// What `tasks` does besides listing.
#[derive(clap::Subcommand, Debug)]
pub enum Action {
    /// Read the sheets units sent back and write their answers into the meeting files.
    Apply(super::tasks_apply::Args),
}

/// Arguments of `tasks`.
#[derive(clap::Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    /// `tasks apply`.
    #[command(subcommand)]
    pub action: Option<Action>,
    /// Meeting files or folders (default: meetings/).
    pub paths: Vec<PathBuf>,
    /// Only tasks led by this unit: a department code (SNV) or a name, with
    /// or without diacritics ("so noi vu" finds "Sở Nội vụ").
    #[arg(long)]
    pub lead: Option<String>,
    /// Only tasks in this state.
    #[arg(long, value_parser = super::Choices::new(&["open", "done", "cancelled"], parse_status))]
    pub status: Option<Status>,
    /// Only tasks whose deadline (the extended one if granted) is before this day.
    #[arg(long, value_parser = super::parse_date)]
    pub due_before: Option<Date>,
    /// Only open tasks past their deadline.
    #[arg(long)]
    pub overdue: bool,
    /// The day to judge deadlines by (default: today, Vietnam time).
    #[arg(long, value_parser = super::parse_date)]
    pub today: Option<Date>,
    /// Count per lead unit: hoàn thành đúng hạn / quá hạn, chưa hoàn thành trong hạn / quá hạn, hủy.
    #[arg(long)]
    pub by_lead: bool,
    /// Output format (default: table on a terminal, csv otherwise).
    #[arg(long, short, value_enum)]
    pub format: Option<Format>,
    /// Start CSV output with a byte order mark, so that Excel reads it as UTF-8.
    #[arg(long)]
    pub bom: bool,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// One workbook per lead unit (`--format xlsx`), in the folder `--out`.
    #[arg(long, requires = "out", conflicts_with_all = ["output", "by_lead"])]
    pub split_by_lead: bool,
    /// The folder of `--split-by-lead`'s workbooks.
    #[arg(long, requires = "split_by_lead")]
    pub out: Option<PathBuf>,
}

fn parse_status(s: &str) -> Result<Status, String> {
    match s {
        "open" => Ok(Status::Open),
        "done" => Ok(Status::Done),
        "cancelled" => Ok(Status::Cancelled),
        _ => Err(crate::tr!("tasks.bad_status")),
    }
}

/// Every task of the meetings under `paths`, each file's problems printed
/// on stderr once (files with errors are left out).
pub fn load_tasks(paths: &[PathBuf]) -> Result<TaskSet, String> {
    let mut seen = HashSet::new();
    archive::load_tasks(paths, |loaded| {
        print_diagnostics(loaded, &mut seen);
    })
}

/// Lists tasks (or applies returned sheets: `tasks apply`).
pub fn run(args: Args) -> CmdResult {
    if let Some(Action::Apply(apply)) = args.action {
        return super::tasks_apply::run(apply);
    }
    let set = load_tasks(&args.paths)?;
    let today = args.today.unwrap_or_else(Date::today);
    let lead = args
        .lead
        .as_deref()
        .map(|l| lead_names(l, &set.departments));
    let filter = Filter {
        lead: lead.clone(),
        status: args.status,
        due_before: args.due_before,
        overdue: args.overdue,
        ..Filter::default()
    };
    let kept: Vec<TrackedTask> = set
        .tasks
        .into_iter()
        .filter(|t| filter.keeps(t, today))
        .collect();
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let format = match args.format {
        Some(Format::List(_)) if args.split_by_lead => {
            return Err(crate::tr!("tasks.split_needs_xlsx").into())
        }
        Some(f) => f,
        None if args.split_by_lead => Format::Xlsx,
        None if to_terminal => Format::List(ListFormat::Table),
        None => Format::List(ListFormat::Csv),
    };
    let bytes = match format {
        Format::Xlsx if args.by_lead => return Err(crate::tr!("tasks.by_lead_xlsx").into()),
        Format::Xlsx => {
            if let Some(dir) = &args.out {
                split(dir, &kept, lead.as_deref(), &set.departments, today)?;
                return Ok(exit_code(set.failed));
            }
            if to_terminal {
                return Err(crate::tr!("tasks.xlsx_terminal").into());
            }
            let unit = lead.as_deref().map(|w| unit_name(w, &kept));
            let refs: Vec<&TrackedTask> = kept.iter().collect();
            xlsx::workbook(&refs, unit.as_deref(), today)?
        }
        Format::List(format) if args.by_lead => {
            export::summary(&by_lead(&kept, today), format, args.bom)
                .ok_or_else(|| crate::tr!("tasks.by_lead_ics"))?
                .into_bytes()
        }
        Format::List(format) => export::tasks(&kept, today, format, args.bom).into_bytes(),
    };
    match &args.output {
        Some(path) => {
            crate::output::write_atomic(path, &bytes)?;
            eprintln!(
                "{}",
                crate::tr!("tasks.written", file = path.display(), n = kept.len())
            );
        }
        None => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = out.write_all(&bytes);
        }
    }
    Ok(exit_code(set.failed))
}

fn exit_code(failed: bool) -> ExitCode {
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The unit a `--lead` workbook is for: the one lead unit of the tasks kept
/// that matches, else the department's name for a code, else as typed.
fn unit_name(wanted: &[String], kept: &[TrackedTask]) -> String {
    let mut found: Vec<&String> = Vec::new();
    for unit in kept.iter().flat_map(|t| &t.lead) {
        if unit_matches(unit, wanted) && !found.iter().any(|f| fold(f) == fold(unit)) {
            found.push(unit);
        }
    }
    match found.as_slice() {
        [one] => one.to_string(),
        _ => wanted.last().cloned().unwrap_or_default(),
    }
}

/// `--split-by-lead`: one workbook per lead unit (of those `--lead` asks
/// for) written into `dir`, each line of the listing on stderr.
fn split(
    dir: &Path,
    kept: &[TrackedTask],
    wanted: Option<&[String]>,
    departments: &[(String, String)],
    today: Date,
) -> Result<(), Box<dyn std::error::Error>> {
    std::fs::create_dir_all(dir)?;
    for book in xlsx::split_by_lead(kept, departments) {
        if wanted.is_some_and(|w| !unit_matches(&book.unit, w)) {
            continue;
        }
        let bytes = xlsx::workbook(&book.tasks, Some(&book.unit), today)?;
        let path = dir.join(&book.file_name);
        crate::output::write_atomic_unsynced_folder(&path, &bytes)?;
        eprintln!(
            "{}",
            crate::tr!("tasks.written", file = path.display(), n = book.tasks.len())
        );
    }
    crate::output::sync_dir(dir);
    Ok(())
}
