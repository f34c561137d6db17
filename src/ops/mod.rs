//! The one way in for every change. Each user action is one function here:
//! it takes the acting person and the clock, checks the input with the
//! domain's rules, and applies the change and its history in ONE IMMEDIATE
//! transaction, so checks that read stored data (the daily cap, one open
//! draft, the version a screen was read from) hold when it commits. The
//! command line and the app call these and hold no rule of their own.
//! Every change is made by a person, and the domain's permission table is
//! asked first whether their role allows it on whose records.

mod checkins;
mod clock;
mod demo;
mod details;
mod epa;
mod error;
mod gateway;
mod hours_review;
mod people;
mod pins;
mod plan;
mod read;
mod records;
mod signing;

pub use checkins::{CheckinStarted, LookingBack, agreed_action, looking_back};
pub use clock::Clock;
pub use demo::DEMO_ADMINISTRATOR;
pub use details::Details;
pub use epa::{EpaInput, UnitInput};
pub use error::{Field, OpError};
pub use gateway::SignedGateway;
pub use people::Enrolling;
pub use plan::PlanInput;
pub use read::{PersonRecord, person_record, record_of};
pub use records::{EvidenceInput, HoursInput, LoggedHours, RequirementInput, Written};
pub use signing::SignedReview;

use crate::domain::permission::Subject;
use crate::domain::{Enrolment, EnrolmentId, Operation, Person, PersonId, Version, permit};
use crate::framework::{Framework, Registry};
use crate::store::{Change, RecordKey, Store};

/// A person acting on the store, as of a clock.
pub struct Ops<'a> {
    store: &'a mut Store,
    registry: &'a Registry,
    clock: Clock,
    actor: Option<PersonId>,
}

impl<'a> Ops<'a> {
    pub fn new(
        store: &'a mut Store,
        registry: &'a Registry,
        clock: Clock,
        actor: Option<PersonId>,
    ) -> Ops<'a> {
        Ops {
            store,
            registry,
            clock,
            actor,
        }
    }

    /// Opens the one transaction of an action.
    fn begin(&mut self) -> Result<Change<'_>, OpError> {
        Ok(self.store.change(self.clock.now(), self.actor)?)
    }
}

/// Why a change with nobody acting is refused.
pub const NOBODY_ACTING: &str =
    "no change is recorded without the person making it: give --as NAME";

/// The person making the change.
fn acting(change: &Change, actor: Option<PersonId>) -> Result<Person, OpError> {
    let actor = actor.ok_or_else(|| OpError::Refused(NOBODY_ACTING.into()))?;
    Ok(change.person(actor)?)
}

/// The person making the change, if the permission table lets their role
/// take `operation` on `subject`'s records.
fn permitted(
    change: &Change,
    actor: Option<PersonId>,
    operation: Operation,
    subject: &Subject,
) -> Result<Person, OpError> {
    let actor = acting(change, actor)?;
    permit(&actor, operation, subject).map_err(|refusal| OpError::Refused(refusal.0))?;
    Ok(actor)
}

/// As `permitted`, on the records of `person`.
fn permitted_on(
    change: &Change,
    actor: Option<PersonId>,
    operation: Operation,
    person: &Person,
) -> Result<Person, OpError> {
    permitted(change, actor, operation, &Subject::of(person))
}

/// A person and the enrolment records are made against.
fn enrolled(change: &Change, person: PersonId) -> Result<(Person, Enrolment), OpError> {
    let person = change.person(person)?;
    match change.latest_enrolment(person.id)? {
        Some(enrolment) => Ok((person, enrolment)),
        None => Err(OpError::Refused(format!(
            "{} is not enrolled on any framework",
            person.name
        ))),
    }
}

/// The framework an enrolment names.
fn framework_of<'r>(registry: &'r Registry, framework_id: &str) -> Result<&'r Framework, OpError> {
    registry.get(framework_id)?.ok_or_else(|| {
        OpError::Refused(format!(
            "the framework `{framework_id}` is not bundled; give its file with --standard FILE"
        ))
    })
}

impl Ops<'_> {
    /// On a server the login says who signs: another party at the meeting
    /// signs from their own login, not with a PIN at someone else's.
    fn refuse_in_person_on_server(&self, signer: PersonId) -> Result<(), OpError> {
        if self.store.login_person().is_none() || self.actor == Some(signer) {
            return Ok(());
        }
        let name = self.store.person(signer)?.name;
        Err(OpError::Refused(format!(
            "on a shared database {name} signs from their own login"
        )))
    }
}

/// The enrolment with this id.
fn enrolment_of(change: &Change, id: EnrolmentId) -> Result<Enrolment, OpError> {
    change
        .enrolment(id)?
        .ok_or_else(|| OpError::Gone(format!("enrolment {} is not recorded", id.0)))
}

/// Refuses a write based on a state of the record that is no longer
/// current: someone else changed it since the screen was read.
fn expect_version(
    change: &Change,
    key: &RecordKey,
    base: Option<Version>,
    what: impl FnOnce() -> String,
) -> Result<(), OpError> {
    let Some(base) = base else {
        return Ok(());
    };
    if change.version(key)? == base {
        return Ok(());
    }
    let last = change.last_change(key)?;
    Err(OpError::Stale {
        what: what(),
        by: last.as_ref().and_then(|l| l.actor.clone()),
        at: last.map(|l| l.at).unwrap_or_default(),
    })
}
