//! Who is using the app. It always acts as one recorded person: the `--as`
//! person, else whoever used it last on this database, else the one chosen
//! when it asks. Switching person asks the new person's PIN, if they have
//! one, before acting as them.

use super::app::{App, Overlay, Screen, Tab};
use super::last_user::LastUser;
use super::{AppError, Launch, prepare};
use crate::domain::{Person, PersonId, Role};
use crate::framework::Registry;
use crate::report::{CaseloadColumn, CaseloadOrder};
use crate::store::{Store, StoreError};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// How many names the chooser shows at once.
pub const CHOOSER_ROWS: usize = 8;

/// The longest PIN the prompt takes (as `check_new_pin` allows).
const PIN_MAX_CHARS: usize = 128;

/// Picking a person by name.
#[derive(Debug, Clone)]
pub struct Chooser {
    pub typed: String,
    /// The first people whose name holds what is typed.
    pub matches: Vec<Person>,
    pub cursor: usize,
    /// Nobody is using the app yet: Esc quits rather than going back.
    pub first: bool,
}

/// A PIN asked before acting as `person`; what is typed is never drawn.
#[derive(Debug, Clone)]
pub struct PinPrompt {
    pub person: Person,
    pub typed: String,
    /// Why the last PIN typed was refused.
    pub refusal: Option<String>,
    /// Nobody is using the app yet (see `Chooser::first`).
    pub first: bool,
}

impl Chooser {
    pub fn new(store: &Store, first: bool) -> Result<Chooser, StoreError> {
        let mut chooser = Chooser {
            typed: String::new(),
            matches: Vec::new(),
            cursor: 0,
            first,
        };
        chooser.find(store)?;
        Ok(chooser)
    }

    /// Moves the selection, staying on the names shown.
    fn step(&mut self, by: isize) -> Result<(), StoreError> {
        let last = self.matches.len().saturating_sub(1);
        self.cursor = self.cursor.saturating_add_signed(by).min(last);
        Ok(())
    }

    fn find(&mut self, store: &Store) -> Result<(), StoreError> {
        self.matches = store.people_named(&self.typed, CHOOSER_ROWS)?;
        self.cursor = self.cursor.min(self.matches.len().saturating_sub(1));
        Ok(())
    }
}

/// The app as it starts at a terminal: as the `--as` person (whose PIN the
/// command line has asked for), else as whoever used it last here, after
/// their PIN; else it asks who is using it. An empty database starts on
/// the welcome screen, which asks too.
pub fn start(
    store: &Store,
    registry: Registry,
    launch: &Launch,
    size: (u16, u16),
    last_user: Option<LastUser>,
) -> Result<App, AppError> {
    let mut app = prepare(store, registry, launch, size)?;
    app.last_user = last_user;
    if let Some(viewer) = app.viewer_id() {
        remember(&mut app, viewer);
        return Ok(app);
    }
    if app.screen == Screen::Welcome {
        return Ok(app);
    }
    let remembered = app.last_user.as_ref().and_then(LastUser::read);
    match remembered.and_then(|id| store.person(id).ok()) {
        Some(person) => ask_pin_or_become(&mut app, store, person, true),
        None => ask_who(&mut app, store, true),
    }
    Ok(app)
}

/// Opens the chooser; `first` when nobody is using the app yet. A login
/// on a server is one person, so there is nobody to choose.
pub fn ask_who(app: &mut App, store: &Store, first: bool) {
    if let Some(viewer) = app.viewer.as_ref().filter(|_| app.identity_from_login) {
        app.status_line = Some(format!(
            "your database login acts as {}: to work as someone else, connect with their login",
            viewer.name
        ));
        return;
    }
    app.overlay = match Chooser::new(store, first) {
        Ok(chooser) => Overlay::Choose(Box::new(chooser)),
        Err(error) => Overlay::Error(error.to_string()),
    };
}

/// A key while choosing.
pub fn choose_input(app: &mut App, store: &mut Store, mut chooser: Box<Chooser>, key: KeyEvent) {
    let control = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('c') if control => app.quit = true,
        KeyCode::Esc if chooser.first => app.quit = true,
        KeyCode::Esc => {
            let name = app.viewer.as_ref().map_or("nobody", |v| v.name.as_str());
            app.status_line = Some(format!("still using the app as {name}"));
        }
        KeyCode::Enter => match chooser.matches.get(chooser.cursor).cloned() {
            Some(person) => ask_pin_or_become(app, store, person, chooser.first),
            None => app.overlay = Overlay::Choose(chooser),
        },
        code => {
            let found = match code {
                KeyCode::Up => chooser.step(-1),
                KeyCode::Down => chooser.step(1),
                KeyCode::Backspace => {
                    chooser.typed.pop();
                    chooser.find(store)
                }
                KeyCode::Char(c) if !control && !c.is_control() => {
                    chooser.typed.push(c);
                    chooser.cursor = 0;
                    chooser.find(store)
                }
                _ => Ok(()),
            };
            app.overlay = match found {
                Ok(()) => Overlay::Choose(chooser),
                Err(error) => Overlay::Error(error.to_string()),
            };
        }
    }
}

/// A key while the PIN is asked.
pub fn pin_input(app: &mut App, store: &mut Store, mut prompt: Box<PinPrompt>, key: KeyEvent) {
    let control = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('c') if control => app.quit = true,
        KeyCode::Esc => ask_who(app, store, prompt.first),
        KeyCode::Enter => {
            let checked = app.ops(store).check_pin(prompt.person.id, &prompt.typed);
            match checked {
                Ok(()) => become_viewer(app, store, prompt.person),
                Err(refusal) => {
                    prompt.typed.clear();
                    prompt.refusal = Some(refusal.to_string());
                    app.overlay = Overlay::Pin(prompt);
                }
            }
        }
        code => {
            match code {
                KeyCode::Backspace => {
                    prompt.typed.pop();
                }
                KeyCode::Char(c)
                    if !control
                        && !c.is_control()
                        && prompt.typed.chars().count() < PIN_MAX_CHARS =>
                {
                    prompt.typed.push(c)
                }
                _ => {}
            }
            app.overlay = Overlay::Pin(prompt);
        }
    }
}

/// Acts as `person` at once, or asks their PIN first if they have one.
fn ask_pin_or_become(app: &mut App, store: &Store, person: Person, first: bool) {
    match store.pin(person.id) {
        Ok(Some(_)) => {
            app.overlay = Overlay::Pin(Box::new(PinPrompt {
                person,
                typed: String::new(),
                refusal: None,
                first,
            }))
        }
        Ok(None) => become_viewer(app, store, person),
        Err(error) => app.overlay = Overlay::Error(error.to_string()),
    }
}

/// The person just added on the welcome screen uses the app from now on.
pub fn welcomed(app: &mut App, store: &Store, id: Option<PersonId>, message: String) {
    match id.map(|id| store.person(id)) {
        Some(Ok(person)) => become_viewer(app, store, person),
        Some(Err(error)) => app.overlay = Overlay::Error(error.to_string()),
        None => {}
    }
    app.status_line = Some(message);
}

/// From now on the app acts as `person`: an apprentice sees their own
/// screens, anyone else the list of people (an assessor their caseload).
fn become_viewer(app: &mut App, store: &Store, person: Person) {
    let (id, role) = (person.id, person.role);
    let message = format!("using the app as {}", person.name);
    // Changes made as someone else are not the new person's to undo.
    app.undo.clear();
    app.filter = Default::default();
    app.cursors = Default::default();
    app.loaded = None;
    app.tab = Tab::Dashboard;
    app.picker_order = first_order(role);
    app.viewer = Some(person);
    app.screen = Screen::Picker;
    let read = app
        .reload_people(store)
        .and_then(|()| app.work_out_list_here(store))
        .map_err(|e| e.to_string());
    let opened = read.and_then(|()| match role {
        Role::Apprentice => app.open_person(store, id),
        _ => Ok(()),
    });
    if let Err(message) = opened {
        app.overlay = Overlay::Error(message);
    }
    app.status_line = Some(message);
    remember(app, id);
}

/// Keeps `id` as the last to use the app here; a file that cannot be
/// written only costs asking again next time.
fn remember(app: &mut App, id: PersonId) {
    let Some(last_user) = &app.last_user else {
        return;
    };
    if let Err(error) = last_user.write(id) {
        let said = app.status_line.take().unwrap_or_default();
        app.status_line = Some(format!(
            "{said} (not remembered for next time: {}: {error})",
            last_user.file().display()
        ));
    }
}

/// The list of people an assessor first sees is next check-in first;
/// anyone else's is by name.
pub fn first_order(role: Role) -> CaseloadOrder {
    if role == Role::Assessor {
        CaseloadOrder::first(CaseloadColumn::NextCheckin)
    } else {
        CaseloadOrder::first(CaseloadColumn::Name)
    }
}
