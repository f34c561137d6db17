//! Portfolio evidence: adding, changing, deleting (a mark; the row stays)
//! and restoring, each with its history rows.

use super::StoreError;
use super::change::Change;
use super::convert::Stamp;
use super::db::{Conn, DbResult};
use super::history::{ChangeKind, RecordKey};
use crate::domain::{EnrolmentId, EvidenceKind};
use chrono::NaiveDate;

/// A portfolio entry to record, mapped to one or more outcomes.
#[derive(Debug, Clone)]
pub struct NewEvidence<'a> {
    pub date: NaiveDate,
    pub title: &'a str,
    pub kind: EvidenceKind,
    pub description: &'a str,
    pub file_ref: Option<&'a str>,
    pub outcomes: &'a [String],
}

impl Change<'_> {
    pub fn add_evidence(
        &self,
        enrolment: EnrolmentId,
        evidence: &NewEvidence,
    ) -> Result<i64, StoreError> {
        self.run("recording evidence", |c| {
            let id = c.insert_returning_id(
                "INSERT INTO evidence (enrolment_id, date, title, kind, description, file_ref, created_by, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                &[
                    &enrolment,
                    &evidence.date,
                    &evidence.title,
                    &evidence.kind.as_str(),
                    &evidence.description,
                    &evidence.file_ref,
                    &self.actor(),
                    self.stamp(),
                ],
            )?;
            map_outcomes(c, "evidence_outcome", "evidence_id", id, evidence.outcomes)?;
            let fields = [
                ("enrolment_id", None, Some(enrolment.to_string())),
                ("date", None, Some(evidence.date.to_string())),
                ("title", None, Some(evidence.title.to_string())),
                ("kind", None, Some(evidence.kind.as_str().to_string())),
                ("description", None, Some(evidence.description.to_string())),
                ("file_ref", None, evidence.file_ref.map(str::to_string)),
                ("outcomes", None, Some(evidence.outcomes.join(","))),
            ];
            self.history(ChangeKind::Insert, &RecordKey::Evidence(id), &fields)?;
            Ok(id)
        })
    }

    /// The enrolment a piece of evidence belongs to, and whether it is
    /// deleted; `None` when no evidence has the id.
    pub fn evidence_owner(&self, id: i64) -> Result<Option<(EnrolmentId, bool)>, StoreError> {
        self.run("reading evidence", |c| {
            c.query_opt(
                "SELECT enrolment_id, deleted_at IS NOT NULL FROM evidence WHERE id = ?1",
                &[&id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
        })
    }

    /// Marks evidence deleted; the row and its history stay.
    pub fn delete_evidence(&self, id: i64) -> Result<(), StoreError> {
        self.run("deleting evidence", |c| {
            let title: String = c.query_row(
                "SELECT title FROM evidence WHERE id = ?1 AND deleted_at IS NULL",
                &[&id],
                |row| row.get(0),
            )?;
            c.execute(
                "UPDATE evidence SET deleted_at = ?2 WHERE id = ?1",
                &[&id, self.stamp()],
            )?;
            let fields = [
                ("title", Some(title), None),
                ("deleted_at", None, Some(self.at().to_string())),
            ];
            self.history(ChangeKind::Delete, &RecordKey::Evidence(id), &fields)
        })
    }

    /// Brings back deleted evidence.
    pub fn restore_evidence(&self, id: i64) -> Result<(), StoreError> {
        self.run("restoring evidence", |c| {
            let deleted_at: Stamp = c.query_row(
                "SELECT deleted_at FROM evidence WHERE id = ?1 AND deleted_at IS NOT NULL",
                &[&id],
                |row| row.get(0),
            )?;
            c.execute(
                "UPDATE evidence SET deleted_at = NULL WHERE id = ?1",
                &[&id],
            )?;
            let fields = [("deleted_at", Some(deleted_at.0), None)];
            self.history(ChangeKind::Update, &RecordKey::Evidence(id), &fields)
        })
    }

    /// Changes a piece of evidence; history keeps every field's old value.
    pub fn update_evidence(&self, id: i64, evidence: &NewEvidence) -> Result<(), StoreError> {
        self.run("changing evidence", |c| {
            let before: [Option<String>; 5] = c.query_row(
                "SELECT date, title, kind, description, file_ref FROM evidence WHERE id = ?1 AND deleted_at IS NULL",
                &[&id],
                |row| {
                    let date: NaiveDate = row.get(0)?;
                    Ok([Some(date.to_string()), row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?])
                },
            )?;
            let old_outcomes: Vec<String> = c.query(
                "SELECT outcome_code FROM evidence_outcome WHERE evidence_id = ?1 ORDER BY outcome_code",
                &[&id],
                |row| row.get(0),
            )?;
            let old_outcomes = old_outcomes.join(",");
            c.execute(
                "UPDATE evidence SET date = ?2, title = ?3, kind = ?4, description = ?5, file_ref = ?6 WHERE id = ?1",
                &[&id, &evidence.date, &evidence.title, &evidence.kind.as_str(), &evidence.description, &evidence.file_ref],
            )?;
            c.execute("DELETE FROM evidence_outcome WHERE evidence_id = ?1", &[&id])?;
            map_outcomes(c, "evidence_outcome", "evidence_id", id, evidence.outcomes)?;
            let mut sorted = evidence.outcomes.to_vec();
            sorted.sort();
            let [date, title, kind, description, file_ref] = before;
            let fields = [
                ("date", date, Some(evidence.date.to_string())),
                ("title", title, Some(evidence.title.to_string())),
                ("kind", kind, Some(evidence.kind.as_str().to_string())),
                ("description", description, Some(evidence.description.to_string())),
                ("file_ref", file_ref, evidence.file_ref.map(str::to_string)),
                ("outcomes", Some(old_outcomes), Some(sorted.join(","))),
            ];
            self.history(ChangeKind::Update, &RecordKey::Evidence(id), &fields)
        })
    }
}

/// Links a record to outcome codes through its mapping table.
pub(super) fn map_outcomes(
    c: Conn,
    table: &str,
    column: &str,
    id: i64,
    codes: &[String],
) -> DbResult<()> {
    let sql = format!(
        "INSERT INTO {table} ({column}, outcome_code) VALUES (?1, ?2) ON CONFLICT DO NOTHING"
    );
    for code in codes {
        c.execute(&sql, &[&id, code])?;
    }
    Ok(())
}
