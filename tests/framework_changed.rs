//! A framework file changed after enrolment: records of outcomes it no
//! longer defines are kept and listed apart, never counted as progress, on
//! both engines.

use std::path::Path;
use std::process::Command;

mod common;

use common::engine::Engine;

fn run(engine: &Engine, standard: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_pcso-tracker"))
        .args(["--today", "2026-11-21", "--db"])
        .arg(engine.db())
        .arg("--standard")
        .arg(standard)
        .args(args)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn an_outcome_removed_from_the_file_is_not_counted_among_its_outcomes(engine: Engine) {
    let dir = tempfile::tempdir().expect("temp dir");
    let minimal =
        std::fs::read_to_string("tests/fixtures/standards/valid/minimal.yaml").expect("fixture");
    let before = dir.path().join("before.yaml");
    std::fs::write(&before, &minimal).expect("write");
    let removed = minimal
        .replace(
            "  - code: S2\n    title: Review the work\n    description: Review finished work against what was agreed and record the result.\n    type: skill\n    group: core\n",
            "",
        )
        .replace("assesses: [S1, S2]", "assesses: [S1]");
    assert_ne!(removed, minimal, "S2 taken out");
    let after = dir.path().join("after.yaml");
    std::fs::write(&after, removed).expect("write");
    let administrator = ["person", "add", "Ada Lovell", "--role", "administrator"];
    run(&engine, &before, &administrator);
    let add = ["apprentice", "add", "Ann Lee", "--start", "2026-09-01"];
    run(&engine, &before, &[&["--as", "Ada"][..], &add].concat());
    let own = ["outcome", "set", "Ann Lee", "S2", "--status", "completed"];
    run(&engine, &before, &[&["--as", "Ann Lee"][..], &own].concat());
    let shown = run(&engine, &after, &["apprentice", "show", "Ann Lee"]);
    assert!(
        shown.contains("outcomes (1): own status 1 not started\n"),
        "{shown}"
    );
    assert!(
        shown.contains("outcomes: judged 1 not assessed\n"),
        "{shown}"
    );
    assert!(shown.contains("orphaned: outcome `S2`"), "{shown}");
}

on_both_engines!(an_outcome_removed_from_the_file_is_not_counted_among_its_outcomes,);
