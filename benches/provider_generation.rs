//! Generating the provider-scale database (`demo --scale provider`) against
//! the floor: the same rows, read back from the generated file, inserted
//! into a fresh database of the same schema with plain prepared `INSERT`s in
//! one transaction. Only the inserts are timed for the floor; each figure
//! is the best of `PROVIDER_ROUNDS` (2) rounds. Run with
//! `cargo bench --bench provider_generation`; `PROVIDER_TIMES=3` generates
//! three times the scale.

use pcso_tracker::framework::BUNDLED;
use pcso_tracker::store::provider_scale::ENROLMENTS;
use pcso_tracker::store::{ProviderSample, Store};
use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};
use std::path::Path;
use std::time::{Duration, Instant};

/// At most this many times the floor's time.
const RATIO_TARGET: f64 = 1.2;
/// Rows held in memory at once while copying.
const CHUNK: usize = 50_000;
/// In an order that keeps every foreign key satisfied as rows arrive.
const TABLES: [&str; 15] = [
    "person",
    "enrolment",
    "learning_break",
    "evidence",
    "evidence_outcome",
    "requirement_record",
    "hours_entry",
    "hours_outcome",
    "checkin",
    "checkin_section",
    "checkin_judgement",
    "checkin_action",
    "checkin_action_review",
    "outcome_progress",
    "history",
];

fn main() {
    let times: usize = env_number("PROVIDER_TIMES", 1);
    let rounds: usize = env_number("PROVIDER_ROUNDS", 2);
    let (mut generation, mut floor) = (Duration::MAX, Duration::MAX);
    for _ in 0..rounds {
        let dir = tempfile::tempdir().expect("temp dir");
        let generated = dir.path().join("generated.db");
        let started = Instant::now();
        let sample = generate(&generated, times);
        generation = generation.min(started.elapsed());
        let floor_path = dir.path().join("floor.db");
        drop(Store::open(&floor_path).expect("the same schema"));
        let (inserts, rows) = insert_the_same_rows(&generated, &floor_path);
        floor = floor.min(inserts);
        println!(
            "{times}x provider scale: {} enrolments, {} sealed check-ins, {rows} rows",
            sample.enrolments, sample.sealed_checkins
        );
    }
    println!("  best of {rounds} rounds:");
    println!(
        "  generation (demo --scale provider): {:.2} s",
        generation.as_secs_f64()
    );
    println!(
        "  plain prepared INSERTs of the same rows: {:.2} s",
        floor.as_secs_f64()
    );
    let ratio = generation.as_secs_f64() / floor.as_secs_f64();
    let verdict = if ratio <= RATIO_TARGET {
        "within"
    } else {
        "OVER"
    };
    println!("  generation / plain inserts: {ratio:.2}x  ({verdict} the {RATIO_TARGET}x target)");
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

fn generate(path: &Path, times: usize) -> ProviderSample {
    let framework = BUNDLED[0].load().expect("bundled framework");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).expect("date");
    let mut store = Store::open(path).expect("open");
    store
        .load_provider_sample(&framework, today, ENROLMENTS * times, &mut |_, _| {})
        .expect("generate")
}

/// Copies every row of `from` into `to` (already holding the schema),
/// timing only the inserts; returns that time and the number of rows.
fn insert_the_same_rows(from: &Path, to: &Path) -> (Duration, usize) {
    let source = Connection::open(from).expect("open the generated file");
    let mut target = Connection::open(to).expect("open the floor's file");
    // The settings every connection of the app's has.
    target
        .pragma_update(None, "synchronous", "NORMAL")
        .and_then(|()| target.pragma_update(None, "foreign_keys", "ON"))
        .expect("pragmas");
    let transaction = target.transaction().expect("begin");
    let (mut elapsed, mut rows) = (Duration::ZERO, 0);
    for table in TABLES {
        let mut read = source
            .prepare(&format!("SELECT * FROM {table}"))
            .expect("read");
        let columns = read.column_count();
        let placeholders = vec!["?"; columns].join(", ");
        let mut insert = transaction
            .prepare(&format!("INSERT INTO {table} VALUES ({placeholders})"))
            .expect("prepare the insert");
        let mut cursor = read.query([]).expect("query");
        loop {
            let mut chunk: Vec<Vec<Value>> = Vec::with_capacity(CHUNK);
            while chunk.len() < CHUNK {
                let Some(row) = cursor.next().expect("row") else {
                    break;
                };
                chunk.push((0..columns).map(|i| row.get(i).expect("value")).collect());
            }
            if chunk.is_empty() {
                break;
            }
            rows += chunk.len();
            let start = Instant::now();
            for row in &chunk {
                insert.execute(params_from_iter(row)).expect("insert");
            }
            elapsed += start.elapsed();
        }
    }
    let start = Instant::now();
    transaction.commit().expect("commit");
    (elapsed + start.elapsed(), rows)
}
