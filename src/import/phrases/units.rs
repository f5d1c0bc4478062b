//! Units at the start of a text: a name the directory knows, or a unit's
//! head word and the words up to a verb; lists of them joined by `,`, `;`
//! or `và`.

use super::{starts_with_any, starts_with_word, Directory};

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
pub(super) const NOT_ORDERS: &[&str] = &[
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
pub(super) const VERBS: &[&str] = &[
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
