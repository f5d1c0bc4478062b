//! `ketluan check`: validate meeting files without writing anything.

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{collect_meeting_files, print_diagnostics, CmdResult};
use crate::model::load_meeting;

/// Arguments of `check`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Meeting files or folders (default: meetings/).
    pub paths: Vec<PathBuf>,
}

/// Checks every file, prints every problem, fails if any is an error.
pub fn run(args: Args) -> CmdResult {
    let files = collect_meeting_files(&args.paths)?;
    let mut seen = HashSet::new();
    let (mut errors, mut warnings, mut bad_files) = (0, 0, 0);
    for file in &files {
        let loaded = load_meeting(file);
        print_diagnostics(&loaded, &mut seen);
        errors += loaded.diagnostics.error_count();
        warnings += loaded.diagnostics.warning_count();
        if loaded.diagnostics.has_errors() {
            bad_files += 1;
        } else {
            let documents: Vec<&str> = loaded
                .meeting
                .iter()
                .flat_map(|m| m.documents())
                .map(|k| k.name())
                .collect();
            println!("{}: hợp lệ ({})", file.display(), documents.join(", "));
        }
    }
    eprintln!(
        "Đã kiểm tra {} tệp: {} lỗi, {} cảnh báo{}",
        files.len(),
        errors,
        warnings,
        if bad_files > 0 {
            format!(" ({bad_files} tệp có lỗi)")
        } else {
            String::new()
        }
    );
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
