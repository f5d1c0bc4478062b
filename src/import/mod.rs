//! `ketluan import`: past notices (DOCX typed in Word or LibreOffice,
//! text copied from a portal or from `pdftotext`, PDF with a text layer)
//! read back into meeting files, and a leader's edits of a DOCX brought
//! back into the meeting file it came from.
//!
//! A reader turns the file into [`blocks::Block`]s (paragraphs in reading
//! order), [`notice::parse`] finds the notice's parts in them, and
//! [`write::meeting_file`] writes the meeting file with a `# kiểm tra:`
//! comment on every value inferred rather than read. The grammar and the
//! choices are in docs/import.md.

pub mod blocks;
pub mod docx;
pub mod forms;
pub mod into;
pub mod notice;
pub mod pdf;
pub mod phrases;
pub mod write;

use std::path::Path;

use blocks::Block;
use phrases::Directory;
use write::Written;

/// A notice imported: its meeting file and what it holds.
pub struct Imported {
    /// The meeting file's name: `<meeting date>-<slug of its name>.yaml`.
    pub file_name: String,
    /// The file's text and the values to check.
    pub written: Written,
    /// Sections read.
    pub sections: usize,
    /// Tasks read (subtasks included).
    pub tasks: usize,
    /// The notice read.
    pub notice: notice::Notice,
}

/// Reads the notice in `path` and writes its meeting file's text.
pub fn import_file(
    path: &Path,
    dir: &Directory,
    schema_line: &str,
) -> Result<Imported, ImportError> {
    let bytes = read_bounded(path)?;
    import_bytes(path, &bytes, dir, schema_line)
}

/// The notice in `path`, read but not written as a meeting file.
pub fn read_notice(path: &Path, dir: &Directory) -> Result<notice::Notice, ImportError> {
    parse(&read_bounded(path)?, dir)
}

/// The notice in a file's bytes.
fn parse(bytes: &[u8], dir: &Directory) -> Result<notice::Notice, ImportError> {
    notice::parse(&read_blocks(bytes)?, dir).map_err(ImportError::NoNotice)
}

/// A file's bytes, at most [`MAX_FILE_BYTES`].
fn read_bounded(path: &Path) -> Result<Vec<u8>, ImportError> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| ImportError::Damaged(e.to_string()))?;
    // Read no more than the largest file taken, plus one byte to tell.
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ImportError::Damaged(e.to_string()))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge(format!(
            "> {} MB",
            MAX_FILE_BYTES / 1024 / 1024
        )));
    }
    Ok(bytes)
}

/// [`import_file`] on bytes already read.
pub fn import_bytes(
    path: &Path,
    bytes: &[u8],
    dir: &Directory,
    schema_line: &str,
) -> Result<Imported, ImportError> {
    let notice = parse(bytes, dir)?;
    let source = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let written = write::meeting_file(&notice, &source, schema_line);
    let tasks = notice
        .sections
        .iter()
        .flat_map(|s| &s.tasks)
        .map(|t| 1 + t.subtasks.len())
        .sum();
    let date = notice
        .meeting
        .date
        .or(notice.date)
        .map(|d| d.iso())
        .unwrap_or_else(|| "0000-00-00".into());
    let name = if notice.meeting.name.is_empty() {
        notice.summary.as_str()
    } else {
        notice.meeting.name.as_str()
    };
    Ok(Imported {
        file_name: format!("{date}-{}.yaml", slug(name)),
        written,
        sections: notice.sections.len(),
        tasks,
        notice,
    })
}

/// A file name's part from a text: accents dropped, `đ` → `d`, lower
/// case, words joined by `-`, at most eight words.
pub fn slug(text: &str) -> String {
    let words = crate::tracking::slug_words(text);
    if words.is_empty() {
        "cuoc-hop".into()
    } else {
        words[..words.len().min(8)].join("-")
    }
}

/// The `departments` of a defaults file (ketluan.yaml), code → name;
/// empty when it cannot be read (`check` reports that file's problems).
pub fn departments_of(defaults: &Path) -> Vec<(String, String)> {
    texts_of(defaults, "departments")
}

/// The text values of the block `key` of a defaults file (ketluan.yaml),
/// by their keys (`issuer` → `name`, `parent`, …); empty when it cannot
/// be read.
pub fn texts_of(defaults: &Path, key: &str) -> Vec<(String, String)> {
    let Ok(bytes) = crate::model::load::read_bytes(defaults) else {
        return Vec::new();
    };
    let mut sources = crate::diag::SourceMap::default();
    let id = sources.add(
        defaults.to_path_buf(),
        String::from_utf8_lossy(&bytes).into_owned(),
    );
    let Ok(root) = crate::model::node::parse(&sources, id) else {
        return Vec::new();
    };
    let Some(map) = root.get(key).and_then(|d| d.as_map()) else {
        return Vec::new();
    };
    map.iter()
        .filter_map(|(k, v)| match &v.kind {
            crate::model::node::NodeKind::Str(s) => Some((k.name.clone(), s.clone())),
            _ => None,
        })
        .collect()
}

/// The largest file read at all (a DOCX with pictures), in bytes.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The largest text or PDF read, in bytes.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// Why a file could not be read as a notice. Messages are for the user.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A `.doc` (Word 97–2003) file.
    #[error("{}", crate::tr!("import.error.doc"))]
    Doc,
    /// A ZIP that is not a DOCX (no word/document.xml).
    #[error("{}", crate::tr!("import.error.not_docx"))]
    NotDocx,
    /// A damaged file.
    #[error("{}", crate::tr!("import.error.damaged", why = .0))]
    Damaged(String),
    /// A part or file above the limits.
    #[error("{}", crate::tr!("import.error.too_large", why = .0))]
    TooLarge(String),
    /// Text that is not UTF-8.
    #[error("{}", crate::tr!("import.error.not_utf8"))]
    NotUtf8,
    /// A PDF that cannot be read (a scan, encrypted, damaged).
    #[error("{0}")]
    Pdf(String),
    /// Binary data of no known kind.
    #[error("{}", crate::tr!("import.error.unknown"))]
    Unknown,
    /// The file was read but holds no notice.
    #[error("{}", crate::tr!("import.error.no_notice", why = .0))]
    NoNotice(String),
}

/// What kind of file `bytes` is, by its first bytes (not its extension:
/// a renamed file is read for what it is).
fn sniff(bytes: &[u8]) -> &'static str {
    if bytes.starts_with(b"PK\x03\x04") {
        "zip"
    } else if bytes.starts_with(b"%PDF") {
        "pdf"
    } else if bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0]) {
        "doc"
    } else {
        "text"
    }
}

/// The paragraphs of a file, by what it holds.
pub fn read_blocks(bytes: &[u8]) -> Result<Vec<Block>, ImportError> {
    match sniff(bytes) {
        "zip" => docx::read(bytes),
        "doc" => Err(ImportError::Doc),
        "pdf" => {
            let text = pdf::text(bytes).map_err(|e| ImportError::Pdf(e.to_string()))?;
            Ok(blocks::from_text(&text))
        }
        _ => {
            if bytes.len() > MAX_INPUT_BYTES {
                return Err(ImportError::TooLarge(format!(
                    "> {} MB",
                    MAX_INPUT_BYTES / 1024 / 1024
                )));
            }
            let text = std::str::from_utf8(bytes).map_err(|_| {
                if bytes.iter().take(4096).any(|&b| b == 0 || (b < 9)) {
                    ImportError::Unknown
                } else {
                    ImportError::NotUtf8
                }
            })?;
            if text
                .chars()
                .take(4096)
                .any(|c| c.is_control() && !"\n\r\t\u{c}".contains(c))
            {
                return Err(ImportError::Unknown);
            }
            Ok(blocks::from_text(text))
        }
    }
}
