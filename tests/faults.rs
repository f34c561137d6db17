//! Trying hard to break it: the binary killed mid-write, damaged database
//! files, a full disk, hostile text, and every terminal size. Each test
//! prints what it tried.
//!
//! SQLite files as such (killed mid-write, damaged files, a full disk) are
//! the point of most of these, so they run on SQLite only; hostile text is
//! kept exactly on both engines.

use chrono::NaiveDate;
use pcso_tracker::domain::EvidenceKind;
use pcso_tracker::framework::Registry;
use pcso_tracker::ops::Clock;
use pcso_tracker::store::{Change, NewEvidence, Store, StoreError};
use pcso_tracker::tui::app::Tab;
use pcso_tracker::tui::{Launch, prepare, update, view};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rusqlite::Connection;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

mod common;

use common::engine::Engine;

const TODAY: &str = "2026-11-21";

fn binary(db: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pcso-tracker"));
    command.args(["--today", TODAY, "--db"]).arg(db);
    command
}

fn count(db: &Path, sql: &str) -> i64 {
    Connection::open(db)
        .and_then(|c| c.query_row(sql, [], |row| row.get(0)))
        .expect("count")
}

/// A small deterministic generator, so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound.max(1)
    }
}

#[test]
fn killing_the_binary_mid_write_loses_nothing_it_reported_done() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("tracker.db");
    for args in [
        &["person", "add", "Ada Lovell", "--role", "administrator"][..],
        &[
            "--as",
            "Ada",
            "apprentice",
            "add",
            "Amy Clark",
            "--start",
            "2026-01-05",
        ],
    ] {
        assert!(
            binary(&db)
                .args(args)
                .output()
                .expect("add")
                .status
                .success()
        );
    }
    let mut rng = Rng(0x5EED_CAFE);
    let (mut killed, mut reported) = (0, Vec::new());
    for round in 0..50 {
        let title = format!("Entry {round}");
        let date = format!("2026-{:02}-{:02}", 2 + round % 9, 1 + round % 27);
        let status = if round % 2 == 0 {
            "in-progress"
        } else {
            "completed"
        };
        let args: Vec<&str> = match round % 3 {
            0 => vec![
                "evidence",
                "add",
                "Amy",
                "--title",
                &title,
                "--outcomes",
                "LO1,LO2",
                "--date",
                &date,
            ],
            1 => vec![
                "hours",
                "add",
                "Amy",
                "--hours",
                "1",
                "--category",
                "cpd",
                "--date",
                &date,
            ],
            _ => vec!["outcome", "set", "Amy", "LO3", "--status", status],
        };
        let mut child = binary(&db)
            .args(["--as", "Amy"])
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_micros(rng.below(12_000)));
        let finished = child.try_wait().expect("poll").is_some();
        if !finished {
            // SAFETY-free: the standard library's kill sends SIGKILL on Unix.
            child.kill().expect("kill");
            killed += 1;
        }
        let output = child.wait_with_output().expect("wait");
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        if output.status.success() && stdout.starts_with("recorded evidence") {
            reported.push(title);
        }
    }
    let integrity: String = Connection::open(&db)
        .and_then(|c| c.query_row("PRAGMA integrity_check", [], |row| row.get(0)))
        .expect("check");
    assert_eq!(integrity, "ok");
    for title in &reported {
        let sql = format!(
            "SELECT count(*) FROM evidence e JOIN history h ON h.record = 'evidence' AND h.record_id = e.id
             AND h.field = 'title' WHERE e.title = '{title}'"
        );
        assert_eq!(
            count(&db, &sql),
            1,
            "{title} was reported done but is missing or has no history"
        );
    }
    // Nothing half-written: every evidence row has its outcomes and its history.
    let orphans = count(
        &db,
        "SELECT count(*) FROM evidence e WHERE NOT EXISTS (SELECT 1 FROM evidence_outcome o WHERE o.evidence_id = e.id)
            OR NOT EXISTS (SELECT 1 FROM history h WHERE h.record = 'evidence' AND h.record_id = e.id)",
    );
    assert_eq!(orphans, 0);
    println!(
        "killed {killed} of 50 writers at random moments, {} writes reported done, 0 lost, integrity ok",
        reported.len()
    );
}

/// Adds about 16 MB of evidence text, so a backup takes long enough to be
/// interrupted part-way.
fn bulk_up(db: &Path) -> i64 {
    let connection = Connection::open(db).expect("open");
    let text: String = (0..512 * 1024)
        .map(|i| char::from(b'a' + (i % 26) as u8))
        .collect();
    for n in 0..32 {
        connection
            .execute(
                "INSERT INTO evidence (enrolment_id, date, title, kind, description, created_at)
                 VALUES ((SELECT min(id) FROM enrolment), '2026-11-01', ?1, 'other', ?2,
                         '2026-11-01T00:00:00Z')",
                (format!("Bulk {n}"), &text),
            )
            .expect("insert");
    }
    connection
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .expect("checkpoint");
    count(db, "SELECT count(*) FROM evidence")
}

#[test]
fn a_backup_killed_part_way_leaves_nothing_at_the_target() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("tracker.db");
    assert!(
        binary(&db)
            .arg("demo")
            .output()
            .expect("demo")
            .status
            .success()
    );
    let evidence = bulk_up(&db);
    let (mut killed, mut finished) = (0, 0);
    for attempt in 0..80 {
        let target = dir.path().join(format!("backup-{attempt}.db"));
        let mut child = binary(&db)
            .arg("backup")
            .arg(&target)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(4 * attempt));
        if child.try_wait().expect("poll").is_none() {
            child.kill().expect("kill");
            killed += 1;
        }
        if child.wait().expect("wait").success() {
            finished += 1;
        }
        let journal = dir.path().join(format!("backup-{attempt}.db-journal"));
        assert!(
            !journal.exists(),
            "attempt {attempt}: a journal at the target"
        );
        if target.exists() {
            // Whatever has the target's name is a whole copy.
            let copied = count(&target, "SELECT count(*) FROM evidence");
            assert_eq!(copied, evidence, "attempt {attempt}: a partial copy");
        }
        if finished >= 3 {
            break;
        }
    }
    assert!(
        killed > 0 && finished > 0,
        "killed {killed}, finished {finished}"
    );
    println!("{killed} backups killed part-way: none left a file or journal at its target");
}

#[test]
fn a_log_or_database_deleted_under_an_open_connection_stops_writes_until_reopened() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("tracker.db");
    let wal = dir.path().join("tracker.db-wal");
    let mut store = Store::open(&db).expect("open");
    write(&mut store, |change| change.add_assessor("Sam Patel")).expect("first write");
    std::fs::remove_file(&wal).expect("delete the log");
    let error = write(&mut store, |change| change.add_assessor("Jo Bloggs"))
        .expect_err("a write that would be lost is refused");
    assert!(matches!(error, StoreError::FilesReplaced { .. }), "{error}");
    assert!(error.to_string().contains("open it again"), "{error}");
    drop(store);

    let mut store = Store::open(&db).expect("reopen");
    write(&mut store, |change| change.add_assessor("Jo Bloggs")).expect("written after reopening");
    // The database itself replaced by name, as a restore or sync tool does.
    let copy = dir.path().join("copy.db");
    store.backup(&copy).expect("copy");
    std::fs::rename(&copy, &db).expect("replace the database");
    let error = write(&mut store, |change| change.add_assessor("Kim Lee")).expect_err("refused");
    assert!(matches!(error, StoreError::FilesReplaced { .. }), "{error}");
    println!("a deleted log and a replaced database file: both later writes refused");
}

/// The file's bytes, to show a refusal left it as it was.
fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("read")
}

#[test]
fn damaged_databases_are_refused_clearly_and_left_as_they_were() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("tracker.db");
    assert!(
        binary(&db)
            .arg("demo")
            .output()
            .expect("demo")
            .status
            .success()
    );
    Connection::open(&db)
        .and_then(|c| c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);"))
        .expect("checkpoint");
    let good = bytes(&db);
    let mut rng = Rng(0xD15C);
    let (mut tried, mut refused) = (0, 0);
    let cases: Vec<(&str, Vec<u8>)> = {
        let mut cases = vec![("truncated to half", good[..good.len() / 2].to_vec())];
        for n in 0..8 {
            let mut damaged = good.clone();
            // Random bytes inside pages after the first (the header stays readable).
            let page = 4096 * (1 + rng.below((good.len() / 4096 - 1) as u64) as usize);
            for offset in 0..64 {
                damaged[page + 100 + offset] = rng.below(256) as u8;
            }
            cases.push((
                if n % 2 == 0 {
                    "random bytes in a page"
                } else {
                    "random bytes in another page"
                },
                damaged,
            ));
        }
        cases
    };
    for (what, damaged) in cases {
        std::fs::write(&db, &damaged).expect("write damaged");
        let _ = std::fs::remove_file(dir.path().join("tracker.db-wal"));
        let _ = std::fs::remove_file(dir.path().join("tracker.db-shm"));
        for args in [
            &["report", "--all"][..],
            &["apprentice", "list"][..],
            &["verify"][..],
        ] {
            let output = binary(&db).args(args).output().expect("runs");
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(!stderr.contains("panicked"), "{what}: {stderr}");
            if !output.status.success() {
                assert_eq!(
                    stderr.lines().count(),
                    1,
                    "{what}: one clear line: {stderr}"
                );
                refused += 1;
            }
        }
        assert!(bytes(&db) == damaged, "{what}: the file was changed");
        tried += 1;
    }
    println!(
        "{tried} damaged databases, 3 commands each: {refused} refusals of one line, no panic, every file left as it was"
    );
}

#[test]
fn a_full_disk_gives_a_clear_message_and_no_half_written_record() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("tracker.db")).expect("open");
    let framework = pcso_tracker::framework::BUNDLED[0]
        .load()
        .expect("framework");
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).expect("date");
    let new = pcso_tracker::store::NewApprentice::enrolled_on("Amy Clark", &framework, start)
        .expect("enrol");
    let (_, enrolment) =
        write(&mut store, |change| change.add_apprentice(&new)).expect("apprentice");
    let description = "x".repeat(200_000);
    let outcomes = vec!["LO1".to_string()];
    let evidence = NewEvidence {
        date: start,
        title: "Too big for the disk",
        kind: EvidenceKind::Other,
        description: &description,
        file_ref: None,
        outcomes: &outcomes,
    };
    let pages: i64 = raw(&store)
        .query_row("PRAGMA page_count", [], |row| row.get(0))
        .expect("pages");
    // max_page_count holds for the connection that sets it: the store's own.
    let error = store
        .limit_file_pages(pages)
        .and_then(|()| {
            write(&mut store, |change| {
                change.add_evidence(enrolment, &evidence)
            })
        })
        .expect_err("the disk is full");
    assert!(matches!(error, StoreError::DiskFull { .. }), "{error}");
    assert!(
        error
            .to_string()
            .contains("the disk is full, so nothing was recorded")
    );
    let rows: i64 = raw(&store)
        .query_row("SELECT count(*) FROM evidence", [], |row| row.get(0))
        .expect("count");
    let history: i64 = raw(&store)
        .query_row(
            "SELECT count(*) FROM history WHERE record = 'evidence'",
            [],
            |row| row.get(0),
        )
        .expect("count");
    assert_eq!((rows, history), (0, 0));
    println!("disk full on a 200 kB write: refused with a clear message, nothing half-written");
}

fn hostile_text_is_kept_exactly_and_never_reaches_the_terminal_raw(engine: Engine) {
    let mut store = engine.open();
    let framework = pcso_tracker::framework::BUNDLED[0]
        .load()
        .expect("framework");
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).expect("date");
    let new = pcso_tracker::store::NewApprentice::enrolled_on(
        "Amy \u{1b}[31mClark",
        &framework,
        NaiveDate::from_ymd_opt(2026, 1, 5).expect("date"),
    )
    .expect("enrol");
    let (person, enrolment) =
        write(&mut store, |change| change.add_apprentice(&new)).expect("apprentice");
    let samples = [
        (
            "escapes",
            "Bold \u{1b}[1m\u{1b}]0;title\u{7} \u{9b}31m claim\r\n\u{8}\u{8}over",
        ),
        (
            "right to left",
            "شرطة المجتمع \u{202e}reversed\u{202c} עברית",
        ),
        (
            "emoji and combining",
            "👮🏽‍♀️ cafe\u{301} Z\u{335}\u{34e}a\u{336}l\u{338}g\u{334}o",
        ),
        ("one megabyte", &"all work and no play ".repeat(50_000)),
    ];
    let outcomes = vec!["LO1".to_string()];
    for (what, text) in samples {
        let evidence = NewEvidence {
            date: today,
            title: text,
            kind: EvidenceKind::Other,
            description: text,
            file_ref: None,
            outcomes: &outcomes,
        };
        let id = write(&mut store, |change| {
            change.add_evidence(enrolment, &evidence)
        })
        .expect(what);
        let kept = engine.rows(&format!(
            "SELECT title, description FROM evidence WHERE id = {id}"
        ));
        let exact = Some(text.to_string());
        assert!(
            kept[0][0] == exact && kept[0][1] == exact,
            "{what}: not kept exactly"
        );
    }
    let launch = Launch {
        clock: Clock::as_of(today),
        acting_as: Some(person.0.to_string()),
    };
    let registry = Registry::load(None).expect("frameworks");
    let mut app = prepare(&store, registry, &launch, (80, 24)).expect("prepare");
    for tab in Tab::ALL {
        app.tab = tab;
        for size in [(80, 24), (120, 40), (60, 16)] {
            app.size = size;
            let screen = draw(&app);
            assert!(
                !screen.chars().any(|c| c.is_control() && c != '\n'),
                "{tab:?} {size:?}: a control character was drawn"
            );
            assert!(
                screen.lines().last().is_some_and(|l| !l.trim().is_empty()),
                "{tab:?} {size:?}: the footer is gone"
            );
        }
    }
    let _ = &mut app;
    println!(
        "4 hostile texts (escapes, right-to-left, emoji and combining marks, 1 MB) kept exactly; 7 screens at 3 sizes drew no control character"
    );
}

fn draw(app: &pcso_tracker::tui::app::App) -> String {
    let (width, height) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|frame| view::draw(frame, app)).expect("draw");
    let buffer = terminal.backend().buffer().clone();
    let mut text = String::new();
    for y in 0..height {
        for x in 0..width {
            text.push_str(buffer[(x, y)].symbol());
        }
        text.push('\n');
    }
    text
}

/// A demo database shared by the size property, made once.
fn demo_database() -> &'static Path {
    static DB: std::sync::OnceLock<(tempfile::TempDir, std::path::PathBuf)> =
        std::sync::OnceLock::new();
    let (_, path) = DB.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("tracker.db");
        assert!(
            binary(&path)
                .arg("demo")
                .output()
                .expect("demo")
                .status
                .success()
        );
        (dir, path)
    });
    path
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_screen_draws_at_any_size_without_panicking(width in 1u16..=300, height in 1u16..=100, who in 0usize..2) {
        let db = demo_database();
        let store = Store::open(db).expect("open");
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).expect("date");
        let acting_as = ["Ben Okafor", "Sam Patel"][who].to_string();
        let launch = Launch { clock: Clock::as_of(today), acting_as: Some(acting_as) };
        let registry = Registry::load(None).expect("frameworks");
        let mut app = prepare(&store, registry, &launch, (width, height)).expect("prepare");
        let mut store = store;
        draw(&app);
        for key in ['?', 'x', 'c', '2', '3', 'a'] {
            let event = crossterm::event::Event::Key(crossterm::event::KeyEvent::new(
                crossterm::event::KeyCode::Char(key),
                crossterm::event::KeyModifiers::NONE,
            ));
            if let Some(action) = update::action_for_event(&app, &event) {
                update::update(&mut app, &mut store, action);
            }
            draw(&app);
        }
        for tab in Tab::ALL {
            app.tab = tab;
            draw(&app);
        }
    }
}

/// One action's writes, committed.
fn write<T>(
    store: &mut Store,
    action: impl FnOnce(&Change) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    let change = store.change(chrono::Utc::now(), None)?;
    let value = action(&change)?;
    change.commit()?;
    Ok(value)
}

/// The database file as another program sees it.
fn raw(store: &Store) -> rusqlite::Connection {
    rusqlite::Connection::open(store.path()).expect("open")
}

on_both_engines!(hostile_text_is_kept_exactly_and_never_reaches_the_terminal_raw);
