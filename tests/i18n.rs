//! The messages in two languages: every entry of the catalog
//! (`locales/*.yml`) in Vietnamese and English with the same `%{…}`
//! parts, every key the code asks for in the catalog with the parts it
//! fills in, every command and option with its help; and the help itself
//! Vietnamese under a Vietnamese (or any non-English) locale, English
//! under `LANG=en_US.UTF-8`.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::{Command, Output};

use common::{files_under, root};

/// Every entry of every catalog file: key → (file, vi, en).
fn catalog() -> BTreeMap<String, (String, String, String)> {
    let mut entries = BTreeMap::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("locales"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no catalog under locales/");
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&file).unwrap();
        let map: BTreeMap<String, serde_json::Value> = serde_saphyr::from_str(&text)
            .unwrap_or_else(|e| panic!("{name} is not a catalog: {e}"));
        assert_eq!(
            map.get("_version"),
            Some(&serde_json::json!(2)),
            "{name}: `_version: 2` (one key per entry, both languages in it)"
        );
        for (key, value) in map {
            if key == "_version" {
                continue;
            }
            let obj = value
                .as_object()
                .unwrap_or_else(|| panic!("{name}: {key} is not a `{{vi, en}}` pair"));
            let langs: BTreeSet<&str> = obj.keys().map(String::as_str).collect();
            assert_eq!(
                langs,
                BTreeSet::from(["en", "vi"]),
                "{name}: {key} must have exactly `vi` and `en`"
            );
            let text_of = |lang: &str| {
                let t = obj[lang]
                    .as_str()
                    .unwrap_or_else(|| panic!("{name}: {key}.{lang} is not text"));
                assert!(!t.trim().is_empty(), "{name}: {key}.{lang} is empty");
                t.to_string()
            };
            let (vi, en) = (text_of("vi"), text_of("en"));
            if let Some((other, _, _)) =
                entries.insert(key.clone(), (name.clone(), vi.clone(), en.clone()))
            {
                panic!("{key} is in both {other} and {name}");
            }
        }
    }
    entries
}

/// The `%{name}` parts of a message.
fn placeholders(text: &str) -> BTreeSet<String> {
    text.split("%{")
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
        .collect()
}

#[test]
fn every_catalog_entry_has_both_languages_with_the_same_parts() {
    let entries = catalog();
    assert!(entries.len() > 100, "only {} entries", entries.len());
    for (key, (file, vi, en)) in &entries {
        assert_eq!(
            placeholders(vi),
            placeholders(en),
            "{file}: {key} fills in different parts in vi and en:\n  vi: {vi}\n  en: {en}"
        );
        if key.starts_with("cli.") && !key.starts_with("cli.value.") {
            // A help line or a message: the two languages differ (one
            // copied over untranslated would be the same text).
            assert_ne!(vi, en, "{file}: {key} is the same in both languages");
        }
    }
}

/// One `tr!("key", name = …)` of the code: its key and the names it fills.
struct Call {
    place: String,
    key: String,
    names: BTreeSet<String>,
}

/// Reads a string literal starting at `chars[i] == '"'`; returns its text
/// and the index after it.
fn string_literal(chars: &[char], mut i: usize) -> (String, usize) {
    let mut s = String::new();
    i += 1;
    while i < chars.len() && chars[i] != '"' {
        if chars[i] == '\\' {
            i += 1;
        }
        s.push(chars[i]);
        i += 1;
    }
    (s, i + 1)
}

/// Every `tr!` call with a literal key in the crate's sources (comment
/// lines left out: the docs show the macro's shape).
fn calls() -> Vec<Call> {
    let files = files_under(&root().join("src"));
    let mut calls = Vec::new();
    for file in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "rs"))
    {
        let source = std::fs::read_to_string(file).unwrap();
        let code: String = source
            .lines()
            .map(|l| {
                if l.trim_start().starts_with("//") {
                    ""
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let chars: Vec<char> = code.chars().collect();
        let mut i = 0;
        while i + 4 <= chars.len() {
            let is_call = chars[i..i + 4] == ['t', 'r', '!', '(']
                && (i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_'));
            if !is_call {
                i += 1;
                continue;
            }
            let line = chars[..i].iter().filter(|&&c| c == '\n').count() + 1;
            let mut j = i + 4;
            while chars[j].is_whitespace() {
                j += 1;
            }
            if chars[j] != '"' {
                // The macro's own definition (`$key`).
                i = j;
                continue;
            }
            let (key, mut j) = string_literal(&chars, j);
            // The arguments up to the closing parenthesis, split at the
            // top-level commas.
            let mut depth = 1;
            let mut piece = String::new();
            let mut pieces = Vec::new();
            while depth > 0 {
                match chars[j] {
                    '"' => {
                        let (_, next) = string_literal(&chars, j);
                        piece.push_str("\"\"");
                        j = next;
                        continue;
                    }
                    '(' | '[' | '{' => depth += 1,
                    ')' | ']' | '}' => depth -= 1,
                    ',' if depth == 1 => {
                        pieces.push(std::mem::take(&mut piece));
                        j += 1;
                        continue;
                    }
                    _ => {}
                }
                piece.push(chars[j]);
                j += 1;
            }
            pieces.push(piece);
            let names = pieces
                .iter()
                .filter_map(|p| {
                    let (name, rest) = p.trim().split_once('=')?;
                    let name = name.trim();
                    let is_name = !name.is_empty()
                        && name.chars().all(|c| c.is_alphanumeric() || c == '_')
                        && !rest.starts_with('=');
                    is_name.then(|| name.to_string())
                })
                .collect();
            let place = format!(
                "{}:{line}",
                file.strip_prefix(root()).unwrap().to_string_lossy()
            );
            calls.push(Call { place, key, names });
            i = j;
        }
    }
    calls
}

#[test]
fn every_key_the_code_asks_for_is_in_the_catalog_with_the_parts_it_fills() {
    let entries = catalog();
    let calls = calls();
    assert!(calls.len() > 100, "only {} tr! calls found", calls.len());
    let mut problems = Vec::new();
    for call in &calls {
        let Some((_, vi, _)) = entries.get(&call.key) else {
            problems.push(format!(
                "{}: {} is not in the catalog",
                call.place, call.key
            ));
            continue;
        };
        let wanted = placeholders(vi);
        if wanted != call.names {
            problems.push(format!(
                "{}: {} wants {:?}, the code fills {:?}",
                call.place, call.key, wanted, call.names
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every command's path under `ketluan` (`ketluan`, `ketluan.templates`,
/// `ketluan.templates.export`) with the command.
fn commands(cmd: &clap::Command, path: &str, out: &mut Vec<(String, clap::Command)>) {
    out.push((path.to_string(), cmd.clone()));
    for sub in cmd.get_subcommands() {
        commands(sub, &format!("{path}.{}", sub.get_name()), out);
    }
}

#[test]
fn every_command_option_and_document_has_its_wording_in_the_catalog() {
    use ketluan::i18n::{has, set, Lang};
    let mut problems = Vec::new();
    for lang in [Lang::Vi, Lang::En] {
        set(lang);
        let mut all = Vec::new();
        commands(&ketluan::cli::command(), "ketluan", &mut all);
        assert!(all.len() >= 12, "{} commands", all.len());
        for (path, cmd) in &all {
            let about = format!("cli.{path}.about");
            if !has(&about) {
                problems.push(about);
            }
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                let own = format!("cli.{path}.{id}");
                if !has(&own) && !has(&format!("cli.arg.{id}")) {
                    problems.push(own);
                }
                let own_value = format!("cli.value.{}.{id}", cmd.get_name());
                if arg.get_action().takes_values()
                    && !has(&own_value)
                    && !has(&format!("cli.value.{id}"))
                {
                    problems.push(format!("cli.value.{id}"));
                }
            }
        }
        for kind in ketluan::model::format::DocumentKind::ALL {
            let key = format!("doc.{}", kind.slug());
            if !has(&key) {
                problems.push(key);
            }
        }
    }
    set(Lang::Vi);
    assert!(problems.is_empty(), "not in the catalog: {problems:?}");
}

/// `ketluan <args>` with only the locale variables given in `env`.
fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ketluan"));
    cmd.args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("ketluan runs")
}

fn help(path: &[&str], env: &[(&str, &str)]) -> String {
    let mut args = path.to_vec();
    args.push("--help");
    let out = run(&args, env);
    assert!(out.status.success(), "{args:?} {env:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The whole words of a text (letters only, lower case): `in`, `tệp`;
/// option names, file names, paths and `<VALUES>` are not words.
fn words(text: &str) -> BTreeSet<String> {
    // What is quoted in backticks is typed, not read: `ketluan templates
    // export DIR`.
    let read: String = text.split('`').step_by(2).collect::<Vec<_>>().join(" ");
    read.split_whitespace()
        .filter(|t| !t.contains('/'))
        .map(|t| t.trim_matches(|c: char| ".,;:()\"*[]<>".contains(c)))
        .filter(|t| !t.is_empty() && t.chars().all(char::is_alphabetic))
        .map(str::to_lowercase)
        .collect()
}

/// Words both helps may share: names of commands and options (`render`,
/// `--due-before`), of formats and tools (`docx`, `zsh`, `excel`), of
/// fonts, values of the input format (the YAML blocks `notice`,
/// `invitation`, `minutes`; task statuses), the example unit of `--lead`
/// (`SNV`, "so noi vu"), the default folder `output`, Vietnamese names the
/// English help quotes, and `in` (Vietnamese for "print").
const SHARED: &[&str] = &[
    "xlsx",
    // `sign`: the signature standard and the device, named alike in both.
    "pades",
    "token",
    "usb",
    "dll",
    "iso",
    "pfx",
    "pin",
    "png",
    "bash",
    "meetings",
    "cancelled",
    "code",
    "csv",
    "docx",
    "done",
    "elvish",
    "excel",
    "fish",
    "html",
    "ics",
    "in",
    "invitation",
    "json",
    "ketluan",
    "liberation",
    "markdown",
    "md",
    "minutes",
    "ms",
    "new",
    "noi",
    "notice",
    "open",
    "output",
    "pdf",
    "powershell",
    "roman",
    "serif",
    "shell",
    "snv",
    "so",
    "table",
    "times",
    "vs",
    "vu",
    "yaml",
    "zsh",
    // Báo cáo tình hình thực hiện nhiệm vụ, Sở Nội vụ: quoted in English.
    "báo",
    "cáo",
    "tình",
    "hình",
    "thực",
    "hiện",
    "nhiệm",
    "vụ",
    "sở",
    "nội",
];

#[test]
fn help_is_vietnamese_under_a_vietnamese_locale_and_english_under_an_english_one() {
    let mut all = Vec::new();
    commands(&ketluan::cli::command(), "ketluan", &mut all);
    let vietnamese = [("LC_ALL", "C.UTF-8")];
    let english = [("LANG", "en_US.UTF-8")];
    for (path, cmd) in &all {
        let args: Vec<&str> = path.split('.').skip(1).collect();
        let vi = help(&args, &vietnamese);
        let en = help(&args, &english);
        assert!(vi.contains("Cách dùng: ketluan"), "{path}:\n{vi}");
        assert!(en.contains("Usage: ketluan"), "{path}:\n{en}");
        assert!(
            vi.contains("Tùy chọn:") && !vi.contains("[OPTIONS]"),
            "{path}:\n{vi}"
        );
        assert!(en.contains("Options:"), "{path}:\n{en}");
        // The names the user types are the same in both.
        let mut names: BTreeSet<String> = SHARED.iter().map(|s| s.to_string()).collect();
        for a in cmd.get_arguments() {
            if let Some(long) = a.get_long() {
                names.extend(long.split('-').map(str::to_string));
            }
        }
        names.extend(cmd.get_subcommands().map(|s| s.get_name().to_string()));
        names.extend(path.split('.').map(str::to_string));
        // An entry left untranslated shows as words both helps share.
        let shared: Vec<String> = words(&vi)
            .intersection(&words(&en))
            .filter(|w| !names.contains(*w))
            .cloned()
            .collect();
        assert!(
            shared.is_empty(),
            "{path}: words in both languages {shared:?}\n--- vi\n{vi}\n--- en\n{en}"
        );
    }
}

#[test]
fn the_first_locale_variable_set_decides() {
    let cases: [(&[(&str, &str)], &str); 12] = [
        (&[], "Cách dùng:"),
        (&[("LANG", "vi_VN.UTF-8")], "Cách dùng:"),
        (&[("LANG", "en_GB.UTF-8")], "Usage:"),
        (
            &[("LC_MESSAGES", "en_US.UTF-8"), ("LANG", "vi_VN.UTF-8")],
            "Usage:",
        ),
        (
            &[("LC_ALL", "vi_VN.UTF-8"), ("LANG", "en_US.UTF-8")],
            "Cách dùng:",
        ),
        // Set but empty: the next one decides.
        (&[("LC_ALL", ""), ("LANG", "en_US.UTF-8")], "Usage:"),
        (&[("LC_MESSAGES", ""), ("LANG", "en_US.UTF-8")], "Usage:"),
        // LC_ALL wins over LC_MESSAGES, each way round.
        (
            &[("LC_ALL", "vi_VN.UTF-8"), ("LC_MESSAGES", "en_US.UTF-8")],
            "Cách dùng:",
        ),
        (
            &[("LC_ALL", "en_US.UTF-8"), ("LC_MESSAGES", "vi_VN.UTF-8")],
            "Usage:",
        ),
        // LC_MESSAGES wins over LANG, each way round.
        (
            &[("LC_MESSAGES", "vi_VN.UTF-8"), ("LANG", "en_US.UTF-8")],
            "Cách dùng:",
        ),
        // All three set: LC_ALL decides, whichever the others say.
        (
            &[
                ("LC_ALL", "en_US.UTF-8"),
                ("LC_MESSAGES", "vi_VN.UTF-8"),
                ("LANG", "vi_VN.UTF-8"),
            ],
            "Usage:",
        ),
        (
            &[
                ("LC_ALL", "vi_VN.UTF-8"),
                ("LC_MESSAGES", "en_US.UTF-8"),
                ("LANG", "en_US.UTF-8"),
            ],
            "Cách dùng:",
        ),
    ];
    for (env, expected) in cases {
        let out = help(&[], env);
        assert!(out.contains(expected), "{env:?}:\n{out}");
    }
}

#[test]
fn messages_follow_the_locale_too() {
    // A mistake on the command line (clap's own error, worded by us).
    let vi = run(&["render", "--fromat", "pdf"], &[("LANG", "vi_VN.UTF-8")]);
    let en = run(&["render", "--fromat", "pdf"], &[("LANG", "en_US.UTF-8")]);
    assert_eq!(vi.status.code(), Some(2));
    assert_eq!(en.status.code(), Some(2));
    let (vi, en) = (
        String::from_utf8_lossy(&vi.stderr),
        String::from_utf8_lossy(&en.stderr),
    );
    assert!(vi.contains("lỗi: không có tùy chọn `--fromat`"), "{vi}");
    assert!(vi.contains("--format"), "{vi}");
    assert!(en.contains("error: there is no option `--fromat`"), "{en}");
    assert!(en.contains("--format"), "{en}");
    // A wrong meeting file: the headline and the hint.
    let file = "tests/bad/date-hom-qua.yaml";
    let vi = run(&["check", file], &[("LANG", "vi_VN.UTF-8")]);
    let en = run(&["check", file], &[("LANG", "en_US.UTF-8")]);
    let (vi, en) = (
        String::from_utf8_lossy(&vi.stderr),
        String::from_utf8_lossy(&en.stderr),
    );
    assert!(vi.contains(": lỗi: ") && vi.contains("= gợi ý: "), "{vi}");
    assert!(en.contains(": error: ") && en.contains("= help: "), "{en}");
    assert!(!en.contains(": lỗi: ") && !en.contains("gợi ý"), "{en}");
}

#[test]
fn every_kind_of_command_line_mistake_is_worded_in_the_users_language() {
    // (arguments, the Vietnamese words, the English words, a suggestion)
    let cases: [(&[&str], &str, &str, Option<&str>); 10] = [
        (
            &["tasks", "--format", "pdf"],
            "giá trị `pdf` không dùng được cho `--format <DẠNG>`: dùng một trong các giá trị table, csv, json, ics, md, xlsx",
            "the value `pdf` cannot be used for `--format <FORMAT>`: use one of table, csv, json, ics, md, xlsx",
            None,
        ),
        (
            &["rendr"],
            "không có lệnh `rendr`",
            "there is no command `rendr`",
            Some("render"),
        ),
        (
            &["render", "--fromat", "pdf"],
            "không có tùy chọn `--fromat`",
            "there is no option `--fromat`",
            Some("--format"),
        ),
        (
            &["render", "--format", "xls"],
            "giá trị `xls` không dùng được cho `--format <DẠNG>`: định dạng `xls` không có",
            "the value `xls` cannot be used for `--format <FORMAT>`",
            None,
        ),
        (
            &["render", "--jobs", "abc"],
            "giá trị `abc` không dùng được cho `--jobs <SỐ>`: cần một số nguyên",
            "the value `abc` cannot be used for `--jobs <N>`: a whole number is needed",
            None,
        ),
        (
            &["render", "--jobs"],
            "`--jobs <SỐ>` cần một giá trị",
            "`--jobs <N>` needs a value",
            None,
        ),
        (
            &["templates", "export"],
            "thiếu `<THƯ_MỤC>`",
            "is missing",
            None,
        ),
        (
            &["templates"],
            "chưa nói lệnh nào",
            "no command given",
            None,
        ),
        (&[], "chưa nói lệnh nào", "no command given", None),
        (
            &["watch", "--debounce", "1", "--debounce", "2"],
            "`--debounce <MS>` không dùng cùng các tùy chọn đã cho",
            "cannot be used with the options given",
            None,
        ),
    ];
    for (args, vi_words, en_words, suggestion) in cases {
        for (env, words, headline, see) in [
            (
                ("LANG", "vi_VN.UTF-8"),
                vi_words,
                "ketluan: lỗi: ",
                "xem: ketluan --help",
            ),
            (
                ("LANG", "en_US.UTF-8"),
                en_words,
                "ketluan: error: ",
                "see: ketluan --help",
            ),
        ] {
            let out = run(args, &[env]);
            assert_eq!(out.status.code(), Some(2), "{args:?} {env:?}");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.starts_with(headline), "{args:?} {env:?}:\n{err}");
            assert!(err.contains(words), "{args:?} {env:?}: {words}\n{err}");
            assert!(err.lines().last().is_some_and(|l| l.trim() == see), "{err}");
            if let Some(s) = suggestion {
                assert!(
                    err.contains(&format!("`{s}")),
                    "{args:?}: suggests {s}\n{err}"
                );
            } else {
                assert_eq!(err.lines().count(), 2, "no suggestion: {err}");
            }
        }
    }
}

#[test]
fn help_gives_the_default_of_an_option_that_has_one_and_only_there() {
    for (env, default) in [
        (("LANG", "vi_VN.UTF-8"), "mặc định"),
        (("LANG", "en_US.UTF-8"), "default"),
    ] {
        let text = help(&["render"], &[env]);
        let line = |option: &str| {
            text.lines()
                .find(|l| l.contains(option))
                .unwrap_or_else(|| panic!("{option} in\n{text}"))
                .to_string()
        };
        assert!(
            line("--out <").ends_with(&format!("({default}: output)")),
            "{text}"
        );
        assert!(
            line("--format <").ends_with(&format!("({default}: docx,pdf)")),
            "{text}"
        );
        // Flags (their default is `false`) and options without one: none.
        for option in ["--force", "--prune", "--templates <", "--font-dir <"] {
            assert!(
                !line(option).contains(&format!("({default}:")),
                "{option}: {text}"
            );
        }
        assert!(
            !text.contains(": false)") && !text.contains(": true)"),
            "{text}"
        );
    }
}
