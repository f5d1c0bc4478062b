//! `ketluan check`: validate meeting files without writing anything.

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{collect_meeting_files, print_diagnostics, CmdResult};
use crate::issuing::audit::{audit, numbered, registers};
use crate::issuing::register;
use crate::model::load_meeting;

/// Arguments of `check`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Meeting files or folders (default: meetings/).
    pub paths: Vec<PathBuf>,
    /// The register of outgoing documents (sổ đăng ký văn bản đi) the
    /// numbers are checked against, when the folder exists.
    #[arg(long, default_value = register::DIR)]
    pub register: PathBuf,
}

/// Checks every file, prints every problem, fails if any is an error.
pub fn run(args: Args) -> CmdResult {
    let files = collect_meeting_files(&args.paths)?;
    let mut seen = HashSet::new();
    let (mut errors, mut warnings, mut bad_files) = (0, 0, 0);
    let mut documents_numbered = Vec::new();
    for file in &files {
        let loaded = load_meeting(file);
        // A problem of a shared `ketluan.yaml` is printed, and counted, once.
        let (repeated_errors, repeated_warnings) = print_diagnostics(&loaded, &mut seen);
        errors += loaded.diagnostics.error_count() - repeated_errors;
        warnings += loaded.diagnostics.warning_count() - repeated_warnings;
        if loaded.diagnostics.has_errors() {
            bad_files += 1;
        } else {
            if let (Some(m), Ok(text)) = (&loaded.meeting, std::fs::read_to_string(file)) {
                documents_numbered.extend(numbered(m, file, &text));
            }
            let documents: Vec<String> = loaded
                .meeting
                .iter()
                .flat_map(|m| m.documents())
                .map(|k| k.label())
                .collect();
            println!(
                "{}",
                crate::tr!(
                    "check.valid",
                    file = file.display(),
                    documents = documents.join(", ")
                )
            );
        }
    }
    // The numbers across the files and the register.
    let registers = registers(&args.register).map_err(|e| e.to_string())?;
    for finding in audit(&documents_numbered, &registers) {
        let label = if finding.error {
            errors += 1;
            crate::tr!("diag.error")
        } else {
            warnings += 1;
            crate::tr!("diag.warning")
        };
        eprintln!("{}: {label}: {}", finding.at, finding.message);
    }
    let bad = if bad_files > 0 {
        crate::tr!("check.bad_files", n = bad_files)
    } else {
        String::new()
    };
    eprintln!(
        "{}",
        crate::tr!(
            "check.summary",
            files = files.len(),
            errors = errors,
            warnings = warnings,
            bad = bad
        )
    );
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
