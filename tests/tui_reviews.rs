//! The Reviews tab: every check-in of the person on screen, newest first,
//! and the selected one in full (notes, judgements, actions, signatures,
//! seal), for an apprentice reading her own and an assessor reading the
//! person on screen.

use crossterm::event::KeyCode;

mod common;

use common::engine::Engine;
use common::harness::{self, Harness};

fn demo_app(engine: Engine, acting_as: &str, size: (u16, u16)) -> Harness {
    let store = harness::demo(&engine);
    let mut h = Harness::start(engine, store, Some(acting_as), size);
    h.idle();
    h
}

fn an_apprentice_reads_her_sealed_review_in_full(engine: Engine) {
    let small_engine = engine.fresh();
    let mut h = demo_app(engine, "Ben Okafor", (120, 40));
    h.keys("8");
    let list = h.screen();
    assert!(list.contains("Reviews (2)"), "{list}");
    let draft = list.find("2026-11-21 draft").expect("the draft first");
    let sealed = list.find("2026-09-28 sealed").expect("then the sealed one");
    assert!(draft < sealed, "newest first:\n{list}");

    h.key(KeyCode::Down);
    let screen = h.screen();
    for text in [
        "Check-in 2026-09-28 · sealed",
        "Since the last check-in",
        "Outcomes judged",
        ": competent · Evidence seen and discussed",
        "Actions agreed",
        "Add evidence for the next outcomes · apprentice · due 2026-12-21 · not done",
        "Next check-in 2026-12-21",
        "Ben Okafor (apprentice) and Sam Patel (assessor), 2026-09-28",
        "Seal",
    ] {
        assert!(screen.contains(text), "{text} missing from:\n{screen}");
    }
    insta::assert_snapshot!("reviews_sealed_120x40", screen);

    let mut small = demo_app(small_engine, "Ben Okafor", (80, 24));
    small.keys("8");
    small.key(KeyCode::Down);
    let before = small.screen();
    assert!(before.contains("more · PgDn"), "a sign of more:\n{before}");
    insta::assert_snapshot!("reviews_sealed_80x24", before);
    small.key(KeyCode::PageDown);
    let after = small.screen();
    assert!(after.contains("above · PgUp"), "{after}");
    assert!(
        after.contains("Signatures"),
        "scrolled to the end:\n{after}"
    );
    small.key(KeyCode::PageUp);
    assert_eq!(small.screen(), before, "PgUp scrolls back");
}

fn an_assessor_sees_an_overdue_action_and_an_amendment(engine: Engine) {
    let mut h = demo_app(engine, "Sam Patel", (120, 40));
    // Chloe is first: her next check-in is overdue.
    h.key(KeyCode::Enter);
    h.keys("8");
    let screen = h.screen();
    assert!(screen.contains("Chloe Evans"), "{screen}");
    let amended = screen
        .lines()
        .find(|line| line.contains("Amended by") || line.contains("(sealed)"))
        .map(str::to_string);
    assert!(amended.is_some(), "an amendment named:\n{screen}");
    // The review amended: its action from then is overdue.
    let rows = h.app.reviews().len();
    for _ in 0..rows {
        if h.screen().contains("OVERDUE") {
            break;
        }
        h.key(KeyCode::Down);
    }
    let screen = h.screen();
    assert!(
        screen
            .contains("Add evidence for the next outcomes · apprentice · due 2026-11-08 · OVERDUE"),
        "{screen}"
    );
    h.key(KeyCode::Enter);
    let expanded = h.screen();
    assert!(
        !expanded.contains("Reviews ("),
        "the review takes the screen:\n{expanded}"
    );
    h.key(KeyCode::Char(' '));
    assert!(h.screen().contains("Reviews ("), "back to the list");
}

/// Chloe's last sealed review agreed an action due 2026-11-08, not done.
fn the_dashboard_names_an_overdue_action(engine: Engine) {
    let small_engine = engine.fresh();
    let mut h = demo_app(engine, "Sam Patel", (120, 40));
    h.key(KeyCode::Enter);
    let screen = h.screen();
    assert!(
        screen.contains("OVERDUE action: Add evidence for the next outcomes (apprentice),"),
        "{screen}"
    );
    assert!(
        screen.contains("! action overdue: Add evidence for the next outcomes"),
        "and among the warnings:\n{screen}"
    );
    let mut small = demo_app(small_engine, "Sam Patel", (80, 24));
    small.key(KeyCode::Enter);
    assert!(
        small.screen().contains("OVERDUE action: Add"),
        "{}",
        small.screen()
    );
}

on_both_engines!(
    the_dashboard_names_an_overdue_action,
    an_apprentice_reads_her_sealed_review_in_full,
    an_assessor_sees_an_overdue_action_and_an_amendment,
);
