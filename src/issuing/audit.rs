//! What `ketluan check` says of the numbers across an archive and its
//! register: a number given twice (by two meeting files, or two rows of
//! the register), numbers whose dates do not follow their order, a
//! meeting file's number the register gives to another file (errors), and
//! gaps in a series or a number the register lacks (warnings): Decree
//! 30/2020/NĐ-CP, Điều 15.1: numbers are unique in a year and follow the
//! order of issue.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::register::{self, Row};
use crate::date::Date;
use crate::model::{DocumentKind, Meeting};

/// A document of a meeting file that has a number.
#[derive(Clone, Debug)]
pub struct Numbered {
    /// The meeting file.
    pub file: PathBuf,
    /// Where its `number` stands in the file: line and column.
    pub loc: Option<(usize, usize)>,
    /// Which document.
    pub kind: DocumentKind,
    /// The series (`numbering.series`' key of its type, else the issuer's code).
    pub series: String,
    /// The number.
    pub number: u32,
    /// Its date (the minutes': the meeting's).
    pub date: Date,
}

/// Where `number` stands in a top-level block of a meeting file written
/// in block style (line and column, from 1): the line of `  number:` after
/// the line `block:` and before the next top-level key.
pub fn number_place(text: &str, block: &str) -> Option<(usize, usize)> {
    let mut inside = false;
    for (i, line) in text.lines().enumerate() {
        let top = !line.starts_with([' ', '\t', '#', '-']) && !line.trim().is_empty();
        if top {
            inside = line.trim_end() == format!("{block}:");
            continue;
        }
        let body = line.trim_start();
        if inside && body.starts_with("number:") {
            return Some((i + 1, line.len() - body.len() + 1));
        }
    }
    None
}

/// The numbered documents of a meeting file whose text is `text`.
pub fn numbered(meeting: &Meeting, file: &Path, text: &str) -> Vec<Numbered> {
    let locate = |block: &str| number_place(text, block);
    let mut out = Vec::new();
    let mut push = |kind: DocumentKind, number: Option<u32>, date: Option<Date>| {
        if let Some(number) = number {
            out.push(Numbered {
                file: file.to_path_buf(),
                loc: locate(kind.block()),
                kind,
                series: super::series_for(
                    &meeting.numbering,
                    &super::type_name(kind),
                    &meeting.issuer.code,
                ),
                number,
                date: date.unwrap_or(meeting.meeting.date),
            });
        }
    };
    if let Some(n) = &meeting.notice {
        push(DocumentKind::Notice, n.number, n.date);
    }
    if let Some(i) = &meeting.invitation {
        push(DocumentKind::Invitation, i.number, i.date);
    }
    if let Some(m) = &meeting.minutes {
        push(DocumentKind::Minutes, m.number, None);
    }
    out
}

/// A year's register: the year, its file, its rows with their lines.
pub type YearRegister = (i32, PathBuf, Vec<(u64, Row)>);

/// A register row as the checks sort it: number, date, line, the row.
type Entry<'a> = (u32, Option<Date>, u64, &'a Row);

/// A finding: an error or a warning, its place and its message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// An error (a warning otherwise).
    pub error: bool,
    /// `file:line:column`, `file:line` or the file.
    pub at: String,
    /// What is wrong, in the user's language.
    pub message: String,
}

fn place(file: &Path, loc: Option<(usize, usize)>) -> String {
    match loc {
        Some((line, column)) => format!("{}:{line}:{column}", file.display()),
        None => file.display().to_string(),
    }
}

/// `numbers` as ranges: `3, 5–7`.
fn ranges(numbers: &[u32]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < numbers.len() {
        let start = numbers[i];
        while i + 1 < numbers.len() && numbers[i + 1] == numbers[i] + 1 {
            i += 1;
        }
        out.push(if numbers[i] == start {
            format!("{start:02}")
        } else {
            format!("{start:02}–{:02}", numbers[i])
        });
        i += 1;
    }
    out.join(", ")
}

/// The registers of a folder, by year: every `<năm>.csv` in it.
pub fn registers(dir: &Path) -> Result<Vec<YearRegister>, register::RegisterError> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let year = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".csv"))
            .and_then(|y| y.parse::<i32>().ok());
        if let Some(year) = year {
            let rows = register::read(&path)?;
            out.push((year, path, rows));
        }
    }
    out.sort_by_key(|(y, _, _)| *y);
    Ok(out)
}

/// Everything found wrong with the numbers of `documents` and `registers`.
pub fn audit(documents: &[Numbered], registers: &[YearRegister]) -> Vec<Finding> {
    let mut found = Vec::new();
    // Meeting files giving one number twice in a series and year.
    let mut given: BTreeMap<(String, i32, u32), &Numbered> = BTreeMap::new();
    for d in documents {
        let key = (d.series.clone(), d.date.year(), d.number);
        match given.get(&key) {
            Some(first) if first.file != d.file || first.kind != d.kind => found.push(Finding {
                error: true,
                at: place(&d.file, d.loc),
                message: crate::tr!(
                    "issue.check.twice",
                    number = format!("{:02}", d.number),
                    year = d.date.year(),
                    other = first.file.display()
                ),
            }),
            Some(_) => {}
            None => {
                given.insert(key, d);
            }
        }
    }
    for (year, path, rows) in registers {
        let at = |line: u64| format!("{}:{line}", path.display());
        let mut series: BTreeMap<&str, Vec<Entry>> = BTreeMap::new();
        for (line, row) in rows.iter().filter(|(_, r)| r.nguon != register::VOIDED) {
            if let Some(n) = row.number() {
                series
                    .entry(&row.chuoi)
                    .or_default()
                    .push((n, row.date(), *line, row));
            }
        }
        for (name, mut numbers) in series {
            numbers.sort_by_key(|(n, _, line, _)| (*n, *line));
            for pair in numbers.windows(2) {
                let ((a, a_date, a_line, _), (b, b_date, b_line, _)) = (&pair[0], &pair[1]);
                if a == b {
                    found.push(Finding {
                        error: true,
                        at: at(*b_line),
                        message: crate::tr!(
                            "issue.check.register_twice",
                            number = format!("{b:02}"),
                            line = a_line
                        ),
                    });
                } else if let (Some(x), Some(y)) = (a_date, b_date) {
                    if y < x {
                        found.push(Finding {
                            error: true,
                            at: at(*b_line),
                            message: crate::tr!(
                                "issue.check.order",
                                number = format!("{b:02}"),
                                date = y.short(),
                                before = format!("{a:02}"),
                                before_date = x.short()
                            ),
                        });
                    }
                }
            }
            let max = numbers.last().map_or(0, |n| n.0);
            let missing: Vec<u32> = (1..max)
                .filter(|n| numbers.binary_search_by_key(n, |x| x.0).is_err())
                .collect();
            if !missing.is_empty() {
                found.push(Finding {
                    error: false,
                    at: path.display().to_string(),
                    message: crate::tr!(
                        "issue.check.gaps",
                        series = name,
                        numbers = ranges(&missing)
                    ),
                });
            }
            // Each meeting file's number against the register's row.
            for d in documents
                .iter()
                .filter(|d| d.series == name && d.date.year() == *year)
            {
                let tep = super::portable(&d.file);
                match numbers.iter().find(|(n, ..)| *n == d.number) {
                    Some((_, _, line, row)) if !row.tep.is_empty() && row.tep != tep => {
                        found.push(Finding {
                            error: true,
                            at: place(&d.file, d.loc),
                            message: crate::tr!(
                                "issue.check.register_other",
                                number = format!("{:02}", d.number),
                                other = row.tep,
                                register = at(*line)
                            ),
                        })
                    }
                    Some(_) => {}
                    None => found.push(Finding {
                        error: false,
                        at: place(&d.file, d.loc),
                        message: crate::tr!(
                            "issue.check.not_registered",
                            number = format!("{:02}", d.number),
                            register = path.display()
                        ),
                    }),
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::{number_place, ranges};

    #[test]
    fn the_number_is_found_in_its_block() {
        let text = "# x\nnotice:\n  summary: a\n  number: 5\ninvitation:\n  number: 6\n";
        assert_eq!(number_place(text, "notice"), Some((4, 3)));
        assert_eq!(number_place(text, "invitation"), Some((6, 3)));
        assert_eq!(number_place(text, "minutes"), None);
    }

    #[test]
    fn missing_numbers_are_said_as_ranges() {
        assert_eq!(ranges(&[3]), "03");
        assert_eq!(ranges(&[3, 5, 6, 7, 10]), "03, 05–07, 10");
    }
}
