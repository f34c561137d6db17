//! The one way in for every change. Each user action is one function here:
//! it takes the acting person and the clock, checks the input with the
//! domain's rules, and applies the change and its history in ONE IMMEDIATE
//! transaction, so checks that read stored data (the daily cap, one open
//! draft, the version a screen was read from) hold when it commits. The
//! command line and the app call these and hold no rule of their own.

mod checkins;
mod clock;
mod demo;
mod details;
mod error;
mod people;
mod pins;
mod read;
mod records;
mod signing;

pub use checkins::{CheckinStarted, LookingBack, Signatures, agreed_action, looking_back};
pub use clock::Clock;
pub use details::Details;
pub use error::{Field, OpError};
pub use people::Enrolling;
pub use read::{PersonRecord, person_record, record_of};
pub use records::{EvidenceInput, HoursInput, LoggedHours, RequirementInput, Written};
pub use signing::SignedReview;

use crate::domain::{Enrolment, EnrolmentId, Person, PersonId, Version};
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
