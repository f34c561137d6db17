//! Attached files are never left behind: `backup PATH` copies the folder of
//! attached files to `PATH.files` and `copy --from --to` copies them to the
//! target's folder, each file read back against its SHA-256, saying how
//! many; a file missing or changed in the source is named (exit 1), and a
//! copy to a server with no folder for them is refused before anything is
//! written.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

use common::engine::Engine;
use common::sandbox::{Sandbox, TODAY};

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

const ONE: &[u8] = b"witness statement from the ward panel";
const TWO: &[u8] = b"reflective account of a patrol";

/// Amy Clark in an SQLite file with two files attached to her evidence.
fn with_two_files() -> Sandbox {
    let sandbox = Sandbox::with_apprentice_on("Amy Clark", "2026-09-01", Engine::sqlite());
    for (name, bytes) in [("one.txt", ONE), ("two.txt", TWO)] {
        let path = sandbox.dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        let path = path.to_str().expect("path");
        sandbox.ok(&[
            "--as",
            "Amy",
            "evidence",
            "add",
            "Amy",
            "--title",
            name,
            "--outcomes",
            "LO1",
            "--date",
            "2026-10-01",
            "--attach",
            path,
        ]);
    }
    sandbox
}

fn folder_of(sandbox: &Sandbox) -> PathBuf {
    sandbox.dir.path().join("tracker.db.files")
}

/// The binary on `db`, with PCSO_TRACKER_FILES set to `files` or unset.
fn binary(db: Option<&Path>, files: Option<&Path>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pcso-tracker"));
    command
        .args(["--today", TODAY])
        .env_remove("PCSO_TRACKER_DB");
    match files {
        Some(folder) => command.env("PCSO_TRACKER_FILES", folder),
        None => command.env_remove("PCSO_TRACKER_FILES"),
    };
    if let Some(db) = db {
        command.arg("--db").arg(db);
    }
    command.args(args).output().expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn succeeded(output: Output) -> String {
    assert!(
        output.status.success(),
        "{}{}",
        stdout(&output),
        String::from_utf8_lossy(&output.stderr)
    );
    stdout(&output)
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

fn copy(from: &Path, to: &Path, files: Option<&Path>) -> Output {
    let (from, to) = (from.to_str().expect("path"), to.to_str().expect("path"));
    binary(None, files, &["copy", "--from", from, "--to", to])
}

#[test]
fn backup_copies_the_attached_files_beside_it_checked() {
    let sandbox = with_two_files();
    let backup = sandbox.dir.path().join("saved").join("monday.db");
    std::fs::create_dir(backup.parent().expect("folder")).expect("folder");
    let said = sandbox.ok(&["backup", backup.to_str().expect("path")]);
    let files = sandbox.dir.path().join("saved/monday.db.files");
    assert!(
        said.contains(&format!(
            "copied 2 attached files to {}, each read back matching its SHA-256",
            files.display()
        )),
        "{said}"
    );
    assert_eq!(
        std::fs::read(files.join(sha256_hex(ONE))).expect("one"),
        ONE
    );
    assert_eq!(
        std::fs::read(files.join(sha256_hex(TWO))).expect("two"),
        TWO
    );
    assert_eq!(mode(&files), 0o700);
    assert_eq!(mode(&files.join(sha256_hex(ONE))), 0o600);
    // The backup is whole: its own `verify` finds every file.
    let verified = succeeded(binary(Some(&backup), None, &["verify"]));
    assert!(verified.contains("2 attached files"), "{verified}");

    // A backup never writes into a folder already there.
    let again = sandbox.dir.path().join("again.db");
    std::fs::create_dir(sandbox.dir.path().join("again.db.files")).expect("folder");
    let refused = sandbox.refused(&["backup", again.to_str().expect("path")]);
    assert!(refused.contains("again.db.files"), "{refused}");
    assert!(!again.exists(), "nothing was written");
}

#[test]
fn backup_names_a_changed_or_missing_file_and_fails() {
    let sandbox = with_two_files();
    let folder = folder_of(&sandbox);
    std::fs::write(folder.join(sha256_hex(ONE)), b"altered").expect("tamper");
    std::fs::remove_file(folder.join(sha256_hex(TWO))).expect("remove");
    let backup = sandbox.dir.path().join("backup.db");
    let output = sandbox.run(&["backup", backup.to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(1));
    let said = stdout(&output);
    assert!(
        said.contains(&format!(
            "NOT COPIED {} (evidence 1 \"one.txt\"): the file has changed",
            sha256_hex(ONE)
        )),
        "{said}"
    );
    assert!(
        said.contains(&format!(
            "NOT COPIED {} (evidence 2 \"two.txt\"): the file is missing",
            sha256_hex(TWO)
        )),
        "{said}"
    );
    assert!(
        said.contains("2 attached files could not be copied"),
        "{said}"
    );
    let files = sandbox.dir.path().join("backup.db.files");
    assert!(
        !files.join(sha256_hex(ONE)).exists(),
        "a changed file is not copied under its hash"
    );
    assert!(backup.exists(), "the records are backed up all the same");
}

#[test]
fn copy_between_files_takes_the_attached_files() {
    let sandbox = with_two_files();
    let target = sandbox.dir.path().join("copy.db");
    let said = succeeded(copy(&sandbox.db(), &target, None));
    assert!(said.contains("copied 2 attached files to"), "{said}");
    let verified = succeeded(binary(Some(&target), None, &["verify"]));
    assert!(verified.contains("2 attached files"), "{verified}");
}

#[test]
fn copy_names_a_changed_file_and_fails() {
    let sandbox = with_two_files();
    std::fs::write(folder_of(&sandbox).join(sha256_hex(TWO)), b"altered").expect("tamper");
    let target = sandbox.dir.path().join("copy.db");
    let output = copy(&sandbox.db(), &target, None);
    assert_eq!(output.status.code(), Some(1));
    let said = stdout(&output);
    assert!(said.contains("copied 1 attached file to"), "{said}");
    assert!(
        said.contains(&format!(
            "NOT COPIED {} (evidence 2 \"two.txt\"): the file has changed",
            sha256_hex(TWO)
        )),
        "{said}"
    );
}

#[test]
fn copy_to_a_server_needs_its_folder_and_then_takes_the_files_there_and_back() {
    let Some(server) = Engine::postgres() else {
        return;
    };
    let sandbox = with_two_files();
    let url = PathBuf::from(server.db());

    let refused = copy(&sandbox.db(), &url, None);
    assert_eq!(refused.status.code(), Some(1));
    let error = String::from_utf8_lossy(&refused.stderr);
    assert!(
        error.contains("has no folder for attached files")
            && error.contains("set PCSO_TRACKER_FILES")
            && error.contains("Nothing was copied"),
        "{error}"
    );
    assert_eq!(server.number("SELECT count(*) FROM person"), Some(0));

    let shared = tempfile::tempdir().expect("temp dir");
    let folder = shared.path().join("portfolio");
    let said = succeeded(copy(&sandbox.db(), &url, Some(&folder)));
    assert!(
        said.contains(&format!("copied 2 attached files to {}", folder.display())),
        "{said}"
    );
    let verified = succeeded(binary(Some(&url), Some(&folder), &["verify"]));
    assert!(verified.contains("2 attached files"), "{verified}");

    let back = sandbox.dir.path().join("back.db");
    let said = succeeded(copy(&url, &back, Some(&folder)));
    assert!(said.contains("copied 2 attached files to"), "{said}");
    let verified = succeeded(binary(Some(&back), None, &["verify"]));
    assert!(verified.contains("2 attached files"), "{verified}");
}
