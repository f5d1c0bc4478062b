//! Reading a returned sheet: a workbook (`.xlsx`, read with calamine) or
//! a CSV (as `tasks --format csv` writes it, or as Excel saves it again:
//! a byte order mark or none, `;`, `,` or tab between cells, UTF-8 or the
//! Windows code page of Vietnamese, 1258), into rows of the cells the
//! office reads, each with the place it came from.
//!
//! Columns are found by their headings ([`super::super::xlsx::HEADINGS`],
//! accents and case ignored) on the first row that has `Mã nhiệm vụ`, so a
//! unit may add, hide or move columns. What makes a whole file unusable is
//! a [`FileError`]: not a workbook, encrypted, no id column, more than
//! [`MAX_ROWS`] rows, merged cells among the rows.

use std::fmt;
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, XlsxError};

use crate::date::Date;
use crate::tracking::fold;
use crate::tracking::xlsx::HEADINGS;

/// The most task rows a sheet may have (an archive of 1,000 meetings has
/// some 14,000 tasks; a unit's sheet, a few dozen).
pub const MAX_ROWS: usize = 50_000;

/// How far down the heading row is looked for.
const HEADING_SEARCH: usize = 30;

/// The largest file read (a workbook of [`MAX_ROWS`] tasks is under 10 MB).
const MAX_BYTES: u64 = 64 << 20;

/// Where a value was read: the file as named on the command line, its
/// sheet (none in a CSV), and the cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellRef {
    /// The file.
    pub file: String,
    /// The sheet's name.
    pub sheet: Option<String>,
    /// Row, from 0.
    pub row: u32,
    /// Column, from 0.
    pub col: u32,
}

impl fmt::Display for CellRef {
    /// `nv-so-noi-vu.xlsx!Nhiem vu!G7`, `tra-loi.csv!G7`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}!", self.file)?;
        if let Some(sheet) = &self.sheet {
            write!(f, "{sheet}!")?;
        }
        write!(f, "{}{}", column_name(self.col), self.row + 1)
    }
}

/// `A`, …, `Z`, `AA`, …: a column as Excel names it (rust_xlsxwriter's
/// rule; a sheet has at most 16,384 columns).
pub fn column_name(col: u32) -> String {
    rust_xlsxwriter::utility::column_number_to_name(u16::try_from(col).unwrap_or(u16::MAX))
}

/// What a cell holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Nothing (or only spaces).
    Empty,
    /// Text, trimmed.
    Text(String),
    /// A number (in a date column, an Excel serial day).
    Number(f64),
    /// A day, from a cell Excel formats as a date.
    Date(Date),
    /// A formula (its text), which the office does not evaluate.
    Formula(String),
}

/// A cell read: its value and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// The value.
    pub value: Value,
    /// Where.
    pub at: CellRef,
}

/// The columns the office reads, by heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// `Mã nhiệm vụ`: the task's id.
    Id,
    /// `Tình trạng`: the unit's answer.
    Status,
    /// `Ngày hoàn thành`.
    DoneOn,
    /// `Văn bản báo cáo`.
    Report,
    /// `Đề nghị gia hạn đến`.
    Extension,
    /// `Ghi chú`.
    Note,
}

impl Column {
    /// Every column, in the order of [`Row::cells`].
    pub const ALL: [Column; 6] = [
        Column::Id,
        Column::Status,
        Column::DoneOn,
        Column::Report,
        Column::Extension,
        Column::Note,
    ];

    /// Its heading, as the workbook writes it.
    pub fn heading(self) -> &'static str {
        HEADINGS[match self {
            Column::Id => 0,
            Column::Status => 6,
            Column::DoneOn => 7,
            Column::Report => 8,
            Column::Extension => 9,
            Column::Note => 10,
        }]
    }
}

/// One task row: its cells in the order of [`Column::ALL`] (none for a
/// column the sheet lacks).
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The cells.
    pub cells: [Option<Cell>; 6],
}

impl Row {
    /// The cell of a column.
    pub fn cell(&self, column: Column) -> Option<&Cell> {
        let i = Column::ALL.iter().position(|c| *c == column)?;
        self.cells[i].as_ref()
    }

    /// The cell of a column when it holds something.
    pub fn filled(&self, column: Column) -> Option<&Cell> {
        self.cell(column).filter(|c| c.value != Value::Empty)
    }
}

/// A returned sheet, read.
#[derive(Debug)]
pub struct Returned {
    /// The unit that sent it, from its `Đơn vị: …` title line.
    pub unit: Option<String>,
    /// Its task rows (rows without an id and without anything else left out).
    pub rows: Vec<Row>,
}

/// What makes a whole file unusable: where, and why (in the user's
/// language).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{at}: {message}")]
pub struct FileError {
    /// The file, or file and sheet, or a cell.
    pub at: String,
    /// Why.
    pub message: String,
}

fn file_error(at: impl fmt::Display, message: String) -> FileError {
    FileError {
        at: at.to_string(),
        message,
    }
}

/// Reads a returned workbook or CSV; `name` is how messages name it.
pub fn read(path: &Path, name: &str) -> Result<Returned, FileError> {
    let size = std::fs::metadata(path)
        .map_err(|e| file_error(name, e.to_string()))?
        .len();
    if size > MAX_BYTES {
        return Err(file_error(
            name,
            crate::tr!("apply.too_big", mb = size >> 20, max = MAX_BYTES >> 20),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| file_error(name, e.to_string()))?;
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let zip = bytes.starts_with(b"PK\x03\x04");
    // An encrypted workbook is an OLE compound file (as an old .xls is).
    let compound = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if zip || compound || matches!(extension.as_str(), "xlsx" | "xlsm" | "xls") {
        read_workbook(bytes, name)
    } else {
        read_csv(&bytes, name)
    }
}

/// The sheets of a workbook: the first with an id column is read.
fn read_workbook(bytes: Vec<u8>, name: &str) -> Result<Returned, FileError> {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| {
        let message = match e {
            XlsxError::Password => crate::tr!("apply.password"),
            XlsxError::Zip(_) => crate::tr!("apply.not_workbook"),
            other => crate::tr!("apply.unreadable", reason = other.to_string()),
        };
        file_error(name, message)
    })?;
    for sheet in book.sheet_names() {
        let range = book
            .worksheet_range(&sheet)
            .map_err(|e| file_error(format!("{name}!{sheet}"), e.to_string()))?;
        let Some((first_row, first_col)) = range.start() else {
            continue;
        };
        let grid = Grid {
            get: &|row: u32, col: u32| range.get_value((row, col)),
            first_row,
            last_row: range.end().map_or(first_row, |e| e.0),
            last_col: range.end().map_or(first_col, |e| e.1),
        };
        let Some(heading) = grid.heading_row() else {
            continue;
        };
        let at = |row, col| CellRef {
            file: name.to_string(),
            sheet: Some(sheet.clone()),
            row,
            col,
        };
        let rows = (grid.last_row - heading.row) as usize;
        if rows > MAX_ROWS {
            return Err(file_error(
                format!("{name}!{sheet}"),
                crate::tr!("apply.too_many_rows", rows = rows, max = MAX_ROWS),
            ));
        }
        let merged = book
            .merge_cells_by_sheet_name(&sheet)
            .map_err(|e| file_error(format!("{name}!{sheet}"), e.to_string()))?;
        if let Some(m) = merged.iter().find(|m| m.end.0 >= heading.row) {
            return Err(file_error(
                at(m.start.0, m.start.1),
                crate::tr!(
                    "apply.merged",
                    from = at(m.start.0, m.start.1).to_string(),
                    to = format!("{}{}", column_name(m.end.1), m.end.0 + 1)
                ),
            ));
        }
        let formulas = book
            .worksheet_formula(&sheet)
            .map_err(|e| file_error(format!("{name}!{sheet}"), e.to_string()))?;
        let value = |row: u32, col: u32| match formulas.get_value((row, col)) {
            Some(f) if !f.is_empty() => Value::Formula(format!("={f}")),
            _ => range.get_value((row, col)).map_or(Value::Empty, value_of),
        };
        return Ok(Returned {
            unit: grid.unit(heading.row),
            rows: heading.rows(grid.last_row, value, at),
        });
    }
    Err(file_error(
        name,
        crate::tr!("apply.no_id_column", heading = HEADINGS[0]),
    ))
}

/// A workbook cell's value.
fn value_of(data: &Data) -> Value {
    match data {
        Data::Empty => Value::Empty,
        Data::String(s) if s.trim().is_empty() => Value::Empty,
        Data::String(s) => Value::Text(s.trim().to_string()),
        Data::Float(f) => Value::Number(*f),
        Data::Int(i) => Value::Number(*i as f64),
        Data::DateTime(d) => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            Date::new(i32::from(y), u32::from(m), u32::from(day))
                .map_or_else(|| Value::Number(d.as_f64()), Value::Date)
        }
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(|s| Date::parse(s).ok())
            .map_or_else(|| Value::Text(s.clone()), Value::Date),
        other => Value::Text(other.to_string()),
    }
}

/// A sheet seen as text, for finding its heading row and title: any
/// source of cells by absolute row and column.
struct Grid<'a, T> {
    get: &'a dyn Fn(u32, u32) -> Option<&'a T>,
    first_row: u32,
    last_row: u32,
    last_col: u32,
}

/// The heading row found: where each column is.
struct Heading {
    row: u32,
    columns: [Option<u32>; 6],
}

impl<T: ToString> Grid<'_, T> {
    fn text(&self, row: u32, col: u32) -> String {
        (self.get)(row, col).map_or_else(String::new, |v| v.to_string())
    }

    /// The first row with a `Mã nhiệm vụ` heading, within the first rows.
    fn heading_row(&self) -> Option<Heading> {
        let last = self
            .last_row
            .min(self.first_row + HEADING_SEARCH as u32 - 1);
        (self.first_row..=last).find_map(|row| {
            let mut columns = [None; 6];
            for col in 0..=self.last_col.min(255) {
                let text = fold(&self.text(row, col));
                if let Some(i) = Column::ALL.iter().position(|c| fold(c.heading()) == text) {
                    columns[i].get_or_insert(col);
                }
            }
            columns[0].map(|_| Heading { row, columns })
        })
    }

    /// The unit of a `Đơn vị: …` line above the headings.
    fn unit(&self, heading: u32) -> Option<String> {
        (self.first_row..heading).find_map(|row| {
            (0..=self.last_col.min(255)).find_map(|col| {
                let text = self.text(row, col);
                let (label, unit) = text.split_once(':')?;
                (fold(label) == "don vi" && !unit.trim().is_empty())
                    .then(|| unit.trim().to_string())
            })
        })
    }
}

impl Heading {
    /// The task rows below the headings, each cell read by `value`.
    fn rows(
        &self,
        last_row: u32,
        value: impl Fn(u32, u32) -> Value,
        at: impl Fn(u32, u32) -> CellRef,
    ) -> Vec<Row> {
        ((self.row + 1)..=last_row)
            .map(|row| Row {
                cells: self.columns.map(|col| {
                    col.map(|col| Cell {
                        value: value(row, col),
                        at: at(row, col),
                    })
                }),
            })
            .filter(|r| r.cells.iter().flatten().any(|c| c.value != Value::Empty))
            .collect()
    }
}

/// The text of a CSV file: UTF-8 (a byte order mark dropped), else the
/// Vietnamese Windows code page, composed (NFC) as the meeting files are.
fn csv_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1258.decode(bytes);
            crate::text::nfc(&text)
        }
    }
}

/// The separator of a CSV: of `;`, `,` and tab, the one most often outside
/// quotes on its first line (`,` on a tie).
fn separator(text: &str) -> u8 {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let most = (0..3).max_by_key(|i| (counts[*i], *i == 0)).unwrap_or(0);
    [b',', b';', b'\t'][most]
}

fn read_csv(bytes: &[u8], name: &str) -> Result<Returned, FileError> {
    let text = csv_text(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator(&text))
        .from_reader(text.as_bytes());
    let mut records: Vec<Vec<String>> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            file_error(format!("{name}:{line}"), crate::tr!("apply.bad_csv"))
        })?;
        if records.len() > MAX_ROWS + HEADING_SEARCH {
            return Err(file_error(
                name,
                crate::tr!(
                    "apply.too_many_rows",
                    rows = format!("> {MAX_ROWS}"),
                    max = MAX_ROWS
                ),
            ));
        }
        records.push(record.iter().map(str::to_string).collect());
    }
    let width = records.iter().map(Vec::len).max().unwrap_or(0) as u32;
    let get = |row: u32, col: u32| records.get(row as usize).and_then(|r| r.get(col as usize));
    let grid = Grid {
        get: &get,
        first_row: 0,
        last_row: (records.len() as u32).saturating_sub(1),
        last_col: width.saturating_sub(1),
    };
    let heading = grid.heading_row().ok_or_else(|| {
        file_error(
            name,
            crate::tr!("apply.no_id_column", heading = HEADINGS[0]),
        )
    })?;
    let value = |row: u32, col: u32| match get(row, col).map(|s| s.trim()) {
        None | Some("") => Value::Empty,
        Some(s) if s.starts_with('=') && s.len() > 1 => Value::Formula(s.to_string()),
        Some(s) => Value::Text(s.to_string()),
    };
    let at = |row, col| CellRef {
        file: name.to_string(),
        sheet: None,
        row,
        col,
    };
    Ok(Returned {
        unit: grid.unit(heading.row),
        rows: heading.rows(grid.last_row, value, at),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_excel_names_them() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(6), "G");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }

    #[test]
    fn the_separator_is_the_one_outside_quotes() {
        assert_eq!(separator("a;b;\"c,d,e\"\n"), b';');
        assert_eq!(separator("a,b,c\n"), b',');
        assert_eq!(separator("\na\tb\n"), b'\t');
        assert_eq!(separator("abc\n"), b',');
    }

    #[test]
    fn a_csv_in_the_windows_code_page_is_read() {
        // Windows-1258: `ă` and `ê` whole (0xE3, 0xEA), the tones as
        // combining marks: tilde 0xDE, dot below 0xF2.
        assert_eq!(
            csv_text(b"Ma\xDE nhi\xEA\xF2m vu\xF2; \xE3n"),
            "Mã nhiệm vụ; ăn"
        );
        assert_eq!(csv_text(b"\xEF\xBB\xBFa;b"), "a;b");
    }
}
