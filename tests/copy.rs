//! `copy --from --to`: a whole database moved between a file and a server
//! (and between two of one kind) with every id, seal, signature, PIN and
//! history row kept, into a new or empty database only, in one transaction.

mod common;

use common::engine::Engine;
use common::pg;
use common::sandbox::TODAY;
use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn run(db: Option<&OsStr>, args: &[&OsStr], input: &str) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pcso-tracker"));
    command
        .args(["--today", TODAY])
        .env_remove("PCSO_TRACKER_DB");
    if let Some(db) = db {
        command.arg("--db").arg(db);
    }
    let mut child = command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .expect("input")
        .write_all(input.as_bytes())
        .expect("write input");
    child.wait_with_output().expect("the binary ends")
}

fn os<'a>(args: &[&'a str]) -> Vec<&'a OsStr> {
    args.iter().map(|arg| OsStr::new(*arg)).collect()
}

fn ok(db: &OsStr, args: &[&str]) -> String {
    ok_with(db, args, "")
}

fn ok_with(db: &OsStr, args: &[&str], input: &str) -> String {
    let output = run(Some(db), &os(args), input);
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn copy(from: &OsStr, to: &OsStr) -> Output {
    run(
        None,
        &[
            OsStr::new("copy"),
            OsStr::new("--from"),
            from,
            OsStr::new("--to"),
            to,
        ],
        "",
    )
}

fn copied(from: &OsStr, to: &OsStr) -> String {
    let output = copy(from, to);
    assert!(
        output.status.success(),
        "copy: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn refused_copy(from: &OsStr, to: &OsStr) -> String {
    let output = copy(from, to);
    assert_eq!(output.status.code(), Some(1), "the copy should be refused");
    String::from_utf8(output.stderr).expect("UTF-8")
}

const APPRENTICES: [&str; 5] = [
    "Amy Clark",
    "Ben Okafor",
    "Chloe Evans",
    "Dan Hughes",
    "Erin Walsh",
];

/// The demo in a new file, with Dan's waiting review signed by his
/// employer (sealing a review countersigned by all three) and a PIN for Amy.
fn demo(file: &Path) {
    let db = file.as_os_str();
    ok(db, &["demo"]);
    let list = ok(db, &["checkin", "list", "Dan Hughes"]);
    let waiting = list
        .lines()
        .find(|line| line.contains("awaiting employer signature"))
        .and_then(|line| line.split_whitespace().next())
        .unwrap_or_else(|| panic!("{list}"));
    ok(db, &["--as", "Grace Mensah", "checkin", "sign", waiting]);
    ok_with(db, &["--as", "Amy Clark", "pin", "set"], "4321\n4321\n");
}

/// What people read from a database: the caseload, verify, and each
/// apprentice's report, record, check-ins and gateway sign-off.
fn views(db: &OsStr) -> Vec<String> {
    let mut seen = vec![ok(db, &["report", "--all"]), ok(db, &["verify"])];
    for name in APPRENTICES {
        for args in [
            &["report", name][..],
            &["report", name, "--format", "json"],
            &["apprentice", "show", name, "--format", "json"],
            &["checkin", "list", name],
            &["gateway", "show", name],
        ] {
            seen.push(ok(db, args));
        }
    }
    for id in 1..=11 {
        seen.push(ok(db, &["checkin", "show", &id.to_string()]));
    }
    seen
}

/// Each view the same, naming the first line that differs.
fn same(seen: &[String], expected: &[String]) {
    assert_eq!(seen.len(), expected.len());
    for (seen, expected) in seen.iter().zip(expected) {
        let differs = seen.lines().zip(expected.lines()).find(|(a, b)| a != b);
        assert!(seen == expected, "first difference: {differs:?}");
    }
}

/// Every row of every table of an SQLite file, as stored.
fn rows(file: &Path) -> BTreeMap<String, Vec<String>> {
    let connection = rusqlite::Connection::open(file).expect("open");
    let tables: Vec<String> = connection
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
        .and_then(|mut s| s.query_map([], |row| row.get(0))?.collect())
        .expect("tables");
    tables
        .into_iter()
        .map(|table| {
            let mut statement = connection
                .prepare(&format!("SELECT * FROM {table}"))
                .expect("select");
            let width = statement.column_count();
            let mut found: Vec<String> = statement
                .query_map([], |row| {
                    (0..width)
                        .map(|i| row.get::<_, rusqlite::types::Value>(i))
                        .collect::<Result<Vec<_>, _>>()
                        .map(|values| format!("{values:?}"))
                })
                .and_then(|rows| rows.collect())
                .expect("rows");
            found.sort();
            (table, found)
        })
        .collect()
}

#[test]
fn the_demo_copied_to_a_server_and_back_reads_the_same_and_keeps_every_row() {
    let Some(server) = pg::database() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let (first, back) = (dir.path().join("first.db"), dir.path().join("back.db"));
    demo(&first);
    let said = copied(first.as_os_str(), server.as_ref());
    assert!(said.starts_with(&format!("copied {} to {server}:\n", first.display())));
    assert!(said.contains("  checkin_signature: 3\n"), "{said}");
    assert!(said.contains("  person_pin: 1\n"), "{said}");
    copied(server.as_ref(), back.as_os_str());

    let expected = views(first.as_os_str());
    assert!(
        expected[1].starts_with("ok: 10 sealed check-ins"),
        "{}",
        expected[1]
    );
    // A server keeps when an outcome was judged as a time, so the day of
    // the sealed check-in that judged it reads as that day's midnight, as
    // in any database on a server; back in a file it is the day again.
    let on_server: Vec<String> = views(server.as_ref())
        .into_iter()
        .map(|view| view.replace("T00:00:00.000Z\",", "\","))
        .collect();
    same(&on_server, &expected);
    same(&views(back.as_os_str()), &expected);
    // Every table, history included, row for row.
    assert_eq!(rows(&back), rows(&first));

    // Signed in a file: no login is named as the signer on the server.
    let server_db = Engine::Postgres(server.clone());
    assert_eq!(
        server_db.number("SELECT count(*) FROM checkin_signature WHERE signed_login <> ''"),
        Some(0)
    );
    // Amy's PIN came as its hash: it is still asked, and the right one works.
    let url = OsString::from(&server);
    ok_with(
        &url,
        &["--as", "Amy Clark", "report", "Amy Clark"],
        "4321\n",
    );
    let wrong = run(Some(&url), &os(&["--as", "Amy Clark", "verify"]), "1111\n");
    assert!(!wrong.status.success());
}

fn a_target_holding_records_is_refused_and_left_as_it_was(target: Engine) {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = dir.path().join("demo.db");
    demo(&source);
    let db = target.db();
    ok(
        &db,
        &["person", "add", "Ada Lovell", "--role", "administrator"],
    );
    let history = target.number("SELECT count(*) FROM history");

    let refusal = refused_copy(source.as_os_str(), &db);
    assert!(
        refusal.starts_with(&format!(
            "{}: already holds records (in person, history); copy writes only into a new or empty database, so nothing was changed",
            db.to_string_lossy()
        )),
        "{refusal}"
    );
    assert_eq!(target.number("SELECT count(*) FROM person"), Some(1));
    assert_eq!(target.number("SELECT count(*) FROM history"), history);
}

fn a_copied_sealed_check_in_and_its_signatures_still_cannot_be_changed(target: Engine) {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = dir.path().join("demo.db");
    demo(&source);
    copied(source.as_os_str(), &target.db());
    assert_eq!(
        target.number("SELECT count(*) FROM checkin WHERE state = 'sealed'"),
        Some(10)
    );
    let edit = target.execute("UPDATE checkin SET next_due = '2031-01-01' WHERE state = 'sealed'");
    assert!(
        edit.as_ref()
            .is_err_and(|e| e.contains("a sealed check-in is never edited")),
        "{edit:?}"
    );
    let unsign = target.execute("DELETE FROM checkin_signature");
    assert!(
        unsign
            .as_ref()
            .is_err_and(|e| e.contains("a signature is never removed")),
        "{unsign:?}"
    );
    let rewrite = target.execute("UPDATE history SET after = 'x'");
    assert!(
        rewrite
            .as_ref()
            .is_err_and(|e| e.contains("history is append-only")),
        "{rewrite:?}"
    );
    assert!(ok(&target.db(), &["verify"]).starts_with("ok: 10 sealed check-ins"));
}

fn after_a_copy_new_records_take_new_ids(target: Engine) {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = dir.path().join("demo.db");
    demo(&source);
    copied(source.as_os_str(), &target.db());
    let db = target.db();
    if target.is_postgres() {
        // Planned with statistics from the start, not guessed until the
        // server's autovacuum comes round.
        let analysed = target.number(
            "SELECT count(*) FROM pg_stat_user_tables WHERE relname = 'history' AND last_analyze IS NOT NULL",
        );
        assert_eq!(analysed, Some(1), "the copy's statistics are gathered");
    }
    let people = target.number("SELECT max(id) FROM person").expect("people");
    let history = target
        .number("SELECT max(id) FROM history")
        .expect("history");
    let checkins = target
        .number("SELECT max(id) FROM checkin")
        .expect("check-ins");
    ok(
        &db,
        &[
            "--as",
            "Priya Shah",
            "person",
            "add",
            "Zoe Lane",
            "--role",
            "assessor",
        ],
    );
    ok(
        &db,
        &[
            "--as",
            "Sam Patel",
            "checkin",
            "amend",
            "11",
            "--reason",
            "Typing error",
        ],
    );
    assert_eq!(
        target.number("SELECT id FROM person WHERE name = 'Zoe Lane'"),
        Some(people + 1)
    );
    assert_eq!(
        target.number(
            "SELECT min(id) FROM history WHERE id > 0 AND record = 'person' AND after = 'Zoe Lane'"
        ),
        Some(history + 1)
    );
    assert_eq!(
        target.number("SELECT max(id) FROM checkin"),
        Some(checkins + 1)
    );
}

on_both_engines!(
    a_target_holding_records_is_refused_and_left_as_it_was,
    a_copied_sealed_check_in_and_its_signatures_still_cannot_be_changed,
    after_a_copy_new_records_take_new_ids,
);

#[test]
fn a_copy_that_fails_part_way_leaves_the_server_database_empty() {
    let Some(server) = pg::database() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let source = dir.path().join("demo.db");
    demo(&source);
    // A value the server's stricter schema refuses, far into the copy.
    rusqlite::Connection::open(&source)
        .and_then(|c| c.execute("UPDATE hours_entry SET hours = 1.234 WHERE id = 100", []))
        .expect("edit the file");
    let refusal = refused_copy(source.as_os_str(), server.as_ref());
    assert!(
        refusal.starts_with(&format!("{server}: writing the copy:")),
        "{refusal}"
    );
    let target = Engine::Postgres(server);
    for table in ["person", "evidence", "hours_entry", "history"] {
        assert_eq!(
            target.number(&format!("SELECT count(*) FROM {table}")),
            Some(0),
            "{table}"
        );
    }
}

#[test]
fn a_missing_source_file_is_named_and_nothing_is_created() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (missing, target) = (dir.path().join("missing.db"), dir.path().join("new.db"));
    let refusal = refused_copy(missing.as_os_str(), target.as_os_str());
    assert_eq!(
        refusal,
        format!(
            "{}: no such database file to copy from; check the path\n",
            missing.display()
        )
    );
    assert!(!missing.exists());
}

#[test]
fn a_person_s_login_cannot_copy_what_it_only_partly_reads() {
    let Some(server) = pg::database() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let source = dir.path().join("demo.db");
    demo(&source);
    copied(source.as_os_str(), server.as_ref());
    let url = OsString::from(&server);
    ok(&url, &["admin", "init"]);
    let database = pg::database_name(&server);
    let login = format!("ben_{database}");
    ok(&url, &["admin", "grant", "Ben Okafor", "--login", &login]);
    let as_ben = server.replacen(
        "postgresql://postgres@",
        &format!("postgresql://{login}@"),
        1,
    );
    assert_ne!(as_ben, server);

    let target = dir.path().join("ben.db");
    let refusal = refused_copy(as_ben.as_ref(), target.as_os_str());
    assert!(
        refusal.starts_with(&format!(
            "{as_ben}: copy reads and writes every record, so it must connect as the database's owner (the login that ran `admin init`); login `{login}` is not"
        )),
        "{refusal}"
    );
    assert_eq!(
        rows(&target).values().map(Vec::len).sum::<usize>(),
        0,
        "nothing was copied"
    );
    // The owner copies everything, the login named on each signature too.
    let server_copy = pg::database().expect("another database");
    copied(url.as_os_str(), server_copy.as_ref());
    let copy = Engine::Postgres(server_copy);
    assert_eq!(
        copy.number(&format!(
            "SELECT count(*) FROM person_login WHERE login = '{login}'"
        )),
        Some(1)
    );
}
