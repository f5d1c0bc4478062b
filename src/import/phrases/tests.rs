//! Unit tests of the phrases: the directory, assignments, deadlines.

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
