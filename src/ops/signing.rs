//! Completing a review and signing it party by party: the assessor
//! completes it (its content is then fixed); the apprentice, the assessor
//! and (where the framework asks) the employer each sign as themselves, in
//! any order; the last signature seals it and its judgements take effect.

use super::checkins::{check_content, enrolment_person, meeting_date, open_draft};
use super::{Field, OpError, Ops, enrolment_of, framework_of, permitted_on};
use crate::domain::permission::{Operation, Subject, permit};
use crate::domain::{CheckinContent, Person, PersonId, ReviewParties, and_list, unsigned};
use crate::framework::Party;
use crate::store::{Change, CheckinState};

/// What a signature did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedReview {
    /// The party the acting person signed as.
    pub party: Party,
    /// The last signature arrived: the review is sealed.
    pub sealed: bool,
    /// Who has yet to sign; empty once sealed.
    pub waiting: Vec<Party>,
}

impl Ops<'_> {
    /// Saves the draft's last content and completes it: from now on it only
    /// waits for its signatures.
    pub fn complete_checkin(&mut self, id: i64, content: &CheckinContent) -> Result<(), OpError> {
        let (actor, clock) = (self.actor, self.clock);
        let change = self.begin()?;
        let state = open_draft(&change, id)?;
        let apprentice = change.person(enrolment_person(&change, &state)?)?;
        permitted_on(&change, actor, Operation::RunCheckin, &apprentice)?;
        check_content(content, meeting_date(&change, id)?)?;
        if content.next_due.is_none() {
            return Err(OpError::invalid(
                Field::NextDate,
                "give the date of the next check-in",
            ));
        }
        if state.date > clock.real_today() {
            return Err(OpError::Refused(format!(
                "check-in {id} is dated {}, a day that has not come yet; it can be completed on that day",
                state.date
            )));
        }
        change.save_draft(id, content)?;
        change.complete_draft(id)?;
        change.commit()?;
        Ok(())
    }

    /// Signs completed check-in `id` as the acting person, in the one party
    /// they are to it; the last signature the framework asks for seals it.
    pub fn sign_review(&mut self, id: i64) -> Result<SignedReview, OpError> {
        let actor = self.actor;
        self.sign_as(id, actor)
    }

    /// Signs check-in `id` as `signer`, a party present at the meeting
    /// held by the acting person, once `pin` proves it is them (asked only
    /// of someone with a PIN). The signature and its history are theirs; a
    /// wrong PIN signs nothing and only counts against `signer`.
    pub fn sign_review_in_person(
        &mut self,
        id: i64,
        signer: PersonId,
        pin: &str,
    ) -> Result<SignedReview, OpError> {
        self.refuse_in_person_on_server(signer)?;
        self.check_pin(signer, pin)?;
        self.sign_as(id, Some(signer))
    }

    /// The one way a review is signed: by `actor`, recorded as them.
    fn sign_as(&mut self, id: i64, actor: Option<PersonId>) -> Result<SignedReview, OpError> {
        let registry = self.registry;
        let change = self.store.change(self.clock.now(), actor)?;
        let actor = actor.ok_or_else(|| {
            OpError::Refused("a review is signed by a person: give --as NAME".into())
        })?;
        let state = awaiting_state(&change, id)?;
        let enrolment = enrolment_of(&change, state.enrolment)?;
        let required = framework_of(registry, &enrolment.framework_id)?
            .review
            .signed_by
            .clone();
        let apprentice = change.person(enrolment_person(&change, &state)?)?;
        let parties = review_parties(&apprentice, &state);
        let signer = change.person(actor)?;
        permit(&signer, Operation::SignReview, &Subject::of(&apprentice))
            .map_err(|refusal| OpError::Refused(refusal.0))?;
        let party = parties
            .party_of(actor)
            .filter(|party| required.contains(party))
            .ok_or_else(|| {
                let what = format!("check-in {id}");
                not_a_party(&change, &apprentice, &parties, &required, &what)
            })?;
        let signed = change.review_signatures(id)?;
        if signed.iter().any(|s| s.party == party) {
            return Err(OpError::Refused(format!(
                "{} has already signed check-in {id} as the {}; a signature is given once",
                signer.name,
                party.as_str()
            )));
        }
        change.add_review_signature(id, party, actor)?;
        let mut parties_signed: Vec<Party> = signed.iter().map(|s| s.party).collect();
        parties_signed.push(party);
        let waiting = unsigned(&required, &parties_signed);
        if waiting.is_empty() {
            change.seal_countersigned(id)?;
        }
        change.commit()?;
        Ok(SignedReview {
            party,
            sealed: waiting.is_empty(),
            waiting,
        })
    }
}

/// The check-in is completed and not yet sealed.
fn awaiting_state(change: &Change, id: i64) -> Result<CheckinState, OpError> {
    let state = change
        .checkin_state(id)?
        .ok_or_else(|| OpError::Refused(format!("no check-in has the id {id}")))?;
    if state.sealed {
        return Err(OpError::Refused(format!(
            "check-in {id} is already signed by everyone and sealed"
        )));
    }
    if !state.completed {
        return Err(OpError::Refused(format!(
            "check-in {id} is not completed yet: its assessor completes it (checkin complete {id}) before anyone signs"
        )));
    }
    Ok(state)
}

fn review_parties(apprentice: &Person, state: &CheckinState) -> ReviewParties {
    ReviewParties {
        apprentice: apprentice.id,
        assessor: Some(state.assessor),
        employer: apprentice.employer_id,
    }
}

/// "only Chloe Adams, the assessor Sam Patel and the employer sign check-in 4".
pub(super) fn not_a_party(
    change: &Change,
    apprentice: &Person,
    parties: &ReviewParties,
    required: &[Party],
    what: &str,
) -> OpError {
    let name = |person| change.person(person).map(|p| p.name).unwrap_or_default();
    let named: Vec<String> = required
        .iter()
        .map(|party| match party {
            Party::Apprentice => apprentice.name.clone(),
            Party::Assessor => match parties.assessor {
                Some(assessor) => format!("the assessor {}", name(assessor)),
                None => "an assessor (none is assigned yet)".to_string(),
            },
            Party::Employer => match parties.employer {
                Some(employer) => format!("the employer {}", name(employer)),
                None => "an employer (none is named yet)".to_string(),
            },
        })
        .collect();
    OpError::Refused(format!(
        "only {} sign {what}, each as themselves",
        and_list(&named)
    ))
}
