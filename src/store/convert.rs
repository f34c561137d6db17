//! Reading stored words back into the domain's enums.

use rusqlite::Row;

/// The column at `index` parsed with `parse`; a word this build does not
/// know (possible only if the file was edited by hand) is a read error.
pub(super) fn word<T>(
    row: &Row,
    index: usize,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let text: String = row.get(index)?;
    parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            index,
            rusqlite::types::Type::Text,
            format!("unknown value `{text}`").into(),
        )
    })
}
