//! Issuing a document (`ketluan issue`): the next number of the office's
//! series for the year taken from the register ([`register`]), number and
//! date written into the meeting file in place ([`crate::yaml_edit`]), the
//! final documents rendered, and the register's row added (Decree
//! 30/2020/NĐ-CP, Điều 15–16: numbers follow the order of issue within a
//! year, from 01 on 1 January, and are unique in the year).
//!
//! One series per issuer (its code) and year, for every kind of document
//! (the decree lets the head of the agency decide for văn bản hành chính);
//! a number is never given twice, nor a date earlier than the last one.
//! [`plan`] does every check and makes the new meeting text and the row in
//! memory; the command writes them.

pub mod audit;
pub mod export;
pub mod paper;
pub mod register;
pub mod sidecar;

use std::path::{Path, PathBuf};

use crate::date::Date;
use crate::document::{compose, Document, Signature};
use crate::model::load::{find_defaults, load_read};
use crate::model::{DocumentKind, Meeting, Numbering};
use crate::template::Templates;
use crate::yaml_edit::{Edit, Step, Value};

use self::register::Row;

/// What to issue.
#[derive(Clone, Debug)]
pub struct Request {
    /// The meeting file.
    pub file: PathBuf,
    /// Which of its documents.
    pub kind: DocumentKind,
    /// The date of issue (default: `today`; the minutes' is the meeting's).
    pub date: Option<Date>,
    /// A number given elsewhere (an e-office), instead of the next one.
    pub number: Option<u32>,
    /// The register's folder.
    pub register: PathBuf,
    /// Today, Vietnam time.
    pub today: Date,
}

/// An issue planned: the meeting file's new text, the number and date, the
/// register file and its row (the page count and the PDF's digest are
/// filled in once the PDF is made).
#[derive(Clone, Debug)]
pub struct Planned {
    /// The meeting file's text with number and date.
    pub text: String,
    /// The number given.
    pub number: u32,
    /// The date of issue.
    pub date: Date,
    /// The register file of the year.
    pub register_file: PathBuf,
    /// The row to add.
    pub row: Row,
    /// The document, numbered and dated, composed and laid out.
    pub document: Document,
}

/// Why a document cannot be issued, in the user's language.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct IssueError(pub String);

fn refuse(message: String) -> IssueError {
    IssueError(message)
}

/// The number and date a document of `kind` has in the meeting.
fn issued(meeting: &Meeting, kind: DocumentKind) -> (Option<u32>, Option<Date>) {
    match kind {
        DocumentKind::Notice => meeting
            .notice
            .as_ref()
            .map_or((None, None), |n| (n.number, n.date)),
        DocumentKind::Invitation => meeting
            .invitation
            .as_ref()
            .map_or((None, None), |i| (i.number, i.date)),
        DocumentKind::Minutes => meeting
            .minutes
            .as_ref()
            .map_or((None, None), |m| (m.number, None)),
    }
}

/// Tên loại as a register writes it: `Thông báo`.
fn type_name(kind: DocumentKind) -> String {
    let name = kind.name();
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The series that numbers a document whose tên loại is `type_name`
/// (`Thông báo`, `Công văn`) issued by the office coded `code`: the key of
/// `numbering.series` that lists its type, else the office's one series,
/// `code`.
pub fn series_for(numbering: &Numbering, type_name: &str, code: &str) -> String {
    let slug = type_slug(type_name);
    numbering
        .series
        .iter()
        .find(|(_, types)| types.contains(&slug))
        .map_or_else(|| code.to_string(), |(key, _)| key.clone())
}

/// A tên loại as `numbering.series` names it: `Thông báo` → `thong-bao`.
pub fn type_slug(type_name: &str) -> String {
    crate::tracking::slug_words(type_name).join("-")
}

/// A path as the register keeps it: from the folder the command runs in
/// (the repository) when it is under it, `/` between its parts.
fn portable(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    relative.to_string_lossy().replace('\\', "/")
}

/// The `ketluan.yaml` that says who keeps the register: the one of the
/// latest meeting file the rows name that still exists, else the nearest
/// one from the folder the command runs in, else `meetings/ketluan.yaml`.
pub fn office_defaults(rows: &[Row]) -> Option<PathBuf> {
    let from_rows = rows
        .iter()
        .rev()
        .map(|r| Path::new(&r.tep))
        .filter(|p| !p.as_os_str().is_empty() && p.is_file())
        .find_map(crate::model::load::find_defaults);
    from_rows
        .or_else(|| {
            crate::model::load::find_defaults(Path::new(crate::model::load::DEFAULTS_FILE_NAME))
        })
        .or_else(|| {
            let p = Path::new(crate::model::load::DEFAULT_MEETINGS_DIR)
                .join(crate::model::load::DEFAULTS_FILE_NAME);
            p.is_file().then_some(p)
        })
}

/// Checks the request and plans the issue (see the module's doc).
pub fn plan(request: &Request, templates: &Templates) -> Result<Planned, IssueError> {
    let file = &request.file;
    let bytes = std::fs::read(file).map_err(|e| refuse(format!("{}: {e}", file.display())))?;
    let text = String::from_utf8(bytes.clone())
        .map_err(|_| refuse(crate::tr!("issue.has_errors", file = file.display())))?;
    let defaults = find_defaults(file);
    let loaded = load_read(file, Some(bytes), defaults.as_deref());
    let meeting = match loaded.meeting {
        Some(m) if !loaded.diagnostics.has_errors() => m,
        _ => {
            return Err(refuse(crate::tr!(
                "issue.has_errors",
                file = file.display()
            )))
        }
    };
    let kind = request.kind;
    if !meeting.documents().contains(&kind) {
        return Err(refuse(crate::tr!(
            "issue.not_asked",
            file = file.display(),
            document = kind.name()
        )));
    }
    let (number, _) = issued(&meeting, kind);
    if let Some(n) = number {
        return Err(refuse(crate::tr!(
            "issue.already",
            document = kind.name(),
            reference = crate::document::reference(kind, n, &meeting.issuer.code)
        )));
    }
    let date = match kind {
        // The minutes are dated by the meeting.
        DocumentKind::Minutes => match request.date {
            Some(d) if d != meeting.meeting.date => {
                return Err(refuse(crate::tr!(
                    "issue.minutes_date",
                    held = meeting.meeting.date.short()
                )))
            }
            _ => meeting.meeting.date,
        },
        _ => request.date.unwrap_or(request.today),
    };
    let series = series_for(&meeting.numbering, &type_name(kind), &meeting.issuer.code);
    let register_file = register::path_for(&request.register, date.year());
    let rows = register::read_numbers(&register_file).map_err(|e| refuse(e.to_string()))?;
    if let Some(latest) = register::latest_date(&rows, &series).filter(|l| date < *l) {
        return Err(refuse(crate::tr!(
            "issue.date_before_last",
            date = date.short(),
            last = latest.short()
        )));
    }
    let number = match request.number {
        Some(n) => {
            if let Some((line, _)) = rows
                .iter()
                .find(|(_, r)| r.chuoi == series && r.number() == Some(n))
            {
                return Err(refuse(crate::tr!(
                    "issue.number_taken",
                    number = format!("{n:02}"),
                    file = register_file.display(),
                    line = line
                )));
            }
            n
        }
        None => register::last_in(&rows, &series).map_or(1, |(n, _)| n + 1),
    };
    let block = kind.block().to_string();
    let mut edits = vec![Edit::Set(
        vec![Step::Key(block.clone()), Step::Key("number".into())],
        Value::Int(i64::from(number)),
    )];
    if kind != DocumentKind::Minutes {
        edits.push(Edit::Set(
            vec![Step::Key(block), Step::Key("date".into())],
            Value::Text(date.iso()),
        ));
    }
    let new_text = crate::yaml_edit::apply(&text, &edits)
        .map_err(|e| refuse(format!("{}: {e}", file.display())))?;
    // The edited file must load as the issued document.
    let again = load_read(
        file,
        Some(new_text.clone().into_bytes()),
        defaults.as_deref(),
    );
    let meeting = match again.meeting {
        Some(m) if !again.diagnostics.has_errors() && issued(&m, kind).0 == Some(number) => m,
        _ => {
            return Err(refuse(crate::tr!(
                "issue.has_errors",
                file = file.display()
            )))
        }
    };
    let document = compose(&meeting, kind, templates).map_err(|e| refuse(e.to_string()))?;
    let (signer, position) = match &document.signature {
        Signature::Single { position, name, .. } => (name.clone(), position.clone()),
        Signature::Pair { right, .. } => (right.name.clone(), right.title.clone()),
    };
    let (sent, kept): (Vec<&String>, Vec<&String>) = document
        .recipients
        .iter()
        .partition(|l| !l.trim_start_matches(['-', ' ']).starts_with("Lưu"));
    let clean = |l: &str| {
        l.trim_start_matches(['-', ' '])
            .trim_end_matches([';', '.', ' '])
            .to_string()
    };
    let row = Row {
        so: format!("{number:02}"),
        ky_hieu: format!("{}-{}", kind.code(), meeting.issuer.code),
        ngay: date.iso(),
        ten_loai: type_name(kind),
        co_quan: meeting.issuer.name.clone(),
        trich_yeu: document.summary.replace('\n', " "),
        ngon_ngu: "Tiếng Việt".into(),
        nguoi_ky: signer,
        chuc_vu: position,
        noi_nhan: sent.iter().map(|l| clean(l)).collect::<Vec<_>>().join("; "),
        ban_luu: kept.iter().map(|l| clean(l)).collect::<Vec<_>>().join("; "),
        so_ban: (sent.len() + kept.len().max(1)).to_string(),
        ngay_chuyen: date.iso(),
        chuoi: series,
        nguon: "ketluan".into(),
        tep: portable(file),
        ..Row::default()
    };
    Ok(Planned {
        text: new_text,
        number,
        date,
        register_file,
        row,
        document,
    })
}
