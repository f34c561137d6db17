//! Checks of who the framework is and what it contains: metadata, terms,
//! outcomes and requirements.

use super::{Checker, MAX_AGE_YEARS, ids};
use crate::framework::model::{
    FORMAT_VERSION, Framework, Metadata, Outcome, Requirement, RequirementKind, Term,
};

impl Checker {
    pub(super) fn metadata(&mut self, format_version: u32, metadata: &Metadata) {
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

    pub(super) fn terms(&mut self, list: &str, terms: &[Term], what: &str) {
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

    pub(super) fn outcomes(&mut self, framework: &Framework) {
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

    pub(super) fn requirements(&mut self, requirements: &[Requirement]) {
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
            if when.under_age_at_start.is_none() && !when.employer_opt_in && !when.once_recorded {
                self.report(
                    format!("{field}.required_when"),
                    "names no condition: give `under_age_at_start`, `employer_opt_in: true`, `once_recorded: true`, or leave `required_when` out for always",
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
        if requirement.confirmed_by.0.is_empty() {
            self.report(
                format!("{field}.confirmed_by"),
                "names nobody: give apprentice, assessor, employer or administrator",
            );
        }
    }
}
