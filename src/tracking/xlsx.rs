//! The task-progress workbook of `ketluan tasks --format xlsx`: the sheet a
//! Văn phòng UBND sends each unit so that it reports, task by task, how far
//! it has got (the follow-up of QĐ 42/2014/QĐ-TTg).
//!
//! One sheet, [`SHEET`]: the unit and the day on rows 1–2, the headings
//! ([`HEADINGS`], read by heading by other tools) on row 4, one task a row
//! below. Columns A–F are ours and locked; G–K are the unit's to fill
//! (unlocked, with a drop-down list of [`STATUSES`] on G and date
//! validation on H and J). The sheet is protected without a password, so
//! the task ids cannot be changed by mistake but a unit can still unprotect
//! it. A4 landscape, one page wide, the heading row on every page.
//!
//! The bytes depend only on the tasks, the unit and `today`: the workbook's
//! creation date is `today`, never the clock (docs/tracking.md).

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime,
    Format, FormatAlign, FormatBorder, ProtectionOptions, Workbook, Worksheet, XlsxError,
};

use super::{fold, Standing, TrackedTask, NO_LEAD};
use crate::date::Date;

/// The sheet's name (ASCII: safe in every Excel and in formulas).
pub const SHEET: &str = "Nhiem vu";

/// The column headings, A to K, in order.
pub const HEADINGS: [&str; 11] = [
    "Mã nhiệm vụ",
    "Thông báo",
    "Mục",
    "Nội dung",
    "Thời hạn",
    "Tình trạng hiện tại",
    "Tình trạng",
    "Ngày hoàn thành",
    "Văn bản báo cáo",
    "Đề nghị gia hạn đến",
    "Ghi chú",
];

/// The choices of column G (`Tình trạng`), the unit's answer.
pub const STATUSES: [&str; 4] = [
    "đang thực hiện",
    "đã hoàn thành",
    "đề nghị gia hạn",
    "đề nghị hủy",
];

/// The file of the tasks without a lead unit, with `--split-by-lead`.
pub const NO_LEAD_FILE: &str = "nv-chua-giao.xlsx";

/// Column widths (in Excel's character units), A to K: about 1,090 pixels,
/// near the 1,030 of A4 landscape between 0.5" margins (fit to one page
/// wide shrinks the little rest).
const WIDTHS: [f64; 11] = [
    16.0, 13.0, 6.0, 36.0, 10.0, 13.0, 12.0, 10.0, 12.0, 10.0, 10.0,
];

/// The row of the headings (0-based: row 4 on screen).
const HEADING_ROW: u32 = 3;

/// First column the unit fills (G).
const FIRST_FILLED: u16 = 6;

/// Excel's longest cell text, in UTF-16 units.
const MAX_CELL: usize = 32_767;

/// The last day the date validations accept.
const LAST_YEAR: u16 = 2100;

/// Points a line of 11-point Times New Roman takes in a row.
const LINE_PT: f64 = 15.0;

/// Pixels an 11-point Times New Roman character takes on average (4.5 to
/// 4.7 in Vietnamese text), a little over, so that a row is rather too tall
/// than cut.
const CHAR_PX: f64 = 5.0;

const FONT: &str = "Times New Roman";

/// The cell formats of the sheet.
struct Formats {
    title: Format,
    line: Format,
    heading: Format,
    text: Format,
    centred: Format,
    date: Format,
    open_text: Format,
    open_date: Format,
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new().set_font_name(FONT).set_font_size(12);
        let cell = Format::new()
            .set_font_name(FONT)
            .set_font_size(11)
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin);
        let date = cell
            .clone()
            .set_num_format("dd/mm/yyyy")
            .set_align(FormatAlign::Center);
        Formats {
            title: base.clone().set_bold(),
            line: base,
            heading: cell
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(0xD9D9D9),
            centred: cell.clone().set_align(FormatAlign::Center),
            open_text: cell.clone().set_unlocked(),
            open_date: date.clone().set_unlocked(),
            text: cell,
            date,
        }
    }
}

/// What column F says of a task on `today`: where it stands, as `tasks`
/// prints it ([`Standing::label`]), with the days late as the report gives
/// them and the day it was done: `Chưa hoàn thành quá hạn 23 ngày`,
/// `Hoàn thành đúng hạn (05/02/2021)`.
pub fn standing_text(task: &TrackedTask, today: Date) -> String {
    let standing = task.standing(today);
    let mut text = standing.label().to_string();
    if let Some(days) = task.days_late_as(standing, today) {
        text.push_str(&format!(" {days} ngày"));
    }
    if let (Standing::DoneOnTime | Standing::DoneLate, Some(done)) = (standing, task.done_on) {
        text.push_str(&format!(" ({})", done.short()));
    }
    if let Some(asked) = task.pending_extension() {
        text.push_str(&format!("; đã đề nghị gia hạn đến {}", asked.short()));
    }
    if task.pending_cancel() {
        text.push_str("; đã đề nghị hủy");
    }
    text
}

/// Column B: `25/TB-UBND ngày 27/01/2021`, the number alone when the notice
/// has no date yet, `Dự thảo` for a draft.
pub fn notice_text(task: &TrackedTask) -> String {
    match (&task.notice, task.notice_date) {
        (Some(n), Some(d)) => format!("{n} ngày {}", d.short()),
        (Some(n), None) => n.clone(),
        (None, _) => "Dự thảo".to_string(),
    }
}

/// Lines `text` takes wrapped in a column `width` characters wide (Excel's
/// unit: 7 pixels of Calibri 11 and 5 of padding): words are not cut
/// unless longer than a line.
fn lines(text: &str, width: f64) -> usize {
    let per_line = ((width * 7.0 - 1.0) / CHAR_PX).floor().max(1.0) as usize;
    let (mut lines, mut used) = (1, 0);
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if used > 0 && used + 1 + len <= per_line {
            used += 1 + len;
        } else {
            if used > 0 {
                lines += 1;
            }
            lines += (len.max(1) - 1) / per_line;
            used = (len - 1) % per_line + 1;
        }
    }
    lines
}

/// A row's height in points for the texts of its columns (Excel and
/// LibreOffice keep the height a file gives instead of fitting wrapped
/// text themselves; 409 points at most).
fn row_height(cells: &[(&str, usize)]) -> f64 {
    let most = cells
        .iter()
        .map(|(text, col)| lines(text, WIDTHS[*col]))
        .max()
        .unwrap_or(1);
    (most as f64 * LINE_PT + 3.0).min(409.0)
}

/// A day as an Excel date, for the years Excel counts without its 1900
/// leap-year error.
fn excel_date(d: Date) -> Option<ExcelDateTime> {
    let year = u16::try_from(d.year()).ok().filter(|y| *y > 1900)?;
    ExcelDateTime::from_ymd(
        year,
        u8::try_from(d.month()).ok()?,
        u8::try_from(d.day()).ok()?,
    )
    .ok()
}

/// Text cut to what a cell holds.
fn cell_text(text: &str) -> std::borrow::Cow<'_, str> {
    if text.encode_utf16().count() <= MAX_CELL {
        return text.into();
    }
    let mut used = 1; // the ellipsis
    let mut cut: String = text
        .chars()
        .take_while(|c| {
            used += c.len_utf16();
            used <= MAX_CELL
        })
        .collect();
    cut.push('…');
    cut.into()
}

/// The task-progress workbook of `tasks` (see the module's doc): `unit` is
/// the lead unit the sheet is for (`None`: every unit), `today` the day its
/// standings are judged on, printed in its title and taken as its creation
/// date. An error only for more tasks than a sheet has rows.
pub fn workbook(
    tasks: &[&TrackedTask],
    unit: Option<&str>,
    today: Date,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let mut props = DocProperties::new().set_title("Danh sách nhiệm vụ được giao");
    if let Some(created) = excel_date(today) {
        props = props.set_creation_datetime(&created);
    }
    book.set_properties(&props);
    let sheet = book.add_worksheet();
    sheet.set_name(SHEET)?;
    let f = Formats::new();
    let unit_line = match unit {
        Some(u) => format!("Đơn vị: {u}"),
        None => "Tất cả đơn vị".to_string(),
    };
    sheet.write_string_with_format(0, 0, cell_text(&unit_line), &f.title)?;
    let as_of = format!(
        "Danh sách nhiệm vụ được giao, tính đến ngày {}",
        today.numeric()
    );
    sheet.write_string_with_format(1, 0, as_of, &f.line)?;
    for (col, (heading, width)) in (0u16..).zip(HEADINGS.iter().zip(WIDTHS)) {
        sheet.write_string_with_format(HEADING_ROW, col, *heading, &f.heading)?;
        sheet.set_column_width(col, width)?;
    }
    let headings: Vec<(&str, usize)> = HEADINGS.iter().copied().zip(0..).collect();
    sheet.set_row_height(HEADING_ROW, row_height(&headings))?;
    let mut row = HEADING_ROW;
    for t in tasks {
        row = row.checked_add(1).ok_or(XlsxError::RowColumnLimitError)?;
        let (notice, standing) = (notice_text(t), standing_text(t, today));
        sheet.write_string_with_format(row, 0, cell_text(&t.id), &f.text)?;
        sheet.write_string_with_format(row, 1, cell_text(&notice), &f.text)?;
        sheet.write_string_with_format(row, 2, cell_text(t.place()), &f.centred)?;
        sheet.write_string_with_format(row, 3, cell_text(&t.what), &f.text)?;
        match t.deadline() {
            Some(d) => match excel_date(d) {
                Some(x) => sheet.write_datetime_with_format(row, 4, x, &f.date)?,
                None => sheet.write_string_with_format(row, 4, d.numeric(), &f.centred)?,
            },
            None => sheet.write_blank(row, 4, &f.date)?,
        };
        sheet.write_string_with_format(row, 5, &standing, &f.text)?;
        let texts = [
            (t.id.as_str(), 0),
            (&notice, 1),
            (t.place(), 2),
            (&t.what, 3),
            (&standing, 5),
        ];
        sheet.set_row_height(row, row_height(&texts))?;
        for col in FIRST_FILLED..HEADINGS.len() as u16 {
            let format = if matches!(col, 7 | 9) {
                &f.open_date
            } else {
                &f.open_text
            };
            sheet.write_blank(row, col, format)?;
        }
    }
    if row > HEADING_ROW {
        let first_year = tasks.iter().map(|t| t.meeting_date.year()).min();
        validations(sheet, HEADING_ROW + 1, row, first_year)?;
    }
    page_setup(sheet)?;
    let mut bytes = book.save_to_buffer()?;
    made_on_unix(&mut bytes);
    Ok(bytes)
}

/// Marks every entry of a ZIP's central directory as made on Unix (its
/// "version made by" high byte, APPNOTE 4.4.2): the zip crate under
/// rust_xlsxwriter writes MS-DOS there when built for Windows, and the
/// same workbook must be the same bytes on every system (our own DOCX
/// writer sets it; rust_xlsxwriter does not let us). The entries are
/// found from the end-of-central-directory record; a ZIP not laid out as
/// expected is left as it is.
pub fn made_on_unix(zip: &mut [u8]) {
    const END: [u8; 4] = [0x50, 0x4b, 0x05, 0x06];
    const ENTRY: [u8; 4] = [0x50, 0x4b, 0x01, 0x02];
    const UNIX: u8 = 3;
    let Some(end) = zip
        .len()
        .checked_sub(22)
        .filter(|e| zip[*e..].starts_with(&END))
    else {
        return;
    };
    let u16_at = |b: &[u8], i: usize| usize::from(u16::from_le_bytes([b[i], b[i + 1]]));
    let u32_at =
        |b: &[u8], i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as usize;
    let (count, mut at) = (u16_at(zip, end + 10), u32_at(zip, end + 16));
    for _ in 0..count {
        if at + 46 > end || !zip[at..].starts_with(&ENTRY) {
            return;
        }
        zip[at + 5] = UNIX;
        at += 46 + u16_at(zip, at + 28) + u16_at(zip, at + 30) + u16_at(zip, at + 32);
    }
}

/// The drop-down list on G and the date checks on H and J, rows `first` to
/// `last`; dates from 1 January of the earliest meeting's year.
fn validations(
    sheet: &mut Worksheet,
    first: u32,
    last: u32,
    first_year: Option<i32>,
) -> Result<(), XlsxError> {
    let list = DataValidation::new()
        .allow_list_strings(&STATUSES)?
        .set_error_title("Tình trạng không hợp lệ")?
        .set_error_message(format!("Chọn một trong: {}.", STATUSES.join("; ")))?;
    sheet.add_data_validation(first, FIRST_FILLED, last, FIRST_FILLED, &list)?;
    let from_year = first_year
        .and_then(|y| u16::try_from(y).ok())
        .filter(|y| (1901..LAST_YEAR).contains(y))
        .unwrap_or(2000);
    let dates = DataValidation::new()
        .allow_date(DataValidationRule::Between(
            ExcelDateTime::from_ymd(from_year, 1, 1)?,
            ExcelDateTime::from_ymd(LAST_YEAR, 12, 31)?,
        ))
        .set_error_style(DataValidationErrorStyle::Stop)
        .set_error_title("Ngày không hợp lệ")?
        .set_error_message(format!(
            "Nhập ngày dạng ngày/tháng/năm, từ 01/01/{from_year} đến 31/12/{LAST_YEAR}."
        ))?;
    for col in [7, 9] {
        sheet.add_data_validation(first, col, last, col, &dates)?;
    }
    Ok(())
}

/// A4 landscape, one page wide, printable margins, the heading row frozen
/// on screen and repeated on paper, the sheet protected (no password).
fn page_setup(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    sheet.set_paper_size(9); // A4
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    sheet.set_print_center_horizontally(true);
    sheet.set_footer("&C&\"Times New Roman,Regular\"&10Trang &P/&N");
    sheet.set_freeze_panes(HEADING_ROW + 1, 0)?;
    sheet.set_repeat_rows(HEADING_ROW, HEADING_ROW)?;
    // Rows may be made taller for long answers; nothing else changes.
    sheet.protect_with_options(&ProtectionOptions {
        format_rows: true,
        format_columns: true,
        ..ProtectionOptions::default()
    });
    Ok(())
}

/// The tasks of one lead unit, with `--split-by-lead`.
pub struct LeadBook<'a> {
    /// The unit's name as the tasks give it ([`NO_LEAD`] for none).
    pub unit: String,
    /// `nv-<code>.xlsx` or `nv-<slug of the name>.xlsx`, unique among the books.
    pub file_name: String,
    /// Its tasks, in the order given.
    pub tasks: Vec<&'a TrackedTask>,
}

/// Lower-case ASCII words joined by `-`: `Sở Nội vụ` → `so-noi-vu` (at
/// most 60 characters; `don-vi` when nothing is left).
pub fn slug(text: &str) -> String {
    let mut out = super::slug_words(text).join("-");
    out.truncate(60);
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "don-vi".to_string()
    } else {
        out.to_string()
    }
}

/// One book per lead unit, in order of first appearance (units named alike
/// but for case and diacritics are one; a task led by several units goes to
/// each), the tasks without a lead unit in [`NO_LEAD_FILE`]. A unit
/// listed in `departments` (code, name) is named by its code.
pub fn split_by_lead<'a>(
    tasks: &'a [TrackedTask],
    departments: &[(String, String)],
) -> Vec<LeadBook<'a>> {
    let mut books: Vec<LeadBook<'a>> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    for t in tasks {
        let none = [NO_LEAD.to_string()];
        let units = if t.lead.is_empty() {
            &none[..]
        } else {
            &t.lead[..]
        };
        for unit in units {
            let key = fold(unit);
            let at = match keys.iter().position(|k| *k == key) {
                Some(i) => i,
                None => {
                    keys.push(key);
                    books.push(LeadBook {
                        unit: unit.clone(),
                        file_name: String::new(),
                        tasks: Vec::new(),
                    });
                    books.len() - 1
                }
            };
            if books[at]
                .tasks
                .last()
                .is_none_or(|last| !std::ptr::eq(*last, t))
            {
                books[at].tasks.push(t);
            }
        }
    }
    let mut taken: Vec<String> = Vec::new();
    for (book, key) in books.iter_mut().zip(&keys) {
        let stem = if *key == fold(NO_LEAD) {
            NO_LEAD_FILE.trim_end_matches(".xlsx").to_string()
        } else {
            let code = departments.iter().find(|(_, name)| fold(name) == *key);
            format!("nv-{}", slug(code.map_or(&book.unit, |(c, _)| c)))
        };
        let mut name = format!("{stem}.xlsx");
        let mut n = 2;
        while taken.contains(&name) {
            name = format!("{stem}-{n}.xlsx");
            n += 1;
        }
        taken.push(name.clone());
        book.file_name = name;
    }
    books
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_words() {
        assert_eq!(slug("Sở Nội vụ"), "so-noi-vu");
        assert_eq!(slug("Sở KH&ĐT"), "so-kh-dt");
        assert_eq!(slug("  —  "), "don-vi");
        assert_eq!(slug("SNV"), "snv");
    }

    #[test]
    fn long_text_is_cut_to_a_cell() {
        let long = "ạ".repeat(MAX_CELL + 10);
        let cut = cell_text(&long);
        assert_eq!(cut.encode_utf16().count(), MAX_CELL);
        assert!(cut.ends_with('…'));
        assert_eq!(cell_text("ngắn"), "ngắn");
    }

    #[test]
    fn words_wrap_whole() {
        // 7 characters a line in a 6-wide column.
        assert_eq!(lines("", 6.0), 1);
        assert_eq!(lines("ab cd", 6.0), 1);
        assert_eq!(lines("ab cdefghi", 6.0), 2);
        assert_eq!(lines("abcdefghijklmnopq", 6.0), 3);
    }

    #[test]
    fn a_workbook_made_on_windows_is_marked_as_made_on_unix() {
        let ours = workbook(&[], None, Date::new(2021, 4, 1).unwrap()).unwrap();
        // What the zip crate writes on Windows: MS-DOS (0) as the system
        // of every central directory entry.
        let mut windows = ours.clone();
        let mut entries = 0;
        for i in 0..windows.len() - 4 {
            if windows[i..].starts_with(&[0x50, 0x4b, 0x01, 0x02]) {
                assert_eq!(windows[i + 5], 3, "made on Unix here");
                windows[i + 5] = 0;
                entries += 1;
            }
        }
        assert!(entries >= 8, "{entries}");
        made_on_unix(&mut windows);
        assert!(windows == ours);
    }

    #[test]
    fn dates_excel_cannot_count_are_none() {
        assert!(excel_date(Date::new(1900, 2, 28).unwrap()).is_none());
        assert!(excel_date(Date::new(2021, 2, 6).unwrap()).is_some());
    }
}
