//! `apprentice show PERSON`: everything recorded for one person, counted,
//! with records the framework file no longer defines listed as orphaned.

use super::{CommandError, Context, enrolled};
use crate::cli::ListFormat;
use crate::domain::standing::{PracticeStanding, overdue_actions, practice_standing};
use crate::domain::{
    Judgement, Orphan, OutcomeStatus, Person, Progress, counted, defined_outcomes, hours_text,
    orphans,
};
use crate::framework::Framework;
use crate::store::BreakRecord;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

#[derive(Serialize)]
struct Shown<'a> {
    person: &'a Person,
    framework_changed_since_enrolment: bool,
    progress: &'a Progress,
    orphans: &'a [Orphan],
    /// Area of practice by title and time per activity, for frameworks
    /// that name them.
    #[serde(skip_serializing_if = "Option::is_none")]
    practice: Option<PracticeStanding>,
}

pub fn run(
    context: &Context,
    query: &str,
    format: ListFormat,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let (store, registry) = (context.open_store()?, context.registry()?);
    let (person, enrolment) = enrolled(&store, query)?;
    let framework = registry.get(&enrolment.framework_id)?.ok_or_else(|| {
        CommandError::Refused(format!(
            "the framework `{}` is not bundled; give its file with --standard FILE",
            enrolment.framework_id
        ))
    })?;
    let progress = store.progress(&enrolment)?;
    let orphans = orphans(&progress, framework);
    let changed = framework.content_hash != enrolment.framework_hash;
    let practice = practice_standing(framework, &enrolment, &progress.hours);
    match format {
        ListFormat::Json => {
            let shown = Shown {
                person: &person,
                framework_changed_since_enrolment: changed,
                progress: &progress,
                orphans: &orphans,
                practice,
            };
            let json = serde_json::to_string_pretty(&shown)
                .map_err(|error| CommandError::Refused(error.to_string()))?;
            writeln!(out, "{json}")?;
        }
        ListFormat::Table => {
            let breaks = store.break_records(enrolment.id)?;
            let manager = match person.employer_id {
                Some(id) => Some(store.person(id)?.name),
                None => None,
            };
            write_enrolment(
                out,
                &person,
                manager.as_deref(),
                framework,
                &progress,
                changed,
            )?;
            write_summary(out, framework, &progress, &orphans, &breaks)?;
            for action in overdue_actions(&progress.checkins, &progress.actions, context.today()) {
                writeln!(out, "  {}", action.describe())?;
            }
            if let Some(practice) = &practice {
                write_practice(out, practice)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn write_summary(
    out: &mut dyn Write,
    framework: &Framework,
    progress: &Progress,
    orphans: &[Orphan],
    breaks: &[BreakRecord],
) -> std::io::Result<()> {
    write_outcome_counts(out, framework, progress)?;
    let items = counted(progress.evidence.len(), "item", "items");
    writeln!(out, "  evidence: {items}")?;
    writeln!(out, "  hours: {}", or_none(hours_by_category(progress)))?;
    let requirements: Vec<String> = progress
        .requirements
        .iter()
        .map(|r| format!("{} {}", r.id, r.status))
        .collect();
    writeln!(out, "  requirements recorded: {}", or_none(requirements))?;
    let units: Vec<String> = progress
        .units
        .iter()
        .map(|u| format!("{}/{} {}", u.requirement, u.unit, u.status))
        .collect();
    if !units.is_empty() {
        writeln!(out, "  units recorded: {}", units.join(", "))?;
    }
    writeln!(out, "  check-ins: {}", progress.checkins.len())?;
    for result in &progress.epa_results {
        writeln!(
            out,
            "  assessment result: {} {} attempt on {}: {}",
            result.method, result.attempt, result.date, result.grade
        )?;
    }
    for brk in breaks {
        let why = brk
            .reason
            .as_deref()
            .map(|r| format!(" ({r})"))
            .unwrap_or_default();
        match brk.end_date {
            Some(to) => writeln!(out, "  break in learning: {} to {to}{why}", brk.start_date)?,
            None => writeln!(out, "  break in learning: since {}{why}", brk.start_date)?,
        }
    }
    for orphan in orphans {
        writeln!(
            out,
            "  orphaned: {} `{}` (used by {}) is not in the framework file; the record is kept",
            orphan.kind, orphan.code, orphan.used_by
        )?;
    }
    Ok(())
}

/// The area of practice by title and the time on each activity that has any.
fn write_practice(out: &mut dyn Write, practice: &PracticeStanding) -> std::io::Result<()> {
    if let Some(area) = &practice.area_of_practice {
        writeln!(out, "  area of practice: {}", area.title)?;
    }
    let activities: Vec<String> = practice
        .activities
        .iter()
        .filter(|a| a.logged > 0.0)
        .map(|a| format!("{} h {}", hours_text(a.logged), a.title))
        .collect();
    if !practice.activities.is_empty() {
        writeln!(out, "  time per activity: {}", or_none(activities))?;
    }
    Ok(())
}

/// Who, on what framework, over which dates, and whether the file changed.
fn write_enrolment(
    out: &mut dyn Write,
    person: &Person,
    manager: Option<&str>,
    framework: &Framework,
    progress: &Progress,
    changed: bool,
) -> std::io::Result<()> {
    let enrolment = &progress.enrolment;
    writeln!(out, "{} (id {})", person.name, person.id.0)?;
    let learner = [
        ("ULN", person.uln.as_deref()),
        ("employer", person.employer.as_deref()),
        ("line manager", manager),
        ("learning support", person.learning_support.as_deref()),
    ];
    for (label, value) in learner {
        if let Some(value) = value {
            writeln!(out, "  {label}: {value}")?;
        }
    }
    writeln!(
        out,
        "  {} ({} version {}), {} to {}, {}",
        framework.framework.title,
        enrolment.framework_id,
        enrolment.framework_version,
        enrolment.start_date,
        enrolment.planned_end,
        enrolment.status
    )?;
    if let Some(reason) = &enrolment.status_reason {
        writeln!(out, "  status reason: {reason}")?;
    }
    if changed {
        writeln!(
            out,
            "  the framework file has changed since enrolment; records it no longer defines are listed below"
        )?;
    }
    Ok(())
}

/// Outcomes counted by own status, then by judgement.
fn write_outcome_counts(
    out: &mut dyn Write,
    framework: &Framework,
    progress: &Progress,
) -> std::io::Result<()> {
    let statuses = count(
        defined_outcomes(progress, framework).map(|o| o.status),
        OutcomeStatus::NotStarted,
        framework.outcomes.len(),
    );
    let judgements = count(
        defined_outcomes(progress, framework).map(|o| o.judgement),
        Judgement::NotAssessed,
        framework.outcomes.len(),
    );
    writeln!(
        out,
        "  outcomes ({}): own status {}",
        framework.outcomes.len(),
        join(&statuses)
    )?;
    writeln!(out, "  outcomes: judged {}", join(&judgements))
}

/// Total hours per category, in category order.
fn hours_by_category(progress: &Progress) -> Vec<String> {
    let mut hours: BTreeMap<&str, f64> = BTreeMap::new();
    for entry in &progress.hours {
        *hours.entry(entry.category.as_str()).or_default() += entry.hours;
    }
    hours
        .iter()
        .map(|(category, total)| format!("{} h {category}", hours_text(*total)))
        .collect()
}

fn or_none(items: Vec<String>) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items.join(", ")
    }
}

/// Counts per value, the unrecorded ones counted as `absent`.
fn count<T: std::fmt::Display + PartialEq + Copy>(
    values: impl Iterator<Item = T>,
    absent: T,
    total: usize,
) -> Vec<(String, usize)> {
    let values: Vec<T> = values.collect();
    let mut counts: Vec<(T, usize)> = Vec::new();
    for value in &values {
        match counts.iter_mut().find(|(seen, _)| seen == value) {
            Some((_, n)) => *n += 1,
            None => counts.push((*value, 1)),
        }
    }
    let unrecorded = total.saturating_sub(values.len());
    match counts.iter_mut().find(|(seen, _)| *seen == absent) {
        Some((_, n)) => *n += unrecorded,
        None if unrecorded > 0 => counts.insert(0, (absent, unrecorded)),
        None => {}
    }
    counts
        .into_iter()
        .map(|(value, n)| (value.to_string(), n))
        .collect()
}

fn join(counts: &[(String, usize)]) -> String {
    counts
        .iter()
        .map(|(label, n)| format!("{n} {label}"))
        .collect::<Vec<_>>()
        .join(", ")
}
