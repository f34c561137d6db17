//! `apprentice add|list` and `assessor add`: the people in the store.

use super::{CommandError, Context, active_framework, enrolled};
use crate::cli::{AddApprentice, ListFormat};
use crate::domain::{EnrolmentStatus, Role, check_name};
use crate::framework::Framework;
use crate::store::{NewApprentice, PersonSummary};
use std::io::Write;
use std::process::ExitCode;

pub fn add(
    context: &Context,
    add: &AddApprentice,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let name = check_name(&add.name).map_err(|message| refused("name", &message))?;
    let employer = add
        .employer
        .as_deref()
        .map(|employer| check_name(employer).map_err(|message| refused("--employer", &message)))
        .transpose()?;
    if let Some(dob) = add.dob {
        if dob >= add.start {
            return Err(refused(
                "--dob",
                &format!("{dob} is not before the start date {}", add.start),
            ));
        }
        if dob > context.today {
            return Err(refused("--dob", &format!("{dob} is in the future")));
        }
    }
    let file = add.framework.as_deref().or(context.standard.as_deref());
    let (framework, _) = active_framework(file)?;
    let enrolled = NewApprentice::enrolled_on(name, &framework, add.start)
        .ok_or_else(|| refused("--start", "the planned end falls outside the calendar"))?;
    let end = enrolled.planned_end;
    let area = check_area(&framework, add.area.as_deref())?;
    let mut store = context.open_store()?;
    let assessor = match &add.assessor {
        Some(query) => {
            let person = store.find_person(query)?;
            if person.role != Role::Assessor {
                return Err(refused(
                    "--assessor",
                    &format!("{} is an apprentice, not an assessor", person.name),
                ));
            }
            Some(person.id)
        }
        None => None,
    };
    let new = NewApprentice {
        date_of_birth: add.dob,
        employer,
        assessor,
        area_of_practice: area,
        employer_opt_in: add.employer_opt_in,
        ..enrolled
    };
    let actor = context.actor(&store)?;
    let (person, _) = store.add_apprentice(&new, actor)?;
    writeln!(
        out,
        "added {name} (id {}), enrolled on {} from {} to {}",
        person.0, framework.framework.id, add.start, end
    )?;
    Ok(ExitCode::SUCCESS)
}

/// A framework with areas of practice needs exactly one chosen; others none.
fn check_area<'a>(
    framework: &Framework,
    area: Option<&'a str>,
) -> Result<Option<&'a str>, CommandError> {
    let areas: Vec<&str> = framework
        .areas_of_practice
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    match area {
        None if areas.is_empty() => Ok(None),
        None => Err(refused(
            "--area",
            &format!("choose an area of practice: {}", areas.join(", ")),
        )),
        Some(area) if areas.contains(&area) => Ok(Some(area)),
        Some(area) if areas.is_empty() => Err(refused(
            "--area",
            &format!(
                "{} has no areas of practice (got `{area}`)",
                framework.framework.id
            ),
        )),
        Some(area) => Err(refused(
            "--area",
            &format!("`{area}` is not one of {}", areas.join(", ")),
        )),
    }
}

pub fn set_status(
    context: &Context,
    query: &str,
    status: &str,
    date: Option<chrono::NaiveDate>,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let status = EnrolmentStatus::parse(status).ok_or_else(|| {
        refused(
            "status",
            &format!("`{status}` is not one of {}", EnrolmentStatus::choices()),
        )
    })?;
    let date = date.unwrap_or(context.today);
    if date > context.today {
        return Err(refused(
            "--date",
            &format!("{date} is in the future (today is {})", context.today),
        ));
    }
    let mut store = context.open_store()?;
    let (person, enrolment) = enrolled(&store, query)?;
    if date < enrolment.start_date {
        return Err(refused(
            "--date",
            &format!("{date} is before the start ({})", enrolment.start_date),
        ));
    }
    let actor = context.actor(&store)?;
    store.set_enrolment_status(enrolment.id, status, date, actor)?;
    writeln!(out, "{}: {} from {date}", person.name, status)?;
    Ok(ExitCode::SUCCESS)
}

pub fn add_assessor(
    context: &Context,
    name: &str,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let name = check_name(name).map_err(|message| refused("name", &message))?;
    let mut store = context.open_store()?;
    let actor = context.actor(&store)?;
    let id = store.add_assessor(name, actor)?;
    writeln!(out, "added assessor {name} (id {})", id.0)?;
    Ok(ExitCode::SUCCESS)
}

pub fn list(
    context: &Context,
    format: ListFormat,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let people = context.open_store()?.people()?;
    match format {
        ListFormat::Json => {
            let json = serde_json::to_string_pretty(&people)
                .map_err(|error| CommandError::Refused(error.to_string()))?;
            writeln!(out, "{json}")?;
        }
        ListFormat::Table => write_table(&people, out)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn write_table(people: &[PersonSummary], out: &mut dyn Write) -> std::io::Result<()> {
    if people.is_empty() {
        return writeln!(
            out,
            "nobody is recorded yet: add someone with `apprentice add` or try `demo`"
        );
    }
    let width = people
        .iter()
        .map(|p| p.name.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    writeln!(
        out,
        "{:>5}  {:width$}  {:10}  {:22}  {:10}  {:10}  {:9}  ASSESSOR",
        "ID", "NAME", "ROLE", "FRAMEWORK", "START", "END", "STATUS"
    )?;
    for person in people {
        let blank = || "-".to_string();
        writeln!(
            out,
            "{:>5}  {:width$}  {:10}  {:22}  {:10}  {:10}  {:9}  {}",
            person.id.0,
            person.name,
            person.role.as_str(),
            person.framework_id.clone().unwrap_or_else(blank),
            person.start_date.map_or_else(blank, |d| d.to_string()),
            person.planned_end.map_or_else(blank, |d| d.to_string()),
            person.status.map_or_else(blank, |s| s.as_str().to_string()),
            person.assessor.clone().unwrap_or_else(blank),
        )?;
    }
    Ok(())
}

fn refused(field: &str, message: &str) -> CommandError {
    CommandError::Refused(format!("{field}: {message}"))
}
