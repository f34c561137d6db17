//! The timeline's milestones checked against the requirement each names,
//! read from a real database on both engines: overdue once their month has
//! passed unmet (a warning), reached with the day the requirement was met.

use pcso_tracker::domain::RequirementStatus;
use pcso_tracker::domain::standing::MilestoneState;
use pcso_tracker::ops::{RequirementInput, person_record};
use pcso_tracker::report::standing_markdown;

mod common;

use common::day;
use common::engine::Engine;
use common::fixture::Fixture;

fn a_milestone_past_its_month_unmet_is_overdue_until_its_requirement_is_met(engine: Engine) {
    let mut f = Fixture::on(engine);
    let amy = f.amy;
    // Amy started on 2026-09-01: month 4 (the assignment topic) ends on 2026-12-31.
    let in_month_five = day("2027-01-10");
    let standing = person_record(&f.store, &f.registry, amy, in_month_five)
        .expect("record")
        .standing;
    let topic = standing
        .milestones
        .iter()
        .find(|m| m.id == "assignment-topic")
        .expect("milestone");
    assert_eq!(topic.state, MilestoneState::Overdue);
    assert!(
        standing
            .warnings
            .iter()
            .any(|w| w.starts_with("milestone overdue: Problem-solving assignment topic agreed")),
        "{:#?}",
        standing.warnings
    );
    let early = f.record(amy).standing;
    let topic = early
        .milestones
        .iter()
        .find(|m| m.id == "assignment-topic")
        .unwrap();
    assert_eq!(topic.state, MilestoneState::Upcoming, "in month 3");

    let agreed = RequirementInput {
        status: RequirementStatus::Met,
        date: Some(day("2026-11-20")),
        reference: None,
        expires_on: None,
    };
    f.as_assessor()
        .set_requirement(amy, "assignment-topic", &agreed, None)
        .expect("agreed");
    let standing = person_record(&f.store, &f.registry, amy, in_month_five)
        .expect("record")
        .standing;
    let topic = standing
        .milestones
        .iter()
        .find(|m| m.id == "assignment-topic")
        .unwrap();
    assert_eq!(topic.state, MilestoneState::Reached);
    assert_eq!(topic.reached_on, Some(day("2026-11-20")));
    assert!(
        !standing
            .warnings
            .iter()
            .any(|w| w.contains("milestone overdue"))
    );
    let report = standing_markdown(&standing);
    assert!(
        report.contains(
            "| 4 | Problem-solving assignment topic agreed | assignment-topic | reached 2026-11-20 | 2026-12-31 |"
        ),
        "{report}"
    );
}

on_both_engines!(a_milestone_past_its_month_unmet_is_overdue_until_its_requirement_is_met);
