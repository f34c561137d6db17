//! The append-only history: one row per changed field, written in the same
//! transaction as the change it describes.

use crate::domain::PersonId;
use chrono::{SecondsFormat, Utc};
use rusqlite::{Transaction, params};

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

/// One field's value before and after a change (`None`: empty or absent).
pub type FieldChange<'a> = (&'a str, Option<String>, Option<String>);

/// Records every field of one record's change; fields whose value did not
/// change are skipped, so an update writes only what moved.
pub fn record_change(
    transaction: &Transaction,
    actor: Option<PersonId>,
    kind: ChangeKind,
    record: &str,
    record_id: i64,
    fields: &[FieldChange],
) -> rusqlite::Result<()> {
    record_change_keyed(
        transaction,
        actor,
        kind,
        record,
        &record_id.to_string(),
        fields,
    )
}

/// As `record_change`, for records keyed by text (e.g. `enrolment/code`).
pub fn record_change_keyed(
    transaction: &Transaction,
    actor: Option<PersonId>,
    kind: ChangeKind,
    record: &str,
    record_id: &str,
    fields: &[FieldChange],
) -> rusqlite::Result<()> {
    let at = Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true);
    let mut insert = transaction.prepare_cached(
        "INSERT INTO history (at, actor_id, change, record, record_id, field, before, after)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (field, before, after) in fields {
        if before == after {
            continue;
        }
        insert.execute(params![
            at,
            actor.map(|id| id.0),
            kind.as_str(),
            record,
            record_id,
            field,
            before,
            after
        ])?;
    }
    Ok(())
}
