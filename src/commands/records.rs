//! `evidence add`, `hours add`, `requirement set`, `outcome set`: progress
//! records for one apprentice, checked and written by the operations layer.

use super::{CommandError, Context};
use crate::cli::{AddEvidence, AddHours, SetOutcome, SetRequirement};
use crate::domain::PersonId;
use crate::domain::{EvidenceKind, OutcomeStatus, RequirementStatus};
use crate::framework::{Framework, Registry};
use crate::ops::{EvidenceInput, HoursInput, RequirementInput};
use crate::store::Store;
use std::io::Write;
use std::process::ExitCode;

pub fn add_evidence(
    context: &Context,
    add: &AddEvidence,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let input = EvidenceInput {
        date: add.date,
        title: add.title.clone(),
        kind: word(
            "--kind",
            &add.kind,
            EvidenceKind::parse,
            EvidenceKind::choices,
        )?,
        description: add.text.clone(),
        file_ref: add.file.clone(),
        outcomes: add.outcomes.clone(),
    };
    let (mut store, registry) = (context.open_store()?, context.registry()?);
    let person = store.find_person(&add.person)?;
    let written = context.ops(&mut store, &registry)?.add_evidence_attaching(
        person.id,
        &input,
        add.attach.as_deref(),
    )?;
    writeln!(
        out,
        "recorded evidence {} for {}: \"{}\" ({}), mapped to {}",
        written.id,
        person.name,
        input.title.trim(),
        input.date.unwrap_or(context.today()),
        input.outcomes.join(", ")
    )?;
    if add.attach.is_some() {
        say_attached(&store, person.id, written.id, out)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The file kept with evidence `id`, as recorded.
fn say_attached(
    store: &Store,
    person: PersonId,
    id: i64,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let Some(enrolment) = store.latest_enrolment(person)? else {
        return Ok(());
    };
    let attached = store.attachments(enrolment.id)?;
    if let Some((_, file)) = attached.iter().find(|(evidence, _)| *evidence == id) {
        writeln!(
            out,
            "attached {} ({} bytes, SHA-256 {}), kept in {}",
            file.name,
            file.size,
            file.sha256,
            store.files_folder()?.display()
        )?;
    }
    Ok(())
}

pub fn add_hours(
    context: &Context,
    add: &AddHours,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let input = HoursInput {
        date: add.date,
        hours: add.hours,
        category: add.category.clone(),
        activity: add.activity.clone(),
        note: add.note.clone(),
        benefit: add.benefit.clone(),
        outcomes: add.outcomes.clone(),
    };
    let (mut store, registry) = (context.open_store()?, context.registry()?);
    let person = store.find_person(&add.person)?;
    let logged = context
        .ops(&mut store, &registry)?
        .log_hours(person.id, &input)?;
    let date = input.date.unwrap_or(context.today());
    writeln!(
        out,
        "recorded {} h of {} for {} on {date} (entry {})",
        add.hours, add.category, person.name, logged.written.id
    )?;
    if let Some(other) = logged.duplicate_of {
        writeln!(
            out,
            "note: entry {other} has the same date, hours and category; it may be a duplicate"
        )?;
    }
    if let Some(doubt) = &logged.doubt {
        writeln!(out, "warning: {doubt}")?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn set_requirement(
    context: &Context,
    set: &SetRequirement,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let input = RequirementInput {
        status: word(
            "--status",
            &set.status,
            RequirementStatus::parse,
            RequirementStatus::choices,
        )?,
        date: set.date,
        reference: set.reference.clone(),
        expires_on: set.expires,
    };
    let (mut store, registry) = (context.open_store()?, context.registry()?);
    let person = store.find_person(&set.person)?;
    context
        .ops(&mut store, &registry)?
        .set_requirement(person.id, &set.id, &input, None)?;
    let title = requirement_title(&store, &registry, person.id, &set.id)?;
    writeln!(out, "{}: {title} is now {}", person.name, input.status)?;
    Ok(ExitCode::SUCCESS)
}

pub fn set_outcome(
    context: &Context,
    set: &SetOutcome,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let status = word(
        "--status",
        &set.status,
        OutcomeStatus::parse,
        OutcomeStatus::choices,
    )?;
    let (mut store, registry) = (context.open_store()?, context.registry()?);
    let person = store.find_person(&set.person)?;
    context
        .ops(&mut store, &registry)?
        .set_outcome_status(person.id, &set.code, status, None)?;
    let outcome = outcome_words(&store, &registry, person.id, set.code.trim())?;
    writeln!(out, "{}: {outcome} is now {status}", person.name)?;
    Ok(ExitCode::SUCCESS)
}

/// The framework a person is enrolled on, if it is known.
pub(super) fn framework_of<'r>(
    store: &Store,
    registry: &'r Registry,
    person: PersonId,
) -> Result<Option<&'r Framework>, CommandError> {
    let Some(enrolment) = store.latest_enrolment(person)? else {
        return Ok(None);
    };
    Ok(registry.get(&enrolment.framework_id)?)
}

/// A requirement by its title ("Level 2 maths"), else its id.
fn requirement_title(
    store: &Store,
    registry: &Registry,
    person: PersonId,
    id: &str,
) -> Result<String, CommandError> {
    let framework = framework_of(store, registry, person)?;
    Ok(framework
        .and_then(|f| f.requirement(id))
        .map_or_else(|| id.to_string(), |r| r.title.clone()))
}

/// An outcome by code and title ("LO3 Safeguarding"), else its code.
fn outcome_words(
    store: &Store,
    registry: &Registry,
    person: PersonId,
    code: &str,
) -> Result<String, CommandError> {
    let framework = framework_of(store, registry, person)?;
    Ok(framework
        .and_then(|f| f.outcome_typed(code))
        .map_or_else(|| code.to_string(), |o| format!("{} {}", o.code, o.title)))
}

/// One of an enum's words, or a refusal listing them.
pub(super) fn word<T>(
    flag: &str,
    text: &str,
    parse: fn(&str) -> Option<T>,
    choices: fn() -> String,
) -> Result<T, CommandError> {
    parse(text).ok_or_else(|| {
        CommandError::Refused(format!("{flag}: `{text}` is not one of {}", choices()))
    })
}
