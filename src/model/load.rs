//! Reading a meeting file and its defaults (`ketluan.yaml`) from disk.

use std::path::{Path, PathBuf};

use super::format::{DocumentKind, Need};
use super::node::{self, Node, NodeKind};
use super::validate::Walker;
use super::Meeting;
use crate::diag::{Diagnostic, Diagnostics, FileId, SourceMap};

/// Name of the defaults file, looked for from the meeting's folder upwards.
pub const DEFAULTS_FILE_NAME: &str = "ketluan.yaml";

/// Largest input file read (a meeting is a few kilobytes).
const MAX_FILE_BYTES: u64 = super::node::limits::MAX_FILE_BYTES as u64;

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

/// The stem of a meeting file, which names its outputs and its tasks'
/// ids: its file name without `.yaml`.
pub fn stem_of(file: &Path) -> String {
    file.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
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

/// The extension of a file named like an output (`.docx`, `.pdf`, in any
/// case), which a meeting file must not have.
fn output_extension(path: &Path) -> Option<String> {
    let ext = path.extension()?.to_string_lossy().to_lowercase();
    matches!(ext.as_str(), "docx" | "pdf").then_some(ext)
}

/// Reads a file's bytes, refusing anything that is not a regular file or is
/// larger than the 8 MiB limit ([`super::node::limits::MAX_FILE_BYTES`]):
/// the size is checked before reading and the read itself stops one byte
/// past the limit (a file that grows meanwhile is refused too, never
/// half-read). Anything that reads a meeting or defaults file (to hash it,
/// for example) should read it through this.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Box<Diagnostic>> {
    use std::io::Read;
    let cannot = |e: std::io::Error| {
        Box::new(Diagnostic::file_error(
            path,
            crate::tr!("model.load.cannot_read", error = e),
        ))
    };
    let too_large = |len: u64| {
        Box::new(
            Diagnostic::file_error(
                path,
                crate::tr!(
                    "model.load.too_large",
                    len = len,
                    max = MAX_FILE_BYTES,
                    mib = MAX_FILE_BYTES / (1024 * 1024)
                ),
            )
            .with_hint(crate::tr!("model.load.too_large_hint")),
        )
    };
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if !meta.is_file() {
        return Err(Box::new(Diagnostic::file_error(
            path,
            crate::tr!("model.load.not_regular"),
        )));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// A carriage return not followed by a line feed (old Mac line endings, or
/// a stray one) ends a line for YAML; it is made a line feed, byte for byte,
/// so that lines and columns count as the parser counts them.
fn lone_cr_to_lf(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    let mut bytes = text.as_bytes().to_vec();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    String::from_utf8(bytes).expect("ASCII for ASCII keeps UTF-8 valid")
}

/// Reads a file and registers it in `sources`. A file that is not valid
/// UTF-8 is registered too (with U+FFFD in place of the bad bytes, so that
/// its line can be shown), and reported at the line and column of the first
/// bad byte, with that byte's offset in the file.
fn add_source(
    path: &Path,
    bytes: Option<Vec<u8>>,
    sources: &mut SourceMap,
) -> Result<FileId, Box<Diagnostic>> {
    let bytes = match bytes {
        Some(b) => b,
        None => read_bytes(path)?,
    };
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    match std::str::from_utf8(&bytes[bom..]) {
        Ok(text) => Ok(sources.add(path.to_path_buf(), lone_cr_to_lf(text))),
        Err(e) => {
            let at = e.valid_up_to();
            let bad_len = e.error_len().unwrap_or(bytes.len() - bom - at);
            let shown: Vec<String> = bytes[bom + at..bom + at + bad_len.min(4)]
                .iter()
                .map(|b| format!("0x{b:02X}"))
                .collect();
            let lossy = String::from_utf8_lossy(&bytes[bom..]).into_owned();
            let id = sources.add(path.to_path_buf(), lossy);
            let loc = sources.loc_at(id, at, '\u{FFFD}'.len_utf8());
            let shown = shown.join(" ");
            let offset = bom + at;
            let message = if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
                crate::tr!("model.load.not_utf8_utf16", bytes = shown, offset = offset)
            } else {
                crate::tr!("model.load.not_utf8_legacy", bytes = shown, offset = offset)
            };
            Err(Box::new(
                Diagnostic::error(loc, "", message)
                    .with_hint(crate::tr!("model.load.not_utf8_hint")),
            ))
        }
    }
}

/// Loads, merges and validates one meeting file. Never panics on bad input:
/// every problem ends up in [`Loaded::diagnostics`].
pub fn load_meeting(path: &Path) -> Loaded {
    let defaults = find_defaults(path);
    load_with_defaults(path, defaults.as_deref())
}

/// As [`load_meeting`], with the defaults file given (or none).
pub fn load_with_defaults(path: &Path, defaults: Option<&Path>) -> Loaded {
    load_read(path, None, defaults)
}

/// As [`load_with_defaults`], with the meeting file's bytes already read
/// by [`read_bytes`] (the build engine reads them once, to hash them).
pub fn load_read(path: &Path, bytes: Option<Vec<u8>>, defaults: Option<&Path>) -> Loaded {
    let mut loaded = Loaded {
        path: path.to_path_buf(),
        defaults: defaults.map(Path::to_path_buf),
        sources: SourceMap::default(),
        diagnostics: Diagnostics::default(),
        meeting: None,
    };
    let parse_file =
        |p: &Path, bytes: Option<Vec<u8>>, loaded: &mut Loaded, is_meeting: bool| -> Option<Node> {
            let id = match add_source(p, bytes, &mut loaded.sources) {
                Ok(id) => id,
                Err(d) => {
                    loaded.diagnostics.push(*d);
                    return None;
                }
            };
            match node::parse(&loaded.sources, id) {
                Ok(n) => match n.kind {
                    NodeKind::Null if is_meeting => {
                        // One clear error rather than one per missing field.
                        let text = &loaded.sources.get(id).text;
                        let message = if text.trim().is_empty() {
                            crate::tr!("model.load.empty")
                        } else if text
                            .lines()
                            .map(str::trim)
                            .all(|l| l.is_empty() || l.starts_with('#'))
                        {
                            crate::tr!("model.load.only_comments")
                        } else {
                            crate::tr!("model.load.only_null")
                        };
                        loaded.diagnostics.push(
                            Diagnostic::error(loaded.sources.loc_at(id, 0, 0), "", message)
                                .with_hint(crate::tr!("model.load.empty_hint", file = p.display())),
                        );
                        None
                    }
                    NodeKind::Map(_) | NodeKind::Null => Some(n),
                    _ => {
                        loaded.diagnostics.push(Diagnostic::error(
                            n.loc,
                            "",
                            crate::tr!("model.load.not_mapping", found = n.kind_name()),
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
    if let Some(ext) = output_extension(path) {
        // Its notice would be written over it (`hop.docx` → `<out>/hop.docx`).
        loaded.diagnostics.push(
            Diagnostic::file_error(path, crate::tr!("model.load.output_extension", ext = ext))
                .with_hint(crate::tr!("model.load.output_extension_hint")),
        );
        return loaded;
    }
    let root = parse_file(path, bytes, &mut loaded, true);
    let defaults_root = match defaults {
        Some(d) => match parse_file(d, None, &mut loaded, false) {
            Some(n) => Some(n),
            None => return loaded,
        },
        None => None,
    };
    let Some(root) = root else {
        return loaded;
    };
    // The documents asked for are the blocks written in the meeting file
    // itself: a block in ketluan.yaml only gives defaults to a meeting
    // file that opens the same block.
    let asked = Need::of_all(DocumentKind::ALL.into_iter().filter(|k| {
        root.as_map()
            .is_some_and(|m| m.iter().any(|(key, _)| key.name == k.block()))
    }));
    let merged = match defaults_root {
        Some(d) => root.merged_over(d),
        None => root,
    };
    let meeting = Walker::new(&loaded.sources, &mut loaded.diagnostics, asked).meeting(&merged);
    if !loaded.diagnostics.has_errors() {
        loaded.meeting = meeting;
    }
    loaded
}

/// The `numbering` of a defaults file (ketluan.yaml) and its
/// `issuer.code`, read without a meeting file; a file that cannot be read
/// or whose `numbering` is wrong gives its problems, each with its
/// file:line:column.
pub fn numbering_of(defaults: &Path) -> Result<(super::Numbering, Option<String>), String> {
    let mut sources = SourceMap::default();
    let mut diagnostics = Diagnostics::default();
    let id = add_source(defaults, None, &mut sources).map_err(|d| d.headline(&sources))?;
    let root = node::parse(&sources, id).map_err(|d| d.render(&sources, false))?;
    let code = root
        .get("issuer")
        .and_then(|i| i.get("code"))
        .and_then(|c| match &c.kind {
            NodeKind::Str(s) => Some(s.trim().to_string()),
            _ => None,
        });
    let numbering = Walker::new(&sources, &mut diagnostics, Need::NONE).numbering(&root);
    let errors: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.render(&sources, false))
        .collect();
    match numbering {
        Some(n) if errors.is_empty() => Ok((n, code)),
        _ => Err(errors.join("\n")),
    }
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
    files_under(
        dir,
        &|name| (name.ends_with(".yaml") || name.ends_with(".yml")) && name != DEFAULTS_FILE_NAME,
        out,
    )
}

/// The files under `dir` whose names `keep` takes, folders searched
/// recursively in name order, hidden ones (`.git`) left out.
pub fn files_under(
    dir: &Path,
    keep: &dyn Fn(&str) -> bool,
    out: &mut Vec<PathBuf>,
) -> std::io::Result<()> {
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
            files_under(&path, keep, out)?;
        } else if keep(&name) {
            out.push(path);
        }
    }
    Ok(())
}
