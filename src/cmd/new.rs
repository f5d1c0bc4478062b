//! `ketluan new FILE`: write a commented skeleton meeting file.

use std::path::PathBuf;
use std::process::ExitCode;

use super::CmdResult;
use crate::output::write_atomic;

/// The skeleton, with a Vietnamese comment on every field.
pub const SKELETON: &str = include_str!("../../templates/new-meeting.yaml");

/// Arguments of `new`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The meeting file to create, e.g. meetings/2021-01-25-phien-hop-thang-01.yaml.
    pub file: PathBuf,
    /// Overwrite the file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Writes the skeleton; refuses to overwrite an existing file without --force.
pub fn run(args: Args) -> CmdResult {
    if args.file.exists() && !args.force {
        eprintln!(
            "{}: tệp đã có; không ghi đè (dùng --force nếu thật sự muốn thay)",
            args.file.display()
        );
        return Ok(ExitCode::FAILURE);
    }
    write_atomic(&args.file, SKELETON.as_bytes())?;
    println!("Đã tạo {}", args.file.display());
    eprintln!(
        "Điền các chỗ còn trống, rồi chạy: ketluan check {0} && ketluan render {0}",
        args.file.display()
    );
    Ok(ExitCode::SUCCESS)
}
