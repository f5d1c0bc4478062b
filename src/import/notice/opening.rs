//! The opening paragraph: the meeting it tells of, read field by field
//! from the generated sentence, else the chair, time, attendees, date and
//! name picked out of the paragraph kept whole.

use crate::date::Date;

use crate::import::blocks::Block;
use crate::import::phrases;

use super::{Meeting, Notice};

/// The meeting from the opening paragraph: the generated sentence read
/// field by field, else the paragraph kept whole (`opening`) and what it
/// says picked out to fill the required fields, each to be checked.
pub(super) fn opening_meeting(opening: &[&Block], n: &mut Notice) {
    let text = opening
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    if let Some(m) = generated_opening(&text) {
        n.meeting = m;
        return;
    }
    let marked = opening
        .iter()
        .map(|b| b.marked.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let m = &mut n.meeting;
    m.opening = Some(marked);
    m.date = first_date(&text);
    if m.date.is_none() {
        m.date = n.date;
        n.checks.push(("meeting.date".into(), "meeting_date"));
    }
    let (name, title) = chair(&text);
    m.chair_name = name.unwrap_or_default();
    m.chair_title = title.unwrap_or_default();
    n.checks.push(("meeting.chair.name".into(), "chair"));
    n.checks.push(("meeting.chair.title".into(), "chair"));
    m.time = time_of(&text);
    m.attendees = attendees_of(&text);
    // The meeting's name: what was held (`… tổ chức <tên>.`), else from
    // the summary (`… tại cuộc họp …`).
    let held = text.find(" tổ chức ").map(|i| {
        let rest = &text[i + " tổ chức ".len()..];
        rest[..rest.find(['.', ',', ';', ':']).unwrap_or(rest.len())]
            .trim()
            .to_string()
    });
    let summary = n.summary.clone();
    let lower_s = phrases::lower(&summary);
    let from_summary = ["tại ", "buổi ", "cuộc họp", "phiên họp", "hội nghị"]
        .iter()
        .filter_map(|w| lower_s.find(w).map(|i| (i, *w)))
        .min()
        .map(|(i, w)| {
            let s = if w == "tại " || w == "buổi " {
                &summary[i + w.len()..]
            } else {
                &summary[i..]
            };
            lower_first(s.trim())
        });
    m.name = held
        .filter(|h| !h.is_empty() && h.chars().count() < 200)
        .or(from_summary)
        .unwrap_or_else(|| lower_first(&summary));
    n.checks.push(("meeting.name".into(), "meeting_name"));
}

/// The chair's name and titles in an opening, in the order tried:
/// `… chủ trì của đồng chí X, <title>`; `đồng chí X, <title> chủ trì`;
/// `<title> <Name> (đã) chủ trì` (`Phó Thủ tướng Trần Đức Long đã chủ
/// trì`: the capitalised words before `chủ trì` are the name); the last
/// `đồng chí X - <title>` before `kết luận`.
fn chair(text: &str) -> (Option<String>, Option<String>) {
    let lower = phrases::lower(text);
    let marker = "đồng chí ";
    let presides = lower.find(" chủ trì");
    // `chủ trì của đồng chí X`, `Chủ trì cuộc họp: đồng chí X`.
    let after_presides = lower.find("chủ trì").and_then(|p| {
        let mut end = lower.len().min(p + 40);
        while !lower.is_char_boundary(end) {
            end -= 1;
        }
        let window = &lower[p..end];
        window.find(marker).map(|i| p + i)
    });
    let comrade = after_presides
        .or_else(|| presides.and_then(|p| lower[..p].rfind(marker)))
        .filter(|&at| {
            // Not `các đồng chí …` (attendees).
            !lower[..at].ends_with("các ")
        });
    if let Some(at) = comrade {
        return named(&text[at + marker.len()..]);
    }
    if let Some(p) = presides {
        let clause_start = text[..p].rfind([',', '.']).map_or(0, |i| i + 1);
        let clause = text[clause_start..p].trim();
        let clause = clause.strip_suffix(" đã").unwrap_or(clause);
        let words: Vec<&str> = clause.split_whitespace().collect();
        let capitalised = words
            .iter()
            .rev()
            .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count()
            .min(4);
        if (2..words.len()).contains(&capitalised) {
            let split = words.len() - capitalised;
            let short = |s: String| (s.chars().count() <= 160).then_some(s);
            return (
                short(words[split..].join(" ")),
                short(words[..split].join(" ")),
            );
        }
    }
    let until = lower.rfind("kết luận").unwrap_or(lower.len());
    match lower[..until].rfind(marker) {
        Some(at) => named(&text[at + marker.len()..]),
        None => (None, None),
    }
}

/// `X, <title> …` or `X - <title> …` after `đồng chí`: the name up to the
/// first comma or dash, the title up to `kết luận`, `chủ trì`, `;` or the
/// sentence's end.
pub(in crate::import) fn named(after: &str) -> (Option<String>, Option<String>) {
    let name_end = [", ", " - ", " – ", " ("]
        .iter()
        .filter_map(|w| after.find(w))
        .min()
        .unwrap_or(after.len());
    let name = after[..name_end].trim().to_string();
    let rest = after[name_end..].trim_start_matches([',', '-', '–', '(', ' ']);
    let title_end = [" kết luận", " chủ trì", ";", ". ", ")", " đã ", " cùng "]
        .iter()
        .filter_map(|w| rest.find(w))
        .min()
        .unwrap_or(rest.len());
    let title = rest[..title_end]
        .trim()
        .trim_end_matches([',', '.'])
        .to_string();
    let short = |s: String| (!s.is_empty() && s.chars().count() <= 160).then_some(s);
    (short(name), short(title))
}

/// The meeting's time as printed (`08 giờ 00`, `14 giờ`), if the opening
/// gives one.
pub(in crate::import) fn time_of(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().take(40).collect();
    let at = words.iter().position(|w| *w == "giờ")?;
    let hour = words.get(at.checked_sub(1)?)?;
    if !hour.chars().all(|c| c.is_ascii_digit()) || hour.len() > 2 {
        return None;
    }
    let minutes = words
        .get(at + 1)
        .map(|m| m.trim_end_matches([',', '.']))
        .filter(|m| m.len() == 2 && m.chars().all(|c| c.is_ascii_digit()));
    Some(match minutes {
        Some(m) => format!("{hour} giờ {m}"),
        None => format!("{hour} giờ"),
    })
}

/// Who attended, as the opening lists them (`Dự họp có a; b; c.`).
fn attendees_of(text: &str) -> Vec<String> {
    let lower = phrases::lower(text);
    let markers = [
        "dự họp có ",
        "dự phiên họp có ",
        "tham dự có ",
        "tham dự cuộc họp có ",
        "tham dự hội nghị có ",
        "cùng dự có ",
        "cùng dự họp có ",
    ];
    let Some((at, len)) = markers
        .iter()
        .filter_map(|m| lower.find(m).map(|i| (i, m.len())))
        .min()
    else {
        return Vec::new();
    };
    let rest = &text[at + len..];
    let end = rest.find(". ").unwrap_or(rest.len());
    rest[..end]
        .trim_end_matches('.')
        .split("; ")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// A text with its first letter lowered when the character after it is a
/// lower-case letter or there is none (`Phiên họp` → `phiên họp`; `UBND`
/// stays).
pub(super) fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f)
            if c.clone().next().is_some_and(char::is_lowercase) || c.clone().next().is_none() =>
        {
            f.to_lowercase().chain(c).collect()
        }
        Some(f) => std::iter::once(f).chain(c).collect(),
        None => String::new(),
    }
}

/// The first date of a text (`dd/mm/yyyy` or `ngày d tháng m năm y`).
pub(in crate::import) fn first_date(text: &str) -> Option<Date> {
    let lower = phrases::lower(text);
    for (i, _) in lower.match_indices("ngày ") {
        if let Some(d) = phrases::deadline(&format!("trước {}", &lower[i..]), None) {
            return Some(d.due);
        }
    }
    text.split(|c: char| c.is_whitespace() || c == ',')
        .find_map(|w| Date::parse(w.trim_end_matches(['.', ')'])).ok())
}

/// The opening sentence as `body.md` writes it: `[<time> ngày|Ngày]
/// <date>[, tại <location>], <host> tổ chức <name>.[ Dự họp có <a; b>.]
/// <briefing>, đồng chí <chair>, <title> kết luận như sau:`.
fn generated_opening(text: &str) -> Option<Meeting> {
    let mut m = Meeting::default();
    let (head, rest) = text.split_once(' ')?;
    let rest = if head == "Ngày" {
        rest
    } else {
        let (time, r) = text.split_once(" ngày ")?;
        m.time = Some(lower_first(time));
        r
    };
    let (date, rest) = rest.split_once(", ")?;
    m.date = Some(Date::parse(date).ok()?);
    let (before, rest) = rest.split_once(" tổ chức ")?;
    if let Some(loc) = before.strip_prefix("tại ") {
        let (location, host) = loc.rsplit_once(", ")?;
        m.location = Some(location.to_string());
        m.host = Some(host.to_string());
    } else {
        m.host = Some(before.to_string());
    }
    let (name, rest) = rest.split_once(". ")?;
    m.name = name.to_string();
    let rest = if let Some(r) = rest.strip_prefix("Dự họp có ") {
        let (att, r) = r.split_once(". ")?;
        m.attendees = att.split("; ").map(str::to_string).collect();
        r
    } else {
        rest
    };
    let (briefing, rest) = rest.split_once(", đồng chí ")?;
    m.briefing = Some(briefing.to_string());
    let rest = rest.strip_suffix(" kết luận như sau:")?;
    let (name, title) = rest.split_once(", ")?;
    m.chair_name = name.to_string();
    m.chair_title = title.to_string();
    Some(m)
}
