//! The programme clock: months and weeks on the programme as of a given day,
//! paused during breaks in learning. Month arithmetic follows the calendar
//! (chrono's `checked_add_months`, which clamps 31 January + 1 month to the
//! last day of February).

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;

/// A break in learning: its first day, and its last day when it has ended.
pub type LearningBreak = (NaiveDate, Option<NaiveDate>);

/// Where someone is on their programme on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ProgrammeTime {
    /// 1 in the first month; past the planned length it goes on counting.
    pub month_of_programme: u32,
    /// Whole months completed, breaks excluded.
    pub months_completed: u32,
    /// Days on the programme so far, breaks excluded.
    pub days_on_programme: i64,
    /// Break days so far, which push the planned end back.
    pub days_paused: i64,
    /// The planned end moved back by the breaks so far.
    pub adjusted_end: NaiveDate,
    /// Whole weeks to the adjusted end; 0 once it has passed.
    pub weeks_left: i64,
    /// Share of the programme's length elapsed, from 0 to 1.
    pub share_elapsed: f64,
}

/// The programme clock on `today` for a programme starting on `start` and
/// planned to end on `planned_end` (before breaks).
pub fn programme_time(
    start: NaiveDate,
    planned_end: NaiveDate,
    breaks: &[LearningBreak],
    today: NaiveDate,
) -> ProgrammeTime {
    let days_paused = paused_days(breaks, today);
    let elapsed = (today - start).num_days().max(0);
    let days_on_programme = (elapsed - days_paused).max(0);
    let effective = start + Days::new(days_on_programme as u64);
    let months_completed = whole_months_between(start, effective);
    let adjusted_end = planned_end + Days::new(days_paused as u64);
    let length = (planned_end - start).num_days().max(1);
    ProgrammeTime {
        month_of_programme: months_completed + 1,
        months_completed,
        days_on_programme,
        days_paused,
        adjusted_end,
        weeks_left: ((adjusted_end - today).num_days().max(0)) / 7,
        share_elapsed: (days_on_programme as f64 / length as f64).clamp(0.0, 1.0),
    }
}

/// The largest `m` with `start + m months <= date` (0 when `date` is earlier).
pub fn whole_months_between(start: NaiveDate, date: NaiveDate) -> u32 {
    if date <= start {
        return 0;
    }
    let estimate = i64::from(date.year() - start.year()) * 12 + i64::from(date.month0())
        - i64::from(start.month0());
    let mut months = estimate.max(0) as u32;
    while months > 0 && add_months(start, months) > date {
        months -= 1;
    }
    while add_months(start, months + 1) <= date {
        months += 1;
    }
    months
}

/// `date` plus `months` calendar months, clamped to the month's last day.
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// Days of breaks in learning before `today`, as days on the programme are
/// counted.
fn paused_days(breaks: &[LearningBreak], today: NaiveDate) -> i64 {
    breaks
        .iter()
        .map(|&brk| super::break_days_within(brk, NaiveDate::MIN, NaiveDate::MAX, today))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn the_first_month_is_month_one_and_months_turn_on_the_calendar_day() {
        let start = date("2026-01-15");
        let at = |day: &str| programme_time(start, add_months(start, 12), &[], date(day));
        assert_eq!(at("2026-01-15").month_of_programme, 1);
        assert_eq!(at("2026-02-14").month_of_programme, 1);
        assert_eq!(at("2026-02-15").month_of_programme, 2);
        assert_eq!(at("2027-01-15").months_completed, 12);
        assert_eq!(
            at("2027-03-20").month_of_programme,
            15,
            "it goes on counting past the end"
        );
        assert_eq!(at("2025-12-01").month_of_programme, 1, "before the start");
    }

    #[test]
    fn month_ends_and_leap_years_follow_the_calendar() {
        let start = date("2024-01-31");
        assert_eq!(whole_months_between(start, date("2024-02-28")), 0);
        assert_eq!(
            whole_months_between(start, date("2024-02-29")),
            1,
            "a leap year's last day of February"
        );
        assert_eq!(whole_months_between(start, date("2024-03-30")), 1);
        assert_eq!(whole_months_between(start, date("2024-03-31")), 2);
        assert_eq!(
            whole_months_between(date("2025-01-31"), date("2025-02-28")),
            1
        );
    }

    #[test]
    fn a_break_pauses_the_clock_and_moves_the_end() {
        let start = date("2026-01-05");
        let breaks = [(date("2026-03-01"), Some(date("2026-03-31")))];
        let with = programme_time(start, add_months(start, 12), &breaks, date("2026-06-05"));
        let without = programme_time(start, add_months(start, 12), &[], date("2026-06-05"));
        assert_eq!(with.days_paused, 31);
        assert_eq!(without.month_of_programme, 6);
        assert_eq!(with.month_of_programme, 5);
        assert_eq!(with.adjusted_end, date("2027-02-05"));
        let open = programme_time(
            start,
            add_months(start, 12),
            &[(date("2026-05-01"), None)],
            date("2026-05-10"),
        );
        assert_eq!(open.days_paused, 9, "the days before today");
    }

    #[test]
    fn weeks_left_and_share_elapsed() {
        let time = programme_time(
            date("2026-01-01"),
            date("2027-01-01"),
            &[],
            date("2026-07-02"),
        );
        assert_eq!(time.weeks_left, 26);
        assert!((time.share_elapsed - 182.0 / 365.0).abs() < 1e-9);
        assert_eq!(
            programme_time(
                date("2024-01-01"),
                date("2025-01-01"),
                &[],
                date("2026-01-01")
            )
            .share_elapsed,
            1.0
        );
    }
}
