//! Why the store refused or failed, in words a user can act on.

use std::path::PathBuf;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{path}: is a directory; give the path of a database file")]
    IsDirectory { path: PathBuf },

    #[error(
        "{path}: not a pcso-tracker database (it is not an SQLite file); it was left untouched"
    )]
    NotADatabase { path: PathBuf },

    #[error(
        "{path}: written by a newer version of pcso-tracker (schema {found}, this build knows up to {known}); it was left untouched"
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        known: i64,
    },

    #[error(
        "{path}: is read-only and needs upgrading to schema {known}; open it once with write access"
    )]
    ReadOnlyNeedsUpgrade { path: PathBuf, known: i64 },

    #[error("{path}: opened read-only, so nothing can be recorded; check the file's permissions")]
    ReadOnly { path: PathBuf },

    #[error(
        "{path}: the folder {folder} is read-only, so nothing can be recorded (SQLite writes its journal beside the database); check the folder's permissions"
    )]
    ReadOnlyFolder { path: PathBuf, folder: PathBuf },

    #[error("{path}: cannot open the statement log named by PCSO_TRACKER_SQL_LOG: {source}")]
    StatementLog {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("{path}: cannot create the database file: {source}")]
    CreateFile {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error(
        "{path}: another program has held the database locked for more than 5 seconds; try again"
    )]
    Locked { path: PathBuf },

    #[error(
        "{path}: the database is damaged; nothing was changed in it. Restore the latest backup (see `backup`)"
    )]
    Damaged { path: PathBuf },

    #[error(
        "{path}: the header gives schema version {found}, which no pcso-tracker writes: the file is damaged; it was left untouched. Restore the latest backup (see `backup`)"
    )]
    DamagedHeader { path: PathBuf, found: i64 },

    #[error(
        "{path}: has tables but no schema version, so it cannot be upgraded safely; it was left untouched. Restore the latest backup (see `backup`), or give another file with --db"
    )]
    UnversionedTables { path: PathBuf },

    #[error(
        "{path}: the database file or its write-ahead log ({path}-wal) was deleted or replaced while open, so nothing more can be recorded through this connection; close pcso-tracker and open it again"
    )]
    FilesReplaced { path: PathBuf },

    #[error("{path}: the disk is full, so nothing was recorded; free some space and try again")]
    DiskFull { path: PathBuf },

    #[error("{path}: is not a regular file; give the path of a database file")]
    NotAFile { path: PathBuf },

    #[error(
        "{path}: the folder {folder} does not exist; check the path, or create the folder first"
    )]
    NoFolder { path: PathBuf, folder: PathBuf },

    #[error(
        "{setting} is empty; name a database file, or leave it unset to use the default database"
    )]
    EmptyName { setting: &'static str },

    #[error("{path}: cannot make the file private to its owner: {source}")]
    MakePrivate {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("cannot create the folder {path}: {source}")]
    CreateFolder {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error(
        "{path}: cannot create the backup file ({source}); choose a path that does not exist yet"
    )]
    BackupTarget {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error(
        "{path}: a folder of attached files is already there; choose a backup path whose `.files` folder does not exist yet. Nothing was written"
    )]
    BackupFilesExist { path: PathBuf },

    #[error(
        "{path}: has no folder for attached files, and the database copied from keeps attached files ({files}); set PCSO_TRACKER_FILES to the server's shared folder for portfolio files. Nothing was copied"
    )]
    CopyFilesFolderUnset { path: PathBuf, files: usize },

    #[error("{path}: the backup could not be completed ({source}); nothing was left at that path")]
    BackupWrite {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("no data folder is known for this user; give a database with --db or PCSO_TRACKER_DB")]
    NoDataFolder,

    #[error(
        "no person matches `{query}`; {}`apprentice list` shows who is recorded",
        did_you_mean(suggestions)
    )]
    UnknownPerson {
        query: String,
        /// Recorded names near the query, nearest first.
        suggestions: Vec<String>,
    },

    #[error("`{query}` matches more than one person: {}; give the id or the full name", matches.join(", "))]
    AmbiguousPerson { query: String, matches: Vec<String> },

    #[error("{field}: {message}")]
    Refused {
        field: &'static str,
        message: String,
    },

    #[error("{path}: {context}: {message}")]
    Postgres {
        path: PathBuf,
        context: &'static str,
        message: String,
    },

    #[error(
        "{path}: cannot reach the PostgreSQL server ({message}); check the host and port in the URL, and that the server is running"
    )]
    ServerUnreachable { path: PathBuf, message: String },

    #[error(
        "{path}: the server asks this login for a password; type it when asked at a terminal, or use a login the server trusts without one (peer or certificate authentication in pg_hba.conf)"
    )]
    PasswordNeeded { path: PathBuf },

    #[error(
        "{path}: the server refused the login ({message}); check the user name and password, or ask the administrator for a login"
    )]
    LoginRefused { path: PathBuf, message: String },

    #[error(
        "{path}: no such database on the server ({message}); check its name in the URL, or create it first (createdb)"
    )]
    NoSuchDatabase { path: PathBuf, message: String },

    #[error(
        "{path}: the login {login} may not use this database; ask its administrator to run `pcso-tracker admin grant PERSON --login {login}`"
    )]
    NotGranted { path: PathBuf, login: String },

    #[error("{path}: the server refused the connection: {message}")]
    ServerRefused { path: PathBuf, message: String },

    #[error(
        "{path}: not a usable database URL ({message}); write it as postgresql://USER@HOST/DATABASE"
    )]
    BadUrl { path: PathBuf, message: String },

    #[error("{path}: {what} works only on an SQLite database file")]
    SqliteOnly { path: PathBuf, what: &'static str },

    #[error(
        "{path}: already holds records (in {tables}); copy writes only into a new or empty database, so nothing was changed. Give a new file, or an empty database on the server"
    )]
    CopyTargetNotEmpty { path: PathBuf, tables: String },

    #[error(
        "{path}: copy reads and writes every record, so it must connect as the database's owner (the login that ran `admin init`); login `{login}` is not, and the server would show it only the records of the people it reaches, making the copy incomplete. Nothing was copied"
    )]
    CopyNeedsOwner { path: PathBuf, login: String },

    #[error(
        "{path}: holds a table this version of pcso-tracker does not copy ({table}); nothing was copied, so that nothing is lost. Use the version that wrote it"
    )]
    CopyUnknownTable { path: PathBuf, table: String },

    #[error("{path}: copy needs two different databases; the source and the target are the same")]
    CopySameDatabase { path: PathBuf },

    #[error("{path}: no such database file to copy from; check the path")]
    CopySourceMissing { path: PathBuf },

    #[error(
        "{path}: a shared database keeps attached files in a folder every user of it can reach; set PCSO_TRACKER_FILES to that folder (the training unit's shared folder for portfolio files)"
    )]
    FilesFolderUnset { path: PathBuf },

    #[error("cannot read the file {path}: {source}")]
    AttachRead {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("cannot keep the file in {folder}: {source}")]
    AttachWrite {
        folder: PathBuf,
        source: std::io::Error,
    },

    // SQLite's messages can quote whole statements: the first line is enough.
    #[error("{path}: {context}: {}", first_line(source))]
    Sqlite {
        path: PathBuf,
        context: &'static str,
        source: rusqlite::Error,
    },
}

fn first_line(error: &rusqlite::Error) -> String {
    let text = error.to_string();
    text.lines().next().unwrap_or_default().to_string()
}

/// "did you mean Ben Okafor? " before the pointer to the list, or nothing.
fn did_you_mean(suggestions: &[String]) -> String {
    let names: Vec<&str> = suggestions.iter().map(String::as_str).collect();
    match crate::domain::did_you_mean_words(&names) {
        words if words.is_empty() => words,
        words => format!("{words} "),
    }
}
