//! An assessor accepts or queries the selected hours entry on the hours
//! screen: accepting at once, querying through a form asking why.

use super::app::{App, Overlay};
use super::form::{Field, Form, FormKind};
use super::update::{after_change, show_refusal};
use crate::domain::HoursEntry;
use crate::store::Store;

/// The entry under the cursor, as shown newest first.
fn selected(app: &App) -> Option<&HoursEntry> {
    app.hours_rows().get(app.cursors.hours).copied()
}

/// Accepts the selected entry, based on the version on screen.
pub fn accept(app: &mut App, store: &mut Store) {
    if !app.viewer_is_assessor() {
        return;
    }
    let Some((id, version)) = selected(app).map(|e| (e.id, e.version)) else {
        return;
    };
    match app.ops(store).accept_hours(id, Some(version)) {
        Ok(_) => {
            after_change(app, store, None);
            app.status_line = Some(format!("accepted hours entry {id}"));
        }
        Err(error) => show_refusal(app, store, &error),
    }
}

/// Opens the form asking why the selected entry is queried.
pub fn open_query(app: &mut App) {
    if !app.viewer_is_assessor() {
        return;
    }
    let Some(entry) = selected(app) else { return };
    let form = Form::new(
        FormKind::QueryHours(entry.id),
        format!(
            "Query hours entry {} ({} h on {})",
            entry.id, entry.hours, entry.date
        ),
        vec![Field::lines(
            "Reason",
            entry.query_reason.as_deref().unwrap_or(""),
        )],
    );
    app.overlay = Overlay::Form(Box::new(form));
}
