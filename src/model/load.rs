//! Reading a meeting file and its defaults (`ketluan.yaml`) from disk.

use std::path::{Path, PathBuf};

use super::node::{self, Node, NodeKind};
use super::schema::Walker;
use super::Meeting;
use crate::diag::{Diagnostic, Diagnostics, SourceMap};

/// Name of the defaults file, looked for from the meeting's folder upwards.
pub const DEFAULTS_FILE_NAME: &str = "ketluan.yaml";

/// Largest input file read (a meeting is a few kilobytes).
const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// The outcome of loading one meeting file.
#[derive(Debug)]
pub struct Loaded {
    /// The meeting file's path, as given.
    pub path: PathBuf,
    /// The defaults file used, if any.
    pub defaults: Option<PathBuf>,
    /// Every file read, for showing diagnostics.
    pub sources: SourceMap,
    /// The problems found (errors and warnings).
    pub diagnostics: Diagnostics,
    /// The meeting, when there was no error.
    pub meeting: Option<Meeting>,
}

/// The nearest `ketluan.yaml` in the meeting file's folder or above it, as
/// git finds `.git`.
pub fn find_defaults(meeting_path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(meeting_path).ok()?;
    let mut dir = absolute.parent();
    while let Some(d) = dir {
        let candidate = d.join(DEFAULTS_FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = d.parent();
    }
    None
}

/// Reads a file as UTF-8 text, refusing anything too large or not text.
pub(crate) fn read_text(path: &Path) -> Result<String, Box<Diagnostic>> {
    let meta = std::fs::metadata(path)
        .map_err(|e| Diagnostic::file_error(path, format!("không đọc được tệp: {e}")))?;
    if !meta.is_file() {
        return Err(Box::new(Diagnostic::file_error(path, "không phải là tệp")));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Box::new(Diagnostic::file_error(
            path,
            format!("tệp quá lớn ({} byte; tối đa {MAX_FILE_BYTES})", meta.len()),
        )));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::file_error(path, format!("không đọc được tệp: {e}")))?;
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(&bytes)
        .to_vec();
    String::from_utf8(bytes).map_err(|e| {
        Box::new(Diagnostic::file_error(
            path,
            format!(
                "tệp không phải văn bản UTF-8 (byte lỗi ở vị trí {}); hãy lưu lại với bảng mã UTF-8",
                e.utf8_error().valid_up_to()
            ),
        ))
    })
}

/// Loads, merges and validates one meeting file. Never panics on bad input:
/// every problem ends up in [`Loaded::diagnostics`].
pub fn load_meeting(path: &Path) -> Loaded {
    let defaults = find_defaults(path);
    load_with_defaults(path, defaults.as_deref())
}

/// As [`load_meeting`], with the defaults file given (or none).
pub fn load_with_defaults(path: &Path, defaults: Option<&Path>) -> Loaded {
    let mut loaded = Loaded {
        path: path.to_path_buf(),
        defaults: defaults.map(Path::to_path_buf),
        sources: SourceMap::default(),
        diagnostics: Diagnostics::default(),
        meeting: None,
    };
    let parse_file = |p: &Path, loaded: &mut Loaded| -> Option<Node> {
        let text = match read_text(p) {
            Ok(t) => t,
            Err(d) => {
                loaded.diagnostics.push(*d);
                return None;
            }
        };
        let id = loaded.sources.add(p.to_path_buf(), text);
        match node::parse(&loaded.sources, id) {
            Ok(n) => match n.kind {
                NodeKind::Map(_) | NodeKind::Null => Some(n),
                _ => {
                    loaded.diagnostics.push(Diagnostic::error(
                        n.loc,
                        "",
                        format!(
                            "tệp phải là một nhóm trường `tên: giá trị`, không phải {}",
                            n.kind_name()
                        ),
                    ));
                    None
                }
            },
            Err(d) => {
                loaded.diagnostics.push(*d);
                None
            }
        }
    };
    let root = parse_file(path, &mut loaded);
    let defaults_root = match defaults {
        Some(d) => match parse_file(d, &mut loaded) {
            Some(n) => Some(n),
            None => return loaded,
        },
        None => None,
    };
    let Some(root) = root else {
        return loaded;
    };
    let merged = match defaults_root {
        Some(d) => root.merged_over(d),
        None => root,
    };
    let meeting = Walker::new(&loaded.sources, &mut loaded.diagnostics).meeting(&merged);
    if !loaded.diagnostics.has_errors() {
        loaded.meeting = meeting;
    }
    loaded
}
