//! Personal PINs: a person sets or changes their own, and a PIN is checked
//! before anyone acts or signs as its owner. Only an Argon2id hash is kept.
//! A wrong PIN changes nothing but its owner's count of wrong tries; the
//! last allowed wrong try locks them out for a while.

use super::{Field, OpError, Ops};
use crate::domain::{Person, PersonId, PinTries, check_new_pin, counted};
use crate::store::{Change, StoredPin};
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{Error as HashError, PasswordHasher, PasswordVerifier};
use chrono::{DateTime, Utc};

impl Ops<'_> {
    /// Sets the acting person's own PIN; replacing one asks for it (`old`).
    pub fn set_pin(
        &mut self,
        person: PersonId,
        old: Option<&str>,
        new: &str,
    ) -> Result<(), OpError> {
        check_new_pin(new).map_err(|m| OpError::invalid(Field::Pin, m))?;
        // Hashing is slow by design: done before the write lock is taken.
        let hash = hash_pin(new)?;
        let now = self.clock.now();
        let actor = self.actor;
        let change = self.begin()?;
        let who = change.person(person)?;
        if actor != Some(person) {
            return Err(OpError::Refused(format!(
                "only {} may set their own PIN: give --as {0}",
                who.name
            )));
        }
        if let Some(stored) = change.pin(person)? {
            let old = old.ok_or_else(|| {
                OpError::Refused(format!("{} has a PIN: give it to change it", who.name))
            })?;
            if let Err(refusal) = try_pin(&change, &who, &stored, old, now) {
                change.commit()?;
                return Err(refusal);
            }
        }
        change.set_pin_hash(person, &hash)?;
        change.commit()?;
        Ok(())
    }

    /// Passes when `pin` is the person's PIN, or they have none. A wrong
    /// PIN is counted against its owner (and nothing else is written); a
    /// locked person is refused without checking.
    pub fn check_pin(&mut self, person: PersonId, pin: &str) -> Result<(), OpError> {
        let now = self.clock.now();
        if self.store.is_read_only() {
            // Nothing can be written, so nothing can be counted either.
            let who = self.store.person(person)?;
            return match self.store.pin(person)? {
                Some(stored) => verify_only(&who, &stored, pin, now),
                None => Ok(()),
            };
        }
        // Checking who someone is is no one's change: no actor is needed.
        let change = self.store.change(now, self.actor)?;
        let who = change.person(person)?;
        let Some(stored) = change.pin(person)? else {
            return Ok(());
        };
        let outcome = try_pin(&change, &who, &stored, pin, now);
        change.commit()?;
        outcome
    }
}

/// Checks `pin` inside `change`, writing the count of wrong tries; the
/// caller commits whatever the outcome.
fn try_pin(
    change: &Change,
    who: &Person,
    stored: &StoredPin,
    pin: &str,
    now: DateTime<Utc>,
) -> Result<(), OpError> {
    if let Some(until) = stored.tries.locked_at(now) {
        return Err(locked(who, until, now));
    }
    if matches(who, &stored.hash, pin)? {
        if stored.tries != PinTries::default() {
            change.set_pin_tries(who.id, PinTries::default())?;
        }
        return Ok(());
    }
    let tries = stored.tries.after_wrong(now);
    change.set_pin_tries(who.id, tries)?;
    Err(wrong(who, tries))
}

/// The check on a database that cannot be written: the lock is kept to,
/// but a wrong try cannot be counted.
fn verify_only(
    who: &Person,
    stored: &StoredPin,
    pin: &str,
    now: DateTime<Utc>,
) -> Result<(), OpError> {
    if let Some(until) = stored.tries.locked_at(now) {
        return Err(locked(who, until, now));
    }
    if matches(who, &stored.hash, pin)? {
        Ok(())
    } else {
        Err(OpError::Refused(format!("wrong PIN for {}", who.name)))
    }
}

/// The PHC string of `pin`: Argon2id with its default parameters and a
/// random salt.
fn hash_pin(pin: &str) -> Result<String, OpError> {
    Argon2::default()
        .hash_password(pin.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| {
            OpError::Refused(format!(
                "the PIN could not be hashed ({e}); nothing was saved"
            ))
        })
}

/// Whether `pin` is the one `hash` was made from.
fn matches(who: &Person, hash: &str, pin: &str) -> Result<bool, OpError> {
    let damaged = |e: &dyn std::fmt::Display| {
        OpError::Refused(format!(
            "the PIN stored for {} cannot be read ({e}); the database may be damaged",
            who.name
        ))
    };
    let parsed = PasswordHash::new(hash).map_err(|e| damaged(&e))?;
    match Argon2::default().verify_password(pin.as_bytes(), &parsed) {
        Ok(()) => Ok(true),
        Err(HashError::PasswordInvalid) => Ok(false),
        Err(e) => Err(damaged(&e)),
    }
}

fn wrong(who: &Person, tries: PinTries) -> OpError {
    let name = &who.name;
    OpError::Refused(if tries.locked_until.is_some() {
        format!("wrong PIN for {name}: {name} is locked for a minute after too many wrong tries")
    } else {
        format!(
            "wrong PIN for {name} ({} left before a minute's lock-out)",
            counted(usize::try_from(tries.left()).unwrap_or(0), "try", "tries")
        )
    })
}

fn locked(who: &Person, until: DateTime<Utc>, now: DateTime<Utc>) -> OpError {
    let seconds = (until - now).num_seconds().max(1);
    OpError::Refused(format!(
        "{} is locked after too many wrong PINs; try again in {}",
        who.name,
        counted(usize::try_from(seconds).unwrap_or(1), "second", "seconds")
    ))
}
