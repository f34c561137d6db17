//! One user action's writes: a transaction that holds the one writer's
//! place from its first statement (SQLite's IMMEDIATE lock; PostgreSQL's
//! transaction-scoped advisory lock, which holds across machines), so
//! checks made inside it (the daily cap, one open draft, the version a
//! screen was read from) still hold when it commits. Dropped without
//! `commit`, nothing of it is kept.

use super::convert::Stamp;
use super::db::{Conn, DbResult, PgDb};
use super::history::{self, Author, ChangeKind, FieldChange, RecordKey};
use super::{Db, Store, StoreError, db_error, sqlite_error};
use crate::domain::{LastChange, PersonId, Version};
use chrono::{DateTime, Utc};
use rusqlite::{Transaction, TransactionBehavior};
use std::path::Path;

/// The advisory lock every PostgreSQL change takes: "PCSO".
const WRITER_LOCK: i64 = 0x5043_534F;

/// An open write: every change and its history rows, kept or dropped together.
pub struct Change<'s> {
    transaction: Open<'s>,
    path: &'s Path,
    at: Stamp,
    actor: Option<PersonId>,
}

/// The engine's open transaction.
enum Open<'s> {
    Sqlite(Transaction<'s>),
    Postgres(PgTransaction<'s>),
}

/// A PostgreSQL transaction on the store's connection, rolled back when
/// dropped before it is committed.
struct PgTransaction<'s> {
    db: &'s PgDb,
    open: bool,
}

impl<'s> PgTransaction<'s> {
    fn begin(db: &'s PgDb) -> DbResult<PgTransaction<'s>> {
        db.batch("BEGIN")?;
        let transaction = PgTransaction { db, open: true };
        Conn::Postgres(db).execute("SELECT pg_advisory_xact_lock(?1)", &[&WRITER_LOCK])?;
        Ok(transaction)
    }

    fn commit(mut self) -> DbResult<()> {
        self.open = false;
        self.db.batch("COMMIT")
    }
}

impl Drop for PgTransaction<'_> {
    fn drop(&mut self) {
        if self.open {
            // A broken connection has already ended the transaction.
            let _ = self.db.batch("ROLLBACK");
        }
    }
}

impl Store {
    /// Starts the writes of one user action, made by `actor` at `at`.
    pub fn change(
        &mut self,
        at: DateTime<Utc>,
        actor: Option<PersonId>,
    ) -> Result<Change<'_>, StoreError> {
        self.check_writable()?;
        let Store { db, path, .. } = self;
        let context = "starting a change";
        let transaction = match db {
            Db::Sqlite(file) => Open::Sqlite(
                file.connection
                    .transaction_with_behavior(TransactionBehavior::Immediate)
                    .map_err(sqlite_error(path, context))?,
            ),
            Db::Postgres(db) => {
                Open::Postgres(PgTransaction::begin(db).map_err(db_error(path, context))?)
            }
        };
        Ok(Change {
            transaction,
            path,
            at: Stamp::of(at),
            actor,
        })
    }
}

impl Change<'_> {
    /// Keeps everything written.
    pub fn commit(self) -> Result<(), StoreError> {
        let path = self.path;
        match self.transaction {
            Open::Sqlite(transaction) => transaction
                .commit()
                .map_err(sqlite_error(path, "saving the change")),
            Open::Postgres(transaction) => transaction
                .commit()
                .map_err(db_error(path, "saving the change")),
        }
    }

    /// When the change is made, as stored.
    pub fn at(&self) -> &str {
        &self.at.0
    }

    /// When the change is made, to bind to a statement.
    pub(super) fn stamp(&self) -> &Stamp {
        &self.at
    }

    pub fn actor(&self) -> Option<PersonId> {
        self.actor
    }

    /// Records the rest of the change as made by `actor`: a database's
    /// first administrator, added with nobody acting, makes what follows.
    pub fn act_as(&mut self, actor: PersonId) {
        self.actor = Some(actor);
    }

    /// Where the change's statements run.
    pub(super) fn conn(&self) -> Conn<'_> {
        match &self.transaction {
            Open::Sqlite(transaction) => Conn::Sqlite(transaction),
            Open::Postgres(transaction) => Conn::Postgres(transaction.db),
        }
    }

    /// Runs statements, naming `context` if they fail.
    pub(super) fn run<T>(
        &self,
        context: &'static str,
        work: impl FnOnce(Conn) -> DbResult<T>,
    ) -> Result<T, StoreError> {
        work(self.conn()).map_err(db_error(self.path, context))
    }

    /// The change's history rows for one record, by the acting person.
    pub(super) fn history(
        &self,
        kind: ChangeKind,
        key: &RecordKey,
        fields: &[FieldChange],
    ) -> DbResult<()> {
        self.history_by(self.actor, kind, key, fields)
    }

    /// History rows credited to someone other than the acting person (a
    /// sealed check-in's judgements belong to its assessor).
    pub(super) fn history_by(
        &self,
        actor: Option<PersonId>,
        kind: ChangeKind,
        key: &RecordKey,
        fields: &[FieldChange],
    ) -> DbResult<()> {
        let author = Author {
            actor,
            at: &self.at,
        };
        history::record_change(self.conn(), author, kind, key, fields)
    }

    /// The record's version as of this change.
    pub fn version(&self, key: &RecordKey) -> Result<Version, StoreError> {
        self.run("reading a record's version", |c| {
            history::version_of(c, key)
        })
    }

    /// Who last changed the record, and when.
    pub fn last_change(&self, key: &RecordKey) -> Result<Option<LastChange>, StoreError> {
        self.run("reading a record's history", |c| {
            history::last_change(c, key)
        })
    }
}
