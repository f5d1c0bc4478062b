//! `ketluan register add|void`: rows of the sổ đăng ký văn bản đi that
//! `issue` does not write: a document issued outside ketluan takes the
//! next number of the series, and a number voided keeps its place
//! (src/issuing/register.rs, docs/issuing.md).

use std::path::PathBuf;
use std::process::ExitCode;

use super::{fail, CmdResult};
use crate::date::Date;
use crate::issuing::paper;
use crate::issuing::register::{self, Lock, Row};
use crate::layout::Layout;
use crate::output::{write_atomic, write_batch_atomic};
use crate::render::pdf::PdfRenderer;

/// What `register` does.
#[derive(clap::Subcommand, Debug)]
pub enum Action {
    /// Enter a document issued outside ketluan: it takes the next number.
    Add(AddArgs),
    /// Void a number: a row saying so is added, the number is never given again.
    Void(VoidArgs),
    /// Write a year's register: the paper form (Decree 30, appendix 4) as PDF/A and DOCX, A4 landscape; with --format, its electronic form (appendix 6), csv or xlsx.
    Print(PrintArgs),
}

/// The formats of `register print`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PrintFormat {
    /// CSV with a byte order mark, for Excel.
    Csv,
    /// An Excel workbook.
    Xlsx,
}

/// Arguments of `register print`.
#[derive(clap::Args, Debug)]
pub struct PrintArgs {
    /// The year (default: this year).
    #[arg(long)]
    pub year: Option<i32>,
    /// csv or xlsx: the electronic form (default: the paper form, PDF/A and DOCX).
    #[arg(long, short, value_enum)]
    pub format: Option<PrintFormat>,
    /// The file to write (default: output/so-van-ban-di-<năm>.<csv|xlsx>;
    /// the paper form: this name with .pdf and with .docx, default
    /// output/so-van-ban-di-<năm>.pdf and .docx).
    #[arg(long, short, alias = "out")]
    pub output: Option<PathBuf>,
    /// The register's folder.
    #[arg(long, default_value = register::DIR)]
    pub register: PathBuf,
}

/// Writes a year's register in its electronic form.
fn print(args: PrintArgs) -> CmdResult {
    let year = args.year.unwrap_or_else(|| Date::today().year());
    let file = register::path_for(&args.register, year);
    let rows: Vec<Row> = register::read(&file)
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    if rows.is_empty() {
        return fail(crate::tr!("register.empty", file = file.display()));
    }
    let target = |ext: &str| {
        args.output.as_ref().map_or_else(
            || PathBuf::from("output").join(format!("so-van-ban-di-{year}.{ext}")),
            |o| match args.format {
                Some(_) => o.clone(),
                None => o.with_extension(ext),
            },
        )
    };
    let (bytes, ext) = match args.format {
        Some(PrintFormat::Csv) => (crate::issuing::export::csv(&rows)?, "csv"),
        Some(PrintFormat::Xlsx) => (crate::issuing::export::xlsx(&rows, year)?, "xlsx"),
        None => {
            let office = paper::office(&rows);
            let book = paper::book(&rows, year, &office, &Layout::default());
            let pdf = PdfRenderer::new(true, None).render_book(&book)?;
            let docx = crate::render::docx::render_book(&book)?;
            let (pdf_file, docx_file) = (target("pdf"), target("docx"));
            if let Some(dir) = pdf_file.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)?;
            }
            write_batch_atomic(&[(&pdf_file, &pdf), (&docx_file, &docx)])?;
            println!("{}\n{}", pdf_file.display(), docx_file.display());
            return Ok(ExitCode::SUCCESS);
        }
    };
    let target = target(ext);
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    write_atomic(&target, &bytes)?;
    println!("{}", target.display());
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `register`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// `add` or `void`.
    #[command(subcommand)]
    pub action: Action,
}

/// Arguments of `register add`.
#[derive(clap::Args, Debug)]
pub struct AddArgs {
    /// Tên loại: Công văn, Quyết định, Tờ trình…
    #[arg(long = "type")]
    pub type_name: String,
    /// Ký hiệu after the number: VP-TH, QĐ-UBND…
    #[arg(long)]
    pub code: String,
    /// Trích yếu.
    #[arg(long)]
    pub summary: String,
    /// The series (default: the one `numbering.series` of ketluan.yaml gives the type, else `issuer.code`, else the series of the year's last row).
    #[arg(long)]
    pub series: Option<String>,
    /// The date (default: today, Vietnam time).
    #[arg(long, value_parser = super::parse_date)]
    pub date: Option<Date>,
    /// Who signed it.
    #[arg(long)]
    pub signer: Option<String>,
    /// The register's folder.
    #[arg(long, default_value = register::DIR)]
    pub register: PathBuf,
}

/// Arguments of `register void`.
#[derive(clap::Args, Debug)]
pub struct VoidArgs {
    /// The number voided.
    pub number: u32,
    /// Why (written in Ghi chú).
    #[arg(long)]
    pub reason: String,
    /// The year of the number (default: this year).
    #[arg(long)]
    pub year: Option<i32>,
    /// The register's folder.
    #[arg(long, default_value = register::DIR)]
    pub register: PathBuf,
}

/// Adds a row to the register (or prints it).
pub fn run(args: Args) -> CmdResult {
    // Printing takes the lock too: it reads no row half-written.
    let dir = match &args.action {
        Action::Add(a) => &a.register,
        Action::Void(v) => &v.register,
        Action::Print(p) => &p.register,
    };
    let _lock = match Lock::take(dir) {
        Ok(lock) => lock,
        Err(_) => return fail(crate::tr!("issue.locked", dir = dir.display())),
    };
    let (file, row) = match args.action {
        Action::Add(a) => {
            let date = a.date.unwrap_or_else(Date::today);
            let file = register::path_for(&a.register, date.year());
            let rows = register::read(&file).map_err(|e| e.to_string())?;
            let last = rows.last().map(|(_, r)| r.chuoi.clone());
            let series = match a.series.clone() {
                Some(s) => Some(s),
                None => {
                    let plain: Vec<Row> = rows.iter().map(|(_, r)| r.clone()).collect();
                    match crate::issuing::office_defaults(&plain)
                        .map(|f| crate::model::load::numbering_of(&f))
                    {
                        Some(Err(problems)) => {
                            eprintln!("{problems}");
                            return Ok(ExitCode::FAILURE);
                        }
                        // The type's series, else the office's one.
                        Some(Ok((numbering, code))) => code.or(last).map(|code| {
                            crate::issuing::series_for(&numbering, &a.type_name, &code)
                        }),
                        None => last,
                    }
                }
            };
            let Some(series) = series else {
                return fail(crate::tr!("register.no_series"));
            };
            if let Some(latest) = register::latest_date(&rows, &series).filter(|l| date < *l) {
                return fail(crate::tr!(
                    "issue.date_before_last",
                    date = date.short(),
                    last = latest.short()
                ));
            }
            let number = register::last_in(&rows, &series).map_or(1, |(n, _)| n + 1);
            let row = Row {
                so: format!("{number:02}"),
                ky_hieu: a.code,
                ngay: date.iso(),
                ten_loai: a.type_name,
                trich_yeu: a.summary,
                ngon_ngu: "Tiếng Việt".into(),
                nguoi_ky: a.signer.unwrap_or_default(),
                ngay_chuyen: date.iso(),
                chuoi: series,
                nguon: "ngoai".into(),
                ..Row::default()
            };
            (file, row)
        }
        Action::Print(p) => return print(p),
        Action::Void(v) => {
            let year = v.year.unwrap_or_else(|| Date::today().year());
            let file = register::path_for(&v.register, year);
            let rows = register::read(&file).map_err(|e| e.to_string())?;
            let given = rows
                .iter()
                .map(|(_, r)| r)
                .filter(|r| r.number() == Some(v.number))
                .collect::<Vec<_>>();
            let Some(original) = given.first() else {
                return fail(crate::tr!(
                    "register.no_number",
                    number = format!("{:02}", v.number),
                    file = file.display()
                ));
            };
            if given.iter().any(|r| r.nguon == register::VOIDED) {
                return fail(crate::tr!(
                    "register.already_void",
                    number = format!("{:02}", v.number)
                ));
            }
            let row = Row {
                so: original.so.clone(),
                ky_hieu: original.ky_hieu.clone(),
                ngay: original.ngay.clone(),
                ten_loai: original.ten_loai.clone(),
                trich_yeu: original.trich_yeu.clone(),
                ghi_chu: format!("Hủy số: {}", v.reason),
                chuoi: original.chuoi.clone(),
                nguon: register::VOIDED.into(),
                tep: original.tep.clone(),
                ..Row::default()
            };
            (file, row)
        }
    };
    let bytes = register::appended(&file, &row)?;
    write_atomic(&file, &bytes)?;
    println!("{}", file.display());
    eprintln!(
        "{}",
        crate::tr!(
            "register.added",
            reference = format!("{}/{}", row.so, row.ky_hieu),
            file = file.display()
        )
    );
    Ok(ExitCode::SUCCESS)
}
