//! Where the day falls in the programme, in words every screen and report
//! shares: before the start, a month of the planned length, or past the
//! planned end (an overrun, said plainly rather than "month 13 of 12").

use super::Standing;
use crate::domain::{counted, days_or_weeks};

pub fn position_text(standing: &Standing) -> String {
    let duration_months = standing.duration_months;
    let (today, start, end) = (standing.as_of, standing.start_date, standing.planned_end);
    let month = standing.month_of_programme;
    if today < start {
        return format!(
            "Starts on {start} (in {})",
            days_or_weeks((start - today).num_days())
        );
    }
    if month > duration_months {
        let past = (today - end).num_days();
        let by = if past > 0 {
            format!("by {}", days_or_weeks(past))
        } else {
            "today".to_string()
        };
        return format!(
            "Month {month} of {duration_months}: the programme has overrun its planned end ({end}) {by}"
        );
    }
    format!(
        "Month {month} of {duration_months} ({} completed, {} left)",
        standing.months_completed,
        counted(standing.weeks_left.max(0) as usize, "week", "weeks")
    )
}
