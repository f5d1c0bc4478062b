//! The phrases of an assignment: which units (matched against the
//! `departments` directory, accents, case and the offices' abbreviations
//! aside), who leads and who works with them, by when.

use std::collections::HashMap;

use crate::date::Date;
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

/// Words a unit's name starts with.
const UNIT_HEADS: &[&str] = &[
    "sở",
    "bộ",
    "ubnd",
    "ủy ban",
    "uỷ ban",
    "ban",
    "văn phòng",
    "công an",
    "thanh tra",
    "cục",
    "tổng cục",
    "kho bạc",
    "chi cục",
    "phòng",
    "trung tâm",
    "đài",
    "báo",
    "bảo hiểm",
    "ngân hàng",
    "hội",
    "liên đoàn",
    "tỉnh đoàn",
    "huyện đoàn",
    "bộ chỉ huy",
    "viện",
    "trường",
    "bệnh viện",
    "tòa án",
    "tập đoàn",
    "tổng công ty",
    "công ty",
    "hđnd",
    "hội đồng",
    "thường trực",
    "mặt trận",
    "các sở",
    "các bộ",
    "các đơn vị",
    "các cơ quan",
    "các ngành",
    "các địa phương",
    "các huyện",
    "các xã",
    "các phòng",
    "các thành viên",
    "các tổ chức",
    "các doanh nghiệp",
    "các cấp",
    "các hội",
    "chủ đầu tư",
    "đơn vị tư vấn",
    "lãnh đạo",
    "chủ tịch",
    "thủ trưởng",
    "bí thư",
    "đảng ủy",
    "huyện ủy",
    "tỉnh ủy",
    "thành ủy",
    "đồn biên phòng",
    "chi nhánh",
    "cảng vụ",
    "đoàn",
    "quỹ",
    "ủy ban nhân dân",
    "ubmttq",
    "trạm",
    "công chức",
    "trưởng",
    "ban quản lý",
    "hiệp hội",
];

/// Words that end a unit's name as [`VERBS`] do, but give no order: a
/// unit followed by them is a mention (`Sở Y tế đã báo cáo`), not an
/// assignment.
const NOT_ORDERS: &[&str] = &[
    "có",
    "đã",
    "đang",
    "sẽ",
    "được",
    "cần",
    "phải",
    "tiếp",
    "về",
    "để",
    "trong",
    "theo",
    "tại",
    "trên",
    "đối với",
    "với",
    "nhằm",
    "kể từ",
    "giao",
    "yêu cầu",
];

/// Words that start what is to be done: a unit's name ends before them.
const VERBS: &[&str] = &[
    "rà soát",
    "tham mưu",
    "chỉ đạo",
    "khẩn trương",
    "tổ chức",
    "xây dựng",
    "hướng dẫn",
    "kiểm tra",
    "tiếp tục",
    "triển khai",
    "báo cáo",
    "thực hiện",
    "phối hợp",
    "nghiên cứu",
    "đôn đốc",
    "hoàn thiện",
    "hoàn thành",
    "chuẩn bị",
    "tập trung",
    "chủ động",
    "đề xuất",
    "xem xét",
    "lập",
    "tăng cường",
    "đẩy nhanh",
    "đẩy mạnh",
    "làm việc",
    "làm",
    "giải quyết",
    "bố trí",
    "cung cấp",
    "theo dõi",
    "tiếp thu",
    "trình",
    "xử lý",
    "quản lý",
    "đảm bảo",
    "bảo đảm",
    "phân bổ",
    "giải ngân",
    "cập nhật",
    "kịp thời",
    "nghiêm túc",
    "sớm",
    "căn cứ",
    "thẩm định",
    "tuyên truyền",
    "thông tin",
    "ban hành",
    "sửa đổi",
    "hỗ trợ",
    "vận động",
    "điều chỉnh",
    "quyết liệt",
    "tích cực",
    "duy trì",
    "thường xuyên",
    "nắm",
    "nâng cao",
    "rút kinh nghiệm",
    "khắc phục",
    "chịu trách nhiệm",
    "tổng hợp",
    "dự thảo",
    "soạn thảo",
    "hoàn chỉnh",
    "đánh giá",
    "thống nhất",
    "làm rõ",
    "bổ sung",
    "giám sát",
    "thanh tra",
    "kiểm soát",
    "chủ trì",
    "tiếp nhận",
    "công bố",
    "thu hồi",
    "thành lập",
    "phê duyệt",
    "ưu tiên",
    "tạm dừng",
    "dừng",
    "yêu cầu",
    "giao",
    "gửi",
    "lựa chọn",
    "đầu tư",
    "vận hành",
    "cử",
    "tiến hành",
    "ứng dụng",
    "phát huy",
    "quan tâm",
    "lồng ghép",
    "huy động",
    "khảo sát",
    "xác định",
    "thúc đẩy",
    "nhanh chóng",
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
    /// names of [`KNOWN_UNITS`] (no code).
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
    fn known_prefix(&self, text: &str) -> Option<usize> {
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

/// One unit at the start of `text` (after spaces): a known name, or a
/// unit's head word and the words up to a verb, a punctuation mark or
/// `và` before another unit. Its length in bytes.
fn one_unit(text: &str, dir: &Directory) -> Option<usize> {
    if starts_with_any(text, &["báo cáo", "báo chí"]).is_some() {
        return None;
    }
    let n = match dir.known_prefix(text) {
        Some(n) => n,
        None => {
            starts_with_any(text, UNIT_HEADS)?;
            generic_unit(text)?
        }
    };
    Some(n + unit_tail(&text[n..]))
}

/// What offices add after a unit's name: where (`các huyện, thành phố`),
/// `có liên quan`, and a note in brackets (`(Văn phòng Điều phối …)`).
fn unit_tail(text: &str) -> usize {
    const TAILS: &[&str] = &[
        " các huyện, thị xã, thành phố",
        " các huyện, thành phố",
        " các quận, huyện",
        " các xã, thị trấn",
        " có liên quan",
        " liên quan",
        " tỉnh",
    ];
    let mut n = 0;
    loop {
        if let Some(k) = starts_with_word(&text[n..], TAILS) {
            n += k;
        } else if text[n..].starts_with(" (") {
            match text[n..].find(')') {
                Some(close) if close < 120 => n += close + 1,
                _ => return n,
            }
        } else {
            return n;
        }
    }
}

/// A unit not in the directory: its head word and the words up to a verb,
/// a punctuation mark or `và` before another unit. Its length in bytes.
fn generic_unit(text: &str) -> Option<usize> {
    let mut end = 0;
    let mut rest = text;
    let mut first = true;
    loop {
        let trimmed = rest.trim_start();
        let skipped = rest.len() - trimmed.len();
        if trimmed.is_empty() || trimmed.starts_with([',', ':', ';', '(', '.', '"', '“']) {
            break;
        }
        if !first
            && (starts_with_word(trimmed, VERBS).is_some()
                || starts_with_word(trimmed, NOT_ORDERS).is_some()
                || (starts_with_any(trimmed, &["và"]).is_some()
                    && starts_with_any(trimmed[3..].trim_start(), UNIT_HEADS).is_some()))
        {
            break;
        }
        first = false;
        let word = trimmed
            .find(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | ';' | '('))
            .unwrap_or(trimmed.len());
        let word_text = trimmed[..word].trim_end_matches('.');
        end += skipped + word_text.len();
        if word_text.len() < word {
            break;
        }
        rest = &trimmed[word..];
    }
    (end > 0).then_some(end)
}

/// A list of units at the start of `text`: units separated by `,`, `;`
/// or `và`. The units as written and the rest of the text.
pub fn units<'t>(text: &'t str, dir: &Directory) -> (Vec<String>, &'t str) {
    let mut found = Vec::new();
    let mut rest = text.trim_start();
    while let Some(n) = one_unit(rest, dir) {
        found.push(rest[..n].trim().to_string());
        let after = &rest[n..];
        let t = after.trim_start();
        let sep = if let Some(s) = t.strip_prefix(',').or_else(|| t.strip_prefix(';')) {
            let s = s.trim_start();
            let s = s.strip_prefix("và ").unwrap_or(s);
            Some(s)
        } else {
            t.strip_prefix("và ")
        };
        match sep {
            Some(s) if one_unit(s.trim_start(), dir).is_some() => rest = s.trim_start(),
            _ => {
                rest = after;
                break;
            }
        }
    }
    (found, rest)
}

/// A unit as the meeting file names it: its code when the directory has
/// one, else as written.
pub fn as_filed(unit: &str, dir: &Directory) -> String {
    match dir.find(unit) {
        Some((Some(code), _)) => code.to_string(),
        _ => unit.to_string(),
    }
}

/// What an assignment sentence gives: leads, partners, the rest of the
/// text, and whether the lead was inferred (from `Đề nghị`, `Yêu cầu`).
#[derive(Debug, Default, PartialEq)]
pub struct Assignment {
    /// Đơn vị chủ trì, as written.
    pub lead: Vec<String>,
    /// Đơn vị phối hợp, as written.
    pub with: Vec<String>,
    /// The text after the assignment clause.
    pub rest: String,
    /// Why the lead is to be checked, if it was inferred.
    pub inferred: Option<&'static str>,
    /// Whether it is written as ketluan's template writes a lead: `Giao X
    /// chủ trì…:` (`given`) or `X chủ trì…:`.
    pub template_form: Option<Given>,
}

/// How an assignment starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Given {
    /// `Giao X …` (a numbered task in the template).
    Giao,
    /// `X …` (a subtask in the template).
    Subject,
}

/// Reads an assignment at the start of a task's text: `Giao X chủ trì,
/// phối hợp với Y: …`, `X chủ trì, phối hợp Y …`, `Giao X: …`, `X: …`,
/// `Đề nghị X …`, `Yêu cầu X …`. `None` when the text assigns nobody at
/// its start (a unit mentioned further on is a mention, not a lead).
///
/// `strict`: the notice is in the default template's words (its opening
/// is the generated sentence), where a lead is only ever written `Giao X
/// chủ trì` or `X chủ trì`; a request (`Đề nghị X …`) then names no lead.
pub fn assignment(text: &str, dir: &Directory, strict: bool) -> Option<Assignment> {
    let (given, body) = if let Some(n) = starts_with_any(text, &["giao"]) {
        (Some("giao"), &text[n..])
    } else if let Some(n) = starts_with_any(text, &["đề nghị", "yêu cầu"]).filter(|_| !strict)
    {
        (Some("ask"), &text[n..])
    } else {
        (None, text)
    };
    let (lead, after) = units(body, dir);
    if lead.is_empty() {
        return None;
    }
    let mut a = Assignment {
        lead,
        ..Assignment::default()
    };
    let mut t = after.trim_start();
    // `X, Y theo chức năng, nhiệm vụ (được giao) <làm>`: the qualifier is
    // no part of the order.
    for q in [
        "theo chức năng, nhiệm vụ được giao",
        "theo chức năng, nhiệm vụ",
    ] {
        if let Some(n) = starts_with_word(t, &[q]) {
            t = t[n..].trim_start_matches(',').trim_start();
        }
    }
    let mut leads = false;
    if let Some(n) = starts_with_any(t, &["chủ trì"]) {
        leads = true;
        t = t[n..].trim_start();
        if let Some(s) = t.strip_prefix(',') {
            let s = s.trim_start();
            if let Some(n) = starts_with_any(s, &["phối hợp với", "phối hợp"]) {
                let (with, after) = units(&s[n..], dir);
                if !with.is_empty() {
                    a.with = with;
                    t = after.trim_start();
                }
            }
        }
    }
    if !strict && a.lead[0].starts_with(char::is_lowercase) {
        // `Giao các cơ quan chủ trì soạn thảo …`, `Đề nghị các đồng chí …`:
        // a description, not a unit to track.
        return None;
    }
    let colon = t.starts_with(':');
    let t = t.trim_start_matches([':', ',']).trim_start();
    if leads && colon {
        a.template_form = match given {
            Some("giao") => Some(Given::Giao),
            None => Some(Given::Subject),
            _ => None,
        };
    }
    if strict && !leads {
        return None;
    }
    match given {
        Some("giao") => {}
        Some(_) if leads || colon => {}
        Some(_) => {
            // `Đề nghị X làm …`: X is asked; the lead is read from a request.
            a.inferred = Some("lead_from_request");
        }
        None if leads || colon => {}
        None if !strict && starts_with_word(t, VERBS) > starts_with_word(t, NOT_ORDERS) => {
            // `Sở Y tế tăng cường …`: the unit is the subject of an order.
            a.inferred = Some("lead_from_subject");
        }
        None => return None,
    }
    a.rest = crate::text::upper_first(t);
    Some(a)
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn dir() -> Directory {
        Directory::new(&[
            ("SNV".into(), "Sở Nội vụ".into()),
            ("SKHDT".into(), "Sở Kế hoạch và Đầu tư".into()),
            ("SYT".into(), "Sở Y tế".into()),
        ])
    }

    #[test]
    fn abbreviations_match_the_directory() {
        let d = dir();
        // A unit the directory has is filed as its code; others as written.
        assert_eq!(as_filed("Sở KH&ĐT", &d), "SKHDT");
        assert_eq!(as_filed("Sở Tài chính", &d), "Sở Tài chính");
        assert_eq!(d.name_of("SNV"), "Sở Nội vụ");
        assert_eq!(d.find("Sở KH&ĐT").unwrap().0, Some("SKHDT"));
        assert_eq!(d.find("sở kế hoạch và đầu tư").unwrap().0, Some("SKHDT"));
        assert_eq!(
            key(d.find("UBND các huyện, thành phố").unwrap().1),
            key("Ủy ban nhân dân các huyện, thành phố")
        );
        assert!(d.find("Sở Tài chính").is_none());
    }

    #[test]
    fn assignments_in_the_offices_phrasings() {
        let d = dir();
        let a = assignment(
            "Giao Sở Nội vụ chủ trì, phối hợp với các đơn vị liên quan và UBND các huyện, thành phố: Tập trung triển khai.",
            &d,
            false,
        )
        .unwrap();
        assert_eq!(a.lead, ["Sở Nội vụ"]);
        assert_eq!(
            a.with,
            ["các đơn vị liên quan", "UBND các huyện, thành phố"]
        );
        assert_eq!(a.rest, "Tập trung triển khai.");
        let a = assignment(
            "Sở KH&ĐT chủ trì, phối hợp Sở Y tế rà soát hồ sơ.",
            &d,
            false,
        )
        .unwrap();
        assert_eq!(
            (a.lead, a.with),
            (vec!["Sở KH&ĐT".to_string()], vec!["Sở Y tế".to_string()])
        );
        assert_eq!(a.rest, "Rà soát hồ sơ.");
        let a = assignment("Đề nghị Sở Y tế khẩn trương báo cáo.", &d, false).unwrap();
        assert_eq!(a.inferred, Some("lead_from_request"));
        assert_eq!(a.rest, "Khẩn trương báo cáo.");
        assert!(assignment("Sở Kế hoạch và Đầu tư đã báo cáo kết quả.", &d, false).is_none());
        let a = assignment("Sở Y tế tăng cường kiểm tra.", &d, false).unwrap();
        assert_eq!(
            (a.lead, a.inferred),
            (vec!["Sở Y tế".to_string()], Some("lead_from_subject"))
        );
        assert!(assignment("Sở Y tế tăng cường kiểm tra.", &d, true).is_none());
        assert!(assignment("Đề nghị Sở Y tế khẩn trương báo cáo.", &d, true).is_none());
        assert!(assignment(
            "Thực hiện Quyết định, UBND tỉnh giao Sở Y tế chủ trì.",
            &d,
            false
        )
        .is_none());
    }

    #[test]
    fn deadlines_in_every_form() {
        let due = |t: &str| deadline(t, Some(2021)).map(|d| (d.due.iso(), d.inferred));
        assert_eq!(
            due("Rà soát. Thời hạn hoàn thành: trước ngày 06/02/2021."),
            Some(("2021-02-06".into(), None))
        );
        assert_eq!(
            due("báo cáo trước ngày 15/3/2021"),
            Some(("2021-03-15".into(), None))
        );
        assert_eq!(
            due("chậm nhất ngày 20/4/2021"),
            Some(("2021-04-20".into(), None))
        );
        assert_eq!(
            due("trong tháng 3/2021"),
            Some(("2021-03-31".into(), Some("period")))
        );
        assert_eq!(
            due("trong quý II năm 2021"),
            Some(("2021-06-30".into(), Some("period")))
        );
        assert_eq!(
            due("xong trước 30/6."),
            Some(("2021-06-30".into(), Some("year")))
        );
        assert_eq!(
            due("hoàn thành trong năm 2021."),
            Some(("2021-12-31".into(), Some("period")))
        );
        assert_eq!(due("theo Quyết định số 12/QĐ-UBND ngày 05/01/2021"), None);
        let d = deadline("Làm. Thời hạn hoàn thành: trước ngày 06/02/2021.", None).unwrap();
        assert_eq!(
            d.sentence,
            Some((
                "Làm. ".len(),
                "Làm. Thời hạn hoàn thành: trước ngày 06/02/2021.".len()
            ))
        );
    }
}
