//! The training plan: recorded and changed through one operation by the
//! assessor or an administrator, checked against the rules of the start
//! date (the floor of off-the-job hours, the minimum duration), written to
//! history, and flagged for the next review when changed after one.

use chrono::{TimeZone, Utc};
use pcso_tracker::domain::standing::RequirementState;
use pcso_tracker::domain::{CheckinContent, EnglishMaths, PersonId};
use pcso_tracker::ops::{Clock, Enrolling, Field, OpError, PlanInput};

mod common;

use common::day;
use common::engine::Engine;
use common::fixture::Fixture;

fn organisation(name: &str, on: &str) -> PlanInput {
    PlanInput {
        assessment_organisation: Some((name.into(), Some(day(on)))),
        ..PlanInput::default()
    }
}

fn plan_rows(f: &Fixture) -> i64 {
    f.engine
        .number("SELECT count(*) FROM training_plan")
        .expect("count")
}

fn plan_history(f: &Fixture) -> i64 {
    f.engine
        .number("SELECT count(*) FROM history WHERE record = 'training_plan'")
        .expect("count")
}

fn review(next: &str) -> CheckinContent {
    CheckinContent {
        next_due: Some(day(next)),
        ..CheckinContent::default()
    }
}

fn noon(f: &mut Fixture, y: i32, m: u32, d: u32) {
    f.clock = Clock::fixed(Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap());
}

fn a_plan_is_set_shown_and_kept_in_history(engine: Engine) {
    let mut f = Fixture::on(engine);
    let amy = f.amy;
    let input = PlanInput {
        planned_end: Some(day("2027-12-01")),
        assessment_organisation: Some(("Policing EPA Ltd".into(), Some(day("2026-11-01")))),
        english_maths: Some((
            EnglishMaths::NotRequired,
            "Jo Reid (employer) and Amy Clark".into(),
            "Holds GCSE grades; the force does not ask for them".into(),
        )),
        ..PlanInput::default()
    };
    f.as_assessor().set_plan(amy, &input).expect("plan set");
    let standing = f.record(amy).standing;
    let plan = &standing.plan;
    assert!(plan.recorded);
    assert_eq!(plan.rules_from, Some(day("2025-08-01")));
    assert_eq!(plan.planned_end, day("2027-12-01"));
    assert_eq!(plan.planned_off_the_job_hours, Some(187.0));
    assert_eq!(
        plan.assessment_organisation.as_deref(),
        Some("Policing EPA Ltd")
    );
    assert_eq!(plan.organisation_chosen_on, Some(day("2026-11-01")));
    let decision = plan.english_maths.as_ref().expect("decision");
    assert_eq!(decision.decision, EnglishMaths::NotRequired);
    assert_eq!(plan.changed_by.as_deref(), Some("Sam Patel"));
    assert_eq!(
        standing.planned_end,
        day("2027-12-01"),
        "time runs to the plan's end"
    );
    assert_eq!(standing.duration_months, 15);
    let history = plan_history(&f);
    assert!(history >= 6, "every field set is in history: {history}");

    f.as_admin()
        .set_plan(amy, &organisation("Other EPA", "2026-11-20"))
        .expect("changed");
    assert_eq!(
        plan_history(&f),
        history + 2,
        "only the two fields that moved"
    );
    let plan = f.record(amy).standing.plan;
    assert_eq!(plan.assessment_organisation.as_deref(), Some("Other EPA"));
    assert_eq!(plan.planned_end, day("2027-12-01"), "other fields kept");
    assert_eq!(plan_rows(&f), 1);
}

fn prior_learning_below_the_floor_is_refused_and_nothing_is_saved(engine: Engine) {
    let mut f = Fixture::on(engine);
    let amy = f.amy;
    let input = PlanInput {
        prior_learning: Some((10.0, "Special constable for two years".into())),
        ..PlanInput::default()
    };
    let error = f.as_assessor().set_plan(amy, &input).expect_err("refused");
    match error {
        OpError::Invalid { field, message } => {
            assert_eq!(field, Field::PriorLearning);
            assert!(
                message.contains("below the floor of 187 hours"),
                "{message}"
            );
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(plan_rows(&f), 0);
    assert_eq!(plan_history(&f), 0);
}

fn prior_learning_reduces_the_hours_measured_for_an_earlier_start(engine: Engine) {
    let mut f = Fixture::on(engine);
    let earlier = Enrolling {
        name: "Ben Hughes".into(),
        start: Some(day("2025-07-01")),
        date_of_birth: Some(day("2000-05-01")),
        assessor: Some(f.assessor),
        ..Enrolling::default()
    };
    let ben = f.as_admin().enrol(&earlier).expect("enrol").person;
    let input = PlanInput {
        prior_learning: Some((20.0, "Volunteer police cadet leader".into())),
        ..PlanInput::default()
    };
    f.as_assessor().set_plan(ben, &input).expect("reduced");
    let standing = f.record(ben).standing;
    assert_eq!(standing.plan.planned_off_the_job_hours, Some(167.0));
    let off_the_job = standing
        .hours
        .categories
        .iter()
        .find(|c| c.id == "off-the-job")
        .expect("category");
    assert_eq!(
        off_the_job.target,
        Some(167.0),
        "hours measured against the plan"
    );
}

fn only_the_assessor_or_an_administrator_changes_a_plan(engine: Engine) {
    let mut f = Fixture::on(engine);
    let amy = f.amy;
    let input = organisation("Policing EPA Ltd", "2026-11-01");
    for who in [f.amy, f.employer] {
        let error = f.ops(Some(who)).set_plan(amy, &input).expect_err("refused");
        assert!(matches!(error, OpError::Refused(_)), "{error:?}");
    }
    let other: PersonId = f
        .as_admin()
        .add_assessor("Kim Law", false)
        .expect("assessor");
    assert!(
        f.ops(Some(other)).set_plan(amy, &input).is_err(),
        "not her assessor"
    );
    assert_eq!(plan_rows(&f), 0);
}

fn a_planned_end_sooner_than_the_minimum_duration_is_refused(engine: Engine) {
    let mut f = Fixture::on(engine);
    let amy = f.amy;
    let input = PlanInput {
        planned_end: Some(day("2027-04-30")),
        ..PlanInput::default()
    };
    let error = f.as_assessor().set_plan(amy, &input).expect_err("too soon");
    assert!(
        error.to_string().contains("2027-05-01 at the earliest"),
        "{error}"
    );
}

fn a_change_after_a_sealed_review_is_flagged_until_the_next_is_sealed(engine: Engine) {
    let mut f = Fixture::on(engine);
    let amy = f.amy;
    let first = f.as_assessor().start_checkin(amy).expect("started").id;
    f.complete_and_seal(first, &review("2027-01-10"))
        .expect("sealed");
    noon(&mut f, 2026, 11, 25);
    f.as_assessor()
        .set_plan(amy, &organisation("Policing EPA Ltd", "2026-11-25"))
        .expect("changed");
    assert!(f.record(amy).standing.plan.to_discuss);
    noon(&mut f, 2027, 1, 10);
    let next = f.as_assessor().start_checkin(amy).expect("started").id;
    f.complete_and_seal(next, &review("2027-04-10"))
        .expect("sealed");
    assert!(!f.record(amy).standing.plan.to_discuss);
}

fn a_decision_that_english_and_maths_are_required_makes_them_apply(engine: Engine) {
    let mut f = Fixture::on(engine);
    let amy = f.amy;
    let english = |f: &Fixture| {
        let standing = f.record(f.amy).standing;
        assert!(
            standing.plan.english_maths_decision_needed,
            "26 at the start"
        );
        let english = standing.requirements.iter().find(|r| r.id == "english-l2");
        english.expect("listed").status
    };
    assert_eq!(english(&f), RequirementState::NotRequired);
    let decide = |decision| PlanInput {
        english_maths: Some((
            decision,
            "Jo Reid and Amy Clark".into(),
            "Force policy".into(),
        )),
        ..PlanInput::default()
    };
    f.as_assessor()
        .set_plan(amy, &decide(EnglishMaths::Required))
        .expect("decided");
    assert_eq!(english(&f), RequirementState::Pending);
    let gateway = f.record(amy).standing.gateway.expect("gateway");
    assert!(
        gateway.blockers.iter().any(|b| b.contains("English")),
        "{gateway:?}"
    );
}

fn blockers(f: &Fixture) -> Vec<String> {
    let gateway = f.record(f.amy).standing.gateway.expect("gateway");
    gateway.blockers
}

fn the_gateway_checklist_asks_for_the_plans_items(engine: Engine) {
    let mut f = Fixture::on(engine);
    let amy = f.amy;
    let before = blockers(&f);
    for expected in [
        "no end-point assessment organisation in the training plan (due by 2027-03-01)",
        "English and maths: no decision of employer and apprentice in the training plan",
        "off-the-job hours 0 of 187 planned",
    ] {
        assert!(
            before.iter().any(|b| b == expected),
            "{expected}: {before:#?}"
        );
    }
    let input = PlanInput {
        assessment_organisation: Some(("Policing EPA Ltd".into(), Some(day("2026-11-10")))),
        english_maths: Some((
            EnglishMaths::NotRequired,
            "Jo Reid and Amy Clark".into(),
            "Both held".into(),
        )),
        ..PlanInput::default()
    };
    f.as_assessor().set_plan(amy, &input).expect("set");
    let after = blockers(&f);
    assert!(
        !after.iter().any(|b| b.contains("assessment organisation")),
        "{after:#?}"
    );
    assert!(
        !after.iter().any(|b| b.starts_with("English and maths")),
        "{after:#?}"
    );
    let sooner = PlanInput {
        planned_end: Some(day("2027-05-01")),
        ..PlanInput::default()
    };
    f.as_assessor().set_plan(amy, &sooner).expect("sooner end");
    let late = blockers(&f);
    assert!(
        late.iter().any(|b| b
            == "Policing EPA Ltd was chosen on 2026-11-10, later than 6 months before the planned end (2026-11-01 at the latest)"),
        "{late:#?}"
    );
}

on_both_engines!(
    the_gateway_checklist_asks_for_the_plans_items,
    a_decision_that_english_and_maths_are_required_makes_them_apply,
    a_plan_is_set_shown_and_kept_in_history,
    prior_learning_below_the_floor_is_refused_and_nothing_is_saved,
    prior_learning_reduces_the_hours_measured_for_an_earlier_start,
    only_the_assessor_or_an_administrator_changes_a_plan,
    a_planned_end_sooner_than_the_minimum_duration_is_refused,
    a_change_after_a_sealed_review_is_flagged_until_the_next_is_sealed,
);
