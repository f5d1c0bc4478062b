//! What a batch shows and counts: each meeting's diagnostics (once each),
//! errors and per-file lines, or a progress bar on a terminal; the counts
//! of the [`Summary`]; the summary line at the end.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use crate::incremental::{Entry, MeetingRecord};
use crate::model::Meeting;

use super::{Outcome, Report, Status, Summary};

/// The outcomes of a batch as they come in, on the calling thread: printed
/// (diagnostics once each: a problem in a shared `ketluan.yaml` is shown the
/// first time only), counted, and their manifest entries kept.
pub(super) struct Tally {
    report: Report,
    bar: Option<indicatif::ProgressBar>,
    seen: HashSet<String>,
    summary: Summary,
    /// The manifest entries to store, by the index of their meeting.
    entries: BTreeMap<usize, Entry>,
    /// Recording runs: each recorded meeting's record, the meeting if it
    /// was loaded, whether its page is stale; by the index of the meeting.
    recorded: Option<BTreeMap<usize, Taken>>,
}

/// What a recording run took of one meeting: its record, the meeting if
/// loaded, whether its page is stale, whether its record changed.
pub(super) struct Taken {
    pub(super) record: Arc<MeetingRecord>,
    pub(super) meeting: Option<Meeting>,
    pub(super) page_stale: bool,
    pub(super) record_changed: bool,
}

impl Tally {
    /// A tally for `len` meetings, with a progress bar if `report` asks for one.
    pub(super) fn new(report: Report, len: usize, recording: bool) -> Tally {
        Tally {
            report,
            bar: (report == Report::Progress).then(|| crate::output::progress_bar(len as u64)),
            seen: HashSet::new(),
            summary: Summary::default(),
            entries: BTreeMap::new(),
            recorded: recording.then(BTreeMap::new),
        }
    }

    /// How the run reports.
    pub(super) fn report(&self) -> Report {
        self.report
    }

    /// Prints and counts the outcome of meeting `i`, of `file`.
    pub(super) fn take(&mut self, file: &Path, i: usize, outcome: Outcome) {
        self.print(file, &outcome);
        self.count(i, outcome);
    }

    /// The progress bar cleared; the counts, the new manifest entries and
    /// what a recording run took.
    pub(super) fn close(self) -> (Summary, BTreeMap<usize, Entry>, BTreeMap<usize, Taken>) {
        if let Some(pb) = &self.bar {
            pb.finish_and_clear();
        }
        (
            self.summary,
            self.entries,
            self.recorded.unwrap_or_default(),
        )
    }

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
        match &self.bar {
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

    fn count(&mut self, i: usize, outcome: Outcome) {
        let summary = &mut self.summary;
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
            if let (Some(recorded), Some(record)) = (self.recorded.as_mut(), &e.record) {
                let taken = Taken {
                    record: record.clone(),
                    meeting: outcome.meeting,
                    page_stale: outcome.page_stale,
                    record_changed: outcome.record_changed,
                };
                recorded.insert(i, taken);
            }
            self.entries.insert(i, e);
        }
    }
}

/// The summary line of a run of `meetings` meetings begun at `started`, on stderr.
pub(super) fn done(meetings: usize, started: Instant, summary: &Summary) {
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
            meetings = meetings,
            secs = format!("{secs:.2}"),
            rendered = summary.rendered,
            written = summary.written,
            skipped = summary.skipped,
            failed = summary.failed,
            orphans = orphans
        )
    );
}
