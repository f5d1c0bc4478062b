//! Checks of one field against others: units against the directory of
//! `departments` (codes expanded, unknown proper names warned about), a
//! task's dates against the meeting's and its own deadline, the documents'
//! dates against the meeting's.

use serde_json::{Map, Value};

use super::hygiene::nfc;
use super::walk::nearest;
use super::{Fields, Walker};
use crate::date::Date;
use crate::diag::{Diagnostic, Loc};

/// Where the meeting's date is read (tasks due before it are warned about).
pub(super) const MEETING_DATE: &str = "meeting.date";

/// True when a unit name is a proper name (starts with a capital letter).
pub(crate) fn is_proper_name(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_uppercase)
}

impl Walker<'_> {
    pub(super) fn departments(&mut self, f: &Fields) {
        let Some(node) = f.get("departments") else {
            return;
        };
        let anchor = f.key_loc("departments").unwrap_or(node.loc);
        let Some(d) = self.fields(node, anchor, "departments", None) else {
            return;
        };
        let mut out = Vec::new();
        for (key, value) in d.entries {
            let field = format!("departments.{}", key.name);
            if let Some(name) = self.text_node(value, &field) {
                out.push((nfc(key.name.trim()), name));
            }
        }
        self.departments = out;
    }

    pub(super) fn expand_unit(&mut self, name: String, loc: Loc, field: &str) -> String {
        if self.departments.is_empty() {
            return name;
        }
        if let Some((_, full)) = self.departments.iter().find(|(code, _)| *code == name) {
            return full.clone();
        }
        let known = self.departments.iter().any(|(_, full)| *full == name);
        if !known && is_proper_name(&name) {
            let candidates = self
                .departments
                .iter()
                .flat_map(|(c, n)| [c.as_str(), n.as_str()]);
            let mut d = Diagnostic::warning(
                loc,
                field,
                crate::tr!("model.schema.unknown_unit", name = name),
            );
            if let Some(best) = nearest(&name, candidates) {
                d = d.with_hint(crate::tr!("model.schema.did_you_mean", name = best));
            }
            self.diags.push(d);
        }
        name
    }

    /// A date of a block's value, as read (ISO text).
    fn date_in(block: &Map<String, Value>, key: &str) -> Option<Date> {
        block
            .get(key)
            .and_then(Value::as_str)
            .and_then(|s| Date::parse(s).ok())
    }

    /// Warnings on a task's dates: due before the meeting, an extension
    /// not after the first deadline, an extension asked for that is not
    /// after the deadline in force.
    pub(super) fn task_checks(&mut self, f: &Fields, task: &Map<String, Value>) {
        let due = Self::date_in(task, "due");
        if let (Some(due), Some(held), Some(n)) = (due, self.meeting_date, f.get("due")) {
            if due < held {
                self.diags.push(
                    Diagnostic::warning(
                        n.loc,
                        f.path("due"),
                        crate::tr!(
                            "model.schema.due_before_meeting",
                            due = due.short(),
                            held = held.short()
                        ),
                    )
                    .with_hint(crate::tr!("model.schema.due_hint")),
                );
            }
        }
        let extended = Self::date_in(task, "extended_to");
        if let (Some(due), Some(ext), Some(n)) = (due, extended, f.get("extended_to")) {
            if ext <= due {
                self.diags.push(Diagnostic::warning(
                    n.loc,
                    f.path("extended_to"),
                    crate::tr!(
                        "model.schema.extension_not_after",
                        extended = ext.short(),
                        due = due.short()
                    ),
                ));
            }
        }
        // A request for a deadline the task already has asks for nothing.
        let requested = Self::date_in(task, "extension_requested");
        let in_force = extended.or(due);
        if let (Some(asked), Some(deadline), Some(n)) =
            (requested, in_force, f.get("extension_requested"))
        {
            if asked <= deadline {
                self.diags.push(Diagnostic::warning(
                    n.loc,
                    f.path("extension_requested"),
                    crate::tr!(
                        "model.schema.request_not_after",
                        asked = asked.short(),
                        deadline = deadline.short()
                    ),
                ));
            }
        }
    }

    /// Warnings on the documents' dates against the meeting's: a notice
    /// dated before the meeting, an invitation dated after it.
    pub(super) fn date_order(&mut self, f: &Fields) {
        let Some(held) = self.meeting_date else {
            return;
        };
        for (block, after) in [("notice", false), ("invitation", true)] {
            let Some(node) = f.get(block).and_then(|b| b.get("date")) else {
                continue;
            };
            let Some(issued) = self.scalar_text(node).and_then(|t| Date::parse(&t).ok()) else {
                continue;
            };
            let message = if !after && issued < held {
                crate::tr!(
                    "model.schema.notice_before_meeting",
                    issued = issued.short(),
                    held = held.short()
                )
            } else if after && issued > held {
                crate::tr!(
                    "model.schema.invitation_after_meeting",
                    issued = issued.short(),
                    held = held.short()
                )
            } else {
                continue;
            };
            let field = format!("{block}.date");
            self.diags
                .push(Diagnostic::warning(node.loc, field, message));
        }
    }
}
