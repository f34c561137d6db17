//! The append-only history: one row per changed field, written in the same
//! transaction as the change it describes. A record's key is built here and
//! only here; the last history row of a record is its version.

use super::convert::Stamp;
use super::db::{Conn, DbResult};
use crate::domain::{EnrolmentId, LastChange, PersonId, Version};

/// What happened to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    Insert,
    Update,
    Delete,
}

impl ChangeKind {
    fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Insert => "insert",
            ChangeKind::Update => "update",
            ChangeKind::Delete => "delete",
        }
    }
}

/// Which record a history row is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordKey {
    Person(PersonId),
    Enrolment(EnrolmentId),
    LearningBreak(i64),
    Evidence(i64),
    Hours(i64),
    Requirement(EnrolmentId, String),
    Outcome(EnrolmentId, String),
    Checkin(i64),
    /// An enrolment's gateway sign-off: its signatures and its seal.
    GatewaySignoff(EnrolmentId),
    /// A person's PIN: history says when it was set, never what it is.
    Pin(PersonId),
    /// One unit of a qualification: enrolment, requirement, unit.
    Unit(EnrolmentId, String, String),
    EpaResult(i64),
    /// An enrolment's training plan.
    TrainingPlan(EnrolmentId),
}

impl RecordKey {
    /// The table the record lives in, as history names it.
    pub fn record(&self) -> &'static str {
        match self {
            RecordKey::Person(_) => "person",
            RecordKey::Enrolment(_) => "enrolment",
            RecordKey::LearningBreak(_) => "learning_break",
            RecordKey::Evidence(_) => "evidence",
            RecordKey::Hours(_) => "hours_entry",
            RecordKey::Requirement(..) => "requirement_record",
            RecordKey::Outcome(..) => "outcome_progress",
            RecordKey::Checkin(_) => "checkin",
            RecordKey::GatewaySignoff(_) => "gateway_signoff",
            RecordKey::Pin(_) => "person_pin",
            RecordKey::Unit(..) => "unit_record",
            RecordKey::EpaResult(_) => "epa_result",
            RecordKey::TrainingPlan(_) => "training_plan",
        }
    }

    /// The record's id as history stores it: a row id, or
    /// `enrolment/code` for records keyed by a framework code.
    pub fn id(&self) -> String {
        match self {
            RecordKey::Person(id) | RecordKey::Pin(id) => id.to_string(),
            RecordKey::Enrolment(id)
            | RecordKey::GatewaySignoff(id)
            | RecordKey::TrainingPlan(id) => id.to_string(),
            RecordKey::LearningBreak(id)
            | RecordKey::Evidence(id)
            | RecordKey::Hours(id)
            | RecordKey::Checkin(id)
            | RecordKey::EpaResult(id) => id.to_string(),
            RecordKey::Requirement(enrolment, code) | RecordKey::Outcome(enrolment, code) => {
                format!("{}/{code}", enrolment)
            }
            RecordKey::Unit(enrolment, requirement, unit) => {
                format!("{enrolment}/{requirement}/{unit}")
            }
        }
    }
}

/// One field's value before and after a change (`None`: empty or absent).
pub type FieldChange<'a> = (&'a str, Option<String>, Option<String>);

/// Who made a change, and when.
#[derive(Debug, Clone, Copy)]
pub struct Author<'a> {
    pub actor: Option<PersonId>,
    pub at: &'a Stamp,
}

/// Records every field of one record's change; fields whose value did not
/// change are skipped, so an update writes only what moved.
pub fn record_change(
    c: Conn,
    author: Author,
    kind: ChangeKind,
    key: &RecordKey,
    fields: &[FieldChange],
) -> DbResult<()> {
    if fields.iter().all(|(_, before, after)| before == after) {
        return Ok(());
    }
    let record_id = key.id();
    let enrolment = enrolment_of(c, key)?;
    for (field, before, after) in fields {
        if before == after {
            continue;
        }
        c.execute(
            "INSERT INTO history (at, actor_id, change, record, record_id, field, before, after, enrolment_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            &[
                author.at,
                &author.actor,
                &kind.as_str(),
                &key.record(),
                &record_id,
                field,
                before,
                after,
                &enrolment,
            ],
        )?;
    }
    Ok(())
}

/// The enrolment a record belongs to, as history files its rows under
/// (none for a person's own fields).
fn enrolment_of(c: Conn, key: &RecordKey) -> DbResult<Option<i64>> {
    let (table, id) = match key {
        RecordKey::Person(_) | RecordKey::Pin(_) => return Ok(None),
        RecordKey::Enrolment(id)
        | RecordKey::GatewaySignoff(id)
        | RecordKey::TrainingPlan(id)
        | RecordKey::Requirement(id, _)
        | RecordKey::Outcome(id, _)
        | RecordKey::Unit(id, ..) => {
            return Ok(Some(id.0));
        }
        RecordKey::LearningBreak(id) => ("learning_break", id),
        RecordKey::Evidence(id) => ("evidence", id),
        RecordKey::Hours(id) => ("hours_entry", id),
        RecordKey::Checkin(id) => ("checkin", id),
        RecordKey::EpaResult(id) => ("epa_result", id),
    };
    let sql = format!("SELECT enrolment_id FROM {table} WHERE id = ?1");
    c.query_opt(&sql, &[id], |row| row.get(0))
}

/// The record's version: its last history row (0 when it has none).
pub fn version_of(c: Conn, key: &RecordKey) -> DbResult<Version> {
    c.query_row(
        "SELECT coalesce(max(id), 0) FROM history WHERE record = ?1 AND record_id = ?2",
        &[&key.record(), &key.id()],
        |row| row.get(0),
    )
}

/// Who made the record's last change, and when.
pub fn last_change(c: Conn, key: &RecordKey) -> DbResult<Option<LastChange>> {
    c.query_opt(
        "SELECT h.at, p.name FROM history h LEFT JOIN person p ON p.id = h.actor_id
         WHERE h.record = ?1 AND h.record_id = ?2 ORDER BY h.id DESC LIMIT 1",
        &[&key.record(), &key.id()],
        |row| {
            Ok(LastChange {
                at: row.get::<Stamp>(0)?.0,
                actor: row.get(1)?,
            })
        },
    )
}
