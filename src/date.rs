//! Calendar dates as written in meeting files and printed in notices.
//!
//! Accepted input forms: the YAML/ISO date `2021-01-25` and the Vietnamese
//! `25/01/2021` (one- or two-digit day and month are both accepted, so
//! `6/2/2021` is read as 6 February 2021). Printing follows Decree 30: days
//! below 10 and the months 1 and 2 take a leading zero, months 3 to 12 do not.

use std::fmt;

/// A validated calendar date (proleptic Gregorian, years 1 to 9999).
///
/// The calendar itself (month lengths, leap years, weekdays, day counts,
/// the date in Vietnam now) is jiff's; this type keeps the forms meeting
/// files are written in and the forms Decree 30 prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(jiff::civil::Date);

/// The forms a date may take in a meeting file, shown in error hints.
pub fn accepted_forms() -> String {
    crate::tr!("date.forms")
}

/// The Vietnamese names of the days of the week, Monday first, as printed
/// inside a sentence (`thứ Hai`, …, `Chủ nhật`).
pub const WEEKDAYS: [&str; 7] = [
    "thứ Hai",
    "thứ Ba",
    "thứ Tư",
    "thứ Năm",
    "thứ Sáu",
    "thứ Bảy",
    "Chủ nhật",
];

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
            DateError::Shape => f.write_str(&crate::tr!("date.shape")),
            DateError::NoSuchDay { year, month, day } if *month == 0 || *month > 12 => f.write_str(
                &crate::tr!("date.no_month", month = month, day = day, year = year),
            ),
            DateError::NoSuchDay { year, month, day } => f.write_str(&crate::tr!(
                "date.no_day",
                day = day,
                month = month,
                year = year,
                days = days_in_month(*year, *month)
            )),
        }
    }
}

/// The length of a month (0 for a month or year out of range).
fn days_in_month(year: i32, month: u32) -> u32 {
    calendar_date(year, month, 1).map_or(0, |d| d.days_in_month() as u32)
}

/// jiff's date for these numbers, when that day exists in years 1 to 9999.
fn calendar_date(year: i32, month: u32, day: u32) -> Option<jiff::civil::Date> {
    if !(1..=9999).contains(&year) {
        return None;
    }
    let month = i8::try_from(month).ok()?;
    let day = i8::try_from(day).ok()?;
    jiff::civil::Date::new(year as i16, month, day).ok()
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
        calendar_date(year, month, day).map(Date)
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
        i32::from(self.0.year())
    }

    /// The month, 1 to 12.
    pub fn month(&self) -> u32 {
        self.0.month() as u32
    }

    /// The day of the month.
    pub fn day(&self) -> u32 {
        self.0.day() as u32
    }

    /// The month as printed: `01`, `02`, then `3` … `12`.
    pub fn month_text(&self) -> String {
        if self.month() <= 2 {
            format!("{:02}", self.month())
        } else {
            self.month().to_string()
        }
    }

    /// The date line form: `ngày 05 tháng 02 năm 2021`.
    pub fn long(&self) -> String {
        format!(
            "ngày {:02} tháng {} năm {}",
            self.day(),
            self.month_text(),
            self.year()
        )
    }

    /// The in-sentence form: `06/02/2021`, `15/3/2021`.
    pub fn short(&self) -> String {
        format!("{:02}/{}/{}", self.day(), self.month_text(), self.year())
    }

    /// All in figures with zeros, as portals list dates: `06/02/2021`, `15/03/2021`.
    pub fn numeric(&self) -> String {
        format!("{:02}/{:02}/{}", self.day(), self.month(), self.year())
    }

    /// ISO 8601: `2021-02-06`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year(), self.month(), self.day())
    }

    /// The day of the week as printed in a sentence: `thứ Hai` … `thứ Bảy`,
    /// `Chủ nhật` (computed, never typed).
    pub fn weekday(&self) -> &'static str {
        WEEKDAYS[self.0.weekday().to_monday_zero_offset() as usize]
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(&self, later: Date) -> i64 {
        // Between years 1 and 9999 the difference always exists.
        self.0
            .until(later.0)
            .map_or(0, |span| i64::from(span.get_days()))
    }

    /// The day `days` after this one (before, when negative); none outside
    /// the years 1 to 9999.
    pub fn add_days(self, days: i64) -> Option<Date> {
        self.0
            .checked_add(jiff::Span::new().try_days(days).ok()?)
            .ok()
            .map(Date)
    }

    /// Today in Vietnam (UTC+7), from the system clock.
    pub fn today() -> Date {
        let vietnam = jiff::tz::TimeZone::fixed(jiff::tz::offset(7));
        Date(jiff::Timestamp::now().to_zoned_datetime(vietnam).date())
    }
}

/// Serialized as ISO 8601 text (`2021-01-25`), the form templates receive.
impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

/// Read back from ISO 8601 text (or the Vietnamese form).
impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Date::parse(&text).map_err(serde::de::Error::custom)
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
        assert_eq!(Date::new(2021, 3, 15).unwrap().numeric(), "15/03/2021");
        assert_eq!(
            Date::new(2019, 6, 29).unwrap().long(),
            "ngày 29 tháng 6 năm 2019"
        );
    }

    #[test]
    fn weekdays_and_day_counts() {
        // 25/01/2021 was a Monday; 2024 is a leap year, 1900 and 2100 are not.
        assert_eq!(Date::new(2021, 1, 25).unwrap().weekday(), "thứ Hai");
        assert_eq!(Date::new(2021, 1, 30).unwrap().weekday(), "thứ Bảy");
        assert_eq!(Date::new(2021, 1, 31).unwrap().weekday(), "Chủ nhật");
        assert_eq!(Date::new(2024, 2, 29).unwrap().weekday(), "thứ Năm");
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2100, 2, 29).is_none());
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(0, 1, 1).is_none());
        assert!(Date::new(10000, 1, 1).is_none());
        let a = Date::new(2021, 1, 25).unwrap();
        assert_eq!(a.days_until(Date::new(2021, 3, 1).unwrap()), 35);
        assert_eq!(a.days_until(Date::new(2020, 12, 31).unwrap()), -25);
        assert_eq!(a.days_until(a), 0);
        assert!(Date::today().year() >= 2024);
    }
}
