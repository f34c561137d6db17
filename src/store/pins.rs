//! Personal PINs as stored: an Argon2id hash (never the PIN) and the count
//! of wrong tries. Setting a PIN leaves a history row that says so without
//! the hash; counting a wrong try leaves none.

use super::change::Change;
use super::history::{ChangeKind, RecordKey};
use super::{Store, StoreError, sqlite_error};
use crate::domain::{PersonId, PinTries};
use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

/// A person's PIN hash and wrong tries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPin {
    /// The PHC string: algorithm, parameters, salt and hash.
    pub hash: String,
    pub tries: PinTries,
}

const SELECT_PIN: &str = "SELECT hash, failed, locked_until FROM person_pin WHERE person_id = ?1";

impl Change<'_> {
    /// The person's PIN, read inside the change.
    pub fn pin(&self, person: PersonId) -> Result<Option<StoredPin>, StoreError> {
        self.run("reading a PIN", |t| pin(t, person))
    }

    /// Sets or replaces the person's PIN hash, clearing wrong tries.
    pub fn set_pin_hash(&self, person: PersonId, hash: &str) -> Result<(), StoreError> {
        self.run("saving a PIN", |t| {
            let had = pin(t, person)?.is_some();
            t.execute(
                "INSERT INTO person_pin (person_id, hash, failed, locked_until)
                 VALUES (?1, ?2, 0, NULL)
                 ON CONFLICT (person_id) DO UPDATE
                 SET hash = excluded.hash, failed = 0, locked_until = NULL",
                params![person, hash],
            )?;
            let (kind, before, after) = if had {
                (
                    ChangeKind::Update,
                    Some("set".into()),
                    Some("changed".into()),
                )
            } else {
                (ChangeKind::Insert, None, Some("set".into()))
            };
            self.history(kind, &RecordKey::Pin(person), &[("pin", before, after)])
        })
    }

    /// Records the wrong tries after a check; no history row.
    pub fn set_pin_tries(&self, person: PersonId, tries: PinTries) -> Result<(), StoreError> {
        let until = tries
            .locked_until
            .map(|at| at.to_rfc3339_opts(SecondsFormat::Millis, true));
        self.run("counting a wrong PIN", |t| {
            t.execute(
                "UPDATE person_pin SET failed = ?2, locked_until = ?3 WHERE person_id = ?1",
                params![person, tries.failed, until],
            )
            .map(drop)
        })
    }
}

impl Store {
    /// The person's PIN, if they have set one.
    pub fn pin(&self, person: PersonId) -> Result<Option<StoredPin>, StoreError> {
        pin(&self.connection, person).map_err(sqlite_error(&self.path, "reading a PIN"))
    }
}

fn pin(connection: &Connection, person: PersonId) -> rusqlite::Result<Option<StoredPin>> {
    connection
        .prepare_cached(SELECT_PIN)?
        .query_row([person], stored_pin)
        .optional()
}

fn stored_pin(row: &Row) -> rusqlite::Result<StoredPin> {
    let until: Option<String> = row.get(2)?;
    let locked_until = until
        .map(|text| {
            DateTime::parse_from_rfc3339(&text)
                .map(|at| at.with_timezone(&Utc))
                .map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        2,
                        rusqlite::types::Type::Text,
                        format!("`{text}` is not a time: {e}").into(),
                    )
                })
        })
        .transpose()?;
    Ok(StoredPin {
        hash: row.get(0)?,
        tries: PinTries {
            failed: row.get(1)?,
            locked_until,
        },
    })
}
