//! The list of people as an assessor's caseload: last check-in, hours
//! behind, warnings and overdue actions beside each name where the width
//! allows, the least important dropped first and the name never cut.

mod common;

use common::engine::Engine;
use common::harness::{self, Harness};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use pcso_tracker::tui::action::Action;
use pcso_tracker::tui::background::Background;
use pcso_tracker::tui::update;

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

/// The names on screen, top to bottom.
fn names_in_order(h: &Harness) -> Vec<String> {
    h.app
        .picker_rows()
        .iter()
        .map(|person| person.name.clone())
        .collect()
}

/// The title line of the list of people.
fn title(h: &Harness) -> String {
    h.screen()
        .lines()
        .find(|line| line.contains("People ("))
        .unwrap_or_default()
        .to_string()
}

/// A click on the header `header` of the list of people, where it is drawn now.
fn click_header(h: &mut Harness, header: &str) {
    let screen = h.screen();
    let (row, line) = screen
        .lines()
        .enumerate()
        .find(|(_, line)| line.contains("Name") && line.contains(header))
        .expect("the header row");
    let column = line
        .find(header)
        .map(|at| line[..at].chars().count())
        .expect("the header");
    h.click(column as u16, row as u16);
    h.idle();
}

fn every_column_sorts_who_needs_attention_first_and_o_reverses(engine: Engine) {
    let mut h = caseload(engine, (120, 40));
    assert!(title(&h).contains("next check-in first"), "{}", title(&h));
    // `o` steps to the next column shown: last check-in, never reviewed first.
    h.keys("o");
    h.idle();
    assert!(
        title(&h).contains("last check-in, oldest first"),
        "{}",
        title(&h)
    );
    assert!(h.screen().contains("Last check-in ▲"), "{}", h.screen());
    assert_eq!(names_in_order(&h)[0], "Amy Clark", "no review yet");
    // `O`: the newest review first.
    h.keys("O");
    h.idle();
    assert!(
        title(&h).contains("last check-in, newest first"),
        "{}",
        title(&h)
    );
    assert_eq!(names_in_order(&h)[0], "Dan Hughes");
    assert_eq!(names_in_order(&h)[4], "Amy Clark");

    // A click on the RAG header: red first, then amber by name, then green.
    click_header(&mut h, "RAG");
    assert!(title(&h).contains("RAG, red first"), "{}", title(&h));
    assert_eq!(
        names_in_order(&h),
        [
            "Chloe Evans",
            "Ben Okafor",
            "Erin Walsh",
            "Amy Clark",
            "Dan Hughes"
        ]
    );
    insta::assert_snapshot!("caseload_by_rag_120x40", h.screen());
    // Clicked again, green first; names still in order within each.
    click_header(&mut h, "RAG");
    assert!(title(&h).contains("RAG, green first"), "{}", title(&h));
    assert_eq!(names_in_order(&h)[0], "Amy Clark");
    assert_eq!(names_in_order(&h)[4], "Chloe Evans");
}

on_both_engines!(every_column_sorts_who_needs_attention_first_and_o_reverses);

fn o_steps_only_through_the_columns_that_fit(engine: Engine) {
    let mut h = caseload(engine, (80, 24));
    let screen = h.screen();
    assert!(!screen.contains("Last check-in"), "{screen}");
    // Past the last column shown, back to the name.
    let mut seen = Vec::new();
    for _ in 0..12 {
        h.keys("o");
        h.idle();
        let line = title(&h);
        if line.contains("by name") {
            break;
        }
        seen.push(line);
    }
    assert!(title(&h).contains("by name"), "{seen:?}");
    assert!(
        seen.iter().all(|line| !line.contains("last check-in")),
        "a column not shown was offered: {seen:?}"
    );
    assert!(
        seen.iter()
            .any(|line| line.contains("warnings, most first")),
        "{seen:?}"
    );
    insta::assert_snapshot!("caseload_by_name_80x24", h.screen());
}

on_both_engines!(o_steps_only_through_the_columns_that_fit);

fn a_column_sorts_in_the_background_while_the_list_before_stays(engine: Engine) {
    let mut h = caseload(engine, (120, 40));
    let mut background = Background::start(
        h.store.reader().expect("a reader"),
        h.app.registry.clone(),
        h.app.today,
    )
    .expect("start");
    // The key alone, as the event loop sends it.
    let key = Event::Key(KeyEvent::new(KeyCode::Char('o'), KeyModifiers::NONE));
    let action = update::action_for_event(&h.app, &key).expect("a key");
    update::update(&mut h.app, &mut h.store, action);
    assert!(title(&h).contains("sorting…"), "{}", title(&h));
    assert_eq!(names_in_order(&h)[0], "Chloe Evans", "the list before");
    let (generation, jobs) = h.app.take_jobs();
    assert!(!jobs.is_empty(), "the sort is asked of the background");
    for job in jobs {
        background.send(generation, job);
    }
    while let Some(done) = background.wait() {
        update::update(&mut h.app, &mut h.store, Action::Finished(Box::new(done)));
    }
    assert!(
        title(&h).contains("last check-in, oldest first") && !title(&h).contains("sorting…"),
        "{}",
        title(&h)
    );
    assert_eq!(names_in_order(&h)[0], "Amy Clark");
}

on_both_engines!(a_column_sorts_in_the_background_while_the_list_before_stays);

fn the_footer_drops_hints_that_do_not_fit_and_keeps_help(engine: Engine) {
    let h = caseload(engine, (60, 16));
    let screen = h.screen();
    let footer = screen
        .lines()
        .last()
        .unwrap_or_default()
        .trim_matches('"')
        .trim_end();
    assert!(footer.contains("? help"), "{footer}");
    // Whole hints only: the last word is one a hint ends with.
    let ends = [
        "open", "filter", "order", "queue", "check-in", "quit", "help",
    ];
    assert!(
        ends.iter().any(|end| footer.ends_with(end)),
        "a hint was cut: {footer:?}"
    );
    assert!(!footer.contains("p switch"), "{footer}");
}

on_both_engines!(the_footer_drops_hints_that_do_not_fit_and_keeps_help);
