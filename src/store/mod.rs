//! The SQLite store: opening a database safely, the schema, and typed reads
//! and writes. Every write is one IMMEDIATE transaction that also writes its
//! history rows. Storage knows nothing of the terminal.

mod backup;
mod checkin_read;
mod checkins;
mod convert;
mod enrolments;
mod error;
mod history;
mod location;
mod people;
mod progress;
mod records;
mod schema;
mod seals;

pub use checkin_read::{CheckinRecord, SignedBy};
pub use checkins::{Action, ActionReview, CheckinContent, Signing};
pub use error::StoreError;
pub use location::{DATABASE_ENV, database_path};
pub use people::{NewApprentice, PersonSummary};
pub use records::{HistoryRow, NewEvidence, NewHours, RequirementUpdate};
pub use schema::{APPLICATION_ID, SCHEMA_VERSION};
pub use seals::SealProblem;

use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};
use std::fs::{File, OpenOptions};
use std::io::Read;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a write waits for another program's transaction to finish.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open database.
pub struct Store {
    connection: Connection,
    path: PathBuf,
    read_only: bool,
}

impl Store {
    /// Opens (creating if needed, with mode 0600) and upgrades the database.
    /// A file that is not ours, or from a newer version, is left untouched.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if path.is_dir() {
            return Err(StoreError::IsDirectory {
                path: path.to_path_buf(),
            });
        }
        create_parent_folder(path)?;
        refuse_non_sqlite(path)?;
        create_private_file(path);
        let writable = OpenOptions::new().read(true).write(true).open(path).is_ok();
        let flags = if writable {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX
        } else {
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
        };
        let mut connection =
            Connection::open_with_flags(path, flags).map_err(sqlite_error(path, "opening"))?;
        configure(&connection, path)?;
        // Checked before anything below may write to the file.
        let found = schema::check(&connection, path)?;
        if writable {
            use_wal(&connection, path)?;
        }
        schema::migrate(&mut connection, path, writable, found)?;
        Ok(Store {
            connection,
            path: path.to_path_buf(),
            read_only: !writable,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when the file could only be opened for reading.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Runs one user action as one IMMEDIATE transaction: all of it is kept,
    /// history included, or none of it. Public for bulk loaders, which must
    /// write their own history rows.
    pub fn write<T>(
        &mut self,
        context: &'static str,
        action: impl FnOnce(&Transaction) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
            });
        }
        let path = self.path.clone();
        let transaction = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sqlite_error(&path, context))?;
        let value = action(&transaction).map_err(sqlite_error(&path, context))?;
        transaction.commit().map_err(sqlite_error(&path, context))?;
        Ok(value)
    }

    /// For queries within the store module and tests.
    pub fn connection(&self) -> &Connection {
        &self.connection
    }
}

/// WAL lets a reader and a writer work at once; NORMAL is durable with WAL.
/// The journal mode is written into the file, so it is set only when it
/// differs: opening one of our databases changes nothing in it.
fn use_wal(connection: &Connection, path: &Path) -> Result<(), StoreError> {
    let context = "setting up the connection";
    let mode: String = connection
        .pragma_query_value(None, "journal_mode", |row| row.get(0))
        .map_err(sqlite_error(path, context))?;
    if !mode.eq_ignore_ascii_case("wal") {
        connection
            .pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))
            .map_err(sqlite_error(path, context))?;
    }
    connection
        .pragma_update(None, "synchronous", "NORMAL")
        .map_err(sqlite_error(path, context))
}

/// Connection settings that do not change the file.
fn configure(connection: &Connection, path: &Path) -> Result<(), StoreError> {
    connection
        .busy_timeout(BUSY_TIMEOUT)
        .and_then(|()| connection.pragma_update(None, "foreign_keys", "ON"))
        .map_err(sqlite_error(path, "setting up the connection"))
}

fn create_parent_folder(path: &Path) -> Result<(), StoreError> {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() && !parent.exists() => {
            // The folder holds personal data too: its owner only.
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(parent)
                .map_err(|source| StoreError::CreateFolder {
                    path: parent.to_path_buf(),
                    source,
                })
        }
        _ => Ok(()),
    }
}

/// Records are personal data: a new database is readable by its owner only.
fn create_private_file(path: &Path) {
    // Fails harmlessly when the file exists; SQLite then reports real problems.
    let _ = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path);
}

/// Checks the 16-byte SQLite header before SQLite touches the file.
fn refuse_non_sqlite(path: &Path) -> Result<(), StoreError> {
    let Ok(mut file) = File::open(path) else {
        return Ok(());
    };
    let mut header = Vec::with_capacity(16);
    let read = file.by_ref().take(16).read_to_end(&mut header);
    if read.is_ok() && !header.is_empty() && header != b"SQLite format 3\0" {
        return Err(StoreError::NotADatabase {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// Maps an SQLite error to the store error a user can act on.
pub(crate) fn sqlite_error(
    path: &Path,
    context: &'static str,
) -> impl FnOnce(rusqlite::Error) -> StoreError {
    let path = path.to_path_buf();
    move |source| match source.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Locked { path },
        Some(ErrorCode::NotADatabase) => StoreError::NotADatabase { path },
        Some(ErrorCode::ReadOnly) => StoreError::ReadOnly { path },
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Damaged { path },
        Some(ErrorCode::DiskFull) => StoreError::DiskFull { path },
        _ => StoreError::Sqlite {
            path,
            context,
            source,
        },
    }
}
