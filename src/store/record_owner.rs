//! Whose an hours entry or piece of evidence is, from its id alone: for
//! commands that name a record by the id a list showed.

use super::{Store, StoreError};
use crate::domain::PersonId;

impl Store {
    /// The person whose hours entry `id` is, unless it is deleted or unknown.
    pub fn hours_person(&self, id: i64) -> Result<Option<PersonId>, StoreError> {
        self.read("reading hours", |c| {
            c.query_opt(
                "SELECT e.person_id FROM hours_entry h JOIN enrolment e ON e.id = h.enrolment_id
                 WHERE h.id = ?1 AND h.deleted_at IS NULL",
                &[&id],
                |row| row.get(0),
            )
        })
    }

    /// The person whose evidence `id` is, unless it is deleted or unknown.
    pub fn evidence_person(&self, id: i64) -> Result<Option<PersonId>, StoreError> {
        self.read("reading evidence", |c| {
            c.query_opt(
                "SELECT e.person_id FROM evidence v JOIN enrolment e ON e.id = v.enrolment_id
                 WHERE v.id = ?1 AND v.deleted_at IS NULL",
                &[&id],
                |row| row.get(0),
            )
        })
    }
}
