//! `ketluan schema`: print the JSON Schema of the meeting format, for
//! editors (see [`crate::jsonschema`]).

use std::path::PathBuf;
use std::process::ExitCode;

use super::CmdResult;
use crate::jsonschema::meeting_schema_text;
use crate::output::write_atomic;

/// Arguments of `schema`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Write the schema into this file instead of printing it
    /// (e.g. ketluan.schema.json beside meetings/).
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

/// Prints or writes the schema.
pub fn run(args: Args) -> CmdResult {
    let text = meeting_schema_text();
    match args.out {
        None => print!("{text}"),
        Some(path) => {
            write_atomic(&path, text.as_bytes())?;
            eprintln!("Đã ghi lược đồ vào {}", path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}
