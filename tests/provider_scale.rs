//! The generated provider-scale database, at a small size: check-ins sealed
//! every review interval that `verify` accepts, with judgements, actions,
//! reviews and amendments, written in batches with progress reported.

use chrono::NaiveDate;
use pcso_tracker::framework::BUNDLED;
use pcso_tracker::store::Store;
use pcso_tracker::store::provider_scale::{self, ProviderSample};
use rusqlite::Connection;
use std::path::Path;
use std::process::Command;

mod common;

use common::engine::Engine;

const ENROLMENTS: usize = 120;

fn generate(path: &Path) -> (ProviderSample, Vec<(usize, usize)>) {
    generate_in(Store::open(path).expect("open"))
}

fn generate_in(mut store: Store) -> (ProviderSample, Vec<(usize, usize)>) {
    let framework = BUNDLED[0].load().expect("bundled framework");
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).expect("date");
    let mut calls = Vec::new();
    let sample = store
        .load_provider_sample(&framework, today, ENROLMENTS, &mut |done, total| {
            calls.push((done, total))
        })
        .expect("generate");
    (sample, calls)
}

fn count(connection: &Connection, sql: &str) -> usize {
    connection
        .query_row(sql, [], |row| row.get::<_, i64>(0))
        .expect("count") as usize
}

fn generated_check_ins_are_sealed_so_verify_accepts_every_one(engine: Engine) {
    let (sample, _) = generate_in(engine.open());
    let store = engine.open();
    let (problems, checked) = store.verify_seals().expect("verify");
    assert_eq!(problems, vec![]);
    assert_eq!(checked, sample.sealed_checkins);
    // Started 1 to 14 months ago with a review every 12 weeks: most have
    // at least one, the longest-running four or more.
    assert!(sample.sealed_checkins >= ENROLMENTS * 3 / 2, "{sample:?}");
}

#[test]
fn generated_check_ins_judge_agree_review_and_some_are_amended() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("provider.db");
    let (sample, _) = generate(&path);
    let raw = Connection::open(&path).expect("raw");
    assert_eq!(sample.enrolments, ENROLMENTS);
    assert_eq!(count(&raw, "SELECT count(*) FROM enrolment"), ENROLMENTS);
    assert!(count(&raw, "SELECT count(*) FROM checkin_judgement") > sample.sealed_checkins);
    assert!(count(&raw, "SELECT count(*) FROM checkin_action") >= sample.sealed_checkins);
    assert!(count(&raw, "SELECT count(*) FROM checkin_action_review") > 0);
    let amended = count(
        &raw,
        "SELECT count(*) FROM checkin WHERE amends_id IS NOT NULL",
    );
    assert!(
        (1..=ENROLMENTS / 20).contains(&amended),
        "{amended} amendments"
    );
    assert_eq!(
        count(&raw, "SELECT count(*) FROM checkin WHERE state = 'draft'"),
        0
    );
    // A sealed check-in's judgements are the outcomes' current ones.
    assert!(
        count(
            &raw,
            "SELECT count(*) FROM outcome_progress WHERE judged_in_checkin IS NOT NULL"
        ) > 0
    );
}

#[test]
fn generation_reports_progress_after_every_enrolment() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_, calls) = generate(&dir.path().join("provider.db"));
    let expected: Vec<_> = (1..=ENROLMENTS).map(|done| (done, ENROLMENTS)).collect();
    assert_eq!(calls, expected);
}

#[test]
fn the_first_assessor_holds_a_quarter_of_the_first_enrolments() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("provider.db");
    generate(&path);
    let raw = Connection::open(&path).expect("raw");
    let caseload: usize = raw
        .query_row(
            "SELECT count(*) FROM person p JOIN person a ON a.id = p.assessor_id WHERE a.name = ?1",
            [provider_scale::large_caseload_assessor()],
            |row| row.get::<_, i64>(0),
        )
        .expect("caseload") as usize;
    assert_eq!(caseload, ENROLMENTS / 4);
}

#[test]
fn times_needs_a_scale_and_a_number_from_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("t.db");
    for args in [
        vec!["demo", "--times", "2"],
        vec!["demo", "--scale", "provider", "--times", "0"],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_pcso-tracker"))
            .arg("--db")
            .arg(&db)
            .args(&args)
            .output()
            .expect("run");
        assert!(!output.status.success(), "{args:?} was accepted");
        assert_eq!(
            count(
                &Connection::open(&db).expect("raw"),
                "SELECT count(*) FROM sqlite_schema WHERE name = 'person'"
            ),
            0
        );
    }
}

on_both_engines!(generated_check_ins_are_sealed_so_verify_accepts_every_one);
