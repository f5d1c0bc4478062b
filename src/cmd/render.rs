//! `ketluan render`: meeting files → notices in `output/`.

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{collect_meeting_files, print_diagnostics, CmdResult};
use crate::document::compose;
use crate::model::load_meeting;
use crate::output::write_atomic;
use crate::render::{renderer_for, Format, RenderOptions};
use crate::template::Templates;

/// Arguments of `render`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Meeting files or folders (default: meetings/). Folders are searched
    /// recursively for *.yaml; ketluan.yaml (the defaults) is skipped.
    pub paths: Vec<PathBuf>,
    /// Folder for the notices: <out>/<tên tệp>.docx.
    #[arg(long, short, default_value = "output")]
    pub out: PathBuf,
    /// Formats to write, comma separated: docx, pdf.
    #[arg(long, short, value_delimiter = ',', default_value = "docx,pdf")]
    pub format: Vec<Format>,
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
}

/// Renders every file; exit code 0 only when every file rendered.
pub fn run(args: Args) -> CmdResult {
    let mut formats = args.format.clone();
    formats.sort();
    formats.dedup();
    let options = RenderOptions {
        no_pdfa: args.no_pdfa,
        font_dir: args.font_dir.clone(),
    };
    let renderers: Vec<_> = formats.iter().map(|f| renderer_for(*f, &options)).collect();
    let templates = match &args.templates {
        Some(dir) => Templates::from_dir(dir)?,
        None => Templates::embedded(),
    };
    let files = collect_meeting_files(&args.paths)?;
    let mut seen = HashSet::new();
    let mut stems = HashSet::new();
    let (mut written, mut failed) = (0usize, 0usize);
    for file in &files {
        let loaded = load_meeting(file);
        print_diagnostics(&loaded, &mut seen);
        let Some(meeting) = loaded.meeting else {
            failed += 1;
            continue;
        };
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !stems.insert(stem.clone()) {
            eprintln!(
                "{}: lỗi: một tệp khác cùng tên `{stem}` đã được xuất vào {}; đổi tên một trong hai tệp",
                file.display(),
                args.out.display()
            );
            failed += 1;
            continue;
        }
        let notice = match compose(&meeting, &templates) {
            Ok(n) => n,
            Err(e) => {
                eprintln!("{}: lỗi: {e}", file.display());
                failed += 1;
                continue;
            }
        };
        let mut ok = true;
        for renderer in &renderers {
            let target = args
                .out
                .join(format!("{stem}.{}", renderer.format().extension()));
            let result = renderer
                .render(&notice)
                .map_err(|e| e.to_string())
                .and_then(|bytes| write_atomic(&target, &bytes).map_err(|e| e.to_string()));
            match result {
                Ok(changed) => {
                    written += 1;
                    let note = if changed { "" } else { " (không đổi)" };
                    println!("{} → {}{note}", file.display(), target.display());
                }
                Err(e) => {
                    eprintln!("{}: lỗi khi ghi {}: {e}", file.display(), target.display());
                    ok = false;
                }
            }
        }
        if !ok {
            failed += 1;
        }
    }
    eprintln!(
        "Đã xuất {written} tệp từ {} cuộc họp{}",
        files.len(),
        if failed > 0 {
            format!("; {failed} cuộc họp không xuất được")
        } else {
            String::new()
        }
    );
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
