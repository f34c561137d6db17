//! One column's value on its way from one engine to the other, read as the
//! kind the column holds and bound to the other engine as that kind: dates
//! as dates, times as `Stamp`s, flags as flags, hours as doubles.

use crate::store::convert::Stamp;
use crate::store::db::{DbResult, Row};
use chrono::NaiveDate;
use postgres::types::{IsNull, ToSql, Type, to_sql_checked};
use std::error::Error;

/// What a column holds, as far as moving it needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Integer,
    Text,
    Flag,
    Day,
    Moment,
    /// `numeric` on PostgreSQL, read and bound as a double.
    Hours,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Integer(i64),
    Text(String),
    Flag(bool),
    Day(NaiveDate),
    Moment(Stamp),
    Real(f64),
}

impl Value {
    /// Column `index` of `row`, read as `kind`.
    pub fn read(row: &Row, index: usize, kind: Kind) -> DbResult<Value> {
        let value = match kind {
            Kind::Integer => row.get::<Option<i64>>(index)?.map(Value::Integer),
            Kind::Text => row.get::<Option<String>>(index)?.map(Value::Text),
            Kind::Flag => row.get::<Option<bool>>(index)?.map(Value::Flag),
            Kind::Day => row.get::<Option<NaiveDate>>(index)?.map(Value::Day),
            Kind::Moment => row.get::<Option<Stamp>>(index)?.map(Value::Moment),
            Kind::Hours => row.get::<Option<f64>>(index)?.map(Value::Real),
        };
        Ok(value.unwrap_or(Value::Null))
    }
}

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, Value as Sqlite};
        match self {
            Value::Null => Ok(ToSqlOutput::Owned(Sqlite::Null)),
            Value::Integer(number) => rusqlite::ToSql::to_sql(number),
            Value::Text(text) => rusqlite::ToSql::to_sql(text),
            Value::Flag(flag) => rusqlite::ToSql::to_sql(flag),
            Value::Day(day) => rusqlite::ToSql::to_sql(day),
            Value::Moment(at) => rusqlite::ToSql::to_sql(at),
            Value::Real(number) => rusqlite::ToSql::to_sql(number),
        }
    }
}

impl ToSql for Value {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut bytes::BytesMut,
    ) -> Result<IsNull, Box<dyn Error + Sync + Send>> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            // PIN tries are an `integer` column: the only narrower one.
            Value::Integer(number) if *ty == Type::INT4 => {
                i32::try_from(*number)?.to_sql_checked(ty, out)
            }
            Value::Integer(number) => number.to_sql_checked(ty, out),
            Value::Text(text) => text.to_sql_checked(ty, out),
            Value::Flag(flag) => flag.to_sql_checked(ty, out),
            Value::Day(day) => day.to_sql_checked(ty, out),
            Value::Moment(at) => at.to_sql_checked(ty, out),
            Value::Real(number) => number.to_sql_checked(ty, out),
        }
    }

    /// Each variant checks the column's type against its own value.
    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}
