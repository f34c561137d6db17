//! An enrolment's gateway sign-off: each party's signature, added once (a
//! trigger refuses changing or removing one), and the seal the last
//! signature makes in the same transaction.

use super::change::Change;
use super::checkins::chain_end;
use super::convert::word;
use super::gateway_seals::canonical_signoff;
use super::history::{ChangeKind, RecordKey};
use super::{Store, StoreError, sqlite_error};
use crate::domain::{EnrolmentId, GatewaySeal, GatewaySignoff, PersonId, ReviewSignature, seal};
use crate::framework::Party;
use rusqlite::{Connection, OptionalExtension, params};

impl Change<'_> {
    /// The enrolment's sign-off so far, read inside the change.
    pub fn gateway_signoff(&self, enrolment: EnrolmentId) -> Result<GatewaySignoff, StoreError> {
        self.run("reading the gateway sign-off", |transaction| {
            signoff_of(transaction, enrolment)
        })
    }

    /// Records `person`'s signature as `party`, with the gateway rules as
    /// they stand (`rules`, as `domain::rules_record` writes them).
    pub fn add_gateway_signature(
        &self,
        enrolment: EnrolmentId,
        party: Party,
        person: PersonId,
        rules: &str,
    ) -> Result<(), StoreError> {
        self.run("signing the gateway sign-off", |transaction| {
            transaction
                .prepare_cached(
                    "INSERT INTO gateway_signature (enrolment_id, role, person_id, signed_at, rules)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(params![enrolment, party.as_str(), person, self.at(), rules])?;
            let field = format!("signature:{}", party.as_str());
            let fields = [
                (field.as_str(), None, Some(person.to_string())),
                ("rules", None, Some(rules.to_string())),
            ];
            let key = RecordKey::GatewaySignoff(enrolment);
            self.history(ChangeKind::Insert, &key, &fields)
        })
    }

    /// Seals the sign-off over the enrolment and every signature, after the
    /// enrolment's last sealed check-in; returns the seal.
    pub fn seal_gateway(&self, enrolment: EnrolmentId) -> Result<String, StoreError> {
        self.run("sealing the gateway sign-off", |transaction| {
            let previous = chain_end(transaction, enrolment.0)?;
            let content = canonical_signoff(transaction, enrolment.0, self.at())?;
            let hash = seal(previous.as_deref(), &content);
            transaction
                .prepare_cached(
                    "INSERT INTO gateway_seal (enrolment_id, sealed_at, seal_hash, previous_seal_hash)
                     VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![enrolment, self.at(), hash, previous])?;
            let fields = [("seal_hash", None, Some(hash.clone()))];
            let key = RecordKey::GatewaySignoff(enrolment);
            self.history(ChangeKind::Update, &key, &fields)?;
            Ok(hash)
        })
    }
}

impl Store {
    /// The enrolment's gateway sign-off: signatures so far, and its seal.
    pub fn gateway_signoff(&self, enrolment: EnrolmentId) -> Result<GatewaySignoff, StoreError> {
        signoff_of(&self.connection, enrolment)
            .map_err(sqlite_error(&self.path, "reading the gateway sign-off"))
    }
}

pub(super) fn signoff_of(
    connection: &Connection,
    enrolment: EnrolmentId,
) -> rusqlite::Result<GatewaySignoff> {
    let mut statement = connection.prepare_cached(
        "SELECT s.role, s.person_id, p.name, s.signed_at
         FROM gateway_signature s JOIN person p ON p.id = s.person_id
         WHERE s.enrolment_id = ?1 ORDER BY s.signed_at, s.rowid",
    )?;
    let rows = statement.query_map([enrolment], |row| {
        Ok(ReviewSignature {
            party: word(row, 0, Party::parse)?,
            person_id: row.get(1)?,
            name: row.get(2)?,
            at: row.get(3)?,
        })
    })?;
    let signatures = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    let seal = connection
        .prepare_cached("SELECT sealed_at, seal_hash FROM gateway_seal WHERE enrolment_id = ?1")?
        .query_row([enrolment], |row| {
            Ok(GatewaySeal {
                at: row.get(0)?,
                hash: row.get(1)?,
            })
        })
        .optional()?;
    Ok(GatewaySignoff { signatures, seal })
}
