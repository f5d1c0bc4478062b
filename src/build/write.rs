//! Writing a batch: each meeting's rendered files written atomically and
//! recorded in its manifest entry; at the end of the run the output folder
//! synced once, the manifest updated and saved, the summary line printed.

use std::path::{Path, PathBuf};

use crate::incremental::{ManifestFile, OutputRecord};
use crate::output::{sync_dir, write_atomic_unsynced_folder};

use super::print::Tally;
use super::{Batch, Outcome, Output, Recorded, Status, Summary};

/// A rendered file waiting to be written.
pub(super) struct PendingFile {
    pub(super) output: Output,
    pub(super) target: PathBuf,
    pub(super) bytes: Vec<u8>,
    /// Its input key (None when the meeting file could not be hashed).
    pub(super) key: Option<String>,
    /// A PDF's signing rectangles, written beside it
    /// ([`crate::issuing::sidecar::path_for`]) once it is written.
    pub(super) sidecar: Option<Vec<u8>>,
}

/// The files of one meeting, and its outcome so far.
pub(super) struct Writes {
    pub(super) outcome: Outcome,
    pub(super) files: Vec<PendingFile>,
}

impl Writes {
    /// Writes each file atomically and records it in the manifest entry.
    pub(super) fn finish(self, file: &Path) -> Outcome {
        let Writes { mut outcome, files } = self;
        let mut entry = outcome.entry.take().unwrap_or_default();
        for f in files {
            if !outcome.write(file, f.output, &f.target, &f.bytes) {
                entry.outputs.remove(&f.output.name());
                continue;
            }
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
            if let Some(bytes) = &f.sidecar {
                let path = crate::issuing::sidecar::path_for(&f.target);
                outcome.write(file, f.output, &path, bytes);
            }
        }
        outcome.lines.sort_by_key(|(output, _)| *output);
        outcome.entry = Some(entry);
        outcome
    }
}

impl Outcome {
    /// Writes meeting `file`'s `output` (or its sidecar) to `path`
    /// atomically, with its line, or its error and the meeting failed;
    /// whether it was written.
    fn write(&mut self, file: &Path, output: Output, path: &Path, bytes: &[u8]) -> bool {
        match write_atomic_unsynced_folder(path, bytes) {
            Ok(changed) => {
                self.written += 1;
                let key = if changed {
                    "build.written"
                } else {
                    "build.unchanged"
                };
                let line = crate::tr!(key, file = file.display(), output = path.display());
                self.lines.push((output, line));
                true
            }
            Err(e) => {
                self.errors.push(crate::tr!(
                    "build.write_failed",
                    file = file.display(),
                    output = path.display(),
                    error = e
                ));
                self.status = Status::Failed;
                false
            }
        }
    }
}

impl Batch<'_> {
    /// After the meetings: the folder synced, the manifest saved, deleted
    /// meetings reported, the summary line printed.
    pub(super) fn finish(mut self, tally: Tally) -> (Summary, Vec<Recorded>, ManifestFile) {
        let (mut summary, new_entries, taken) = tally.close();
        let engine = self.engine;
        let out = &engine.out;

        // Every output is in `--out`: one folder sync makes all the renames
        // durable, before the manifest records them.
        if summary.written > 0 {
            sync_dir(out);
        }
        for (i, entry) in new_entries {
            let stem = self.stems[i].clone();
            self.manifest.manifest.entries.insert(stem, entry);
        }
        self.deleted_meetings(&mut summary);
        let any = self.manifest.existed() || !self.manifest.manifest.entries.is_empty();
        if self.save_manifest && any {
            if let Err(e) = self.manifest.save() {
                eprintln!(
                    "{}",
                    crate::tr!(
                        "build.manifest_unwritable",
                        folder = out.display(),
                        file = crate::incremental::MANIFEST_NAME,
                        error = e
                    )
                );
                summary.other_errors += 1;
            }
        }
        super::print::done(self.stems.len(), self.started, &summary);
        let recorded = taken
            .into_iter()
            .map(|(i, t)| Recorded {
                file: self.files[i].clone(),
                stem: self.stems[i].clone(),
                record: t.record,
                meeting: t.meeting,
                page_stale: t.page_stale,
                record_changed: t.record_changed,
            })
            .collect();
        (summary, recorded, self.manifest)
    }
}
