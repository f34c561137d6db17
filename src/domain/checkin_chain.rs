//! Which sealed record speaks for a check-in meeting. A meeting is first
//! recorded by an original check-in; an amendment (or an amendment of an
//! amendment) corrects that record, and the latest sealed one speaks for
//! the meeting: its actions, its agreed next date. The meeting's date stays
//! the original's: an amendment is dated the day it was written.

use super::CheckinSummary;
use chrono::NaiveDate;

/// One meeting as recorded: when it was held and the record that speaks for it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Meeting<'a> {
    /// The original check-in: the meeting's date and place in order.
    pub original: &'a CheckinSummary,
    /// The latest sealed record of it: the original or an amendment.
    pub record: &'a CheckinSummary,
}

/// The original check-in that `id` records or amends, following amendments
/// back; `None` when `id` is not in `checkins`.
pub fn original_of(checkins: &[CheckinSummary], id: i64) -> Option<&CheckinSummary> {
    let mut current = checkins.iter().find(|c| c.id == id)?;
    // Bounded by the list's length, so a damaged loop of amendments ends.
    for _ in 0..checkins.len() {
        match current.amends {
            Some(amended) => current = checkins.iter().find(|c| c.id == amended)?,
            None => return Some(current),
        }
    }
    None
}

/// The meeting recorded by original check-in `original`, when sealed.
fn meeting<'a>(checkins: &'a [CheckinSummary], original: &'a CheckinSummary) -> Meeting<'a> {
    let record = checkins
        .iter()
        .filter(|c| c.sealed && c.amends.is_some())
        .filter(|c| original_of(checkins, c.id).is_some_and(|o| o.id == original.id))
        .max_by_key(|c| c.id)
        .unwrap_or(original);
    Meeting { original, record }
}

/// Sealed meetings held before the meeting `date`/`id` stands for, latest first.
fn sealed_meetings_before(
    checkins: &[CheckinSummary],
    date: NaiveDate,
    id: i64,
) -> impl Iterator<Item = Meeting<'_>> {
    let mut originals: Vec<&CheckinSummary> = checkins
        .iter()
        .filter(|c| c.sealed && c.amends.is_none() && (c.date, c.id) < (date, id))
        .collect();
    originals.sort_by_key(|c| std::cmp::Reverse((c.date, c.id)));
    originals
        .into_iter()
        .map(move |original| meeting(checkins, original))
}

/// The latest sealed meeting of all.
pub fn last_meeting(checkins: &[CheckinSummary]) -> Option<Meeting<'_>> {
    sealed_meetings_before(checkins, NaiveDate::MAX, i64::MAX).next()
}

/// The meeting before the one check-in `writing` records: for a new
/// check-in, the last sealed meeting before it; for an amendment, the one
/// before the meeting it amends. `writing` need not be in `checkins`.
pub fn meeting_before<'a>(
    checkins: &'a [CheckinSummary],
    writing: &CheckinSummary,
) -> Option<Meeting<'a>> {
    let (date, id) = match writing.amends {
        Some(amended) => {
            let original = original_of(checkins, amended)?;
            (original.date, original.id)
        }
        None => (writing.date, writing.id),
    };
    sealed_meetings_before(checkins, date, id).next()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    fn checkin(id: i64, on: &str, amends: Option<i64>) -> CheckinSummary {
        CheckinSummary {
            id,
            date: date(on),
            assessor_id: 1,
            sealed: true,
            next_due: None,
            amends,
            completed: None,
            signed_by: Vec::new(),
        }
    }

    #[test]
    fn an_amendment_speaks_for_the_meeting_it_amends_at_that_meeting_s_date() {
        let checkins = [
            checkin(1, "2026-03-30", None),
            checkin(2, "2026-06-22", None),
            checkin(3, "2026-07-01", Some(2)),
            checkin(4, "2026-07-02", Some(3)),
            checkin(5, "2026-07-03", Some(1)),
        ];
        let last = last_meeting(&checkins).expect("a meeting");
        assert_eq!((last.original.id, last.record.id), (2, 4));
        assert_eq!(original_of(&checkins, 4).map(|c| c.id), Some(2));
        let before_amending_2 = meeting_before(&checkins, &checkin(6, "2026-11-21", Some(4)));
        let before = before_amending_2.expect("the first meeting");
        assert_eq!((before.original.id, before.record.id), (1, 5));
        let before_new = meeting_before(&checkins, &checkin(6, "2026-11-21", None));
        assert_eq!(before_new.map(|m| m.record.id), Some(4));
        assert_eq!(
            meeting_before(&checkins, &checkin(6, "2026-11-21", Some(1))),
            None
        );
    }

    #[test]
    fn drafts_do_not_speak_for_a_meeting() {
        let mut draft = checkin(2, "2026-07-01", Some(1));
        draft.sealed = false;
        let checkins = [checkin(1, "2026-03-30", None), draft];
        assert_eq!(last_meeting(&checkins).map(|m| m.record.id), Some(1));
    }
}
