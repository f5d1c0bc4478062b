//! The body of a giấy mời and of a biên bản: labelled lines (`Chủ trì:`,
//! `Thời gian:`, `Địa điểm:`, `Thành phần tham dự:`, `Thư ký:`, `Vắng
//! mặt:`, `Nội dung:`) around the text as written, and in a biên bản the
//! chair's numbered conclusions.

use crate::model::DocumentKind;

use super::blocks::Block;
use super::notice::{first_date, named, time_of, Notice};

/// What a labelled line names.
#[derive(Clone, Copy, PartialEq)]
enum Label {
    Chair,
    Secretary,
    Time,
    Place,
    Attendees,
    Invitees,
    Absent,
    Content,
    Conclusions,
}

/// The label a paragraph starts with, and the text after its colon.
fn label(text: &str) -> Option<(Label, &str)> {
    let (head, rest) = text.split_once(':')?;
    let head = super::notice::folded(head);
    let found = [
        ("chu tri", Label::Chair),
        ("thu ky", Label::Secretary),
        ("thoi gian", Label::Time),
        ("dia diem", Label::Place),
        ("thanh phan", Label::Attendees),
        ("kinh moi", Label::Invitees),
        ("vang mat", Label::Absent),
        ("noi dung", Label::Content),
        ("ket luan", Label::Conclusions),
    ]
    .into_iter()
    .find(|(h, _)| head.starts_with(h) || head.ends_with(&format!("tran trong {h}")))
    .map(|(_, l)| l)?;
    // `… trân trọng kính mời:` names the invitees.
    let found = if head.contains("kinh moi") {
        Label::Invitees
    } else {
        found
    };
    (head.chars().count() <= 60).then_some((found, rest.trim()))
}

/// Fills the meeting, the invitees and the document's own text of a
/// giấy mời or a biên bản from its body's paragraphs; the numbered items
/// after `Kết luận…:` are left in `rest` for the notice's parser.
pub fn read<'b>(body: &[&'b Block], n: &mut Notice) -> Vec<&'b Block> {
    let mut list: Option<Label> = None;
    let mut conclusions = Vec::new();
    let mut in_conclusions = false;
    for b in body {
        let text = b.text.trim();
        let folded = super::notice::folded(text);
        if folded.starts_with("cuoc hop ket thuc") || folded.starts_with("buoi hop ket thuc") {
            n.meeting.ends = time_of(text);
            break;
        }
        if in_conclusions {
            conclusions.push(*b);
            if text.ends_with("./.") {
                break;
            }
            continue;
        }
        if let Some((l, rest)) = label(text) {
            list = None;
            match l {
                Label::Chair => {
                    let after = rest.strip_prefix("đồng chí ").unwrap_or(rest);
                    let (name, title) = named(after.trim_end_matches('.'));
                    n.meeting.chair_name = name.unwrap_or_default();
                    n.meeting.chair_title = title.unwrap_or_default();
                }
                Label::Secretary => {
                    let after = rest.strip_prefix("đồng chí ").unwrap_or(rest);
                    let (name, title) = named(after.trim_end_matches('.'));
                    n.meeting.secretary = name.map(|nm| (nm, title.unwrap_or_default()));
                }
                Label::Time => {
                    n.meeting.time = time_of(rest);
                    n.meeting.date = first_date(rest).or(n.meeting.date);
                }
                Label::Place => {
                    n.meeting.location = Some(rest.trim_end_matches('.').to_string());
                }
                Label::Attendees | Label::Invitees | Label::Absent => {
                    list = Some(l);
                    if !rest.is_empty() {
                        push_item(n, l, rest);
                    }
                }
                Label::Content => {
                    if n.kind == Some(DocumentKind::Invitation) {
                        let after = b.marked.split_once(':').map_or("", |(_, a)| a.trim());
                        n.own_text.push(format!("**Nội dung:** {after}"));
                    }
                }
                Label::Conclusions => in_conclusions = true,
            }
            continue;
        }
        let item = text.trim_start_matches(['-', '+', '•', '–']).trim();
        let dashed = text.starts_with(['-', '+', '•', '–']);
        // A giấy mời lists its invitees one a line, `;` or `.` at the end.
        let invitee = list == Some(Label::Invitees)
            && !folded.starts_with("toi du")
            && text.ends_with([';', '.'])
            && text.chars().count() < 200;
        if let Some(l) = list.filter(|_| dashed || invitee) {
            push_item(n, l, item);
            continue;
        }
        list = None;
        if let Some(name) = text.strip_prefix("Tới dự ") {
            n.meeting.name = name.trim_end_matches('.').to_string();
        } else {
            n.own_text
                .push(b.marked.trim().trim_end_matches("./.").to_string());
        }
        if text.ends_with("./.") {
            // The document's last sentence: what follows is its signature.
            break;
        }
    }
    conclusions
}

fn push_item(n: &mut Notice, l: Label, item: &str) {
    let item = item.trim_end_matches([';', '.', ',']).trim().to_string();
    match l {
        Label::Absent => n.meeting.absent.push(item),
        Label::Invitees => n.invitees.push(item),
        _ => n.meeting.attendees.push(item),
    }
}
