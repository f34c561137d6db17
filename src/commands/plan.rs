//! `plan show PERSON` and `plan set PERSON ...`: the training plan, shown
//! as the report shows it and changed through the operations layer.

use super::{CommandError, Context};
use crate::cli::{EnglishMathsArg, ReportFormat};
use crate::domain::EnglishMaths;
use crate::ops::{PlanInput, record_of};
use crate::report::{json, plan_csv, plan_markdown, plan_rows};
use chrono::NaiveDate;
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

/// `plan set`'s flags, paired as clap requires them.
pub struct SetArgs {
    pub planned_end: Option<NaiveDate>,
    pub prior_learning: Option<(f64, String)>,
    pub assessment_organisation: Option<String>,
    pub chosen_on: Option<NaiveDate>,
    pub english_maths: Option<((EnglishMathsArg, String), String)>,
}

pub fn show(
    context: &Context,
    query: &str,
    format: ReportFormat,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let (store, registry) = (context.open_store()?, context.registry()?);
    let person = store.find_person(query)?;
    let standing = record_of(&store, &registry, person, context.today())?.standing;
    let name = &standing.person.name;
    let text = match format {
        ReportFormat::Md => plan_markdown(name, &standing.plan),
        ReportFormat::Json => {
            json(&Shown {
                person: name,
                plan: &standing.plan,
            }) + "\n"
        }
        ReportFormat::Csv => plan_csv(&standing.plan),
    };
    out.write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct Shown<'a> {
    person: &'a str,
    plan: &'a crate::domain::PlanStanding,
}

pub fn set(
    context: &Context,
    query: &str,
    args: &SetArgs,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let input = PlanInput {
        planned_end: args.planned_end,
        prior_learning: args.prior_learning.clone(),
        assessment_organisation: args
            .assessment_organisation
            .clone()
            .map(|name| (name, args.chosen_on)),
        english_maths: args
            .english_maths
            .clone()
            .map(|((decision, by), reason)| (decision_of(decision), by, reason)),
    };
    let (mut store, registry) = (context.open_store()?, context.registry()?);
    let person = store.find_person(query)?;
    context
        .ops(&mut store, &registry)?
        .set_plan(person.id, &input)?;
    writeln!(out, "changed {}'s training plan", person.name)?;
    let standing = record_of(&store, &registry, person, context.today())?.standing;
    for (label, value) in plan_rows(&standing.plan) {
        writeln!(out, "  {label}: {value}")?;
    }
    Ok(ExitCode::SUCCESS)
}

fn decision_of(arg: EnglishMathsArg) -> EnglishMaths {
    match arg {
        EnglishMathsArg::Required => EnglishMaths::Required,
        EnglishMathsArg::NotRequired => EnglishMaths::NotRequired,
    }
}
