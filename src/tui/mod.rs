//! The terminal app. Data flows one way: a key or mouse event becomes an
//! `Action` (keymap), `update` changes the state and asks the store to
//! write, and the view draws from the state alone.

pub mod action;
pub mod app;
mod app_jobs;
pub mod background;
pub mod changes;
pub mod checkin;
pub mod form;
mod gateway;
pub mod hours_chart;
mod hours_forms;
mod hours_review;
pub mod keymap;
pub mod last_user;
pub mod layout;
pub mod palette;
pub mod people_window;
mod queue;
mod record_forms;
mod restore;
pub mod sign_later;
pub mod text;
pub mod theme;
mod undo;
pub mod update;
pub mod view;
pub mod who;
mod wrap;

use crate::domain::Role;
use crate::framework::{FrameworkError, Registry};
use crate::ops::{Clock, OpError};
use crate::store::{Store, StoreError};
use app::{App, Screen};
use background::{Background, Done};
use changes::ChangeWatch;
use crossterm::event::{self, EnableMouseCapture};
use crossterm::execute;
use ratatui::DefaultTerminal;
use std::io::{self, IsTerminal};
use std::process::ExitCode;
use std::time::Duration;
use thiserror::Error;

/// Why the app could not start or had to stop.
#[derive(Debug, Error)]
pub enum AppError {
    #[error(transparent)]
    Op(#[from] OpError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Framework(#[from] FrameworkError),
    #[error("the terminal failed: {0}")]
    Terminal(#[from] io::Error),
}

/// How the app starts: its clock, and who is using it (`--as`).
#[derive(Debug, Clone)]
pub struct Launch {
    pub clock: Clock,
    pub acting_as: Option<String>,
}

/// How often the app looks for work the background has finished.
const BACKGROUND_CHECK: Duration = Duration::from_millis(4);

/// Whether the app has a terminal to draw in.
pub fn has_terminal() -> bool {
    io::stdout().is_terminal()
}

/// Runs the app until the user quits; the terminal is restored on the way
/// out, on error, on panic and on an ending signal.
pub fn run(mut store: Store, registry: Registry, launch: &Launch) -> Result<ExitCode, AppError> {
    let size = crossterm::terminal::size().unwrap_or((80, 24));
    let last_user = last_user::LastUser::of(&store);
    let mut app = who::start(&store, registry, launch, size, last_user)?;
    let mut background = Background::start(store.reader()?, app.registry.clone(), app.today)?;
    let mut watch = ChangeWatch::for_app(&store);
    restore::restore_on_signals()?;
    restore::end_when_terminal_goes()?;
    let mut terminal = ratatui::try_init()?;
    restore::install_panic_hook();
    let _ = execute!(io::stdout(), EnableMouseCapture);
    let result = event_loop(
        &mut terminal,
        &mut app,
        &mut store,
        &mut background,
        &mut watch,
    );
    restore::restore_terminal();
    Ok(result.map(|()| ExitCode::SUCCESS)?)
}

/// The state to start from: `--as` opens that person (an assessor sees
/// their caseload); otherwise the list of people, or the welcome screen.
/// The list shown first is worked out here; caseload columns are worked
/// out in the background after the first frame.
pub fn prepare(
    store: &Store,
    registry: Registry,
    launch: &Launch,
    size: (u16, u16),
) -> Result<App, AppError> {
    // The app may show anyone, so every framework is read now: a failure
    // is reported here, before the terminal changes mode.
    registry.all()?;
    let mut app = App::new(launch.clock, registry, size);
    app.seen_data_version = store.data_version()?;
    app.screen = if store.count_people()? == 0 {
        Screen::Welcome
    } else {
        Screen::Picker
    };
    // On a server the login says who this is; elsewhere `--as` may.
    let acting = match (store.login_person(), &launch.acting_as) {
        (Some(id), _) => Some(store.person(id)?),
        (None, Some(query)) => Some(store.find_person(query)?),
        (None, None) => None,
    };
    app.identity_from_login = store.login_person().is_some();
    if let Some(person) = acting {
        app.viewer = Some(person.clone());
        app.picker_order = who::first_order(person.role);
        if person.role == Role::Apprentice {
            // Their own screens only: nobody else is read.
            app.open_person(store, person.id)
                .map_err(OpError::Refused)?;
        }
    }
    app.reload_people(store)?;
    app.work_out_list_here(store)?;
    Ok(app)
}

/// Does the work the app asks of the background here, until none is left:
/// for tests and benchmarks that drive the app without its event loop.
pub fn work_here(app: &mut App, store: &mut Store) {
    loop {
        let (generation, jobs) = app.take_jobs();
        if jobs.is_empty() {
            return;
        }
        for job in jobs {
            let finished = background::work(store, &app.registry, app.today, job);
            let done = Box::new(Done {
                generation,
                finished,
            });
            update::update(app, store, action::Action::Finished(done));
        }
    }
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    store: &mut Store,
    background: &mut Background,
    watch: &mut ChangeWatch,
) -> io::Result<()> {
    let mut stale_frame = true;
    while !app.quit {
        if stale_frame {
            terminal.draw(|frame| view::draw(frame, app))?;
        }
        let (generation, jobs) = app.take_jobs();
        for job in jobs {
            background.send(generation, job);
        }
        let finished = background.finished();
        if !finished.is_empty() {
            for done in finished {
                update::update(app, store, action::Action::Finished(Box::new(done)));
            }
            stale_frame = true;
            continue;
        }
        // While the background works, its answers are looked for often.
        let wait = if background.busy() {
            BACKGROUND_CHECK
        } else {
            watch.key_wait()
        };
        if event::poll(wait)? {
            stale_frame = true;
            let event = event::read()?;
            if let Some(action) = update::action_for_event(app, &event) {
                update::update(app, store, action);
            }
            continue;
        }
        // Idle: redraw only when another program changed something.
        stale_frame = !background.busy() && look_for_changes(app, store, watch);
    }
    Ok(())
}

/// What the idle app does: when the watch says the database may have
/// changed, it is asked, and the screen read again if it has. True when
/// the screen must be drawn again.
pub fn look_for_changes(app: &mut App, store: &mut Store, watch: &mut ChangeWatch) -> bool {
    if !watch.due() {
        return false;
    }
    let seen = app.seen_data_version;
    update::update(app, store, action::Action::CheckForChanges);
    app.seen_data_version != seen
}
