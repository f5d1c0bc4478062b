//! Breaking centred lines as a careful secretary would: the trích yếu, the
//! issuer's and parent's names, the signer's authority and position lines.
//!
//! A greedy break ("… Chủ tịch UBND tỉnh Trần Tiến / Dũng tại …") cuts a
//! name in two and leaves lines of uneven length. Here:
//!
//! 1. A line break typed in the text (a YAML `|` block) is kept: each typed
//!    line is broken on its own.
//! 2. The number of lines is the fewest that hold the text.
//! 3. Among the ways of breaking into that many lines, the chosen one has
//!    the most even line widths (it minimises the sum of the squared line
//!    widths, which for a fixed total is least when the lines are equal),
//!    plus a cost for each break:
//!    - never inside a protected name: the people (chair, signer,
//!      secretary) and the units (issuer, parent, the `departments`
//!      directory, every lead and with unit) the document names; matched
//!      word by word, ignoring case (the issuer's line is in capitals);
//!    - hardly ever inside a run of capitalised words (`Phạm Minh Chính`,
//!      `Lai Châu`): names the meeting file does not list;
//!    - a bonus for breaking before a phrase word (`tại`, `về`, `của`,
//!      `với`, `trong`, `đối với`, `và`, and `trên`, `thuộc`, `theo`,
//!      `cho`) or after a comma, where a reader pauses;
//!    - a small cost for breaking between the two syllables of a frequent
//!      word of administrative titles (`giao ban`, `trọng điểm`, `UBND
//!      tỉnh`: [`WORDS`]).
//!
//!    A name longer than the line is broken after all (the fewest breaks
//!    inside it), rather than overflowing the line.
//!
//! A dynamic programme over the break positions finds the cheapest
//! breaking exactly (a trích yếu has a few dozen words, so this is cheap).
//! No crate does this: `textwrap` has an optimal-fit mode, but neither
//! protected phrases nor preferred break words.

/// Words before which a break is preferred (a phrase starts there): the
/// prepositions and conjunctions that open the parts of a trích yếu.
pub const PHRASE_WORDS: [&str; 10] = [
    "tại", "về", "của", "với", "trong", "và", "trên", "thuộc", "theo", "cho",
];

/// Two-syllable words frequent in the titles of administrative documents:
/// a break between their syllables costs evenness (a line break inside a
/// word reads badly), so it is taken only when the other breaks are much
/// worse. Vietnamese writes a word's syllables apart, so without this a
/// break only knows spaces; the list is short on purpose, not a dictionary.
pub const WORDS: [&str; 56] = [
    "kết luận",
    "chủ tịch",
    "giám đốc",
    "thủ tướng",
    "bí thư",
    "thường trực",
    "ủy ban",
    "nhân dân",
    "hội đồng",
    "văn phòng",
    "chính phủ",
    "tỉnh ủy",
    "huyện ủy",
    "thường vụ",
    "cuộc họp",
    "phiên họp",
    "hội nghị",
    "làm việc",
    "giao ban",
    "trọng điểm",
    "tổng kết",
    "triển khai",
    "công tác",
    "kinh tế",
    "xã hội",
    "phát triển",
    "nông thôn",
    "nông nghiệp",
    "thường kỳ",
    "chuyên đề",
    "tình hình",
    "thực hiện",
    "nhiệm vụ",
    "dự án",
    "địa bàn",
    "đầu tư",
    "ngân sách",
    "bầu cử",
    "chuyển đổi",
    "giảm nghèo",
    "bền vững",
    "đất đai",
    "quản lý",
    "sự nghiệp",
    "công lập",
    "tổ chức",
    "sắp xếp",
    "kiểm tra",
    "ubnd tỉnh",
    "ubnd huyện",
    "hđnd tỉnh",
    "hđnd huyện",
    "văn hóa",
    "thể thao",
    "du lịch",
    "môi trường",
];

/// Cost of a break inside one of the [`WORDS`].
const IN_WORD: f64 = 0.08;

/// Two-word phrase starts before which a break is preferred.
pub const PHRASE_PAIRS: [(&str, &str); 1] = [("đối", "với")];

/// Cost of breaking inside a protected name (never, unless it cannot fit).
const IN_NAME: f64 = 1.0e6;
/// Cost of breaking inside a run of capitalised words.
const IN_CAPITALISED: f64 = 1.0e3;
/// Bonus for breaking before a phrase word, in units of (line width / width
/// available)²: what a secretary gives up in evenness to break there.
const PHRASE_BONUS: f64 = 0.06;

/// A word that starts with a capital and is not an abbreviation in capitals
/// (`Dũng`, `Lai`; not `UBND`, `HĐND`, `và`).
fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = chars.next() else {
        return false;
    };
    first.is_uppercase() && word.chars().any(char::is_lowercase)
}

fn folded(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// The cost of a break in each gap between words (`gaps[i]`: between word
/// `i` and word `i + 1`).
fn gap_costs(words: &[&str], protected: &[String]) -> Vec<f64> {
    let n = words.len();
    let mut cost = vec![0.0f64; n.saturating_sub(1)];
    let lower: Vec<String> = words.iter().map(|w| folded(w)).collect();
    // Runs of capitalised words: names the file does not list.
    for i in 0..cost.len() {
        if is_capitalised(words[i]) && is_capitalised(words[i + 1]) {
            cost[i] += IN_CAPITALISED;
        }
    }
    // Two-syllable words.
    for i in 0..cost.len() {
        let pair = format!("{} {}", lower[i], lower[i + 1]);
        if WORDS.contains(&pair.as_str()) {
            cost[i] += IN_WORD;
        }
    }
    // Protected names, wherever they stand; a unit's name also when the
    // text gives only its first three words or more (`Ủy ban nhân dân
    // tỉnh` for `Ủy ban nhân dân tỉnh Lai Châu`). The cost is added, so that
    // when the text is itself a name (the issuer's line) its breaks still
    // keep their order of preference.
    let mut in_name = vec![false; cost.len()];
    for name in protected {
        let parts: Vec<String> = name.split_whitespace().map(folded).collect();
        let shortest = parts.len().min(3);
        if shortest < 2 {
            continue;
        }
        for len in shortest..=parts.len().min(n) {
            let head = &parts[..len];
            for start in 0..=n - len {
                if lower[start..start + len] == *head {
                    in_name[start..start + len - 1].fill(true);
                }
            }
        }
    }
    for (c, protected) in cost.iter_mut().zip(in_name) {
        if protected {
            *c += IN_NAME;
        }
    }
    // Phrase words.
    for i in 0..cost.len() {
        let next = lower[i + 1].as_str();
        let pair = lower.get(i + 2).map(String::as_str);
        let phrase = PHRASE_WORDS.contains(&next)
            || PHRASE_PAIRS
                .iter()
                .any(|(a, b)| next == *a && pair == Some(*b));
        // After a comma, too, a phrase ends (`SỞ VĂN HÓA, / THỂ THAO …`).
        if phrase || words[i].ends_with([',', ';', ':']) {
            cost[i] -= PHRASE_BONUS;
        }
    }
    cost
}

/// Breaks one typed line into the fewest lines of at most `max_width`, as
/// even as the words and the break costs allow.
fn break_paragraph(
    text: &str,
    measure: &dyn Fn(&str) -> f32,
    max_width: f32,
    protected: &[String],
) -> Vec<String> {
    // A no-break space (U+00A0) joins what it stands between: the blank
    // of an unnumbered `số      /BC-UBND` stays on one line.
    let words: Vec<&str> = text.split_ascii_whitespace().collect();
    let n = words.len();
    if n == 0 {
        return Vec::new();
    }
    if n > MAX_BALANCED_WORDS {
        // Far longer than a heading: filled line by line (the balanced
        // breaking below takes time and memory growing with the square
        // of the words).
        return greedy(&words, measure, max_width);
    }
    let space = f64::from(measure(" "));
    let widths: Vec<f64> = words.iter().map(|w| f64::from(measure(w))).collect();
    let max = f64::from(max_width).max(1.0);
    let width = |a: usize, b: usize| -> f64 {
        widths[a..b].iter().sum::<f64>() + space * (b - a - 1) as f64
    };
    let gaps = gap_costs(&words, protected);
    // A line from word a to word b (exclusive): its squared share of the
    // width, or none when it overflows (a single word always fits: it
    // cannot be broken here).
    let line_cost = |a: usize, b: usize| -> Option<f64> {
        let w = width(a, b);
        (w <= max + 0.01 || b - a == 1).then(|| (w / max).powi(2))
    };
    // best[k][j]: cheapest breaking of words[..j] into k lines.
    let mut best: Vec<Vec<Option<(f64, usize)>>> = vec![vec![None; n + 1]; n + 1];
    best[0][0] = Some((0.0, 0));
    for k in 1..=n {
        for j in 1..=n {
            let mut found: Option<(f64, usize)> = None;
            // Only lines that fit can end at j (and one word alone): the
            // first word such a line can start at.
            let mut first = j - 1;
            while first > k - 1 && first > 0 && width(first - 1, j) <= max + 0.01 {
                first -= 1;
            }
            for i in first.max(k - 1)..j {
                let Some((before, _)) = best[k - 1][i] else {
                    continue;
                };
                let Some(line) = line_cost(i, j) else {
                    continue;
                };
                let gap = if i > 0 { gaps[i - 1] } else { 0.0 };
                let total = before + line + gap;
                if found.is_none_or(|(c, _)| total < c) {
                    found = Some((total, i));
                }
            }
            best[k][j] = found;
        }
    }
    // The fewest lines that hold the text without breaking a name; failing
    // that (a name longer than a line), the fewest that hold it at all.
    let whole = (1..=n).find(|&k| best[k][n].is_some_and(|(c, _)| c < IN_NAME / 2.0));
    let any = (1..=n).find(|&k| best[k][n].is_some());
    match whole.or(any) {
        Some(k) => unwind(&best, &words, k),
        None => vec![words.join(" ")],
    }
}

/// The most words broken into balanced lines; a longer text is filled.
const MAX_BALANCED_WORDS: usize = 400;

/// Words filled into lines one after another, each line as full as fits.
fn greedy(words: &[&str], measure: &dyn Fn(&str) -> f32, max_width: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for w in words {
        let candidate = if line.is_empty() {
            w.to_string()
        } else {
            format!("{line} {w}")
        };
        if !line.is_empty() && measure(&candidate) > max_width {
            lines.push(std::mem::replace(&mut line, w.to_string()));
        } else {
            line = candidate;
        }
    }
    lines.push(line);
    lines
}

fn unwind(best: &[Vec<Option<(f64, usize)>>], words: &[&str], lines: usize) -> Vec<String> {
    let mut out = Vec::with_capacity(lines);
    let mut j = words.len();
    for k in (1..=lines).rev() {
        let (_, i) = best[k][j].expect("a breaking exists");
        out.push(words[i..j].join(" "));
        j = i;
    }
    out.reverse();
    out
}

/// Breaks `text` into centred lines of at most `max_width` (as measured by
/// `measure`): typed line breaks kept, the fewest lines, as even as can be,
/// never inside a protected name, before a phrase word where that costs
/// little evenness (see the module's documentation).
pub fn centred_lines(
    text: &str,
    measure: &dyn Fn(&str) -> f32,
    max_width: f32,
    protected: &[String],
) -> Vec<String> {
    text.lines()
        .flat_map(|line| break_paragraph(line, measure, max_width, protected))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fixed-pitch measure: every character 1 wide.
    fn chars(s: &str) -> f32 {
        s.chars().count() as f32
    }

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_very_long_text_breaks_in_time_and_whole() {
        // 300 words (balanced) and 3,000 (filled): the fuzzer found a
        // text whose balanced breaking ran for minutes.
        for n in [300, 3_000] {
            let text: Vec<String> = (0..n).map(|i| format!("từ{}", i % 97)).collect();
            let text = text.join(" ");
            let started = std::time::Instant::now();
            let lines = centred_lines(&text, &chars, 60.0, &[]);
            assert!(
                started.elapsed().as_secs_f32() < 5.0,
                "{n}: {:?}",
                started.elapsed()
            );
            assert_eq!(lines.join(" "), text, "{n}: every word, in order");
            assert!(lines.iter().all(|l| chars(l) <= 60.0), "{n}: {lines:?}");
            // Full lines: no two consecutive lines would fit on one.
            assert!(lines
                .windows(2)
                .all(|w| chars(&format!("{} {}", w[0], w[1])) > 60.0));
        }
    }

    #[test]
    fn a_name_is_never_cut_and_lines_are_even() {
        let text = "Kết luận của Chủ tịch UBND tỉnh Trần Tiến Dũng tại phiên họp UBND tỉnh tháng 01 năm 2021";
        let lines = centred_lines(text, &chars, 60.0, &names(&["Trần Tiến Dũng"]));
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines
            .iter()
            .all(|l| !l.ends_with("Trần Tiến") && !l.starts_with("Dũng")));
        assert!(
            lines[1].starts_with("tại"),
            "a phrase word starts the line: {lines:?}"
        );
    }

    #[test]
    fn typed_breaks_are_kept() {
        let lines = centred_lines("Một dòng\nhai dòng", &chars, 100.0, &[]);
        assert_eq!(lines, ["Một dòng", "hai dòng"]);
    }

    #[test]
    fn a_name_longer_than_the_line_is_broken_after_all() {
        let lines = centred_lines(
            "Sở Nông nghiệp và Phát triển nông thôn",
            &chars,
            20.0,
            &names(&["Sở Nông nghiệp và Phát triển nông thôn"]),
        );
        assert!(lines.len() >= 2);
        assert_eq!(lines.join(" "), "Sở Nông nghiệp và Phát triển nông thôn");
    }

    #[test]
    fn capitals_are_matched_to_names_in_any_case() {
        let lines = centred_lines(
            "VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH LAI CHÂU",
            &chars,
            25.0,
            &names(&["Lai Châu"]),
        );
        assert!(lines.iter().any(|l| l.contains("LAI CHÂU")), "{lines:?}");
    }

    #[test]
    fn a_run_of_capitalised_words_the_file_does_not_list_is_kept_whole() {
        // `Phạm Minh Chính` is nobody the meeting file names: as a run of
        // capitalised words it still stays on one line where the same
        // number of lines allows it.
        // (Widths where evenness alone would cut the name, measured.)
        for (text, name, width) in [
            ("Kết luận của Thủ tướng Chính phủ Phạm Minh Chính tại buổi làm việc với tỉnh Lai Châu", "Phạm Minh Chính", 16.0),
            ("Kết luận của đồng chí Nguyễn Văn Thành tại cuộc họp giao ban Văn phòng tháng 6 năm 2021", "Nguyễn Văn Thành", 20.0),
            ("Kết luận của đồng chí Nguyễn Văn Thành tại cuộc họp giao ban Văn phòng tháng 6 năm 2021", "Nguyễn Văn Thành", 36.0),
        ] {
            let lines = centred_lines(text, &chars, width, &[]);
            assert!(lines.iter().any(|l| l.contains(name)), "{width}: {lines:?}");
        }
    }

    // Each rule of the breaking at a width where it decides (found by
    // breaking the same text with the rule taken out).

    #[test]
    fn a_two_syllable_word_is_not_split() {
        let text = "Kết luận tại cuộc họp giao ban công tác tuần 11 năm 2021 của Văn phòng";
        let lines = centred_lines(text, &chars, 17.0, &[]);
        assert!(
            lines.contains(&"cuộc họp giao ban".to_string()),
            "{lines:?}"
        );
    }

    #[test]
    fn a_protected_name_of_two_words_is_not_cut() {
        let lines = centred_lines(
            "Kết luận của Giám đốc Lò Hương tại cuộc họp thường kỳ",
            &chars,
            14.0,
            &names(&["Lò Hương"]),
        );
        assert_eq!(
            lines,
            [
                "Kết luận",
                "của Giám đốc",
                "Lò Hương",
                "tại cuộc họp",
                "thường kỳ"
            ]
        );
    }

    #[test]
    fn a_break_before_doi_voi_is_preferred() {
        let lines = centred_lines(
            "Kết luận đối với việc sắp xếp tổ chức bộ máy các đơn vị sự nghiệp",
            &chars,
            12.0,
            &[],
        );
        assert_eq!(lines[1], "đối với việc", "{lines:?}");
    }

    #[test]
    fn a_break_after_a_comma_is_preferred() {
        let lines = centred_lines(
            "Kết luận về công tác phòng, chống thiên tai năm 2021 trên địa bàn tỉnh",
            &chars,
            44.0,
            &[],
        );
        assert_eq!(lines[0], "Kết luận về công tác phòng,", "{lines:?}");
    }

    #[test]
    fn a_break_before_a_phrase_word_is_preferred() {
        let lines = centred_lines(
            "Kết luận của Giám đốc Lò Hương tại cuộc họp thường kỳ",
            &chars,
            24.0,
            &names(&["Lò Hương"]),
        );
        assert_eq!(
            lines,
            [
                "Kết luận của",
                "Giám đốc Lò Hương",
                "tại cuộc họp thường kỳ"
            ]
        );
    }

    #[test]
    fn only_doi_followed_by_voi_is_a_phrase_start() {
        // Not `hợp` because `với` follows it: the break goes before `với`.
        let lines = centred_lines(
            "Kết luận về việc phối hợp với các sở ngành trong công tác kiểm tra",
            &chars,
            28.0,
            &[],
        );
        assert_eq!(
            lines,
            [
                "Kết luận về việc phối hợp",
                "với các sở ngành",
                "trong công tác kiểm tra"
            ]
        );
    }

    #[test]
    fn a_line_as_wide_as_the_width_fits() {
        // 10 characters, spaces included, in 10.
        assert_eq!(
            centred_lines("Một hai ba", &chars, 10.0, &[]),
            ["Một hai ba"]
        );
        assert_eq!(centred_lines("Một hai ba", &chars, 9.0, &[]).len(), 2);
    }

    #[test]
    fn a_word_wider_than_the_line_takes_a_line_of_its_own() {
        // A web address in a trích yếu, wider than the line, in the middle
        // of the text: the words around it are still broken to the width.
        let lines = centred_lines(
            "trên cổng https://thongtin.example.gov.vn/thong-bao của tỉnh",
            &chars,
            12.0,
            &[],
        );
        assert_eq!(
            lines,
            [
                "trên cổng",
                "https://thongtin.example.gov.vn/thong-bao",
                "của tỉnh"
            ]
        );
    }
}
