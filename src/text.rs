//! Unicode text helpers shared by the stages.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// `s` with `&`, `<`, `>` and `"` escaped, for XML and HTML text and
/// attribute values (DOCX core properties, SVG charts, the preview banner).
pub fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `s` in NFC. Text that is already NFC (nearly all input) is only checked,
/// not rebuilt character by character.
pub fn nfc(s: &str) -> String {
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => s.to_string(),
        _ => s.nfc().collect(),
    }
}

/// Roman numerals for section numbers.
pub fn roman(mut n: u32) -> String {
    const TABLE: &[(u32, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for &(value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// Joins unit names: `A, B và C` (separators can be changed).
///
/// ```
/// let units = ["Sở Nội vụ".to_string(), "Sở Tài chính".into(), "UBND các huyện, thành phố".into()];
/// assert_eq!(
///     ketluan::text::join_units(&units, ", ", " và "),
///     "Sở Nội vụ, Sở Tài chính và UBND các huyện, thành phố"
/// );
/// ```
pub fn join_units(units: &[String], sep: &str, last: &str) -> String {
    match units {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., final_one] => format!("{}{last}{final_one}", init.join(sep)),
    }
}

/// Upper-cases the first letter.
pub fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn composes_only_when_needed() {
        assert_eq!(super::nfc("Nội vụ"), "Nội vụ");
        let nfd = "No\u{302}\u{323}i vu\u{323}";
        assert_eq!(super::nfc(nfd), "Nội vụ");
    }
}
