//! Rebuilds the crate when a message catalog changes: rust-i18n reads
//! `locales/*.yml` inside its macro, which cargo does not see as an input.

fn main() {
    println!("cargo:rerun-if-changed=locales");
}
