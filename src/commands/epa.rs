//! `epa record|show` and `requirement unit`: end-point assessment results,
//! method by method, and the units of a qualification.

use super::records::{framework_of, word};
use super::{CommandError, Context};
use crate::cli::{EpaCommand, ListFormat};
use crate::domain::{Attempt, RequirementStatus};
use crate::framework::Requirement;
use crate::ops::{EpaInput, UnitInput, record_of};
use chrono::NaiveDate;
use std::io::Write;
use std::process::ExitCode;

pub fn run(
    context: &Context,
    command: EpaCommand,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    match command {
        EpaCommand::Record {
            person,
            method,
            grade,
            date,
            attempt,
            note,
        } => {
            let input = EpaInput {
                attempt: word("--attempt", &attempt, Attempt::parse, Attempt::choices)?,
                method,
                grade,
                date,
                note,
            };
            record(context, &person, &input, out)
        }
        EpaCommand::Show { person, format } => show(context, &person, format, out),
    }
}

fn record(
    context: &Context,
    query: &str,
    input: &EpaInput,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let (mut store, registry) = (context.open_store()?, context.registry()?);
    let person = store.find_person(query)?;
    let (id, grade) = context
        .ops(&mut store, &registry)?
        .record_epa_result(person.id, input)?;
    writeln!(
        out,
        "{}: {} {} on {}: {grade} (result {id})",
        person.name, input.method, input.attempt, input.date
    )?;
    Ok(ExitCode::SUCCESS)
}

fn show(
    context: &Context,
    query: &str,
    format: ListFormat,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let (store, registry) = (context.open_store()?, context.registry()?);
    let person = store.find_person(query)?;
    let record = record_of(&store, &registry, person, context.today())?;
    let (person, progress) = (&record.person, &record.progress);
    let methods = &record.standing.epa_results;
    if format == ListFormat::Json {
        let json = serde_json::json!({ "methods": methods, "results": progress.epa_results });
        let text = serde_json::to_string_pretty(&json)
            .map_err(|error| CommandError::Refused(error.to_string()))?;
        writeln!(out, "{text}")?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "{}: end-point assessment", person.name)?;
    for method in methods {
        let state = match (&method.latest, method.passed) {
            (None, _) => "not taken".to_string(),
            (Some(last), true) => format!("passed: {} on {}", last.grade, last.date),
            (Some(last), false) => format!("not passed: {} on {}", last.grade, last.date),
        };
        writeln!(out, "  {}: {state}", method.title)?;
        for result in progress
            .epa_results
            .iter()
            .filter(|r| r.method == method.method)
        {
            let note = if result.note.is_empty() {
                String::new()
            } else {
                format!(" ({})", result.note)
            };
            writeln!(
                out,
                "    {} {} attempt: {}{note}",
                result.date, result.attempt, result.grade
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn set_unit(
    context: &Context,
    query: &str,
    (requirement, unit): (&str, &str),
    status: &str,
    date: Option<NaiveDate>,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let input = UnitInput {
        requirement: requirement.to_string(),
        unit: unit.to_string(),
        status: word(
            "--status",
            status,
            RequirementStatus::parse,
            RequirementStatus::choices,
        )?,
        date,
    };
    let (mut store, registry) = (context.open_store()?, context.registry()?);
    let person = store.find_person(query)?;
    context
        .ops(&mut store, &registry)?
        .set_unit(person.id, &input)?;
    let defined = framework_of(&store, &registry, person.id)?
        .and_then(|framework| framework.requirement(requirement));
    let (unit, requirement) = unit_words(defined, unit, requirement);
    writeln!(
        out,
        "{}: {unit} (a unit of {requirement}) is now {}",
        person.name, input.status
    )?;
    Ok(ExitCode::SUCCESS)
}

/// A unit and its requirement by their titles, else as typed.
fn unit_words(defined: Option<&Requirement>, unit: &str, requirement: &str) -> (String, String) {
    let Some(defined) = defined else {
        return (unit.to_string(), requirement.to_string());
    };
    let unit = defined
        .units
        .iter()
        .find(|u| u.id == unit)
        .map_or(unit, |u| u.title.as_str());
    (unit.to_string(), defined.title.clone())
}
