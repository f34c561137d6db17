//! When the next check-in is due: the date agreed and signed at the last
//! check-in (as its latest amendment has it), else the framework's interval
//! after the last check-in or the start. Breaks in learning push it back.

use crate::domain::{
    Awaiting, CheckinSummary, LearningBreak, awaiting_signatures, break_days_within, last_meeting,
};
use crate::framework::{Interval, Party};
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
    /// Completed reviews still waiting for signatures.
    pub awaiting: Vec<Awaiting>,
}

pub fn checkin_standing(
    checkins: &[CheckinSummary],
    start: NaiveDate,
    interval: Interval,
    breaks: &[LearningBreak],
    signed_by: &[Party],
    today: NaiveDate,
) -> CheckinStanding {
    let meeting = last_meeting(checkins);
    let last = meeting.map(|m| m.original.date);
    let agreed = meeting.and_then(|m| m.record.next_due);
    let base = last.unwrap_or(start);
    let next_due = match agreed {
        // A break already under way was known when the date was agreed.
        Some(agreed) => pushed_back(base, agreed, breaks_after(breaks, base), today),
        None => {
            let computed = interval.after(base);
            pushed_back(base, computed, breaks.iter().copied(), today)
        }
    };
    let days_overdue = (today - next_due).num_days().max(0);
    CheckinStanding {
        last,
        next_due,
        overdue: days_overdue > 0,
        days_overdue,
        sealed_count: checkins.iter().filter(|c| c.sealed).count(),
        drafts: checkins
            .iter()
            .filter(|c| !c.sealed && c.completed.is_none())
            .count(),
        awaiting: awaiting_signatures(checkins, signed_by, today),
    }
}

/// Breaks that began after `day`.
fn breaks_after(
    breaks: &[LearningBreak],
    day: NaiveDate,
) -> impl Iterator<Item = LearningBreak> + '_ {
    breaks.iter().copied().filter(move |&(from, _)| from > day)
}

/// `due` moved back by the break days from `base` up to and including it.
fn pushed_back(
    base: NaiveDate,
    mut due: NaiveDate,
    breaks: impl Iterator<Item = LearningBreak>,
    today: NaiveDate,
) -> NaiveDate {
    for brk in breaks {
        let until = due + Days::new(1);
        due = due + Days::new(break_days_within(brk, base, until, today) as u64);
    }
    due
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWELVE_WEEKS: Interval = Interval::Weeks(12);

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
            completed: None,
            signed_by: Vec::new(),
        }
    }

    #[test]
    fn due_twelve_weeks_after_the_start_then_after_each_check_in() {
        let start = date("2026-01-05");
        let first = checkin_standing(&[], start, TWELVE_WEEKS, &[], &[], date("2026-03-01"));
        assert_eq!((first.next_due, first.overdue), (date("2026-03-30"), false));
        let later = checkin_standing(
            &[sealed("2026-03-30")],
            start,
            TWELVE_WEEKS,
            &[],
            &[],
            date("2026-07-01"),
        );
        assert_eq!(later.next_due, date("2026-06-22"));
        assert_eq!((later.overdue, later.days_overdue), (true, 9));
    }

    #[test]
    fn the_date_agreed_at_the_last_check_in_wins_and_its_amendment_s_over_it() {
        let start = date("2026-01-05");
        let mut agreed = sealed("2026-03-30");
        agreed.next_due = Some(date("2026-05-04"));
        let standing = checkin_standing(
            &[agreed.clone()],
            start,
            TWELVE_WEEKS,
            &[],
            &[],
            date("2026-04-01"),
        );
        assert_eq!(standing.next_due, date("2026-05-04"));
        let amendment = CheckinSummary {
            id: 2,
            date: date("2026-04-02"),
            next_due: Some(date("2026-05-11")),
            amends: Some(1),
            ..agreed.clone()
        };
        let amended = checkin_standing(
            &[agreed, amendment],
            start,
            TWELVE_WEEKS,
            &[],
            &[],
            date("2026-04-03"),
        );
        assert_eq!(amended.last, Some(date("2026-03-30")));
        assert_eq!(amended.next_due, date("2026-05-11"));
    }

    #[test]
    fn a_break_pushes_the_due_date_back() {
        let breaks = [(date("2026-02-01"), Some(date("2026-02-14")))];
        let standing = checkin_standing(
            &[],
            date("2026-01-05"),
            TWELVE_WEEKS,
            &breaks,
            &[],
            date("2026-03-01"),
        );
        assert_eq!(standing.next_due, date("2026-04-13"));
    }

    #[test]
    fn a_three_month_interval_falls_due_on_the_calendar_day_three_months_on() {
        let start = date("2025-09-01");
        let three = Interval::Months(3);
        let first = checkin_standing(&[], start, three, &[], &[], date("2025-10-01"));
        assert_eq!(first.next_due, date("2025-12-01"), "not 24 November");
        let later = checkin_standing(
            &[sealed("2025-11-30")],
            start,
            three,
            &[],
            &[],
            date("2025-12-01"),
        );
        assert_eq!(later.next_due, date("2026-02-28"));
    }
}
