//! Checks of the rule sets by start date and the off-the-job category.

use super::{Checker, MAX_AGE_YEARS, MAX_CHECKIN_INTERVAL_WEEKS};
use crate::framework::model::{Framework, Interval, Programme, RuleSet};

/// Longest review interval in calendar months; as long as the weeks' bound.
const MAX_INTERVAL_MONTHS: u32 = 24;

impl Checker {
    /// The category must exist; a set giving off-the-job hours needs it.
    pub(super) fn off_the_job_category(&mut self, programme: &Programme, framework: &Framework) {
        let field = "programme.off_the_job_category";
        match &programme.off_the_job_category {
            Some(id) => {
                let known = framework.hour_category_ids();
                self.reference(field, id, &known, "hours.categories");
            }
            None => {
                let gives_hours = programme.rules.iter().any(|set| {
                    set.minimum_off_the_job_hours.is_some() || set.off_the_job_floor_hours.is_some()
                });
                if gives_hours {
                    self.report(
                        "programme",
                        "a rule set gives off-the-job hours: name the hour category they count in with `off_the_job_category`",
                    );
                }
            }
        }
    }

    pub(super) fn rule_set(&mut self, field: &str, set: &RuleSet, framework: &Framework) {
        let months = framework.programme.duration_months;
        if let Some(minimum) = set.minimum_duration_months {
            let at = format!("{field}.minimum_duration_months");
            self.within(at, minimum, 1, months.max(1), "months (the duration)");
        }
        match set.review_interval {
            Some(Interval::Weeks(weeks)) => {
                let at = format!("{field}.review_interval.weeks");
                self.within(at, weeks, 1, MAX_CHECKIN_INTERVAL_WEEKS, "weeks");
            }
            Some(Interval::Months(count)) => {
                let at = format!("{field}.review_interval.months");
                self.within(at, count, 1, MAX_INTERVAL_MONTHS, "months");
            }
            None => {}
        }
        self.positive_hours(
            field,
            "minimum_off_the_job_hours",
            set.minimum_off_the_job_hours,
        );
        self.positive_hours(
            field,
            "off_the_job_floor_hours",
            set.off_the_job_floor_hours,
        );
        if let (Some(minimum), Some(floor)) =
            (set.minimum_off_the_job_hours, set.off_the_job_floor_hours)
        {
            if floor > minimum {
                self.report(
                    format!("{field}.off_the_job_floor_hours"),
                    format!("{floor} hours is more than the minimum of {minimum} hours"),
                );
            }
        }
        if let Some(rule) = &set.english_maths {
            let at = format!("{field}.english_maths");
            if rule.requirements.is_empty() {
                self.report(format!("{at}.requirements"), "names no requirement");
            }
            let known = framework.requirement_ids();
            let list = format!("{at}.requirements");
            self.references(&list, &rule.requirements, &known, "requirements");
            if let Some(age) = rule.required_under_age {
                let at = format!("{at}.required_under_age");
                self.within(at, age, 1, MAX_AGE_YEARS, "years");
            }
        }
    }

    fn positive_hours(&mut self, field: &str, name: &str, hours: Option<f64>) {
        if let Some(hours) = hours {
            if !(hours.is_finite() && hours > 0.0) {
                self.report(
                    format!("{field}.{name}"),
                    format!("{hours} is not a positive number of hours"),
                );
            }
        }
    }

    /// Each set starts later than the one before, so the one in force on a
    /// day is never in doubt.
    pub(super) fn rule_sets_in_order(&mut self, sets: &[RuleSet]) {
        for (index, pair) in sets.windows(2).enumerate() {
            if pair[1].from <= pair[0].from {
                self.report(
                    format!("programme.rules[{}].from", index + 1),
                    format!(
                        "{} is not after the previous set's {}: list rule sets oldest first, one per date",
                        pair[1].from, pair[0].from
                    ),
                );
            }
        }
    }
}
