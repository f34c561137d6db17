//! Breaks in learning: which days one pauses, and which status changes fit
//! the breaks already recorded. A break is kept as its first day and, once
//! the apprentice returns, its last day (the day before the return). Days
//! are counted like days on the programme: those before today, so a break
//! open today and the same break closed today by a return pause alike.

use super::{EnrolmentStatus, LearningBreak};
use chrono::{Days, NaiveDate};

/// The days a break pauses as of `today`, half open: `[first, end)`.
pub fn break_span((first, last): LearningBreak, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let end = last.and_then(|last| last.checked_add_days(Days::new(1)));
    (first, end.unwrap_or(today).min(today).max(first))
}

/// How many days of `brk` fall in `[from, until)` as of `today`.
pub fn break_days_within(
    brk: LearningBreak,
    from: NaiveDate,
    until: NaiveDate,
    today: NaiveDate,
) -> i64 {
    let (first, end) = break_span(brk, today);
    (end.min(until) - first.max(from)).num_days().max(0)
}

/// Whether changing to `status` on `date` fits the breaks recorded so far;
/// the reason in words when it does not.
pub fn check_status_change(
    status: EnrolmentStatus,
    date: NaiveDate,
    breaks: &[LearningBreak],
) -> Result<(), String> {
    let open = breaks.iter().find(|(_, last)| last.is_none());
    match (status, open) {
        (EnrolmentStatus::Break, Some((first, _))) => Err(format!(
            "already on a break in learning since {first}; record the return first"
        )),
        (EnrolmentStatus::Break, None) => match breaks
            .iter()
            .find(|(_, last)| last.is_some_and(|l| date <= l))
        {
            Some((first, Some(last))) => Err(format!(
                "{date} is not after an earlier break in learning ({first} to {last})"
            )),
            _ => Ok(()),
        },
        (_, Some((first, _))) if date <= *first => Err(format!(
            "the break in learning began on {first}; the return is dated after it"
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn a_break_open_today_pauses_as_many_days_as_one_closed_by_a_return_today() {
        let today = date("2026-08-01");
        let open = (date("2026-06-01"), None);
        let closed = (date("2026-06-01"), Some(date("2026-07-31")));
        let all = |b| break_days_within(b, NaiveDate::MIN, NaiveDate::MAX, today);
        assert_eq!(all(open), 61);
        assert_eq!(all(closed), 61);
        assert_eq!(all((today, None)), 0, "the first day is not over yet");
    }

    #[test]
    fn a_break_twice_or_a_return_before_it_began_is_refused() {
        let open = [(date("2026-06-01"), None)];
        let closed = [(date("2026-06-01"), Some(date("2026-07-31")))];
        let on = |status, day: &str, breaks: &[LearningBreak]| {
            check_status_change(status, date(day), breaks)
        };
        assert!(on(EnrolmentStatus::Break, "2026-06-10", &open).is_err());
        assert!(on(EnrolmentStatus::Active, "2026-05-31", &open).is_err());
        assert!(on(EnrolmentStatus::Active, "2026-06-01", &open).is_err());
        assert!(on(EnrolmentStatus::Active, "2026-06-02", &open).is_ok());
        assert!(on(EnrolmentStatus::Break, "2026-06-01", &closed).is_err());
        assert!(on(EnrolmentStatus::Break, "2026-08-01", &closed).is_ok());
        assert!(on(EnrolmentStatus::Withdrawn, "2026-09-01", &closed).is_ok());
    }
}
