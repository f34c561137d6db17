//! Two people at once: the real binary run as several processes against
//! one database, and app sessions left open while others change records.
//! Each race once lost or corrupted records; each is now refused or
//! serialised, and the user is told. On PostgreSQL the processes and
//! sessions are separate connections to one database.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use pcso_tracker::domain::{OutcomeStatus, PersonId};
use pcso_tracker::framework::Registry;
use pcso_tracker::ops::Clock;
use pcso_tracker::store::Store;
use pcso_tracker::tui::action::Action;
use pcso_tracker::tui::app::{App, Overlay, Screen};
use pcso_tracker::tui::{Launch, prepare, update};
use std::ffi::{OsStr, OsString};
use std::process::{Command, Output};
use std::thread;

mod common;

use common::engine::Engine;

const TODAY: &str = "2026-11-21";

fn run(db: &OsStr, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pcso-tracker"))
        .args(["--today", TODAY, "--db"])
        .arg(db)
        .args(args)
        .output()
        .expect("runs")
}

/// The demo on `engine`'s database.
fn demo(engine: &Engine) -> OsString {
    let db = engine.db();
    assert!(run(&db, &["demo"]).status.success());
    db
}

/// Runs the same command as `n` processes at once.
fn at_once(db: &OsStr, n: usize, args: &[&str]) -> Vec<Output> {
    let handles: Vec<_> = (0..n)
        .map(|_| {
            let db = db.to_os_string();
            let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
            thread::spawn(move || {
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                run(&db, &args)
            })
        })
        .collect();
    handles
        .into_iter()
        .map(|h| h.join().expect("thread"))
        .collect()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn eight_entries_for_one_day_at_once_never_pass_the_daily_cap(engine: Engine) {
    let db = engine.db();
    for args in [
        &["person", "add", "Ada Lovell", "--role", "administrator"][..],
        &[
            "--as",
            "Ada",
            "apprentice",
            "add",
            "Amy Clark",
            "--start",
            "2026-09-01",
        ],
    ] {
        let added = run(&db, args);
        assert!(added.status.success(), "{}", stderr(&added));
    }
    let args = [
        "--as",
        "Amy",
        "hours",
        "add",
        "Amy",
        "--hours",
        "10",
        "--category",
        "off-the-job",
        "--date",
        "2026-10-05",
        "--outcomes",
        "LO1",
    ];
    let outputs = at_once(&db, 8, &args);
    let recorded = outputs.iter().filter(|o| o.status.success()).count();
    let refusals: Vec<String> = outputs
        .iter()
        .filter(|o| !o.status.success())
        .map(stderr)
        .collect();
    let tenths = engine.number(
        "SELECT CAST(coalesce(sum(hours), 0) * 10 AS BIGINT) FROM hours_entry WHERE date = '2026-10-05'",
    );
    let total = tenths.unwrap_or(0) as f64 / 10.0;
    println!("8 processes logging 10 h for one day: {recorded} recorded, {total} h on record");
    assert_eq!(recorded, 1, "one entry fits under the 12 h cap");
    assert_eq!(total, 10.0);
    for refusal in &refusals {
        assert!(
            refusal.contains("--hours:") && refusal.contains("daily cap"),
            "{refusal}"
        );
    }
}

fn concurrent_amends_leave_one_draft_and_the_chain_verifies(engine: Engine) {
    let db = demo(&engine);
    // Check-in 7 is Dan Hughes's last sealed review, and he has no draft.
    let outputs = at_once(
        &db,
        6,
        &[
            "--as",
            "Sam Patel",
            "checkin",
            "amend",
            "7",
            "--reason",
            "Hours misread",
        ],
    );
    let started = outputs.iter().filter(|o| o.status.success()).count();
    let drafts = engine
        .number(
            "SELECT count(*) FROM checkin c JOIN enrolment e ON e.id = c.enrolment_id
             JOIN person p ON p.id = e.person_id
             WHERE p.name = 'Dan Hughes' AND c.state = 'draft' AND c.superseded_by IS NULL
               AND c.completed_at IS NULL",
        )
        .unwrap_or(0);
    let verified = run(&db, &["verify"]);
    println!(
        "6 amends at once: {started} started, {drafts} open draft, verify: {}",
        String::from_utf8_lossy(&verified.stdout).trim()
    );
    assert_eq!((started, drafts), (1, 1));
    for refused in outputs.iter().filter(|o| !o.status.success()) {
        assert!(stderr(refused).contains("already has a draft check-in"));
    }
    assert!(verified.status.success());
}

/// An app session on its own connection to the database, driven by keys.
struct Session {
    store: Store,
    app: App,
}

impl Session {
    fn open(engine: &Engine, who: &str) -> Session {
        let store = engine.open();
        let today = chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").expect("date");
        let launch = Launch {
            clock: Clock::fixed(today.and_hms_opt(10, 0, 0).expect("time").and_utc()),
            acting_as: Some(who.to_string()),
        };
        let registry = Registry::load(None).expect("frameworks");
        let app = prepare(&store, registry, &launch, (100, 30)).expect("prepare");
        Session { store, app }
    }

    fn key(&mut self, code: KeyCode, modifiers: KeyModifiers) {
        let event = Event::Key(KeyEvent::new(code, modifiers));
        if let Some(action) = update::action_for_event(&self.app, &event) {
            update::update(&mut self.app, &mut self.store, action);
        }
    }

    fn keys(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c), KeyModifiers::NONE);
        }
    }

    fn error(&self) -> String {
        match &self.app.overlay {
            Overlay::Error(message) => message.clone(),
            _ => String::new(),
        }
    }

    fn selected_outcome(&self) -> String {
        self.app.selected_outcome().expect("an outcome").to_string()
    }

    fn stored_status(&self, code: &str) -> OutcomeStatus {
        let person = self.app.loaded.as_ref().expect("open").person.id;
        status_of(&self.store, person, code)
    }
}

fn status_of(store: &Store, person: PersonId, code: &str) -> OutcomeStatus {
    let enrolment = store
        .latest_enrolment(person)
        .expect("read")
        .expect("enrolled");
    let progress = store.progress(&enrolment).expect("progress");
    progress
        .outcomes
        .iter()
        .find(|o| o.code == code)
        .map_or(OutcomeStatus::NotStarted, |o| o.status)
}

/// Another program marks Ben's outcome ready for review.
fn mark_ready_elsewhere(engine: &Engine, code: &str) {
    let args = [
        "--as",
        "Ben",
        "outcome",
        "set",
        "Ben",
        code,
        "--status",
        "ready-for-review",
    ];
    let other = run(&engine.db(), &args);
    assert!(other.status.success(), "{}", stderr(&other));
}

fn a_stale_screen_cannot_overwrite_a_change_made_elsewhere(engine: Engine) {
    demo(&engine);
    let mut ben = Session::open(&engine, "Ben Okafor");
    ben.keys("2G"); // Outcomes, the last one: not yet completed, so s moves it on
    let code = ben.selected_outcome();
    assert_ne!(ben.stored_status(&code), OutcomeStatus::ReadyForReview);
    mark_ready_elsewhere(&engine, &code);
    ben.keys("s"); // from the stale screen
    let told = ben.error();
    println!("stale write: {told}");
    assert!(
        told.contains(&format!("the status of {code} ")) && told.contains(" was changed by "),
        "{told}"
    );
    assert_eq!(ben.stored_status(&code), OutcomeStatus::ReadyForReview);
    let shown = ben.app.loaded.as_ref().expect("open");
    let on_screen = shown.standing.outcomes.iter().find(|o| o.code == code);
    assert_eq!(
        on_screen.map(|o| o.status),
        Some(OutcomeStatus::ReadyForReview),
        "the screen was read again"
    );
}

fn undo_is_refused_once_someone_else_has_changed_the_record(engine: Engine) {
    demo(&engine);
    let mut ben = Session::open(&engine, "Ben Okafor");
    ben.keys("2G"); // the last outcome: not yet completed, so s moves it on
    let code = ben.selected_outcome();
    ben.keys("s");
    assert_eq!(ben.error(), "");
    mark_ready_elsewhere(&engine, &code);
    ben.keys("u");
    let told = ben.error();
    println!("stale undo: {told}");
    assert!(told.contains("was changed"), "{told}");
    assert_eq!(ben.stored_status(&code), OutcomeStatus::ReadyForReview);
}

fn the_app_notices_changes_made_by_another_program(engine: Engine) {
    demo(&engine);
    let mut ben = Session::open(&engine, "Ben Okafor");
    ben.keys("2");
    let code = ben.selected_outcome();
    mark_ready_elsewhere(&engine, &code);
    update::update(&mut ben.app, &mut ben.store, Action::CheckForChanges);
    let shown = ben.app.loaded.as_ref().expect("open");
    let on_screen = shown.standing.outcomes.iter().find(|o| o.code == code);
    assert_eq!(
        on_screen.map(|o| o.status),
        Some(OutcomeStatus::ReadyForReview)
    );
    assert_eq!(
        ben.app.status_line.as_deref(),
        Some("updated with changes made elsewhere")
    );
}

/// Opens Ben Okafor's record as his assessor and starts (resumes) his draft.
fn resume_bens_draft(engine: &Engine) -> Session {
    let mut sam = Session::open(engine, "Sam Patel");
    let ben = sam.store.find_person("Ben Okafor").expect("Ben").id;
    sam.app.open_person(&sam.store, ben).expect("open Ben");
    sam.keys("c");
    assert_eq!(sam.app.screen, Screen::Checkin, "{}", sam.error());
    sam
}

/// Walks to the last step, completes the review, and Sam, Ben and Grace
/// (neither has a PIN in the demo) each sign it: the review is sealed.
fn sign_off(session: &mut Session) {
    for _ in 0..7 {
        session.key(KeyCode::Tab, KeyModifiers::NONE);
    }
    session.key(KeyCode::Char('s'), KeyModifiers::CONTROL);
    for _ in 0..3 {
        session.key(KeyCode::Enter, KeyModifiers::NONE);
    }
}

fn a_draft_sealed_in_one_app_ends_the_other_apps_session_with_a_message(engine: Engine) {
    demo(&engine);
    let mut first = resume_bens_draft(&engine);
    let mut second = resume_bens_draft(&engine);
    assert_eq!(
        first.app.checkin.as_ref().map(|s| s.id),
        second.app.checkin.as_ref().map(|s| s.id),
        "both resumed the one open draft"
    );
    sign_off(&mut first);
    assert_eq!(first.app.screen, Screen::Person, "{}", first.error());
    // The second app notices the change and leaves check-in mode.
    update::update(&mut second.app, &mut second.store, Action::CheckForChanges);
    let told = second.error();
    println!("second session: {told}");
    assert_eq!(second.app.screen, Screen::Person);
    assert!(told.contains("signed and sealed elsewhere"), "{told}");
    // Keys work again: q quits the app.
    second.key(KeyCode::Enter, KeyModifiers::NONE);
    second.keys("q");
    assert!(second.app.quit);
}

fn a_second_session_saving_a_sealed_draft_is_told_and_let_go(engine: Engine) {
    demo(&engine);
    let mut first = resume_bens_draft(&engine);
    let mut second = resume_bens_draft(&engine);
    sign_off(&mut first);
    // Without the change check, the next save finds the draft sealed.
    second.key(KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(second.app.screen, Screen::Person);
    assert!(second.error().contains("signed and sealed elsewhere"));
}

fn ctrl_c_and_q_always_leave_check_in_mode(engine: Engine) {
    demo(&engine);
    let mut sam = resume_bens_draft(&engine);
    sam.key(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(sam.app.screen, Screen::Person);
    sam.keys("c");
    assert_eq!(sam.app.screen, Screen::Checkin);
    sam.keys("q"); // on "Since last", where nothing is typed
    assert_eq!(sam.app.screen, Screen::Person);
}

fn an_idle_check_with_nothing_new_keeps_the_last_message(engine: Engine) {
    demo(&engine);
    let mut ben = Session::open(&engine, "Ben Okafor");
    ben.keys("2s");
    let said = ben.app.status_line.clone();
    assert!(said.is_some());
    update::update(&mut ben.app, &mut ben.store, Action::CheckForChanges);
    assert_eq!(ben.app.status_line, said);
}

on_both_engines!(
    eight_entries_for_one_day_at_once_never_pass_the_daily_cap,
    concurrent_amends_leave_one_draft_and_the_chain_verifies,
    a_stale_screen_cannot_overwrite_a_change_made_elsewhere,
    undo_is_refused_once_someone_else_has_changed_the_record,
    the_app_notices_changes_made_by_another_program,
    a_draft_sealed_in_one_app_ends_the_other_apps_session_with_a_message,
    a_second_session_saving_a_sealed_draft_is_told_and_let_go,
    ctrl_c_and_q_always_leave_check_in_mode,
    an_idle_check_with_nothing_new_keeps_the_last_message,
);
