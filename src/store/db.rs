//! One way to run SQL on either engine. Store functions are written once
//! against `Conn`: `execute`, `query_row`, `query_opt`, `query` (rows
//! mapped through `Row::get`) and `insert_returning_id`, each statement
//! prepared once per connection on both sides. Statements use SQLite's
//! numbered `?N` placeholders; PostgreSQL's copy of a statement has them
//! rewritten to `$N` when it is first prepared.

use super::convert::{FromDb, postgres_seal_text, sqlite_seal_text};
use super::dialect::Dialect;
use std::cell::RefCell;
use std::collections::HashMap;

pub(super) type DbResult<T> = Result<T, DbError>;

/// Why a statement failed, as its engine said.
#[derive(Debug)]
pub enum DbError {
    Sqlite(rusqlite::Error),
    Postgres(postgres::Error),
    /// A statement that must give a row gave none (PostgreSQL).
    NoRows,
    /// A value that cannot be read as the type asked for (PostgreSQL).
    Value {
        column: usize,
        message: String,
    },
}

impl From<rusqlite::Error> for DbError {
    fn from(error: rusqlite::Error) -> DbError {
        DbError::Sqlite(error)
    }
}

impl From<postgres::Error> for DbError {
    fn from(error: postgres::Error) -> DbError {
        DbError::Postgres(error)
    }
}

/// A value bound to a statement on either engine.
pub(super) trait Param {
    fn sqlite(&self) -> &dyn rusqlite::ToSql;
    fn postgres(&self) -> &(dyn postgres::types::ToSql + Sync);
}

impl<T: rusqlite::ToSql + postgres::types::ToSql + Sync> Param for T {
    fn sqlite(&self) -> &dyn rusqlite::ToSql {
        self
    }
    fn postgres(&self) -> &(dyn postgres::types::ToSql + Sync) {
        self
    }
}

/// A PostgreSQL connection and the statements prepared on it. Reads take
/// `&self` on both engines, so the client is borrowed per statement.
pub(super) struct PgDb {
    client: RefCell<postgres::Client>,
    statements: RefCell<HashMap<String, postgres::Statement>>,
}

impl PgDb {
    /// The client itself, for what the facade does not cover (setting up
    /// roles and permissions).
    pub(super) fn with_client<T>(&self, work: impl FnOnce(&mut postgres::Client) -> T) -> T {
        work(&mut self.client.borrow_mut())
    }

    pub fn new(client: postgres::Client) -> PgDb {
        PgDb {
            client: RefCell::new(client),
            statements: RefCell::new(HashMap::new()),
        }
    }

    fn statement(&self, sql: &str) -> Result<postgres::Statement, postgres::Error> {
        if let Some(statement) = self.statements.borrow().get(sql) {
            return Ok(statement.clone());
        }
        let statement = self.client.borrow_mut().prepare(&numbered(sql))?;
        self.statements
            .borrow_mut()
            .insert(sql.to_string(), statement.clone());
        Ok(statement)
    }

    fn execute(&self, sql: &str, params: &[&dyn Param]) -> DbResult<u64> {
        let statement = self.statement(sql)?;
        let values: Vec<_> = params.iter().map(|p| p.postgres()).collect();
        Ok(self.client.borrow_mut().execute(&statement, &values)?)
    }

    fn query(&self, sql: &str, params: &[&dyn Param]) -> DbResult<Vec<postgres::Row>> {
        let statement = self.statement(sql)?;
        let values: Vec<_> = params.iter().map(|p| p.postgres()).collect();
        Ok(self.client.borrow_mut().query(&statement, &values)?)
    }

    /// Runs statements without parameters or results (transaction control).
    pub fn batch(&self, sql: &str) -> DbResult<()> {
        Ok(self.client.borrow_mut().batch_execute(sql)?)
    }
}

/// Either engine's connection (or a transaction on it): what store
/// functions run their statements on.
#[derive(Clone, Copy)]
pub(super) enum Conn<'a> {
    Sqlite(&'a rusqlite::Connection),
    Postgres(&'a PgDb),
}

/// One result row of either engine.
pub(super) enum Row<'r, 's> {
    Sqlite(&'r rusqlite::Row<'s>),
    Postgres(&'r postgres::Row),
}

impl Row<'_, '_> {
    /// The value of column `index`, as `T`.
    pub fn get<T: FromDb>(&self, index: usize) -> DbResult<T> {
        match self {
            Row::Sqlite(row) => T::from_sqlite(row, index).map_err(DbError::Sqlite),
            Row::Postgres(row) => T::from_postgres(row, index),
        }
    }

    /// The value of column `index` in the text form a seal covers.
    pub fn seal_text(&self, index: usize) -> DbResult<String> {
        match self {
            Row::Sqlite(row) => Ok(sqlite_seal_text(row.get_ref(index)?)),
            Row::Postgres(row) => postgres_seal_text(row, index),
        }
    }

    /// How many columns the row has.
    pub fn width(&self) -> usize {
        match self {
            Row::Sqlite(row) => row.as_ref().column_count(),
            Row::Postgres(row) => row.len(),
        }
    }

    /// A read error for column `index`, in the row's engine's terms.
    pub fn invalid(&self, index: usize, message: String) -> DbError {
        match self {
            Row::Sqlite(_) => DbError::Sqlite(rusqlite::Error::FromSqlConversionFailure(
                index,
                rusqlite::types::Type::Text,
                message.into(),
            )),
            Row::Postgres(_) => DbError::Value {
                column: index,
                message,
            },
        }
    }
}

fn sqlite_values<'p>(params: &'p [&'p dyn Param]) -> Vec<&'p dyn rusqlite::ToSql> {
    params.iter().map(|p| p.sqlite()).collect()
}

impl Conn<'_> {
    pub fn dialect(self) -> Dialect {
        match self {
            Conn::Sqlite(_) => Dialect::Sqlite,
            Conn::Postgres(_) => Dialect::Postgres,
        }
    }

    /// Runs statements without parameters or results (transaction control).
    pub fn batch(self, sql: &str) -> DbResult<()> {
        match self {
            Conn::Sqlite(connection) => Ok(connection.execute_batch(sql)?),
            Conn::Postgres(db) => db.batch(sql),
        }
    }

    /// Runs a statement; gives how many rows it changed.
    pub fn execute(self, sql: &str, params: &[&dyn Param]) -> DbResult<u64> {
        match self {
            Conn::Sqlite(connection) => {
                let mut statement = connection.prepare_cached(sql)?;
                let changed = statement.execute(sqlite_values(params).as_slice())?;
                Ok(changed as u64)
            }
            Conn::Postgres(db) => db.execute(sql, params),
        }
    }

    /// Every row, each mapped by `map`.
    pub fn query<T>(
        self,
        sql: &str,
        params: &[&dyn Param],
        mut map: impl FnMut(&Row) -> DbResult<T>,
    ) -> DbResult<Vec<T>> {
        match self {
            Conn::Sqlite(connection) => {
                let mut statement = connection.prepare_cached(sql)?;
                let mut rows = statement.query(sqlite_values(params).as_slice())?;
                let mut found = Vec::new();
                while let Some(row) = rows.next()? {
                    found.push(map(&Row::Sqlite(row))?);
                }
                Ok(found)
            }
            Conn::Postgres(db) => db
                .query(sql, params)?
                .iter()
                .map(|row| map(&Row::Postgres(row)))
                .collect(),
        }
    }

    /// The first row mapped by `map`, if there is one.
    pub fn query_opt<T>(
        self,
        sql: &str,
        params: &[&dyn Param],
        map: impl FnOnce(&Row) -> DbResult<T>,
    ) -> DbResult<Option<T>> {
        match self {
            Conn::Sqlite(connection) => {
                let mut statement = connection.prepare_cached(sql)?;
                let mut rows = statement.query(sqlite_values(params).as_slice())?;
                match rows.next()? {
                    Some(row) => map(&Row::Sqlite(row)).map(Some),
                    None => Ok(None),
                }
            }
            Conn::Postgres(db) => match db.query(sql, params)?.first() {
                Some(row) => map(&Row::Postgres(row)).map(Some),
                None => Ok(None),
            },
        }
    }

    /// The first row mapped by `map`; no row is an error.
    pub fn query_row<T>(
        self,
        sql: &str,
        params: &[&dyn Param],
        map: impl FnOnce(&Row) -> DbResult<T>,
    ) -> DbResult<T> {
        self.query_opt(sql, params, map)?.ok_or(match self {
            Conn::Sqlite(_) => DbError::Sqlite(rusqlite::Error::QueryReturnedNoRows),
            Conn::Postgres(_) => DbError::NoRows,
        })
    }

    /// Runs an INSERT and gives the new row's id. PostgreSQL has it
    /// returned (`RETURNING id` is added); SQLite reads its last row id,
    /// because its plan for `INSERT ... RETURNING` lists a scan of every
    /// table whose foreign keys name the table written, where the plain
    /// INSERT's plan lists none.
    pub fn insert_returning_id(self, sql: &str, params: &[&dyn Param]) -> DbResult<i64> {
        match self {
            Conn::Sqlite(connection) => {
                self.execute(sql, params)?;
                Ok(connection.last_insert_rowid())
            }
            Conn::Postgres(_) => {
                self.query_row(&format!("{sql} RETURNING id"), params, |row| row.get(0))
            }
        }
    }
}

/// `?N` placeholders as PostgreSQL's `$N`, outside quoted text and names.
pub(super) fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut quote: Option<char> = None;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match quote {
            Some(open) if c == open => quote = None,
            Some(_) => {}
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == '?' && chars.peek().is_some_and(char::is_ascii_digit) => {
                out.push('$');
                continue;
            }
            None => {}
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::numbered;

    #[test]
    fn placeholders_are_renumbered_outside_quotes_only() {
        assert_eq!(
            numbered("SELECT '?1', \"a?2\" FROM t WHERE a = ?1 AND b LIKE '% ' || ?12"),
            "SELECT '?1', \"a?2\" FROM t WHERE a = $1 AND b LIKE '% ' || $12"
        );
    }
}
