//! The meeting format, described once.
//!
//! Every block of a meeting file is a table of [`Field`]s: the field's name,
//! the [`Kind`] of its value, the documents that need it ([`Need`]), those
//! that print a blank without it (`recommended`), its default, and its
//! Vietnamese description. Everything else is derived from these tables:
//!
//! - the validator (`model::validate`) walks them: unknown fields (with the
//!   nearest name), missing fields (with the description and the documents
//!   that need them), every value read by its kind, defaults filled in;
//! - the typed [`super::Meeting`] is deserialized (serde) from what the
//!   walk produced, so adding a field is one entry here plus one field of
//!   the model struct;
//! - the JSON Schema for editors ([`crate::jsonschema`]);
//! - the field tables of `docs/meeting-format.md` ([`reference_tables`];
//!   a test keeps the page equal to them).
//!
//! The documents a meeting file can ask for ([`DocumentKind`], each with
//! its properties in one table: `documents`) are switched on by their
//! blocks (`notice`, `invitation`, `minutes`) written in the meeting file
//! itself; a field's [`Need`] then says whether it must be given.

mod documents;
mod reference;

pub use documents::{DocumentKind, KindInfo, Need};
pub use reference::{blocks, reference_tables};

/// The kind of a field's value.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// One line of text (line breaks folded; numbers and booleans keep
    /// their spelling).
    Text,
    /// A title (trích yếu): as [`Kind::Text`], but a line break typed in a
    /// `|` block is kept as a forced break of the centred lines.
    Title,
    /// Paragraphs in the Markdown subset.
    Markdown,
    /// A date: `2021-01-25` or `25/01/2021`.
    Date,
    /// A document's registry number, 1 to 999999.
    Number,
    /// A length in millimetres, greater than the first bound and at most
    /// the second.
    Millimetres(f64, f64),
    /// `true` / `false`.
    Bool,
    /// A task's tracking state: `open`, `done`, `cancelled`.
    Status,
    /// A list of one-line texts (a single text is a list of one).
    TextList,
    /// Units: a text split on `;`, or a list; codes of `departments` expanded.
    Units,
    /// A block of its own fields.
    Group(&'static [Field]),
    /// A block whose presence in the meeting file asks for a document.
    Document(DocumentKind, &'static [Field]),
    /// The sections (`agenda`): a list of blocks of these fields.
    Sections(&'static [Field]),
    /// Tasks: a list of [`TASK`] blocks, nesting up to [`MAX_TASK_DEPTH`].
    Tasks,
    /// The unit directory: code → full name.
    Departments,
    /// Page and type sizes (the keys of [`crate::layout::Layout`]).
    Layout,
    /// Numbering series: series key → the document types it numbers
    /// (their names in [`DOCUMENT_TYPES`]).
    Series,
}

impl Kind {
    /// The value's kind in words, for the reference tables.
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Title => "text (a line break typed in a `|` block is kept)",
            Kind::Markdown => "markdown",
            Kind::Date => "date",
            Kind::Number => "whole number, 1 to 999999",
            Kind::Millimetres(..) => "number of millimetres",
            Kind::Bool => "`true` / `false`",
            Kind::Status => "`open` / `done` / `cancelled`",
            Kind::TextList => "list of text",
            Kind::Units => "units",
            Kind::Group(_) | Kind::Document(..) => "group",
            Kind::Sections(_) => "list of sections",
            Kind::Tasks => "list of tasks",
            Kind::Departments => "map code → text",
            Kind::Layout => "group (see Layout)",
            Kind::Series => "map series → list of document types",
        }
    }
}

/// A field's value when the file does not give it.
#[derive(Clone, Copy, Debug)]
pub enum Default {
    /// None: absent stays absent.
    None,
    /// This truth value.
    Bool(bool),
    /// This text.
    Text(&'static str),
    /// The value of another field, by its path from the root (read before
    /// this one: the tables are walked in order).
    From(&'static str),
    /// Worked out when the document is composed; the words say how.
    Described(&'static str),
}

/// One field of a block.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    /// Its name in the file.
    pub name: &'static str,
    /// Its value's kind.
    pub kind: Kind,
    /// The documents that cannot be made without it.
    pub need: Need,
    /// The documents that print a blank to fill by hand without it (a
    /// warning when missing).
    pub recommended: Need,
    /// Its default.
    pub default: Default,
    /// What it is, in Vietnamese: shown in editors, in missing-field
    /// messages and in the reference.
    pub doc: &'static str,
}

impl Field {
    const fn new(name: &'static str, kind: Kind, doc: &'static str) -> Field {
        Field {
            name,
            kind,
            need: Need::NONE,
            recommended: Need::NONE,
            default: Default::None,
            doc,
        }
    }

    const fn need(mut self, need: Need) -> Field {
        self.need = need;
        self
    }

    const fn recommend(mut self, need: Need) -> Field {
        self.recommended = need;
        self
    }

    const fn default(mut self, default: Default) -> Field {
        self.default = default;
        self
    }

    /// Whether the model cannot hold its block without it (required by
    /// some document, with no other field to fall back on).
    pub fn completes_block(&self) -> bool {
        self.need != Need::NONE
    }
}

const fn f(name: &'static str, kind: Kind, doc: &'static str) -> Field {
    Field::new(name, kind, doc)
}

/// Deepest nesting of tasks: task → subtask → sub-subtask (what the template prints).
pub const MAX_TASK_DEPTH: usize = 3;

const GM_BB: Need = Need::INVITATION.or(Need::MINUTES);

/// `issuer`.
pub const ISSUER: &[Field] = &[
    f("parent", Kind::Text, "Cơ quan chủ quản (dòng trên tên cơ quan ban hành, in hoa, không đậm), nếu có. Ví dụ: UBND tỉnh Lai Châu"),
    f("name", Kind::Text, "tên cơ quan ban hành, in hoa, đậm, có đường kẻ dưới. Ví dụ: Ủy ban nhân dân tỉnh Lai Châu").need(Need::ALWAYS),
    f("code", Kind::Text, "chữ viết tắt trong số ký hiệu, ví dụ UBND → Số: 25/TB-UBND").need(Need::ALWAYS),
    f("place", Kind::Text, "địa danh ở dòng ngày tháng. Ví dụ: Lai Châu").need(Need::ALWAYS),
    f("letter_code", Kind::Text, "ký hiệu của công văn (công văn đôn đốc của `ketluan remind`): chữ viết tắt tên cơ quan - đơn vị soạn thảo, ví dụ VP-TH → Số: 12/VP-TH")
        .default(Default::Described("<code>-TH")),
];

/// `notice`.
pub const NOTICE: &[Field] = &[
    f("number", Kind::Number, "Số thông báo (số nguyên dương; dưới 10 in thêm số 0: 05). Bỏ trống khi là dự thảo: văn thư điền sau (Số:      /TB-UBND)"),
    f("date", Kind::Date, "Ngày ban hành: 2021-01-27 hoặc \"27/01/2021\". Bỏ trống khi là dự thảo (ngày    tháng    năm …); trước ngày họp thì cảnh báo"),
    f("summary", Kind::Title, "trích yếu in dưới chữ THÔNG BÁO, chia dòng cân đối, không ngắt giữa tên người, tên đơn vị; muốn tự ngắt dòng thì viết sau `|` mỗi dòng một dòng. Ví dụ: Kết luận của Chủ tịch UBND tỉnh tại phiên họp …").need(Need::NOTICE),
];

/// `invitation`.
pub const INVITATION: &[Field] = &[
    f("number", Kind::Number, "Số giấy mời (số nguyên dương). Bỏ trống khi chưa có số: Số:      /GM-UBND"),
    f("date", Kind::Date, "Ngày ký giấy mời: 2021-01-18 hoặc \"18/01/2021\". Bỏ trống: để trống ngày tháng như dự thảo; sau ngày họp thì cảnh báo"),
    f("summary", Kind::Title, "trích yếu in dưới chữ GIẤY MỜI: nội dung cuộc họp. Ví dụ: Họp Ủy ban nhân dân tỉnh thường kỳ tháng 01 năm 2021").need(Need::INVITATION),
    f("invitees", Kind::TextList, "thành phần được mời, mỗi dòng một người hoặc một đơn vị; một dòng thì in liền sau \"trân trọng kính mời:\"")
        .need(Need::INVITATION)
        .default(Default::From("meeting.attendees")),
    f("notes", Kind::Markdown, "Các vấn đề cần lưu ý: chương trình, tài liệu cần chuẩn bị, xác nhận tham dự, người liên hệ (Markdown, mỗi đoạn một ý)"),
    f("signer", Kind::Group(SIGNER), "người ký giấy mời: authority, position, name")
        .need(Need::INVITATION)
        .default(Default::From("signer")),
    f("recipients", Kind::TextList, "Nơi nhận của giấy mời, mỗi dòng một nơi; dòng cuối - Lưu: … lấy từ `archive`")
        .default(Default::From("invitation.invitees")),
];

/// `minutes`.
pub const MINUTES: &[Field] = &[
    f("number", Kind::Number, "Số biên bản (số nguyên dương). Bỏ trống khi chưa có số: Số:      /BB-UBND"),
    f("proceedings", Kind::Markdown, "nội dung theo diễn biến cuộc họp: ai báo cáo, ai phát biểu, ý kiến gì, theo thứ tự (Markdown)").need(Need::MINUTES),
    f("conclusions", Kind::Bool, "In kết luận của chủ trì (các mục của `agenda`, đánh số như trong thông báo) ở cuối nội dung biên bản")
        .default(Default::Bool(true)),
    f("recipients", Kind::TextList, "Nơi nhận của biên bản, mỗi dòng một nơi; dòng cuối luôn là - Lưu: VT, Hồ sơ."),
];

/// `meeting.chair`.
pub const CHAIR: &[Field] = &[
    f("name", Kind::Text, "họ tên người chủ trì, kết luận").need(Need::ALWAYS),
    f(
        "title",
        Kind::Text,
        "chức vụ người chủ trì, ví dụ Phó Chủ tịch UBND tỉnh",
    )
    .need(Need::ALWAYS),
];

/// `meeting.secretary`.
pub const SECRETARY: &[Field] = &[
    f("name", Kind::Text, "họ tên thư ký, người ghi biên bản").need(Need::ALWAYS),
    f(
        "title",
        Kind::Text,
        "chức vụ, đơn vị của thư ký, ví dụ Chuyên viên Văn phòng UBND tỉnh",
    )
    .need(Need::ALWAYS),
];

/// `meeting`.
pub const MEETING: &[Field] = &[
    f(
        "name",
        Kind::Text,
        "tên cuộc họp, viết thường. Ví dụ: phiên họp tháng 01 năm 2021",
    )
    .need(Need::ALWAYS),
    f(
        "date",
        Kind::Date,
        "ngày họp: 2021-01-25 hoặc \"25/01/2021\"; thứ trong tuần được tính từ ngày này",
    )
    .need(Need::ALWAYS),
    f(
        "time",
        Kind::Text,
        "giờ bắt đầu, như sẽ in. Ví dụ: 08 giờ 00; trong thông báo: buổi (sáng) trước ngày họp",
    )
    .recommend(GM_BB),
    f(
        "ends",
        Kind::Text,
        "giờ kết thúc, như sẽ in. Ví dụ: 11 giờ 30",
    )
    .recommend(Need::MINUTES),
    f(
        "location",
        Kind::Text,
        "địa điểm họp. Ví dụ: Phòng họp tầng 3, trụ sở UBND tỉnh",
    )
    .recommend(GM_BB),
    f(
        "host",
        Kind::Text,
        "Đơn vị tổ chức cuộc họp (trong câu mở đầu của thông báo)",
    )
    .default(Default::From("issuer.name")),
    f("chair", Kind::Group(CHAIR), "người chủ trì: name, title").need(Need::ALWAYS),
    f(
        "secretary",
        Kind::Group(SECRETARY),
        "thư ký, người ghi biên bản: name, title",
    )
    .need(Need::MINUTES),
    f(
        "attendees",
        Kind::TextList,
        "thành phần tham dự, mỗi dòng một người hoặc một nhóm",
    )
    .recommend(Need::MINUTES),
    f(
        "absent",
        Kind::TextList,
        "Vắng mặt (trong biên bản), mỗi dòng một người, kèm lý do",
    ),
    f(
        "briefing",
        Kind::Text,
        "Mệnh đề trước lời kết luận trong thông báo",
    )
    .default(Default::Text(super::DEFAULT_BRIEFING)),
    f(
        "opening",
        Kind::Markdown,
        "Thay cả đoạn mở đầu của thông báo bằng đoạn văn này (Markdown: **đậm**, *nghiêng*)",
    ),
];

/// An item of `agenda`.
pub const AGENDA_ITEM: &[Field] = &[
    f("title", Kind::Text, "tiêu đề mục, in sau số La Mã (I., II., …)").need(Need::ALWAYS),
    f("conclusion", Kind::Markdown, "Các đoạn kết luận trước các nhiệm vụ (Markdown: **đậm**, *nghiêng*, dòng trống giữa hai đoạn)"),
    f("tasks", Kind::Tasks, "Các nhiệm vụ, tự đánh số 1., 2., … trong từng mục"),
    f("after", Kind::Markdown, "Các đoạn in sau các nhiệm vụ của mục"),
];

/// A task (in `tasks` and `subtasks`).
pub const TASK: &[Field] = &[
    f("do", Kind::Markdown, "nội dung công việc, in sau dấu hai chấm (Markdown)").need(Need::ALWAYS),
    f("lead", Kind::Units, "Đơn vị chủ trì: tên, mã trong `departments`, hoặc danh sách; nhiều đơn vị cách nhau bằng dấu ;"),
    f("with", Kind::Units, "Đơn vị phối hợp: tên, mã trong `departments`, hoặc danh sách; nhiều đơn vị cách nhau bằng dấu ;"),
    f("due", Kind::Date, "Thời hạn hoàn thành: thêm câu \"Thời hạn hoàn thành: trước ngày …\"; trước ngày họp thì cảnh báo"),
    f("subtasks", Kind::Tasks, "Các ý con, in bắt đầu bằng \"- \" (lồng tối đa 3 cấp)"),
    f("status", Kind::Status, "Theo dõi (không in): open (đang làm), done (đã xong), cancelled (hủy)")
        .default(Default::Described("open")),
    f("done_on", Kind::Date, "Theo dõi (không in): ngày hoàn thành"),
    f("report", Kind::Text, "Theo dõi (không in): văn bản báo cáo kết quả, ví dụ số báo cáo"),
    f("extended_to", Kind::Date, "Theo dõi (không in): hạn mới được gia hạn; `due` giữ hạn ban đầu"),
    f("extension_note", Kind::Text, "Theo dõi (không in): ai gia hạn, bằng văn bản nào"),
    f("extension_requested", Kind::Date, "Theo dõi (không in): hạn đơn vị chủ trì đề nghị gia hạn đến, chờ chấp thuận (chấp thuận: ghi `extended_to`)"),
    f("cancel_requested", Kind::Bool, "Theo dõi (không in): đơn vị chủ trì đề nghị hủy nhiệm vụ, chờ chấp thuận (chấp thuận: `status: cancelled`)"),
];

/// `signer` and `invitation.signer`.
pub const SIGNER: &[Field] = &[
    f("authority", Kind::TextList, "Các dòng thẩm quyền ký trên chức vụ, in hoa, đậm. Ví dụ: [TL. CHỦ TỊCH] hoặc [TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH]"),
    f("position", Kind::Text, "chức vụ người ký, in hoa, đậm. Ví dụ: Chánh Văn phòng").need(Need::ALWAYS),
    f("name", Kind::Text, "họ tên người ký, in đậm dưới khoảng trống ký và đóng dấu").need(Need::ALWAYS),
];

/// `seal`.
pub const SEAL: &[Field] = &[
    f("diameter_mm", Kind::Millimetres(10.0, 100.0), "Đường kính con dấu của cơ quan (mm, lớn hơn 10, không quá 100), đo trên dấu thật; có thì tệp .sign.json (render --for-signing, issue) ghi chỗ đóng dấu: hình vuông cạnh bằng đường kính, trùm 1/3 chữ ký về bên trái"),
];

/// The types of văn bản hành chính (Decree 30/2020/NĐ-CP, Điều 7), as
/// `numbering.series` names them: the tên loại without diacritics, in
/// lower case, words joined by `-` (`Thông báo` → `thong-bao`).
pub const DOCUMENT_TYPES: &[&str] = &[
    "nghi-quyet",
    "quyet-dinh",
    "chi-thi",
    "quy-che",
    "quy-dinh",
    "thong-cao",
    "thong-bao",
    "huong-dan",
    "chuong-trinh",
    "ke-hoach",
    "phuong-an",
    "de-an",
    "du-an",
    "bao-cao",
    "bien-ban",
    "to-trinh",
    "hop-dong",
    "cong-van",
    "cong-dien",
    "ban-ghi-nho",
    "ban-thoa-thuan",
    "giay-uy-quyen",
    "giay-moi",
    "giay-gioi-thieu",
    "giay-nghi-phep",
    "phieu-gui",
    "phieu-chuyen",
    "phieu-bao",
    "thu-cong",
];

/// `numbering`.
pub const NUMBERING: &[Field] = &[
    f("series", Kind::Series, "Chia số văn bản thành nhiều chuỗi số (mặc định: một chuỗi cho mọi loại văn bản, khóa là issuer.code): tên chuỗi → các loại văn bản của chuỗi, ví dụ {TB: [thong-bao], GM: [giay-moi, bien-ban]}; loại không nêu dùng chuỗi chung"),
];

/// The top level of a meeting file (and of `ketluan.yaml`). The order is
/// the order of the walk: a field named by a [`Default::From`] comes first.
pub const ROOT: &[Field] = &[
    f("issuer", Kind::Group(ISSUER), "cơ quan ban hành: name, code, place (thường đặt trong ketluan.yaml)").need(Need::ALWAYS),
    f("meeting", Kind::Group(MEETING), "cuộc họp: name, date, chair; giờ, địa điểm, thành phần").need(Need::ALWAYS),
    f("signer", Kind::Group(SIGNER), "người ký thông báo: authority, position, name").need(Need::NOTICE),
    f("invitation", Kind::Document(DocumentKind::Invitation, INVITATION), "Giấy mời (Mẫu 1.7), viết trước cuộc họp: có khối này thì xuất <tên tệp>.giay-moi.docx/.pdf"),
    f("minutes", Kind::Document(DocumentKind::Minutes, MINUTES), "Biên bản (Mẫu 1.9), ghi trong cuộc họp: có khối này thì xuất <tên tệp>.bien-ban.docx/.pdf"),
    f("notice", Kind::Document(DocumentKind::Notice, NOTICE), "Thông báo kết luận (Mẫu 1.4), sau cuộc họp: có khối này thì xuất <tên tệp>.docx/.pdf"),
    f("agenda", Kind::Sections(AGENDA_ITEM), "ít nhất một mục kết luận (I., II., …) với các nhiệm vụ").need(Need::NOTICE),
    f("closing", Kind::Text, "Câu kết thúc của thông báo; ./. được thêm vào")
        .default(Default::Described("<issuer.name> thông báo để các cơ quan, đơn vị biết, thực hiện./.")),
    f("recipients", Kind::TextList, "Nơi nhận của thông báo, theo thứ tự; các đơn vị trong nhiệm vụ được thêm sau"),
    f("recipients_from_tasks", Kind::Bool, "Thêm các đơn vị có tên riêng trong lead, with của nhiệm vụ vào Nơi nhận của thông báo")
        .default(Default::Bool(true)),
    f("archive", Kind::TextList, "Dòng Lưu của thông báo và giấy mời: [VT, TH] → - Lưu: VT, TH.")
        .default(Default::Described("VT")),
    f("departments", Kind::Departments, "Danh mục đơn vị: mã → tên đầy đủ, dùng trong lead và with"),
    f("seal", Kind::Group(SEAL), "Con dấu của cơ quan ban hành: diameter_mm (thường đặt trong ketluan.yaml)"),
    f("numbering", Kind::Group(NUMBERING), "Cấp số văn bản (thường đặt trong ketluan.yaml): series"),
    f("layout", Kind::Layout, "Trang và chữ: lề, cỡ chữ, khoảng cách (mọi khóa đều không bắt buộc)"),
];
