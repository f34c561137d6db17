//! The app's hours screen: each off-the-job entry's review shown, and the
//! assessor's keys to accept an entry or query it with a reason.

use crossterm::event::KeyCode;
use pcso_tracker::domain::HoursReview;
use pcso_tracker::tui::app::Overlay;

mod common;

use common::engine::Engine;
use common::harness::{self, Harness};

fn demo_app(engine: Engine, acting_as: &str) -> Harness {
    let store = harness::demo(&engine);
    let mut h = Harness::start(engine, store, Some(acting_as), (120, 40));
    h.idle();
    h
}

/// The newest entry of the person on screen: (review, off-the-job hours
/// counted, queried).
fn newest(h: &Harness) -> (HoursReview, f64, f64) {
    let loaded = h.app.loaded.as_ref().expect("a person is open");
    let entry = loaded.progress.hours.last().expect("an entry");
    let category = &loaded.standing.hours.categories[0];
    (entry.review, category.logged, category.queried)
}

fn an_assessor_queries_an_entry_with_a_reason_then_accepts_it(engine: Engine) {
    let mut h = demo_app(engine, "Sam Patel");
    h.key(KeyCode::Down);
    h.key(KeyCode::Enter);
    h.keys("5");
    assert!(
        h.screen().contains("A accepts · Q queries"),
        "{}",
        h.screen()
    );
    let (review, logged, _) = newest(&h);
    assert_eq!(review, HoursReview::Unreviewed);
    assert!(h.screen().contains("to review"));

    h.keys("Q");
    assert!(matches!(h.app.overlay, Overlay::Form(_)));
    h.ctrl('s');
    assert!(
        matches!(&h.app.overlay, Overlay::Error(m) if m.contains("Reason")),
        "a query needs a reason"
    );
    h.key(KeyCode::Enter);
    h.keys("No sign-in sheet");
    h.ctrl('s');
    assert!(matches!(h.app.overlay, Overlay::None));
    assert_eq!(newest(&h), (HoursReview::Queried, logged - 6.0, 6.0));
    let screen = h.screen();
    assert!(screen.contains("QUERIED   ? No sign-in"), "{screen}");
    assert!(screen.contains("114.0 h (6 h queried) of 187"), "{screen}");

    h.keys("A");
    assert_eq!(newest(&h), (HoursReview::Accepted, logged, 0.0));
    assert!(
        h.status().contains("accepted hours entry"),
        "{}",
        h.status()
    );
}

fn an_apprentice_has_no_keys_to_review_her_own_hours(engine: Engine) {
    let mut h = demo_app(engine, "Ben Okafor");
    h.keys("5");
    assert!(!h.screen().contains("Q queries"));
    h.keys("A");
    h.keys("Q");
    assert!(matches!(h.app.overlay, Overlay::None));
    assert_eq!(newest(&h).0, HoursReview::Unreviewed);
}

/// The demo's advanced practitioner open on the dashboard (third in the
/// caseload, by next check-in).
fn erin(engine: Engine, size: (u16, u16)) -> Harness {
    let store = harness::demo(&engine);
    let mut h = Harness::start(engine, store, Some("Sam Patel"), size);
    h.idle();
    h.key(KeyCode::Down);
    h.key(KeyCode::Down);
    h.key(KeyCode::Enter);
    let loaded = h.app.loaded.as_ref().expect("a person is open");
    assert_eq!(loaded.person.name, "Erin Walsh");
    h
}

fn the_practitioner_s_area_activities_and_benefits_are_on_screen(engine: Engine) {
    let small_engine = engine.fresh();
    let mut h = erin(engine, (120, 40));
    let dashboard = h.screen();
    assert!(
        dashboard.contains("Area of practice: Vulnerability"),
        "{dashboard}"
    );
    insta::assert_snapshot!("practitioner_dashboard_120x40", dashboard);
    h.keys("5");
    let hours = h.screen();
    for text in [
        "Coaching                     18.0 h  20%  peer-support 18",
        "On the job                   63.0 h 70%, intended 70%",
        "Benefit · note",
    ] {
        assert!(hours.contains(text), "{text} missing from:\n{hours}");
    }
    let coached = hours
        .lines()
        .find(|line| line.contains("Coached two response officers on safeguarding referrals"))
        .expect("an entry's benefit in the log");
    assert!(coached.contains("peer-support coaching "), "{coached}");
    insta::assert_snapshot!("practitioner_hours_120x40", hours);
    let mut small = erin(small_engine, (80, 24));
    small.keys("5");
    insta::assert_snapshot!("practitioner_hours_80x24", small.screen());
}

on_both_engines!(
    the_practitioner_s_area_activities_and_benefits_are_on_screen,
    an_assessor_queries_an_entry_with_a_reason_then_accepts_it,
    an_apprentice_has_no_keys_to_review_her_own_hours,
);
