//! What an assessor's judgement queue is read from: her apprentices'
//! outcomes marked ready for review or completed, in one query over her
//! caseload (people by assessor, their enrolments, their outcomes: each
//! step an index), never the whole database.

use super::convert::{Stamp, word};
use super::{Store, StoreError};
use crate::domain::{Judgement, OutcomeMarked, OutcomeStatus, PersonId};

const MARKED: &str =
    "SELECT p.id, p.name, e.framework_id, o.outcome_code, o.status, o.status_changed_at, o.judged_at,
        o.judgement
    FROM person p
    JOIN enrolment e ON e.person_id = p.id
    JOIN outcome_progress o ON o.enrolment_id = e.id
    WHERE p.assessor_id = ?1 AND e.status IN ('active', 'break')
      AND o.status IN ('ready_for_review', 'completed')";

impl Store {
    /// Outcomes of the apprentices `assessor` assesses, on the programme,
    /// that are marked ready for review or completed.
    pub fn outcomes_marked(&self, assessor: PersonId) -> Result<Vec<OutcomeMarked>, StoreError> {
        self.read("reading the judgement queue", |c| {
            c.query(MARKED, &[&assessor], |row| {
                Ok(OutcomeMarked {
                    person_id: PersonId(row.get(0)?),
                    person: row.get(1)?,
                    framework_id: row.get(2)?,
                    code: row.get(3)?,
                    status: word(row, 4, OutcomeStatus::parse)?,
                    status_set: row.get::<Option<Stamp>>(5)?.and_then(|at| at.moment()),
                    judged: row.get::<Option<Stamp>>(6)?.and_then(|at| at.moment()),
                    judgement: word(row, 7, Judgement::parse)?,
                })
            })
        })
    }
}
