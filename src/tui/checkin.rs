//! Check-in mode: an assessor walks a progress review section by section,
//! the draft saved to the store at every step, and both people sign to seal
//! it. Leaving part-way keeps the draft; Ctrl-Z undoes within it.

use super::app::{App, Overlay, Screen, Tab};
use super::form::{Field, Form, FormKind, TextArea};
use super::text::typed;
use crate::domain::{CheckinSection, EvidenceItem, Judgement, OutcomeStatus};
use crate::store::{Action, ActionReview, CheckinContent, Signing, Store};
use chrono::{Days, NaiveDate, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The sections of a review, in the order they are walked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    SinceLast,
    Outcomes,
    Hours,
    PlanChanges,
    Concerns,
    Actions,
    NextDate,
    SignOff,
}

impl Step {
    pub const ALL: [Step; 8] = [
        Step::SinceLast,
        Step::Outcomes,
        Step::Hours,
        Step::PlanChanges,
        Step::Concerns,
        Step::Actions,
        Step::NextDate,
        Step::SignOff,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Step::SinceLast => "Since last",
            Step::Outcomes => "Outcomes",
            Step::Hours => "Hours",
            Step::PlanChanges => "Plan",
            Step::Concerns => "Concerns",
            Step::Actions => "Actions",
            Step::NextDate => "Next date",
            Step::SignOff => "Sign off",
        }
    }

    fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    fn section(self) -> Option<CheckinSection> {
        match self {
            Step::Hours => Some(CheckinSection::Hours),
            Step::PlanChanges => Some(CheckinSection::PlanChanges),
            Step::Concerns => Some(CheckinSection::Concerns),
            _ => None,
        }
    }
}

/// A review in progress.
pub struct CheckinSession {
    pub id: i64,
    /// The signed check-in this one amends, and why.
    pub amends: Option<(i64, String)>,
    pub date: NaiveDate,
    pub step: Step,
    pub content: CheckinContent,
    /// Actions agreed last time, with their ids, to be marked done or not.
    pub previous_actions: Vec<(i64, Action)>,
    pub last_date: Option<NaiveDate>,
    pub new_evidence: Vec<EvidenceItem>,
    pub hours_since: f64,
    /// Own-status changes since then: code, before, after, day.
    pub status_changes: Vec<(String, String, String, String)>,
    /// Outcome codes walked: by default those in progress or ready for review.
    pub outcome_codes: Vec<String>,
    pub show_all_outcomes: bool,
    pub cursor: usize,
    /// The free text of the current section, while on it.
    pub text: TextArea,
    /// A note being typed for the selected outcome.
    pub note: Option<String>,
    pub next_date: String,
    pub signatures: [String; 2],
    pub signature_focus: usize,
    /// Earlier states of the content, for Ctrl-Z.
    pub undo: Vec<CheckinContent>,
}

impl CheckinSession {
    pub fn section_text(&self, section: CheckinSection) -> String {
        self.content.section(section).to_string()
    }

    fn set_section(&mut self, section: CheckinSection, text: String) {
        self.content.sections.retain(|(s, _)| *s != section);
        if !text.trim().is_empty() {
            self.content.sections.push((section, text));
        }
    }

    fn remember(&mut self) {
        self.undo.push(self.content.clone());
    }

    /// Outcomes to walk, after the "all" toggle.
    fn walked(&self, app: &App) -> Vec<String> {
        let Some(loaded) = &app.loaded else {
            return Vec::new();
        };
        loaded
            .standing
            .outcomes
            .iter()
            .filter(|o| {
                self.show_all_outcomes
                    || matches!(
                        o.status,
                        OutcomeStatus::InProgress | OutcomeStatus::ReadyForReview
                    )
            })
            .map(|o| o.code.clone())
            .collect()
    }
}

/// Starts a review of the person on screen, or resumes their draft.
pub fn start(app: &mut App, store: &mut Store) -> Result<(), String> {
    let assessor = app
        .viewer
        .clone()
        .filter(|_| app.viewer_is_assessor())
        .ok_or("only an assessor runs a check-in")?;
    let loaded = app.loaded.as_ref().ok_or("open a person first")?;
    let enrolment = loaded.progress.enrolment.id;
    let start = loaded.progress.enrolment.start_date;
    if app.today < start {
        return Err(format!(
            "a check-in cannot be dated before the programme starts ({start})"
        ));
    }
    let existing = store.draft_for(enrolment).map_err(|e| e.to_string())?;
    let id = match existing {
        Some(id) => id,
        None => store
            .start_draft(enrolment, assessor.id, app.today, None)
            .map_err(|e| e.to_string())?,
    };
    let record = store.checkin(id).map_err(|e| e.to_string())?;
    let previous_actions = store
        .actions_agreed_last_time(enrolment)
        .map_err(|e| e.to_string())?;
    let last_date = loaded.standing.checkins.last;
    let since = last_date.unwrap_or(loaded.progress.enrolment.start_date);
    let new_evidence: Vec<EvidenceItem> = loaded
        .progress
        .evidence
        .iter()
        .filter(|e| e.date > since)
        .cloned()
        .collect();
    let hours_since = loaded
        .progress
        .hours
        .iter()
        .filter(|h| h.date > since)
        .map(|h| h.hours)
        .sum();
    let status_changes = store
        .status_changes_since(enrolment, since)
        .map_err(|e| e.to_string())?;
    let interval = u64::from(loaded.framework.programme.checkin_interval_weeks) * 7;
    let next_date = record
        .content
        .next_due
        .unwrap_or(record.date + Days::new(interval))
        .to_string();
    let amends = record
        .amends
        .map(|original| (original, record.amend_reason.clone().unwrap_or_default()));
    let mut session = CheckinSession {
        id,
        amends,
        date: record.date,
        step: Step::SinceLast,
        content: record.content,
        previous_actions,
        last_date,
        new_evidence,
        hours_since,
        status_changes,
        outcome_codes: Vec::new(),
        show_all_outcomes: false,
        cursor: 0,
        text: TextArea::new(""),
        note: None,
        next_date,
        signatures: [String::new(), String::new()],
        signature_focus: 0,
        undo: Vec::new(),
    };
    for (action_id, _) in &session.previous_actions {
        if !session
            .content
            .action_reviews
            .iter()
            .any(|r| r.action_id == *action_id)
        {
            session.content.action_reviews.push(ActionReview {
                action_id: *action_id,
                done: false,
                note: String::new(),
            });
        }
    }
    session.outcome_codes = session.walked(app);
    app.checkin = Some(session);
    app.screen = Screen::Checkin;
    app.status_line = Some(if existing.is_some() {
        "resumed the draft check-in".into()
    } else {
        "started a check-in".into()
    });
    Ok(())
}

/// Keys in check-in mode.
pub fn input(app: &mut App, store: &mut Store, key: KeyEvent) {
    let Some(mut session) = app.checkin.take() else {
        return;
    };
    let control = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Esc if session.note.is_none() => {
            leave_step(&mut session);
            match save(store, &session) {
                Ok(()) => {
                    let message = format!("draft check-in {} kept; c resumes it", session.id);
                    back_to_dashboard(app, store, message);
                }
                Err(message) => {
                    app.overlay = Overlay::Error(message);
                    app.checkin = Some(session);
                }
            }
            return;
        }
        KeyCode::Tab | KeyCode::BackTab if session.note.is_none() => {
            leave_step(&mut session);
            let step = if key.code == KeyCode::Tab {
                1
            } else {
                Step::ALL.len() - 1
            };
            session.step = Step::ALL[(session.step.index() + step) % Step::ALL.len()];
            enter_step(&mut session, app);
            if let Err(message) = save(store, &session) {
                app.overlay = Overlay::Error(message);
            }
        }
        KeyCode::Char('z') if control => {
            if let Some(previous) = session.undo.pop() {
                session.content = previous;
                enter_step(&mut session, app);
                app.status_line = Some("undone".into());
            }
        }
        KeyCode::Char('s') if control && session.step == Step::SignOff => {
            app.checkin = Some(session);
            sign(app, store);
            return;
        }
        _ => step_input(&mut session, app, key),
    }
    app.checkin = Some(session);
}

/// What the text on screen becomes when leaving a step.
fn leave_step(session: &mut CheckinSession) {
    if let Some(section) = session.step.section() {
        let text = session.text.text();
        if text != session.section_text(section) {
            session.remember();
            session.set_section(section, text);
        }
    }
    if session.step == Step::NextDate {
        session.content.next_due = crate::cli::parse_date(&session.next_date).ok();
    }
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

fn step_input(session: &mut CheckinSession, app: &mut App, key: KeyEvent) {
    match session.step {
        Step::SinceLast => match key.code {
            KeyCode::Up | KeyCode::Char('k') => session.cursor = session.cursor.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => {
                session.cursor =
                    (session.cursor + 1).min(session.content.action_reviews.len().saturating_sub(1))
            }
            KeyCode::Char(' ') | KeyCode::Enter => {
                session.remember();
                if let Some(review) = session.content.action_reviews.get_mut(session.cursor) {
                    review.done = !review.done;
                }
            }
            _ => {}
        },
        Step::Outcomes => outcomes_input(session, app, key),
        Step::Hours | Step::PlanChanges | Step::Concerns => {
            if let KeyCode::Char(c) = key.code {
                if typed(&c.to_string()).is_empty() {
                    return;
                }
            }
            session.text.handle_key(key);
        }
        Step::Actions => match key.code {
            KeyCode::Up | KeyCode::Char('k') => session.cursor = session.cursor.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => {
                session.cursor =
                    (session.cursor + 1).min(session.content.actions.len().saturating_sub(1))
            }
            KeyCode::Char('a') => app.overlay = Overlay::Form(Box::new(action_form(session.date))),
            KeyCode::Char('d') | KeyCode::Delete
                if session.cursor < session.content.actions.len() =>
            {
                session.remember();
                session.content.actions.remove(session.cursor);
                session.cursor = session
                    .cursor
                    .min(session.content.actions.len().saturating_sub(1));
            }
            _ => {}
        },
        Step::NextDate => line_input(&mut session.next_date, key),
        Step::SignOff => match key.code {
            KeyCode::Up | KeyCode::Down => session.signature_focus = 1 - session.signature_focus,
            KeyCode::Enter if session.signature_focus == 0 => session.signature_focus = 1,
            _ => line_input(&mut session.signatures[session.signature_focus], key),
        },
    }
}

fn outcomes_input(session: &mut CheckinSession, app: &App, key: KeyEvent) {
    if let Some(note) = &mut session.note {
        match key.code {
            KeyCode::Enter | KeyCode::Esc => {
                let note = std::mem::take(note);
                session.note = None;
                if key.code == KeyCode::Enter {
                    if let Some(code) = session.outcome_codes.get(session.cursor).cloned() {
                        session.remember();
                        let judgement =
                            current_judgement(session, &code).unwrap_or(Judgement::Competent);
                        set_judgement(session, &code, judgement, Some(note));
                    }
                }
            }
            _ => line_input(note, key),
        }
        return;
    }
    let code = session.outcome_codes.get(session.cursor).cloned();
    let judge = |session: &mut CheckinSession, judgement: Judgement| {
        if let Some(code) = &code {
            session.remember();
            set_judgement(session, code, judgement, None);
        }
    };
    match key.code {
        KeyCode::Up | KeyCode::Char('k') => session.cursor = session.cursor.saturating_sub(1),
        KeyCode::Down | KeyCode::Char('j') => {
            session.cursor = (session.cursor + 1).min(session.outcome_codes.len().saturating_sub(1))
        }
        KeyCode::Char('n') => judge(session, Judgement::NotYetCompetent),
        KeyCode::Char('c') => judge(session, Judgement::Competent),
        KeyCode::Char('e') => judge(session, Judgement::Exceeds),
        KeyCode::Backspace | KeyCode::Char('x') => {
            if let Some(code) = &code {
                session.remember();
                session.content.judgements.retain(|(c, _, _)| c != code);
            }
        }
        KeyCode::Enter => {
            let existing = code
                .as_ref()
                .and_then(|code| {
                    session
                        .content
                        .judgements
                        .iter()
                        .find(|(c, _, _)| c == code)
                })
                .map(|(_, _, n)| n.clone());
            session.note = Some(existing.unwrap_or_default());
        }
        KeyCode::Char('a') => {
            session.show_all_outcomes = !session.show_all_outcomes;
            session.outcome_codes = session.walked(app);
            session.cursor = 0;
        }
        _ => {}
    }
}

fn current_judgement(session: &CheckinSession, code: &str) -> Option<Judgement> {
    session
        .content
        .judgements
        .iter()
        .find(|(c, _, _)| c == code)
        .map(|(_, j, _)| *j)
}

fn set_judgement(
    session: &mut CheckinSession,
    code: &str,
    judgement: Judgement,
    note: Option<String>,
) {
    let kept_note = session
        .content
        .judgements
        .iter()
        .find(|(c, _, _)| c == code)
        .map(|(_, _, n)| n.clone())
        .unwrap_or_default();
    session.content.judgements.retain(|(c, _, _)| c != code);
    session
        .content
        .judgements
        .push((code.to_string(), judgement, note.unwrap_or(kept_note)));
    session.content.judgements.sort_by(|a, b| a.0.cmp(&b.0));
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
            Field::choice("Owner", owners, "apprentice"),
            Field::line("Due", &(date + Days::new(28)).to_string()),
        ],
    )
}

/// Adds the action a saved action form describes.
pub fn add_action(app: &mut App, form: &Form) -> Result<String, String> {
    let session = app.checkin.as_mut().ok_or("no check-in is open")?;
    let text = crate::domain::check_name(&form.value("Action"))
        .map_err(|m| format!("Action {m}"))?
        .to_string();
    let due = match form.value("Due") {
        due if due.is_empty() => None,
        due => Some(crate::cli::parse_date(&due).map_err(|m| format!("Due: {m}"))?),
    };
    session.remember();
    session.content.actions.push(Action {
        text,
        owner: form.value("Owner"),
        due,
    });
    session.cursor = session.content.actions.len() - 1;
    Ok("action added".into())
}

fn save(store: &mut Store, session: &CheckinSession) -> Result<(), String> {
    store
        .save_draft(session.id, session.date, &session.content)
        .map_err(|e| e.to_string())
}

/// Both names must match the people they stand for; then the review is sealed.
fn sign(app: &mut App, store: &mut Store) {
    let Some(mut session) = app.checkin.take() else {
        return;
    };
    let apprentice = app
        .loaded
        .as_ref()
        .map(|l| l.person.name.clone())
        .unwrap_or_default();
    let assessor = app
        .viewer
        .as_ref()
        .map(|v| v.name.clone())
        .unwrap_or_default();
    let matches = |typed: &str, name: &str| typed.trim().eq_ignore_ascii_case(name.trim());
    let refusal = if !matches(&session.signatures[0], &apprentice) {
        Some(format!(
            "the apprentice signs by typing their name, {apprentice}"
        ))
    } else if !matches(&session.signatures[1], &assessor) {
        Some(format!(
            "the assessor signs by typing their name, {assessor}"
        ))
    } else if session.content.next_due.is_none() {
        Some("Next date: give the date of the next check-in".to_string())
    } else {
        None
    };
    if let Some(message) = refusal {
        app.overlay = Overlay::Error(message);
        app.checkin = Some(session);
        return;
    }
    leave_step(&mut session);
    let signing = Signing {
        at: Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        apprentice: apprentice.clone(),
        assessor: assessor.clone(),
    };
    let result = save(store, &session).and_then(|()| {
        store
            .seal_draft(session.id, &signing)
            .map_err(|e| e.to_string())
    });
    match result {
        Ok(()) => {
            let message = format!(
                "check-in {} signed by {apprentice} and {assessor}, and sealed",
                session.id
            );
            back_to_dashboard(app, store, message);
        }
        Err(message) => {
            app.overlay = Overlay::Error(message);
            app.checkin = Some(session);
        }
    }
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
