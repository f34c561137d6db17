//! The one key that signs the gateway sign-off, as the person using the app.

use super::app::App;
use super::update::{after_change, show_refusal};
use crate::store::Store;

/// Signs the sign-off of the person on screen; the status line says what
/// it did, a refusal comes up as a popup.
pub fn sign(app: &mut App, store: &mut Store) {
    let Some(person) = app.loaded.as_ref().map(|l| l.person.clone()) else {
        return;
    };
    match app.ops(store).sign_gateway(person.id) {
        Ok(signed) => {
            app.status_line = Some(signed.describe(&person.name));
            after_change(app, store, Some(person.id));
        }
        Err(error) => show_refusal(app, store, &error),
    }
}
