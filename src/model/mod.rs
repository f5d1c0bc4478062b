//! The meeting: its types, and loading them from YAML with validation.

pub mod node;
