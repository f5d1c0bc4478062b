//! The sổ đăng ký văn bản đi kept in git: one CSV per year,
//! `so-van-ban-di/<năm>.csv`, UTF-8, one row per number given, rows only
//! ever added at the end (Decree 30/2020/NĐ-CP, Điều 15–16, Phụ lục IV and
//! VI; docs/issuing.md). Two clones that each add a row at the end of the
//! same file meet in a git merge conflict, never a silent duplicate.
//!
//! The columns hold the ten of the paper form (Phụ lục IV) and the
//! electronic fields of Phụ lục VI, with names a secretary can read, then
//! ketluan's own: the series (`chuoi`), where the row came from (`nguon`),
//! the meeting file (`tep`), the SHA-256 of the PDF/A issued, and the
//! signing time.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::date::Date;

/// The register's folder, beside `meetings/` (where commands are run).
pub const DIR: &str = "so-van-ban-di";

/// `nguon` of a row saying a number was voided (the number's first row
/// stays; the number is never given again).
pub const VOIDED: &str = "huy";

/// One row of the register, every value as text (as the CSV holds it).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// Số (`01`, `25`, `1000`).
    pub so: String,
    /// Ký hiệu (`TB-UBND`).
    pub ky_hieu: String,
    /// Ngày tháng văn bản, ISO (`2021-01-27`).
    pub ngay: String,
    /// Tên loại (`Thông báo`).
    pub ten_loai: String,
    /// Cơ quan ban hành.
    pub co_quan: String,
    /// Trích yếu nội dung.
    pub trich_yeu: String,
    /// Ngôn ngữ.
    pub ngon_ngu: String,
    /// Người ký.
    pub nguoi_ky: String,
    /// Chức vụ người ký.
    pub chuc_vu: String,
    /// Nơi nhận, `; ` between them.
    pub noi_nhan: String,
    /// Đơn vị, người nhận bản lưu (the `Lưu:` line).
    pub ban_luu: String,
    /// Số lượng bản.
    pub so_ban: String,
    /// Ngày chuyển.
    pub ngay_chuyen: String,
    /// Ghi chú (`Hủy số: …` for a voided number).
    pub ghi_chu: String,
    /// Số trang.
    pub so_trang: String,
    /// Mức độ khẩn.
    pub do_khan: String,
    /// Hạn trả lời.
    pub han_tra_loi: String,
    /// The series the number belongs to: the issuer's code, or the key
    /// `numbering.series` gives the document's type.
    pub chuoi: String,
    /// `ketluan`, `ngoai` (issued outside ketluan), `huy` (voided).
    pub nguon: String,
    /// The meeting file, `/` between its parts.
    pub tep: String,
    /// SHA-256 of the PDF/A issued.
    pub sha256: String,
    /// When it was signed (ISO 8601, Vietnam time), once signed.
    pub thoi_gian_ky: String,
}

impl Row {
    /// The number, when the cell holds one.
    pub fn number(&self) -> Option<u32> {
        self.so.trim().parse().ok()
    }

    /// The date, when the cell holds one.
    pub fn date(&self) -> Option<Date> {
        Date::parse(&self.ngay).ok()
    }
}

/// A register that cannot be read: where and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct RegisterError {
    /// The register file.
    pub file: String,
    /// The line (1-based; 0: the file as a whole).
    pub line: u64,
    /// Why.
    pub message: String,
}

/// The register file of a year in `dir`.
pub fn path_for(dir: &Path, year: i32) -> PathBuf {
    dir.join(format!("{year}.csv"))
}

/// An error in `path` at `line` (0: the file as a whole).
fn error_at(path: &Path, line: u64, message: String) -> RegisterError {
    RegisterError {
        file: path.display().to_string(),
        line,
        message,
    }
}

/// A register file's bytes, `None` when it does not exist, and the
/// length of its byte order mark (0 or 3).
fn bytes_of(path: &Path) -> Result<Option<(Vec<u8>, usize)>, RegisterError> {
    match std::fs::read(path) {
        Ok(b) => {
            let bom = if b.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
            Ok(Some((b, bom)))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(error_at(path, 0, e.to_string())),
    }
}

/// The register's bytes with the signing time of the document whose
/// PDF has SHA-256 `sha256` set to `time` (`thoi_gian_ky`): only that row's
/// line is written again, every other byte is kept. `None` when no row
/// has that hash (a register kept elsewhere, or a document not issued by
/// ketluan).
pub fn with_signing_time(
    path: &Path,
    sha256: &str,
    time: &str,
) -> Result<Option<Vec<u8>>, RegisterError> {
    let fail = |line, message| error_at(path, line, message);
    let Some((bytes, bom)) = bytes_of(path)? else {
        return Ok(None);
    };
    let mut reader = csv::ReaderBuilder::new().from_reader(&bytes[bom..]);
    let headers = reader
        .headers()
        .map_err(|e| fail(1, e.to_string()))?
        .clone();
    let mut found: Option<(usize, Row)> = None;
    let mut end = None;
    for record in reader.records() {
        let record =
            record.map_err(|e| fail(e.position().map_or(0, |p| p.line()), e.to_string()))?;
        let position = record
            .position()
            .cloned()
            .unwrap_or_else(csv::Position::new);
        if found.is_some() {
            end = Some(bom + position.byte() as usize);
            break;
        }
        let row: Row = record
            .deserialize(Some(&headers))
            .map_err(|e| fail(position.line(), e.to_string()))?;
        if row.sha256.eq_ignore_ascii_case(sha256) && row.nguon != VOIDED {
            found = Some((bom + position.byte() as usize, row));
        }
    }
    let Some((start, mut row)) = found else {
        return Ok(None);
    };
    let end = end.unwrap_or(bytes.len());
    row.thoi_gian_ky = time.to_string();
    let line = csv_text(&[&row], false).map_err(|e| fail(0, e.to_string()))?;
    let mut out = bytes[..start].to_vec();
    out.extend_from_slice(&line);
    out.extend_from_slice(&bytes[end..]);
    Ok(Some(out))
}

/// The rows of a register file as numbering needs them: each with its
/// line, and only `so`, `ngay`, `chuoi` and `nguon` read (the other cells
/// left empty). Reading the few cells from raw records rather than every
/// cell into a [`Row`] is most of what `issue` gains on a register of a
/// thousand rows (docs/performance.md).
pub fn read_numbers(path: &Path) -> Result<Vec<(u64, Row)>, RegisterError> {
    let fail = |line, message| error_at(path, line, message);
    let Some((bytes, bom)) = bytes_of(path)? else {
        return Ok(Vec::new());
    };
    let bytes = &bytes[bom..];
    let mut reader = csv::ReaderBuilder::new().from_reader(bytes);
    let headers = reader
        .byte_headers()
        .map_err(|e| fail(1, e.to_string()))?
        .clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name.as_bytes())
            .ok_or_else(|| fail(1, format!("missing field `{name}`")))
    };
    let (so, ngay, chuoi, nguon) = (
        column("so")?,
        column("ngay")?,
        column("chuoi")?,
        column("nguon")?,
    );
    let mut record = csv::ByteRecord::new();
    let mut rows = Vec::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(fail(e.position().map_or(0, |p| p.line()), e.to_string())),
        }
        let line = record.position().map_or(0, |p| p.line());
        let cell = |i: usize| -> Result<String, RegisterError> {
            let raw = record.get(i).unwrap_or_default();
            std::str::from_utf8(raw)
                .map(str::to_string)
                .map_err(|e| fail(line, e.to_string()))
        };
        rows.push((
            line,
            Row {
                so: cell(so)?,
                ngay: cell(ngay)?,
                chuoi: cell(chuoi)?,
                nguon: cell(nguon)?,
                ..Row::default()
            },
        ));
    }
    Ok(rows)
}

/// The rows of a register file (none when it does not exist), each with
/// its line.
pub fn read(path: &Path) -> Result<Vec<(u64, Row)>, RegisterError> {
    let fail = |line, message| error_at(path, line, message);
    let Some((bytes, bom)) = bytes_of(path)? else {
        return Ok(Vec::new());
    };
    let bytes = &bytes[bom..];
    let mut reader = csv::ReaderBuilder::new().from_reader(bytes);
    let headers = reader
        .headers()
        .map_err(|e| fail(1, e.to_string()))?
        .clone();
    let mut rows = Vec::new();
    // Each record with its line, for messages (the header is line 1).
    for record in reader.records() {
        let record =
            record.map_err(|e| fail(e.position().map_or(0, |p| p.line()), e.to_string()))?;
        let line = record.position().map_or(0, |p| p.line());
        let row = record
            .deserialize::<Row>(Some(&headers))
            .map_err(|e| fail(line, e.to_string()))?;
        rows.push((line, row));
    }
    Ok(rows)
}

/// The CSV text of `rows` (the header first when `header`), lines ended
/// by `\n`.
fn csv_text(rows: &[&Row], header: bool) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .has_headers(header)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    for row in rows {
        writer.serialize(row)?;
    }
    writer.into_inner().map_err(|e| e.into_error().into())
}

/// The file's bytes with `row` added at the end (a header first for a new
/// file); the bytes already there are kept as they are.
pub fn appended(path: &Path, row: &Row) -> std::io::Result<Vec<u8>> {
    let mut bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e),
    };
    if !bytes.is_empty() && !bytes.ends_with(b"\n") {
        bytes.push(b'\n');
    }
    let new = csv_text(&[row], bytes.is_empty()).map_err(std::io::Error::other)?;
    bytes.extend_from_slice(&new);
    Ok(bytes)
}

/// The last number given in `series` among `rows`, with its date.
pub fn last_in(rows: &[(u64, Row)], series: &str) -> Option<(u32, Option<Date>)> {
    rows.iter()
        .filter(|(_, r)| r.chuoi == series)
        .filter_map(|(_, r)| r.number().map(|n| (n, r.date())))
        .max_by_key(|(n, _)| *n)
}

/// The latest date of `series` among `rows`.
pub fn latest_date(rows: &[(u64, Row)], series: &str) -> Option<Date> {
    rows.iter()
        .filter(|(_, r)| r.chuoi == series)
        .filter_map(|(_, r)| r.date())
        .max()
}

/// A lock on the register's folder while a number is given: a file
/// created exclusively, removed when dropped. A second `issue` in the same
/// clone waits for none: it is refused, and says why.
pub struct Lock(PathBuf);

impl Lock {
    /// Takes the lock of `dir` (created if missing).
    pub fn take(dir: &Path) -> std::io::Result<Lock> {
        std::fs::create_dir_all(dir)?;
        let path = dir.join(".khoa");
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?;
        Ok(Lock(path))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_added_at_the_end_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = path_for(dir.path(), 2021);
        let row = |so: &str, ngay: &str| Row {
            so: so.into(),
            ngay: ngay.into(),
            chuoi: "UBND".into(),
            trich_yeu: "Kết luận, \"họp\"\nthứ hai".into(),
            ..Row::default()
        };
        std::fs::write(&path, appended(&path, &row("01", "2021-01-05")).unwrap()).unwrap();
        let first = std::fs::read(&path).unwrap();
        std::fs::write(&path, appended(&path, &row("02", "2021-01-07")).unwrap()).unwrap();
        let both = std::fs::read(&path).unwrap();
        assert!(both.starts_with(&first), "the first bytes kept");
        assert!(first.starts_with(b"so,ky_hieu,ngay,"));
        let rows = read(&path).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].1, row("02", "2021-01-07"));
        assert_eq!(
            (rows[0].0, rows[1].0),
            (2, 4),
            "lines (a quoted line break)"
        );
        assert_eq!(
            last_in(&rows, "UBND"),
            Some((2, Date::parse("2021-01-07").ok()))
        );
        assert_eq!(last_in(&rows, "VP"), None);
        // The numbering's reading: the same keys and lines, from a file
        // with a byte order mark too.
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(&both);
        std::fs::write(&path, with_bom).unwrap();
        let numbers = read_numbers(&path).unwrap();
        let keys = |rows: &[(u64, Row)]| -> Vec<(u64, String, String, String, String)> {
            rows.iter()
                .map(|(l, r)| {
                    (
                        *l,
                        r.so.clone(),
                        r.ngay.clone(),
                        r.chuoi.clone(),
                        r.nguon.clone(),
                    )
                })
                .collect()
        };
        assert_eq!(keys(&numbers), keys(&rows));
        assert_eq!(numbers[1].1.trich_yeu, "", "other cells are not read");
    }

    #[test]
    fn a_register_without_a_key_column_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = path_for(dir.path(), 2021);
        std::fs::write(&path, "so,ngay,nguon\n01,2021-01-05,ketluan\n").unwrap();
        let error = read_numbers(&path).unwrap_err();
        assert_eq!(error.line, 1);
        assert!(error.message.contains("chuoi"), "{error}");
    }
}
