//! The SQLite store: opening a database safely, the schema, and typed reads
//! and writes. A user action's writes go through one `Change`: an IMMEDIATE
//! transaction that also writes their history rows. Storage knows nothing
//! of the terminal, and nothing of who may do what.

mod backup;
mod change;
mod checkin_read;
mod checkins;
mod convert;
mod details;
mod enrolments;
mod error;
mod evidence;
mod history;
mod hours;
mod location;
mod outcomes;
mod people;
mod progress;
pub mod provider_scale;
mod schema;
mod seals;

pub use change::Change;
pub use checkins::CheckinState;
pub use error::StoreError;
pub use evidence::NewEvidence;
pub use history::RecordKey;
pub use hours::NewHours;
pub use location::{DATABASE_ENV, database_path};
pub use outcomes::{HistoryRow, RequirementUpdate};
pub use people::NewApprentice;
pub use provider_scale::ProviderSample;
pub use schema::{APPLICATION_ID, SCHEMA_VERSION};

use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags};
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

    /// A number that changes whenever another connection commits a change
    /// to the file, so a screen can tell when what it shows is out of date.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        self.connection
            .pragma_query_value(None, "data_version", |row| row.get(0))
            .map_err(sqlite_error(&self.path, "checking for changes"))
    }

    /// Makes the file refuse to grow past `pages` pages, as a full disk
    /// would, for this connection only: how fault tests fill a disk.
    #[doc(hidden)]
    pub fn limit_file_pages(&self, pages: i64) -> Result<(), StoreError> {
        self.connection
            .pragma_update(None, "max_page_count", pages)
            .map_err(sqlite_error(&self.path, "limiting the file"))
    }

    /// Calls `seen` with the text of each statement this connection runs
    /// from now on, as it finishes, and how many times it has been
    /// re-prepared: how tests check that every statement reads through an
    /// index and is prepared once.
    #[doc(hidden)]
    pub fn watch_statements(
        &mut self,
        mut seen: impl FnMut(&str, i32) + Send + 'static,
    ) -> Result<(), StoreError> {
        use rusqlite::StatementStatus;
        use rusqlite::trace::{TraceEvent, TraceEventCodes};
        let watch = move |event: TraceEvent<'_>| {
            if let TraceEvent::Profile(statement, _) = event {
                seen(
                    &statement.sql(),
                    statement.get_status(StatementStatus::RePrepare),
                );
            }
        };
        self.connection
            .trace_v2(TraceEventCodes::SQLITE_TRACE_PROFILE, Some(watch))
            .map_err(sqlite_error(&self.path, "watching statements"))
    }

    /// A record's version: the last change recorded to it.
    pub fn version(&self, key: &RecordKey) -> Result<crate::domain::Version, StoreError> {
        history::version_of(&self.connection, key)
            .map_err(sqlite_error(&self.path, "reading a record's version"))
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

/// Statements a command may keep prepared at once: enough that a loop
/// over rows (sealing, verifying, generating) never re-prepares one.
const STATEMENT_CACHE: usize = 128;

/// Connection settings that do not change the file. The query planner's
/// stability guarantee makes each statement's plan independent of the
/// values bound to it: otherwise a statement whose plan looked at a value
/// is re-prepared every time the statement cache clears its bindings.
fn configure(connection: &Connection, path: &Path) -> Result<(), StoreError> {
    connection.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    connection
        .set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)
        .and_then(|_| connection.busy_timeout(BUSY_TIMEOUT))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_connection_checks_foreign_keys_and_syncs_normally_in_wal() {
        let dir = std::env::temp_dir().join(format!("pcso-store-{}", std::process::id()));
        let store = Store::open(&dir.join("tracker.db")).expect("open");
        let pragma = |name: &str| -> i64 {
            store
                .connection
                .pragma_query_value(None, name, |row| row.get(0))
                .expect("pragma")
        };
        assert_eq!(pragma("foreign_keys"), 1);
        assert_eq!(pragma("synchronous"), 1, "NORMAL");
        drop(store);
        let _ = std::fs::remove_dir_all(dir);
    }
}
