//! Progress reviews. A check-in is a draft until both people sign; signing
//! seals it: its judgements take effect, and its seal chains to the
//! previous sealed check-in of the same enrolment. A sealed check-in is
//! never changed (a trigger refuses it): an amendment is a new check-in that
//! names the one it amends, with a reason.

use super::history::{ChangeKind, record_change};
use super::records::{Judged, write_judgement};
use super::seals::canonical_content;
use super::{Store, StoreError};
use crate::domain::{CheckinSection, EnrolmentId, Judgement, PersonId, seal};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

/// An action agreed for next time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Action {
    pub text: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
}

/// Whether an action from the last check-in was done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionReview {
    pub action_id: i64,
    pub done: bool,
    pub note: String,
}

/// Everything written in a check-in.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CheckinContent {
    pub sections: Vec<(CheckinSection, String)>,
    /// Outcome code, judgement, note.
    pub judgements: Vec<(String, Judgement, String)>,
    pub actions: Vec<Action>,
    pub action_reviews: Vec<ActionReview>,
    pub next_due: Option<NaiveDate>,
}

impl CheckinContent {
    pub fn section(&self, section: CheckinSection) -> &str {
        self.sections
            .iter()
            .find(|(s, _)| *s == section)
            .map_or("", |(_, text)| text.as_str())
    }
}

/// Both people's confirmation: the names they typed, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signing {
    pub at: String,
    pub apprentice: String,
    pub assessor: String,
}

impl Store {
    /// Records a whole check-in at once, sealed when `signing` is given.
    pub fn record_checkin(
        &mut self,
        enrolment: EnrolmentId,
        assessor: PersonId,
        date: NaiveDate,
        content: &CheckinContent,
        signing: Option<&Signing>,
    ) -> Result<i64, StoreError> {
        self.write("recording a check-in", |transaction| {
            let id = insert_draft(transaction, enrolment, assessor, date, None)?;
            write_content(transaction, id, content)?;
            if let Some(signing) = signing {
                seal_in(transaction, id, signing)?;
            }
            Ok(id)
        })
    }

    /// Starts a draft; `amends` names a sealed check-in and the reason.
    pub fn start_draft(
        &mut self,
        enrolment: EnrolmentId,
        assessor: PersonId,
        date: NaiveDate,
        amends: Option<(i64, &str)>,
    ) -> Result<i64, StoreError> {
        self.write("starting a check-in", |transaction| {
            let id = insert_draft(transaction, enrolment, assessor, date, amends)?;
            if let Some((original, _)) = amends {
                copy_content(transaction, original, id)?;
            }
            Ok(id)
        })
    }

    /// Replaces a draft's content; refused once it is sealed.
    pub fn save_draft(
        &mut self,
        id: i64,
        date: NaiveDate,
        content: &CheckinContent,
    ) -> Result<(), StoreError> {
        self.write("saving a check-in draft", |transaction| {
            let before = canonical_content(transaction, id)?;
            transaction.execute(
                "UPDATE checkin SET date = ?2 WHERE id = ?1 AND state = 'draft'",
                params![id, date],
            )?;
            for table in [
                "checkin_section",
                "checkin_judgement",
                "checkin_action_review",
            ] {
                transaction.execute(&format!("DELETE FROM {table} WHERE checkin_id = ?1"), [id])?;
            }
            transaction.execute("DELETE FROM checkin_action WHERE checkin_id = ?1", [id])?;
            write_content(transaction, id, content)?;
            let after = canonical_content(transaction, id)?;
            let fields = [("content", Some(before), Some(after))];
            record_change(
                transaction,
                None,
                ChangeKind::Update,
                "checkin",
                id,
                &fields,
            )
        })
    }

    /// Signs and seals a draft; its judgements take effect.
    pub fn seal_draft(&mut self, id: i64, signing: &Signing) -> Result<(), StoreError> {
        self.write("signing a check-in", |transaction| {
            seal_in(transaction, id, signing)
        })
    }

    /// The enrolment's unsigned draft, if any.
    pub fn draft_for(&self, enrolment: EnrolmentId) -> Result<Option<i64>, StoreError> {
        self.connection
            .query_row(
                "SELECT max(id) FROM checkin WHERE enrolment_id = ?1 AND state = 'draft'",
                [enrolment.0],
                |row| row.get(0),
            )
            .map_err(super::sqlite_error(&self.path, "reading check-ins"))
    }
}

fn insert_draft(
    transaction: &Transaction,
    enrolment: EnrolmentId,
    assessor: PersonId,
    date: NaiveDate,
    amends: Option<(i64, &str)>,
) -> rusqlite::Result<i64> {
    transaction.execute(
        "INSERT INTO checkin (enrolment_id, date, assessor_id, amends_id, amend_reason, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%fZ'))",
        params![
            enrolment.0,
            date,
            assessor.0,
            amends.map(|a| a.0),
            amends.map(|a| a.1)
        ],
    )?;
    let id = transaction.last_insert_rowid();
    let mut fields = vec![
        ("date", None, Some(date.to_string())),
        ("assessor_id", None, Some(assessor.0.to_string())),
    ];
    if let Some((original, reason)) = amends {
        fields.push(("amends_id", None, Some(original.to_string())));
        fields.push(("amend_reason", None, Some(reason.to_string())));
    }
    record_change(
        transaction,
        Some(assessor),
        ChangeKind::Insert,
        "checkin",
        id,
        &fields,
    )?;
    Ok(id)
}

fn write_content(
    transaction: &Transaction,
    id: i64,
    content: &CheckinContent,
) -> rusqlite::Result<()> {
    transaction.execute(
        "UPDATE checkin SET next_due = ?2 WHERE id = ?1",
        params![id, content.next_due],
    )?;
    for (section, text) in &content.sections {
        transaction.execute(
            "INSERT INTO checkin_section (checkin_id, section, content) VALUES (?1, ?2, ?3)",
            params![id, section.as_str(), text],
        )?;
    }
    for (code, judgement, note) in &content.judgements {
        transaction.execute(
            "INSERT INTO checkin_judgement (checkin_id, outcome_code, judgement, note) VALUES (?1, ?2, ?3, ?4)",
            params![id, code, judgement.as_str(), note],
        )?;
    }
    for action in &content.actions {
        transaction.execute(
            "INSERT INTO checkin_action (checkin_id, text, owner, due_date) VALUES (?1, ?2, ?3, ?4)",
            params![id, action.text, action.owner, action.due],
        )?;
    }
    for review in &content.action_reviews {
        transaction.execute(
            "INSERT INTO checkin_action_review (checkin_id, action_id, done, note) VALUES (?1, ?2, ?3, ?4)",
            params![id, review.action_id, review.done, review.note],
        )?;
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
    transaction.execute(
        "UPDATE checkin SET next_due = (SELECT next_due FROM checkin WHERE id = ?1) WHERE id = ?2",
        params![from, to],
    )?;
    Ok(())
}

/// Signs, then seals over the signed content and the previous seal.
fn seal_in(transaction: &Transaction, id: i64, signing: &Signing) -> rusqlite::Result<()> {
    let (enrolment, assessor, date, state): (i64, i64, NaiveDate, String) = transaction.query_row(
        "SELECT enrolment_id, assessor_id, date, state FROM checkin WHERE id = ?1",
        [id],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
    )?;
    if state != "draft" {
        return Err(rusqlite::Error::QueryReturnedNoRows);
    }
    let previous: Option<String> = transaction
        .query_row(
            "SELECT seal_hash FROM checkin WHERE enrolment_id = ?1 AND state = 'sealed' ORDER BY id DESC LIMIT 1",
            [enrolment],
            |row| row.get(0),
        )
        .optional()?;
    transaction.execute(
        "UPDATE checkin SET apprentice_signed_at = ?2, assessor_signed_at = ?2,
                apprentice_signature = ?3, assessor_signature = ?4 WHERE id = ?1",
        params![id, signing.at, signing.apprentice, signing.assessor],
    )?;
    let seal_hash = seal(previous.as_deref(), &canonical_content(transaction, id)?);
    transaction.execute(
        "UPDATE checkin SET state = 'sealed', seal_hash = ?2, previous_seal_hash = ?3 WHERE id = ?1",
        params![id, seal_hash, previous],
    )?;
    let fields = [
        (
            "state",
            Some("draft".to_string()),
            Some("sealed".to_string()),
        ),
        ("seal_hash", None, Some(seal_hash)),
    ];
    record_change(
        transaction,
        Some(PersonId(assessor)),
        ChangeKind::Update,
        "checkin",
        id,
        &fields,
    )?;
    apply_judgements(
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
    transaction: &Transaction,
    enrolment: EnrolmentId,
    assessor: PersonId,
    date: NaiveDate,
    checkin: i64,
) -> rusqlite::Result<()> {
    let judgements: Vec<(String, String, String)> = {
        let mut statement = transaction.prepare(
            "SELECT outcome_code, judgement, note FROM checkin_judgement WHERE checkin_id = ?1",
        )?;
        let rows =
            statement.query_map([checkin], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    let at = date.to_string();
    for (code, word, note) in &judgements {
        let judgement = Judgement::parse(word).unwrap_or(Judgement::NotAssessed);
        write_judgement(
            transaction,
            &Judged {
                enrolment,
                code,
                judgement,
                note,
                assessor,
                at: &at,
            },
        )?;
        transaction.execute(
            "UPDATE outcome_progress SET judged_in_checkin = ?3 WHERE enrolment_id = ?1 AND outcome_code = ?2",
            params![enrolment.0, code, checkin],
        )?;
    }
    Ok(())
}
