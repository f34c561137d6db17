//! The schema, as numbered migrations applied in order. Migrations are
//! append-only: a released one is never edited, a change is a new file.
//! `PRAGMA user_version` records how many have been applied.

use super::{StoreError, sqlite_error};
use rusqlite::{Connection, TransactionBehavior};
use std::path::Path;

const MIGRATIONS: [&str; 12] = [
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_checkin_signatures.sql"),
    include_str!("migrations/0003_one_open_draft.sql"),
    include_str!("migrations/0004_lookup_indexes.sql"),
    include_str!("migrations/0005_roles.sql"),
    include_str!("migrations/0006_pins.sql"),
    include_str!("migrations/0007_review_signatures.sql"),
    include_str!("migrations/0008_gateway_signoff.sql"),
    include_str!("migrations/0009_learner_record_and_epa.sql"),
    include_str!("migrations/0010_evidence_files.sql"),
    include_str!("migrations/0011_hours_review.sql"),
    include_str!("migrations/0012_training_plan.sql"),
];

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Marks a database as ours ("PCSO"), so a stranger's SQLite file is refused.
pub const APPLICATION_ID: i64 = 0x5043_534F;

/// The schema version found, after refusing a database that is not ours or
/// comes from a newer version. Reads only: the file is not changed.
pub fn check(connection: &Connection, path: &Path) -> Result<i64, StoreError> {
    let found: i64 = connection
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(sqlite_error(path, "reading the schema version"))?;
    if found < 0 {
        return Err(StoreError::DamagedHeader {
            path: path.to_path_buf(),
            found,
        });
    }
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found,
            known: SCHEMA_VERSION,
        });
    }
    refuse_foreign_database(connection, path, found)?;
    Ok(found)
}

/// Brings the database from version `found` up to `SCHEMA_VERSION`, all in
/// one transaction.
pub fn migrate(
    connection: &mut Connection,
    path: &Path,
    writable: bool,
    found: i64,
) -> Result<(), StoreError> {
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    if !writable {
        return Err(StoreError::ReadOnlyNeedsUpgrade {
            path: path.to_path_buf(),
            known: SCHEMA_VERSION,
        });
    }
    // A migration that rebuilds a table drops it while others still refer
    // to it: SQLite's way is foreign keys off (possible only outside a
    // transaction) and every reference checked before the commit.
    foreign_keys(connection, path, "OFF")?;
    let applied = apply(connection, path, found);
    foreign_keys(connection, path, "ON")?;
    applied
}

fn foreign_keys(connection: &Connection, path: &Path, on: &str) -> Result<(), StoreError> {
    connection
        .pragma_update(None, "foreign_keys", on)
        .map_err(sqlite_error(path, "upgrading the schema"))
}

/// Applies the migrations after `found` in one transaction.
fn apply(connection: &mut Connection, path: &Path, found: i64) -> Result<(), StoreError> {
    let transaction = connection
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(sqlite_error(path, "starting the schema upgrade"))?;
    let pending = usize::try_from(found)
        .ok()
        .and_then(|applied| MIGRATIONS.get(applied..))
        .ok_or_else(|| StoreError::DamagedHeader {
            path: path.to_path_buf(),
            found,
        })?;
    for sql in pending {
        transaction
            .execute_batch(sql)
            .map_err(sqlite_error(path, "upgrading the schema"))?;
    }
    let broken: bool = transaction
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM pragma_foreign_key_check)",
            [],
            |row| row.get(0),
        )
        .map_err(sqlite_error(path, "checking references after the upgrade"))?;
    if broken {
        // Dropping the transaction leaves the file as it was.
        return Err(StoreError::Damaged {
            path: path.to_path_buf(),
        });
    }
    transaction
        .pragma_update(None, "user_version", SCHEMA_VERSION)
        .and_then(|()| transaction.pragma_update(None, "application_id", APPLICATION_ID))
        .and_then(|()| transaction.commit())
        .map_err(sqlite_error(path, "upgrading the schema"))
}

/// A database with tables but without our mark belongs to something else.
fn refuse_foreign_database(
    connection: &Connection,
    path: &Path,
    found: i64,
) -> Result<(), StoreError> {
    let application_id: i64 = connection
        .pragma_query_value(None, "application_id", |row| row.get(0))
        .map_err(sqlite_error(path, "reading the application id"))?;
    let ours = application_id == APPLICATION_ID;
    if ours && found > 0 {
        // Ours and migrated: counting tables would cost every command a
        // statement for nothing.
        return Ok(());
    }
    let tables: i64 = connection
        .query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))
        .map_err(sqlite_error(path, "reading the schema"))?;
    let path = path.to_path_buf();
    let blank = application_id == 0 && found == 0 && tables == 0;
    if ours && found == 0 && tables > 0 {
        // Migration 1 would collide with the tables already there.
        Err(StoreError::UnversionedTables { path })
    } else if ours || blank {
        Ok(())
    } else {
        Err(StoreError::NotADatabase { path })
    }
}
