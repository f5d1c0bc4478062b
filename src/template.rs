//! Templates (tera 2): the meeting → the body of the notice as Markdown.
//!
//! The default template is embedded in the binary; `--templates DIR` reads
//! files of the same names from a folder instead (any not there fall back to
//! the embedded ones). Vietnamese dates, Roman numerals, the joining of unit
//! lists and Markdown escaping are filters, so the wording can be changed
//! without touching code.

use std::path::{Path, PathBuf};

use tera::{Context, Kwargs, State, Tera, Value};

use crate::date::Date;
use crate::markdown;

/// The embedded templates: (file name, text).
pub const EMBEDDED: &[(&str, &str)] = &[
    ("agenda.md", include_str!("../templates/agenda.md")),
    ("body.md", include_str!("../templates/body.md")),
    ("giay-moi.md", include_str!("../templates/giay-moi.md")),
    ("bien-ban.md", include_str!("../templates/bien-ban.md")),
    ("report.md", include_str!("../templates/report.md")),
    ("don-doc.md", include_str!("../templates/don-doc.md")),
    ("document.html", include_str!("../templates/document.html")),
    (
        "site-base.html",
        include_str!("../templates/site-base.html"),
    ),
    (
        "site-index.html",
        include_str!("../templates/site-index.html"),
    ),
    (
        "site-meeting.html",
        include_str!("../templates/site-meeting.html"),
    ),
    (
        "site-tasks.html",
        include_str!("../templates/site-tasks.html"),
    ),
];

/// The template that renders the body of a notice.
pub const BODY: &str = "body.md";

/// The template that renders the body of an invitation (giấy mời).
pub const INVITATION: &str = "giay-moi.md";

/// The template that renders the body of minutes (biên bản).
pub const MINUTES: &str = "bien-ban.md";

/// The template that renders the body of a task report.
pub const REPORT: &str = "report.md";

/// The template that words a công văn đôn đốc (`ketluan remind`).
pub const REMINDER: &str = "don-doc.md";

/// A template that failed to load or render.
#[derive(Clone, Debug, thiserror::Error)]
#[error("{}", crate::tr!("template.error", name = .name, message = .message))]
pub struct TemplateError {
    /// The template's name (or path).
    pub name: String,
    /// Tera's report.
    pub message: String,
}

fn tera_error(name: &str, e: &tera::Error) -> TemplateError {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(&format!(": {s}"));
        source = s.source();
    }
    TemplateError {
        name: name.to_string(),
        message,
    }
}

/// A set of loaded templates with ketluan's filters: the Markdown ones
/// (`*.md`, their plain-text values escaped for Markdown) and the HTML
/// pages (`*.html`, escaped for HTML).
///
/// Each template is compiled when it is first rendered, in a tera instance
/// of its own holding it and the templates it names (`include`, `extends`,
/// `import`), so that a run parses only what it renders: one notice parses
/// `body.md` and `agenda.md`, not the invitation, minutes, report and page
/// templates (0.2 ms of a single notice's 9 ms). Those of a folder are all
/// compiled up front, so that a mistake in one stops the run before
/// anything is written.
pub struct Templates {
    sources: Vec<(String, String)>,
    compiled: Vec<std::sync::OnceLock<Result<Tera, TemplateError>>>,
}

pub use crate::text::{join_units, roman, upper_first};

/// The skeleton `ketluan new` writes (and `import` follows), with a
/// Vietnamese comment on every field.
pub const NEW_MEETING: &str = include_str!("../templates/new-meeting.yaml");

fn markdown_escape(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(markdown::escape(text).as_bytes())
}

/// Drops a final `;`, `.` or `,` (and spaces): an item of a list, written
/// with or without its punctuation, so that the template adds its own.
pub fn bare(s: &str) -> String {
    s.trim_end()
        .trim_end_matches([';', '.', ','])
        .trim_end()
        .to_string()
}

/// Drops a final `./.` or `.` so that the template can add `./.` once.
pub fn end_sentence(s: &str) -> String {
    let t = s.trim_end();
    let t = t.strip_suffix("./.").unwrap_or(t);
    t.trim_end_matches('.').trim_end().to_string()
}

fn parse_date(s: &str) -> tera::TeraResult<Date> {
    Date::parse(s).map_err(|e| tera::Error::message(format!("`{s}`: {e}")))
}

fn strings(values: &[Value]) -> Vec<String> {
    values
        .iter()
        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
        .collect()
}

impl Templates {
    fn with_sources(sources: Vec<(String, String)>) -> Templates {
        Templates {
            compiled: sources.iter().map(|_| Default::default()).collect(),
            sources,
        }
    }

    /// Template `i` and those it names, dependencies first (a name counts
    /// as named when it appears quoted in the text, which every `include`,
    /// `extends` and `import` of tera does).
    fn with_dependencies(&self, i: usize) -> Vec<usize> {
        fn visit(
            sources: &[(String, String)],
            i: usize,
            seen: &mut [bool],
            order: &mut Vec<usize>,
        ) {
            if std::mem::replace(&mut seen[i], true) {
                return;
            }
            let text = &sources[i].1;
            for (j, (name, _)) in sources.iter().enumerate() {
                if text.contains(&format!("\"{name}\"")) || text.contains(&format!("'{name}'")) {
                    visit(sources, j, seen, order);
                }
            }
            order.push(i);
        }
        let mut order = Vec::new();
        visit(
            &self.sources,
            i,
            &mut vec![false; self.sources.len()],
            &mut order,
        );
        order
    }

    /// The tera instance of template `i`, compiled on first use.
    fn compiled(&self, i: usize) -> Result<&Tera, TemplateError> {
        self.compiled[i]
            .get_or_init(|| {
                let html = self.sources[i].0.ends_with(".html");
                let mut tera = Tera::default();
                if html {
                    tera.autoescape_on([".html"]);
                } else {
                    tera.autoescape_on([".md"]);
                    tera.set_escape_fn(markdown_escape);
                }
                Self::register_filters(&mut tera);
                // One by one, so that an error names its template.
                for j in self.with_dependencies(i) {
                    let (name, text) = &self.sources[j];
                    tera.add_raw_template(name, text)
                        .map_err(|e| tera_error(name, &e))?;
                }
                Ok(tera)
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    fn register_filters(tera: &mut Tera) {
        tera.register_filter("date_long", |s: &str, _: Kwargs, _: &State| {
            parse_date(s).map(|d| d.long())
        });
        tera.register_filter("date_short", |s: &str, _: Kwargs, _: &State| {
            parse_date(s).map(|d| d.short())
        });
        tera.register_filter("weekday", |s: &str, _: Kwargs, _: &State| {
            parse_date(s).map(|d| d.weekday().to_string())
        });
        tera.register_filter("bare", |s: &str, _: Kwargs, _: &State| bare(s));
        tera.register_filter("roman", |n: i64, _: Kwargs, _: &State| {
            roman(u32::try_from(n).unwrap_or(0))
        });
        tera.register_filter("units", |v: &[Value], kw: Kwargs, _: &State| {
            let sep = kw.get::<&str>("sep")?.unwrap_or(", ");
            let last = kw.get::<&str>("last")?.unwrap_or(" và ");
            Ok::<_, tera::Error>(join_units(&strings(v), sep, last))
        });
        tera.register_filter("join_list", |v: &[Value], kw: Kwargs, _: &State| {
            let sep = kw.get::<&str>("sep")?.unwrap_or(", ");
            Ok::<_, tera::Error>(strings(v).join(sep))
        });
        tera.register_filter("upper_first", |s: &str, _: Kwargs, _: &State| {
            upper_first(s)
        });
        tera.register_filter("end_sentence", |s: &str, _: Kwargs, _: &State| {
            end_sentence(s)
        });
        tera.register_filter("item_body", |s: &str, _: Kwargs, _: &State| {
            Value::safe_string(&s.replace('\n', "\n  "))
        });
    }

    /// The embedded default templates.
    pub fn embedded() -> Templates {
        Self::with_sources(
            EMBEDDED
                .iter()
                .map(|(n, t)| (n.to_string(), t.to_string()))
                .collect(),
        )
    }

    /// Templates from a folder; a name missing there is taken from the embedded set.
    pub fn from_dir(dir: &Path) -> Result<Templates, TemplateError> {
        let mut sources = Vec::new();
        for (name, text) in EMBEDDED {
            let path: PathBuf = dir.join(name);
            let text = if path.is_file() {
                std::fs::read_to_string(&path).map_err(|e| TemplateError {
                    name: path.display().to_string(),
                    message: e.to_string(),
                })?
            } else {
                text.to_string()
            };
            sources.push((name.to_string(), text));
        }
        // All compiled now, so that a mistake stops the run before
        // anything is written.
        let templates = Self::with_sources(sources);
        for i in 0..templates.sources.len() {
            templates.compiled(i)?;
        }
        Ok(templates)
    }

    /// Each template's name and text, in [`EMBEDDED`] order.
    pub fn sources(&self) -> impl Iterator<Item = (&str, &str)> {
        self.sources.iter().map(|(n, t)| (n.as_str(), t.as_str()))
    }

    /// Renders a template with any serializable context.
    pub fn render<T: serde::Serialize>(
        &self,
        name: &str,
        context: &T,
    ) -> Result<String, TemplateError> {
        let context = Context::from_serialize(context).map_err(|e| tera_error(name, &e))?;
        let i = self
            .sources
            .iter()
            .position(|(n, _)| n == name)
            .ok_or_else(|| TemplateError {
                name: name.to_string(),
                message: crate::tr!("template.missing"),
            })?;
        self.compiled(i)?
            .render(name, &context)
            .map_err(|e| tera_error(name, &e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(roman(1), "I");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(14), "XIV");
        let u = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_units(&u(&["A"]), ", ", " và "), "A");
        assert_eq!(join_units(&u(&["A", "B", "C"]), ", ", " và "), "A, B và C");
        assert_eq!(end_sentence("Xong./."), "Xong");
        assert_eq!(end_sentence("Xong."), "Xong");
        assert_eq!(upper_first("sáng"), "Sáng");
    }

    fn compiled_names(t: &Templates) -> Vec<&str> {
        t.sources
            .iter()
            .zip(&t.compiled)
            .filter(|(_, c)| c.get().is_some())
            .map(|((n, _), _)| n.as_str())
            .collect()
    }

    #[test]
    fn a_template_is_compiled_with_what_it_includes_when_first_rendered() {
        let t = Templates::embedded();
        assert!(compiled_names(&t).is_empty());
        let names = |order: Vec<usize>| -> Vec<&str> {
            order.into_iter().map(|i| t.sources[i].0.as_str()).collect()
        };
        let index = |name: &str| t.sources.iter().position(|(n, _)| n == name).unwrap();
        assert_eq!(names(t.with_dependencies(index(BODY))), ["agenda.md", BODY]);
        assert_eq!(
            names(t.with_dependencies(index(MINUTES))),
            ["agenda.md", MINUTES]
        );
        assert_eq!(names(t.with_dependencies(index(REPORT))), [REPORT]);
        assert_eq!(
            names(t.with_dependencies(index("site-index.html"))),
            ["site-base.html", "site-index.html"]
        );
        let missing = t.render("nope.md", &serde_json::json!({})).unwrap_err();
        assert_eq!(missing.name, "nope.md");
        let _ = t.render(BODY, &serde_json::json!({}));
        assert_eq!(compiled_names(&t), [BODY]);
    }

    #[test]
    fn a_folder_is_compiled_up_front_and_a_mistake_names_its_template() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(INVITATION), "{% if %}").unwrap();
        let e = Templates::from_dir(dir.path())
            .err()
            .expect("a broken template");
        assert_eq!(e.name, INVITATION);
        std::fs::write(dir.path().join(INVITATION), "Kính mời {{ x }}").unwrap();
        let t = Templates::from_dir(dir.path()).unwrap();
        assert_eq!(compiled_names(&t).len(), EMBEDDED.len());
    }
}
