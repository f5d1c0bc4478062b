//! An assignment at the start of a task's text: who is given the task
//! (`Giao X chủ trì`, `X chủ trì`, `Đề nghị X …`), who works with them,
//! and the text that follows.

use super::units::{units, NOT_ORDERS, VERBS};
use super::{starts_with_any, starts_with_word, Directory};

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
