//! Actual off-the-job hours per calendar month, for the learner record:
//! accepted, not yet reviewed, queried, and the total that counts.

use super::{HoursEntry, HoursReview};
use crate::framework::Framework;
use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

/// One month's off-the-job time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodHours {
    /// The month, as `YYYY-MM`.
    pub period: String,
    pub accepted: f64,
    pub unreviewed: f64,
    /// Not counted until resolved.
    pub queried: f64,
    /// Accepted and unreviewed: the hours that count.
    pub counted: f64,
}

/// Every month from `from` to `to` (both days included), each with the
/// off-the-job time of `entries` dated in it and within the range; months
/// with no time are listed with zeros, so gaps show.
pub fn hours_per_month(
    framework: &Framework,
    entries: &[HoursEntry],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<PeriodHours> {
    let mut months = Vec::new();
    let mut month = first_of(from);
    while month <= to {
        months.push(month_hours(framework, entries, month, from, to));
        match month.checked_add_months(Months::new(1)) {
            Some(next) => month = next,
            None => break,
        }
    }
    months
}

fn first_of(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

fn month_hours(
    framework: &Framework,
    entries: &[HoursEntry],
    month: NaiveDate,
    from: NaiveDate,
    to: NaiveDate,
) -> PeriodHours {
    let in_month = entries.iter().filter(|entry| {
        first_of(entry.date) == month
            && (from..=to).contains(&entry.date)
            && super::is_off_the_job(framework, &entry.category)
    });
    let mut totals = PeriodHours {
        period: month.format("%Y-%m").to_string(),
        accepted: 0.0,
        unreviewed: 0.0,
        queried: 0.0,
        counted: 0.0,
    };
    for entry in in_month {
        match entry.review {
            HoursReview::Accepted => totals.accepted += entry.hours,
            HoursReview::Unreviewed => totals.unreviewed += entry.hours,
            HoursReview::Queried => totals.queried += entry.hours,
        }
    }
    totals.counted = totals.accepted + totals.unreviewed;
    totals
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::{Framework, default_framework};

    fn pcso() -> Framework {
        default_framework().load().expect("the bundled framework")
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    fn entry(on: &str, hours: f64, category: &str, review: HoursReview) -> HoursEntry {
        HoursEntry {
            id: 1,
            date: day(on),
            hours,
            category: category.into(),
            activity: None,
            note: String::new(),
            benefit: None,
            possible_duplicate_of: None,
            outcomes: Vec::new(),
            review,
            query_reason: None,
            version: Default::default(),
        }
    }

    #[test]
    fn each_month_in_range_totals_its_off_the_job_time_by_review() {
        let entries = [
            entry("2026-01-30", 6.0, "off-the-job", HoursReview::Accepted),
            entry("2026-02-02", 4.0, "off-the-job", HoursReview::Unreviewed),
            entry("2026-02-09", 7.5, "off-the-job", HoursReview::Queried),
            entry("2026-02-10", 3.0, "cpd", HoursReview::Unreviewed),
            entry("2026-04-01", 2.0, "off-the-job", HoursReview::Accepted),
        ];
        let months = hours_per_month(&pcso(), &entries, day("2026-01-31"), day("2026-03-31"));
        let periods: Vec<&str> = months.iter().map(|m| m.period.as_str()).collect();
        assert_eq!(periods, ["2026-01", "2026-02", "2026-03"]);
        assert_eq!(months[0].counted, 0.0, "30 January is before the range");
        assert_eq!(
            (
                months[1].accepted,
                months[1].unreviewed,
                months[1].queried,
                months[1].counted
            ),
            (0.0, 4.0, 7.5, 4.0),
            "CPD is not off-the-job time"
        );
        assert_eq!(months[2].counted, 0.0);
    }
}
