//! Everything a key press or mouse event can ask for.

use super::app::Tab;
use super::checkin::Step;
use crate::domain::Judgement;
use crate::report::CaseloadColumn;

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Quit,
    NextTab,
    PreviousTab,
    GoTo(Tab),
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Back,
    ToggleHelp,
    /// The command palette: any action here, by name.
    OpenPalette,
    Undo,
    /// Start typing a text filter (outcomes).
    StartFilter,
    CycleStatusFilter,
    CycleTypeFilter,
    /// The apprentice's own status for the selected outcome, a step on.
    OwnStatusForward,
    /// The apprentice's own status for the selected outcome, a step back.
    OwnStatusBack,
    /// An assessor records a judgement of the selected outcome.
    Judge,
    /// An assessor starts (or resumes) a check-in with the person.
    StartCheckin,
    /// An assessor's outcomes awaiting judgement across her caseload.
    OpenQueue,
    /// Sign, as oneself, the review of the person that awaits one's signature.
    SignAwaited,
    /// Sign the person's gateway sign-off as the person using the app.
    SignGateway,
    Add,
    /// Read the selected item in full, without changing it.
    View,
    Edit,
    Delete,
    /// An assessor accepts the selected off-the-job entry.
    AcceptHours,
    /// An assessor queries the selected off-the-job entry, saying why.
    QueryHours,
    /// The selected review over the whole screen, or back to the list.
    ExpandReview,
    /// Hours chart by week, by month, or the running total.
    TogglePeriod,
    /// The hours chart's earlier or later periods.
    ChartEarlier,
    ChartLater,
    /// The list of people ordered by the next column, who needs attention first.
    NextOrder,
    /// The list of people in its order the other way round.
    ReverseOrder,
    /// The list of people by this column (a click on its header); again,
    /// the other way round.
    SortBy(CaseloadColumn),
    /// From the welcome screen.
    LoadDemo,
    AddSelf,
    /// Use the app as someone else (their PIN is asked).
    SwitchPerson,
    /// Check-in mode: to the next section, saving the draft.
    NextSection,
    PreviousSection,
    /// Check-in mode: straight to a section, saving the draft.
    GoToSection(Step),
    /// Check-in mode: today's judgement of the selected outcome.
    JudgeAs(Judgement),
    ClearJudgement,
    /// Check-in mode: a note with the selected outcome's judgement.
    WriteNote,
    KeepNote,
    DropNote,
    /// Check-in mode: every outcome, or only those to be judged.
    ToggleAllOutcomes,
    /// Check-in mode: last time's selected action done, or not.
    ToggleDone,
    /// Check-in mode: complete the review, fixing its content.
    CompleteCheckin,
    /// Check-in mode: sign as the selected party.
    SignParty,
    /// Check-in mode: discard the draft (asks first).
    DiscardCheckin,
    SubmitPin,
    CancelPin,
    /// Mouse: a click at a cell, the wheel.
    Click {
        column: u16,
        row: u16,
    },
    ScrollUp,
    ScrollDown,
    /// A key for the focused form, filter or dialog.
    Input(crossterm::event::KeyEvent),
    Resize(u16, u16),
    /// No key for a while: look for changes other programs made.
    CheckForChanges,
    /// Work the background finished (caseload columns, a list's order).
    Finished(Box<super::background::Done>),
}
