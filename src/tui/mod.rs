//! The terminal app. Data flows one way: a key or mouse event becomes an
//! `Action` (keymap), `update` changes the state and asks the store to
//! write, and the view draws from the state alone.

pub mod action;
pub mod app;
pub mod checkin;
pub mod form;
mod forms;
pub mod keymap;
pub mod layout;
pub mod text;
pub mod theme;
mod undo;
pub mod update;
pub mod view;

use crate::commands::{CommandError, Context};
use crate::domain::Role;
use crate::framework::{BUNDLED, Framework, load_file};
use crate::store::Store;
use app::{App, Screen};
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use ratatui::DefaultTerminal;
use std::io::{self, IsTerminal};
use std::process::ExitCode;

/// Opens the app, or explains what to use instead when there is no terminal.
pub fn run(context: &Context) -> Result<ExitCode, CommandError> {
    if !io::stdout().is_terminal() {
        eprintln!(
            "pcso-tracker: the app needs a terminal; for text, use `pcso-tracker report PERSON` or `report --all`"
        );
        return Ok(ExitCode::from(2));
    }
    // Everything that can fail on bad input is checked before raw mode.
    let mut store = context.open_store()?;
    let frameworks = frameworks(context)?;
    let size = crossterm::terminal::size().unwrap_or((80, 24));
    let mut app = prepare(&store, frameworks, context, size)?;
    install_panic_hook();
    let mut terminal = ratatui::try_init()?;
    let _ = execute!(io::stdout(), EnableMouseCapture);
    let result = event_loop(&mut terminal, &mut app, &mut store);
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    result
        .map(|()| ExitCode::SUCCESS)
        .map_err(CommandError::Output)
}

/// The bundled frameworks, and the `--standard` file first when given.
pub fn frameworks(context: &Context) -> Result<Vec<Framework>, CommandError> {
    let mut all = Vec::new();
    if let Some(path) = &context.standard {
        all.push(load_file(path)?);
    }
    for bundled in BUNDLED {
        let framework = bundled.load()?;
        if !all
            .iter()
            .any(|f: &Framework| f.framework.id == framework.framework.id)
        {
            all.push(framework);
        }
    }
    Ok(all)
}

/// The state to start from: `--as` opens that person (an assessor sees
/// their caseload); otherwise the list of people, or the welcome screen.
pub fn prepare(
    store: &Store,
    frameworks: Vec<Framework>,
    context: &Context,
    size: (u16, u16),
) -> Result<App, CommandError> {
    let mut app = App::new(context.today, frameworks, size);
    app.reload_people(store)?;
    app.screen = if app.people.is_empty() {
        Screen::Welcome
    } else {
        Screen::Picker
    };
    if let Some(query) = &context.acting_as {
        let person = store.find_person(query)?;
        app.viewer = Some(person.clone());
        app.picker_by_due = person.role == Role::Assessor;
        if person.role == Role::Apprentice {
            app.open_person(store, person.id)
                .map_err(CommandError::Refused)?;
        }
    }
    // Caseload columns cost a standing each: only worked out when shown.
    if app.screen == Screen::Picker {
        app.fill_caseload_window(
            store,
            view::list_area(&app).map_or(0, |area| area.height as usize),
        );
    }
    Ok(app)
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App, store: &mut Store) -> io::Result<()> {
    while !app.quit {
        terminal.draw(|frame| view::draw(frame, app))?;
        let event = event::read()?;
        if let Some(action) = update::action_for_event(app, &event) {
            update::update(app, store, action);
        }
    }
    Ok(())
}

/// Mouse reporting is switched off on a panic too, before the message.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        previous(info);
    }));
}
