//! `ketluan remind`: the công văn đôn đốc, one per lead unit with tasks
//! past their deadline or due within some days, as DOCX, PDF and/or HTML
//! (see [`crate::tracking::remind`]).

use std::path::PathBuf;
use std::process::ExitCode;

use super::print_diagnostics;
use super::{fail, CmdResult};
use crate::date::Date;
use crate::render::{Format, RenderOptions};
use crate::template::Templates;
use crate::tracking::archive::{lead_names, load_tasks};
use crate::tracking::remind::{compose_reminder, due_by_unit, Issue, DEFAULT_REPORT_DAYS};
use crate::tracking::unit_matches;

/// Arguments of `remind`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Meeting files or folders (default: meetings/).
    pub paths: Vec<PathBuf>,
    /// Folder for the letters: `<out>/don-doc-<unit>.docx` / `.pdf`.
    #[arg(long, short, default_value = "output")]
    pub out: PathBuf,
    /// Formats, comma separated: docx, pdf, html.
    #[arg(long, short, value_delimiter = ',', default_value = "docx,pdf", value_parser = super::FORMATS)]
    pub format: Vec<Format>,
    /// The day deadlines are judged on (default: today, Vietnam time).
    #[arg(long, value_parser = super::parse_date)]
    pub today: Option<Date>,
    /// Only the letter of this unit (code or name, with or without diacritics).
    #[arg(long)]
    pub lead: Option<String>,
    /// Also the open tasks due within this many days (0: overdue and due today).
    #[arg(long, default_value_t = crate::tracking::remind::DEFAULT_WITHIN)]
    pub within: u32,
    /// The letter's number (one letter only: with --lead); default: blank.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=999_999))]
    pub number: Option<u32>,
    /// The letter's date of issue; default: blank, as a draft.
    #[arg(long, value_parser = super::parse_date)]
    pub date: Option<Date>,
    /// The day the units are asked to report by (default: 7 days after the date).
    #[arg(long, value_parser = super::parse_date)]
    pub report_by: Option<Date>,
    /// Write plain PDF 1.7 instead of PDF/A-2b.
    #[arg(long)]
    pub no_pdfa: bool,
    /// Templates folder (don-doc.md) instead of the built-in one.
    #[arg(long)]
    pub templates: Option<PathBuf>,
}

/// Prints an error of the command's own and gives its exit code.
/// Writes the letters.
pub fn run(args: Args) -> CmdResult {
    let mut seen = std::collections::HashSet::new();
    let set = load_tasks(&args.paths, |loaded| {
        print_diagnostics(loaded, &mut seen);
    })?;
    let today = args.today.unwrap_or_else(Date::today);
    let Some(first) = set.first.as_ref() else {
        return fail(crate::tr!("remind.no_meeting"));
    };
    let wanted = args
        .lead
        .as_deref()
        .map(|l| lead_names(l, &set.departments));
    if let Some(wanted) = &wanted {
        let known = set.tasks.iter().flat_map(|t| &t.lead);
        if !known.clone().any(|u| unit_matches(u, wanted)) {
            return fail(crate::tr!(
                "remind.no_such_unit",
                lead = args.lead.as_deref().unwrap_or_default()
            ));
        }
    }
    let units: Vec<_> = due_by_unit(&set.tasks, today, args.within)
        .into_iter()
        .filter(|u| wanted.as_ref().is_none_or(|w| unit_matches(&u.unit, w)))
        .collect();
    if args.number.is_some() && units.len() != 1 {
        return fail(crate::tr!("remind.number_needs_one", n = units.len()));
    }
    let issue = Issue {
        today,
        within: args.within,
        number: args.number,
        date: args.date,
        report_by: args.report_by.unwrap_or_else(|| {
            let from = args.date.unwrap_or(today);
            from.add_days(i64::from(DEFAULT_REPORT_DAYS))
                .unwrap_or(from)
        }),
    };
    let templates = match &args.templates {
        Some(dir) => Templates::from_dir(dir)?,
        None => Templates::embedded(),
    };
    let letters = units
        .iter()
        .map(|u| compose_reminder(u, &set.departments, first, &issue, &templates))
        .collect::<Result<Vec<_>, _>>()?;
    let mut formats = args.format.clone();
    formats.sort();
    formats.dedup();
    let options = RenderOptions {
        no_pdfa: args.no_pdfa,
        font_dir: None,
        formats: formats.clone(),
        templates: Some(std::sync::Arc::new(templates)),
    };
    super::render_and_write(letters, &formats, &options, &args.out)?;
    let tasks: usize = units.iter().map(|u| u.tasks.len()).sum();
    eprintln!(
        "{}",
        if units.is_empty() {
            crate::tr!("remind.none", within = args.within, date = today.short())
        } else {
            crate::tr!(
                "remind.done",
                letters = units.len(),
                tasks = tasks,
                within = args.within,
                date = today.short()
            )
        }
    );
    Ok(if set.failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
