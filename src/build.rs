//! The build engine shared by `render`, `watch`, `site` and `serve`: find
//! what changed, render it in parallel, write it, report per file.
//!
//! Meetings are rendered in parallel (a rayon pool, `jobs`); fonts are
//! parsed and templates compiled once per [`Engine`] and shared by every
//! worker. A meeting whose inputs have not changed since its outputs were
//! written is skipped ([`crate::incremental`]). Per-file lines come out in
//! the order of the files (sorted by path) whatever order the workers finish
//! in; on a terminal a progress bar takes their place. A failure in one
//! meeting never stops the others. Outputs go to one folder, written
//! atomically; `serve` points it at a temporary folder.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::IsTerminal;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Instant;

use rayon::prelude::*;

use crate::diag::stderr_color;
use crate::document::{compose, Document};
use crate::incremental::{
    absolute, templates_digest, up_to_date, Entry, KeyContext, Manifest, OutputRecord,
};
use crate::model::DocumentKind;
use crate::model::{load::load_read, load_meeting};
use crate::output::{sync_dir, write_atomic_unsynced_folder};
use crate::render::{renderer_for, Format, RenderOptions, Renderer};
use crate::template::Templates;

/// What a build writes and how.
#[derive(Clone, Debug)]
pub struct Options {
    /// The output folder.
    pub out: PathBuf,
    /// The formats to write.
    pub formats: Vec<Format>,
    /// The documents to write (each only for the files that ask for it).
    pub documents: Vec<DocumentKind>,
    /// Plain PDF 1.7 instead of PDF/A-2b.
    pub no_pdfa: bool,
    /// The user's own fonts for the PDF.
    pub font_dir: Option<PathBuf>,
    /// A folder of templates instead of the built-in ones.
    pub templates: Option<PathBuf>,
    /// How many meetings at once (`None`: one per core).
    pub jobs: Option<usize>,
    /// Remove the outputs of deleted meetings and dropped documents.
    pub prune: bool,
    /// Render everything, even what is up to date.
    pub force: bool,
}

/// Threads that write files (see [`Engine::run`]).
const WRITERS: usize = 8;

/// How a run reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Report {
    /// A progress bar on stderr; only problems are printed.
    Progress,
    /// One line per output file on stdout, in the order of the files.
    Lines,
    /// As `Lines`, without the lines of skipped meetings (for `watch`).
    Changes,
    /// Problems only (for `serve`, whose standard output is its address).
    Quiet,
}

impl Report {
    /// A progress bar when both stdout and stderr are a terminal, lines otherwise.
    pub fn auto() -> Report {
        if std::io::stdout().is_terminal() && std::io::stderr().is_terminal() {
            Report::Progress
        } else {
            Report::Lines
        }
    }
}

/// The counts of a run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Meetings rendered (at least one output written or found identical).
    pub rendered: usize,
    /// Meetings skipped because nothing they depend on changed.
    pub skipped: usize,
    /// Meetings that could not be rendered.
    pub failed: usize,
    /// Output files written.
    pub written: usize,
    /// Outputs of deleted meetings (reported, or removed with `--prune`).
    pub orphans: usize,
    /// Something outside the meetings went wrong (the manifest, a prune).
    pub other_errors: usize,
    /// What went wrong in each meeting that failed, as `check` prints it
    /// (no colours), for showing elsewhere (the preview page).
    pub problems: Vec<String>,
}

impl Summary {
    /// Whether every meeting rendered (or was up to date) and nothing else failed.
    pub fn success(&self) -> bool {
        self.failed == 0 && self.other_errors == 0
    }
}

/// A prepared run: options, backends, compiled templates and the key
/// context, built once and used for any number of batches.
pub struct Engine {
    out: PathBuf,
    documents: Vec<DocumentKind>,
    formats: Vec<Format>,
    renderers: Vec<Box<dyn Renderer + Sync>>,
    templates: Arc<Templates>,
    keys: KeyContext,
    force: bool,
    prune: bool,
    /// Worker threads (None: one per core).
    jobs: Option<usize>,
    /// The worker pool, started by the first run with more than one
    /// meeting (a single meeting is rendered on the calling thread: no
    /// threads to start for one notice).
    pool: std::sync::OnceLock<Option<rayon::ThreadPool>>,
}

#[derive(Debug, PartialEq, Eq)]
enum Status {
    Rendered,
    Skipped,
    Failed,
}

/// One output file of a meeting: a document in a format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Output {
    kind: DocumentKind,
    format: Format,
}

impl Output {
    /// Its file name after `<stem>.`, also its key in the manifest:
    /// `docx`, `pdf` for the notice (as in format v1), `giay-moi.docx`, ….
    fn name(self) -> String {
        let suffix = self.kind.file_suffix().trim_start_matches('.');
        let ext = self.format.extension();
        if suffix.is_empty() {
            ext.to_string()
        } else {
            format!("{suffix}.{ext}")
        }
    }
}

/// What one meeting's worker hands back, to be printed in order.
struct Outcome {
    status: Status,
    /// (headline, full report for stderr, full report without colours) of
    /// each diagnostic.
    diagnostics: Vec<(String, String, String)>,
    /// Other problems, one line each, for stderr.
    errors: Vec<String>,
    /// Per-file lines for stdout, with the output they are about.
    lines: Vec<(Output, String)>,
    /// Whether `lines` are those of a skipped meeting.
    skipped_lines: bool,
    /// The manifest entry to store (None: leave the old one as it is).
    entry: Option<Entry>,
    written: usize,
    /// Outputs of documents the meeting no longer asks for (reported or pruned).
    orphans: usize,
}

impl Outcome {
    fn failed(error: String) -> Outcome {
        Outcome {
            status: Status::Failed,
            diagnostics: Vec::new(),
            errors: vec![error],
            lines: Vec::new(),
            skipped_lines: false,
            entry: None,
            written: 0,
            orphans: 0,
        }
    }
}

impl Engine {
    /// Prepares a run: compiles the templates and hashes them, sets up the
    /// backends and the worker pool. Fails on a broken template (nothing is
    /// written then).
    pub fn new(opts: &Options) -> Result<Engine, Box<dyn std::error::Error>> {
        let force = opts.force;
        let mut formats = opts.formats.clone();
        formats.sort();
        formats.dedup();
        let mut documents = opts.documents.clone();
        documents.sort();
        documents.dedup();
        let templates = Arc::new(match &opts.templates {
            Some(dir) => Templates::from_dir(dir)?,
            None => Templates::embedded(),
        });
        let options = RenderOptions {
            no_pdfa: opts.no_pdfa,
            font_dir: opts.font_dir.clone(),
            formats: formats.clone(),
            templates: Some(templates.clone()),
        };
        let renderers = formats.iter().map(|f| renderer_for(*f, &options)).collect();
        let digest = templates_digest(&templates);
        let keys = KeyContext::new(digest, !opts.no_pdfa, opts.font_dir.as_deref(), &formats);
        Ok(Engine {
            out: opts.out.clone(),
            documents,
            formats,
            renderers,
            templates,
            keys,
            force,
            prune: opts.prune,
            jobs: opts.jobs.filter(|n| *n > 0),
            pool: std::sync::OnceLock::new(),
        })
    }

    /// The worker pool, started on first use; None if its threads cannot
    /// be started (the meetings are then rendered one after the other).
    fn pool(&self) -> Option<&rayon::ThreadPool> {
        self.pool
            .get_or_init(|| {
                let mut pool = rayon::ThreadPoolBuilder::new();
                if let Some(n) = self.jobs {
                    pool = pool.num_threads(n);
                }
                pool.build().ok()
            })
            .as_ref()
    }

    /// One meeting's work up to its files: prepared, rendered, or failed
    /// (a panic becomes a failure of that meeting).
    fn step(
        &self,
        files: &[PathBuf],
        stems: &[String],
        duplicate_of: &[Option<usize>],
        old_entries: &BTreeMap<String, Entry>,
        i: usize,
    ) -> Step {
        std::panic::catch_unwind(AssertUnwindSafe(|| {
            self.prepare(
                &files[i],
                &stems[i],
                duplicate_of[i].map(|d| files[d].as_path()),
                old_entries.get(&stems[i]),
            )
        }))
        .unwrap_or_else(|_| {
            Step::Done(Outcome::failed(crate::tr!(
                "build.internal",
                file = files[i].display()
            )))
        })
    }

    /// The templates this engine renders with (for pages built around its documents).
    pub fn templates(&self) -> &Templates {
        &self.templates
    }

    fn target(&self, stem: &str, output: Output) -> PathBuf {
        self.out.join(format!("{stem}.{}", output.name()))
    }

    /// Renders `files` (in this order, which is the order of the lines),
    /// updates the manifest and reports deleted meetings.
    pub fn run(&self, files: &[PathBuf], report: Report) -> Summary {
        let started = Instant::now();
        let had_manifest = Manifest::exists(&self.out);
        let manifest = Manifest::load(&self.out);
        let stems: Vec<String> = files.iter().map(|f| crate::model::stem_of(f)).collect();
        let mut first_with_stem: HashMap<&str, usize> = HashMap::new();
        for (i, s) in stems.iter().enumerate() {
            first_with_stem.entry(s.as_str()).or_insert(i);
        }
        let duplicate_of: Vec<Option<usize>> = stems
            .iter()
            .enumerate()
            .map(|(i, s)| Some(first_with_stem[s.as_str()]).filter(|&f| f != i))
            .collect();

        let bar =
            (report == Report::Progress).then(|| crate::output::progress_bar(files.len() as u64));
        let mut printer = Printer {
            report,
            bar: bar.as_ref(),
            seen: HashSet::new(),
        };
        let mut summary = Summary::default();
        let mut new_entries: BTreeMap<usize, Entry> = BTreeMap::new();

        let old_entries = &manifest.entries;
        let pool = if files.len() > 1 { self.pool() } else { None };
        match pool {
            Some(pool) => self.run_parallel(
                pool,
                files,
                (&stems, &duplicate_of, old_entries),
                &mut printer,
                (&mut summary, &mut new_entries),
            ),
            // One meeting (or no pool): on this thread, one after the other.
            None => {
                for i in 0..files.len() {
                    let outcome = match self.step(files, &stems, &duplicate_of, old_entries, i) {
                        Step::Done(o) => o,
                        Step::Write(w) => w.finish(&files[i]),
                    };
                    printer.print(&files[i], &outcome);
                    self.tally(&mut summary, &mut new_entries, i, outcome);
                }
            }
        }
        self.finish_run(
            started,
            &bar,
            &stems,
            manifest,
            had_manifest,
            summary,
            new_entries,
        )
    }

    /// The meetings on the pool, their files written by writer threads,
    /// the lines printed in file order.
    fn run_parallel(
        &self,
        pool: &rayon::ThreadPool,
        files: &[PathBuf],
        (stems_ref, duplicate_of, old_entries): (
            &Vec<String>,
            &Vec<Option<usize>>,
            &BTreeMap<String, Entry>,
        ),
        printer: &mut Printer,
        (summary, new_entries): (&mut Summary, &mut BTreeMap<usize, Entry>),
    ) {
        let report = printer.report;
        let (tx_write, rx_write) = mpsc::sync_channel::<(usize, Writes)>(2 * WRITERS);
        let rx_write = Mutex::new(rx_write);
        std::thread::scope(|scope| {
            let (tx, rx) = mpsc::channel::<(usize, Outcome)>();
            // Rendering is CPU work (the pool); writing waits for the disk
            // (each file is synced before its rename). Writers of their own
            // keep the cores busy meanwhile, and their syncs, in flight
            // together, share the file system's journal commits. The bounded
            // queue keeps at most a few rendered files in memory.
            let rx_write = &rx_write;
            for _ in 0..WRITERS {
                let tx = tx.clone();
                scope.spawn(move || loop {
                    let job = rx_write.lock().unwrap_or_else(|e| e.into_inner()).recv();
                    let Ok((i, writes)) = job else { break };
                    let _ = tx.send((i, writes.finish(&files[i])));
                });
            }
            scope.spawn(move || {
                pool.install(|| {
                    // One meeting per task: rayon otherwise hands each
                    // worker a long run of meetings up front, and when one
                    // worker's run happens to hold the longer notices the
                    // other idles at the end (measured: the last second of a
                    // 1,000-meeting batch on one core).
                    (0..files.len())
                        .into_par_iter()
                        .with_max_len(1)
                        .for_each_with((tx, tx_write), |(tx, tx_write), i| {
                            let step = self.step(files, stems_ref, duplicate_of, old_entries, i);
                            match step {
                                Step::Done(o) => {
                                    let _ = tx.send((i, o));
                                }
                                Step::Write(w) => {
                                    let _ = tx_write.send((i, w));
                                }
                            }
                        });
                });
            });
            // Print in file order: hold outcomes until those before them are in.
            let mut pending: BTreeMap<usize, Outcome> = BTreeMap::new();
            let mut next = 0;
            for (i, outcome) in rx {
                if report == Report::Progress {
                    printer.print(&files[i], &outcome);
                    self.tally(summary, new_entries, i, outcome);
                    continue;
                }
                pending.insert(i, outcome);
                while let Some(o) = pending.remove(&next) {
                    printer.print(&files[next], &o);
                    self.tally(summary, new_entries, next, o);
                    next += 1;
                }
            }
        });
    }

    /// After the meetings: the folder synced, the manifest saved, deleted
    /// meetings reported, the summary line printed.
    #[allow(clippy::too_many_arguments)]
    fn finish_run(
        &self,
        started: Instant,
        bar: &Option<indicatif::ProgressBar>,
        stems: &[String],
        mut manifest: Manifest,
        had_manifest: bool,
        mut summary: Summary,
        new_entries: BTreeMap<usize, Entry>,
    ) -> Summary {
        if let Some(pb) = bar {
            pb.finish_and_clear();
        }

        // Every output is in `--out`: one folder sync makes all the renames
        // durable, before the manifest records them.
        if summary.written > 0 {
            sync_dir(&self.out);
        }
        for (i, entry) in new_entries {
            manifest.entries.insert(stems[i].clone(), entry);
        }
        self.deleted_meetings(&mut manifest, stems, &mut summary);
        if had_manifest || !manifest.entries.is_empty() {
            if let Err(e) = manifest.save(&self.out) {
                eprintln!(
                    "{}",
                    crate::tr!(
                        "build.manifest_unwritable",
                        folder = self.out.display(),
                        file = crate::incremental::MANIFEST_NAME,
                        error = e
                    )
                );
                summary.other_errors += 1;
            }
        }
        let secs = started.elapsed().as_secs_f64();
        let orphans = if summary.orphans > 0 {
            crate::tr!("build.orphans", n = summary.orphans)
        } else {
            String::new()
        };
        eprintln!(
            "{}",
            crate::tr!(
                "build.done",
                meetings = stems.len(),
                secs = format!("{secs:.2}"),
                rendered = summary.rendered,
                written = summary.written,
                skipped = summary.skipped,
                failed = summary.failed,
                orphans = orphans
            )
        );
        summary
    }

    fn tally(
        &self,
        summary: &mut Summary,
        entries: &mut BTreeMap<usize, Entry>,
        i: usize,
        outcome: Outcome,
    ) {
        match outcome.status {
            Status::Rendered => summary.rendered += 1,
            Status::Skipped => summary.skipped += 1,
            Status::Failed => {
                summary.failed += 1;
                let mut text: String = outcome.diagnostics.iter().map(|d| d.2.as_str()).collect();
                for e in &outcome.errors {
                    text.push_str(e);
                    text.push('\n');
                }
                summary.problems.push(text);
            }
        }
        summary.written += outcome.written;
        summary.orphans += outcome.orphans;
        if let Some(e) = outcome.entry {
            entries.insert(i, e);
        }
    }

    /// Reports (or with `--prune` removes) the outputs of meetings whose file
    /// is gone. A meeting merely left out of this run is not touched.
    fn deleted_meetings(&self, manifest: &mut Manifest, stems: &[String], summary: &mut Summary) {
        let in_run: HashSet<&str> = stems.iter().map(String::as_str).collect();
        let gone: Vec<String> = manifest
            .entries
            .iter()
            .filter(|(stem, e)| !in_run.contains(stem.as_str()) && !e.source.exists())
            .map(|(stem, _)| stem.clone())
            .collect();
        for stem in gone {
            let entry = &manifest.entries[&stem];
            let outputs: Vec<PathBuf> = entry
                .outputs
                .keys()
                .map(|ext| self.out.join(format!("{stem}.{ext}")))
                .filter(|p| p.exists())
                .collect();
            if !self.prune {
                for p in &outputs {
                    eprintln!(
                        "{}",
                        crate::tr!(
                            "build.meeting_gone",
                            output = p.display(),
                            meeting = entry.source.display()
                        )
                    );
                }
                summary.orphans += outputs.len();
                if outputs.is_empty() {
                    manifest.entries.remove(&stem);
                }
                continue;
            }
            let mut ok = true;
            for p in &outputs {
                match std::fs::remove_file(p) {
                    Ok(()) => {
                        println!(
                            "{}",
                            crate::tr!(
                                "build.pruned",
                                meeting = entry.source.display(),
                                output = p.display()
                            )
                        );
                        summary.orphans += 1;
                    }
                    Err(e) => {
                        eprintln!(
                            "{}",
                            crate::tr!("build.cannot_remove", file = p.display(), error = e)
                        );
                        summary.other_errors += 1;
                        ok = false;
                    }
                }
            }
            if ok {
                manifest.entries.remove(&stem);
            }
        }
    }

    /// The outputs a meeting asks for, of those this run writes.
    fn outputs(&self, kinds: &[DocumentKind]) -> Vec<Output> {
        let mut out = Vec::new();
        for &kind in kinds.iter().filter(|k| self.documents.contains(k)) {
            for &format in &self.formats {
                out.push(Output { kind, format });
            }
        }
        out
    }

    /// One meeting, up to the bytes of its files: skipped when up to date,
    /// else loaded, composed and rendered in the documents and formats that
    /// are out of date. The files are written by [`Writes::finish`].
    fn prepare(
        &self,
        file: &Path,
        stem: &str,
        duplicate_of: Option<&Path>,
        old: Option<&Entry>,
    ) -> Step {
        if let Some(first) = duplicate_of {
            return Step::Done(Outcome::failed(crate::tr!(
                "build.same_stem",
                file = file.display(),
                first = first.display(),
                stem = stem,
                folder = self.out.display()
            )));
        }
        let (inputs, bytes) = match self.keys.meeting_inputs(file) {
            Ok((inputs, bytes)) => (Some(inputs), Some(bytes)),
            Err(_) => (None, None),
        };
        // Whether an output is out of date (all of them with --force).
        let stale = |o: Output, font_dir: Option<&Path>| {
            let (Some(inputs), Some(old), false) = (&inputs, old, self.force) else {
                return true;
            };
            let key = self.keys.output_key(inputs, o.kind, o.format, font_dir);
            !up_to_date(old.outputs.get(&o.name()), &key, &self.target(stem, o))
        };
        let skip_line = |o: Output| {
            (
                o,
                crate::tr!(
                    "build.skipped",
                    file = file.display(),
                    output = self.target(stem, o).display()
                ),
            )
        };
        let source = absolute(file);
        // Unchanged inputs ask for the same documents as last time.
        if let Some(old) = old.filter(|o| !o.documents.is_empty()) {
            let outputs = self.outputs(&old.documents);
            if !outputs.iter().any(|&o| stale(o, old.font_dir.as_deref())) {
                let mut entry = old.clone();
                entry.source = source;
                let mut outcome = Outcome {
                    status: Status::Skipped,
                    diagnostics: Vec::new(),
                    errors: Vec::new(),
                    lines: outputs.into_iter().map(skip_line).collect(),
                    skipped_lines: true,
                    entry: None,
                    written: 0,
                    orphans: 0,
                };
                self.dropped_documents(file, stem, &mut entry, &mut outcome);
                outcome.entry = Some(entry);
                return Step::Done(outcome);
            }
        }

        let loaded = match &inputs {
            Some(i) => load_read(file, bytes, i.defaults.as_deref()),
            None => load_meeting(file),
        };
        let color = stderr_color();
        let diagnostics = loaded
            .diagnostics
            .sorted()
            .into_iter()
            .map(|d| {
                let plain = d.render(&loaded.sources, false);
                let shown = if color {
                    d.render(&loaded.sources, true)
                } else {
                    plain.clone()
                };
                (d.headline(&loaded.sources), shown, plain)
            })
            .collect();
        let mut outcome = Outcome {
            status: Status::Failed,
            diagnostics,
            errors: Vec::new(),
            lines: Vec::new(),
            skipped_lines: false,
            entry: None,
            written: 0,
            orphans: 0,
        };
        let Some(meeting) = loaded.meeting else {
            return Step::Done(outcome);
        };
        let font_dir = meeting.layout.font_dir.as_deref().map(absolute);
        let mut entry = old.cloned().unwrap_or_default();
        entry.source = source;
        entry.font_dir = font_dir.clone();
        entry.documents = meeting.documents();
        self.dropped_documents(file, stem, &mut entry, &mut outcome);
        outcome.status = Status::Rendered;
        let mut files = Vec::new();
        for kind in entry.documents.clone() {
            let outputs = self.outputs(&[kind]);
            let stale_outputs: Vec<Output> = outputs
                .iter()
                .copied()
                .filter(|&o| stale(o, font_dir.as_deref()))
                .collect();
            outcome.lines.extend(
                outputs
                    .iter()
                    .filter(|o| !stale_outputs.contains(o))
                    .map(|&o| skip_line(o)),
            );
            if stale_outputs.is_empty() {
                continue;
            }
            let document = match compose(&meeting, kind, &self.templates) {
                Ok(d) => Document {
                    file_name: Some(format!("{stem}{}", kind.file_suffix())),
                    ..d
                },
                Err(e) => {
                    outcome.errors.push(format!(
                        "{}: {}: {e}",
                        file.display(),
                        crate::tr!("diag.error")
                    ));
                    outcome.status = Status::Failed;
                    continue;
                }
            };
            for output in stale_outputs {
                let target = self.target(stem, output);
                // Every output is of a format with its renderer (see `outputs`).
                let Some(renderer) = self.renderers.iter().find(|r| r.format() == output.format)
                else {
                    continue;
                };
                match renderer.render(&document) {
                    Ok(bytes) => files.push(PendingFile {
                        output,
                        key: inputs.as_ref().map(|i| {
                            self.keys
                                .output_key(i, output.kind, output.format, font_dir.as_deref())
                        }),
                        target,
                        bytes,
                    }),
                    Err(e) => {
                        outcome.errors.push(crate::tr!(
                            "build.write_failed",
                            file = file.display(),
                            output = target.display(),
                            error = e
                        ));
                        entry.outputs.remove(&output.name());
                        outcome.status = Status::Failed;
                    }
                }
            }
        }
        outcome.entry = Some(entry);
        Step::Write(Writes { outcome, files })
    }

    /// The outputs of documents a meeting file no longer asks for (its
    /// block was removed): reported, or removed with `--prune`.
    fn dropped_documents(&self, file: &Path, stem: &str, entry: &mut Entry, outcome: &mut Outcome) {
        let kept: Vec<String> = DocumentKind::ALL
            .iter()
            .filter(|k| entry.documents.contains(k))
            .flat_map(|&kind| Format::ALL.map(|format| Output { kind, format }.name()))
            .collect();
        let dropped: Vec<String> = entry
            .outputs
            .keys()
            .filter(|name| !kept.contains(name))
            .cloned()
            .collect();
        for name in dropped {
            let path = self.out.join(format!("{stem}.{name}"));
            if !path.exists() {
                entry.outputs.remove(&name);
                continue;
            }
            outcome.orphans += 1;
            if self.prune {
                match std::fs::remove_file(&path) {
                    Ok(()) => {
                        entry.outputs.remove(&name);
                        outcome.errors.push(crate::tr!(
                            "build.document_pruned",
                            file = file.display(),
                            output = path.display()
                        ));
                    }
                    Err(e) => outcome.errors.push(crate::tr!(
                        "build.cannot_remove",
                        file = path.display(),
                        error = e
                    )),
                }
            } else {
                outcome.errors.push(crate::tr!(
                    "build.document_dropped",
                    file = file.display(),
                    output = path.display()
                ));
            }
        }
    }
}

/// A meeting's result before its files are written.
enum Step {
    /// Nothing to write (skipped, or failed before rendering).
    Done(Outcome),
    /// Rendered: files to write.
    Write(Writes),
}

/// A rendered file waiting to be written.
struct PendingFile {
    output: Output,
    target: PathBuf,
    bytes: Vec<u8>,
    /// Its input key (None when the meeting file could not be hashed).
    key: Option<String>,
}

/// The files of one meeting, and its outcome so far.
struct Writes {
    outcome: Outcome,
    files: Vec<PendingFile>,
}

impl Writes {
    /// Writes each file atomically and records it in the manifest entry.
    fn finish(self, file: &Path) -> Outcome {
        let Writes { mut outcome, files } = self;
        let mut entry = outcome.entry.take().unwrap_or_default();
        for f in files {
            match write_atomic_unsynced_folder(&f.target, &f.bytes) {
                Ok(changed) => {
                    outcome.written += 1;
                    let key = if changed {
                        "build.written"
                    } else {
                        "build.unchanged"
                    };
                    outcome.lines.push((
                        f.output,
                        crate::tr!(key, file = file.display(), output = f.target.display()),
                    ));
                    match f.key {
                        Some(key) => {
                            let size = f.bytes.len() as u64;
                            entry
                                .outputs
                                .insert(f.output.name(), OutputRecord { key, size });
                        }
                        None => {
                            entry.outputs.remove(&f.output.name());
                        }
                    }
                }
                Err(e) => {
                    outcome.errors.push(crate::tr!(
                        "build.write_failed",
                        file = file.display(),
                        output = f.target.display(),
                        error = e
                    ));
                    entry.outputs.remove(&f.output.name());
                    outcome.status = Status::Failed;
                }
            }
        }
        outcome.lines.sort_by_key(|(output, _)| *output);
        outcome.entry = Some(entry);
        outcome
    }
}

/// Prints outcomes: diagnostics once each (a problem in a shared
/// `ketluan.yaml` is shown the first time only), errors, per-file lines.
struct Printer<'a> {
    report: Report,
    bar: Option<&'a indicatif::ProgressBar>,
    seen: HashSet<String>,
}

impl Printer<'_> {
    fn print(&mut self, file: &Path, o: &Outcome) {
        let mut err = String::new();
        for (headline, text, _) in &o.diagnostics {
            if self.seen.insert(headline.clone()) {
                err.push_str(text);
            }
        }
        for e in &o.errors {
            err.push_str(e);
            err.push('\n');
        }
        match self.bar {
            Some(pb) => {
                if !err.is_empty() {
                    pb.suspend(|| eprint!("{err}"));
                }
                pb.set_message(file.display().to_string());
                pb.inc(1);
            }
            None => {
                eprint!("{err}");
                let quiet = self.report == Report::Quiet
                    || (self.report == Report::Changes && o.skipped_lines);
                if !quiet {
                    for (_, line) in &o.lines {
                        println!("{line}");
                    }
                }
            }
        }
    }
}
