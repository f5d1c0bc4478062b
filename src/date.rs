//! Calendar dates as written in meeting files and printed in notices.
//!
//! Accepted input forms: the YAML/ISO date `2021-01-25` and the Vietnamese
//! `25/01/2021` (one- or two-digit day and month are both accepted, so
//! `6/2/2021` is read as 6 February 2021). Printing follows Decree 30: days
//! below 10 and the months 1 and 2 take a leading zero, months 3 to 12 do not.

use std::fmt;

/// A validated calendar date (proleptic Gregorian).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u32,
    day: u32,
}

/// The forms a date may take in a meeting file, shown in error hints.
pub const ACCEPTED_FORMS: &str = "2021-01-25 (YYYY-MM-DD) hoặc \"25/01/2021\" (ngày/tháng/năm)";

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// The text has neither accepted shape.
    Shape,
    /// The shape is right but the day does not exist (31/02/2021).
    NoSuchDay { year: i32, month: u32, day: u32 },
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Shape => write!(f, "không phải là ngày hợp lệ"),
            DateError::NoSuchDay { year, month, day } if *month == 0 || *month > 12 => {
                write!(f, "tháng {month} không tồn tại (ngày {day}, năm {year})")
            }
            DateError::NoSuchDay { year, month, day } => write!(
                f,
                "ngày {day} không có trong tháng {month} năm {year} (tháng này có {} ngày)",
                days_in_month(*year, *month)
            ),
        }
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

fn digits(s: &str, min: usize, max: usize) -> Option<u32> {
    if s.len() < min || s.len() > max || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl Date {
    /// Builds a date, or `None` when that day does not exist.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        (1..=9999)
            .contains(&year)
            .then_some(())
            .filter(|_| (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .map(|_| Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD` or `D/M/YYYY` (surrounding spaces ignored).
    ///
    /// ```
    /// use ketluan::date::Date;
    /// let d = Date::parse("6/2/2021").unwrap();
    /// assert_eq!(d, Date::parse("2021-02-06").unwrap());
    /// assert_eq!(d.long(), "ngày 06 tháng 02 năm 2021");
    /// assert!(Date::parse("31/02/2021").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let text = text.trim();
        let (year, month, day) = if let Some((y, rest)) = text.split_once('-') {
            let (m, d) = rest.split_once('-').ok_or(DateError::Shape)?;
            (
                digits(y, 4, 4).ok_or(DateError::Shape)?,
                digits(m, 2, 2).ok_or(DateError::Shape)?,
                digits(d, 2, 2).ok_or(DateError::Shape)?,
            )
        } else {
            let mut parts = text.split('/');
            let (d, m, y) = match (parts.next(), parts.next(), parts.next(), parts.next()) {
                (Some(d), Some(m), Some(y), None) => (d, m, y),
                _ => return Err(DateError::Shape),
            };
            (
                digits(y, 4, 4).ok_or(DateError::Shape)?,
                digits(m, 1, 2).ok_or(DateError::Shape)?,
                digits(d, 1, 2).ok_or(DateError::Shape)?,
            )
        };
        let year = year as i32;
        Date::new(year, month, day).ok_or(DateError::NoSuchDay { year, month, day })
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(&self) -> u32 {
        self.month
    }

    /// The day of the month.
    pub fn day(&self) -> u32 {
        self.day
    }

    /// The month as printed: `01`, `02`, then `3` … `12`.
    pub fn month_text(&self) -> String {
        if self.month <= 2 {
            format!("{:02}", self.month)
        } else {
            self.month.to_string()
        }
    }

    /// The date line form: `ngày 05 tháng 02 năm 2021`.
    pub fn long(&self) -> String {
        format!(
            "ngày {:02} tháng {} năm {}",
            self.day,
            self.month_text(),
            self.year
        )
    }

    /// The in-sentence form: `06/02/2021`, `15/3/2021`.
    pub fn short(&self) -> String {
        format!("{:02}/{}/{}", self.day, self.month_text(), self.year)
    }

    /// ISO 8601: `2021-02-06`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Days since 1970-01-01 (negative before), for comparisons and arithmetic.
    pub fn days_since_epoch(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

/// Serialized as ISO 8601 text (`2021-01-25`), the form templates receive.
impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

impl Date {
    /// The date `days` after 1970-01-01 (Howard Hinnant's civil_from_days).
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Today in Vietnam (UTC+7), from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        Date::from_days_since_epoch((secs + 7 * 3600).div_euclid(86_400))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.short())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_forms() {
        assert_eq!(
            Date::parse("2021-01-25"),
            Ok(Date::new(2021, 1, 25).unwrap())
        );
        assert_eq!(
            Date::parse("25/01/2021"),
            Ok(Date::new(2021, 1, 25).unwrap())
        );
        assert_eq!(
            Date::parse(" 6/2/2021 "),
            Ok(Date::new(2021, 2, 6).unwrap())
        );
    }

    #[test]
    fn rejects_impossible_and_malformed() {
        assert_eq!(
            Date::parse("31/02/2021"),
            Err(DateError::NoSuchDay {
                year: 2021,
                month: 2,
                day: 31
            })
        );
        assert!(Date::parse("29/02/2021").is_err());
        assert!(Date::parse("29/02/2024").is_ok());
        assert!(Date::parse("29/02/1900").is_err());
        assert!(Date::parse("2021-1-5").is_err());
        assert!(Date::parse("13/13/2021").is_err());
        assert!(Date::parse("ngày mai").is_err());
        assert!(Date::parse("25.01.2021").is_err());
        assert!(Date::parse("").is_err());
    }

    #[test]
    fn prints_decree_30_forms() {
        let d = Date::new(2021, 2, 5).unwrap();
        assert_eq!(d.long(), "ngày 05 tháng 02 năm 2021");
        assert_eq!(d.short(), "05/02/2021");
        assert_eq!(Date::new(2021, 3, 15).unwrap().short(), "15/3/2021");
        assert_eq!(Date::new(2020, 12, 5).unwrap().short(), "05/12/2020");
        assert_eq!(
            Date::new(2019, 6, 29).unwrap().long(),
            "ngày 29 tháng 6 năm 2019"
        );
    }

    #[test]
    fn epoch_days() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(Date::new(2021, 1, 25).unwrap().days_since_epoch(), 18652);
        for days in [-1000, 0, 59, 60, 18652, 20000, 40000] {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
        assert_eq!(
            Date::from_days_since_epoch(18652),
            Date::new(2021, 1, 25).unwrap()
        );
    }
}
