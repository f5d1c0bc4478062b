//! The shape of `src/` (docs/architecture.md, "Layers"): every module
//! imports only from its own layer or the layers below it, and no source
//! file is over 700 lines. Read from the source text itself: each
//! `crate::…` path in code (comments and `#[cfg(test)]` code left out; a
//! test may reach anything) is an import of that module.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::files_under;

/// The layers, lowest first. A module is named by its first path part, or
/// by its first two for `typeset`, whose parts sit at different heights
/// (`typeset` itself only declares them).
const LAYERS: &[&[&str]] = &[
    &["text", "date", "diag", "i18n", "output", "body"],
    &[
        "typeset",
        "typeset::measure",
        "typeset::break_centred",
        "typeset::break_paragraph",
        "typeset::embed_font",
        "layout",
    ],
    &["markdown"],
    &["model", "jsonschema", "yaml_edit"],
    &["template"],
    &["document", "typeset::frame"],
    &["tracking", "typeset::compose"],
    &["render"],
    &["incremental"],
    &["build", "watcher", "import", "issuing", "signing"],
    &["site"],
    &["serve"],
    &["cmd"],
    &["cli", "lib", "main"],
];

/// The longest a file of `src/` may be.
const MAX_LINES: usize = 700;

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// The module a path inside the crate names (`typeset::measure::FontSet`
/// → `typeset::measure`, `model::format::X` → `model`).
fn module_of(path: &str) -> String {
    let mut parts = path.split("::").filter(|p| !p.is_empty());
    let first = parts.next().unwrap_or_default();
    match (first, parts.next()) {
        ("typeset", Some(second)) => format!("typeset::{second}"),
        // The catalog's look-up function, generated at the crate's root.
        (f, _) if f.starts_with("_rust_i18n") => "i18n".to_string(),
        _ => first.to_string(),
    }
}

/// The module a file of `src/` belongs to.
fn module_of_file(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .filter(|c| c != "mod")
        .collect();
    module_of(&parts.join("::"))
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    files_under(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect()
}

/// The code of a file without its comments and its test code (from the
/// first `#[cfg(test)]` on; a file that is itself a test module is empty).
fn code_of(file: &Path, text: &str) -> String {
    if file.file_name().is_some_and(|n| n == "tests.rs") {
        return String::new();
    }
    text.lines()
        .take_while(|l| l.trim() != "#[cfg(test)]")
        .filter(|l| !l.trim_start().starts_with("//"))
        .map(|l| l.split(" // ").next().unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every module `code` names through `crate::…`, braces expanded
/// (`crate::{a::X, b}` names `a` and `b`).
fn imports(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let item = item.trim();
                if !item.is_empty() && item != "self" {
                    out.insert(module_of(item));
                }
            }
            continue;
        }
        let path: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        // `crate::tr!` is the message macro, not a module.
        if !path.is_empty() && !rest[path.len()..].starts_with('!') {
            out.insert(module_of(&path));
        }
    }
    out
}

#[test]
fn no_module_imports_from_a_layer_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut upward = Vec::new();
    let mut unplaced = BTreeSet::new();
    let mut edges = 0;
    for file in rust_files(&src) {
        let module = module_of_file(&src, &file);
        let Some(own) = layer_of(&module) else {
            unplaced.insert(module);
            continue;
        };
        let text = std::fs::read_to_string(&file).unwrap();
        for used in imports(&code_of(&file, &text)) {
            match layer_of(&used) {
                Some(layer) if layer > own => upward.push(format!(
                    "{} ({module}, layer {own}) imports {used} (layer {layer})",
                    file.strip_prefix(&src).unwrap().display()
                )),
                Some(_) => edges += 1,
                None => {
                    unplaced.insert(used);
                }
            }
        }
    }
    assert!(unplaced.is_empty(), "modules in no layer: {unplaced:?}");
    assert!(
        upward.is_empty(),
        "imports from above:\n{}",
        upward.join("\n")
    );
    // The reader saw the imports (a parser that finds none passes anything).
    assert!(edges > 100, "only {edges} imports found");
}

#[test]
fn the_reader_finds_imports_in_every_form() {
    let code = "use crate::model::{DocumentKind, Meeting};\n\
                use crate::{date::Date, typeset::measure::FontSet, self};\n\
                let x = crate::site::INDEX; crate::tr!(\"k\");";
    let found: Vec<String> = imports(code).into_iter().collect();
    assert_eq!(found, ["date", "model", "site", "typeset::measure"]);
    let file = Path::new("src/a.rs");
    assert_eq!(
        imports(&code_of(
            file,
            "use crate::body::Block;\n// crate::site::X\n#[cfg(test)]\nuse crate::cmd::Y;"
        ))
        .into_iter()
        .collect::<Vec<_>>(),
        ["body"]
    );
}

#[test]
fn no_source_file_is_over_700_lines() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let long: Vec<String> = rust_files(&src)
        .into_iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(&f).unwrap().lines().count();
            (n > MAX_LINES).then(|| format!("{}: {n} lines", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "{}", long.join("\n"));
}
