//! `report PERSON` and `report --all`: standings computed by the domain's
//! rules, rendered as Markdown, JSON or CSV.

use super::{CommandError, Context, enrolled};
use crate::cli::ReportFormat;
use crate::domain::standing::{Standing, Subject, assess};
use crate::domain::{Person, Role};
use crate::framework::Framework;
use crate::report::{
    CaseloadLine, caseload_csv, caseload_markdown, json, outcomes_csv, standing_markdown,
};
use crate::store::Store;
use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;

pub fn person(
    context: &Context,
    query: &str,
    format: ReportFormat,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let store = context.open_store()?;
    let (person, _) = enrolled(&store, query)?;
    let mut frameworks = HashMap::new();
    let standing = standing_of(context, &store, &person, &mut frameworks)?;
    let text = match format {
        ReportFormat::Md => standing_markdown(&standing),
        ReportFormat::Json => json(&standing) + "\n",
        ReportFormat::Csv => outcomes_csv(&standing),
    };
    out.write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// One line per enrolled person; with `--as` naming an assessor, only theirs.
pub fn caseload(
    context: &Context,
    format: ReportFormat,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let store = context.open_store()?;
    let assessor = match context.actor(&store)? {
        Some(id) if store.person(id)?.role == Role::Assessor => Some(id),
        _ => None,
    };
    let mut frameworks = HashMap::new();
    let mut lines = Vec::new();
    for summary in store.people()? {
        if summary.framework_id.is_none()
            || assessor.is_some_and(|id| summary.assessor_id != Some(id))
        {
            continue;
        }
        let person = store.person(summary.id)?;
        let standing = standing_of(context, &store, &person, &mut frameworks)?;
        lines.push(CaseloadLine::from_standing(&standing));
    }
    let text = match format {
        ReportFormat::Md => caseload_markdown(&lines),
        ReportFormat::Json => json(&lines) + "\n",
        ReportFormat::Csv => caseload_csv(&lines),
    };
    out.write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// Loads what `assess` needs; frameworks are read once per id.
fn standing_of(
    context: &Context,
    store: &Store,
    person: &Person,
    frameworks: &mut HashMap<String, Framework>,
) -> Result<Standing, CommandError> {
    let enrolment = store.latest_enrolment(person.id)?.ok_or_else(|| {
        CommandError::Refused(format!("{} is not enrolled on any framework", person.name))
    })?;
    if !frameworks.contains_key(&enrolment.framework_id) {
        let framework = context.framework_by_id(&enrolment.framework_id)?;
        frameworks.insert(enrolment.framework_id.clone(), framework);
    }
    let framework = &frameworks[&enrolment.framework_id];
    let progress = store.progress(&enrolment)?;
    let breaks = store.learning_breaks(enrolment.id)?;
    let subject = Subject {
        person,
        framework,
        progress: &progress,
        breaks: &breaks,
        today: context.today,
    };
    Ok(assess(&subject))
}
