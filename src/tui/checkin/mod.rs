//! Check-in mode: an assessor walks a progress review section by section,
//! the draft saved to the store at every step, then completes it and the
//! parties sign it (`sign`). Its keys are in the keymap's table; leaving
//! part-way (Esc, Ctrl-C, or q where nothing is being typed) keeps the
//! draft; Ctrl-Z undoes within it. A draft sealed elsewhere ends the
//! session with a message.

use super::action::Action;
use super::app::{App, Confirm, Overlay, Screen, Tab};
use super::form::{Field, Form, FormKind, TextArea};
use super::record_forms::label;
use super::text::typed;
use crate::domain::{ActionReview, EvidenceItem, Judgement, earlier_judgements, parse_date};
use crate::ops::{OpError, agreed_action, looking_back};
use crate::store::Store;
use chrono::{Days, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod session;
mod sign;

pub use session::{CheckinSession, Step};
pub use sign::{PartyLine, Signing, party_lines, party_name, progress};

/// Starts a review of the person on screen, or resumes their draft.
pub fn start(app: &mut App, store: &mut Store) -> Result<(), OpError> {
    let person = app
        .loaded
        .as_ref()
        .ok_or_else(|| OpError::Refused("open a person first".into()))?
        .person
        .id;
    let started = app.ops(store).start_checkin(person)?;
    let session = read_session(app, store, started.id)?;
    app.checkin = Some(session);
    app.screen = Screen::Checkin;
    app.status_line = Some(if started.resumed {
        "resumed the draft check-in".into()
    } else {
        "started a check-in".into()
    });
    Ok(())
}

/// Puts the session on the outcomes section with `code` selected; an
/// outcome the default walk leaves out (judged competent before) is shown
/// with all the others.
pub fn go_to_outcome(app: &mut App, code: &str) {
    let Some(mut session) = app.checkin.take() else {
        return;
    };
    session.step = Step::Outcomes;
    enter_step(&mut session, app);
    if !session.outcome_codes.iter().any(|c| c == code) {
        session.show_all_outcomes = true;
        session.outcome_codes = session.walked(app);
    }
    session.cursor = session
        .outcome_codes
        .iter()
        .position(|c| c == code)
        .unwrap_or(0);
    app.checkin = Some(session);
}

/// The session for draft `id`, from what is stored and on screen.
fn read_session(app: &App, store: &Store, id: i64) -> Result<CheckinSession, OpError> {
    let loaded = app
        .loaded
        .as_ref()
        .ok_or_else(|| OpError::Refused("open a person first".into()))?;
    let enrolment = loaded.progress.enrolment.id;
    let record = store.checkin(id)?;
    // An amendment looks back from the meeting it amends, not from itself.
    let back = looking_back(store, &record, &loaded.progress.checkins)?;
    let last_date = back.since;
    let since = last_date.unwrap_or(loaded.progress.enrolment.start_date);
    let interval = loaded
        .framework
        .rules_for(loaded.progress.enrolment.start_date)
        .review_interval;
    let next_date = record
        .content
        .next_due
        .unwrap_or(interval.after(record.date))
        .to_string();
    let mut session = CheckinSession {
        id,
        amends: record
            .amends
            .map(|original| (original, record.amend_reason.clone().unwrap_or_default())),
        date: record.date,
        step: Step::SinceLast,
        content: record.content,
        previous_actions: back.actions,
        last_date,
        new_evidence: since_evidence(&loaded.progress.evidence, since),
        hours_since: loaded
            .progress
            .hours
            .iter()
            .filter(|h| h.date > since)
            .map(|h| h.hours)
            .sum(),
        status_changes: store.status_changes_since(enrolment, since)?,
        earlier: earlier_judgements(&store.checkin_list(enrolment)?),
        outcome_codes: Vec::new(),
        show_all_outcomes: false,
        cursor: 0,
        text: TextArea::new(""),
        note: None,
        next_date,
        signing: None,
        undo: Vec::new(),
    };
    review_previous_actions(&mut session);
    session.outcome_codes = session.walked(app);
    Ok(session)
}

fn since_evidence(evidence: &[EvidenceItem], since: NaiveDate) -> Vec<EvidenceItem> {
    evidence
        .iter()
        .filter(|e| e.date > since)
        .cloned()
        .collect()
}

/// Every action agreed last time gets a line to mark done or not.
fn review_previous_actions(session: &mut CheckinSession) {
    for (action_id, _) in &session.previous_actions {
        let reviewed = session
            .content
            .action_reviews
            .iter()
            .any(|r| r.action_id == *action_id);
        if !reviewed {
            session.content.action_reviews.push(ActionReview {
                action_id: *action_id,
                done: false,
                note: String::new(),
            });
        }
    }
}

/// After another program changed the database: a draft sealed or set
/// aside there ends this session; otherwise the session goes on.
pub fn check_still_open(app: &mut App, store: &mut Store) {
    let Some(session) = &app.checkin else { return };
    // A completed review may have been signed elsewhere, even sealed.
    if session.signing.is_some() {
        if let Some(session) = app.checkin.take() {
            sign::refresh(app, store, session);
        }
        return;
    }
    let open = store
        .checkin(session.id)
        .map(|record| !record.sealed)
        .unwrap_or(false);
    if !open {
        let content = session.content.clone();
        let id = session.id;
        if let Err(error) = app.ops(store).save_checkin(id, &content) {
            leave_with(app, store, &error);
        }
    }
}

/// Ends check-in mode because the draft can no longer change here.
fn leave_with(app: &mut App, store: &Store, error: &OpError) {
    app.checkin = None;
    back_to_dashboard(app, store, String::new());
    app.status_line = None;
    app.overlay = Overlay::Error(error.naming(label));
}

/// What an action does in check-in mode; one it has no use for here
/// (help, the mouse, a resize) is given back for the rest of the app.
pub fn act(app: &mut App, store: &mut Store, action: Action) -> Option<Action> {
    let Some(mut session) = app.checkin.take() else {
        return Some(action);
    };
    if session.signing.is_some() {
        return sign::act(app, store, session, action);
    }
    let sections = Step::ALL.len();
    match action {
        // Ctrl-C leaves whatever happens, keeping the draft as last saved.
        Action::Quit => leave(app, store, session, true),
        Action::Back => leave(app, store, session, false),
        Action::NextSection => move_step(app, store, session, 1),
        Action::PreviousSection => move_step(app, store, session, sections - 1),
        Action::GoToSection(step) if step != session.step => {
            let offset = (step.index() + sections - session.step.index()) % sections;
            move_step(app, store, session, offset)
        }
        Action::DiscardCheckin => {
            app.overlay = Overlay::Confirm(Confirm::DiscardCheckin { id: session.id });
            app.checkin = Some(session);
        }
        Action::CompleteCheckin if session.step == Step::SignOff => {
            sign::complete(app, store, session)
        }
        other => {
            let unused = edit(&mut session, app, other);
            app.checkin = Some(session);
            return unused;
        }
    }
    None
}

/// Changes to the draft on screen; an action that is not one is given back.
fn edit(session: &mut CheckinSession, app: &mut App, action: Action) -> Option<Action> {
    match action {
        Action::Input(key) => type_key(session, key),
        Action::Undo => match session.undo.pop() {
            Some(previous) => {
                session.content = previous;
                enter_step(session, app);
                app.status_line = Some("undone".into());
            }
            None => app.status_line = Some("nothing to undo in this check-in".into()),
        },
        Action::Up | Action::ScrollUp => move_cursor(session, -1),
        Action::Down | Action::ScrollDown => move_cursor(session, 1),
        Action::PageUp => move_cursor(session, -10),
        Action::PageDown => move_cursor(session, 10),
        Action::Top => move_cursor(session, isize::MIN / 2),
        Action::Bottom => move_cursor(session, isize::MAX / 2),
        Action::ToggleDone if session.step == Step::SinceLast => toggle_done(session),
        Action::JudgeAs(judgement) => judge(session, judgement),
        Action::ClearJudgement => {
            if let Some(code) = selected_outcome(session) {
                session.remember();
                session.content.unjudge(&code);
            }
        }
        Action::WriteNote => write_note(session, app),
        Action::KeepNote => keep_note(session),
        Action::DropNote => session.note = None,
        Action::ToggleAllOutcomes => {
            session.show_all_outcomes = !session.show_all_outcomes;
            session.outcome_codes = session.walked(app);
            session.cursor = 0;
        }
        Action::Add if session.step == Step::Actions => {
            app.overlay = Overlay::Form(Box::new(action_form(session.date)))
        }
        Action::Delete if session.step == Step::Actions => remove_action(session),
        other => return Some(other),
    }
    None
}

/// Moves `step` steps on (wrapping), saving the draft; a step whose text
/// is not right is kept, with the reason.
fn move_step(app: &mut App, store: &mut Store, mut session: CheckinSession, step: usize) {
    if let Err(message) = leave_step(&mut session) {
        app.overlay = Overlay::Error(message);
        app.checkin = Some(session);
        return;
    }
    session.step = Step::ALL[(session.step.index() + step) % Step::ALL.len()];
    enter_step(&mut session, app);
    if let Err(error) = app.ops(store).save_checkin(session.id, &session.content) {
        return stopped(app, store, session, &error);
    }
    app.checkin = Some(session);
}

/// Discards draft `id` once confirmed, back on the dashboard; a refusal
/// is shown over the session, which goes on.
pub fn discard(app: &mut App, store: &mut Store, id: i64) {
    match app.ops(store).discard_checkin(id) {
        Ok(()) => {
            app.checkin = None;
            let message = format!("discarded draft check-in {id}; the history keeps it");
            back_to_dashboard(app, store, message);
        }
        Err(error @ OpError::Gone(_)) => leave_with(app, store, &error),
        Err(error) => app.overlay = Overlay::Error(error.naming(label)),
    }
}

/// Saves the draft and goes back to the dashboard. A draft that can no
/// longer be saved here (sealed elsewhere) is left with the reason; any
/// other failure keeps the session, unless `interrupted` (Ctrl-C), which
/// leaves whatever happens, keeping the draft as last saved.
fn leave(app: &mut App, store: &mut Store, mut session: CheckinSession, interrupted: bool) {
    // A date that is not a date is shown, not dropped; Ctrl-C leaves anyway.
    if let Err(message) = leave_step(&mut session) {
        if !interrupted {
            app.overlay = Overlay::Error(message);
            app.checkin = Some(session);
            return;
        }
    }
    match app.ops(store).save_checkin(session.id, &session.content) {
        Ok(()) => {
            let message = format!("draft check-in {} kept; c resumes it", session.id);
            back_to_dashboard(app, store, message);
        }
        Err(error @ OpError::Gone(_)) => leave_with(app, store, &error),
        Err(error) if interrupted => {
            let message = format!(
                "left check-in {}; its last saved draft is kept ({})",
                session.id,
                error.naming(label)
            );
            back_to_dashboard(app, store, message);
        }
        Err(error) => stopped(app, store, session, &error),
    }
}

/// A save failed: `Gone` ends the session; anything else is shown over it.
fn stopped(app: &mut App, store: &mut Store, session: CheckinSession, error: &OpError) {
    if matches!(error, OpError::Gone(_)) {
        return leave_with(app, store, error);
    }
    app.overlay = Overlay::Error(error.naming(label));
    app.checkin = Some(session);
}

/// What the text on screen becomes when leaving a step; a next date that
/// is not a date is refused, naming the field, and the step kept.
fn leave_step(session: &mut CheckinSession) -> Result<(), String> {
    if let Some(section) = session.step.section() {
        let text = session.text.text();
        if text != session.section_text(section) {
            session.remember();
            session.content.set_section(section, text);
        }
    }
    if session.step == Step::NextDate {
        session.content.next_due = next_date(&session.next_date)?;
    }
    Ok(())
}

/// The next date as typed: empty is none agreed.
fn next_date(text: &str) -> Result<Option<NaiveDate>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    parse_date(text)
        .map(Some)
        .map_err(|reason| format!("{}: {reason}", label(crate::ops::Field::NextDate)))
}

fn enter_step(session: &mut CheckinSession, app: &App) {
    session.cursor = 0;
    if let Some(section) = session.step.section() {
        session.text = TextArea::new(&session.section_text(section));
    }
    if session.step == Step::Outcomes {
        session.outcome_codes = session.walked(app);
    }
}

/// A key typed into the section's text, the date or the note.
fn type_key(session: &mut CheckinSession, key: KeyEvent) {
    if let Some(note) = &mut session.note {
        return line_input(note, key);
    }
    match session.step {
        Step::Hours | Step::PlanChanges | Step::Concerns => {
            if let KeyCode::Char(c) = key.code {
                if typed(&c.to_string()).is_empty() {
                    return;
                }
            }
            session.text.handle_key(key);
        }
        Step::NextDate => line_input(&mut session.next_date, key),
        _ => {}
    }
}

/// The rows the current section lists.
fn rows(session: &CheckinSession) -> usize {
    match session.step {
        Step::SinceLast => session.content.action_reviews.len(),
        Step::Outcomes => session.outcome_codes.len(),
        Step::Actions => session.content.actions.len(),
        _ => 0,
    }
}

fn move_cursor(session: &mut CheckinSession, step: isize) {
    let last = rows(session).saturating_sub(1) as isize;
    session.cursor = (session.cursor as isize)
        .saturating_add(step)
        .clamp(0, last) as usize;
}

fn toggle_done(session: &mut CheckinSession) {
    session.remember();
    if let Some(review) = session.content.action_reviews.get_mut(session.cursor) {
        review.done = !review.done;
    }
}

fn remove_action(session: &mut CheckinSession) {
    if session.cursor < session.content.actions.len() {
        session.remember();
        session.content.actions.remove(session.cursor);
        session.cursor = session
            .cursor
            .min(session.content.actions.len().saturating_sub(1));
    }
}

fn selected_outcome(session: &CheckinSession) -> Option<String> {
    if session.step != Step::Outcomes {
        return None;
    }
    session.outcome_codes.get(session.cursor).cloned()
}

fn judge(session: &mut CheckinSession, judgement: Judgement) {
    if let Some(code) = selected_outcome(session) {
        session.remember();
        set_judgement(session, &code, judgement, None);
    }
}

/// A note goes with a judgement: none is assumed for it.
fn write_note(session: &mut CheckinSession, app: &mut App) {
    let Some(code) = selected_outcome(session) else {
        return;
    };
    match session.content.judgement_of(&code) {
        Some(judged) => session.note = Some(judged.note.clone()),
        None => {
            app.status_line = Some(format!(
                "Judgement: choose n, c or e for {code} before its note"
            ))
        }
    }
}

fn keep_note(session: &mut CheckinSession) {
    let Some(note) = session.note.take() else {
        return;
    };
    let code = selected_outcome(session);
    if let Some((code, judgement)) =
        code.and_then(|c| current_judgement(session, &c).map(|j| (c, j)))
    {
        session.remember();
        set_judgement(session, &code, judgement, Some(note));
    }
}

fn current_judgement(session: &CheckinSession, code: &str) -> Option<Judgement> {
    session.content.judgement_of(code).map(|j| j.judgement)
}

fn set_judgement(
    session: &mut CheckinSession,
    code: &str,
    judgement: Judgement,
    note: Option<String>,
) {
    session.content.judge(code, judgement, note);
}

fn line_input(text: &mut String, key: KeyEvent) {
    match key.code {
        KeyCode::Backspace => {
            text.pop();
        }
        KeyCode::Char(c) if !c.is_control() && !key.modifiers.contains(KeyModifiers::CONTROL) => {
            text.push(c)
        }
        _ => {}
    }
}

fn action_form(date: NaiveDate) -> Form {
    let owners = ["apprentice", "assessor", "employer"]
        .iter()
        .map(|o| (o.to_string(), o.to_string()))
        .collect();
    Form::new(
        FormKind::CheckinAction,
        "Action for next time",
        vec![
            Field::line("Action", ""),
            Field::choice("Owner", owners, None),
            Field::date("Due", &(date + Days::new(28)).to_string()),
        ],
    )
}

/// Adds the action a saved action form describes.
pub fn add_action(app: &mut App, form: &Form) -> Result<String, String> {
    let session = app.checkin.as_mut().ok_or("no check-in is open")?;
    let due = match form.value("Due") {
        due if due.is_empty() => None,
        due => Some(parse_date(&due).map_err(|m| format!("Due: {m}"))?),
    };
    let action = agreed_action(
        &form.value("Action"),
        &form.value("Owner"),
        due,
        session.date,
    )
    .map_err(|error| error.naming(label))?;
    session.remember();
    session.content.actions.push(action);
    session.cursor = session.content.actions.len() - 1;
    Ok("action added".into())
}

/// Leaves check-in mode for the person's dashboard, read afresh.
fn back_to_dashboard(app: &mut App, store: &Store, message: String) {
    app.status_line = Some(message);
    app.screen = Screen::Person;
    app.tab = Tab::Dashboard;
    if let Err(error) = app.reload(store) {
        app.overlay = Overlay::Error(error);
    }
}
