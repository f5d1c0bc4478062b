//! The subcommands, one thin file each, and what they share.

pub mod check;
pub mod completions;
pub mod import;
pub mod new;
pub mod render;
pub mod report;
pub mod schema;
pub mod serve;
pub mod site;
pub mod tasks;
pub mod templates;
pub mod watch;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::diag::stderr_color;
use crate::model::{Loaded, DEFAULTS_FILE_NAME};

/// What a subcommand returns: its exit code, or an error that stops it.
pub type CmdResult = Result<ExitCode, Box<dyn std::error::Error>>;

/// Reads a date argument (`--today`, `--due-before`) in either accepted form.
/// A value parser for a type read with `parse` (its error, in the user's
/// language, is what clap reports) that also names the values it takes, so
/// that shell completions offer them (`render --format <TAB>` → docx, pdf,
/// html).
#[derive(Clone)]
pub struct Choices<T> {
    names: &'static [&'static str],
    parse: fn(&str) -> Result<T, String>,
}

impl<T> Choices<T> {
    /// The parser with its value names.
    pub const fn new(names: &'static [&'static str], parse: fn(&str) -> Result<T, String>) -> Self {
        Choices { names, parse }
    }
}

impl<T: Clone + Send + Sync + 'static> clap::builder::TypedValueParser for Choices<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<T, clap::Error> {
        let parse = self.parse;
        clap::builder::TypedValueParser::parse_ref(
            &clap::builder::StringValueParser::new().try_map(move |s| parse(&s)),
            cmd,
            arg,
            value,
        )
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            self.names
                .iter()
                .map(|n| clap::builder::PossibleValue::new(*n)),
        ))
    }
}

/// `--format` of the documents: docx, pdf, html.
pub const FORMATS: Choices<crate::render::Format> =
    Choices::new(&["docx", "pdf", "html"], |s| s.parse());

/// `--documents`: thong-bao, giay-moi, bien-ban.
pub const DOCUMENTS: Choices<crate::model::DocumentKind> =
    Choices::new(&["thong-bao", "giay-moi", "bien-ban"], |s| s.parse());

pub fn parse_date(s: &str) -> Result<crate::date::Date, String> {
    crate::date::Date::parse(s).map_err(|e| {
        crate::tr!(
            "date.bad_argument",
            text = s,
            error = e,
            forms = crate::date::accepted_forms()
        )
    })
}

/// The folder searched when no path is given.
pub const DEFAULT_MEETINGS_DIR: &str = "meetings";

/// The meeting files named by `paths`: files as given, folders searched
/// recursively for `*.yaml` / `*.yml` (the defaults file `ketluan.yaml`
/// excluded), sorted by path so that runs are repeatable.
pub fn collect_meeting_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let default = [PathBuf::from(DEFAULT_MEETINGS_DIR)];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let before = out.len();
            walk(p, &mut out).map_err(|e| {
                crate::tr!("files.unreadable_folder", path = p.display(), error = e)
            })?;
            out[before..].sort();
        } else if p.exists() {
            out.push(p.clone());
        } else {
            return Err(crate::tr!("files.no_such", path = p.display()));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            walk(&path, out)?;
        } else if (name.ends_with(".yaml") || name.ends_with(".yml")) && name != DEFAULTS_FILE_NAME
        {
            out.push(path);
        }
    }
    Ok(())
}

/// Prints the diagnostics of a loaded file to stderr, each once (a problem in
/// a shared `ketluan.yaml` is shown only the first time: `seen` remembers);
/// returns the errors and warnings not shown again, so that they are not
/// counted again either.
pub fn print_diagnostics(
    loaded: &Loaded,
    seen: &mut std::collections::HashSet<String>,
) -> (usize, usize) {
    let color = stderr_color();
    let (mut errors, mut warnings) = (0, 0);
    for d in loaded.diagnostics.sorted() {
        let headline = d.headline(&loaded.sources);
        if seen.insert(headline) {
            eprint!("{}", d.render(&loaded.sources, color));
        } else if d.is_error() {
            errors += 1;
        } else {
            warnings += 1;
        }
    }
    (errors, warnings)
}
