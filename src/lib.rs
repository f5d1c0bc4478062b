//! ketluan: a meeting written in YAML → the papers of a Vietnamese
//! government office in the layout of Decree 30/2020/NĐ-CP (the *Thông
//! báo kết luận*, the giấy mời and the biên bản of the meeting, the report
//! on its tasks) as DOCX, PDF/A and HTML, with task tracking, an archive
//! site, a live preview, and the import of past notices.
//!
//! The pipeline reads in one direction:
//! [`model`] (load YAML + defaults with source spans, validate) →
//! [`template`] (tera → Markdown body) → [`markdown`] (pulldown-cmark →
//! document blocks) → [`document`] (the notice, ready to lay out) →
//! [`render`] backends (DOCX, PDF, HTML) → [`output`] (atomic write);
//! [`import`] reads notices the other way, into meeting files.

pub mod body;
pub mod build;
pub mod cli;
pub mod cmd;
pub mod date;
pub mod diag;
pub mod document;
pub mod i18n;
pub mod import;
pub mod incremental;
pub mod issuing;
pub mod jsonschema;
pub mod layout;
pub mod markdown;
pub mod model;
pub mod output;
pub mod render;
pub mod serve;
pub mod signing;
pub mod site;
pub mod template;
pub mod text;
pub mod tracking;
pub mod typeset;
pub mod watcher;
pub mod yaml_edit;

// The message catalog (locales/app.yml), Vietnamese when a key lacks a language.
rust_i18n::i18n!("locales", fallback = "vi");
