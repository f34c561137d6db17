//! The real binary against real database files: demo data, the recording
//! commands and their refusals, two writers at once, locks and backups.
//! Demo data, recording, refusals and two writers run on both engines; the rest is
//! about SQLite files as such (foreign files, file locks, file backups).

use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

use common::engine::Engine;
use common::sandbox::{Sandbox, TODAY};

fn demo_fills_a_caseload_once_and_refuses_to_repeat_without_force(engine: Engine) {
    let sandbox = Sandbox::on(engine);
    let text = sandbox.ok(&["demo"]);
    assert!(text.contains("administrator Priya Shah"), "{text}");
    assert!(
        text.contains("Dan Hughes (12 months completed, ready for gateway)"),
        "{text}"
    );
    assert!(text.contains("Amy Clark (month 1)"), "{text}");
    let people: serde_json::Value =
        serde_json::from_str(&sandbox.ok(&["apprentice", "list", "--format", "json"]))
            .expect("json");
    // Five enrolled, their assessor, their employer and the administrator.
    assert_eq!(people.as_array().map(Vec::len), Some(8));
    let dan = sandbox.ok(&["apprentice", "show", "Dan Hughes"]);
    assert!(dan.contains("judged 14 competent"), "{dan}");
    assert!(dan.contains("312 h off-the-job"), "{dan}");
    let ben = sandbox.ok(&["apprentice", "show", "Ben"]);
    assert!(ben.contains("maths-l2 pending"), "{ben}");
    let erin = sandbox.ok(&["apprentice", "show", "Erin"]);
    assert!(
        erin.contains("h courses") && erin.contains("h peer-support"),
        "{erin}"
    );

    let message = sandbox.refused(&["demo"]);
    assert!(message.contains("already holds 8 people"), "{message}");
    let message = sandbox.refused(&["--as", "Sam", "demo", "--force"]);
    assert!(message.contains("only an administrator may"), "{message}");
    sandbox.ok(&["--as", "Priya", "demo", "--force"]);
    assert_eq!(sandbox.count("SELECT count(*) FROM person"), 16);
}

fn recording_commands_write_records_and_history(engine: Engine) {
    let sandbox = Sandbox::with_administrator_on(engine);
    sandbox.ok(&["--as", "Ada", "assessor", "add", "Sam Patel"]);
    let added = sandbox.ok(&[
        "--as",
        "Ada",
        "apprentice",
        "add",
        "Amy Clark",
        "--start",
        "2026-09-01",
        "--dob",
        "2008-03-04",
        "--assessor",
        "Sam",
    ]);
    assert!(
        added.contains("enrolled on pcso-level4 from 2026-09-01 to 2027-09-01"),
        "{added}"
    );
    sandbox.ok(&[
        "--as",
        "Amy",
        "evidence",
        "add",
        "Amy",
        "--title",
        "Ward panel",
        "--outcomes",
        "LO1,LO3",
        "--date",
        "2026-10-01",
    ]);
    sandbox.ok(&[
        "--as",
        "Amy",
        "hours",
        "add",
        "Amy",
        "--hours",
        "6",
        "--category",
        "off-the-job",
        "--date",
        "2026-10-02",
        "--outcomes",
        "LO1,K2",
    ]);
    sandbox.ok(&[
        "--as",
        "Sam",
        "requirement",
        "set",
        "Amy",
        "maths-l2",
        "--status",
        "met",
        "--date",
        "2026-10-03",
    ]);
    sandbox.ok(&[
        "--as",
        "Amy",
        "outcome",
        "set",
        "Amy",
        "LO3",
        "--status",
        "in-progress",
    ]);
    assert_eq!(sandbox.count("SELECT count(*) FROM evidence_outcome"), 2);
    assert_eq!(sandbox.count("SELECT count(*) FROM hours_entry"), 1);
    assert_eq!(
        sandbox.count(
            "SELECT count(*) FROM history WHERE record = 'requirement_record' AND actor_id = 2"
        ),
        2,
        "status and date, by the assessor"
    );
    assert_eq!(
        sandbox.count("SELECT count(*) FROM history WHERE record = 'outcome_progress'"),
        1
    );
}

fn bad_input_is_refused_by_name_and_changes_nothing(engine: Engine) {
    let sandbox = Sandbox::with_administrator_on(engine);
    sandbox.ok(&[
        "--as",
        "Ada",
        "apprentice",
        "add",
        "Amy Clark",
        "--start",
        "2026-09-01",
    ]);
    sandbox.ok(&[
        "--as",
        "Ada",
        "apprentice",
        "add",
        "Amy Jones",
        "--start",
        "2026-09-01",
    ]);
    let history = sandbox.count("SELECT count(*) FROM history");
    let cases: [(&[&str], &str); 8] = [
        (
            &[
                "--as",
                "2",
                "evidence",
                "add",
                "Zed",
                "--title",
                "T",
                "--outcomes",
                "LO1",
            ],
            "no person matches `Zed`",
        ),
        (
            &[
                "--as",
                "2",
                "evidence",
                "add",
                "Amy",
                "--title",
                "T",
                "--outcomes",
                "LO1",
            ],
            "matches more than one person: Amy Clark (id 2), Amy Jones (id 3)",
        ),
        (
            &[
                "--as",
                "2",
                "evidence",
                "add",
                "2",
                "--title",
                "T",
                "--outcomes",
                "LO9",
            ],
            "`LO9` is not an outcome of the Police community support officer apprenticeship standard",
        ),
        (
            &[
                "--as",
                "2",
                "evidence",
                "add",
                "2",
                "--title",
                "T",
                "--outcomes",
                "LO1",
                "--date",
                "2026-12-01",
            ],
            "2026-12-01 is in the future",
        ),
        (
            &[
                "--as",
                "2",
                "hours",
                "add",
                "2",
                "--hours",
                "2",
                "--category",
                "gym",
            ],
            "`gym` is not an hour category",
        ),
        (
            &[
                "--as",
                "2",
                "hours",
                "add",
                "2",
                "--hours",
                "2",
                "--category",
                "cpd",
                "--date",
                "2026-08-31",
            ],
            "before the start of the programme",
        ),
        (
            &[
                "--as",
                "2",
                "requirement",
                "set",
                "2",
                "driving",
                "--status",
                "met",
            ],
            "`driving` is not a requirement",
        ),
        (
            &[
                "--as", "2", "outcome", "set", "2", "LO1", "--status", "finished",
            ],
            "is not one of not-started, in-progress",
        ),
    ];
    for (args, expected) in cases {
        let message = sandbox.refused(args);
        assert!(message.contains(expected), "{args:?}: {message}");
    }
    let malformed = sandbox.run(&[
        "--as",
        "1",
        "evidence",
        "add",
        "1",
        "--title",
        "T",
        "--outcomes",
        "LO1",
        "--date",
        "2026-13-01",
    ]);
    assert_eq!(malformed.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&malformed.stderr).contains("is not a date"));
    assert_eq!(
        sandbox.count("SELECT count(*) FROM history"),
        history,
        "nothing was written"
    );
}

#[test]
fn files_that_are_not_our_database_are_refused_and_left_alone() {
    let sandbox = Sandbox::new();
    let notes = sandbox.dir.path().join("notes.txt");
    std::fs::write(&notes, "shopping list\n").expect("write");
    let output = sandbox.run(&["--db", notes.to_str().expect("path"), "apprentice", "list"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not a pcso-tracker database"));
    assert_eq!(
        std::fs::read_to_string(&notes).expect("read"),
        "shopping list\n"
    );
    let folder = sandbox.run(&[
        "--db",
        sandbox.dir.path().to_str().expect("path"),
        "apprentice",
        "list",
    ]);
    assert!(String::from_utf8_lossy(&folder.stderr).contains("is a directory"));
}

fn an_assessor_and_an_apprentice_writing_at_once_lose_nothing(engine: Engine) {
    let sandbox = Sandbox::with_apprentice_on("Amy Clark", "2026-01-05", engine);
    let rounds = 25;
    let script = |commands: Vec<Vec<String>>| {
        let db = sandbox.db();
        std::thread::spawn(move || {
            for args in commands {
                let output = Command::new(env!("CARGO_BIN_EXE_pcso-tracker"))
                    .args(["--today", TODAY, "--db"])
                    .arg(&db)
                    .args(&args)
                    .output()
                    .expect("runs");
                assert!(
                    output.status.success(),
                    "{args:?}: {}",
                    String::from_utf8_lossy(&output.stderr)
                );
            }
        })
    };
    let apprentice: Vec<Vec<String>> = (0..rounds)
        .map(|i| {
            let date = format!("2026-03-{:02}", 1 + i);
            [
                "--as",
                "Amy",
                "evidence",
                "add",
                "Amy",
                "--title",
                &format!("Entry {i}"),
                "--outcomes",
                "LO1",
                "--date",
                &date,
            ]
            .map(String::from)
            .to_vec()
        })
        .collect();
    let codes = ["LO1", "LO2", "LO3", "LO4", "LO5"];
    let assessor: Vec<Vec<String>> = (0..rounds)
        .map(|i| {
            let date = format!("2026-04-{:02}", 1 + i);
            [
                "--as",
                "Sam",
                "evidence",
                "add",
                "Amy",
                "--title",
                &format!("Observation {i}"),
                "--kind",
                "observation",
                "--outcomes",
                codes[i % codes.len()],
                "--date",
                &date,
            ]
            .map(String::from)
            .to_vec()
        })
        .collect();
    let (a, b) = (script(apprentice), script(assessor));
    a.join().expect("apprentice writer");
    b.join().expect("assessor writer");
    assert_eq!(
        sandbox.count("SELECT count(*) FROM evidence"),
        2 * rounds as i64
    );
    for person in ["Amy Clark", "Sam Patel"] {
        let by = format!(
            "SELECT count(*) FROM history h JOIN person p ON p.id = h.actor_id
             WHERE h.record = 'evidence' AND h.field = 'title' AND p.name = '{person}'"
        );
        assert_eq!(sandbox.count(&by), rounds as i64, "{person}");
    }
}

#[test]
fn a_write_waits_for_a_lock_then_says_the_database_is_locked() {
    let sandbox = Sandbox::with_administrator();
    sandbox.ok(&[
        "--as",
        "Ada",
        "apprentice",
        "add",
        "Amy Clark",
        "--start",
        "2026-01-05",
    ]);
    let holder = Connection::open(sandbox.db()).expect("open");
    holder.execute_batch("BEGIN IMMEDIATE; INSERT INTO person (name, role, created_at) VALUES ('x', 'assessor', 'x');").expect("lock");
    let message = sandbox.refused(&[
        "--as",
        "Amy",
        "outcome",
        "set",
        "Amy",
        "LO1",
        "--status",
        "in-progress",
    ]);
    assert!(
        message.contains("locked for more than 5 seconds"),
        "{message}"
    );
    holder.execute_batch("ROLLBACK").expect("release");
    sandbox.ok(&[
        "--as",
        "Amy",
        "outcome",
        "set",
        "Amy",
        "LO1",
        "--status",
        "in-progress",
    ]);
}

#[test]
fn a_backup_taken_while_another_program_writes_is_whole() {
    let sandbox = Sandbox::new();
    sandbox.ok(&["demo"]);
    let writer = sandbox
        .command(&["--as", "Priya", "demo", "--force"])
        .spawn()
        .expect("writer starts");
    let backup = sandbox.dir.path().join("copy.db");
    let text = sandbox.ok(&["backup", backup.to_str().expect("path")]);
    assert!(text.starts_with("backed up"), "{text}");
    assert!(writer.wait_with_output().expect("writer").status.success());
    let copy = Connection::open(&backup).expect("open copy");
    let integrity: String = copy
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .expect("check");
    assert_eq!(integrity, "ok");
    let people: i64 = copy
        .query_row("SELECT count(*) FROM person", [], |row| row.get(0))
        .expect("count");
    assert!(
        people == 8 || people == 16,
        "a consistent snapshot, got {people}"
    );
    let again = sandbox.refused(&["backup", backup.to_str().expect("path")]);
    assert!(again.contains("does not exist yet"), "{again}");
}

#[test]
fn the_db_option_wins_over_the_environment() {
    let sandbox = Sandbox::new();
    let other: PathBuf = sandbox.dir.path().join("other.db");
    sandbox.ok(&[
        "--db",
        other.to_str().expect("path"),
        "person",
        "add",
        "Ada Lovell",
        "--role",
        "administrator",
    ]);
    assert!(Path::new(&other).exists());
    assert!(
        !sandbox.db().exists(),
        "the database named by the environment is not touched"
    );
}

on_both_engines!(
    demo_fills_a_caseload_once_and_refuses_to_repeat_without_force,
    recording_commands_write_records_and_history,
    bad_input_is_refused_by_name_and_changes_nothing,
    an_assessor_and_an_apprentice_writing_at_once_lose_nothing,
);
