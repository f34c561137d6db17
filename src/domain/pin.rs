//! Personal PINs: what a new one must be, and the lock-out that follows
//! too many wrong tries.

use chrono::{DateTime, TimeDelta, Utc};

/// Wrong tries in a row that lock a person out.
pub const PIN_TRIES: i64 = 3;

/// How long a person stays locked out.
pub const PIN_LOCK: TimeDelta = TimeDelta::seconds(60);

const MIN_CHARS: usize = 4;
const MAX_CHARS: usize = 128;

/// A person's wrong tries since their last right one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PinTries {
    pub failed: i64,
    pub locked_until: Option<DateTime<Utc>>,
}

impl PinTries {
    /// When the lock-out ends, if it has not yet.
    pub fn locked_at(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.locked_until.filter(|until| *until > now)
    }

    /// The count after one more wrong try at `now`: the last allowed one
    /// locks the person and starts the count again for after the lock.
    pub fn after_wrong(&self, now: DateTime<Utc>) -> PinTries {
        let failed = self.failed + 1;
        if failed >= PIN_TRIES {
            PinTries {
                failed: 0,
                locked_until: Some(now + PIN_LOCK),
            }
        } else {
            PinTries {
                failed,
                locked_until: None,
            }
        }
    }

    /// Wrong tries left before the lock-out.
    pub fn left(&self) -> i64 {
        (PIN_TRIES - self.failed).max(0)
    }
}

/// A new PIN or passphrase: 4 to 128 characters, no control characters,
/// and no space at either end (it would be lost or added unseen when typed).
pub fn check_new_pin(pin: &str) -> Result<(), String> {
    let chars = pin.chars().count();
    if chars < MIN_CHARS {
        return Err(format!("must be at least {MIN_CHARS} characters"));
    }
    if chars > MAX_CHARS {
        return Err(format!("must be at most {MAX_CHARS} characters"));
    }
    if pin.chars().any(char::is_control) {
        return Err("cannot contain control characters".into());
    }
    if pin.trim() != pin {
        return Err("cannot begin or end with a space".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn noon() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap()
    }

    #[test]
    fn the_third_wrong_try_locks_for_a_minute_and_starts_the_count_again() {
        let first = PinTries::default().after_wrong(noon());
        assert_eq!(first.left(), 2);
        assert_eq!(first.locked_at(noon()), None);
        let third = first.after_wrong(noon()).after_wrong(noon());
        assert_eq!(third.locked_at(noon()), Some(noon() + PIN_LOCK));
        assert_eq!(third.locked_at(noon() + PIN_LOCK), None);
        assert_eq!(third.left(), 3);
    }

    #[test]
    fn a_new_pin_is_4_to_128_characters_without_spaces_at_the_ends() {
        assert!(check_new_pin("1234").is_ok());
        assert!(check_new_pin("correct horse battery").is_ok());
        assert!(check_new_pin("123").is_err());
        assert!(check_new_pin(&"x".repeat(129)).is_err());
        assert!(check_new_pin(" 1234").is_err());
        assert!(check_new_pin("12\t34").is_err());
    }
}
