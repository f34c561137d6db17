//! Check-ins on record: drafts, sealing, the chain of seals, amendments, and
//! `verify` catching what was changed behind the app's back, on both engines.

use std::process::{Command, Output};

mod common;

use common::engine::Engine;

const TODAY: &str = "2026-11-21";

fn demo(engine: Engine) -> Engine {
    let output = run(&engine, &["demo"]);
    assert!(output.status.success());
    engine
}

fn run(engine: &Engine, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pcso-tracker"))
        .args(["--today", TODAY, "--db"])
        .arg(engine.db())
        .args(args)
        .output()
        .expect("runs")
}

fn text(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn tamper(engine: &Engine, sql: &str) {
    engine.execute(sql).expect("tamper");
}

/// Drops a protecting trigger, naming its table as PostgreSQL needs.
fn drop_trigger(engine: &Engine, trigger: &str, table: &str) -> String {
    if engine.is_postgres() {
        format!("DROP TRIGGER {trigger} ON {table};")
    } else {
        format!("DROP TRIGGER {trigger};")
    }
}

fn the_demo_holds_sealed_check_ins_an_amendment_and_a_draft_and_all_seals_hold(engine: Engine) {
    let db = demo(engine);
    let verified = run(&db, &["verify"]);
    assert_eq!(verified.status.code(), Some(0), "{}", text(&verified));
    assert!(
        text(&verified).starts_with("ok: 9 sealed check-ins"),
        "{}",
        text(&verified)
    );
    let chloe = text(&run(&db, &["checkin", "list", "Chloe"]));
    assert!(
        chloe.contains("amended by 5") && chloe.contains("amends 4"),
        "{chloe}"
    );
    let ben = text(&run(&db, &["checkin", "list", "Ben"]));
    assert!(ben.contains("draft"), "{ben}");
}

fn an_amendment_leaves_the_original_intact_and_both_are_listed(engine: Engine) {
    let db = demo(engine);
    let original = text(&run(&db, &["checkin", "show", "4"]));
    let amendment = text(&run(&db, &["checkin", "show", "5"]));
    assert!(
        original.contains("Off-the-job hours on track."),
        "{original}"
    );
    assert!(original.contains("Amended by check-in 5."));
    assert!(
        amendment.contains("Amends check-in 4: Hours were behind at the time"),
        "{amendment}"
    );
    assert!(amendment.contains("Off-the-job hours 12 behind; catch-up agreed."));
    let json: serde_json::Value = serde_json::from_str(&text(&run(
        &db,
        &["checkin", "show", "5", "--format", "json"],
    )))
    .expect("json");
    assert_eq!(json["amends"], 4);
    assert_eq!(json["signed"]["apprentice"], "Chloe Evans");
    assert!(json["seal_hash"].as_str().is_some_and(|s| s.len() == 64));
}

fn changing_a_sealed_record_through_sql_is_caught_by_verify(engine: Engine) {
    let db = demo(engine);
    // PostgreSQL also refuses it; SQLite leaves the content to the program.
    let unlocked = if db.is_postgres() {
        drop_trigger(&db, "checkin_judgement_is_fixed", "checkin_judgement")
    } else {
        String::new()
    };
    tamper(
        &db,
        &format!(
            "{unlocked}UPDATE checkin_judgement SET judgement = 'exceeds' WHERE checkin_id = 7 AND outcome_code = 'LO4';"
        ),
    );
    let verified = run(&db, &["verify"]);
    assert_eq!(verified.status.code(), Some(1));
    assert!(
        text(&verified).contains("check-in 7 (Dan Hughes): its content no longer matches its seal"),
        "{}",
        text(&verified)
    );
}

fn editing_a_sealed_row_is_refused_and_forcing_it_is_caught(engine: Engine) {
    let db = demo(engine);
    let refused = db.execute("UPDATE checkin SET date = '2026-01-01' WHERE id = 3");
    assert!(refused.expect_err("refused").contains("never edited"));
    tamper(
        &db,
        &format!(
            "{} UPDATE checkin SET date = '2026-05-01' WHERE id = 3;",
            drop_trigger(&db, "sealed_checkin_is_not_edited", "checkin")
        ),
    );
    let verified = text(&run(&db, &["verify"]));
    assert!(
        verified.contains("check-in 3 (Chloe Evans): its content no longer matches its seal"),
        "{verified}"
    );
}

/// On SQLite only: PostgreSQL's foreign keys and triggers keep a sealed
/// check-in's rows from being removed piecemeal.
#[test]
fn removing_a_sealed_check_in_breaks_the_chain_after_it() {
    let db = demo(Engine::sqlite());
    tamper(
        &db,
        "DROP TRIGGER sealed_checkin_is_not_edited;
         DELETE FROM checkin_action_review WHERE checkin_id = 7 OR action_id IN (SELECT id FROM checkin_action WHERE checkin_id = 6);
         DELETE FROM checkin_judgement WHERE checkin_id = 6; DELETE FROM checkin_section WHERE checkin_id = 6;
         DELETE FROM checkin_action WHERE checkin_id = 6; UPDATE outcome_progress SET judged_in_checkin = NULL;
         DELETE FROM checkin WHERE id = 6;",
    );
    let verified = text(&run(&db, &["verify"]));
    assert!(
        verified.contains("check-in 7 (Dan Hughes): the chain is broken"),
        "{verified}"
    );
}

fn a_sealed_judgement_shows_which_check_in_made_it(engine: Engine) {
    let db = demo(engine);
    let made_by = db.number(
        "SELECT judged_in_checkin FROM outcome_progress op JOIN enrolment e ON e.id = op.enrolment_id
         JOIN person p ON p.id = e.person_id WHERE p.name = 'Dan Hughes' AND op.outcome_code = 'LO4'",
    );
    assert_eq!(made_by, Some(7));
}

fn an_amendment_is_started_by_an_assessor_from_a_signed_check_in(engine: Engine) {
    let db = demo(engine);
    let refused = run(&db, &["checkin", "amend", "7", "--reason", "wrong outcome"]);
    assert_eq!(refused.status.code(), Some(1), "an assessor must be named");
    let started = run(
        &db,
        &[
            "--as",
            "Sam Patel",
            "checkin",
            "amend",
            "7",
            "--reason",
            "The LO5 note was meant for LO6",
        ],
    );
    assert!(
        started.status.success(),
        "{}",
        String::from_utf8_lossy(&started.stderr)
    );
    assert!(text(&started).starts_with("started amendment 12 of check-in 7"));
    let again = run(
        &db,
        &[
            "--as",
            "Sam Patel",
            "checkin",
            "amend",
            "7",
            "--reason",
            "again",
        ],
    );
    assert!(String::from_utf8_lossy(&again.stderr).contains("already has a draft check-in (12)"));
    let original = text(&run(&db, &["checkin", "show", "7"]));
    assert!(
        original.contains("An amendment is in draft, not yet signed: check-in 12."),
        "{original}"
    );
    assert_eq!(
        run(&db, &["verify"]).status.code(),
        Some(0),
        "the original's seal still holds"
    );
}

fn the_demo_has_a_review_awaiting_the_employer_who_signs_it_from_her_own_session(engine: Engine) {
    let db = demo(engine);
    let dan = text(&run(&db, &["checkin", "list", "Dan Hughes"]));
    let waiting = dan
        .lines()
        .find(|line| line.contains("awaiting employer signature for 0 days"))
        .unwrap_or_else(|| panic!("{dan}"));
    let id = waiting.split_whitespace().next().expect("id").to_string();
    let caseload = text(&run(&db, &["report", "--all"]));
    assert!(
        caseload.contains(&format!("check-in {id} awaiting employer signature")),
        "{caseload}"
    );
    let signed = run(&db, &["--as", "Grace Mensah", "checkin", "sign", &id]);
    assert!(
        text(&signed).contains("as the employer; every party has signed and it is sealed"),
        "{}",
        String::from_utf8_lossy(&signed.stderr)
    );
    let again = run(&db, &["--as", "Grace Mensah", "checkin", "sign", &id]);
    assert!(!again.status.success());
    let verified = run(&db, &["verify"]);
    assert!(
        text(&verified).starts_with("ok: 10 sealed check-ins"),
        "{}",
        text(&verified)
    );
}

on_both_engines!(
    the_demo_holds_sealed_check_ins_an_amendment_and_a_draft_and_all_seals_hold,
    an_amendment_leaves_the_original_intact_and_both_are_listed,
    changing_a_sealed_record_through_sql_is_caught_by_verify,
    editing_a_sealed_row_is_refused_and_forcing_it_is_caught,
    a_sealed_judgement_shows_which_check_in_made_it,
    an_amendment_is_started_by_an_assessor_from_a_signed_check_in,
    the_demo_has_a_review_awaiting_the_employer_who_signs_it_from_her_own_session,
);
