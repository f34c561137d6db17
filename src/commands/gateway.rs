//! `gateway sign PERSON` and `gateway show PERSON`: the gateway sign-off,
//! signed by the `--as` person as themselves.

use super::{CommandError, Context};
use crate::ops::record_of;
use crate::report::{signoff_lines, signoff_state};
use std::io::Write;
use std::process::ExitCode;

pub fn sign(context: &Context, query: &str, out: &mut dyn Write) -> Result<ExitCode, CommandError> {
    let (mut store, registry) = (context.open_store()?, context.registry()?);
    let person = store.find_person(query)?;
    let signed = context
        .ops(&mut store, &registry)?
        .sign_gateway(person.id)?;
    writeln!(out, "{}", signed.describe(&person.name))?;
    Ok(ExitCode::SUCCESS)
}

/// Whether the rules are met, who has signed, who is awaited, the seal.
pub fn show(context: &Context, query: &str, out: &mut dyn Write) -> Result<ExitCode, CommandError> {
    let (store, registry) = (context.open_store()?, context.registry()?);
    let person = store.find_person(query)?;
    let standing = record_of(&store, &registry, person, context.today())?.standing;
    let name = &standing.person.name;
    let Some(signoff) = &standing.gateway_signoff else {
        writeln!(
            out,
            "{}: {} asks for no gateway sign-off",
            name, standing.framework.title
        )?;
        return Ok(ExitCode::SUCCESS);
    };
    let ready = standing.gateway.as_ref().is_some_and(|g| g.ready);
    writeln!(
        out,
        "{name}'s gateway sign-off: {}",
        signoff_state(signoff, ready)
    )?;
    if let Some(gateway) = &standing.gateway {
        if gateway.ready {
            writeln!(out, "every gateway rule is met")?;
        } else {
            writeln!(out, "not ready: {}", gateway.blockers.join("; "))?;
        }
    }
    for line in signoff_lines(signoff) {
        writeln!(out, "{line}")?;
    }
    Ok(ExitCode::SUCCESS)
}
