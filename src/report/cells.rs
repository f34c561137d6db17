//! Words that go in a Markdown table's cells, shared by every report that
//! draws one.

use crate::domain::standing::CategoryHours;

/// Text safe inside a table cell: no pipes or line breaks to break the row.
pub(super) fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// A category's share of all time, against its intended share if any.
pub(super) fn share_text(category: &CategoryHours) -> String {
    match category.target_share_percent {
        Some(target) => format!("{:.0}% (intended {target}%)", category.share_percent),
        None => format!("{:.0}%", category.share_percent),
    }
}
