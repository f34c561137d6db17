//! Where each requirement stands for one person: whether it applies to them
//! (English and maths by age at the start or the employer's choice) and
//! whether it is met, pending, not met, expired or exempt.

use crate::domain::{Enrolment, Person, RequirementRecord, RequirementStatus, UnitRecord};
use crate::framework::{Framework, Requirement};
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
    today: NaiveDate,
) -> Vec<RequirementStanding> {
    framework
        .requirements
        .iter()
        .map(|requirement| {
            let record = records.iter().find(|record| record.id == requirement.id);
            let status = state(requirement, record, person, enrolment, today);
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
    person: &Person,
    enrolment: &Enrolment,
    today: NaiveDate,
) -> RequirementState {
    let required = applies(requirement, person, enrolment, record);
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

/// Whether the framework's rule requires this of the person. With no date
/// of birth recorded, an age rule is taken to apply: the safe assumption.
/// Each condition stands on its own: the employer's opt-in does not make a
/// requirement apply that only a recorded result does.
pub fn applies(
    requirement: &Requirement,
    person: &Person,
    enrolment: &Enrolment,
    record: Option<&RequirementRecord>,
) -> bool {
    let Some(when) = &requirement.required_when else {
        return true;
    };
    let young = when
        .under_age_at_start
        .is_some_and(|limit| match person.date_of_birth {
            Some(born) => age_on(born, enrolment.start_date) < limit,
            None => true,
        });
    young
        || (when.employer_opt_in && enrolment.employer_opt_in)
        || (when.once_recorded && record.is_some())
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
