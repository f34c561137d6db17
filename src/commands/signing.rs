//! `checkin complete ID` and `checkin sign ID`: the assessor completes a
//! review, then each party signs it as the `--as` person.

use super::{CommandError, Context};
use crate::domain::signature_words;
use std::io::Write;
use std::process::ExitCode;

/// Completes the draft with the content it was last saved with.
pub fn complete(context: &Context, id: i64, out: &mut dyn Write) -> Result<ExitCode, CommandError> {
    let (mut store, registry) = (context.open_store()?, context.registry()?);
    let content = store
        .checkin(id)
        .map_err(|_| CommandError::Refused(format!("no check-in has the id {id}")))?
        .content;
    context
        .ops(&mut store, &registry)?
        .complete_checkin(id, &content)?;
    writeln!(
        out,
        "completed check-in {id}; each party signs it with `checkin sign {id} --as NAME`"
    )?;
    Ok(ExitCode::SUCCESS)
}

pub fn sign(context: &Context, id: i64, out: &mut dyn Write) -> Result<ExitCode, CommandError> {
    let (mut store, registry) = (context.open_store()?, context.registry()?);
    let signed = context.ops(&mut store, &registry)?.sign_review(id)?;
    let party = signed.party.as_str();
    if signed.sealed {
        writeln!(
            out,
            "signed check-in {id} as the {party}; every party has signed and it is sealed"
        )?;
    } else {
        writeln!(
            out,
            "signed check-in {id} as the {party}; awaiting {}",
            signature_words(&signed.waiting)
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
