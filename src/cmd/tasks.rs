//! `ketluan tasks`: every assigned task of every meeting, filtered, in a
//! table, CSV, JSON, iCalendar or Markdown; `--by-lead` counts per unit.

use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use super::{collect_meeting_files, print_diagnostics, CmdResult};
use crate::date::Date;
use crate::model::{load_meeting, Status};
use crate::tracking::export::{self, ListFormat};
use crate::tracking::{by_lead, collect, Filter, TrackedTask};

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

/// The tasks of an archive.
pub struct TaskSet {
    /// Every task, file by file, depth first.
    pub tasks: Vec<TrackedTask>,
    /// Every department directory entry seen (code, name).
    pub departments: Vec<(String, String)>,
    /// Whether a meeting file had errors (its tasks are left out).
    pub failed: bool,
    /// The first meeting with a notice (for the issuer and signer of a report).
    pub first: Option<crate::model::Meeting>,
}

/// Every task of the meetings under `paths` (files with errors are reported
/// on stderr and left out).
pub fn load_tasks(paths: &[PathBuf]) -> Result<TaskSet, String> {
    let files = collect_meeting_files(paths)?;
    let mut seen = HashSet::new();
    let mut tasks = Vec::new();
    let mut departments: Vec<(String, String)> = Vec::new();
    let mut failed = false;
    let mut first = None;
    // Files are read and validated in parallel; results are taken in path order.
    let loaded: Vec<_> = {
        use rayon::prelude::*;
        files.par_iter().map(|f| load_meeting(f)).collect()
    };
    for (file, loaded) in files.iter().zip(loaded) {
        print_diagnostics(&loaded, &mut seen);
        match loaded.meeting {
            Some(m) => {
                // A file without `agenda` yet (an invitation, minutes being
                // written) has no tasks to track: `collect` finds none.
                tasks.extend(collect(&m, file));
                for d in &m.departments {
                    if !departments.contains(d) {
                        departments.push(d.clone());
                    }
                }
                if m.signer.is_some() {
                    first.get_or_insert(m);
                }
            }
            None => failed = true,
        }
    }
    Ok(TaskSet {
        tasks,
        departments,
        failed,
        first,
    })
}

/// Expands a `--lead` value: the text itself and, when it is a department
/// code of the archive, the unit's full name.
pub fn lead_names(lead: &str, departments: &[(String, String)]) -> Vec<String> {
    let mut names = vec![lead.to_string()];
    names.extend(
        departments
            .iter()
            .filter(|(code, _)| code == lead.trim())
            .map(|(_, n)| n.clone()),
    );
    names
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
