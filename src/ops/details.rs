//! Correcting an enrolled person's details after enrolment: date of birth,
//! start date (the planned end moves with it), assessor, employer, ULN and
//! learning-support needs, checked by the same rules as enrolling, in one
//! change.

use super::people::{
    check_birth, check_is_assessor, check_learner_number, check_role, check_support,
    check_uln_unused,
};
use super::{Field, OpError, Ops, enrolled, framework_of, permitted_on};
use crate::domain::{Enrolment, Operation, Person, PersonId, Role, planned_end};
use crate::framework::Registry;
use crate::store::Change;
use chrono::NaiveDate;

/// Details to change; `None` keeps what is recorded.
#[derive(Debug, Clone, Default)]
pub struct Details {
    pub date_of_birth: Option<NaiveDate>,
    pub start: Option<NaiveDate>,
    pub assessor: Option<PersonId>,
    /// The Employer person who manages them.
    pub employer: Option<PersonId>,
    /// A ULN to record; empty text removes the one recorded.
    pub uln: Option<String>,
    /// Learning-support needs; empty text removes them.
    pub learning_support: Option<String>,
}

impl Details {
    fn is_empty(&self) -> bool {
        self.date_of_birth.is_none()
            && self.start.is_none()
            && self.assessor.is_none()
            && self.employer.is_none()
            && self.uln.is_none()
            && self.learning_support.is_none()
    }
}

impl Ops<'_> {
    /// Changes an enrolled person's details, returning them as now recorded.
    pub fn set_details(&mut self, person: PersonId, details: &Details) -> Result<Person, OpError> {
        if details.is_empty() {
            return Err(OpError::Refused(
                "nothing to change: give a date of birth, a start date, an assessor, an employer, a ULN or learning-support needs".into(),
            ));
        }
        let uln = match details.uln.as_deref().map(str::trim) {
            Some("") => Some(None),
            Some(text) => Some(Some(check_learner_number(text)?)),
            None => None,
        };
        let support = details
            .learning_support
            .as_deref()
            .map(check_support)
            .transpose()?;
        let (registry, today, actor) = (self.registry, self.clock.today(), self.actor);
        let change = self.begin()?;
        let (person, enrolment) = enrolled(&change, person)?;
        let record_changed = uln.is_some() || support.is_some();
        if details.date_of_birth.is_some() || details.start.is_some() || record_changed {
            permitted_on(&change, actor, Operation::CorrectEnrolment, &person)?;
        }
        if details.assessor.is_some() || details.employer.is_some() {
            permitted_on(&change, actor, Operation::AssignPeople, &person)?;
        }
        if let Some(id) = details.employer {
            check_role(&change, id, Role::Employer, Field::Employer)?;
            change.set_employer(person.id, Some(id))?;
        }
        if record_changed {
            let uln = uln.unwrap_or_else(|| person.uln.clone());
            if let Some(uln) = &uln {
                check_uln_unused(&change, uln, Some(person.id))?;
            }
            let support = support.unwrap_or(person.learning_support.as_deref());
            change.set_learner_record(person.id, uln.as_deref(), support)?;
        }
        let start = details.start.unwrap_or(enrolment.start_date);
        let born = details.date_of_birth.or(person.date_of_birth);
        check_birth(born, start, today)?;
        let assessor = details.assessor.or(person.assessor_id);
        if let Some(id) = details.assessor {
            check_is_assessor(&change, id)?;
        }
        if start != enrolment.start_date {
            let end = moved_end(&change, registry, &enrolment, start)?;
            change.set_enrolment_dates(enrolment.id, start, end)?;
        }
        change.set_person_details(person.id, born, assessor)?;
        let person = change.person(person.id)?;
        change.commit()?;
        Ok(person)
    }
}

/// The planned end for a new start: the programme's length from it, plus
/// whatever breaks in learning added to the old one. Refused when records
/// already dated would fall before the new start.
fn moved_end(
    change: &Change,
    registry: &Registry,
    enrolment: &Enrolment,
    start: NaiveDate,
) -> Result<NaiveDate, OpError> {
    if let Some(earliest) = change.earliest_record(enrolment.id)? {
        if earliest < start {
            return Err(OpError::invalid(
                Field::Start,
                format!(
                    "{start} is after records already dated {earliest}; the start must come first"
                ),
            ));
        }
    }
    let months = framework_of(registry, &enrolment.framework_id)?
        .programme
        .duration_months;
    let outside = || OpError::invalid(Field::Start, "the planned end falls outside the calendar");
    let extended = planned_end(enrolment.start_date, months)
        .map(|usual| enrolment.planned_end - usual)
        .ok_or_else(outside)?;
    planned_end(start, months)
        .and_then(|end| end.checked_add_signed(extended))
        .ok_or_else(outside)
}
