//! Progress reviews. A check-in is a draft until both people sign; signing
//! seals it: its judgements take effect, and its seal chains to the
//! previous sealed check-in of the same enrolment. A sealed check-in is
//! never changed (a trigger refuses it): an amendment is a new check-in that
//! names the one it amends, with a reason. An enrolment has at most one
//! open draft (a unique index says so).

use super::StoreError;
use super::change::Change;
use super::convert::Stamp;
use super::db::{Conn, DbResult};
use super::history::{ChangeKind, RecordKey};
use super::outcomes::{Judged, write_judgement};
use super::seals::canonical_content;
use crate::domain::{CheckinContent, EnrolmentId, Judgement, PersonId, Signing, seal};
use chrono::NaiveDate;

/// Where a check-in stands, read inside a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckinState {
    pub enrolment: EnrolmentId,
    pub assessor: PersonId,
    pub date: NaiveDate,
    pub sealed: bool,
    /// A newer draft took this one's place (databases from before 0003).
    pub superseded: bool,
    /// Completed by the assessor: its content is fixed, it waits for signatures.
    pub completed: bool,
}

impl Change<'_> {
    /// Records a whole check-in at once, sealed when `signing` is given.
    pub fn record_checkin(
        &self,
        enrolment: EnrolmentId,
        assessor: PersonId,
        date: NaiveDate,
        content: &CheckinContent,
        signing: Option<&Signing>,
    ) -> Result<i64, StoreError> {
        let id = self.start_draft(enrolment, assessor, date, None)?;
        self.run("recording a check-in", |c| write_content(c, id, content))?;
        if let Some(signing) = signing {
            self.seal_draft(id, signing)?;
        }
        Ok(id)
    }

    /// Starts a draft; `amends` names a sealed check-in and the reason.
    pub fn start_draft(
        &self,
        enrolment: EnrolmentId,
        assessor: PersonId,
        date: NaiveDate,
        amends: Option<(i64, &str)>,
    ) -> Result<i64, StoreError> {
        self.run("starting a check-in", |c| {
            let id = c.insert_returning_id(
                "INSERT INTO checkin (enrolment_id, date, assessor_id, amends_id, amend_reason, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                &[
                    &enrolment,
                    &date,
                    &assessor,
                    &amends.map(|a| a.0),
                    &amends.map(|a| a.1),
                    self.stamp(),
                ],
            )?;
            let mut fields = vec![
                ("date", None, Some(date.to_string())),
                ("assessor_id", None, Some(assessor.to_string())),
            ];
            if let Some((original, reason)) = amends {
                fields.push(("amends_id", None, Some(original.to_string())));
                fields.push(("amend_reason", None, Some(reason.to_string())));
                copy_content(c, original, id)?;
            }
            self.history(ChangeKind::Insert, &RecordKey::Checkin(id), &fields)?;
            Ok(id)
        })
    }

    /// Replaces a draft's content.
    pub fn save_draft(&self, id: i64, content: &CheckinContent) -> Result<(), StoreError> {
        self.run("saving a check-in draft", |c| {
            let before = canonical_content(c, id)?;
            for table in [
                "checkin_section",
                "checkin_judgement",
                "checkin_action_review",
                "checkin_action",
            ] {
                c.execute(
                    &format!("DELETE FROM {table} WHERE checkin_id = ?1"),
                    &[&id],
                )?;
            }
            write_content(c, id, content)?;
            let after = canonical_content(c, id)?;
            let fields = [("content", Some(before), Some(after))];
            self.history(ChangeKind::Update, &RecordKey::Checkin(id), &fields)
        })
    }

    /// Removes an open draft and its content; the history keeps both.
    pub fn discard_draft(&self, id: i64) -> Result<(), StoreError> {
        self.run("discarding a check-in draft", |c| {
            let content = canonical_content(c, id)?;
            for table in [
                "checkin_section",
                "checkin_judgement",
                "checkin_action_review",
                "checkin_action",
            ] {
                c.execute(
                    &format!("DELETE FROM {table} WHERE checkin_id = ?1"),
                    &[&id],
                )?;
            }
            c.execute("DELETE FROM checkin WHERE id = ?1", &[&id])?;
            let fields = [("content", Some(content), None)];
            self.history(ChangeKind::Delete, &RecordKey::Checkin(id), &fields)
        })
    }

    /// Signs and seals a draft; its judgements take effect.
    pub fn seal_draft(&self, id: i64, signing: &Signing) -> Result<(), StoreError> {
        self.run("signing a check-in", |c| seal_in(self, c, id, signing))
    }

    /// The enrolment's open draft, if any.
    pub fn draft_for(&self, enrolment: EnrolmentId) -> Result<Option<i64>, StoreError> {
        self.run("reading check-ins", |c| open_draft(c, enrolment))
    }

    /// Where check-in `id` stands; `None` when no check-in has the id.
    pub fn checkin_state(&self, id: i64) -> Result<Option<CheckinState>, StoreError> {
        self.run("reading a check-in", |c| {
            c.query_opt(
                "SELECT enrolment_id, assessor_id, date, state = 'sealed', superseded_by IS NOT NULL,
                        completed_at IS NOT NULL FROM checkin WHERE id = ?1",
                &[&id],
                |row| {
                    Ok(CheckinState {
                        enrolment: row.get(0)?,
                        assessor: row.get(1)?,
                        date: row.get(2)?,
                        sealed: row.get(3)?,
                        superseded: row.get(4)?,
                        completed: row.get(5)?,
                    })
                },
            )
        })
    }
}

/// The enrolment's open draft check-in.
pub(super) fn open_draft(c: Conn, enrolment: EnrolmentId) -> DbResult<Option<i64>> {
    c.query_row(
        "SELECT max(id) FROM checkin WHERE enrolment_id = ?1 AND state = 'draft'
         AND superseded_by IS NULL AND completed_at IS NULL",
        &[&enrolment],
        |row| row.get(0),
    )
}

fn write_content(c: Conn, id: i64, content: &CheckinContent) -> DbResult<()> {
    c.execute(
        "UPDATE checkin SET next_due = ?2 WHERE id = ?1",
        &[&id, &content.next_due],
    )?;
    for (section, text) in &content.sections {
        c.execute(
            "INSERT INTO checkin_section (checkin_id, section, content) VALUES (?1, ?2, ?3)",
            &[&id, &section.as_str(), text],
        )?;
    }
    for judged in &content.judgements {
        c.execute(
            "INSERT INTO checkin_judgement (checkin_id, outcome_code, judgement, note) VALUES (?1, ?2, ?3, ?4)",
            &[&id, &judged.code, &judged.judgement.as_str(), &judged.note],
        )?;
    }
    for action in &content.actions {
        c.execute(
            "INSERT INTO checkin_action (checkin_id, text, owner, due_date) VALUES (?1, ?2, ?3, ?4)",
            &[&id, &action.text, &action.owner, &action.due],
        )?;
    }
    for review in &content.action_reviews {
        c.execute(
            "INSERT INTO checkin_action_review (checkin_id, action_id, done, note) VALUES (?1, ?2, ?3, ?4)",
            &[&id, &review.action_id, &review.done, &review.note],
        )?;
    }
    Ok(())
}

/// An amendment starts as a copy of what it amends.
fn copy_content(c: Conn, from: i64, to: i64) -> DbResult<()> {
    for sql in [
        "INSERT INTO checkin_section (checkin_id, section, content) SELECT CAST(?2 AS bigint), section, content FROM checkin_section WHERE checkin_id = ?1",
        "INSERT INTO checkin_judgement (checkin_id, outcome_code, judgement, note) SELECT CAST(?2 AS bigint), outcome_code, judgement, note FROM checkin_judgement WHERE checkin_id = ?1",
        "INSERT INTO checkin_action (checkin_id, text, owner, due_date) SELECT CAST(?2 AS bigint), text, owner, due_date FROM checkin_action WHERE checkin_id = ?1 ORDER BY id",
        "INSERT INTO checkin_action_review (checkin_id, action_id, done, note) SELECT CAST(?2 AS bigint), action_id, done, note FROM checkin_action_review WHERE checkin_id = ?1",
    ] {
        c.execute(sql, &[&from, &to])?;
    }
    c.execute(
        "UPDATE checkin SET next_due = (SELECT next_due FROM checkin WHERE id = ?1) WHERE id = ?2",
        &[&from, &to],
    )?;
    Ok(())
}

/// The seal the next sealed check-in of `enrolment` follows: the end of
/// its chain (the sealed check-in no other one follows).
pub(super) fn chain_end(c: Conn, enrolment: i64) -> DbResult<Option<String>> {
    c.query_opt(
        "SELECT c.seal_hash FROM checkin c WHERE c.enrolment_id = ?1 AND c.state = 'sealed'
           AND NOT EXISTS (SELECT 1 FROM checkin n WHERE n.enrolment_id = c.enrolment_id
                           AND n.state = 'sealed' AND n.previous_seal_hash = c.seal_hash)
         ORDER BY c.id DESC LIMIT 1",
        &[&enrolment],
        |row| row.get(0),
    )
}

/// Signs with the names typed at sign-off, then seals.
fn seal_in(change: &Change, c: Conn, id: i64, signing: &Signing) -> DbResult<()> {
    c.execute(
        "UPDATE checkin SET apprentice_signed_at = ?2, assessor_signed_at = ?2,
            apprentice_signature = ?3, assessor_signature = ?4 WHERE id = ?1",
        &[&id, &signing.at, &signing.apprentice, &signing.assessor],
    )?;
    seal_signed(change, c, id)
}

/// Seals a signed draft over its content and the previous seal of its
/// enrolment; its judgements take effect.
pub(super) fn seal_signed(change: &Change, c: Conn, id: i64) -> DbResult<()> {
    let (enrolment, assessor, date): (i64, i64, NaiveDate) = c.query_row(
        "SELECT enrolment_id, assessor_id, date FROM checkin WHERE id = ?1 AND state = 'draft'",
        &[&id],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    )?;
    let previous = chain_end(c, enrolment)?;
    let seal_hash = seal(previous.as_deref(), &canonical_content(c, id)?);
    c.execute(
        "UPDATE checkin SET state = 'sealed', seal_hash = ?2, previous_seal_hash = ?3 WHERE id = ?1",
        &[&id, &seal_hash, &previous],
    )?;
    let fields = [
        (
            "state",
            Some("draft".to_string()),
            Some("sealed".to_string()),
        ),
        ("seal_hash", None, Some(seal_hash)),
    ];
    change.history(ChangeKind::Update, &RecordKey::Checkin(id), &fields)?;
    apply_judgements(
        change,
        c,
        EnrolmentId(enrolment),
        PersonId(assessor),
        date,
        id,
    )
}

/// A sealed check-in's judgements become the outcomes' current judgements,
/// marked with the check-in that made them (judged on its day).
fn apply_judgements(
    change: &Change,
    c: Conn,
    enrolment: EnrolmentId,
    assessor: PersonId,
    date: NaiveDate,
    checkin: i64,
) -> DbResult<()> {
    let judgements: Vec<(String, String, String)> = c.query(
        "SELECT outcome_code, judgement, note FROM checkin_judgement WHERE checkin_id = ?1",
        &[&checkin],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    )?;
    let at = Stamp(date.to_string());
    for (code, word, note) in &judgements {
        let judgement = Judgement::parse(word).unwrap_or(Judgement::NotAssessed);
        let judged = Judged {
            enrolment,
            code,
            judgement,
            note,
            assessor,
            at: &at,
            checkin: Some(checkin),
        };
        write_judgement(change, c, &judged)?;
    }
    Ok(())
}
