//! The language of messages: Vietnamese, or English for a user whose locale
//! (`LC_ALL`, else `LC_MESSAGES`, else `LANG`) starts with `en`.
//!
//! Every message lives in `locales/app.yml` (rust-i18n, one entry per key
//! with its `vi` and `en` text); [`tr!`](crate::tr) looks one up in the
//! language chosen here. The command line's help (the about line of every
//! command, the help of every option, the headings clap prints) is set from
//! the same catalog by [`localize`], and clap's own errors are worded by
//! [`clap_error`]. A test reads the catalog and requires both languages for
//! every key, and a key for every `tr!` in the code.

use std::sync::atomic::{AtomicU8, Ordering};

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

/// A language of the messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// Vietnamese (the default).
    Vi,
    /// English.
    En,
}

static LANG: AtomicU8 = AtomicU8::new(0);

impl Lang {
    /// The language a locale string asks for (`en_US.UTF-8` → English,
    /// anything else → Vietnamese).
    pub fn from_locale(locale: &str) -> Lang {
        if locale.trim().to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Vi
        }
    }

    /// The language of this process's environment: the first of `LC_ALL`,
    /// `LC_MESSAGES`, `LANG` that is set and not empty decides.
    pub fn from_env() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.trim().is_empty())
            .map_or(Lang::Vi, |v| Lang::from_locale(&v))
    }
}

/// Sets the language of the messages for the whole process.
pub fn set(lang: Lang) {
    LANG.store(matches!(lang, Lang::En) as u8, Ordering::Relaxed);
}

/// The language of the messages now.
pub fn lang() -> Lang {
    if LANG.load(Ordering::Relaxed) == 1 {
        Lang::En
    } else {
        Lang::Vi
    }
}

/// The catalog's name for the language now: `vi` or `en`.
pub fn locale() -> &'static str {
    match lang() {
        Lang::Vi => "vi",
        Lang::En => "en",
    }
}

/// A message of the catalog in the language now, its `%{name}` parts
/// filled in: `tr!("key")`, `tr!("key", name = value, …)`.
#[macro_export]
macro_rules! tr {
    ($key:expr) => {
        rust_i18n::t!($key, locale = $crate::i18n::locale()).into_owned()
    };
    ($key:expr, $($name:ident = $value:expr),+ $(,)?) => {
        rust_i18n::t!($key, locale = $crate::i18n::locale(), $($name = $value),+).into_owned()
    };
}

/// A message by a key built at run time (the command line's help).
pub fn text(key: &str) -> String {
    rust_i18n::t!(key, locale = locale()).into_owned()
}

/// Whether the catalog has `key`.
pub fn has(key: &str) -> bool {
    crate::_rust_i18n_try_translate(locale(), key).is_some()
}

/// The command line with every help text from the catalog: for each
/// command `cli.<path>.about` (its one-line description) and for each of
/// its arguments `cli.<path>.<argument>`, or `cli.arg.<argument>` for an
/// option several commands share, where `<path>` is the command's name under
/// `ketluan` (`ketluan`, `ketluan.render`, `ketluan.templates.export`); the
/// headings, the help and version flags and the default values too.
pub fn localize(cmd: Command) -> Command {
    walk(cmd, "ketluan")
}

fn walk(cmd: Command, path: &str) -> Command {
    let root = path == "ketluan";
    let usage = text("cli.heading.usage");
    let mut cmd = cmd
        .about(text(&format!("cli.{path}.about")))
        .long_about(None)
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .help_template(format!(
            "{{about-with-newline}}\n{usage} {{usage}}\n\n{{all-args}}{{after-help}}"
        ))
        .subcommand_help_heading(text("cli.heading.commands"))
        .subcommand_value_name(text("cli.value.command"));
    let cmd_name = cmd.get_name().to_string();
    cmd = cmd.mut_args(|a| {
        // The command's own wording, else the one shared by every command
        // that takes this option (`cli.arg.<option>`).
        let own = format!("cli.{path}.{}", a.get_id());
        let key = if has(&own) {
            own
        } else {
            format!("cli.arg.{}", a.get_id())
        };
        let mut help = text(&key);
        let defaults: Vec<String> = a
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        let takes_values = a.get_action().takes_values();
        if takes_values && !defaults.is_empty() && !a.is_hide_default_value_set() {
            help.push_str(&tr!("cli.default", value = defaults.join(",")));
        }
        let heading = if a.is_positional() {
            text("cli.heading.arguments")
        } else {
            text("cli.heading.options")
        };
        let a = a.help(help).long_help(None).help_heading(heading);
        if takes_values {
            // The help text names the values itself: clap's list is English.
            // The placeholder (`<THƯ_MỤC>`) is the catalog's too.
            // The command's own placeholder (`cli.value.schema.out`: a
            // file, where other commands' `--out` is a folder), else the
            // shared one.
            let own = format!("cli.value.{}.{}", cmd_name, a.get_id());
            let value = if has(&own) {
                text(&own)
            } else {
                text(&format!("cli.value.{}", a.get_id()))
            };
            a.value_name(value)
                .hide_default_value(true)
                .hide_possible_values(true)
        } else {
            a
        }
    });
    cmd = cmd.arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(text("cli.help"))
            .help_heading(text("cli.heading.options")),
    );
    if root {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(text("cli.version"))
                .help_heading(text("cli.heading.options")),
        );
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = format!("{path}.{name}");
        cmd = cmd.mut_subcommand(&name, |s| walk(s, &sub_path));
    }
    cmd
}

fn context(err: &clap::Error, kind: ContextKind) -> String {
    match err.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// A help or version text as clap renders it, with the one word clap
/// writes itself (`[OPTIONS]` in the usage line) in the language now.
pub fn help_text(err: &clap::Error, styled: bool) -> String {
    let rendered = err.render();
    let text = if styled {
        rendered.ansi().to_string()
    } else {
        rendered.to_string()
    };
    text.replace("[OPTIONS]", &tr!("cli.value.options"))
}

/// A command-line mistake worded in the language now (clap words its
/// errors in English): what was wrong and, where clap knows one, the
/// nearest valid spelling. Help and version requests print as they are.
pub fn clap_error(err: &clap::Error) -> String {
    let arg = context(err, ContextKind::InvalidArg);
    let value = context(err, ContextKind::InvalidValue);
    // Several near spellings: `report` hoặc `render`.
    let suggested = [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand]
        .into_iter()
        .map(|k| match err.get(k) {
            Some(ContextValue::Strings(v)) => v.join(&format!("`{}`", tr!("cli.error.or"))),
            _ => context(err, k),
        })
        .find(|s| !s.is_empty());
    let message = match err.kind() {
        ErrorKind::UnknownArgument => tr!("cli.error.unknown_argument", arg = arg),
        ErrorKind::InvalidSubcommand => {
            tr!(
                "cli.error.unknown_command",
                command = context(err, ContextKind::InvalidSubcommand)
            )
        }
        // An option given without its value (`--jobs` at the end).
        ErrorKind::InvalidValue if value.is_empty() => {
            tr!("cli.error.missing_value", arg = arg)
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            // Our value parsers word their reasons from the catalog; a
            // number's is the standard library's, in English.
            let reason = match err.source() {
                Some(s) if s.downcast_ref::<std::num::ParseIntError>().is_some() => {
                    tr!("cli.error.not_a_number")
                }
                Some(s) => s.to_string(),
                // A value outside a fixed list (`tasks --format xlsx`):
                // the list.
                None => match context(err, ContextKind::ValidValue) {
                    valid if valid.is_empty() => String::new(),
                    valid => tr!("cli.error.one_of", values = valid),
                },
            };
            if reason.is_empty() {
                tr!("cli.error.invalid_value_plain", value = value, arg = arg)
            } else {
                tr!(
                    "cli.error.invalid_value",
                    value = value,
                    arg = arg,
                    reason = reason
                )
            }
        }
        ErrorKind::MissingRequiredArgument => tr!("cli.error.missing_argument", arg = arg),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            tr!("cli.error.missing_command")
        }
        ErrorKind::ArgumentConflict => tr!("cli.error.conflict", arg = arg),
        _ => tr!("cli.error.other"),
    };
    let mut out = format!("ketluan: {}: {message}\n", tr!("diag.error"));
    if let Some(s) = suggested {
        out.push_str(&format!("  {}\n", tr!("cli.error.did_you_mean", name = s)));
    }
    out.push_str(&format!("  {}\n", tr!("cli.error.see_help")));
    out
}

use std::error::Error as _;
