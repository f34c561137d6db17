//! Files attached to evidence, on both engines: kept once under their
//! SHA-256 in a private folder (beside an SQLite file; on a server, the
//! folder given), recorded with their name, size and hash, and checked by
//! `verify_files`.

use pcso_tracker::domain::{Attachment, EvidenceKind};
use pcso_tracker::ops::{EvidenceInput, Field, OpError};
use pcso_tracker::store::{FILES_ENV, Store, StoreError};
use sha2::{Digest, Sha256};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

mod common;

use common::day;
use common::engine::Engine;
use common::fixture::{Fixture, field};

fn evidence(title: &str) -> EvidenceInput {
    EvidenceInput {
        date: Some(day("2026-10-01")),
        title: title.into(),
        kind: EvidenceKind::WorkProduct,
        description: String::new(),
        file_ref: None,
        outcomes: vec!["LO1".into()],
    }
}

/// Amy's fixture with a folder for attached files: beside the SQLite file,
/// or on a server the one given (kept alive by the returned folder).
fn fixture(engine: Engine) -> (Fixture, TempDir) {
    let mut f = Fixture::on(engine);
    let shared = tempfile::tempdir().expect("temp dir");
    if f.engine.is_postgres() {
        f.store.set_files_folder(shared.path().join("portfolio"));
    }
    (f, shared)
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

fn names_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn attaching_keeps_one_private_copy_named_by_its_hash(engine: Engine) {
    let (mut f, shared) = fixture(engine);
    let source = write(
        shared.path(),
        "Ward panel\u{7}.pdf",
        b"minutes of the ward panel",
    );
    let amy = f.amy;
    let first = f
        .as_amy()
        .add_evidence_attaching(amy, &evidence("Minutes"), Some(&source))
        .expect("attached");
    let copy = write(shared.path(), "copy.pdf", b"minutes of the ward panel");
    f.as_amy()
        .add_evidence_attaching(amy, &evidence("Same minutes"), Some(&copy))
        .expect("attached again");

    let hash = sha256_hex(b"minutes of the ward panel");
    let folder = f.store.files_folder().expect("folder").to_path_buf();
    if let Some(file) = f.engine.file() {
        assert_eq!(folder, PathBuf::from(format!("{}.files", file.display())));
    }
    assert_eq!(
        names_in(&folder),
        vec![hash.clone()],
        "one copy, no partial file"
    );
    let kept = folder.join(&hash);
    assert_eq!(
        std::fs::read(&kept).expect("kept"),
        b"minutes of the ward panel"
    );
    assert_eq!(mode(&folder), 0o700);
    assert_eq!(mode(&kept), 0o600);

    let record = f.engine.rows(&format!(
        "SELECT file_name, CAST(file_size AS TEXT), file_sha256 FROM evidence WHERE id = {}",
        first.id
    ));
    let expected = [
        Some("Ward panel.pdf".to_string()),
        Some("25".into()),
        Some(hash.clone()),
    ];
    assert_eq!(
        record,
        vec![expected.to_vec()],
        "the name loses its control character"
    );
    let history = f.engine.texts(&format!(
        "SELECT field || '=' || after FROM history
         WHERE record = 'evidence' AND record_id = '{}' AND field LIKE 'file\\_%' ESCAPE '\\'
         ORDER BY field",
        first.id
    ));
    assert_eq!(
        history,
        vec![
            "file_name=Ward panel.pdf".to_string(),
            format!("file_sha256={hash}"),
            "file_size=25".into(),
        ]
    );
    let (problems, checked) = f.store.verify_files().expect("verify");
    assert_eq!((problems, checked), (vec![], 2));
}

fn a_large_file_is_kept_whole(engine: Engine) {
    let (mut f, shared) = fixture(engine);
    // Several buffers' worth, not a multiple of any buffer size.
    let bytes: Vec<u8> = (0..3_000_017u32).map(|i| (i % 251) as u8).collect();
    let source = write(shared.path(), "bodycam-notes.bin", &bytes);
    let amy = f.amy;
    f.as_amy()
        .add_evidence_attaching(amy, &evidence("Large"), Some(&source))
        .expect("attached");
    let kept = f.store.kept_file(&sha256_hex(&bytes)).expect("kept");
    assert_eq!(std::fs::read(kept).expect("kept"), bytes);
}

fn a_refused_entry_keeps_no_file(engine: Engine) {
    let (mut f, shared) = fixture(engine);
    let source = write(shared.path(), "notes.txt", b"notes");
    let amy = f.amy;
    let refused = f
        .as_employer()
        .add_evidence_attaching(amy, &evidence("Notes"), Some(&source));
    assert!(matches!(refused, Err(OpError::Refused(_))), "{refused:?}");
    let untitled = f
        .as_amy()
        .add_evidence_attaching(amy, &evidence(" "), Some(&source));
    assert_eq!(field(untitled), Field::Title);
    let folder = f.store.files_folder().expect("folder").to_path_buf();
    assert!(!folder.exists() || names_in(&folder).is_empty());
    assert_eq!(f.engine.number("SELECT count(*) FROM evidence"), Some(0));
}

fn a_missing_source_names_the_attach_field(engine: Engine) {
    let (mut f, shared) = fixture(engine);
    let amy = f.amy;
    let missing = shared.path().join("nowhere.pdf");
    let result = f
        .as_amy()
        .add_evidence_attaching(amy, &evidence("Gone"), Some(&missing));
    assert_eq!(field(result), Field::Attach);
    assert_eq!(f.engine.number("SELECT count(*) FROM evidence"), Some(0));
}

fn verify_names_changed_and_missing_files(engine: Engine) {
    let (mut f, shared) = fixture(engine);
    let amy = f.amy;
    let one = write(shared.path(), "one.txt", b"first statement");
    let two = write(shared.path(), "two.txt", b"second statement");
    let first = f
        .as_amy()
        .add_evidence_attaching(amy, &evidence("One"), Some(&one))
        .expect("one");
    let second = f
        .as_amy()
        .add_evidence_attaching(amy, &evidence("Two"), Some(&two))
        .expect("two");
    let folder = f.store.files_folder().expect("folder").to_path_buf();
    std::fs::write(
        folder.join(sha256_hex(b"first statement")),
        b"first statemenT",
    )
    .expect("tamper");
    std::fs::remove_file(folder.join(sha256_hex(b"second statement"))).expect("remove");

    let (problems, checked) = f.store.verify_files().expect("verify");
    assert_eq!(checked, 2);
    let seen: Vec<(i64, &str, &str, bool, bool)> = problems
        .iter()
        .map(|p| {
            let changed = p.problem.contains("has changed");
            let missing = p.problem.contains("missing");
            (
                p.evidence_id,
                p.person.as_str(),
                p.name.as_str(),
                changed,
                missing,
            )
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            (first.id, "Amy Clark", "one.txt", true, false),
            (second.id, "Amy Clark", "two.txt", false, true),
        ]
    );
}

/// What a person has read back carries the attached file; an edit can
/// replace it, and history keeps the one before.
fn evidence_read_back_carries_its_file_and_an_edit_replaces_it(engine: Engine) {
    let (mut f, shared) = fixture(engine);
    let amy = f.amy;
    let first = write(shared.path(), "draft.txt", b"first draft");
    let written = f
        .as_amy()
        .add_evidence_attaching(amy, &evidence("Statement"), Some(&first))
        .expect("attached");
    f.as_amy()
        .add_evidence(amy, &evidence("No file"))
        .expect("added");
    let items = f.record(amy).progress.evidence;
    let files: Vec<(&str, Option<Attachment>)> = items
        .iter()
        .map(|item| (item.title.as_str(), item.attachment.clone()))
        .collect();
    let draft = Attachment {
        name: "draft.txt".into(),
        size: 11,
        sha256: sha256_hex(b"first draft"),
    };
    assert_eq!(
        files,
        vec![("Statement", Some(draft.clone())), ("No file", None)]
    );

    let version = items[0].version;
    let second = write(shared.path(), "final.txt", b"final statement");
    f.as_amy()
        .edit_evidence_attaching(
            written.id,
            &evidence("Statement, final"),
            Some(version),
            Some(&second),
        )
        .expect("edited");
    let item = f.record(amy).progress.evidence.remove(0);
    assert_eq!(item.title, "Statement, final");
    let last = Attachment {
        name: "final.txt".into(),
        size: 15,
        sha256: sha256_hex(b"final statement"),
    };
    assert_eq!(item.attachment, Some(last));
    let history = f.engine.texts(&format!(
        "SELECT before || '>' || after FROM history
         WHERE record = 'evidence' AND record_id = '{}' AND field = 'file_name' AND before IS NOT NULL
         ORDER BY id",
        written.id
    ));
    assert_eq!(history, vec!["draft.txt>final.txt".to_string()]);
    let (problems, checked) = f.store.verify_files().expect("verify");
    assert_eq!((problems, checked), (vec![], 1));
    let replaced = f.store.kept_file(&draft.sha256).expect("path");
    assert!(replaced.exists(), "the file replaced is kept for history");

    // A refused edit keeps no new file.
    let third = write(shared.path(), "third.txt", b"third");
    let stale = f.as_amy().edit_evidence_attaching(
        written.id,
        &evidence("Stale"),
        Some(version),
        Some(&third),
    );
    assert!(matches!(stale, Err(OpError::Stale { .. })), "{stale:?}");
    assert!(
        !f.store
            .kept_file(&sha256_hex(b"third"))
            .expect("path")
            .exists()
    );
}

/// Every attached file (a replaced one too) is copied to another folder
/// and read back against its hash; one missing or changed is named, with
/// the evidence that names it, and not copied.
fn copying_the_files_checks_each_and_names_the_bad_ones(engine: Engine) {
    let (mut f, shared) = fixture(engine);
    let amy = f.amy;
    let one = write(shared.path(), "one.txt", b"first statement");
    let two = write(shared.path(), "two.txt", b"second statement");
    let three = write(shared.path(), "three.txt", b"third statement");
    let first = f
        .as_amy()
        .add_evidence_attaching(amy, &evidence("One"), Some(&one))
        .expect("one");
    let version = f.record(amy).progress.evidence[0].version;
    f.as_amy()
        .edit_evidence_attaching(first.id, &evidence("One"), Some(version), Some(&three))
        .expect("replaced");
    let second = f
        .as_amy()
        .add_evidence_attaching(amy, &evidence("Two"), Some(&two))
        .expect("two");
    assert_eq!(f.store.attached_file_count().expect("count"), 3);

    let target = shared.path().join("copied");
    let done = f.store.copy_files(&target).expect("copied");
    assert_eq!((done.copied, done.problems.len()), (3, 0));
    for bytes in [
        &b"first statement"[..],
        b"second statement",
        b"third statement",
    ] {
        assert_eq!(
            std::fs::read(target.join(sha256_hex(bytes))).expect("copy"),
            bytes
        );
    }
    assert_eq!(mode(&target), 0o700);

    let folder = f.store.files_folder().expect("folder").to_path_buf();
    std::fs::write(folder.join(sha256_hex(b"second statement")), b"2nd").expect("tamper");
    std::fs::remove_file(folder.join(sha256_hex(b"first statement"))).expect("remove");
    let done = f
        .store
        .copy_files(&shared.path().join("again"))
        .expect("copied");
    assert_eq!(done.copied, 1, "the file still whole is copied");
    let named: Vec<(Option<String>, bool)> = done
        .problems
        .iter()
        .map(|p| (p.used_by.clone(), p.problem.contains("has changed")))
        .collect();
    // The replaced file, removed, is named by no evidence now: only
    // history knew it, and nothing is left to copy.
    let expected = vec![(Some(format!("evidence {} \"two.txt\"", second.id)), true)];
    assert_eq!(named, expected);
}

on_both_engines!(
    copying_the_files_checks_each_and_names_the_bad_ones,
    evidence_read_back_carries_its_file_and_an_edit_replaces_it,
    attaching_keeps_one_private_copy_named_by_its_hash,
    a_large_file_is_kept_whole,
    a_refused_entry_keeps_no_file,
    a_missing_source_names_the_attach_field,
    verify_names_changed_and_missing_files,
);

/// A server has no file to keep attached files beside: attaching there
/// without a folder says what to set.
#[test]
fn a_server_without_a_folder_says_to_set_one() {
    let Some(engine) = Engine::postgres() else {
        return;
    };
    let mut f = Fixture::on(engine);
    let shared = tempfile::tempdir().expect("temp dir");
    let source = write(shared.path(), "notes.txt", b"notes");
    let amy = f.amy;
    let result = f
        .as_amy()
        .add_evidence_attaching(amy, &evidence("Notes"), Some(&source));
    let Err(OpError::Store(error @ StoreError::FilesFolderUnset { .. })) = result else {
        panic!("expected the folder to be asked for: {result:?}");
    };
    assert!(error.to_string().contains(FILES_ENV), "{error}");
    assert_eq!(f.engine.number("SELECT count(*) FROM evidence"), Some(0));
}

/// The store opened on the same SQLite file keeps its files in the same place.
#[test]
fn an_sqlite_database_keeps_its_files_beside_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("unit.db")).expect("open");
    assert_eq!(
        store.files_folder().expect("folder"),
        dir.path().join("unit.db.files")
    );
}

/// The app's evidence form takes a path to attach, through the same
/// operation as the command line.
fn the_evidence_form_attaches_a_typed_path(engine: Engine) {
    use common::harness::{self, Harness};
    use crossterm::event::KeyCode;
    let mut store = harness::demo(&engine);
    let shared = tempfile::tempdir().expect("temp dir");
    if engine.is_postgres() {
        store.set_files_folder(shared.path().join("portfolio"));
    }
    let source = write(shared.path(), "panel-notes.txt", b"notes of the panel");
    let mut h = Harness::start(engine, store, Some("Ben Okafor"), (100, 30));
    h.idle();
    h.keys("3a");
    h.keys("Panel notes");
    h.key(KeyCode::Tab); // date
    h.key(KeyCode::Tab); // kind
    h.key(KeyCode::Right);
    h.key(KeyCode::Tab); // description
    h.key(KeyCode::Tab); // outcomes: the selected one is chosen
    h.key(KeyCode::Tab); // attach file
    h.keys(&source.display().to_string());
    h.ctrl('s');
    assert!(
        h.status().starts_with("added evidence"),
        "{}\n{}",
        h.status(),
        h.screen()
    );
    let hash = sha256_hex(b"notes of the panel");
    let sql = format!(
        "SELECT count(*) FROM evidence WHERE title = 'Panel notes' AND file_sha256 = '{hash}' AND file_name = 'panel-notes.txt'"
    );
    assert_eq!(h.count(&sql), 1);
    let kept = h.store.kept_file(&hash).expect("kept");
    assert_eq!(std::fs::read(kept).expect("kept"), b"notes of the panel");
}

on_both_engines!(the_evidence_form_attaches_a_typed_path);

/// The app lists the attached file by name, and its edit form shows the
/// file's size and hash and attaches a new one through the same operation.
fn the_edit_form_shows_and_replaces_the_attached_file(engine: Engine) {
    use common::harness::{self, Harness};
    use crossterm::event::KeyCode;
    let mut store = harness::demo(&engine);
    let shared = tempfile::tempdir().expect("temp dir");
    if engine.is_postgres() {
        store.set_files_folder(shared.path().join("portfolio"));
    }
    let old = write(shared.path(), "old-notes.txt", b"old notes");
    let new = write(shared.path(), "new-notes.txt", b"new notes");
    let mut h = Harness::start(engine, store, Some("Ben Okafor"), (120, 40));
    h.idle();
    h.keys("3a");
    h.keys("Panel notes");
    h.key(KeyCode::Tab); // date
    h.key(KeyCode::Tab); // kind
    h.key(KeyCode::Right);
    h.key(KeyCode::Tab); // description
    h.key(KeyCode::Tab); // outcomes: the selected one is chosen
    h.key(KeyCode::Tab); // attach file
    h.keys(&old.display().to_string());
    h.ctrl('s');
    assert!(h.status().starts_with("added evidence"), "{}", h.status());
    assert!(h.screen().contains("◆ old-notes.txt"), "{}", h.screen());

    h.key(KeyCode::Home);
    h.keys("e");
    let form = h.screen();
    assert!(form.contains("old-notes.txt (9 bytes)"), "{form}");
    assert!(form.contains(&sha256_hex(b"old notes")), "{form}");
    for _ in 0..5 {
        h.key(KeyCode::Tab);
    }
    h.keys(&new.display().to_string());
    h.ctrl('s');
    assert!(
        h.status().contains("attached"),
        "{}\n{}",
        h.status(),
        h.screen()
    );
    let hash = sha256_hex(b"new notes");
    let sql = format!(
        "SELECT count(*) FROM evidence WHERE title = 'Panel notes' AND file_sha256 = '{hash}' AND file_name = 'new-notes.txt'"
    );
    assert_eq!(h.count(&sql), 1);
    assert!(h.screen().contains("◆ new-notes.txt"), "{}", h.screen());
}

on_both_engines!(the_edit_form_shows_and_replaces_the_attached_file);
