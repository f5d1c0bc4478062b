//! Property-based fuzzing on stable Rust (proptest): no input may panic, and
//! what is accepted must come out whole.
//!
//! - **loader + validator**: mutations of real meeting files (tokens of YAML
//!   syntax, awkward text, invalid UTF-8 inserted; lines deleted, doubled,
//!   re-indented), random YAML trees built from the format's own field names,
//!   and raw bytes, with and without a defaults file. Every diagnostic must
//!   point inside its file and render; a meeting is returned only without
//!   errors, and then every document it asks for composes and renders to
//!   DOCX (a failure there fails the test). At least 5 % of the inputs must
//!   be accepted (about 13 % are), or the last two checks would hold
//!   vacuously; the share is printed.
//! - **Markdown → blocks → DOCX / PDF**: Markdown from an alphabet of the
//!   subset's constructs, the constructs outside it, entities, controls,
//!   emoji and Vietnamese, put straight into a meeting (past the validator,
//!   to test the backends' own defences). Each block's text must come back
//!   as a DOCX paragraph, and from the PDF (plain and PDF/A-2b), read back
//!   with `pdftotext`, as lines that hold it (broken at spaces, after a
//!   hyphen, or inside a word too long for a line).
//! - **line breaking**: any text, any widths (zero and negative included).
//!
//! The number of cases keeps the debug-profile run well under two minutes;
//! `KETLUAN_FUZZ_SCALE=N` multiplies them for a longer campaign (the figures
//! are printed). Crashes found are kept as regression tests at the end.

mod common;

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use common::*;
use ketluan::body::Inline;
use ketluan::diag::SourceMap;
use ketluan::document::compose;
use ketluan::markdown;
use ketluan::model::load::load_with_defaults;
use ketluan::model::{DocumentKind, Meeting};
use ketluan::render::docx::DocxRenderer;
use ketluan::render::pdf::PdfRenderer;
use ketluan::render::Renderer;
use ketluan::template::Templates;
use ketluan::typeset::break_paragraph::break_lines;
use ketluan::typeset::measure::FontSet;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

/// Cases of a property, scaled by `KETLUAN_FUZZ_SCALE`.
fn cases(base: u32) -> u32 {
    let scale: u32 = std::env::var("KETLUAN_FUZZ_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    base * scale.max(1)
}

fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 2_000,
        ..Config::default()
    }
}

// ---------------------------------------------------------------------------
// Loader and validator

/// Seeds: real files of the format.
fn seeds() -> &'static [String] {
    static SEEDS: OnceLock<Vec<String>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut v: Vec<String> = [
            EXAMPLE,
            "meetings/van-phong/ketluan.yaml",
            "tests/bad/warn-unknown-department.yaml",
            "tests/bad/task-subtasks-too-deep.yaml",
        ]
        .iter()
        .map(|p| std::fs::read_to_string(root().join(p)).unwrap())
        .collect();
        for e in std::fs::read_dir(root().join("meetings/van-phong")).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "yaml") {
                v.push(std::fs::read_to_string(p).unwrap());
            }
        }
        v
    })
}

/// Pieces of YAML and of awkward text that mutations insert.
const TOKENS: &[&str] = &[
    ":",
    ": ",
    "- ",
    "-",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "&b [x, *a]",
    "<<: *a\n",
    "\"",
    "'",
    "|",
    "|-\n",
    ">",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "  ",
    "    ",
    "#",
    " # c",
    "---\n",
    "...\n",
    "!!str ",
    "!!binary ",
    "!!int ",
    "!foo ",
    "%YAML 1.2\n---\n",
    "? ",
    "~",
    "null",
    "true",
    "yes",
    ".nan",
    "-.inf",
    "1e999",
    "0x1F",
    "0o17",
    "1_000",
    "99999999999999999999999",
    "-1",
    "0",
    "2021-02-30",
    "31/02/2021",
    "2021-13-01",
    "hôm qua",
    "\u{FEFF}",
    "\u{0}",
    "\u{7}",
    "\\x07",
    "\\0",
    "\u{1F600}",
    "\u{200D}",
    "\u{A0}",
    "\u{2028}",
    "Đồng chí",
    "e\u{302}\u{301}",
    "“”",
    "—",
    "<w:p>",
    "&amp;",
    "]]>",
    "\\",
    "(",
    ")",
    "**",
    "*",
    "# Tiêu đề\n",
    "| a | b |\n|---|---|\n",
    "![a](b.png)",
    "<b>x</b>",
    "[a](b)",
    "```\nx\n```\n",
    "> q\n",
    "1. một\n",
    "issuer",
    "notice",
    "meeting",
    "agenda",
    "tasks",
    "subtasks",
    "do",
    "lead",
    "with",
    "due",
    "status",
    "layout",
    "departments",
    "signer",
    "body_size_pt: 0.0001",
    "margin_left_mm: 1e308",
    "page_width_mm: 60",
    "font_dir: /nonexistent",
    "font_family: \"\\u0007\"",
];

/// Text that keeps a line's YAML valid when appended to a value.
const TEXT_TOKENS: &[&str] = &[
    " 😀",
    " 🎉\u{200D}👍",
    "\u{A0}x",
    " “ngoặc” ‘đơn’",
    " — –",
    " <w:p>",
    " & ]]>",
    " (a)",
    " \\",
    " e\u{302}\u{301}",
    " **đậm**",
    " *nghiêng*",
    " ![a](b)",
    " <b>",
    " [a](b)",
    " 1\\.",
    " \u{E000}",
    " \u{FFFF}",
    " 中文",
    " \u{200B}",
    " Chủtịchchủtịchchủtịchchủtịchchủtịchchủtịch",
    "1",
    "-13-01",
    "/02",
    " x\ty",
    " #",
    " :",
    "'",
    "\"",
];

#[derive(Clone, Debug)]
enum Mutation {
    AppendToLine(usize, &'static str),
    Insert(usize, &'static str),
    InsertByte(usize, u8),
    Delete(usize, usize),
    DuplicateLine(usize),
    DeleteLine(usize),
    Indent(usize, i8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<usize>(), prop::sample::select(TEXT_TOKENS)).prop_map(|(l, t)| Mutation::AppendToLine(l, t)),
        4 => (any::<usize>(), prop::sample::select(TOKENS)).prop_map(|(a, t)| Mutation::Insert(a, t)),
        1 => (any::<usize>(), 0x80u8..=0xFF).prop_map(|(a, b)| Mutation::InsertByte(a, b)),
        2 => (any::<usize>(), 1usize..40).prop_map(|(a, n)| Mutation::Delete(a, n)),
        1 => any::<usize>().prop_map(Mutation::DuplicateLine),
        1 => any::<usize>().prop_map(Mutation::DeleteLine),
        1 => (any::<usize>(), -4i8..=4).prop_map(|(l, d)| Mutation::Indent(l, d)),
    ]
}

fn line_bounds(bytes: &[u8], index: usize) -> (usize, usize) {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(
            bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| i + 1),
        )
        .filter(|&s| s < bytes.len())
        .collect();
    if starts.is_empty() {
        return (0, bytes.len());
    }
    let start = starts[index % starts.len()];
    let end = bytes[start..]
        .iter()
        .position(|b| *b == b'\n')
        .map_or(bytes.len(), |i| start + i + 1);
    (start, end)
}

fn apply(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let at = |a: usize| {
            if bytes.is_empty() {
                0
            } else {
                a % (bytes.len() + 1)
            }
        };
        match *m {
            Mutation::AppendToLine(l, t) => {
                let (_, e) = line_bounds(&bytes, l);
                let e = if e > 0 && bytes.get(e - 1) == Some(&b'\n') {
                    e - 1
                } else {
                    e
                };
                bytes.splice(e..e, t.bytes());
            }
            Mutation::Insert(a, t) => {
                let i = at(a);
                bytes.splice(i..i, t.bytes());
            }
            Mutation::InsertByte(a, b) => {
                let i = at(a);
                bytes.insert(i, b);
            }
            Mutation::Delete(a, n) => {
                let i = at(a);
                let j = (i + n).min(bytes.len());
                bytes.drain(i..j);
            }
            Mutation::DuplicateLine(l) => {
                let (s, e) = line_bounds(&bytes, l);
                let line = bytes[s..e].to_vec();
                bytes.splice(s..s, line);
            }
            Mutation::DeleteLine(l) => {
                let (s, e) = line_bounds(&bytes, l);
                bytes.drain(s..e);
            }
            Mutation::Indent(l, d) => {
                let (s, _) = line_bounds(&bytes, l);
                if d > 0 {
                    bytes.splice(s..s, std::iter::repeat_n(b' ', d as usize));
                } else {
                    let n = bytes[s..]
                        .iter()
                        .take((-d) as usize)
                        .take_while(|b| **b == b' ')
                        .count();
                    bytes.drain(s..s + n);
                }
            }
        }
    }
    bytes
}

/// A YAML value built from the format's own names, to reach deep into the validator.
#[derive(Clone, Debug)]
enum Tree {
    Scalar(String),
    List(Vec<Tree>),
    Map(Vec<(String, Tree)>),
}

const KEYS: &[&str] = &[
    "issuer",
    "name",
    "code",
    "place",
    "parent",
    "notice",
    "number",
    "date",
    "summary",
    "meeting",
    "time",
    "location",
    "host",
    "chair",
    "title",
    "attendees",
    "briefing",
    "opening",
    "agenda",
    "conclusion",
    "tasks",
    "after",
    "do",
    "lead",
    "with",
    "due",
    "subtasks",
    "status",
    "done_on",
    "report",
    "extended_to",
    "extension_note",
    "closing",
    "recipients",
    "recipients_from_tasks",
    "archive",
    "signer",
    "authority",
    "position",
    "departments",
    "layout",
    "body_size_pt",
    "margin_top_mm",
    "page_height_mm",
    "summary_rule_ratio",
    "SNV",
    "<<",
    "tên lạ",
];

const SCALARS: &[&str] = &[
    "Sở Nội vụ",
    "SNV",
    "các đơn vị liên quan",
    "2021-01-25",
    "25/01/2021",
    "31/02/2021",
    "open",
    "done",
    "xong",
    "true",
    "25",
    "-3",
    "0",
    "1e9",
    "14",
    "0.5",
    "",
    " ",
    "~",
    "Tổng hợp **báo cáo** *ngay*.",
    "# Tiêu đề",
    "1. Một\n2. Hai",
    "- gạch\n- đầu dòng",
    "😀 \u{200D} \u{FE0F}",
    "\u{7}chuông",
    "<w:p>&]]>",
    "a\u{A0}b",
    "e\u{301}",
    "x\ty",
    "dòng một\ndòng hai",
    "| a | b |\n|---|---|",
    "\\",
    "\"",
    "'",
    "Đ",
];

fn tree() -> impl Strategy<Value = Tree> {
    let leaf = prop::sample::select(SCALARS).prop_map(|s| Tree::Scalar(s.to_string()));
    leaf.prop_recursive(6, 96, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Tree::List),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..6).prop_map(|kv| {
                let mut seen = std::collections::HashSet::new();
                Tree::Map(
                    kv.into_iter()
                        .filter(|(k, _)| seen.insert(*k))
                        .map(|(k, v)| (k.to_string(), v))
                        .collect(),
                )
            }),
        ]
    })
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap() // a JSON string is a YAML double-quoted scalar
}

fn emit(t: &Tree, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match t {
        Tree::Scalar(s) => {
            out.push(' ');
            out.push_str(&quoted(s));
            out.push('\n');
        }
        Tree::List(items) if items.is_empty() => out.push_str(" []\n"),
        Tree::Map(entries) if entries.is_empty() => out.push_str(" {}\n"),
        Tree::List(items) => {
            out.push('\n');
            for item in items {
                out.push_str(&pad);
                out.push('-');
                emit(item, indent + 2, out);
            }
        }
        Tree::Map(entries) => {
            out.push('\n');
            for (k, v) in entries {
                out.push_str(&pad);
                out.push_str(&quoted(k));
                out.push(':');
                emit(v, indent + 2, out);
            }
        }
    }
}

fn emit_root(t: &Tree) -> String {
    let mut out = String::new();
    match t {
        Tree::Map(entries) => {
            for (k, v) in entries {
                out.push_str(&quoted(k));
                out.push(':');
                emit(v, 2, &mut out);
            }
        }
        other => {
            out.push_str("x:");
            emit(other, 2, &mut out);
        }
    }
    out
}

/// A meeting file (and maybe a defaults file) to load.
#[derive(Clone, Debug)]
struct Input {
    meeting: Vec<u8>,
    defaults: Option<Vec<u8>>,
}

fn file_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        6 => (0..seeds().len(), prop::collection::vec(mutation(), 1..8))
            .prop_map(|(s, m)| apply(seeds()[s].clone().into_bytes(), &m)),
        4 => (0..seeds().len(), prop::collection::vec(
                (any::<usize>(), prop::sample::select(TEXT_TOKENS)).prop_map(|(l, t)| Mutation::AppendToLine(l, t)),
                1..4,
            ))
            .prop_map(|(s, m)| apply(seeds()[s].clone().into_bytes(), &m)),
        2 => tree().prop_map(|t| emit_root(&t).into_bytes()),
        1 => (tree(), prop::collection::vec(mutation(), 1..4))
            .prop_map(|(t, m)| apply(emit_root(&t).into_bytes(), &m)),
        1 => prop::collection::vec(any::<u8>(), 0..300),
    ]
}

/// The Văn phòng's meeting with its own defaults file, both lightly mutated.
fn office_pair() -> impl Strategy<Value = Input> {
    let text_mutations = || {
        prop::collection::vec(
            (any::<usize>(), prop::sample::select(TEXT_TOKENS))
                .prop_map(|(l, t)| Mutation::AppendToLine(l, t)),
            0..3,
        )
    };
    (text_mutations(), text_mutations()).prop_map(|(m, d)| {
        let read = |p: &str| std::fs::read(root().join(p)).unwrap();
        let meeting = std::fs::read_dir(root().join("meetings/van-phong"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .find(|p| !p.ends_with("ketluan.yaml"))
            .expect("a meeting of the Văn phòng");
        Input {
            meeting: apply(std::fs::read(meeting).unwrap(), &m),
            defaults: Some(apply(read("meetings/van-phong/ketluan.yaml"), &d)),
        }
    })
}

fn input() -> impl Strategy<Value = Input> {
    prop_oneof![
        4 => (file_bytes(), prop::option::weighted(0.3, file_bytes()))
            .prop_map(|(meeting, defaults)| Input { meeting, defaults }),
        1 => office_pair(),
    ]
}

/// Loads so far in this process (names the temporary files apart).
static LOADS: AtomicUsize = AtomicUsize::new(0);

fn templates() -> &'static Templates {
    static T: OnceLock<Templates> = OnceLock::new();
    T.get_or_init(Templates::embedded)
}

/// Loads one input and checks what a loader owes its caller; `Ok(true)`
/// when the input was accepted as a meeting.
fn load_and_check(dir: &Path, input: &Input) -> Result<bool, TestCaseError> {
    let n = LOADS.fetch_add(1, Ordering::Relaxed);
    let meeting = dir.join(format!("m{n}.yaml"));
    std::fs::write(&meeting, &input.meeting).unwrap();
    let defaults = input.defaults.as_ref().map(|d| {
        let p = dir.join(format!("d{n}.yaml"));
        std::fs::write(&p, d).unwrap();
        p
    });
    let loaded = load_with_defaults(&meeting, defaults.as_deref());
    check_diagnostics(&loaded.sources, &loaded)?;
    if let Some(m) = &loaded.meeting {
        prop_assert!(
            !loaded.diagnostics.has_errors(),
            "a meeting with errors was returned"
        );
        // A valid file asks for at least one document (one that asks for
        // none is an error), and every document it asks for composes and
        // renders: the validator accepted it, so nothing may fail later.
        let asked = m.documents();
        prop_assert!(
            !asked.is_empty(),
            "an accepted meeting asks for no document"
        );
        for kind in DocumentKind::ALL {
            let composed = compose(m, kind, templates());
            if !asked.contains(&kind) {
                prop_assert!(
                    composed.is_err(),
                    "{kind:?} composed although the file does not ask for it"
                );
                continue;
            }
            let document = match composed {
                Ok(d) => d,
                Err(e) => {
                    return Err(TestCaseError::fail(format!(
                        "an accepted meeting does not compose its {kind:?}: {e}"
                    )))
                }
            };
            let docx = DocxRenderer.render(&document);
            prop_assert!(
                docx.is_ok(),
                "DOCX ({kind:?}) of an accepted meeting: {:?}",
                docx.err()
            );
        }
    }
    let _ = std::fs::remove_file(&meeting);
    if let Some(d) = defaults {
        let _ = std::fs::remove_file(d);
    }
    Ok(loaded.meeting.is_some())
}

fn check_diagnostics(
    sources: &SourceMap,
    loaded: &ketluan::model::Loaded,
) -> Result<(), TestCaseError> {
    for d in loaded.diagnostics.iter() {
        if let Some(loc) = d.loc {
            let text = &sources.get(loc.file).text;
            prop_assert!(loc.offset <= text.len(), "offset past the end: {d:?}");
            prop_assert!(
                text.is_char_boundary(loc.offset),
                "offset inside a character: {d:?}"
            );
            let lines = text.split('\n').count() as u32;
            prop_assert!(
                loc.line >= 1 && loc.line <= lines,
                "line {} of {lines}: {d:?}",
                loc.line
            );
            prop_assert!(loc.column >= 1, "{d:?}");
        } else {
            prop_assert!(d.path.is_some(), "a diagnostic with no place at all: {d:?}");
        }
        let headline = d.headline(sources);
        prop_assert!(!headline.contains("ketluan: "), "{headline}");
        let rendered = d.render(sources, false);
        prop_assert!(rendered.starts_with(&headline));
    }
    Ok(())
}

#[test]
fn fuzz_loader_and_validator() {
    let dir = tempfile::tempdir().unwrap();
    let cases = cases(1500);
    let started = std::time::Instant::now();
    let mut runner = TestRunner::new(config(cases));
    let (generated, accepted) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let result = runner.run(&input(), |i| {
        generated.fetch_add(1, Ordering::Relaxed);
        let ok = load_and_check(dir.path(), &i)?;
        if ok {
            accepted.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    });
    let (loads, accepted) = (generated.into_inner(), accepted.into_inner());
    let share = accepted as f64 / loads.max(1) as f64;
    eprintln!(
        "loader + validator: {loads} executions, {accepted} accepted as meetings ({:.1} %) in {:.1?}",
        share * 100.0,
        started.elapsed()
    );
    if let Err(e) = result {
        panic!("{e}");
    }
    // The properties above say something about accepted meetings only if
    // some are: mutations that break every file would pass them vacuously.
    // Measured: 12.9–15.2 % of the inputs over seven runs of 1,500 (194 to
    // 228 accepted), 14.2 % over 7,500; 5 % leaves room for the randomness
    // of the seeds.
    assert!(
        share >= MIN_ACCEPTED_SHARE,
        "only {accepted} of {loads} inputs ({:.1} %) were accepted as meetings, \
         below {:.0} %: the generators no longer reach the composing and rendering",
        share * 100.0,
        MIN_ACCEPTED_SHARE * 100.0
    );
}

/// The least share of generated inputs the loader must accept (see
/// [`fuzz_loader_and_validator`]).
const MIN_ACCEPTED_SHARE: f64 = 0.05;

// ---------------------------------------------------------------------------
// Markdown → blocks → DOCX / PDF

const MARKDOWN: &[&str] = &[
    "Đồng chí ",
    "báo cáo ",
    "kết luận",
    "Ủy ban ",
    "x",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    "**",
    "*",
    "_",
    "__",
    "- ",
    "\n- ",
    "\n  - ",
    "1. ",
    "\n2. ",
    "3) ",
    "# ",
    "## ",
    "> ",
    "    ",
    "`",
    "```\n",
    "<b>",
    "</b>",
    "<w:p>",
    "<!-- c -->",
    "&",
    "&amp;",
    "&#7;",
    "&#0;",
    "&#x1F600;",
    "&nbsp;",
    "]]>",
    "\\",
    "\\*",
    "1\\. ",
    "(",
    ")",
    "[",
    "](https://a.vn)",
    "![",
    "|",
    " | ",
    "\n|---|---|\n",
    "---",
    "\n---\n",
    "===",
    "  \n",
    "\\\n",
    "\u{A0}",
    "“",
    "”",
    "‘",
    "’",
    "—",
    "–",
    "…",
    "😀",
    "🎉\u{200D}",
    "\u{FE0F}",
    "\u{7}",
    "\u{1B}",
    "\r\n",
    "\r",
    "\u{2028}",
    "ệ",
    "e\u{302}\u{323}",
    "I. ",
    "**I\\. ",
    "https://laichau.gov.vn/van-ban?id=1&x=2",
    "Chủtịchchủtịchchủtịchchủtịchchủtịchchủtịchchủtịchchủtịchchủtịchchủtịch",
    "+ ",
    "* ",
    "\n\n\n",
    "a\u{300}",
    "中文",
    "\u{E000}",
    "\u{FFFF}",
];

fn markdown_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(MARKDOWN), 0..60).prop_map(|v| v.concat())
}

fn base_meeting() -> &'static Meeting {
    static M: OnceLock<Meeting> = OnceLock::new();
    M.get_or_init(|| {
        ketluan::model::load_meeting(&root().join(EXAMPLE))
            .meeting
            .expect("the example loads")
    })
}

static MD_CASES: AtomicUsize = AtomicUsize::new(0);
static MD_DOCX: AtomicUsize = AtomicUsize::new(0);
static MD_PDF: AtomicUsize = AtomicUsize::new(0);
static MD_PDF_READ: AtomicUsize = AtomicUsize::new(0);

fn docx_paragraphs(bytes: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.docx");
    std::fs::write(&path, bytes).unwrap();
    docx_texts(&path)
}

/// One Markdown text through the whole back half of the pipeline.
fn markdown_through_backends(md: &str, pdf: Option<bool>) -> Result<(), TestCaseError> {
    MD_CASES.fetch_add(1, Ordering::Relaxed);
    // The checker and the parser never panic, whatever the text.
    let problems = markdown::check_subset(md);
    for p in &problems {
        prop_assert!(p.range.start <= p.range.end && p.range.end <= md.len());
        prop_assert!(md.is_char_boundary(p.range.start));
    }
    let blocks = markdown::parse_blocks(md);
    for b in &blocks {
        for i in &b.inlines {
            if let Inline::Text { text, .. } = i {
                prop_assert!(
                    !text.chars().any(|c| c.is_control()),
                    "a control character reached a block: {text:?}"
                );
            }
        }
    }
    // Into a meeting, as the conclusion of section I and the first task.
    let mut meeting = base_meeting().clone();
    meeting.agenda[0].conclusion = Some(md.to_string());
    if !md.trim().is_empty() {
        meeting.agenda[0].tasks[0].what = md.to_string();
    }
    let notice = match compose(&meeting, DocumentKind::Notice, templates()) {
        Ok(n) => n,
        Err(e) => return Err(TestCaseError::fail(format!("compose: {e}"))),
    };
    let docx = DocxRenderer
        .render(&notice)
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    MD_DOCX.fetch_add(1, Ordering::Relaxed);
    let paragraphs = docx_paragraphs(&docx);
    for b in &notice.body {
        let text = b.plain_text();
        prop_assert!(
            paragraphs.contains(&text),
            "block {text:?} is not a paragraph of the DOCX"
        );
    }
    if let Some(archival) = pdf {
        let bytes = PdfRenderer::new(archival, None)
            .render(&notice)
            .map_err(|e| TestCaseError::fail(format!("PDF (archival {archival}): {e}")))?;
        prop_assert!(bytes.starts_with(b"%PDF-"));
        MD_PDF.fetch_add(1, Ordering::Relaxed);
        // The text comes back: every paragraph of the body, in order of its
        // characters, as poppler reads the PDF.
        if let Some(text) = pdf_text_of(&bytes) {
            MD_PDF_READ.fetch_add(1, Ordering::Relaxed);
            let lines = pdf_lines(&text);
            for b in &notice.body {
                let paragraph = paragraph_chars(&b.plain_text());
                if paragraph.is_empty() {
                    continue;
                }
                prop_assert!(
                    lines_contain(&lines, &paragraph),
                    "paragraph {:?} is not in the text of the PDF \
                     (archival {archival}):\n{}",
                    b.plain_text(),
                    lines
                        .iter()
                        .map(String::as_str)
                        .collect::<Vec<_>>()
                        .join("\n")
                );
            }
        }
    }
    Ok(())
}

/// Whether `pdftotext` can be used (asked once: absent, the PDF's text is
/// not read back, with one notice; under `CI=true` its absence fails).
fn pdftotext_available() -> bool {
    static AVAILABLE: OnceLock<bool> = OnceLock::new();
    *AVAILABLE.get_or_init(|| tool_available("pdftotext"))
}

/// The text of a PDF as poppler's `pdftotext -raw` reads it (in the order
/// it is drawn, which is the reading order; the default mode would join a
/// word broken after a hyphen and drop the hyphen), or `None` without it.
fn pdf_text_of(bytes: &[u8]) -> Option<String> {
    if !pdftotext_available() {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.pdf");
    std::fs::write(&path, bytes).unwrap();
    Some(poppler("pdftotext", &["-raw", "-enc", "UTF-8"], &path))
}

/// Runs of white space as one space, trimmed.
fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The lines of a PDF's text, white space collapsed, empty lines and the
/// page numbers (a line that is the page's number, first or last on every
/// page after the first, as the notice numbers its pages) left out.
fn pdf_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (index, page) in text.split('\u{c}').enumerate() {
        let mut lines: Vec<String> = page
            .lines()
            .map(collapse_spaces)
            .filter(|l| !l.is_empty())
            .collect();
        if index > 0 {
            let number = (index + 1).to_string();
            if lines.last() == Some(&number) {
                lines.pop();
            } else if lines.first() == Some(&number) {
                lines.remove(0);
            }
        }
        out.extend(lines);
    }
    out
}

/// A paragraph's text as the PDF's lines can hold it: each run of white
/// space as one space, where the line may break (any ASCII white space in
/// it: the layout breaks at spaces, a tab is a space, a line break is a
/// break), or as one no-break space (U+00A0, U+2007, U+202F, …: runs of
/// them alone, where the layout never breaks); trimmed.
fn paragraph_chars(text: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    let mut run: Option<bool> = None; // Some(breakable) inside white space
    for c in text.chars() {
        if c.is_whitespace() {
            let breakable = c.is_ascii_whitespace();
            run = Some(run.unwrap_or(false) || breakable);
            continue;
        }
        if let Some(breakable) = run.take() {
            if !out.is_empty() {
                out.push(if breakable { ' ' } else { NO_BREAK });
            }
        }
        out.push(c);
    }
    out
}

/// Stands for a run of no-break spaces in [`paragraph_chars`].
const NO_BREAK: char = '\u{A0}';

/// Whether `paragraph` ([`paragraph_chars`]) reads in the PDF's `lines`:
/// line breaks are allowed where the layout breaks lines: at a space of the
/// paragraph (the space is not drawn), after a hyphen between two letters
/// or digits (`Covid-` / `19`), and inside a word too long for any line,
/// which is cut (25 characters: no line of the notice is narrower than 25
/// of its widest characters at 14 pt). `pdftotext` gives a no-break space
/// as a space, and drops one that a cut leaves at a line's end or start.
fn lines_contain(lines: &[String], paragraph: &[char]) -> bool {
    let mut hay: Vec<char> = Vec::new();
    for l in lines {
        hay.extend(l.chars());
        hay.push('\n');
    }
    let needle = paragraph;
    // The length of the word (run of characters between breakable spaces)
    // around each place.
    let mut run = vec![0usize; needle.len()];
    let mut start = 0;
    for i in 0..=needle.len() {
        if i == needle.len() || needle[i] == ' ' {
            for r in &mut run[start..i] {
                *r = i - start;
            }
            start = i + 1;
        }
    }
    let breakable_without_space = |j: usize| {
        j > 0 && j < needle.len() && needle[j] != ' ' && {
            let after_hyphen = needle[j - 1] == '-'
                && j >= 2
                && needle[j - 2].is_alphanumeric()
                && needle[j].is_alphanumeric();
            after_hyphen || run[j] >= 25
        }
    };
    let matches_at = |mut i: usize| {
        let mut j = 0;
        while j < needle.len() {
            let Some(&h) = hay.get(i) else { return false };
            let n = needle[j];
            if h == n
                || (n == ' ' && h == '\n')
                || (n == NO_BREAK && (h == ' ' || (h == '\n' && run[j] >= 25)))
            {
                i += 1;
                j += 1;
            } else if h == '\n' && breakable_without_space(j) {
                i += 1;
            } else {
                return false;
            }
        }
        true
    };
    (0..hay.len()).any(matches_at)
}

#[test]
fn fuzz_markdown_to_docx() {
    let started = std::time::Instant::now();
    let mut runner = TestRunner::new(config(cases(250)));
    let result = runner.run(&markdown_text(), |md| markdown_through_backends(&md, None));
    eprintln!(
        "markdown → DOCX: {} executions in {:.1?}",
        MD_DOCX.load(Ordering::Relaxed),
        started.elapsed()
    );
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn fuzz_markdown_to_pdf() {
    let started = std::time::Instant::now();
    let mut runner = TestRunner::new(config(cases(40)));
    let result = runner.run(&(markdown_text(), any::<bool>()), |(md, archival)| {
        markdown_through_backends(&md, Some(archival))
    });
    eprintln!(
        "markdown → PDF: {} executions ({} read back with pdftotext) in {:.1?}",
        MD_PDF.load(Ordering::Relaxed),
        MD_PDF_READ.load(Ordering::Relaxed),
        started.elapsed()
    );
    if let Err(e) = result {
        panic!("{e}");
    }
}

// ---------------------------------------------------------------------------
// Line breaking

const LAYOUT_WORDS: &[&str] = &[
    "a",
    "Đồng",
    " ",
    "   ",
    "chí",
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "😀",
    "\u{A0}",
    "—",
    "ệ",
    "",
];

fn inlines() -> impl Strategy<Value = Vec<Inline>> {
    let text =
        prop::collection::vec(prop::sample::select(LAYOUT_WORDS), 0..20).prop_map(|v| v.concat());
    prop::collection::vec(
        prop_oneof![
            4 => (text, any::<bool>(), any::<bool>())
                .prop_map(|(text, bold, italic)| Inline::Text { text, bold, italic }),
            1 => Just(Inline::LineBreak),
        ],
        0..12,
    )
}

static LINES: AtomicUsize = AtomicUsize::new(0);

#[test]
fn fuzz_line_breaking() {
    let fonts = FontSet::embedded();
    let widths = prop_oneof![
        Just(0.0f32),
        Just(-50.0f32),
        Just(0.5f32),
        1.0f32..600.0,
        Just(1e9f32)
    ];
    let mut runner = TestRunner::new(config(cases(1500)));
    let result = runner.run(
        &(inlines(), 4.0f32..72.0, widths.clone(), widths),
        |(inlines, size, first, rest)| {
            LINES.fetch_add(1, Ordering::Relaxed);
            let lines = break_lines(&inlines, &fonts, size, first, rest);
            prop_assert!(!lines.is_empty());
            // No character is lost: the lines hold every non-space character in order.
            let given: String = inlines
                .iter()
                .filter_map(|i| match i {
                    Inline::Text { text, .. } => Some(text.as_str()),
                    Inline::LineBreak => None,
                })
                .collect::<String>()
                .chars()
                .filter(|c| *c != ' ')
                .collect();
            let laid: String = lines
                .iter()
                .map(|l| l.text())
                .collect::<String>()
                .chars()
                .filter(|c| *c != ' ')
                .collect();
            prop_assert_eq!(given, laid);
            for l in &lines {
                prop_assert!(l.justify_extra().is_finite() && l.justify_extra() >= 0.0);
                // A line overflows only when it holds a single visible
                // character (one wider than the line, or the line has no
                // width at all); zero-width characters do not count.
                if l.width
                    > l.available.max(0.0) + ketluan::typeset::break_paragraph::FIT_TOLERANCE_PT
                {
                    let visible = l
                        .segments
                        .iter()
                        .flat_map(|s| s.text.chars().map(move |c| (c, s.style)))
                        .filter(|(c, style)| {
                            *c != ' ' && fonts.width(c.encode_utf8(&mut [0; 4]), *style, size) > 0.0
                        })
                        .count();
                    prop_assert!(visible <= 1, "{l:?}");
                }
            }
            Ok(())
        },
    );
    eprintln!(
        "line breaking: {} executions",
        LINES.load(Ordering::Relaxed)
    );
    if let Err(e) = result {
        panic!("{e}");
    }
}

// ---------------------------------------------------------------------------
// Layouts: any values the validator accepts must lay out.

/// The validator's ranges (exclusive minimum, inclusive maximum).
fn layout_range(name: &str) -> (f32, f32) {
    let (min, max, _) = ketluan::layout::Layout::range(name);
    (min as f32, max as f32)
}

/// What the DOCX and the PDF of a notice must show of its layout, read
/// back by independent readers: the DOCX's page size and margins
/// (`w:pgSz`, `w:pgMar`, in twips) are the layout's; the PDF (pdfinfo) has
/// the layout's page size. For a layout an office could print
/// (`printable`: see [`fuzz_printable_layouts`]), the PDF (pdftotext) also
/// has the type line, the trích yếu and the signer's name, and every word
/// inside the page, inside the left and right margins and above the
/// bottom margin. (An extreme
/// layout can leave a letter wider than its column or a block taller than
/// the page; those must still lay out without a panic.)
fn check_layout_output(
    l: &ketluan::layout::Layout,
    docx: &[u8],
    pdf: &[u8],
    printable: bool,
) -> Result<(), TestCaseError> {
    let twips = |mm: f32| (mm * 72.0 / 25.4 * 20.0).round() as i64;
    let dir = tempfile::tempdir().unwrap();
    let docx_path = dir.path().join("f.docx");
    std::fs::write(&docx_path, docx).unwrap();
    let xml = zip_entry(&docx_path, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let attr = |tag: &str, name: &str| -> Option<i64> {
        let node = doc.descendants().find(|n| n.tag_name().name() == tag)?;
        node.attributes()
            .find(|a| a.name() == name)
            .and_then(|a| a.value().parse().ok())
    };
    for (tag, name, mm) in [
        ("pgSz", "w", l.page_width_mm),
        ("pgSz", "h", l.page_height_mm),
        ("pgMar", "top", l.margin_top_mm),
        ("pgMar", "bottom", l.margin_bottom_mm),
        ("pgMar", "left", l.margin_left_mm),
        ("pgMar", "right", l.margin_right_mm),
    ] {
        let got = attr(tag, name);
        prop_assert!(
            got.is_some_and(|v| (v - twips(mm)).abs() <= 1),
            "DOCX {tag} {name}: {got:?}, layout {mm} mm"
        );
    }
    if !pdftotext_available() {
        return Ok(());
    }
    let pdf_path = dir.path().join("f.pdf");
    std::fs::write(&pdf_path, pdf).unwrap();
    let pt = |mm: f32| mm * 72.0 / 25.4;
    let (w, h) = (pt(l.page_width_mm), pt(l.page_height_mm));
    let info = poppler("pdfinfo", &[], &pdf_path);
    let size = info
        .lines()
        .find_map(|x| x.strip_prefix("Page size:"))
        .unwrap_or_default();
    let dims: Vec<f32> = size
        .split_whitespace()
        .filter_map(|t| t.parse().ok())
        .collect();
    prop_assert!(
        dims.len() >= 2 && (dims[0] - w).abs() < 0.5 && (dims[1] - h).abs() < 0.5,
        "page size {size:?}, layout {w} x {h} pt"
    );
    if !printable {
        return Ok(());
    }
    let words = word_boxes(&pdf_path);
    // The body's lines start at the left margin: the leftmost word is there.
    let leftmost = words.iter().map(|w| w.x_min).fold(f32::MAX, f32::min);
    prop_assert!(
        (leftmost - pt(l.margin_left_mm)).abs() < 0.5,
        "the leftmost word at {leftmost} pt, the margin at {} pt",
        pt(l.margin_left_mm)
    );
    let (left, right) = (pt(l.margin_left_mm) - 0.5, w - pt(l.margin_right_mm) + 0.5);
    // Nothing under the bottom margin (the page numbers are at the top).
    let foot = h - pt(l.margin_bottom_mm) + 0.5;
    for word in &words {
        prop_assert!(
            word.x_min >= left && word.x_max <= right && word.y_min >= 0.0 && word.y_max <= foot,
            "{word:?} outside the margins ({left}..{right}, foot {foot}) or the page ({w} x {h})"
        );
    }
    // Words too long for a narrow line are broken inside: compare the
    // letters, white space left out.
    let letters = |t: &str| t.split_whitespace().collect::<String>();
    let text = letters(
        &words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    );
    let notice = base_meeting();
    for needle in [
        "THÔNG BÁO",
        notice.notice.as_ref().unwrap().summary.as_str(),
        notice.signer.as_ref().unwrap().name.as_str(),
    ] {
        prop_assert!(text.contains(&letters(needle)), "{needle:?} in the PDF");
    }
    Ok(())
}

/// Lays out the example notice under layouts drawn by proptest: up to
/// `fields` fields of the layout, each set by `value(name, at)` for an
/// `at` in 0..=1; layouts `usable` refuses are skipped. Each renders to
/// DOCX and PDF within 30 s and passes [`check_layout_output`] (with its
/// `printable` checks or not). Prints how many ran as `label`.
fn fuzz_layouts_with(
    label: &str,
    cases: u32,
    fields: usize,
    value: fn(&str, f32) -> f32,
    usable: fn(&ketluan::layout::Layout) -> bool,
    printable: bool,
) {
    use ketluan::layout::Layout;
    let settings = prop::collection::vec((0..Layout::FIELDS.len(), 0.0f32..=1.0), 1..fields);
    let mut runner = TestRunner::new(config(cases));
    let started = std::time::Instant::now();
    let ran = AtomicUsize::new(0);
    let result = runner.run(&settings, |settings| {
        let mut meeting = base_meeting().clone();
        for (i, at) in settings {
            let (name, field) = Layout::FIELDS[i];
            *field(&mut meeting.layout) = value(name, at);
        }
        let l = &meeting.layout;
        prop_assume!(usable(l));
        ran.fetch_add(1, Ordering::Relaxed);
        let notice = compose(&meeting, DocumentKind::Notice, templates())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let one = std::time::Instant::now();
        let docx = DocxRenderer
            .render(&notice)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let pdf = PdfRenderer::new(false, None)
            .render(&notice)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(
            one.elapsed() < std::time::Duration::from_secs(30),
            "{:?}",
            one.elapsed()
        );
        check_layout_output(l, &docx, &pdf, printable)
    });
    eprintln!(
        "{label}: {} executions in {:.1?}",
        ran.load(Ordering::Relaxed),
        started.elapsed()
    );
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn fuzz_layouts() {
    // Any point of the validator's range (0 = just above the minimum),
    // where the margins leave it room for the text.
    fuzz_layouts_with(
        "layouts",
        cases(16),
        12,
        |name, at| {
            let (min, max) = layout_range(name);
            (min + at * (max - min)).max(min + 1e-3)
        },
        |l| {
            l.text_width_mm() >= 20.0
                && l.page_height_mm - l.margin_top_mm - l.margin_bottom_mm >= 20.0
        },
        false,
    );
}

/// A layout an office could print: every font size from 8 to 20 pt, the
/// page from A5 to A3 in either direction, each margin from 10 to 40 mm,
/// the header and signature columns from 40 to 110 mm (narrowed in
/// proportion when wider than the text area), spaces from 0 to 36 pt,
/// the body's line from 14 to 36 pt (at least 1.15 of its size), the
/// signing space from 10 to 50 mm, the ratios anywhere.
fn printable_value(name: &str, at: f32) -> f32 {
    let between = |lo: f32, hi: f32| lo + at * (hi - lo);
    match name {
        n if n.ends_with("_ratio") => between(0.05, 1.0),
        n if n.ends_with("_size_pt") => between(8.0, 20.0),
        "page_width_mm" | "page_height_mm" => between(148.0, 420.0),
        n if n.starts_with("margin_") => between(10.0, 40.0),
        "left_column_mm" | "right_column_mm" => between(40.0, 110.0),
        "signature_space_mm" => between(10.0, 50.0),
        "header_distance_mm" | "body_indent_mm" => between(0.0, 15.0),
        "body_line_pt" => between(14.0, 36.0),
        n if n.ends_with("_pt") => between(0.0, 36.0),
        other => panic!("no printable range for {other}"),
    }
}

#[test]
fn fuzz_printable_layouts() {
    fuzz_layouts_with(
        "printable layouts",
        cases(32),
        16,
        printable_value,
        |l| l.body_line_pt >= 1.15 * l.body_size_pt,
        true,
    );
}

// ---------------------------------------------------------------------------
// Crash inputs found by the fuzzers, kept as regression tests.

fn regression(name: &str, meeting: &[u8], defaults: Option<&[u8]>) {
    let dir = tempfile::tempdir().unwrap();
    let input = Input {
        meeting: meeting.to_vec(),
        defaults: defaults.map(<[u8]>::to_vec),
    };
    if let Err(e) = load_and_check(dir.path(), &input) {
        panic!("{name}: {e}");
    }
}

#[test]
fn regressions_found_by_fuzzing() {
    regression("empty", b"", None);
    // A lone carriage return ends a line for YAML: the error was placed on
    // line 2 of a file that had, for ketluan, one line.
    regression("lone CR", b"x\r: ", None);
    regression(
        "old Mac line endings",
        b"issuer:\r  name: A\r  name: B\r",
        None,
    );
    // A word too long for a line, joined by a no-break space to what
    // follows, is cut after the no-break space (the PDF's text reads
    // `…chủtịch <b` / `>`).
    markdown_through_backends(
        &format!("{}\u{a0}<b>\t\n---\n", "Chủtịch".repeat(10)),
        Some(false),
    )
    .unwrap();
}

/// Lays out the example under `layout` (pairs of field and value) and
/// checks its output as a printable layout.
fn printable_regression(name: &str, layout: &[(&str, f32)]) {
    use ketluan::layout::Layout;
    let mut meeting = base_meeting().clone();
    for (field, value) in layout {
        let (_, set) = Layout::FIELDS
            .iter()
            .find(|(n, _)| n == field)
            .expect("a layout field");
        *set(&mut meeting.layout) = *value;
    }
    let notice = compose(&meeting, DocumentKind::Notice, templates()).unwrap();
    let docx = DocxRenderer.render(&notice).unwrap();
    let pdf = PdfRenderer::new(false, None).render(&notice).unwrap();
    if let Err(e) = check_layout_output(&meeting.layout, &docx, &pdf, true) {
        panic!("{name}: {e}");
    }
    // The signer keeps the whole signing space where the page holds it:
    // from the position's line ("PHÒNG") to the name's ("Nguyễn").
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let words = word_boxes(&path);
    let last = |text: &str| words.iter().rev().find(|w| w.text == text).expect(text);
    let (position, signer, heading) = (last("PHÒNG"), last("Nguyễn"), last("Nơi"));
    let space = meeting.layout.signature_space_mm * 72.0 / 25.4;
    assert_eq!(
        position.page, signer.page,
        "{name}: the signer's column split"
    );
    assert_eq!(
        heading.page, signer.page,
        "{name}: the signer's column not beside `Nơi nhận:`"
    );
    // The gap between the glyphs' boxes is the space and what the lines'
    // boxes hold beyond the glyphs (3.6 pt for 14 pt Times). Where the
    // page is too short for the signers' column, the space gives way just
    // enough: the name ends on the page's bottom margin.
    let gap = signer.y_min - position.y_max;
    let l = &meeting.layout;
    let foot = (l.page_height_mm - l.margin_bottom_mm) * 72.0 / 25.4;
    let squeezed = (foot - signer.y_max).abs() < 6.0 && gap < space;
    assert!(
        (gap - space).abs() < 6.0 || squeezed,
        "{name}: {position:?} and {signer:?} {gap} pt apart, not the signing space ({space} pt)"
    );
}

#[test]
fn printable_layouts_found_by_fuzzing() {
    // A5's width and a large Nơi nhận: the recipients' column narrowed,
    // every word on a line of its own, the list taller than a page. It
    // was drawn past the page's foot (words at 826-844 pt on an 842 pt
    // page); it now runs on to the next page.
    printable_regression(
        "long Nơi nhận",
        &[("page_width_mm", 148.0), ("recipients_size_pt", 19.3)],
    );
    printable_regression("large Nơi nhận", &[("recipients_size_pt", 18.49)]);
    // A5 landscape with wide margins: the signers' column (50 mm to sign)
    // is taller than the page's text area; the signing space gives way.
    printable_regression(
        "short page",
        &[
            ("page_height_mm", 148.0),
            ("page_width_mm", 210.0),
            ("margin_top_mm", 40.0),
            ("margin_bottom_mm", 40.0),
            ("signature_space_mm", 50.0),
            ("signer_size_pt", 20.0),
        ],
    );
}

#[test]
fn the_pdf_text_matcher_allows_only_the_layouts_breaks() {
    let lines = |s: &str| -> Vec<String> { s.lines().map(str::to_string).collect() };
    let reads =
        |pdf: &str, paragraph: &str| lines_contain(&lines(pdf), &paragraph_chars(paragraph));
    // Breaks at spaces, after a hyphen between letters or digits, inside a
    // word too long for a line; a no-break space given back as a space.
    assert!(reads("x\nmột hai\nba", "một hai ba"));
    assert!(reads(
        "dịch bệnh Covid-\n19; thông tin",
        "dịch bệnh Covid-19; thông tin"
    ));
    let long = "Chủtịch".repeat(10);
    let cut = long.char_indices().nth(40).unwrap().0;
    assert!(reads(
        &format!("{}\n{} <b>", &long[..cut], &long[cut..]),
        &format!("{long}\u{A0}<b>")
    ));
    assert!(reads(&format!("{long}\n<b>"), &format!("{long}\u{A0}<b>")));
    assert!(reads("Số 25/TB-UBND", "Số\u{A0}25/TB-UBND"));
    // Not: a short word broken, a hyphen not between letters, a character
    // missing or changed, a space lost.
    assert!(!reads("một h\nai ba", "một hai ba"));
    assert!(!reads("a -\nb", "a -b"));
    assert!(!reads("một ha ba", "một hai ba"));
    assert!(!reads("một hái ba", "một hai ba"));
    assert!(!reads("mộthai ba", "một hai ba"));
}
