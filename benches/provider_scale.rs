//! A training provider's scale: generates the provider-sized database
//! (`demo --scale provider`) in a temporary folder, then times loading one
//! person's full progress, the whole `apprentice list` command, and the
//! whole `report --format json` command against the `sqlite3` shell running
//! the same queries on the same file. Run with
//! `cargo bench --bench provider_scale`.

use pcso_tracker::framework::BUNDLED;
use pcso_tracker::store::Store;
use pcso_tracker::store::provider_scale as provider;
use std::hint::black_box;
use std::process::Command;
use std::time::{Duration, Instant};

const PROGRESS_TARGET: Duration = Duration::from_millis(5);
const LIST_TARGET: Duration = Duration::from_millis(100);
const REPORT_TARGET: Duration = Duration::from_millis(20);
/// The report may take at most this many times the `sqlite3` shell's time.
const REPORT_RATIO_TARGET: f64 = 3.0;
const RUNS: usize = 30;

/// The queries `report PERSON` makes, for the `sqlite3` shell to run.
const REPORT_SQL: &str = "
SELECT id, name, role, date_of_birth, employer, assessor_id FROM person WHERE id = 1000;
SELECT id, person_id, framework_id, framework_version, framework_hash, start_date, planned_end, status,
       area_of_practice, employer_opt_in FROM enrolment WHERE person_id = 1000 ORDER BY id DESC LIMIT 1;
SELECT outcome_code, status, judgement, judgement_note, judged_by, judged_at FROM outcome_progress
 WHERE enrolment_id = (SELECT max(id) FROM enrolment WHERE person_id = 1000) ORDER BY outcome_code;
SELECT e.id, e.date, e.title, e.kind, e.description, e.file_ref,
       (SELECT group_concat(outcome_code) FROM evidence_outcome WHERE evidence_id = e.id)
  FROM evidence e WHERE e.enrolment_id = (SELECT max(id) FROM enrolment WHERE person_id = 1000)
   AND e.deleted_at IS NULL ORDER BY e.date, e.id;
SELECT requirement_id, status, date, reference, expires_on FROM requirement_record
 WHERE enrolment_id = (SELECT max(id) FROM enrolment WHERE person_id = 1000) ORDER BY requirement_id;
SELECT h.id, h.date, h.hours, h.category, h.activity, h.note, h.benefit, h.possible_duplicate_of,
       (SELECT group_concat(outcome_code) FROM hours_outcome WHERE hours_id = h.id)
  FROM hours_entry h WHERE h.enrolment_id = (SELECT max(id) FROM enrolment WHERE person_id = 1000)
   AND h.deleted_at IS NULL ORDER BY h.date, h.id;
SELECT id, date, assessor_id, state, next_due, amends_id FROM checkin
 WHERE enrolment_id = (SELECT max(id) FROM enrolment WHERE person_id = 1000) ORDER BY date, id;
SELECT start_date, end_date FROM learning_break
 WHERE enrolment_id = (SELECT max(id) FROM enrolment WHERE person_id = 1000) ORDER BY start_date;
";

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("provider.db");
    let framework = BUNDLED[0].load().expect("bundled framework");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).expect("date");
    let started = Instant::now();
    let mut store = Store::open(&path).expect("open");
    store
        .load_provider_sample(&framework, today, provider::ENROLMENTS, &mut |_, _| {})
        .expect("generate");
    println!(
        "provider-scale database: {} enrolments, {} evidence items, generated in {:.1} s ({} MB)",
        provider::ENROLMENTS,
        provider::ENROLMENTS * provider::EVIDENCE_PER_ENROLMENT,
        started.elapsed().as_secs_f64(),
        std::fs::metadata(&path)
            .map(|m| m.len() / 1_000_000)
            .unwrap_or(0)
    );
    drop(store);

    // A fresh connection, as each command run opens one.
    let store = Store::open(&path).expect("reopen");
    let people = store.people().expect("people");
    let mut timings = Vec::new();
    for (index, person) in people
        .iter()
        .filter(|p| p.framework_id.is_some())
        .enumerate()
        .take(500)
    {
        let start = Instant::now();
        let enrolment = store
            .latest_enrolment(person.id)
            .expect("read")
            .expect("enrolled");
        let progress = store.progress(&enrolment).expect("progress");
        let elapsed = start.elapsed();
        black_box(&progress);
        if index == 0 {
            println!(
                "  one person's progress holds {} evidence items, {} hours entries",
                progress.evidence.len(),
                progress.hours.len()
            );
        }
        timings.push(elapsed);
    }
    report(
        "load one person's full progress (500 people)",
        &mut timings,
        PROGRESS_TARGET,
    );

    let mut timings = Vec::new();
    for _ in 0..20 {
        let start = Instant::now();
        let output = Command::new(env!("CARGO_BIN_EXE_pcso-tracker"))
            .args(["--db"])
            .arg(&path)
            .args(["apprentice", "list"])
            .output()
            .expect("run apprentice list");
        timings.push(start.elapsed());
        assert!(output.status.success());
    }
    report(
        "`apprentice list`, whole process (20 runs)",
        &mut timings,
        LIST_TARGET,
    );
    compare_report_with_sqlite_shell(dir.path(), &path);
}

/// `report PERSON --format json` against the `sqlite3` shell running the
/// same queries on the same file, both as whole processes.
fn compare_report_with_sqlite_shell(dir: &std::path::Path, path: &std::path::Path) {
    let app = time_runs(|| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_pcso-tracker"));
        command
            .args(["--today", "2026-11-21", "--db"])
            .arg(path)
            .args(["report", "1000", "--format", "json"]);
        command
    });
    report(
        &format!("`report 1000 --format json`, whole process ({RUNS} runs)"),
        &mut app.clone(),
        REPORT_TARGET,
    );
    let shell_works = Command::new("sqlite3")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !shell_works {
        println!("  sqlite3 shell not found on PATH: the comparison with it was skipped");
        return;
    }
    let sql_file = dir.join("report.sql");
    std::fs::write(&sql_file, REPORT_SQL).expect("write the queries");
    let shell = time_runs(|| {
        let mut command = Command::new("sqlite3");
        command
            .arg(path)
            .arg(format!(".read {}", sql_file.display()));
        command
    });
    report(
        &format!("`sqlite3` shell, the same queries ({RUNS} runs)"),
        &mut shell.clone(),
        REPORT_TARGET,
    );
    let ratio = median(&app) / median(&shell);
    let verdict = if ratio <= REPORT_RATIO_TARGET {
        "within"
    } else {
        "OVER"
    };
    println!(
        "  report / sqlite3 shell: {ratio:.2}x  ({verdict} the {REPORT_RATIO_TARGET}x target)"
    );
}

/// Wall time of each of `RUNS` runs of a whole process.
fn time_runs(command: impl Fn() -> Command) -> Vec<Duration> {
    (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let output = command().output().expect("the command runs");
            let elapsed = start.elapsed();
            assert!(
                output.status.success(),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
            elapsed
        })
        .collect()
}

fn median(timings: &[Duration]) -> f64 {
    let mut sorted = timings.to_vec();
    sorted.sort();
    sorted[sorted.len() / 2].as_secs_f64()
}

fn report(what: &str, timings: &mut [Duration], target: Duration) {
    timings.sort();
    let at = |share: f64| timings[((timings.len() - 1) as f64 * share) as usize];
    let verdict = if at(0.5) < target { "within" } else { "OVER" };
    println!(
        "  {what}: median {:.3?}  p99 {:.3?}  max {:.3?}  ({verdict} the {target:?} target)",
        at(0.5),
        at(0.99),
        at(1.0)
    );
}
