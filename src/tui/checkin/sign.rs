//! The sign step. The assessor completes the review, which fixes its
//! content; then each party the framework names signs it: the person using
//! the app as themselves, anyone else at the meeting by choosing their line
//! and typing their own PIN (asked only of someone who has one). The last
//! signature seals it; leaving before then lets the rest sign later, each
//! from their own session.

use super::{CheckinSession, back_to_dashboard, leave_step, leave_with, stopped};
use crate::domain::{Person, PersonId, and_list};
use crate::framework::{Framework, Party};
use crate::ops::{OpError, SignedReview};
use crate::store::{Store, StoreError};
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay};
use crate::tui::record_forms::label;
use crate::tui::text::one_line;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The longest PIN taken (as `check_new_pin` allows).
const PIN_MAX_CHARS: usize = 128;

/// One party to a review: who they are, and whether they have signed.
#[derive(Debug, Clone)]
pub struct PartyLine {
    pub party: Party,
    /// `None`: no employer is named for the apprentice yet.
    pub person: Option<Person>,
    pub signed: bool,
}

/// The sign step once the review is completed.
#[derive(Debug, Clone)]
pub struct Signing {
    pub lines: Vec<PartyLine>,
    pub cursor: usize,
    /// The PIN being typed for the selected party; never drawn.
    pub pin: Option<String>,
    /// Why the last signature tried was refused.
    pub refusal: Option<String>,
}

/// The parties the framework asks to sign check-in `id` of `apprentice`,
/// as stored now, and whether it is sealed.
pub fn party_lines(
    store: &Store,
    framework: &Framework,
    apprentice: &Person,
    id: i64,
) -> Result<(Vec<PartyLine>, bool), StoreError> {
    let record = store.checkin(id)?;
    let mut lines = Vec::new();
    for party in &framework.review.signed_by {
        let person = match party {
            Party::Apprentice => Some(apprentice.clone()),
            Party::Assessor => Some(store.person(PersonId(record.assessor_id))?),
            Party::Employer => apprentice
                .employer_id
                .map(|e| store.person(e))
                .transpose()?,
        };
        let signed = record.signatures.iter().any(|s| s.party == *party);
        lines.push(PartyLine {
            party: *party,
            person,
            signed,
        });
    }
    Ok((lines, record.sealed))
}

/// "check-in 12 signed by everyone and sealed", or who has signed and whom
/// it awaits: "check-in 12 signed by Chloe Evans and Sam Patel; awaiting
/// the employer Grace Mensah".
pub fn progress(id: i64, lines: &[PartyLine], sealed: bool) -> String {
    if sealed {
        return format!("check-in {id} signed by everyone and sealed");
    }
    let signed: Vec<String> = lines.iter().filter(|l| l.signed).map(party_name).collect();
    let awaited: Vec<String> = lines
        .iter()
        .filter(|l| !l.signed)
        .map(|l| format!("the {} {}", l.party.as_str(), party_name(l)))
        .collect();
    let awaiting = format!("awaiting {}", and_list(&awaited));
    if signed.is_empty() {
        format!("check-in {id} {awaiting}")
    } else {
        format!("check-in {id} signed by {}; {awaiting}", and_list(&signed))
    }
}

/// A party's name as shown, or why there is none.
pub fn party_name(line: &PartyLine) -> String {
    line.person
        .as_ref()
        .map_or("(none named yet)".to_string(), |p| one_line(&p.name))
}

/// Ctrl-S at the sign step: saves the last content and completes the
/// review; its parties are then listed to sign, the user's own line first.
pub(super) fn complete(app: &mut App, store: &mut Store, mut session: CheckinSession) {
    if let Err(message) = leave_step(&mut session) {
        app.overlay = Overlay::Error(message);
        app.checkin = Some(session);
        return;
    }
    if let Err(error) = app
        .ops(store)
        .complete_checkin(session.id, &session.content)
    {
        return stopped(app, store, session, &error);
    }
    match read_signing(app, store, session.id) {
        Ok((signing, _)) => {
            session.signing = Some(signing);
            app.status_line = Some(format!(
                "completed check-in {}: its content is fixed; each party now signs it",
                session.id
            ));
        }
        Err(message) => app.overlay = Overlay::Error(message),
    }
    app.checkin = Some(session);
}

/// The parties as stored now, the cursor on the user's own line if they
/// have yet to sign, else on the first still awaited.
fn read_signing(app: &App, store: &Store, id: i64) -> Result<(Signing, bool), String> {
    let loaded = app.loaded.as_ref().ok_or("open a person first")?;
    let (lines, sealed) =
        party_lines(store, &loaded.framework, &loaded.person, id).map_err(|e| e.to_string())?;
    let viewer = app.viewer_id();
    let own = |l: &PartyLine| l.person.as_ref().map(|p| p.id) == viewer;
    let cursor = lines
        .iter()
        .position(|l| !l.signed && own(l))
        .or_else(|| lines.iter().position(|l| !l.signed))
        .unwrap_or(0);
    let signing = Signing {
        lines,
        cursor,
        pin: None,
        refusal: None,
    };
    Ok((signing, sealed))
}

/// Actions once the review is completed: its content can no longer
/// change. One it has no use for is given back.
pub(super) fn act(
    app: &mut App,
    store: &mut Store,
    mut session: CheckinSession,
    action: Action,
) -> Option<Action> {
    let id = session.id;
    let Some(signing) = session.signing.as_mut() else {
        app.checkin = Some(session);
        return Some(action);
    };
    let last = signing.lines.len().saturating_sub(1) as isize;
    let mut step = |by: isize| {
        signing.cursor = (signing.cursor as isize).saturating_add(by).clamp(0, last) as usize
    };
    match action {
        Action::Quit | Action::Back => {
            leave(app, store, session);
            return None;
        }
        Action::SignParty => {
            choose(app, store, session);
            return None;
        }
        Action::SubmitPin => {
            let typed = signing.pin.take().unwrap_or_default();
            sign_selected(app, store, session, Some(typed));
            return None;
        }
        Action::Up | Action::ScrollUp => step(-1),
        Action::Down | Action::ScrollDown => step(1),
        Action::Top => step(isize::MIN / 2),
        Action::Bottom => step(isize::MAX / 2),
        Action::CancelPin => {
            signing.pin = None;
            signing.refusal = None;
        }
        Action::Input(key) => match signing.pin.as_mut() {
            Some(pin) => pin_input(pin, key),
            None => {
                app.status_line = Some(format!(
                    "check-in {id} is completed and can no longer change: Enter signs, Esc leaves"
                ))
            }
        },
        other => {
            app.checkin = Some(session);
            return Some(other);
        }
    }
    app.checkin = Some(session);
    None
}

/// A key typed into the PIN.
fn pin_input(pin: &mut String, key: KeyEvent) {
    let control = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Backspace => {
            pin.pop();
        }
        KeyCode::Char(c) if !control && !c.is_control() && pin.chars().count() < PIN_MAX_CHARS => {
            pin.push(c)
        }
        _ => {}
    }
}

/// Enter on a party's line: the person using the app signs at once; anyone
/// else is asked for their PIN if they have one.
fn choose(app: &mut App, store: &mut Store, mut session: CheckinSession) {
    let Some(signing) = session.signing.as_mut() else {
        return;
    };
    let Some(line) = signing.lines.get(signing.cursor).cloned() else {
        app.checkin = Some(session);
        return;
    };
    let Some(person) = line.person.as_ref().filter(|_| !line.signed) else {
        app.status_line = Some(match &line.person {
            Some(person) => format!("{} has signed", one_line(&person.name)),
            None => format!(
                "no {} is named for this apprentice yet: an administrator names one",
                line.party.as_str()
            ),
        });
        app.checkin = Some(session);
        return;
    };
    if Some(person.id) != app.viewer_id() && app.identity_from_login {
        app.status_line = Some(format!(
            "{} signs from their own login: the check-in awaits them on their dashboard",
            one_line(&person.name)
        ));
        app.checkin = Some(session);
        return;
    }
    if Some(person.id) != app.viewer_id() {
        match store.pin(person.id) {
            Ok(Some(_)) => {
                signing.pin = Some(String::new());
                signing.refusal = None;
                app.checkin = Some(session);
                return;
            }
            Ok(None) => {}
            Err(error) => {
                app.overlay = Overlay::Error(error.to_string());
                app.checkin = Some(session);
                return;
            }
        }
    }
    sign_selected(app, store, session, None)
}

/// Signs as the selected party: the user as themselves, anyone else in
/// person with the PIN they typed (none when they have none).
fn sign_selected(
    app: &mut App,
    store: &mut Store,
    mut session: CheckinSession,
    pin: Option<String>,
) {
    let signer = session
        .signing
        .as_ref()
        .and_then(|s| s.lines.get(s.cursor))
        .and_then(|l| l.person.as_ref())
        .map(|p| p.id);
    let Some(signer) = signer else {
        app.checkin = Some(session);
        return;
    };
    let signed: Result<SignedReview, OpError> = if Some(signer) == app.viewer_id() {
        app.ops(store).sign_review(session.id)
    } else {
        let typed = pin.as_deref().unwrap_or_default();
        app.ops(store)
            .sign_review_in_person(session.id, signer, typed)
    };
    match (signed, session.signing.as_mut()) {
        (Ok(_), _) => refresh(app, store, session),
        (Err(error @ OpError::Gone(_)), _) => leave_with(app, store, &error),
        // The prompt stays, emptied, with why: a wrong PIN signed nothing.
        (Err(error), Some(signing)) if pin.is_some() => {
            signing.pin = Some(String::new());
            signing.refusal = Some(format!("{}; nothing was signed", error.naming(label)));
            app.checkin = Some(session);
        }
        (Err(error), _) => {
            app.overlay = Overlay::Error(error.naming(label));
            app.checkin = Some(session);
        }
    }
}

/// Reads the signatures again: a sealed review ends the session, back on
/// the dashboard; otherwise the step says who has signed and who is awaited.
pub(super) fn refresh(app: &mut App, store: &mut Store, mut session: CheckinSession) {
    let id = session.id;
    match read_signing(app, store, id) {
        Ok((signing, true)) => back_to_dashboard(app, store, progress(id, &signing.lines, true)),
        Ok((signing, false)) => {
            app.status_line = Some(progress(id, &signing.lines, false));
            session.signing = Some(signing);
            app.checkin = Some(session);
        }
        Err(message) => {
            app.overlay = Overlay::Error(message);
            app.checkin = Some(session);
        }
    }
}

/// Leaves a completed review to wait for the rest of its signatures.
pub(super) fn leave(app: &mut App, store: &mut Store, session: CheckinSession) {
    let id = session.id;
    let message = match read_signing(app, store, id) {
        Ok((signing, true)) => progress(id, &signing.lines, true),
        Ok((signing, false)) => format!(
            "{}; each signs later from their own session",
            progress(id, &signing.lines, false)
        ),
        Err(_) => format!("check-in {id} waits for its signatures"),
    };
    back_to_dashboard(app, store, message);
}
