//! The header: the lines above the type line (the issuer and its parent,
//! the number and ký hiệu, the place and date), the type line itself, and
//! capitals written as a sentence writes them.

use crate::date::Date;
use crate::model::DocumentKind;

use crate::import::blocks::Block;
use crate::import::phrases;

use super::{folded, is_rule, pieces, Notice};

const NATIONAL: &[&str] = &[
    "cong hoa xa hoi chu nghia viet nam",
    "doc lap tu do hanh phuc",
];

/// The document kind a type line names.
pub(super) fn type_line(text: &str) -> Option<DocumentKind> {
    let f: String = folded(text).replace(' ', "");
    DocumentKind::ALL
        .into_iter()
        .find(|k| folded(k.doc_type()).replace(' ', "") == f)
}

/// Issuer, parent, number, place and date from the lines above the type line.
pub(super) fn header(blocks: &[Block], n: &mut Notice) {
    // The issuer's lines: the left column's, but the national title, the
    // number and the date line.
    let mut lines: Vec<(String, bool)> = Vec::new();
    for b in blocks {
        for (line, column) in pieces(b) {
            let f = folded(&line);
            if NATIONAL.iter().any(|x| f.starts_with(x)) || is_rule(&line) {
                continue;
            }
            if let Some(rest) = line.strip_prefix("Số") {
                number(rest, n);
            } else if let Some((place, date)) = date_line(&line) {
                n.place = place;
                n.date = date;
            } else if column == 0 {
                lines.push((line, b.bold));
            }
        }
    }
    let any_bold = lines.iter().any(|(_, b)| *b);
    let (parent, name): (Vec<_>, Vec<_>) = if any_bold {
        lines.iter().partition(|(_, b)| !*b)
    } else if lines.len() >= 2 && !continues_name(&lines[1].0) {
        let (p, rest) = lines.split_at(1);
        (p.iter().collect(), rest.iter().collect())
    } else {
        (Vec::new(), lines.iter().collect())
    };
    let join = |v: Vec<&(String, bool)>| {
        v.iter()
            .map(|(l, _)| l.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let name = join(name);
    let parent = join(parent);
    n.issuer = sentence_case(&name);
    if n.issuer != name {
        n.checks.push(("issuer.name".into(), "case"));
    }
    if n.place.is_empty() {
        // No date line (a biên bản): the place in the issuer's name.
        let lower = phrases::lower(&n.issuer);
        let at = [
            "thành phố ",
            "thị xã ",
            "thị trấn ",
            "tỉnh ",
            "huyện ",
            "quận ",
            "phường ",
            "xã ",
        ]
        .iter()
        .filter_map(|l| lower.rfind(l).map(|i| i + l.len()))
        .max();
        if let Some(at) = at {
            n.place = n.issuer[at..].trim().to_string();
            n.checks.push(("issuer.place".into(), "place_from_name"));
        }
    }
    if !parent.is_empty() {
        let p = sentence_case(&parent);
        if p != parent {
            n.checks.push(("issuer.parent".into(), "case"));
        }
        n.parent = Some(p);
    }
}

/// Whether a header line goes on with the issuer's name above it (`TỈNH
/// LAI CHÂU` under `ỦY BAN NHÂN DÂN`) rather than naming the issuer under
/// its parent.
fn continues_name(line: &str) -> bool {
    let f = folded(line);
    [
        "tinh ",
        "huyen ",
        "xa ",
        "thanh pho ",
        "quan ",
        "thi xa ",
        "phuong ",
        "thi tran ",
    ]
    .iter()
    .any(|p| f.starts_with(p))
}

/// `: 25/TB-UBND` → number 25, kind TB, code UBND.
fn number(rest: &str, n: &mut Notice) {
    let rest = rest.trim_start_matches([':', ' ']);
    let Some((num, sign)) = rest.split_once('/') else {
        return;
    };
    n.number = num.trim().parse().ok();
    let sign = sign.trim();
    if let Some((kind, code)) = sign.split_once('-') {
        n.code = code.trim().to_string();
        let k = DocumentKind::ALL
            .into_iter()
            .find(|k| k.code() == kind.trim());
        n.kind = n.kind.or(k);
    }
}

/// `Lai Châu, ngày 27 tháng 01 năm 2021` → place and date (no date when
/// its day is left blank).
fn date_line(line: &str) -> Option<(String, Option<Date>)> {
    let (place, rest) = line.split_once(", ngày")?;
    let words: Vec<&str> = rest.split_whitespace().collect();
    let num = |i: usize| words.get(i).and_then(|w| w.parse::<u32>().ok());
    let date = match words.as_slice() {
        [_, "tháng", _, "năm", _] => Date::new(num(4)? as i32, num(2)?, num(0)?),
        _ => None,
    };
    words
        .contains(&"năm")
        .then(|| (place.trim().to_string(), date))
}

/// Capitals as a sentence writes them: `ỦY BAN NHÂN DÂN TỈNH LAI CHÂU` →
/// `Ủy ban nhân dân tỉnh Lai Châu`: the first word, the words after an
/// administrative level (a place's name), and the known proper words
/// capitalised; abbreviations (UBND) kept.
pub fn sentence_case(text: &str) -> String {
    if text.chars().any(char::is_lowercase) {
        return text.to_string();
    }
    const LEVELS: &[&str] = &[
        "tỉnh",
        "huyện",
        "xã",
        "phường",
        "quận",
        "thị",
        "trấn",
        "phố",
        "thành",
    ];
    const PROPER: &[&str] = &["Chính", "Việt", "Nam", "Quốc", "Hội", "Đảng", "Nhà"];
    const ABBR: &[&str] = &["UBND", "HĐND", "VPCP", "TP", "MTTQ"];
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out: Vec<String> = Vec::new();
    let mut in_place = false;
    for (i, w) in words.iter().enumerate() {
        if ABBR.contains(w) {
            out.push(w.to_string());
            continue;
        }
        let lower = w.to_lowercase();
        let cap = crate::text::upper_first(&lower);
        let proper_pair = i > 0
            && matches!(
                (words[i - 1].to_lowercase().as_str(), lower.as_str()),
                ("chính", "phủ") | ("việt", "nam") | ("quốc", "hội")
            );
        if i == 0 || in_place || PROPER.contains(&cap.as_str()) && !LEVELS.contains(&lower.as_str())
        {
            out.push(if proper_pair { lower.clone() } else { cap });
        } else {
            out.push(lower.clone());
        }
        if LEVELS.contains(&lower.as_str()) && !matches!(lower.as_str(), "thành" | "thị") {
            in_place = true;
        }
    }
    out.join(" ")
}
