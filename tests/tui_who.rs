//! Who is using the app: asked on first start, remembered per database
//! for the next, and switched with a key, the new person's PIN asked first.
//! Keys are driven through `update` as the event loop would.

use chrono::NaiveDate;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use pcso_tracker::domain::PersonId;
use pcso_tracker::framework::Registry;
use pcso_tracker::ops::{Clock, Ops};
use pcso_tracker::store::Store;
use pcso_tracker::tui::app::{App, Overlay, Screen};
use pcso_tracker::tui::last_user::LastUser;
use pcso_tracker::tui::{Launch, update, view, who};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tempfile::TempDir;

struct Harness {
    dir: TempDir,
    store: Store,
    app: App,
}

fn clock() -> Clock {
    let day = NaiveDate::from_ymd_opt(2026, 11, 21).expect("date");
    Clock::fixed(day.and_hms_opt(10, 0, 0).expect("time").and_utc())
}

/// A database holding the demo, with Ben's PIN 4321 set by Ben.
fn demo_with_pin() -> (TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("tracker.db")).expect("open");
    let registry = Registry::load(None).expect("frameworks");
    Ops::new(&mut store, &registry, clock(), None)
        .load_demo(false)
        .expect("demo");
    let ben = store.find_person("Ben Okafor").expect("Ben").id;
    Ops::new(&mut store, &registry, clock(), Some(ben))
        .set_pin(ben, None, "4321")
        .expect("Ben's PIN");
    (dir, store)
}

impl Harness {
    /// The app started at a terminal on `store`, as `--as` says.
    fn start(dir: TempDir, store: Store, acting_as: Option<&str>) -> Harness {
        let launch = Launch {
            clock: clock(),
            acting_as: acting_as.map(str::to_string),
        };
        let registry = Registry::load(None).expect("frameworks");
        let last = LastUser::beside(store.path());
        let app = who::start(&store, registry, &launch, (80, 24), Some(last)).expect("starts");
        Harness { dir, store, app }
    }

    /// Quits and starts again on the same database.
    fn restart(self) -> Harness {
        Harness::start(self.dir, self.store, None)
    }

    fn key(&mut self, code: KeyCode) {
        let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        if let Some(action) = update::action_for_event(&self.app, &event) {
            update::update(&mut self.app, &mut self.store, action);
        }
    }

    fn keys(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    fn screen(&self) -> String {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
        terminal
            .draw(|frame| view::draw(frame, &self.app))
            .expect("draw");
        format!("{}", terminal.backend())
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

#[test]
fn with_nobody_remembered_the_app_asks_who_you_are_and_remembers_the_answer() {
    let (dir, store) = demo_with_pin();
    let mut h = Harness::start(dir, store, None);
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
    assert_eq!(h.remembered(), Some(h.id_of("Sam Patel")));

    let h = h.restart();
    assert!(matches!(h.app.overlay, Overlay::None));
    assert_eq!(h.viewer(), Some("Sam Patel"), "opens as the last person");
}

#[test]
fn the_remembered_person_is_kept_per_database() {
    let (dir, store) = demo_with_pin();
    let h = Harness::start(dir, store, Some("Sam Patel"));
    assert_eq!(h.remembered(), Some(h.id_of("Sam Patel")));
    let (other_dir, other) = demo_with_pin();
    let other = Harness::start(other_dir, other, None);
    assert!(matches!(other.app.overlay, Overlay::Choose(_)));
}

#[test]
fn a_remembered_person_with_a_pin_is_asked_for_it_on_starting() {
    let (dir, store) = demo_with_pin();
    let ben = store.find_person("Ben").expect("Ben").id;
    LastUser::beside(store.path())
        .write(ben)
        .expect("remembered");
    let mut h = Harness::start(dir, store, None);
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

#[test]
fn switching_person_asks_the_new_persons_pin_and_esc_keeps_the_one_using_it() {
    let (dir, store) = demo_with_pin();
    let mut h = Harness::start(dir, store, Some("Sam Patel"));
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
    assert_eq!(h.remembered(), Some(h.id_of("Ben Okafor")));
    assert!(h.app.undo.is_empty());
}

#[test]
fn three_wrong_pins_in_the_app_lock_the_person_out() {
    let (dir, store) = demo_with_pin();
    let mut h = Harness::start(dir, store, Some("Sam Patel"));
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

#[test]
fn someone_without_a_pin_is_switched_to_at_once() {
    let (dir, store) = demo_with_pin();
    let mut h = Harness::start(dir, store, Some("Ben Okafor"));
    h.keys("p");
    h.keys("sam");
    h.key(KeyCode::Enter);
    assert_eq!(h.viewer(), Some("Sam Patel"));
    assert_eq!(h.app.screen, Screen::Picker);
}

#[test]
fn esc_on_the_first_question_quits() {
    let (dir, store) = demo_with_pin();
    let mut h = Harness::start(dir, store, None);
    h.key(KeyCode::Esc);
    assert!(h.app.quit);
}

#[test]
fn the_welcome_screen_makes_you_the_person_using_the_app() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("tracker.db")).expect("open");
    let mut h = Harness::start(dir, store, None);
    assert_eq!(h.app.screen, Screen::Welcome);
    h.keys("a");
    h.keys("Jo Bloggs");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.key(KeyCode::Enter);
    assert_eq!(h.viewer(), Some("Jo Bloggs"), "{}", h.screen());
    assert_eq!(h.remembered(), Some(h.id_of("Jo Bloggs")));
    assert_eq!(h.restart().viewer(), Some("Jo Bloggs"));
}

#[test]
fn loading_the_demo_from_the_welcome_screen_asks_who_you_are() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("tracker.db")).expect("open");
    let mut h = Harness::start(dir, store, None);
    h.keys("d");
    assert!(matches!(&h.app.overlay, Overlay::Choose(c) if c.first));
    h.keys("ben");
    h.key(KeyCode::Enter);
    assert_eq!(h.viewer(), Some("Ben Okafor"));
}
