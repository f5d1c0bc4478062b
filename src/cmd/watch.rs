//! `ketluan watch`: render, then render again whenever a meeting file, a
//! defaults file (`ketluan.yaml`) or a template changes.
//!
//! Each round is an incremental `render` ([`Engine`]): the manifest decides
//! which meetings changed, so an edit to one meeting renders that one, an
//! edit to a `ketluan.yaml` the meetings under it, an edit to a template
//! every meeting; new files are picked up and deleted ones reported. Events
//! are debounced (editors save in several steps). A file with errors is
//! reported as `check` reports it and its previous outputs are kept.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use super::render::OutputArgs;
use super::{collect_meeting_files, CmdResult, DEFAULT_MEETINGS_DIR};
use crate::build::{Engine, Report};

/// Arguments of `watch`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Meeting files or folders to watch (default: meetings/).
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Wait this long after the last change before rendering (milliseconds).
    #[arg(long, default_value_t = 300, value_name = "MS")]
    pub debounce: u64,
}

/// One round: render what changed. Returns the meeting files seen (for
/// finding their defaults files to watch).
fn round(args: &Args) -> Vec<PathBuf> {
    let files = match collect_meeting_files(&args.paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("ketluan: {}: {e}", crate::tr!("diag.error"));
            return Vec::new();
        }
    };
    // Templates are read again each round, so an edit to one takes effect.
    match Engine::new(&args.output.options(false)) {
        Ok(engine) => {
            engine.run(&files, Report::Changes);
        }
        Err(e) => eprintln!("{}", crate::tr!("watch.build_failed", error = e)),
    }
    files
}

/// Watches, rendering after each burst of changes, until interrupted.
pub fn run(mut args: Args) -> CmdResult {
    if args.paths.is_empty() {
        args.paths.push(PathBuf::from(DEFAULT_MEETINGS_DIR));
    }
    let paths: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
    eprintln!("{}", crate::tr!("watch.watching", paths = paths.join(", ")));
    let never = AtomicBool::new(false);
    crate::watcher::watch(
        &args.paths,
        args.output.build.templates.as_deref(),
        Duration::from_millis(args.debounce),
        &never,
        || round(&args),
    )?;
    Ok(ExitCode::FAILURE)
}
