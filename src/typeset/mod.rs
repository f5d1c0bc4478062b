//! Typesetting, shared by the fixed-layout output (PDF) and by the width
//! checks of the others: measuring text with the fonts' real advances
//! ([`measure`]), breaking it into lines (centred header and signature
//! lines in [`break_centred`], body paragraphs in [`break_paragraph`]),
//! composing the lines into pages ([`compose`]), and preparing a font file
//! for embedding ([`embed_font`]); what every backend writes the same (the
//! header grid, centred lines, rule lengths) is laid out once per document
//! in [`frame`].

pub mod break_centred;
pub mod break_paragraph;
pub mod compose;
pub mod embed_font;
pub mod frame;
pub mod measure;
