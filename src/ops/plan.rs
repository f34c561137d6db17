//! The training plan: every change through `set_plan`, by the apprentice's
//! assessor or an administrator, checked against the rules of the
//! enrolment's start date and written with its history.

use super::{Field, OpError, Ops, enrolled, framework_of, permitted_on};
use crate::domain::{
    EnglishMaths, EnglishMathsDecision, Operation, PersonId, TrainingPlan, check_name,
    check_planned_end, check_text, planned_hours,
};
use crate::framework::Rules;
use chrono::NaiveDate;

/// What to change; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct PlanInput {
    pub planned_end: Option<NaiveDate>,
    /// Hours of prior learning, with the reason (needed above 0).
    pub prior_learning: Option<(f64, String)>,
    /// The end-point assessment organisation, and the day it was chosen
    /// (today when not given).
    pub assessment_organisation: Option<(String, Option<NaiveDate>)>,
    /// The English and maths decision, who decided (employer and
    /// apprentice) and why.
    pub english_maths: Option<(EnglishMaths, String, String)>,
}

impl PlanInput {
    fn is_empty(&self) -> bool {
        self.planned_end.is_none()
            && self.prior_learning.is_none()
            && self.assessment_organisation.is_none()
            && self.english_maths.is_none()
    }
}

impl Ops<'_> {
    /// Records or changes `person`'s training plan; returns it as saved.
    pub fn set_plan(
        &mut self,
        person: PersonId,
        input: &PlanInput,
    ) -> Result<TrainingPlan, OpError> {
        if input.is_empty() {
            return Err(OpError::Refused(
                "nothing to change: give at least one field of the plan".into(),
            ));
        }
        let (registry, today, actor) = (self.registry, self.clock.today(), self.actor);
        let change = self.begin()?;
        let (apprentice, enrolment) = enrolled(&change, person)?;
        permitted_on(&change, actor, Operation::EditPlan, &apprentice)?;
        let framework = framework_of(registry, &enrolment.framework_id)?;
        let rules = framework.rules_for(enrolment.start_date);
        let before = change.plan(enrolment.id)?;
        let mut plan = before.clone().unwrap_or_else(|| TrainingPlan {
            planned_end: enrolment.planned_end,
            prior_learning_hours: 0.0,
            prior_learning_reason: None,
            planned_off_the_job_hours: rules.minimum_off_the_job_hours,
            assessment_organisation: None,
            organisation_chosen_on: None,
            english_maths: None,
            changed_on: today,
            changed_by: None,
            version: Default::default(),
        });
        apply(&mut plan, input, &rules, enrolment.start_date, today)?;
        change.save_plan(enrolment.id, before.as_ref(), &plan)?;
        let saved = change.plan(enrolment.id)?;
        change.commit()?;
        saved.ok_or_else(|| OpError::Gone("the training plan was not saved".into()))
    }
}

/// The input checked and written over `plan`.
fn apply(
    plan: &mut TrainingPlan,
    input: &PlanInput,
    rules: &Rules,
    start: NaiveDate,
    today: NaiveDate,
) -> Result<(), OpError> {
    if let Some(end) = input.planned_end {
        check_planned_end(start, end, rules).map_err(|m| OpError::invalid(Field::PlannedEnd, m))?;
        plan.planned_end = end;
    }
    if let Some((hours, reason)) = &input.prior_learning {
        let planned = planned_hours(rules, *hours)
            .map_err(|problem| OpError::invalid(Field::PriorLearning, problem.to_string()))?;
        let reason = check_text(reason, 2_000)
            .map_err(|m| OpError::invalid(Field::PriorLearningReason, m))?;
        if *hours > 0.0 && reason.trim().is_empty() {
            return Err(OpError::invalid(
                Field::PriorLearningReason,
                "say why prior learning reduces the off-the-job hours",
            ));
        }
        plan.prior_learning_hours = *hours;
        plan.prior_learning_reason = (!reason.trim().is_empty()).then(|| reason.trim().to_string());
        plan.planned_off_the_job_hours = planned;
    }
    if let Some((name, chosen_on)) = &input.assessment_organisation {
        let name = check_name(name).map_err(|m| OpError::invalid(Field::Organisation, m))?;
        let chosen_on = chosen_on.unwrap_or(today);
        if chosen_on > today {
            return Err(OpError::invalid(
                Field::ChosenOn,
                format!("{chosen_on} is in the future; record the choice once it is made"),
            ));
        }
        plan.assessment_organisation = Some(name.to_string());
        plan.organisation_chosen_on = Some(chosen_on);
    }
    if let Some((decision, decided_by, reason)) = &input.english_maths {
        let decided_by =
            check_name(decided_by).map_err(|m| OpError::invalid(Field::DecidedBy, m))?;
        let reason = check_text(reason, 2_000).map_err(|m| OpError::invalid(Field::Reason, m))?;
        if reason.trim().is_empty() {
            return Err(OpError::invalid(
                Field::Reason,
                "say why English and maths are or are not required",
            ));
        }
        plan.english_maths = Some(EnglishMathsDecision {
            decision: *decision,
            decided_by: decided_by.to_string(),
            reason: reason.trim().to_string(),
        });
    }
    Ok(())
}
