//! Splicing: an edit planned as replacements of byte ranges of the text
//! (a value replaced, a key added, a key or item removed with its comment
//! lines, an item inserted), and the replacements made.

use std::ops::Range;

use crate::model::node::NodeKind;

use super::lookup::refuse;
use super::write::{flow_entry, inline, Owner};
use super::{Doc, Edit, Reason, Slot, Step, Value};

/// One replacement of a byte range of the text.
pub(super) type Splice = (Range<usize>, String);

/// The text with the splices made (they do not overlap).
pub(super) fn splice(text: &str, mut splices: Vec<Splice>) -> String {
    splices.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(text.len() + 256);
    let mut at = 0;
    for (range, new) in splices {
        out.push_str(&text[at..range.start]);
        out.push_str(&new);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

impl Doc {
    /// An edit as splices of the text, or why it cannot be made.
    pub(super) fn plan(&self, edit: &Edit) -> Result<Vec<Splice>, Reason> {
        let (last, parent_path) = edit.path().split_last().ok_or(Reason::EmptyPath)?;
        match edit {
            Edit::Set(_, value) => {
                let parent = self.locate(parent_path)?;
                match (self.find(parent.node, last), &parent.node.kind, last) {
                    (Ok(index), _, _) => {
                        let child = self.child(&parent, index)?;
                        refuse(&child)?;
                        self.replace(&child, value)
                    }
                    (Err(Reason::NoKey(_)), _, Step::Key(k))
                    | (_, NodeKind::Null, Step::Key(k)) => self.add_key(&parent, k, value),
                    (Err(e), _, _) => Err(e),
                }
            }
            Edit::Remove(_) => {
                let parent = self.locate(parent_path)?;
                let index = self.find(parent.node, last)?;
                let kids = self.children(&parent)?;
                refuse(&kids[index])?;
                self.remove(&parent, &kids, index)
            }
            Edit::Insert(path, index, value) => {
                let list = self.locate(path)?;
                self.insert(&list, *index, value)
            }
        }
    }

    /// Whether an edit joins a run of scalar edits planned on one parse:
    /// it sets an existing scalar to a scalar on the same line, or adds a
    /// key with a scalar to a block mapping as whole lines, away from the
    /// run's other changes. Keys added at one place (several fields of one
    /// task) keep their order, as the splices are applied in a stable
    /// order. The run's result is parsed and compared with what the edits
    /// ask ([`super::commit`]), which makes them again one by one if not.
    pub(super) fn in_run(
        &self,
        edit: &Edit,
        splices: &[Splice],
        run: &[(&Edit, Vec<Splice>)],
    ) -> bool {
        let one_line =
            |(r, s): &Splice| !s.contains('\n') && !self.view()[r.clone()].contains('\n');
        let lines = |(r, s): &Splice| {
            r.is_empty() && s.ends_with('\n') && self.line_start(r.start) == r.start
        };
        let apart = |a: &Splice, b: &Splice| {
            a.0.end < b.0.start || b.0.end < a.0.start || (lines(a) && lines(b))
        };
        let scalar = matches!(
            edit,
            Edit::Set(_, Value::Text(_) | Value::Int(_) | Value::Bool(_))
        );
        let in_place = || {
            splices.iter().all(one_line)
                && self
                    .locate(edit.path())
                    .is_ok_and(|s| !matches!(s.node.kind, NodeKind::Seq(_) | NodeKind::Map(_)))
        };
        let added = || {
            splices.iter().all(lines) && matches!(self.locate(edit.path()), Err(Reason::NoKey(_)))
        };
        scalar
            && (in_place() || added())
            && run
                .iter()
                .flat_map(|(_, s)| s)
                .all(|done| splices.iter().all(|new| apart(done, new)))
    }

    /// Replaces the value in a slot.
    fn replace(&self, slot: &Slot, value: &Value) -> Result<Vec<Splice>, Reason> {
        let empty = slot.vs == slot.ie;
        if slot.flow {
            let text = inline(value, true);
            let text = if empty { format!(" {text}") } else { text };
            return Ok(vec![(slot.vs..slot.end, text)]);
        }
        let col = self.col(slot.lead);
        let owner = if slot.key {
            Owner::Key(col)
        } else {
            Owner::Dash(col)
        };
        let out = self.render(value, owner, self.is_flow(slot.node));
        let on_line = !self.view()[slot.ie..slot.vs].contains('\n');
        let (a, b, body) = if on_line {
            let a = if out.inline.is_empty() {
                slot.ie
            } else {
                slot.vs
            };
            let body = self.next_line(slot.head_end)..self.next_line(slot.end);
            (a, slot.head_end, body)
        } else {
            // Comment lines between the key and the value go with it: they
            // would be content of a new block scalar.
            let body = self.next_line(slot.ie)..self.next_line(slot.end);
            (slot.ie, slot.ie, body)
        };
        let head = self.head(a, b, slot.ie, out.inline);
        if body.is_empty() && out.lines.is_empty() {
            return Ok(vec![head]);
        }
        Ok(vec![head, (body, self.joined(&out.lines))])
    }

    /// Replaces `a..b` on a line with `new`, keeping a comment after it at
    /// its column when there is room, else at its distance.
    fn head(&self, a: usize, mut b: usize, ie: usize, mut new: String) -> Splice {
        let view = self.view();
        if a == ie && !new.is_empty() && a > 0 && !view[..a].ends_with('\n') {
            new.insert(0, ' ');
        }
        let rest = &view[b..self.line_end(b)];
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        if spaces > 0 && rest[spaces..].starts_with('#') {
            let chars = |from: usize, to: usize| view[from..to].chars().count();
            let old = chars(self.line_start(b), b) + spaces;
            let now = chars(self.line_start(a), a) + new.chars().count();
            new.push_str(&" ".repeat(if old > now { old - now } else { spaces }));
            b += spaces;
        }
        (a..b, new)
    }

    fn joined(&self, lines: &[String]) -> String {
        lines.iter().map(|l| format!("{l}{}", self.nl)).collect()
    }

    fn add_key(&self, parent: &Slot, key: &str, value: &Value) -> Result<Vec<Splice>, Reason> {
        let kids = self.children(parent)?;
        let entry = || Value::Map(vec![(key.to_owned(), value.clone())]);
        let Some(last) = kids.last() else {
            return self.replace(parent, &entry());
        };
        if parent.flow || self.is_flow(parent.node) {
            return Ok(vec![(
                last.end..last.end,
                format!(", {}", flow_entry(key, value)),
            )]);
        }
        let at = self.next_line(last.end);
        let lines = self.entry(key, value, self.col(kids[0].lead));
        Ok(vec![(at..at, self.joined(&lines))])
    }

    fn remove(&self, parent: &Slot, kids: &[Slot], index: usize) -> Result<Vec<Splice>, Reason> {
        let kid = &kids[index];
        if kids.len() == 1 {
            let empty = match parent.node.kind {
                NodeKind::Seq(_) => Value::List(Vec::new()),
                _ => Value::Map(Vec::new()),
            };
            return self.replace(parent, &empty);
        }
        let next = kids.get(index + 1);
        if parent.flow || self.is_flow(parent.node) {
            let range = match next {
                Some(next) => kid.lead..next.lead,
                None => kids[index - 1].end..kid.end,
            };
            return Ok(vec![(range, String::new())]);
        }
        if !self.first_on_line(kid.lead) {
            // `- key: v` or `- - a`: the next sibling moves up to the dash.
            let next = next.ok_or(Reason::Unsupported("item sharing its line"))?;
            return Ok(vec![(kid.lead..next.lead, String::new())]);
        }
        let mut from = self.attached(kid.lead);
        let mut to = self.next_line(kid.end);
        if from > 0 && self.blank_line(self.line_start(from - 1)) {
            if self.blank_line(to) {
                while self.blank_line(to) {
                    to = self.next_line(to);
                }
            } else if next.is_none() {
                while from > 0 && self.blank_line(self.line_start(from - 1)) {
                    from = self.line_start(from - 1);
                }
            }
        }
        Ok(vec![(from..to, String::new())])
    }

    /// Start of the comment lines directly above `lead` at its column, or
    /// of its line.
    fn attached(&self, lead: usize) -> usize {
        let col = self.col(lead);
        let mut start = self.line_start(lead);
        while start > 0 {
            let above = self.line_start(start - 1);
            let line = &self.view()[above..start];
            let body = line.trim_start_matches(' ');
            if !(body.starts_with('#') && line.len() - body.len() == col) {
                break;
            }
            start = above;
        }
        start
    }

    fn insert(&self, list: &Slot, index: usize, value: &Value) -> Result<Vec<Splice>, Reason> {
        let len = match &list.node.kind {
            NodeKind::Seq(items) => items.len(),
            NodeKind::Null => 0,
            _ => return Err(Reason::NotList),
        };
        if index > len {
            return Err(Reason::NoIndex { index, len });
        }
        if len == 0 {
            return self.replace(list, &Value::List(vec![value.clone()]));
        }
        let kids = self.children(list)?;
        if list.flow || self.is_flow(list.node) {
            let text = inline(value, true);
            return Ok(vec![match kids.get(index) {
                Some(kid) => (kid.lead..kid.lead, format!("{text}, ")),
                None => (kids[len - 1].end..kids[len - 1].end, format!(", {text}")),
            }]);
        }
        let col = self.col(kids[0].lead);
        let lines = self.item(value, col);
        let at = match kids.get(index) {
            None => self.next_line(kids[len - 1].end),
            Some(kid) if self.first_on_line(kid.lead) => self.attached(kid.lead),
            Some(kid) => {
                // `- - a`: the new item takes the dash's place on its line.
                let text = format!("{}{:col$}", &self.joined(&lines)[col..], "");
                return Ok(vec![(kid.lead..kid.lead, text)]);
            }
        };
        Ok(vec![(at..at, self.joined(&lines))])
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Doc, Edit, Step, Value};

    fn key(path: &[&str], index: usize, field: &str) -> Vec<Step> {
        let mut p: Vec<Step> = path.iter().map(|k| Step::Key(k.to_string())).collect();
        p.insert(1, Step::Index(index));
        p.push(Step::Key(field.to_string()));
        p
    }

    /// The fields `tasks apply` sets on tasks (added keys and scalars set
    /// in place) are planned on one parse: each joins the run.
    #[test]
    fn keys_added_and_scalars_set_join_one_run() {
        let text = "tasks:\n  - do: a\n    due: 2021-03-10\n  - do: b\n    status: open\n";
        let doc = Doc::parse(text.to_string(), "\n").unwrap();
        let edits = [
            Edit::Set(key(&["tasks"], 0, "status"), Value::Text("done".into())),
            Edit::Set(
                key(&["tasks"], 0, "done_on"),
                Value::Text("2021-03-09".into()),
            ),
            Edit::Set(key(&["tasks"], 1, "status"), Value::Text("done".into())),
            Edit::Set(key(&["tasks"], 1, "report"), Value::Text("BC 1".into())),
        ];
        let mut run = Vec::new();
        for edit in &edits {
            let splices = doc.plan(edit).unwrap();
            assert!(doc.in_run(edit, &splices, &run), "{edit:?}");
            run.push((edit, splices));
        }
        // A list is not a scalar: it ends the run.
        let list = Edit::Set(key(&["tasks"], 1, "with"), Value::List(vec![]));
        let splices = doc.plan(&list).unwrap();
        assert!(!doc.in_run(&list, &splices, &run));
        let out = super::super::apply(text, &edits).unwrap();
        assert_eq!(
            out,
            "tasks:\n  - do: a\n    due: 2021-03-10\n    status: done\n    done_on: 2021-03-09\n  - do: b\n    status: done\n    report: BC 1\n"
        );
    }
}
