//! Signing a completed review: which parties the framework asks for, who
//! has yet to sign, and when a wait for a signature becomes a warning.

use super::{CheckinSummary, PersonId};
use crate::framework::Party;
use chrono::NaiveDate;
use serde::Serialize;

/// Days a completed review may wait for a signature before it is a warning:
/// a sixth of the usual twelve-week review interval, so a review is signed
/// well before the next one is held.
pub const SIGNATURE_DUE_DAYS: i64 = 14;

/// A completed review still waiting for signatures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Awaiting {
    pub checkin_id: i64,
    /// The day the assessor completed it.
    pub completed: NaiveDate,
    /// Who has yet to sign, in the framework's order.
    pub parties: Vec<Party>,
    /// Days since it was completed.
    pub days: i64,
}

impl Awaiting {
    /// Waiting longer than the review's signatures are due in.
    pub fn overdue(&self) -> bool {
        self.days > SIGNATURE_DUE_DAYS
    }

    /// "awaiting employer signature for 12 days".
    pub fn describe(&self) -> String {
        format!(
            "awaiting {} for {}",
            signature_words(&self.parties),
            day_count(self.days)
        )
    }
}

/// The parties in `required` who are not in `signed`, in `required`'s order.
pub fn unsigned(required: &[Party], signed: &[Party]) -> Vec<Party> {
    required
        .iter()
        .copied()
        .filter(|party| !signed.contains(party))
        .collect()
}

/// The people a review or a gateway sign-off is signed by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewParties {
    pub apprentice: PersonId,
    /// The assessor who ran and completed the review; for the gateway, the
    /// apprentice's assessor, when one is assigned.
    pub assessor: Option<PersonId>,
    /// The apprentice's employer, when one is named.
    pub employer: Option<PersonId>,
}

impl ReviewParties {
    /// The party `actor` signs as: each person signs only as themselves.
    pub fn party_of(&self, actor: PersonId) -> Option<Party> {
        if actor == self.apprentice {
            Some(Party::Apprentice)
        } else if self.assessor == Some(actor) {
            Some(Party::Assessor)
        } else if self.employer == Some(actor) {
            Some(Party::Employer)
        } else {
            None
        }
    }
}

/// Every completed, unsealed review among `checkins` and who it waits for.
pub fn awaiting_signatures(
    checkins: &[CheckinSummary],
    required: &[Party],
    today: NaiveDate,
) -> Vec<Awaiting> {
    checkins
        .iter()
        .filter(|checkin| !checkin.sealed)
        .filter_map(|checkin| {
            let completed = checkin.completed?;
            Some(Awaiting {
                checkin_id: checkin.id,
                completed,
                parties: unsigned(required, &checkin.signed_by),
                days: (today - completed).num_days().max(0),
            })
        })
        .collect()
}

/// "employer signature", "apprentice and employer signatures".
pub fn signature_words(parties: &[Party]) -> String {
    let words: Vec<&str> = parties.iter().map(|party| party.as_str()).collect();
    match words.as_slice() {
        [] => "no signature".to_string(),
        [one] => format!("{one} signature"),
        [rest @ .., last] => format!("{} and {last} signatures", rest.join(", ")),
    }
}

fn day_count(days: i64) -> String {
    if days == 1 {
        "1 day".to_string()
    } else {
        format!("{days} days")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    fn completed(on: &str, signed_by: Vec<Party>) -> CheckinSummary {
        CheckinSummary {
            id: 7,
            date: date(on),
            assessor_id: 1,
            sealed: false,
            next_due: None,
            amends: None,
            completed: Some(date(on)),
            signed_by,
        }
    }

    #[test]
    fn a_review_waits_for_the_parties_who_have_not_signed_and_is_overdue_after_two_weeks() {
        let all = [Party::Apprentice, Party::Assessor, Party::Employer];
        let review = completed("2026-11-09", vec![Party::Assessor, Party::Apprentice]);
        let waiting = awaiting_signatures(std::slice::from_ref(&review), &all, date("2026-11-21"));
        assert_eq!(waiting.len(), 1);
        assert_eq!(
            waiting[0].describe(),
            "awaiting employer signature for 12 days"
        );
        assert!(!waiting[0].overdue());
        let later = awaiting_signatures(&[review], &all, date("2026-11-24"));
        assert!(later[0].overdue(), "15 days is past the fortnight");
        let none_signed = completed("2026-11-20", Vec::new());
        let text = awaiting_signatures(&[none_signed], &all, date("2026-11-21"))[0].describe();
        assert_eq!(
            text,
            "awaiting apprentice, assessor and employer signatures for 1 day"
        );
    }

    #[test]
    fn each_person_signs_only_as_themselves() {
        let parties = ReviewParties {
            apprentice: PersonId(1),
            assessor: Some(PersonId(2)),
            employer: Some(PersonId(3)),
        };
        assert_eq!(parties.party_of(PersonId(1)), Some(Party::Apprentice));
        assert_eq!(parties.party_of(PersonId(2)), Some(Party::Assessor));
        assert_eq!(parties.party_of(PersonId(3)), Some(Party::Employer));
        assert_eq!(parties.party_of(PersonId(4)), None);
        let no_employer = ReviewParties {
            employer: None,
            ..parties
        };
        assert_eq!(no_employer.party_of(PersonId(3)), None);
    }

    #[test]
    fn drafts_and_sealed_reviews_wait_for_nobody() {
        let mut sealed = completed("2026-11-09", Vec::new());
        sealed.sealed = true;
        let mut draft = completed("2026-11-09", Vec::new());
        draft.completed = None;
        let all = [Party::Apprentice, Party::Assessor];
        assert!(awaiting_signatures(&[sealed, draft], &all, date("2026-11-21")).is_empty());
    }
}
