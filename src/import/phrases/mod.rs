//! The phrases of an assignment: which units (matched against the
//! `departments` directory, accents, case and the offices' abbreviations
//! aside), who leads and who works with them, by when.
//!
//! `directory` holds the known units and the keys names are matched by,
//! `units` reads the units a text starts with, `assignment` who leads and
//! who works with them, `deadline` by when.

mod assignment;
mod deadline;
mod directory;
mod units;

#[cfg(test)]
mod tests;

pub use assignment::{assignment, Assignment, Given};
pub use deadline::{deadline, Deadline};
pub use directory::{key, Directory};
pub use units::{as_filed, units};

/// `text` in lower case letter by letter where that keeps each letter's
/// length in bytes (all of Vietnamese does), so that offsets found in it
/// hold in `text`.
pub fn lower(text: &str) -> String {
    text.chars()
        .map(|c| {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
                _ => c,
            }
        })
        .collect()
}

/// Whether `text` starts with one of `words` (case aside, whole words).
fn starts_with_any(text: &str, words: &[&str]) -> Option<usize> {
    // The longest word looked for is far shorter than 80 characters.
    let head: String = text.chars().take(80).collect();
    starts_with_word(&lower(&head), words)
}

/// Whether `text` starts with one of `words` as written (whole words):
/// a verb starts in lower case, `Giao` inside a name (`Sở Giao thông vận
/// tải`) is no verb.
fn starts_with_word(lower: &str, words: &[&str]) -> Option<usize> {
    words
        .iter()
        .filter(|w| {
            lower.starts_with(*w)
                && lower[w.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
        })
        .map(|w| w.len())
        .max()
}
