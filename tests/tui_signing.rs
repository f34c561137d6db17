//! Signing a review in the app: the assessor completes it at the sign step
//! and signs as herself; another party at the meeting chooses their line
//! and types their own PIN; a party who was not there signs later from
//! their own session with one key. Keys are driven through `update` as the
//! event loop would, against the demo in a real database file.

use chrono::NaiveDate;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use pcso_tracker::domain::{Judgement, PersonId};
use pcso_tracker::framework::Registry;
use pcso_tracker::ops::{Clock, Ops};
use pcso_tracker::store::Store;
use pcso_tracker::tui::app::{App, Screen};
use pcso_tracker::tui::{Launch, prepare, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tempfile::TempDir;

/// The check-in Sam starts with Chloe Evans: the demo holds eleven.
const REVIEW: i64 = 12;
const CHLOE_PIN: &str = "2468";

struct Harness {
    dir: TempDir,
    store: Store,
    app: App,
}

fn clock() -> Clock {
    let day = NaiveDate::from_ymd_opt(2026, 11, 21).expect("date");
    Clock::fixed(day.and_hms_opt(10, 0, 0).expect("time").and_utc())
}

/// The demo, with Chloe Evans's PIN set by Chloe.
fn demo_with_chloe_pin() -> (TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("tracker.db")).expect("open");
    let registry = Registry::load(None).expect("frameworks");
    Ops::new(&mut store, &registry, clock(), None)
        .load_demo(false)
        .expect("demo");
    let chloe = store.find_person("Chloe Evans").expect("Chloe").id;
    Ops::new(&mut store, &registry, clock(), Some(chloe))
        .set_pin(chloe, None, CHLOE_PIN)
        .expect("Chloe's PIN");
    (dir, store)
}

impl Harness {
    /// The app opened as `name` (whose PIN the command line has asked for).
    fn start(dir: TempDir, store: Store, name: &str) -> Harness {
        let launch = Launch {
            clock: clock(),
            acting_as: Some(name.to_string()),
        };
        let registry = Registry::load(None).expect("frameworks");
        let app = prepare(&store, registry, &launch, (80, 24)).expect("prepare");
        Harness { dir, store, app }
    }

    /// Quits, and `name` opens the app on the same database, in a window
    /// wide enough for the dashboard's notices to stand on one line.
    fn reopen_as(self, name: &str) -> Harness {
        let mut h = Harness::start(self.dir, self.store, name);
        h.event(Event::Resize(120, 40));
        h
    }

    fn event(&mut self, event: Event) {
        if let Some(action) = update::action_for_event(&self.app, &event) {
            update::update(&mut self.app, &mut self.store, action);
        }
        self.app
            .work_out_list_here(&self.store)
            .expect("work out the list");
    }

    fn key(&mut self, code: KeyCode) {
        self.event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    fn keys(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    fn ctrl(&mut self, c: char) {
        self.event(Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::CONTROL,
        )));
    }

    fn screen(&self) -> String {
        let (width, height) = self.app.size;
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        terminal
            .draw(|frame| view::draw(frame, &self.app))
            .expect("draw");
        format!("{}", terminal.backend())
    }

    fn status(&self) -> String {
        self.app.status_line.clone().unwrap_or_default()
    }

    /// Why the sign step refused the last signature, as it says on screen.
    fn refusal(&self) -> String {
        let session = self.app.checkin.as_ref().expect("in check-in mode");
        let signing = session.signing.as_ref().expect("completed");
        signing.refusal.clone().unwrap_or_default()
    }

    fn signers(&self) -> Vec<String> {
        let record = self.store.checkin(REVIEW).expect("the review");
        record.signatures.iter().map(|s| s.name.clone()).collect()
    }

    fn person(&self, name: &str) -> PersonId {
        self.store.find_person(name).expect(name).id
    }

    /// From the list of everyone, the person whose name holds `name`.
    fn open(&mut self, name: &str) {
        self.keys("/");
        self.keys(name);
        self.key(KeyCode::Enter);
        self.key(KeyCode::Enter);
        assert_eq!(self.app.screen, Screen::Person, "{name} opened");
    }
}

/// Sam's new check-in with Chloe, K3 judged competent, at the sign step.
fn at_the_sign_step() -> Harness {
    let (dir, store) = demo_with_chloe_pin();
    let mut h = Harness::start(dir, store, "Sam Patel");
    // Chloe's check-in is overdue, so she heads the caseload.
    h.keys("c");
    assert_eq!(h.app.screen, Screen::Checkin);
    h.key(KeyCode::Tab);
    h.keys("jjjc"); // K3 competent, after the three waiting for judgement
    for _ in 0..6 {
        h.key(KeyCode::Tab);
    }
    assert!(h.screen().contains("Sign off"), "{}", h.screen());
    h
}

fn k3(h: &Harness, person: PersonId) -> Judgement {
    let record = pcso_tracker::ops::person_record(&h.store, &h.app.registry, person, h.app.today)
        .expect("record");
    record
        .progress
        .outcomes
        .iter()
        .find(|o| o.code == "K3")
        .map_or(Judgement::NotAssessed, |o| o.judgement)
}

/// The meeting: Sam completes the review and signs it, Chloe signs with
/// her PIN, and Sam leaves it waiting for Grace, who was not there. The
/// sign step awaiting Grace is snapshot when `snapshot`.
fn the_meeting(snapshot: bool) -> Harness {
    let mut h = at_the_sign_step();
    assert!(h.screen().contains("Ctrl-S complete"), "{}", h.screen());
    h.ctrl('s');
    let record = h.store.checkin(REVIEW).expect("the review");
    assert!(record.completed_at.is_some(), "{}", h.screen());
    assert!(!record.sealed);
    // Sam's own line is selected: he signs as himself, with no PIN asked.
    h.key(KeyCode::Enter);
    assert_eq!(h.signers(), ["Sam Patel"]);
    assert_eq!(
        h.status(),
        "check-in 12 signed by Sam Patel; awaiting the apprentice Chloe Evans and the employer Grace Mensah"
    );
    h.key(KeyCode::Up);
    h.key(KeyCode::Enter);
    assert!(h.screen().contains("PIN for Chloe Evans"), "{}", h.screen());
    h.keys(CHLOE_PIN);
    assert!(!h.screen().contains(CHLOE_PIN), "the PIN is never drawn");
    h.key(KeyCode::Enter);
    assert_eq!(h.signers(), ["Sam Patel", "Chloe Evans"]);
    assert_eq!(
        h.status(),
        "check-in 12 signed by Chloe Evans and Sam Patel; awaiting the employer Grace Mensah"
    );
    if snapshot {
        h.app.status_line = None;
        insta::assert_snapshot!("checkin_sign_off_awaiting_employer_80x24", h.screen());
    }
    // Grace was not at the meeting: the review waits for her.
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen, Screen::Person);
    assert!(h.status().contains("awaiting the employer Grace Mensah"));
    assert!(!h.store.checkin(REVIEW).expect("review").sealed);
    let chloe = h.person("Chloe Evans");
    assert_eq!(k3(&h, chloe), Judgement::NotAssessed, "not sealed yet");
    h
}

#[test]
fn the_assessor_completes_and_signs_and_the_apprentice_signs_with_her_pin() {
    the_meeting(true);
}

#[test]
fn the_employer_signs_later_from_her_own_session_and_the_review_is_sealed() {
    let h = the_meeting(false);
    let chloe = h.person("Chloe Evans");
    let mut h = h.reopen_as("Grace Mensah");
    h.open("Chloe");
    let screen = h.screen();
    assert!(
        screen.contains("Check-in 12 of Chloe Evans awaits your signature"),
        "{screen}"
    );
    assert!(
        screen.contains("S sign"),
        "the footer offers the key: {screen}"
    );
    h.keys("S");
    assert_eq!(h.status(), "check-in 12 signed by everyone and sealed");
    assert_eq!(h.signers(), ["Sam Patel", "Chloe Evans", "Grace Mensah"]);
    let (problems, _) = h.store.verify_seals().expect("verify");
    assert!(problems.is_empty(), "{problems:?}");
    assert!(h.store.checkin(REVIEW).expect("review").sealed);
    assert_eq!(k3(&h, chloe), Judgement::Competent, "in effect once sealed");
    h.app.status_line = None;
    assert!(!h.screen().contains("S sign"), "nothing left to sign");
}

#[test]
fn a_wrong_pin_signs_nothing_but_counts_and_a_locked_apprentice_is_told_for_how_long() {
    let mut h = at_the_sign_step();
    h.ctrl('s');
    h.key(KeyCode::Up);
    h.key(KeyCode::Enter);
    h.keys("1111");
    h.key(KeyCode::Enter);
    assert!(
        h.screen().contains("wrong PIN for Chloe Evans"),
        "{}",
        h.screen()
    );
    assert_eq!(
        h.refusal(),
        "wrong PIN for Chloe Evans (2 tries left before a minute's lock-out); nothing was signed"
    );
    assert!(h.signers().is_empty());
    let chloe = h.person("Chloe Evans");
    let tries = h.store.pin(chloe).expect("read").expect("PIN").tries;
    assert_eq!(tries.failed, 1);
    for _ in 0..2 {
        h.keys("1111");
        h.key(KeyCode::Enter);
    }
    h.keys(CHLOE_PIN);
    h.key(KeyCode::Enter);
    assert_eq!(
        h.refusal(),
        "Chloe Evans is locked after too many wrong PINs; try again in 60 seconds; nothing was signed"
    );
    assert!(h.signers().is_empty(), "locked: even her PIN signs nothing");
    // Esc puts the PIN away; the check-in stays on the sign step.
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen, Screen::Checkin);
    assert!(!h.screen().contains("PIN for Chloe Evans"));
}

#[test]
fn the_sign_key_is_offered_only_to_someone_a_review_awaits() {
    // Dan Hughes's review is signed by Dan and Sam, and awaits Grace.
    let (dir, store) = demo_with_chloe_pin();
    let mut h = Harness::start(dir, store, "Sam Patel");
    h.open("Dan");
    let screen = h.screen();
    assert!(screen.contains("awaiting employer signature"), "{screen}");
    assert!(!screen.contains("awaits your signature"), "{screen}");
    assert!(!screen.contains("S sign"), "{screen}");
    h.keys("?");
    assert!(!h.screen().contains("sign the review"), "{}", h.screen());
    h.key(KeyCode::Esc);
    let before = h.store.checkin(10).expect("Dan's review").signatures.len();
    h.keys("S");
    assert_eq!(
        h.store.checkin(10).expect("Dan's review").signatures.len(),
        before
    );

    let mut h = h.reopen_as("Grace Mensah");
    h.open("Dan");
    assert!(
        h.screen()
            .contains("Check-in 10 of Dan Hughes awaits your signature"),
        "{}",
        h.screen()
    );
    h.keys("?");
    assert!(h.screen().contains("sign the review"), "{}", h.screen());
}

#[test]
fn the_apprentice_signs_later_from_her_own_session_with_one_key() {
    let mut h = at_the_sign_step();
    h.ctrl('s');
    h.key(KeyCode::Enter); // Sam signs as himself
    h.key(KeyCode::Esc);
    let mut h = h.reopen_as("Chloe Evans");
    let screen = h.screen();
    assert!(
        screen.contains("Check-in 12 of Chloe Evans awaits your signature"),
        "{screen}"
    );
    assert!(screen.contains("S sign"), "{screen}");
    h.keys("S");
    assert_eq!(
        h.status(),
        "check-in 12 signed by Chloe Evans and Sam Patel; awaiting the employer Grace Mensah"
    );
    h.app.status_line = None;
    let screen = h.screen();
    assert!(!screen.contains("awaits your signature"), "{screen}");
    assert!(!screen.contains("S sign"), "{screen}");
}
