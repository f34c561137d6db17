//! Reading check-ins back: one in full, an enrolment's list, and the actions
//! agreed at one.

use super::change::Change;
use super::checkins::open_draft;
use super::convert::{Stamp, word};
use super::db::{Conn, DbResult, Row};
use super::review_signatures::signatures_of;
use super::{Store, StoreError};
use crate::domain::{
    ActionReview, AgreedAction, Checkin, CheckinContent, CheckinJudgement, CheckinSection,
    EnrolmentId, Judgement, Signing, StatusChange,
};
use chrono::NaiveDate;

impl Store {
    pub fn checkin(&self, id: i64) -> Result<Checkin, StoreError> {
        self.read("reading a check-in", |c| read_checkin(c, id))
    }

    /// The enrolment's open draft, if any.
    pub fn draft_for(&self, enrolment: EnrolmentId) -> Result<Option<i64>, StoreError> {
        self.read("reading check-ins", |c| open_draft(c, enrolment))
    }

    /// An enrolment's check-ins, oldest first, drafts included.
    pub fn checkin_list(&self, enrolment: EnrolmentId) -> Result<Vec<Checkin>, StoreError> {
        self.read("reading check-ins", |c| {
            let ids: Vec<i64> = c.query(
                "SELECT id FROM checkin WHERE enrolment_id = ?1 ORDER BY date, id",
                &[&enrolment],
                |row| row.get(0),
            )?;
            ids.into_iter().map(|id| read_checkin(c, id)).collect()
        })
    }

    /// Changes to outcomes' own statuses recorded on or after `since`:
    /// outcome code, before, after, and the day.
    pub fn status_changes_since(
        &self,
        enrolment: EnrolmentId,
        since: NaiveDate,
    ) -> Result<Vec<StatusChange>, StoreError> {
        self.read("reading status changes", |c| {
            c.query(
                "SELECT record_id, before, after, at
                 FROM history WHERE enrolment_id = ?1 AND record = 'outcome_progress'
                   AND field = 'status' AND at >= ?2 ORDER BY id",
                &[&enrolment, &Stamp(since.to_string())],
                |row| {
                    let record: String = row.get(0)?;
                    let before: Option<String> = row.get(1)?;
                    let after: Option<String> = row.get(2)?;
                    let at: Stamp = row.get(3)?;
                    Ok(StatusChange {
                        code: record
                            .split_once('/')
                            .map_or(record.as_str(), |(_, code)| code)
                            .to_string(),
                        before: before.unwrap_or_default(),
                        after: after.unwrap_or_default(),
                        day: at.day().to_string(),
                    })
                },
            )
        })
    }

    /// The actions agreed at check-in `checkin`, with their ids.
    pub fn actions_agreed_at(&self, checkin: i64) -> Result<Vec<(i64, AgreedAction)>, StoreError> {
        self.read("reading actions", |c| {
            c.query(
                "SELECT id, text, owner, due_date FROM checkin_action WHERE checkin_id = ?1 ORDER BY id",
                &[&checkin],
                numbered_action,
            )
        })
    }

    /// The actions with these ids, with their ids; ids not recorded are left out.
    pub fn actions(&self, ids: &[i64]) -> Result<Vec<(i64, AgreedAction)>, StoreError> {
        self.read("reading actions", |c| {
            let mut found = Vec::new();
            for id in ids {
                found.extend(c.query(
                    "SELECT id, text, owner, due_date FROM checkin_action WHERE id = ?1",
                    &[id],
                    numbered_action,
                )?);
            }
            Ok(found)
        })
    }
}

impl Change<'_> {
    /// The ids of the actions agreed at check-in `id`, in order.
    pub fn action_ids(&self, id: i64) -> Result<Vec<i64>, StoreError> {
        self.run("reading actions", |c| {
            c.query(
                "SELECT id FROM checkin_action WHERE checkin_id = ?1 ORDER BY id",
                &[&id],
                |row| row.get(0),
            )
        })
    }

    /// Check-in `id` in full, read inside the change.
    pub fn checkin(&self, id: i64) -> Result<Checkin, StoreError> {
        self.run("reading a check-in", |c| read_checkin(c, id))
    }
}

fn read_checkin(c: Conn, id: i64) -> DbResult<Checkin> {
    let mut record = c.query_row(
        "SELECT c.id, c.enrolment_id, p.name, c.date, c.assessor_id, a.name, c.state, c.amends_id, c.amend_reason,
                c.apprentice_signed_at, c.apprentice_signature, c.assessor_signature, c.seal_hash,
                c.previous_seal_hash, c.next_due, c.completed_at
         FROM checkin c JOIN enrolment e ON e.id = c.enrolment_id JOIN person p ON p.id = e.person_id
         JOIN person a ON a.id = c.assessor_id WHERE c.id = ?1",
        &[&id],
        |row| {
            let signed_at: Option<String> = row.get(9)?;
            let signed = signed_at.map(|at| Signing {
                at,
                apprentice: row.get::<Option<String>>(10).ok().flatten().unwrap_or_default(),
                assessor: row.get::<Option<String>>(11).ok().flatten().unwrap_or_default(),
            });
            Ok(Checkin {
                id: row.get(0)?,
                enrolment_id: row.get(1)?,
                person: row.get(2)?,
                date: row.get(3)?,
                assessor_id: row.get(4)?,
                assessor: row.get(5)?,
                sealed: row.get::<String>(6)? == "sealed",
                amends: row.get(7)?,
                amend_reason: row.get(8)?,
                amended_by: Vec::new(),
                signed,
                completed_at: row.get::<Option<Stamp>>(15)?.map(|at| at.0),
                signatures: Vec::new(),
                seal_hash: row.get(12)?,
                previous_seal_hash: row.get(13)?,
                content: CheckinContent { next_due: row.get(14)?, ..CheckinContent::default() },
                action_ids: Vec::new(),
            })
        },
    )?;
    record.content.sections = c.query(
        "SELECT section, content FROM checkin_section WHERE checkin_id = ?1 ORDER BY section",
        &[&id],
        |row| Ok((word(row, 0, CheckinSection::parse)?, row.get(1)?)),
    )?;
    record.content.judgements = c.query(
        "SELECT outcome_code, judgement, note FROM checkin_judgement WHERE checkin_id = ?1 ORDER BY outcome_code",
        &[&id],
        |row| {
            Ok(CheckinJudgement {
                code: row.get(0)?,
                judgement: word(row, 1, Judgement::parse)?,
                note: row.get(2)?,
            })
        },
    )?;
    let actions: Vec<(i64, AgreedAction)> = c.query(
        "SELECT id, text, owner, due_date FROM checkin_action WHERE checkin_id = ?1 ORDER BY id",
        &[&id],
        numbered_action,
    )?;
    record.action_ids = actions.iter().map(|(id, _)| *id).collect();
    record.content.actions = actions.into_iter().map(|(_, action)| action).collect();
    record.content.action_reviews = c.query(
        "SELECT action_id, done, note FROM checkin_action_review WHERE checkin_id = ?1 ORDER BY action_id",
        &[&id],
        |row| {
            Ok(ActionReview {
                action_id: row.get(0)?,
                done: row.get(1)?,
                note: row.get(2)?,
            })
        },
    )?;
    record.signatures = signatures_of(c, id)?;
    record.amended_by = c.query(
        "SELECT id FROM checkin WHERE amends_id = ?1 ORDER BY id",
        &[&id],
        |row| row.get(0),
    )?;
    Ok(record)
}

/// An action row: id, text, owner, due date.
fn numbered_action(row: &Row) -> DbResult<(i64, AgreedAction)> {
    Ok((
        row.get(0)?,
        AgreedAction {
            text: row.get(1)?,
            owner: row.get(2)?,
            due: row.get(3)?,
        },
    ))
}
