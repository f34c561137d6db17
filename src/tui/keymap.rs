//! One table of key bindings: it turns keys into actions, draws the footer's
//! hints and fills the help screen, so the three never disagree.

use super::action::Action;
use super::app::{App, Screen, Tab};
use super::checkin::Step;
use crate::domain::{Judgement, Operation};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Everywhere,
    /// Wherever people are recorded: every screen but the welcome.
    Known,
    Welcome,
    Picker,
    /// Any of one person's screens.
    Person,
    /// A person's screens, for someone with a list of people to go back to.
    PersonFromList,
    On(Tab),
    /// The judgement queue.
    Queue,
    /// Check-in mode, in any section, while no note or PIN is typed.
    CheckinAny,
    /// Check-in mode, in one section.
    Checkin(Step),
    /// Check-in mode, while a note on a judgement is typed.
    CheckinNote,
    /// A completed review, its parties to sign.
    CheckinSigning,
    /// A completed review, while a party types their PIN.
    CheckinPin,
}

impl Scope {
    /// Check-in mode's scopes.
    pub fn in_checkin(self) -> bool {
        matches!(
            self,
            Scope::CheckinAny
                | Scope::Checkin(_)
                | Scope::CheckinNote
                | Scope::CheckinSigning
                | Scope::CheckinPin
        )
    }

    /// How specific the scope is: where a key is bound twice, the more
    /// specific binding wins.
    pub fn rank(self) -> u8 {
        match self {
            Scope::Everywhere | Scope::Known | Scope::Person | Scope::PersonFromList => 0,
            Scope::Checkin(_) | Scope::CheckinNote | Scope::CheckinSigning | Scope::CheckinPin => 2,
            _ => 1,
        }
    }
}

pub struct Binding {
    pub codes: &'static [KeyCode],
    /// How the key is written in hints and help.
    pub keys: &'static str,
    pub action: Action,
    pub help: &'static str,
    pub scope: Scope,
    /// The footer's short label; `None` keeps the key to the help screen.
    pub hint: Option<&'static str>,
    /// Only for assessors.
    pub assessor_only: bool,
    /// Pressed with Ctrl.
    pub control: bool,
}

const fn bind(
    codes: &'static [KeyCode],
    keys: &'static str,
    action: Action,
    help: &'static str,
    scope: Scope,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        codes,
        keys,
        action,
        help,
        scope,
        hint,
        assessor_only: false,
        control: false,
    }
}

/// A binding pressed with Ctrl.
const fn ctrl(
    code: &'static [KeyCode],
    keys: &'static str,
    action: Action,
    help: &'static str,
    scope: Scope,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        codes: code,
        keys,
        action,
        help,
        scope,
        hint,
        assessor_only: false,
        control: true,
    }
}

/// A number key that goes straight to a check-in section.
const fn section(code: &'static [KeyCode], keys: &'static str, step: Step) -> Binding {
    bind(
        code,
        keys,
        Action::GoToSection(step),
        "go to a section by its number",
        Scope::CheckinAny,
        None,
    )
}

pub static BINDINGS: &[Binding] = &[
    bind(
        &[KeyCode::Char('q')],
        "q",
        Action::Quit,
        "quit",
        Scope::Everywhere,
        Some("quit"),
    ),
    bind(
        &[KeyCode::Char('?'), KeyCode::F(1)],
        "?",
        Action::ToggleHelp,
        "help: every key",
        Scope::Everywhere,
        Some("help"),
    ),
    bind(
        &[KeyCode::Char(':')],
        ":",
        Action::OpenPalette,
        "command palette: run any action here by name",
        Scope::Everywhere,
        None,
    ),
    bind(
        &[KeyCode::Up, KeyCode::Char('k')],
        "↑/k",
        Action::Up,
        "previous row",
        Scope::Everywhere,
        None,
    ),
    bind(
        &[KeyCode::Down, KeyCode::Char('j')],
        "↓/j",
        Action::Down,
        "next row",
        Scope::Everywhere,
        None,
    ),
    bind(
        &[KeyCode::PageUp],
        "PgUp",
        Action::PageUp,
        "a page up",
        Scope::Everywhere,
        None,
    ),
    bind(
        &[KeyCode::PageDown],
        "PgDn",
        Action::PageDown,
        "a page down",
        Scope::Everywhere,
        None,
    ),
    bind(
        &[KeyCode::Home, KeyCode::Char('g')],
        "Home/g",
        Action::Top,
        "first row",
        Scope::Everywhere,
        None,
    ),
    bind(
        &[KeyCode::End, KeyCode::Char('G')],
        "End/G",
        Action::Bottom,
        "last row",
        Scope::Everywhere,
        None,
    ),
    bind(
        &[KeyCode::Enter],
        "Enter",
        Action::Open,
        "open the selected person",
        Scope::Picker,
        Some("open"),
    ),
    bind(
        &[KeyCode::Char('d')],
        "d",
        Action::LoadDemo,
        "load the demo caseload",
        Scope::Welcome,
        Some("demo"),
    ),
    bind(
        &[KeyCode::Char('a')],
        "a",
        Action::AddSelf,
        "add yourself as the administrator",
        Scope::Welcome,
        Some("add yourself"),
    ),
    bind(
        &[KeyCode::Tab, KeyCode::Right, KeyCode::Char('l')],
        "Tab",
        Action::NextTab,
        "next screen",
        Scope::Person,
        Some("screens"),
    ),
    bind(
        &[KeyCode::BackTab, KeyCode::Left, KeyCode::Char('h')],
        "S-Tab",
        Action::PreviousTab,
        "previous screen",
        Scope::Person,
        None,
    ),
    bind(
        &[KeyCode::Char('1')],
        "1",
        Action::GoTo(Tab::Dashboard),
        "dashboard",
        Scope::Person,
        None,
    ),
    bind(
        &[KeyCode::Char('2')],
        "2",
        Action::GoTo(Tab::Outcomes),
        "outcomes",
        Scope::Person,
        None,
    ),
    bind(
        &[KeyCode::Char('3')],
        "3",
        Action::GoTo(Tab::Evidence),
        "evidence",
        Scope::Person,
        None,
    ),
    bind(
        &[KeyCode::Char('4')],
        "4",
        Action::GoTo(Tab::Requirements),
        "requirements",
        Scope::Person,
        None,
    ),
    bind(
        &[KeyCode::Char('5')],
        "5",
        Action::GoTo(Tab::Hours),
        "hours",
        Scope::Person,
        None,
    ),
    bind(
        &[KeyCode::Char('6')],
        "6",
        Action::GoTo(Tab::Readiness),
        "readiness",
        Scope::Person,
        None,
    ),
    bind(
        &[KeyCode::Char('7')],
        "7",
        Action::GoTo(Tab::Timeline),
        "timeline",
        Scope::Person,
        None,
    ),
    // Its footer label says what it does here (`back_label`).
    bind(
        &[KeyCode::Char('8')],
        "8",
        Action::GoTo(Tab::Reviews),
        "reviews",
        Scope::Person,
        None,
    ),
    bind(
        &[KeyCode::Esc],
        "Esc",
        Action::Back,
        "back out: clears a filter, then dashboard, then list of people",
        Scope::Known,
        Some("back"),
    ),
    bind(
        &[KeyCode::Char('u')],
        "u",
        Action::Undo,
        "undo the last change made in this run",
        Scope::Person,
        Some("undo"),
    ),
    bind(
        &[KeyCode::Char('/')],
        "/",
        Action::StartFilter,
        "filter outcomes by text",
        Scope::On(Tab::Outcomes),
        Some("filter"),
    ),
    bind(
        &[KeyCode::Char('f')],
        "f",
        Action::CycleStatusFilter,
        "filter by own status",
        Scope::On(Tab::Outcomes),
        Some("status filter"),
    ),
    bind(
        &[KeyCode::Char('t')],
        "t",
        Action::CycleTypeFilter,
        "filter by type",
        Scope::On(Tab::Outcomes),
        None,
    ),
    bind(
        &[KeyCode::Char('s')],
        "s",
        Action::OwnStatusForward,
        "own status a step on (not started → … → completed)",
        Scope::On(Tab::Outcomes),
        Some("status on"),
    ),
    bind(
        &[KeyCode::Char('S')],
        "S",
        Action::OwnStatusBack,
        "own status a step back",
        Scope::On(Tab::Outcomes),
        Some("status back"),
    ),
    Binding {
        codes: &[KeyCode::Char('J')],
        keys: "J",
        action: Action::Judge,
        help: "record a judgement (assessors)",
        scope: Scope::On(Tab::Outcomes),
        hint: Some("judge"),
        assessor_only: true,
        control: false,
    },
    bind(
        &[KeyCode::Char('/')],
        "/",
        Action::StartFilter,
        "filter people by name",
        Scope::Picker,
        Some("filter"),
    ),
    bind(
        &[KeyCode::Char('o')],
        "o",
        Action::NextOrder,
        "order by the next column shown (or click a column's header)",
        Scope::Picker,
        Some("order"),
    ),
    bind(
        &[KeyCode::Char('O')],
        "O",
        Action::ReverseOrder,
        "the same order the other way round",
        Scope::Picker,
        None,
    ),
    Binding {
        codes: &[KeyCode::Char('J')],
        keys: "J",
        action: Action::OpenQueue,
        help: "outcomes awaiting your judgement across your caseload (assessors)",
        scope: Scope::Picker,
        hint: Some("queue"),
        assessor_only: true,
        control: false,
    },
    Binding {
        codes: &[KeyCode::Enter],
        keys: "Enter",
        action: Action::StartCheckin,
        help: "run a check-in with this person, at the selected outcome",
        scope: Scope::Queue,
        hint: Some("check-in"),
        assessor_only: true,
        control: false,
    },
    Binding {
        codes: &[KeyCode::Char('c')],
        keys: "c",
        action: Action::StartCheckin,
        help: "run a check-in with the selected person (assessors)",
        scope: Scope::Picker,
        hint: Some("check-in"),
        assessor_only: true,
        control: false,
    },
    Binding {
        codes: &[KeyCode::Char('c')],
        keys: "c",
        action: Action::StartCheckin,
        help: "run a check-in with this person (assessors)",
        scope: Scope::Person,
        hint: Some("check-in"),
        assessor_only: true,
        control: false,
    },
    bind(
        &[KeyCode::Char('a')],
        "a",
        Action::Add,
        "add evidence",
        Scope::On(Tab::Evidence),
        Some("add"),
    ),
    bind(
        &[KeyCode::Enter],
        "Enter",
        Action::View,
        "read the selected evidence in full",
        Scope::On(Tab::Evidence),
        Some("view"),
    ),
    bind(
        &[KeyCode::Char('e')],
        "e",
        Action::Edit,
        "edit the selected evidence",
        Scope::On(Tab::Evidence),
        Some("edit"),
    ),
    bind(
        &[KeyCode::Char('d'), KeyCode::Delete],
        "d",
        Action::Delete,
        "delete the selected evidence (asks first)",
        Scope::On(Tab::Evidence),
        Some("delete"),
    ),
    bind(
        &[KeyCode::Enter, KeyCode::Char('r')],
        "Enter",
        Action::Edit,
        "record a result",
        Scope::On(Tab::Requirements),
        Some("record"),
    ),
    bind(
        &[KeyCode::Char('a')],
        "a",
        Action::Add,
        "add hours",
        Scope::On(Tab::Hours),
        Some("add"),
    ),
    bind(
        &[KeyCode::Char('e'), KeyCode::Enter],
        "e",
        Action::Edit,
        "edit the selected hours entry",
        Scope::On(Tab::Hours),
        Some("edit"),
    ),
    bind(
        &[KeyCode::Char('d'), KeyCode::Delete],
        "d",
        Action::Delete,
        "delete the selected entry (asks first)",
        Scope::On(Tab::Hours),
        Some("delete"),
    ),
    Binding {
        codes: &[KeyCode::Char('A')],
        keys: "A",
        action: Action::AcceptHours,
        help: "accept the selected off-the-job entry",
        scope: Scope::On(Tab::Hours),
        hint: Some("accept"),
        assessor_only: true,
        control: false,
    },
    Binding {
        codes: &[KeyCode::Char('Q')],
        keys: "Q",
        action: Action::QueryHours,
        help: "query the selected entry, saying why",
        scope: Scope::On(Tab::Hours),
        hint: Some("query"),
        assessor_only: true,
        control: false,
    },
    bind(
        &[KeyCode::Char('a')],
        "a",
        Action::Add,
        "record an end-point assessment result",
        Scope::On(Tab::Readiness),
        Some("record result"),
    ),
    bind(
        &[KeyCode::Enter, KeyCode::Char(' ')],
        "Enter",
        Action::ExpandReview,
        "expand the selected review, or fold it back",
        Scope::On(Tab::Reviews),
        Some("expand"),
    ),
    bind(
        &[KeyCode::Char('w')],
        "w",
        Action::TogglePeriod,
        "chart: by week, by month, running total",
        Scope::On(Tab::Hours),
        Some("chart"),
    ),
    bind(
        &[KeyCode::Char('[')],
        "[",
        Action::ChartEarlier,
        "chart: earlier weeks or months",
        Scope::On(Tab::Hours),
        None,
    ),
    bind(
        &[KeyCode::Char(']')],
        "]",
        Action::ChartLater,
        "chart: later weeks or months",
        Scope::On(Tab::Hours),
        None,
    ),
    bind(
        &[KeyCode::Char('Y')],
        "Y",
        Action::SignAwaited,
        "sign the review that awaits your signature",
        Scope::Person,
        Some("sign"),
    ),
    // Offered only while the person using the app may sign it now.
    bind(
        &[KeyCode::Char('y')],
        "y",
        Action::SignGateway,
        "sign the gateway sign-off as yourself (every rule met, your signature awaited)",
        Scope::Person,
        Some("sign gateway"),
    ),
    // Check-in mode. A letter bound here is typed instead while a section
    // takes text, so keys that must work then are not letters.
    bind(
        &[KeyCode::Char(' '), KeyCode::Enter],
        "Space",
        Action::ToggleDone,
        "mark last time's selected action done or not done",
        Scope::Checkin(Step::SinceLast),
        Some("done/not done"),
    ),
    bind(
        &[KeyCode::Char('n')],
        "n",
        Action::JudgeAs(Judgement::NotYetCompetent),
        "judge the selected outcome not yet competent",
        Scope::Checkin(Step::Outcomes),
        Some("not yet"),
    ),
    bind(
        &[KeyCode::Char('c')],
        "c",
        Action::JudgeAs(Judgement::Competent),
        "judge the selected outcome competent",
        Scope::Checkin(Step::Outcomes),
        Some("competent"),
    ),
    bind(
        &[KeyCode::Char('e')],
        "e",
        Action::JudgeAs(Judgement::Exceeds),
        "judge the selected outcome as exceeding the standard",
        Scope::Checkin(Step::Outcomes),
        Some("exceeds"),
    ),
    bind(
        &[KeyCode::Char('x'), KeyCode::Backspace],
        "x",
        Action::ClearJudgement,
        "clear today's judgement of the selected outcome",
        Scope::Checkin(Step::Outcomes),
        Some("clear"),
    ),
    bind(
        &[KeyCode::Enter],
        "Enter",
        Action::WriteNote,
        "write a note with the selected outcome's judgement",
        Scope::Checkin(Step::Outcomes),
        Some("note"),
    ),
    bind(
        &[KeyCode::Char('a')],
        "a",
        Action::ToggleAllOutcomes,
        "show all outcomes, or only those to judge",
        Scope::Checkin(Step::Outcomes),
        Some("all outcomes"),
    ),
    bind(
        &[KeyCode::Char('a')],
        "a",
        Action::Add,
        "add an action for next time",
        Scope::Checkin(Step::Actions),
        Some("add"),
    ),
    bind(
        &[KeyCode::Char('d'), KeyCode::Delete],
        "d",
        Action::Delete,
        "remove the selected action",
        Scope::Checkin(Step::Actions),
        Some("remove"),
    ),
    bind(
        &[KeyCode::Enter],
        "Enter",
        Action::NextSection,
        "next section, once the date is right",
        Scope::Checkin(Step::NextDate),
        None,
    ),
    ctrl(
        &[KeyCode::Char('s')],
        "Ctrl-S",
        Action::CompleteCheckin,
        "complete the review: its content is fixed, then each party signs",
        Scope::Checkin(Step::SignOff),
        Some("complete"),
    ),
    bind(
        &[KeyCode::Enter],
        "Enter",
        Action::KeepNote,
        "keep the note typed",
        Scope::CheckinNote,
        Some("keep the note"),
    ),
    bind(
        &[KeyCode::Esc],
        "Esc",
        Action::DropNote,
        "drop the note typed",
        Scope::CheckinNote,
        Some("drop it"),
    ),
    bind(
        &[KeyCode::Enter],
        "Enter",
        Action::SignParty,
        "sign as the selected party: you at once, others with their PIN",
        Scope::CheckinSigning,
        Some("sign"),
    ),
    bind(
        &[KeyCode::Esc, KeyCode::Char('q')],
        "Esc",
        Action::Back,
        "leave; the others sign later from their own session",
        Scope::CheckinSigning,
        Some("leave"),
    ),
    bind(
        &[KeyCode::Enter],
        "Enter",
        Action::SubmitPin,
        "sign with the PIN typed",
        Scope::CheckinPin,
        Some("sign"),
    ),
    bind(
        &[KeyCode::Esc],
        "Esc",
        Action::CancelPin,
        "put the PIN away, signing nothing",
        Scope::CheckinPin,
        Some("put it away"),
    ),
    bind(
        &[KeyCode::Tab],
        "Tab",
        Action::NextSection,
        "next section (the draft is saved)",
        Scope::CheckinAny,
        Some("next section"),
    ),
    bind(
        &[KeyCode::BackTab],
        "S-Tab",
        Action::PreviousSection,
        "previous section",
        Scope::CheckinAny,
        None,
    ),
    section(&[KeyCode::Char('1')], "1", Step::SinceLast),
    section(&[KeyCode::Char('2')], "2", Step::Outcomes),
    section(&[KeyCode::Char('3')], "3", Step::Hours),
    section(&[KeyCode::Char('4')], "4", Step::PlanChanges),
    section(&[KeyCode::Char('5')], "5", Step::Concerns),
    section(&[KeyCode::Char('6')], "6", Step::Actions),
    section(&[KeyCode::Char('7')], "7", Step::NextDate),
    section(&[KeyCode::Char('8')], "8", Step::SignOff),
    ctrl(
        &[KeyCode::Char('z')],
        "Ctrl-Z",
        Action::Undo,
        "undo the last change to this check-in",
        Scope::CheckinAny,
        Some("undo"),
    ),
    bind(
        &[KeyCode::Char('D')],
        "D",
        Action::DiscardCheckin,
        "discard this draft (asks first; the history keeps it)",
        Scope::CheckinAny,
        None,
    ),
    bind(
        &[KeyCode::Esc, KeyCode::Char('q')],
        "Esc",
        Action::Back,
        "keep the draft and leave (q too, unless typing)",
        Scope::CheckinAny,
        Some("keep draft and leave"),
    ),
    // Last, so the footer gives its room to the keys of the screen first.
    bind(
        &[KeyCode::Char('p')],
        "p",
        Action::SwitchPerson,
        "switch person (asks for their PIN)",
        Scope::Known,
        Some("switch person"),
    ),
];

/// The bindings that apply to what is on screen, in table order.
pub fn active(app: &App) -> impl Iterator<Item = &'static Binding> + '_ {
    BINDINGS
        .iter()
        .filter(move |binding| applies(binding, app) && offered(binding, app))
}

/// Whether this user has the binding at all (for help): assessors' keys
/// for assessors, the way back to the list for those who have one, the
/// signing key while a review of the person on screen awaits them; no
/// switching person where the database login says who this is.
pub fn offered(binding: &Binding, app: &App) -> bool {
    (!binding.assessor_only || app.viewer_is_assessor())
        && role_may(binding, app)
        && (binding.scope != Scope::PersonFromList || app.has_people_list())
        && (binding.action != Action::SignAwaited || super::sign_later::awaited(app).is_some())
        && (binding.action != Action::SignGateway || app.gateway_signer().is_some())
        && (binding.action != Action::SwitchPerson || !app.identity_from_login)
}

/// Whether the role of the person using the app may do what the key does
/// (anyone, where nobody is named).
fn role_may(binding: &Binding, app: &App) -> bool {
    let Some(operation) = operation(binding) else {
        return true;
    };
    app.viewer
        .as_ref()
        .is_none_or(|viewer| operation.roles().contains(viewer.role))
}

/// The operation a key asks for, as the permission rules name it.
fn operation(binding: &Binding) -> Option<Operation> {
    match (&binding.action, binding.scope) {
        (Action::OwnStatusForward | Action::OwnStatusBack, _) => Some(Operation::SetOutcomeStatus),
        (Action::Judge, _) => Some(Operation::JudgeOutcome),
        (Action::StartCheckin, _) => Some(Operation::RunCheckin),
        (Action::AcceptHours | Action::QueryHours, _) => Some(Operation::ReviewHours),
        (Action::Add | Action::Edit | Action::Delete, Scope::On(Tab::Evidence)) => {
            Some(Operation::RecordEvidence)
        }
        (Action::Add, Scope::On(Tab::Hours)) => Some(Operation::LogHours),
        (Action::Add, Scope::On(Tab::Readiness)) => Some(Operation::RecordEpaResult),
        _ => None,
    }
}

/// What Esc does here, for the footer: `None` where it does nothing.
pub fn back_label(app: &App) -> Option<&'static str> {
    match app.screen {
        Screen::Picker if app.filter.text.is_empty() => None,
        Screen::Picker => Some("clear filter"),
        Screen::Queue => Some("people"),
        Screen::Person if app.tab == Tab::Reviews && app.review_expanded => Some("fold"),
        Screen::Person if app.tab == Tab::Outcomes && app.filter.active() => Some("clear filter"),
        Screen::Person if app.tab != Tab::Dashboard => Some("dashboard"),
        Screen::Person if app.has_people_list() => Some("people"),
        _ => None,
    }
}

/// Whether text is being typed in check-in mode: letters, digits and the
/// arrows then go to the text, and only keys that cannot be typed act.
pub fn typing(app: &App) -> bool {
    app.screen == Screen::Checkin && app.checkin.as_ref().is_some_and(|s| s.typing())
}

fn applies(binding: &Binding, app: &App) -> bool {
    if app.screen == Screen::Checkin {
        return applies_in_checkin(binding, app);
    }
    match (binding.scope, app.screen) {
        (Scope::Everywhere, _) => true,
        (Scope::Known, screen) => screen != Screen::Welcome,
        (Scope::PersonFromList, Screen::Person) => app.has_people_list(),
        (Scope::Welcome, Screen::Welcome)
        | (Scope::Picker, Screen::Picker)
        | (Scope::Queue, Screen::Queue)
        | (Scope::Person, Screen::Person) => true,
        (Scope::On(tab), Screen::Person) => tab == app.tab,
        _ => false,
    }
}

/// Check-in mode's own keys, what is everywhere (moving, help, quitting)
/// unless text is typed, and help always (by F1 while typing).
fn applies_in_checkin(binding: &Binding, app: &App) -> bool {
    let Some(session) = &app.checkin else {
        return false;
    };
    let signing = session.signing.as_ref();
    let pin = signing.is_some_and(|s| s.pin.is_some());
    let editing = session.note.is_none() && signing.is_none();
    match binding.scope {
        Scope::Everywhere => binding.action == Action::ToggleHelp || !session.typing(),
        Scope::CheckinAny => editing,
        Scope::Checkin(step) => editing && step == session.step,
        Scope::CheckinNote => session.note.is_some(),
        Scope::CheckinSigning => signing.is_some() && !pin,
        Scope::CheckinPin => pin,
        _ => false,
    }
}

/// Whether `key` presses `binding`: the same key, Ctrl held or not as it
/// asks, and no letter while text is typed.
fn presses(binding: &Binding, key: &KeyEvent, typing: bool) -> bool {
    let control = key.modifiers.contains(KeyModifiers::CONTROL);
    let typed = !control && matches!(key.code, KeyCode::Char(_));
    binding.control == control && binding.codes.contains(&key.code) && !(typing && typed)
}

/// The binding a key presses here: the most specific wins, then the first.
pub fn binding_for(app: &App, key: &KeyEvent) -> Option<&'static Binding> {
    let typing = typing(app);
    let mut found: Option<&'static Binding> = None;
    for binding in active(app).filter(|binding| presses(binding, key, typing)) {
        if found.is_none_or(|f| binding.scope.rank() > f.scope.rank()) {
            found = Some(binding);
        }
    }
    found
}

/// How the key of `action` is written, for text that names it.
pub fn keys_for(action: &Action) -> Option<&'static str> {
    BINDINGS
        .iter()
        .find(|binding| binding.action == *action)
        .map(|binding| binding.keys)
}

/// The action a key asks for here.
pub fn action_for(app: &App, key: KeyEvent) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    binding_for(app, &key).map(|binding| binding.action.clone())
}

/// The bindings for the footer: those with a hint that a key of theirs
/// still presses here, the most specific first.
pub fn hints(app: &App) -> Vec<&'static Binding> {
    let typing = typing(app);
    let mut shown: Vec<&'static Binding> = active(app)
        .filter(|binding| binding.hint.is_some())
        .filter(|binding| {
            binding.codes.iter().any(|code| {
                let modifiers = if binding.control {
                    KeyModifiers::CONTROL
                } else {
                    KeyModifiers::NONE
                };
                let key = KeyEvent::new(*code, modifiers);
                presses(binding, &key, typing)
                    && binding_for(app, &key).is_some_and(|b| std::ptr::eq(b, *binding))
            })
        })
        .collect();
    shown.sort_by_key(|binding| std::cmp::Reverse(binding.scope.rank()));
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_bindings_share_a_key_in_the_same_place() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                let near = a.scope == b.scope
                    || matches!(
                        (a.scope, b.scope),
                        (Scope::CheckinAny, Scope::Checkin(_))
                            | (Scope::Checkin(_), Scope::CheckinAny)
                    );
                let clash = near
                    && a.control == b.control
                    && a.codes.iter().any(|code| b.codes.contains(code));
                assert!(!clash, "{} and {} clash in {:?}", a.keys, b.keys, a.scope);
            }
        }
    }
}
