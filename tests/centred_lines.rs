//! Centred lines broken as a secretary would (`src/typeset/break_centred.rs`): the
//! trích yếu of the examples and of thirteen real-looking notices (chairs
//! with three-word names, long unit names, Văn phòng and Sở issuers, a
//! typed line break) and the signer's authority lines, read from the DOCX
//! and from the PDF: no name of a person or unit cut between two lines, no
//! last line under a third of the longest, typed breaks kept even where the
//! rules would break elsewhere; and with LibreOffice, the same lines in our
//! PDF as in its rendering of our DOCX.

mod common;

use std::path::Path;

use common::*;
use ketluan::typeset::measure::{text_width, FontStyle};

/// One notice: issuer (name, parent, code), chair (name, title), signer
/// (authority, position, name), trích yếu, units named in its tasks.
#[derive(Clone, Copy)]
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
    Case {
        issuer: "Ủy ban nhân dân tỉnh Lai Châu",
        parent: None,
        code: "UBND",
        chair: ("Lê Văn Lương", "Chủ tịch UBND tỉnh"),
        signer: ("TL. CHỦ TỊCH", "Chánh Văn phòng", "Nguyễn Văn A"),
        summary: "Kết luận của Chủ tịch UBND tỉnh tại phiên họp chuyên đề\nvề chuyển đổi số năm 2022",
        units: &["Sở Thông tin và Truyền thông"],
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

/// The lines of a centred paragraph of the DOCX whose text is `summary`
/// (the trích yếu, the authority lines), as it breaks them (explicit
/// breaks).
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

/// The lines of the trích yếu in our PDF: those under `THÔNG BÁO` on the
/// first page, as many as hold the text.
fn pdf_summary_lines(pdf: &Path, summary: &str) -> Vec<String> {
    let flat = summary.replace('\n', " ");
    let page = pdf_lines(pdf).into_iter().next().expect("a first page");
    let title = page
        .iter()
        .position(|l| l.text == "THÔNG BÁO")
        .expect("THÔNG BÁO on the first page");
    let mut lines: Vec<String> = Vec::new();
    for line in &page[title + 1..] {
        lines.push(line.text.clone());
        if lines.join(" ") == flat {
            return lines;
        }
    }
    panic!("the trích yếu {flat:?} under THÔNG BÁO in {page:#?}")
}

/// The lines of the signer's column in our PDF down to the position
/// (authority lines, then the position), as printed: the words right of
/// the left column of the signature table, from the `Nơi nhận:` line on.
fn pdf_signer_lines(pdf: &Path, position: &str) -> Vec<String> {
    let words = word_boxes(pdf);
    let last = words.iter().map(|w| w.page).max().unwrap();
    let words: Vec<&WordBox> = words.iter().filter(|w| w.page == last).collect();
    let heading = words
        .iter()
        .find(|w| w.text == "Nơi")
        .expect("Nơi nhận on the last page");
    // The left column is 6.5 cm wide; the signer's column starts after it.
    let column_x = heading.x_min + 65.0 * 72.0 / 25.4;
    let column: Vec<&WordBox> = words
        .iter()
        .copied()
        .filter(|w| w.x_min >= column_x && w.y_min >= heading.y_min - 1.0)
        .collect();
    let mut lines = Vec::new();
    for line in group_lines(column) {
        let done = line.text == position;
        lines.push(line.text);
        if done {
            return lines;
        }
    }
    panic!("the position {position:?} in the signer's column: {lines:#?}")
}

/// Upper case as the documents print titles (`Phó Giám đốc` → `PHÓ GIÁM ĐỐC`).
fn caps(s: &str) -> String {
    s.to_uppercase()
}

#[test]
fn no_name_is_cut_lines_are_even_and_typed_breaks_stay() {
    let dir = tempfile::tempdir().unwrap();
    for (i, case) in CASES.iter().enumerate() {
        let file = dir.path().join(format!("tb-{i:02}.yaml"));
        std::fs::write(&file, meeting_file(case)).unwrap();
        let out = dir.path().join(format!("out-{i:02}"));
        render_into(&file, &out, &[]);
        let stem = format!("tb-{i:02}");
        let docx_lines = summary_lines(&out.join(format!("{stem}.docx")), case.summary);
        let pdf = out.join(format!("{stem}.pdf"));
        let pdf_lines = pdf_summary_lines(&pdf, case.summary);
        // The PDF breaks the trích yếu where the DOCX does.
        assert_eq!(pdf_lines, docx_lines, "case {i}: PDF and DOCX");
        let lines = docx_lines;
        let mut names = vec![case.chair.0, case.issuer, case.signer.2];
        names.extend(case.units);
        for name in &names {
            assert!(!cut(&lines, name), "case {i}: `{name}` cut in {lines:?}");
        }
        // Nor in the signer's authority lines (`KT. GIÁM ĐỐC SỞ VĂN HÓA,
        // THỂ THAO VÀ DU LỊCH` names the issuer), in the PDF.
        let signer = pdf_signer_lines(&pdf, &caps(case.signer.1));
        let authority = &signer[..signer.len() - 1];
        assert_eq!(
            authority.join(" "),
            case.signer.0,
            "case {i}: the authority lines {signer:?}"
        );
        for name in &names {
            assert!(
                !cut(authority, name),
                "case {i}: `{name}` cut in {authority:?}"
            );
        }
        // The DOCX breaks them as the PDF does.
        let docx_authority = summary_lines(&out.join(format!("{stem}.docx")), case.signer.0);
        assert_eq!(
            docx_authority, authority,
            "case {i}: DOCX and PDF authority lines"
        );
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
fn a_typed_break_is_kept_where_the_rules_would_not_break() {
    // Typed after `chuyên đề`: left to itself the breaking would start the
    // second line with `tại` (a phrase word) and give other lines; the
    // typed break must win in the DOCX and the PDF alike.
    let typed = CASES
        .iter()
        .find(|c| c.summary.contains("chuyên đề\n"))
        .expect("a case with a break typed after `chuyên đề`");
    let flat = Case {
        summary: Box::leak(typed.summary.replace('\n', " ").into_boxed_str()),
        ..*typed
    };
    let dir = tempfile::tempdir().unwrap();
    let mut seen = Vec::new();
    for (name, case) in [("typed", typed), ("flat", &flat)] {
        let file = dir.path().join(format!("{name}.yaml"));
        std::fs::write(&file, meeting_file(case)).unwrap();
        let out = dir.path().join(name);
        render_into(&file, &out, &[]);
        let docx = summary_lines(&out.join(format!("{name}.docx")), case.summary);
        let pdf = pdf_summary_lines(&out.join(format!("{name}.pdf")), case.summary);
        assert_eq!(pdf, docx, "{name}: PDF and DOCX");
        seen.push(docx);
    }
    assert_eq!(seen[0], typed.summary.lines().collect::<Vec<_>>());
    assert_ne!(
        seen[1], seen[0],
        "without the typed break the rules break elsewhere (else this proves nothing)"
    );
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
