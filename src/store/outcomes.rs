//! An enrolment's outcomes and requirements: the apprentice's own status,
//! the assessor's judgement, and requirement records, each with history.

use super::change::Change;
use super::history::{ChangeKind, RecordKey};
use super::{Store, StoreError, sqlite_error};
use crate::domain::{EnrolmentId, Judgement, OutcomeStatus, PersonId, RequirementStatus};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params};

/// A requirement's new state.
#[derive(Debug, Clone)]
pub struct RequirementUpdate<'a> {
    pub status: RequirementStatus,
    pub date: Option<NaiveDate>,
    pub reference: Option<&'a str>,
    pub expires_on: Option<NaiveDate>,
}

/// A judgement of one outcome, by whom and when.
pub(super) struct Judged<'a> {
    pub enrolment: EnrolmentId,
    pub code: &'a str,
    pub judgement: Judgement,
    pub note: &'a str,
    pub assessor: PersonId,
    /// A date or date-time, as text.
    pub at: &'a str,
    /// The sealed check-in that made it, if one did.
    pub checkin: Option<i64>,
}

impl Change<'_> {
    pub fn set_requirement(
        &self,
        enrolment: EnrolmentId,
        requirement_id: &str,
        update: &RequirementUpdate,
    ) -> Result<(), StoreError> {
        self.run("recording a requirement", |transaction| {
            // status, date, reference, expires_on as stored before this change
            let before: Option<[Option<String>; 4]> = transaction.prepare_cached("SELECT status, date, reference, expires_on FROM requirement_record
                     WHERE enrolment_id = ?1 AND requirement_id = ?2")?.query_row(params![enrolment, requirement_id],
                    |row| Ok([row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?]),
                )
                .optional()?;
            transaction.prepare_cached("INSERT INTO requirement_record (enrolment_id, requirement_id, status, date, reference, expires_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (enrolment_id, requirement_id) DO UPDATE SET
                   status = excluded.status, date = excluded.date,
                   reference = excluded.reference, expires_on = excluded.expires_on")?.execute(params![
                    enrolment,
                    requirement_id,
                    update.status.as_str(),
                    update.date,
                    update.reference,
                    update.expires_on
                ],
            )?;
            let kind = if before.is_some() { ChangeKind::Update } else { ChangeKind::Insert };
            let [status, date, reference, expires_on] =
                before.unwrap_or([Some(RequirementStatus::Pending.as_str().into()), None, None, None]);
            let fields = [
                ("status", status, Some(update.status.as_str().to_string())),
                ("date", date, update.date.map(|d| d.to_string())),
                ("reference", reference, update.reference.map(str::to_string)),
                ("expires_on", expires_on, update.expires_on.map(|d| d.to_string())),
            ];
            let key = RecordKey::Requirement(enrolment, requirement_id.to_string());
            self.history(kind, &key, &fields)
        })
    }

    /// The apprentice's own status for an outcome.
    pub fn set_outcome_status(
        &self,
        enrolment: EnrolmentId,
        code: &str,
        status: OutcomeStatus,
    ) -> Result<(), StoreError> {
        self.run("recording an outcome status", |transaction| {
            let before = outcome_field(transaction, enrolment, code, "status")?;
            transaction.prepare_cached("INSERT INTO outcome_progress (enrolment_id, outcome_code, status, status_changed_at)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (enrolment_id, outcome_code) DO UPDATE SET
                   status = excluded.status, status_changed_at = excluded.status_changed_at")?.execute(params![enrolment, code, status.as_str(), self.at()],
            )?;
            let before = Some(before.unwrap_or_else(|| OutcomeStatus::NotStarted.as_str().into()));
            let fields = [("status", before, Some(status.as_str().to_string()))];
            let key = RecordKey::Outcome(enrolment, code.to_string());
            self.history(ChangeKind::Update, &key, &fields)
        })
    }

    /// The assessor's judgement of an outcome, with a note, made now.
    pub fn set_judgement(
        &self,
        enrolment: EnrolmentId,
        code: &str,
        judgement: Judgement,
        note: &str,
        assessor: PersonId,
    ) -> Result<(), StoreError> {
        let judged = Judged {
            enrolment,
            code,
            judgement,
            note,
            assessor,
            at: self.at(),
            checkin: None,
        };
        self.run("recording a judgement", |transaction| {
            write_judgement(self, transaction, &judged)
        })
    }
}

/// Makes `judged` the outcome's current judgement, with its history rows.
pub(super) fn write_judgement(
    change: &Change,
    transaction: &Transaction,
    judged: &Judged,
) -> rusqlite::Result<()> {
    let Judged {
        enrolment,
        code,
        judgement,
        note,
        assessor,
        at,
        checkin,
    } = *judged;
    let (before, before_note): (Option<String>, Option<String>) = transaction
        .prepare_cached(
            "SELECT judgement, judgement_note FROM outcome_progress
             WHERE enrolment_id = ?1 AND outcome_code = ?2",
        )?
        .query_row(params![enrolment, code], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .optional()?
        .unwrap_or_default();
    transaction
        .prepare_cached(
            "INSERT INTO outcome_progress (enrolment_id, outcome_code, judgement, judgement_note, judged_by,
                                           judged_at, judged_in_checkin)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (enrolment_id, outcome_code) DO UPDATE SET
               judgement = excluded.judgement, judgement_note = excluded.judgement_note,
               judged_by = excluded.judged_by, judged_at = excluded.judged_at,
               judged_in_checkin = excluded.judged_in_checkin",
        )?
        .execute(params![enrolment, code, judgement.as_str(), note, assessor, at, checkin])?;
    let before = Some(before.unwrap_or_else(|| Judgement::NotAssessed.as_str().into()));
    let fields = [
        ("judgement", before, Some(judgement.as_str().to_string())),
        ("judgement_note", before_note, Some(note.to_string())),
    ];
    let key = RecordKey::Outcome(enrolment, code.to_string());
    change.history_by(Some(assessor), ChangeKind::Update, &key, &fields)
}

fn outcome_field(
    transaction: &Transaction,
    enrolment: EnrolmentId,
    code: &str,
    column: &str,
) -> rusqlite::Result<Option<String>> {
    let sql = format!(
        "SELECT {column} FROM outcome_progress WHERE enrolment_id = ?1 AND outcome_code = ?2"
    );
    Ok(transaction
        .prepare_cached(&sql)?
        .query_row(params![enrolment, code], |row| {
            row.get::<_, Option<String>>(0)
        })
        .optional()?
        .flatten())
}

impl Store {
    /// Every recorded change to one record, oldest first.
    pub fn history_of(&self, key: &RecordKey) -> Result<Vec<HistoryRow>, StoreError> {
        let read = || -> rusqlite::Result<Vec<HistoryRow>> {
            let mut statement = self.connection.prepare_cached(
                "SELECT h.at, p.name, h.change, h.field, h.before, h.after FROM history h
                 LEFT JOIN person p ON p.id = h.actor_id
                 WHERE h.record = ?1 AND h.record_id = ?2 ORDER BY h.id",
            )?;
            let rows = statement.query_map([key.record(), &key.id()], |row| {
                Ok(HistoryRow {
                    at: row.get(0)?,
                    actor: row.get(1)?,
                    change: row.get(2)?,
                    field: row.get(3)?,
                    before: row.get(4)?,
                    after: row.get(5)?,
                })
            })?;
            rows.collect()
        };
        read().map_err(sqlite_error(&self.path, "reading history"))
    }
}

/// One row of a record's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryRow {
    pub at: String,
    pub actor: Option<String>,
    pub change: String,
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}
