//! Rules for a new hours entry: dated within the programme so far, and
//! within the daily cap together with what that day already holds.

use chrono::NaiveDate;

/// An hours entry someone wants to record, with what the day already holds.
#[derive(Debug, Clone, Copy)]
pub struct HoursClaim {
    pub date: NaiveDate,
    pub hours: f64,
    pub start: NaiveDate,
    pub today: NaiveDate,
    pub daily_cap: f64,
    pub already_that_day: f64,
}

/// The smallest entry worth recording: six minutes.
const LEAST_HOURS: f64 = 0.1;

/// A number of hours fit for one entry: at least six minutes, at most a
/// day, to the hundredth of an hour at most (7.25 is a quarter past seven).
pub fn check_hours_amount(hours: f64) -> Result<f64, String> {
    if !(hours.is_finite() && hours > 0.0) {
        return Err(format!(
            "{} is not a positive number of hours",
            shown(hours)
        ));
    }
    if hours < LEAST_HOURS {
        return Err(format!(
            "{} h is less than the least that can be recorded, {LEAST_HOURS} h (six minutes)",
            shown(hours)
        ));
    }
    if hours > 24.0 {
        return Err(format!("{} h is more than a day holds", shown(hours)));
    }
    if (hours * 100.0).round() / 100.0 != hours {
        return Err(format!(
            "{} h is more precise than needed: give at most two decimal places, e.g. 7.25",
            shown(hours)
        ));
    }
    Ok(hours)
}

/// A number as a person can read it: far too small or large ones in
/// exponent form rather than hundreds of digits.
fn shown(number: f64) -> String {
    let size = number.abs();
    if number.is_finite() && size != 0.0 && !(1e-4..1e6).contains(&size) {
        format!("{number:e}")
    } else {
        format!("{number}")
    }
}

/// Why the entry cannot be recorded, in words; `Ok` when it can.
pub fn check_hours(claim: &HoursClaim) -> Result<(), String> {
    let HoursClaim {
        date,
        hours,
        start,
        today,
        daily_cap,
        already_that_day,
    } = *claim;
    check_hours_amount(hours)?;
    if date < start {
        return Err(format!(
            "{date} is before the start of the programme ({start})"
        ));
    }
    if date > today {
        return Err(format!("{date} is in the future (today is {today})"));
    }
    if already_that_day + hours > daily_cap + 1e-9 {
        return Err(format!(
            "{already_that_day} h already logged on {date}; {hours} h more would pass the daily cap of {daily_cap} h"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    fn claim(on: &str, hours: f64, already: f64) -> HoursClaim {
        HoursClaim {
            date: date(on),
            hours,
            start: date("2026-01-05"),
            today: date("2026-03-01"),
            daily_cap: 12.0,
            already_that_day: already,
        }
    }

    #[test]
    fn an_entry_inside_the_programme_and_the_cap_is_accepted() {
        assert!(check_hours(&claim("2026-01-05", 7.5, 0.0)).is_ok());
        assert!(
            check_hours(&claim("2026-03-01", 4.5, 7.5)).is_ok(),
            "exactly the cap"
        );
    }

    #[test]
    fn entries_before_the_start_in_the_future_or_over_the_cap_are_refused() {
        assert!(
            check_hours(&claim("2026-01-04", 1.0, 0.0))
                .unwrap_err()
                .contains("before the start")
        );
        assert!(
            check_hours(&claim("2026-03-02", 1.0, 0.0))
                .unwrap_err()
                .contains("in the future")
        );
        assert!(
            check_hours(&claim("2026-02-02", 5.0, 8.0))
                .unwrap_err()
                .contains("daily cap of 12 h")
        );
        assert!(check_hours(&claim("2026-02-02", 0.0, 0.0)).is_err());
        assert!(check_hours(&claim("2026-02-02", f64::NAN, 0.0)).is_err());
    }

    #[test]
    fn hours_are_at_least_six_minutes_at_most_a_day_and_to_the_hundredth() {
        assert_eq!(check_hours_amount(7.25), Ok(7.25));
        assert_eq!(check_hours_amount(0.1), Ok(0.1));
        assert_eq!(check_hours_amount(24.0), Ok(24.0));
        let tiny = check_hours_amount(1e-320).unwrap_err();
        assert!(tiny.contains("less than the least"), "{tiny}");
        assert!(tiny.len() < 120, "no 320-digit number: {tiny}");
        assert!(
            check_hours_amount(25.0)
                .unwrap_err()
                .contains("more than a day")
        );
        assert!(check_hours_amount(1e300).unwrap_err().len() < 120);
        assert!(
            check_hours_amount(7.333)
                .unwrap_err()
                .contains("two decimal places")
        );
        assert!(
            check_hours_amount(-6.0)
                .unwrap_err()
                .contains("-6 is not a positive")
        );
        assert!(check_hours_amount(f64::INFINITY).is_err());
    }
}
