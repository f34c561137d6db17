//! Answers an apprentice or assessor would believe: progress follows the
//! assessor's judgements, agreed dates are the ones shown, amendments look
//! back at the right check-in, entry requirements and breaks are honoured.

use chrono::{TimeZone, Utc};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use pcso_tracker::domain::standing::{Rag, RequirementState, Standing};
use pcso_tracker::domain::{
    AgreedAction, CheckinContent, EnrolmentStatus, Judgement, OutcomeStatus, RequirementStatus,
    Role,
};
use pcso_tracker::framework::Registry;
use pcso_tracker::ops::{Clock, Enrolling, Field, OpError, Ops, RequirementInput};
use pcso_tracker::report::standing_markdown;
use pcso_tracker::store::Store;
use pcso_tracker::tui::{Launch, prepare, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod common;

use common::day;
use common::engine::Engine;
use common::fixture::{Fixture, field};

fn next_on(date: &str) -> CheckinContent {
    CheckinContent {
        next_due: Some(day(date)),
        ..CheckinContent::default()
    }
}

fn outcomes_the_apprentice_marked_completed_count_only_once_judged(engine: Engine) {
    let mut f = Fixture::on(engine);
    let amy = f.amy;
    let codes = f.codes();
    for code in &codes {
        f.ops(Some(amy))
            .set_outcome_status(amy, code, OutcomeStatus::Completed, None)
            .expect("own status");
    }
    let claimed = f.record(amy).standing;
    assert_ne!(claimed.rag, Rag::Green, "{}", claimed.rag_reason);
    assert_eq!(claimed.outcome_counts.judged_competent, 0);
    assert!(
        claimed
            .rag_reason
            .contains("14 outcomes marked done, waiting for review"),
        "{}",
        claimed.rag_reason
    );
    for code in &codes {
        f.as_assessor()
            .judge_outcome(amy, code, Judgement::Competent, "Seen", None)
            .expect("judged");
    }
    let judged = f.record(amy).standing;
    assert_eq!(judged.rag, Rag::Green, "{}", judged.rag_reason);
    assert!(
        !judged.rag_reason.contains("waiting"),
        "{}",
        judged.rag_reason
    );
}

fn the_next_check_in_date_agreed_and_signed_is_the_one_shown(engine: Engine) {
    let mut f = Fixture::on(engine);
    let amy = f.amy;
    let computed = f.record(amy).standing.next_checkin_due;
    let first = f.as_assessor().start_checkin(amy).expect("started").id;
    f.complete_and_seal(first, &next_on("2027-01-15"))
        .expect("signed");
    let standing = f.record(amy).standing;
    assert_eq!(standing.next_checkin_due, day("2027-01-15"));
    assert_eq!(standing.checkins.next_due, day("2027-01-15"));
    assert_ne!(computed, day("2027-01-15"));
    // An amendment's agreed date, once sealed, speaks for the meeting.
    let amendment = f
        .as_assessor()
        .amend_checkin(first, "Date misheard")
        .expect("amend");
    f.complete_and_seal(amendment, &next_on("2027-01-22"))
        .expect("signed");
    let amended = f.record(amy).standing;
    assert_eq!(amended.next_checkin_due, day("2027-01-22"));
    assert_eq!(amended.checkins.last, Some(day("2026-11-21")));
}

fn dates_agreed_at_a_check_in_come_after_it(engine: Engine) {
    let mut f = Fixture::on(engine);
    let amy = f.amy;
    let id = f.as_assessor().start_checkin(amy).expect("started").id;
    let early = next_on("2026-10-01");
    assert_eq!(
        field(f.as_assessor().save_checkin(id, &early)),
        Field::NextDate
    );
    assert_eq!(
        field(f.as_assessor().complete_checkin(id, &early)),
        Field::NextDate
    );
    let overdue_action = CheckinContent {
        actions: vec![AgreedAction {
            text: "Book the maths resit".into(),
            owner: "apprentice".into(),
            due: Some(day("2026-11-01")),
        }],
        ..next_on("2027-02-13")
    };
    assert_eq!(
        field(f.as_assessor().complete_checkin(id, &overdue_action)),
        Field::Due
    );
    let draft = f.store.checkin(id).expect("draft");
    assert!(
        draft.completed_at.is_none() && !draft.sealed,
        "still a draft"
    );
}

/// The demo, a further amendment of Chloe Evans's second check-in started
/// from the command line's operation, and the app resuming it.
#[test]
fn an_amendment_looks_back_from_the_check_in_before_the_one_it_amends() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("tracker.db")).expect("open");
    let registry = Registry::load(None).expect("frameworks");
    let clock = Clock::fixed(Utc.with_ymd_and_hms(2026, 11, 21, 10, 0, 0).unwrap());
    Ops::new(&mut store, &registry, clock, None)
        .load_demo(false)
        .expect("demo");
    let people = store.people().expect("people");
    let find = |name: &str| people.iter().find(|p| p.name == name).expect(name).id;
    let (chloe, sam) = (find("Chloe Evans"), find("Sam Patel"));
    let enrolment = store
        .latest_enrolment(chloe)
        .expect("read")
        .expect("enrolled");
    let originals: Vec<_> = store
        .checkin_list(enrolment.id)
        .expect("check-ins")
        .into_iter()
        .filter(|c| c.sealed && c.amends.is_none())
        .collect();
    let (first, second) = (&originals[0], &originals[1]);
    let amendment = Ops::new(&mut store, &registry, clock, Some(sam))
        .amend_checkin(second.id, "Actions misrecorded")
        .expect("amend");
    let launch = Launch {
        clock,
        acting_as: Some("Sam Patel".into()),
    };
    let mut app = prepare(&store, registry, &launch, (80, 24)).expect("prepare");
    // Chloe heads the caseload; `c` resumes her open draft: the amendment.
    let key = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE));
    let action = update::action_for_event(&app, &key).expect("an action");
    update::update(&mut app, &mut store, action);
    let session = app.checkin.as_ref().expect("a check-in is open");
    assert_eq!(session.id, amendment);
    let previous: Vec<i64> = session.previous_actions.iter().map(|(id, _)| *id).collect();
    assert_eq!(previous, first.action_ids, "the first check-in's actions");
    assert_eq!(session.last_date, Some(first.date));
}

fn requirement(standing: &Standing, id: &str) -> RequirementState {
    let found = standing.requirements.iter().find(|r| r.id == id);
    found.expect("a requirement of the framework").status
}

fn an_entry_requirement_not_met_is_a_warning_and_at_gateway_a_blocker(engine: Engine) {
    let mut f = Fixture::on(engine);
    let young = Enrolling {
        name: "Jo Young".into(),
        start: Some(day("2026-09-01")),
        date_of_birth: Some(day("2009-03-01")),
        assessor: Some(f.assessor),
        ..Enrolling::default()
    };
    let jo = f.as_admin().enrol(&young).expect("enrol").person;
    let standing = f.record(jo).standing;
    assert_eq!(
        requirement(&standing, "minimum-age"),
        RequirementState::NotMet
    );
    assert!(
        standing
            .warnings
            .contains(&"Aged 18 or over (entry requirement): not met".to_string()),
        "{:?}",
        standing.warnings
    );
    let not_met = RequirementInput {
        status: RequirementStatus::NotMet,
        date: Some(day("2026-10-01")),
        reference: None,
        expires_on: None,
    };
    f.as_assessor()
        .set_requirement(jo, "english-l2", &not_met, None)
        .expect("recorded");
    let standing = f.record(jo).standing;
    let blockers = standing.gateway.expect("a gateway").blockers;
    assert!(
        blockers.contains(&"Level 2 English: not met".to_string()),
        "{blockers:?}"
    );
    assert!(
        standing
            .warnings
            .contains(&"Level 2 English (entry requirement): not met".to_string())
    );
}

fn the_employer_opt_in_for_english_and_maths_does_not_make_level_3_apply(engine: Engine) {
    let mut f = Fixture::on(engine);
    let opted = Enrolling {
        name: "Pat Older".into(),
        start: Some(day("2026-09-01")),
        date_of_birth: Some(day("1990-03-01")),
        employer_opt_in: true,
        ..Enrolling::default()
    };
    let pat = f.as_admin().enrol(&opted).expect("enrol").person;
    let employer = f.employer;
    f.as_admin()
        .set_employer(pat, Some(employer))
        .expect("employer named");
    let standing = f.record(pat).standing;
    assert_eq!(
        requirement(&standing, "english-l2"),
        RequirementState::Pending
    );
    assert_eq!(
        requirement(&standing, "maths-l2"),
        RequirementState::Pending
    );
    assert_eq!(
        requirement(&standing, "level3"),
        RequirementState::NotRequired
    );
    // A force that asks for Level 3 records it; from then on it applies.
    let pending = RequirementInput {
        status: RequirementStatus::Pending,
        date: None,
        reference: None,
        expires_on: None,
    };
    f.as_employer()
        .set_requirement(pat, "level3", &pending, None)
        .expect("recorded");
    let standing = f.record(pat).standing;
    assert_eq!(requirement(&standing, "level3"), RequirementState::Pending);
}

fn a_break_counts_once_ends_after_it_began_and_moves_the_end_the_same_during_and_after(
    engine: Engine,
) {
    let mut f = Fixture::on(engine);
    let amy = f.amy;
    let status = |f: &mut Fixture, status, on: &str| {
        f.as_admin()
            .set_enrolment_status(amy, status, Some(day(on)), Some("a reason"))
    };
    status(&mut f, EnrolmentStatus::Break, "2026-10-01").expect("break");
    let twice = status(&mut f, EnrolmentStatus::Break, "2026-10-05");
    assert_eq!(field(twice), Field::Date, "already on that break");
    let early = status(&mut f, EnrolmentStatus::Active, "2026-09-20");
    assert_eq!(field(early), Field::Date, "a return before the break began");
    let during = f.record(amy).standing.planned_end;
    status(&mut f, EnrolmentStatus::Active, "2026-11-21").expect("back today");
    let after = f.record(amy).standing;
    assert_eq!(after.planned_end, during, "the same end during and after");
    assert_eq!(after.planned_end, day("2027-10-22"), "51 days of break");
    // The same break recorded again after the return is refused too.
    let again = status(&mut f, EnrolmentStatus::Break, "2026-10-01");
    assert_eq!(field(again), Field::Date);
    assert_eq!(f.record(amy).standing.planned_end, day("2027-10-22"));
}

fn past_the_planned_end_the_programme_is_said_to_have_overrun(engine: Engine) {
    let mut f = Fixture::on(engine);
    let amy = f.amy;
    f.clock = Clock::as_of(day("2027-10-15"));
    let standing = f.record(amy).standing;
    let said = "Month 14 of 12: the programme has overrun its planned end (2027-09-01) by 6 weeks";
    let report = standing_markdown(&standing);
    assert!(report.contains(said), "{report}");
    assert!(!report.contains("14 (13 completed"), "{report}");
}

fn a_start_still_to_come_is_said_to_be_to_come(engine: Engine) {
    let mut f = Fixture::on(engine);
    let later = Enrolling {
        name: "Lee Later".into(),
        start: Some(day("2027-05-17")),
        date_of_birth: Some(day("1990-03-01")),
        ..Enrolling::default()
    };
    let lee = f.as_admin().enrol(&later).expect("enrol").person;
    let report = standing_markdown(&f.record(lee).standing);
    assert!(
        report.contains("Starts on 2027-05-17 (in 25 weeks)"),
        "{report}"
    );
    assert!(!report.contains("weeks left"), "{report}");
}

#[test]
fn counts_of_one_are_singular() {
    let mut f = Fixture::new();
    // Four people already: Ada, Sam, Jo and Amy. One more database with one
    // person, its first administrator.
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("one.db")).expect("open");
    Ops::new(&mut store, &f.registry, f.clock, None)
        .add_person("Ada Lovell", Role::Administrator, false)
        .expect("administrator");
    let refused = Ops::new(&mut store, &f.registry, f.clock, None).load_demo(false);
    assert!(
        matches!(&refused, Err(OpError::Refused(m)) if m.contains("already holds 1 person;")),
        "{refused:?}"
    );
    let refused = f.as_admin().load_demo(false);
    assert!(matches!(&refused, Err(OpError::Refused(m)) if m.contains("already holds 4 people;")));
}

#[test]
fn no_hours_since_the_last_check_in_read_as_zero_not_minus_zero() {
    let f = Fixture::new();
    let Fixture {
        engine: _engine,
        mut store,
        registry,
        clock,
        ..
    } = f;
    let launch = Launch {
        clock,
        acting_as: Some("Sam Patel".into()),
    };
    let mut app = prepare(&store, registry, &launch, (100, 30)).expect("prepare");
    let key = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE));
    let action = update::action_for_event(&app, &key).expect("an action");
    update::update(&mut app, &mut store, action);
    assert!(app.checkin.is_some(), "a check-in of Amy is open");
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    terminal
        .draw(|frame| view::draw(frame, &app))
        .expect("draw");
    let screen = format!("{}", terminal.backend());
    assert!(
        screen.contains("0 new evidence items, 0.0 h logged, 0 status changes."),
        "{screen}"
    );
    assert!(!screen.contains("-0.0"), "{screen}");
}

on_both_engines!(
    outcomes_the_apprentice_marked_completed_count_only_once_judged,
    the_next_check_in_date_agreed_and_signed_is_the_one_shown,
    dates_agreed_at_a_check_in_come_after_it,
    an_entry_requirement_not_met_is_a_warning_and_at_gateway_a_blocker,
    the_employer_opt_in_for_english_and_maths_does_not_make_level_3_apply,
    a_break_counts_once_ends_after_it_began_and_moves_the_end_the_same_during_and_after,
    past_the_planned_end_the_programme_is_said_to_have_overrun,
    a_start_still_to_come_is_said_to_be_to_come,
);
