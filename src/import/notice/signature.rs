//! The signature block, from `Nơi nhận` on: the recipients and the `Lưu:`
//! line in the left column, the authority lines, the signer's position and
//! name in the right.

use crate::import::blocks::{Align, Block};

use super::header::sentence_case;
use super::{folded, is_rule, pieces, Notice};

/// Nơi nhận, archive and signer from the blocks from `Nơi nhận` on: the
/// left column (of a table, of tab-separated parts, or the left-aligned
/// paragraphs) lists the recipients, the right column is the signer; in
/// plain paragraphs the lines after the list are the signer's.
pub(super) fn signature(blocks: &[Block], n: &mut Notice) {
    let mut right: Vec<(String, bool)> = Vec::new();
    let mut left: Vec<(String, bool)> = Vec::new();
    for b in blocks {
        let aligned_right = b.cell.is_none()
            && b.parts.is_empty()
            && matches!(b.align, Align::Centre | Align::Right);
        for (line, column) in pieces(b) {
            if is_rule(&line) {
                continue;
            }
            if column > 0 || aligned_right {
                right.push((line, b.bold));
            } else {
                left.push((line, b.bold));
            }
        }
    }
    let mut listed = false;
    for (line, bold) in left {
        if folded(&line).starts_with("noi nhan") {
            continue;
        }
        let Some(item) = line.strip_prefix(['-', '+', '•', '–']) else {
            if listed || !line.starts_with(['-', '+']) {
                // After the list (or with no list): the signer's lines.
                right.push((line, bold));
            }
            continue;
        };
        listed = true;
        let item = item.trim().trim_end_matches(['.', ';', ',']).trim();
        if let Some(archive) = item.strip_prefix("Lưu") {
            n.archive = archive
                .trim_start_matches([':', ' '])
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
        } else if !item.is_empty() {
            n.recipients.push(item.to_string());
        }
    }
    let lines: Vec<(String, bool)> = right
        .into_iter()
        .filter(|(l, _)| !l.is_empty() && !l.starts_with('(') && !l.starts_with('['))
        .collect();
    let Some(((name, _), titles)) = lines.split_last() else {
        return;
    };
    n.signer = name.clone();
    let mut titles: Vec<String> = titles.iter().map(|(l, _)| l.clone()).collect();
    let position = titles.pop().unwrap_or_default();
    n.position = sentence_case(&position);
    if n.position != position {
        n.checks.push(("signer.position".into(), "case"));
    }
    n.authority = titles;
}
