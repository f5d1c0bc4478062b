//! `ketluan issue MEETING [--document …] [--date D] [--number N]`: the next
//! number of the year from the register, written into the meeting file,
//! the final PDF/A and DOCX rendered with the PDF's signing rectangles
//! (`<stem>.sign.json`), the register's row added (src/issuing/).

use std::path::PathBuf;
use std::process::ExitCode;

use super::{fail, CmdResult};
use crate::date::Date;
use crate::issuing::sidecar::{self, Sidecar};
use crate::issuing::{self, register, Request};
use crate::model::DocumentKind;
use crate::output::write_batch_atomic;
use crate::render::{renderer_for, Format, RenderOptions};
use crate::template::Templates;

/// Arguments of `issue`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The meeting file.
    pub file: PathBuf,
    /// Which document: thong-bao, giay-moi, bien-ban.
    #[arg(long, default_value = "thong-bao", value_parser = super::DOCUMENTS)]
    pub document: DocumentKind,
    /// The date of issue (default: today, Vietnam time; the minutes are
    /// dated by the meeting).
    #[arg(long, value_parser = super::parse_date)]
    pub date: Option<Date>,
    /// A number given elsewhere (an e-office) instead of the next one.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=999_999))]
    pub number: Option<u32>,
    /// The register's folder.
    #[arg(long, default_value = register::DIR)]
    pub register: PathBuf,
    /// Folder for the documents.
    #[arg(long, short, default_value = "output")]
    pub out: PathBuf,
}

/// Issues a document.
pub fn run(args: Args) -> CmdResult {
    let _lock = match register::Lock::take(&args.register) {
        Ok(lock) => lock,
        Err(_) => return fail(crate::tr!("issue.locked", dir = args.register.display())),
    };
    let request = Request {
        file: args.file.clone(),
        kind: args.document,
        date: args.date,
        number: args.number,
        register: args.register.clone(),
        today: Date::today(),
    };
    let templates = Templates::embedded();
    let mut planned = match issuing::plan(&request, &templates) {
        Ok(p) => p,
        Err(e) => return fail(e.0),
    };
    // The documents first: if they cannot be made, nothing is written.
    let options = RenderOptions {
        no_pdfa: false,
        font_dir: None,
        formats: vec![Format::Docx, Format::Pdf],
        templates: None,
    };
    let (docx, pdf) = rayon::join(
        || renderer_for(Format::Docx, &options).render(&planned.document),
        || renderer_for(Format::Pdf, &options).render_for_signing(&planned.document),
    );
    let (Ok(docx), Ok((pdf_bytes, places))) = (docx, pdf) else {
        return fail(crate::tr!(
            "issue.render_failed",
            file = args.file.display()
        ));
    };
    let stem = format!(
        "{}{}",
        crate::model::stem_of(&args.file),
        args.document.file_suffix()
    );
    let pdf = args.out.join(format!("{stem}.pdf"));
    // Where `sign` puts the signature and the seal; the PDF's SHA-256,
    // computed there, is the register's too.
    let places = places.unwrap_or_default();
    let sidecar = Sidecar::of(
        &format!("{stem}.pdf"),
        &pdf_bytes,
        &planned.document,
        &places,
    );
    planned.row.sha256 = sidecar.sha256.clone();
    // The pages laid out are the PDF's pages (tests/issue.rs reads the
    // count back with pdfinfo).
    planned.row.so_trang = places.pages.to_string();
    let register_bytes = register::appended(&planned.register_file, &planned.row)?;
    let sidecar_path = sidecar::path_for(&pdf);
    let sidecar = sidecar.to_json();
    // The meeting file, the documents and the register as one change.
    let docx_path = args.out.join(format!("{stem}.docx"));
    std::fs::create_dir_all(&args.out)?;
    std::fs::create_dir_all(&args.register)?;
    write_batch_atomic(&[
        (args.file.as_path(), planned.text.as_bytes()),
        (docx_path.as_path(), &docx),
        (pdf.as_path(), &pdf_bytes),
        (sidecar_path.as_path(), sidecar.as_bytes()),
        (planned.register_file.as_path(), &register_bytes),
    ])?;
    println!("{}", args.file.display());
    println!("{}", planned.register_file.display());
    println!("{}", pdf.display());
    eprintln!(
        "{}",
        crate::tr!(
            "issue.done",
            reference = format!("{}/{}", planned.row.so, planned.row.ky_hieu),
            date = planned.date.short()
        )
    );
    Ok(ExitCode::SUCCESS)
}
