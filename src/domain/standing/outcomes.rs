//! Outcomes as the person and their assessor see them: each outcome's own
//! status, judgement and evidence, the counts, and how much is expected by now.

use crate::domain::{Judgement, OutcomeStatus, Progress, add_months};
use crate::framework::Framework;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeStanding {
    pub code: String,
    pub title: String,
    #[serde(rename = "type")]
    pub outcome_type: String,
    pub status: OutcomeStatus,
    pub judgement: Judgement,
    pub evidence_count: usize,
}

impl OutcomeStanding {
    pub fn judged_competent(&self) -> bool {
        self.judgement >= Judgement::Competent
    }

    /// Marked ready or completed by the apprentice, not yet judged
    /// competent: the apprentice's own claim, waiting for the assessor.
    pub fn awaiting_review(&self) -> bool {
        !self.judged_competent()
            && matches!(
                self.status,
                OutcomeStatus::ReadyForReview | OutcomeStatus::Completed
            )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeCounts {
    pub total: usize,
    pub by_status: BTreeMap<&'static str, usize>,
    pub by_judgement: BTreeMap<&'static str, usize>,
    /// Progress: only the assessor's judgement counts.
    pub judged_competent: usize,
    /// The apprentice's own claims of done, not yet judged competent.
    pub awaiting_review: usize,
    /// Share judged competent, 0 to 100.
    pub actual_percent: f64,
    /// Share expected by now from the milestones (linear without them).
    pub expected_percent: f64,
}

/// Every outcome of the framework, in file order, with what is recorded.
pub fn outcome_standings(framework: &Framework, progress: &Progress) -> Vec<OutcomeStanding> {
    let mut evidence: HashMap<&str, usize> = HashMap::new();
    for item in &progress.evidence {
        for code in &item.outcomes {
            *evidence.entry(code.as_str()).or_default() += 1;
        }
    }
    framework
        .outcomes
        .iter()
        .map(|outcome| {
            let record = progress
                .outcomes
                .iter()
                .find(|record| record.code == outcome.code);
            OutcomeStanding {
                code: outcome.code.clone(),
                title: outcome.title.clone(),
                outcome_type: outcome.outcome_type.clone(),
                status: record.map_or(OutcomeStatus::NotStarted, |r| r.status),
                judgement: record.map_or(Judgement::NotAssessed, |r| r.judgement),
                evidence_count: evidence.get(outcome.code.as_str()).copied().unwrap_or(0),
            }
        })
        .collect()
}

pub fn outcome_counts(outcomes: &[OutcomeStanding], expected_percent: f64) -> OutcomeCounts {
    let mut by_status = BTreeMap::new();
    let mut by_judgement = BTreeMap::new();
    for outcome in outcomes {
        *by_status.entry(outcome.status.as_str()).or_default() += 1;
        *by_judgement.entry(outcome.judgement.as_str()).or_default() += 1;
    }
    let judged_competent = outcomes.iter().filter(|o| o.judged_competent()).count();
    OutcomeCounts {
        total: outcomes.len(),
        by_status,
        by_judgement,
        judged_competent,
        awaiting_review: outcomes.iter().filter(|o| o.awaiting_review()).count(),
        actual_percent: percent(judged_competent, outcomes.len()),
        expected_percent,
    }
}

/// The share of outcomes (0 to 100) expected after `months_elapsed` months
/// (fractional): straight lines between the milestones' expected shares,
/// from 0 at the start to 100 at the end; a straight line without them.
pub fn expected_percent(framework: &Framework, months_elapsed: f64) -> f64 {
    let duration = f64::from(framework.programme.duration_months.max(1));
    let mut points: Vec<(f64, f64)> = vec![(0.0, 0.0)];
    for milestone in &framework.programme.milestones {
        if let Some(percent) = milestone.outcomes_expected_percent {
            points.push((f64::from(milestone.month), f64::from(percent)));
        }
    }
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
    if points.last().is_some_and(|&(month, _)| month < duration) {
        points.push((duration, 100.0));
    }
    let at = months_elapsed.clamp(0.0, duration);
    for pair in points.windows(2) {
        let ((m0, p0), (m1, p1)) = (pair[0], pair[1]);
        if at <= m1 {
            if m1 <= m0 {
                return p1;
            }
            return p0 + (p1 - p0) * (at - m0) / (m1 - m0);
        }
    }
    points.last().map_or(100.0, |&(_, p)| p)
}

/// How many months (fractional) into the programme the expected curve first
/// reaches `percent`; `None` when it never does.
pub fn months_to_reach(framework: &Framework, percent: f64) -> Option<f64> {
    let duration = f64::from(framework.programme.duration_months.max(1));
    // The curve is non-decreasing, so bisection finds the first crossing.
    if expected_percent(framework, duration) < percent - 1e-9 {
        return None;
    }
    let (mut low, mut high) = (0.0, duration);
    for _ in 0..50 {
        let middle = (low + high) / 2.0;
        if expected_percent(framework, middle) >= percent - 1e-9 {
            high = middle;
        } else {
            low = middle;
        }
    }
    Some(high)
}

/// The share of the framework's outcomes (0 to 100) judged competent or
/// better at the start of each month of the programme up to `today`, and
/// on `today` itself: each outcome counted from the day its judgement on
/// record was made. Points are (months from the start, percent).
pub fn competent_over_time(
    framework: &Framework,
    progress: &Progress,
    today: NaiveDate,
) -> Vec<(f64, f64)> {
    let total = framework.outcomes.len();
    let judged: Vec<NaiveDate> = progress
        .outcomes
        .iter()
        .filter(|o| o.judgement >= Judgement::Competent)
        .filter(|o| framework.outcome(&o.code).is_some())
        .filter_map(|o| o.judged_at.as_deref())
        .filter_map(|at| at.get(..10).and_then(|day| day.parse().ok()))
        .collect();
    let share_by = |day: NaiveDate| percent(judged.iter().filter(|d| **d <= day).count(), total);
    let start = progress.enrolment.start_date;
    let mut points = Vec::new();
    for month in 0..=framework.programme.duration_months {
        let day = add_months(start, month);
        if day > today {
            break;
        }
        points.push((f64::from(month), share_by(day)));
    }
    let days_in_month = 365.25 / 12.0;
    let now = (today - start).num_days().max(0) as f64 / days_in_month;
    points.push((now, share_by(today)));
    points
}

pub fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::BUNDLED;

    #[test]
    fn expected_share_follows_the_milestones_then_rises_to_the_end() {
        let pcso = BUNDLED[0].load().expect("bundled");
        assert_eq!(expected_percent(&pcso, 0.0), 0.0);
        assert_eq!(expected_percent(&pcso, 3.0), 15.0);
        assert_eq!(
            expected_percent(&pcso, 3.5),
            20.0,
            "halfway between 15% at 3 and 25% at 4"
        );
        assert_eq!(expected_percent(&pcso, 12.0), 100.0);
        assert_eq!(expected_percent(&pcso, 20.0), 100.0);
    }

    #[test]
    fn without_milestone_shares_the_expectation_is_a_straight_line() {
        let advanced = BUNDLED[1].load().expect("bundled");
        assert!((expected_percent(&advanced, 6.0) - 50.0).abs() < 1e-9);
        let months = months_to_reach(&advanced, 25.0).expect("reached");
        assert!((months - 3.0).abs() < 1e-6);
    }
}
