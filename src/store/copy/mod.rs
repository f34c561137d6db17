//! `copy`: a whole database into a new or empty one, on either engine, with
//! every id kept, so that seals, history and reports read the same on the
//! copy. Written once against `db::Conn`: the source is read in one
//! snapshot, a page at a time in key order; the target is written in one
//! transaction (a failure leaves it empty), in an order its triggers accept:
//! nothing is suspended, so the protections hold throughout, and the copy
//! needs no more than the database owner's rights.

mod checkins;
mod tables;
mod value;

use super::convert::Stamp;
use super::db::{Conn, DbResult, Param};
use super::{Store, StoreError, db_error};
use std::path::Path;
use tables::{Column, Table};
use value::{Kind, Value};

/// Rows read, and written, by one statement.
const PAGE: usize = 500;

/// How many rows of each table were copied, in the order they were.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Copied {
    pub tables: Vec<(&'static str, u64)>,
}

impl Store {
    /// Copies this whole database into `target`, which must hold no
    /// records. On a server, both ends must be connected as the database's
    /// owner: a person's login reads only what that person reaches.
    pub fn copy_to(&self, target: &mut Store) -> Result<Copied, StoreError> {
        if target.path == self.path {
            return Err(StoreError::CopySameDatabase {
                path: self.path.clone(),
            });
        }
        self.check_reaches_everything()?;
        target.check_reaches_everything()?;
        self.check_tables_known()?;
        target.check_tables_known()?;
        let snapshot = Snapshot::begin(self.conn()).map_err(self.source_error())?;
        let source_is_server = self.is_shared();
        let target_path = target.path.clone();
        let change = target.change(chrono::Utc::now(), None)?;
        let copier = Copier {
            from: snapshot.conn,
            from_path: &self.path,
            from_server: source_is_server,
            to: change.conn(),
            to_path: &target_path,
        };
        copier.refuse_records()?;
        let copied = copier.everything()?;
        copier.identities_past_copied()?;
        change.commit()?;
        snapshot.end().map_err(self.source_error())?;
        if let Some(sql) = target.conn().dialect().statistics_after_load() {
            target
                .conn()
                .batch(sql)
                .map_err(db_error(&target_path, "gathering statistics on the copy"))?;
        }
        Ok(copied)
    }

    fn source_error(&self) -> impl FnOnce(super::db::DbError) -> StoreError {
        db_error(&self.path, "reading the database to copy")
    }

    /// On a server with row-level security, a login other than the
    /// tables' owner sees only some rows (a person's login, those of the
    /// people it reaches), and a copy of them would silently be partial.
    fn check_reaches_everything(&self) -> Result<(), StoreError> {
        let Some(sql) = self.conn().dialect().reaches_every_row() else {
            return Ok(());
        };
        let (login, reaches): (String, bool) = self.read("checking the login's reach", |c| {
            c.query_row(sql, &[], |row| Ok((row.get(0)?, row.get(1)?)))
        })?;
        if reaches {
            return Ok(());
        }
        Err(StoreError::CopyNeedsOwner {
            path: self.path.clone(),
            login,
        })
    }

    /// Refuses a database with a table this build does not know: copying
    /// the rest would lose it.
    fn check_tables_known(&self) -> Result<(), StoreError> {
        let sql = self.conn().dialect().tables();
        let found: Vec<String> = self.read("listing the tables", |c| {
            c.query(sql, &[], |row| row.get(0))
        })?;
        let known = |name: &str| {
            tables::ALL.iter().any(|table| table.name == name) || tables::NOT_COPIED.contains(&name)
        };
        match found.into_iter().find(|name| !known(name)) {
            Some(table) => Err(StoreError::CopyUnknownTable {
                path: self.path.clone(),
                table,
            }),
            None => Ok(()),
        }
    }
}

/// A read-only view of the source as it stood when the copy began.
struct Snapshot<'a> {
    conn: Conn<'a>,
    open: bool,
}

impl<'a> Snapshot<'a> {
    fn begin(conn: Conn<'a>) -> DbResult<Snapshot<'a>> {
        conn.batch(conn.dialect().begin_snapshot())?;
        Ok(Snapshot { conn, open: true })
    }

    fn end(mut self) -> DbResult<()> {
        self.open = false;
        self.conn.batch("COMMIT")
    }
}

impl Drop for Snapshot<'_> {
    fn drop(&mut self) {
        if self.open {
            let _ = self.conn.batch("ROLLBACK");
        }
    }
}

/// Both ends of a copy under way.
struct Copier<'a> {
    from: Conn<'a>,
    from_path: &'a Path,
    from_server: bool,
    to: Conn<'a>,
    to_path: &'a Path,
}

/// Rows of one table, as read.
type Rows = Vec<Vec<Value>>;

impl Copier<'_> {
    fn read<T>(&self, work: impl FnOnce(Conn) -> DbResult<T>) -> Result<T, StoreError> {
        work(self.from).map_err(db_error(self.from_path, "reading the database to copy"))
    }

    fn write<T>(&self, work: impl FnOnce(Conn) -> DbResult<T>) -> Result<T, StoreError> {
        work(self.to).map_err(db_error(self.to_path, "writing the copy"))
    }

    fn to_server(&self) -> bool {
        self.to.dialect() == super::dialect::Dialect::Postgres
    }

    /// Whether `table` is moved at all: server-only tables between servers.
    fn moves(&self, table: &Table) -> bool {
        !table.server_only || (self.from_server && self.to_server())
    }

    /// The columns written to the target: a file has no server-only ones.
    fn columns<'t>(&self, table: &'t Table) -> Vec<&'t Column> {
        table
            .columns
            .iter()
            .filter(|column| column.from_file.is_none() || self.to_server())
            .collect()
    }

    /// The target must hold no records: a copy adds to nothing.
    fn refuse_records(&self) -> Result<(), StoreError> {
        let mut holding = Vec::new();
        for table in tables::ALL.iter().filter(|table| self.moves(table)) {
            let sql = format!("SELECT EXISTS (SELECT 1 FROM {})", table.name);
            if self.write(|c| c.query_row(&sql, &[], |row| row.get::<bool>(0)))? {
                holding.push(table.name);
            }
        }
        if holding.is_empty() {
            return Ok(());
        }
        Err(StoreError::CopyTargetNotEmpty {
            path: self.to_path.to_path_buf(),
            tables: holding.join(", "),
        })
    }

    /// Every table in the order `tables::ALL` gives, each after those its
    /// rows refer to. People, check-ins and outcome progress take steps of
    /// their own; every other table is copied as it is, so a table added to
    /// `ALL` is copied without a second list to remember.
    fn everything(&self) -> Result<Copied, StoreError> {
        let mut copied = Copied::default();
        for table in tables::ALL {
            match table.name {
                "person" => self.people(&mut copied)?,
                "checkin" => checkins::copy(self, &mut copied)?,
                "outcome_progress" => self.outcomes(&mut copied)?,
                _ if checkins::OWN_TABLES.contains(&table.name) => {}
                _ => self.plain(table, &mut copied)?,
            }
        }
        Ok(copied)
    }

    fn plain(&self, table: &Table, copied: &mut Copied) -> Result<(), StoreError> {
        if self.moves(table) {
            let count = self.table(table, |_| {}, |_| {})?;
            copied.tables.push((table.name, count));
        }
        Ok(())
    }

    /// People name their assessor and employer, who may have been added
    /// after them: the links are written once everyone is in.
    fn people(&self, copied: &mut Copied) -> Result<(), StoreError> {
        let table = &tables::PERSON;
        let links = [
            position(table, "assessor_id"),
            position(table, "employer_id"),
        ];
        let mut linked = Vec::new();
        let count = self.table(
            table,
            |row| links.iter().for_each(|&at| row[at] = Value::Null),
            |row| {
                if links.iter().any(|&at| row[at] != Value::Null) {
                    linked.push([row[0].clone(), row[links[0]].clone(), row[links[1]].clone()]);
                }
            },
        )?;
        for [id, assessor, employer] in &linked {
            self.write(|c| {
                c.execute(
                    "UPDATE person SET assessor_id = ?1, employer_id = ?2 WHERE id = ?3",
                    &[assessor, employer, id],
                )
            })?;
        }
        copied.tables.push((table.name, count));
        Ok(())
    }

    /// An outcome judged in a sealed check-in is dated by the check-in's
    /// day: a file keeps the day as written, a server as its midnight. A
    /// copy to a file from a server writes the day again, as a file's own
    /// sealing does.
    fn outcomes(&self, copied: &mut Copied) -> Result<(), StoreError> {
        let table = &tables::OUTCOME_PROGRESS;
        let (at, checkin) = (
            position(table, "judged_at"),
            position(table, "judged_in_checkin"),
        );
        let to_file = self.from_server && !self.to_server();
        let count = self.table(
            table,
            |row| {
                if let (true, Value::Moment(stamp), Value::Integer(_)) =
                    (to_file, &row[at], &row[checkin])
                {
                    if let Some(day) = stamp.0.strip_suffix("T00:00:00.000Z") {
                        row[at] = Value::Moment(Stamp(day.to_string()));
                    }
                }
            },
            |_| {},
        )?;
        copied.tables.push((table.name, count));
        Ok(())
    }

    /// Copies every row of `table`, each first shown to `keep` as read and
    /// then written as `adjust` leaves it; gives how many there were.
    fn table(
        &self,
        table: &Table,
        adjust: impl Fn(&mut Vec<Value>),
        mut keep: impl FnMut(&[Value]),
    ) -> Result<u64, StoreError> {
        let columns = self.columns(table);
        let select = self.select(table, &columns);
        let key: Vec<usize> = table.key.iter().map(|k| position(table, k)).collect();
        let mut after: Option<Vec<Value>> = None;
        let mut count = 0;
        loop {
            let rows = self.page(&select, &columns, after.as_deref())?;
            let Some(last) = rows.last() else {
                return Ok(count);
            };
            after = Some(key.iter().map(|&at| last[at].clone()).collect());
            count += rows.len() as u64;
            let full = rows.len() == PAGE;
            let mut written = Vec::with_capacity(rows.len());
            for mut row in rows {
                keep(&row);
                adjust(&mut row);
                written.push(row);
            }
            self.insert(table, &columns, &written)?;
            if !full {
                return Ok(count);
            }
        }
    }

    /// The first page's statement and the next pages', in key order.
    fn select(&self, table: &Table, columns: &[&Column]) -> [String; 2] {
        let list = columns
            .iter()
            .map(|column| self.read_expression(column))
            .collect::<Vec<_>>()
            .join(", ");
        let key = quoted(table.key);
        let after = (1..=table.key.len())
            .map(|n| format!("?{n}"))
            .collect::<Vec<_>>()
            .join(", ");
        let from = format!("SELECT {list} FROM {}", table.name);
        let order = format!("ORDER BY {key} LIMIT {PAGE}");
        [
            format!("{from} {order}"),
            format!("{from} WHERE ({key}) > ({after}) {order}"),
        ]
    }

    /// How a column is read: hours as doubles, and on a server a
    /// server-only column copied from a file as the value it is given.
    fn read_expression(&self, column: &Column) -> String {
        match (column.from_file, self.from_server) {
            (Some(value), false) => value.to_string(),
            _ if column.kind == Kind::Hours => {
                format!("CAST(\"{}\" AS double precision)", column.name)
            }
            _ => format!("\"{}\"", column.name),
        }
    }

    fn page(
        &self,
        select: &[String; 2],
        columns: &[&Column],
        after: Option<&[Value]>,
    ) -> Result<Rows, StoreError> {
        let map = |row: &super::db::Row| {
            columns
                .iter()
                .enumerate()
                .map(|(index, column)| Value::read(row, index, column.kind))
                .collect::<DbResult<Vec<_>>>()
        };
        self.read(|c| match after {
            None => c.query(&select[0], &[], map),
            Some(key) => {
                let params: Vec<&dyn Param> = key.iter().map(|v| v as &dyn Param).collect();
                c.query(&select[1], &params, map)
            }
        })
    }

    /// Writes `rows` in one statement.
    fn insert(
        &self,
        table: &Table,
        columns: &[&Column],
        rows: &[Vec<Value>],
    ) -> Result<(), StoreError> {
        if rows.is_empty() {
            return Ok(());
        }
        let names: Vec<&str> = columns.iter().map(|column| column.name).collect();
        let mut number = 0;
        let tuples = rows
            .iter()
            .map(|_| {
                let values = columns
                    .iter()
                    .map(|column| {
                        number += 1;
                        match column.kind {
                            Kind::Hours => format!("CAST(?{number} AS double precision)"),
                            _ => format!("?{number}"),
                        }
                    })
                    .collect::<Vec<_>>();
                format!("({})", values.join(", "))
            })
            .collect::<Vec<_>>();
        let sql = format!(
            "INSERT INTO {} ({}) VALUES {}",
            table.name,
            quoted(&names),
            tuples.join(", ")
        );
        let params: Vec<&dyn Param> = rows.iter().flatten().map(|v| v as &dyn Param).collect();
        self.write(|c| c.execute(&sql, &params).map(|_| ()))
    }

    /// On a server, each identity gives new rows ids past those copied.
    fn identities_past_copied(&self) -> Result<(), StoreError> {
        for table in tables::ALL.iter().filter(|table| table.identity) {
            if let Some(sql) = self.to.dialect().identity_past_max(table.name) {
                self.write(|c| c.query(&sql, &[], |_| Ok(())))?;
            }
        }
        Ok(())
    }
}

/// Where `column` is in `table`'s columns (every table's key and server
/// columns come after the ones both engines have, so positions are the same
/// whichever are written).
fn position(table: &Table, column: &str) -> usize {
    table
        .columns
        .iter()
        .position(|c| c.name == column)
        .unwrap_or_else(|| unreachable!("{} has no column {column}", table.name))
}

fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|name| format!("\"{name}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

impl std::fmt::Display for Copied {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (table, count) in &self.tables {
            writeln!(f, "  {table}: {count}")?;
        }
        Ok(())
    }
}
