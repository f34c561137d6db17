//! Keys from the one table: check-in mode's keys in its footer and help,
//! its sections reached by number and by a click, help for each role, and
//! the conventions every screen keeps (Esc backs out one level).

use crossterm::event::KeyCode;
use pcso_tracker::domain::OutcomeStatus;
use pcso_tracker::tui::app::{Overlay, Screen, Tab};
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

/// An assessor in a new check-in with the caseload's first person.
fn in_checkin(engine: Engine, size: (u16, u16)) -> Harness {
    let mut h = demo_app(engine, "Sam Patel", size);
    h.keys("c");
    assert_eq!(h.app.screen, Screen::Checkin);
    h
}

fn step(h: &Harness) -> Step {
    h.app.checkin.as_ref().expect("in check-in mode").step
}

fn footer(h: &Harness) -> String {
    let screen = h.screen();
    screen.lines().last().unwrap_or_default().to_string()
}

fn help_in_check_in_mode_lists_its_keys_and_closes_back_into_it(engine: Engine) {
    let mut h = in_checkin(engine, (120, 40));
    h.keys("?");
    assert!(matches!(h.app.overlay, Overlay::Help(_)));
    let screen = h.screen();
    for wanted in [
        "judge the selected outcome not yet competent",
        "judge the selected outcome competent",
        "judge the selected outcome as exceeding",
        "Ctrl-S",
        "Ctrl-Z",
        "1-8",
    ] {
        assert!(screen.contains(wanted), "{wanted}: {screen}");
    }
    insta::assert_snapshot!("help_in_checkin_120x40", screen);
    h.key(KeyCode::Esc);
    assert!(matches!(h.app.overlay, Overlay::None));
    assert_eq!(h.app.screen, Screen::Checkin, "help closed, still in it");
}

fn help_opens_with_f1_while_text_is_typed_and_question_marks_are_typed(engine: Engine) {
    let mut h = in_checkin(engine, (80, 24));
    h.keys("3");
    h.keys("why?");
    assert!(matches!(h.app.overlay, Overlay::None));
    h.key(KeyCode::F(1));
    assert!(matches!(h.app.overlay, Overlay::Help(_)));
    h.key(KeyCode::Esc);
    assert!(h.screen().contains("why?"), "{}", h.screen());
}

fn the_first_footer_of_a_check_in_shows_its_keys(engine: Engine) {
    let h = in_checkin(engine, (80, 24));
    let footer = footer(&h);
    assert!(footer.contains("started a check-in"), "{footer}");
    assert!(footer.contains("Space done/not done"), "{footer}");
    assert!(footer.contains("Tab next section"), "{footer}");
}

fn the_outcomes_footer_names_the_judgement_keys(engine: Engine) {
    let mut h = in_checkin(engine, (120, 40));
    h.keys("2");
    let footer = footer(&h);
    for wanted in ["n not yet", "c competent", "e exceeds", "Ctrl-Z undo"] {
        assert!(footer.contains(wanted), "{wanted}: {footer}");
    }
    assert!(!footer.contains("q quit"), "q leaves a check-in: {footer}");
}

fn a_number_jumps_to_its_section_saving_the_draft(engine: Engine) {
    let mut h = in_checkin(engine, (80, 24));
    h.keys("2");
    assert_eq!(step(&h), Step::Outcomes);
    h.keys("c"); // the first outcome competent
    h.keys("3");
    assert_eq!(step(&h), Step::Hours);
    assert!(h.screen().contains("Record any slippage"), "{}", h.screen());
    let draft = h.store.checkin(12).expect("draft");
    assert_eq!(draft.content.judgements.len(), 1, "saved as Tab saves");
    // While text is typed, a digit is typed, not a jump.
    h.keys("12 h");
    assert_eq!(step(&h), Step::Hours);
    let session = h.app.checkin.as_ref().expect("session");
    assert_eq!(session.text.text(), "12 h");
}

fn letters_go_to_the_text_in_a_section_that_takes_text(engine: Engine) {
    let mut h = in_checkin(engine, (80, 24));
    h.keys("4");
    h.keys("need a quiet place");
    assert_eq!(step(&h), Step::PlanChanges);
    assert_eq!(h.app.screen, Screen::Checkin, "q was typed, not leaving");
    let session = h.app.checkin.as_ref().expect("session");
    assert_eq!(session.text.text(), "need a quiet place");
}

fn a_click_on_a_section_name_jumps_there(engine: Engine) {
    let mut h = in_checkin(engine, (120, 40));
    let screen = h.screen();
    let header = screen.lines().next().expect("header");
    // Each line is drawn between quotes.
    let at = header.find("5 Concerns").expect("every section is named");
    let column = header[..at].chars().count() as u16 - 1;
    h.click(column + 2, 0);
    assert_eq!(step(&h), Step::Concerns);
    h.click(column, 0);
    assert_eq!(step(&h), Step::Concerns);
    let at = header.find("2 Outcomes").expect("named");
    h.click(header[..at].chars().count() as u16 - 1, 0);
    assert_eq!(step(&h), Step::Outcomes);
}

/// The help on a person's outcomes screen, as `who` opens it.
fn outcomes_help(engine: Engine, who: &str) -> String {
    let mut h = demo_app(engine, who, (120, 40));
    if h.app.screen == Screen::Picker {
        h.key(KeyCode::Enter);
    }
    h.keys("2?");
    h.screen()
}

fn an_apprentice_is_offered_only_what_she_may_do_where_she_is(engine: Engine) {
    let help = outcomes_help(engine, "Ben Okafor");
    for missing in [
        "load the demo",
        "record a judgement",
        "run a check-in",
        "back to the list of people",
        "accept the selected",
    ] {
        assert!(!help.contains(missing), "{missing}: {help}");
    }
    assert!(help.contains("own status"), "{help}");
    insta::assert_snapshot!("help_apprentice_outcomes_120x40", help);
}

fn an_assessor_is_offered_judging_and_check_ins_and_not_an_apprentices_keys(engine: Engine) {
    let help = outcomes_help(engine, "Sam Patel");
    for wanted in ["record a judgement", "run a check-in"] {
        assert!(help.contains(wanted), "{wanted}: {help}");
    }
    for missing in ["load the demo", "own status: next step", "add hours"] {
        assert!(!help.contains(missing), "{missing}: {help}");
    }
    insta::assert_snapshot!("help_assessor_outcomes_120x40", help);
}

fn own_status(h: &Harness) -> OutcomeStatus {
    let code = h.app.selected_outcome().expect("an outcome selected");
    let loaded = h.app.loaded.as_ref().expect("open");
    let outcome = loaded.standing.outcomes.iter().find(|o| o.code == code);
    outcome.expect("outcome").status
}

fn esc_clears_a_filter_before_it_leaves_then_backs_out_one_level(engine: Engine) {
    let mut h = demo_app(engine, "Sam Patel", (120, 40));
    h.keys("/Chl");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen, Screen::Picker);
    assert!(h.app.filter.text.is_empty(), "the name filter is cleared");
    h.key(KeyCode::Enter);
    h.keys("2f");
    assert!(h.app.filter.status.is_some());
    assert!(h.screen().contains("Esc clear filter"), "{}", h.screen());
    h.key(KeyCode::Esc);
    assert!(!h.app.filter.active(), "cleared first");
    assert_eq!((h.app.screen, h.app.tab), (Screen::Person, Tab::Outcomes));
    assert!(h.screen().contains("Esc dashboard"), "{}", h.screen());
    h.key(KeyCode::Esc);
    assert_eq!((h.app.screen, h.app.tab), (Screen::Person, Tab::Dashboard));
    assert!(h.screen().contains("Esc people"), "{}", h.screen());
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen, Screen::Picker);
}

fn esc_on_an_apprentices_own_dashboard_says_how_to_quit(engine: Engine) {
    let mut h = demo_app(engine, "Ben Okafor", (80, 24));
    h.keys("3");
    h.key(KeyCode::Esc);
    assert_eq!(h.app.tab, Tab::Dashboard);
    h.key(KeyCode::Esc);
    assert_eq!((h.app.screen, h.app.tab), (Screen::Person, Tab::Dashboard));
    assert!(h.status().contains("q quits"), "{}", h.status());
    assert!(!h.app.quit);
}

fn s_steps_the_own_status_on_up_to_completed_and_no_further(engine: Engine) {
    let mut h = demo_app(engine, "Ben Okafor", (80, 24));
    h.keys("2G"); // the last outcome
    for _ in 0..4 {
        h.keys("s");
    }
    assert_eq!(own_status(&h), OutcomeStatus::Completed);
    h.keys("s");
    assert_eq!(own_status(&h), OutcomeStatus::Completed, "no wrap-around");
    assert!(h.status().contains("already completed"), "{}", h.status());
}

fn capital_s_steps_the_own_status_back_down_to_not_started(engine: Engine) {
    let mut h = demo_app(engine, "Ben Okafor", (80, 24));
    h.keys("2G");
    for _ in 0..4 {
        h.keys("s");
    }
    h.keys("S");
    assert_eq!(own_status(&h), OutcomeStatus::ReadyForReview);
    h.keys("SS");
    assert_eq!(own_status(&h), OutcomeStatus::NotStarted);
    h.keys("S");
    assert_eq!(own_status(&h), OutcomeStatus::NotStarted);
    assert!(h.status().contains("already not started"), "{}", h.status());
}

fn the_palette_runs_judging_on_the_outcomes_screen_as_j_would(engine: Engine) {
    let mut h = demo_app(engine, "Sam Patel", (80, 24));
    h.key(KeyCode::Enter);
    h.keys("2:judg");
    assert!(h.screen().contains("record a judgement"), "{}", h.screen());
    h.key(KeyCode::Enter);
    let Overlay::Form(form) = &h.app.overlay else {
        panic!("the judgement form opens: {}", h.screen());
    };
    assert!(form.title.contains("Judge"), "{}", form.title);
}

fn the_palette_goes_to_a_screen_by_name_and_esc_closes_it(engine: Engine) {
    let mut h = demo_app(engine, "Ben Okafor", (80, 24));
    h.keys(":readi");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.tab, Tab::Readiness);
    assert!(matches!(h.app.overlay, Overlay::None));
    h.keys(":hour");
    h.key(KeyCode::Esc);
    assert!(matches!(h.app.overlay, Overlay::None));
    assert_eq!(h.app.tab, Tab::Readiness, "Esc ran nothing");
}

fn the_palette_offers_only_what_the_person_may_do_here(engine: Engine) {
    let mut h = demo_app(engine, "Ben Okafor", (80, 24));
    h.keys("2:");
    insta::assert_snapshot!("palette_apprentice_outcomes_80x24", h.screen());
    h.keys("judg");
    assert!(!h.screen().contains("record a judgement"), "{}", h.screen());
}

fn the_palette_works_in_check_in_mode(engine: Engine) {
    let mut h = in_checkin(engine, (80, 24));
    h.keys(":concern");
    h.key(KeyCode::Enter);
    assert_eq!(step(&h), Step::Concerns);
    assert_eq!(h.app.screen, Screen::Checkin);
}

on_both_engines!(
    the_palette_runs_judging_on_the_outcomes_screen_as_j_would,
    the_palette_goes_to_a_screen_by_name_and_esc_closes_it,
    the_palette_offers_only_what_the_person_may_do_here,
    the_palette_works_in_check_in_mode,
    esc_clears_a_filter_before_it_leaves_then_backs_out_one_level,
    esc_on_an_apprentices_own_dashboard_says_how_to_quit,
    s_steps_the_own_status_on_up_to_completed_and_no_further,
    capital_s_steps_the_own_status_back_down_to_not_started,
    an_apprentice_is_offered_only_what_she_may_do_where_she_is,
    an_assessor_is_offered_judging_and_check_ins_and_not_an_apprentices_keys,
    help_in_check_in_mode_lists_its_keys_and_closes_back_into_it,
    help_opens_with_f1_while_text_is_typed_and_question_marks_are_typed,
    the_first_footer_of_a_check_in_shows_its_keys,
    the_outcomes_footer_names_the_judgement_keys,
    a_number_jumps_to_its_section_saving_the_draft,
    letters_go_to_the_text_in_a_section_that_takes_text,
    a_click_on_a_section_name_jumps_there,
);
