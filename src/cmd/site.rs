//! `ketluan site`: the archive as a static website ([`crate::site`]).

use std::path::PathBuf;
use std::process::ExitCode;

use super::render::BuildArgs;
use super::{collect_meeting_files, CmdResult};
use crate::build::Report;
use crate::date::Date;

/// Arguments of `site`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Meeting files or folders (default: meetings/).
    pub paths: Vec<PathBuf>,
    /// Folder of the site: index.html, nhiem-vu.html, one page per meeting,
    /// every document as HTML, PDF and DOCX.
    #[arg(long, short, default_value = "output/site")]
    pub out: PathBuf,
    /// The day of the task dashboard (default: today, Vietnam time).
    #[arg(long, value_parser = super::parse_date)]
    pub today: Option<Date>,
    #[command(flatten)]
    pub build: BuildArgs,
    /// Render every document again, even those unchanged.
    #[arg(long)]
    pub force: bool,
}

/// Builds the site; exit code 0 only when every meeting rendered.
pub fn run(args: Args) -> CmdResult {
    let files = collect_meeting_files(&args.paths)?;
    let today = args.today.unwrap_or_else(Date::today);
    let options = args.build.options(args.out.clone(), Vec::new(), args.force);
    let mut kept = crate::build::KeptManifest::default();
    let summary = crate::site::build(&files, &options, today, Report::auto(), &mut kept)?;
    eprintln!(
        "{}",
        crate::tr!(
            "site.done",
            meetings = summary.meetings,
            pages = summary.pages_written,
            index = args.out.join(crate::site::INDEX).display()
        )
    );
    Ok(if summary.build.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
