//! `ketluan serve`: a live preview of the archive site in the browser
//! ([`crate::serve`]).

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use super::render::BuildArgs;
use super::{CmdResult, DEFAULT_MEETINGS_DIR};
use crate::date::Date;
use crate::serve::{serve, ServeOptions};
use crate::site::SITE_FORMATS;

/// Arguments of `serve`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Meeting files or folders (default: meetings/).
    pub paths: Vec<PathBuf>,
    /// The address to listen on; only this computer by default.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: IpAddr,
    /// The port (0: any free port).
    #[arg(long, default_value_t = 4000)]
    pub port: u16,
    /// The day of the task dashboard (default: today, Vietnam time).
    #[arg(long, value_parser = super::parse_date)]
    pub today: Option<Date>,
    /// Wait this long after the last change before rebuilding (milliseconds).
    #[arg(long, default_value_t = 50, value_name = "MS")]
    pub debounce: u64,
    #[command(flatten)]
    pub build: BuildArgs,
}

/// Serves until Ctrl-C.
pub fn run(mut args: Args) -> CmdResult {
    if args.paths.is_empty() {
        args.paths.push(PathBuf::from(DEFAULT_MEETINGS_DIR));
    }
    serve(ServeOptions {
        build: args
            .build
            .options(PathBuf::new(), SITE_FORMATS.to_vec(), false),
        paths: args.paths,
        today: args.today,
        host: args.host,
        port: args.port,
        debounce: Duration::from_millis(args.debounce),
    })?;
    Ok(ExitCode::SUCCESS)
}
