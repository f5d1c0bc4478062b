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
//!
//! One call of [`Engine::run`] is one `Batch`: the engine, the files with
//! their output stems, and the manifest of the last run (read once, at the
//! start). Its steps, by module:
//!
//! - `schedule`: the meetings on this thread or on the pool, their files
//!   handed to writer threads, the results taken in file order;
//! - `prepare`: one meeting skipped when up to date, else loaded,
//!   validated, composed and rendered;
//! - `write`: its files written atomically; at the end the folder synced
//!   and the manifest saved;
//! - `prune`: the outputs of deleted meetings and dropped documents,
//!   reported or removed;
//! - `print`: the per-file lines or the progress bar, the counts, the
//!   summary line.

mod prepare;
mod print;
mod prune;
mod schedule;
mod write;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use crate::date::Date;
use crate::incremental::{
    templates_digest, Digest32, Entry, KeyContext, ManifestFile, MeetingRecord,
};
use crate::model::{DocumentKind, Meeting};
use crate::render::{renderer_for, Format, RenderOptions, Renderer};
use crate::template::Templates;

use print::Tally;

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
    /// Documents for signing elsewhere (`render --for-signing`): a wider
    /// blank for the number, and the PDF's signing rectangles
    /// (`<stem>.sign.json`) written beside it; implies `force` and PDF.
    pub for_signing: bool,
}

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
    /// The templates' digest ([`templates_digest`]), in every output's key.
    templates_digest: Digest32,
    keys: KeyContext,
    force: bool,
    /// Documents for signing, with their `.sign.json` ([`Options::for_signing`]).
    for_signing: bool,
    prune: bool,
    /// Worker threads (None: one per core).
    jobs: Option<usize>,
    /// The worker pool, started by the first run with more than one
    /// meeting (a single meeting is rendered on the calling thread: no
    /// threads to start for one notice).
    pool: std::sync::OnceLock<Option<rayon::ThreadPool>>,
}

impl Engine {
    /// Prepares a run: compiles the templates and hashes them, sets up the
    /// backends and the worker pool. Fails on a broken template (nothing is
    /// written then).
    pub fn new(opts: &Options) -> Result<Engine, Box<dyn std::error::Error>> {
        let force = opts.force || opts.for_signing;
        let mut formats = opts.formats.clone();
        if opts.for_signing {
            formats.push(Format::Pdf);
        }
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
        let mut keys = KeyContext::new(digest, !opts.no_pdfa, opts.font_dir.as_deref(), &formats);
        if opts.for_signing {
            keys = keys.for_signing();
        }
        Ok(Engine {
            out: opts.out.clone(),
            documents,
            formats,
            renderers,
            templates,
            templates_digest: digest,
            keys,
            force,
            for_signing: opts.for_signing,
            prune: opts.prune,
            jobs: opts.jobs.filter(|n| *n > 0),
            pool: std::sync::OnceLock::new(),
        })
    }

    /// The templates this engine renders with (for pages built around its documents).
    pub fn templates(&self) -> &Templates {
        &self.templates
    }

    /// The digest of the templates in use (as each output's key holds it).
    pub fn templates_digest(&self) -> Digest32 {
        self.templates_digest
    }

    /// Renders `files` (in this order, which is the order of the lines),
    /// updates the manifest and reports deleted meetings.
    pub fn run(&self, files: &[PathBuf], report: Report) -> Summary {
        self.run_batch(Batch::new(self, files, None, None), report)
            .0
    }

    /// [`Engine::run`], keeping in the manifest what the site needs of each
    /// meeting ([`MeetingRecord`]: its documents' metadata and its tasks,
    /// taken from what the run loaded and composed) for pages of `day`, and
    /// handing it over: one [`Recorded`] per meeting that loaded, in the
    /// order of `files`. An unchanged meeting is hashed, not parsed or
    /// composed: its record comes from the manifest.
    ///
    /// `kept` is the manifest as the last run of a long-lived caller left it
    /// (`serve`, which alone writes its folder): used instead of reading the
    /// file again, and left there for the next run.
    pub fn run_recording(
        &self,
        files: &[PathBuf],
        report: Report,
        day: Date,
        kept: &mut KeptManifest,
    ) -> (Summary, Vec<Recorded>) {
        let manifest = kept.manifest.take().filter(|m| m.is_of(&self.out));
        let mut batch = Batch::new(self, files, Some(day), manifest);
        batch.save_manifest = !kept.memory_only;
        let (summary, recorded, manifest) = self.run_batch(batch, report);
        kept.manifest = Some(manifest);
        (summary, recorded)
    }

    fn run_batch(&self, batch: Batch, report: Report) -> (Summary, Vec<Recorded>, ManifestFile) {
        let mut tally = Tally::new(report, batch.files.len(), batch.record_day.is_some());
        batch.schedule(&mut tally);
        batch.finish(tally)
    }
}

/// The manifest kept in memory between the runs of a long-lived caller
/// ([`Engine::run_recording`]); empty at first.
#[derive(Debug, Default)]
pub struct KeptManifest {
    manifest: Option<ManifestFile>,
    /// Never written to the folder: `serve`'s folder is its own and new at
    /// each start, so the manifest in memory is the only one it needs (and
    /// writing 8 MB after every save of a 1,000-meeting archive costs a
    /// third of the rebuild).
    memory_only: bool,
    /// What the caller's pages made from all the records were last made
    /// from ([`KeptManifest::pages_made_from`]).
    pages: Option<Digest32>,
}

impl KeptManifest {
    /// A manifest kept in memory only, never written.
    pub fn memory_only() -> KeptManifest {
        KeptManifest {
            manifest: None,
            memory_only: true,
            pages: None,
        }
    }

    /// Whether the pages a caller makes from every record (the site's
    /// index and dashboard) were last made from `inputs` (a digest of what
    /// else they depend on: the day, the templates, the meetings); records
    /// that changed since are the caller's to check. Remembers `inputs`.
    pub fn pages_made_from(&mut self, inputs: Digest32) -> bool {
        self.pages.replace(inputs) == Some(inputs)
    }

    /// Forgets what the pages were made from (they may not have been).
    pub fn forget_pages(&mut self) {
        self.pages = None;
    }
}

/// A meeting as a recording run hands it to the site.
#[derive(Debug)]
pub struct Recorded {
    /// The meeting file.
    pub file: PathBuf,
    /// Its output stem.
    pub stem: String,
    /// Its documents and tasks.
    pub record: Arc<MeetingRecord>,
    /// The meeting, when this run loaded it (it changed, or its record was
    /// missing).
    pub meeting: Option<Meeting>,
    /// Whether its site page must be made again: the meeting was loaded,
    /// or the page was last made for another day.
    pub page_stale: bool,
    /// Whether its record differs from the one the last run kept (a new
    /// meeting's always does): the index and the dashboard may change.
    pub record_changed: bool,
}

/// One run of an [`Engine`] over a list of meeting files: what every step
/// of it shares, passed by reference (to the workers too).
struct Batch<'a> {
    /// The options, backends, templates, key context and output folder.
    engine: &'a Engine,
    /// The meeting files, in the order of the lines.
    files: &'a [PathBuf],
    /// Each file's output stem.
    stems: Vec<String>,
    /// For a file whose stem an earlier file of the run has: that file.
    duplicate_of: Vec<Option<usize>>,
    /// The manifest of the last run in the output folder, read once here;
    /// updated and saved by [`Batch::finish`].
    manifest: ManifestFile,
    started: Instant,
    /// Keep each meeting's [`MeetingRecord`] for pages of this day.
    record_day: Option<Date>,
    /// Write the manifest at the end (not for [`KeptManifest::memory_only`]).
    save_manifest: bool,
}

impl<'a> Batch<'a> {
    /// The batch of `files`: their stems, which of them repeat a stem, and
    /// the manifest of the output folder (its only read in the run).
    fn new(
        engine: &'a Engine,
        files: &'a [PathBuf],
        record_day: Option<Date>,
        kept: Option<ManifestFile>,
    ) -> Batch<'a> {
        let started = Instant::now();
        let manifest = kept.unwrap_or_else(|| ManifestFile::read(&engine.out));
        let stems: Vec<String> = files.iter().map(|f| crate::model::stem_of(f)).collect();
        let mut first_with_stem = std::collections::HashMap::new();
        for (i, s) in stems.iter().enumerate() {
            first_with_stem.entry(s.as_str()).or_insert(i);
        }
        let duplicate_of = stems
            .iter()
            .enumerate()
            .map(|(i, s)| Some(first_with_stem[s.as_str()]).filter(|&f| f != i))
            .collect();
        Batch {
            engine,
            files,
            stems,
            duplicate_of,
            manifest,
            started,
            record_day,
            save_manifest: true,
        }
    }

    /// The manifest entry of meeting `i` from the last run, if any.
    fn old_entry(&self, i: usize) -> Option<&Entry> {
        self.manifest.manifest.entries.get(&self.stems[i])
    }
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
    /// The meeting, when a recording run loaded it.
    meeting: Option<Meeting>,
    /// Whether its site page must be made again (recording runs).
    page_stale: bool,
    /// Whether its record differs from the last run's (recording runs).
    record_changed: bool,
}

impl Outcome {
    /// An outcome with nothing in it yet.
    fn new(status: Status) -> Outcome {
        Outcome {
            status,
            diagnostics: Vec::new(),
            errors: Vec::new(),
            lines: Vec::new(),
            skipped_lines: false,
            entry: None,
            written: 0,
            orphans: 0,
            meeting: None,
            page_stale: false,
            record_changed: false,
        }
    }

    fn failed(error: String) -> Outcome {
        Outcome {
            errors: vec![error],
            ..Outcome::new(Status::Failed)
        }
    }
}
