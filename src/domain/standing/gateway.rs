//! The gateway checklist: every rule of the framework evaluated, each unmet
//! one with a blocker in plain words; and readiness per assessment method.

use super::outcomes::{OutcomeStanding, percent};
use super::requirements::{RequirementStanding, RequirementState};
use crate::domain::{Judgement, PlanStanding, counted, hours_text};
use crate::framework::{
    Framework, GatewayCheck, HoursCheck, OutcomesCheck, PlanCheck, RequirementKind, Rules,
};
use chrono::Months;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleStanding {
    pub id: String,
    pub title: String,
    pub met: bool,
    /// What stands in the way, when not met.
    pub blocker: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GatewayStanding {
    pub title: String,
    /// True when no rule is unmet.
    pub ready: bool,
    pub blockers: Vec<String>,
    pub rules: Vec<RuleStanding>,
}

/// What the rules need to know besides the framework.
pub struct GatewayFacts<'a> {
    pub outcomes: &'a [OutcomeStanding],
    pub requirements: &'a [RequirementStanding],
    /// Hours logged per category id.
    pub hours: &'a BTreeMap<String, f64>,
    pub months_completed: u32,
    /// The enrolment's rules, chosen by its start date.
    pub rules: &'a Rules<'a>,
    pub plan: &'a PlanStanding,
}

pub fn gateway_standing(framework: &Framework, facts: &GatewayFacts) -> Option<GatewayStanding> {
    let gateway = framework.gateway.as_ref()?;
    let rules: Vec<RuleStanding> = gateway
        .rules
        .iter()
        .map(|rule| {
            let blocker = blocker(framework, &rule.check, facts);
            RuleStanding {
                id: rule.id.clone(),
                title: rule.title.clone(),
                met: blocker.is_none(),
                blocker,
            }
        })
        .collect();
    let blockers: Vec<String> = rules
        .iter()
        .filter_map(|rule| rule.blocker.clone())
        .collect();
    Some(GatewayStanding {
        title: gateway.title.clone(),
        ready: blockers.is_empty(),
        blockers,
        rules,
    })
}

fn blocker(framework: &Framework, check: &GatewayCheck, facts: &GatewayFacts) -> Option<String> {
    match check {
        GatewayCheck::Requirement(id) => requirement_blocker(framework, id, facts.requirements),
        GatewayCheck::Outcomes(check) => outcomes_blocker(check, facts.outcomes),
        GatewayCheck::Hours(check) => hours_blocker(framework, check, facts.hours),
        GatewayCheck::MonthsOnProgramme(months) => months_blocker(*months, facts),
        GatewayCheck::Plan(PlanCheck::MinimumDuration) => facts
            .rules
            .minimum_duration_months
            .and_then(|months| months_blocker(months, facts)),
        GatewayCheck::Plan(PlanCheck::AssessmentOrganisation) => organisation_blocker(facts.plan),
        GatewayCheck::Plan(PlanCheck::EnglishMathsDecision) => {
            let plan = facts.plan;
            (plan.english_maths_decision_needed && plan.english_maths.is_none()).then(|| {
                "English and maths: no decision of employer and apprentice in the training plan"
                    .to_string()
            })
        }
        GatewayCheck::Plan(PlanCheck::OffTheJobHours) => {
            plan_hours_blocker(framework, facts.plan, facts.hours)
        }
        GatewayCheck::EvidencePerOutcome(minimum) => {
            let short: Vec<&str> = facts
                .outcomes
                .iter()
                .filter(|o| o.evidence_count < *minimum as usize)
                .map(|o| o.code.as_str())
                .collect();
            match (short.is_empty(), minimum) {
                (true, _) => None,
                (false, 1) => Some(format!("no evidence mapped to {}", list(&short))),
                (false, n) => Some(format!(
                    "fewer than {n} evidence items for {}",
                    list(&short)
                )),
            }
        }
    }
}

/// Months before the planned end by which the end-point assessment
/// organisation is to be in the plan.
const ORGANISATION_MONTHS_BEFORE_END: u32 = 6;

fn organisation_blocker(plan: &PlanStanding) -> Option<String> {
    let latest = plan
        .planned_end
        .checked_sub_months(Months::new(ORGANISATION_MONTHS_BEFORE_END))?;
    match (&plan.assessment_organisation, plan.organisation_chosen_on) {
        (Some(_), Some(chosen)) if chosen <= latest => None,
        (Some(name), Some(chosen)) => Some(format!(
            "{name} was chosen on {chosen}, later than 6 months before the planned end ({latest} at the latest)"
        )),
        _ => Some(format!(
            "no end-point assessment organisation in the training plan (due by {latest})"
        )),
    }
}

/// Off-the-job hours against the plan's planned hours.
fn plan_hours_blocker(
    framework: &Framework,
    plan: &PlanStanding,
    hours: &BTreeMap<String, f64>,
) -> Option<String> {
    let category = framework.programme.off_the_job_category.as_deref()?;
    let planned = plan.planned_off_the_job_hours?;
    let logged = hours.get(category).copied().unwrap_or(0.0);
    (logged < planned).then(|| {
        format!(
            "{category} hours {} of {} planned",
            hours_text(logged),
            hours_text(planned)
        )
    })
}

fn months_blocker(months: u32, facts: &GatewayFacts) -> Option<String> {
    (facts.months_completed < months).then(|| {
        format!(
            "{} of {} on programme completed",
            facts.months_completed,
            counted(months as usize, "month", "months")
        )
    })
}

fn requirement_blocker(
    framework: &Framework,
    id: &str,
    standings: &[RequirementStanding],
) -> Option<String> {
    let standing = standings.iter().find(|standing| standing.id == id)?;
    if standing.status.is_settled() {
        return None;
    }
    let kind = framework.requirement(id).map(|r| r.kind);
    let title = &standing.title;
    Some(match (standing.status, kind) {
        (RequirementState::Expired, _) => {
            let on = standing
                .expires_on
                .map(|d| format!(" on {d}"))
                .unwrap_or_default();
            format!("{title}: expired{on}")
        }
        (RequirementState::NotMet, _) => format!("{title}: not met"),
        (_, Some(RequirementKind::Confirmation)) => format!("{title}: not yet confirmed"),
        _ => format!("{title} not yet achieved"),
    })
}

fn outcomes_blocker(check: &OutcomesCheck, outcomes: &[OutcomeStanding]) -> Option<String> {
    let short: Vec<&str> = outcomes
        .iter()
        .filter(|o| check.codes.is_empty() || check.codes.contains(&o.code))
        .filter(|o| check.types.is_empty() || check.types.contains(&o.outcome_type))
        .filter(|o| o.judgement < check.at_least)
        .map(|o| o.code.as_str())
        .collect();
    (!short.is_empty()).then(|| format!("{} not yet judged {}", list(&short), check.at_least))
}

fn hours_blocker(
    framework: &Framework,
    check: &HoursCheck,
    hours: &BTreeMap<String, f64>,
) -> Option<String> {
    let category = framework.hour_category(&check.category)?;
    let minimum = check.minimum_hours.or(category.target_hours)?;
    let logged = hours.get(&check.category).copied().unwrap_or(0.0);
    (logged < minimum).then(|| {
        format!(
            "{} hours {} of {}",
            check.category,
            hours_text(logged),
            hours_text(minimum)
        )
    })
}

/// One method of the end-point assessment: how many of its outcomes are
/// judged competent and backed by evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MethodReadiness {
    pub id: String,
    pub title: String,
    pub ready: usize,
    pub total: usize,
    /// Whole percent, rounded down so 100 means every outcome is ready.
    pub readiness_percent: u32,
    pub missing: Vec<String>,
}

pub fn method_readiness(
    framework: &Framework,
    outcomes: &[OutcomeStanding],
) -> Vec<MethodReadiness> {
    framework
        .assessment_methods
        .iter()
        .map(|method| {
            let ready_codes: Vec<&str> = outcomes
                .iter()
                .filter(|o| o.judgement >= Judgement::Competent && o.evidence_count > 0)
                .map(|o| o.code.as_str())
                .collect();
            let missing: Vec<String> = method
                .assesses
                .iter()
                .filter(|code| !ready_codes.contains(&code.as_str()))
                .cloned()
                .collect();
            let total = method.assesses.len();
            let ready = total - missing.len();
            MethodReadiness {
                id: method.id.clone(),
                title: method.title.clone(),
                ready,
                total,
                readiness_percent: percent(ready, total).floor() as u32,
                missing,
            }
        })
        .collect()
}

/// "LO2", "LO2 and LO5", "LO2, LO5 and K1".
pub fn list(codes: &[&str]) -> String {
    match codes {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_english() {
        assert_eq!(list(&["LO5"]), "LO5");
        assert_eq!(list(&["LO2", "LO5"]), "LO2 and LO5");
        assert_eq!(list(&["LO2", "LO5", "K1"]), "LO2, LO5 and K1");
    }
}
