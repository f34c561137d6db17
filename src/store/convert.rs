//! Between SQL values and the domain's types: stored words read back into
//! enums, and ids and versions as the integers they wrap.

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

/// Ids and versions go into and come out of SQL as the integers they wrap.
macro_rules! integer_newtype {
    ($($name:ty),+) => {$(
        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.0))
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(
                value: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                i64::column_result(value).map(Self)
            }
        }
    )+};
}

integer_newtype!(
    crate::domain::PersonId,
    crate::domain::EnrolmentId,
    crate::domain::Version
);
