//! Where a database may be created: the default location (its folders
//! made on first use), or a new file the user named in a folder that
//! exists. Everything else is refused in one line, and nothing is made.
//!
//! SQLite only: where a database file is made; a server database is named
//! by its URL (tests/postgres_store.rs).

use pcso_tracker::store::{Store, StoreError};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

/// The binary with its home and data folder inside `home`, so the default
/// location is a folder the test can look at.
fn binary(home: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pcso-tracker"));
    command
        .args(args)
        .env_remove("PCSO_TRACKER_DB")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"));
    command
}

/// The single line of a refusal.
fn refusal(output: &Output) -> String {
    assert_eq!(output.status.code(), Some(1), "refused");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    stderr
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).expect("exists").permissions().mode() & 0o777
}

#[test]
fn a_db_path_in_a_missing_folder_is_refused_and_no_folder_is_made() {
    let home = tempfile::tempdir().expect("temp dir");
    let typo = home.path().join("Documnets/tracker.db");
    let output = binary(home.path(), &["apprentice", "list", "--db"])
        .arg(&typo)
        .output()
        .expect("runs");
    let line = refusal(&output);
    assert!(
        line.contains("Documnets") && line.contains("does not exist"),
        "{line}"
    );
    assert!(
        !home.path().join("Documnets").exists(),
        "the folder was made"
    );
}

#[test]
fn a_new_file_named_in_an_existing_folder_is_created_privately() {
    let home = tempfile::tempdir().expect("temp dir");
    let db = home.path().join("tracker.db");
    let output = binary(home.path(), &["apprentice", "list", "--db"])
        .arg(&db)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    assert_eq!(mode(&db), 0o600);
}

#[test]
fn an_empty_database_variable_is_refused_instead_of_using_the_personal_database() {
    let home = tempfile::tempdir().expect("temp dir");
    let output = binary(home.path(), &["apprentice", "list"])
        .env("PCSO_TRACKER_DB", "")
        .output()
        .expect("runs");
    let line = refusal(&output);
    assert!(line.contains("PCSO_TRACKER_DB"), "{line}");
    assert!(
        !home.path().join("data").exists(),
        "the personal database was made"
    );
}

#[test]
fn the_default_location_makes_its_folders_for_the_owner_only() {
    let home = tempfile::tempdir().expect("temp dir");
    let output = binary(home.path(), &["apprentice", "list"])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    let folder = home.path().join("data/pcso-tracker");
    assert_eq!(mode(&folder), 0o700);
    assert_eq!(mode(&folder.join("tracker.db")), 0o600);
}

#[test]
fn an_adopted_empty_file_is_made_private() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("tracker.db");
    fs::write(&path, b"").expect("empty file");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o666)).expect("chmod");
    drop(Store::open(&path).expect("adopted"));
    assert_eq!(mode(&path), 0o600);
}

#[test]
fn a_device_is_refused_and_nothing_is_written_beside_it() {
    let error = Store::open(Path::new("/dev/null")).err().expect("refused");
    assert!(matches!(error, StoreError::NotAFile { .. }), "{error}");
    let home = tempfile::tempdir().expect("temp dir");
    let output = binary(home.path(), &["apprentice", "list", "--db", "/dev/null"])
        .output()
        .expect("runs");
    let line = refusal(&output);
    assert!(line.contains("/dev/null: is not a regular file"), "{line}");
    assert!(
        !Path::new("/dev/null-journal").exists(),
        "a journal was made"
    );
}
