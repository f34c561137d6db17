//! `apprentice add|list|set|status`, `person add` and `assessor add`: the
//! people in the store.

use super::records::word;
use super::{CommandError, Context};
use crate::cli::{AddApprentice, ListFormat, SetDetails};
use crate::domain::{EnrolmentStatus, PersonSummary, Role};
use crate::framework::Registry;
use crate::ops::{Details, Enrolling};
use std::io::Write;
use std::process::ExitCode;

pub fn add(
    context: &Context,
    add: &AddApprentice,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    // `--framework` joins the frameworks this command knows, first.
    let file = add.framework.as_deref().or(context.standard.as_deref());
    let registry = Registry::load(file)?;
    let mut store = context.open_store()?;
    let assessor = add
        .assessor
        .as_deref()
        .map(|query| store.find_person(query).map(|p| p.id))
        .transpose()?;
    let enrolling = Enrolling {
        name: add.name.clone(),
        start: Some(add.start),
        date_of_birth: add.dob,
        framework_id: file
            .and(registry.default_framework()?)
            .map(|f| f.framework.id.clone()),
        assessor,
        employer: add.employer.clone(),
        area: add.area.clone(),
        employer_opt_in: add.employer_opt_in,
        allow_same_name: add.allow_same_name,
        uln: add.uln.clone(),
        learning_support: add.support.clone(),
    };
    let enrolled = context.ops(&mut store, &registry)?.enrol(&enrolling)?;
    writeln!(
        out,
        "added {} (id {}), enrolled on {} from {} to {}",
        store.person(enrolled.person)?.name,
        enrolled.person.0,
        enrolled.framework_id,
        add.start,
        enrolled.planned_end
    )?;
    Ok(ExitCode::SUCCESS)
}

pub fn set_details(
    context: &Context,
    set: &SetDetails,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let (mut store, registry) = (context.open_store()?, context.registry()?);
    let person = store.find_person(&set.person)?;
    let find = |query: &Option<String>| {
        query
            .as_deref()
            .map(|query| store.find_person(query).map(|p| p.id))
            .transpose()
    };
    let (assessor, employer) = (find(&set.assessor)?, find(&set.employer)?);
    let details = Details {
        date_of_birth: set.dob,
        start: set.start,
        assessor,
        employer,
        uln: set.uln.clone(),
        learning_support: set.support.clone(),
    };
    let person = context
        .ops(&mut store, &registry)?
        .set_details(person.id, &details)?;
    let name_of = |id: Option<crate::domain::PersonId>| match id {
        Some(id) => store.person(id).map(|p| p.name),
        None => Ok("none".to_string()),
    };
    let (assessor, employer) = (name_of(person.assessor_id)?, name_of(person.employer_id)?);
    let born = person
        .date_of_birth
        .map_or("not recorded".into(), |d| d.to_string());
    let dates = store
        .latest_enrolment(person.id)?
        .map(|e| {
            format!(
                "on the programme from {} to {}",
                e.start_date, e.planned_end
            )
        })
        .unwrap_or_default();
    let uln = person.uln.as_deref().unwrap_or("not recorded");
    writeln!(
        out,
        "{} (id {}): born {born}, {dates}, assessor {assessor}, employer {employer}, ULN {uln}",
        person.name, person.id
    )?;
    if let Some(support) = &person.learning_support {
        writeln!(out, "learning support: {support}")?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn set_status(
    context: &Context,
    query: &str,
    status: &str,
    date: Option<chrono::NaiveDate>,
    reason: Option<&str>,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let status = word(
        "status",
        status,
        EnrolmentStatus::parse,
        EnrolmentStatus::choices,
    )?;
    let (mut store, registry) = (context.open_store()?, context.registry()?);
    let person = store.find_person(query)?;
    let (person, date) = context
        .ops(&mut store, &registry)?
        .set_enrolment_status(person.id, status, date, reason)?;
    let why = reason
        .map(|r| format!(" ({})", r.trim()))
        .unwrap_or_default();
    writeln!(out, "{}: {} from {date}{why}", person.name, status)?;
    Ok(ExitCode::SUCCESS)
}

pub fn add_person(
    context: &Context,
    name: &str,
    role: &str,
    allow_same_name: bool,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let role = word("--role", role, Role::parse, Role::choices)?;
    let (mut store, registry) = (context.open_store()?, context.registry()?);
    let id = context
        .ops(&mut store, &registry)?
        .add_person(name, role, allow_same_name)?;
    let name = store.person(id)?.name;
    writeln!(out, "added {role} {name} (id {})", id.0)?;
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
