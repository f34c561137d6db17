//! The rules an enrolment is held to, chosen by its start date: the last
//! rule set whose `from` is on or before the start, each field it leaves
//! out taken from the programme. Funding rules change for new starts, never
//! for apprentices already on programme, so the start date alone decides.

use super::model::{EnglishMathsRule, Framework, Interval, RuleSet};
use chrono::{Days, Months, NaiveDate};

/// The rules in force for one start date.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules<'a> {
    /// The first start date the chosen set applies to; none when no set
    /// applies and the programme's own fields are used.
    pub from: Option<NaiveDate>,
    pub minimum_duration_months: Option<u32>,
    pub review_interval: Interval,
    /// Where the plan's off-the-job hours start from, before prior learning.
    pub minimum_off_the_job_hours: Option<f64>,
    /// The fewest planned off-the-job hours prior learning may leave.
    pub off_the_job_floor_hours: Option<f64>,
    pub english_maths: Option<&'a EnglishMathsRule>,
}

impl Framework {
    /// The rules for an enrolment starting on `start`.
    pub fn rules_for(&self, start: NaiveDate) -> Rules<'_> {
        let programme = &self.programme;
        let set: Option<&RuleSet> = programme
            .rules
            .iter()
            .filter(|set| set.from <= start)
            .max_by_key(|set| set.from);
        let target = programme
            .off_the_job_category
            .as_deref()
            .and_then(|id| self.hour_category(id))
            .and_then(|category| category.target_hours);
        Rules {
            from: set.map(|set| set.from),
            minimum_duration_months: set
                .and_then(|set| set.minimum_duration_months)
                .or(programme.minimum_duration_months),
            review_interval: set
                .and_then(|set| set.review_interval)
                .unwrap_or(Interval::Weeks(programme.checkin_interval_weeks)),
            minimum_off_the_job_hours: set.and_then(|set| set.minimum_off_the_job_hours).or(target),
            off_the_job_floor_hours: set.and_then(|set| set.off_the_job_floor_hours),
            english_maths: set.and_then(|set| set.english_maths.as_ref()),
        }
    }
}

impl Interval {
    /// The day one interval after `date`; months follow the calendar,
    /// clamped to a shorter month's last day.
    pub fn after(self, date: NaiveDate) -> NaiveDate {
        let next = match self {
            Interval::Weeks(weeks) => date.checked_add_days(Days::new(u64::from(weeks) * 7)),
            Interval::Months(months) => date.checked_add_months(Months::new(months)),
        };
        next.unwrap_or(NaiveDate::MAX)
    }

    /// Roughly how many weeks long, for comparisons measured in weeks.
    pub fn approx_weeks(self) -> u32 {
        match self {
            Interval::Weeks(weeks) => weeks,
            Interval::Months(months) => (f64::from(months) * 365.25 / 12.0 / 7.0).round() as u32,
        }
    }

    /// "12 weeks", "3 months".
    pub fn text(self) -> String {
        let (count, one, many) = match self {
            Interval::Weeks(n) => (n, "week", "weeks"),
            Interval::Months(n) => (n, "month", "months"),
        };
        format!("{count} {}", if count == 1 { one } else { many })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::default_framework;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn a_start_on_31_july_2025_keeps_the_earlier_rules_and_1_august_takes_the_new() {
        let pcso = default_framework().load().expect("bundled");
        let before = pcso.rules_for(date("2025-07-31"));
        let after = pcso.rules_for(date("2025-08-01"));
        assert_eq!(before.minimum_duration_months, Some(12));
        assert_eq!(before.review_interval, Interval::Weeks(12));
        assert_eq!(before.off_the_job_floor_hours, None);
        assert_eq!(after.from, Some(date("2025-08-01")));
        assert_eq!(after.minimum_duration_months, Some(8));
        assert_eq!(after.review_interval, Interval::Months(3));
        assert_eq!(after.off_the_job_floor_hours, Some(187.0));
    }

    #[test]
    fn english_and_maths_are_required_at_every_age_before_11_february_2025() {
        let pcso = default_framework().load().expect("bundled");
        let rule = |day: &str| {
            pcso.rules_for(date(day))
                .english_maths
                .map(|rule| rule.required_under_age)
        };
        assert_eq!(rule("2025-02-10"), Some(None));
        assert_eq!(rule("2025-02-11"), Some(Some(19)));
    }

    #[test]
    fn three_calendar_months_are_months_not_twelve_weeks() {
        let three = Interval::Months(3);
        assert_eq!(three.after(date("2025-09-01")), date("2025-12-01"));
        assert_eq!(three.after(date("2025-11-30")), date("2026-02-28"));
        assert_eq!(
            Interval::Weeks(12).after(date("2025-09-01")),
            date("2025-11-24")
        );
        assert_eq!(three.approx_weeks(), 13);
    }
}
