//! `standard show`: a framework summarised for a reader, section by section.

use crate::domain::and_list;
use crate::framework::Party;
use crate::framework::{
    Framework, Gateway, GatewayCheck, HourCategory, Hours, PlanCheck, Programme, RequiredWhen,
    Requirement, RequirementKind, RuleSet, Term,
};
use std::fmt::Write;

/// The summary `standard show` prints; `source` says where the file came from.
pub fn render_summary(framework: &Framework, source: &str) -> String {
    let mut text = String::new();
    heading(&mut text, framework, source);
    programme(&mut text, &framework.programme, &framework.review.signed_by);
    outcomes(&mut text, framework);
    requirements(&mut text, &framework.requirements);
    assessment_methods(&mut text, framework);
    if let Some(gateway) = &framework.gateway {
        gateway_rules(&mut text, gateway);
    }
    hours(&mut text, &framework.hours);
    terms(
        &mut text,
        "Areas of practice (one is chosen per enrolment)",
        &framework.areas_of_practice,
    );
    terms(&mut text, "Activities", &framework.activities);
    text
}

fn heading(text: &mut String, framework: &Framework, source: &str) {
    let metadata = &framework.framework;
    let mut facts = vec![metadata.kind.clone()];
    if let Some(level) = metadata.level {
        facts.push(format!("level {level}"));
    }
    if let Some(reference) = &metadata.reference {
        facts.push(format!("reference {reference}"));
    }
    if let Some(code) = metadata.lars_code {
        facts.push(format!("LARS code {code}"));
    }
    let _ = writeln!(text, "{}", metadata.title);
    let _ = writeln!(text, "  {}", facts.join(" · "));
    let _ = writeln!(
        text,
        "  {} version {}, from {source}",
        metadata.id, metadata.version
    );
    for line in wrap(&metadata.summary, 76) {
        let _ = writeln!(text, "  {line}");
    }
}

fn programme(text: &mut String, programme: &Programme, review_signers: &[Party]) {
    let _ = writeln!(text, "\nProgramme");
    let mut line = format!("  {} months", programme.duration_months);
    if let Some(minimum) = programme.minimum_duration_months {
        line.push_str(&format!(" (at least {minimum} before gateway)"));
    }
    let _ = writeln!(
        text,
        "{line}, a check-in every {} weeks",
        programme.checkin_interval_weeks
    );
    let _ = writeln!(
        text,
        "  each check-in signed by {}",
        parties(review_signers)
    );
    for set in &programme.rules {
        let _ = writeln!(text, "{}", rule_set_line(set));
    }
    for milestone in &programme.milestones {
        let mut line = format!("  month {:>2}  {}", milestone.month, milestone.title);
        if let Some(percent) = milestone.outcomes_expected_percent {
            line.push_str(&format!("  [{percent}% of outcomes expected]"));
        }
        let _ = writeln!(text, "{line}");
    }
}

fn outcomes(text: &mut String, framework: &Framework) {
    let _ = writeln!(text, "\nOutcomes ({})", framework.outcomes.len());
    let width = column_width(framework.outcomes.iter().map(|o| o.code.as_str()));
    for group in &framework.outcome_groups {
        let in_group: Vec<_> = framework
            .outcomes
            .iter()
            .filter(|o| o.group == group.id)
            .collect();
        if in_group.is_empty() {
            continue;
        }
        let _ = writeln!(text, "  {}", group.title);
        for outcome in in_group {
            let kind = title_of(&framework.outcome_types, &outcome.outcome_type);
            let _ = writeln!(
                text,
                "    {:width$}  {}  ({kind})",
                outcome.code, outcome.title
            );
        }
    }
}

fn requirements(text: &mut String, requirements: &[Requirement]) {
    let _ = writeln!(text, "\nRequirements ({})", requirements.len());
    let width = column_width(requirements.iter().map(|r| r.id.as_str()));
    for kind in [
        RequirementKind::Entry,
        RequirementKind::Qualification,
        RequirementKind::Confirmation,
    ] {
        let of_kind: Vec<_> = requirements.iter().filter(|r| r.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let _ = writeln!(text, "  {}s", capitalise(kind.label()));
        for requirement in of_kind {
            let _ = writeln!(text, "    {:width$}  {}", requirement.id, requirement.title);
            if let Some(condition) = condition(requirement) {
                let _ = writeln!(text, "    {:width$}  {condition}", "");
            }
            for unit in &requirement.units {
                let _ = writeln!(text, "    {:width$}  - {}", "", unit.title);
            }
        }
    }
}

/// When a requirement applies, in words; `None` when it always applies plainly.
fn condition(requirement: &Requirement) -> Option<String> {
    let mut notes = Vec::new();
    if let Some(RequiredWhen {
        under_age_at_start,
        employer_opt_in,
        once_recorded,
    }) = &requirement.required_when
    {
        let mut when = Vec::new();
        if let Some(age) = under_age_at_start {
            when.push(format!("under {age} at the start"));
        }
        if *employer_opt_in {
            when.push("the employer opts in".to_string());
        }
        if *once_recorded {
            when.push("the employer asks for it and a result is recorded".to_string());
        }
        notes.push(format!("required when {}", when.join(", or when ")));
    }
    if let Some(age) = requirement.minimum_age {
        notes.push(format!(
            "checked from the date of birth: at least {age} at the start"
        ));
    }
    if requirement.records_expiry {
        notes.push("records an expiry date".to_string());
    }
    (!notes.is_empty()).then(|| notes.join("; "))
}

fn assessment_methods(text: &mut String, framework: &Framework) {
    if framework.assessment_methods.is_empty() {
        return;
    }
    let _ = writeln!(
        text,
        "\nAssessment methods ({})",
        framework.assessment_methods.len()
    );
    for method in &framework.assessment_methods {
        let _ = writeln!(text, "  {}  {}", method.id, method.title);
        let _ = writeln!(text, "    assesses {}", method.assesses.join(", "));
        let _ = writeln!(text, "    grades {}", method.grades.join(", "));
    }
}

fn gateway_rules(text: &mut String, gateway: &Gateway) {
    let _ = writeln!(text, "\n{} ({} rules)", gateway.title, gateway.rules.len());
    if !gateway.signed_by.is_empty() {
        let _ = writeln!(
            text,
            "  signed off by {} once every rule is met",
            parties(&gateway.signed_by)
        );
    }
    for rule in &gateway.rules {
        let _ = writeln!(
            text,
            "  - {}  ({})",
            rule.title,
            check_in_words(&rule.check)
        );
    }
}

/// "the apprentice, the assessor and the employer".
fn parties(parties: &[Party]) -> String {
    let named: Vec<String> = parties
        .iter()
        .map(|party| format!("the {}", party.as_str()))
        .collect();
    and_list(&named)
}

fn check_in_words(check: &GatewayCheck) -> String {
    match check {
        GatewayCheck::Requirement(id) => format!("requirement {id} met"),
        GatewayCheck::Outcomes(outcomes) => {
            let which = if !outcomes.codes.is_empty() {
                outcomes.codes.join(", ")
            } else if !outcomes.types.is_empty() {
                format!("every outcome of type {}", outcomes.types.join(", "))
            } else {
                "every outcome".to_string()
            };
            format!("{which} at least {}", outcomes.at_least)
        }
        GatewayCheck::Hours(hours) => match hours.minimum_hours {
            Some(minimum) => format!("{} hours of {}", minimum, hours.category),
            None => format!("{} hours at their target", hours.category),
        },
        GatewayCheck::MonthsOnProgramme(months) => format!("{months} months on programme"),
        GatewayCheck::EvidencePerOutcome(1) => "at least 1 evidence item per outcome".to_string(),
        GatewayCheck::EvidencePerOutcome(count) => {
            format!("at least {count} evidence items per outcome")
        }
        GatewayCheck::Plan(PlanCheck::MinimumDuration) => {
            "the minimum duration of the apprentice's rules on programme".to_string()
        }
        GatewayCheck::Plan(PlanCheck::AssessmentOrganisation) => {
            "assessment organisation in the plan 6 months before its end".to_string()
        }
        GatewayCheck::Plan(PlanCheck::EnglishMathsDecision) => {
            "English and maths decision in the plan, where the rules leave it open".to_string()
        }
        GatewayCheck::Plan(PlanCheck::OffTheJobHours) => {
            "off-the-job hours the plan sets".to_string()
        }
    }
}

/// "  starts from 2025-08-01: at least 8 months, a review every 3 months, ..."
fn rule_set_line(set: &RuleSet) -> String {
    let mut parts = Vec::new();
    if let Some(months) = set.minimum_duration_months {
        parts.push(format!("at least {months} months"));
    }
    if let Some(interval) = set.review_interval {
        parts.push(format!("a check-in every {}", interval.text()));
    }
    if let Some(hours) = set.minimum_off_the_job_hours {
        parts.push(format!("{hours} off-the-job hours"));
    }
    if let Some(floor) = set.off_the_job_floor_hours {
        parts.push(format!("at least {floor} after prior learning"));
    }
    if let Some(rule) = &set.english_maths {
        let who = match rule.required_under_age {
            Some(age) => format!("under {age} at start"),
            None => "at every age".to_string(),
        };
        parts.push(format!(
            "{} required {who}",
            rule.requirements.join(" and ")
        ));
    }
    format!("  starts from {}: {}", set.from, parts.join(", "))
}

fn hours(text: &mut String, hours: &Hours) {
    if hours.categories.is_empty() {
        return;
    }
    let mut heading = String::from("\nHours");
    if let Some(cap) = hours.daily_cap {
        heading.push_str(&format!(" (at most {cap} a day)"));
    }
    if hours.record_benefit {
        heading.push_str(" · each entry records its benefit");
    }
    let _ = writeln!(text, "{heading}");
    let width = column_width(hours.categories.iter().map(|c| c.id.as_str()));
    for category in &hours.categories {
        let _ = writeln!(
            text,
            "  {:width$}  {}{}",
            category.id,
            category.title,
            targets(category)
        );
    }
}

fn targets(category: &HourCategory) -> String {
    let mut parts = Vec::new();
    if let Some(hours) = category.target_hours {
        parts.push(format!("target {hours} h"));
    }
    if let Some(share) = category.target_share_percent {
        parts.push(format!("{share}% of time"));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("  [{}]", parts.join(", "))
    }
}

fn terms(text: &mut String, heading: &str, terms: &[Term]) {
    if terms.is_empty() {
        return;
    }
    let _ = writeln!(text, "\n{heading}");
    for term in terms {
        let _ = writeln!(text, "  {}", term.title);
    }
}

fn title_of<'a>(terms: &'a [Term], id: &'a str) -> &'a str {
    terms
        .iter()
        .find(|term| term.id == id)
        .map_or(id, |term| term.title.as_str())
}

fn column_width<'a>(ids: impl Iterator<Item = &'a str>) -> usize {
    ids.map(|id| id.chars().count()).max().unwrap_or(0)
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Greedy word wrap; the summary is prose folded by YAML into one line.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
