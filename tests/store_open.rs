//! Opening real SQLite files in temporary folders: a fresh database, the
//! schema's guarantees, and files that must be refused and left untouched.
//!
//! SQLite only: file modes, WAL, foreign and damaged files; the server's
//! counterparts (unreachable, login refused or granted nothing, newer
//! version) are in tests/postgres_store.rs.

use pcso_tracker::store::{APPLICATION_ID, SCHEMA_VERSION, Store, StoreError};
use rusqlite::Connection;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn fresh(dir: &Path) -> Store {
    Store::open(&dir.join("tracker.db")).expect("a fresh database opens")
}

/// A plain SQLite connection to the store's file, as another program has.
fn raw(store: &Store) -> Connection {
    Connection::open(store.path()).expect("open the file directly")
}

#[test]
fn a_fresh_database_is_private_upgraded_and_configured() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = fresh(dir.path());
    let mode = fs::metadata(store.path())
        .expect("file")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600);
    let connection = raw(&store);
    let pragma = |name: &str| -> String {
        connection
            .query_row(&format!("PRAGMA {name}"), [], |row| {
                row.get::<_, rusqlite::types::Value>(0)
            })
            .map(|value| format!("{value:?}"))
            .expect("pragma")
    };
    assert_eq!(pragma("user_version"), format!("Integer({SCHEMA_VERSION})"));
    assert_eq!(
        pragma("application_id"),
        format!("Integer({APPLICATION_ID})")
    );
    assert_eq!(pragma("journal_mode"), "Text(\"wal\")");
    assert!(!store.is_read_only());
}

#[test]
fn every_table_is_strict_and_the_schema_is_sound() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = fresh(dir.path());
    let connection = raw(&store);
    let mut statement = connection
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table'")
        .expect("query");
    let tables: Vec<(String, String)> = statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("tables");
    assert!(tables.len() >= 14, "{tables:?}");
    for (name, sql) in &tables {
        assert!(sql.contains("STRICT"), "{name} is not STRICT");
    }
    let integrity: String = connection
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .expect("integrity");
    assert_eq!(integrity, "ok");
}

#[test]
fn reopening_keeps_the_data() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("tracker.db");
    let store = Store::open(&path).expect("open");
    raw(&store)
        .execute(
            "INSERT INTO person (name, role, created_at) VALUES ('Sam Patel', 'assessor', '2026-01-01T00:00:00Z')",
            [],
        )
        .expect("insert");
    drop(store);
    let store = Store::open(&path).expect("reopen");
    let count: i64 = raw(&store)
        .query_row("SELECT count(*) FROM person", [], |row| row.get(0))
        .expect("count");
    assert_eq!(count, 1);
}

#[test]
fn enum_columns_refuse_unknown_values() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = fresh(dir.path());
    let result = raw(&store).execute(
        "INSERT INTO person (name, role, created_at) VALUES ('A', 'supervisor', '2026-01-01T00:00:00Z')",
        [],
    );
    assert!(
        result
            .expect_err("bad role")
            .to_string()
            .contains("CHECK constraint failed")
    );
    let result = raw(&store).execute(
        "INSERT INTO person (name, role, date_of_birth, created_at) VALUES ('A', 'apprentice', '2026-02-30', 'x')",
        [],
    );
    assert!(result.is_err(), "an impossible date is refused");
}

#[test]
fn history_rows_cannot_be_changed_or_deleted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = fresh(dir.path());
    let connection = raw(&store);
    connection
        .execute(
            "INSERT INTO history (at, change, record, record_id, field, before, after)
             VALUES ('2026-01-01T00:00:00Z', 'insert', 'person', '1', 'name', NULL, 'A')",
            [],
        )
        .expect("insert history");
    let update = connection.execute("UPDATE history SET after = 'B'", []);
    assert!(
        update
            .expect_err("update refused")
            .to_string()
            .contains("append-only")
    );
    let delete = connection.execute("DELETE FROM history", []);
    assert!(
        delete
            .expect_err("delete refused")
            .to_string()
            .contains("append-only")
    );
}

#[test]
fn a_directory_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let error = Store::open(dir.path()).err().expect("refused");
    assert!(matches!(error, StoreError::IsDirectory { .. }), "{error}");
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("notes.db");
    let content = b"these are my notes, not a database\n";
    fs::write(&path, content).expect("write");
    let error = Store::open(&path).err().expect("refused");
    assert!(
        error.to_string().contains("not a pcso-tracker database"),
        "{error}"
    );
    assert!(
        fs::read(&path).expect("read") == content,
        "the file changed"
    );
}

#[test]
fn another_programs_sqlite_database_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("other.db");
    Connection::open(&path)
        .and_then(|connection| connection.execute_batch("CREATE TABLE songs (title TEXT);"))
        .expect("another database");
    let error = Store::open(&path).err().expect("refused");
    assert!(matches!(error, StoreError::NotADatabase { .. }), "{error}");
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("tracker.db");
    drop(Store::open(&path).expect("create"));
    Connection::open(&path)
        .and_then(|connection| {
            connection.pragma_update(None, "user_version", SCHEMA_VERSION + 1)?;
            connection.pragma_update(None, "journal_mode", "DELETE")
        })
        .expect("pretend a newer version wrote it");
    let before = fs::read(&path).expect("read");
    let error = Store::open(&path).err().expect("refused");
    assert!(
        matches!(error, StoreError::NewerSchema { found, .. } if found == SCHEMA_VERSION + 1),
        "{error}"
    );
    assert!(error.to_string().contains("left untouched"));
    assert!(fs::read(&path).expect("read") == before, "the file changed");
}

#[test]
fn a_read_only_file_opens_for_reading_and_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("tracker.db");
    drop(Store::open(&path).expect("create"));
    Connection::open(&path)
        .and_then(|connection| connection.pragma_update(None, "journal_mode", "DELETE"))
        .expect("leave WAL");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o400)).expect("chmod");
    // Root writes anything; the read-only path can only be seen as another user.
    if fs::OpenOptions::new().write(true).open(&path).is_ok() {
        return;
    }
    let store = Store::open(&path).expect("opens read-only");
    assert!(store.is_read_only());
}

/// Sets the schema version in the header as a damaged or hand-edited file has it.
fn set_user_version(path: &Path, version: i64) {
    Connection::open(path)
        .and_then(|connection| {
            connection.pragma_update(None, "user_version", version)?;
            connection.pragma_update(None, "journal_mode", "DELETE")
        })
        .expect("edit the header");
}

/// A refusal a user reads: one line, naming the file.
fn assert_one_line_naming(error: &StoreError, path: &Path) {
    let text = error.to_string();
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains(&path.display().to_string()), "{text}");
}

#[test]
fn a_negative_schema_version_is_refused_in_one_line_and_left_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("tracker.db");
    drop(Store::open(&path).expect("create"));
    set_user_version(&path, -1);
    let before = fs::read(&path).expect("read");
    let error = Store::open(&path).err().expect("refused");
    assert!(matches!(error, StoreError::DamagedHeader { .. }), "{error}");
    assert_one_line_naming(&error, &path);
    assert!(fs::read(&path).expect("read") == before, "the file changed");
}

#[test]
fn tables_at_schema_version_zero_are_refused_in_one_line_saying_what_to_do() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("tracker.db");
    drop(Store::open(&path).expect("create"));
    set_user_version(&path, 0);
    let before = fs::read(&path).expect("read");
    let error = Store::open(&path).err().expect("refused");
    assert_one_line_naming(&error, &path);
    assert!(error.to_string().contains("backup"), "{error}");
    assert!(fs::read(&path).expect("read") == before, "the file changed");
}

/// The binary, unable to write where permissions forbid it even when the
/// tests run as root (who may otherwise write anywhere).
fn binary_without_override(db: &Path) -> std::process::Command {
    let binary = env!("CARGO_BIN_EXE_pcso-tracker");
    let mut command = if unsafe { libc::geteuid() } == 0 {
        let mut setpriv = std::process::Command::new("setpriv");
        setpriv.args([
            "--bounding-set=-dac_override,-dac_read_search",
            "--",
            binary,
        ]);
        setpriv
    } else {
        std::process::Command::new(binary)
    };
    command.args(["--today", "2026-11-21", "--db"]).arg(db);
    command
}

#[test]
fn a_read_only_folder_is_read_and_a_write_is_refused_naming_the_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("shared");
    fs::create_dir(&folder).expect("folder");
    let db = folder.join("tracker.db");
    let demo = binary_without_override(&db)
        .arg("demo")
        .output()
        .expect("demo");
    assert!(demo.status.success(), "{demo:?}");
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).expect("chmod");
    let listed = binary_without_override(&db)
        .args(["apprentice", "list"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&listed.stdout);
    let stderr = String::from_utf8_lossy(&listed.stderr);
    assert!(listed.status.success(), "reading works: {stderr}");
    assert!(stdout.contains("Amy Clark"), "{stdout}");
    let added = binary_without_override(&db)
        .args(["assessor", "add", "Jo Bloggs"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&added.stderr);
    assert_eq!(added.status.code(), Some(1), "{stderr}");
    let folder_text = folder.display().to_string();
    assert!(
        stderr.contains(&format!("the folder {folder_text} is read-only")),
        "{stderr}"
    );
    assert!(!stderr.contains("opened read-only"), "{stderr}");
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).expect("chmod back");
}

/// The POSIX locks this process holds on `path` (Linux's /proc/locks).
fn locks_held_on(path: &Path) -> usize {
    use std::os::unix::fs::MetadataExt;
    let inode = fs::metadata(path).expect("the file").ino();
    let pid = std::process::id();
    let locks = fs::read_to_string("/proc/locks").expect("/proc/locks");
    locks
        .lines()
        .filter(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            fields.get(4) == Some(&pid.to_string().as_str())
                && fields
                    .get(5)
                    .and_then(|device_inode| device_inode.rsplit(':').next())
                    == Some(inode.to_string().as_str())
        })
        .count()
}

/// SQLite keeps a shared lock on the database while a connection is open,
/// so that another program closing its own connection does not take the
/// write-ahead log away. Closing any descriptor of the file drops every lock
/// the process holds on it: a second connection opened by the same process
/// (the app's background reader) must not open the file itself.
#[test]
fn a_reader_beside_an_open_store_leaves_its_locks_in_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = fresh(dir.path());
    let path = store.path().to_path_buf();
    store.data_version().expect("read");
    let before = locks_held_on(&path);
    assert!(before > 0, "an open connection holds a lock on the file");
    let reader = store.reader().expect("a reader");
    reader.data_version().expect("the reader reads");
    assert!(
        locks_held_on(&path) >= before,
        "the store's locks were dropped"
    );
}
