//! Format v1 files render byte for byte as before format v2: the examples,
//! the fixtures and the task reports of the fixture archive, against the
//! SHA-256 of the files ketluan wrote at commit 87715bc (the last commit
//! before the giấy mời and biên bản). A change that alters a v1 notice
//! fails here; one made on purpose (a layout change, a leaner file) updates
//! this table in the same commit and says why.
//!
//! Changed on purpose since: the two examples in `meetings/`, whose trích
//! yếu is now broken before a phrase word and never inside a name
//! (`… Thường trực UBND tỉnh / tại phiên họp …`, `… Đặng Quang Minh / tại
//! cuộc họp …`; `src/typeset/break_centred.rs`, issue 12). Issue 13 changed, on
//! purpose: every PDF (the body now starts where the DOCX starts it, 6 pt
//! higher: the first paragraph after the trích yếu's rule had its space
//! counted twice; each rule takes its thickness below the text, as a
//! paragraph border does in Word and LibreOffice; a word breaks after its
//! hyphen, `Covid-` / `19`, as they break it; a word that overflows its line
//! by less than a twip still fits), measured against LibreOffice's
//! rendering of the same DOCX; and the task reports (Section II as a table,
//! the task list as a Phụ lục). Issue 14 changed every DOCX: the style
//! `SectionHeading` keeps a section heading with the next paragraph, as
//! the PDF always did (a test found the DOCX without it). Issue 15 changed
//! every DOCX again: the package is written by ketluan, deflated, with only
//! the parts a notice uses (`src/render/package.rs`); the XML inside is
//! unchanged; and every PDF: its fonts are embedded without hinting and
//! glyph names (`src/typeset/embed_font.rs`), its streams deflated at level 2 (the
//! same text, fonts and glyph outlines).

mod common;

use std::path::Path;

use common::*;
use sha2::{Digest, Sha256};

/// (meeting file, output file, SHA-256 of its bytes).
const NOTICES: &[(&str, &str, &str)] = &[
    (
        "meetings/2021-01-25-phien-hop-ubnd-thang-01.yaml",
        "2021-01-25-phien-hop-ubnd-thang-01.docx",
        "e1d23495b8174d9d24e19681109d3f2e2f802ce54588483991550774540ffcb3",
    ),
    (
        "meetings/2021-01-25-phien-hop-ubnd-thang-01.yaml",
        "2021-01-25-phien-hop-ubnd-thang-01.pdf",
        "7e3bc0bad05f67790f9c30c87e558bacdfe2af09661e0f5b2fdbedd267b3c55c",
    ),
    (
        "meetings/van-phong/2021-03-15-hop-giao-ban-van-phong.yaml",
        "2021-03-15-hop-giao-ban-van-phong.docx",
        "fb419bf50a7e3cca4d390a555979ae5d83c3b58f246b5ff286f432eeb26db183",
    ),
    (
        "meetings/van-phong/2021-03-15-hop-giao-ban-van-phong.yaml",
        "2021-03-15-hop-giao-ban-van-phong.pdf",
        "3326a41269f209aa695d6f258a85045740006d6fe43e2128251f64cf2cd4d979",
    ),
    (
        "tests/bad/warn-due-before-meeting.yaml",
        "warn-due-before-meeting.docx",
        "2f1503320343713ea5844b5de1fcc7affb2e7130263fff1ae3c328f379322944",
    ),
    (
        "tests/bad/warn-due-before-meeting.yaml",
        "warn-due-before-meeting.pdf",
        "cbcf2d786b904ec6a4ce037f94bb16c736401b19b6ddd297e048a707f5b03cb7",
    ),
    (
        "tests/bad/warn-emoji.yaml",
        "warn-emoji.docx",
        "7956b909b86ec5cf3b4375449f2bf24ef865cc0f7c69a971ebbc738007c6cdf4",
    ),
    (
        "tests/bad/warn-emoji.yaml",
        "warn-emoji.pdf",
        "fa48185594c95be68eab24e20edea351ee0e2f308f255cb947c539a7fdc93818",
    ),
    (
        "tests/bad/warn-extended-not-after-due.yaml",
        "warn-extended-not-after-due.docx",
        "9ee3a28725d08e2cb27cdd7fdcae97cb88a9dbd4728c73d891d1787deb392007",
    ),
    (
        "tests/bad/warn-extended-not-after-due.yaml",
        "warn-extended-not-after-due.pdf",
        "6aef82dbdd44e65eec96b40a38b1ee7cb5c879b265b58fdc4df3372fccec0f62",
    ),
    (
        "tests/bad/warn-notice-before-meeting.yaml",
        "warn-notice-before-meeting.docx",
        "26e2c81fbe75bdb1325aa249d684fe577d1d9e7399a7a92bd278b12846764f64",
    ),
    (
        "tests/bad/warn-notice-before-meeting.yaml",
        "warn-notice-before-meeting.pdf",
        "6f868ea98b9a7c1bea3e509590bac6217c93375a66f73bee4ae98e4711b7094e",
    ),
    (
        "tests/bad/warn-numbered-list.yaml",
        "warn-numbered-list.docx",
        "099d6ae78292048275f548a12fe177429d5ce683ac28276a12ec41250660c373",
    ),
    (
        "tests/bad/warn-numbered-list.yaml",
        "warn-numbered-list.pdf",
        "bf33f6e05d293dc5dcc594060d1ec6d7c99908ef8bc5f7fb097d92328162c7b0",
    ),
    (
        "tests/bad/warn-unknown-department.yaml",
        "warn-unknown-department.docx",
        "5fe2e7a47510af843dfd2a1fb301a0cdeebbc2faa0cad70c995d8c8d5ec184a3",
    ),
    (
        "tests/bad/warn-unknown-department.yaml",
        "warn-unknown-department.pdf",
        "dee84aa3abf5a23a6102fa3666697f7c34be207feeb9d7bf657e8691cf0dd6b8",
    ),
    (
        "tests/fixtures/archive/2021-01-25-hop-thang-01.yaml",
        "2021-01-25-hop-thang-01.docx",
        "39d919ba25770406390cb1ed4a588c6891c7661dfbb9e236766a6179733137d4",
    ),
    (
        "tests/fixtures/archive/2021-01-25-hop-thang-01.yaml",
        "2021-01-25-hop-thang-01.pdf",
        "5e1e854e500317c000b44a3703a33b9ea78c1219e47161974f1c4fe531486e8f",
    ),
    (
        "tests/fixtures/archive/2021-02-22-hop-thang-02.yaml",
        "2021-02-22-hop-thang-02.docx",
        "8e3c25ba35043d3662e7d4c32b42d5952c96a5e93aeb58daef7069cea29c92b3",
    ),
    (
        "tests/fixtures/archive/2021-02-22-hop-thang-02.yaml",
        "2021-02-22-hop-thang-02.pdf",
        "38f269a1337f0dad8848f02dcd5f4f342bb279105051434590a7ea16d57afa53",
    ),
    (
        "tests/fixtures/archive/2021-03-01-du-thao.yaml",
        "2021-03-01-du-thao.docx",
        "ec769ce16f4ca3297037361fcf1e5db69fb5c2f981d7856d54046ed61e3f7fce",
    ),
    (
        "tests/fixtures/archive/2021-03-01-du-thao.yaml",
        "2021-03-01-du-thao.pdf",
        "12fc086036c1e4ba34e496cf974021d83d1c4cbb5d80ef887856b30b3c1e0c38",
    ),
];

/// `ketluan report tests/fixtures/archive --today DAY`: (day, output file, SHA-256).
const REPORTS: &[(&str, &str, &str)] = &[
    (
        "2021-02-10",
        "bao-cao-nhiem-vu-2021-02-10.docx",
        "52b8cf00e1dfe5c7f73a2d47a72d06c3930489baa82824942424fe091bed215c",
    ),
    (
        "2021-02-10",
        "bao-cao-nhiem-vu-2021-02-10.pdf",
        "efcc42411bf7220a4c730748ef6c22b648a72efff857a0a468e45cb6bb078ae2",
    ),
    (
        "2021-03-01",
        "bao-cao-nhiem-vu-2021-03-01.docx",
        "11be499a7174f8f1f53c9c28276e23707904692af47e54f76841c1429bdb8bdb",
    ),
    (
        "2021-03-01",
        "bao-cao-nhiem-vu-2021-03-01.pdf",
        "1eaec7bbc0a1c4951b434bfc4ff9825b83385d92ba923b716fde4696da822ba6",
    ),
];

fn sha256(path: &Path) -> String {
    Sha256::digest(std::fs::read(path).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn v1_notices_render_byte_for_byte_as_before() {
    let mut differ = Vec::new();
    for meeting in NOTICES
        .iter()
        .map(|r| r.0)
        .collect::<std::collections::BTreeSet<_>>()
    {
        let dir = tempfile::tempdir().unwrap();
        ketluan_ok(&["render", meeting, "--out", dir.path().to_str().unwrap()]);
        for (_, output, expected) in NOTICES.iter().filter(|r| r.0 == meeting) {
            let got = sha256(&dir.path().join(output));
            if got != *expected {
                differ.push(format!("{meeting} → {output}: {got}"));
            }
        }
    }
    assert!(differ.is_empty(), "changed bytes:\n{}", differ.join("\n"));
}

#[test]
fn v1_task_reports_render_byte_for_byte_as_before() {
    for (day, output, expected) in REPORTS {
        let dir = tempfile::tempdir().unwrap();
        ketluan_ok(&[
            "report",
            "tests/fixtures/archive",
            "--today",
            day,
            "--out",
            dir.path().to_str().unwrap(),
        ]);
        assert_eq!(sha256(&dir.path().join(output)), *expected, "{output}");
    }
}
