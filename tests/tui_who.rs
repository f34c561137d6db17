//! Who is using the app: asked on first start, remembered per database
//! for the next, and switched with a key, the new person's PIN asked first.
//! Keys are driven through `update` as the event loop would, on both
//! engines; remembering the last person is tried on SQLite only, where it
//! is a file beside the database's.

use crossterm::event::KeyCode;
use pcso_tracker::domain::PersonId;
use pcso_tracker::framework::Registry;
use pcso_tracker::store::Store;
use pcso_tracker::tui::app::{Overlay, Screen};
use pcso_tracker::tui::last_user::LastUser;
use pcso_tracker::tui::who;

mod common;

use common::engine::Engine;
use common::harness::{self, Harness};

/// A database holding the demo, with Ben's PIN 4321 set by Ben.
fn demo_with_pin(engine: &Engine) -> Store {
    let mut store = harness::demo(engine);
    harness::set_pin(&mut store, "Ben Okafor", "4321");
    store
}

/// The app started at a terminal on `store`, as `--as` says, remembering
/// the last person where the app does.
fn start(engine: Engine, store: Store, acting_as: Option<&str>) -> Harness {
    let registry = Registry::load(None).expect("frameworks");
    let last = LastUser::of(&store);
    let launch = harness::launch(acting_as);
    let app = who::start(&store, registry, &launch, (80, 24), last).expect("starts");
    Harness { engine, store, app }
}

impl Harness {
    /// Quits and starts again on the same database.
    fn restart(self) -> Harness {
        start(self.engine, self.store, None)
    }

    /// Whether the last person is remembered: in a file beside an SQLite
    /// file only; on a server, the login is to say who is using the app.
    fn remembers(&self) -> bool {
        self.engine.file().is_some()
    }

    fn viewer(&self) -> Option<&str> {
        self.app.viewer.as_ref().map(|v| v.name.as_str())
    }

    fn id_of(&self, name: &str) -> PersonId {
        self.store.find_person(name).expect("person").id
    }

    fn remembered(&self) -> Option<PersonId> {
        LastUser::beside(self.store.path()).read()
    }
}

fn with_nobody_remembered_the_app_asks_who_you_are_and_remembers_the_answer(engine: Engine) {
    let store = demo_with_pin(&engine);
    let mut h = start(engine, store, None);
    assert!(matches!(&h.app.overlay, Overlay::Choose(c) if c.first));
    assert_eq!(h.viewer(), None);
    let screen = h.screen();
    insta::assert_snapshot!("who_are_you_80x24", screen);
    assert!(
        !screen.contains("Amy Clark      pcso"),
        "nobody's records before choosing"
    );
    h.keys("sam");
    h.key(KeyCode::Enter);
    assert_eq!(h.viewer(), Some("Sam Patel"));
    assert_eq!(h.app.screen, Screen::Picker);
    assert!(
        h.screen().contains("Caseload of Sam Patel"),
        "{}",
        h.screen()
    );
    if !h.remembers() {
        // A server knows who connects: nothing is written, nothing fails.
        let said = h.status();
        assert!(!said.contains("not remembered"), "{said}");
        return;
    }
    assert_eq!(h.remembered(), Some(h.id_of("Sam Patel")));

    let h = h.restart();
    assert!(matches!(h.app.overlay, Overlay::None));
    assert_eq!(h.viewer(), Some("Sam Patel"), "opens as the last person");
}

// SQLite only: the last person is kept in a file beside the database file.
#[test]
fn the_remembered_person_is_kept_per_database() {
    let engine = Engine::sqlite();
    let other = engine.fresh();
    let store = demo_with_pin(&engine);
    let h = start(engine, store, Some("Sam Patel"));
    assert_eq!(h.remembered(), Some(h.id_of("Sam Patel")));
    let store = demo_with_pin(&other);
    let other = start(other, store, None);
    assert!(matches!(other.app.overlay, Overlay::Choose(_)));
}

// SQLite only: the last person is kept in a file beside the database file.
#[test]
fn a_remembered_person_with_a_pin_is_asked_for_it_on_starting() {
    let engine = Engine::sqlite();
    let store = demo_with_pin(&engine);
    let ben = store.find_person("Ben").expect("Ben").id;
    LastUser::beside(store.path())
        .write(ben)
        .expect("remembered");
    let mut h = start(engine, store, None);
    assert!(matches!(&h.app.overlay, Overlay::Pin(p) if p.person.id == ben));
    assert_eq!(h.viewer(), None, "not Ben until his PIN is typed");
    h.keys("1111");
    h.key(KeyCode::Enter);
    h.keys("43");
    let screen = h.screen();
    insta::assert_snapshot!("pin_prompt_refused_80x24", screen);
    assert!(
        !screen.contains("1111") && !screen.contains("43"),
        "{screen}"
    );
    assert_eq!(h.viewer(), None);
    h.keys("21");
    h.key(KeyCode::Enter);
    assert_eq!(h.viewer(), Some("Ben Okafor"));
    assert_eq!(
        h.app.screen,
        Screen::Person,
        "an apprentice opens on her own screens"
    );
}

fn switching_person_asks_the_new_persons_pin_and_esc_keeps_the_one_using_it(engine: Engine) {
    let store = demo_with_pin(&engine);
    let mut h = start(engine, store, Some("Sam Patel"));
    h.keys("p");
    h.keys("okaf");
    insta::assert_snapshot!("switch_person_80x24", h.screen());
    h.key(KeyCode::Enter);
    assert!(matches!(&h.app.overlay, Overlay::Pin(_)));
    insta::assert_snapshot!("pin_prompt_80x24", h.screen());
    h.key(KeyCode::Esc);
    assert!(matches!(&h.app.overlay, Overlay::Choose(c) if !c.first));
    h.key(KeyCode::Esc);
    assert!(matches!(h.app.overlay, Overlay::None));
    assert_eq!(h.viewer(), Some("Sam Patel"));
    assert!(!h.app.quit);

    h.keys("p");
    h.keys("ben");
    h.key(KeyCode::Enter);
    h.keys("4321");
    h.key(KeyCode::Enter);
    assert_eq!(h.viewer(), Some("Ben Okafor"));
    assert!(h.app.undo.is_empty());
    if h.remembers() {
        assert_eq!(h.remembered(), Some(h.id_of("Ben Okafor")));
    }
}

fn three_wrong_pins_in_the_app_lock_the_person_out(engine: Engine) {
    let store = demo_with_pin(&engine);
    let mut h = start(engine, store, Some("Sam Patel"));
    h.keys("p");
    h.keys("ben");
    h.key(KeyCode::Enter);
    for _ in 0..3 {
        h.keys("0000");
        h.key(KeyCode::Enter);
    }
    h.keys("4321");
    h.key(KeyCode::Enter);
    assert_eq!(h.viewer(), Some("Sam Patel"));
    assert!(
        h.screen()
            .contains("Ben Okafor is locked after too many wrong"),
        "{}",
        h.screen()
    );
}

fn someone_without_a_pin_is_switched_to_at_once(engine: Engine) {
    let store = demo_with_pin(&engine);
    let mut h = start(engine, store, Some("Ben Okafor"));
    h.keys("p");
    h.keys("sam");
    h.key(KeyCode::Enter);
    assert_eq!(h.viewer(), Some("Sam Patel"));
    assert_eq!(h.app.screen, Screen::Picker);
}

fn esc_on_the_first_question_quits(engine: Engine) {
    let store = demo_with_pin(&engine);
    let mut h = start(engine, store, None);
    h.key(KeyCode::Esc);
    assert!(h.app.quit);
}

fn the_welcome_screen_makes_you_the_person_using_the_app(engine: Engine) {
    let store = engine.open();
    let mut h = start(engine, store, None);
    assert_eq!(h.app.screen, Screen::Welcome);
    h.keys("a");
    h.keys("Jo Bloggs");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.key(KeyCode::Enter);
    assert_eq!(h.viewer(), Some("Jo Bloggs"), "{}", h.screen());
    if h.remembers() {
        assert_eq!(h.remembered(), Some(h.id_of("Jo Bloggs")));
        assert_eq!(h.restart().viewer(), Some("Jo Bloggs"));
    }
}

fn loading_the_demo_from_the_welcome_screen_asks_who_you_are(engine: Engine) {
    let store = engine.open();
    let mut h = start(engine, store, None);
    h.keys("d");
    assert!(matches!(&h.app.overlay, Overlay::Choose(c) if c.first));
    h.keys("ben");
    h.key(KeyCode::Enter);
    assert_eq!(h.viewer(), Some("Ben Okafor"));
}

on_both_engines!(
    with_nobody_remembered_the_app_asks_who_you_are_and_remembers_the_answer,
    switching_person_asks_the_new_persons_pin_and_esc_keeps_the_one_using_it,
    three_wrong_pins_in_the_app_lock_the_person_out,
    someone_without_a_pin_is_switched_to_at_once,
    esc_on_the_first_question_quits,
    the_welcome_screen_makes_you_the_person_using_the_app,
    loading_the_demo_from_the_welcome_screen_asks_who_you_are,
);
