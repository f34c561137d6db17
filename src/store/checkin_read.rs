//! Reading check-ins back: one in full, an enrolment's list, and the actions
//! agreed at one.

use super::change::Change;
use super::checkins::open_draft;
use super::convert::word;
use super::review_signatures::signatures_of;
use super::{Store, StoreError, sqlite_error};
use crate::domain::{
    ActionReview, AgreedAction, Checkin, CheckinContent, CheckinJudgement, CheckinSection,
    EnrolmentId, Judgement, Signing, StatusChange,
};
use chrono::NaiveDate;
use rusqlite::{Connection, params};

impl Store {
    pub fn checkin(&self, id: i64) -> Result<Checkin, StoreError> {
        read_checkin(&self.connection, id).map_err(sqlite_error(&self.path, "reading a check-in"))
    }

    /// The enrolment's open draft, if any.
    pub fn draft_for(&self, enrolment: EnrolmentId) -> Result<Option<i64>, StoreError> {
        open_draft(&self.connection, enrolment)
            .map_err(sqlite_error(&self.path, "reading check-ins"))
    }

    /// An enrolment's check-ins, oldest first, drafts included.
    pub fn checkin_list(&self, enrolment: EnrolmentId) -> Result<Vec<Checkin>, StoreError> {
        let read = || -> rusqlite::Result<Vec<Checkin>> {
            let ids: Vec<i64> = {
                let mut statement = self.connection.prepare_cached(
                    "SELECT id FROM checkin WHERE enrolment_id = ?1 ORDER BY date, id",
                )?;
                let rows = statement.query_map([enrolment], |row| row.get(0))?;
                rows.collect::<Result<_, _>>()?
            };
            ids.into_iter()
                .map(|id| read_checkin(&self.connection, id))
                .collect()
        };
        read().map_err(sqlite_error(&self.path, "reading check-ins"))
    }

    /// Changes to outcomes' own statuses recorded on or after `since`:
    /// outcome code, before, after, and the day.
    pub fn status_changes_since(
        &self,
        enrolment: EnrolmentId,
        since: NaiveDate,
    ) -> Result<Vec<StatusChange>, StoreError> {
        let read = || -> rusqlite::Result<Vec<StatusChange>> {
            let mut statement = self.connection.prepare_cached(
                "SELECT substr(record_id, instr(record_id, '/') + 1), coalesce(before, ''), coalesce(after, ''),
                        substr(at, 1, 10)
                 FROM history WHERE enrolment_id = ?1 AND record = 'outcome_progress'
                   AND field = 'status' AND at >= ?2 ORDER BY id",
            )?;
            let rows = statement.query_map(params![enrolment, since.to_string()], |row| {
                Ok(StatusChange {
                    code: row.get(0)?,
                    before: row.get(1)?,
                    after: row.get(2)?,
                    day: row.get(3)?,
                })
            })?;
            rows.collect()
        };
        read().map_err(sqlite_error(&self.path, "reading status changes"))
    }

    /// The actions agreed at check-in `checkin`, with their ids.
    pub fn actions_agreed_at(&self, checkin: i64) -> Result<Vec<(i64, AgreedAction)>, StoreError> {
        let read = || -> rusqlite::Result<Vec<(i64, AgreedAction)>> {
            let mut statement = self.connection.prepare_cached(
                "SELECT id, text, owner, due_date FROM checkin_action WHERE checkin_id = ?1 ORDER BY id",
            )?;
            let rows = statement.query_map([checkin], numbered_action)?;
            rows.collect()
        };
        read().map_err(sqlite_error(&self.path, "reading actions"))
    }

    /// The actions with these ids, with their ids; ids not recorded are left out.
    pub fn actions(&self, ids: &[i64]) -> Result<Vec<(i64, AgreedAction)>, StoreError> {
        let read = || -> rusqlite::Result<Vec<(i64, AgreedAction)>> {
            let mut statement = self.connection.prepare_cached(
                "SELECT id, text, owner, due_date FROM checkin_action WHERE id = ?1",
            )?;
            let mut found = Vec::new();
            for id in ids {
                found.extend(
                    statement
                        .query_map([id], numbered_action)?
                        .collect::<Result<Vec<_>, _>>()?,
                );
            }
            Ok(found)
        };
        read().map_err(sqlite_error(&self.path, "reading actions"))
    }
}

impl Change<'_> {
    /// The ids of the actions agreed at check-in `id`, in order.
    pub fn action_ids(&self, id: i64) -> Result<Vec<i64>, StoreError> {
        self.run("reading actions", |transaction| {
            let mut statement = transaction.prepare_cached(
                "SELECT id FROM checkin_action WHERE checkin_id = ?1 ORDER BY id",
            )?;
            let rows = statement.query_map([id], |row| row.get(0))?;
            rows.collect()
        })
    }

    /// Check-in `id` in full, read inside the change.
    pub fn checkin(&self, id: i64) -> Result<Checkin, StoreError> {
        self.run("reading a check-in", |transaction| {
            read_checkin(transaction, id)
        })
    }
}

fn read_checkin(connection: &Connection, id: i64) -> rusqlite::Result<Checkin> {
    let mut record = connection.prepare_cached(
        "SELECT c.id, c.enrolment_id, p.name, c.date, c.assessor_id, a.name, c.state, c.amends_id, c.amend_reason,
                c.apprentice_signed_at, c.apprentice_signature, c.assessor_signature, c.seal_hash,
                c.previous_seal_hash, c.next_due, c.completed_at
         FROM checkin c JOIN enrolment e ON e.id = c.enrolment_id JOIN person p ON p.id = e.person_id
         JOIN person a ON a.id = c.assessor_id WHERE c.id = ?1",
    )?.query_row(
        [id],
        |row| {
            let signed_at: Option<String> = row.get(9)?;
            let signed = signed_at.map(|at| Signing {
                at,
                apprentice: row.get::<_, Option<String>>(10).ok().flatten().unwrap_or_default(),
                assessor: row.get::<_, Option<String>>(11).ok().flatten().unwrap_or_default(),
            });
            Ok(Checkin {
                id: row.get(0)?,
                enrolment_id: row.get(1)?,
                person: row.get(2)?,
                date: row.get(3)?,
                assessor_id: row.get(4)?,
                assessor: row.get(5)?,
                sealed: row.get::<_, String>(6)? == "sealed",
                amends: row.get(7)?,
                amend_reason: row.get(8)?,
                amended_by: Vec::new(),
                signed,
                completed_at: row.get(15)?,
                signatures: Vec::new(),
                seal_hash: row.get(12)?,
                previous_seal_hash: row.get(13)?,
                content: CheckinContent { next_due: row.get(14)?, ..CheckinContent::default() },
                action_ids: Vec::new(),
            })
        },
    )?;
    let mut statement = connection.prepare_cached(
        "SELECT section, content FROM checkin_section WHERE checkin_id = ?1 ORDER BY section",
    )?;
    record.content.sections = statement
        .query_map([id], |row| {
            Ok((word(row, 0, CheckinSection::parse)?, row.get(1)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut statement = connection
        .prepare_cached("SELECT outcome_code, judgement, note FROM checkin_judgement WHERE checkin_id = ?1 ORDER BY outcome_code")?;
    record.content.judgements = statement
        .query_map([id], |row| {
            Ok(CheckinJudgement {
                code: row.get(0)?,
                judgement: word(row, 1, Judgement::parse)?,
                note: row.get(2)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut statement = connection.prepare_cached(
        "SELECT id, text, owner, due_date FROM checkin_action WHERE checkin_id = ?1 ORDER BY id",
    )?;
    let actions: Vec<(i64, AgreedAction)> = statement
        .query_map([id], numbered_action)?
        .collect::<Result<_, _>>()?;
    record.action_ids = actions.iter().map(|(id, _)| *id).collect();
    record.content.actions = actions.into_iter().map(|(_, action)| action).collect();
    let mut statement =
        connection.prepare_cached("SELECT action_id, done, note FROM checkin_action_review WHERE checkin_id = ?1 ORDER BY action_id")?;
    record.content.action_reviews = statement
        .query_map([id], |row| {
            Ok(ActionReview {
                action_id: row.get(0)?,
                done: row.get(1)?,
                note: row.get(2)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    record.signatures = signatures_of(connection, id)?;
    let mut statement =
        connection.prepare_cached("SELECT id FROM checkin WHERE amends_id = ?1 ORDER BY id")?;
    record.amended_by = statement
        .query_map([id], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(record)
}

/// An action row: id, text, owner, due date.
fn numbered_action(row: &rusqlite::Row) -> rusqlite::Result<(i64, AgreedAction)> {
    Ok((
        row.get(0)?,
        AgreedAction {
            text: row.get(1)?,
            owner: row.get(2)?,
            due: row.get(3)?,
        },
    ))
}
