//! `evidence list`, `show`, `edit` and `delete`: a portfolio read and put
//! right from the command line, each change as of the version read.

use super::confirm::confirmed;
use super::records::word;
use super::{CommandError, Context};
use crate::cli::{EditEvidence, RecordFormat, RecordsFormat};
use crate::domain::{EvidenceItem, EvidenceKind};
use crate::framework::{Framework, Registry};
use crate::ops::{EvidenceInput, PersonRecord, record_of};
use crate::report::evidence_list_csv;
use crate::store::Store;
use std::io::Write;
use std::process::ExitCode;

pub fn list(
    context: &Context,
    query: &str,
    format: RecordsFormat,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let (store, registry) = (context.open_store()?, context.registry()?);
    let person = store.find_person(query)?;
    let record = record_of(&store, &registry, person, context.today())?;
    let items = &record.progress.evidence;
    match format {
        RecordsFormat::Json => writeln!(out, "{}", json(items)?)?,
        RecordsFormat::Csv => out.write_all(evidence_list_csv(items).as_bytes())?,
        RecordsFormat::Text if items.is_empty() => {
            writeln!(out, "{} has no evidence recorded yet", record.person.name)?;
        }
        RecordsFormat::Text => {
            writeln!(
                out,
                "{:>5}  {:10}  {:<23}  OUTCOMES  TITLE",
                "ID", "DATE", "KIND"
            )?;
            for item in items {
                writeln!(out, "{}", item_line(item))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn item_line(item: &EvidenceItem) -> String {
    let file = match (&item.attachment, &item.file_ref) {
        (Some(file), _) => format!("  [attached: {}]", file.name),
        (None, Some(reference)) => format!("  [{reference}]"),
        (None, None) => String::new(),
    };
    format!(
        "{:>5}  {}  {:<23}  {}  {}{file}",
        item.id,
        item.date,
        item.kind.to_string(),
        item.outcomes.join(","),
        item.title
    )
}

pub fn show(
    context: &Context,
    id: i64,
    format: RecordFormat,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let (store, registry) = (context.open_store()?, context.registry()?);
    let (record, item) = item_of(context, &store, &registry, id)?;
    if format == RecordFormat::Json {
        writeln!(out, "{}", json(&item)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let framework = registry.get(&record.progress.enrolment.framework_id)?;
    out.write_all(item_text(&record, &item, framework).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// One piece of evidence in words: outcomes by code and title.
fn item_text(record: &PersonRecord, item: &EvidenceItem, framework: Option<&Framework>) -> String {
    let mut text = format!("Evidence {}: {}\n", item.id, item.title);
    text.push_str(&format!("  Apprentice  {}\n", record.person.name));
    text.push_str(&format!("  Date        {}\n", item.date));
    text.push_str(&format!("  Kind        {}\n", item.kind));
    for (n, code) in item.outcomes.iter().enumerate() {
        let label = if n == 0 { "Outcomes" } else { "" };
        let title = framework
            .and_then(|f| f.outcome(code))
            .map_or(String::new(), |o| format!(" {}", o.title));
        text.push_str(&format!("  {label:<10}  {code}{title}\n"));
    }
    if let Some(reference) = &item.file_ref {
        text.push_str(&format!("  Kept at     {reference}\n"));
    }
    if let Some(file) = &item.attachment {
        text.push_str(&format!(
            "  Attached    {} ({} bytes, SHA-256 {})\n",
            file.name, file.size, file.sha256
        ));
    }
    if !item.description.trim().is_empty() {
        text.push('\n');
        for line in item.description.lines() {
            text.push_str(&format!("  {line}\n"));
        }
    }
    text
}

pub fn edit(
    context: &Context,
    edit: &EditEvidence,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let kind = edit
        .kind
        .as_deref()
        .map(|kind| word("--kind", kind, EvidenceKind::parse, EvidenceKind::choices))
        .transpose()?;
    let (mut store, registry) = (context.open_store()?, context.registry()?);
    let (record, item) = item_of(context, &store, &registry, edit.id)?;
    let input = EvidenceInput {
        date: Some(edit.date.unwrap_or(item.date)),
        title: edit.title.clone().unwrap_or(item.title.clone()),
        kind: kind.unwrap_or(item.kind),
        description: edit.text.clone().unwrap_or(item.description.clone()),
        file_ref: match &edit.file {
            Some(file) if file.trim().is_empty() => None,
            Some(file) => Some(file.clone()),
            None => item.file_ref.clone(),
        },
        outcomes: edit.outcomes.clone().unwrap_or(item.outcomes.clone()),
    };
    context
        .ops(&mut store, &registry)?
        .edit_evidence_attaching(edit.id, &input, Some(item.version), edit.attach.as_deref())?;
    writeln!(
        out,
        "changed evidence {} of {}: \"{}\" ({}), mapped to {}",
        edit.id,
        record.person.name,
        input.title.trim(),
        item.date,
        input.outcomes.join(", ")
    )?;
    Ok(ExitCode::SUCCESS)
}

pub fn delete(
    context: &Context,
    id: i64,
    yes: bool,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let (mut store, registry) = (context.open_store()?, context.registry()?);
    let (record, item) = item_of(context, &store, &registry, id)?;
    let what = format!(
        "delete evidence {id} of {}, \"{}\"",
        record.person.name, item.title
    );
    if !confirmed(&what, yes)? {
        writeln!(out, "kept evidence {id}")?;
        return Ok(ExitCode::from(1));
    }
    context
        .ops(&mut store, &registry)?
        .delete_evidence(id, Some(item.version))?;
    writeln!(
        out,
        "deleted evidence {id} of {}; its history is kept",
        record.person.name
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Evidence `id` with its person's record, or a refusal naming the id.
fn item_of(
    context: &Context,
    store: &Store,
    registry: &Registry,
    id: i64,
) -> Result<(PersonRecord, EvidenceItem), CommandError> {
    let gone =
        || CommandError::Refused(format!("no evidence has the id {id} (see `evidence list`)"));
    let person = store.evidence_person(id)?.ok_or_else(gone)?;
    let record = record_of(store, registry, store.person(person)?, context.today())?;
    let item = record
        .progress
        .evidence
        .iter()
        .find(|e| e.id == id)
        .cloned();
    Ok((record, item.ok_or_else(gone)?))
}

fn json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, CommandError> {
    serde_json::to_string_pretty(value)
        .map_err(|e| CommandError::Refused(format!("cannot write the evidence as JSON: {e}")))
}
