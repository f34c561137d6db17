//! The training plan in words: one row per item, for the report, `plan
//! show` and the app's dashboard alike.

use crate::domain::{EnglishMaths, PlanStanding, hours_text};

/// "to discuss at the next review", shown wherever a changed plan is.
pub const TO_DISCUSS: &str = "changed since the last review: to discuss at the next review";

/// Each item of the plan, labelled.
pub fn plan_rows(plan: &PlanStanding) -> Vec<(&'static str, String)> {
    let mut rows = vec![
        ("Rules", rules_text(plan)),
        ("Planned end", plan.planned_end.to_string()),
        ("Off-the-job hours", hours_line(plan)),
        ("Assessment organisation", organisation_text(plan)),
        ("English and maths", english_maths_text(plan)),
    ];
    let changed = match (&plan.changed_on, &plan.changed_by) {
        (Some(on), Some(by)) => format!("{on} by {by}"),
        (Some(on), None) => on.to_string(),
        _ => "no plan recorded yet: the rules' defaults are shown".to_string(),
    };
    rows.push(("Last changed", changed));
    if plan.to_discuss {
        rows.push(("Next review", TO_DISCUSS.to_string()));
    }
    rows
}

fn rules_text(plan: &PlanStanding) -> String {
    match plan.rules_from {
        Some(from) => format!("for starts from {from}"),
        None => "the programme's own".to_string(),
    }
}

/// "167 planned: 187 less 20 of prior learning (reason); floor 187".
fn hours_line(plan: &PlanStanding) -> String {
    let Some(planned) = plan.planned_off_the_job_hours else {
        return "no minimum set by the rules".to_string();
    };
    let mut line = format!("{} planned", hours_text(planned));
    if let Some(minimum) = plan.minimum_off_the_job_hours {
        if plan.prior_learning_hours > 0.0 {
            line.push_str(&format!(
                ": {} less {} of prior learning",
                hours_text(minimum),
                hours_text(plan.prior_learning_hours)
            ));
            if let Some(reason) = &plan.prior_learning_reason {
                line.push_str(&format!(" ({reason})"));
            }
        }
    }
    if let Some(floor) = plan.off_the_job_floor_hours {
        line.push_str(&format!("; floor {}", hours_text(floor)));
    }
    line
}

fn organisation_text(plan: &PlanStanding) -> String {
    match (&plan.assessment_organisation, plan.organisation_chosen_on) {
        (Some(name), Some(on)) => format!("{name}, chosen on {on}"),
        (Some(name), None) => name.clone(),
        _ => "not yet named".to_string(),
    }
}

fn english_maths_text(plan: &PlanStanding) -> String {
    match &plan.english_maths {
        Some(decision) => {
            let what = match decision.decision {
                EnglishMaths::Required => "required",
                EnglishMaths::NotRequired => "not required",
            };
            format!(
                "{what}, decided by {}: {}",
                decision.decided_by, decision.reason
            )
        }
        None if plan.english_maths_decision_needed => {
            "no decision recorded: the apprentice was 19 or over at the start, so employer and apprentice decide".to_string()
        }
        None => "as the rules require".to_string(),
    }
}

/// `plan show` in Markdown.
pub fn plan_markdown(name: &str, plan: &PlanStanding) -> String {
    let mut text = format!("# Training plan — {}\n\n", super::cells::cell(name));
    for (label, value) in plan_rows(plan) {
        text.push_str(&format!("- {label}: {}\n", super::cells::cell(&value)));
    }
    text
}
