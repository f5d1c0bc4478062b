//! Watching the inputs of a build: the meeting files and folders, the
//! `ketluan.yaml` files they use (also above the watched folders) and a
//! templates folder; after each burst of changes has been quiet for the
//! debounce time, the caller rebuilds. Shared by `watch` and `serve`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};

use crate::incremental::absolute;
use crate::model::find_defaults;

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

/// How often a wait looks at the stop flag.
const POLL: Duration = Duration::from_millis(100);

/// Calls `build` (which returns the meeting files it saw), then again after
/// every burst of relevant changes, until `stop` is set. Returns `Err` when
/// the watch cannot be set up.
pub fn watch(
    paths: &[PathBuf],
    templates: Option<&Path>,
    debounce: Duration,
    stop: &AtomicBool,
    mut build: impl FnMut() -> Vec<PathBuf>,
) -> notify::Result<()> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let _ = tx.send(res);
    })?;
    // Folders recursively; a file through its folder (editors often replace
    // a file by renaming a new one over it, which a watch on the file misses).
    let mut roots: Vec<PathBuf> = Vec::new();
    for p in paths {
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
    let templates = templates.map(absolute);
    if let Some(t) = &templates {
        watcher.watch(t, RecursiveMode::NonRecursive)?;
    }
    let mut extra: BTreeSet<PathBuf> = BTreeSet::new();
    while !stop.load(Ordering::Relaxed) {
        let files = build();
        // Defaults files above the watched folders are watched too.
        for f in &files {
            let Some(d) = find_defaults(f).and_then(|d| d.parent().map(Path::to_path_buf)) else {
                continue;
            };
            if !roots.iter().any(|r| d.starts_with(r)) && extra.insert(d.clone()) {
                if let Err(e) = watcher.watch(&d, RecursiveMode::NonRecursive) {
                    eprintln!(
                        "{}",
                        crate::tr!("watch.cannot_watch", path = d.display(), error = e)
                    );
                }
            }
        }
        // Wait for a relevant change, then for quiet.
        loop {
            if stop.load(Ordering::Relaxed) {
                return Ok(());
            }
            match rx.recv_timeout(POLL) {
                Ok(Ok(event)) if relevant(&event, templates.as_deref()) => break,
                Ok(Ok(_)) | Err(mpsc::RecvTimeoutError::Timeout) => {}
                Ok(Err(e)) => eprintln!("{}", crate::tr!("watch.error", error = e)),
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
            }
        }
        while let Ok(res) = rx.recv_timeout(debounce) {
            if let Err(e) = res {
                eprintln!("{}", crate::tr!("watch.error", error = e));
            }
        }
    }
    Ok(())
}
