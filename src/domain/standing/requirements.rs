//! Where each requirement stands for one person: whether it applies to them
//! (English and maths by age at the start or the employer's choice) and
//! whether it is met, pending, not met, expired or exempt.

use crate::domain::{
    EnglishMaths, Enrolment, Person, RequirementRecord, RequirementStatus, TrainingPlan, UnitRecord,
};
use crate::framework::{Framework, Requirement, Rules};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// A requirement's effective state as of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RequirementState {
    Met,
    Pending,
    NotMet,
    Expired,
    Exempt,
    /// The framework's rule does not require it of this person.
    NotRequired,
}

impl RequirementState {
    /// Met, exempt or not required: nothing is owed.
    pub fn is_settled(self) -> bool {
        matches!(
            self,
            RequirementState::Met | RequirementState::Exempt | RequirementState::NotRequired
        )
    }

    pub fn label(self) -> &'static str {
        match self {
            RequirementState::Met => "met",
            RequirementState::Pending => "pending",
            RequirementState::NotMet => "not met",
            RequirementState::Expired => "expired",
            RequirementState::Exempt => "exempt",
            RequirementState::NotRequired => "not required",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequirementStanding {
    pub id: String,
    pub title: String,
    pub kind: &'static str,
    pub status: RequirementState,
    pub date: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
    /// A qualification's units, in file order, each as recorded.
    pub units: Vec<UnitStanding>,
}

impl RequirementStanding {
    /// Units not yet met or exempt.
    pub fn units_outstanding(&self) -> usize {
        self.units
            .iter()
            .filter(|unit| !unit.status.is_settled())
            .count()
    }
}

/// One unit of a qualification as recorded (pending when nothing is).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitStanding {
    pub id: String,
    pub title: String,
    pub status: RequirementState,
    pub date: Option<NaiveDate>,
}

/// Every requirement of the framework, in file order.
pub fn requirement_standings(
    framework: &Framework,
    person: &Person,
    enrolment: &Enrolment,
    (records, units): (&[RequirementRecord], &[UnitRecord]),
    plan: Option<&TrainingPlan>,
    today: NaiveDate,
) -> Vec<RequirementStanding> {
    let rules = framework.rules_for(enrolment.start_date);
    // The employer's opt-in, or the plan's decision that English and maths
    // are required: either way the employer requires them.
    let employer_requires = enrolment.employer_opt_in
        || plan
            .and_then(|plan| plan.english_maths.as_ref())
            .is_some_and(|decision| decision.decision == EnglishMaths::Required);
    let context = Context {
        person,
        rules: &rules,
        enrolment,
        employer_requires,
    };
    framework
        .requirements
        .iter()
        .map(|requirement| {
            let record = records.iter().find(|record| record.id == requirement.id);
            let status = state(requirement, record, &context, today);
            RequirementStanding {
                id: requirement.id.clone(),
                title: requirement.title.clone(),
                kind: requirement.kind.label(),
                status,
                date: record.and_then(|r| r.date),
                expires_on: record.and_then(|r| r.expires_on),
                units: unit_standings(requirement, units),
            }
        })
        .collect()
}

fn unit_standings(requirement: &Requirement, records: &[UnitRecord]) -> Vec<UnitStanding> {
    requirement
        .units
        .iter()
        .map(|unit| {
            let record = records
                .iter()
                .find(|r| r.requirement == requirement.id && r.unit == unit.id);
            let status = match record.map(|r| r.status) {
                Some(RequirementStatus::Met) => RequirementState::Met,
                Some(RequirementStatus::Exempt) => RequirementState::Exempt,
                Some(RequirementStatus::NotMet) => RequirementState::NotMet,
                Some(RequirementStatus::Pending) | None => RequirementState::Pending,
            };
            UnitStanding {
                id: unit.id.clone(),
                title: unit.title.clone(),
                status,
                date: record.and_then(|r| r.date),
            }
        })
        .collect()
}

fn state(
    requirement: &Requirement,
    record: Option<&RequirementRecord>,
    context: &Context,
    today: NaiveDate,
) -> RequirementState {
    let (person, enrolment) = (context.person, context.enrolment);
    let required = applies(requirement, context, record);
    // A result achieved though not required is still worth showing.
    let achieved = record
        .is_some_and(|r| matches!(r.status, RequirementStatus::Met | RequirementStatus::Exempt));
    if !required && !achieved {
        return RequirementState::NotRequired;
    }
    let Some(record) = record else {
        return age_requirement(requirement, person, enrolment)
            .unwrap_or(RequirementState::Pending);
    };
    match record.status {
        RequirementStatus::Met
            if required && record.expires_on.is_some_and(|expiry| expiry < today) =>
        {
            RequirementState::Expired
        }
        RequirementStatus::Met => RequirementState::Met,
        RequirementStatus::Pending => RequirementState::Pending,
        RequirementStatus::NotMet => RequirementState::NotMet,
        RequirementStatus::Exempt => RequirementState::Exempt,
    }
}

/// A minimum age is met (or not) from the date of birth when nothing is recorded.
fn age_requirement(
    requirement: &Requirement,
    person: &Person,
    enrolment: &Enrolment,
) -> Option<RequirementState> {
    let minimum = requirement.minimum_age?;
    let age = age_on(person.date_of_birth?, enrolment.start_date);
    Some(if age >= minimum {
        RequirementState::Met
    } else {
        RequirementState::NotMet
    })
}

/// Who the requirements are judged for, under which rules.
pub struct Context<'a> {
    pub person: &'a Person,
    pub rules: &'a Rules<'a>,
    pub enrolment: &'a Enrolment,
    /// The employer requires English and maths: the enrolment's opt-in or
    /// the training plan's decision.
    pub employer_requires: bool,
}

/// Whether the framework's rule requires this of the person. With no date
/// of birth recorded, an age rule is taken to apply: the safe assumption.
/// Each condition stands on its own: the employer's opt-in does not make a
/// requirement apply that only a recorded result does. The English and
/// maths rule of the enrolment's rule set, where it names the requirement,
/// sets the age limit in place of `under_age_at_start` (no limit: every
/// age), and the employer may always require it.
pub fn applies(
    requirement: &Requirement,
    context: &Context,
    record: Option<&RequirementRecord>,
) -> bool {
    let (person, enrolment) = (context.person, context.enrolment);
    let governed = context
        .rules
        .english_maths
        .filter(|rule| rule.requirements.contains(&requirement.id));
    let when = requirement.required_when.as_ref();
    let limit = match (governed, when) {
        (None, None) => return true,
        (Some(rule), _) => match rule.required_under_age {
            None => return true,
            limit => limit,
        },
        (None, Some(when)) => when.under_age_at_start,
    };
    let young = limit.is_some_and(|limit| match person.date_of_birth {
        Some(born) => age_on(born, enrolment.start_date) < limit,
        None => true,
    });
    let opt_in = governed.is_some() || when.is_some_and(|when| when.employer_opt_in);
    young
        || (opt_in && context.employer_requires)
        || (when.is_some_and(|when| when.once_recorded) && record.is_some())
}

/// Age in whole years on `day`.
pub fn age_on(born: NaiveDate, day: NaiveDate) -> u32 {
    let mut years = day.year() - born.year();
    if (day.month(), day.day()) < (born.month(), born.day()) {
        years -= 1;
    }
    years.max(0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn age_counts_whole_years_including_leap_day_birthdays() {
        assert_eq!(age_on(date("2008-03-04"), date("2026-03-03")), 17);
        assert_eq!(age_on(date("2008-03-04"), date("2026-03-04")), 18);
        assert_eq!(age_on(date("2008-02-29"), date("2026-02-28")), 17);
        assert_eq!(age_on(date("2008-02-29"), date("2026-03-01")), 18);
    }
}
