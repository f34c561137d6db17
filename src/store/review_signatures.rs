//! A completed review's signatures: each party signs as themselves, once
//! (a trigger refuses changing or removing one), and the last signature
//! seals the review in the same transaction.

use super::change::Change;
use super::checkins::seal_signed;
use super::convert::{Stamp, word};
use super::db::{Conn, DbResult};
use super::history::{ChangeKind, RecordKey};
use super::{Store, StoreError};
use crate::domain::{PersonId, ReviewSignature};
use crate::framework::Party;

impl Change<'_> {
    /// Fixes a draft's content: it now waits for its signatures.
    pub fn complete_draft(&self, id: i64) -> Result<(), StoreError> {
        self.run("completing a check-in", |c| {
            c.execute(
                "UPDATE checkin SET completed_at = ?2
                 WHERE id = ?1 AND state = 'draft' AND completed_at IS NULL",
                &[&id, self.stamp()],
            )?;
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
        self.run("signing a check-in", |c| {
            c.execute(
                "INSERT INTO checkin_signature (checkin_id, role, person_id, signed_at)
                 VALUES (?1, ?2, ?3, ?4)",
                &[&id, &party.as_str(), &person, self.stamp()],
            )?;
            let field = format!("signature:{}", party.as_str());
            let fields = [(field.as_str(), None, Some(person.to_string()))];
            self.history(ChangeKind::Update, &RecordKey::Checkin(id), &fields)
        })
    }

    /// Check-in `id`'s signatures so far, read inside the change.
    pub fn review_signatures(&self, id: i64) -> Result<Vec<ReviewSignature>, StoreError> {
        self.run("reading signatures", |c| signatures_of(c, id))
    }

    /// Seals a completed check-in whose every party has signed: the
    /// apprentice's and assessor's names and times go in their columns (as
    /// reviews signed at one sitting keep them, as text), then the seal.
    pub fn seal_countersigned(&self, id: i64) -> Result<(), StoreError> {
        self.run("sealing a check-in", |c| {
            let signatures = signatures_of(c, id)?;
            let of = |party: Party| signatures.iter().find(|s| s.party == party);
            let apprentice = of(Party::Apprentice);
            let assessor = of(Party::Assessor);
            c.execute(
                "UPDATE checkin SET apprentice_signed_at = ?2, apprentice_signature = ?3,
                                    assessor_signed_at = ?4, assessor_signature = ?5
                 WHERE id = ?1",
                &[
                    &id,
                    &apprentice.map(|s| s.at.as_str()),
                    &apprentice.map(|s| s.name.as_str()),
                    &assessor.map(|s| s.at.as_str()),
                    &assessor.map(|s| s.name.as_str()),
                ],
            )?;
            seal_signed(self, c, id)
        })
    }
}

impl Store {
    /// Check-in `id`'s signatures, in the order they were given.
    pub fn review_signatures(&self, id: i64) -> Result<Vec<ReviewSignature>, StoreError> {
        self.read("reading signatures", |c| signatures_of(c, id))
    }
}

pub(super) fn signatures_of(c: Conn, id: i64) -> DbResult<Vec<ReviewSignature>> {
    let sql = format!(
        "SELECT s.role, s.person_id, p.name, s.signed_at
         FROM checkin_signature s JOIN person p ON p.id = s.person_id
         WHERE s.checkin_id = ?1 ORDER BY s.signed_at, {}",
        c.dialect().written_order("s")
    );
    c.query(&sql, &[&id], |row| {
        Ok(ReviewSignature {
            party: word(row, 0, Party::parse)?,
            person_id: row.get(1)?,
            name: row.get(2)?,
            at: row.get::<Stamp>(3)?.0,
        })
    })
}
