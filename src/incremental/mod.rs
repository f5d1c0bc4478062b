//! Incremental rendering: a small manifest in the output folder records, for
//! every output file, a key that hashes everything its bytes depend on, so
//! that a meeting whose inputs have not changed is skipped without reading
//! any output back.
//!
//! The key of an output is SHA-256 (stable across Rust releases and
//! machines, unlike std's `DefaultHasher`) over:
//!
//! - the manifest format and ketluan's version (a new release may lay out
//!   differently);
//! - the templates actually used (the embedded ones, or `--templates DIR`
//!   with the embedded fallbacks);
//! - the meeting file's bytes, and the presence and bytes of the nearest
//!   `ketluan.yaml`;
//! - the document and the format; for the PDF: PDF/A on or off, and the
//!   contents of the font files of `--font-dir` and of the `layout.font_dir`
//!   the meeting used; for a web page: the other formats written with it
//!   (it links them).
//!
//! An output is up to date when its key matches and the file is still there
//! with the size recorded (a stat, not a read). The manifest is read once
//! per run, at its start, and written (atomically) once, at its end, only
//! when its bytes differ from those read ([`ManifestFile`]).
//!
//! The same on every system: the paths it holds (the meeting file, a
//! `layout.font_dir`) are written relative to the output folder with `/`
//! between their parts (`../meetings/van-phong/x.yaml`), so that the folder
//! moved, cloned elsewhere or rendered on Windows gives the same bytes. Only
//! a path that has no relative form (another drive on Windows) is written
//! as it is.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::date::Date;
use crate::model::{find_defaults, DocumentKind};

mod record;

use crate::render::Format;
use crate::template::Templates;
pub use record::{DocumentRecord, MeetingRecord, RECORDED_WHAT};

/// The manifest's file name inside the output folder.
pub const MANIFEST_NAME: &str = ".ketluan-manifest.json";

/// Bumped when the manifest's layout or the meaning of a key changes.
const MANIFEST_VERSION: u32 = 1;

/// A SHA-256 digest.
pub type Digest32 = [u8; 32];

/// A digest as lower-case hex.
pub fn hex(d: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(d.len() * 2);
    for b in d {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

/// Feeds a length-prefixed field, so that field boundaries are unambiguous.
fn field(h: &mut Sha256, bytes: &[u8]) {
    h.update((bytes.len() as u64).to_le_bytes());
    h.update(bytes);
}

/// What the manifest knows about one output file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutputRecord {
    /// The input key (hex SHA-256) it was written from.
    pub key: String,
    /// Its size in bytes when written.
    pub size: u64,
}

/// What the manifest knows about one meeting (keyed by its output stem).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The meeting file, as an absolute path (relative to the output folder
    /// in the file).
    pub source: PathBuf,
    /// The `layout.font_dir` its PDF used, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub font_dir: Option<PathBuf>,
    /// The documents the meeting file asked for when last rendered (empty
    /// in a manifest from before format v2: everything is rendered again).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<DocumentKind>,
    /// Outputs by file name after `<stem>.`: `docx`, `pdf` (the notice),
    /// `giay-moi.docx`, `bien-ban.pdf`, ….
    pub outputs: BTreeMap<String, OutputRecord>,
    /// What the site needs of the meeting, when the run was asked to keep it
    /// (`site`, `serve`): valid while the outputs are up to date, since it
    /// comes from the same inputs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<Arc<MeetingRecord>>,
    /// The day the site's page of the meeting was last made for (the page
    /// shows where its tasks stand on that day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_day: Option<Date>,
}

/// The manifest of an output folder.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Manifest format.
    pub version: u32,
    /// The ketluan version that wrote it (for people; the keys carry it too).
    pub ketluan: String,
    /// Meetings by output stem, sorted so that the file is deterministic.
    pub entries: BTreeMap<String, Entry>,
}

impl Manifest {
    /// A manifest with no entries, of this version of ketluan.
    fn empty() -> Manifest {
        Manifest {
            version: MANIFEST_VERSION,
            ketluan: env!("CARGO_PKG_VERSION").to_string(),
            entries: BTreeMap::new(),
        }
    }

    /// The manifest in `bytes`, read from `out_dir`; None when they are not
    /// one of this format.
    fn parse(bytes: &[u8], out_dir: &Path) -> Option<Manifest> {
        match serde_json::from_slice::<Manifest>(bytes) {
            Ok(mut m) if m.version == MANIFEST_VERSION => {
                let base = absolute(out_dir);
                m.map_paths(|p| from_portable(&base, p));
                for (stem, e) in &mut m.entries {
                    if let Some(r) = e.record.as_mut().and_then(Arc::get_mut) {
                        r.place(stem, &e.source);
                    }
                }
                Some(Manifest {
                    ketluan: env!("CARGO_PKG_VERSION").to_string(),
                    ..m
                })
            }
            _ => None,
        }
    }

    /// The bytes of the manifest's file in `out_dir`.
    fn to_bytes(&self, out_dir: &Path) -> std::io::Result<Vec<u8>> {
        let base = absolute(out_dir);
        let mut portable = self.clone();
        portable.map_paths(|p| to_portable(&base, p));
        let mut bytes = Vec::new();
        let mut json = serde_json::Serializer::with_formatter(&mut bytes, record::Formatter::new());
        portable
            .serialize(&mut json)
            .map_err(std::io::Error::other)?;
        bytes.push(b'\n');
        Ok(bytes)
    }

    /// Every path the manifest holds (each meeting's file and font folder)
    /// replaced by `f` of it.
    fn map_paths(&mut self, f: impl Fn(&Path) -> PathBuf) {
        for e in self.entries.values_mut() {
            e.source = f(&e.source);
            e.font_dir = e.font_dir.as_deref().map(&f);
        }
    }
}

/// The manifest file of an output folder as one run uses it: read once at
/// the start, saved once at the end, and not read again to tell whether
/// saving changes it (the bytes read are kept for that).
#[derive(Debug)]
pub struct ManifestFile {
    /// What it records: as read (an empty manifest when there was none or
    /// it could not be read: everything is then rendered again, which is
    /// safe), then as the run updates it.
    pub manifest: Manifest,
    /// The output folder.
    dir: PathBuf,
    /// The file's bytes as last read or written (None: none yet).
    bytes: Option<Vec<u8>>,
    /// Whether the folder had a manifest file, even one that could not be
    /// read.
    existed: bool,
}

impl ManifestFile {
    /// Reads the manifest of `out_dir`.
    pub fn read(out_dir: &Path) -> ManifestFile {
        let path = out_dir.join(MANIFEST_NAME);
        let (bytes, existed) = match std::fs::read(&path) {
            Ok(bytes) => (Some(bytes), true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (None, false),
            // There but not readable (or not a file): a stat tells which.
            Err(_) => (None, path.is_file()),
        };
        let manifest = bytes
            .as_deref()
            .and_then(|b| Manifest::parse(b, out_dir))
            .unwrap_or_else(Manifest::empty);
        ManifestFile {
            manifest,
            dir: out_dir.to_path_buf(),
            bytes,
            existed,
        }
    }

    /// Whether the output folder had a manifest file when it was read.
    /// Whether this is the manifest of `out_dir`.
    pub fn is_of(&self, out_dir: &Path) -> bool {
        self.dir == out_dir
    }

    /// Whether the folder had a manifest file when it was read.
    pub fn existed(&self) -> bool {
        self.existed
    }

    /// Writes the manifest atomically; `Ok(false)` when the file already
    /// holds these bytes (as read or last written, and still of their size).
    pub fn save(&mut self) -> std::io::Result<bool> {
        let bytes = self.manifest.to_bytes(&self.dir)?;
        let path = self.dir.join(MANIFEST_NAME);
        let same_size = || {
            std::fs::symlink_metadata(&path)
                .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        };
        if self.bytes.as_ref() == Some(&bytes) && same_size() {
            return Ok(false);
        }
        // A cache: atomic, not synced (see `write_cache`).
        crate::output::write_cache(&path, &bytes)?;
        self.bytes = Some(bytes);
        Ok(true)
    }
}

/// `p` made absolute (as it is, when that fails).
pub(crate) fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// `path` (absolute) relative to the folder `base` (absolute), its parts
/// joined by `/` on every system; `path` itself when the two share no root
/// (another drive on Windows).
fn to_portable(base: &Path, path: &Path) -> PathBuf {
    use std::path::Component;
    let (b, p): (Vec<Component>, Vec<Component>) =
        (base.components().collect(), path.components().collect());
    let roots = |c: &[Component]| {
        c.iter()
            .take_while(|c| matches!(c, Component::Prefix(_) | Component::RootDir))
            .count()
    };
    let (rb, rp) = (roots(&b), roots(&p));
    if rp == 0 || b[..rb] != p[..rp] {
        return path.to_path_buf();
    }
    let common = b.iter().zip(&p).take_while(|(x, y)| x == y).count();
    let up = b[common..].iter().map(|_| "..".to_string());
    let down = p[common..]
        .iter()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    let parts: Vec<String> = up.chain(down).collect();
    PathBuf::from(parts.join("/"))
}

/// The absolute path a manifest's `path` stands for: [`to_portable`]'s
/// inverse, with the `..` resolved against `base` (no symbolic link is
/// followed, as none was when the path was made relative).
fn from_portable(base: &Path, path: &Path) -> PathBuf {
    if path.is_absolute() || path.has_root() {
        return path.to_path_buf();
    }
    let mut out = base.to_path_buf();
    for part in path.to_string_lossy().split('/') {
        match part {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            part => out.push(part),
        }
    }
    out
}

/// Whether the output at `path` is what `record` describes and was made
/// from `key`: same key, file present with the recorded size.
pub fn up_to_date(record: Option<&OutputRecord>, key: &str, path: &Path) -> bool {
    let Some(record) = record else {
        return false;
    };
    record.key == key
        && std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == record.size)
}

/// The hash of the templates a run uses: each template's name and text,
/// as loaded (from a folder, or the embedded ones).
pub fn templates_digest(templates: &Templates) -> Digest32 {
    let mut h = Sha256::new();
    for (name, text) in templates.sources() {
        field(&mut h, name.as_bytes());
        field(&mut h, text.as_bytes());
    }
    h.finalize().into()
}

/// The hash of the font files in a folder (names and contents of every
/// `.ttf`, `.otf`, `.ttc`), or of its absence.
pub fn font_dir_digest(dir: &Path) -> Digest32 {
    let mut h = Sha256::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.extension()
                        .map(|e| e.to_string_lossy().to_lowercase())
                        .is_some_and(|e| matches!(e.as_str(), "ttf" | "otf" | "ttc"))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    field(&mut h, if dir.is_dir() { b"dir" } else { b"none" });
    for f in files {
        field(&mut h, f.file_name().unwrap_or_default().as_encoded_bytes());
        field(&mut h, &std::fs::read(&f).unwrap_or_default());
    }
    h.finalize().into()
}

/// Everything a run's keys share, and caches for what meetings share
/// (defaults files and font folders are hashed once per run).
pub struct KeyContext {
    base: Digest32,
    archival: bool,
    /// The formats written together (a web page links the others).
    formats: Vec<Format>,
    cli_fonts: Option<Digest32>,
    defaults: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    defaults_digest: Mutex<HashMap<PathBuf, Option<Digest32>>>,
    fonts: Mutex<HashMap<PathBuf, Digest32>>,
}

/// The inputs of one meeting, read and hashed before it is rendered.
#[derive(Clone, Debug)]
pub struct MeetingInputs {
    /// The nearest `ketluan.yaml`, if any.
    pub defaults: Option<PathBuf>,
    digest: Digest32,
}

impl KeyContext {
    /// The context of a run: its templates (see [`templates_digest`]),
    /// PDF/A on or off, and `--font-dir`.
    pub fn new(
        templates: Digest32,
        archival: bool,
        cli_font_dir: Option<&Path>,
        formats: &[Format],
    ) -> KeyContext {
        let mut h = Sha256::new();
        field(&mut h, &MANIFEST_VERSION.to_le_bytes());
        field(&mut h, env!("CARGO_PKG_VERSION").as_bytes());
        field(&mut h, &templates);
        KeyContext {
            base: h.finalize().into(),
            archival,
            formats: formats.to_vec(),
            cli_fonts: cli_font_dir.map(font_dir_digest),
            defaults: Mutex::default(),
            defaults_digest: Mutex::default(),
            fonts: Mutex::default(),
        }
    }

    /// The context of a run that makes documents for signing
    /// (`render --for-signing`): every key differs from a plain run's, so
    /// neither run takes the other's files for up to date.
    pub fn for_signing(mut self) -> KeyContext {
        let mut h = Sha256::new();
        field(&mut h, &self.base);
        field(&mut h, b"for-signing");
        self.base = h.finalize().into();
        self
    }

    /// The nearest `ketluan.yaml` for a meeting file (cached per folder).
    pub fn defaults_for(&self, meeting: &Path) -> Option<PathBuf> {
        let dir = meeting.parent().unwrap_or(Path::new("")).to_path_buf();
        if let Some(found) = self.lock(&self.defaults).get(&dir) {
            return found.clone();
        }
        let found = find_defaults(meeting);
        self.lock(&self.defaults).insert(dir, found.clone());
        found
    }

    fn lock<'m, T>(&self, m: &'m Mutex<T>) -> std::sync::MutexGuard<'m, T> {
        m.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn defaults_digest(&self, path: &Path) -> Option<Digest32> {
        if let Some(d) = self.lock(&self.defaults_digest).get(path) {
            return *d;
        }
        let d = crate::model::load::read_bytes(path)
            .ok()
            .map(|bytes| Sha256::digest(&bytes).into());
        self.lock(&self.defaults_digest)
            .insert(path.to_path_buf(), d);
        d
    }

    fn font_digest(&self, dir: &Path) -> Digest32 {
        if let Some(d) = self.lock(&self.fonts).get(dir) {
            return *d;
        }
        let d = font_dir_digest(dir);
        self.lock(&self.fonts).insert(dir.to_path_buf(), d);
        d
    }

    /// Reads and hashes a meeting file and its defaults; returns the inputs
    /// and the meeting file's bytes, for the loader (so the file is read
    /// once, and what is rendered is what the key records). `Err` when the
    /// meeting file cannot be read (the loader then reports it).
    pub fn meeting_inputs(&self, meeting: &Path) -> std::io::Result<(MeetingInputs, Vec<u8>)> {
        // Through the loader's bounded read: an oversized file is refused
        // before it is read whole (the loader then reports it).
        let bytes = crate::model::load::read_bytes(meeting)
            .map_err(|d| std::io::Error::other(d.message.clone()))?;
        let defaults = self.defaults_for(meeting);
        let mut h = Sha256::new();
        field(&mut h, &self.base);
        field(&mut h, &bytes);
        match defaults.as_deref().map(|d| self.defaults_digest(d)) {
            Some(Some(d)) => field(&mut h, &d),
            Some(None) => field(&mut h, b"unreadable"),
            None => field(&mut h, b"none"),
        }
        Ok((
            MeetingInputs {
                defaults,
                digest: h.finalize().into(),
            },
            bytes,
        ))
    }

    /// The key of one output of a meeting (a document in a format);
    /// `layout_font_dir` is the
    /// `layout.font_dir` the meeting uses (from its last render when
    /// checking, from the loaded meeting when recording).
    pub fn output_key(
        &self,
        inputs: &MeetingInputs,
        kind: DocumentKind,
        format: Format,
        layout_font_dir: Option<&Path>,
    ) -> String {
        let mut h = Sha256::new();
        field(&mut h, &inputs.digest);
        field(&mut h, kind.slug().as_bytes());
        field(&mut h, format.extension().as_bytes());
        if format == Format::Html {
            for f in &self.formats {
                field(&mut h, f.extension().as_bytes());
            }
        }
        if format == Format::Pdf {
            field(&mut h, &[u8::from(self.archival)]);
            match &self.cli_fonts {
                Some(d) => field(&mut h, d),
                None => field(&mut h, b"-"),
            }
            match layout_font_dir {
                Some(dir) => field(&mut h, &self.font_digest(dir)),
                None => field(&mut h, b"-"),
            }
        }
        hex(&h.finalize())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::EMBEDDED;

    const N: DocumentKind = DocumentKind::Notice;

    #[test]
    fn keys_change_with_each_input_and_only_then() {
        let dir = tempfile::tempdir().unwrap();
        let m = dir.path().join("a.yaml");
        std::fs::write(&m, "x: 1\n").unwrap();
        let t = templates_digest(&Templates::embedded());
        let ctx = KeyContext::new(t, true, None, &[]);
        let i = ctx.meeting_inputs(&m).unwrap().0;
        let docx = ctx.output_key(&i, N, Format::Docx, None);
        let pdf = ctx.output_key(&i, N, Format::Pdf, None);
        assert_ne!(docx, pdf);
        assert_eq!(docx.len(), 64);
        // Same inputs, same keys (a stable hash).
        let again = KeyContext::new(t, true, None, &[]);
        let i2 = again.meeting_inputs(&m).unwrap().0;
        assert_eq!(again.output_key(&i2, N, Format::Docx, None), docx);
        // PDF/A changes the PDF's key, not the DOCX's.
        let plain = KeyContext::new(t, false, None, &[]);
        let i3 = plain.meeting_inputs(&m).unwrap().0;
        assert_eq!(plain.output_key(&i3, N, Format::Docx, None), docx);
        assert_ne!(plain.output_key(&i3, N, Format::Pdf, None), pdf);
        // The meeting's bytes.
        std::fs::write(&m, "x: 2\n").unwrap();
        let i4 = ctx.meeting_inputs(&m).unwrap().0;
        assert_ne!(ctx.output_key(&i4, N, Format::Docx, None), docx);
        // A defaults file appearing beside it.
        std::fs::write(&m, "x: 1\n").unwrap();
        std::fs::write(dir.path().join("ketluan.yaml"), "y: 1\n").unwrap();
        let fresh = KeyContext::new(t, true, None, &[]);
        let i5 = fresh.meeting_inputs(&m).unwrap().0;
        assert!(i5.defaults.is_some());
        assert_ne!(fresh.output_key(&i5, N, Format::Docx, None), docx);
    }

    #[test]
    fn templates_from_a_folder_change_the_digest() {
        let dir = tempfile::tempdir().unwrap();
        let embedded = templates_digest(&Templates::embedded());
        let from_dir = |d: &Path| templates_digest(&Templates::from_dir(d).unwrap());
        assert_eq!(from_dir(dir.path()), embedded);
        std::fs::write(dir.path().join(EMBEDDED[0].0), "khác").unwrap();
        assert_ne!(from_dir(dir.path()), embedded);
    }

    #[test]
    fn the_manifest_holds_paths_relative_to_its_folder_with_slashes() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        std::fs::create_dir(&out).unwrap();
        let source = dir.path().join("meetings").join("van-phong").join("a.yaml");
        let fonts = dir.path().join("fonts");
        let mut file = ManifestFile::read(&out);
        assert!(!file.existed());
        file.manifest.entries.insert(
            "a".into(),
            Entry {
                source: source.clone(),
                font_dir: Some(fonts.clone()),
                documents: vec![N],
                outputs: BTreeMap::new(),
                ..Entry::default()
            },
        );
        file.save().unwrap();
        let text = std::fs::read_to_string(out.join(MANIFEST_NAME)).unwrap();
        assert!(
            text.contains(r#""source": "../meetings/van-phong/a.yaml""#)
                && text.contains(r#""font_dir": "../fonts""#),
            "{text}"
        );
        assert!(!text.contains(&*dir.path().to_string_lossy()), "{text}");
        let back = ManifestFile::read(&out).manifest;
        assert_eq!(back.entries["a"].source, source);
        assert_eq!(back.entries["a"].font_dir.as_deref(), Some(&*fonts));
        // A file inside the output folder, and the folder's own parent.
        assert_eq!(to_portable(&out, &out.join("x.yaml")), Path::new("x.yaml"));
        assert_eq!(to_portable(&out, dir.path()), Path::new(".."));
        assert_eq!(from_portable(&out, Path::new("..")), dir.path());
    }

    /// A record of meeting `a` (`/x/a.yaml`) with one document and one task.
    fn a_record() -> MeetingRecord {
        let day = |s: &str| Date::parse(s).unwrap();
        MeetingRecord {
            documents: vec![DocumentRecord {
                kind: N,
                doc_type: "THÔNG BÁO".into(),
                title: "Kết luận".into(),
                date: day("2021-03-01"),
                reference: Some("5/TB-UBND".into()),
                issued: None,
            }],
            tasks: vec![crate::tracking::TrackedTask {
                id: "a#I.1".into(),
                meeting: "a".into(),
                file: "/x/a.yaml".into(),
                line: 12,
                meeting_date: day("2021-02-24"),
                notice: Some("5/TB-UBND".into()),
                notice_date: Some(day("2021-03-01")),
                lead: vec!["Sở Nội vụ".into()],
                with: vec!["Sở Tài chính".into()],
                due: Some(day("2021-03-10")),
                extended_to: Some(day("2021-03-20")),
                extension_note: Some("\"gia hạn\"".into()),
                status: crate::model::Status::Done,
                done_on: Some(day("2021-03-09")),
                report: Some("Báo cáo số 12/BC-SNV".into()),
                extension_requested: Some(day("2021-04-01")),
                cancel_requested: true,
                what: "Rà soát, báo cáo.".into(),
            }],
        }
    }

    #[test]
    fn manifest_round_trip_and_up_to_date() {
        let dir = tempfile::tempdir().unwrap();
        let mut file = ManifestFile::read(dir.path());
        assert!(file.manifest.entries.is_empty() && !file.existed());
        let out = dir.path().join("a.docx");
        std::fs::write(&out, b"12345").unwrap();
        let rec = OutputRecord {
            key: "k".into(),
            size: 5,
        };
        assert!(up_to_date(Some(&rec), "k", &out));
        assert!(!up_to_date(Some(&rec), "other", &out));
        assert!(!up_to_date(None, "k", &out));
        std::fs::write(&out, b"1234").unwrap();
        assert!(!up_to_date(Some(&rec), "k", &out), "size changed");
        file.manifest.entries.insert(
            "a".into(),
            Entry {
                source: "/x/a.yaml".into(),
                font_dir: None,
                documents: vec![N],
                outputs: [("docx".to_string(), rec)].into_iter().collect(),
                record: Some(Arc::new(a_record())),
                record_day: Some(Date::parse("2021-03-01").unwrap()),
            },
        );
        assert!(file.save().unwrap());
        assert!(!file.save().unwrap(), "unchanged, not rewritten");
        // An entry's fields one per line, its record on one line.
        let text = std::fs::read_to_string(dir.path().join(MANIFEST_NAME)).unwrap();
        let record_line = text.lines().find(|l| l.starts_with("      \"record\": {"));
        assert!(
            record_line
                .is_some_and(|l| l.contains("\"tasks\": [{\"id\": \"a#I.1\"") && l.ends_with("},")),
            "{text}"
        );
        assert!(
            text.contains("\n      \"record_day\": \"2021-03-01\"\n"),
            "{text}"
        );
        let mut again = ManifestFile::read(dir.path());
        assert!(again.existed());
        assert_eq!(again.manifest, file.manifest, "records read back whole");
        assert!(!again.save().unwrap(), "as read, not rewritten");
        // Changed on disk since it was read: written again.
        std::fs::write(dir.path().join(MANIFEST_NAME), "{}").unwrap();
        assert!(again.save().unwrap());
        std::fs::write(dir.path().join(MANIFEST_NAME), "{garbage").unwrap();
        let garbage = ManifestFile::read(dir.path());
        assert!(garbage.manifest.entries.is_empty() && garbage.existed());
    }
}
