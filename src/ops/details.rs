//! Correcting an enrolled person's details after enrolment: date of birth,
//! start date (the planned end moves with it) and assessor, checked by the
//! same rules as enrolling.

use super::people::{check_birth, check_is_assessor};
use super::{Field, OpError, Ops, enrolled, framework_of, permitted_on};
use crate::domain::{Enrolment, Operation, Person, PersonId, planned_end};
use crate::framework::Registry;
use crate::store::Change;
use chrono::NaiveDate;

/// Details to change; `None` keeps what is recorded.
#[derive(Debug, Clone, Default)]
pub struct Details {
    pub date_of_birth: Option<NaiveDate>,
    pub start: Option<NaiveDate>,
    pub assessor: Option<PersonId>,
}

impl Ops<'_> {
    /// Changes an enrolled person's details, returning them as now recorded.
    pub fn set_details(&mut self, person: PersonId, details: &Details) -> Result<Person, OpError> {
        if details.date_of_birth.is_none() && details.start.is_none() && details.assessor.is_none()
        {
            return Err(OpError::Refused(
                "nothing to change: give a date of birth, a start date or an assessor".into(),
            ));
        }
        let (registry, today, actor) = (self.registry, self.clock.today(), self.actor);
        let change = self.begin()?;
        let (person, enrolment) = enrolled(&change, person)?;
        if details.date_of_birth.is_some() || details.start.is_some() {
            permitted_on(&change, actor, Operation::CorrectEnrolment, &person)?;
        }
        if details.assessor.is_some() {
            permitted_on(&change, actor, Operation::AssignPeople, &person)?;
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
