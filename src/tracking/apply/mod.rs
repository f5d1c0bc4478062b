//! `ketluan tasks apply`: the sheets units send back (the workbook of
//! `tasks --format xlsx`, or a CSV of `tasks --format csv` after a round
//! through Excel) read, every row checked against the task it names, and
//! the answers written into the meeting files as field edits that change
//! only those values ([`crate::yaml_edit`]).
//!
//! [`plan`] reads and checks everything and makes the new text of every
//! meeting file touched, in memory; [`Plan::write`] writes them, each
//! atomically. Only the meeting files the rows name are loaded (an id
//! starts with its file's stem), so applying a unit's dozen rows to a large
//! archive reads a dozen files.

pub mod check;
pub mod read;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use self::check::{check_row, FieldChange, Problem};
use self::read::{Column, Returned, Row, Value};
use super::{collect, fold, TrackedTask, NO_LEAD};
use crate::date::Date;
use crate::model::load::{collect_meeting_files, find_defaults, load_read, read_bytes, stem_of};
use crate::model::{Meeting, Task};
use crate::yaml_edit::{Edit, Step};

/// A row taken: the task, what changes, and the note the unit wrote.
#[derive(Clone, Debug)]
pub struct Change {
    /// The task's id.
    pub id: String,
    /// Its line in the meeting file (changes are listed in file order).
    pub line: u32,
    /// The row (its id cell: `nv-so-noi-vu.xlsx!Nhiem vu!A7`).
    pub at: String,
    /// The fields that change.
    pub fields: Vec<FieldChange>,
    /// `Ghi chú`, shown and not written.
    pub note: Option<String>,
}

/// A meeting file with the changes of its tasks, and its new text.
#[derive(Clone, Debug)]
pub struct FileChanges {
    /// The meeting file.
    pub file: PathBuf,
    /// Its changes, in the order of the rows.
    pub changes: Vec<Change>,
    /// The file's text after them.
    pub text: String,
}

/// What applying the sheets would do: the files to change, and every row
/// refused with where and why.
#[derive(Debug, Default)]
pub struct Plan {
    /// Meeting files to change, in path order.
    pub files: Vec<FileChanges>,
    /// Problems, in the order of the files and rows read.
    pub refused: Vec<Problem>,
    /// Rows read that name a task.
    pub rows: usize,
    /// Rows that change nothing.
    pub unchanged: usize,
    /// Sheets whose sender could not be told (the lead unit not checked).
    pub unknown_senders: Vec<String>,
}

impl Plan {
    /// Writes every meeting file of the plan as one change
    /// ([`crate::output::write_batch_atomic`]): all new texts on disk
    /// first, then renamed over the files; an error before the renames
    /// leaves every file as it was.
    pub fn write(&self) -> std::io::Result<()> {
        let files: Vec<(&Path, &[u8])> = self
            .files
            .iter()
            .map(|f| (f.file.as_path(), f.text.as_bytes()))
            .collect();
        crate::output::write_batch_atomic(&files).map(|_| ())
    }
}

/// A returned sheet to read: how messages name it, and its path.
pub struct Sheet {
    /// The name in messages (the path as typed).
    pub name: String,
    /// The file.
    pub path: PathBuf,
}

/// A meeting file loaded for applying: its text, its tasks and where each
/// stands in the file, or the reason it cannot be edited.
struct MeetingFile {
    file: PathBuf,
    text: String,
    tasks: Result<Vec<(TrackedTask, Vec<Step>)>, String>,
    departments: Vec<(String, String)>,
}

/// The paths of a meeting's tasks in its file, in the order [`collect`]
/// gives the tasks (depth first): `agenda[s].tasks[i].subtasks[j]…`.
fn task_paths(meeting: &Meeting) -> Vec<Vec<Step>> {
    fn walk(tasks: &[Task], at: &[Step], key: &str, out: &mut Vec<Vec<Step>>) {
        for (i, t) in tasks.iter().enumerate() {
            let mut path = at.to_vec();
            path.extend([Step::Key(key.to_string()), Step::Index(i)]);
            out.push(path.clone());
            walk(&t.subtasks, &path, "subtasks", out);
        }
    }
    let mut out = Vec::new();
    for (s, item) in meeting.agenda.iter().enumerate() {
        let at = [Step::Key("agenda".to_string()), Step::Index(s)];
        walk(&item.tasks, &at, "tasks", &mut out);
    }
    out
}

fn load(file: &Path) -> MeetingFile {
    let fail = |text: String, why: String| MeetingFile {
        file: file.to_path_buf(),
        text,
        tasks: Err(why),
        departments: Vec::new(),
    };
    let bytes = match read_bytes(file) {
        Ok(b) => b,
        Err(d) => return fail(String::new(), d.message.clone()),
    };
    let Ok(text) = String::from_utf8(bytes.clone()) else {
        return fail(String::new(), crate::tr!("apply.meeting_errors"));
    };
    let loaded = load_read(file, Some(bytes), find_defaults(file).as_deref());
    match loaded.meeting {
        Some(meeting) if !loaded.diagnostics.has_errors() => {
            let tasks = collect(&meeting, file)
                .into_iter()
                .zip(task_paths(&meeting))
                .collect();
            MeetingFile {
                file: file.to_path_buf(),
                text,
                tasks: Ok(tasks),
                departments: meeting.departments.clone(),
            }
        }
        _ => fail(text, crate::tr!("apply.meeting_errors")),
    }
}

/// The unit a sheet is from: `--lead` (its names), else the sheet's
/// `Đơn vị:` line, else a file named `nv-<unit>` as `--split-by-lead`
/// names them (matched against the task's units' slugs and codes).
enum Sender {
    Names(Vec<String>),
    Slug(String),
    Unknown,
}

impl Sender {
    fn of(lead: Option<&[String]>, returned: &Returned, path: &Path) -> Sender {
        if let Some(names) = lead {
            return Sender::Names(names.to_vec());
        }
        if let Some(unit) = &returned.unit {
            return Sender::Names(vec![unit.clone()]);
        }
        let stem = stem_of(path);
        match stem.strip_prefix("nv-") {
            Some(slug) if !slug.is_empty() && slug != "chua-giao" => Sender::Slug(slug.to_string()),
            _ => Sender::Unknown,
        }
    }

    /// Whether the task's lead units include the sender.
    fn leads(&self, task: &TrackedTask, departments: &[(String, String)]) -> bool {
        match self {
            Sender::Unknown => true,
            Sender::Names(names) => {
                let names: Vec<String> = names.iter().map(|n| fold(n)).collect();
                // The workbook of tasks without a lead names them so.
                if task.lead.is_empty() {
                    return names.contains(&fold(NO_LEAD));
                }
                task.lead.iter().any(|l| names.contains(&fold(l)))
            }
            Sender::Slug(slug) => task.lead.iter().any(|l| {
                super::xlsx::slug(l) == *slug
                    || departments
                        .iter()
                        .any(|(code, name)| name == l && code.to_ascii_lowercase() == *slug)
            }),
        }
    }
}

/// The stem of a task id (`2021-01-25-phien-hop#I.3` → `2021-01-25-phien-hop`).
fn stem_of_id(id: &str) -> &str {
    id.rsplit_once('#').map_or(id, |(stem, _)| stem)
}

/// Reads the sheets, checks each row against the meeting files under
/// `meetings` on `today`, and plans the edits. `lead` (the names of a
/// `--lead`) says who sent the sheets. Errors only when the meeting
/// folders cannot be listed.
pub fn plan(
    sheets: &[Sheet],
    meetings: &[PathBuf],
    lead: Option<&[String]>,
    today: Date,
) -> Result<Plan, String> {
    let mut plan = Plan::default();
    let read: Vec<(&Sheet, Result<Returned, read::FileError>)> = sheets
        .par_iter()
        .map(|s| (s, read::read(&s.path, &s.name)))
        .collect();
    let files = collect_meeting_files(meetings)?;
    let mut by_stem: HashMap<String, Vec<&PathBuf>> = HashMap::new();
    for f in &files {
        by_stem.entry(stem_of(f)).or_default().push(f);
    }
    // The meeting files the rows name, loaded side by side.
    let mut wanted: Vec<&PathBuf> = read
        .iter()
        .filter_map(|(_, r)| r.as_ref().ok())
        .flat_map(|r| &r.rows)
        .filter_map(id_text)
        .filter_map(|id| by_stem.get(stem_of_id(&id)))
        .filter(|found| found.len() == 1)
        .map(|found| found[0])
        .collect();
    wanted.sort();
    wanted.dedup();
    let loaded: Vec<MeetingFile> = wanted.par_iter().map(|f| load(f)).collect();
    let mut targets: HashMap<&str, (usize, &TrackedTask, &Vec<Step>)> = HashMap::new();
    for (i, m) in loaded.iter().enumerate() {
        for (task, path) in m.tasks.iter().flatten() {
            targets.insert(task.id.as_str(), (i, task, path));
        }
    }
    let mut edits: Vec<Vec<(Change, Vec<Edit>)>> = vec![Vec::new(); loaded.len()];
    let mut seen: HashMap<String, String> = HashMap::new();
    for (sheet, returned) in &read {
        let returned = match returned {
            Ok(r) => r,
            Err(e) => {
                plan.refused.push(Problem {
                    at: e.at.clone(),
                    message: e.message.clone(),
                });
                continue;
            }
        };
        let sender = Sender::of(lead, returned, &sheet.path);
        if matches!(sender, Sender::Unknown) {
            plan.unknown_senders.push(sheet.name.clone());
        }
        for row in &returned.rows {
            let Some(id_cell) = row.cell(Column::Id) else {
                continue;
            };
            let Some(id) = id_text(row) else {
                plan.refused.push(Problem {
                    at: id_cell.at.to_string(),
                    message: crate::tr!("apply.no_id"),
                });
                continue;
            };
            plan.rows += 1;
            let at = id_cell.at.to_string();
            let refuse = |plan: &mut Plan, message: String| {
                plan.refused.push(Problem {
                    at: at.clone(),
                    message,
                })
            };
            let stem = stem_of_id(&id);
            let Some(&(file, task, path)) = targets.get(id.as_str()) else {
                let message = match by_stem.get(stem).map(Vec::as_slice) {
                    Some([_, _, ..]) => crate::tr!("apply.stem_twice", stem = stem),
                    Some([one]) => match loaded.iter().find(|m| m.file == **one) {
                        Some(MeetingFile {
                            tasks: Err(why), ..
                        }) => {
                            format!("{}: {why}", one.display())
                        }
                        Some(m) => {
                            unknown_id(&id, m.tasks.iter().flatten().map(|(t, _)| t.id.as_str()))
                        }
                        None => unknown_id(&id, std::iter::empty()),
                    },
                    _ => {
                        let place = id.rsplit_once('#').map_or("", |(_, p)| p);
                        let near = by_stem.keys().map(|s| format!("{s}#{place}"));
                        unknown_id(&id, near.collect::<Vec<_>>().iter().map(String::as_str))
                    }
                };
                refuse(&mut plan, message);
                continue;
            };
            if !sender.leads(task, &loaded[file].departments) {
                let unit = match &sender {
                    Sender::Names(n) => n.last().cloned().unwrap_or_default(),
                    Sender::Slug(s) => format!("nv-{s}"),
                    Sender::Unknown => String::new(),
                };
                let message = crate::tr!(
                    "apply.not_lead",
                    unit = unit,
                    lead = if task.lead.is_empty() {
                        crate::tr!("apply.no_lead")
                    } else {
                        task.lead.join("; ")
                    }
                );
                refuse(&mut plan, message);
                continue;
            }
            match check_row(row, task, today) {
                Err(problems) => plan.refused.extend(problems),
                Ok(fields) if fields.is_empty() => plan.unchanged += 1,
                Ok(fields) => {
                    if let Some(first) = seen.get(&id) {
                        let message = crate::tr!("apply.twice", first = first);
                        refuse(&mut plan, message);
                        continue;
                    }
                    seen.insert(id.clone(), at.clone());
                    let steps = |field: &str| {
                        let mut p = path.clone();
                        p.push(Step::Key(field.to_string()));
                        p
                    };
                    let edit: Vec<Edit> = fields
                        .iter()
                        .map(|f| Edit::Set(steps(f.field), f.value.clone()))
                        .collect();
                    let note = row.filled(Column::Note).map(|c| match &c.value {
                        Value::Text(t) | Value::Formula(t) => t.clone(),
                        other => format!("{other:?}"),
                    });
                    let change = Change {
                        id: id.clone(),
                        line: task.line,
                        at: at.clone(),
                        fields,
                        note,
                    };
                    edits[file].push((change, edit));
                }
            }
        }
    }
    // The new texts, file by file side by side.
    let made: Vec<Result<FileChanges, Vec<Problem>>> = loaded
        .par_iter()
        .zip(edits)
        .filter(|(_, e)| !e.is_empty())
        .map(|(m, e)| edit_file(m, e))
        .collect();
    for made in made {
        match made {
            Ok(f) => plan.files.push(f),
            Err(problems) => plan.refused.extend(problems),
        }
    }
    plan.files.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(plan)
}

/// The id a row names, trimmed; none when its cell is empty.
fn id_text(row: &Row) -> Option<String> {
    match &row.filled(Column::Id)?.value {
        Value::Text(t) => Some(t.trim().to_string()),
        _ => None,
    }
}

/// The message for an id no task has, with the nearest of `ids`.
fn unknown_id<'a>(id: &str, ids: impl Iterator<Item = &'a str>) -> String {
    let nearest = ids
        .map(|c| (strsim::levenshtein(c, id), c))
        .min()
        .filter(|(d, _)| *d <= 3 + id.len() / 8);
    match nearest {
        Some((_, n)) => format!(
            "{}; {}",
            crate::tr!("apply.unknown_id", id = id),
            crate::tr!("apply.did_you_mean", word = n)
        ),
        None => crate::tr!("apply.unknown_id", id = id),
    }
}

/// A meeting file's new text with its rows' edits, or a problem for each
/// of its rows when an edit cannot be made.
fn edit_file(
    m: &MeetingFile,
    edits: Vec<(Change, Vec<Edit>)>,
) -> Result<FileChanges, Vec<Problem>> {
    let mut edits = edits;
    edits.sort_by_key(|(c, _)| c.line);
    let all: Vec<Edit> = edits.iter().flat_map(|(_, e)| e.clone()).collect();
    match crate::yaml_edit::apply(&m.text, &all) {
        Ok(text) => Ok(FileChanges {
            file: m.file.clone(),
            changes: edits.into_iter().map(|(c, _)| c).collect(),
            text,
        }),
        Err(e) => Err(edits
            .iter()
            .map(|(c, _)| Problem {
                at: c.at.clone(),
                message: format!("{}: {e}", m.file.display()),
            })
            .collect()),
    }
}

/// The changes grouped by meeting file, as `tasks apply` prints them.
pub fn listing(plan: &Plan) -> String {
    let mut out = String::new();
    for f in &plan.files {
        out.push_str(&format!("{}\n", portable(&f.file)));
        for c in &f.changes {
            let place = c.id.rsplit_once('#').map_or(c.id.as_str(), |(_, p)| p);
            let fields: Vec<String> = c
                .fields
                .iter()
                .map(|f| {
                    format!(
                        "{}: {} → {}",
                        f.field,
                        f.old.as_deref().unwrap_or("∅"),
                        f.new
                    )
                })
                .collect();
            out.push_str(&format!("  {place}  {}  ({})\n", fields.join(", "), c.at));
            if let Some(note) = &c.note {
                out.push_str(&format!("      {}: {note}\n", Column::Note.heading()));
            }
        }
    }
    out
}

/// A path with `/` between its parts on every system.
fn portable(path: &Path) -> String {
    let text = path.to_string_lossy();
    if cfg!(windows) {
        text.replace('\\', "/")
    } else {
        text.into_owned()
    }
}
