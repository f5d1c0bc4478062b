//! The directory of units: the `departments` of ketluan.yaml and the
//! names offices write with commas or `và` inside, found by their keys
//! (accents, case, punctuation and the offices' abbreviations aside).

use std::collections::HashMap;

use crate::tracking::fold;

/// The abbreviations offices write inside unit names, folded, with what
/// they stand for.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("kh&dt", "ke hoach va dau tu"),
    ("khdt", "ke hoach va dau tu"),
    ("nn&ptnt", "nong nghiep va phat trien nong thon"),
    ("nnptnt", "nong nghiep va phat trien nong thon"),
    ("tt&tt", "thong tin va truyen thong"),
    ("tttt", "thong tin va truyen thong"),
    ("gd&dt", "giao duc va dao tao"),
    ("gddt", "giao duc va dao tao"),
    ("tn&mt", "tai nguyen va moi truong"),
    ("tnmt", "tai nguyen va moi truong"),
    ("ld-tb&xh", "lao dong thuong binh va xa hoi"),
    ("ldtb&xh", "lao dong thuong binh va xa hoi"),
    ("ld,tb&xh", "lao dong thuong binh va xa hoi"),
    ("ldtbxh", "lao dong thuong binh va xa hoi"),
    ("vh,tt&dl", "van hoa the thao va du lich"),
    ("vhtt&dl", "van hoa the thao va du lich"),
    ("vhttdl", "van hoa the thao va du lich"),
    ("kh&cn", "khoa hoc va cong nghe"),
    ("khcn", "khoa hoc va cong nghe"),
    ("gtvt", "giao thong van tai"),
    ("uy ban nhan dan", "ubnd"),
    ("hoi dong nhan dan", "hdnd"),
    ("uy ban mat tran to quoc", "ubmttq"),
    ("tp.", "thanh pho"),
    ("bch", "bo chi huy"),
    ("mttq", "mat tran to quoc"),
    ("ptnt", "phat trien nong thon"),
    ("tp", "thanh pho"),
];

/// Unit names with commas or `và` inside, that a list of units must not
/// be split at (besides the directory's).
const KNOWN_UNITS: &[&str] = &[
    "UBND các huyện, thành phố",
    "UBND các huyện, thị xã, thành phố",
    "UBND các quận, huyện",
    "Ủy ban nhân dân các quận, huyện",
    "Ủy ban nhân dân các huyện, thành phố",
    "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
    "UBND các tỉnh, thành phố trực thuộc trung ương",
    "các sở, ban, ngành tỉnh",
    "các sở, ban, ngành",
    "các sở, ngành",
    "các Bộ, ngành",
    "các bộ, ngành",
    "các Bộ, cơ quan ngang Bộ",
    "các cơ quan, đơn vị",
    "các cơ quan, đơn vị liên quan",
    "các sở, ngành, địa phương",
    "các cấp, các ngành",
    "Sở Lao động, Thương binh và Xã hội",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Bộ Lao động - Thương binh và Xã hội",
    "Bộ Văn hóa, Thể thao và Du lịch",
    "Sở Kế hoạch và Đầu tư",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Thông tin và Truyền thông",
    "Sở Giáo dục và Đào tạo",
    "Sở Tài nguyên và Môi trường",
    "Sở Khoa học và Công nghệ",
    "Sở Nông nghiệp và Môi trường",
    "Bộ Kế hoạch và Đầu tư",
    "Bộ Nông nghiệp và Phát triển nông thôn",
    "Bộ Thông tin và Truyền thông",
    "Bộ Giáo dục và Đào tạo",
    "Bộ Tài nguyên và Môi trường",
    "Bộ Khoa học và Công nghệ",
    "Bộ Nông nghiệp và Môi trường",
    "Ban Dân tộc và Tôn giáo",
    "Đài Phát thanh và Truyền hình tỉnh",
];

/// A directory of units: the `departments` of ketluan.yaml, code → name.
#[derive(Default)]
pub struct Directory {
    /// Key of a name (see [`key`]) → (code, full name).
    by_key: HashMap<String, (Option<String>, String)>,
    /// The most words a known name has.
    longest: usize,
    /// Code → full name.
    by_code: HashMap<String, String>,
    /// The first word of every name's key, as written and as joined
    /// (`uy` and `ubnd`): a text starting otherwise holds no known name.
    first_words: std::collections::HashSet<String>,
}

/// A unit name folded for matching: accents and case dropped,
/// abbreviations written out, `&` as `và`, punctuation as spaces.
pub fn key(name: &str) -> String {
    let words: Vec<String> = name.split_whitespace().map(word_key).collect();
    joined_key(&words)
}

/// One written word's part of a key (an abbreviation may give several
/// words; punctuation gives none).
fn word_key(word: &str) -> String {
    let folded = fold(word);
    let t = folded.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '.' | '(' | ')' | '"'));
    if let Some((_, long)) = ABBREVIATIONS.iter().find(|(short, _)| *short == t) {
        return long.to_string();
    }
    t.replace('&', " va ")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A key from its words' parts: the long forms of `UBND`, `HĐND` made short.
fn joined_key(words: &[String]) -> String {
    let k = format!(
        " {} ",
        words
            .iter()
            .filter(|w| !w.is_empty())
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ")
    );
    k.replace(" uy ban nhan dan ", " ubnd ")
        .replace(" hoi dong nhan dan ", " hdnd ")
        .replace(" uy ban mat tran to quoc ", " ubmttq ")
        .trim()
        .to_string()
}

impl Directory {
    /// The directory of `departments` (code, full name), with the known
    /// names of `KNOWN_UNITS` (no code).
    pub fn new(departments: &[(String, String)]) -> Directory {
        let mut d = Directory::default();
        for name in KNOWN_UNITS {
            d.insert(None, name);
        }
        for (code, name) in departments {
            d.insert(Some(code.clone()), name);
            d.by_code.insert(code.clone(), name.clone());
        }
        d
    }

    fn insert(&mut self, code: Option<String>, name: &str) {
        let k = key(name);
        if let Some(first) = k.split(' ').next() {
            self.first_words.insert(first.to_string());
        }
        if let Some(first) = name.split_whitespace().next().map(word_key) {
            if let Some(w) = first.split(' ').next() {
                self.first_words.insert(w.to_string());
            }
        }
        self.longest = self.longest.max(name.split_whitespace().count() + 2);
        self.by_key.insert(k, (code, name.to_string()));
    }

    /// The code and name a unit written `name` has in the directory.
    pub fn find(&self, name: &str) -> Option<(Option<&str>, &str)> {
        self.by_key
            .get(&key(name))
            .map(|(c, n)| (c.as_deref(), n.as_str()))
    }

    /// The full name of a unit written as a code, or as written.
    pub fn name_of<'u>(&'u self, unit: &'u str) -> &'u str {
        self.by_code.get(unit).map_or(unit, String::as_str)
    }

    /// The longest known unit at the start of `text`: its length in bytes.
    pub(super) fn known_prefix(&self, text: &str) -> Option<usize> {
        let first = text.split_whitespace().next().map(word_key)?;
        if !self
            .first_words
            .contains(first.split(' ').next().unwrap_or(""))
        {
            return None;
        }
        let ends = word_ends(text, self.longest);
        let mut start = 0;
        let words: Vec<String> = ends
            .iter()
            .map(|&end| {
                let w = word_key(&text[start..end]);
                start = end;
                w
            })
            .collect();
        (1..=ends.len())
            .rev()
            .find(|&k| self.by_key.contains_key(&joined_key(&words[..k])))
            .map(|k| ends[k - 1])
    }
}

/// The byte offsets where each word of `text` ends (trailing punctuation
/// such as `,` `:` `;` `.` left out).
fn word_ends(text: &str, most: usize) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut at = 0;
    for word in text.split_inclusive(char::is_whitespace) {
        let start = at;
        at += word.len();
        let trimmed = word
            .trim_end()
            .trim_end_matches([',', ':', ';', '.', '(', ')']);
        if trimmed.is_empty() {
            continue;
        }
        ends.push(start + trimmed.len());
        if ends.len() == most {
            break;
        }
    }
    ends
}
