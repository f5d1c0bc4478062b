//! The register's electronic form (`ketluan register print --format
//! csv|xlsx`): one row per entry with the fields of Decree 30/2020/NĐ-CP,
//! Phụ lục VI, Phần II, Mục I ("Thông tin đầu vào của dữ liệu quản lý văn
//! bản đi"), headed by their Vietnamese names, for an e-office or a
//! spreadsheet. The paper form (Phụ lục IV) is [`super::paper`].

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

use super::register::Row;

/// A column: the field's name in Phụ lục VI (its English name there in
/// brackets) and how a row gives it.
pub type Column = (&'static str, fn(&Row) -> String);

/// The columns, in the order of Phụ lục VI.
pub const COLUMNS: [Column; 15] = [
    ("Tên loại văn bản (TypeName)", |r| r.ten_loai.clone()),
    ("Số của văn bản (CodeNumber)", |r| r.so.clone()),
    ("Ký hiệu của văn bản (CodeNotation)", |r| {
        r.ky_hieu.clone()
    }),
    ("Ngày, tháng, năm văn bản (IssuedDate)", |r| {
        r.ngay.clone()
    }),
    (
        "Tên cơ quan, tổ chức ban hành văn bản (OrganName)",
        |r| r.co_quan.clone(),
    ),
    ("Trích yếu nội dung (Subject)", |r| r.trich_yeu.clone()),
    ("Ngôn ngữ (Language)", |r| r.ngon_ngu.clone()),
    ("Số trang của văn bản (PageAmount)", |r| {
        r.so_trang.clone()
    }),
    ("Ghi chú (Description)", |r| r.ghi_chu.clone()),
    ("Chức vụ người ký (Position)", |r| r.chuc_vu.clone()),
    ("Họ tên người ký (FullName)", |r| r.nguoi_ky.clone()),
    ("Nơi nhận (OrganName)", |r| r.noi_nhan.clone()),
    ("Mức độ khẩn (Priority)", |r| r.do_khan.clone()),
    ("Số lượng bản phát hành (IssuedAmount)", |r| {
        r.so_ban.clone()
    }),
    ("Hạn trả lời văn bản (DueDate)", |r| {
        r.han_tra_loi.clone()
    }),
];

/// The rows as CSV (a byte order mark, for Excel; lines ended by CRLF).
pub fn csv(rows: &[Row]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new().from_writer(b"\xEF\xBB\xBF".to_vec());
    writer.write_record(COLUMNS.iter().map(|(name, _)| *name))?;
    for row in rows {
        writer.write_record(COLUMNS.iter().map(|(_, get)| get(row)))?;
    }
    writer.into_inner().map_err(|e| e.into_error().into())
}

/// The rows as a workbook: one sheet, the headings frozen, dates as date
/// cells, numbers as numbers; the same rows give the same bytes (the
/// workbook is dated by its latest row, or 1 January, never the clock).
pub fn xlsx(rows: &[Row], year: i32) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let latest = rows.iter().filter_map(Row::date).max();
    let (m, d) = latest.map_or((1, 1), |d| (d.month(), d.day()));
    let created = ExcelDateTime::from_ymd(
        u16::try_from(year).map_err(|_| XlsxError::RowColumnLimitError)?,
        u8::try_from(m).unwrap_or(1),
        u8::try_from(d).unwrap_or(1),
    )?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let sheet = book.add_worksheet();
    sheet.set_name(format!("So van ban di {year}"))?;
    let bold = Format::new().set_bold().set_text_wrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (col, (name, _)) in (0u16..).zip(COLUMNS.iter()) {
        sheet.write_string_with_format(0, col, *name, &bold)?;
        sheet.set_column_width(col, if col == 5 { 50.0 } else { 16.0 })?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (i, row) in rows.iter().enumerate() {
        let r = u32::try_from(i + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (col, (_, get)) in (0u16..).zip(COLUMNS.iter()) {
            let text = get(row);
            let day = (col == 3 || col == 14)
                .then(|| crate::date::Date::parse(&text).ok())
                .flatten()
                .and_then(|d| {
                    ExcelDateTime::from_ymd(
                        u16::try_from(d.year()).ok()?,
                        u8::try_from(d.month()).ok()?,
                        u8::try_from(d.day()).ok()?,
                    )
                    .ok()
                });
            let number = matches!(col, 1 | 7 | 13)
                .then(|| text.parse::<u32>().ok())
                .flatten();
            match (day, number) {
                (Some(d), _) => sheet.write_datetime_with_format(r, col, d, &date)?,
                (None, Some(n)) => sheet.write_number(r, col, f64::from(n))?,
                _ if text.is_empty() => sheet,
                _ => sheet.write_string(r, col, &text)?,
            };
        }
    }
    let mut bytes = book.save_to_buffer()?;
    crate::tracking::xlsx::made_on_unix(&mut bytes);
    Ok(bytes)
}
