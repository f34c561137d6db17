//! A progress review as the domain sees it: what is written in it, the
//! actions agreed for next time, and the signatures that seal it.

use super::{CheckinSection, Judgement, PersonId};
use crate::framework::Party;
use chrono::NaiveDate;
use serde::Serialize;

/// An action agreed at a check-in, for the next one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgreedAction {
    pub text: String,
    /// Who carries it out: apprentice, assessor or employer.
    pub owner: String,
    pub due: Option<NaiveDate>,
}

/// Whether an action from the last check-in was done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionReview {
    pub action_id: i64,
    pub done: bool,
    pub note: String,
}

/// The assessor's judgement of one outcome, made in a check-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckinJudgement {
    pub code: String,
    pub judgement: Judgement,
    pub note: String,
}

/// Everything written in a check-in.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CheckinContent {
    pub sections: Vec<(CheckinSection, String)>,
    /// One per outcome discussed, in code order.
    pub judgements: Vec<CheckinJudgement>,
    pub actions: Vec<AgreedAction>,
    pub action_reviews: Vec<ActionReview>,
    pub next_due: Option<NaiveDate>,
}

impl CheckinContent {
    pub fn section(&self, section: CheckinSection) -> &str {
        self.sections
            .iter()
            .find(|(s, _)| *s == section)
            .map_or("", |(_, text)| text.as_str())
    }

    /// Replaces a section's text; empty text removes the section.
    pub fn set_section(&mut self, section: CheckinSection, text: String) {
        self.sections.retain(|(s, _)| *s != section);
        if !text.trim().is_empty() {
            self.sections.push((section, text));
        }
    }

    pub fn judgement_of(&self, code: &str) -> Option<&CheckinJudgement> {
        self.judgements.iter().find(|j| j.code == code)
    }

    /// Judges `code`, keeping its note unless a new one is given.
    pub fn judge(&mut self, code: &str, judgement: Judgement, note: Option<String>) {
        let kept = self.judgement_of(code).map(|j| j.note.clone());
        self.judgements.retain(|j| j.code != code);
        self.judgements.push(CheckinJudgement {
            code: code.to_string(),
            judgement,
            note: note.or(kept).unwrap_or_default(),
        });
        self.judgements.sort_by(|a, b| a.code.cmp(&b.code));
    }

    pub fn unjudge(&mut self, code: &str) {
        self.judgements.retain(|j| j.code != code);
    }
}

/// The next check-in agreed at a meeting held on `meeting` is on a later day.
pub fn check_next_due(next: NaiveDate, meeting: NaiveDate) -> Result<(), String> {
    if next <= meeting {
        return Err(format!(
            "{next} is not after the check-in ({meeting}); the next one comes later"
        ));
    }
    Ok(())
}

/// An action agreed at a meeting held on `meeting` falls due on or after it.
pub fn check_action_due(due: NaiveDate, meeting: NaiveDate) -> Result<(), String> {
    if due < meeting {
        return Err(format!("{due} is before the check-in ({meeting})"));
    }
    Ok(())
}

/// The apprentice's and assessor's names a sealed check-in carries, and when it was sealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Signing {
    pub at: String,
    pub apprentice: String,
    pub assessor: String,
}

/// One party's signature of a completed review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewSignature {
    pub party: Party,
    pub person_id: PersonId,
    pub name: String,
    pub at: String,
}

/// A check-in as recorded, for showing and for the portfolio.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Checkin {
    pub id: i64,
    pub enrolment_id: i64,
    pub person: String,
    pub date: NaiveDate,
    pub assessor_id: i64,
    pub assessor: String,
    pub sealed: bool,
    pub amends: Option<i64>,
    pub amend_reason: Option<String>,
    /// Later check-ins that amend this one.
    pub amended_by: Vec<i64>,
    pub signed: Option<Signing>,
    /// When the assessor completed it, for a review signed party by party.
    pub completed_at: Option<String>,
    /// Each party's signature, in the order given.
    pub signatures: Vec<ReviewSignature>,
    pub seal_hash: Option<String>,
    pub previous_seal_hash: Option<String>,
    pub content: CheckinContent,
    /// The ids of `content.actions`, in order.
    pub action_ids: Vec<i64>,
}

/// A change the apprentice made to an outcome's own status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusChange {
    pub code: String,
    pub before: String,
    pub after: String,
    /// The day it was made.
    pub day: String,
}

/// One sealed check-in whose seal no longer holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SealProblem {
    pub checkin_id: i64,
    pub enrolment_id: i64,
    pub person: String,
    pub problem: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn agreed_dates_come_after_the_meeting() {
        let meeting = date("2026-11-21");
        assert!(check_next_due(date("2027-02-13"), meeting).is_ok());
        assert!(check_next_due(date("2026-10-01"), meeting).is_err());
        assert!(check_next_due(meeting, meeting).is_err());
        assert!(check_action_due(meeting, meeting).is_ok());
        assert!(check_action_due(date("2026-11-20"), meeting).is_err());
    }
}
