//! The training plan of one enrolment: planned end, planned off-the-job
//! hours (the rules' minimum less prior learning, never below the rules'
//! floor), the end-point assessment organisation, and the English and maths
//! decision of employer and apprentice. Pure: the rules are those of the
//! enrolment's start date (`Framework::rules_for`).

use super::{CheckinSummary, Enrolment, Person, Version, add_months, standing::age_on};
use crate::framework::Rules;
use crate::text_enum;
use chrono::NaiveDate;
use serde::Serialize;

text_enum! {
    /// Whether English and maths are required of an apprentice the rules
    /// leave it to employer and apprentice to decide for.
    pub enum EnglishMaths {
        Required => "required",
        NotRequired => "not_required",
    }
}

/// Who decided about English and maths, what and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnglishMathsDecision {
    pub decision: EnglishMaths,
    pub decided_by: String,
    pub reason: String,
}

/// A training plan as recorded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrainingPlan {
    pub planned_end: NaiveDate,
    pub prior_learning_hours: f64,
    pub prior_learning_reason: Option<String>,
    pub planned_off_the_job_hours: Option<f64>,
    pub assessment_organisation: Option<String>,
    pub organisation_chosen_on: Option<NaiveDate>,
    pub english_maths: Option<EnglishMathsDecision>,
    /// The day of the last change, and who made it.
    pub changed_on: NaiveDate,
    pub changed_by: Option<String>,
    #[serde(skip)]
    pub version: Version,
}

/// Why a plan's hours cannot be what was asked.
#[derive(Debug, Clone, PartialEq)]
pub enum HoursProblem {
    Negative,
    /// The rules give no off-the-job minimum to reduce.
    NoMinimum,
    BelowFloor {
        minimum: f64,
        planned: f64,
        floor: f64,
    },
}

impl std::fmt::Display for HoursProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HoursProblem::Negative => f.write_str("must be a number of hours, 0 or more"),
            HoursProblem::NoMinimum => {
                f.write_str("the rules for this start date set no off-the-job minimum to reduce")
            }
            HoursProblem::BelowFloor {
                minimum,
                planned,
                floor,
            } => write!(
                f,
                "would leave {planned} of the {minimum} off-the-job hours, below the floor of {floor} hours the rules for this start date set"
            ),
        }
    }
}

/// The planned off-the-job hours: the rules' minimum less `prior` hours of
/// prior learning, refused below the rules' floor (or below 0 without one).
pub fn planned_hours(rules: &Rules, prior: f64) -> Result<Option<f64>, HoursProblem> {
    if !(prior.is_finite() && prior >= 0.0) {
        return Err(HoursProblem::Negative);
    }
    let Some(minimum) = rules.minimum_off_the_job_hours else {
        return if prior > 0.0 {
            Err(HoursProblem::NoMinimum)
        } else {
            Ok(None)
        };
    };
    let planned = minimum - prior;
    let floor = rules.off_the_job_floor_hours.unwrap_or(0.0);
    if planned < floor {
        return Err(HoursProblem::BelowFloor {
            minimum,
            planned,
            floor,
        });
    }
    Ok(Some(planned))
}

/// A planned end after the start and no sooner than the rules' minimum
/// duration allows; the problem in words otherwise.
pub fn check_planned_end(start: NaiveDate, end: NaiveDate, rules: &Rules) -> Result<(), String> {
    if end <= start {
        return Err(format!("{end} is not after the start date, {start}"));
    }
    if let Some(months) = rules.minimum_duration_months {
        let earliest = add_months(start, months);
        if end < earliest {
            return Err(format!(
                "{end} is sooner than the minimum duration of {months} months allows: {earliest} at the earliest"
            ));
        }
    }
    Ok(())
}

/// Whether the rules leave English and maths to employer and apprentice:
/// an age limit, reached by the apprentice at the start. Without a date of
/// birth the age rule is taken to apply, as for the requirements.
pub fn english_maths_decision_needed(rules: &Rules, person: &Person, start: NaiveDate) -> bool {
    let limit = rules.english_maths.and_then(|rule| rule.required_under_age);
    match (limit, person.date_of_birth) {
        (Some(limit), Some(born)) => age_on(born, start) >= limit,
        _ => false,
    }
}

/// The plan changed after the last sealed review, so it is to be discussed
/// at the next; a change on the day of a review counts as made at it.
pub fn to_discuss(changed_on: NaiveDate, checkins: &[CheckinSummary]) -> bool {
    checkins
        .iter()
        .filter(|checkin| checkin.sealed)
        .map(|checkin| checkin.date)
        .max()
        .is_some_and(|last| changed_on > last)
}

/// The plan as it stands: recorded, or the defaults the rules give.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanStanding {
    /// A plan has been recorded; otherwise the fields are the defaults.
    pub recorded: bool,
    /// The first start date of the rule set in force; none: the programme's.
    pub rules_from: Option<NaiveDate>,
    pub planned_end: NaiveDate,
    pub minimum_off_the_job_hours: Option<f64>,
    pub off_the_job_floor_hours: Option<f64>,
    pub prior_learning_hours: f64,
    pub prior_learning_reason: Option<String>,
    pub planned_off_the_job_hours: Option<f64>,
    pub assessment_organisation: Option<String>,
    pub organisation_chosen_on: Option<NaiveDate>,
    pub english_maths: Option<EnglishMathsDecision>,
    /// The rules leave English and maths to employer and apprentice.
    pub english_maths_decision_needed: bool,
    pub changed_on: Option<NaiveDate>,
    pub changed_by: Option<String>,
    /// Changed since the last sealed review: to discuss at the next.
    pub to_discuss: bool,
}

/// The plan of `enrolment` under `rules`, recorded or not.
pub fn plan_standing(
    rules: &Rules,
    person: &Person,
    enrolment: &Enrolment,
    plan: Option<&TrainingPlan>,
    checkins: &[CheckinSummary],
) -> PlanStanding {
    let needed = english_maths_decision_needed(rules, person, enrolment.start_date);
    let mut standing = PlanStanding {
        recorded: false,
        rules_from: rules.from,
        planned_end: enrolment.planned_end,
        minimum_off_the_job_hours: rules.minimum_off_the_job_hours,
        off_the_job_floor_hours: rules.off_the_job_floor_hours,
        prior_learning_hours: 0.0,
        prior_learning_reason: None,
        planned_off_the_job_hours: rules.minimum_off_the_job_hours,
        assessment_organisation: None,
        organisation_chosen_on: None,
        english_maths: None,
        english_maths_decision_needed: needed,
        changed_on: None,
        changed_by: None,
        to_discuss: false,
    };
    if let Some(plan) = plan {
        standing.recorded = true;
        standing.planned_end = plan.planned_end;
        standing.prior_learning_hours = plan.prior_learning_hours;
        standing.prior_learning_reason = plan.prior_learning_reason.clone();
        standing.planned_off_the_job_hours = plan.planned_off_the_job_hours;
        standing.assessment_organisation = plan.assessment_organisation.clone();
        standing.organisation_chosen_on = plan.organisation_chosen_on;
        standing.english_maths = plan.english_maths.clone();
        standing.changed_on = Some(plan.changed_on);
        standing.changed_by = plan.changed_by.clone();
        standing.to_discuss = to_discuss(plan.changed_on, checkins);
    }
    standing
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::Interval;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    fn rules(minimum: Option<f64>, floor: Option<f64>) -> Rules<'static> {
        Rules {
            from: None,
            minimum_duration_months: Some(8),
            review_interval: Interval::Months(3),
            minimum_off_the_job_hours: minimum,
            off_the_job_floor_hours: floor,
            english_maths: None,
        }
    }

    #[test]
    fn prior_learning_reduces_the_minimum_down_to_the_floor_and_no_further() {
        let rules = rules(Some(300.0), Some(187.0));
        assert_eq!(planned_hours(&rules, 0.0), Ok(Some(300.0)));
        assert_eq!(planned_hours(&rules, 113.0), Ok(Some(187.0)));
        assert_eq!(
            planned_hours(&rules, 113.5),
            Err(HoursProblem::BelowFloor {
                minimum: 300.0,
                planned: 186.5,
                floor: 187.0
            })
        );
        assert_eq!(planned_hours(&rules, -1.0), Err(HoursProblem::Negative));
    }

    #[test]
    fn without_a_minimum_there_is_nothing_to_reduce() {
        let rules = rules(None, None);
        assert_eq!(planned_hours(&rules, 0.0), Ok(None));
        assert_eq!(planned_hours(&rules, 5.0), Err(HoursProblem::NoMinimum));
    }

    #[test]
    fn a_planned_end_respects_the_minimum_duration() {
        let rules = rules(None, None);
        let start = date("2025-09-01");
        assert!(check_planned_end(start, date("2026-05-01"), &rules).is_ok());
        let short = check_planned_end(start, date("2026-04-30"), &rules);
        assert!(short.is_err_and(|message| message.contains("2026-05-01 at the earliest")));
        assert!(check_planned_end(start, start, &rules).is_err());
    }

    #[test]
    fn a_change_after_the_last_sealed_review_is_to_discuss_until_the_next() {
        let review = |on: &str, sealed: bool| CheckinSummary {
            id: 1,
            date: date(on),
            assessor_id: 1,
            sealed,
            next_due: None,
            amends: None,
            completed: None,
            signed_by: Vec::new(),
        };
        let changed = date("2026-03-10");
        assert!(!to_discuss(changed, &[]), "no review yet");
        assert!(to_discuss(changed, &[review("2026-03-01", true)]));
        assert!(!to_discuss(changed, &[review("2026-03-10", true)]));
        let next_unsealed = [review("2026-03-01", true), review("2026-05-01", false)];
        assert!(to_discuss(changed, &next_unsealed));
        let next_sealed = [review("2026-03-01", true), review("2026-05-01", true)];
        assert!(!to_discuss(changed, &next_sealed));
    }
}
