//! `ketluan watch`: render, then render again whenever a meeting file, a
//! defaults file (`ketluan.yaml`) or a template changes.
//!
//! Each round is an incremental `render` ([`Engine`]): the manifest decides
//! which meetings changed, so an edit to one meeting renders that one, an
//! edit to a `ketluan.yaml` the meetings under it, an edit to a template
//! every meeting; new files are picked up and deleted ones reported. Events
//! are debounced (editors save in several steps). A file with errors is
//! reported as `check` reports it and its previous outputs are kept.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};

use super::render::OutputArgs;
use super::{collect_meeting_files, CmdResult, DEFAULT_MEETINGS_DIR};
use crate::build::{Engine, Report};
use crate::model::find_defaults;

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
            eprintln!("ketluan: lỗi: {e}");
            return Vec::new();
        }
    };
    // Templates are read again each round, so an edit to one takes effect.
    match Engine::new(&args.output.options(false)) {
        Ok(engine) => {
            engine.run(&files, Report::Changes);
        }
        Err(e) => eprintln!("ketluan: lỗi: {e}; giữ nguyên các tệp đã xuất"),
    }
    files
}

/// Whether an event can change an output: a YAML file, or anything in the
/// templates folder (not the outputs, the manifest or temporary files).
fn relevant(event: &notify::Event, templates: Option<&Path>) -> bool {
    if matches!(event.kind, EventKind::Access(_)) {
        return false;
    }
    event.paths.iter().any(|p| {
        let hidden = p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        let yaml = p.extension().is_some_and(|e| e == "yaml" || e == "yml");
        let template = templates.is_some_and(|t| p.starts_with(t));
        !hidden && (yaml || template)
    })
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Watches, rendering after each burst of changes, until interrupted.
pub fn run(mut args: Args) -> CmdResult {
    if args.paths.is_empty() {
        args.paths.push(PathBuf::from(DEFAULT_MEETINGS_DIR));
    }
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let _ = tx.send(res);
    })?;
    // Folders recursively; a file through its folder (editors often replace
    // a file by renaming a new one over it, which a watch on the file misses).
    let mut roots: Vec<PathBuf> = Vec::new();
    for p in &args.paths {
        if p.is_dir() {
            watcher.watch(p, RecursiveMode::Recursive)?;
            roots.push(absolute(p));
        } else {
            let parent = p
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            watcher.watch(parent, RecursiveMode::NonRecursive)?;
            roots.push(absolute(parent));
        }
    }
    let templates = args.output.templates.as_deref().map(absolute);
    if let Some(t) = &templates {
        watcher.watch(t, RecursiveMode::NonRecursive)?;
    }
    let mut extra: BTreeSet<PathBuf> = BTreeSet::new();
    let debounce = Duration::from_millis(args.debounce);
    eprintln!(
        "Đang theo dõi {} (Ctrl+C để dừng)",
        args.paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    loop {
        let files = round(&args);
        // Defaults files above the watched folders are watched too.
        for f in &files {
            let Some(d) = find_defaults(f).and_then(|d| d.parent().map(Path::to_path_buf)) else {
                continue;
            };
            if !roots.iter().any(|r| d.starts_with(r)) && extra.insert(d.clone()) {
                if let Err(e) = watcher.watch(&d, RecursiveMode::NonRecursive) {
                    eprintln!("{}: lỗi: không theo dõi được: {e}", d.display());
                }
            }
        }
        // Wait for a relevant change, then for quiet.
        loop {
            match rx.recv() {
                Ok(Ok(event)) if relevant(&event, templates.as_deref()) => break,
                Ok(Ok(_)) => {}
                Ok(Err(e)) => eprintln!("ketluan: lỗi khi theo dõi: {e}"),
                Err(_) => return Ok(ExitCode::FAILURE),
            }
        }
        while let Ok(res) = rx.recv_timeout(debounce) {
            if let Err(e) = res {
                eprintln!("ketluan: lỗi khi theo dõi: {e}");
            }
        }
    }
}
