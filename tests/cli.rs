//! The subcommands other than the DOCX layout: `new`, `templates export`
//! with `render --templates`, `--format pdf`, exit codes, atomic output.

mod common;

use common::*;

/// The files of an output folder, sorted, without ketluan's manifest.
fn notices(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != ".ketluan-manifest.json")
        .collect();
    names.sort();
    names
}

#[test]
fn new_writes_a_skeleton_that_check_accepts_once_filled() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cuoc-hop.yaml");
    let path = file.to_str().unwrap();
    ketluan_ok(&["new", path]);
    let skeleton = std::fs::read_to_string(&file).unwrap();
    assert!(
        skeleton.contains("# tên cơ quan ban hành"),
        "fields are explained in Vietnamese"
    );

    // Unfilled, every blank is an error.
    let out = ketluan(&["check", path]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("`issuer.name`: chưa điền"), "{stderr}");

    // A second `new` never overwrites.
    let out = ketluan(&["new", path]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), skeleton);

    // Fill each blank the way a secretary would.
    let fill = |key: &str| -> Option<&str> {
        Some(match key {
            "name" => "Nguyễn Văn A",
            "code" => "UBND",
            "place" => "Lai Châu",
            "summary" => "Kết luận tại cuộc họp",
            "date" => "2021-01-25",
            "title" => "Về việc thử",
            "lead" => "Sở Nội vụ",
            "with" => "các đơn vị liên quan",
            "do" => "Thực hiện.",
            "due" => "\"06/02/2021\"",
            "position" => "Chánh Văn phòng",
            "location" => "Phòng họp số 2",
            _ => return None,
        })
    };
    let filled: String = skeleton
        .lines()
        .map(|line| {
            let code = line.split(" #").next().unwrap().trim_end();
            let trimmed = code.trim_start();
            if let Some(key) = trimmed.strip_suffix(':') {
                if !trimmed.starts_with('#') && !trimmed.starts_with('-') {
                    if let Some(v) = fill(key.trim_start_matches("- ")) {
                        return format!("{code} {v}\n");
                    }
                }
            }
            if let Some(key) = trimmed.strip_prefix("- ").and_then(|k| k.strip_suffix(':')) {
                if let Some(v) = fill(key) {
                    return format!("{code} {v}\n");
                }
            }
            format!("{line}\n")
        })
        .collect();
    std::fs::write(&file, &filled).unwrap();
    let out = ketluan(&["check", path]);
    assert!(
        out.status.success(),
        "{}\n{filled}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The skeleton starts at the invitation stage: the giấy mời alone.
    let out_dir = dir.path().join("out");
    ketluan_ok(&["render", path, "--out", out_dir.to_str().unwrap()]);
    assert_eq!(
        notices(&out_dir),
        ["cuoc-hop.giay-moi.docx", "cuoc-hop.giay-moi.pdf"]
    );
}

#[test]
fn exported_templates_reword_the_notice() {
    let dir = tempfile::tempdir().unwrap();
    let tpl = dir.path().join("tpl");
    ketluan_ok(&["templates", "export", tpl.to_str().unwrap()]);
    // The sections and tasks are worded in agenda.md, which body.md includes.
    let body = tpl.join("agenda.md");
    let text = std::fs::read_to_string(&body).unwrap();
    assert!(text.contains("Thời hạn hoàn thành"));
    std::fs::write(
        &body,
        text.replace("Thời hạn hoàn thành: trước ngày", "Hoàn thành trước ngày"),
    )
    .unwrap();
    let out = dir.path().join("out");
    ketluan_ok(&[
        "render",
        EXAMPLE,
        "--out",
        out.to_str().unwrap(),
        "--templates",
        tpl.to_str().unwrap(),
    ]);
    let xml = zip_entry(
        &out.join("2021-01-25-phien-hop-ubnd-thang-01.docx"),
        "word/document.xml",
    );
    assert!(xml.contains("Hoàn thành trước ngày 06/02/2021."));
    assert!(!xml.contains("Thời hạn hoàn thành"));

    // A broken template is an error that names it, and nothing is written.
    std::fs::write(&body, "{% for x in %}").unwrap();
    let out2 = dir.path().join("out2");
    let res = ketluan(&[
        "render",
        EXAMPLE,
        "--out",
        out2.to_str().unwrap(),
        "--templates",
        tpl.to_str().unwrap(),
    ]);
    assert!(!res.status.success());
    assert!(String::from_utf8_lossy(&res.stderr).contains("agenda.md"));
    assert!(!out2.exists());
}

#[test]
fn formats_are_chosen_with_format_and_default_to_both() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("pdf-only");
    ketluan_ok(&[
        "render",
        EXAMPLE,
        "--out",
        d.to_str().unwrap(),
        "--format",
        "pdf",
    ]);
    assert_eq!(notices(&d), ["2021-01-25-phien-hop-ubnd-thang-01.pdf"]);
    let d = dir.path().join("both");
    ketluan_ok(&["render", EXAMPLE, "--out", d.to_str().unwrap()]);
    assert_eq!(
        notices(&d),
        [
            "2021-01-25-phien-hop-ubnd-thang-01.docx",
            "2021-01-25-phien-hop-ubnd-thang-01.pdf"
        ]
    );
    let bad = ketluan(&[
        "render",
        EXAMPLE,
        "--out",
        d.to_str().unwrap(),
        "--format",
        "odt",
    ]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("odt"));
}

#[test]
fn a_bad_file_fails_the_run_and_keeps_the_previous_output() {
    let dir = tempfile::tempdir().unwrap();
    let meeting = dir.path().join("hop.yaml");
    let example = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    std::fs::write(&meeting, &example).unwrap();
    let out = dir.path().join("out");
    let m = meeting.to_str().unwrap();
    let o = out.to_str().unwrap();
    ketluan_ok(&["render", m, "--out", o]);
    let before = std::fs::read(out.join("hop.docx")).unwrap();
    let before_pdf = std::fs::read(out.join("hop.pdf")).unwrap();
    std::fs::write(
        &meeting,
        example.replace("date: 2021-01-25", "date: 31/02/2021"),
    )
    .unwrap();
    let res = ketluan(&["render", m, "--out", o]);
    assert_eq!(res.status.code(), Some(1));
    assert_eq!(
        std::fs::read(out.join("hop.docx")).unwrap(),
        before,
        "the old notice is untouched"
    );
    let leftovers = notices(&out);
    assert_eq!(std::fs::read(out.join("hop.pdf")).unwrap(), before_pdf);
    assert_eq!(
        leftovers.len(),
        2,
        "the DOCX and PDF, no temporary file: {leftovers:?}"
    );
}

/// The entries of a help section (`Lệnh:`, `Tham số:`, `Tùy chọn:`): the
/// indented lines after its heading up to the next blank line, each split
/// into its name (up to the first run of two spaces) and its description.
/// `None` when the help has no such section.
fn help_section(help: &str, heading: &str) -> Option<Vec<(String, String)>> {
    let mut lines = help.lines().skip_while(|l| *l != heading);
    lines.next()?;
    let mut entries: Vec<(String, String)> = Vec::new();
    for line in lines.take_while(|l| !l.trim().is_empty()) {
        let text = line.trim_start();
        let indent = line.len() - text.len();
        match text.split_once("  ") {
            // A description wrapped onto a line of its own.
            _ if indent > 8 && !entries.is_empty() => {
                let last = entries.last_mut().unwrap();
                last.1.push(' ');
                last.1.push_str(text);
            }
            Some((name, description)) => {
                entries.push((name.to_string(), description.trim().to_string()))
            }
            None => entries.push((text.to_string(), String::new())),
        }
    }
    Some(entries)
}

/// The commands README.md says `ketluan --help` explains.
const COMMANDS: [&str; 16] = [
    "render",
    "check",
    "new",
    "import",
    "tasks",
    "report",
    "remind",
    "issue",
    "register",
    "sign",
    "templates",
    "watch",
    "site",
    "serve",
    "schema",
    "completions",
];

/// `ketluan <path…> --help` explains itself: its first line is `about`
/// (the line the parent's listing gave it), a usage line for the command,
/// every argument and option with a description, and a `Tùy chọn:`
/// section; its own subcommands are explained the same way, recursively.
fn assert_explained(path: &[&str], about: &str) {
    let mut args = path.to_vec();
    args.push("--help");
    let out = ketluan_ok(&args);
    let help = String::from_utf8(out.stdout).unwrap();
    let name = path.join(" ");
    let first = help.lines().next().unwrap_or_default();
    assert_eq!(
        first, about,
        "`ketluan {name} --help` starts with what `ketluan --help` says of it:\n{help}"
    );
    assert!(
        help.lines()
            .any(|l| l.starts_with(&format!("Cách dùng: ketluan {name}"))),
        "a usage line for `ketluan {name}`:\n{help}"
    );
    let options = help_section(&help, "Tùy chọn:")
        .unwrap_or_else(|| panic!("`ketluan {name} --help` has a `Tùy chọn:` section:\n{help}"));
    assert!(
        options.iter().any(|(o, _)| o.contains("--help")),
        "{options:?}"
    );
    for heading in ["Tùy chọn:", "Tham số:"] {
        for (entry, description) in help_section(&help, heading).unwrap_or_default() {
            assert!(
                description.chars().filter(|c| c.is_alphabetic()).count() >= 8,
                "`ketluan {name}`: `{entry}` is explained:\n{help}"
            );
        }
    }
    for (sub, about) in help_section(&help, "Lệnh:").unwrap_or_default() {
        assert_command_line(&name, &sub, &about);
        let mut sub_path = path.to_vec();
        sub_path.push(&sub);
        assert_explained(&sub_path, &about);
    }
}

/// A command's line in its parent's `Lệnh:` listing has a description of
/// its own: several words, not the command's name.
fn assert_command_line(parent: &str, command: &str, about: &str) {
    assert!(
        about.split_whitespace().count() >= 3 && !about.eq_ignore_ascii_case(command),
        "`ketluan {parent} --help` explains `{command}`: `{about}`"
    );
}

#[test]
fn help_explains_every_command_and_its_options() {
    let out = ketluan_ok(&["--help"]);
    let help = String::from_utf8(out.stdout).unwrap();
    let commands =
        help_section(&help, "Lệnh:").unwrap_or_else(|| panic!("a `Lệnh:` section:\n{help}"));
    let names: Vec<&str> = commands.iter().map(|(n, _)| n.as_str()).collect();
    for cmd in COMMANDS {
        assert!(names.contains(&cmd), "`{cmd}` listed: {names:?}");
    }
    let options = help_section(&help, "Tùy chọn:").expect("a `Tùy chọn:` section");
    assert!(options.iter().any(|(o, _)| o.contains("--version")));
    for (cmd, about) in &commands {
        assert_command_line("", cmd, about);
        assert_explained(&[cmd], about);
    }
    // The descriptions are the commands' own, not one line for all.
    let mut abouts: Vec<&str> = commands.iter().map(|(_, a)| a.as_str()).collect();
    abouts.sort();
    abouts.dedup();
    assert_eq!(abouts.len(), commands.len(), "{commands:?}");
}

/// What bash's completion of `ketluan` offers for the command line `words`
/// (the last one being completed), as bash would ask for it: the script of
/// `ketluan completions bash` sourced, COMP_WORDS and COMP_CWORD set, and
/// the function it registered with `complete -F` called; its COMPREPLY.
/// Run in `cwd`, where a completion of file names would find `tep-khac.txt`.
fn bash_completes(script: &std::path::Path, cwd: &std::path::Path, words: &[&str]) -> Vec<String> {
    let out = std::process::Command::new("bash")
        .args(["--norc", "--noprofile", "-c"])
        .arg(
            r#"
            source "$1" || exit 3
            shift
            spec=$(complete -p ketluan) || exit 4
            function=$(sed -n 's/.* -F \([^ ]*\) .*/\1/p' <<<"$spec")
            [ -n "$function" ] || exit 5
            COMP_WORDS=("$@")
            COMP_CWORD=$(( $# - 1 ))
            COMP_LINE="$*"
            COMP_POINT=${#COMP_LINE}
            cur=${COMP_WORDS[COMP_CWORD]}
            prev=${COMP_WORDS[COMP_CWORD - 1]}
            "$function" ketluan "$cur" "$prev"
            printf '%s\n' "${COMPREPLY[@]}"
            "#,
        )
        .arg("bash")
        .arg(script)
        .args(words)
        .current_dir(cwd)
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "the completion of {words:?} failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let mut offered: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    offered.sort();
    offered
}

/// `ketluan completions bash` in a fresh folder with one unrelated file;
/// returns (folder, script).
fn bash_script() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = ketluan_ok(&["completions", "bash"]);
    let script = dir.path().join("ketluan.bash");
    std::fs::write(&script, &out.stdout).unwrap();
    let cwd = dir.path().join("cwd");
    std::fs::create_dir(&cwd).unwrap();
    std::fs::write(cwd.join("tep-khac.txt"), "").unwrap();
    (dir, script)
}

#[test]
fn bash_completion_offers_the_subcommands() {
    if !tool_available("bash") {
        return;
    }
    let (dir, script) = bash_script();
    let cwd = dir.path().join("cwd");
    let offered = bash_completes(&script, &cwd, &["ketluan", ""]);
    let commands: Vec<&String> = offered.iter().filter(|w| !w.starts_with('-')).collect();
    let mut expected = COMMANDS.to_vec();
    expected.sort();
    assert_eq!(commands, expected, "offered after `ketluan `: {offered:?}");
    assert_eq!(
        bash_completes(&script, &cwd, &["ketluan", "re"]),
        ["register", "remind", "render", "report"]
    );
    assert_eq!(
        bash_completes(&script, &cwd, &["ketluan", "templates", ""])
            .iter()
            .filter(|w| !w.starts_with('-'))
            .collect::<Vec<_>>(),
        ["export"]
    );
    let options = bash_completes(&script, &cwd, &["ketluan", "render", "--f"]);
    assert_eq!(
        options,
        ["--font-dir", "--for-signing", "--force", "--format"]
    );
}

#[test]
fn bash_completion_offers_the_format_values() {
    if !tool_available("bash") {
        return;
    }
    let (dir, script) = bash_script();
    let cwd = dir.path().join("cwd");
    for format in ["--format", "-f"] {
        assert_eq!(
            bash_completes(&script, &cwd, &["ketluan", "render", format, ""]),
            ["docx", "html", "pdf"],
            "offered after `ketluan render {format} `"
        );
        assert_eq!(
            bash_completes(&script, &cwd, &["ketluan", "render", format, "p"]),
            ["pdf"],
            "offered after `ketluan render {format} p`"
        );
    }
}
