//! Correcting what was given at enrolment: a person's date of birth and
//! assessor, an enrolment's start (and so its planned end). Each field
//! changed gets a history row with its old and new value.

use super::StoreError;
use super::change::Change;
use super::history::{ChangeKind, FieldChange, RecordKey};
use crate::domain::{EnrolmentId, PersonId};
use chrono::NaiveDate;

impl Change<'_> {
    /// Sets a person's date of birth and assessor, writing history for
    /// those that differ from what is stored.
    pub fn set_person_details(
        &self,
        person: PersonId,
        date_of_birth: Option<NaiveDate>,
        assessor: Option<PersonId>,
    ) -> Result<(), StoreError> {
        self.run("changing a person's details", |c| {
            let (born, assessed_by): (Option<NaiveDate>, Option<i64>) = c.query_row(
                "SELECT date_of_birth, assessor_id FROM person WHERE id = ?1",
                &[&person],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?;
            c.execute(
                "UPDATE person SET date_of_birth = ?2, assessor_id = ?3 WHERE id = ?1",
                &[&person, &date_of_birth, &assessor],
            )?;
            let mut fields: Vec<FieldChange> = Vec::new();
            if born != date_of_birth {
                fields.push(("date_of_birth", text(born), text(date_of_birth)));
            }
            if assessed_by != assessor.map(|a| a.0) {
                fields.push(("assessor_id", text(assessed_by), text(assessor)));
            }
            self.history(ChangeKind::Update, &RecordKey::Person(person), &fields)
        })
    }

    /// Sets a person's ULN and learning-support needs (`None`: none),
    /// writing history for those that differ from what is stored.
    pub fn set_learner_record(
        &self,
        person: PersonId,
        uln: Option<&str>,
        learning_support: Option<&str>,
    ) -> Result<(), StoreError> {
        self.run("changing a learner's record", |c| {
            let (old_uln, old_support): (Option<String>, Option<String>) = c.query_row(
                "SELECT uln, learning_support FROM person WHERE id = ?1",
                &[&person],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?;
            c.execute(
                "UPDATE person SET uln = ?2, learning_support = ?3 WHERE id = ?1",
                &[&person, &uln, &learning_support],
            )?;
            let fields = [
                ("uln", old_uln, text(uln)),
                ("learning_support", old_support, text(learning_support)),
            ];
            self.history(ChangeKind::Update, &RecordKey::Person(person), &fields)
        })
    }

    /// Moves an enrolment's start and planned end.
    pub fn set_enrolment_dates(
        &self,
        enrolment: EnrolmentId,
        start: NaiveDate,
        planned_end: NaiveDate,
    ) -> Result<(), StoreError> {
        self.run("changing an enrolment's dates", |c| {
            let (old_start, old_end): (NaiveDate, NaiveDate) = c.query_row(
                "SELECT start_date, planned_end FROM enrolment WHERE id = ?1",
                &[&enrolment],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?;
            c.execute(
                "UPDATE enrolment SET start_date = ?2, planned_end = ?3 WHERE id = ?1",
                &[&enrolment, &start, &planned_end],
            )?;
            let fields = [
                ("start_date", text(Some(old_start)), text(Some(start))),
                ("planned_end", text(Some(old_end)), text(Some(planned_end))),
            ];
            self.history(
                ChangeKind::Update,
                &RecordKey::Enrolment(enrolment),
                &fields,
            )
        })
    }

    /// The earliest day anything is recorded on for an enrolment: evidence,
    /// hours, a check-in or a break in learning.
    pub fn earliest_record(&self, enrolment: EnrolmentId) -> Result<Option<NaiveDate>, StoreError> {
        self.run("reading an enrolment's records", |c| {
            c.query_row(
                "SELECT min(day) FROM (
                    SELECT min(date) AS day FROM evidence WHERE enrolment_id = ?1 AND deleted_at IS NULL
                    UNION ALL SELECT min(date) FROM hours_entry WHERE enrolment_id = ?1 AND deleted_at IS NULL
                    UNION ALL SELECT min(date) FROM checkin WHERE enrolment_id = ?1
                    UNION ALL SELECT min(start_date) FROM learning_break WHERE enrolment_id = ?1) AS days",
                &[&enrolment],
                |row| row.get(0),
            )
        })
    }
}

fn text(value: Option<impl ToString>) -> Option<String> {
    value.map(|v| v.to_string())
}
