//! `ketluan new FILE`: write a commented skeleton meeting file.
//!
//! Its first line names the JSON Schema of the format for editors
//! (`# yaml-language-server: $schema=…`, relative to the file). The schema
//! file is the nearest `ketluan.schema.json` in the file's folder or above
//! (refreshed when this version of ketluan writes a different one); when
//! there is none, one is written beside the nearest `ketluan.yaml`, or else
//! beside the new file.

use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use super::CmdResult;
use crate::jsonschema::{meeting_schema_text, SCHEMA_FILE_NAME};
use crate::model::find_defaults;
use crate::output::write_atomic;

/// The schema line of the skeleton, as written in templates/new-meeting.yaml.
const SCHEMA_LINE: &str = "# yaml-language-server: $schema=ketluan.schema.json";

/// The skeleton, with a Vietnamese comment on every field.
pub use crate::template::NEW_MEETING as SKELETON;

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
        eprintln!("{}", crate::tr!("new.exists", file = args.file.display()));
        return Ok(ExitCode::FAILURE);
    }
    let line = schema_line(&args.file)?;
    let text = SKELETON.replacen(SCHEMA_LINE, &line, 1);
    write_atomic(&args.file, text.as_bytes())?;
    println!("{}", crate::tr!("new.created", file = args.file.display()));
    eprintln!("{}", crate::tr!("new.next", file = args.file.display()));
    Ok(ExitCode::SUCCESS)
}

/// The first line of a new meeting file `file`, naming the schema for
/// editors: the nearest `ketluan.schema.json` (refreshed when this
/// version writes a different one), else one written beside the nearest
/// `ketluan.yaml`, else beside the file (`new` and `import` write it).
pub fn schema_line(file: &Path) -> std::io::Result<String> {
    let file = std::path::absolute(file)?;
    let dir = file.parent().unwrap_or(Path::new("/")).to_path_buf();
    let schema = nearest_schema(&dir).unwrap_or_else(|| {
        find_defaults(&file)
            .and_then(|d| d.parent().map(|p| p.join(SCHEMA_FILE_NAME)))
            .unwrap_or_else(|| dir.join(SCHEMA_FILE_NAME))
    });
    if write_atomic(&schema, meeting_schema_text().as_bytes())? {
        eprintln!(
            "{}",
            crate::tr!("new.schema_written", file = schema.display())
        );
    }
    Ok(format!(
        "# yaml-language-server: $schema={}",
        relative(&dir, &schema)
    ))
}

/// The nearest `ketluan.schema.json` in `dir` or above.
fn nearest_schema(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(SCHEMA_FILE_NAME))
        .find(|p| p.is_file())
}

/// `to` relative to the folder `from` (both absolute), with `/` separators
/// as the YAML extension expects.
fn relative(from: &Path, to: &Path) -> String {
    let from: Vec<Component> = from.components().collect();
    let to_parts: Vec<Component> = to.components().collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        return to.to_string_lossy().replace('\\', "/");
    }
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(
        to_parts[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_paths_are_relative_to_the_meeting() {
        assert_eq!(
            relative(
                Path::new("/a/meetings/sub"),
                Path::new("/a/meetings/ketluan.schema.json")
            ),
            "../ketluan.schema.json"
        );
        assert_eq!(
            relative(Path::new("/a/m"), Path::new("/a/m/ketluan.schema.json")),
            "ketluan.schema.json"
        );
        assert!(
            SKELETON.starts_with(SCHEMA_LINE),
            "the skeleton's first line"
        );
    }
}
