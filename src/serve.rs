//! The live preview (`ketluan serve`): the archive site ([`crate::site`])
//! built into a temporary folder and served over HTTP on this computer,
//! built again after every change to a meeting, a `ketluan.yaml` or a
//! template ([`crate::watcher`]), with every open page told to reload
//! itself (server-sent events).
//!
//! - HTTP is axum on a one-thread tokio runtime; the builds run on their
//!   own thread, writing atomically, so a page is always whole.
//! - Pages get two things the files on disk do not have: a small script
//!   that listens on `/__ketluan/events` and reloads the page when the
//!   build's version changes, and, while a meeting file has errors, a
//!   banner with the diagnostics as `check` prints them (the last good
//!   documents stay: a failed build never replaces them).
//! - Only files of the site are answered: the path is decoded once and
//!   refused when any segment is empty, `.`/`..`, hidden, or holds a
//!   backslash; the file found must be inside the site folder after
//!   resolving symbolic links. Everything else is 404.
//! - It binds 127.0.0.1 unless told otherwise, and stops on Ctrl-C
//!   (SIGINT): open event streams are closed, the temporary folder removed.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::extract::State;
use axum::http::{header, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::stream::{self, Stream};
use tokio::sync::watch;

use crate::build::{KeptManifest, Options, Report};
use crate::date::Date;
use crate::text::xml_escape;

/// The address of the event stream.
pub const EVENTS_PATH: &str = "/__ketluan/events";

/// What a preview serves and how it rebuilds.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// Meeting files or folders.
    pub paths: Vec<PathBuf>,
    /// How documents are built (the output folder is the preview's own).
    pub build: Options,
    /// The day of the task dashboard (`None`: today, at each build).
    pub today: Option<Date>,
    /// The address to bind.
    pub host: IpAddr,
    /// The port (0: any free port).
    pub port: u16,
    /// Quiet time after the last change before a rebuild.
    pub debounce: Duration,
}

/// What the server shares with the builder.
struct Shared {
    /// The site folder (resolved).
    root: PathBuf,
    /// The problems of the last build, as `check` prints them.
    problems: RwLock<Vec<String>>,
    /// The build's version: bumped after every build.
    version: watch::Sender<u64>,
    /// Set when the server stops: event streams end.
    stopping: watch::Sender<bool>,
}

/// The reload script added to every page served; `VERSION` is replaced by
/// the build the page was served from, so that a build finished before the
/// stream connects still reloads the page.
const RELOAD_SCRIPT: &str = r#"<script>
(function () {
  var seen = 'VERSION';
  var events = new EventSource('/__ketluan/events');
  events.onmessage = function (e) {
    if (e.data !== seen) { location.reload(); }
  };
})();
</script>"#;

/// A page as served: the file's HTML with the reload script and, when the
/// last build had problems, the banner that shows them.
fn decorate(html: &str, problems: &[String], version: u64) -> String {
    let script = RELOAD_SCRIPT.replace("VERSION", &version.to_string());
    let mut banner = String::new();
    if !problems.is_empty() {
        banner.push_str(
            "<aside id=\"ketluan-problems\" style=\"margin:0;padding:0.8em 1.2em;background:#fff3cd;border-bottom:3px solid #b00;color:#000;font:14px/1.4 monospace\">",
        );
        banner.push_str(&format!(
            "<strong style=\"font-family:serif;font-size:16px\">{}</strong>",
            xml_escape(&crate::tr!("serve.problems"))
        ));
        for p in problems {
            banner.push_str("<pre style=\"white-space:pre-wrap;margin:0.6em 0 0\">");
            banner.push_str(&xml_escape(p));
            banner.push_str("</pre>");
        }
        banner.push_str("</aside>");
    }
    let with_banner = match html.find("<body>") {
        Some(i) => format!("{}{banner}{}", &html[..i + 6], &html[i + 6..]),
        None => format!("{banner}{html}"),
    };
    match with_banner.rfind("</body>") {
        Some(i) => format!("{}{script}{}", &with_banner[..i], &with_banner[i..]),
        None => format!("{with_banner}{script}"),
    }
}

/// The file of the site a request path names, or `None` (then: 404).
pub fn resolve(root: &Path, raw_path: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(raw_path)
        .decode_utf8()
        .ok()?;
    let rest = decoded.strip_prefix('/')?;
    let rest = if rest.is_empty() { "index.html" } else { rest };
    let mut path = root.to_path_buf();
    for segment in rest.split('/') {
        let bad =
            segment.is_empty() || segment.starts_with('.') || segment.contains(['\\', '\0', ':']);
        if bad {
            return None;
        }
        path.push(segment);
    }
    // Symbolic links are followed, and must stay inside the site.
    let real = path.canonicalize().ok()?;
    (real.starts_with(root) && real.is_file()).then_some(real)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("pdf") => "application/pdf",
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Some("svg") => "image/svg+xml",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    }
}

async fn file(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    let not_found =
        || (StatusCode::NOT_FOUND, crate::tr!("serve.not_found") + "\n").into_response();
    let Some(path) = resolve(&shared.root, uri.path()) else {
        return not_found();
    };
    let Ok(bytes) = std::fs::read(&path) else {
        return not_found();
    };
    let kind = content_type(&path);
    let body = if kind.starts_with("text/html") {
        let problems = shared
            .problems
            .read()
            .map(|p| p.clone())
            .unwrap_or_default();
        let version = *shared.version.borrow();
        decorate(&String::from_utf8_lossy(&bytes), &problems, version).into_bytes()
    } else {
        bytes
    };
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

/// The version now, then every new version, until the server stops.
fn versions(shared: Arc<Shared>) -> impl Stream<Item = Result<Event, std::convert::Infallible>> {
    let version = shared.version.subscribe();
    let stopping = shared.stopping.subscribe();
    stream::unfold(
        (version, stopping, true),
        |(mut version, mut stopping, first)| async move {
            if !first {
                tokio::select! {
                    changed = version.changed() => changed.ok()?,
                    _ = stopping.changed() => return None,
                }
            }
            if *stopping.borrow() {
                return None;
            }
            let v = *version.borrow_and_update();
            Some((
                Ok(Event::default().data(v.to_string())),
                (version, stopping, false),
            ))
        },
    )
}

async fn events(State(shared): State<Arc<Shared>>) -> impl IntoResponse {
    Sse::new(versions(shared)).keep_alive(KeepAlive::default())
}

/// Builds the site into the preview's folder and records its problems.
fn rebuild(options: &ServeOptions, shared: &Shared, kept: &mut KeptManifest) -> Vec<PathBuf> {
    let files = match crate::model::load::collect_meeting_files(&options.paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("ketluan: {}: {e}", crate::tr!("diag.error"));
            if let Ok(mut p) = shared.problems.write() {
                *p = vec![e];
            }
            shared.version.send_modify(|v| *v += 1);
            return Vec::new();
        }
    };
    let build = Options {
        out: shared.root.clone(),
        ..options.build.clone()
    };
    let today = options.today.unwrap_or_else(Date::today);
    let problems = match crate::site::build(&files, &build, today, Report::Quiet, kept) {
        Ok(summary) => summary.build.problems,
        Err(e) => vec![format!("ketluan: {}: {e}", crate::tr!("diag.error"))],
    };
    if let Ok(mut p) = shared.problems.write() {
        *p = problems;
    }
    shared.version.send_modify(|v| *v += 1);
    files
}

/// Serves the preview until Ctrl-C. Prints the address to open on stdout.
pub fn serve(options: ServeOptions) -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::Builder::new()
        .prefix("ketluan-serve-")
        .tempdir()?;
    let shared = Arc::new(Shared {
        root: dir.path().canonicalize()?,
        problems: RwLock::new(Vec::new()),
        version: watch::channel(0).0,
        stopping: watch::channel(false).0,
    });
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let listener = runtime.block_on(tokio::net::TcpListener::bind(SocketAddr::new(
        options.host,
        options.port,
    )))?;
    let address = listener.local_addr()?;

    // Builds on their own thread, first once, then after every change,
    // until the server stops. The address is printed once the first build
    // is done and the files are watched: a change saved from then on is seen.
    let stop = Arc::new(AtomicBool::new(false));
    let (ready, is_ready) = std::sync::mpsc::channel();
    let builder = {
        let (shared, stop, options) = (shared.clone(), stop.clone(), options.clone());
        std::thread::spawn(move || {
            let templates = options.build.templates.clone();
            // The manifest stays in memory from one build to the next: this
            // server alone writes its folder.
            let mut kept = KeptManifest::memory_only();
            let result = crate::watcher::watch(
                &options.paths,
                templates.as_deref(),
                options.debounce,
                &stop,
                || {
                    let files = rebuild(&options, &shared, &mut kept);
                    let _ = ready.send(());
                    files
                },
            );
            if let Err(e) = result {
                eprintln!("{}", crate::tr!("watch.error", error = e));
            }
        })
    };
    if is_ready.recv().is_err() {
        let _ = builder.join();
        return Err(crate::tr!("serve.cannot_watch").into());
    }
    println!("{}", crate::tr!("serve.address", address = address));
    eprintln!(
        "{}",
        crate::tr!("serve.folder", folder = shared.root.display())
    );

    let app = Router::new()
        .route(EVENTS_PATH, get(events))
        .fallback(get(file))
        .with_state(shared.clone());
    let stopping = shared.clone();
    runtime.block_on(async move {
        let shutdown = async move {
            let _ = tokio::signal::ctrl_c().await;
            stopping.stopping.send_replace(true);
        };
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown)
            .await
    })?;
    stop.store(true, Ordering::Relaxed);
    let _ = builder.join();
    eprintln!("{}", crate::tr!("serve.stopped"));
    drop(dir);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_inside_the_site_are_served() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::write(root.join("index.html"), "<p>x</p>").unwrap();
        std::fs::write(root.join("a b.pdf"), "%PDF").unwrap();
        std::fs::write(root.join(".ketluan-manifest.json"), "{}").unwrap();
        // A link out of the site (on Windows, links need a privilege).
        let outside = tempfile::NamedTempFile::new().unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(outside.path(), root.join("link.html")).unwrap();
        #[cfg(not(unix))]
        drop(outside);
        assert_eq!(resolve(&root, "/"), Some(root.join("index.html")));
        assert_eq!(resolve(&root, "/index.html"), Some(root.join("index.html")));
        assert_eq!(resolve(&root, "/a%20b.pdf"), Some(root.join("a b.pdf")));
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/..%2f..%2fetc%2fpasswd",
            "/%252e%252e/etc/passwd",
            "//etc/passwd",
            "/..\\..\\etc\\passwd",
            "/.ketluan-manifest.json",
            "/link.html",
            "/index.html/",
            "/nothing.html",
            "/%ff.html",
            "index.html",
            "/C:/Windows/win.ini",
        ] {
            assert_eq!(resolve(&root, bad), None, "{bad}");
        }
    }

    #[test]
    fn pages_get_the_reload_script_and_the_problems() {
        let page = decorate("<html><body><p>x</p></body></html>", &[], 7);
        assert!(page.contains("EventSource('/__ketluan/events')"));
        assert!(page.contains("var seen = '7';"));
        assert!(page.ends_with("</script></body></html>"));
        let page = decorate(
            "<html><body><p>x</p></body></html>",
            &["a.yaml:3:5: lỗi: <sai>".to_string()],
            1,
        );
        assert!(page.contains("<body><aside id=\"ketluan-problems\""));
        assert!(page.contains("a.yaml:3:5: lỗi: &lt;sai&gt;"));
    }
}
