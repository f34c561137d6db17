//! Undoing a change made in this run. The undo is itself a change, written
//! to the history like any other, so nothing is lost by undoing.

use crate::domain::{EnrolmentId, OutcomeStatus, PersonId, RequirementRecord, RequirementStatus};
use crate::store::{NewEvidence, RequirementUpdate, Store, StoreError};

/// How to reverse one change.
#[derive(Debug, Clone)]
pub enum UndoStep {
    EvidenceAdded(i64),
    EvidenceDeleted(i64),
    EvidenceEdited {
        id: i64,
        before: EvidenceBefore,
    },
    HoursAdded(i64),
    OutcomeStatus {
        enrolment: EnrolmentId,
        code: String,
        before: OutcomeStatus,
    },
    Requirement {
        enrolment: EnrolmentId,
        id: String,
        before: Option<RequirementRecord>,
    },
}

/// A piece of evidence as it was before an edit.
#[derive(Debug, Clone)]
pub struct EvidenceBefore {
    pub date: chrono::NaiveDate,
    pub title: String,
    pub kind: crate::domain::EvidenceKind,
    pub description: String,
    pub file_ref: Option<String>,
    pub outcomes: Vec<String>,
}

impl UndoStep {
    /// What undoing did, for the status line.
    pub fn describe(&self) -> String {
        match self {
            UndoStep::EvidenceAdded(id) => format!("removed evidence {id}"),
            UndoStep::EvidenceDeleted(id) => format!("restored evidence {id}"),
            UndoStep::EvidenceEdited { id, .. } => format!("restored evidence {id} as it was"),
            UndoStep::HoursAdded(id) => format!("removed hours entry {id}"),
            UndoStep::OutcomeStatus { code, before, .. } => format!("{code} is {before} again"),
            UndoStep::Requirement { id, .. } => format!("requirement {id} is as it was"),
        }
    }

    pub fn apply(&self, store: &mut Store, actor: Option<PersonId>) -> Result<(), StoreError> {
        match self {
            UndoStep::EvidenceAdded(id) => store.delete_evidence(*id, actor),
            UndoStep::EvidenceDeleted(id) => store.restore_evidence(*id, actor),
            UndoStep::EvidenceEdited { id, before } => {
                let evidence = NewEvidence {
                    date: before.date,
                    title: &before.title,
                    kind: before.kind,
                    description: &before.description,
                    file_ref: before.file_ref.as_deref(),
                    outcomes: &before.outcomes,
                };
                store.update_evidence(*id, &evidence, actor)
            }
            UndoStep::HoursAdded(id) => store.delete_hours(*id, actor),
            UndoStep::OutcomeStatus {
                enrolment,
                code,
                before,
            } => store.set_outcome_status(*enrolment, code, *before, actor),
            UndoStep::Requirement {
                enrolment,
                id,
                before,
            } => {
                let update = match before {
                    Some(record) => RequirementUpdate {
                        status: record.status,
                        date: record.date,
                        reference: record.reference.as_deref(),
                        expires_on: record.expires_on,
                    },
                    None => RequirementUpdate {
                        status: RequirementStatus::Pending,
                        date: None,
                        reference: None,
                        expires_on: None,
                    },
                };
                store.set_requirement(*enrolment, id, &update, actor)
            }
        }
    }
}
