//! The `ketluan` command line.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use ketluan::cmd;

/// ketluan: biên bản cuộc họp (YAML) → Thông báo kết luận (DOCX, PDF) theo Nghị định 30/2020/NĐ-CP.
///
/// Each meeting is one YAML file in meetings/; shared settings (issuer,
/// signer, recipients, departments) go in ketluan.yaml beside it.
/// Start with `ketluan new meetings/<ngày>-<tên>.yaml`, fill it in, run
/// `ketluan check`, then `ketluan render`.
#[derive(Parser, Debug)]
#[command(name = "ketluan", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check meeting files and report every problem, writing nothing.
    Check(cmd::check::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(a) => cmd::check::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("ketluan: lỗi: {e}");
            ExitCode::from(2)
        }
    }
}
