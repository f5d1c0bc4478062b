//! `ketluan schema`: print the JSON Schema of the meeting format, for
//! editors (see [`crate::jsonschema`]), or with `--reference` the field
//! tables of `docs/meeting-format.md` (see [`crate::model::format`]).

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
    /// Print the field tables of the format reference (Markdown) instead.
    #[arg(long)]
    pub reference: bool,
}

/// Prints or writes the schema.
pub fn run(args: Args) -> CmdResult {
    let text = if args.reference {
        crate::model::format::reference_tables()
    } else {
        meeting_schema_text()
    };
    match args.out {
        None => print!("{text}"),
        Some(path) => {
            write_atomic(&path, text.as_bytes())?;
            eprintln!("{}", crate::tr!("schema.written", file = path.display()));
        }
    }
    Ok(ExitCode::SUCCESS)
}
