//! The app without a terminal, on either engine: keys and clicks go
//! through `update` as the event loop sends them, and the screen is drawn
//! into `TestBackend`. The day is 2026-11-21, 10:00.

use super::engine::Engine;
use chrono::NaiveDate;
use crossterm::event::MouseEventKind;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent};
use pcso_tracker::framework::Registry;
use pcso_tracker::ops::{Clock, Ops};
use pcso_tracker::store::Store;
use pcso_tracker::tui::app::App;
use pcso_tracker::tui::{Launch, prepare, update, view, work_here};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub struct Harness {
    /// Keeps the database (and an SQLite file's folder) for the test.
    pub engine: Engine,
    pub store: Store,
    pub app: App,
}

pub fn clock() -> Clock {
    let day = NaiveDate::from_ymd_opt(2026, 11, 21).expect("date");
    Clock::fixed(day.and_hms_opt(10, 0, 0).expect("time").and_utc())
}

/// `engine`'s database, opened and filled by `fill`.
pub fn filled(engine: &Engine, fill: impl FnOnce(&mut Store, &Registry, Clock)) -> Store {
    let mut store = engine.open();
    let registry = Registry::load(None).expect("frameworks");
    fill(&mut store, &registry, clock());
    store
}

/// The demo on `engine`'s database.
pub fn demo(engine: &Engine) -> Store {
    filled(engine, |store, registry, clock| {
        Ops::new(store, registry, clock, None)
            .load_demo(false)
            .expect("demo");
    })
}

/// Sets `name`'s PIN, as they would themselves.
pub fn set_pin(store: &mut Store, name: &str, pin: &str) {
    let registry = Registry::load(None).expect("frameworks");
    let person = store.find_person(name).expect(name).id;
    Ops::new(store, &registry, clock(), Some(person))
        .set_pin(person, None, pin)
        .expect("PIN set");
}

impl Harness {
    /// The app as `prepare` starts it on `store`, as `--as` says.
    pub fn start(engine: Engine, store: Store, acting_as: Option<&str>, size: (u16, u16)) -> Self {
        let launch = launch(acting_as);
        let registry = Registry::load(None).expect("frameworks");
        let app = prepare(&store, registry, &launch, size).expect("prepare");
        Harness { engine, store, app }
    }

    /// As the event loop does: the action, then a list it asked to be
    /// worked out (which arrives within milliseconds).
    pub fn event(&mut self, event: Event) {
        if let Some(action) = update::action_for_event(&self.app, &event) {
            update::update(&mut self.app, &mut self.store, action);
        }
        self.app
            .work_out_list_here(&self.store)
            .expect("work out the list");
    }

    pub fn key(&mut self, code: KeyCode) {
        self.event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    pub fn keys(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    pub fn ctrl(&mut self, c: char) {
        self.event(Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::CONTROL,
        )));
    }

    pub fn click(&mut self, column: u16, row: u16) {
        let kind = MouseEventKind::Down(MouseButton::Left);
        self.event(Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }));
    }

    /// Orders the list of people by name: a click on the Name header, the
    /// first column of the table under the title line.
    pub fn order_by_name(&mut self) {
        self.click(3, 2);
    }

    /// What the background does while no key waits: works out the
    /// caseload columns still missing on screen.
    pub fn idle(&mut self) {
        work_here(&mut self.app, &mut self.store);
    }

    pub fn screen(&self) -> String {
        let (width, height) = self.app.size;
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        terminal
            .draw(|frame| view::draw(frame, &self.app))
            .expect("draw");
        format!("{}", terminal.backend())
    }

    pub fn status(&self) -> String {
        self.app.status_line.clone().unwrap_or_default()
    }

    /// The number `sql` (portable SQL) gives, read behind the app's back.
    pub fn count(&self, sql: &str) -> i64 {
        self.engine.number(sql).unwrap_or(0)
    }
}

/// How the app is started, as `--as` says.
pub fn launch(acting_as: Option<&str>) -> Launch {
    Launch {
        clock: clock(),
        acting_as: acting_as.map(str::to_string),
    }
}
