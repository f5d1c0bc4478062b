//! `ketluan tasks apply FILES… [--write] [--partial]`: the sheets units
//! sent back, checked row by row and written into the meeting files
//! (src/tracking/apply/).

use std::path::PathBuf;
use std::process::ExitCode;

use super::CmdResult;
use crate::date::Date;
use crate::tracking::apply::{self, Sheet};
use crate::tracking::archive::lead_names;

/// Arguments of `tasks apply`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The returned workbooks (.xlsx) or CSV files.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Meeting files or folders the tasks are in (default: meetings/).
    #[arg(long = "meetings", short = 'm')]
    pub meetings: Vec<PathBuf>,
    /// Write the changes into the meeting files (without it, only show them).
    #[arg(long)]
    pub write: bool,
    /// With --write, apply the rows that pass even when others are refused.
    #[arg(long, requires = "write")]
    pub partial: bool,
    /// The unit that sent the files (a department code or a name), when a
    /// sheet does not say it on its `Đơn vị:` line.
    #[arg(long)]
    pub lead: Option<String>,
    /// The day completion dates are judged against (default: today, Vietnam time).
    #[arg(long, value_parser = super::parse_date)]
    pub today: Option<Date>,
}

/// Applies returned sheets.
pub fn run(args: Args) -> CmdResult {
    let today = args.today.unwrap_or_else(Date::today);
    let meetings = if args.meetings.is_empty() {
        vec![PathBuf::from("meetings")]
    } else {
        args.meetings.clone()
    };
    let sheets: Vec<Sheet> = args
        .files
        .iter()
        .map(|p| Sheet {
            name: p.display().to_string(),
            path: p.clone(),
        })
        .collect();
    // A code in --lead is expanded with the directories of the archive.
    let lead = match &args.lead {
        Some(l) => {
            let set = crate::tracking::archive::load_tasks(&meetings, |_| {})?;
            Some(lead_names(l, &set.departments))
        }
        None => None,
    };
    let plan = apply::plan(&sheets, &meetings, lead.as_deref(), today)?;
    print!("{}", apply::listing(&plan));
    let error = crate::tr!("diag.error");
    for p in &plan.refused {
        eprintln!("{}: {error}: {}", p.at, p.message);
    }
    for name in &plan.unknown_senders {
        eprintln!("{name}: {}", crate::tr!("apply.sender_unknown"));
    }
    let changes: usize = plan.files.iter().map(|f| f.changes.len()).sum();
    let summary = crate::tr!(
        "apply.summary",
        rows = plan.rows,
        changes = changes,
        files = plan.files.len(),
        unchanged = plan.unchanged,
        refused = plan.refused.len()
    );
    eprintln!("{summary}");
    let refused = !plan.refused.is_empty();
    if !args.write {
        if changes > 0 {
            eprintln!("{}", crate::tr!("apply.dry_run"));
        }
    } else if refused && !args.partial {
        eprintln!("{}", crate::tr!("apply.nothing_written"));
    } else {
        plan.write()?;
        eprintln!("{}", crate::tr!("apply.written", files = plan.files.len()));
    }
    Ok(if refused {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
