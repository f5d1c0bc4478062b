//! Outputs nothing asks for any more: those of meetings whose file is gone,
//! and those of documents a meeting file no longer asks for. Each is
//! reported, or removed with `--prune`.

use std::collections::HashSet;
use std::path::PathBuf;

use crate::incremental::Entry;
use crate::model::DocumentKind;
use crate::render::Format;

use super::{Batch, Outcome, Output, Summary};

impl Batch<'_> {
    /// Reports (or with `--prune` removes) the outputs of meetings whose file
    /// is gone, and forgets them in the manifest. A meeting merely left out
    /// of this run is not touched.
    pub(super) fn deleted_meetings(&mut self, summary: &mut Summary) {
        let (out, prune) = (&self.engine.out, self.engine.prune);
        let manifest = &mut self.manifest.manifest;
        let in_run: HashSet<&str> = self.stems.iter().map(String::as_str).collect();
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
                .map(|ext| out.join(format!("{stem}.{ext}")))
                .filter(|p| p.exists())
                .collect();
            if !prune {
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

    /// The outputs of documents meeting `i` no longer asks for (its block
    /// was removed): reported, or removed with `--prune`.
    pub(super) fn dropped_documents(&self, i: usize, entry: &mut Entry, outcome: &mut Outcome) {
        let (file, stem) = (&self.files[i], &self.stems[i]);
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
            let path = self.engine.out.join(format!("{stem}.{name}"));
            if !path.exists() {
                entry.outputs.remove(&name);
                continue;
            }
            outcome.orphans += 1;
            if self.engine.prune {
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
