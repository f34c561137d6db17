//! End-point assessment results and qualification units: recording a
//! result for one assessment method (graded on the framework's scale, a
//! resit or retake only after a fail), and one unit of a qualification.

use super::{Field, OpError, Ops, enrolled, framework_of, permitted_on};
use crate::domain::{
    Attempt, EpaClaim, EpaProblem, Operation, PersonId, RequirementStatus, Roles, UnitRecord,
    check_epa_result, check_text, day_of,
};
use crate::store::NewEpaResult;
use chrono::NaiveDate;

/// A result as given.
#[derive(Debug, Clone)]
pub struct EpaInput {
    pub method: String,
    pub attempt: Attempt,
    pub date: NaiveDate,
    pub grade: String,
    pub note: String,
}

/// A unit's status as given.
#[derive(Debug, Clone)]
pub struct UnitInput {
    pub requirement: String,
    pub unit: String,
    pub status: RequirementStatus,
    pub date: Option<NaiveDate>,
}

impl Ops<'_> {
    /// Records a result; gives its id and the grade as the framework spells it.
    pub fn record_epa_result(
        &mut self,
        person: PersonId,
        input: &EpaInput,
    ) -> Result<(i64, String), OpError> {
        let (registry, today, actor) = (self.registry, self.clock.today(), self.actor);
        let note = check_text(&input.note, 2000).map_err(|m| OpError::invalid(Field::Note, m))?;
        let change = self.begin()?;
        let (person, enrolment) = enrolled(&change, person)?;
        permitted_on(&change, actor, Operation::RecordEpaResult, &person)?;
        let framework = framework_of(registry, &enrolment.framework_id)?;
        if input.date > today {
            return Err(OpError::invalid(
                Field::Date,
                format!("{} is in the future (today is {today})", input.date),
            ));
        }
        let progress = change.progress(&enrolment)?;
        let sealed_on = progress
            .gateway_signoff
            .seal
            .as_ref()
            .map(|seal| day_of(&seal.at).to_string());
        match sealed_on {
            Some(day) if input.date.to_string() < day => {
                return Err(OpError::invalid(
                    Field::Date,
                    format!(
                        "{} is before the gateway sign-off was sealed ({day})",
                        input.date
                    ),
                ));
            }
            None if framework
                .gateway
                .as_ref()
                .is_some_and(|g| !g.signed_by.is_empty()) =>
            {
                return Err(OpError::Refused(format!(
                    "{}'s gateway sign-off is not sealed yet: the assessment follows gateway",
                    person.name
                )));
            }
            _ => {}
        }
        let earlier = progress.epa_results;
        let claim = EpaClaim {
            method: &input.method,
            attempt: input.attempt,
            date: input.date,
            grade: &input.grade,
        };
        let grade =
            check_epa_result(framework, &claim, &earlier).map_err(|problem| match problem {
                EpaProblem::Method(m) => OpError::invalid(Field::Method, m),
                EpaProblem::Grade(m) => OpError::invalid(Field::Grade, m),
                EpaProblem::Attempt(m) => OpError::invalid(Field::Attempt, m),
                EpaProblem::Date(m) => OpError::invalid(Field::Date, m),
            })?;
        let new = NewEpaResult {
            method: &input.method,
            attempt: input.attempt,
            date: input.date,
            grade: &grade,
            note,
        };
        let id = change.add_epa_result(enrolment.id, &new)?;
        change.commit()?;
        Ok((id, grade))
    }

    /// Records one unit of a qualification; whoever may confirm the
    /// qualification may confirm its units.
    pub fn set_unit(&mut self, person: PersonId, input: &UnitInput) -> Result<(), OpError> {
        let (registry, today, actor) = (self.registry, self.clock.today(), self.actor);
        let change = self.begin()?;
        let (person, enrolment) = enrolled(&change, person)?;
        let framework = framework_of(registry, &enrolment.framework_id)?;
        let Some(requirement) = framework.requirement(&input.requirement) else {
            return Err(OpError::invalid(
                Field::Requirement,
                format!(
                    "`{}` is not a requirement of {}",
                    input.requirement,
                    framework.in_words()
                ),
            ));
        };
        if !requirement.units.iter().any(|u| u.id == input.unit) {
            let units: Vec<&str> = requirement.units.iter().map(|u| u.id.as_str()).collect();
            let known = if units.is_empty() {
                "it has no units".to_string()
            } else {
                format!("one of: {}", units.join(", "))
            };
            return Err(OpError::invalid(
                Field::Unit,
                format!(
                    "`{}` is not a unit of {}; {known}",
                    input.unit, requirement.title
                ),
            ));
        }
        let confirmers: Vec<_> = requirement
            .confirmed_by
            .0
            .iter()
            .map(|c| super::records::role_of(*c))
            .collect();
        permitted_on(
            &change,
            actor,
            Operation::ConfirmRequirement(Roles::of(&confirmers)),
            &person,
        )?;
        if let Some(date) = input.date {
            if date > today {
                return Err(OpError::invalid(
                    Field::Date,
                    format!("{date} is in the future (today is {today})"),
                ));
            }
        }
        let unit = UnitRecord {
            requirement: input.requirement.clone(),
            unit: input.unit.clone(),
            status: input.status,
            date: input.date,
        };
        change.set_unit(enrolment.id, &unit)?;
        change.commit()?;
        Ok(())
    }
}
