//! An enrolment's outcomes and requirements: the apprentice's own status,
//! the assessor's judgement, and requirement records, each with history.

use super::change::Change;
use super::convert::Stamp;
use super::db::{Conn, DbResult};
use super::history::{ChangeKind, RecordKey};
use super::{Store, StoreError};
use crate::domain::{EnrolmentId, Judgement, OutcomeStatus, PersonId, RequirementStatus};
use chrono::{DateTime, NaiveDate, Utc};

/// A requirement's new state.
#[derive(Debug, Clone)]
pub struct RequirementUpdate<'a> {
    pub status: RequirementStatus,
    pub date: Option<NaiveDate>,
    pub reference: Option<&'a str>,
    pub expires_on: Option<NaiveDate>,
}

/// A requirement record as stored: status, date, reference, expiry.
type StoredRequirement = (String, Option<NaiveDate>, Option<String>, Option<NaiveDate>);

/// A judgement of one outcome, by whom and when.
pub(super) struct Judged<'a> {
    pub enrolment: EnrolmentId,
    pub code: &'a str,
    pub judgement: Judgement,
    pub note: &'a str,
    pub assessor: PersonId,
    /// A date-time, or the day of the check-in that made it.
    pub at: &'a Stamp,
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
        self.run("recording a requirement", |c| {
            // status, date, reference, expires_on as stored before this change
            let before: Option<StoredRequirement> = c
                .query_opt(
                    "SELECT status, date, reference, expires_on FROM requirement_record
                     WHERE enrolment_id = ?1 AND requirement_id = ?2",
                    &[&enrolment, &requirement_id],
                    |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
                )?;
            c.execute(
                "INSERT INTO requirement_record (enrolment_id, requirement_id, status, date, reference, expires_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (enrolment_id, requirement_id) DO UPDATE SET
                   status = excluded.status, date = excluded.date,
                   reference = excluded.reference, expires_on = excluded.expires_on",
                &[
                    &enrolment,
                    &requirement_id,
                    &update.status.as_str(),
                    &update.date,
                    &update.reference,
                    &update.expires_on,
                ],
            )?;
            let kind = if before.is_some() { ChangeKind::Update } else { ChangeKind::Insert };
            let day = |d: Option<NaiveDate>| d.map(|d| d.to_string());
            let [status, date, reference, expires_on] = match before {
                Some((status, date, reference, expires_on)) => {
                    [Some(status), day(date), reference, day(expires_on)]
                }
                None => [Some(RequirementStatus::Pending.as_str().into()), None, None, None],
            };
            let fields = [
                ("status", status, Some(update.status.as_str().to_string())),
                ("date", date, day(update.date)),
                ("reference", reference, update.reference.map(str::to_string)),
                ("expires_on", expires_on, day(update.expires_on)),
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
        let now = self.stamp().clone();
        self.set_outcome_status_since(enrolment, code, status, &now)
    }

    /// The apprentice's own status for an outcome, as set at `since`: for
    /// sample records written after the fact (the demo), whose statuses
    /// were set on earlier days. The history records the change as made now.
    pub fn set_outcome_status_at(
        &self,
        enrolment: EnrolmentId,
        code: &str,
        status: OutcomeStatus,
        since: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.set_outcome_status_since(enrolment, code, status, &Stamp::of(since))
    }

    fn set_outcome_status_since(
        &self,
        enrolment: EnrolmentId,
        code: &str,
        status: OutcomeStatus,
        since: &Stamp,
    ) -> Result<(), StoreError> {
        self.run("recording an outcome status", |c| {
            let before: Option<String> = c.query_opt(
                "SELECT status FROM outcome_progress WHERE enrolment_id = ?1 AND outcome_code = ?2",
                &[&enrolment, &code],
                |row| row.get(0),
            )?;
            c.execute(
                "INSERT INTO outcome_progress (enrolment_id, outcome_code, status, status_changed_at)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (enrolment_id, outcome_code) DO UPDATE SET
                   status = excluded.status, status_changed_at = excluded.status_changed_at",
                &[&enrolment, &code, &status.as_str(), since],
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
            at: self.stamp(),
            checkin: None,
        };
        self.run("recording a judgement", |c| {
            write_judgement(self, c, &judged)
        })
    }
}

/// Makes `judged` the outcome's current judgement, with its history rows.
pub(super) fn write_judgement(change: &Change, c: Conn, judged: &Judged) -> DbResult<()> {
    let Judged {
        enrolment,
        code,
        judgement,
        note,
        assessor,
        at,
        checkin,
    } = *judged;
    let (before, before_note): (Option<String>, Option<String>) = c
        .query_opt(
            "SELECT judgement, judgement_note FROM outcome_progress
             WHERE enrolment_id = ?1 AND outcome_code = ?2",
            &[&enrolment, &code],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?
        .unwrap_or_default();
    c.execute(
        "INSERT INTO outcome_progress (enrolment_id, outcome_code, judgement, judgement_note, judged_by,
                                       judged_at, judged_in_checkin)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (enrolment_id, outcome_code) DO UPDATE SET
           judgement = excluded.judgement, judgement_note = excluded.judgement_note,
           judged_by = excluded.judged_by, judged_at = excluded.judged_at,
           judged_in_checkin = excluded.judged_in_checkin",
        &[&enrolment, &code, &judgement.as_str(), &note, &assessor, at, &checkin],
    )?;
    let before = Some(before.unwrap_or_else(|| Judgement::NotAssessed.as_str().into()));
    let fields = [
        ("judgement", before, Some(judgement.as_str().to_string())),
        ("judgement_note", before_note, Some(note.to_string())),
    ];
    let key = RecordKey::Outcome(enrolment, code.to_string());
    change.history_by(Some(assessor), ChangeKind::Update, &key, &fields)
}

impl Store {
    /// Every recorded change to one record, oldest first.
    pub fn history_of(&self, key: &RecordKey) -> Result<Vec<HistoryRow>, StoreError> {
        self.read("reading history", |c| {
            c.query(
                "SELECT h.at, p.name, h.change, h.field, h.before, h.after FROM history h
                 LEFT JOIN person p ON p.id = h.actor_id
                 WHERE h.record = ?1 AND h.record_id = ?2 ORDER BY h.id",
                &[&key.record(), &key.id()],
                |row| {
                    Ok(HistoryRow {
                        at: row.get::<Stamp>(0)?.0,
                        actor: row.get(1)?,
                        change: row.get(2)?,
                        field: row.get(3)?,
                        before: row.get(4)?,
                        after: row.get(5)?,
                    })
                },
            )
        })
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
