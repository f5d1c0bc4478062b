//! One meeting of a batch up to the bytes of its files: skipped when every
//! output it asks for is up to date, else loaded and validated, its
//! documents composed and rendered in the formats that are out of date.
//! The files are then written by [`Writes::finish`].

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::stderr_color;
use crate::document::{compose, Document};
use crate::incremental::{absolute, up_to_date, DocumentRecord, MeetingRecord};
use crate::issuing::sidecar::Sidecar;
use crate::model::{load::load_read, load_meeting};
use crate::model::{DocumentKind, Meeting};
use crate::tracking::TrackedTask;

use super::write::{PendingFile, Writes};
use super::{Batch, Outcome, Output, Status};

/// A meeting's result before its files are written.
pub(super) enum Step {
    /// Nothing to write (skipped, or failed before rendering).
    Done(Outcome),
    /// Rendered: files to write.
    Write(Writes),
}

impl Batch<'_> {
    /// Meeting `i`'s work up to its files: prepared, rendered, or failed
    /// (a panic becomes a failure of that meeting).
    pub(super) fn step(&self, i: usize) -> Step {
        std::panic::catch_unwind(AssertUnwindSafe(|| self.prepare(i))).unwrap_or_else(|_| {
            Step::Done(Outcome::failed(crate::tr!(
                "build.internal",
                file = self.files[i].display()
            )))
        })
    }

    /// Where meeting `stem`'s `output` is written.
    fn target(&self, stem: &str, output: Output) -> PathBuf {
        self.engine.out.join(format!("{stem}.{}", output.name()))
    }

    /// The outputs a meeting asks for, of those this run writes.
    fn outputs(&self, kinds: &[DocumentKind]) -> Vec<Output> {
        let mut out = Vec::new();
        for &kind in kinds.iter().filter(|k| self.engine.documents.contains(k)) {
            for &format in &self.engine.formats {
                out.push(Output { kind, format });
            }
        }
        out
    }

    /// Meeting `i`, up to the bytes of its files: skipped when up to date,
    /// else loaded, composed and rendered in the documents and formats that
    /// are out of date.
    fn prepare(&self, i: usize) -> Step {
        let engine = self.engine;
        let (file, stem) = (self.files[i].as_path(), self.stems[i].as_str());
        let old = self.old_entry(i);
        if let Some(first) = self.duplicate_of[i] {
            return Step::Done(Outcome::failed(crate::tr!(
                "build.same_stem",
                file = file.display(),
                first = self.files[first].display(),
                stem = stem,
                folder = engine.out.display()
            )));
        }
        let (inputs, bytes) = match engine.keys.meeting_inputs(file) {
            Ok((inputs, bytes)) => (Some(inputs), Some(bytes)),
            Err(_) => (None, None),
        };
        // Whether an output is out of date (all of them with --force).
        let stale = |o: Output, font_dir: Option<&Path>| {
            let (Some(inputs), Some(old), false) = (&inputs, old, engine.force) else {
                return true;
            };
            let key = engine.keys.output_key(inputs, o.kind, o.format, font_dir);
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
        // Unchanged inputs ask for the same documents as last time (and,
        // for a recording run, gave the record kept with them).
        let recorded = self.record_day.is_none() || old.is_some_and(|o| o.record.is_some());
        if let Some(old) = old.filter(|o| !o.documents.is_empty() && recorded) {
            let outputs = self.outputs(&old.documents);
            if !outputs.iter().any(|&o| stale(o, old.font_dir.as_deref())) {
                let mut entry = old.clone();
                entry.source = source;
                let mut outcome = Outcome {
                    lines: outputs.into_iter().map(skip_line).collect(),
                    skipped_lines: true,
                    ..Outcome::new(Status::Skipped)
                };
                if let Some(day) = self.record_day {
                    outcome.page_stale = entry.record_day != Some(day);
                    entry.record_day = Some(day);
                }
                self.dropped_documents(i, &mut entry, &mut outcome);
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
            diagnostics,
            ..Outcome::new(Status::Failed)
        };
        let Some(meeting) = loaded.meeting else {
            return Step::Done(outcome);
        };
        let font_dir = meeting.layout.font_dir.as_deref().map(absolute);
        let mut entry = old.cloned().unwrap_or_default();
        entry.source = source;
        entry.font_dir = font_dir.clone();
        entry.documents = meeting.documents();
        self.dropped_documents(i, &mut entry, &mut outcome);
        outcome.status = Status::Rendered;
        let mut files = Vec::new();
        let mut any_stale = false;
        let mut records = Vec::new();
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
            any_stale = true;
            let document = match compose(&meeting, kind, &engine.templates) {
                Ok(d) if engine.for_signing => Document {
                    file_name: Some(format!("{stem}{}", kind.file_suffix())),
                    ..d.for_signing()
                },
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
            if self.record_day.is_some() {
                records.push(DocumentRecord::of(kind, &document));
            }
            for output in stale_outputs {
                let target = self.target(stem, output);
                // Every output is of a format with its renderer (see `outputs`).
                let Some(renderer) = engine
                    .renderers
                    .iter()
                    .find(|r| r.format() == output.format)
                else {
                    continue;
                };
                let rendered = if engine.for_signing {
                    renderer
                        .render_for_signing(&document)
                        .map(|(bytes, places)| {
                            let sidecar = places.map(|p| {
                                let name = target.file_name().unwrap_or_default();
                                Sidecar::of(&name.to_string_lossy(), &bytes, &document, &p)
                                    .to_json()
                                    .into_bytes()
                            });
                            (bytes, sidecar)
                        })
                } else {
                    renderer.render(&document).map(|bytes| (bytes, None))
                };
                match rendered {
                    Ok((bytes, sidecar)) => files.push(PendingFile {
                        output,
                        key: inputs.as_ref().map(|i| {
                            engine.keys.output_key(
                                i,
                                output.kind,
                                output.format,
                                font_dir.as_deref(),
                            )
                        }),
                        target,
                        bytes,
                        sidecar,
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
        if !any_stale && outcome.status == Status::Rendered {
            // Only the record was missing: nothing was rendered.
            outcome.status = Status::Skipped;
            outcome.skipped_lines = true;
        }
        entry.record_day = self.record_day;
        entry.record = None;
        if self.record_day.is_some() {
            let record = Arc::new(self.record(file, &meeting, records));
            // `entry` is the old one updated: `old` holds the last record.
            outcome.record_changed = old.and_then(|o| o.record.as_ref()) != Some(&record);
            entry.record = Some(record);
            outcome.page_stale = true;
            outcome.meeting = Some(meeting);
        }
        outcome.entry = Some(entry);
        Step::Write(Writes { outcome, files })
    }

    /// The record of a meeting loaded by a recording run: the documents it
    /// asks for (those `composed` for rendering, the others composed here),
    /// and its tasks.
    fn record(
        &self,
        file: &Path,
        meeting: &Meeting,
        composed: Vec<DocumentRecord>,
    ) -> MeetingRecord {
        let documents = meeting
            .documents()
            .into_iter()
            .filter_map(|kind| match composed.iter().find(|r| r.kind == kind) {
                Some(r) => Some(r.clone()),
                None => compose(meeting, kind, &self.engine.templates)
                    .ok()
                    .map(|d| DocumentRecord::of(kind, &d)),
            })
            .collect();
        MeetingRecord {
            documents,
            tasks: crate::tracking::collect(meeting, file)
                .into_iter()
                .map(|t| TrackedTask {
                    what: t.short_what(crate::incremental::RECORDED_WHAT),
                    ..t
                })
                .collect(),
        }
    }
}
