//! Centred lines broken as a secretary would (`src/linebreak.rs`): the
//! trích yếu of the examples and of twelve real-looking notices (chairs
//! with three-word names, long unit names, Văn phòng and Sở issuers, a
//! typed line break) read from the DOCX: no name of a person or unit cut
//! between two lines, no last line under a third of the longest, typed
//! breaks kept; and with LibreOffice, the same lines in our PDF as in its
//! rendering of our DOCX.

mod common;

use std::path::Path;

use common::*;
use ketluan::fonts::{text_width, FontStyle};

/// One notice: issuer (name, parent, code), chair (name, title), signer
/// (authority, position, name), trích yếu, units named in its tasks.
struct Case {
    issuer: &'static str,
    parent: Option<&'static str>,
    code: &'static str,
    chair: (&'static str, &'static str),
    signer: (&'static str, &'static str, &'static str),
    summary: &'static str,
    units: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        issuer: "Ủy ban nhân dân tỉnh Lai Châu",
        parent: None,
        code: "UBND",
        chair: ("Phạm Minh Chính", "Ủy viên Bộ Chính trị, Thủ tướng Chính phủ"),
        signer: ("TL. CHỦ TỊCH", "Chánh Văn phòng", "Nguyễn Văn A"),
        summary: "Kết luận của Thủ tướng Chính phủ Phạm Minh Chính tại buổi làm việc với lãnh đạo chủ chốt tỉnh Lai Châu",
        units: &["Sở Kế hoạch và Đầu tư"],
    },
    Case {
        issuer: "Ủy ban nhân dân tỉnh Lai Châu",
        parent: None,
        code: "UBND",
        chair: ("Trần Tiến Dũng", "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh"),
        signer: ("TL. CHỦ TỊCH", "Chánh Văn phòng", "Nguyễn Văn A"),
        summary: "Kết luận của Chủ tịch UBND tỉnh Trần Tiến Dũng tại phiên họp Ủy ban nhân dân tỉnh thường kỳ tháng 5 năm 2021",
        units: &["Sở Tài chính"],
    },
    Case {
        issuer: "Sở Nông nghiệp và Phát triển nông thôn",
        parent: Some("UBND tỉnh Lai Châu"),
        code: "SNNPTNT",
        chair: ("Lê Văn Lương", "Giám đốc Sở"),
        signer: ("KT. GIÁM ĐỐC", "Phó Giám đốc", "Vàng A Sình"),
        summary: "Kết luận của Giám đốc Sở Nông nghiệp và Phát triển nông thôn tại cuộc họp về công tác phòng, chống thiên tai năm 2021",
        units: &["Chi cục Thủy lợi", "Chi cục Kiểm lâm"],
    },
    Case {
        issuer: "Ủy ban nhân dân tỉnh Lai Châu",
        parent: None,
        code: "UBND",
        chair: ("Hà Trọng Hải", "Phó Chủ tịch UBND tỉnh"),
        signer: ("TL. CHỦ TỊCH", "Chánh Văn phòng", "Nguyễn Văn A"),
        summary: "Kết luận của Phó Chủ tịch UBND tỉnh Hà Trọng Hải tại buổi kiểm tra tiến độ các dự án trọng điểm trên địa bàn huyện Tam Đường",
        units: &["UBND huyện Tam Đường", "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông"],
    },
    Case {
        issuer: "Văn phòng UBND tỉnh",
        parent: Some("UBND tỉnh Lai Châu"),
        code: "VP",
        chair: ("Nguyễn Văn Thành", "Chánh Văn phòng UBND tỉnh"),
        signer: ("KT. CHÁNH VĂN PHÒNG", "Phó Chánh Văn phòng", "Lò Thị Hương"),
        summary: "Kết luận của Chánh Văn phòng UBND tỉnh Nguyễn Văn Thành tại cuộc họp giao ban Văn phòng tháng 6 năm 2021",
        units: &["Phòng Tổng hợp", "Phòng Hành chính - Tổ chức"],
    },
    Case {
        issuer: "Sở Lao động, Thương binh và Xã hội",
        parent: Some("UBND tỉnh Lai Châu"),
        code: "SLĐTBXH",
        chair: ("Tẩn Văn Hậu", "Giám đốc Sở"),
        signer: ("KT. GIÁM ĐỐC", "Phó Giám đốc", "Đỗ Thị Lan"),
        summary: "Kết luận của Giám đốc Sở Lao động, Thương binh và Xã hội tại hội nghị triển khai công tác giảm nghèo bền vững năm 2022",
        units: &["Trung tâm Dịch vụ việc làm"],
    },
    Case {
        issuer: "Ủy ban nhân dân tỉnh Lai Châu",
        parent: None,
        code: "UBND",
        chair: ("Lê Văn Lương", "Chủ tịch UBND tỉnh"),
        signer: ("TL. CHỦ TỊCH", "Chánh Văn phòng", "Nguyễn Văn A"),
        summary: "Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với Sở Kế hoạch và Đầu tư về tình hình giải ngân vốn đầu tư công năm 2022",
        units: &["Sở Kế hoạch và Đầu tư", "Kho bạc Nhà nước tỉnh"],
    },
    Case {
        issuer: "Ủy ban nhân dân tỉnh Lai Châu",
        parent: None,
        code: "UBND",
        chair: ("Tống Thanh Hải", "Phó Chủ tịch Thường trực UBND tỉnh"),
        signer: ("TL. CHỦ TỊCH", "Chánh Văn phòng", "Nguyễn Văn A"),
        summary: "Kết luận của Phó Chủ tịch Thường trực UBND tỉnh Tống Thanh Hải đối với việc sắp xếp, tổ chức lại các đơn vị sự nghiệp công lập thuộc UBND tỉnh",
        units: &["Sở Nội vụ"],
    },
    Case {
        issuer: "Sở Tài nguyên và Môi trường",
        parent: Some("UBND tỉnh Lai Châu"),
        code: "STNMT",
        chair: ("Giàng A Tính", "Giám đốc Sở"),
        signer: ("KT. GIÁM ĐỐC", "Phó Giám đốc", "Lường Văn Khoa"),
        summary: "Kết luận của Giám đốc Sở Tài nguyên và Môi trường Giàng A Tính tại cuộc họp về công tác quản lý đất đai trên địa bàn tỉnh",
        units: &["Văn phòng Đăng ký đất đai"],
    },
    Case {
        issuer: "Ủy ban nhân dân tỉnh Lai Châu",
        parent: None,
        code: "UBND",
        chair: ("Trần Tiến Dũng", "Chủ tịch UBND tỉnh"),
        signer: ("TL. CHỦ TỊCH", "Chánh Văn phòng", "Nguyễn Văn A"),
        summary: "Kết luận của Chủ tịch UBND tỉnh\ntại phiên họp chuyên đề về chuyển đổi số",
        units: &["Sở Thông tin và Truyền thông"],
    },
    Case {
        issuer: "Ủy ban nhân dân tỉnh Lai Châu",
        parent: None,
        code: "UBND",
        chair: ("Giàng Páo Mỷ", "Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh"),
        signer: ("TL. CHỦ TỊCH", "Chánh Văn phòng", "Nguyễn Văn A"),
        summary: "Kết luận của Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Giàng Páo Mỷ tại buổi làm việc với Ban Thường vụ Huyện ủy Sìn Hồ",
        units: &["Huyện ủy Sìn Hồ", "UBND huyện Sìn Hồ"],
    },
    Case {
        issuer: "Sở Văn hóa, Thể thao và Du lịch",
        parent: Some("Ủy ban nhân dân tỉnh Lai Châu"),
        code: "SVHTTDL",
        chair: ("Nguyễn Thị Minh Nguyệt", "Giám đốc Sở"),
        signer: ("KT. GIÁM ĐỐC SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Phó Giám đốc", "Hoàng Văn Chiến"),
        summary: "Kết luận của Giám đốc Sở Nguyễn Thị Minh Nguyệt tại hội nghị tổng kết công tác văn hóa, thể thao và du lịch năm 2021",
        units: &["Bảo tàng tỉnh", "Thư viện tỉnh"],
    },
];

fn yaml_text(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn meeting_file(case: &Case) -> String {
    let summary = if case.summary.contains('\n') {
        let lines: String = case.summary.lines().map(|l| format!("    {l}\n")).collect();
        format!("|\n{lines}")
    } else {
        format!("{}\n", yaml_text(case.summary))
    };
    let parent = case
        .parent
        .map(|p| format!("  parent: {}\n", yaml_text(p)))
        .unwrap_or_default();
    let tasks: String = case
        .units
        .iter()
        .map(|u| format!("      - lead: {}\n        do: Thực hiện.\n", yaml_text(u)))
        .collect();
    format!(
        "issuer:\n{parent}  name: {}\n  code: {}\n  place: Lai Châu\nnotice:\n  number: 12\n  date: 2021-06-02\n  summary: {summary}meeting:\n  name: cuộc họp\n  date: 2021-06-01\n  chair:\n    name: {}\n    title: {}\nagenda:\n  - title: Về nội dung cuộc họp\n    tasks:\n{tasks}signer:\n  authority: [{}]\n  position: {}\n  name: {}\n",
        yaml_text(case.issuer),
        case.code,
        yaml_text(case.chair.0),
        yaml_text(case.chair.1),
        yaml_text(case.signer.0),
        yaml_text(case.signer.1),
        yaml_text(case.signer.2),
    )
}

/// The lines of the trích yếu, as the DOCX breaks it (explicit breaks).
fn summary_lines(docx: &Path, summary: &str) -> Vec<String> {
    let flat = summary.replace('\n', " ");
    docx_texts(docx)
        .into_iter()
        .find(|t| t.replace('\n', " ") == flat)
        .unwrap_or_else(|| panic!("the trích yếu {summary:?}"))
        .lines()
        .map(str::to_string)
        .collect()
}

/// Whether `name` is cut between two lines: it is in the text, but in no
/// single line.
fn cut(lines: &[String], name: &str) -> bool {
    let lower = |s: &str| s.to_lowercase();
    let whole = lower(&lines.join(" "));
    whole.contains(&lower(name)) && !lines.iter().any(|l| lower(l).contains(&lower(name)))
}

#[test]
fn no_name_is_cut_lines_are_even_and_typed_breaks_stay() {
    let dir = tempfile::tempdir().unwrap();
    for (i, case) in CASES.iter().enumerate() {
        let file = dir.path().join(format!("tb-{i:02}.yaml"));
        std::fs::write(&file, meeting_file(case)).unwrap();
        let (_d, docx) = render_docx(&file);
        let lines = summary_lines(&docx, case.summary);
        let mut names = vec![case.chair.0, case.issuer, case.signer.2];
        names.extend(case.units);
        for name in names {
            assert!(!cut(&lines, name), "case {i}: `{name}` cut in {lines:?}");
        }
        let widths: Vec<f32> = lines
            .iter()
            .map(|l| text_width(l, FontStyle::Bold, 14.0))
            .collect();
        let longest = widths.iter().copied().fold(0.0, f32::max);
        assert!(
            *widths.last().unwrap() >= longest / 3.0,
            "case {i}: last line under a third: {lines:?}"
        );
        if case.summary.contains('\n') {
            assert_eq!(lines, case.summary.lines().collect::<Vec<_>>(), "case {i}");
        }
    }
}

#[test]
fn the_examples_break_before_a_phrase_word() {
    for (meeting, expected) in [
        (
            EXAMPLE,
            [
                "Kết luận của Phó Chủ tịch Thường trực UBND tỉnh",
                "tại phiên họp UBND tỉnh tháng 01 năm 2021",
            ],
        ),
        (
            "meetings/van-phong/2021-03-15-hop-giao-ban-van-phong.yaml",
            [
                "Kết luận của Phó Chủ tịch UBND tỉnh Đặng Quang Minh",
                "tại cuộc họp giao ban công tác tuần 11 năm 2021",
            ],
        ),
    ] {
        let (_d, docx) = render_docx(&root().join(meeting));
        let summary = expected.join(" ");
        assert_eq!(summary_lines(&docx, &summary), expected);
    }
}

#[test]
fn libreoffice_shows_the_same_lines_as_our_pdf() {
    if !tool_available("soffice") || !tool_available("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut compared = 0;
    for (i, case) in CASES.iter().enumerate() {
        let file = dir.path().join(format!("tb-{i:02}.yaml"));
        std::fs::write(&file, meeting_file(case)).unwrap();
        let out = dir.path().join(format!("out-{i:02}"));
        render_into(&file, &out, &[]);
        let stem = format!("tb-{i:02}");
        compared += assert_same_lines_as_libreoffice(
            &format!("case {i}"),
            &out.join(format!("{stem}.pdf")),
            &out.join(format!("{stem}.docx")),
            Agreement::EXACT,
        );
    }
    println!("{compared} lines alike in {} notices", CASES.len());
}
