//! The judgement queue: an assessor opens it from the list of people with
//! `J`, reads outcomes awaiting her judgement oldest first, and Enter takes
//! her into a check-in on the selected outcome.

use crossterm::event::KeyCode;
use pcso_tracker::tui::app::Screen;
use pcso_tracker::tui::checkin::Step;

mod common;

use common::engine::Engine;
use common::harness::{self, Harness};

fn demo_app(engine: Engine, acting_as: &str, size: (u16, u16)) -> Harness {
    let store = harness::demo(&engine);
    let mut h = Harness::start(engine, store, Some(acting_as), size);
    h.idle();
    h
}

fn an_assessor_opens_her_queue_with_j_and_goes_back_with_esc(engine: Engine) {
    let small_engine = engine.fresh();
    let mut h = demo_app(engine, "Sam Patel", (120, 40));
    assert!(h.screen().contains("J queue"), "{}", h.screen());
    h.keys("J");
    assert_eq!(h.app.screen, Screen::Queue);
    let screen = h.screen();
    assert!(
        screen.contains("marked ready for review or completed, not judged since"),
        "the rule in words:\n{screen}"
    );
    assert!(screen.contains("Chloe Evans"), "{screen}");
    let since: Vec<_> = h.app.queue.iter().map(|w| w.since).collect();
    let mut sorted = since.clone();
    sorted.sort();
    assert_eq!(since, sorted, "oldest first");
    insta::assert_snapshot!("queue_120x40", screen);
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen, Screen::Picker, "Esc goes back to the list");

    let mut small = demo_app(small_engine, "Sam Patel", (80, 24));
    small.keys("J");
    insta::assert_snapshot!("queue_80x24", small.screen());
}

fn an_apprentice_has_no_queue(engine: Engine) {
    let mut h = demo_app(engine, "Ben Okafor", (120, 40));
    h.keys("J");
    assert_ne!(h.app.screen, Screen::Queue);
    h.key(KeyCode::Char('?'));
    let help = h.screen();
    assert!(!help.contains("judgement across"), "not offered:\n{help}");
}

fn enter_runs_a_check_in_at_the_selected_outcome(engine: Engine) {
    let mut h = demo_app(engine, "Sam Patel", (120, 40));
    h.keys("J");
    let row = h
        .app
        .queue
        .iter()
        .position(|w| w.person == "Chloe Evans")
        .expect("Chloe's outcome waits");
    for _ in 0..row {
        h.key(KeyCode::Down);
    }
    let code = h.app.queue[row].code.clone();
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen, Screen::Checkin, "{}", h.screen());
    let session = h.app.checkin.as_ref().expect("a check-in");
    assert_eq!(session.step, Step::Outcomes);
    assert_eq!(
        session.outcome_codes.get(session.cursor),
        Some(&code),
        "on the outcome chosen"
    );
    let person = &h.app.loaded.as_ref().expect("person").person.name;
    assert_eq!(person, "Chloe Evans");
}

on_both_engines!(
    an_assessor_opens_her_queue_with_j_and_goes_back_with_esc,
    an_apprentice_has_no_queue,
    enter_runs_a_check_in_at_the_selected_outcome,
);
