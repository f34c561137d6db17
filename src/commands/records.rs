//! `evidence add`, `hours add`, `requirement set`, `outcome set`: progress
//! records for one apprentice, checked against their enrolment's framework.

use super::{CommandError, Context, enrolled};
use crate::cli::{AddEvidence, AddHours, SetOutcome, SetRequirement};
use crate::domain::{
    Enrolment, EvidenceKind, HoursClaim, OutcomeStatus, Person, PersonId, RequirementStatus,
    check_hours, check_text,
};
use crate::framework::Framework;
use crate::store::{NewEvidence, NewHours, RequirementUpdate, Store};
use std::io::Write;
use std::process::ExitCode;

/// The apprentice a record is for, their enrolment and its framework.
struct Target {
    store: Store,
    person: Person,
    enrolment: Enrolment,
    framework: Framework,
    actor: Option<PersonId>,
}

impl Target {
    fn resolve(context: &Context, query: &str) -> Result<Target, CommandError> {
        let store = context.open_store()?;
        let (person, enrolment) = enrolled(&store, query)?;
        let framework = context.framework_by_id(&enrolment.framework_id)?;
        let actor = context.actor(&store)?;
        Ok(Target {
            store,
            person,
            enrolment,
            framework,
            actor,
        })
    }

    /// Every code must name an outcome of the enrolment's framework.
    fn check_outcomes(&self, codes: &[String]) -> Result<Vec<String>, CommandError> {
        let codes: Vec<String> = codes
            .iter()
            .map(|code| code.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect();
        for code in &codes {
            if self.framework.outcome(code).is_none() {
                let known = self.framework.outcome_codes();
                return Err(refused(
                    "--outcomes",
                    &format!(
                        "`{code}` is not an outcome of {}; its outcomes are {}",
                        self.framework.framework.id,
                        known.join(", ")
                    ),
                ));
            }
        }
        Ok(codes)
    }
}

pub fn add_evidence(
    context: &Context,
    add: &AddEvidence,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let mut target = Target::resolve(context, &add.person)?;
    let outcomes = target.check_outcomes(&add.outcomes)?;
    if outcomes.is_empty() {
        return Err(refused(
            "--outcomes",
            "map the evidence to at least one outcome",
        ));
    }
    let kind = EvidenceKind::parse(&add.kind).ok_or_else(|| {
        refused(
            "--kind",
            &format!("`{}` is not one of {}", add.kind, EvidenceKind::choices()),
        )
    })?;
    let title =
        crate::domain::check_name(&add.title).map_err(|message| refused("--title", &message))?;
    let text = check_text(&add.text, 20_000).map_err(|message| refused("--text", &message))?;
    let date = add.date.unwrap_or(context.today);
    if date > context.today {
        return Err(refused(
            "--date",
            &format!("{date} is in the future (today is {})", context.today),
        ));
    }
    let evidence = NewEvidence {
        date,
        title,
        kind,
        description: text,
        file_ref: add.file.as_deref(),
        outcomes: &outcomes,
    };
    let id = target
        .store
        .add_evidence(target.enrolment.id, &evidence, target.actor)?;
    writeln!(
        out,
        "recorded evidence {id} for {}: \"{title}\" ({date}), mapped to {}",
        target.person.name,
        outcomes.join(", ")
    )?;
    Ok(ExitCode::SUCCESS)
}

pub fn add_hours(
    context: &Context,
    add: &AddHours,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let mut target = Target::resolve(context, &add.person)?;
    let framework = &target.framework;
    if framework.hour_category(&add.category).is_none() {
        let known = framework.hour_category_ids();
        return Err(refused(
            "--category",
            &format!(
                "`{}` is not an hour category of {}; use one of {}",
                add.category,
                framework.framework.id,
                known.join(", ")
            ),
        ));
    }
    if let Some(activity) = &add.activity {
        if !framework.activities.iter().any(|a| &a.id == activity) {
            return Err(refused(
                "--activity",
                &format!(
                    "`{activity}` is not an activity of {}",
                    framework.framework.id
                ),
            ));
        }
    }
    if framework.hours.record_benefit && add.benefit.as_deref().is_none_or(|b| b.trim().is_empty())
    {
        return Err(refused(
            "--benefit",
            &format!(
                "{} records the benefit of time spent: say what it brought",
                framework.framework.id
            ),
        ));
    }
    let daily_cap = framework.hours.daily_cap_hours();
    let outcomes = target.check_outcomes(&add.outcomes)?;
    let note = check_text(&add.note, 5_000).map_err(|message| refused("--note", &message))?;
    let benefit = add
        .benefit
        .as_deref()
        .map(|b| check_text(b, 5_000))
        .transpose()
        .map_err(|message| refused("--benefit", &message))?;
    let date = add.date.unwrap_or(context.today);
    let claim = HoursClaim {
        date,
        hours: add.hours,
        start: target.enrolment.start_date,
        today: context.today,
        daily_cap,
        already_that_day: target.store.hours_on(target.enrolment.id, date)?,
    };
    check_hours(&claim).map_err(|message| refused("--hours", &message))?;
    let entry = NewHours {
        date,
        hours: add.hours,
        category: &add.category,
        activity: add.activity.as_deref(),
        note,
        benefit,
        outcomes: &outcomes,
    };
    let (id, duplicate) = target
        .store
        .add_hours(target.enrolment.id, &entry, target.actor)?;
    writeln!(
        out,
        "recorded {} h of {} for {} on {date} (entry {id})",
        add.hours, add.category, target.person.name
    )?;
    if let Some(other) = duplicate {
        writeln!(
            out,
            "note: entry {other} has the same date, hours and category; it may be a duplicate"
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn set_requirement(
    context: &Context,
    set: &SetRequirement,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let mut target = Target::resolve(context, &set.person)?;
    let Some(requirement) = target.framework.requirement(&set.id) else {
        let known = target.framework.requirement_ids();
        return Err(refused(
            "requirement",
            &format!(
                "`{}` is not a requirement of {}; use one of {}",
                set.id,
                target.framework.framework.id,
                known.join(", ")
            ),
        ));
    };
    let status = RequirementStatus::parse(&set.status).ok_or_else(|| {
        refused(
            "--status",
            &format!(
                "`{}` is not one of {}",
                set.status,
                RequirementStatus::choices()
            ),
        )
    })?;
    if set.expires.is_some() && !requirement.records_expiry {
        return Err(refused(
            "--expires",
            &format!("`{}` records no expiry date", set.id),
        ));
    }
    if let Some(date) = set.date.filter(|date| *date > context.today) {
        return Err(refused(
            "--date",
            &format!("{date} is in the future (today is {})", context.today),
        ));
    }
    let reference = set
        .reference
        .as_deref()
        .map(crate::domain::check_name)
        .transpose()
        .map_err(|message| refused("--reference", &message))?;
    let update = RequirementUpdate {
        status,
        date: set.date,
        reference,
        expires_on: set.expires,
    };
    target
        .store
        .set_requirement(target.enrolment.id, &set.id, &update, target.actor)?;
    writeln!(
        out,
        "{}: {} is now {status}",
        target.person.name, requirement.title
    )?;
    Ok(ExitCode::SUCCESS)
}

pub fn set_outcome(
    context: &Context,
    set: &SetOutcome,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let mut target = Target::resolve(context, &set.person)?;
    let code = target.check_outcomes(std::slice::from_ref(&set.code))?;
    let status = OutcomeStatus::parse(&set.status).ok_or_else(|| {
        refused(
            "--status",
            &format!(
                "`{}` is not one of {}",
                set.status,
                OutcomeStatus::choices()
            ),
        )
    })?;
    target
        .store
        .set_outcome_status(target.enrolment.id, &code[0], status, target.actor)?;
    writeln!(out, "{}: {} is now {status}", target.person.name, code[0])?;
    Ok(ExitCode::SUCCESS)
}

fn refused(field: &str, message: &str) -> CommandError {
    CommandError::Refused(format!("{field}: {message}"))
}
