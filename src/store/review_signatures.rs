//! A completed review's signatures: each party signs as themselves, once
//! (a trigger refuses changing or removing one), and the last signature
//! seals the review in the same transaction.

use super::change::Change;
use super::checkins::seal_signed;
use super::convert::word;
use super::history::{ChangeKind, RecordKey};
use super::{Store, StoreError, sqlite_error};
use crate::domain::{PersonId, ReviewSignature};
use crate::framework::Party;
use rusqlite::{Connection, params};

impl Change<'_> {
    /// Fixes a draft's content: it now waits for its signatures.
    pub fn complete_draft(&self, id: i64) -> Result<(), StoreError> {
        self.run("completing a check-in", |transaction| {
            transaction
                .prepare_cached(
                    "UPDATE checkin SET completed_at = ?2
                     WHERE id = ?1 AND state = 'draft' AND completed_at IS NULL",
                )?
                .execute(params![id, self.at()])?;
            let fields = [("completed_at", None, Some(self.at().to_string()))];
            self.history(ChangeKind::Update, &RecordKey::Checkin(id), &fields)
        })
    }

    /// Records `person`'s signature of completed check-in `id` as `party`.
    pub fn add_review_signature(
        &self,
        id: i64,
        party: Party,
        person: PersonId,
    ) -> Result<(), StoreError> {
        self.run("signing a check-in", |transaction| {
            transaction
                .prepare_cached(
                    "INSERT INTO checkin_signature (checkin_id, role, person_id, signed_at)
                     VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![id, party.as_str(), person, self.at()])?;
            let field = format!("signature:{}", party.as_str());
            let fields = [(field.as_str(), None, Some(person.to_string()))];
            self.history(ChangeKind::Update, &RecordKey::Checkin(id), &fields)
        })
    }

    /// Check-in `id`'s signatures so far, read inside the change.
    pub fn review_signatures(&self, id: i64) -> Result<Vec<ReviewSignature>, StoreError> {
        self.run("reading signatures", |transaction| {
            signatures_of(transaction, id)
        })
    }

    /// Seals a completed check-in whose every party has signed: the
    /// apprentice's and assessor's names and times go in their columns (as
    /// reviews signed at one sitting keep them), then the seal.
    pub fn seal_countersigned(&self, id: i64) -> Result<(), StoreError> {
        self.run("sealing a check-in", |transaction| {
            transaction
                .prepare_cached(
                    "UPDATE checkin SET
                        apprentice_signed_at = (SELECT signed_at FROM checkin_signature WHERE checkin_id = ?1 AND role = 'apprentice'),
                        apprentice_signature = (SELECT p.name FROM checkin_signature s JOIN person p ON p.id = s.person_id
                                                WHERE s.checkin_id = ?1 AND s.role = 'apprentice'),
                        assessor_signed_at = (SELECT signed_at FROM checkin_signature WHERE checkin_id = ?1 AND role = 'assessor'),
                        assessor_signature = (SELECT p.name FROM checkin_signature s JOIN person p ON p.id = s.person_id
                                              WHERE s.checkin_id = ?1 AND s.role = 'assessor')
                     WHERE id = ?1",
                )?
                .execute([id])?;
            seal_signed(self, transaction, id)
        })
    }
}

impl Store {
    /// Check-in `id`'s signatures, in the order they were given.
    pub fn review_signatures(&self, id: i64) -> Result<Vec<ReviewSignature>, StoreError> {
        signatures_of(&self.connection, id).map_err(sqlite_error(&self.path, "reading signatures"))
    }
}

pub(super) fn signatures_of(
    connection: &Connection,
    id: i64,
) -> rusqlite::Result<Vec<ReviewSignature>> {
    let mut statement = connection.prepare_cached(
        "SELECT s.role, s.person_id, p.name, s.signed_at
         FROM checkin_signature s JOIN person p ON p.id = s.person_id
         WHERE s.checkin_id = ?1 ORDER BY s.signed_at, s.rowid",
    )?;
    let rows = statement.query_map([id], |row| {
        Ok(ReviewSignature {
            party: word(row, 0, Party::parse)?,
            person_id: row.get(1)?,
            name: row.get(2)?,
            at: row.get(3)?,
        })
    })?;
    rows.collect()
}
