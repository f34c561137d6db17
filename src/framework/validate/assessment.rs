//! Checks of the end-point assessment methods and the gateway rules.

use super::{Checker, ids};
use crate::framework::Judgement;
use crate::framework::model::{Framework, GatewayCheck, GatewayRule, HoursCheck, PlanCheck};

impl Checker {
    pub(super) fn assessment_methods(&mut self, framework: &Framework) {
        let codes = framework.outcome_codes();
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
            if let Some(pass) = &method.pass_from {
                if !method.grades.contains(pass) {
                    self.report(
                        format!("{field}.pass_from"),
                        format!(
                            "`{pass}` is not one of its grades ({})",
                            method.grades.join(", ")
                        ),
                    );
                }
            }
        }
        let method_ids = framework.assessment_methods.iter().map(|m| m.id.as_str());
        self.unique(
            "assessment_methods",
            "id",
            method_ids,
            "assessment method id",
        );
    }

    pub(super) fn gateway(&mut self, framework: &Framework) {
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
        let signers = gateway.signed_by.iter().map(|party| party.as_str());
        self.unique("gateway.signed_by", "", signers, "signer");
    }

    fn gateway_rule(&mut self, field: &str, rule: &GatewayRule, framework: &Framework) {
        self.id(format!("{field}.id"), &rule.id);
        self.line(format!("{field}.title"), &rule.title);
        let check = format!("{field}.check");
        match &rule.check {
            GatewayCheck::Requirement(id) => {
                let known = framework.requirement_ids();
                self.reference(&format!("{check}.requirement"), id, &known, "requirements");
            }
            GatewayCheck::Outcomes(outcomes) => {
                let codes = framework.outcome_codes();
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
            GatewayCheck::Plan(item) => self.plan_check(&check, *item, framework),
        }
    }

    /// A plan check needs the programme fields it measures against.
    fn plan_check(&mut self, check: &str, item: PlanCheck, framework: &Framework) {
        let programme = &framework.programme;
        let missing = match item {
            PlanCheck::OffTheJobHours => programme
                .off_the_job_category
                .is_none()
                .then_some("`programme.off_the_job_category`"),
            PlanCheck::MinimumDuration => {
                let any = programme.minimum_duration_months.is_some()
                    || programme
                        .rules
                        .iter()
                        .any(|set| set.minimum_duration_months.is_some());
                (!any).then_some("a `minimum_duration_months` in `programme` or a rule set")
            }
            PlanCheck::AssessmentOrganisation | PlanCheck::EnglishMathsDecision => None,
        };
        if let Some(missing) = missing {
            self.report(
                format!("{check}.plan"),
                format!("this check needs {missing}"),
            );
        }
    }

    fn hours_check(&mut self, check: &str, hours: &HoursCheck, framework: &Framework) {
        let field = format!("{check}.hours");
        let known = framework.hour_category_ids();
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
}
