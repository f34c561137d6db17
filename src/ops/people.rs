//! People and enrolments: enrolling an apprentice, adding anyone else,
//! naming an apprentice's employer, and an enrolment's status (breaks in
//! learning, withdrawal, completion).

use super::{Field, OpError, Ops, enrolled, framework_of, permitted, permitted_on};
use crate::domain::permission::Subject;
use crate::domain::{
    EnrolmentId, EnrolmentStatus, Operation, Person, PersonId, Role, check_completion, check_name,
    check_status_change, check_text, check_uln, method_results, person_name, same_name,
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
    /// The unique learner number, as typed.
    pub uln: Option<String>,
    pub learning_support: Option<String>,
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
        let uln = new.uln.as_deref().map(check_learner_number).transpose()?;
        let support = new
            .learning_support
            .as_deref()
            .map(check_support)
            .transpose()?
            .flatten();
        let enrolled = NewApprentice::enrolled_on(&name, framework, start).ok_or_else(|| {
            OpError::invalid(Field::Start, "the planned end falls outside the calendar")
        })?;
        let actor = self.actor;
        let change = self.begin()?;
        permitted(
            &change,
            actor,
            Operation::AddPerson,
            &Subject::new_person(&name),
        )?;
        check_new_name(&change, &name, new.allow_same_name)?;
        if let Some(uln) = &uln {
            check_uln_unused(&change, uln, None)?;
        }
        if let Some(assessor) = new.assessor {
            check_is_assessor(&change, assessor)?;
        }
        let apprentice = NewApprentice {
            date_of_birth: new.date_of_birth,
            employer,
            assessor: new.assessor,
            area_of_practice: area,
            employer_opt_in: new.employer_opt_in,
            uln: uln.as_deref(),
            learning_support: support,
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
        self.add_person(name, Role::Assessor, allow_same_name)
    }

    /// Adds someone who is not enrolled: an assessor, an employer, an
    /// administrator (apprentices are enrolled with `enrol`). On a database
    /// with no administrator the first one may be added with nobody acting,
    /// and is recorded as adding themselves.
    pub fn add_person(
        &mut self,
        name: &str,
        role: Role,
        allow_same_name: bool,
    ) -> Result<PersonId, OpError> {
        if role == Role::Apprentice {
            return Err(OpError::Refused(
                "an apprentice is added by enrolling them (`apprentice add`)".into(),
            ));
        }
        let name = person_name(name).map_err(|m| OpError::invalid(Field::Name, m))?;
        let actor = self.actor;
        let change = self.begin()?;
        let first_administrator = role == Role::Administrator && !change.has_administrator()?;
        if !first_administrator {
            permitted(
                &change,
                actor,
                Operation::AddPerson,
                &Subject::new_person(&name),
            )?;
        }
        check_new_name(&change, &name, allow_same_name)?;
        let id = change.add_person(&name, role)?;
        change.commit()?;
        Ok(id)
    }

    /// Names the Employer person who manages an apprentice (`None`: nobody).
    pub fn set_employer(
        &mut self,
        person: PersonId,
        employer: Option<PersonId>,
    ) -> Result<Person, OpError> {
        let actor = self.actor;
        let change = self.begin()?;
        let (person, _) = enrolled(&change, person)?;
        permitted_on(&change, actor, Operation::AssignPeople, &person)?;
        if let Some(employer) = employer {
            check_role(&change, employer, Role::Employer, Field::Employer)?;
        }
        change.set_employer(person.id, employer)?;
        let person = change.person(person.id)?;
        change.commit()?;
        Ok(person)
    }

    /// Changes an enrolment's status from `date` (today when `None`). A
    /// break, a withdrawal and completion each need their reason.
    pub fn set_enrolment_status(
        &mut self,
        person: PersonId,
        status: EnrolmentStatus,
        date: Option<NaiveDate>,
        reason: Option<&str>,
    ) -> Result<(Person, NaiveDate), OpError> {
        let today = self.clock.today();
        let reason = check_status_reason(status, reason)?;
        let date = date.unwrap_or(today);
        if date > today {
            return Err(OpError::invalid(
                Field::Date,
                format!("{date} is in the future (today is {today})"),
            ));
        }
        let (actor, registry) = (self.actor, self.registry);
        let change = self.begin()?;
        let (person, enrolment) = enrolled(&change, person)?;
        permitted_on(&change, actor, Operation::CorrectEnrolment, &person)?;
        if date < enrolment.start_date {
            return Err(OpError::invalid(
                Field::Date,
                format!("{date} is before the start ({})", enrolment.start_date),
            ));
        }
        let breaks = change.learning_breaks(enrolment.id)?;
        check_status_change(status, date, &breaks).map_err(|m| OpError::invalid(Field::Date, m))?;
        if status == EnrolmentStatus::Completed {
            let framework = framework_of(registry, &enrolment.framework_id)?;
            let results = change.progress(&enrolment)?.epa_results;
            check_completion(&method_results(framework, &results))
                .map_err(|m| OpError::invalid(Field::Status, m))?;
        }
        change.set_enrolment_status(enrolment.id, status, date, reason)?;
        change.commit()?;
        Ok((person, date))
    }
}

/// A reason is needed to go on a break, withdraw or complete; a return to
/// learning may give one.
fn check_status_reason(
    status: EnrolmentStatus,
    reason: Option<&str>,
) -> Result<Option<&str>, OpError> {
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    match reason {
        Some(reason) => check_text(reason, 500)
            .map(Some)
            .map_err(|m| OpError::invalid(Field::Reason, m)),
        None if status == EnrolmentStatus::Active => Ok(None),
        None => Err(OpError::invalid(
            Field::Reason,
            format!("say why the status becomes {status}: it is kept with the record"),
        )),
    }
}

/// A ULN as stored, or the check digit's complaint.
pub(super) fn check_learner_number(text: &str) -> Result<String, OpError> {
    check_uln(text).map_err(|m| OpError::invalid(Field::Uln, m))
}

/// Learning-support needs as stored: `None` for empty text (none recorded).
pub(super) fn check_support(text: &str) -> Result<Option<&str>, OpError> {
    let text = check_text(text.trim(), 1000).map_err(|m| OpError::invalid(Field::Support, m))?;
    Ok((!text.is_empty()).then_some(text))
}

/// No one else holds the ULN: a learner has one, and it is theirs alone.
pub(super) fn check_uln_unused(
    change: &Change,
    uln: &str,
    owner: Option<PersonId>,
) -> Result<(), OpError> {
    match change.person_with_uln(uln)? {
        Some(holder) if Some(holder.id) != owner => Err(OpError::invalid(
            Field::Uln,
            format!("{uln} is already {}'s ULN (id {})", holder.name, holder.id),
        )),
        _ => Ok(()),
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
    check_role(change, id, Role::Assessor, Field::Assessor)
}

/// The person named for `field` has the role it needs.
pub(super) fn check_role(
    change: &Change,
    id: PersonId,
    role: Role,
    field: Field,
) -> Result<(), OpError> {
    let person = change.person(id)?;
    if person.role == role {
        Ok(())
    } else {
        // Every role's word starts with a vowel.
        Err(OpError::invalid(
            field,
            format!("{} is an {}, not an {role}", person.name, person.role),
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
            framework.in_words()
        )),
        Some(area) => refuse(format!("`{area}` is not one of {}", areas.join(", "))),
    }
}
