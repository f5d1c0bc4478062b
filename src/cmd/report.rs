//! `ketluan report`: the Báo cáo tình hình thực hiện nhiệm vụ of an archive,
//! as DOCX and/or PDF.

use std::path::PathBuf;
use std::process::ExitCode;

use super::print_diagnostics;
use super::CmdResult;
use crate::date::Date;
use crate::render::{Format, RenderOptions};
use crate::template::Templates;
use crate::tracking::archive::{lead_names, load_tasks};
use crate::tracking::report::{compose_report, Scope};
use crate::tracking::{Filter, TrackedTask};

/// Arguments of `report`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Meeting files or folders (default: meetings/).
    pub paths: Vec<PathBuf>,
    /// Folder for the report: `<out>/bao-cao-nhiem-vu-<ngày>.docx` / `.pdf`.
    #[arg(long, short, default_value = "output")]
    pub out: PathBuf,
    /// Formats, comma separated: docx, pdf.
    #[arg(long, short, value_delimiter = ',', default_value = "docx,pdf", value_parser = super::FORMATS)]
    pub format: Vec<Format>,
    /// The day the report is made for (default: today, Vietnam time).
    #[arg(long, value_parser = super::parse_date)]
    pub today: Option<Date>,
    /// Only tasks led by this unit (code or name, with or without diacritics).
    #[arg(long)]
    pub lead: Option<String>,
    /// Only meetings held on or after this day.
    #[arg(long, value_parser = super::parse_date)]
    pub from: Option<Date>,
    /// Only meetings held on or before this day.
    #[arg(long, value_parser = super::parse_date)]
    pub to: Option<Date>,
    /// Write plain PDF 1.7 instead of PDF/A-2b.
    #[arg(long)]
    pub no_pdfa: bool,
    /// Templates folder (report.md) instead of the built-in one.
    #[arg(long)]
    pub templates: Option<PathBuf>,
}

/// Writes the report.
pub fn run(args: Args) -> CmdResult {
    let mut seen = std::collections::HashSet::new();
    let mut set = load_tasks(&args.paths, |loaded| {
        print_diagnostics(loaded, &mut seen);
    })?;
    let today = args.today.unwrap_or_else(Date::today);
    let Some(first) = set.first.as_ref() else {
        eprintln!(
            "ketluan: {}: {}",
            crate::tr!("diag.error"),
            crate::tr!("report.no_meeting")
        );
        return Ok(ExitCode::FAILURE);
    };
    let lead = args
        .lead
        .as_deref()
        .map(|l| lead_names(l, &set.departments));
    let scope = Scope {
        from: args.from,
        to: args.to,
        // As the title prints it: the directory's name for a code, else
        // the unit as typed.
        lead: lead
            .as_ref()
            .map(|names| names.last().cloned().unwrap_or_default()),
    };
    let filter = Filter {
        lead,
        held_from: args.from,
        held_to: args.to,
        ..Filter::default()
    };
    // Moved, not copied: over a large archive the tasks are tens of MB.
    let tasks: Vec<TrackedTask> = std::mem::take(&mut set.tasks)
        .into_iter()
        .filter(|t| filter.keeps(t, today))
        .collect();
    let meetings = {
        let mut m: Vec<&str> = tasks.iter().map(|t| t.meeting.as_str()).collect();
        m.dedup();
        m.len()
    };
    let templates = match &args.templates {
        Some(dir) => Templates::from_dir(dir)?,
        None => Templates::embedded(),
    };
    let mut notice = compose_report(&tasks, meetings, first, today, &scope, &templates)?;
    // The document holds what the renderers need; the tasks go before them.
    let task_count = tasks.len();
    drop(tasks);
    let mut formats = args.format.clone();
    formats.sort();
    formats.dedup();
    notice.file_name = Some(format!("bao-cao-nhiem-vu-{}", today.iso()));
    let options = RenderOptions {
        no_pdfa: args.no_pdfa,
        font_dir: None,
        formats: formats.clone(),
        templates: Some(std::sync::Arc::new(templates)),
    };
    // The formats side by side (one per core): over 1,000 meetings the PDF
    // alone is most of the run.
    super::render_and_write(vec![notice], &formats, &options, &args.out)?;
    eprintln!(
        "{}",
        crate::tr!(
            "report.done",
            tasks = task_count,
            meetings = meetings,
            date = today.short()
        )
    );
    Ok(if set.failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
