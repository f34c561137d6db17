//! The gateway sign-off: once every gateway rule is met, each party the
//! framework names (the employer confirming readiness, the assessor, the
//! apprentice agreeing) signs as themselves, in any order; the last
//! signature seals it.

use super::signing::not_a_party;
use super::{OpError, Ops, acting, enrolled, framework_of};
use crate::domain::permission::Subject;
use crate::domain::standing::{GatewayStanding, Subject as Assessed, assess};
use crate::domain::{
    Enrolment, Operation, Person, PersonId, ReviewParties, gateway_signers, permit, rules_record,
    signature_words, signoff_blocked, unsigned,
};
use crate::framework::{Framework, Party};
use crate::store::Change;
use chrono::NaiveDate;

/// What a gateway signature did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedGateway {
    /// The party the signer signed as.
    pub party: Party,
    /// The last signature arrived: the sign-off is sealed.
    pub sealed: bool,
    /// Who has yet to sign, in the framework's order; empty once sealed.
    pub waiting: Vec<Party>,
}

impl SignedGateway {
    /// "signed Amy Clark's gateway sign-off as the employer; awaiting
    /// assessor and apprentice signatures".
    pub fn describe(&self, name: &str) -> String {
        let rest = if self.sealed {
            "every party has signed and it is sealed".to_string()
        } else {
            format!("awaiting {}", signature_words(&self.waiting))
        };
        format!(
            "signed {name}'s gateway sign-off as the {}; {rest}",
            self.party.as_str()
        )
    }
}

impl Ops<'_> {
    /// Signs `person`'s gateway sign-off as the acting person, in the one
    /// party they are to her.
    pub fn sign_gateway(&mut self, person: PersonId) -> Result<SignedGateway, OpError> {
        let signer = self.actor;
        self.sign_gateway_as(person, signer)
    }

    /// Signs `person`'s gateway sign-off as `signer`, present at the acting
    /// person's app, once `pin` is shown to be theirs.
    pub fn sign_gateway_in_person(
        &mut self,
        person: PersonId,
        signer: PersonId,
        pin: &str,
    ) -> Result<SignedGateway, OpError> {
        self.refuse_in_person_on_server(signer)?;
        self.check_pin(signer, pin)?;
        self.sign_gateway_as(person, Some(signer))
    }

    /// The signature and its history are the signer's own.
    fn sign_gateway_as(
        &mut self,
        person: PersonId,
        signer: Option<PersonId>,
    ) -> Result<SignedGateway, OpError> {
        let (registry, today) = (self.registry, self.clock.today());
        let change = self.store.change(self.clock.now(), signer)?;
        let signer = acting(&change, signer)?;
        let (apprentice, enrolment) = enrolled(&change, person)?;
        let framework = framework_of(registry, &enrolment.framework_id)?;
        permit(
            &signer,
            Operation::ConfirmGateway,
            &Subject::of(&apprentice),
        )
        .map_err(|refusal| OpError::Refused(refusal.0))?;
        let party = party_of(&change, &signer, &apprentice, framework)?;
        let record = change.gateway_signoff(enrolment.id)?;
        let what = sign_off_of(&apprentice);
        if record.seal.is_some() {
            return Err(OpError::Refused(format!(
                "{what} is already signed by everyone and sealed"
            )));
        }
        let mut signed = record.signed_parties();
        if signed.contains(&party) {
            return Err(OpError::Refused(format!(
                "{} has already signed {what} as the {}; a signature is given once",
                signer.name,
                party.as_str()
            )));
        }
        let gateway = gateway_now(&change, framework, &apprentice, &enrolment, today)?;
        if let Some(refusal) = signoff_blocked(&apprentice.name, &gateway) {
            return Err(OpError::Refused(refusal));
        }
        change.add_gateway_signature(enrolment.id, party, signer.id, &rules_record(&gateway))?;
        signed.push(party);
        let waiting = unsigned(gateway_signers(framework), &signed);
        if waiting.is_empty() {
            change.seal_gateway(enrolment.id)?;
        }
        change.commit()?;
        Ok(SignedGateway {
            party,
            sealed: waiting.is_empty(),
            waiting,
        })
    }
}

/// "Amy Clark's gateway sign-off".
fn sign_off_of(apprentice: &Person) -> String {
    format!("{}'s gateway sign-off", apprentice.name)
}

/// The party `signer` signs as: themselves, where the framework asks for them.
fn party_of(
    change: &Change,
    signer: &Person,
    apprentice: &Person,
    framework: &Framework,
) -> Result<Party, OpError> {
    let required = gateway_signers(framework);
    if required.is_empty() {
        return Err(OpError::Refused(format!(
            "{} asks for no gateway sign-off",
            framework.framework.title
        )));
    }
    let parties = ReviewParties {
        apprentice: apprentice.id,
        assessor: apprentice.assessor_id,
        employer: apprentice.employer_id,
    };
    parties
        .party_of(signer.id)
        .filter(|party| required.contains(party))
        .ok_or_else(|| {
            let what = sign_off_of(apprentice);
            not_a_party(change, apprentice, &parties, required, &what)
        })
}

/// The gateway rules as they stand inside the change.
fn gateway_now(
    change: &Change,
    framework: &Framework,
    apprentice: &Person,
    enrolment: &Enrolment,
    today: NaiveDate,
) -> Result<GatewayStanding, OpError> {
    let progress = change.progress(enrolment)?;
    let breaks = change.learning_breaks(enrolment.id)?;
    let standing = assess(&Assessed {
        person: apprentice,
        framework,
        progress: &progress,
        breaks: &breaks,
        today,
    });
    standing
        .gateway
        .ok_or_else(|| OpError::Refused(format!("{} has no gateway", framework.framework.title)))
}
