//! `update`: an action changes the state, asking the store to write where
//! it must, then reads back what changed. A refused or failed write shows a
//! popup and leaves the state (and any open form) as it was.

use super::action::Action;
use super::app::{App, Confirm, Overlay, Screen, Tab};
use super::form::{FormKind, FormOutcome};
use super::keymap::action_for;
use super::layout::{self, areas};
use super::record_forms as forms;
use super::undo::{Undo, UndoStep};
use crate::domain::OutcomeStatus;
use crate::ops::OpError;
use crate::report::CaseloadOrder;
use crate::store::Store;
use crossterm::event::{Event, KeyCode, KeyEventKind, MouseEventKind};

/// The action an input event asks for, given what is on screen.
pub fn action_for_event(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            let captured = !matches!(app.overlay, Overlay::None) || app.filter.editing;
            if captured {
                Some(Action::Input(*key))
            } else if app.screen == Screen::Checkin {
                // A key no binding takes is typed into the section.
                action_for(app, *key).or(Some(Action::Input(*key)))
            } else {
                action_for(app, *key)
            }
        }
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(_) => Some(Action::Click {
                column: mouse.column,
                row: mouse.row,
            }),
            MouseEventKind::ScrollUp => Some(Action::ScrollUp),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize(*width, *height)),
        _ => None,
    }
}

pub fn update(app: &mut App, store: &mut Store, action: Action) {
    apply(app, store, action);
    // Whatever brought the Reviews tab on screen, its check-ins are read.
    app.load_reviews(store);
}

fn apply(app: &mut App, store: &mut Store, action: Action) {
    // An idle check keeps the last message on screen; anything else clears it.
    if !matches!(action, Action::CheckForChanges | Action::Finished(_)) {
        app.status_line = None;
    }
    // Check-in mode's own actions; keys for an overlay go to the overlay.
    let overlaid = !matches!(app.overlay, Overlay::None);
    let action = match action {
        Action::Input(_) if overlaid || app.filter.editing => action,
        action if app.screen == Screen::Checkin => match super::checkin::act(app, store, action) {
            Some(action) => action,
            None => return,
        },
        action => action,
    };
    match action {
        Action::Input(key) => input(app, store, key),
        Action::Quit => app.quit = true,
        Action::ToggleHelp => app.overlay = Overlay::Help(0),
        Action::OpenPalette => app.overlay = Overlay::Palette(Box::default()),
        Action::Resize(width, height) => {
            app.size = (width, height);
            if app.screen == Screen::Picker {
                fill_picker(app, store);
            }
        }
        Action::NextTab => app.tab = app.tab.offset(1),
        Action::PreviousTab => app.tab = app.tab.offset(-1),
        Action::GoTo(tab) => app.tab = tab,
        Action::Up | Action::ScrollUp => move_cursor(app, store, -1),
        Action::Down | Action::ScrollDown => move_cursor(app, store, 1),
        Action::PageUp if on_reviews(app) => scroll_review(app, -page(app)),
        Action::PageDown if on_reviews(app) => scroll_review(app, page(app)),
        Action::PageUp => move_cursor(app, store, -page(app)),
        Action::PageDown => move_cursor(app, store, page(app)),
        Action::ExpandReview => {
            app.review_expanded = !app.review_expanded && !app.reviews().is_empty();
        }
        Action::Top => move_cursor(app, store, isize::MIN / 2),
        Action::Bottom => move_cursor(app, store, isize::MAX / 2),
        Action::Open => open_selected(app, store),
        Action::Back => back(app, store),
        Action::Undo => undo(app, store),
        Action::StartFilter => app.filter.editing = true,
        Action::CycleStatusFilter => {
            app.filter.status = next_in(OutcomeStatus::ALL, app.filter.status);
            filter_changed(app, store);
        }
        Action::CycleTypeFilter => {
            cycle_type_filter(app);
            filter_changed(app, store);
        }
        Action::OwnStatusForward => step_own_status(app, store, 1),
        Action::OwnStatusBack => step_own_status(app, store, -1),
        Action::Judge => open_judgement(app),
        Action::StartCheckin if app.screen == Screen::Queue => {
            super::queue::start_checkin(app, store)
        }
        Action::StartCheckin => start_checkin(app, store),
        Action::OpenQueue => super::queue::open(app, store),
        Action::SignAwaited => sign_awaited(app, store),
        Action::SignGateway => super::gateway::sign(app, store),
        Action::Add => open_add_form(app),
        Action::View => view_evidence(app),
        Action::Edit => open_edit_form(app),
        Action::Delete => ask_to_delete(app),
        Action::AcceptHours => super::hours_review::accept(app, store),
        Action::QueryHours => super::hours_review::open_query(app),
        Action::TogglePeriod => app.hours_chart.next_view(),
        Action::ChartEarlier => {
            let (periods, shown) = super::view::hours_chart_periods(app);
            app.hours_chart.earlier(periods, shown);
        }
        Action::ChartLater => {
            let (_, shown) = super::view::hours_chart_periods(app);
            app.hours_chart.later(shown);
        }
        Action::NextOrder => {
            let shown = super::view::picker_columns(app);
            reorder(app, store, app.picker_order.next_column(&shown))
        }
        Action::ReverseOrder => reorder(app, store, app.picker_order.reverse()),
        Action::SortBy(column) if app.picker_order.column == column => {
            reorder(app, store, app.picker_order.reverse())
        }
        Action::SortBy(column) => reorder(app, store, CaseloadOrder::first(column)),
        Action::LoadDemo => load_demo(app, store),
        Action::AddSelf => app.overlay = Overlay::Form(Box::new(forms::welcome())),
        Action::SwitchPerson => super::who::ask_who(app, store, false),
        Action::Click { column, row } => click(app, store, column, row),
        Action::CheckForChanges => check_for_changes(app, store),
        Action::Finished(done) => {
            if let Err(message) = app.finish(store, *done) {
                app.overlay = Overlay::Error(message);
            }
        }
        // Check-in mode's actions do nothing elsewhere.
        Action::NextSection
        | Action::PreviousSection
        | Action::GoToSection(_)
        | Action::JudgeAs(_)
        | Action::ClearJudgement
        | Action::WriteNote
        | Action::KeepNote
        | Action::DropNote
        | Action::ToggleAllOutcomes
        | Action::ToggleDone
        | Action::CompleteCheckin
        | Action::SignParty
        | Action::DiscardCheckin
        | Action::SubmitPin
        | Action::CancelPin => {}
    }
}

/// Reads the screen again when another program has changed the database,
/// so nobody works from a stale screen.
fn check_for_changes(app: &mut App, store: &mut Store) {
    let Ok(version) = store.data_version() else {
        return;
    };
    if version == app.seen_data_version {
        return;
    }
    app.seen_data_version = version;
    if app.screen == Screen::Checkin {
        super::checkin::check_still_open(app, store);
        return;
    }
    after_change(app, store, None);
    if app.screen == Screen::Picker {
        fill_picker(app, store);
    }
    app.status_line = Some("updated with changes made elsewhere".into());
}

/// Shows why a change was not made. When someone else changed the record
/// meanwhile, the screen is read again so it shows what is stored now.
pub(super) fn show_refusal(app: &mut App, store: &mut Store, error: &OpError) {
    let message = error.naming(forms::label);
    if matches!(error, OpError::Stale { .. } | OpError::Gone(_)) {
        app.pending_form = None;
        after_change(app, store, None);
    }
    app.overlay = Overlay::Error(message);
}

/// Every change of a filter comes here: the selection goes back to the
/// first row, and what is drawn for the selected row is read for it.
fn filter_changed(app: &mut App, store: &Store) {
    app.cursors.outcomes = 0;
    app.cursors.picker = 0;
    if app.screen == Screen::Picker {
        reread_picker(app, store);
    } else {
        app.load_outcome_history(store);
    }
}

/// Keys for the overlay or the filter being typed.
fn input(app: &mut App, store: &mut Store, key: crossterm::event::KeyEvent) {
    if app.filter.editing {
        match key.code {
            KeyCode::Enter | KeyCode::Esc => app.filter.editing = false,
            KeyCode::Backspace => {
                app.filter.text.pop();
            }
            KeyCode::Char(c) if !c.is_control() => app.filter.text.push(c),
            _ => {}
        }
        filter_changed(app, store);
        return;
    }
    match std::mem::replace(&mut app.overlay, Overlay::None) {
        Overlay::None => {}
        // Help scrolls with the arrows and pages; any other key closes it.
        Overlay::Help(scroll) => match key.code {
            KeyCode::Down | KeyCode::Char('j') => {
                app.overlay = Overlay::Help(scroll.saturating_add(1))
            }
            KeyCode::Up | KeyCode::Char('k') => {
                app.overlay = Overlay::Help(scroll.saturating_sub(1))
            }
            KeyCode::PageDown | KeyCode::Char(' ') => {
                app.overlay = Overlay::Help(scroll.saturating_add(10))
            }
            KeyCode::PageUp => app.overlay = Overlay::Help(scroll.saturating_sub(10)),
            _ => {}
        },
        Overlay::Error(_) => {}
        Overlay::Evidence(id) => evidence_view_input(app, id, key),
        Overlay::Choose(chooser) => super::who::choose_input(app, store, chooser, key),
        Overlay::Pin(prompt) => super::who::pin_input(app, store, prompt, key),
        Overlay::Palette(palette) => super::palette::input(app, store, *palette, key),
        Overlay::Confirm(confirm) => {
            if matches!(key.code, KeyCode::Char('y') | KeyCode::Char('Y')) {
                confirmed(app, store, confirm);
            } else if matches!(confirm, Confirm::DiscardCheckin { .. }) {
                app.status_line = Some("the draft is kept".into());
            } else {
                app.status_line = Some("nothing deleted".into());
            }
        }
        Overlay::Form(mut form) => match form.handle(key) {
            FormOutcome::Editing => app.overlay = Overlay::Form(form),
            FormOutcome::Cancel => app.status_line = Some("cancelled; nothing saved".into()),
            FormOutcome::Save if form.kind == FormKind::CheckinAction => {
                match super::checkin::add_action(app, &form) {
                    Ok(message) => app.status_line = Some(message),
                    Err(message) => {
                        app.overlay = Overlay::Error(message);
                        app.pending_form = Some(form);
                    }
                }
            }
            FormOutcome::Save => match forms::save(app, &form, store) {
                Ok(saved) if form.kind == FormKind::Welcome => {
                    super::who::welcomed(app, store, saved.acting.or(saved.opened), saved.message);
                }
                Ok(saved) => {
                    app.status_line = Some(saved.message);
                    app.undo.extend(saved.undo);
                    after_change(app, store, saved.opened);
                }
                // The form stays, with everything typed, under the message.
                Err(error) => {
                    app.pending_form = Some(form);
                    show_refusal(app, store, &error);
                }
            },
        },
    }
    // A form refused with a message comes back once the message is read.
    if matches!(app.overlay, Overlay::None) {
        if let Some(form) = app.pending_form.take() {
            app.overlay = Overlay::Form(form);
        }
    }
}

pub(super) fn after_change(app: &mut App, store: &Store, opened: Option<crate::domain::PersonId>) {
    // Our own writes do not move the counter; theirs, read now, are seen.
    if let Ok(version) = store.data_version() {
        app.seen_data_version = version;
    }
    let result = app
        .reload_people(store)
        .map_err(|e| e.to_string())
        .and_then(|()| match opened {
            Some(id) => app.open_person(store, id),
            None => app.reload(store),
        });
    if let Err(message) = result {
        app.overlay = Overlay::Error(message);
    }
}

/// The picker rows now on screen, read if not held. Their caseload
/// columns are worked out in the background (`App::take_jobs`).
fn fill_picker(app: &mut App, store: &Store) {
    if let Err(error) = app.show_people(store) {
        app.overlay = Overlay::Error(error.to_string());
    }
}

/// The list of people counted and read again, in a new order or filter.
/// The list of people in a new order, from its top.
fn reorder(app: &mut App, store: &Store, order: CaseloadOrder) {
    app.picker_order = order;
    app.cursors.picker = 0;
    reread_picker(app, store);
}

fn reread_picker(app: &mut App, store: &Store) {
    if let Err(error) = app.recount_people(store) {
        app.overlay = Overlay::Error(error.to_string());
    }
}

fn on_reviews(app: &App) -> bool {
    app.screen == Screen::Person && app.tab == Tab::Reviews
}

/// The selected review's text moves by `step` lines, no further than its end.
fn scroll_review(app: &mut App, step: isize) {
    let limit = super::view::review_scroll_limit(app) as isize;
    app.review_scroll = (app.review_scroll as isize + step).clamp(0, limit) as u16;
}

fn page(app: &App) -> isize {
    areas(app.size).body.height.saturating_sub(4).max(1) as isize
}

fn move_cursor(app: &mut App, store: &mut Store, step: isize) {
    let (selected, len) = current_list(app);
    if len == 0 {
        return;
    }
    let moved = (selected as isize)
        .saturating_add(step)
        .clamp(0, len as isize - 1) as usize;
    let cursors = &mut app.cursors;
    match (app.screen, app.tab) {
        (Screen::Picker, _) => cursors.picker = moved,
        (Screen::Queue, _) => cursors.queue = moved,
        (Screen::Person, Tab::Outcomes) => cursors.outcomes = moved,
        (Screen::Person, Tab::Evidence) => cursors.evidence = moved,
        (Screen::Person, Tab::Requirements) => cursors.requirements = moved,
        (Screen::Person, Tab::Hours) => cursors.hours = moved,
        (Screen::Person, Tab::Reviews) => {
            cursors.reviews = moved;
            app.review_scroll = 0;
        }
        _ => return,
    }
    match (app.screen, app.tab) {
        (Screen::Picker, _) => fill_picker(app, store),
        (Screen::Person, Tab::Outcomes) => app.load_outcome_history(store),
        _ => {}
    }
}

fn open_selected(app: &mut App, store: &mut Store) {
    if app.screen != Screen::Picker {
        return;
    }
    let Some(id) = app.selected_person().map(|p| p.id) else {
        return;
    };
    app.tab = Tab::Dashboard;
    // The name filter was for the list; the outcomes start unfiltered.
    app.filter = Default::default();
    if let Err(message) = app.open_person(store, id) {
        app.overlay = Overlay::Error(message);
    }
}

/// Esc backs out one level: a filter is cleared first, then a person's
/// screen goes to their dashboard, then to the list of people (read
/// afresh: what was done since shows in its columns).
fn back(app: &mut App, store: &mut Store) {
    // An expanded review folds back to the list of reviews first.
    if on_reviews(app) && app.review_expanded {
        app.review_expanded = false;
        return;
    }
    match app.screen {
        Screen::Picker if !app.filter.text.is_empty() => {
            app.filter = Default::default();
            filter_changed(app, store);
        }
        Screen::Person if app.tab == Tab::Outcomes && app.filter.active() => {
            app.filter = Default::default();
            filter_changed(app, store);
        }
        Screen::Person if app.tab != Tab::Dashboard => app.tab = Tab::Dashboard,
        Screen::Person if app.has_people_list() => {
            app.screen = Screen::Picker;
            if let Err(error) = app.reload_people(store) {
                app.overlay = Overlay::Error(error.to_string());
            }
        }
        Screen::Person => app.status_line = Some("this is your dashboard; q quits".into()),
        Screen::Queue => {
            app.screen = Screen::Picker;
            if let Err(error) = app.reload_people(store) {
                app.overlay = Overlay::Error(error.to_string());
            }
        }
        _ => {}
    }
}

fn undo(app: &mut App, store: &mut Store) {
    let Some(step) = app.undo.pop() else {
        app.status_line = Some("nothing to undo in this run".into());
        return;
    };
    match step.apply(&mut app.ops(store)) {
        Ok(()) => {
            app.status_line = Some(format!("undone: {}", step.describe()));
            after_change(app, store, None);
        }
        // Someone changed it since: undoing would overwrite their change.
        Err(error @ (OpError::Stale { .. } | OpError::Gone(_))) => {
            show_refusal(app, store, &error);
        }
        Err(error) => {
            app.undo.push(step);
            show_refusal(app, store, &error);
        }
    }
}

fn next_in<T: Copy + PartialEq>(all: &[T], current: Option<T>) -> Option<T> {
    match current {
        None => all.first().copied(),
        Some(value) => all
            .iter()
            .position(|v| *v == value)
            .and_then(|i| all.get(i + 1))
            .copied(),
    }
}

fn cycle_type_filter(app: &mut App) {
    let Some(loaded) = &app.loaded else { return };
    let types: Vec<String> = loaded
        .framework
        .outcome_types
        .iter()
        .map(|t| t.id.clone())
        .collect();
    let current = app
        .filter
        .outcome_type
        .as_ref()
        .and_then(|t| types.iter().position(|x| x == t));
    app.filter.outcome_type = match current {
        None => types.first().cloned(),
        Some(i) => types.get(i + 1).cloned(),
    };
}

/// The own status a step on or back; none past either end.
fn step_own_status(app: &mut App, store: &mut Store, by: isize) {
    let Some(code) = app.selected_outcome().map(str::to_string) else {
        return;
    };
    let current = app
        .loaded
        .as_ref()
        .and_then(|l| l.standing.outcomes.iter().find(|o| o.code == code))
        .map_or(OutcomeStatus::NotStarted, |o| o.status);
    let all = OutcomeStatus::ALL;
    let at = all.iter().position(|s| *s == current).unwrap_or(0);
    match at.checked_add_signed(by).and_then(|next| all.get(next)) {
        Some(next) => set_own_status(app, store, *next),
        None => app.status_line = Some(format!("{code} is already {current}")),
    }
}

fn set_own_status(app: &mut App, store: &mut Store, status: OutcomeStatus) {
    let Some(code) = app.selected_outcome().map(str::to_string) else {
        return;
    };
    let Some(loaded) = &app.loaded else { return };
    let person = loaded.person.id;
    let before = loaded
        .standing
        .outcomes
        .iter()
        .find(|o| o.code == code)
        .map_or(OutcomeStatus::NotStarted, |o| o.status);
    let base = loaded
        .progress
        .outcomes
        .iter()
        .find(|o| o.code == code)
        .map(|o| o.version)
        .unwrap_or_default();
    match app
        .ops(store)
        .set_outcome_status(person, &code, status, Some(base))
    {
        Ok(version) => {
            let change = Undo::OutcomeStatus {
                person,
                code: code.clone(),
                before,
            };
            app.undo.push(UndoStep::new(change, version));
            app.status_line = Some(format!("{code}: {status}"));
            after_change(app, store, None);
        }
        Err(error) => show_refusal(app, store, &error),
    }
}

/// From the caseload, opens the selected person first.
fn start_checkin(app: &mut App, store: &mut Store) {
    if app.screen == Screen::Picker {
        open_selected(app, store);
    }
    if app.screen == Screen::Person {
        if let Err(error) = super::checkin::start(app, store) {
            show_refusal(app, store, &error);
        }
    }
}

/// Signs the review awaiting the person using the app, and reads it back.
fn sign_awaited(app: &mut App, store: &mut Store) {
    match super::sign_later::sign(app, store) {
        Ok(Some(message)) => {
            after_change(app, store, None);
            app.status_line = Some(message);
        }
        Ok(None) => {}
        Err(error) => show_refusal(app, store, &error),
    }
}

fn open_judgement(app: &mut App) {
    if !app.viewer_is_assessor() {
        return;
    }
    let (Some(loaded), Some(code)) = (&app.loaded, app.selected_outcome()) else {
        return;
    };
    app.overlay = Overlay::Form(Box::new(forms::judgement(loaded, code)));
}

fn open_add_form(app: &mut App) {
    let Some(loaded) = &app.loaded else { return };
    let form = match app.tab {
        Tab::Evidence => forms::add_evidence(app, loaded),
        Tab::Hours => forms::add_hours(app, loaded),
        Tab::Readiness => match forms::epa_result(app, loaded) {
            Some(form) => form,
            None => return,
        },
        _ => return,
    };
    app.overlay = Overlay::Form(Box::new(form));
}

fn open_edit_form(app: &mut App) {
    let Some(loaded) = &app.loaded else { return };
    let form = match app.tab {
        Tab::Evidence => app
            .evidence_at(app.cursors.evidence)
            .map(|item| forms::edit_evidence(loaded, item)),
        Tab::Requirements => loaded
            .standing
            .requirements
            .get(app.cursors.requirements)
            .and_then(|r| forms::requirement(app, loaded, &r.id)),
        Tab::Hours => {
            super::hours_forms::selected(app).map(|e| super::hours_forms::edit_form(loaded, e))
        }
        _ => None,
    };
    if let Some(form) = form {
        app.overlay = Overlay::Form(Box::new(form));
    }
}

/// Opens the selected evidence to read; `e` there edits it.
fn view_evidence(app: &mut App) {
    if let Some(item) = app.evidence_at(app.cursors.evidence) {
        app.overlay = Overlay::Evidence(item.id);
    }
}

/// Keys while evidence is open to read: `e` edits it, Esc (or Enter, q)
/// closes it; other keys leave it open, so a stray key loses nothing.
fn evidence_view_input(app: &mut App, id: i64, key: crossterm::event::KeyEvent) {
    match key.code {
        KeyCode::Char('e') => {}
        KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q') => return,
        _ => {
            app.overlay = Overlay::Evidence(id);
            return;
        }
    }
    let Some(loaded) = &app.loaded else { return };
    if let Some(item) = loaded.progress.evidence.iter().find(|e| e.id == id) {
        app.overlay = Overlay::Form(Box::new(forms::edit_evidence(loaded, item)));
    }
}

fn ask_to_delete(app: &mut App) {
    if app.tab == Tab::Hours {
        super::hours_forms::ask_to_delete(app);
        return;
    }
    if let Some(item) = app.evidence_at(app.cursors.evidence) {
        app.overlay = Overlay::Confirm(Confirm::DeleteEvidence {
            id: item.id,
            title: item.title.clone(),
            version: item.version,
        });
    }
}

fn confirmed(app: &mut App, store: &mut Store, confirm: Confirm) {
    match confirm {
        Confirm::DiscardCheckin { id } => super::checkin::discard(app, store, id),
        Confirm::DeleteEvidence { id, title, version } => {
            match app.ops(store).delete_evidence(id, Some(version)) {
                Ok(version) => {
                    app.undo
                        .push(UndoStep::new(Undo::EvidenceDeleted(id), version));
                    app.status_line =
                        Some(format!("deleted \"{title}\" (kept in history; u undoes)"));
                    after_change(app, store, None);
                }
                Err(error) => show_refusal(app, store, &error),
            }
        }
        Confirm::DeleteHours { id, what, version } => {
            match app.ops(store).delete_hours(id, Some(version)) {
                Ok(_) => {
                    app.status_line = Some(format!(
                        "deleted hours entry {id}, {what} (kept in history)"
                    ));
                    after_change(app, store, None);
                }
                Err(error) => show_refusal(app, store, &error),
            }
        }
    }
}

fn load_demo(app: &mut App, store: &mut Store) {
    if let Err(error) = app.ops(store).load_demo(false) {
        app.overlay = Overlay::Error(error.to_string());
        return;
    }
    if let Err(error) = app.reload_people(store) {
        app.overlay = Overlay::Error(error.to_string());
        return;
    }
    app.screen = Screen::Picker;
    fill_picker(app, store);
    app.status_line = Some("loaded the demo caseload".into());
    if app.viewer.is_none() {
        super::who::ask_who(app, store, true);
    }
}

/// Clicks on a tab switch screens; clicks on a row select it.
fn click(app: &mut App, store: &mut Store, column: u16, row: u16) {
    if !matches!(app.overlay, Overlay::None) {
        return;
    }
    let areas = areas(app.size);
    if row == areas.tabs.y && app.screen == Screen::Checkin {
        if let Some(step) = super::view::section_at(app, column) {
            update(app, store, Action::GoToSection(step));
        }
        return;
    }
    if row == areas.tabs.y && app.screen == Screen::Person {
        let titles = super::view::tab_titles(app.size.0);
        if let Some(index) = layout::tab_at(column, &titles) {
            app.tab = Tab::ALL[index];
        }
        return;
    }
    let Some(list) = super::view::list_area(app) else {
        return;
    };
    if app.screen == Screen::Picker && row + 1 == list.y {
        if let Some(sorted) = super::view::picker_column_at(app, column) {
            update(app, store, Action::SortBy(sorted));
        }
        return;
    }
    if row < list.y
        || row >= list.y + list.height
        || column < list.x
        || column >= list.x + list.width
    {
        return;
    }
    let (selected, len) = current_list(app);
    let first = layout::first_row(selected, list.height as usize, len);
    let target = first + (row - list.y) as usize;
    if target < len {
        move_cursor(app, store, target as isize - selected as isize);
    }
}

fn current_list(app: &App) -> (usize, usize) {
    match (app.screen, app.tab) {
        (Screen::Picker, _) => (app.cursors.picker, app.people.total),
        (Screen::Queue, _) => (app.cursors.queue, app.queue.len()),
        (Screen::Person, Tab::Outcomes) => (app.cursors.outcomes, app.visible_outcomes().len()),
        (Screen::Person, Tab::Evidence) => (app.cursors.evidence, app.evidence_len()),
        (Screen::Person, Tab::Requirements) => (
            app.cursors.requirements,
            app.loaded
                .as_ref()
                .map_or(0, |l| l.standing.requirements.len()),
        ),
        (Screen::Person, Tab::Hours) => (app.cursors.hours, app.hours_len()),
        (Screen::Person, Tab::Reviews) => (app.cursors.reviews, app.reviews().len()),
        _ => (0, 0),
    }
}
