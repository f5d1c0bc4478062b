//! The defaults file `ketluan.yaml`, as docs/meeting-format.md ("The
//! defaults file") describes it: the nearest one only; mappings merge key by
//! key, the meeting file winning; lists replace whole; a field left empty in
//! the meeting keeps the default; `departments` serve the meeting and the
//! meeting's own add to or override them; a problem in a value from
//! `ketluan.yaml` is reported at its place in `ketluan.yaml`, once per run;
//! a YAML syntax error in it stops the meetings that use it. And, from
//! "Documents a file asks for": a block only in `ketluan.yaml` asks for no
//! document. Every merge is checked in the rendered DOCX (the header, the
//! signer, Nơi nhận), where each way of getting it wrong shows.

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// The Văn phòng's defaults: a parent agency, a signer with two authority
/// lines, three recipients, three archive parts, two department codes.
const DEFAULTS: &str = "\
issuer:
  parent: UBND tỉnh Lai Châu
  name: Văn phòng UBND tỉnh
  code: VP
  place: Lai Châu
signer:
  authority: [TL. CHỦ TỊCH, KT. CHÁNH VĂN PHÒNG]
  position: Phó Chánh Văn phòng
  name: Lò Thị Hương
recipients:
  - Chủ tịch, các PCT UBND tỉnh (b/c)
  - Lãnh đạo Văn phòng UBND tỉnh
  - Các phòng, đơn vị thuộc Văn phòng
archive: [VT, TH, HCTC]
departments:
  SNV: Sở Nội vụ
  STC: Sở Tài chính
";

/// The parts of a meeting file every test needs, without issuer, signer,
/// recipients or archive (those come from the defaults); tasks name units
/// by their codes.
const MEETING: &str = "\
notice:
  number: 5
  date: 2021-01-27
  summary: Kết luận của Chánh Văn phòng tại cuộc họp giao ban tháng 01 năm 2021
meeting:
  name: cuộc họp giao ban tháng 01 năm 2021
  date: 2021-01-25
  chair: {name: Lê Văn C, title: Chánh Văn phòng UBND tỉnh}
agenda:
  - title: Về cải cách hành chính
    tasks:
      - lead: SNV
        with: STC
        do: Rà soát thủ tục.
";

/// Writes `files` (relative path → text) under a fresh folder.
fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (rel, text) in files {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// The paragraphs of the notice rendered from `meeting`, as text.
fn notice_texts(meeting: &Path) -> Vec<String> {
    let (_out, docx) = render_docx(meeting);
    docx_texts(&docx)
}

/// The signer block: the non-empty paragraphs after the `- Lưu:` line.
fn signer_lines(texts: &[String]) -> Vec<String> {
    let lưu = texts.iter().position(|t| t.starts_with("- Lưu:")).unwrap();
    texts[lưu + 1..]
        .iter()
        .filter(|t| !t.is_empty())
        .cloned()
        .collect()
}

/// The header's lines: the paragraphs before `THÔNG BÁO`, line breaks as spaces.
fn header_lines(texts: &[String]) -> Vec<String> {
    let title = texts.iter().position(|t| t == "THÔNG BÁO").unwrap();
    texts[..title]
        .iter()
        .filter(|t| !t.is_empty())
        .map(|t| t.replace('\n', " "))
        .collect()
}

fn has(texts: &[String], line: &str) -> bool {
    texts.iter().any(|t| t == line)
}

#[test]
fn a_list_in_the_meeting_replaces_the_defaults_list_whole() {
    let dir = tree(&[
        ("ketluan.yaml", DEFAULTS),
        (
            "hop.yaml",
            &format!(
                "{MEETING}recipients:\n  - Thường trực Tỉnh ủy (b/c)\narchive: [QLDA]\n\
                 signer:\n  authority: [KT. TRƯỞNG BAN]\n"
            ),
        ),
    ]);
    let texts = notice_texts(&dir.path().join("hop.yaml"));
    // recipients: the meeting's one line, none of the defaults' three (not
    // appended to them, not laid over their first item); then the units of
    // the tasks, then the Lưu line from the meeting's archive alone.
    assert_eq!(
        recipient_lines(&texts),
        [
            "- Thường trực Tỉnh ủy (b/c);",
            "- Sở Nội vụ;",
            "- Sở Tài chính;",
            "- Lưu: QLDA.",
        ]
    );
    // signer.authority: a list inside a mapping is replaced whole too (the
    // defaults' two lines are gone), while the mapping's other keys stay.
    assert_eq!(
        signer_lines(&texts),
        ["KT. TRƯỞNG BAN", "PHÓ CHÁNH VĂN PHÒNG", "Lò Thị Hương"]
    );
}

#[test]
fn a_mapping_merges_key_by_key_the_meeting_winning() {
    let dir = tree(&[
        ("ketluan.yaml", DEFAULTS),
        (
            "hop.yaml",
            &format!(
                "{MEETING}issuer:\n  name: Ban Quản lý dự án tỉnh\nsigner:\n  name: Trần Văn C\n"
            ),
        ),
    ]);
    let texts = notice_texts(&dir.path().join("hop.yaml"));
    // issuer: the meeting's name; the defaults' parent, code and place.
    assert_eq!(
        header_lines(&texts),
        [
            "UBND TỈNH LAI CHÂU",
            "BAN QUẢN LÝ DỰ ÁN TỈNH",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Số: 05/TB-VP",
            "Lai Châu, ngày 27 tháng 01 năm 2021",
        ]
    );
    // The closing names the merged issuer.
    assert!(
        has(
            &texts,
            "Ban Quản lý dự án tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./."
        ),
        "{texts:#?}"
    );
    // signer: the meeting's name keeps the defaults' authority and position
    // (the documented example: `signer: {name: Trần Văn C}`).
    assert_eq!(
        signer_lines(&texts),
        [
            "TL. CHỦ TỊCH",
            "KT. CHÁNH VĂN PHÒNG",
            "PHÓ CHÁNH VĂN PHÒNG",
            "Trần Văn C"
        ]
    );
    // Lists not written in the meeting come whole from the defaults.
    assert_eq!(
        recipient_lines(&texts),
        [
            "- Chủ tịch, các PCT UBND tỉnh (b/c);",
            "- Lãnh đạo Văn phòng UBND tỉnh;",
            "- Các phòng, đơn vị thuộc Văn phòng;",
            "- Sở Nội vụ;",
            "- Sở Tài chính;",
            "- Lưu: VT, TH, HCTC.",
        ]
    );
}

#[test]
fn the_defaults_departments_serve_the_meeting() {
    let dir = tree(&[("ketluan.yaml", DEFAULTS), ("hop.yaml", MEETING)]);
    let texts = notice_texts(&dir.path().join("hop.yaml"));
    assert!(
        has(
            &texts,
            "1. Giao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính: Rà soát thủ tục."
        ),
        "the codes SNV and STC of ketluan.yaml are expanded: {texts:#?}"
    );
    assert!(has(&texts, "- Sở Nội vụ;") && has(&texts, "- Sở Tài chính;"));
}

#[test]
fn the_meetings_departments_add_to_or_override_the_defaults() {
    let meeting = MEETING.replace("        with: STC\n", "        with: [STC, SXD]\n");
    let dir = tree(&[
        ("ketluan.yaml", DEFAULTS),
        (
            "hop.yaml",
            &format!(
                "{meeting}departments:\n  STC: Sở Tài chính tỉnh Lai Châu\n  SXD: Sở Xây dựng\n"
            ),
        ),
    ]);
    let texts = notice_texts(&dir.path().join("hop.yaml"));
    // SNV from the defaults, STC overridden by the meeting, SXD added by it.
    assert!(
        has(
            &texts,
            "1. Giao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính tỉnh Lai Châu và Sở Xây dựng: Rà soát thủ tục."
        ),
        "{texts:#?}"
    );
}

#[test]
fn a_field_left_empty_in_the_meeting_keeps_the_default() {
    let dir = tree(&[
        ("ketluan.yaml", DEFAULTS),
        (
            "hop.yaml",
            &format!("{MEETING}recipients:\narchive:\nissuer:\n  code:\n  name: Ban Quản lý dự án tỉnh\n"),
        ),
    ]);
    let texts = notice_texts(&dir.path().join("hop.yaml"));
    assert_eq!(
        recipient_lines(&texts),
        [
            "- Chủ tịch, các PCT UBND tỉnh (b/c);",
            "- Lãnh đạo Văn phòng UBND tỉnh;",
            "- Các phòng, đơn vị thuộc Văn phòng;",
            "- Sở Nội vụ;",
            "- Sở Tài chính;",
            "- Lưu: VT, TH, HCTC.",
        ]
    );
    assert!(has(&texts, "Số: 05/TB-VP"), "{texts:#?}");
    assert!(has(&texts, "BAN QUẢN LÝ DỰ ÁN TỈNH"));
}

#[test]
fn only_the_nearest_defaults_file_is_used() {
    // The outer file has recipients and an archive; the inner one, nearer
    // to the meeting, has neither: the meeting gets none of the outer's.
    let inner = "\
issuer: {name: Sở Nội vụ tỉnh Lai Châu, code: SNV, place: Lai Châu}
signer: {authority: [KT. GIÁM ĐỐC], position: Phó Giám đốc, name: Hà Văn D}
";
    let dir = tree(&[
        ("ketluan.yaml", DEFAULTS),
        ("so-noi-vu/ketluan.yaml", inner),
        (
            "so-noi-vu/2021/hop.yaml",
            &MEETING.replace("lead: SNV\n        with: STC", "lead: Phòng Tổ chức"),
        ),
    ]);
    let texts = notice_texts(&dir.path().join("so-noi-vu/2021/hop.yaml"));
    assert_eq!(
        header_lines(&texts),
        [
            "SỞ NỘI VỤ TỈNH LAI CHÂU",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Số: 05/TB-SNV",
            "Lai Châu, ngày 27 tháng 01 năm 2021",
        ]
    );
    assert_eq!(
        recipient_lines(&texts),
        ["- Phòng Tổ chức;", "- Lưu: VT."],
        "nothing from the outer ketluan.yaml"
    );
    assert_eq!(
        signer_lines(&texts),
        ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Hà Văn D"]
    );
}

/// `ketluan check <paths>`: (exit success, standard error).
fn check(paths: &[&Path]) -> (bool, String) {
    let mut args = vec!["check"];
    args.extend(paths.iter().map(|p| p.to_str().unwrap()));
    let out = ketluan(&args);
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn is_headline(line: &str) -> bool {
    line.contains(": lỗi: ") || line.contains(": cảnh báo: ")
}

/// The first lines of the reports (`file:line:col: lỗi: …`).
fn headlines(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| is_headline(l)).collect()
}

/// Each report whole: its headline and the lines under it (source line,
/// marker, hint), up to the next report.
fn reports(stderr: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in stderr.lines() {
        if is_headline(line) {
            out.push(String::new());
        }
        if let Some(r) = out.last_mut() {
            r.push_str(line);
            r.push('\n');
        }
    }
    out
}

#[test]
fn a_bad_value_in_the_defaults_is_reported_in_the_defaults_file() {
    let bad = DEFAULTS
        .replace(
            "  place: Lai Châu\n",
            "  place: Lai Châu\n  nmae: Văn phòng\n",
        )
        .replace(
            "archive: [VT, TH, HCTC]\n",
            "archive: [VT, TH, HCTC]\nrecipients_from_tasks: có\nlayout:\n  body_size_pt: lớn\n",
        );
    // Two meetings use it, in a folder of their own below it.
    let dir = tree(&[
        ("ketluan.yaml", &bad),
        ("2021/a.yaml", MEETING),
        ("2021/b.yaml", MEETING),
    ]);
    let defaults: PathBuf = dir.path().join("ketluan.yaml");
    let (ok, stderr) = check(&[&dir.path().join("2021")]);
    assert!(!ok, "check fails:\n{stderr}");
    let at = |line: u32, col: u32, field: &str| {
        format!("{}:{line}:{col}: lỗi: `{field}`", defaults.display())
    };
    let expected = [
        // The misspelt key, at its key, with the right name suggested.
        (at(6, 3, "issuer.nmae"), "có phải là `name`?"),
        // A wrong type, at the value.
        (at(16, 24, "recipients_from_tasks"), "`true` hoặc `false`"),
        (at(18, 17, "layout.body_size_pt"), "cần một số"),
    ];
    let heads = headlines(&stderr);
    assert_eq!(heads.len(), expected.len(), "{stderr}");
    let reports = reports(&stderr);
    for (head, hint) in &expected {
        // Reported once, though two meetings use the file.
        let found: Vec<&String> = reports.iter().filter(|r| r.starts_with(head)).collect();
        assert_eq!(found.len(), 1, "{head} once in:\n{stderr}");
        assert!(found[0].contains(hint), "{head}: {hint:?} in {}", found[0]);
    }
    // No problem is put on the meeting files, where none is.
    assert!(
        heads
            .iter()
            .all(|h| h.starts_with(&defaults.display().to_string())),
        "{stderr}"
    );
    // And render writes nothing for them.
    let out = tempfile::tempdir().unwrap();
    let r = ketluan(&[
        "render",
        dir.path().join("2021").to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert!(!r.status.success());
    let written: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| {
            let n = n.to_string_lossy();
            n.ends_with(".docx") || n.ends_with(".pdf")
        })
        .collect();
    assert!(written.is_empty(), "{written:?}");
}

#[test]
fn a_yaml_syntax_error_in_the_defaults_stops_its_meetings() {
    let broken = DEFAULTS.replace("archive: [VT, TH, HCTC]\n", "archive: [VT, TH, HCTC\n");
    let dir = tree(&[
        ("van-phong/ketluan.yaml", &broken),
        ("van-phong/a.yaml", MEETING),
        // A meeting outside its reach is not stopped.
        (
            "khac/b.yaml",
            &format!(
                "{MEETING}{}",
                DEFAULTS.split("departments:").next().unwrap()
            )
            .replace("lead: SNV\n        with: STC", "lead: Sở Nội vụ"),
        ),
    ]);
    let defaults = dir.path().join("van-phong/ketluan.yaml");
    let (ok, stderr) = check(&[&dir.path().join("van-phong/a.yaml")]);
    assert!(!ok, "{stderr}");
    let heads = headlines(&stderr);
    assert_eq!(heads.len(), 1, "one error, the syntax error:\n{stderr}");
    assert!(
        heads[0].starts_with(&format!("{}:", defaults.display()))
            && heads[0].contains("YAML không hợp lệ"),
        "{stderr}"
    );
    let (ok, stderr) = check(&[&dir.path().join("khac/b.yaml")]);
    assert!(ok, "{stderr}");
}

#[test]
fn a_block_only_in_the_defaults_asks_for_no_document() {
    let defaults = format!("{DEFAULTS}minutes:\n  recipients: [Chủ tịch UBND tỉnh]\n");
    let minutes = "\
minutes:
  proceedings: Đồng chí Chánh Văn phòng khai mạc cuộc họp.
";
    let meeting_with_minutes = MEETING.replace(
        "  chair: {name: Lê Văn C, title: Chánh Văn phòng UBND tỉnh}\n",
        "  chair: {name: Lê Văn C, title: Chánh Văn phòng UBND tỉnh}\n  \
         secretary: {name: Lò Văn E, title: Chuyên viên}\n  time: 08 giờ 00\n  ends: 11 giờ 00\n  \
         location: Phòng họp số 2\n  attendees: [lãnh đạo Văn phòng]\n",
    );
    let dir = tree(&[
        ("ketluan.yaml", &defaults),
        ("a.yaml", MEETING),
        ("b.yaml", &format!("{meeting_with_minutes}{minutes}")),
    ]);
    let out = tempfile::tempdir().unwrap();
    render_into(dir.path(), out.path(), &["--format", "docx"]);
    let mut written: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    written.sort();
    // a.yaml asks for the notice only: the `minutes` of ketluan.yaml do not
    // make it print a biên bản.
    assert_eq!(written, ["a.docx", "b.bien-ban.docx", "b.docx"]);
    // b.yaml opens `minutes`, and its Nơi nhận comes from ketluan.yaml.
    let texts = docx_texts(&out.path().join("b.bien-ban.docx"));
    assert!(has(&texts, "- Chủ tịch UBND tỉnh;"), "{texts:#?}");
}
