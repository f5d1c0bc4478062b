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

#[cfg(test)]
mod tests {
    #[test]
    fn composes_only_when_needed() {
        assert_eq!(super::nfc("Nội vụ"), "Nội vụ");
        let nfd = "No\u{302}\u{323}i vu\u{323}";
        assert_eq!(super::nfc(nfd), "Nội vụ");
    }
}
