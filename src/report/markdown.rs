//! Markdown a person can read as it is: for the apprentice, the employer,
//! or the portfolio.

use super::CaseloadLine;
use super::cells::{cell, share_text};
use super::gateway::{signoff_lines, signoff_open, signoff_state};
use super::plan::plan_rows;
use super::practice::practice_section;
use crate::domain::standing::{
    CheckinStanding, GatewayStanding, HoursStanding, OutcomeCounts, Standing, position_text,
};
use crate::domain::{PlanStanding, SignoffStanding, counted};
use std::fmt::Write;

pub fn standing_markdown(standing: &Standing) -> String {
    let mut text = String::new();
    heading(&mut text, standing);
    summary(&mut text, standing);
    list(&mut text, "Warnings", &standing.warnings);
    plan_section(&mut text, &standing.plan);
    if let Some(gateway) = &standing.gateway {
        gateway_section(&mut text, gateway);
        if let Some(signoff) = &standing.gateway_signoff {
            signoff_section(&mut text, signoff, gateway.ready);
        }
    }
    methods(&mut text, standing);
    results(&mut text, standing);
    outcomes(&mut text, standing);
    requirements(&mut text, standing);
    milestones(&mut text, standing);
    hours(&mut text, &standing.hours);
    if let Some(practice) = &standing.practice {
        practice_section(&mut text, practice, &standing.hours.categories);
    }
    text
}

/// Who, on what, as of when, and whether the framework file has changed.
fn heading(text: &mut String, standing: &Standing) {
    let framework = &standing.framework;
    let _ = writeln!(
        text,
        "# {} — {}\n",
        cell(&standing.person.name),
        cell(&framework.title)
    );
    let reason = standing
        .status_reason
        .as_deref()
        .map(|r| format!(" ({})", cell(r)))
        .unwrap_or_default();
    let _ = writeln!(
        text,
        "As of {} · {} version {} · {}{reason}\n",
        standing.as_of,
        framework.id,
        framework.version,
        standing.status.as_str().replace('_', " ")
    );
    if framework.changed_since_enrolment {
        let _ = writeln!(
            text,
            "The framework file has changed since this enrolment began.\n"
        );
    }
}

fn summary(text: &mut String, standing: &Standing) {
    let checkin = &standing.checkins;
    let last = checkin
        .last
        .map_or("none yet".to_string(), |d| d.to_string());
    let rows = [
        ("Start", standing.start_date.to_string()),
        ("Planned end", standing.planned_end.to_string()),
        ("Programme", position_text(standing)),
        (
            "RAG",
            format!(
                "**{}**: {}",
                standing.rag.label().to_uppercase(),
                cell(&standing.rag_reason)
            ),
        ),
        ("Outcomes", outcome_summary(&standing.outcome_counts)),
        ("Last check-in", last),
        ("Next check-in", next_checkin(checkin)),
    ];
    let _ = writeln!(text, "| | |\n|---|---|");
    for (label, value) in learner_rows(standing).into_iter().chain(rows) {
        let _ = writeln!(text, "| {label} | {value} |");
    }
    for awaiting in &checkin.awaiting {
        let overdue = if awaiting.overdue() { " (overdue)" } else { "" };
        let _ = writeln!(
            text,
            "| Check-in {} | {}{overdue} |",
            awaiting.checkin_id,
            awaiting.describe()
        );
    }
    text.push('\n');
}

/// The learner record's own rows, each only when recorded.
fn learner_rows(standing: &Standing) -> Vec<(&'static str, String)> {
    let person = &standing.person;
    let employer = match (&person.employer, &person.line_manager) {
        (Some(employer), Some(manager)) => Some(format!("{employer} (line manager {manager})")),
        (Some(employer), None) => Some(employer.clone()),
        (None, Some(manager)) => Some(format!("line manager {manager}")),
        (None, None) => None,
    };
    [
        ("ULN", person.uln.clone()),
        ("Employer", employer),
        ("Learning support", person.learning_support.clone()),
    ]
    .into_iter()
    .filter_map(|(label, value)| value.map(|v| (label, cell(&v))))
    .collect()
}

fn plan_section(text: &mut String, plan: &PlanStanding) {
    let _ = writeln!(text, "## Training plan\n\n| | |\n|---|---|");
    for (label, value) in plan_rows(plan) {
        let _ = writeln!(text, "| {label} | {} |", cell(&value));
    }
    text.push('\n');
}

fn outcome_summary(counts: &OutcomeCounts) -> String {
    format!(
        "{} of {} judged competent; {} marked done by the apprentice, waiting for review; {:.0}% expected by now",
        counts.judged_competent, counts.total, counts.awaiting_review, counts.expected_percent
    )
}

fn next_checkin(checkin: &CheckinStanding) -> String {
    if checkin.overdue {
        format!(
            "{} (overdue by {})",
            checkin.next_due,
            counted(checkin.days_overdue as usize, "day", "days")
        )
    } else {
        checkin.next_due.to_string()
    }
}

fn list(text: &mut String, heading: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(text, "## {heading}\n");
    for item in items {
        let _ = writeln!(text, "- {}", cell(item));
    }
    text.push('\n');
}

fn gateway_section(text: &mut String, gateway: &GatewayStanding) {
    let verdict = if gateway.ready {
        "ready".to_string()
    } else {
        format!(
            "not ready, {}",
            counted(gateway.blockers.len(), "blocker", "blockers")
        )
    };
    let _ = writeln!(text, "## {}: {verdict}\n", cell(&gateway.title));
    for rule in &gateway.rules {
        match &rule.blocker {
            None => {
                let _ = writeln!(text, "- [x] {}", cell(&rule.title));
            }
            Some(blocker) => {
                let _ = writeln!(text, "- [ ] {}", cell(blocker));
            }
        }
    }
    text.push('\n');
}

/// Who has signed the gateway sign-off and when, who is awaited, the seal;
/// only the state while nobody may sign yet.
fn signoff_section(text: &mut String, signoff: &SignoffStanding, ready: bool) {
    let state = signoff_state(signoff, ready);
    let _ = writeln!(text, "## Gateway sign-off: {state}\n");
    if signoff_open(signoff, ready) {
        for line in signoff_lines(signoff) {
            let _ = writeln!(text, "- {}", cell(&line));
        }
        text.push('\n');
    }
}

fn methods(text: &mut String, standing: &Standing) {
    if standing.epa_methods.is_empty() {
        return;
    }
    let _ = writeln!(text, "## End-point assessment methods\n");
    let _ = writeln!(text, "| Method | Ready | Missing |\n|---|---|---|");
    for method in &standing.epa_methods {
        let missing = if method.missing.is_empty() {
            "none".to_string()
        } else {
            method.missing.join(", ")
        };
        let _ = writeln!(
            text,
            "| {} | {} of {} ({}%) | {} |",
            cell(&method.title),
            method.ready,
            method.total,
            method.readiness_percent,
            missing
        );
    }
    let _ = writeln!(
        text,
        "\nAn outcome is ready when judged competent and backed by evidence.\n"
    );
}

/// Each method's results, once any is recorded.
fn results(text: &mut String, standing: &Standing) {
    if standing.epa_results.iter().all(|m| m.latest.is_none()) {
        return;
    }
    let _ = writeln!(text, "## End-point assessment results\n");
    let _ = writeln!(
        text,
        "| Method | Latest result | Attempts | Passed |\n|---|---|---|---|"
    );
    for method in &standing.epa_results {
        let latest = method.latest.as_ref().map_or("not taken".to_string(), |r| {
            format!("{} on {} ({})", cell(&r.grade), r.date, r.attempt)
        });
        let passed = if method.passed { "yes" } else { "no" };
        let _ = writeln!(
            text,
            "| {} | {latest} | {} | {passed} |",
            cell(&method.title),
            method.attempts
        );
    }
    text.push('\n');
}

fn outcomes(text: &mut String, standing: &Standing) {
    let _ = writeln!(text, "## Outcomes\n");
    let _ = writeln!(
        text,
        "| Code | Outcome | Own status | Judgement | Evidence |\n|---|---|---|---|---|"
    );
    for outcome in &standing.outcomes {
        let _ = writeln!(
            text,
            "| {} | {} | {} | {} | {} |",
            cell(&outcome.code),
            cell(&outcome.title),
            outcome.status,
            outcome.judgement,
            outcome.evidence_count
        );
    }
    text.push('\n');
}

fn requirements(text: &mut String, standing: &Standing) {
    if standing.requirements.is_empty() {
        return;
    }
    let _ = writeln!(text, "## Requirements\n");
    let _ = writeln!(
        text,
        "| Requirement | Kind | Status | Date | Expires |\n|---|---|---|---|---|"
    );
    for requirement in &standing.requirements {
        let _ = writeln!(
            text,
            "| {} | {} | {} | {} | {} |",
            cell(&requirement.title),
            requirement.kind,
            requirement.status.label(),
            requirement.date.map_or(String::new(), |d| d.to_string()),
            requirement
                .expires_on
                .map_or(String::new(), |d| d.to_string())
        );
        for unit in &requirement.units {
            let _ = writeln!(
                text,
                "| ↳ {} | unit | {} | {} | |",
                cell(&unit.title),
                unit.status.label(),
                unit.date.map_or(String::new(), |d| d.to_string()),
            );
        }
    }
    text.push('\n');
}

/// Each milestone: reached (with the day), due, overdue, upcoming or passed.
fn milestones(text: &mut String, standing: &Standing) {
    if standing.milestones.is_empty() {
        return;
    }
    let _ = writeln!(text, "## Milestones\n");
    let _ = writeln!(
        text,
        "| Month | Milestone | Checked by | State | By |\n|---|---|---|---|---|"
    );
    for milestone in &standing.milestones {
        let state = match milestone.reached_on {
            Some(day) => format!("reached {day}"),
            None => milestone.state.label().to_string(),
        };
        let _ = writeln!(
            text,
            "| {} | {} | {} | {state} | {} |",
            milestone.month,
            cell(&milestone.title),
            milestone.requirement.as_deref().unwrap_or("-"),
            milestone.due_by
        );
    }
    text.push('\n');
}

fn hours(text: &mut String, hours: &HoursStanding) {
    if hours.categories.is_empty() {
        return;
    }
    let _ = writeln!(text, "## Hours\n");
    let _ = writeln!(
        text,
        "| Category | Logged | Accepted | Queried | Target | Expected by now | Behind | Share of time |\n|---|---|---|---|---|---|---|---|"
    );
    for category in &hours.categories {
        let share = share_text(category);
        let _ = writeln!(
            text,
            "| {} | {} | {} | {} | {} | {} | {} | {share} |",
            cell(&category.title),
            category.logged,
            category.accepted,
            category.queried,
            category.target.map_or("-".to_string(), |t| t.to_string()),
            category
                .expected_to_date
                .map_or("-".to_string(), |e| format!("{e:.0}")),
            if category.slippage > 0.0 {
                format!("{:.0}", category.slippage)
            } else {
                "-".to_string()
            },
        );
    }
    text.push('\n');
}

pub fn caseload_markdown(lines: &[CaseloadLine]) -> String {
    let mut text =
        String::from("| Name | Framework | Month | RAG | Next check-in | Gateway | Warnings |\n");
    text.push_str("|---|---|---|---|---|---|---|\n");
    for line in lines {
        let mut due = if line.checkin_overdue {
            format!("{} (overdue)", line.next_checkin_due)
        } else {
            line.next_checkin_due.to_string()
        };
        for awaiting in &line.awaiting_signatures {
            due.push_str(&format!("; {}", cell(awaiting)));
        }
        let gateway = match line.gateway_ready {
            Some(true) => "ready".to_string(),
            Some(false) => counted(line.gateway_blockers, "blocker", "blockers"),
            None => "-".to_string(),
        };
        let _ = writeln!(
            text,
            "| {} | {} | {} | {} | {due} | {gateway} | {} |",
            cell(&line.name),
            line.framework,
            line.month_of_programme,
            line.rag.label(),
            line.warnings
        );
    }
    text
}
