//! `ketluan import edited.docx --into meetings/x.yaml`: what a leader
//! changed in a DOCX of a meeting, field by field, as edits of the meeting
//! file ([`crate::yaml_edit`]) that change only those values.
//!
//! The edited notice is read as any import reads it; each field it prints
//! is compared with the meeting file's (loaded with its defaults): the
//! trích yếu, number and date, the opening's fields, each section's title,
//! conclusion and closing paragraphs, each task's and subtask's lead,
//! partners, text and deadline, the closing sentence, the listed Nơi nhận,
//! the signer. Tasks are paired by what they say, so a task added or
//! removed is an insertion or a removal, not a change of every task after
//! it. What maps to no field (a section added or moved, a recipient the
//! notice adds from its tasks, an opening rewritten beyond its fields) is
//! reported, not guessed.

use crate::model::{Meeting, Task as ModelTask};
use crate::yaml_edit::{Edit, Step, Value};

use super::notice::{Notice, Task};
use super::phrases::{self, Directory};

/// One change found: where, what it was, what it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// The path in the meeting file.
    pub path: Vec<Step>,
    /// The field as the user reads it (`Mục I, nhiệm vụ 3, thời hạn`).
    pub label: String,
    /// The value before (empty: none).
    pub old: String,
    /// The value after (empty: removed).
    pub new: String,
    /// The edit that makes it.
    pub edit: Edit,
}

/// What comparing found: the changes, and what maps to no field.
#[derive(Debug, Default)]
pub struct Comparison {
    /// Changes that edit the meeting file.
    pub changes: Vec<Change>,
    /// Differences not applied, said in the user's language.
    pub unmapped: Vec<String>,
}

/// A path as the meeting file's fields are named: `agenda[0].tasks[2].due`.
pub fn path_text(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) if out.is_empty() => out.push_str(k),
            Step::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

fn key(k: &str) -> Step {
    Step::Key(k.to_string())
}

fn path(steps: &[&str]) -> Vec<Step> {
    steps.iter().map(|s| key(s)).collect()
}

/// Text compared as printed: white space folded.
fn same(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.replace("\\\n", " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    norm(a) == norm(b)
}

/// Units compared through the directory (a code and its name alike).
fn same_units(a: &[String], b: &[String], dir: &Directory) -> bool {
    let k =
        |v: &[String]| -> Vec<String> { v.iter().map(|u| phrases::key(dir.name_of(u))).collect() };
    k(a) == k(b)
}

/// How much two task texts share (words, accents aside), 0 to 1.
fn likeness(a: &str, b: &str) -> f64 {
    let words = |s: &str| -> std::collections::HashSet<String> {
        crate::tracking::fold(s)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 1)
            .map(str::to_string)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    a.intersection(&b).count() as f64 / a.len().max(b.len()).max(1) as f64
}

/// Pairs old and new items in order by likeness: (old index, new index),
/// with `None` for an item only one side has.
fn pair<O, N>(
    old: &[O],
    new: &[N],
    text_old: impl Fn(&O) -> String,
    text_new: impl Fn(&N) -> String,
) -> Vec<(Option<usize>, Option<usize>)> {
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < new.len() {
        if i == old.len() {
            out.push((None, Some(j)));
            j += 1;
        } else if j == new.len() {
            out.push((Some(i), None));
            i += 1;
        } else {
            let here = likeness(&text_old(&old[i]), &text_new(&new[j]));
            let new_next = new
                .get(j + 1)
                .map_or(0.0, |n| likeness(&text_old(&old[i]), &text_new(n)));
            let old_next = old
                .get(i + 1)
                .map_or(0.0, |o| likeness(&text_old(o), &text_new(&new[j])));
            if here >= 0.4 || (here >= new_next && here >= old_next) {
                out.push((Some(i), Some(j)));
                i += 1;
                j += 1;
            } else if new_next > old_next {
                // A task inserted before this one.
                out.push((None, Some(j)));
                j += 1;
            } else {
                out.push((Some(i), None));
                i += 1;
            }
        }
    }
    out
}

/// Subtasks and theirs, in print order.
fn flatten<'t>(tasks: &'t [ModelTask], out: &mut Vec<&'t ModelTask>) {
    for t in tasks {
        out.push(t);
        flatten(&t.subtasks, out);
    }
}

/// A task of the notice as the meeting file writes one.
fn task_value(t: &Task) -> Value {
    let mut fields = Vec::new();
    if !t.lead.is_empty() {
        fields.push(("lead".to_string(), Value::Text(t.lead.join("; "))));
    }
    if !t.with.is_empty() {
        fields.push(("with".to_string(), Value::Text(t.with.join("; "))));
    }
    fields.push(("do".to_string(), Value::Text(t.text.join("\n\n"))));
    if let Some(d) = t.due {
        fields.push(("due".to_string(), Value::Text(d.iso())));
    }
    if !t.subtasks.is_empty() {
        fields.push((
            "subtasks".to_string(),
            Value::List(t.subtasks.iter().map(task_value).collect()),
        ));
    }
    Value::Map(fields)
}

struct Differ<'a> {
    dir: &'a Directory,
    out: Comparison,
}

impl Differ<'_> {
    fn text(&mut self, at: Vec<Step>, label: String, old: &str, new: &str) {
        if same(old, new) {
            return;
        }
        let edit = if new.trim().is_empty() {
            Edit::Remove(at.clone())
        } else {
            Edit::Set(at.clone(), Value::Text(new.to_string()))
        };
        self.out.changes.push(Change {
            path: at,
            label,
            old: old.to_string(),
            new: new.to_string(),
            edit,
        });
    }

    /// Tasks (or subtasks) at `at`, old against new.
    fn tasks(&mut self, at: Vec<Step>, label: &str, old: &[ModelTask], new: &[Task]) {
        let pairs = pair(old, new, |o| o.what.clone(), |n| n.text.join(" "));
        // Insertions and removals shift the indexes of the items after
        // them: edits are made from the last item back.
        let mut edits: Vec<Change> = Vec::new();
        let mut position = 0usize;
        for (o, n) in pairs {
            match (o, n) {
                (Some(i), Some(j)) => {
                    let mut here = at.clone();
                    here.push(Step::Index(i));
                    let l = format!("{label} {}", i + 1);
                    self.task(here, &l, &old[i], &new[j]);
                    position = i + 1;
                }
                (Some(i), None) => {
                    let mut here = at.clone();
                    here.push(Step::Index(i));
                    edits.push(Change {
                        path: here.clone(),
                        label: format!("{label} {}", i + 1),
                        old: old[i].what.clone(),
                        new: String::new(),
                        edit: Edit::Remove(here),
                    });
                    position = i + 1;
                }
                (None, Some(j)) => {
                    edits.push(Change {
                        path: at.clone(),
                        label: format!("{label} ({})", crate::tr!("import.into.added")),
                        old: String::new(),
                        new: new[j].text.join(" "),
                        edit: Edit::Insert(at.clone(), position, task_value(&new[j])),
                    });
                }
                (None, None) => {}
            }
        }
        edits.reverse();
        self.out.changes.extend(edits);
    }

    fn task(&mut self, at: Vec<Step>, label: &str, old: &ModelTask, new: &Task) {
        let field = |f: &str| {
            let mut p = at.clone();
            p.push(key(f));
            p
        };
        if !same_units(&old.lead, &new.lead, self.dir) {
            self.text(
                field("lead"),
                format!("{label}, {}", crate::tr!("import.into.lead")),
                &old.lead.join("; "),
                &new.lead.join("; "),
            );
        }
        if !same_units(&old.with, &new.with, self.dir) {
            self.text(
                field("with"),
                format!("{label}, {}", crate::tr!("import.into.with")),
                &old.with.join("; "),
                &new.with.join("; "),
            );
        }
        self.text(
            field("do"),
            format!("{label}, {}", crate::tr!("import.into.do")),
            &old.what,
            &new.text.join("\n\n"),
        );
        let iso = |d: Option<crate::date::Date>| d.map(|d| d.iso()).unwrap_or_default();
        self.text(
            field("due"),
            format!("{label}, {}", crate::tr!("import.into.due")),
            &iso(old.due),
            &iso(new.due),
        );
        let sub = crate::tr!("import.into.subtask");
        if old.subtasks.iter().any(|s| !s.subtasks.is_empty()) {
            // A third level prints as the second: compared as printed,
            // and a change there is left to the user.
            let mut flat = Vec::new();
            flatten(&old.subtasks, &mut flat);
            let unchanged = flat.len() == new.subtasks.len()
                && flat
                    .iter()
                    .zip(&new.subtasks)
                    .all(|(o, n)| same(&o.what, &n.text.join("\n\n")));
            if !unchanged {
                self.out
                    .unmapped
                    .push(crate::tr!("import.into.deep_subtasks", task = label));
            }
            return;
        }
        self.tasks(
            field("subtasks"),
            &format!("{label}, {sub}"),
            &old.subtasks,
            &new.subtasks,
        );
    }
}

/// Compares the notice read from an edited DOCX with the meeting it was
/// rendered from.
pub fn compare(meeting: &Meeting, edited: &Notice, dir: &Directory) -> Comparison {
    let mut d = Differ {
        dir,
        out: Comparison::default(),
    };
    if let Some(info) = &meeting.notice {
        d.text(
            path(&["notice", "summary"]),
            crate::tr!("import.into.summary"),
            &info.summary,
            &edited.summary,
        );
        let num = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
        d.text(
            path(&["notice", "number"]),
            crate::tr!("import.into.number"),
            &num(info.number),
            &num(edited.number),
        );
        let iso = |x: Option<crate::date::Date>| x.map(|x| x.iso()).unwrap_or_default();
        d.text(
            path(&["notice", "date"]),
            crate::tr!("import.into.date"),
            &iso(info.date),
            &iso(edited.date),
        );
    }
    opening(&mut d, meeting, edited);
    let section = crate::tr!("import.into.section");
    if meeting.agenda.len() != edited.sections.len() {
        d.out.unmapped.push(crate::tr!(
            "import.into.sections_changed",
            old = meeting.agenda.len(),
            new = edited.sections.len()
        ));
    }
    for (s, (old, new)) in meeting.agenda.iter().zip(&edited.sections).enumerate() {
        let at = |f: &str| vec![key("agenda"), Step::Index(s), key(f)];
        let label = format!("{section} {}", crate::text::roman(s as u32 + 1));
        d.text(
            at("title"),
            format!("{label}, {}", crate::tr!("import.into.title")),
            &old.title,
            &new.title,
        );
        d.text(
            at("conclusion"),
            format!("{label}, {}", crate::tr!("import.into.conclusion")),
            old.conclusion.as_deref().unwrap_or(""),
            &new.conclusion.join("\n\n"),
        );
        d.text(
            at("after"),
            format!("{label}, {}", crate::tr!("import.into.after")),
            old.after.as_deref().unwrap_or(""),
            &new.after.join("\n\n"),
        );
        let task = crate::tr!("import.into.task");
        d.tasks(
            at("tasks"),
            &format!("{label}, {task}"),
            &old.tasks,
            &new.tasks,
        );
    }
    // The closing prints without its final `.` (then `./.`).
    let default_closing = format!(
        "{} thông báo để các cơ quan, đơn vị biết, thực hiện",
        meeting.issuer.name
    );
    let closing = meeting.closing.as_deref().unwrap_or(&default_closing);
    let edited_closing = edited.closing.as_deref().unwrap_or("");
    if !same(
        closing.trim_end_matches('.'),
        edited_closing.trim_end_matches('.'),
    ) {
        d.text(
            path(&["closing"]),
            crate::tr!("import.into.closing"),
            closing,
            edited_closing,
        );
    }
    recipients(&mut d, meeting, edited);
    if let Some(signer) = &meeting.signer {
        d.text(
            path(&["signer", "name"]),
            crate::tr!("import.into.signer"),
            &signer.name,
            &edited.signer,
        );
        if phrases::key(&signer.position) != phrases::key(&edited.position) {
            d.text(
                path(&["signer", "position"]),
                crate::tr!("import.into.position"),
                &signer.position,
                &edited.position,
            );
        }
    }
    d.out
}

/// The opening: its fields when it is the template's sentence, else the
/// paragraph as written.
fn opening(d: &mut Differ, meeting: &Meeting, edited: &Notice) {
    let m = &meeting.meeting;
    let e = &edited.meeting;
    match (&m.opening, &e.opening) {
        (None, None) => {
            let at = |f: &str| path(&["meeting", f]);
            let label = |f: &str| crate::i18n::text(&format!("import.into.meeting_{f}"));
            d.text(at("name"), label("name"), &m.name, &e.name);
            let iso = e.date.map(|x| x.iso()).unwrap_or_default();
            d.text(at("date"), label("date"), &m.date.iso(), &iso);
            d.text(
                at("time"),
                label("time"),
                m.time.as_deref().unwrap_or(""),
                e.time.as_deref().unwrap_or(""),
            );
            d.text(
                at("location"),
                label("location"),
                m.location.as_deref().unwrap_or(""),
                e.location.as_deref().unwrap_or(""),
            );
            d.text(
                path(&["meeting", "chair", "name"]),
                label("chair_name"),
                &m.chair.name,
                &e.chair_name,
            );
            d.text(
                path(&["meeting", "chair", "title"]),
                label("chair_title"),
                &m.chair.title,
                &e.chair_title,
            );
            if m.attendees != e.attendees {
                d.out.changes.push(Change {
                    path: path(&["meeting", "attendees"]),
                    label: label("attendees"),
                    old: m.attendees.join("; "),
                    new: e.attendees.join("; "),
                    edit: Edit::Set(
                        path(&["meeting", "attendees"]),
                        Value::List(e.attendees.iter().cloned().map(Value::Text).collect()),
                    ),
                });
            }
        }
        (Some(old), Some(new)) => d.text(
            path(&["meeting", "opening"]),
            crate::tr!("import.into.opening"),
            old,
            new,
        ),
        (None, Some(_)) => d
            .out
            .unmapped
            .push(crate::tr!("import.into.opening_rewritten")),
        (Some(old), None) => d.text(
            path(&["meeting", "opening"]),
            crate::tr!("import.into.opening"),
            old,
            "",
        ),
    }
}

/// The listed Nơi nhận: a line gone is removed, a line added is added; a
/// line the notice adds from its tasks is reported.
fn recipients(d: &mut Differ, meeting: &Meeting, edited: &Notice) {
    let listed = &meeting.recipients;
    let printed = &edited.recipients;
    let mut removals = Vec::new();
    for (i, r) in listed.iter().enumerate() {
        if !printed.iter().any(|p| same(p, r)) {
            let at = vec![key("recipients"), Step::Index(i)];
            removals.push(Change {
                path: at.clone(),
                label: crate::tr!("import.into.recipient"),
                old: r.clone(),
                new: String::new(),
                edit: Edit::Remove(at),
            });
        }
    }
    // The units the notice adds to Nơi nhận from its tasks.
    let from_tasks: Vec<String> = meeting
        .all_tasks()
        .into_iter()
        .flat_map(|(_, t)| t.lead.iter().chain(&t.with).cloned().collect::<Vec<_>>())
        .filter(|u| crate::model::is_proper_name(u))
        .collect();
    for p in printed {
        if listed.iter().any(|r| same(p, r)) {
            continue;
        }
        if from_tasks.iter().any(|u| same(u, p)) {
            continue;
        }
        d.out.changes.push(Change {
            path: vec![key("recipients")],
            label: crate::tr!("import.into.recipient"),
            old: String::new(),
            new: p.clone(),
            edit: Edit::Insert(
                vec![key("recipients")],
                listed.len(),
                Value::Text(p.clone()),
            ),
        });
    }
    // A unit the notice adds from its tasks, no longer printed.
    for u in &from_tasks {
        if meeting.recipients_from_tasks
            && !listed.iter().any(|r| same(r, u))
            && !printed.iter().any(|p| same(p, u))
        {
            d.out
                .unmapped
                .push(crate::tr!("import.into.recipient_from_task", unit = u));
        }
    }
    removals.reverse();
    d.out.changes.extend(removals);
}
