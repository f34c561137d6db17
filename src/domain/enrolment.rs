//! A person on a framework: when they started and where they are.

use super::PersonId;
use crate::text_enum;
use chrono::{Months, NaiveDate};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct EnrolmentId(pub i64);

impl std::fmt::Display for EnrolmentId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

text_enum! {
    pub enum EnrolmentStatus {
        Active => "active",
        /// A break in learning: the programme clock is paused.
        Break => "break",
        Withdrawn => "withdrawn",
        Completed => "completed",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Enrolment {
    pub id: EnrolmentId,
    pub person_id: PersonId,
    pub framework_id: String,
    pub framework_version: String,
    pub framework_hash: String,
    pub start_date: NaiveDate,
    pub planned_end: NaiveDate,
    pub status: EnrolmentStatus,
    pub area_of_practice: Option<String>,
    pub employer_opt_in: bool,
    /// Why the status last changed (a break, a withdrawal, completion).
    pub status_reason: Option<String>,
}

/// The planned end: the start plus the programme's length, clamped to the
/// month's last day (31 January + 1 month is 28 or 29 February).
pub fn planned_end(start: NaiveDate, duration_months: u32) -> Option<NaiveDate> {
    start.checked_add_months(Months::new(duration_months))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn planned_end_clamps_to_the_end_of_a_shorter_month() {
        assert_eq!(planned_end(date("2025-01-31"), 1), Some(date("2025-02-28")));
        assert_eq!(planned_end(date("2024-01-31"), 1), Some(date("2024-02-29")));
        assert_eq!(
            planned_end(date("2026-03-02"), 12),
            Some(date("2027-03-02"))
        );
    }
}
