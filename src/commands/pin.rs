//! PINs on the command line: the `--as` person's PIN is asked for before a
//! command runs, and `pin set` sets or changes one's own.

use super::pin_input::read_pin;
use super::{CommandError, Context, refuse_acting_as_with_login};
use crate::domain::Person;
use crate::framework::Registry;
use crate::ops::Ops;
use crate::store::Store;
use std::io::Write;
use std::process::ExitCode;

/// Asks for the `--as` person's PIN, if they have one, and refuses the
/// command unless it is right.
pub fn confirm_acting(context: &Context) -> Result<(), CommandError> {
    let Some(query) = &context.acting_as else {
        return Ok(());
    };
    // Opened without the read-only note: the command prints it when it opens.
    let mut store = context.open_database()?;
    if let Some(person) = store.login_person() {
        // The server authenticated the login: no PIN, and nobody else.
        return refuse_acting_as_with_login(context, &store, person);
    }
    let person = store.find_person(query)?;
    if store.pin(person.id)?.is_none() {
        return Ok(());
    }
    let pin = read_pin(&format!("PIN for {}: ", person.name), &person.name)?;
    ops(context, &mut store, &person, &no_frameworks()).check_pin(person.id, &pin)?;
    Ok(())
}

/// `pin set`: the current PIN if there is one, then the new one twice.
pub fn set(context: &Context, out: &mut dyn Write) -> Result<ExitCode, CommandError> {
    let mut store = context.open_store()?;
    if store.login_person().is_some() {
        return Err(CommandError::Refused(
            "your database login says who you are here: PINs are for a database file shared at one desk"
                .into(),
        ));
    }
    let Some(query) = &context.acting_as else {
        return Err(CommandError::Refused(
            "a PIN is set by its owner: give --as YOUR NAME".into(),
        ));
    };
    let person = store.find_person(query)?;
    let name = &person.name;
    let had = store.pin(person.id)?.is_some();
    let old = had
        .then(|| read_pin(&format!("Current PIN for {name}: "), name))
        .transpose()?;
    let new = read_pin(&format!("New PIN for {name}: "), name)?;
    let again = read_pin("New PIN again: ", name)?;
    if new != again {
        return Err(CommandError::Refused(format!(
            "the two new PINs typed for {name} differ; nothing was saved"
        )));
    }
    ops(context, &mut store, &person, &no_frameworks()).set_pin(person.id, old.as_deref(), &new)?;
    let done = if had { "changed" } else { "set" };
    writeln!(out, "PIN {done} for {name}")?;
    Ok(ExitCode::SUCCESS)
}

fn ops<'a>(
    context: &Context,
    store: &'a mut Store,
    person: &Person,
    registry: &'a Registry,
) -> Ops<'a> {
    Ops::new(store, registry, context.clock, Some(person.id))
}

/// PINs read no framework, so none is loaded for them.
fn no_frameworks() -> Registry {
    Registry::of(Vec::new())
}
