//! The command line: its definition (clap, derive), its help and messages
//! in the user's language ([`crate::i18n`]), and the dispatch to the
//! subcommands of [`crate::cmd`].

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::cmd;
use crate::i18n;

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
    /// Render meeting files into notices (output/<tên tệp>.docx).
    Render(cmd::render::Args),
    /// Check meeting files and report every problem, writing nothing.
    Check(cmd::check::Args),
    /// Write a new meeting file with every field explained (in Vietnamese).
    New(cmd::new::Args),
    /// Read past notices (DOCX, text, PDF) into meeting files.
    Import(cmd::import::Args),
    /// List the tasks assigned in the meetings: who, what, by when, done or overdue.
    Tasks(cmd::tasks::Args),
    /// Write the report on the tasks (Báo cáo tình hình thực hiện nhiệm vụ) as DOCX and PDF.
    Report(cmd::report::Args),
    /// Write a reminder letter to each lead unit with tasks overdue or due soon.
    Remind(cmd::remind::Args),
    /// Give a document the next number of the year, render it and enter it in the register.
    Issue(cmd::issue::Args),
    /// Enter in the register a document issued outside ketluan, or void a number.
    Register(cmd::register::Args),
    /// Sign an issued PDF: the leader's signature, then the agency's seal (PAdES, PKCS#12 or a USB token).
    Sign(cmd::sign::Args),
    /// Work with the templates that word the notice.
    Templates(cmd::templates::Args),
    /// Render, then render again each time a meeting, ketluan.yaml or a template changes.
    Watch(cmd::watch::Args),
    /// Build the archive as a static website: documents, index, task dashboard.
    Site(cmd::site::Args),
    /// Serve a live preview of the site on this computer, rebuilt on every change.
    Serve(cmd::serve::Args),
    /// Print the JSON Schema of the meeting format (for editors such as VS Code).
    Schema(cmd::schema::Args),
    /// Print a shell completion script (bash, zsh, fish, powershell).
    Completions(cmd::completions::Args),
}

/// The whole command line, its help in the language now.
pub fn command() -> clap::Command {
    // `ketluan`, not `ketluan.exe` on Windows: the name the docs use.
    i18n::localize(Cli::command()).bin_name("ketluan")
}

/// Runs `ketluan` with the process's arguments; the exit code of the
/// subcommand, 2 for a mistake on the command line.
pub fn main() -> ExitCode {
    i18n::set(i18n::Lang::from_env());
    // The command line as written is parsed against the plain definition;
    // only a request for help, a version or a mistake builds the localized
    // one (every help line looked up in the catalog), to say it in the
    // user's language.
    let parsed = match Cli::command().try_get_matches() {
        Ok(m) => Ok(m),
        Err(_) => command().try_get_matches(),
    };
    let matches = match parsed {
        Ok(m) => m,
        Err(e)
            if matches!(
                e.kind(),
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion
            ) =>
        {
            use std::io::Write;
            let styled = crate::diag::stdout_color();
            let _ = std::io::stdout().write_all(i18n::help_text(&e, styled).as_bytes());
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprint!("{}", i18n::clap_error(&e));
            return ExitCode::from(2);
        }
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => {
            eprint!("{}", i18n::clap_error(&e));
            return ExitCode::from(2);
        }
    };
    let result = match cli.command {
        Command::Render(a) => cmd::render::run(a),
        Command::Check(a) => cmd::check::run(a),
        Command::New(a) => cmd::new::run(a),
        Command::Import(a) => cmd::import::run(a),
        Command::Tasks(a) => cmd::tasks::run(a),
        Command::Report(a) => cmd::report::run(a),
        Command::Remind(a) => cmd::remind::run(a),
        Command::Issue(a) => cmd::issue::run(a),
        Command::Register(a) => cmd::register::run(a),
        Command::Sign(a) => cmd::sign::run(a),
        Command::Templates(a) => cmd::templates::run(a),
        Command::Watch(a) => cmd::watch::run(a),
        Command::Site(a) => cmd::site::run(a),
        Command::Serve(a) => cmd::serve::run(a),
        Command::Schema(a) => cmd::schema::run(a),
        Command::Completions(a) => cmd::completions::run(a, command()),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("ketluan: {}: {e}", crate::tr!("diag.error"));
            ExitCode::from(2)
        }
    }
}
