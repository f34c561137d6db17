//! One clock for a run: the day every rule is judged on, and the time every
//! history row and signature records. `--today` and tests fix it.

use chrono::{DateTime, Local, NaiveDate, Utc};

/// What day and time it is, as the rules and the records see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    today: NaiveDate,
    /// A fixed instant (tests); otherwise real time is read when asked.
    fixed: Option<DateTime<Utc>>,
}

impl Clock {
    /// The real day and time.
    pub fn system() -> Clock {
        Clock {
            today: Local::now().date_naive(),
            fixed: None,
        }
    }

    /// Rules judged as of `today` (`--today`); records are stamped with the
    /// real time of day on that day.
    pub fn as_of(today: NaiveDate) -> Clock {
        Clock { today, fixed: None }
    }

    /// A stopped clock: the same instant whenever asked.
    pub fn fixed(at: DateTime<Utc>) -> Clock {
        Clock {
            today: at.date_naive(),
            fixed: Some(at),
        }
    }

    /// The day rules are judged on.
    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// The time a change or signature is recorded at.
    pub fn now(&self) -> DateTime<Utc> {
        if let Some(at) = self.fixed {
            return at;
        }
        let real = Utc::now();
        if real.date_naive() == self.today {
            real
        } else {
            self.today.and_time(real.time()).and_utc()
        }
    }

    /// The day it really is, whatever `--today` says: a check-in cannot be
    /// signed for a day that has not yet come.
    pub fn real_today(&self) -> NaiveDate {
        match self.fixed {
            Some(at) => at.date_naive(),
            None => Local::now().date_naive(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clock_set_to_a_day_stamps_records_on_that_day() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
        let clock = Clock::as_of(day);
        assert_eq!(clock.today(), day);
        assert_eq!(clock.now().date_naive(), day);
        let fixed = Clock::fixed(day.and_hms_opt(9, 30, 0).expect("time").and_utc());
        assert_eq!(fixed.now(), fixed.now());
        assert_eq!(fixed.real_today(), day);
    }
}
