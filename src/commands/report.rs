//! `report PERSON` and `report --all`: standings computed by the domain's
//! rules, rendered as Markdown, JSON or CSV.

use super::{CommandError, Context};
use crate::cli::ReportFormat;
use crate::domain::Role;
use crate::ops::{person_record, record_of};
use crate::report::{
    CaseloadLine, CaseloadOrder, caseload_csv, caseload_markdown, json, outcomes_csv,
    sort_caseload, standing_markdown,
};
use std::io::Write;
use std::process::ExitCode;

pub fn person(
    context: &Context,
    query: &str,
    format: ReportFormat,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let (store, registry) = (context.open_store()?, context.registry()?);
    let person = store.find_person(query)?;
    let standing = record_of(&store, &registry, person, context.today())?.standing;
    let text = match format {
        ReportFormat::Md => standing_markdown(&standing),
        ReportFormat::Json => json(&standing) + "\n",
        ReportFormat::Csv => outcomes_csv(&standing),
    };
    out.write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// One line per enrolled person; with `--as` naming an assessor, only theirs;
/// by name unless `order` says otherwise.
pub fn caseload(
    context: &Context,
    format: ReportFormat,
    order: Option<CaseloadOrder>,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let (store, registry) = (context.open_store()?, context.registry()?);
    let assessor = match context.actor(&store)? {
        Some(id) if store.person(id)?.role == Role::Assessor => Some(id),
        _ => None,
    };
    let people = match assessor {
        Some(id) => store.people_assessed_by(id)?,
        None => store.people()?,
    };
    let mut lines = Vec::new();
    for summary in people {
        if summary.framework_id.is_none() {
            continue;
        }
        let record = person_record(&store, &registry, summary.id, context.today())?;
        lines.push(CaseloadLine::from_standing(&record.standing));
    }
    if let Some(order) = order {
        sort_caseload(&mut lines, order);
    }
    let text = match format {
        ReportFormat::Md => caseload_markdown(&lines),
        ReportFormat::Json => json(&lines) + "\n",
        ReportFormat::Csv => caseload_csv(&lines),
    };
    out.write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
