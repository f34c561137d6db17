//! `hours edit` and `hours delete`: putting right an entry a list showed,
//! as it was when read (a change made meanwhile is refused, not overwritten).

use super::confirm::confirmed;
use super::{CommandError, Context};
use crate::cli::EditHours;
use crate::domain::{HoursEntry, hours_text};
use crate::ops::{HoursInput, PersonRecord, record_of};
use crate::store::Store;
use std::io::Write;
use std::process::ExitCode;

pub fn edit(
    context: &Context,
    edit: &EditHours,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let (mut store, registry) = (context.open_store()?, context.registry()?);
    let (record, entry) = entry_of(context, &store, &registry, edit.id)?;
    let input = edited(&entry, edit);
    let logged =
        context
            .ops(&mut store, &registry)?
            .edit_hours(edit.id, &input, Some(entry.version))?;
    writeln!(
        out,
        "changed hours entry {} of {}: {} h of {} on {}",
        edit.id,
        record.person.name,
        hours_text(input.hours),
        input.category,
        input.date.unwrap_or(entry.date)
    )?;
    if entry.review.after_edit() != entry.review {
        writeln!(
            out,
            "note: its acceptance is taken back; the assessor accepts it again as changed"
        )?;
    }
    if let Some(doubt) = &logged.doubt {
        writeln!(out, "warning: {doubt}")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The entry as it is, with what the command line changes.
fn edited(entry: &HoursEntry, edit: &EditHours) -> HoursInput {
    let given = |text: &Option<String>, old: &Option<String>| match text {
        Some(text) if text.trim().is_empty() => None,
        Some(text) => Some(text.clone()),
        None => old.clone(),
    };
    HoursInput {
        date: Some(edit.date.unwrap_or(entry.date)),
        hours: edit.hours.unwrap_or(entry.hours),
        category: edit.category.clone().unwrap_or(entry.category.clone()),
        activity: given(&edit.activity, &entry.activity),
        note: edit.note.clone().unwrap_or(entry.note.clone()),
        benefit: given(&edit.benefit, &entry.benefit),
        outcomes: edit.outcomes.clone().unwrap_or(entry.outcomes.clone()),
    }
}

pub fn delete(
    context: &Context,
    id: i64,
    yes: bool,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let (mut store, registry) = (context.open_store()?, context.registry()?);
    let (record, entry) = entry_of(context, &store, &registry, id)?;
    let what = format!(
        "delete hours entry {id} of {} ({} h of {} on {})",
        record.person.name,
        hours_text(entry.hours),
        entry.category,
        entry.date
    );
    if !confirmed(&what, yes)? {
        writeln!(out, "kept hours entry {id}")?;
        return Ok(ExitCode::from(1));
    }
    context
        .ops(&mut store, &registry)?
        .delete_hours(id, Some(entry.version))?;
    writeln!(
        out,
        "deleted hours entry {id} of {}; its history is kept",
        record.person.name
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Hours entry `id` with its person's record, or a refusal naming the id.
fn entry_of(
    context: &Context,
    store: &Store,
    registry: &crate::framework::Registry,
    id: i64,
) -> Result<(PersonRecord, HoursEntry), CommandError> {
    let gone =
        || CommandError::Refused(format!("no hours entry has the id {id} (see `hours list`)"));
    let person = store.hours_person(id)?.ok_or_else(gone)?;
    let record = record_of(store, registry, store.person(person)?, context.today())?;
    let entry = record.progress.hours.iter().find(|e| e.id == id).cloned();
    Ok((record, entry.ok_or_else(gone)?))
}
