//! An enrolment's gateway sign-off: each party's signature, added once (a
//! trigger refuses changing or removing one), and the seal the last
//! signature makes in the same transaction.

use super::change::Change;
use super::checkins::chain_end;
use super::convert::{Stamp, word};
use super::db::{Conn, DbResult};
use super::gateway_seals::canonical_signoff;
use super::history::{ChangeKind, RecordKey};
use super::{Store, StoreError};
use crate::domain::{EnrolmentId, GatewaySeal, GatewaySignoff, PersonId, ReviewSignature, seal};
use crate::framework::Party;

impl Change<'_> {
    /// The enrolment's sign-off so far, read inside the change.
    pub fn gateway_signoff(&self, enrolment: EnrolmentId) -> Result<GatewaySignoff, StoreError> {
        self.run("reading the gateway sign-off", |c| signoff_of(c, enrolment))
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
        self.run("signing the gateway sign-off", |c| {
            c.execute(
                "INSERT INTO gateway_signature (enrolment_id, role, person_id, signed_at, rules)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                &[&enrolment, &party.as_str(), &person, self.stamp(), &rules],
            )?;
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
        self.run("sealing the gateway sign-off", |c| {
            let previous = chain_end(c, enrolment.0)?;
            let content = canonical_signoff(c, enrolment.0, self.stamp())?;
            let hash = seal(previous.as_deref(), &content);
            c.execute(
                "INSERT INTO gateway_seal (enrolment_id, sealed_at, seal_hash, previous_seal_hash)
                 VALUES (?1, ?2, ?3, ?4)",
                &[&enrolment, self.stamp(), &hash, &previous],
            )?;
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
        self.read("reading the gateway sign-off", |c| signoff_of(c, enrolment))
    }
}

pub(super) fn signoff_of(c: Conn, enrolment: EnrolmentId) -> DbResult<GatewaySignoff> {
    let sql = format!(
        "SELECT s.role, s.person_id, p.name, s.signed_at
         FROM gateway_signature s JOIN person p ON p.id = s.person_id
         WHERE s.enrolment_id = ?1 ORDER BY s.signed_at, {}",
        c.dialect().written_order("s")
    );
    let signatures = c.query(&sql, &[&enrolment], |row| {
        Ok(ReviewSignature {
            party: word(row, 0, Party::parse)?,
            person_id: row.get(1)?,
            name: row.get(2)?,
            at: row.get::<Stamp>(3)?.0,
        })
    })?;
    let seal = c.query_opt(
        "SELECT sealed_at, seal_hash FROM gateway_seal WHERE enrolment_id = ?1",
        &[&enrolment],
        |row| {
            Ok(GatewaySeal {
                at: row.get::<Stamp>(0)?.0,
                hash: row.get(1)?,
            })
        },
    )?;
    Ok(GatewaySignoff { signatures, seal })
}
