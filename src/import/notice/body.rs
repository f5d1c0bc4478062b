//! The body: the closing sentence, the opening paragraphs, then sections
//! (`I.`, `II.`…), numbered tasks with their `- ` subtasks, and the
//! paragraphs that conclude or go on with them; a task's assignment and
//! deadline read through [`crate::import::phrases`].

use crate::import::blocks::Block;
use crate::import::phrases::{self, Directory};

use super::opening::opening_meeting;
use super::{is_rule, Notice, Section, Task};

/// Opening, sections, tasks and closing from the body's paragraphs.
pub(super) fn body_parts(body: &[Block], dir: &Directory, year: Option<i32>, n: &mut Notice) {
    let body: Vec<&Block> = body.iter().filter(|b| !is_rule(&b.text)).collect();
    // The closing: the last paragraph ending in `./.` (or `./`).
    let mut end = body.len();
    if let Some(last) = body.last() {
        let t = last.text.trim_end();
        if t.ends_with("./.") || t.ends_with("./") {
            n.closing = Some(
                t.trim_end_matches("./.")
                    .trim_end_matches("./")
                    .trim()
                    .to_string(),
            );
            end -= 1;
        }
    }
    let body = &body[..end];
    let first_structure = body
        .iter()
        .position(|b| section_heading(b).is_some() || item_number(&b.text).is_some())
        .unwrap_or(body.len());
    // The opening: paragraphs before the first section or numbered item,
    // when a sentence of it ends with `:` (`… kết luận như sau:`), or the
    // first paragraph.
    // A paragraph ending `…như sau:` before it ends the opening.
    let opening_end = body[..first_structure]
        .iter()
        .position(|b| b.text.trim_end().ends_with(':'))
        .map_or(first_structure, |p| p + 1);
    let opening_end = if opening_end == body.len() {
        body.iter()
            .position(|b| b.text.trim_end().ends_with(':'))
            .map_or(1.min(body.len()), |p| p + 1)
    } else {
        opening_end
    };
    let opening: Vec<&Block> = body[..opening_end].to_vec();
    opening_meeting(&opening, n);
    let strict = n.meeting.opening.is_none() && !foreign_forms(&body[opening_end..], dir);
    let mut sections: Vec<Section> = Vec::new();
    for b in &body[opening_end..] {
        if let Some(title) = section_heading(b) {
            sections.push(Section {
                title,
                ..Section::default()
            });
            continue;
        }
        if sections.is_empty() {
            sections.push(Section {
                title: "Kết luận".into(),
                title_check: true,
                ..Section::default()
            });
        }
        let section = sections.last_mut().expect("a section");
        let text = b.text.trim();
        let marked = b.marked.trim();
        let numbered = item_number(text);
        let dashed = text.strip_prefix(['-', '+', '•', '–']);
        if numbered.is_some() || dashed.is_some() {
            // Paragraphs since the last task went on with it.
            let pending = std::mem::take(&mut section.after);
            if let Some(last) = section.tasks.last_mut() {
                last.text.extend(pending);
            }
        }
        if let Some((_, rest_at)) = numbered {
            let rest_marked = strip_number(marked);
            section
                .tasks
                .push(task(&text[rest_at..], rest_marked, dir, year, strict));
        } else if let Some(body_text) = dashed {
            let rest_marked = marked
                .trim_start_matches(['-', '+', '•', '–', '\\'])
                .trim_start();
            match section.tasks.last_mut() {
                Some(t) => t
                    .subtasks
                    .push(task(body_text.trim(), rest_marked, dir, year, strict)),
                None => section.conclusion.push(format!("- {rest_marked}")),
            }
        } else if section.tasks.is_empty() {
            match unnumbered_assignment(text, dir, strict) {
                Some(_) if section_has_numbers_later(b, body) => {
                    section.conclusion.push(marked.to_string())
                }
                Some(_) => section.tasks.push(task(text, marked, dir, year, strict)),
                None => section.conclusion.push(marked.to_string()),
            }
        } else if unnumbered_assignment(text, dir, strict).is_some() && !strict {
            let pending = std::mem::take(&mut section.after);
            if let Some(last) = section.tasks.last_mut() {
                last.text.extend(pending);
            }
            section.tasks.push(task(text, marked, dir, year, strict));
        } else {
            // After a task: its next paragraph, or the section's closing
            // paragraphs when no task follows (settled above).
            section.after.push(marked.to_string());
        }
    }
    for section in &mut sections {
        for t in &mut section.tasks {
            fold_bare_items(t);
            give_text(t);
        }
    }
    n.sections = sections;
}

/// A task with nothing after its clause (`Giao Sở Y tế:` and items that
/// name units) keeps its paragraph as written as its text.
pub(super) fn give_text(t: &mut Task) {
    if t.text.iter().all(|p| p.trim().is_empty()) {
        t.text = vec![t.written.clone()];
    }
    t.subtasks.iter_mut().for_each(give_text);
}

/// `Sở X:` with nothing after it but `- ` items that assign nobody: the
/// items are what the unit is to do (its `do`, as `- ` lines), the latest
/// of their deadlines the task's.
fn fold_bare_items(t: &mut Task) {
    let empty = t.text.iter().all(|p| p.trim().is_empty());
    if !empty || t.lead.is_empty() || t.subtasks.is_empty() {
        return;
    }
    if t.subtasks
        .iter()
        .any(|s| !s.lead.is_empty() || !s.subtasks.is_empty())
    {
        return;
    }
    let items = std::mem::take(&mut t.subtasks);
    t.text = vec![items
        .iter()
        .map(|s| format!("- {}", s.text.join(" ")))
        .collect::<Vec<_>>()
        .join("\n")];
    if let Some(latest) = items
        .iter()
        .filter(|s| s.due.is_some())
        .max_by_key(|s| s.due)
    {
        t.due = latest.due;
        t.due_check = latest.due_check;
    }
}

/// Whether any task or subtask assigns a unit in words ketluan's
/// template never writes (`Giao X: …`, `X chủ trì …` as a numbered task,
/// `X: …`): then the notice was typed by hand, though its opening reads
/// like the template's, and requests (`Đề nghị X …`) name leads.
fn foreign_forms(body: &[&Block], dir: &Directory) -> bool {
    body.iter().any(|b| {
        let text = b.text.trim();
        let (rest, wanted) = if let Some((_, at)) = item_number(text) {
            (&text[at..], phrases::Given::Giao)
        } else if let Some(rest) = text.strip_prefix(['-', '+', '•', '–']) {
            (rest.trim_start(), phrases::Given::Subject)
        } else {
            return false;
        };
        phrases::assignment(rest, dir, false)
            .is_some_and(|a| a.inferred.is_none() && a.template_form != Some(wanted))
    })
}

/// An assignment that makes an unnumbered paragraph a task: not one read
/// from a sentence's subject (`Chủ tịch UBND tỉnh ghi nhận, đánh giá …`
/// is a statement; only an item of a list is an order by its subject).
fn unnumbered_assignment(text: &str, dir: &Directory, strict: bool) -> Option<phrases::Assignment> {
    phrases::assignment(text, dir, strict).filter(|a| a.inferred != Some("lead_from_subject"))
}

/// Whether numbered items follow `b` in its section: then its unnumbered
/// paragraphs before them are the conclusion.
fn section_has_numbers_later(b: &Block, body: &[&Block]) -> bool {
    let Some(at) = body.iter().position(|x| std::ptr::eq(*x, b)) else {
        return false;
    };
    body[at + 1..]
        .iter()
        .take_while(|x| section_heading(x).is_none())
        .any(|x| item_number(&x.text).is_some())
}

/// The title of a section heading `I. …` (bold, or any `I.` in text).
fn section_heading(b: &Block) -> Option<String> {
    let t = b.text.trim();
    let head: String = t.chars().take_while(|c| "IVXLC".contains(*c)).collect();
    if head.is_empty() {
        return None;
    }
    let rest = t[head.len()..].strip_prefix(['.', ')'])?;
    let rest = rest.trim();
    (!rest.is_empty()).then(|| rest.to_string())
}

/// A numbered item's number and where its text starts: `1.`, `1)`, `a)`.
pub(super) fn item_number(text: &str) -> Option<(String, usize)> {
    let head: String = text.chars().take_while(|c| c.is_alphanumeric()).collect();
    let numbered = !head.is_empty()
        && (head.chars().all(|c| c.is_ascii_digit()) && head.len() <= 3
            || head.chars().count() == 1 && head.chars().all(|c| c.is_lowercase()));
    if !numbered {
        return None;
    }
    let after = &text[head.len()..];
    let rest = after
        .strip_prefix('.')
        .or_else(|| after.strip_prefix(')'))?;
    if !rest.starts_with(' ') {
        return None;
    }
    let is_letter = !head.chars().all(|c| c.is_ascii_digit());
    if is_letter && after.starts_with('.') {
        return None;
    }
    Some((head, text.len() - rest.trim_start().len()))
}

/// A Markdown text without its item number (`1\. `, `a) `).
pub(super) fn strip_number(marked: &str) -> &str {
    let digits = marked
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(marked.len());
    let rest = &marked[digits..];
    let rest = rest
        .strip_prefix("\\.")
        .or_else(|| rest.strip_prefix("\\)"))
        .or_else(|| rest.strip_prefix('.'))
        .or_else(|| rest.strip_prefix(')'))
        .unwrap_or(rest);
    rest.trim_start()
}

/// A task from its text (number taken off): the assignment clause read,
/// a closing deadline sentence taken out.
pub(super) fn task(
    text: &str,
    marked: &str,
    dir: &Directory,
    year: Option<i32>,
    strict: bool,
) -> Task {
    let mut t = Task::default();
    let mut body = marked.to_string();
    if let Some(a) = phrases::assignment(text, dir, strict) {
        t.lead = a.lead.iter().map(|u| phrases::as_filed(u, dir)).collect();
        t.with = a.with.iter().map(|u| phrases::as_filed(u, dir)).collect();
        t.lead_check = a.inferred;
        // The same clause off the Markdown text: it holds as many
        // characters before the rest, give or take escapes.
        let rest_plain = a.rest.as_str();
        body = rest_of_marked(marked, text, rest_plain);
    }
    if let Some(d) = phrases::deadline(&body, year) {
        t.due = Some(d.due);
        t.due_check = d.inferred;
        if let Some((start, _)) = d.sentence {
            body = body[..start].trim_end().to_string();
            if body.is_empty() {
                body = marked.to_string();
            }
        }
    }
    t.written = marked.to_string();
    t.text = if body.trim().is_empty() {
        Vec::new()
    } else {
        vec![body]
    };
    t
}

/// The Markdown text's part that reads as `rest` (the text after an
/// assignment clause, first letter raised).
fn rest_of_marked(marked: &str, text: &str, rest: &str) -> String {
    let skipped = text.len().saturating_sub(rest.len());
    // Walk the Markdown text skipping as many plain characters.
    let plain_chars = text[..skipped.min(text.len())].chars().count();
    let mut seen = 0;
    let mut at = marked.len();
    let mut chars = marked.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if seen == plain_chars {
            at = i;
            break;
        }
        if c == '\\' {
            if let Some((_, _)) = chars.next() {
                seen += 1;
            }
            continue;
        }
        if c == '*' {
            continue;
        }
        seen += 1;
    }
    let out = marked[at..].trim_start_matches([':', ',', ' ']);
    crate::text::upper_first(out)
}
