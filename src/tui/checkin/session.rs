//! A review in progress: the section being walked and what has been
//! typed, read from the draft and kept until it is saved or completed.

use super::sign::Signing;
use crate::domain::standing::OutcomeStanding;
use crate::domain::{
    AgreedAction, CheckinContent, CheckinSection, EarlierJudgement, EvidenceItem, OutcomeStatus,
    StatusChange,
};
use crate::tui::app::App;
use crate::tui::form::TextArea;
use chrono::NaiveDate;

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

    pub(super) fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// Steps where letters are typed as text.
    pub(super) fn takes_text(self) -> bool {
        self == Step::NextDate || self.section().is_some()
    }

    pub(super) fn section(self) -> Option<CheckinSection> {
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
    pub previous_actions: Vec<(i64, AgreedAction)>,
    pub last_date: Option<NaiveDate>,
    pub new_evidence: Vec<EvidenceItem>,
    pub hours_since: f64,
    /// Own-status changes since then.
    pub status_changes: Vec<StatusChange>,
    /// Each outcome's judgements at earlier sealed reviews, newest first,
    /// read once as the session starts.
    pub earlier: std::collections::HashMap<String, Vec<EarlierJudgement>>,
    /// Outcome codes walked: by default those in progress or ready for review.
    pub outcome_codes: Vec<String>,
    pub show_all_outcomes: bool,
    pub cursor: usize,
    /// The free text of the current section, while on it.
    pub text: TextArea,
    /// A note being typed for the selected outcome.
    pub note: Option<String>,
    pub next_date: String,
    /// Once the review is completed: who signs it, and who has.
    pub signing: Option<Signing>,
    /// Earlier states of the content, for Ctrl-Z.
    pub undo: Vec<CheckinContent>,
}

impl CheckinSession {
    pub fn section_text(&self, section: CheckinSection) -> String {
        self.content.section(section).to_string()
    }

    /// Whether text is being typed: a section's text, the date, a note
    /// or a PIN.
    pub fn typing(&self) -> bool {
        let pin = self.signing.as_ref().is_some_and(|s| s.pin.is_some());
        self.note.is_some() || pin || (self.signing.is_none() && self.step.takes_text())
    }

    pub(super) fn remember(&mut self) {
        self.undo.push(self.content.clone());
    }

    /// Outcomes to walk, after the "all" toggle: those waiting for a
    /// judgement first, then the rest in the framework's order. By default
    /// those being worked on, and those finished but not judged competent.
    pub(super) fn walked(&self, app: &App) -> Vec<String> {
        let Some(loaded) = &app.loaded else {
            return Vec::new();
        };
        let mut walked: Vec<&OutcomeStanding> = loaded
            .standing
            .outcomes
            .iter()
            .filter(|o| {
                self.show_all_outcomes
                    || matches!(
                        o.status,
                        OutcomeStatus::InProgress | OutcomeStatus::ReadyForReview
                    )
                    || (o.status == OutcomeStatus::Completed && !o.judged_competent())
            })
            .collect();
        walked.sort_by_key(|o| !o.awaiting_review());
        walked.into_iter().map(|o| o.code.clone()).collect()
    }
}
