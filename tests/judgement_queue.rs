//! The judgement queue's read: outcomes of the assessor's own caseload
//! marked ready for review or completed and not judged since, on both
//! engines.

use pcso_tracker::domain::{Judgement, OutcomeStatus, judgement_queue};
use pcso_tracker::ops::Clock;

mod common;

use common::engine::Engine;
use common::fixture::Fixture;

/// The fixture's clock an hour on: each step stamped after the last.
fn an_hour_later(f: &mut Fixture) {
    f.clock = Clock::fixed(f.clock.now() + chrono::Duration::hours(1));
}

fn queue(f: &Fixture) -> Vec<(String, String)> {
    let marked = f.store.outcomes_marked(f.assessor).expect("read");
    judgement_queue(&marked, f.clock.today())
        .into_iter()
        .map(|waiting| (waiting.person, waiting.code))
        .collect()
}

fn an_outcome_waits_from_being_marked_until_judged_and_again_when_marked_anew(engine: Engine) {
    let mut f = Fixture::on(engine);
    let other = f
        .as_admin()
        .add_assessor("Kim Lee", false)
        .expect("assessor");
    let zoe = f.enrol("Zoe Park", Some(other));
    let amy = f.amy;
    let codes = f.codes();
    let (first, second) = (codes[0].clone(), codes[1].clone());
    assert!(queue(&f).is_empty());

    f.as_amy()
        .set_outcome_status(amy, &second, OutcomeStatus::ReadyForReview, None)
        .expect("marked");
    an_hour_later(&mut f);
    f.as_amy()
        .set_outcome_status(amy, &first, OutcomeStatus::Completed, None)
        .expect("marked");
    f.ops(Some(zoe))
        .set_outcome_status(zoe, &first, OutcomeStatus::Completed, None)
        .expect("marked");
    let amy_name = "Amy Clark".to_string();
    assert_eq!(
        queue(&f),
        [
            (amy_name.clone(), second.clone()),
            (amy_name.clone(), first.clone())
        ],
        "oldest first, and only Sam's caseload"
    );

    an_hour_later(&mut f);
    f.as_assessor()
        .judge_outcome(
            amy,
            &second,
            Judgement::NotYetCompetent,
            "more needed",
            None,
        )
        .expect("judged");
    assert_eq!(queue(&f), [(amy_name.clone(), first.clone())]);

    an_hour_later(&mut f);
    f.as_amy()
        .set_outcome_status(amy, &second, OutcomeStatus::Completed, None)
        .expect("marked again");
    assert_eq!(
        queue(&f),
        [
            (amy_name.clone(), first.clone()),
            (amy_name.clone(), second)
        ],
        "marked after its judgement: waiting again"
    );

    // Once judged competent, marking it again asks nothing more of her.
    an_hour_later(&mut f);
    f.as_assessor()
        .judge_outcome(amy, &first, Judgement::Competent, "seen", None)
        .expect("judged");
    an_hour_later(&mut f);
    f.as_amy()
        .set_outcome_status(amy, &first, OutcomeStatus::ReadyForReview, None)
        .expect("marked again");
    assert!(
        !queue(&f).iter().any(|(_, code)| *code == first),
        "judged competent: not waiting"
    );
}

on_both_engines!(an_outcome_waits_from_being_marked_until_judged_and_again_when_marked_anew);
