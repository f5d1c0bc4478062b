//! `ketluan render`: meeting files → their documents in `output/`, through
//! the build engine ([`crate::build`]).

use std::path::PathBuf;
use std::process::ExitCode;

use super::{collect_meeting_files, CmdResult};
use crate::build::{Engine, Options, Report};
use crate::model::DocumentKind;
use crate::render::Format;

/// How documents are built; shared by `render`, `watch`, `site` and `serve`.
#[derive(clap::Args, Debug, Clone)]
pub struct BuildArgs {
    /// Write plain PDF 1.7 instead of the archival PDF/A-2b.
    #[arg(long)]
    pub no_pdfa: bool,
    /// A folder with your own Times New Roman (times.ttf, timesbd.ttf,
    /// timesi.ttf, timesbi.ttf) for the PDF, instead of the built-in
    /// Liberation Serif.
    #[arg(long)]
    pub font_dir: Option<PathBuf>,
    /// A folder of templates to use instead of the built-in ones
    /// (make one with `ketluan templates export DIR`).
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// How many meetings to render at once (default: one per processor core).
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
    /// Remove the outputs of meeting files that no longer exist (and of
    /// documents whose block a meeting file no longer has).
    #[arg(long)]
    pub prune: bool,
    /// Documents to write, comma separated: thong-bao (<tên tệp>.docx),
    /// giay-moi (<tên tệp>.giay-moi.docx), bien-ban (<tên tệp>.bien-ban.docx).
    /// Each is written only for the files that have its block (notice,
    /// invitation, minutes).
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "thong-bao,giay-moi,bien-ban",
        value_parser = super::DOCUMENTS
    )]
    pub documents: Vec<DocumentKind>,
}

impl BuildArgs {
    /// The build options for an output folder and formats.
    pub fn options(&self, out: PathBuf, formats: Vec<Format>, force: bool) -> Options {
        Options {
            out,
            formats,
            documents: self.documents.clone(),
            no_pdfa: self.no_pdfa,
            font_dir: self.font_dir.clone(),
            templates: self.templates.clone(),
            jobs: self.jobs,
            prune: self.prune,
            force,
            for_signing: false,
        }
    }
}

/// Where and how documents are written; shared by `render` and `watch`.
#[derive(clap::Args, Debug, Clone)]
pub struct OutputArgs {
    /// Folder for the documents: `<out>/<tên tệp>.docx`.
    #[arg(long, short, default_value = "output")]
    pub out: PathBuf,
    /// Formats to write, comma separated: docx, pdf, html.
    #[arg(long, short, value_delimiter = ',', default_value = "docx,pdf", value_parser = super::FORMATS)]
    pub format: Vec<Format>,
    #[command(flatten)]
    pub build: BuildArgs,
}

/// Arguments of `render`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Meeting files or folders (default: meetings/). Folders are searched
    /// recursively for *.yaml; ketluan.yaml (the defaults) is skipped.
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Render every meeting, even those unchanged since their last render.
    #[arg(long)]
    pub force: bool,
    /// Make the documents for signing: the number's blank at least 28 pt
    /// wide, and beside each PDF (always written) `<stem>.sign.json`, where
    /// the number, the date, the signature and the seal go (implies --force).
    #[arg(long)]
    pub for_signing: bool,
}

impl OutputArgs {
    /// The build options these arguments ask for.
    pub fn options(&self, force: bool) -> Options {
        self.build
            .options(self.out.clone(), self.format.clone(), force)
    }
}

/// Renders every file; exit code 0 only when every file rendered (or was
/// already up to date).
pub fn run(args: Args) -> CmdResult {
    let options = Options {
        for_signing: args.for_signing,
        ..args.output.options(args.force)
    };
    let engine = Engine::new(&options)?;
    let files = collect_meeting_files(&args.paths)?;
    let summary = engine.run(&files, Report::auto());
    Ok(if summary.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
