//! Reading one person as every screen and report starts from: their
//! records, breaks and the standing the domain's rules give them today.

use super::{OpError, framework_of};
use crate::domain::standing::{Standing, Subject, assess};
use crate::domain::{LearningBreak, Person, PersonId, Progress};
use crate::framework::Registry;
use crate::store::Store;
use chrono::NaiveDate;

/// A person's records and where they stand.
pub struct PersonRecord {
    pub person: Person,
    pub progress: Progress,
    pub breaks: Vec<LearningBreak>,
    pub standing: Standing,
}

/// Reads `id`'s latest enrolment and judges it as of `today`.
pub fn person_record(
    store: &Store,
    registry: &Registry,
    id: PersonId,
    today: NaiveDate,
) -> Result<PersonRecord, OpError> {
    record_of(store, registry, store.person(id)?, today)
}

/// As `person_record`, for a person already read.
pub fn record_of(
    store: &Store,
    registry: &Registry,
    person: Person,
    today: NaiveDate,
) -> Result<PersonRecord, OpError> {
    let enrolment = store.latest_enrolment(person.id)?.ok_or_else(|| {
        OpError::Refused(format!("{} is not enrolled on any framework", person.name))
    })?;
    let framework = framework_of(registry, &enrolment.framework_id)?;
    let progress = store.progress(&enrolment)?;
    let breaks = store.learning_breaks(enrolment.id)?;
    let mut standing = assess(&Subject {
        person: &person,
        framework,
        progress: &progress,
        breaks: &breaks,
        today,
    });
    if let Some(manager) = person.employer_id {
        standing.person.line_manager = Some(store.person(manager)?.name);
    }
    Ok(PersonRecord {
        person,
        progress,
        breaks,
        standing,
    })
}
