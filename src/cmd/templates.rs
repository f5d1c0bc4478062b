//! `ketluan templates export DIR`: copy the embedded templates out, to be
//! reworded and used with `render --templates DIR`.

use std::path::PathBuf;
use std::process::ExitCode;

use super::CmdResult;
use crate::output::write_atomic;
use crate::template::EMBEDDED;

/// Arguments of `templates`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(clap::Subcommand, Debug)]
enum Action {
    /// Copy the built-in templates into DIR (existing files are kept unless --force).
    Export {
        /// The folder to write into (created if missing).
        dir: PathBuf,
        /// Overwrite templates already in DIR.
        #[arg(long)]
        force: bool,
    },
}

/// Runs the `templates` subcommand.
pub fn run(args: Args) -> CmdResult {
    match args.action {
        Action::Export { dir, force } => {
            let mut kept = 0;
            for (name, text) in EMBEDDED {
                let path = dir.join(name);
                if path.exists() && !force {
                    eprintln!("{}", crate::tr!("templates.kept", file = path.display()));
                    kept += 1;
                    continue;
                }
                write_atomic(&path, text.as_bytes())?;
                println!("{}", path.display());
            }
            Ok(if kept > 0 {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}
