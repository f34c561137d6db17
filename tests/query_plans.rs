//! Every statement a command about one person runs reads through an index:
//! each is captured as it runs on a generated provider database, then
//! `EXPLAIN QUERY PLAN` must show no full scan of a table, so the command
//! costs the same however many other people are recorded.
//!
//! SQLite only: it reads SQLite's `EXPLAIN QUERY PLAN` of statements traced
//! on an SQLite connection.

use chrono::{NaiveDate, TimeZone, Utc};
use pcso_tracker::domain::{EnrolmentId, PersonId, Role};
use pcso_tracker::framework::{BUNDLED, Registry};
use pcso_tracker::ops::{Clock, Ops, looking_back, person_record};
use pcso_tracker::store::{RecordKey, Store};
use rusqlite::Connection;
use rusqlite::fallible_iterator::FallibleIterator;
use rusqlite::types::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

const ENROLMENTS: usize = 80;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).expect("date")
}

/// An apprentice whose last check-in was amended, their assessor, and
/// the employer named for them here.
struct Chosen {
    person: PersonId,
    name: String,
    assessor: PersonId,
    employer: PersonId,
    enrolment: EnrolmentId,
    amended: i64,
}

fn generated(path: &Path) -> Chosen {
    let framework = BUNDLED[0].load().expect("framework");
    let mut store = Store::open(path).expect("open");
    store
        .load_provider_sample(&framework, today(), ENROLMENTS, &mut |_, _| {})
        .expect("generate");
    let mut chosen = Connection::open(path)
        .expect("raw")
        .query_row(
            "SELECT p.id, p.name, p.assessor_id, e.id, c.amends_id FROM checkin c
             JOIN enrolment e ON e.id = c.enrolment_id JOIN person p ON p.id = e.person_id
             WHERE c.amends_id IS NOT NULL ORDER BY c.id LIMIT 1",
            [],
            |row| {
                Ok(Chosen {
                    person: PersonId(row.get(0)?),
                    name: row.get(1)?,
                    assessor: PersonId(row.get(2)?),
                    employer: PersonId(0),
                    enrolment: EnrolmentId(row.get(3)?),
                    amended: row.get(4)?,
                })
            },
        )
        .expect("an amended check-in");
    // The third party to every PCSO review.
    let change = store.change(Utc::now(), None).expect("change");
    chosen.employer = change
        .add_person("Grace Mensah", Role::Employer)
        .expect("employer");
    change
        .set_employer(chosen.person, Some(chosen.employer))
        .expect("employer named");
    change.commit().expect("commit");
    chosen
}

/// Runs what `report`, `checkin list/show`, `apprentice show`, finding a
/// person by name or id, and a check-in in the app (start, sign, amend)
/// run, and returns every statement they ran.
fn statements_of_one_person(path: &Path, chosen: &Chosen) -> Statements {
    let mut store = Store::open(path).expect("open");
    let seen = watch(&mut store);
    let registry = Registry::load(None).expect("registry");
    store.find_person(&chosen.name).expect("by name");
    store
        .find_person(&chosen.name.to_lowercase())
        .expect("by name in any case");
    store
        .find_person(&chosen.person.0.to_string())
        .expect("by id");
    let record = person_record(&store, &registry, chosen.person, today()).expect("report");
    let enrolment = store
        .latest_enrolment(chosen.person)
        .expect("read")
        .expect("enrolled");
    store.checkin_list(enrolment.id).expect("checkin list");
    store.checkin(chosen.amended).expect("checkin show");
    store.learning_breaks(enrolment.id).expect("breaks");
    let code = record.progress.outcomes[0].code.clone();
    let key = RecordKey::Outcome(chosen.enrolment, code);
    store.history_of(&key).expect("history");
    store.version(&key).expect("version");
    in_the_app(&mut store, &registry, chosen, record.standing.checkins.last);
    seen.lock().expect("lock").clone()
}

/// Each statement run, with the most times it was re-prepared.
type Statements = BTreeMap<String, i32>;

fn watch(store: &mut Store) -> Arc<Mutex<Statements>> {
    let seen = Arc::new(Mutex::new(BTreeMap::new()));
    let sink = Arc::clone(&seen);
    store
        .watch_statements(move |sql, reprepared| {
            let mut seen = sink.lock().expect("lock");
            let most = seen.entry(sql.to_string()).or_insert(0);
            *most = reprepared.max(*most);
        })
        .expect("watch");
    seen
}

/// Starts a check-in as the app does, reads what it shows, completes it,
/// has each party sign it, then amends it.
fn in_the_app(store: &mut Store, registry: &Registry, chosen: &Chosen, last: Option<NaiveDate>) {
    let clock = Clock::fixed(Utc.with_ymd_and_hms(2026, 11, 21, 10, 0, 0).unwrap());
    let started = Ops::new(store, registry, clock, Some(chosen.assessor))
        .start_checkin(chosen.person)
        .expect("start");
    let draft = store.checkin(started.id).expect("draft");
    let checkins = person_record(store, registry, chosen.person, today())
        .expect("record")
        .progress
        .checkins;
    let back = looking_back(store, &draft, &checkins).expect("actions");
    let mut content = draft.content;
    let since = back.since.or(last).unwrap_or(today());
    store
        .status_changes_since(chosen.enrolment, since)
        .expect("changes");
    content.next_due = Some(today() + chrono::Days::new(84));
    Ops::new(store, registry, clock, Some(chosen.assessor))
        .complete_checkin(started.id, &content)
        .expect("complete");
    for party in [chosen.person, chosen.assessor, chosen.employer] {
        Ops::new(store, registry, clock, Some(party))
            .sign_review(started.id)
            .expect("sign");
    }
    Ops::new(store, registry, clock, Some(chosen.assessor))
        .amend_checkin(started.id, "A date was wrong")
        .expect("amend");
}

/// The plan's lines that read a whole table or index.
fn scans(connection: &Connection, sql: &str) -> Vec<String> {
    let mut statement = connection
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap_or_else(|e| panic!("{e}: {sql}"));
    let nulls = vec![Value::Null; statement.parameter_count()];
    let details: Vec<String> = statement
        .query_map(rusqlite::params_from_iter(nulls), |row| row.get(3))
        .expect("plan")
        .collect::<Result<_, _>>()
        .expect("plan rows");
    details
        .into_iter()
        .filter(|detail| detail.starts_with("SCAN ") && detail != "SCAN CONSTANT ROW")
        .collect()
}

#[test]
fn no_statement_about_one_person_scans_a_table() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("provider.db");
    let chosen = generated(&path);
    let statements = statements_of_one_person(&path, &chosen);
    assert!(
        statements.len() > 30,
        "{} statements seen",
        statements.len()
    );
    let connection = Connection::open(&path).expect("raw");
    let scanning: Vec<String> = statements
        .keys()
        .filter_map(|sql| {
            let found = scans(&connection, sql);
            (!found.is_empty()).then(|| format!("{}\n    {}", found.join("; "), sql.trim()))
        })
        .collect();
    assert!(
        scanning.is_empty(),
        "{} statements scan a table:\n{}",
        scanning.len(),
        scanning.join("\n")
    );
}

/// A statement prepared once serves every row: checking every seal, and
/// reading and signing one person's records, re-prepare none (a statement
/// whose plan depended on a bound value used to be re-prepared each time
/// the statement cache cleared its bindings).
#[test]
fn verifying_seals_and_one_persons_commands_prepare_each_statement_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("provider.db");
    let chosen = generated(&path);
    let mut statements = statements_of_one_person(&path, &chosen);
    let mut store = Store::open(&path).expect("open");
    let seen = watch(&mut store);
    let (problems, checked) = store.verify_seals().expect("verify");
    assert!(
        problems.is_empty() && checked > ENROLMENTS,
        "{checked} checked"
    );
    statements.extend(seen.lock().expect("lock").clone());
    let reprepared: Vec<String> = statements
        .iter()
        .filter(|(_, times)| **times > 0)
        .map(|(sql, times)| format!("{times}x {}", sql.trim()))
        .collect();
    assert!(
        reprepared.is_empty(),
        "re-prepared:\n{}",
        reprepared.join("\n")
    );
}

/// Runs the real command with the statement log on and returns each
/// distinct statement it ran, its values written in.
fn statements_of_command(path: &Path, args: &[&str]) -> Vec<String> {
    let log = path.with_extension("statements.sql");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_pcso-tracker"))
        .args(["--today", "2026-11-21", "--db"])
        .arg(path)
        .args(args)
        .env(pcso_tracker::store::SQL_LOG_ENV, &log)
        .output()
        .expect("run");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = std::fs::read_to_string(&log).expect("the statement log");
    let connection = Connection::open(path).expect("raw");
    let mut seen = std::collections::BTreeSet::new();
    let mut batch = rusqlite::Batch::new(&connection, &text);
    while let Some(statement) = batch.next().expect("a logged statement parses") {
        seen.insert(statement.expanded_sql().unwrap_or_default());
    }
    seen.into_iter().collect()
}

/// An assessor's `report --all` reads their caseload through the assessor
/// index, not everyone recorded (opening a database reads the small schema
/// table, whatever its size).
#[test]
fn an_assessors_caseload_report_reads_only_their_apprentices() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("provider.db");
    let chosen = generated(&path);
    let assessor = chosen.assessor.0.to_string();
    let statements = statements_of_command(&path, &["--as", &assessor, "report", "--all"]);
    assert!(statements.len() > 10, "{} statements", statements.len());
    let connection = Connection::open(&path).expect("raw");
    let scanning: Vec<String> = statements
        .iter()
        .filter_map(|sql| {
            let mut found = scans(&connection, sql);
            found.retain(|scan| scan != "SCAN sqlite_master");
            (!found.is_empty()).then(|| format!("{}\n    {}", found.join("; "), sql.trim()))
        })
        .collect();
    assert!(scanning.is_empty(), "{}", scanning.join("\n"));
}
