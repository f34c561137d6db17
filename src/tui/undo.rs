//! Undoing a change made in this run. The undo is itself a change, written
//! to the history like any other, so nothing is lost by undoing; and it is
//! refused once someone else has changed the record since.

use crate::domain::{
    EvidenceKind, OutcomeStatus, PersonId, RequirementRecord, RequirementStatus, Version,
};
use crate::ops::{EvidenceInput, HoursInput, OpError, Ops, RequirementInput};

/// How to reverse one change, and the version the change left behind.
#[derive(Debug, Clone)]
pub struct UndoStep {
    pub change: Undo,
    pub version: Version,
}

/// One change made in this run.
#[derive(Debug, Clone)]
pub enum Undo {
    EvidenceAdded(i64),
    EvidenceDeleted(i64),
    EvidenceEdited {
        id: i64,
        before: EvidenceBefore,
    },
    HoursAdded(i64),
    HoursEdited {
        id: i64,
        before: HoursInput,
    },
    OutcomeStatus {
        person: PersonId,
        code: String,
        before: OutcomeStatus,
    },
    Requirement {
        person: PersonId,
        id: String,
        before: Option<RequirementRecord>,
    },
}

/// A piece of evidence as it was before an edit.
#[derive(Debug, Clone)]
pub struct EvidenceBefore {
    pub date: chrono::NaiveDate,
    pub title: String,
    pub kind: EvidenceKind,
    pub description: String,
    pub file_ref: Option<String>,
    pub outcomes: Vec<String>,
}

impl UndoStep {
    pub fn new(change: Undo, version: Version) -> UndoStep {
        UndoStep { change, version }
    }

    /// What undoing did, for the status line.
    pub fn describe(&self) -> String {
        match &self.change {
            Undo::EvidenceAdded(id) => format!("removed evidence {id}"),
            Undo::EvidenceDeleted(id) => format!("restored evidence {id}"),
            Undo::EvidenceEdited { id, .. } => format!("restored evidence {id} as it was"),
            Undo::HoursAdded(id) => format!("removed hours entry {id}"),
            Undo::HoursEdited { id, .. } => format!("restored hours entry {id} as it was"),
            Undo::OutcomeStatus { code, before, .. } => format!("{code} is {before} again"),
            Undo::Requirement { id, .. } => format!("requirement {id} is as it was"),
        }
    }

    /// Reverses the change, if the record is still as it left it.
    pub fn apply(&self, ops: &mut Ops) -> Result<(), OpError> {
        let base = Some(self.version);
        match &self.change {
            Undo::EvidenceAdded(id) => ops.delete_evidence(*id, base).map(drop),
            Undo::EvidenceDeleted(id) => ops.restore_evidence(*id, base).map(drop),
            Undo::EvidenceEdited { id, before } => {
                let input = EvidenceInput {
                    date: Some(before.date),
                    title: before.title.clone(),
                    kind: before.kind,
                    description: before.description.clone(),
                    file_ref: before.file_ref.clone(),
                    outcomes: before.outcomes.clone(),
                };
                ops.edit_evidence(*id, &input, base).map(drop)
            }
            Undo::HoursAdded(id) => ops.delete_hours(*id, base).map(drop),
            Undo::HoursEdited { id, before } => ops.edit_hours(*id, before, base).map(drop),
            Undo::OutcomeStatus {
                person,
                code,
                before,
            } => ops
                .set_outcome_status(*person, code, *before, base)
                .map(drop),
            Undo::Requirement { person, id, before } => {
                let input = match before {
                    Some(record) => RequirementInput {
                        status: record.status,
                        date: record.date,
                        reference: record.reference.clone(),
                        expires_on: record.expires_on,
                    },
                    None => RequirementInput {
                        status: RequirementStatus::Pending,
                        date: None,
                        reference: None,
                        expires_on: None,
                    },
                };
                ops.set_requirement(*person, id, &input, base).map(drop)
            }
        }
    }
}
