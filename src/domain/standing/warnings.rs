//! What needs attention, most urgent first.

use super::actions::OverdueAction;
use super::checkins::CheckinStanding;
use super::hours::{CategoryHours, HoursStanding};
use super::milestones::{MilestoneStanding, MilestoneState};
use super::requirements::{RequirementStanding, RequirementState};
use crate::domain::{EnrolmentStatus, LearningBreak, Orphan, counted, hours_text};
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
    /// Off-the-job entries whose words say they may not count.
    pub doubts: &'a [String],
    pub milestones: &'a [MilestoneStanding],
    pub overdue_actions: &'a [OverdueAction],
    pub today: NaiveDate,
}

/// A priority (1 is the most urgent) and the message.
type Warning = (u8, String);

impl WarningFacts<'_> {
    /// Lapses only matter while the apprentice is still on the programme.
    fn active(&self) -> bool {
        matches!(
            self.status,
            EnrolmentStatus::Active | EnrolmentStatus::Break
        )
    }
}

pub fn warnings(facts: &WarningFacts) -> Vec<String> {
    let mut found: Vec<Warning> = Vec::new();
    found.extend(overdue_checkin(facts));
    found.extend(overdue_signatures(facts));
    if facts.active() {
        found.extend(facts.overdue_actions.iter().map(|a| (2, a.describe())));
    }
    found.extend(blockers_near_end(facts));
    found.extend(
        facts
            .requirements
            .iter()
            .filter_map(|requirement| requirement_warning(requirement, facts.today)),
    );
    for category in &facts.hours.categories {
        found.extend(slipping(category, facts.active()));
        found.extend(off_share(category, facts.hours.total_logged));
        found.extend(queried(category));
    }
    found.extend(facts.doubts.iter().map(|doubt| (6, doubt.clone())));
    if facts.active() {
        found.extend(facts.milestones.iter().filter_map(overdue_milestone));
    }
    if let Some(&(from, None)) = facts.breaks.iter().find(|(_, to)| to.is_none()) {
        found.push((7, format!("on a break in learning since {from}")));
    }
    found.extend(facts.orphans.iter().map(orphan_warning));
    found.sort();
    found.dedup();
    found.into_iter().map(|(_, message)| message).collect()
}

fn overdue_checkin(facts: &WarningFacts) -> Option<Warning> {
    (facts.active() && facts.checkins.overdue).then(|| {
        let due = facts.checkins.next_due;
        (
            1,
            format!(
                "check-in overdue: due {due}, {} ago",
                counted(facts.checkins.days_overdue as usize, "day", "days")
            ),
        )
    })
}

/// A completed review left unsigned past its fortnight.
fn overdue_signatures<'a>(facts: &'a WarningFacts<'a>) -> impl Iterator<Item = Warning> + 'a {
    facts
        .checkins
        .awaiting
        .iter()
        .filter(|awaiting| awaiting.overdue())
        .map(|awaiting| {
            (
                1,
                format!(
                    "check-in {} {}: overdue",
                    awaiting.checkin_id,
                    awaiting.describe()
                ),
            )
        })
}

fn blockers_near_end(facts: &WarningFacts) -> Option<Warning> {
    (facts.active() && facts.near_end && !facts.blockers.is_empty()).then(|| {
        let count = facts.blockers.len();
        (
            2,
            format!(
                "{} with {} to the planned end",
                counted(count, "gateway blocker", "gateway blockers"),
                counted(facts.weeks_left.max(0) as usize, "week", "weeks")
            ),
        )
    })
}

/// A requirement not met, expired, or expiring soon.
fn requirement_warning(requirement: &RequirementStanding, today: NaiveDate) -> Option<Warning> {
    let outstanding = requirement.units_outstanding();
    if requirement.status == RequirementState::Met && outstanding > 0 {
        return Some((
            4,
            format!(
                "{} is recorded as met, but {outstanding} of its {} units {} not",
                requirement.title,
                requirement.units.len(),
                if outstanding == 1 { "is" } else { "are" }
            ),
        ));
    }
    match (requirement.status, requirement.expires_on) {
        (RequirementState::NotMet, _) => Some((
            3,
            format!("{} ({}): not met", requirement.title, requirement.kind),
        )),
        (RequirementState::Expired, Some(on)) => {
            Some((3, format!("{} expired on {on}", requirement.title)))
        }
        (RequirementState::Met, Some(on)) if on <= today + Days::new(EXPIRY_NOTICE_DAYS) => {
            let days = counted((on - today).num_days().max(0) as usize, "day", "days");
            Some((
                4,
                format!("{} expires on {on}, in {days}", requirement.title),
            ))
        }
        _ => None,
    }
}

/// A category well short of the hours expected by now.
fn slipping(category: &CategoryHours, active: bool) -> Option<Warning> {
    let expected = category.expected_to_date?;
    (active && category.slippage > 0.0 && category.logged < expected * 0.9).then(|| {
        let (logged, expected) = (hours_text(category.logged), hours_text(expected));
        (
            5,
            format!(
                "{} slipping: {logged} h logged, {expected} h expected by now",
                category.title
            ),
        )
    })
}

/// A category taking far more or less of the time than intended.
fn off_share(category: &CategoryHours, total_logged: f64) -> Option<Warning> {
    let target = category.target_share_percent?;
    let off = category.share_percent - f64::from(target);
    (total_logged > 0.0 && off.abs() > SHARE_TOLERANCE).then(|| {
        (
            6,
            format!(
                "{} is {:.0}% of time logged, against {target}% intended",
                category.title, category.share_percent
            ),
        )
    })
}

/// A milestone whose month has passed with its requirement not met.
fn overdue_milestone(milestone: &MilestoneStanding) -> Option<Warning> {
    (milestone.state == MilestoneState::Overdue).then(|| {
        (
            4,
            format!(
                "milestone overdue: {} (month {}, by {}): `{}` is not met",
                milestone.title,
                milestone.month,
                milestone.due_by,
                milestone
                    .requirement
                    .as_deref()
                    .unwrap_or("its requirement")
            ),
        )
    })
}

/// Time an assessor has queried: it counts nowhere until resolved.
fn queried(category: &CategoryHours) -> Option<Warning> {
    (category.queried > 0.0).then(|| {
        (
            5,
            format!(
                "{}: {} h queried by the assessor, not counted until resolved",
                category.title,
                hours_text(category.queried)
            ),
        )
    })
}

fn orphan_warning(orphan: &Orphan) -> Warning {
    (
        8,
        format!(
            "{} `{}` is no longer in the framework file; its records are kept",
            orphan.kind, orphan.code
        ),
    )
}
