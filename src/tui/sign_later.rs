//! Signing later: a party who was not at the meeting opens the app as
//! themselves, sees on the person's dashboard the completed review that
//! awaits their signature, and signs it with one key, as themselves.

use super::app::App;
use super::checkin::{party_lines, progress};
use crate::domain::{PersonId, ReviewParties};
use crate::ops::OpError;
use crate::store::Store;

/// The completed review of the person on screen that awaits the signature
/// of the person using the app, if any.
pub fn awaited(app: &App) -> Option<i64> {
    let (loaded, viewer) = (app.loaded.as_ref()?, app.viewer_id()?);
    let checkins = &loaded.progress.checkins;
    loaded
        .standing
        .checkins
        .awaiting
        .iter()
        .find(|awaiting| {
            let Some(review) = checkins.iter().find(|c| c.id == awaiting.checkin_id) else {
                return false;
            };
            let parties = ReviewParties {
                apprentice: loaded.person.id,
                assessor: Some(PersonId(review.assessor_id)),
                employer: loaded.person.employer_id,
            };
            parties
                .party_of(viewer)
                .is_some_and(|party| awaiting.parties.contains(&party))
        })
        .map(|awaiting| awaiting.checkin_id)
}

/// Signs the review awaiting the person using the app, as them; says who
/// has signed and who is still awaited, or that it is sealed. `None` when
/// no review awaits them.
pub fn sign(app: &App, store: &mut Store) -> Result<Option<String>, OpError> {
    let (Some(id), Some(loaded)) = (awaited(app), app.loaded.as_ref()) else {
        return Ok(None);
    };
    app.ops(store).sign_review(id)?;
    let (lines, sealed) = party_lines(store, &loaded.framework, &loaded.person, id)?;
    Ok(Some(progress(id, &lines, sealed)))
}
