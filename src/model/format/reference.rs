//! The field tables of the reference page (`docs/meeting-format.md`),
//! written from the tables of [`super`]: one Markdown table a block, in
//! reading order (`ketluan schema --reference`; a test keeps the page
//! equal to them).

use std::fmt::Write as _;

use super::{Default, Field, Kind, Need, ROOT, TASK};

/// The blocks of the format with their path in a file, in reading order,
/// for the reference (a task stands for `tasks` and `subtasks` items).
pub fn blocks() -> Vec<(String, &'static [Field])> {
    // Tables are consts, so one table may sit at several addresses: they
    // are told apart by their names and descriptions.
    fn same(a: &[Field], b: &[Field]) -> bool {
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(x, y)| x.name == y.name && x.doc == y.doc)
    }
    fn walk(path: &str, fields: &'static [Field], out: &mut Vec<(String, &'static [Field])>) {
        out.push((path.to_string(), fields));
        for field in fields {
            let child = if path.is_empty() {
                field.name.to_string()
            } else {
                format!("{path}.{}", field.name)
            };
            match field.kind {
                Kind::Group(inner) | Kind::Document(_, inner)
                    if !out.iter().any(|(_, f)| same(f, inner)) =>
                {
                    walk(&child, inner, out)
                }
                Kind::Sections(inner) => walk(&format!("{child}[]"), inner, out),
                Kind::Tasks if !out.iter().any(|(_, f)| same(f, TASK)) => walk("task", TASK, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk("", ROOT, &mut out);
    out
}

/// How a field's need reads in the reference: `yes`, `no`, or the
/// documents (`TB`, `GM`, `BB`).
fn need_words(need: Need) -> String {
    match need {
        Need::ALWAYS => "yes".to_string(),
        Need::NONE => "no".to_string(),
        n => n
            .kinds()
            .iter()
            .map(|k| k.code())
            .collect::<Vec<_>>()
            .join(", "),
    }
}

fn default_words(field: &Field) -> String {
    match field.default {
        Default::None => String::new(),
        Default::Bool(b) => format!("`{b}`"),
        Default::Text(t) => format!("`{t}`"),
        Default::From(path) => format!("`{path}`"),
        Default::Described(d) => format!("`{d}`"),
    }
}

/// The field tables of the reference (`docs/meeting-format.md`), one per
/// block, as Markdown.
pub fn reference_tables() -> String {
    let mut out = String::new();
    for (path, fields) in blocks() {
        let title = match path.as_str() {
            "" => "Top level".to_string(),
            "task" => "A task (in `tasks` and `subtasks`)".to_string(),
            p => format!("`{p}`"),
        };
        let _ = writeln!(out, "#### {title}\n");
        out.push_str("| field | type | required for | if not given | blank to fill by hand in | what it is |\n");
        out.push_str("|---|---|---|---|---|---|\n");
        for field in fields {
            let recommended = if field.recommended == Need::NONE {
                String::new()
            } else {
                need_words(field.recommended)
            };
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} | {} | {} |",
                field.name,
                field.kind.describe(),
                need_words(field.need),
                default_words(field),
                recommended,
                crate::text::upper_first(field.doc).replace('|', "\\|"),
            );
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_block_is_listed_once_and_defaults_point_backwards() {
        let blocks = blocks();
        let paths: Vec<&str> = blocks.iter().map(|(p, _)| p.as_str()).collect();
        for p in [
            "",
            "issuer",
            "meeting",
            "meeting.chair",
            "meeting.secretary",
            "signer",
            "invitation",
            "minutes",
            "notice",
            "agenda[]",
            "task",
        ] {
            assert!(paths.contains(&p), "{p} in {paths:?}");
        }
        // A `From` default names a field walked before it.
        let mut walked: Vec<String> = Vec::new();
        fn walk(path: &str, fields: &[Field], walked: &mut Vec<String>) {
            for field in fields {
                let here = if path.is_empty() {
                    field.name.to_string()
                } else {
                    format!("{path}.{}", field.name)
                };
                if let Default::From(source) = field.default {
                    assert!(
                        walked.iter().any(|w| w == source),
                        "{here} defaults to {source}, which is read after it"
                    );
                }
                if let Kind::Group(inner) | Kind::Document(_, inner) = field.kind {
                    walk(&here, inner, walked);
                }
                walked.push(here);
            }
        }
        walk("", ROOT, &mut walked);
    }

    /// The reference page holds the tables as generated. With
    /// `KETLUAN_BLESS=1` the test writes them there (a temporary file,
    /// then renamed) and still fails if that changed the page, so that a
    /// blessing is seen and the next run, without it, checks the result;
    /// under `CI=true` blessing is refused.
    #[test]
    fn the_reference_page_holds_the_generated_tables() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/meeting-format.md");
        let page = std::fs::read_to_string(path).unwrap();
        let (begin, end) = ("<!-- fields:begin -->\n", "<!-- fields:end -->");
        let i = page.find(begin).expect("the begin marker") + begin.len();
        let j = page.find(end).expect("the end marker");
        let tables = reference_tables();
        if std::env::var_os("KETLUAN_BLESS").is_some() {
            assert_ne!(
                std::env::var("CI").as_deref(),
                Ok("true"),
                "KETLUAN_BLESS rewrites docs/meeting-format.md: not under CI"
            );
            if page[i..j] != tables {
                let updated = format!("{}{tables}{}", &page[..i], &page[j..]);
                let temporary = format!("{path}.tmp");
                std::fs::write(&temporary, updated).unwrap();
                std::fs::rename(&temporary, path).unwrap();
                panic!("docs/meeting-format.md updated: review the change and run the tests again without KETLUAN_BLESS");
            }
        }
        assert!(
            page[i..j] == tables,
            "docs/meeting-format.md is out of date: run `KETLUAN_BLESS=1 cargo test --lib reference_page` (or paste `ketluan schema --reference` between the markers)"
        );
    }
}
