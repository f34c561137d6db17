//! Signing a review in the app: the assessor completes it at the sign step
//! and signs as herself; another party at the meeting chooses their line
//! and types their own PIN; a party who was not there signs later from
//! their own session with one key. Keys are driven through `update` as the
//! event loop would, against the demo in a real database, on both engines.

use crossterm::event::{Event, KeyCode};
use pcso_tracker::domain::{Judgement, PersonId};
use pcso_tracker::tui::app::Screen;

mod common;

use common::engine::Engine;
use common::harness::{self, Harness};

/// The check-in Sam starts with Chloe Evans: the demo holds eleven.
const REVIEW: i64 = 12;
const CHLOE_PIN: &str = "2468";

/// The app opened as `name` (whose PIN the command line has asked for) on
/// the demo, with Chloe Evans's PIN set by Chloe.
fn demo_with_chloe_pin(engine: Engine, name: &str) -> Harness {
    let mut store = harness::demo(&engine);
    harness::set_pin(&mut store, "Chloe Evans", CHLOE_PIN);
    Harness::start(engine, store, Some(name), (80, 24))
}

impl Harness {
    /// Quits, and `name` opens the app on the same database, in a window
    /// wide enough for the dashboard's notices to stand on one line.
    fn reopen_as(self, name: &str) -> Harness {
        let mut h = Harness::start(self.engine, self.store, Some(name), (80, 24));
        h.event(Event::Resize(120, 40));
        h
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
fn at_the_sign_step(engine: Engine) -> Harness {
    let mut h = demo_with_chloe_pin(engine, "Sam Patel");
    // Chloe's check-in is overdue, so she heads the caseload.
    h.keys("c");
    assert_eq!(h.app.screen, Screen::Checkin);
    h.key(KeyCode::Tab);
    // K3 competent, after the seven claimed done and not yet judged
    // competent (four judged not yet competent at the last review).
    h.keys("jjjjjjjc");
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
fn the_meeting(engine: Engine, snapshot: bool) -> Harness {
    let mut h = at_the_sign_step(engine);
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

fn the_assessor_completes_and_signs_and_the_apprentice_signs_with_her_pin(engine: Engine) {
    the_meeting(engine, true);
}

fn the_employer_signs_later_from_her_own_session_and_the_review_is_sealed(engine: Engine) {
    let h = the_meeting(engine, false);
    let chloe = h.person("Chloe Evans");
    let mut h = h.reopen_as("Grace Mensah");
    h.open("Chloe");
    let screen = h.screen();
    assert!(
        screen.contains("Check-in 12 of Chloe Evans awaits your signature"),
        "{screen}"
    );
    assert!(
        screen.contains("Y sign"),
        "the footer offers the key: {screen}"
    );
    h.keys("Y");
    assert_eq!(h.status(), "check-in 12 signed by everyone and sealed");
    assert_eq!(h.signers(), ["Sam Patel", "Chloe Evans", "Grace Mensah"]);
    let (problems, _) = h.store.verify_seals().expect("verify");
    assert!(problems.is_empty(), "{problems:?}");
    assert!(h.store.checkin(REVIEW).expect("review").sealed);
    assert_eq!(k3(&h, chloe), Judgement::Competent, "in effect once sealed");
    h.app.status_line = None;
    assert!(!h.screen().contains("Y sign"), "nothing left to sign");
}

fn a_wrong_pin_signs_nothing_but_counts_and_a_locked_apprentice_is_told_for_how_long(
    engine: Engine,
) {
    let mut h = at_the_sign_step(engine);
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

fn the_sign_key_is_offered_only_to_someone_a_review_awaits(engine: Engine) {
    // Dan Hughes's review is signed by Dan and Sam, and awaits Grace.
    let mut h = demo_with_chloe_pin(engine, "Sam Patel");
    h.open("Dan");
    let screen = h.screen();
    assert!(screen.contains("awaiting employer signature"), "{screen}");
    assert!(!screen.contains("awaits your signature"), "{screen}");
    assert!(!screen.contains("Y sign"), "{screen}");
    h.keys("?");
    assert!(!h.screen().contains("sign the review"), "{}", h.screen());
    h.key(KeyCode::Esc);
    let before = h.store.checkin(10).expect("Dan's review").signatures.len();
    h.keys("Y");
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
    // The help may run past one screen: read its first two pages.
    let mut help = h.screen();
    h.key(KeyCode::PageDown);
    help.push_str(&h.screen());
    assert!(help.contains("sign the review"), "{help}");
}

fn the_apprentice_signs_later_from_her_own_session_with_one_key(engine: Engine) {
    let mut h = at_the_sign_step(engine);
    h.ctrl('s');
    h.key(KeyCode::Enter); // Sam signs as himself
    h.key(KeyCode::Esc);
    let mut h = h.reopen_as("Chloe Evans");
    let screen = h.screen();
    assert!(
        screen.contains("Check-in 12 of Chloe Evans awaits your signature"),
        "{screen}"
    );
    assert!(screen.contains("Y sign"), "{screen}");
    h.keys("Y");
    assert_eq!(
        h.status(),
        "check-in 12 signed by Chloe Evans and Sam Patel; awaiting the employer Grace Mensah"
    );
    h.app.status_line = None;
    let screen = h.screen();
    assert!(!screen.contains("awaits your signature"), "{screen}");
    assert!(!screen.contains("Y sign"), "{screen}");
}

on_both_engines!(
    the_assessor_completes_and_signs_and_the_apprentice_signs_with_her_pin,
    the_employer_signs_later_from_her_own_session_and_the_review_is_sealed,
    a_wrong_pin_signs_nothing_but_counts_and_a_locked_apprentice_is_told_for_how_long,
    the_sign_key_is_offered_only_to_someone_a_review_awaits,
    the_apprentice_signs_later_from_her_own_session_with_one_key,
);
