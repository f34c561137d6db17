//! Checks of time: programme length, check-ins, milestones and hours.

use super::{Checker, MAX_CHECKIN_INTERVAL_WEEKS, MAX_DURATION_MONTHS};
use crate::framework::model::{
    Framework, HourCategory, Hours, Milestone, NotOffTheJob, Party, Programme, Review,
};

impl Checker {
    /// A review is signed by the learner and the assessor at least, each once.
    pub(super) fn review(&mut self, review: &Review) {
        let words = review.signed_by.iter().map(|party| party.as_str());
        self.unique("review.signed_by", "", words, "signer");
        for needed in [Party::Apprentice, Party::Assessor] {
            if !review.signed_by.contains(&needed) {
                self.report(
                    "review.signed_by",
                    format!("does not include `{}`: every review is signed by the learner and their assessor", needed.as_str()),
                );
            }
        }
    }

    pub(super) fn programme(&mut self, programme: &Programme, framework: &Framework) {
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
        let requirements = framework.requirement_ids();
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
        self.off_the_job_category(programme, framework);
        for (index, set) in programme.rules.iter().enumerate() {
            self.rule_set(&format!("programme.rules[{index}]"), set, framework);
        }
        self.rule_sets_in_order(&programme.rules);
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

    pub(super) fn hours(&mut self, hours: &Hours) {
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
        for (index, rule) in hours.not_off_the_job.iter().enumerate() {
            self.not_off_the_job(&format!("hours.not_off_the_job[{index}]"), rule);
        }
    }

    fn not_off_the_job(&mut self, field: &str, rule: &NotOffTheJob) {
        if rule.words.is_empty() {
            self.report(format!("{field}.words"), "give at least one word or phrase");
        }
        for (index, words) in rule.words.iter().enumerate() {
            self.line(format!("{field}.words[{index}]"), words);
        }
        self.line(format!("{field}.reason"), &rule.reason);
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
}
