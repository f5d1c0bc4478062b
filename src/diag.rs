//! Problems found in input files, with where they are, and how they are shown.
//!
//! Every problem is a [`Diagnostic`]: a severity, a place in a source file
//! (file, line, column, byte range), the field it concerns, a message and an
//! optional hint. The first line of a rendered diagnostic is always
//! `file:line:column: error: message` (as compilers print them, so editors can
//! jump to it); the offending source line follows, drawn by `annotate-snippets`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Whether diagnostics on stderr get colours: on a terminal, unless `NO_COLOR` is set.
pub fn stderr_color() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal() && colors_allowed()
}

/// Whether help on stdout gets colours: as [`stderr_color`], for stdout.
pub fn stdout_color() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal() && colors_allowed()
}

/// `NO_COLOR` unset, and on Windows a console that takes ANSI colour codes:
/// a console of Windows 10 or later shows them once asked to (virtual
/// terminal processing); an older one, or one that refuses, would print
/// them as `←[31m`, so it gets none.
fn colors_allowed() -> bool {
    if std::env::var_os("NO_COLOR").is_some() {
        return false;
    }
    #[cfg(windows)]
    {
        anstyle_query::windows::enable_ansi_colors().unwrap_or(false)
    }
    #[cfg(not(windows))]
    {
        true
    }
}

/// Index of a file in a [`SourceMap`].
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct FileId(pub usize);

/// A place in a source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
            Severity::Error => crate::tr!("diag.error"),
            Severity::Warning => crate::tr!("diag.warning"),
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
            group = group.element(
                Level::HELP
                    .with_name(crate::tr!("diag.help"))
                    .message(hint.as_str()),
            );
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

/// Most problems kept for one meeting (with its defaults file): a file
/// with thousands of mistakes (a list pasted where a mapping belongs, a
/// generated file gone wrong) is reported in a few screens, not in a
/// minute of scrolling; the rest are counted.
pub const MAX_REPORTED: usize = 200;

/// The diagnostics of one run, in the order found (at most
/// [`MAX_REPORTED`] of them, then one that counts the others).
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    /// Errors and warnings beyond [`MAX_REPORTED`], not kept.
    dropped: (usize, usize),
    /// Stands for the dropped ones, at the place of the first of them.
    overflow: Option<Diagnostic>,
}

impl Diagnostics {
    /// Records a problem (beyond [`MAX_REPORTED`], only counts it).
    pub fn push(&mut self, d: Diagnostic) {
        if self.items.len() < MAX_REPORTED {
            self.items.push(d);
            return;
        }
        if d.is_error() {
            self.dropped.0 += 1;
        } else {
            self.dropped.1 += 1;
        }
        let (errors, warnings) = self.dropped;
        let message = crate::tr!(
            "diag.overflow",
            errors = errors,
            warnings = warnings,
            max = MAX_REPORTED
        );
        let severity = if errors > 0 {
            Severity::Error
        } else {
            Severity::Warning
        };
        match &mut self.overflow {
            Some(o) => {
                o.message = message;
                o.severity = severity;
            }
            None => {
                let mut o = Diagnostic {
                    field: None,
                    message,
                    hint: Some(crate::tr!("diag.overflow_hint")),
                    ..d
                };
                o.severity = severity;
                self.overflow = Some(o);
            }
        }
    }

    /// True once [`MAX_REPORTED`] problems are kept: further ones are only
    /// counted, so there is no need to work out their hints.
    pub fn is_full(&self) -> bool {
        self.items.len() >= MAX_REPORTED
    }

    /// True when any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.dropped.0 > 0 || self.items.iter().any(Diagnostic::is_error)
    }

    /// Number of errors (those not kept included).
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count() + self.dropped.0
    }

    /// Number of warnings (those not kept included).
    pub fn warning_count(&self) -> usize {
        self.items.iter().filter(|d| !d.is_error()).count() + self.dropped.1
    }

    /// All problems kept, sorted by file, line and column (stable for equal
    /// places), then the count of those not kept.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut v: Vec<&Diagnostic> = self.items.iter().collect();
        v.sort_by_key(|d| d.loc.map(|l| (l.file, l.line, l.column)));
        v.extend(&self.overflow);
        v
    }

    /// All problems kept in the order found, then the count of those not kept.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().chain(&self.overflow)
    }

    /// Appends every problem of another list (its count of problems not
    /// kept included).
    pub fn extend(&mut self, other: Diagnostics) {
        for d in other.items {
            self.push(d);
        }
        if let Some(o) = other.overflow {
            let (errors, warnings) = other.dropped;
            for _ in 0..errors {
                self.push(Diagnostic {
                    severity: Severity::Error,
                    ..o.clone()
                });
            }
            for _ in 0..warnings {
                self.push(Diagnostic {
                    severity: Severity::Warning,
                    ..o.clone()
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beyond_the_cap_problems_are_counted_not_kept() {
        let mut sources = SourceMap::default();
        let file = sources.add(PathBuf::from("x.yaml"), "a: 1\nb: 2\n".to_string());
        let mut d = Diagnostics::default();
        for i in 0..MAX_REPORTED + 50 {
            let loc = sources.loc_at(file, 5, 1);
            if i % 2 == 0 {
                d.push(Diagnostic::error(loc, "a", "x"));
            } else {
                d.push(Diagnostic::warning(loc, "a", "y"));
            }
        }
        assert_eq!(d.error_count() + d.warning_count(), MAX_REPORTED + 50);
        assert_eq!(d.sorted().len(), MAX_REPORTED + 1);
        let last = d.sorted().last().unwrap().headline(&sources);
        assert!(
            last.starts_with("x.yaml:2:1: lỗi: còn 25 lỗi và 25 cảnh báo"),
            "{last}"
        );
    }

    #[test]
    fn a_marker_from_or_to_inside_a_character_covers_whole_characters() {
        let mut sources = SourceMap::default();
        let file = sources.add(PathBuf::from("x.yaml"), "b: Đồng\n".to_string());
        let carets = |loc: Loc| -> (usize, usize) {
            let shown = Diagnostic::error(loc, "b", "x").render(&sources, false);
            let marker = shown
                .lines()
                .find(|l| l.contains('^'))
                .unwrap_or_else(|| panic!("{shown}"));
            let code = shown.lines().find(|l| l.contains("b: Đồng")).unwrap();
            // Columns in characters: where `b:` starts in the code line.
            let base = code.chars().position(|c| c == 'b').unwrap();
            let first = marker.chars().position(|c| c == '^').unwrap();
            (first - base, marker.matches('^').count())
        };
        // Bytes: `Đ` 3..5, `ồ` 5..8. A length ending inside `ồ` stops
        // before it.
        assert_eq!(carets(sources.loc_at(file, 3, 4)), (3, 1));
        // A place made by hand inside `Đ` starts at `Đ`.
        let inside = Loc {
            offset: 4,
            ..sources.loc_at(file, 3, 2)
        };
        assert_eq!(carets(inside), (3, 1));
    }

    #[test]
    fn locations_with_crlf_multibyte_and_odd_offsets() {
        let mut sources = SourceMap::default();
        let file = sources.add(
            PathBuf::from("x.yaml"),
            "a: \"Đồng\"\r\nb: ố\r\n".to_string(),
        );
        let loc = sources.loc_at(file, 14, 0);
        assert_eq!((loc.line, loc.column), (2, 1));
        // Inside a multibyte character: moved back to its start.
        let inside = sources.loc_at(file, 5, 1);
        assert_eq!((inside.line, inside.column), (1, 5));
        let past_end = sources.loc_at(file, 10_000, 0);
        assert_eq!(past_end.line, 3);
        let lc = sources.loc_line_col(file, 2, 4);
        assert_eq!(lc.offset, 17);
        // Rendering never panics, and shows no carriage return.
        for offset in 0..=25 {
            for len in [0, 1, 3, 100] {
                let d = Diagnostic::error(sources.loc_at(file, offset, len), "", "m");
                let text = d.render(&sources, false);
                assert!(!text.contains('\r'), "{text}");
            }
        }
    }

    /// A one-file map: (map, its id).
    fn one_file(text: &str) -> (SourceMap, FileId) {
        let mut sources = SourceMap::default();
        let file = sources.add(PathBuf::from("x.yaml"), text.to_string());
        (sources, file)
    }

    /// The part of the shown source line that the carets mark, as the
    /// plain rendering draws them: `N | <line>` then `  | <carets>`.
    fn marked(rendered: &str) -> String {
        let lines: Vec<&str> = rendered.lines().collect();
        let carets = lines
            .iter()
            .position(|l| l.contains('^'))
            .unwrap_or_else(|| panic!("a marker line in {rendered}"));
        let (source, marker) = (lines[carets - 1], lines[carets]);
        let bar = |l: &str| l.chars().position(|c| c == '|').unwrap();
        let text: Vec<char> = source.chars().skip(bar(source) + 1).collect();
        let marks: Vec<char> = marker.chars().skip(bar(marker) + 1).collect();
        marks
            .iter()
            .enumerate()
            .filter(|(_, c)| **c == '^')
            .map(|(i, _)| text[i])
            .collect()
    }

    #[test]
    fn the_marker_underlines_the_span_or_the_rest_of_the_word() {
        let text = "name: Trần Văn Bình\nsummary: ok\n";
        let (sources, file) = one_file(text);
        let at = text.find("Văn").unwrap();
        // A known length: exactly those bytes (`Văn` is 4).
        let d = Diagnostic::error(sources.loc_at(file, at, "Văn".len()), "", "m");
        assert_eq!(marked(&d.render(&sources, false)), "Văn");
        let d = Diagnostic::error(sources.loc_at(file, at, "Văn Bình".len()), "", "m");
        assert_eq!(marked(&d.render(&sources, false)), "Văn Bình");
        // Unknown (0): the rest of the word.
        let d = Diagnostic::error(sources.loc_at(file, text.find("Trần").unwrap(), 0), "", "m");
        assert_eq!(marked(&d.render(&sources, false)), "Trần");
        // At the last word of the line: to its end.
        let d = Diagnostic::error(sources.loc_at(file, text.find("Bình").unwrap(), 0), "", "m");
        assert_eq!(marked(&d.render(&sources, false)), "Bình");
        // On a space: one character.
        let d = Diagnostic::error(sources.loc_at(file, text.find(' ').unwrap(), 0), "", "m");
        assert_eq!(marked(&d.render(&sources, false)), " ");
        // The line shown is the problem's, numbered.
        let d = Diagnostic::error(sources.loc_at(file, text.find("ok").unwrap(), 0), "", "m");
        let out = d.render(&sources, false);
        assert!(
            out.lines().any(|l| l.starts_with("2 | summary: ok")),
            "{out}"
        );
        assert_eq!(marked(&out), "ok");
    }

    #[test]
    fn headlines_name_the_place_the_kind_and_the_field() {
        let (sources, file) = one_file("a: 1\nbb: 2\n");
        let loc = sources.loc_at(file, 6, 1);
        assert_eq!(
            Diagnostic::error(loc, "bb", "sai").headline(&sources),
            "x.yaml:2:2: lỗi: `bb`: sai"
        );
        assert_eq!(
            Diagnostic::warning(loc, "", "nên xem").headline(&sources),
            "x.yaml:2:2: cảnh báo: nên xem"
        );
        assert_eq!(
            Diagnostic::file_error(Path::new("y.yaml"), "không đọc được").headline(&sources),
            "y.yaml: lỗi: không đọc được"
        );
        let d = Diagnostic::error(loc, "bb", "sai").with_hint("sửa thế này");
        let out = d.render(&sources, false);
        assert!(out.starts_with("x.yaml:2:2: lỗi: `bb`: sai\n"), "{out}");
        assert!(
            out.lines().any(|l| l.trim() == "= gợi ý: sửa thế này"),
            "{out}"
        );
        // A file error without a place still shows its hint.
        let d = Diagnostic::file_error(Path::new("y.yaml"), "m").with_hint("h");
        assert!(d.render(&sources, false).contains("= gợi ý: h"));
        assert!(d.is_error() && !Diagnostic::warning(loc, "", "w").is_error());
    }

    #[test]
    fn problems_are_sorted_by_file_line_and_column_and_counted_by_kind() {
        let mut sources = SourceMap::default();
        let a = sources.add(PathBuf::from("a.yaml"), "x: 1\ny: 2\nz: 3\n".to_string());
        let b = sources.add(PathBuf::from("b.yaml"), "x: 1\n".to_string());
        let mut d = Diagnostics::default();
        d.push(Diagnostic::warning(sources.loc_at(b, 0, 1), "", "b1"));
        d.push(Diagnostic::error(sources.loc_at(a, 8, 1), "", "a3"));
        d.push(Diagnostic::warning(sources.loc_at(a, 6, 1), "", "a2c"));
        d.push(Diagnostic::error(sources.loc_at(a, 5, 1), "", "a2"));
        d.push(Diagnostic::error(sources.loc_at(a, 5, 1), "", "a2bis"));
        let order: Vec<&str> = d.sorted().iter().map(|x| x.message.as_str()).collect();
        assert_eq!(order, ["a2", "a2bis", "a2c", "a3", "b1"]);
        let found: Vec<&str> = d.iter().map(|x| x.message.as_str()).collect();
        assert_eq!(found, ["b1", "a3", "a2c", "a2", "a2bis"]);
        assert_eq!((d.error_count(), d.warning_count()), (3, 2));
        assert!(d.has_errors() && !d.is_full());
        let mut warnings = Diagnostics::default();
        warnings.push(Diagnostic::warning(sources.loc_at(b, 0, 1), "", "w"));
        assert!(!warnings.has_errors());
    }

    #[test]
    fn one_warning_past_the_cap_is_told_as_a_warning_with_its_own_words() {
        let (sources, file) = one_file("a: 1\n");
        let loc = sources.loc_at(file, 0, 1);
        let mut d = Diagnostics::default();
        for _ in 0..=MAX_REPORTED {
            d.push(Diagnostic::warning(loc, "a", "w").with_hint("own hint"));
        }
        let last = d.sorted().last().unwrap().render(&sources, false);
        let head = last.lines().next().unwrap();
        assert!(
            head.contains(": cảnh báo: còn 0 lỗi và 1 cảnh báo nữa"),
            "{last}"
        );
        assert!(last.contains("sửa các lỗi trên rồi chạy lại"), "{last}");
        assert!(!last.contains("own hint"), "{last}");
    }

    #[test]
    fn extending_keeps_the_counts_of_problems_not_kept() {
        let (sources, file) = one_file("a: 1\n");
        let loc = sources.loc_at(file, 0, 1);
        let mut full = Diagnostics::default();
        for _ in 0..MAX_REPORTED {
            full.push(Diagnostic::warning(loc, "", "w"));
        }
        assert!(full.is_full() && !full.has_errors());
        full.push(Diagnostic::error(loc, "", "e"));
        full.push(Diagnostic::warning(loc, "", "w"));
        assert!(full.has_errors(), "a dropped error still counts");
        assert_eq!(
            (full.error_count(), full.warning_count()),
            (1, MAX_REPORTED + 1)
        );
        let mut all = Diagnostics::default();
        all.push(Diagnostic::error(loc, "", "first"));
        all.extend(full);
        assert_eq!(
            (all.error_count(), all.warning_count()),
            (2, MAX_REPORTED + 1)
        );
        assert_eq!(all.sorted().len(), MAX_REPORTED + 1);
        let last = all.sorted().last().unwrap().headline(&sources);
        assert!(last.contains("còn 1 lỗi và 2 cảnh báo"), "{last}");
    }
}
