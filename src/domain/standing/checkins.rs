//! When the next check-in is due: the framework's interval after the last
//! sealed check-in, or after the start; later by any break in learning.

use crate::domain::{CheckinSummary, LearningBreak};
use chrono::{Days, NaiveDate};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckinStanding {
    pub last: Option<NaiveDate>,
    pub next_due: NaiveDate,
    pub overdue: bool,
    /// Days past due; 0 when not overdue.
    pub days_overdue: i64,
    pub sealed_count: usize,
    pub drafts: usize,
}

pub fn checkin_standing(
    checkins: &[CheckinSummary],
    start: NaiveDate,
    interval_weeks: u32,
    breaks: &[LearningBreak],
    today: NaiveDate,
) -> CheckinStanding {
    let last = checkins
        .iter()
        .filter(|c| c.sealed && c.amends.is_none())
        .map(|c| c.date)
        .max();
    let base = last.unwrap_or(start);
    let mut next_due = base + Days::new(u64::from(interval_weeks) * 7);
    for &(from, to) in breaks {
        // Break days between the base and the due date push it back.
        let until = to.unwrap_or(today).min(next_due);
        if from <= until && until >= base {
            next_due = next_due + Days::new(((until - from.max(base)).num_days() + 1) as u64);
        }
    }
    let days_overdue = (today - next_due).num_days().max(0);
    CheckinStanding {
        last,
        next_due,
        overdue: days_overdue > 0,
        days_overdue,
        sealed_count: checkins.iter().filter(|c| c.sealed).count(),
        drafts: checkins.iter().filter(|c| !c.sealed).count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    fn sealed(on: &str) -> CheckinSummary {
        CheckinSummary {
            id: 1,
            date: date(on),
            assessor_id: 1,
            sealed: true,
            next_due: None,
            amends: None,
        }
    }

    #[test]
    fn due_twelve_weeks_after_the_start_then_after_each_check_in() {
        let start = date("2026-01-05");
        let first = checkin_standing(&[], start, 12, &[], date("2026-03-01"));
        assert_eq!((first.next_due, first.overdue), (date("2026-03-30"), false));
        let later = checkin_standing(&[sealed("2026-03-30")], start, 12, &[], date("2026-07-01"));
        assert_eq!(later.next_due, date("2026-06-22"));
        assert_eq!((later.overdue, later.days_overdue), (true, 9));
    }

    #[test]
    fn a_break_pushes_the_due_date_back() {
        let breaks = [(date("2026-02-01"), Some(date("2026-02-14")))];
        let standing = checkin_standing(&[], date("2026-01-05"), 12, &breaks, date("2026-03-01"));
        assert_eq!(standing.next_due, date("2026-04-13"));
    }
}
