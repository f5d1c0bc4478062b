//! The register's paper form (`ketluan register print` without
//! `--format`): the sổ đăng ký văn bản đi of Decree 30/2020/NĐ-CP, Phụ lục
//! IV, Mục I, printed from the register's rows: a cover page (the parent
//! agency, the agency, `SỔ ĐĂNG KÝ VĂN BẢN ĐI`, the year, the first and
//! last dates and numbers, the book's number), then the ten columns of the
//! form with their numbers `(1)` … `(10)`, on A4 landscape (the decree sets
//! no paper size), as PDF/A and DOCX through the documents' own pipeline
//! ([`crate::typeset::compose::compose_book`]). Voided numbers keep their
//! rows, with their Ghi chú. Everything comes from the rows: the same
//! register gives the same bytes.

use super::register::Row;
use crate::body::{CellAlign, Inline, Table, TableColumn};
use crate::date::Date;
use crate::document::{caps, Book, CoverLine, Metadata};
use crate::layout::Layout;

/// The form's title.
pub const TITLE: &str = "SỔ ĐĂNG KÝ VĂN BẢN ĐI";

/// The ten columns of the form: heading, share of the text width, and
/// alignment of the rows' cells.
pub const COLUMNS: [(&str, f32, CellAlign); 10] = [
    ("Số, ký hiệu văn bản", 0.08, CellAlign::Centre),
    ("Ngày tháng văn bản", 0.08, CellAlign::Centre),
    (
        "Tên loại và trích yếu nội dung văn bản",
        0.25,
        CellAlign::Left,
    ),
    ("Người ký", 0.10, CellAlign::Left),
    ("Nơi nhận văn bản", 0.17, CellAlign::Left),
    ("Đơn vị, người nhận bản lưu", 0.08, CellAlign::Left),
    ("Số lượng bản", 0.05, CellAlign::Centre),
    ("Ngày chuyển", 0.08, CellAlign::Centre),
    ("Ký nhận", 0.05, CellAlign::Left),
    ("Ghi chú", 0.06, CellAlign::Left),
];

/// The agency a register belongs to, for its cover.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Office {
    /// Cơ quan chủ quản trực tiếp (`issuer.parent`), if any.
    pub parent: Option<String>,
    /// Tên cơ quan/đơn vị (`issuer.name`).
    pub name: String,
}

/// The page of the register: A4 landscape, the documents' type sizes but
/// the table's (11 pt), margins 20 mm, 25 mm on the left (the binding).
pub fn layout(base: &Layout) -> Layout {
    Layout {
        page_width_mm: 297.0,
        page_height_mm: 210.0,
        margin_top_mm: 20.0,
        margin_bottom_mm: 20.0,
        margin_left_mm: 25.0,
        margin_right_mm: 15.0,
        table_size_pt: 11.0,
        ..base.clone()
    }
}

fn text(text: impl Into<String>, bold: bool) -> Vec<Inline> {
    vec![Inline::Text {
        text: text.into(),
        bold,
        italic: false,
    }]
}

/// A date of the register (ISO) as the form prints it: `16/03/2021`; a
/// cell that is not a date as it is.
fn day(iso: &str) -> String {
    Date::parse(iso).map_or_else(|_| iso.to_string(), |d| d.numeric())
}

/// A row's ten cells.
fn cells(r: &Row) -> Vec<Vec<Inline>> {
    let reference = match (r.so.is_empty(), r.ky_hieu.is_empty()) {
        (false, false) => format!("{}/{}", r.so, r.ky_hieu),
        _ => format!("{}{}", r.so, r.ky_hieu),
    };
    let mut kind = text(r.ten_loai.clone(), true);
    if !r.trich_yeu.is_empty() {
        kind.extend(text(format!(" {}", r.trich_yeu), false));
    }
    // The position over the name.
    let signer: Vec<Inline> = [&r.chuc_vu, &r.nguoi_ky]
        .into_iter()
        .filter(|t| !t.is_empty())
        .map(|t| text(t.clone(), false))
        .collect::<Vec<_>>()
        .join(&Inline::LineBreak);
    vec![
        text(reference, false),
        text(day(&r.ngay), false),
        kind,
        signer,
        text(r.noi_nhan.clone(), false),
        text(r.ban_luu.clone(), false),
        text(r.so_ban.clone(), false),
        text(day(&r.ngay_chuyen), false),
        Vec::new(),
        text(r.ghi_chu.clone(), false),
    ]
}

/// The form's table of `rows`, in the register's order (voiding rows too).
pub fn table(rows: &[Row]) -> Table {
    Table {
        columns: COLUMNS
            .iter()
            .map(|(_, share, align)| TableColumn {
                share: *share,
                align: *align,
            })
            .collect(),
        head: COLUMNS.iter().map(|(name, ..)| text(*name, true)).collect(),
        rows: rows.iter().map(cells).collect(),
        numbered: true,
    }
}

/// The register of `year` as a book: its cover and its table; dated by
/// its latest row (1 January when it has none).
pub fn book(rows: &[Row], year: i32, office: &Office, base: &Layout) -> Book {
    let dates: Vec<Date> = rows.iter().filter_map(Row::date).collect();
    let numbers: Vec<u32> = rows.iter().filter_map(Row::number).collect();
    let first_day = dates.iter().min().map(Date::numeric);
    let last_day = dates.iter().max().map(Date::numeric);
    let dots = || "……".to_string();
    let number = |n: Option<&u32>| n.map_or_else(dots, |n| format!("{n:02}"));
    let line = |text: String, size_pt: f32, bold: bool, space_before_pt: f32| CoverLine {
        text,
        size_pt,
        bold,
        space_before_pt,
        box_mm: None,
    };
    // The agency's names over a column as wide as a document's left one.
    let column = Some(base.left_column_mm + 25.0);
    let mut cover: Vec<CoverLine> = office
        .parent
        .iter()
        .map(|p| CoverLine {
            box_mm: column,
            ..line(caps(p), 13.0, false, 0.0)
        })
        .collect();
    cover.push(CoverLine {
        box_mm: column,
        ..line(caps(&office.name), 13.0, true, 0.0)
    });
    cover.push(line(TITLE.into(), 24.0, true, 120.0));
    cover.push(line(format!("Năm: {year}"), 16.0, false, 24.0));
    cover.push(line(
        format!(
            "Từ ngày {} đến ngày {}",
            first_day.unwrap_or_else(dots),
            last_day.unwrap_or_else(dots)
        ),
        14.0,
        false,
        36.0,
    ));
    cover.push(line(
        format!(
            "Từ số {} đến số {}",
            number(numbers.iter().min()),
            number(numbers.iter().max())
        ),
        14.0,
        false,
        6.0,
    ));
    cover.push(line("Quyển số: 01".into(), 14.0, false, 6.0));
    let date = dates
        .iter()
        .max()
        .copied()
        .or_else(|| Date::new(year, 1, 1))
        .unwrap_or_else(Date::today);
    Book {
        layout: layout(base),
        cover,
        table: table(rows),
        metadata: Metadata {
            title: format!("{TITLE} năm {year}"),
            author: office.name.clone(),
            subject: TITLE.into(),
            date,
            reference: None,
            issued: None,
        },
    }
}

/// The agency of a register: `issuer.parent` and `issuer.name` of its
/// `ketluan.yaml` ([`super::office_defaults`]), the name else the rows' latest
/// `co_quan`.
pub fn office(rows: &[Row]) -> Office {
    let issuer = super::office_defaults(rows)
        .map(|f| crate::import::texts_of(&f, "issuer"))
        .unwrap_or_default();
    let get = |key: &str| {
        issuer
            .iter()
            .find(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_string())
    };
    let from_rows = rows
        .iter()
        .rev()
        .map(|r| r.co_quan.clone())
        .find(|c| !c.is_empty());
    Office {
        parent: get("parent"),
        name: get("name").or(from_rows).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cover_and_the_ten_columns_come_from_the_rows() {
        let row = |so: &str, ngay: &str| Row {
            so: so.into(),
            ky_hieu: "TB-VP".into(),
            ngay: ngay.into(),
            ten_loai: "Thông báo".into(),
            ..Row::default()
        };
        let office = Office {
            parent: Some("UBND tỉnh Lai Châu".into()),
            name: "Văn phòng UBND tỉnh".into(),
        };
        let book = book(
            &[row("01", "2021-03-16"), row("02", "2021-04-02")],
            2021,
            &office,
            &Layout::default(),
        );
        let cover: Vec<&str> = book.cover.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            cover,
            [
                "UBND TỈNH LAI CHÂU",
                "VĂN PHÒNG UBND TỈNH",
                TITLE,
                "Năm: 2021",
                "Từ ngày 16/03/2021 đến ngày 02/04/2021",
                "Từ số 01 đến số 02",
                "Quyển số: 01"
            ]
        );
        assert_eq!(book.table.columns.len(), 10);
        let shares: f32 = book.table.columns.iter().map(|c| c.share).sum();
        assert!((shares - 1.0).abs() < 1e-4);
        assert_eq!(crate::body::cell_text(&book.table.rows[1][0]), "02/TB-VP");
        assert_eq!(book.metadata.date, Date::new(2021, 4, 2).unwrap());
    }
}
