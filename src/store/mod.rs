//! The store, on SQLite (a file, the default) or PostgreSQL (a shared
//! server, opened by URL): opening a database safely, the schema, and typed
//! reads and writes, written once against `db::Conn`. A user action's
//! writes go through one `Change`: one transaction, holding the one writer's
//! place from its start, that also writes their history rows. Storage knows
//! nothing of the terminal, and nothing of who may do what.

mod access;
mod attachments;
mod backup;
mod change;
mod checkin_read;
mod checkins;
mod convert;
mod copy;
mod db;
mod details;
mod dialect;
mod enrolments;
mod epa;
mod error;
mod evidence;
mod file_copy;
mod gateway_seals;
mod gateway_signoff;
mod history;
mod hours;
mod identity;
mod judgement_queue;
mod location;
mod outcomes;
mod people;
mod people_list;
mod people_named;
mod pins;
mod plans;
pub mod postgres;
mod progress;
pub mod provider_scale;
mod record_owner;
mod review_signatures;
mod schema;
mod seals;
mod statement_log;

pub use attachments::{
    FILES_ENV, FileProblem, copy_hashed, folder_beside as files_beside, hash_of,
};
pub use change::Change;
pub use checkins::CheckinState;
pub use convert::Stamp;
pub use copy::Copied;
pub use enrolments::BreakRecord;
pub use epa::NewEpaResult;
pub use error::StoreError;
pub use evidence::NewEvidence;
pub use file_copy::{FileCopyProblem, FilesCopied};
pub use history::RecordKey;
pub use hours::{HoursUnderReview, NewHours};
pub use location::{DATABASE_ENV, Location, is_server_url};
pub use outcomes::{HistoryRow, RequirementUpdate};
pub use people::NewApprentice;
pub use people_list::{CheckinIntervals, NameAnchor, PeopleFilter};
pub use pins::StoredPin;
pub use postgres::ChangeListener;
pub use provider_scale::ProviderSample;
pub use schema::{APPLICATION_ID, SCHEMA_VERSION};
pub use statement_log::SQL_LOG_ENV;

use crate::domain::PersonId;
use access::Access;
use db::{Conn, DbError, PgDb};
use identity::OpenFiles;
use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode};
use std::fs::{File, OpenOptions};
use std::io::Read;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a write waits for another program's transaction to finish.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open database.
pub struct Store {
    db: Db,
    /// The file, or the server's URL without its password: what messages name.
    path: PathBuf,
    /// The server's URL as given, to connect again.
    url: Option<String>,
    /// On a server, the person this connection's login acts for: the
    /// server authenticated the login, so it is who acts, and nobody else.
    login: Option<PersonId>,
    /// Where attached files are kept (`attachments`): beside an SQLite
    /// file; on a server, the folder `PCSO_TRACKER_FILES` names, if set.
    files: Option<PathBuf>,
}

/// The engine behind a store.
enum Db {
    Sqlite(SqliteFile),
    Postgres(PgDb),
}

/// An SQLite connection and what is known of its file.
struct SqliteFile {
    connection: Connection,
    access: Access,
    opened: OpenFiles,
}

impl Store {
    /// Opens (creating if needed, with mode 0600) and upgrades the database.
    /// The folder must exist. A file that is not ours, or from a newer
    /// version, is left untouched.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        refuse_unusable_path(path)?;
        refuse_non_sqlite(path)?;
        create_private_file(path)?;
        let access = Access::of(path);
        let writable = !access.is_read_only();
        let (uri, flags) = access.target(path);
        let mut connection =
            Connection::open_with_flags(uri, flags).map_err(sqlite_error(path, "opening"))?;
        statement_log::log_statements_if_asked(&mut connection, path)?;
        configure(&connection, path)?;
        // Checked before anything below may write to the file.
        let found = schema::check(&connection, path)?;
        if writable && found == 0 {
            // An empty file adopted as a new database gets a new one's mode.
            make_private(path)?;
        }
        if writable {
            use_wal(&connection, path)?;
        }
        schema::migrate(&mut connection, path, writable, found)?;
        let file = SqliteFile {
            connection,
            access,
            opened: OpenFiles::record(path),
        };
        Ok(Store {
            db: Db::Sqlite(file),
            path: path.to_path_buf(),
            url: None,
            login: None,
            files: Some(attachments::folder_beside(path)),
        })
    }

    /// Connects to the PostgreSQL database at `url` and brings its schema
    /// up to date. A server that cannot be reached, or refuses the login,
    /// is named with what to check.
    pub fn open_url(url: &str) -> Result<Store, StoreError> {
        let path = PathBuf::from(postgres::connect::redacted(url));
        let mut client = postgres::connect::connect(url).map_err(|error| error.at(&path))?;
        postgres::migrate(&mut client)
            .map_err(|error| postgres::connect::schema_error(&path, error))?;
        let login = postgres::security::current_person(&mut client).map_err(|error| {
            postgres::connect::statement_error(path.clone(), "reading who this login is", &error)
        })?;
        Ok(Store {
            db: Db::Postgres(PgDb::new(client)),
            path,
            url: Some(url.to_string()),
            login,
            files: None,
        })
    }

    /// The file, or for a server its URL without the password.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True on a server, false on an SQLite file.
    pub fn is_shared(&self) -> bool {
        matches!(self.db, Db::Postgres(_))
    }

    /// A second connection to this database, for reading on another
    /// thread. An SQLite file was checked when this store opened it, and is
    /// not opened again outside SQLite: closing any descriptor of a file
    /// drops every lock the process holds on it, this store's included. A
    /// server is connected to again by its URL.
    pub fn reader(&self) -> Result<Store, StoreError> {
        let file = match (&self.db, &self.url) {
            (Db::Sqlite(file), _) => file,
            (Db::Postgres(_), url) => {
                let url = url.as_deref().unwrap_or_default();
                let client =
                    postgres::connect::connect(url).map_err(|error| error.at(&self.path))?;
                return Ok(Store {
                    db: Db::Postgres(PgDb::new(client)),
                    path: self.path.clone(),
                    url: Some(url.to_string()),
                    login: self.login,
                    files: self.files.clone(),
                });
            }
        };
        let (uri, flags) = file.access.target(&self.path);
        let connection = Connection::open_with_flags(uri, flags)
            .map_err(sqlite_error(&self.path, "opening a second connection"))?;
        configure(&connection, &self.path)?;
        let reader = SqliteFile {
            connection,
            access: file.access,
            opened: file.opened.clone(),
        };
        Ok(Store {
            db: Db::Sqlite(reader),
            path: self.path.clone(),
            url: None,
            login: None,
            files: self.files.clone(),
        })
    }

    /// True when the file could only be opened for reading.
    pub fn is_read_only(&self) -> bool {
        match &self.db {
            Db::Sqlite(file) => file.access.is_read_only(),
            Db::Postgres(_) => false,
        }
    }

    /// Why nothing can be recorded, naming the cause; none when writable.
    pub fn read_only_reason(&self) -> Option<StoreError> {
        match &self.db {
            Db::Sqlite(file) => file.access.refusal(&self.path),
            Db::Postgres(_) => None,
        }
    }

    /// Refuses a write that could be lost: read-only, or the files under the
    /// open connection deleted or replaced since it was opened.
    fn check_writable(&self) -> Result<(), StoreError> {
        if let Some(refusal) = self.read_only_reason() {
            return Err(refusal);
        }
        if let Db::Sqlite(file) = &self.db {
            if !file.opened.unchanged(&self.path) {
                return Err(StoreError::FilesReplaced {
                    path: self.path.clone(),
                });
            }
        }
        Ok(())
    }

    /// Where reads outside a change run.
    fn conn(&self) -> Conn<'_> {
        match &self.db {
            Db::Sqlite(file) => Conn::Sqlite(&file.connection),
            Db::Postgres(db) => Conn::Postgres(db),
        }
    }

    /// Runs reads, naming `context` if they fail.
    fn read<T>(
        &self,
        context: &'static str,
        work: impl FnOnce(Conn) -> db::DbResult<T>,
    ) -> Result<T, StoreError> {
        work(self.conn()).map_err(db_error(&self.path, context))
    }

    /// The SQLite connection, for what only SQLite has (`what` names it).
    fn sqlite(&self, what: &'static str) -> Result<&Connection, StoreError> {
        match &self.db {
            Db::Sqlite(file) => Ok(&file.connection),
            Db::Postgres(_) => Err(StoreError::SqliteOnly {
                path: self.path.clone(),
                what,
            }),
        }
    }

    /// A number that changes whenever another connection commits a change
    /// to the database, so a screen can tell when what it shows is out of
    /// date. On a server, the last history row: every recorded change
    /// writes one.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        match &self.db {
            Db::Sqlite(file) => file
                .connection
                .pragma_query_value(None, "data_version", |row| row.get(0))
                .map_err(sqlite_error(&self.path, "checking for changes")),
            Db::Postgres(_) => self.read("checking for changes", |c| {
                c.query_row("SELECT coalesce(max(id), 0) FROM history", &[], |row| {
                    row.get(0)
                })
            }),
        }
    }

    /// Makes the file refuse to grow past `pages` pages, as a full disk
    /// would, for this connection only: how fault tests fill a disk.
    #[doc(hidden)]
    pub fn limit_file_pages(&self, pages: i64) -> Result<(), StoreError> {
        self.sqlite("limiting the file")?
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
        let path = self.path.clone();
        let Db::Sqlite(file) = &mut self.db else {
            return Err(StoreError::SqliteOnly {
                path,
                what: "watching statements",
            });
        };
        file.connection
            .trace_v2(TraceEventCodes::SQLITE_TRACE_PROFILE, Some(watch))
            .map_err(sqlite_error(&path, "watching statements"))
    }

    /// A record's version: the last change recorded to it.
    pub fn version(&self, key: &RecordKey) -> Result<crate::domain::Version, StoreError> {
        self.read("reading a record's version", |c| {
            history::version_of(c, key)
        })
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

/// Only a regular file, or a new one in a folder that exists, can be a
/// database: SQLite would write a journal beside a device, and a missing
/// folder is more likely a typing mistake than a request.
fn refuse_unusable_path(path: &Path) -> Result<(), StoreError> {
    let owned = || path.to_path_buf();
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(StoreError::IsDirectory { path: owned() }),
        Ok(meta) if !meta.is_file() => Err(StoreError::NotAFile { path: owned() }),
        Ok(_) => Ok(()),
        Err(_) => match path.parent() {
            Some(folder) if !folder.as_os_str().is_empty() && !folder.is_dir() => {
                Err(StoreError::NoFolder {
                    path: owned(),
                    folder: folder.to_path_buf(),
                })
            }
            _ => Ok(()),
        },
    }
}

fn make_private(path: &Path) -> Result<(), StoreError> {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(|source| {
        StoreError::MakePrivate {
            path: path.to_path_buf(),
            source,
        }
    })
}

/// Records are personal data: a new database is readable by its owner only.
fn create_private_file(path: &Path) -> Result<(), StoreError> {
    let created = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path);
    match created {
        Err(error) if error.kind() != std::io::ErrorKind::AlreadyExists => {
            Err(StoreError::CreateFile {
                path: path.to_path_buf(),
                source: error,
            })
        }
        _ => Ok(()),
    }
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

/// Maps either engine's error to the store error a user can act on.
pub(crate) fn db_error(path: &Path, context: &'static str) -> impl FnOnce(DbError) -> StoreError {
    let path = path.to_path_buf();
    move |error| match error {
        DbError::Sqlite(source) => sqlite_error(&path, context)(source),
        DbError::Postgres(source) => postgres::connect::statement_error(path, context, &source),
        DbError::NoRows => StoreError::Postgres {
            path,
            context,
            message: "the record is not there".into(),
        },
        DbError::Value { column, message } => StoreError::Postgres {
            path,
            context,
            message: format!("column {column}: {message}"),
        },
    }
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
        std::fs::create_dir_all(&dir).expect("folder");
        let store = Store::open(&dir.join("tracker.db")).expect("open");
        let pragma = |name: &str| -> i64 {
            store
                .sqlite("reading a pragma")
                .expect("SQLite")
                .pragma_query_value(None, name, |row| row.get(0))
                .expect("pragma")
        };
        assert_eq!(pragma("foreign_keys"), 1);
        assert_eq!(pragma("synchronous"), 1, "NORMAL");
        drop(store);
        let _ = std::fs::remove_dir_all(dir);
    }
}
