//! One user action's writes: an IMMEDIATE transaction that holds the write
//! lock from its first statement, so checks made inside it (the daily cap,
//! one open draft, the version a screen was read from) still hold when it
//! commits. Dropped without `commit`, nothing of it is kept.

use super::history::{self, Author, ChangeKind, FieldChange, RecordKey};
use super::{Store, StoreError, sqlite_error};
use crate::domain::{LastChange, PersonId, Version};
use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Transaction, TransactionBehavior};
use std::path::Path;

/// An open write: every change and its history rows, kept or dropped together.
pub struct Change<'s> {
    transaction: Transaction<'s>,
    path: &'s Path,
    at: String,
    actor: Option<PersonId>,
}

impl Store {
    /// Starts the writes of one user action, made by `actor` at `at`.
    pub fn change(
        &mut self,
        at: DateTime<Utc>,
        actor: Option<PersonId>,
    ) -> Result<Change<'_>, StoreError> {
        self.check_writable()?;
        let Store {
            connection, path, ..
        } = self;
        let transaction = connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sqlite_error(path, "starting a change"))?;
        Ok(Change {
            transaction,
            path,
            at: at.to_rfc3339_opts(SecondsFormat::Millis, true),
            actor,
        })
    }
}

impl Change<'_> {
    /// Keeps everything written.
    pub fn commit(self) -> Result<(), StoreError> {
        let path = self.path;
        self.transaction
            .commit()
            .map_err(sqlite_error(path, "saving the change"))
    }

    /// When the change is made, as stored.
    pub fn at(&self) -> &str {
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

    /// Runs statements, naming `context` if they fail.
    pub(super) fn run<T>(
        &self,
        context: &'static str,
        work: impl FnOnce(&Transaction) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        work(&self.transaction).map_err(sqlite_error(self.path, context))
    }

    /// The change's history rows for one record, by the acting person.
    pub(super) fn history(
        &self,
        kind: ChangeKind,
        key: &RecordKey,
        fields: &[FieldChange],
    ) -> rusqlite::Result<()> {
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
    ) -> rusqlite::Result<()> {
        let author = Author {
            actor,
            at: &self.at,
        };
        history::record_change(&self.transaction, author, kind, key, fields)
    }

    /// The record's version as of this change.
    pub fn version(&self, key: &RecordKey) -> Result<Version, StoreError> {
        self.run("reading a record's version", |t| {
            history::version_of(t, key)
        })
    }

    /// Who last changed the record, and when.
    pub fn last_change(&self, key: &RecordKey) -> Result<Option<LastChange>, StoreError> {
        self.run("reading a record's history", |t| {
            history::last_change(t, key)
        })
    }

    pub(super) fn transaction(&self) -> &Transaction<'_> {
        &self.transaction
    }

    pub(super) fn path(&self) -> &Path {
        self.path
    }
}
