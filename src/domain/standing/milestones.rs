//! Where each milestone of the programme stands: reached (the requirement it
//! names is met or exempt), due (its month is this month), overdue (its
//! month has passed and it is not reached) or upcoming. A milestone that
//! names no requirement cannot be checked: once its month is over it is
//! shown as passed, never as reached.

use super::requirements::{RequirementStanding, RequirementState};
use crate::domain::add_months;
use crate::framework::{Framework, Milestone};
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneState {
    Reached,
    Due,
    Overdue,
    Upcoming,
    /// Its month is over, and it names no requirement to check it by.
    Passed,
}

impl MilestoneState {
    pub fn label(self) -> &'static str {
        match self {
            MilestoneState::Reached => "reached",
            MilestoneState::Due => "due",
            MilestoneState::Overdue => "overdue",
            MilestoneState::Upcoming => "upcoming",
            MilestoneState::Passed => "passed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MilestoneStanding {
    pub id: String,
    pub month: u32,
    pub title: String,
    /// The requirement that marks it reached, if it names one.
    pub requirement: Option<String>,
    pub state: MilestoneState,
    /// The day its requirement was met (or exempted), when reached.
    pub reached_on: Option<NaiveDate>,
    /// The last day of its month of the programme.
    pub due_by: NaiveDate,
}

/// Every milestone of the framework, in file order, as of `today`, for a
/// programme that started on `start`.
pub fn milestone_standings(
    framework: &Framework,
    requirements: &[RequirementStanding],
    start: NaiveDate,
    today: NaiveDate,
) -> Vec<MilestoneStanding> {
    framework
        .programme
        .milestones
        .iter()
        .map(|milestone| milestone_standing(milestone, requirements, start, today))
        .collect()
}

fn milestone_standing(
    milestone: &Milestone,
    requirements: &[RequirementStanding],
    start: NaiveDate,
    today: NaiveDate,
) -> MilestoneStanding {
    let from = add_months(start, milestone.month.saturating_sub(1));
    let to = add_months(start, milestone.month);
    let requirement = milestone
        .requirement
        .as_ref()
        .and_then(|id| requirements.iter().find(|r| &r.id == id));
    let reached = requirement.filter(|r| reaches(r.status));
    let state = match (reached, &milestone.requirement) {
        (Some(_), _) => MilestoneState::Reached,
        _ if today < from => MilestoneState::Upcoming,
        _ if today < to => MilestoneState::Due,
        (None, Some(_)) => MilestoneState::Overdue,
        (None, None) => MilestoneState::Passed,
    };
    MilestoneStanding {
        id: milestone.id.clone(),
        month: milestone.month,
        title: milestone.title.clone(),
        requirement: milestone.requirement.clone(),
        state,
        reached_on: reached.and_then(|r| r.date),
        due_by: to.pred_opt().unwrap_or(to),
    }
}

/// A requirement met or exempt reaches its milestone; one that does not
/// apply to this person leaves nothing owed, so it does too.
fn reaches(state: RequirementState) -> bool {
    state.is_settled()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::{Framework, default_framework};

    fn pcso() -> Framework {
        default_framework().load().expect("the bundled framework")
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    fn requirement(id: &str, status: RequirementState, date: Option<&str>) -> RequirementStanding {
        RequirementStanding {
            id: id.into(),
            title: id.into(),
            kind: "confirmation",
            status,
            date: date.map(day),
            expires_on: None,
            units: Vec::new(),
        }
    }

    fn state_of(standings: &[MilestoneStanding], id: &str) -> (MilestoneState, Option<NaiveDate>) {
        let standing = standings.iter().find(|m| m.id == id).expect("milestone");
        (standing.state, standing.reached_on)
    }

    #[test]
    fn a_milestone_is_reached_due_overdue_or_upcoming_by_its_requirement_and_month() {
        let framework = pcso();
        let start = day("2026-01-05");
        // Month 5 of the programme: 5 May to 4 June.
        let today = day("2026-05-20");
        let topic_pending = [requirement(
            "assignment-topic",
            RequirementState::Pending,
            None,
        )];
        let standings = milestone_standings(&framework, &topic_pending, start, today);
        assert_eq!(
            state_of(&standings, "assignment-topic"),
            (MilestoneState::Overdue, None),
            "month 4 is over and the topic is not agreed"
        );
        assert_eq!(state_of(&standings, "induction").0, MilestoneState::Passed);
        assert_eq!(
            state_of(&standings, "diploma-complete").0,
            MilestoneState::Upcoming
        );
        let due = milestone_standings(&framework, &topic_pending, start, day("2026-04-20"));
        assert_eq!(state_of(&due, "assignment-topic").0, MilestoneState::Due);
        assert_eq!(
            due.iter()
                .find(|m| m.id == "assignment-topic")
                .unwrap()
                .due_by,
            day("2026-05-04")
        );

        let agreed = [requirement(
            "assignment-topic",
            RequirementState::Met,
            Some("2026-04-02"),
        )];
        let standings = milestone_standings(&framework, &agreed, start, today);
        assert_eq!(
            state_of(&standings, "assignment-topic"),
            (MilestoneState::Reached, Some(day("2026-04-02")))
        );
    }
}
