//! The app through `TestBackend`: whole screens as snapshots at 80×24 and
//! 120×40 (demo data, a fixed day), and the event loop driven by synthetic
//! keys and clicks against a real database, on both engines: each screen
//! is one snapshot that both engines must draw.

use chrono::Datelike;
use chrono::NaiveDate;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use pcso_tracker::domain::Role;
use pcso_tracker::framework::Registry;
use pcso_tracker::ops::{Clock, DEMO_ADMINISTRATOR, Enrolling, Ops};
use pcso_tracker::store::Store;
use pcso_tracker::tui::action::Action;
use pcso_tracker::tui::app::{Overlay, Screen, Tab};
use pcso_tracker::tui::background::Background;
use pcso_tracker::tui::{Launch, prepare, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod common;

use common::engine::Engine;
use common::harness::{self, Harness};

/// The app on `engine`, holding the demo when `demo`, started as `--as`
/// says.
fn start(engine: Engine, demo: bool, acting_as: Option<&str>, size: (u16, u16)) -> Harness {
    set_up(
        engine,
        |store, registry, clock| {
            if demo {
                let mut ops = Ops::new(store, registry, clock, None);
                ops.load_demo(false).expect("demo");
            }
        },
        acting_as,
        size,
    )
}

/// The app started on a database filled by `fill`.
fn set_up(
    engine: Engine,
    fill: impl FnOnce(&mut Store, &Registry, Clock),
    acting_as: Option<&str>,
    size: (u16, u16),
) -> Harness {
    let store = harness::filled(&engine, fill);
    let mut h = Harness::start(engine, store, acting_as, size);
    // As the event loop does after the first frame, before any key.
    h.idle();
    h
}

impl Harness {
    fn evidence_for(&self, code: &str) -> usize {
        let loaded = self.app.loaded.as_ref().expect("a person is open");
        loaded
            .standing
            .outcomes
            .iter()
            .find(|o| o.code == code)
            .expect("outcome")
            .evidence_count
    }
}

/// History rows carry the real time they were written; the rest of a
/// screen is fixed by the demo's day.
macro_rules! assert_screen {
    ($name:expr, $screen:expr) => {
        insta::with_settings!({ filters => vec![
            // A field's name is a word or two: "status:", "judgement note:".
            (r"\d{4}-\d{2}-\d{2}( (?:\w+|[a-z]+ [a-z]+):)", "[written]$1"),
            (r"(→ [a-z ]+) \(\d{4}-\d{2}-\d{2}\)", "$1 ([written])"),
        ] }, {
            insta::assert_snapshot!($name, $screen);
        })
    };
}

fn snapshot_every_screen(engine: Engine, size: (u16, u16)) {
    let suffix = format!("{}x{}", size.0, size.1);
    let welcome = start(engine.fresh(), false, None, size);
    assert_screen!(format!("welcome_{suffix}"), welcome.screen());
    let mut picker = start(engine, true, Some("Sam Patel"), size);
    assert_screen!(format!("caseload_{suffix}"), picker.screen());
    picker.key(KeyCode::Down);
    picker.key(KeyCode::Enter);
    for tab in Tab::ALL {
        picker.keys(&(tab.index() + 1).to_string());
        assert_screen!(
            format!("{}_{suffix}", tab.title().to_lowercase()),
            picker.screen()
        );
    }
    picker.key(KeyCode::Char('?'));
    assert_screen!(format!("help_{suffix}"), picker.screen());
    for _ in 0..3 {
        picker.key(KeyCode::PageDown);
    }
    assert!(
        picker.screen().contains("Ctrl-S saves"),
        "help scrolls to its end at {suffix}"
    );
    picker.key(KeyCode::Esc);
    assert!(matches!(picker.app.overlay, Overlay::None));
    picker.keys("3a");
    assert_screen!(format!("evidence_form_{suffix}"), picker.screen());
}

fn every_screen_at_80_by_24(engine: Engine) {
    snapshot_every_screen(engine, (80, 24));
}

fn every_screen_at_120_by_40(engine: Engine) {
    snapshot_every_screen(engine, (120, 40));
}

fn adding_evidence_for_lo3_raises_its_count_and_moves_the_dashboard(engine: Engine) {
    let mut h = start(engine, true, Some("Ben Okafor"), (80, 24));
    assert_eq!(h.app.screen, Screen::Person);
    let before = h.evidence_for("LO3");
    let gateway_before = h
        .app
        .loaded
        .as_ref()
        .and_then(|l| l.standing.gateway.clone())
        .expect("gateway");
    h.keys("2");
    h.keys("jj"); // LO3 selected: the form preselects it
    h.keys("3a");
    h.keys("Ward panel write-up");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.key(KeyCode::Right); // the kind is chosen, never assumed
    h.key(KeyCode::Tab);
    h.keys("Notes from the meeting");
    h.ctrl('s');
    assert!(
        matches!(h.app.overlay, Overlay::None),
        "saved without complaint"
    );
    assert_eq!(h.evidence_for("LO3"), before + 1);
    let count = h.count("SELECT count(*) FROM evidence WHERE title = 'Ward panel write-up'");
    assert_eq!(count, 1);
    h.keys("1");
    assert!(h.screen().contains("Ben Okafor"));
    // LO6 had no evidence; mapping to it clears that gateway blocker.
    h.keys("3a");
    h.keys("Housing visit");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.key(KeyCode::Right);
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    for _ in 0..5 {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Char(' '));
    h.ctrl('s');
    let gateway_after = h
        .app
        .loaded
        .as_ref()
        .and_then(|l| l.standing.gateway.clone())
        .expect("gateway");
    let evidence_blocker = |g: &pcso_tracker::domain::standing::GatewayStanding| {
        g.blockers
            .iter()
            .find(|b| b.starts_with("no evidence"))
            .cloned()
            .unwrap_or_default()
    };
    assert!(evidence_blocker(&gateway_before).contains("LO6"));
    assert!(
        !evidence_blocker(&gateway_after).contains("LO6"),
        "{}",
        evidence_blocker(&gateway_after)
    );
}

fn undo_takes_back_the_last_change_and_keeps_it_in_history(engine: Engine) {
    let mut h = start(engine, true, Some("Ben Okafor"), (80, 24));
    h.keys("2");
    let code = h.app.selected_outcome().expect("selected").to_string();
    let status = |h: &Harness| h.app.loaded.as_ref().expect("open").standing.outcomes[0].status;
    let before = status(&h);
    h.keys("S"); // LO1 is completed: a step back
    assert_ne!(status(&h), before);
    h.keys("u");
    assert_eq!(status(&h), before);
    let rows = h.count(&format!(
        "SELECT count(*) FROM history WHERE record = 'outcome_progress' AND record_id LIKE '%/{code}'"
    ));
    assert!(rows >= 2, "the change and its undo are both in history");
}

fn deleting_evidence_asks_first_and_can_be_undone(engine: Engine) {
    let mut h = start(engine, true, Some("Ben Okafor"), (80, 24));
    h.keys("3");
    let count = |h: &Harness| h.app.evidence_rows().len();
    let before = count(&h);
    h.keys("d");
    assert!(h.screen().contains("Delete?"));
    h.keys("n");
    assert_eq!(count(&h), before, "any key but y keeps it");
    h.keys("d");
    h.keys("y");
    assert_eq!(count(&h), before - 1);
    h.keys("u");
    assert_eq!(count(&h), before);
}

fn only_an_assessor_has_a_key_that_records_a_judgement(engine: Engine) {
    let mut apprentice = start(engine.fresh(), true, Some("Ben Okafor"), (120, 40));
    apprentice.keys("2");
    apprentice.keys("J");
    assert!(matches!(apprentice.app.overlay, Overlay::None));
    assert!(
        !apprentice.screen().contains("J judge"),
        "no judging key in the footer"
    );

    let mut assessor = start(engine, true, Some("Sam Patel"), (120, 40));
    assessor.key(KeyCode::Down);
    assessor.key(KeyCode::Enter);
    assessor.keys("2");
    assessor.keys("jjj"); // LO4: completed, not yet judged
    assert!(assessor.screen().contains("J judge"));
    assessor.keys("J");
    assert!(matches!(assessor.app.overlay, Overlay::Form(_)));
    assessor.key(KeyCode::Left); // from nothing chosen, Left starts at the highest
    assessor.key(KeyCode::Tab);
    assessor.keys("Clear intelligence report");
    assessor.ctrl('s');
    let lo4 = &assessor
        .app
        .loaded
        .as_ref()
        .expect("open")
        .standing
        .outcomes[3];
    assert_eq!(lo4.code, "LO4");
    assert_eq!(lo4.judgement, pcso_tracker::domain::Judgement::Exceeds);
}

fn a_refused_form_keeps_everything_typed(engine: Engine) {
    let mut h = start(engine, true, Some("Ben Okafor"), (80, 24));
    h.keys("5a");
    h.key(KeyCode::Tab);
    h.keys("20");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Right);
    h.ctrl('s');
    assert!(matches!(h.app.overlay, Overlay::Error(_)));
    assert!(h.screen().contains("daily cap"), "{}", h.screen());
    h.key(KeyCode::Enter);
    match &h.app.overlay {
        Overlay::Form(form) => assert_eq!(form.value("Hours"), "20"),
        _ => panic!("the form came back"),
    }
}

fn the_outcome_filter_narrows_the_table_as_you_type(engine: Engine) {
    let mut h = start(engine, true, Some("Ben Okafor"), (120, 40));
    h.keys("2/");
    h.keys("victim");
    h.key(KeyCode::Enter);
    assert_eq!(
        h.app.visible_outcomes().len(),
        2,
        "LO2 and LO8 mention victims"
    );
    assert!(h.screen().contains("Outcomes 2 of 14"));
}

fn clicks_select_tabs_and_rows(engine: Engine) {
    let mut h = start(engine, true, Some("Ben Okafor"), (120, 40));
    // " 1 Dashboard │ 2 Outcomes │": the second tab starts at column 14.
    h.click(16, 0);
    assert_eq!(h.app.tab, Tab::Outcomes);
    // Header row at y 2, rows from y 3: the fourth row is LO4.
    h.click(10, 6);
    assert_eq!(h.app.selected_outcome(), Some("LO4"));
}

fn the_welcome_screen_adds_you_as_the_administrator_and_acts_as_you(engine: Engine) {
    let mut h = start(engine, false, None, (80, 24));
    assert_eq!(h.app.screen, Screen::Welcome);
    h.keys("a");
    h.keys("Jo Bloggs");
    h.key(KeyCode::Enter);
    assert!(matches!(h.app.overlay, Overlay::None), "{}", h.screen());
    assert_eq!(h.app.screen, Screen::Picker);
    let viewer = h.app.viewer.as_ref().expect("the app acts as someone");
    assert_eq!(viewer.name, "Jo Bloggs");
    assert_eq!(viewer.role, Role::Administrator);
    let role = h
        .engine
        .texts("SELECT role FROM person WHERE name = 'Jo Bloggs'");
    assert_eq!(role, ["administrator"]);
    let by_themselves = h.count(
        "SELECT count(*) FROM person p JOIN history h
          ON h.record = 'person' AND h.record_id = CAST(p.id AS TEXT)
         WHERE p.name = 'Jo Bloggs' AND h.field = 'name' AND h.actor_id = p.id",
    );
    assert_eq!(by_themselves, 1, "recorded as adding themselves");
}

/// The demo loaded from the welcome screen is set up by its administrator;
/// the app then asks who is using it, and the administrator is one choice.
fn the_demo_loaded_from_the_welcome_screen_is_set_up_by_its_administrator(engine: Engine) {
    let mut h = start(engine, false, None, (80, 24));
    h.keys("d");
    assert_eq!(h.app.screen, Screen::Picker);
    h.keys("Priya");
    h.key(KeyCode::Enter);
    let viewer = h.app.viewer.as_ref().expect("the app acts as someone");
    assert_eq!(viewer.name, DEMO_ADMINISTRATOR);
    let nobody = h.count("SELECT count(*) FROM history WHERE actor_id IS NULL");
    assert_eq!(nobody, 0, "every change of the demo has its author");
}

fn typed_escape_sequences_never_reach_the_screen(engine: Engine) {
    let mut h = start(engine, true, Some("Ben Okafor"), (80, 24));
    h.keys("3a");
    h.keys("Bold \u{1b}[1mclaim");
    let screen = h.screen();
    assert!(!screen.contains('\u{1b}'));
    assert!(
        screen.contains("Bold [1mclaim"),
        "the escape character itself is dropped: {screen}"
    );
}

fn any_size_draws_without_panicking_and_tiny_ones_ask_for_more_room(engine: Engine) {
    let mut h = start(engine, true, Some("Ben Okafor"), (80, 24));
    for (width, height) in [
        (1, 1),
        (2, 1),
        (10, 3),
        (59, 30),
        (80, 15),
        (60, 16),
        (300, 100),
    ] {
        h.app.size = (width, height);
        for tab in 1..=7 {
            h.keys(&tab.to_string());
            let screen = h.screen();
            if width < 60 || height < 16 {
                if width >= 20 && height >= 3 {
                    assert!(screen.contains("Enlarge"), "{width}x{height}: {screen}");
                }
            } else {
                assert!(!screen.contains("Enlarge"), "{width}x{height}");
            }
        }
    }
}

fn an_assessor_runs_a_whole_check_in_from_the_caseload_to_a_sealed_record(engine: Engine) {
    let mut h = start(engine, true, Some("Sam Patel"), (80, 24));
    // Chloe Evans's check-in is overdue, so she heads the caseload.
    assert!(h.screen().contains("▶ Chloe Evans"));
    h.keys("c");
    assert_eq!(h.app.screen, Screen::Checkin);
    assert_screen!("checkin_since_last_80x24", h.screen());
    h.key(KeyCode::Char(' ')); // the action agreed last time was done
    h.key(KeyCode::Tab);
    // K3 competent, after the seven claimed done and not yet judged
    // competent (four judged not yet competent at the last review).
    h.keys("jjjjjjjc");
    h.key(KeyCode::Enter);
    h.keys("Newsletter piece seen");
    h.key(KeyCode::Enter);
    h.keys("jn"); // K4 not yet competent
    assert_screen!("checkin_outcomes_80x24", h.screen());
    h.key(KeyCode::Tab);
    h.keys("12 h behind after leave; catch-up agreed");
    h.key(KeyCode::Tab);
    h.keys("Diploma unit 6 moved to January");
    h.key(KeyCode::Tab);
    h.keys("None");
    h.key(KeyCode::Tab);
    h.keys("a");
    h.keys("Map evidence to K3");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Right); // owner: apprentice
    h.ctrl('s');
    h.key(KeyCode::Tab); // next date: the default is kept
    h.key(KeyCode::Tab);
    h.ctrl('s'); // completed: the content is fixed
    // Each Enter signs the line selected, then the next awaited is: Sam
    // as himself, then Chloe and Grace, who have no PIN here.
    for signer in ["Sam Patel", "Chloe Evans", "Grace Mensah"] {
        assert_eq!(h.app.screen, Screen::Checkin, "{signer} still to sign");
        h.key(KeyCode::Enter);
    }
    assert_eq!(
        h.app.screen,
        Screen::Person,
        "signed by everyone, sealed and back on the dashboard"
    );
    assert_eq!(
        h.app.status_line.as_deref(),
        Some("check-in 12 signed by everyone and sealed")
    );
    let loaded = h.app.loaded.as_ref().expect("open");
    let k3 = loaded
        .standing
        .outcomes
        .iter()
        .find(|o| o.code == "K3")
        .expect("K3");
    assert_eq!(k3.judgement, pcso_tracker::domain::Judgement::Competent);
    assert!(
        !loaded.standing.checkins.overdue,
        "the overdue check-in is done"
    );
    let (problems, sealed) = h.store.verify_seals().expect("verify");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(sealed, 10);
    let record = h.store.checkin(12).expect("the new check-in");
    assert!(record.sealed);
    assert_eq!(
        record.signed.as_ref().map(|s| s.apprentice.as_str()),
        Some("Chloe Evans")
    );
    assert_eq!(
        record
            .content
            .section(pcso_tracker::domain::CheckinSection::Hours),
        "12 h behind after leave; catch-up agreed"
    );
    assert_eq!(record.content.actions.len(), 1);
    assert!(record.content.action_reviews.iter().all(|r| r.done));
    assert!(record.content.judgements.iter().any(|j| j.code == "K3"
        && j.judgement == pcso_tracker::domain::Judgement::Competent
        && j.note == "Newsletter piece seen"));
}

fn leaving_a_check_in_part_way_keeps_the_draft_and_ctrl_z_undoes_within_it(engine: Engine) {
    let mut h = start(engine, true, Some("Sam Patel"), (80, 24));
    h.keys("c");
    h.key(KeyCode::Tab);
    h.keys("c");
    h.keys("j");
    h.keys("e");
    h.ctrl('z');
    assert_eq!(
        h.app.checkin.as_ref().map(|s| s.content.judgements.len()),
        Some(1),
        "the last judgement is undone"
    );
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen, Screen::Person);
    let draft = h.store.checkin(12).expect("draft");
    assert!(!draft.sealed);
    assert_eq!(draft.content.judgements.len(), 1);
    h.keys("c");
    assert_eq!(
        h.app
            .checkin
            .as_ref()
            .map(|s| (s.id, s.content.judgements.len())),
        Some((12, 1)),
        "resumed, nothing lost"
    );
}

fn an_apprentice_cannot_start_a_check_in(engine: Engine) {
    let mut h = start(engine, true, Some("Ben Okafor"), (80, 24));
    h.keys("c");
    assert_eq!(h.app.screen, Screen::Person);
}

fn the_caseload_can_be_ordered_by_name_and_filtered(engine: Engine) {
    let mut h = start(engine, true, Some("Sam Patel"), (80, 24));
    assert_eq!(h.app.picker_rows()[0].name, "Chloe Evans", "overdue first");
    h.order_by_name();
    assert_eq!(h.app.picker_rows()[0].name, "Amy Clark", "by name");
    h.keys("/");
    h.keys("da");
    h.key(KeyCode::Enter);
    let names: Vec<&str> = h
        .app
        .picker_rows()
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["Dan Hughes"]);
}

/// The detail pane describes the outcome selected now, whichever way the
/// filter changed: LO1's judgement history must not appear under another.
fn changing_the_outcome_filter_shows_the_newly_selected_outcomes_history(engine: Engine) {
    // The first type holds LO1; the second does not.
    for key in ["f", "tt"] {
        let mut h = start(engine.fresh(), true, Some("Ben Okafor"), (120, 40));
        h.keys("2");
        assert_eq!(h.app.selected_outcome(), Some("LO1"));
        assert!(
            h.screen().contains("competent (Sam Patel)"),
            "LO1's history"
        );
        h.keys(key);
        let selected = h.app.selected_outcome().expect("selected").to_string();
        assert_ne!(selected, "LO1", "after {key}");
        let screen = h.screen();
        assert!(
            !screen.contains("competent (Sam Patel)"),
            "LO1's history under {selected} after {key}: {screen}"
        );
    }
}

/// The text of the open form's message, if a form is open.
fn form_message(h: &Harness) -> Option<String> {
    match &h.app.overlay {
        Overlay::Form(form) => form.message.clone(),
        _ => None,
    }
}

fn a_requirement_with_no_result_is_not_recorded_as_met_by_enter(engine: Engine) {
    // Sam Patel assesses Ben, and confirms his diploma.
    let mut h = start(engine, true, Some("Sam Patel"), (80, 24));
    let ben = h.store.find_person("Ben Okafor").expect("Ben").id;
    h.app.open_person(&h.store, ben).expect("Ben opens");
    let rows = |h: &Harness| h.count("SELECT count(*) FROM requirement_record");
    let before = rows(&h);
    h.keys("4");
    for _ in 0..8 {
        h.key(KeyCode::Down); // the diploma, with no result on record
    }
    assert_eq!(h.app.cursors.requirements, 8);
    h.key(KeyCode::Enter);
    assert!(h.screen().contains("not chosen"), "{}", h.screen());
    h.key(KeyCode::Enter);
    h.ctrl('s');
    assert_eq!(rows(&h), before, "nothing recorded");
    let message = form_message(&h).expect("the form stays open, saying why");
    assert!(message.starts_with("Status:"), "{message}");
    assert!(h.screen().contains("Status: choose one"), "{}", h.screen());
    h.key(KeyCode::Right); // pending: chosen by the user
    h.ctrl('s');
    assert!(matches!(h.app.overlay, Overlay::None));
    assert_eq!(rows(&h), before + 1);
}

fn judging_from_the_outcomes_screen_starts_with_no_judgement_chosen(engine: Engine) {
    let mut h = start(engine, true, Some("Sam Patel"), (120, 40));
    h.key(KeyCode::Down);
    h.key(KeyCode::Enter);
    h.keys("2jjj"); // LO4: completed, not yet judged
    h.keys("J");
    h.key(KeyCode::Enter);
    assert_eq!(
        form_message(&h).as_deref(),
        Some("Judgement: choose one with ←/→")
    );
    h.ctrl('s');
    let lo4 = |h: &Harness| h.app.loaded.as_ref().expect("open").standing.outcomes[3].judgement;
    assert_eq!(lo4(&h), pcso_tracker::domain::Judgement::NotAssessed);
    assert!(matches!(h.app.overlay, Overlay::Form(_)), "still open");
    // An outcome already judged keeps its judgement in the form.
    h.key(KeyCode::Esc);
    h.keys("k");
    h.keys("J");
    match &h.app.overlay {
        Overlay::Form(form) => assert_eq!(form.value("Judgement"), "competent"),
        _ => panic!("the judgement form opened"),
    }
}

fn a_check_in_note_on_an_unjudged_outcome_records_no_judgement(engine: Engine) {
    let mut h = start(engine, true, Some("Sam Patel"), (80, 24));
    h.keys("c");
    h.key(KeyCode::Tab);
    let code = h.app.checkin.as_ref().expect("session").outcome_codes[0].clone();
    // Before, Enter opened a note and a second Enter judged it competent.
    h.key(KeyCode::Enter);
    h.key(KeyCode::Enter);
    let session = h.app.checkin.as_ref().expect("session");
    assert!(
        session.content.judgement_of(&code).is_none(),
        "Enter alone judged {code}"
    );
    assert!(session.note.is_none(), "no note without a judgement");
    assert!(h.screen().contains("Judgement: choose"), "{}", h.screen());
    // Once judged, Enter adds the note to that judgement.
    h.keys("n");
    h.key(KeyCode::Enter);
    h.keys("More evidence needed");
    h.key(KeyCode::Enter);
    let judged = h
        .app
        .checkin
        .as_ref()
        .expect("session")
        .content
        .judgement_of(&code)
        .cloned();
    assert_eq!(
        judged.map(|j| (j.judgement, j.note)),
        Some((
            pcso_tracker::domain::Judgement::NotYetCompetent,
            "More evidence needed".to_string()
        ))
    );
}

fn a_check_in_walks_completed_unjudged_outcomes_first_and_shows_judgements_on_record(
    engine: Engine,
) {
    let mut h = start(engine, true, Some("Sam Patel"), (120, 40));
    h.keys("c"); // Chloe Evans
    h.key(KeyCode::Tab);
    let waiting: Vec<String> = {
        let loaded = h.app.loaded.as_ref().expect("open");
        loaded
            .standing
            .outcomes
            .iter()
            .filter(|o| o.status == pcso_tracker::domain::OutcomeStatus::Completed)
            // Not yet judged competent: unjudged, or judged not yet competent.
            .filter(|o| !o.judged_competent())
            .map(|o| o.code.clone())
            .collect()
    };
    assert!(!waiting.is_empty(), "the demo has some waiting");
    let walked = h
        .app
        .checkin
        .as_ref()
        .expect("session")
        .outcome_codes
        .clone();
    assert_eq!(walked[..waiting.len()], waiting[..], "waiting ones first");
    // All outcomes: each shows the judgement already on record.
    h.keys("a");
    let screen = h.screen();
    let lo1 = screen
        .lines()
        .find(|line| line.contains(" LO1 "))
        .expect("LO1 listed");
    assert!(lo1.contains("competent"), "{screen}");
}

/// Into a new check-in, on to the step after `tabs` Tabs.
fn checkin_at_step(engine: Engine, tabs: usize) -> Harness {
    let mut h = start(engine, true, Some("Sam Patel"), (80, 24));
    h.keys("c");
    for _ in 0..tabs {
        h.key(KeyCode::Tab);
    }
    h
}

fn a_wrongly_written_next_date_is_reported_on_leaving_the_step(engine: Engine) {
    for leave in [KeyCode::Tab, KeyCode::Enter] {
        let mut h = checkin_at_step(engine.fresh(), 6);
        assert!(h.screen().contains("The next check-in"));
        for _ in 0..10 {
            h.key(KeyCode::Backspace);
        }
        h.keys("19/12/2026");
        h.key(leave);
        let screen = h.screen();
        assert!(
            matches!(&h.app.overlay, Overlay::Error(m) if m.starts_with("Next date:")),
            "{leave:?}: {screen}"
        );
        h.key(KeyCode::Enter); // closes the message
        assert!(
            h.screen().contains("The next check-in"),
            "still on the date"
        );
        for _ in 0..10 {
            h.key(KeyCode::Backspace);
        }
        h.keys("2026-12-19");
        h.key(leave);
        assert!(matches!(h.app.overlay, Overlay::None));
        let session = h.app.checkin.as_ref().expect("session");
        assert_eq!(
            session.content.next_due.map(|d| d.to_string()).as_deref(),
            Some("2026-12-19")
        );
        assert!(h.screen().contains("Sign off"), "moved on with {leave:?}");
    }
}

fn a_wrongly_written_action_due_date_is_reported_on_leaving_the_field(engine: Engine) {
    let mut h = checkin_at_step(engine, 5);
    h.keys("a");
    h.keys("Map evidence to K3");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Right);
    h.key(KeyCode::Tab);
    for _ in 0..10 {
        h.key(KeyCode::Backspace);
    }
    h.keys("next week");
    h.key(KeyCode::Tab); // back round to the first field
    let message = form_message(&h).expect("said at once");
    assert!(message.starts_with("Due:"), "{message}");
    assert!(h.screen().contains("Due:"), "{}", h.screen());
}

fn returning_to_the_caseload_shows_a_draft_just_started(engine: Engine) {
    let mut h = start(engine, true, Some("Sam Patel"), (120, 40));
    let chloe = |h: &Harness| {
        h.screen()
            .lines()
            .find(|line| line.contains("Chloe Evans"))
            .map(str::to_string)
            .expect("Chloe listed")
    };
    assert!(!chloe(&h).contains("draft"), "{}", chloe(&h));
    h.keys("c");
    h.key(KeyCode::Esc); // the draft is kept
    h.key(KeyCode::Esc); // back to the caseload
    assert_eq!(h.app.screen, Screen::Picker);
    assert!(chloe(&h).contains("draft"), "{}", chloe(&h));
}

fn an_outcomes_history_says_how_many_earlier_entries_are_not_shown(engine: Engine) {
    let mut h = start(engine, true, Some("Ben Okafor"), (120, 40));
    h.keys("2");
    assert!(!h.screen().contains("earlier"));
    // LO1 has three changes on record; five more make eight, two beyond six.
    h.keys("SsSsS");
    assert_eq!(
        h.app.loaded.as_ref().expect("open").outcome_history.len(),
        8
    );
    assert!(
        h.screen().contains("… 2 earlier entries not shown"),
        "{}",
        h.screen()
    );
}

fn esc_people_is_offered_only_where_there_is_a_list_to_go_back_to(engine: Engine) {
    let mut apprentice = start(engine.fresh(), true, Some("Ben Okafor"), (120, 40));
    assert!(!apprentice.screen().contains("Esc people"));
    apprentice.keys("?");
    assert!(!apprentice.screen().contains("list of people"));
    apprentice.key(KeyCode::Esc); // closes the help
    apprentice.key(KeyCode::Esc);
    assert_eq!(
        apprentice.app.screen,
        Screen::Person,
        "an apprentice has no list"
    );

    let mut assessor = start(engine, true, Some("Sam Patel"), (120, 40));
    assessor.key(KeyCode::Enter);
    assert!(assessor.screen().contains("Esc people"));
    assessor.key(KeyCode::Esc);
    assert_eq!(assessor.app.screen, Screen::Picker);
}

/// Where each row of the screen ends on a terminal that draws every
/// character by its own width (as most do), however the layout measured it.
fn drawn_row_widths(h: &Harness) -> Vec<usize> {
    let (width, height) = h.app.size;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal
        .draw(|frame| view::draw(frame, &h.app))
        .expect("draw");
    let buffer = terminal.backend().buffer().clone();
    let cells = |text: &str| ratatui::text::Span::raw(text.to_string()).width();
    (0..height)
        .map(|y| {
            let (mut x, mut drawn) = (0, 0);
            while x < width {
                let symbol = buffer[(x, y)].symbol();
                drawn += symbol.chars().map(|c| cells(&c.to_string())).sum::<usize>();
                x += cells(symbol).max(1) as u16;
            }
            drawn
        })
        .collect()
}

fn emoji_in_an_evidence_title_keep_the_table_border_in_place(engine: Engine) {
    let mut h = start(engine, true, Some("Ben Okafor"), (80, 24));
    for title in [
        "👩‍🚒 Fire station visit",
        "❤️ Charity run",
        "👍🏽 Thanks from a resident",
    ] {
        h.keys("3a");
        h.keys(title);
        h.key(KeyCode::Tab);
        h.key(KeyCode::Tab);
        h.key(KeyCode::Right);
        h.ctrl('s');
        assert!(matches!(h.app.overlay, Overlay::None), "saved {title}");
    }
    let screen = h.screen();
    for (row, drawn) in drawn_row_widths(&h).into_iter().enumerate() {
        assert_eq!(drawn, 80, "row {row} runs past its border: {screen}");
    }
    let stored = h
        .engine
        .texts("SELECT title FROM evidence WHERE title LIKE '%Fire station%'");
    assert_eq!(stored, ["👩‍🚒 Fire station visit"], "stored as typed");
}

/// The demo, and Sam Patel's caseload grown well past a screenful with
/// "Trainee 001" to "Trainee 120", the later-numbered starting earlier (so
/// due for a check-in sooner).
fn long_caseload(engine: Engine, acting_as: Option<&str>) -> Harness {
    set_up(
        engine,
        |store, registry, clock| {
            let (sam, admin) = {
                let mut ops = Ops::new(store, registry, clock, None);
                ops.load_demo(false).expect("demo");
                let find = |name| store.find_person(name).expect(name).id;
                (find("Sam Patel"), find(DEMO_ADMINISTRATOR))
            };
            let mut ops = Ops::new(store, registry, clock, Some(admin));
            let first = NaiveDate::from_ymd_opt(2025, 1, 1).expect("date");
            for number in 1..=120u64 {
                let start = first + chrono::Days::new(121 - number);
                let new = Enrolling {
                    name: format!("Trainee {number:03}"),
                    start: Some(start),
                    assessor: Some(sam),
                    ..Enrolling::default()
                };
                ops.enrol(&new).expect("enrol");
            }
        },
        acting_as,
        (80, 24),
    )
}

impl Harness {
    /// The name on the selected row, as drawn.
    fn selected_name(&self) -> String {
        let screen = self.screen();
        let line = screen
            .lines()
            .find(|line| line.contains('▶'))
            .unwrap_or_else(|| panic!("a row is selected:\n{screen}"));
        let after = line.split('▶').nth(1).unwrap_or_default().trim();
        after
            .split("  ")
            .next()
            .unwrap_or_default()
            .trim()
            .to_string()
    }

    /// Sam Patel's caseload by name, sorted here from the raw file.
    fn caseload_by_name(&self) -> Vec<String> {
        let mut names = self.engine.texts(
            "SELECT p.name FROM person p JOIN person a ON a.id = p.assessor_id
             WHERE a.name = 'Sam Patel'",
        );
        names.sort_by_key(|name: &String| name.to_lowercase());
        names
    }
}

fn a_caseload_longer_than_the_screen_pages_to_its_end_and_back(engine: Engine) {
    let mut h = long_caseload(engine, Some("Sam Patel"));
    h.order_by_name();
    let names = h.caseload_by_name();
    assert!(names.len() > 120);
    let count = format!("People ({})", names.len());
    assert!(h.screen().contains(&count), "{}", h.screen());
    assert_eq!(h.selected_name(), names[0]);
    // A page is the body less four rows: 18 rows at 80×24.
    h.key(KeyCode::PageDown);
    assert_eq!(h.selected_name(), names[18]);
    h.key(KeyCode::PageDown);
    h.key(KeyCode::Down);
    assert_eq!(h.selected_name(), names[37]);
    h.key(KeyCode::End);
    assert_eq!(h.selected_name(), names[names.len() - 1]);
    assert!(h.screen().contains(&count));
    h.key(KeyCode::PageUp);
    h.key(KeyCode::Up);
    assert_eq!(h.selected_name(), names[names.len() - 20]);
    // 19 rows show from y 3, the selection on the bottom one once the list
    // has scrolled: the top row is 18 before it.
    h.click(10, 3);
    let top = names.len() - 20 - 18;
    assert_eq!(h.selected_name(), names[top]);
    h.key(KeyCode::Home);
    assert_eq!(h.selected_name(), names[0]);
    // Page by page to the end and back, each row where it belongs.
    let last = names.len() - 1;
    let mut at = 0;
    while at < last {
        h.key(KeyCode::PageDown);
        at = (at + 18).min(last);
        assert_eq!(h.selected_name(), names[at]);
    }
    while at > 0 {
        h.key(KeyCode::PageUp);
        at = at.saturating_sub(18);
        assert_eq!(h.selected_name(), names[at]);
        h.key(KeyCode::Down);
        assert_eq!(h.selected_name(), names[at + 1]);
        h.key(KeyCode::Up);
    }
    h.key(KeyCode::Enter);
    assert_eq!(
        h.app.loaded.as_ref().map(|l| l.person.name.as_str()),
        Some(names[0].as_str())
    );
    assert!(
        h.app.people.rows.len() < names.len(),
        "only the rows around the screen are held"
    );
}

fn the_filter_and_the_order_of_a_long_caseload_show_whom_they_should(engine: Engine) {
    let mut h = long_caseload(engine, Some("Sam Patel"));
    // Next check-in first: the trainee who started first is the most overdue.
    assert_eq!(h.selected_name(), "Trainee 120");
    let trainee = |at: usize| format!("Trainee {:03}", 120 - at);
    let mut at = 0;
    while at + 18 < 120 {
        h.key(KeyCode::PageDown);
        at += 18;
        assert_eq!(h.selected_name(), trainee(at));
    }
    while at > 0 {
        h.key(KeyCode::PageUp);
        at -= 18;
        assert_eq!(h.selected_name(), trainee(at));
    }
    h.key(KeyCode::PageDown);
    assert_eq!(h.selected_name(), "Trainee 102");
    h.keys("/");
    h.keys("ee 11");
    h.key(KeyCode::Enter);
    assert!(h.screen().contains("People (10)"), "{}", h.screen());
    assert_eq!(h.selected_name(), "Trainee 119");
    h.key(KeyCode::End);
    assert_eq!(h.selected_name(), "Trainee 110");
    h.order_by_name();
    assert!(
        h.screen().contains("People (10) · by name"),
        "{}",
        h.screen()
    );
    assert_eq!(h.selected_name(), "Trainee 110");
    h.key(KeyCode::End);
    assert_eq!(h.selected_name(), "Trainee 119");
    // A filter's wildcard characters are taken as typed.
    h.keys("/");
    h.keys("%");
    h.key(KeyCode::Enter);
    assert!(h.screen().contains("People (0)"), "{}", h.screen());
}

fn the_list_of_everyone_pages_through_everyone_enrolled(engine: Engine) {
    let mut h = long_caseload(engine, None);
    let everyone = h.count("SELECT count(DISTINCT person_id) FROM enrolment");
    let count = format!("People ({everyone})");
    assert!(h.screen().contains(&count), "{}", h.screen());
    h.key(KeyCode::End);
    assert_eq!(h.selected_name(), "Trainee 120");
    h.keys("/");
    h.keys("TRAINEE 07");
    h.key(KeyCode::Enter);
    assert!(h.screen().contains("People (10)"), "{}", h.screen());
    assert_eq!(h.selected_name(), "Trainee 070");
}

/// Every other person's role made unreadable (but her assessor's and her
/// line manager's, whose names her record shows): any read of someone
/// else's row as a person fails, so an apprentice's own screens working
/// shows that nobody else is read.
fn an_apprentice_using_the_app_as_themselves_reads_nobody_else(engine: Engine) {
    let store = harness::demo(&engine);
    let unchecked = if engine.is_postgres() {
        "ALTER TABLE person DROP CONSTRAINT person_role_check;"
    } else {
        "PRAGMA ignore_check_constraints = ON;"
    };
    engine
        .execute(&format!(
            "{unchecked} UPDATE person SET role = 'unreadable' WHERE name NOT IN ('Ben Okafor', 'Sam Patel', 'Grace Mensah');"
        ))
        .expect("spoil");
    let mut h = Harness::start(engine, store, Some("Ben Okafor"), (120, 40));
    h.idle();
    assert!(h.screen().contains("Ben Okafor"));
    for key in "1234567".chars() {
        h.keys(&key.to_string());
        h.key(KeyCode::Down);
        h.key(KeyCode::End);
    }
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen, Screen::Person);
    // A change reads the screen again: still nobody else.
    h.keys("3a");
    h.keys("Shadowed a neighbourhood patrol");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.key(KeyCode::Right);
    h.ctrl('s');
    assert!(matches!(h.app.overlay, Overlay::None), "{}", h.screen());
    assert!(h.screen().contains("Shadowed a neighbourhood patrol"));
    assert!(h.app.people.rows.is_empty() && h.app.people.total == 0);

    // The same file opened without --as lists everyone, and so fails.
    let registry = Registry::load(None).expect("frameworks");
    let launch = Launch {
        clock: h.app.clock,
        acting_as: None,
    };
    assert!(prepare(&h.store, registry, &launch, (120, 40)).is_err());
}

fn caseload_columns_of_rows_paged_to_are_worked_out_between_keys(engine: Engine) {
    let mut h = long_caseload(engine, Some("Sam Patel"));
    let pending = |h: &Harness| {
        h.screen()
            .lines()
            .filter(|line| line.contains("Trainee") && line.contains('…'))
            .count()
    };
    assert_eq!(pending(&h), 0, "the first screen's columns are worked out");
    h.key(KeyCode::PageDown);
    h.key(KeyCode::PageDown);
    // The key is answered at once; the new rows' columns follow.
    assert!(pending(&h) > 0, "{}", h.screen());
    h.idle();
    assert_eq!(pending(&h), 0, "{}", h.screen());
    assert!(h.screen().contains("OVERDUE"), "{}", h.screen());
    // Paging back shows what was worked out already.
    h.key(KeyCode::Home);
    assert_eq!(pending(&h), 0, "{}", h.screen());
}

fn a_taller_window_shows_more_of_a_long_caseload(engine: Engine) {
    let mut h = long_caseload(engine, Some("Sam Patel"));
    h.order_by_name();
    let names = h.caseload_by_name();
    // 19 rows show at 80×24; 35 at 120×40.
    assert!(!h.screen().contains(&names[34]));
    h.event(Event::Resize(120, 40));
    let screen = h.screen();
    assert!(screen.contains(&names[34]), "{screen}");
    assert!(!screen.contains(&names[35]), "{screen}");
}

fn a_narrowed_list_is_worked_out_in_the_background_while_the_list_before_stays(engine: Engine) {
    let mut h = long_caseload(engine, Some("Sam Patel"));
    let mut background = Background::start(
        h.store.reader().expect("a reader"),
        h.app.registry.clone(),
        h.app.today,
    )
    .expect("start");
    // Without the harness's help: the keys alone, as the event loop sends them.
    for code in [KeyCode::Char('/'), KeyCode::Char('1'), KeyCode::Char('1')] {
        let key = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        let action = update::action_for_event(&h.app, &key).expect("a key");
        update::update(&mut h.app, &mut h.store, action);
    }
    let before = h.screen();
    assert!(
        before.contains("/11") && before.contains("finding…") && before.contains("People (12"),
        "the frame after the key shows what was typed over the list before: {before}"
    );
    let (generation, jobs) = h.app.take_jobs();
    assert!(
        !jobs.is_empty(),
        "the narrowed list is asked of the background"
    );
    for job in jobs {
        background.send(generation, job);
    }
    while let Some(done) = background.wait() {
        update::update(&mut h.app, &mut h.store, Action::Finished(Box::new(done)));
    }
    let after = h.screen();
    assert!(!after.contains("finding…"), "{after}");
    // Trainee 011, 110-119, and Sam's demo people do not match "11".
    assert!(after.contains("People (11)"), "{after}");
}

/// Signs Dan's gateway sign-off as `who`, straight through the operations.
fn dan_signs_off_as(h: &mut Harness, who: &str) {
    let dan = h.store.find_person("Dan Hughes").expect("Dan").id;
    let signer = h.store.find_person(who).expect("signer").id;
    let (registry, clock) = (h.app.registry.clone(), h.app.clock);
    let signed = Ops::new(&mut h.store, &registry, clock, Some(signer)).sign_gateway(dan);
    // The demo may have given a signature already.
    assert!(
        signed.is_ok()
            || matches!(&signed, Err(pcso_tracker::ops::OpError::Refused(m)) if m.contains("already signed")),
        "{signed:?}"
    );
}

fn the_gateway_key_is_offered_only_to_an_awaited_party_once_every_rule_is_met_and_signs(
    engine: Engine,
) {
    let mut h = start(engine, true, Some("Sam Patel"), (120, 40));
    h.key(KeyCode::Down);
    h.key(KeyCode::Enter);
    let ben = h.app.loaded.as_ref().expect("open").person.name.clone();
    assert_eq!(ben, "Ben Okafor");
    h.keys("6");
    let screen = h.screen();
    assert!(
        !screen.contains("sign gateway"),
        "Ben is not ready:\n{screen}"
    );
    assert!(
        screen.contains("Sign-off: opens once every gateway rule is met"),
        "{screen}"
    );
    h.keys("y");
    let ben_enrolment = h.app.loaded.as_ref().expect("open").progress.enrolment.id;
    let record = h.store.gateway_signoff(ben_enrolment).expect("read");
    assert!(record.signatures.is_empty(), "the key did nothing for Ben");
    h.key(KeyCode::Esc); // to the dashboard
    h.key(KeyCode::Esc); // to the caseload
    h.key(KeyCode::Down);
    h.key(KeyCode::Down);
    h.key(KeyCode::Enter);
    let loaded = h.app.loaded.as_ref().expect("open");
    assert_eq!(loaded.person.name, "Dan Hughes");
    let screen = h.screen();
    assert!(
        screen.contains("y sign gateway"),
        "footer offers it:\n{screen}"
    );
    h.key(KeyCode::Char('?'));
    // The help may run past one screen: read its first two pages.
    let mut help = h.screen();
    h.key(KeyCode::PageDown);
    help.push_str(&h.screen());
    assert!(
        help.contains("sign the gateway sign-off as yourself"),
        "{help}"
    );
    h.key(KeyCode::Esc);
    h.keys("y");
    let status = h.app.status_line.clone().unwrap_or_default();
    assert!(
        status.starts_with("signed Dan Hughes's gateway sign-off as the assessor; awaiting"),
        "{status}"
    );
    let dan = h.app.loaded.as_ref().expect("open");
    let record = h
        .store
        .gateway_signoff(dan.progress.enrolment.id)
        .expect("read");
    assert!(
        record
            .signed_parties()
            .contains(&pcso_tracker::framework::Party::Assessor)
    );
    h.keys("6");
    let screen = h.screen();
    assert!(!screen.contains("sign gateway"), "signed once:\n{screen}");
    assert!(
        screen.contains("signed by Sam Patel, assessor, on 2026-11-21"),
        "{screen}"
    );
    dan_signs_off_as(&mut h, "Grace Mensah");
    dan_signs_off_as(&mut h, "Dan Hughes");
    h.app.reload(&h.store).expect("reload");
    h.keys("7");
    let screen = h.screen();
    assert!(
        screen.contains("gateway sign-off sealed 2026-11-21"),
        "{screen}"
    );
    h.keys("1");
    let screen = h.screen();
    assert!(
        screen.contains("Gateway sign-off: sealed on 2026-11-21"),
        "{screen}"
    );
}

/// Dan's gateway sign-off sealed (Grace signed in the demo; Sam and Dan
/// sign now), then Sam records a result from the readiness tab.
fn an_assessor_records_an_assessment_result_from_the_readiness_tab(engine: Engine) {
    let mut h = set_up(
        engine,
        |store, registry, clock| {
            Ops::new(store, registry, clock, None)
                .load_demo(false)
                .expect("demo");
            let dan = store.find_person("Dan Hughes").expect("Dan").id;
            for signer in ["Sam Patel", "Dan Hughes"] {
                let signer = store.find_person(signer).expect("signer").id;
                Ops::new(store, registry, clock, Some(signer))
                    .sign_gateway(dan)
                    .expect("signed");
            }
        },
        Some("Sam Patel"),
        (120, 40),
    );
    let dan = h.store.find_person("Dan Hughes").expect("Dan").id;
    h.app.open_person(&h.store, dan).expect("Dan opens");
    h.keys("6a");
    assert!(matches!(h.app.overlay, Overlay::Form(_)), "{}", h.screen());
    h.key(KeyCode::Tab);
    h.keys("merit");
    h.ctrl('s');
    assert!(
        h.screen()
            .contains("not a grade of Professional discussion"),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Enter);
    for _ in 0.."merit".len() {
        h.key(KeyCode::Backspace);
    }
    h.keys("Pass");
    h.ctrl('s');
    assert!(matches!(h.app.overlay, Overlay::None), "{}", h.screen());
    assert_eq!(
        h.count("SELECT count(*) FROM epa_result WHERE grade = 'pass' AND attempt = 'first'"),
        1
    );
    let screen = h.screen();
    assert!(
        screen.contains("result: pass (passed) on 2026-11-21"),
        "{screen}"
    );
}

/// The hours chart draws the target across its bars, scrolls back to the
/// programme's first week and forward again, and shows the running total
/// against what is expected.
fn the_hours_chart_marks_the_target_and_scrolls_over_the_whole_programme(engine: Engine) {
    let mut h = start(engine, true, Some("Sam Patel"), (120, 40));
    h.key(KeyCode::Enter); // Chloe Evans
    h.keys("5");
    // Weeks are labelled by their first day, from the start.
    let start = h
        .app
        .loaded
        .as_ref()
        .expect("open")
        .progress
        .enrolment
        .start_date;
    let label = |day: chrono::NaiveDate| format!(" {}/{} ", day.day(), day.month());
    let this_week = start + chrono::Days::new((h.app.today - start).num_days() as u64 / 7 * 7);
    let latest = h.screen();
    assert!(latest.contains("┄ target ≈ 3.6 h a week"), "{latest}");
    assert!(
        latest.contains(&label(this_week)),
        "the latest week shows: {latest}"
    );
    assert!(!latest.contains(&label(start)), "{latest}");
    for _ in 0..10 {
        h.keys("[");
    }
    let first = h.screen();
    assert!(
        first.contains(&label(start)),
        "the first week shows: {first}"
    );
    assert!(!first.contains(&label(this_week)), "{first}");
    for _ in 0..10 {
        h.keys("]");
    }
    assert!(h.screen().contains(&label(this_week)), "back to today");
    h.keys("ww");
    let running = h.screen();
    assert!(running.contains("Hours so far 228 of 187 h"), "{running}");
    assert!(running.contains("expected by now 136"), "{running}");
}

/// A tall dashboard charts outcomes judged competent over time against
/// the expected share; a short one has no room and leaves it out.
fn the_dashboard_charts_outcomes_over_time_when_there_is_room(engine: Engine) {
    let mut h = start(engine, true, Some("Sam Patel"), (120, 40));
    h.key(KeyCode::Enter);
    let screen = h.screen();
    assert!(
        screen.contains("Outcomes over time · ⠒ judged competent 21% · • expected 71%"),
        "{screen}"
    );
    h.app.size = (80, 24);
    assert!(!h.screen().contains("Outcomes over time"));
}

on_both_engines!(
    the_hours_chart_marks_the_target_and_scrolls_over_the_whole_programme,
    the_dashboard_charts_outcomes_over_time_when_there_is_room,
    an_assessor_records_an_assessment_result_from_the_readiness_tab,
    every_screen_at_80_by_24,
    every_screen_at_120_by_40,
    adding_evidence_for_lo3_raises_its_count_and_moves_the_dashboard,
    undo_takes_back_the_last_change_and_keeps_it_in_history,
    deleting_evidence_asks_first_and_can_be_undone,
    only_an_assessor_has_a_key_that_records_a_judgement,
    a_refused_form_keeps_everything_typed,
    the_outcome_filter_narrows_the_table_as_you_type,
    clicks_select_tabs_and_rows,
    the_welcome_screen_adds_you_as_the_administrator_and_acts_as_you,
    the_demo_loaded_from_the_welcome_screen_is_set_up_by_its_administrator,
    typed_escape_sequences_never_reach_the_screen,
    any_size_draws_without_panicking_and_tiny_ones_ask_for_more_room,
    an_assessor_runs_a_whole_check_in_from_the_caseload_to_a_sealed_record,
    leaving_a_check_in_part_way_keeps_the_draft_and_ctrl_z_undoes_within_it,
    an_apprentice_cannot_start_a_check_in,
    the_caseload_can_be_ordered_by_name_and_filtered,
    changing_the_outcome_filter_shows_the_newly_selected_outcomes_history,
    a_requirement_with_no_result_is_not_recorded_as_met_by_enter,
    judging_from_the_outcomes_screen_starts_with_no_judgement_chosen,
    a_check_in_note_on_an_unjudged_outcome_records_no_judgement,
    a_check_in_walks_completed_unjudged_outcomes_first_and_shows_judgements_on_record,
    a_wrongly_written_next_date_is_reported_on_leaving_the_step,
    a_wrongly_written_action_due_date_is_reported_on_leaving_the_field,
    returning_to_the_caseload_shows_a_draft_just_started,
    an_outcomes_history_says_how_many_earlier_entries_are_not_shown,
    esc_people_is_offered_only_where_there_is_a_list_to_go_back_to,
    emoji_in_an_evidence_title_keep_the_table_border_in_place,
    a_caseload_longer_than_the_screen_pages_to_its_end_and_back,
    the_filter_and_the_order_of_a_long_caseload_show_whom_they_should,
    the_list_of_everyone_pages_through_everyone_enrolled,
    an_apprentice_using_the_app_as_themselves_reads_nobody_else,
    caseload_columns_of_rows_paged_to_are_worked_out_between_keys,
    a_taller_window_shows_more_of_a_long_caseload,
    a_narrowed_list_is_worked_out_in_the_background_while_the_list_before_stays,
    the_gateway_key_is_offered_only_to_an_awaited_party_once_every_rule_is_met_and_signs,
);
