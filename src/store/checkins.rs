//! Progress reviews. A check-in is a draft until both people sign; signing
//! seals it: its judgements take effect, and its seal chains to the
//! previous sealed check-in of the same enrolment. A sealed check-in is
//! never changed (a trigger refuses it): an amendment is a new check-in that
//! names the one it amends, with a reason. An enrolment has at most one
//! open draft (a unique index says so).

use super::StoreError;
use super::change::Change;
use super::history::{ChangeKind, RecordKey};
use super::outcomes::{Judged, write_judgement};
use super::seals::canonical_content;
use crate::domain::{CheckinContent, EnrolmentId, Judgement, PersonId, Signing, seal};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params};

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
        self.run("recording a check-in", |transaction| {
            write_content(transaction, id, content)
        })?;
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
        self.run("starting a check-in", |transaction| {
            transaction.prepare_cached("INSERT INTO checkin (enrolment_id, date, assessor_id, amends_id, amend_reason, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?.execute(params![
                    enrolment,
                    date,
                    assessor,
                    amends.map(|a| a.0),
                    amends.map(|a| a.1),
                    self.at()
                ],
            )?;
            let id = transaction.last_insert_rowid();
            let mut fields = vec![
                ("date", None, Some(date.to_string())),
                ("assessor_id", None, Some(assessor.to_string())),
            ];
            if let Some((original, reason)) = amends {
                fields.push(("amends_id", None, Some(original.to_string())));
                fields.push(("amend_reason", None, Some(reason.to_string())));
                copy_content(transaction, original, id)?;
            }
            self.history(ChangeKind::Insert, &RecordKey::Checkin(id), &fields)?;
            Ok(id)
        })
    }

    /// Replaces a draft's content.
    pub fn save_draft(&self, id: i64, content: &CheckinContent) -> Result<(), StoreError> {
        self.run("saving a check-in draft", |transaction| {
            let before = canonical_content(transaction, id)?;
            for table in [
                "checkin_section",
                "checkin_judgement",
                "checkin_action_review",
                "checkin_action",
            ] {
                transaction
                    .prepare_cached(&format!("DELETE FROM {table} WHERE checkin_id = ?1"))?
                    .execute([id])?;
            }
            write_content(transaction, id, content)?;
            let after = canonical_content(transaction, id)?;
            let fields = [("content", Some(before), Some(after))];
            self.history(ChangeKind::Update, &RecordKey::Checkin(id), &fields)
        })
    }

    /// Signs and seals a draft; its judgements take effect.
    pub fn seal_draft(&self, id: i64, signing: &Signing) -> Result<(), StoreError> {
        self.run("signing a check-in", |transaction| {
            seal_in(self, transaction, id, signing)
        })
    }

    /// The enrolment's open draft, if any.
    pub fn draft_for(&self, enrolment: EnrolmentId) -> Result<Option<i64>, StoreError> {
        self.run("reading check-ins", |transaction| {
            open_draft(transaction, enrolment)
        })
    }

    /// Where check-in `id` stands; `None` when no check-in has the id.
    pub fn checkin_state(&self, id: i64) -> Result<Option<CheckinState>, StoreError> {
        self.run("reading a check-in", |transaction| {
            transaction.prepare_cached("SELECT enrolment_id, assessor_id, date, state = 'sealed', superseded_by IS NOT NULL,
                     completed_at IS NOT NULL FROM checkin WHERE id = ?1")?.query_row([id],
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
                .optional()
        })
    }
}

/// The enrolment's open draft check-in.
pub(super) fn open_draft(
    transaction: &rusqlite::Connection,
    enrolment: EnrolmentId,
) -> rusqlite::Result<Option<i64>> {
    transaction.prepare_cached("SELECT max(id) FROM checkin WHERE enrolment_id = ?1 AND state = 'draft' AND superseded_by IS NULL AND completed_at IS NULL")?.query_row([enrolment],
        |row| row.get(0),
    )
}

fn write_content(
    transaction: &Transaction,
    id: i64,
    content: &CheckinContent,
) -> rusqlite::Result<()> {
    transaction
        .prepare_cached("UPDATE checkin SET next_due = ?2 WHERE id = ?1")?
        .execute(params![id, content.next_due])?;
    let mut insert = transaction.prepare_cached(
        "INSERT INTO checkin_section (checkin_id, section, content) VALUES (?1, ?2, ?3)",
    )?;
    for (section, text) in &content.sections {
        insert.execute(params![id, section.as_str(), text])?;
    }
    let mut insert = transaction.prepare_cached(
        "INSERT INTO checkin_judgement (checkin_id, outcome_code, judgement, note) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for judged in &content.judgements {
        insert.execute(params![
            id,
            judged.code,
            judged.judgement.as_str(),
            judged.note
        ])?;
    }
    let mut insert = transaction.prepare_cached(
        "INSERT INTO checkin_action (checkin_id, text, owner, due_date) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for action in &content.actions {
        insert.execute(params![id, action.text, action.owner, action.due])?;
    }
    let mut insert = transaction.prepare_cached(
        "INSERT INTO checkin_action_review (checkin_id, action_id, done, note) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for review in &content.action_reviews {
        insert.execute(params![id, review.action_id, review.done, review.note])?;
    }
    Ok(())
}

/// An amendment starts as a copy of what it amends.
fn copy_content(transaction: &Transaction, from: i64, to: i64) -> rusqlite::Result<()> {
    for sql in [
        "INSERT INTO checkin_section (checkin_id, section, content) SELECT ?2, section, content FROM checkin_section WHERE checkin_id = ?1",
        "INSERT INTO checkin_judgement (checkin_id, outcome_code, judgement, note) SELECT ?2, outcome_code, judgement, note FROM checkin_judgement WHERE checkin_id = ?1",
        "INSERT INTO checkin_action (checkin_id, text, owner, due_date) SELECT ?2, text, owner, due_date FROM checkin_action WHERE checkin_id = ?1 ORDER BY id",
        "INSERT INTO checkin_action_review (checkin_id, action_id, done, note) SELECT ?2, action_id, done, note FROM checkin_action_review WHERE checkin_id = ?1",
    ] {
        transaction.execute(sql, params![from, to])?;
    }
    transaction.prepare_cached("UPDATE checkin SET next_due = (SELECT next_due FROM checkin WHERE id = ?1) WHERE id = ?2")?.execute(params![from, to],
    )?;
    Ok(())
}

/// The seal the next sealed check-in of `enrolment` follows: the end of
/// its chain (the sealed check-in no other one follows).
pub(super) fn chain_end(
    transaction: &rusqlite::Connection,
    enrolment: i64,
) -> rusqlite::Result<Option<String>> {
    transaction
        .prepare_cached(
            "SELECT c.seal_hash FROM checkin c WHERE c.enrolment_id = ?1 AND c.state = 'sealed'
               AND NOT EXISTS (SELECT 1 FROM checkin n WHERE n.enrolment_id = c.enrolment_id
                               AND n.state = 'sealed' AND n.previous_seal_hash = c.seal_hash)
             ORDER BY c.id DESC LIMIT 1",
        )?
        .query_row([enrolment], |row| row.get(0))
        .optional()
}

/// Signs with the names typed at sign-off, then seals.
fn seal_in(
    change: &Change,
    transaction: &Transaction,
    id: i64,
    signing: &Signing,
) -> rusqlite::Result<()> {
    transaction
        .prepare_cached(
            "UPDATE checkin SET apprentice_signed_at = ?2, assessor_signed_at = ?2,
                apprentice_signature = ?3, assessor_signature = ?4 WHERE id = ?1",
        )?
        .execute(params![
            id,
            signing.at,
            signing.apprentice,
            signing.assessor
        ])?;
    seal_signed(change, transaction, id)
}

/// Seals a signed draft over its content and the previous seal of its
/// enrolment; its judgements take effect.
pub(super) fn seal_signed(
    change: &Change,
    transaction: &Transaction,
    id: i64,
) -> rusqlite::Result<()> {
    let (enrolment, assessor, date): (i64, i64, NaiveDate) = transaction
        .prepare_cached(
            "SELECT enrolment_id, assessor_id, date FROM checkin WHERE id = ?1 AND state = 'draft'",
        )?
        .query_row([id], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?;
    let previous = chain_end(transaction, enrolment)?;
    let seal_hash = seal(previous.as_deref(), &canonical_content(transaction, id)?);
    transaction.prepare_cached("UPDATE checkin SET state = 'sealed', seal_hash = ?2, previous_seal_hash = ?3 WHERE id = ?1")?.execute(params![id, seal_hash, previous],
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
        transaction,
        EnrolmentId(enrolment),
        PersonId(assessor),
        date,
        id,
    )
}

/// A sealed check-in's judgements become the outcomes' current judgements,
/// marked with the check-in that made them.
fn apply_judgements(
    change: &Change,
    transaction: &Transaction,
    enrolment: EnrolmentId,
    assessor: PersonId,
    date: NaiveDate,
    checkin: i64,
) -> rusqlite::Result<()> {
    let judgements: Vec<(String, String, String)> = {
        let mut statement = transaction.prepare_cached(
            "SELECT outcome_code, judgement, note FROM checkin_judgement WHERE checkin_id = ?1",
        )?;
        let rows =
            statement.query_map([checkin], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    let at = date.to_string();
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
        write_judgement(change, transaction, &judged)?;
    }
    Ok(())
}
