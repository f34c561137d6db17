//! In a check-in, the selected outcome shows the judgements it was given
//! at earlier reviews, newest first, with their notes.

use crossterm::event::KeyCode;
use pcso_tracker::tui::app::Screen;

mod common;

use common::engine::Engine;
use common::harness::{self, Harness};

/// Chloe's last reviews stalled: LO4 was judged not yet competent there.
fn the_selected_outcome_shows_its_last_review_judgement_and_note(engine: Engine) {
    let store = harness::demo(&engine);
    let mut h = Harness::start(engine, store, Some("Sam Patel"), (120, 40));
    h.idle();
    // Chloe is first: her next check-in is overdue.
    h.key(KeyCode::Enter);
    assert_eq!(
        h.app.loaded.as_ref().expect("open").person.name,
        "Chloe Evans"
    );
    h.keys("c");
    assert_eq!(h.app.screen, Screen::Checkin);
    h.key(KeyCode::Tab);
    let walked = |h: &Harness| {
        h.app
            .checkin
            .as_ref()
            .expect("session")
            .outcome_codes
            .clone()
    };
    if !walked(&h).iter().any(|c| c == "LO4") {
        h.keys("a");
    }
    let at = walked(&h)
        .iter()
        .position(|c| c == "LO4")
        .expect("LO4 walked");
    for _ in 0..at {
        h.key(KeyCode::Down);
    }
    let screen = h.screen();
    let row = screen
        .lines()
        .position(|line| line.contains("  LO4  "))
        .expect("LO4's row");
    let under: Vec<&str> = screen.lines().skip(row + 1).take(2).collect();
    let newest = under
        .iter()
        .find(|line| line.contains("earlier"))
        .unwrap_or_else(|| panic!("earlier judgements under LO4:\n{screen}"));
    assert!(
        newest.contains("not yet competent · Evidence too thin to show the outcome"),
        "the last review's judgement and note first:\n{screen}"
    );
}

on_both_engines!(the_selected_outcome_shows_its_last_review_judgement_and_note);
