//! Red, amber or green, with the reason in words. Green: on track. Amber:
//! behind by up to one check-in interval. Red: further behind, or a gateway
//! blocker within two months of the planned end.

use super::outcomes::{OutcomeCounts, months_to_reach};
use crate::domain::{EnrolmentStatus, counted};
use crate::framework::{Framework, Interval};
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rag {
    Green,
    Amber,
    Red,
}

impl Rag {
    pub fn label(self) -> &'static str {
        match self {
            Rag::Green => "green",
            Rag::Amber => "amber",
            Rag::Red => "red",
        }
    }
}

/// What the RAG rating is judged from.
pub struct RagFacts<'a> {
    pub framework: &'a Framework,
    /// The enrolment's review interval, from its rules.
    pub review_interval: Interval,
    pub status: EnrolmentStatus,
    pub counts: &'a OutcomeCounts,
    /// Months elapsed, fractional, breaks excluded.
    pub months_elapsed: f64,
    pub blockers: &'a [String],
    pub adjusted_end: NaiveDate,
    pub weeks_left: i64,
    pub today: NaiveDate,
}

pub fn rag(facts: &RagFacts) -> (Rag, String) {
    match facts.status {
        EnrolmentStatus::Completed => return (Rag::Green, "programme completed".to_string()),
        EnrolmentStatus::Withdrawn => {
            return (Rag::Red, "withdrawn from the programme".to_string());
        }
        EnrolmentStatus::Active | EnrolmentStatus::Break => {}
    }
    if super::near_end(facts.adjusted_end, facts.today) && !facts.blockers.is_empty() {
        return (
            Rag::Red,
            format!(
                "{} with {} to the planned end: {}",
                counted(facts.blockers.len(), "gateway blocker", "gateway blockers"),
                weeks(facts.weeks_left),
                facts.blockers[0]
            ),
        );
    }
    let progress = progress_text(facts.counts);
    let counts = facts.counts;
    if counts.actual_percent + 0.5 >= counts.expected_percent {
        return (Rag::Green, format!("on track: {progress}"));
    }
    behind(facts, &progress)
}

/// Progress in words: judged competent against expected, and the
/// apprentice's own claims still waiting for the assessor.
fn progress_text(counts: &OutcomeCounts) -> String {
    let mut text = format!(
        "{} of {} judged competent ({:.0}%), {:.0}% expected by now",
        counts.judged_competent,
        counted(counts.total, "outcome", "outcomes"),
        counts.actual_percent,
        counts.expected_percent
    );
    if counts.awaiting_review > 0 {
        text.push_str(&format!(
            "; {} marked done, waiting for review",
            counted(counts.awaiting_review, "outcome", "outcomes")
        ));
    }
    text
}

/// Behind the expected share: amber within one check-in interval of it,
/// red beyond.
fn behind(facts: &RagFacts, progress: &str) -> (Rag, String) {
    let reached_at = months_to_reach(facts.framework, facts.counts.actual_percent).unwrap_or(0.0);
    let behind_weeks =
        ((facts.months_elapsed - reached_at).max(0.0) * 365.25 / 12.0 / 7.0).round() as i64;
    let interval = i64::from(facts.review_interval.approx_weeks());
    if behind_weeks <= interval {
        (
            Rag::Amber,
            format!("about {} behind: {progress}", weeks(behind_weeks)),
        )
    } else {
        (
            Rag::Red,
            format!(
                "about {} behind, more than one check-in interval: {progress}",
                weeks(behind_weeks)
            ),
        )
    }
}

fn weeks(count: i64) -> String {
    counted(count.max(0) as usize, "week", "weeks")
}
