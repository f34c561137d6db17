//! People and enrolments: enrolling an apprentice, adding an assessor, and
//! an enrolment's status (breaks in learning, withdrawal, completion).

use super::{Field, OpError, Ops, enrolled, framework_of};
use crate::domain::{
    EnrolmentId, EnrolmentStatus, Person, PersonId, Role, check_name, check_status_change,
    person_name, same_name,
};
use crate::framework::Framework;
use crate::store::{Change, NewApprentice};
use chrono::NaiveDate;

/// An apprentice to enrol, as typed.
#[derive(Debug, Clone, Default)]
pub struct Enrolling {
    pub name: String,
    pub start: Option<NaiveDate>,
    pub date_of_birth: Option<NaiveDate>,
    /// The framework's id; the registry's default when `None`.
    pub framework_id: Option<String>,
    pub assessor: Option<PersonId>,
    pub employer: Option<String>,
    pub area: Option<String>,
    pub employer_opt_in: bool,
    /// Add them even if someone recorded has a name that reads the same.
    pub allow_same_name: bool,
}

/// Who was enrolled, on what, until when.
#[derive(Debug, Clone)]
pub struct Enrolled {
    pub person: PersonId,
    pub enrolment: EnrolmentId,
    pub framework_id: String,
    pub planned_end: NaiveDate,
}

impl Ops<'_> {
    /// Adds an apprentice and enrols them on a framework.
    pub fn enrol(&mut self, new: &Enrolling) -> Result<Enrolled, OpError> {
        let registry = self.registry;
        let today = self.clock.today();
        let name = person_name(&new.name).map_err(|m| OpError::invalid(Field::Name, m))?;
        let employer = new
            .employer
            .as_deref()
            .map(|e| check_name(e).map_err(|m| OpError::invalid(Field::Employer, m)))
            .transpose()?;
        let start = new
            .start
            .ok_or_else(|| OpError::invalid(Field::Start, "give the first day on the programme"))?;
        check_birth(new.date_of_birth, start, today)?;
        let framework = match &new.framework_id {
            Some(id) => framework_of(registry, id)?,
            None => registry
                .default_framework()?
                .ok_or_else(|| OpError::Refused("no framework is loaded".into()))?,
        };
        let area = check_area(framework, new.area.as_deref())?;
        let enrolled = NewApprentice::enrolled_on(&name, framework, start).ok_or_else(|| {
            OpError::invalid(Field::Start, "the planned end falls outside the calendar")
        })?;
        let change = self.begin()?;
        check_new_name(&change, &name, new.allow_same_name)?;
        if let Some(assessor) = new.assessor {
            check_is_assessor(&change, assessor)?;
        }
        let apprentice = NewApprentice {
            date_of_birth: new.date_of_birth,
            employer,
            assessor: new.assessor,
            area_of_practice: area,
            employer_opt_in: new.employer_opt_in,
            ..enrolled
        };
        let (person, enrolment) = change.add_apprentice(&apprentice)?;
        change.commit()?;
        Ok(Enrolled {
            person,
            enrolment,
            framework_id: framework.framework.id.clone(),
            planned_end: apprentice.planned_end,
        })
    }

    /// Adds an assessor; `allow_same_name` as for `Enrolling`.
    pub fn add_assessor(&mut self, name: &str, allow_same_name: bool) -> Result<PersonId, OpError> {
        let name = person_name(name).map_err(|m| OpError::invalid(Field::Name, m))?;
        let change = self.begin()?;
        check_new_name(&change, &name, allow_same_name)?;
        let id = change.add_assessor(&name)?;
        change.commit()?;
        Ok(id)
    }

    /// Changes an enrolment's status from `date` (today when `None`).
    pub fn set_enrolment_status(
        &mut self,
        person: PersonId,
        status: EnrolmentStatus,
        date: Option<NaiveDate>,
    ) -> Result<(Person, NaiveDate), OpError> {
        let today = self.clock.today();
        let date = date.unwrap_or(today);
        if date > today {
            return Err(OpError::invalid(
                Field::Date,
                format!("{date} is in the future (today is {today})"),
            ));
        }
        let change = self.begin()?;
        let (person, enrolment) = enrolled(&change, person)?;
        if date < enrolment.start_date {
            return Err(OpError::invalid(
                Field::Date,
                format!("{date} is before the start ({})", enrolment.start_date),
            ));
        }
        let breaks = change.learning_breaks(enrolment.id)?;
        check_status_change(status, date, &breaks).map_err(|m| OpError::invalid(Field::Date, m))?;
        change.set_enrolment_status(enrolment.id, status, date)?;
        change.commit()?;
        Ok((person, date))
    }
}

pub(super) fn check_birth(
    born: Option<NaiveDate>,
    start: NaiveDate,
    today: NaiveDate,
) -> Result<(), OpError> {
    let Some(born) = born else { return Ok(()) };
    if born >= start {
        return Err(OpError::invalid(
            Field::DateOfBirth,
            format!("{born} is not before the start date {start}"),
        ));
    }
    if born > today {
        return Err(OpError::invalid(
            Field::DateOfBirth,
            format!("{born} is in the future"),
        ));
    }
    Ok(())
}

/// Refuses a name that reads the same as a recorded person's, unless allowed.
fn check_new_name(change: &Change, name: &str, allowed: bool) -> Result<(), OpError> {
    if allowed {
        return Ok(());
    }
    match change
        .person_names()?
        .into_iter()
        .find(|(_, existing)| same_name(existing, name))
    {
        Some((existing, recorded)) => Err(OpError::SameName {
            name: recorded,
            existing,
        }),
        None => Ok(()),
    }
}

pub(super) fn check_is_assessor(change: &Change, id: PersonId) -> Result<(), OpError> {
    let person = change.person(id)?;
    if person.role == Role::Assessor {
        Ok(())
    } else {
        Err(OpError::invalid(
            Field::Assessor,
            format!("{} is an apprentice, not an assessor", person.name),
        ))
    }
}

/// A framework with areas of practice needs exactly one chosen; others none.
fn check_area<'a>(
    framework: &Framework,
    area: Option<&'a str>,
) -> Result<Option<&'a str>, OpError> {
    let areas: Vec<&str> = framework
        .areas_of_practice
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    let refuse = |message: String| Err(OpError::invalid(Field::Area, message));
    match area {
        None if areas.is_empty() => Ok(None),
        None => refuse(format!("choose an area of practice: {}", areas.join(", "))),
        Some(area) if areas.contains(&area) => Ok(Some(area)),
        Some(area) if areas.is_empty() => refuse(format!(
            "{} has no areas of practice (got `{area}`)",
            framework.framework.id
        )),
        Some(area) => refuse(format!("`{area}` is not one of {}", areas.join(", "))),
    }
}
