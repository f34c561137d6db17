//! Dates a progress record can carry: evidence falls within the programme
//! so far; a requirement is met before it expires, and not before the
//! person was born.

use chrono::NaiveDate;

/// Evidence is dated from the first day of the programme to today.
pub fn check_evidence_date(
    date: NaiveDate,
    start: NaiveDate,
    today: NaiveDate,
) -> Result<NaiveDate, String> {
    if date < start {
        return Err(format!(
            "{date} is before the start of the programme ({start}): evidence is from the programme"
        ));
    }
    if date > today {
        return Err(format!("{date} is in the future (today is {today})"));
    }
    Ok(date)
}

/// Which of a requirement's dates is wrong, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequirementDateError {
    /// The date it was met (or recorded) is wrong.
    Date(String),
    /// The expiry is wrong.
    Expires(String),
}

/// A requirement's dates: met by today, not before the person was born,
/// and expiring after it was met.
pub fn check_requirement_dates(
    date: Option<NaiveDate>,
    expires: Option<NaiveDate>,
    born: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(), RequirementDateError> {
    if let Some(date) = date {
        if date > today {
            return Err(RequirementDateError::Date(format!(
                "{date} is in the future (today is {today})"
            )));
        }
        if let Some(born) = born.filter(|&born| date < born) {
            return Err(RequirementDateError::Date(format!(
                "{date} is before the date of birth ({born})"
            )));
        }
    }
    if let (Some(date), Some(expires)) = (date, expires) {
        if expires <= date {
            return Err(RequirementDateError::Expires(format!(
                "{expires} is not after the date it was met ({date})"
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn evidence_falls_between_the_start_and_today() {
        let (start, today) = (day("2026-09-01"), day("2026-11-21"));
        assert!(check_evidence_date(day("2026-09-01"), start, today).is_ok());
        assert!(check_evidence_date(day("2026-11-21"), start, today).is_ok());
        let before = check_evidence_date(day("1900-01-01"), start, today).unwrap_err();
        assert!(
            before.contains("before the start of the programme (2026-09-01)"),
            "{before}"
        );
        assert!(check_evidence_date(day("2026-11-22"), start, today).is_err());
    }

    #[test]
    fn a_requirement_expires_after_it_was_met_and_was_met_in_a_life() {
        let today = day("2026-11-21");
        let born = Some(day("2000-05-01"));
        let ok = check_requirement_dates(
            Some(day("2026-08-01")),
            Some(day("2031-08-01")),
            born,
            today,
        );
        assert_eq!(ok, Ok(()));
        assert!(matches!(
            check_requirement_dates(Some(day("2026-08-01")), Some(day("2026-07-01")), born, today),
            Err(RequirementDateError::Expires(m)) if m.contains("not after the date it was met")
        ));
        assert!(matches!(
            check_requirement_dates(Some(day("1990-01-01")), None, born, today),
            Err(RequirementDateError::Date(m)) if m.contains("before the date of birth")
        ));
        assert!(matches!(
            check_requirement_dates(Some(day("2026-12-01")), None, born, today),
            Err(RequirementDateError::Date(m)) if m.contains("in the future")
        ));
        // An expiry alone, or one already passed, is a fact worth keeping.
        assert_eq!(
            check_requirement_dates(None, Some(day("2020-01-01")), born, today),
            Ok(())
        );
    }
}
