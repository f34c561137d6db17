//! Progress records: evidence, hours, requirement records and the outcome
//! status and judgement. Each write is one transaction with its history.

use super::history::{ChangeKind, record_change, record_change_keyed};
use super::{Store, StoreError, sqlite_error};
use crate::domain::{
    EnrolmentId, EvidenceKind, Judgement, OutcomeStatus, PersonId, RequirementStatus,
};
use chrono::{NaiveDate, SecondsFormat, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

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

/// Time to record; the caller has checked it against the programme's rules.
#[derive(Debug, Clone)]
pub struct NewHours<'a> {
    pub date: NaiveDate,
    pub hours: f64,
    pub category: &'a str,
    pub activity: Option<&'a str>,
    pub note: &'a str,
    pub benefit: Option<&'a str>,
    pub outcomes: &'a [String],
}

/// A requirement's new state.
#[derive(Debug, Clone)]
pub struct RequirementUpdate<'a> {
    pub status: RequirementStatus,
    pub date: Option<NaiveDate>,
    pub reference: Option<&'a str>,
    pub expires_on: Option<NaiveDate>,
}

impl Store {
    pub fn add_evidence(
        &mut self,
        enrolment: EnrolmentId,
        evidence: &NewEvidence,
        actor: Option<PersonId>,
    ) -> Result<i64, StoreError> {
        self.write("recording evidence", |transaction| {
            transaction.execute(
                "INSERT INTO evidence (enrolment_id, date, title, kind, description, file_ref, created_by, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    enrolment.0,
                    evidence.date,
                    evidence.title,
                    evidence.kind.as_str(),
                    evidence.description,
                    evidence.file_ref,
                    actor.map(|a| a.0),
                    now()
                ],
            )?;
            let id = transaction.last_insert_rowid();
            map_outcomes(transaction, "evidence_outcome", "evidence_id", id, evidence.outcomes)?;
            let fields = [
                ("enrolment_id", None, Some(enrolment.0.to_string())),
                ("date", None, Some(evidence.date.to_string())),
                ("title", None, Some(evidence.title.to_string())),
                ("kind", None, Some(evidence.kind.as_str().to_string())),
                ("description", None, Some(evidence.description.to_string())),
                ("file_ref", None, evidence.file_ref.map(str::to_string)),
                ("outcomes", None, Some(evidence.outcomes.join(","))),
            ];
            record_change(transaction, actor, ChangeKind::Insert, "evidence", id, &fields)?;
            Ok(id)
        })
    }

    /// Marks evidence deleted; the row and its history stay.
    pub fn delete_evidence(&mut self, id: i64, actor: Option<PersonId>) -> Result<(), StoreError> {
        self.write("deleting evidence", |transaction| {
            let title: Option<String> = transaction
                .query_row(
                    "SELECT title FROM evidence WHERE id = ?1 AND deleted_at IS NULL",
                    [id],
                    |row| row.get(0),
                )
                .optional()?;
            let Some(title) = title else {
                return Err(rusqlite::Error::QueryReturnedNoRows);
            };
            let at = now();
            transaction.execute(
                "UPDATE evidence SET deleted_at = ?2 WHERE id = ?1",
                params![id, at],
            )?;
            let fields = [("title", Some(title), None), ("deleted_at", None, Some(at))];
            record_change(
                transaction,
                actor,
                ChangeKind::Delete,
                "evidence",
                id,
                &fields,
            )
        })
    }

    /// Records hours; returns the new entry's id and, when an entry with the
    /// same date, hours and category already existed, that entry's id.
    pub fn add_hours(
        &mut self,
        enrolment: EnrolmentId,
        entry: &NewHours,
        actor: Option<PersonId>,
    ) -> Result<(i64, Option<i64>), StoreError> {
        self.write("recording hours", |transaction| {
            let duplicate: Option<i64> = transaction
                .query_row(
                    "SELECT min(id) FROM hours_entry WHERE enrolment_id = ?1 AND date = ?2 AND hours = ?3
                     AND category = ?4 AND deleted_at IS NULL",
                    params![enrolment.0, entry.date, entry.hours, entry.category],
                    |row| row.get(0),
                )?;
            transaction.execute(
                "INSERT INTO hours_entry (enrolment_id, date, hours, category, activity, note, benefit,
                                          possible_duplicate_of, created_by, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    enrolment.0,
                    entry.date,
                    entry.hours,
                    entry.category,
                    entry.activity,
                    entry.note,
                    entry.benefit,
                    duplicate,
                    actor.map(|a| a.0),
                    now()
                ],
            )?;
            let id = transaction.last_insert_rowid();
            map_outcomes(transaction, "hours_outcome", "hours_id", id, entry.outcomes)?;
            let fields = [
                ("enrolment_id", None, Some(enrolment.0.to_string())),
                ("date", None, Some(entry.date.to_string())),
                ("hours", None, Some(entry.hours.to_string())),
                ("category", None, Some(entry.category.to_string())),
                ("activity", None, entry.activity.map(str::to_string)),
                ("note", None, Some(entry.note.to_string())),
                ("benefit", None, entry.benefit.map(str::to_string)),
                ("outcomes", None, Some(entry.outcomes.join(","))),
            ];
            record_change(transaction, actor, ChangeKind::Insert, "hours_entry", id, &fields)?;
            Ok((id, duplicate))
        })
    }

    /// Hours already recorded for an enrolment on one day.
    pub fn hours_on(&self, enrolment: EnrolmentId, date: NaiveDate) -> Result<f64, StoreError> {
        self.connection
            .query_row(
                "SELECT coalesce(sum(hours), 0) FROM hours_entry
                 WHERE enrolment_id = ?1 AND date = ?2 AND deleted_at IS NULL",
                params![enrolment.0, date],
                |row| row.get(0),
            )
            .map_err(sqlite_error(&self.path, "reading hours"))
    }

    pub fn set_requirement(
        &mut self,
        enrolment: EnrolmentId,
        requirement_id: &str,
        update: &RequirementUpdate,
        actor: Option<PersonId>,
    ) -> Result<(), StoreError> {
        self.write("recording a requirement", |transaction| {
            let key = format!("{}/{requirement_id}", enrolment.0);
            // status, date, reference, expires_on as stored before this change
            let before: Option<[Option<String>; 4]> = transaction
                .query_row(
                    "SELECT status, date, reference, expires_on FROM requirement_record
                     WHERE enrolment_id = ?1 AND requirement_id = ?2",
                    params![enrolment.0, requirement_id],
                    |row| Ok([row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?]),
                )
                .optional()?;
            transaction.execute(
                "INSERT INTO requirement_record (enrolment_id, requirement_id, status, date, reference, expires_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (enrolment_id, requirement_id) DO UPDATE SET
                   status = excluded.status, date = excluded.date,
                   reference = excluded.reference, expires_on = excluded.expires_on",
                params![
                    enrolment.0,
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
            record_change_keyed(transaction, actor, kind, "requirement_record", &key, &fields)
        })
    }

    /// The apprentice's own status for an outcome.
    pub fn set_outcome_status(
        &mut self,
        enrolment: EnrolmentId,
        code: &str,
        status: OutcomeStatus,
        actor: Option<PersonId>,
    ) -> Result<(), StoreError> {
        self.write("recording an outcome status", |transaction| {
            let before = outcome_field(transaction, enrolment, code, "status")?;
            transaction.execute(
                "INSERT INTO outcome_progress (enrolment_id, outcome_code, status, status_changed_at)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (enrolment_id, outcome_code) DO UPDATE SET
                   status = excluded.status, status_changed_at = excluded.status_changed_at",
                params![enrolment.0, code, status.as_str(), now()],
            )?;
            let key = format!("{}/{code}", enrolment.0);
            let before = Some(before.unwrap_or_else(|| OutcomeStatus::NotStarted.as_str().into()));
            let fields = [("status", before, Some(status.as_str().to_string()))];
            record_change_keyed(transaction, actor, ChangeKind::Update, "outcome_progress", &key, &fields)
        })
    }

    /// The assessor's judgement of an outcome, with a note.
    pub fn set_judgement(
        &mut self,
        enrolment: EnrolmentId,
        code: &str,
        judgement: Judgement,
        note: &str,
        assessor: PersonId,
    ) -> Result<(), StoreError> {
        self.write("recording a judgement", |transaction| {
            let judged = Judged {
                enrolment,
                code,
                judgement,
                note,
                assessor,
                at: &now(),
            };
            write_judgement(transaction, &judged)
        })
    }
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
}

/// Makes `judged` the outcome's current judgement, with its history rows.
pub(super) fn write_judgement(transaction: &Transaction, judged: &Judged) -> rusqlite::Result<()> {
    let Judged {
        enrolment,
        code,
        judgement,
        note,
        assessor,
        at,
    } = *judged;
    let before = outcome_field(transaction, enrolment, code, "judgement")?;
    let before_note = outcome_field(transaction, enrolment, code, "judgement_note")?;
    transaction.execute(
        "INSERT INTO outcome_progress (enrolment_id, outcome_code, judgement, judgement_note, judged_by, judged_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (enrolment_id, outcome_code) DO UPDATE SET
           judgement = excluded.judgement, judgement_note = excluded.judgement_note,
           judged_by = excluded.judged_by, judged_at = excluded.judged_at, judged_in_checkin = NULL",
        params![enrolment.0, code, judgement.as_str(), note, assessor.0, at],
    )?;
    let key = format!("{}/{code}", enrolment.0);
    let before = Some(before.unwrap_or_else(|| Judgement::NotAssessed.as_str().into()));
    let fields = [
        ("judgement", before, Some(judgement.as_str().to_string())),
        ("judgement_note", before_note, Some(note.to_string())),
    ];
    record_change_keyed(
        transaction,
        Some(assessor),
        ChangeKind::Update,
        "outcome_progress",
        &key,
        &fields,
    )
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
        .query_row(&sql, params![enrolment.0, code], |row| {
            row.get::<_, Option<String>>(0)
        })
        .optional()?
        .flatten())
}

/// Links a record to outcome codes through its mapping table.
fn map_outcomes(
    transaction: &Transaction,
    table: &str,
    column: &str,
    id: i64,
    codes: &[String],
) -> rusqlite::Result<()> {
    let sql = format!("INSERT OR IGNORE INTO {table} ({column}, outcome_code) VALUES (?1, ?2)");
    let mut insert = transaction.prepare_cached(&sql)?;
    for code in codes {
        insert.execute(params![id, code])?;
    }
    Ok(())
}

fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

impl Store {
    /// Brings back deleted evidence (the undo of a delete).
    pub fn restore_evidence(&mut self, id: i64, actor: Option<PersonId>) -> Result<(), StoreError> {
        self.write("restoring evidence", |transaction| {
            let deleted_at: Option<String> = transaction
                .query_row(
                    "SELECT deleted_at FROM evidence WHERE id = ?1 AND deleted_at IS NOT NULL",
                    [id],
                    |row| row.get(0),
                )
                .optional()?;
            let Some(deleted_at) = deleted_at else {
                return Err(rusqlite::Error::QueryReturnedNoRows);
            };
            transaction.execute("UPDATE evidence SET deleted_at = NULL WHERE id = ?1", [id])?;
            let fields = [("deleted_at", Some(deleted_at), None)];
            record_change(
                transaction,
                actor,
                ChangeKind::Update,
                "evidence",
                id,
                &fields,
            )
        })
    }

    /// Changes a piece of evidence; history keeps every field's old value.
    pub fn update_evidence(
        &mut self,
        id: i64,
        evidence: &NewEvidence,
        actor: Option<PersonId>,
    ) -> Result<(), StoreError> {
        self.write("changing evidence", |transaction| {
            let before: [Option<String>; 5] = transaction.query_row(
                "SELECT date, title, kind, description, file_ref FROM evidence WHERE id = ?1 AND deleted_at IS NULL",
                [id],
                |row| Ok([row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?]),
            )?;
            let old_outcomes: String = transaction.query_row(
                "SELECT coalesce(group_concat(outcome_code), '') FROM
                   (SELECT outcome_code FROM evidence_outcome WHERE evidence_id = ?1 ORDER BY outcome_code)",
                [id],
                |row| row.get(0),
            )?;
            transaction.execute(
                "UPDATE evidence SET date = ?2, title = ?3, kind = ?4, description = ?5, file_ref = ?6 WHERE id = ?1",
                params![id, evidence.date, evidence.title, evidence.kind.as_str(), evidence.description, evidence.file_ref],
            )?;
            transaction.execute("DELETE FROM evidence_outcome WHERE evidence_id = ?1", [id])?;
            map_outcomes(transaction, "evidence_outcome", "evidence_id", id, evidence.outcomes)?;
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
            record_change(transaction, actor, ChangeKind::Update, "evidence", id, &fields)
        })
    }

    /// Marks an hours entry deleted; the row and its history stay.
    pub fn delete_hours(&mut self, id: i64, actor: Option<PersonId>) -> Result<(), StoreError> {
        self.write("deleting hours", |transaction| {
            let hours: Option<f64> = transaction
                .query_row(
                    "SELECT hours FROM hours_entry WHERE id = ?1 AND deleted_at IS NULL",
                    [id],
                    |row| row.get(0),
                )
                .optional()?;
            let Some(hours) = hours else {
                return Err(rusqlite::Error::QueryReturnedNoRows);
            };
            let at = now();
            transaction.execute(
                "UPDATE hours_entry SET deleted_at = ?2 WHERE id = ?1",
                params![id, at],
            )?;
            let fields = [
                ("hours", Some(hours.to_string()), None),
                ("deleted_at", None, Some(at)),
            ];
            record_change(
                transaction,
                actor,
                ChangeKind::Delete,
                "hours_entry",
                id,
                &fields,
            )
        })
    }

    /// Every recorded change to one record, oldest first.
    pub fn history_of(&self, record: &str, record_id: &str) -> Result<Vec<HistoryRow>, StoreError> {
        let read = || -> rusqlite::Result<Vec<HistoryRow>> {
            let mut statement = self.connection.prepare_cached(
                "SELECT h.at, p.name, h.change, h.field, h.before, h.after FROM history h
                 LEFT JOIN person p ON p.id = h.actor_id
                 WHERE h.record = ?1 AND h.record_id = ?2 ORDER BY h.id",
            )?;
            let rows = statement.query_map([record, record_id], |row| {
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
