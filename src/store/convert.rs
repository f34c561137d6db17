//! Between SQL values and the domain's types, on both engines: stored words
//! read back into enums, ids and versions as the integers they wrap, and
//! times as `Stamp`s (RFC 3339 text to the millisecond in SQLite, as it has
//! always stored them; `timestamptz` in PostgreSQL).

use super::db::{DbError, DbResult, Row};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use postgres::types::{IsNull, Type, to_sql_checked};
use std::error::Error;

/// The column at `index` parsed with `parse`; a word this build does not
/// know (possible only if the database was edited by hand) is a read error.
pub(super) fn word<T>(row: &Row, index: usize, parse: fn(&str) -> Option<T>) -> DbResult<T> {
    let text: String = row.get(index)?;
    parse(&text).ok_or_else(|| row.invalid(index, format!("unknown value `{text}`")))
}

/// A moment as the store writes and reads it: the text SQLite keeps
/// (`2026-11-21T12:00:00.000Z`), given to PostgreSQL as a `timestamptz`
/// and read back from one in the same form, so both engines show, seal and
/// compare the same text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Stamp(pub String);

impl Stamp {
    pub fn of(at: DateTime<Utc>) -> Stamp {
        Stamp(at.to_rfc3339_opts(SecondsFormat::Millis, true))
    }

    /// The moment, from RFC 3339 text or a bare date (its midnight, UTC).
    pub fn moment(&self) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(&self.0)
            .map(|at| at.with_timezone(&Utc))
            .ok()
            .or_else(|| {
                NaiveDate::parse_from_str(&self.0, "%Y-%m-%d")
                    .ok()
                    .and_then(|day| day.and_hms_opt(0, 0, 0))
                    .map(|at| at.and_utc())
            })
    }

    /// The day the moment falls on, as text.
    pub fn day(&self) -> &str {
        self.0.get(..10).unwrap_or(&self.0)
    }
}

impl rusqlite::ToSql for Stamp {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        rusqlite::ToSql::to_sql(&self.0)
    }
}

impl postgres::types::ToSql for Stamp {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut bytes::BytesMut,
    ) -> Result<IsNull, Box<dyn Error + Sync + Send>> {
        let at = self
            .moment()
            .ok_or_else(|| format!("`{}` is not a time", self.0))?;
        postgres::types::ToSql::to_sql(&at, ty, out)
    }

    fn accepts(ty: &Type) -> bool {
        <DateTime<Utc> as postgres::types::ToSql>::accepts(ty)
    }

    to_sql_checked!();
}

/// A Rust value read from a column of either engine.
pub(super) trait FromDb: Sized {
    fn from_sqlite(row: &rusqlite::Row, index: usize) -> rusqlite::Result<Self>;
    fn from_postgres(row: &postgres::Row, index: usize) -> DbResult<Self>;
}

/// Types both client crates read alike.
macro_rules! read_natively {
    ($($name:ty),+) => {$(
        impl FromDb for $name {
            fn from_sqlite(row: &rusqlite::Row, index: usize) -> rusqlite::Result<Self> {
                row.get(index)
            }
            fn from_postgres(row: &postgres::Row, index: usize) -> DbResult<Self> {
                row.try_get(index).map_err(DbError::Postgres)
            }
        }
    )+};
}

read_natively!(
    String,
    Option<String>,
    bool,
    Option<bool>,
    NaiveDate,
    Option<NaiveDate>
);

/// PostgreSQL integers come in three widths; all are read as i64.
fn pg_integer(row: &postgres::Row, index: usize) -> DbResult<Option<i64>> {
    let kind = column_type(row, index);
    let value = if kind == Some(Type::INT4) {
        row.try_get::<_, Option<i32>>(index)?.map(i64::from)
    } else if kind == Some(Type::INT2) {
        row.try_get::<_, Option<i16>>(index)?.map(i64::from)
    } else {
        row.try_get::<_, Option<i64>>(index)?
    };
    Ok(value)
}

fn column_type(row: &postgres::Row, index: usize) -> Option<Type> {
    row.columns().get(index).map(|c| c.type_().clone())
}

/// Floats of either width; `numeric` hours are cast to `double precision`
/// in the statement.
fn pg_float(row: &postgres::Row, index: usize) -> DbResult<Option<f64>> {
    if column_type(row, index) == Some(Type::FLOAT4) {
        return Ok(row.try_get::<_, Option<f32>>(index)?.map(f64::from));
    }
    Ok(row.try_get::<_, Option<f64>>(index)?)
}

fn missing(index: usize) -> DbError {
    DbError::Value {
        column: index,
        message: "an empty value where one is required".into(),
    }
}

impl FromDb for i64 {
    fn from_sqlite(row: &rusqlite::Row, index: usize) -> rusqlite::Result<Self> {
        row.get(index)
    }
    fn from_postgres(row: &postgres::Row, index: usize) -> DbResult<Self> {
        pg_integer(row, index)?.ok_or_else(|| missing(index))
    }
}

impl FromDb for Option<i64> {
    fn from_sqlite(row: &rusqlite::Row, index: usize) -> rusqlite::Result<Self> {
        row.get(index)
    }
    fn from_postgres(row: &postgres::Row, index: usize) -> DbResult<Self> {
        pg_integer(row, index)
    }
}

impl FromDb for f64 {
    fn from_sqlite(row: &rusqlite::Row, index: usize) -> rusqlite::Result<Self> {
        row.get(index)
    }
    fn from_postgres(row: &postgres::Row, index: usize) -> DbResult<Self> {
        pg_float(row, index)?.ok_or_else(|| missing(index))
    }
}

impl FromDb for Option<f64> {
    fn from_sqlite(row: &rusqlite::Row, index: usize) -> rusqlite::Result<Self> {
        row.get(index)
    }
    fn from_postgres(row: &postgres::Row, index: usize) -> DbResult<Self> {
        pg_float(row, index)
    }
}

impl FromDb for Option<Stamp> {
    fn from_sqlite(row: &rusqlite::Row, index: usize) -> rusqlite::Result<Self> {
        Ok(row.get::<_, Option<String>>(index)?.map(Stamp))
    }
    fn from_postgres(row: &postgres::Row, index: usize) -> DbResult<Self> {
        if column_type(row, index) == Some(Type::TEXT) {
            return Ok(row.try_get::<_, Option<String>>(index)?.map(Stamp));
        }
        Ok(row
            .try_get::<_, Option<DateTime<Utc>>>(index)?
            .map(Stamp::of))
    }
}

impl FromDb for Stamp {
    fn from_sqlite(row: &rusqlite::Row, index: usize) -> rusqlite::Result<Self> {
        row.get(index).map(Stamp)
    }
    fn from_postgres(row: &postgres::Row, index: usize) -> DbResult<Self> {
        Option::<Stamp>::from_postgres(row, index)?.ok_or_else(|| missing(index))
    }
}

/// An integer newtype made from the integer it wraps.
trait Wrap {
    fn wrap(number: i64) -> Self;
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
                <i64 as rusqlite::types::FromSql>::column_result(value).map(Self)
            }
        }

        impl postgres::types::ToSql for $name {
            fn to_sql(
                &self,
                ty: &Type,
                out: &mut bytes::BytesMut,
            ) -> Result<IsNull, Box<dyn Error + Sync + Send>> {
                postgres::types::ToSql::to_sql(&self.0, ty, out)
            }

            fn accepts(ty: &Type) -> bool {
                <i64 as postgres::types::ToSql>::accepts(ty)
            }

            to_sql_checked!();
        }

        impl Wrap for $name {
            fn wrap(number: i64) -> Self {
                Self(number)
            }
        }

        impl FromDb for $name {
            fn from_sqlite(row: &rusqlite::Row, index: usize) -> rusqlite::Result<Self> {
                row.get(index)
            }
            fn from_postgres(row: &postgres::Row, index: usize) -> DbResult<Self> {
                i64::from_postgres(row, index).map(Self)
            }
        }

        impl FromDb for Option<$name> {
            fn from_sqlite(row: &rusqlite::Row, index: usize) -> rusqlite::Result<Self> {
                row.get(index)
            }
            fn from_postgres(row: &postgres::Row, index: usize) -> DbResult<Self> {
                Ok(Option::<i64>::from_postgres(row, index)?.map(<$name as Wrap>::wrap))
            }
        }
    )+};
}

integer_newtype!(
    crate::domain::PersonId,
    crate::domain::EnrolmentId,
    crate::domain::Version
);

/// A column's value in the text form a seal covers: SQLite's stored value
/// as text (numbers in decimal, NULL empty), and PostgreSQL's typed value
/// written the same way (dates `YYYY-MM-DD`, times as `Stamp`s, flags 1
/// or 0), so that one check-in seals to the same text on both engines.
pub(super) fn sqlite_seal_text(value: rusqlite::types::ValueRef) -> String {
    use rusqlite::types::ValueRef;
    match value {
        ValueRef::Integer(number) => number.to_string(),
        ValueRef::Real(number) => number.to_string(),
        ValueRef::Text(text) | ValueRef::Blob(text) => String::from_utf8_lossy(text).into_owned(),
        ValueRef::Null => String::new(),
    }
}

pub(super) fn postgres_seal_text(row: &postgres::Row, index: usize) -> DbResult<String> {
    let kind = column_type(row, index).ok_or_else(|| missing(index))?;
    let text = if [Type::INT8, Type::INT4, Type::INT2].contains(&kind) {
        pg_integer(row, index)?.map(|n| n.to_string())
    } else if kind == Type::BOOL {
        row.try_get::<_, Option<bool>>(index)?
            .map(|flag| if flag { "1" } else { "0" }.to_string())
    } else if kind == Type::DATE {
        row.try_get::<_, Option<NaiveDate>>(index)?
            .map(|day| day.to_string())
    } else if kind == Type::TIMESTAMPTZ {
        Option::<Stamp>::from_postgres(row, index)?.map(|at| at.0)
    } else if [Type::FLOAT8, Type::FLOAT4].contains(&kind) {
        pg_float(row, index)?.map(|n| n.to_string())
    } else {
        row.try_get::<_, Option<String>>(index)?
    };
    Ok(text.unwrap_or_default())
}
