//! Recording a progress review. A signed review is sealed on the spot: its
//! judgements take effect, and its seal chains to the previous one. A sealed
//! row is never updated (a trigger refuses it).

use super::history::{ChangeKind, record_change};
use super::records::{Judged, write_judgement};
use super::{Store, StoreError};
use crate::domain::{CheckinSection, EnrolmentId, Judgement, PersonId, seal};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params};

/// An action agreed for next time.
#[derive(Debug, Clone)]
pub struct NewAction<'a> {
    pub text: &'a str,
    pub owner: &'a str,
    pub due: Option<NaiveDate>,
}

/// A review to record; with `signed_at` it is sealed, without it is a draft.
#[derive(Debug, Clone)]
pub struct NewCheckin<'a> {
    pub date: NaiveDate,
    pub assessor: PersonId,
    pub sections: &'a [(CheckinSection, &'a str)],
    pub judgements: &'a [(&'a str, Judgement, &'a str)],
    pub actions: &'a [NewAction<'a>],
    pub next_due: Option<NaiveDate>,
    /// When both people signed (ISO date-time); `None` keeps a draft.
    pub signed_at: Option<&'a str>,
}

impl Store {
    pub fn record_checkin(
        &mut self,
        enrolment: EnrolmentId,
        checkin: &NewCheckin,
    ) -> Result<i64, StoreError> {
        self.write("recording a check-in", |transaction| {
            let id = insert_checkin(transaction, enrolment, checkin)?;
            if let Some(signed_at) = checkin.signed_at {
                seal_checkin(transaction, enrolment, id, signed_at)?;
                apply_judgements(transaction, enrolment, checkin)?;
            }
            let fields = [
                ("date", None, Some(checkin.date.to_string())),
                ("assessor_id", None, Some(checkin.assessor.0.to_string())),
                (
                    "state",
                    None,
                    Some(
                        if checkin.signed_at.is_some() {
                            "sealed"
                        } else {
                            "draft"
                        }
                        .to_string(),
                    ),
                ),
            ];
            record_change(
                transaction,
                Some(checkin.assessor),
                ChangeKind::Insert,
                "checkin",
                id,
                &fields,
            )?;
            Ok(id)
        })
    }
}

fn insert_checkin(
    transaction: &Transaction,
    enrolment: EnrolmentId,
    checkin: &NewCheckin,
) -> rusqlite::Result<i64> {
    transaction.execute(
        "INSERT INTO checkin (enrolment_id, date, assessor_id, next_due, created_at)
         VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%fZ'))",
        params![
            enrolment.0,
            checkin.date,
            checkin.assessor.0,
            checkin.next_due
        ],
    )?;
    let id = transaction.last_insert_rowid();
    for (section, content) in checkin.sections {
        transaction.execute(
            "INSERT INTO checkin_section (checkin_id, section, content) VALUES (?1, ?2, ?3)",
            params![id, section.as_str(), content],
        )?;
    }
    for (code, judgement, note) in checkin.judgements {
        transaction.execute(
            "INSERT INTO checkin_judgement (checkin_id, outcome_code, judgement, note) VALUES (?1, ?2, ?3, ?4)",
            params![id, code, judgement.as_str(), note],
        )?;
    }
    for action in checkin.actions {
        transaction.execute(
            "INSERT INTO checkin_action (checkin_id, text, owner, due_date) VALUES (?1, ?2, ?3, ?4)",
            params![id, action.text, action.owner, action.due],
        )?;
    }
    Ok(id)
}

/// Signs and seals in one statement: the row is a draft until now.
fn seal_checkin(
    transaction: &Transaction,
    enrolment: EnrolmentId,
    id: i64,
    signed_at: &str,
) -> rusqlite::Result<()> {
    let previous: Option<String> = transaction
        .query_row(
            "SELECT seal_hash FROM checkin WHERE enrolment_id = ?1 AND state = 'sealed' ORDER BY id DESC LIMIT 1",
            [enrolment.0],
            |row| row.get(0),
        )
        .optional()?;
    transaction.execute(
        "UPDATE checkin SET apprentice_signed_at = ?2, assessor_signed_at = ?2 WHERE id = ?1",
        params![id, signed_at],
    )?;
    let canonical = canonical_content(transaction, id)?;
    let seal_hash = seal(previous.as_deref(), &canonical);
    transaction.execute(
        "UPDATE checkin SET state = 'sealed', seal_hash = ?2, previous_seal_hash = ?3 WHERE id = ?1",
        params![id, seal_hash, previous],
    )?;
    Ok(())
}

/// A sealed check-in's judgements become the outcomes' current judgements.
fn apply_judgements(
    transaction: &Transaction,
    enrolment: EnrolmentId,
    checkin: &NewCheckin,
) -> rusqlite::Result<()> {
    let at = checkin.date.to_string();
    for &(code, judgement, note) in checkin.judgements {
        let judged = Judged {
            enrolment,
            code,
            judgement,
            note,
            assessor: checkin.assessor,
            at: &at,
        };
        write_judgement(transaction, &judged)?;
    }
    Ok(())
}

/// The check-in's content in a fixed textual form: the thing its seal covers.
/// Rows are read back in key order so the form never depends on insertion.
pub fn canonical_content(transaction: &Transaction, id: i64) -> rusqlite::Result<String> {
    let mut text = transaction.query_row(
        "SELECT enrolment_id, date, assessor_id, coalesce(next_due, ''), coalesce(amends_id, ''),
                coalesce(amend_reason, ''), coalesce(apprentice_signed_at, ''), coalesce(assessor_signed_at, '')
         FROM checkin WHERE id = ?1",
        [id],
        |row| {
            let fields: [String; 8] = [
                row.get::<_, i64>(0)?.to_string(),
                row.get(1)?,
                row.get::<_, i64>(2)?.to_string(),
                row.get(3)?,
                value_text(row.get_ref(4)?),
                row.get(5)?,
                row.get(6)?,
                row.get(7)?,
            ];
            Ok(format!("checkin\t{}\n", fields.map(|f| escape(&f)).join("\t")))
        },
    )?;
    let parts = [
        (
            "section",
            "SELECT section, content FROM checkin_section WHERE checkin_id = ?1 ORDER BY section",
        ),
        (
            "judgement",
            "SELECT outcome_code, judgement || char(9) || note FROM checkin_judgement WHERE checkin_id = ?1 ORDER BY outcome_code",
        ),
        (
            "action",
            "SELECT text, owner || char(9) || coalesce(due_date, '') FROM checkin_action WHERE checkin_id = ?1 ORDER BY id",
        ),
    ];
    for (label, sql) in parts {
        let mut statement = transaction.prepare_cached(sql)?;
        let rows = statement.query_map([id], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (key, value) = row?;
            text.push_str(&format!("{label}\t{}\t{}\n", escape(&key), escape(&value)));
        }
    }
    Ok(text)
}

fn value_text(value: rusqlite::types::ValueRef) -> String {
    match value {
        rusqlite::types::ValueRef::Integer(number) => number.to_string(),
        rusqlite::types::ValueRef::Text(text) => String::from_utf8_lossy(text).into_owned(),
        _ => String::new(),
    }
}

/// Keeps line and field separators in content from changing the form.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\t', "\\t")
}
