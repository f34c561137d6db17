//! `checkin list`, `checkin show` and `verify`: the review record and its seals.

use super::{CommandError, Context, enrolled};
use crate::cli::ReportFormat;
use crate::domain::{Awaiting, Checkin, CheckinSummary, awaiting_signatures, counted, parse_date};
use crate::framework::Party;
use crate::report::{checkin_markdown, json};
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use std::io::Write;
use std::process::ExitCode;

pub fn list(context: &Context, query: &str, out: &mut dyn Write) -> Result<ExitCode, CommandError> {
    let store = context.open_store()?;
    let (person, enrolment) = enrolled(&store, query)?;
    let checkins = store.checkin_list(enrolment.id)?;
    let registry = context.registry()?;
    let required = registry
        .get(&enrolment.framework_id)?
        .map(|framework| framework.review.signed_by.clone())
        .unwrap_or_default();
    if checkins.is_empty() {
        writeln!(out, "{} has no check-ins yet", person.name)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "{:>5}  {:10}  {:<8}  ASSESSOR", "ID", "DATE", "STATE")?;
    for checkin in &checkins {
        let state = match (checkin.sealed, &checkin.completed_at) {
            (true, _) => "signed",
            (false, Some(_)) => "unsigned",
            (false, None) => "draft",
        };
        let mut line = format!(
            "{:>5}  {}  {:<8}  {}",
            checkin.id, checkin.date, state, checkin.assessor
        );
        if let Some(awaiting) = awaiting(checkin, &required, context.today()) {
            line.push_str(&format!("  {awaiting}"));
        }
        if let Some(original) = checkin.amends {
            line.push_str(&format!("  amends {original}"));
        }
        line.push_str(&amendments(checkin, &checkins));
        writeln!(out, "{line}")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// "awaiting employer signature for 12 days", for a completed review.
fn awaiting(checkin: &Checkin, required: &[Party], today: NaiveDate) -> Option<String> {
    let completed = checkin.completed_at.as_deref()?.get(..10)?;
    let summary = CheckinSummary {
        id: checkin.id,
        date: checkin.date,
        assessor_id: checkin.assessor_id,
        sealed: checkin.sealed,
        next_due: checkin.content.next_due,
        amends: checkin.amends,
        completed: parse_date(completed).ok(),
        signed_by: checkin.signatures.iter().map(|s| s.party).collect(),
    };
    let waiting = awaiting_signatures(std::slice::from_ref(&summary), required, today);
    waiting.first().map(Awaiting::describe)
}

/// The check-ins amending `checkin`: signed ones amend it; a draft does
/// not yet, so it is named as a draft.
fn amendments(checkin: &Checkin, all: &[Checkin]) -> String {
    let signed = |id: i64| all.iter().any(|c| c.id == id && c.sealed);
    let (done, drafts): (Vec<i64>, Vec<i64>) =
        checkin.amended_by.iter().partition(|&&id| signed(id));
    let ids = |ids: &[i64]| {
        ids.iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut text = String::new();
    if !done.is_empty() {
        text.push_str(&format!("  amended by {}", ids(&done)));
    }
    if !drafts.is_empty() {
        let word = if drafts.len() == 1 {
            "amendment"
        } else {
            "amendments"
        };
        text.push_str(&format!("  {word} {} in draft", ids(&drafts)));
    }
    text
}

pub fn show(
    context: &Context,
    id: i64,
    format: ReportFormat,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let store = context.open_store()?;
    let record = store
        .checkin(id)
        .map_err(|_| CommandError::Refused(format!("no check-in has the id {id}")))?;
    let text = match format {
        ReportFormat::Json => json(&record) + "\n",
        ReportFormat::Md | ReportFormat::Csv => markdown(&store, &record)?,
    };
    out.write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// The record as Markdown, with the text of the actions it reviews and
/// which of its amendments are still drafts.
pub(super) fn markdown(store: &Store, record: &Checkin) -> Result<String, CommandError> {
    let reviewed: Vec<i64> = record
        .content
        .action_reviews
        .iter()
        .map(|review| review.action_id)
        .collect();
    let reviewed = store.actions(&reviewed)?;
    let mut drafts = Vec::new();
    for &id in &record.amended_by {
        if !store.checkin(id)?.sealed {
            drafts.push(id);
        }
    }
    Ok(checkin_markdown(record, &reviewed, &drafts))
}

/// Starts an amendment: a draft copying the signed check-in, naming it and
/// the reason. The assessor finishes and signs it in the app.
pub fn amend(
    context: &Context,
    id: i64,
    reason: &str,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let (mut store, registry) = (context.open_store()?, context.registry()?);
    let amendment = context
        .ops(&mut store, &registry)?
        .amend_checkin(id, reason)?;
    let person = store.checkin(amendment)?.person;
    writeln!(
        out,
        "started amendment {amendment} of check-in {id}; open the app with --as and press c on {person} to finish and sign it"
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Discards a draft check-in after a yes typed at the terminal, or at
/// once with `--yes`; without a terminal `--yes` is required.
pub fn discard(
    context: &Context,
    id: i64,
    yes: bool,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    if !yes && !confirmed(id)? {
        writeln!(out, "kept check-in {id}; nothing discarded")?;
        return Ok(ExitCode::SUCCESS);
    }
    let (mut store, registry) = (context.open_store()?, context.registry()?);
    context.ops(&mut store, &registry)?.discard_checkin(id)?;
    writeln!(
        out,
        "discarded draft check-in {id}; its content stays in the history"
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Asks at the terminal whether to discard draft `id`.
fn confirmed(id: i64) -> Result<bool, CommandError> {
    use std::io::{BufRead, IsTerminal};
    if !std::io::stdin().is_terminal() {
        return Err(CommandError::Refused(format!(
            "discarding check-in {id} asks first: give --yes when not at a terminal"
        )));
    }
    eprint!("Discard draft check-in {id}? Its content stays in the history. [y/N] ");
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| CommandError::Refused(format!("cannot read the answer: {e}")))?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes"))
}

/// Exit 0 when every seal holds and every attached file matches its
/// hash; 1, naming each failure, when one does not.
pub fn verify(context: &Context, out: &mut dyn Write) -> Result<ExitCode, CommandError> {
    let store = context.open_store()?;
    let seals_hold = verify_seals(&store, out)?;
    let files_hold = verify_files(&store, out)?;
    Ok(if seals_hold && files_hold {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Every sealed check-in and gateway sign-off; whether all hold.
fn verify_seals(store: &Store, out: &mut dyn Write) -> Result<bool, CommandError> {
    let (problems, checked) = store.verify_seals()?;
    let (gateway_problems, gateways) = store.verify_gateway_seals()?;
    for problem in &problems {
        writeln!(
            out,
            "check-in {} ({}): {}",
            problem.checkin_id, problem.person, problem.problem
        )?;
    }
    for problem in &gateway_problems {
        writeln!(
            out,
            "gateway sign-off of {} (enrolment {}): {}",
            problem.person, problem.enrolment_id, problem.problem
        )?;
    }
    let sealed = format!(
        "{checked} sealed check-ins and {}",
        counted(
            gateways,
            "sealed gateway sign-off",
            "sealed gateway sign-offs"
        )
    );
    let failed = problems.len() + gateway_problems.len();
    if failed == 0 {
        writeln!(out, "ok: {sealed}, every seal and chain holds")?;
    } else {
        writeln!(out, "{failed} of {sealed} fail their seal")?;
    }
    Ok(failed == 0)
}

/// Every attached file, read whole against its hash; whether all match.
fn verify_files(store: &Store, out: &mut dyn Write) -> Result<bool, CommandError> {
    let (problems, checked) = match store.verify_files() {
        Ok(found) => found,
        Err(error @ StoreError::FilesFolderUnset { .. }) => {
            writeln!(out, "attached files not checked: {error}")?;
            return Ok(false);
        }
        Err(error) => return Err(error.into()),
    };
    for problem in &problems {
        writeln!(
            out,
            "evidence {} ({}) \"{}\": {}",
            problem.evidence_id, problem.person, problem.name, problem.problem
        )?;
    }
    let files = counted(checked, "attached file", "attached files");
    if problems.is_empty() {
        writeln!(out, "ok: {files}, each matches its hash")?;
    } else {
        let verb = if problems.len() == 1 {
            "fails its hash"
        } else {
            "fail their hash"
        };
        writeln!(out, "{} of {files} {verb}", problems.len())?;
    }
    Ok(problems.is_empty())
}
