//! Putting right an hours entry in the app: the edit form, filled from the
//! entry, and the question asked before one is deleted.

use super::app::{App, Confirm, Loaded, Overlay};
use super::form::{Form, FormKind};
use super::record_forms::{Saved, hours_fields, hours_input};
use super::undo::{Undo, UndoStep};
use crate::domain::{HoursEntry, hours_text};
use crate::ops::{HoursInput, OpError, Ops};

/// The entry under the cursor, as shown newest first.
pub fn selected(app: &App) -> Option<&HoursEntry> {
    app.hours_window(app.cursors.hours..app.cursors.hours + 1)
        .next()
}

/// The entry as a form takes it.
fn as_input(entry: &HoursEntry) -> HoursInput {
    HoursInput {
        date: Some(entry.date),
        hours: entry.hours,
        category: entry.category.clone(),
        activity: entry.activity.clone(),
        note: entry.note.clone(),
        benefit: entry.benefit.clone(),
        outcomes: entry.outcomes.clone(),
    }
}

pub fn edit_form(loaded: &Loaded, entry: &HoursEntry) -> Form {
    Form::new(
        FormKind::EditHours(entry.id),
        format!("Edit hours entry {}", entry.id),
        hours_fields(loaded, &as_input(entry)),
    )
}

/// Asks before deleting the selected entry.
pub fn ask_to_delete(app: &mut App) {
    if let Some(entry) = selected(app) {
        let what = format!(
            "{} h of {} on {}",
            hours_text(entry.hours),
            entry.category,
            entry.date
        );
        app.overlay = Overlay::Confirm(Confirm::DeleteHours {
            id: entry.id,
            what,
            version: entry.version,
        });
    }
}

pub fn save_edited(ops: &mut Ops, loaded: &Loaded, form: &Form, id: i64) -> Result<Saved, OpError> {
    let old = loaded
        .progress
        .hours
        .iter()
        .find(|e| e.id == id)
        .ok_or_else(|| OpError::Gone(format!("hours entry {id} is gone")))?;
    let input = hours_input(form, old.activity.clone())?;
    let logged = ops.edit_hours(id, &input, Some(old.version))?;
    let mut message = format!(
        "saved hours entry {id}: {} h of {}",
        hours_text(input.hours),
        input.category
    );
    if old.review.after_edit() != old.review {
        message.push_str("; its acceptance is taken back until accepted again");
    }
    if let Some(doubt) = &logged.doubt {
        message.push_str(&format!("; warning: {doubt}"));
    }
    let undo = Undo::HoursEdited {
        id,
        before: as_input(old),
    };
    Ok(Saved::said(
        message,
        Some(UndoStep::new(undo, logged.written.version)),
    ))
}
