//! An assessor's judgement queue: opened from the list of people, read once
//! as it opens; Enter starts (or resumes) a check-in with the person on the
//! row, at that outcome.

use super::app::{App, Overlay, Screen};
use crate::domain::judgement_queue;
use crate::store::Store;

/// Reads the queue of the assessor using the app and shows it.
pub fn open(app: &mut App, store: &Store) {
    let Some(assessor) = app.viewer_id().filter(|_| app.viewer_is_assessor()) else {
        return;
    };
    match store.outcomes_marked(assessor) {
        Ok(marked) => {
            app.queue = judgement_queue(&marked, app.today);
            app.cursors.queue = 0;
            app.screen = Screen::Queue;
        }
        Err(error) => app.overlay = Overlay::Error(error.to_string()),
    }
}

/// The selected outcome's person opened, and a check-in with them started
/// or resumed, on that outcome.
pub fn start_checkin(app: &mut App, store: &mut Store) {
    let Some(waiting) = app.queue.get(app.cursors.queue).cloned() else {
        return;
    };
    app.filter = Default::default();
    app.tab = super::app::Tab::Dashboard;
    if let Err(message) = app.open_person(store, waiting.person_id) {
        app.overlay = Overlay::Error(message);
        return;
    }
    match super::checkin::start(app, store) {
        Ok(()) => super::checkin::go_to_outcome(app, &waiting.code),
        Err(error) => super::update::show_refusal(app, store, &error),
    }
}

/// The title of the outcome on a row of the queue, from its framework.
pub fn outcome_title<'a>(app: &'a App, framework_id: &str, code: &str) -> &'a str {
    app.framework(framework_id)
        .and_then(|framework| framework.outcome(code))
        .map_or("", |outcome| outcome.title.as_str())
}
