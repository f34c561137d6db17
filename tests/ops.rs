//! The operations layer on its own, with no terminal and no command line:
//! every user action's refusals name the input at fault and change nothing.

use pcso_tracker::domain::{
    CheckinContent, EnrolmentStatus, EvidenceKind, Judgement, OutcomeStatus, RequirementStatus,
    Version,
};
use pcso_tracker::framework::Party;
use pcso_tracker::ops::{
    Clock, Enrolling, EvidenceInput, Field, HoursInput, OpError, RequirementInput,
};

mod common;

use common::day;
use common::engine::Engine;
use common::fixture::{Fixture, field};

fn evidence(outcomes: &[&str]) -> EvidenceInput {
    EvidenceInput {
        date: Some(day("2026-10-01")),
        title: "Ward panel minutes".into(),
        kind: EvidenceKind::WorkProduct,
        description: String::new(),
        file_ref: None,
        outcomes: outcomes.iter().map(|c| c.to_string()).collect(),
    }
}

fn hours(on: &str, amount: f64) -> HoursInput {
    HoursInput {
        date: Some(day(on)),
        hours: amount,
        category: "off-the-job".into(),
        outcomes: vec!["LO1".into()],
        ..HoursInput::default()
    }
}

fn enrolling_refuses_bad_names_dates_areas_and_assessors(engine: Engine) {
    let mut f = Fixture::on(engine);
    let before = f.history_rows();
    let base = Enrolling {
        name: "Jo Bloggs".into(),
        start: Some(day("2026-09-07")),
        ..Enrolling::default()
    };
    let cases = [
        (
            Enrolling {
                name: " ".into(),
                ..base.clone()
            },
            Field::Name,
        ),
        (
            Enrolling {
                name: "Jo\u{1b}[31m".into(),
                ..base.clone()
            },
            Field::Name,
        ),
        (
            Enrolling {
                start: None,
                ..base.clone()
            },
            Field::Start,
        ),
        (
            Enrolling {
                date_of_birth: Some(day("2026-09-08")),
                ..base.clone()
            },
            Field::DateOfBirth,
        ),
        (
            Enrolling {
                framework_id: Some("advanced-practitioner".into()),
                ..base.clone()
            },
            Field::Area,
        ),
        (
            Enrolling {
                area: Some("vulnerability".into()),
                ..base.clone()
            },
            Field::Area,
        ),
        (
            Enrolling {
                assessor: Some(f.amy),
                ..base.clone()
            },
            Field::Assessor,
        ),
    ];
    for (input, expected) in cases {
        assert_eq!(field(f.as_admin().enrol(&input)), expected, "{input:?}");
    }
    let unknown = Enrolling {
        framework_id: Some("nursing".into()),
        ..base
    };
    assert!(matches!(
        f.as_admin().enrol(&unknown),
        Err(OpError::Refused(_))
    ));
    assert_eq!(
        f.as_admin()
            .add_assessor("", false)
            .map_err(|e| e.to_string())
            .unwrap_err(),
        "name: cannot be empty"
    );
    assert_eq!(f.history_rows(), before, "nothing refused was recorded");
}

fn a_status_change_is_dated_within_the_programme_so_far(engine: Engine) {
    let mut f = Fixture::on(engine);
    let amy = f.amy;
    let future = f.as_admin().set_enrolment_status(
        amy,
        EnrolmentStatus::Break,
        Some(day("2026-11-22")),
        Some("illness"),
    );
    assert_eq!(field(future), Field::Date);
    let early = f.as_admin().set_enrolment_status(
        amy,
        EnrolmentStatus::Break,
        Some(day("2026-08-31")),
        Some("illness"),
    );
    assert_eq!(field(early), Field::Date);
    let assessor = f.assessor;
    let not_enrolled =
        f.as_admin()
            .set_enrolment_status(assessor, EnrolmentStatus::Break, None, Some("illness"));
    assert!(matches!(not_enrolled, Err(OpError::Refused(m)) if m.contains("not enrolled")));
}

fn evidence_needs_known_outcomes_a_title_and_a_day_that_has_come(engine: Engine) {
    let mut f = Fixture::on(engine);
    let amy = f.amy;
    assert_eq!(
        field(f.as_amy().add_evidence(amy, &evidence(&[]))),
        Field::Outcomes
    );
    assert_eq!(
        field(f.as_amy().add_evidence(amy, &evidence(&["LO99"]))),
        Field::Outcomes
    );
    let untitled = EvidenceInput {
        title: "  ".into(),
        ..evidence(&["LO1"])
    };
    assert_eq!(field(f.as_amy().add_evidence(amy, &untitled)), Field::Title);
    let future = EvidenceInput {
        date: Some(day("2026-11-22")),
        ..evidence(&["LO1"])
    };
    assert_eq!(field(f.as_amy().add_evidence(amy, &future)), Field::Date);
    let written = f
        .as_amy()
        .add_evidence(amy, &evidence(&["LO1"]))
        .expect("recorded");
    assert!(written.version > Version::default());
}

fn evidence_changed_since_it_was_read_is_not_overwritten(engine: Engine) {
    let mut f = Fixture::on(engine);
    let amy = f.amy;
    let first = f
        .as_amy()
        .add_evidence(amy, &evidence(&["LO1"]))
        .expect("recorded");
    let edited = EvidenceInput {
        title: "Ward panel minutes, signed".into(),
        ..evidence(&["LO1"])
    };
    let version = f
        .as_amy()
        .edit_evidence(first.id, &edited, Some(first.version))
        .expect("edited");
    let stale = f
        .as_amy()
        .edit_evidence(first.id, &evidence(&["LO2"]), Some(first.version));
    assert!(matches!(stale, Err(OpError::Stale { .. })), "{stale:?}");
    f.as_amy()
        .delete_evidence(first.id, Some(version))
        .expect("deleted");
    let again = f.as_amy().delete_evidence(first.id, None);
    assert!(matches!(again, Err(OpError::Gone(_))), "{again:?}");
    assert!(matches!(
        f.as_amy().edit_evidence(first.id, &edited, None),
        Err(OpError::Gone(_))
    ));
}

fn hours_name_the_input_at_fault(engine: Engine) {
    let mut f = Fixture::on(engine);
    let amy = f.amy;
    assert_eq!(
        field(f.as_amy().log_hours(amy, &hours("2026-08-31", 2.0))),
        Field::Date
    );
    assert_eq!(
        field(f.as_amy().log_hours(amy, &hours("2026-11-22", 2.0))),
        Field::Date
    );
    assert_eq!(
        field(f.as_amy().log_hours(amy, &hours("2026-10-05", 0.0))),
        Field::Hours
    );
    let unknown = HoursInput {
        category: "gardening".into(),
        ..hours("2026-10-05", 2.0)
    };
    assert_eq!(field(f.as_amy().log_hours(amy, &unknown)), Field::Category);
    f.as_amy()
        .log_hours(amy, &hours("2026-10-05", 10.0))
        .expect("within the cap");
    assert_eq!(
        field(f.as_amy().log_hours(amy, &hours("2026-10-05", 2.5))),
        Field::Hours
    );
    let logged = f
        .as_amy()
        .log_hours(amy, &hours("2026-10-05", 2.0))
        .expect("exactly the cap");
    f.as_amy()
        .delete_hours(logged.written.id, Some(logged.written.version))
        .expect("deleted");
    assert!(matches!(
        f.as_amy().delete_hours(logged.written.id, None),
        Err(OpError::Gone(_))
    ));
}

fn a_framework_that_records_benefit_asks_for_it(engine: Engine) {
    let mut f = Fixture::on(engine);
    let erin = Enrolling {
        name: "Erin Walsh".into(),
        start: Some(day("2026-07-01")),
        framework_id: Some("advanced-practitioner".into()),
        area: Some("vulnerability".into()),
        ..Enrolling::default()
    };
    let erin = f.as_admin().enrol(&erin).expect("enrol").person;
    let category = f
        .registry
        .get("advanced-practitioner")
        .expect("loads")
        .expect("framework")
        .hours
        .categories[0]
        .id
        .clone();
    let input = HoursInput {
        category,
        ..hours("2026-10-05", 2.0)
    };
    assert_eq!(
        field(f.ops(Some(erin)).log_hours(erin, &input)),
        Field::Benefit
    );
}

fn requirements_and_own_statuses_are_framework_words_and_refuse_stale_screens(engine: Engine) {
    let mut f = Fixture::on(engine);
    let amy = f.amy;
    let met = RequirementInput {
        status: RequirementStatus::Met,
        date: Some(day("2026-08-01")),
        reference: None,
        expires_on: None,
    };
    assert_eq!(
        field(f.as_assessor().set_requirement(amy, "swimming", &met, None)),
        Field::Requirement
    );
    let future = RequirementInput {
        date: Some(day("2026-12-01")),
        ..met.clone()
    };
    assert_eq!(
        field(
            f.as_employer()
                .set_requirement(amy, "vetting", &future, None)
        ),
        Field::Date
    );
    let version = f
        .as_employer()
        .set_requirement(amy, "vetting", &met, Some(Version::default()))
        .expect("set");
    let stale = f
        .as_employer()
        .set_requirement(amy, "vetting", &met, Some(Version::default()));
    // Named by its title, as every screen names it, never by its id.
    assert!(
        matches!(&stale, Err(OpError::Stale { what, .. }) if what == "Enhanced background checks (vetting) passed"),
        "{stale:?}"
    );
    assert!(version > Version::default());
    let status = f
        .as_amy()
        .set_outcome_status(amy, "LO42", OutcomeStatus::Completed, None);
    assert_eq!(field(status), Field::Outcome);
}

fn only_an_assessor_judges_and_runs_check_ins(engine: Engine) {
    let mut f = Fixture::on(engine);
    let amy = f.amy;
    let only = "only Amy Clark's assessor may";
    for (actor, says) in [(None, "give --as NAME"), (Some(amy), only)] {
        let judged = f
            .ops(actor)
            .judge_outcome(amy, "LO1", Judgement::Competent, "", None);
        assert!(matches!(judged, Err(OpError::Refused(m)) if m.contains(says)));
        let started = f.ops(actor).start_checkin(amy);
        assert!(matches!(started, Err(OpError::Refused(m)) if m.contains(says)));
    }
    f.as_assessor()
        .judge_outcome(amy, "LO1", Judgement::Competent, "Seen", None)
        .expect("judged");
}

fn a_check_in_is_resumed_not_doubled_and_sealed_only_when_every_party_has_signed(engine: Engine) {
    let mut f = Fixture::on(engine);
    let amy = f.amy;
    let started = f.as_assessor().start_checkin(amy).expect("started");
    let resumed = f.as_assessor().start_checkin(amy).expect("resumed");
    assert_eq!((resumed.id, resumed.resumed), (started.id, true));
    let mut content = CheckinContent::default();
    let missing_date = f.as_assessor().complete_checkin(started.id, &content);
    assert_eq!(field(missing_date), Field::NextDate);
    content.next_due = Some(day("2027-02-13"));
    f.as_assessor()
        .complete_checkin(started.id, &content)
        .expect("completed");
    // Sam signs as himself only: Amy's signature is hers to give.
    let sam = f.as_assessor().sign_review(started.id).expect("Sam signs");
    assert_eq!(sam.waiting, [Party::Apprentice, Party::Employer]);
    let again = f.as_assessor().sign_review(started.id);
    assert!(matches!(again, Err(OpError::Refused(m)) if m.contains("already signed")));
    f.as_amy().sign_review(started.id).expect("Amy signs");
    let last = f.as_employer().sign_review(started.id).expect("Jo signs");
    assert!(last.sealed);
    let signed = f.store.checkin(started.id).expect("sealed").signed;
    assert_eq!(signed.map(|s| s.apprentice).as_deref(), Some("Amy Clark"));
    let after = f.as_assessor().save_checkin(started.id, &content);
    assert!(matches!(after, Err(OpError::Gone(m)) if m.contains("signed and sealed")));
    // An amendment needs a reason and waits for any open draft.
    assert_eq!(
        field(f.as_assessor().amend_checkin(started.id, " ")),
        Field::Reason
    );
    let amendment = f
        .as_assessor()
        .amend_checkin(started.id, "Hours misread")
        .expect("amend");
    let twice = f.as_assessor().amend_checkin(started.id, "Again");
    assert!(matches!(twice, Err(OpError::Refused(m)) if m.contains("already has a draft")));
    let draft = f.as_assessor().amend_checkin(amendment, "A draft");
    assert!(matches!(draft, Err(OpError::Refused(m)) if m.contains("is a draft")));
}

fn a_check_in_dated_after_the_real_day_cannot_be_completed(engine: Engine) {
    let mut f = Fixture::on(engine);
    let amy = f.amy;
    // Rules judged as of a day to come, but completed today.
    f.clock = Clock::as_of(day("2099-01-01"));
    let started = f.as_assessor().start_checkin(amy).expect("started");
    let content = CheckinContent {
        next_due: Some(day("2099-03-01")),
        ..CheckinContent::default()
    };
    let completed = f.as_assessor().complete_checkin(started.id, &content);
    assert!(matches!(completed, Err(OpError::Refused(m)) if m.contains("has not come yet")));
}

fn the_demo_goes_only_into_an_empty_database(engine: Engine) {
    let mut f = Fixture::on(engine);
    let refused = f.as_admin().load_demo(false);
    assert!(matches!(refused, Err(OpError::Refused(m)) if m.contains("already holds 4 people")));
    let beside = f.as_assessor().load_demo(true);
    assert!(matches!(beside, Err(OpError::Refused(m)) if m.contains("only an administrator")));
    let added = f.as_admin().load_demo(true).expect("beside them");
    assert!(added.len() >= 5);
}

on_both_engines!(
    enrolling_refuses_bad_names_dates_areas_and_assessors,
    a_status_change_is_dated_within_the_programme_so_far,
    evidence_needs_known_outcomes_a_title_and_a_day_that_has_come,
    evidence_changed_since_it_was_read_is_not_overwritten,
    hours_name_the_input_at_fault,
    a_framework_that_records_benefit_asks_for_it,
    requirements_and_own_statuses_are_framework_words_and_refuse_stale_screens,
    only_an_assessor_judges_and_runs_check_ins,
    a_check_in_is_resumed_not_doubled_and_sealed_only_when_every_party_has_signed,
    a_check_in_dated_after_the_real_day_cannot_be_completed,
    the_demo_goes_only_into_an_empty_database,
);
