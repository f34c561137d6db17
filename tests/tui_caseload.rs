//! The list of people as an assessor's caseload: last check-in, hours
//! behind, warnings and overdue actions beside each name where the width
//! allows, the least important dropped first and the name never cut.

mod common;

use common::engine::Engine;
use common::harness::{self, Harness};

fn caseload(engine: Engine, size: (u16, u16)) -> Harness {
    let store = harness::demo(&engine);
    let mut h = Harness::start(engine, store, Some("Sam Patel"), size);
    h.idle();
    h
}

fn the_caseload_shows_last_check_in_hours_behind_warnings_and_overdue_actions(engine: Engine) {
    let small_engine = engine.fresh();
    let h = caseload(engine, (120, 40));
    let screen = h.screen();
    for header in [
        "Last check-in",
        "Hours behind",
        "Warnings",
        "Overdue actions",
    ] {
        assert!(screen.contains(header), "{header} missing:\n{screen}");
    }
    // Chloe's last review agreed an action now overdue.
    let chloe = screen
        .lines()
        .find(|line| line.contains("Chloe Evans"))
        .expect("Chloe's row");
    assert!(chloe.contains("OVERDUE"), "{chloe}");
    insta::assert_snapshot!("caseload_columns_120x40", screen);

    let small = caseload(small_engine, (80, 24));
    let screen = small.screen();
    for name in ["Ben Okafor", "Chloe Evans", "Dan Hughes", "Erin Walsh"] {
        assert!(screen.contains(name), "{name} cut:\n{screen}");
    }
    assert!(
        screen.contains("RAG") && screen.contains("Next check-in"),
        "{screen}"
    );
    insta::assert_snapshot!("caseload_columns_80x24", screen);
}

on_both_engines!(the_caseload_shows_last_check_in_hours_behind_warnings_and_overdue_actions);
