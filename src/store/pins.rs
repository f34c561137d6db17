//! Personal PINs as stored: an Argon2id hash (never the PIN) and the count
//! of wrong tries. Setting a PIN leaves a history row that says so without
//! the hash; counting a wrong try leaves none.

use super::change::Change;
use super::convert::Stamp;
use super::db::{Conn, DbResult, Row};
use super::history::{ChangeKind, RecordKey};
use super::{Store, StoreError};
use crate::domain::{PersonId, PinTries};

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
        self.run("reading a PIN", |c| pin(c, person))
    }

    /// Sets or replaces the person's PIN hash, clearing wrong tries.
    pub fn set_pin_hash(&self, person: PersonId, hash: &str) -> Result<(), StoreError> {
        self.run("saving a PIN", |c| {
            let had = pin(c, person)?.is_some();
            c.execute(
                "INSERT INTO person_pin (person_id, hash, failed, locked_until)
                 VALUES (?1, ?2, 0, NULL)
                 ON CONFLICT (person_id) DO UPDATE
                 SET hash = excluded.hash, failed = 0, locked_until = NULL",
                &[&person, &hash],
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
        let until = tries.locked_until.map(Stamp::of);
        // The column is a 32-bit integer on PostgreSQL.
        let failed = i32::try_from(tries.failed).unwrap_or(i32::MAX);
        self.run("counting a wrong PIN", |c| {
            c.execute(
                "UPDATE person_pin SET failed = ?2, locked_until = ?3 WHERE person_id = ?1",
                &[&person, &failed, &until],
            )
            .map(drop)
        })
    }
}

impl Store {
    /// The person's PIN, if they have set one.
    pub fn pin(&self, person: PersonId) -> Result<Option<StoredPin>, StoreError> {
        self.read("reading a PIN", |c| pin(c, person))
    }
}

fn pin(c: Conn, person: PersonId) -> DbResult<Option<StoredPin>> {
    c.query_opt(SELECT_PIN, &[&person], stored_pin)
}

fn stored_pin(row: &Row) -> DbResult<StoredPin> {
    let until: Option<Stamp> = row.get(2)?;
    let locked_until = until
        .map(|at| {
            at.moment()
                .ok_or_else(|| row.invalid(2, format!("`{}` is not a time", at.0)))
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
