//! Changing an enrolment's status. A break in learning is kept with its
//! dates (the programme clock pauses during it); returning ends the break.

use super::change::Change;
use super::history::{ChangeKind, RecordKey};
use super::{Store, StoreError};
use crate::domain::{EnrolmentId, EnrolmentStatus, LearningBreak};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

impl Change<'_> {
    /// Sets the status from `date`: starting a break opens one, leaving a
    /// break closes it the day before `date`.
    pub fn set_enrolment_status(
        &self,
        enrolment: EnrolmentId,
        status: EnrolmentStatus,
        date: NaiveDate,
    ) -> Result<(), StoreError> {
        self.run("changing an enrolment's status", |transaction| {
            let before: String = transaction.query_row(
                "SELECT status FROM enrolment WHERE id = ?1",
                [enrolment],
                |row| row.get(0),
            )?;
            transaction.execute(
                "UPDATE enrolment SET status = ?2 WHERE id = ?1",
                params![enrolment, status.as_str()],
            )?;
            let fields = [(
                "status",
                Some(before.clone()),
                Some(status.as_str().to_string()),
            )];
            self.history(
                ChangeKind::Update,
                &RecordKey::Enrolment(enrolment),
                &fields,
            )?;
            let open_break: Option<i64> = transaction
                .query_row(
                    "SELECT id FROM learning_break WHERE enrolment_id = ?1 AND end_date IS NULL",
                    [enrolment],
                    |row| row.get(0),
                )
                .optional()?;
            match (status, open_break) {
                (EnrolmentStatus::Break, None) => {
                    transaction.execute(
                        "INSERT INTO learning_break (enrolment_id, start_date) VALUES (?1, ?2)",
                        params![enrolment, date],
                    )?;
                    let id = transaction.last_insert_rowid();
                    let fields = [("start_date", None, Some(date.to_string()))];
                    self.history(ChangeKind::Insert, &RecordKey::LearningBreak(id), &fields)?;
                }
                (EnrolmentStatus::Break, Some(_)) => {}
                (_, Some(id)) => {
                    let last_day = date.pred_opt().unwrap_or(date);
                    transaction.execute(
                        "UPDATE learning_break SET end_date = max(start_date, ?2) WHERE id = ?1",
                        params![id, last_day],
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
        self.run("reading breaks in learning", |transaction| {
            breaks_of(transaction, enrolment)
        })
    }
}

impl Store {
    /// The breaks in learning of an enrolment, oldest first; an open break
    /// has no end.
    pub fn learning_breaks(
        &self,
        enrolment: EnrolmentId,
    ) -> Result<Vec<LearningBreak>, StoreError> {
        breaks_of(&self.connection, enrolment).map_err(super::sqlite_error(
            &self.path,
            "reading breaks in learning",
        ))
    }
}

fn breaks_of(
    connection: &rusqlite::Connection,
    enrolment: EnrolmentId,
) -> rusqlite::Result<Vec<LearningBreak>> {
    let mut statement = connection.prepare_cached(
        "SELECT start_date, end_date FROM learning_break WHERE enrolment_id = ?1 ORDER BY start_date",
    )?;
    let rows = statement.query_map([enrolment], |row| Ok((row.get(0)?, row.get(1)?)))?;
    rows.collect()
}
