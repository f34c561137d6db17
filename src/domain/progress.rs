//! Everything recorded for one enrolment, as read from the store, and which
//! of it no longer matches the framework file.

use super::{
    Attachment, Enrolment, EpaResult, EvidenceKind, GatewaySignoff, HoursReview, Judgement,
    OutcomeStatus, RequirementStatus, TrainingPlan, Version,
};
use crate::framework::{Framework, Party};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeRecord {
    pub code: String,
    pub status: OutcomeStatus,
    pub judgement: Judgement,
    pub judgement_note: Option<String>,
    pub judged_by: Option<i64>,
    pub judged_at: Option<String>,
    /// The sealed check-in that made the judgement, if one did.
    pub judged_in_checkin: Option<i64>,
    /// The state read, for writes based on it.
    #[serde(skip)]
    pub version: Version,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceItem {
    pub id: i64,
    pub date: NaiveDate,
    pub title: String,
    pub kind: EvidenceKind,
    pub description: String,
    pub file_ref: Option<String>,
    pub outcomes: Vec<String>,
    /// The file kept with it, if one is attached.
    pub attachment: Option<Attachment>,
    #[serde(skip)]
    pub version: Version,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequirementRecord {
    pub id: String,
    pub status: RequirementStatus,
    pub date: Option<NaiveDate>,
    pub reference: Option<String>,
    pub expires_on: Option<NaiveDate>,
    #[serde(skip)]
    pub version: Version,
}

/// One unit of a qualification, recorded like a requirement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitRecord {
    pub requirement: String,
    pub unit: String,
    pub status: RequirementStatus,
    pub date: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HoursEntry {
    pub id: i64,
    pub date: NaiveDate,
    pub hours: f64,
    pub category: String,
    pub activity: Option<String>,
    pub note: String,
    pub benefit: Option<String>,
    pub possible_duplicate_of: Option<i64>,
    pub outcomes: Vec<String>,
    /// The assessor's review: only a queried entry stops counting.
    pub review: HoursReview,
    /// Why it was queried, while it is.
    pub query_reason: Option<String>,
    /// The state read, for a review based on it.
    #[serde(skip)]
    pub version: Version,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckinSummary {
    pub id: i64,
    pub date: NaiveDate,
    pub assessor_id: i64,
    pub sealed: bool,
    pub next_due: Option<NaiveDate>,
    pub amends: Option<i64>,
    /// The day the assessor completed it; it then waits for signatures.
    pub completed: Option<NaiveDate>,
    /// The parties who have signed it so far.
    pub signed_by: Vec<Party>,
}

/// An action agreed at a check-in, with where it was agreed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionRecord {
    pub id: i64,
    pub checkin_id: i64,
    pub text: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
}

/// Every action agreed at the enrolment's check-ins, and every later
/// review of them (whether each was done), in the order the reviews were held.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ActionsAgreed {
    pub actions: Vec<ActionRecord>,
    pub reviews: Vec<super::ActionReview>,
}

/// All records of one enrolment; deleted evidence and hours are left out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    pub enrolment: Enrolment,
    pub outcomes: Vec<OutcomeRecord>,
    pub evidence: Vec<EvidenceItem>,
    pub requirements: Vec<RequirementRecord>,
    pub hours: Vec<HoursEntry>,
    pub checkins: Vec<CheckinSummary>,
    pub gateway_signoff: GatewaySignoff,
    pub units: Vec<UnitRecord>,
    pub epa_results: Vec<EpaResult>,
    /// The training plan, once one is recorded.
    pub plan: Option<TrainingPlan>,
    /// Actions agreed at check-ins and whether each was done.
    #[serde(skip)]
    pub actions: ActionsAgreed,
}

/// A stored reference to something the framework file no longer defines.
/// The record is kept; this only reports it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Orphan {
    /// What kind of thing is missing: outcome, requirement or hour category.
    pub kind: &'static str,
    pub code: String,
    /// Where it is still used, e.g. "evidence 12".
    pub used_by: String,
}

/// Outcome records for outcomes the framework defines: the ones to count.
/// Records of outcomes it no longer defines are kept and shown apart, as
/// `orphans` finds them.
pub fn defined_outcomes<'a>(
    progress: &'a Progress,
    framework: &'a Framework,
) -> impl Iterator<Item = &'a OutcomeRecord> + 'a {
    progress
        .outcomes
        .iter()
        .filter(|record| framework.outcome(&record.code).is_some())
}

/// Records that point at outcomes, requirements or hour categories the
/// framework does not (or no longer) define.
pub fn orphans(progress: &Progress, framework: &Framework) -> Vec<Orphan> {
    let mut found = BTreeSet::new();
    let mut outcome = |code: &str, used_by: String| {
        if framework.outcome(code).is_none() {
            found.insert(Orphan {
                kind: "outcome",
                code: code.to_string(),
                used_by,
            });
        }
    };
    for record in &progress.outcomes {
        outcome(&record.code, "outcome progress".to_string());
    }
    for item in &progress.evidence {
        item.outcomes
            .iter()
            .for_each(|code| outcome(code, format!("evidence {}", item.id)));
    }
    for entry in &progress.hours {
        entry
            .outcomes
            .iter()
            .for_each(|code| outcome(code, format!("hours entry {}", entry.id)));
    }
    for record in &progress.requirements {
        if framework.requirement(&record.id).is_none() {
            found.insert(Orphan {
                kind: "requirement",
                code: record.id.clone(),
                used_by: "requirement record".into(),
            });
        }
    }
    for entry in &progress.hours {
        if framework.hour_category(&entry.category).is_none() {
            let used_by = format!("hours entry {}", entry.id);
            found.insert(Orphan {
                kind: "hour category",
                code: entry.category.clone(),
                used_by,
            });
        }
    }
    found.into_iter().collect()
}
