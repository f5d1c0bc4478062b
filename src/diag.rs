//! Problems found in input files, with where they are, and how they are shown.
//!
//! Every problem is a [`Diagnostic`]: a severity, a place in a source file
//! (file, line, column, byte range), the field it concerns, a message and an
//! optional hint. The first line of a rendered diagnostic is always
//! `file:line:column: error: message` (as compilers print them, so editors can
//! jump to it); the offending source line follows, drawn by `annotate-snippets`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Index of a file in a [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub usize);

/// A place in a source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Loc {
    /// The file.
    pub file: FileId,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// Byte offset of the start in the file's text.
    pub offset: usize,
    /// Length in bytes (0 when unknown).
    pub len: usize,
}

/// One loaded input file: its path as given and its text.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as the user named it (or as found).
    pub path: PathBuf,
    /// The file's whole text.
    pub text: String,
    /// Byte offset of the start of every line (the first is 0), so that a
    /// location is found by binary search rather than by counting lines
    /// from the top (a 2,000-task file has tens of thousands of nodes).
    line_starts: Vec<usize>,
}

/// Every file read for one meeting, so that diagnostics can show their lines.
#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// Registers a file and returns its id.
    pub fn add(&mut self, path: PathBuf, text: String) -> FileId {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        self.files.push(SourceFile {
            path,
            text,
            line_starts,
        });
        FileId(self.files.len() - 1)
    }

    /// The file behind an id.
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0]
    }

    /// The location of a byte offset in a file (line and column computed from the text).
    /// An offset inside a character is moved back to that character's start.
    pub fn loc_at(&self, file: FileId, offset: usize, len: usize) -> Loc {
        let source = self.get(file);
        let text = &source.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let index = source.line_starts.partition_point(|&s| s <= offset) - 1;
        let line_start = source.line_starts[index];
        let line = index as u32 + 1;
        let column = text[line_start..offset].chars().count() as u32 + 1;
        Loc {
            file,
            line,
            column,
            offset,
            len,
        }
    }

    /// The location of a line and column (1-based, column in characters).
    pub fn loc_line_col(&self, file: FileId, line: u32, column: u32) -> Loc {
        let source = self.get(file);
        let text = &source.text;
        let line_start = source
            .line_starts
            .get(line.saturating_sub(1) as usize)
            .copied()
            .unwrap_or(text.len());
        let offset = text[line_start.min(text.len())..]
            .char_indices()
            .nth(column.saturating_sub(1) as usize)
            .map_or(text.len(), |(i, _)| line_start + i);
        Loc {
            file,
            line: line.max(1),
            column: column.max(1),
            offset,
            len: 0,
        }
    }
}

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Rendering goes on; the user should look.
    Warning,
    /// The file cannot be rendered.
    Error,
}

/// One problem in an input file.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where (None for a problem with no place, e.g. an unreadable file).
    pub loc: Option<Loc>,
    /// The file when there is no location.
    pub path: Option<PathBuf>,
    /// The field, as a dotted path (`agenda[0].tasks[2].due`).
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at a place.
    pub fn error(loc: Loc, field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, Some(loc), field.into(), message.into())
    }

    /// A warning at a place.
    pub fn warning(loc: Loc, field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, Some(loc), field.into(), message.into())
    }

    /// An error about a whole file (it cannot be read, for example).
    pub fn file_error(path: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            loc: None,
            path: Some(path.to_path_buf()),
            field: None,
            message: message.into(),
            hint: None,
        }
    }

    fn new(severity: Severity, loc: Option<Loc>, field: String, message: String) -> Self {
        Diagnostic {
            severity,
            loc,
            path: None,
            field: (!field.is_empty()).then_some(field),
            message,
            hint: None,
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The one-line form: `file:line:column: error: message`.
    pub fn headline(&self, sources: &SourceMap) -> String {
        let kind = match self.severity {
            Severity::Error => "lỗi",
            Severity::Warning => "cảnh báo",
        };
        let place = match (self.loc, &self.path) {
            (Some(loc), _) => format!(
                "{}:{}:{}",
                sources.get(loc.file).path.display(),
                loc.line,
                loc.column
            ),
            (None, Some(path)) => path.display().to_string(),
            (None, None) => "ketluan".to_string(),
        };
        match &self.field {
            Some(field) => format!("{place}: {kind}: `{field}`: {}", self.message),
            None => format!("{place}: {kind}: {}", self.message),
        }
    }

    /// The full report: the headline, then the source line with a marker and the hint.
    pub fn render(&self, sources: &SourceMap, color: bool) -> String {
        use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
        let mut out = self.headline(sources);
        out.push('\n');
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let mut group = Group::with_level(level.clone());
        let mut has_element = false;
        if let Some(loc) = self.loc {
            let file = sources.get(loc.file);
            let text = &file.text;
            let mut start = loc.offset.min(text.len());
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
            // A CRLF file's lines are shown without their carriage return.
            let line_text = text[line_start..line_end].trim_end_matches('\r');
            let boundary = |mut i: usize| {
                i = i.min(line_text.len());
                while !line_text.is_char_boundary(i) {
                    i -= 1;
                }
                i
            };
            let from = boundary(start - line_start);
            let mut to = boundary(from + loc.len);
            if to <= from {
                // Mark the rest of the word, or one character, where the length is unknown.
                to = line_text[from..]
                    .char_indices()
                    .find(|(_, c)| c.is_whitespace())
                    .map_or(line_text.len(), |(i, _)| from + i)
                    .max(from + line_text[from..].chars().next().map_or(0, char::len_utf8));
            }
            let path = file.path.display().to_string();
            group = group.element(
                Snippet::source(line_text)
                    .line_start(loc.line as usize)
                    .path(path)
                    .fold(false)
                    .annotation(AnnotationKind::Primary.span(from..to)),
            );
            has_element = true;
        }
        if let Some(hint) = &self.hint {
            group = group.element(Level::HELP.message(hint.as_str()));
            has_element = true;
        }
        if has_element {
            let renderer = if color {
                Renderer::styled()
            } else {
                Renderer::plain()
            };
            let _ = writeln!(out, "{}", renderer.render(&[group]));
        }
        out
    }
}

/// The diagnostics of one run, in the order found.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records a problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// True when any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// All problems, sorted by file, line and column (stable for equal places).
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut v: Vec<&Diagnostic> = self.items.iter().collect();
        v.sort_by_key(|d| d.loc.map(|l| (l.file, l.line, l.column)));
        v
    }

    /// All problems in the order found.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Appends every problem of another list.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }
}
