//! `ketluan import PATHS… [--out meetings/]`: past notices into meeting
//! files (docs/import.md).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use std::process::ExitCode;

use super::CmdResult;
use crate::import::{self, phrases::Directory, write::Check};
use crate::model::find_defaults;
use crate::output::{write_atomic, write_atomic_unsynced_folder};

/// The schema line written first, then made to name the schema file.
const SCHEMA_PLACEHOLDER: &str = "# yaml-language-server: $schema=ketluan.schema.json";

/// Arguments of `import`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Notices to read (DOCX, text, PDF) or folders of them.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The folder the meeting files are written to.
    #[arg(long, default_value = "meetings")]
    pub out: PathBuf,
    /// Overwrite meeting files that exist.
    #[arg(long)]
    pub force: bool,
    /// Write every value to check to this CSV file (file, line, field, why).
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// Compare one edited DOCX with the meeting file it was rendered from
    /// and print the changes field by field.
    #[arg(long, value_name = "MEETING")]
    pub into: Option<PathBuf>,
    /// With --into: apply the changes to the meeting file, in place.
    #[arg(long, requires = "into")]
    pub write: bool,
}

/// The files under `paths` an import reads: files as given, and in
/// folders the `.docx`, `.txt`, `.pdf` and `.doc` files, in name order; a
/// folder that cannot be read is an error naming it (the others go on).
fn inputs(paths: &[PathBuf]) -> (Vec<PathBuf>, usize) {
    let notice_file = |name: &str| {
        let lower = name.to_ascii_lowercase();
        [".docx", ".txt", ".pdf", ".doc"]
            .iter()
            .any(|ext| lower.ends_with(ext))
    };
    let (mut out, mut failed) = (Vec::new(), 0);
    for p in paths {
        if p.is_dir() {
            if let Err(e) = crate::model::load::files_under(p, &notice_file, &mut out) {
                failed += 1;
                eprintln!(
                    "{}",
                    crate::tr!("files.unreadable_folder", path = p.display(), error = e)
                );
            }
        } else {
            out.push(p.clone());
        }
    }
    (out, failed)
}

/// `name`, or `name` with `-2`, `-3` … before `.yaml` when this run has
/// written it already.
fn unique_name(name: &str, taken: &mut HashSet<String>) -> String {
    let stem = name.strip_suffix(".yaml").unwrap_or(name);
    let mut candidate = name.to_string();
    let mut k = 1;
    while !taken.insert(candidate.clone()) {
        k += 1;
        candidate = format!("{stem}-{k}.yaml");
    }
    candidate
}

/// The departments of the ketluan.yaml that governs `out`.
fn directory(out: &Path) -> Directory {
    let probe = out.join("x.yaml");
    let departments = find_defaults(&probe)
        .map(|d| import::departments_of(&d))
        .unwrap_or_default();
    Directory::new(&departments)
}

/// Reads each notice and writes its meeting file; a file that cannot be
/// read is reported and the others go on.
pub fn run(args: Args) -> CmdResult {
    if let Some(into) = &args.into {
        return into_meeting(&args, into);
    }
    let (files, unreadable) = inputs(&args.paths);
    let dir = directory(&args.out);
    // The first line of `ketluan new`'s skeleton; made to name the schema
    // file that serves `--out` once something is to be written there.
    let schema_line = SCHEMA_PLACEHOLDER;
    let mut report: Vec<(PathBuf, Check)> = Vec::new();
    let (mut ok, mut failed) = (0, unreadable);
    let progress = crate::output::progress_bar(files.len() as u64);
    // Read and parsed side by side, written in order.
    let results: Vec<_> = files
        .par_iter()
        .map(|file| {
            let r = import::import_file(file, &dir, schema_line);
            progress.inc(1);
            r
        })
        .collect();
    let mut taken: HashSet<String> = HashSet::new();
    let mut planned = Vec::new();
    for (file, result) in files.iter().zip(results) {
        let imported = match result {
            Ok(i) => i,
            Err(e) => {
                failed += 1;
                progress.suspend(|| {
                    eprintln!(
                        "{}",
                        crate::tr!("import.failed", file = file.display(), error = e)
                    )
                });
                continue;
            }
        };
        // Two notices of one meeting in one run: the second is `…-2.yaml`.
        let name = unique_name(&imported.file_name, &mut taken);
        let target = args.out.join(&name);
        if target.exists() && !args.force {
            failed += 1;
            progress
                .suspend(|| eprintln!("{}", crate::tr!("import.exists", file = target.display())));
            continue;
        }
        planned.push((file, target, imported));
    }
    // Written side by side, each whole or not at all; the folder synced
    // once after all the renames (as `render` does).
    std::fs::create_dir_all(&args.out)?;
    if !planned.is_empty() {
        // The schema for editors, as `ketluan new` names (and writes) it.
        let line = super::new::schema_line(&args.out.join("x.yaml"))?;
        for (_, _, imported) in &mut planned {
            let text = &mut imported.written.text;
            if let Some(rest) = text.strip_prefix(SCHEMA_PLACEHOLDER) {
                *text = format!("{line}{rest}");
            }
        }
    }
    let writes: Vec<std::io::Result<bool>> = planned
        .par_iter()
        .map(|(_, target, i)| write_atomic_unsynced_folder(target, i.written.text.as_bytes()))
        .collect();
    crate::output::sync_dir(&args.out);
    for ((file, target, imported), write) in planned.into_iter().zip(writes) {
        write?;
        ok += 1;
        progress.suspend(|| {
            println!(
                "{}",
                crate::tr!(
                    "import.summary",
                    file = file.display(),
                    out = target.display(),
                    sections = imported.sections,
                    tasks = imported.tasks,
                    checks = imported.written.checks.len()
                )
            )
        });
        report.extend(
            imported
                .written
                .checks
                .into_iter()
                .map(|c| (target.clone(), c)),
        );
    }
    progress.finish_and_clear();
    if let Some(path) = &args.report {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["tệp", "dòng", "trường", "lý do"])?;
        for (file, c) in &report {
            w.write_record([
                file.display().to_string(),
                c.line.to_string(),
                c.field.clone(),
                c.why.clone(),
            ])?;
        }
        write_atomic(path, &w.into_inner()?)?;
    }
    eprintln!("{}", crate::tr!("import.done", ok = ok, failed = failed));
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// `--into`: the edited document's changes, printed, and with `--write`
/// applied to the meeting file in place (only the changed values).
fn into_meeting(args: &Args, meeting_file: &Path) -> CmdResult {
    let [edited] = args.paths.as_slice() else {
        eprintln!("{}", crate::tr!("import.into.one_file"));
        return Ok(ExitCode::from(2));
    };
    let loaded = crate::model::load_meeting(meeting_file);
    let Some(meeting) = loaded.meeting.clone() else {
        super::print_diagnostics(&loaded, &mut Default::default());
        eprintln!(
            "{}",
            crate::tr!("import.into.invalid", file = meeting_file.display())
        );
        return Ok(ExitCode::FAILURE);
    };
    let dir = Directory::new(&meeting.departments);
    let notice = match import::read_notice(edited, &dir) {
        Ok(n) => n,
        Err(e) => {
            eprintln!(
                "{}",
                crate::tr!("import.failed", file = edited.display(), error = e)
            );
            return Ok(ExitCode::FAILURE);
        }
    };
    let found = import::into::compare(&meeting, &notice, &dir);
    let file = meeting_file.display();
    if found.changes.is_empty() {
        println!("{}", crate::tr!("import.into.none", file = file));
    } else {
        println!(
            "{}",
            crate::tr!(
                "import.into.changes",
                count = found.changes.len(),
                file = file
            )
        );
        for c in &found.changes {
            println!("  {} ({})", c.label, import::into::path_text(&c.path));
            if !c.old.is_empty() {
                println!("    - {}", c.old.replace('\n', "\n      "));
            }
            if !c.new.is_empty() {
                println!("    + {}", c.new.replace('\n', "\n      "));
            }
        }
    }
    if !found.unmapped.is_empty() {
        println!("{}", crate::tr!("import.into.not_applied"));
        for u in &found.unmapped {
            println!("  - {u}");
        }
    }
    if found.changes.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    if !args.write {
        eprintln!("{}", crate::tr!("import.into.dry_run"));
        return Ok(ExitCode::SUCCESS);
    }
    let source = std::fs::read_to_string(meeting_file)?;
    let edits: Vec<_> = found.changes.iter().map(|c| c.edit.clone()).collect();
    let text = crate::yaml_edit::apply(&source, &edits)?;
    write_atomic(meeting_file, text.as_bytes())?;
    println!(
        "{}",
        crate::tr!("import.into.written", file = file, count = edits.len())
    );
    Ok(ExitCode::SUCCESS)
}
