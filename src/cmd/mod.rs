//! The subcommands, one thin file each, and what they share.

pub mod check;
pub mod completions;
pub mod import;
pub mod issue;
pub mod new;
pub mod register;
pub mod remind;
pub mod render;
pub mod report;
pub mod schema;
pub mod serve;
pub mod sign;
pub mod site;
pub mod tasks;
pub mod tasks_apply;
pub mod templates;
pub mod watch;

use std::process::ExitCode;

use crate::diag::stderr_color;
use crate::model::Loaded;

/// What a subcommand returns: its exit code, or an error that stops it.
pub type CmdResult = Result<ExitCode, Box<dyn std::error::Error>>;

/// Prints `message` as an error (`ketluan: lỗi: …`) and ends the command
/// with exit code 1.
pub fn fail(message: String) -> CmdResult {
    eprintln!("ketluan: {}: {message}", crate::tr!("diag.error"));
    Ok(ExitCode::FAILURE)
}

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
    Choices::new(&crate::model::DocumentKind::SLUGS, |s| s.parse());

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

pub use crate::model::load::{collect_meeting_files, DEFAULT_MEETINGS_DIR};

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

/// Renders `documents` in every format side by side (a job per document
/// and format), lets go of them, then writes each as
/// `<out>/<file_name>.<extension>` (atomically), printing its path: what
/// `report` and `remind` do with what they composed.
pub fn render_and_write(
    documents: Vec<crate::document::Document>,
    formats: &[crate::render::Format],
    options: &crate::render::RenderOptions,
    out: &std::path::Path,
) -> Result<(), Box<dyn std::error::Error>> {
    use rayon::prelude::*;
    let jobs: Vec<(usize, crate::render::Format)> = (0..documents.len())
        .flat_map(|i| formats.iter().map(move |&f| (i, f)))
        .collect();
    let rendered: Vec<_> = jobs
        .par_iter()
        .map(|&(i, format)| {
            let stem = documents[i].file_name.clone().unwrap_or_default();
            let bytes = crate::render::renderer_for(format, options).render(&documents[i]);
            (stem, format, bytes)
        })
        .collect();
    // Over a large archive the documents are tens of MB.
    drop(documents);
    for (stem, format, bytes) in rendered {
        let target = out.join(format!("{stem}.{}", format.extension()));
        crate::output::write_atomic(&target, &bytes?)?;
        println!("{}", target.display());
    }
    Ok(())
}
