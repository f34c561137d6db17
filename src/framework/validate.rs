//! What serde cannot check: unique ids, references that resolve, sensible
//! numbers, clean text. Every problem is collected, not only the first.

use super::model::{
    FORMAT_VERSION, Framework, GatewayCheck, GatewayRule, HourCategory, Hours, Metadata, Milestone,
    Outcome, Programme, Requirement, RequirementKind, Term,
};
use crate::domain::Judgement;
use std::collections::HashMap;

/// A problem in a deserialised framework, placed by its field path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: String,
    pub message: String,
}

/// Longest id or code accepted; ids travel through command lines and tables.
const MAX_ID_CHARS: usize = 64;
/// Upper bounds that keep date arithmetic in range and catch typos.
const MAX_DURATION_MONTHS: u32 = 120;
const MAX_CHECKIN_INTERVAL_WEEKS: u32 = 104;
const MAX_AGE_YEARS: u32 = 100;
/// Titles head table rows and checklists; descriptions fill a detail pane.
const MAX_TITLE_CHARS: usize = 200;
const MAX_DESCRIPTION_CHARS: usize = 20_000;

/// Every problem in `framework`, in no particular order; empty when valid.
pub fn validate(framework: &Framework) -> Vec<Problem> {
    let mut checker = Checker::default();
    checker.metadata(framework.format_version, &framework.framework);
    checker.terms("outcome_types", &framework.outcome_types, "outcome type");
    checker.terms("outcome_groups", &framework.outcome_groups, "outcome group");
    checker.outcomes(framework);
    checker.requirements(&framework.requirements);
    checker.programme(&framework.programme, framework);
    checker.hours(&framework.hours);
    checker.assessment_methods(framework);
    checker.gateway(framework);
    checker.terms(
        "areas_of_practice",
        &framework.areas_of_practice,
        "area of practice",
    );
    checker.terms("activities", &framework.activities, "activity");
    checker.problems
}

#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn report(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            field: field.into(),
            message: message.into(),
        });
    }

    fn metadata(&mut self, format_version: u32, metadata: &Metadata) {
        if format_version != FORMAT_VERSION {
            self.report(
                "format_version",
                format!(
                    "version {format_version} is not supported: this build reads format_version {FORMAT_VERSION}"
                ),
            );
        }
        self.id("framework.id", &metadata.id);
        self.line("framework.version", &metadata.version);
        self.line("framework.title", &metadata.title);
        self.line("framework.kind", &metadata.kind);
        self.line("framework.learner_term", &metadata.learner_term);
        self.text("framework.summary", &metadata.summary);
        if let Some(reference) = &metadata.reference {
            self.line("framework.reference", reference);
        }
        if let Some(level) = metadata.level {
            if !(1..=8).contains(&level) {
                self.report(
                    "framework.level",
                    format!("level {level} is not between 1 and 8"),
                );
            }
        }
        if metadata.lars_code == Some(0) {
            self.report("framework.lars_code", "a LARS code is a positive number");
        }
        for (index, source) in metadata.sources.iter().enumerate() {
            self.line(format!("framework.sources[{index}]"), source);
        }
    }

    fn terms(&mut self, list: &str, terms: &[Term], what: &str) {
        for (index, term) in terms.iter().enumerate() {
            self.term(&format!("{list}[{index}]"), term);
        }
        self.unique(list, "id", terms.iter().map(|term| term.id.as_str()), what);
    }

    fn term(&mut self, field: &str, term: &Term) {
        self.id(format!("{field}.id"), &term.id);
        self.line(format!("{field}.title"), &term.title);
        self.text(format!("{field}.description"), &term.description);
    }

    fn outcomes(&mut self, framework: &Framework) {
        if framework.outcomes.is_empty() {
            self.report("outcomes", "a framework needs at least one outcome");
        }
        let types = ids(&framework.outcome_types);
        let groups = ids(&framework.outcome_groups);
        for (index, outcome) in framework.outcomes.iter().enumerate() {
            self.outcome(&format!("outcomes[{index}]"), outcome, &types, &groups);
        }
        let codes = framework
            .outcomes
            .iter()
            .map(|outcome| outcome.code.as_str());
        self.unique("outcomes", "code", codes, "outcome code");
    }

    fn outcome(&mut self, field: &str, outcome: &Outcome, types: &[&str], groups: &[&str]) {
        self.id(format!("{field}.code"), &outcome.code);
        self.line(format!("{field}.title"), &outcome.title);
        self.text(format!("{field}.description"), &outcome.description);
        let type_field = format!("{field}.type");
        self.reference(&type_field, &outcome.outcome_type, types, "outcome_types");
        self.reference(
            &format!("{field}.group"),
            &outcome.group,
            groups,
            "outcome_groups",
        );
    }

    fn requirements(&mut self, requirements: &[Requirement]) {
        for (index, requirement) in requirements.iter().enumerate() {
            self.requirement(&format!("requirements[{index}]"), requirement);
        }
        let requirement_ids = requirements
            .iter()
            .map(|requirement| requirement.id.as_str());
        self.unique("requirements", "id", requirement_ids, "requirement id");
    }

    fn requirement(&mut self, field: &str, requirement: &Requirement) {
        self.id(format!("{field}.id"), &requirement.id);
        self.line(format!("{field}.title"), &requirement.title);
        self.text(format!("{field}.description"), &requirement.description);
        if let Some(when) = &requirement.required_when {
            if when.under_age_at_start.is_none() && !when.employer_opt_in {
                self.report(
                    format!("{field}.required_when"),
                    "names no condition: give `under_age_at_start`, `employer_opt_in: true`, or leave `required_when` out for always",
                );
            }
            if let Some(age) = when.under_age_at_start {
                let age_field = format!("{field}.required_when.under_age_at_start");
                self.within(age_field, age, 1, MAX_AGE_YEARS, "years");
            }
        }
        if let Some(age) = requirement.minimum_age {
            self.within(
                format!("{field}.minimum_age"),
                age,
                1,
                MAX_AGE_YEARS,
                "years",
            );
        }
        if !requirement.units.is_empty() && requirement.kind != RequirementKind::Qualification {
            self.report(
                format!("{field}.units"),
                "only a requirement of kind `qualification` has units",
            );
        }
        self.terms(&format!("{field}.units"), &requirement.units, "unit id");
    }

    fn programme(&mut self, programme: &Programme, framework: &Framework) {
        let months = programme.duration_months;
        self.within(
            "programme.duration_months",
            months,
            1,
            MAX_DURATION_MONTHS,
            "months",
        );
        if let Some(minimum) = programme.minimum_duration_months {
            let field = "programme.minimum_duration_months";
            self.within(field, minimum, 1, months.max(1), "months (the duration)");
        }
        let interval = programme.checkin_interval_weeks;
        let field = "programme.checkin_interval_weeks";
        self.within(field, interval, 1, MAX_CHECKIN_INTERVAL_WEEKS, "weeks");
        let requirements: Vec<&str> = framework
            .requirements
            .iter()
            .map(|r| r.id.as_str())
            .collect();
        for (index, milestone) in programme.milestones.iter().enumerate() {
            let field = format!("programme.milestones[{index}]");
            self.milestone(&field, milestone, months, &requirements);
        }
        let milestone_ids = programme
            .milestones
            .iter()
            .map(|milestone| milestone.id.as_str());
        self.unique("programme.milestones", "id", milestone_ids, "milestone id");
        self.expected_shares_never_fall(&programme.milestones);
    }

    fn milestone(
        &mut self,
        field: &str,
        milestone: &Milestone,
        months: u32,
        requirements: &[&str],
    ) {
        self.id(format!("{field}.id"), &milestone.id);
        self.line(format!("{field}.title"), &milestone.title);
        self.text(format!("{field}.description"), &milestone.description);
        // With no valid duration every month would be reported; that is said once, above.
        if months > 0 && (milestone.month == 0 || milestone.month > months) {
            self.report(
                format!("{field}.month"),
                format!(
                    "month {} is outside the programme (months 1 to {months})",
                    milestone.month
                ),
            );
        }
        if let Some(requirement) = &milestone.requirement {
            self.reference(
                &format!("{field}.requirement"),
                requirement,
                requirements,
                "requirements",
            );
        }
        if let Some(percent) = milestone.outcomes_expected_percent {
            if percent > 100 {
                self.report(
                    format!("{field}.outcomes_expected_percent"),
                    format!("{percent}% is more than 100%"),
                );
            }
        }
    }

    /// Expected progress is a cumulative share, so a later month cannot expect less.
    fn expected_shares_never_fall(&mut self, milestones: &[Milestone]) {
        let mut expected: Vec<(u32, u32, usize)> = milestones
            .iter()
            .enumerate()
            .filter_map(|(index, m)| m.outcomes_expected_percent.map(|p| (m.month, p, index)))
            .collect();
        expected.sort();
        for pair in expected.windows(2) {
            let ((month_a, percent_a, _), (month_b, percent_b, index)) = (pair[0], pair[1]);
            if month_b > month_a && percent_b < percent_a {
                self.report(
                    format!("programme.milestones[{index}].outcomes_expected_percent"),
                    format!("{percent_b}% by month {month_b} is less than the {percent_a}% already expected by month {month_a}"),
                );
            }
        }
    }

    fn hours(&mut self, hours: &Hours) {
        if let Some(cap) = hours.daily_cap {
            if !(cap > 0.0 && cap <= 24.0) {
                self.report(
                    "hours.daily_cap",
                    format!("{cap} is not between 0 and 24 hours"),
                );
            }
        }
        for (index, category) in hours.categories.iter().enumerate() {
            self.hour_category(&format!("hours.categories[{index}]"), category);
        }
        let category_ids = hours.categories.iter().map(|category| category.id.as_str());
        self.unique("hours.categories", "id", category_ids, "hour category id");
        self.shares_sum_to_100(&hours.categories);
    }

    fn hour_category(&mut self, field: &str, category: &HourCategory) {
        self.id(format!("{field}.id"), &category.id);
        self.line(format!("{field}.title"), &category.title);
        self.text(format!("{field}.description"), &category.description);
        if let Some(target) = category.target_hours {
            if !(target.is_finite() && target > 0.0) {
                self.report(
                    format!("{field}.target_hours"),
                    format!("{target} is not a positive number of hours"),
                );
            }
        }
    }

    fn shares_sum_to_100(&mut self, categories: &[HourCategory]) {
        let with_share = categories
            .iter()
            .filter(|c| c.target_share_percent.is_some())
            .count();
        if with_share == 0 {
            return;
        }
        if with_share < categories.len() {
            self.report(
                "hours.categories",
                "give every category a target_share_percent, or none of them",
            );
            return;
        }
        let total: u64 = categories
            .iter()
            .filter_map(|category| category.target_share_percent)
            .map(u64::from)
            .sum();
        if total != 100 {
            self.report(
                "hours.categories",
                format!("target_share_percent values add up to {total}, not 100"),
            );
        }
    }

    fn assessment_methods(&mut self, framework: &Framework) {
        let codes: Vec<&str> = framework.outcomes.iter().map(|o| o.code.as_str()).collect();
        for (index, method) in framework.assessment_methods.iter().enumerate() {
            let field = format!("assessment_methods[{index}]");
            self.id(format!("{field}.id"), &method.id);
            self.line(format!("{field}.title"), &method.title);
            self.text(format!("{field}.description"), &method.description);
            if method.assesses.is_empty() {
                self.report(format!("{field}.assesses"), "names no outcome");
            }
            self.references(
                &format!("{field}.assesses"),
                &method.assesses,
                &codes,
                "outcomes",
            );
            if method.grades.is_empty() {
                self.report(format!("{field}.grades"), "names no grade");
            }
            for (grade_index, grade) in method.grades.iter().enumerate() {
                self.line(format!("{field}.grades[{grade_index}]"), grade);
            }
            let grades = method.grades.iter().map(String::as_str);
            self.unique(&format!("{field}.grades"), "", grades, "grade");
        }
        let method_ids = framework.assessment_methods.iter().map(|m| m.id.as_str());
        self.unique(
            "assessment_methods",
            "id",
            method_ids,
            "assessment method id",
        );
    }

    fn gateway(&mut self, framework: &Framework) {
        let Some(gateway) = &framework.gateway else {
            return;
        };
        self.line("gateway.title", &gateway.title);
        self.text("gateway.description", &gateway.description);
        if gateway.rules.is_empty() {
            self.report(
                "gateway.rules",
                "lists no rule; leave `gateway` out if nothing is checked",
            );
        }
        for (index, rule) in gateway.rules.iter().enumerate() {
            self.gateway_rule(&format!("gateway.rules[{index}]"), rule, framework);
        }
        let rule_ids = gateway.rules.iter().map(|rule| rule.id.as_str());
        self.unique("gateway.rules", "id", rule_ids, "gateway rule id");
    }

    fn gateway_rule(&mut self, field: &str, rule: &GatewayRule, framework: &Framework) {
        self.id(format!("{field}.id"), &rule.id);
        self.line(format!("{field}.title"), &rule.title);
        let check = format!("{field}.check");
        match &rule.check {
            GatewayCheck::Requirement(id) => {
                let known: Vec<&str> = framework
                    .requirements
                    .iter()
                    .map(|r| r.id.as_str())
                    .collect();
                self.reference(&format!("{check}.requirement"), id, &known, "requirements");
            }
            GatewayCheck::Outcomes(outcomes) => {
                let codes: Vec<&str> = framework.outcomes.iter().map(|o| o.code.as_str()).collect();
                self.references(
                    &format!("{check}.outcomes.codes"),
                    &outcomes.codes,
                    &codes,
                    "outcomes",
                );
                let types = ids(&framework.outcome_types);
                self.references(
                    &format!("{check}.outcomes.types"),
                    &outcomes.types,
                    &types,
                    "outcome_types",
                );
                if !outcomes.codes.is_empty() && !outcomes.types.is_empty() {
                    self.report(
                        format!("{check}.outcomes"),
                        "give `codes` or `types`, not both (neither means every outcome)",
                    );
                }
                if outcomes.at_least == Judgement::NotAssessed {
                    self.report(
                        format!("{check}.outcomes.at_least"),
                        "`not_assessed` is always reached, so this rule checks nothing",
                    );
                }
            }
            GatewayCheck::Hours(hours) => self.hours_check(&check, hours, framework),
            GatewayCheck::MonthsOnProgramme(months) => {
                let duration = framework.programme.duration_months;
                if *months == 0 || *months > duration {
                    self.report(
                        format!("{check}.months_on_programme"),
                        format!("{months} is not between 1 and duration_months ({duration})"),
                    );
                }
            }
            GatewayCheck::EvidencePerOutcome(0) => {
                self.report(
                    format!("{check}.evidence_per_outcome"),
                    "0 checks nothing; give at least 1",
                );
            }
            GatewayCheck::EvidencePerOutcome(_) => {}
        }
    }

    fn hours_check(
        &mut self,
        check: &str,
        hours: &super::model::HoursCheck,
        framework: &Framework,
    ) {
        let field = format!("{check}.hours");
        let known: Vec<&str> = framework
            .hours
            .categories
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        self.reference(
            &format!("{field}.category"),
            &hours.category,
            &known,
            "hours.categories",
        );
        match hours.minimum_hours {
            Some(minimum) if !(minimum.is_finite() && minimum > 0.0) => {
                self.report(
                    format!("{field}.minimum_hours"),
                    format!("{minimum} is not a positive number of hours"),
                );
            }
            Some(_) => {}
            None => {
                let category = framework.hour_category(&hours.category);
                if category.is_some_and(|category| category.target_hours.is_none()) {
                    self.report(
                        format!("{field}.minimum_hours"),
                        format!(
                            "category `{}` has no target_hours, so give minimum_hours",
                            hours.category
                        ),
                    );
                }
            }
        }
    }

    /// A whole number within bounds, e.g. "0 is not between 1 and 120 months".
    fn within(&mut self, field: impl Into<String>, value: u32, min: u32, max: u32, unit: &str) {
        if !(min..=max).contains(&value) {
            self.report(
                field,
                format!("{value} is not between {min} and {max} {unit}"),
            );
        }
    }

    /// An id or code: safe in command lines, comma-separated lists and tables.
    fn id(&mut self, field: impl Into<String>, id: &str) {
        let field = field.into();
        if id.is_empty() {
            self.report(field, "is empty");
            return;
        }
        let starts_well = id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        let all_allowed = id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if !starts_well || !all_allowed {
            self.report(
                field,
                format!("`{}` is not a valid id: use letters, digits, `-`, `_` or `.`, starting with a letter or digit", printable(id)),
            );
        } else if id.chars().count() > MAX_ID_CHARS {
            self.report(field, format!("is longer than {MAX_ID_CHARS} characters"));
        }
    }

    /// One line of text that must be there: a title, a name.
    fn line(&mut self, field: impl Into<String>, text: &str) {
        let field = field.into();
        if text.trim().is_empty() {
            self.report(field, "is empty");
        } else if let Some(c) = text.chars().find(|c| c.is_control()) {
            self.report(
                field,
                format!(
                    "contains a control character (U+{:04X}); titles are one line of plain text",
                    c as u32
                ),
            );
        } else if text.chars().count() > MAX_TITLE_CHARS {
            self.report(
                field,
                format!("is longer than {MAX_TITLE_CHARS} characters; put detail in a description"),
            );
        }
    }

    /// Free text that may be empty and span lines, but carries no control codes.
    fn text(&mut self, field: impl Into<String>, text: &str) {
        if let Some(c) = text
            .chars()
            .find(|&c| c.is_control() && c != '\n' && c != '\t')
        {
            self.report(
                field,
                format!("contains a control character (U+{:04X})", c as u32),
            );
        } else if text.chars().count() > MAX_DESCRIPTION_CHARS {
            self.report(
                field,
                format!("is longer than {MAX_DESCRIPTION_CHARS} characters"),
            );
        }
    }

    fn reference(&mut self, field: &str, id: &str, known: &[&str], list: &str) {
        if !known.contains(&id) {
            self.report(
                field,
                format!("`{}` is not defined in {list}", printable(id)),
            );
        }
    }

    fn references(&mut self, field: &str, ids: &[String], known: &[&str], list: &str) {
        for (index, id) in ids.iter().enumerate() {
            self.reference(&format!("{field}[{index}]"), id, known, list);
        }
        self.unique(field, "", ids.iter().map(String::as_str), "entry");
    }

    /// Reports every repeat of an id in a list, pointing at the repeat.
    fn unique<'a>(
        &mut self,
        list: &str,
        key: &str,
        ids: impl Iterator<Item = &'a str>,
        what: &str,
    ) {
        let mut first_seen: HashMap<&str, usize> = HashMap::new();
        for (index, id) in ids.enumerate() {
            if id.is_empty() {
                continue;
            }
            if let Some(first) = first_seen.get(id) {
                let field = if key.is_empty() {
                    format!("{list}[{index}]")
                } else {
                    format!("{list}[{index}].{key}")
                };
                self.report(
                    field,
                    format!(
                        "duplicate {what} `{}`: already used by {list}[{first}]",
                        printable(id)
                    ),
                );
            } else {
                first_seen.insert(id, index);
            }
        }
    }
}

fn ids(terms: &[Term]) -> Vec<&str> {
    terms.iter().map(|term| term.id.as_str()).collect()
}

/// Quotes file text in a message without letting control codes through.
fn printable(text: &str) -> String {
    text.chars().flat_map(char::escape_debug).collect()
}
