//! `ketluan tasks`: every assigned task of every meeting, filtered, in a
//! table, CSV, JSON, iCalendar or Markdown; `--by-lead` counts per unit.

use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use super::{print_diagnostics, CmdResult};
use crate::date::Date;
use crate::model::Status;
pub use crate::tracking::archive::{lead_names, TaskSet};
use crate::tracking::export::{self, ListFormat};
use crate::tracking::{archive, by_lead, Filter, TrackedTask};

/// Arguments of `tasks`.
#[derive(clap::Args, Debug)]
pub struct Args {
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
    pub format: Option<ListFormat>,
    /// Start CSV output with a byte order mark, so that Excel reads it as UTF-8.
    #[arg(long)]
    pub bom: bool,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
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

/// Lists tasks.
pub fn run(args: Args) -> CmdResult {
    let set = load_tasks(&args.paths)?;
    let today = args.today.unwrap_or_else(Date::today);
    let lead = args
        .lead
        .as_deref()
        .map(|l| lead_names(l, &set.departments));
    let filter = Filter {
        lead,
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
    let format = args.format.unwrap_or(if to_terminal {
        ListFormat::Table
    } else {
        ListFormat::Csv
    });
    let text = if args.by_lead {
        export::summary(&by_lead(&kept, today), format, args.bom)
            .ok_or_else(|| crate::tr!("tasks.by_lead_ics"))?
    } else {
        export::tasks(&kept, today, format, args.bom)
    };
    match &args.output {
        Some(path) => {
            crate::output::write_atomic(path, text.as_bytes())?;
            eprintln!(
                "{}",
                crate::tr!("tasks.written", file = path.display(), n = kept.len())
            );
        }
        None => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = out.write_all(text.as_bytes());
        }
    }
    Ok(if set.failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
