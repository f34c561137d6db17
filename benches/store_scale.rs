//! The store at a training provider's scale: generates the provider-sized
//! database (`demo --scale provider`) in a temporary folder, then times
//! loading one person's full progress and the whole `apprentice list`
//! command. Run with `cargo bench --bench store_scale`.

use pcso_tracker::demo::provider;
use pcso_tracker::framework::BUNDLED;
use pcso_tracker::store::Store;
use std::hint::black_box;
use std::process::Command;
use std::time::{Duration, Instant};

const PROGRESS_TARGET: Duration = Duration::from_millis(5);
const LIST_TARGET: Duration = Duration::from_millis(100);

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("provider.db");
    let framework = BUNDLED[0].load().expect("bundled framework");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).expect("date");
    let started = Instant::now();
    let mut store = Store::open(&path).expect("open");
    provider::fill(&mut store, &framework, today, &mut |_, _| {}).expect("generate");
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
