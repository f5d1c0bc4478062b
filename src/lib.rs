//! ketluan: a meeting written in YAML → the *Thông báo kết luận* of a
//! Vietnamese government office (Decree 30/2020/NĐ-CP), as DOCX and PDF.
//!
//! The pipeline reads in one direction:
//! [`model`] (load YAML + defaults with source spans, validate) →
//! [`template`] (tera → Markdown body) → [`markdown`] (pulldown-cmark →
//! document blocks) → [`document`] (the notice, ready to lay out) →
//! [`render`] backends (DOCX) → [`output`] (atomic write).

pub mod build;
pub mod cli;
pub mod cmd;
pub mod date;
pub mod diag;
pub mod document;
pub mod fonts;
pub mod i18n;
pub mod import;
pub mod incremental;
pub mod jsonschema;
pub mod layout;
pub mod linebreak;
pub mod markdown;
pub mod model;
pub mod output;
pub mod render;
pub mod serve;
pub mod site;
pub mod template;
pub mod text;
pub mod textlayout;
pub mod tracking;
pub mod truetype;
pub mod watcher;
pub mod yaml_edit;

// The message catalog (locales/app.yml), Vietnamese when a key lacks a language.
rust_i18n::i18n!("locales", fallback = "vi");
