//! Deadlines in a task's text: a day (`trước ngày 15/3/2021`) or a
//! period's last day (`trong quý II năm 2021`), and the closing deadline
//! sentence to take out of the text.

use crate::date::Date;

use super::lower;

/// A deadline found in a task's text.
#[derive(Debug, PartialEq)]
pub struct Deadline {
    /// The day.
    pub due: Date,
    /// Why it is to be checked: a period's last day, a year supplied.
    pub inferred: Option<&'static str>,
    /// The byte range of a closing deadline sentence (`Thời hạn hoàn thành:
    /// …`) to take out of the task's text; `None` when the deadline is
    /// inside a sentence that stays.
    pub sentence: Option<(usize, usize)>,
}

/// The deadline a task's text gives, if any: `trước ngày 15/3/2021`,
/// `chậm nhất ngày …`, `trong tháng 3/2021`, `trong quý II năm 2021`,
/// `trước 30/6` (the notice's year), `hoàn thành trong năm 2021`, after
/// `Thời hạn (hoàn thành):` or inside a sentence. A period gives its last
/// day (docs/import.md).
pub fn deadline(text: &str, year: Option<i32>) -> Option<Deadline> {
    let lower = lower(text);
    // A closing sentence `Thời hạn …: …`.
    let sentence = ["thời hạn hoàn thành", "thời gian hoàn thành", "thời hạn"]
        .iter()
        .filter_map(|p| lower.rfind(p).map(|i| (i, p.len())))
        .max_by_key(|(i, _)| *i);
    if let Some((start, len)) = sentence {
        let after = &lower[start + len..];
        let open_paren = start > 0 && lower[..start].trim_end().ends_with('(');
        let end_rel = after.find(['.', ')']).map_or(after.len(), |e| {
            // A date's own dots (15.3.2021) are rare: the first `.` ends it.
            e + 1
        });
        let tail = after[..end_rel].trim_start_matches([':', ' ']);
        if let Some(mut d) = period_or_day(tail, year) {
            let begin = if open_paren {
                lower[..start].trim_end().len() - 1
            } else {
                start
            };
            let mut end = start + len + end_rel;
            if open_paren && !lower[..end].ends_with(')') {
                end = lower[end..].find(')').map_or(end, |e| end + e + 1);
            }
            if lower[end..].trim().trim_matches(['.', ')']).is_empty() {
                d.sentence = Some((begin, text.len()));
            }
            return Some(d);
        }
    }
    for marker in [
        "chậm nhất trước ngày",
        "chậm nhất ngày",
        "chậm nhất là ngày",
        "trước ngày",
        "xong trước",
        "trước",
        "trong tháng",
        "trong quý",
        "hoàn thành trong năm",
        "hoàn thành trong",
        "trong năm",
    ] {
        let mut from = 0;
        while let Some(i) = lower[from..].find(marker) {
            let at = from + i;
            from = at + marker.len();
            if marker == "trong năm" && !lower[..at].trim_end().ends_with("xong") {
                continue;
            }
            let tail = &lower[at..];
            if let Some(d) = period_or_day(tail, year) {
                return Some(d);
            }
        }
    }
    None
}

/// A day or a period at the start of `text` (after its marker words):
/// `ngày 15/3/2021`, `15/3/2021`, `30/6`, `ngày 15 tháng 3 năm 2021`,
/// `tháng 3/2021`, `tháng 3 năm 2021`, `quý ii năm 2021`, `năm 2021`.
fn period_or_day(text: &str, year: Option<i32>) -> Option<Deadline> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == ':')
        .filter(|w| !w.is_empty())
        .take(12)
        .collect();
    let mut i = 0;
    // Skip the marker words, and an hour before the day (`trước 16 giờ 00
    // ngày 05/9/2024`).
    loop {
        let skip = match words.get(i).copied() {
            Some(
                "chậm" | "nhất" | "là" | "trước" | "ngày" | "xong" | "trong" | "hoàn" | "thành",
            ) => 1,
            Some(h) if h.parse::<u32>().is_ok() && words.get(i + 1) == Some(&"giờ") => {
                if words.get(i + 2).is_some_and(|m| m.parse::<u32>().is_ok()) {
                    3
                } else {
                    2
                }
            }
            _ => break,
        };
        i += skip;
    }

    let w = |k: usize| words.get(k).copied().unwrap_or("");
    let num = |s: &str| s.trim_end_matches(['.', ')']).parse::<u32>().ok();
    let found = |due: Date, inferred| {
        Some(Deadline {
            due,
            inferred,
            sentence: None,
        })
    };
    if w(i) == "quý" {
        let q = roman_or_digit(w(i + 1))?;
        let y = if w(i + 2) == "năm" {
            num(w(i + 3))? as i32
        } else {
            year?
        };
        let month = q.checked_mul(3).filter(|m| (3..=12).contains(m))?;
        return found(last_day(y, month)?, Some("period"));
    }
    if w(i) == "tháng" {
        let (m, y) = if let Some((m, y)) = w(i + 1).split_once('/') {
            (num(m)?, num(y)? as i32)
        } else if w(i + 2) == "năm" {
            (num(w(i + 1))?, num(w(i + 3))? as i32)
        } else {
            (num(w(i + 1))?, year?)
        };
        return found(last_day(y, m)?, Some("period"));
    }
    if w(i) == "năm" {
        let y = num(w(i + 1))? as i32;
        if !(1990..=2100).contains(&y) {
            return None;
        }
        return found(Date::new(y, 12, 31)?, Some("period"));
    }
    let token = w(i).trim_end_matches(['.', ')']);
    let parts: Vec<&str> = token.split(['/', '-', '.']).collect();
    match parts.as_slice() {
        [d, m, y] => {
            let y: i32 = y.parse().ok()?;
            let day = Date::new(y, m.parse().ok()?, d.parse().ok()?)?;
            found(day, None)
        }
        [d, m] => {
            let day = Date::new(year?, m.parse().ok()?, d.parse().ok()?)?;
            found(day, Some("year"))
        }
        [d] if w(i + 1) == "tháng" && w(i + 3) == "năm" => {
            let day = Date::new(num(w(i + 4))? as i32, num(w(i + 2))?, d.parse().ok()?)?;
            found(day, None)
        }
        _ => None,
    }
}

fn roman_or_digit(s: &str) -> Option<u32> {
    match s.trim_end_matches(['.', ',']) {
        "i" | "1" => Some(1),
        "ii" | "2" => Some(2),
        "iii" | "3" => Some(3),
        "iv" | "4" => Some(4),
        _ => None,
    }
}

/// The last day of a month.
fn last_day(year: i32, month: u32) -> Option<Date> {
    (28..=31).rev().find_map(|d| Date::new(year, month, d))
}
