//! The gateway sign-off: once every gateway rule is met, each party the
//! framework names signs that the apprentice is ready, as themselves and
//! in any order; the last signature seals it.

use super::standing::GatewayStanding;
use super::{Person, PersonId, ReviewParties, ReviewSignature, unsigned};
use crate::framework::{Framework, Party};
use serde::Serialize;

/// A sign-off as recorded: the signatures so far and, once sealed, its seal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct GatewaySignoff {
    /// In the order they were given.
    pub signatures: Vec<ReviewSignature>,
    pub seal: Option<GatewaySeal>,
}

/// When a sign-off was sealed, and its seal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GatewaySeal {
    pub at: String,
    pub hash: String,
}

impl GatewaySignoff {
    /// The parties who have signed, in the order they signed.
    pub fn signed_parties(&self) -> Vec<Party> {
        self.signatures.iter().map(|s| s.party).collect()
    }
}

/// Where the sign-off stands: who signed and when, who is awaited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignoffStanding {
    pub signed: Vec<ReviewSignature>,
    /// Who has yet to sign, in the framework's order; empty once sealed.
    pub awaiting: Vec<Party>,
    pub sealed: Option<GatewaySeal>,
}

impl SignoffStanding {
    /// The day the last signature sealed it (stored times are ISO, UTC).
    pub fn sealed_on(&self) -> Option<&str> {
        self.sealed.as_ref().map(|seal| day_of(&seal.at))
    }
}

/// The sign-off's standing; none when the framework asks for no sign-off.
pub fn signoff_standing(framework: &Framework, record: &GatewaySignoff) -> Option<SignoffStanding> {
    let required = gateway_signers(framework);
    if required.is_empty() {
        return None;
    }
    Some(SignoffStanding {
        signed: record.signatures.clone(),
        awaiting: unsigned(required, &record.signed_parties()),
        sealed: record.seal.clone(),
    })
}

/// The parties the framework asks to sign its gateway sign-off.
pub fn gateway_signers(framework: &Framework) -> &[Party] {
    framework
        .gateway
        .as_ref()
        .map_or(&[], |gateway| &gateway.signed_by)
}

/// The party `viewer` may sign `person`'s sign-off as now: every gateway
/// rule met, not yet sealed, and `viewer` one of the parties the framework
/// asks for who has yet to sign.
pub fn awaited_signer(
    person: &Person,
    gateway: Option<&GatewayStanding>,
    signoff: Option<&SignoffStanding>,
    viewer: PersonId,
) -> Option<Party> {
    let signoff = signoff.filter(|s| s.sealed.is_none())?;
    gateway.filter(|g| g.ready)?;
    let parties = ReviewParties {
        apprentice: person.id,
        assessor: person.assessor_id,
        employer: person.employer_id,
    };
    parties
        .party_of(viewer)
        .filter(|party| signoff.awaiting.contains(party))
}

/// The gateway rules as they stand, as a signature keeps them: a line per
/// rule, `id<TAB>met` or `id<TAB>unmet`.
pub fn rules_record(gateway: &GatewayStanding) -> String {
    gateway
        .rules
        .iter()
        .map(|rule| {
            let met = if rule.met { "met" } else { "unmet" };
            format!("{}\t{met}\n", rule.id)
        })
        .collect()
}

/// Why nobody signs yet, in one line: every unmet rule's blocker.
pub fn signoff_blocked(name: &str, gateway: &GatewayStanding) -> Option<String> {
    (!gateway.ready).then(|| {
        format!(
            "{name}'s gateway sign-off waits until every gateway rule is met: {}",
            gateway.blockers.join("; ")
        )
    })
}

/// A sealed gateway sign-off whose seal no longer holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GatewaySealProblem {
    pub enrolment_id: i64,
    pub person: String,
    pub problem: String,
}

/// "2026-11-21" of "2026-11-21T10:00:00.000Z".
pub fn day_of(at: &str) -> &str {
    at.get(..10).unwrap_or(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::PersonId;
    use crate::domain::standing::RuleStanding;

    fn rule(id: &str, blocker: Option<&str>) -> RuleStanding {
        RuleStanding {
            id: id.into(),
            title: id.into(),
            met: blocker.is_none(),
            blocker: blocker.map(str::to_string),
        }
    }

    #[test]
    fn a_blocked_sign_off_names_every_blocker_on_one_line() {
        let gateway = GatewayStanding {
            title: "Gateway".into(),
            ready: false,
            blockers: vec![
                "Diploma not yet achieved".into(),
                "LO2 not yet judged competent".into(),
            ],
            rules: vec![
                rule("diploma", Some("Diploma not yet achieved")),
                rule("hours", None),
                rule("outcomes", Some("LO2 not yet judged competent")),
            ],
        };
        let refusal = signoff_blocked("Dan Hughes", &gateway).expect("blocked");
        assert_eq!(
            refusal,
            "Dan Hughes's gateway sign-off waits until every gateway rule is met: Diploma not yet achieved; LO2 not yet judged competent"
        );
        assert!(!refusal.contains('\n'));
        assert_eq!(
            rules_record(&gateway),
            "diploma\tunmet\nhours\tmet\noutcomes\tunmet\n"
        );
        let ready = GatewayStanding {
            ready: true,
            blockers: Vec::new(),
            ..gateway
        };
        assert_eq!(signoff_blocked("Dan Hughes", &ready), None);
    }

    #[test]
    fn the_sign_off_awaits_the_parties_who_have_not_signed_in_the_frameworks_order() {
        let record = GatewaySignoff {
            signatures: vec![ReviewSignature {
                party: Party::Assessor,
                person_id: PersonId(2),
                name: "Sam Patel".into(),
                at: "2026-11-21T10:00:00.000Z".into(),
            }],
            seal: None,
        };
        let required = [Party::Employer, Party::Assessor, Party::Apprentice];
        assert_eq!(
            unsigned(&required, &record.signed_parties()),
            [Party::Employer, Party::Apprentice]
        );
        assert_eq!(day_of("2026-11-21T10:00:00.000Z"), "2026-11-21");
    }
}
