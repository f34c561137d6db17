//! One table of key bindings: it turns keys into actions, draws the footer's
//! hints and fills the help screen, so the three never disagree.

use super::action::Action;
use super::app::{App, Screen, Tab};
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
    }
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
        &[KeyCode::Char('?')],
        "?",
        Action::ToggleHelp,
        "help: every key",
        Scope::Everywhere,
        Some("help"),
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
        "back to the list of people",
        Scope::PersonFromList,
        Some("people"),
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
        Action::CycleOwnStatus,
        "own status: next step",
        Scope::On(Tab::Outcomes),
        Some("own status"),
    ),
    Binding {
        codes: &[KeyCode::Char('J')],
        keys: "J",
        action: Action::Judge,
        help: "record a judgement (assessors)",
        scope: Scope::On(Tab::Outcomes),
        hint: Some("judge"),
        assessor_only: true,
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
        Action::ToggleOrder,
        "order by next check-in or by name",
        Scope::Picker,
        Some("order"),
    ),
    Binding {
        codes: &[KeyCode::Char('J')],
        keys: "J",
        action: Action::OpenQueue,
        help: "outcomes awaiting your judgement across your caseload (assessors)",
        scope: Scope::Picker,
        hint: Some("queue"),
        assessor_only: true,
    },
    Binding {
        codes: &[KeyCode::Enter],
        keys: "Enter",
        action: Action::StartCheckin,
        help: "run a check-in with this person, at the selected outcome",
        scope: Scope::Queue,
        hint: Some("check-in"),
        assessor_only: true,
    },
    Binding {
        codes: &[KeyCode::Esc],
        keys: "Esc",
        action: Action::Back,
        help: "back to the list of people",
        scope: Scope::Queue,
        hint: Some("people"),
        assessor_only: true,
    },
    Binding {
        codes: &[KeyCode::Char('c')],
        keys: "c",
        action: Action::StartCheckin,
        help: "run a check-in with the selected person (assessors)",
        scope: Scope::Picker,
        hint: Some("check-in"),
        assessor_only: true,
    },
    Binding {
        codes: &[KeyCode::Char('c')],
        keys: "c",
        action: Action::StartCheckin,
        help: "run a check-in with this person (assessors)",
        scope: Scope::Person,
        hint: Some("check-in"),
        assessor_only: true,
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
    },
    Binding {
        codes: &[KeyCode::Char('Q')],
        keys: "Q",
        action: Action::QueryHours,
        help: "query the selected entry, saying why",
        scope: Scope::On(Tab::Hours),
        hint: Some("query"),
        assessor_only: true,
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
        &[KeyCode::Char('S')],
        "S",
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
        .filter(move |binding| applies(binding.scope, app) && offered(binding, app))
}

/// Whether this user has the binding at all (for help): assessors' keys
/// for assessors, the way back to the list for those who have one, the
/// signing key while a review of the person on screen awaits them; no
/// switching person where the database login says who this is.
pub fn offered(binding: &Binding, app: &App) -> bool {
    (!binding.assessor_only || app.viewer_is_assessor())
        && (binding.scope != Scope::PersonFromList || app.has_people_list())
        && (binding.action != Action::SignAwaited || super::sign_later::awaited(app).is_some())
        && (binding.action != Action::SignGateway || app.gateway_signer().is_some())
        && (binding.action != Action::SwitchPerson || !app.identity_from_login)
}

fn applies(scope: Scope, app: &App) -> bool {
    match (scope, app.screen) {
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

/// The action a key asks for here; screen-specific bindings win.
pub fn action_for(app: &App, key: KeyEvent) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    let mut found: Option<&Binding> = None;
    for binding in active(app).filter(|binding| binding.codes.contains(&key.code)) {
        let specific = matches!(
            binding.scope,
            Scope::On(_) | Scope::Picker | Scope::Welcome | Scope::Queue
        );
        if found.is_none() || specific {
            found = Some(binding);
        }
    }
    found.map(|binding| binding.action.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_bindings_share_a_key_in_the_same_place() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                let clash = a.scope == b.scope && a.codes.iter().any(|code| b.codes.contains(code));
                assert!(!clash, "{} and {} clash in {:?}", a.keys, b.keys, a.scope);
            }
        }
    }
}
