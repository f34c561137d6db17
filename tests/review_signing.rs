//! Three-party reviews: the assessor completes a check-in, then the
//! apprentice, the assessor and the employer each sign as themselves in
//! any order; the last signature seals it and its judgements take effect.

use pcso_tracker::domain::{CheckinContent, Judgement};

mod common;

use common::day;
use common::fixture::Fixture;

/// A check-in judging LO1 competent, completed by Sam.
fn completed_review(f: &mut Fixture) -> i64 {
    let amy = f.amy;
    let started = f.as_assessor().start_checkin(amy).expect("started");
    let mut content = CheckinContent {
        next_due: Some(day("2027-02-13")),
        ..CheckinContent::default()
    };
    content.judge("LO1", Judgement::Competent, Some("Seen on patrol".into()));
    f.as_assessor()
        .complete_checkin(started.id, &content)
        .expect("completed");
    started.id
}

fn judgement_of_lo1(f: &Fixture) -> Judgement {
    let record = f.record(f.amy);
    record
        .progress
        .outcomes
        .iter()
        .find(|o| o.code == "LO1")
        .map_or(Judgement::NotAssessed, |o| o.judgement)
}

fn cli(f: &Fixture, today: &str, args: &[&str]) -> String {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_pcso-tracker"))
        .args(["--today", today, "--db"])
        .arg(f.store.path())
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

#[test]
fn a_review_awaiting_a_signature_shows_in_the_caseload_report_and_list_and_warns_when_overdue() {
    let mut f = Fixture::new();
    let id = completed_review(&mut f);
    f.ops(Some(f.amy))
        .sign_review(id)
        .expect("apprentice signs");
    f.as_assessor().sign_review(id).expect("assessor signs");
    let waiting = "awaiting employer signature for 12 days";
    let report = cli(&f, "2026-12-03", &["report", "Amy Clark"]);
    assert!(
        report.contains(&format!("| Check-in {id} | {waiting} |")),
        "{report}"
    );
    assert!(
        !report.contains(&format!("{waiting} (overdue)")),
        "{report}"
    );
    let caseload = cli(&f, "2026-12-03", &["report", "--all"]);
    assert!(
        caseload.contains(&format!("check-in {id} {waiting}")),
        "{caseload}"
    );
    let list = cli(&f, "2026-12-03", &["checkin", "list", "Amy Clark"]);
    assert!(
        list.contains("unsigned") && list.contains(waiting),
        "{list}"
    );
    let late = cli(&f, "2026-12-06", &["report", "Amy Clark"]);
    let warning = format!("check-in {id} awaiting employer signature for 15 days: overdue");
    assert!(late.contains(&warning), "{late}");
    assert!(
        judgement_of_lo1(&f) == Judgement::NotAssessed,
        "not sealed, not in effect"
    );
}
