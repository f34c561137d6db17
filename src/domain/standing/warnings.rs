//! What needs attention, most urgent first.

use super::checkins::CheckinStanding;
use super::gateway::hours_text;
use super::hours::HoursStanding;
use super::requirements::{RequirementStanding, RequirementState};
use crate::domain::{EnrolmentStatus, LearningBreak, Orphan};
use chrono::{Days, NaiveDate};

/// Requirements expiring this soon are flagged.
const EXPIRY_NOTICE_DAYS: u64 = 60;
/// A category more than this many points off its intended share is flagged.
const SHARE_TOLERANCE: f64 = 10.0;

pub struct WarningFacts<'a> {
    pub status: EnrolmentStatus,
    pub checkins: &'a CheckinStanding,
    pub blockers: &'a [String],
    pub near_end: bool,
    pub weeks_left: i64,
    pub requirements: &'a [RequirementStanding],
    pub hours: &'a HoursStanding,
    pub breaks: &'a [LearningBreak],
    pub orphans: &'a [Orphan],
    pub today: NaiveDate,
}

pub fn warnings(facts: &WarningFacts) -> Vec<String> {
    let mut found: Vec<(u8, String)> = Vec::new();
    let active = matches!(
        facts.status,
        EnrolmentStatus::Active | EnrolmentStatus::Break
    );
    if active && facts.checkins.overdue {
        let due = facts.checkins.next_due;
        found.push((
            1,
            format!(
                "check-in overdue: due {due}, {} days ago",
                facts.checkins.days_overdue
            ),
        ));
    }
    if active && facts.near_end && !facts.blockers.is_empty() {
        let count = facts.blockers.len();
        found.push((
            2,
            format!(
                "{count} gateway blocker(s) with {} weeks to the planned end",
                facts.weeks_left
            ),
        ));
    }
    for requirement in facts.requirements {
        match (requirement.status, requirement.expires_on) {
            (RequirementState::Expired, Some(on)) => {
                found.push((3, format!("{} expired on {on}", requirement.title)))
            }
            (RequirementState::Met, Some(on))
                if on <= facts.today + Days::new(EXPIRY_NOTICE_DAYS) =>
            {
                let days = (on - facts.today).num_days();
                found.push((
                    4,
                    format!("{} expires on {on}, in {days} days", requirement.title),
                ));
            }
            _ => {}
        }
    }
    for category in &facts.hours.categories {
        if let Some(expected) = category.expected_to_date {
            if active && category.slippage > 0.0 && category.logged < expected * 0.9 {
                let (logged, expected) = (hours_text(category.logged), hours_text(expected));
                found.push((
                    5,
                    format!(
                        "{} slipping: {logged} h logged, {expected} h expected by now",
                        category.title
                    ),
                ));
            }
        }
        if let Some(target) = category.target_share_percent {
            let off = category.share_percent - f64::from(target);
            if facts.hours.total_logged > 0.0 && off.abs() > SHARE_TOLERANCE {
                found.push((
                    6,
                    format!(
                        "{} is {:.0}% of time logged, against {target}% intended",
                        category.title, category.share_percent
                    ),
                ));
            }
        }
    }
    if let Some(&(from, None)) = facts.breaks.iter().find(|(_, to)| to.is_none()) {
        found.push((7, format!("on a break in learning since {from}")));
    }
    for orphan in facts.orphans {
        found.push((
            8,
            format!(
                "{} `{}` is no longer in the framework file; its records are kept",
                orphan.kind, orphan.code
            ),
        ));
    }
    found.sort();
    found.dedup();
    found.into_iter().map(|(_, message)| message).collect()
}
