//! `hours list`, `hours accept`, `hours query` and `hours export`: off-the-job
//! time as the assessor reviews it and the learner record reports it.

use super::{CommandError, Context};
use crate::cli::{EntriesFormat, ExportHours};
use crate::domain::{HoursEntry, HoursReview, PersonSummary, Role, hours_per_month, hours_text};
use crate::ops::record_of;
use crate::report::{HOURS_CSV_HEADER, HoursExport, hours_csv, hours_entries_csv};
use crate::store::Store;
use std::io::Write;
use std::process::ExitCode;

/// One line per entry: id, date, hours, category, review, outcomes, note.
pub fn list(
    context: &Context,
    query: &str,
    format: EntriesFormat,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let (store, registry) = (context.open_store()?, context.registry()?);
    let person = store.find_person(query)?;
    let record = record_of(&store, &registry, person, context.today())?;
    let entries = &record.progress.hours;
    if format == EntriesFormat::Csv {
        out.write_all(hours_entries_csv(entries).as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    if entries.is_empty() {
        writeln!(out, "{} has no hours recorded yet", record.person.name)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "{:>5}  {:10}  {:>6}  {:<12}  {:<10}  OUTCOMES  NOTE",
        "ID", "DATE", "HOURS", "CATEGORY", "REVIEW"
    )?;
    for entry in entries {
        writeln!(out, "{}", entry_line(entry))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn entry_line(entry: &HoursEntry) -> String {
    let outcomes = if entry.outcomes.is_empty() {
        "-".to_string()
    } else {
        entry.outcomes.join(",")
    };
    let mut line = format!(
        "{:>5}  {}  {:>6}  {:<12}  {:<10}  {outcomes}  {}",
        entry.id,
        entry.date,
        hours_text(entry.hours),
        entry.category,
        entry.review.as_str(),
        entry.note.lines().next().unwrap_or("")
    );
    if let (HoursReview::Queried, Some(reason)) = (entry.review, &entry.query_reason) {
        line.push_str(&format!("  (queried: {reason})"));
    }
    line.trim_end().to_string()
}

pub fn accept(context: &Context, id: i64, out: &mut dyn Write) -> Result<ExitCode, CommandError> {
    let (mut store, registry) = (context.open_store()?, context.registry()?);
    context.ops(&mut store, &registry)?.accept_hours(id, None)?;
    writeln!(
        out,
        "accepted hours entry {id}: it counts as off-the-job time"
    )?;
    Ok(ExitCode::SUCCESS)
}

pub fn query(
    context: &Context,
    id: i64,
    reason: &str,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let (mut store, registry) = (context.open_store()?, context.registry()?);
    context
        .ops(&mut store, &registry)?
        .query_hours(id, reason, None)?;
    writeln!(
        out,
        "queried hours entry {id}: it does not count until accepted, or deleted and recorded again"
    )?;
    Ok(ExitCode::SUCCESS)
}

/// CSV of off-the-job hours per apprentice and month, for the people the
/// acting person may read.
pub fn export(
    context: &Context,
    export: &ExportHours,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let (store, registry) = (context.open_store()?, context.registry()?);
    if let (Some(from), Some(to)) = (export.from, export.to) {
        if from > to {
            return Err(CommandError::Refused(format!(
                "--from {from} is after --to {to}: give the first day, then the last"
            )));
        }
    }
    let people = match &export.person {
        Some(query) if !export.all => vec![store.find_person(query)?.id],
        _ => caseload(context, &store)?
            .into_iter()
            .filter(|summary| summary.framework_id.is_some())
            .map(|summary| summary.id)
            .collect(),
    };
    let mut text = String::from(HOURS_CSV_HEADER);
    for id in people {
        let record = record_of(&store, &registry, store.person(id)?, context.today())?;
        let Some(framework) = registry.get(&record.progress.enrolment.framework_id)? else {
            continue;
        };
        let from = export.from.unwrap_or(record.progress.enrolment.start_date);
        let to = export.to.unwrap_or(context.today());
        let periods = hours_per_month(framework, &record.progress.hours, from, to);
        text.push_str(&hours_csv(&HoursExport {
            person_id: record.person.id.0,
            name: &record.person.name,
            uln: record.person.uln.as_deref().unwrap_or(""),
            periods: &periods,
        }));
    }
    out.write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// Everyone the acting person reads: an assessor her caseload; anyone
/// else everyone the database shows them (a server's policies narrow it).
fn caseload(context: &Context, store: &Store) -> Result<Vec<PersonSummary>, CommandError> {
    match context.actor(store)? {
        Some(id) if store.person(id)?.role == Role::Assessor => Ok(store.people_assessed_by(id)?),
        _ => Ok(store.people()?),
    }
}
