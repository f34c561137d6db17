//! Each enrolment is held to the rules in force at its start date: the
//! check-in interval, the minimum duration before gateway and who must
//! achieve English and maths all follow the bundled PCSO file's rule sets.

use chrono::NaiveDate;
use pcso_tracker::domain::standing::{RequirementState, Standing, Subject, assess};
use pcso_tracker::domain::{
    Enrolment, EnrolmentId, EnrolmentStatus, GatewaySignoff, Person, PersonId, Progress, Role,
};
use pcso_tracker::framework::{BUNDLED, Framework};

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn pcso() -> Framework {
    BUNDLED[0].load().expect("bundled framework")
}

/// A 25-year-old apprentice who started on `start`, seen on `today`.
fn standing(start: &str, today: &str) -> Standing {
    let framework = pcso();
    let person = Person {
        id: PersonId(1),
        name: "Test Person".into(),
        role: Role::Apprentice,
        date_of_birth: Some(date("2000-01-01")),
        employer: None,
        assessor_id: None,
        employer_id: None,
        uln: None,
        learning_support: None,
    };
    let progress = Progress {
        enrolment: Enrolment {
            id: EnrolmentId(1),
            person_id: PersonId(1),
            framework_id: framework.framework.id.clone(),
            framework_version: framework.framework.version.clone(),
            framework_hash: framework.content_hash.clone(),
            start_date: date(start),
            planned_end: date(start) + chrono::Months::new(12),
            status: EnrolmentStatus::Active,
            area_of_practice: None,
            employer_opt_in: false,
            status_reason: None,
        },
        outcomes: Vec::new(),
        evidence: Vec::new(),
        requirements: Vec::new(),
        hours: Vec::new(),
        checkins: Vec::new(),
        gateway_signoff: GatewaySignoff::default(),
        plan: None,
        actions: Default::default(),
        units: Vec::new(),
        epa_results: Vec::new(),
    };
    assess(&Subject {
        person: &person,
        framework: &framework,
        progress: &progress,
        breaks: &[],
        today: date(today),
    })
}

fn requirement(standing: &Standing, id: &str) -> RequirementState {
    standing
        .requirements
        .iter()
        .find(|r| r.id == id)
        .map(|r| r.status)
        .expect("requirement listed")
}

fn duration_blocker(standing: &Standing) -> Option<String> {
    let gateway = standing.gateway.as_ref().expect("PCSO has a gateway");
    let rule = gateway.rules.iter().find(|r| r.id == "minimum-duration");
    rule.expect("minimum-duration rule").blocker.clone()
}

#[test]
fn the_first_check_in_falls_due_twelve_weeks_or_three_calendar_months_after_the_start() {
    assert_eq!(
        standing("2025-07-01", "2025-07-02").next_checkin_due,
        date("2025-09-23"),
        "12 weeks for a start before 1 August 2025"
    );
    assert_eq!(
        standing("2025-09-01", "2025-09-02").next_checkin_due,
        date("2025-12-01"),
        "3 calendar months from 1 August 2025"
    );
}

#[test]
fn eight_months_on_programme_reach_the_minimum_only_for_starts_from_1_august_2025() {
    assert_eq!(
        duration_blocker(&standing("2025-08-01", "2026-04-01")),
        None
    );
    assert_eq!(
        duration_blocker(&standing("2025-07-31", "2026-03-31")).as_deref(),
        Some("8 of 12 months on programme completed")
    );
}

#[test]
fn english_and_maths_are_owed_by_an_apprentice_of_25_only_for_starts_before_11_february_2025() {
    let before = standing("2025-02-10", "2025-03-01");
    let after = standing("2025-02-11", "2025-03-01");
    assert_eq!(
        requirement(&before, "english-l2"),
        RequirementState::Pending
    );
    assert_eq!(requirement(&before, "maths-l2"), RequirementState::Pending);
    assert_eq!(
        requirement(&after, "english-l2"),
        RequirementState::NotRequired
    );
    assert_eq!(
        requirement(&after, "maths-l2"),
        RequirementState::NotRequired
    );
}
