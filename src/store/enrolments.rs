//! Changing an enrolment's status. A break in learning is kept with its
//! dates (the programme clock pauses during it); returning ends the break.

use super::change::Change;
use super::db::{Conn, DbResult};
use super::history::{ChangeKind, RecordKey};
use super::{Store, StoreError};
use crate::domain::{EnrolmentId, EnrolmentStatus, LearningBreak};
use chrono::NaiveDate;

impl Change<'_> {
    /// Sets the status from `date`, with its reason: starting a break
    /// opens one, leaving a break closes it the day before `date`.
    pub fn set_enrolment_status(
        &self,
        enrolment: EnrolmentId,
        status: EnrolmentStatus,
        date: NaiveDate,
        reason: Option<&str>,
    ) -> Result<(), StoreError> {
        self.run("changing an enrolment's status", |c| {
            let (before, reason_before): (String, Option<String>) = c.query_row(
                "SELECT status, status_reason FROM enrolment WHERE id = ?1",
                &[&enrolment],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?;
            c.execute(
                "UPDATE enrolment SET status = ?2, status_reason = ?3 WHERE id = ?1",
                &[&enrolment, &status.as_str(), &reason],
            )?;
            let fields = [
                ("status", Some(before), Some(status.as_str().to_string())),
                ("status_reason", reason_before, reason.map(str::to_string)),
            ];
            self.history(
                ChangeKind::Update,
                &RecordKey::Enrolment(enrolment),
                &fields,
            )?;
            let open_break: Option<i64> = c.query_opt(
                "SELECT id FROM learning_break WHERE enrolment_id = ?1 AND end_date IS NULL",
                &[&enrolment],
                |row| row.get(0),
            )?;
            match (status, open_break) {
                (EnrolmentStatus::Break, None) => {
                    let id = c.insert_returning_id(
                        "INSERT INTO learning_break (enrolment_id, start_date, reason)
                         VALUES (?1, ?2, ?3)",
                        &[&enrolment, &date, &reason],
                    )?;
                    let fields = [
                        ("start_date", None, Some(date.to_string())),
                        ("reason", None, reason.map(str::to_string)),
                    ];
                    self.history(ChangeKind::Insert, &RecordKey::LearningBreak(id), &fields)?;
                }
                (EnrolmentStatus::Break, Some(_)) => {}
                (_, Some(id)) => {
                    let last_day = date.pred_opt().unwrap_or(date);
                    c.execute(
                        "UPDATE learning_break
                         SET end_date = CASE WHEN start_date > ?2 THEN start_date ELSE ?2 END
                         WHERE id = ?1",
                        &[&id, &last_day],
                    )?;
                    let fields = [("end_date", None, Some(last_day.to_string()))];
                    self.history(ChangeKind::Update, &RecordKey::LearningBreak(id), &fields)?;
                }
                (_, None) => {}
            }
            Ok(())
        })
    }
}

impl Change<'_> {
    /// The breaks in learning of an enrolment, read inside the change.
    pub fn learning_breaks(
        &self,
        enrolment: EnrolmentId,
    ) -> Result<Vec<LearningBreak>, StoreError> {
        self.run("reading breaks in learning", |c| breaks_of(c, enrolment))
    }
}

impl Store {
    /// The breaks in learning of an enrolment, oldest first; an open break
    /// has no end.
    pub fn learning_breaks(
        &self,
        enrolment: EnrolmentId,
    ) -> Result<Vec<LearningBreak>, StoreError> {
        self.read("reading breaks in learning", |c| breaks_of(c, enrolment))
    }
}

fn breaks_of(c: Conn, enrolment: EnrolmentId) -> DbResult<Vec<LearningBreak>> {
    c.query(
        "SELECT start_date, end_date FROM learning_break WHERE enrolment_id = ?1 ORDER BY start_date",
        &[&enrolment],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
}

/// A break in learning as listed: its days and why it was taken.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BreakRecord {
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub reason: Option<String>,
}

impl Store {
    /// The breaks in learning of an enrolment with their reasons, oldest first.
    pub fn break_records(&self, enrolment: EnrolmentId) -> Result<Vec<BreakRecord>, StoreError> {
        self.read("reading breaks in learning", |c| {
            c.query(
                "SELECT start_date, end_date, reason FROM learning_break
                 WHERE enrolment_id = ?1 ORDER BY start_date",
                &[&enrolment],
                |row| {
                    Ok(BreakRecord {
                        start_date: row.get(0)?,
                        end_date: row.get(1)?,
                        reason: row.get(2)?,
                    })
                },
            )
        })
    }
}
